/*
 * admin/topics.c - what kafka-topics knows about a topic (struct
 * kt_topic_desc and its parts), the replication factor TopicCommand
 * computes, and the parsers of its Java-spelled values (--replica-assignment,
 * --topic-id). Printing is format/topics.c.
 */
#include "admin/topics.h"

#include <stdlib.h>
#include <string.h>

void kt_ids_release(struct kt_ids *ids)
{
	free(ids->v);
	ids->v = NULL;
	ids->n = 0;
}

int kt_ids_set(struct kt_ids *ids, const int32_t *v, size_t n)
{
	ids->v = NULL;
	ids->n = 0;
	if (!n)
		return 0;
	ids->v = malloc(n * sizeof(*v));
	if (!ids->v)
		return -KT_ENOMEM;
	memcpy(ids->v, v, n * sizeof(*v));
	ids->n = n;
	return 0;
}

void kt_topic_desc_release(struct kt_topic_desc *d)
{
	size_t i;

	for (i = 0; i < d->n_parts; i++) {
		struct kt_partition_desc *p = &d->parts[i];

		kt_ids_release(&p->replicas);
		kt_ids_release(&p->isr);
		kt_ids_release(&p->offline);
		kt_ids_release(&p->elr);
		kt_ids_release(&p->last_known_elr);
		kt_ids_release(&p->target);
		kt_ids_release(&p->adding);
		kt_ids_release(&p->removing);
	}
	free(d->parts);
	for (i = 0; i < d->n_configs; i++) {
		free(d->configs[i].name);
		free(d->configs[i].value);
	}
	free(d->configs);
	free(d->name);
	memset(d, 0, sizeof(*d));
}

static int cmp_part(const void *a, const void *b)
{
	const struct kt_partition_desc *x = a, *y = b;

	return (x->partition > y->partition) - (x->partition < y->partition);
}

void kt_topic_desc_sort(struct kt_topic_desc *d)
{
	if (d->n_parts > 1)
		qsort(d->parts, d->n_parts, sizeof(*d->parts), cmp_part);
}

const char *kt_config_source_name(enum kt_config_source s)
{
	switch (s) {
	case KT_CFG_DYNAMIC_TOPIC:
		return "DYNAMIC_TOPIC_CONFIG";
	case KT_CFG_DYNAMIC_BROKER:
		return "DYNAMIC_BROKER_CONFIG";
	case KT_CFG_DYNAMIC_DEFAULT_BROKER:
		return "DYNAMIC_DEFAULT_BROKER_CONFIG";
	case KT_CFG_STATIC_BROKER:
		return "STATIC_BROKER_CONFIG";
	case KT_CFG_DEFAULT:
		return "DEFAULT_CONFIG";
	case KT_CFG_DYNAMIC_BROKER_LOGGER:
		return "DYNAMIC_BROKER_LOGGER_CONFIG";
	case KT_CFG_CLIENT_METRICS:
		return "DYNAMIC_CLIENT_METRICS_CONFIG";
	case KT_CFG_GROUP:
		return "DYNAMIC_GROUP_CONFIG";
	case KT_CFG_UNKNOWN:
		break;
	}
	return "UNKNOWN";
}

static bool has_id(const struct kt_ids *ids, int32_t id)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		if (ids->v[i] == id)
			return true;
	return false;
}

/* TopicCommand.isReassignmentInProgress: some current replica is being
 * added or removed. */
static bool reassignment_in_progress(const struct kt_partition_desc *p)
{
	size_t i;

	if (!p->reassigning)
		return false;
	for (i = 0; i < p->replicas.n; i++)
		if (has_id(&p->adding, p->replicas.v[i]) ||
		    has_id(&p->removing, p->replicas.v[i]))
			return true;
	return false;
}

int kt_partition_rf(const struct kt_partition_desc *p)
{
	if (reassignment_in_progress(p))
		return (int)p->target.n - (int)p->adding.n;
	return (int)p->replicas.n;
}

int kt_java_uuid_parse(const char *s, struct kt_uuid *u, struct kt_err *err)
{
	size_t n = strlen(s), i, units = 0, out = 0;
	uint32_t acc = 0;
	int bits = 0;
	uint8_t b[24];

	if (n > 24)
		return kt_err_set(
			err, KT_EINVAL,
			"Input string with prefix `%.24s` is too long "
			"to be decoded as a base64 UUID",
			s);
	for (i = 0; i < n; i++) {
		int v = kt_base64_digit((unsigned char)s[i], true);

		if (s[i] == '=') {
			/* "xx==" or "xxx=" ends the input */
			size_t pad = (units == 2) ? 2 : (units == 3) ? 1 : 0;

			if (!pad || i + pad != n ||
			    (pad == 2 && s[i + 1] != '='))
				return kt_err_set(err, KT_EINVAL,
						  "Input byte array has wrong "
						  "4-byte ending unit");
			break;
		}
		if (v < 0)
			return kt_err_set(err, KT_EINVAL,
					  "Illegal base64 character %x",
					  (unsigned char)s[i]);
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		units = (units + 1) % 4;
		if (bits >= 8) {
			bits -= 8;
			b[out++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (units == 1)
		return kt_err_set(err, KT_EINVAL,
				  "Last unit does not have enough valid bits");
	if (out != 16)
		return kt_err_set(
			err, KT_EINVAL,
			"Input string `%s` decoded as %zu bytes, which "
			"is not equal to the expected 16 bytes of a "
			"base64-encoded UUID",
			s, out);
	memcpy(u->b, b, 16);
	return 0;
}

/* The pieces of Java's s.split(String.valueOf(sep)) over [p, end): every
 * separator splits, then trailing empty pieces are dropped (an input with
 * no separator at all is one piece, even when empty). Returns the count;
 * the pieces' bounds go to starts/ends (up to cap). */
static size_t java_split(const char *p, const char *end, char sep,
			 const char **starts, const char **ends, size_t cap)
{
	size_t n = 0, keep = 0;
	const char *q = p;

	for (;;) {
		const char *e = memchr(q, sep, (size_t)(end - q));
		const char *pe = e ? e : end;

		if (n < cap) {
			starts[n] = q;
			ends[n] = pe;
		}
		n++;
		if (pe > q)
			keep = n;
		if (!e)
			break;
		q = e + 1;
	}
	if (n == 1)
		return 1; /* "" splits into [""] */
	return keep;
}

/* Integer.parseInt of a trimmed piece. */
static int java_parse_int(const char *a, const char *b, int32_t *v)
{
	long long x = 0;
	bool neg = false;
	const char *p = a;

	if (p < b && (*p == '-' || *p == '+')) {
		neg = *p == '-';
		p++;
	}
	if (p == b)
		return -1;
	for (; p < b; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		x = x * 10 + (*p - '0');
		if (x > (long long)INT32_MAX + 1)
			return -1;
	}
	x = neg ? -x : x;
	if (x < INT32_MIN || x > INT32_MAX)
		return -1;
	*v = (int32_t)x;
	return 0;
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

#define KT_MAX_ASSIGN_PARTS 100000
#define KT_MAX_ASSIGN_REPLICAS 1024

int kt_replica_assignment_parse(const char *s, struct kt_ids **out, size_t *n,
				const char **java_class, struct kt_err *err)
{
	const char *end = s + strlen(s);
	const char **ps = NULL, **pe = NULL, **rs = NULL, **re = NULL;
	int32_t *ids = NULL, *dup = NULL, *dups = NULL;
	struct kt_ids *v = NULL;
	size_t np, i, k, m;
	int r = 0;

	*out = NULL;
	*n = 0;
	*java_class = NULL;
	np = java_split(s, end, ',', NULL, NULL, 0);
	if (np > KT_MAX_ASSIGN_PARTS)
		return kt_err_set(err, KT_EINVAL,
				  "too many partitions in the assignment");
	ps = calloc(np + 1, sizeof(*ps));
	pe = calloc(np + 1, sizeof(*pe));
	v = calloc(np + 1, sizeof(*v));
	rs = calloc(KT_MAX_ASSIGN_REPLICAS, sizeof(*rs));
	re = calloc(KT_MAX_ASSIGN_REPLICAS, sizeof(*re));
	ids = calloc(KT_MAX_ASSIGN_REPLICAS, sizeof(*ids));
	dup = calloc(KT_MAX_ASSIGN_REPLICAS, sizeof(*dup));
	dups = calloc(KT_MAX_ASSIGN_REPLICAS, sizeof(*dups));
	if (!ps || !pe || !v || !rs || !re || !ids || !dup || !dups) {
		r = kt_err_set(err, KT_ENOMEM, "out of memory");
		goto out;
	}
	java_split(s, end, ',', ps, pe, np);
	for (i = 0; i < np; i++) {
		size_t nd = 0;

		m = java_split(ps[i], pe[i], ':', rs, re,
			       KT_MAX_ASSIGN_REPLICAS);
		if (m > KT_MAX_ASSIGN_REPLICAS) {
			r = kt_err_set(err, KT_EINVAL,
				       "too many replicas for partition %zu",
				       i);
			goto out;
		}
		for (k = 0; k < m; k++) {
			const char *a = rs[k], *b = re[k];

			/* String.trim: everything <= ' ' at both ends */
			while (a < b && (unsigned char)*a <= ' ')
				a++;
			while (b > a && (unsigned char)b[-1] <= ' ')
				b--;
			if (java_parse_int(a, b, &ids[k]) < 0) {
				*java_class = "java.lang.NumberFormatException";
				r = kt_err_set(err, KT_EINVAL,
					       "For input string: \"%.*s\"",
					       (int)(b - a), a);
				goto out;
			}
		}
		/* ToolsUtils.duplicates, a HashSet of small Integers:
		 * ascending */
		memcpy(dup, ids, m * sizeof(*ids));
		qsort(dup, m, sizeof(*dup), cmp_i32);
		for (k = 1; k < m; k++)
			if (dup[k] == dup[k - 1] &&
			    (nd == 0 || dups[nd - 1] != dup[k]))
				dups[nd++] = dup[k];
		if (nd) {
			size_t off;
			char msg[sizeof(err->msg)];

			off = (size_t)snprintf(msg, sizeof(msg),
					       "Partition replica lists may "
					       "not contain duplicate "
					       "entries: ");
			for (k = 0; k < nd && off < sizeof(msg); k++)
				off += (size_t)snprintf(
					msg + off, sizeof(msg) - off, "%s%d",
					k ? "," : "", dups[k]);
			*java_class = "org.apache.kafka.tools."
				      "AdminCommandFailedException";
			r = kt_err_set(err, KT_EINVAL, "%s", msg);
			goto out;
		}
		if (kt_ids_set(&v[i], ids, m) < 0) {
			r = kt_err_set(err, KT_ENOMEM, "out of memory");
			goto out;
		}
		*n = i + 1;
		if (v[i].n != v[0].n) {
			size_t off;
			char msg[sizeof(err->msg)];

			off = (size_t)snprintf(msg, sizeof(msg),
					       "Partition %zu has different "
					       "replication factor: [",
					       i);
			for (k = 0; k < m && off < sizeof(msg); k++)
				off += (size_t)snprintf(
					msg + off, sizeof(msg) - off, "%s%d",
					k ? ", " : "", ids[k]);
			if (off < sizeof(msg))
				snprintf(msg + off, sizeof(msg) - off, "]");
			*java_class = "org.apache.kafka.tools."
				      "AdminOperationException";
			r = kt_err_set(err, KT_EINVAL, "%s", msg);
			goto out;
		}
	}
out:
	if (r < 0) {
		for (i = 0; i < *n; i++)
			kt_ids_release(&v[i]);
		free(v);
		*n = 0;
	} else {
		*out = v;
	}
	free(ps);
	free(pe);
	free(rs);
	free(re);
	free(ids);
	free(dup);
	free(dups);
	return r;
}
