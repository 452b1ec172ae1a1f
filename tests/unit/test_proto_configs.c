/*
 * test_proto_configs.c - DescribeConfigs, AlterConfigs and
 * IncrementalAlterConfigs bodies: encoder golden bytes (hand-annotated from
 * the 4.3.1 schemas; each was also sent to a real 4.3.1 broker, which
 * accepted it), decoders on response bodies captured from that broker,
 * every truncation, absurd counts, trailing bytes.
 *
 * Captured as described in test_proto_topics.c (throwaway Python client,
 * Apache Kafka 4.3.1, one KRaft node with node.id 1, request header v2 or
 * v1). Cluster state: topic "ktadm12688-base" (4 partitions) existed,
 * "ktadm12688-nosuch" did not; the captures ran in this order:
 * IncrementalAlterConfigs v1 then v0, DescribeConfigs v4 then v1,
 * AlterConfigs v2 then v0.
 */
#include "unit.h"

#include "proto_test.h"
#include "proto/configs.h"

void test_proto_configs(void);

#define PFX "ktadm12688"

/* DescribeConfigs v4 (request of test_describeconfigs): topic PFX-base,
 * keys cleanup.policy and retention.ms, and broker 1, key
 * log.segment.bytes, with synonyms and documentation. cleanup.policy had
 * been deleted (default "delete", LIST), retention.ms set to 7200000
 * (dynamic topic config, LONG); log.segment.bytes comes from the static
 * broker config (1048576) over the default (1073741824). */
static const char resp_describeconfigs_v4[] =
	"000000000300000102106b7461646d31323638382d62617365030f636c65616e"
	"75702e706f6c6963790764656c65746500050002136c6f672e636c65616e7570"
	"2e706f6c6963790764656c657465050007b9065468697320636f6e6669672064"
	"657369676e617465732074686520726574656e74696f6e20706f6c6963792074"
	"6f20757365206f6e206c6f67207365676d656e74732e20546865202264656c65"
	"74652220706f6c69637920287768696368206973207468652064656661756c74"
	"292077696c6c2064697363617264206f6c64207365676d656e7473207768656e"
	"20746865697220726574656e74696f6e2074696d65206f722073697a65206c69"
	"6d697420686173206265656e20726561636865642e205468652022636f6d7061"
	"63742220706f6c6963792077696c6c20656e61626c65203c6120687265663d22"
	"23636f6d70616374696f6e223e6c6f6720636f6d70616374696f6e3c2f613e2c"
	"2077686963682072657461696e7320746865206c61746573742076616c756520"
	"666f722065616368206b65792e20497420697320616c736f20706f737369626c"
	"6520746f207370656369667920626f746820706f6c696369657320696e206120"
	"636f6d6d612d736570617261746564206c6973742028652e672e202264656c65"
	"74652c636f6d7061637422292e20496e207468697320636173652c206f6c6420"
	"7365676d656e74732077696c6c20626520646973636172646564207065722074"
	"686520726574656e74696f6e2074696d6520616e642073697a6520636f6e6669"
	"6775726174696f6e2c207768696c652072657461696e6564207365676d656e74"
	"732077696c6c20626520636f6d7061637465642e20416e20656d707479206c69"
	"7374206d65616e7320696e66696e69746520726574656e74696f6e202d206e6f"
	"20636c65616e757020706f6c69636965732077696c6c206265206170706c6965"
	"6420616e64206c6f67207365676d656e74732077696c6c206265207265746169"
	"6e656420696e646566696e6974656c792e204e6f746520746861742077697468"
	"2072656d6f74652073746f7261676520656e61626c65642c206c6f63616c2072"
	"6574656e74696f6e206c696d69747320286c6f672e6c6f63616c2e726574656e"
	"74696f6e2e6d7320616e64206c6f672e6c6f63616c2e726574656e74696f6e2e"
	"62797465732920617265207374696c6c206170706c69656420746f206c6f6361"
	"6c207365676d656e74732e000d726574656e74696f6e2e6d7308373230303030"
	"30000100020d726574656e74696f6e2e6d730837323030303030010005e60354"
	"68697320636f6e66696775726174696f6e20636f6e74726f6c7320746865206d"
	"6178696d756d2074696d652077652077696c6c2072657461696e2061206c6f67"
	"206265666f72652077652077696c6c2064697363617264206f6c64206c6f6720"
	"7365676d656e747320746f206672656520757020737061636520696620776520"
	"617265207573696e6720746865202264656c6574652220726574656e74696f6e"
	"20706f6c6963792e205468697320726570726573656e747320616e20534c4120"
	"6f6e20686f7720736f6f6e20636f6e73756d657273206d757374207265616420"
	"746865697220646174612e2049662073657420746f202d312c206e6f2074696d"
	"65206c696d6974206973206170706c6965642e204164646974696f6e616c6c79"
	"2c20726574656e74696f6e2e6d7320636f6e66696775726174696f6e206f7065"
	"726174657320696e646570656e64656e746c79206f6620227365676d656e742e"
	"6d732220616e6420227365676d656e742e62797465732220636f6e6669677572"
	"6174696f6e732e204d6f72656f7665722c206974207472696767657273207468"
	"6520726f6c6c696e67206f66206e6577207365676d656e742069662074686520"
	"726574656e74696f6e2e6d7320636f6e646974696f6e20697320736174697366"
	"6965642e000000000104023102126c6f672e7365676d656e742e627974657308"
	"3130343835373600040003126c6f672e7365676d656e742e6279746573083130"
	"34383537360400126c6f672e7365676d656e742e62797465730b313037333734"
	"3138323405000326546865206d6178696d756d2073697a65206f662061207369"
	"6e676c65206c6f672066696c65000000";

/* DescribeConfigs v1 (classic), the same resources, with synonyms. */
static const char resp_describeconfigs_v1[] =
	"00000000000000020000000002000f6b7461646d31323638382d626173650000"
	"0002000e636c65616e75702e706f6c696379000664656c657465000500000000"
	"0100126c6f672e636c65616e75702e706f6c696379000664656c65746505000c"
	"726574656e74696f6e2e6d7300073732303030303000010000000001000c7265"
	"74656e74696f6e2e6d7300073732303030303001000000000400013100000001"
	"00116c6f672e7365676d656e742e627974657300073130343835373600040000"
	"00000200116c6f672e7365676d656e742e627974657300073130343835373604"
	"00116c6f672e7365676d656e742e6279746573000a3130373337343138323405";

/* IncrementalAlterConfigs v1: PFX-base SET retention.ms=7200000 and DELETE
 * cleanup.policy (ok); PFX-nosuch SET retention.ms (error 3 with message). */
static const char resp_incalter_v1[] =
	"000000000300000002106b7461646d31323638382d626173650000032e546865"
	"20746f70696320276b7461646d31323638382d6e6f737563682720646f657320"
	"6e6f742065786973742e02126b7461646d31323638382d6e6f737563680000";

/* IncrementalAlterConfigs v0 (classic), the same request. */
static const char resp_incalter_v0[] =
	"00000000000000020000ffff02000f6b7461646d31323638382d626173650003"
	"002d54686520746f70696320276b7461646d31323638382d6e6f737563682720"
	"646f6573206e6f742065786973742e0200116b7461646d31323638382d6e6f73"
	"756368";

/* AlterConfigs v2: PFX-base retention.ms=86400000 and segment.ms=3600000
 * (ok), PFX-nosuch retention.ms (error 3 with message). */
static const char resp_alter_v2[] =
	"000000000300000002106b7461646d31323638382d626173650000032e546865"
	"20746f70696320276b7461646d31323638382d6e6f737563682720646f657320"
	"6e6f742065786973742e02126b7461646d31323638382d6e6f737563680000";

/* AlterConfigs v0 (classic), the same request. */
static const char resp_alter_v0[] =
	"00000000000000020000ffff02000f6b7461646d31323638382d626173650003"
	"002d54686520746f70696320276b7461646d31323638382d6e6f737563682720"
	"646f6573206e6f742065786973742e0200116b7461646d31323638382d6e6f73"
	"756368";

KT_TEST_DEC_ARENA(describeconfigs, kt_describeconfigs_resp,
		  kt_describeconfigs_resp_decode,
		  kt_describeconfigs_resp_release)
KT_TEST_DEC_ARENA(alterconfigs, kt_alterconfigs_resp,
		  kt_alterconfigs_resp_decode, kt_alterconfigs_resp_release)
KT_TEST_DEC_ARENA(incalter, kt_alterconfigs_resp,
		  kt_incrementalalterconfigs_resp_decode,
		  kt_alterconfigs_resp_release)

static uint8_t golden[8192];

static size_t hex(const char *h)
{
	return kt_unit_hex(h, golden, sizeof(golden));
}

static void test_describeconfigs(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_describeconfigs, resp_describeconfigs_v4, 4,
		 KT_TEST_ROBUST, "DescribeConfigs v4"},
		{dec_describeconfigs, resp_describeconfigs_v1, 1,
		 KT_TEST_ROBUST, "DescribeConfigs v1"},
		{dec_describeconfigs, "00000000 ffffffff0f", 4, -KT_EBADLEN,
		 "DescribeConfigs v4 results: absurd count refused"},
		/* one result whose config list claims 2^30 entries */
		{dec_describeconfigs,
		 "00000000 00000001 0000 ffff 02 0001 74 40000000"
		 "0000000000000000",
		 1, -KT_EBADLEN,
		 "DescribeConfigs v1 configs: absurd count refused"},
		{dec_describeconfigs,
		 "00000000 02 0000 00 02 02 74 02"
		 "02 61 00 00 05 00 ffffff7f 000000000000",
		 4, -KT_EBADLEN,
		 "DescribeConfigs v4 synonyms: absurd count refused"},
	};
	static const char *const keys[] = {"cleanup.policy", "retention.ms"};
	static const char *const bkeys[] = {"log.segment.bytes"};
	static const struct kt_describeconfigs_resource res[] = {
		{KT_RESOURCE_TOPIC, PFX "-base", keys, 2},
		{KT_RESOURCE_BROKER, "1", bkeys, 1},
	};
	struct kt_describeconfigs_req req = {res, 2, true, true};
	struct kt_describeconfigs_resp r;
	struct kt_describeconfigs_config *c;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_describeconfigs_req_encode(&b, 4, &req);
	kt_test_encoded(rc, &b,
			"03" /* Resources: 2 */
			"02" /* ResourceType TOPIC */
			"10"
			"6b7461646d31323638382d62617365"
			"03" /* ConfigurationKeys: 2 */
			"0f"
			"636c65616e75702e706f6c696379"
			"0d"
			"726574656e74696f6e2e6d73"
			"00" /* tags */
			"04" /* BROKER */
			"02"
			"31" /* "1" */
			"02"
			"12"
			"6c6f672e7365676d656e742e6279746573"
			"00"
			"01" /* IncludeSynonyms */
			"01" /* IncludeDocumentation */
			"00",
			"DescribeConfigs v4");
	kt_buf_reset(&b);
	rc = kt_describeconfigs_req_encode(&b, 1, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "DescribeConfigs v1 has no docs");
	kt_buf_reset(&b);
	req.include_documentation = false;
	rc = kt_describeconfigs_req_encode(&b, 1, &req);
	kt_test_encoded(rc, &b,
			"00000002"
			"02"
			"000f"
			"6b7461646d31323638382d62617365"
			"00000002"
			"000e"
			"636c65616e75702e706f6c696379"
			"000c"
			"726574656e74696f6e2e6d73"
			"04"
			"0001"
			"31"
			"00000001"
			"0011"
			"6c6f672e7365676d656e742e6279746573"
			"01",
			"DescribeConfigs v1"); /* IncludeSynonyms */
	kt_buf_reset(&b);
	{
		/* null keys: every config of the resource */
		struct kt_describeconfigs_resource all = {KT_RESOURCE_TOPIC,
							  "t", NULL, 0};
		struct kt_describeconfigs_req ra = {&all, 1, false, false};

		rc = kt_describeconfigs_req_encode(&b, 3, &ra);
		kt_test_encoded(rc, &b, "00000001 02 0001 74 ffffffff 00 00",
				"DescribeConfigs v3 all keys");
	}
	kt_buf_release(&b);

	n = hex(resp_describeconfigs_v4);
	rc = kt_describeconfigs_resp_decode(golden, n, 4, &r, &err);
	CHECK(rc == 0 && r.n_results == 2, "DescribeConfigs v4 decodes");
	CHECK(r.results[0].error_code == 0 && r.results[0].error_message &&
		      r.results[0].error_message[0] == '\0' &&
		      r.results[0].resource_type == KT_RESOURCE_TOPIC &&
		      strcmp(r.results[0].resource_name, PFX "-base") == 0 &&
		      r.results[0].n_configs == 2,
	      "v4 topic result (no error: empty, not null, message)");
	c = &r.results[0].configs[0];
	CHECK(strcmp(c->name, "cleanup.policy") == 0 &&
		      strcmp(c->value, "delete") == 0 && !c->read_only &&
		      c->config_source == KT_CONFIG_SOURCE_DEFAULT &&
		      !c->is_sensitive && c->config_type == KT_CONFIG_TYPE_LIST,
	      "v4 cleanup.policy: default delete, LIST");
	CHECK(c->n_synonyms == 1 &&
		      strcmp(c->synonyms[0].name, "log.cleanup.policy") == 0 &&
		      strcmp(c->synonyms[0].value, "delete") == 0 &&
		      c->synonyms[0].source == KT_CONFIG_SOURCE_DEFAULT,
	      "v4 cleanup.policy synonym");
	CHECK(c->documentation &&
		      strncmp(c->documentation,
			      "This config designates the retention policy",
			      43) == 0 &&
		      strlen(c->documentation) == 0x338,
	      "v4 documentation (824 bytes)");
	c = &r.results[0].configs[1];
	CHECK(strcmp(c->value, "7200000") == 0 &&
		      c->config_source == KT_CONFIG_SOURCE_DYNAMIC_TOPIC &&
		      c->config_type == KT_CONFIG_TYPE_LONG &&
		      c->n_synonyms == 1,
	      "v4 retention.ms: dynamic topic config, LONG");
	CHECK(r.results[1].resource_type == KT_RESOURCE_BROKER &&
		      strcmp(r.results[1].resource_name, "1") == 0 &&
		      r.results[1].n_configs == 1,
	      "v4 broker result");
	c = &r.results[1].configs[0];
	CHECK(strcmp(c->value, "1048576") == 0 &&
		      c->config_source == KT_CONFIG_SOURCE_STATIC_BROKER &&
		      c->n_synonyms == 2 &&
		      strcmp(c->synonyms[1].value, "1073741824") == 0 &&
		      c->synonyms[1].source == KT_CONFIG_SOURCE_DEFAULT,
	      "v4 log.segment.bytes: static over default");
	kt_describeconfigs_resp_release(&r);

	n = hex(resp_describeconfigs_v1);
	rc = kt_describeconfigs_resp_decode(golden, n, 1, &r, &err);
	CHECK(rc == 0 && r.n_results == 2 && r.results[0].n_configs == 2,
	      "DescribeConfigs v1 (classic) decodes");
	c = &r.results[0].configs[1];
	CHECK(strcmp(c->name, "retention.ms") == 0 &&
		      strcmp(c->value, "7200000") == 0 &&
		      c->config_source == KT_CONFIG_SOURCE_DYNAMIC_TOPIC &&
		      c->n_synonyms == 1 &&
		      c->config_type == KT_CONFIG_TYPE_UNKNOWN &&
		      c->documentation == NULL,
	      "v1 retention.ms; no type or docs before v3");
	kt_describeconfigs_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_alterconfigs(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_alterconfigs, resp_alter_v2, 2, KT_TEST_ROBUST,
		 "AlterConfigs v2"},
		{dec_alterconfigs, resp_alter_v0, 0, KT_TEST_ROBUST,
		 "AlterConfigs v0"},
		{dec_alterconfigs, "00000000 ffffffff07", 2, -KT_EBADLEN,
		 "AlterConfigs v2: absurd count refused"},
		{dec_alterconfigs, "00000000 01000000 000000", 0, -KT_EBADLEN,
		 "AlterConfigs v0: absurd count refused"},
	};
	static const struct kt_alterconfigs_config c[] = {
		{"retention.ms", "86400000"},
		{"segment.ms", "3600000"},
	};
	static const struct kt_alterconfigs_resource res[] = {
		{KT_RESOURCE_TOPIC, PFX "-base", c, 2},
		{KT_RESOURCE_TOPIC, PFX "-nosuch", c, 1},
	};
	struct kt_alterconfigs_req req = {res, 2, false};
	struct kt_alterconfigs_resp r;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_alterconfigs_req_encode(&b, 2, &req);
	kt_test_encoded(rc, &b,
			"03" /* Resources: 2 */
			"02"
			"10"
			"6b7461646d31323638382d62617365"
			"03" /* Configs: 2 */
			"0d"
			"726574656e74696f6e2e6d73"
			"09"
			"3836343030303030"
			"00"
			"0b"
			"7365676d656e742e6d73"
			"08"
			"33363030303030"
			"00"
			"00"
			"02"
			"12"
			"6b7461646d31323638382d6e6f73756368"
			"02"
			"0d"
			"726574656e74696f6e2e6d73"
			"09"
			"3836343030303030"
			"00"
			"00"
			"00" /* ValidateOnly */
			"00",
			"AlterConfigs v2");
	kt_buf_reset(&b);
	rc = kt_alterconfigs_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"00000002"
			"02"
			"000f"
			"6b7461646d31323638382d62617365"
			"00000002"
			"000c"
			"726574656e74696f6e2e6d73"
			"0008"
			"3836343030303030"
			"000a"
			"7365676d656e742e6d73"
			"0007"
			"33363030303030"
			"02"
			"0011"
			"6b7461646d31323638382d6e6f73756368"
			"00000001"
			"000c"
			"726574656e74696f6e2e6d73"
			"0008"
			"3836343030303030"
			"00",
			"AlterConfigs v0");
	kt_buf_reset(&b);
	rc = kt_alterconfigs_req_encode(&b, 3, &req);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "AlterConfigs v3 refused");
	kt_buf_release(&b);

	n = hex(resp_alter_v2);
	rc = kt_alterconfigs_resp_decode(golden, n, 2, &r, &err);
	CHECK(rc == 0 && r.n_responses == 2 && r.responses[0].error_code == 0 &&
		      r.responses[0].error_message == NULL &&
		      r.responses[1].error_code == 3 &&
		      strcmp(r.responses[1].error_message,
			     "The topic 'ktadm12688-nosuch' does not "
			     "exist.") == 0 &&
		      r.responses[1].resource_type == KT_RESOURCE_TOPIC &&
		      strcmp(r.responses[1].resource_name, PFX "-nosuch") == 0,
	      "AlterConfigs v2 decodes");
	kt_alterconfigs_resp_release(&r);
	n = hex(resp_alter_v0);
	rc = kt_alterconfigs_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.n_responses == 2 && r.responses[1].error_code == 3 &&
		      strcmp(r.responses[0].resource_name, PFX "-base") == 0,
	      "AlterConfigs v0 (classic) decodes");
	kt_alterconfigs_resp_release(&r);

	KT_TEST_DEC_CASES(dec_cases);
}

static void test_incrementalalterconfigs(void)
{
	static const struct kt_test_dec_case dec_cases[] = {
		{dec_incalter, resp_incalter_v1, 1, KT_TEST_ROBUST,
		 "IncrementalAlterConfigs v1"},
		{dec_incalter, resp_incalter_v0, 0, KT_TEST_ROBUST,
		 "IncrementalAlterConfigs v0"},
		{dec_incalter, "00000000 8080808004", 1, -KT_EBADLEN,
		 "IncrementalAlterConfigs v1: absurd count refused"},
	};
	static const struct kt_incrementalalterconfigs_config c[] = {
		{"retention.ms", KT_CONFIG_OP_SET, "7200000"},
		{"cleanup.policy", KT_CONFIG_OP_DELETE, NULL},
	};
	static const struct kt_incrementalalterconfigs_resource res[] = {
		{KT_RESOURCE_TOPIC, PFX "-base", c, 2},
		{KT_RESOURCE_TOPIC, PFX "-nosuch", c, 1},
	};
	struct kt_incrementalalterconfigs_req req = {res, 2, false};
	struct kt_alterconfigs_resp r;
	struct kt_err err;
	struct kt_buf b;
	size_t n;
	int rc;

	kt_buf_init(&b, 0);
	rc = kt_incrementalalterconfigs_req_encode(&b, 1, &req);
	kt_test_encoded(rc, &b,
			"03"
			"02"
			"10"
			"6b7461646d31323638382d62617365"
			"03"
			"0d"
			"726574656e74696f6e2e6d73"
			"00" /* SET */
			"08"
			"37323030303030"
			"00"
			"0f"
			"636c65616e75702e706f6c696379"
			"01" /* DELETE */
			"00" /* Value: null */
			"00"
			"00"
			"02"
			"12"
			"6b7461646d31323638382d6e6f73756368"
			"02"
			"0d"
			"726574656e74696f6e2e6d73"
			"00"
			"08"
			"37323030303030"
			"00"
			"00"
			"00" /* ValidateOnly */
			"00",
			"IncrementalAlterConfigs v1");
	kt_buf_reset(&b);
	rc = kt_incrementalalterconfigs_req_encode(&b, 0, &req);
	kt_test_encoded(rc, &b,
			"00000002"
			"02"
			"000f"
			"6b7461646d31323638382d62617365"
			"00000002"
			"000c"
			"726574656e74696f6e2e6d73"
			"00"
			"0007"
			"37323030303030"
			"000e"
			"636c65616e75702e706f6c696379"
			"01"
			"ffff"
			"02"
			"0011"
			"6b7461646d31323638382d6e6f73756368"
			"00000001"
			"000c"
			"726574656e74696f6e2e6d73"
			"00"
			"0007"
			"37323030303030"
			"00",
			"IncrementalAlterConfigs v0");
	kt_buf_release(&b);

	n = hex(resp_incalter_v1);
	rc = kt_incrementalalterconfigs_resp_decode(golden, n, 1, &r, &err);
	CHECK(rc == 0 && r.n_responses == 2 && r.responses[0].error_code == 0 &&
		      r.responses[1].error_code == 3 &&
		      r.responses[1].error_message != NULL,
	      "IncrementalAlterConfigs v1 decodes");
	kt_alterconfigs_resp_release(&r);
	n = hex(resp_incalter_v0);
	rc = kt_incrementalalterconfigs_resp_decode(golden, n, 0, &r, &err);
	CHECK(rc == 0 && r.n_responses == 2 &&
		      r.responses[0].error_message == NULL &&
		      r.responses[1].error_code == 3,
	      "IncrementalAlterConfigs v0 (classic) decodes");
	kt_alterconfigs_resp_release(&r);
	rc = kt_incrementalalterconfigs_resp_decode(golden, n, 2, &r, &err);
	CHECK_INT(rc, -KT_EUNSUPPORTED, "IncrementalAlterConfigs v2 refused");

	KT_TEST_DEC_CASES(dec_cases);
}

void test_proto_configs(void)
{
	test_describeconfigs();
	test_alterconfigs();
	test_incrementalalterconfigs();
}
