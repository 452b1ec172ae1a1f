/*
 * test_proto_groups_admin.c - ListGroups, DescribeGroups, DeleteGroups,
 * OffsetDelete, ConsumerGroupDescribe, DescribeCluster and DeleteRecords
 * bodies: encoder golden bytes (hand-annotated from the 4.3.1 schemas; each
 * was also sent to a real 4.3.1 broker, which accepted it), decoders on
 * response bodies captured from that broker, every truncation, absurd
 * counts, trailing bytes.
 *
 * Captured as described in test_proto_topics.c (throwaway Python client,
 * Apache Kafka 4.3.1, one KRaft node with node.id 1 and cluster id
 * EjRWeJCrze8SNFZ4kKvN7w, request header v2 or v1). Cluster state: topic
 * "ktadm12688-base" (4 partitions, 20 records, all in partition 2); two
 * kafka-console-consumer processes running: group "ktadm12688-g1" with
 * group.protocol=classic and "ktadm12688-g2" with group.protocol=consumer
 * (KIP-848); other sessions' groups (kt-data-*) also existed. OffsetDelete,
 * DeleteGroups and DeleteRecords ran after both consumers had stopped.
 */
#include "unit.h"

#include "proto_test.h"
#include "proto/groups_admin.h"

void test_proto_groups_admin(void);

#define PFX "ktadm12688"
/* the group ids PFX-g1 and PFX-nosuch as a compact array (flexible
 * versions of DescribeGroups and DeleteGroups) */
#define GROUPS_G1_NOSUCH                                                       \
	"03"                                                                   \
	"0e"                                                                   \
	"6b7461646d31323638382d6731"                                           \
	"12"                                                                   \
	"6b7461646d31323638382d6e6f73756368"

/* ListGroups v5, StatesFilter [Stable], TypesFilter [consumer]: g2. */
static const char resp_listgroups_v5[] =
	"000000000000020e6b7461646d31323638382d673209636f6e73756d65720753"
	"7461626c6509636f6e73756d65720000";

/* ListGroups v0 (classic): every group of the broker, ours and others'. */
static const char resp_listgroups_v0[] =
	"000000000005000d6b742d646174612d67392d61310008636f6e73756d657200"
	"0d6b7461646d31323638382d67320008636f6e73756d6572000d6b7461646d31"
	"323638382d67310008636f6e73756d6572000f6b742d646174612d673834382d"
	"61310008636f6e73756d6572000d6b742d646174612d67302d61310008636f6e"
	"73756d6572";

/* DescribeGroups v6 [g1, PFX-nosuch] with authorized operations: g1 is a
 * Stable classic group with one member (range assignor, subscription and
 * assignment blobs); the unknown group is GROUP_ID_NOT_FOUND (69) with a
 * message, state Dead. */
static const char resp_describegroups_v6[] =
	"00000000030000000e6b7461646d31323638382d673107537461626c6509636f"
	"6e73756d65720672616e67650236636f6e736f6c652d636f6e73756d65722d36"
	"373863393834342d363734632d343339342d386536342d346630663535613134"
	"3739650011636f6e736f6c652d636f6e73756d65720b2f3132372e302e302e31"
	"26000300000001000f6b7461646d31323638382d62617365ffffffff00000000"
	"ffffffffffff30000300000001000f6b7461646d31323638382d626173650000"
	"000400000000000000010000000200000003ffffffff0000000d480000452347"
	"726f7570206b7461646d31323638382d6e6f73756368206e6f7420666f756e64"
	"2e126b7461646d31323638382d6e6f7375636805446561640101018000000000"
	"00";

/* DescribeGroups v0 (classic) [g1]. */
static const char resp_describegroups_v0[] =
	"000000010000000d6b7461646d31323638382d67310006537461626c65000863"
	"6f6e73756d6572000572616e6765000000010035636f6e736f6c652d636f6e73"
	"756d65722d36373863393834342d363734632d343339342d386536342d346630"
	"6635356131343739650010636f6e736f6c652d636f6e73756d6572000a2f3132"
	"372e302e302e3100000025000300000001000f6b7461646d31323638382d6261"
	"7365ffffffff00000000ffffffffffff0000002f000300000001000f6b746164"
	"6d31323638382d626173650000000400000000000000010000000200000003ff"
	"ffffff";

/* ConsumerGroupDescribe v1 [g2, g1] with authorized operations: g2 Stable,
 * uniform assignor, one consumer member owning the 4 partitions; g1 is a
 * classic group: GROUP_ID_NOT_FOUND with a message. */
static const char resp_cgd_v1[] =
	"00000000030000000e6b7461646d31323638382d673207537461626c65000000"
	"020000000208756e69666f726d02175f34686330773168513743694f4f585364"
	"4f5033304100000000000211636f6e736f6c652d636f6e73756d65720b2f3132"
	"372e302e302e3102106b7461646d31323638382d6261736501026fc885ed986e"
	"4974938725dcc12a3f51106b7461646d31323638382d62617365050000000000"
	"00000100000002000000030000026fc885ed986e4974938725dcc12a3f51106b"
	"7461646d31323638382d62617365050000000000000001000000020000000300"
	"00010000000d480000452d47726f7570206b7461646d31323638382d67312069"
	"73206e6f74206120636f6e73756d65722067726f75702e0e6b7461646d313236"
	"38382d67310100000000000000000101800000000000";

/* ConsumerGroupDescribe v0 [g2]. */
static const char resp_cgd_v0[] =
	"00000000020000000e6b7461646d31323638382d673207537461626c65000000"
	"020000000208756e69666f726d02175f34686330773168513743694f4f585364"
	"4f5033304100000000000211636f6e736f6c652d636f6e73756d65720b2f3132"
	"372e302e302e3102106b7461646d31323638382d6261736501026fc885ed986e"
	"4974938725dcc12a3f51106b7461646d31323638382d62617365050000000000"
	"00000100000002000000030000026fc885ed986e4974938725dcc12a3f51106b"
	"7461646d31323638382d62617365050000000000000001000000020000000300"
	"000000000d480000";

/* DescribeCluster v2 (brokers, with fenced brokers and operations). */
static const char resp_describecluster_v2[] =
	"000000000000000117456a5257654a43727a6538534e465a346b4b764e377700"
	"00000102000000010a3132372e302e302e3100004a9400000000001fa000";

/* DescribeCluster v0 (with operations). */
static const char resp_describecluster_v0[] =
	"0000000000000017456a5257654a43727a6538534e465a346b4b764e37770000"
	"000102000000010a3132372e302e302e3100004a94000000001fa000";

/* OffsetDelete v0: g1 (empty by then), PFX-base partitions 0 and 1. */
static const char resp_offsetdelete_v0[] =
	"00000000000000000001000f6b7461646d31323638382d626173650000000200"
	"0000000000000000010000";

/* DeleteGroups v2 [g1, PFX-nosuch]: ok, GROUP_ID_NOT_FOUND (69). */
static const char resp_deletegroups_v2[] =
	"00000000030e6b7461646d31323638382d6731000000126b7461646d31323638"
	"382d6e6f7375636800450000";

/* DeleteGroups v0 (classic) [g2]: ok. */
static const char resp_deletegroups_v0[] =
	"0000000000000001000d6b7461646d31323638382d67320000";

/* DeleteRecords v2: PFX-base partition 2 before offset 5 (low watermark
 * 5), partition 7 (UNKNOWN_TOPIC_OR_PARTITION, low watermark -1). */
static const char resp_deleterecords_v2[] =
	"0000000002106b7461646d31323638382d626173650300000002000000000000"
	"000500000000000007ffffffffffffffff0003000000";

/* DeleteRecords v0 (classic): partition 2 up to the high watermark (-1:
 * low watermark 20), partition 7 as above. */
static const char resp_deleterecords_v0[] =
	"0000000000000001000f6b7461646d31323638382d6261736500000002000000"
	"020000000000000014000000000007ffffffffffffffff0003";

KT_TEST_DEC_ARENA(listgroups, kt_listgroups_resp, kt_listgroups_resp_decode,
		  kt_listgroups_resp_release)
KT_TEST_DEC_ARENA(describegroups, kt_describegroups_resp,
		  kt_describegroups_resp_decode, kt_describegroups_resp_release)
KT_TEST_DEC_ARENA(deletegroups, kt_deletegroups_resp,
		  kt_deletegroups_resp_decode, kt_deletegroups_resp_release)
KT_TEST_DEC_ARENA(offsetdelete, kt_offsetdelete_resp,
		  kt_offsetdelete_resp_decode, kt_offsetdelete_resp_release)
KT_TEST_DEC_ARENA(consumergroupdescribe, kt_consumergroupdescribe_resp,
		  kt_consumergroupdescribe_resp_decode,
		  kt_consumergroupdescribe_resp_release)
KT_TEST_DEC_ARENA(describecluster, kt_describecluster_resp,
		  kt_describecluster_resp_decode,
		  kt_describecluster_resp_release)
KT_TEST_DEC_ARENA(deleterecords, kt_deleterecords_resp,
		  kt_deleterecords_resp_decode, kt_deleterecords_resp_release)

static uint8_t golden[8192];

static size_t hex(const char *h)
{
	return kt_unit_hex(h, golden, sizeof(golden));
}

static void test_listgroups(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_listgroups, resp_listgroups_v5, 5, KT_TEST_ROBUST,
		 "ListGroups v5"},
		{dec_listgroups, resp_listgroups_v0, 0, KT_TEST_ROBUST,
		 "ListGroups v0"},
		{dec_listgroups, "00000000 0000 ffffffff0f", 5, -KT_EBADLEN,
		 "ListGroups v5: absurd count refused"},
		{dec_listgroups, "0000 7fffffff 0000", 0, -KT_EBADLEN,
		 "ListGroups v0: absurd count refused"},
	};
	static const char *const st[] = {"Stable"};
	static const char *const ty[] = {"consumer"};
	struct kt_listgroups_req req = {st, 1, ty, 1};
	struct kt_listgroups_req none = {NULL, 0, NULL, 0};
	struct kt_listgroups_resp r;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_listgroups_req_encode(&b, 5, &req);
	kt_test_encoded(rc, &b,
			"02"
			"07"
			"537461626c65" /* StatesFilter [Stable] */
			"02"
			"09"
			"636f6e73756d6572" /* TypesFilter */
			"00",
			"ListGroups v5");
	kt_buf_reset(&b);
	rc = kt_listgroups_req_encode(&b, 0, &none);
	CHECK(rc == 0 && b.len == 0, "ListGroups v0: empty body");
	rc = kt_listgroups_req_encode(&b, 3, &none);
	kt_test_encoded(rc, &b, "00", "ListGroups v3");
	kt_buf_reset(&b);
	rc = kt_listgroups_req_encode(&b, 4, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "ListGroups v4 has no types filter");
	kt_buf_reset(&b);
	req.n_types_filter = 0;
	rc = kt_listgroups_req_encode(&b, 3, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "ListGroups v3 has no states filter");
	kt_buf_release(&b);

	n = hex(resp_listgroups_v5);
	rc = kt_listgroups_resp_decode(golden, n, 5, &r, &err);
	CHECK(rc == 0 && r.error_code == 0 && r.n_groups == 1 &&
		      strcmp(r.groups[0].group_id, PFX "-g2") == 0 &&
		      strcmp(r.groups[0].protocol_type, "consumer") == 0 &&
		      strcmp(r.groups[0].group_state, "Stable") == 0 &&
		      strcmp(r.groups[0].group_type, "consumer") == 0,
	      "ListGroups v5 decodes");
	kt_listgroups_resp_release(&r);
	n = hex(resp_listgroups_v0);
	rc = kt_listgroups_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.n_groups == 5 &&
		      strcmp(r.groups[2].group_id, PFX "-g1") == 0 &&
		      strcmp(r.groups[2].protocol_type, "consumer") == 0 &&
		      r.groups[2].group_state == NULL &&
		      r.groups[2].group_type == NULL,
	      "ListGroups v0 (classic) decodes");
	kt_listgroups_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_describegroups(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_describegroups, resp_describegroups_v6, 6, KT_TEST_ROBUST,
		 "DescribeGroups v6"},
		{dec_describegroups, resp_describegroups_v0, 0, KT_TEST_ROBUST,
		 "DescribeGroups v0"},
		{dec_describegroups, "00000000 ffffffff07", 6, -KT_EBADLEN,
		 "DescribeGroups v6: absurd count refused"},
		/* one group whose member list claims 2^28 members */
		{dec_describegroups,
		 "00000001 0000 0001 67 0000 0000 0000 10000000"
		 "000000000000",
		 0, -KT_EBADLEN,
		 "DescribeGroups v0 members: absurd count refused"},
	};
	static const char *const g[] = {PFX "-g1", PFX "-nosuch"};
	struct kt_describegroups_req req = {g, 2, true};
	struct kt_describegroups_resp r;
	struct kt_describegroups_member *m;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_describegroups_req_encode(&b, 6, &req);
	kt_test_encoded(rc, &b,
			GROUPS_G1_NOSUCH "01" /* IncludeAuthorizedOperations */
					 "00",
			"DescribeGroups v6");
	kt_buf_reset(&b);
	rc = kt_describegroups_req_encode(&b, 0, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "DescribeGroups v0: no operations");
	kt_buf_reset(&b);
	req.n_groups = 1;
	req.include_authorized_operations = false;
	rc = kt_describegroups_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"00000001"
			"000d"
			"6b7461646d31323638382d6731",
			"DescribeGroups v0");
	kt_buf_release(&b);

	n = hex(resp_describegroups_v6);
	rc = kt_describegroups_resp_decode(golden, n, 6, &r, &err);
	CHECK(rc == 0 && r.n_groups == 2, "DescribeGroups v6 decodes");
	CHECK(r.groups[0].error_code == 0 &&
		      r.groups[0].error_message == NULL &&
		      strcmp(r.groups[0].group_state, "Stable") == 0 &&
		      strcmp(r.groups[0].protocol_type, "consumer") == 0 &&
		      strcmp(r.groups[0].protocol_data, "range") == 0 &&
		      r.groups[0].n_members == 1 &&
		      r.groups[0].authorized_operations == 0xd48,
	      "v6 g1: Stable, range, one member, operations 0xd48");
	m = &r.groups[0].members[0];
	CHECK(strncmp(m->member_id, "console-consumer-", 17) == 0 &&
		      m->group_instance_id == NULL &&
		      strcmp(m->client_id, "console-consumer") == 0 &&
		      strcmp(m->client_host, "/127.0.0.1") == 0,
	      "v6 member ids");
	/* ConsumerProtocolSubscription v3 / Assignment v3 blobs */
	CHECK(m->member_metadata.len == 0x25 && m->member_metadata.p[1] == 3 &&
		      m->member_assignment.len == 0x2f &&
		      m->member_assignment.p[1] == 3,
	      "v6 metadata and assignment blobs copied");
	CHECK(r.groups[1].error_code == 69 &&
		      strcmp(r.groups[1].error_message,
			     "Group ktadm12688-nosuch not found.") == 0 &&
		      strcmp(r.groups[1].group_state, "Dead") == 0 &&
		      r.groups[1].n_members == 0 &&
		      r.groups[1].authorized_operations == INT32_MIN,
	      "v6 unknown group: GROUP_ID_NOT_FOUND, Dead");
	kt_describegroups_resp_release(&r);

	n = hex(resp_describegroups_v0);
	rc = kt_describegroups_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.n_groups == 1 && r.groups[0].n_members == 1 &&
		      r.groups[0].members[0].member_assignment.len == 0x2f &&
		      r.groups[0].authorized_operations ==
			      KT_AUTHORIZED_OPERATIONS_OMITTED,
	      "DescribeGroups v0 (classic) decodes");
	kt_describegroups_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_deletegroups(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_deletegroups, resp_deletegroups_v2, 2, KT_TEST_ROBUST,
		 "DeleteGroups v2"},
		{dec_deletegroups, resp_deletegroups_v0, 0, KT_TEST_ROBUST,
		 "DeleteGroups v0"},
		{dec_deletegroups, "00000000 ffffff7f", 2, -KT_EBADLEN,
		 "DeleteGroups v2: absurd count refused"},
		{dec_deletegroups, "00000000 7fffffff 00", 0, -KT_EBADLEN,
		 "DeleteGroups v0: absurd count refused"},
	};
	static const char *const g[] = {PFX "-g1", PFX "-nosuch"};
	static const char *const g2[] = {PFX "-g2"};
	struct kt_deletegroups_req req = {g, 2};
	struct kt_deletegroups_resp r;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_deletegroups_req_encode(&b, 2, &req);
	kt_test_encoded(rc, &b, GROUPS_G1_NOSUCH "00", "DeleteGroups v2");
	kt_buf_reset(&b);
	req.groups_names = g2;
	req.n_groups_names = 1;
	rc = kt_deletegroups_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"00000001"
			"000d"
			"6b7461646d31323638382d6732",
			"DeleteGroups v0");
	kt_buf_release(&b);

	n = hex(resp_deletegroups_v2);
	rc = kt_deletegroups_resp_decode(golden, n, 2, &r, &err);
	CHECK(rc == 0 && r.n_results == 2 &&
		      strcmp(r.results[0].group_id, PFX "-g1") == 0 &&
		      r.results[0].error_code == 0 &&
		      r.results[1].error_code == 69,
	      "DeleteGroups v2 decodes");
	kt_deletegroups_resp_release(&r);
	n = hex(resp_deletegroups_v0);
	rc = kt_deletegroups_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.n_results == 1 && r.results[0].error_code == 0,
	      "DeleteGroups v0 (classic) decodes");
	kt_deletegroups_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_offsetdelete(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_offsetdelete, resp_offsetdelete_v0, 0, KT_TEST_ROBUST,
		 "OffsetDelete v0"},
		{dec_offsetdelete, "0000 00000000 7fffffff 0000", 0,
		 -KT_EBADLEN, "OffsetDelete v0: absurd count refused"},
		{dec_offsetdelete,
		 "0000 00000000 00000001 0001 74 00100000 0000000000", 0,
		 -KT_EBADLEN,
		 "OffsetDelete v0 partitions: absurd count refused"},
	};
	static const int32_t parts[] = {0, 1};
	static const struct kt_offsetdelete_topic t[] = {
		{PFX "-base", parts, 2}};
	struct kt_offsetdelete_req req = {PFX "-g1", t, 1};
	struct kt_offsetdelete_resp r;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_offsetdelete_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"000d"
			"6b7461646d31323638382d6731" /* GroupId */
			"00000001"		     /* Topics: 1 */
			"000f"
			"6b7461646d31323638382d62617365"
			"00000002" /* Partitions: 2 */
			"00000000"
			"00000001",
			"OffsetDelete v0");
	kt_buf_reset(&b);
	rc = kt_offsetdelete_req_encode(&b, 1, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "OffsetDelete v1 refused");
	kt_buf_release(&b);

	n = hex(resp_offsetdelete_v0);
	rc = kt_offsetdelete_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.error_code == 0 && r.n_topics == 1 &&
		      strcmp(r.topics[0].name, PFX "-base") == 0 &&
		      r.topics[0].n_partitions == 2 &&
		      r.topics[0].partitions[1].partition_index == 1 &&
		      r.topics[0].partitions[1].error_code == 0,
	      "OffsetDelete v0 decodes");
	kt_offsetdelete_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_consumergroupdescribe(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_consumergroupdescribe, resp_cgd_v1, 1, KT_TEST_ROBUST,
		 "ConsumerGroupDescribe v1"},
		{dec_consumergroupdescribe, resp_cgd_v0, 0, KT_TEST_ROBUST,
		 "ConsumerGroupDescribe v0"},
		{dec_consumergroupdescribe, "00000000 ffffffff0f", 1,
		 -KT_EBADLEN, "ConsumerGroupDescribe v1: absurd count refused"},
	};
	static const char *const g[] = {PFX "-g2", PFX "-g1"};
	struct kt_consumergroupdescribe_req req = {g, 2, true};
	struct kt_consumergroupdescribe_resp r;
	struct kt_consumergroupdescribe_member *m;
	struct kt_consumergroupdescribe_topic_partitions *tp;
	struct kt_err err;
	struct kt_buf b;
	char id[23];
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_consumergroupdescribe_req_encode(&b, 1, &req);
	kt_test_encoded(rc, &b,
			"03"
			"0e"
			"6b7461646d31323638382d6732"
			"0e"
			"6b7461646d31323638382d6731"
			"01" /* IncludeAuthorizedOperations */
			"00",
			"ConsumerGroupDescribe v1");
	kt_buf_reset(&b);
	req.n_group_ids = 1;
	rc = kt_consumergroupdescribe_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"02"
			"0e"
			"6b7461646d31323638382d6732"
			"01"
			"00",
			"ConsumerGroupDescribe v0");
	kt_buf_release(&b);

	n = hex(resp_cgd_v1);
	rc = kt_consumergroupdescribe_resp_decode(golden, n, 1, &r, &err);
	CHECK(rc == 0 && r.n_groups == 2, "ConsumerGroupDescribe v1 decodes");
	CHECK(r.groups[0].error_code == 0 &&
		      strcmp(r.groups[0].group_state, "Stable") == 0 &&
		      r.groups[0].group_epoch == 2 &&
		      r.groups[0].assignment_epoch == 2 &&
		      strcmp(r.groups[0].assignor_name, "uniform") == 0 &&
		      r.groups[0].n_members == 1 &&
		      r.groups[0].authorized_operations == 0xd48,
	      "v1 g2: Stable, epoch 2, uniform assignor");
	m = &r.groups[0].members[0];
	CHECK(strcmp(m->member_id, "_4hc0w1hQ7CiOOXSdOP30A") == 0 &&
		      m->instance_id == NULL && m->rack_id == NULL &&
		      m->member_epoch == 2 &&
		      strcmp(m->client_id, "console-consumer") == 0 &&
		      strcmp(m->client_host, "/127.0.0.1") == 0 &&
		      m->n_subscribed_topic_names == 1 &&
		      strcmp(m->subscribed_topic_names[0], PFX "-base") == 0,
	      "v1 member");
	/* the broker sends "" (not null) when there is no regex */
	CHECK(m->subscribed_topic_regex && m->subscribed_topic_regex[0] == '\0',
	      "v1 member: empty, non-null regex");
	CHECK(m->member_type == 1, "v1 member type: consumer");
	CHECK(m->assignment.n_topic_partitions == 1 &&
		      m->target_assignment.n_topic_partitions == 1,
	      "v1 assignment and target assignment");
	tp = &m->assignment.topic_partitions[0];
	kt_uuid_str(&tp->topic_id, id);
	CHECK(strcmp(id, "b8iF7ZhuSXSThyXcwSo_UQ") == 0 &&
		      strcmp(tp->topic_name, PFX "-base") == 0 &&
		      tp->n_partitions == 4 && tp->partitions[3] == 3,
	      "v1 assignment: PFX-base partitions 0-3");
	CHECK(r.groups[1].error_code == 69 &&
		      strcmp(r.groups[1].error_message,
			     "Group ktadm12688-g1 is not a consumer "
			     "group.") == 0 &&
		      r.groups[1].authorized_operations == INT32_MIN,
	      "v1 classic group: GROUP_ID_NOT_FOUND with message");
	kt_consumergroupdescribe_resp_release(&r);

	n = hex(resp_cgd_v0);
	rc = kt_consumergroupdescribe_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.n_groups == 1 && r.groups[0].n_members == 1 &&
		      r.groups[0].members[0].member_type == -1 &&
		      r.groups[0].members[0]
				      .target_assignment.topic_partitions[0]
				      .n_partitions == 4,
	      "ConsumerGroupDescribe v0 decodes (member type default -1)");
	kt_consumergroupdescribe_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_describecluster(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_describecluster, resp_describecluster_v2, 2,
		 KT_TEST_ROBUST, "DescribeCluster v2"},
		{dec_describecluster, resp_describecluster_v0, 0,
		 KT_TEST_ROBUST, "DescribeCluster v0"},
		{dec_describecluster,
		 "00000000 0000 00 01 02 61 00000001 ffffffff0f", 2,
		 -KT_EBADLEN, "DescribeCluster v2: absurd count refused"},
	};
	struct kt_describecluster_req req = {true, KT_ENDPOINT_BROKERS, true};
	struct kt_describecluster_resp r;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_describecluster_req_encode(&b, 2, &req);
	kt_test_encoded(rc, &b,
			"01" /* IncludeClusterAuthorizedOperations */
			"01" /* EndpointType brokers */
			"01" /* IncludeFencedBrokers */
			"00",
			"DescribeCluster v2");
	kt_buf_reset(&b);
	rc = kt_describecluster_req_encode(&b, 1, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "DescribeCluster v1: no fenced");
	kt_buf_reset(&b);
	req.include_fenced_brokers = false;
	req.endpoint_type = 0; /* default */
	rc = kt_describecluster_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b, "01 00", "DescribeCluster v0");
	kt_buf_reset(&b);
	req.endpoint_type = KT_ENDPOINT_CONTROLLERS;
	rc = kt_describecluster_req_encode(&b, 0, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "DescribeCluster v0: no controllers");
	kt_buf_release(&b);

	n = hex(resp_describecluster_v2);
	rc = kt_describecluster_resp_decode(golden, n, 2, &r, &err);
	CHECK(rc == 0 && r.error_code == 0 && r.error_message == NULL &&
		      r.endpoint_type == 1 &&
		      strcmp(r.cluster_id, "EjRWeJCrze8SNFZ4kKvN7w") == 0 &&
		      r.controller_id == 1 && r.n_brokers == 1 &&
		      r.cluster_authorized_operations == 0x1fa0,
	      "DescribeCluster v2 decodes");
	CHECK(r.brokers[0].broker_id == 1 &&
		      strcmp(r.brokers[0].host, "127.0.0.1") == 0 &&
		      r.brokers[0].port == 19092 && r.brokers[0].rack == NULL &&
		      !r.brokers[0].is_fenced,
	      "v2 broker 1 at 127.0.0.1:19092, not fenced");
	kt_describecluster_resp_release(&r);
	n = hex(resp_describecluster_v0);
	rc = kt_describecluster_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.endpoint_type == 1 && r.n_brokers == 1 &&
		      r.brokers[0].port == 19092,
	      "DescribeCluster v0 decodes");
	kt_describecluster_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_deleterecords(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_deleterecords, resp_deleterecords_v2, 2, KT_TEST_ROBUST,
		 "DeleteRecords v2"},
		{dec_deleterecords, resp_deleterecords_v0, 0, KT_TEST_ROBUST,
		 "DeleteRecords v0"},
		{dec_deleterecords, "00000000 ffffffff0f", 2, -KT_EBADLEN,
		 "DeleteRecords v2: absurd count refused"},
		{dec_deleterecords,
		 "00000000 00000001 0001 74 01000000 0000000000000000", 0,
		 -KT_EBADLEN,
		 "DeleteRecords v0 partitions: absurd count refused"},
	};
	struct kt_deleterecords_partition p[] = {{2, 5}, {7, 0}};
	struct kt_deleterecords_topic t[] = {{PFX "-base", p, 2}};
	struct kt_deleterecords_req req = {t, 1, 30000};
	struct kt_deleterecords_resp r;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_deleterecords_req_encode(&b, 2, &req);
	kt_test_encoded(rc, &b,
			"02"
			"10"
			"6b7461646d31323638382d62617365"
			"03" /* Partitions: 2 */
			"00000002"
			"0000000000000005"
			"00"
			"00000007"
			"0000000000000000"
			"00"
			"00"	   /* topic tags */
			"00007530" /* TimeoutMs */
			"00",
			"DeleteRecords v2");
	kt_buf_reset(&b);
	p[0].offset = -1;
	rc = kt_deleterecords_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"00000001"
			"000f"
			"6b7461646d31323638382d62617365"
			"00000002"
			"00000002"
			"ffffffffffffffff"
			"00000007"
			"0000000000000000"
			"00007530",
			"DeleteRecords v0");
	kt_buf_release(&b);

	n = hex(resp_deleterecords_v2);
	rc = kt_deleterecords_resp_decode(golden, n, 2, &r, &err);
	CHECK(rc == 0 && r.n_topics == 1 && r.topics[0].n_partitions == 2 &&
		      r.topics[0].partitions[0].partition_index == 2 &&
		      r.topics[0].partitions[0].low_watermark == 5 &&
		      r.topics[0].partitions[0].error_code == 0 &&
		      r.topics[0].partitions[1].low_watermark == -1 &&
		      r.topics[0].partitions[1].error_code == 3,
	      "DeleteRecords v2 decodes");
	kt_deleterecords_resp_release(&r);
	n = hex(resp_deleterecords_v0);
	rc = kt_deleterecords_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.topics[0].partitions[0].low_watermark == 20 &&
		      r.topics[0].partitions[1].error_code == 3,
	      "DeleteRecords v0 (classic) decodes");
	kt_deleterecords_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

void test_proto_groups_admin(void)
{
	test_listgroups();
	test_describegroups();
	test_deletegroups();
	test_offsetdelete();
	test_consumergroupdescribe();
	test_describecluster();
	test_deleterecords();
}
