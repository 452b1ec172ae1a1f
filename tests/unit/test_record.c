/*
 * test_record.c - record batches and message sets: the byte vectors of
 * protocol.md §7.4/§7.5 (decode, and encode byte for byte), encoder round
 * trips for every codec, control records, legacy wrappers and their inner
 * offsets, region iteration and its errors, every truncation, corrupt
 * CRCs, decompression bombs, and the real segment fixtures checked against
 * what Apache Kafka 4.3.1's kafka-dump-log --deep-iteration prints.
 */
#include "unit.h"

#include "record/crc.h"
#include "record/record.h"

#include <stdlib.h>
#include <zlib.h>

void test_record(void);

static struct kt_bytes B(const char *s) {
	struct kt_bytes b = {(const uint8_t *)s, s ? strlen(s) : 0};

	return b;
}

#define TS 1700000000000LL

/* protocol.md §7.4 */
static const char *rec_hex = "1c 00 00 00 06 6b 65 79 0a 76 61 6c 75 65 00";
static const char *batch1_hex =
	"00 00 00 00 00 00 00 00  00 00 00 40  00 00 00 00  02  db 5e 9c dd"
	"00 00  00 00 00 00  00 00 01 8b cf e5 68 00  00 00 01 8b cf e5 68 00"
	"ff ff ff ff ff ff ff ff  ff ff  ff ff ff ff  00 00 00 01"
	"1c 00 00 00 06 6b 65 79 0a 76 61 6c 75 65 00";
static const char *batch2_hex =
	"000000000000002a 0000004c 00000007 02 7c017416 0000 00000001"
	"0000018bcfe56800 0000018bcfe56805 ffffffffffffffff ffff ffffffff "
	"00000002"
	"22 00 00 00 01 0a 68656c6c6f 02 04 6831 04 7631"
	"10 00 0a 02 04 6b32 01 00";
static const char *commit_hex =
	"0000000000000064 00000042 00000000 02 fc84b034 0030 00000000"
	"0000018bcfe56800 0000018bcfe56800 00000000000003e8 0000 ffffffff "
	"00000001"
	"20 00 00 00 08 0000 0001 0c 0000 00000005 00";
/* §7.5 */
static const char *legacy0_hex = "0000000000000000 00000016 2356c137 00 00 "
				 "00000003 6b6579 00000005 76616c7565";
static const char *legacy1_hex =
	"0000000000000000 0000001e 6ad05db8 01 00 0000018bcfe56800 00000003 "
	"6b6579 00000005 76616c7565";

static void test_vectors_decode(void)
{
	uint8_t buf[256];
	size_t n = kt_unit_hex(batch1_hex, buf, sizeof(buf));
	struct kt_batch b;
	struct kt_record_iter it;
	struct kt_record rec;
	struct kt_header_iter hi;
	struct kt_header h;
	struct kt_err err = {0};

	CHECK_INT(n, 76, "vector 1 is 76 bytes");
	CHECK_INT(kt_batch_parse(&b, buf, n, 0, &err), 0, "vector 1 parses");
	CHECK(b.base_offset == 0 && b.batch_length == 64 &&
		      b.partition_leader_epoch == 0 && b.magic == 2 &&
		      b.crc == 0xdb5e9cddu && b.attributes == 0 &&
		      b.last_offset_delta == 0 && b.base_timestamp == TS &&
		      b.max_timestamp == TS && b.producer_id == -1 &&
		      b.producer_epoch == -1 && b.base_sequence == -1 &&
		      b.records_count == 1 && b.records.len == 15,
	      "vector 1 header fields");
	CHECK(kt_batch_crc_ok(&b), "vector 1 CRC-32C valid");
	CHECK(kt_batch_codec(&b) == KT_CODEC_NONE &&
		      kt_batch_ts_type(&b) == KT_TS_CREATE &&
		      !kt_batch_is_transactional(&b) &&
		      !kt_batch_is_control(&b) &&
		      !kt_batch_has_delete_horizon(&b),
	      "vector 1 attributes");
	kt_record_iter_init(&it, &b, b.records);
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), 1, "vector 1 record");
	CHECK(kt_bytes_eq(rec.key, "key") && kt_bytes_eq(rec.value, "value") &&
		      rec.offset == 0 && rec.timestamp == TS &&
		      rec.sequence == -1 && rec.headers_count == 0 &&
		      rec.size == 15,
	      "vector 1 record fields");
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), 0, "vector 1 ends");

	n = kt_unit_hex(batch2_hex, buf, sizeof(buf));
	CHECK_INT(n, 88, "vector 2 is 88 bytes");
	CHECK_INT(kt_batch_parse(&b, buf, n, 0, &err), 0, "vector 2 parses");
	CHECK(b.base_offset == 42 && b.partition_leader_epoch == 7 &&
		      b.max_timestamp == TS + 5 && kt_batch_crc_ok(&b),
	      "vector 2 header and CRC");
	kt_record_iter_init(&it, &b, b.records);
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), 1, "vector 2 rec 0");
	CHECK(rec.key.p == NULL && kt_bytes_eq(rec.value, "hello") &&
		      rec.offset == 42 && rec.headers_count == 1,
	      "vector 2 record 0: null key, value, one header");
	kt_header_iter_init(&hi, &rec);
	CHECK(kt_header_iter_next(&hi, &h) == 1 && kt_bytes_eq(h.key, "h1") &&
		      kt_bytes_eq(h.value, "v1") &&
		      kt_header_iter_next(&hi, &h) == 0,
	      "vector 2 record 0 header h1=v1");
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), 1, "vector 2 rec 1");
	CHECK(kt_bytes_eq(rec.key, "k2") && rec.value.p == NULL &&
		      rec.offset == 43 && rec.timestamp == TS + 5 &&
		      rec.timestamp_delta == 5,
	      "vector 2 record 1: key k2, tombstone, +5 ms");
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), 0, "vector 2 ends");

	n = kt_unit_hex(commit_hex, buf, sizeof(buf));
	CHECK_INT(kt_batch_parse(&b, buf, n, 0, &err), 0, "COMMIT parses");
	CHECK(kt_batch_is_control(&b) && kt_batch_is_transactional(&b) &&
		      b.producer_id == 1000 && b.producer_epoch == 0 &&
		      kt_batch_crc_ok(&b),
	      "COMMIT batch is control + transactional, CRC valid");
	kt_record_iter_init(&it, &b, b.records);
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), 1, "COMMIT record");
	{
		struct kt_control c;

		CHECK_INT(kt_control_parse(&rec, &c, &err), 0,
			  "COMMIT control parses");
		CHECK(kt_control_type(&c) == KT_CONTROL_COMMIT &&
			      c.key_version == 0 && c.marker_version == 0 &&
			      c.coordinator_epoch == 5 && rec.offset == 100,
		      "COMMIT marker: coordinator epoch 5 at offset 100");
		CHECK_STR(kt_control_type_name(kt_control_type(&c)), "COMMIT",
			  "COMMIT name");
		CHECK_STR(kt_control_type_name(9), "UNKNOWN", "type 9 name");
	}
}

/* The encoder must write the vectors byte for byte. */
static void test_vectors_encode(void)
{
	uint8_t want[256];
	size_t n;
	struct kt_buf out;
	struct kt_batch_writer w;
	struct kt_batch_spec s;
	struct kt_record_spec r;
	struct kt_header h = {{(const uint8_t *)"h1", 2},
			      {(const uint8_t *)"v1", 2}};
	struct kt_err err = {0};

	kt_buf_init(&out, 0);
	kt_batch_spec_init(&s);
	s.partition_leader_epoch = 0;
	kt_batch_writer_begin(&w, &out, &s, &err);
	memset(&r, 0, sizeof(r));
	r.timestamp = TS;
	r.offset_delta = KT_OFFSET_NEXT;
	r.key = B("key");
	r.value = B("value");
	kt_batch_writer_add(&w, &r, &err);
	CHECK_INT(kt_batch_writer_finish(&w, &err), 0, "encode vector 1");
	n = kt_unit_hex(batch1_hex, want, sizeof(want));
	CHECK_BYTES(out.p, out.len, want, n, "vector 1 byte for byte");
	n = kt_unit_hex(rec_hex, want, sizeof(want));
	CHECK_BYTES(out.p + 61, out.len - 61, want, n,
		    "record vector byte for byte");

	/* a producer's -1 leader epoch gives the same CRC */
	kt_buf_reset(&out);
	s.partition_leader_epoch = -1;
	kt_batch_writer_begin(&w, &out, &s, &err);
	kt_batch_writer_add(&w, &r, &err);
	kt_batch_writer_finish(&w, &err);
	CHECK_INT(kt_be32(out.p + 17), 0xdb5e9cddu,
		  "leader epoch -1: same CRC");

	kt_buf_reset(&out);
	s.base_offset = 42;
	s.partition_leader_epoch = 7;
	kt_batch_writer_begin(&w, &out, &s, &err);
	r.key = B(NULL);
	r.value = B("hello");
	r.headers = &h;
	r.headers_count = 1;
	kt_batch_writer_add(&w, &r, &err);
	r.timestamp = TS + 5;
	r.key = B("k2");
	r.value = B(NULL);
	r.headers_count = 0;
	kt_batch_writer_add(&w, &r, &err);
	CHECK_INT(kt_batch_writer_finish(&w, &err), 0, "encode vector 2");
	n = kt_unit_hex(batch2_hex, want, sizeof(want));
	CHECK_BYTES(out.p, out.len, want, n, "vector 2 byte for byte");

	kt_buf_reset(&out);
	kt_batch_spec_init(&s);
	s.base_offset = 100;
	s.partition_leader_epoch = 0;
	s.attributes = KT_ATTR_TRANSACTIONAL | KT_ATTR_CONTROL;
	s.producer_id = 1000;
	s.producer_epoch = 0;
	kt_batch_writer_begin(&w, &out, &s, &err);
	memset(&r, 0, sizeof(r));
	r.timestamp = TS;
	r.key.p = (const uint8_t *)"\0\0\0\1";
	r.key.len = 4;
	r.value.p = (const uint8_t *)"\0\0\0\0\0\5";
	r.value.len = 6;
	kt_batch_writer_add(&w, &r, &err);
	CHECK_INT(kt_batch_writer_finish(&w, &err), 0, "encode COMMIT");
	n = kt_unit_hex(commit_hex, want, sizeof(want));
	CHECK_BYTES(out.p, out.len, want, n, "COMMIT marker byte for byte");
	kt_buf_release(&out);
}

static void test_writer_errors(void)
{
	struct kt_buf out;
	struct kt_batch_writer w;
	struct kt_batch_spec s;
	struct kt_record_spec r;
	struct kt_header h = {{NULL, 0}, {NULL, 0}};
	struct kt_err err = {0};
	char big[200];

	kt_buf_init(&out, 0);
	kt_batch_spec_init(&s);
	kt_batch_writer_begin(&w, &out, &s, &err);
	CHECK_INT(kt_batch_writer_finish(&w, &err), -KT_EINVAL,
		  "empty batch refused");
	CHECK_INT(out.len, 0, "refused batch leaves nothing");

	kt_batch_writer_begin(&w, &out, &s, &err);
	memset(&r, 0, sizeof(r));
	r.offset_delta = 5;
	kt_batch_writer_add(&w, &r, &err);
	r.offset_delta = 5;
	CHECK_INT(kt_batch_writer_add(&w, &r, &err), -KT_EINVAL,
		  "offset delta must grow");
	CHECK_STR(err.msg, "record 1: offset delta 5 does not follow 5",
		  "offset delta message");
	CHECK_INT(kt_batch_writer_finish(&w, &err), -KT_EINVAL,
		  "a failed add fails finish");

	kt_batch_writer_begin(&w, &out, &s, &err);
	r.offset_delta = KT_OFFSET_NEXT;
	r.headers = &h;
	r.headers_count = 1;
	CHECK_INT(kt_batch_writer_add(&w, &r, &err), -KT_EINVAL,
		  "null header key refused");
	kt_batch_writer_abort(&w);

	/* the ceiling of out bounds the batch */
	kt_buf_release(&out);
	kt_buf_init(&out, 150);
	memset(big, 'x', sizeof(big));
	kt_batch_writer_begin(&w, &out, &s, &err);
	memset(&r, 0, sizeof(r));
	r.offset_delta = KT_OFFSET_NEXT;
	r.value.p = (const uint8_t *)big;
	r.value.len = 50;
	CHECK_INT(kt_batch_writer_add(&w, &r, &err), 0, "first fits");
	r.value.len = 100;
	CHECK_INT(kt_batch_writer_add(&w, &r, &err), -KT_ETOOBIG,
		  "second passes the buffer ceiling");
	CHECK_INT(kt_batch_writer_finish(&w, &err), -KT_ETOOBIG,
		  "finish reports the ceiling");
	CHECK_INT(out.len, 0, "nothing left behind");
	s.codec = KT_CODEC_GZIP;
	s.level = 12;
	CHECK_INT(kt_batch_writer_begin(&w, &out, &s, &err), -KT_EINVAL,
		  "bad level refused at begin");
	kt_batch_writer_abort(&w);
	kt_buf_release(&out);
}

/* Encode a batch of varied records with codec, decode it, compare. */
static void test_roundtrip_codec(int codec)
{
	struct kt_buf out, scratch;
	struct kt_batch_writer w;
	struct kt_batch_spec s;
	struct kt_region rg;
	struct kt_entry e;
	struct kt_record_iter it;
	struct kt_record rec;
	struct kt_bytes recs;
	struct kt_header hs[3] = {
		{{(const uint8_t *)"trace-id", 8}, {(const uint8_t *)"abc", 3}},
		{{(const uint8_t *)"empty", 5}, {(const uint8_t *)"", 0}},
		{{(const uint8_t *)"null", 4}, {NULL, 0}},
	};
	struct kt_err err = {0};
	char val[3000];
	int i, bad = 0, nrec = 0;

	memset(val, 'v', sizeof(val));
	kt_buf_init(&out, 0);
	kt_buf_init(&scratch, 1 << 20);
	kt_buf_put(&out, "prefix", 6); /* the batch need not start at 0 */
	kt_batch_spec_init(&s);
	s.codec = codec;
	s.producer_id = 77;
	s.producer_epoch = 3;
	s.base_sequence = INT32_MAX - 10; /* wraps inside the batch */
	s.attributes = KT_ATTR_TRANSACTIONAL;
	kt_batch_writer_begin(&w, &out, &s, &err);
	for (i = 0; i < 100; i++) {
		struct kt_record_spec r;
		char key[16];

		memset(&r, 0, sizeof(r));
		snprintf(key, sizeof(key), "key-%d", i);
		r.timestamp = TS + (i % 7) * 1000 - 3000;
		r.offset_delta = i < 50 ? KT_OFFSET_NEXT : i * 2;
		r.key = i % 5 == 0 ? B(NULL) : B(key);
		r.value.p = i % 10 == 9 ? NULL : (const uint8_t *)val;
		r.value.len = r.value.p ? (size_t)(i * 29) : 0;
		r.headers = hs;
		r.headers_count = (size_t)(i % 4);
		if (kt_batch_writer_add(&w, &r, &err))
			bad++;
	}
	CHECK_INT(kt_batch_writer_finish(&w, &err), 0,
		  "%s: encode 100 records %.100s", kt_codec_name(codec),
		  err.msg);
	kt_region_init(&rg, out.p + 6, out.len - 6, 6, 0, KT_REGION_STRICT);
	CHECK_INT(kt_region_next(&rg, &e, &err), 1, "%s: region has it",
		  kt_codec_name(codec));
	CHECK(e.magic == 2 && e.pos == 6 && kt_batch_crc_ok(&e.batch) &&
		      kt_batch_codec(&e.batch) == codec &&
		      kt_batch_is_transactional(&e.batch) &&
		      e.batch.records_count == 100 &&
		      e.batch.last_offset_delta == 198 &&
		      e.batch.base_timestamp == TS - 3000 &&
		      e.batch.max_timestamp == TS + 3000 &&
		      kt_batch_last_sequence(&e.batch) == 187,
	      "%s: header (count, deltas, timestamps, CRC, last sequence)",
	      kt_codec_name(codec));
	CHECK_INT(kt_batch_records(&e.batch, &scratch, &recs, &err), 0,
		  "%s: records region %.100s", kt_codec_name(codec), err.msg);
	kt_record_iter_init(&it, &e.batch, recs);
	for (i = 0; kt_record_iter_next(&it, &rec, &err) == 1; i++) {
		char key[16];
		int64_t want_off = i < 50 ? i : i * 2;
		struct kt_header_iter hi;
		struct kt_header h;
		int k = 0;

		nrec++;
		snprintf(key, sizeof(key), "key-%d", i);
		if (rec.offset != want_off ||
		    rec.timestamp != TS + (i % 7) * 1000 - 3000 ||
		    (i % 5 == 0 ? rec.key.p != NULL
				: !kt_bytes_eq(rec.key, key)) ||
		    (i % 10 == 9 ? rec.value.p != NULL
				 : rec.value.len != (size_t)(i * 29)) ||
		    rec.headers_count != i % 4 ||
		    rec.sequence !=
			    kt_sequence_add(INT32_MAX - 10, (int32_t)want_off))
			bad++;
		kt_header_iter_init(&hi, &rec);
		while (kt_header_iter_next(&hi, &h) == 1) {
			if (h.key.len != hs[k].key.len ||
			    memcmp(h.key.p, hs[k].key.p, h.key.len) != 0 ||
			    (h.value.p == NULL) != (hs[k].value.p == NULL) ||
			    h.value.len != hs[k].value.len)
				bad++;
			k++;
		}
		if (k != i % 4)
			bad++;
	}
	CHECK(nrec == 100 && bad == 0 && it.r.err == 0,
	      "%s: 100 records back with keys, values, headers (null vs "
	      "empty), offsets, timestamps, sequences (%d bad)",
	      kt_codec_name(codec), bad);
	CHECK_INT(kt_region_next(&rg, &e, &err), 0, "%s: region ends",
		  kt_codec_name(codec));
	kt_buf_release(&out);
	kt_buf_release(&scratch);
}

static void test_sequence(void)
{
	CHECK_INT(kt_sequence_add(INT32_MAX, 1), 0, "sequence wraps to 0");
	CHECK_INT(kt_sequence_add(INT32_MAX - 1, 3), 1, "sequence wraps to 1");
	CHECK_INT(kt_sequence_add(-1, 5), -1, "no sequence stays -1");
	CHECK_INT(kt_sequence_add(10, 5), 15, "sequence adds");
}

/* Corrupt CRCs are found, the leader epoch is outside the CRC. */
static void test_crc_detect(void)
{
	uint8_t buf[256];
	size_t n = kt_unit_hex(batch2_hex, buf, sizeof(buf)), i;
	struct kt_batch b;
	int missed = 0;

	buf[14] ^= 0xff; /* partition leader epoch */
	kt_batch_parse(&b, buf, n, 0, NULL);
	CHECK(kt_batch_crc_ok(&b), "leader epoch is not covered by the CRC");
	buf[14] ^= 0xff;
	for (i = 21; i < n; i++) {
		buf[i] ^= 0x01;
		if (kt_batch_parse(&b, buf, n, 0, NULL) == 0 &&
		    kt_batch_crc_ok(&b))
			missed++;
		buf[i] ^= 0x01;
	}
	CHECK_INT(missed, 0, "every flipped bit from byte 21 on fails the CRC");
	buf[17] ^= 0x80;
	kt_batch_parse(&b, buf, n, 0, NULL);
	CHECK(!kt_batch_crc_ok(&b), "a wrong stored CRC is reported");
	CHECK_INT(kt_batch_crc_compute(&b), 0x7c017416u,
		  "computed CRC is the real one");
}

/* Every strict prefix of one batch fails to parse cleanly; every prefix of
 * its records region fails record iteration cleanly. */
static void test_truncations(void)
{
	uint8_t buf[256];
	size_t n = kt_unit_hex(batch2_hex, buf, sizeof(buf)), cut;
	int bad = 0, bad_rec = 0, bad_legacy = 0;
	struct kt_batch b, full;
	struct kt_legacy m;

	kt_batch_parse(&full, buf, n, 0, NULL);
	for (cut = 0; cut < n; cut++) {
		struct kt_err err = {0};
		uint8_t *copy = malloc(cut ? cut : 1);

		memcpy(copy, buf, cut);
		if (kt_batch_parse(&b, copy, cut, 0, &err) != -KT_ETRUNC ||
		    strncmp(err.msg, "batch at byte 0: ", 17) != 0)
			bad++;
		free(copy);
	}
	CHECK_INT(bad, 0, "every truncation of a batch: clean KT_ETRUNC");
	for (cut = 0; cut < full.records.len; cut++) {
		struct kt_record_iter it;
		struct kt_record rec;
		struct kt_err err = {0};
		uint8_t *copy = malloc(cut ? cut : 1);
		struct kt_bytes r = {copy, cut};
		int rc;

		memcpy(copy, full.records.p, cut);
		kt_record_iter_init(&it, &full, r);
		while ((rc = kt_record_iter_next(&it, &rec, &err)) == 1)
			;
		if (rc >= 0 || err.msg[0] == '\0')
			bad_rec++;
		free(copy);
	}
	CHECK_INT(bad_rec, 0, "every truncation of the records: clean error");
	n = kt_unit_hex(legacy1_hex, buf, sizeof(buf));
	for (cut = 0; cut < n; cut++) {
		uint8_t *copy = malloc(cut ? cut : 1);

		memcpy(copy, buf, cut);
		if (kt_legacy_parse(&m, copy, cut, 0, NULL) >= 0)
			bad_legacy++;
		free(copy);
	}
	CHECK_INT(bad_legacy, 0, "every truncation of a magic 1 message fails");
}

/* Record-level corruption: wrong counts, leftovers, bad lengths. */
static void test_record_errors(void)
{
	uint8_t buf[256];
	size_t n = kt_unit_hex(batch2_hex, buf, sizeof(buf));
	struct kt_batch b;
	struct kt_record_iter it;
	struct kt_record rec;
	struct kt_err err = {0};
	int rc;

	kt_batch_parse(&b, buf, n, 100, NULL);
	b.records_count = 1; /* one record too few declared */
	kt_record_iter_init(&it, &b, b.records);
	kt_record_iter_next(&it, &rec, &err);
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), -KT_EPROTO,
		  "bytes after the declared records");
	CHECK_STR(err.msg,
		  "batch at byte 100: 9 bytes left after its 1 records",
		  "leftover message");
	b.records_count = 3;
	kt_record_iter_init(&it, &b, b.records);
	while ((rc = kt_record_iter_next(&it, &rec, &err)) == 1)
		;
	CHECK_INT(rc, -KT_ETRUNC, "fewer records than declared");
	CHECK_STR(err.msg,
		  "batch at byte 100: records end after 2 of 3 records",
		  "missing records message");
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), -KT_ETRUNC,
		  "iterator keeps failing");

	/* record 0's length 0x22 (17) made 0x24 (18): one byte too long */
	b.records_count = 2;
	buf[61] = 0x24;
	kt_record_iter_init(&it, &b, b.records);
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), -KT_EPROTO,
		  "record longer than its fields");
	CHECK_STR(err.msg,
		  "batch at byte 100: record 0 at byte 0 of the records: 1 "
		  "bytes left after its fields (length 18)",
		  "record longer than its fields: message");
	buf[61] = 0x20; /* 16: one byte short */
	kt_record_iter_init(&it, &b, b.records);
	rc = kt_record_iter_next(&it, &rec, &err);
	CHECK(rc < 0 && strstr(err.msg, "record 0 at byte 0") != NULL,
	      "record shorter than its fields: %.100s", err.msg);
	buf[61] = 0x22;
	buf[61 + 1 + 17] = 0x7e; /* record 1 length 63: past the end */
	kt_record_iter_init(&it, &b, b.records);
	kt_record_iter_next(&it, &rec, &err);
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), -KT_ETRUNC,
		  "record length past the region");
	CHECK_STR(err.msg,
		  "batch at byte 100: record 1 at byte 18 of the records: "
		  "length 63 exceeds 8 left",
		  "record length message");
	buf[61 + 1 + 17] = 0x10;
	buf[61 + 1 + 10] = 0x01; /* header count -1 */
	kt_record_iter_init(&it, &b, b.records);
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), -KT_EBADLEN,
		  "negative header count");
	buf[61 + 1 + 10] = 0x7e; /* header count 63 */
	kt_record_iter_init(&it, &b, b.records);
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), -KT_EBADLEN,
		  "header count larger than the bytes allow");
	buf[61 + 1 + 10] = 0x02;
	buf[61 + 1 + 11] = 0x03; /* header key length -2 */
	kt_record_iter_init(&it, &b, b.records);
	CHECK_INT(kt_record_iter_next(&it, &rec, &err), -KT_EBADLEN,
		  "negative header key length");

	/* header checks of kt_batch_parse */
	n = kt_unit_hex(batch2_hex, buf, sizeof(buf));
	buf[16] = 3;
	CHECK_INT(kt_batch_parse(&b, buf, n, 0, &err), -KT_EPROTO, "magic 3");
	buf[16] = 2;
	buf[22] = 5;
	CHECK_INT(kt_batch_parse(&b, buf, n, 0, &err), -KT_EPROTO, "codec 5");
	CHECK_STR(err.msg, "batch at byte 0: unknown compression codec 5",
		  "codec 5 message");
	buf[22] = 0;
	buf[57] = 0x80;
	CHECK_INT(kt_batch_parse(&b, buf, n, 0, &err), -KT_EBADLEN,
		  "negative record count");
	buf[57] = 0;
	buf[11] = 48;
	CHECK_INT(kt_batch_parse(&b, buf, n, 0, &err), -KT_EBADLEN,
		  "length 48 below the v2 minimum");
}

static void test_control_errors(void)
{
	struct kt_record rec;
	struct kt_control c;
	struct kt_err err = {0};

	memset(&rec, 0, sizeof(rec));
	rec.offset = 7;
	rec.key.p = (const uint8_t *)"\0\0";
	rec.key.len = 2;
	CHECK_INT(kt_control_parse(&rec, &c, &err), -KT_EPROTO, "short key");
	CHECK_STR(err.msg, "control record at offset 7: key of 2 bytes, need 4",
		  "short key message");
	rec.key.p = (const uint8_t *)"\0\1\0\1"; /* version 1: accepted */
	rec.key.len = 4;
	rec.value.p = (const uint8_t *)"\0\0\0";
	rec.value.len = 3;
	CHECK_INT(kt_control_parse(&rec, &c, &err), -KT_EPROTO,
		  "COMMIT value too short");
	rec.key.p = (const uint8_t *)"\0\1\0\7";
	CHECK(kt_control_parse(&rec, &c, &err) == 0 &&
		      kt_control_type(&c) == KT_CONTROL_UNKNOWN &&
		      c.value.len == 3,
	      "unknown type 7 with key version 1 parses, value kept");
	rec.key.p = (const uint8_t *)"\xff\xff\0\1";
	CHECK_INT(kt_control_parse(&rec, &c, &err), -KT_EPROTO,
		  "negative key version");
}

/* Build one legacy entry: offset, crc, magic, attributes, (ts), key, value */
static void put_legacy(struct kt_buf *o, int64_t off, int8_t magic,
		       int8_t attrs, int64_t ts, struct kt_bytes key,
		       struct kt_bytes value)
{
	size_t start, crcpos;

	kt_put_i64(o, off);
	start = kt_buf_reserve(o, 4);
	crcpos = kt_buf_reserve(o, 4);
	kt_put_i8(o, magic);
	kt_put_i8(o, attrs);
	if (magic == 1)
		kt_put_i64(o, ts);
	kt_put_nbytes(o, key.p, key.len);
	kt_put_nbytes(o, value.p, value.len);
	kt_buf_patch_i32(o, start, (int32_t)(o->len - start - 4));
	kt_buf_patch_u32(o, crcpos,
			 kt_crc32(0, o->p + crcpos + 4, o->len - crcpos - 4));
}

static void test_legacy(void)
{
	uint8_t buf[128];
	size_t n;
	struct kt_legacy m;
	struct kt_err err = {0};
	struct kt_buf inner, outer, scratch;
	struct kt_region rg;
	struct kt_entry e;
	struct kt_legacy_iter li;
	int codec, magic, i;

	n = kt_unit_hex(legacy0_hex, buf, sizeof(buf));
	CHECK_INT(kt_legacy_parse(&m, buf, n, 0, &err), 0, "magic 0 vector");
	CHECK(m.size == 22 && m.crc == 0x2356c137u && m.magic == 0 &&
		      m.timestamp == -1 && kt_bytes_eq(m.key, "key") &&
		      kt_bytes_eq(m.value, "value") && kt_legacy_crc_ok(&m) &&
		      kt_legacy_ts_type(&m) == KT_TS_NONE && m.raw.len == 34,
	      "magic 0 vector fields and CRC-32");
	n = kt_unit_hex(legacy1_hex, buf, sizeof(buf));
	CHECK_INT(kt_legacy_parse(&m, buf, n, 0, &err), 0, "magic 1 vector");
	CHECK(m.crc == 0x6ad05db8u && m.magic == 1 && m.timestamp == TS &&
		      kt_legacy_crc_ok(&m) &&
		      kt_legacy_ts_type(&m) == KT_TS_CREATE,
	      "magic 1 vector fields and CRC-32");
	buf[30] ^= 1;
	kt_legacy_parse(&m, buf, n, 0, &err);
	CHECK(!kt_legacy_crc_ok(&m), "corrupt magic 1 message: CRC fails");
	buf[30] ^= 1;
	buf[11] = 20; /* magic 1 needs 22 */
	CHECK_INT(kt_legacy_parse(&m, buf, n, 0, &err), -KT_EBADLEN,
		  "magic 1 size 20");
	/* our own writer gives the vectors back */
	kt_buf_init(&outer, 0);
	put_legacy(&outer, 0, 1, 0, TS, B("key"), B("value"));
	n = kt_unit_hex(legacy1_hex, buf, sizeof(buf));
	CHECK_BYTES(outer.p, outer.len, buf, n, "test writer: magic 1 vector");
	kt_buf_release(&outer);

	/* wrappers: every codec magic 0/1 allows, both magics */
	kt_buf_init(&scratch, 1 << 20);
	for (magic = 0; magic <= 1; magic++)
		for (codec = KT_CODEC_GZIP; codec <= KT_CODEC_LZ4; codec++) {
			int64_t offs[3], want_first;
			int bad = 0;

			kt_buf_init(&inner, 0);
			kt_buf_init(&outer, 0);
			for (i = 0; i < 3; i++) {
				char v[16];

				snprintf(v, sizeof(v), "value-%d", i);
				/* magic 1: relative 0..2; magic 0: absolute */
				put_legacy(&inner, magic ? i : 1000 + i, magic,
					   0, TS + i, B("k"), B(v));
			}
			{
				struct kt_buf c;

				kt_buf_init(&c, 0);
				kt_compress(codec, KT_LEVEL_DEFAULT,
					    magic == 0 ? KT_COMPRESS_LZ4_LEGACY
						       : 0,
					    inner.p, inner.len, &c, NULL);
				put_legacy(
					&outer, 1002, magic,
					(int8_t)(codec |
						 (magic ? KT_LEGACY_ATTR_LOG_APPEND_TIME
							: 0)),
					TS + 99, B(NULL),
					(struct kt_bytes){c.p, c.len});
				kt_buf_release(&c);
			}
			kt_region_init(&rg, outer.p, outer.len, 0, 0, 0);
			CHECK_INT(kt_region_next(&rg, &e, &err), 1,
				  "magic %d %s wrapper in a region", magic,
				  kt_codec_name(codec));
			CHECK(e.magic == magic && kt_legacy_crc_ok(&e.legacy),
			      "magic %d %s wrapper CRC", magic,
			      kt_codec_name(codec));
			CHECK_INT(
				kt_legacy_inner(&li, &e.legacy, &scratch, &err),
				0, "magic %d %s inner set %.100s", magic,
				kt_codec_name(codec), err.msg);
			for (i = 0; i < 3; i++) {
				if (kt_legacy_iter_next(&li, &m, &err) != 1 ||
				    !kt_legacy_crc_ok(&m)) {
					bad++;
					break;
				}
				offs[i] = m.offset;
				if (magic == 1 &&
				    (m.timestamp != TS + 99 ||
				     kt_legacy_ts_type(&m) != KT_TS_LOG_APPEND))
					bad++;
			}
			want_first = 1000;
			CHECK(bad == 0 && offs[0] == want_first &&
				      offs[2] == 1002 &&
				      kt_legacy_iter_next(&li, &m, &err) == 0,
			      "magic %d %s: inner offsets 1000..1002%s", magic,
			      kt_codec_name(codec),
			      magic ? ", LogAppendTime from the wrapper" : "");
			kt_buf_release(&inner);
			kt_buf_release(&outer);
		}

	/* a magic 1 wrapper at offset 0 keeps relative offsets as they are */
	kt_buf_init(&inner, 0);
	kt_buf_init(&outer, 0);
	put_legacy(&inner, 0, 1, 0, TS, B("k"), B("a"));
	put_legacy(&inner, 1, 1, 0, TS, B("k"), B("b"));
	{
		struct kt_buf c;

		kt_buf_init(&c, 0);
		kt_compress(KT_CODEC_GZIP, KT_LEVEL_DEFAULT, 0, inner.p,
			    inner.len, &c, NULL);
		put_legacy(&outer, 0, 1, KT_CODEC_GZIP, TS, B(NULL),
			   (struct kt_bytes){c.p, c.len});
		kt_buf_release(&c);
	}
	kt_legacy_parse(&m, outer.p, outer.len, 0, NULL);
	{
		struct kt_legacy wrapper = m;

		kt_legacy_inner(&li, &wrapper, &scratch, &err);
		kt_legacy_iter_next(&li, &m, &err);
		CHECK_INT(m.offset, 0, "wrapper offset 0: inner 0 stays 0");
		kt_legacy_iter_next(&li, &m, &err);
		CHECK_INT(m.offset, 1, "wrapper offset 0: inner 1 stays 1");
		/* an inner message of another magic is refused */
		outer.len = 0;
		kt_buf_reset(&inner);
		put_legacy(&inner, 0, 0, 0, TS, B("k"), B("a"));
		{
			struct kt_buf c;

			kt_buf_init(&c, 0);
			kt_compress(KT_CODEC_GZIP, KT_LEVEL_DEFAULT, 0, inner.p,
				    inner.len, &c, NULL);
			put_legacy(&outer, 5, 1, KT_CODEC_GZIP, TS, B(NULL),
				   (struct kt_bytes){c.p, c.len});
			kt_buf_release(&c);
		}
		kt_legacy_parse(&wrapper, outer.p, outer.len, 0, NULL);
		CHECK_INT(kt_legacy_inner(&li, &wrapper, &scratch, &err),
			  -KT_EPROTO, "inner magic 0 in a magic 1 wrapper");
		CHECK_INT(kt_legacy_iter_next(&li, &m, &err), -KT_EPROTO,
			  "failed inner iterator keeps failing");
	}
	kt_buf_release(&inner);
	kt_buf_release(&outer);
	kt_buf_release(&scratch);
}

static void test_region_errors(void)
{
	uint8_t buf[512];
	size_t n = kt_unit_hex(batch1_hex, buf, sizeof(buf));
	struct kt_region rg;
	struct kt_entry e;
	struct kt_err err = {0};

	n += kt_unit_hex(batch2_hex, buf + n, sizeof(buf) - n);
	kt_region_init(&rg, buf, n, 4096, 70, 0);
	CHECK_INT(kt_region_next(&rg, &e, &err), 1, "first batch fits 70");
	CHECK_INT(e.pos, 4096, "positions count from the base");
	CHECK_INT(kt_region_next(&rg, &e, &err), -KT_ETOOBIG,
		  "second batch over the limit");
	CHECK_STR(err.msg,
		  "batch at byte 4172: length 76 exceeds the limit of 70",
		  "limit message");
	CHECK(kt_region_next(&rg, &e, &err) < 0, "region keeps failing");

	kt_region_init(&rg, buf, 60, 0, 0, KT_REGION_STRICT);
	CHECK_INT(kt_region_next(&rg, &e, &err), -KT_ETRUNC,
		  "strict: truncated batch is an error");
	CHECK_STR(err.msg, "batch at byte 0: length 64 exceeds 48 left",
		  "strict truncation message");
	kt_region_init(&rg, buf, 60, 0, 0, 0);
	CHECK(kt_region_next(&rg, &e, &err) == 0 && rg.left_over == 60,
	      "lenient: truncated batch ends the region, 60 bytes left over");
	kt_region_init(&rg, buf, 17, 0, 0, 0);
	CHECK(kt_region_next(&rg, &e, &err) == 0 && rg.left_over == 17,
	      "17 bytes are not enough to look at a batch");

	buf[11] = 13;
	kt_region_init(&rg, buf, n, 0, 0, 0);
	CHECK_INT(kt_region_next(&rg, &e, &err), -KT_EBADLEN, "length 13");
	CHECK_STR(err.msg,
		  "batch at byte 0: length 13 is less than the minimum 14",
		  "length 13 message");
	buf[11] = 0x40;
	buf[16] = 7;
	kt_region_init(&rg, buf, n, 0, 0, 0);
	CHECK_INT(kt_region_next(&rg, &e, &err), -KT_EPROTO, "magic 7");
	CHECK_STR(err.msg, "batch at byte 0: unknown magic 7", "magic message");
	buf[16] = 2;
	buf[11] = 20; /* legal for the region, too short for magic 2 */
	kt_region_init(&rg, buf, n, 0, 0, 0);
	CHECK_INT(kt_region_next(&rg, &e, &err), -KT_EBADLEN,
		  "magic 2 with length 20");
}

/* Every prefix of a multi-format region: whole entries, then a clean end
 * with the right number of left-over bytes; never an error. */
static void test_region_truncations(const uint8_t *p, size_t n,
				    const char *name)
{
	size_t ends[4096], k = 0, cut;
	struct kt_region rg;
	struct kt_entry e;
	int bad = 0;

	kt_region_init(&rg, p, n, 0, 0, 0);
	while (k < 4096 && kt_region_next(&rg, &e, NULL) == 1)
		ends[k++] = e.pos + e.raw.len;
	for (cut = 0; cut <= n; cut++) {
		size_t got = 0, end = 0;
		int rc;

		kt_region_init(&rg, p, cut, 0, 0, 0);
		while ((rc = kt_region_next(&rg, &e, NULL)) == 1) {
			got++;
			end = e.pos + e.raw.len;
		}
		if (rc != 0 || got > k || (got && ends[got - 1] != end) ||
		    (got < k && ends[got] <= cut) || rg.left_over != cut - end)
			bad++;
	}
	CHECK_INT(bad, 0,
		  "%s: all %zu prefixes end cleanly after the whole batches",
		  name, n + 1);
}

static void test_bomb(void)
{
	struct kt_buf out, scratch;
	struct kt_batch_writer w;
	struct kt_batch_spec s;
	struct kt_record_spec r;
	struct kt_batch b;
	struct kt_bytes recs;
	struct kt_err err = {0};
	uint8_t *zeros = calloc(1, 8 << 20);
	int codec;

	for (codec = KT_CODEC_GZIP; codec <= KT_CODEC_ZSTD; codec++) {
		kt_buf_init(&out, 0);
		kt_buf_init(&scratch, 1 << 20);
		kt_batch_spec_init(&s);
		s.codec = codec;
		kt_batch_writer_begin(&w, &out, &s, NULL);
		memset(&r, 0, sizeof(r));
		r.offset_delta = KT_OFFSET_NEXT;
		r.value.p = zeros;
		r.value.len = 8 << 20;
		kt_batch_writer_add(&w, &r, NULL);
		kt_batch_writer_finish(&w, NULL);
		kt_batch_parse(&b, out.p, out.len, 0, NULL);
		CHECK(kt_batch_records(&b, &scratch, &recs, &err) ==
				      -KT_ETOOBIG &&
			      strncmp(err.msg, "batch at byte 0: ", 17) == 0 &&
			      scratch.cap <= (1 << 20),
		      "%s: a %zu-byte batch of 8 MiB stops at the 1 MiB "
		      "scratch ceiling",
		      kt_codec_name(codec), out.len);
		kt_buf_release(&out);
		kt_buf_release(&scratch);
	}
	free(zeros);
}

/* ---- real segment files, against Apache's kafka-dump-log ---- */

struct expect {
	const char *path;
	int batches, records;
	size_t invalid_bytes;
	long long sum_offset, sum_ts, sum_key, sum_value;
};

/*
 * Generated from the output of
 *   kafka-dump-log --files <every file below> --deep-iteration
 * (Apache Kafka 4.3.1, see tests/fixtures/segments/README.md): batch
 * lines, "| offset:" record lines, "Found N invalid bytes", and the sums
 * of the offset, timestamp, keySize and valueSize columns of the records.
 */
static const struct expect expects[] = {
	{"bheem-zk-3.1/__consumer_offsets-0/00000000000000000000.log", 2, 2, 0,
	 1LL, 3291908631420LL, 52LL, 277LL},
	{"bheem-zk-3.1/__consumer_offsets-2/00000000000000000000.log", 2, 2, 0,
	 1LL, 3291908838365LL, 50LL, 277LL},
	{"bheem-zk-3.1/__consumer_offsets-31/00000000000000000000.log", 2, 2, 0,
	 1LL, 3291909246151LL, 52LL, 277LL},
	{"bheem-zk-3.1/__consumer_offsets-34/00000000000000000000.log", 2, 2, 0,
	 1LL, 3291908898886LL, 52LL, 277LL},
	{"bheem-zk-3.1/cities-0/00000000000000000000.log", 11, 11, 0, 55LL,
	 18105496503829LL, -11LL, 72LL},
	{"cp512-spooldir/__consumer_offsets-0/00000000000000000000.log", 6, 6,
	 0, 15LL, 9352491212204LL, 192LL, 119LL},
	{"cp512-spooldir/__consumer_offsets-13/00000000000000000000.log", 5, 5,
	 0, 10LL, 7793742002769LL, 268LL, 1248LL},
	{"cp512-spooldir/__consumer_offsets-9/00000000000000000000.log", 29, 46,
	 0, 1035LL, 71702421666795LL, 3738LL, 5992LL},
	{"cp512-spooldir/_confluent-command-0/00000000000000000000.log", 1, 2,
	 0, 1LL, 3117496800061LL, 47LL, 107LL},
	{"cp512-spooldir/"
	 "_confluent-controlcenter-5-1-2-1-KSTREAM-OUTEROTHER-0000000096-store-"
	 "changelog-0/00000000000000000000.log",
	 11, 11, 0, 55LL, 17146233269907LL, 143LL, 770LL},
	{"cp512-spooldir/"
	 "_confluent-controlcenter-5-1-2-1-KSTREAM-OUTERTHIS-0000000095-store-"
	 "changelog-0/00000000000000000000.log",
	 11, 11, 0, 55LL, 17146233269907LL, 143LL, 770LL},
	{"cp512-spooldir/"
	 "_confluent-controlcenter-5-1-2-1-actual-group-consumption-rekey-0/"
	 "00000000000000000000.log",
	 12, 14, 0, 91LL, 21822479241484LL, 14LL, 980LL},
	{"cp512-spooldir/"
	 "_confluent-controlcenter-5-1-2-1-expected-group-consumption-rekey-0/"
	 "00000000000000000000.log",
	 12, 14, 0, 91LL, 21822479248285LL, 14LL, 980LL},
	{"cp512-spooldir/"
	 "_confluent-controlcenter-5-1-2-1-monitoring-message-rekey-0/"
	 "00000000000000000000.log",
	 11, 11, 0, 55LL, 17146233281132LL, -11LL, 649LL},
	{"cp512-spooldir/"
	 "_confluent-controlcenter-5-1-2-1-monitoring-trigger-event-rekey-0/"
	 "00000000000000000000.log",
	 11, 22, 0, 231LL, 34292466562344LL, 0LL, 90LL},
	{"cp512-spooldir/_schemas-0/00000000000000000000.log", 63, 63, 0,
	 1953LL, 98209210131277LL, 1764LL, -63LL},
	{"cp512-spooldir/docker-connect-configs-0/00000000000000000000.log", 45,
	 54, 0, 1431LL, 84187054523197LL, 903LL, 31548LL},
	{"cp512-spooldir/docker-connect-offsets-0/00000000000000000000.log", 8,
	 8, 0, 28LL, 12472138971418LL, 288LL, 96LL},
	{"cp512-spooldir/docker-connect-status-0/00000000000000000000.log", 127,
	 135, 0, 9045LL, 210468667925536LL, 3108LL, 9630LL},
	{"cp761-kraft-snapshots/__cluster_metadata-0/"
	 "00000000000000007260-0000000001.checkpoint",
	 3, 63, 0, 1953LL, 111174184446810LL, -53LL, 2904LL},
	{"cp761-kraft-snapshots/__cluster_metadata-0/"
	 "00000000000000024828-0000000003.checkpoint",
	 3, 63, 0, 1953LL, 111174793270866LL, -53LL, 2904LL},
	{"kafka-go-fetch/v1-v1/00000000000000000000.log", 4, 4, 0, 6LL,
	 6533654323509LL, 19LL, 132LL},
	{"kafka-go-fetch/v1-v1c-v2-v2c-v2b-v2b-v2b-v2bc-v1b-v1bc/"
	 "00000000000000000000.log",
	 15, 20, 0, 190LL, 32666429403009LL, 92LL, 660LL},
	{"kafka-go-fetch/v1c-v1-v1c/00000000000000000000.log", 5, 6, 0, 15LL,
	 9800484936762LL, 30LL, 198LL},
	{"kafka-go-fetch/v1c-v1c/00000000000000000000.log", 3, 4, 0, 6LL,
	 6533655854097LL, 19LL, 132LL},
	{"kafka-go-fetch/v2-v2/00000000000000000000.log", 2, 4, 0, 6LL,
	 6533658001482LL, 19LL, 132LL},
	{"kafka-go-fetch/v2b-v1/00000000000000000000.log", 3, 4, 0, 6LL,
	 6533614950976LL, 18LL, 132LL},
	{"kafka-go-fetch/v2bc-v1-v1c/00000000000000000000.log", 4, 6, 0, 15LL,
	 9800445860535LL, 30LL, 198LL},
	{"kafka-go-fetch/v2bc-v1/00000000000000000000.log", 3, 4, 0, 6LL,
	 6533630343280LL, 19LL, 132LL},
	{"kafka-go-fetch/v2bc-v1c/00000000000000000000.log", 2, 4, 0, 6LL,
	 6533622295467LL, 18LL, 132LL},
	{"kafka-go-fetch/v2c-v2-v2c/00000000000000000000.log", 3, 6, 0, 15LL,
	 9800490066802LL, 30LL, 198LL},
	{"kafka-go-fetch/v2c-v2c/00000000000000000000.log", 2, 4, 0, 6LL,
	 6533658758565LL, 19LL, 132LL},
	{"kafkajs-fetch/v0_response/00000000000000000000.log", 1, 1, 0, 0LL,
	 -1LL, 5LL, 12LL},
	{"kafkajs-fetch/v0_response_gzip/00000000000000000000.log", 3, 3, 0,
	 3LL, -3LL, 15LL, 36LL},
	{"kafkajs-fetch/v11_response/00000000000000000000.log", 1, 3, 0, 3LL,
	 4529483700219LL, 15LL, 36LL},
	{"kafkajs-fetch/v1_response_gzip/00000000000000000000.log", 1, 3, 0,
	 3LL, -3LL, 15LL, 36LL},
	{"kafkajs-fetch/v2_response/00000000000000000000.log", 3, 3, 0, 3LL,
	 4529483145518LL, 15LL, 36LL},
	{"kafkajs-fetch/v2_response_gzip/00000000000000000000.log", 1, 3, 0,
	 3LL, 4529483146601LL, 15LL, 36LL},
	{"kafkajs-fetch/v2_response_index_out_of_range/"
	 "00000000000000000000.log",
	 3, 3, 9, 47201727LL, -3LL, 15LL, 36LL},
	{"kafkajs-fetch/v2_response_partial_messages_many_partitions/"
	 "00000000000000000000.log",
	 0, 0, 1024, 0LL, 0LL, 0LL, 0LL},
	{"kafkajs-fetch/v4_from_scala_producer_response/"
	 "00000000000000000000.log",
	 6, 6, 0, 15LL, 9237868397697LL, 30LL, 204LL},
	{"kafkajs-fetch/v4_response/00000000000000000000.log", 1, 3, 0, 3LL,
	 4529483700219LL, 15LL, 36LL},
	{"kafkajs-fetch/v4_response_010_format/00000000000000000000.log", 1, 1,
	 0, 0LL, 1538502423117LL, 67LL, 69LL},
	{"kafkajs-fetch/v4_response_gzip/00000000000000000000.log", 2, 6, 0,
	 15LL, 9058967400438LL, 30LL, 72LL},
	{"kafkajs-fetch/v4_response_mixed_formats/00000000000000000000.log",
	 1614, 2425, 0, 2939100LL, 3753240677209359LL, 16721LL, 82196LL},
	{"kafkajs-fetch/v4_response_snappy/00000000000000000000.log", 1, 1, 0,
	 0LL, 1549293228209LL, 7LL, 34LL},
	{"ldipoc-kraft-3.7/TestTopicPatient-0/00000000000000000000.log", 3, 3,
	 0, 3LL, 5309379699563LL, -3LL, 3061LL},
	{"ldipoc-kraft-3.7/__cluster_metadata-0/00000000000000000000.log", 4814,
	 4929, 0, 12145056LL, 8723307897558660LL, -4924LL, 25161LL},
	{"ldipoc-kraft-3.7/__consumer_offsets-6/00000000000000000000.log", 13,
	 13, 0, 78LL, 23007299958261LL, 410LL, 12439LL},
	{"ldipoc-kraft-3.7/bootstrap.checkpoint", 3, 3, 0, 3LL, 5309374292945LL,
	 7LL, 37LL},
	{"mock-librdkafka-2.0.2/mock-gzip-0/00000000000000000000.log", 2, 80, 0,
	 3160LL, 143619203752720LL, 330LL, 46664LL},
	{"mock-librdkafka-2.0.2/mock-idempotent-lz4-0/00000000000000000000.log",
	 2, 90, 0, 4005LL, 161571604262460LL, 371LL, 55390LL},
	{"mock-librdkafka-2.0.2/mock-lz4-0/00000000000000000000.log", 2, 80, 0,
	 3160LL, 143619203761680LL, 330LL, 46664LL},
	{"mock-librdkafka-2.0.2/mock-none-0/00000000000000000000.log", 2, 80, 0,
	 3160LL, 143619203748180LL, 330LL, 46664LL},
	{"mock-librdkafka-2.0.2/mock-snappy-0/00000000000000000000.log", 2, 80,
	 0, 3160LL, 143619203757200LL, 330LL, 46664LL},
	{"mock-librdkafka-2.0.2/mock-txn-zstd-0/00000000000000000000.log", 2, 6,
	 0, 15LL, 10771440287754LL, 6LL, 60LL},
	{"mock-librdkafka-2.0.2/mock-zstd-0/00000000000000000000.log", 2, 80, 0,
	 3160LL, 143619203766140LL, 330LL, 46664LL},
	{"seed-peter-overview01-0/00000000000000000000.log", 6, 6, 0, 15LL,
	 9959281898966LL, -6LL, 37LL},
	{"seed-peter-overview01-1/00000000000000000000.log", 4, 4, 0, 6LL,
	 6639521525552LL, -4LL, 39LL},
	{"silvagois-zk-nonzero-base/__consumer_offsets-11/"
	 "00000000000000000001.log",
	 8, 8, 0, 36LL, 13004228200732LL, 507LL, 572LL},
};

static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	long len;

	*n = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		p = malloc((size_t)len + 1);
		if (p && fread(p, 1, (size_t)len, f) == (size_t)len)
			*n = (size_t)len;
	}
	fclose(f);
	return p;
}

struct tally {
	int batches, records, bad_crc;
	long long sum_offset, sum_ts, sum_key, sum_value;
	size_t left_over;
};

static void count(struct tally *t, int64_t off, int64_t ts, struct kt_bytes k,
		  struct kt_bytes v)
{
	t->records++;
	t->sum_offset += off;
	t->sum_ts += ts;
	t->sum_key += k.p ? (long long)k.len : -1;
	t->sum_value += v.p ? (long long)v.len : -1;
}

/* Deep iteration of a whole file, the way dump-log does it. */
static int deep(const uint8_t *p, size_t n, struct tally *t, struct kt_err *err)
{
	struct kt_region rg;
	struct kt_entry e;
	struct kt_buf scratch;
	int rc;

	memset(t, 0, sizeof(*t));
	kt_buf_init(&scratch, 64 << 20);
	kt_region_init(&rg, p, n, 0, 0, 0);
	while ((rc = kt_region_next(&rg, &e, err)) == 1) {
		t->batches++;
		if (e.magic == 2) {
			struct kt_record_iter it;
			struct kt_record rec;
			struct kt_bytes recs;

			t->bad_crc += !kt_batch_crc_ok(&e.batch);
			rc = kt_batch_records(&e.batch, &scratch, &recs, err);
			if (rc)
				break;
			kt_record_iter_init(&it, &e.batch, recs);
			while ((rc = kt_record_iter_next(&it, &rec, err)) ==
			       1) {
				count(t, rec.offset, rec.timestamp, rec.key,
				      rec.value);
				if (kt_batch_is_control(&e.batch)) {
					struct kt_control c;

					if (kt_control_parse(&rec, &c, err))
						return -1;
				}
			}
			if (rc < 0)
				break;
		} else if (kt_legacy_codec(&e.legacy) == KT_CODEC_NONE) {
			t->bad_crc += !kt_legacy_crc_ok(&e.legacy);
			count(t, e.legacy.offset, e.legacy.timestamp,
			      e.legacy.key, e.legacy.value);
		} else {
			struct kt_legacy_iter li;
			struct kt_legacy m;

			t->bad_crc += !kt_legacy_crc_ok(&e.legacy);
			rc = kt_legacy_inner(&li, &e.legacy, &scratch, err);
			if (rc)
				break;
			while ((rc = kt_legacy_iter_next(&li, &m, err)) == 1) {
				t->bad_crc += !kt_legacy_crc_ok(&m);
				count(t, m.offset, m.timestamp, m.key, m.value);
			}
			if (rc < 0)
				break;
		}
	}
	t->left_over = rg.left_over;
	kt_buf_release(&scratch);
	return rc;
}

static void test_fixtures(void)
{
	size_t i;
	char rel[512];

	for (i = 0; i < sizeof(expects) / sizeof(expects[0]); i++) {
		const struct expect *x = &expects[i];
		struct kt_err err = {0};
		struct tally t;
		size_t n;
		uint8_t *p;
		int rc;

		snprintf(rel, sizeof(rel), "tests/fixtures/segments/%s",
			 x->path);
		p = slurp(kt_unit_path(rel), &n);
		if (!p) {
			CHECK(0, "fixture %s readable", x->path);
			continue;
		}
		rc = deep(p, n, &t, &err);
		CHECK(rc == 0 && t.batches == x->batches &&
			      t.records == x->records && t.bad_crc == 0 &&
			      t.left_over == x->invalid_bytes &&
			      t.sum_offset == x->sum_offset &&
			      t.sum_ts == x->sum_ts &&
			      t.sum_key == x->sum_key &&
			      t.sum_value == x->sum_value,
		      "%.60s: %d batches, %d records, %zu left over, sums "
		      "as dump-log %.60s",
		      x->path, t.batches, t.records, t.left_over, err.msg);
		free(p);
	}
	/* every prefix of files mixing magic 1 wrappers and magic 2 */
	{
		static const char *const mixed[] = {
			"kafka-go-fetch/v1-v1c-v2-v2c-v2b-v2b-v2b-v2bc-v1b-"
			"v1bc/00000000000000000000.log",
			"mock-librdkafka-2.0.2/mock-zstd-0/"
			"00000000000000000000.log",
			"kafkajs-fetch/v2_response_index_out_of_range/"
			"00000000000000000000.log",
		};

		for (i = 0; i < sizeof(mixed) / sizeof(mixed[0]); i++) {
			size_t n;
			uint8_t *p;

			snprintf(rel, sizeof(rel), "tests/fixtures/segments/%s",
				 mixed[i]);
			p = slurp(kt_unit_path(rel), &n);
			if (!p) {
				CHECK(0, "fixture %s readable", mixed[i]);
				continue;
			}
			test_region_truncations(p, n, mixed[i]);
			free(p);
		}
	}
}

void test_record(void)
{
	test_vectors_decode();
	test_vectors_encode();
	test_writer_errors();
	test_roundtrip_codec(KT_CODEC_NONE);
	test_roundtrip_codec(KT_CODEC_GZIP);
	test_roundtrip_codec(KT_CODEC_SNAPPY);
	test_roundtrip_codec(KT_CODEC_LZ4);
	test_roundtrip_codec(KT_CODEC_ZSTD);
	test_sequence();
	test_crc_detect();
	test_truncations();
	test_record_errors();
	test_control_errors();
	test_legacy();
	test_region_errors();
	test_bomb();
	test_fixtures();
}
