/*
 * topicfilter.c - kafka-topics' --topic filter: IncludeList's clean-up and a
 * translation of the Java regex subset described in topicfilter.h to POSIX
 * ERE (java.util.regex.Pattern syntax, Java 17).
 */
#include "topicfilter.h"

#include "buf.h"

#include <ctype.h>

/* IncludeList: trim, ',' -> '|', delete ' ', strip ^["']+ and ["']+$ */
static char *cleanup(const char *raw)
{
	size_t n = strlen(raw), i, s = 0, e = n, k = 0;
	char *out = malloc(n + 1), *t;

	if (!out)
		return NULL;
	/* String.trim removes every char <= ' ' at both ends */
	while (s < e && (unsigned char)raw[s] <= ' ')
		s++;
	while (e > s && (unsigned char)raw[e - 1] <= ' ')
		e--;
	for (i = s; i < e; i++) {
		if (raw[i] == ' ')
			continue;
		out[k++] = raw[i] == ',' ? '|' : raw[i];
	}
	out[k] = '\0';
	t = out;
	while (*t == '"' || *t == '\'')
		t++;
	k = strlen(t);
	while (k > 0 && (t[k - 1] == '"' || t[k - 1] == '\''))
		k--;
	memmove(out, t, k);
	out[k] = '\0';
	return out;
}

static int unsupported(struct kt_err *err, const char *java, const char *what)
{
	return kt_err_set(err, KT_EINVAL,
			  "%s uses Java regex syntax kafkit does not support "
			  "(%s)",
			  java, what);
}

static int invalid(struct kt_err *err, const char *java)
{
	return kt_err_set(err, KT_EINVAL, "%s is an invalid regex.", java);
}

/* A literal character outside brackets. */
static void lit(struct kt_buf *b, char c)
{
	if (strchr("\\.[]()*+?{}|^$", c))
		kt_buf_put(b, "\\", 1);
	kt_buf_put(b, &c, 1);
}

/* The class a \X escape stands for, or NULL. neg: the complement. */
static const char *class_of(char c, bool *neg)
{
	*neg = isupper((unsigned char)c) != 0;
	switch (c) {
	case 'd':
	case 'D':
		return "0-9";
	case 'w':
	case 'W':
		return "a-zA-Z0-9_";
	case 's':
	case 'S':
		return "[:space:]";
	}
	return NULL;
}

static char ctl_escape(char c)
{
	switch (c) {
	case 't':
		return '\t';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 'f':
		return '\f';
	case 'e':
		return 27;
	case 'a':
		return 7;
	}
	return 0;
}

/*
 * A bracket expression starting after '['. Java allows escapes inside;
 * POSIX does not, so items are collected and written with ']' first and
 * '-' last. Returns the position after the closing ']' or NULL.
 */
static const char *bracket(const char *p, struct kt_buf *b, const char *java,
			   struct kt_err *err, int *rc)
{
	struct kt_buf items;
	bool neg = false, has_close = false, has_dash = false, first = true;
	bool has_caret = false;

	kt_buf_init(&items, 0);
	if (*p == '^') {
		neg = true;
		p++;
	}
	for (;; first = false) {
		char c = *p;

		if (!c) {
			*rc = invalid(err, java);
			goto fail;
		}
		if (c == ']' && !first)
			break;
		if (c == '[' || (c == '&' && p[1] == '&')) {
			*rc = unsupported(err, java,
					  "nested or intersected classes");
			goto fail;
		}
		if (c == '\\') {
			bool cneg;
			const char *cls;

			c = p[1];
			if (!c) {
				*rc = invalid(err, java);
				goto fail;
			}
			cls = class_of(c, &cneg);
			if (cls && cneg) {
				*rc = unsupported(
					err, java,
					"negated class inside brackets");
				goto fail;
			}
			if (cls) {
				kt_buf_puts(&items, cls);
				p += 2;
				continue;
			}
			if (ctl_escape(c))
				c = ctl_escape(c);
			else if (isalnum((unsigned char)c)) {
				*rc = unsupported(err, java,
						  "escape inside brackets");
				goto fail;
			}
			p += 2;
		} else {
			p++;
			/* a range a-z stays as it is */
			if (*p == '-' && p[1] && p[1] != ']' && p[1] != '\\' &&
			    c != ']' && c != '-') {
				kt_buf_put(&items, &c, 1);
				kt_buf_put(&items, p, 2);
				p += 2;
				continue;
			}
		}
		if (c == ']')
			has_close = true;
		else if (c == '-')
			has_dash = true;
		else if (c == '^')
			has_caret = true;
		else
			kt_buf_put(&items, &c, 1);
	}
	if (!neg && has_caret && !has_close && !items.len) {
		/* "[^]" would be a negation: the caret must not come first */
		kt_buf_puts(b, has_dash ? "[-^]" : "\\^");
		kt_buf_release(&items);
		return p + 1;
	}
	kt_buf_puts(b, neg ? "[^" : "[");
	if (has_close)
		kt_buf_puts(b, "]");
	if (items.len)
		kt_buf_put(b, items.p, items.len);
	if (has_caret)
		kt_buf_puts(b, "^");
	if (has_dash)
		kt_buf_puts(b, "-");
	kt_buf_puts(b, "]");
	kt_buf_release(&items);
	return p + 1;
fail:
	kt_buf_release(&items);
	return NULL;
}

int kt_java_regex_to_ere(const char *java, char **ere, bool *icase,
			 struct kt_err *err)
{
	struct kt_buf b;
	const char *p = java;
	int depth = 0, rc = 0;
	bool can_quant = false; /* something a quantifier may follow */

	*ere = NULL;
	*icase = false;
	kt_buf_init(&b, 1 << 16);
	if (strncmp(p, "(?i)", 4) == 0) {
		*icase = true;
		p += 4;
	}
	kt_buf_puts(&b, "^(");
	while (*p) {
		char c = *p;

		if (c == '\\') {
			bool neg;
			const char *cls;

			c = p[1];
			if (!c) {
				rc = invalid(err, java);
				goto out;
			}
			if (c == 'Q') {
				const char *e = strstr(p + 2, "\\E");
				const char *q = p + 2;
				const char *end = e ? e : q + strlen(q);

				for (; q < end; q++)
					lit(&b, *q);
				p = e ? e + 2 : end;
				can_quant = true;
				continue;
			}
			cls = class_of(c, &neg);
			if (cls) {
				kt_buf_printf(&b, "[%s%s]", neg ? "^" : "",
					      cls);
			} else if (ctl_escape(c)) {
				lit(&b, ctl_escape(c));
			} else if (isdigit((unsigned char)c)) {
				rc = unsupported(err, java, "back-references");
				goto out;
			} else if (isalpha((unsigned char)c)) {
				rc = unsupported(err, java, "escape sequence");
				goto out;
			} else {
				lit(&b, c);
			}
			p += 2;
			can_quant = true;
			continue;
		}
		switch (c) {
		case '[':
			p = bracket(p + 1, &b, java, err, &rc);
			if (!p)
				goto out;
			can_quant = true;
			continue;
		case '(':
			if (p[1] == '?') {
				if (p[2] != ':') {
					rc = unsupported(
						err, java,
						"lookaround, named groups or "
						"inline flags");
					goto out;
				}
				p += 2;
			}
			depth++;
			kt_buf_puts(&b, "(");
			can_quant = false;
			break;
		case ')':
			if (depth == 0) {
				rc = invalid(err, java);
				goto out;
			}
			depth--;
			kt_buf_puts(&b, ")");
			can_quant = true;
			break;
		case '*':
		case '+':
		case '?':
		case '{':
			if (!can_quant) {
				rc = invalid(err, java);
				goto out;
			}
			if (c == '{') {
				const char *e = strchr(p, '}');

				if (!e || e == p + 1) {
					rc = invalid(err, java);
					goto out;
				}
				kt_buf_put(&b, p, (size_t)(e - p + 1));
				p = e;
			} else {
				kt_buf_put(&b, &c, 1);
			}
			if (p[1] == '?') /* lazy: same whole-match language */
				p++;
			else if (p[1] == '+') {
				rc = unsupported(err, java,
						 "possessive quantifiers");
				goto out;
			}
			can_quant = false;
			break;
		case '|':
			kt_buf_puts(&b, "|");
			can_quant = false;
			break;
		case '^':
		case '$':
			kt_buf_put(&b, &c, 1);
			can_quant = false;
			break;
		case '.':
			kt_buf_puts(&b, ".");
			can_quant = true;
			break;
		default:
			lit(&b, c);
			can_quant = true;
			break;
		}
		p++;
	}
	if (depth) {
		rc = invalid(err, java);
		goto out;
	}
	kt_buf_puts(&b, ")$");
	kt_buf_put(&b, "", 1);
	if (b.err) {
		rc = kt_err_set(err, -b.err, "%s: pattern too long", java);
		goto out;
	}
	*ere = (char *)kt_buf_detach(&b, NULL);
out:
	kt_buf_release(&b);
	return rc;
}

int kt_topic_filter_init(struct kt_topic_filter *f, const char *raw,
			 struct kt_err *err)
{
	char *ere;
	bool icase;
	int r;

	memset(f, 0, sizeof(*f));
	f->regex = cleanup(raw);
	if (!f->regex)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	r = kt_java_regex_to_ere(f->regex, &ere, &icase, err);
	if (r < 0)
		return r;
	r = regcomp(&f->re, ere,
		    REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0));
	free(ere);
	if (r != 0)
		return invalid(err, f->regex);
	f->compiled = true;
	return 0;
}

bool kt_topic_filter_match(const struct kt_topic_filter *f, const char *name)
{
	return f->compiled && regexec(&f->re, name, 0, NULL, 0) == 0;
}

void kt_topic_filter_release(struct kt_topic_filter *f)
{
	if (f->compiled)
		regfree(&f->re);
	free(f->regex);
	memset(f, 0, sizeof(*f));
}

bool kt_topic_is_internal_name(const char *name)
{
	return strcmp(name, "__consumer_offsets") == 0 ||
	       strcmp(name, "__transaction_state") == 0 ||
	       strcmp(name, "__share_group_state") == 0;
}
