/*
 * consumer_groups.c - kafka-consumer-groups: list, describe, delete and
 * reset the offsets of consumer groups, a drop-in for Apache Kafka 4.3's
 * kafka-consumer-groups (tools.md §4, org.apache.kafka.tools.consumer.group.
 * ConsumerGroupCommand): the same options, checks in the same order with
 * the same messages, the same tables and exit codes. Beyond Apache:
 * --output json, a lag gate for CI (--lag-max, --wait-until-caught-up),
 * man page and completions generated from the table below.
 *
 * Layout: the option table; the checks ConsumerGroupCommandOptions.checkArgs
 * makes (all before any network I/O); the admin client; one function per
 * action. What talks to Kafka is common/admin/groups.c, the tables are
 * common/format/groups.c, the reset plan (scenarios, CSV, dates) is
 * common/admin/groups_reset.c.
 */
#include "tool.h"

#include "admin/admin.h"
#include "admin/groups.h"
#include "admin/groups_reset.h"
#include "format/groups.h"
#include "java/jre2.h"
#include "java/props.h"
#include "net/client.h"
#include "proto/fetch.h"
#include "wire/kerr.h"

#include <ctype.h>
#include <errno.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct kt_opt opts[] = {
	{.name = "bootstrap-server",
	 .flags = KT_ARG,
	 .arg = "server to connect to",
	 .help = "The server(s) to connect to. REQUIRED for all options "
		 "except for --validate-regex.",
	 .comp = KT_COMP_HOST},
	{.name = "group",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "consumer group",
	 .help = "The consumer group we wish to act on.",
	 .comp = KT_COMP_GROUP},
	{.name = "topic",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "topic",
	 .help = "The topic whose consumer group information should be "
		 "deleted or topic whose should be included in the reset "
		 "offset process. In `reset-offsets` case, partitions can be "
		 "specified using this format: `topic1:0,1,2`, where 0,1,2 are "
		 "the partition to be included in the process. Reset-offsets "
		 "also supports multiple topic inputs.",
	 .comp = KT_COMP_TOPIC},
	{.name = "all-topics",
	 .help = "Consider all topics assigned to a group in the "
		 "`reset-offsets` process."},
	{.name = "list", .help = "List all consumer groups."},
	{.name = "describe",
	 .help = "Describe consumer group and list offset lag (number of "
		 "messages not yet processed) related to given group."},
	{.name = "all-groups", .help = "Apply to all consumer groups."},
	{.name = "delete",
	 .help = "Pass in groups to delete topic partition offsets and "
		 "ownership information over the entire consumer group. For "
		 "instance --group g1 --group g2"},
	{.name = "timeout",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "timeout (ms)",
	 .def = "30000",
	 .help = "The timeout that can be set for some use cases. For "
		 "example, it can be used when describing the group to "
		 "specify the maximum amount of time in milliseconds to wait "
		 "before the group stabilizes (when the group is just "
		 "created, or is going through some changes)."},
	{.name = "command-config",
	 .flags = KT_ARG,
	 .arg = "command config property file",
	 .help = "Property file containing configs to be passed to Admin "
		 "Client and Consumer.",
	 .comp = KT_COMP_FILE,
	 .comp_arg = "properties conf"},
	{.name = "reset-offsets",
	 .help = "Reset offsets of consumer group. Supports one consumer group "
		 "at the time, and instances should be inactive\n"
		 "Has 2 execution options: --dry-run (the default) to plan "
		 "which offsets to reset, and --execute to update the "
		 "offsets. Additionally, the --export option is used to "
		 "export the results to a CSV format.\n"
		 "You must choose one of the following reset specifications: "
		 "--to-datetime, --by-duration, --to-earliest, --to-latest, "
		 "--shift-by, --from-file, --to-current, --to-offset.\n"
		 "To define the scope use --all-topics or --topic. One scope "
		 "must be specified unless you use '--from-file'."},
	{.name = "dry-run",
	 .help = "Only show results without executing changes on Consumer "
		 "Groups. Supported operations: reset-offsets."},
	{.name = "execute",
	 .help = "Execute operation. Supported operations: reset-offsets."},
	{.name = "export",
	 .help = "Export operation execution to a CSV file. Supported "
		 "operations: reset-offsets."},
	{.name = "to-offset",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "offset",
	 .help = "Reset offsets to a specific offset."},
	{.name = "from-file",
	 .flags = KT_ARG,
	 .arg = "path to CSV file",
	 .help = "Reset offsets to values defined in CSV file.",
	 .comp = KT_COMP_FILE,
	 .comp_arg = "csv"},
	{.name = "to-datetime",
	 .flags = KT_ARG,
	 .arg = "datetime",
	 .help = "Reset offsets to offset from datetime. Format: "
		 "'YYYY-MM-DDThh:mm:ss.sss'"},
	{.name = "by-duration",
	 .flags = KT_ARG,
	 .arg = "duration",
	 .help = "Reset offsets to offset by duration from current timestamp. "
		 "Format: 'PnDTnHnMnS'"},
	{.name = "to-earliest", .help = "Reset offsets to earliest offset."},
	{.name = "to-latest", .help = "Reset offsets to latest offset."},
	{.name = "to-current", .help = "Reset offsets to current offset."},
	{.name = "shift-by",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "number-of-offsets",
	 .help = "Reset offsets shifting current offset by 'n', where 'n' can "
		 "be positive or negative."},
	{.name = "members",
	 .help = "Describe members of the group. This option may be used with "
		 "'--describe' and '--bootstrap-server' options only.\n"
		 "Example: --bootstrap-server localhost:9092 --describe "
		 "--group group1 --members",
	 .avail_if = "describe"},
	{.name = "verbose",
	 .help = "Provide additional information, if any, when describing the "
		 "group. This option may be used with "
		 "'--offsets'/'--members'/'--state' and '--bootstrap-server' "
		 "options only.\n"
		 "Example: --bootstrap-server localhost:9092 --describe "
		 "--group group1 --members --verbose",
	 .avail_if = "describe"},
	{.name = "offsets",
	 .help = "Describe the group and list all topic partitions in the "
		 "group along with their offset lag. This is the default "
		 "sub-action of and may be used with '--describe' and "
		 "'--bootstrap-server' options only.\n"
		 "Example: --bootstrap-server localhost:9092 --describe "
		 "--group group1 --offsets",
	 .avail_if = "describe"},
	{.name = "state",
	 .flags = KT_OPTARG,
	 .help = "When specified with '--describe', includes the state of the "
		 "group.\n"
		 "Example: --bootstrap-server localhost:9092 --describe "
		 "--group group1 --state\n"
		 "When specified with '--list', it displays the state of all "
		 "groups. It can also be used to list groups with specific "
		 "states.\n"
		 "Example: --bootstrap-server localhost:9092 --list --state "
		 "stable,empty\n"
		 "This option may be used with '--describe', '--list' and "
		 "'--bootstrap-server' options only.",
	 .avail_if = "describe list",
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "stable empty preparingrebalance completingrebalance "
		     "assigning reconciling dead"},
	{.name = "delete-offsets",
	 .help = "Delete offsets of consumer group. Supports one consumer "
		 "group at the time, and multiple topics."},
	{.name = "type",
	 .flags = KT_OPTARG,
	 .help = "When specified with '--list', it displays the types of all "
		 "the groups. It can also be used to list groups with "
		 "specific types.\n"
		 "Example: --bootstrap-server localhost:9092 --list --type "
		 "classic,consumer\n"
		 "This option may be used with the '--list' option only.",
	 .avail_if = "list",
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "classic consumer"},
	{.name = "validate-regex",
	 .flags = KT_ARG,
	 .arg = "regex",
	 .help = "Validate that the syntax of the provided regular expression "
		 "is valid according to the RE2 format."},
	{.name = "output",
	 .flags = KT_ARG | KT_EXT,
	 .arg = "text|json",
	 .help = "Output format of --list and --describe: text (Apache's, the "
		 "default) or json (one JSON object per group and line; "
		 "schema in the man page).",
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "text json"},
	{.name = "lag-max",
	 .flags = KT_ARG | KT_LONG | KT_EXT,
	 .arg = "records",
	 .help = "With --describe: exit with status 3 when any partition's lag "
		 "is above this many records (0 otherwise). With "
		 "--wait-until-caught-up: the lag to wait for (default 0)."},
	{.name = "wait-until-caught-up",
	 .flags = KT_EXT,
	 .help = "With --describe: poll until every partition the group "
		 "commits to has a lag of at most --lag-max (0 by default), "
		 "then describe it. Exit status 3, naming the lagging "
		 "partitions, when --timeout-ms passes first."},
	{.name = "timeout-ms",
	 .flags = KT_ARG | KT_LONG | KT_EXT,
	 .arg = "ms",
	 .def = "60000",
	 .help = "How long --wait-until-caught-up waits."},
	KT_OPT_HELP,
	KT_OPT_VERSION,
	{0},
};

static const char man_description[] =
	"kafkit's kafka\\-consumer\\-groups is a drop\\-in replacement for "
	"Apache Kafka 4.3's tool of the same name: the same options, checks, "
	"messages, tables and exit codes, so scripts written for Apache's tool "
	"keep working; it answers in milliseconds instead of seconds.\n"
	".PP\n"
	"Exactly one action is required: \\fB\\-\\-list\\fR, "
	"\\fB\\-\\-describe\\fR, \\fB\\-\\-delete\\fR, "
	"\\fB\\-\\-reset\\-offsets\\fR, \\fB\\-\\-delete\\-offsets\\fR or "
	"\\fB\\-\\-validate\\-regex\\fR. Both group protocols are covered: "
	"classic groups (described with DescribeGroups) and KIP\\-848 "
	"consumer groups (ConsumerGroupDescribe, with member epochs and "
	"target assignments under \\fB\\-\\-verbose\\fR).\n";

static const char man_output[] =
	".SS \\-\\-list\n"
	"Group ids one per line, in the order the brokers return them. With "
	"\\fB\\-\\-state\\fR and/or \\fB\\-\\-type\\fR a table with a GROUP "
	"column max(15, longest id) + 10 wide and STATE and TYPE columns 20 "
	"wide; a value of either option filters (comma separated, any case).\n"
	".SS \\-\\-describe\n"
	"Groups in ascending order. For each: a note on standard error when "
	"the group is empty (\\(lqConsumer group 'G' has no active "
	"members.\\(rq) or rebalancing, then a block that starts with an "
	"empty line: the offsets view (GROUP TOPIC PARTITION CURRENT\\-OFFSET "
	"LOG\\-END\\-OFFSET LAG CONSUMER\\-ID HOST CLIENT\\-ID, \\- for "
	"unknown values), the members view (\\fB\\-\\-members\\fR) or the "
	"state view (\\fB\\-\\-state\\fR), with Apache's column widths. LAG is "
	"the log end offset (high watermark) minus the committed offset.\n"
	".SS \\-\\-reset\\-offsets\n"
	"A table GROUP TOPIC PARTITION NEW\\-OFFSET, or with "
	"\\fB\\-\\-export\\fR the CSV that \\fB\\-\\-from\\-file\\fR reads "
	"back: topic,partition,offset for one \\fB\\-\\-group\\fR, "
	"group,topic,partition,offset otherwise. Nothing is committed without "
	"\\fB\\-\\-execute\\fR. A group with active members is refused. New "
	"offsets are clamped to the partition's log start and end, with a "
	"WARN record on standard error. \\fB\\-\\-to\\-datetime\\fR takes "
	"YYYY\\-MM\\-DDThh:mm:ss.sss with an optional zone (Z, +hh, +hhmm, "
	"+hh:mm; UTC without); \\fB\\-\\-by\\-duration\\fR an ISO\\-8601 "
	"duration (PnDTnHnMn.nS).\n";

static const char man_json[] =
	"With \\fB\\-\\-output json\\fR, \\-\\-list prints one object per group "
	"and line:\n"
	".PP\n"
	".nf\n"
	"{\"group\": string, \"type\": \"classic\"|\"consumer\"|null,\n"
	" \"state\": string|null, \"protocol_type\": string}\n"
	".fi\n"
	".PP\n"
	"and \\-\\-describe (whatever the view) one object per group and "
	"line, with everything the three views show:\n"
	".PP\n"
	".nf\n"
	"{\"group\": string, \"error\": string|null, \"state\": string,\n"
	" \"protocol\": \"classic\"|\"consumer\",\n"
	" \"assignment_strategy\": string|null,\n"
	" \"coordinator\": {\"id\": int, \"host\": string, \"port\": int},\n"
	" \"group_epoch\": int|null, \"target_assignment_epoch\": int|null,\n"
	" \"members\": [{\"member_id\": string, \"instance_id\": "
	"string|null,\n"
	"              \"client_id\": string, \"host\": string,\n"
	"              \"member_epoch\": int|null,\n"
	"              \"assignment\": [{\"topic\": string, \"partitions\": "
	"[int]}],\n"
	"              \"target_assignment\": [...]|null}],\n"
	" \"offsets\": [{\"topic\": string, \"partition\": int,\n"
	"              \"current_offset\": int|null, \"log_end_offset\": "
	"int|null,\n"
	"              \"lag\": int|null, \"leader_epoch\": int|null,\n"
	"              \"member_id\": string|null, \"host\": string|null,\n"
	"              \"client_id\": string|null}]}\n"
	".fi\n"
	".PP\n"
	"null stands where the text prints \\-. A group that does not exist "
	"has its message in error (state Dead). Epochs are null for classic "
	"groups. The schema is stable: fields are only ever added.\n";

static const char man_gate[] =
	"\\fB\\-\\-describe \\-\\-group G \\-\\-lag\\-max N\\fR prints the "
	"description as usual and exits with status 3 when any partition of "
	"the group has a lag above N records, 0 otherwise; a partition whose "
	"lag is unknown (no commit) does not count.\n"
	".PP\n"
	"\\fB\\-\\-describe \\-\\-group G \\-\\-wait\\-until\\-caught\\-up "
	"[\\-\\-lag\\-max N] [\\-\\-timeout\\-ms T]\\fR polls the group's "
	"committed offsets and the log end offsets every 500 ms until every "
	"partition the group commits to has a lag of at most N (0 by "
	"default), then prints the description and exits 0. While waiting it "
	"shows the total lag on standard error when that is a terminal. When "
	"T (60000 by default) passes first it prints the description, names "
	"every lagging partition on standard error and exits 3. It replaces "
	"the sleep\\-and\\-grep loops written around Apache's tool.\n";

static const char man_differences[] =
	"Apache reports a failure during the action on standard output "
	"(\\(lqError: Executing consumer group command failed due to "
	"...\\(rq) followed by a Java stack trace on standard error, and "
	"exits 0. kafkit prints the same line and, instead of the stack "
	"trace, the exception line alone; it exits 0 as well, except with "
	"\\fB\\-\\-lag\\-max\\fR or \\fB\\-\\-wait\\-until\\-caught\\-up\\fR, "
	"where any failure exits 1.\n"
	".PP\n"
	"An unreachable broker fails at once with the reason (refused, "
	"unresolvable) instead of after \\fB\\-\\-timeout\\fR.\n"
	".PP\n"
	"Where Apache prints option names from a Java Set in an order that "
	"changes between runs, kafkit uses one fixed order.\n"
	".PP\n"
	"\\fB\\-\\-from\\-file\\fR: a line with the wrong number of fields, "
	"a partition or offset that is not a number, or an unclosed quote "
	"fails the whole reset with the file, the line number and what is "
	"wrong, and nothing is committed (Apache reports Jackson's parse "
	"exception, or reads a two\\-field line with offset 0). With one "
	"\\fB\\-\\-group\\fR a file of group,topic,partition,offset lines is "
	"read as such (Apache fails on it).\n"
	".PP\n"
	"The reset options (\\fB\\-\\-execute\\fR, \\fB\\-\\-to\\-earliest\\fR, "
	"...) given with another action are ignored, as by Apache, with a "
	"warning on standard error.\n"
	".PP\n"
	"When \\fB\\-\\-execute\\fR could not commit some partitions, kafkit "
	"names each one and why on standard error and exits 1.\n";

static const char man_examples[] =
	".nf\n"
	"kafka\\-consumer\\-groups \\-\\-bootstrap\\-server localhost:9092 "
	"\\-\\-list \\-\\-state \\-\\-type\n"
	"kafka\\-consumer\\-groups \\-\\-bootstrap\\-server localhost:9092 "
	"\\-\\-describe \\-\\-group my\\-app\n"
	"kafka\\-consumer\\-groups \\-\\-bootstrap\\-server localhost:9092 "
	"\\-\\-describe \\-\\-all\\-groups \\-\\-members \\-\\-verbose\n"
	"kafka\\-consumer\\-groups \\-\\-bootstrap\\-server localhost:9092 "
	"\\-\\-reset\\-offsets \\-\\-group my\\-app \\e\n"
	"    \\-\\-topic orders \\-\\-to\\-datetime 2026\\-12\\-01T09:00:00.000 "
	"\\-\\-execute\n"
	"kafka\\-consumer\\-groups \\-\\-bootstrap\\-server localhost:9092 "
	"\\-\\-reset\\-offsets \\-\\-group my\\-app \\e\n"
	"    \\-\\-all\\-topics \\-\\-to\\-current \\-\\-export > plan.csv\n"
	"kafka\\-consumer\\-groups \\-\\-bootstrap\\-server localhost:9092 "
	"\\-\\-reset\\-offsets \\-\\-group my\\-app \\e\n"
	"    \\-\\-from\\-file plan.csv \\-\\-execute\n"
	"# CI: wait for a pipeline to drain, at most two minutes\n"
	"kafka\\-consumer\\-groups \\-\\-bootstrap\\-server localhost:9092 "
	"\\-\\-describe \\-\\-group my\\-app \\e\n"
	"    \\-\\-wait\\-until\\-caught\\-up \\-\\-timeout\\-ms 120000\n"
	"kafka\\-consumer\\-groups \\-\\-bootstrap\\-server localhost:9092 "
	"\\-\\-describe \\-\\-group my\\-app \\-\\-output json | jq "
	"'.offsets[].lag'\n"
	".fi\n";

static const struct kt_cli_section man_sections[] = {
	{"OUTPUT", man_output},
	{"JSON OUTPUT", man_json},
	{"LAG GATE", man_gate},
	{"SECURITY", KT_CLI_MAN_SECURITY ".PP\n" KT_MAN_SECURITY},
	{"DIFFERENCES FROM APACHE", man_differences},
	{"EXAMPLES", man_examples},
	{NULL, NULL},
};

static const char man_exit[] =
	"0: success, and (as Apache) every failure during the action: unknown "
	"groups, broker refusals, unreachable brokers; the message is on "
	"standard output.\n"
	".br\n"
	"1: usage errors (also \\-\\-help and no arguments at all); with "
	"\\fB\\-\\-lag\\-max\\fR or \\fB\\-\\-wait\\-until\\-caught\\-up\\fR "
	"also any failure during the action; a failed commit of "
	"\\fB\\-\\-reset\\-offsets \\-\\-execute\\fR.\n"
	".br\n"
	"3: the lag gate: some partition's lag is above \\fB\\-\\-lag\\-max\\fR, "
	"or \\fB\\-\\-wait\\-until\\-caught\\-up\\fR timed out.\n";

static const struct kt_cli_tool tool = {
	.name = "kafka-consumer-groups",
	.summary = "list, describe, delete and reset the offsets of consumer "
		   "groups",
	.usage = "This tool helps to list all consumer groups, describe a "
		 "consumer group, delete consumer group info, or reset "
		 "consumer group offsets.",
	.opts = opts,
	.description = man_description,
	.sections = man_sections,
	.exit_status = man_exit,
};

static const char logger[] = "org.apache.kafka.tools.OffsetsUtils";

#define EXIT_LAG 3

/* Everything an action needs. */
struct ctx {
	struct kt_cli cli;
	struct kt_client_conf conf;
	struct kt_client *client;
	int timeout_ms;
	bool json;
	bool gate; /* --lag-max or --wait-until-caught-up */
	int64_t lag_max;
	bool failed; /* a runtime failure was reported */
	bool bad_timeout; /* --timeout did not parse: nothing to do */
	int rc;	     /* exit status decided by the action */
};

static void usage_exit(const char *msg)
{
	kt_tool_usage_exit(opts, msg);
}

/* A failure during the action, as ConsumerGroupCommand.main reports any
 * exception: a blank line and the line on stdout, the exception on
 * stderr (Apache: its stack trace). */
static void action_failed(struct ctx *x, const char *msg, const char *exc)
{
	printf("\nError: Executing consumer group command failed due to %s\n",
	       msg);
	fflush(stdout);
	fprintf(stderr, "%s\n", exc ? exc : msg);
	x->failed = true;
}

/* A library failure, as the Java admin client would raise it. wrapped:
 * the exception came through a future (ExecutionException). */
static void call_failed(struct ctx *x, const struct kt_err *err,
			const char *call, bool wrapped)
{
	char cls[128], msg[700], exc[800];

	if (err->code == KT_EKAFKA && err->kafka_code) {
		kt_admin_error_class(err->kafka_code, cls, sizeof(cls));
		snprintf(msg, sizeof(msg), "%s: %s", cls, err->msg);
	} else if (err->code == KT_ETIMEDOUT) {
		snprintf(msg, sizeof(msg),
			 "org.apache.kafka.common.errors.TimeoutException: "
			 "Timed out waiting for a node assignment. Call: %s "
			 "(%s)",
			 call, err->msg);
	} else {
		snprintf(msg, sizeof(msg),
			 "org.apache.kafka.common.errors.NetworkException: "
			 "%c%s. Call: %s",
			 (char)toupper((unsigned char)err->msg[0]),
			 err->msg[0] ? err->msg + 1 : "", call);
	}
	if (wrapped)
		snprintf(exc, sizeof(exc),
			 "java.util.concurrent.ExecutionException: %s", msg);
	else
		snprintf(exc, sizeof(exc), "%s", msg);
	action_failed(x, msg, exc);
}

static void write_buf(struct kt_buf *b)
{
	if (b->len)
		fwrite(b->p, 1, b->len, stdout);
	kt_buf_reset(b);
}

/* A jopt-simple parse error: ConsumerGroupCommand does not catch it, so
 * the JVM reports the exception (Apache: with its stack trace), exit 1. */
static void jopt_die(const struct kt_err *err)
{
	static const struct {
		const char *needle, *cls;
	} kinds[] = {
		{"is not a recognized option", "UnrecognizedOptionException"},
		{"requires an argument",
		 "OptionMissingRequiredArgumentException"},
		{"are unavailable given", "UnavailableOptionException"},
		{"Cannot parse argument", "OptionArgumentConversionException"},
		{"Found multiple arguments",
		 "MultipleArgumentsForOptionException"},
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strstr(err->msg, kinds[i].needle)) {
			fprintf(stderr,
				"Exception in thread \"main\" joptsimple.%s: "
				"%s\n",
				kinds[i].cls, err->msg);
			exit(1);
		}
	kt_tool_die(err);
}

/* ---- the admin client ------------------------------------------------- */

static void make_client(struct ctx *x)
{
	struct kt_props props;
	struct kt_err err = {0};
	const char *cc = NULL, *bs = NULL;

	kt_props_init(&props);
	kt_client_conf_init(&x->conf);
	if (kt_cli_str(&x->cli, "command-config", &cc, &err) < 0 ||
	    kt_cli_str(&x->cli, "bootstrap-server", &bs, &err) < 0)
		kt_tool_die(&err);
	if (cc && kt_props_load_file(&props, cc, &err) < 0) {
		if (err.code == KT_ESYNTAX) /* Apache: USAGE-EXIT */
			usage_exit("Malformed \\uxxxx encoding.");
		fprintf(stderr, "%s\n", err.msg);
		exit(1);
	}
	if (kt_client_conf_apply(&x->conf, &props, bs, &err) < 0)
		kt_tool_die(&err);
	kt_props_release(&props);
	/* --timeout bounds every admin call (Apache: timeoutMs of each) */
	x->conf.default_api_timeout_ms = x->timeout_ms;
	if (x->conf.request_timeout_ms > x->timeout_ms)
		x->conf.request_timeout_ms = x->timeout_ms;
	x->client = kt_client_new(&x->conf, &err);
	if (!x->client &&
	    err.kafka_code == KT_KERR_SASL_AUTHENTICATION_FAILED) {
		/* the OIDC login fetches its token here, as Java's
		 * LoginManager does while the admin client is built; an
		 * action failure, exit 0 as Apache's but for a gate */
		char line[600];

		snprintf(line, sizeof(line),
			 "org.apache.kafka.common.KafkaException: javax."
			 "security.auth.login.LoginException: %s",
			 err.msg);
		action_failed(x, "Failed to create new KafkaAdminClient", line);
		exit(x->gate ? 1 : 0);
	}
	if (!x->client)
		kt_tool_die(&err);
}

static int connect_client(struct ctx *x, const char *call)
{
	struct kt_err err = {0};

	if (kt_client_bootstrap(x->client, &err) == 0 &&
	    kt_client_metadata_refresh(x->client, NULL, 0, &err) == 0)
		return 0;
	call_failed(x, &err, call, true);
	return -1;
}

/* ---- checks before any I/O (ConsumerGroupCommandOptions.checkArgs) ---- */

/* The reset scenarios in the order Apache names the first two of a
 * conflict, and in the order of its "requires one of" message. */
static const char *const scenarios[] = {
	"to-offset",   "to-datetime", "by-duration", "to-earliest",
	"to-latest",   "to-current",  "shift-by",    "from-file",
	NULL};

static void check_args(struct ctx *x)
{
	static const char *const actions[] = {
		"list",		 "describe",	   "delete",
		"reset-offsets", "delete-offsets", "validate-regex",
		NULL};
	struct kt_cli *cli = &x->cli;
	struct kt_err err = {0};
	const char *output = NULL;
	int64_t t = 30000;
	size_t i, j, n = 0;

	if (cli->ntokens == 0 || kt_cli_has(cli, "help"))
		usage_exit(tool.usage);
	if (kt_cli_has(cli, "version"))
		kt_tool_version_exit();
	if (!kt_cli_has(cli, "bootstrap-server") &&
	    !kt_cli_has(cli, "validate-regex"))
		usage_exit("Missing required argument \"[bootstrap-server]\"");
	if (kt_cli_has(cli, "describe")) {
		size_t views = kt_cli_has(cli, "members") +
			       kt_cli_has(cli, "offsets") +
			       kt_cli_has(cli, "state");
		const char *sv = NULL;

		if (!kt_cli_has(cli, "group") && !kt_cli_has(cli, "all-groups"))
			usage_exit("Option [describe] takes one of these "
				   "options: [group], [all-groups]");
		if (views > 1)
			usage_exit("Option [describe] takes at most one of "
				   "these options: [members], [offsets], "
				   "[state]");
		if (kt_cli_str(cli, "state", &sv, &err) < 0)
			kt_tool_die(&err);
		if (sv)
			usage_exit("Option [describe] does not take a value "
				   "for [state]");
	}
	if (kt_cli_has(cli, "delete")) {
		if (!kt_cli_has(cli, "group") && !kt_cli_has(cli, "all-groups"))
			usage_exit("Option [delete] takes one of these "
				   "options: [group], [all-groups]");
		if (kt_cli_has(cli, "topic"))
			usage_exit("The consumer does not support "
				   "topic-specific offset deletion from a "
				   "consumer group.");
	}
	if (kt_cli_has(cli, "delete-offsets") &&
	    (!kt_cli_has(cli, "group") || !kt_cli_has(cli, "topic")))
		usage_exit("Option [delete-offsets] takes the following "
			   "options: [group], [topic]");
	if (kt_cli_has(cli, "reset-offsets")) {
		if (kt_cli_has(cli, "dry-run") && kt_cli_has(cli, "execute"))
			usage_exit("Option [reset-offsets] only accepts one of "
				   "[execute] and [dry-run]");
		if (!kt_cli_has(cli, "dry-run") && !kt_cli_has(cli, "execute"))
			fprintf(stderr,
				"WARN: No action will be performed as the "
				"--execute option is missing. In version 5.0, "
				"this command will require either --dry-run or "
				"--execute to be specified. You should add the "
				"--dry-run option explicitly if you are "
				"scripting this command and want to keep the "
				"current default behavior without prompting.\n");
		if (!kt_cli_has(cli, "group") && !kt_cli_has(cli, "all-groups"))
			usage_exit("Option [reset-offsets] takes one of these "
				   "options: [group], [all-groups]");
		for (i = 0; scenarios[i]; i++) {
			if (!kt_cli_has(cli, scenarios[i]))
				continue;
			for (j = i + 1; scenarios[j]; j++) {
				char msg[160];

				if (!kt_cli_has(cli, scenarios[j]))
					continue;
				snprintf(msg, sizeof(msg),
					 "Option \"[%s]\" can't be used with "
					 "option \"[%s]\"",
					 scenarios[i], scenarios[j]);
				usage_exit(msg);
			}
			break;
		}
	}
	if (kt_cli_has(cli, "group") && kt_cli_has(cli, "all-groups"))
		usage_exit("Option \"[group]\" can't be used with option "
			   "\"[all-groups]\"");
	if (kt_cli_has(cli, "group") && kt_cli_has(cli, "list"))
		usage_exit("Option \"[group]\" can't be used with option "
			   "\"[list]\"");
	if (kt_cli_has(cli, "topic") && kt_cli_has(cli, "list"))
		usage_exit("Option \"[topic]\" can't be used with option "
			   "\"[list]\"");
	if (kt_cli_has(cli, "topic") && kt_cli_has(cli, "describe"))
		usage_exit("Option \"[topic]\" can't be used with option "
			   "\"[describe]\"");
	for (i = 0; actions[i]; i++)
		n += kt_cli_has(cli, actions[i]);
	if (n != 1)
		usage_exit("Command must include exactly one action: --list, "
			   "--describe, --delete, --reset-offsets, "
			   "--delete-offsets, --validate-regex");

	/* Apache reads --timeout when it creates its service: a bad value
	 * is a failure of the action (stdout, exit 0) */
	if (kt_cli_long(cli, "timeout", &t, &err) < 0) {
		char exc[400];

		snprintf(exc, sizeof(exc), "joptsimple.%s: %s",
			 strncmp(err.msg, "Found multiple", 14) == 0
				 ? "MultipleArgumentsForOptionException"
				 : "OptionArgumentConversionException",
			 err.msg);
		action_failed(x, err.msg, exc);
		x->bad_timeout = true;
	}
	/* truncated to int as Apache's (int) cast, kept positive */
	x->timeout_ms = t > INT32_MAX ? INT32_MAX : t < 1 ? 1 : (int)t;

	/* Apache accepts the reset options with any action and ignores
	 * them; so does kafkit, but it says so */
	if (!kt_cli_has(cli, "reset-offsets")) {
		static const char *const reset_only[] = {
			"dry-run",     "execute",  "export",	  "to-offset",
			"to-datetime", "by-duration", "to-earliest", "to-latest",
			"to-current",  "shift-by", "from-file",	  "all-topics",
			NULL};

		for (i = 0; reset_only[i]; i++)
			if (kt_cli_has(cli, reset_only[i]))
				fprintf(stderr,
					"kafka-consumer-groups: warning: "
					"--%s only applies to --reset-offsets; "
					"ignored\n",
					reset_only[i]);
	}

	/* kafkit's options */
	if (kt_cli_str(cli, "output", &output, &err) < 0)
		usage_exit(err.msg);
	if (output) {
		if (!kt_cli_has(cli, "list") && !kt_cli_has(cli, "describe"))
			usage_exit("Option \"[output]\" can only be used with "
				   "option \"[list]\" or \"[describe]\"");
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
	if (kt_cli_has(cli, "lag-max") || kt_cli_has(cli, "wait-until-caught-up")) {
		if (!kt_cli_has(cli, "describe"))
			usage_exit("Options \"[lag-max]\" and "
				   "\"[wait-until-caught-up]\" can only be "
				   "used with option \"[describe]\"");
		if (kt_cli_long(cli, "lag-max", &x->lag_max, &err) < 0)
			usage_exit(err.msg);
		if (x->lag_max < 0)
			usage_exit("Option \"[lag-max]\" must not be negative");
		x->gate = true;
	}
	if (kt_cli_has(cli, "timeout-ms") &&
	    !kt_cli_has(cli, "wait-until-caught-up"))
		usage_exit("Option \"[timeout-ms]\" can only be used with "
			   "option \"[wait-until-caught-up]\"");
}

/* ---- --validate-regex ------------------------------------------------- */

static void do_validate_regex(struct ctx *x)
{
	const char *re = NULL;
	char why[128];
	struct kt_err err = {0};

	if (kt_cli_str(&x->cli, "validate-regex", &re, &err) < 0)
		kt_tool_die(&err);
	if (kt_re2_check(re, why, sizeof(why)) == 0)
		printf("The regular expression `%s` is valid.\n", re);
	else
		printf("The regular expression `%s` is invalid: %s.\n", re,
		       why);
}

/* ---- --list ----------------------------------------------------------- */

/* The comma-separated values of an optional --state/--type argument,
 * checked against the names Apache accepts. Returns the count. */
static size_t split_filter(const char *v, const char *const *valid,
			   const char *what, const char *valid_text,
			   char ***out)
{
	char *copy, *tok, *save = NULL, **list;
	size_t n = 0, i;

	*out = NULL;
	if (!v || !*v)
		return 0;
	copy = strdup(v);
	list = calloc(strlen(v) + 1, sizeof(*list));
	if (!copy || !list) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		char *s = tok, *e;
		bool ok = false;

		while (isspace((unsigned char)*s))
			s++;
		e = s + strlen(s);
		while (e > s && isspace((unsigned char)e[-1]))
			*--e = '\0';
		for (i = 0; valid[i]; i++)
			ok = ok || strcasecmp(s, valid[i]) == 0;
		if (!ok) {
			char msg[600];

			snprintf(msg, sizeof(msg),
				 "Invalid %s list '%.200s'. Valid %s are: %s",
				 what, v, what[0] == 's' ? "states" : "types",
				 valid_text);
			usage_exit(msg);
		}
		list[n++] = s;
	}
	*out = list;
	/* the strings live in copy, kept with the list: list[n] = copy */
	list[n] = copy;
	return n;
}

static void free_filter(char **list, size_t n)
{
	if (!list)
		return;
	free(list[n]);
	free(list);
}

static void do_list(struct ctx *x)
{
	static const char *const states[] = {
		"Stable",	      "Empty",	   "Reconciling",
		"PreparingRebalance", "CompletingRebalance",
		"Assigning",	      "Dead",	   NULL};
	static const char *const types[] = {"Consumer", "Classic", NULL};
	struct kt_group_list l;
	struct kt_err err = {0};
	const char *sv = NULL, *tv = NULL;
	char **sl = NULL, **tl = NULL;
	size_t ns = 0, nt = 0, i;
	struct kt_buf out;

	if (kt_cli_str(&x->cli, "state", &sv, &err) < 0 ||
	    kt_cli_str(&x->cli, "type", &tv, &err) < 0)
		kt_tool_die(&err);
	ns = split_filter(sv, states, "state",
			  "Stable, Empty, Reconciling, PreparingRebalance, "
			  "CompletingRebalance, Assigning, Dead",
			  &sl);
	nt = split_filter(tv, types, "types", "Consumer, Classic", &tl);
	if (connect_client(x, "findAllBrokers"))
		goto out;
	if (kt_admin_list_groups(x->client, (const char *const *)sl, ns,
				 (const char *const *)tl, nt, x->timeout_ms, &l,
				 &err) < 0) {
		call_failed(x, &err, "listConsumerGroups", true);
		goto out;
	}
	kt_group_list_java_order(&l);
	kt_buf_init(&out, 0);
	if (x->json)
		kt_cg_list_json(l.v, l.n, &out);
	else if (kt_cli_has(&x->cli, "state") || kt_cli_has(&x->cli, "type"))
		kt_cg_list_table(l.v, l.n, kt_cli_has(&x->cli, "type"),
				 kt_cli_has(&x->cli, "state"), &out);
	else
		for (i = 0; i < l.n; i++)
			kt_buf_printf(&out, "%s\n", l.v[i].group_id);
	write_buf(&out);
	kt_buf_release(&out);
	kt_group_list_release(&l);
out:
	free_filter(sl, ns);
	free_filter(tl, nt);
}

/* ---- group selection -------------------------------------------------- */

struct groups {
	char **v;
	size_t n;
};

static void groups_release(struct groups *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->v[i]);
	free(g->v);
	memset(g, 0, sizeof(*g));
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --group values (duplicates dropped, first kept) or, with --all-groups,
 * every consumer group. sorted: ascending, as --describe processes them.
 * Returns 0 or -1 after reporting. */
static int select_groups(struct ctx *x, bool sorted, struct groups *g)
{
	const char *const *vals;
	size_t n, i, j;

	memset(g, 0, sizeof(*g));
	if (kt_cli_has(&x->cli, "all-groups")) {
		struct kt_group_list l;
		struct kt_err err = {0};

		if (kt_admin_list_groups(x->client, NULL, 0, NULL, 0,
					 x->timeout_ms, &l, &err) < 0) {
			call_failed(x, &err, "listConsumerGroups", true);
			return -1;
		}
		g->v = calloc(l.n + 1, sizeof(*g->v));
		for (i = 0; g->v && i < l.n; i++)
			g->v[g->n++] = strdup(l.v[i].group_id);
		kt_group_list_release(&l);
	} else {
		n = kt_cli_values(&x->cli, "group", &vals);
		g->v = calloc(n + 1, sizeof(*g->v));
		for (i = 0; g->v && i < n; i++) {
			bool dup = false;

			for (j = 0; j < g->n; j++)
				dup = dup || strcmp(g->v[j], vals[i]) == 0;
			if (!dup)
				g->v[g->n++] = strdup(vals[i]);
		}
	}
	if (!g->v) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	for (i = 0; i < g->n; i++)
		if (!g->v[i]) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
	if (sorted)
		qsort(g->v, g->n, sizeof(*g->v), cmp_strp);
	return 0;
}

/* ---- --describe ---------------------------------------------------------- */

/* The rows of the offsets view of d (tools.md §4.5) with committed
 * offsets and log end offsets filled in; *rows is malloc'ed. Returns the
 * count or -1 after reporting. */
struct member_ix {
	const struct kt_group_member *m;
	size_t n_parts;
	size_t pos;
};

static int cmp_member_ix(const void *a, const void *b)
{
	const struct member_ix *x = a, *y = b;

	if (x->n_parts != y->n_parts)
		return x->n_parts > y->n_parts ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

struct offsets_view {
	struct kt_cg_offset_row *rows;
	size_t n;
	struct kt_group_offset *committed;
	size_t n_committed;
};

static void offsets_view_release(struct offsets_view *v)
{
	free(v->rows);
	kt_group_offsets_free(v->committed, v->n_committed);
	memset(v, 0, sizeof(*v));
}

static const struct kt_group_offset *find_commit(const struct offsets_view *v,
						 const char *topic, int32_t p)
{
	size_t i;

	for (i = 0; i < v->n_committed; i++)
		if (v->committed[i].partition == p &&
		    strcmp(v->committed[i].topic, topic) == 0)
			return &v->committed[i];
	return NULL;
}

static bool assigned_to_any(const struct kt_group_desc *d, const char *topic,
			    int32_t p)
{
	size_t i, t, k;

	for (i = 0; i < d->n_members; i++)
		for (t = 0; t < d->members[i].n_assigned; t++) {
			const struct kt_group_tp *tp =
				&d->members[i].assigned[t];

			if (strcmp(tp->topic, topic) != 0)
				continue;
			for (k = 0; k < tp->n_parts; k++)
				if (tp->parts[k] == p)
					return true;
		}
	return false;
}

static int build_offsets_view(struct ctx *x, const struct kt_group_desc *d,
			      struct offsets_view *v, struct kt_err *err)
{
	struct member_ix *mix = NULL;
	struct kt_tp_offset *lo = NULL;
	size_t i, t, k, cap = 0, nm = 0;
	int r;

	memset(v, 0, sizeof(*v));
	r = kt_admin_group_offsets(x->client, d->group_id, NULL, 0,
				   x->timeout_ms, &v->committed,
				   &v->n_committed, err);
	if (r < 0)
		return r;
	for (i = 0; i < d->n_members; i++)
		for (t = 0; t < d->members[i].n_assigned; t++)
			cap += d->members[i].assigned[t].n_parts;
	cap += v->n_committed;
	v->rows = calloc(cap + 1, sizeof(*v->rows));
	mix = calloc(d->n_members + 1, sizeof(*mix));
	if (!v->rows || !mix) {
		free(mix);
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	}
	for (i = 0; i < d->n_members; i++) {
		size_t np = 0;

		for (t = 0; t < d->members[i].n_assigned; t++)
			np += d->members[i].assigned[t].n_parts;
		if (!np)
			continue;
		mix[nm].m = &d->members[i];
		mix[nm].n_parts = np;
		mix[nm].pos = i;
		nm++;
	}
	qsort(mix, nm, sizeof(*mix), cmp_member_ix);
	for (i = 0; i < nm; i++) {
		const struct kt_group_member *m = mix[i].m;

		for (t = 0; t < m->n_assigned; t++)
			for (k = 0; k < m->assigned[t].n_parts; k++) {
				struct kt_cg_offset_row *row = &v->rows[v->n++];
				const struct kt_group_offset *c = find_commit(
					v, m->assigned[t].topic,
					m->assigned[t].parts[k]);

				row->group = d->group_id;
				row->topic = m->assigned[t].topic;
				row->partition = m->assigned[t].parts[k];
				row->current = c ? c->committed : -1;
				row->leader_epoch = c ? c->leader_epoch : -1;
				row->consumer_id = m->member_id;
				row->host = m->client_host;
				row->client_id = m->client_id;
			}
	}
	free(mix);
	for (i = 0; i < v->n_committed; i++) {
		const struct kt_group_offset *c = &v->committed[i];
		struct kt_cg_offset_row *row;

		if (assigned_to_any(d, c->topic, c->partition))
			continue;
		row = &v->rows[v->n++];
		row->group = d->group_id;
		row->topic = c->topic;
		row->partition = c->partition;
		row->current = c->committed;
		row->leader_epoch = c->leader_epoch;
	}
	if (!v->n)
		return 0;
	lo = calloc(v->n, sizeof(*lo));
	if (!lo)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	for (i = 0; i < v->n; i++) {
		lo[i].topic = v->rows[i].topic;
		lo[i].partition = v->rows[i].partition;
	}
	r = kt_admin_list_offsets(x->client, lo, v->n, KT_OFFSET_LATEST, 0,
				  x->timeout_ms, err);
	for (i = 0; r == 0 && i < v->n; i++)
		v->rows[i].log_end = lo[i].offset;
	free(lo);
	return r;
}

/* The largest lag of the view (-1 when none is known) and how many
 * partitions are above max. */
static int64_t view_lag(const struct offsets_view *v, int64_t max,
			size_t *above)
{
	int64_t worst = -1;
	size_t i;

	*above = 0;
	for (i = 0; i < v->n; i++) {
		int64_t lag;

		if (v->rows[i].current < 0 || v->rows[i].log_end < 0)
			continue;
		lag = v->rows[i].log_end - v->rows[i].current;
		if (lag > worst)
			worst = lag;
		if (lag > max)
			(*above)++;
	}
	return worst;
}

static void name_lagging(const struct offsets_view *v, int64_t max)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		const struct kt_cg_offset_row *r = &v->rows[i];

		if (r->current < 0 || r->log_end < 0 ||
		    r->log_end - r->current <= max)
			continue;
		fprintf(stderr,
			"kafka-consumer-groups: group '%s': %s-%d lags by "
			"%lld (committed %lld, log end %lld; at most %lld "
			"allowed)\n",
			r->group, r->topic, r->partition,
			(long long)(r->log_end - r->current),
			(long long)r->current, (long long)r->log_end,
			(long long)max);
	}
}

enum view { VIEW_OFFSETS, VIEW_MEMBERS, VIEW_STATE };

/* The state notes of tools.md §4.5. Returns false when no block is to be
 * printed (an unknown group). */
static bool state_note(const struct kt_group_desc *d)
{
	const char *s = kt_cg_state_name(d->state);

	if (strcmp(s, "Dead") == 0) {
		printf("\nError: Consumer group '%s' does not exist.\n",
		       d->group_id);
		return false;
	}
	fflush(stdout);
	if (strcmp(s, "Empty") == 0)
		fprintf(stderr, "\nConsumer group '%s' has no active members.\n",
			d->group_id);
	else if (strcmp(s, "PreparingRebalance") == 0 ||
		 strcmp(s, "CompletingRebalance") == 0 ||
		 strcmp(s, "Assigning") == 0 || strcmp(s, "Reconciling") == 0)
		fprintf(stderr, "\nWarning: Consumer group '%s' is rebalancing.\n",
			d->group_id);
	return true;
}

/* --wait-until-caught-up: poll until every group's lag is at most
 * lag_max, or the time is up. Returns 0 when caught up, 1 when not, -1
 * after reporting a failure. */
static int wait_caught_up(struct ctx *x, const struct groups *g)
{
	int64_t wait_ms = 60000, deadline;
	bool tty = isatty(2);
	struct kt_err err = {0};

	kt_cli_long(&x->cli, "timeout-ms", &wait_ms, &err);
	deadline = kt_now_ms() + wait_ms;
	for (;;) {
		int64_t total = 0;
		size_t i, lagging = 0;

		for (i = 0; i < g->n; i++) {
			struct kt_group_desc *d = NULL;
			struct offsets_view v;
			size_t above, k;

			if (kt_admin_describe_groups(x->client,
						     (const char *const *)&g->v[i],
						     1, x->timeout_ms, &d,
						     &err) < 0) {
				call_failed(x, &err,
					    "describeConsumerGroups", true);
				return -1;
			}
			if (d->error_code) {
				kt_group_descs_free(d, 1);
				continue; /* reported by the describe */
			}
			if (build_offsets_view(x, d, &v, &err) < 0) {
				kt_group_descs_free(d, 1);
				call_failed(x, &err, "listConsumerGroupOffsets",
					    true);
				return -1;
			}
			view_lag(&v, x->lag_max, &above);
			lagging += above;
			for (k = 0; k < v.n; k++)
				if (v.rows[k].current >= 0 &&
				    v.rows[k].log_end > v.rows[k].current)
					total += v.rows[k].log_end -
						 v.rows[k].current;
			offsets_view_release(&v);
			kt_group_descs_free(d, 1);
		}
		if (!lagging) {
			if (tty)
				fprintf(stderr, "\r\033[Kcaught up\n");
			return 0;
		}
		if (kt_now_ms() >= deadline) {
			if (tty)
				fprintf(stderr, "\r\033[K");
			return 1;
		}
		if (tty)
			fprintf(stderr,
				"\r\033[Kwaiting: %zu partition(s) above "
				"%lld, total lag %lld",
				lagging, (long long)x->lag_max,
				(long long)total);
		kt_client_poll(x->client, 500, &err);
	}
}

static void do_describe(struct ctx *x)
{
	struct groups g;
	struct kt_group_desc *d = NULL;
	struct kt_err err = {0};
	enum view view = kt_cli_has(&x->cli, "members") ? VIEW_MEMBERS
			 : kt_cli_has(&x->cli, "state") ? VIEW_STATE
							: VIEW_OFFSETS;
	bool verbose = kt_cli_has(&x->cli, "verbose");
	bool lagged = false;
	struct kt_buf out;
	size_t i;

	if (connect_client(x, "describeConsumerGroups(api=FIND_COORDINATOR)"))
		return;
	if (select_groups(x, true, &g))
		return;
	if (kt_cli_has(&x->cli, "wait-until-caught-up")) {
		if (wait_caught_up(x, &g) < 0)
			goto out;
	}
	if (kt_admin_describe_groups(x->client, (const char *const *)g.v, g.n,
				     x->timeout_ms, &d, &err) < 0) {
		call_failed(x, &err, "describeConsumerGroups", true);
		goto out;
	}
	/* Apache gathers every description before printing: one unknown
	 * group fails the command */
	for (i = 0; !x->json && i < g.n; i++)
		if (d[i].error_code) {
			char cls[128], msg[600], exc[700];

			kt_admin_error_class(d[i].error_code, cls, sizeof(cls));
			snprintf(msg, sizeof(msg), "%s: %s", cls,
				 d[i].error_message);
			snprintf(exc, sizeof(exc),
				 "java.util.concurrent.ExecutionException: %s",
				 msg);
			action_failed(x, msg, exc);
			goto out;
		}
	kt_buf_init(&out, 0);
	for (i = 0; i < g.n; i++) {
		struct offsets_view v = {0};
		bool need_offsets = view == VIEW_OFFSETS || x->json || x->gate;

		if (need_offsets && !d[i].error_code &&
		    build_offsets_view(x, &d[i], &v, &err) < 0) {
			call_failed(x, &err, "listConsumerGroupOffsets", true);
			offsets_view_release(&v);
			break;
		}
		if (x->json) {
			kt_cg_describe_json(&d[i], v.rows, v.n, &out);
		} else if (state_note(&d[i])) {
			if (view == VIEW_OFFSETS && v.n)
				kt_cg_offsets_text(v.rows, v.n, verbose, &out);
			else if (view == VIEW_MEMBERS)
				kt_cg_members_text(&d[i], verbose, &out);
			else if (view == VIEW_STATE)
				kt_cg_state_text(&d[i], verbose, &out);
		}
		write_buf(&out);
		if (x->gate && !d[i].error_code) {
			size_t above;

			view_lag(&v, x->lag_max, &above);
			if (above) {
				lagged = true;
				/* after the description it concerns */
				fflush(stdout);
				name_lagging(&v, x->lag_max);
			}
		}
		offsets_view_release(&v);
	}
	kt_buf_release(&out);
	if (x->gate && lagged)
		x->rc = EXIT_LAG;
out:
	kt_group_descs_free(d, g.n);
	groups_release(&g);
}

/* ---- --delete ------------------------------------------------------------- */

static void do_delete(struct ctx *x)
{
	struct groups g;
	struct kt_err err = {0};
	int16_t *codes = NULL;
	size_t i, nok = 0;
	bool first;

	if (connect_client(x, "deleteConsumerGroups(api=FIND_COORDINATOR)"))
		return;
	if (select_groups(x, false, &g))
		return;
	codes = calloc(g.n + 1, sizeof(*codes));
	if (!codes) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	if (kt_admin_delete_groups(x->client, (const char *const *)g.v, g.n,
				   x->timeout_ms, codes, &err) < 0) {
		call_failed(x, &err, "deleteConsumerGroups", true);
		goto out;
	}
	kt_cg_hashmap_order_groups(g.v, codes, g.n);
	for (i = 0; i < g.n; i++)
		nok += codes[i] == 0;
	if (nok == g.n) {
		printf("Deletion of requested consumer groups (");
		for (i = 0; i < g.n; i++)
			printf("%s'%s'", i ? ", " : "", g.v[i]);
		printf(") was successful.\n");
		goto out;
	}
	printf("\nError: Deletion of some consumer groups failed:\n");
	for (i = 0; i < g.n; i++) {
		char cls[128];

		if (!codes[i])
			continue;
		kt_admin_error_class(codes[i], cls, sizeof(cls));
		printf("* Group '%s' could not be deleted due to: %s: %s\n",
		       g.v[i], cls, kt_kerr_message(codes[i]));
	}
	if (nok) {
		printf("\nThese consumer groups were deleted successfully: ");
		first = true;
		for (i = 0; i < g.n; i++)
			if (!codes[i]) {
				printf("%s'%s'", first ? "" : ", ", g.v[i]);
				first = false;
			}
		printf("\n");
	}
out:
	free(codes);
	groups_release(&g);
}

/* ---- --delete-offsets ------------------------------------------------------ */

/* "Error: CLASS: MESSAGE" (malloc'ed; NULL when out of memory). */
static char *error_status(const char *cls, const char *msg)
{
	size_t n = strlen(cls) + strlen(msg) + 10;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "Error: %s: %s", cls, msg);
	return s;
}

static void do_delete_offsets(struct ctx *x)
{
	const char *const *topics;
	const char *const *gv;
	struct kt_cg_topic_arg *args = NULL;
	struct kt_group_delete_offset *dv = NULL;
	struct kt_cg_delete_row *rows = NULL;
	char **status = NULL;
	struct kt_err err = {0};
	size_t nt, i, k, n = 0, nrows = 0;
	int16_t top = 0;
	bool part_err = false;

	if (kt_cli_values(&x->cli, "group", &gv) > 1) {
		/* Apache reads the option with valueOf */
		action_failed(x,
			      "Found multiple arguments for option group, but "
			      "you asked for only one",
			      "joptsimple.MultipleArgumentsForOptionException: "
			      "Found multiple arguments for option group, but "
			      "you asked for only one");
		return;
	}
	nt = kt_cli_values(&x->cli, "topic", &topics);
	if (kt_cg_parse_topic_args(topics, nt, &args, &err) < 0)
		usage_exit(err.msg);
	if (connect_client(x, "deleteConsumerGroupOffsets"))
		goto out;
	/* topics without partitions: all of theirs, looked up */
	if (kt_cg_resolve_topic_args(x->client, args, nt, x->timeout_ms,
				     &err) < 0) {
		call_failed(x, &err, "describeTopics", true);
		goto out;
	}
	for (i = 0; i < nt; i++)
		n += args[i].n_parts;
	dv = calloc(n + 1, sizeof(*dv));
	rows = calloc(n + nt + 1, sizeof(*rows));
	status = calloc(n + nt + 1, sizeof(*status));
	if (!dv || !rows || !status) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	n = 0;
	for (i = 0; i < nt; i++)
		for (k = 0; k < args[i].n_parts; k++) {
			dv[n].topic = args[i].topic;
			dv[n].partition = args[i].parts[k];
			n++;
		}
	if (n && kt_admin_delete_offsets(x->client, gv[0], dv, n, x->timeout_ms,
					 &top, &err) < 0) {
		call_failed(x, &err, "deleteConsumerGroupOffsets", true);
		goto out;
	}
	for (i = 0; i < n; i++) {
		char cls[128];
		int16_t code = top ? top : dv[i].error_code;

		rows[nrows].topic = dv[i].topic;
		rows[nrows].partition = dv[i].partition;
		if (code) {
			kt_admin_error_class(code, cls, sizeof(cls));
			status[nrows] = error_status(cls,
						     kt_kerr_message(code));
			part_err = part_err || dv[i].error_code;
		}
		rows[nrows].status = status[nrows] ? status[nrows]
						   : "Successful";
		nrows++;
	}
	for (i = 0; i < nt; i++) {
		char cls[128];

		if (!args[i].lookup_error)
			continue;
		kt_admin_error_class(args[i].lookup_error, cls, sizeof(cls));
		rows[nrows].topic = args[i].topic;
		rows[nrows].partition = -1;
		status[nrows] = error_status(
			cls, kt_kerr_message(args[i].lookup_error));
		rows[nrows].status = status[nrows] ? status[nrows] : "Error";
		nrows++;
	}
	switch (top) {
	case 0:
		if (part_err)
			printf("\nError: Encountered some partition-level "
			       "error, see the follow-up details.\n");
		else
			printf("Request succeeded for deleting offsets from "
			       "group %s.\n",
			       gv[0]);
		break;
	case 24: /* INVALID_GROUP_ID */
	case 30: /* GROUP_AUTHORIZATION_FAILED */
	case 68: /* NON_EMPTY_GROUP */
	case 69: /* GROUP_ID_NOT_FOUND */
		printf("\nError: %s\n", kt_kerr_message(top));
		break;
	case 86: /* GROUP_SUBSCRIBED_TO_TOPIC */
	case 29: /* TOPIC_AUTHORIZATION_FAILED */
	case 3:	 /* UNKNOWN_TOPIC_OR_PARTITION */
		printf("\nError: Encountered some partition-level error, see "
		       "the follow-up details.\n");
		break;
	default:
		printf("\nError: Encountered some unknown error: %s\n",
		       kt_kerr_name(top));
	}
	{
		struct kt_buf out;

		kt_buf_init(&out, 0);
		kt_cg_delete_offsets_text(rows, nrows, &out);
		write_buf(&out);
		kt_buf_release(&out);
	}
out:
	for (i = 0; status && i < nrows; i++)
		free(status[i]);
	free(status);
	free(rows);
	free(dv);
	kt_cg_topic_args_free(args, nt);
}

/* ---- --reset-offsets -------------------------------------------------------- */

static void reset_warn(void *arg, const char *msg)
{
	(void)arg;
	fflush(stdout);
	kt_tool_log("WARN", logger, "%s", msg);
}

static void reset_note(void *arg, const char *msg)
{
	(void)arg;
	printf("%s", msg);
}

static void do_reset(struct ctx *x)
{
	struct groups g;
	struct kt_cg_reset_req req;
	struct kt_cg_reset_plan plan;
	struct kt_err err = {0};
	const char *const *topics = NULL;
	const char *s = NULL;
	struct kt_buf out;
	size_t nt = 0, i;
	int r;

	memset(&req, 0, sizeof(req));
	nt = kt_cli_values(&x->cli, "topic", &topics);
	req.all_topics = kt_cli_has(&x->cli, "all-topics");
	if (!req.all_topics && nt &&
	    kt_cg_parse_topic_args(topics, nt, &req.topics, &err) < 0)
		usage_exit(err.msg);
	req.n_topics = req.all_topics ? 0 : nt;
	if (kt_cli_has(&x->cli, "to-offset")) {
		req.scenario = KT_CG_TO_OFFSET;
		if (kt_cli_long(&x->cli, "to-offset", &req.value, &err) < 0)
			kt_tool_die(&err);
	} else if (kt_cli_has(&x->cli, "to-datetime")) {
		req.scenario = KT_CG_TO_DATETIME;
		kt_cli_str(&x->cli, "to-datetime", &s, &err);
		req.text = s;
	} else if (kt_cli_has(&x->cli, "by-duration")) {
		req.scenario = KT_CG_BY_DURATION;
		kt_cli_str(&x->cli, "by-duration", &s, &err);
		req.text = s;
	} else if (kt_cli_has(&x->cli, "to-earliest")) {
		req.scenario = KT_CG_TO_EARLIEST;
	} else if (kt_cli_has(&x->cli, "to-latest")) {
		req.scenario = KT_CG_TO_LATEST;
	} else if (kt_cli_has(&x->cli, "to-current")) {
		req.scenario = KT_CG_TO_CURRENT;
	} else if (kt_cli_has(&x->cli, "shift-by")) {
		req.scenario = KT_CG_SHIFT_BY;
		if (kt_cli_long(&x->cli, "shift-by", &req.value, &err) < 0)
			kt_tool_die(&err);
	} else if (kt_cli_has(&x->cli, "from-file")) {
		req.scenario = KT_CG_FROM_FILE;
		kt_cli_str(&x->cli, "from-file", &s, &err);
		req.text = s;
	}
	if (!req.all_topics && !nt && req.scenario != KT_CG_FROM_FILE)
		usage_exit("One of the reset scopes should be defined: "
			   "--all-topics, --topic.");
	if (!req.scenario)
		usage_exit("Option '[reset-offsets]' requires one of the "
			   "following scenarios: [[to-datetime], [from-file], "
			   "[shift-by], [to-offset], [to-earliest], "
			   "[to-current], [to-latest], [by-duration]]");
	if (connect_client(x, "describeConsumerGroups(api=FIND_COORDINATOR)"))
		goto out_req;
	if (select_groups(x, false, &g))
		goto out_req;
	req.groups = (const char *const *)g.v;
	req.n_groups = g.n;
	req.single_group = !kt_cli_has(&x->cli, "all-groups") && g.n == 1;
	req.execute = kt_cli_has(&x->cli, "execute");
	req.timeout_ms = x->timeout_ms;
	req.warn = reset_warn;
	req.note = reset_note;
	r = kt_cg_reset_offsets(x->client, &req, &plan, &err);
	if (r < 0) {
		if (err.code == KT_EINVAL) /* IllegalArgumentException */
			usage_exit(err.msg);
		if (plan.java_message)
			action_failed(x, plan.java_message, plan.java_exception);
		else
			call_failed(x, &err, "alterConsumerGroupOffsets", true);
		kt_cg_reset_plan_release(&plan);
		goto out;
	}
	kt_buf_init(&out, 0);
	if (kt_cli_has(&x->cli, "export"))
		kt_cg_reset_csv(plan.rows, plan.n_rows, !req.single_group, &out);
	else
		kt_cg_reset_text(plan.rows, plan.n_rows,
				 (const char *const *)g.v, g.n, &out);
	write_buf(&out);
	kt_buf_release(&out);
	if (plan.n_failed) {
		/* kafkit: say which partitions were committed and which not */
		fflush(stdout);
		for (i = 0; i < plan.n_rows; i++)
			if (plan.codes[i])
				fprintf(stderr,
					"kafka-consumer-groups: group '%s': "
					"%s-%d was not reset: %s\n",
					plan.rows[i].group, plan.rows[i].topic,
					plan.rows[i].partition,
					kt_kerr_message(plan.codes[i]));
		fprintf(stderr,
			"kafka-consumer-groups: %zu of %zu partition(s) "
			"reset\n",
			plan.n_rows - plan.n_failed, plan.n_rows);
		x->rc = 1;
	}
	kt_cg_reset_plan_release(&plan);
out:
	groups_release(&g);
out_req:
	kt_cg_topic_args_free(req.topics, req.n_topics);
}

int main(int argc, char **argv)
{
	struct ctx x;
	struct kt_err err = {0};
	int rc;

	kt_tool_generate_hook(&tool);
	memset(&x, 0, sizeof(x));
	if (kt_cli_parse(&x.cli, opts, argc, argv, &err))
		jopt_die(&err);
	check_args(&x);
	if (x.bad_timeout) {
		kt_cli_release(&x.cli);
		return 0;
	}
	if (kt_cli_has(&x.cli, "validate-regex")) {
		do_validate_regex(&x);
		kt_cli_release(&x.cli);
		return fflush(stdout) ? 1 : 0;
	}
	make_client(&x);
	if (kt_cli_has(&x.cli, "list"))
		do_list(&x);
	else if (kt_cli_has(&x.cli, "describe"))
		do_describe(&x);
	else if (kt_cli_has(&x.cli, "delete"))
		do_delete(&x);
	else if (kt_cli_has(&x.cli, "delete-offsets"))
		do_delete_offsets(&x);
	else
		do_reset(&x);
	rc = x.rc;
	if (x.failed && x.gate)
		rc = 1;
	if (fflush(stdout) || ferror(stdout))
		rc = 1;
	kt_client_free(x.client);
	kt_client_conf_release(&x.conf);
	kt_cli_release(&x.cli);
	return rc;
}
