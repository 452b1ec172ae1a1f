/*
 * test_topicconf.c - kafka-topics --config checks, against the messages
 * Apache's 4.3.1 tool printed for the same input (observed on a real
 * broker; see the observations in each check's name).
 */
#include "unit.h"

#include "admin/topicconf.h"

void test_topicconf(void);

static const char *check1(const char *name, const char *value, const char **cls)
{
	static struct kt_err err;
	struct kt_topic_config c = {name, value};

	kt_err_clear(&err);
	*cls = NULL;
	if (kt_topic_configs_validate(&c, 1, cls, &err) == 0)
		return "OK";
	return err.msg;
}

static void test_messages(void)
{
	static const struct {
		const char *name, *value, *want;
	} cases[] = {
		{"foo", "bar", "Unknown topic config name: foo"},
		{"retention.ms", "abc",
		 "Invalid value abc for configuration retention.ms: Not a "
		 "number of type LONG"},
		{"cleanup.policy", "bogus",
		 "Invalid value bogus for configuration cleanup.policy: String "
		 "must be one of: compact, delete"},
		{"cleanup.policy", "compact,bogus",
		 "Invalid value bogus for configuration cleanup.policy: String "
		 "must be one of: compact, delete"},
		{"cleanup.policy", "delete,delete", "OK"},
		{"cleanup.policy", "compact , delete", "OK"},
		{"min.insync.replicas", "0",
		 "Invalid value 0 for configuration min.insync.replicas: Value "
		 "must be at least 1"},
		{"compression.type", "foo",
		 "Invalid value foo for configuration compression.type: String "
		 "must be one of: uncompressed, zstd, lz4, snappy, gzip, "
		 "producer"},
		{"segment.bytes", "100",
		 "Invalid value 100 for configuration segment.bytes: Value "
		 "must "
		 "be at least 1048576"},
		{"segment.bytes", "2147483648",
		 "Invalid value 2147483648 for configuration segment.bytes: "
		 "Not "
		 "a number of type INT"},
		{"segment.bytes", "+2000000", "OK"},
		{"min.cleanable.dirty.ratio", "2",
		 "Invalid value 2.0 for configuration "
		 "min.cleanable.dirty.ratio: "
		 "Value must be no more than 1"},
		{"min.cleanable.dirty.ratio", "-0.5",
		 "Invalid value -0.5 for configuration "
		 "min.cleanable.dirty.ratio: Value must be at least 0"},
		{"min.cleanable.dirty.ratio", "abc",
		 "Invalid value abc for configuration "
		 "min.cleanable.dirty.ratio: "
		 "Not a number of type DOUBLE"},
		{"message.timestamp.type", "createtime",
		 "Invalid value createtime for configuration "
		 "message.timestamp.type: String must be one of: CreateTime, "
		 "LogAppendTime"},
		{"preallocate", "maybe",
		 "Invalid value maybe for configuration preallocate: Expected "
		 "value to be either true or false"},
		{"preallocate", "TRUE", "OK"},
		{"compression.gzip.level", "0",
		 "Invalid value 0 for configuration compression.gzip.level: "
		 "Value must be between 1 and 9 or equal to -1"},
		{"compression.gzip.level", "-1", "OK"},
		{"retention.ms", "99999999999999999999",
		 "Invalid value 99999999999999999999 for configuration "
		 "retention.ms: Not a number of type LONG"},
		{"max.message.bytes", "-1",
		 "Invalid value -1 for configuration max.message.bytes: Value "
		 "must be at least 0"},
		{"leader.replication.throttled.replicas", "x",
		 "Invalid value [x] for configuration "
		 "leader.replication.throttled.replicas: "
		 "leader.replication.throttled.replicas must be the literal "
		 "'*' "
		 "or a list of replicas in the following format: "
		 "[partitionId]:[brokerId],[partitionId]:[brokerId],..."},
		{"leader.replication.throttled.replicas", "0:1, 1:2", "OK"},
		{"leader.replication.throttled.replicas", "*", "OK"},
		{"internal.segment.bytes", "16384", "OK"},
	};
	size_t i;
	const char *cls;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_STR(check1(cases[i].name, cases[i].value, &cls),
			  cases[i].want, "%s=%s", cases[i].name,
			  cases[i].value);
	check1("foo", "bar", &cls);
	CHECK_STR(
		cls,
		"org.apache.kafka.common.errors.InvalidConfigurationException",
		"unknown name is an InvalidConfigurationException");
	check1("retention.ms", "x", &cls);
	CHECK_STR(cls, "org.apache.kafka.common.config.ConfigException",
		  "bad value is a ConfigException");
}

static void test_order_and_conflict(void)
{
	struct kt_topic_config two[] = {{"retention.ms", "x"},
					{"segment.bytes", "1"}};
	struct kt_topic_config lag[] = {{"max.compaction.lag.ms", "1"},
					{"min.compaction.lag.ms", "5"}};
	struct kt_topic_config unknown_last[] = {{"retention.ms", "x"},
						 {"nope", "1"}};
	struct kt_topic_config three_unknown[] = {
		{"zzz", "1"}, {"aaa", "2"}, {"mmm", "3"}};
	struct kt_err err;

	kt_topic_configs_validate(two, 2, NULL, &err);
	CHECK_STR(err.msg,
		  "Invalid value 1 for configuration segment.bytes: Value must "
		  "be at least 1048576",
		  "values are checked in LogConfig definition order");
	kt_topic_configs_validate(lag, 2, NULL, &err);
	CHECK_STR(err.msg,
		  "conflict topic config setting min.compaction.lag.ms (5) > "
		  "max.compaction.lag.ms (1)",
		  "compaction lag conflict");
	kt_topic_configs_validate(three_unknown, 3, NULL, &err);
	CHECK_STR(err.msg, "Unknown topic config name: aaa",
		  "several unknown names: the first in HashMap order (as "
		  "4.3.1 reported for zzz, aaa, mmm)");
	kt_topic_configs_validate(unknown_last, 2, NULL, &err);
	CHECK_STR(err.msg, "Unknown topic config name: nope",
		  "names are checked before values");
}

static void test_split(void)
{
	static const struct {
		const char *arg, *name, *value;
	} ok[] = {
		{"a=b", "a", "b"},
		{" a = b ", "a", "b"},
		{"=b", "", "b"},
	};
	static const char *badargs[] = {"a", "a=", "a= ", "a=b=c", ""};
	struct kt_err err;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char *n, *v;
		int rc = kt_topic_config_split(ok[i].arg, &n, &v, &err);

		CHECK(rc == 0 && strcmp(n, ok[i].name) == 0 &&
			      strcmp(v, ok[i].value) == 0,
		      "split '%s'", ok[i].arg);
		free(n);
		free(v);
	}
	for (i = 0; i < sizeof(badargs) / sizeof(badargs[0]); i++) {
		char *n, *v;
		int rc = kt_topic_config_split(badargs[i], &n, &v, &err);

		CHECK(rc < 0 &&
			      strstr(err.msg,
				     "must be in the format \"key=val\"") &&
			      !n && !v,
		      "split refuses '%s'", badargs[i]);
	}
}

static void test_double_str(void)
{
	static const struct {
		double d;
		const char *s;
	} c[] = {{2, "2.0"},	   {0.5, "0.5"},
		 {-0.5, "-0.5"},   {1e7, "1.0E7"},
		 {1e-4, "1.0E-4"}, {123456.789, "123456.789"},
		 {0.001, "0.001"}, {1.5e10, "1.5E10"},
		 {100, "100.0"}};
	size_t i;
	char buf[64];

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		kt_java_double_str(c[i].d, buf, sizeof(buf));
		CHECK_STR(buf, c[i].s, "Double.toString(%g)", c[i].d);
	}
}

void test_topicconf(void)
{
	test_messages();
	test_order_and_conflict();
	test_split();
	test_double_str();
}
