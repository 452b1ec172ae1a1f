/*
 * cli/wrap.c - jopt's help cells cut at java.text.BreakIterator's line
 * break points (getLineInstance()). The break points come from the JDK's
 * line-break rules (sun.text.resources.BreakIteratorRules,
 * "LineBreakRules"), run here as a small NFA with longest match: a break is
 * allowed after a run of spaces, after dashes ("--|create"), after closing
 * punctuation ("e.|g."), but not inside a number ("1.5") nor before a
 * space. Lengths are counted in UTF-16 units, like Java's String.length().
 */
#include "cli/cli.h"
#include "cli/cli_int.h"

#include <stdlib.h>
#include <string.h>

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
		sw = kt_cli_jlen(text + i, seg);
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
