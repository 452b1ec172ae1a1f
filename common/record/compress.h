/*
 * record/compress.h - the compression codecs of Kafka record batches and
 * message sets: gzip, snappy (raw and xerial framing), lz4 (Kafka's subset of
 * the LZ4 frame format, with the KAFKA-3160 broken header checksum of magic 0)
 * and zstd (KIP-110). Facts: protocol.md §8.
 *
 * Output goes into a struct kt_buf and is appended after what is already
 * there. The buffer's ceiling (out->max) is also the decompression-bomb
 * guard: output that would take out->len past out->max stops the codec with
 * KT_ETOOBIG, and no codec allocates more than a bounded working set
 * whatever the input claims.
 */
#ifndef KT_RECORD_COMPRESS_H
#define KT_RECORD_COMPRESS_H

#include "base/buf.h"

/* Codec ids, as in the attributes of batches and messages (bits 0-2). */
enum kt_codec {
	KT_CODEC_NONE = 0,
	KT_CODEC_GZIP = 1,
	KT_CODEC_SNAPPY = 2,
	KT_CODEC_LZ4 = 3,
	KT_CODEC_ZSTD = 4,
};

/* "Use the codec's default level" (Java: compression.<codec>.level not
 * set). */
#define KT_LEVEL_DEFAULT (-2147483647 - 1)

/* Flag for magic 0 message sets: lz4 frames are written with the header
 * checksum over magic+FLG+BD (KAFKA-3160) and their header checksum is not
 * checked on read, as Java does. */
#define KT_COMPRESS_LZ4_LEGACY 0x1u

/* Kafka's name of a codec ("none", "gzip", "snappy", "lz4", "zstd"), or
 * "unknown" for anything else. Static storage. */
const char *kt_codec_name(int codec);

/* The codec of a name as above (also "uncompressed" for none, as the
 * compression.type topic config spells it). Returns the codec id, or
 * -KT_EINVAL (err filled) for an unknown name. */
int kt_codec_parse(const char *name, struct kt_err *err);

/*
 * Check a compression level the way Java validates compression.gzip.level
 * (1..9, or -1), compression.lz4.level (1..17) and compression.zstd.level
 * (-131072..22). KT_LEVEL_DEFAULT is valid for every codec; none and snappy
 * take no other level. Returns 0, or -KT_EINVAL with err filled.
 */
int kt_compress_level_check(int codec, int level, struct kt_err *err);

/*
 * Compress the n bytes at in with codec at level (KT_LEVEL_DEFAULT for the
 * codec default) and append the result to out, framed as the Java client
 * frames it: a gzip member; snappy-java's xerial stream (32 KiB blocks);
 * an LZ4 frame with 64 KiB independent blocks, no checksums, and Java's
 * level mapping (9 = the fast compressor, other levels = LZ4 HC); one zstd
 * frame. flags: KT_COMPRESS_LZ4_LEGACY or 0. KT_CODEC_NONE copies.
 * Returns 0, or a negative KT_E* with err filled: KT_EINVAL (bad codec or
 * level), KT_ETOOBIG (out's ceiling), KT_ENOMEM, KT_ECOMPRESS (codec
 * failure). On failure out->len is back where it was.
 */
int kt_compress(int codec, int level, unsigned flags, const void *in, size_t n,
		struct kt_buf *out, struct kt_err *err);

/*
 * Decompress the n bytes at in (untrusted) and append the result to out,
 * never past out->max. Accepts what the Java client accepts: gzip
 * (multi-member; bytes after the last member that do not start a member
 * are ignored), snappy xerial streams (concatenated ones too) or one raw
 * snappy block, an LZ4 frame (block checksums checked, content checksum
 * skipped, bytes after the end mark ignored), zstd frames (streaming,
 * content size not needed, several frames). flags: KT_COMPRESS_LZ4_LEGACY
 * or 0. Returns 0, or a negative KT_E* with err filled: KT_ETOOBIG when the
 * output would pass out->max (or a zstd frame wants a window larger than
 * the ceiling allows), KT_ECOMPRESS for corrupt or truncated data (the
 * message names the codec, what failed and where), KT_EINVAL for an
 * unknown codec, KT_ENOMEM. On failure out->len is back where it was.
 */
int kt_decompress(int codec, unsigned flags, const void *in, size_t n,
		  struct kt_buf *out, struct kt_err *err);

/* XXH32 of the n bytes at p with seed (the hash of LZ4 frame checksums).
 * Exported for tests. */
uint32_t kt_xxh32(const void *p, size_t n, uint32_t seed);

#endif
