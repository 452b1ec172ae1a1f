/*
 * test_compress.c - the codecs of protocol.md §8: round trips at several
 * levels, the framing Java writes (xerial header and chunks, Kafka's LZ4
 * frame header and its KAFKA-3160 variant), frames from other writers
 * (liblz4's frame API with checksums and content size, concatenated gzip
 * members and zstd frames, raw snappy), every truncation, decompression
 * bombs against the caller's ceiling, and level validation.
 */
#include "unit.h"

#include "record/compress.h"

#include <lz4frame.h>
#include <snappy-c.h>
#include <stdlib.h>
#include <zlib.h>
#include <zstd.h>

void test_compress(void);

static const int codecs[] = {KT_CODEC_GZIP, KT_CODEC_SNAPPY, KT_CODEC_LZ4,
			     KT_CODEC_ZSTD};
#define N_CODECS (sizeof(codecs) / sizeof(codecs[0]))

/* Text-like data that compresses, then a random tail that does not. */
static uint8_t *sample(size_t n, unsigned seed)
{
	uint8_t *p = malloc(n ? n : 1);
	size_t i;

	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = i < n / 2 ? (uint8_t)("kafka record batch "[i % 19])
				 : (uint8_t)(seed >> 16);
	}
	return p;
}

static int roundtrip(int codec, int level, unsigned flags, const uint8_t *in,
		     size_t n, struct kt_err *err)
{
	struct kt_buf c, d;
	int rc;

	kt_buf_init(&c, 0);
	kt_buf_init(&d, 0);
	rc = kt_compress(codec, level, flags, in, n, &c, err);
	if (!rc)
		rc = kt_decompress(codec, flags, c.p, c.len, &d, err);
	if (!rc && (d.len != n || (n && memcmp(d.p, in, n) != 0)))
		rc = -KT_EPROTO;
	kt_buf_release(&c);
	kt_buf_release(&d);
	return rc;
}

static void test_roundtrips(void)
{
	static const size_t sizes[] = {0,     1,     100,   32768,
				       32769, 65536, 65537, 300000};
	static const struct {
		int codec, level;
	} levels[] = {
		{KT_CODEC_GZIP, 1},  {KT_CODEC_GZIP, 9},
		{KT_CODEC_GZIP, -1}, {KT_CODEC_LZ4, 1},
		{KT_CODEC_LZ4, 9},   {KT_CODEC_LZ4, 17},
		{KT_CODEC_ZSTD, 1},  {KT_CODEC_ZSTD, 19},
		{KT_CODEC_ZSTD, -5}, {KT_CODEC_NONE, KT_LEVEL_DEFAULT},
	};
	size_t i, s;

	for (i = 0; i < N_CODECS; i++)
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			uint8_t *in = sample(sizes[s], (unsigned)s);
			struct kt_err err = {0};
			int rc = roundtrip(codecs[i], KT_LEVEL_DEFAULT, 0, in,
					   sizes[s], &err);

			CHECK_INT(rc, 0, "%s round trip of %zu bytes %.100s",
				  kt_codec_name(codecs[i]), sizes[s], err.msg);
			free(in);
		}
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		uint8_t *in = sample(100000, 7);
		struct kt_err err = {0};

		CHECK_INT(roundtrip(levels[i].codec, levels[i].level, 0, in,
				    100000, &err),
			  0, "%s level %d round trip %.100s",
			  kt_codec_name(levels[i].codec), levels[i].level,
			  err.msg);
		free(in);
	}
	{
		uint8_t *in = sample(200000, 3);
		struct kt_err err = {0};

		CHECK_INT(roundtrip(KT_CODEC_LZ4, KT_LEVEL_DEFAULT,
				    KT_COMPRESS_LZ4_LEGACY, in, 200000, &err),
			  0, "lz4 legacy (magic 0) round trip %.100s", err.msg);
		free(in);
	}
}

static void test_names_levels(void)
{
	struct kt_err err = {0};

	CHECK_STR(kt_codec_name(KT_CODEC_NONE), "none", "name of none");
	CHECK_STR(kt_codec_name(KT_CODEC_ZSTD), "zstd", "name of zstd");
	CHECK_STR(kt_codec_name(7), "unknown", "name of 7");
	CHECK_INT(kt_codec_parse("lz4", NULL), KT_CODEC_LZ4, "parse lz4");
	CHECK_INT(kt_codec_parse("uncompressed", NULL), KT_CODEC_NONE,
		  "parse uncompressed");
	CHECK_INT(kt_codec_parse("brotli", &err), -KT_EINVAL, "parse brotli");
	CHECK_STR(err.msg, "unknown compression type 'brotli'",
		  "parse brotli message");
	CHECK_INT(kt_compress_level_check(KT_CODEC_GZIP, 10, &err), -KT_EINVAL,
		  "gzip level 10 rejected");
	CHECK_STR(err.msg, "gzip compression level 10 is out of range 1..9",
		  "gzip level message");
	CHECK_INT(kt_compress_level_check(KT_CODEC_GZIP, -1, NULL), 0,
		  "gzip level -1 accepted");
	CHECK_INT(kt_compress_level_check(KT_CODEC_LZ4, 18, NULL), -KT_EINVAL,
		  "lz4 level 18 rejected");
	CHECK_INT(kt_compress_level_check(KT_CODEC_ZSTD, -131072, NULL), 0,
		  "zstd level -131072 accepted");
	CHECK_INT(kt_compress_level_check(KT_CODEC_ZSTD, 23, NULL), -KT_EINVAL,
		  "zstd level 23 rejected");
	CHECK_INT(kt_compress_level_check(KT_CODEC_SNAPPY, 1, NULL), -KT_EINVAL,
		  "snappy takes no level");
	{
		struct kt_buf b;

		kt_buf_init(&b, 0);
		CHECK_INT(kt_compress(9, KT_LEVEL_DEFAULT, 0, "x", 1, &b, &err),
			  -KT_EINVAL, "compress with codec 9");
		kt_err_clear(&err);
		CHECK_INT(kt_decompress(5, 0, "x", 1, &b, NULL), -KT_EINVAL,
			  "decompress with codec 5");
		kt_buf_release(&b);
	}
}

static void test_xxh32(void)
{
	CHECK_INT(kt_xxh32("", 0, 0), 0x02CC5D05u, "xxh32 of nothing");
	CHECK_INT(kt_xxh32("abc", 3, 0), 0x32D153FFu, "xxh32 of abc");
}

/* Java's framing: snappy-java's xerial header and 32 KiB chunks. */
static void test_snappy_framing(void)
{
	static const uint8_t hdr[16] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0,
					0,    0,   0,	1,   0,	  0,   0,   1};
	uint8_t *in = sample(70000, 5);
	struct kt_buf c, d, cat;
	struct kt_err err = {0};
	size_t pos, chunks = 0, rawlen;
	char *raw;

	kt_buf_init(&c, 0);
	kt_buf_init(&d, 0);
	kt_buf_init(&cat, 0);
	kt_compress(KT_CODEC_SNAPPY, KT_LEVEL_DEFAULT, 0, in, 70000, &c, NULL);
	CHECK_BYTES(c.p, 16, hdr, 16, "xerial header");
	for (pos = 16; pos + 4 <= c.len; chunks++)
		pos += 4 + kt_be32(c.p + pos);
	CHECK(pos == c.len && chunks == 3,
	      "70000 bytes make 3 chunks of at most 32 KiB (%zu)", chunks);

	/* two streams back to back decode as one (SnappyInputStream) */
	kt_buf_put(&cat, c.p, c.len);
	kt_buf_put(&cat, c.p, c.len);
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_SNAPPY, 0, cat.p, cat.len, &d, &err),
		  0, "concatenated xerial streams %.100s", err.msg);
	CHECK(d.len == 140000 && memcmp(d.p, in, 70000) == 0 &&
		      memcmp(d.p + 70000, in, 70000) == 0,
	      "concatenated xerial streams give both inputs");

	/* a raw block (librdkafka's snappy) */
	rawlen = snappy_max_compressed_length(70000);
	raw = malloc(rawlen);
	snappy_compress((const char *)in, 70000, raw, &rawlen);
	kt_buf_reset(&d);
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_SNAPPY, 0, raw, rawlen, &d, &err), 0,
		  "raw snappy block %.100s", err.msg);
	CHECK(d.len == 70000 && memcmp(d.p, in, 70000) == 0,
	      "raw snappy block content");
	kt_buf_reset(&d);
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_SNAPPY, 0, raw, rawlen - 1, &d, &err),
		  -KT_ECOMPRESS, "raw snappy block cut by one byte");
	CHECK_INT(d.len, 0, "failed decompression leaves the buffer empty");

	/* a chunk whose length runs past the end */
	kt_store_be32(c.p + 16, 0x7ffffff0u);
	kt_buf_reset(&d);
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_SNAPPY, 0, c.p, c.len, &d, &err),
		  -KT_ECOMPRESS, "xerial chunk longer than the input");
	CHECK(strstr(err.msg, "chunk at byte 16") != NULL,
	      "xerial error names the position: %.100s", err.msg);
	free(raw);
	free(in);
	kt_buf_release(&c);
	kt_buf_release(&d);
	kt_buf_release(&cat);
}

/* Kafka's LZ4 frame: header bytes, the HC of KAFKA-3160, other writers. */
static void test_lz4_framing(void)
{
	static const uint8_t fd[2] = {0x60, 0x40};
	uint8_t *in = sample(150000, 9),
		magic_fd[6] = {0x04, 0x22, 0x4d, 0x18, 0x60, 0x40};
	struct kt_buf c, d;
	struct kt_err err = {0};
	LZ4F_preferences_t prefs;
	size_t cap, n;
	uint8_t *f;

	kt_buf_init(&c, 0);
	kt_buf_init(&d, 0);
	kt_compress(KT_CODEC_LZ4, KT_LEVEL_DEFAULT, 0, in, 150000, &c, NULL);
	CHECK(c.len > 7 && memcmp(c.p, magic_fd, 6) == 0,
	      "lz4 frame starts 04 22 4d 18 60 40");
	CHECK_INT(c.p[6], (kt_xxh32(fd, 2, 0) >> 8) & 0xff,
		  "lz4 HC over FLG and BD");
	CHECK_INT(kt_be32(c.p + c.len - 4), 0, "lz4 frame ends with 0 mark");

	kt_buf_reset(&c);
	kt_compress(KT_CODEC_LZ4, KT_LEVEL_DEFAULT, KT_COMPRESS_LZ4_LEGACY, in,
		    150000, &c, NULL);
	CHECK_INT(c.p[6], (kt_xxh32(magic_fd, 6, 0) >> 8) & 0xff,
		  "legacy lz4 HC over magic, FLG and BD (KAFKA-3160)");
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_LZ4, 0, c.p, c.len, &d, &err),
		  -KT_ECOMPRESS, "the legacy HC fails the normal check");
	CHECK(strstr(err.msg, "descriptor checksum") != NULL,
	      "legacy HC error message: %.100s", err.msg);
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_LZ4, KT_COMPRESS_LZ4_LEGACY, c.p,
				c.len, &d, &err),
		  0, "magic 0 reading ignores the HC");

	/* liblz4's own frames: content size, block and content checksums,
	 * 256 KiB blocks: checks xxh32 on real lengths */
	memset(&prefs, 0, sizeof(prefs));
	prefs.frameInfo.blockSizeID = LZ4F_max256KB;
	prefs.frameInfo.blockMode = LZ4F_blockIndependent;
	prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
	prefs.frameInfo.blockChecksumFlag = LZ4F_blockChecksumEnabled;
	prefs.frameInfo.contentSize = 150000;
	cap = LZ4F_compressFrameBound(150000, &prefs);
	f = malloc(cap);
	n = LZ4F_compressFrame(f, cap, in, 150000, &prefs);
	CHECK(!LZ4F_isError(n), "liblz4 writes a frame with checksums");
	kt_buf_reset(&d);
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_LZ4, 0, f, n, &d, &err), 0,
		  "liblz4 frame with checksums and content size %.100s",
		  err.msg);
	CHECK(d.len == 150000 && memcmp(d.p, in, 150000) == 0,
	      "liblz4 frame content");
	f[n - 10] ^= 0x55; /* inside the last block */
	kt_buf_reset(&d);
	CHECK(kt_decompress(KT_CODEC_LZ4, 0, f, n, &d, &err) == -KT_ECOMPRESS &&
		      strstr(err.msg, "checksum") != NULL,
	      "corrupt block fails its block checksum: %.100s", err.msg);

	/* dependent blocks are refused, as Java does */
	prefs.frameInfo.blockMode = LZ4F_blockLinked;
	prefs.frameInfo.blockSizeID = LZ4F_max64KB;
	prefs.frameInfo.contentSize = 0;
	free(f);
	cap = LZ4F_compressFrameBound(150000, &prefs);
	f = malloc(cap);
	n = LZ4F_compressFrame(f, cap, in, 150000, &prefs);
	CHECK(!LZ4F_isError(n), "liblz4 writes a linked-block frame");
	kt_buf_reset(&d);
	CHECK(kt_decompress(KT_CODEC_LZ4, 0, f, n, &d, &err) == -KT_ECOMPRESS &&
		      strstr(err.msg, "dependent") != NULL,
	      "dependent blocks refused: %.100s", err.msg);
	free(f);
	free(in);
	kt_buf_release(&c);
	kt_buf_release(&d);
}

/* Several gzip members and zstd frames; zstd without content size. */
static void test_multi(void)
{
	uint8_t *in = sample(50000, 11);
	struct kt_buf c, d;
	struct kt_err err = {0};
	size_t one;
	ZSTD_CCtx *z;
	ZSTD_inBuffer ib = {NULL, 0, 0};
	ZSTD_outBuffer ob;
	uint8_t *zb;

	kt_buf_init(&c, 0);
	kt_buf_init(&d, 0);
	kt_compress(KT_CODEC_GZIP, KT_LEVEL_DEFAULT, 0, in, 50000, &c, NULL);
	one = c.len;
	kt_compress(KT_CODEC_GZIP, 1, 0, in, 50000, &c, NULL);
	kt_buf_put(&c, "junk", 4);
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_GZIP, 0, c.p, c.len, &d, &err), 0,
		  "two gzip members and trailing junk %.100s", err.msg);
	CHECK(d.len == 100000 && memcmp(d.p + 50000, in, 50000) == 0,
	      "both gzip members decoded");
	kt_buf_reset(&d);
	c.p[one / 2] ^= 0xff;
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_GZIP, 0, c.p, c.len, &d, &err),
		  -KT_ECOMPRESS, "corrupt gzip");
	CHECK(strncmp(err.msg, "corrupt gzip data at byte", 25) == 0 ||
		      strncmp(err.msg, "truncated gzip", 14) == 0,
	      "gzip error message: %.100s", err.msg);

	kt_buf_reset(&c);
	kt_buf_reset(&d);
	kt_compress(KT_CODEC_ZSTD, KT_LEVEL_DEFAULT, 0, in, 50000, &c, NULL);
	kt_compress(KT_CODEC_ZSTD, KT_LEVEL_DEFAULT, 0, in, 20000, &c, NULL);
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_ZSTD, 0, c.p, c.len, &d, &err), 0,
		  "two zstd frames %.100s", err.msg);
	CHECK_INT(d.len, 70000, "two zstd frames: all output");

	/* streaming writer: no content size in the frame header */
	z = ZSTD_createCCtx();
	zb = malloc(ZSTD_compressBound(50000) + 64);
	ob.dst = zb;
	ob.size = ZSTD_compressBound(50000) + 64;
	ob.pos = 0;
	ib.src = in;
	ib.size = 50000;
	ZSTD_compressStream2(z, &ob, &ib, ZSTD_e_continue);
	while (ZSTD_compressStream2(z, &ob, &ib, ZSTD_e_end) != 0)
		;
	ZSTD_freeCCtx(z);
	CHECK(ZSTD_getFrameContentSize(zb, ob.pos) == ZSTD_CONTENTSIZE_UNKNOWN,
	      "streamed zstd frame has no content size");
	kt_buf_reset(&d);
	kt_err_clear(&err);
	CHECK_INT(kt_decompress(KT_CODEC_ZSTD, 0, zb, ob.pos, &d, &err), 0,
		  "zstd frame without content size %.100s", err.msg);
	CHECK(d.len == 50000 && memcmp(d.p, in, 50000) == 0,
	      "zstd frame without content size: content");
	free(zb);
	free(in);
	kt_buf_release(&c);
	kt_buf_release(&d);
}

/* Every strict prefix of a compressed stream fails cleanly (snappy xerial
 * may legally end at a chunk boundary: then the output is a prefix). */
static void test_truncations(void)
{
	uint8_t *in = sample(80000, 13);
	size_t i, cut;

	for (i = 0; i < N_CODECS; i++) {
		struct kt_buf c, d;
		int bad = 0, ok_prefix = 0;

		kt_buf_init(&c, 0);
		kt_buf_init(&d, 0);
		kt_compress(codecs[i], KT_LEVEL_DEFAULT, 0, in, 80000, &c,
			    NULL);
		for (cut = 0; cut < c.len; cut++) {
			struct kt_err err = {0};
			int rc;

			kt_buf_reset(&d);
			rc = kt_decompress(codecs[i], 0, c.p, cut, &d, &err);
			if (rc == 0 && codecs[i] == KT_CODEC_SNAPPY &&
			    d.len < 80000 &&
			    (d.len == 0 || memcmp(d.p, in, d.len) == 0)) {
				ok_prefix++;
				continue;
			}
			if (rc == 0 && codecs[i] == KT_CODEC_ZSTD && cut == 0)
				continue; /* no frame at all: empty */
			if (rc == 0 && codecs[i] == KT_CODEC_SNAPPY && cut == 0)
				continue;
			if (rc != -KT_ECOMPRESS || err.msg[0] == '\0' ||
			    d.len != 0)
				bad++;
		}
		CHECK_INT(
			bad, 0,
			"%s: every one of %zu truncations fails cleanly%.100s",
			kt_codec_name(codecs[i]), c.len,
			ok_prefix ? " (or ends at a chunk)" : "");
		kt_buf_release(&c);
		kt_buf_release(&d);
	}
	free(in);
}

/* Decompression bombs: 16 MiB of zeros against a 1 MiB ceiling. */
static void test_bombs(void)
{
	size_t big = 16u << 20, i;
	uint8_t *zeros = calloc(1, big);

	for (i = 0; i < N_CODECS; i++) {
		struct kt_buf c, d;
		struct kt_err err = {0};
		int rc;

		kt_buf_init(&c, 0);
		kt_compress(codecs[i], KT_LEVEL_DEFAULT, 0, zeros, big, &c,
			    NULL);
		kt_buf_init(&d, 1u << 20);
		rc = kt_decompress(codecs[i], 0, c.p, c.len, &d, &err);
		CHECK(rc == -KT_ETOOBIG && d.cap <= (1u << 20) && d.len == 0,
		      "%s: %zu-byte bomb stops at the 1 MiB ceiling (rc %d, "
		      "cap %zu): %.100s",
		      kt_codec_name(codecs[i]), c.len, rc, d.cap, err.msg);
		kt_buf_release(&d);

		/* the ceiling is inclusive: exactly the output size passes,
		 * one byte less fails */
		kt_buf_reset(&c);
		kt_compress(codecs[i], KT_LEVEL_DEFAULT, 0, zeros, 100000, &c,
			    NULL);
		kt_buf_init(&d, 100000);
		kt_err_clear(&err);
		CHECK_INT(kt_decompress(codecs[i], 0, c.p, c.len, &d, &err), 0,
			  "%s: output exactly at the ceiling",
			  kt_codec_name(codecs[i]));
		kt_buf_release(&d);
		kt_buf_init(&d, 99999);
		kt_err_clear(&err);
		CHECK_INT(kt_decompress(codecs[i], 0, c.p, c.len, &d, &err),
			  -KT_ETOOBIG, "%s: one byte over the ceiling",
			  kt_codec_name(codecs[i]));
		kt_buf_release(&d);
		kt_buf_release(&c);
	}
	{
		/* a raw snappy header claiming 4 GiB allocates nothing */
		static const uint8_t lie[] = {0x80, 0x80, 0x80, 0x80, 0x0f, 0};
		struct kt_buf d;

		kt_buf_init(&d, 1u << 20);
		CHECK_INT(kt_decompress(KT_CODEC_SNAPPY, 0, lie, sizeof(lie),
					&d, NULL),
			  -KT_ETOOBIG, "snappy length header of 4 GiB");
		CHECK_INT(d.cap, 0, "nothing allocated for it");
		kt_buf_release(&d);
	}
	{
		/* empty raw snappy block into an empty buffer (p NULL) */
		struct kt_buf d;

		kt_buf_init(&d, 0);
		CHECK(kt_decompress(KT_CODEC_SNAPPY, 0, "\0", 1, &d, NULL) ==
				      0 &&
			      d.len == 0,
		      "empty raw snappy block");
		CHECK_INT(
			kt_decompress(KT_CODEC_SNAPPY, 0, "\0\1", 2, &d, NULL),
			-KT_ECOMPRESS, "empty raw snappy block with junk");
		kt_buf_release(&d);
	}
	free(zeros);
}

/* Output is appended; a failure leaves what was there. */
static void test_append(void)
{
	struct kt_buf c, d;
	size_t i;

	for (i = 0; i < N_CODECS; i++) {
		kt_buf_init(&c, 0);
		kt_buf_init(&d, 0);
		kt_buf_put(&c, "head", 4);
		kt_compress(codecs[i], KT_LEVEL_DEFAULT, 0, "hello", 5, &c,
			    NULL);
		kt_buf_put(&d, "xy", 2);
		kt_decompress(codecs[i], 0, c.p + 4, c.len - 4, &d, NULL);
		CHECK_BYTES(d.p, d.len, "xyhello", 7, "%s appends",
			    kt_codec_name(codecs[i]));
		kt_decompress(codecs[i], 0, c.p + 4, c.len - 5, &d, NULL);
		CHECK_INT(d.len, 7, "%s failure keeps the earlier output",
			  kt_codec_name(codecs[i]));
		kt_buf_release(&c);
		kt_buf_release(&d);
	}
}

void test_compress(void)
{
	test_names_levels();
	test_xxh32();
	test_roundtrips();
	test_snappy_framing();
	test_lz4_framing();
	test_multi();
	test_truncations();
	test_bombs();
	test_append();
}
