/*
 * test_rlmm.c - the --remote-log-metadata-decoder records (rlmm.c) against
 * Apache Kafka 4.3.1's kafka-dump-log: every vector's value comes from
 * tests/fixtures/segments/crafted-rlmm (written with Kafka's own
 * RemoteLogMetadataSerde and message classes, see RlmmRecords.java there)
 * and its text is what Apache printed after "payload: " for it. Every
 * strict prefix of every valid value must give a clean "Error at offset"
 * text, and a failing output buffer must leave nothing.
 */
#include "unit.h"

#include "storage/rlmm.h"

#include <stdlib.h>

void test_rlmm(void);

struct vec {
	long long offset;
	const char *value; /* hex, NULL: null value */
	const char *want;
};

static const struct vec vecs[] = {
	{0,
	 "010000076f72646572731234567890abcdefffffffffffffffd60000000300ff"
	 "ffffffffffffff000000000000000700000000000000000000000000000000c7"
	 "000000010000018bcfe568000000018bcfe5687b05ffffffff00000000000000"
	 "0500000000000000000000000000000000000300000000000000640000000011"
	 "00000000000003840000004000000000",
	 "RemoteLogSegmentMetadata{remoteLogSegmentId=RemoteLogSegment"
	 "Id{topicIdPartition=EjRWeJCrze__________1g:orders-3, id=____"
	 "______8AAAAAAAAABw}, startOffset=0, endOffset=199, brokerId="
	 "1, maxTimestampMs=1700000000000, eventTimestampMs=1700000000"
	 "123, segmentLeaderEpochs={-1=5, 0=0, 3=100, 17=900}, segment"
	 "SizeInBytes=16384, customMetadata=Optional.empty, state=COPY"
	 "_SEGMENT_STARTED, txnIdxEmpty=false}"},
	{1,
	 "010000076f72646572731234567890abcdefffffffffffffffd60000000300ff"
	 "ffffffffffffff00000000000000070000000000000000050000000000000005"
	 "00000002ffffffffffffffff0000000000000000020000000700000000000000"
	 "050000000000040102030101000101",
	 "RemoteLogSegmentMetadata{remoteLogSegmentId=RemoteLogSegment"
	 "Id{topicIdPartition=EjRWeJCrze__________1g:orders-3, id=____"
	 "______8AAAAAAAAABw}, startOffset=5, endOffset=5, brokerId=2,"
	 " maxTimestampMs=-1, eventTimestampMs=0, segmentLeaderEpochs="
	 "{7=5}, segmentSizeInBytes=0, customMetadata=Optional[CustomM"
	 "etadata{3 bytes}], state=COPY_SEGMENT_FINISHED, txnIdxEmpty="
	 "true}"},
	{2,
	 "010100076f72646572731234567890abcdefffffffffffffffd60000000300ff"
	 "ffffffffffffff000000000000000700000000010000018bcfe56be8000100",
	 "RemoteLogSegmentMetadataUpdate{remoteLogSegmentId=RemoteLogS"
	 "egmentId{topicIdPartition=EjRWeJCrze__________1g:orders-3, i"
	 "d=__________8AAAAAAAAABw}, customMetadata=Optional.empty, st"
	 "ate=COPY_SEGMENT_FINISHED, eventTimestampMs=1700000001000, b"
	 "rokerId=1}"},
	{3,
	 "0101000b74c3a96cc3a92d227822000000000000000500000000000000060000"
	 "000000ffffffffffffffff000000000000000700ffffffff0000000000000009"
	 "010300",
	 "RemoteLogSegmentMetadataUpdate{remoteLogSegmentId=RemoteLogS"
	 "egmentId{topicIdPartition=AAAAAAAAAAUAAAAAAAAABg:télé-\"x\"-"
	 "0, id=__________8AAAAAAAAABw}, customMetadata=Optional[Custo"
	 "mMetadata{0 bytes}], state=DELETE_SEGMENT_FINISHED, eventTim"
	 "estampMs=9, brokerId=-1}"},
	{4,
	 "010200076f72646572731234567890abcdefffffffffffffffd6000000030000"
	 "0000000000018bcfe56fd00000",
	 "RemotePartitionDeleteMetadata{topicPartition=EjRWeJCrze_____"
	 "_____1g:orders-3, state=DELETE_PARTITION_MARKED, eventTimest"
	 "ampMs=1700000002000, brokerId=0}"},
	{5,
	 "0102000b74c3a96cc3a92d227822000000000000000500000000000000060000"
	 "0000007fffffff80000000000000000200",
	 "RemotePartitionDeleteMetadata{topicPartition=AAAAAAAAAAUAAAA"
	 "AAAAABg:télé-\"x\"-0, state=DELETE_PARTITION_FINISHED, event"
	 "TimestampMs=-9223372036854775808, brokerId=2147483647}"},
	{6,
	 "010300ffffffffffffffff0000000000000007000000000000000a0000000000"
	 "00001400000004000000000000001e000000000000003205ffffffff00000000"
	 "0000000500000000000000000000000000000000000300000000000000640000"
	 "0000110000000000000384000000003cad020000000000000000000000000000"
	 "0000000000000000000000000000000000000000000000000000000000000000"
	 "0000000000000000000000000000000000000000000000000000000000000000"
	 "0000000000000000000000000000000000000000000000000000000000000000"
	 "0000000000000000000000000000000000000000000000000000000000000000"
	 "0000000000000000000000000000000000000000000000000000000000000000"
	 "0000000000000000000000000000000000000000000000000000000000000000"
	 "0000000000000000000000000000000000000000000000000000000000000000"
	 "0000000000000000000000000000000000000000000000000000000000000000"
	 "0000000000000000000000000000000000000000000000000000000000000201"
	 "000101",
	 "RemoteLogSegmentMetadataSnapshot{segmentId=__________8AAAAAA"
	 "AAABw, startOffset=10, endOffset=20, maxTimestampMs=30, segm"
	 "entLeaderEpochs={-1=5, 0=0, 3=100, 17=900}, segmentSizeInByt"
	 "es=60, customMetadata=Optional[CustomMetadata{300 bytes}], s"
	 "tate=DELETE_SEGMENT_STARTED, txnIdxEmpty=true}"},
	{7,
	 "010300ffffffffffffffff0000000000000007fffffffffffffff6ffffffffff"
	 "ffffec00000004000000000000001e0000000000000032020000000100000000"
	 "00000001000000003c000000",
	 "RemoteLogSegmentMetadataSnapshot{segmentId=__________8AAAAAA"
	 "AAABw, startOffset=-10, endOffset=-20, maxTimestampMs=30, se"
	 "gmentLeaderEpochs={1=1}, segmentSizeInBytes=60, customMetada"
	 "ta=Optional.empty, state=COPY_SEGMENT_STARTED, txnIdxEmpty=f"
	 "alse}"},
	{8,
	 "01000002781234567890abcdefffffffffffffffd60000000100ffffffffffff"
	 "ffff000000000000000700ffffffffffffffff00000000000000050000000000"
	 "0000000000000000000000000000000200000002000000000000000300000000"
	 "00000000",
	 "Error at offset 8, skipping. Unexpected start offset = -1. S"
	 "tartOffset for a remote segment cannot be negative"},
	{9,
	 "01000002781234567890abcdefffffffffffffffd60000000100ffffffffffff"
	 "ffff000000000000000700000000000000000a00000000000000050000000000"
	 "0000000000000000000000000000000200000002000000000000000300000000"
	 "00000000",
	 "Error at offset 9, skipping. Unexpected end offset = 5. EndO"
	 "ffset for a remote segment cannot be less than startOffset ="
	 " 10"},
	{10,
	 "01000002781234567890abcdefffffffffffffffd60000000100ffffffffffff"
	 "ffff000000000000000700000000000000000100000000000000050000000000"
	 "0000000000000000000000000000000100000000000000",
	 "Error at offset 10, skipping. segmentLeaderEpochs can not be"
	 " null or empty"},
	{11,
	 "01000002781234567890abcdefffffffffffffffd60000000100ffffffffffff"
	 "ffff000000000000000700000000000000000100000000000000050000000000"
	 "0000000000000000000000000000000200000002000000000000000300000000"
	 "00000900",
	 "Error at offset 11, skipping. state can not be null"},
	{12,
	 "01000002781234567890abcdefffffffffffffffd60000000100ffffffffffff"
	 "ffff000000000000000700000000000000000100000000000000050000000000"
	 "0000000000000000000000000000000300000002000000000000000300000000"
	 "020000000000000009000000000002090300",
	 "RemoteLogSegmentMetadata{remoteLogSegmentId=RemoteLogSegment"
	 "Id{topicIdPartition=EjRWeJCrze__________1g:x-1, id=_________"
	 "_8AAAAAAAAABw}, startOffset=1, endOffset=5, brokerId=0, maxT"
	 "imestampMs=0, eventTimestampMs=0, segmentLeaderEpochs={2=9},"
	 " segmentSizeInBytes=0, customMetadata=Optional[CustomMetadat"
	 "a{1 bytes}], state=DELETE_SEGMENT_FINISHED, txnIdxEmpty=fals"
	 "e}"},
	{13,
	 "01010002751234567890abcdefffffffffffffffd60000000000ffffffffffff"
	 "ffff00000000000000070000000000000000000000000000ff00",
	 "Error at offset 13, skipping. state can not be null"},
	{14,
	 "01020002641234567890abcdefffffffffffffffd60000000000000000000000"
	 "0000000000000300",
	 "Error at offset 14, skipping. null"},
	{15,
	 "010300ffffffffffffffff000000000000000700000000000000000000000000"
	 "00000000000000000000000000000000000000000000000100000000000500",
	 "Error at offset 15, skipping. state can not be null"},
	{16,
	 "010300ffffffffffffffff000000000000000700000000000000000000000000"
	 "00000000000000000000000000000000000000000000000100000000000100",
	 "Error at offset 16, skipping. segmentLeaderEpochs can not be"
	 " null or empty"},
	{17, "010000076f72646572731234567890abcdefffffffffffffffd600000003",
	 "Error at offset 17, skipping. Failed to deserialize record w"
	 "ith type 0"},
	{18,
	 "010000076f72646572731234567890abcdefffffffffffffffd60000000300ff"
	 "ffffffffffffff000000000000000700000000000000000000000000000000c7"
	 "000000010000018bcfe568000000018bcfe5687b05ffffffff00000000000000"
	 "0500000000000000000000000000000000000300000000000000640000000011"
	 "000000000000038400000040000000000000",
	 "Error at offset 18, skipping. Found 2 byte(s) of garbage aft"
	 "er 0"},
	{19, "",
	 "Error at offset 19, skipping. Error while reading frame vers"
	 "ion"},
	{20, "000000",
	 "Error at offset 20, skipping. Could not deserialize metadata"
	 " record with frame version 0. Note that upgrades from the pr"
	 "eview release of KRaft in 2.8 to newer versions are not supp"
	 "orted."},
	{21, "020000",
	 "Error at offset 21, skipping. Could not deserialize metadata"
	 " record due to unknown frame version 2(only frame version 1 "
	 "is supported)"},
	{22, "010700",
	 "Error at offset 22, skipping. org.apache.kafka.common.errors"
	 ".UnsupportedVersionException: Unknown metadata id 7"},
	{23, "0180800200",
	 "Error at offset 23, skipping. Value for type was too large."},
	{24, "010001",
	 "Error at offset 24, skipping. Failed to deserialize record w"
	 "ith type 0"},
	{25, "01000500",
	 "Error at offset 25, skipping. Failed to deserialize record w"
	 "ith type 0"},
	{26, NULL,
	 "Error at offset 26, skipping. Cannot invoke \"java.nio.ByteB"
	 "uffer.remaining()\" because the return value of \"org.apache"
	 ".kafka.common.record.internal.Record.value()\" is null"},
	{27,
	 "010001076f72646572731234567890abcdefffffffffffffffd60000000300ff"
	 "ffffffffffffff000000000000000700000000000000000000000000000000c7"
	 "000000010000018bcfe568000000018bcfe5687b05ffffffff00000000000000"
	 "0500000000000000000000000000000000000300000000000000640000000011"
	 "00000000000003840000004000000000",
	 "Error at offset 27, skipping. Failed to deserialize record w"
	 "ith type 0"},
	{37,
	 "01000007ff72646572731234567890abcdefffffffffffffffd60000000300ff"
	 "ffffffffffffff000000000000000700000000000000000000000000000000c7"
	 "000000010000018bcfe568000000018bcfe5687b05ffffffff00000000000000"
	 "0500000000000000000000000000000000000300000000000000640000000011"
	 "00000000000003840000004000000000",
	 "RemoteLogSegmentMetadata{remoteLogSegmentId=RemoteLogSegment"
	 "Id{topicIdPartition=EjRWeJCrze__________1g:�rders-3, id=____"
	 "______8AAAAAAAAABw}, startOffset=0, endOffset=199, brokerId="
	 "1, maxTimestampMs=1700000000000, eventTimestampMs=1700000000"
	 "123, segmentLeaderEpochs={-1=5, 0=0, 3=100, 17=900}, segment"
	 "SizeInBytes=16384, customMetadata=Optional.empty, state=COPY"
	 "_SEGMENT_STARTED, txnIdxEmpty=false}"},
	{38,
	 "010200076f72646572731234567890abcdefffffffffffffffd6000000030000"
	 "0000000000018bcfe56fd0000105020909",
	 "RemotePartitionDeleteMetadata{topicPartition=EjRWeJCrze_____"
	 "_____1g:orders-3, state=DELETE_PARTITION_MARKED, eventTimest"
	 "ampMs=1700000002000, brokerId=0}"},
	{39,
	 "010000076f72646572731234567890abcdefffffffffffffffd60000000300ff"
	 "ffffffffffffff00000000000000070000000000000000050000000000000005"
	 "00000002ffffffffffffffff0000000000000000020000000700000000000000"
	 "0500000000000401020301010001",
	 "Error at offset 39, skipping. Failed to deserialize record w"
	 "ith type 0"},
};

static size_t unhex(const char *hex, uint8_t **out)
{
	size_t cap = strlen(hex) / 2 + 1;

	*out = malloc(cap);
	return kt_unit_hex(hex, *out, cap);
}

static int run(long long offset, const uint8_t *p, size_t n,
	       struct kt_coord_out *o, struct kt_err *err)
{
	struct kt_bytes v = {p, n};

	return kt_rlmm_format(v, offset, o, err);
}

static void test_vectors(void)
{
	size_t i;

	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		const struct vec *t = &vecs[i];
		struct kt_coord_out o;
		struct kt_err err = {0};
		uint8_t *p = NULL;
		size_t n = t->value ? unhex(t->value, &p) : 0;
		char *got;
		int rc;

		kt_coord_out_init(&o, 0);
		rc = run(t->offset, p, n, &o, &err);
		got = strndup((const char *)o.value.p ? (const char *)o.value.p
						      : "",
			      o.value.len);
		CHECK(!o.has_key, "rlmm: offset %lld: no key", t->offset);
		CHECK(o.has_value, "rlmm: offset %lld: a payload", t->offset);
		CHECK_STR(got, t->want, "rlmm: offset %lld: Apache's text",
			  t->offset);
		if (strncmp(t->want, "Error at offset", 15) == 0)
			CHECK(rc < 0 && err.code == -rc && err.msg[0],
			      "rlmm: offset %lld: fails with err", t->offset);
		else
			CHECK_INT(rc, 0, "rlmm: offset %lld: decodes",
				  t->offset);
		free(got);
		free(p);
		kt_coord_out_release(&o);
	}
}

/* Every strict prefix of every valid value: a clean error text. */
static void test_truncations(void)
{
	size_t i, k, bad = 0, total = 0;

	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		uint8_t *p = NULL;
		size_t n;

		if (!vecs[i].value || strncmp(vecs[i].want, "Error at", 8) == 0)
			continue;
		n = unhex(vecs[i].value, &p);
		for (k = 0; k < n; k++) {
			struct kt_coord_out o;
			struct kt_err err = {0};
			int rc;

			kt_coord_out_init(&o, 0);
			rc = run(7, p, k, &o, &err);
			total++;
			if (rc >= 0 || !o.has_value || o.value.len < 28 ||
			    memcmp(o.value.p, "Error at offset 7, skipping. ",
				   28) != 0)
				bad++;
			kt_coord_out_release(&o);
		}
		free(p);
	}
	CHECK(total > 500, "rlmm: truncations tried (%zu)", total);
	CHECK_INT(bad, 0, "rlmm: every truncation gives an error text");
}

/* An output ceiling too small for the text: an error, nothing printed. */
static void test_ceiling(void)
{
	struct kt_coord_out o;
	struct kt_err err = {0};
	uint8_t *p;
	size_t n = unhex(vecs[0].value, &p);
	int rc;

	kt_coord_out_init(&o, 40);
	rc = run(0, p, n, &o, &err);
	CHECK(rc == -KT_ETOOBIG || rc == -KT_ENOMEM,
	      "rlmm: small ceiling fails (%d)", rc);
	CHECK(!o.has_value && !o.has_key, "rlmm: small ceiling: no text");
	kt_coord_out_release(&o);
	free(p);
}

void test_rlmm(void)
{
	test_vectors();
	test_truncations();
	test_ceiling();
}
