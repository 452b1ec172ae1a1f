/*
 * record/record.c - record batches (magic 2, KIP-98), legacy message sets
 * (magic 0 and 1, KIP-32) and regions of them; protocol.md §7, Java's
 * DefaultRecordBatch, DefaultRecord, LegacyRecord, AbstractLegacyRecordBatch
 * and FileLogInputStream.
 *
 * All parsing of untrusted bytes goes through kt_reader. Offsets and
 * timestamps derived from two untrusted 64-bit fields are added modulo
 * 2^64 (add64), as Java's long arithmetic does, so hostile values cannot
 * reach signed-overflow undefined behaviour.
 */
#include "record/record.h"

#include "record/crc.h"

static inline int64_t add64(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

static inline int64_t sub64(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a - (uint64_t)b);
}

const char *kt_ts_type_name(int ts_type)
{
	switch (ts_type) {
	case KT_TS_CREATE:
		return "CreateTime";
	case KT_TS_LOG_APPEND:
		return "LogAppendTime";
	}
	return "NoTimestampType";
}

int32_t kt_sequence_add(int32_t seq, int32_t delta)
{
	if (seq < 0)
		return -1;
	if (delta < 0) /* not in valid data; keep it defined */
		return seq;
	if (seq > INT32_MAX - delta)
		return delta - (INT32_MAX - seq) - 1;
	return seq + delta;
}

/* A reader failure as a message: what was being read, at which byte. */
static const char *why(int code)
{
	switch (-code) {
	case KT_ETRUNC:
		return "truncated";
	case KT_EVARINT:
		return "malformed varint";
	default:
		return kt_strerror(code);
	}
}

/* ---- magic 2 batches ---- */

int kt_batch_parse(struct kt_batch *b, const void *p, size_t n, size_t pos,
		   struct kt_err *err)
{
	struct kt_reader r, sub;
	int32_t len;

	memset(b, 0, sizeof(*b));
	b->pos = pos;
	kt_reader_init(&r, p, n);
	kt_read_i64(&r, &b->base_offset);
	kt_read_i32(&r, &len);
	if (r.err)
		return kt_err_set(err, KT_ETRUNC,
				  "batch at byte %zu: truncated header (%zu "
				  "bytes)",
				  pos, n);
	b->batch_length = len;
	if (len < KT_BATCH_MIN_LENGTH)
		return kt_err_set(err, KT_EBADLEN,
				  "batch at byte %zu: length %d is less than "
				  "the minimum %d",
				  pos, len, KT_BATCH_MIN_LENGTH);
	if ((size_t)len > r.left)
		return kt_err_set(err, KT_ETRUNC,
				  "batch at byte %zu: length %d exceeds %zu "
				  "left",
				  pos, len, r.left);
	kt_read_sub(&r, (size_t)len, &sub);
	kt_read_i32(&sub, &b->partition_leader_epoch);
	kt_read_i8(&sub, &b->magic);
	kt_read_u32(&sub, &b->crc);
	kt_read_i16(&sub, &b->attributes);
	kt_read_i32(&sub, &b->last_offset_delta);
	kt_read_i64(&sub, &b->base_timestamp);
	kt_read_i64(&sub, &b->max_timestamp);
	kt_read_i64(&sub, &b->producer_id);
	kt_read_i16(&sub, &b->producer_epoch);
	kt_read_i32(&sub, &b->base_sequence);
	kt_read_i32(&sub, &b->records_count);
	if (sub.err) /* cannot happen: len >= 49 was checked */
		return kt_err_set(err, KT_ETRUNC,
				  "batch at byte %zu: truncated header", pos);
	if (b->magic != 2)
		return kt_err_set(err, KT_EPROTO,
				  "batch at byte %zu: magic %d is not 2", pos,
				  b->magic);
	if (kt_batch_codec(b) > KT_CODEC_ZSTD)
		return kt_err_set(err, KT_EPROTO,
				  "batch at byte %zu: unknown compression "
				  "codec %d",
				  pos, kt_batch_codec(b));
	if (b->records_count < 0)
		return kt_err_set(err, KT_EBADLEN,
				  "batch at byte %zu: negative record count "
				  "%d",
				  pos, b->records_count);
	b->raw.p = p;
	b->raw.len = KT_LOG_OVERHEAD + (size_t)len;
	b->records.p = sub.p;
	b->records.len = sub.left;
	return 0;
}

uint32_t kt_batch_crc_compute(const struct kt_batch *b)
{
	if (b->raw.len < KT_BATCH_CRC_START)
		return 0;
	return kt_crc32c(0, b->raw.p + KT_BATCH_CRC_START,
			 b->raw.len - KT_BATCH_CRC_START);
}

bool kt_batch_crc_ok(const struct kt_batch *b)
{
	return b->raw.len >= KT_BATCH_HEADER_LEN &&
	       kt_batch_crc_compute(b) == b->crc;
}

int kt_batch_records(const struct kt_batch *b, struct kt_buf *scratch,
		     struct kt_bytes *out, struct kt_err *err)
{
	int rc;

	if (kt_batch_codec(b) == KT_CODEC_NONE) {
		*out = b->records;
		return 0;
	}
	kt_buf_reset(scratch);
	rc = kt_decompress(kt_batch_codec(b), 0, b->records.p, b->records.len,
			   scratch, err);
	if (rc) {
		kt_err_prefix(err, "batch at byte %zu", b->pos);
		out->p = NULL;
		out->len = 0;
		return rc;
	}
	out->p = scratch->p;
	out->len = scratch->len;
	return 0;
}

/* ---- records ---- */

void kt_record_iter_init(struct kt_record_iter *it, const struct kt_batch *b,
			 struct kt_bytes recs)
{
	kt_reader_init(&it->r, recs.p, recs.len);
	it->batch = b;
	it->index = 0;
}

/* Fail the iterator with a message about record it->index at pos. */
static int rec_fail(struct kt_record_iter *it, size_t pos, int code,
		    struct kt_err *err, const char *what)
{
	kt_reader_fail(&it->r, code);
	return kt_err_set(err, code < 0 ? -code : code,
			  "batch at byte %zu: record %d at byte %zu of the "
			  "records: %s",
			  it->batch->pos, it->index, pos, what);
}

/*
 * The record fields are mostly one- and two-byte varints: read those
 * inline, and hand everything else (longer varints, a reader near its end
 * or failed) to buf.c, which gives the same result for them. Dumping a
 * segment spends a sixth of its time here.
 */
static inline void adv(struct kt_reader *r, size_t n)
{
	r->p += n;
	r->left -= n;
	r->off += n;
}

static inline int rd_varint(struct kt_reader *r, int32_t *v)
{
	if (!r->err && r->left >= 1) {
		uint32_t u = r->p[0];

		if (u < 0x80) {
			adv(r, 1);
			*v = (int32_t)((u >> 1) ^ (0u - (u & 1)));
			return 0;
		}
		if (r->left >= 2 && r->p[1] < 0x80) {
			u = (u & 0x7f) | (uint32_t)r->p[1] << 7;
			adv(r, 2);
			*v = (int32_t)((u >> 1) ^ (0u - (u & 1)));
			return 0;
		}
	}
	return kt_read_varint(r, v);
}

static inline int rd_varlong(struct kt_reader *r, int64_t *v)
{
	if (!r->err && r->left >= 1 && r->p[0] < 0x80) {
		uint64_t u = r->p[0];

		adv(r, 1);
		*v = (int64_t)((u >> 1) ^ (0u - (u & 1)));
		return 0;
	}
	return kt_read_varlong(r, v);
}

static inline int rd_i8(struct kt_reader *r, int8_t *v)
{
	if (!r->err && r->left >= 1) {
		*v = (int8_t)r->p[0];
		adv(r, 1);
		return 0;
	}
	return kt_read_i8(r, v);
}

/* Read a nullable varint-length field: a negative length is null (Java's
 * DefaultRecord). */
static void read_nullable(struct kt_reader *r, struct kt_bytes *out)
{
	int32_t len;

	out->p = NULL;
	out->len = 0;
	if (rd_varint(r, &len) || len < 0)
		return;
	out->len = (size_t)len;
	if (r->p && (size_t)len <= r->left) {
		out->p = r->p;
		adv(r, (size_t)len);
		return;
	}
	kt_read_raw(r, (size_t)len, &out->p);
}

int kt_record_iter_next(struct kt_record_iter *it, struct kt_record *rec,
			struct kt_err *err)
{
	const struct kt_batch *b = it->batch;
	struct kt_reader sub;
	size_t pos = it->r.off;
	int32_t len, hcount, i;
	char msg[96];

	if (it->r.err)
		return kt_err_set(err, -it->r.err,
				  "batch at byte %zu: record iteration "
				  "already failed",
				  b->pos);
	if (it->index == b->records_count) {
		if (it->r.left == 0)
			return 0;
		kt_reader_fail(&it->r, KT_EPROTO);
		return kt_err_set(err, KT_EPROTO,
				  "batch at byte %zu: %zu bytes left after "
				  "its %d records",
				  b->pos, it->r.left, b->records_count);
	}
	if (it->r.left == 0) {
		kt_reader_fail(&it->r, KT_ETRUNC);
		return kt_err_set(err, KT_ETRUNC,
				  "batch at byte %zu: records end after %d of "
				  "%d records",
				  b->pos, it->index, b->records_count);
	}
	memset(rec, 0, sizeof(*rec));
	rec->pos = pos;
	if (rd_varint(&it->r, &len))
		return rec_fail(it, pos, it->r.err, err,
				it->r.err == -KT_EVARINT
					? "malformed length varint"
					: "truncated length");
	if (len < 0)
		return rec_fail(it, pos, KT_EBADLEN, err, "negative length");
	if ((size_t)len > it->r.left) {
		snprintf(msg, sizeof(msg), "length %d exceeds %zu left", len,
			 it->r.left);
		return rec_fail(it, pos, KT_ETRUNC, err, msg);
	}
	kt_read_sub(&it->r, (size_t)len, &sub);
	rec->size = it->r.off - pos;
	rd_i8(&sub, &rec->attributes);
	rd_varlong(&sub, &rec->timestamp_delta);
	rd_varint(&sub, &rec->offset_delta);
	read_nullable(&sub, &rec->key);
	read_nullable(&sub, &rec->value);
	rd_varint(&sub, &hcount);
	if (!sub.err && hcount < 0)
		return rec_fail(it, pos, KT_EBADLEN, err,
				"negative header count");
	/* every header takes at least two bytes */
	if (!sub.err && (size_t)hcount > sub.left / 2) {
		snprintf(msg, sizeof(msg), "%d headers cannot fit in %zu bytes",
			 hcount, sub.left);
		return rec_fail(it, pos, KT_EBADLEN, err, msg);
	}
	rec->headers.p = sub.p;
	rec->headers_count = sub.err ? 0 : hcount;
	for (i = 0; i < rec->headers_count && !sub.err; i++) {
		int32_t klen;
		struct kt_bytes v;

		kt_read_varint(&sub, &klen);
		if (!sub.err && klen < 0) {
			snprintf(msg, sizeof(msg),
				 "header %d: negative key length %d", i, klen);
			return rec_fail(it, pos, KT_EBADLEN, err, msg);
		}
		kt_read_skip(&sub, (size_t)(klen < 0 ? 0 : klen));
		read_nullable(&sub, &v);
	}
	if (sub.err) {
		snprintf(msg, sizeof(msg), "%s (length %d)", why(sub.err), len);
		return rec_fail(it, pos, sub.err, err, msg);
	}
	rec->headers.len =
		rec->headers.p ? (size_t)(sub.p - rec->headers.p) : 0;
	if (sub.left) {
		snprintf(msg, sizeof(msg),
			 "%zu bytes left after its fields (length %d)",
			 sub.left, len);
		return rec_fail(it, pos, KT_EPROTO, err, msg);
	}
	rec->offset = add64(b->base_offset, rec->offset_delta);
	rec->timestamp =
		kt_batch_ts_type(b) == KT_TS_LOG_APPEND
			? b->max_timestamp
			: add64(b->base_timestamp, rec->timestamp_delta);
	rec->sequence = kt_sequence_add(b->base_sequence, rec->offset_delta);
	it->index++;
	return 1;
}

void kt_header_iter_init(struct kt_header_iter *it, const struct kt_record *rec)
{
	kt_reader_init(&it->r, rec->headers.p, rec->headers.len);
	it->left = rec->headers_count;
}

int kt_header_iter_next(struct kt_header_iter *it, struct kt_header *h)
{
	int32_t klen;

	if (it->left <= 0 || it->r.err)
		return it->r.err;
	kt_read_varint(&it->r, &klen);
	if (klen < 0)
		kt_reader_fail(&it->r, KT_EBADLEN);
	h->key.len = klen < 0 ? 0 : (size_t)klen;
	kt_read_raw(&it->r, h->key.len, &h->key.p);
	read_nullable(&it->r, &h->value);
	if (it->r.err)
		return it->r.err;
	it->left--;
	return 1;
}

/* ---- control records ---- */

const char *kt_control_type_name(int type)
{
	static const char *const names[] = {
		"ABORT",	   "COMMIT",	      "LEADER_CHANGE",
		"SNAPSHOT_HEADER", "SNAPSHOT_FOOTER", "KRAFT_VERSION",
		"KRAFT_VOTERS",
	};

	if (type < 0 || type > KT_CONTROL_KRAFT_VOTERS)
		return "UNKNOWN";
	return names[type];
}

int kt_control_type(const struct kt_control *c)
{
	if (c->type < 0 || c->type > KT_CONTROL_KRAFT_VOTERS)
		return KT_CONTROL_UNKNOWN;
	return c->type;
}

int kt_control_parse(const struct kt_record *rec, struct kt_control *c,
		     struct kt_err *err)
{
	struct kt_reader r;

	memset(c, 0, sizeof(*c));
	if (!rec->key.p || rec->key.len < 4)
		return kt_err_set(err, KT_EPROTO,
				  "control record at offset %lld: key of %d "
				  "bytes, need 4",
				  (long long)rec->offset,
				  rec->key.p ? (int)rec->key.len : -1);
	kt_reader_init(&r, rec->key.p, rec->key.len);
	kt_read_i16(&r, &c->key_version);
	kt_read_i16(&r, &c->type);
	if (c->key_version < 0)
		return kt_err_set(err, KT_EPROTO,
				  "control record at offset %lld: invalid key "
				  "version %d",
				  (long long)rec->offset, c->key_version);
	c->value = rec->value;
	if (c->type != KT_CONTROL_ABORT && c->type != KT_CONTROL_COMMIT)
		return 0;
	if (!rec->value.p || rec->value.len < 6)
		return kt_err_set(err, KT_EPROTO,
				  "end transaction marker at offset %lld: "
				  "value of %d bytes, need 6",
				  (long long)rec->offset,
				  rec->value.p ? (int)rec->value.len : -1);
	kt_reader_init(&r, rec->value.p, rec->value.len);
	kt_read_i16(&r, &c->marker_version);
	kt_read_i32(&r, &c->coordinator_epoch);
	if (c->marker_version < 0)
		return kt_err_set(err, KT_EPROTO,
				  "end transaction marker at offset %lld: "
				  "invalid version %d",
				  (long long)rec->offset, c->marker_version);
	return 0;
}

/* ---- legacy message sets ---- */

/* Legacy key/value: int32 length, negative = null (Java's LegacyRecord). */
static void read_legacy_bytes(struct kt_reader *r, struct kt_bytes *out)
{
	int32_t len;

	out->p = NULL;
	out->len = 0;
	if (kt_read_i32(r, &len) || len < 0)
		return;
	out->len = (size_t)len;
	kt_read_raw(r, (size_t)len, &out->p);
}

int kt_legacy_parse(struct kt_legacy *m, const void *p, size_t n, size_t pos,
		    struct kt_err *err)
{
	struct kt_reader r, sub;
	int32_t size, min;

	memset(m, 0, sizeof(*m));
	m->pos = pos;
	kt_reader_init(&r, p, n);
	kt_read_i64(&r, &m->offset);
	kt_read_i32(&r, &size);
	if (r.err)
		return kt_err_set(err, KT_ETRUNC,
				  "message at byte %zu: truncated prefix (%zu "
				  "bytes)",
				  pos, n);
	m->size = size;
	if (size < KT_LEGACY_MIN_LENGTH)
		return kt_err_set(err, KT_EBADLEN,
				  "message at byte %zu: size %d is less than "
				  "the minimum %d",
				  pos, size, KT_LEGACY_MIN_LENGTH);
	if ((size_t)size > r.left)
		return kt_err_set(err, KT_ETRUNC,
				  "message at byte %zu: size %d exceeds %zu "
				  "left",
				  pos, size, r.left);
	kt_read_sub(&r, (size_t)size, &sub);
	kt_read_u32(&sub, &m->crc);
	kt_read_i8(&sub, &m->magic);
	kt_read_i8(&sub, &m->attributes);
	if (m->magic != 0 && m->magic != 1)
		return kt_err_set(err, KT_EPROTO,
				  "message at byte %zu: magic %d is not 0 or "
				  "1",
				  pos, m->magic);
	min = m->magic == 0 ? 14 : 22;
	if (size < min)
		return kt_err_set(err, KT_EBADLEN,
				  "message at byte %zu: size %d is less than "
				  "the magic %d minimum %d",
				  pos, size, m->magic, min);
	if (kt_legacy_codec(m) > KT_CODEC_ZSTD)
		return kt_err_set(err, KT_EPROTO,
				  "message at byte %zu: unknown compression "
				  "codec %d",
				  pos, kt_legacy_codec(m));
	m->timestamp = -1;
	if (m->magic == 1)
		kt_read_i64(&sub, &m->timestamp);
	read_legacy_bytes(&sub, &m->key);
	read_legacy_bytes(&sub, &m->value);
	if (sub.err)
		return kt_err_set(err, KT_ETRUNC,
				  "message at byte %zu: key or value runs past "
				  "its size %d",
				  pos, size);
	m->raw.p = p;
	m->raw.len = KT_LOG_OVERHEAD + (size_t)size;
	return 0;
}

uint32_t kt_legacy_crc_compute(const struct kt_legacy *m)
{
	/* from magic (after offset, size, crc) to the end */
	if (m->raw.len < KT_LOG_OVERHEAD + 4)
		return 0;
	return kt_crc32(0, m->raw.p + KT_LOG_OVERHEAD + 4,
			m->raw.len - KT_LOG_OVERHEAD - 4);
}

bool kt_legacy_crc_ok(const struct kt_legacy *m)
{
	return m->raw.len >= KT_LOG_OVERHEAD + KT_LEGACY_MIN_LENGTH &&
	       kt_legacy_crc_compute(m) == m->crc;
}

/* Parse the inner message at the iterator's position, with its checks. */
static int legacy_inner_next(struct kt_legacy_iter *it, struct kt_legacy *m,
			     struct kt_err *err)
{
	const struct kt_legacy *w = it->wrapper;
	size_t pos = it->r.off;
	int rc;

	if (it->r.left < KT_LOG_OVERHEAD ||
	    (rc = kt_legacy_parse(m, it->r.p, it->r.left, pos, err)) ==
		    -KT_ETRUNC) {
		kt_reader_fail(&it->r, KT_ETRUNC);
		return kt_err_set(err, KT_ETRUNC,
				  "message at byte %zu: inner message at byte "
				  "%zu of %zu decompressed bytes is truncated",
				  w->pos, pos, pos + it->r.left);
	}
	if (rc) {
		kt_reader_fail(&it->r, rc);
		kt_err_prefix(err, "message at byte %zu: inner", w->pos);
		return rc;
	}
	if (m->magic != w->magic) {
		kt_reader_fail(&it->r, KT_EPROTO);
		return kt_err_set(err, KT_EPROTO,
				  "message at byte %zu: inner message at byte "
				  "%zu has magic %d, the wrapper %d",
				  w->pos, pos, m->magic, w->magic);
	}
	if (kt_legacy_codec(m) != KT_CODEC_NONE) {
		kt_reader_fail(&it->r, KT_EPROTO);
		return kt_err_set(err, KT_EPROTO,
				  "message at byte %zu: inner message at byte "
				  "%zu is compressed again",
				  w->pos, pos);
	}
	kt_read_skip(&it->r, m->raw.len);
	return 1;
}

int kt_legacy_inner(struct kt_legacy_iter *it, const struct kt_legacy *wrapper,
		    struct kt_buf *scratch, struct kt_err *err)
{
	int codec = kt_legacy_codec(wrapper);
	struct kt_legacy m;
	int64_t last = 0;
	int rc, n = 0;

	memset(it, 0, sizeof(*it));
	it->wrapper = wrapper;
	kt_reader_init(&it->r, NULL, 0);
	kt_reader_fail(&it->r, KT_EINVAL);
	if (codec == KT_CODEC_NONE)
		return kt_err_set(err, KT_EINVAL,
				  "message at byte %zu is not compressed",
				  wrapper->pos);
	if (codec == KT_CODEC_ZSTD)
		return kt_err_set(err, KT_EPROTO,
				  "message at byte %zu: zstd is not allowed "
				  "with magic %d",
				  wrapper->pos, wrapper->magic);
	if (!wrapper->value.p)
		return kt_err_set(err, KT_EPROTO,
				  "message at byte %zu: compressed wrapper "
				  "with a null value",
				  wrapper->pos);
	kt_buf_reset(scratch);
	rc = kt_decompress(codec,
			   wrapper->magic == 0 ? KT_COMPRESS_LZ4_LEGACY : 0,
			   wrapper->value.p, wrapper->value.len, scratch, err);
	if (rc) {
		kt_err_prefix(err, "message at byte %zu", wrapper->pos);
		return rc;
	}
	/* check every inner frame first: magic 1 needs the last offset */
	kt_reader_init(&it->r, scratch->p, scratch->len);
	while (it->r.left) {
		rc = legacy_inner_next(it, &m, err);
		if (rc < 0)
			return rc;
		last = m.offset;
		n++;
	}
	if (n == 0) {
		kt_reader_fail(&it->r, KT_EPROTO);
		return kt_err_set(err, KT_EPROTO,
				  "message at byte %zu: compressed wrapper "
				  "holds no messages",
				  wrapper->pos);
	}
	/* Java: absoluteBaseOffset = wrapper offset - last inner offset,
	 * used only when >= 0 (a wrapper offset of 0 keeps them as is) */
	it->offset_base = 0;
	if (wrapper->magic > 0) {
		int64_t base;

		if (!__builtin_sub_overflow(wrapper->offset, last, &base) &&
		    base >= 0)
			it->offset_base = base;
	}
	kt_reader_init(&it->r, scratch->p, scratch->len);
	return 0;
}

int kt_legacy_iter_next(struct kt_legacy_iter *it, struct kt_legacy *m,
			struct kt_err *err)
{
	const struct kt_legacy *w = it->wrapper;
	int rc;

	if (it->r.err)
		return kt_err_set(err, -it->r.err,
				  "message at byte %zu: inner iteration "
				  "already failed",
				  w ? w->pos : 0);
	if (it->r.left == 0)
		return 0;
	rc = legacy_inner_next(it, m, err);
	if (rc < 0)
		return rc;
	m->offset = add64(it->offset_base, m->offset);
	if (kt_legacy_ts_type(w) == KT_TS_LOG_APPEND) {
		m->timestamp = w->timestamp;
		m->attributes |= KT_LEGACY_ATTR_LOG_APPEND_TIME;
	}
	it->index++;
	return 1;
}

/* ---- regions ---- */

void kt_region_init(struct kt_region *rg, const void *p, size_t len,
		    size_t base, size_t max_length, unsigned flags)
{
	kt_reader_init(&rg->r, p, len);
	rg->base = base;
	rg->max_length = max_length;
	rg->flags = flags;
	rg->left_over = 0;
}

static int region_fail(struct kt_region *rg, int rc)
{
	kt_reader_fail(&rg->r, rc);
	return rc;
}

int kt_region_next(struct kt_region *rg, struct kt_entry *e, struct kt_err *err)
{
	size_t left = rg->r.left, pos = rg->base + rg->r.off, total;
	const uint8_t *p = rg->r.p;
	int32_t len;
	int rc;

	if (rg->r.err)
		return kt_err_set(err, -rg->r.err,
				  "batch at byte %zu: region iteration "
				  "already failed",
				  pos);
	/* FileLogInputStream: more than offset+size+crc+magic is needed to
	 * look at a batch */
	if (left <= KT_LOG_OVERHEAD + 5) {
		rg->left_over = left;
		if (left && (rg->flags & KT_REGION_STRICT))
			return region_fail(
				rg, kt_err_set(err, KT_ETRUNC,
					       "batch at byte %zu: only %zu "
					       "bytes left",
					       pos, left));
		return 0;
	}
	len = (int32_t)kt_be32(p + 8);
	if (len < KT_LEGACY_MIN_LENGTH)
		return region_fail(rg,
				   kt_err_set(err, KT_EBADLEN,
					      "batch at byte %zu: length "
					      "%d is less than the "
					      "minimum %d",
					      pos, len, KT_LEGACY_MIN_LENGTH));
	if (rg->max_length && (size_t)len > rg->max_length)
		return region_fail(rg, kt_err_set(err, KT_ETOOBIG,
						  "batch at byte %zu: length "
						  "%d exceeds the limit of %zu",
						  pos, len, rg->max_length));
	total = KT_LOG_OVERHEAD + (size_t)len;
	if (total > left) {
		rg->left_over = left;
		if (rg->flags & KT_REGION_STRICT)
			return region_fail(
				rg,
				kt_err_set(err, KT_ETRUNC,
					   "batch at byte %zu: length %d "
					   "exceeds %zu left",
					   pos, len, left - KT_LOG_OVERHEAD));
		return 0;
	}
	memset(e, 0, sizeof(*e));
	e->magic = (int8_t)p[16];
	e->pos = pos;
	e->raw.p = p;
	e->raw.len = total;
	if (e->magic == 2)
		rc = kt_batch_parse(&e->batch, p, total, pos, err);
	else if (e->magic == 0 || e->magic == 1)
		rc = kt_legacy_parse(&e->legacy, p, total, pos, err);
	else
		rc = kt_err_set(err, KT_EPROTO,
				"batch at byte %zu: unknown magic %d", pos,
				e->magic);
	if (rc)
		return region_fail(rg, rc);
	kt_read_skip(&rg->r, total);
	return 1;
}

/* ---- encoder ---- */

void kt_batch_spec_init(struct kt_batch_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->partition_leader_epoch = -1;
	s->codec = KT_CODEC_NONE;
	s->level = KT_LEVEL_DEFAULT;
	s->producer_id = -1;
	s->producer_epoch = -1;
	s->base_sequence = -1;
}

static size_t uvarint_size(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static size_t varint_size(int32_t v)
{
	return uvarint_size(((uint32_t)v << 1) ^ (uint32_t)(v >> 31));
}

static size_t varlong_size(int64_t v)
{
	return uvarint_size(((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

/* Size of a nullable varint-length field; fails (returns SIZE_MAX) past
 * INT32_MAX bytes. */
static size_t field_size(struct kt_bytes b)
{
	if (!b.p)
		return 1;
	if (b.len > INT32_MAX)
		return SIZE_MAX;
	return varint_size((int32_t)b.len) + b.len;
}

size_t kt_record_size_upper_bound(struct kt_bytes key, struct kt_bytes value,
				  const struct kt_header *headers, size_t n)
{
	size_t k = field_size(key), v = field_size(value), i, sz;

	if (k == SIZE_MAX || v == SIZE_MAX || n > INT32_MAX)
		return SIZE_MAX;
	sz = KT_BATCH_HEADER_LEN + 21 + k + v + varint_size((int32_t)n);
	for (i = 0; i < n; i++) {
		/* the key is a Java String: never null */
		struct kt_bytes hk = {headers[i].key.p ? headers[i].key.p
						       : (const uint8_t *)"",
				      headers[i].key.len};

		k = field_size(hk);
		v = field_size(headers[i].value);
		if (k == SIZE_MAX || v == SIZE_MAX)
			return SIZE_MAX;
		sz += k + v;
	}
	return sz;
}

static void put_field(struct kt_buf *o, struct kt_bytes b)
{
	if (!b.p) {
		kt_put_varint(o, -1);
		return;
	}
	kt_put_varint(o, (int32_t)b.len);
	kt_buf_put(o, b.p, b.len);
}

int kt_batch_writer_begin(struct kt_batch_writer *w, struct kt_buf *out,
			  const struct kt_batch_spec *spec, struct kt_err *err)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->spec = *spec;
	w->start = out->len;
	kt_buf_init(&w->recs, out->max);
	if (spec->codec < KT_CODEC_NONE || spec->codec > KT_CODEC_ZSTD)
		return w->err = kt_err_set(err, KT_EINVAL, "unknown codec %d",
					   spec->codec);
	if (kt_compress_level_check(spec->codec, spec->level, err))
		return w->err = -KT_EINVAL;
	if (kt_buf_reserve(out, KT_BATCH_HEADER_LEN) == (size_t)-1) {
		w->err = out->err;
		out->err = 0;
		return kt_err_set(err, -w->err,
				  "batch header: output buffer: %s",
				  kt_strerror(w->err));
	}
	return 0;
}

size_t kt_batch_writer_size(const struct kt_batch_writer *w)
{
	if (w->spec.codec == KT_CODEC_NONE)
		return w->out->len - w->start;
	return KT_BATCH_HEADER_LEN + w->recs.len;
}

int kt_batch_writer_add(struct kt_batch_writer *w,
			const struct kt_record_spec *rec, struct kt_err *err)
{
	struct kt_buf *o = w->spec.codec == KT_CODEC_NONE ? w->out : &w->recs;
	size_t body, hsize = 0, i, before = o->len;
	int32_t delta = rec->offset_delta;
	int64_t ts_delta;

	if (w->err)
		return kt_err_set(err, -w->err, "batch writer already failed");
	if (delta == KT_OFFSET_NEXT)
		delta = w->count == 0 ? 0 : w->last_offset_delta + 1;
	else if (delta < 0 || (w->count > 0 && delta <= w->last_offset_delta))
		return w->err = kt_err_set(err, KT_EINVAL,
					   "record %d: offset delta %d does "
					   "not follow %d",
					   w->count, delta,
					   w->last_offset_delta);
	if (w->count == 0)
		w->base_timestamp = w->max_timestamp = rec->timestamp;
	ts_delta = sub64(rec->timestamp, w->base_timestamp);
	if (rec->headers_count > INT32_MAX)
		return w->err = kt_err_set(err, KT_ETOOBIG,
					   "record %d: too many headers",
					   w->count);
	for (i = 0; i < rec->headers_count; i++) {
		size_t k = field_size(rec->headers[i].key);
		size_t v = field_size(rec->headers[i].value);

		if (!rec->headers[i].key.p)
			return w->err = kt_err_set(err, KT_EINVAL,
						   "record %d: header %zu has "
						   "a null key",
						   w->count, i);
		if (k == SIZE_MAX || v == SIZE_MAX || hsize > INT32_MAX)
			return w->err = kt_err_set(err, KT_ETOOBIG,
						   "record %d: headers too "
						   "large",
						   w->count);
		hsize += k + v;
	}
	body = 1 + varlong_size(ts_delta) + varint_size(delta) +
	       varint_size((int32_t)rec->headers_count);
	if (field_size(rec->key) == SIZE_MAX ||
	    field_size(rec->value) == SIZE_MAX ||
	    hsize > INT32_MAX - body - field_size(rec->key) -
			    field_size(rec->value))
		return w->err = kt_err_set(err, KT_ETOOBIG,
					   "record %d: larger than 2 GiB",
					   w->count);
	body += field_size(rec->key) + field_size(rec->value) + hsize;
	kt_put_varint(o, (int32_t)body);
	kt_put_i8(o, 0);
	kt_put_varlong(o, ts_delta);
	kt_put_varint(o, delta);
	put_field(o, rec->key);
	put_field(o, rec->value);
	kt_put_varint(o, (int32_t)rec->headers_count);
	for (i = 0; i < rec->headers_count; i++) {
		put_field(o, rec->headers[i].key);
		put_field(o, rec->headers[i].value);
	}
	if (o->err) {
		w->err = o->err;
		o->err = 0;
		o->len = before;
		return kt_err_set(err, -w->err, "record %d: %s", w->count,
				  w->err == -KT_ETOOBIG
					  ? "batch exceeds the buffer limit"
					  : kt_strerror(w->err));
	}
	if (rec->timestamp > w->max_timestamp)
		w->max_timestamp = rec->timestamp;
	w->last_offset_delta = delta;
	w->count++;
	return 0;
}

static void store_be16(uint8_t *p, int16_t v)
{
	p[0] = (uint8_t)((uint16_t)v >> 8);
	p[1] = (uint8_t)v;
}

static void store_be64(uint8_t *p, int64_t v)
{
	kt_store_be32(p, (uint32_t)((uint64_t)v >> 32));
	kt_store_be32(p + 4, (uint32_t)v);
}

void kt_batch_writer_abort(struct kt_batch_writer *w)
{
	if (w->out && w->out->len > w->start)
		w->out->len = w->start;
	kt_buf_release(&w->recs);
}

int kt_batch_writer_finish(struct kt_batch_writer *w, struct kt_err *err)
{
	const struct kt_batch_spec *s = &w->spec;
	struct kt_buf *out = w->out;
	size_t total;
	uint8_t *h;
	int rc = 0;

	if (w->err) {
		rc = kt_err_set(err, -w->err, "batch writer already failed");
		goto out_abort;
	}
	if (w->count == 0) {
		rc = kt_err_set(err, KT_EINVAL, "batch has no records");
		goto out_abort;
	}
	if (s->codec != KT_CODEC_NONE) {
		rc = kt_compress(s->codec, s->level, 0, w->recs.p, w->recs.len,
				 out, err);
		if (rc) {
			kt_err_prefix(err, "batch records");
			goto out_abort;
		}
	}
	total = out->len - w->start;
	if (total - KT_LOG_OVERHEAD > INT32_MAX) {
		rc = kt_err_set(err, KT_ETOOBIG, "batch of %zu bytes", total);
		goto out_abort;
	}
	h = out->p + w->start;
	store_be64(h, s->base_offset);
	kt_store_be32(h + 8, (uint32_t)(total - KT_LOG_OVERHEAD));
	kt_store_be32(h + 12, (uint32_t)s->partition_leader_epoch);
	h[16] = 2;
	store_be16(h + 21,
		   (int16_t)((s->attributes & ~KT_ATTR_CODEC_MASK) | s->codec));
	kt_store_be32(h + 23, (uint32_t)w->last_offset_delta);
	store_be64(h + 27, w->base_timestamp);
	store_be64(h + 35, w->max_timestamp);
	store_be64(h + 43, s->producer_id);
	store_be16(h + 51, s->producer_epoch);
	kt_store_be32(h + 53, (uint32_t)s->base_sequence);
	kt_store_be32(h + 57, (uint32_t)w->count);
	/* last: the CRC covers everything from the attributes on */
	kt_store_be32(h + 17, kt_crc32c(0, h + KT_BATCH_CRC_START,
					total - KT_BATCH_CRC_START));
	kt_buf_release(&w->recs);
	return 0;

out_abort:
	kt_batch_writer_abort(w);
	return rc;
}
