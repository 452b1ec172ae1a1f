/*
 * test_proto_fetch.c - Fetch and ListOffsets bodies: encoders against golden
 * bytes, decoders on responses captured from a real broker, the records
 * view, every truncation, absurd counts.
 *
 * How the bytes were captured: a throwaway Python script (stdlib socket and
 * struct, not committed) connected to an Apache Kafka 4.3.1 broker
 * (single KRaft node, 127.0.0.1:19092), sent ApiVersions v3, then each
 * request body below with a request header (v1, or v2 when flexible) and
 * dumped the response body after the response header. The request bodies
 * are the same bytes the encoders must produce, so each golden request was
 * accepted by the broker. Topic "kt-data-body-14040" (one partition, id
 * kyzB6NwMSdyROTHj51_xmA = 932cc1e8dc0c49dc913931e3e75ff198) first got 3
 * records from Apache's console producer (offsets 0-2), then Produce v3
 * (3-4) and v13 (5) batches: fetch_v4 and fetch_v18 were taken then. Then
 * a transaction was aborted (data 6, marker 7) and one committed (data 8,
 * marker 9): the *_committed fetches (read_committed) were taken last.
 */
#include "proto_test.h"

#include "proto/fetch.h"

void test_proto_fetch(void);

#define TOPIC "kt-data-body-14040"

static const uint8_t topic_id[16] = {0x93, 0x2c, 0xc1, 0xe8, 0xdc, 0x0c,
				     0x49, 0xdc, 0x91, 0x39, 0x31, 0xe3,
				     0xe7, 0x5f, 0xf1, 0x98};

static const char fetch_v4_req[] =
	"ffffffff000000640000000100100000000000000100126b742d646174612d62"
	"6f64792d31343034300000000100000000000000000000000000100000";
static const char fetch_v4_resp[] =
	"000000000000000100126b742d646174612d626f64792d313430343000000001"
	"00000000000000000000000000060000000000000006ffffffff000001040000"
	"0000000000000000005c0000000002b6321042000000000002000001a1fcb4d2"
	"12000001a1fcb4d21f0000000000000000000000000000000000031a00000004"
	"6b310a68656c6c6f001a001802046b320a776f726c64001c001a04046b330c6b"
	"61666b69740000000000000000030000004600000000022059a02d0000000000"
	"010000018bcfe568000000018bcfe56800ffffffffffffffffffffffffffff00"
	"000002140000000261066f6e650012000002010674776f000000000000000005"
	"0000003e0000000002ce106ea10000000000000000018bcfe568000000018bcf"
	"e56800ffffffffffffffffffffffffffff000000011800000002620a74687265"
	"6500";
static const char fetch_v18_req[] =
	"00000064000000017fffffff0100000000ffffffff02932cc1e8dc0c49dc9139"
	"31e3e75ff1980200000000ffffffff0000000000000000ffffffffffffffffff"
	"ffffff001000000000010100";
static const char fetch_v18_resp[] =
	"0000000000000000000002932cc1e8dc0c49dc913931e3e75ff1980200000000"
	"000000000000000000060000000000000006000000000000000001ffffffff85"
	"0200000000000000000000005c0000000002b6321042000000000002000001a1"
	"fcb4d212000001a1fcb4d21f0000000000000000000000000000000000031a00"
	"0000046b310a68656c6c6f001a001802046b320a776f726c64001c001a04046b"
	"330c6b61666b69740000000000000000030000004600000000022059a02d0000"
	"000000010000018bcfe568000000018bcfe56800ffffffffffffffffffffffff"
	"ffff00000002140000000261066f6e650012000002010674776f000000000000"
	"0000050000003e0000000002ce106ea10000000000000000018bcfe568000000"
	"018bcfe56800ffffffffffffffffffffffffffff000000011800000002620a74"
	"6872656500000000";
static const char fetch_v18_oor_resp[] =
	"0000000000000000000002932cc1e8dc0c49dc913931e3e75ff1980200000000"
	"0001ffffffffffffffffffffffffffffffffffffffffffffffff00ffffffff01"
	"000000";
static const char fetch_v18_committed_resp[] =
	"0000000000000000000002932cc1e8dc0c49dc913931e3e75ff1980200000000"
	"0000000000000000000a000000000000000a0000000000000000020000000000"
	"000003000000000000000600ffffffffba0400000000000000000000005c0000"
	"000002b6321042000000000002000001a1fcb4d212000001a1fcb4d21f000000"
	"0000000000000000000000000000031a000000046b310a68656c6c6f001a0018"
	"02046b320a776f726c64001c001a04046b330c6b61666b697400000000000000"
	"00030000004600000000022059a02d0000000000010000018bcfe56800000001"
	"8bcfe56800ffffffffffffffffffffffffffff00000002140000000261066f6e"
	"650012000002010674776f0000000000000000050000003e0000000002ce106e"
	"a10000000000000000018bcfe568000000018bcfe56800ffffffffffffffffff"
	"ffffffffff000000011800000002620a74687265650000000000000000060000"
	"003f0000000002f867182e0010000000000000018bcfe568000000018bcfe568"
	"000000000000000003000000000000000000011a00000002740c696e2d74786e"
	"0000000000000000070000004200000000021bae07d3003000000000000001a1"
	"fcb52b6d000001a1fcb52b6d00000000000000030000ffffffff000000012000"
	"000008000000000c000000000000000000000000000008000000420000000002"
	"7cbac0740010000000000000018bcfe568000000018bcfe56800000000000000"
	"00030000000000010000000120000000027412636f6d6d697474656400000000"
	"0000000009000000420000000002693a8319003000000000000001a1fcb52d6b"
	"000001a1fcb52d6b00000000000000030000ffffffff00000001200000000800"
	"0000010c00000000000000000000";
static const char fetch_v12_committed_req[] =
	"ffffffff00000064000000017fffffff0100000000ffffffff02136b742d6461"
	"74612d626f64792d31343034300200000000ffffffff0000000000000000ffff"
	"ffffffffffffffffffff001000000000010100";
static const char fetch_v12_committed_resp[] =
	"0000000000000000000002136b742d646174612d626f64792d31343034300200"
	"0000000000000000000000000a000000000000000a0000000000000000020000"
	"000000000003000000000000000600ffffffffba040000000000000000000000"
	"5c0000000002b6321042000000000002000001a1fcb4d212000001a1fcb4d21f"
	"0000000000000000000000000000000000031a000000046b310a68656c6c6f00"
	"1a001802046b320a776f726c64001c001a04046b330c6b61666b697400000000"
	"00000000030000004600000000022059a02d0000000000010000018bcfe56800"
	"0000018bcfe56800ffffffffffffffffffffffffffff00000002140000000261"
	"066f6e650012000002010674776f0000000000000000050000003e0000000002"
	"ce106ea10000000000000000018bcfe568000000018bcfe56800ffffffffffff"
	"ffffffffffffffff000000011800000002620a74687265650000000000000000"
	"060000003f0000000002f867182e0010000000000000018bcfe568000000018b"
	"cfe568000000000000000003000000000000000000011a00000002740c696e2d"
	"74786e0000000000000000070000004200000000021bae07d300300000000000"
	"0001a1fcb52b6d000001a1fcb52b6d00000000000000030000ffffffff000000"
	"012000000008000000000c000000000000000000000000000008000000420000"
	"0000027cbac0740010000000000000018bcfe568000000018bcfe56800000000"
	"00000000030000000000010000000120000000027412636f6d6d697474656400"
	"0000000000000009000000420000000002693a8319003000000000000001a1fc"
	"b52d6b000001a1fcb52d6b00000000000000030000ffffffff00000001200000"
	"0008000000010c00000000000000000000";
static const char list_offsets_v1_req[] =
	"ffffffff0000000100126b742d646174612d626f64792d313430343000000001"
	"00000000fffffffffffffffe";
static const char list_offsets_v1_resp[] =
	"0000000100126b742d646174612d626f64792d31343034300000000100000000"
	"0000ffffffffffffffff0000000000000000";
static const char list_offsets_v11_req[] =
	"ffffffff0002136b742d646174612d626f64792d31343034300200000000ffff"
	"fffffffffffffffffffd00000000753000";
static const char list_offsets_v11_resp[] =
	"0000000002136b742d646174612d626f64792d31343034300200000000000000"
	"0001a1fcb4d21f000000000000000200000000000000";

KT_TEST_DEC_ARENA(fetch, kt_fetch_resp, kt_fetch_resp_decode,
		  kt_fetch_resp_release)
KT_TEST_DEC_ARENA(list_offsets, kt_list_offsets_resp,
		  kt_list_offsets_resp_decode, kt_list_offsets_resp_release)

static void test_fetch_encode(void)
{
	struct kt_fetch_part_req part;
	struct kt_fetch_topic_req topic;
	struct kt_fetch_req req;
	struct kt_buf b;
	int rc;

	kt_fetch_part_req_init(&part, 0, 0, 1 << 20);
	memset(&topic, 0, sizeof(topic));
	topic.topic = TOPIC;
	memcpy(topic.topic_id.b, topic_id, 16);
	topic.parts = &part;
	topic.n_parts = 1;
	kt_fetch_req_init(&req);
	req.max_wait_ms = 100;
	req.min_bytes = 1;
	req.max_bytes = 1 << 20;
	req.topics = &topic;
	req.n_topics = 1;

	kt_buf_init(&b, 0);
	rc = kt_fetch_req_encode(&b, 4, &req);
	kt_test_encoded(rc, &b, fetch_v4_req, "fetch v4 request");

	req.max_bytes = INT32_MAX;
	req.isolation_level = KT_READ_COMMITTED;
	kt_buf_reset(&b);
	rc = kt_fetch_req_encode(&b, 18, &req);
	kt_test_encoded(rc, &b, fetch_v18_req, "fetch v18 request");
	kt_buf_reset(&b);
	rc = kt_fetch_req_encode(&b, 12, &req);
	kt_test_encoded(rc, &b, fetch_v12_committed_req, "fetch v12 request");

	kt_buf_reset(&b);
	CHECK_INT(kt_fetch_req_encode(&b, 3, &req), -KT_EUNSUPPORTED,
		  "fetch v3 refused");
	kt_buf_reset(&b);
	CHECK_INT(kt_fetch_req_encode(&b, 19, &req), -KT_EUNSUPPORTED,
		  "fetch v19 refused");
	kt_buf_reset(&b);
	topic.topic = NULL;
	CHECK_INT(kt_fetch_req_encode(&b, 12, &req), -KT_EINVAL,
		  "fetch v12 without a topic name refused");
	kt_buf_release(&b);
}

/* Hand-computed: tagged ClusterId and ReplicaState (v15+), a forgotten
 * topic, a rack. */
static void test_fetch_encode_tags(void)
{
	static const int32_t gone[] = {1, 2};
	struct kt_fetch_forgotten f;
	struct kt_fetch_req req;
	struct kt_buf b;
	int rc;

	memset(&f, 0, sizeof(f));
	f.topic_id.b[15] = 1;
	f.parts = gone;
	f.n_parts = 2;
	kt_fetch_req_init(&req);
	req.cluster_id = "c";
	req.replica_id = 5;
	req.replica_epoch = 9;
	req.max_wait_ms = 500;
	req.min_bytes = 1;
	req.session_id = 7;
	req.session_epoch = 2;
	req.forgotten = &f;
	req.n_forgotten = 1;
	req.rack_id = "r1";
	kt_buf_init(&b, 0);
	rc = kt_fetch_req_encode(&b, 15, &req);
	kt_test_encoded(
		rc, &b,
		"000001f4 00000001 7fffffff 00 00000007 00000002" /* no
						     ReplicaId
						   */
		"01" /* no topics */
		"02 00000000000000000000000000000001 03 00000001 00000002 00"
		"03 7231"			      /* rack "r1" */
		"02 00 02 02 63"		      /* tag 0: ClusterId "c" */
		"01 0d 00000005 0000000000000009 00", /* tag 1: ReplicaState */
		"fetch v15 request with tags");
	kt_buf_reset(&b);
	/* ReplicaId is positional up to v14; tags only from v12; names */
	kt_fetch_req_encode(&b, 11, &req);
	CHECK_INT(b.err, -KT_EINVAL, "fetch v11: forgotten topic needs a name");
	kt_buf_reset(&b);
	f.topic = "t";
	rc = kt_fetch_req_encode(&b, 11, &req);
	kt_test_encoded(rc, &b,
			"00000005 000001f4 00000001 7fffffff 00 00000007 "
			"00000002 00000000 00000001 0001 74 00000002 00000001 "
			"00000002 0002 7231",
			"fetch v11: replica positional, no tags, names");
	kt_buf_release(&b);
}

/* Walk the batches of a records view by their length fields and collect
 * base offsets and attributes (a partial last batch ends the walk). */
static size_t walk_batches(struct kt_bytes rec, int64_t *base, int16_t *attr,
			   size_t max)
{
	size_t off = 0, n = 0;

	while (rec.len - off >= 61 && n < max) {
		uint32_t blen = kt_be32(rec.p + off + 8);

		if (blen > rec.len - off - 12 || rec.p[off + 16] != 2)
			break;
		base[n] = (int64_t)kt_be64(rec.p + off);
		attr[n] = (int16_t)kt_be16(rec.p + off + 21);
		n++;
		off += 12 + blen;
	}
	return n;
}

static void test_fetch_decode(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_fetch, fetch_v4_resp, 4, KT_TEST_CUTS,
		 "fetch v4 response"},
		{dec_fetch, fetch_v18_resp, 18, KT_TEST_CUTS,
		 "fetch v18 response"},
		{dec_fetch, fetch_v18_oor_resp, 18, KT_TEST_CUTS,
		 "fetch v18 error response"},
		{dec_fetch, fetch_v18_committed_resp, 18, KT_TEST_CUTS,
		 "fetch v18 committed response"},
		{dec_fetch, fetch_v12_committed_resp, 12, KT_TEST_CUTS,
		 "fetch v12 response"},
		{dec_fetch, "00000000 7fffffff", 4, -KT_EBADLEN,
		 "fetch v4: 2^31-1 topics refused"},
		{dec_fetch,
		 "00000000 0000 00000000 02"
		 "932cc1e8dc0c49dc913931e3e75ff198 ffffffff0f",
		 18, -KT_EBADLEN, "fetch v18: 2^32-2 partitions refused"},
		{dec_fetch,
		 "00000000 0000 00000000 02"
		 "932cc1e8dc0c49dc913931e3e75ff198 02"
		 "00000000 0000 0000000000000000 0000000000000000"
		 "0000000000000000 80808080 08",
		 18, -KT_EBADLEN, "fetch v18: absurd aborted count refused"},
		{dec_fetch, "00000000 00000001 ffff 00000000", 4, -KT_EBADLEN,
		 "fetch v4: null topic name refused"},
		{dec_fetch, fetch_v4_resp, 3, -KT_EUNSUPPORTED,
		 "fetch v3 response refused"},
	};
	struct kt_fetch_resp r;
	struct kt_fetch_part_resp *q;
	struct kt_err e;
	int64_t base[16];
	int16_t attr[16];
	uint8_t *p;
	size_t n;

	n = kt_test_hex(fetch_v4_resp, &p);
	CHECK_INT(kt_fetch_resp_decode(p, n, 4, &r, &e), 0,
		  "fetch v4 response decodes");
	CHECK(r.n_topics == 1 && r.topics[0].n_parts == 1,
	      "fetch v4: one topic, one partition");
	CHECK(kt_bytes_eq(r.topics[0].topic, TOPIC), "fetch v4: topic name");
	q = &r.topics[0].parts[0];
	CHECK(q->partition_index == 0 && q->error_code == 0,
	      "fetch v4: partition 0, no error");
	CHECK_INT(q->high_watermark, 6, "fetch v4: high watermark");
	CHECK_INT(q->last_stable_offset, 6, "fetch v4: last stable offset");
	CHECK_INT(q->log_start_offset, -1, "fetch v4: no log start offset");
	CHECK(q->aborted_null && q->n_aborted == 0,
	      "fetch v4: aborted transactions null");
	CHECK_INT(q->preferred_read_replica, -1, "fetch v4: no read replica");
	CHECK(q->records.p >= p && q->records.p + q->records.len == p + n,
	      "fetch v4: records are a view at the end of the buffer");
	CHECK_INT(walk_batches(q->records, base, attr, 16), 3,
		  "fetch v4: three batches");
	CHECK(base[0] == 0 && base[1] == 3 && base[2] == 5,
	      "fetch v4: batch base offsets 0, 3, 5");
	CHECK(q->records.p[16] == 2, "fetch v4: first batch magic 2");
	kt_fetch_resp_release(&r);
	free(p);

	n = kt_test_hex(fetch_v18_resp, &p);
	CHECK_INT(kt_fetch_resp_decode(p, n, 18, &r, &e), 0,
		  "fetch v18 response decodes");
	CHECK(r.error_code == 0 && r.session_id == 0, "fetch v18: no session");
	CHECK(r.n_topics == 1 && r.topics[0].topic.p == NULL &&
		      memcmp(r.topics[0].topic_id.b, topic_id, 16) == 0,
	      "fetch v18: topic by id");
	q = &r.topics[0].parts[0];
	CHECK(q->high_watermark == 6 && q->last_stable_offset == 6 &&
		      q->log_start_offset == 0,
	      "fetch v18: watermarks");
	CHECK(!q->aborted_null && q->n_aborted == 0,
	      "fetch v18: empty aborted list (read_committed)");
	CHECK(q->diverging_epoch == -1 && q->current_leader.leader_id == -1 &&
		      q->snapshot_epoch == -1,
	      "fetch v18: no tagged partition fields");
	CHECK_INT(q->records.len, 260, "fetch v18: records length");
	CHECK_INT(walk_batches(q->records, base, attr, 16), 3,
		  "fetch v18: three batches");
	CHECK(kt_be64(q->records.p) == 0 && q->records.p[16] == 2,
	      "fetch v18: first batch base offset 0, magic 2");
	CHECK(r.n_node_endpoints == 0, "fetch v18: no node endpoints");
	kt_fetch_resp_release(&r);
	free(p);

	n = kt_test_hex(fetch_v18_oor_resp, &p);
	CHECK_INT(kt_fetch_resp_decode(p, n, 18, &r, &e), 0,
		  "fetch v18 out-of-range response decodes");
	q = &r.topics[0].parts[0];
	CHECK_INT(q->error_code, 1, "fetch v18: OFFSET_OUT_OF_RANGE");
	CHECK(q->high_watermark == -1 && q->aborted_null,
	      "fetch v18 error: no watermark, null aborted list");
	CHECK(q->records.p != NULL && q->records.len == 0,
	      "fetch v18 error: empty records");
	kt_fetch_resp_release(&r);
	free(p);

	n = kt_test_hex(fetch_v18_committed_resp, &p);
	CHECK_INT(kt_fetch_resp_decode(p, n, 18, &r, &e), 0,
		  "fetch v18 read_committed response decodes");
	q = &r.topics[0].parts[0];
	CHECK(q->high_watermark == 10 && q->last_stable_offset == 10,
	      "fetch v18 committed: watermarks after two transactions");
	CHECK(q->n_aborted == 1 && q->aborted[0].producer_id == 3 &&
		      q->aborted[0].first_offset == 6,
	      "fetch v18 committed: aborted transaction of producer 3 at 6");
	CHECK_INT(walk_batches(q->records, base, attr, 16), 7,
		  "fetch v18 committed: seven batches");
	CHECK(base[3] == 6 && (attr[3] & 0x30) == 0x10 && base[4] == 7 &&
		      (attr[4] & 0x30) == 0x30 && base[6] == 9 &&
		      (attr[6] & 0x30) == 0x30,
	      "fetch v18 committed: transactional data and control batches");
	kt_fetch_resp_release(&r);
	free(p);

	n = kt_test_hex(fetch_v12_committed_resp, &p);
	CHECK_INT(kt_fetch_resp_decode(p, n, 12, &r, &e), 0,
		  "fetch v12 response decodes");
	CHECK(kt_bytes_eq(r.topics[0].topic, TOPIC) &&
		      r.topics[0].parts[0].n_aborted == 1,
	      "fetch v12: named topic, aborted transaction");
	kt_fetch_resp_release(&r);
	free(p);

	KT_TEST_DEC_CASES(dec_cases);
}

/* Every tagged field of a v16+ response (hand-made: the broker sends them
 * to followers or on leader changes). */
static void test_fetch_tags(void)
{
	static const char hex[] =
		"00000000 0000 00000000 02"
		"932cc1e8dc0c49dc913931e3e75ff198 02"
		"00000000 0006 0000000000000001 0000000000000001"
		"0000000000000000 00 ffffffff 00" /* null aborted, null recs */
		"03"				  /* three tags */
		"00 0d 00000004 0000000000000064 00" /* DivergingEpoch 4@100 */
		"01 09 00000002 00000008 00"	     /* CurrentLeader 2@8 */
		"02 0d 00000000000000c8 00000003 00" /* SnapshotId 200@3 */
		"00"				     /* topic tags */
		"01 00 13 02 00000002 0568 6f73 74 00002384 0472 6b31 00";
	struct kt_fetch_resp r;
	struct kt_err e;
	uint8_t *p;
	size_t n = kt_test_hex(hex, &p);
	int rc = kt_fetch_resp_decode(p, n, 16, &r, &e);

	CHECK_INT(rc, 0, "fetch v16 with tagged fields decodes");
	if (rc == 0) {
		struct kt_fetch_part_resp *q = &r.topics[0].parts[0];

		CHECK(q->diverging_epoch == 4 && q->diverging_end_offset == 100,
		      "diverging epoch tag");
		CHECK(q->current_leader.leader_id == 2 &&
			      q->current_leader.leader_epoch == 8,
		      "current leader tag");
		CHECK(q->snapshot_end_offset == 200 && q->snapshot_epoch == 3,
		      "snapshot id tag");
		CHECK(q->records.p == NULL, "null records");
		CHECK(r.n_node_endpoints == 1 &&
			      r.node_endpoints[0].port == 9092,
		      "node endpoint");
		CHECK_STR(r.node_endpoints[0].rack, "rk1", "node rack");
	}
	kt_fetch_resp_release(&r);
	free(p);
	kt_test_truncations(dec_fetch, hex, 16, "fetch v16 tagged");
}

static void test_list_offsets(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_list_offsets, list_offsets_v1_resp, 1, KT_TEST_CUTS,
		 "list_offsets v1 response"},
		{dec_list_offsets, list_offsets_v11_resp, 11, KT_TEST_CUTS,
		 "list_offsets v11 response"},
		{dec_list_offsets, "7fffffff", 1, -KT_EBADLEN,
		 "list_offsets v1: absurd topic count"},
		{dec_list_offsets, "00000000 02 02 61 ffffffff0f", 6,
		 -KT_EBADLEN, "list_offsets v6: absurd partition count"},
	};
	struct kt_list_offsets_part_req part = {0, -1, KT_OFFSET_EARLIEST};
	struct kt_list_offsets_topic_req topic = {TOPIC, &part, 1};
	struct kt_list_offsets_req req = {-1, KT_READ_UNCOMMITTED, &topic, 1,
					  30000};
	struct kt_list_offsets_resp r;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_list_offsets_req_encode(&b, 1, &req);
	kt_test_encoded(rc, &b, list_offsets_v1_req, "list_offsets v1 request");
	kt_buf_reset(&b);
	part.timestamp = KT_OFFSET_MAX_TIMESTAMP;
	rc = kt_list_offsets_req_encode(&b, 11, &req);
	kt_test_encoded(rc, &b, list_offsets_v11_req,
			"list_offsets v11 request");
	kt_buf_reset(&b);
	CHECK_INT(kt_list_offsets_req_encode(&b, 6, &req), -KT_EUNSUPPORTED,
		  "list_offsets v6 cannot ask for the max timestamp");
	kt_buf_reset(&b);
	part.timestamp = KT_OFFSET_EARLIEST_PENDING_UPLOAD;
	CHECK_INT(kt_list_offsets_req_encode(&b, 10, &req), -KT_EUNSUPPORTED,
		  "list_offsets v10 cannot ask for -6");
	kt_buf_release(&b);

	n = kt_test_hex(list_offsets_v1_resp, &p);
	CHECK_INT(kt_list_offsets_resp_decode(p, n, 1, &r, &e), 0,
		  "list_offsets v1 response decodes");
	CHECK(r.n_topics == 1 && r.topics[0].n_parts == 1,
	      "list_offsets v1: one partition");
	CHECK_STR(r.topics[0].name, TOPIC, "list_offsets v1: name");
	CHECK(r.topics[0].parts[0].error_code == 0 &&
		      r.topics[0].parts[0].offset == 0 &&
		      r.topics[0].parts[0].timestamp == -1 &&
		      r.topics[0].parts[0].leader_epoch == -1,
	      "list_offsets v1: earliest is 0");
	kt_list_offsets_resp_release(&r);
	free(p);

	n = kt_test_hex(list_offsets_v11_resp, &p);
	CHECK_INT(kt_list_offsets_resp_decode(p, n, 11, &r, &e), 0,
		  "list_offsets v11 response decodes");
	CHECK(r.topics[0].parts[0].offset == 2 &&
		      r.topics[0].parts[0].timestamp == 1795241071135LL &&
		      r.topics[0].parts[0].leader_epoch == 0,
	      "list_offsets v11: max timestamp at offset 2 (console record)");
	kt_list_offsets_resp_release(&r);
	free(p);

	KT_TEST_DEC_CASES(dec_cases);
}

void test_proto_fetch(void)
{
	test_fetch_encode();
	test_fetch_encode_tags();
	test_fetch_decode();
	test_fetch_tags();
	test_list_offsets();
}
