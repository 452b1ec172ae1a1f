/*
 * test_topics.c - kafka-topics --describe lines, against what Apache 4.3.1
 * printed for a 3-partition topic on the dev broker:
 *   kafka-topics --describe --topic devtest
 */
#include "unit.h"

#include "format/topics.h"

void test_topics(void);

static void part(struct kt_partition_desc *p, int32_t id, int32_t leader,
		 const int32_t *r, size_t nr, const int32_t *isr, size_t nisr)
{
	memset(p, 0, sizeof(*p));
	p->partition = id;
	p->leader = leader;
	kt_ids_set(&p->replicas, r, nr);
	kt_ids_set(&p->isr, isr, nisr);
	p->has_elr = true;
}

static void cfg(struct kt_config_entry *c, const char *n, const char *v,
		enum kt_config_source s)
{
	c->name = strdup(n);
	c->value = v ? strdup(v) : NULL;
	c->source = s;
	c->sensitive = v == NULL;
	c->read_only = false;
}

static void build(struct kt_topic_desc *d)
{
	static const int32_t one[] = {1};

	memset(d, 0, sizeof(*d));
	d->name = strdup("devtest");
	kt_uuid_parse("QYNTJAVuTa6gyzqi2ECOjg", &d->id);
	d->n_parts = 3;
	d->parts = calloc(3, sizeof(*d->parts));
	/* out of order on purpose: the caller sorts */
	part(&d->parts[0], 2, 1, one, 1, one, 1);
	part(&d->parts[1], 0, 1, one, 1, one, 1);
	part(&d->parts[2], 1, 1, one, 1, one, 1);
	kt_topic_desc_sort(d);
	d->n_configs = 3;
	d->configs = calloc(3, sizeof(*d->configs));
	cfg(&d->configs[0], "min.insync.replicas", "1", KT_CFG_STATIC_BROKER);
	cfg(&d->configs[1], "retention.ms", "604800000", KT_CFG_DEFAULT);
	cfg(&d->configs[2], "segment.bytes", "1048576", KT_CFG_STATIC_BROKER);
}

static void test_text(void)
{
	struct kt_topic_desc d;
	struct kt_describe_opts o;
	struct kt_buf b;
	static const int32_t live[] = {1};

	build(&d);
	memset(&o, 0, sizeof(o));
	kt_buf_init(&b, 0);
	kt_topic_describe_text(&d, &o, &b);
	kt_buf_puts(&b, "");
	CHECK_STR((char *)b.p,
		  "Topic: devtest\tTopicId: QYNTJAVuTa6gyzqi2ECOjg\t"
		  "PartitionCount: 3\tReplicationFactor: 1\tConfigs: "
		  "min.insync.replicas=1,segment.bytes=1048576\n"
		  "\tTopic: devtest\tPartition: 0\tLeader: 1\tReplicas: 1\t"
		  "Isr: 1\tElr: \tLastKnownElr: \n"
		  "\tTopic: devtest\tPartition: 1\tLeader: 1\tReplicas: 1\t"
		  "Isr: 1\tElr: \tLastKnownElr: \n"
		  "\tTopic: devtest\tPartition: 2\tLeader: 1\tReplicas: 1\t"
		  "Isr: 1\tElr: \tLastKnownElr: \n",
		  "describe text as Apache 4.3.1 prints it");

	kt_buf_reset(&b);
	o.at_min_isr = true;
	d.parts[1].leader = -1;
	d.parts[1].has_elr = false;
	kt_topic_describe_text(&d, &o, &b);
	kt_buf_puts(&b, "");
	CHECK_STR((char *)b.p,
		  "\tTopic: devtest\tPartition: 0\tLeader: 1\tReplicas: 1\t"
		  "Isr: 1\tElr: \tLastKnownElr: \n"
		  "\tTopic: devtest\tPartition: 1\tLeader: none\tReplicas: 1\t"
		  "Isr: 1\tElr: N/A\tLastKnownElr: N/A\n"
		  "\tTopic: devtest\tPartition: 2\tLeader: 1\tReplicas: 1\t"
		  "Isr: 1\tElr: \tLastKnownElr: \n",
		  "filter: no topic line, leader none, Elr N/A from Metadata");

	kt_buf_reset(&b);
	o.at_min_isr = false;
	o.unavailable = true;
	o.live_brokers = live;
	o.n_live = 1;
	kt_topic_describe_text(&d, &o, &b);
	kt_buf_puts(&b, "");
	CHECK_STR((char *)b.p,
		  "\tTopic: devtest\tPartition: 1\tLeader: none\tReplicas: 1\t"
		  "Isr: 1\tElr: N/A\tLastKnownElr: N/A\n",
		  "unavailable: only the leaderless partition");

	kt_buf_reset(&b);
	memset(&o, 0, sizeof(o));
	o.with_overrides = true;
	kt_topic_describe_text(&d, &o, &b);
	kt_buf_puts(&b, "");
	CHECK(strncmp((char *)b.p, "Topic: devtest\t", 15) == 0 &&
		      strstr((char *)b.p, "Partition: 0") == NULL,
	      "with overrides: topic line only");

	d.configs[0].source = KT_CFG_DEFAULT;
	d.configs[2].source = KT_CFG_DEFAULT;
	kt_buf_reset(&b);
	kt_topic_describe_text(&d, &o, &b);
	CHECK_INT(b.len, 0, "with overrides: nothing for a default-only topic");

	memset(&o, 0, sizeof(o));
	kt_buf_reset(&b);
	d.configs[0].source = KT_CFG_DYNAMIC_TOPIC;
	free(d.configs[0].value);
	d.configs[0].value = NULL;
	kt_topic_describe_text(&d, &o, &b);
	kt_buf_puts(&b, "");
	CHECK(strstr((char *)b.p, "Configs: min.insync.replicas=null\n") !=
		      NULL,
	      "a sensitive value prints as null");

	kt_buf_release(&b);
	kt_topic_desc_release(&d);
}

static void test_rf_reassignment(void)
{
	struct kt_partition_desc p;
	static const int32_t r[] = {1, 2, 3, 4}, target[] = {1, 2, 4},
			     adding[] = {4}, removing[] = {3};

	memset(&p, 0, sizeof(p));
	kt_ids_set(&p.replicas, r, 4);
	CHECK_INT(kt_partition_rf(&p), 4, "rf without reassignment");
	p.reassigning = true;
	kt_ids_set(&p.target, target, 3);
	kt_ids_set(&p.adding, adding, 1);
	kt_ids_set(&p.removing, removing, 1);
	CHECK_INT(kt_partition_rf(&p), 2,
		  "rf during reassignment: target minus adding");
	kt_ids_release(&p.replicas);
	kt_ids_release(&p.target);
	kt_ids_release(&p.adding);
	kt_ids_release(&p.removing);
}

static void test_json(void)
{
	struct kt_topic_desc d;
	struct kt_describe_opts o;
	struct kt_buf b;
	bool printed;

	build(&d);
	memset(&o, 0, sizeof(o));
	kt_buf_init(&b, 0);
	kt_topic_describe_json(&d, &o, &b, &printed);
	kt_buf_puts(&b, "");
	CHECK(printed, "json printed");
	CHECK_STR((char *)b.p,
		  "{\"topic\":\"devtest\",\"id\":\"QYNTJAVuTa6gyzqi2ECOjg\","
		  "\"internal\":false,\"partition_count\":3,"
		  "\"replication_factor\":1,\"configs\":["
		  "{\"name\":\"min.insync.replicas\",\"value\":\"1\","
		  "\"source\":\"STATIC_BROKER_CONFIG\",\"default\":false,"
		  "\"sensitive\":false,\"read_only\":false},"
		  "{\"name\":\"retention.ms\",\"value\":\"604800000\","
		  "\"source\":\"DEFAULT_CONFIG\",\"default\":true,"
		  "\"sensitive\":false,\"read_only\":false},"
		  "{\"name\":\"segment.bytes\",\"value\":\"1048576\","
		  "\"source\":\"STATIC_BROKER_CONFIG\",\"default\":false,"
		  "\"sensitive\":false,\"read_only\":false}],"
		  "\"partitions\":["
		  "{\"partition\":0,\"leader\":1,\"replicas\":[1],\"isr\":[1],"
		  "\"elr\":[],\"last_known_elr\":[],\"offline\":[]},"
		  "{\"partition\":1,\"leader\":1,\"replicas\":[1],\"isr\":[1],"
		  "\"elr\":[],\"last_known_elr\":[],\"offline\":[]},"
		  "{\"partition\":2,\"leader\":1,\"replicas\":[1],\"isr\":[1],"
		  "\"elr\":[],\"last_known_elr\":[],\"offline\":[]}]}",
		  "json schema");
	kt_buf_release(&b);
	kt_topic_desc_release(&d);
}

static void test_ids_and_list_json(void)
{
	struct kt_uuid u;
	struct kt_err err;
	struct kt_buf b;
	char str[23];

	CHECK_INT(kt_java_uuid_parse("QYNTJAVuTa6gyzqi2ECOjg", &u, &err), 0,
		  "uuid: a broker's topic id parses");
	kt_uuid_str(&u, str);
	CHECK_STR(str, "QYNTJAVuTa6gyzqi2ECOjg", "uuid: round trip");
	/* messages observed from Apache 4.3.1 kafka-topics --topic-id */
	CHECK_INT(kt_java_uuid_parse("abc", &u, &err), -KT_EINVAL,
		  "uuid: short refused");
	CHECK_STR(
		err.msg,
		"Input string `abc` decoded as 2 bytes, which is not equal to "
		"the expected 16 bytes of a base64-encoded UUID",
		"uuid: Java's length message");
	kt_java_uuid_parse("AAAAAAAAAAAAAAAAAAAAA!", &u, &err);
	CHECK_STR(err.msg, "Illegal base64 character 21",
		  "uuid: Java's bad character message");
	kt_java_uuid_parse("AAAAAAAAAAAAAAAAAAAAAAAAAA", &u, &err);
	CHECK_STR(err.msg,
		  "Input string with prefix `AAAAAAAAAAAAAAAAAAAAAAAA` is too "
		  "long to be decoded as a base64 UUID",
		  "uuid: Java's too long message");
	CHECK_INT(kt_java_uuid_parse("AAAAAAAAAAAAAAAAAAAAAA==", &u, &err), 0,
		  "uuid: padding accepted");
	CHECK(kt_uuid_is_zero(&u), "uuid: zero id");
	CHECK_INT(kt_java_uuid_parse("A", &u, &err), -KT_EINVAL,
		  "uuid: one char refused");

	kt_buf_init(&b, 0);
	kt_java_uuid_parse("QYNTJAVuTa6gyzqi2ECOjg", &u, &err);
	kt_topic_list_json("devtest", &u, false, &b);
	kt_buf_puts(&b, "\n");
	memset(&u, 0, sizeof(u));
	kt_topic_list_json("__consumer_offsets", &u, true, &b);
	kt_buf_puts(&b, "");
	CHECK_STR((const char *)b.p,
		  "{\"topic\":\"devtest\",\"id\":\"QYNTJAVuTa6gyzqi2ECOjg\","
		  "\"internal\":false}\n{\"topic\":\"__consumer_offsets\","
		  "\"id\":null,\"internal\":true}",
		  "list json: schema and null id");
	kt_buf_release(&b);
}

struct ra_case {
	const char *in;
	int rc;
	const char *want; /* "1,2|3,4" or the message */
	const char *cls;
};

/* Messages and classes observed from Apache 4.3.1 kafka-topics --create
 * --replica-assignment on the dev broker (and Java's split/parseInt). */
static const struct ra_case ra_cases[] = {
	{"1", 0, "1", NULL},
	{"1:2,2:3", 0, "1,2|2,3", NULL},
	{" 1 : 2 , 3:4", 0, "1,2|3,4", NULL},
	{"1,2,", 0, "1|2", NULL}, /* trailing empty pieces dropped */
	{"1:2:", 0, "1,2", NULL},
	{"+1:-2", 0, "1,-2", NULL}, /* Integer.parseInt takes signs */
	{"1:a", -KT_EINVAL, "For input string: \"a\"",
	 "java.lang.NumberFormatException"},
	{",1", -KT_EINVAL, "For input string: \"\"",
	 "java.lang.NumberFormatException"},
	{"1: ,2", -KT_EINVAL, "For input string: \"\"",
	 "java.lang.NumberFormatException"},
	{"2147483648", -KT_EINVAL, "For input string: \"2147483648\"",
	 "java.lang.NumberFormatException"},
	{"1:1", -KT_EINVAL,
	 "Partition replica lists may not contain duplicate entries: 1",
	 "org.apache.kafka.tools.AdminCommandFailedException"},
	{"3:2:3:2:3", -KT_EINVAL,
	 "Partition replica lists may not contain duplicate entries: 2,3",
	 "org.apache.kafka.tools.AdminCommandFailedException"},
	{"1,1:2", -KT_EINVAL,
	 "Partition 1 has different replication factor: [1, 2]",
	 "org.apache.kafka.tools.AdminOperationException"},
};

static void test_replica_assignment(void)
{
	size_t i, k, j, n;

	for (i = 0; i < sizeof(ra_cases) / sizeof(ra_cases[0]); i++) {
		const struct ra_case *c = &ra_cases[i];
		struct kt_ids *v = NULL;
		struct kt_err err;
		const char *cls = NULL;
		struct kt_buf b;
		int r = kt_replica_assignment_parse(c->in, &v, &n, &cls, &err);

		CHECK_INT(r, c->rc, "assignment '%s': result", c->in);
		kt_buf_init(&b, 0);
		if (r == 0) {
			for (k = 0; k < n; k++) {
				for (j = 0; j < v[k].n; j++)
					kt_buf_printf(&b, "%s%d", j ? "," : "",
						      v[k].v[j]);
				if (k + 1 < n)
					kt_buf_puts(&b, "|");
				kt_ids_release(&v[k]);
			}
			free(v);
		} else {
			kt_buf_puts(&b, err.msg);
			CHECK_STR(cls, c->cls, "assignment '%s': Java class",
				  c->in);
		}
		kt_buf_puts(&b, "");
		CHECK_STR((const char *)b.p, c->want, "assignment '%s'", c->in);
		kt_buf_release(&b);
	}
}

static void count_flush(void *arg, struct kt_buf *out)
{
	(*(int *)arg)++;
	kt_buf_reset(out);
}

/* The whole --describe: HashMap order of the names (for one-letter names,
 * by character code mod 16, so "q" (113, bucket 1) comes before "b" (98,
 * bucket 2)), a failed topic left out, a flush past 64 KiB only. */
static void test_describe_all(void)
{
	struct kt_admin_desc v[3];
	struct kt_describe_opts o;
	struct kt_buf b;
	int flushes = 0;
	static const char *const names[] = {"b", "c", "q"};
	size_t i;

	memset(v, 0, sizeof(v));
	memset(&o, 0, sizeof(o));
	for (i = 0; i < 3; i++)
		v[i].d.name = strdup(names[i]);
	v[1].res.error_code = 3;
	kt_buf_init(&b, 0);
	CHECK_INT(
		kt_topics_describe(v, 3, &o, false, &b, count_flush, &flushes),
		0, "describe all: succeeds");
	kt_buf_puts(&b, "");
	CHECK_STR(
		(char *)b.p,
		"Topic: q\tPartitionCount: 0\tReplicationFactor: 0\tConfigs: \n"
		"Topic: b\tPartitionCount: 0\tReplicationFactor: 0\tConfigs: "
		"\n",
		"describe all: HashMap order, the failed topic left out");
	CHECK_INT(flushes, 0, "describe all: no flush under 64 KiB");
	kt_buf_release(&b);
	for (i = 0; i < 3; i++)
		free(v[i].d.name);
}

void test_topics(void)
{
	test_text();
	test_describe_all();
	test_rf_reassignment();
	test_json();
	test_ids_and_list_json();
	test_replica_assignment();
}
