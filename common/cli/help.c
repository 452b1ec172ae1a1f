/*
 * cli/help.c - the --help text, as jopt-simple's BuiltinHelpFormatter lays
 * it out (its Rows/Columns classes): the columns are sized from the
 * unwrapped cells (option column capped at 39), every cell is cut at the
 * break points of wrap.c, and the columns are sized again from the cut
 * pieces before the rows are padded.
 */
#include "cli/cli.h"
#include "cli/cli_int.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* help table                                                           */

struct cell {
	char *s; /* owned, NUL-terminated */
	size_t w;
};

struct rowset {
	struct cell *opt, *desc;
	size_t n, cap;
};

static char *xstrndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int rows_add(struct rowset *r, const char *o, size_t on, const char *d,
		    size_t dn)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct cell *no = realloc(r->opt, cap * sizeof(*no));

		if (!no)
			return -KT_ENOMEM;
		r->opt = no;
		no = realloc(r->desc, cap * sizeof(*no));
		if (!no)
			return -KT_ENOMEM;
		r->desc = no;
		r->cap = cap;
	}
	r->opt[r->n].s = xstrndup(o, on);
	r->desc[r->n].s = xstrndup(d, dn);
	if (!r->opt[r->n].s || !r->desc[r->n].s) {
		free(r->opt[r->n].s);
		free(r->desc[r->n].s);
		return -KT_ENOMEM;
	}
	r->opt[r->n].w = kt_cli_jlen(o, on);
	r->desc[r->n].w = kt_cli_jlen(d, dn);
	r->n++;
	return 0;
}

static void rows_free(struct rowset *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->opt[i].s);
		free(r->desc[i].s);
	}
	free(r->opt);
	free(r->desc);
	memset(r, 0, sizeof(*r));
}

static void widths(const struct rowset *r, size_t *ow, size_t *dw)
{
	size_t i, wo = 0, wd = 0;

	for (i = 0; i < r->n; i++) {
		if (r->opt[i].w > wo)
			wo = r->opt[i].w;
		if (r->desc[i].w > wd)
			wd = r->desc[i].w;
	}
	*ow = wo < (80 - 2) / 2 ? wo : (80 - 2) / 2;
	*dw = 80 - *ow - 2 < wd ? 80 - *ow - 2 : wd;
}

/* jopt's piecesOf: trim, split at '\n' (trailing empty parts dropped, as
 * String.split does), wrap each part. Pieces go to out, '\n'-terminated. */
static int pieces(const char *raw, size_t width, struct kt_buf *out)
{
	size_t n = strlen(raw), a = 0, b;
	char *line;

	while (a < n && (unsigned char)raw[a] <= ' ')
		a++;
	while (n > a && (unsigned char)raw[n - 1] <= ' ')
		n--;
	while (a < n) {
		b = a;
		while (b < n && raw[b] != '\n')
			b++;
		line = xstrndup(raw + a, b - a);
		if (!line)
			return out->err = -KT_ENOMEM;
		kt_cli_wrap(line, width, out);
		free(line);
		a = b + 1;
	}
	return out->err;
}

/* Split '\n'-terminated pieces into a string array view: returns count. */
static size_t split_pieces(struct kt_buf *b, const char **v, size_t max)
{
	size_t n = 0, i, start = 0;

	for (i = 0; i < b->len && n < max; i++)
		if (b->p[i] == '\n') {
			b->p[i] = '\0';
			v[n++] = (const char *)b->p + start;
			start = i + 1;
		}
	return n;
}

static int cmp_names(const void *a, const void *b)
{
	const struct kt_opt *x = *(const struct kt_opt *const *)a;
	const struct kt_opt *y = *(const struct kt_opt *const *)b;

	return strcmp(x->name, y->name);
}

static bool visible(const struct kt_opt *o, unsigned flags)
{
	if (o->flags & KT_HIDDEN)
		return false;
	return !((flags & KT_USAGE_APACHE) && (o->flags & KT_EXT));
}

const struct kt_opt **kt_cli_sorted_rows(const struct kt_opt *opts,
					 unsigned flags, size_t *count)
{
	size_t n = kt_cli_count_rows(opts), i, k = 0;
	const struct kt_opt **v = malloc((n + 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (i = 0; i < n; i++)
		if (visible(&opts[i], flags))
			v[k++] = &opts[i];
	qsort(v, k, sizeof(*v), cmp_names);
	*count = k;
	return v;
}

/* createOptionDisplay / createDescriptionDisplay */
static void option_cell(const struct kt_opt *o, struct kt_buf *b)
{
	kt_buf_printf(b, "%s%s", strlen(o->name) > 1 ? "--" : "-", o->name);
	if (!kt_cli_takes_arg(o))
		return;
	kt_buf_printf(b, " %c%s%s%s%c", (o->flags & KT_ARG) ? '<' : '[',
		      kt_cli_type_name(o), o->arg && o->arg[0] ? ": " : "",
		      o->arg ? o->arg : "", (o->flags & KT_ARG) ? '>' : ']');
}

static void desc_cell(const struct kt_opt *o, struct kt_buf *b)
{
	const char *h = o->help ? o->help : "";
	size_t a = 0, n;

	if (!o->def) {
		kt_buf_puts(b, h);
		return;
	}
	/* (description + ' ' + "(default: X)").trim() */
	kt_buf_printf(b, "%s (default: %s)", h, o->def);
	n = b->len;
	while (a < n && b->p[a] <= ' ')
		a++;
	while (n > a && b->p[n - 1] <= ' ')
		n--;
	memmove(b->p, b->p + a, n - a);
	b->len = n - a;
}

int kt_cli_usage(const struct kt_opt *opts, unsigned flags, struct kt_buf *out)
{
	struct rowset raw = {0}, fit = {0};
	struct kt_buf ob, db, po, pd;
	const struct kt_opt **v;
	size_t n, i, k, ow, dw, no, nd;
	const char **vo = NULL, **vd = NULL;
	int rc = -KT_ENOMEM;

	v = kt_cli_sorted_rows(opts, flags, &n);
	if (!v)
		return out->err = -KT_ENOMEM;
	kt_buf_init(&ob, 0);
	kt_buf_init(&db, 0);
	kt_buf_init(&po, 0);
	kt_buf_init(&pd, 0);
	if (rows_add(&raw, "Option", 6, "Description", 11) ||
	    rows_add(&raw, "------", 6, "-----------", 11))
		goto out;
	for (i = 0; i < n; i++) {
		kt_buf_reset(&ob);
		kt_buf_reset(&db);
		option_cell(v[i], &ob);
		desc_cell(v[i], &db);
		if (ob.err || db.err ||
		    rows_add(&raw, ob.len ? (const char *)ob.p : "", ob.len,
			     db.len ? (const char *)db.p : "", db.len))
			goto out;
	}
	widths(&raw, &ow, &dw);
	for (i = 0; i < raw.n; i++) {
		kt_buf_reset(&po);
		kt_buf_reset(&pd);
		pieces(raw.opt[i].s, ow, &po);
		pieces(raw.desc[i].s, dw, &pd);
		if (po.err || pd.err)
			goto out;
		free(vo);
		free(vd);
		vo = malloc((po.len + 1) * sizeof(*vo));
		vd = malloc((pd.len + 1) * sizeof(*vd));
		if (!vo || !vd)
			goto out;
		no = split_pieces(&po, vo, po.len + 1);
		nd = split_pieces(&pd, vd, pd.len + 1);
		for (k = 0; k < no || k < nd; k++) {
			const char *a = k < no ? vo[k] : "";
			const char *d = k < nd ? vd[k] : "";

			if (rows_add(&fit, a, strlen(a), d, strlen(d)))
				goto out;
		}
	}
	widths(&fit, &ow, &dw);
	for (i = 0; i < fit.n; i++) {
		kt_buf_puts(out, fit.opt[i].s);
		for (k = fit.opt[i].w; k < ow; k++)
			kt_buf_put(out, " ", 1);
		kt_buf_put(out, "  ", 2);
		kt_buf_puts(out, fit.desc[i].s);
		for (k = fit.desc[i].w; k < dw; k++)
			kt_buf_put(out, " ", 1);
		kt_buf_put(out, "\n", 1);
	}
	rc = out->err;
out:
	free(vo);
	free(vd);
	free(v);
	rows_free(&raw);
	rows_free(&fit);
	kt_buf_release(&ob);
	kt_buf_release(&db);
	kt_buf_release(&po);
	kt_buf_release(&pd);
	if (rc && !out->err)
		out->err = rc;
	return rc;
}

int kt_cli_usage_msg(const struct kt_opt *opts, const char *msg, unsigned flags,
		     struct kt_buf *out)
{
	kt_buf_puts(out, msg);
	kt_buf_put(out, "\n", 1);
	return kt_cli_usage(opts, flags, out);
}
