/*
 * storage/coord.h - the record decoders of kafka-dump-log for Kafka's internal
 * topics: --offsets-decoder (__consumer_offsets), --transaction-log-decoder
 * (__transaction_state), --share-group-state-decoder (__share_group_state)
 * and --cluster-metadata-decoder (__cluster_metadata and KRaft snapshots).
 *
 * Each function turns one record's key and value into the text Apache
 * Kafka 4.3.1's DumpLogSegments prints after "key: " and "payload: ".
 * Apache builds that text with its generated JsonConverter classes and
 * Jackson; coord_schema.h holds the schemas and the JSON writer.
 *
 * Composing a record line (DumpLogSegments.printRecordContents): after the
 * record metadata, when contents are printed and the batch is not a control
 * batch, print " key: " + out->key when out->has_key, then " payload: " +
 * out->value when out->has_value (with --skip-record-metadata the first of
 * the two starts with "| " instead of " "), then the newline.
 */
#ifndef KT_STORAGE_COORD_H
#define KT_STORAGE_COORD_H

#include "base/buf.h"
#include "base/err.h"

#include <stdbool.h>
#include <stdint.h>

/* What a decoder produced for one record: the text after "key: " (when
 * has_key) and after "payload: " (when has_value). Not NUL-terminated:
 * print key.len / value.len bytes. */
struct kt_coord_out {
	struct kt_buf key;
	struct kt_buf value;
	bool has_key;
	bool has_value;
};

/* Start empty texts whose buffers are capped at max bytes (0: the kt_buf
 * default). */
void kt_coord_out_init(struct kt_coord_out *o, size_t max);
/* Free the buffers. */
void kt_coord_out_release(struct kt_coord_out *o);

/* Return value of the decoders for a record whose type is not known:
 * out->key holds "Unknown record type <t> at offset <o>, skipping." and
 * there is no payload, as Apache prints. */
#define KT_COORD_UNKNOWN 1

/* What Apache prints (on stderr, in the exception line, then it exits 1)
 * for a coordinator record without a key; the argument is the offset. */
#define KT_COORD_MISSING_KEY_FMT                                               \
	"Failed to decode message at offset %lld using the specified decoder " \
	"(message had a missing key)"

/*
 * Decode one record of __consumer_offsets (--offsets-decoder). key and
 * value are views of the record's key and value (p == NULL: null); offset
 * is the record's offset, which Apache puts into its skip messages.
 *
 * Returns 0 when the record decoded: out->key is
 * {"type":"<t>","data":{...}} and out->value {"version":"<v>","data":{...}}
 * or <DELETE> for a null value. Returns KT_COORD_UNKNOWN for an unknown
 * record type (see above). Returns a negative KT_E* when the bytes do not
 * decode, with err filled and out->key set to Apache's text for that case,
 * "Error at offset <o>, skipping. <Java exception message>" (no payload):
 * the tool prints it like a decoded key and goes on. A null key returns
 * -KT_EINVAL with nothing in out: Apache aborts the whole dump there with
 * KT_COORD_MISSING_KEY_FMT. -KT_ENOMEM or -KT_ETOOBIG when an output buffer
 * fails (out then holds nothing).
 *
 * GroupMetadataValue members of protocol type "consumer" have their
 * subscription and assignment bytes printed as decoded objects when they
 * decode, as Apache does.
 */
int kt_coord_offsets_format(struct kt_bytes key, struct kt_bytes value,
			    int64_t offset, struct kt_coord_out *out,
			    struct kt_err *err);

/* The same for __transaction_state (--transaction-log-decoder, the JSON
 * form of Kafka 4.1 to 4.3: transactionStatus is a number). */
int kt_coord_txn_format(struct kt_bytes key, struct kt_bytes value,
			int64_t offset, struct kt_coord_out *out,
			struct kt_err *err);

/* The same for __share_group_state (--share-group-state-decoder). */
int kt_coord_share_format(struct kt_bytes key, struct kt_bytes value,
			  int64_t offset, struct kt_coord_out *out,
			  struct kt_err *err);

/*
 * Decode one record of __cluster_metadata or of a KRaft snapshot
 * (--cluster-metadata-decoder). Only the value is read: there is never a
 * key in out. Returns 0 with out->value
 * {"type":"<RECORD_NAME>","version":<v>,"data":{...}}, or a negative KT_E*
 * with err filled and out->value set to Apache's text for the failure,
 * "Error at <o>, skipping. <message>" (a null value gives "Error while
 * reading frame version"); -KT_ENOMEM or -KT_ETOOBIG when an output buffer
 * fails (out then holds nothing).
 */
int kt_coord_metadata_format(struct kt_bytes value, int64_t offset,
			     struct kt_coord_out *out, struct kt_err *err);

#endif
