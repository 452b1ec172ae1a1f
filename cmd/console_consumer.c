/*
 * console_consumer.c - kafka-console-consumer: print a topic's records on
 * stdout, with the options, validation, formatter properties, stderr lines
 * and exit codes of Apache Kafka 4.3.1's ConsoleConsumer (tools.md §3), plus
 * kafkit's extensions: richer --offset forms, several or all partitions,
 * --exit-at-end / --end-offset, and --output json (recjson.h).
 *
 * Declare, parse and validate in ConsoleConsumerOptions' order, then run
 * the loop of ConsoleConsumer.process over common/consume/consumer.h, formatting
 * with common/format/formatter.h (or recjson.h) into one buffered stdout. The
 * consumer commits only what reached stdout: after every successful
 * write(2) the tool tells it kt_consumer_written().
 */
#include "tool.h"
#include "base/bgwrite.h"
#include "consume/consumer.h"
#include "format/printer.h"
#include "java/jorder.h"
#include "wire/kerr.h"
#include "java/props.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#define PKG "org.apache.kafka.tools.consumer."
#define DEFAULT_FORMATTER KT_PRINTER_DEFAULT_CLASS
#define LOGGER "org.apache.kafka.tools.consumer.ConsoleConsumer"
#define OUT_FLUSH (64u << 10)

#define FORMATTER_PROPS_HELP                                                   \
	"The properties to initialize the message formatter. Default "         \
	"properties include: \n"                                               \
	" print.timestamp=true|false\n"                                        \
	" print.key=true|false\n"                                              \
	" print.offset=true|false\n"                                           \
	" print.epoch=true|false\n"                                            \
	" print.partition=true|false\n"                                        \
	" print.headers=true|false\n"                                          \
	" print.value=true|false\n"                                            \
	" key.separator=<key.separator>\n"                                     \
	" line.separator=<line.separator>\n"                                   \
	" headers.separator=<headers.separator>\n"                             \
	" null.literal=<null.literal>\n"                                       \
	" key.deserializer=<key.deserializer>\n"                               \
	" value.deserializer=<value.deserializer>\n"                           \
	" header.deserializer=<header.deserializer>\n"                         \
	"\nUsers can also pass in customized properties for their formatter; " \
	"more specifically, users can pass in properties keyed with "          \
	"'key.deserializer.', 'value.deserializer.' and "                      \
	"'headers.deserializer.' prefixes to configure their deserializers."

static struct {
	const char *topic, *include, *partition, *offset, *formatter;
	const char *formatter_config, *bootstrap, *key_deser, *value_deser;
	const char *isolation, *group, *command_config, *consumer_config;
	struct kt_strv consumer_property, command_property, property;
	struct kt_strv formatter_property;
	bool from_beginning, skip_on_error, systest, help, version;
	bool exit_at_end;
	const char *end_offset, *output;
} o;

static const struct kt_opt opts[] = {
	{.name = "topic",
	 .flags = KT_ARG,
	 .arg = "topic",
	 .help = "The topic to consume from.",
	 .dest = &o.topic,
	 .comp = KT_COMP_TOPIC},
	{.name = "include",
	 .flags = KT_ARG,
	 .arg = "Java regex (String)",
	 .help = "Regular expression specifying list of topics to include for "
		 "consumption.",
	 .dest = &o.include},
	{.name = "partition",
	 .flags = KT_ARG | KT_INT,
	 .arg = "partition",
	 .help = "The partition to consume from. Consumption starts from the "
		 "end of the partition unless '--offset' is specified."},
	{.name = "offset",
	 .flags = KT_ARG,
	 .arg = "consume offset",
	 .help = "The offset to consume from (a non-negative number), or "
		 "'earliest' which means from beginning, or 'latest' which "
		 "means from end",
	 .def = "latest",
	 .dest = &o.offset,
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "earliest latest"},
	{.name = "consumer-property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "consumer_prop",
	 .help = "(DEPRECATED) Consumer config properties in the form "
		 "key=value. This option will be removed in a future version. "
		 "Use --command-property instead.",
	 .dest = &o.consumer_property},
	{.name = "command-property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "consumer_prop",
	 .help = "Consumer config properties in the form key=value.",
	 .dest = &o.command_property},
	{.name = "consumer.config",
	 .flags = KT_ARG,
	 .arg = "config file",
	 .help = "(DEPRECATED) Consumer config properties file. Note that "
		 "[command-property] takes precedence over this config. This "
		 "option will be removed in a future version. Use "
		 "--command-config instead.",
	 .dest = &o.consumer_config,
	 .comp = KT_COMP_FILE,
	 .comp_arg = "properties conf"},
	{.name = "command-config",
	 .flags = KT_ARG,
	 .arg = "config file",
	 .help = "Consumer config properties file. Note that "
		 "[command-property] takes precedence over this config.",
	 .dest = &o.command_config,
	 .comp = KT_COMP_FILE,
	 .comp_arg = "properties conf"},
	{.name = "formatter",
	 .flags = KT_ARG,
	 .arg = "class",
	 .help = "The name of a class to use for formatting kafka messages for "
		 "display.",
	 .def = DEFAULT_FORMATTER,
	 .dest = &o.formatter,
	 .comp = KT_COMP_VALUES,
	 .comp_arg = PKG
	 "DefaultMessageFormatter " PKG "LoggingMessageFormatter " PKG
	 "NoOpMessageFormatter " PKG "OffsetsMessageFormatter " PKG
	 "GroupMetadataMessageFormatter " PKG "TransactionLogMessageFormatter"},
	{.name = "property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "prop",
	 .help = "(DEPRECATED) " FORMATTER_PROPS_HELP
		 " \nThis option will be removed in a future version. Use "
		 "--formatter-property instead.",
	 .dest = &o.property},
	{.name = "formatter-property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "prop",
	 .help = FORMATTER_PROPS_HELP,
	 .dest = &o.formatter_property},
	{.name = "formatter-config",
	 .flags = KT_ARG,
	 .arg = "config file",
	 .help = "Config properties file to initialize the message formatter. "
		 "Note that [formatter-property] takes precedence over this "
		 "config.",
	 .dest = &o.formatter_config,
	 .comp = KT_COMP_FILE,
	 .comp_arg = "properties conf"},
	{.name = "from-beginning",
	 .help = "If the consumer does not already have an established offset "
		 "to consume from, start with the earliest message present in "
		 "the log rather than the latest message.",
	 .dest = &o.from_beginning},
	{.name = "max-messages",
	 .flags = KT_ARG | KT_INT,
	 .arg = "num_messages",
	 .help = "The maximum number of messages to consume before exiting. "
		 "If not set, consumption is continual."},
	{.name = "timeout-ms",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "timeout_ms",
	 .help = "If specified, exit if no message is available for "
		 "consumption for the specified interval."},
	{.name = "skip-message-on-error",
	 .help = "If there is an error when processing a message, skip it "
		 "instead of halt.",
	 .dest = &o.skip_on_error},
	{.name = "bootstrap-server",
	 .flags = KT_ARG,
	 .arg = "server to connect to",
	 .help = "REQUIRED: The server(s) to connect to.",
	 .dest = &o.bootstrap,
	 .comp = KT_COMP_HOST},
	{.name = "key-deserializer",
	 .flags = KT_ARG,
	 .arg = "deserializer for keys",
	 .help = "The name of the class to use for deserializing keys.",
	 .dest = &o.key_deser},
	{.name = "value-deserializer",
	 .flags = KT_ARG,
	 .arg = "deserializer for values",
	 .help = "The name of the class to use for deserializing values.",
	 .dest = &o.value_deser},
	{.name = "enable-systest-events",
	 .help = "Log lifecycle events of the consumer in addition to logging "
		 "consumed messages. (This is specific for system tests.)",
	 .dest = &o.systest},
	{.name = "isolation-level",
	 .flags = KT_ARG,
	 .help = "Set to read_committed in order to filter out transactional "
		 "messages which are not committed. Set to read_uncommitted to "
		 "read all messages.",
	 .def = "read_uncommitted",
	 .dest = &o.isolation,
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "read_committed read_uncommitted"},
	{.name = "group",
	 .flags = KT_ARG,
	 .arg = "consumer group id",
	 .help = "The consumer group id of the consumer.",
	 .dest = &o.group,
	 .comp = KT_COMP_GROUP},
	{.name = "exit-at-end",
	 .flags = KT_EXT,
	 .help = "kafkit: exit once every assigned partition reached the end "
		 "offset it had when it was assigned (the last stable offset "
		 "with read_committed), also across compaction gaps, "
		 "transaction markers and in a group.",
	 .dest = &o.exit_at_end},
	{.name = "end-offset",
	 .flags = KT_ARG | KT_EXT,
	 .arg = "offset",
	 .help = "kafkit: exit once every assigned partition reached this "
		 "offset (exclusive). It takes the forms that kafkit also "
		 "accepts for --offset: N, +N (N after the log start), -N (N "
		 "before the end), @<epoch ms>, an ISO-8601 time "
		 "(2024-01-31T12:00:00Z) or @-<duration> such as @-1h or "
		 "@-30m; and --partition also takes a list (0,2,5) or 'all'.",
	 .dest = &o.end_offset},
	{.name = "output",
	 .flags = KT_ARG | KT_EXT,
	 .arg = "text|json",
	 .help = "kafkit: 'json' prints one JSON object per record (topic, "
		 "partition, offset, timestamp and its type, key, value, "
		 "headers; bytes that are not UTF-8 in base64 with an "
		 "encoding field), which kafka-console-producer reads back. "
		 "Default: text, through the formatter.",
	 .dest = &o.output,
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "text json"},
	KT_OPT_HELP,
	KT_OPT_VERSION,
	{0}};

static const struct kt_cli_section man_sections[] = {
	{"SECURITY", KT_CLI_MAN_SECURITY ".PP\n" KT_MAN_SECURITY},
	{NULL, NULL},
};

static const struct kt_cli_tool tool = {
	.name = "kafka-console-consumer",
	.summary = "read records from Kafka topics and print them",
	.usage =
		"This tool helps to read data from Kafka topics and outputs it "
		"to standard output.",
	.opts = opts,
	.sections = man_sections,
};

/* --- run state ----------------------------------------------------------- */

static volatile sig_atomic_t stop_sig;

static struct {
	struct kt_consumer *consumer;
	struct kt_buf out;
	struct kt_bgwrite *writer; /* stdout */
	bool out_broken;
	long long count;
	struct kt_printer pr;
} r;

static void on_signal(int sig)
{
	stop_sig = sig;
}

static void usage_exit(const char *msg)
{
	kt_tool_usage_exit(opts, msg);
}

/* "[2026-08-23 10:00:00,123] LEVEL msg (logger)" on stderr. */
static void log_line(const char *level, const char *msg, const char *logger)
{
	kt_tool_log(level, logger, "%s", msg);
}

/* The consumer waits for a topic: one WARN record, where Apache's client
 * logs one per metadata answer. */
static void topic_notice(void *arg, const char *msg)
{
	(void)arg;
	log_line("WARN", msg, LOGGER);
}

/* While a write to stdout is blocked (its reader is slow or stopped), the
 * group's heartbeats go on: membership outlives session.timeout.ms. */
static void keep_alive(void *arg, int done_fd)
{
	struct pollfd pfd = {.fd = done_fd, .events = POLLIN};

	(void)arg;
	if (r.consumer)
		(void)kt_consumer_keepalive(r.consumer, 500, &pfd, 1, NULL);
	else
		(void)poll(&pfd, 1, 500);
}

/* Write the buffered output; on success everything handed out so far may
 * be committed. */
static void flush_out(void *arg)
{
	(void)arg;
	if (r.out_broken || !r.out.len)
		return;
	if (kt_bgwrite_all(r.writer, r.out.p, r.out.len, keep_alive, NULL) <
	    0) {
		/* EPIPE (| head) or another write error: stop the consumer's
		 * wait too, or an idle group member would poll on until
		 * killed */
		r.out_broken = true;
		if (!stop_sig)
			stop_sig = SIGPIPE;
		return;
	}
	kt_buf_reset(&r.out);
	if (r.consumer)
		kt_consumer_written(r.consumer);
}

/* --- options ------------------------------------------------------------- */

/* A jopt valueOf failure outside the parse (a repeated single-valued
 * option): Java lets the exception escape main. */
static void option_exit(const struct kt_err *err)
{
	fprintf(stderr, "Exception in thread \"main\" joptsimple.%s: %s\n",
		strstr(err->msg, "Found multiple")
			? "MultipleArgumentsForOptionException"
			: "OptionException",
		err->msg);
	exit(1);
}

/* jopt's valueOf conversion failure outside the parse: Java lets the
 * exception escape main. */
static void conversion_exit(const struct kt_err *err)
{
	fprintf(stderr,
		"Exception in thread \"main\" "
		"joptsimple.OptionArgumentConversionException: %s\n",
		err->msg);
	exit(1);
}

/* --partition: Apache's Integer, or kafkit's "0,2,5" / "all". */
static size_t parse_partitions(const char *s, int32_t **out)
{
	struct kt_err err;
	const char *p = s;
	size_t n = 0;
	int32_t *v;

	if (strcmp(s, "all") == 0) {
		*out = NULL;
		return 0;
	}
	v = malloc((strlen(s) / 2 + 1) * sizeof(*v));
	if (!v)
		exit(1);
	for (;;) {
		char *end;
		long long x;

		errno = 0;
		x = strtoll(p, &end, 10);
		if (errno || end == p || x < 0 || x > INT32_MAX ||
		    (*end && *end != ',')) {
			kt_err_set(&err, KT_EINVAL,
				   "Cannot parse argument '%s' of option "
				   "partition",
				   s);
			conversion_exit(&err);
		}
		v[n++] = (int32_t)x;
		if (!*end)
			break;
		p = end + 1;
	}
	*out = v;
	return n;
}

static void load_props_or_die(struct kt_props *p, const char *path, bool usage)
{
	struct kt_err err;

	if (kt_props_load_file(p, path, &err) == 0)
		return;
	if (err.code == KT_ESYNTAX) { /* Properties.load's own error */
		fprintf(stderr, "Exception in thread \"main\" "
				"java.lang.IllegalArgumentException: "
				"Malformed \\uxxxx encoding.\n");
		exit(1);
	}
	if (usage)
		usage_exit(path); /* Java: the exception message, the path */
	fprintf(stderr,
		"Exception in thread \"main\" "
		"java.nio.file.NoSuchFileException: "
		"%s\n",
		path);
	exit(1);
}

static void kv_props(struct kt_props *p, const struct kt_strv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		kt_props_set_kv(p, v->v[i], NULL);
}

/* --- main ---------------------------------------------------------------- */

static void set_conf(struct kt_consumer_conf *conf, const char *k,
		     const char *v)
{
	struct kt_err err;
	int rc = kt_consumer_conf_set(conf, k, v, &err);

	if (rc < 0) {
		/* Java: a ConfigException from the KafkaConsumer constructor,
		 * logged by main as an unknown error */
		log_line("ERROR",
			 "Unknown error when running consumer: ", LOGGER);
		fprintf(stderr,
			"org.apache.kafka.common.config.ConfigException: %s\n",
			err.msg);
		exit(1);
	}
}

static int exit_code(void)
{
	return stop_sig == SIGINT ? 130 : stop_sig == SIGTERM ? 143 : 0;
}

int main(int argc, char **argv)
{
	static const char *const topic_include[] = {"topic", "include", NULL};
	struct kt_consumer_conf conf;
	struct kt_consumer_opts copts;
	struct kt_props cprops, fprops;
	struct kt_cli cli;
	struct kt_err err = {0};
	struct kt_pos start = {KT_POS_LATEST, 0};
	struct sigaction sa;
	const char *gids[3];
	int32_t max_messages = -1, *parts = NULL;
	int64_t timeout_ms = -1, now_ms;
	size_t i, n_gids = 0, n_parts = 0;
	bool has_partition, poll_error = false, fatal = false;
	int rc = 0;

	kt_tool_generate_hook(&tool);
	kt_props_init(&cprops);
	kt_props_init(&fprops);
	kt_consumer_conf_init(&conf);
	kt_printer_init(&r.pr);
	kt_buf_init(&r.out, 0);
	if (kt_cli_parse(&cli, opts, argc, argv, &err))
		usage_exit(err.msg);
	o.help = kt_cli_has(&cli, "help");
	o.version = kt_cli_has(&cli, "version");
	o.from_beginning = kt_cli_has(&cli, "from-beginning");
	o.skip_on_error = kt_cli_has(&cli, "skip-message-on-error");
	o.systest = kt_cli_has(&cli, "enable-systest-events");
	o.exit_at_end = kt_cli_has(&cli, "exit-at-end");
	if (cli.ntokens == 0 || o.help)
		usage_exit(tool.usage);
	if (o.version)
		kt_tool_version_exit();

	/* checkRequiredArgs */
	if (kt_cli_check_one_of(&cli, topic_include, &err))
		usage_exit(err.msg);
	/* Java reads --topic and --include only when the consumer starts:
	 * a repeat fails there (see below) */
	{
		const char *const *v;

		if (kt_cli_values(&cli, "topic", &v))
			o.topic = v[0];
		if (kt_cli_values(&cli, "include", &v))
			o.include = v[0];
	}
	if (kt_cli_str(&cli, "partition", &o.partition, &err) < 0 ||
	    kt_cli_str(&cli, "offset", &o.offset, &err) < 0)
		option_exit(&err);
	has_partition = kt_cli_has(&cli, "partition");
	if (has_partition) {
		n_parts = parse_partitions(o.partition, &parts);
		if (!kt_cli_has(&cli, "topic"))
			usage_exit("The topic is required when partition is "
				   "specified.");
		if (o.from_beginning && kt_cli_has(&cli, "offset"))
			usage_exit("Options from-beginning and offset cannot "
				   "be specified together.");
	} else if (kt_cli_has(&cli, "offset")) {
		usage_exit("The partition is required when offset is "
			   "specified.");
	}
	if (kt_cli_check_required(&cli, "bootstrap-server", &err))
		usage_exit(err.msg);
	if (kt_cli_str(&cli, "bootstrap-server", &o.bootstrap, &err) < 0 ||
	    kt_cli_str(&cli, "group", &o.group, &err) < 0 ||
	    kt_cli_str(&cli, "consumer.config", &o.consumer_config, &err) < 0 ||
	    kt_cli_str(&cli, "command-config", &o.command_config, &err) < 0 ||
	    kt_cli_str(&cli, "formatter", &o.formatter, &err) < 0 ||
	    kt_cli_str(&cli, "formatter-config", &o.formatter_config, &err) <
		    0 ||
	    kt_cli_str(&cli, "key-deserializer", &o.key_deser, &err) < 0 ||
	    kt_cli_str(&cli, "value-deserializer", &o.value_deser, &err) < 0 ||
	    kt_cli_str(&cli, "isolation-level", &o.isolation, &err) < 0 ||
	    kt_cli_str(&cli, "end-offset", &o.end_offset, &err) < 0 ||
	    kt_cli_str(&cli, "output", &o.output, &err) < 0)
		option_exit(&err);
	o.consumer_property.n = kt_cli_values(&cli, "consumer-property",
					      &o.consumer_property.v);
	o.command_property.n =
		kt_cli_values(&cli, "command-property", &o.command_property.v);
	o.property.n = kt_cli_values(&cli, "property", &o.property.v);
	o.formatter_property.n = kt_cli_values(&cli, "formatter-property",
					       &o.formatter_property.v);
	if (kt_cli_has(&cli, "consumer-property") &&
	    kt_cli_has(&cli, "command-property"))
		usage_exit("Options --consumer-property and --command-property "
			   "cannot be specified together.");
	if (kt_cli_has(&cli, "consumer.config") &&
	    kt_cli_has(&cli, "command-config"))
		usage_exit("Options --consumer.config and --command-config "
			   "cannot be specified together.");
	if (kt_cli_has(&cli, "consumer-property")) {
		printf("Option --consumer-property is deprecated and will be "
		       "removed in a future version. Use --command-property "
		       "instead.\n");
		o.command_property = o.consumer_property;
	}
	if (kt_cli_has(&cli, "consumer.config")) {
		printf("Option --consumer.config is deprecated and will be "
		       "removed in a future version. Use --command-config "
		       "instead.\n");
		o.command_config = o.consumer_config;
	}
	fflush(stdout);
	if (o.command_config)
		load_props_or_die(&cprops, o.command_config, false);
	{
		struct kt_props extra;

		kt_props_init(&extra);
		kv_props(&extra, &o.command_property);
		/* checkConsumerGroup: every group id given, in a HashSet */
		if (o.group)
			gids[n_gids++] = o.group;
		if (kt_props_get(&cprops, "group.id"))
			gids[n_gids++] = kt_props_get(&cprops, "group.id");
		if (kt_props_get(&extra, "group.id"))
			gids[n_gids++] = kt_props_get(&extra, "group.id");
		for (i = 1; i < n_gids; i++) {
			size_t k;

			for (k = 0; k < i; k++)
				if (strcmp(gids[k], gids[i]) == 0)
					break;
			if (k < i) {
				memmove(&gids[i], &gids[i + 1],
					(n_gids - i - 1) * sizeof(*gids));
				n_gids--;
				i--;
			}
		}
		if (n_gids > 1) {
			struct kt_buf b;

			kt_java_hashmap_order(
				gids, n_gids,
				kt_java_hashmap_default_cap(n_gids));
			kt_buf_init(&b, 0);
			kt_buf_puts(&b, "The group ids provided in different "
					"places (directly using '--group', via "
					"'--consumer-property', or via "
					"'--consumer.config') do not match. "
					"Detected group ids: ");
			for (i = 0; i < n_gids; i++)
				kt_buf_printf(&b, "%s'%s'", i ? ", " : "",
					      gids[i]);
			usage_exit((const char *)b.p);
		}
		if (n_gids && has_partition)
			usage_exit("Options group and partition cannot be "
				   "specified together.");
		kt_props_merge(&cprops, &extra, NULL);
		kt_props_release(&extra);
	}
	/* setAutoOffsetResetValue */
	{
		const char *aor = kt_props_get(&cprops, "auto.offset.reset");

		if (aor && o.from_beginning && strcmp(aor, "earliest") != 0) {
			fprintf(stderr,
				"Can't simultaneously specify --from-beginning "
				"and 'auto.offset.reset=%s', please remove one "
				"option\n",
				aor);
			rc = 1;
			goto out;
		}
		if (!aor)
			kt_props_set(&cprops, "auto.offset.reset",
				     o.from_beginning ? "earliest" : "latest",
				     NULL);
	}
	/* parseOffset */
	now_ms = (int64_t)time(NULL) * 1000;
	if (kt_cli_has(&cli, "offset")) {
		if (kt_pos_parse(o.offset, now_ms, &start) < 0) {
			char msg[512];

			snprintf(msg, sizeof(msg),
				 "The provided offset value '%s' is incorrect. "
				 "Valid values are 'earliest', 'latest', or a "
				 "non-negative long.",
				 o.offset);
			usage_exit(msg);
		}
	} else if (o.from_beginning) {
		start.kind = KT_POS_EARLIEST;
	}
	/* parseTimeoutMs */
	if (kt_cli_long(&cli, "timeout-ms", &timeout_ms, &err) < 0)
		conversion_exit(&err);
	/* buildFormatter */
	{
		const char *cls = o.formatter ? o.formatter : DEFAULT_FORMATTER;
		const char *current;

		if (kt_printer_class(cls, &r.pr.kind, &current) < 0)
			usage_exit(cls);
		if (current)
			fprintf(stderr,
				"WARNING: %s is deprecated and will be removed "
				"in the next major release. Please use %s "
				"instead\n",
				cls, current);
	}
	if (kt_cli_has(&cli, "formatter-property") &&
	    kt_cli_has(&cli, "property"))
		usage_exit("Options --property and --formatter-property cannot "
			   "be specified together.");
	if (kt_cli_has(&cli, "property")) {
		printf("Option --property is deprecated and will be removed in "
		       "a future version. Use --formatter-property instead.\n");
		fflush(stdout);
		o.formatter_property = o.property;
	}
	if (o.formatter_config)
		load_props_or_die(&fprops, o.formatter_config, true);
	if (o.key_deser && *o.key_deser)
		kt_props_set(&fprops, "key.deserializer", o.key_deser, NULL);
	if (o.value_deser && *o.value_deser)
		kt_props_set(&fprops, "value.deserializer", o.value_deser,
			     NULL);
	kv_props(&fprops, &o.formatter_property);
	if (r.pr.kind == KT_PRINT_DEFAULT &&
	    kt_dmf_configure(&r.pr.dmf, &fprops, &err)) {
		/* Apache logs "Unable to instantiate a deserializer from X"
		 * and prints raw bytes; kafkit refuses what it cannot do */
		fprintf(stderr, "%s\n", err.msg);
		rc = 1;
		goto out;
	}
	if (o.output) {
		if (strcmp(o.output, "json") == 0)
			r.pr.kind = KT_PRINT_JSON;
		else if (strcmp(o.output, "text") != 0)
			usage_exit("--output must be 'text' or 'json'");
	}
	memset(&copts, 0, sizeof(copts));
	copts.stop_flag = &stop_sig;
	/* Apache waits for a topic that does not exist yet (with a WARN
	 * line per metadata answer); ours waits too, saying so once */
	copts.wait_for_topics = true;
	copts.notice = topic_notice;
	if (o.exit_at_end || o.end_offset) {
		copts.stop_at_end = true;
		copts.end.kind = KT_POS_LATEST;
		if (o.end_offset &&
		    kt_pos_parse(o.end_offset, now_ms, &copts.end) < 0) {
			char msg[512];

			snprintf(msg, sizeof(msg),
				 "The provided end offset value '%s' is "
				 "incorrect.",
				 o.end_offset);
			usage_exit(msg);
		}
	}

	/* buildConsumerProps: files, properties, then the forced values */
	kt_props_set(&cprops, "bootstrap.servers", o.bootstrap, NULL);
	if (!kt_props_get(&cprops, "client.id"))
		kt_props_set(&cprops, "client.id", "console-consumer", NULL);
	if (kt_cli_has(&cli, "isolation-level") ||
	    !kt_props_get(&cprops, "isolation.level"))
		kt_props_set(&cprops, "isolation.level",
			     o.isolation ? o.isolation : "read_uncommitted",
			     NULL);
	if (!n_gids) {
		char gid[64];

		srand((unsigned)(now_ms ^ getpid()));
		snprintf(gid, sizeof(gid), "console-consumer-%d",
			 rand() % 100000);
		kt_props_set(&cprops, "group.id", gid, NULL);
		if (!kt_props_get(&cprops, "enable.auto.commit"))
			kt_props_set(&cprops, "enable.auto.commit", "false",
				     NULL);
	} else {
		kt_props_set(&cprops, "group.id", gids[0], NULL);
	}
	/* (4.3) the KIP-848 hint, for group members on the classic protocol */
	if (!has_partition) {
		const char *gp = kt_props_get(&cprops, "group.protocol");

		if (!gp || strcasecmp(gp, "classic") == 0)
			fprintf(stderr,
				"The consumer rebalance protocol (KIP-848) is "
				"production-ready! Set group.protocol=consumer "
				"to try it out. See "
				"https://kafka.apache.org/documentation/"
				"#consumer_rebalance_protocol\n");
	}
	for (i = 0; i < cprops.n; i++)
		set_conf(&conf, cprops.v[i].key, cprops.v[i].value);
	if (kt_cli_str(&cli, "topic", &o.topic, &err) < 0 ||
	    kt_cli_str(&cli, "include", &o.include, &err) < 0) {
		log_line("ERROR",
			 "Unknown error when running consumer: ", LOGGER);
		fprintf(stderr,
			"joptsimple.MultipleArgumentsForOptionException: %s\n",
			err.msg);
		rc = 1;
		goto out;
	}
	if (has_partition) {
		/* manual assignment: no group requests at all */
		free(conf.group_id);
		conf.group_id = NULL;
	}

	/* run */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	r.writer = kt_bgwrite_new(1, &err);
	if (r.writer)
		r.consumer = kt_consumer_new(&conf, &copts, &err);
	if (!r.consumer) {
		log_line("ERROR",
			 "Unknown error when running consumer: ", LOGGER);
		fprintf(stderr, "%s\n", err.msg);
		rc = 1;
		goto out;
	}
	if (has_partition)
		rc = kt_consumer_assign(r.consumer, o.topic, parts, n_parts,
					&start, &err);
	else if (o.topic)
		rc = kt_consumer_subscribe(r.consumer, &o.topic, 1, &err);
	else
		rc = kt_consumer_subscribe_pattern(r.consumer, o.include, &err);
	if (rc < 0) {
		log_line("ERROR",
			 "Unknown error when running consumer: ", LOGGER);
		fprintf(stderr, "%s\n", err.msg);
		rc = 1;
		goto out;
	}
	if (kt_cli_int(&cli, "max-messages", &max_messages, &err) < 0) {
		fprintf(stderr, "Processed a total of 0 messages\n");
		log_line("ERROR",
			 "Unknown error when running consumer: ", LOGGER);
		fprintf(stderr,
			"joptsimple.OptionArgumentConversionException: %s\n",
			err.msg);
		rc = 1;
		goto out;
	}
	while (max_messages < 0 || r.count < max_messages) {
		struct kt_msg m;
		int64_t wait = timeout_ms;
		int got;

		if (wait > INT32_MAX)
			wait = INT32_MAX;
		got = kt_consumer_next(r.consumer, &m, (int)wait, flush_out,
				       NULL, &err);
		if (got == KT_CONSUMER_STOPPED || got == KT_CONSUMER_END)
			break;
		if (got == KT_CONSUMER_TIMEOUT) {
			log_line("ERROR",
				 "Error processing message, terminating "
				 "consumer process: ",
				 LOGGER);
			fprintf(stderr, "org.apache.kafka.common.errors."
					"TimeoutException\n");
			poll_error = true;
			break;
		}
		if (got < 0) {
			log_line("ERROR",
				 "Error processing message, terminating "
				 "consumer process: ",
				 LOGGER);
			fprintf(stderr, "%s\n", err.msg);
			poll_error = fatal = true;
			break;
		}
		r.count++;
		if (kt_printer_write(&r.pr, &m, &r.out, &err) < 0) {
			if (o.skip_on_error) {
				log_line("ERROR",
					 "Error processing message, skipping "
					 "this message: ",
					 LOGGER);
				fprintf(stderr, "%s\n", err.msg);
			} else {
				flush_out(NULL);
				kt_consumer_close(r.consumer, 30000, NULL);
				fprintf(stderr,
					"Processed a total of %lld messages\n",
					r.count);
				log_line(
					"ERROR",
					"Unknown error when running consumer: ",
					LOGGER);
				fprintf(stderr, "%s\n", err.msg);
				rc = 1;
				goto out;
			}
		}
		if (r.out.len >= OUT_FLUSH)
			flush_out(NULL);
		if (r.out_broken)
			break;
	}
	(void)poll_error;
	flush_out(NULL);
	if (r.out_broken)
		fprintf(stderr,
			"Unable to write to standard out, closing consumer.\n");
	/* cleanup: commit only what was written, leave the group */
	kt_consumer_close(r.consumer, 30000, &err);
	fprintf(stderr, "Processed a total of %lld messages\n", r.count);
	if (o.systest) {
		printf("shutdown_complete\n");
		fflush(stdout);
	}
	rc = fatal ? 1 : exit_code();
out:
	kt_consumer_free(r.consumer);
	kt_bgwrite_free(r.writer);
	kt_printer_release(&r.pr);
	kt_buf_release(&r.out);
	kt_props_release(&cprops);
	kt_props_release(&fprops);
	kt_consumer_conf_release(&conf);
	kt_cli_release(&cli);
	free(parts);
	return rc;
}
