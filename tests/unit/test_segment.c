/*
 * test_segment.c - the offline readers of segment.c and the dump engine of
 * dumplog.c: the windowed reader across chunk edges, batch framing on a
 * real segment and on every truncation of it, base offsets from names,
 * index entries and Java's index lookup against a linear search, the
 * sanity checks, producer snapshots (valid, every truncation, bad CRC and
 * version), the txn index, Java's UTF-8 replacement and String.hashCode,
 * and the engine on every prefix of a segment (a clean end or a clean
 * error, never a crash); mapped windows (edges, items larger than a
 * window, pinned views), the UTF-8 check against the replacement decoder,
 * and the engine's zero-copy output (mapped, writev) against its copying
 * one on a generated multi-window segment.
 */
#include "unit.h"

#include "record/compress.h"
#include "format/dumplog.h"
#include "record/record.h"
#include "storage/segment.h"

#include <stdlib.h>
#include <unistd.h>

void test_segment(void);

static char tmpdir[256];

/* Write n bytes to tmpdir/name; returns the path (static buffer). */
static const char *put_file(const char *name, const void *p, size_t n)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	if (!f)
		return NULL;
	if (n)
		fwrite(p, 1, n, f);
	fclose(f);
	return path;
}

static uint8_t *slurp(const char *rel, size_t *n)
{
	FILE *f = fopen(kt_unit_path(rel), "rb");
	uint8_t *p;
	long len;

	*n = 0;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc(len > 0 ? (size_t)len : 1);
	if (p && len > 0 && fread(p, 1, (size_t)len, f) != (size_t)len) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*n = (size_t)len;
	return p;
}

static void test_window(void)
{
	uint8_t data[3000];
	struct kt_segfile f;
	struct kt_err err;
	const uint8_t *p;
	size_t i;
	const char *path;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7);
	path = put_file("w.bin", data, sizeof(data));
	CHECK_INT(kt_segfile_open(&f, path, &err), 0, "segfile: open");
	CHECK_INT(f.size, 3000, "segfile: size");
	CHECK_INT(kt_segfile_get(&f, 2990, 10, &p, &err), 0,
		  "segfile: last 10 bytes");
	CHECK(p[9] == data[2999], "segfile: last byte right");
	CHECK_INT(kt_segfile_get(&f, 2995, 10, &p, &err), -KT_ETRUNC,
		  "segfile: past the end is KT_ETRUNC");
	CHECK(strstr(err.msg, "2995") != NULL, "segfile: message has position");
	CHECK_INT(kt_segfile_get(&f, 10, 20, &p, &err), 0, "segfile: back");
	CHECK(p[0] == data[10], "segfile: backward window right");
	CHECK_INT(kt_segfile_get(&f, 0, (size_t)1 << 40, &p, &err), -KT_ETRUNC,
		  "segfile: huge length is KT_ETRUNC, no allocation");
	kt_segfile_release(&f);
	kt_segfile_release(&f);
	CHECK_INT(kt_segfile_open(&f, "/nonexistent/x.log", &err),
		  -KT_ENOTFOUND, "segfile: missing file");
	CHECK_INT(kt_segfile_open(&f, tmpdir, &err), -KT_EIO,
		  "segfile: a directory is refused");
}

static void test_base_offset(void)
{
	int64_t b = 0;

	CHECK(kt_seg_base_offset("a/00000000000000000042.log", &b) == 0 &&
		      b == 42,
	      "base offset: 42");
	CHECK(kt_seg_base_offset("-5.log", &b) == 0 && b == -5,
	      "base offset: sign as Long.parseLong");
	CHECK_INT(kt_seg_base_offset("abc.log", &b), -KT_EINVAL,
		  "base offset: letters");
	CHECK_INT(kt_seg_base_offset(".log", &b), -KT_EINVAL,
		  "base offset: empty");
	CHECK_INT(kt_seg_base_offset("9223372036854775808.log", &b), -KT_EINVAL,
		  "base offset: overflow");
	CHECK(kt_seg_base_offset("9223372036854775807.log", &b) == 0 &&
		      b == INT64_MAX,
	      "base offset: INT64_MAX");
}

/* Frame a file, return batches (or negative error), trailing in *left. */
static int frame_all(const char *path, uint64_t *valid, uint64_t *size)
{
	struct kt_segfile f;
	struct kt_logscan s;
	struct kt_logbatch b;
	struct kt_err err;
	int n = 0, rc;

	*valid = 0;
	if (kt_segfile_open(&f, path, &err) < 0)
		return -KT_EIO;
	*size = f.size;
	kt_logscan_init(&s, &f, 0, f.size);
	while ((rc = kt_logscan_next(&s, &b, &err)) > 0) {
		n++;
		*valid += b.len;
	}
	kt_segfile_release(&f);
	return rc < 0 ? rc : n;
}

static void test_framing(void)
{
	size_t n, cut;
	uint8_t *p = slurp("tests/fixtures/segments/ldipoc-kraft-3.7/"
			   "__consumer_offsets-6/00000000000000000000.log",
			   &n);
	uint64_t valid = 0, size = 0;
	int whole, bad = 0;

	CHECK(p != NULL, "framing: fixture read");
	if (!p)
		return;
	whole = frame_all(kt_unit_path("tests/fixtures/segments/ldipoc-kraft-"
				       "3.7/__consumer_offsets-6/"
				       "00000000000000000000.log"),
			  &valid, &size);
	CHECK_INT(whole, 13, "framing: 13 batches in __consumer_offsets-6");
	CHECK_INT(valid, size, "framing: no trailing bytes");
	for (cut = 0; cut < n; cut++) {
		const char *path = put_file("cut.log", p, cut);
		int k = frame_all(path, &valid, &size);

		if (k < 0 || k > whole || valid > cut)
			bad++;
	}
	CHECK_INT(bad, 0, "framing: all %zu truncations end cleanly", n);
	/* a zero-filled tail: size 0 < 14 is Apache's CorruptRecordException */
	{
		uint8_t *z = calloc(1, n + 64);

		memcpy(z, p, n);
		CHECK_INT(frame_all(put_file("zero.log", z, n + 64), &valid,
				    &size),
			  -KT_EBADLEN, "framing: zero tail is KT_EBADLEN");
		free(z);
	}
	free(p);
}

static void put_be32(uint8_t *p, uint32_t v)
{
	kt_store_be32(p, v);
}

static void test_index(void)
{
	uint8_t ix[8 * 2000];
	struct kt_index x;
	struct kt_err err;
	struct kt_offset_entry e;
	int64_t a, b;
	size_t i;
	int bad = 0;

	/* offsets 100 + 3i at position 10i */
	for (i = 0; i < 2000; i++) {
		put_be32(ix + 8 * i, (uint32_t)(3 * i));
		put_be32(ix + 8 * i + 4, (uint32_t)(10 * i));
	}
	CHECK_INT(kt_index_open(&x,
				put_file("00000000000000000100.index", ix,
					 sizeof(ix)),
				100, 8, &err),
		  0, "index: open");
	CHECK_INT(x.entries, 2000, "index: entries");
	for (i = 0; i < 7000; i += 7) {
		int64_t t = 95 + (int64_t)i;
		int64_t want = t < 100 ? 100 : 100 + (t - 100) / 3 * 3;

		if (want > 100 + 3 * 1999)
			want = 100 + 3 * 1999;
		if (kt_offset_index_lookup(&x, t, &e, &err) < 0 ||
		    e.offset != want)
			bad++;
	}
	CHECK_INT(bad, 0, "index: lookup agrees with a linear search");
	CHECK_INT(kt_index_sanity(&x, &a, &b, &err), KT_INDEX_OK,
		  "index: sane");
	kt_index_release(&x);
	/* last entry below the base */
	put_be32(ix + 8 * 1999, 0xfffffff0u);
	kt_index_open(&x,
		      put_file("00000000000000000100.index", ix, sizeof(ix)),
		      100, 8, &err);
	CHECK_INT(kt_index_sanity(&x, &a, &b, &err), KT_INDEX_LAST_OFFSET,
		  "index: last offset below base");
	CHECK(a == 84 && b == 100, "index: values for the message");
	kt_index_release(&x);
	kt_index_open(&x, put_file("00000000000000000100.index", ix, 13), 100,
		      8, &err);
	CHECK_INT(x.entries, 1, "index: partial entry not counted");
	CHECK_INT(kt_index_sanity(&x, &a, &b, &err), KT_INDEX_LENGTH,
		  "index: length not a multiple of 8");
	kt_index_release(&x);
	/* time index: last timestamp below the first */
	{
		uint8_t t[24] = {0};
		struct kt_time_entry te;

		t[7] = 50;
		put_be32(t + 8, 1);
		t[19] = 10;
		put_be32(t + 20, 2);
		kt_index_open(&x,
			      put_file("00000000000000000000.timeindex", t, 24),
			      0, 12, &err);
		CHECK_INT(kt_time_index_entry(&x, 1, &te, &err), 0,
			  "timeindex: entry");
		CHECK(te.timestamp == 10 && te.offset == 2,
		      "timeindex: fields");
		CHECK_INT(kt_index_sanity(&x, &a, &b, &err),
			  KT_INDEX_LAST_TIMESTAMP, "timeindex: out of order");
		kt_index_release(&x);
	}
}

static void test_snapshot(void)
{
	size_t n, cut;
	uint8_t *p = slurp("tests/fixtures/segments/logfile-kraft/log-topic-0/"
			   "00000000000000006036.snapshot",
			   &n);
	struct kt_snapshot s;
	struct kt_producer_entry e;
	struct kt_err err;
	int bad = 0;

	CHECK(p != NULL, "snapshot: fixture read");
	if (!p)
		return;
	CHECK_INT(kt_snapshot_open(&s, put_file("1.snapshot", p, n), &err), 0,
		  "snapshot: open");
	CHECK_INT(s.problem, KT_SNAP_OK, "snapshot: valid");
	CHECK_INT(s.count, 2, "snapshot: 2 producers");
	CHECK_INT(kt_snapshot_entry(&s, 1, &e, &err), 0, "snapshot: entry");
	CHECK_INT(kt_snapshot_entry(&s, 2, &e, &err), -KT_EINVAL,
		  "snapshot: entry out of range");
	kt_snapshot_release(&s);
	for (cut = 0; cut < n; cut++) {
		if (kt_snapshot_open(&s, put_file("2.snapshot", p, cut), &err) <
			    0 ||
		    s.problem == KT_SNAP_OK)
			bad++;
		kt_snapshot_release(&s);
	}
	CHECK_INT(bad, 0, "snapshot: every truncation refused cleanly");
	p[n - 1] ^= 1;
	kt_snapshot_open(&s, put_file("3.snapshot", p, n), &err);
	CHECK_INT(s.problem, KT_SNAP_CRC,
		  "snapshot: flipped bit is a CRC error");
	kt_snapshot_release(&s);
	p[1] = 2;
	kt_snapshot_open(&s, put_file("4.snapshot", p, n), &err);
	CHECK(s.problem == KT_SNAP_SCHEMA &&
		      strstr(s.schema_msg, "unknown file version 2"),
	      "snapshot: version 2");
	kt_snapshot_release(&s);
	free(p);
}

static void test_txn(void)
{
	uint8_t t[34 * 2 + 5] = {0};
	struct kt_segfile f;
	struct kt_aborted_txn a;
	struct kt_err err;

	t[9] = 7;
	t[34 + 33] = 9;
	kt_segfile_open(&f, put_file("0.txnindex", t, sizeof(t)), &err);
	CHECK_INT(f.size / KT_TXN_ENTRY_SIZE, 2, "txnindex: partial tail out");
	CHECK_INT(kt_txn_index_entry(&f, 0, &a, &err), 0, "txnindex: entry");
	CHECK_INT(a.producer_id, 7, "txnindex: producer id");
	kt_txn_index_entry(&f, 1, &a, &err);
	CHECK_INT(a.last_stable_offset, 9, "txnindex: lso");
	CHECK_INT(kt_txn_index_entry(&f, 2, &a, &err), -KT_ETRUNC,
		  "txnindex: entry past the end");
	kt_segfile_release(&f);
}

/* A scan through the read-ahead ring in steps of sizes from the list (as a
 * reader of batches would), every view checked against the data; with pin,
 * every view of the last `keep` steps is checked again before the unpin. */
static int ra_scan(const char *path, const uint8_t *data, size_t n,
		   size_t chunk, bool pin, const size_t *steps, size_t nsteps)
{
	struct kt_segfile f;
	struct kt_err err;
	const uint8_t *p, *held[8];
	uint64_t hpos[8];
	size_t hlen[8], nheld = 0, pos = 0, i = 0, k;
	int bad = 0;

	if (kt_segfile_open(&f, path, &err) < 0 ||
	    kt_segfile_readahead(&f, chunk, pin) < 0)
		return -1;
	while (pos < n) {
		size_t len = steps[i++ % nsteps];

		if (len > n - pos)
			len = n - pos;
		if (kt_segfile_get(&f, pos, len, &p, &err) < 0 ||
		    memcmp(p, data + pos, len) != 0)
			bad++;
		if (pin) {
			held[nheld] = p;
			hpos[nheld] = pos;
			hlen[nheld++] = len;
			if (nheld == 8 || f.nretired > 2) {
				for (k = 0; k < nheld; k++)
					if (memcmp(held[k], data + hpos[k],
						   hlen[k]) != 0)
						bad++;
				/* the last view is in the current window */
				held[0] = held[nheld - 1];
				hpos[0] = hpos[nheld - 1];
				hlen[0] = hlen[nheld - 1];
				nheld = 1;
				kt_segfile_unpin(&f);
			}
		}
		pos += len;
	}
	kt_segfile_release(&f);
	return bad;
}

static void test_readahead(void)
{
	size_t chunk = 4096, n = 37 * chunk + 123, i;
	static const size_t batches[] = {100, 4000, 17, 5000, 4096, 1, 300};
	static const size_t big[] = {3 * 4096 + 5, 40, 6 * 4096, 7};
	uint8_t *data = malloc(n);
	struct kt_segfile f;
	struct kt_err err;
	const uint8_t *p, *a, *b;
	const char *path;
	char *copy;

	for (i = 0; i < n; i++)
		data[i] = (uint8_t)(i * 13 + i / 251);
	path = put_file("ra.bin", data, n);
	copy = strdup(path);
	CHECK_INT(ra_scan(copy, data, n, chunk, false, batches, 7), 0,
		  "read-ahead: a scan in batch-sized steps reads every byte");
	CHECK_INT(ra_scan(copy, data, n, chunk, true, batches, 7), 0,
		  "read-ahead: pinned, every view stays valid until unpin");
	CHECK_INT(ra_scan(copy, data, n, chunk, false, big, 4), 0,
		  "read-ahead: items of several chunks, and past the ring");
	CHECK_INT(ra_scan(copy, data, n, 0, true, batches, 7), 0,
		  "read-ahead: a file of less than one default chunk");

	kt_segfile_open(&f, copy, &err);
	CHECK_INT(kt_segfile_readahead(&f, chunk, false), 0, "read-ahead: on");
	CHECK(kt_segfile_get(&f, 20 * chunk + 8, 10, &p, &err) == 0 &&
		      memcmp(p, data + 20 * chunk + 8, 10) == 0 &&
		      f.win_pos == 20 * chunk,
	      "read-ahead: a jump forward starts on its chunk");
	CHECK(kt_segfile_get(&f, 5, 10, &p, &err) == 0 &&
		      memcmp(p, data + 5, 10) == 0,
	      "read-ahead: a jump back");
	CHECK(kt_segfile_get(&f, n - 8, 8, &p, &err) == 0 &&
		      memcmp(p, data + n - 8, 8) == 0,
	      "read-ahead: the last bytes, in a short chunk");
	CHECK_INT(kt_segfile_get(&f, n - 5, 8, &p, &err), -KT_ETRUNC,
		  "read-ahead: past the end is KT_ETRUNC");
	CHECK(kt_segfile_get(&f, 1, n - 1, &p, &err) == 0 &&
		      memcmp(p, data + 1, n - 1) == 0,
	      "read-ahead: the whole file as one item");
	CHECK(kt_segfile_get(&f, 4, 0, &p, &err) == 0 && p != NULL,
	      "read-ahead: an empty item");
	kt_segfile_release(&f);
	kt_segfile_release(&f);

	kt_segfile_open(&f, copy, &err);
	kt_segfile_readahead(&f, chunk, true);
	kt_segfile_get(&f, 0, 100, &a, &err);
	kt_segfile_get(&f, 2 * chunk, 100, &b, &err);
	kt_segfile_get(&f, 2 * chunk + 108, 20, &p, &err);
	CHECK(f.nretired == 1 && memcmp(a, data, 100) == 0,
	      "read-ahead: pinned, the left window stays readable");
	kt_segfile_get(&f, 100, chunk, &p, &err);
	CHECK(f.nretired == 2 && memcmp(b, data + 2 * chunk, 100) == 0 &&
		      memcmp(a, data, 100) == 0,
	      "read-ahead: pinned, every left window stays readable");
	kt_segfile_unpin(&f);
	CHECK(f.nretired == 0 && memcmp(p, data + 100, chunk) == 0,
	      "read-ahead: unpin keeps the current window");
	/* released with the worker still reading ahead */
	kt_segfile_release(&f);

	/* the file shrinks after it was opened: the worker's short read is
	 * the error of the get that needs those bytes, with its position */
	kt_segfile_open(&f, copy, &err);
	kt_segfile_readahead(&f, chunk, false);
	kt_segfile_get(&f, 0, 10, &p, &err);
	CHECK_INT(truncate(copy, 10 * chunk + 7), 0, "read-ahead: shrink");
	CHECK(kt_segfile_get(&f, 12 * chunk, 10, &p, &err) == -KT_ETRUNC &&
		      strstr(err.msg, "ended at byte") != NULL,
	      "read-ahead: a shrunk file is KT_ETRUNC");
	CHECK(kt_segfile_get(&f, 9 * chunk + 5, 10, &p, &err) == 0 &&
		      memcmp(p, data + 9 * chunk + 5, 10) == 0,
	      "read-ahead: reading goes on where the bytes still are");
	CHECK(kt_segfile_get(&f, 10 * chunk, 7, &p, &err) == -KT_ETRUNC &&
		      strstr(err.msg, "ended at byte 40967 ") != NULL,
	      "read-ahead: a short chunk fails with the position of the end");
	kt_segfile_release(&f);

	kt_segfile_open(&f, put_file("e.bin", "", 0), &err);
	CHECK_INT(kt_segfile_readahead(&f, 0, false), 0,
		  "read-ahead: an empty file");
	CHECK_INT(kt_segfile_get(&f, 0, 0, &p, &err), 0,
		  "read-ahead: nothing from an empty file");
	CHECK_INT(kt_segfile_get(&f, 0, 1, &p, &err), -KT_ETRUNC,
		  "read-ahead: a byte from an empty file is KT_ETRUNC");
	kt_segfile_release(&f);
	free(copy);
	free(data);
}

struct cap_sink {
	struct kt_buf out;
	int writevs;
};

static int cap_write(void *ctx, int stream, const void *p, size_t n)
{
	struct cap_sink *c = ctx;

	if (stream == KT_DL_OUT)
		kt_buf_put(&c->out, p, n);
	return 0;
}

static int cap_writev(void *ctx, int stream, const struct iovec *v, int n)
{
	struct cap_sink *c = ctx;
	int i;

	c->writevs++;
	for (i = 0; i < n; i++)
		cap_write(ctx, stream, v[i].iov_base, v[i].iov_len);
	return 0;
}

/* A segment of about 5 MiB (three mapped windows) with values of every
 * kind the zero-copy path sorts: long valid text (written from the file),
 * long text with a bad byte (replaced), short ones (copied), null, and
 * gzip batches (decompressed, never views). */
static const char *gen_zc_segment(void)
{
	struct kt_buf out, file;
	struct kt_err err;
	uint8_t val[3000];
	int64_t off = 0;
	const char *path = NULL;
	int bi, i;

	for (i = 0; i < (int)sizeof(val); i++)
		val[i] = (uint8_t)('a' + i % 26);
	kt_buf_init(&file, 0);
	kt_buf_init(&out, 0);
	for (bi = 0; file.len < ((size_t)5 << 20); bi++) {
		struct kt_batch_spec spec;
		struct kt_batch_writer w;

		kt_batch_spec_init(&spec);
		spec.base_offset = off;
		spec.partition_leader_epoch = 0;
		spec.codec = bi % 7 == 3 ? KT_CODEC_GZIP : KT_CODEC_NONE;
		kt_buf_reset(&out);
		if (kt_batch_writer_begin(&w, &out, &spec, &err) < 0)
			goto done;
		for (i = 0; i < 1 + bi % 5; i++) {
			struct kt_record_spec r = {0};
			size_t len = (size_t)((bi * 389 + i * 97) % 3000);

			r.timestamp = 1700000000000LL + off;
			r.offset_delta = KT_OFFSET_NEXT;
			r.key.p = (const uint8_t *)"key";
			r.key.len = (size_t)(i % 4);
			if (i == 2)
				r.key.p = NULL;
			r.value.p = val;
			r.value.len = len;
			if (bi % 11 == 5 && i == 0)
				r.value.p = NULL;
			val[len / 2] = bi % 13 == 4 ? 0xff : 'q';
			if (kt_batch_writer_add(&w, &r, &err) < 0)
				goto done;
			val[len / 2] = (uint8_t)('a' + (len / 2) % 26);
			off++;
		}
		if (kt_batch_writer_finish(&w, &err) < 0)
			goto done;
		kt_buf_put(&file, out.p, out.len);
	}
	kt_buf_put(&file, "\0\0\0\0\0\0\0", 7); /* trailing bytes */
	path = put_file("00000000000000000000.log", file.p, file.len);
done:
	kt_buf_release(&out);
	kt_buf_release(&file);
	return path;
}

static void test_engine_zero_copy(void)
{
	const char *path = gen_zc_segment();
	struct cap_sink plain = {{0}, 0}, zc = {{0}, 0};
	struct kt_dl_sink s1 = {cap_write, &plain, NULL};
	struct kt_dl_sink s2 = {cap_write, &zc, cap_writev};
	struct kt_dl_opts o;
	struct kt_dumplog *d;
	struct kt_err err;
	int skip;

	CHECK(path != NULL, "zero copy: segment generated");
	if (!path)
		return;
	for (skip = 0; skip < 2; skip++) {
		kt_buf_init(&plain.out, 0);
		kt_buf_init(&zc.out, 0);
		zc.writevs = 0;
		kt_dl_opts_init(&o);
		o.deep = o.print_data = true;
		o.skip_meta = skip;
		d = kt_dumplog_new(&o, &s1);
		kt_dumplog_file(d, path, &err);
		kt_dumplog_finish(d, &err);
		kt_dumplog_free(d);
		o.readahead = true;
		d = kt_dumplog_new(&o, &s2);
		kt_dumplog_file(d, path, &err);
		kt_dumplog_finish(d, &err);
		kt_dumplog_free(d);
		CHECK(plain.out.len > ((size_t)5 << 20) && zc.writevs > 0,
		      "zero copy%s: values went out through writev",
		      skip ? " (skip metadata)" : "");
		CHECK_BYTES(zc.out.p, zc.out.len, plain.out.p, plain.out.len,
			    "zero copy%s: output equals the copying path",
			    skip ? " (skip metadata)" : "");
		kt_buf_release(&plain.out);
		kt_buf_release(&zc.out);
	}
}

static int null_sink(void *ctx, int stream, const void *p, size_t n)
{
	(void)ctx;
	(void)stream;
	(void)p;
	(void)n;
	return 0;
}

static void test_engine_prefixes(void)
{
	size_t n, cut;
	uint8_t *p = slurp("tests/fixtures/segments/mock-librdkafka-2.0.2/"
			   "mock-gzip-0/00000000000000000000.log",
			   &n);
	struct kt_dl_sink sink = {null_sink, NULL, NULL};
	struct kt_dl_opts o;
	int bad = 0, fmt;

	CHECK(p != NULL, "engine: fixture read");
	if (!p)
		return;
	kt_dl_opts_init(&o);
	o.deep = o.print_data = true;
	for (fmt = 0; fmt < 3; fmt++) {
		o.format = fmt;
		for (cut = 0; cut <= n; cut++) {
			struct kt_dumplog *d = kt_dumplog_new(&o, &sink);
			struct kt_err err;
			const char *path =
				put_file("00000000000000000000.log", p, cut);

			if (!d || kt_dumplog_file(d, path, &err) < 0 ||
			    kt_dumplog_finish(d, &err) < 0)
				bad++;
			kt_dumplog_free(d);
		}
	}
	CHECK_INT(bad, 0, "engine: every prefix of a gzip segment dumps");
	free(p);
}

void test_segment(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/kt-segment-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		CHECK(0, "segment: mkdtemp");
		return;
	}
	test_window();
	test_base_offset();
	test_framing();
	test_index();
	test_snapshot();
	test_txn();
	test_engine_prefixes();
	test_readahead();
	test_engine_zero_copy();
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			CHECK(0, "segment: cleanup");
	}
}
