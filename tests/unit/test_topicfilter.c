/*
 * test_topicfilter.c - kafka-topics --topic filters: IncludeList's clean-up
 * and whole-name matching, with the expectations checked against Apache
 * 4.3.1 (kafka-topics --list --topic P on the dev broker, and Java's
 * String.matches for the rows marked "java").
 */
#include "unit.h"

#include "admin/topicfilter.h"

#include <stdlib.h>
#include <string.h>

void test_topicfilter(void);

struct row {
	const char *pattern, *name;
	int match;
};

static const struct row rows[] = {
	{"test", "test", 1},
	{"test", "test2", 0}, /* whole name, not a search */
	{"t.st", "test", 1},
	{"t.st", "t.st", 1},
	{"test.*", "test-1", 1},
	{"a,b", "b", 1},       /* ',' is '|' */
	{" 'a.*' ", "abc", 1}, /* trimmed, quotes stripped */
	{"\"x\"", "x", 1},
	{"a b", "ab", 1},		 /* spaces deleted */
	{"orders\\.v1", "orders.v1", 1}, /* java */
	{"orders\\.v1", "ordersxv1", 0},
	{"t\\d+", "t42", 1}, /* java */
	{"t\\d+", "tx", 0},
	{"[\\w.-]+", "a.b-c_d", 1}, /* java */
	{"[^a]bc", "abc", 0},
	{"[]a]", "]", 1},
	{"[a-]", "-", 1},
	{"(?:ab)+", "abab", 1},	     /* java */
	{"a.*?b", "axxb", 1},	     /* lazy: same whole match */
	{"(?i)ORDERS", "orders", 1}, /* java */
	{"\\Qa.b\\E", "a.b", 1},     /* java */
	{"\\Qa.b\\E", "axb", 0},
	{"x{2}", "xx", 1},
	{"a|b", "c", 0},
	{"__consumer_offsets", "__consumer_offsets", 1},
};

/* A listing filtered in place: matched names kept in order, internal
 * topics left out on request, the others freed (ASan checks the frees). */
static void test_filter_names(void)
{
	static const char *const in[] = {"a1", "b", "__consumer_offsets", "a2",
					 "a__x"};
	char *names[5];
	bool internal[5] = {false, false, true, false, false};
	struct kt_topic_filter f;
	struct kt_err err = {0};
	size_t i, n;

	for (i = 0; i < 5; i++)
		names[i] = strdup(in[i]);
	CHECK_INT(kt_topic_filter_init(&f, "a.*|__.*", &err), 0,
		  "names: filter");
	n = kt_topic_filter_names(&f, names, internal, 5, true);
	CHECK_INT((int)n, 3, "names: three kept");
	CHECK(n == 3 && strcmp(names[0], "a1") == 0 &&
		      strcmp(names[1], "a2") == 0 &&
		      strcmp(names[2], "a__x") == 0 && !internal[2],
	      "names: in order, the internal topic left out");
	for (i = 0; i < n; i++)
		free(names[i]);
	for (i = 0; i < 5; i++)
		names[i] = strdup(in[i]);
	internal[0] = false;
	internal[2] = true;
	n = kt_topic_filter_names(&f, names, internal, 5, false);
	CHECK(n == 4 && strcmp(names[1], "__consumer_offsets") == 0 &&
		      internal[1],
	      "names: internal kept without --exclude-internal");
	for (i = 0; i < n; i++)
		free(names[i]);
	kt_topic_filter_release(&f);
}

void test_topicfilter(void)
{
	struct kt_topic_filter f;
	struct kt_err err;
	size_t i;
	static const char *const bad[] = {"(", "a)", "*a", "[ab", "a{", "\\"};
	static const char *const unsup[] = {"(?=a)a", "(a)\\1", "a*+",
					    "[a&&b]"};

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int r = kt_topic_filter_init(&f, rows[i].pattern, &err);

		CHECK(r == 0 && kt_topic_filter_match(&f, rows[i].name) ==
					(rows[i].match != 0),
		      "filter: '%s' %s '%s'", rows[i].pattern,
		      rows[i].match ? "matches" : "does not match",
		      rows[i].name);
		kt_topic_filter_release(&f);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[64];

		CHECK_INT(kt_topic_filter_init(&f, bad[i], &err), -KT_EINVAL,
			  "filter: '%s' refused", bad[i]);
		snprintf(want, sizeof(want), "%s is an invalid regex.", bad[i]);
		CHECK_STR(err.msg, want, "filter: Apache's message for '%s'",
			  bad[i]);
		kt_topic_filter_release(&f);
	}
	for (i = 0; i < sizeof(unsup) / sizeof(unsup[0]); i++) {
		CHECK(kt_topic_filter_init(&f, unsup[i], &err) == -KT_EINVAL &&
			      strstr(err.msg, "does not support"),
		      "filter: '%s' is Java-only, said so", unsup[i]);
		kt_topic_filter_release(&f);
	}
	CHECK_INT(kt_topic_filter_init(&f, "a*+", &err), -KT_EINVAL,
		  "filter: possessive refused");
	CHECK_STR(err.msg,
		  "a*+ uses Java regex syntax kafkit does not support (a "
		  "possessive quantifier)",
		  "filter: the unsupported message names the construct");
	kt_topic_filter_release(&f);
	/* a Java syntax error after an unsupported construct: Apache's */
	CHECK_INT(kt_topic_filter_init(&f, "(?=a)(", &err), -KT_EINVAL,
		  "filter: '(?=a)(' refused");
	CHECK_STR(err.msg, "(?=a)( is an invalid regex.",
		  "filter: Java rejects '(?=a)(' as a whole");
	kt_topic_filter_release(&f);
	CHECK_INT(kt_topic_filter_init(&f, " '\"a,b\"' ", &err), 0,
		  "filter: clean-up");
	CHECK_STR(f.regex, "a|b", "filter: clean-up gives IncludeList's regex");
	kt_topic_filter_release(&f);
	CHECK(kt_topic_is_internal_name("__transaction_state") &&
		      !kt_topic_is_internal_name("__other"),
	      "filter: internal names");
	test_filter_names();
}
