/*
 * java/jre2.c - RE2 syntax check (see jre2.h). A single pass over the
 * pattern that follows the grammar of RE2's parser: atoms, repetition
 * operators (* + ? {n,m}, each optionally lazy), groups with Perl flags
 * and named captures, character classes with ranges, POSIX and Perl
 * classes, and RE2's escapes (no back-references, no lookaround).
 */
#include "java/jre2.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define RE2_MAX_REPEAT 1000

static int fail(char *why, size_t len, const char *msg)
{
	snprintf(why, len, "%s", msg);
	return -1;
}

/* An escape at *p (after the backslash). in_class: inside [...], where
 * \b, \B, \A, \z and \Q are not allowed. Moves *p past it. */
static const char *escape(const char **p, bool in_class)
{
	const char *s = *p;
	unsigned char c = (unsigned char)*s;

	if (!c)
		return "trailing backslash at end of expression";
	s++;
	if (c >= '1' && c <= '7') {
		/* \1..\7 are back-references unless octal continues */
		if (*s < '0' || *s > '7')
			return "invalid escape sequence";
	}
	if (c >= '0' && c <= '7') {
		int n = 1;

		while (n < 3 && *s >= '0' && *s <= '7') {
			s++;
			n++;
		}
		*p = s;
		return NULL;
	}
	switch (c) {
	case 'a': case 'f': case 't': case 'n': case 'r': case 'v':
	case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
		*p = s;
		return NULL;
	case 'b': case 'B': case 'A': case 'z': case 'C':
		if (in_class)
			return "invalid escape sequence";
		*p = s;
		return NULL;
	case 'x':
		if (*s == '{') {
			const char *q = s + 1;

			while (isxdigit((unsigned char)*q))
				q++;
			if (q == s + 1 || *q != '}')
				return "invalid escape sequence";
			*p = q + 1;
			return NULL;
		}
		if (!isxdigit((unsigned char)s[0]) ||
		    !isxdigit((unsigned char)s[1]))
			return "invalid escape sequence";
		*p = s + 2;
		return NULL;
	case 'p': case 'P':
		if (*s == '{') {
			const char *q = strchr(s, '}');

			if (!q || q == s + 1)
				return "invalid character class range";
			*p = q + 1;
			return NULL;
		}
		if (!isalpha((unsigned char)*s))
			return "invalid character class range";
		*p = s + 1;
		return NULL;
	default:
		/* punctuation may be escaped; letters and digits may not */
		if (c < 0x80 && !isalnum(c) && c != '_') {
			*p = s;
			return NULL;
		}
		return "invalid escape sequence";
	}
}

/* A character class at *p (after the '['). */
static const char *char_class(const char **p)
{
	const char *s = *p;
	bool first = true;
	int lo = -1;

	if (*s == '^')
		s++;
	for (;;) {
		int c;
		const char *e;

		if (!*s)
			return "missing closing ]";
		if (*s == ']' && !first)
			break;
		if (s[0] == '[' && s[1] == ':') {
			e = strstr(s + 2, ":]");
			if (e) {
				s = e + 2;
				first = false;
				lo = -1;
				continue;
			}
		}
		if (*s == '\\') {
			const char *q = s + 1;
			const char *msg;
			bool single = q[0] && !strchr("dDsSwWpP", q[0]);

			msg = escape(&q, true);
			if (msg)
				return msg;
			c = single ? (unsigned char)s[1] : -1;
			s = q;
		} else {
			c = (unsigned char)*s++;
		}
		first = false;
		if (*s == '-' && s[1] && s[1] != ']' && c >= 0) {
			int hi;

			s++;
			if (*s == '\\') {
				const char *q = s + 1;
				const char *msg = escape(&q, true);

				if (msg)
					return msg;
				hi = (unsigned char)s[1];
				s = q;
			} else {
				hi = (unsigned char)*s++;
			}
			if (hi < c)
				return "invalid character class range";
		}
		(void)lo;
	}
	*p = s + 1;
	return NULL;
}

/* {n}, {n,}, {n,m} at s ('{'): length consumed, 0 when it is a literal
 * brace, -1 for a bad count. */
static int repeat(const char *s)
{
	const char *q = s + 1;
	long n = 0, m = -1;
	bool digits = false;

	while (isdigit((unsigned char)*q)) {
		n = n * 10 + (*q++ - '0');
		if (n > 100000)
			n = 100000;
		digits = true;
	}
	if (!digits)
		return 0;
	if (*q == ',') {
		q++;
		if (isdigit((unsigned char)*q)) {
			m = 0;
			while (isdigit((unsigned char)*q)) {
				m = m * 10 + (*q++ - '0');
				if (m > 100000)
					m = 100000;
			}
		} else {
			m = -2; /* open */
		}
	} else {
		m = n;
	}
	if (*q != '}')
		return 0;
	if (n > RE2_MAX_REPEAT || m > RE2_MAX_REPEAT || (m >= 0 && m < n))
		return -1;
	return (int)(q + 1 - s);
}

int kt_re2_check(const char *re, char *why, size_t len)
{
	const char *s = re;
	int depth = 0;
	/* can a repetition operator follow? (an atom came last) */
	bool atom = false, repeated = false;

	while (*s) {
		const char *msg;
		int k;

		switch (*s) {
		case '(':
			if (s[1] == '?') {
				const char *q = s + 2;

				if ((q[0] == 'P' && q[1] == '<') || q[0] == '<') {
					const char *e;

					q += q[0] == 'P' ? 2 : 1;
					e = q;
					while (isalnum((unsigned char)*e) ||
					       *e == '_')
						e++;
					if (e == q || *e != '>')
						return fail(why, len,
							    "invalid named "
							    "capture");
					s = e + 1;
					depth++;
					atom = false;
					repeated = false;
					continue;
				}
				/* flags: (?i) (?-s) (?im:...) */
				{
					bool any = false, neg = false;

					while (*q && strchr("imsU-", *q)) {
						if (*q == '-') {
							if (neg)
								break;
							neg = true;
						} else {
							any = true;
						}
						q++;
					}
					if (*q == ')' && (any || !neg) &&
					    q > s + 2 && q[-1] != '-') {
						s = q + 1;
						continue;
					}
					if (*q == ':' && q[-1] != '-') {
						s = q + 1;
						depth++;
						atom = false;
						repeated = false;
						continue;
					}
				}
				return fail(why, len,
					    "invalid or unsupported Perl "
					    "syntax");
			}
			depth++;
			s++;
			atom = false;
			repeated = false;
			continue;
		case ')':
			if (!depth)
				return fail(why, len,
					    "regexp/syntax: internal error");
			depth--;
			s++;
			atom = true;
			repeated = false;
			continue;
		case '|':
			s++;
			atom = false;
			repeated = false;
			continue;
		case '*':
		case '+':
		case '?':
			if (repeated)
				return fail(why, len,
					    "invalid nested repetition "
					    "operator");
			if (!atom)
				return fail(why, len,
					    "missing argument to repetition "
					    "operator");
			s++;
			if (*s == '?')
				s++;
			repeated = true;
			continue;
		case '{':
			k = repeat(s);
			if (k < 0)
				return fail(why, len, "invalid repeat count");
			if (k > 0) {
				if (repeated)
					return fail(why, len,
						    "invalid nested "
						    "repetition operator");
				if (!atom)
					return fail(why, len,
						    "missing argument to "
						    "repetition operator");
				s += k;
				if (*s == '?')
					s++;
				repeated = true;
				continue;
			}
			s++;
			atom = true;
			repeated = false;
			continue;
		case '[':
			s++;
			msg = char_class(&s);
			if (msg)
				return fail(why, len, msg);
			atom = true;
			repeated = false;
			continue;
		case '\\':
			if (s[1] == 'Q') {
				const char *e = strstr(s + 2, "\\E");

				s = e ? e + 2 : s + strlen(s);
				atom = true;
				repeated = false;
				continue;
			}
			{
				const char *q = s + 1;
				bool anchor = q[0] && strchr("bBAz", q[0]);

				msg = escape(&q, false);
				if (msg)
					return fail(why, len, msg);
				s = q;
				atom = !anchor;
				repeated = false;
			}
			continue;
		case '^':
		case '$':
			s++;
			atom = false;
			repeated = false;
			continue;
		default:
			s++;
			atom = true;
			repeated = false;
			continue;
		}
	}
	if (depth)
		return fail(why, len, "missing closing )");
	return 0;
}
