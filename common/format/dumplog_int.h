/*
 * format/dumplog_int.h - the engine of kafka-dump-log's own state (struct
 * kt_dumplog, the per-file problem maps, the output buffer with its
 * zero-copy views) and the small writers every piece of it uses. Shared by
 * the files of the engine (format/dumplog*.c) only; the library's interface
 * is format/dumplog.h.
 */
#ifndef KT_FORMAT_DUMPLOG_INT_H
#define KT_FORMAT_DUMPLOG_INT_H

#include "format/dumplog.h"
#include "java/jstring.h"
#include "record/crc.h"
#include "record/record.h"
#include "storage/coord.h"
#include "storage/rlmm.h"
#include "storage/segment.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <unistd.h>

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
static inline char *fmt_i64(char *w, int64_t v)
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

static inline void put_i64(struct kt_buf *b, int64_t v)
{
	char tmp[24];

	kt_buf_put(b, tmp, (size_t)(fmt_i64(tmp, v) - tmp));
}

/* Room for n more bytes at the end of b, or NULL when b failed (the
 * failure sticks in b->err; kt_dl_flush_out reports it). Write, then set
 * b->len with room_end. */
static inline char *room(struct kt_buf *b, size_t n)
{
	if (b->cap - b->len < n && kt_buf_grow(b, n) < 0)
		return NULL;
	return (char *)b->p + b->len;
}

static inline void room_end(struct kt_buf *b, char *w)
{
	b->len = (size_t)((uint8_t *)w - b->p);
}

static inline void put_bool(struct kt_buf *b, bool v)
{
	put(b, v ? "true" : "false");
}

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

/* The per-file record state of one dump. */
struct logctx {
	const char *abs;
	int64_t last_offset; /* previous record's offset, -1 at the start */
	struct fentry *gaps;
};

struct fentry *kt_dl_fmap_get(struct fmap *m, const char *path);
int kt_dl_fentry_add(struct fentry *e, int64_t a, int64_t b);
void kt_dl_put_json_str(struct kt_buf *b, const uint8_t *p, size_t n);
int kt_dl_builtin_parse(void *ctx, const struct kt_dl_record *rec,
			struct kt_dl_text *out, struct kt_err *err);
int kt_dl_flush_out(struct kt_dumplog *d, struct kt_err *err);
int kt_dl_maybe_flush(struct kt_dumplog *d, struct kt_err *err);
int kt_dl_file_done(struct kt_dumplog *d, struct kt_segfile *f, int rc,
		    struct kt_err *err);
int kt_dl_put_view(struct kt_dumplog *d, const uint8_t *p, size_t n,
		   struct kt_err *err);
int kt_dl_err_line(struct kt_dumplog *d, const char *s, struct kt_err *err);
int kt_dl_jfail(struct kt_dumplog *d, struct kt_err *err, int code,
		const char *fmt, ...);
const char *kt_dl_base_name(const char *path);
void kt_dl_sibling(const char *abs, const char *suffix, char *out, size_t cap);
int kt_dl_number_prefix(struct kt_dumplog *d, const char *name, int64_t *base,
			struct kt_err *err);
int kt_dl_no_such_file(struct kt_dumplog *d, struct kt_err *err,
		       const char *path, struct kt_err *oerr);
const char *kt_dl_codec_name(int c);
const char *kt_dl_ts_name(int t);
int kt_dl_control_json(int type, struct kt_bytes v, struct kt_buf *b);
int kt_dl_dump_records_v2(struct kt_dumplog *d, struct logctx *lc,
			  const struct kt_logbatch *lb, const char *name,
			  struct kt_err *err);
/*
 * Open the v2 batch at lb the lenient way: parse it, decompress its records
 * into d->scratch (*recs, valid until the next batch) and set it at its first
 * record. Returns 0, or -KT_EPROTO with err filled.
 */
int kt_dl_batch_open(struct kt_dumplog *d, const struct kt_logbatch *lb,
		     struct kt_batch *batch, struct kt_bytes *recs,
		     struct kt_record_iter *it, struct kt_err *err);
/*
 * Open the legacy entry at lb: *single when it is one uncompressed message
 * (w itself), else its inner messages are decompressed into d->scratch and
 * it is set at the first. Returns 0, -KT_EPROTO for an entry that does not
 * parse or -KT_ECOMPRESS for inner messages that do not decompress (err
 * filled).
 */
int kt_dl_legacy_open(struct kt_dumplog *d, const struct kt_logbatch *lb,
		      struct kt_legacy *w, struct kt_legacy_iter *it,
		      bool *single, struct kt_err *err);
int kt_dl_dump_records_legacy(struct kt_dumplog *d, struct logctx *lc,
			      const struct kt_logbatch *lb,
			      const struct bline *bl, struct kt_err *err);
int kt_dl_json_line(struct kt_dumplog *d, json_t *o, struct kt_err *err);
json_t *kt_dl_json_batch(const struct bline *bl, uint64_t pos);
int kt_dl_problem(struct kt_dumplog *d, const char *name, const char *what,
		  struct kt_err *err);
int kt_dl_json_records(struct kt_dumplog *d, const struct kt_logbatch *lb,
		       struct kt_err *err);
int kt_dl_dump_log(struct kt_dumplog *d, const char *name, const char *abs,
		   bool is_log, struct kt_err *err);
int kt_dl_dump_index(struct kt_dumplog *d, const char *name, const char *abs,
		     struct kt_err *err);
int kt_dl_dump_time_index(struct kt_dumplog *d, const char *name,
			  const char *abs, struct kt_err *err);
int kt_dl_dump_snapshot(struct kt_dumplog *d, const char *name,
			struct kt_err *err);
int kt_dl_dump_txn_index(struct kt_dumplog *d, const char *name,
			 const char *abs, struct kt_err *err);

#endif
