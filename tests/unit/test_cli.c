/*
 * test_cli.c - the option parser (jopt-simple 5.0.4 rules and messages),
 * CommandLineUtils checks, the help formatter's layout on small tables,
 * the BreakIterator-compatible wrapping, and the generators. That each
 * tool's help is Apache 4.3.1's byte for byte (tests/golden/help/) is
 * checked on the real binaries by tests/sync.bats.
 */
#include "unit.h"

#include "cli/cli.h"

#include <stdlib.h>

void test_cli(void);

/* A small table exercising every kind of row. */
static struct {
	bool list, sync;
	const char *topic, *codec, *dec;
	int32_t parts;
	int64_t big;
	struct kt_strv props;
} o;

static const struct kt_opt opts[] = {
	{.name = "list", .help = "List.", .dest = &o.list},
	{.name = "sync", .help = "Sync.", .dest = &o.sync},
	{.name = "topic",
	 .flags = KT_ARG,
	 .arg = "topic",
	 .help = "Topic.",
	 .dest = &o.topic},
	{.name = "partitions",
	 .flags = KT_ARG | KT_INT,
	 .help = "Partitions.",
	 .dest = &o.parts},
	{.name = "max-bytes",
	 .flags = KT_ARG | KT_LONG,
	 .help = "Bytes.",
	 .def = "100",
	 .dest = &o.big},
	{.name = "compression-codec",
	 .flags = KT_OPTARG,
	 .help = "Codec.",
	 .dest = &o.codec},
	{.name = "key-decoder-class",
	 .flags = KT_OPTARG,
	 .def = "StringDecoder",
	 .help = "Decoder.",
	 .dest = &o.dec},
	{.name = "shift-by", .flags = KT_OPTARG | KT_LONG, .help = "Shift."},
	{.name = "property",
	 .flags = KT_ARG | KT_MULTI,
	 .help = "Props.",
	 .dest = &o.props},
	{.name = "producer.config", .flags = KT_ARG, .help = "Dotted."},
	{.name = "members", .help = "Members.", .avail_if = "describe list"},
	{.name = "describe", .help = "Describe."},
	{.name = "x", .help = "One letter flag."},
	{.name = "y", .flags = KT_ARG, .help = "One letter with argument."},
	KT_OPT_HELP,
	KT_OPT_VERSION,
	{0},
};

/* Parse a NULL-terminated list of tokens (argv[0] added). */
static int parse_va(struct kt_cli *cli, struct kt_err *err, va_list ap)
{
	char *argv[32];
	int argc = 0;

	argv[argc++] = "prog";
	while ((argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	memset(err, 0, sizeof(*err));
	return kt_cli_parse(cli, opts, argc, argv, err);
}

static int parse(struct kt_cli *cli, struct kt_err *err, ...)
{
	va_list ap;
	int rc;

	va_start(ap, err);
	rc = parse_va(cli, err, ap);
	va_end(ap);
	return rc;
}

/* Parse and return the error message ("" on success). */
static const char *perr(struct kt_err *err, ...)
{
	static char msg[256];
	struct kt_cli cli;
	va_list ap;

	va_start(ap, err);
	msg[0] = '\0';
	if (parse_va(&cli, err, ap))
		snprintf(msg, sizeof(msg), "%s", err->msg);
	va_end(ap);
	kt_cli_release(&cli);
	return msg;
}

/* Parse the tokens; --topic must then have the value want. */
static void topic_is(const char *want, const char *name, ...)
{
	struct kt_cli cli;
	struct kt_err err;
	const char *v;
	va_list ap;

	va_start(ap, name);
	parse_va(&cli, &err, ap);
	va_end(ap);
	kt_cli_str(&cli, "topic", &v, &err);
	CHECK_STR(v, want, "%s", name);
	kt_cli_release(&cli);
}

static void test_spellings(void)
{
	struct kt_cli cli;
	struct kt_err err;
	const char *v;

	CHECK_INT(parse(&cli, &err, "--topic", "a", NULL), 0, "--name value");
	kt_cli_str(&cli, "topic", &v, &err);
	CHECK_STR(v, "a", "--name value: value");
	kt_cli_release(&cli);

	topic_is("b=c", "--name=value splits at the first =", "--topic=b=c",
		 NULL);
	topic_is("", "--name= gives the empty value", "--topic=", NULL);
	topic_is("t", "single dash for a known long option", "-topic", "t",
		 NULL);
	topic_is("u", "-name=value", "-topic=u", NULL);

	parse(&cli, &err, "--topic", "--list", NULL);
	kt_cli_str(&cli, "topic", &v, &err);
	CHECK_STR(v, "--list", "required argument takes an option-like token");
	CHECK(!kt_cli_has(&cli, "list"), "... which is then not an option");
	kt_cli_release(&cli);

	parse(&cli, &err, "--list=yes", NULL);
	CHECK(kt_cli_has(&cli, "list"), "flag with =x is accepted");
	kt_cli_release(&cli);

	CHECK_INT(parse(&cli, &err, "--producer.config", "p.properties", NULL),
		  0, "names with dots");
	kt_cli_str(&cli, "producer.config", &v, &err);
	CHECK_STR(v, "p.properties", "names with dots: value");
	kt_cli_release(&cli);

	parse(&cli, &err, "a", "--list", "b", "-", "--", "--topic", "c", NULL);
	CHECK(cli.nrest == 5 && strcmp(cli.rest[0], "a") == 0 &&
		      strcmp(cli.rest[1], "b") == 0 &&
		      strcmp(cli.rest[2], "-") == 0 &&
		      strcmp(cli.rest[3], "--topic") == 0 &&
		      strcmp(cli.rest[4], "c") == 0,
	      "non-options collected; -- ends the options");
	CHECK(kt_cli_has(&cli, "list") && !kt_cli_has(&cli, "topic"),
	      "-- ends the options: after it nothing is an option");
	kt_cli_release(&cli);

	parse(&cli, &err, NULL);
	CHECK_INT(cli.ntokens, 0, "no arguments: ntokens 0");
	kt_cli_release(&cli);

	parse(&cli, &err, "-x", NULL);
	CHECK(kt_cli_has(&cli, "x"), "one-letter option");
	kt_cli_release(&cli);
	parse(&cli, &err, "-xyval", NULL);
	kt_cli_str(&cli, "y", &v, &err);
	CHECK(kt_cli_has(&cli, "x") && v && strcmp(v, "val") == 0,
	      "cluster: -xyval is -x -y val");
	kt_cli_release(&cli);
}

static void test_optional(void)
{
	struct kt_cli cli;
	struct kt_err err;
	const char *v;
	int64_t n = 0;

	parse(&cli, &err, "--compression-codec", NULL);
	CHECK(kt_cli_has(&cli, "compression-codec"), "optarg alone: has");
	CHECK_INT(kt_cli_str(&cli, "compression-codec", &v, &err), 0,
		  "optarg alone: no value");
	CHECK(v == NULL, "optarg alone: NULL");
	kt_cli_release(&cli);

	parse(&cli, &err, "--compression-codec", "lz4", NULL);
	kt_cli_str(&cli, "compression-codec", &v, &err);
	CHECK_STR(v, "lz4", "optarg takes a plain next token");
	kt_cli_release(&cli);

	parse(&cli, &err, "--compression-codec", "--sync", NULL);
	kt_cli_str(&cli, "compression-codec", &v, &err);
	CHECK(v == NULL && kt_cli_has(&cli, "sync"),
	      "optarg leaves an option-like token");
	kt_cli_release(&cli);

	parse(&cli, &err, "--compression-codec", "-z", NULL);
	CHECK(strcmp(err.msg, "z is not a recognized option") == 0,
	      "optarg: -z then read as an option");
	kt_cli_release(&cli);

	parse(&cli, &err, "--key-decoder-class", NULL);
	kt_cli_str(&cli, "key-decoder-class", &v, &err);
	CHECK_STR(v, "StringDecoder", "optarg without value gives default");
	kt_cli_release(&cli);

	parse(&cli, &err, "--shift-by", "-5", NULL);
	CHECK_INT(kt_cli_long(&cli, "shift-by", &n, &err), 1,
		  "numeric optarg takes -5");
	CHECK_INT(n, -5, "numeric optarg value");
	kt_cli_release(&cli);

	parse(&cli, &err, "--shift-by", "abc", NULL);
	CHECK(cli.nrest == 1, "numeric optarg leaves a non-number");
	kt_cli_release(&cli);
}

static void test_messages(void)
{
	struct kt_err err;

	CHECK_STR(perr(&err, "--bootstrap", NULL),
		  "bootstrap is not a recognized option",
		  "no abbreviations; unknown long option");
	CHECK_INT(err.code, KT_EINVAL, "unknown option code");
	CHECK_STR(perr(&err, "--nope=1", NULL),
		  "nope is not a recognized option", "unknown --name=value");
	CHECK_STR(perr(&err, "-xqz", NULL), "q is not a recognized option",
		  "cluster: x known, q not");
	CHECK_STR(perr(&err, "-xyz", NULL), "",
		  "cluster: -xyz is -x -y z (y takes an argument)");
	CHECK_STR(perr(&err, "-abc", NULL), "a is not a recognized option",
		  "unknown single-dash token read as a cluster");
	CHECK_STR(perr(&err, "-\xc3\xa9t", NULL),
		  "\xc3\xa9 is not a recognized option",
		  "cluster: first letter is a whole UTF-8 character");
	CHECK_STR(perr(&err, "--topic", NULL),
		  "Option topic requires an argument", "missing argument");
	CHECK_STR(perr(&err, "--list", "--topic", NULL),
		  "Option topic requires an argument",
		  "missing argument at the end");
	CHECK_STR(perr(&err, "--members", NULL),
		  "Option(s) [members] are unavailable given other options "
		  "on the command line",
		  "availableIf refused");
	CHECK_STR(perr(&err, "--members", "--describe", NULL), "",
		  "availableIf satisfied");
	CHECK_STR(perr(&err, "--list", "--members", NULL), "",
		  "availableIf satisfied by the second name");
	CHECK_STR(perr(&err, "---x", NULL), "-x is not a recognized option",
		  "three dashes");
}

static void test_values(void)
{
	struct kt_cli cli;
	struct kt_err err;
	const char *v;
	const char *const *vv;
	int32_t n = 7;
	int64_t l = 0;

	parse(&cli, &err, "--topic", "a", "--topic", "b", NULL);
	CHECK_INT(kt_cli_str(&cli, "topic", &v, &err), -KT_EINVAL,
		  "repeat fails when read");
	CHECK_STR(err.msg,
		  "Found multiple arguments for option topic, but you asked "
		  "for only one",
		  "repeat message");
	CHECK_INT(kt_cli_values(&cli, "topic", &vv), 2, "valuesOf keeps both");
	kt_cli_release(&cli);

	parse(&cli, &err, "--sync", "--sync", NULL);
	CHECK_INT(kt_cli_fill(&cli, &err), 0, "repeated flag is fine");
	kt_cli_release(&cli);

	const char *bad[] = {"abc",	   "1.5",	  "",	"+",  "-",
			     "2147483648", "-2147483649", " 1", "1 ", "0x10",
			     "++1",	   "--1"};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *argv[] = {"prog", "--partitions", (char *)bad[i], NULL};

		kt_cli_parse(&cli, opts, 3, argv, &err);
		CHECK_INT(kt_cli_int(&cli, "partitions", &n, &err), -KT_EINVAL,
			  "Integer rejects '%s'", bad[i]);
		kt_cli_release(&cli);
	}
	parse(&cli, &err, "--partitions", "x1", NULL);
	kt_cli_int(&cli, "partitions", &n, &err);
	CHECK_STR(err.msg, "Cannot parse argument 'x1' of option partitions",
		  "conversion message");
	kt_cli_release(&cli);

	const char *good[] = {"0", "+7", "-2147483648", "2147483647", "007"};
	const int32_t want[] = {0, 7, INT32_MIN, INT32_MAX, 7};

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char *argv[] = {"prog", "--partitions", (char *)good[i], NULL};

		kt_cli_parse(&cli, opts, 3, argv, &err);
		n = 1234;
		kt_cli_int(&cli, "partitions", &n, &err);
		CHECK_INT(n, want[i], "Integer accepts '%s'", good[i]);
		kt_cli_release(&cli);
	}

	parse(&cli, &err, "--max-bytes", "9223372036854775807", NULL);
	CHECK_INT(kt_cli_long(&cli, "max-bytes", &l, &err), 1, "Long max");
	CHECK(l == INT64_MAX, "Long max value");
	kt_cli_release(&cli);
	parse(&cli, &err, "--max-bytes", "9223372036854775808", NULL);
	CHECK_INT(kt_cli_long(&cli, "max-bytes", &l, &err), -KT_EINVAL,
		  "Long overflow");
	kt_cli_release(&cli);

	parse(&cli, &err, NULL);
	n = 1234;
	CHECK_INT(kt_cli_int(&cli, "partitions", &n, &err), 0,
		  "absent int without default: 0");
	CHECK_INT(n, 1234, "absent int left alone");
	CHECK_INT(kt_cli_long(&cli, "max-bytes", &l, &err), 1,
		  "absent with default");
	CHECK_INT(l, 100, "default value converted");
	CHECK_INT(kt_cli_str(&cli, "nope", &v, &err), -KT_EINVAL,
		  "unknown name in the table");
	kt_cli_release(&cli);

	memset(&o, 0, sizeof(o));
	parse(&cli, &err, "--list", "--topic", "t", "--partitions", "3",
	      "--property", "a=1", "--property", "b=2", "--compression-codec",
	      NULL);
	CHECK_INT(kt_cli_fill(&cli, &err), 0, "fill");
	CHECK(o.list && !o.sync, "fill: flags");
	CHECK_STR(o.topic, "t", "fill: string");
	CHECK_INT(o.parts, 3, "fill: int");
	CHECK_INT(o.big, 100, "fill: long default");
	CHECK(o.codec == NULL, "fill: optarg without value");
	CHECK_STR(o.dec, "StringDecoder", "fill: string default");
	CHECK(o.props.n == 2 && strcmp(o.props.v[1], "b=2") == 0,
	      "fill: multi");
	kt_cli_release(&cli);

	parse(&cli, &err, "--partitions", "1", "--partitions", "2", NULL);
	CHECK_INT(kt_cli_fill(&cli, &err), -KT_EINVAL, "fill: repeat fails");
	kt_cli_release(&cli);
}

static void test_checks(void)
{
	struct kt_cli cli;
	struct kt_err err;
	const char *inv[] = {"sync", "topic", NULL};
	const char *used[] = {"list", "topic", NULL};
	const char *alter[] = {"describe", NULL};
	const char *one[] = {"list", "describe", "sync", NULL};

	parse(&cli, &err, "--list", "--topic", "t", "--describe", NULL);
	CHECK_INT(kt_cli_check_required(&cli, "topic", &err), 0,
		  "required present");
	CHECK_INT(kt_cli_check_required(&cli, "partitions", &err), -KT_EINVAL,
		  "required absent");
	CHECK_STR(err.msg, "Missing required argument \"[partitions]\"",
		  "required message");
	CHECK_INT(kt_cli_check_invalid(&cli, "list", inv, &err), -KT_EINVAL,
		  "invalid combination");
	CHECK_STR(err.msg,
		  "Option \"[list]\" can't be used with option \"[topic]\"",
		  "invalid message");
	CHECK_INT(kt_cli_check_invalid(&cli, "sync", inv, &err), 0,
		  "invalid: used option absent");
	CHECK_INT(
		kt_cli_check_invalid_set(&cli, used, alter,
					 " (To alter topic configurations, "
					 "the kafka-configs tool can be used.)",
					 &err),
		-KT_EINVAL, "invalid set");
	CHECK_STR(err.msg,
		  "Option combination \"[[list], [topic]]\" can't be used with "
		  "option \"[describe]\" (To alter topic configurations, the "
		  "kafka-configs tool can be used.)",
		  "invalid set message");
	CHECK_INT(kt_cli_check_one_of(&cli, one, &err), -KT_EINVAL,
		  "one of: two given");
	CHECK_STR(err.msg,
		  "Exactly one of the following arguments is required: "
		  "[list], [describe], [sync]",
		  "one of message");
	kt_cli_release(&cli);

	parse(&cli, &err, "--list", NULL);
	CHECK_INT(kt_cli_check_invalid_set(&cli, used, alter, NULL, &err), 0,
		  "invalid set: not all used present");
	CHECK_INT(kt_cli_check_one_of(&cli, one, &err), 0, "one of: one");
	kt_cli_release(&cli);
}

static void test_help(void)
{
	struct kt_buf b;
	static const struct kt_opt ext[] = {
		{.name = "json", .flags = KT_EXT, .help = "kafkit: JSON."},
		{.name = "secret", .flags = KT_HIDDEN, .help = "Hidden."},
		{.name = "a", .help = "A."},
		{0},
	};

	kt_buf_init(&b, 0);
	kt_cli_usage(ext, 0, &b);
	kt_buf_puts(&b, "");
	CHECK_STR((const char *)b.p,
		  "Option  Description  \n"
		  "------  -----------  \n"
		  "-a      A.           \n"
		  "--json  kafkit: JSON.\n",
		  "small table: widths, one-letter leader, hidden row");
	kt_buf_reset(&b);
	kt_cli_usage(ext, KT_USAGE_APACHE, &b);
	kt_buf_puts(&b, "");
	CHECK_STR((const char *)b.p,
		  "Option  Description\n"
		  "------  -----------\n"
		  "-a      A.         \n",
		  "KT_USAGE_APACHE leaves extensions out");
	kt_buf_release(&b);
}

struct wcase {
	size_t width;
	const char *text;
	const char *want;
};

/* Expected pieces from jopt's Columns.piecesOfEmbeddedLine on JDK 17. */
static const struct wcase wraps[] = {
	{39, "supported only in combination with --create. (To alter",
	 "supported only in combination with --\n  create. (To alter\n"},
	{20, "\tfollower.replication.throttled.replicas",
	 "\tfollower.\n  replication.\n  throttled.replicas\n"},
	{10, "e.g. abc1.5 1.5 -5", "e.g. abc1.\n  5 1.5 -5\n"},
	{12, "don't a$b x () y foo(bar)", "don't a$b\n  x () y foo\n  (bar)\n"},
	{5, "abcdefghij klm", "\n  abcdefghij\n  klm\n"},
	{10, "ab  ", "ab  \n"},
};

static void test_wrap(void)
{
	size_t i;

	for (i = 0; i < sizeof(wraps) / sizeof(wraps[0]); i++) {
		struct kt_buf b;

		kt_buf_init(&b, 0);
		kt_cli_wrap(wraps[i].text, wraps[i].width, &b);
		kt_buf_puts(&b, "");
		CHECK_STR((const char *)b.p, wraps[i].want, "wrap %zu: '%s'",
			  wraps[i].width, wraps[i].text);
		kt_buf_release(&b);
	}
}

static void test_generate(void)
{
	static int32_t limit;
	static const struct kt_opt gopts[] = {
		{.name = "partition-size-limit",
		 .flags = KT_ARG | KT_INT,
		 .arg = "size",
		 .help = "Limit.",
		 .dest = &limit},
		{0},
	};
	static const struct kt_cli_tool t = {
		.name = "kafka-topics",
		.summary = "create, delete, describe, or change a topic",
		.usage = "This tool helps to create, delete, describe, or "
			 "change "
			 "a topic.",
		.opts = gopts,
	};
	const char *kinds[] = {"bash", "zsh", "fish", "man"};
	struct kt_buf b;
	struct kt_err err;
	size_t i;

	for (i = 0; i < 4; i++) {
		kt_buf_init(&b, 0);
		CHECK_INT(kt_cli_generate(&t, kinds[i], &b, &err), 0,
			  "generate %s", kinds[i]);
		kt_buf_puts(&b, "");
		CHECK(strstr((const char *)b.p,
			     i == 3 ? "partition\\-size" : "partition-size") !=
			      NULL,
		      "generate %s names the options", kinds[i]);
		kt_buf_release(&b);
	}
	kt_buf_init(&b, 0);
	CHECK_INT(kt_cli_generate(&t, "tcsh", &b, &err), -KT_EINVAL,
		  "generate: unknown kind");
	kt_buf_release(&b);

	{
		static const struct kt_cli_section secs[] = {
			{"EXAMPLES", ".nf\nkafka\\-topics \\-\\-list\n.fi"},
			{NULL, NULL},
		};
		struct kt_cli_tool t2 = t;
		const char *m;

		t2.description = "More text.";
		t2.sections = secs;
		t2.exit_status = "0 ok, 1 not.";
		kt_buf_init(&b, 0);
		CHECK_INT(kt_cli_generate(&t2, "man", &b, &err), 0,
			  "generate man with sections");
		kt_buf_puts(&b, "");
		m = (const char *)b.p;
		CHECK(strstr(m, "a topic.\n.PP\nMore text.\n.PP\nOptions") &&
			      strstr(m, ".SH EXAMPLES\n.nf\n") &&
			      strstr(m, ".fi\n.SH EXIT STATUS\n0 ok, 1 not.\n"
					".SH SEE ALSO") &&
			      strstr(m, ".SH OPTIONS") < strstr(m, "EXAMPLES"),
		      "man: description, sections and exit status in place");
		kt_buf_release(&b);
	}
}

void test_cli(void)
{
	test_spellings();
	test_optional();
	test_messages();
	test_values();
	test_checks();
	test_help();
	test_wrap();
	test_generate();
}
