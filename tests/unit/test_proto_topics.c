/*
 * test_proto_topics.c - CreateTopics, DeleteTopics, CreatePartitions and
 * DescribeTopicPartitions bodies: encoder golden bytes (hand-annotated from
 * the 4.3.1 schemas; each was also sent to a real 4.3.1 broker, which
 * accepted it), decoders on response bodies captured from that broker,
 * every truncation, absurd counts, trailing bytes.
 *
 * How the responses were captured: a throwaway Python script (socket +
 * struct) against Apache Kafka 4.3.1 (one KRaft node, node.id 1, at
 * 127.0.0.1:19092) sent ApiVersions v3, then a request body built by these
 * encoders with request header v2 (flexible versions) or v1, and printed the
 * response body that follows the response header. Topic names carry the
 * unique prefix "ktadm12688"; they were all deleted afterwards.
 */
#include "unit.h"

#include "proto_test.h"
#include "proto/topics.h"

void test_proto_topics(void);

#define PFX "ktadm12688"

/* ---- responses captured from the broker ---- */

/* CreateTopics v7 (the request of test_createtopics_enc): PFX-a created
 * with its topic id and all 33 of its configs; PFX-base existed already
 * (1 partition): TOPIC_ALREADY_EXISTS (36) with a message. */
static const char resp_createtopics_v7[] =
	"00000000030d6b7461646d31323638382d61abb25dace536456ab9dd8bb79f5b"
	"a284000000000000030001220f636c65616e75702e706f6c69637908636f6d70"
	"6163740001000017636f6d7072657373696f6e2e677a69702e6c6576656c032d"
	"310005000016636f6d7072657373696f6e2e6c7a342e6c6576656c0239000500"
	"0011636f6d7072657373696f6e2e747970650970726f64756365720005000017"
	"636f6d7072657373696f6e2e7a7374642e6c6576656c0233000500001464656c"
	"6574652e726574656e74696f6e2e6d7309383634303030303000050000156669"
	"6c652e64656c6574652e64656c61792e6d73063630303030000500000f666c75"
	"73682e6d65737361676573143932323333373230333638353437373538303700"
	"05000009666c7573682e6d731439323233333732303336383534373735383037"
	"0005000028666f6c6c6f7765722e7265706c69636174696f6e2e7468726f7474"
	"6c65642e7265706c69636173010005000015696e6465782e696e74657276616c"
	"2e6279746573053430393600050000266c65616465722e7265706c6963617469"
	"6f6e2e7468726f74746c65642e7265706c696361730100050000166c6f63616c"
	"2e726574656e74696f6e2e6279746573032d3200050000136c6f63616c2e7265"
	"74656e74696f6e2e6d73032d3200050000166d61782e636f6d70616374696f6e"
	"2e6c61672e6d7314393232333337323033363835343737353830370005000012"
	"6d61782e6d6573736167652e62797465730831303438353838000500001f6d65"
	"73736167652e74696d657374616d702e61667465722e6d61782e6d7308333630"
	"3030303000050000206d6573736167652e74696d657374616d702e6265666f72"
	"652e6d61782e6d73143932323333373230333638353437373538303700050000"
	"176d6573736167652e74696d657374616d702e747970650b4372656174655469"
	"6d65000500001a6d696e2e636c65616e61626c652e64697274792e726174696f"
	"04302e3500050000166d696e2e636f6d70616374696f6e2e6c61672e6d730230"
	"00050000146d696e2e696e73796e632e7265706c696361730231000300000c70"
	"7265616c6c6f636174650666616c7365000500001872656d6f74652e6c6f672e"
	"636f70792e64697361626c650666616c7365000500001d72656d6f74652e6c6f"
	"672e64656c6574652e6f6e2e64697361626c650666616c736500050000167265"
	"6d6f74652e73746f726167652e656e61626c650666616c736500050000107265"
	"74656e74696f6e2e6279746573032d31000500000d726574656e74696f6e2e6d"
	"730a363034383030303030000500000e7365676d656e742e6279746573083130"
	"343835373600040000147365676d656e742e696e6465782e6279746573093130"
	"34383537363000050000127365676d656e742e6a69747465722e6d7302300005"
	"00000b7365676d656e742e6d730a363034383030303030000500001f756e636c"
	"65616e2e6c65616465722e656c656374696f6e2e656e61626c650666616c7365"
	"0005000000106b7461646d31323638382d626173650000000000000000000000"
	"0000000000002428546f70696320276b7461646d31323638382d626173652720"
	"616c7265616479206578697374732effffffffffff010000";

/* CreateTopics v4 (classic): PFX-b with a manual assignment of 2
 * partitions on broker 1 and retention.ms=3600000; created. */
static const char resp_createtopics_v4[] =
	"0000000000000001000c6b7461646d31323638382d620000ffff";

/* DeleteTopics v6: PFX-a by topic id, PFX-nosuch by name
 * (UNKNOWN_TOPIC_OR_PARTITION 3 with a message, zero id). */
static const char resp_deletetopics_v6[] =
	"00000000030d6b7461646d31323638382d61abb25dace536456ab9dd8bb79f5b"
	"a28400000000126b7461646d31323638382d6e6f737563680000000000000000"
	"0000000000000000000330546869732073657276657220646f6573206e6f7420"
	"686f7374207468697320746f7069632d706172746974696f6e2e0000";

/* DeleteTopics v1 (classic): PFX-b and PFX-c by name; both deleted. */
static const char resp_deletetopics_v1[] =
	"0000000000000002000c6b7461646d31323638382d620000000c6b7461646d31"
	"323638382d630000";

/* CreatePartitions v3: PFX-base from 1 to 3 partitions (ok) and
 * PFX-nosuch (UNKNOWN_TOPIC_OR_PARTITION 3, null message). */
static const char resp_createpartitions_v3[] =
	"0000000003106b7461646d31323638382d6261736500000000126b7461646d31"
	"323638382d6e6f737563680003000000";

/* CreatePartitions v0 (classic): PFX-base from 3 to 4 partitions with an
 * explicit assignment on broker 1; ok, null message. */
static const char resp_createpartitions_v0[] =
	"0000000000000001000f6b7461646d31323638382d626173650000ffff";

/* DescribeTopicPartitions v0, page 1: PFX-base (4 partitions) and
 * PFX-nosuch with ResponsePartitionLimit 2: partitions 0 and 1, and a
 * NextCursor (PFX-base, 2). ELR is on: empty, non-null ELR lists. */
static const char resp_dtp_v0_page1[] =
	"00000000020000106b7461646d31323638382d626173656fc885ed986e497493"
	"8725dcc12a3f5100030000000000000000000100000000020000000102000000"
	"0101010100000000000001000000010000000002000000010200000001010101"
	"0000000df80001106b7461646d31323638382d62617365000000020000";

/* DescribeTopicPartitions v0, page 2 (Cursor PFX-base/2, limit 100):
 * partitions 2 and 3, then PFX-nosuch with UNKNOWN_TOPIC_OR_PARTITION,
 * and a null NextCursor. */
static const char resp_dtp_v0_page2[] =
	"00000000030000106b7461646d31323638382d626173656fc885ed986e497493"
	"8725dcc12a3f5100030000000000020000000100000000020000000102000000"
	"0101010100000000000003000000010000000002000000010200000001010101"
	"0000000df8000003126b7461646d31323638382d6e6f73756368000000000000"
	"00000000000000000000000100000df800ff00";

KT_TEST_DEC_ARENA(createtopics, kt_createtopics_resp,
		  kt_createtopics_resp_decode, kt_createtopics_resp_release)
KT_TEST_DEC_ARENA(deletetopics, kt_deletetopics_resp,
		  kt_deletetopics_resp_decode, kt_deletetopics_resp_release)
KT_TEST_DEC_ARENA(createpartitions, kt_createpartitions_resp,
		  kt_createpartitions_resp_decode,
		  kt_createpartitions_resp_release)
KT_TEST_DEC_ARENA(describetopicpartitions, kt_describetopicpartitions_resp,
		  kt_describetopicpartitions_resp_decode,
		  kt_describetopicpartitions_resp_release)

static uint8_t golden[8192];

static size_t hex(const char *h)
{
	return kt_unit_hex(h, golden, sizeof(golden));
}

/* ---- CreateTopics ---- */

static void test_createtopics_enc(void)
{
	static const struct kt_createtopics_config cfg[] = {
		{"cleanup.policy", "compact"}};
	static const struct kt_createtopics_topic t[] = {
		{PFX "-a", 3, 1, NULL, 0, cfg, 1},
		{PFX "-base", 1, 1, NULL, 0, NULL, 0},
	};
	static const int32_t one[] = {1};
	static const struct kt_createtopics_assignment as[] = {{0, one, 1},
							       {1, one, 1}};
	static const struct kt_createtopics_config ret[] = {
		{"retention.ms", "3600000"}};
	static const struct kt_createtopics_topic tb[] = {
		{PFX "-b", -1, -1, as, 2, ret, 1}};
	struct kt_createtopics_req req = {t, 2, 30000, false};
	struct kt_buf b;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_createtopics_req_encode(&b, 7, &req);
	kt_test_encoded(rc, &b,
			"03" /* Topics: compact, 2 */
			"0d"
			"6b7461646d31323638382d61" /* Name PFX-a */
			"00000003"		   /* NumPartitions */
			"0001"			   /* ReplicationFactor */
			"01"			   /* Assignments: empty */
			"02"			   /* Configs: 1 */
			"0f"
			"636c65616e75702e706f6c696379" /* cleanup.policy */
			"08"
			"636f6d70616374" /* compact */
			"00"		 /* config tags */
			"00"		 /* topic tags */
			"10"
			"6b7461646d31323638382d62617365" /* PFX-base */
			"00000001"
			"0001"
			"01"
			"01"
			"00"
			"00007530" /* timeoutMs 30000 */
			"00"	   /* validateOnly */
			"00",
			"CreateTopics v7"); /* tags */
	kt_buf_reset(&b);
	{
		struct kt_createtopics_topic t2[2] = {t[0], t[1]};
		struct kt_createtopics_req req2 = {t2, 2, 30000, false};

		t2[0].name = PFX "-c";
		rc = kt_createtopics_req_encode(&b, 2, &req2);
	}
	kt_test_encoded(rc, &b,
			"00000002" /* Topics: 2 */
			"000c"
			"6b7461646d31323638382d63" /* PFX-c */
			"00000003"
			"0001"
			"00000000" /* Assignments: 0 */
			"00000001" /* Configs: 1 */
			"000e"
			"636c65616e75702e706f6c696379"
			"0007"
			"636f6d70616374"
			"000f"
			"6b7461646d31323638382d62617365"
			"00000001"
			"0001"
			"00000000"
			"00000000"
			"00007530" /* timeoutMs */
			"00",
			"CreateTopics v2"); /* validateOnly */
	kt_buf_reset(&b);
	req.topics = tb;
	req.n_topics = 1;
	rc = kt_createtopics_req_encode(&b, 4, &req);
	kt_test_encoded(rc, &b,
			"00000001"
			"000c"
			"6b7461646d31323638382d62" /* PFX-b */
			"ffffffff"
			"ffff"	   /* -1, -1: from the assignment */
			"00000002" /* Assignments: 2 */
			"00000000"
			"00000001"
			"00000001" /* p0: [1] */
			"00000001"
			"00000001"
			"00000001" /* p1: [1] */
			"00000001"
			"000c"
			"726574656e74696f6e2e6d73" /* retention.ms */
			"0007"
			"33363030303030"
			"00007530"
			"00",
			"CreateTopics v4 with assignments");
	kt_buf_reset(&b);
	rc = kt_createtopics_req_encode(&b, 8, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "CreateTopics v8 refused");
	kt_buf_reset(&b);
	rc = kt_createtopics_req_encode(&b, 1, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "CreateTopics v1 refused (KIP-896)");
	kt_buf_release(&b);
}

static void test_createtopics_dec(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_createtopics, resp_createtopics_v7, 7, KT_TEST_ROBUST,
		 "CreateTopics v7"},
		{dec_createtopics, resp_createtopics_v4, 4, KT_TEST_ROBUST,
		 "CreateTopics v4"},
		{dec_createtopics, "00000000 ffffffff07", 7, -KT_EBADLEN,
		 "CreateTopics v7 topics: absurd count refused"},
		{dec_createtopics, "00000000 7fffffff", 4, -KT_EBADLEN,
		 "CreateTopics v4 topics: absurd count refused"},
		{dec_createtopics,
		 "00000000 02 02 61 0000000000000000 0000000000000000"
		 "0000 00 ffffffff ffff 8080808007",
		 7, -KT_EBADLEN,
		 "CreateTopics v7 configs: absurd count refused"},
	};
	struct kt_createtopics_resp r;
	struct kt_err err;
	char id[23];
	size_t n, i;
	int rc;

	n = hex(resp_createtopics_v7);
	rc = kt_createtopics_resp_decode(golden, n, 7, &r, &err);
	CHECK_INT(rc, 0, "CreateTopics v7 decodes");
	CHECK_INT(r.throttle_time_ms, 0, "v7 throttle");
	CHECK_INT(r.n_topics, 2, "v7 two topics");
	CHECK_STR(r.topics[0].name, PFX "-a", "v7 created topic name");
	kt_uuid_str(&r.topics[0].topic_id, id);
	CHECK_STR(id, "q7JdrOU2RWq53Yu3n1uihA", "v7 topic id");
	CHECK_INT(r.topics[0].error_code, 0, "v7 created: no error");
	CHECK(r.topics[0].error_message == NULL, "v7 created: null message");
	CHECK_INT(r.topics[0].topic_config_error_code, 0, "v7 no config error");
	CHECK_INT(r.topics[0].num_partitions, 3, "v7 num_partitions");
	CHECK_INT(r.topics[0].replication_factor, 1, "v7 replication_factor");
	CHECK_INT(r.topics[0].n_configs, 33, "v7 33 configs");
	CHECK_STR(r.topics[0].configs[0].name, "cleanup.policy",
		  "v7 first config");
	CHECK_STR(r.topics[0].configs[0].value, "compact", "v7 its value");
	CHECK_INT(r.topics[0].configs[0].config_source, 1,
		  "v7 DYNAMIC_TOPIC_CONFIG");
	CHECK(!r.topics[0].configs[0].read_only &&
		      !r.topics[0].configs[0].is_sensitive,
	      "v7 not read-only, not sensitive");
	for (i = 0; i < r.topics[0].n_configs; i++)
		if (strcmp(r.topics[0].configs[i].name, "segment.bytes") == 0)
			break;
	CHECK(i < r.topics[0].n_configs &&
		      strcmp(r.topics[0].configs[i].value, "1048576") == 0 &&
		      r.topics[0].configs[i].config_source == 4,
	      "v7 segment.bytes 1048576 from STATIC_BROKER_CONFIG");
	CHECK_STR(r.topics[1].name, PFX "-base", "v7 existing topic");
	CHECK_INT(r.topics[1].error_code, 36, "v7 TOPIC_ALREADY_EXISTS");
	CHECK_STR(r.topics[1].error_message,
		  "Topic 'ktadm12688-base' already exists.", "v7 message");
	CHECK(kt_uuid_is_zero(&r.topics[1].topic_id), "v7 error: zero id");
	CHECK(r.topics[1].num_partitions == -1 &&
		      r.topics[1].replication_factor == -1,
	      "v7 error: -1 partitions and replication");
	CHECK(r.topics[1].configs != NULL && r.topics[1].n_configs == 0,
	      "v7 error: empty, non-null configs");
	kt_createtopics_resp_release(&r);
	kt_createtopics_resp_release(&r);
	CHECK(r.topics == NULL && r.arena.head == NULL,
	      "release empties and is idempotent");

	n = hex(resp_createtopics_v4);
	rc = kt_createtopics_resp_decode(golden, n, 4, &r, &err);
	CHECK(rc == 0 && r.n_topics == 1 && r.topics[0].error_code == 0 &&
		      strcmp(r.topics[0].name, PFX "-b") == 0 &&
		      r.topics[0].error_message == NULL,
	      "CreateTopics v4 (classic) decodes");
	CHECK(r.topics[0].num_partitions == -1 && r.topics[0].configs == NULL,
	      "v4: fields of v5+ hold their defaults");
	kt_createtopics_resp_release(&r);

	/* tag 0 (TopicConfigErrorCode) is read, an unknown tag 5 skipped */
	n = hex("00000000 02 0261 0000 00 ffffffff ffff 00"
		"02 00 02 0029 05 01 ff 00");
	rc = kt_createtopics_resp_decode(golden, n, 5, &r, &err);
	CHECK(rc == 0 && r.topics[0].topic_config_error_code == 41 &&
		      r.topics[0].configs == NULL,
	      "v5 tagged TopicConfigErrorCode and null configs");
	kt_createtopics_resp_release(&r);

	rc = kt_createtopics_resp_decode(golden, n, 9, &r, &err);
	CHECK(rc == -KT_EUNSUPPORTED && strstr(err.msg, "v9"),
	      "CreateTopics v9 response refused");

	KT_TEST_DEC_CASES(dec_cases);
}

/* ---- DeleteTopics ---- */

static void test_deletetopics(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_deletetopics, resp_deletetopics_v6, 6, KT_TEST_ROBUST,
		 "DeleteTopics v6"},
		{dec_deletetopics, resp_deletetopics_v1, 1, KT_TEST_ROBUST,
		 "DeleteTopics v1"},
		{dec_deletetopics, "00000000 ffffffff0f", 6, -KT_EBADLEN,
		 "DeleteTopics v6: absurd count refused"},
		{dec_deletetopics, "00000000 10000000 0000", 1, -KT_EBADLEN,
		 "DeleteTopics v1: absurd count refused"},
	};
	struct kt_deletetopics_topic t[2];
	struct kt_deletetopics_req req = {t, 2, 30000};
	struct kt_deletetopics_resp r;
	struct kt_err err;
	struct kt_buf b;
	char id[23];
	size_t n;
	int rc;

	memset(t, 0, sizeof(t));
	kt_uuid_parse("q7JdrOU2RWq53Yu3n1uihA", &t[0].topic_id);
	t[1].name = PFX "-nosuch";
	kt_buf_init(&b, 0);
	rc = kt_deletetopics_req_encode(&b, 6, &req);
	kt_test_encoded(rc, &b,
			"03"				   /* Topics: 2 */
			"00"				   /* Name: null */
			"abb25dace536456ab9dd8bb79f5ba284" /* TopicId */
			"00"				   /* tags */
			"12"
			"6b7461646d31323638382d6e6f73756368" /* nosuch */
			"00000000000000000000000000000000"   /* no id */
			"00"
			"00007530" /* TimeoutMs */
			"00",
			"DeleteTopics v6");
	kt_buf_reset(&b);
	rc = kt_deletetopics_req_encode(&b, 5, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "DeleteTopics v5 cannot send an id");
	kt_buf_reset(&b);
	t[0].name = PFX "-b";
	memset(&t[0].topic_id, 0, sizeof(t[0].topic_id));
	t[1].name = PFX "-c";
	rc = kt_deletetopics_req_encode(&b, 1, &req);
	kt_test_encoded(rc, &b,
			"00000002" /* TopicNames: 2 */
			"000c"
			"6b7461646d31323638382d62"
			"000c"
			"6b7461646d31323638382d63"
			"00007530",
			"DeleteTopics v1");
	kt_buf_reset(&b);
	rc = kt_deletetopics_req_encode(&b, 0, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "DeleteTopics v0 refused (KIP-896)");
	kt_buf_release(&b);

	n = hex(resp_deletetopics_v6);
	rc = kt_deletetopics_resp_decode(golden, n, 6, &r, &err);
	CHECK(rc == 0 && r.n_responses == 2, "DeleteTopics v6 decodes");
	kt_uuid_str(&r.responses[0].topic_id, id);
	CHECK(strcmp(r.responses[0].name, PFX "-a") == 0 &&
		      strcmp(id, "q7JdrOU2RWq53Yu3n1uihA") == 0 &&
		      r.responses[0].error_code == 0 &&
		      r.responses[0].error_message == NULL,
	      "v6 deleted by id: name and id come back");
	CHECK(r.responses[1].error_code == 3 &&
		      kt_uuid_is_zero(&r.responses[1].topic_id) &&
		      strcmp(r.responses[1].error_message,
			     "This server does not host this "
			     "topic-partition.") == 0,
	      "v6 unknown topic: error 3 and message");
	kt_deletetopics_resp_release(&r);

	n = hex(resp_deletetopics_v1);
	rc = kt_deletetopics_resp_decode(golden, n, 1, &r, &err);
	CHECK(rc == 0 && r.n_responses == 2 &&
		      strcmp(r.responses[1].name, PFX "-c") == 0 &&
		      r.responses[1].error_code == 0,
	      "DeleteTopics v1 (classic) decodes");
	kt_deletetopics_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

/* ---- CreatePartitions ---- */

static void test_createpartitions(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_createpartitions, resp_createpartitions_v3, 3,
		 KT_TEST_ROBUST, "CreatePartitions v3"},
		{dec_createpartitions, resp_createpartitions_v0, 0,
		 KT_TEST_ROBUST, "CreatePartitions v0"},
		{dec_createpartitions, "00000000 8080808008", 3, -KT_EBADLEN,
		 "CreatePartitions v3: absurd count refused"},
		{dec_createpartitions, "00000000 00010000 0000", 0, -KT_EBADLEN,
		 "CreatePartitions v0: absurd count refused"},
	};
	static const int32_t one[] = {1};
	static const struct kt_createpartitions_assignment as[] = {{one, 1}};
	struct kt_createpartitions_topic t[2] = {{PFX "-base", 3, NULL, 0},
						 {PFX "-nosuch", 2, NULL, 0}};
	struct kt_createpartitions_req req = {t, 2, 30000, false};
	struct kt_createpartitions_resp r;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_createpartitions_req_encode(&b, 3, &req);
	kt_test_encoded(rc, &b,
			"03"
			"10"
			"6b7461646d31323638382d62617365"
			"00000003" /* Count */
			"00"	   /* Assignments: null */
			"00"	   /* tags */
			"12"
			"6b7461646d31323638382d6e6f73756368"
			"00000002"
			"00"
			"00"
			"00007530" /* TimeoutMs */
			"00"	   /* ValidateOnly */
			"00",
			"CreatePartitions v3");
	kt_buf_reset(&b);
	t[0].count = 4;
	t[0].assignments = as;
	t[0].n_assignments = 1;
	req.n_topics = 1;
	rc = kt_createpartitions_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"00000001"
			"000f"
			"6b7461646d31323638382d62617365"
			"00000004"
			"00000001" /* Assignments: 1 */
			"00000001"
			"00000001" /* BrokerIds [1] */
			"00007530"
			"00",
			"CreatePartitions v0");
	kt_buf_release(&b);

	n = hex(resp_createpartitions_v3);
	rc = kt_createpartitions_resp_decode(golden, n, 3, &r, &err);
	CHECK(rc == 0 && r.n_results == 2 && r.results[0].error_code == 0 &&
		      r.results[1].error_code == 3 &&
		      r.results[1].error_message == NULL &&
		      strcmp(r.results[1].name, PFX "-nosuch") == 0,
	      "CreatePartitions v3 decodes");
	kt_createpartitions_resp_release(&r);
	n = hex(resp_createpartitions_v0);
	rc = kt_createpartitions_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.n_results == 1 && r.results[0].error_code == 0 &&
		      strcmp(r.results[0].name, PFX "-base") == 0,
	      "CreatePartitions v0 (classic) decodes");
	kt_createpartitions_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

/* ---- DescribeTopicPartitions ---- */

static void test_describetopicpartitions(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_describetopicpartitions, resp_dtp_v0_page1, 0,
		 KT_TEST_ROBUST, "DescribeTopicPartitions page 1"},
		{dec_describetopicpartitions, resp_dtp_v0_page2, 0,
		 KT_TEST_ROBUST, "DescribeTopicPartitions page 2"},
		{dec_describetopicpartitions, "00000000 ffffff7f", 0,
		 -KT_EBADLEN,
		 "DescribeTopicPartitions topics: absurd count refused"},
		/* one topic whose replica list claims 2^28 brokers */
		{dec_describetopicpartitions,
		 "00000000 02 0000 02 61"
		 "00000000000000000000000000000000 00"
		 "02 0000 00000000 00000001 00000000 8080808001"
		 "0000000000000000",
		 0, -KT_EBADLEN,
		 "DescribeTopicPartitions replicas: absurd count refused"},
	};
	static const char *const names[] = {PFX "-base", PFX "-nosuch"};
	struct kt_describetopicpartitions_req req = {names, 2, 2, NULL, 0};
	struct kt_describetopicpartitions_resp r;
	struct kt_describetopicpartitions_partition *pt;
	struct kt_err err;
	struct kt_buf b;
	char id[23];
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_describetopicpartitions_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"03" /* Topics: 2 */
			"10"
			"6b7461646d31323638382d62617365"
			"00"
			"12"
			"6b7461646d31323638382d6e6f73756368"
			"00"
			"00000002" /* ResponsePartitionLimit */
			"ff"	   /* Cursor: null */
			"00",
			"DescribeTopicPartitions v0");
	kt_buf_reset(&b);
	req.response_partition_limit = 100;
	req.cursor_topic_name = PFX "-base";
	req.cursor_partition_index = 2;
	rc = kt_describetopicpartitions_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"03"
			"10"
			"6b7461646d31323638382d62617365"
			"00"
			"12"
			"6b7461646d31323638382d6e6f73756368"
			"00"
			"00000064"
			"01" /* Cursor: present */
			"10"
			"6b7461646d31323638382d62617365" /* TopicName */
			"00000002"			 /* PartitionIndex */
			"00"				 /* cursor tags */
			"00",
			"DescribeTopicPartitions v0 with cursor");
	kt_buf_release(&b);

	n = hex(resp_dtp_v0_page1);
	rc = kt_describetopicpartitions_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.n_topics == 1, "DescribeTopicPartitions page 1");
	kt_uuid_str(&r.topics[0].topic_id, id);
	CHECK(strcmp(r.topics[0].name, PFX "-base") == 0 &&
		      r.topics[0].error_code == 0 && !r.topics[0].is_internal &&
		      r.topics[0].n_partitions == 2 &&
		      r.topics[0].topic_authorized_operations == 0xdf8,
	      "page 1: PFX-base, 2 partitions, operations 0xdf8");
	pt = &r.topics[0].partitions[1];
	CHECK(pt->partition_index == 1 && pt->leader_id == 1 &&
		      pt->leader_epoch == 0 && pt->n_replica_nodes == 1 &&
		      pt->replica_nodes[0] == 1 && pt->n_isr_nodes == 1 &&
		      pt->isr_nodes[0] == 1,
	      "page 1: partition 1 led by broker 1");
	CHECK(pt->eligible_leader_replicas && !pt->n_eligible_leader_replicas &&
		      pt->last_known_elr && !pt->n_last_known_elr &&
		      pt->offline_replicas && !pt->n_offline_replicas,
	      "page 1: ELR lists empty but not null");
	CHECK(r.next_cursor_topic_name &&
		      strcmp(r.next_cursor_topic_name, PFX "-base") == 0 &&
		      r.next_cursor_partition_index == 2,
	      "page 1: next cursor PFX-base/2");
	kt_describetopicpartitions_resp_release(&r);

	n = hex(resp_dtp_v0_page2);
	rc = kt_describetopicpartitions_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.n_topics == 2 && r.topics[0].n_partitions == 2 &&
		      r.topics[0].partitions[0].partition_index == 2 &&
		      r.topics[0].partitions[1].partition_index == 3,
	      "page 2: partitions 2 and 3");
	CHECK(r.topics[1].error_code == 3 &&
		      strcmp(r.topics[1].name, PFX "-nosuch") == 0 &&
		      r.topics[1].n_partitions == 0,
	      "page 2: unknown topic, error 3");
	CHECK(r.next_cursor_topic_name == NULL, "page 2: last page");
	kt_describetopicpartitions_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

void test_proto_topics(void)
{
	test_createtopics_enc();
	test_createtopics_dec();
	test_deletetopics();
	test_createpartitions();
	test_describetopicpartitions();
}
