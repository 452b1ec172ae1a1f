/*
 * cli/cli.h - option tables, the jopt-simple compatible parser, help text,
 * man pages and shell completions.
 *
 * Kafka's tools parse their command line with jopt-simple 5.0.4 (through
 * CommandDefaultOptions, abbreviations off) and report problems through
 * CommandLineUtils. This module reproduces both (tools.md §0.3, STYLE.md
 * "Options"):
 *
 *  - one table per tool, struct kt_opt rows that mirror the Java
 *    parser.accepts(...) declarations (same names, argument descriptions,
 *    help text and defaults) and point at their destination;
 *  - kt_cli_parse: "--name value", "--name=value", "-name value" for a known
 *    long option, no abbreviations, "--" ends the options, required
 *    arguments take the next token whatever it looks like, optional ones
 *    only a token that does not look like an option, non-option tokens are
 *    collected; jopt's messages, e.g. "foo is not a recognized option";
 *  - value access that fails the way jopt's OptionSet.valueOf does, at the
 *    moment the tool reads the value ("Found multiple arguments for option
 *    topic, but you asked for only one", "Cannot parse argument 'x' of option
 *    partitions"), so a tool keeps Apache's order of checks;
 *  - CommandLineUtils' validation messages (kt_cli_check_*);
 *  - the help table exactly as jopt's BuiltinHelpFormatter prints it, byte
 *    for byte (tests/golden/help/ holds Apache 4.3.1's own output);
 *  - man pages and bash/zsh/fish completions generated from the same table.
 *
 * Nothing here prints or exits: errors come back in a struct kt_err, text in
 * a struct kt_buf. cmd/tool.h has the few lines that print and exit.
 *
 * A tool reads like this (see cmd/topics.c for a full one):
 *
 *	static struct { bool list; const char *topic; int32_t partitions;
 *			struct kt_strv config; } o;
 *	static const struct kt_opt opts[] = {
 *		{ .name = "topic", .flags = KT_ARG, .arg = "topic",
 *		  .help = "The topic to ...", .dest = &o.topic,
 *		  .comp = KT_COMP_TOPIC },
 *		{ .name = "partitions", .flags = KT_ARG | KT_INT,
 *		  .arg = "# of partitions", .help = "...",
 *		  .dest = &o.partitions },
 *		{ .name = "list", .help = "List all available topics.",
 *		  .dest = &o.list },
 *		KT_OPT_HELP, KT_OPT_VERSION,
 *		{ 0 }
 *	};
 *	... kt_cli_parse(&cli, opts, argc, argv, &err) ...
 *	... kt_cli_fill(&cli, &err)  (or kt_cli_str/int one by one) ...
 *	... kt_cli_check_required(&cli, "topic", &err) ...
 */
#ifndef KT_CLI_CLI_H
#define KT_CLI_CLI_H

#include "base/buf.h"
#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Row flags. A row without KT_ARG or KT_OPTARG is a flag (KT_FLAG == 0). */
#define KT_FLAG 0x0000u
#define KT_ARG 0x0001u	  /* withRequiredArg() */
#define KT_OPTARG 0x0002u /* withOptionalArg() */
#define KT_MULTI 0x0004u  /* the tool reads valuesOf(): repeats are kept */
#define KT_INT 0x0010u	  /* ofType(Integer.class): 32-bit signed */
#define KT_LONG 0x0020u	  /* ofType(Long.class): 64-bit signed */
#define KT_HIDDEN 0x0100u /* accepted, but not in help, man or completions */
#define KT_EXT 0x0200u	  /* kafkit extension, not in Apache's tool */

/* What an option's argument completes to in the shell. */
enum kt_comp {
	KT_COMP_NONE = 0, /* free text: nothing offered */
	KT_COMP_FILE,	  /* files; comp_arg: extensions "properties conf" */
	KT_COMP_VALUES,	  /* comp_arg: the words, "none gzip snappy lz4 zstd" */
	KT_COMP_TOPIC,	  /* topic names, listed with --bootstrap-server */
	KT_COMP_GROUP,	  /* consumer group ids, listed likewise */
	KT_COMP_HOST,	  /* host:port: the hosts of known_hosts-like sources */
};

/*
 * One option. dest is typed by flags:
 *   flag                      bool *          (true when given)
 *   KT_ARG/KT_OPTARG string   const char **   (NULL when absent, no default)
 *   ... | KT_INT              int32_t *       (left alone when absent and
 *   ... | KT_LONG             int64_t *        no default)
 *   ... | KT_MULTI            struct kt_strv * (every value; strings only)
 * Strings point into argv (or at def), valid as long as those live.
 */
struct kt_opt {
	const char *name; /* without dashes: "bootstrap-server" */
	unsigned flags;
	const char *arg; /* describedAs(...): "server to connect to", or NULL */
	const char *help; /* the description, may contain '\n' and '\t' */
	const char *def;  /* defaultsTo(...) as text, shown as (default: X) */
	void *dest;
	enum kt_comp comp;
	const char *comp_arg;
	/* availableIf(...): space-separated names; the option is refused
	 * ("Option(s) [x] are unavailable ...") unless one of them is given */
	const char *avail_if;
};

/* The two rows CommandDefaultOptions adds to every tool. */
#define KT_OPT_HELP                                                            \
	{                                                                      \
		.name = "help", .help = "Print usage information."             \
	}
#define KT_OPT_VERSION                                                         \
	{                                                                      \
		.name = "version", .help = "Display Kafka version."            \
	}

/* A list of values of a KT_MULTI option (the array is owned by the
 * struct kt_cli that filled it; the strings by argv). */
struct kt_strv {
	const char *const *v;
	size_t n;
};

/* What the parser saw of one row. */
struct kt_cli_seen {
	size_t count;	   /* how many times the option was given */
	const char **vals; /* the arguments given, in order */
	size_t nvals;
	size_t cap;
};

struct kt_cli {
	const struct kt_opt *opts;
	size_t nopts;
	struct kt_cli_seen *seen; /* one per row */
	const char **rest;	  /* non-option tokens, in order */
	size_t nrest;
	size_t caprest;
	int ntokens; /* argc - 1: 0 means "no arguments at all" */
};

/*
 * Parse argv[1..argc) against opts (terminated by a row with name NULL).
 * cli is initialised here and must be released with kt_cli_release whatever
 * the result. Fails with -KT_EINVAL and jopt's message:
 *   "<name> is not a recognized option"  (for "-xyz": "x is not ...")
 *   "Option <name> requires an argument"
 *   "Option(s) [<name>] are unavailable given other options on the command
 *    line"
 * or -KT_ENOMEM. Values are not converted and repeats are not refused here:
 * that happens when the tool reads them (kt_cli_str, kt_cli_fill, ...).
 */
int kt_cli_parse(struct kt_cli *cli, const struct kt_opt *opts, int argc,
		 char **argv, struct kt_err *err);

/* Free what the parse allocated (the strings stay argv's). */
void kt_cli_release(struct kt_cli *cli);

/* true when the option was on the command line. An unknown name is a
 * programming error and answers false. */
bool kt_cli_has(const struct kt_cli *cli, const char *name);

/*
 * The single value of an option, as jopt's valueOf: the argument given, else
 * the row's default, else NULL (*out = NULL, returns 0). Returns 1 when *out
 * is set. Fails with -KT_EINVAL "Found multiple arguments for option <name>,
 * but you asked for only one" when the option was given more than one
 * argument, or "no option '<name>' in the table" for a name not in the
 * table.
 */
int kt_cli_str(const struct kt_cli *cli, const char *name, const char **out,
	       struct kt_err *err);
/* Same, converted like Integer.valueOf / Long.valueOf (optional sign,
 * decimal digits, range checked): "Cannot parse argument '<v>' of option
 * <name>". *out is left alone when there is no value (returns 0). */
int kt_cli_int(const struct kt_cli *cli, const char *name, int32_t *out,
	       struct kt_err *err);
int kt_cli_long(const struct kt_cli *cli, const char *name, int64_t *out,
		struct kt_err *err);
/* All arguments of an option (jopt's valuesOf; the default when none was
 * given). Returns the count; *out stays valid while cli lives. */
size_t kt_cli_values(const struct kt_cli *cli, const char *name,
		     const char *const **out);

/*
 * Store every row's value in its dest, in table order, with the checks of
 * kt_cli_str / kt_cli_int / kt_cli_long (first failure returned). For a
 * tool whose Java reads its options all at once; a tool that must fail in a
 * particular order reads them one by one instead.
 */
int kt_cli_fill(struct kt_cli *cli, struct kt_err *err);

/*
 * CommandLineUtils checks. Each returns 0 when satisfied, else -KT_EINVAL
 * with Kafka's message:
 *   required:  Missing required argument "[topic]"
 *   invalid:   Option "[alter]" can't be used with option "[config]"
 *              (only when used is present; invalid is NULL-terminated)
 *   invalid_set: Option combination "[[bootstrap-server], [config]]" can't
 *              be used with option "[alter]"<suffix> (when every name of used
 *              is present; suffix may be NULL)
 *   one_of:    Exactly one of the following arguments is required: [a], [b]
 */
int kt_cli_check_required(const struct kt_cli *cli, const char *name,
			  struct kt_err *err);
int kt_cli_check_invalid(const struct kt_cli *cli, const char *used,
			 const char *const *invalid, struct kt_err *err);
int kt_cli_check_invalid_set(const struct kt_cli *cli, const char *const *used,
			     const char *const *invalid, const char *suffix,
			     struct kt_err *err);
int kt_cli_check_one_of(const struct kt_cli *cli, const char *const *names,
			struct kt_err *err);

/* Flags of kt_cli_usage. */
#define KT_USAGE_APACHE 0x1u /* leave out KT_EXT rows: Apache's exact text */

/*
 * Append the help table of opts to out, exactly as jopt-simple's
 * BuiltinHelpFormatter (80 columns) prints it: "Option"/"Description"
 * header, rows sorted by name, wrapped at java.text.BreakIterator line
 * breaks, every line padded with spaces. Returns 0 or out->err.
 */
int kt_cli_usage(const struct kt_opt *opts, unsigned flags, struct kt_buf *out);

/* USAGE-EXIT text (tools.md §0.3): msg, a newline, then the help table. */
int kt_cli_usage_msg(const struct kt_opt *opts, const char *msg, unsigned flags,
		     struct kt_buf *out);

/*
 * jopt's cell wrapping, exposed for tests and for tools that print help-like
 * text: split text (one line, no '\n') into pieces of at most width
 * characters at the break points of java.text.BreakIterator's line
 * instance; continuation pieces start with two spaces. Each piece is
 * appended to out followed by '\n'. Returns 0 or out->err.
 */
int kt_cli_wrap(const char *text, size_t width, struct kt_buf *out);

/* An extra man page section: a title ("EXAMPLES") and its body in roff,
 * written as it is (lines starting with ".B \-" are reserved for options,
 * which tests/sync.bats counts). */
struct kt_cli_section {
	const char *title;
	const char *roff;
};

/*
 * The body of the SECURITY section of every network tool's man page: the
 * ssl.* properties the TLS layer (tls/tls.h) reads. A string literal, so
 * that tools with a man_extra text can splice it in.
 */
#define KT_CLI_MAN_SECURITY                                                    \
	"With security.protocol=SSL in the client properties, every broker "   \
	"connection (bootstrap, leaders, coordinators) uses TLS 1.2 or 1.3, "  \
	"through OpenSSL. Honoured: ssl.truststore.location, "                 \
	"ssl.truststore.type (JKS, the default, PKCS12 or PEM), "              \
	"ssl.truststore.password, ssl.truststore.certificates (inline PEM); "  \
	"for a client certificate (mutual TLS) ssl.keystore.location, "        \
	"ssl.keystore.type, ssl.keystore.password, ssl.key.password, or "      \
	"ssl.keystore.key with ssl.keystore.certificate.chain (inline PEM, "   \
	"the key PKCS#8, encrypted or not); "                                  \
	"ssl.endpoint.identification.algorithm (https, the default, checks "   \
	"the broker's certificate against the host name or IP address "        \
	"connected to; empty turns the check off); ssl.protocol; "             \
	"ssl.enabled.protocols (TLSv1.2, TLSv1.3); ssl.cipher.suites (IANA "   \
	"names, as Java spells them). JKS stores are read natively; a store "  \
	"of type JKS or PKCS12 may be in either format, as with the JDK. "     \
	"Without a truststore the system's CA certificates (OpenSSL's "        \
	"default paths) are trusted, where Java trusts the JVM's cacerts. "    \
	"ssl.keymanager.algorithm and ssl.trustmanager.algorithm are "         \
	"accepted at Java's values (SunX509, PKIX); ssl.engine.factory.class " \
	"and ssl.provider are refused. A bad value or store fails before any " \
	"connection, naming the property; a failed handshake is one line "     \
	"naming the broker, the certificate and why (not trusted, expired, "   \
	"host name mismatch, a plaintext listener, no client certificate). "   \
	"Passwords and keys are never printed, and are wiped from memory "     \
	"once the stores are read.\n"

/* Everything the generators need to know about a tool. */
struct kt_cli_tool {
	const char *name;    /* "kafka-topics" */
	const char *summary; /* man NAME line: "create, delete, ... topics" */
	const char *usage;   /* the --help message ("This tool helps to ...") */
	const struct kt_opt *opts;
	/* optional man page text, in roff: more DESCRIPTION paragraphs, extra
	 * sections after OPTIONS (terminated by a {NULL} row), and an EXIT
	 * STATUS body replacing the generic one */
	const char *description;
	const struct kt_cli_section *sections;
	const char *exit_status;
	/* Roff text for the man page after OPTIONS and the sections above
	 * (FILES, EXAMPLES, ...); when set it must hold the page's own .SH
	 * EXIT STATUS, which then replaces the generic one (or exit_status).
	 * NULL: no extra text. */
	const char *man_extra;
};

/*
 * Generate a completion script for shell "bash", "zsh" or "fish", or the
 * man page for "man", from the tool's table (KT_HIDDEN rows left out).
 * Returns 0, -KT_EINVAL for an unknown kind, or out->err.
 */
int kt_cli_generate(const struct kt_cli_tool *tool, const char *kind,
		    struct kt_buf *out, struct kt_err *err);

#endif
