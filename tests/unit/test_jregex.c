/*
 * test_jregex.c - the Java regex to POSIX ERE translator: what it writes,
 * what it finds in both modes, and how it refuses. Every expected match,
 * span and "Java rejects it" below was checked with Java 17's Pattern
 * (matches(), find() with spans in UTF-8 bytes, compile()).
 */
#include "unit.h"

#include "java/jregex.h"

#include <regex.h>

void test_jregex(void);

/* The ERE of a pattern; carried over from the console producer's
 * translator (test_linereader.c). Three rows changed with the merge into
 * one translator, on purpose: '.' and negated classes now match one whole
 * UTF-8 character and '.' no line terminator (as Java), and classes are
 * written with ranges. */
static void test_ere(void)
{
	static const struct {
		const char *java, *ere;
		enum kt_jregex_mode mode;
	} ok[] = {
		{"\\|", "\\|", KT_JREGEX_SEARCH},
		{"\\t+", "\t+", KT_JREGEX_SEARCH},
		{"\\s*,\\s*", "[\t-\r ]*,[\t-\r ]*", KT_JREGEX_SEARCH},
		{"[^a-c\\]]",
		 "([^]a-c\x80-\xff]|[\xc0-\xdf][\x80-\xbf]|"
		 "[\xe0-\xef][\x80-\xbf][\x80-\xbf]|"
		 "[\xf0-\xf7][\x80-\xbf][\x80-\xbf][\x80-\xbf])",
		 KT_JREGEX_SEARCH},
		{"(?:ab)+", "(ab)+", KT_JREGEX_SEARCH},
		{"\\Q.*\\E", "\\.\\*", KT_JREGEX_SEARCH},
		{"\\u00e9+", "(\xc3\xa9)+", KT_JREGEX_SEARCH},
		{"[-a]", "[a-]", KT_JREGEX_SEARCH},
		{"[\\^]", "\\^", KT_JREGEX_SEARCH},
		{"[\\^-]", "[-^]", KT_JREGEX_SEARCH},
		{"[]^a]", "[]a^]", KT_JREGEX_SEARCH},
		{"\\x00", "[^\x01-\xff]", KT_JREGEX_SEARCH},
		{"^*a", "(^)*a", KT_JREGEX_SEARCH},
		{"a{2,}b{1,3}", "a{2,}b{1,3}", KT_JREGEX_SEARCH},
		{"x{2}{3}", "x{2}", KT_JREGEX_SEARCH},
		{"t.*",
		 "^(t([^\n\r\x80-\xff]|[\xc0\xc1\xc3-\xdf][\x80-\xbf]|"
		 "\xc2[\x80-\x84\x86-\xbf]|[\xe0\xe1\xe3-\xef][\x80-\xbf]"
		 "[\x80-\xbf]|\xe2[\x81-\xbf][\x80-\xbf]|\xe2\x80[\x80-"
		 "\xa7\xaa-\xbf]|[\xf0-\xf7][\x80-\xbf][\x80-\xbf][\x80-"
		 "\xbf])*)$",
		 KT_JREGEX_WHOLE},
		{"a*?b", "^(a*b)$", KT_JREGEX_WHOLE},
		{"a|b", "^(a|b)$", KT_JREGEX_WHOLE},
	};
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct kt_buf b;
		struct kt_err e;
		int cflags = -1;

		kt_buf_init(&b, 0);
		CHECK_INT(kt_jregex_translate(ok[i].java, strlen(ok[i].java),
					      ok[i].mode, &b, &cflags, &e),
			  0, "jregex: translate '%s'", ok[i].java);
		kt_buf_put(&b, "", 1);
		CHECK_STR((const char *)b.p, ok[i].ere, "jregex: ere of '%s'",
			  ok[i].java);
		CHECK_INT(cflags, 0, "jregex: '%s' needs no flags", ok[i].java);
		kt_buf_release(&b);
	}
}

struct row {
	const char *java, *text;
	int whole;  /* String.matches */
	int so, eo; /* Matcher.find, bytes; -1: none */
};

/* Both modes over the same patterns (Java: matches() and find()). */
static const struct row rows[] = {
	{"a.b", "a\nb", 0, -1, -1},
	{"a.b", "a\r\nb", 0, -1, -1},
	{"a.b",
	 "a\xc2\x85"
	 "b",
	 0, -1, -1}, /* U+0085 ends a line */
	{"a.b",
	 "a\xe2\x80\xa8"
	 "b",
	 0, -1, -1},
	{"a.b",
	 "a\xc3\xa9"
	 "b",
	 1, 0, 4},
	{"a.b",
	 "a\xe2\x82\xac"
	 "b",
	 1, 0, 5},
	{"a[^x]b",
	 "a\xc3\xa9"
	 "b",
	 1, 0, 4},
	{"a\\Db",
	 "a\xc3\xa9"
	 "b",
	 1, 0, 4},
	{"a\\Wb",
	 "a\xe2\x82\xac"
	 "b",
	 1, 0, 5},
	{"a\\Sb", "a b", 0, -1, -1},
	{"x.", "x\xc3\xa9", 1, 0, 3},
	{"[^a]", "\xc3\xa9", 1, 0, 2},
	{"[\xc3\xa9]", "a\xc3\xa9", 0, 1, 3},
	{"\xc3\xa9+", "a\xc3\xa9\xc3\xa9", 0, 1, 5},
	{"\\s+", "a \t b", 0, 1, 4},
	{"\\d{2,3}", "a12345", 0, 1, 4},
	{"[\\d-z]", "y-z", 0, 1, 2},
	{"[a-]", "b-", 0, 1, 2},
	{"[]a]", "x]", 0, 1, 2},
	{"[^]a]", "]]b", 0, 2, 3},
	{"[\\w.-]+", "a.b-c_d!", 0, 0, 7},
	{"[^\\D]", "a1", 0, 1, 2},
	{"\\x41\\u00e9", "xA\xc3\xa9", 0, 1, 4},
	{"\\x{1F600}", "a\xf0\x9f\x98\x80", 0, 1, 5},
	{"\\uD83D\\uDE00+", "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 1, 0, 8},
	{"\\0101", "xA", 0, 1, 2},
	{"\\cA", "x\x01", 0, 1, 2},
	{"\\t", "a\tb", 0, 1, 2},
	{"\\Qa.b\\E", "axb a.b", 0, 4, 7},
	{"x\\Q\\E*", "xxx", 1, 0, 3},	 /* Java drops \Q\E first */
	{"[\\Qa]\\E]+", "a]a", 1, 0, 3}, /* quoted ']' in a class */
	{"\\p{Lower}+", "ABcdE", 0, 2, 4},
	{"\\P{Digit}", "12a", 0, 2, 3},
	{"[\\p{Upper}\\d]+", "aB1c", 0, 1, 3},
	{"^ab", "ab ab", 0, 0, 2},
	{"ab$", "ab ab", 0, 3, 5},
	{"\\Aab", "ab", 1, 0, 2},
	{"ab\\z", "xab", 0, 1, 3},
	{"x{2}{3}", "xxxxxx", 0, 0, 2}, /* Java ignores the second */
	{"{2}a", "a", 1, 0, 1},		/* ... and one on nothing */
	{"a{0}b", "ab", 0, 1, 2},
	{"^*a", "a", 1, 0, 1},
	{"(?i)ab", "xAB", 0, 1, 3},
	{"(?i)[a-c]+", "ABCd", 0, 0, 3},
	{"(?i)\xc3\xa9", "\xc3\x89", 0, -1, -1}, /* ASCII folding only */
	{"(?i)[_-d]+", "D_`", 1, 0, 3},		 /* a range across letters */
	{"(?i)[^_-d]", "DE", 0, 1, 2},
	{"(?:ab)+", "xabab", 0, 1, 5},
	{"a|b", "cba", 0, 1, 2},
	{"\\.", "a.b", 0, 1, 2},
	{"a\\|b", "a|b", 1, 0, 3},
	{"\\x00", "a\0b", 0, 1, 2},
};

static int find(const regex_t *re, const char *text, size_t n, int *so, int *eo)
{
	regmatch_t m;

	m.rm_so = 0;
	m.rm_eo = (regoff_t)n;
	if (regexec(re, text, 1, &m, REG_STARTEND) != 0)
		return 0;
	*so = (int)m.rm_so;
	*eo = (int)m.rm_eo;
	return 1;
}

static void test_rows(void)
{
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *w = &rows[i];
		/* the one text with a NUL is "a\0b" */
		size_t n = strcmp(w->java, "\\x00") == 0 ? 3 : strlen(w->text);
		regex_t whole, search;
		struct kt_err e;
		int so = -1, eo = -1;

		if (kt_jregex_compile(&whole, w->java, strlen(w->java),
				      KT_JREGEX_WHOLE, 0, &e) == 0) {
			CHECK_INT(find(&whole, w->text, n, &so, &eo), w->whole,
				  "jregex: '%s' matches whole row %zu", w->java,
				  i);
			regfree(&whole);
		} else {
			CHECK(0, "jregex: '%s' whole: %s", w->java, e.msg);
		}
		so = eo = -1;
		if (kt_jregex_compile(&search, w->java, strlen(w->java),
				      KT_JREGEX_SEARCH, 0, &e) == 0) {
			find(&search, w->text, n, &so, &eo);
			CHECK(so == w->so && eo == w->eo,
			      "jregex: '%s' finds [%d,%d) in row %zu, want "
			      "[%d,%d)",
			      w->java, so, eo, i, w->so, w->eo);
			regfree(&search);
		} else {
			CHECK(0, "jregex: '%s' search: %s", w->java, e.msg);
		}
	}
}

/* Refusals: code and reason, per mode. */
static void test_refusals(void)
{
	static const struct {
		const char *java;
		int search, whole; /* -KT_E* or 0 */
		const char *why;   /* in search mode, or NULL */
	} bad[] = {
		/* Java rejects these too */
		{"(", -KT_ESYNTAX, -KT_ESYNTAX, "unclosed group"},
		{"a)", -KT_ESYNTAX, -KT_ESYNTAX, "unmatched closing ')'"},
		{"*a", -KT_ESYNTAX, -KT_ESYNTAX, "dangling meta character '*'"},
		{"a**", -KT_ESYNTAX, -KT_ESYNTAX,
		 "dangling meta character '*'"},
		{"a*?+", -KT_ESYNTAX, -KT_ESYNTAX,
		 "dangling meta character '+'"},
		{"[ab", -KT_ESYNTAX, -KT_ESYNTAX, "unclosed character class"},
		{"[]", -KT_ESYNTAX, -KT_ESYNTAX, "unclosed character class"},
		{"[\\Q\\E]", -KT_ESYNTAX, -KT_ESYNTAX,
		 "unclosed character class"},
		{"a{", -KT_ESYNTAX, -KT_ESYNTAX, "illegal repetition"},
		{"{", -KT_ESYNTAX, -KT_ESYNTAX, "illegal repetition"},
		{"a{,3}", -KT_ESYNTAX, -KT_ESYNTAX, "illegal repetition"},
		{"a{2", -KT_ESYNTAX, -KT_ESYNTAX, "unclosed counted closure"},
		{"a{3,2}", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal repetition range"},
		{"a{2147483648}", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal repetition range"},
		{"\\", -KT_ESYNTAX, -KT_ESYNTAX, "'\\' at the end"},
		{"[z-a]", -KT_ESYNTAX, -KT_ESYNTAX, "illegal character range"},
		{"[a-\\d]", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal character range"},
		{"\\y", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal/unsupported escape sequence"},
		{"\\E", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal/unsupported escape sequence"},
		{"[\\b]", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal/unsupported escape sequence"},
		{"\\0", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal octal escape sequence"},
		{"\\x1", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal hexadecimal escape sequence"},
		{"\\x{110000}", -KT_ESYNTAX, -KT_ESYNTAX,
		 "hexadecimal codepoint is too big"},
		{"\\u12", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal unicode escape sequence"},
		{"\\c", -KT_ESYNTAX, -KT_ESYNTAX,
		 "illegal control escape sequence"},
		{"(?", -KT_ESYNTAX, -KT_ESYNTAX, "unknown inline modifier"},
		{"(?#x)", -KT_ESYNTAX, -KT_ESYNTAX, "unknown inline modifier"},
		{"(?<1n>a)", -KT_ESYNTAX, -KT_ESYNTAX,
		 "capturing group name does not start with a Latin letter"},
		{"\\p{", -KT_ESYNTAX, -KT_ESYNTAX, "unclosed character family"},
		/* unsupported first, but a Java syntax error later wins */
		{"(?=a)(", -KT_ESYNTAX, -KT_ESYNTAX, "unclosed group"},
		{"a*+[", -KT_ESYNTAX, -KT_ESYNTAX, "unclosed character class"},
		/* Java accepts these; kafkit cannot say them in POSIX */
		{"(?=a)a", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a lookahead or lookbehind group"},
		{"(?<!a)b", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a lookahead or lookbehind group"},
		{"(?>a)", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "an atomic group"},
		{"(?<n>a)", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a named group"},
		{"(a)\\1", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a back-reference"},
		{"a(?i)b", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "an inline flag other than a leading (?i)"},
		{"(?s).", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "an inline flag other than a leading (?i)"},
		{"(?x)a #(", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "the COMMENTS flag (?x)"},
		{"a*+", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a possessive quantifier"},
		{"a++", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a possessive quantifier"},
		{"a*?", -KT_EUNSUPPORTED, 0, "a lazy quantifier"},
		{"a{1,2}?b", -KT_EUNSUPPORTED, 0, "a lazy quantifier"},
		{"|a", -KT_EUNSUPPORTED, 0, "an empty alternative"},
		{"(a|)", -KT_EUNSUPPORTED, 0, "an empty alternative"},
		{"a|", -KT_EUNSUPPORTED, 0, "an empty alternative"},
		{"\\bx", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED, "a word boundary"},
		{"\\p{L}", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a Unicode property"},
		{"\\p{IsLatin}", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a Unicode property"},
		{"\\h", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "\\h, \\H, \\v or \\V"},
		{"\\R", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED, "\\R or \\X"},
		{"\\N{SPACE}", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a named character (\\N{...})"},
		{"[a&&b]", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a class intersection"},
		{"[a[b]]", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a nested class"},
		{"[\xc3\xa9-\xc3\xbc]", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a range of non-ASCII characters"},
		{"[^\xc3\xa9]", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a negated class with non-ASCII characters"},
		{"\\uD83D", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a lone surrogate"},
		{"a{99999}", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a repetition count over RE_DUP_MAX"},
		{"a\xff", -KT_EUNSUPPORTED, -KT_EUNSUPPORTED,
		 "a byte that is not UTF-8"},
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct kt_buf b;
		struct kt_err e;
		int cflags;

		kt_buf_init(&b, 0);
		memset(&e, 0, sizeof(e));
		CHECK_INT(kt_jregex_translate(bad[i].java, strlen(bad[i].java),
					      KT_JREGEX_SEARCH, &b, &cflags,
					      &e),
			  bad[i].search, "jregex: search '%s' refused",
			  bad[i].java);
		CHECK_STR(e.msg, bad[i].why, "jregex: reason for '%s'",
			  bad[i].java);
		kt_buf_reset(&b);
		CHECK_INT(kt_jregex_translate(bad[i].java, strlen(bad[i].java),
					      KT_JREGEX_WHOLE, &b, &cflags, &e),
			  bad[i].whole, "jregex: whole '%s'", bad[i].java);
		kt_buf_release(&b);
	}
}

static void test_flags(void)
{
	struct kt_buf b;
	struct kt_err e;
	regex_t re;
	int cflags = 0;

	kt_buf_init(&b, 0);
	CHECK_INT(kt_jregex_translate("(?i)ab", 6, KT_JREGEX_SEARCH, &b,
				      &cflags, &e),
		  0, "jregex: leading (?i) in a search");
	CHECK(cflags == REG_ICASE && b.len == 2 && memcmp(b.p, "ab", 2) == 0,
	      "jregex: (?i) is REG_ICASE, not in the ERE");
	kt_buf_release(&b);
	/* a pattern is n bytes, NUL included: "a\0" is 'a' then NUL */
	CHECK_INT(kt_jregex_compile(&re, "a\0", 2, KT_JREGEX_WHOLE, REG_NOSUB,
				    &e),
		  0, "jregex: a NUL in the pattern");
	{
		regmatch_t m;

		m.rm_so = 0;
		m.rm_eo = 2;
		CHECK(regexec(&re, "a\0", 1, &m, REG_STARTEND) == 0,
		      "jregex: it matches \"a\\0\"");
	}
	regfree(&re);
	/* the ERE's ceiling is the caller's */
	kt_buf_init(&b, 16);
	CHECK_INT(kt_jregex_translate("....", 4, KT_JREGEX_SEARCH, &b, &cflags,
				      &e),
		  -KT_EUNSUPPORTED, "jregex: ERE over the buffer's ceiling");
	kt_buf_release(&b);
	/* deeply nested classes stop, they do not recurse without end */
	{
		char deep[200];

		memset(deep, '[', sizeof(deep) - 1);
		deep[sizeof(deep) - 1] = 0;
		kt_buf_init(&b, 0);
		CHECK_INT(kt_jregex_translate(deep, strlen(deep),
					      KT_JREGEX_SEARCH, &b, &cflags,
					      &e),
			  -KT_EUNSUPPORTED, "jregex: nesting has a limit");
		kt_buf_release(&b);
	}
}

void test_jregex(void)
{
	test_ere();
	test_rows();
	test_refusals();
	test_flags();
}
