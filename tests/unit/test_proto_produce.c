/*
 * test_proto_produce.c - Produce, InitProducerId, AddPartitionsToTxn and
 * EndTxn bodies: encoders against golden bytes, decoders on responses
 * captured from a real broker, every truncation, absurd counts.
 *
 * How the bytes were captured: a throwaway Python script (stdlib socket and
 * struct, not committed) connected to an Apache Kafka 4.3.1 broker
 * (single KRaft node, 127.0.0.1:19092), sent ApiVersions v3, then each
 * request body below with a request header (v1, or v2 when flexible) and
 * dumped the response body after the response header. The request bodies
 * are the same bytes the encoders must produce, so each golden request was
 * accepted by the broker. Topic "kt-data-body-14040" (one partition, id
 * kyzB6NwMSdyROTHj51_xmA = 932cc1e8dc0c49dc913931e3e75ff198) had 3 records
 * from Apache's console producer first; transactional id "kt-data-txn-a1".
 * Record batches in the requests were built by the script (CRC-32C).
 */
#include "proto_test.h"

#include "proto/produce.h"

void test_proto_produce(void);

#define TOPIC "kt-data-body-14040"

static const uint8_t topic_id[16] = {0x93, 0x2c, 0xc1, 0xe8, 0xdc, 0x0c,
				     0x49, 0xdc, 0x91, 0x39, 0x31, 0xe3,
				     0xe7, 0x5f, 0xf1, 0x98};

static const char produce_v3_req[] =
	"ffffffff000075300000000100126b742d646174612d626f64792d3134303430"
	"000000010000000000000052000000000000000000000046ffffffff022059a0"
	"2d0000000000010000018bcfe568000000018bcfe56800ffffffffffffffffff"
	"ffffffffff00000002140000000261066f6e650012000002010674776f00";
static const char produce_v3_resp[] =
	"0000000100126b742d646174612d626f64792d31343034300000000100000000"
	"00000000000000000003ffffffffffffffff00000000";
static const char produce_v13_req[] =
	"00ffff0000753002932cc1e8dc0c49dc913931e3e75ff19802000000004b0000"
	"0000000000000000003effffffff02ce106ea10000000000000000018bcfe568"
	"000000018bcfe56800ffffffffffffffffffffffffffff000000011800000002"
	"620a746872656500000000";
static const char produce_v13_resp[] =
	"02932cc1e8dc0c49dc913931e3e75ff198020000000000000000000000000005"
	"ffffffffffffffff0000000000000000010000000000000000";
static const char produce_v13_err_resp[] =
	"02932cc1e8dc0c49dc913931e3e75ff19802000000070003ffffffffffffffff"
	"ffffffffffffffffffffffffffffffff010000000000000000";
static const char produce_v11_txn_resp[] =
	"02136b742d646174612d626f64792d3134303430020000000000000000000000"
	"000006ffffffffffffffff0000000000000000010000000000000000";
static const char produce_v3_txn_req[] =
	"000e6b742d646174612d74786e2d6131ffff000075300000000100126b742d64"
	"6174612d626f64792d313430343000000001000000000000004e000000000000"
	"000000000042ffffffff027cbac0740010000000000000018bcfe56800000001"
	"8bcfe5680000000000000000030000000000010000000120000000027412636f"
	"6d6d697474656400";
static const char produce_v3_txn_resp[] =
	"0000000100126b742d646174612d626f64792d31343034300000000100000000"
	"00000000000000000008ffffffffffffffff00000000";
static const char init_producer_id_v0_req[] = "ffff7fffffff";
static const char init_producer_id_v0_resp[] =
	"00000000000000000000000000020000";
static const char init_producer_id_v5_req[] =
	"0f6b742d646174612d74786e2d61310000ea60ffffffffffffffffffff00";
static const char init_producer_id_v5_resp[] =
	"0000000000000000000000000003000000";
static const char add_partitions_to_txn_v0_req[] =
	"000e6b742d646174612d74786e2d613100000000000000030000000000010012"
	"6b742d646174612d626f64792d31343034300000000100000000";
static const char add_partitions_to_txn_v0_resp[] =
	"000000000000000100126b742d646174612d626f64792d313430343000000001"
	"000000000000";
static const char add_partitions_to_txn_v3_req[] =
	"0f6b742d646174612d74786e2d61310000000000000003000002136b742d6461"
	"74612d626f64792d313430343002000000000000";
static const char add_partitions_to_txn_v3_resp[] =
	"0000000002136b742d646174612d626f64792d31343034300200000000000000"
	"0000";
static const char end_txn_v0_commit_req[] =
	"000e6b742d646174612d74786e2d61310000000000000003000001";
static const char end_txn_v0_commit_resp[] = "000000000000";
static const char end_txn_v4_abort_req[] =
	"0f6b742d646174612d74786e2d6131000000000000000300000000";
static const char end_txn_v4_abort_resp[] = "00000000000000";
static const char end_txn_v5_req[] =
	"0f6b742d646174612d74786e2d6131000000000000000300000100";
static const char end_txn_v5_resp[] = "000000000030ffffffffffffffffffff00";

KT_TEST_DEC_ARENA(produce, kt_produce_resp, kt_produce_resp_decode,
		  kt_produce_resp_release)

static int dec_init_pid(const uint8_t *p, size_t len, int16_t v,
			struct kt_err *err)
{
	struct kt_init_producer_id_resp r;

	return kt_init_producer_id_resp_decode(p, len, v, &r, err);
}

KT_TEST_DEC_ARENA(add_parts, kt_add_partitions_to_txn_resp,
		  kt_add_partitions_to_txn_resp_decode,
		  kt_add_partitions_to_txn_resp_release)

static int dec_end_txn(const uint8_t *p, size_t len, int16_t v,
		       struct kt_err *err)
{
	struct kt_end_txn_resp r;

	return kt_end_txn_resp_decode(p, len, v, &r, err);
}

/* Encode one partition of records taken from the golden request itself
 * (records_off bytes in, records_len long). */
static void check_produce_req(int16_t v, const char *txn, const char *hex,
			      size_t records_off, size_t records_len,
			      const char *name)
{
	uint8_t *golden;
	size_t n = kt_test_hex(hex, &golden);
	struct kt_produce_part_req part;
	struct kt_produce_topic_req topic;
	struct kt_produce_req req;
	struct kt_buf b;
	int rc;

	CHECK(records_off + records_len <= n, "%s: records inside golden",
	      name);
	part.index = 0;
	part.records.p = golden + records_off;
	part.records.len = records_len;
	memset(&topic, 0, sizeof(topic));
	topic.name = TOPIC;
	memcpy(topic.topic_id.b, topic_id, 16);
	topic.parts = &part;
	topic.n_parts = 1;
	req.transactional_id = txn;
	req.acks = -1;
	req.timeout_ms = 30000;
	req.topics = &topic;
	req.n_topics = 1;
	kt_buf_init(&b, 0);
	rc = kt_produce_req_encode(&b, v, &req);
	kt_test_encoded(rc, &b, hex, name);
	/* the batch starts with base offset 0 and magic 2 at byte 16 */
	CHECK(records_len > 16 && golden[records_off + 16] == 2,
	      "%s: records view is a magic 2 batch", name);
	kt_buf_release(&b);
	free(golden);
}

static void test_produce_encode(void)
{
	struct kt_produce_req req;
	struct kt_buf b;

	/* txn null, acks, timeout, 1 topic, name, 1 part, index, int32 len */
	check_produce_req(3, NULL, produce_v3_req, 44, 82,
			  "produce v3 request");
	/* null, acks, timeout, count, uuid, count, index, uvarint len; the
	 * batch is followed by three empty tag sections */
	check_produce_req(13, NULL, produce_v13_req, 30, 74,
			  "produce v13 request");
	check_produce_req(3, "kt-data-txn-a1", produce_v3_txn_req, 58, 78,
			  "produce v3 transactional request");

	memset(&req, 0, sizeof(req));
	kt_buf_init(&b, 0);
	CHECK_INT(kt_produce_req_encode(&b, 2, &req), -KT_EUNSUPPORTED,
		  "produce v2 refused");
	kt_buf_reset(&b);
	CHECK_INT(kt_produce_req_encode(&b, 14, &req), -KT_EUNSUPPORTED,
		  "produce v14 refused");
	kt_buf_release(&b);
}

static void test_produce_decode(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_produce, produce_v3_resp, 3, KT_TEST_CUTS,
		 "produce v3 response"},
		{dec_produce, produce_v13_resp, 13, KT_TEST_CUTS,
		 "produce v13 response"},
		{dec_produce, produce_v13_err_resp, 13, KT_TEST_CUTS,
		 "produce v13 error response"},
		{dec_produce, produce_v11_txn_resp, 11, KT_TEST_CUTS,
		 "produce v11 response"},
		{dec_produce, "7fffffff", 3, -KT_EBADLEN,
		 "produce v3: 2^31-1 topics refused"},
		{dec_produce, "02 00 ffffffff0f", 12, -KT_EBADLEN,
		 "produce v12: absurd partition count refused"},
		{dec_produce, "00000001 0001 61 ffffffff", 3, -KT_EBADLEN,
		 "produce v3: null partitions refused"},
		{dec_produce, produce_v3_resp, 13, -KT_EBADLEN,
		 "produce v3 bytes read as v13 fail"},
		{dec_produce, "00000000 00000000 00", 3, -KT_EPROTO,
		 "produce v3: trailing byte refused"},
	};
	struct kt_produce_resp r;
	struct kt_err e;
	uint8_t *p;
	size_t n;

	n = kt_test_hex(produce_v3_resp, &p);
	CHECK_INT(kt_produce_resp_decode(p, n, 3, &r, &e), 0,
		  "produce v3 response decodes");
	CHECK(r.n_topics == 1 && r.topics[0].n_parts == 1,
	      "produce v3: one topic, one partition");
	CHECK_STR(r.topics[0].name, TOPIC, "produce v3: topic name");
	CHECK_INT(r.topics[0].parts[0].error_code, 0, "produce v3: no error");
	CHECK_INT(r.topics[0].parts[0].base_offset, 3,
		  "produce v3: base offset after 3 console records");
	CHECK_INT(r.topics[0].parts[0].log_append_time_ms, -1,
		  "produce v3: CreateTime topic");
	CHECK_INT(r.topics[0].parts[0].log_start_offset, -1,
		  "produce v3: no log start offset before v5");
	CHECK_INT(r.throttle_time_ms, 0, "produce v3: throttle");
	kt_produce_resp_release(&r);
	kt_produce_resp_release(&r); /* twice is harmless */
	free(p);

	n = kt_test_hex(produce_v13_resp, &p);
	CHECK_INT(kt_produce_resp_decode(p, n, 13, &r, &e), 0,
		  "produce v13 response decodes");
	CHECK(r.n_topics == 1 && r.topics[0].name == NULL &&
		      memcmp(r.topics[0].topic_id.b, topic_id, 16) == 0,
	      "produce v13: topic by id");
	CHECK_INT(r.topics[0].parts[0].base_offset, 5, "produce v13: offset");
	CHECK_INT(r.topics[0].parts[0].log_start_offset, 0,
		  "produce v13: log start offset");
	CHECK(r.topics[0].parts[0].n_record_errors == 0 &&
		      r.topics[0].parts[0].error_message == NULL,
	      "produce v13: no record errors");
	CHECK(r.topics[0].parts[0].current_leader.leader_id == -1 &&
		      r.n_node_endpoints == 0,
	      "produce v13: no leader hint");
	kt_produce_resp_release(&r);
	free(p);

	/* partition 7 of a one-partition topic, acks 1 */
	n = kt_test_hex(produce_v13_err_resp, &p);
	CHECK_INT(kt_produce_resp_decode(p, n, 13, &r, &e), 0,
		  "produce v13 error response decodes");
	CHECK_INT(r.topics[0].parts[0].index, 7, "produce v13 error: index");
	CHECK_INT(r.topics[0].parts[0].error_code, 3,
		  "produce v13 error: UNKNOWN_TOPIC_OR_PARTITION");
	CHECK_INT(r.topics[0].parts[0].base_offset, -1,
		  "produce v13 error: no offset");
	kt_produce_resp_release(&r);
	free(p);

	n = kt_test_hex(produce_v11_txn_resp, &p);
	CHECK_INT(kt_produce_resp_decode(p, n, 11, &r, &e), 0,
		  "produce v11 transactional response decodes");
	CHECK_STR(r.topics[0].name, TOPIC, "produce v11: name");
	CHECK_INT(r.topics[0].parts[0].base_offset, 6, "produce v11: offset");
	kt_produce_resp_release(&r);
	free(p);

	n = kt_test_hex(produce_v3_txn_resp, &p);
	CHECK_INT(kt_produce_resp_decode(p, n, 3, &r, &e), 0,
		  "produce v3 transactional response decodes");
	CHECK_INT(r.topics[0].parts[0].base_offset, 8,
		  "produce v3 transactional: offset after the abort marker");
	kt_produce_resp_release(&r);
	free(p);

	KT_TEST_DEC_CASES(dec_cases);
}

/* A partition response carrying every v10 tagged field (hand-made: the
 * broker only sends them on NOT_LEADER_OR_FOLLOWER). */
static void test_produce_tags(void)
{
	static const char hex[] =
		"02 04 666f6f 02" /* topic "foo", 1 partition */
		"00000000 0006"	  /* index 0, NOT_LEADER */
		"ffffffffffffffff ffffffffffffffff ffffffffffffffff"
		"02 00000002 05 6f6f7073 00"	/* 1 record error, msg */
		"00"				/* error message null */
		"01 00 09 00000002 00000007 00" /* CurrentLeader 2 @ 7 */
		"00"				/* topic tags */
		"00000000"			/* throttle */
		"01 00 10 02 00000002 0568 6f73 74 00002384 00 00"; /* node */
	struct kt_produce_resp r;
	struct kt_err e;
	uint8_t *p;
	size_t n = kt_test_hex(hex, &p);
	int rc = kt_produce_resp_decode(p, n, 12, &r, &e);

	CHECK_INT(rc, 0, "produce v12 with tagged fields decodes");
	if (rc == 0) {
		struct kt_produce_part_resp *q = &r.topics[0].parts[0];

		CHECK(q->n_record_errors == 1 &&
			      q->record_errors[0].batch_index == 2,
		      "record error index");
		CHECK_STR(q->record_errors[0].message, "oops",
			  "record error message");
		CHECK(q->current_leader.leader_id == 2 &&
			      q->current_leader.leader_epoch == 7,
		      "current leader tag");
		CHECK(r.n_node_endpoints == 1 &&
			      r.node_endpoints[0].node_id == 2 &&
			      r.node_endpoints[0].port == 9092 &&
			      r.node_endpoints[0].rack == NULL,
		      "node endpoint tag");
		CHECK_STR(r.node_endpoints[0].host, "host", "node host");
	}
	kt_produce_resp_release(&r);
	free(p);
	kt_test_truncations(dec_produce, hex, 12, "produce v12 tagged");
}

static void test_init_producer_id(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_init_pid, init_producer_id_v0_resp, 0, KT_TEST_CUTS,
		 "init_producer_id v0 response"},
		{dec_init_pid, init_producer_id_v5_resp, 5, KT_TEST_CUTS,
		 "init_producer_id v5 response"},
	};
	struct kt_init_producer_id_req req;
	struct kt_init_producer_id_resp r;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p;
	size_t n;
	int rc;

	req.transactional_id = NULL;
	req.transaction_timeout_ms = INT32_MAX;
	req.producer_id = -1;
	req.producer_epoch = -1;
	kt_buf_init(&b, 0);
	rc = kt_init_producer_id_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b, init_producer_id_v0_req,
			"init_producer_id v0 request");
	kt_buf_reset(&b);
	req.transactional_id = "kt-data-txn-a1";
	req.transaction_timeout_ms = 60000;
	rc = kt_init_producer_id_req_encode(&b, 5, &req);
	kt_test_encoded(rc, &b, init_producer_id_v5_req,
			"init_producer_id v5 request");
	kt_buf_reset(&b);
	CHECK_INT(kt_init_producer_id_req_encode(&b, 6, &req), -KT_EUNSUPPORTED,
		  "init_producer_id v6 (unstable) refused");
	kt_buf_release(&b);

	n = kt_test_hex(init_producer_id_v0_resp, &p);
	CHECK_INT(kt_init_producer_id_resp_decode(p, n, 0, &r, &e), 0,
		  "init_producer_id v0 response decodes");
	CHECK(r.error_code == 0 && r.producer_id == 2 && r.producer_epoch == 0,
	      "init_producer_id v0: producer 2 epoch 0");
	free(p);
	n = kt_test_hex(init_producer_id_v5_resp, &p);
	CHECK_INT(kt_init_producer_id_resp_decode(p, n, 5, &r, &e), 0,
		  "init_producer_id v5 response decodes");
	CHECK(r.error_code == 0 && r.producer_id == 3 && r.producer_epoch == 0,
	      "init_producer_id v5: producer 3 epoch 0");
	free(p);
	KT_TEST_DEC_CASES(dec_cases);
}

static void test_add_partitions_to_txn(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_add_parts, add_partitions_to_txn_v0_resp, 0, KT_TEST_CUTS,
		 "add_partitions_to_txn v0 response"},
		{dec_add_parts, add_partitions_to_txn_v3_resp, 3, KT_TEST_CUTS,
		 "add_partitions_to_txn v3 response"},
		{dec_add_parts, "00000000 00000001 0001 61 7fffffff", 0,
		 -KT_EBADLEN, "add_partitions_to_txn: absurd count"},
	};
	static const int32_t parts[] = {0};
	struct kt_txn_topic_req t = {TOPIC, parts, 1};
	struct kt_add_partitions_to_txn_req req = {"kt-data-txn-a1", 3, 0, &t,
						   1};
	struct kt_add_partitions_to_txn_resp r;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_add_partitions_to_txn_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b, add_partitions_to_txn_v0_req,
			"add_partitions_to_txn v0 request");
	kt_buf_reset(&b);
	rc = kt_add_partitions_to_txn_req_encode(&b, 3, &req);
	kt_test_encoded(rc, &b, add_partitions_to_txn_v3_req,
			"add_partitions_to_txn v3 request");
	kt_buf_release(&b);

	n = kt_test_hex(add_partitions_to_txn_v3_resp, &p);
	CHECK_INT(kt_add_partitions_to_txn_resp_decode(p, n, 3, &r, &e), 0,
		  "add_partitions_to_txn v3 response decodes");
	CHECK(r.n_topics == 1 && r.topics[0].n_parts == 1 &&
		      r.topics[0].parts[0].partition_index == 0 &&
		      r.topics[0].parts[0].error_code == 0,
	      "add_partitions_to_txn v3: partition 0 added");
	CHECK_STR(r.topics[0].name, TOPIC, "add_partitions_to_txn v3: name");
	kt_add_partitions_to_txn_resp_release(&r);
	free(p);
	n = kt_test_hex(add_partitions_to_txn_v0_resp, &p);
	CHECK_INT(kt_add_partitions_to_txn_resp_decode(p, n, 0, &r, &e), 0,
		  "add_partitions_to_txn v0 response decodes");
	CHECK(r.n_topics == 1 && r.topics[0].parts[0].error_code == 0,
	      "add_partitions_to_txn v0: added");
	kt_add_partitions_to_txn_resp_release(&r);
	free(p);
	KT_TEST_DEC_CASES(dec_cases);
}

static void test_end_txn(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_end_txn, end_txn_v0_commit_resp, 0, KT_TEST_CUTS,
		 "end_txn v0 response"},
		{dec_end_txn, end_txn_v4_abort_resp, 4, KT_TEST_CUTS,
		 "end_txn v4 response"},
		{dec_end_txn, end_txn_v5_resp, 5, KT_TEST_CUTS,
		 "end_txn v5 response"},
	};
	struct kt_end_txn_req req = {"kt-data-txn-a1", 3, 0, true};
	struct kt_end_txn_resp r;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_end_txn_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b, end_txn_v0_commit_req, "end_txn v0 request");
	kt_buf_reset(&b);
	rc = kt_end_txn_req_encode(&b, 5, &req);
	kt_test_encoded(rc, &b, end_txn_v5_req, "end_txn v5 request");
	kt_buf_reset(&b);
	req.committed = false;
	rc = kt_end_txn_req_encode(&b, 4, &req);
	kt_test_encoded(rc, &b, end_txn_v4_abort_req,
			"end_txn v4 abort request");
	kt_buf_release(&b);

	n = kt_test_hex(end_txn_v0_commit_resp, &p);
	CHECK_INT(kt_end_txn_resp_decode(p, n, 0, &r, &e), 0,
		  "end_txn v0 response decodes");
	CHECK(r.error_code == 0 && r.producer_id == -1,
	      "end_txn v0: committed, no new producer id");
	free(p);
	/* the transaction had been committed already: INVALID_TXN_STATE */
	n = kt_test_hex(end_txn_v5_resp, &p);
	CHECK_INT(kt_end_txn_resp_decode(p, n, 5, &r, &e), 0,
		  "end_txn v5 response decodes");
	CHECK(r.error_code == 48 && r.producer_id == -1 &&
		      r.producer_epoch == -1,
	      "end_txn v5: INVALID_TXN_STATE, producer -1/-1");
	free(p);
	KT_TEST_DEC_CASES(dec_cases);
}

void test_proto_produce(void)
{
	test_produce_encode();
	test_produce_decode();
	test_produce_tags();
	test_init_producer_id();
	test_add_partitions_to_txn();
	test_end_txn();
}
