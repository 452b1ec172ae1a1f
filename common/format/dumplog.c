/*
 * format/dumplog.c - the engine of kafka-dump-log: Apache's DumpLogSegments
 * (4.3) text output, byte for byte, over the readers of segment.c and the batch
 * decoder of record.c; plus kafkit's JSON lines, summary and verify modes.
 *
 * Facts: tools.md §5 (checked against the real 4.3.1 tool where it
 * differs: see the notes at each place), storage.md §12.
 */
#include "format/dumplog.h"
#include "java/jstring.h"

#include "storage/coord.h"
#include "record/crc.h"
#include "record/record.h"
#include "storage/rlmm.h"
#include "storage/segment.h"

#include <errno.h>
#include <jansson.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#define OUT_FLUSH (64 * 1024)
/* Values at least this long are written from the read window (writev)
 * rather than copied; shorter ones cost less to copy than an iovec. */
#define ZC_MIN 256
/* Views queued at most between two writes of the output. */
#define ZC_MAX 512
/* Pieces handed to one sink writev (IOV_MAX is 1024 on Linux). */
#define IOV_BATCH 256
/* Room reserved for the metadata of one record line. */
#define META_ROOM 256
/* Ceiling of one decompressed batch. */
#define DECOMP_MAX ((size_t)256 << 20)
/* Ceiling of the text of one record. */
#define TEXT_MAX ((size_t)512 << 20)
#define JAVA_INT_MAX 2147483647

/* ---- Java's HashMap<String, ...> of per-file problem lists ---- */

struct pair {
	int64_t a, b;
};

struct fentry {
	char *path;
	int32_t hash;
	size_t order;
	size_t bucket; /* in the final HashMap, set before sorting */
	struct pair *v;
	size_t n, cap;
};

struct fmap {
	struct fentry *v;
	size_t n, cap;
};

/* File bytes to write after out.p[0..at) and before the text from at on. */
struct zc_view {
	size_t at;
	const uint8_t *p;
	size_t len;
};

struct kt_dumplog {
	struct kt_dl_opts o;
	struct kt_dl_sink sink;
	struct kt_buf out;
	struct zc_view zc[ZC_MAX]; /* views queued between out's text */
	size_t nzc;
	bool pinned; /* the .log being dumped is read ahead, windows pinned */
	bool zc_on;  /* the current batch's values may be queued as views */
	struct kt_buf key;
	struct kt_buf val;
	struct kt_buf scratch;
	struct kt_buf line;
	struct fmap idx_mismatch; /* TreeMap, descending index offset */
	struct fmap ts_mismatch;  /* lists in order */
	struct fmap ts_order;
	struct fmap ts_notfound;
	struct fmap nonconsec; /* TreeMap, ascending */
	uint64_t problems;
	char cwd[4096];
	char fatal[16384]; /* the whole line of the last fatal error */
	/* summary/verify totals of the current file */
	struct fstats {
		uint64_t batches, records, control_batches, control_records;
		uint64_t bad_crc, bytes, comp_bytes, uncomp_bytes;
		int64_t first_offset, last_offset, min_ts, max_ts;
		uint64_t codecs[8];
		int64_t pids[16];
		size_t npids;
		uint64_t more_pids;
		uint64_t trailing;
		uint64_t txn_batches;
		int magics;
	} st;
};

static struct fentry *fmap_get(struct fmap *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].path, path) == 0)
			return &m->v[i];
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 4;
		struct fentry *nv = realloc(m->v, nc * sizeof(*nv));

		if (!nv)
			return NULL;
		m->v = nv;
		m->cap = nc;
	}
	memset(&m->v[m->n], 0, sizeof(m->v[0]));
	m->v[m->n].path = strdup(path);
	if (!m->v[m->n].path)
		return NULL;
	m->v[m->n].hash = kt_java_string_hash(path, strlen(path));
	m->v[m->n].order = m->n;
	return &m->v[m->n++];
}

static int fentry_add(struct fentry *e, int64_t a, int64_t b)
{
	if (e->n == e->cap) {
		size_t nc = e->cap ? e->cap * 2 : 16;
		struct pair *nv = realloc(e->v, nc * sizeof(*nv));

		if (!nv)
			return -KT_ENOMEM;
		e->v = nv;
		e->cap = nc;
	}
	e->v[e->n].a = a;
	e->v[e->n].b = b;
	e->n++;
	return 0;
}

static void fmap_release(struct fmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].path);
		free(m->v[i].v);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* Bucket of a hash in a Java HashMap of capacity cap. */
static size_t java_bucket(int32_t h, size_t cap)
{
	uint32_t u = (uint32_t)h;

	return (u ^ (u >> 16)) & (cap - 1);
}

static int fentry_cmp_java(const void *x, const void *y)
{
	const struct fentry *a = x, *b = y;

	if (a->bucket != b->bucket)
		return a->bucket < b->bucket ? -1 : 1;
	return a->order > b->order ? -1 : a->order < b->order;
}

/*
 * Put the entries of m in the iteration order of a Java HashMap filled by
 * computeIfAbsent, as DumpLogSegments fills its maps: buckets ascending,
 * and within a bucket the newest entry first (computeIfAbsent puts a new
 * node at the head of its bin, and resizes keep the order of a bin). It
 * resizes before an insertion that finds the map over its threshold.
 */
static void fmap_java_order(struct fmap *m)
{
	size_t cap = 16, i;

	if (m->n < 2)
		return;
	for (i = 1; i < m->n; i++)
		if (i > cap / 4 * 3)
			cap *= 2;
	for (i = 0; i < m->n; i++)
		m->v[i].bucket = java_bucket(m->v[i].hash, cap);
	qsort(m->v, m->n, sizeof(m->v[0]), fentry_cmp_java);
}

struct tpair {
	int64_t a, b;
	size_t order;
};

static int tpair_cmp(const void *x, const void *y)
{
	const struct tpair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->order < q->order ? -1 : p->order > q->order;
}

/* TreeMap semantics over a list of puts: ascending keys, the last value
 * put for a key wins. */
static int pairs_treemap(struct fentry *e)
{
	struct tpair *t;
	size_t i, j = 0;

	if (e->n < 2)
		return 0;
	t = malloc(e->n * sizeof(*t));
	if (!t)
		return -KT_ENOMEM;
	for (i = 0; i < e->n; i++) {
		t[i].a = e->v[i].a;
		t[i].b = e->v[i].b;
		t[i].order = i;
	}
	qsort(t, e->n, sizeof(*t), tpair_cmp);
	for (i = 0; i < e->n; i++) {
		if (i + 1 < e->n && t[i + 1].a == t[i].a)
			continue;
		e->v[j].a = t[i].a;
		e->v[j].b = t[i].b;
		j++;
	}
	e->n = j;
	free(t);
	return 0;
}

/* ---- small text helpers ---- */

/* kt_buf_put with the common case (room left) inline. */
static inline void putn(struct kt_buf *b, const void *p, size_t n)
{
	if (!b->err && n <= b->cap - b->len) {
		memcpy(b->p + b->len, p, n);
		b->len += n;
	} else {
		kt_buf_put(b, p, n);
	}
}

static inline void put(struct kt_buf *b, const char *s)
{
	putn(b, s, strlen(s));
}

/* A string literal (its length known at compile time). */
#define PUTL(b, lit) putn((b), (lit), sizeof(lit) - 1)

/* Decimal digits of u: the bit length gives the count within one, the
 * table of powers of ten settles it. */
static inline size_t ndigits(uint64_t u)
{
	static const uint64_t p10[20] = {1ull,
					 10ull,
					 100ull,
					 1000ull,
					 10000ull,
					 100000ull,
					 1000000ull,
					 10000000ull,
					 100000000ull,
					 1000000000ull,
					 10000000000ull,
					 100000000000ull,
					 1000000000000ull,
					 10000000000000ull,
					 100000000000000ull,
					 1000000000000000ull,
					 10000000000000000ull,
					 100000000000000000ull,
					 1000000000000000000ull,
					 10000000000000000000ull};
	uint64_t x = u | 1; /* as many digits as u, and never 0 */
	size_t bits = 64 - (size_t)__builtin_clzll(x);
	size_t n = (bits * 1233) >> 12; /* floor(bits * log10(2)) */

	return n + (n < 20 && x >= p10[n]);
}

/* Decimal v at w (at most 20 bytes); returns the end. The digits are
 * written in place from the end, four per division and two from a table
 * at a time: record lines carry five numbers each. */
static char *fmt_i64(char *w, int64_t v)
{
	static const char d2[201] = "00010203040506070809"
				    "10111213141516171819"
				    "20212223242526272829"
				    "30313233343536373839"
				    "40414243444546474849"
				    "50515253545556575859"
				    "60616263646566676869"
				    "70717273747576777879"
				    "80818283848586878889"
				    "90919293949596979899";
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	char *e, *q;

	if (v < 0)
		*w++ = '-';
	e = q = w + ndigits(u);
	while (u >= 10000) {
		size_t r = (size_t)(u % 10000);

		u /= 10000;
		q -= 4;
		memcpy(q, d2 + 2 * (r / 100), 2);
		memcpy(q + 2, d2 + 2 * (r % 100), 2);
	}
	if (u >= 100) {
		size_t r = (size_t)(u % 100);

		u /= 100;
		q -= 2;
		memcpy(q, d2 + 2 * r, 2);
	}
	if (u >= 10)
		memcpy(q - 2, d2 + 2 * u, 2);
	else
		q[-1] = (char)('0' + u);
	return e;
}

/* A string literal at w; returns the end. */
#define LIT(w, s) ((char *)memcpy((w), (s), sizeof(s) - 1) + sizeof(s) - 1)

static void put_i64(struct kt_buf *b, int64_t v)
{
	char tmp[24];

	kt_buf_put(b, tmp, (size_t)(fmt_i64(tmp, v) - tmp));
}

/* Room for n more bytes at the end of b, or NULL when b failed (the
 * failure sticks in b->err; flush_out reports it). Write, then set
 * b->len with room_end. */
static char *room(struct kt_buf *b, size_t n)
{
	if (b->cap - b->len < n && kt_buf_grow(b, n) < 0)
		return NULL;
	return (char *)b->p + b->len;
}

static void room_end(struct kt_buf *b, char *w)
{
	b->len = (size_t)((uint8_t *)w - b->p);
}

static void put_bool(struct kt_buf *b, bool v)
{
	put(b, v ? "true" : "false");
}

/* Jackson's escaping of a Java string in JSON (the text is UTF-8 from
 * kt_java_utf8 or plain ASCII). */
static void put_json_str(struct kt_buf *b, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	struct kt_buf tmp;
	size_t i;

	kt_buf_init(&tmp, TEXT_MAX);
	kt_java_utf8(&tmp, p, n);
	kt_buf_put(b, "\"", 1);
	for (i = 0; i < tmp.len; i++) {
		uint8_t c = tmp.p[i];

		if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};

			kt_buf_put(b, e, 2);
		} else if (c < 0x20) {
			const char *s = NULL;
			char u[6] = {'\\', 'u',		'0',
				     '0',  hex[c >> 4], hex[c & 15]};

			switch (c) {
			case '\n':
				s = "\\n";
				break;
			case '\t':
				s = "\\t";
				break;
			case '\r':
				s = "\\r";
				break;
			case '\b':
				s = "\\b";
				break;
			case '\f':
				s = "\\f";
				break;
			}
			if (s)
				kt_buf_put(b, s, 2);
			else
				kt_buf_put(b, u, 6);
		} else {
			kt_buf_put(b, &c, 1);
		}
	}
	kt_buf_put(b, "\"", 1);
	kt_buf_release(&tmp);
}

/* ---- decoders ---- */

int kt_dl_decoder_parse(const char *name, struct kt_err *err)
{
	static const struct {
		const char *suffix;
		int dec;
	} names[] = {
		{"StringDecoder", KT_DL_DEC_STRING},
		{"IntegerDecoder", KT_DL_DEC_INTEGER},
		{"LongDecoder", KT_DL_DEC_LONG},
		{"DefaultDecoder", KT_DL_DEC_DEFAULT},
	};
	static const char *const pkgs[] = {"org.apache.kafka.tools.api.",
					   "kafka.serializer."};
	size_t i, j;

	for (i = 0; i < 2; i++) {
		size_t pl = strlen(pkgs[i]);

		if (strncmp(name, pkgs[i], pl) != 0)
			continue;
		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			if (strcmp(name + pl, names[j].suffix) == 0)
				return names[j].dec;
	}
	return kt_err_set(err, KT_EINVAL,
			  "java.lang.RuntimeException: Failed to load decoder "
			  "class");
}

static int decode_one(int dec, struct kt_bytes v, struct kt_buf *out,
		      struct kt_err *err)
{
	switch (dec) {
	case KT_DL_DEC_INTEGER:
		if (v.len < 4)
			return kt_err_set(err, KT_ETRUNC,
					  "java.nio.BufferUnderflowException");
		put_i64(out, (int32_t)kt_be32(v.p));
		return 0;
	case KT_DL_DEC_LONG:
		if (v.len < 8)
			return kt_err_set(err, KT_ETRUNC,
					  "java.nio.BufferUnderflowException");
		put_i64(out, (int64_t)kt_be64(v.p));
		return 0;
	case KT_DL_DEC_DEFAULT: {
		/* Java prints the array's identity ("[B@1b6d3586"), which no
		 * two runs share; kafkit prints a stable stand-in: the
		 * CRC-32C of the bytes in hex. */
		kt_buf_printf(out, "[B@%x", kt_crc32c(0, v.p, v.len));
		return 0;
	}
	default:
		return kt_java_utf8(out, v.p, v.len);
	}
}

static int builtin_parse(void *ctx, const struct kt_dl_record *rec,
			 struct kt_dl_text *out, struct kt_err *err)
{
	const struct kt_dl_decoders *d = ctx;
	int rc;

	out->has_key = rec->key.p != NULL;
	out->has_value = rec->value.p != NULL;
	if (out->has_key) {
		rc = decode_one(d->key, rec->key, out->key, err);
		if (rc < 0)
			return rc;
	}
	if (out->has_value) {
		rc = decode_one(d->value, rec->value, out->value, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

void kt_dl_parser_builtin(struct kt_dl_parser *p,
			  const struct kt_dl_decoders *d)
{
	p->parse = builtin_parse;
	p->ctx = (void *)d;
}

/*
 * The coordinator decoders (coord.h, rlmm.h) as message parsers. Their
 * output buffers are the engine's key and value texts, lent for the call.
 *
 * What a decoder returns becomes what Apache's parser does: decoded text,
 * "Unknown record type ..." and "Error at ..., skipping." texts are
 * printed and the dump goes on; a coordinator record without a key makes
 * Java throw out of the tool (the dump stops); an output buffer that
 * fails stops it too.
 */
static int coord_parse(int which, const struct kt_dl_record *rec,
		       struct kt_dl_text *out, struct kt_err *err)
{
	struct kt_coord_out co;
	struct kt_err derr = {0};
	int rc;

	co.key = *out->key;
	co.value = *out->value;
	co.has_key = false;
	co.has_value = false;
	switch (which) {
	case KT_DL_COORD_OFFSETS:
		rc = kt_coord_offsets_format(rec->key, rec->value, rec->offset,
					     &co, &derr);
		break;
	case KT_DL_COORD_TRANSACTION_LOG:
		rc = kt_coord_txn_format(rec->key, rec->value, rec->offset, &co,
					 &derr);
		break;
	case KT_DL_COORD_SHARE_GROUP_STATE:
		rc = kt_coord_share_format(rec->key, rec->value, rec->offset,
					   &co, &derr);
		break;
	case KT_DL_COORD_CLUSTER_METADATA:
		rc = kt_coord_metadata_format(rec->value, rec->offset, &co,
					      &derr);
		break;
	default:
		rc = kt_rlmm_format(rec->value, rec->offset, &co, &derr);
		break;
	}
	*out->key = co.key;
	*out->value = co.value;
	out->has_key = co.has_key;
	out->has_value = co.has_value;
	if (rc >= 0 || co.has_key || co.has_value)
		return 0;
	if (rc == -KT_EINVAL && which != KT_DL_COORD_CLUSTER_METADATA &&
	    which != KT_DL_COORD_REMOTE_LOG_METADATA && !rec->key.p)
		return kt_err_set(
			err, KT_EINVAL,
			"java.lang.RuntimeException: " KT_COORD_MISSING_KEY_FMT,
			(long long)rec->offset);
	return kt_err_set(err, derr.code ? derr.code : -rc, "%s", derr.msg);
}

static int offsets_parse(void *ctx, const struct kt_dl_record *rec,
			 struct kt_dl_text *out, struct kt_err *err)
{
	(void)ctx;
	return coord_parse(KT_DL_COORD_OFFSETS, rec, out, err);
}

static int txn_parse(void *ctx, const struct kt_dl_record *rec,
		     struct kt_dl_text *out, struct kt_err *err)
{
	(void)ctx;
	return coord_parse(KT_DL_COORD_TRANSACTION_LOG, rec, out, err);
}

static int metadata_parse(void *ctx, const struct kt_dl_record *rec,
			  struct kt_dl_text *out, struct kt_err *err)
{
	(void)ctx;
	return coord_parse(KT_DL_COORD_CLUSTER_METADATA, rec, out, err);
}

static int rlmm_parse(void *ctx, const struct kt_dl_record *rec,
		      struct kt_dl_text *out, struct kt_err *err)
{
	(void)ctx;
	return coord_parse(KT_DL_COORD_REMOTE_LOG_METADATA, rec, out, err);
}

static int share_parse(void *ctx, const struct kt_dl_record *rec,
		       struct kt_dl_text *out, struct kt_err *err)
{
	(void)ctx;
	return coord_parse(KT_DL_COORD_SHARE_GROUP_STATE, rec, out, err);
}

/* By enum kt_dl_coord. */
static const kt_dl_parse_fn coord_parsers[5] = {
	offsets_parse, txn_parse, metadata_parse, rlmm_parse, share_parse,
};

int kt_dl_parser_coord(struct kt_dl_parser *p, int which, struct kt_err *err)
{
	if (which < 0 || which >= 5)
		return kt_err_set(err, KT_EINVAL, "unknown decoder %d", which);
	p->parse = coord_parsers[which];
	p->ctx = NULL;
	return 0;
}

void kt_dl_opts_init(struct kt_dl_opts *o)
{
	static const struct kt_dl_decoders strings = {KT_DL_DEC_STRING,
						      KT_DL_DEC_STRING};

	memset(o, 0, sizeof(*o));
	o->max_message_size = 5 * 1024 * 1024;
	o->max_bytes = JAVA_INT_MAX;
	kt_dl_parser_builtin(&o->parser, &strings);
}

/* ---- engine ---- */

struct kt_dumplog *kt_dumplog_new(const struct kt_dl_opts *o,
				  const struct kt_dl_sink *sink)
{
	struct kt_dumplog *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->o = *o;
	d->sink = *sink;
	kt_buf_init(&d->out, 0);
	kt_buf_init(&d->key, TEXT_MAX);
	kt_buf_init(&d->val, TEXT_MAX);
	kt_buf_init(&d->scratch, DECOMP_MAX);
	kt_buf_init(&d->line, TEXT_MAX);
	if (o->cwd)
		snprintf(d->cwd, sizeof(d->cwd), "%s", o->cwd);
	else if (!getcwd(d->cwd, sizeof(d->cwd)))
		d->cwd[0] = '\0';
	return d;
}

void kt_dumplog_free(struct kt_dumplog *d)
{
	if (!d)
		return;
	kt_buf_release(&d->out);
	kt_buf_release(&d->key);
	kt_buf_release(&d->val);
	kt_buf_release(&d->scratch);
	kt_buf_release(&d->line);
	fmap_release(&d->idx_mismatch);
	fmap_release(&d->ts_mismatch);
	fmap_release(&d->ts_order);
	fmap_release(&d->ts_notfound);
	fmap_release(&d->nonconsec);
	free(d);
}

void kt_dumplog_set_opts(struct kt_dumplog *d, const struct kt_dl_opts *o)
{
	d->o = *o;
	if (!o->cwd)
		d->o.cwd = NULL;
}

const char *kt_dumplog_error(const struct kt_dumplog *d)
{
	return d->fatal;
}

uint64_t kt_dumplog_problems(const struct kt_dumplog *d)
{
	return d->problems;
}

/* The text of out with the queued views between it, in pieces of at most
 * IOV_BATCH per sink writev. */
static int write_views(struct kt_dumplog *d)
{
	struct iovec iov[IOV_BATCH];
	size_t at = 0, i;
	int k = 0, rc = 0;

	for (i = 0; i <= d->nzc && rc >= 0; i++) {
		size_t end = i < d->nzc ? d->zc[i].at : d->out.len;

		if (end > at) {
			iov[k].iov_base = d->out.p + at;
			iov[k++].iov_len = end - at;
			at = end;
		}
		if (i < d->nzc) {
			iov[k].iov_base = (void *)d->zc[i].p;
			iov[k++].iov_len = d->zc[i].len;
		}
		if (k >= IOV_BATCH - 1 || (i == d->nzc && k > 0)) {
			rc = d->sink.writev(d->sink.ctx, KT_DL_OUT, iov, k);
			k = 0;
		}
	}
	return rc;
}

static int flush_out(struct kt_dumplog *d, struct kt_err *err)
{
	int rc;

	if (d->out.err) {
		d->nzc = 0;
		return kt_err_set(err, -d->out.err, "output buffer: %s",
				  kt_strerror(d->out.err));
	}
	if (d->nzc > 0)
		rc = write_views(d);
	else if (d->out.len == 0)
		return 0;
	else
		rc = d->sink.write(d->sink.ctx, KT_DL_OUT, d->out.p,
				   d->out.len);
	kt_buf_reset(&d->out);
	d->nzc = 0;
	if (rc < 0)
		return kt_err_set(err, -rc, "cannot write output: %s",
				  kt_strerror(rc));
	return 0;
}

static int maybe_flush(struct kt_dumplog *d, struct kt_err *err)
{
	if (d->out.len >= OUT_FLUSH || d->out.err || d->nzc >= ZC_MAX - 2)
		return flush_out(d, err);
	return 0;
}

/* Queue n bytes at p (in a pinned window of the file) as the next output. */
static int put_view(struct kt_dumplog *d, const uint8_t *p, size_t n,
		    struct kt_err *err)
{
	if (d->nzc == ZC_MAX && flush_out(d, err) < 0)
		return -KT_EIO;
	d->zc[d->nzc].at = d->out.len;
	d->zc[d->nzc].p = p;
	d->zc[d->nzc].len = n;
	d->nzc++;
	return 0;
}

/* One line on stderr (stdout flushed first so a terminal sees them in
 * order). */
static int err_line(struct kt_dumplog *d, const char *s, struct kt_err *err)
{
	int rc = flush_out(d, err);

	if (rc < 0)
		return rc;
	rc = d->sink.write(d->sink.ctx, KT_DL_ERR, s, strlen(s));
	if (rc >= 0)
		rc = d->sink.write(d->sink.ctx, KT_DL_ERR, "\n", 1);
	return rc < 0 ? kt_err_set(err, -rc, "cannot write") : 0;
}

/* Fail the dump with Java's exception line. */
static int jfail(struct kt_dumplog *d, struct kt_err *err, int code,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int jfail(struct kt_dumplog *d, struct kt_err *err, int code,
		 const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(d->fatal, sizeof(d->fatal),
		     "Exception in thread "
		     "\"main\" ");
	va_start(ap, fmt);
	vsnprintf(d->fatal + n, sizeof(d->fatal) - (size_t)n, fmt, ap);
	va_end(ap);
	return kt_err_set(err, code, "%s", d->fatal);
}

/* Java's File normalisation: no repeated or trailing slashes. */
static void java_normalize(const char *in, char *out, size_t cap)
{
	size_t j = 0;

	for (; *in && j + 1 < cap; in++) {
		if (*in == '/' && j > 0 && out[j - 1] == '/')
			continue;
		out[j++] = *in;
	}
	if (j > 1 && out[j - 1] == '/')
		j--;
	out[j] = '\0';
}

/* File.getAbsolutePath of a normalised path. */
static void java_abs(const struct kt_dumplog *d, const char *path, char *out,
		     size_t cap)
{
	if (path[0] == '/')
		snprintf(out, cap, "%s", path);
	else if (path[0] == '\0')
		snprintf(out, cap, "%s", d->cwd);
	else
		snprintf(out, cap, "%s/%s", strcmp(d->cwd, "/") ? d->cwd : "",
			 path);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The sibling of abs path with the name's part before the first '.' and
 * another suffix: Java's new File(parent, prefix + suffix). */
static void sibling(const char *abs, const char *suffix, char *out, size_t cap)
{
	const char *name = base_name(abs);
	size_t dir = (size_t)(name - abs);
	const char *dot = strchr(name, '.');
	size_t pl = dot ? (size_t)(dot - name) : strlen(name);

	snprintf(out, cap, "%.*s%.*s%s", (int)dir, abs, (int)pl, name, suffix);
}

static int number_prefix(struct kt_dumplog *d, const char *name, int64_t *base,
			 struct kt_err *err)
{
	const char *dot = strchr(name, '.');
	int pl = dot ? (int)(dot - name) : (int)strlen(name);

	if (kt_seg_base_offset(name, base) < 0)
		return jfail(d, err, KT_EINVAL,
			     "java.lang.NumberFormatException: For input "
			     "string: \"%.*s\"",
			     pl, name);
	return 0;
}

static int no_such_file(struct kt_dumplog *d, struct kt_err *err,
			const char *path, struct kt_err *oerr)
{
	if (oerr->code == KT_ENOTFOUND)
		return jfail(d, err, KT_ENOTFOUND,
			     "java.nio.file.NoSuchFileException: %s", path);
	return jfail(d, err, oerr->code, "java.io.IOException: %s", oerr->msg);
}

/* ---- .log and .checkpoint ---- */

/* The fields of a batch line, read the lenient way Java's file batches do
 * (a header is loaded from the file, whatever the batch says). */
struct bline {
	int8_t magic;
	int64_t base_offset, last_offset, base_ts, max_ts, pid;
	int32_t count, base_seq, last_seq, ple;
	int16_t epoch, attr;
	int ts_type, codec;
	uint32_t crc;
	bool valid;
	int64_t size;
};

static const char *codec_name(int c)
{
	static const char *const n[] = {"none", "gzip", "snappy", "lz4",
					"zstd"};

	return c >= 0 && c < 5 ? n[c] : NULL;
}

static int batch_header(struct kt_dumplog *d, struct kt_segfile *f,
			const struct kt_logbatch *lb, const char *name,
			uint64_t slice_end, struct bline *bl,
			struct kt_err *err)
{
	const uint8_t *h = lb->p;

	memset(bl, 0, sizeof(*bl));
	bl->magic = lb->magic;
	bl->size = (int64_t)lb->len;
	if (lb->magic >= 2) {
		if (lb->len < KT_BATCH_HEADER_LEN) {
			struct kt_err e2;

			if (kt_segfile_get(f, lb->pos, KT_BATCH_HEADER_LEN, &h,
					   &e2) < 0)
				return jfail(
					d, err, KT_ETRUNC,
					"org.apache.kafka.common.KafkaException"
					": Failed to load record batch at "
					"position %llu from FileRecords(size="
					"%llu, file=%s, start=0, end=%llu)",
					(unsigned long long)lb->pos,
					(unsigned long long)slice_end, name,
					(unsigned long long)slice_end);
		}
		bl->base_offset = (int64_t)kt_be64(h);
		bl->ple = (int32_t)kt_be32(h + 12);
		bl->crc = kt_be32(h + 17);
		bl->attr = (int16_t)kt_be16(h + 21);
		bl->last_offset = bl->base_offset + (int32_t)kt_be32(h + 23);
		bl->base_ts = (int64_t)kt_be64(h + 27);
		bl->max_ts = (int64_t)kt_be64(h + 35);
		bl->pid = (int64_t)kt_be64(h + 43);
		bl->epoch = (int16_t)kt_be16(h + 51);
		bl->base_seq = (int32_t)kt_be32(h + 53);
		bl->count = (int32_t)kt_be32(h + 57);
		bl->last_seq =
			kt_sequence_add(bl->base_seq, (int32_t)kt_be32(h + 23));
		bl->ts_type = (bl->attr & KT_ATTR_LOG_APPEND_TIME)
				      ? KT_TS_LOG_APPEND
				      : KT_TS_CREATE;
		bl->codec = bl->attr & KT_ATTR_CODEC_MASK;
		/* h may now view another window: the CRC needs lb's bytes,
		 * which are only valid when lb is long enough anyway. */
		if (lb->len >= KT_BATCH_HEADER_LEN && h == lb->p)
			bl->valid = kt_crc32c(0, lb->p + KT_BATCH_CRC_START,
					      lb->len - KT_BATCH_CRC_START) ==
				    bl->crc;
		(void)d;
	} else {
		bl->base_offset = bl->last_offset = (int64_t)kt_be64(h);
		bl->crc = kt_be32(h + 12);
		bl->attr = h[17];
		bl->codec = bl->attr & KT_ATTR_CODEC_MASK;
		if (lb->magic == 1) {
			bl->max_ts = (int64_t)kt_be64(h + 18);
			bl->ts_type =
				(bl->attr & KT_LEGACY_ATTR_LOG_APPEND_TIME)
					? KT_TS_LOG_APPEND
					: KT_TS_CREATE;
		} else {
			bl->max_ts = -1;
			bl->ts_type = KT_TS_NONE;
		}
		bl->valid = kt_crc32(0, lb->p + 16, lb->len - 16) == bl->crc;
	}
	return 0;
}

static const char *ts_name(int t)
{
	return kt_ts_type_name(t);
}

static int print_batch_line(struct kt_dumplog *d, const struct bline *bl,
			    uint64_t position, struct kt_err *err)
{
	struct kt_buf *b = &d->out;

	if (bl->magic >= 2) {
		put(b, "baseOffset: ");
		put_i64(b, bl->base_offset);
		put(b, " lastOffset: ");
		put_i64(b, bl->last_offset);
		put(b, " count: ");
		put_i64(b, bl->count);
		put(b, " baseSequence: ");
		put_i64(b, bl->base_seq);
		put(b, " lastSequence: ");
		put_i64(b, bl->last_seq);
		put(b, " producerId: ");
		put_i64(b, bl->pid);
		put(b, " producerEpoch: ");
		put_i64(b, bl->epoch);
		put(b, " partitionLeaderEpoch: ");
		put_i64(b, bl->ple);
		put(b, " isTransactional: ");
		put_bool(b, bl->attr & KT_ATTR_TRANSACTIONAL);
		put(b, " isControl: ");
		put_bool(b, bl->attr & KT_ATTR_CONTROL);
		put(b, " deleteHorizonMs: ");
		/* Java reads baseTimestamp for the horizon. */
		if (bl->attr & KT_ATTR_DELETE_HORIZON) {
			put(b, "OptionalLong[");
			put_i64(b, bl->base_ts);
			put(b, "]");
		} else {
			put(b, "OptionalLong.empty");
		}
	} else {
		put(b, "offset: ");
		put_i64(b, bl->last_offset);
	}
	if (!codec_name(bl->codec)) {
		/* Java prints up to here, then dies in compressionType(). */
		return jfail(d, err, KT_EPROTO,
			     "java.lang.IllegalArgumentException: Unknown "
			     "compression type id: %d",
			     bl->codec);
	}
	put(b, " position: ");
	put_i64(b, (int64_t)position);
	put(b, " ");
	put(b, ts_name(bl->ts_type));
	put(b, ": ");
	put_i64(b, bl->max_ts);
	put(b, " size: ");
	put_i64(b, bl->size);
	put(b, " magic: ");
	put_i64(b, bl->magic);
	put(b, " compresscodec: ");
	put(b, codec_name(bl->codec));
	put(b, " crc: ");
	put_i64(b, (int64_t)bl->crc);
	put(b, " isvalid: ");
	put_bool(b, bl->valid);
	put(b, "\n");
	return 0;
}

/* The per-file record state of one dump. */
struct logctx {
	const char *abs;
	int64_t last_offset; /* previous record's offset, -1 at the start */
	struct fentry *gaps;
};

static int note_offset(struct kt_dumplog *d, struct logctx *lc, int64_t off,
		       struct kt_err *err)
{
	if (off != lc->last_offset + 1) {
		if (!lc->gaps) {
			lc->gaps = fmap_get(&d->nonconsec, lc->abs);
			if (!lc->gaps)
				return kt_err_set(err, KT_ENOMEM, "no memory");
		}
		if (fentry_add(lc->gaps, lc->last_offset, off) < 0)
			return kt_err_set(err, KT_ENOMEM, "no memory");
	}
	lc->last_offset = off;
	return 0;
}

/* Header keys joined as Java's Collectors.joining(",", "[", "]"). */
static void put_header_keys(struct kt_buf *b, const struct kt_record *rec,
			    bool values)
{
	struct kt_header_iter hi;
	struct kt_header h;
	bool first = true;

	kt_header_iter_init(&hi, rec);
	put(b, "[");
	while (kt_header_iter_next(&hi, &h) > 0) {
		if (!first)
			put(b, ",");
		first = false;
		if (!values) {
			kt_java_utf8(b, h.key.p, h.key.len);
			continue;
		}
		put_json_str(b, h.key.p, h.key.len);
		put(b, ":");
		if (h.value.p)
			put_json_str(b, h.value.p, h.value.len);
		else
			put(b, "null");
	}
	put(b, "]");
}

/* A StringDecoder text straight into out: valid UTF-8 is the text itself
 * (queued as a view of the file when it is long and the batch allows),
 * anything else goes through Java's replacement. */
static int put_string(struct kt_dumplog *d, struct kt_bytes v,
		      struct kt_err *err)
{
	if (!kt_java_utf8_valid(v.p, v.len))
		kt_java_utf8(&d->out, v.p, v.len);
	else if (d->zc_on && v.len >= ZC_MIN)
		return put_view(d, v.p, v.len, err);
	else
		putn(&d->out, v.p, v.len);
	return 0;
}

static int put_contents(struct kt_dumplog *d, const struct kt_dl_record *r,
			const char *prefix, struct kt_err *err)
{
	struct kt_dl_text t = {&d->key, &d->val, false, false};
	const struct kt_dl_decoders *dec = d->o.parser.ctx;
	int rc;

	/* The built-in parser with StringDecoder for both cannot fail, so
	 * the texts need no staging: the same bytes as builtin_parse, then
	 * the copy below, give. */
	if (d->o.parser.parse == builtin_parse &&
	    dec->key == KT_DL_DEC_STRING && dec->value == KT_DL_DEC_STRING) {
		if (r->key.p) {
			put(&d->out, prefix);
			PUTL(&d->out, "key: ");
			if (put_string(d, r->key, err) < 0)
				return -KT_EIO;
			prefix = " ";
		}
		if (r->value.p) {
			put(&d->out, prefix);
			PUTL(&d->out, "payload: ");
			if (put_string(d, r->value, err) < 0)
				return -KT_EIO;
		}
		if (d->out.err)
			return kt_err_set(err, KT_ETOOBIG,
					  "record at offset %lld: text too "
					  "large",
					  (long long)r->offset);
		return 0;
	}

	kt_buf_reset(&d->key);
	kt_buf_reset(&d->val);
	rc = d->o.parser.parse(d->o.parser.ctx, r, &t, err);
	if (rc < 0)
		return jfail(d, err, -rc < KT_ECODE_MAX ? -rc : KT_EINVAL, "%s",
			     err ? err->msg : "decoder failed");
	if (d->key.err || d->val.err)
		return kt_err_set(err, KT_ETOOBIG,
				  "record at offset %lld: text too large",
				  (long long)r->offset);
	if (t.has_key) {
		put(&d->out, prefix);
		put(&d->out, "key: ");
		kt_buf_put(&d->out, d->key.p, d->key.len);
		prefix = " ";
	}
	if (t.has_value) {
		put(&d->out, prefix);
		put(&d->out, "payload: ");
		kt_buf_put(&d->out, d->val.p, d->val.len);
	}
	return 0;
}

/* ---- KRaft control records (flexible messages, version 0) ---- */

static int read_voters(struct kt_reader *r, struct kt_buf *b, const char *key)
{
	int32_t n, i, id;

	kt_read_carr(r, 5, &n);
	put(b, ",\"");
	put(b, key);
	put(b, "\":[");
	for (i = 0; i < n && !r->err; i++) {
		kt_read_i32(r, &id);
		kt_read_tags(r, NULL, NULL);
		if (i)
			put(b, ",");
		put(b, "{\"voterId\":");
		put_i64(b, id);
		put(b, "}");
	}
	put(b, "]");
	return r->err;
}

static int control_json(int type, struct kt_bytes v, struct kt_buf *b)
{
	struct kt_reader r;
	int16_t version = 0, s16;
	int32_t i32;
	int64_t i64;

	kt_reader_init(&r, v.p, v.len);
	kt_read_i16(&r, &version);
	put(b, "{\"version\":");
	put_i64(b, version);
	switch (type) {
	case KT_CONTROL_LEADER_CHANGE:
		kt_read_i32(&r, &i32);
		put(b, ",\"leaderId\":");
		put_i64(b, i32);
		read_voters(&r, b, "voters");
		read_voters(&r, b, "grantingVoters");
		break;
	case KT_CONTROL_SNAPSHOT_HEADER:
		kt_read_i64(&r, &i64);
		put(b, ",\"lastContainedLogTimestamp\":");
		put_i64(b, i64);
		break;
	case KT_CONTROL_SNAPSHOT_FOOTER:
		break;
	case KT_CONTROL_KRAFT_VERSION:
		kt_read_i16(&r, &s16);
		put(b, ",\"kRaftVersion\":");
		put_i64(b, s16);
		break;
	case KT_CONTROL_KRAFT_VOTERS: {
		int32_t n, k, ne, j;

		kt_read_carr(&r, 22, &n);
		put(b, ",\"voters\":[");
		for (k = 0; k < n && !r.err; k++) {
			struct kt_uuid u;
			char us[23];
			int16_t mn = 0, mx = 0;

			kt_read_i32(&r, &i32);
			kt_read_uuid(&r, &u);
			kt_uuid_str(&u, us);
			put(b, k ? ",{" : "{");
			put(b, "\"voterId\":");
			put_i64(b, i32);
			put(b, ",\"voterDirectoryId\":\"");
			put(b, us);
			put(b, "\",\"endpoints\":[");
			kt_read_carr(&r, 5, &ne);
			for (j = 0; j < ne && !r.err; j++) {
				struct kt_bytes nm, host;
				uint16_t port = 0;

				kt_read_cstr(&r, &nm);
				kt_read_cstr(&r, &host);
				kt_read_u16(&r, &port);
				kt_read_tags(&r, NULL, NULL);
				if (r.err)
					break;
				put(b, j ? ",{\"name\":" : "{\"name\":");
				put_json_str(b, nm.p, nm.len);
				put(b, ",\"host\":");
				put_json_str(b, host.p, host.len);
				put(b, ",\"port\":");
				put_i64(b, port);
				put(b, "}");
			}
			kt_read_i16(&r, &mn);
			kt_read_i16(&r, &mx);
			kt_read_tags(&r, NULL, NULL);
			kt_read_tags(&r, NULL, NULL);
			put(b, "],\"kRaftVersionFeature\":{"
			       "\"minSupportedVersion\":");
			put_i64(b, mn);
			put(b, ",\"maxSupportedVersion\":");
			put_i64(b, mx);
			put(b, "}}");
		}
		put(b, "]");
		break;
	}
	}
	kt_read_tags(&r, NULL, NULL);
	put(b, "}");
	return r.err;
}

static int put_control(struct kt_dumplog *d, const struct kt_record *rec,
		       int64_t batch_pos, struct kt_err *err)
{
	struct kt_control c;
	struct kt_buf *b = &d->out;
	int type;

	if (kt_control_parse(rec, &c, err) < 0)
		return jfail(d, err, KT_EPROTO,
			     "org.apache.kafka.common.InvalidRecordException"
			     ": %s",
			     err ? err->msg : "bad control record");
	type = kt_control_type(&c);
	switch (type) {
	case KT_CONTROL_ABORT:
	case KT_CONTROL_COMMIT:
		put(b, " endTxnMarker: ");
		put(b, kt_control_type_name(type));
		put(b, " coordinatorEpoch: ");
		put_i64(b, c.coordinator_epoch);
		return 0;
	case KT_CONTROL_LEADER_CHANGE:
		put(b, " LeaderChange: ");
		break;
	case KT_CONTROL_SNAPSHOT_HEADER:
		put(b, " SnapshotHeader ");
		break;
	case KT_CONTROL_SNAPSHOT_FOOTER:
		put(b, " SnapshotFooter ");
		break;
	case KT_CONTROL_KRAFT_VERSION:
		put(b, " KRaftVersion ");
		break;
	case KT_CONTROL_KRAFT_VOTERS:
		put(b, " KRaftVoters ");
		break;
	default:
		put(b, " controlType: UNKNOWN(");
		put_i64(b, c.type);
		put(b, ")");
		return 0;
	}
	if (control_json(type, c.value, b) < 0)
		return jfail(d, err, KT_EPROTO,
			     "java.nio.BufferUnderflowException: control "
			     "record at offset %lld of the batch at byte %lld",
			     (long long)rec->offset, (long long)batch_pos);
	return 0;
}

static int dump_records_v2(struct kt_dumplog *d, struct logctx *lc,
			   const struct kt_logbatch *lb, const char *name,
			   struct kt_err *err)
{
	struct kt_batch batch;
	struct kt_bytes recs;
	struct kt_record_iter it;
	struct kt_record rec;
	const char *tsn;
	size_t tsn_len;
	int rc;

	const uint8_t *p = lb->p;

	if (lb->len < KT_BATCH_HEADER_LEN)
		return jfail(d, err, KT_ETRUNC,
			     "java.lang.IndexOutOfBoundsException");
	if (lb->magic > 2) {
		/* Java iterates any magic above 2 as magic 2. */
		kt_buf_reset(&d->line);
		kt_buf_put(&d->line, lb->p, lb->len);
		if (d->line.err)
			return kt_err_set(err, KT_ENOMEM, "no memory");
		d->line.p[16] = 2;
		p = d->line.p;
	}
	if (kt_batch_parse(&batch, p, lb->len, lb->pos, err) < 0 ||
	    kt_batch_records(&batch, &d->scratch, &recs, err) < 0)
		return jfail(d, err, KT_EPROTO,
			     "org.apache.kafka.common.KafkaException: %s (in "
			     "%s)",
			     err ? err->msg : "bad batch", name);
	tsn = ts_name(kt_batch_ts_type(&batch));
	tsn_len = strlen(tsn);
	/* values stay valid until the pinned window is let go, unless they
	 * were decompressed or copied */
	d->zc_on = d->pinned && p == lb->p &&
		   kt_batch_codec(&batch) == KT_CODEC_NONE;
	kt_record_iter_init(&it, &batch, recs);
	while ((rc = kt_record_iter_next(&it, &rec, err)) > 0) {
		struct kt_dl_record r = {rec.offset, rec.key, rec.value};
		bool control = kt_batch_is_control(&batch);

		if (note_offset(d, lc, rec.offset, err) < 0)
			return -KT_ENOMEM;
		if (!d->o.skip_meta) {
			char *w = room(&d->out, META_ROOM);

			if (!w) {
				maybe_flush(d, err);
				return -KT_EIO;
			}
			w = LIT(w, "| offset: ");
			w = fmt_i64(w, rec.offset);
			*w++ = ' ';
			memcpy(w, tsn, tsn_len);
			w += tsn_len;
			w = LIT(w, ": ");
			w = fmt_i64(w, rec.timestamp);
			w = LIT(w, " keySize: ");
			w = fmt_i64(w, rec.key.p ? (int64_t)rec.key.len : -1);
			w = LIT(w, " valueSize: ");
			w = fmt_i64(w,
				    rec.value.p ? (int64_t)rec.value.len : -1);
			w = LIT(w, " sequence: ");
			w = fmt_i64(w, rec.sequence);
			w = LIT(w, " headerKeys: ");
			if (rec.headers_count == 0)
				w = LIT(w, "[]");
			room_end(&d->out, w);
			if (rec.headers_count > 0)
				put_header_keys(&d->out, &rec, false);
			if (d->o.print_headers) {
				put(&d->out, " headers: ");
				put_header_keys(&d->out, &rec, true);
			}
			if (control &&
			    put_control(d, &rec, (int64_t)lb->pos, err) < 0)
				return -KT_EPROTO;
		}
		if (d->o.print_data && !control &&
		    put_contents(d, &r, d->o.skip_meta ? "| " : " ", err) < 0)
			return err ? -err->code : -KT_EINVAL;
		put(&d->out, "\n");
		if (maybe_flush(d, err) < 0)
			return -KT_EIO;
	}
	if (rc < 0) {
		/* Java's DefaultRecordBatch iterator words for a record count
		 * that does not match the records. */
		const char *why = err ? err->msg : "bad record";

		if (it.index == batch.records_count)
			why = "Incorrect declared batch size, records still "
			      "remaining in file";
		else if (err && strstr(err->msg, "records end after"))
			why = "Incorrect declared batch size, premature EOF "
			      "reached";
		return jfail(d, err, KT_EPROTO,
			     "org.apache.kafka.common.InvalidRecordException: "
			     "%s",
			     why);
	}
	return 0;
}

static int legacy_record_line(struct kt_dumplog *d, struct logctx *lc,
			      const struct kt_legacy *m, int ts_type,
			      struct kt_err *err)
{
	struct kt_dl_record r = {m->offset, m->key, m->value};

	if (note_offset(d, lc, m->offset, err) < 0)
		return -KT_ENOMEM;
	if (!d->o.skip_meta) {
		put(&d->out, "| offset: ");
		put_i64(&d->out, m->offset);
		put(&d->out, " ");
		put(&d->out, ts_name(ts_type));
		put(&d->out, ": ");
		put_i64(&d->out, m->timestamp);
		put(&d->out, " keySize: ");
		put_i64(&d->out, m->key.p ? (int64_t)m->key.len : -1);
		put(&d->out, " valueSize: ");
		put_i64(&d->out, m->value.p ? (int64_t)m->value.len : -1);
		put(&d->out, " isValid: ");
		put_bool(&d->out, kt_legacy_crc_ok(m));
		put(&d->out, " crc: ");
		put_i64(&d->out, m->crc);
	}
	if (d->o.print_data &&
	    put_contents(d, &r, d->o.skip_meta ? "| " : " ", err) < 0)
		return err ? -err->code : -KT_EINVAL;
	put(&d->out, "\n");
	return maybe_flush(d, err);
}

static int dump_records_legacy(struct kt_dumplog *d, struct logctx *lc,
			       const struct kt_logbatch *lb,
			       const struct bline *bl, struct kt_err *err)
{
	struct kt_legacy w, m;
	struct kt_legacy_iter it;
	int rc;

	if (kt_legacy_parse(&w, lb->p, lb->len, lb->pos, err) < 0)
		return jfail(d, err, KT_EPROTO,
			     "org.apache.kafka.common.errors."
			     "CorruptRecordException: %s",
			     err ? err->msg : "bad message");
	if (kt_legacy_codec(&w) == KT_CODEC_NONE)
		return legacy_record_line(d, lc, &w, bl->ts_type, err);
	if (kt_legacy_inner(&it, &w, &d->scratch, err) < 0)
		return jfail(d, err, KT_ECOMPRESS,
			     "org.apache.kafka.common.KafkaException: %s",
			     err ? err->msg : "bad wrapper");
	while ((rc = kt_legacy_iter_next(&it, &m, err)) > 0)
		if (legacy_record_line(d, lc, &m, bl->ts_type, err) < 0)
			return err ? -err->code : -KT_EIO;
	if (rc < 0)
		return jfail(d, err, KT_EPROTO,
			     "org.apache.kafka.common.errors."
			     "CorruptRecordException: %s",
			     err ? err->msg : "bad message");
	return 0;
}

/* ---- kafkit JSON lines ---- */

/* ---- kafkit JSON lines ---- */

static const char b64tbl[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Bytes in JSON: null, a string when they are valid UTF-8, else
 * {"base64": "..."}. */
static json_t *json_bytes(struct kt_bytes v)
{
	json_t *o, *s;
	size_t i, j = 0;
	char *t;

	if (!v.p)
		return json_null();
	s = json_stringn((const char *)v.p, v.len);
	if (s)
		return s;
	t = malloc((v.len + 2) / 3 * 4 + 1);
	if (!t)
		return NULL;
	for (i = 0; i + 2 < v.len; i += 3) {
		uint32_t x = (uint32_t)v.p[i] << 16 |
			     (uint32_t)v.p[i + 1] << 8 | v.p[i + 2];

		t[j++] = b64tbl[x >> 18];
		t[j++] = b64tbl[(x >> 12) & 63];
		t[j++] = b64tbl[(x >> 6) & 63];
		t[j++] = b64tbl[x & 63];
	}
	if (i < v.len) {
		uint32_t x = (uint32_t)v.p[i] << 16;

		if (i + 1 < v.len)
			x |= (uint32_t)v.p[i + 1] << 8;
		t[j++] = b64tbl[x >> 18];
		t[j++] = b64tbl[(x >> 12) & 63];
		t[j++] = i + 1 < v.len ? b64tbl[(x >> 6) & 63] : '=';
		t[j++] = '=';
	}
	o = json_object();
	json_object_set_new(o, "base64", json_stringn(t, j));
	free(t);
	return o;
}

/* Append o as one line and free it. */
static int json_line(struct kt_dumplog *d, json_t *o, struct kt_err *err)
{
	char *s;

	if (!o)
		return kt_err_set(err, KT_ENOMEM, "no memory for JSON");
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!s)
		return kt_err_set(err, KT_ENOMEM, "no memory for JSON");
	put(&d->out, s);
	put(&d->out, "\n");
	free(s);
	return maybe_flush(d, err);
}

static json_t *json_batch(const struct bline *bl, uint64_t pos)
{
	json_t *o = json_object();

	json_object_set_new(o, "type", json_string("batch"));
	json_object_set_new(o, "position", json_integer((json_int_t)pos));
	json_object_set_new(o, "magic", json_integer(bl->magic));
	if (bl->magic >= 2) {
		json_object_set_new(o, "baseOffset",
				    json_integer(bl->base_offset));
		json_object_set_new(o, "lastOffset",
				    json_integer(bl->last_offset));
		json_object_set_new(o, "count", json_integer(bl->count));
		json_object_set_new(o, "baseSequence",
				    json_integer(bl->base_seq));
		json_object_set_new(o, "lastSequence",
				    json_integer(bl->last_seq));
		json_object_set_new(o, "producerId", json_integer(bl->pid));
		json_object_set_new(o, "producerEpoch",
				    json_integer(bl->epoch));
		json_object_set_new(o, "partitionLeaderEpoch",
				    json_integer(bl->ple));
		json_object_set_new(
			o, "isTransactional",
			json_boolean(bl->attr & KT_ATTR_TRANSACTIONAL));
		json_object_set_new(o, "isControl",
				    json_boolean(bl->attr & KT_ATTR_CONTROL));
		json_object_set_new(o, "deleteHorizonMs",
				    (bl->attr & KT_ATTR_DELETE_HORIZON)
					    ? json_integer(bl->base_ts)
					    : json_null());
	} else {
		json_object_set_new(o, "offset", json_integer(bl->last_offset));
	}
	json_object_set_new(o, "timestampType",
			    json_string(kt_ts_type_name(bl->ts_type)));
	json_object_set_new(o, "maxTimestamp", json_integer(bl->max_ts));
	json_object_set_new(o, "size", json_integer(bl->size));
	json_object_set_new(o, "compression",
			    codec_name(bl->codec)
				    ? json_string(codec_name(bl->codec))
				    : json_integer(bl->codec));
	json_object_set_new(o, "crc", json_integer(bl->crc));
	json_object_set_new(o, "crcValid", json_boolean(bl->valid));
	return o;
}

/* Decoded text of a record for JSON, when a decoder was asked for. */
static int json_decoded(struct kt_dumplog *d, json_t *o,
			const struct kt_dl_record *r, struct kt_err *err)
{
	struct kt_dl_text t = {&d->key, &d->val, false, false};
	int rc;

	if (!d->o.print_data)
		return 0;
	kt_buf_reset(&d->key);
	kt_buf_reset(&d->val);
	rc = d->o.parser.parse(d->o.parser.ctx, r, &t, err);
	if (rc < 0)
		return rc;
	if (t.has_key)
		json_object_set_new(
			o, "keyText",
			json_stringn((const char *)d->key.p, d->key.len));
	if (t.has_value)
		json_object_set_new(
			o, "payloadText",
			json_stringn((const char *)d->val.p, d->val.len));
	return 0;
}

static json_t *json_headers(const struct kt_record *rec)
{
	struct kt_header_iter hi;
	struct kt_header h;
	json_t *a = json_array();

	kt_header_iter_init(&hi, rec);
	while (kt_header_iter_next(&hi, &h) > 0) {
		json_t *o = json_object();

		json_object_set_new(o, "key", json_bytes(h.key));
		json_object_set_new(o, "value", json_bytes(h.value));
		json_array_append_new(a, o);
	}
	return a;
}

static int json_control(struct kt_dumplog *d, json_t *o,
			const struct kt_record *rec)
{
	struct kt_control c;
	json_t *ctl;
	int type;

	if (kt_control_parse(rec, &c, NULL) < 0)
		return 0;
	type = kt_control_type(&c);
	ctl = json_object();
	json_object_set_new(ctl, "type",
			    json_string(kt_control_type_name(type)));
	json_object_set_new(ctl, "typeId", json_integer(c.type));
	if (type == KT_CONTROL_ABORT || type == KT_CONTROL_COMMIT) {
		json_object_set_new(ctl, "coordinatorEpoch",
				    json_integer(c.coordinator_epoch));
	} else if (type != KT_CONTROL_UNKNOWN) {
		struct kt_buf b;

		kt_buf_init(&b, TEXT_MAX);
		if (control_json(type, c.value, &b) == 0 && !b.err) {
			json_t *v =
				json_loadb((const char *)b.p, b.len, 0, NULL);

			if (v)
				json_object_set_new(ctl, "data", v);
		}
		kt_buf_release(&b);
	}
	json_object_set_new(o, "control", ctl);
	(void)d;
	return 0;
}

/* ---- per-file statistics (summary and verify) ---- */

static void stats_reset(struct kt_dumplog *d)
{
	memset(&d->st, 0, sizeof(d->st));
	d->st.first_offset = -1;
	d->st.last_offset = -1;
	d->st.min_ts = INT64_MAX;
	d->st.max_ts = INT64_MIN;
}

static void stats_pid(struct kt_dumplog *d, int64_t pid)
{
	size_t i;

	if (pid < 0)
		return;
	for (i = 0; i < d->st.npids; i++)
		if (d->st.pids[i] == pid)
			return;
	if (d->st.npids < sizeof(d->st.pids) / sizeof(d->st.pids[0]))
		d->st.pids[d->st.npids++] = pid;
	else
		d->st.more_pids++;
}

static void stats_batch(struct kt_dumplog *d, const struct bline *bl)
{
	d->st.batches++;
	if (d->st.first_offset < 0)
		d->st.first_offset =
			bl->magic >= 2 ? bl->base_offset : bl->last_offset;
	d->st.last_offset = bl->last_offset;
	if (bl->max_ts >= 0 && bl->max_ts < d->st.min_ts)
		d->st.min_ts = bl->max_ts;
	if (bl->max_ts > d->st.max_ts)
		d->st.max_ts = bl->max_ts;
	d->st.codecs[bl->codec & 7]++;
	d->st.magics |= 1 << (bl->magic & 3);
	if (!bl->valid)
		d->st.bad_crc++;
	if (bl->magic >= 2) {
		stats_pid(d, bl->pid);
		if (bl->attr & KT_ATTR_CONTROL)
			d->st.control_batches++;
		if (bl->attr & KT_ATTR_TRANSACTIONAL)
			d->st.txn_batches++;
	}
	d->st.bytes += (uint64_t)bl->size;
}

/* A problem found by --verify: one stderr line, counted. */
static int problem(struct kt_dumplog *d, const char *name, const char *what,
		   struct kt_err *err)
{
	char line[600];

	d->problems++;
	snprintf(line, sizeof(line), "%s: %s", name, what);
	return err_line(d, line, err);
}

/* Decode every record of one batch without printing: counts, the
 * compression ratio, the CRC of legacy inner messages. Returns 0, or
 * negative with err filled when the batch does not decode. */
static int scan_batch(struct kt_dumplog *d, const struct kt_logbatch *lb,
		      struct kt_err *err)
{
	int rc;

	if (lb->magic >= 2) {
		struct kt_batch batch;
		struct kt_bytes recs;
		struct kt_record_iter it;
		struct kt_record rec;

		rc = kt_batch_parse(&batch, lb->p, lb->len, lb->pos, err);
		if (rc < 0)
			return rc;
		rc = kt_batch_records(&batch, &d->scratch, &recs, err);
		if (rc < 0)
			return rc;
		if (kt_batch_codec(&batch) != KT_CODEC_NONE) {
			d->st.comp_bytes += batch.records.len;
			d->st.uncomp_bytes += recs.len;
		}
		kt_record_iter_init(&it, &batch, recs);
		while ((rc = kt_record_iter_next(&it, &rec, err)) > 0) {
			d->st.records++;
			if (kt_batch_is_control(&batch))
				d->st.control_records++;
		}
		return rc;
	} else {
		struct kt_legacy w, m;
		struct kt_legacy_iter it;

		rc = kt_legacy_parse(&w, lb->p, lb->len, lb->pos, err);
		if (rc < 0)
			return rc;
		if (kt_legacy_codec(&w) == KT_CODEC_NONE) {
			d->st.records++;
			return 0;
		}
		rc = kt_legacy_inner(&it, &w, &d->scratch, err);
		if (rc < 0)
			return rc;
		d->st.comp_bytes += w.value.len;
		d->st.uncomp_bytes += d->scratch.len;
		while ((rc = kt_legacy_iter_next(&it, &m, err)) > 0) {
			d->st.records++;
			if (!kt_legacy_crc_ok(&m)) {
				char what[160];

				snprintf(what, sizeof(what),
					 "message at offset %lld inside the "
					 "wrapper at byte %llu: crc mismatch",
					 (long long)m.offset,
					 (unsigned long long)lb->pos);
				problem(d, "", what, NULL);
			}
		}
		return rc;
	}
}

static int json_records(struct kt_dumplog *d, const struct kt_logbatch *lb,
			struct kt_err *err)
{
	int rc;

	if (lb->magic >= 2) {
		struct kt_batch batch;
		struct kt_bytes recs;
		struct kt_record_iter it;
		struct kt_record rec;

		if (kt_batch_parse(&batch, lb->p, lb->len, lb->pos, err) < 0 ||
		    kt_batch_records(&batch, &d->scratch, &recs, err) < 0)
			return -KT_EPROTO;
		kt_record_iter_init(&it, &batch, recs);
		while ((rc = kt_record_iter_next(&it, &rec, err)) > 0) {
			json_t *o = json_object();
			struct kt_dl_record r = {rec.offset, rec.key,
						 rec.value};

			json_object_set_new(o, "type", json_string("record"));
			json_object_set_new(o, "offset",
					    json_integer(rec.offset));
			json_object_set_new(o, "timestampType",
					    json_string(kt_ts_type_name(
						    kt_batch_ts_type(&batch))));
			json_object_set_new(o, "timestamp",
					    json_integer(rec.timestamp));
			json_object_set_new(o, "sequence",
					    json_integer(rec.sequence));
			json_object_set_new(o, "key", json_bytes(rec.key));
			json_object_set_new(o, "value", json_bytes(rec.value));
			json_object_set_new(o, "headers", json_headers(&rec));
			if (kt_batch_is_control(&batch))
				json_control(d, o, &rec);
			else if (json_decoded(d, o, &r, err) < 0) {
				json_decref(o);
				return -KT_EPROTO;
			}
			if (json_line(d, o, err) < 0)
				return -KT_EIO;
		}
		return rc < 0 ? -KT_EPROTO : 0;
	} else {
		struct kt_legacy w, m;
		struct kt_legacy_iter it;
		bool single;

		if (kt_legacy_parse(&w, lb->p, lb->len, lb->pos, err) < 0)
			return -KT_EPROTO;
		single = kt_legacy_codec(&w) == KT_CODEC_NONE;
		if (!single && kt_legacy_inner(&it, &w, &d->scratch, err) < 0)
			return -KT_ECOMPRESS;
		for (;;) {
			json_t *o;
			struct kt_dl_record r;

			if (single) {
				m = w;
			} else {
				rc = kt_legacy_iter_next(&it, &m, err);
				if (rc < 0)
					return -KT_EPROTO;
				if (rc == 0)
					break;
			}
			r.offset = m.offset;
			r.key = m.key;
			r.value = m.value;
			o = json_object();
			json_object_set_new(o, "type", json_string("record"));
			json_object_set_new(o, "offset",
					    json_integer(m.offset));
			json_object_set_new(o, "timestampType",
					    json_string(kt_ts_type_name(
						    kt_legacy_ts_type(&w))));
			json_object_set_new(o, "timestamp",
					    json_integer(m.timestamp));
			json_object_set_new(o, "key", json_bytes(m.key));
			json_object_set_new(o, "value", json_bytes(m.value));
			json_object_set_new(o, "crc", json_integer(m.crc));
			json_object_set_new(o, "crcValid",
					    json_boolean(kt_legacy_crc_ok(&m)));
			if (json_decoded(d, o, &r, err) < 0) {
				json_decref(o);
				return -KT_EPROTO;
			}
			if (json_line(d, o, err) < 0)
				return -KT_EIO;
			if (single)
				break;
		}
		return 0;
	}
}

static void summary_text(struct kt_dumplog *d, const char *name, uint64_t valid,
			 uint64_t trailing)
{
	struct kt_buf *b = &d->out;
	size_t i;
	bool first = true;

	kt_buf_printf(b, "%s:\n", name);
	kt_buf_printf(b,
		      "  batches: %llu (control: %llu, transactional: %llu)"
		      "  records: %llu (control: %llu)\n",
		      (unsigned long long)d->st.batches,
		      (unsigned long long)d->st.control_batches,
		      (unsigned long long)d->st.txn_batches,
		      (unsigned long long)d->st.records,
		      (unsigned long long)d->st.control_records);
	if (d->st.batches)
		kt_buf_printf(b, "  offsets: %lld..%lld\n",
			      (long long)d->st.first_offset,
			      (long long)d->st.last_offset);
	if (d->st.min_ts <= d->st.max_ts)
		kt_buf_printf(b, "  max timestamps: %lld..%lld\n",
			      (long long)d->st.min_ts, (long long)d->st.max_ts);
	put(b, "  magic:");
	for (i = 0; i < 3; i++)
		if (d->st.magics & (1 << i))
			kt_buf_printf(b, " %zu", i);
	put(b, "\n  codecs:");
	for (i = 0; i < 8; i++) {
		if (!d->st.codecs[i])
			continue;
		kt_buf_printf(b, " %s=%llu",
			      codec_name((int)i) ? codec_name((int)i) : "?",
			      (unsigned long long)d->st.codecs[i]);
	}
	put(b, "\n");
	if (d->st.comp_bytes)
		kt_buf_printf(b,
			      "  compressed: %llu bytes -> %llu bytes "
			      "(ratio %.2f)\n",
			      (unsigned long long)d->st.comp_bytes,
			      (unsigned long long)d->st.uncomp_bytes,
			      (double)d->st.uncomp_bytes /
				      (double)d->st.comp_bytes);
	put(b, "  producer ids:");
	for (i = 0; i < d->st.npids; i++) {
		kt_buf_printf(b, "%s%lld", first ? " " : ", ",
			      (long long)d->st.pids[i]);
		first = false;
	}
	if (d->st.more_pids)
		kt_buf_printf(b, " and %llu more",
			      (unsigned long long)d->st.more_pids);
	if (first)
		put(b, " none");
	kt_buf_printf(b,
		      "\n  bytes: %llu in batches, %llu trailing; crc "
		      "failures: %llu\n",
		      (unsigned long long)valid, (unsigned long long)trailing,
		      (unsigned long long)d->st.bad_crc);
}

/* ---- the .log / .checkpoint dump ---- */

static int snapshot_name(struct kt_dumplog *d, const char *fname, int64_t *off,
			 int32_t *epoch, struct kt_err *err)
{
	size_t len = strlen(fname);
	char tmp[32];
	int64_t v;
	const char *q;
	bool neg;

	if (len < 20)
		return jfail(d, err, KT_EINVAL,
			     "java.lang.StringIndexOutOfBoundsException: begin "
			     "0, end 20, length %zu",
			     len);
	memcpy(tmp, fname, 20);
	tmp[20] = '\0';
	if (kt_seg_base_offset(tmp, off) < 0)
		return jfail(d, err, KT_EINVAL,
			     "java.lang.NumberFormatException: For input "
			     "string: \"%s\"",
			     tmp);
	if (len < 31)
		return jfail(d, err, KT_EINVAL,
			     "java.lang.StringIndexOutOfBoundsException: begin "
			     "21, end 31, length %zu",
			     len);
	memcpy(tmp, fname + 21, 10);
	tmp[10] = '\0';
	q = tmp;
	neg = *q == '-';
	if (*q == '-' || *q == '+')
		q++;
	v = 0;
	if (!*q)
		goto bad;
	for (; *q; q++) {
		if (*q < '0' || *q > '9')
			goto bad;
		v = v * 10 + (*q - '0');
	}
	if (neg)
		v = -v;
	if (v > INT32_MAX || v < INT32_MIN)
		goto bad;
	*epoch = (int32_t)v;
	return 0;
bad:
	return jfail(d, err, KT_EINVAL,
		     "java.lang.NumberFormatException: For input string: "
		     "\"%s\"",
		     tmp);
}

static int dump_log(struct kt_dumplog *d, const char *name, const char *abs,
		    bool is_log, struct kt_err *err)
{
	const char *fname = base_name(name);
	struct kt_segfile f;
	struct kt_logscan s;
	struct kt_logbatch lb;
	struct logctx lc = {abs, -1, NULL};
	struct kt_err oerr;
	uint64_t valid = 0, slice_end;
	int rc;

	if (is_log) {
		int64_t base;

		rc = number_prefix(d, fname, &base, err);
		if (rc < 0)
			return rc;
		if (d->o.format == KT_DL_TEXT && !d->o.verify) {
			put(&d->out, "Log starting offset: ");
			put_i64(&d->out, base);
			put(&d->out, "\n");
		}
	} else if (strcmp(fname, "bootstrap.checkpoint") == 0) {
		if (d->o.format == KT_DL_TEXT && !d->o.verify)
			put(&d->out, "KRaft bootstrap snapshot\n");
	} else {
		int64_t off = 0;
		int32_t epoch = 0;

		rc = snapshot_name(d, fname, &off, &epoch, err);
		if (rc < 0)
			return rc;
		if (d->o.format == KT_DL_TEXT && !d->o.verify) {
			put(&d->out, "Snapshot end offset: ");
			put_i64(&d->out, off);
			put(&d->out, ", epoch: ");
			put_i64(&d->out, epoch);
			put(&d->out, "\n");
		}
	}
	if (kt_segfile_open(&f, name, &oerr) < 0)
		return no_such_file(d, err, name, &oerr);
	if (d->o.readahead) {
		/* pinned when record values may be written from the file */
		bool pin = d->sink.writev && d->o.format == KT_DL_TEXT &&
			   !d->o.verify && d->o.deep && d->o.print_data;

		d->pinned = kt_segfile_readahead(&f, 0, pin) == 0 && pin;
	}
	if (d->o.max_bytes < 0) {
		rc = jfail(d, err, KT_EINVAL,
			   "java.lang.IllegalArgumentException: Invalid size: "
			   "%d in read from FileRecords(size=%llu, file=%s, "
			   "start=0, end=2147483647)",
			   (int)d->o.max_bytes, (unsigned long long)f.size,
			   name);
		goto out;
	}
	slice_end = f.size < (uint64_t)d->o.max_bytes
			    ? f.size
			    : (uint64_t)d->o.max_bytes;
	if (d->o.format == KT_DL_JSON) {
		json_t *o = json_object();

		json_object_set_new(o, "type", json_string("file"));
		json_object_set_new(o, "name", json_string(name));
		json_object_set_new(o, "kind",
				    json_string(is_log ? "log" : "snapshot"));
		json_object_set_new(o, "size",
				    json_integer((json_int_t)f.size));
		if (json_line(d, o, err) < 0) {
			rc = -KT_EIO;
			goto out;
		}
	}
	stats_reset(d);
	kt_logscan_init(&s, &f, 0, slice_end);
	for (;;) {
		struct bline bl;

		rc = kt_logscan_next(&s, &lb, &oerr);
		if (f.nretired > 0) {
			/* queued views may point into the windows left */
			int r2 = flush_out(d, err);

			kt_segfile_unpin(&f);
			if (r2 < 0) {
				rc = r2;
				goto out;
			}
		}
		if (rc == -KT_EBADLEN) {
			rc = jfail(d, err, KT_EBADLEN,
				   "org.apache.kafka.common.errors."
				   "CorruptRecordException: Found record size "
				   "%d smaller than minimum record overhead "
				   "(14) in file %s.",
				   (int)lb.size, name);
			if (d->o.verify)
				problem(d, name, oerr.msg, NULL);
			goto out;
		}
		if (rc < 0) {
			rc = kt_err_set(err, oerr.code, "%s", oerr.msg);
			goto out;
		}
		if (rc == 0)
			break;
		rc = batch_header(d, &f, &lb, name, slice_end, &bl, err);
		if (rc < 0)
			goto out;
		if (lb.len < KT_BATCH_HEADER_LEN && lb.magic >= 2) {
			/* the header load may have moved the window */
			rc = kt_segfile_get(&f, lb.pos, lb.len, &lb.p, err);
			if (rc < 0)
				goto out;
		}
		stats_batch(d, &bl);
		if (d->o.format == KT_DL_TEXT && !d->o.verify) {
			rc = print_batch_line(d, &bl, valid, err);
			if (rc < 0)
				goto out;
			if (d->o.deep) {
				rc = lb.magic >= 2
					     ? dump_records_v2(d, &lc, &lb,
							       name, err)
					     : dump_records_legacy(d, &lc, &lb,
								   &bl, err);
				d->zc_on = false;
				if (rc < 0)
					goto out;
			}
		} else if (d->o.format == KT_DL_JSON && !d->o.verify) {
			rc = json_line(d, json_batch(&bl, valid), err);
			if (rc >= 0)
				rc = json_records(d, &lb, err);
			if (rc < 0) {
				if (err && err->msg[0] == '\0')
					kt_err_set(err, KT_EPROTO,
						   "batch at byte %llu does "
						   "not decode",
						   (unsigned long long)lb.pos);
				goto out;
			}
		} else {
			struct kt_err e2;

			if (!bl.valid && d->o.verify) {
				char what[200];

				snprintf(what, sizeof(what),
					 "batch at byte %llu: crc mismatch "
					 "(stored %u)",
					 (unsigned long long)lb.pos, bl.crc);
				problem(d, name, what, NULL);
			}
			if (scan_batch(d, &lb, &e2) < 0 && d->o.verify)
				problem(d, name, e2.msg, NULL);
		}
		valid += lb.len;
		rc = maybe_flush(d, err);
		if (rc < 0)
			goto out;
	}
	rc = 0;
	if (d->o.format == KT_DL_TEXT && !d->o.verify) {
		if (slice_end > valid && d->o.max_bytes == JAVA_INT_MAX)
			kt_buf_printf(&d->out,
				      "Found %llu invalid bytes at the end of "
				      "%s\n",
				      (unsigned long long)(slice_end - valid),
				      fname);
	} else if (d->o.format == KT_DL_JSON && !d->o.verify) {
		json_t *o = json_object();

		json_object_set_new(o, "type", json_string("end"));
		json_object_set_new(o, "validBytes",
				    json_integer((json_int_t)valid));
		json_object_set_new(
			o, "invalidBytes",
			json_integer((json_int_t)(slice_end - valid)));
		rc = json_line(d, o, err);
	} else if (d->o.verify) {
		if (slice_end > valid && d->o.max_bytes == JAVA_INT_MAX) {
			char what[200];

			snprintf(what, sizeof(what),
				 "truncated or invalid data at byte %llu: %llu "
				 "bytes",
				 (unsigned long long)valid,
				 (unsigned long long)(slice_end - valid));
			problem(d, name, what, NULL);
		}
	} else {
		summary_text(d, name, valid, slice_end - valid);
	}
out:
	if (d->nzc > 0) {
		/* the views die with the mapping: write them first */
		int r2 = flush_out(d, rc < 0 ? NULL : err);

		if (rc >= 0 && r2 < 0)
			rc = r2;
	}
	d->pinned = false;
	kt_segfile_release(&f);
	return rc;
}

/* ---- .index and .timeindex ---- */

/* Open the index sibling the way Java's OffsetIndex/TimeIndex constructor
 * does: a missing file is created by Java and then refused. */
static int open_index(struct kt_dumplog *d, struct kt_index *ix,
		      const char *path, int64_t base, size_t esz,
		      struct kt_err *err)
{
	struct kt_err oerr;

	if (kt_index_open(ix, path, base, esz, &oerr) == 0)
		return 0;
	if (oerr.code == KT_ENOTFOUND)
		return jfail(d, err, KT_ENOTFOUND,
			     "java.lang.IllegalArgumentException: Invalid max "
			     "index size: -1");
	return jfail(d, err, oerr.code, "java.io.IOException: %s", oerr.msg);
}

/* The last offset of the batch at position pos, reading at most limit
 * bytes (Java: fileRecords.slice(pos, limit).batches().iterator().next()).
 * Returns 1 with *last, 0 when no batch is there (Java: the iterator is
 * empty), negative with err filled on a Java failure. */
static int batch_last_offset(struct kt_dumplog *d, struct kt_segfile *log,
			     const char *logabs, int32_t pos, int64_t limit,
			     int64_t *last, struct kt_err *err)
{
	struct kt_logscan s;
	struct kt_logbatch lb;
	struct kt_err oerr;
	const uint8_t *h;
	uint64_t end;
	int rc;

	if (pos < 0)
		return jfail(d, err, KT_EINVAL,
			     "java.lang.IllegalArgumentException: Invalid "
			     "position: %d in read from FileRecords(size=%llu, "
			     "file=%s, start=0, end=2147483647)",
			     (int)pos, (unsigned long long)log->size, logabs);
	if ((uint64_t)pos > log->size)
		return jfail(d, err, KT_EINVAL,
			     "java.lang.IllegalArgumentException: Slice from "
			     "position %d exceeds end position of "
			     "FileRecords(size=%llu, file=%s, start=0, "
			     "end=2147483647)",
			     (int)pos, (unsigned long long)log->size, logabs);
	end = (uint64_t)pos + (uint64_t)limit;
	if (end > log->size || (int64_t)pos + limit > JAVA_INT_MAX)
		end = log->size;
	kt_logscan_init(&s, log, (uint64_t)pos, end);
	rc = kt_logscan_next(&s, &lb, &oerr);
	if (rc == -KT_EBADLEN)
		return jfail(d, err, KT_EBADLEN,
			     "org.apache.kafka.common.errors."
			     "CorruptRecordException: Found record size %d "
			     "smaller than minimum record overhead (14) in "
			     "file %s.",
			     (int)lb.size, logabs);
	if (rc < 0)
		return kt_err_set(err, oerr.code, "%s", oerr.msg);
	if (rc == 0)
		return 0;
	if (lb.magic < 2) {
		*last = lb.offset;
		return 1;
	}
	if (kt_segfile_get(log, lb.pos, KT_BATCH_HEADER_LEN, &h, &oerr) < 0)
		return jfail(d, err, KT_ETRUNC,
			     "org.apache.kafka.common.KafkaException: Failed "
			     "to load record batch at position %llu",
			     (unsigned long long)lb.pos);
	*last = (int64_t)kt_be64(h) + (int32_t)kt_be32(h + 23);
	return 1;
}

static int sanity_fail(struct kt_dumplog *d, int which, const char *abs,
		       int64_t a, int64_t b, bool time, struct kt_err *err)
{
	const char *cls = "org.apache.kafka.storage.internals.log."
			  "CorruptIndexException";

	if (which == KT_INDEX_LAST_TIMESTAMP)
		return jfail(d, err, KT_EPROTO,
			     "%s: Corrupt time index found, time index file "
			     "(%s) has non-zero size but the last timestamp "
			     "is %lld which is less than the first timestamp "
			     "%lld",
			     cls, abs, (long long)a, (long long)b);
	if (which == KT_INDEX_LAST_OFFSET && time)
		return jfail(d, err, KT_EPROTO,
			     "%s: Corrupt time index found, time index file "
			     "(%s) has non-zero size but the last offset is "
			     "%lld which is less than the first offset %lld",
			     cls, abs, (long long)a, (long long)b);
	if (which == KT_INDEX_LAST_OFFSET)
		return jfail(d, err, KT_EPROTO,
			     "%s: Corrupt index found, index file %s has "
			     "non-zero size but the last offset is %lld which "
			     "is less than the base offset %lld",
			     cls, abs, (long long)a, (long long)b);
	return jfail(d, err, KT_EPROTO,
		     "%s: %s file %s is corrupt, found %lld bytes which is "
		     "neither positive nor a multiple of %lld",
		     cls, time ? "Time index" : "Index", abs, (long long)a,
		     (long long)b);
}

static int dump_index(struct kt_dumplog *d, const char *name, const char *abs,
		      struct kt_err *err)
{
	char logpath[4200];
	struct kt_segfile log;
	struct kt_index ix;
	struct kt_err oerr;
	struct fentry *mis = NULL;
	int64_t base, a = 0, b = 0;
	size_t i;
	int rc;

	rc = number_prefix(d, base_name(name), &base, err);
	if (rc < 0)
		return rc;
	sibling(abs, ".log", logpath, sizeof(logpath));
	if (kt_segfile_open(&log, logpath, &oerr) < 0)
		return no_such_file(d, err, logpath, &oerr);
	rc = open_index(d, &ix, name, base, 8, err);
	if (rc < 0)
		goto out_log;
	if (ix.entries == 0) {
		if (d->o.format == KT_DL_TEXT && !d->o.verify)
			kt_buf_printf(&d->out, "%s is empty.\n", name);
		goto out;
	}
	if (d->o.index_sanity) {
		rc = kt_index_sanity(&ix, &a, &b, err);
		if (rc > 0) {
			rc = sanity_fail(d, rc, abs, a, b, false, err);
			if (d->o.verify) {
				problem(d, name, "index sanity check failed",
					NULL);
				rc = 0;
			}
		} else if (rc == 0 && !d->o.verify)
			kt_buf_printf(&d->out, "%s passed sanity check.\n",
				      name);
		goto out;
	}
	for (i = 0; i < ix.entries; i++) {
		struct kt_offset_entry e;
		int64_t last = 0;

		rc = kt_offset_index_entry(&ix, i, &e, err);
		if (rc < 0)
			goto out;
		if (e.offset == base && i > 0)
			break;
		/*
		 * --verify: a first entry (base, 0) is an unwritten slot of
		 * the preallocated index of an active segment (a broker adds
		 * its first entry after index.interval.bytes of log, never
		 * at position 0). Apache's dump reads it as an entry and
		 * reports a mismatch, or fails when the log is empty.
		 */
		if (d->o.verify && i == 0 && e.offset == base &&
		    e.position == 0)
			break;
		rc = batch_last_offset(d, &log, logpath, e.position,
				       d->o.max_message_size, &last, err);
		if (rc < 0)
			goto out;

		if (rc == 0) {
			rc = jfail(d, err, KT_ENOTFOUND,
				   "java.util.NoSuchElementException");
			goto out;
		}
		if (last != e.offset) {
			if (!mis)
				mis = fmap_get(&d->idx_mismatch, abs);
			if (!mis || fentry_add(mis, e.offset, last) < 0) {
				rc = kt_err_set(err, KT_ENOMEM, "no memory");
				goto out;
			}
			d->problems++;
		}
		if (d->o.verify_index_only || d->o.verify ||
		    d->o.format == KT_DL_SUMMARY)
			continue;
		if (d->o.format == KT_DL_JSON) {
			json_t *o = json_object();

			json_object_set_new(o, "type",
					    json_string("index_entry"));
			json_object_set_new(o, "offset",
					    json_integer(e.offset));
			json_object_set_new(o, "position",
					    json_integer(e.position));
			json_object_set_new(o, "logLastOffset",
					    json_integer(last));
			rc = json_line(d, o, err);
			if (rc < 0)
				goto out;
		} else {
			put(&d->out, "offset: ");
			put_i64(&d->out, e.offset);
			put(&d->out, " position: ");
			put_i64(&d->out, e.position);
			put(&d->out, "\n");
		}
		rc = maybe_flush(d, err);
		if (rc < 0)
			goto out;
	}
	rc = 0;
out:
	kt_index_release(&ix);
out_log:
	kt_segfile_release(&log);
	return rc;
}

/* The max record timestamp of a batch (Java iterates its records). */
static int batch_max_record_ts(struct kt_dumplog *d,
			       const struct kt_logbatch *lb, int64_t *max,
			       struct kt_err *err)
{
	int rc;

	*max = -1;
	if (lb->magic >= 2) {
		struct kt_batch batch;
		struct kt_bytes recs;
		struct kt_record_iter it;
		struct kt_record rec;

		if (kt_batch_parse(&batch, lb->p, lb->len, lb->pos, err) < 0 ||
		    kt_batch_records(&batch, &d->scratch, &recs, err) < 0)
			return -KT_EPROTO;
		kt_record_iter_init(&it, &batch, recs);
		while ((rc = kt_record_iter_next(&it, &rec, err)) > 0)
			if (rec.timestamp > *max)
				*max = rec.timestamp;
		return rc < 0 ? rc : 0;
	} else {
		struct kt_legacy w, m;
		struct kt_legacy_iter it;

		if (kt_legacy_parse(&w, lb->p, lb->len, lb->pos, err) < 0)
			return -KT_EPROTO;
		if (kt_legacy_codec(&w) == KT_CODEC_NONE) {
			*max = w.timestamp;
			return 0;
		}
		if (kt_legacy_inner(&it, &w, &d->scratch, err) < 0)
			return -KT_ECOMPRESS;
		while ((rc = kt_legacy_iter_next(&it, &m, err)) > 0)
			if (m.timestamp > *max)
				*max = m.timestamp;
		return rc < 0 ? rc : 0;
	}
}

static int add_pair(struct kt_dumplog *d, struct fmap *m, const char *abs,
		    int64_t a, int64_t b, struct kt_err *err)
{
	struct fentry *e = fmap_get(m, abs);

	d->problems++;
	if (!e || fentry_add(e, a, b) < 0)
		return kt_err_set(err, KT_ENOMEM, "no memory");
	return 0;
}

static int dump_time_index(struct kt_dumplog *d, const char *name,
			   const char *abs, struct kt_err *err)
{
	char logpath[4200], ixpath[4200];
	struct kt_segfile log;
	struct kt_index ix, tix;
	struct kt_err oerr;
	int64_t base, prev = -1, a = 0, b = 0;
	size_t i;
	int rc;

	rc = number_prefix(d, base_name(name), &base, err);
	if (rc < 0)
		return rc;
	sibling(abs, ".log", logpath, sizeof(logpath));
	sibling(abs, ".index", ixpath, sizeof(ixpath));
	if (kt_segfile_open(&log, logpath, &oerr) < 0)
		return no_such_file(d, err, logpath, &oerr);
	rc = open_index(d, &ix, ixpath, base, 8, err);
	if (rc < 0)
		goto out_log;
	rc = open_index(d, &tix, name, base, 12, err);
	if (rc < 0)
		goto out_ix;
	if (d->o.index_sanity) {
		rc = kt_index_sanity(&tix, &a, &b, err);
		if (rc > 0) {
			rc = sanity_fail(d, rc, abs, a, b, true, err);
			if (d->o.verify) {
				problem(d, name,
					"time index sanity check failed", NULL);
				rc = 0;
			}
		} else if (rc == 0 && !d->o.verify)
			kt_buf_printf(&d->out, "%s passed sanity check.\n",
				      name);
		goto out;
	}
	for (i = 0; i < tix.entries; i++) {
		struct kt_time_entry e;
		struct kt_offset_entry op;
		struct kt_logscan s;
		struct kt_logbatch lb;
		bool found = false;
		int64_t last = -1;

		rc = kt_time_index_entry(&tix, i, &e, err);
		if (rc < 0)
			goto out;
		if (e.offset == base && i > 0)
			break;
		if (d->o.verify && i == 0 && e.offset == base &&
		    e.timestamp == 0)
			break; /* an unwritten slot, see dump_index */
		rc = kt_offset_index_lookup(&ix, e.offset, &op, err);
		if (rc < 0)
			goto out;
		if (op.position < 0 || (uint64_t)op.position > log.size) {
			rc = batch_last_offset(d, &log, logpath, op.position, 0,
					       &last, err);
			goto out;
		}
		kt_logscan_init(&s, &log, (uint64_t)op.position, log.size);
		while ((rc = kt_logscan_next(&s, &lb, &oerr)) > 0) {
			const uint8_t *h;

			if (lb.magic >= 2) {
				if (lb.len < KT_BATCH_HEADER_LEN) {
					rc = kt_segfile_get(&log, lb.pos,
							    KT_BATCH_HEADER_LEN,
							    &h, err);
					if (rc < 0)
						goto out;
				} else {
					h = lb.p;
				}
				last = (int64_t)kt_be64(h) +
				       (int32_t)kt_be32(h + 23);
			} else {
				last = lb.offset;
			}
			if (last >= e.offset) {
				found = true;
				break;
			}
		}
		if (rc == -KT_EBADLEN) {
			rc = jfail(d, err, KT_EBADLEN,
				   "org.apache.kafka.common.errors."
				   "CorruptRecordException: Found record size "
				   "%d smaller than minimum record overhead "
				   "(14) in file %s.",
				   (int)lb.size, logpath);
			goto out;
		}
		if (rc < 0) {
			rc = kt_err_set(err, oerr.code, "%s", oerr.msg);
			goto out;
		}
		if (!found) {
			rc = add_pair(d, &d->ts_notfound, abs, e.offset, -1,
				      err);
		} else if (last != e.offset) {
			rc = add_pair(d, &d->ts_notfound, abs, e.offset, last,
				      err);
		} else {
			int64_t maxts;

			if (lb.len < KT_BATCH_HEADER_LEN &&
			    kt_segfile_get(&log, lb.pos, lb.len, &lb.p, err) <
				    0) {
				rc = -KT_EIO;
				goto out;
			}
			rc = batch_max_record_ts(d, &lb, &maxts, err);
			if (rc < 0) {
				rc = jfail(d, err, KT_EPROTO,
					   "org.apache.kafka.common."
					   "InvalidRecordException: %s",
					   err ? err->msg : "bad batch");
				goto out;
			}
			if (maxts != e.timestamp)
				rc = add_pair(d, &d->ts_mismatch, abs,
					      e.timestamp, maxts, err);
			if (rc >= 0 && prev >= e.timestamp)
				rc = add_pair(d, &d->ts_order, abs, e.timestamp,
					      prev, err);
		}
		if (rc < 0)
			goto out;
		if (!d->o.verify_index_only && !d->o.verify &&
		    d->o.format != KT_DL_SUMMARY) {
			if (d->o.format == KT_DL_JSON) {
				json_t *o = json_object();

				json_object_set_new(
					o, "type",
					json_string("time_index_entry"));
				json_object_set_new(o, "timestamp",
						    json_integer(e.timestamp));
				json_object_set_new(o, "offset",
						    json_integer(e.offset));
				rc = json_line(d, o, err);
				if (rc < 0)
					goto out;
			} else {
				put(&d->out, "timestamp: ");
				put_i64(&d->out, e.timestamp);
				put(&d->out, " offset: ");
				put_i64(&d->out, e.offset);
				put(&d->out, "\n");
			}
		}
		prev = e.timestamp;
		rc = maybe_flush(d, err);
		if (rc < 0)
			goto out;
	}
	rc = 0;
out:
	kt_index_release(&tix);
out_ix:
	kt_index_release(&ix);
out_log:
	kt_segfile_release(&log);
	return rc;
}

/* ---- .snapshot and .txnindex ---- */

static int dump_snapshot(struct kt_dumplog *d, const char *name,
			 struct kt_err *err)
{
	struct kt_snapshot s;
	struct kt_err oerr;
	char line[400];
	int32_t i;
	int rc;

	rc = kt_snapshot_open(&s, name, &oerr);
	if (rc < 0) {
		kt_snapshot_release(&s);
		return no_such_file(d, err, name, &oerr);
	}
	switch (s.problem) {
	case KT_SNAP_SCHEMA:
		snprintf(line, sizeof(line),
			 "Snapshot failed schema validation: %s", s.schema_msg);
		break;
	case KT_SNAP_VERSION:
		snprintf(line, sizeof(line),
			 "Snapshot contained an unknown file version %d",
			 (int)s.version);
		break;
	case KT_SNAP_CRC:
		snprintf(line, sizeof(line),
			 "Snapshot is corrupt (CRC is no longer valid). Stored "
			 "crc: %u. Computed crc: %u",
			 s.crc_stored, s.crc_computed);
		break;
	default:
		line[0] = '\0';
	}
	if (line[0]) {
		if (d->o.verify)
			d->problems++;
		rc = err_line(d, line, err);
		kt_snapshot_release(&s);
		return rc;
	}
	for (i = 0; i < s.count; i++) {
		struct kt_producer_entry e;
		struct kt_buf *b = &d->out;

		rc = kt_snapshot_entry(&s, i, &e, err);
		if (rc < 0)
			break;
		if (d->o.verify || d->o.format == KT_DL_SUMMARY)
			continue;
		if (d->o.format == KT_DL_JSON) {
			json_t *o = json_object();

			json_object_set_new(o, "type", json_string("producer"));
			json_object_set_new(o, "producerId",
					    json_integer(e.producer_id));
			json_object_set_new(o, "producerEpoch",
					    json_integer(e.epoch));
			json_object_set_new(o, "coordinatorEpoch",
					    json_integer(e.coordinator_epoch));
			json_object_set_new(
				o, "currentTxnFirstOffset",
				e.current_txn_first_offset < 0
					? json_null()
					: json_integer(
						  e.current_txn_first_offset));
			json_object_set_new(o, "lastSequence",
					    json_integer(e.last_sequence));
			json_object_set_new(o, "lastOffset",
					    json_integer(e.last_offset));
			json_object_set_new(o, "offsetDelta",
					    json_integer(e.offset_delta));
			json_object_set_new(o, "timestamp",
					    json_integer(e.timestamp));
			rc = json_line(d, o, err);
			if (rc < 0)
				break;
			continue;
		}
		put(b, "producerId: ");
		put_i64(b, e.producer_id);
		put(b, " producerEpoch: ");
		put_i64(b, e.epoch);
		put(b, " coordinatorEpoch: ");
		put_i64(b, e.coordinator_epoch);
		put(b, " currentTxnFirstOffset: ");
		if (e.current_txn_first_offset < 0) {
			put(b, "OptionalLong.empty");
		} else {
			put(b, "OptionalLong[");
			put_i64(b, e.current_txn_first_offset);
			put(b, "]");
		}
		put(b, " lastTimestamp: ");
		put_i64(b, e.timestamp);
		if (e.last_offset >= 0) {
			put(b, " firstSequence: ");
			/* lastSeq - offsetDelta, wrapping below 0 */
			put_i64(b, e.last_sequence - e.offset_delta < 0
					   ? (int64_t)e.last_sequence -
						     e.offset_delta +
						     INT32_MAX + 1
					   : (int64_t)e.last_sequence -
						     e.offset_delta);
			put(b, " lastSequence: ");
			put_i64(b, e.last_sequence);
			put(b, " lastOffset: ");
			put_i64(b, e.last_offset);
			put(b, " offsetDelta: ");
			put_i64(b, e.offset_delta);
			put(b, " timestamp: ");
			put_i64(b, e.timestamp);
		}
		put(b, "\n");
		rc = maybe_flush(d, err);
		if (rc < 0)
			break;
	}
	kt_snapshot_release(&s);
	return rc < 0 ? rc : 0;
}

static int dump_txn_index(struct kt_dumplog *d, const char *name,
			  const char *abs, struct kt_err *err)
{
	struct kt_segfile f;
	struct kt_err oerr;
	uint64_t i, n;
	int rc = 0;

	if (kt_segfile_open(&f, name, &oerr) < 0)
		return no_such_file(d, err, name, &oerr);
	n = f.size / KT_TXN_ENTRY_SIZE;
	/* Java reads every entry (and checks its version) before printing. */
	for (i = 0; i < n; i++) {
		struct kt_aborted_txn t;

		rc = kt_txn_index_entry(&f, i, &t, err);
		if (rc < 0)
			goto out;
		if ((int8_t)(t.version >> 8) > 0) {
			rc = jfail(d, err, KT_EPROTO,
				   "org.apache.kafka.common.KafkaException: "
				   "Unexpected aborted transaction version "
				   "%d in transaction index %s, current "
				   "version is 0",
				   (int)(int8_t)(t.version >> 8), abs);
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		struct kt_aborted_txn t;
		struct kt_buf *b = &d->out;

		rc = kt_txn_index_entry(&f, i, &t, err);
		if (rc < 0)
			break;
		/* Java's AbortedTxn.version() reads the first byte only. */
		t.version = (int8_t)(t.version >> 8);
		if (d->o.verify || d->o.format == KT_DL_SUMMARY)
			continue;
		if (d->o.format == KT_DL_JSON) {
			json_t *o = json_object();

			json_object_set_new(o, "type",
					    json_string("aborted_txn"));
			json_object_set_new(o, "version",
					    json_integer(t.version));
			json_object_set_new(o, "producerId",
					    json_integer(t.producer_id));
			json_object_set_new(o, "firstOffset",
					    json_integer(t.first_offset));
			json_object_set_new(o, "lastOffset",
					    json_integer(t.last_offset));
			json_object_set_new(o, "lastStableOffset",
					    json_integer(t.last_stable_offset));
			rc = json_line(d, o, err);
			if (rc < 0)
				break;
			continue;
		}
		put(b, "version: ");
		put_i64(b, t.version);
		put(b, " producerId: ");
		put_i64(b, t.producer_id);
		put(b, " firstOffset: ");
		put_i64(b, t.first_offset);
		put(b, " lastOffset: ");
		put_i64(b, t.last_offset);
		put(b, " lastStableOffset: ");
		put_i64(b, t.last_stable_offset);
		put(b, "\n");
		rc = maybe_flush(d, err);
		if (rc < 0)
			break;
	}
out:
	if (d->nzc > 0) {
		/* the views die with the mapping: write them first */
		int r2 = flush_out(d, rc < 0 ? NULL : err);

		if (rc >= 0 && r2 < 0)
			rc = r2;
	}
	d->pinned = false;
	kt_segfile_release(&f);
	return rc;
}

/* ---- dispatch and summaries ---- */

int kt_dumplog_kind(const char *name)
{
	const char *fname = base_name(name), *dot = strrchr(fname, '.');

	if (!dot)
		return KT_DL_KIND_UNKNOWN;
	if (strcmp(dot, ".log") == 0 || strcmp(dot, ".checkpoint") == 0)
		return KT_DL_KIND_LOG;
	if (strcmp(dot, ".index") == 0)
		return KT_DL_KIND_INDEX;
	if (strcmp(dot, ".timeindex") == 0)
		return KT_DL_KIND_TIMEINDEX;
	if (strcmp(dot, ".snapshot") == 0)
		return KT_DL_KIND_SNAPSHOT;
	if (strcmp(dot, ".txnindex") == 0)
		return KT_DL_KIND_TXNINDEX;
	return KT_DL_KIND_UNKNOWN;
}

int kt_dumplog_header(struct kt_dumplog *d, const char *arg, struct kt_err *err)
{
	char name[4096];

	java_normalize(arg, name, sizeof(name));
	if (d->o.format == KT_DL_TEXT && !d->o.verify) {
		put(&d->out, "Dumping ");
		put(&d->out, name);
		put(&d->out, "\n");
	}
	return flush_out(d, err);
}

int kt_dumplog_file(struct kt_dumplog *d, const char *arg, struct kt_err *err)
{
	char name[4096], abs[8200], line[8300];
	const char *fname, *dot;
	uint64_t before = d->problems;
	int rc;

	java_normalize(arg, name, sizeof(name));
	java_abs(d, name, abs, sizeof(abs));
	fname = base_name(name);
	dot = strrchr(fname, '.');
	if (d->o.format == KT_DL_TEXT && !d->o.verify) {
		put(&d->out, "Dumping ");
		put(&d->out, name);
		put(&d->out, "\n");
	}
	if (!dot) {
		snprintf(line, sizeof(line), "Ignoring unknown file %s", name);
		return err_line(d, line, err);
	}
	if (strcmp(dot, ".log") == 0)
		rc = dump_log(d, name, abs, true, err);
	else if (strcmp(dot, ".checkpoint") == 0)
		rc = dump_log(d, name, abs, false, err);
	else if (strcmp(dot, ".index") == 0)
		rc = dump_index(d, name, abs, err);
	else if (strcmp(dot, ".timeindex") == 0)
		rc = dump_time_index(d, name, abs, err);
	else if (strcmp(dot, ".snapshot") == 0)
		rc = dump_snapshot(d, name, err);
	else if (strcmp(dot, ".txnindex") == 0)
		rc = dump_txn_index(d, name, abs, err);
	else {
		snprintf(line, sizeof(line), "Ignoring unknown file %s", name);
		return err_line(d, line, err);
	}
	if (rc < 0) {
		flush_out(d, NULL);
		return rc;
	}
	if (d->o.verify && d->problems == before)
		kt_buf_printf(&d->out, "%s: ok\n", name);
	else if (d->o.format == KT_DL_SUMMARY && strcmp(dot, ".log") != 0 &&
		 strcmp(dot, ".checkpoint") != 0)
		kt_buf_printf(&d->out, "%s: %s, %llu problems\n", name, dot + 1,
			      (unsigned long long)(d->problems - before));
	return flush_out(d, err);
}

static int pair_cmp_desc(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;

	return a->a > b->a ? -1 : a->a < b->a;
}

int kt_dumplog_finish(struct kt_dumplog *d, struct kt_err *err)
{
	char line[8400];
	size_t i, j;
	int rc = 0;
	struct fmap *m;

	flush_out(d, err);
	m = &d->idx_mismatch;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		struct fentry *e = &m->v[i];

		pairs_treemap(e);
		if (e->n > 1)
			qsort(e->v, e->n, sizeof(e->v[0]), pair_cmp_desc);
		snprintf(line, sizeof(line), "Mismatches in :%s", e->path);
		rc = err_line(d, line, err);
		for (j = 0; j < e->n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "  Index offset: %lld, log offset: %lld",
				 (long long)e->v[j].a, (long long)e->v[j].b);
			rc = err_line(d, line, err);
		}
	}
	m = &d->ts_mismatch;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		snprintf(line, sizeof(line), "Found timestamp mismatch in :%s",
			 m->v[i].path);
		rc = err_line(d, line, err);
		for (j = 0; j < m->v[i].n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "  Index timestamp: %lld, log timestamp: %lld",
				 (long long)m->v[i].v[j].a,
				 (long long)m->v[i].v[j].b);
			rc = err_line(d, line, err);
		}
	}
	m = &d->ts_order;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		snprintf(line, sizeof(line),
			 "Found out of order timestamp in :%s", m->v[i].path);
		rc = err_line(d, line, err);
		for (j = 0; j < m->v[i].n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "  Index timestamp: %lld, Previously indexed "
				 "timestamp: %lld",
				 (long long)m->v[i].v[j].a,
				 (long long)m->v[i].v[j].b);
			rc = err_line(d, line, err);
		}
	}
	m = &d->ts_notfound;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		snprintf(line, sizeof(line),
			 "The following indexed offsets are not found in :%s",
			 m->v[i].path);
		rc = err_line(d, line, err);
		for (j = 0; j < m->v[i].n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "Indexed offset: %lld, found log offset: %lld",
				 (long long)m->v[i].v[j].a,
				 (long long)m->v[i].v[j].b);
			rc = err_line(d, line, err);
		}
	}
	m = &d->nonconsec;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		struct fentry *e = &m->v[i];

		pairs_treemap(e);
		snprintf(line, sizeof(line), "Non-consecutive offsets in %s",
			 e->path);
		rc = err_line(d, line, err);
		for (j = 0; j < e->n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "  %lld is followed by %lld",
				 (long long)e->v[j].a, (long long)e->v[j].b);
			rc = err_line(d, line, err);
		}
	}
	return rc;
}
