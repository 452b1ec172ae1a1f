/*
 * base/buf.h - bounds-checked reading of untrusted bytes (struct kt_reader) and
 * capped writing (struct kt_buf) of Kafka's primitive types.
 *
 * Implements the primitive types of the Kafka protocol guide ("Protocol
 * Primitive Types") and the compact/flexible encodings of KIP-482: big-endian
 * integers, zig-zag and unsigned varints, classic and compact strings, bytes
 * and arrays, UUIDs and tagged-field sections.
 *
 * Reader rules (see STYLE.md, "Untrusted bytes"):
 *  - every read checks the length left first and never forms a pointer past
 *    the end;
 *  - the first failure sticks in r->err (a negative KT_E*); every later read
 *    fails at once with the same code, so a decoder may read a whole struct
 *    and check r->err once, before it allocates or loops;
 *  - r->off is the position of the next byte, counted from the start of the
 *    outermost reader (a sub-reader inherits its parent's position), so
 *    error messages can say "at byte N";
 *  - strings and bytes are returned as views (struct kt_bytes) into the
 *    reader's memory, valid only while that memory lives.
 */
#ifndef KT_BASE_BUF_H
#define KT_BASE_BUF_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A view of bytes owned by someone else. p == NULL means null (a Kafka null
 * string or bytes); an empty non-null value has p != NULL and len 0. */
struct kt_bytes {
	const uint8_t *p;
	size_t len;
};

/* A Kafka UUID: 16 bytes, most significant first. All zero means none. */
struct kt_uuid {
	uint8_t b[16];
};

struct kt_reader {
	const uint8_t *p; /* next byte */
	size_t left;	  /* bytes left from p */
	size_t off; /* position of p from the start of the outermost reader */
	int err;    /* 0, or the first failure (negative KT_E*) */
};

/* Start reading len bytes at p (p may be NULL when len is 0). */
void kt_reader_init(struct kt_reader *r, const void *p, size_t len);

/* Mark r failed with code (negative or positive KT_E*) unless it already
 * failed. Returns r->err. For decoders that find a bad value in data that
 * was read correctly (a negative count, a bad magic byte). */
int kt_reader_fail(struct kt_reader *r, int code);

/* Fixed-size integers, big-endian. Return 0 or r->err (negative). On
 * failure *v is set to 0. */
int kt_read_i8(struct kt_reader *r, int8_t *v);
int kt_read_i16(struct kt_reader *r, int16_t *v);
int kt_read_i32(struct kt_reader *r, int32_t *v);
int kt_read_i64(struct kt_reader *r, int64_t *v);
int kt_read_u8(struct kt_reader *r, uint8_t *v);
int kt_read_u16(struct kt_reader *r, uint16_t *v);
int kt_read_u32(struct kt_reader *r, uint32_t *v);
int kt_read_bool(struct kt_reader *r, bool *v);
int kt_read_f64(struct kt_reader *r, double *v);
int kt_read_uuid(struct kt_reader *r, struct kt_uuid *v);

/* Varints. Unsigned: LEB128, at most 5 bytes for 32 bits and 10 for 64; a
 * longer one, or a fifth/tenth byte with bits beyond the type, fails with
 * KT_EVARINT. Signed: zig-zag over the unsigned form. */
int kt_read_uvarint(struct kt_reader *r, uint32_t *v);
int kt_read_uvarlong(struct kt_reader *r, uint64_t *v);
int kt_read_varint(struct kt_reader *r, int32_t *v);
int kt_read_varlong(struct kt_reader *r, int64_t *v);

/* A view of the next n bytes (*p may be NULL when n is 0 and the reader is
 * over NULL). */
int kt_read_raw(struct kt_reader *r, size_t n, const uint8_t **p);
/* Copy the next n bytes into dst. */
int kt_read_copy(struct kt_reader *r, void *dst, size_t n);
int kt_read_skip(struct kt_reader *r, size_t n);
/* Move the next n bytes into sub (positioned at r's offset) and past them in
 * r. A failure in sub does not affect r. */
int kt_read_sub(struct kt_reader *r, size_t n, struct kt_reader *sub);

/* Strings and bytes. The "n" forms accept null (out->p == NULL); the others
 * fail with KT_EBADLEN on null. Classic strings have an int16 length, classic
 * bytes an int32 length; compact ones an unsigned varint length+1. The "f"
 * forms pick compact when flex is true, else classic, and accept null. */
int kt_read_str(struct kt_reader *r, struct kt_bytes *out);
int kt_read_nstr(struct kt_reader *r, struct kt_bytes *out);
int kt_read_cstr(struct kt_reader *r, struct kt_bytes *out);
int kt_read_cnstr(struct kt_reader *r, struct kt_bytes *out);
int kt_read_fstr(struct kt_reader *r, bool flex, struct kt_bytes *out);
int kt_read_bytes(struct kt_reader *r, struct kt_bytes *out);
int kt_read_nbytes(struct kt_reader *r, struct kt_bytes *out);
int kt_read_cbytes(struct kt_reader *r, struct kt_bytes *out);
int kt_read_cnbytes(struct kt_reader *r, struct kt_bytes *out);
int kt_read_fbytes(struct kt_reader *r, bool flex, struct kt_bytes *out);

/*
 * Array counts. *n is the element count, or -1 for a null array. The count
 * is checked against the bytes left: each element takes at least
 * min_elem_size bytes (at least 1 is assumed), so a count larger than
 * left / min_elem_size fails with KT_EBADLEN before anyone allocates.
 * kt_read_count is the classic (int32) form that treats null as empty and
 * returns a size_t, for the common "for (i = 0; i < n; i++)" loop.
 */
int kt_read_arr(struct kt_reader *r, size_t min_elem_size, int32_t *n);
int kt_read_carr(struct kt_reader *r, size_t min_elem_size, int32_t *n);
int kt_read_farr(struct kt_reader *r, bool flex, size_t min_elem_size,
		 int32_t *n);
int kt_read_count(struct kt_reader *r, size_t min_elem_size, size_t *n);

/*
 * Tagged-field section (KIP-482). For each field, cb is called with its tag
 * and a sub-reader over exactly its value; a field cb does not know it should
 * skip by returning 0. A non-zero return from cb stops and is returned (and
 * recorded in r->err if negative). Tags must be strictly increasing, else
 * KT_EPROTO. cb may be NULL to skip every field. The "f" form reads nothing
 * when flex is false.
 */
typedef int (*kt_tag_cb)(void *ctx, uint32_t tag, struct kt_reader *val);
int kt_read_tags(struct kt_reader *r, kt_tag_cb cb, void *ctx);
int kt_read_ftags(struct kt_reader *r, bool flex);

/* The default ceiling of a kt_buf when none is given: 256 MiB. */
#define KT_BUF_DEFAULT_MAX ((size_t)256 << 20)

/*
 * A growable write buffer with a ceiling (curl's dynbuf). Writes past max
 * set err to -KT_ETOOBIG (-KT_ENOMEM if malloc fails); the first failure
 * sticks and later writes do nothing, so an encoder can write a whole
 * message and check b->err once.
 */
struct kt_buf {
	uint8_t *p;
	size_t len;
	size_t cap;
	size_t max;
	int err;
};

/* Start an empty buffer with ceiling max (0: KT_BUF_DEFAULT_MAX). */
void kt_buf_init(struct kt_buf *b, size_t max);
/* Free the memory; b can be reused after kt_buf_init. */
void kt_buf_release(struct kt_buf *b);
/* The same after zeroing every allocated byte (explicit_bzero, which the
 * compiler keeps): for buffers that held a secret. */
void kt_buf_release_wipe(struct kt_buf *b);
/* Empty the buffer, keep memory, clear err. */
void kt_buf_reset(struct kt_buf *b);
/* Make room for n more bytes. Returns 0 or b->err. */
int kt_buf_grow(struct kt_buf *b, size_t n);
/* Take the bytes: the caller frees the returned pointer; b is left empty
 * (and must be released or re-initialised as usual). NULL if b is empty or
 * failed. */
uint8_t *kt_buf_detach(struct kt_buf *b, size_t *len);

int kt_buf_put(struct kt_buf *b, const void *p, size_t n);
/* Append n zero bytes and return their position (for fields patched later:
 * lengths, CRCs), or (size_t)-1 on failure. */
size_t kt_buf_reserve(struct kt_buf *b, size_t n);
/* printf-style text append (no NUL written). */
int kt_buf_printf(struct kt_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append a C string with its NUL, then drop the NUL from len: b->p is then a
 * C string until the next write. */
int kt_buf_puts(struct kt_buf *b, const char *s);
/* Append code point cp (< 0x110000) as UTF-8, 1 to 4 bytes (a surrogate
 * is encoded like any other code point). Returns b->err. */
int kt_buf_put_utf8(struct kt_buf *b, uint32_t cp);

int kt_put_i8(struct kt_buf *b, int8_t v);
int kt_put_i16(struct kt_buf *b, int16_t v);
int kt_put_i32(struct kt_buf *b, int32_t v);
int kt_put_i64(struct kt_buf *b, int64_t v);
int kt_put_u32(struct kt_buf *b, uint32_t v);
int kt_put_bool(struct kt_buf *b, bool v);
int kt_put_f64(struct kt_buf *b, double v);
int kt_put_uuid(struct kt_buf *b, const struct kt_uuid *v);
int kt_put_uvarint(struct kt_buf *b, uint32_t v);
int kt_put_uvarlong(struct kt_buf *b, uint64_t v);
int kt_put_varint(struct kt_buf *b, int32_t v);
int kt_put_varlong(struct kt_buf *b, int64_t v);

/* Strings and bytes. p == NULL writes null (the non-nullable classic string
 * writer refuses it with KT_EINVAL). A classic string longer than 32767 bytes
 * fails with KT_ETOOBIG. The "f" forms pick compact when flex is true. */
int kt_put_str(struct kt_buf *b, const char *p, size_t n);
int kt_put_nstr(struct kt_buf *b, const char *p, size_t n);
int kt_put_cnstr(struct kt_buf *b, const char *p, size_t n);
int kt_put_fstr(struct kt_buf *b, bool flex, const char *p, size_t n);
/* Same for a C string (NULL means null). */
int kt_put_fcstr(struct kt_buf *b, bool flex, const char *s);
int kt_put_nbytes(struct kt_buf *b, const void *p, size_t n);
int kt_put_cnbytes(struct kt_buf *b, const void *p, size_t n);
int kt_put_fbytes(struct kt_buf *b, bool flex, const void *p, size_t n);
/* Array count: n == -1 writes null. */
int kt_put_farr(struct kt_buf *b, bool flex, int32_t n);
/* An empty tagged-field section when flex (a single 0 byte). */
int kt_put_ftags(struct kt_buf *b, bool flex);

/* Overwrite 4 bytes at pos (from kt_buf_reserve) with v, big-endian. */
void kt_buf_patch_i32(struct kt_buf *b, size_t pos, int32_t v);
void kt_buf_patch_u32(struct kt_buf *b, size_t pos, uint32_t v);

/* Big-endian loads and stores on raw memory the caller has bounds-checked. */
static inline uint32_t kt_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline uint64_t kt_be64(const uint8_t *p)
{
	return (uint64_t)kt_be32(p) << 32 | kt_be32(p + 4);
}

static inline uint16_t kt_be16(const uint8_t *p)
{
	return (uint16_t)((uint16_t)p[0] << 8 | p[1]);
}

static inline void kt_store_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Compare a view with a C string. */
bool kt_bytes_eq(struct kt_bytes a, const char *s);
/* A malloc'ed NUL-terminated copy of a view (NULL for null, or on ENOMEM). */
char *kt_bytes_dup(struct kt_bytes a);

/* The value 0..15 of hexadecimal digit c (either case), or -1. */
int kt_hex_digit(int c);
/* The value 0..63 of base64 digit c in the standard alphabet (RFC 4648,
 * "+/") or, when url, the URL-safe one ("-_"); -1 for anything else, the
 * padding '=' included. */
int kt_base64_digit(int c, bool url);

/* Base64 (RFC 4648, standard alphabet, padded) of p[0..n) appended to out;
 * returns out->err. kt_base64_decode returns the decoded length, or
 * -KT_EINVAL on bad input; out must hold n / 4 * 3 bytes. */
int kt_base64_put(struct kt_buf *out, const uint8_t *p, size_t n);
long kt_base64_decode(const char *s, size_t n, uint8_t *out);

/* UUID text form: URL-safe base64 without padding, 22 characters (Kafka's
 * Uuid.toString). out must hold 23 bytes. */
void kt_uuid_str(const struct kt_uuid *u, char out[23]);
/* Parse that text form. Returns 0 or -KT_EINVAL. */
int kt_uuid_parse(const char *s, struct kt_uuid *u);
bool kt_uuid_is_zero(const struct kt_uuid *u);

#endif
