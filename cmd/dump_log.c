/*
 * dump_log.c - kafka-dump-log: read a broker's files on disk (.log,
 * .checkpoint, .index, .timeindex, .snapshot, .txnindex) with no broker,
 * printing what Apache's DumpLogSegments (4.3.1) prints, byte for byte
 * (tools.md §5), plus kafkit's --output json, --summary, --verify,
 * --print-headers and partition directories as --files names.
 *
 * Declare the options, parse, read option values in Java's (lazy) order,
 * hand every file to the engine in common/format/dumplog.c, map failures to exit
 * codes: 0 when every file was processed, 1 for a usage error, a failure
 * that stops the dump (Java's "Exception in thread "main" ..." line is
 * reproduced where kafkit knows it), or a problem found by --verify.
 */
#include "tool.h"

#include "format/dumplog.h"
#include "storage/segment.h"

#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define DESCRIPTION                                                            \
	"This tool helps to parse a log file and dump its contents to the "    \
	"console, useful for debugging a seemingly corrupt log segment."

static struct {
	bool print_data, verify_only, sanity, deep, offsets, txn, metadata,
		remote, share, skip_meta, help, version;
	bool json_headers, summary, verify;
	const char *output;
} o;

#define DECODER_HELP(what)                                                     \
	"If set, used to deserialize the " what ". This class should "         \
	"implement org.apache.kafka.tools.api.Decoder trait. Custom jar "      \
	"should be available in kafka/libs directory."

static const struct kt_opt opts[] = {
	{.name = "print-data-log",
	 .help = "If set, printing the messages content when dumping data "
		 "logs. Automatically set if any decoder option is "
		 "specified.",
	 .dest = &o.print_data},
	{.name = "verify-index-only",
	 .help = "If set, just verify the index log without printing its "
		 "content.",
	 .dest = &o.verify_only},
	{.name = "index-sanity-check",
	 .help = "If set, just checks the index sanity without printing its "
		 "content. This is the same check that is executed on broker "
		 "startup to determine if an index needs rebuilding or not.",
	 .dest = &o.sanity},
	{.name = "files",
	 .flags = KT_ARG,
	 .arg = "file1, file2, ...",
	 .help = "REQUIRED: The comma separated list of data and index log "
		 "files to be dumped.",
	 .comp = KT_COMP_FILE,
	 .comp_arg = "log index timeindex snapshot txnindex checkpoint"},
	{.name = "max-message-size",
	 .flags = KT_ARG | KT_INT,
	 .arg = "size",
	 .help = "Size of largest message.",
	 .def = "5242880"},
	{.name = "max-bytes",
	 .flags = KT_ARG | KT_INT,
	 .arg = "size",
	 .help = "Limit the amount of total batches read in bytes avoiding "
		 "reading the whole .log file(s).",
	 .def = "2147483647"},
	{.name = "deep-iteration",
	 .help = "If set, uses deep instead of shallow iteration. "
		 "Automatically set if print-data-log is enabled.",
	 .dest = &o.deep},
	{.name = "value-decoder-class",
	 .flags = KT_OPTARG,
	 .help = DECODER_HELP("messages"),
	 .def = "org.apache.kafka.tools.api.StringDecoder",
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "org.apache.kafka.tools.api.StringDecoder "
		     "org.apache.kafka.tools.api.IntegerDecoder "
		     "org.apache.kafka.tools.api.LongDecoder "
		     "org.apache.kafka.tools.api.DefaultDecoder"},
	{.name = "key-decoder-class",
	 .flags = KT_OPTARG,
	 .help = DECODER_HELP("keys"),
	 .def = "org.apache.kafka.tools.api.StringDecoder",
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "org.apache.kafka.tools.api.StringDecoder "
		     "org.apache.kafka.tools.api.IntegerDecoder "
		     "org.apache.kafka.tools.api.LongDecoder "
		     "org.apache.kafka.tools.api.DefaultDecoder"},
	{.name = "offsets-decoder",
	 .help = "If set, log data will be parsed as offset data from the "
		 "__consumer_offsets topic.",
	 .dest = &o.offsets},
	{.name = "transaction-log-decoder",
	 .help = "If set, log data will be parsed as transaction metadata "
		 "from the __transaction_state topic.",
	 .dest = &o.txn},
	{.name = "cluster-metadata-decoder",
	 .help = "If set, log data will be parsed as cluster metadata "
		 "records.",
	 .dest = &o.metadata},
	{.name = "remote-log-metadata-decoder",
	 .help = "If set, log data will be parsed as "
		 "TopicBasedRemoteLogMetadataManager (RLMM) metadata records. "
		 "Instead, the value-decoder-class option can be used if a "
		 "custom RLMM implementation is configured.",
	 .dest = &o.remote},
	{.name = "share-group-state-decoder",
	 .help = "If set, log data will be parsed as share group state data "
		 "from the __share_group_state topic.",
	 .dest = &o.share},
	{.name = "skip-record-metadata",
	 .help = "Skip metadata when printing records. This flag also skips "
		 "control records.",
	 .dest = &o.skip_meta},
	{.name = "output",
	 .flags = KT_ARG | KT_EXT,
	 .arg = "text|json",
	 .help = "Output format. json: one JSON object per line for every "
		 "file, batch, record and index entry, lossless (bytes that "
		 "are not UTF-8 as {\"base64\": ...}, null kept apart from "
		 "empty, headers as an ordered list); implies deep "
		 "iteration.",
	 .def = "text",
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "text json",
	 .dest = &o.output},
	{.name = "print-headers",
	 .flags = KT_EXT,
	 .help = "In record lines, also print the header values after "
		 "headerKeys, as headers: [\"key\":\"value\",...] with JSON "
		 "escapes (null for a null value), so that a record stays on "
		 "one line.",
	 .dest = &o.json_headers},
	{.name = "summary",
	 .flags = KT_EXT,
	 .help = "Instead of dumping, print per .log/.checkpoint file: "
		 "batches, records, offset and timestamp range, codecs, "
		 "compression ratio, producer ids, control records, trailing "
		 "bytes and CRC failures.",
	 .dest = &o.summary},
	{.name = "verify",
	 .flags = KT_EXT,
	 .help = "Instead of dumping, check every file: batch CRCs (and the "
		 "CRCs of compressed legacy messages), truncated or invalid "
		 "bytes, record decoding, and indexes against their log. "
		 "Problems go to standard error; the exit status is 1 when "
		 "there is any.",
	 .dest = &o.verify},
	KT_OPT_HELP,
	KT_OPT_VERSION,
	{0}};

static const struct kt_cli_tool tool = {
	.name = "kafka-dump-log",
	.summary = "dump the files of a Kafka log directory without a broker",
	.usage = DESCRIPTION,
	.opts = opts,
	.man_extra =
		".SH FILES\n"
		"Each name of \\fB\\-\\-files\\fR is dumped by its suffix: "
		"\\fB.log\\fR and \\fB.checkpoint\\fR (record batches of "
		"magic 0, 1 and 2, any codec), \\fB.index\\fR and "
		"\\fB.timeindex\\fR (checked against the sibling .log and "
		".index), \\fB.snapshot\\fR (producer state), "
		"\\fB.txnindex\\fR (aborted transactions); any other name is "
		"reported as an unknown file. kafkit also accepts a partition "
		"directory: its segment files are dumped in offset order "
		"(Apache ignores directories).\n"
		".SH DIFFERENCES FROM APACHE\n"
		"Output, including the summaries on standard error, is the "
		"same byte for byte as Apache Kafka 4.3.1's tool. Where Apache "
		"dies with a Java exception, kafkit prints only the first line "
		"of it (\\fBException in thread \"main\" <class>: "
		"<message>\\fR) and exits 1; for failures kafkit cannot word "
		"like Java it prints its own message after the same prefix. "
		"Apache creates a missing .index file when dumping a "
		".timeindex; kafkit creates nothing. DefaultDecoder prints "
		"\\fB[B@\\fR and the CRC-32C of the bytes in hex instead of "
		"Java's identity hash. The old kafka.serializer.* decoder "
		"names are accepted as aliases.\n"
		".SH EXAMPLES\n"
		".nf\n"
		"kafka-dump-log --files 00000000000000000000.log\n"
		"kafka-dump-log --files 00000000000000000000.log "
		"--print-data-log\n"
		"kafka-dump-log --files 00000000000000000000.index,"
		"00000000000000000000.timeindex --verify-index-only\n"
		"kafka-dump-log --files /var/lib/kafka/data/orders-0 "
		"--summary\n"
		"kafka-dump-log --files orders-0 --verify && echo clean\n"
		"kafka-dump-log --files 00000000000000000000.log --output json "
		"| jq -c 'select(.type==\"record\")'\n"
		".fi\n"
		".SH EXIT STATUS\n"
		"0 when every file was processed (index mismatches are "
		"reported, not failed); 1 for a usage error, a file or option "
		"that stops the dump, or, with \\fB\\-\\-verify\\fR, any "
		"problem found.\n",
};

/*
 * Standard output is written with write(2)/writev(2) on fd 1, not stdio:
 * the engine buffers 64 KiB itself, and its writev hands record values
 * out of the segment's read windows without a copy. Nothing else writes to
 * stdout through stdio once the dump has started, so the order holds.
 */
static int sink_writev(void *ctx, int stream, const struct iovec *v, int n)
{
	struct iovec iov[256];
	int i = 0;

	(void)ctx;
	if (stream == KT_DL_ERR) {
		for (i = 0; i < n; i++)
			if (fwrite(v[i].iov_base, 1, v[i].iov_len, stderr) !=
			    v[i].iov_len)
				return -KT_EIO;
		return 0;
	}
	while (n > 0) {
		int k = n > 256 ? 256 : n;
		ssize_t w;

		memcpy(iov, v, (size_t)k * sizeof(*iov));
		i = 0;
		while (i < k) {
			w = writev(STDOUT_FILENO, iov + i, k - i);
			if (w < 0) {
				if (errno == EINTR)
					continue;
				return -KT_EIO;
			}
			/* past the pieces written whole, into a partial one */
			while (i < k && (size_t)w >= iov[i].iov_len) {
				w -= (ssize_t)iov[i].iov_len;
				i++;
			}
			if (i < k) {
				iov[i].iov_base = (char *)iov[i].iov_base + w;
				iov[i].iov_len -= (size_t)w;
			}
		}
		v += k;
		n -= k;
	}
	return 0;
}

static int sink_write(void *ctx, int stream, const void *p, size_t n)
{
	struct iovec one = {(void *)p, n};

	return sink_writev(ctx, stream, &one, 1);
}

/* A jopt exception that Java does not catch: its first line, exit 1. */
static void jopt_die(const struct kt_err *err)
{
	const char *cls = "joptsimple.OptionException";

	if (strstr(err->msg, "is not a recognized option"))
		cls = "joptsimple.UnrecognizedOptionException";
	else if (strstr(err->msg, "requires an argument"))
		cls = "joptsimple.OptionMissingRequiredArgumentException";
	else if (strstr(err->msg, "Cannot parse argument"))
		cls = "joptsimple.OptionArgumentConversionException";
	else if (strstr(err->msg, "Found multiple arguments"))
		cls = "joptsimple.MultipleArgumentsForOptionException";
	fflush(stdout);
	fprintf(stderr, "Exception in thread \"main\" %s: %s\n", cls, err->msg);
	exit(1);
}

/* Option values Java reads when it meets the first file of a kind. */
static struct kt_dl_decoders decoders;

static int resolve_log_opts(struct kt_cli *cli, struct kt_dl_opts *dl,
			    struct kt_err *err)
{
	static const char *const coord[] = {
		"offsets-decoder", "transaction-log-decoder",
		"cluster-metadata-decoder", "remote-log-metadata-decoder",
		"share-group-state-decoder"};
	const char *v;
	size_t i;
	int rc;

	for (i = 0; i < 5; i++)
		if (kt_cli_has(cli, coord[i]))
			break;
	if (i < 5) {
		rc = kt_dl_parser_coord(&dl->parser, (int)i, err);
		if (rc < 0)
			return rc;
	} else {
		if (kt_cli_str(cli, "value-decoder-class", &v, err) < 0)
			return -2;
		rc = kt_dl_decoder_parse(v ? v : "", err);
		if (rc < 0)
			return rc;
		decoders.value = rc;
		if (kt_cli_str(cli, "key-decoder-class", &v, err) < 0)
			return -2;
		rc = kt_dl_decoder_parse(v ? v : "", err);
		if (rc < 0)
			return rc;
		decoders.key = rc;
		kt_dl_parser_builtin(&dl->parser, &decoders);
	}
	if (kt_cli_int(cli, "max-bytes", &dl->max_bytes, err) < 0)
		return -2;
	return 0;
}

/* Java's String.split(","): empty names are kept, trailing ones dropped. */
static size_t split_files(char *s, char **v, size_t cap)
{
	size_t n = 0;
	char *c;

	while (n < cap) {
		v[n++] = s;
		c = strchr(s, ',');
		if (!c)
			break;
		*c = '\0';
		s = c + 1;
	}
	while (n > 0 && v[n - 1][0] == '\0')
		n--;
	return n;
}

static bool is_dir(const char *p)
{
	struct stat st;

	return p[0] && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(int argc, char **argv)
{
	struct kt_cli cli;
	struct kt_err err = {0};
	struct kt_dl_opts dl;
	struct kt_dl_sink sink = {sink_write, NULL, sink_writev};
	struct kt_dumplog *d;
	const char *files;
	char *copy, **names;
	size_t i, n;
	bool log_ready = false, index_ready = false;
	int status = 0;

	kt_tool_generate_hook(&tool);
	if (kt_cli_parse(&cli, opts, argc, argv, &err) < 0)
		jopt_die(&err);
	if (cli.ntokens == 0 || kt_cli_has(&cli, "help"))
		kt_tool_usage_exit_flags(opts, DESCRIPTION, 0);
	if (kt_cli_has(&cli, "version"))
		kt_tool_version_exit();
	if (kt_cli_check_required(&cli, "files", &err) < 0)
		kt_tool_usage_exit_flags(opts, err.msg, 0);
	if (kt_cli_str(&cli, "files", &files, &err) < 0)
		jopt_die(&err);
	for (i = 0; opts[i].name; i++)
		if (opts[i].dest && !(opts[i].flags & (KT_ARG | KT_OPTARG)))
			*(bool *)opts[i].dest = kt_cli_has(&cli, opts[i].name);
	if (kt_cli_str(&cli, "output", &o.output, &err) < 0)
		jopt_die(&err);

	kt_dl_opts_init(&dl);
	dl.print_data = o.print_data || o.offsets || o.txn || o.metadata ||
			o.remote || o.share ||
			kt_cli_has(&cli, "value-decoder-class") ||
			kt_cli_has(&cli, "key-decoder-class");
	dl.deep = o.deep || dl.print_data;
	dl.skip_meta = o.skip_meta;
	dl.verify_index_only = o.verify_only;
	dl.index_sanity = o.sanity;
	dl.print_headers = o.json_headers;
	dl.verify = o.verify;
	dl.readahead = true;
	if (o.output && strcmp(o.output, "json") == 0)
		dl.format = KT_DL_JSON;
	else if (o.output && strcmp(o.output, "text") != 0)
		kt_tool_usage_exit_flags(opts, "--output must be text or json",
					 0);
	if (o.summary)
		dl.format = KT_DL_SUMMARY;

	d = kt_dumplog_new(&dl, &sink);
	copy = strdup(files);
	names = calloc(strlen(files) + 2, sizeof(*names));
	if (!d || !copy || !names) {
		fprintf(stderr, "kafka-dump-log: out of memory\n");
		return 1;
	}
	n = split_files(copy, names, strlen(files) + 1);
	for (i = 0; i < n && status == 0; i++) {
		char **sub = NULL;
		size_t ns = 1, k;
		char *one[1] = {names[i]};
		char **list = one;

		if (is_dir(names[i])) {
			if (kt_seg_list_dir(names[i], &sub, &ns, &err) < 0) {
				fprintf(stderr, "kafka-dump-log: %s\n",
					err.msg);
				status = 1;
				break;
			}
			if (!ns)
				/* said, not silently skipped */
				fprintf(stderr,
					"kafka-dump-log: no segment files "
					"(.log, .index, .timeindex, "
					".snapshot, .txnindex) in %s\n",
					names[i]);
			list = sub;
		}
		for (k = 0; k < ns && status == 0; k++) {
			int kind = kt_dumplog_kind(list[k]);
			int rc = 0;

			if (kind == KT_DL_KIND_LOG && !log_ready) {
				rc = resolve_log_opts(&cli, &dl, &err);
				log_ready = rc == 0;
			} else if ((kind == KT_DL_KIND_INDEX) && !index_ready) {
				rc = kt_cli_int(&cli, "max-message-size",
						&dl.max_message_size, &err) < 0
					     ? -2
					     : 0;
				index_ready = rc == 0;
			}
			if (rc == 0)
				kt_dumplog_set_opts(d, &dl);
			if (rc < 0) {
				kt_dumplog_header(d, list[k], NULL);
				fflush(stdout);
				if (rc == -2)
					jopt_die(&err);
				if (err.code == KT_EUNSUPPORTED)
					fprintf(stderr, "kafka-dump-log: %s\n",
						err.msg);
				else
					fprintf(stderr,
						"Exception in thread \"main\" "
						"%s\n",
						err.msg);
				status = 1;
				break;
			}
			if (kt_dumplog_file(d, list[k], &err) < 0) {
				fflush(stdout);
				fprintf(stderr, "%s\n",
					kt_dumplog_error(d)[0]
						? kt_dumplog_error(d)
						: err.msg);
				status = 1;
			}
		}
		kt_seg_list_free(sub);
	}
	if (status == 0 && kt_dumplog_finish(d, &err) < 0)
		status = 1;
	if (status == 0 && dl.verify && kt_dumplog_problems(d) > 0)
		status = 1;
	fflush(stdout);
	kt_dumplog_free(d);
	free(names);
	free(copy);
	kt_cli_release(&cli);
	return status;
}
