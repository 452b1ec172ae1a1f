/*
 * cli/cli.c - the jopt-simple 5.0.4 compatible option parser, Kafka's
 * CommandLineUtils checks, jopt's BuiltinHelpFormatter and the man page and
 * completion generators. See cli.h and tools.md §0.3.
 *
 * The help layout follows jopt's Rows/Columns classes: the columns are sized
 * from the unwrapped cells (option column capped at 39), every cell is cut
 * at the break points of java.text.BreakIterator.getLineInstance(), and the
 * columns are sized again from the cut pieces before the rows are padded.
 * The break points come from the JDK's line-break rules
 * (sun.text.resources.BreakIteratorRules, "LineBreakRules"), run here as a
 * small NFA with longest match: a break is allowed after a run of spaces,
 * after dashes ("--|create"), after closing punctuation ("e.|g."), but not
 * inside a number ("1.5") nor before a space. Lengths are counted in UTF-16
 * units, like Java's String.length().
 */
#include "cli/cli.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* table lookup                                                         */

static size_t count_rows(const struct kt_opt *opts)
{
	size_t n = 0;

	while (opts[n].name)
		n++;
	return n;
}

static long find_row(const struct kt_cli *cli, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < cli->nopts; i++)
		if (strlen(cli->opts[i].name) == len &&
		    memcmp(cli->opts[i].name, name, len) == 0)
			return (long)i;
	return -1;
}

static bool takes_arg(const struct kt_opt *o)
{
	return (o->flags & (KT_ARG | KT_OPTARG)) != 0;
}

/* ------------------------------------------------------------------ */
/* parsing                                                              */

static int add_value(struct kt_cli *cli, size_t row, const char *v,
		     struct kt_err *err)
{
	struct kt_cli_seen *s = &cli->seen[row];

	if (s->nvals == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 4;
		const char **nv = realloc(s->vals, cap * sizeof(*nv));

		if (!nv)
			return kt_err_set(err, KT_ENOMEM,
					  "out of memory parsing options");
		s->vals = nv;
		s->cap = cap;
	}
	s->vals[s->nvals++] = v;
	s->count++;
	return 0;
}

static int add_rest(struct kt_cli *cli, const char *v, struct kt_err *err)
{
	if (cli->nrest == cli->caprest) {
		size_t cap = cli->caprest ? cli->caprest * 2 : 8;
		const char **nv = realloc(cli->rest, cap * sizeof(*nv));

		if (!nv)
			return kt_err_set(err, KT_ENOMEM,
					  "out of memory parsing options");
		cli->rest = nv;
		cli->caprest = cap;
	}
	cli->rest[cli->nrest++] = v;
	return 0;
}

static bool is_long_token(const char *t)
{
	return t[0] == '-' && t[1] == '-' && t[2] != '\0';
}

static bool is_short_token(const char *t)
{
	return t[0] == '-' && t[1] != '\0' && !is_long_token(t) &&
	       strcmp(t, "--") != 0;
}

static bool looks_like_option(const char *t)
{
	return is_long_token(t) || is_short_token(t);
}

/* Integer.valueOf / Long.valueOf: optional sign, decimal digits only. */
static bool parse_num(const char *s, long long min, long long max,
		      long long *out)
{
	char *end;
	long long v;

	if (!s[0] || ((s[0] == '-' || s[0] == '+') && !s[1]))
		return false;
	if (!(s[0] == '-' || s[0] == '+' || (s[0] >= '0' && s[0] <= '9')))
		return false;
	if (s[1] == '-' || s[1] == '+' || s[1] == ' ')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static bool can_convert(const struct kt_opt *o, const char *v)
{
	long long n;

	if (o->flags & KT_INT)
		return parse_num(v, INT32_MIN, INT32_MAX, &n);
	if (o->flags & KT_LONG)
		return parse_num(v, INT64_MIN, INT64_MAX, &n);
	return true;
}

/* jopt's handleOption for one detected option: value is the "=..." part or
 * NULL; *i indexes the next token. */
static int handle(struct kt_cli *cli, size_t row, const char *value, int argc,
		  char **argv, int *i, struct kt_err *err)
{
	const struct kt_opt *o = &cli->opts[row];

	if (!takes_arg(o)) {
		cli->seen[row].count++; /* a flag ignores "=x" */
		return 0;
	}
	if (value)
		return add_value(cli, row, value, err);
	if (o->flags & KT_ARG) {
		if (*i >= argc)
			return kt_err_set(err, KT_EINVAL,
					  "Option %s requires an argument",
					  o->name);
		return add_value(cli, row, argv[(*i)++], err);
	}
	/* optional argument: only a token that does not look like an option
	 * and converts; a number type may take "-5" */
	if (*i < argc && can_convert(o, argv[*i]) &&
	    (!looks_like_option(argv[*i]) || (o->flags & (KT_INT | KT_LONG))))
		return add_value(cli, row, argv[(*i)++], err);
	cli->seen[row].count++;
	return 0;
}

/* Length in bytes of the UTF-8 sequence starting at s (at least 1). */
static size_t u8len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = 1;

	if (c >= 0xf0)
		n = 4;
	else if (c >= 0xe0)
		n = 3;
	else if (c >= 0xc0)
		n = 2;
	while (n > 1 && !s[n - 1])
		n--;
	return n;
}

static int short_cluster(struct kt_cli *cli, const char *t, int argc,
			 char **argv, int *i, struct kt_err *err)
{
	const char *p;
	long row;
	int rc;

	/* validateOptionCharacters: every letter up to the first one that
	 * takes an argument must be an option */
	for (p = t; *p; p += u8len(p)) {
		row = find_row(cli, p, u8len(p));
		if (row < 0)
			return kt_err_set(err, KT_EINVAL,
					  "%.*s is not a recognized option",
					  (int)u8len(p), p);
		if (takes_arg(&cli->opts[row]))
			break;
	}
	for (p = t; *p; p++) {
		row = find_row(cli, p, 1);
		if (takes_arg(&cli->opts[row]) && p[1])
			return handle(cli, (size_t)row, p + 1, argc, argv, i,
				      err);
		rc = handle(cli, (size_t)row, NULL, argc, argv, i, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int check_available(struct kt_cli *cli, struct kt_err *err)
{
	struct kt_buf names;
	size_t r;
	int rc = 0;

	kt_buf_init(&names, 4096);
	for (r = 0; r < cli->nopts; r++) {
		const char *a = cli->opts[r].avail_if, *e;
		bool ok = false;

		if (!a || !cli->seen[r].count)
			continue;
		while (*a && !ok) {
			long other;

			while (*a == ' ')
				a++;
			e = a;
			while (*e && *e != ' ')
				e++;
			other = e > a ? find_row(cli, a, (size_t)(e - a)) : -1;
			if (other >= 0 && cli->seen[other].count)
				ok = true;
			a = e;
		}
		if (!ok)
			kt_buf_printf(&names, "%s%s", names.len ? ", " : "",
				      cli->opts[r].name);
	}
	if (names.len) {
		kt_buf_puts(&names, "");
		rc = kt_err_set(err, KT_EINVAL,
				"Option(s) [%s] are unavailable given other "
				"options on the command line",
				names.err ? "?" : (const char *)names.p);
	}
	kt_buf_release(&names);
	return rc;
}

int kt_cli_parse(struct kt_cli *cli, const struct kt_opt *opts, int argc,
		 char **argv, struct kt_err *err)
{
	bool more = true;
	int i = 1, rc;

	memset(cli, 0, sizeof(*cli));
	cli->opts = opts;
	cli->nopts = count_rows(opts);
	cli->ntokens = argc > 0 ? argc - 1 : 0;
	cli->seen = calloc(cli->nopts + 1, sizeof(*cli->seen));
	if (!cli->seen)
		return kt_err_set(err, KT_ENOMEM,
				  "out of memory parsing options");
	while (i < argc) {
		const char *t = argv[i++], *key, *eq;
		long row;

		if (!more || !looks_like_option(t)) {
			if (more && strcmp(t, "--") == 0) {
				more = false;
				continue;
			}
			rc = add_rest(cli, t, err);
			if (rc)
				return rc;
			continue;
		}
		key = t + (is_long_token(t) ? 2 : 1);
		eq = strchr(key, '=');
		row = find_row(cli, key, eq ? (size_t)(eq - key) : strlen(key));
		if (row >= 0)
			rc = handle(cli, (size_t)row, eq ? eq + 1 : NULL, argc,
				    argv, &i, err);
		else if (is_long_token(t))
			rc = kt_err_set(
				err, KT_EINVAL,
				"%.*s is not a recognized option",
				(int)(eq ? (size_t)(eq - key) : strlen(key)),
				key);
		else
			rc = short_cluster(cli, key, argc, argv, &i, err);
		if (rc)
			return rc;
	}
	return check_available(cli, err);
}

void kt_cli_release(struct kt_cli *cli)
{
	size_t i;

	if (cli->seen)
		for (i = 0; i < cli->nopts; i++)
			free(cli->seen[i].vals);
	free(cli->seen);
	free(cli->rest);
	memset(cli, 0, sizeof(*cli));
}

/* ------------------------------------------------------------------ */
/* reading values                                                       */

static long row_of(const struct kt_cli *cli, const char *name,
		   struct kt_err *err)
{
	long r = find_row(cli, name, strlen(name));

	if (r < 0)
		kt_err_set(err, KT_EINVAL, "no option '%s' in the table", name);
	return r;
}

bool kt_cli_has(const struct kt_cli *cli, const char *name)
{
	long r = find_row(cli, name, strlen(name));

	return r >= 0 && cli->seen[r].count > 0;
}

size_t kt_cli_values(const struct kt_cli *cli, const char *name,
		     const char *const **out)
{
	long r = find_row(cli, name, strlen(name));

	*out = NULL;
	if (r < 0)
		return 0;
	if (cli->seen[r].nvals) {
		*out = cli->seen[r].vals;
		return cli->seen[r].nvals;
	}
	if (cli->opts[r].def) {
		*out = &cli->opts[r].def;
		return 1;
	}
	return 0;
}

static int value_of(const struct kt_cli *cli, long r, const char **out,
		    struct kt_err *err)
{
	const struct kt_cli_seen *s = &cli->seen[r];

	*out = NULL;
	if (s->nvals > 1)
		return kt_err_set(err, KT_EINVAL,
				  "Found multiple arguments for option %s, "
				  "but you asked for only one",
				  cli->opts[r].name);
	if (s->nvals == 1)
		*out = s->vals[0];
	else
		*out = cli->opts[r].def;
	return *out != NULL;
}

int kt_cli_str(const struct kt_cli *cli, const char *name, const char **out,
	       struct kt_err *err)
{
	long r = row_of(cli, name, err);

	*out = NULL;
	if (r < 0)
		return -KT_EINVAL;
	return value_of(cli, r, out, err);
}

static int num_of(const struct kt_cli *cli, long r, long long min,
		  long long max, long long *out, struct kt_err *err)
{
	const char *v;
	int rc = value_of(cli, r, &v, err);

	if (rc <= 0)
		return rc;
	if (!parse_num(v, min, max, out))
		return kt_err_set(err, KT_EINVAL,
				  "Cannot parse argument '%s' of option %s", v,
				  cli->opts[r].name);
	return 1;
}

int kt_cli_int(const struct kt_cli *cli, const char *name, int32_t *out,
	       struct kt_err *err)
{
	long r = row_of(cli, name, err);
	long long v;
	int rc;

	if (r < 0)
		return -KT_EINVAL;
	rc = num_of(cli, r, INT32_MIN, INT32_MAX, &v, err);
	if (rc > 0)
		*out = (int32_t)v;
	return rc;
}

int kt_cli_long(const struct kt_cli *cli, const char *name, int64_t *out,
		struct kt_err *err)
{
	long r = row_of(cli, name, err);
	long long v;
	int rc;

	if (r < 0)
		return -KT_EINVAL;
	rc = num_of(cli, r, INT64_MIN, INT64_MAX, &v, err);
	if (rc > 0)
		*out = (int64_t)v;
	return rc;
}

int kt_cli_fill(struct kt_cli *cli, struct kt_err *err)
{
	size_t r;
	int rc;

	for (r = 0; r < cli->nopts; r++) {
		const struct kt_opt *o = &cli->opts[r];

		if (!o->dest)
			continue;
		if (!takes_arg(o)) {
			*(bool *)o->dest = cli->seen[r].count > 0;
			continue;
		}
		if (o->flags & KT_MULTI) {
			struct kt_strv *sv = o->dest;

			sv->n = kt_cli_values(cli, o->name, &sv->v);
			continue;
		}
		if (o->flags & KT_INT)
			rc = kt_cli_int(cli, o->name, o->dest, err);
		else if (o->flags & KT_LONG)
			rc = kt_cli_long(cli, o->name, o->dest, err);
		else
			rc = kt_cli_str(cli, o->name, o->dest, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* CommandLineUtils checks                                              */

int kt_cli_check_required(const struct kt_cli *cli, const char *name,
			  struct kt_err *err)
{
	if (kt_cli_has(cli, name))
		return 0;
	return kt_err_set(err, KT_EINVAL, "Missing required argument \"[%s]\"",
			  name);
}

int kt_cli_check_invalid(const struct kt_cli *cli, const char *used,
			 const char *const *invalid, struct kt_err *err)
{
	if (!kt_cli_has(cli, used))
		return 0;
	for (; *invalid; invalid++)
		if (kt_cli_has(cli, *invalid))
			return kt_err_set(err, KT_EINVAL,
					  "Option \"[%s]\" can't be used with "
					  "option \"[%s]\"",
					  used, *invalid);
	return 0;
}

int kt_cli_check_invalid_set(const struct kt_cli *cli, const char *const *used,
			     const char *const *invalid, const char *suffix,
			     struct kt_err *err)
{
	const char *const *u;
	char set[160];
	size_t n = 0;

	for (u = used; *u; u++)
		if (!kt_cli_has(cli, *u))
			return 0;
	for (; *invalid; invalid++) {
		if (!kt_cli_has(cli, *invalid))
			continue;
		set[0] = '\0';
		for (u = used; *u && n < sizeof(set); u++)
			n += (size_t)snprintf(set + n, sizeof(set) - n,
					      "%s[%s]", u == used ? "" : ", ",
					      *u);
		return kt_err_set(err, KT_EINVAL,
				  "Option combination \"[%s]\" can't be used "
				  "with option \"[%s]\"%s",
				  set, *invalid, suffix ? suffix : "");
	}
	return 0;
}

int kt_cli_check_one_of(const struct kt_cli *cli, const char *const *names,
			struct kt_err *err)
{
	const char *const *p;
	char list[200];
	size_t n = 0, given = 0;

	for (p = names; *p; p++)
		given += kt_cli_has(cli, *p);
	if (given == 1)
		return 0;
	list[0] = '\0';
	for (p = names; *p && n < sizeof(list); p++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s[%s]",
				      p == names ? "" : ", ", *p);
	return kt_err_set(err, KT_EINVAL,
			  "Exactly one of the following arguments is "
			  "required: %s",
			  list);
}

/* ------------------------------------------------------------------ */
/* java.text.BreakIterator line instance                                */

/* Decode one code point at s (n bytes left); *len gets its byte length.
 * Invalid bytes decode as themselves (one byte). */
static uint32_t decode(const unsigned char *s, size_t n, size_t *len)
{
	uint32_t c = s[0];
	size_t k, need;

	*len = 1;
	if (c < 0x80)
		return c;
	need = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	if (!need || need >= n)
		return c;
	c &= 0x3fu >> need;
	for (k = 1; k <= need; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return s[0];
		c = c << 6 | (s[k] & 0x3fu);
	}
	*len = need + 1;
	return c;
}

/* Java String.length() of the UTF-8 text s[0..n). */
static size_t jlen(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xc0) != 0x80)
			w += c >= 0xf0 ? 2 : 1;
	}
	return w;
}

enum {
	C_BREAK = 1 << 0,
	C_CR = 1 << 1,
	C_GLUE = 1 << 2,
	C_SPACE = 1 << 3,
	C_DASH = 1 << 4,
	C_PRE = 1 << 5,
	C_POST = 1 << 6,
	C_DIGIT = 1 << 7,
	C_MID = 1 << 8,
	C_CHAR = 1 << 9,
	C_KANJI = 1 << 10,
	C_HACK1 = 1 << 11, /* ( */
	C_HACK2 = 1 << 12, /* ) */
	C_HACK3 = 1 << 13, /* $ ' */
	C_IGNORE = 1 << 14,
};

static unsigned cls(uint32_t c)
{
	if (c == 0x03 || c == '\t' || c == '\n' || c == '\f' || c == 0x2028 ||
	    c == 0x2029)
		return C_BREAK;
	if (c == '\r')
		return C_CR;
	if (c == 0xa0 || c == 0x0f0c || c == 0x2007 || c == 0x2011 ||
	    c == 0x202f || c == 0xfeff)
		return C_GLUE;
	if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x200b ||
	    (c >= 0x200c && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064))
		return C_IGNORE;
	if (c == ' ' || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	    c == 0x205f || c == 0x3000)
		return C_SPACE;
	if (c == '-' || c == 0xad || c == 0x058a || c == 0x2010 ||
	    (c >= 0x2012 && c <= 0x2015) || c == 0xfe58 || c == 0xfe63 ||
	    c == 0xff0d)
		return C_DASH;
	switch (c) {
	case '"':
		return C_PRE | C_POST;
	case '\'':
		return C_PRE | C_HACK3;
	case '$':
		return C_PRE | C_HACK3;
	case '(':
		return C_PRE | C_HACK1;
	case '[':
	case '{':
	case 0xab:
	case 0x2018:
	case 0x201c:
	case 0x2039:
		return C_PRE;
	case ')':
		return C_POST | C_HACK2;
	case ']':
	case '}':
	case '!':
	case '%':
	case ':':
	case ';':
	case '?':
	case 0xa2:
	case 0xb0:
	case 0xbb:
	case 0x2019:
	case 0x201d:
	case 0x203a:
	case 0x3001:
	case 0x3002:
		return C_POST;
	case '.':
	case ',':
		return C_POST | C_MID;
	default:
		break;
	}
	if ((c >= 0xa3 && c <= 0xa5) || (c >= 0x20a0 && c <= 0x20cf))
		return C_PRE;
	if (c >= '0' && c <= '9')
		return C_DIGIT | C_CHAR;
	if ((c >= 0x4e00 && c <= 0x9fa5) || (c >= 0xac00 && c <= 0xd7a3) ||
	    (c >= 0x3041 && c <= 0x3094) || (c >= 0x30a1 && c <= 0x30fa))
		return C_KANJI;
	return C_CHAR;
}

/* NFA states of the LineBreakRules main rule:
 * word = pre* (char* | kanji | number) (dash+ | post*)
 * rule = word (((space* glue+ space?) | hack3) word)* space*
 *        ("(" ")" post*)? "\r"? break? */
enum {
	S_W0,  /* word start: pre* */
	S_CC,  /* char* core */
	S_KJ,  /* after one kanji */
	S_N0,  /* number prefix [pre dash]* */
	S_N1,  /* number digits */
	S_N2,  /* number after mid-num, digit needed */
	S_CD,  /* core done */
	S_SD,  /* suffix dashes */
	S_SP,  /* suffix post* */
	S_WE,  /* word end */
	S_J,   /* joining spaces before glue */
	S_G,   /* glue run */
	S_GS,  /* glue + one space */
	S_T0,  /* trailing spaces */
	S_TA,  /* after "(" */
	S_TB,  /* after "()" post* */
	S_T4,  /* before optional \r */
	S_T5,  /* before optional break */
	S_ACC, /* accepting */
};

static uint32_t closure(uint32_t s)
{
	uint32_t prev;

	do {
		prev = s;
		if (s & 1u << S_W0)
			s |= 1u << S_CC | 1u << S_N0 | 1u << S_KJ;
		if (s & 1u << S_CC)
			s |= 1u << S_CD;
		if (s & 1u << S_N1)
			s |= 1u << S_CD;
		if (s & 1u << S_CD)
			s |= 1u << S_SP;
		if (s & (1u << S_SD | 1u << S_SP))
			s |= 1u << S_WE;
		if (s & 1u << S_WE)
			s |= 1u << S_J | 1u << S_T0;
		if (s & (1u << S_G | 1u << S_GS))
			s |= 1u << S_W0;
		if (s & 1u << S_T0)
			s |= 1u << S_T4;
		if (s & 1u << S_TB)
			s |= 1u << S_T4;
		if (s & 1u << S_T4)
			s |= 1u << S_T5;
		if (s & 1u << S_T5)
			s |= 1u << S_ACC;
	} while (s != prev);
	/* S_KJ is "a kanji may come"; only a consumed kanji completes it */
	return s;
}

static uint32_t step(uint32_t s, unsigned c)
{
	uint32_t t = 0;

#define ON(st, m, to)                                                          \
	do {                                                                   \
		if ((s & 1u << (st)) && (c & (m)))                             \
			t |= 1u << (to);                                       \
	} while (0)
	ON(S_W0, C_PRE, S_W0);
	ON(S_CC, C_CHAR, S_CC);
	ON(S_KJ, C_KANJI, S_CD);
	ON(S_N0, C_PRE | C_DASH, S_N0);
	ON(S_N0, C_DIGIT, S_N1);
	ON(S_N1, C_DIGIT, S_N1);
	ON(S_N1, C_MID, S_N2);
	ON(S_N2, C_DIGIT, S_N1);
	ON(S_CD, C_DASH, S_SD);
	ON(S_SD, C_DASH, S_SD);
	ON(S_SP, C_POST, S_SP);
	ON(S_WE, C_HACK3, S_W0);
	ON(S_J, C_SPACE, S_J);
	ON(S_J, C_GLUE, S_G);
	ON(S_G, C_GLUE, S_G);
	ON(S_G, C_SPACE, S_GS);
	ON(S_T0, C_SPACE, S_T0);
	ON(S_T0, C_HACK1, S_TA);
	ON(S_TA, C_HACK2, S_TB);
	ON(S_TB, C_POST, S_TB);
	ON(S_T4, C_CR, S_T5);
	ON(S_T5, C_BREAK, S_ACC);
#undef ON
	/* a break character is final: nothing follows it in the rule */
	if (c & C_BREAK)
		t &= 1u << S_ACC;
	return t ? closure(t) : 0;
}

/* Length in bytes of the segment starting at s (n bytes left): the
 * longest match of the rule, at least one character. */
static size_t segment(const char *s, size_t n)
{
	uint32_t st = closure(1u << S_W0);
	size_t i = 0, last = 0, len;
	uint32_t c;

	while (i < n) {
		unsigned k;

		c = decode((const unsigned char *)s + i, n - i, &len);
		k = cls(c);
		if (k == C_IGNORE) {
			i += len;
			if (st & 1u << S_ACC)
				last = i;
			continue;
		}
		st = step(st, k);
		if (!st)
			break;
		i += len;
		if (st & 1u << S_ACC)
			last = i;
	}
	if (last == 0)
		decode((const unsigned char *)s, n, &last);
	return last;
}

static bool jspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

static void put_piece(struct kt_buf *out, const char *p, size_t n)
{
	while (n > 0 && jspace(p[n - 1])) /* replaceAll("\\s+$", "") */
		n--;
	kt_buf_put(out, p, n);
	kt_buf_put(out, "\n", 1);
}

int kt_cli_wrap(const char *text, size_t width, struct kt_buf *out)
{
	size_t n = strlen(text), i = 0, w = 0, seg, sw;
	struct kt_buf piece;

	kt_buf_init(&piece, 0);
	while (i < n) {
		seg = segment(text + i, n - i);
		sw = jlen(text + i, seg);
		if (w + sw > width) {
			put_piece(out, (const char *)piece.p, piece.len);
			kt_buf_reset(&piece);
			kt_buf_put(&piece, "  ", 2);
			w = 2;
		}
		kt_buf_put(&piece, text + i, seg);
		w += sw;
		i += seg;
	}
	if (piece.len) { /* the last piece keeps its trailing blanks */
		kt_buf_put(out, piece.p, piece.len);
		kt_buf_put(out, "\n", 1);
	}
	if (piece.err && !out->err)
		out->err = piece.err;
	kt_buf_release(&piece);
	return out->err;
}

/* ------------------------------------------------------------------ */
/* help table                                                           */

struct cell {
	char *s; /* owned, NUL-terminated */
	size_t w;
};

struct rowset {
	struct cell *opt, *desc;
	size_t n, cap;
};

static char *xstrndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int rows_add(struct rowset *r, const char *o, size_t on, const char *d,
		    size_t dn)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct cell *no = realloc(r->opt, cap * sizeof(*no));

		if (!no)
			return -KT_ENOMEM;
		r->opt = no;
		no = realloc(r->desc, cap * sizeof(*no));
		if (!no)
			return -KT_ENOMEM;
		r->desc = no;
		r->cap = cap;
	}
	r->opt[r->n].s = xstrndup(o, on);
	r->desc[r->n].s = xstrndup(d, dn);
	if (!r->opt[r->n].s || !r->desc[r->n].s) {
		free(r->opt[r->n].s);
		free(r->desc[r->n].s);
		return -KT_ENOMEM;
	}
	r->opt[r->n].w = jlen(o, on);
	r->desc[r->n].w = jlen(d, dn);
	r->n++;
	return 0;
}

static void rows_free(struct rowset *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->opt[i].s);
		free(r->desc[i].s);
	}
	free(r->opt);
	free(r->desc);
	memset(r, 0, sizeof(*r));
}

static void widths(const struct rowset *r, size_t *ow, size_t *dw)
{
	size_t i, wo = 0, wd = 0;

	for (i = 0; i < r->n; i++) {
		if (r->opt[i].w > wo)
			wo = r->opt[i].w;
		if (r->desc[i].w > wd)
			wd = r->desc[i].w;
	}
	*ow = wo < (80 - 2) / 2 ? wo : (80 - 2) / 2;
	*dw = 80 - *ow - 2 < wd ? 80 - *ow - 2 : wd;
}

/* jopt's piecesOf: trim, split at '\n' (trailing empty parts dropped, as
 * String.split does), wrap each part. Pieces go to out, '\n'-terminated. */
static int pieces(const char *raw, size_t width, struct kt_buf *out)
{
	size_t n = strlen(raw), a = 0, b;
	char *line;

	while (a < n && (unsigned char)raw[a] <= ' ')
		a++;
	while (n > a && (unsigned char)raw[n - 1] <= ' ')
		n--;
	while (a < n) {
		b = a;
		while (b < n && raw[b] != '\n')
			b++;
		line = xstrndup(raw + a, b - a);
		if (!line)
			return out->err = -KT_ENOMEM;
		kt_cli_wrap(line, width, out);
		free(line);
		a = b + 1;
	}
	return out->err;
}

/* Split '\n'-terminated pieces into a string array view: returns count. */
static size_t split_pieces(struct kt_buf *b, const char **v, size_t max)
{
	size_t n = 0, i, start = 0;

	for (i = 0; i < b->len && n < max; i++)
		if (b->p[i] == '\n') {
			b->p[i] = '\0';
			v[n++] = (const char *)b->p + start;
			start = i + 1;
		}
	return n;
}

static int cmp_names(const void *a, const void *b)
{
	const struct kt_opt *x = *(const struct kt_opt *const *)a;
	const struct kt_opt *y = *(const struct kt_opt *const *)b;

	return strcmp(x->name, y->name);
}

static bool visible(const struct kt_opt *o, unsigned flags)
{
	if (o->flags & KT_HIDDEN)
		return false;
	return !((flags & KT_USAGE_APACHE) && (o->flags & KT_EXT));
}

/* The rows of visible options sorted by name, as an allocated array. */
static const struct kt_opt **sorted_rows(const struct kt_opt *opts,
					 unsigned flags, size_t *count)
{
	size_t n = count_rows(opts), i, k = 0;
	const struct kt_opt **v = malloc((n + 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (i = 0; i < n; i++)
		if (visible(&opts[i], flags))
			v[k++] = &opts[i];
	qsort(v, k, sizeof(*v), cmp_names);
	*count = k;
	return v;
}

static const char *type_name(const struct kt_opt *o)
{
	if (o->flags & KT_INT)
		return "Integer";
	if (o->flags & KT_LONG)
		return "Long";
	return "String";
}

/* createOptionDisplay / createDescriptionDisplay */
static void option_cell(const struct kt_opt *o, struct kt_buf *b)
{
	kt_buf_printf(b, "%s%s", strlen(o->name) > 1 ? "--" : "-", o->name);
	if (!takes_arg(o))
		return;
	kt_buf_printf(b, " %c%s%s%s%c", (o->flags & KT_ARG) ? '<' : '[',
		      type_name(o), o->arg && o->arg[0] ? ": " : "",
		      o->arg ? o->arg : "", (o->flags & KT_ARG) ? '>' : ']');
}

static void desc_cell(const struct kt_opt *o, struct kt_buf *b)
{
	const char *h = o->help ? o->help : "";
	size_t a = 0, n;

	if (!o->def) {
		kt_buf_puts(b, h);
		return;
	}
	/* (description + ' ' + "(default: X)").trim() */
	kt_buf_printf(b, "%s (default: %s)", h, o->def);
	n = b->len;
	while (a < n && b->p[a] <= ' ')
		a++;
	while (n > a && b->p[n - 1] <= ' ')
		n--;
	memmove(b->p, b->p + a, n - a);
	b->len = n - a;
}

int kt_cli_usage(const struct kt_opt *opts, unsigned flags, struct kt_buf *out)
{
	struct rowset raw = {0}, fit = {0};
	struct kt_buf ob, db, po, pd;
	const struct kt_opt **v;
	size_t n, i, k, ow, dw, no, nd;
	const char **vo = NULL, **vd = NULL;
	int rc = -KT_ENOMEM;

	v = sorted_rows(opts, flags, &n);
	if (!v)
		return out->err = -KT_ENOMEM;
	kt_buf_init(&ob, 0);
	kt_buf_init(&db, 0);
	kt_buf_init(&po, 0);
	kt_buf_init(&pd, 0);
	if (rows_add(&raw, "Option", 6, "Description", 11) ||
	    rows_add(&raw, "------", 6, "-----------", 11))
		goto out;
	for (i = 0; i < n; i++) {
		kt_buf_reset(&ob);
		kt_buf_reset(&db);
		option_cell(v[i], &ob);
		desc_cell(v[i], &db);
		if (ob.err || db.err ||
		    rows_add(&raw, ob.len ? (const char *)ob.p : "", ob.len,
			     db.len ? (const char *)db.p : "", db.len))
			goto out;
	}
	widths(&raw, &ow, &dw);
	for (i = 0; i < raw.n; i++) {
		kt_buf_reset(&po);
		kt_buf_reset(&pd);
		pieces(raw.opt[i].s, ow, &po);
		pieces(raw.desc[i].s, dw, &pd);
		if (po.err || pd.err)
			goto out;
		free(vo);
		free(vd);
		vo = malloc((po.len + 1) * sizeof(*vo));
		vd = malloc((pd.len + 1) * sizeof(*vd));
		if (!vo || !vd)
			goto out;
		no = split_pieces(&po, vo, po.len + 1);
		nd = split_pieces(&pd, vd, pd.len + 1);
		for (k = 0; k < no || k < nd; k++) {
			const char *a = k < no ? vo[k] : "";
			const char *d = k < nd ? vd[k] : "";

			if (rows_add(&fit, a, strlen(a), d, strlen(d)))
				goto out;
		}
	}
	widths(&fit, &ow, &dw);
	for (i = 0; i < fit.n; i++) {
		kt_buf_puts(out, fit.opt[i].s);
		for (k = fit.opt[i].w; k < ow; k++)
			kt_buf_put(out, " ", 1);
		kt_buf_put(out, "  ", 2);
		kt_buf_puts(out, fit.desc[i].s);
		for (k = fit.desc[i].w; k < dw; k++)
			kt_buf_put(out, " ", 1);
		kt_buf_put(out, "\n", 1);
	}
	rc = out->err;
out:
	free(vo);
	free(vd);
	free(v);
	rows_free(&raw);
	rows_free(&fit);
	kt_buf_release(&ob);
	kt_buf_release(&db);
	kt_buf_release(&po);
	kt_buf_release(&pd);
	if (rc && !out->err)
		out->err = rc;
	return rc;
}

int kt_cli_usage_msg(const struct kt_opt *opts, const char *msg, unsigned flags,
		     struct kt_buf *out)
{
	kt_buf_puts(out, msg);
	kt_buf_put(out, "\n", 1);
	return kt_cli_usage(opts, flags, out);
}

/* ------------------------------------------------------------------ */
/* generators: man page and completions                                 */

/* Write s with the characters special in the target escaped. */
enum esc_kind { ESC_ROFF, ESC_SQ, ESC_ZSH_DESC };

static void put_esc(struct kt_buf *b, const char *s, enum esc_kind k)
{
	for (; *s; s++) {
		char c = *s;

		switch (k) {
		case ESC_ROFF:
			if (c == '\\')
				kt_buf_puts(b, "\\e");
			else if (c == '-')
				kt_buf_puts(b, "\\-");
			else if (c == '\t')
				kt_buf_puts(b, "    ");
			else if (c == '\n')
				kt_buf_puts(b, "\n.br\n");
			else if ((c == '.' || c == '\'') &&
				 (b->len == 0 || b->p[b->len - 1] == '\n'))
				kt_buf_printf(b, "\\&%c", c);
			else
				kt_buf_put(b, &c, 1);
			break;
		case ESC_SQ:
			if (c == '\'')
				kt_buf_puts(b, "'\\''");
			else if (c == '\n' || c == '\t')
				kt_buf_put(b, " ", 1);
			else
				kt_buf_put(b, &c, 1);
			break;
		case ESC_ZSH_DESC:
			if (c == '\'')
				kt_buf_puts(b, "'\\''");
			else if (c == '[' || c == ']' || c == ':' || c == '\\')
				kt_buf_printf(b, "\\%c", c);
			else if (c == '\n' || c == '\t')
				kt_buf_put(b, " ", 1);
			else
				kt_buf_put(b, &c, 1);
			break;
		}
	}
}

/* First sentence of the help (up to ". " or a newline), for one-line
 * descriptions in completion menus. */
static void short_help(const struct kt_opt *o, struct kt_buf *b)
{
	const char *h = o->help ? o->help : "";
	size_t n = 0;

	while (h[n] && h[n] != '\n' && !(h[n] == '.' && h[n + 1] == ' '))
		n++;
	if (n > 100) { /* cut at a word boundary */
		n = 97;
		while (n > 0 && h[n] != ' ')
			n--;
		kt_buf_put(b, h, n);
		kt_buf_puts(b, "...");
		return;
	}
	kt_buf_put(b, h, n);
	kt_buf_puts(b, "");
}

/* Start b as the shell-safe function-name stem of name, NUL-terminated:
 * kafka-topics -> kafka_topics. The caller releases b. */
static void ident_init(struct kt_buf *b, const char *name)
{
	kt_buf_init(b, 0);
	for (; *name; name++) {
		char c = *name;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			c = '_';
		kt_buf_put(b, &c, 1);
	}
	kt_buf_puts(b, "");
}

static const char *lister(enum kt_comp c)
{
	return c == KT_COMP_GROUP ? "kafka-consumer-groups" : "kafka-topics";
}

static void gen_man(const struct kt_cli_tool *t, const struct kt_opt **v,
		    size_t n, struct kt_buf *b)
{
	size_t i;

	kt_buf_printf(b,
		      ".\\\" Generated by kafkit from the option table of %s "
		      "(KAFKIT_GENERATE=man %s).\n"
		      ".\\\" Edit the table, not this file.\n",
		      t->name, t->name);
	kt_buf_printf(b, ".TH %s 1 \"\" \"kafkit\" \"kafkit manual\"\n",
		      t->name);
	kt_buf_puts(b, ".SH NAME\n");
	put_esc(b, t->name, ESC_ROFF);
	kt_buf_puts(b, " \\- ");
	put_esc(b, t->summary ? t->summary : "", ESC_ROFF);
	kt_buf_puts(b, "\n.SH SYNOPSIS\n.B ");
	put_esc(b, t->name, ESC_ROFF);
	kt_buf_puts(b, "\n[\\fIOPTION\\fR]...\n.SH DESCRIPTION\n");
	put_esc(b, t->usage ? t->usage : "", ESC_ROFF);
	if (t->description) {
		kt_buf_puts(b, "\n.PP\n");
		kt_buf_puts(b, t->description);
	}
	kt_buf_puts(b, "\n.PP\nOptions are long options only: "
		       "\\fB\\-\\-name value\\fR, \\fB\\-\\-name=value\\fR "
		       "and \\fB\\-name value\\fR are accepted; abbreviations "
		       "are not. \\fB\\-\\-\\fR ends the options.\n"
		       ".SH OPTIONS\n");
	for (i = 0; i < n; i++) {
		const struct kt_opt *o = v[i];

		kt_buf_puts(b, ".TP\n.B \\-\\-");
		put_esc(b, o->name, ESC_ROFF);
		if (takes_arg(o)) {
			kt_buf_puts(b, (o->flags & KT_ARG) ? " <" : " [");
			put_esc(b, o->arg && o->arg[0] ? o->arg : type_name(o),
				ESC_ROFF);
			kt_buf_puts(b, (o->flags & KT_ARG) ? ">" : "]");
		}
		kt_buf_puts(b, "\n");
		put_esc(b, o->help ? o->help : "", ESC_ROFF);
		if (o->def) {
			kt_buf_puts(b, " (default: ");
			put_esc(b, o->def, ESC_ROFF);
			kt_buf_puts(b, ")");
		}
		if (o->flags & KT_MULTI)
			kt_buf_puts(b, " May be given more than once.");
		if (o->flags & KT_EXT)
			kt_buf_puts(b, " (kafkit extension)");
		kt_buf_puts(b, "\n");
	}
	for (i = 0; t->sections && t->sections[i].title; i++) {
		kt_buf_printf(b, ".SH %s\n", t->sections[i].title);
		kt_buf_puts(b, t->sections[i].roff);
		if (b->len && b->p[b->len - 1] != '\n')
			kt_buf_puts(b, "\n");
	}
	if (t->man_extra) {
		kt_buf_puts(b, t->man_extra);
	} else if (t->exit_status) {
		kt_buf_puts(b, ".SH EXIT STATUS\n");
		kt_buf_puts(b, t->exit_status);
		if (b->len && b->p[b->len - 1] != '\n')
			kt_buf_puts(b, "\n");
	} else {
		kt_buf_puts(b, ".SH EXIT STATUS\n"
			       "0 on success; 1 for a usage error (the message "
			       "and the option table are printed on standard "
			       "error) and for a failed action.\n");
	}
	kt_buf_puts(b, ".SH SEE ALSO\n"
		       ".BR kafka-topics (1),\n"
		       ".BR kafka-console-producer (1),\n"
		       ".BR kafka-console-consumer (1),\n"
		       ".BR kafka-consumer-groups (1),\n"
		       ".BR kafka-dump-log (1)\n");
}

/* bash: complete option names, then values of the option before the
 * cursor. Topic and group names come from the tool itself when
 * --bootstrap-server is already on the line (5 s timeout, errors hidden). */
static void gen_bash(const struct kt_cli_tool *t, const struct kt_opt **v,
		     size_t n, struct kt_buf *b)
{
	struct kt_buf id;
	size_t i;

	ident_init(&id, t->name);
	kt_buf_printf(b,
		      "# bash completion for %s\n"
		      "# Generated by kafkit from the option table of %s "
		      "(KAFKIT_GENERATE=bash %s).\n"
		      "# Edit the table, not this file.\n\n",
		      t->name, t->name, t->name);
	kt_buf_printf(b,
		      "_kafkit_%s()\n{\n"
		      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= bs= cc= "
		      "i w\n"
		      "\t[ \"$COMP_CWORD\" -gt 0 ] && "
		      "prev=${COMP_WORDS[COMP_CWORD-1]}\n"
		      "\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
		      "\t\tw=${COMP_WORDS[i]}\n"
		      "\t\tcase $w in\n"
		      "\t\t--bootstrap-server | -bootstrap-server) "
		      "bs=${COMP_WORDS[i+1]} ;;\n"
		      "\t\t--command-config | -command-config) "
		      "cc=${COMP_WORDS[i+1]} ;;\n"
		      "\t\tesac\n"
		      "\tdone\n"
		      "\tcase $prev in\n",
		      (const char *)id.p);
	for (i = 0; i < n; i++) {
		const struct kt_opt *o = v[i];

		if (!takes_arg(o))
			continue;
		kt_buf_printf(b, "\t--%s | -%s)\n\t\t", o->name, o->name);
		switch (o->comp) {
		case KT_COMP_FILE:
			if (o->comp_arg) {
				kt_buf_puts(b,
					    "compopt -o filenames 2>/dev/null\n"
					    "\t\tCOMPREPLY=($(compgen -d -- "
					    "\"$cur\"))\n"
					    "\t\tfor w in ");
				kt_buf_puts(b, o->comp_arg);
				kt_buf_puts(b,
					    "; do\n\t\t\tCOMPREPLY+=($(compgen "
					    "-f -X \"!*.$w\" -- \"$cur\"))\n"
					    "\t\tdone\n");
			} else {
				kt_buf_puts(b,
					    "compopt -o filenames 2>/dev/null\n"
					    "\t\tCOMPREPLY=($(compgen -f -- "
					    "\"$cur\"))\n");
			}
			break;
		case KT_COMP_VALUES:
			kt_buf_puts(b, "COMPREPLY=($(compgen -W '");
			put_esc(b, o->comp_arg ? o->comp_arg : "", ESC_SQ);
			kt_buf_puts(b, "' -- \"$cur\"))\n");
			break;
		case KT_COMP_TOPIC:
		case KT_COMP_GROUP:
			kt_buf_printf(b,
				      "[ -n \"$bs\" ] && COMPREPLY=($(compgen "
				      "-W \"$(timeout 5 %s --bootstrap-server "
				      "\"$bs\" ${cc:+--command-config \"$cc\"} "
				      "--list 2>/dev/null)\" -- \"$cur\"))\n",
				      lister(o->comp));
			break;
		case KT_COMP_HOST:
			kt_buf_puts(b, "COMPREPLY=($(compgen -A hostname -S "
				       ":9092 -- \"$cur\"))\n");
			break;
		default:
			kt_buf_puts(b, ":\n");
			break;
		}
		kt_buf_puts(b, "\t\treturn\n\t\t;;\n");
	}
	kt_buf_puts(b, "\tesac\n\tCOMPREPLY=($(compgen -W '");
	for (i = 0; i < n; i++)
		kt_buf_printf(b, "%s--%s", i ? " " : "", v[i]->name);
	kt_buf_puts(b, "' -- \"$cur\"))\n}\n");
	kt_buf_printf(b, "complete -F _kafkit_%s %s\n", (const char *)id.p,
		      t->name);
	kt_buf_release(&id);
}

static void gen_zsh(const struct kt_cli_tool *t, const struct kt_opt **v,
		    size_t n, struct kt_buf *b)
{
	struct kt_buf id;
	size_t i;

	ident_init(&id, t->name);
	kt_buf_printf(b,
		      "#compdef %s\n"
		      "# zsh completion for %s\n"
		      "# Generated by kafkit from the option table of %s "
		      "(KAFKIT_GENERATE=zsh %s).\n"
		      "# Edit the table, not this file.\n\n",
		      t->name, t->name, t->name, t->name);
	kt_buf_printf(
		b,
		"_kafkit_%s_list() {\n"
		"\tlocal i bs cc\n"
		"\tfor ((i = 2; i < CURRENT; i++)); do\n"
		"\t\tcase ${words[i]} in\n"
		"\t\t--bootstrap-server|-bootstrap-server) "
		"bs=${words[i+1]} ;;\n"
		"\t\t--bootstrap-server=*) bs=${words[i]#*=} ;;\n"
		"\t\t--command-config|-command-config) "
		"cc=${words[i+1]} ;;\n"
		"\t\tesac\n"
		"\tdone\n"
		"\t[[ -n $bs ]] || return 1\n"
		"\tlocal -a names\n"
		"\tnames=(${(f)\"$(timeout 5 $2 --bootstrap-server "
		"$bs ${cc:+--command-config $cc} --list 2>/dev/null)\"})\n"
		"\t_describe -t $1 $1 names\n"
		"}\n\n"
		"_arguments -s -S \\\n",
		(const char *)id.p);
	for (i = 0; i < n; i++) {
		const struct kt_opt *o = v[i];
		struct kt_buf h;

		kt_buf_init(&h, 0);
		short_help(o, &h);
		kt_buf_puts(b, "\t'");
		if (o->flags & KT_MULTI)
			kt_buf_puts(b, "*");
		kt_buf_printf(b, "--%s", o->name);
		if (o->flags & KT_ARG)
			kt_buf_puts(b, "=");
		else if (o->flags & KT_OPTARG)
			kt_buf_puts(b, "=-");
		kt_buf_puts(b, "[");
		put_esc(b, h.len ? (const char *)h.p : "", ESC_ZSH_DESC);
		kt_buf_puts(b, "]");
		kt_buf_release(&h);
		if (takes_arg(o)) {
			kt_buf_puts(b, (o->flags & KT_OPTARG) ? "::" : ":");
			put_esc(b, o->arg && o->arg[0] ? o->arg : type_name(o),
				ESC_ZSH_DESC);
			kt_buf_puts(b, ":");
			switch (o->comp) {
			case KT_COMP_FILE:
				if (o->comp_arg) {
					const char *p = o->comp_arg;

					kt_buf_puts(b, "_files -g \"*.(");
					for (; *p; p++)
						kt_buf_put(b,
							   *p == ' ' ? "|" : p,
							   1);
					kt_buf_puts(b, ")\"");
				} else {
					kt_buf_puts(b, "_files");
				}
				break;
			case KT_COMP_VALUES:
				kt_buf_puts(b, "(");
				put_esc(b, o->comp_arg ? o->comp_arg : "",
					ESC_ZSH_DESC);
				kt_buf_puts(b, ")");
				break;
			case KT_COMP_TOPIC:
			case KT_COMP_GROUP:
				kt_buf_printf(b, "_kafkit_%s_list %s %s",
					      (const char *)id.p,
					      o->comp == KT_COMP_TOPIC
						      ? "topics"
						      : "groups",
					      lister(o->comp));
				break;
			case KT_COMP_HOST:
				kt_buf_puts(b, "_hosts");
				break;
			default:
				kt_buf_puts(b, " ");
				break;
			}
		}
		kt_buf_puts(b, "' \\\n");
	}
	kt_buf_puts(b, "\t&& return 0\n");
	kt_buf_release(&id);
}

static void gen_fish(const struct kt_cli_tool *t, const struct kt_opt **v,
		     size_t n, struct kt_buf *b)
{
	struct kt_buf id;
	size_t i;

	ident_init(&id, t->name);
	kt_buf_printf(b,
		      "# fish completion for %s\n"
		      "# Generated by kafkit from the option table of %s "
		      "(KAFKIT_GENERATE=fish %s).\n"
		      "# Edit the table, not this file.\n\n",
		      t->name, t->name, t->name);
	kt_buf_printf(b,
		      "function __kafkit_%s_list\n"
		      "\tset -l toks (commandline -opc)\n"
		      "\tset -l bs\n\tset -l cc\n"
		      "\tfor i in (seq (count $toks))\n"
		      "\t\tswitch $toks[$i]\n"
		      "\t\tcase --bootstrap-server -bootstrap-server\n"
		      "\t\t\tset bs $toks[(math $i + 1)]\n"
		      "\t\tcase '--bootstrap-server=*'\n"
		      "\t\t\tset bs (string replace -- "
		      "--bootstrap-server= '' $toks[$i])\n"
		      "\t\tcase --command-config -command-config\n"
		      "\t\t\tset cc --command-config $toks[(math $i + 1)]\n"
		      "\t\tend\n"
		      "\tend\n"
		      "\ttest -n \"$bs\"; or return\n"
		      "\ttimeout 5 $argv[1] --bootstrap-server $bs $cc --list "
		      "2>/dev/null\n"
		      "end\n\n"
		      "complete -c %s -f\n",
		      (const char *)id.p, t->name);
	for (i = 0; i < n; i++) {
		const struct kt_opt *o = v[i];
		struct kt_buf h;

		kt_buf_init(&h, 0);
		short_help(o, &h);
		kt_buf_printf(b, "complete -c %s -l '", t->name);
		put_esc(b, o->name, ESC_SQ);
		kt_buf_puts(b, "'");
		/* -x: an argument, and no file names unless the option
		 * takes a file (-F below) */
		if (o->flags & KT_ARG)
			kt_buf_puts(b, o->comp == KT_COMP_FILE ? " -r" : " -x");
		switch (takes_arg(o) ? o->comp : KT_COMP_NONE) {
		case KT_COMP_FILE:
			kt_buf_puts(b, " -F");
			if (o->comp_arg) {
				const char *p = o->comp_arg, *e;

				kt_buf_puts(b, " -a '(__fish_complete_suffix");
				while (*p) {
					e = strchr(p, ' ');
					if (!e)
						e = p + strlen(p);
					kt_buf_printf(b, " .%.*s", (int)(e - p),
						      p);
					p = *e ? e + 1 : e;
				}
				kt_buf_puts(b, ")'");
			}
			break;
		case KT_COMP_VALUES:
			kt_buf_puts(b, " -a '");
			put_esc(b, o->comp_arg ? o->comp_arg : "", ESC_SQ);
			kt_buf_puts(b, "'");
			break;
		case KT_COMP_TOPIC:
		case KT_COMP_GROUP:
			kt_buf_printf(b, " -a '(__kafkit_%s_list %s)'",
				      (const char *)id.p, lister(o->comp));
			break;
		case KT_COMP_HOST:
			kt_buf_puts(b, " -a '(__fish_print_hostnames)'");
			break;
		default:
			break;
		}
		kt_buf_puts(b, " -d '");
		put_esc(b, h.len ? (const char *)h.p : "", ESC_SQ);
		kt_buf_puts(b, "'\n");
		kt_buf_release(&h);
	}
	kt_buf_release(&id);
}

int kt_cli_generate(const struct kt_cli_tool *tool, const char *kind,
		    struct kt_buf *out, struct kt_err *err)
{
	const struct kt_opt **v;
	size_t n;

	v = sorted_rows(tool->opts, 0, &n);
	if (!v)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	if (strcmp(kind, "man") == 0)
		gen_man(tool, v, n, out);
	else if (strcmp(kind, "bash") == 0)
		gen_bash(tool, v, n, out);
	else if (strcmp(kind, "zsh") == 0)
		gen_zsh(tool, v, n, out);
	else if (strcmp(kind, "fish") == 0)
		gen_fish(tool, v, n, out);
	else {
		free(v);
		return kt_err_set(err, KT_EINVAL,
				  "unknown generator '%s' (want bash, zsh, "
				  "fish or man)",
				  kind);
	}
	free(v);
	if (out->err)
		return kt_err_set(err, out->err, "generating %s for %s: %s",
				  kind, tool->name, kt_strerror(out->err));
	return 0;
}
