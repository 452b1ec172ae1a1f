/*
 * admin/topicfilter.c - kafka-topics' --topic filter: IncludeList's clean-up,
 * then the pattern as a whole-name Java regex (jregex.h) with Apache's message
 * for one Java rejects.
 */
#include "admin/topicfilter.h"

#include "java/jregex.h"

#include <stdlib.h>

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

int kt_topic_filter_init(struct kt_topic_filter *f, const char *raw,
			 struct kt_err *err)
{
	struct kt_err why;
	int r;

	memset(f, 0, sizeof(*f));
	f->regex = cleanup(raw);
	if (!f->regex)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	r = kt_jregex_compile(&f->re, f->regex, strlen(f->regex),
			      KT_JREGEX_WHOLE, REG_NOSUB, &why);
	if (r == -KT_ESYNTAX)
		return invalid(err, f->regex);
	if (r == -KT_EUNSUPPORTED)
		return unsupported(err, f->regex, why.msg);
	if (r < 0)
		return kt_err_set(err, -r, "%s", why.msg);
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

size_t kt_topic_filter_names(const struct kt_topic_filter *f, char **names,
			     bool *internal, size_t n, bool exclude_internal)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (kt_topic_filter_match(f, names[i]) &&
		    !(exclude_internal &&
		      kt_topic_is_internal_name(names[i]))) {
			names[k] = names[i];
			internal[k++] = internal[i];
		} else {
			free(names[i]);
		}
	}
	return k;
}
