/*
 * fuzz_record.c - fuzz entry point for the record decoders of record.h:
 * the input is a region of batches/messages (a .log chunk or a Fetch
 * response's records), iterated the way kafka-dump-log --deep-iteration
 * does it: region, batch header and CRC, decompression (1 MiB ceiling),
 * records, headers, control records, legacy wrappers and their inner
 * messages. The same bytes are also fed to kt_batch_parse and, as a
 * records region of a made-up batch, to the record iterator.
 */
#include "record/record.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void records(const struct kt_batch *b, struct kt_bytes recs)
{
	struct kt_record_iter it;
	struct kt_record rec;
	struct kt_err err;

	kt_record_iter_init(&it, b, recs);
	while (kt_record_iter_next(&it, &rec, &err) == 1) {
		struct kt_header_iter hi;
		struct kt_header h;
		struct kt_control c;

		kt_header_iter_init(&hi, &rec);
		while (kt_header_iter_next(&hi, &h) == 1)
			;
		if (kt_batch_is_control(b))
			kt_control_parse(&rec, &c, &err);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kt_region rg;
	struct kt_entry e;
	struct kt_buf scratch;
	struct kt_err err;
	struct kt_batch b;

	kt_buf_init(&scratch, 1 << 20);
	kt_region_init(&rg, data, size, 0, 8 << 20, 0);
	while (kt_region_next(&rg, &e, &err) == 1) {
		if (e.magic == 2) {
			struct kt_bytes recs;

			(void)kt_batch_crc_ok(&e.batch);
			(void)kt_batch_last_sequence(&e.batch);
			if (kt_batch_records(&e.batch, &scratch, &recs, &err) ==
			    0)
				records(&e.batch, recs);
		} else {
			struct kt_legacy_iter li;
			struct kt_legacy m;

			(void)kt_legacy_crc_ok(&e.legacy);
			if (kt_legacy_codec(&e.legacy) == KT_CODEC_NONE)
				continue;
			if (kt_legacy_inner(&li, &e.legacy, &scratch, &err))
				continue;
			while (kt_legacy_iter_next(&li, &m, &err) == 1)
				(void)kt_legacy_crc_ok(&m);
		}
	}

	/* one batch header without the region's checks first */
	if (kt_batch_parse(&b, data, size, 0, &err) == 0)
		(void)kt_batch_crc_ok(&b);

	/* the whole input as the records of a batch claiming 1..256 records */
	if (size > 0) {
		struct kt_bytes recs = {data + 1, size - 1};

		memset(&b, 0, sizeof(b));
		b.attributes = data[0] & 0x38;
		b.base_sequence = data[0] & 1 ? -1 : 0x7ffffff0;
		b.records_count = data[0] + 1;
		records(&b, recs);
	}
	kt_buf_release(&scratch);
	return 0;
}
