/*
 * fuzz_decompress.c - fuzz entry point for compress.h: the input is fed
 * to every codec's decoder (lz4 both with and without the magic-0 header
 * checksum rule) with a 64 KiB output ceiling, so bombs and corrupt
 * streams must end in a clean error. Whatever decodes is compressed again
 * and must decode back to the same bytes.
 */
#include "record/compress.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void roundtrip(int codec, const struct kt_buf *plain)
{
	struct kt_buf c, d;

	kt_buf_init(&c, 0);
	kt_buf_init(&d, plain->max);
	if (kt_compress(codec, KT_LEVEL_DEFAULT, 0, plain->p, plain->len, &c,
			NULL) != 0)
		abort();
	if (kt_decompress(codec, 0, c.p, c.len, &d, NULL) != 0 ||
	    d.len != plain->len || (d.len && memcmp(d.p, plain->p, d.len) != 0))
		abort();
	kt_buf_release(&c);
	kt_buf_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		int codec;
		unsigned flags;
	} runs[] = {
		{KT_CODEC_GZIP, 0}, {KT_CODEC_SNAPPY, 0},
		{KT_CODEC_LZ4, 0},  {KT_CODEC_LZ4, KT_COMPRESS_LZ4_LEGACY},
		{KT_CODEC_ZSTD, 0},
	};
	size_t i;

	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		struct kt_buf out;
		struct kt_err err;
		int rc;

		kt_buf_init(&out, 64 * 1024);
		rc = kt_decompress(runs[i].codec, runs[i].flags, data, size,
				   &out, &err);
		if (rc == 0 && out.len > out.max)
			abort();
		if (rc != 0 && (out.len != 0 || err.msg[0] == '\0'))
			abort();
		if (rc == 0 && runs[i].flags == 0)
			roundtrip(runs[i].codec, &out);
		kt_buf_release(&out);
	}
	return 0;
}
