/*
 * java/jregex.c - java.util.regex.Pattern syntax (Java 17, no flags but a
 * leading (?i)) translated to POSIX extended regular expressions, as
 * described in jregex.h. Where Java's parser has quirks, the checks follow
 * what Pattern.compile does, not its documentation: each was tried on
 * Java 17, and the whole was compared with Java on some 10000 random
 * patterns (compile, matches, String.split).
 *
 * As Java, \Q..\E is first turned into escapes (remove_qe), then the
 * pattern is parsed once. A construct kafkit cannot translate is noted
 * and the parse goes on, so that a later syntax error still makes the
 * pattern "invalid" rather than "unsupported". A class is collected as a
 * set (ASCII bitmap, "every non-ASCII character", a list of non-ASCII
 * characters) and written after its ']', because POSIX brackets have no
 * escapes and rules of their own for ']', '^' and '-'; non-ASCII members
 * become alternatives of UTF-8 byte sequences.
 */
#include "java/jregex.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

/* The ceiling of kt_jregex_compile's ERE: a pattern of many '.'s grows
 * some 150 times. */
#define ERE_MAX (1u << 20)
#define HIGH_MAX 64	  /* non-ASCII characters listed in one class */
#define NOT_CHAR (-1000L) /* char_escape: not a character escape */

/* One UTF-8 character, lead byte 0xc0.. with its continuation bytes, as
 * Java sees one char (or one surrogate pair). */
#define MB                                                                     \
	"[\xc0-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf][\x80-\xbf]|"            \
	"[\xf0-\xf7][\x80-\xbf][\x80-\xbf][\x80-\xbf]"

/* Java's '.': any character but the line terminators \n \r U+0085 U+2028
 * U+2029. */
#define DOT                                                                    \
	"([^\n\r\x80-\xff]|[\xc0\xc1\xc3-\xdf][\x80-\xbf]|"                    \
	"\xc2[\x80-\x84\x86-\xbf]|[\xe0\xe1\xe3-\xef][\x80-\xbf][\x80-\xbf]|"  \
	"\xe2[\x81-\xbf][\x80-\xbf]|\xe2\x80[\x80-\xa7\xaa-\xbf]|"             \
	"[\xf0-\xf7][\x80-\xbf][\x80-\xbf][\x80-\xbf])"

/* A class that matches nothing: 'x' then a beginning of line, which
 * cannot be (no REG_NEWLINE). */
#define NOTHING "(x^)"

/* Nested classes ([a[b]]) are parsed, to tell a Java syntax error from an
 * unsupported pattern, by recursion: this deep and no deeper. */
#define NEST_MAX 32

struct tr {
	const char *p;
	size_t n, i;
	enum kt_jregex_mode mode;
	struct kt_buf *out;
	struct kt_err *err;
	int depth;	 /* open groups */
	int nest;	 /* open classes */
	const char *why; /* the first construct kafkit cannot translate */
};

/* A character class being collected. */
struct cset {
	uint8_t ascii[16]; /* bitmap of 0..127 */
	bool high_all;	   /* every character from U+0080 on */
	uint32_t high[HIGH_MAX];
	size_t n_high;
};

static int syntax(struct tr *t, const char *what)
{
	return kt_err_set(t->err, KT_ESYNTAX, "%s", what);
}

/*
 * Something Java accepts and kafkit cannot translate: noted, and the parse
 * goes on, because a syntax error later in the pattern makes Java reject
 * the whole of it, and that is the better message. Returns 0.
 */
static int unsupported(struct tr *t, const char *what)
{
	if (!t->why)
		t->why = what;
	return 0;
}

/* Something after which the rest cannot be parsed as Java would (the
 * COMMENTS flag changes the syntax): unsupported, at once. */
static int give_up(struct tr *t, const char *what)
{
	return kt_err_set(t->err, KT_EUNSUPPORTED, "%s", what);
}

/* A byte of the pattern that is not UTF-8 (Java would have seen U+FFFD):
 * skipped, as some character. */
static long bad_byte(struct tr *t)
{
	unsupported(t, "a byte that is not UTF-8");
	t->i++;
	return '?';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Decode the UTF-8 character at p[*i]; returns it, or -1 (nothing used)
 * when the bytes there are not UTF-8. */
static long utf8_next(const char *p, size_t n, size_t *i)
{
	const uint8_t *u = (const uint8_t *)p + *i;
	size_t left = n - *i, len, k;
	uint32_t c = u[0];

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, c &= 0x07;
	else
		return -1;
	if (left < len)
		return -1;
	for (k = 1; k < len; k++) {
		if ((u[k] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (u[k] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*i += len;
	return (long)c;
}

/* One literal character outside a class, as one quantifiable atom. */
static void put_literal(struct kt_buf *b, uint32_t cp)
{
	if (cp == 0) {
		/* no NUL in a C pattern: the class of everything else's
		 * complement */
		kt_buf_puts(b, "[^\x01-\xff]");
		return;
	}
	if (cp < 0x80) {
		if (strchr(".[]()*+?{}|^$\\", (int)cp))
			kt_buf_put(b, "\\", 1);
		kt_buf_put_utf8(b, cp);
		return;
	}
	kt_buf_put(b, "(", 1);
	kt_buf_put_utf8(b, cp);
	kt_buf_put(b, ")", 1);
}

/* Classes ---------------------------------------------------------------- */

static bool cset_has(const struct cset *s, int c)
{
	return s->ascii[c >> 3] & (1u << (c & 7));
}

static void cset_add_range(struct cset *s, int lo, int hi)
{
	int c;

	for (c = lo; c <= hi && c < 128; c++)
		s->ascii[c >> 3] |= (uint8_t)(1u << (c & 7));
}

/* The ASCII members of one of Java's predefined classes (without
 * UNICODE_CHARACTER_CLASS), by its escape letter or POSIX name. */
static bool named_class(struct cset *s, const char *name, size_t len)
{
	static const struct {
		const char *name;
		const char *ranges; /* pairs of bounds */
	} classes[] = {
		{"d", "09"},	      {"s", "\t\r  "},
		{"w", "09AZ__az"},    {"Lower", "az"},
		{"Upper", "AZ"},      {"ASCII", "\x01\x7f"},
		{"Alpha", "AZaz"},    {"Digit", "09"},
		{"Alnum", "09AZaz"},  {"Punct", "!/:@[`{~"},
		{"Graph", "!~"},      {"Print", " ~"},
		{"Blank", "  \t\t"},  {"Cntrl", "\x01\x1f\x7f\x7f"},
		{"XDigit", "09AFaf"}, {"Space", "\t\r  "},
	};
	size_t k;
	const char *r;

	for (k = 0; k < sizeof(classes) / sizeof(classes[0]); k++) {
		if (strlen(classes[k].name) != len ||
		    memcmp(classes[k].name, name, len) != 0)
			continue;
		for (r = classes[k].ranges; *r; r += 2)
			cset_add_range(s, (uint8_t)r[0], (uint8_t)r[1]);
		if (strcmp(classes[k].name, "ASCII") == 0 ||
		    strcmp(classes[k].name, "Cntrl") == 0)
			cset_add_range(s, 0, 0);
		return true;
	}
	return false;
}

/* Complement a set (a negated class or \D-like escape). */
static void cset_negate(struct tr *t, struct cset *s)
{
	size_t k;

	if (s->n_high && !s->high_all)
		unsupported(t, "a negated class with non-ASCII characters");
	for (k = 0; k < sizeof(s->ascii); k++)
		s->ascii[k] = (uint8_t)~s->ascii[k];
	s->high_all = !s->high_all;
	s->n_high = 0;
}

static void cset_union(struct cset *s, const struct cset *o)
{
	size_t k;

	for (k = 0; k < sizeof(s->ascii); k++)
		s->ascii[k] |= o->ascii[k];
	s->high_all = s->high_all || o->high_all;
	/* o never lists characters: it is a predefined class */
}

static int cset_add_char(struct tr *t, struct cset *s, uint32_t cp)
{
	size_t k;

	if (cp < 128) {
		cset_add_range(s, (int)cp, (int)cp);
		return 0;
	}
	for (k = 0; k < s->n_high; k++)
		if (s->high[k] == cp)
			return 0;
	if (s->n_high == HIGH_MAX)
		return unsupported(t, "a class of this many non-ASCII "
				      "characters");
	s->high[s->n_high++] = cp;
	return 0;
}

/* Whether c may stay in a range with c - 1: never ']' '^' '-', and never
 * across a letter boundary, because glibc case-folds the ends of a range
 * under REG_ICASE ("[_-d]" becomes an invalid "_-D"). */
static bool joins(const struct cset *s, bool want, int c)
{
	return c < 128 && cset_has(s, c) == want && c != ']' && c != '^' &&
	       c != '-' && is_alpha((char)c) == is_alpha((char)(c - 1));
}

/* Characters of a bracket, with runs as ranges; ']' '^' '-' are left to
 * the caller, which places them where POSIX reads them literally. */
static void put_members(struct kt_buf *b, const struct cset *s, bool want)
{
	int c = 1, e;

	while (c < 128) {
		if (cset_has(s, c) != want || c == ']' || c == '^' ||
		    c == '-') {
			c++;
			continue;
		}
		for (e = c; joins(s, want, e + 1); e++)
			;
		if (e - c >= 2) {
			uint8_t r[3] = {(uint8_t)c, '-', (uint8_t)e};

			kt_buf_put(b, r, 3);
		} else {
			for (; c <= e; c++) {
				uint8_t ch = (uint8_t)c;

				kt_buf_put(b, &ch, 1);
			}
		}
		c = e + 1;
	}
}

/* The ASCII part as one bracket expression (s has at least one ASCII
 * member). */
static void put_ascii(struct kt_buf *b, const struct cset *s)
{
	bool neg = cset_has(s, 0); /* NUL: only a negated bracket has it */
	bool close = cset_has(s, ']') != neg, caret = cset_has(s, '^') != neg;
	bool dash = cset_has(s, '-') != neg;
	size_t start;

	kt_buf_puts(b, neg ? "[^" : "[");
	if (close)
		kt_buf_puts(b, "]");
	start = b->len;
	put_members(b, s, !neg);
	if (neg)
		kt_buf_puts(b, "\x80-\xff");
	if (caret) {
		if (!neg && !close && b->len == start) {
			/* "[^" would negate: '^' must not come first */
			b->len -= 1;
			kt_buf_puts(b, dash ? "[-^]" : "\\^");
			return;
		}
		kt_buf_puts(b, "^");
	}
	if (dash)
		kt_buf_puts(b, "-");
	kt_buf_puts(b, "]");
}

static void put_cset(struct kt_buf *b, const struct cset *s)
{
	bool ascii = false;
	size_t parts, k;
	int c;

	for (c = 0; c < 128 && !ascii; c++)
		ascii = cset_has(s, c);
	parts = (ascii ? 1 : 0) + (s->high_all ? 1 : 0) + s->n_high;
	if (parts == 0) {
		kt_buf_puts(b, NOTHING);
		return;
	}
	if (parts == 1 && ascii) {
		put_ascii(b, s);
		return;
	}
	kt_buf_puts(b, "(");
	if (ascii) {
		put_ascii(b, s);
		if (--parts)
			kt_buf_puts(b, "|");
	}
	if (s->high_all) {
		kt_buf_puts(b, MB);
		if (--parts)
			kt_buf_puts(b, "|");
	}
	for (k = 0; k < s->n_high; k++) {
		kt_buf_put_utf8(b, s->high[k]);
		if (--parts)
			kt_buf_puts(b, "|");
	}
	kt_buf_puts(b, ")");
}

/* Escapes ---------------------------------------------------------------- */

/* \p{Name}, \pX, \P..: p[t->i] is the letter after 'p' or 'P'. Fills s
 * (complemented for \P). */
static int property(struct tr *t, bool neg, struct cset *s)
{
	const char *name;
	size_t len;

	if (t->i >= t->n)
		return syntax(t, "unknown character property name");
	if (t->p[t->i] == '{') {
		const char *end = memchr(t->p + t->i, '}', t->n - t->i);

		if (!end)
			return syntax(t, "unclosed character family");
		name = t->p + t->i + 1;
		len = (size_t)(end - name);
		t->i = (size_t)(end - t->p) + 1;
	} else {
		name = t->p + t->i;
		len = 1;
		t->i++;
	}
	memset(s, 0, sizeof(*s));
	/* one letter: a Unicode category (\pL); "d" is not a name */
	if (len < 2 || !named_class(s, name, len))
		return unsupported(t, "a Unicode property");
	if (neg)
		cset_negate(t, s);
	return 0;
}

/* A predefined class escape (\d \D \s \S \w \W \p \P) at p[t->i], the
 * letter after the backslash: 1 with s filled and the escape consumed, 0
 * when it is another escape, or a negative KT_E*. */
static int class_escape(struct tr *t, struct cset *s)
{
	char e = t->p[t->i];
	char lower = (char)(e | 0x20);

	if (e == 'p' || e == 'P') {
		int r;

		t->i++;
		r = property(t, e == 'P', s);
		return r < 0 ? r : 1;
	}
	if (lower != 'd' && lower != 's' && lower != 'w')
		return 0;
	memset(s, 0, sizeof(*s));
	named_class(s, &lower, 1);
	t->i++;
	if (e != lower)
		cset_negate(t, s);
	return 1;
}

/* Read a fixed number of hex digits; -1 if they are not there. */
static long hex_digits(struct tr *t, int count)
{
	long v = 0;
	int k;

	for (k = 0; k < count; k++) {
		if (t->i >= t->n || kt_hex_digit(t->p[t->i]) < 0)
			return -1;
		v = v * 16 + kt_hex_digit(t->p[t->i++]);
	}
	return v;
}

/*
 * An escape that stands for one character, at p[t->i] (after the
 * backslash; the caller has handled class escapes). Returns the
 * character, NOT_CHAR when the escape is something else (the caller
 * decides), or -KT_ESYNTAX with err filled.
 */
static long char_escape(struct tr *t)
{
	char c = t->p[t->i];
	long v = 0;
	int k;

	switch (c) {
	case 't':
		t->i++;
		return '\t';
	case 'n':
		t->i++;
		return '\n';
	case 'r':
		t->i++;
		return '\r';
	case 'f':
		t->i++;
		return '\f';
	case 'a':
		t->i++;
		return 7;
	case 'e':
		t->i++;
		return 27;
	case 'c':
		t->i++;
		if (t->i >= t->n)
			return syntax(t, "illegal control escape sequence");
		v = utf8_next(t->p, t->n, &t->i);
		if (v < 0)
			v = bad_byte(t);
		return v ^ 64;
	case '0':
		/* \0n, \0nn, \0mnn with m <= 3 */
		t->i++;
		for (k = 0; k < 3 && t->i < t->n && t->p[t->i] >= '0' &&
			    t->p[t->i] <= '7';
		     k++) {
			if (v * 8 + (t->p[t->i] - '0') > 0377)
				break;
			v = v * 8 + (t->p[t->i++] - '0');
		}
		if (k == 0)
			return syntax(t, "illegal octal escape sequence");
		return v;
	case 'x':
		t->i++;
		if (t->i < t->n && t->p[t->i] == '{') {
			t->i++;
			for (k = 0;
			     t->i < t->n && kt_hex_digit(t->p[t->i]) >= 0;
			     k++) {
				v = v * 16 + kt_hex_digit(t->p[t->i++]);
				if (v > 0x10ffff)
					return syntax(t, "hexadecimal "
							 "codepoint is too "
							 "big");
			}
			if (k == 0 || t->i >= t->n || t->p[t->i] != '}')
				return syntax(t, "illegal hexadecimal escape "
						 "sequence");
			t->i++;
		} else {
			v = hex_digits(t, 2);
			if (v < 0)
				return syntax(t, "illegal hexadecimal escape "
						 "sequence");
		}
		if (v >= 0xd800 && v <= 0xdfff) {
			unsupported(t, "a lone surrogate");
			return '?';
		}
		return v;
	case 'u':
		t->i++;
		v = hex_digits(t, 4);
		if (v < 0)
			return syntax(t, "illegal unicode escape sequence");
		if (v >= 0xd800 && v <= 0xdbff && t->i + 6 <= t->n &&
		    t->p[t->i] == '\\' && t->p[t->i + 1] == 'u') {
			/* a surrogate pair is one character to Java */
			size_t save = t->i;
			long lo;

			t->i += 2;
			lo = hex_digits(t, 4);
			if (lo >= 0xdc00 && lo <= 0xdfff)
				return 0x10000 + ((v - 0xd800) << 10) +
				       (lo - 0xdc00);
			t->i = save;
		}
		if (v >= 0xd800 && v <= 0xdfff) {
			unsupported(t, "a lone surrogate");
			return '?';
		}
		return v;
	}
	if (is_alpha(c) || is_digit(c))
		return NOT_CHAR;
	v = utf8_next(t->p, t->n, &t->i);
	return v < 0 ? bad_byte(t) : v;
}

/* Skip "<name>" at p[t->i] (\k<name>, (?<name>...)): 0 or a syntax
 * error. */
static int group_name(struct tr *t)
{
	if (t->i >= t->n || t->p[t->i] != '<')
		return syntax(t, "\\k is not followed by '<' for named "
				 "capturing group");
	t->i++;
	if (t->i >= t->n || !is_alpha(t->p[t->i]))
		return syntax(t, "capturing group name does not start with "
				 "a Latin letter");
	while (t->i < t->n && (is_alpha(t->p[t->i]) || is_digit(t->p[t->i])))
		t->i++;
	if (t->i >= t->n || t->p[t->i] != '>')
		return syntax(t, "named capturing group is missing trailing "
				 "'>'");
	t->i++;
	return 0;
}

/*
 * An escape letter at p[t->i] that is neither a character nor a class we
 * know: consumed and noted as unsupported when Java knows it (there, in a
 * class or out of one), else a syntax error. Returns 0 or -KT_ESYNTAX.
 */
static int other_escape(struct tr *t, bool in_class)
{
	char c = t->p[t->i++];

	if (is_digit(c)) {
		if (in_class)
			return syntax(t, "illegal/unsupported escape "
					 "sequence");
		while (t->i < t->n && is_digit(t->p[t->i]))
			t->i++;
		return unsupported(t, "a back-reference");
	}
	switch (c) {
	case 'h':
	case 'H':
	case 'v':
	case 'V':
		return unsupported(t, "\\h, \\H, \\v or \\V");
	case 'N': {
		const char *end =
			t->i < t->n && t->p[t->i] == '{'
				? memchr(t->p + t->i, '}', t->n - t->i)
				: NULL;

		if (!end)
			return syntax(t, "\\N is not followed by '{'");
		t->i = (size_t)(end - t->p) + 1;
		return unsupported(t, "a named character (\\N{...})");
	}
	}
	if (!in_class) {
		switch (c) {
		case 'k':
			if (group_name(t) < 0)
				return -KT_ESYNTAX;
			return unsupported(t, "a back-reference");
		case 'b':
			if (t->i + 3 <= t->n &&
			    memcmp(t->p + t->i, "{g}", 3) == 0)
				t->i += 3;
			return unsupported(t, "a word boundary");
		case 'B':
			return unsupported(t, "a word boundary");
		case 'G':
			return unsupported(t, "\\G");
		case 'R':
		case 'X':
			return unsupported(t, "\\R or \\X");
		}
	}
	return syntax(t, "illegal/unsupported escape sequence");
}

/* Bracket expressions ---------------------------------------------------- */

enum item { ITEM_CHAR, ITEM_SET };

/*
 * Read one member of a class at p[t->i]: a character (*cp) or a
 * predefined class (*set). Negative: KT_E* with err.
 */
static int class_item(struct tr *t, long *cp, struct cset *set)
{
	int r;

	if (t->p[t->i] != '\\') {
		*cp = utf8_next(t->p, t->n, &t->i);
		if (*cp < 0)
			*cp = bad_byte(t);
		return ITEM_CHAR;
	}
	t->i++;
	if (t->i >= t->n)
		return syntax(t, "unclosed character class");
	r = class_escape(t, set);
	if (r < 0)
		return r;
	if (r == 1)
		return ITEM_SET;
	*cp = char_escape(t);
	if (*cp == NOT_CHAR) {
		/* known to Java but not here: an empty set in its place */
		memset(set, 0, sizeof(*set));
		r = other_escape(t, true);
		return r < 0 ? r : ITEM_SET;
	}
	if (*cp < 0)
		return (int)*cp;
	return ITEM_CHAR;
}

static int parse_class(struct tr *t, struct cset *s);

/* A nested class at p[t->i] ('['), Java's union: parsed, not supported. */
static int nested_class(struct tr *t, struct cset *s)
{
	struct cset inner;
	int r;

	unsupported(t, "a nested class");
	if (t->nest >= NEST_MAX)
		return give_up(t, "classes nested this deep");
	r = parse_class(t, &inner);
	if (r == 0)
		cset_union(s, &inner);
	return r;
}

/* A class from '[' at p[t->i] to its ']', into s. */
static int parse_class(struct tr *t, struct cset *s)
{
	bool neg = false, first = true;
	int r = 0;

	memset(s, 0, sizeof(*s));
	t->nest++;
	t->i++;
	if (t->i < t->n && t->p[t->i] == '^') {
		neg = true;
		t->i++;
	}
	for (;;) {
		struct cset set;
		long cp, hi;
		int k;

		if (t->i >= t->n) {
			r = syntax(t, "unclosed character class");
			goto out;
		}
		if (t->p[t->i] == ']' && !first) {
			t->i++;
			break;
		}
		first = false;
		if (t->p[t->i] == '[') {
			if ((r = nested_class(t, s)) < 0)
				goto out;
			continue;
		}
		if (t->p[t->i] == '&' && t->i + 1 < t->n &&
		    t->p[t->i + 1] == '&') {
			unsupported(t, "a class intersection");
			t->i += 2;
			continue;
		}
		k = class_item(t, &cp, &set);
		if (k < 0) {
			r = k;
			goto out;
		}
		if (k == ITEM_SET) {
			/* a '-' after a predefined class is a member */
			cset_union(s, &set);
			continue;
		}
		/* a range: '-' not last */
		if (t->i + 1 >= t->n || t->p[t->i] != '-' ||
		    t->p[t->i + 1] == ']') {
			cset_add_char(t, s, (uint32_t)cp);
			continue;
		}
		t->i++;
		if (t->p[t->i] == '[') {
			cset_add_char(t, s, (uint32_t)cp);
			if ((r = nested_class(t, s)) < 0)
				goto out;
			continue;
		}
		k = class_item(t, &hi, &set);
		if (k < 0) {
			r = k;
			goto out;
		}
		if (k != ITEM_CHAR || hi < cp) {
			r = syntax(t, "illegal character range");
			goto out;
		}
		if (hi >= 128)
			unsupported(t, "a range of non-ASCII characters");
		cset_add_range(s, (int)cp, (int)hi);
	}
	if (neg)
		cset_negate(t, s);
out:
	t->nest--;
	return r;
}

/* A class from '[' at p[t->i] to its ']', written out. */
static int bracket(struct tr *t)
{
	struct cset s;
	int r = parse_class(t, &s);

	if (r == 0)
		put_cset(t->out, &s);
	return r;
}

/* Groups ----------------------------------------------------------------- */

/*
 * "(?" at p[t->i]. Only (?: is a plain group; lookaround, atomic and named
 * groups, flags are parsed and noted as unsupported. Returns 0 with t->i
 * after the group's opening (its content follows), 1 for flags alone,
 * (?i) say, with t->i after them, or a negative KT_E*.
 */
static int special_group(struct tr *t)
{
	size_t j = t->i + 2;
	char c = j < t->n ? t->p[j] : 0;
	bool on = true, comments = false;

	if (c == ':') {
		t->i = j + 1;
		return 0;
	}
	if (c == '=' || c == '!' || c == '>') {
		t->i = j + 1;
		return unsupported(t, c == '>' ? "an atomic group"
					       : "a lookahead or lookbehind "
						 "group");
	}
	if (c == '<') {
		c = j + 1 < t->n ? t->p[j + 1] : 0;
		if (c == '=' || c == '!') {
			t->i = j + 2;
			return unsupported(t, "a lookahead or lookbehind "
					      "group");
		}
		t->i = j;
		if (group_name(t) < 0)
			return -KT_ESYNTAX;
		return unsupported(t, "a named group");
	}
	for (; j < t->n && strchr("idmsuxcU-", t->p[j]) && t->p[j]; j++) {
		if (t->p[j] == '-')
			on = false;
		else if (t->p[j] == 'x' && on)
			comments = true;
	}
	if (j >= t->n || (t->p[j] != ')' && t->p[j] != ':'))
		return syntax(t, "unknown inline modifier");
	if (comments)
		return give_up(t, "the COMMENTS flag (?x)");
	unsupported(t, "an inline flag other than a leading (?i)");
	t->i = j + 1;
	return t->p[j] == ')' ? 1 : 0;
}

/* Quantifiers ------------------------------------------------------------ */

/* A decimal count of a {m,n}; -1 when it does not fit an int (Java:
 * "illegal repetition range"). */
static long count(struct tr *t)
{
	long v = 0;

	while (t->i < t->n && is_digit(t->p[t->i])) {
		v = v * 10 + (t->p[t->i++] - '0');
		if (v > INT_MAX)
			v = (long)INT_MAX + 1;
	}
	return v > INT_MAX ? -1 : v;
}

/*
 * The quantifier at p[t->i] ('*', '+', '?' or '{') with its lazy or
 * possessive suffix: checked, and after an atom (emit) written out, a
 * lazy '?' dropped in whole mode. Without emit it is one Java applies to
 * nothing, which changes nothing.
 */
static int quantifier(struct tr *t, bool emit)
{
	char c = t->p[t->i];

	if (c == '{') {
		long m, x;
		bool comma = false;

		t->i++;
		if (t->i >= t->n || !is_digit(t->p[t->i]))
			return syntax(t, "illegal repetition");
		m = count(t);
		x = m;
		if (t->i < t->n && t->p[t->i] == ',') {
			comma = true;
			t->i++;
			x = t->i < t->n && is_digit(t->p[t->i]) ? count(t) : -2;
		}
		if (t->i >= t->n || t->p[t->i] != '}')
			return syntax(t, "unclosed counted closure");
		t->i++;
		if (m < 0 || x == -1 || (x >= 0 && x < m))
			return syntax(t, "illegal repetition range");
		if (emit && (m > RE_DUP_MAX || x > RE_DUP_MAX)) {
			unsupported(t, "a repetition count over RE_DUP_MAX");
			emit = false;
		}
		if (emit) {
			if (!comma)
				kt_buf_printf(t->out, "{%ld}", m);
			else if (x == -2)
				kt_buf_printf(t->out, "{%ld,}", m);
			else
				kt_buf_printf(t->out, "{%ld,%ld}", m, x);
		}
	} else {
		t->i++;
		if (emit)
			kt_buf_put(t->out, &c, 1);
	}
	if (t->i < t->n && t->p[t->i] == '+') {
		t->i++;
		if (emit)
			unsupported(t, "a possessive quantifier");
	} else if (t->i < t->n && t->p[t->i] == '?') {
		t->i++;
		if (emit && t->mode == KT_JREGEX_SEARCH)
			unsupported(t, "a lazy quantifier");
	}
	return 0;
}

/*
 * Java's first step, before it parses: \Q..\E quoting is replaced by
 * escapes. In a quote, ASCII punctuation gets a backslash, a backslash not
 * before 'E' is doubled, and a digit right after \Q becomes \x3N (so that
 * an escape before the quote cannot take it); letters and non-ASCII bytes
 * stay. Out of quotes, backslash pairs are copied whole. The quirks follow:
 * "\c\Q.\E" is \c of the backslash, then '.'; "x\Q\E*" is "x*".
 * Returns 0 with *out NULL when there is no \Q (use p as it is), or with
 * *out malloc'ed (*outn bytes); -KT_ENOMEM.
 */
static int remove_qe(const char *p, size_t n, char **out, size_t *outn)
{
	bool in_quote = true, begin = true;
	size_t i = 0, j;
	char *q;

	*out = NULL;
	while (i + 1 < n && !(p[i] == '\\' && p[i + 1] == 'Q'))
		i += p[i] == '\\' ? 2 : 1;
	if (i + 1 >= n)
		return 0;
	if (n > (SIZE_MAX - 1) / 4 || !(q = malloc(n * 4 + 1)))
		return -KT_ENOMEM;
	memcpy(q, p, i);
	j = i;
	i += 2;
	while (i < n) {
		char c = p[i++];

		if ((unsigned char)c >= 0x80 || is_alpha(c)) {
			q[j++] = c;
		} else if (is_digit(c)) {
			if (begin) {
				memcpy(q + j, "\\x3", 3);
				j += 3;
			}
			q[j++] = c;
		} else if (c != '\\') {
			if (in_quote)
				q[j++] = '\\';
			q[j++] = c;
		} else if (in_quote) {
			if (i < n && p[i] == 'E') {
				i++;
				in_quote = false;
			} else {
				q[j++] = '\\';
				q[j++] = '\\';
			}
		} else if (i < n && p[i] == 'Q') {
			i++;
			in_quote = true;
			begin = true;
			continue;
		} else {
			q[j++] = '\\';
			if (i < n)
				q[j++] = p[i++];
		}
		begin = false;
	}
	*out = q;
	*outn = j;
	return 0;
}

/* The pattern ------------------------------------------------------------ */

static bool is_quantifier(const struct tr *t)
{
	return t->i < t->n && strchr("*+?{", t->p[t->i]) && t->p[t->i];
}

/* An anchor, in parentheses when a quantifier follows (Java allows one;
 * POSIX only on a group). */
static void anchor(struct tr *t, char a)
{
	if (is_quantifier(t))
		kt_buf_printf(t->out, "(%c)", a);
	else
		kt_buf_put(t->out, &a, 1);
}

/* An escape outside a class, at p[t->i] after the backslash. */
static int escape(struct tr *t, bool *atom)
{
	struct cset set;
	char e = t->p[t->i];
	long cp;
	int r;

	if (e == 'A' || e == 'z' || e == 'Z') {
		t->i++;
		anchor(t, e == 'A' ? '^' : '$');
		*atom = true;
		return 0;
	}
	r = class_escape(t, &set);
	if (r < 0)
		return r;
	if (r == 1) {
		put_cset(t->out, &set);
		*atom = true;
		return 0;
	}
	cp = char_escape(t);
	if (cp == NOT_CHAR) {
		*atom = true;
		return other_escape(t, false);
	}
	if (cp < 0)
		return (int)cp;
	put_literal(t->out, (uint32_t)cp);
	*atom = true;
	return 0;
}

/* In a search, Java takes the first alternative that matches, POSIX the
 * longest: with an empty one, Java splits between every character. */
static int empty_alternative(struct tr *t)
{
	if (t->mode == KT_JREGEX_SEARCH)
		return unsupported(t, "an empty alternative");
	return 0;
}

static int translate(struct tr *t)
{
	bool atom = false;	/* the last thing may take a quantifier */
	bool empty = true;	/* nothing yet in this alternative */
	bool after_bar = false; /* right after a '|' */
	int r;

	while (t->i < t->n) {
		char c = t->p[t->i];

		if (!strchr("(|){", c)) {
			empty = false;
			after_bar = false;
		}
		if (atom && is_quantifier(t)) {
			if ((r = quantifier(t, true)) < 0)
				return r;
			atom = false;
			continue;
		}
		switch (c) {
		case '\\':
			if (++t->i >= t->n)
				return syntax(t, "'\\' at the end");
			if ((r = escape(t, &atom)) < 0)
				return r;
			continue;
		case '[':
			if ((r = bracket(t)) < 0)
				return r;
			atom = true;
			continue;
		case '(':
			if (t->i + 1 < t->n && t->p[t->i + 1] == '?') {
				if ((r = special_group(t)) < 0)
					return r;
				if (r == 1) {
					atom = false;
					continue;
				}
			} else {
				t->i++;
			}
			t->depth++;
			kt_buf_puts(t->out, "(");
			atom = false;
			empty = true;
			after_bar = false;
			continue;
		case ')':
			if (t->depth == 0)
				return syntax(t, "unmatched closing ')'");
			if (after_bar)
				empty_alternative(t);
			empty = after_bar = false;
			t->depth--;
			kt_buf_puts(t->out, ")");
			t->i++;
			atom = true;
			continue;
		case '|':
			if (empty)
				empty_alternative(t);
			empty = after_bar = true;
			kt_buf_puts(t->out, "|");
			t->i++;
			atom = false;
			continue;
		case '^':
		case '$':
			t->i++;
			anchor(t, c);
			atom = true;
			continue;
		case '.':
			kt_buf_puts(t->out, DOT);
			t->i++;
			atom = true;
			continue;
		case '*':
		case '+':
		case '?':
			return kt_err_set(t->err, KT_ESYNTAX,
					  "dangling meta character '%c'", c);
		case '{':
			/* Java applies it to an empty atom: "x{2}{3}" is
			 * "x{2}", "{2}a" is "a" */
			if ((r = quantifier(t, false)) < 0)
				return r;
			continue;
		}
		{
			long cp = utf8_next(t->p, t->n, &t->i);

			if (cp < 0)
				cp = bad_byte(t);
			put_literal(t->out, (uint32_t)cp);
			atom = true;
		}
	}
	if (t->depth)
		return syntax(t, "unclosed group");
	if (after_bar)
		empty_alternative(t);
	return 0;
}

int kt_jregex_translate(const char *java, size_t n, enum kt_jregex_mode mode,
			struct kt_buf *ere, int *cflags, struct kt_err *err)
{
	struct tr t = {java, n, 0, mode, ere, err, 0, 0, NULL};
	char *unquoted;
	int r;

	*cflags = 0;
	if (remove_qe(java, n, &unquoted, &t.n) < 0)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	if (unquoted)
		t.p = unquoted;
	else
		t.n = n;
	if (t.n >= 4 && memcmp(t.p, "(?i)", 4) == 0) {
		*cflags |= REG_ICASE;
		t.i = 4;
	}
	if (mode == KT_JREGEX_WHOLE)
		kt_buf_puts(ere, "^(");
	r = translate(&t);
	free(unquoted);
	if (r == 0 && mode == KT_JREGEX_WHOLE)
		kt_buf_puts(ere, ")$");
	if (r < 0)
		return r;
	if (t.why)
		return kt_err_set(err, KT_EUNSUPPORTED, "%s", t.why);
	if (ere->err == KT_ENOMEM)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	if (ere->err)
		return give_up(&t, "a pattern this long");
	return 0;
}

int kt_jregex_compile(regex_t *re, const char *java, size_t n,
		      enum kt_jregex_mode mode, int extra_cflags,
		      struct kt_err *err)
{
	struct kt_buf ere;
	int cflags, r;

	kt_buf_init(&ere, ERE_MAX);
	r = kt_jregex_translate(java, n, mode, &ere, &cflags, err);
	if (r == 0)
		kt_buf_put(&ere, "", 1);
	if (r == 0 && ere.err)
		r = kt_err_set(err, KT_ENOMEM, "out of memory");
	if (r == 0) {
		int rc = regcomp(re, (const char *)ere.p,
				 REG_EXTENDED | cflags | extra_cflags);

		if (rc == REG_ESPACE) {
			r = kt_err_set(err, KT_ENOMEM, "out of memory");
		} else if (rc != 0) {
			char msg[96];

			regerror(rc, re, msg, sizeof(msg));
			r = kt_err_set(err, KT_EUNSUPPORTED,
				       "a pattern POSIX regcomp refuses (%s)",
				       msg);
		}
	}
	kt_buf_release(&ere);
	return r;
}
