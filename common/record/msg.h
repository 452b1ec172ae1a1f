/*
 * record/msg.h - one consumed record as the consumer hands it to a formatter:
 * the fields of Java's ConsumerRecord that Apache's console consumer prints, as
 * views into the fetch response (or decompression buffer) it came from.
 *
 * Headers stay in their wire form (record format v2, protocol.md §7.2):
 * iterate them with kt_msg_header_iter_init and kt_header_iter_next from
 * record.h. A record of a legacy message set (magic 0/1) has none.
 */
#ifndef KT_RECORD_MSG_H
#define KT_RECORD_MSG_H

#include "base/buf.h"
#include "record/record.h"

struct kt_msg {
	const char *topic;
	int32_t partition;
	int64_t offset;
	int64_t timestamp;
	int ts_type;	      /* enum kt_ts_type */
	int32_t leader_epoch; /* -1 when unknown (magic 0/1) */
	struct kt_bytes key;  /* p == NULL: null */
	struct kt_bytes value;
	struct kt_bytes headers; /* encoded headers of the record */
	int32_t headers_count;
};

/* Start iterating m's headers (kt_header_iter_next gives each; the record
 * iterator validated them, so iteration cannot fail). */
static inline void kt_msg_header_iter_init(struct kt_header_iter *it,
					   const struct kt_msg *m)
{
	struct kt_record rec;

	memset(&rec, 0, sizeof(rec));
	rec.headers = m->headers;
	rec.headers_count = m->headers_count;
	kt_header_iter_init(it, &rec);
}

#endif
