/*
 * sasl/jaas.c - sasl.jaas.config parsed with the tokenizer rules of Kafka's
 * JaasConfig (a java.io.StreamTokenizer with resetSyntax, word characters
 * 32..128 and 160..255, blanks 0..32, ';' and '=' ordinary, '"' and '\''
 * quotes, '/' a comment character, // and slash-star comments) and the
 * checks of JaasConfig.parseAppConfigurationEntry and JaasContext.load.
 */
#include "sasl/jaas.h"

#include <openssl/crypto.h>
#include <stdbool.h>
#include <strings.h>

/* Token types beside the ordinary characters ';' and '=' (StreamTokenizer
 * TT_EOF, TT_WORD, and a quote character as ttype). */
#define TOK_EOF (-1)
#define TOK_WORD (-3)
#define TOK_QUOTE (-4)

struct tok {
	const unsigned char *p;
	int type;
	char *sval; /* for words and quoted strings; NULL otherwise */
	size_t len;
	size_t cap;
	bool nul; /* the string holds a NUL byte */
	int err;  /* KT_ENOMEM */
};

static bool is_word(unsigned char c)
{
	return c > ' ' && !strchr(";=/\"'", c);
}

/* Room for 2 more bytes and a NUL in t->sval. */
static bool ensure(struct tok *t)
{
	char *q;
	size_t cap;

	if (t->err)
		return false;
	if (t->len + 3 <= t->cap)
		return true;
	cap = t->cap ? t->cap * 2 : 64;
	q = malloc(cap);
	if (!q) {
		t->err = KT_ENOMEM;
		return false;
	}
	if (t->sval) {
		memcpy(q, t->sval, t->len);
		OPENSSL_cleanse(t->sval, t->cap);
		free(t->sval);
	}
	t->sval = q;
	t->cap = cap;
	return true;
}

/* Append one byte of the text. */
static void put(struct tok *t, unsigned char c)
{
	if (!ensure(t))
		return;
	t->sval[t->len++] = (char)c;
	t->sval[t->len] = '\0';
}

/* Append the character an escape names: 0..255, Latin-1, as UTF-8. */
static void put_char(struct tok *t, unsigned c)
{
	if (c < 0x80) {
		t->nul |= c == 0;
		put(t, (unsigned char)c);
		return;
	}
	put(t, (unsigned char)(0xc0 | c >> 6));
	put(t, (unsigned char)(0x80 | (c & 0x3f)));
}

static void skip_line(struct tok *t)
{
	while (*t->p && *t->p != '\n' && *t->p != '\r')
		t->p++;
}

/* The escape after a backslash inside a quoted string (p is past it). */
static unsigned escape(struct tok *t)
{
	static const char from[] = "abfnrtv", to[] = "\a\b\f\n\r\t\v";
	const char *k;
	unsigned c = *t->p, first = c;

	if (c >= '0' && c <= '7') {
		c -= '0';
		t->p++;
		if (*t->p >= '0' && *t->p <= '7') {
			c = c * 8 + (unsigned)(*t->p++ - '0');
			if (first <= '3' && *t->p >= '0' && *t->p <= '7')
				c = c * 8 + (unsigned)(*t->p++ - '0');
		}
		return c;
	}
	t->p++;
	k = strchr(from, (int)c);
	return k ? (unsigned char)to[k - from] : c;
}

/* The next token into t (StreamTokenizer.nextToken). */
static int next(struct tok *t)
{
	unsigned char c, q;

	if (t->sval) {
		OPENSSL_cleanse(t->sval, t->cap);
		t->sval[0] = '\0';
	}
	t->len = 0;
	t->nul = false;
	for (;;) {
		while (*t->p && *t->p <= ' ')
			t->p++;
		c = *t->p;
		if (c != '/')
			break;
		t->p++;
		if (*t->p == '*') {
			const char *end = strstr((const char *)t->p + 1, "*/");

			if (!end)
				return t->type = TOK_EOF;
			t->p = (const unsigned char *)end + 2;
		} else {
			/* a lone '/': StreamTokenizer drops the character
			 * after it, even a line end, then the line */
			if (*t->p && *t->p != '/')
				t->p++;
			skip_line(t);
		}
	}
	if (!c)
		return t->type = TOK_EOF;
	if (is_word(c)) {
		t->type = TOK_WORD;
		while (is_word(*t->p))
			put(t, *t->p++);
		return t->type;
	}
	if (c == '"' || c == '\'') {
		t->type = TOK_QUOTE;
		q = c;
		if (ensure(t)) /* sval is "", not NULL, for "" */
			t->sval[0] = '\0';
		t->p++;
		while (*t->p && *t->p != q && *t->p != '\n' && *t->p != '\r') {
			if (*t->p == '\\') {
				t->p++;
				if (*t->p)
					put_char(t, escape(t));
			} else {
				put(t, *t->p++);
			}
		}
		if (*t->p == q)
			t->p++;
		return t->type;
	}
	t->p++;
	return t->type = c;
}

static const char *sval(const struct tok *t)
{
	return t->type == TOK_WORD || t->type == TOK_QUOTE ? t->sval : NULL;
}

static int set_option(struct kt_jaas *j, const char *key, const struct tok *t)
{
	struct kt_jaas_option *o;
	char *v = malloc(t->len + 1);
	size_t i;

	if (!v)
		return -KT_ENOMEM;
	memcpy(v, t->sval, t->len + 1);
	for (i = 0; i < j->n_options; i++) {
		if (strcmp(j->options[i].key, key) == 0) {
			OPENSSL_cleanse(j->options[i].value,
					strlen(j->options[i].value));
			free(j->options[i].value);
			j->options[i].value = v;
			return 0;
		}
	}
	o = realloc(j->options, (j->n_options + 1) * sizeof(*o));
	if (!o)
		goto out_free;
	j->options = o;
	o[j->n_options].key = strdup(key);
	if (!o[j->n_options].key)
		goto out_free;
	o[j->n_options++].value = v;
	return 0;
out_free:
	free(v);
	return -KT_ENOMEM;
}

static int parse_flag(const char *s, enum kt_jaas_flag *flag)
{
	static const char *const names[] = {"required", "requisite",
					    "sufficient", "optional"};
	int i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(s, names[i]) == 0) {
			*flag = (enum kt_jaas_flag)i;
			return 0;
		}
	}
	return -1;
}

/* One entry (JaasConfig.parseAppConfigurationEntry); t holds its first
 * token. Into j when j is not NULL (later entries are only counted). */
static int parse_entry(struct tok *t, struct kt_jaas *j, struct kt_err *err)
{
	bool no_module = !sval(t) || !*t->sval;
	char *key = NULL;
	int r = 0;

	/* a missing class is only found by Java's AppConfigurationEntry,
	 * once the entry has parsed */
	if (j && !no_module && !(j->module = strdup(t->sval)))
		goto out_nomem;
	if (next(t) == TOK_EOF)
		return kt_err_set(err, KT_ESYNTAX,
				  "sasl.jaas.config: Login module control "
				  "flag not specified in JAAS config");
	if (!sval(t))
		return kt_err_set(err, KT_ESYNTAX,
				  "sasl.jaas.config: Login module control "
				  "flag is not available in the JAAS config");
	if (parse_flag(t->sval, j ? &j->flag : &(enum kt_jaas_flag){0}))
		return kt_err_set(err, KT_ESYNTAX,
				  "sasl.jaas.config: Invalid login module "
				  "control flag '%.64s' in JAAS config",
				  t->sval);
	while (next(t) != TOK_EOF && t->type != ';') {
		free(key);
		key = sval(t) ? strdup(t->sval) : strdup("null");
		if (!key)
			goto out_nomem;
		if (next(t) != '=' || next(t) == TOK_EOF || !sval(t)) {
			r = kt_err_set(err, KT_ESYNTAX,
				       "sasl.jaas.config: Value not specified "
				       "for key '%.64s' in JAAS config",
				       key);
			goto out_free;
		}
		if (t->nul) {
			r = kt_err_set(err, KT_ESYNTAX,
				       "sasl.jaas.config: the value of '%.64s' "
				       "holds a NUL character",
				       key);
			goto out_free;
		}
		if (j && set_option(j, key, t) < 0)
			goto out_nomem;
	}
	if (t->type != ';')
		r = kt_err_set(err, KT_ESYNTAX,
			       "sasl.jaas.config: JAAS config entry not "
			       "terminated by semi-colon");
	else if (no_module)
		r = kt_err_set(err, KT_ESYNTAX,
			       "sasl.jaas.config: Login module not specified "
			       "in JAAS config");
	goto out_free;
out_nomem:
	r = kt_err_set(err, KT_ENOMEM, "out of memory");
out_free:
	free(key);
	return r;
}

int kt_jaas_parse(const char *text, struct kt_jaas *out, struct kt_err *err)
{
	struct tok t;
	size_t n = 0;
	int r = 0;

	memset(out, 0, sizeof(*out));
	memset(&t, 0, sizeof(t));
	t.p = (const unsigned char *)(text ? text : "");
	while (next(&t) != TOK_EOF) {
		r = parse_entry(&t, n ? NULL : out, err);
		if (!r && t.err)
			r = kt_err_set(err, KT_ENOMEM, "out of memory");
		if (r)
			goto out_release;
		n++;
	}
	if (n == 0)
		r = kt_err_set(err, KT_ESYNTAX,
			       "sasl.jaas.config: Login module not specified "
			       "in JAAS config");
	else if (n > 1)
		r = kt_err_set(err, KT_ESYNTAX,
			       "sasl.jaas.config: JAAS config property "
			       "contains %zu login modules, should be 1 module",
			       n);
out_release:
	if (t.sval) {
		OPENSSL_cleanse(t.sval, t.cap);
		free(t.sval);
	}
	if (r)
		kt_jaas_release(out);
	return r;
}

const char *kt_jaas_get(const struct kt_jaas *j, const char *key)
{
	size_t i;

	for (i = 0; i < j->n_options; i++)
		if (strcmp(j->options[i].key, key) == 0)
			return j->options[i].value;
	return NULL;
}

void kt_jaas_release(struct kt_jaas *j)
{
	size_t i;

	if (!j)
		return;
	for (i = 0; i < j->n_options; i++) {
		free(j->options[i].key);
		OPENSSL_cleanse(j->options[i].value,
				strlen(j->options[i].value));
		free(j->options[i].value);
	}
	free(j->options);
	free(j->module);
	memset(j, 0, sizeof(*j));
}
