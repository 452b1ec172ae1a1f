/*
 * proto/reassign.h - request and response bodies of ListPartitionReassignments
 * (API key 46, KIP-455): the partitions whose replica set is being changed,
 * with the replicas being added and removed.
 *
 * Versions: 0 only (flexible, KIP-482), the one version every broker from
 * 2.4 through 4.3 speaks. Schema (Kafka 4.3.1
 * ListPartitionReassignments{Request,Response}.json):
 *
 *   request:  TimeoutMs int32, Topics []{Name string,
 *             PartitionIndexes []int32} (nullable: null = every partition)
 *   response: ThrottleTimeMs int32, ErrorCode int16, ErrorMessage string
 *             (nullable), Topics []{Name string, Partitions
 *             []{PartitionIndex int32, Replicas []int32, AddingReplicas
 *             []int32, RemovingReplicas []int32}}
 *
 * Bodies only (no size, no header). The decoder reads only through
 * kt_reader and owns what it returns; broker error codes are data.
 */
#ifndef KT_PROTO_REASSIGN_H
#define KT_PROTO_REASSIGN_H

#include "base/buf.h"
#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KT_LISTREASSIGN_KEY 46
#define KT_LISTREASSIGN_MIN 0
#define KT_LISTREASSIGN_MAX 0

/* The partitions of one topic to ask about (views, caller-owned). */
struct kt_listreassign_req_topic {
	const char *name;
	const int32_t *partitions;
	size_t n_partitions;
};

struct kt_listreassign_req {
	int32_t timeout_ms;
	/* NULL with all == true asks for every ongoing reassignment */
	const struct kt_listreassign_req_topic *topics;
	size_t n_topics;
	bool all;
};

struct kt_listreassign_partition {
	int32_t partition;
	int32_t *replicas; /* the target replica set, adding included */
	size_t n_replicas;
	int32_t *adding;
	size_t n_adding;
	int32_t *removing;
	size_t n_removing;
};

struct kt_listreassign_topic {
	char *name;
	struct kt_listreassign_partition *partitions;
	size_t n_partitions;
};

/* A decoded response; owns every string and array in it. */
struct kt_listreassign_resp {
	int32_t throttle_time_ms;
	int16_t error_code;
	char *error_message; /* NULL: null */
	struct kt_listreassign_topic *topics;
	size_t n_topics;
};

/*
 * Append a ListPartitionReassignments request body of version (0) to b.
 * Returns 0 or a negative KT_E*: KT_EUNSUPPORTED for another version,
 * KT_EINVAL for a topic without a name, or b's error (which sticks in
 * b->err).
 */
int kt_listreassign_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_listreassign_req *req);

/*
 * Decode a response body (the bytes after the response header) of version
 * into *out (owned; free with kt_listreassign_resp_release). On failure
 * *out is left empty, as with every body decoder. Returns 0, or a negative
 * KT_E* with err filled ("ListPartitionReassignments v0 response at byte
 * N: ...") for truncated, oversized or trailing bytes.
 */
int kt_listreassign_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_listreassign_resp *out,
				struct kt_err *err);

/* Free what out owns and zero it; NULL and double release are fine. */
void kt_listreassign_resp_release(struct kt_listreassign_resp *out);

#endif
