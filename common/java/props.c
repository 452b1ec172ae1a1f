/*
 * java/props.c - Java .properties reader and key=value overrides.
 *
 * Follows java.util.Properties.load (JDK 17, "LineReader" and "loadConvert")
 * rule for rule, including its corners: a comment is recognised only at the
 * start of a logical line (so a comment line cannot be continued, and a line
 * continued into "# x" keeps it as text); an empty line ends a continued
 * line; the backslash of a continuation is dropped together with the leading
 * blanks (space, tab, form feed) of the next line; a lone backslash at the
 * end of the input is dropped. See props.h for the API.
 */
#include "java/props.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"

void kt_props_init(struct kt_props *p)
{
	memset(p, 0, sizeof(*p));
}

/* Values may be secrets (passwords, sasl.jaas.config, inline keys): each
 * is wiped before its memory goes back to the allocator, so that no copy
 * outlives its use in freed memory or a core dump. */
static void wipe_free(char *s, size_t n)
{
	if (s) {
		explicit_bzero(s, n);
		free(s);
	}
}

void kt_props_release(struct kt_props *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].key);
		wipe_free(p->v[i].value, p->v[i].value_len);
	}
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (!d)
		return NULL;
	if (n)
		memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static struct kt_prop *findn(const struct kt_props *p, const char *key,
			     size_t key_len)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].key_len == key_len &&
		    memcmp(p->v[i].key, key, key_len) == 0)
			return &p->v[i];
	return NULL;
}

int kt_props_setn(struct kt_props *p, const char *key, size_t key_len,
		  const char *value, size_t value_len, struct kt_err *err)
{
	struct kt_prop *e = findn(p, key, key_len);
	char *v = dupn(value, value_len);

	if (!v)
		return kt_err_set(err, KT_ENOMEM, "out of memory for property");
	if (e) {
		wipe_free(e->value, e->value_len);
		e->value = v;
		e->value_len = value_len;
		return 0;
	}
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct kt_prop *nv = realloc(p->v, cap * sizeof(*nv));

		if (!nv) {
			wipe_free(v, value_len);
			return kt_err_set(err, KT_ENOMEM,
					  "out of memory for property");
		}
		p->v = nv;
		p->cap = cap;
	}
	e = &p->v[p->n];
	e->key = dupn(key, key_len);
	if (!e->key) {
		wipe_free(v, value_len);
		return kt_err_set(err, KT_ENOMEM, "out of memory for property");
	}
	e->key_len = key_len;
	e->value = v;
	e->value_len = value_len;
	p->n++;
	return 0;
}

int kt_props_set(struct kt_props *p, const char *key, const char *value,
		 struct kt_err *err)
{
	return kt_props_setn(p, key, strlen(key), value, strlen(value), err);
}

const struct kt_prop *kt_props_find(const struct kt_props *p, const char *key)
{
	return findn(p, key, strlen(key));
}

const char *kt_props_get(const struct kt_props *p, const char *key)
{
	const struct kt_prop *e = kt_props_find(p, key);

	return e ? e->value : NULL;
}

bool kt_props_remove(struct kt_props *p, const char *key)
{
	struct kt_prop *e = findn(p, key, strlen(key));
	size_t i;

	if (!e)
		return false;
	i = (size_t)(e - p->v);
	free(e->key);
	wipe_free(e->value, e->value_len);
	memmove(&p->v[i], &p->v[i + 1], (p->n - i - 1) * sizeof(p->v[0]));
	p->n--;
	return true;
}

int kt_props_merge(struct kt_props *dst, const struct kt_props *src,
		   struct kt_err *err)
{
	size_t i;
	int rc;

	for (i = 0; i < src->n; i++) {
		rc = kt_props_setn(dst, src->v[i].key, src->v[i].key_len,
				   src->v[i].value, src->v[i].value_len, err);
		if (rc)
			return rc;
	}
	return 0;
}

int kt_props_set_kv(struct kt_props *p, const char *token, struct kt_err *err)
{
	const char *eq = strchr(token, '=');

	if (!eq)
		return kt_props_setn(p, token, strlen(token), "", 0, err);
	return kt_props_setn(p, token, (size_t)(eq - token), eq + 1,
			     strlen(eq + 1), err);
}

/* Read the 4 hex digits of a \u escape at s[*i] (s[*i] is the first digit).
 * Returns the UTF-16 unit or -1 when malformed (fewer than 4 characters
 * left, or a non-hex digit), as Java's loadConvert decides. */
static long read_u4(const char *s, size_t end, size_t *i)
{
	long v = 0;
	int k, h;

	if (*i + 4 > end)
		return -1;
	for (k = 0; k < 4; k++) {
		h = kt_hex_digit(s[*i + (size_t)k]);
		if (h < 0)
			return -1;
		v = v << 4 | h;
	}
	*i += 4;
	return v;
}

/*
 * Java's loadConvert over s[0..end) into out, then the UTF-16 result as
 * UTF-8. Escaped surrogate pairs join; a lone surrogate becomes '?', as
 * Java's UTF-8 encoder writes it. Returns 0 or -1 for a malformed \u.
 */
static int unescape(const char *s, size_t end, bool latin1, struct kt_buf *out)
{
	size_t i = 0;
	long u, lo;
	size_t save;
	unsigned char c;

	while (i < end) {
		c = (unsigned char)s[i++];
		if (c != '\\') {
			if (latin1 && c >= 0x80)
				kt_buf_put_utf8(out, c);
			else
				kt_buf_put(out, &c, 1);
			continue;
		}
		if (i == end)
			break; /* cannot happen after the line reader */
		c = (unsigned char)s[i++];
		switch (c) {
		case 't':
			c = '\t';
			break;
		case 'r':
			c = '\r';
			break;
		case 'n':
			c = '\n';
			break;
		case 'f':
			c = '\f';
			break;
		case 'u':
			u = read_u4(s, end, &i);
			if (u < 0)
				return -1;
			if (u >= 0xd800 && u <= 0xdbff) {
				save = i;
				if (i + 1 < end && s[i] == '\\' &&
				    s[i + 1] == 'u') {
					i += 2;
					lo = read_u4(s, end, &i);
					if (lo < 0)
						return -1;
					if (lo >= 0xdc00 && lo <= 0xdfff) {
						kt_buf_put_utf8(
							out,
							0x10000 +
								((uint32_t)(u -
									    0xd800)
								 << 10) +
								(uint32_t)(lo -
									   0xdc00));
						continue;
					}
					i = save;
				}
				kt_buf_put(out, "?", 1);
				continue;
			}
			if (u >= 0xdc00 && u <= 0xdfff) {
				kt_buf_put(out, "?", 1);
				continue;
			}
			kt_buf_put_utf8(out, (uint32_t)u);
			continue;
		default:
			if (latin1 && c >= 0x80) {
				kt_buf_put_utf8(out, c);
				continue;
			}
			break;
		}
		kt_buf_put(out, &c, 1);
	}
	return 0;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f';
}

/* Split one logical line into key and value (Java's load0) and store it. */
static int store_line(struct kt_props *p, const char *line, size_t limit,
		      size_t lineno, const char *name, struct kt_err *err)
{
	size_t key_len = 0, value_start = limit;
	bool has_sep = false, backslash = false;
	struct kt_buf k, v;
	int rc = 0;
	char c;

	while (key_len < limit) {
		c = line[key_len];
		if ((c == '=' || c == ':') && !backslash) {
			value_start = key_len + 1;
			has_sep = true;
			break;
		} else if (blank(c) && !backslash) {
			value_start = key_len + 1;
			break;
		}
		backslash = c == '\\' ? !backslash : false;
		key_len++;
	}
	while (value_start < limit) {
		c = line[value_start];
		if (!blank(c)) {
			if (!has_sep && (c == '=' || c == ':'))
				has_sep = true;
			else
				break;
		}
		value_start++;
	}
	kt_buf_init(&k, 0);
	kt_buf_init(&v, 0);
	if (unescape(line, key_len, p->latin1, &k) ||
	    unescape(line + value_start, limit - value_start, p->latin1, &v)) {
		rc = kt_err_set(
			err, KT_ESYNTAX,
			"Malformed \\uxxxx encoding. (line %zu of '%s')",
			lineno, name ? name : "properties");
		goto out;
	}
	if (k.err || v.err) {
		rc = kt_err_set(err, KT_ENOMEM, "out of memory for property");
		goto out;
	}
	rc = kt_props_setn(p, k.len ? (const char *)k.p : "", k.len,
			   v.len ? (const char *)v.p : "", v.len, err);
out:
	kt_buf_release(&k);
	kt_buf_release_wipe(&v);
	return rc;
}

int kt_props_load_str(struct kt_props *p, const char *text, size_t len,
		      const char *name, struct kt_err *err)
{
	struct kt_buf line;
	size_t off = 0, lineno = 1, start_line = 1;
	bool skip_ws = true, appended = false, backslash = false;
	bool skip_lf = false;
	int rc = 0;
	char c, prev = 0;

	kt_buf_init(&line, KT_PROPS_MAX_FILE);
	for (;;) {
		if (off >= len) {
			/* end of input: a pending line is complete; an odd
			 * trailing backslash is dropped */
			if (line.len == 0)
				break;
			if (backslash)
				line.len--;
			rc = store_line(p, (const char *)line.p, line.len,
					start_line, name, err);
			break;
		}
		c = text[off++];
		if (c == '\r' || (c == '\n' && prev != '\r'))
			lineno++;
		prev = c;
		if (skip_lf) {
			skip_lf = false;
			if (c == '\n')
				continue;
		}
		if (skip_ws) {
			if (blank(c))
				continue;
			if (!appended && (c == '\r' || c == '\n')) {
				if (c == '\r')
					skip_lf = true;
				continue;
			}
			skip_ws = false;
			appended = false;
		}
		if (line.len == 0) {
			start_line = lineno;
			if (c == '#' || c == '!') {
				while (off < len && text[off] != '\n' &&
				       text[off] != '\r')
					off++;
				skip_ws = true;
				continue;
			}
		}
		if (c != '\n' && c != '\r') {
			if (kt_buf_put(&line, &c, 1)) {
				rc = kt_err_set(err, KT_ETOOBIG,
						"properties line %zu of '%s' "
						"is too long",
						start_line,
						name ? name : "properties");
				break;
			}
			backslash = c == '\\' ? !backslash : false;
			continue;
		}
		if (c == '\r')
			skip_lf = true;
		if (line.len == 0) {
			skip_ws = true;
			continue;
		}
		if (backslash) {
			/* continuation: drop the backslash, skip the next
			 * line's leading blanks */
			line.len--;
			skip_ws = true;
			appended = true;
			backslash = false;
			continue;
		}
		rc = store_line(p, (const char *)line.p, line.len, start_line,
				name, err);
		if (rc)
			break;
		kt_buf_reset(&line);
		skip_ws = true;
	}
	kt_buf_release_wipe(&line);
	return rc;
}

int kt_props_load_file(struct kt_props *p, const char *path, struct kt_err *err)
{
	FILE *f;
	struct stat st;
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	int rc, e;

	f = fopen(path, "rb");
	if (!f) {
		e = errno;
		return kt_err_set(err, e == ENOENT ? KT_ENOTFOUND : KT_EIO,
				  "cannot read '%s': %s", path, strerror(e));
	}
	if (fstat(fileno(f), &st) != 0)
		st.st_mode = 0; /* nothing known: read it as a stream */
	if (S_ISDIR(st.st_mode)) {
		fclose(f);
		return kt_err_set(err, KT_EIO, "cannot read '%s': %s", path,
				  strerror(EISDIR));
	}
	/* the text is read straight into one buffer of the file's size (no
	 * stdio buffer, no realloc left behind), so one wipe covers it */
	setvbuf(f, NULL, _IONBF, 0);
	if (S_ISREG(st.st_mode) && st.st_size >= 0 &&
	    (uintmax_t)st.st_size < KT_PROPS_MAX_FILE)
		cap = (size_t)st.st_size + 1;
	if (cap) {
		text = malloc(cap);
		if (!text)
			cap = 0;
	}
	for (;;) {
		if (len == cap) {
			char *nt;

			if (cap >= KT_PROPS_MAX_FILE) {
				rc = kt_err_set(
					err, KT_ETOOBIG,
					"properties file '%s' is larger "
					"than %zu bytes",
					path, KT_PROPS_MAX_FILE);
				goto out;
			}
			cap = cap ? cap * 2 : 4096;
			nt = realloc(text, cap);
			if (!nt) {
				rc = kt_err_set(err, KT_ENOMEM,
						"out of memory reading '%s'",
						path);
				goto out;
			}
			text = nt;
		}
		n = fread(text + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		e = errno;
		rc = kt_err_set(err, KT_EIO, "cannot read '%s': %s", path,
				strerror(e));
		goto out;
	}
	rc = kt_props_load_str(p, text, len, path, err);
out:
	wipe_free(text, cap);
	fclose(f);
	return rc;
}
