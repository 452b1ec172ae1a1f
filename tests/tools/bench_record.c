/*
 * bench_record.c - throughput of the record-batch hot path (test-only
 * tool kt-bench-record): CRC-32C (hardware and slice-by-8), and a
 * dump-log style pass (region -> batch header -> CRC-32C check -> every
 * record and header) over a large in-memory region of uncompressed 1 KiB
 * records, for a few batch sizes, plus the same with lz4 and zstd batches.
 *
 *   kt-bench-record [MiB]     (default 256: size of the region)
 */
#include "record/compress.h"
#include "record/crc.h"
#include "record/record.h"

#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench_crc(const uint8_t *p, size_t n)
{
	double t0, t = 1e30;
	uint32_t c = 0;
	int i, reps = 8;

	for (i = 0; i < reps; i++) {
		t0 = now();
		c ^= kt_crc32c(0, p, n);
		t0 = now() - t0;
		if (t0 < t)
			t = t0;
	}
	reps = 1; /* best single pass */
	printf("crc32c %-12s %8.2f GB/s  (best of 8 passes, %d x %zu MiB, "
	       "%08x)\n",
	       kt_crc32c_hw() ? "(sse4.2)" : "(software)",
	       (double)n * reps / t / 1e9, reps, n >> 20, c);
	t0 = now();
	for (i = 0; i < 2; i++)
		c ^= kt_crc32c_sw(0, p, n);
	t = now() - t0;
	printf("crc32c %-12s %8.2f GB/s\n", "(slice-by-8)",
	       (double)n * 2 / t / 1e9);
	t0 = now();
	for (i = 0; i < 2; i++)
		c ^= kt_crc32(0, p, n);
	t = now() - t0;
	printf("crc32  %-12s %8.2f GB/s  (%08x)\n", "(zlib)",
	       (double)n * 2 / t / 1e9, c);
}

/* Fill out with batches of per_batch records of 1 KiB values until it
 * holds about total bytes. */
static void build(struct kt_buf *out, size_t total, int per_batch, int codec)
{
	static uint8_t val[1024];
	int64_t off = 0;
	size_t i;

	for (i = 0; i < sizeof(val); i++)
		val[i] = (uint8_t)("{\"level\":\"INFO\",\"msg\":\"kafkit\"} "
					   [i % 33] ^
				   (i & 7));
	while (out->len < total) {
		struct kt_batch_writer w;
		struct kt_batch_spec s;
		int k;

		kt_batch_spec_init(&s);
		s.base_offset = off;
		s.codec = codec;
		if (kt_batch_writer_begin(&w, out, &s, NULL))
			break;
		for (k = 0; k < per_batch; k++) {
			struct kt_record_spec r;
			char key[24];
			int kl = snprintf(key, sizeof(key), "key-%lld",
					  (long long)off + k);

			memset(&r, 0, sizeof(r));
			r.timestamp = 1700000000000LL + off + k;
			r.offset_delta = KT_OFFSET_NEXT;
			r.key.p = (const uint8_t *)key;
			r.key.len = (size_t)kl;
			r.value.p = val;
			r.value.len = sizeof(val);
			kt_batch_writer_add(&w, &r, NULL);
		}
		if (kt_batch_writer_finish(&w, NULL))
			break;
		off += per_batch;
	}
}

static void bench_decode(const struct kt_buf *region, const char *what,
			 int check_crc, size_t logical)
{
	struct kt_region rg;
	struct kt_entry e;
	struct kt_buf scratch;
	struct kt_err err;
	long long batches = 0, records = 0, sum = 0, plain = 0;
	double t0, t;
	int bad = 0;

	double best = 1e30;
	int rep;

	kt_buf_init(&scratch, 64 << 20);
	for (rep = 0; rep < 3; rep++) {
		batches = records = plain = 0;
		bad = 0;
		t0 = now();
		kt_region_init(&rg, region->p, region->len, 0, 0, 0);
		while (kt_region_next(&rg, &e, &err) == 1) {
			struct kt_record_iter it;
			struct kt_record rec;
			struct kt_bytes recs;

			batches++;
			if (check_crc && !kt_batch_crc_ok(&e.batch))
				bad++;
			if (kt_batch_records(&e.batch, &scratch, &recs, &err))
				break;
			plain += (long long)recs.len + KT_BATCH_HEADER_LEN;
			kt_record_iter_init(&it, &e.batch, recs);
			while (kt_record_iter_next(&it, &rec, &err) == 1) {
				records++;
				sum += (long long)rec.value.len + rec.offset;
			}
		}
		t = now() - t0;
		if (t < best)
			best = t;
	}
	t = best;
	printf("%-40s %6.2f GB/s in, %6.2f GB/s out, %6.2f M rec/s (%lld "
	       "batches, %lld records, %d bad)\n",
	       what, (double)logical / t / 1e9, (double)plain / t / 1e9,
	       (double)records / t / 1e6, batches, records, bad);
	(void)sum;
	kt_buf_release(&scratch);
}

int main(int argc, char **argv)
{
	size_t mib = 256, total;
	static const int sizes[] = {1, 16, 1000};
	struct kt_buf region;
	char what[96];
	size_t i;

	if (argc > 1) {
		char *end;
		long v = strtol(argv[1], &end, 10);

		if (*end || v <= 0 || v > 8192) {
			fprintf(stderr, "usage: kt-bench-record [MiB]\n");
			return 2;
		}
		mib = (size_t)v;
	}
	total = mib << 20;
	kt_buf_init(&region, total + (16 << 20));
	build(&region, total, 16, KT_CODEC_NONE);
	bench_crc(region.p, region.len);
	kt_buf_release(&region);

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		kt_buf_init(&region, total + (16 << 20));
		build(&region, total, sizes[i], KT_CODEC_NONE);
		snprintf(what, sizeof(what),
			 "decode+crc, %d x 1 KiB records/batch", sizes[i]);
		bench_decode(&region, what, 1, region.len);
		snprintf(what, sizeof(what),
			 "decode only, %d x 1 KiB records/batch", sizes[i]);
		bench_decode(&region, what, 0, region.len);
		kt_buf_release(&region);
	}
	for (i = KT_CODEC_GZIP; i <= KT_CODEC_ZSTD; i++) {
		size_t logical = total / 8;

		kt_buf_init(&region, logical + (16 << 20));
		build(&region, logical, 16, (int)i);
		snprintf(what, sizeof(what), "decode+crc+%s, 16 x 1 KiB",
			 kt_codec_name((int)i));
		bench_decode(&region, what, 1, region.len);
		kt_buf_release(&region);
	}
	return 0;
}
