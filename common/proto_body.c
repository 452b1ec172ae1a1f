/*
 * proto_body.c - arena and read/write helpers shared by the admin API body
 * codecs (see proto_body.h for the design; encodings from the Kafka
 * protocol guide and KIP-482).
 */
#include "proto_body.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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

int kt_body_bytes(struct kt_reader *r, bool flex, bool nullable,
		  struct kt_arena *a, struct kt_bytes *out)
{
	struct kt_bytes v;
	uint8_t *p;

	out->p = NULL;
	out->len = 0;
	if (flex)
		nullable ? kt_read_cnbytes(r, &v) : kt_read_cbytes(r, &v);
	else
		nullable ? kt_read_nbytes(r, &v) : kt_read_bytes(r, &v);
	if (r->err || !v.p)
		return r->err;
	p = kt_arena_alloc(a, v.len);
	if (!p)
		return kt_reader_fail(r, KT_ENOMEM);
	if (v.len)
		memcpy(p, v.p, v.len);
	out->p = p;
	out->len = v.len;
	return 0;
}

int kt_body_str(struct kt_reader *r, bool flex, bool nullable,
		struct kt_arena *a, char **out)
{
	struct kt_bytes v;
	char *s;

	*out = NULL;
	if (flex)
		nullable ? kt_read_cnstr(r, &v) : kt_read_cstr(r, &v);
	else
		nullable ? kt_read_nstr(r, &v) : kt_read_str(r, &v);
	if (r->err || !v.p)
		return r->err;
	s = kt_arena_alloc(a, v.len + 1); /* v.len < 2^32: no overflow */
	if (!s)
		return kt_reader_fail(r, KT_ENOMEM);
	if (v.len)
		memcpy(s, v.p, v.len);
	s[v.len] = '\0';
	*out = s;
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
	char **v = kt_body_array(r, flex, nullable, flex ? 1 : 2, sizeof(*v), a,
				 n);
	size_t i;

	for (i = 0; i < *n && !r->err; i++)
		kt_body_str(r, flex, false, a, &v[i]);
	*out = v;
	return r->err;
}

int kt_body_end(struct kt_reader *r, const char *api, int16_t version,
		struct kt_err *err)
{
	if (!r->err && r->left) {
		size_t left = r->left;

		kt_reader_fail(r, KT_EPROTO);
		return kt_err_set(err, KT_EPROTO,
				  "%s v%d response at byte %zu: %zu trailing "
				  "bytes",
				  api, version, r->off, left);
	}
	if (!r->err)
		return 0;
	return kt_err_set(err, -r->err, "%s v%d response at byte %zu: %s", api,
			  version, r->off, kt_strerror(r->err));
}

int kt_body_badver(const char *api, int16_t version, struct kt_err *err)
{
	return kt_err_set(err, KT_EUNSUPPORTED,
			  "%s v%d: version not supported by kafkit", api,
			  version);
}

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

int kt_body_put_count(struct kt_buf *b, bool flex, bool is_null, size_t n)
{
	if (is_null)
		return kt_put_farr(b, flex, -1);
	if (n >= INT32_MAX)
		return kt_body_fail(b, KT_ETOOBIG);
	return kt_put_farr(b, flex, (int32_t)n);
}

int kt_body_put_i32s(struct kt_buf *b, bool flex, bool is_null,
		     const int32_t *v, size_t n)
{
	size_t i;

	if (!v)
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

	if (!v)
		n = 0;
	kt_body_put_count(b, flex, is_null, n);
	for (i = 0; i < n && !b->err; i++)
		kt_body_put_str(b, flex, v[i]);
	return b->err;
}
