/*
 * proto/reassign.c - ListPartitionReassignments (key 46, KIP-455) v0 bodies:
 * flexible encoding (KIP-482: compact arrays and strings, tagged fields).
 */
#include "proto/reassign.h"

static const char api_name[] = "ListPartitionReassignments";

static int put_i32s(struct kt_buf *b, const int32_t *v, size_t n)
{
	size_t i;

	if (n >= UINT32_MAX)
		return b->err ? b->err : (b->err = -KT_ETOOBIG);
	kt_put_uvarint(b, (uint32_t)n + 1);
	for (i = 0; i < n; i++)
		kt_put_i32(b, v[i]);
	return b->err;
}

int kt_listreassign_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_listreassign_req *req)
{
	size_t i;

	if (version < KT_LISTREASSIGN_MIN || version > KT_LISTREASSIGN_MAX)
		return b->err ? b->err : (b->err = -KT_EUNSUPPORTED);
	kt_put_i32(b, req->timeout_ms);
	if (req->all) {
		kt_put_uvarint(b, 0); /* null: every reassignment */
	} else {
		if (req->n_topics >= UINT32_MAX)
			return b->err ? b->err : (b->err = -KT_ETOOBIG);
		kt_put_uvarint(b, (uint32_t)req->n_topics + 1);
		for (i = 0; i < req->n_topics; i++) {
			const struct kt_listreassign_req_topic *t =
				&req->topics[i];

			if (!t->name)
				return b->err ? b->err : (b->err = -KT_EINVAL);
			kt_put_cnstr(b, t->name, strlen(t->name));
			put_i32s(b, t->partitions, t->n_partitions);
			kt_put_uvarint(b, 0); /* no tagged fields */
		}
	}
	kt_put_uvarint(b, 0);
	return b->err;
}

/* A compact non-null string, copied. */
static int read_name(struct kt_reader *r, char **out)
{
	struct kt_bytes s;

	*out = NULL;
	if (kt_read_cstr(r, &s))
		return r->err;
	*out = malloc(s.len + 1);
	if (!*out)
		return kt_reader_fail(r, KT_ENOMEM);
	if (s.len)
		memcpy(*out, s.p, s.len);
	(*out)[s.len] = '\0';
	return 0;
}

/* A compact nullable string, copied (NULL for null). */
static int read_nname(struct kt_reader *r, char **out)
{
	struct kt_bytes s;

	*out = NULL;
	if (kt_read_cnstr(r, &s) || !s.p)
		return r->err;
	*out = malloc(s.len + 1);
	if (!*out)
		return kt_reader_fail(r, KT_ENOMEM);
	if (s.len)
		memcpy(*out, s.p, s.len);
	(*out)[s.len] = '\0';
	return 0;
}

/* A compact non-null array of elem bytes each (at least min_wire on the
 * wire), zero-allocated. */
static void *read_array(struct kt_reader *r, size_t min_wire, size_t elem,
			size_t *n)
{
	int32_t cnt;
	void *v;

	*n = 0;
	if (kt_read_carr(r, min_wire, &cnt))
		return NULL;
	if (cnt < 0) {
		kt_reader_fail(r, KT_EBADLEN);
		return NULL;
	}
	if (cnt == 0)
		return NULL;
	v = calloc((size_t)cnt, elem);
	if (!v) {
		kt_reader_fail(r, KT_ENOMEM);
		return NULL;
	}
	*n = (size_t)cnt;
	return v;
}

static int read_i32s(struct kt_reader *r, int32_t **v, size_t *n)
{
	size_t i;

	*v = read_array(r, 4, sizeof(**v), n);
	for (i = 0; i < *n; i++)
		kt_read_i32(r, &(*v)[i]);
	return r->err;
}

static int read_partition(struct kt_reader *r,
			  struct kt_listreassign_partition *p)
{
	kt_read_i32(r, &p->partition);
	read_i32s(r, &p->replicas, &p->n_replicas);
	read_i32s(r, &p->adding, &p->n_adding);
	read_i32s(r, &p->removing, &p->n_removing);
	return kt_read_ftags(r, true);
}

static int read_topic(struct kt_reader *r, struct kt_listreassign_topic *t)
{
	size_t i;

	if (read_name(r, &t->name))
		return r->err;
	/* a partition takes at least 4 + 3 empty arrays + tags = 8 bytes */
	t->partitions =
		read_array(r, 8, sizeof(*t->partitions), &t->n_partitions);
	for (i = 0; i < t->n_partitions && !r->err; i++)
		read_partition(r, &t->partitions[i]);
	return kt_read_ftags(r, true);
}

int kt_listreassign_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_listreassign_resp *out,
				struct kt_err *err)
{
	struct kt_reader r;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (version < KT_LISTREASSIGN_MIN || version > KT_LISTREASSIGN_MAX)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "%s v%d is not supported (kafkit speaks "
				  "v%d..v%d)",
				  api_name, version, KT_LISTREASSIGN_MIN,
				  KT_LISTREASSIGN_MAX);
	kt_reader_init(&r, p, len);
	kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	read_nname(&r, &out->error_message);
	/* a topic takes at least a 1-byte name, an array and tags: 3 bytes */
	out->topics = read_array(&r, 3, sizeof(*out->topics), &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++)
		read_topic(&r, &out->topics[i]);
	kt_read_ftags(&r, true);
	if (!r.err && r.left)
		kt_reader_fail(&r, KT_EPROTO);
	if (r.err)
		return kt_err_set(
			err, -r.err, "%s v%d response at byte %zu of %zu: %s",
			api_name, version, r.off, len,
			r.err == -KT_EPROTO && r.left ? "trailing bytes"
						      : kt_strerror(r.err));
	return 0;
}

void kt_listreassign_resp_release(struct kt_listreassign_resp *out)
{
	size_t i, k;

	if (!out)
		return;
	for (i = 0; i < out->n_topics; i++) {
		struct kt_listreassign_topic *t = &out->topics[i];

		for (k = 0; k < t->n_partitions; k++) {
			free(t->partitions[k].replicas);
			free(t->partitions[k].adding);
			free(t->partitions[k].removing);
		}
		free(t->partitions);
		free(t->name);
	}
	free(out->topics);
	free(out->error_message);
	memset(out, 0, sizeof(*out));
}
