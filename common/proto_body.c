/*
 * proto_body.c - helpers shared by the message-body codecs: version checks,
 * owned strings/bytes/arrays from a kt_reader, nullable writers, the
 * LeaderIdAndEpoch and NodeEndpoint structs (KIP-951) and the closing error
 * message of every body decoder (Kafka protocol guide, KIP-482).
 */
#include "proto_body.h"

#include <stdlib.h>
#include <string.h>

int kt_body_version(const char *api, int16_t version, int16_t min, int16_t max,
		    struct kt_err *err)
{
	if (version < min || version > max)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "%s version %d not supported (%d to %d)", api,
				  version, min, max);
	return 0;
}

int kt_body_put_version(struct kt_buf *b, int16_t version, int16_t min,
			int16_t max)
{
	if (b->err)
		return b->err;
	if (version < min || version > max)
		b->err = -KT_EUNSUPPORTED;
	return b->err;
}

int kt_body_put_str(struct kt_buf *b, bool flex, const char *s)
{
	if (!s) {
		if (!b->err)
			b->err = -KT_EINVAL;
		return b->err;
	}
	return kt_put_fcstr(b, flex, s);
}

int kt_body_put_nstr(struct kt_buf *b, bool flex, const char *s)
{
	return kt_put_fcstr(b, flex, s);
}

int kt_body_put_count(struct kt_buf *b, bool flex, size_t n)
{
	if (n > INT32_MAX) {
		if (!b->err)
			b->err = -KT_ETOOBIG;
		return b->err;
	}
	return kt_put_farr(b, flex, (int32_t)n);
}

int kt_body_put_i32s(struct kt_buf *b, bool flex, const int32_t *v, size_t n)
{
	size_t i;

	kt_body_put_count(b, flex, n);
	for (i = 0; i < n && !b->err; i++)
		kt_put_i32(b, v[i]);
	return b->err;
}

int kt_body_put_tag(struct kt_buf *b, uint32_t tag, const struct kt_buf *val)
{
	if (val->err) {
		if (!b->err)
			b->err = val->err;
		return b->err;
	}
	if (val->len > UINT32_MAX) {
		if (!b->err)
			b->err = -KT_ETOOBIG;
		return b->err;
	}
	kt_put_uvarint(b, tag);
	kt_put_uvarint(b, (uint32_t)val->len);
	return kt_buf_put(b, val->p, val->len);
}

int kt_body_str(struct kt_reader *r, bool flex, bool nullable, char **out)
{
	struct kt_bytes s;

	*out = NULL;
	kt_read_fstr(r, flex, &s);
	if (r->err)
		return r->err;
	if (!s.p)
		return nullable ? 0 : kt_reader_fail(r, KT_EBADLEN);
	*out = kt_bytes_dup(s);
	if (!*out)
		return kt_reader_fail(r, KT_ENOMEM);
	return 0;
}

int kt_body_bytes(struct kt_reader *r, bool flex, bool nullable,
		  struct kt_obytes *out)
{
	struct kt_bytes s;

	out->p = NULL;
	out->len = 0;
	kt_read_fbytes(r, flex, &s);
	if (r->err)
		return r->err;
	if (!s.p)
		return nullable ? 0 : kt_reader_fail(r, KT_EBADLEN);
	/* one spare byte so that an empty value still gets a non-NULL p */
	out->p = malloc(s.len + 1);
	if (!out->p)
		return kt_reader_fail(r, KT_ENOMEM);
	if (s.len)
		memcpy(out->p, s.p, s.len);
	out->len = s.len;
	return 0;
}

int kt_body_array(struct kt_reader *r, bool flex, bool nullable,
		  size_t min_elem, size_t elem_size, void **arr, size_t *n,
		  bool *is_null)
{
	int32_t c;

	*arr = NULL;
	*n = 0;
	if (is_null)
		*is_null = false;
	if (kt_read_farr(r, flex, min_elem, &c))
		return r->err;
	if (c < 0) {
		if (!nullable)
			return kt_reader_fail(r, KT_EBADLEN);
		if (is_null)
			*is_null = true;
		return 0;
	}
	if (c == 0)
		return 0;
	*arr = calloc((size_t)c, elem_size);
	if (!*arr)
		return kt_reader_fail(r, KT_ENOMEM);
	*n = (size_t)c;
	return 0;
}

int kt_body_i32s(struct kt_reader *r, bool flex, int32_t **v, size_t *n)
{
	size_t i;

	if (kt_body_array(r, flex, true, 4, sizeof(**v), (void **)v, n, NULL))
		return r->err;
	for (i = 0; i < *n; i++)
		kt_read_i32(r, &(*v)[i]);
	return r->err;
}

int kt_body_leader_epoch(struct kt_reader *val, struct kt_leader_epoch *le)
{
	kt_read_i32(val, &le->leader_id);
	kt_read_i32(val, &le->leader_epoch);
	return kt_read_tags(val, NULL, NULL);
}

void kt_body_node_endpoints_free(struct kt_node_endpoint *e, size_t n)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < n; i++) {
		free(e[i].host);
		free(e[i].rack);
	}
	free(e);
}

int kt_body_node_endpoints(struct kt_reader *val, struct kt_node_endpoint **out,
			   size_t *n)
{
	struct kt_node_endpoint *e;
	size_t i, cnt;

	/* a second section for the same tag replaces the first */
	kt_body_node_endpoints_free(*out, *n);
	*out = NULL;
	*n = 0;
	/* node id, host, port, rack, tags: at least 4 + 1 + 4 + 1 + 1 bytes */
	if (kt_body_array(val, true, false, 11, sizeof(*e), (void **)&e, &cnt,
			  NULL))
		return val->err;
	*out = e;
	*n = cnt;
	for (i = 0; i < cnt && !val->err; i++) {
		kt_read_i32(val, &e[i].node_id);
		kt_body_str(val, true, false, &e[i].host);
		kt_read_i32(val, &e[i].port);
		kt_body_str(val, true, true, &e[i].rack);
		kt_read_tags(val, NULL, NULL);
	}
	return val->err;
}

int kt_body_end(struct kt_reader *r, const char *what, int16_t version,
		size_t len, struct kt_err *err)
{
	if (r->err)
		return kt_err_set(err, -r->err, "%s v%d at byte %zu of %zu: %s",
				  what, version, r->off, len,
				  kt_strerror(r->err));
	if (r->left)
		return kt_err_set(err, KT_EPROTO,
				  "%s v%d at byte %zu of %zu: %zu unexpected "
				  "bytes after the end",
				  what, version, r->off, len, r->left);
	return 0;
}
