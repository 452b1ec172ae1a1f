/*
 * base/buf.c - struct kt_reader and struct kt_buf: Kafka's primitive types
 * (protocol guide "Protocol Primitive Types", KIP-482 compact encodings).
 */
#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A non-NULL address for empty, non-null views over a NULL reader. */
static const uint8_t empty_bytes[1];

void kt_reader_init(struct kt_reader *r, const void *p, size_t len)
{
	r->p = p;
	r->left = p ? len : 0;
	r->off = 0;
	r->err = 0;
}

int kt_reader_fail(struct kt_reader *r, int code)
{
	if (!r->err)
		r->err = code < 0 ? code : -code;
	return r->err;
}

/* Take n bytes: return their address, or NULL (and fail r) if fewer left. */
static const uint8_t *take(struct kt_reader *r, size_t n)
{
	const uint8_t *p;

	if (r->err)
		return NULL;
	if (n > r->left) {
		kt_reader_fail(r, KT_ETRUNC);
		return NULL;
	}
	p = r->p ? r->p : empty_bytes;
	if (r->p)
		r->p += n;
	r->left -= n;
	r->off += n;
	return p;
}

int kt_read_u8(struct kt_reader *r, uint8_t *v)
{
	const uint8_t *p = take(r, 1);

	*v = p ? p[0] : 0;
	return r->err;
}

int kt_read_i8(struct kt_reader *r, int8_t *v)
{
	uint8_t u;

	kt_read_u8(r, &u);
	*v = (int8_t)u;
	return r->err;
}

int kt_read_u16(struct kt_reader *r, uint16_t *v)
{
	const uint8_t *p = take(r, 2);

	*v = p ? kt_be16(p) : 0;
	return r->err;
}

int kt_read_i16(struct kt_reader *r, int16_t *v)
{
	uint16_t u;

	kt_read_u16(r, &u);
	*v = (int16_t)u;
	return r->err;
}

int kt_read_u32(struct kt_reader *r, uint32_t *v)
{
	const uint8_t *p = take(r, 4);

	*v = p ? kt_be32(p) : 0;
	return r->err;
}

int kt_read_i32(struct kt_reader *r, int32_t *v)
{
	uint32_t u;

	kt_read_u32(r, &u);
	*v = (int32_t)u;
	return r->err;
}

int kt_read_i64(struct kt_reader *r, int64_t *v)
{
	const uint8_t *p = take(r, 8);

	*v = p ? (int64_t)kt_be64(p) : 0;
	return r->err;
}

int kt_read_bool(struct kt_reader *r, bool *v)
{
	uint8_t u;

	kt_read_u8(r, &u);
	*v = u != 0;
	return r->err;
}

int kt_read_f64(struct kt_reader *r, double *v)
{
	const uint8_t *p = take(r, 8);
	uint64_t u = p ? kt_be64(p) : 0;

	memcpy(v, &u, sizeof(*v));
	return r->err;
}

int kt_read_uuid(struct kt_reader *r, struct kt_uuid *v)
{
	const uint8_t *p = take(r, 16);

	if (p)
		memcpy(v->b, p, 16);
	else
		memset(v->b, 0, 16);
	return r->err;
}

/* LEB128 of at most maxbytes; the last byte may only carry the bits that
 * remain of a bits-wide value. */
static int read_leb(struct kt_reader *r, unsigned maxbytes, unsigned bits,
		    uint64_t *v)
{
	uint64_t x = 0;
	unsigned i, shift = 0;

	*v = 0;
	if (r->err)
		return r->err;
	for (i = 0; i < maxbytes; i++) {
		uint8_t c;

		if (i >= r->left)
			return kt_reader_fail(r, KT_ETRUNC);
		c = r->p[i];
		if (i == maxbytes - 1 &&
		    (c & 0x80 || (c >> (bits - shift)) != 0))
			break;
		x |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
		if (!(c & 0x80)) {
			take(r, i + 1);
			*v = x;
			return 0;
		}
	}
	return kt_reader_fail(r, KT_EVARINT);
}

int kt_read_uvarint(struct kt_reader *r, uint32_t *v)
{
	uint64_t x;

	read_leb(r, 5, 32, &x);
	*v = (uint32_t)x;
	return r->err;
}

int kt_read_uvarlong(struct kt_reader *r, uint64_t *v)
{
	return read_leb(r, 10, 64, v);
}

int kt_read_varint(struct kt_reader *r, int32_t *v)
{
	uint32_t u;

	kt_read_uvarint(r, &u);
	*v = (int32_t)((u >> 1) ^ (~(u & 1) + 1));
	return r->err;
}

int kt_read_varlong(struct kt_reader *r, int64_t *v)
{
	uint64_t u;

	kt_read_uvarlong(r, &u);
	*v = (int64_t)((u >> 1) ^ (~(u & 1) + 1));
	return r->err;
}

int kt_read_raw(struct kt_reader *r, size_t n, const uint8_t **p)
{
	*p = take(r, n);
	return r->err;
}

int kt_read_copy(struct kt_reader *r, void *dst, size_t n)
{
	const uint8_t *p = take(r, n);

	if (p && n)
		memcpy(dst, p, n);
	return r->err;
}

int kt_read_skip(struct kt_reader *r, size_t n)
{
	take(r, n);
	return r->err;
}

int kt_read_sub(struct kt_reader *r, size_t n, struct kt_reader *sub)
{
	size_t off = r->off;
	const uint8_t *p = take(r, n);

	sub->p = p;
	sub->left = p ? n : 0;
	sub->off = off;
	sub->err = p ? 0 : r->err;
	return r->err;
}

/* A view of len bytes, or null when isnull. */
static int read_view(struct kt_reader *r, bool isnull, size_t len,
		     struct kt_bytes *out)
{
	out->p = NULL;
	out->len = 0;
	if (r->err || isnull)
		return r->err;
	out->p = take(r, len);
	if (out->p)
		out->len = len;
	return r->err;
}

static int read_classic(struct kt_reader *r, bool wide, bool nullable,
			struct kt_bytes *out)
{
	int32_t n;

	if (wide) {
		kt_read_i32(r, &n);
	} else {
		int16_t s;

		kt_read_i16(r, &s);
		n = s;
	}
	if (!r->err && (n < -1 || (n == -1 && !nullable)))
		kt_reader_fail(r, KT_EBADLEN);
	return read_view(r, n == -1, n < 0 ? 0 : (size_t)n, out);
}

static int read_compact(struct kt_reader *r, bool nullable,
			struct kt_bytes *out)
{
	uint32_t n;

	kt_read_uvarint(r, &n);
	if (!r->err && n == 0 && !nullable)
		kt_reader_fail(r, KT_EBADLEN);
	return read_view(r, n == 0, n ? (size_t)n - 1 : 0, out);
}

int kt_read_str(struct kt_reader *r, struct kt_bytes *out)
{
	return read_classic(r, false, false, out);
}

int kt_read_nstr(struct kt_reader *r, struct kt_bytes *out)
{
	return read_classic(r, false, true, out);
}

int kt_read_cstr(struct kt_reader *r, struct kt_bytes *out)
{
	return read_compact(r, false, out);
}

int kt_read_cnstr(struct kt_reader *r, struct kt_bytes *out)
{
	return read_compact(r, true, out);
}

int kt_read_fstr(struct kt_reader *r, bool flex, struct kt_bytes *out)
{
	return flex ? read_compact(r, true, out)
		    : read_classic(r, false, true, out);
}

int kt_read_bytes(struct kt_reader *r, struct kt_bytes *out)
{
	return read_classic(r, true, false, out);
}

int kt_read_nbytes(struct kt_reader *r, struct kt_bytes *out)
{
	return read_classic(r, true, true, out);
}

int kt_read_cbytes(struct kt_reader *r, struct kt_bytes *out)
{
	return read_compact(r, false, out);
}

int kt_read_cnbytes(struct kt_reader *r, struct kt_bytes *out)
{
	return read_compact(r, true, out);
}

int kt_read_fbytes(struct kt_reader *r, bool flex, struct kt_bytes *out)
{
	return flex ? read_compact(r, true, out)
		    : read_classic(r, true, true, out);
}

/* n elements of at least min bytes each must fit in what is left. */
static int check_count(struct kt_reader *r, size_t min, uint64_t n)
{
	if (min == 0)
		min = 1;
	if (!r->err && n > r->left / min)
		kt_reader_fail(r, KT_EBADLEN);
	return r->err;
}

int kt_read_arr(struct kt_reader *r, size_t min_elem_size, int32_t *n)
{
	kt_read_i32(r, n);
	if (!r->err && *n < -1)
		kt_reader_fail(r, KT_EBADLEN);
	if (!r->err && *n > 0)
		check_count(r, min_elem_size, (uint64_t)*n);
	if (r->err)
		*n = 0;
	return r->err;
}

int kt_read_carr(struct kt_reader *r, size_t min_elem_size, int32_t *n)
{
	uint32_t u;

	kt_read_uvarint(r, &u);
	if (!r->err && u > 0)
		check_count(r, min_elem_size, (uint64_t)u - 1);
	*n = r->err ? 0 : (int32_t)((int64_t)u - 1);
	return r->err;
}

int kt_read_farr(struct kt_reader *r, bool flex, size_t min_elem_size,
		 int32_t *n)
{
	return flex ? kt_read_carr(r, min_elem_size, n)
		    : kt_read_arr(r, min_elem_size, n);
}

int kt_read_count(struct kt_reader *r, size_t min_elem_size, size_t *n)
{
	int32_t c;

	kt_read_arr(r, min_elem_size, &c);
	*n = c > 0 ? (size_t)c : 0;
	return r->err;
}

int kt_read_tags(struct kt_reader *r, kt_tag_cb cb, void *ctx)
{
	uint32_t count, i, tag, size;
	int64_t last = -1;

	kt_read_uvarint(r, &count);
	/* each field is at least two bytes: tag and size */
	if (check_count(r, 2, count))
		return r->err;
	for (i = 0; i < count; i++) {
		struct kt_reader val;
		int rc;

		kt_read_uvarint(r, &tag);
		kt_read_uvarint(r, &size);
		if (r->err)
			return r->err;
		if ((int64_t)tag <= last)
			return kt_reader_fail(r, KT_EPROTO);
		last = tag;
		if (kt_read_sub(r, size, &val))
			return r->err;
		if (cb) {
			rc = cb(ctx, tag, &val);
			if (rc < 0)
				return kt_reader_fail(r, rc);
			if (rc > 0)
				return rc;
		}
	}
	return r->err;
}

int kt_read_ftags(struct kt_reader *r, bool flex)
{
	return flex ? kt_read_tags(r, NULL, NULL) : r->err;
}

void kt_buf_init(struct kt_buf *b, size_t max)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : KT_BUF_DEFAULT_MAX;
	b->err = 0;
}

void kt_buf_release(struct kt_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

void kt_buf_release_wipe(struct kt_buf *b)
{
	if (b->p)
		explicit_bzero(b->p, b->cap);
	kt_buf_release(b);
}

void kt_buf_reset(struct kt_buf *b)
{
	b->len = 0;
	b->err = 0;
}

int kt_buf_grow(struct kt_buf *b, size_t n)
{
	size_t want, cap;
	uint8_t *p;

	if (b->err)
		return b->err;
	if (n > b->max || b->len > b->max - n)
		return b->err = -KT_ETOOBIG;
	want = b->len + n;
	if (want <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	if (cap > b->max)
		cap = b->max;
	p = realloc(b->p, cap);
	if (!p)
		return b->err = -KT_ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

uint8_t *kt_buf_detach(struct kt_buf *b, size_t *len)
{
	uint8_t *p = b->err ? NULL : b->p;

	if (len)
		*len = p ? b->len : 0;
	if (!p)
		free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}

int kt_buf_put(struct kt_buf *b, const void *p, size_t n)
{
	if (kt_buf_grow(b, n))
		return b->err;
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

size_t kt_buf_reserve(struct kt_buf *b, size_t n)
{
	size_t pos = b->len;

	if (kt_buf_grow(b, n))
		return (size_t)-1;
	memset(b->p + b->len, 0, n);
	b->len += n;
	return pos;
}

int kt_buf_printf(struct kt_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->err)
		return b->err;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return b->err = -KT_EINVAL;
	if (kt_buf_grow(b, (size_t)n + 1))
		return b->err;
	va_start(ap, fmt);
	vsnprintf((char *)b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int kt_buf_puts(struct kt_buf *b, const char *s)
{
	size_t n = strlen(s);

	if (kt_buf_put(b, s, n + 1))
		return b->err;
	b->len--;
	return 0;
}

int kt_buf_put_utf8(struct kt_buf *b, uint32_t cp)
{
	uint8_t u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (uint8_t)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (uint8_t)(0xc0 | cp >> 6);
		u[1] = (uint8_t)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (uint8_t)(0xe0 | cp >> 12);
		u[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (uint8_t)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (uint8_t)(0xf0 | cp >> 18);
		u[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (uint8_t)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return kt_buf_put(b, u, n);
}

int kt_put_i8(struct kt_buf *b, int8_t v)
{
	uint8_t c = (uint8_t)v;

	return kt_buf_put(b, &c, 1);
}

int kt_put_i16(struct kt_buf *b, int16_t v)
{
	uint8_t c[2] = {(uint8_t)((uint16_t)v >> 8), (uint8_t)v};

	return kt_buf_put(b, c, 2);
}

int kt_put_u32(struct kt_buf *b, uint32_t v)
{
	uint8_t c[4];

	kt_store_be32(c, v);
	return kt_buf_put(b, c, 4);
}

int kt_put_i32(struct kt_buf *b, int32_t v)
{
	return kt_put_u32(b, (uint32_t)v);
}

int kt_put_i64(struct kt_buf *b, int64_t v)
{
	kt_put_u32(b, (uint32_t)((uint64_t)v >> 32));
	return kt_put_u32(b, (uint32_t)v);
}

int kt_put_bool(struct kt_buf *b, bool v)
{
	return kt_put_i8(b, v ? 1 : 0);
}

int kt_put_f64(struct kt_buf *b, double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof(u));
	return kt_put_i64(b, (int64_t)u);
}

int kt_put_uuid(struct kt_buf *b, const struct kt_uuid *v)
{
	return kt_buf_put(b, v->b, 16);
}

int kt_put_uvarlong(struct kt_buf *b, uint64_t v)
{
	uint8_t c[10];
	size_t n = 0;

	while (v >= 0x80) {
		c[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	c[n++] = (uint8_t)v;
	return kt_buf_put(b, c, n);
}

int kt_put_uvarint(struct kt_buf *b, uint32_t v)
{
	return kt_put_uvarlong(b, v);
}

int kt_put_varint(struct kt_buf *b, int32_t v)
{
	uint32_t u = (uint32_t)v;

	return kt_put_uvarint(b, (u << 1) ^ (uint32_t)(v >> 31));
}

int kt_put_varlong(struct kt_buf *b, int64_t v)
{
	uint64_t u = (uint64_t)v;

	return kt_put_uvarlong(b, (u << 1) ^ (uint64_t)(v >> 63));
}

int kt_put_str(struct kt_buf *b, const char *p, size_t n)
{
	if (!p) {
		if (!b->err)
			b->err = -KT_EINVAL;
		return b->err;
	}
	return kt_put_nstr(b, p, n);
}

int kt_put_nstr(struct kt_buf *b, const char *p, size_t n)
{
	if (!p)
		return kt_put_i16(b, -1);
	if (n > INT16_MAX) {
		if (!b->err)
			b->err = -KT_ETOOBIG;
		return b->err;
	}
	kt_put_i16(b, (int16_t)n);
	return kt_buf_put(b, p, n);
}

int kt_put_cnbytes(struct kt_buf *b, const void *p, size_t n)
{
	if (!p)
		return kt_put_uvarint(b, 0);
	if (n >= UINT32_MAX) {
		if (!b->err)
			b->err = -KT_ETOOBIG;
		return b->err;
	}
	kt_put_uvarint(b, (uint32_t)n + 1);
	return kt_buf_put(b, p, n);
}

int kt_put_cnstr(struct kt_buf *b, const char *p, size_t n)
{
	return kt_put_cnbytes(b, p, n);
}

int kt_put_fstr(struct kt_buf *b, bool flex, const char *p, size_t n)
{
	return flex ? kt_put_cnstr(b, p, n) : kt_put_nstr(b, p, n);
}

int kt_put_fcstr(struct kt_buf *b, bool flex, const char *s)
{
	return kt_put_fstr(b, flex, s, s ? strlen(s) : 0);
}

int kt_put_nbytes(struct kt_buf *b, const void *p, size_t n)
{
	if (!p)
		return kt_put_i32(b, -1);
	if (n > INT32_MAX) {
		if (!b->err)
			b->err = -KT_ETOOBIG;
		return b->err;
	}
	kt_put_i32(b, (int32_t)n);
	return kt_buf_put(b, p, n);
}

int kt_put_fbytes(struct kt_buf *b, bool flex, const void *p, size_t n)
{
	return flex ? kt_put_cnbytes(b, p, n) : kt_put_nbytes(b, p, n);
}

int kt_put_farr(struct kt_buf *b, bool flex, int32_t n)
{
	if (!flex)
		return kt_put_i32(b, n < 0 ? -1 : n);
	return kt_put_uvarint(b, n < 0 ? 0 : (uint32_t)n + 1);
}

int kt_put_ftags(struct kt_buf *b, bool flex)
{
	return flex ? kt_put_uvarint(b, 0) : b->err;
}

void kt_buf_patch_u32(struct kt_buf *b, size_t pos, uint32_t v)
{
	if (b->err || pos > b->len || b->len - pos < 4)
		return;
	kt_store_be32(b->p + pos, v);
}

void kt_buf_patch_i32(struct kt_buf *b, size_t pos, int32_t v)
{
	kt_buf_patch_u32(b, pos, (uint32_t)v);
}

bool kt_bytes_eq(struct kt_bytes a, const char *s)
{
	size_t n = strlen(s);

	return a.p && a.len == n && memcmp(a.p, s, n) == 0;
}

char *kt_bytes_dup(struct kt_bytes a)
{
	char *s;

	if (!a.p)
		return NULL;
	s = malloc(a.len + 1);
	if (!s)
		return NULL;
	memcpy(s, a.p, a.len);
	s[a.len] = '\0';
	return s;
}

int kt_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static const char b64url[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

void kt_uuid_str(const struct kt_uuid *u, char out[23])
{
	size_t i, o = 0;

	for (i = 0; i < 15; i += 3) {
		uint32_t v = (uint32_t)u->b[i] << 16 |
			     (uint32_t)u->b[i + 1] << 8 | u->b[i + 2];

		out[o++] = b64url[v >> 18 & 63];
		out[o++] = b64url[v >> 12 & 63];
		out[o++] = b64url[v >> 6 & 63];
		out[o++] = b64url[v & 63];
	}
	out[o++] = b64url[u->b[15] >> 2];
	out[o++] = b64url[(u->b[15] & 3) << 4];
	out[o] = '\0';
}

int kt_base64_digit(int c, bool url)
{
	/* ranges, not a table search: the JSON reader decodes every byte of
	 * a base64 value through here */
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == (url ? '-' : '+'))
		return 62;
	if (c == (url ? '_' : '/'))
		return 63;
	return -1;
}

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int kt_base64_put(struct kt_buf *out, const uint8_t *p, size_t n)
{
	size_t i;
	char q[4];

	for (i = 0; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 |
			     p[i + 2];

		q[0] = b64[v >> 18];
		q[1] = b64[v >> 12 & 63];
		q[2] = b64[v >> 6 & 63];
		q[3] = b64[v & 63];
		kt_buf_put(out, q, 4);
	}
	if (n - i == 1) {
		q[0] = b64[p[i] >> 2];
		q[1] = b64[(p[i] & 3) << 4];
		q[2] = q[3] = '=';
		kt_buf_put(out, q, 4);
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)p[i] << 8 | p[i + 1];

		q[0] = b64[v >> 10];
		q[1] = b64[v >> 4 & 63];
		q[2] = b64[(v & 15) << 2];
		q[3] = '=';
		kt_buf_put(out, q, 4);
	}
	return out->err;
}

long kt_base64_decode(const char *s, size_t n, uint8_t *out)
{
	size_t i, o = 0;

	if (n % 4)
		return -KT_EINVAL;
	for (i = 0; i < n; i += 4) {
		int a = kt_base64_digit(s[i], false),
		    b = kt_base64_digit(s[i + 1], false);
		int c = s[i + 2] == '=' ? -2 : kt_base64_digit(s[i + 2], false);
		int d = s[i + 3] == '=' ? -2 : kt_base64_digit(s[i + 3], false);
		bool last = i + 4 == n;

		if (a < 0 || b < 0 || c == -1 || d == -1 ||
		    (c == -2 && d != -2) || ((c == -2 || d == -2) && !last))
			return -KT_EINVAL;
		out[o++] = (uint8_t)(a << 2 | b >> 4);
		if (c >= 0)
			out[o++] = (uint8_t)((b & 15) << 4 | c >> 2);
		if (d >= 0)
			out[o++] = (uint8_t)((c & 3) << 6 | d);
	}
	return (long)o;
}

int kt_uuid_parse(const char *s, struct kt_uuid *u)
{
	uint32_t acc = 0;
	int i, bits = 0, o = 0;

	if (strlen(s) != 22)
		return -KT_EINVAL;
	for (i = 0; i < 22; i++) {
		int v = kt_base64_digit(s[i], true);

		if (v < 0)
			return -KT_EINVAL;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o < 16)
				u->b[o++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	/* the last character carries 4 unused bits that must be zero */
	return acc == 0 ? 0 : -KT_EINVAL;
}

bool kt_uuid_is_zero(const struct kt_uuid *u)
{
	static const uint8_t zero[16];

	return memcmp(u->b, zero, 16) == 0;
}
