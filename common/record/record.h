/*
 * record/record.h - Kafka record batches (magic 2) and legacy message sets
 * (magic 0 and 1): views, iterators and the magic-2 encoder.
 *
 * Facts: protocol.md §7 (batch header, records, control batches, legacy
 * message sets, parsing a region of batches), KIP-98 (message format v2),
 * KIP-32 (magic 1 timestamps), storage.md §12 for the dump-log view.
 *
 * One decoder serves the segment dumper (.log files), the consumer (the
 * records of a Fetch response) and tests of the producer's encoder:
 *
 *   struct kt_region rg;          a byte region of concatenated batches
 *   struct kt_entry e;            one batch (magic 2) or message (0/1)
 *   struct kt_record_iter it;     the records of a magic-2 batch
 *   struct kt_legacy_iter li;     the inner messages of a compressed
 *                                 magic 0/1 wrapper
 *
 *	kt_region_init(&rg, p, len, file_pos, max_length, 0);
 *	while ((rc = kt_region_next(&rg, &e, &err)) > 0) {
 *		if (e.magic == 2) {
 *			kt_batch_records(&e.batch, &scratch, &recs, &err);
 *			kt_record_iter_init(&it, &e.batch, recs);
 *			while ((rc = kt_record_iter_next(&it, &rec, &err)) > 0)
 *				...
 *		}
 *	}
 *	rc < 0: error; rc == 0: end, rg.left_over bytes of a truncated tail.
 *
 * Every decoded field that holds bytes is a struct kt_bytes VIEW into the
 * memory given to the decoder (the region, or the caller's decompression
 * buffer): valid only while that memory lives and is not changed. Nothing
 * here allocates, except the encoder and kt_batch_records /
 * kt_legacy_inner, which write into the caller's struct kt_buf.
 *
 * Decoding is lenient where Java is (a negative key or value length other
 * than -1 reads as null, unknown control record versions are accepted) and
 * strict where Java throws: lengths past the end, a record that does not
 * fill its declared size, a batch with more or fewer records than it says.
 * Checksums are not checked by the iterators; kt_batch_crc_ok and
 * kt_legacy_crc_ok do that, so a dump tool can print "isvalid: false" and
 * go on.
 */
#ifndef KT_RECORD_RECORD_H
#define KT_RECORD_RECORD_H

#include "base/buf.h"
#include "record/compress.h"

/* Sizes (protocol.md §7.1, §7.5). */
#define KT_LOG_OVERHEAD 12	/* offset int64 + length int32 */
#define KT_BATCH_HEADER_LEN 61	/* the magic-2 header up to the records */
#define KT_BATCH_MIN_LENGTH 49	/* batchLength of an empty batch */
#define KT_BATCH_CRC_START 21	/* the CRC covers [21, end) */
#define KT_LEGACY_MIN_LENGTH 14 /* FileLogInputStream's minimum length */

/* Batch attributes (magic 2), low byte. */
#define KT_ATTR_CODEC_MASK 0x07
#define KT_ATTR_LOG_APPEND_TIME 0x08
#define KT_ATTR_TRANSACTIONAL 0x10
#define KT_ATTR_CONTROL 0x20
#define KT_ATTR_DELETE_HORIZON 0x40

/* Legacy message attributes. */
#define KT_LEGACY_ATTR_LOG_APPEND_TIME 0x08

/* Timestamp types as Java prints them. */
enum kt_ts_type {
	KT_TS_NONE = -1, /* magic 0: NoTimestampType */
	KT_TS_CREATE = 0,
	KT_TS_LOG_APPEND = 1,
};

/* "NoTimestampType", "CreateTime" or "LogAppendTime". */
const char *kt_ts_type_name(int ts_type);

/* A magic-2 record batch header (protocol.md §7.1), as views. */
struct kt_batch {
	int64_t base_offset;
	int32_t batch_length;
	int32_t partition_leader_epoch;
	int8_t magic;
	uint32_t crc;
	int16_t attributes;
	int32_t last_offset_delta;
	int64_t base_timestamp;
	int64_t max_timestamp;
	int64_t producer_id;
	int16_t producer_epoch;
	int32_t base_sequence;
	int32_t records_count;
	struct kt_bytes raw;	 /* the whole batch, 12 + batch_length bytes */
	struct kt_bytes records; /* after records_count: records, or their
				    compressed stream */
	size_t pos;		 /* position of the batch (see kt_region) */
};

static inline int kt_batch_codec(const struct kt_batch *b)
{
	return b->attributes & KT_ATTR_CODEC_MASK;
}

static inline int kt_batch_ts_type(const struct kt_batch *b)
{
	return (b->attributes & KT_ATTR_LOG_APPEND_TIME) ? KT_TS_LOG_APPEND
							 : KT_TS_CREATE;
}

static inline bool kt_batch_is_transactional(const struct kt_batch *b)
{
	return (b->attributes & KT_ATTR_TRANSACTIONAL) != 0;
}

static inline bool kt_batch_is_control(const struct kt_batch *b)
{
	return (b->attributes & KT_ATTR_CONTROL) != 0;
}

static inline bool kt_batch_has_delete_horizon(const struct kt_batch *b)
{
	return (b->attributes & KT_ATTR_DELETE_HORIZON) != 0;
}

static inline int64_t kt_batch_last_offset(const struct kt_batch *b)
{
	return b->base_offset + b->last_offset_delta;
}

/* Java's DefaultRecordBatch.incrementSequence: seq + delta, wrapping from
 * INT32_MAX to 0; -1 (no sequence) stays -1. */
int32_t kt_sequence_add(int32_t seq, int32_t delta);

/* The last sequence of a batch (base_sequence + last_offset_delta,
 * wrapped; -1 when the batch has none). */
static inline int32_t kt_batch_last_sequence(const struct kt_batch *b)
{
	return kt_sequence_add(b->base_sequence, b->last_offset_delta);
}

/*
 * Decode the magic-2 batch header in the n bytes at p (untrusted), which
 * must hold the whole batch: 12 + batchLength bytes, where n may be larger
 * (the rest is ignored). pos is the batch's position for messages and
 * b->pos. Checks magic 2, batchLength >= 49 and within n, a known codec
 * (0-4) and recordsCount >= 0; does not check the CRC. Returns 0, or a
 * negative KT_E* (KT_ETRUNC, KT_EBADLEN, KT_EPROTO) with err filled
 * ("batch at byte N: ...").
 */
int kt_batch_parse(struct kt_batch *b, const void *p, size_t n, size_t pos,
		   struct kt_err *err);

/* CRC-32C of the batch bytes the CRC covers, and whether it matches the
 * stored one (Java's isValid: also false for a batch shorter than 61). */
uint32_t kt_batch_crc_compute(const struct kt_batch *b);
bool kt_batch_crc_ok(const struct kt_batch *b);

/*
 * The uncompressed records region of b: b->records itself when the batch
 * is not compressed, else the records decompressed into scratch (reset
 * first; scratch->max is the ceiling, KT_ETOOBIG past it). *out views b or
 * scratch. Returns 0 or a negative KT_E* with err filled, prefixed with
 * "batch at byte N".
 */
int kt_batch_records(const struct kt_batch *b, struct kt_buf *scratch,
		     struct kt_bytes *out, struct kt_err *err);

/* One header of a record: key is never null, value may be (p == NULL). */
struct kt_header {
	struct kt_bytes key;
	struct kt_bytes value;
};

/* One record of a magic-2 batch (protocol.md §7.2), as views. */
struct kt_record {
	int8_t attributes;
	int64_t timestamp_delta;
	int32_t offset_delta;
	int64_t offset;	       /* base_offset + offset_delta */
	int64_t timestamp;     /* base_timestamp + delta, or max_timestamp with
				  LogAppendTime (Java's rule) */
	int32_t sequence;      /* base_sequence + offset_delta, wrapped; -1 */
	struct kt_bytes key;   /* p == NULL: null key */
	struct kt_bytes value; /* p == NULL: null value (tombstone) */
	int32_t headers_count;
	struct kt_bytes headers; /* the encoded headers, see kt_header_iter */
	size_t size;		 /* encoded size, length varint included */
	size_t pos;		 /* position in the records region */
};

/* Iterator over the records of one batch. */
struct kt_record_iter {
	struct kt_reader r;
	const struct kt_batch *batch;
	int32_t index; /* records returned so far */
};

/* Start iterating the records of b in recs: the uncompressed records
 * region (from kt_batch_records). b and recs must outlive the iterator. */
void kt_record_iter_init(struct kt_record_iter *it, const struct kt_batch *b,
			 struct kt_bytes recs);

/*
 * The next record: returns 1 with *rec filled (views into recs), 0 after
 * the last one (recordsCount records read and the region used up exactly),
 * or a negative KT_E* with err filled ("batch at byte N: record 3 at byte
 * 120 of the records: ..."); after an error the iterator keeps failing.
 * Headers are fully validated here, so kt_header_iter over a returned
 * record cannot fail.
 */
int kt_record_iter_next(struct kt_record_iter *it, struct kt_record *rec,
			struct kt_err *err);

/* Iterator over the headers of a record returned by kt_record_iter_next. */
struct kt_header_iter {
	struct kt_reader r;
	int32_t left;
};

void kt_header_iter_init(struct kt_header_iter *it,
			 const struct kt_record *rec);
/* 1 with *h filled, 0 at the end. */
int kt_header_iter_next(struct kt_header_iter *it, struct kt_header *h);

/* Control record types (ControlRecordType.java). */
enum kt_control_type {
	KT_CONTROL_UNKNOWN = -1,
	KT_CONTROL_ABORT = 0,
	KT_CONTROL_COMMIT = 1,
	KT_CONTROL_LEADER_CHANGE = 2,
	KT_CONTROL_SNAPSHOT_HEADER = 3,
	KT_CONTROL_SNAPSHOT_FOOTER = 4,
	KT_CONTROL_KRAFT_VERSION = 5,
	KT_CONTROL_KRAFT_VOTERS = 6,
};

/* Java's enum name: "ABORT", "COMMIT", "LEADER_CHANGE", "SNAPSHOT_HEADER",
 * "SNAPSHOT_FOOTER", "KRAFT_VERSION", "KRAFT_VOTERS" or "UNKNOWN". */
const char *kt_control_type_name(int type);

/* The key of a control record, and for ABORT/COMMIT its EndTxnMarker
 * value. value views the record's value for the KRaft types (their
 * flexible messages are decoded by the segment code). */
struct kt_control {
	int16_t key_version;
	int16_t type;		   /* as written; see kt_control_type() */
	int16_t marker_version;	   /* ABORT/COMMIT only */
	int32_t coordinator_epoch; /* ABORT/COMMIT only */
	struct kt_bytes value;
};

/* The known type of c, or KT_CONTROL_UNKNOWN. */
int kt_control_type(const struct kt_control *c);

/*
 * Decode the control record rec (of a control batch). Like Java: the key
 * must hold at least 4 bytes and a version >= 0 (newer versions are read
 * as version 0); an ABORT/COMMIT value must hold a version >= 0 and a
 * coordinator epoch. Returns 0, or -KT_EPROTO with err filled.
 */
int kt_control_parse(const struct kt_record *rec, struct kt_control *c,
		     struct kt_err *err);

/* One legacy message (magic 0 or 1) with its log entry prefix. */
struct kt_legacy {
	int64_t offset;
	int32_t size; /* message size: bytes after the 12-byte prefix */
	uint32_t crc;
	int8_t magic;
	int8_t attributes;
	int64_t timestamp;     /* -1 for magic 0 */
	struct kt_bytes key;   /* p == NULL: null */
	struct kt_bytes value; /* p == NULL: null */
	struct kt_bytes raw;   /* the whole entry, 12 + size bytes */
	size_t pos;
};

static inline int kt_legacy_codec(const struct kt_legacy *m)
{
	return m->attributes & KT_ATTR_CODEC_MASK;
}

/* KT_TS_NONE for magic 0, else CreateTime or LogAppendTime. */
static inline int kt_legacy_ts_type(const struct kt_legacy *m)
{
	if (m->magic == 0)
		return KT_TS_NONE;
	return (m->attributes & KT_LEGACY_ATTR_LOG_APPEND_TIME)
		       ? KT_TS_LOG_APPEND
		       : KT_TS_CREATE;
}

/*
 * Decode one legacy log entry from the n bytes at p, which must hold all
 * 12 + size bytes (more is ignored). Checks magic 0/1, the minimum size
 * of its magic, a codec id 0-4 and key and value inside the message (a
 * negative length is null and bytes after the value are ignored, as in
 * Java's LegacyRecord). Does not check the CRC. Returns 0 or a negative
 * KT_E* with err filled ("message at byte N: ...").
 */
int kt_legacy_parse(struct kt_legacy *m, const void *p, size_t n, size_t pos,
		    struct kt_err *err);

/* CRC-32 over magic..end, and whether it matches the stored one. */
uint32_t kt_legacy_crc_compute(const struct kt_legacy *m);
bool kt_legacy_crc_ok(const struct kt_legacy *m);

/*
 * Deep iteration of a compressed wrapper message (Java's
 * AbstractLegacyRecordBatch.DeepRecordsIterator). kt_legacy_inner
 * decompresses the wrapper's value into scratch (reset first; its max is
 * the ceiling; lz4 with magic 0 takes the KAFKA-3160 frame) and checks
 * every inner message frame; then kt_legacy_iter_next returns the inner
 * messages with Java's offsets and timestamps: magic 0 inner offsets as
 * written; magic 1 relative offsets made absolute from the wrapper's
 * offset (the wrapper holds the last one; a wrapper offset of 0 keeps them
 * as written), and with a LogAppendTime wrapper every inner message takes
 * the wrapper's timestamp and type. Inner messages must have the
 * wrapper's magic and no codec of their own.
 */
struct kt_legacy_iter {
	struct kt_reader r;
	const struct kt_legacy *wrapper;
	int64_t offset_base; /* added to inner offsets */
	int32_t index;
};

int kt_legacy_inner(struct kt_legacy_iter *it, const struct kt_legacy *wrapper,
		    struct kt_buf *scratch, struct kt_err *err);

/* 1 with *m filled (m->offset absolute, m->timestamp adjusted, m->raw and
 * m->crc the inner message's own), 0 at the end, negative on error. */
int kt_legacy_iter_next(struct kt_legacy_iter *it, struct kt_legacy *m,
			struct kt_err *err);

/*
 * A byte region of concatenated batches and messages: a Fetch response's
 * records or a chunk of a .log file (protocol.md §7.6, Java's
 * FileLogInputStream). Each step reads the 12-byte prefix (offset, length)
 * and decides the format from the magic byte at offset 16.
 */
struct kt_region {
	struct kt_reader r;
	size_t base;	   /* position of the region's first byte */
	size_t max_length; /* largest accepted length field (the bytes after
			      the 12-byte prefix); 0 = no limit */
	unsigned flags;
	size_t left_over; /* after the end: bytes of a truncated tail */
};

/* Truncated tails are errors too ("batch at byte N: length L exceeds R
 * left"), for callers that know the region holds whole batches. */
#define KT_REGION_STRICT 0x1u

/* One batch (magic 2) or legacy message (magic 0/1) of a region. */
struct kt_entry {
	int8_t magic;
	size_t pos;		 /* base + offset in the region */
	struct kt_bytes raw;	 /* 12 + length bytes */
	struct kt_batch batch;	 /* magic 2 */
	struct kt_legacy legacy; /* magic 0/1 */
};

/* Iterate the len bytes at p, whose first byte is at position base (the
 * file offset of a chunk, 0 for a whole region). max_length: 0, or the
 * largest length field accepted (Java's maxSize). flags: KT_REGION_STRICT
 * or 0. */
void kt_region_init(struct kt_region *rg, const void *p, size_t len,
		    size_t base, size_t max_length, unsigned flags);

/*
 * The next entry: 1 with *e filled (views into the region), 0 at the end,
 * or a negative KT_E* with err filled. The end comes when 17 or fewer
 * bytes are left or the next batch runs past the end (a truncated tail,
 * normal in a Fetch response); rg->left_over then says how many bytes were
 * not used. Errors: a length below 14, above max_length ("batch at byte 4096:
 * length 9999 exceeds the limit of 512 bytes"), an unknown magic, a header
 * that does not parse. After an error the iterator keeps failing.
 */
int kt_region_next(struct kt_region *rg, struct kt_entry *e,
		   struct kt_err *err);

/* ---- encoder (producer side) ---- */

/* The fixed fields of a batch being written. */
struct kt_batch_spec {
	int64_t base_offset;		/* 0 for a producer */
	int32_t partition_leader_epoch; /* -1 for a producer */
	int codec;			/* KT_CODEC_* */
	int level;			/* KT_LEVEL_DEFAULT or a level */
	int16_t attributes;	/* KT_ATTR_LOG_APPEND_TIME, _TRANSACTIONAL,
				   _CONTROL, _DELETE_HORIZON; codec bits are
				   taken from codec */
	int64_t producer_id;	/* -1 if not idempotent */
	int16_t producer_epoch; /* -1 */
	int32_t base_sequence;	/* -1 */
};

/* A spec with Java's defaults for a plain producer batch: base offset 0,
 * leader epoch -1, no compression, no producer id. */
void kt_batch_spec_init(struct kt_batch_spec *s);

/* One record to append. offset_delta: KT_OFFSET_NEXT for the one after the
 * previous record (0 for the first), else an explicit delta larger than
 * the previous one. key/value: p == NULL for null. */
#define KT_OFFSET_NEXT (-1)
struct kt_record_spec {
	int64_t timestamp;
	int32_t offset_delta;
	struct kt_bytes key;
	struct kt_bytes value;
	const struct kt_header *headers;
	size_t headers_count;
};

/*
 * Writes one magic-2 batch at the end of a caller's kt_buf (a file image,
 * a Produce request being built): the header is reserved at begin,
 * uncompressed records go straight after it (compressed ones through an
 * internal buffer), and finish compresses, then patches batchLength, the
 * offsets, timestamps, count and finally the CRC-32C.
 */
struct kt_batch_writer {
	struct kt_buf *out;
	size_t start; /* position of the batch in out */
	struct kt_batch_spec spec;
	struct kt_buf recs; /* records when compressing */
	int32_t count;
	int32_t last_offset_delta;
	int64_t base_timestamp;
	int64_t max_timestamp;
	int err; /* first failure, sticky */
};

/*
 * Start a batch at the end of out (which the caller owns and which must
 * outlive the writer). The records of a compressed batch are staged in a
 * buffer of ceiling out->max. Returns 0 or a negative KT_E* with err
 * filled (bad codec or level, out's ceiling).
 */
int kt_batch_writer_begin(struct kt_batch_writer *w, struct kt_buf *out,
			  const struct kt_batch_spec *spec, struct kt_err *err);

/*
 * Append one record. The first record's timestamp becomes the base
 * timestamp; deltas are relative to it. Returns 0 or a negative KT_E* with
 * err filled: KT_EINVAL (offset delta not increasing, null header key),
 * KT_ETOOBIG (out's ceiling). A failure is sticky: finish fails too.
 */
int kt_batch_writer_add(struct kt_batch_writer *w,
			const struct kt_record_spec *rec, struct kt_err *err);

/* Bytes the batch would take uncompressed so far (header included), to
 * decide when a batch is full. */
size_t kt_batch_writer_size(const struct kt_batch_writer *w);

/*
 * Java's AbstractRecords.estimateSizeInBytesUpperBound for magic 2, the size
 * KafkaProducer checks against max.request.size and prints in "The message
 * is N bytes when serialized ...": the batch header (61) plus
 * DefaultRecord.recordSizeUpperBound (21 bytes of varint room, then the key,
 * value and headers with their varint lengths; a NULL key, value or header
 * value counts one byte). Never smaller than what the batch writer encodes
 * for one record. SIZE_MAX for a field past INT32_MAX bytes.
 */
size_t kt_record_size_upper_bound(struct kt_bytes key, struct kt_bytes value,
				  const struct kt_header *headers, size_t n);

/*
 * Finish the batch: compress the records if asked, patch the header and
 * the CRC. The batch is then out->p[w->start .. out->len). A batch needs
 * at least one record (KT_EINVAL otherwise). Returns 0 or a negative KT_E*
 * with err filled; on failure out->len is back to w->start. Releases the
 * writer's own memory either way.
 */
int kt_batch_writer_finish(struct kt_batch_writer *w, struct kt_err *err);

/* Drop an unfinished batch: out->len back to w->start, memory released. */
void kt_batch_writer_abort(struct kt_batch_writer *w);

#endif
