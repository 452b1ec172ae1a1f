/*
 * format/linereader.c - the record splitter, Apache's LineMessageReader
 * (tools.md §2.3, kafka-tools 4.3.1
 * LineMessageReader.configure/parse/splitHeaders), Java String.split over a
 * translated regular expression, and kafkit's JSON record lines (recjson.h).
 */
#define _GNU_SOURCE /* memmem, REG_STARTEND */
#include "format/linereader.h"

#include "java/jregex.h"

/* after record.h: recjson.h defines KT_TS_* as macros */
#include "format/recjson.h"

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
			if (kt_hex_digit(s[i]) < 0)
				return kt_err_set(
					err, KT_ESYNTAX,
					"bad escape '\\x' at byte %zu: "
					"expected hex digits",
					i - 2);
			v = (uint8_t)kt_hex_digit(s[i++]);
			if (kt_hex_digit(s[i]) >= 0)
				v = (uint8_t)(v * 16 + kt_hex_digit(s[i++]));
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

/* The separators and the null marker that may not be equal, pair by pair;
 * the first clash in table order is the one reported. */
static int check_distinct(const struct kt_linereader *lr, struct kt_err *err)
{
	enum { KEY_SEP, HDR_DELIM, HDR_SEP, HDR_KEY_SEP, NULL_MARKER };
	const struct {
		const char *name;
		const char *s;
		size_t n;
	} prop[] = {
		[KEY_SEP] = {"key.separator", lr->key_sep, lr->key_sep_len},
		[HDR_DELIM] = {"headers.delimiter", lr->hdr_delim,
			       lr->hdr_delim_len},
		[HDR_SEP] = {"headers.separator", lr->hdr_sep, lr->hdr_sep_len},
		[HDR_KEY_SEP] = {"headers.key.separator", lr->hdr_key_sep,
				 lr->hdr_key_sep_len},
		[NULL_MARKER] = {"null.marker", lr->null_marker,
				 lr->null_marker_len},
	};
	/* clang-format off */
	static const unsigned char pairs[][2] = {
		{HDR_DELIM, HDR_SEP},
		{HDR_DELIM, HDR_KEY_SEP},
		{HDR_SEP, HDR_KEY_SEP},
		{NULL_MARKER, KEY_SEP},
		{NULL_MARKER, HDR_SEP},
		{NULL_MARKER, HDR_DELIM},
		{NULL_MARKER, HDR_KEY_SEP},
	};
	/* clang-format on */
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		unsigned a = pairs[i][0], b = pairs[i][1];

		if (same(prop[a].s, prop[a].n, prop[b].s, prop[b].n))
			return kt_err_set(err, KT_EINVAL,
					  "%s and %s may not be equal",
					  prop[a].name, prop[b].name);
	}
	return 0;
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
	if ((r = check_distinct(lr, err)))
		return r;
	lr->sep_regex = !literal_sep(lr->hdr_sep, lr->hdr_sep_len);
	if (lr->sep_regex && lr->hdr_sep_len > 0) {
		struct kt_err why;
		int pl = (int)(lr->hdr_sep_len > 100 ? 100 : lr->hdr_sep_len);

		r = kt_jregex_compile(&lr->re, lr->hdr_sep, lr->hdr_sep_len,
				      KT_JREGEX_SEARCH, 0, &why);
		if (r == -KT_EUNSUPPORTED)
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "headers.separator '%.*s': %s is not "
					  "supported by kafkit's regular "
					  "expressions",
					  pl, lr->hdr_sep, why.msg);
		if (r == -KT_ESYNTAX)
			return kt_err_set(err, KT_ESYNTAX,
					  "headers.separator '%.*s': %s", pl,
					  lr->hdr_sep, why.msg);
		if (r < 0)
			return kt_err_set(err, -r, "%s", why.msg);
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
