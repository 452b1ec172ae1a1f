/*
 * test_props.c - Java .properties parsing and key=value overrides.
 *
 * The expected strings of the table were produced by java.util.Properties
 * .load(InputStream) on JDK 17 over the same bytes (a throw-away Dump.java
 * that prints the keys sorted as "[key]=[value]", bytes outside printable
 * ASCII and the backslash as \xNN of their UTF-8 form).
 */
#include "unit.h"

#include "base/buf.h"
#include "java/props.h"

#include <stdlib.h>
#include <unistd.h>

void test_props(void);

struct pcase {
	const char *name;
	const char *text;
	bool latin1;
	const char *want; /* Java's output, or "ERR <message>" */
};

static const struct pcase cases[] = {
	{"separators", "a=b\nc:d\ne f\n  g  =  h  \n", false,
	 "[a]=[b] [c]=[d] [e]=[f] [g]=[h  ]"},
	{"comments", "# comment\n! also\n  # indented comment\nk=v\n", false,
	 "[k]=[v]"},
	{"continuations",
	 "k1 = v1\\\n     continued\nk2=x\\\\\nk3=y\\\\\\\n   z\n", false,
	 "[k1]=[v1continued] [k2]=[x\\x5c] [k3]=[y\\x5cz]"},
	{"escaped separators in keys", "a\\=b=c\nd\\:e:f\ng\\ h i\nj\\#k=l\n",
	 false, "[a=b]=[c] [d:e]=[f] [g h]=[i] [j#k]=[l]"},
	{"simple escapes", "tab=\\t|\\n|\\r|\\f|\\\\|\\q|\\=\n", false,
	 "[tab]=[\\x09|\\x0a|\\x0d|\\x0c|\\x5c|q|=]"},
	{"unicode escapes and surrogate pair",
	 "u=\\u0041\\u00e9\\u20AC\\ud83d\\ude00\n", false,
	 "[u]=[A\\xc3\\xa9\\xe2\\x82\\xac\\xf0\\x9f\\x98\\x80]"},
	{"CRLF, CR and LF", "crlf=1\r\ncr=2\rlf=3\n", false,
	 "[cr]=[2] [crlf]=[1] [lf]=[3]"},
	{"last key wins", "dup=1\nother=x\ndup=2\n", false,
	 "[dup]=[2] [other]=[x]"},
	{"key only and empty keys", "key\n=onlyeq\n:colon\nempty=\n", false,
	 "[]=[colon] [empty]=[] [key]=[]"},
	{"trailing backslash at end of input", "a=b\\", false, "[a]=[b]"},
	{"comment lines do not continue", "# comment \\\nnot=comment\n", false,
	 "[not]=[comment]"},
	{"continued line keeps a #", "a=first\\\n# not comment\n", false,
	 "[a]=[first# not comment]"},
	{"empty line ends a continuation", "a=b\\\n\nc=d\n", false,
	 "[a]=[b] [c]=[d]"},
	{"only the first separator counts", "k = = v\nk2 := v2\nk3  v3 = x\n",
	 false, "[k]=[= v] [k2]=[= v2] [k3]=[v3 = x]"},
	{"short \\u escape", "x=\\u004\n", false,
	 "ERR Malformed \\uxxxx encoding. (line 1 of 'case')"},
	{"non-hex \\u escape", "ok=1\n\nx=\\uZZZZ\n", false,
	 "ERR Malformed \\uxxxx encoding. (line 3 of 'case')"},
	{"lone surrogates", "lone=\\ud83d!\nlow=\\ude00\n", false,
	 "[lone]=[?!] [low]=[?]"},
	{"a lone continuation makes the next line a comment", "\\\n#x=1\ny=2\n",
	 false, "[y]=[2]"},
	{"blanks: space, tab, form feed", "v=trail   \n  \f\tk=\f v\n", false,
	 "[k]=[v] [v]=[trail   ]"},
	{"continuation over CRLF and CR", "multi=a\\\r\n  b\\\r  c\n", false,
	 "[multi]=[abc]"},
	{"bytes as ISO-8859-1 like Java", "\xc3\xa9=\xc3\xbc\n", true,
	 "[\\xc3\\x83\\xc2\\xa9]=[\\xc3\\x83\\xc2\\xbc]"},
	{"bytes kept by default", "\xc3\xa9=\xc3\xbc\n", false,
	 "[\\xc3\\xa9]=[\\xc3\\xbc]"},
	{"escaped leading space in key", "\\ lead=space key\n", false,
	 "[ lead]=[space key]"},
	{"even backslashes do not continue", "a=1\\\\\\\\\nb=2\n", false,
	 "[a]=[1\\x5c\\x5c] [b]=[2]"},
	{"continuation inside a key", "x\\\n  y=1\n", false, "[xy]=[1]"},
	{"blank lines and whitespace-only input", "\n\n   \n\t\n", false, ""},
	{"empty input", "", false, ""},
	{"comment without newline at end", "a=1\n# end", false, "[a]=[1]"},
	{"\\u0000 kept with its length", "z=a\\u0000b\n", false,
	 "[z]=[a\\x00b]"},
};

static int cmp_prop(const void *a, const void *b)
{
	const struct kt_prop *x = a, *y = b;
	size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(x->key, y->key, n);

	if (c)
		return c;
	return x->key_len < y->key_len ? -1 : x->key_len > y->key_len;
}

static void esc(struct kt_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || c == '\\')
			kt_buf_printf(b, "\\x%02x", c);
		else
			kt_buf_put(b, &c, 1);
	}
}

/* Render like Dump.java: keys sorted, "[k]=[v]" joined by spaces. */
static void render(const struct kt_props *p, struct kt_buf *b)
{
	struct kt_prop *v = malloc((p->n + 1) * sizeof(*v));
	size_t i;

	if (p->n)
		memcpy(v, p->v, p->n * sizeof(*v));
	qsort(v, p->n, sizeof(*v), cmp_prop);
	for (i = 0; i < p->n; i++) {
		kt_buf_puts(b, i ? " [" : "[");
		esc(b, v[i].key, v[i].key_len);
		kt_buf_puts(b, "]=[");
		esc(b, v[i].value, v[i].value_len);
		kt_buf_puts(b, "]");
	}
	kt_buf_puts(b, "");
	free(v);
}

static void test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kt_props p;
		struct kt_err err = {0};
		struct kt_buf b;
		int rc;

		kt_props_init(&p);
		p.latin1 = cases[i].latin1;
		kt_buf_init(&b, 0);
		rc = kt_props_load_str(&p, cases[i].text, strlen(cases[i].text),
				       "case", &err);
		if (rc) {
			kt_buf_printf(&b, "ERR %s", err.msg);
			CHECK_INT(rc, -KT_ESYNTAX, "%s: error code",
				  cases[i].name);
		} else {
			render(&p, &b);
		}
		CHECK_STR((const char *)b.p, cases[i].want, "%s",
			  cases[i].name);
		kt_buf_release(&b);
		kt_props_release(&p);
	}
}

static void test_order_and_map(void)
{
	struct kt_props p, q;
	const char *text = "z=1\na=2\nm=3\nz=4\n";

	kt_props_init(&p);
	CHECK_INT(kt_props_load_str(&p, text, strlen(text), NULL, NULL), 0,
		  "order: loads");
	CHECK_INT(p.n, 3, "order: three keys");
	CHECK(p.n == 3 && strcmp(p.v[0].key, "z") == 0 &&
		      strcmp(p.v[1].key, "a") == 0 &&
		      strcmp(p.v[2].key, "m") == 0,
	      "order: keys keep first-seen position");
	CHECK_STR(kt_props_get(&p, "z"), "4", "order: last value wins");
	CHECK_STR(kt_props_get(&p, "nope"), NULL, "get: absent is NULL");

	CHECK(kt_props_remove(&p, "a"), "remove: present key");
	CHECK(!kt_props_remove(&p, "a"), "remove: absent key");
	CHECK(p.n == 2 && strcmp(p.v[1].key, "m") == 0,
	      "remove: later entries move up");

	kt_props_init(&q);
	kt_props_set(&q, "m", "30", NULL);
	kt_props_set(&q, "new", "5", NULL);
	CHECK_INT(kt_props_merge(&p, &q, NULL), 0, "merge: ok");
	CHECK_STR(kt_props_get(&p, "m"), "30", "merge: later wins");
	CHECK_STR(kt_props_get(&p, "new"), "5", "merge: adds new keys");
	CHECK(p.n == 3 && strcmp(p.v[2].key, "new") == 0,
	      "merge: new keys go last");
	kt_props_release(&q);
	kt_props_release(&p);
	CHECK(p.n == 0 && p.v == NULL, "release: empties");
}

static void test_set_kv(void)
{
	struct kt_props p;

	kt_props_init(&p);
	kt_props_set_kv(&p, "acks=all", NULL);
	kt_props_set_kv(&p, "key.separator=\\t", NULL);
	kt_props_set_kv(&p, "a=b=c", NULL);
	kt_props_set_kv(&p, "bare", NULL);
	kt_props_set_kv(&p, "empty=", NULL);
	kt_props_set_kv(&p, " spaced = x ", NULL);
	kt_props_set_kv(&p, "=v", NULL);
	kt_props_set_kv(&p, "acks=1", NULL);
	CHECK_STR(kt_props_get(&p, "acks"), "1", "kv: later token wins");
	CHECK_STR(kt_props_get(&p, "key.separator"), "\\t",
		  "kv: no escape processing");
	CHECK_STR(kt_props_get(&p, "a"), "b=c", "kv: split at first =");
	CHECK_STR(kt_props_get(&p, "bare"), "", "kv: key alone is empty");
	CHECK_STR(kt_props_get(&p, "empty"), "", "kv: key= is empty");
	CHECK_STR(kt_props_get(&p, " spaced "), " x ", "kv: no trimming");
	CHECK_STR(kt_props_get(&p, ""), "v", "kv: empty key");
	CHECK_INT(p.n, 7, "kv: seven keys");
	kt_props_release(&p);
}

static void test_files(void)
{
	struct kt_props p;
	struct kt_err err = {0};
	char path[] = "/tmp/kt-props-XXXXXX";
	int fd, rc;

	kt_props_init(&p);
	rc = kt_props_load_file(&p, "/nonexistent/x.properties", &err);
	CHECK_INT(rc, -KT_ENOTFOUND, "file: missing file code");
	CHECK_STR(err.msg,
		  "cannot read '/nonexistent/x.properties': No such file or "
		  "directory",
		  "file: missing file message");
	rc = kt_props_load_file(&p, "/tmp", &err);
	CHECK_INT(rc, -KT_EIO, "file: directory refused");
	CHECK_STR(err.msg, "cannot read '/tmp': Is a directory",
		  "file: directory message");

	fd = mkstemp(path);
	CHECK(fd >= 0, "file: temp file");
	if (fd < 0)
		return;
	CHECK(write(fd, "bootstrap.servers=localhost:9092\nx=\\u12\n", 41) ==
		      41,
	      "file: written");
	close(fd);
	rc = kt_props_load_file(&p, path, &err);
	CHECK_INT(rc, -KT_ESYNTAX, "file: malformed escape fails");
	CHECK(strstr(err.msg, "Malformed \\uxxxx encoding. (line 2 of '") &&
		      strstr(err.msg, path),
	      "file: message names line and file");
	CHECK_STR(kt_props_get(&p, "bootstrap.servers"), "localhost:9092",
		  "file: lines before the error are kept");
	unlink(path);
	kt_props_release(&p);
}

void test_props(void)
{
	test_cases();
	test_order_and_map();
	test_set_kv();
	test_files();
}
