/*
 * tool.h - the few lines every cmd/ main shares and common/ may not contain
 * because they print and exit: USAGE-EXIT (tools.md §0.3) and the
 * KAFKIT_GENERATE hook that lets the build produce man pages and shell
 * completions from the tool's own option table.
 *
 * Why a header of static inline functions in cmd/ rather than a function in
 * common/: common/ never prints and never exits, and every cmd/ file is its
 * own binary, so shared printing code has to be compiled into each tool.
 * Keeping it here keeps the rule without a second library; the text itself
 * comes from common/ (kt_cli_usage_msg, kt_cli_generate).
 *
 * How a tool plugs in (cmd/topics.c is a complete example):
 *
 *	int main(int argc, char **argv)
 *	{
 *		kt_tool_generate_hook(&tool);      // KAFKIT_GENERATE=bash ...
 *		if (kt_cli_parse(&cli, opts, argc, argv, &err))
 *			kt_tool_die(&err);              // jopt parse error
 *		if (cli.ntokens == 0)
 *			kt_tool_usage_exit(opts, "Create, delete, ...");
 *		...
 *	}
 */
#ifndef KT_TOOL_H
#define KT_TOOL_H

#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* USAGE-EXIT: msg and a newline, then the help table, on stderr; exit 1.
 * The table includes kafkit's extension options (pass KT_USAGE_APACHE in
 * flags for Apache's exact text). */
static inline void kt_tool_usage_exit_flags(const struct kt_opt *opts,
					    const char *msg, unsigned flags)
{
	struct kt_buf b;

	kt_buf_init(&b, 0);
	kt_cli_usage_msg(opts, msg, flags, &b);
	if (b.len)
		fwrite(b.p, 1, b.len, stderr);
	kt_buf_release(&b);
	exit(1);
}

static inline void kt_tool_usage_exit(const struct kt_opt *opts,
				      const char *msg)
{
	kt_tool_usage_exit_flags(opts, msg, 0);
}

/* A failure outside USAGE-EXIT: the message alone on stderr, exit 1. */
static inline void kt_tool_die(const struct kt_err *err)
{
	fprintf(stderr, "%s\n", err->msg);
	exit(1);
}

/* One log4j record as Apache's tools print it on stderr with their
 * default pattern: "[2026-01-31 12:00:00,123] LEVEL text (logger)", where
 * text is fmt's. An exception record is "Class: message\n" as text, which
 * puts " (logger)" on a line of its own, as Apache does. */
__attribute__((format(printf, 3, 4))) static inline void
kt_tool_log(const char *level, const char *logger, const char *fmt, ...)
{
	struct timespec ts;
	struct tm tm;
	char date[32];
	va_list ap;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(stderr, "[%s,%03ld] %s ", date, ts.tv_nsec / 1000000L, level);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (%s)\n", logger);
}

/* --version: the bare Kafka version on stdout, exit 0. */
static inline void kt_tool_version_exit(void)
{
	printf("%s\n", KAFKIT_KAFKA_VERSION);
	exit(0);
}

/* The SECURITY section of the man page of every tool that talks to a
 * broker (roff, without its .SH line): what SASL_PLAINTEXT reads and
 * refuses (net/client.h, sasl/sasl.h). */
#define KT_MAN_SECURITY \
	"With \\fBsecurity.protocol=SASL_PLAINTEXT\\fR among the client " \
	"properties (a \\fB\\-\\-command\\-config\\fR file, say), every " \
	"connection logs in with SASL right after ApiVersions, before any " \
	"other request, as the Java client does (KIP\\-43, KIP\\-152). " \
	"\\fBsasl.mechanism\\fR is PLAIN, SCRAM\\-SHA\\-256, " \
	"SCRAM\\-SHA\\-512 or OAUTHBEARER; Java's default, GSSAPI, needs " \
	"Kerberos and is refused. \\fBsasl.jaas.config\\fR is read with " \
	"Java's JAAS syntax (the LoginModule class, the flag required, " \
	"requisite, sufficient or optional, key=value options with values " \
	"in double or single quotes and backslash escapes, comments, the " \
	"closing semicolon), with Java's parse errors: PlainLoginModule or " \
	"ScramLoginModule with username and password (tokenauth=true for a " \
	"delegation token), or OAuthBearerLoginModule with " \
	"unsecuredLoginStringClaim_sub (and unsecuredLoginLifetimeSeconds) " \
	"for the unsecured tokens of KIP\\-255. SCRAM verifies the broker's " \
	"signature. The OIDC client\\-credentials login of KIP\\-768 is " \
	"kafkit's own: \\fBsasl.login.callback.handler.class\\fR naming " \
	"Kafka's org.apache.kafka.common.security.oauthbearer." \
	"OAuthBearerLoginCallbackHandler (or 3.x's ...oauthbearer.secured." \
	"OAuthBearerLoginCallbackHandler) and " \
	"\\fBsasl.oauthbearer.token.endpoint.url\\fR (http, https checked " \
	"against the system CA store, or a file:// JWT) with " \
	"OAuthBearerLoginModule. The client id, secret and scope are " \
	"sasl.oauthbearer.client.credentials.client.id, " \
	"sasl.oauthbearer.client.credentials.client.secret and " \
	"sasl.oauthbearer.scope, else the JAAS options clientId, " \
	"clientSecret and scope; the POST carries them as Java's does, with " \
	"an HTTP Basic header url\\-encoded only with " \
	"sasl.oauthbearer.header.urlencode=true (Java's default is false). " \
	"sasl.login.connect.timeout.ms and sasl.login.read.timeout.ms " \
	"(10000 each when unset, where Java waits without limit) bound each " \
	"request, and sasl.login.retry.backoff.ms and " \
	"sasl.login.retry.backoff.max.ms its retries, with Java's " \
	"unretried HTTP codes (401, 403, ...). The token is fetched once, " \
	"when the tool starts, and shared by all its connections; its JWT " \
	"must have an exp claim, and at sasl.login.refresh.window.factor " \
	"(0.8) of its lifetime a new one is fetched, which the next KIP\\-368 " \
	"re\\-authentication sends. A failing endpoint ends the tool with " \
	"Java's message (the HTTP status and the endpoint's error body), " \
	"never the secret or the token. Unlike Apache's tools, kafkit needs " \
	"no JVM property org.apache.kafka.sasl.oauthbearer.allowed.urls " \
	"listing the URL. A token endpoint URL without that handler class " \
	"is refused, naming the class: Java would fall back to its " \
	"unsecured login and ignore the URL. Refused, naming the property, " \
	"because they load Java classes: sasl.login.class, " \
	"sasl.login.callback.handler.class (any other class), " \
	"sasl.client.callback.handler.class. With " \
	"\\fBsecurity.protocol=SASL_SSL\\fR the login runs inside TLS " \
	"(the ssl.* properties above). A refused " \
	"login (wrong password, unknown user, a mechanism the listener does " \
	"not enable: the message lists those it does) ends the tool at once " \
	"with the broker's message and exit status 1; it is not retried. " \
	"Passwords never appear in messages and are wiped from memory after " \
	"use.\n"

/*
 * Call first thing in main. With KAFKIT_GENERATE set to bash, zsh, fish or
 * man, print that file generated from the tool's table on stdout and exit
 * 0; "name" prints the tool's name, "apache-help" the --help text without
 * kafkit's extension rows (what Apache's tool prints, for tests).
 * tests/gen-completions.sh runs every built tool this way. Without the
 * variable, return at once.
 */
static inline void kt_tool_generate_hook(const struct kt_cli_tool *tool)
{
	const char *kind = getenv("KAFKIT_GENERATE");
	struct kt_err err;
	struct kt_buf b;

	if (!kind || !*kind)
		return;
	if (strcmp(kind, "name") == 0) {
		printf("%s\n", tool->name);
		exit(0);
	}
	if (strcmp(kind, "apache-help") == 0) {
		/* Apache's --help text alone (no kafkit rows), for tests */
		kt_buf_init(&b, 0);
		kt_cli_usage_msg(tool->opts, tool->usage, KT_USAGE_APACHE, &b);
		fwrite(b.p, 1, b.len, stdout);
		kt_buf_release(&b);
		exit(fflush(stdout) ? 2 : 0);
	}
	kt_buf_init(&b, 0);
	if (kt_cli_generate(tool, kind, &b, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		exit(2);
	}
	fwrite(b.p, 1, b.len, stdout);
	kt_buf_release(&b);
	exit(fflush(stdout) ? 2 : 0);
}

#endif
