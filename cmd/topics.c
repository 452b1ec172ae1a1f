/*
 * topics.c - kafka-topics: create, list, describe, grow and delete topics,
 * a drop-in for Apache Kafka 4.3's kafka-topics (tools.md §1,
 * org.apache.kafka.tools.TopicCommand): same options, the same checks in
 * the same order with the same messages, the same output and exit codes.
 * Beyond Apache: --output json, a report of every failed topic of a
 * multi-topic action, waiting until brokers show created or deleted topics,
 * man page and completions generated from the table below.
 *
 * Layout: the option table; the checks TopicCommandOptions.checkArgs makes
 * (all before any network I/O); the admin client's creation; one function
 * per action. Everything that talks to Kafka is in common/admin/admin.c.
 */
#include "tool.h"

#include "admin/admin.h"
#include "net/client.h"
#include "java/jorder.h"
#include "wire/kerr.h"
#include "java/props.h"
#include "admin/topicconf.h"
#include "admin/topicfilter.h"
#include "format/topics.h"

#include <ctype.h>
#include <sys/stat.h>
#include <time.h>

#define ALTER_SUFFIX                                                           \
	" (To alter topic configurations, the kafka-configs tool can be "      \
	"used.)"

static const struct kt_opt opts[] = {
	{.name = "bootstrap-server",
	 .flags = KT_ARG,
	 .arg = "server to connect to",
	 .help = "REQUIRED: The Kafka server to connect to.",
	 .comp = KT_COMP_HOST},
	{.name = "command-config",
	 .flags = KT_ARG,
	 .arg = "command config property file",
	 .help = "Property file containing configs to be passed to Admin "
		 "Client.",
	 .comp = KT_COMP_FILE,
	 .comp_arg = "properties conf"},
	{.name = "list", .help = "List all available topics."},
	{.name = "create", .help = "Create a new topic."},
	{.name = "delete", .help = "Delete a topic."},
	{.name = "alter",
	 .help = "Alter the number of partitions and replica "
		 "assignment." ALTER_SUFFIX},
	{.name = "describe", .help = "List details for the given topics."},
	{.name = "topic",
	 .flags = KT_ARG,
	 .arg = "topic",
	 .help = "The topic to create, alter, describe or delete. It also "
		 "accepts a regular expression, except for --create option.",
	 .comp = KT_COMP_TOPIC},
	{.name = "topic-id",
	 .flags = KT_ARG,
	 .arg = "topic-id",
	 .help = "The topic-id to describe."},
	{.name = "config",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "name=value",
	 .help = "A topic configuration override for the topic being created. "
		 "The following is a list of valid configurations: \n"
		 "\tcleanup.policy\n\tcompression.gzip.level\n"
		 "\tcompression.lz4.level\n\tcompression.type\n"
		 "\tcompression.zstd.level\n\tdelete.retention.ms\n"
		 "\tfile.delete.delay.ms\n\tflush.messages\n\tflush.ms\n"
		 "\tfollower.replication.throttled.replicas\n"
		 "\tindex.interval.bytes\n"
		 "\tleader.replication.throttled.replicas\n"
		 "\tlocal.retention.bytes\n\tlocal.retention.ms\n"
		 "\tmax.compaction.lag.ms\n\tmax.message.bytes\n"
		 "\tmessage.timestamp.after.max.ms\n"
		 "\tmessage.timestamp.before.max.ms\n"
		 "\tmessage.timestamp.type\n\tmin.cleanable.dirty.ratio\n"
		 "\tmin.compaction.lag.ms\n\tmin.insync.replicas\n"
		 "\tpreallocate\n\tremote.log.copy.disable\n"
		 "\tremote.log.delete.on.disable\n\tremote.storage.enable\n"
		 "\tretention.bytes\n\tretention.ms\n\tsegment.bytes\n"
		 "\tsegment.index.bytes\n\tsegment.jitter.ms\n\tsegment.ms\n"
		 "\tunclean.leader.election.enable\n"
		 "See the Kafka documentation for full details on the topic "
		 "configs. It is supported only in combination with "
		 "--create." ALTER_SUFFIX,
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "cleanup.policy= compression.type= retention.ms= "
		     "retention.bytes= segment.bytes= segment.ms= "
		     "min.insync.replicas= max.message.bytes="},
	{.name = "delete-config",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "name",
	 .help = "This option is no longer supported and has been deprecated "
		 "since 4.0"},
	{.name = "partitions",
	 .flags = KT_ARG | KT_INT,
	 .arg = "# of partitions",
	 .help = "The number of partitions for the topic being created or "
		 "altered. If not supplied with --create, the topic uses the "
		 "cluster default. (WARNING: If partitions are increased for a "
		 "topic that has a key, the partition logic or ordering of the "
		 "messages will be affected)."},
	{.name = "replication-factor",
	 .flags = KT_ARG | KT_INT,
	 .arg = "replication factor",
	 .help = "The replication factor for each partition in the topic being "
		 "created. If not supplied, the topic uses the cluster "
		 "default."},
	{.name = "replica-assignment",
	 .flags = KT_ARG,
	 .arg = "broker_id_for_part1_replica1 : broker_id_for_part1_replica2 , "
		"broker_id_for_part2_replica1 : broker_id_for_part2_replica2 , "
		"...",
	 .help = "A list of manual partition-to-broker assignments for the "
		 "topic being created or altered."},
	{.name = "under-replicated-partitions",
	 .help = "If set when describing topics, only show under-replicated "
		 "partitions."},
	{.name = "unavailable-partitions",
	 .help = "If set when describing topics, only show partitions whose "
		 "leader is not available."},
	{.name = "under-min-isr-partitions",
	 .help = "If set when describing topics, only show partitions whose "
		 "isr count is less than the configured minimum."},
	{.name = "at-min-isr-partitions",
	 .help = "If set when describing topics, only show partitions whose "
		 "isr count is equal to the configured minimum."},
	{.name = "topics-with-overrides",
	 .help = "If set when describing topics, only show topics that have "
		 "overridden configs."},
	{.name = "if-exists",
	 .help = "If set when altering or deleting or describing topics, the "
		 "action will only execute if the topic exists."},
	{.name = "if-not-exists",
	 .help = "If set when creating topics, the create request will not "
		 "fail if the topic already exists, but the request will still "
		 "be sent."},
	{.name = "exclude-internal",
	 .help = "Exclude internal topics when listing or describing topics. "
		 "By default, the internal topics are included."},
	{.name = "partition-size-limit-per-response",
	 .flags = KT_ARG | KT_INT,
	 .arg = "maximum number of partitions per response",
	 .help = "The maximum partition size to be included in one "
		 "DescribeTopicPartitions response."},
	{.name = "output",
	 .flags = KT_ARG | KT_EXT,
	 .arg = "text|json",
	 .help = "Output format of --list and --describe: text (Apache's, the "
		 "default) or json (one JSON object per topic and line; schema "
		 "in the man page).",
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "text json"},
	KT_OPT_HELP,
	KT_OPT_VERSION,
	{0},
};

static const char man_description[] =
	"kafkit's kafka\\-topics is a drop\\-in replacement for Apache Kafka "
	"4.3's tool of the same name: the same options, checks, messages, "
	"output and exit codes, so scripts written for Apache's tool keep "
	"working; it answers in milliseconds instead of seconds.\n"
	".PP\n"
	"Exactly one action is required: \\fB\\-\\-list\\fR, "
	"\\fB\\-\\-describe\\fR, \\fB\\-\\-create\\fR, \\fB\\-\\-alter\\fR or "
	"\\fB\\-\\-delete\\fR. Except with \\fB\\-\\-create\\fR, "
	"\\fB\\-\\-topic\\fR is a regular expression that must match the whole "
	"topic name; Apache's clean\\-up applies first (trimmed, commas become "
	"\\(oq|\\(cq, spaces are deleted, surrounding quotes stripped). "
	"Patterns are Java regular expressions, which kafkit translates to "
	"POSIX ones: literals and escapes (\\et, \\ex41, \\eu00e9, "
	"\\eQ...\\eE, ...), . * + ? {m,n} | ( ) (?:...), classes with "
	"\\ed \\ew \\es \\ep{Lower} and their negations, anchors, lazy "
	"quantifiers and a leading (?i) work as in Java. Lookaround, "
	"back\\-references, named groups, possessive quantifiers, other inline "
	"flags and Unicode properties are refused with a message saying so; a "
	"pattern Java itself rejects gets Apache's message.\n";

static const char man_output[] =
	".SS \\-\\-list\n"
	"The selected topic names, sorted, one per line; a single empty line "
	"when none matches.\n"
	".SS \\-\\-describe\n"
	"For each topic a topic line, then one line per partition (TAB "
	"separated, partition lines start with a TAB):\n"
	".PP\n"
	".nf\n"
	"Topic: NAME  TopicId: ID  PartitionCount: N  ReplicationFactor: RF  "
	"Configs: K=V,...\n"
	"  Topic: NAME  Partition: P  Leader: L  Replicas: R  Isr: I  Elr: E  "
	"LastKnownElr: K\n"
	".fi\n"
	".PP\n"
	"Configs lists every config whose source is not the default, sensitive "
	"ones as name=null, in the order Apache prints them (the iteration "
	"order of Java's HashMap over the broker's answer). Leader is "
	"\\(lqnone\\(rq without a leader. While a partition is being "
	"reassigned, Adding Replicas and Removing Replicas follow Isr. Elr and "
	"LastKnownElr come from DescribeTopicPartitions (brokers 3.8 and "
	"newer); they read N/A when the data came from the Metadata API "
	"(\\fB\\-\\-topic\\-id\\fR, or an older broker). Topics come in "
	"Apache's order, the iteration order of Java HashMaps over the sorted "
	"names, which kafkit reproduces; partitions in ascending order.\n"
	".PP\n"
	"With any of the four partition filters only the matching partition "
	"lines are printed (a partition matching any filter); with "
	"\\fB\\-\\-topics\\-with\\-overrides\\fR only the topic lines of "
	"topics "
	"that have at least one non\\-default config.\n"
	".SS \\-\\-create, \\-\\-alter, \\-\\-delete\n"
	"\\-\\-create prints \\(lqCreated topic NAME.\\(rq, preceded by "
	"Apache's metric\\-name collision warning when the name contains a "
	"period or an underscore. "
	"\\-\\-alter and \\-\\-delete print nothing on success. Before "
	"exiting, "
	"kafkit waits (at most default.api.timeout.ms, 30 s at most) until "
	"every broker's metadata shows the created or grown topic with a "
	"leader for each partition, or no longer shows a deleted one, so that "
	"the next command of a script sees the change. Apache's tool does not "
	"wait, but takes seconds to start.\n";

static const char man_json[] =
	"With \\fB\\-\\-output json\\fR, \\-\\-list and \\-\\-describe print "
	"one "
	"JSON object per topic and line (JSON Lines), in the same order as the "
	"text output; the filters select the same topics and partitions. "
	"Errors are reported as in text mode. The schema is stable: fields are "
	"only ever added.\n"
	".PP\n"
	"\\-\\-list:\n"
	".PP\n"
	".nf\n"
	"{\"topic\": string, \"id\": string|null, \"internal\": bool}\n"
	".fi\n"
	".PP\n"
	"\\-\\-describe:\n"
	".PP\n"
	".nf\n"
	"{\"topic\": string, \"id\": string|null, \"internal\": bool,\n"
	" \"partition_count\": int, \"replication_factor\": int,\n"
	" \"configs\": [{\"name\": string, \"value\": string|null,\n"
	"              \"source\": string, \"default\": bool,\n"
	"              \"sensitive\": bool, \"read_only\": bool}],\n"
	" \"partitions\": [{\"partition\": int, \"leader\": int|null,\n"
	"                 \"replicas\": [int], \"isr\": [int],\n"
	"                 \"elr\": [int]|null, \"last_known_elr\": "
	"[int]|null,\n"
	"                 \"offline\": [int],\n"
	"                 \"adding\": [int], \"removing\": [int]}]}\n"
	".fi\n"
	".PP\n"
	"id is the base64 topic id (null when the broker has none). configs "
	"lists every config the broker describes, defaults included: value is "
	"null for sensitive configs; source is the Java ConfigSource name "
	"(DYNAMIC_TOPIC_CONFIG, STATIC_BROKER_CONFIG, DEFAULT_CONFIG, ...); "
	"default is true when source is DEFAULT_CONFIG. leader is null without "
	"a leader; elr and last_known_elr are null when the data came from the "
	"Metadata API; adding and removing are present only while the "
	"partition is being reassigned. \\-\\-topics\\-with\\-overrides leaves "
	"out topics without overrides; the partition filters leave out "
	"partitions.\n";

static const char man_errors[] =
	"Argument errors print the message and the option table on standard "
	"error (or, where Apache prints a Java stack trace, its first lines "
	"without the stack frames). A failure during the action prints "
	"\\(lqError while executing topic command : MESSAGE\\(rq on standard "
	"output and Apache's log record on standard error:\n"
	".PP\n"
	".nf\n"
	"[2026\\-01\\-31 12:00:00,000] ERROR JAVA_EXCEPTION_CLASS: MESSAGE\n"
	" (org.apache.kafka.tools.TopicCommand)\n"
	".fi\n"
	".PP\n"
	"When an action concerns several topics (\\-\\-delete or \\-\\-alter "
	"with a pattern, \\-\\-describe) and some of them fail, kafkit carries "
	"on with the others, prints the ERROR record of every failed topic on "
	"standard error, the first failure's \\(lqError while executing topic "
	"command\\(rq line on standard output, and exits 1. Apache stops at "
	"the first failure.\n"
	".PP\n"
	"Unreachable brokers: kafkit connects to the bootstrap servers in turn "
	"(one attempt each, socket.connection.setup.timeout.ms per attempt, "
	"default.api.timeout.ms in total). A refused connection fails at once "
	"rather than being retried for 60 s as Apache does, and the message "
	"says what happened and names the servers: \\(lqCannot reach any "
	"bootstrap server (HOST:PORT): connection to HOST:PORT (ADDRESS) "
	"refused. Call: listTopics\\(rq, with a NetworkException record on "
	"standard error. Only when default.api.timeout.ms runs out does it "
	"print Apache's \\(lqTimed out waiting for a node assignment. Call: "
	"listTopics (...)\\(rq. A script that waits for a broker to start "
	"should retry. A host name that does not resolve is reported the same "
	"way, during the action (Apache fails earlier, while creating its "
	"admin client: \\(lqNo resolvable bootstrap urls given in "
	"bootstrap.servers\\(rq on standard error and nothing on standard "
	"output).\n";

static const char man_examples[] =
	".nf\n"
	"kafka\\-topics \\-\\-bootstrap\\-server localhost:9092 \\-\\-create "
	"\\-\\-topic orders \\e\n"
	"    \\-\\-partitions 6 \\-\\-replication\\-factor 3 \\-\\-config "
	"retention.ms=86400000\n"
	"kafka\\-topics \\-\\-bootstrap\\-server localhost:9092 \\-\\-list "
	"\\-\\-exclude\\-internal\n"
	"kafka\\-topics \\-\\-bootstrap\\-server localhost:9092 \\-\\-describe "
	"\\-\\-topic 'orders.*'\n"
	"kafka\\-topics \\-\\-bootstrap\\-server localhost:9092 \\-\\-describe "
	"\\-\\-under\\-replicated\\-partitions\n"
	"kafka\\-topics \\-\\-bootstrap\\-server localhost:9092 \\-\\-alter "
	"\\-\\-topic orders \\-\\-partitions 12\n"
	"kafka\\-topics \\-\\-bootstrap\\-server localhost:9092 \\-\\-delete "
	"\\-\\-topic 'tmp\\-.*' \\-\\-if\\-exists\n"
	"kafka\\-topics \\-\\-bootstrap\\-server localhost:9092 \\-\\-describe "
	"\\-\\-output json | jq \\-r .topic\n"
	"kafka\\-topics \\-\\-bootstrap\\-server localhost:9092 "
	"\\-\\-command\\-config admin.properties \\-\\-list\n"
	".fi\n";

static const struct kt_cli_section man_sections[] = {
	{"OUTPUT", man_output}, {"JSON OUTPUT", man_json},
	{"ERRORS", man_errors}, {"SECURITY", KT_CLI_MAN_SECURITY ".PP\n" KT_MAN_SECURITY},
	{"EXAMPLES", man_examples}, {NULL, NULL},
};

static const char man_exit[] =
	"0: success, including \\-\\-version, \\-\\-if\\-exists with "
	"nothing to act on, and \\-\\-if\\-not\\-exists with an existing "
	"topic.\n"
	".br\n"
	"1: everything else, as Apache: usage errors (also \\-\\-help and no "
	"arguments at all), unknown topics, broker refusals, unreachable "
	"brokers, and (kafkit) any failed topic of a multi\\-topic action.\n";

static const struct kt_cli_tool tool = {
	.name = "kafka-topics",
	.summary = "create, delete, describe, or change a topic",
	.usage = "This tool helps to create, delete, describe, or change a "
		 "topic.",
	.opts = opts,
	.description = man_description,
	.sections = man_sections,
	.exit_status = man_exit,
};

static const char logger[] = "org.apache.kafka.tools.TopicCommand";

/* Everything an action needs. */
struct ctx {
	struct kt_cli cli;
	struct kt_client_conf conf;
	struct kt_client *client;
	const char *call; /* the Java admin call, for timeout messages */
	/* --describe: connections opened before the listing */
	int32_t conns[KT_ADMIN_DESCRIBE_CONNS];
	size_t n_conns;
	bool want_conns;
	bool json;
	bool failed;
	bool reported; /* the stdout "Error while ..." line was printed */
};

static void usage_exit(const char *msg)
{
	kt_tool_usage_exit(opts, msg);
}

/* Apache's ERROR record of an exception without stack frames. */
static void log_error(const char *jclass, const char *msg)
{
	fflush(stdout);
	kt_tool_log("ERROR", logger, "%s: %s\n", jclass, msg);
}

/* A failed action (TopicCommand.printException): the stdout line once,
 * the ERROR record each time. */
static void action_error(struct ctx *x, const char *jclass, const char *msg)
{
	if (!x->reported) {
		printf("Error while executing topic command : %s\n", msg);
		x->reported = true;
	}
	log_error(jclass, msg);
	x->failed = true;
}

/* A failure outside the action (TopicCommand.mainNoExit): the message,
 * then the exception line without its stack frames, exit 1. */
static void die_exception(const char *msg, const char *exc_line)
{
	fflush(stdout);
	fprintf(stderr, "%s\n", msg);
	if (exc_line)
		fprintf(stderr, "%s\n", exc_line);
	exit(1);
}

/* An option value read inside the action fails as jopt does there. */
static void option_error(struct ctx *x, const struct kt_err *err)
{
	const char *cls =
		strncmp(err->msg, "Found multiple", 14) == 0
			? "joptsimple.MultipleArgumentsForOptionException"
			: "joptsimple.OptionArgumentConversionException";

	action_error(x, cls, err->msg);
}

/* A library failure during the action. */
static void call_error(struct ctx *x, const struct kt_err *err)
{
	char cls[128], msg[512];

	if (err->code == KT_EKAFKA && err->kafka_code) {
		action_error(
			x,
			kt_admin_error_class(err->kafka_code, cls, sizeof(cls)),
			err->msg);
		return;
	}
	if (err->code == KT_ETIMEDOUT) {
		snprintf(msg, sizeof(msg),
			 "Timed out waiting for a node "
			 "assignment. Call: %s (%s)",
			 x->call, err->msg);
		action_error(x,
			     "org.apache.kafka.common.errors.TimeoutException",
			     msg);
		return;
	}
	action_error(x, "org.apache.kafka.common.KafkaException", err->msg);
}

/* Connect on first use, as the Java admin client does. */
static int connect_client(struct ctx *x)
{
	struct kt_err err = {0};
	char msg[512];

	if (kt_client_bootstrap(x->client, &err) == 0)
		return 0;
	if (err.kafka_code) {
		/* a refused login: Apache names the broker's exception */
		char cls[128];

		action_error(x,
			     kt_admin_error_class(err.kafka_code, cls,
						  sizeof(cls)),
			     err.msg);
		return -1;
	}
	if (err.code == KT_ETIMEDOUT) {
		/* what Apache says once default.api.timeout.ms has passed */
		snprintf(msg, sizeof(msg),
			 "Timed out waiting for a node assignment. Call: %s "
			 "(%s)",
			 x->call, err.msg);
		action_error(x,
			     "org.apache.kafka.common.errors.TimeoutException",
			     msg);
		return -1;
	}
	/* refused, unresolvable, reset: Apache would retry until its
	 * time-out and then blame the time; say what happened, at once */
	snprintf(msg, sizeof(msg), "%c%s. Call: %s",
		 (char)toupper((unsigned char)err.msg[0]),
		 err.msg[0] ? err.msg + 1 : "", x->call);
	action_error(x, "org.apache.kafka.common.errors.NetworkException", msg);
	return -1;
}

/* Report each failed topic of a multi-topic action; true if any. */
static bool report_results(struct ctx *x, const struct kt_admin_result *res,
			   size_t n)
{
	char cls[128];
	size_t i;
	bool any = false;

	for (i = 0; i < n; i++) {
		if (!res[i].error_code)
			continue;
		action_error(x,
			     kt_admin_error_class(res[i].error_code, cls,
						  sizeof(cls)),
			     res[i].message);
		any = true;
	}
	return any;
}

static int wait_ms(const struct ctx *x)
{
	return x->conf.default_api_timeout_ms < 30000
		       ? x->conf.default_api_timeout_ms
		       : 30000;
}

/* ---- topic selection (TopicCommand.getTopics, tools.md §1.4) ---------- */

struct selection {
	char **names;
	size_t n;
	bool *internal;
};

static void selection_release(struct selection *s)
{
	kt_admin_names_free(s->names, s->n);
	free(s->internal);
	memset(s, 0, sizeof(*s));
}

/* The sorted topic names, filtered by --topic (a pattern) when given.
 * Returns 0, or -1 after reporting the failure. */
static int select_topics(struct ctx *x, const char *topic, bool excl,
			 struct selection *s)
{
	struct kt_err err = {0};
	struct kt_topic_filter f;

	memset(s, 0, sizeof(*s));
	if (connect_client(x))
		return -1;
	/* the describe requests will want their own connections: open them
	 * now, so that they are ready when the listing is */
	if (x->want_conns &&
	    kt_admin_open_conns(x->client, x->conns, KT_ADMIN_DESCRIBE_CONNS,
				NULL) == 0)
		x->n_conns = KT_ADMIN_DESCRIBE_CONNS;
	if (kt_admin_topic_names(x->client, excl, &s->names, &s->internal,
				 &s->n, &err) < 0) {
		call_error(x, &err);
		return -1;
	}
	if (!topic)
		return 0;
	if (kt_topic_filter_init(&f, topic, &err) < 0) {
		kt_topic_filter_release(&f);
		action_error(x, "java.lang.RuntimeException", err.msg);
		selection_release(s);
		return -1;
	}
	s->n = kt_topic_filter_names(&f, s->names, s->internal, s->n, excl);
	kt_topic_filter_release(&f);
	return 0;
}

/* TopicCommand.ensureTopicExists */
static int ensure_exists(struct ctx *x, const struct selection *s,
			 const char *topic)
{
	char msg[600];

	if (!topic || s->n || kt_cli_has(&x->cli, "if-exists"))
		return 0;
	snprintf(msg, sizeof(msg), "Topic '%s' does not exist as expected",
		 topic);
	action_error(x, "java.lang.IllegalArgumentException", msg);
	return -1;
}

/* The single value of an option read inside the action. Returns 1 when
 * set, 0 when absent, -1 after reporting jopt's failure. */
static int opt_str(struct ctx *x, const char *name, const char **v)
{
	struct kt_err err = {0};
	int r = kt_cli_str(&x->cli, name, v, &err);

	if (r < 0) {
		option_error(x, &err);
		return -1;
	}
	return r;
}

static int opt_int(struct ctx *x, const char *name, int32_t *v)
{
	struct kt_err err = {0};
	int r = kt_cli_int(&x->cli, name, v, &err);

	if (r < 0) {
		option_error(x, &err);
		return -1;
	}
	return r;
}

/* ---- --list ----------------------------------------------------------- */

static void do_list(struct ctx *x)
{
	struct selection s;
	const char *topic = NULL;
	struct kt_buf out;
	size_t i;

	if (opt_str(x, "topic", &topic) < 0)
		return;
	if (select_topics(x, topic, kt_cli_has(&x->cli, "exclude-internal"),
			  &s))
		return;
	kt_buf_init(&out, 0);
	for (i = 0; i < s.n; i++) {
		if (x->json) {
			const struct kt_md_topic *t = kt_metadata_topic(
				kt_client_metadata(x->client), s.names[i]);

			kt_topic_list_json(s.names[i], t ? &t->topic_id : NULL,
					   s.internal[i], &out);
			kt_buf_puts(&out, "\n");
		} else {
			kt_buf_printf(&out, "%s%s", i ? "\n" : "", s.names[i]);
		}
	}
	if (!x->json)
		kt_buf_puts(&out, "\n"); /* an empty list is one empty line */
	if (out.len)
		fwrite(out.p, 1, out.len, stdout);
	kt_buf_release(&out);
	selection_release(&s);
}

/* ---- --describe ------------------------------------------------------- */

static void flush_stdout(void *arg, struct kt_buf *out)
{
	(void)arg;
	if (out->len)
		fwrite(out->p, 1, out->len, stdout);
	kt_buf_reset(out);
}

static void print_descriptions(struct ctx *x, struct kt_admin_desc *v, size_t n,
			       const struct kt_describe_opts *o)
{
	struct kt_buf out;
	char cls[128];
	size_t i;
	int rc;

	kt_buf_init(&out, 0);
	rc = kt_topics_describe(v, n, o, x->json, &out, flush_stdout, NULL);
	flush_stdout(NULL, &out);
	kt_buf_release(&out);
	if (rc == -KT_ENOMEM) {
		action_error(x, "java.lang.OutOfMemoryError", "out of memory");
		return;
	}
	for (i = 0; i < n; i++)
		if (v[i].res.error_code)
			action_error(x,
				     kt_admin_error_class(v[i].res.error_code,
							  cls, sizeof(cls)),
				     v[i].res.message);
}

static void do_describe(struct ctx *x)
{
	struct kt_cli *cli = &x->cli;
	struct kt_admin_describe_req req;
	struct kt_describe_opts o;
	struct kt_admin_desc *v = NULL;
	struct selection s = {0};
	struct kt_uuid id;
	struct kt_err err = {0};
	const char *topic = NULL, *tid = NULL;
	int32_t limit = 2000, *live = NULL;
	size_t n_live = 0, n = 0, i;
	bool by_id = false;
	char **names = NULL;

	memset(&req, 0, sizeof(req));
	memset(&o, 0, sizeof(o));
	if (opt_str(x, "topic-id", &tid) < 0)
		return;
	if (tid) {
		if (kt_java_uuid_parse(tid, &id, &err) < 0) {
			action_error(x, "java.lang.IllegalArgumentException",
				     err.msg);
			return;
		}
		by_id = !kt_uuid_is_zero(&id);
	}
	if (by_id) {
		const struct kt_metadata *md;
		char ids[23], msg[128];

		if (select_topics(x, NULL, kt_cli_has(cli, "exclude-internal"),
				  &s))
			return;
		md = kt_client_metadata(x->client);
		for (i = 0; i < s.n && !n; i++) {
			const struct kt_md_topic *t =
				kt_metadata_topic(md, s.names[i]);

			if (t && memcmp(&t->topic_id, &id, sizeof(id)) == 0)
				n = 1;
		}
		if (!n) {
			if (!kt_cli_has(cli, "if-exists")) {
				kt_uuid_str(&id, ids);
				snprintf(msg, sizeof(msg),
					 "TopicId '%s' does not exist as "
					 "expected",
					 ids);
				action_error(
					x, "java.lang.IllegalArgumentException",
					msg);
			}
			goto out;
		}
		req.ids = &id;
		req.n_ids = 1;
	} else {
		if (opt_str(x, "topic", &topic) < 0)
			return;
		if (select_topics(x, topic, kt_cli_has(cli, "exclude-internal"),
				  &s))
			return;
		if (ensure_exists(x, &s, topic))
			goto out;
		if (!s.n)
			goto out;
		names = s.names;
		n = s.n;
		req.names = (const char *const *)names;
		req.n_names = n;
	}
	if (opt_int(x, "partition-size-limit-per-response", &limit) < 0)
		goto out;
	req.partition_limit = limit;
	req.timeout_ms = x->conf.default_api_timeout_ms;
	req.conns = x->conns;
	req.n_conns = x->n_conns;
	o.under_replicated = kt_cli_has(cli, "under-replicated-partitions");
	o.unavailable = kt_cli_has(cli, "unavailable-partitions");
	o.under_min_isr = kt_cli_has(cli, "under-min-isr-partitions");
	o.at_min_isr = kt_cli_has(cli, "at-min-isr-partitions");
	o.with_overrides = kt_cli_has(cli, "topics-with-overrides");
	if (kt_admin_describe(x->client, &req, &v, &err) < 0) {
		call_error(x, &err);
		goto out;
	}
	if (o.unavailable) {
		if (kt_admin_live_brokers(x->client, &live, &n_live, &err) <
		    0) {
			call_error(x, &err);
			goto out;
		}
		o.live_brokers = live;
		o.n_live = n_live;
	}
	print_descriptions(x, v, n, &o);
out:
	kt_admin_descs_free(v, n);
	free(live);
	selection_release(&s);
}

/* ---- --create --------------------------------------------------------- */

/* TopicCommand.parseReplicaAssignment. Returns the partition count, or
 * -1 after reporting. */
static long parse_assignment(struct ctx *x, const char *s, struct kt_ids **out)
{
	struct kt_err err = {0};
	const char *cls = NULL;
	size_t n = 0;

	if (kt_replica_assignment_parse(s, out, &n, &cls, &err) < 0) {
		action_error(x, cls ? cls : "java.lang.OutOfMemoryError",
			     err.msg);
		return -1;
	}
	return (long)n;
}

static void free_assignment(struct kt_ids *v, long n)
{
	while (n > 0)
		kt_ids_release(&v[--n]);
	free(v);
}

/* What CommandTopicPartition reads, in its order. Returns 0 or -1 after
 * reporting. */
struct tp {
	const char *name;
	int32_t partitions, rf;
	bool has_partitions, has_rf;
	struct kt_ids *assign;
	long n_assign;
	struct kt_topic_config *cfg;
	char **cfg_mem;
	size_t n_cfg;
};

static void tp_release(struct tp *t)
{
	size_t i;

	free_assignment(t->assign, t->n_assign);
	for (i = 0; i < 2 * t->n_cfg; i++)
		free(t->cfg_mem[i]);
	free(t->cfg_mem);
	free(t->cfg);
	memset(t, 0, sizeof(*t));
}

static int tp_read(struct ctx *x, struct tp *t)
{
	const char *ra = NULL;
	const char *const *cv;
	struct kt_err err = {0};
	const char *cls = NULL;
	size_t i, nc;
	int r;

	memset(t, 0, sizeof(*t));
	if (opt_str(x, "topic", &t->name) < 0)
		return -1;
	r = opt_int(x, "partitions", &t->partitions);
	if (r < 0)
		return -1;
	t->has_partitions = r > 0;
	r = opt_int(x, "replication-factor", &t->rf);
	if (r < 0)
		return -1;
	t->has_rf = r > 0;
	if (opt_str(x, "replica-assignment", &ra) < 0)
		return -1;
	if (ra && *ra) {
		t->n_assign = parse_assignment(x, ra, &t->assign);
		if (t->n_assign < 0) {
			t->n_assign = 0;
			return -1;
		}
	}
	nc = kt_cli_values(&x->cli, "config", &cv);
	if (!nc)
		return 0;
	t->cfg = calloc(nc, sizeof(*t->cfg));
	t->cfg_mem = calloc(2 * nc, sizeof(*t->cfg_mem));
	if (!t->cfg || !t->cfg_mem) {
		action_error(x, "java.lang.OutOfMemoryError", "out of memory");
		return -1;
	}
	for (i = 0; i < nc; i++) {
		if (kt_topic_config_split(cv[i], &t->cfg_mem[2 * i],
					  &t->cfg_mem[2 * i + 1], &err) < 0) {
			t->n_cfg = i + 1;
			action_error(x, "java.lang.IllegalArgumentException",
				     err.msg);
			return -1;
		}
		t->n_cfg = i + 1;
		t->cfg[i].name = t->cfg_mem[2 * i];
		t->cfg[i].value = t->cfg_mem[2 * i + 1];
	}
	if (kt_topic_configs_validate(t->cfg, t->n_cfg, &cls, &err) < 0) {
		action_error(x,
			     cls ? cls
				 : "org.apache.kafka.common.config."
				   "ConfigException",
			     err.msg);
		return -1;
	}
	return 0;
}

static void do_create(struct ctx *x)
{
	struct tp t;
	struct kt_admin_new_topic nt;
	struct kt_admin_result res = {0};
	struct kt_err err = {0};
	char cls[128];

	if (tp_read(x, &t) < 0)
		goto out;
	if (strchr(t.name, '.') || strchr(t.name, '_'))
		printf("WARNING: Due to limitations in metric names, topics "
		       "with a period ('.') or underscore ('_') could collide. "
		       "To avoid issues it is best to use either, but not "
		       "both.\n");
	if (t.has_rf && (t.rf < 1 || t.rf > 32767)) {
		action_error(x, "java.lang.IllegalArgumentException",
			     "The replication factor must be between 1 and "
			     "32767 inclusive");
		goto out;
	}
	if (t.has_partitions && t.partitions < 1) {
		action_error(x, "java.lang.IllegalArgumentException",
			     "The partitions must be greater than 0");
		goto out;
	}
	memset(&nt, 0, sizeof(nt));
	nt.name = t.name;
	nt.partitions = t.has_partitions ? t.partitions : -1;
	nt.replication_factor = t.has_rf ? (int16_t)t.rf : -1;
	nt.assignment = t.assign;
	nt.n_assignment = (size_t)t.n_assign;
	nt.configs = t.cfg;
	nt.n_configs = t.n_cfg;
	if (connect_client(x))
		goto out;
	if (kt_admin_create_topic(x->client, &nt, &res, &err) < 0) {
		call_error(x, &err);
		goto out;
	}
	if (res.error_code == 36 /* TOPIC_ALREADY_EXISTS */ &&
	    kt_cli_has(&x->cli, "if-not-exists"))
		goto out;
	if (res.error_code) {
		action_error(
			x,
			kt_admin_error_class(res.error_code, cls, sizeof(cls)),
			res.message);
		goto out;
	}
	/* best effort: the topic exists whatever the brokers say yet */
	kt_admin_wait_topics(x->client, &t.name, 1, NULL, false, wait_ms(x),
			     NULL);
	printf("Created topic %s.\n", t.name);
out:
	kt_admin_result_release(&res);
	tp_release(&t);
}

/* ---- --alter ---------------------------------------------------------- */

static void do_alter(struct ctx *x)
{
	struct tp t;
	struct selection s = {0};
	struct kt_admin_new_parts *np = NULL;
	struct kt_admin_result *res = NULL;
	struct kt_admin_desc *descs = NULL;
	struct kt_err err = {0};
	int32_t *want = NULL;
	size_t i, n = 0;

	if (tp_read(x, &t) < 0)
		goto out;
	if (select_topics(x, t.name, kt_cli_has(&x->cli, "exclude-internal"),
			  &s))
		goto out;
	if (ensure_exists(x, &s, t.name) || !s.n)
		goto out;
	n = s.n;
	np = calloc(n, sizeof(*np));
	res = calloc(n, sizeof(*res));
	want = calloc(n, sizeof(*want));
	if (!np || !res || !want) {
		action_error(x, "java.lang.OutOfMemoryError", "out of memory");
		goto out;
	}
	if (t.n_assign) {
		/* the assignment covers every partition: the existing ones
		 * are skipped (TopicService.topicNewPartitions) */
		struct kt_admin_describe_req dr;

		memset(&dr, 0, sizeof(dr));
		dr.names = (const char *const *)s.names;
		dr.n_names = n;
		dr.partition_limit = 2000;
		dr.timeout_ms = x->conf.default_api_timeout_ms;
		dr.skip_configs = true;
		dr.skip_reassignments = true;
		if (kt_admin_describe(x->client, &dr, &descs, &err) < 0) {
			call_error(x, &err);
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		np[i].name = s.names[i];
		np[i].total = t.partitions;
		want[i] = t.partitions;
		if (!t.n_assign)
			continue;
		np[i].has_assignment = true;
		if (descs[i].res.error_code) {
			kt_admin_result_release(&res[i]);
			res[i].error_code = descs[i].res.error_code;
			continue;
		}
		if ((long)descs[i].d.n_parts < t.n_assign) {
			np[i].assignment = t.assign + descs[i].d.n_parts;
			np[i].n_assignment =
				(size_t)t.n_assign - descs[i].d.n_parts;
		}
	}
	if (t.n_assign)
		for (i = 0; i < n; i++)
			if (descs[i].res.error_code) {
				/* the description failed: report that */
				report_results(x, &descs[i].res, 1);
				goto out;
			}
	if (kt_admin_create_partitions(x->client, np, n, res, &err) < 0) {
		call_error(x, &err);
		goto out;
	}
	report_results(x, res, n);
	{
		/* wait for the topics that grew */
		const char **ok = calloc(n, sizeof(*ok));
		int32_t *okw = calloc(n, sizeof(*okw));
		size_t k = 0;

		for (i = 0; ok && okw && i < n; i++)
			if (!res[i].error_code) {
				ok[k] = s.names[i];
				okw[k++] = want[i];
			}
		if (k)
			kt_admin_wait_topics(x->client, ok, k, okw, false,
					     wait_ms(x), NULL);
		free(ok);
		free(okw);
	}
out:
	if (res)
		for (i = 0; i < n; i++)
			kt_admin_result_release(&res[i]);
	free(res);
	free(np);
	free(want);
	kt_admin_descs_free(descs, t.n_assign ? n : 0);
	selection_release(&s);
	tp_release(&t);
}

/* ---- --delete --------------------------------------------------------- */

static void do_delete(struct ctx *x)
{
	struct selection s = {0};
	struct kt_admin_result *res = NULL;
	struct kt_err err = {0};
	const char *topic = NULL;
	const char **gone = NULL;
	size_t i, k = 0;

	if (opt_str(x, "topic", &topic) < 0)
		return;
	if (select_topics(x, topic, kt_cli_has(&x->cli, "exclude-internal"),
			  &s))
		return;
	if (ensure_exists(x, &s, topic) || !s.n)
		goto out;
	res = calloc(s.n, sizeof(*res));
	gone = calloc(s.n, sizeof(*gone));
	if (!res || !gone) {
		action_error(x, "java.lang.OutOfMemoryError", "out of memory");
		goto out;
	}
	if (kt_admin_delete_topics(x->client, (const char *const *)s.names, s.n,
				   res, &err) < 0) {
		call_error(x, &err);
		goto out;
	}
	report_results(x, res, s.n);
	for (i = 0; i < s.n; i++)
		if (!res[i].error_code)
			gone[k++] = s.names[i];
	kt_admin_wait_topics(x->client, gone, k, NULL, true, wait_ms(x), NULL);
out:
	if (res)
		for (i = 0; i < s.n; i++)
			kt_admin_result_release(&res[i]);
	free(res);
	free(gone);
	selection_release(&s);
}

/* ---- checks before any I/O (TopicCommandOptions.checkArgs) ------------ */

static void check_invalid(const struct kt_cli *cli, const char *used,
			  const char *const *invalid)
{
	struct kt_err err = {0};

	if (kt_cli_check_invalid(cli, used, invalid, &err))
		usage_exit(err.msg);
}

static void check_args(struct ctx *x)
{
	static const char *const actions[] = {"list",  "describe", "create",
					      "alter", "delete",   NULL};
	static const char *const alter_set[] = {"bootstrap-server", "config",
						NULL};
	static const char *const alter_only[] = {"alter", NULL};
	/* allTopicLevelOpts minus the actions an option is allowed with */
	static const char *const not_cfg[] = {"list", "describe", "delete",
					      NULL};
	static const char *const not_rf[] = {"list", "describe", "alter",
					     "delete", NULL};
	static const char *const not_ra_create[] = {"partitions",
						    "replication-factor", NULL};
	static const char *const not_report[] = {
		"list", "create", "alter", "delete", "topics-with-overrides",
		NULL};
	static const char *const not_overrides[] = {"list", "create", "alter",
						    "delete", NULL};
	static const char *const not_if_exists[] = {"list", "create", NULL};
	static const char *const not_if_not_exists[] = {
		"list", "describe", "alter", "delete", NULL};
	static const char *const not_excl[] = {"create", "alter", "delete",
					       NULL};
	static const char *const reports[] = {
		"under-replicated-partitions", "under-min-isr-partitions",
		"at-min-isr-partitions", "unavailable-partitions", NULL};
	struct kt_cli *cli = &x->cli;
	struct kt_err err = {0};
	const char *output = NULL;
	size_t i, n = 0;

	if (cli->ntokens == 0)
		usage_exit("Create, delete, describe, or change a topic.");
	if (kt_cli_has(cli, "help"))
		usage_exit("This tool helps to create, delete, describe, or "
			   "change a topic.");
	if (kt_cli_has(cli, "version"))
		kt_tool_version_exit();
	for (i = 0; actions[i]; i++)
		n += kt_cli_has(cli, actions[i]);
	if (n != 1)
		usage_exit("Command must include exactly one action: --list, "
			   "--describe, --create, --alter or --delete");
	if (kt_cli_has(cli, "delete-config"))
		fprintf(stderr, "delete-config option is no longer supported "
				"and deprecated since version 4.0. The config "
				"will be fully removed in future releases.\n");

	/* checkRequiredArgs */
	if (!kt_cli_has(cli, "bootstrap-server"))
		die_exception("--bootstrap-server must be specified",
			      "java.lang.IllegalArgumentException: "
			      "--bootstrap-server must be specified");
	if (kt_cli_has(cli, "describe") && kt_cli_has(cli, "if-exists")) {
		if (!kt_cli_has(cli, "topic") && !kt_cli_has(cli, "topic-id"))
			usage_exit("--topic or --topic-id is required to "
				   "describe a topic");
		if (kt_cli_has(cli, "topic") && kt_cli_has(cli, "topic-id"))
			printf("Only topic id will be used when both --topic "
			       "and --topic-id are specified and topicId is "
			       "not Uuid.ZERO_UUID\n");
	}
	if (!kt_cli_has(cli, "list") && !kt_cli_has(cli, "describe") &&
	    kt_cli_check_required(cli, "topic", &err))
		usage_exit(err.msg);
	if (kt_cli_has(cli, "alter")) {
		if (kt_cli_check_invalid_set(cli, alter_set, alter_only,
					     ALTER_SUFFIX, &err) ||
		    kt_cli_check_required(cli, "partitions", &err))
			usage_exit(err.msg);
	}

	/* checkInvalidArgs */
	check_invalid(cli, "config", not_cfg);
	check_invalid(cli, "partitions", not_cfg);
	check_invalid(cli, "replication-factor", not_rf);
	check_invalid(cli, "replica-assignment", not_cfg);
	if (kt_cli_has(cli, "create"))
		check_invalid(cli, "replica-assignment", not_ra_create);
	for (i = 0; reports[i]; i++)
		check_invalid(cli, reports[i], not_report);
	check_invalid(cli, "topics-with-overrides", not_overrides);
	check_invalid(cli, "if-exists", not_if_exists);
	check_invalid(cli, "if-not-exists", not_if_not_exists);
	check_invalid(cli, "exclude-internal", not_excl);

	/* kafkit's --output */
	if (kt_cli_str(cli, "output", &output, &err) < 0)
		usage_exit(err.msg);
	if (output) {
		static const char *const not_output[] = {"create", "alter",
							 "delete", NULL};

		check_invalid(cli, "output", not_output);
		if (strcmp(output, "json") == 0)
			x->json = true;
		else if (strcmp(output, "text") != 0) {
			char msg[200];

			snprintf(msg, sizeof(msg),
				 "Invalid value '%.100s' for option output: "
				 "must be text or json",
				 output);
			usage_exit(msg);
		}
	}
}

/* ---- the admin client (TopicService's constructor) -------------------- */

static void make_client(struct ctx *x)
{
	struct kt_props props;
	struct kt_err err = {0};
	const char *cc = NULL, *bs = NULL;

	kt_props_init(&props);
	kt_client_conf_init(&x->conf);
	if (kt_cli_str(&x->cli, "command-config", &cc, &err) < 0 ||
	    kt_cli_str(&x->cli, "bootstrap-server", &bs, &err) < 0)
		die_exception(err.msg, NULL);
	if (cc && kt_props_load_file(&props, cc, &err) < 0) {
		/* Files.newInputStream's exceptions: the message is the path
		 * (or the errno text for a directory) */
		char line[1200];
		struct stat st;

		if (stat(cc, &st) == 0 && S_ISDIR(st.st_mode)) {
			die_exception("Is a directory",
				      "java.io.IOException: Is a directory");
		}
		if (err.code == KT_ESYNTAX) /* Properties.load's own error */
			die_exception("Malformed \\uxxxx encoding.",
				      "java.lang.IllegalArgumentException: "
				      "Malformed \\uxxxx encoding.");
		snprintf(line, sizeof(line), "java.nio.file.%s: %s",
			 err.code == KT_ENOTFOUND ? "NoSuchFileException"
						  : "AccessDeniedException",
			 cc);
		die_exception(cc, line);
	}
	if (kt_client_conf_apply(&x->conf, &props, bs, &err) < 0)
		die_exception(err.msg, NULL);
	kt_props_release(&props);
	x->client = kt_client_new(&x->conf, &err);
	if (!x->client) {
		char line[600];

		if (strstr(err.msg, "sasl.") ||
		    err.kafka_code == KT_KERR_SASL_AUTHENTICATION_FAILED) {
			/* Java fails building the NetworkClient's login (the
			 * OIDC token is fetched then) */
			snprintf(line, sizeof(line),
				 "Caused by: org.apache.kafka.common."
				 "KafkaException: %s%s",
				 err.kafka_code ? "javax.security.auth.login."
						  "LoginException: "
						: "",
				 err.msg);
			die_exception("Failed to create new KafkaAdminClient",
				      line);
		}
		if (err.code == KT_ESYNTAX) {
			/* ClientUtils: "Invalid url in bootstrap.servers: X" */
			const char *q = strchr(err.msg, '\'');
			const char *e = q ? strchr(q + 1, '\'') : NULL;

			if (q && e)
				snprintf(line, sizeof(line),
					 "Caused by: org.apache.kafka.common."
					 "config.ConfigException: Invalid url "
					 "in bootstrap.servers: %.*s",
					 (int)(e - q - 1), q + 1);
			else
				snprintf(line, sizeof(line),
					 "Caused by: org.apache.kafka.common."
					 "config.ConfigException: No "
					 "resolvable bootstrap urls given in "
					 "bootstrap.servers");
			die_exception("Failed to create new KafkaAdminClient",
				      line);
		}
		die_exception(err.msg, NULL);
	}
}

int main(int argc, char **argv)
{
	struct ctx x;
	struct kt_err err = {0};
	int rc;

	kt_tool_generate_hook(&tool);
	memset(&x, 0, sizeof(x));
	/* jopt parse errors come first: message (and a stack trace in
	 * Apache) on stderr, exit 1 */
	if (kt_cli_parse(&x.cli, opts, argc, argv, &err))
		kt_tool_die(&err);
	check_args(&x);
	make_client(&x);
	if (kt_cli_has(&x.cli, "create")) {
		x.call = "createTopics";
		do_create(&x);
	} else if (kt_cli_has(&x.cli, "alter")) {
		x.call = "listTopics";
		do_alter(&x);
	} else if (kt_cli_has(&x.cli, "list")) {
		x.call = "listTopics";
		do_list(&x);
	} else if (kt_cli_has(&x.cli, "describe")) {
		x.call = "listTopics";
		x.want_conns = true;
		do_describe(&x);
	} else {
		x.call = "listTopics";
		do_delete(&x);
	}
	rc = x.failed ? 1 : 0;
	if (fflush(stdout) || ferror(stdout))
		rc = 1;
	kt_client_free(x.client);
	kt_client_conf_release(&x.conf);
	kt_cli_release(&x.cli);
	return rc;
}
