/*
 * wire/body.h - the helper layer under every message-body codec: the data
 * path (proto/produce.c, proto/fetch.c, proto/group.c) and the admin APIs
 * (proto/topics.c, proto/configs.c, proto/groups_admin.c).
 *
 * Wire rules: Kafka protocol guide ("Protocol Primitive Types") and KIP-482
 * (compact strings and arrays, tagged fields in flexible versions); the
 * NodeEndpoint and LeaderIdAndEpoch structs are those of KIP-951.
 *
 * Conventions of the codecs built on it:
 *  - An encoder kt_<api>_req_encode(b, version, req) appends one request
 *    body (no size, no request header) to b, for any version of the API's
 *    range; the flexible encoding is chosen from the version. Request
 *    structs are caller-owned views: const pointers plus counts; for a
 *    nullable array a NULL pointer means null, for a non-nullable one NULL
 *    means empty. A value that the chosen version cannot carry and that the
 *    schema marks non-ignorable makes the encoder fail with KT_EUNSUPPORTED
 *    rather than silently drop it, as the Java client does.
 *  - A decoder kt_<api>_resp_decode(p, len, version, out, err) reads one
 *    response body (after the response header) through a kt_reader. What
 *    it decodes is owned by *out: strings, byte strings and arrays live in
 *    an arena inside *out (out->arena), and kt_<api>_resp_release() frees
 *    them in one go. Release accepts NULL, an empty struct and a struct it
 *    already released. On failure the decoder has already released *out
 *    (it is left empty) and err says what and where.
 *  - The one exception is the consumer's hot path: a Fetch response keeps
 *    topic names and record bytes as views into p (see proto/fetch.h).
 *  - Decoded strings are NUL-terminated char * (NULL for a Kafka null; a
 *    string with an embedded NUL reads as cut at it). Arrays are pointer
 *    plus n_ count, and the pointer is non-NULL after a successful decode
 *    unless the field is nullable and was null. Fields a version does not
 *    carry hold the schema default.
 *  - Counts are checked against the bytes left (times the smallest wire
 *    size of an element) before anything is allocated, and the whole body
 *    must be consumed: trailing bytes are a protocol error.
 */
#ifndef KT_WIRE_BODY_H
#define KT_WIRE_BODY_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Smallest wire sizes, for the count checks of kt_body_array: a string, an
 * array count and a tagged-field section, classic or flexible. */
#define KT_BODY_STR_MIN(flex) ((flex) ? 1u : 2u)
#define KT_BODY_ARR_MIN(flex) ((flex) ? 1u : 4u)
#define KT_BODY_TAGS_MIN(flex) ((flex) ? 1u : 0u)

/* --- Arena: the memory of a decoded response ----------------------------- */

struct kt_arena_block;

/* A bump allocator: many allocations, one release. Zero-initialised storage
 * ({0}, memset or kt_arena_init) is an empty arena. */
struct kt_arena {
	struct kt_arena_block *head;
};

/* Start a as an empty arena. */
void kt_arena_init(struct kt_arena *a);
/* Zeroed memory for n bytes, aligned for any type, owned by a (a non-NULL
 * address even for n == 0). NULL only when out of memory. */
void *kt_arena_alloc(struct kt_arena *a, size_t n);
/* Free every allocation of a and make it empty again. */
void kt_arena_release(struct kt_arena *a);
/* For a decoded response that owns arena a: release a and zero the whole
 * struct at out (size bytes), so that it can be released again. */
void kt_body_release(struct kt_arena *a, void *out, size_t size);

/* --- Structs several APIs share (KIP-951) -------------------------------- */

/* LeaderIdAndEpoch (Produce v10+, Fetch v12+ tagged): -1/-1 when absent. */
struct kt_leader_epoch {
	int32_t leader_id;
	int32_t leader_epoch;
};

/* NodeEndpoint (Produce v10+, Fetch v16+ tagged): where a new leader lives.
 * host and rack belong to the decoded response's arena (rack may be NULL). */
struct kt_node_endpoint {
	int32_t node_id;
	char *host;
	int32_t port;
	char *rack;
};

/* --- Version checks ------------------------------------------------------ */

/*
 * For a decoder: check that version is in [min, max] for API api (Kafka's
 * name, e.g. "Fetch"). Returns 0, or -KT_EUNSUPPORTED with err filled
 * ("Fetch v19 not supported (versions 4 to 18)").
 */
int kt_body_version(const char *api, int16_t version, int16_t min, int16_t max,
		    struct kt_err *err);

/* For a decoder, its first step: zero the response struct at out (size
 * bytes, so that releasing it is safe on every path), check the version
 * with kt_body_version() and point r at p[0..len). Returns 0 or
 * -KT_EUNSUPPORTED. */
int kt_body_begin(struct kt_reader *r, const uint8_t *p, size_t len, void *out,
		  size_t size, const char *api, int16_t version, int16_t min,
		  int16_t max, struct kt_err *err);

/* For an encoder, which has no err: if b already failed, return b->err; if
 * version is outside [min, max], fail b with KT_EUNSUPPORTED. Returns
 * b->err. */
int kt_body_put_version(struct kt_buf *b, int16_t version, int16_t min,
			int16_t max);

/* --- Readers: into the arena of the decoded response --------------------- */

/*
 * Each reads with the classic or compact encoding (flex), copies what it
 * read into a, and returns r->err. A null where !nullable fails r with
 * KT_EBADLEN; an allocation failure fails r with KT_ENOMEM, so one check of
 * r->err covers both.
 */
/* A string into a NUL-terminated copy (*out NULL for null). */
int kt_body_str(struct kt_reader *r, bool flex, bool nullable,
		struct kt_arena *a, char **out);
/* Bytes into a copy (out->p NULL for null, non-NULL when empty). */
int kt_body_bytes(struct kt_reader *r, bool flex, bool nullable,
		  struct kt_arena *a, struct kt_bytes *out);
/*
 * An array count, then n zeroed elements of size bytes each, allocated from
 * a. The count must fit min_wire bytes (the smallest encoded element, at
 * least 1 is assumed) per element into what is left, else r fails with
 * KT_EBADLEN before anything is allocated. Returns the elements, non-NULL
 * even for n == 0; NULL for a null array (*n 0) or on failure.
 */
void *kt_body_array(struct kt_reader *r, bool flex, bool nullable,
		    size_t min_wire, size_t size, struct kt_arena *a,
		    size_t *n);
/* []int32 and []string fields (*out NULL for a null array). */
int kt_body_i32s(struct kt_reader *r, bool flex, bool nullable,
		 struct kt_arena *a, int32_t **out, size_t *n);
int kt_body_strs(struct kt_reader *r, bool flex, bool nullable,
		 struct kt_arena *a, char ***out, size_t *n);

/* The value of a LeaderIdAndEpoch tagged field (a flexible struct). Returns
 * val->err. */
int kt_body_leader_epoch(struct kt_reader *val, struct kt_leader_epoch *le);
/* The value of a NodeEndpoints tagged field (a compact array), into a.
 * Returns val->err. */
int kt_body_node_endpoints(struct kt_reader *val, struct kt_arena *a,
			   struct kt_node_endpoint **out, size_t *n);

/*
 * End of a body: fail r with KT_EPROTO if bytes are left; then, if r failed,
 * fill err with "WHAT vVERSION at byte OFF of LEN: problem" (what names the
 * message, e.g. "Fetch response"; OFF and LEN count from the start of r,
 * which must be the outermost reader) and return the negative code. Returns
 * 0 otherwise. A decoder whose output owns an arena releases it when this
 * fails.
 */
int kt_body_end(struct kt_reader *r, const char *what, int16_t version,
		struct kt_err *err);

/* --- Writers ------------------------------------------------------------- */

/*
 * They return b->err, which is sticky like that of every kt_put_*: an
 * encoder can write a whole body and check once.
 */
/* Fail b with code (negative or positive KT_E*) unless it failed already. */
int kt_body_fail(struct kt_buf *b, int code);
/* A non-null string (compact when flex); NULL fails b with KT_EINVAL. */
int kt_body_put_str(struct kt_buf *b, bool flex, const char *s);
/* A nullable string: NULL writes null. */
int kt_body_put_nstr(struct kt_buf *b, bool flex, const char *s);
/* An array count (compact when flex), or null when is_null. A count of
 * INT32_MAX or more fails b with KT_ETOOBIG. */
int kt_body_put_count(struct kt_buf *b, bool flex, bool is_null, size_t n);
/* []int32 and []string arrays: null when is_null, else n elements of v (a
 * NULL v is written empty). The strings must not be NULL (KT_EINVAL). */
int kt_body_put_i32s(struct kt_buf *b, bool flex, bool is_null,
		     const int32_t *v, size_t n);
int kt_body_put_strs(struct kt_buf *b, bool flex, bool is_null,
		     const char *const *v, size_t n);
/* One tagged field: tag, the size of val, then val's bytes (the caller
 * wrote the field count first). A failed val fails b. */
int kt_body_put_tag(struct kt_buf *b, uint32_t tag, const struct kt_buf *val);

#endif
