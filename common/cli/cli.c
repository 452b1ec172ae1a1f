/*
 * cli/cli.c - the jopt-simple 5.0.4 compatible option parser and Kafka's
 * CommandLineUtils checks: the option table lookup, argv parsing (long and
 * short options, clusters, "--" and abbreviations as jopt allows them), the
 * typed value getters and the checks tools run after parsing. See cli.h and
 * tools.md §0.3. The help text is help.c, line breaking wrap.c, the man
 * pages and completions gen.c.
 */
#include "cli/cli.h"
#include "cli/cli_int.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* table lookup                                                         */

static long find_row(const struct kt_cli *cli, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < cli->nopts; i++)
		if (strlen(cli->opts[i].name) == len &&
		    memcmp(cli->opts[i].name, name, len) == 0)
			return (long)i;
	return -1;
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

	if (!kt_cli_takes_arg(o)) {
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
		if (kt_cli_takes_arg(&cli->opts[row]))
			break;
	}
	for (p = t; *p; p++) {
		row = find_row(cli, p, 1);
		if (kt_cli_takes_arg(&cli->opts[row]) && p[1])
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
	cli->nopts = kt_cli_count_rows(opts);
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
		if (!kt_cli_takes_arg(o)) {
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
