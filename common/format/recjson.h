/*
 * format/recjson.h - kafkit's lossless JSON record lines, written by
 * kafka-console-consumer --output json (and kafka-dump-log --output json
 * records) and read back by kafka-console-producer's JSON reader, so that
 * topic -> file -> topic round-trips byte for byte.
 *
 * One JSON object per line:
 *
 *   {"topic":"t","partition":0,"offset":42,"timestamp":1700000000000,
 *    "timestamp_type":"CreateTime","leader_epoch":0,"key":"k","value":"v",
 *    "headers":[{"key":"h","value":"x"},{"key":"h","value":null}]}
 *
 * - key, value and header values: null for a Kafka null; a JSON string when
 *   the bytes are valid UTF-8 (control characters and NUL escaped, so any
 *   valid UTF-8 round-trips); otherwise base64 (RFC 4648, padded) with a
 *   sibling field "key_encoding":"base64" or "value_encoding":"base64". A
 *   header key that is not UTF-8 gets "key_encoding" inside its header
 *   object the same way. Readers also accept "hex" and "utf8".
 * - headers: in record order; duplicate keys allowed.
 * - timestamp_type: "CreateTime", "LogAppendTime" or "NoTimestampType".
 * - leader_epoch only when known (>= 0); topic, partition and offset only
 *   when the writer knows them.
 * The JSON reader (producer input) ignores topic, offset, timestamp_type and
 * leader_epoch; partition and timestamp are optional; a missing key or value
 * is null; any other field is an error.
 */
#ifndef KT_FORMAT_RECJSON_H
#define KT_FORMAT_RECJSON_H

#include "base/buf.h"
#include "record/record.h" /* KT_TS_* timestamp types */

#include <stdbool.h>
#include <stdint.h>

struct kt_jhdr {
	struct kt_bytes key;
	struct kt_bytes value; /* p == NULL: null */
};

/* A record to write: views, owned by the caller. */
struct kt_jrec {
	const char *topic; /* NULL: left out */
	int32_t partition; /* < 0: left out */
	int64_t offset;	   /* < 0: left out */
	int64_t timestamp;
	int ts_type;	      /* KT_TS_* */
	int32_t leader_epoch; /* < 0: left out */
	struct kt_bytes key, value;
	const struct kt_jhdr *headers;
	size_t n_headers;
};

/* Append r as one JSON line, '\n' included, to out. Returns 0 or out->err. */
int kt_jrec_write(struct kt_buf *out, const struct kt_jrec *r);

/* A record read from a JSON line: everything owned (kt_jrec_in_release). */
struct kt_jrec_in {
	bool has_partition;
	int32_t partition;
	bool has_timestamp;
	int64_t timestamp;
	uint8_t *key, *value; /* NULL: null */
	size_t key_len, value_len;
	struct kt_jhdr_in {
		uint8_t *key;
		size_t key_len;
		uint8_t *value; /* NULL: null */
		size_t value_len;
	} * headers;
	size_t n_headers;
};

/*
 * Parse one line (without its '\n'). Returns 0, or -KT_ESYNTAX with err
 * saying what is wrong ("invalid JSON at column 5: ...", "unknown field
 * 'x'", "invalid base64 in 'value'"). out is zeroed first and left empty on
 * failure.
 */
int kt_jrec_parse(const char *line, size_t len, struct kt_jrec_in *out,
		  struct kt_err *err);
void kt_jrec_in_release(struct kt_jrec_in *r);

/* Append the JSON string form of valid UTF-8 text (quotes included). */
int kt_json_put_str(struct kt_buf *out, const uint8_t *p, size_t n);

#endif
