/*
 * proto/metadata.h - the Metadata API (key 3): request encode and response
 * decode for versions 0 to 13.
 *
 * Implements the Metadata section of protocol.md section 6 (MetadataRequest
 * and MetadataResponse schemas v0-v13; KIP-516 topic ids from v10, usable
 * for lookups from v12; KIP-896 kept v0-v3 in 4.x).
 */
#ifndef KT_PROTO_METADATA_H
#define KT_PROTO_METADATA_H

#include "base/buf.h"
#include "base/err.h"

#include <stdbool.h>
#include <stdint.h>

/* Authorized-operations value meaning "not requested" (INT32_MIN). */
#define KT_MD_AUTHORIZED_OPS_NONE INT32_MIN

/* A topic asked for, by name or (v12+) by id; name may be NULL when the
 * id is set. */
struct kt_md_req_topic {
	const char *name;
	struct kt_uuid topic_id;
};

/* A Metadata request. n_topics == -1 asks for all topics (null array),
 * 0 for none (brokers and cluster only). The caller owns everything. */
struct kt_metadata_req {
	const struct kt_md_req_topic *topics;
	int32_t n_topics;
	bool allow_auto_topic_creation;		  /* v4+ */
	bool include_topic_authorized_operations; /* v8+ */
};

/*
 * Append the body of a Metadata request of version (0..13) to b. Asking for
 * something version cannot say fails with KT_EUNSUPPORTED instead of being
 * dropped silently (as the Java client does): no topics at all in v0 (empty
 * means all there), lookups by id before v12, auto topic creation off before
 * v4, authorized operations before v8. Returns 0 or negative KT_E* (err
 * filled).
 */
int kt_metadata_req_encode(struct kt_buf *b, int16_t version,
			   const struct kt_metadata_req *req,
			   struct kt_err *err);

struct kt_md_broker {
	int32_t node_id;
	char *host;
	int32_t port;
	char *rack; /* NULL: none */
};

struct kt_md_partition {
	int16_t error_code;
	int32_t partition_index;
	int32_t leader_id;    /* -1: no leader */
	int32_t leader_epoch; /* -1 before v7 */
	int32_t *replica_nodes;
	size_t n_replica_nodes;
	int32_t *isr_nodes;
	size_t n_isr_nodes;
	int32_t *offline_replicas; /* v5+ */
	size_t n_offline_replicas;
};

struct kt_md_topic {
	int16_t error_code;
	char *name;		 /* NULL when unknown (v12+ lookup by id) */
	struct kt_uuid topic_id; /* zero before v10 */
	bool is_internal;
	struct kt_md_partition *partitions;
	size_t n_partitions;
	int32_t topic_authorized_operations; /* KT_MD_AUTHORIZED_OPS_NONE */
};

/* A decoded Metadata response; owns every string and array in it. */
struct kt_metadata {
	int16_t version;
	int32_t throttle_time_ms;
	struct kt_md_broker *brokers;
	size_t n_brokers;
	char *cluster_id;      /* NULL: none (or before v2) */
	int32_t controller_id; /* -1: unknown (or v0) */
	struct kt_md_topic *topics;
	size_t n_topics;
	int32_t cluster_authorized_operations; /* v8-v10 */
	int16_t error_code;		       /* v13+, else 0 */
};

/*
 * Decode a Metadata response body (after the response header) of version.
 * out is overwritten; release it with kt_metadata_release, also on failure.
 * Returns 0 or a negative KT_E* (err filled: "metadata response v12 at byte
 * N: ..."). Error codes inside the response are data, not failures.
 */
int kt_metadata_resp_decode(const uint8_t *p, size_t len, int16_t version,
			    struct kt_metadata *out, struct kt_err *err);

/* Free what md owns and zero it. NULL is fine. */
void kt_metadata_release(struct kt_metadata *md);

/* The broker with node_id in md, or NULL. */
const struct kt_md_broker *kt_metadata_broker(const struct kt_metadata *md,
					      int32_t node_id);

/* The topic called name in md, or NULL. */
const struct kt_md_topic *kt_metadata_topic(const struct kt_metadata *md,
					    const char *name);

/* The partition with index partition of t, or NULL. */
const struct kt_md_partition *kt_md_topic_partition(const struct kt_md_topic *t,
						    int32_t partition);

#endif
