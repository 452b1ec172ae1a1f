/*
 * test_linereader.c - the record splitter (Java line ends, custom
 * delimiters across reads), LineMessageReader parsing with the examples
 * and messages of tools.md §2.3 (checked against Apache 4.3.1), Java
 * String.split semantics over translated regular expressions, and the JSON
 * reader on kafkit JSON record lines.
 */
#include "unit.h"

#include "format/linereader.h"

void test_linereader(void);

/* Split all of s (as one eof read) and join the records with '|'. */
static void split_all(const char *s, size_t n, const char *delim, char *out,
		      size_t cap)
{
	struct kt_linesplit sp;
	size_t off = 0, len, used, o = 0;

	kt_linesplit_init(&sp, delim, delim ? strlen(delim) : 0, NULL);
	out[0] = 0;
	while (kt_linesplit_next(&sp, (const uint8_t *)s + off, n - off, true,
				 &len, &used) == 1) {
		o += (size_t)snprintf(out + o, cap - o, "%s%.*s", o ? "|" : "",
				      (int)len, s + off);
		off += used;
	}
	kt_linesplit_release(&sp);
}

static void test_split(void)
{
	char out[256];
	struct kt_linesplit sp;
	size_t len, used;

	split_all("a\nb\r\nc\rd", 8, NULL, out, sizeof(out));
	CHECK_STR(out, "a|b|c|d", "java line ends");
	split_all("a\n\nb\n", 5, NULL, out, sizeof(out));
	CHECK_STR(out, "a||b", "empty line kept, no trailing record");
	split_all("", 0, NULL, out, sizeof(out));
	CHECK_STR(out, "", "empty input: no record");
	split_all("x1--y\n2--", 9, "--", out, sizeof(out));
	CHECK_STR(out, "x1|y\n2", "custom delimiter keeps newlines");

	/* a "\r" at the end of a read waits: it may be "\r\n" */
	kt_linesplit_init(&sp, NULL, 0, NULL);
	CHECK_INT(kt_linesplit_next(&sp, (const uint8_t *)"ab\r", 3, false,
				    &len, &used),
		  0, "lone cr at end of read waits");
	CHECK_INT(kt_linesplit_next(&sp, (const uint8_t *)"ab\r\nc", 5, false,
				    &len, &used),
		  1, "then crlf is one end");
	CHECK(len == 2 && used == 4, "crlf used as one terminator");
	kt_linesplit_release(&sp);

	/* a multi-byte delimiter split over two reads */
	kt_linesplit_init(&sp, "\0\0", 2, NULL);
	CHECK_INT(kt_linesplit_next(&sp, (const uint8_t *)"abc\0", 4, false,
				    &len, &used),
		  0, "half a delimiter: wait");
	CHECK_INT(kt_linesplit_next(&sp, (const uint8_t *)"abc\0\0d", 6, false,
				    &len, &used),
		  1, "delimiter completed by the next read");
	CHECK(len == 3 && used == 5, "record before the NUL NUL");
	kt_linesplit_release(&sp);
}

static void test_unescape(void)
{
	struct kt_buf b;
	struct kt_err e;

	kt_buf_init(&b, 0);
	CHECK_INT(kt_unescape("\\0a\\t\\x41\\101\\\\", &b, &e), 0, "escapes");
	CHECK(b.len == 6 && memcmp(b.p, "\0a\tAA\\", 6) == 0, "decoded bytes");
	kt_buf_reset(&b);
	CHECK_INT(kt_unescape("ab\\", &b, &e), -KT_ESYNTAX, "trailing '\\'");
	kt_buf_release(&b);
}

struct pcase {
	const char *props[6]; /* k=v tokens */
	const char *line;
	int rc;
	const char *want; /* "h=k:v,...|key|value", "~" for null */
};

static void describe(const struct kt_lrec *r, char *out, size_t cap)
{
	size_t o = 0, i;

	for (i = 0; i < r->n_headers; i++) {
		o += (size_t)snprintf(out + o, cap - o, "%s%.*s:", i ? "," : "",
				      (int)r->headers[i].key.len,
				      (const char *)r->headers[i].key.p);
		if (r->headers[i].value.p)
			o += (size_t)snprintf(
				out + o, cap - o, "%.*s",
				(int)r->headers[i].value.len,
				(const char *)r->headers[i].value.p);
		else
			o += (size_t)snprintf(out + o, cap - o, "~");
	}
	o += (size_t)snprintf(out + o, cap - o, "|");
	if (r->key.p)
		o += (size_t)snprintf(out + o, cap - o, "%.*s", (int)r->key.len,
				      (const char *)r->key.p);
	else
		o += (size_t)snprintf(out + o, cap - o, "~");
	o += (size_t)snprintf(out + o, cap - o, "|");
	if (r->value.p)
		snprintf(out + o, cap - o, "%.*s", (int)r->value.len,
			 (const char *)r->value.p);
	else
		snprintf(out + o, cap - o, "~");
}

static const struct pcase pcases[] = {
	/* tools.md §2.3 examples */
	{{"parse.key=true", "parse.headers=true"},
	 "h1:v1,h2:v2\tk1\thello",
	 0,
	 "h1:v1,h2:v2|k1|hello"},
	{{"parse.key=true", "parse.headers=true"}, "h1:\tk\tv", 0, "h1:|k|v"},
	{{"parse.key=true", "parse.headers=true"},
	 "\tk\tv",
	 -KT_ESYNTAX,
	 "No header key separator found in pair '' on line number 7"},
	{{"parse.key=true", "parse.headers=true"},
	 "k-only",
	 -KT_ESYNTAX,
	 "No headers delimiter found on line number 7: 'k-only'"},
	{{"parse.key=true", "key.separator=:"},
	 "user42:{\"a\":1}",
	 0,
	 "|user42|{\"a\":1}"},
	{{"parse.key=true"},
	 "nokey",
	 -KT_ESYNTAX,
	 "No key separator found on line number 7: 'nokey'"},
	{{"parse.key=true", "ignore.error=true"}, "nokey", 0, "|~|nokey"},
	{{"parse.key=TRUE ", "null.marker=NULL"}, "NULL\tNULL", 0, "|~|~"},
	{{"parse.key=true", "null.marker=NULL"}, "NULLx\tv", 0, "|NULLx|v"},
	{{}, "", 0, "|~|"},
	{{"parse.key=yes"}, "a\tb", 0, "|~|a\tb"},
	{{"parse.headers=true", "null.marker=N"}, "a:N,b:\tv", 0, "a:~,b:|~|v"},
	{{"parse.headers=true", "null.marker=N"}, "N\tv", 0, "|~|v"},
	{{"parse.headers=true", "null.marker=N"},
	 "N:x\tv",
	 -KT_ESYNTAX,
	 "Header keys should not be equal to the null marker 'N' as they "
	 "can't be null"},
	{{"parse.headers=true", "ignore.error=true"},
	 "a,b:1\tv",
	 0,
	 "a:~,b:1|~|v"},
	{{"parse.headers=true", "ignore.error=true"},
	 "nodelim",
	 0,
	 "|~|nodelim"},
	/* duplicates kept in order */
	{{"parse.headers=true"}, "a:1,a:2,a:3\tv", 0, "a:1,a:2,a:3|~|v"},
	/* headers.separator is a regex: "\\|" is a literal bar, "." any */
	{{"parse.headers=true", "headers.separator=\\|"},
	 "a:1|b:2\tv",
	 0,
	 "a:1,b:2|~|v"},
	{{"parse.headers=true", "headers.separator=[;,]\\s*"},
	 "a:1; b:2,c:3\tv",
	 0,
	 "a:1,b:2,c:3|~|v"},
	/* trailing empty pieces dropped, inner ones kept */
	{{"parse.headers=true", "ignore.error=true"},
	 "a:1,,b:2,,\tv",
	 0,
	 "a:1,:~,b:2|~|v"},
	/* separators may be several characters */
	{{"parse.key=true", "key.separator=::"}, "k::v::w", 0, "|k|v::w"},
	/* invalid UTF-8 passes through */
	{{"parse.key=true"}, "\xff\xfe\t\xc3", 0, "|\xff\xfe|\xc3"},
};

static void test_parse(void)
{
	size_t i, k;

	for (i = 0; i < sizeof(pcases) / sizeof(pcases[0]); i++) {
		const struct pcase *c = &pcases[i];
		struct kt_linereader lr;
		struct kt_props props;
		struct kt_lrec r;
		struct kt_err e;
		char got[512];
		int rc;

		kt_props_init(&props);
		for (k = 0; k < 6 && c->props[k]; k++)
			kt_props_set_kv(&props, c->props[k], NULL);
		rc = kt_linereader_init(&lr, &props, false, &e);
		CHECK_INT(rc, 0, "reader %zu configured", i);
		kt_err_clear(&e);
		rc = kt_linereader_parse(&lr, (const uint8_t *)c->line,
					 strlen(c->line), 7, &r, &e);
		CHECK_INT(rc, c->rc, "line %zu '%s' result", i, c->line);
		if (rc == 0)
			describe(&r, got, sizeof(got));
		CHECK_STR(rc == 0 ? got : e.msg, c->want, "line %zu '%s'", i,
			  c->line);
		kt_linereader_release(&lr);
		kt_props_release(&props);
	}
}

static void test_config_errors(void)
{
	static const struct {
		const char *a, *b, *msg;
	} cases[] = {
		{"headers.delimiter=,", NULL,
		 "headers.delimiter and headers.separator may not be equal"},
		{"headers.delimiter=:", NULL,
		 "headers.delimiter and headers.key.separator may not be "
		 "equal"},
		{"headers.separator=:", NULL,
		 "headers.separator and headers.key.separator may not be "
		 "equal"},
		{"null.marker=\t", NULL,
		 "null.marker and key.separator may not be equal"},
		{"null.marker=,", NULL,
		 "null.marker and headers.separator may not be equal"},
		{"null.marker=;", "headers.delimiter=;",
		 "null.marker and headers.delimiter may not be equal"},
		{"null.marker=:", NULL,
		 "null.marker and headers.key.separator may not be equal"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kt_linereader lr;
		struct kt_props props;
		struct kt_err e;

		kt_props_init(&props);
		kt_props_set_kv(&props, cases[i].a, NULL);
		if (cases[i].b)
			kt_props_set_kv(&props, cases[i].b, NULL);
		CHECK_INT(kt_linereader_init(&lr, &props, false, &e),
			  -KT_EINVAL, "config %zu refused", i);
		CHECK_STR(e.msg, cases[i].msg, "config %zu message", i);
		kt_linereader_release(&lr);
		kt_props_release(&props);
	}
}

/* headers.separator goes through jregex in search mode; the reader words
 * the refusal. */
static void test_separator_errors(void)
{
	static const struct {
		const char *sep;
		int rc;
		const char *msg;
	} cases[] = {
		{"a*?", -KT_EUNSUPPORTED,
		 "headers.separator 'a*?': a lazy quantifier is not supported "
		 "by kafkit's regular expressions"},
		{"(?=x),", -KT_EUNSUPPORTED,
		 "headers.separator '(?=x),': a lookahead or lookbehind group "
		 "is not supported by kafkit's regular expressions"},
		{"[,;", -KT_ESYNTAX,
		 "headers.separator '[,;': unclosed character class"},
		{"*,", -KT_ESYNTAX,
		 "headers.separator '*,': dangling meta character '*'"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kt_linereader lr;
		struct kt_props props;
		struct kt_err e;

		kt_props_init(&props);
		kt_props_set(&props, "headers.separator", cases[i].sep, NULL);
		CHECK_INT(kt_linereader_init(&lr, &props, false, &e),
			  cases[i].rc, "separator '%s' refused", cases[i].sep);
		CHECK_STR(e.msg, cases[i].msg, "separator '%s' message",
			  cases[i].sep);
		kt_linereader_release(&lr);
		kt_props_release(&props);
	}
}

/* Java: "a1b2c3".split("\\d") = [a, b, c]; "1a".split("\\d") = ["", a];
 * "abc".split("x*") = [a, b, c]; ",".split(",") = []. */
static void test_java_split(void)
{
	static const struct {
		const char *sep, *text, *want;
	} cases[] = {
		{"\\d", "a1b2c3", "a|b|c"},
		{"\\d", "1a", "|a"},
		{"x*", "abc", "a|b|c"},
		{",", ",", ""},
		{",", "", ""},
		{"[,;]", "a,,b;", "a||b"},
		{"", "ab", "a|b"},
	};
	size_t i, k;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kt_linereader lr;
		struct kt_props props;
		size_t pc[16][2];
		char got[128];
		size_t o = 0;
		int n;

		kt_props_init(&props);
		kt_props_set(&props, "headers.separator", cases[i].sep, NULL);
		kt_linereader_init(&lr, &props, false, NULL);
		n = kt_linereader_split_headers(&lr,
						(const uint8_t *)cases[i].text,
						strlen(cases[i].text), pc, 16);
		got[0] = 0;
		for (k = 0; k < (size_t)n; k++)
			o += (size_t)snprintf(got + o, sizeof(got) - o,
					      "%s%.*s", k ? "|" : "",
					      (int)pc[k][1],
					      cases[i].text + pc[k][0]);
		if (n == 1 && pc[0][1] == 0)
			got[0] = 0;
		CHECK_STR(got, cases[i].want, "'%s'.split('%s') (%d pieces)",
			  cases[i].text, cases[i].sep, n);
		kt_linereader_release(&lr);
		kt_props_release(&props);
	}
}

static void test_json(void)
{
	static const char line[] =
		"{\"topic\":\"t\",\"partition\":2,\"offset\":5,"
		"\"timestamp\":1700000000000,\"timestamp_type\":\"CreateTime\","
		"\"key\":\"k\",\"value\":\"/"
		"w==\",\"value_encoding\":\"base64\","
		"\"headers\":[{\"key\":\"h\",\"value\":\"x\"},"
		"{\"key\":\"h\",\"value\":null}]}";
	struct kt_linereader lr;
	struct kt_lrec r;
	struct kt_err e;

	kt_linereader_init(&lr, NULL, true, &e);
	CHECK_INT(kt_linereader_parse(&lr, (const uint8_t *)line, strlen(line),
				      1, &r, &e),
		  0, "json line parsed");
	CHECK(r.partition == 2 && r.timestamp == 1700000000000LL,
	      "partition and timestamp");
	CHECK(r.key.len == 1 && r.key.p[0] == 'k', "key");
	CHECK(r.value.len == 1 && r.value.p[0] == 0xff, "base64 value");
	CHECK(r.n_headers == 2 && r.headers[1].value.p == NULL &&
		      r.headers[0].value.len == 1,
	      "ordered duplicate headers, null value");
	CHECK_INT(kt_linereader_parse(&lr, (const uint8_t *)"{\"key\":null}",
				      12, 2, &r, &e),
		  0, "minimal line");
	CHECK(r.key.p == NULL && r.value.p == NULL && r.partition == -1,
	      "missing value is null");
	CHECK_INT(kt_linereader_parse(&lr, (const uint8_t *)"{\"bogus\":1}", 11,
				      3, &r, &e),
		  -KT_ESYNTAX, "unknown field refused");
	CHECK(strncmp(e.msg, "line 3: ", 8) == 0, "json error has the line: %s",
	      e.msg);
	kt_linereader_release(&lr);
}

void test_linereader(void)
{
	test_split();
	test_unescape();
	test_parse();
	test_config_errors();
	test_separator_errors();
	test_java_split();
	test_json();
}
