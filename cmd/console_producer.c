/*
 * console_producer.c - kafka-console-producer: stdin to Kafka records.
 *
 * Apache 4.3.1's ConsoleProducer (tools.md §2): the same options (KIP-1147
 * names and the deprecated ones with their warnings), the same merge of
 * producer configuration and the same effective defaults (acks=-1,
 * linger.ms=1000, request.timeout.ms=1500, retries=3, ...), the
 * LineMessageReader of §2.3 and the ">" prompt on a terminal. Records go
 * through common/producer (Java's partitioner, idempotence, retries).
 *
 * Stricter than Apache: every line read is acknowledged by the broker or
 * reported on stderr with its line number, topic, partition and error, and
 * the exit status is 1 when any record failed (Apache exits 0 in its
 * default asynchronous mode). On SIGINT/SIGTERM what is buffered is
 * flushed for at most 5 seconds and the rest reported.
 *
 * kafkit extensions: --partition, --record-delimiter (binary-safe input),
 * --line-reader json (kafkit JSON record lines, as kafka-console-consumer
 * --output json writes them), --print-partition with --partitions (the
 * partition of keys, nothing sent).
 */
#include "tool.h"
#include "cli/bootstrap.h"
#include "cli/cli.h"
#include "net/client.h"
#include "record/compress.h"
#include "format/delivery.h"
#include "format/input.h"
#include "format/linereader.h"
#include "produce/producer.h"
#include "java/props.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#define READER_DEFAULT "org.apache.kafka.tools.LineMessageReader"
#define READER_JSON "json"
#define USAGE                                                                  \
	"This tool helps to read data from standard input and publish "        \
	"it to Kafka."
#define FLUSH_GRACE_MS 5000

#define READER_PROPS_HELP                                                      \
	"\nDefault properties include:"                                        \
	"\n parse.key=false"                                                   \
	"\n parse.headers=false"                                               \
	"\n ignore.error=false"                                                \
	"\n key.separator=\\t"                                                 \
	"\n headers.delimiter=\\t"                                             \
	"\n headers.separator=,"                                               \
	"\n headers.key.separator=:"                                           \
	"\n null.marker=   When set, any fields (key, value and headers) "     \
	"equal to this will be replaced by null"                               \
	"\nDefault parsing pattern when:"                                      \
	"\n parse.headers=true and parse.key=true:"                            \
	"\n  \"h1:v1,h2:v2...\\tkey\\tvalue\""                                 \
	"\n parse.key=true:"                                                   \
	"\n  \"key\\tvalue\""                                                  \
	"\n parse.headers=true:"                                               \
	"\n  \"h1:v1,h2:v2...\\tvalue\""

static const struct kt_opt opts[] = {
	{.name = "topic",
	 .flags = KT_ARG,
	 .arg = "topic",
	 .help = "REQUIRED: The topic name to produce messages to.",
	 .comp = KT_COMP_TOPIC},
	{.name = "bootstrap-server",
	 .flags = KT_ARG,
	 .arg = "server to connect to",
	 .help = "REQUIRED: The server(s) to connect to. The broker list "
		 "string in the form HOST1:PORT1,HOST2:PORT2.",
	 .comp = KT_COMP_HOST},
	{.name = "sync",
	 .help = "If set message send requests to the brokers are "
		 "synchronously, one at a time as they arrive."},
	{.name = "compression-codec",
	 .flags = KT_OPTARG,
	 .arg = "compression-codec",
	 .help = "The compression codec: either 'none', 'gzip', 'snappy', "
		 "'lz4', or 'zstd'.If specified without value, then it "
		 "defaults to 'gzip'",
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "none gzip snappy lz4 zstd"},
	{.name = "batch-size",
	 .flags = KT_ARG | KT_INT,
	 .arg = "size",
	 .help = "The buffer size in bytes allocated for a partition. When "
		 "records are received which are smaller than this size the "
		 "producer will attempt to optimistically group them together "
		 "until this size is reached. This is the option to control "
		 "batch.size in producer configs. Please note that this option "
		 "will be replaced if max-partition-memory-bytes is also set.",
	 .def = "16384"},
	{.name = "message-send-max-retries",
	 .flags = KT_ARG | KT_INT,
	 .help = "Brokers can fail receiving the message for multiple reasons, "
		 "and being unavailable transiently is just one of them. This "
		 "property specifies the number of retries before the producer "
		 "give up and drop this message. This is the option to control "
		 "`retries` in producer configs.",
	 .def = "3"},
	{.name = "retry-backoff-ms",
	 .flags = KT_ARG | KT_LONG,
	 .help = "Before each retry, the producer refreshes the metadata of "
		 "relevant topics. Since leader election takes a bit of time, "
		 "this property specifies the amount of time that the producer "
		 "waits before refreshing the metadata. This is the option to "
		 "control `retry.backoff.ms` in producer configs.",
	 .def = "100"},
	{.name = "timeout",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "timeout_ms",
	 .help = "If set and the producer is running in asynchronous mode, "
		 "this gives the maximum amount of time a message will queue "
		 "awaiting sufficient batch size. The value is given in ms. "
		 "This is the option to control `linger.ms` in producer "
		 "configs.",
	 .def = "1000"},
	{.name = "request-required-acks",
	 .flags = KT_ARG,
	 .arg = "request required acks",
	 .help = "The required `acks` of the producer requests",
	 .def = "-1",
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "all -1 0 1"},
	{.name = "request-timeout-ms",
	 .flags = KT_ARG | KT_INT,
	 .arg = "request timeout ms",
	 .help = "The ack timeout of the producer requests. Value must be "
		 "non-negative and non-zero.",
	 .def = "1500"},
	{.name = "metadata-expiry-ms",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "metadata expiration interval",
	 .help = "The period of time in milliseconds after which we force a "
		 "refresh of metadata even if we haven't seen any leadership "
		 "changes. This is the option to control "
		 "`metadata.max.age.ms` in producer configs.",
	 .def = "300000"},
	{.name = "max-block-ms",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "max block on send",
	 .help = "The max time that the producer will block for during a send "
		 "request.",
	 .def = "60000"},
	{.name = "max-memory-bytes",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "total memory in bytes",
	 .help = "The total memory used by the producer to buffer records "
		 "waiting to be sent to the server. This is the option to "
		 "control `buffer.memory` in producer configs.",
	 .def = "33554432"},
	{.name = "max-partition-memory-bytes",
	 .flags = KT_ARG | KT_INT,
	 .arg = "memory in bytes per partition",
	 .help = "(Deprecated) The buffer size in bytes allocated for a "
		 "partition. When records are received which are smaller than "
		 "this size the producer will attempt to optimistically group "
		 "them together until this size is reached. This is the option "
		 "to control batch.size in producer configs. This option will "
		 "be removed in Apache Kafka 5.0. Use --batch-size instead.",
	 .def = "16384"},
	{.name = "line-reader",
	 .flags = KT_ARG,
	 .arg = "reader_class",
	 .help = "The class name of the class to use for reading lines from "
		 "standard in. By default each line is read as a separate "
		 "message.",
	 .def = READER_DEFAULT,
	 .comp = KT_COMP_VALUES,
	 .comp_arg = READER_DEFAULT " " READER_JSON},
	{.name = "socket-buffer-size",
	 .flags = KT_ARG | KT_INT,
	 .arg = "size",
	 .help = "The size of the tcp RECV size. This is the option to control "
		 "`send.buffer.bytes` in producer configs.",
	 .def = "102400"},
	{.name = "property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "prop",
	 .help = "(DEPRECATED) A mechanism to pass user-defined properties in "
		 "the form key=value to the message reader. This allows custom "
		 "configuration for a user-defined message "
		 "reader." READER_PROPS_HELP
		 "\n This option will be removed in a future version. Use "
		 "--reader-property instead."},
	{.name = "reader-property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "prop",
	 .help = "A mechanism to pass user-defined properties in the form "
		 "key=value to the message reader. This allows custom "
		 "configuration for a user-defined message "
		 "reader." READER_PROPS_HELP},
	{.name = "reader-config",
	 .flags = KT_ARG,
	 .arg = "config file",
	 .help = "Config properties file for the message reader. Note that "
		 "[reader-property] takes precedence over this config.",
	 .comp = KT_COMP_FILE,
	 .comp_arg = "properties conf"},
	{.name = "producer-property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "producer_prop",
	 .help = "(DEPRECATED) Producer config properties in the form "
		 "key=value. This option will be removed in a future version. "
		 "Use --command-property instead."},
	{.name = "command-property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "producer_prop",
	 .help = "Producer config properties in the form key=value."},
	{.name = "producer.config",
	 .flags = KT_ARG,
	 .arg = "config file",
	 .help = "(DEPRECATED) Producer config properties file. Note that "
		 "[command-property] takes precedence over this config. This "
		 "option will be removed in a future version. Use "
		 "--command-config instead.",
	 .comp = KT_COMP_FILE,
	 .comp_arg = "properties conf"},
	{.name = "command-config",
	 .flags = KT_ARG,
	 .arg = "config file",
	 .help = "Producer config properties file. Note that "
		 "[command-property] takes precedence over this config.",
	 .comp = KT_COMP_FILE,
	 .comp_arg = "properties conf"},
	{.name = "partition",
	 .flags = KT_ARG | KT_INT | KT_EXT,
	 .arg = "partition",
	 .help = "kafkit: send every record to this partition instead of "
		 "letting the partitioner choose."},
	{.name = "record-delimiter",
	 .flags = KT_ARG | KT_EXT,
	 .arg = "bytes",
	 .help = "kafkit: end each record at this byte string instead of at a "
		 "line end (\\n, \\r or \\r\\n), so that values may contain "
		 "newlines. C escapes are understood: \\0 for NUL, \\n, \\r, "
		 "\\t, \\\\, \\xHH, \\NNN (octal)."},
	{.name = "print-partition",
	 .flags = KT_EXT,
	 .help = "kafkit: send nothing; print each key (the arguments after "
		 "the options, else the records of standard input) with the "
		 "partition the Java producer would send it to (murmur2), "
		 "separated by a tab."},
	{.name = "partitions",
	 .flags = KT_ARG | KT_INT | KT_EXT,
	 .arg = "count",
	 .help = "kafkit: the partition count for --print-partition (default: "
		 "the topic's, asked from the cluster)."},
	KT_OPT_HELP,
	KT_OPT_VERSION,
	{0},
};

#define MAN_NOTES                                                              \
	".SH INPUT\n"                                                          \
	"Standard input is cut into records at line ends (\\en, \\er or "      \
	"\\er\\en, as Java's readLine), or at the byte string of "             \
	"\\fB\\-\\-record\\-delimiter\\fR. The default reader is Apache's "    \
	"LineMessageReader: reader properties parse.key, key.separator, "      \
	"parse.headers, headers.delimiter, headers.separator (a Java regular " \
	"expression, translated to POSIX as for kafka\\-topics \\-\\-topic; "  \
	"lookaround, back\\-references, Unicode properties, possessive "       \
	"quantifiers, and lazy quantifiers and empty alternatives, which "     \
	"would "                                                               \
	"split elsewhere than Java, are refused), headers.key.separator, "     \
	"ignore.error and "                                                    \
	"null.marker behave as in Apache Kafka, with the same messages and "   \
	"line numbers.\n"                                                      \
	".PP\n"                                                                \
	"Bytes pass through unchanged: invalid UTF-8 is sent as it is, where " \
	"Apache's tool replaces it with U+FFFD.\n"                             \
	".PP\n"                                                                \
	"\\fB\\-\\-line\\-reader json\\fR reads kafkit JSON record lines, "    \
	"the format of \\fBkafka\\-console\\-consumer \\-\\-output json\\fR: " \
	"one object per line with key, value (null for a Kafka null, a "       \
	"string for UTF-8 bytes, else base64 or hex with "                     \
	"\"key_encoding\"/\"value_encoding\"), headers (an ordered list of "   \
	"{\"key\",\"value\"} objects, duplicates allowed), and optional "      \
	"partition and timestamp (sent as CreateTime); topic, offset, "        \
	"timestamp_type and leader_epoch are ignored. A topic written to a "   \
	"file by the consumer and read back by the producer is the same, "     \
	"byte for byte. Other \\fB\\-\\-line\\-reader\\fR classes are "        \
	"refused.\n"                                                           \
	".SH PARTITIONS\n"                                                     \
	"Keyed records go where the Java producer sends them: murmur2 of the " \
	"key bytes modulo the partition count. Records without key follow "    \
	"the built-in sticky partitioner of KIP-794. \\fB\\-\\-partition\\fR " \
	"or a JSON partition field pins a record. "                            \
	"\\fB\\-\\-print\\-partition "                                         \
	"\\-\\-partitions 12 KEY...\\fR prints where keys go without "         \
	"sending anything.\n"                                                  \
	".SH PRODUCER PROPERTIES\n"                                            \
	"Honoured: acks, linger.ms, batch.size, buffer.memory, "               \
	"max.request.size, compression.type, compression.gzip.level, "         \
	"compression.lz4.level, compression.zstd.level, enable.idempotence, "  \
	"max.in.flight.requests.per.connection, retries, retry.backoff.ms, "   \
	"retry.backoff.max.ms, delivery.timeout.ms, request.timeout.ms, "      \
	"max.block.ms, metadata.max.age.ms, client.id, "                       \
	"partitioner.ignore.keys, partitioner.adaptive.partitioning.enable, "  \
	"socket.connection.setup.timeout.ms, bootstrap.servers. "              \
	"Accepted silently because they only matter inside a JVM: "            \
	"key.serializer, value.serializer, interceptor.classes, metrics.*, "   \
	"metric.reporters, send.buffer.bytes, receive.buffer.bytes, "          \
	"reconnect.backoff.*, connections.max.idle.ms, metadata.max.idle.ms, " \
	"transaction.timeout.ms. Refused: transactional.id, a "                \
	"partitioner.class. Any other name is accepted with a warning on "     \
	"standard error; the ssl.* and sasl.* properties are those of "        \
	"SECURITY.\n"                                                          \
	".SH DELIVERY\n"                                                       \
	"Every record read is either acknowledged by the broker or reported "  \
	"on standard error with its line number, topic, partition and error "  \
	"(consecutive lines with the same fate are reported as one range). "   \
	"At end of input the tool waits for every acknowledgement. On SIGINT " \
	"or SIGTERM it stops reading, flushes what is buffered for at most 5 " \
	"seconds and reports what was not delivered; a second signal stops "   \
	"at once. If the topic is not in the metadata within "                 \
	"\\fB\\-\\-max\\-block\\-ms\\fR, or the cluster cannot be reached, "   \
	"the tool says so once and reads nothing.\n"                           \
	".SH DIFFERENCES FROM APACHE KAFKA\n"                                  \
	"Apache's tool exits 0 in its default asynchronous mode even when "    \
	"records failed; this one exits 1. \\fB\\-\\-sync\\fR sends each "     \
	"record at once instead of waiting \\fB\\-\\-timeout\\fR. Reader and " \
	"configuration errors print the Java exception's first line, "         \
	"without a stack trace.\n"                                             \
	".SH SECURITY\n" KT_CLI_MAN_SECURITY ".PP\n" KT_MAN_SECURITY            \
	".SH EXIT STATUS\n"                                                    \
	"0 when every record was acknowledged; 1 when any record failed, for " \
	"a parse error (records before it are still delivered) and for "       \
	"usage and configuration errors; 128 plus the signal number when "     \
	"interrupted with every record read delivered.\n"

static const struct kt_cli_tool tool = {
	.name = "kafka-console-producer",
	.summary = "read records from standard input and publish them to Kafka",
	.usage = USAGE,
	.opts = opts,
	.man_extra = MAN_NOTES,
};

/* Signals ------------------------------------------------------------------ */

static volatile sig_atomic_t g_signal;
static volatile int g_stop;

static void on_signal(int sig)
{
	if (g_signal) {
		/* second signal: no more waiting */
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	g_signal = sig;
	g_stop = 1;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: poll/read return EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Failure reports ---------------------------------------------------------- */

/* The failure lines (format/delivery.h), written to stderr at once. */
struct reporter {
	struct kt_delivery_log log;
	struct kt_buf out;
};

static void reporter_emit(struct reporter *r)
{
	if (r->out.len)
		fwrite(r->out.p, 1, r->out.len, stderr);
	kt_buf_reset(&r->out);
}

static void reporter_flush(struct reporter *r)
{
	kt_delivery_log_flush(&r->log, &r->out);
	reporter_emit(r);
}

static void reporter_add(struct reporter *r, int64_t id, const char *topic,
			 int32_t partition, const char *msg, bool unknown)
{
	kt_delivery_log_add(&r->log, &r->out, id, topic, partition, msg,
			    unknown);
	reporter_emit(r);
}

static void on_report(void *arg, const struct kt_report *rep)
{
	reporter_add(arg, rep->id, rep->topic, rep->partition, rep->err->msg,
		     rep->unknown);
}

/* Options ------------------------------------------------------------------ */

static void usage_exit(const char *msg)
{
	kt_tool_usage_exit(opts, msg);
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void load_file(struct kt_props *p, const char *path)
{
	struct kt_err err = {0};

	if (kt_props_load_file(p, path, &err) < 0 && err.code == KT_ESYNTAX)
		die("java.lang.IllegalArgumentException: Malformed \\uxxxx "
		    "encoding. (%s)",
		    err.msg);
	if (err.code)
		die("java.nio.file.NoSuchFileException: %s (%s)", path,
		    err.msg);
}

static void add_pairs(struct kt_props *p, const struct kt_cli *cli,
		      const char *name)
{
	const char *const *v;
	size_t i, n = kt_cli_values(cli, name, &v);
	struct kt_err err;

	for (i = 0; i < n; i++)
		if (kt_props_set_kv(p, v[i], &err) < 0)
			die("%s", err.msg);
}

/* Step 4 of §2.2: the option's value if given, else a value from the
 * files/properties, else the option's default. */
static void merge_opt(struct kt_props *p, const struct kt_cli *cli,
		      const char *opt, const char *key, const char *value)
{
	struct kt_err err;

	if (!kt_cli_has(cli, opt) && kt_props_get(p, key))
		return;
	if (kt_props_set(p, key, value, &err) < 0)
		die("%s", err.msg);
}

static const char *int_opt(const struct kt_cli *cli, const char *name,
			   char *buf, size_t n)
{
	struct kt_err err;
	int32_t v = 0;

	if (kt_cli_int(cli, name, &v, &err) < 0)
		die("%s", err.msg);
	snprintf(buf, n, "%d", v);
	return buf;
}

static const char *long_opt(const struct kt_cli *cli, const char *name,
			    char *buf, size_t n)
{
	struct kt_err err;
	int64_t v = 0;

	if (kt_cli_long(cli, name, &v, &err) < 0)
		die("%s", err.msg);
	snprintf(buf, n, "%lld", (long long)v);
	return buf;
}

static const char *str_opt(const struct kt_cli *cli, const char *name)
{
	struct kt_err err;
	const char *v = NULL;

	if (kt_cli_str(cli, name, &v, &err) < 0)
		die("%s", err.msg);
	return v;
}

/* Input -------------------------------------------------------------------- */

/* --print-partition -------------------------------------------------------- */

static int print_partitions(struct kt_cli *cli, const char *bootstrap,
			    const char *topic)
{
	int32_t n = 0;
	struct kt_err err;
	size_t i;

	if (kt_cli_has(cli, "partitions")) {
		if (kt_cli_int(cli, "partitions", &n, &err) < 0)
			die("%s", err.msg);
		if (n <= 0)
			die("kafka-console-producer: --partitions must be "
			    "positive, not %d",
			    n);
	} else {
		struct kt_client_conf cc;
		struct kt_client *c;
		const char *topics[1] = {topic};
		const struct kt_md_topic *t;

		if (!bootstrap || !topic)
			usage_exit("--print-partition needs --partitions, or "
				   "--bootstrap-server and --topic to ask the "
				   "cluster");
		kt_client_conf_init(&cc);
		kt_client_conf_set(&cc, "bootstrap.servers", bootstrap, NULL);
		c = kt_client_new(&cc, &err);
		kt_client_conf_release(&cc);
		if (!c || kt_client_bootstrap(c, &err) < 0 ||
		    kt_client_metadata_refresh(c, topics, 1, &err) < 0)
			die("kafka-console-producer: %s", err.msg);
		t = kt_metadata_topic(kt_client_metadata(c), topic);
		if (!t || t->error_code || t->n_partitions == 0)
			die("kafka-console-producer: topic '%s' is not in the "
			    "metadata",
			    topic);
		n = (int32_t)t->n_partitions;
		kt_client_free(c);
	}
	if (cli->nrest > 0) {
		for (i = 0; i < cli->nrest; i++)
			printf("%s\t%d\n", cli->rest[i],
			       kt_partition_for_key(cli->rest[i],
						    strlen(cli->rest[i]), n));
	} else {
		struct kt_input in;
		struct kt_buf delim;
		const char *d = str_opt(cli, "record-delimiter");
		const uint8_t *key;
		size_t len;

		memset(&in, 0, sizeof(in));
		kt_buf_init(&delim, 1 << 16);
		if (d && kt_unescape(d, &delim, &err) < 0)
			die("kafka-console-producer: --record-delimiter: %s",
			    err.msg);
		kt_linesplit_init(&in.split, delim.p, delim.len, NULL);
		kt_buf_release(&delim);
		if (kt_input_open(&in, 0, 1 << 16, (size_t)1 << 30, &err) < 0)
			die("%s", err.msg);
		for (;;) {
			ssize_t got;

			while (kt_input_next(&in, &key, &len) == 1) {
				fwrite(key, 1, len, stdout);
				printf("\t%d\n",
				       kt_partition_for_key(key, len, n));
			}
			if (in.eof)
				break;
			got = kt_input_fill(&in, &err);
			if (got == -2)
				die("kafka-console-producer: key too long");
			if (got == -3)
				die("%s", err.msg);
		}
		kt_input_release(&in);
	}
	return fflush(stdout) ? 1 : 0;
}

/* Main --------------------------------------------------------------------- */

struct run {
	struct kt_producer *p;
	struct kt_linereader lr;
	struct reporter rep;
	struct kt_input in;
	bool prompt;   /* stdin and stdout are terminals */
	bool prompted; /* ">" printed for the record being read */
	const char *topic;
	int32_t pin;
	bool sync;
	int64_t lineno;
	bool parse_failed;
	int32_t max_request_size;
};

/* Report a record refused before it was queued. */
static void refused(struct run *r, int64_t id, int32_t partition,
		    const char *msg)
{
	reporter_add(&r->rep, id, r->topic, partition, msg, false);
}

/* Parse and queue one record; false when input must stop (parse error,
 * --sync failure). */
static bool one_record(struct run *r, const uint8_t *line, size_t len)
{
	struct kt_lrec lrec;
	struct kt_prec rec;
	struct kt_err err;

	r->lineno++;
	if (kt_linereader_parse(&r->lr, line, len, r->lineno, &lrec, &err) <
	    0) {
		reporter_flush(&r->rep);
		if (r->lr.json)
			fprintf(stderr, "kafka-console-producer: %s\n",
				err.msg);
		else
			fprintf(stderr,
				"org.apache.kafka.common.KafkaException: %s\n",
				err.msg);
		r->parse_failed = true;
		return false;
	}
	memset(&rec, 0, sizeof(rec));
	rec.partition = lrec.partition >= 0 ? lrec.partition : r->pin;
	rec.timestamp = lrec.timestamp;
	rec.key = lrec.key;
	rec.value = lrec.value;
	rec.headers = lrec.headers;
	rec.n_headers = lrec.n_headers;
	rec.id = r->lineno;
	if (kt_producer_send(r->p, &rec, &err) < 0) {
		int32_t part = rec.partition;

		if (part < 0 && rec.key.p && kt_producer_partitions(r->p) > 0)
			part = kt_partition_for_key(
				rec.key.p, rec.key.len,
				kt_producer_partitions(r->p));
		refused(r, r->lineno, part, err.msg);
		if (r->sync)
			return false;
		return true;
	}
	if (r->sync) {
		int64_t failed = r->rep.log.failed;

		kt_producer_flush(r->p, -1, &g_stop, NULL);
		if (r->rep.log.failed > failed)
			return false;
	}
	return true;
}

/* Apache's LineMessageReader prints ">" before each readLine() when there
 * is a console: once per record, and once more for the read that meets the
 * end of input; not once per read() (a pasted block of lines or a record
 * that spans reads). */
static void prompt(struct run *r)
{
	if (!r->prompt || r->prompted)
		return;
	fputc('>', stdout);
	fflush(stdout);
	r->prompted = true;
}

/* Go on dropping a record too long for max.request.size; once its end is
 * found, report it as KafkaProducer would have: its serialized size (as
 * a value without key or headers: the line was not kept to be split)
 * and the limit. True when the record is done with. */
static bool skip_long(struct run *r)
{
	struct kt_prec rec = {0};
	char msg[200];

	if (!kt_input_skip_rest(&r->in))
		return false;
	rec.value.p = (const uint8_t *)"";
	rec.value.len = r->in.skipped;
	snprintf(msg, sizeof(msg),
		 "The message is %zu bytes when serialized which is larger "
		 "than %d, which is the value of the max.request.size "
		 "configuration.",
		 kt_producer_record_size(&rec), r->max_request_size);
	r->lineno++;
	refused(r, r->lineno, r->pin, msg);
	return true;
}

/* Standard input is readable: take what is there. */
static void read_input(struct run *r)
{
	struct kt_err err;
	ssize_t got = kt_input_fill(&r->in, &err);

	if (got == -3)
		die("%s", err.msg);
	if (got == -2) {
		/* a record longer than max.request.size: skip to its end,
		 * then report it with its size */
		kt_input_skip_begin(&r->in);
		r->prompted = false;
		skip_long(r);
	}
}

static int produce(struct run *r)
{
	struct kt_err err;
	size_t len;
	bool stop_input = false;
	int rc;

	for (;;) {
		struct pollfd pfd;
		bool want;

		/* records already buffered */
		while (!stop_input && !g_stop && !kt_producer_full(r->p)) {
			const uint8_t *line;

			if (r->in.skipping) {
				if (!skip_long(r))
					break;
				continue;
			}
			prompt(r);
			if (kt_input_next(&r->in, &line, &len) != 1)
				break;
			r->prompted = false;
			if (!one_record(r, line, len))
				stop_input = true;
		}
		if (stop_input || g_stop ||
		    (r->in.eof && r->in.start == r->in.end))
			break;
		/* one poll() for standard input and the brokers: answers
		 * are handled and lingering batches sent while the user
		 * types; no input is taken while buffer.memory is full */
		want = !r->in.eof && !kt_producer_full(r->p);
		pfd.fd = r->in.fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (kt_producer_poll_fds(r->p, -1, &pfd, want ? 1 : 0, &err) <
		    0)
			die("kafka-console-producer: %s", err.msg);
		if (want && pfd.revents)
			read_input(r);
	}
	/* end of input, a parse error or a signal: deliver what is queued;
	 * once a signal came, for at most FLUSH_GRACE_MS */
	rc = g_stop ? -KT_EINTR : kt_producer_flush(r->p, -1, &g_stop, &err);
	if (rc == -KT_EINTR) {
		g_stop = 0; /* a second signal kills (on_signal) */
		rc = kt_producer_flush(r->p, kt_now_ms() + FLUSH_GRACE_MS,
				       &g_stop, &err);
	}
	if (rc < 0) {
		struct kt_err why;

		kt_err_set(&why, KT_EINTR,
			   "interrupted by signal %d before the broker "
			   "answered",
			   (int)g_signal);
		kt_producer_abandon(r->p, &why);
	}
	reporter_flush(&r->rep);
	if (r->rep.log.failed > 0 || r->parse_failed)
		return 1;
	if (g_signal)
		return 128 + (int)g_signal;
	return 0;
}

int main(int argc, char **argv)
{
	struct kt_producer_conf conf;
	struct kt_props pp, rp;
	struct kt_cli cli;
	struct kt_err err;
	struct run r;
	const char *topic, *bootstrap, *codec, *reader;
	char nb[32];
	size_t i;
	int rc;

	kt_tool_generate_hook(&tool);
	if (kt_cli_parse(&cli, opts, argc, argv, &err) < 0)
		usage_exit(err.msg);
	if (cli.ntokens == 0 || kt_cli_has(&cli, "help"))
		usage_exit(USAGE);
	if (kt_cli_has(&cli, "version"))
		kt_tool_version_exit();
	if (kt_cli_has(&cli, "print-partition")) {
		rc = print_partitions(&cli, str_opt(&cli, "bootstrap-server"),
				      str_opt(&cli, "topic"));
		kt_cli_release(&cli);
		return rc;
	}
	if (kt_cli_check_required(&cli, "topic", &err) < 0)
		usage_exit(err.msg);
	if (kt_cli_has(&cli, "command-config") &&
	    kt_cli_has(&cli, "producer.config"))
		usage_exit("Options --command-config and --producer.config "
			   "cannot be specified together.");
	if (kt_cli_has(&cli, "command-property") &&
	    kt_cli_has(&cli, "producer-property"))
		usage_exit("Options --command-property and --producer-property "
			   "cannot be specified together.");
	if (kt_cli_has(&cli, "reader-property") && kt_cli_has(&cli, "property"))
		usage_exit("Options --reader-property and --property cannot be "
			   "specified together.");
	if (kt_cli_has(&cli, "producer-property"))
		printf("Warning: --producer-property is deprecated and will be "
		       "removed in a future version. Use --command-property "
		       "instead.\n");
	if (kt_cli_has(&cli, "producer.config"))
		printf("Warning: --producer.config is deprecated and will be "
		       "removed in a future version. Use --command-config "
		       "instead.\n");
	if (kt_cli_has(&cli, "property"))
		printf("Warning: --property is deprecated and will be removed "
		       "in a future version. Use --reader-property instead.\n");
	if (kt_cli_has(&cli, "max-partition-memory-bytes"))
		printf("Warning: --max-partition-memory-bytes is deprecated "
		       "and "
		       "will be removed in Apache Kafka 5.0. Use --batch-size "
		       "instead.\n");
	fflush(stdout);
	bootstrap = str_opt(&cli, "bootstrap-server");
	if (!bootstrap || !*bootstrap ||
	    strspn(bootstrap, " \t") == strlen(bootstrap))
		usage_exit("Error while validating the bootstrap address\n");
	if (!kt_cli_bootstrap_ok(bootstrap))
		usage_exit("Please provide valid host:port like "
			   "host1:9091,host2:9092\n");
	topic = str_opt(&cli, "topic");

	/* producer configuration, §2.2 */
	kt_props_init(&pp);
	if (kt_cli_has(&cli, "command-config"))
		load_file(&pp, str_opt(&cli, "command-config"));
	else if (kt_cli_has(&cli, "producer.config"))
		load_file(&pp, str_opt(&cli, "producer.config"));
	add_pairs(&pp, &cli, "command-property");
	add_pairs(&pp, &cli, "producer-property");
	kt_props_set(&pp, "bootstrap.servers", bootstrap, NULL);
	codec = str_opt(&cli, "compression-codec");
	if (kt_cli_has(&cli, "compression-codec") && !codec)
		codec = "gzip";
	kt_props_set(&pp, "compression.type", codec ? codec : "none", NULL);
	if (!kt_props_get(&pp, "client.id"))
		kt_props_set(&pp, "client.id", "console-producer", NULL);
	kt_props_set(
		&pp, "key.serializer",
		"org.apache.kafka.common.serialization.ByteArraySerializer",
		NULL);
	kt_props_set(
		&pp, "value.serializer",
		"org.apache.kafka.common.serialization.ByteArraySerializer",
		NULL);
	merge_opt(&pp, &cli, "timeout", "linger.ms",
		  long_opt(&cli, "timeout", nb, sizeof(nb)));
	merge_opt(&pp, &cli, "request-required-acks", "acks",
		  str_opt(&cli, "request-required-acks"));
	merge_opt(&pp, &cli, "request-timeout-ms", "request.timeout.ms",
		  int_opt(&cli, "request-timeout-ms", nb, sizeof(nb)));
	merge_opt(&pp, &cli, "message-send-max-retries", "retries",
		  int_opt(&cli, "message-send-max-retries", nb, sizeof(nb)));
	merge_opt(&pp, &cli, "retry-backoff-ms", "retry.backoff.ms",
		  long_opt(&cli, "retry-backoff-ms", nb, sizeof(nb)));
	merge_opt(&pp, &cli, "socket-buffer-size", "send.buffer.bytes",
		  int_opt(&cli, "socket-buffer-size", nb, sizeof(nb)));
	merge_opt(&pp, &cli, "max-memory-bytes", "buffer.memory",
		  long_opt(&cli, "max-memory-bytes", nb, sizeof(nb)));
	/* --max-partition-memory-bytes, when given, wins over --batch-size */
	if (kt_cli_has(&cli, "max-partition-memory-bytes"))
		merge_opt(&pp, &cli, "max-partition-memory-bytes", "batch.size",
			  int_opt(&cli, "max-partition-memory-bytes", nb,
				  sizeof(nb)));
	else
		merge_opt(&pp, &cli, "batch-size", "batch.size",
			  int_opt(&cli, "batch-size", nb, sizeof(nb)));
	merge_opt(&pp, &cli, "metadata-expiry-ms", "metadata.max.age.ms",
		  long_opt(&cli, "metadata-expiry-ms", nb, sizeof(nb)));
	merge_opt(&pp, &cli, "max-block-ms", "max.block.ms",
		  long_opt(&cli, "max-block-ms", nb, sizeof(nb)));

	kt_producer_conf_init(&conf);
	for (i = 0; i < pp.n; i++) {
		rc = kt_producer_conf_set(&conf, pp.v[i].key, pp.v[i].value,
					  &err);
		if (rc < 0)
			die("org.apache.kafka.common.config.ConfigException: "
			    "%s",
			    err.msg);
		if (rc == KT_CONF_IGNORED &&
		    strncmp(pp.v[i].key, "ssl.", 4) != 0 &&
		    strncmp(pp.v[i].key, "sasl.", 5) != 0)
			fprintf(stderr,
				"[kafkit] WARN the configuration '%s' was "
				"supplied but is not used by kafkit\n",
				pp.v[i].key);
	}
	kt_props_release(&pp);
	if (kt_producer_conf_check(&conf, &err) < 0)
		die("org.apache.kafka.common.config.ConfigException: %s",
		    err.msg);

	/* the reader, §2.3 */
	memset(&r, 0, sizeof(r));
	kt_delivery_log_init(&r.rep.log, "kafka-console-producer");
	kt_buf_init(&r.rep.out, 0);
	reader = str_opt(&cli, "line-reader");
	if (strcmp(reader, READER_DEFAULT) != 0 &&
	    strcmp(reader, READER_JSON) != 0)
		die("kafka-console-producer: --line-reader '%s' is not "
		    "supported: kafkit has the built-in readers %s and %s "
		    "(kafkit JSON record lines)",
		    reader, READER_DEFAULT, READER_JSON);
	kt_props_init(&rp);
	if (kt_cli_has(&cli, "reader-config"))
		load_file(&rp, str_opt(&cli, "reader-config"));
	kt_props_set(&rp, "topic", topic, NULL);
	add_pairs(&rp, &cli, "reader-property");
	add_pairs(&rp, &cli, "property");
	if (kt_linereader_init(&r.lr, &rp, strcmp(reader, READER_JSON) == 0,
			       &err) < 0)
		die("%s%s",
		    err.code == KT_EUNSUPPORTED
			    ? "kafka-console-producer: "
			    : "org.apache.kafka.common.KafkaException: ",
		    err.msg);
	r.topic = kt_props_get(&rp, "topic");
	r.pin = KT_PARTITION_ANY;
	if (kt_cli_has(&cli, "partition") &&
	    kt_cli_int(&cli, "partition", &r.pin, &err) < 0)
		die("%s", err.msg);
	r.sync = kt_cli_has(&cli, "sync");

	/* input */
	{
		struct kt_buf delim;
		const char *d = str_opt(&cli, "record-delimiter");

		kt_buf_init(&delim, 1 << 16);
		if (d && kt_unescape(d, &delim, &err) < 0)
			die("kafka-console-producer: --record-delimiter: %s",
			    err.msg);
		if (d && delim.len == 0)
			die("kafka-console-producer: --record-delimiter must "
			    "not be empty");
		if (kt_linesplit_init(&r.in.split, delim.p, delim.len, &err) <
		    0)
			die("%s", err.msg);
		kt_buf_release(&delim);
	}
	r.max_request_size = conf.max_request_size;
	if (kt_input_open(&r.in, 0, 256 << 10,
			  (size_t)conf.max_request_size + 4096, &err) < 0)
		die("%s", err.msg);
	r.prompt = isatty(0) && isatty(1);

	r.p = kt_producer_new(&conf, r.topic, on_report, &r.rep, &err);
	kt_producer_conf_release(&conf);
	if (!r.p)
		die("org.apache.kafka.common.KafkaException: %s", err.msg);
	install_signals();
	if (r.pin != KT_PARTITION_ANY && r.pin < 0)
		die("kafka-console-producer: --partition must not be negative");
	/* a signal ends the wait for the cluster (max.block.ms) at once */
	if (kt_producer_start(r.p, &g_stop, &err) < 0) {
		if (g_signal) {
			fprintf(stderr, "kafka-console-producer: %s\n", err.msg);
			exit(128 + (int)g_signal);
		}
		die("kafka-console-producer: %s", err.msg);
	}
	if (r.pin >= kt_producer_partitions(r.p))
		die("kafka-console-producer: partition %d of topic '%s' does "
		    "not exist (the topic has %d partitions)",
		    r.pin, r.topic, kt_producer_partitions(r.p));

	rc = produce(&r);
	if (getenv("KAFKIT_PRODUCER_STATS")) {
		struct kt_producer_stats st;

		kt_producer_stats(r.p, &st);
		fprintf(stderr,
			"sent %lld acked %lld failed %lld requests %lld "
			"retries "
			"%lld bumps %lld producer id %lld epoch %d\n",
			(long long)st.sent, (long long)st.acked,
			(long long)st.failed, (long long)st.requests,
			(long long)st.retries, (long long)st.bumps,
			(long long)st.producer_id, st.epoch);
	}

	kt_producer_free(r.p);
	kt_linereader_release(&r.lr);
	kt_input_release(&r.in);
	kt_buf_release(&r.rep.out);
	kt_props_release(&rp);
	kt_cli_release(&cli);
	return rc;
}
