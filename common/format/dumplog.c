/*
 * format/dumplog.c - the engine of kafka-dump-log: Apache's DumpLogSegments
 * (4.3) text output, byte for byte, over the readers of segment.c and the batch
 * decoder of record.c; plus kafkit's JSON lines, summary and verify modes.
 * This file: options, the engine's life cycle, the output buffer and its
 * writes, file names and paths as Java resolves them, the dispatch of each
 * file by its suffix and the closing report of --verify-index-only and
 * --index-sanity-check problems (Java's HashMap and TreeMap orders).
 * The pieces: dumplog_log.c (.log batches and summaries), dumplog_records.c
 * (record lines and control records), dumplog_decode.c (--print-data-log
 * decoders), dumplog_json.c (JSON lines), dumplog_index.c (.index and
 * .timeindex), dumplog_snapshot.c (.snapshot and .txnindex).
 *
 * Facts: tools.md §5 (checked against the real 4.3.1 tool where it
 * differs: see the notes at each place), storage.md §12.
 */
#include "format/dumplog_int.h"

struct fentry *kt_dl_fmap_get(struct fmap *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].path, path) == 0)
			return &m->v[i];
	if (m->n == m->cap) {
		size_t nc = m->cap ? m->cap * 2 : 4;
		struct fentry *nv = realloc(m->v, nc * sizeof(*nv));

		if (!nv)
			return NULL;
		m->v = nv;
		m->cap = nc;
	}
	memset(&m->v[m->n], 0, sizeof(m->v[0]));
	m->v[m->n].path = strdup(path);
	if (!m->v[m->n].path)
		return NULL;
	m->v[m->n].hash = kt_java_string_hash(path, strlen(path));
	m->v[m->n].order = m->n;
	return &m->v[m->n++];
}

int kt_dl_fentry_add(struct fentry *e, int64_t a, int64_t b)
{
	if (e->n == e->cap) {
		size_t nc = e->cap ? e->cap * 2 : 16;
		struct pair *nv = realloc(e->v, nc * sizeof(*nv));

		if (!nv)
			return -KT_ENOMEM;
		e->v = nv;
		e->cap = nc;
	}
	e->v[e->n].a = a;
	e->v[e->n].b = b;
	e->n++;
	return 0;
}

static void fmap_release(struct fmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].path);
		free(m->v[i].v);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* Bucket of a hash in a Java HashMap of capacity cap. */
static size_t java_bucket(int32_t h, size_t cap)
{
	uint32_t u = (uint32_t)h;

	return (u ^ (u >> 16)) & (cap - 1);
}

static int fentry_cmp_java(const void *x, const void *y)
{
	const struct fentry *a = x, *b = y;

	if (a->bucket != b->bucket)
		return a->bucket < b->bucket ? -1 : 1;
	return a->order > b->order ? -1 : a->order < b->order;
}

/*
 * Put the entries of m in the iteration order of a Java HashMap filled by
 * computeIfAbsent, as DumpLogSegments fills its maps: buckets ascending,
 * and within a bucket the newest entry first (computeIfAbsent puts a new
 * node at the head of its bin, and resizes keep the order of a bin). It
 * resizes before an insertion that finds the map over its threshold.
 */
static void fmap_java_order(struct fmap *m)
{
	size_t cap = 16, i;

	if (m->n < 2)
		return;
	for (i = 1; i < m->n; i++)
		if (i > cap / 4 * 3)
			cap *= 2;
	for (i = 0; i < m->n; i++)
		m->v[i].bucket = java_bucket(m->v[i].hash, cap);
	qsort(m->v, m->n, sizeof(m->v[0]), fentry_cmp_java);
}

struct tpair {
	int64_t a, b;
	size_t order;
};

static int tpair_cmp(const void *x, const void *y)
{
	const struct tpair *p = x, *q = y;

	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->order < q->order ? -1 : p->order > q->order;
}

/* TreeMap semantics over a list of puts: ascending keys, the last value
 * put for a key wins. */
static int pairs_treemap(struct fentry *e)
{
	struct tpair *t;
	size_t i, j = 0;

	if (e->n < 2)
		return 0;
	t = malloc(e->n * sizeof(*t));
	if (!t)
		return -KT_ENOMEM;
	for (i = 0; i < e->n; i++) {
		t[i].a = e->v[i].a;
		t[i].b = e->v[i].b;
		t[i].order = i;
	}
	qsort(t, e->n, sizeof(*t), tpair_cmp);
	for (i = 0; i < e->n; i++) {
		if (i + 1 < e->n && t[i + 1].a == t[i].a)
			continue;
		e->v[j].a = t[i].a;
		e->v[j].b = t[i].b;
		j++;
	}
	e->n = j;
	free(t);
	return 0;
}

void kt_dl_opts_init(struct kt_dl_opts *o)
{
	static const struct kt_dl_decoders strings = {KT_DL_DEC_STRING,
						      KT_DL_DEC_STRING};

	memset(o, 0, sizeof(*o));
	o->max_message_size = 5 * 1024 * 1024;
	o->max_bytes = JAVA_INT_MAX;
	kt_dl_parser_builtin(&o->parser, &strings);
}

struct kt_dumplog *kt_dumplog_new(const struct kt_dl_opts *o,
				  const struct kt_dl_sink *sink)
{
	struct kt_dumplog *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->o = *o;
	d->sink = *sink;
	kt_buf_init(&d->out, 0);
	kt_buf_init(&d->key, TEXT_MAX);
	kt_buf_init(&d->val, TEXT_MAX);
	kt_buf_init(&d->scratch, DECOMP_MAX);
	kt_buf_init(&d->line, TEXT_MAX);
	if (o->cwd)
		snprintf(d->cwd, sizeof(d->cwd), "%s", o->cwd);
	else if (!getcwd(d->cwd, sizeof(d->cwd)))
		d->cwd[0] = '\0';
	return d;
}

void kt_dumplog_free(struct kt_dumplog *d)
{
	if (!d)
		return;
	kt_buf_release(&d->out);
	kt_buf_release(&d->key);
	kt_buf_release(&d->val);
	kt_buf_release(&d->scratch);
	kt_buf_release(&d->line);
	fmap_release(&d->idx_mismatch);
	fmap_release(&d->ts_mismatch);
	fmap_release(&d->ts_order);
	fmap_release(&d->ts_notfound);
	fmap_release(&d->nonconsec);
	free(d);
}

void kt_dumplog_set_opts(struct kt_dumplog *d, const struct kt_dl_opts *o)
{
	d->o = *o;
	if (!o->cwd)
		d->o.cwd = NULL;
}

const char *kt_dumplog_error(const struct kt_dumplog *d)
{
	return d->fatal;
}

uint64_t kt_dumplog_problems(const struct kt_dumplog *d)
{
	return d->problems;
}

/* The text of out with the queued views between it, in pieces of at most
 * IOV_BATCH per sink writev. */
static int write_views(struct kt_dumplog *d)
{
	struct iovec iov[IOV_BATCH];
	size_t at = 0, i;
	int k = 0, rc = 0;

	for (i = 0; i <= d->nzc && rc >= 0; i++) {
		size_t end = i < d->nzc ? d->zc[i].at : d->out.len;

		if (end > at) {
			iov[k].iov_base = d->out.p + at;
			iov[k++].iov_len = end - at;
			at = end;
		}
		if (i < d->nzc) {
			iov[k].iov_base = (void *)d->zc[i].p;
			iov[k++].iov_len = d->zc[i].len;
		}
		if (k >= IOV_BATCH - 1 || (i == d->nzc && k > 0)) {
			rc = d->sink.writev(d->sink.ctx, KT_DL_OUT, iov, k);
			k = 0;
		}
	}
	return rc;
}

int kt_dl_flush_out(struct kt_dumplog *d, struct kt_err *err)
{
	int rc;

	if (d->out.err) {
		d->nzc = 0;
		return kt_err_set(err, -d->out.err, "output buffer: %s",
				  kt_strerror(d->out.err));
	}
	if (d->nzc > 0)
		rc = write_views(d);
	else if (d->out.len == 0)
		return 0;
	else
		rc = d->sink.write(d->sink.ctx, KT_DL_OUT, d->out.p,
				   d->out.len);
	kt_buf_reset(&d->out);
	d->nzc = 0;
	if (rc < 0)
		return kt_err_set(err, -rc, "cannot write output: %s",
				  kt_strerror(rc));
	return 0;
}

int kt_dl_maybe_flush(struct kt_dumplog *d, struct kt_err *err)
{
	if (d->out.len >= OUT_FLUSH || d->out.err || d->nzc >= ZC_MAX - 2)
		return kt_dl_flush_out(d, err);
	return 0;
}

/* The end of a dump over a mapped file: the queued views die with the
 * mapping, so they are written first (an earlier failure rc wins). */
int kt_dl_file_done(struct kt_dumplog *d, struct kt_segfile *f, int rc,
		    struct kt_err *err)
{
	if (d->nzc > 0) {
		int r2 = kt_dl_flush_out(d, rc < 0 ? NULL : err);

		if (rc >= 0 && r2 < 0)
			rc = r2;
	}
	d->pinned = false;
	kt_segfile_release(f);
	return rc;
}

/* Queue n bytes at p (in a pinned window of the file) as the next output. */
int kt_dl_put_view(struct kt_dumplog *d, const uint8_t *p, size_t n,
		   struct kt_err *err)
{
	if (d->nzc == ZC_MAX && kt_dl_flush_out(d, err) < 0)
		return -KT_EIO;
	d->zc[d->nzc].at = d->out.len;
	d->zc[d->nzc].p = p;
	d->zc[d->nzc].len = n;
	d->nzc++;
	return 0;
}

/* One line on stderr (stdout flushed first so a terminal sees them in
 * order). */
int kt_dl_err_line(struct kt_dumplog *d, const char *s, struct kt_err *err)
{
	int rc = kt_dl_flush_out(d, err);

	if (rc < 0)
		return rc;
	rc = d->sink.write(d->sink.ctx, KT_DL_ERR, s, strlen(s));
	if (rc >= 0)
		rc = d->sink.write(d->sink.ctx, KT_DL_ERR, "\n", 1);
	return rc < 0 ? kt_err_set(err, -rc, "cannot write") : 0;
}

int kt_dl_jfail(struct kt_dumplog *d, struct kt_err *err, int code,
		const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(d->fatal, sizeof(d->fatal),
		     "Exception in thread "
		     "\"main\" ");
	va_start(ap, fmt);
	vsnprintf(d->fatal + n, sizeof(d->fatal) - (size_t)n, fmt, ap);
	va_end(ap);
	return kt_err_set(err, code, "%s", d->fatal);
}

/* Java's File normalisation: no repeated or trailing slashes. */
static void java_normalize(const char *in, char *out, size_t cap)
{
	size_t j = 0;

	for (; *in && j + 1 < cap; in++) {
		if (*in == '/' && j > 0 && out[j - 1] == '/')
			continue;
		out[j++] = *in;
	}
	if (j > 1 && out[j - 1] == '/')
		j--;
	out[j] = '\0';
}

/* File.getAbsolutePath of a normalised path. */
static void java_abs(const struct kt_dumplog *d, const char *path, char *out,
		     size_t cap)
{
	if (path[0] == '/')
		snprintf(out, cap, "%s", path);
	else if (path[0] == '\0')
		snprintf(out, cap, "%s", d->cwd);
	else
		snprintf(out, cap, "%s/%s", strcmp(d->cwd, "/") ? d->cwd : "",
			 path);
}

const char *kt_dl_base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The sibling of abs path with the name's part before the first '.' and
 * another suffix: Java's new File(parent, prefix + suffix). */
void kt_dl_sibling(const char *abs, const char *suffix, char *out, size_t cap)
{
	const char *name = kt_dl_base_name(abs);
	size_t dir = (size_t)(name - abs);
	const char *dot = strchr(name, '.');
	size_t pl = dot ? (size_t)(dot - name) : strlen(name);

	snprintf(out, cap, "%.*s%.*s%s", (int)dir, abs, (int)pl, name, suffix);
}

int kt_dl_number_prefix(struct kt_dumplog *d, const char *name, int64_t *base,
			struct kt_err *err)
{
	const char *dot = strchr(name, '.');
	int pl = dot ? (int)(dot - name) : (int)strlen(name);

	if (kt_seg_base_offset(name, base) < 0)
		return kt_dl_jfail(d, err, KT_EINVAL,
				   "java.lang.NumberFormatException: For input "
				   "string: \"%.*s\"",
				   pl, name);
	return 0;
}

int kt_dl_no_such_file(struct kt_dumplog *d, struct kt_err *err,
		       const char *path, struct kt_err *oerr)
{
	if (oerr->code == KT_ENOTFOUND)
		return kt_dl_jfail(d, err, KT_ENOTFOUND,
				   "java.nio.file.NoSuchFileException: %s",
				   path);
	return kt_dl_jfail(d, err, oerr->code, "java.io.IOException: %s",
			   oerr->msg);
}

int kt_dumplog_kind(const char *name)
{
	const char *fname = kt_dl_base_name(name), *dot = strrchr(fname, '.');

	if (!dot)
		return KT_DL_KIND_UNKNOWN;
	if (strcmp(dot, ".log") == 0 || strcmp(dot, ".checkpoint") == 0)
		return KT_DL_KIND_LOG;
	if (strcmp(dot, ".index") == 0)
		return KT_DL_KIND_INDEX;
	if (strcmp(dot, ".timeindex") == 0)
		return KT_DL_KIND_TIMEINDEX;
	if (strcmp(dot, ".snapshot") == 0)
		return KT_DL_KIND_SNAPSHOT;
	if (strcmp(dot, ".txnindex") == 0)
		return KT_DL_KIND_TXNINDEX;
	return KT_DL_KIND_UNKNOWN;
}

int kt_dumplog_header(struct kt_dumplog *d, const char *arg, struct kt_err *err)
{
	char name[4096];

	java_normalize(arg, name, sizeof(name));
	if (d->o.format == KT_DL_TEXT && !d->o.verify) {
		put(&d->out, "Dumping ");
		put(&d->out, name);
		put(&d->out, "\n");
	}
	return kt_dl_flush_out(d, err);
}

int kt_dumplog_file(struct kt_dumplog *d, const char *arg, struct kt_err *err)
{
	char name[4096], abs[8200], line[8300];
	const char *fname, *dot;
	uint64_t before = d->problems;
	int rc;

	java_normalize(arg, name, sizeof(name));
	java_abs(d, name, abs, sizeof(abs));
	fname = kt_dl_base_name(name);
	dot = strrchr(fname, '.');
	if (d->o.format == KT_DL_TEXT && !d->o.verify) {
		put(&d->out, "Dumping ");
		put(&d->out, name);
		put(&d->out, "\n");
	}
	if (!dot) {
		snprintf(line, sizeof(line), "Ignoring unknown file %s", name);
		return kt_dl_err_line(d, line, err);
	}
	if (strcmp(dot, ".log") == 0)
		rc = kt_dl_dump_log(d, name, abs, true, err);
	else if (strcmp(dot, ".checkpoint") == 0)
		rc = kt_dl_dump_log(d, name, abs, false, err);
	else if (strcmp(dot, ".index") == 0)
		rc = kt_dl_dump_index(d, name, abs, err);
	else if (strcmp(dot, ".timeindex") == 0)
		rc = kt_dl_dump_time_index(d, name, abs, err);
	else if (strcmp(dot, ".snapshot") == 0)
		rc = kt_dl_dump_snapshot(d, name, err);
	else if (strcmp(dot, ".txnindex") == 0)
		rc = kt_dl_dump_txn_index(d, name, abs, err);
	else {
		snprintf(line, sizeof(line), "Ignoring unknown file %s", name);
		return kt_dl_err_line(d, line, err);
	}
	if (rc < 0) {
		kt_dl_flush_out(d, NULL);
		return rc;
	}
	if (d->o.verify && d->problems == before)
		kt_buf_printf(&d->out, "%s: ok\n", name);
	else if (d->o.format == KT_DL_SUMMARY && strcmp(dot, ".log") != 0 &&
		 strcmp(dot, ".checkpoint") != 0)
		kt_buf_printf(&d->out, "%s: %s, %llu problems\n", name, dot + 1,
			      (unsigned long long)(d->problems - before));
	return kt_dl_flush_out(d, err);
}

static int pair_cmp_desc(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;

	return a->a > b->a ? -1 : a->a < b->a;
}

int kt_dumplog_finish(struct kt_dumplog *d, struct kt_err *err)
{
	char line[8400];
	size_t i, j;
	int rc = 0;
	struct fmap *m;

	kt_dl_flush_out(d, err);
	m = &d->idx_mismatch;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		struct fentry *e = &m->v[i];

		pairs_treemap(e);
		if (e->n > 1)
			qsort(e->v, e->n, sizeof(e->v[0]), pair_cmp_desc);
		snprintf(line, sizeof(line), "Mismatches in :%s", e->path);
		rc = kt_dl_err_line(d, line, err);
		for (j = 0; j < e->n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "  Index offset: %lld, log offset: %lld",
				 (long long)e->v[j].a, (long long)e->v[j].b);
			rc = kt_dl_err_line(d, line, err);
		}
	}
	m = &d->ts_mismatch;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		snprintf(line, sizeof(line), "Found timestamp mismatch in :%s",
			 m->v[i].path);
		rc = kt_dl_err_line(d, line, err);
		for (j = 0; j < m->v[i].n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "  Index timestamp: %lld, log timestamp: %lld",
				 (long long)m->v[i].v[j].a,
				 (long long)m->v[i].v[j].b);
			rc = kt_dl_err_line(d, line, err);
		}
	}
	m = &d->ts_order;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		snprintf(line, sizeof(line),
			 "Found out of order timestamp in :%s", m->v[i].path);
		rc = kt_dl_err_line(d, line, err);
		for (j = 0; j < m->v[i].n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "  Index timestamp: %lld, Previously indexed "
				 "timestamp: %lld",
				 (long long)m->v[i].v[j].a,
				 (long long)m->v[i].v[j].b);
			rc = kt_dl_err_line(d, line, err);
		}
	}
	m = &d->ts_notfound;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		snprintf(line, sizeof(line),
			 "The following indexed offsets are not found in :%s",
			 m->v[i].path);
		rc = kt_dl_err_line(d, line, err);
		for (j = 0; j < m->v[i].n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "Indexed offset: %lld, found log offset: %lld",
				 (long long)m->v[i].v[j].a,
				 (long long)m->v[i].v[j].b);
			rc = kt_dl_err_line(d, line, err);
		}
	}
	m = &d->nonconsec;
	fmap_java_order(m);
	for (i = 0; i < m->n && rc >= 0; i++) {
		struct fentry *e = &m->v[i];

		pairs_treemap(e);
		snprintf(line, sizeof(line), "Non-consecutive offsets in %s",
			 e->path);
		rc = kt_dl_err_line(d, line, err);
		for (j = 0; j < e->n && rc >= 0; j++) {
			snprintf(line, sizeof(line),
				 "  %lld is followed by %lld",
				 (long long)e->v[j].a, (long long)e->v[j].b);
			rc = kt_dl_err_line(d, line, err);
		}
	}
	return rc;
}
