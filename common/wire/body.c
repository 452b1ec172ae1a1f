/*
 * wire/body.c - the helper layer of the message-body codecs (see
 * wire/body.h for the conventions): the response arena, version checks,
 * arena-owned readers with count checks, the LeaderIdAndEpoch and
 * NodeEndpoint structs (KIP-951), the closing check of every decoder, and
 * the writers (Kafka protocol guide, KIP-482).
 */
#include "wire/body.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* --- Arena --------------------------------------------------------------- */

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_BLOCK 4096

struct kt_arena_block {
	struct kt_arena_block *next;
	size_t used;
	size_t cap;
	alignas(max_align_t) unsigned char data[];
};

void kt_arena_init(struct kt_arena *a)
{
	a->head = NULL;
}

static struct kt_arena_block *new_block(size_t cap)
{
	struct kt_arena_block *blk;

	if (cap > SIZE_MAX - sizeof(*blk))
		return NULL;
	blk = malloc(sizeof(*blk) + cap);
	if (!blk)
		return NULL;
	blk->next = NULL;
	blk->used = 0;
	blk->cap = cap;
	return blk;
}

void *kt_arena_alloc(struct kt_arena *a, size_t n)
{
	struct kt_arena_block *blk = a->head;
	size_t need;
	void *p;

	if (n > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	need = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (need == 0)
		need = ARENA_ALIGN;
	if (!blk || blk->cap - blk->used < need) {
		/* a big allocation gets a block of its own, linked behind the
		 * current one so that the space left there stays usable */
		if (need > ARENA_BLOCK / 4) {
			struct kt_arena_block *big = new_block(need);

			if (!big)
				return NULL;
			if (blk) {
				big->next = blk->next;
				blk->next = big;
			} else {
				a->head = big;
			}
			big->used = need;
			memset(big->data, 0, need);
			return big->data;
		}
		blk = new_block(ARENA_BLOCK);
		if (!blk)
			return NULL;
		blk->next = a->head;
		a->head = blk;
	}
	p = blk->data + blk->used;
	blk->used += need;
	memset(p, 0, need);
	return p;
}

void kt_arena_release(struct kt_arena *a)
{
	struct kt_arena_block *blk = a->head;

	while (blk) {
		struct kt_arena_block *next = blk->next;

		free(blk);
		blk = next;
	}
	a->head = NULL;
}

void kt_body_release(struct kt_arena *a, void *out, size_t size)
{
	kt_arena_release(a);
	memset(out, 0, size);
}

/* --- Version checks ------------------------------------------------------ */

int kt_body_version(const char *api, int16_t version, int16_t min, int16_t max,
		    struct kt_err *err)
{
	if (version < min || version > max)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "%s v%d not supported (versions %d to %d)",
				  api, version, min, max);
	return 0;
}

int kt_body_begin(struct kt_reader *r, const uint8_t *p, size_t len, void *out,
		  size_t size, const char *api, int16_t version, int16_t min,
		  int16_t max, struct kt_err *err)
{
	memset(out, 0, size);
	if (kt_body_version(api, version, min, max, err))
		return -KT_EUNSUPPORTED;
	kt_reader_init(r, p, len);
	return 0;
}

int kt_body_put_version(struct kt_buf *b, int16_t version, int16_t min,
			int16_t max)
{
	if (!b->err && (version < min || version > max))
		kt_body_fail(b, KT_EUNSUPPORTED);
	return b->err;
}

/* --- Readers ------------------------------------------------------------- */

int kt_body_str(struct kt_reader *r, bool flex, bool nullable,
		struct kt_arena *a, char **out)
{
	struct kt_bytes v;
	char *s;

	*out = NULL;
	kt_read_fstr(r, flex, &v);
	if (r->err)
		return r->err;
	if (!v.p)
		return nullable ? 0 : kt_reader_fail(r, KT_EBADLEN);
	s = kt_arena_alloc(a, v.len + 1); /* v.len < 2^32: no overflow */
	if (!s)
		return kt_reader_fail(r, KT_ENOMEM);
	if (v.len)
		memcpy(s, v.p, v.len);
	s[v.len] = '\0';
	*out = s;
	return 0;
}

int kt_body_bytes(struct kt_reader *r, bool flex, bool nullable,
		  struct kt_arena *a, struct kt_bytes *out)
{
	struct kt_bytes v;
	uint8_t *p;

	out->p = NULL;
	out->len = 0;
	kt_read_fbytes(r, flex, &v);
	if (r->err)
		return r->err;
	if (!v.p)
		return nullable ? 0 : kt_reader_fail(r, KT_EBADLEN);
	p = kt_arena_alloc(a, v.len);
	if (!p)
		return kt_reader_fail(r, KT_ENOMEM);
	if (v.len)
		memcpy(p, v.p, v.len);
	out->p = p;
	out->len = v.len;
	return 0;
}

void *kt_body_array(struct kt_reader *r, bool flex, bool nullable,
		    size_t min_wire, size_t size, struct kt_arena *a, size_t *n)
{
	int32_t c;
	void *p;

	*n = 0;
	kt_read_farr(r, flex, min_wire, &c);
	if (r->err)
		return NULL;
	if (c < 0) {
		if (!nullable)
			kt_reader_fail(r, KT_EBADLEN);
		return NULL;
	}
	/* c <= left / min_wire, so c * size is bounded by the input size
	 * times size; the check guards the multiplication all the same */
	if (size && (size_t)c > SIZE_MAX / size) {
		kt_reader_fail(r, KT_EBADLEN);
		return NULL;
	}
	p = kt_arena_alloc(a, (size_t)c * size);
	if (!p) {
		kt_reader_fail(r, KT_ENOMEM);
		return NULL;
	}
	*n = (size_t)c;
	return p;
}

int kt_body_i32s(struct kt_reader *r, bool flex, bool nullable,
		 struct kt_arena *a, int32_t **out, size_t *n)
{
	int32_t *v = kt_body_array(r, flex, nullable, 4, sizeof(*v), a, n);
	size_t i;

	for (i = 0; i < *n && !r->err; i++)
		kt_read_i32(r, &v[i]);
	*out = v;
	return r->err;
}

int kt_body_strs(struct kt_reader *r, bool flex, bool nullable,
		 struct kt_arena *a, char ***out, size_t *n)
{
	char **v = kt_body_array(r, flex, nullable, KT_BODY_STR_MIN(flex),
				 sizeof(*v), a, n);
	size_t i;

	for (i = 0; i < *n && !r->err; i++)
		kt_body_str(r, flex, false, a, &v[i]);
	*out = v;
	return r->err;
}

int kt_body_leader_epoch(struct kt_reader *val, struct kt_leader_epoch *le)
{
	kt_read_i32(val, &le->leader_id);
	kt_read_i32(val, &le->leader_epoch);
	return kt_read_tags(val, NULL, NULL);
}

int kt_body_node_endpoints(struct kt_reader *val, struct kt_arena *a,
			   struct kt_node_endpoint **out, size_t *n)
{
	struct kt_node_endpoint *e;
	size_t i;

	/* node id, host, port, rack, tags: at least 4 + 1 + 4 + 1 + 1 bytes */
	e = kt_body_array(val, true, false, 11, sizeof(*e), a, n);
	*out = e;
	for (i = 0; i < *n && !val->err; i++) {
		kt_read_i32(val, &e[i].node_id);
		kt_body_str(val, true, false, a, &e[i].host);
		kt_read_i32(val, &e[i].port);
		kt_body_str(val, true, true, a, &e[i].rack);
		kt_read_tags(val, NULL, NULL);
	}
	return val->err;
}

int kt_body_end(struct kt_reader *r, const char *what, int16_t version,
		struct kt_err *err)
{
	/* a reader never moves on failure: off + left is the whole input */
	size_t len = r->off + r->left;

	if (!r->err && r->left) {
		size_t left = r->left;

		kt_reader_fail(r, KT_EPROTO);
		return kt_err_set(err, KT_EPROTO,
				  "%s v%d at byte %zu of %zu: %zu unexpected "
				  "bytes after the end",
				  what, version, r->off, len, left);
	}
	if (!r->err)
		return 0;
	return kt_err_set(err, -r->err, "%s v%d at byte %zu of %zu: %s", what,
			  version, r->off, len, kt_strerror(r->err));
}

/* --- Writers ------------------------------------------------------------- */

int kt_body_fail(struct kt_buf *b, int code)
{
	if (!b->err)
		b->err = code < 0 ? code : -code;
	return b->err;
}

int kt_body_put_str(struct kt_buf *b, bool flex, const char *s)
{
	if (!s)
		return kt_body_fail(b, KT_EINVAL);
	return kt_put_fcstr(b, flex, s);
}

int kt_body_put_nstr(struct kt_buf *b, bool flex, const char *s)
{
	return kt_put_fcstr(b, flex, s);
}

int kt_body_put_count(struct kt_buf *b, bool flex, bool is_null, size_t n)
{
	if (is_null)
		return kt_put_farr(b, flex, -1);
	/* a compact count is written as n + 1, which must fit Java's int */
	if (n >= INT32_MAX)
		return kt_body_fail(b, KT_ETOOBIG);
	return kt_put_farr(b, flex, (int32_t)n);
}

int kt_body_put_i32s(struct kt_buf *b, bool flex, bool is_null,
		     const int32_t *v, size_t n)
{
	size_t i;

	if (!v || is_null)
		n = 0;
	kt_body_put_count(b, flex, is_null, n);
	for (i = 0; i < n && !b->err; i++)
		kt_put_i32(b, v[i]);
	return b->err;
}

int kt_body_put_strs(struct kt_buf *b, bool flex, bool is_null,
		     const char *const *v, size_t n)
{
	size_t i;

	if (!v || is_null)
		n = 0;
	kt_body_put_count(b, flex, is_null, n);
	for (i = 0; i < n && !b->err; i++)
		kt_body_put_str(b, flex, v[i]);
	return b->err;
}

int kt_body_put_tag(struct kt_buf *b, uint32_t tag, const struct kt_buf *val)
{
	if (val->err)
		return kt_body_fail(b, val->err);
	if (val->len > UINT32_MAX)
		return kt_body_fail(b, KT_ETOOBIG);
	kt_put_uvarint(b, tag);
	kt_put_uvarint(b, (uint32_t)val->len);
	return kt_buf_put(b, val->p, val->len);
}
