/*
 * proto_body.h - helpers shared by the message-body codecs
 * (proto_produce.c, proto_fetch.c, proto_group.c): version checks, owned
 * strings and arrays read from a kt_reader, nullable writers, the NodeEndpoint
 * and LeaderIdAndEpoch structs several responses share, and the one error
 * message every body decoder ends with.
 *
 * Wire rules: Kafka protocol guide, KIP-482 (compact encodings and tagged
 * fields for flexible versions). The bodies are message bodies only: no size
 * prefix and no request/response header.
 */
#ifndef KT_PROTO_BODY_H
#define KT_PROTO_BODY_H

#include "buf.h"

/* Bytes that belong to a decoded struct (freed by its _release). p == NULL
 * means null; an empty non-null value has p != NULL and len 0. */
struct kt_obytes {
	uint8_t *p;
	size_t len;
};

/* LeaderIdAndEpoch (Produce v10+, Fetch v12+ tagged): -1/-1 when absent. */
struct kt_leader_epoch {
	int32_t leader_id;
	int32_t leader_epoch;
};

/* NodeEndpoint (Produce v10+, Fetch v16+ tagged): where a new leader lives
 * (KIP-951). host and rack are owned (rack may be NULL). */
struct kt_node_endpoint {
	int32_t node_id;
	char *host;
	int32_t port;
	char *rack;
};

/*
 * Check that version is in [min, max] for API name. Returns 0, or
 * -KT_EUNSUPPORTED and fills err.
 */
int kt_body_version(const char *api, int16_t version, int16_t min, int16_t max,
		    struct kt_err *err);

/* The same check for an encoder, which has no err: on failure b->err is set
 * to -KT_EUNSUPPORTED (unless b already failed) and returned. */
int kt_body_put_version(struct kt_buf *b, int16_t version, int16_t min,
			int16_t max);

/* A non-null string (compact when flex); NULL fails b with -KT_EINVAL. */
int kt_body_put_str(struct kt_buf *b, bool flex, const char *s);
/* A nullable string (NULL writes null). */
int kt_body_put_nstr(struct kt_buf *b, bool flex, const char *s);
/* An array count (compact when flex); n > INT32_MAX fails with KT_ETOOBIG. */
int kt_body_put_count(struct kt_buf *b, bool flex, size_t n);
/* An []int32 array. */
int kt_body_put_i32s(struct kt_buf *b, bool flex, const int32_t *v, size_t n);

/* One tagged field: tag, the size of val, then val's bytes (the caller
 * wrote the field count first). A failed val fails b. */
int kt_body_put_tag(struct kt_buf *b, uint32_t tag, const struct kt_buf *val);

/*
 * Read a string (compact when flex) into a malloc'ed NUL-terminated copy
 * stored in *out (NULL for a null string). A null where !nullable fails r
 * with KT_EBADLEN; allocation failure fails r with KT_ENOMEM. Returns r->err.
 */
int kt_body_str(struct kt_reader *r, bool flex, bool nullable, char **out);
/* Same for bytes (classic int32 length, or compact when flex). */
int kt_body_bytes(struct kt_reader *r, bool flex, bool nullable,
		  struct kt_obytes *out);

/*
 * Read an array count (compact when flex) whose elements take at least
 * min_elem bytes each and allocate *arr as n zeroed elements of elem_size
 * bytes (NULL when n is 0). A null array gives n 0 and, if is_null is not
 * NULL, *is_null true; a null where !nullable fails r with KT_EBADLEN. The
 * count is checked against the bytes left before anything is allocated.
 * Returns r->err.
 */
int kt_body_array(struct kt_reader *r, bool flex, bool nullable,
		  size_t min_elem, size_t elem_size, void **arr, size_t *n,
		  bool *is_null);
/* An []int32 array into a malloc'ed *v (NULL when empty or null). */
int kt_body_i32s(struct kt_reader *r, bool flex, int32_t **v, size_t *n);

/* The value of a LeaderIdAndEpoch tagged field (a flexible struct). */
int kt_body_leader_epoch(struct kt_reader *val, struct kt_leader_epoch *le);
/* The value of a NodeEndpoints tagged field (compact array). */
int kt_body_node_endpoints(struct kt_reader *val, struct kt_node_endpoint **out,
			   size_t *n);
/* Free n endpoints and the array itself (NULL is fine). */
void kt_body_node_endpoints_free(struct kt_node_endpoint *e, size_t n);

/*
 * End of a response body: if r failed, or bytes are left over, fill err with
 * "WHAT vVERSION at byte N of LEN: problem" (what names the message, e.g.
 * "fetch response") and return the negative code (KT_EPROTO for left-over
 * bytes). Returns 0 otherwise.
 */
int kt_body_end(struct kt_reader *r, const char *what, int16_t version,
		size_t len, struct kt_err *err);

#endif
