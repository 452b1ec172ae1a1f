/*
 * test_proto_group.c - consumer-group bodies (FindCoordinator, JoinGroup,
 * SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch,
 * ConsumerGroupHeartbeat) and the embedded consumer protocol: encoders
 * against golden bytes, decoders on responses captured from a real broker,
 * every truncation, absurd counts.
 *
 * How the bytes were captured: a throwaway Python script (stdlib socket and
 * struct, not committed) connected to an Apache Kafka 4.3.1 broker
 * (single KRaft node, 127.0.0.1:19092, which is also the coordinator), sent
 * ApiVersions v3, then each request body below with a request header (v1, or
 * v2 when flexible) and dumped the response body after the response header.
 * The request bodies are the same bytes the encoders must produce, so each
 * golden request was accepted by the broker. Groups "kt-data-g9-a1" (newest
 * versions: join twice for MEMBER_ID_REQUIRED, sync as leader, heartbeat,
 * commit, fetch, leave), "kt-data-g0-a1" (oldest versions) and
 * "kt-data-g848-a1" (KIP-848: join, a stale-epoch heartbeat, leave), on
 * topic "kt-data-body-14040" (id 932cc1e8dc0c49dc913931e3e75ff198).
 */
#include "proto_test.h"

#include "proto/group.h"

void test_proto_group(void);

#define TOPIC "kt-data-body-14040"
#define G9 "kt-data-g9-a1"
#define G0 "kt-data-g0-a1"
#define G848 "kt-data-g848-a1"
#define MEMBER9 "kt-cap-6716f1b4-1fe0-48e3-a5bb-85baef195012"
#define MEMBER0 "kt-cap-7a47d8da-b77d-422f-9c44-3816a15df139"
#define MEMBER848 "ASNFZ4mrze8BI0VniavN7w"

static const uint8_t topic_id[16] = {0x93, 0x2c, 0xc1, 0xe8, 0xdc, 0x0c,
				     0x49, 0xdc, 0x91, 0x39, 0x31, 0xe3,
				     0xe7, 0x5f, 0xf1, 0x98};

/* The embedded protocol bytes sent inside the requests below. */
static const char sub_v3[] =
	"0003 00000001 0012 6b742d646174612d626f64792d3134303430"
	"ffffffff 00000000 ffffffff ffff";
static const char sub_v0[] =
	"0000 00000001 0012 6b742d646174612d626f64792d3134303430 ffffffff";
static const char asg_v3[] =
	"0003 00000001 0012 6b742d646174612d626f64792d3134303430"
	"00000001 00000000 ffffffff";
static const char asg_v0[] =
	"0000 00000001 0012 6b742d646174612d626f64792d3134303430"
	"00000001 00000000 ffffffff";

static const char find_coordinator_v0_req[] = "000d6b742d646174612d67302d6131";
static const char find_coordinator_v0_resp[] =
	"00000000000100093132372e302e302e3100004a94";
static const char find_coordinator_v6_req[] =
	"00020e6b742d646174612d67392d613100";
static const char find_coordinator_v6_resp[] =
	"00000000020e6b742d646174612d67392d6131000000010a3132372e302e302e"
	"3100004a940000010000";
static const char join_group_v9_first_resp[] =
	"00000000004fffffffff000001002c6b742d6361702d36373136663162342d31"
	"6665302d343865332d613562622d3835626165663139353031320100";
static const char join_group_v9_req[] =
	"0e6b742d646174612d67392d61310000afc8000493e02c6b742d6361702d3637"
	"3136663162342d316665302d343865332d613562622d38356261656631393530"
	"31320009636f6e73756d6572020672616e67652900030000000100126b742d64"
	"6174612d626f64792d3134303430ffffffff00000000ffffffffffff000c6b61"
	"666b6974207465737400";
static const char join_group_v9_resp[] =
	"0000000000000000000109636f6e73756d65720672616e67652c6b742d636170"
	"2d36373136663162342d316665302d343865332d613562622d38356261656631"
	"3935303132002c6b742d6361702d36373136663162342d316665302d34386533"
	"2d613562622d383562616566313935303132022c6b742d6361702d3637313666"
	"3162342d316665302d343865332d613562622d38356261656631393530313200"
	"2900030000000100126b742d646174612d626f64792d3134303430ffffffff00"
	"000000ffffffffffff0000";
static const char join_group_v0_req[] =
	"000d6b742d646174612d67302d61310000271000000008636f6e73756d657200"
	"000001000572616e67650000001e00000000000100126b742d646174612d626f"
	"64792d3134303430ffffffff";
static const char join_group_v0_resp[] =
	"000000000001000572616e6765002b6b742d6361702d37613437643864612d62"
	"3737642d343232662d396334342d333831366131356466313339002b6b742d63"
	"61702d37613437643864612d623737642d343232662d396334342d3338313661"
	"3135646631333900000001002b6b742d6361702d37613437643864612d623737"
	"642d343232662d396334342d3338313661313564663133390000001e00000000"
	"000100126b742d646174612d626f64792d3134303430ffffffff";
static const char sync_group_v5_req[] =
	"0e6b742d646174612d67392d6131000000012c6b742d6361702d363731366631"
	"62342d316665302d343865332d613562622d3835626165663139353031320009"
	"636f6e73756d65720672616e6765022c6b742d6361702d36373136663162342d"
	"316665302d343865332d613562622d3835626165663139353031322700030000"
	"000100126b742d646174612d626f64792d31343034300000000100000000ffff"
	"ffff0000";
static const char sync_group_v5_resp[] =
	"00000000000009636f6e73756d65720672616e67652700030000000100126b74"
	"2d646174612d626f64792d31343034300000000100000000ffffffff00";
static const char sync_group_v0_req[] =
	"000d6b742d646174612d67302d613100000001002b6b742d6361702d37613437"
	"643864612d623737642d343232662d396334342d333831366131356466313339"
	"00000001002b6b742d6361702d37613437643864612d623737642d343232662d"
	"396334342d3338313661313564663133390000002600000000000100126b742d"
	"646174612d626f64792d31343034300000000100000000ffffffff";
static const char sync_group_v0_resp[] =
	"00000000002600000000000100126b742d646174612d626f64792d3134303430"
	"0000000100000000ffffffff";
static const char heartbeat_v4_req[] =
	"0e6b742d646174612d67392d6131000000012c6b742d6361702d363731366631"
	"62342d316665302d343865332d613562622d3835626165663139353031320000";
static const char heartbeat_v4_resp[] = "00000000000000";
static const char heartbeat_v0_req[] =
	"000d6b742d646174612d67302d613100000001002b6b742d6361702d37613437"
	"643864612d623737642d343232662d396334342d333831366131356466313339";
static const char heartbeat_v0_resp[] = "0000";
static const char leave_group_v5_req[] =
	"0e6b742d646174612d67392d6131022c6b742d6361702d36373136663162342d"
	"316665302d343865332d613562622d3835626165663139353031320004627965"
	"0000";
static const char leave_group_v5_resp[] =
	"000000000000022c6b742d6361702d36373136663162342d316665302d343865"
	"332d613562622d3835626165663139353031320000000000";
static const char leave_group_v0_req[] =
	"000d6b742d646174612d67302d6131002b6b742d6361702d3761343764386461"
	"2d623737642d343232662d396334342d333831366131356466313339";
static const char leave_group_v0_resp[] = "0000";
static const char offset_commit_v10_req[] =
	"0e6b742d646174612d67392d6131000000012c6b742d6361702d363731366631"
	"62342d316665302d343865332d613562622d3835626165663139353031320002"
	"932cc1e8dc0c49dc913931e3e75ff19802000000000000000000000003ffffff"
	"ff01000000";
static const char offset_commit_v10_resp[] =
	"0000000002932cc1e8dc0c49dc913931e3e75ff19802000000000000000000";
static const char offset_commit_v2_req[] =
	"000d6b742d646174612d67302d613100000001002b6b742d6361702d37613437"
	"643864612d623737642d343232662d396334342d333831366131356466313339"
	"ffffffffffffffff0000000100126b742d646174612d626f64792d3134303430"
	"0000000100000000000000000000000200046d657461";
static const char offset_commit_v2_resp[] =
	"0000000100126b742d646174612d626f64792d31343034300000000100000000"
	"0000";
static const char offset_fetch_v10_req[] =
	"020e6b742d646174612d67392d613100ffffffff02932cc1e8dc0c49dc913931"
	"e3e75ff198020000000000000000";
static const char offset_fetch_v10_resp[] =
	"00000000020e6b742d646174612d67392d613102932cc1e8dc0c49dc913931e3"
	"e75ff19802000000000000000000000003ffffffff010000000000000000";
static const char offset_fetch_v9_all_req[] =
	"020e6b742d646174612d67392d613100ffffffff00000100";
static const char offset_fetch_v9_all_resp[] =
	"00000000020e6b742d646174612d67392d613102136b742d646174612d626f64"
	"792d313430343002000000000000000000000003ffffffff0100000000000000"
	"00";
static const char offset_fetch_v1_req[] =
	"000d6b742d646174612d67302d61310000000100126b742d646174612d626f64"
	"792d31343034300000000100000000";
static const char offset_fetch_v1_resp[] =
	"0000000100126b742d646174612d626f64792d31343034300000000100000000"
	"000000000000000200046d6574610000";
static const char consumer_group_heartbeat_v1_req[] =
	"106b742d646174612d673834382d61311741534e465a346d727a653842493056"
	"6e6961764e3777000000000000000493e002136b742d646174612d626f64792d"
	"313430343000000100";
static const char consumer_group_heartbeat_v1_resp[] =
	"000000000000001741534e465a346d727a6538424930566e6961764e37770000"
	"0002000013880102932cc1e8dc0c49dc913931e3e75ff1980200000000000000";
static const char consumer_group_heartbeat_v1_b_resp[] =
	"00000000006ea10154686520636f6e73756d65722067726f7570206d656d6265"
	"7220686173206120736d616c6c6572206d656d6265722065706f636820283129"
	"207468616e20746865206f6e65206b6e6f776e206279207468652067726f7570"
	"20636f6f7264696e61746f72202832292e20546865206d656d626572206d7573"
	"74206162616e646f6e20616c6c2069747320706172746974696f6e7320616e64"
	"2072656a6f696e2e000000000000000000ff00";
static const char consumer_group_heartbeat_v0_leave_req[] =
	"106b742d646174612d673834382d61311741534e465a346d727a653842493056"
	"6e6961764e3777ffffffff0000ffffffff00000000";
static const char consumer_group_heartbeat_v0_leave_resp[] =
	"000000000000001741534e465a346d727a6538424930566e6961764e3777ffff"
	"ffff00000000ff00";

KT_TEST_DEC_ARENA(find, kt_find_coordinator_resp,
		  kt_find_coordinator_resp_decode,
		  kt_find_coordinator_resp_release)
KT_TEST_DEC_ARENA(join, kt_join_group_resp, kt_join_group_resp_decode,
		  kt_join_group_resp_release)
KT_TEST_DEC_ARENA(sync, kt_sync_group_resp, kt_sync_group_resp_decode,
		  kt_sync_group_resp_release)
KT_TEST_DEC_ARENA(leave, kt_leave_group_resp, kt_leave_group_resp_decode,
		  kt_leave_group_resp_release)
KT_TEST_DEC_ARENA(commit, kt_offset_commit_resp, kt_offset_commit_resp_decode,
		  kt_offset_commit_resp_release)
KT_TEST_DEC_ARENA(ofetch, kt_offset_fetch_resp, kt_offset_fetch_resp_decode,
		  kt_offset_fetch_resp_release)
KT_TEST_DEC_ARENA(cgh, kt_consumer_group_heartbeat_resp,
		  kt_consumer_group_heartbeat_resp_decode,
		  kt_consumer_group_heartbeat_resp_release)

static int dec_hb(const uint8_t *p, size_t len, int16_t v, struct kt_err *err)
{
	struct kt_heartbeat_resp r;

	return kt_heartbeat_resp_decode(p, len, v, &r, err);
}

/* The consumer protocol is versioned inside the bytes: v is unused. */
static int dec_sub(const uint8_t *p, size_t len, int16_t v, struct kt_err *err)
{
	struct kt_consumer_subscription_dec s;
	int rc = kt_consumer_subscription_decode(p, len, &s, err);

	(void)v;
	kt_consumer_subscription_release(&s);
	return rc;
}

static int dec_asg(const uint8_t *p, size_t len, int16_t v, struct kt_err *err)
{
	struct kt_consumer_assignment_dec a;
	int rc = kt_consumer_assignment_decode(p, len, &a, err);

	(void)v;
	kt_consumer_assignment_release(&a);
	return rc;
}

static void test_find_coordinator(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_find, find_coordinator_v0_resp, 0, KT_TEST_CUTS,
		 "find_coordinator v0 response"},
		{dec_find, find_coordinator_v6_resp, 6, KT_TEST_CUTS,
		 "find_coordinator v6 response"},
		{dec_find, "00000000 ffffffff0f", 4, -KT_EBADLEN,
		 "find_coordinator v4: absurd count"},
	};
	const char *key0[] = {G0}, *key9[] = {G9}, *two[] = {"a", "b"};
	struct kt_find_coordinator_req req = {KT_COORDINATOR_GROUP, key0, 1};
	struct kt_find_coordinator_resp r;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_find_coordinator_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b, find_coordinator_v0_req,
			"find_coordinator v0 request");
	kt_buf_reset(&b);
	req.keys = key9;
	rc = kt_find_coordinator_req_encode(&b, 6, &req);
	kt_test_encoded(rc, &b, find_coordinator_v6_req,
			"find_coordinator v6 request");
	kt_buf_reset(&b);
	req.keys = two;
	req.n_keys = 2;
	CHECK_INT(kt_find_coordinator_req_encode(&b, 3, &req), -KT_EUNSUPPORTED,
		  "find_coordinator v3: one key only");
	kt_buf_reset(&b);
	req.keys = key0;
	req.n_keys = 1;
	req.key_type = KT_COORDINATOR_TRANSACTION;
	CHECK_INT(kt_find_coordinator_req_encode(&b, 0, &req), -KT_EUNSUPPORTED,
		  "find_coordinator v0: groups only");
	kt_buf_release(&b);

	n = kt_test_hex(find_coordinator_v0_resp, &p);
	CHECK_INT(kt_find_coordinator_resp_decode(p, n, 0, &r, &e), 0,
		  "find_coordinator v0 response decodes");
	CHECK(r.n_coordinators == 1 && r.coordinators[0].key == NULL &&
		      r.coordinators[0].node_id == 1 &&
		      r.coordinators[0].port == 19092 &&
		      r.coordinators[0].error_code == 0,
	      "find_coordinator v0: node 1 port 19092");
	CHECK_STR(r.coordinators[0].host, "127.0.0.1",
		  "find_coordinator v0: host");
	kt_find_coordinator_resp_release(&r);
	free(p);
	n = kt_test_hex(find_coordinator_v6_resp, &p);
	CHECK_INT(kt_find_coordinator_resp_decode(p, n, 6, &r, &e), 0,
		  "find_coordinator v6 response decodes");
	CHECK(r.n_coordinators == 1 && r.coordinators[0].node_id == 1 &&
		      r.coordinators[0].port == 19092 &&
		      r.coordinators[0].error_code == 0,
	      "find_coordinator v6: node 1");
	/* 4.3.1 sends an empty string, not null, when there is no error */
	CHECK_STR(r.coordinators[0].error_message, "",
		  "find_coordinator v6: empty error message");
	CHECK_STR(r.coordinators[0].key, G9, "find_coordinator v6: key");
	kt_find_coordinator_resp_release(&r);
	free(p);
	KT_TEST_DEC_CASES(dec_cases);
}

static void test_join_sync(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_join, join_group_v9_first_resp, 9, KT_TEST_CUTS,
		 "join_group v9 first response"},
		{dec_join, join_group_v9_resp, 9, KT_TEST_CUTS,
		 "join_group v9 response"},
		{dec_join, join_group_v0_resp, 0, KT_TEST_CUTS,
		 "join_group v0 response"},
		{dec_sync, sync_group_v5_resp, 5, KT_TEST_CUTS,
		 "sync_group v5 response"},
		{dec_sync, sync_group_v0_resp, 0, KT_TEST_CUTS,
		 "sync_group v0 response"},
		{dec_join, "0000 00000001 0001 61 0001 61 0001 61 7fffffff", 0,
		 -KT_EBADLEN, "join_group v0: absurd member count"},
		{dec_sync, "00000000 0000 7ffffff0", 3, -KT_ETRUNC,
		 "sync_group v3: assignment longer than the body"},
	};
	struct kt_join_group_protocol proto;
	struct kt_join_group_req jreq;
	struct kt_join_group_resp jr;
	struct kt_sync_group_assignment sa;
	struct kt_sync_group_req sreq;
	struct kt_sync_group_resp sr;
	struct kt_consumer_subscription_dec sub;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p, *meta;
	size_t n;
	int rc;

	proto.name = "range";
	proto.metadata.len = kt_test_hex(sub_v0, &meta);
	proto.metadata.p = meta;
	memset(&jreq, 0, sizeof(jreq));
	jreq.group_id = G0;
	jreq.session_timeout_ms = 10000;
	jreq.member_id = "";
	jreq.protocol_type = "consumer";
	jreq.protocols = &proto;
	jreq.n_protocols = 1;
	kt_buf_init(&b, 0);
	rc = kt_join_group_req_encode(&b, 0, &jreq);
	kt_test_encoded(rc, &b, join_group_v0_req, "join_group v0 request");
	free(meta);

	proto.metadata.len = kt_test_hex(sub_v3, &meta);
	proto.metadata.p = meta;
	jreq.group_id = G9;
	jreq.session_timeout_ms = 45000;
	jreq.rebalance_timeout_ms = 300000;
	jreq.member_id = MEMBER9;
	jreq.reason = "kafkit test";
	kt_buf_reset(&b);
	rc = kt_join_group_req_encode(&b, 9, &jreq);
	kt_test_encoded(rc, &b, join_group_v9_req, "join_group v9 request");
	free(meta);

	n = kt_test_hex(join_group_v9_first_resp, &p);
	CHECK_INT(kt_join_group_resp_decode(p, n, 9, &jr, &e), 0,
		  "join_group v9 first response decodes");
	CHECK(jr.error_code == 79 && jr.generation_id == -1 &&
		      jr.protocol_type == NULL && jr.protocol_name == NULL &&
		      jr.n_members == 0,
	      "join_group v9 first: MEMBER_ID_REQUIRED, nulls");
	CHECK_STR(jr.member_id, MEMBER9, "join_group v9 first: member id");
	CHECK_STR(jr.leader, "", "join_group v9 first: no leader");
	kt_join_group_resp_release(&jr);
	free(p);

	n = kt_test_hex(join_group_v9_resp, &p);
	CHECK_INT(kt_join_group_resp_decode(p, n, 9, &jr, &e), 0,
		  "join_group v9 response decodes");
	CHECK(jr.error_code == 0 && jr.generation_id == 1 &&
		      !jr.skip_assignment && jr.n_members == 1,
	      "join_group v9: generation 1, one member");
	CHECK_STR(jr.protocol_type, "consumer", "join_group v9: type");
	CHECK_STR(jr.protocol_name, "range", "join_group v9: assignor");
	CHECK_STR(jr.leader, MEMBER9, "join_group v9: we lead");
	CHECK(jr.n_members == 1 && jr.members[0].group_instance_id == NULL,
	      "join_group v9: dynamic member");
	if (jr.n_members == 1) {
		CHECK_INT(kt_consumer_subscription_decode(
				  jr.members[0].metadata.p,
				  jr.members[0].metadata.len, &sub, &e),
			  0, "join_group v9: member subscription decodes");
		CHECK(sub.version == 3 && sub.n_topics == 1 &&
			      sub.user_data.p == NULL &&
			      sub.n_owned_partitions == 0 &&
			      sub.generation_id == -1 && sub.rack_id == NULL,
		      "join_group v9: subscription v3 fields");
		CHECK_STR(sub.topics[0], TOPIC, "join_group v9: topic");
		kt_consumer_subscription_release(&sub);
	}
	kt_join_group_resp_release(&jr);
	free(p);

	n = kt_test_hex(join_group_v0_resp, &p);
	CHECK_INT(kt_join_group_resp_decode(p, n, 0, &jr, &e), 0,
		  "join_group v0 response decodes");
	CHECK(jr.error_code == 0 && jr.generation_id == 1 &&
		      jr.n_members == 1 && jr.protocol_type == NULL,
	      "join_group v0: generation 1");
	CHECK_STR(jr.protocol_name, "range", "join_group v0: assignor");
	CHECK_STR(jr.member_id, MEMBER0, "join_group v0: member id");
	kt_join_group_resp_release(&jr);
	free(p);

	/* SyncGroup: the leader hands itself partition 0 */
	memset(&sreq, 0, sizeof(sreq));
	sa.member_id = MEMBER0;
	sa.assignment.len = kt_test_hex(asg_v0, &meta);
	sa.assignment.p = meta;
	sreq.group_id = G0;
	sreq.generation_id = 1;
	sreq.member_id = MEMBER0;
	sreq.assignments = &sa;
	sreq.n_assignments = 1;
	kt_buf_reset(&b);
	rc = kt_sync_group_req_encode(&b, 0, &sreq);
	kt_test_encoded(rc, &b, sync_group_v0_req, "sync_group v0 request");
	free(meta);
	sa.member_id = MEMBER9;
	sa.assignment.len = kt_test_hex(asg_v3, &meta);
	sa.assignment.p = meta;
	sreq.group_id = G9;
	sreq.member_id = MEMBER9;
	sreq.protocol_type = "consumer";
	sreq.protocol_name = "range";
	kt_buf_reset(&b);
	rc = kt_sync_group_req_encode(&b, 5, &sreq);
	kt_test_encoded(rc, &b, sync_group_v5_req, "sync_group v5 request");
	free(meta);
	kt_buf_release(&b);

	n = kt_test_hex(sync_group_v5_resp, &p);
	CHECK_INT(kt_sync_group_resp_decode(p, n, 5, &sr, &e), 0,
		  "sync_group v5 response decodes");
	CHECK_INT(sr.error_code, 0, "sync_group v5: no error");
	CHECK_STR(sr.protocol_type, "consumer", "sync_group v5: type");
	CHECK_STR(sr.protocol_name, "range", "sync_group v5: name");
	{
		struct kt_consumer_assignment_dec a;

		CHECK_INT(kt_consumer_assignment_decode(
				  sr.assignment.p, sr.assignment.len, &a, &e),
			  0, "sync_group v5: assignment decodes");
		CHECK(a.version == 3 && a.n_assigned == 1 &&
			      a.assigned[0].n_parts == 1 &&
			      a.assigned[0].parts[0] == 0 &&
			      a.user_data.p == NULL,
		      "sync_group v5: partition 0 assigned");
		CHECK_STR(a.assigned[0].topic, TOPIC, "sync_group v5: topic");
		kt_consumer_assignment_release(&a);
	}
	kt_sync_group_resp_release(&sr);
	free(p);
	n = kt_test_hex(sync_group_v0_resp, &p);
	CHECK_INT(kt_sync_group_resp_decode(p, n, 0, &sr, &e), 0,
		  "sync_group v0 response decodes");
	CHECK(sr.error_code == 0 && sr.assignment.len == 38 &&
		      sr.protocol_name == NULL,
	      "sync_group v0: 38 assignment bytes");
	kt_sync_group_resp_release(&sr);
	free(p);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_heartbeat_leave(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_hb, heartbeat_v0_resp, 0, KT_TEST_CUTS,
		 "heartbeat v0 response"},
		{dec_hb, heartbeat_v4_resp, 4, KT_TEST_CUTS,
		 "heartbeat v4 response"},
		{dec_leave, leave_group_v0_resp, 0, KT_TEST_CUTS,
		 "leave_group v0 response"},
		{dec_leave, leave_group_v5_resp, 5, KT_TEST_CUTS,
		 "leave_group v5 response"},
		{dec_leave, "00000000 0000 ffffffff0f", 4, -KT_EBADLEN,
		 "leave_group v4: absurd member count"},
	};
	struct kt_heartbeat_req hreq = {G0, 1, MEMBER0, NULL};
	struct kt_leave_group_member_req m = {MEMBER0, NULL, NULL};
	struct kt_leave_group_req lreq = {G0, &m, 1};
	struct kt_heartbeat_resp hr;
	struct kt_leave_group_resp lr;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_heartbeat_req_encode(&b, 0, &hreq);
	kt_test_encoded(rc, &b, heartbeat_v0_req, "heartbeat v0 request");
	kt_buf_reset(&b);
	hreq.group_id = G9;
	hreq.member_id = MEMBER9;
	rc = kt_heartbeat_req_encode(&b, 4, &hreq);
	kt_test_encoded(rc, &b, heartbeat_v4_req, "heartbeat v4 request");
	kt_buf_reset(&b);
	rc = kt_leave_group_req_encode(&b, 0, &lreq);
	kt_test_encoded(rc, &b, leave_group_v0_req, "leave_group v0 request");
	kt_buf_reset(&b);
	lreq.group_id = G9;
	m.member_id = MEMBER9;
	m.reason = "bye";
	rc = kt_leave_group_req_encode(&b, 5, &lreq);
	kt_test_encoded(rc, &b, leave_group_v5_req, "leave_group v5 request");
	kt_buf_reset(&b);
	m.group_instance_id = "static";
	CHECK_INT(kt_leave_group_req_encode(&b, 2, &lreq), -KT_EUNSUPPORTED,
		  "leave_group v2: no instance ids");
	kt_buf_release(&b);

	n = kt_test_hex(heartbeat_v4_resp, &p);
	CHECK_INT(kt_heartbeat_resp_decode(p, n, 4, &hr, &e), 0,
		  "heartbeat v4 response decodes");
	CHECK(hr.error_code == 0 && hr.throttle_time_ms == 0,
	      "heartbeat v4: ok");
	free(p);
	n = kt_test_hex(heartbeat_v0_resp, &p);
	CHECK_INT(kt_heartbeat_resp_decode(p, n, 0, &hr, &e), 0,
		  "heartbeat v0 response decodes");
	free(p);

	n = kt_test_hex(leave_group_v5_resp, &p);
	CHECK_INT(kt_leave_group_resp_decode(p, n, 5, &lr, &e), 0,
		  "leave_group v5 response decodes");
	CHECK(lr.error_code == 0 && lr.n_members == 1 &&
		      lr.members[0].error_code == 0 &&
		      lr.members[0].group_instance_id == NULL,
	      "leave_group v5: member left");
	CHECK_STR(lr.members[0].member_id, MEMBER9, "leave_group v5: member");
	kt_leave_group_resp_release(&lr);
	free(p);
	n = kt_test_hex(leave_group_v0_resp, &p);
	CHECK_INT(kt_leave_group_resp_decode(p, n, 0, &lr, &e), 0,
		  "leave_group v0 response decodes");
	CHECK(lr.error_code == 0 && lr.n_members == 0, "leave_group v0: ok");
	kt_leave_group_resp_release(&lr);
	free(p);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_offsets(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_commit, offset_commit_v2_resp, 2, KT_TEST_CUTS,
		 "offset_commit v2 response"},
		{dec_commit, offset_commit_v10_resp, 10, KT_TEST_CUTS,
		 "offset_commit v10 response"},
		{dec_ofetch, offset_fetch_v1_resp, 1, KT_TEST_CUTS,
		 "offset_fetch v1 response"},
		{dec_ofetch, offset_fetch_v9_all_resp, 9, KT_TEST_CUTS,
		 "offset_fetch v9 response"},
		{dec_ofetch, offset_fetch_v10_resp, 10, KT_TEST_CUTS,
		 "offset_fetch v10 response"},
		{dec_commit, "00000000 7fffffff", 3, -KT_EBADLEN,
		 "offset_commit v3: absurd topic count"},
		{dec_ofetch, "00000000 02 02 61 ffffffff0f", 8, -KT_EBADLEN,
		 "offset_fetch v8: absurd topic count"},
	};
	struct kt_offset_commit_part_req cp = {0, 2, -1, "meta"};
	struct kt_offset_commit_topic_req ct;
	struct kt_offset_commit_req creq;
	static const int32_t parts[] = {0};
	struct kt_offset_fetch_topic_req ft;
	struct kt_offset_fetch_group_req fg;
	struct kt_offset_fetch_req freq = {&fg, 1, false};
	struct kt_offset_commit_resp cr;
	struct kt_offset_fetch_resp fr;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p;
	size_t n;
	int rc;

	memset(&ct, 0, sizeof(ct));
	ct.name = TOPIC;
	memcpy(ct.topic_id.b, topic_id, 16);
	ct.parts = &cp;
	ct.n_parts = 1;
	memset(&creq, 0, sizeof(creq));
	creq.group_id = G0;
	creq.generation_id_or_member_epoch = 1;
	creq.member_id = MEMBER0;
	creq.retention_time_ms = -1;
	creq.topics = &ct;
	creq.n_topics = 1;
	kt_buf_init(&b, 0);
	rc = kt_offset_commit_req_encode(&b, 2, &creq);
	kt_test_encoded(rc, &b, offset_commit_v2_req,
			"offset_commit v2 request");
	creq.group_id = G9;
	creq.member_id = MEMBER9;
	cp.committed_offset = 3;
	cp.committed_metadata = "";
	kt_buf_reset(&b);
	rc = kt_offset_commit_req_encode(&b, 10, &creq);
	kt_test_encoded(rc, &b, offset_commit_v10_req,
			"offset_commit v10 request");

	memset(&ft, 0, sizeof(ft));
	ft.name = TOPIC;
	memcpy(ft.topic_id.b, topic_id, 16);
	ft.parts = parts;
	ft.n_parts = 1;
	memset(&fg, 0, sizeof(fg));
	fg.group_id = G0;
	fg.member_epoch = -1;
	fg.topics = &ft;
	fg.n_topics = 1;
	kt_buf_reset(&b);
	rc = kt_offset_fetch_req_encode(&b, 1, &freq);
	kt_test_encoded(rc, &b, offset_fetch_v1_req, "offset_fetch v1 request");
	fg.group_id = G9;
	kt_buf_reset(&b);
	rc = kt_offset_fetch_req_encode(&b, 10, &freq);
	kt_test_encoded(rc, &b, offset_fetch_v10_req,
			"offset_fetch v10 request");
	fg.all_topics = true;
	freq.require_stable = true;
	kt_buf_reset(&b);
	rc = kt_offset_fetch_req_encode(&b, 9, &freq);
	kt_test_encoded(rc, &b, offset_fetch_v9_all_req,
			"offset_fetch v9 all-topics request");
	kt_buf_reset(&b);
	CHECK_INT(kt_offset_fetch_req_encode(&b, 1, &freq), -KT_EUNSUPPORTED,
		  "offset_fetch v1 cannot ask for all topics");
	kt_buf_release(&b);

	n = kt_test_hex(offset_commit_v10_resp, &p);
	CHECK_INT(kt_offset_commit_resp_decode(p, n, 10, &cr, &e), 0,
		  "offset_commit v10 response decodes");
	CHECK(cr.n_topics == 1 && cr.topics[0].name == NULL &&
		      memcmp(cr.topics[0].topic_id.b, topic_id, 16) == 0 &&
		      cr.topics[0].n_parts == 1 &&
		      cr.topics[0].parts[0].error_code == 0,
	      "offset_commit v10: committed by topic id");
	kt_offset_commit_resp_release(&cr);
	free(p);
	n = kt_test_hex(offset_commit_v2_resp, &p);
	CHECK_INT(kt_offset_commit_resp_decode(p, n, 2, &cr, &e), 0,
		  "offset_commit v2 response decodes");
	CHECK(cr.n_topics == 1 && cr.topics[0].parts[0].error_code == 0,
	      "offset_commit v2: committed");
	CHECK_STR(cr.topics[0].name, TOPIC, "offset_commit v2: name");
	kt_offset_commit_resp_release(&cr);
	free(p);

	n = kt_test_hex(offset_fetch_v10_resp, &p);
	CHECK_INT(kt_offset_fetch_resp_decode(p, n, 10, &fr, &e), 0,
		  "offset_fetch v10 response decodes");
	CHECK(fr.n_groups == 1 && fr.groups[0].error_code == 0 &&
		      fr.groups[0].n_topics == 1 &&
		      fr.groups[0].topics[0].n_parts == 1,
	      "offset_fetch v10: one group, one partition");
	CHECK_STR(fr.groups[0].group_id, G9, "offset_fetch v10: group");
	CHECK(fr.groups[0].topics[0].parts[0].committed_offset == 3 &&
		      fr.groups[0].topics[0].parts[0].committed_leader_epoch ==
			      -1 &&
		      memcmp(fr.groups[0].topics[0].topic_id.b, topic_id, 16) ==
			      0,
	      "offset_fetch v10: offset 3 by topic id");
	CHECK_STR(fr.groups[0].topics[0].parts[0].metadata, "",
		  "offset_fetch v10: empty metadata");
	kt_offset_fetch_resp_release(&fr);
	free(p);
	n = kt_test_hex(offset_fetch_v9_all_resp, &p);
	CHECK_INT(kt_offset_fetch_resp_decode(p, n, 9, &fr, &e), 0,
		  "offset_fetch v9 response decodes");
	CHECK_STR(fr.groups[0].topics[0].name, TOPIC,
		  "offset_fetch v9: all topics by name");
	kt_offset_fetch_resp_release(&fr);
	free(p);
	n = kt_test_hex(offset_fetch_v1_resp, &p);
	CHECK_INT(kt_offset_fetch_resp_decode(p, n, 1, &fr, &e), 0,
		  "offset_fetch v1 response decodes");
	CHECK(fr.n_groups == 1 && fr.groups[0].group_id == NULL &&
		      fr.groups[0].topics[0].parts[0].committed_offset == 2 &&
		      fr.groups[0].topics[0].parts[0].error_code == 0,
	      "offset_fetch v1: offset 2");
	CHECK_STR(fr.groups[0].topics[0].parts[0].metadata, "meta",
		  "offset_fetch v1: metadata");
	kt_offset_fetch_resp_release(&fr);
	free(p);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_consumer_group_heartbeat(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_cgh, consumer_group_heartbeat_v1_resp, 1, KT_TEST_CUTS,
		 "consumer_group_heartbeat v1 response"},
		{dec_cgh, consumer_group_heartbeat_v1_b_resp, 1, KT_TEST_CUTS,
		 "consumer_group_heartbeat v1 error response"},
		{dec_cgh, consumer_group_heartbeat_v0_leave_resp, 0,
		 KT_TEST_CUTS, "consumer_group_heartbeat v0 response"},
		{dec_cgh, "00000000 0000 00 00 00000001 00001388 02", 1,
		 -KT_EPROTO, "consumer_group_heartbeat: bad struct marker"},
		{dec_cgh, "00000000 0000 00 00 00000001 00001388 01 ffffffff0f",
		 1, -KT_EBADLEN,
		 "consumer_group_heartbeat: absurd assignment count"},
	};
	const char *topics[] = {TOPIC};
	struct kt_consumer_group_heartbeat_req req;
	struct kt_consumer_group_heartbeat_resp r;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p;
	size_t n;
	int rc;

	memset(&req, 0, sizeof(req));
	req.group_id = G848;
	req.member_id = MEMBER848;
	req.member_epoch = 0;
	req.rebalance_timeout_ms = 300000;
	req.subscribed_topic_names = topics;
	req.n_subscribed_topic_names = 1;
	req.n_topic_partitions = 0;
	kt_buf_init(&b, 0);
	rc = kt_consumer_group_heartbeat_req_encode(&b, 1, &req);
	kt_test_encoded(rc, &b, consumer_group_heartbeat_v1_req,
			"consumer_group_heartbeat v1 join request");
	req.member_epoch = -1;
	req.rebalance_timeout_ms = -1;
	req.n_subscribed_topic_names = -1;
	req.n_topic_partitions = -1;
	kt_buf_reset(&b);
	rc = kt_consumer_group_heartbeat_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b, consumer_group_heartbeat_v0_leave_req,
			"consumer_group_heartbeat v0 leave request");
	kt_buf_release(&b);

	n = kt_test_hex(consumer_group_heartbeat_v1_resp, &p);
	CHECK_INT(kt_consumer_group_heartbeat_resp_decode(p, n, 1, &r, &e), 0,
		  "consumer_group_heartbeat v1 response decodes");
	CHECK(r.error_code == 0 && r.member_epoch == 2 &&
		      r.heartbeat_interval_ms == 5000 && r.has_assignment &&
		      r.n_assignment == 1 && r.assignment[0].n_parts == 1 &&
		      r.assignment[0].parts[0] == 0 &&
		      memcmp(r.assignment[0].topic_id.b, topic_id, 16) == 0,
	      "consumer_group_heartbeat v1: epoch 2, partition 0 assigned");
	CHECK_STR(r.member_id, MEMBER848, "consumer_group_heartbeat: member");
	kt_consumer_group_heartbeat_resp_release(&r);
	free(p);
	n = kt_test_hex(consumer_group_heartbeat_v1_b_resp, &p);
	CHECK_INT(kt_consumer_group_heartbeat_resp_decode(p, n, 1, &r, &e), 0,
		  "consumer_group_heartbeat v1 error response decodes");
	CHECK(r.error_code == 110 && r.error_message != NULL &&
		      r.member_id == NULL && !r.has_assignment,
	      "consumer_group_heartbeat v1: FENCED_MEMBER_EPOCH with text");
	kt_consumer_group_heartbeat_resp_release(&r);
	free(p);
	n = kt_test_hex(consumer_group_heartbeat_v0_leave_resp, &p);
	CHECK_INT(kt_consumer_group_heartbeat_resp_decode(p, n, 0, &r, &e), 0,
		  "consumer_group_heartbeat v0 leave response decodes");
	CHECK(r.error_code == 0 && r.member_epoch == -1 && !r.has_assignment,
	      "consumer_group_heartbeat v0: left");
	kt_consumer_group_heartbeat_resp_release(&r);
	free(p);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_consumer_protocol(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_sub, sub_v3, 0, KT_TEST_CUTS, "subscription v3"},
		{dec_sub, sub_v0, 0, KT_TEST_CUTS, "subscription v0"},
		{dec_sub, "0000 7fffffff", 0, -KT_EBADLEN,
		 "subscription: absurd topic count"},
		{dec_sub, "ffff 00000000 ffffffff", 0, -KT_EPROTO,
		 "subscription: negative version"},
		{dec_sub, "0000 00000000 ffffffff 00", 0, -KT_EPROTO,
		 "subscription v0: trailing byte"},
		{dec_asg, "0000 00000001 0001 61 7fffffff", 0, -KT_EBADLEN,
		 "assignment: absurd partition count"},
	};
	static const int32_t p01[] = {0, 1};
	const char *foo[] = {"foo"};
	struct kt_topic_parts tp = {"foo", p01, 2};
	struct kt_consumer_subscription s;
	struct kt_consumer_assignment a;
	struct kt_consumer_subscription_dec sd;
	struct kt_consumer_assignment_dec ad;
	struct kt_buf b;
	struct kt_err e;
	uint8_t *p;
	size_t n;
	int rc;

	memset(&s, 0, sizeof(s));
	s.topics = foo;
	s.n_topics = 1;
	s.generation_id = -1;
	kt_buf_init(&b, 0);
	rc = kt_consumer_subscription_encode(&b, 3, &s);
	/* protocol.md §11.2 byte example */
	kt_test_encoded(rc, &b,
			"00 03 | 00 00 00 01 00 03 66 6f 6f | ff ff ff ff | "
			"00 00 00 00 | ff ff ff ff | ff ff",
			"subscription v3 (protocol.md example)");
	memset(&a, 0, sizeof(a));
	a.assigned = &tp;
	a.n_assigned = 1;
	kt_buf_reset(&b);
	rc = kt_consumer_assignment_encode(&b, 3, &a);
	kt_test_encoded(rc, &b,
			"00 03 | 00 00 00 01 00 03 66 6f 6f 00 00 00 02 00 00 "
			"00 00 00 00 00 01 | ff ff ff ff",
			"assignment v3 (protocol.md example)");

	/* the other versions, with everything set, round-trip */
	s.user_data.p = (const uint8_t *)"ud";
	s.user_data.len = 2;
	s.owned_partitions = &tp;
	s.n_owned_partitions = 1;
	s.generation_id = 7;
	s.rack_id = "rack-a";
	for (n = 0; n <= 3; n++) {
		kt_buf_reset(&b);
		kt_consumer_subscription_encode(&b, (int16_t)n, &s);
		CHECK_INT(kt_consumer_subscription_decode(b.p, b.len, &sd, &e),
			  0, "subscription v%zu round trip", n);
		CHECK(sd.version == (int16_t)n && sd.n_topics == 1 &&
			      sd.user_data.len == 2 &&
			      sd.n_owned_partitions == (n >= 1 ? 1u : 0u) &&
			      sd.generation_id == (n >= 2 ? 7 : -1) &&
			      (n >= 3 ? sd.rack_id && strcmp(sd.rack_id,
							     "rack-a") == 0
				      : sd.rack_id == NULL),
		      "subscription v%zu fields", n);
		kt_consumer_subscription_release(&sd);
	}
	kt_buf_reset(&b);
	CHECK_INT(kt_consumer_subscription_encode(&b, 4, &s), -KT_EUNSUPPORTED,
		  "subscription v4 not written");
	kt_buf_release(&b);

	/* a newer version: read with the v3 layout, the rest ignored */
	n = kt_test_hex("0004 00000000 ffffffff 00000000 00000005 ffff abcdef",
			&p);
	CHECK_INT(kt_consumer_subscription_decode(p, n, &sd, &e), 0,
		  "subscription v4 read as v3");
	CHECK(sd.version == 4 && sd.generation_id == 5,
	      "subscription v4: v3 fields");
	kt_consumer_subscription_release(&sd);
	free(p);

	CHECK_INT(kt_consumer_assignment_decode(NULL, 0, &ad, &e), 0,
		  "empty assignment is no assignment");
	CHECK(ad.n_assigned == 0, "empty assignment: nothing assigned");
	kt_consumer_assignment_release(&ad);

	KT_TEST_DEC_CASES(dec_cases);
	/* every non-empty strict prefix of an assignment fails */
	{
		uint8_t *full;
		size_t len = kt_test_hex(asg_v3, &full), cut, bad = 0;

		for (cut = 1; cut < len; cut++)
			if (dec_asg(full, cut, 0, &e) >= 0)
				bad++;
		CHECK(bad == 0, "assignment v3: all truncations fail");
		free(full);
	}
}

void test_proto_group(void)
{
	test_find_coordinator();
	test_join_sync();
	test_heartbeat_leave();
	test_offsets();
	test_consumer_group_heartbeat();
	test_consumer_protocol();
}
