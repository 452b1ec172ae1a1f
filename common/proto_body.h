/*
 * proto_body.h - helpers shared by the request/response body codecs of the
 * admin APIs (proto_topics.c, proto_configs.c, proto_groups_admin.c).
 *
 * Design of those codecs:
 *  - An encoder kt_<api>_req_encode(b, version, req) appends one request
 *    body (no size, no request header) to b for any version of the API's
 *    range; the flexible encoding (KIP-482: compact strings and arrays,
 *    tagged-field sections) is chosen from the version. Request structs are
 *    caller-owned views: const pointers plus counts. A value that the chosen
 *    version cannot carry and that Kafka's schema marks non-ignorable (a
 *    topic id before DeleteTopics v6, a states filter before ListGroups v4,
 *    ...) makes the encoder fail with KT_EUNSUPPORTED rather than silently
 *    drop it, as the Java client does.
 *  - A decoder kt_<api>_resp_decode(p, len, version, out, err) reads one
 *    response body (after the response header) through a kt_reader and
 *    fills *out with owned data: every string, byte string and array is
 *    copied into an arena that lives in *out, so the response buffer can be
 *    freed at once; kt_<api>_resp_release() frees it all in one go.
 *  - Conventions of decoded structs: strings are NUL-terminated char *
 *    (NULL for a Kafka null; a string with an embedded NUL reads as cut at
 *    it); arrays are pointer + n_ count, and the pointer is non-NULL after a
 *    successful decode unless the field is nullable and was null; fields a
 *    version does not carry hold the schema default.
 *  - Counts are checked against the bytes left (times the smallest wire
 *    size of an element) before anything is allocated; the whole body must
 *    be consumed (trailing bytes are a protocol error).
 *
 * Request arrays follow the same null rule: for a nullable array a NULL
 * pointer means null; for a non-nullable one NULL means empty.
 */
#ifndef KT_PROTO_BODY_H
#define KT_PROTO_BODY_H

#include "buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kt_arena_block;

/* A bump allocator: many allocations, one release. Zero-initialised storage
 * ({0} or kt_arena_init) is an empty arena. */
struct kt_arena {
	struct kt_arena_block *head;
};

void kt_arena_init(struct kt_arena *a);
/* Zeroed, suitably aligned memory for n bytes, owned by a (a non-NULL
 * address even for n == 0). NULL only when out of memory. */
void *kt_arena_alloc(struct kt_arena *a, size_t n);
/* Free every allocation of a and make it empty again. */
void kt_arena_release(struct kt_arena *a);

/*
 * Read helpers for body decoders. Each reads with the classic or compact
 * encoding (flex), copies what it read into a, and returns r->err. A null
 * where !nullable fails r with KT_EBADLEN; an allocation failure fails r
 * with KT_ENOMEM, so one check of r->err covers both.
 */
int kt_body_str(struct kt_reader *r, bool flex, bool nullable,
		struct kt_arena *a, char **out);
int kt_body_bytes(struct kt_reader *r, bool flex, bool nullable,
		  struct kt_arena *a, struct kt_bytes *out);
/* Read an array count and allocate n zeroed elements of size bytes each;
 * the count must fit min_wire (the smallest encoded element) into what is
 * left. Returns the elements (NULL for a null array, or on failure). */
void *kt_body_array(struct kt_reader *r, bool flex, bool nullable,
		    size_t min_wire, size_t size, struct kt_arena *a,
		    size_t *n);
/* []int32 and []string fields. */
int kt_body_i32s(struct kt_reader *r, bool flex, bool nullable,
		 struct kt_arena *a, int32_t **out, size_t *n);
int kt_body_strs(struct kt_reader *r, bool flex, bool nullable,
		 struct kt_arena *a, char ***out, size_t *n);

/*
 * Finish a decode: fail r with KT_EPROTO if bytes are left, then, if r
 * failed, fill err with "API vN response at byte OFF: problem" and return
 * the (negative) code; else return 0.
 */
int kt_body_end(struct kt_reader *r, const char *api, int16_t version,
		struct kt_err *err);
/* The error for a version outside [min, max]: KT_EUNSUPPORTED. */
int kt_body_badver(const char *api, int16_t version, struct kt_err *err);

/*
 * Write helpers for body encoders; they return b->err (sticky like every
 * kt_put_*). kt_body_put_str refuses NULL (a non-nullable string) with
 * KT_EINVAL. kt_body_put_count writes an array count, or null when is_null;
 * a count above INT32_MAX - 1 fails with KT_ETOOBIG.
 */
int kt_body_put_str(struct kt_buf *b, bool flex, const char *s);
int kt_body_put_count(struct kt_buf *b, bool flex, bool is_null, size_t n);
int kt_body_put_i32s(struct kt_buf *b, bool flex, bool is_null,
		     const int32_t *v, size_t n);
int kt_body_put_strs(struct kt_buf *b, bool flex, bool is_null,
		     const char *const *v, size_t n);
/* Fail b with code (a negative or positive KT_E*) unless it failed already;
 * returns b->err. */
int kt_body_fail(struct kt_buf *b, int code);

#endif
