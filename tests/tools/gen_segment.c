/*
 * gen_segment.c - kt-gen-segment: write a .log segment of record batches
 * made with record.c's encoder, for benchmarks and tests.
 *
 *   kt-gen-segment FILE SIZE_MB [RECORD_BYTES [PER_BATCH [CODEC]]]
 *
 * Records of RECORD_BYTES (default 1024) printable bytes with an 8-byte
 * key, PER_BATCH (default 16) per batch, codec none/gzip/snappy/lz4/zstd
 * (default none), idempotent-producer style (producer id 1, sequences),
 * until the file reaches SIZE_MB MiB.
 */
#include "record/compress.h"
#include "record/record.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	struct kt_batch_spec spec;
	struct kt_buf out;
	struct kt_err err;
	FILE *f;
	uint64_t target, written = 0;
	int64_t offset = 0;
	int32_t seq = 0;
	long rec_bytes = 1024, per_batch = 16;
	char *val, key[24];
	int codec = KT_CODEC_NONE;

	if (argc < 3) {
		fprintf(stderr, "usage: kt-gen-segment FILE SIZE_MB "
				"[RECORD_BYTES [PER_BATCH [CODEC]]]\n");
		return 2;
	}
	target = (uint64_t)strtoull(argv[2], NULL, 10) << 20;
	if (argc > 3)
		rec_bytes = strtol(argv[3], NULL, 10);
	if (argc > 4)
		per_batch = strtol(argv[4], NULL, 10);
	if (argc > 5 && (codec = kt_codec_parse(argv[5], &err)) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 2;
	}
	if (rec_bytes < 0 || rec_bytes > (1 << 24) || per_batch < 1 ||
	    per_batch > 100000) {
		fprintf(stderr, "bad sizes\n");
		return 2;
	}
	f = fopen(argv[1], "wb");
	val = malloc((size_t)rec_bytes + 1);
	if (!f || !val) {
		perror(argv[1]);
		return 1;
	}
	for (long i = 0; i < rec_bytes; i++)
		val[i] = (char)('a' + (i * 7 + i / 26) % 26);
	kt_buf_init(&out, 0);
	while (written < target) {
		struct kt_batch_writer w;
		long i;

		kt_batch_spec_init(&spec);
		spec.base_offset = offset;
		spec.partition_leader_epoch = 0;
		spec.codec = codec;
		spec.producer_id = 1;
		spec.producer_epoch = 0;
		spec.base_sequence = seq;
		kt_buf_reset(&out);
		if (kt_batch_writer_begin(&w, &out, &spec, &err) < 0)
			goto fail;
		for (i = 0; i < per_batch; i++) {
			struct kt_record_spec r = {0};

			snprintf(key, sizeof(key), "k%07ld",
				 (long)(offset + i));
			r.timestamp = 1700000000000LL + offset + i;
			r.offset_delta = KT_OFFSET_NEXT;
			r.key.p = (const uint8_t *)key;
			r.key.len = 8;
			r.value.p = (const uint8_t *)val;
			r.value.len = (size_t)rec_bytes;
			val[i % rec_bytes] ^= 1; /* not all alike */
			if (kt_batch_writer_add(&w, &r, &err) < 0)
				goto fail;
		}
		if (kt_batch_writer_finish(&w, &err) < 0)
			goto fail;
		if (fwrite(out.p, 1, out.len, f) != out.len) {
			perror(argv[1]);
			return 1;
		}
		written += out.len;
		offset += per_batch;
		seq += (int32_t)per_batch;
	}
	kt_buf_release(&out);
	free(val);
	return fclose(f) == 0 ? 0 : 1;
fail:
	fprintf(stderr, "%s\n", err.msg);
	return 1;
}
