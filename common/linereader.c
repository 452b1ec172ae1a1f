/*
 * linereader.c - the record splitter, Apache's LineMessageReader (tools.md
 * §2.3, kafka-tools 4.3.1 LineMessageReader.configure/parse/splitHeaders),
 * Java String.split over a translated regular expression, and kafkit's
 * JSON record lines (recjson.h).
 */
#define _GNU_SOURCE /* memmem, REG_STARTEND */
#include "linereader.h"

/* after record.h: recjson.h defines KT_TS_* as macros */
#include "recjson.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Splitting ---------------------------------------------------------------- */

int kt_linesplit_init(struct kt_linesplit *s, const void *delim, size_t dlen,
		      struct kt_err *err)
{
	memset(s, 0, sizeof(*s));
	if (!delim || dlen == 0)
		return 0;
	s->delim = malloc(dlen);
	if (!s->delim)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	memcpy(s->delim, delim, dlen);
	s->dlen = dlen;
	return 0;
}

void kt_linesplit_release(struct kt_linesplit *s)
{
	free(s->delim);
	memset(s, 0, sizeof(*s));
}

static int split_java(struct kt_linesplit *s, const uint8_t *p, size_t n,
		      bool eof, size_t *len, size_t *used)
{
	size_t from = s->scanned < n ? s->scanned : n;
	const uint8_t *nl = memchr(p + from, '\n', n - from);
	size_t end = nl ? (size_t)(nl - p) : n;
	const uint8_t *cr = memchr(p + from, '\r', end - from);

	if (cr) {
		size_t at = (size_t)(cr - p);

		if (at + 1 == n && !eof) {
			s->scanned = at;
			return 0; /* "\r" or "\r\n"? wait for the next byte */
		}
		*len = at;
		*used = at + 1 + (at + 1 < n && p[at + 1] == '\n');
		s->scanned = 0;
		return 1;
	}
	if (nl) {
		*len = end;
		*used = end + 1;
		s->scanned = 0;
		return 1;
	}
	if (eof && n > 0) {
		*len = *used = n;
		s->scanned = 0;
		return 1;
	}
	s->scanned = n;
	return 0;
}

int kt_linesplit_next(struct kt_linesplit *s, const uint8_t *p, size_t n,
		      bool eof, size_t *len, size_t *used)
{
	size_t from;
	const uint8_t *hit;

	if (!s->delim)
		return split_java(s, p, n, eof, len, used);
	/* a delimiter may straddle what was scanned and what is new */
	from = s->scanned >= s->dlen ? s->scanned - (s->dlen - 1) : 0;
	hit = n > from ? memmem(p + from, n - from, s->delim, s->dlen) : NULL;
	if (hit) {
		*len = (size_t)(hit - p);
		*used = *len + s->dlen;
		s->scanned = 0;
		return 1;
	}
	if (eof && n > 0) {
		*len = *used = n;
		s->scanned = 0;
		return 1;
	}
	s->scanned = n;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int kt_unescape(const char *s, struct kt_buf *out, struct kt_err *err)
{
	size_t i = 0;

	while (s[i]) {
		unsigned char c = (unsigned char)s[i++];
		uint8_t v;

		if (c != '\\') {
			kt_buf_put(out, &c, 1);
			continue;
		}
		c = (unsigned char)s[i++];
		switch (c) {
		case 'a':
			v = 7;
			break;
		case 'b':
			v = 8;
			break;
		case 't':
			v = 9;
			break;
		case 'n':
			v = 10;
			break;
		case 'v':
			v = 11;
			break;
		case 'f':
			v = 12;
			break;
		case 'r':
			v = 13;
			break;
		case 'e':
			v = 27;
			break;
		case 'x':
			if (hexval(s[i]) < 0)
				return kt_err_set(
					err, KT_ESYNTAX,
					"bad escape '\\x' at byte %zu: "
					"expected hex digits",
					i - 2);
			v = (uint8_t)hexval(s[i++]);
			if (hexval(s[i]) >= 0)
				v = (uint8_t)(v * 16 + hexval(s[i++]));
			break;
		case '\0':
			return kt_err_set(err, KT_ESYNTAX,
					  "bad escape at byte %zu: '\\' at the "
					  "end",
					  i - 1);
		default:
			if (c >= '0' && c <= '7') {
				unsigned o = c - '0';
				int k;

				for (k = 0; k < 2 && s[i] >= '0' && s[i] <= '7';
				     k++)
					o = o * 8 + (unsigned)(s[i++] - '0');
				if (o > 255)
					return kt_err_set(err, KT_ESYNTAX,
							  "bad escape at byte "
							  "%zu: octal value "
							  "above 255",
							  i);
				v = (uint8_t)o;
			} else {
				v = c;
			}
		}
		kt_buf_put(out, &v, 1);
	}
	return out->err;
}

/* Java regex -> POSIX ERE -------------------------------------------------- */

static void put_utf8(struct kt_buf *b, uint32_t cp)
{
	uint8_t u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (uint8_t)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (uint8_t)(0xc0 | cp >> 6);
		u[1] = (uint8_t)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (uint8_t)(0xe0 | cp >> 12);
		u[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (uint8_t)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (uint8_t)(0xf0 | cp >> 18);
		u[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (uint8_t)(0x80 | (cp & 0x3f));
		n = 4;
	}
	kt_buf_put(b, u, n);
}

/* One literal character (code point) outside a class. */
static void put_literal(struct kt_buf *b, uint32_t cp)
{
	if (cp < 0x80) {
		if (strchr(".[]()*+?{}|^$\\", (int)cp) && cp)
			kt_buf_put(b, "\\", 1);
		put_utf8(b, cp);
		return;
	}
	/* a multi-byte character is one atom for a following quantifier */
	kt_buf_put(b, "(", 1);
	put_utf8(b, cp);
	kt_buf_put(b, ")", 1);
}

/* Read one UTF-8 character of re at *i (bytes >= 0x80 taken as they come:
 * the pattern came from a properties file or the command line). */
static uint32_t next_cp(const char *re, size_t n, size_t *i)
{
	const uint8_t *u = (const uint8_t *)re;
	uint32_t c = u[(*i)++];
	int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;

	if (c < 0x80)
		return c;
	c &= more == 3 ? 0x07 : more == 2 ? 0x0f : 0x1f;
	while (more-- > 0 && *i < n && (u[*i] & 0xc0) == 0x80)
		c = c << 6 | (u[(*i)++] & 0x3f);
	return c;
}

static int unsupported(struct kt_err *err, const char *re, size_t n,
		       const char *what)
{
	return kt_err_set(err, KT_EUNSUPPORTED,
			  "headers.separator '%.*s': %s is not supported by "
			  "kafkit's regular expressions",
			  (int)(n > 100 ? 100 : n), re, what);
}

#define SET_ADD(set, c) ((set)[(c) >> 3] |= (uint8_t)(1u << ((c)&7)))

static void set_class(uint8_t *set, int cls)
{
	int c;

	for (c = 0; c < 128; c++) {
		bool in = false;

		switch (cls) {
		case 'd':
			in = c >= '0' && c <= '9';
			break;
		case 's':
			in = c == ' ' || (c >= 9 && c <= 13);
			break;
		case 'w':
			in = isalnum(c) || c == '_';
			break;
		}
		if (in)
			SET_ADD(set, c);
	}
}

/* Parse an escape at re[*i] (after the backslash) that stands for one
 * character. Returns the code point, or -1 when it is not such an escape
 * (a class escape, or unsupported), or -2 for a malformed one. */
static long escape_char(const char *re, size_t n, size_t *i)
{
	char c = re[*i];
	long v = 0;
	int k;

	switch (c) {
	case 't':
		(*i)++;
		return 9;
	case 'n':
		(*i)++;
		return 10;
	case 'r':
		(*i)++;
		return 13;
	case 'f':
		(*i)++;
		return 12;
	case 'a':
		(*i)++;
		return 7;
	case 'e':
		(*i)++;
		return 27;
	case '0':
		(*i)++;
		for (k = 0; k < 3 && *i < n && re[*i] >= '0' && re[*i] <= '7';
		     k++) {
			if (v * 8 + (re[*i] - '0') > 0377)
				break;
			v = v * 8 + (re[(*i)++] - '0');
		}
		return k ? v : -2;
	case 'x':
		(*i)++;
		if (*i < n && re[*i] == '{') {
			(*i)++;
			for (k = 0; *i < n && hexval(re[*i]) >= 0 && k < 8; k++)
				v = v * 16 + hexval(re[(*i)++]);
			if (!k || *i >= n || re[*i] != '}' || v > 0x10ffff)
				return -2;
			(*i)++;
			return v;
		}
		for (k = 0; k < 2; k++) {
			if (*i >= n || hexval(re[*i]) < 0)
				return -2;
			v = v * 16 + hexval(re[(*i)++]);
		}
		return v;
	case 'u':
		(*i)++;
		for (k = 0; k < 4; k++) {
			if (*i >= n || hexval(re[*i]) < 0)
				return -2;
			v = v * 16 + hexval(re[(*i)++]);
		}
		return v;
	default:
		if (isalnum((unsigned char)c))
			return -1;
		return (long)next_cp(re, n, i);
	}
}

static int translate_class(const char *re, size_t n, size_t *i,
			   struct kt_buf *out, struct kt_err *err)
{
	uint8_t set[32];
	bool neg = false, first = true;
	long prev = -1;
	int c;

	memset(set, 0, sizeof(set));
	(*i)++; /* '[' */
	if (*i < n && re[*i] == '^') {
		neg = true;
		(*i)++;
	}
	for (;;) {
		long cp;

		if (*i >= n)
			return kt_err_set(err, KT_ESYNTAX,
					  "headers.separator '%.*s': unclosed "
					  "character class",
					  (int)n, re);
		if (re[*i] == ']' && !first) {
			(*i)++;
			break;
		}
		first = false;
		if (re[*i] == '[' ||
		    (re[*i] == '&' && *i + 1 < n && re[*i + 1] == '&'))
			return unsupported(err, re, n,
					   "a nested or intersected class");
		if (re[*i] == '\\') {
			char e;

			(*i)++;
			if (*i >= n)
				return kt_err_set(err, KT_ESYNTAX,
						  "headers.separator: '\\' at "
						  "the end");
			e = re[*i];
			if (strchr("dswDSW", e)) {
				uint8_t tmp[32];
				int k;

				memset(tmp, 0, sizeof(tmp));
				set_class(tmp, tolower((unsigned char)e));
				for (k = 0; k < 16; k++)
					set[k] |= isupper((unsigned char)e)
							  ? (uint8_t)~tmp[k]
							  : tmp[k];
				(*i)++;
				prev = -1;
				continue;
			}
			cp = escape_char(re, n, i);
			if (cp == -1)
				return unsupported(err, re, n,
						   "this escape in a class");
			if (cp == -2)
				return kt_err_set(err, KT_ESYNTAX,
						  "headers.separator '%.*s': "
						  "malformed escape",
						  (int)n, re);
		} else if (re[*i] == '-' && prev >= 0 && *i + 1 < n &&
			   re[*i + 1] != ']') {
			long hi;

			(*i)++;
			if (re[*i] == '\\') {
				(*i)++;
				hi = escape_char(re, n, i);
			} else {
				hi = (long)next_cp(re, n, i);
			}
			if (hi < 0 || hi < prev)
				return kt_err_set(err, KT_ESYNTAX,
						  "headers.separator '%.*s': "
						  "bad range in class",
						  (int)n, re);
			if (hi >= 128)
				return unsupported(err, re, n,
						   "a non-ASCII character in a "
						   "class");
			for (c = (int)prev; c <= hi; c++)
				SET_ADD(set, c);
			prev = -1;
			continue;
		} else {
			cp = (long)next_cp(re, n, i);
		}
		if (cp >= 128 || cp == 0)
			return unsupported(err, re, n,
					   "a non-ASCII or NUL character in a "
					   "class");
		SET_ADD(set, (int)cp);
		prev = cp;
	}
	/* emit: ']' first, '-' last, '^' never first */
	kt_buf_put(out, neg ? "[^" : "[", neg ? 2 : 1);
	if (set[']' >> 3] & (1u << (']' & 7)))
		kt_buf_put(out, "]", 1);
	for (c = 1; c < 128; c++) {
		uint8_t ch = (uint8_t)c;

		if (!(set[c >> 3] & (1u << (c & 7))) || c == ']' || c == '-' ||
		    c == '^')
			continue;
		kt_buf_put(out, &ch, 1);
	}
	if (set['^' >> 3] & (1u << ('^' & 7)))
		kt_buf_put(out, "^", 1);
	if (set['-' >> 3] & (1u << ('-' & 7)))
		kt_buf_put(out, "-", 1);
	kt_buf_put(out, "]", 1);
	return 0;
}

int kt_java_regex_to_ere(const char *re, size_t n, struct kt_buf *out,
			 struct kt_err *err)
{
	size_t i = 0;
	bool atom = false; /* something a quantifier may follow */

	while (i < n) {
		char c = re[i];

		if (c == '\\') {
			long cp;
			char e;

			if (++i >= n)
				return kt_err_set(err, KT_ESYNTAX,
						  "headers.separator '%.*s': "
						  "'\\' at the end",
						  (int)n, re);
			e = re[i];
			if (e == 'Q') {
				const char *end;

				i++;
				end = memmem(re + i, n - i, "\\E", 2);
				while (i < (end ? (size_t)(end - re) : n))
					put_literal(out, next_cp(re, n, &i));
				i = end ? (size_t)(end - re) + 2 : n;
				atom = true;
				continue;
			}
			if (strchr("dswDSW", e)) {
				const char *cls;

				switch (e) {
				case 'd':
					cls = "[0-9]";
					break;
				case 'D':
					cls = "[^0-9]";
					break;
				case 's':
					cls = "[ \t\n\v\f\r]";
					break;
				case 'S':
					cls = "[^ \t\n\v\f\r]";
					break;
				case 'w':
					cls = "[0-9A-Z_a-z]";
					break;
				default:
					cls = "[^0-9A-Z_a-z]";
				}
				kt_buf_puts(out, cls);
				i++;
				atom = true;
				continue;
			}
			cp = escape_char(re, n, &i);
			if (cp == -1) {
				char what[32];

				snprintf(what, sizeof(what), "'\\%c'", e);
				return unsupported(err, re, n, what);
			}
			if (cp == -2 || cp == 0)
				return cp == 0 ? unsupported(err, re, n,
							     "a NUL character")
					       : kt_err_set(err, KT_ESYNTAX,
							    "headers.separator "
							    "'%.*s': malformed "
							    "escape",
							    (int)n, re);
			put_literal(out, (uint32_t)cp);
			atom = true;
			continue;
		}
		if (c == '[') {
			int r = translate_class(re, n, &i, out, err);

			if (r)
				return r;
			atom = true;
			continue;
		}
		if (c == '(') {
			if (i + 1 < n && re[i + 1] == '?') {
				if (i + 2 < n && re[i + 2] == ':') {
					kt_buf_put(out, "(", 1);
					i += 3;
					atom = false;
					continue;
				}
				return unsupported(err, re, n,
						   "a '(?' group (lookaround, "
						   "flags, named group)");
			}
			kt_buf_put(out, "(", 1);
			i++;
			atom = false;
			continue;
		}
		if (c == '*' || c == '+' || c == '?' || c == '{') {
			size_t end = i + 1;

			if (c == '{') {
				while (end < n && re[end] != '}')
					end++;
				if (end >= n)
					return kt_err_set(
						err, KT_ESYNTAX,
						"headers.separator '%.*s': "
						"unclosed '{'",
						(int)n, re);
				end++;
			}
			if (!atom)
				return kt_err_set(err, KT_ESYNTAX,
						  "headers.separator '%.*s': "
						  "dangling meta character "
						  "'%c'",
						  (int)n, re, c);
			if (end < n && (re[end] == '?' || re[end] == '+'))
				return unsupported(err, re, n,
						   "a lazy or possessive "
						   "quantifier");
			kt_buf_put(out, re + i, end - i);
			i = end;
			atom = true;
			continue;
		}
		if (c == ')' || c == '.' || c == '$') {
			kt_buf_put(out, &c, 1);
			i++;
			atom = c != '$';
			continue;
		}
		if (c == '|' || c == '^') {
			kt_buf_put(out, &c, 1);
			i++;
			atom = false;
			continue;
		}
		if (c == '\0')
			return unsupported(err, re, n, "a NUL character");
		put_literal(out, next_cp(re, n, &i));
		atom = true;
	}
	return out->err;
}

/* The reader --------------------------------------------------------------- */

static int dup_prop(const struct kt_props *props, const char *key,
		    const char *def, char **out, size_t *len,
		    struct kt_err *err)
{
	const struct kt_prop *p = props ? kt_props_find(props, key) : NULL;
	const char *v = p ? p->value : def;
	size_t n = p ? p->value_len : (def ? strlen(def) : 0);

	if (!v) {
		*out = NULL;
		*len = 0;
		return 0;
	}
	*out = malloc(n + 1);
	if (!*out)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	memcpy(*out, v, n);
	(*out)[n] = 0;
	*len = n;
	return 0;
}

/* "parse.key" etc: trimmed, "true" in any case (Java's
 * trim().equalsIgnoreCase("true")). */
static bool prop_true(const struct kt_props *props, const char *key)
{
	const char *v = props ? kt_props_get(props, key) : NULL;
	size_t n;

	if (!v)
		return false;
	while (*v && (unsigned char)*v <= ' ')
		v++;
	n = strlen(v);
	while (n && (unsigned char)v[n - 1] <= ' ')
		n--;
	return n == 4 && strncasecmp(v, "true", 4) == 0;
}

static bool same(const char *a, size_t an, const char *b, size_t bn)
{
	return a && b && an == bn && memcmp(a, b, an) == 0;
}

/* String.split's fast path, or a pattern without meta characters: a
 * literal split gives the same pieces. */
static bool literal_sep(const char *s, size_t n)
{
	size_t i;

	if (n == 2 && s[0] == '\\' && !isalnum((unsigned char)s[1]) &&
	    (unsigned char)s[1] < 0x80)
		return true;
	for (i = 0; i < n; i++)
		if (strchr("\\^$.|?*+()[]{}", s[i]) && s[i])
			return false;
	return n > 0;
}

int kt_linereader_init(struct kt_linereader *lr, const struct kt_props *props,
		       bool json, struct kt_err *err)
{
	int r;

	memset(lr, 0, sizeof(*lr));
	lr->json = json;
	if (json)
		return 0;
	lr->parse_key = prop_true(props, "parse.key");
	lr->ignore_error = prop_true(props, "ignore.error");
	lr->parse_headers = prop_true(props, "parse.headers");
	if ((r = dup_prop(props, "key.separator", "\t", &lr->key_sep,
			  &lr->key_sep_len, err)) ||
	    (r = dup_prop(props, "headers.delimiter", "\t", &lr->hdr_delim,
			  &lr->hdr_delim_len, err)) ||
	    (r = dup_prop(props, "headers.separator", ",", &lr->hdr_sep,
			  &lr->hdr_sep_len, err)) ||
	    (r = dup_prop(props, "headers.key.separator", ":", &lr->hdr_key_sep,
			  &lr->hdr_key_sep_len, err)) ||
	    (r = dup_prop(props, "null.marker", NULL, &lr->null_marker,
			  &lr->null_marker_len, err)))
		return r;
	if (same(lr->hdr_delim, lr->hdr_delim_len, lr->hdr_sep,
		 lr->hdr_sep_len))
		return kt_err_set(err, KT_EINVAL,
				  "headers.delimiter and headers.separator may "
				  "not be equal");
	if (same(lr->hdr_delim, lr->hdr_delim_len, lr->hdr_key_sep,
		 lr->hdr_key_sep_len))
		return kt_err_set(err, KT_EINVAL,
				  "headers.delimiter and headers.key.separator "
				  "may not be equal");
	if (same(lr->hdr_sep, lr->hdr_sep_len, lr->hdr_key_sep,
		 lr->hdr_key_sep_len))
		return kt_err_set(err, KT_EINVAL,
				  "headers.separator and headers.key.separator "
				  "may not be equal");
	if (same(lr->null_marker, lr->null_marker_len, lr->key_sep,
		 lr->key_sep_len))
		return kt_err_set(err, KT_EINVAL,
				  "null.marker and key.separator may not be "
				  "equal");
	if (same(lr->null_marker, lr->null_marker_len, lr->hdr_sep,
		 lr->hdr_sep_len))
		return kt_err_set(err, KT_EINVAL,
				  "null.marker and headers.separator may not "
				  "be equal");
	if (same(lr->null_marker, lr->null_marker_len, lr->hdr_delim,
		 lr->hdr_delim_len))
		return kt_err_set(err, KT_EINVAL,
				  "null.marker and headers.delimiter may not "
				  "be equal");
	if (same(lr->null_marker, lr->null_marker_len, lr->hdr_key_sep,
		 lr->hdr_key_sep_len))
		return kt_err_set(err, KT_EINVAL,
				  "null.marker and headers.key.separator may "
				  "not be equal");
	lr->sep_regex = !literal_sep(lr->hdr_sep, lr->hdr_sep_len);
	if (lr->sep_regex && lr->hdr_sep_len > 0) {
		struct kt_buf ere;
		int rc;

		kt_buf_init(&ere, 1 << 16);
		r = kt_java_regex_to_ere(lr->hdr_sep, lr->hdr_sep_len, &ere,
					 err);
		if (r == 0)
			r = kt_buf_puts(&ere, "");
		if (r) {
			kt_buf_release(&ere);
			return r < 0 ? r : -r;
		}
		rc = regcomp(&lr->re, (const char *)ere.p, REG_EXTENDED);
		if (rc) {
			char msg[128];

			regerror(rc, &lr->re, msg, sizeof(msg));
			kt_buf_release(&ere);
			return kt_err_set(err, KT_EINVAL,
					  "headers.separator '%s': %s",
					  lr->hdr_sep, msg);
		}
		kt_buf_release(&ere);
		lr->re_ok = true;
	}
	return 0;
}

void kt_linereader_release(struct kt_linereader *lr)
{
	free(lr->key_sep);
	free(lr->hdr_delim);
	free(lr->hdr_sep);
	free(lr->hdr_key_sep);
	free(lr->null_marker);
	if (lr->re_ok)
		regfree(&lr->re);
	free(lr->hv);
	if (lr->jin) {
		kt_jrec_in_release(lr->jin);
		free(lr->jin);
	}
	memset(lr, 0, sizeof(*lr));
}

/* indexOf(needle, from) on bytes; empty needle is found at from. */
static long find(const uint8_t *p, size_t n, size_t from, const char *needle,
		 size_t nn)
{
	const uint8_t *hit;

	if (from > n)
		return -1;
	if (nn == 0)
		return (long)from;
	hit = memmem(p + from, n - from, needle, nn);
	return hit ? (long)(hit - p) : -1;
}

static bool is_null_marker(const struct kt_linereader *lr, const uint8_t *p,
			   size_t n)
{
	return lr->null_marker && n == lr->null_marker_len &&
	       memcmp(p, lr->null_marker, n) == 0;
}

static size_t utf8_char_len(const uint8_t *p, size_t n)
{
	size_t k = 1;

	if (p[0] >= 0xc0)
		while (k < n && k < 4 && (p[k] & 0xc0) == 0x80)
			k++;
	return k;
}

int kt_linereader_split_headers(const struct kt_linereader *lr,
				const uint8_t *text, size_t n,
				size_t (*pieces)[2], size_t max)
{
	size_t count = 0, index = 0, pos = 0;
	bool matched = false;

#define PIECE(a, b)                                                            \
	do {                                                                   \
		if (count < max) {                                             \
			pieces[count][0] = (a);                                \
			pieces[count][1] = (b) - (a);                          \
		}                                                              \
		count++;                                                       \
	} while (0)

	if (lr->hdr_sep_len == 0) {
		/* "".split: every character, no leading empty piece */
		while (pos < n) {
			size_t k = utf8_char_len(text + pos, n - pos);

			PIECE(pos, pos + k);
			pos += k;
		}
		return (int)count;
	}
	if (!lr->sep_regex) {
		const char *sep = lr->hdr_sep;
		size_t sl = lr->hdr_sep_len;
		long at;

		if (sl == 2 && sep[0] == '\\') {
			sep++;
			sl = 1;
		}
		while ((at = find(text, n, index, sep, sl)) >= 0) {
			PIECE(index, (size_t)at);
			index = (size_t)at + sl;
			matched = true;
		}
	} else {
		regmatch_t m;

		while (pos <= n) {
			int flags = REG_STARTEND | (pos > 0 ? REG_NOTBOL : 0);

			m.rm_so = (regoff_t)pos;
			m.rm_eo = (regoff_t)n;
			if (regexec(&lr->re, (const char *)text, 1, &m,
				    flags) != 0)
				break;
			if (m.rm_eo == m.rm_so) {
				/* zero width: no leading empty piece */
				if ((size_t)m.rm_so == 0 ||
				    (size_t)m.rm_so >= n) {
					if ((size_t)m.rm_so >= n)
						break;
					pos = (size_t)m.rm_so +
					      utf8_char_len(
						      text + m.rm_so,
						      n - (size_t)m.rm_so);
					continue;
				}
			}
			PIECE(index, (size_t)m.rm_so);
			index = (size_t)m.rm_eo;
			matched = true;
			pos = m.rm_eo > m.rm_so
				      ? (size_t)m.rm_eo
				      : (size_t)m.rm_eo +
						utf8_char_len(
							text + m.rm_eo,
							n - (size_t)m.rm_eo);
		}
	}
	if (!matched) {
		count = 0;
		PIECE(0, n);
		return 1;
	}
	PIECE(index, n);
	if (count > max)
		return (int)count; /* the caller retries with room */
	/* drop trailing empty pieces */
	while (count > 0 && pieces[count - 1][1] == 0)
		count--;
	return (int)count;
#undef PIECE
}

static int grow_headers(struct kt_linereader *lr, size_t n)
{
	struct kt_header *v;

	if (n <= lr->hcap)
		return 0;
	v = realloc(lr->hv, n * sizeof(*v));
	if (!v)
		return -KT_ENOMEM;
	lr->hv = v;
	lr->hcap = n;
	return 0;
}

static int parse_json(struct kt_linereader *lr, const uint8_t *line, size_t len,
		      int64_t lineno, struct kt_lrec *out, struct kt_err *err)
{
	struct kt_jrec_in *j = lr->jin;
	size_t i;

	if (!j) {
		j = calloc(1, sizeof(*j));
		if (!j)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		lr->jin = j;
	} else {
		kt_jrec_in_release(j);
	}
	if (kt_jrec_parse((const char *)line, len, j, err) < 0) {
		kt_err_prefix(err, "line %lld", (long long)lineno);
		return -KT_ESYNTAX;
	}
	if (grow_headers(lr, j->n_headers) < 0)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	for (i = 0; i < j->n_headers; i++) {
		lr->hv[i].key.p = j->headers[i].key ? j->headers[i].key
						    : (const uint8_t *)"";
		lr->hv[i].key.len = j->headers[i].key_len;
		lr->hv[i].value.p = j->headers[i].value;
		lr->hv[i].value.len = j->headers[i].value_len;
		/* an empty non-null value may come with a NULL pointer */
		if (!lr->hv[i].value.p && j->headers[i].value_len)
			lr->hv[i].value.len = 0;
	}
	out->key.p = j->key;
	out->key.len = j->key_len;
	out->value.p = j->value;
	out->value.len = j->value_len;
	out->headers = lr->hv;
	out->n_headers = j->n_headers;
	out->partition = j->has_partition ? j->partition : -1;
	out->timestamp = j->has_timestamp ? j->timestamp : -1;
	return 0;
}

int kt_linereader_parse(struct kt_linereader *lr, const uint8_t *line,
			size_t len, int64_t lineno, struct kt_lrec *out,
			struct kt_err *err)
{
	static const uint8_t empty[1];
	long hat = -1, kat = -1;
	size_t hoff = 0, koff = 0, i;
	const uint8_t *l = line ? line : empty;

	memset(out, 0, sizeof(*out));
	out->partition = -1;
	out->timestamp = -1;
	if (lr->json)
		return parse_json(lr, l, len, lineno, out, err);
	if (lr->parse_headers) {
		hat = find(l, len, 0, lr->hdr_delim, lr->hdr_delim_len);
		if (hat < 0 && !lr->ignore_error)
			return kt_err_set(err, KT_ESYNTAX,
					  "No headers delimiter found on line "
					  "number %lld: '%.*s'",
					  (long long)lineno, (int)len,
					  (const char *)l);
		if (hat >= 0)
			hoff = (size_t)hat + lr->hdr_delim_len;
	}
	if (lr->parse_key) {
		kat = find(l, len, hoff, lr->key_sep, lr->key_sep_len);
		if (kat < 0 && !lr->ignore_error)
			return kt_err_set(err, KT_ESYNTAX,
					  "No key separator found on line "
					  "number %lld: '%.*s'",
					  (long long)lineno, (int)len,
					  (const char *)l);
		if (kat >= 0) {
			out->key.p = l + hoff;
			out->key.len = (size_t)kat - hoff;
			if (is_null_marker(lr, out->key.p, out->key.len))
				out->key.p = NULL, out->key.len = 0;
			koff = (size_t)kat - hoff + lr->key_sep_len;
		}
	}
	out->value.p = l + hoff + koff;
	out->value.len = len - hoff - koff;
	if (is_null_marker(lr, out->value.p, out->value.len))
		out->value.p = NULL, out->value.len = 0;
	if (hat >= 0 && !is_null_marker(lr, l, (size_t)hat)) {
		size_t(*pc)[2] = NULL;
		size_t cap = 8;
		int np;

		for (;;) {
			pc = malloc(cap * sizeof(*pc));
			if (!pc)
				return kt_err_set(err, KT_ENOMEM,
						  "out of memory");
			np = kt_linereader_split_headers(lr, l, (size_t)hat, pc,
							 cap);
			if (np <= (int)cap)
				break;
			free(pc);
			cap = (size_t)np;
		}
		if (np < 0 || grow_headers(lr, (size_t)np) < 0) {
			free(pc);
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		}
		for (i = 0; i < (size_t)np; i++) {
			const uint8_t *pp = l + pc[i][0];
			size_t pn = pc[i][1];
			long at = find(pp, pn, 0, lr->hdr_key_sep,
				       lr->hdr_key_sep_len);
			struct kt_header *h = &lr->hv[i];

			if (at < 0) {
				if (!lr->ignore_error) {
					kt_err_set(err, KT_ESYNTAX,
						   "No header key separator "
						   "found in pair '%.*s' on "
						   "line number %lld",
						   (int)pn, (const char *)pp,
						   (long long)lineno);
					free(pc);
					return -KT_ESYNTAX;
				}
				h->key.p = pp;
				h->key.len = pn;
				h->value.p = NULL;
				h->value.len = 0;
				continue;
			}
			h->key.p = pp;
			h->key.len = (size_t)at;
			if (is_null_marker(lr, pp, (size_t)at)) {
				kt_err_set(err, KT_ESYNTAX,
					   "Header keys should not be equal to "
					   "the null marker '%s' as they can't "
					   "be null",
					   lr->null_marker);
				free(pc);
				return -KT_ESYNTAX;
			}
			h->value.p = pp + at + lr->hdr_key_sep_len;
			h->value.len = pn - (size_t)at - lr->hdr_key_sep_len;
			if (is_null_marker(lr, h->value.p, h->value.len))
				h->value.p = NULL, h->value.len = 0;
		}
		free(pc);
		out->headers = lr->hv;
		out->n_headers = (size_t)np;
	}
	return 0;
}
