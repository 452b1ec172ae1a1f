/*
 * fuzz_segment.c - fuzz entry point for the offline segment readers and
 * the kafka-dump-log engine: the input is written once as a .log, .index,
 * .timeindex, .snapshot and .txnindex of one directory, and every file is
 * dumped the way kafka-dump-log --print-data-log does it, in Apache text
 * (read, and mapped with values written from the file by writev), JSON
 * lines and --verify, with the output thrown away. Anything but a
 * clean result or a clean error is a bug (the sanitizers watch memory).
 */
#include "format/dumplog.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int null_sink(void *ctx, int stream, const void *p, size_t n)
{
	(void)ctx;
	(void)stream;
	(void)p;
	(void)n;
	return 0;
}

/* Touch every byte handed out, so a view of unmapped memory faults (the
 * sum goes to a volatile global the compiler cannot drop). */
static volatile uint8_t touched;

static int null_sinkv(void *ctx, int stream, const struct iovec *v, int n)
{
	uint8_t sum = 0;
	int i;
	size_t k;

	(void)ctx;
	(void)stream;
	for (i = 0; i < n; i++)
		for (k = 0; k < v[i].iov_len; k++)
			sum += ((const uint8_t *)v[i].iov_base)[k];
	touched = sum;
	return 0;
}

static char dir[64];

static void put(const char *name, const uint8_t *p, size_t n)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		return;
	if (n)
		fwrite(p, 1, n, f);
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"00000000000000000000.log",
		"00000000000000000000.index",
		"00000000000000000000.timeindex",
		"00000000000000000000.snapshot",
		"00000000000000000000.txnindex",
	};
	struct kt_dl_sink sink = {null_sink, NULL, NULL};
	struct kt_dl_sink vsink = {null_sink, NULL, null_sinkv};
	struct kt_dl_opts o;
	size_t i;
	int mode;

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/kt-fuzz-segment-XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	for (i = 0; i < 5; i++)
		put(names[i], data, size);
	for (mode = 0; mode < 5; mode++) {
		struct kt_dumplog *d;
		struct kt_err err;

		kt_dl_opts_init(&o);
		o.deep = o.print_data = true;
		o.print_headers = true;
		o.format = mode == 1   ? KT_DL_JSON
			   : mode == 3 ? KT_DL_SUMMARY
				       : KT_DL_TEXT;
		o.verify = mode == 2;
		o.max_message_size = 1 << 16;
		o.readahead = mode == 4;
		d = kt_dumplog_new(&o, mode == 4 ? &vsink : &sink);
		if (!d)
			abort();
		for (i = 0; i < 5; i++) {
			char path[128];

			snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
			(void)kt_dumplog_file(d, path, &err);
		}
		(void)kt_dumplog_finish(d, &err);
		kt_dumplog_free(d);
	}
	return 0;
}
