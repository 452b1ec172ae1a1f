/*
 * record/compress.c - gzip, snappy (raw and xerial framing), lz4 (Kafka's LZ4
 * frame subset, KAFKA-3160 legacy header checksum) and zstd (KIP-110) for
 * record batches and message sets; protocol.md §8, Java's the classes of
 * clients/.../common/compress.
 *
 * Every decoder writes straight into the caller's kt_buf and asks it for
 * room a piece at a time, so the ceiling out->max is checked before memory
 * is taken, not after. When the buffer is exactly full and the codec has
 * not finished, one scratch byte tells "more output" (too big) from "done".
 */
#include "record/compress.h"

#include <limits.h>
#include <lz4.h>
#include <lz4hc.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#define SNAPPY_MAGIC "\x82SNAPPY\0"
#define SNAPPY_HEADER_LEN 16
#define SNAPPY_BLOCK (32 * 1024)
#define LZ4_MAGIC 0x184D2204u
#define LZ4_BLOCK (64 * 1024)
#define GROW_MIN (16 * 1024)
/* zstd's default window limit (ZSTD_WINDOWLOG_LIMIT_DEFAULT, which is
 * only in its static-linking API) */
#define ZSTD_WLOG_LIMIT 27

const char *kt_codec_name(int codec)
{
	switch (codec) {
	case KT_CODEC_NONE:
		return "none";
	case KT_CODEC_GZIP:
		return "gzip";
	case KT_CODEC_SNAPPY:
		return "snappy";
	case KT_CODEC_LZ4:
		return "lz4";
	case KT_CODEC_ZSTD:
		return "zstd";
	}
	return "unknown";
}

int kt_codec_parse(const char *name, struct kt_err *err)
{
	int c;

	if (strcmp(name, "uncompressed") == 0)
		return KT_CODEC_NONE;
	for (c = KT_CODEC_NONE; c <= KT_CODEC_ZSTD; c++)
		if (strcmp(name, kt_codec_name(c)) == 0)
			return c;
	return kt_err_set(err, KT_EINVAL, "unknown compression type '%s'",
			  name);
}

int kt_compress_level_check(int codec, int level, struct kt_err *err)
{
	int lo, hi;

	if (level == KT_LEVEL_DEFAULT)
		return 0;
	switch (codec) {
	case KT_CODEC_GZIP:
		if (level == -1)
			return 0;
		lo = 1;
		hi = 9;
		break;
	case KT_CODEC_LZ4:
		lo = 1;
		hi = 17;
		break;
	case KT_CODEC_ZSTD:
		lo = -131072;
		hi = 22;
		break;
	case KT_CODEC_NONE:
	case KT_CODEC_SNAPPY:
		return kt_err_set(err, KT_EINVAL,
				  "compression level %d given for %s, which "
				  "has no levels",
				  level, kt_codec_name(codec));
	default:
		return kt_err_set(err, KT_EINVAL, "unknown codec %d", codec);
	}
	if (level < lo || level > hi)
		return kt_err_set(err, KT_EINVAL,
				  "%s compression level %d is out of range "
				  "%d..%d",
				  kt_codec_name(codec), level, lo, hi);
	return 0;
}

/* ---- output room ---- */

/*
 * Make room at the end of out: on success *n is the number of bytes that
 * can be written at out->p + out->len (0 when out is at its ceiling). Grows
 * geometrically, never past out->max.
 */
static int room(struct kt_buf *out, size_t *n)
{
	size_t left, want;

	*n = 0;
	if (out->err)
		return out->err;
	if (out->cap > out->len) {
		*n = out->cap - out->len;
		return 0;
	}
	left = out->max > out->len ? out->max - out->len : 0;
	if (left == 0)
		return 0;
	want = out->len > GROW_MIN ? out->len : GROW_MIN;
	if (want > left)
		want = left;
	if (kt_buf_grow(out, want))
		return out->err;
	*n = out->cap - out->len;
	return 0;
}

static int too_big(struct kt_buf *out, const char *codec, struct kt_err *err)
{
	return kt_err_set(err, KT_ETOOBIG,
			  "%s data decompresses to more than the limit of %zu "
			  "bytes",
			  codec, out->max);
}

/* Append n bytes, with the ceiling reported as decompression overflow. */
static int put_out(struct kt_buf *out, const void *p, size_t n,
		   const char *codec, struct kt_err *err)
{
	if (out->err)
		return kt_err_set(err, -out->err, "%s output buffer failed",
				  codec);
	if (n > out->max - out->len)
		return too_big(out, codec, err);
	if (kt_buf_put(out, p, n))
		return kt_err_set(err, KT_ENOMEM, "out of memory for %s data",
				  codec);
	return 0;
}

static int out_fail(struct kt_buf *out, const char *codec, struct kt_err *err)
{
	return kt_err_set(err, -out->err, "%s: output buffer: %s", codec,
			  kt_strerror(out->err));
}

/* ---- gzip ---- */

static int gzip_decompress(const uint8_t *in, size_t n, struct kt_buf *out,
			   struct kt_err *err)
{
	z_stream zs;
	size_t fed = 0, avail;
	int ret, rc = 0;
	uint8_t scratch;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, 15 + 16) != Z_OK)
		return kt_err_set(err, KT_ENOMEM, "gzip: cannot start inflate");
	for (;;) {
		size_t before_in, before_out;

		if (zs.avail_in == 0 && fed < n) {
			size_t chunk = n - fed > UINT_MAX ? UINT_MAX : n - fed;

			zs.next_in = (Bytef *)(uintptr_t)(in + fed);
			zs.avail_in = (uInt)chunk;
			fed += chunk;
		}
		if (room(out, &avail)) {
			rc = out_fail(out, "gzip", err);
			break;
		}
		if (avail == 0) {
			zs.next_out = &scratch;
			zs.avail_out = 1;
		} else {
			zs.next_out = out->p + out->len;
			zs.avail_out =
				avail > UINT_MAX ? UINT_MAX : (uInt)avail;
		}
		before_in = zs.total_in;
		before_out = zs.avail_out;
		ret = inflate(&zs, Z_NO_FLUSH);
		if (avail == 0 && zs.avail_out == 0) {
			rc = too_big(out, "gzip", err);
			break;
		}
		if (avail)
			out->len += before_out - zs.avail_out;
		if (ret == Z_STREAM_END) {
			size_t used = fed - zs.avail_in;

			/* another member follows? (Java's GZIPInputStream
			 * reads concatenated members, ignores other bytes) */
			if (n - used >= 2 && in[used] == 0x1f &&
			    in[used + 1] == 0x8b) {
				inflateReset(&zs);
				continue;
			}
			break;
		}
		if (ret == Z_OK)
			continue;
		if (ret == Z_BUF_ERROR && zs.total_in == before_in &&
		    zs.avail_in == 0 && fed == n) {
			rc = kt_err_set(err, KT_ECOMPRESS,
					"truncated gzip data: stream ends "
					"after %zu bytes",
					n);
			break;
		}
		if (ret == Z_BUF_ERROR)
			continue;
		rc = kt_err_set(err, KT_ECOMPRESS,
				"corrupt gzip data at byte %zu: %s",
				(size_t)(fed - zs.avail_in),
				zs.msg ? zs.msg : "inflate failed");
		break;
	}
	inflateEnd(&zs);
	return rc;
}

static int gzip_compress(int level, const uint8_t *in, size_t n,
			 struct kt_buf *out, struct kt_err *err)
{
	z_stream zs;
	size_t fed = 0, avail;
	int ret, rc = 0;

	memset(&zs, 0, sizeof(zs));
	if (level == KT_LEVEL_DEFAULT)
		level = Z_DEFAULT_COMPRESSION;
	if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return kt_err_set(err, KT_ECOMPRESS,
				  "gzip: cannot start deflate at level %d",
				  level);
	for (;;) {
		if (zs.avail_in == 0 && fed < n) {
			size_t chunk = n - fed > UINT_MAX ? UINT_MAX : n - fed;

			zs.next_in = (Bytef *)(uintptr_t)(in + fed);
			zs.avail_in = (uInt)chunk;
			fed += chunk;
		}
		if (room(out, &avail) || avail == 0) {
			rc = out->err ? out_fail(out, "gzip", err)
				      : kt_err_set(err, KT_ETOOBIG,
						   "gzip output exceeds the "
						   "limit of %zu bytes",
						   out->max);
			break;
		}
		zs.next_out = out->p + out->len;
		zs.avail_out = avail > UINT_MAX ? UINT_MAX : (uInt)avail;
		ret = deflate(&zs, fed == n ? Z_FINISH : Z_NO_FLUSH);
		out->len += avail - zs.avail_out;
		if (ret == Z_STREAM_END)
			break;
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			rc = kt_err_set(err, KT_ECOMPRESS, "gzip: deflate: %s",
					zs.msg ? zs.msg : "failed");
			break;
		}
	}
	deflateEnd(&zs);
	return rc;
}

/* ---- snappy ---- */

/* One raw snappy block at in (untrusted), appended to out. pos: where the
 * block starts in the caller's input, for messages. */
static int snappy_block(const uint8_t *in, size_t n, size_t pos,
			struct kt_buf *out, struct kt_err *err)
{
	size_t len;

	if (snappy_uncompressed_length((const char *)in, n, &len) != SNAPPY_OK)
		return kt_err_set(err, KT_ECOMPRESS,
				  "corrupt snappy block at byte %zu: bad "
				  "length header",
				  pos);
	if (len > out->max - out->len)
		return too_big(out, "snappy", err);
	if (len == 0) {
		/* nothing to write (and out->p may still be NULL) */
		if (snappy_validate_compressed_buffer((const char *)in, n) !=
		    SNAPPY_OK)
			return kt_err_set(err, KT_ECOMPRESS,
					  "corrupt snappy block at byte %zu",
					  pos);
		return 0;
	}
	if (kt_buf_grow(out, len))
		return out_fail(out, "snappy", err);
	if (snappy_uncompress((const char *)in, n, (char *)out->p + out->len,
			      &len) != SNAPPY_OK)
		return kt_err_set(err, KT_ECOMPRESS,
				  "corrupt snappy block at byte %zu", pos);
	out->len += len;
	return 0;
}

static int snappy_decompress(const uint8_t *in, size_t n, struct kt_buf *out,
			     struct kt_err *err)
{
	size_t pos;
	int rc;

	/* snappy-java's SnappyInputStream: no magic, the whole input is one
	 * raw block (what librdkafka and others send) */
	if (n < SNAPPY_HEADER_LEN || memcmp(in, SNAPPY_MAGIC, 8) != 0)
		return n == 0 ? 0 : snappy_block(in, n, 0, out, err);
	pos = SNAPPY_HEADER_LEN;
	while (pos < n) {
		uint32_t clen;

		if (n - pos < 4)
			return kt_err_set(err, KT_ECOMPRESS,
					  "truncated snappy stream: chunk "
					  "length at byte %zu cut after %zu "
					  "bytes",
					  pos, n - pos);
		clen = kt_be32(in + pos);
		if (clen == kt_be32((const uint8_t *)SNAPPY_MAGIC)) {
			/* a concatenated stream: skip its header */
			if (n - pos < SNAPPY_HEADER_LEN ||
			    memcmp(in + pos, SNAPPY_MAGIC, 8) != 0)
				return kt_err_set(err, KT_ECOMPRESS,
						  "corrupt snappy stream: bad "
						  "header at byte %zu",
						  pos);
			pos += SNAPPY_HEADER_LEN;
			continue;
		}
		if (clen > n - pos - 4)
			return kt_err_set(err, KT_ECOMPRESS,
					  "truncated snappy stream: chunk at "
					  "byte %zu of %u bytes has %zu left",
					  pos, clen, n - pos - 4);
		if (clen > INT32_MAX)
			return kt_err_set(err, KT_ECOMPRESS,
					  "corrupt snappy stream: chunk "
					  "length %u at byte %zu",
					  clen, pos);
		rc = snappy_block(in + pos + 4, clen, pos + 4, out, err);
		if (rc)
			return rc;
		pos += 4 + (size_t)clen;
	}
	return 0;
}

static int snappy_compress_xerial(const uint8_t *in, size_t n,
				  struct kt_buf *out, struct kt_err *err)
{
	static const uint8_t header[SNAPPY_HEADER_LEN] = {
		0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
	size_t pos = 0;

	kt_buf_put(out, header, sizeof(header));
	while (pos < n && !out->err) {
		size_t len = n - pos > SNAPPY_BLOCK ? SNAPPY_BLOCK : n - pos;
		size_t clen = snappy_max_compressed_length(len);

		if (kt_buf_grow(out, 4 + clen))
			break;
		if (snappy_compress((const char *)in + pos, len,
				    (char *)out->p + out->len + 4,
				    &clen) != SNAPPY_OK)
			return kt_err_set(err, KT_ECOMPRESS,
					  "snappy: compression failed");
		kt_store_be32(out->p + out->len, (uint32_t)clen);
		out->len += 4 + clen;
		pos += len;
	}
	return out->err ? out_fail(out, "snappy", err) : 0;
}

/* ---- lz4 ---- */

#define XXH_P1 2654435761u
#define XXH_P2 2246822519u
#define XXH_P3 3266489917u
#define XXH_P4 668265263u
#define XXH_P5 374761393u

static inline uint32_t rotl32(uint32_t x, int r)
{
	return (x << r) | (x >> (32 - r));
}

static inline uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline void store_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline uint32_t xxh_round(uint32_t acc, uint32_t lane)
{
	return rotl32(acc + lane * XXH_P2, 13) * XXH_P1;
}

uint32_t kt_xxh32(const void *p, size_t n, uint32_t seed)
{
	const uint8_t *s = p;
	size_t left = n;
	uint32_t h;

	if (left >= 16) {
		uint32_t v1 = seed + XXH_P1 + XXH_P2, v2 = seed + XXH_P2;
		uint32_t v3 = seed, v4 = seed - XXH_P1;

		while (left >= 16) {
			v1 = xxh_round(v1, le32(s));
			v2 = xxh_round(v2, le32(s + 4));
			v3 = xxh_round(v3, le32(s + 8));
			v4 = xxh_round(v4, le32(s + 12));
			s += 16;
			left -= 16;
		}
		h = rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) +
		    rotl32(v4, 18);
	} else {
		h = seed + XXH_P5;
	}
	h += (uint32_t)n;
	while (left >= 4) {
		h = rotl32(h + le32(s) * XXH_P3, 17) * XXH_P4;
		s += 4;
		left -= 4;
	}
	while (left--)
		h = rotl32(h + *s++ * XXH_P5, 11) * XXH_P1;
	h ^= h >> 15;
	h *= XXH_P2;
	h ^= h >> 13;
	h *= XXH_P3;
	h ^= h >> 16;
	return h;
}

/* Decompress one lz4 block into out; bmax is the frame's block maximum. */
static int lz4_block(const uint8_t *src, size_t n, size_t bmax, size_t pos,
		     struct kt_buf *out, struct kt_err *err)
{
	size_t left = out->max - out->len, cap = bmax < left ? bmax : left;
	uint8_t *tmp;
	int r;

	if (cap && kt_buf_grow(out, cap))
		return out_fail(out, "lz4", err);
	r = cap ? LZ4_decompress_safe((const char *)src,
				      (char *)out->p + out->len, (int)n,
				      (int)cap)
		: -1;
	if (r >= 0) {
		out->len += (size_t)r;
		return 0;
	}
	if (cap == bmax)
		return kt_err_set(err, KT_ECOMPRESS,
				  "corrupt lz4 block at byte %zu", pos);
	/* too big, or corrupt? decode aside (bmax is at most 4 MiB) */
	tmp = malloc(bmax);
	if (!tmp)
		return kt_err_set(err, KT_ENOMEM, "out of memory for lz4");
	r = LZ4_decompress_safe((const char *)src, (char *)tmp, (int)n,
				(int)bmax);
	free(tmp);
	if (r == 0) /* an empty block into a full buffer */
		return 0;
	if (r > 0)
		return too_big(out, "lz4", err);
	return kt_err_set(err, KT_ECOMPRESS, "corrupt lz4 block at byte %zu",
			  pos);
}

static int lz4_decompress(unsigned flags, const uint8_t *in, size_t n,
			  struct kt_buf *out, struct kt_err *err)
{
	size_t pos, hdr, bmax;
	uint8_t flg, bd;
	int bsum, rc;

	if (n < 7)
		return kt_err_set(err, KT_ECOMPRESS,
				  "truncated lz4 frame: %zu bytes, header "
				  "needs 7",
				  n);
	if (le32(in) != LZ4_MAGIC)
		return kt_err_set(err, KT_ECOMPRESS,
				  "bad lz4 frame magic 0x%08x (want "
				  "0x%08x)",
				  le32(in), LZ4_MAGIC);
	flg = in[4];
	bd = in[5];
	if (flg >> 6 != 1)
		return kt_err_set(err, KT_ECOMPRESS,
				  "unsupported lz4 frame version %d", flg >> 6);
	if (flg & 0x03)
		return kt_err_set(err, KT_ECOMPRESS,
				  "lz4 frame: reserved FLG bits set (0x%02x)",
				  flg);
	if (!(flg & 0x20))
		return kt_err_set(err, KT_ECOMPRESS,
				  "lz4 frame: dependent blocks are not "
				  "supported");
	if ((bd & 0x8f) || ((bd >> 4) & 7) < 4)
		return kt_err_set(err, KT_ECOMPRESS,
				  "lz4 frame: invalid block descriptor 0x%02x",
				  bd);
	bmax = (size_t)1 << (8 + 2 * ((bd >> 4) & 7));
	bsum = (flg & 0x10) != 0;
	hdr = (flg & 0x08) ? 14 : 6; /* content size: 8 more bytes */
	if (n < hdr + 1)
		return kt_err_set(err, KT_ECOMPRESS,
				  "truncated lz4 frame: %zu bytes, header "
				  "needs %zu",
				  n, hdr + 1);
	if (!(flags & KT_COMPRESS_LZ4_LEGACY)) {
		uint8_t hc = (uint8_t)(kt_xxh32(in + 4, hdr - 4, 0) >> 8);

		if (in[hdr] != hc)
			return kt_err_set(err, KT_ECOMPRESS,
					  "lz4 frame descriptor checksum "
					  "0x%02x, want 0x%02x",
					  in[hdr], hc);
	}
	pos = hdr + 1;
	for (;;) {
		uint32_t bsize;
		int stored;

		if (n - pos < 4)
			return kt_err_set(err, KT_ECOMPRESS,
					  "truncated lz4 frame: no end mark "
					  "(%zu bytes)",
					  n);
		bsize = le32(in + pos);
		pos += 4;
		if (bsize == 0)
			break;
		stored = (bsize & 0x80000000u) != 0;
		bsize &= 0x7fffffffu;
		if (bsize > bmax)
			return kt_err_set(err, KT_ECOMPRESS,
					  "lz4 block at byte %zu: size %u "
					  "exceeds the frame's maximum %zu",
					  pos - 4, bsize, bmax);
		if (bsize + (size_t)(bsum ? 4 : 0) > n - pos)
			return kt_err_set(err, KT_ECOMPRESS,
					  "truncated lz4 frame: block at byte "
					  "%zu of %u bytes has %zu left",
					  pos - 4, bsize, n - pos);
		if (bsum &&
		    kt_xxh32(in + pos, bsize, 0) != le32(in + pos + bsize))
			return kt_err_set(err, KT_ECOMPRESS,
					  "lz4 block checksum mismatch at byte "
					  "%zu",
					  pos - 4);
		rc = stored ? put_out(out, in + pos, bsize, "lz4", err)
			    : lz4_block(in + pos, bsize, bmax, pos, out, err);
		if (rc)
			return rc;
		pos += bsize + (bsum ? 4 : 0);
	}
	/* Java reads the content checksum but does not check it */
	if ((flg & 0x04) && n - pos < 4)
		return kt_err_set(err, KT_ECOMPRESS,
				  "truncated lz4 frame: content checksum "
				  "missing");
	return 0;
}

static int lz4_compress_frame(int level, unsigned flags, const uint8_t *in,
			      size_t n, struct kt_buf *out, struct kt_err *err)
{
	uint8_t hdr[7];
	size_t pos = 0;

	store_le32(hdr, LZ4_MAGIC);
	hdr[4] = 0x60; /* version 1, independent blocks */
	hdr[5] = 0x40; /* 64 KiB blocks */
	hdr[6] = (uint8_t)((flags & KT_COMPRESS_LZ4_LEGACY)
				   ? kt_xxh32(hdr, 6, 0) >> 8
				   : kt_xxh32(hdr + 4, 2, 0) >> 8);
	kt_buf_put(out, hdr, sizeof(hdr));
	while (pos < n && !out->err) {
		int len = (int)(n - pos > LZ4_BLOCK ? LZ4_BLOCK : n - pos);
		int bound = LZ4_compressBound(len), c;
		char *dst;

		if (kt_buf_grow(out, 4 + (size_t)bound))
			break;
		dst = (char *)out->p + out->len + 4;
		/* Java: the default level 9 is lz4-java's fast compressor,
		 * any other level its HC compressor */
		if (level == KT_LEVEL_DEFAULT || level == 9)
			c = LZ4_compress_default((const char *)in + pos, dst,
						 len, bound);
		else
			c = LZ4_compress_HC((const char *)in + pos, dst, len,
					    bound, level);
		if (c <= 0 || c >= len) {
			store_le32(out->p + out->len,
				   (uint32_t)len | 0x80000000u);
			memcpy(dst, in + pos, (size_t)len);
			c = len;
		} else {
			store_le32(out->p + out->len, (uint32_t)c);
		}
		out->len += 4 + (size_t)c;
		pos += (size_t)len;
	}
	if (kt_buf_grow(out, 4) == 0) {
		store_le32(out->p + out->len, 0);
		out->len += 4;
	}
	return out->err ? out_fail(out, "lz4", err) : 0;
}

/* ---- zstd ---- */

static int zstd_decompress(const uint8_t *in, size_t n, struct kt_buf *out,
			   struct kt_err *err)
{
	ZSTD_DCtx *d;
	ZSTD_inBuffer ib = {in, n, 0};
	int wlog = 23, rc = 0;
	uint8_t scratch;

	if (n == 0)
		return 0;
	d = ZSTD_createDCtx();
	if (!d)
		return kt_err_set(err, KT_ENOMEM,
				  "zstd: cannot create context");
	/* the window the decoder may allocate: enough for every level Java
	 * writes at in streaming mode (8 MiB), more only if the ceiling
	 * allows that much output anyway, never past zstd's default limit */
	while (wlog < ZSTD_WLOG_LIMIT && ((size_t)1 << wlog) < out->max)
		wlog++;
	ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, wlog);
	for (;;) {
		ZSTD_outBuffer ob;
		size_t avail, r;

		if (room(out, &avail)) {
			rc = out_fail(out, "zstd", err);
			break;
		}
		ob.dst = avail ? out->p + out->len : &scratch;
		ob.size = avail ? avail : 1;
		ob.pos = 0;
		r = ZSTD_decompressStream(d, &ob, &ib);
		if (ZSTD_isError(r)) {
			if (ZSTD_getErrorCode(r) ==
			    ZSTD_error_frameParameter_windowTooLarge)
				rc = kt_err_set(err, KT_ETOOBIG,
						"zstd frame needs a window "
						"larger than 2^%d bytes",
						wlog);
			else
				rc = kt_err_set(err, KT_ECOMPRESS,
						"corrupt zstd data at byte "
						"%zu: %s",
						ib.pos, ZSTD_getErrorName(r));
			break;
		}
		if (!avail && ob.pos) {
			rc = too_big(out, "zstd", err);
			break;
		}
		out->len += ob.pos;
		if (r == 0 && ib.pos == ib.size)
			break;
		if (ib.pos == ib.size && ob.pos < ob.size) {
			rc = kt_err_set(err, KT_ECOMPRESS,
					"truncated zstd data: frame "
					"incomplete after %zu bytes",
					n);
			break;
		}
	}
	ZSTD_freeDCtx(d);
	return rc;
}

static int zstd_compress(int level, const uint8_t *in, size_t n,
			 struct kt_buf *out, struct kt_err *err)
{
	ZSTD_CCtx *c;
	size_t bound = ZSTD_compressBound(n), r;

	if (level == KT_LEVEL_DEFAULT)
		level = 3;
	if (kt_buf_grow(out, bound))
		return out_fail(out, "zstd", err);
	c = ZSTD_createCCtx();
	if (!c)
		return kt_err_set(err, KT_ENOMEM,
				  "zstd: cannot create context");
	ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level);
	r = ZSTD_compress2(c, out->p + out->len, bound, in, n);
	ZSTD_freeCCtx(c);
	if (ZSTD_isError(r))
		return kt_err_set(err, KT_ECOMPRESS, "zstd: compression: %s",
				  ZSTD_getErrorName(r));
	out->len += r;
	return 0;
}

/* ---- entry points ---- */

int kt_compress(int codec, int level, unsigned flags, const void *in, size_t n,
		struct kt_buf *out, struct kt_err *err)
{
	size_t start = out->len;
	int rc;

	if (kt_compress_level_check(codec, level, err))
		return -KT_EINVAL;
	if (out->err)
		return out_fail(out, kt_codec_name(codec), err);
	switch (codec) {
	case KT_CODEC_NONE:
		rc = kt_buf_put(out, in, n) ? out_fail(out, "none", err) : 0;
		break;
	case KT_CODEC_GZIP:
		rc = gzip_compress(level, in, n, out, err);
		break;
	case KT_CODEC_SNAPPY:
		rc = snappy_compress_xerial(in, n, out, err);
		break;
	case KT_CODEC_LZ4:
		rc = lz4_compress_frame(level, flags, in, n, out, err);
		break;
	case KT_CODEC_ZSTD:
		rc = zstd_compress(level, in, n, out, err);
		break;
	default:
		return kt_err_set(err, KT_EINVAL, "unknown codec %d", codec);
	}
	if (rc) {
		out->len = start;
		out->err = 0;
	}
	return rc;
}

int kt_decompress(int codec, unsigned flags, const void *in, size_t n,
		  struct kt_buf *out, struct kt_err *err)
{
	size_t start = out->len;
	int rc;

	if (out->err)
		return out_fail(out, kt_codec_name(codec), err);
	switch (codec) {
	case KT_CODEC_NONE:
		rc = put_out(out, in, n, "none", err);
		break;
	case KT_CODEC_GZIP:
		rc = gzip_decompress(in, n, out, err);
		break;
	case KT_CODEC_SNAPPY:
		rc = snappy_decompress(in, n, out, err);
		break;
	case KT_CODEC_LZ4:
		rc = lz4_decompress(flags, in, n, out, err);
		break;
	case KT_CODEC_ZSTD:
		rc = zstd_decompress(in, n, out, err);
		break;
	default:
		return kt_err_set(err, KT_EINVAL, "unknown codec %d", codec);
	}
	if (rc) {
		out->len = start;
		out->err = 0;
	}
	return rc;
}
