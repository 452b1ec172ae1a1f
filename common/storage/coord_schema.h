/*
 * storage/coord_schema.h - schema tables of the records of Kafka's internal
 * topics (__consumer_offsets, __transaction_state, __share_group_state,
 * __cluster_metadata) and the interpreter that turns one encoded message into
 * the JSON text of Kafka's generated *JsonConverter classes.
 *
 * The tables (coord_schema.c) describe Kafka's message definitions (the
 * common/message/NAME.json and common/metadata/NAME.json files of the 4.3.1
 * release): one row per field, in declaration order. The interpreter
 * (coord.c) reads a message with the classic or flexible encoding (KIP-482)
 * at a given version and writes JSON the way Jackson prints the converters'
 * trees. Most callers want the record-level functions of coord.h instead.
 */
#ifndef KT_STORAGE_COORD_SCHEMA_H
#define KT_STORAGE_COORD_SCHEMA_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Field types of Kafka's message definitions. */
enum kt_ctype {
	KT_CT_BOOL,
	KT_CT_I8,
	KT_CT_I16,
	KT_CT_U16,
	KT_CT_I32,
	KT_CT_U32,
	KT_CT_I64,
	KT_CT_F64,
	KT_CT_STR,
	KT_CT_BYTES,
	KT_CT_UUID,
	KT_CT_STRUCT,
};

struct kt_cstruct;

/* One field of a message struct; see coord_schema.c for the columns. */
struct kt_cfield {
	const char *name;  /* JSON name: the spec name, first letter lower */
	uint8_t type;	   /* enum kt_ctype (of the elements when array) */
	uint8_t array;	   /* 1: an array of type */
	int8_t vmin, vmax; /* versions where the field exists */
	int8_t nmin, nmax; /* versions where it is nullable */
	int8_t tag;	   /* tagged-field number, -1 if never tagged */
	int8_t tmin, tmax; /* versions where it is tagged */
	int64_t def;	   /* default (number, bool) or 1 = null default */
	const char *sdef;  /* default of a string field */
	const struct kt_cstruct *sub; /* struct type of KT_CT_STRUCT */
};

struct kt_cstruct {
	const struct kt_cfield *f;
	size_t n;
};

/* A message: its versions, the first flexible one (99: none), its fields. */
struct kt_cmsg {
	const char *name;
	int16_t vmin, vmax, flex;
	const struct kt_cstruct *s;
};

/* A coordinator record type: key and value schemas (coordinator topics). */
struct kt_crec {
	int16_t id;
	struct kt_cmsg key, value;
};

/* A KRaft metadata record type, with its MetadataRecordType name. */
struct kt_cmeta {
	int16_t id;
	const char *type;
	struct kt_cmsg m;
};

extern const struct kt_crec kt_coord_group_recs[];
extern const size_t kt_coord_group_recs_len;
extern const struct kt_crec kt_coord_txn_recs[];
extern const size_t kt_coord_txn_recs_len;
extern const struct kt_crec kt_coord_share_recs[];
extern const size_t kt_coord_share_recs_len;
extern const struct kt_cmeta kt_coord_meta_recs[];
extern const size_t kt_coord_meta_recs_len;

/* The record type id of the table recs[0..n), or NULL if it has none. */
const struct kt_crec *kt_crec_find(const struct kt_crec *recs, size_t n,
				   int16_t id);

extern const struct kt_cmsg kt_coord_msg_consumer_protocol_subscription;
extern const struct kt_cmsg kt_coord_msg_consumer_protocol_assignment;
extern const struct kt_cmsg kt_coord_msg_leader_change_message;
extern const struct kt_cmsg kt_coord_msg_snapshot_header_record;
extern const struct kt_cmsg kt_coord_msg_snapshot_footer_record;
extern const struct kt_cmsg kt_coord_msg_kraft_version_record;
extern const struct kt_cmsg kt_coord_msg_voters_record;

/* Options of kt_coord_msg_json. */
enum {
	/* GroupMetadataValue: when protocolType is "consumer", print each
	 * member's subscription and assignment bytes as the decoded
	 * ConsumerProtocol messages (what kafka-dump-log does) */
	KT_COORD_CONSUMER_PROTOCOL = 1,
};

/*
 * Read one message of schema m at version from r (only the message: no
 * version prefix) and append its JSON object to out, exactly as Kafka's
 * generated JsonConverter.write(message, version) prints through Jackson.
 * A version outside m's range is read as Kafka's generated code reads it
 * (the nearest supported layout); bytes left in r after the message are not
 * looked at. On failure returns a negative KT_E* and, when jmsg is not
 * NULL, writes into it the message of the exception Kafka's reader throws
 * for the same bytes (e.g. "Error reading byte array of 9 byte(s): only 2
 * byte(s) available", or "null" for a buffer underflow); out may then hold
 * a partial object. r is left after the message.
 */
int kt_coord_msg_json(const struct kt_cmsg *m, int version, int flags,
		      struct kt_reader *r, struct kt_buf *out, char *jmsg,
		      size_t jmsg_len);

/* Append the JSON string for the bytes p[0..n) the way Kafka and Jackson
 * print a Java String made from them: bytes decoded as UTF-8 by Java 17
 * (each malformed sequence becomes U+FFFD), '"', '\\' and control
 * characters escaped as Jackson does, other characters as UTF-8. */
void kt_coord_json_str(struct kt_buf *b, const uint8_t *p, size_t n);

/* Append a double as Jackson prints it: Java's Double.toString, "NaN",
 * "Infinity" and "-Infinity" quoted. */
void kt_coord_json_double(struct kt_buf *b, double d);

/* Append base64 (standard alphabet, '=' padding) of p[0..n): Jackson's
 * form for byte arrays. */
void kt_coord_base64(struct kt_buf *b, const uint8_t *p, size_t n);

/* AbstractApiMessageSerde.read's check of a record's frame version (the
 * first uvarint of __cluster_metadata and __remote_log_metadata values):
 * returns 0 for 1, else -KT_EPROTO with Java's exception message in
 * msg[0..cap). */
int kt_coord_frame_check(int16_t frame, char *msg, size_t cap);

#endif
