/*
 * proto/fetch.h - message bodies of Fetch (key 1) and ListOffsets (key 2):
 * request encoders and response decoders for every version a Kafka 4.x
 * broker accepts (KIP-896 minimums) up to the newest of Kafka 4.3.
 *
 * Specs: FetchRequest.json / FetchResponse.json and ListOffsetsRequest.json /
 * ListOffsetsResponse.json (clients/src/main/resources/common/message),
 * KIP-227 (fetch sessions), KIP-392 (preferred read replica), KIP-482
 * (flexible versions), KIP-516 (topic ids, Fetch v13+), KIP-951 (leader
 * discovery), KIP-734/1005 (ListOffsets special timestamps).
 *
 * Bodies only: the caller adds the request header and frame size, and hands
 * the decoders the bytes after the response header.
 */
#ifndef KT_PROTO_FETCH_H
#define KT_PROTO_FETCH_H

#include "wire/body.h"

#define KT_FETCH_KEY 1
#define KT_FETCH_MIN 4
#define KT_FETCH_MAX 18
#define KT_FETCH_FLEX 12
/* First version that names topics by id instead of by name. */
#define KT_FETCH_TOPIC_ID 13

#define KT_LIST_OFFSETS_KEY 2
#define KT_LIST_OFFSETS_MIN 1
#define KT_LIST_OFFSETS_MAX 11
#define KT_LIST_OFFSETS_FLEX 6

/* IsolationLevel (Fetch v4+, ListOffsets v2+). */
#define KT_READ_UNCOMMITTED 0
#define KT_READ_COMMITTED 1

/* ListOffsets special timestamps, and the first version that knows each. */
#define KT_OFFSET_LATEST (-1)		       /* high watermark / LSO */
#define KT_OFFSET_EARLIEST (-2)		       /* log start offset */
#define KT_OFFSET_MAX_TIMESTAMP (-3)	       /* v7+ */
#define KT_OFFSET_EARLIEST_LOCAL (-4)	       /* v8+, tiered storage */
#define KT_OFFSET_LATEST_TIERED (-5)	       /* v9+ */
#define KT_OFFSET_EARLIEST_PENDING_UPLOAD (-6) /* v11+ */

/* --- Fetch request ------------------------------------------------------ */

struct kt_fetch_part_req {
	int32_t partition;
	int32_t current_leader_epoch; /* v9+, -1 unknown */
	int64_t fetch_offset;
	int32_t last_fetched_epoch; /* v12+, followers; -1 */
	int64_t log_start_offset;   /* v5+, followers; -1 */
	int32_t partition_max_bytes;
};

struct kt_fetch_topic_req {
	const char *topic;	 /* v4..12 */
	struct kt_uuid topic_id; /* v13+ */
	const struct kt_fetch_part_req *parts;
	size_t n_parts;
};

/* A topic to drop from an incremental fetch session (v7+). */
struct kt_fetch_forgotten {
	const char *topic;	 /* v7..12 */
	struct kt_uuid topic_id; /* v13+ */
	const int32_t *parts;
	size_t n_parts;
};

struct kt_fetch_req {
	const char *cluster_id; /* v12+ tagged; NULL: not sent */
	int32_t replica_id;	/* -1 for consumers (v15+: ReplicaState tag) */
	int64_t replica_epoch;	/* v15+ ReplicaState tag, -1 */
	int32_t max_wait_ms;
	int32_t min_bytes;
	int32_t max_bytes;	/* whole response, INT32_MAX for no limit */
	int8_t isolation_level; /* KT_READ_UNCOMMITTED or KT_READ_COMMITTED */
	int32_t session_id;	/* v7+, 0 without a session */
	int32_t session_epoch;	/* v7+, -1 without a session */
	const struct kt_fetch_topic_req *topics;
	size_t n_topics;
	const struct kt_fetch_forgotten *forgotten; /* v7+ */
	size_t n_forgotten;
	const char *rack_id; /* v11+, "" (or NULL) for none */
};

/* Fill req with a sessionless consumer fetch and no topics: replica -1,
 * max_bytes INT32_MAX, session 0 / epoch -1, read_uncommitted, rack "". */
void kt_fetch_req_init(struct kt_fetch_req *req);
/* Fill a partition with consumer defaults (epochs and log start -1). */
void kt_fetch_part_req_init(struct kt_fetch_part_req *p, int32_t partition,
			    int64_t fetch_offset, int32_t max_bytes);

/*
 * Append the body of a Fetch request of the given version to b. Topics are
 * named by topic (v4..12) or topic_id (v13+); the follower-only tagged fields
 * ReplicaDirectoryId and HighWatermark (v17+/v18+) are never sent. Returns 0,
 * or a negative KT_E* also left in b->err: KT_EUNSUPPORTED for a version out
 * of range, KT_EINVAL for a missing topic name, KT_ETOOBIG past b's ceiling.
 */
int kt_fetch_req_encode(struct kt_buf *b, int16_t version,
			const struct kt_fetch_req *req);

/* --- Fetch response ----------------------------------------------------- */

struct kt_aborted_txn {
	int64_t producer_id;
	int64_t first_offset;
};

struct kt_fetch_part_resp {
	int32_t partition_index;
	int16_t error_code;
	int64_t high_watermark;
	int64_t last_stable_offset; /* -1 unknown */
	int64_t log_start_offset;   /* v5+, else -1 */
	/* tagged (v12+), -1 when absent */
	int32_t diverging_epoch;
	int64_t diverging_end_offset;
	struct kt_leader_epoch current_leader;
	int64_t snapshot_end_offset;
	int32_t snapshot_epoch;
	/* read_committed: transactions aborted in this range (NULL when the
	 * broker sent a null list) */
	struct kt_aborted_txn *aborted;
	size_t n_aborted;
	bool aborted_null;		/* the broker sent a null list */
	int32_t preferred_read_replica; /* v11+, -1 none */
	/*
	 * The record batches: a VIEW into the buffer given to
	 * kt_fetch_resp_decode, valid only while that buffer lives. p == NULL
	 * when the broker sent null. The region may end with a partial batch.
	 */
	struct kt_bytes records;
};

struct kt_fetch_topic_resp {
	struct kt_bytes topic;	 /* v4..12: view into the response buffer */
	struct kt_uuid topic_id; /* v13+ */
	struct kt_fetch_part_resp *parts;
	size_t n_parts;
};

struct kt_fetch_resp {
	int32_t throttle_time_ms;
	int16_t error_code; /* v7+, session-level error */
	int32_t session_id; /* v7+ */
	struct kt_fetch_topic_resp *topics;
	size_t n_topics;
	struct kt_node_endpoint *node_endpoints; /* v16+ tagged */
	size_t n_node_endpoints;
	struct kt_arena
		arena; /* owns the arrays and endpoints, not the views */
};

/*
 * Decode a Fetch response body of the given version from p[0..len) into out
 * (any previous content is overwritten; free with kt_fetch_resp_release).
 * No record byte is copied: topic names and every partition's records are
 * views into p, valid only while p lives; the topic, partition and
 * aborted-transaction arrays are allocated from the checked counts in
 * out's arena. Returns 0, or a negative KT_E* with err filled and out left
 * empty (KT_ETRUNC, KT_EBADLEN for an impossible count, KT_EUNSUPPORTED,
 * KT_ENOMEM, ...).
 */
int kt_fetch_resp_decode(const uint8_t *p, size_t len, int16_t version,
			 struct kt_fetch_resp *out, struct kt_err *err);
/* Free what kt_fetch_resp_decode allocated (not the views' buffer) and
 * empty r (NULL and twice are fine). */
void kt_fetch_resp_release(struct kt_fetch_resp *r);

/* --- ListOffsets -------------------------------------------------------- */

struct kt_list_offsets_part_req {
	int32_t partition_index;
	int32_t current_leader_epoch; /* v4+, -1 unknown */
	int64_t timestamp;	      /* ms, or a KT_OFFSET_* value */
};

struct kt_list_offsets_topic_req {
	const char *name;
	const struct kt_list_offsets_part_req *parts;
	size_t n_parts;
};

struct kt_list_offsets_req {
	int32_t replica_id;	/* -1 for clients */
	int8_t isolation_level; /* v2+ */
	const struct kt_list_offsets_topic_req *topics;
	size_t n_topics;
	int32_t timeout_ms; /* v10+ */
};

/*
 * Append the body of a ListOffsets request. A special timestamp the version
 * does not know (see KT_OFFSET_*) is refused with KT_EUNSUPPORTED, since the
 * broker would answer it with an error anyway. Returns 0 or a negative KT_E*
 * also left in b->err.
 */
int kt_list_offsets_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_list_offsets_req *req);

struct kt_list_offsets_part_resp {
	int32_t partition_index;
	int16_t error_code;
	int64_t timestamp;    /* -1 for the special queries */
	int64_t offset;	      /* -1 when none */
	int32_t leader_epoch; /* v4+, else -1 */
};

struct kt_list_offsets_topic_resp {
	char *name;
	struct kt_list_offsets_part_resp *parts;
	size_t n_parts;
};

struct kt_list_offsets_resp {
	int32_t throttle_time_ms; /* v2+ */
	struct kt_list_offsets_topic_resp *topics;
	size_t n_topics;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a ListOffsets response body into out (owned; free with
 * kt_list_offsets_resp_release). Returns 0, or a negative KT_E* with err
 * filled and out left empty. */
int kt_list_offsets_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_list_offsets_resp *out,
				struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_list_offsets_resp_release(struct kt_list_offsets_resp *r);

#endif
