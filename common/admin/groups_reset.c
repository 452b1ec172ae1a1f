/*
 * admin/groups_reset.c - the reset plan of kafka-consumer-groups
 * --reset-offsets as Apache 4.3's OffsetsUtils computes it (tools.md
 * §4.8), the --topic arguments, dates, durations and the reset CSV.
 */
#include "admin/groups_reset.h"
#include "admin/admin_int.h"
#include "java/jorder.h"
#include "java/jstring.h"
#include "proto/fetch.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>
#include <time.h>

#define E_UNKNOWN_TOPIC_OR_PARTITION 3
#define E_GROUP_ID_NOT_FOUND 69

/* ---- --topic arguments ---------------------------------------------------- */

void kt_cg_topic_args_free(struct kt_cg_topic_arg *v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].topic);
		free(v[i].parts);
	}
	free(v);
}

/* A Java Integer.parseInt of s[0..len). */
static bool parse_i32(const char *s, size_t len, int32_t *out)
{
	char buf[16];
	char *end;
	long long x;

	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!isdigit((unsigned char)buf[buf[0] == '-' || buf[0] == '+']))
		return false;
	errno = 0;
	x = strtoll(buf, &end, 10);
	if (errno || *end || x < INT32_MIN || x > INT32_MAX)
		return false;
	*out = (int32_t)x;
	return true;
}

int kt_cg_parse_topic_args(const char *const *v, size_t n,
			   struct kt_cg_topic_arg **out, struct kt_err *err)
{
	struct kt_cg_topic_arg *a;
	size_t i;

	*out = NULL;
	a = calloc(n ? n : 1, sizeof(*a));
	if (!a)
		return kt_adm_oom(err);
	for (i = 0; i < n; i++) {
		const char *s = v[i], *colon = strchr(s, ':'), *p;
		size_t k = 0, cnt = 1;

		if (colon && strchr(colon + 1, ':')) {
			kt_cg_topic_args_free(a, n);
			return kt_err_set(err, KT_EINVAL,
					  "Invalid topic arg '%s', expected "
					  "topic name and partitions",
					  s);
		}
		a[i].topic = colon ? strndup(s, (size_t)(colon - s))
				   : strdup(s);
		if (!a[i].topic) {
			kt_cg_topic_args_free(a, n);
			return kt_adm_oom(err);
		}
		if (!colon) {
			a[i].all = true;
			continue;
		}
		for (p = colon + 1; *p; p++)
			cnt += *p == ',';
		a[i].parts = calloc(cnt, sizeof(int32_t));
		if (!a[i].parts) {
			kt_cg_topic_args_free(a, n);
			return kt_adm_oom(err);
		}
		for (p = colon + 1;;) {
			const char *e = strchr(p, ',');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			const char *t = p;
			size_t tl = len;

			/* Integer.parseInt(s.trim()) */
			while (tl && isspace((unsigned char)*t)) {
				t++;
				tl--;
			}
			while (tl && isspace((unsigned char)t[tl - 1]))
				tl--;
			if (!parse_i32(t, tl, &a[i].parts[k])) {
				kt_err_set(err, KT_EINVAL,
					   "Invalid partition '%.*s' specified "
					   "in topic arg '%s''",
					   (int)len, p, s);
				kt_cg_topic_args_free(a, n);
				return -KT_EINVAL;
			}
			k++;
			if (!e)
				break;
			p = e + 1;
		}
		a[i].n_parts = k;
	}
	*out = a;
	return 0;
}

int kt_cg_resolve_topic_args(struct kt_client *c, struct kt_cg_topic_arg *v,
			     size_t n, int timeout_ms, struct kt_err *err)
{
	const char **names;
	struct kt_group_tp *tps = NULL;
	int16_t *errs;
	size_t i, k = 0;
	int r;

	names = calloc(n ? n : 1, sizeof(*names));
	errs = calloc(n ? n : 1, sizeof(*errs));
	if (!names || !errs) {
		free(names);
		free(errs);
		return kt_adm_oom(err);
	}
	for (i = 0; i < n; i++)
		if (v[i].all)
			names[k++] = v[i].topic;
	r = k ? kt_admin_topic_partitions(c, names, k, timeout_ms, &tps, errs,
					  err)
	      : 0;
	for (i = 0, k = 0; r == 0 && i < n; i++) {
		if (!v[i].all)
			continue;
		if (errs[k]) {
			v[i].lookup_error = errs[k];
		} else {
			v[i].parts = tps[k].parts;
			v[i].n_parts = tps[k].n_parts;
			tps[k].parts = NULL;
		}
		k++;
	}
	kt_group_tps_free(tps, k);
	free(names);
	free(errs);
	return r;
}

/* ---- dates and durations ------------------------------------------------------ */

static bool digits(const char *s, size_t n, int *out)
{
	size_t i;
	int v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : d[m - 1];
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int kt_cg_parse_datetime(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, sec, milli, zh = 0, zm = 0, sign = 1;
	size_t len = strlen(s);
	const char *z;

	/* yyyy-MM-ddTHH:mm:ss.SSS is 23 characters, then the zone */
	if (len < 23 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != '.' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &mo) ||
	    !digits(s + 8, 2, &d) || !digits(s + 11, 2, &h) ||
	    !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &sec) ||
	    !digits(s + 20, 3, &milli))
		return -KT_ESYNTAX;
	z = s + 23;
	if (*z == 'Z' && !z[1]) {
		/* UTC */
	} else if (*z == '+' || *z == '-') {
		size_t zl = strlen(z + 1);

		sign = *z == '-' ? -1 : 1;
		if (!digits(z + 1, 2, &zh))
			return -KT_ESYNTAX;
		if (zl == 4 && digits(z + 3, 2, &zm)) {
		} else if (zl == 5 && z[3] == ':' && digits(z + 4, 2, &zm)) {
		} else if (zl != 2) {
			return -KT_ESYNTAX;
		}
		if (zh > 23 || zm > 59)
			return -KT_ESYNTAX;
	} else if (*z) {
		return -KT_ESYNTAX;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
	    h > 23 || mi > 59 || sec > 59)
		return -KT_ESYNTAX;
	*ms = ((days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * 60000LL +
	      sec * 1000LL + milli -
	      sign * (zh * 60 + zm) * 60000LL;
	return 0;
}

/* One signed number of a duration, up to the unit letter. */
static bool dur_num(const char **p, int64_t *v, bool *neg)
{
	const char *s = *p;
	int64_t x = 0;

	*neg = false;
	if (*s == '-' || *s == '+')
		*neg = *s++ == '-';
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s)) {
		if (x > (INT64_MAX - 9) / 10)
			return false;
		x = x * 10 + (*s++ - '0');
	}
	*v = x;
	*p = s;
	return true;
}

/* *total += sign * v * unit, refusing what does not fit in 64 bits (Java
 * throws ArithmeticException there; a duration that long is no use). */
static bool dur_add(int64_t *total, int64_t v, bool neg, int64_t unit)
{
	int64_t x;

	if (__builtin_mul_overflow(v, unit, &x))
		return false;
	if (neg)
		x = -x;
	return !__builtin_add_overflow(*total, x, total);
}

int kt_cg_parse_duration(const char *s, int64_t *ms)
{
	const char *p = s;
	bool neg_all = false, neg, any = false;
	int64_t v, total = 0;

	if (*p == '-' || *p == '+')
		neg_all = *p++ == '-';
	if (*p != 'P' && *p != 'p')
		return -KT_ESYNTAX;
	p++;
	if (*p && *p != 'T' && *p != 't') {
		if (!dur_num(&p, &v, &neg) || (*p != 'D' && *p != 'd'))
			return -KT_ESYNTAX;
		p++;
		if (!dur_add(&total, v, neg, 86400000LL))
			return -KT_ESYNTAX;
		any = true;
	}
	if (*p == 'T' || *p == 't') {
		bool part = false;
		int stage = 0; /* H, M, S in that order */

		p++;
		while (*p) {
			const char *start = p;
			int64_t frac = 0;
			int fd = 0;
			char u;

			if (!dur_num(&p, &v, &neg))
				return -KT_ESYNTAX;
			if (*p == '.' || *p == ',') {
				p++;
				while (isdigit((unsigned char)*p)) {
					if (fd < 3)
						frac = frac * 10 + (*p - '0');
					fd++;
					p++;
				}
				if (fd > 9)
					return -KT_ESYNTAX;
				while (fd < 3) {
					frac *= 10;
					fd++;
				}
				if (*p != 'S' && *p != 's')
					return -KT_ESYNTAX;
			}
			u = (char)toupper((unsigned char)*p);
			(void)start;
			if (u == 'H' && stage < 1) {
				if (!dur_add(&total, v, neg, 3600000LL))
					return -KT_ESYNTAX;
				stage = 1;
			} else if (u == 'M' && stage < 2) {
				if (!dur_add(&total, v, neg, 60000LL))
					return -KT_ESYNTAX;
				stage = 2;
			} else if (u == 'S' && stage < 3) {
				if (!dur_add(&total, v, neg, 1000LL) ||
				    !dur_add(&total, frac, neg, 1))
					return -KT_ESYNTAX;
				stage = 3;
			} else {
				return -KT_ESYNTAX;
			}
			p++;
			part = true;
		}
		if (!part)
			return -KT_ESYNTAX;
		any = true;
	}
	if (*p || !any)
		return -KT_ESYNTAX;
	if (neg_all && total == INT64_MIN)
		return -KT_ESYNTAX;
	*ms = neg_all ? -total : total;
	return 0;
}

/* ---- HashMap order ------------------------------------------------------------ */

static uint32_t spread(int32_t h)
{
	uint32_t u = (uint32_t)h;

	return u ^ (u >> 16);
}

struct ordered {
	size_t pos;
	uint32_t bucket;
};

static int cmp_ordered(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

void kt_cg_hashmap_order_groups(char **names, int16_t *codes, size_t n)
{
	const char **keys;
	int16_t *cc = NULL;
	size_t i, k;

	keys = malloc((n ? n : 1) * sizeof(*keys));
	if (codes)
		cc = malloc((n ? n : 1) * sizeof(*cc));
	if (!keys || (codes && !cc))
		goto out; /* keep the given order */
	memcpy(keys, names, n * sizeof(*keys));
	if (kt_java_hashmap_order(keys, n, kt_java_hashmap_default_cap(n)) < 0)
		goto out;
	/* codes follow their names (few groups: a scan is enough) */
	for (i = 0; codes && i < n; i++)
		for (k = 0; k < n; k++)
			if (names[k] == keys[i])
				cc[i] = codes[k];
	memcpy(names, keys, n * sizeof(*names));
	if (codes)
		memcpy(codes, cc, n * sizeof(*cc));
out:
	free(keys);
	free(cc);
}

/* The TopicPartition HashMap order (capacity cap, insertion order within
 * a bucket) of n partitions: perm[i] is the index of the i-th.
 * Returns 0 or -KT_ENOMEM. */
static int tp_order(const char *(*topic)(const void *v, size_t i),
		    int32_t (*part)(const void *v, size_t i), const void *v,
		    size_t n, size_t cap, size_t *perm)
{
	struct ordered *o;
	size_t i;

	o = calloc(n ? n : 1, sizeof(*o));
	if (!o)
		return -KT_ENOMEM;
	for (i = 0; i < n; i++) {
		const char *t = topic(v, i);
		int32_t h = (int32_t)(31u * (uint32_t)(31 + part(v, i)) +
				      (uint32_t)kt_java_string_hash(t,
								    strlen(t)));

		o[i].pos = i;
		o[i].bucket = spread(h) & (uint32_t)(cap - 1);
	}
	qsort(o, n, sizeof(*o), cmp_ordered);
	for (i = 0; i < n; i++)
		perm[i] = o[i].pos;
	free(o);
	return 0;
}

/* ---- the reset CSV ------------------------------------------------------------- */

struct csv_entry {
	char *group; /* NULL in the 3-column form */
	char *topic;
	int32_t partition;
	int64_t offset;
};

struct csv_plan {
	struct csv_entry *v;
	size_t n;
};

static void csv_plan_free(struct csv_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].group);
		free(p->v[i].topic);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* Split one CSV line into at most 5 fields (quoted fields with doubled
 * quotes). Returns the field count, or -1 for an unterminated quote. */
static int csv_split(const char *line, size_t len, char **f, int max)
{
	size_t i = 0;
	int n = 0;

	for (;;) {
		struct kt_buf b;
		size_t dummy;

		kt_buf_init(&b, 0);
		if (i < len && line[i] == '"') {
			i++;
			for (;;) {
				if (i >= len) {
					kt_buf_release(&b);
					return -1;
				}
				if (line[i] == '"') {
					if (i + 1 < len && line[i + 1] == '"') {
						kt_buf_put(&b, "\"", 1);
						i += 2;
						continue;
					}
					i++;
					break;
				}
				kt_buf_put(&b, &line[i++], 1);
			}
		} else {
			while (i < len && line[i] != ',')
				kt_buf_put(&b, &line[i++], 1);
		}
		kt_buf_put(&b, "", 1);
		if (n < max)
			f[n] = b.err ? NULL : (char *)kt_buf_detach(&b, &dummy);
		kt_buf_release(&b);
		n++;
		if (i >= len)
			return n;
		if (line[i] != ',')
			return -1;
		i++;
	}
}

static int csv_fail(struct kt_cg_reset_plan *plan, struct kt_err *err,
		    const char *file, size_t line, const char *why)
{
	char msg[600], *p;

	if (line)
		snprintf(msg, sizeof(msg),
			 "Invalid reset plan in '%s', line %zu: %s", file, line,
			 why);
	else
		snprintf(msg, sizeof(msg), "Cannot read reset plan '%s': %s",
			 file, why);
	/* the file's bytes may be anything: keep the message one line of
	 * text */
	for (p = msg; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
			*p = '?';
	kt_err_set(err, KT_ESYNTAX, "%s", msg);
	plan->java_message = strdup(msg);
	plan->java_exception = strdup(msg);
	return -KT_ESYNTAX;
}

static int read_csv(const char *file, bool single_group, struct csv_plan *out,
		    struct kt_cg_reset_plan *plan, struct kt_err *err)
{
	FILE *f = fopen(file, "rb");
	struct kt_buf b;
	size_t off = 0, line = 0, cap = 0, last_nonempty = 0;
	int cols = 0, r = 0;
	char chunk[4096];
	size_t got;

	memset(out, 0, sizeof(*out));
	if (!f) {
		char msg[600];

		snprintf(msg, sizeof(msg),
			 "java.io.IOException: Unable to read file %s", file);
		plan->java_message = strdup(msg);
		snprintf(msg, sizeof(msg),
			 "java.lang.RuntimeException: java.io.IOException: "
			 "Unable to read file %s",
			 file);
		plan->java_exception = strdup(msg);
		return kt_err_set(err, KT_EIO, "cannot read '%s': %s", file,
				  strerror(errno));
	}
	kt_buf_init(&b, 0);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		kt_buf_put(&b, chunk, got);
	if (ferror(f)) { /* a directory, an I/O error */
		int e = errno;

		fclose(f);
		kt_buf_release(&b);
		errno = e;
		return csv_fail(plan, err, file, 0, strerror(e));
	}
	fclose(f);
	if (b.err) {
		kt_buf_release(&b);
		return kt_adm_oom(err);
	}
	/* trailing empty lines are ignored */
	for (off = 0; off < b.len; off++)
		if (b.p[off] != '\n' && b.p[off] != '\r')
			last_nonempty = off + 1;
	for (off = 0; off < last_nonempty;) {
		const char *s = (const char *)b.p + off;
		const uint8_t *nl = memchr(s, '\n', last_nonempty - off);
		size_t len = nl ? (size_t)((const char *)nl - s)
				: last_nonempty - off;
		char *fv[5] = {0};
		int nf, k, base;
		struct csv_entry *e;
		char why[300];
		char *end;
		long long ofs;

		off += len + 1;
		line++;
		if (len && s[len - 1] == '\r')
			len--;
		if (memchr(s, '\0', len)) {
			r = csv_fail(plan, err, file, line,
				     "a NUL byte is not text");
			goto next_fail;
		}
		nf = csv_split(s, len, fv, 5);
		if (nf < 0) {
			r = csv_fail(plan, err, file, line,
				     "a quoted field is not closed");
			goto next_fail;
		}
		if (!cols)
			cols = single_group && nf != 4 ? 3 : 4;
		if (nf != cols) {
			snprintf(why, sizeof(why),
				 "%d field(s), expected %s", nf,
				 cols == 3 ? "topic,partition,offset"
					   : "group,topic,partition,offset");
			r = csv_fail(plan, err, file, line, why);
			goto next_fail;
		}
		for (k = 0; k < nf && k < 5; k++)
			if (!fv[k]) {
				r = kt_adm_oom(err);
				goto next_fail;
			}
		if (out->n == cap) {
			struct csv_entry *nv;

			cap = cap ? 2 * cap : 16;
			nv = realloc(out->v, cap * sizeof(*nv));
			if (!nv) {
				r = kt_adm_oom(err);
				goto next_fail;
			}
			out->v = nv;
		}
		e = &out->v[out->n];
		memset(e, 0, sizeof(*e));
		base = cols == 4;
		if (!parse_i32(fv[base + 1], strlen(fv[base + 1]),
			       &e->partition) ||
		    e->partition < 0) {
			snprintf(why, sizeof(why),
				 "partition '%.100s' is not a partition "
				 "number",
				 fv[base + 1]);
			r = csv_fail(plan, err, file, line, why);
			goto next_fail;
		}
		errno = 0;
		ofs = strtoll(fv[base + 2], &end, 10);
		if (errno || end == fv[base + 2] || *end) {
			snprintf(why, sizeof(why),
				 "offset '%.100s' is not a number",
				 fv[base + 2]);
			r = csv_fail(plan, err, file, line, why);
			goto next_fail;
		}
		e->offset = ofs;
		e->topic = fv[base];
		fv[base] = NULL;
		if (cols == 4) {
			e->group = fv[0];
			fv[0] = NULL;
		}
		out->n++;
		for (k = 0; k < 5; k++)
			free(fv[k]);
		continue;
next_fail:
		for (k = 0; k < 5; k++)
			free(fv[k]);
		break;
	}
	kt_buf_release(&b);
	if (r < 0)
		csv_plan_free(out);
	return r;
}

/* ---- the plan -------------------------------------------------------------------- */

void kt_cg_reset_plan_release(struct kt_cg_reset_plan *plan)
{
	free(plan->rows);
	free(plan->codes);
	free(plan->java_message);
	free(plan->java_exception);
	kt_arena_release(&plan->arena);
	memset(plan, 0, sizeof(*plan));
}

static char *plan_strdup(struct kt_cg_reset_plan *plan, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kt_arena_alloc(&plan->arena, n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* A failure Apache reports through its generic error line. */
static int java_fail(struct kt_cg_reset_plan *plan, struct kt_err *err,
		     const char *msg, const char *exc)
{
	free(plan->java_message);
	free(plan->java_exception);
	plan->java_message = strdup(msg);
	plan->java_exception = strdup(exc);
	return kt_err_set(err, KT_EKAFKA, "%s", msg);
}

static void notef(const struct kt_cg_reset_req *req, bool warn,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void notef(const struct kt_cg_reset_req *req, bool warn,
		  const char *fmt, ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (warn && req->warn)
		req->warn(req->cb_arg, msg);
	else if (!warn && req->note)
		req->note(req->cb_arg, msg);
}

/* One partition of one group's plan. */
struct part {
	const char *topic;
	int32_t partition;
	int64_t committed; /* -1 none */
	int64_t start, end, at_time;
	int64_t wanted; /* from the file */
	int64_t offset; /* the result */
	size_t seq;	/* insertion order: the scope's, or the answer's */
};

static const char *part_topic(const void *v, size_t i)
{
	return ((const struct part *)v)[i].topic;
}

static int32_t part_partition(const void *v, size_t i)
{
	return ((const struct part *)v)[i].partition;
}

/* v[0..n) into the order of a HashMap of capacity cap, the order Apache
 * iterates (and prints) them in. */
static int order_parts(struct part *v, size_t n, size_t cap)
{
	size_t *perm, i;
	struct part *tmp;

	if (n < 2)
		return 0;
	perm = calloc(n, sizeof(*perm));
	tmp = calloc(n, sizeof(*tmp));
	if (!perm || !tmp ||
	    tp_order(part_topic, part_partition, v, n, cap, perm)) {
		free(perm);
		free(tmp);
		return -KT_ENOMEM;
	}
	for (i = 0; i < n; i++)
		tmp[i] = v[perm[i]];
	memcpy(v, tmp, n * sizeof(*v));
	free(perm);
	free(tmp);
	return 0;
}

static int cmp_part_seq(const void *a, const void *b)
{
	const struct part *x = a, *y = b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The partitions of the scope for group g. Fills *ps (malloc'ed). */
static int scope_parts(struct kt_client *c, const struct kt_cg_reset_req *req,
		       const char *g, const struct csv_plan *csv,
		       struct kt_cg_reset_plan *plan, struct part **ps,
		       size_t *np, struct kt_err *err)
{
	size_t i, k, n = 0, cap = 0;
	struct part *v = NULL;
	int r;

	*ps = NULL;
	*np = 0;
	if (req->scenario == KT_CG_FROM_FILE) {
		for (i = 0; i < csv->n; i++)
			if (!csv->v[i].group || strcmp(csv->v[i].group, g) == 0)
				cap++;
		v = calloc(cap + 1, sizeof(*v));
		if (!v)
			return kt_adm_oom(err);
		for (i = 0; i < csv->n; i++)
			if (!csv->v[i].group ||
			    strcmp(csv->v[i].group, g) == 0) {
				v[n].topic = csv->v[i].topic;
				v[n].partition = csv->v[i].partition;
				v[n].wanted = csv->v[i].offset;
				n++;
			}
	} else if (req->all_topics) {
		struct kt_group_offset *o = NULL;
		size_t no = 0;

		r = kt_admin_group_offsets(c, g, NULL, 0, req->timeout_ms, &o,
					   &no, err);
		if (r < 0)
			return r;
		v = calloc(no + 1, sizeof(*v));
		if (!v) {
			kt_group_offsets_free(o, no);
			return kt_adm_oom(err);
		}
		for (i = 0; i < no; i++) {
			if (o[i].committed < 0)
				continue;
			v[n].topic = plan_strdup(plan, o[i].topic);
			v[n].partition = o[i].partition;
			/* Apache fills its map in the order of the answer */
			v[n].seq = o[i].seq;
			if (!v[n].topic) {
				kt_group_offsets_free(o, no);
				free(v);
				return kt_adm_oom(err);
			}
			n++;
		}
		kt_group_offsets_free(o, no);
	} else {
		for (i = 0; i < req->n_topics; i++)
			cap += req->topics[i].n_parts;
		v = calloc(cap + 1, sizeof(*v));
		if (!v)
			return kt_adm_oom(err);
		for (i = 0; i < req->n_topics; i++)
			for (k = 0; k < req->topics[i].n_parts; k++) {
				v[n].topic = req->topics[i].topic;
				v[n].partition = req->topics[i].parts[k];
				n++;
			}
	}
	if (req->all_topics)
		qsort(v, n, sizeof(*v), cmp_part_seq);
	else
		for (i = 0; i < n; i++)
			v[i].seq = i;
	*ps = v;
	*np = n;
	return 0;
}

/* Partitions that do not exist (a topic that does not exist, a partition
 * beyond its count), as Apache checks them before computing. */
static int check_exist(struct kt_client *c, const struct kt_cg_reset_req *req,
		       struct part *v, size_t n, struct kt_cg_reset_plan *plan,
		       struct kt_err *err)
{
	const struct kt_metadata *md;
	struct kt_buf missing;
	const char **names;
	size_t i, k, nn = 0;
	int r;

	if (!n)
		return 0;
	names = calloc(n, sizeof(*names));
	if (!names)
		return kt_adm_oom(err);
	for (i = 0; i < n; i++) {
		bool seen = false;

		for (k = 0; k < nn; k++)
			seen = seen || strcmp(names[k], v[i].topic) == 0;
		if (!seen)
			names[nn++] = v[i].topic;
	}
	r = kt_client_metadata_refresh(c, names, (int)nn, err);
	free(names);
	if (r < 0)
		return r;
	md = kt_client_metadata(c);
	kt_buf_init(&missing, 0);
	for (i = 0; i < n; i++) {
		const struct kt_md_topic *t = NULL;
		bool found = false;

		for (k = 0; md && k < md->n_topics; k++)
			if (md->topics[k].name &&
			    strcmp(md->topics[k].name, v[i].topic) == 0)
				t = &md->topics[k];
		if (t && t->error_code == E_UNKNOWN_TOPIC_OR_PARTITION &&
		    req->scenario != KT_CG_FROM_FILE) {
			bool whole = false;

			for (k = 0; k < req->n_topics; k++)
				whole = whole ||
					(req->topics[k].all &&
					 strcmp(req->topics[k].topic,
						v[i].topic) == 0);
			if (whole) {
				kt_buf_release(&missing);
				return java_fail(
					plan, err,
					"This server does not host this "
					"topic-partition.",
					"org.apache.kafka.common.errors."
					"UnknownTopicOrPartitionException: "
					"This server does not host this "
					"topic-partition.");
			}
		}
		for (k = 0; t && !t->error_code && k < t->n_partitions; k++)
			found = found ||
				t->partitions[k].partition_index ==
					v[i].partition;
		if (!found)
			kt_buf_printf(&missing, "%s%s-%d",
				      missing.len ? "," : "", v[i].topic,
				      v[i].partition);
	}
	if (missing.len) {
		char msg[800], exc[900];

		snprintf(msg, sizeof(msg),
			 "The partitions \"%.*s\" do not exist",
			 (int)(missing.len > 600 ? 600 : missing.len),
			 (const char *)missing.p);
		snprintf(exc, sizeof(exc),
			 "org.apache.kafka.common.errors."
			 "UnknownTopicOrPartitionException: %s",
			 msg);
		kt_buf_release(&missing);
		return java_fail(plan, err, msg, exc);
	}
	kt_buf_release(&missing);
	return 0;
}

static int lookup(struct kt_client *c, struct part *v, size_t n, int64_t spec,
		  int which, int timeout_ms, struct kt_err *err)
{
	struct kt_tp_offset *lo;
	size_t i;
	int r;

	if (!n)
		return 0;
	lo = calloc(n, sizeof(*lo));
	if (!lo)
		return kt_adm_oom(err);
	for (i = 0; i < n; i++) {
		lo[i].topic = v[i].topic;
		lo[i].partition = v[i].partition;
	}
	r = kt_admin_list_offsets(c, lo, n, spec, 0, timeout_ms, err);
	for (i = 0; r == 0 && i < n; i++) {
		if (which == 0)
			v[i].start = lo[i].offset;
		else if (which == 1)
			v[i].end = lo[i].offset;
		else
			v[i].at_time = lo[i].offset;
	}
	free(lo);
	return r;
}

/* Clamp into [start, end] as OffsetsUtils.checkOffsetRange does. */
static int64_t clamp(const struct kt_cg_reset_req *req, const struct part *p,
		     int64_t want)
{
	if (p->end >= 0 && want > p->end) {
		notef(req, true,
		      "New offset (%lld) is higher than latest offset for "
		      "topic partition %s-%d. Value will be set to %lld",
		      (long long)want, p->topic, p->partition,
		      (long long)p->end);
		return p->end;
	}
	if (p->start >= 0 && want < p->start) {
		notef(req, true,
		      "New offset (%lld) is lower than earliest offset for "
		      "topic partition %s-%d. Value will be set to %lld",
		      (long long)want, p->topic, p->partition,
		      (long long)p->start);
		return p->start;
	}
	return want;
}

static int compute(struct kt_client *c, const struct kt_cg_reset_req *req,
		   const char *g, struct part *v, size_t n, int64_t at,
		   struct kt_cg_reset_plan *plan, struct kt_err *err)
{
	size_t i;
	int r;

	(void)plan;
	if ((r = lookup(c, v, n, KT_OFFSET_EARLIEST, 0, req->timeout_ms,
			err)) < 0 ||
	    (r = lookup(c, v, n, KT_OFFSET_LATEST, 1, req->timeout_ms,
			err)) < 0)
		return r;
	if (req->scenario == KT_CG_TO_CURRENT ||
	    req->scenario == KT_CG_SHIFT_BY) {
		struct kt_group_tp *tps = calloc(n + 1, sizeof(*tps));
		struct kt_group_offset *o = NULL;
		size_t no = 0, k;

		if (!tps)
			return kt_adm_oom(err);
		for (i = 0; i < n; i++) {
			tps[i].topic = v[i].topic;
			tps[i].parts = &v[i].partition;
			tps[i].n_parts = 1;
		}
		r = kt_admin_group_offsets(c, g, tps, n, req->timeout_ms, &o,
					   &no, err);
		free(tps);
		if (r < 0 && err->kafka_code == E_GROUP_ID_NOT_FOUND)
			r = 0; /* a new group: nothing committed */
		if (r < 0)
			return r;
		for (i = 0; i < n; i++) {
			v[i].committed = -1;
			for (k = 0; k < no; k++)
				if (o[k].partition == v[i].partition &&
				    strcmp(o[k].topic, v[i].topic) == 0)
					v[i].committed = o[k].committed;
		}
		kt_group_offsets_free(o, no);
	}
	if (req->scenario == KT_CG_TO_DATETIME ||
	    req->scenario == KT_CG_BY_DURATION) {
		r = lookup(c, v, n, at, 2, req->timeout_ms, err);
		if (r < 0)
			return r;
	}
	if (req->scenario == KT_CG_SHIFT_BY) {
		/* Apache checks the partitions in the scope's order */
		const struct part *first = NULL;

		for (i = 0; i < n; i++)
			if (v[i].committed < 0 &&
			    (!first || v[i].seq < first->seq))
				first = &v[i];
		if (first)
			return kt_err_set(err, KT_EINVAL,
					  "Cannot shift offset for partition "
					  "%s-%d since there is no current "
					  "committed offset",
					  first->topic, first->partition);
	}
	for (i = 0; i < n; i++) {
		struct part *p = &v[i];

		switch (req->scenario) {
		case KT_CG_TO_OFFSET:
			p->offset = clamp(req, p, req->value);
			break;
		case KT_CG_TO_EARLIEST:
			p->offset = p->start;
			break;
		case KT_CG_TO_LATEST:
			p->offset = p->end;
			break;
		case KT_CG_TO_CURRENT:
			p->offset = p->committed >= 0 ? p->committed : p->end;
			break;
		case KT_CG_SHIFT_BY:
			if (p->committed < 0)
				return kt_err_set(
					err, KT_EINVAL,
					"Cannot shift offset for partition "
					"%s-%d since there is no current "
					"committed offset",
					p->topic, p->partition);
			/* committed >= 0: only a positive shift can
			 * overflow; saturate, the clamp brings it back */
			p->offset = clamp(req, p,
					  req->value > INT64_MAX - p->committed
						  ? INT64_MAX
						  : p->committed + req->value);
			break;
		case KT_CG_TO_DATETIME:
		case KT_CG_BY_DURATION:
			if (p->at_time < 0) {
				notef(req, false,
				      "\nWarn: Partition %d from topic %s is "
				      "empty. Falling back to latest known "
				      "offset.\n",
				      p->partition, p->topic);
				p->offset = p->end;
			} else {
				p->offset = p->at_time;
			}
			break;
		case KT_CG_FROM_FILE:
			p->offset = clamp(req, p, p->wanted);
			break;
		case KT_CG_NONE:
			break;
		}
	}
	return 0;
}

/* Is the group active? 0: inactive (or unknown), 1: active (reported),
 * negative: failure. */
static int group_active(struct kt_client *c, const struct kt_cg_reset_req *req,
			const char *g, struct kt_err *err)
{
	struct kt_group_desc *d = NULL;
	const char *s;
	int r;

	r = kt_admin_describe_groups(c, &g, 1, req->timeout_ms, &d, err);
	if (r < 0)
		return r;
	if (d->error_code) {
		r = d->error_code == E_GROUP_ID_NOT_FOUND
			    ? 0
			    : kt_err_kafka(err, d->error_code, "%s",
					   d->error_message);
		kt_group_descs_free(d, 1);
		return r;
	}
	s = d->state ? d->state : "";
	if (!*s || strcasecmp(s, "Empty") == 0 || strcasecmp(s, "Dead") == 0) {
		kt_group_descs_free(d, 1);
		return 0;
	}
	notef(req, false,
	      "\nError: Assignments can only be reset if the group '%s' is "
	      "inactive, but the current state is %s.\n",
	      g, s);
	kt_group_descs_free(d, 1);
	return 1;
}

static int commit_group(struct kt_client *c, const struct kt_cg_reset_req *req,
			struct kt_cg_reset_plan *plan, size_t first, size_t n,
			struct kt_err *err)
{
	struct kt_group_commit *v;
	size_t i;
	int r;

	if (!n)
		return 0;
	v = calloc(n, sizeof(*v));
	if (!v)
		return kt_adm_oom(err);
	for (i = 0; i < n; i++) {
		v[i].topic = plan->rows[first + i].topic;
		v[i].partition = plan->rows[first + i].partition;
		v[i].offset = plan->rows[first + i].offset;
	}
	r = kt_admin_commit_offsets(c, plan->rows[first].group, v, n,
				    req->timeout_ms, err);
	for (i = 0; i < n; i++) {
		plan->codes[first + i] = r < 0 ? -1 : v[i].error_code;
		if (r < 0 || v[i].error_code)
			plan->n_failed++;
	}
	free(v);
	return r;
}

int kt_cg_reset_offsets(struct kt_client *c, const struct kt_cg_reset_req *req,
			struct kt_cg_reset_plan *plan, struct kt_err *err)
{
	struct csv_plan csv = {0};
	char **order = NULL;
	size_t *firsts = NULL, *counts = NULL;
	size_t gi, i, cap = 0;
	int64_t at = 0, now;
	int r = 0;

	memset(plan, 0, sizeof(*plan));
	now = (int64_t)time(NULL) * 1000;
	{
		struct timespec ts;

		if (clock_gettime(CLOCK_REALTIME, &ts) == 0)
			now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	}
	if (req->scenario == KT_CG_TO_DATETIME &&
	    kt_cg_parse_datetime(req->text, &at) < 0) {
		char msg[400], exc[500];
		const char *z = req->text;
		bool zone = strlen(z) > 19 &&
			    (strchr(z + 19, 'Z') || strchr(z + 19, '+') ||
			     strchr(z + 19, '-'));

		/* Apache appends Z to a time without zone before parsing */
		snprintf(msg, sizeof(msg),
			 "java.text.ParseException: Unparseable date: "
			 "\"%.300s%s\"",
			 z, zone ? "" : "Z");
		snprintf(exc, sizeof(exc), "java.lang.RuntimeException: %s",
			 msg);
		return java_fail(plan, err, msg, exc);
	}
	if (req->scenario == KT_CG_BY_DURATION) {
		int64_t d;

		if (kt_cg_parse_duration(req->text, &d) < 0)
			return java_fail(plan, err,
					 "Text cannot be parsed to a Duration",
					 "java.time.format."
					 "DateTimeParseException: Text cannot "
					 "be parsed to a Duration");
		/* before 1970 (or beyond 64 bits) is "from the start": a
		 * negative timestamp would be one of ListOffsets' special
		 * values */
		if (__builtin_sub_overflow(now, d, &at) || at < 0)
			at = d > 0 ? 0 : INT64_MAX;
	}
	if (req->scenario == KT_CG_FROM_FILE &&
	    (r = read_csv(req->text, req->single_group, &csv, plan, err)) < 0)
		return r;
	if (!req->all_topics && req->scenario != KT_CG_FROM_FILE) {
		r = kt_cg_resolve_topic_args(c, req->topics, req->n_topics,
					     req->timeout_ms, err);
		if (r < 0)
			goto out;
		for (i = 0; i < req->n_topics; i++)
			if (req->topics[i].lookup_error) {
				r = java_fail(plan, err,
					      "This server does not host this "
					      "topic-partition.",
					      "org.apache.kafka.common.errors."
					      "UnknownTopicOrPartitionException"
					      ": This server does not host "
					      "this topic-partition.");
				goto out;
			}
	}
	/* groups in HashMap order, as Apache prints its result map */
	order = calloc(req->n_groups + 1, sizeof(*order));
	firsts = calloc(req->n_groups + 1, sizeof(*firsts));
	counts = calloc(req->n_groups + 1, sizeof(*counts));
	if (!order || !firsts || !counts) {
		r = kt_adm_oom(err);
		goto out;
	}
	memcpy(order, req->groups, req->n_groups * sizeof(*order));
	kt_cg_hashmap_order_groups(order, NULL, req->n_groups);
	for (gi = 0; gi < req->n_groups; gi++) {
		const char *g = order[gi];
		struct part *v = NULL;
		size_t n = 0;

		firsts[gi] = plan->n_rows;
		r = group_active(c, req, g, err);
		if (r < 0)
			goto out;
		if (r == 1) {
			r = 0;
			continue;
		}
		if (req->scenario == KT_CG_FROM_FILE && !req->single_group) {
			bool any = false;

			for (i = 0; i < csv.n; i++)
				any = any || (csv.v[i].group &&
					      strcmp(csv.v[i].group, g) == 0);
			if (!any) {
				notef(req, false,
				      "\nError: No reset plan for group %s "
				      "found.\n",
				      g);
				continue;
			}
		}
		r = scope_parts(c, req, g, &csv, plan, &v, &n, err);
		if (r < 0)
			goto out;
		r = check_exist(c, req, v, n, plan, err);
		if (r == 0 &&
		    order_parts(v, n, kt_java_hashmap_default_cap(n)) < 0)
			r = kt_adm_oom(err);
		if (r == 0)
			r = compute(c, req, g, v, n, at, plan, err);
		if (r == 0 && req->scenario == KT_CG_TO_CURRENT) {
			/* Apache puts the partitions without a commit into
			 * the map of those with one (putAll); when that map
			 * is empty, putAll sizes it as a copy of n entries */
			bool any = false;

			for (i = 0; i < n; i++)
				any = any || v[i].committed >= 0;
			if (!any &&
			    order_parts(v, n, kt_java_hashmap_copy_cap(n)) < 0)
				r = kt_adm_oom(err);
		}
		if (r == 0 && plan->n_rows + n > cap) {
			struct kt_cg_reset_row *nr;

			cap = (plan->n_rows + n) * 2 + 16;
			nr = realloc(plan->rows, cap * sizeof(*nr));
			if (!nr)
				r = kt_adm_oom(err);
			else
				plan->rows = nr;
		}
		for (i = 0; r == 0 && i < n; i++) {
			struct kt_cg_reset_row *row =
				&plan->rows[plan->n_rows++];

			row->group = plan_strdup(plan, g);
			row->topic = plan_strdup(plan, v[i].topic);
			row->partition = v[i].partition;
			row->offset = v[i].offset;
			if (!row->group || !row->topic)
				r = kt_adm_oom(err);
		}
		free(v);
		if (r < 0)
			goto out;
		counts[gi] = plan->n_rows - firsts[gi];
	}
	plan->codes = calloc(plan->n_rows + 1, sizeof(*plan->codes));
	if (!plan->codes) {
		r = kt_adm_oom(err);
		goto out;
	}
	/* every plan is computed: only now commit, group by group */
	for (gi = 0; req->execute && gi < req->n_groups; gi++) {
		struct kt_err e = {0};

		if (commit_group(c, req, plan, firsts[gi], counts[gi], &e) < 0 &&
		    !plan->n_failed) {
			*err = e;
			r = -e.code;
			goto out;
		}
	}
	r = 0;
out:
	csv_plan_free(&csv);
	free(order);
	free(firsts);
	free(counts);
	return r;
}
