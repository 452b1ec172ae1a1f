/*
 * proto/group.h - message bodies of the consumer-group APIs:
 * FindCoordinator (key 10), JoinGroup (11), Heartbeat (12), LeaveGroup (13),
 * SyncGroup (14), OffsetCommit (8), OffsetFetch (9) and
 * ConsumerGroupHeartbeat (68), for every version a Kafka 4.x broker accepts
 * (KIP-896 minimums) up to the newest of Kafka 4.3; plus the embedded
 * consumer protocol carried in JoinGroup/SyncGroup bytes
 * (ConsumerProtocolSubscription v0..3, ConsumerProtocolAssignment v0..3).
 *
 * Specs: the JSON message schemas of the same names
 * (clients/src/main/resources/common/message), KIP-345 (static membership),
 * KIP-394 (member id required), KIP-429 (cooperative rebalancing), KIP-482
 * (flexible versions), KIP-699 (batched FindCoordinator), KIP-709 (batched
 * OffsetFetch), KIP-800 (join reason), KIP-814 (skip assignment), KIP-848
 * (consumer group protocol), KIP-881 (rack id in subscriptions).
 *
 * Bodies only: the caller adds the request header and frame size, and hands
 * the decoders the bytes after the response header. Decoded responses own
 * their memory through an arena (wire/body.h): release them with the
 * matching _release (every _release accepts a struct a decoder failed on,
 * one it released already, and NULL). A decoder that fails leaves its
 * output empty.
 */
#ifndef KT_PROTO_GROUP_H
#define KT_PROTO_GROUP_H

#include "wire/body.h"

#define KT_FIND_COORDINATOR_KEY 10
#define KT_FIND_COORDINATOR_MIN 0
#define KT_FIND_COORDINATOR_MAX 6
#define KT_FIND_COORDINATOR_FLEX 3
/* First version with batched CoordinatorKeys. */
#define KT_FIND_COORDINATOR_BATCH 4

#define KT_JOIN_GROUP_KEY 11
#define KT_JOIN_GROUP_MIN 0
#define KT_JOIN_GROUP_MAX 9
#define KT_JOIN_GROUP_FLEX 6

#define KT_HEARTBEAT_KEY 12
#define KT_HEARTBEAT_MIN 0
#define KT_HEARTBEAT_MAX 4
#define KT_HEARTBEAT_FLEX 4

#define KT_LEAVE_GROUP_KEY 13
#define KT_LEAVE_GROUP_MIN 0
#define KT_LEAVE_GROUP_MAX 5
#define KT_LEAVE_GROUP_FLEX 4

#define KT_SYNC_GROUP_KEY 14
#define KT_SYNC_GROUP_MIN 0
#define KT_SYNC_GROUP_MAX 5
#define KT_SYNC_GROUP_FLEX 4

#define KT_OFFSET_COMMIT_KEY 8
#define KT_OFFSET_COMMIT_MIN 2
#define KT_OFFSET_COMMIT_MAX 10
#define KT_OFFSET_COMMIT_FLEX 8
#define KT_OFFSET_COMMIT_TOPIC_ID 10

#define KT_OFFSET_FETCH_KEY 9
#define KT_OFFSET_FETCH_MIN 1
#define KT_OFFSET_FETCH_MAX 10
#define KT_OFFSET_FETCH_FLEX 6
/* First version with a Groups array instead of a single group. */
#define KT_OFFSET_FETCH_GROUPS 8
#define KT_OFFSET_FETCH_TOPIC_ID 10

#define KT_CONSUMER_GROUP_HEARTBEAT_KEY 68
#define KT_CONSUMER_GROUP_HEARTBEAT_MIN 0
#define KT_CONSUMER_GROUP_HEARTBEAT_MAX 1
#define KT_CONSUMER_GROUP_HEARTBEAT_FLEX 0

/* Embedded consumer protocol versions (not flexible). */
#define KT_CONSUMER_PROTOCOL_MAX 3

/* FindCoordinator KeyType. */
#define KT_COORDINATOR_GROUP 0
#define KT_COORDINATOR_TRANSACTION 1
#define KT_COORDINATOR_SHARE 2 /* v6+ */

/* --- FindCoordinator ---------------------------------------------------- */

struct kt_find_coordinator_req {
	int8_t key_type; /* v1+, KT_COORDINATOR_* */
	/* the keys: exactly one for v0..3, any number for v4+ */
	const char *const *keys;
	size_t n_keys;
};

/* Append the body of a FindCoordinator request. More than one key below v4,
 * or a non-group key type at v0, fail with KT_EUNSUPPORTED. Returns 0 or a
 * negative KT_E* also left in b->err. */
int kt_find_coordinator_req_encode(struct kt_buf *b, int16_t version,
				   const struct kt_find_coordinator_req *req);

struct kt_coordinator {
	char *key; /* v4+; NULL for v0..3 (the one key that was asked) */
	int32_t node_id;
	char *host;
	int32_t port;
	int16_t error_code;
	char *error_message; /* v1+, may be NULL */
};

/* v0..3 answers are given as one coordinator, v4+ as one per key. */
struct kt_find_coordinator_resp {
	int32_t throttle_time_ms; /* v1+ */
	struct kt_coordinator *coordinators;
	size_t n_coordinators;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a response body of this API into out (owned; free with the
 * matching _release). Returns 0, or a negative KT_E* with err filled and out
 * left empty. */
int kt_find_coordinator_resp_decode(const uint8_t *p, size_t len,
				    int16_t version,
				    struct kt_find_coordinator_resp *out,
				    struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_find_coordinator_resp_release(struct kt_find_coordinator_resp *r);

/* --- JoinGroup ---------------------------------------------------------- */

struct kt_join_group_protocol {
	const char *name;	  /* assignor name */
	struct kt_bytes metadata; /* a ConsumerProtocolSubscription */
};

struct kt_join_group_req {
	const char *group_id;
	int32_t session_timeout_ms;
	int32_t rebalance_timeout_ms;  /* v1+ */
	const char *member_id;	       /* "" on the first join */
	const char *group_instance_id; /* v5+, NULL unless static */
	const char *protocol_type;     /* "consumer" */
	const struct kt_join_group_protocol *protocols;
	size_t n_protocols;
	const char *reason; /* v8+, may be NULL */
};

/* Append the body of this request. Returns 0 or a negative KT_E* also
 * left in b->err (KT_EUNSUPPORTED for a version out of range). */
int kt_join_group_req_encode(struct kt_buf *b, int16_t version,
			     const struct kt_join_group_req *req);

struct kt_join_group_member {
	char *member_id;
	char *group_instance_id; /* v5+, may be NULL */
	struct kt_bytes metadata;
};

struct kt_join_group_resp {
	int32_t throttle_time_ms; /* v2+ */
	int16_t error_code;
	int32_t generation_id;
	char *protocol_type; /* v7+, may be NULL */
	char *protocol_name; /* may be NULL from v7 */
	char *leader;
	bool skip_assignment; /* v9+ */
	char *member_id;
	struct kt_join_group_member *members; /* only for the leader */
	size_t n_members;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a response body of this API into out (owned; free with the
 * matching _release). Returns 0, or a negative KT_E* with err filled and out
 * left empty. */
int kt_join_group_resp_decode(const uint8_t *p, size_t len, int16_t version,
			      struct kt_join_group_resp *out,
			      struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_join_group_resp_release(struct kt_join_group_resp *r);

/* --- SyncGroup ---------------------------------------------------------- */

struct kt_sync_group_assignment {
	const char *member_id;
	struct kt_bytes assignment; /* a ConsumerProtocolAssignment */
};

struct kt_sync_group_req {
	const char *group_id;
	int32_t generation_id;
	const char *member_id;
	const char *group_instance_id;			    /* v3+ */
	const char *protocol_type;			    /* v5+ */
	const char *protocol_name;			    /* v5+ */
	const struct kt_sync_group_assignment *assignments; /* leader only */
	size_t n_assignments;
};

/* Append the body of this request. Returns 0 or a negative KT_E* also
 * left in b->err (KT_EUNSUPPORTED for a version out of range). */
int kt_sync_group_req_encode(struct kt_buf *b, int16_t version,
			     const struct kt_sync_group_req *req);

struct kt_sync_group_resp {
	int32_t throttle_time_ms; /* v1+ */
	int16_t error_code;
	char *protocol_type; /* v5+ */
	char *protocol_name; /* v5+ */
	struct kt_bytes assignment;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a response body of this API into out (owned; free with the
 * matching _release). Returns 0, or a negative KT_E* with err filled and out
 * left empty. */
int kt_sync_group_resp_decode(const uint8_t *p, size_t len, int16_t version,
			      struct kt_sync_group_resp *out,
			      struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_sync_group_resp_release(struct kt_sync_group_resp *r);

/* --- Heartbeat ---------------------------------------------------------- */

struct kt_heartbeat_req {
	const char *group_id;
	int32_t generation_id;
	const char *member_id;
	const char *group_instance_id; /* v3+ */
};

/* Append the body of this request. Returns 0 or a negative KT_E* also
 * left in b->err (KT_EUNSUPPORTED for a version out of range). */
int kt_heartbeat_req_encode(struct kt_buf *b, int16_t version,
			    const struct kt_heartbeat_req *req);

struct kt_heartbeat_resp {
	int32_t throttle_time_ms; /* v1+ */
	int16_t error_code;
};

/* Decode a Heartbeat response body (nothing is allocated: there is no
 * _release). Returns 0 or a negative KT_E* with err filled. */
int kt_heartbeat_resp_decode(const uint8_t *p, size_t len, int16_t version,
			     struct kt_heartbeat_resp *out, struct kt_err *err);

/* --- LeaveGroup --------------------------------------------------------- */

struct kt_leave_group_member_req {
	const char *member_id;
	const char *group_instance_id; /* v3+ */
	const char *reason;	       /* v5+ */
};

struct kt_leave_group_req {
	const char *group_id;
	/* exactly one member (by member_id) for v0..2, any number for v3+ */
	const struct kt_leave_group_member_req *members;
	size_t n_members;
};

/* Append the body of this request. Returns 0 or a negative KT_E* also
 * left in b->err (KT_EUNSUPPORTED for a version out of range). */
int kt_leave_group_req_encode(struct kt_buf *b, int16_t version,
			      const struct kt_leave_group_req *req);

struct kt_leave_group_member_resp {
	char *member_id;
	char *group_instance_id;
	int16_t error_code;
};

struct kt_leave_group_resp {
	int32_t throttle_time_ms; /* v1+ */
	int16_t error_code;
	struct kt_leave_group_member_resp *members; /* v3+ */
	size_t n_members;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a response body of this API into out (owned; free with the
 * matching _release). Returns 0, or a negative KT_E* with err filled and out
 * left empty. */
int kt_leave_group_resp_decode(const uint8_t *p, size_t len, int16_t version,
			       struct kt_leave_group_resp *out,
			       struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_leave_group_resp_release(struct kt_leave_group_resp *r);

/* --- OffsetCommit ------------------------------------------------------- */

struct kt_offset_commit_part_req {
	int32_t partition_index;
	int64_t committed_offset;
	int32_t committed_leader_epoch; /* v6+, -1 unknown */
	const char *committed_metadata; /* may be NULL */
};

struct kt_offset_commit_topic_req {
	const char *name;	 /* v2..9 */
	struct kt_uuid topic_id; /* v10+ */
	const struct kt_offset_commit_part_req *parts;
	size_t n_parts;
};

struct kt_offset_commit_req {
	const char *group_id;
	/* generation (classic), member epoch (KIP-848), or -1 standalone */
	int32_t generation_id_or_member_epoch;
	const char *member_id;	       /* "" standalone */
	const char *group_instance_id; /* v7+ */
	int64_t retention_time_ms;     /* v2..4, -1 broker default */
	const struct kt_offset_commit_topic_req *topics;
	size_t n_topics;
};

/* Append the body of this request. Returns 0 or a negative KT_E* also
 * left in b->err (KT_EUNSUPPORTED for a version out of range). */
int kt_offset_commit_req_encode(struct kt_buf *b, int16_t version,
				const struct kt_offset_commit_req *req);

struct kt_part_error {
	int32_t partition_index;
	int16_t error_code;
};

struct kt_offset_commit_topic_resp {
	char *name;		 /* v2..9 */
	struct kt_uuid topic_id; /* v10+ */
	struct kt_part_error *parts;
	size_t n_parts;
};

struct kt_offset_commit_resp {
	int32_t throttle_time_ms; /* v3+ */
	struct kt_offset_commit_topic_resp *topics;
	size_t n_topics;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a response body of this API into out (owned; free with the
 * matching _release). Returns 0, or a negative KT_E* with err filled and out
 * left empty. */
int kt_offset_commit_resp_decode(const uint8_t *p, size_t len, int16_t version,
				 struct kt_offset_commit_resp *out,
				 struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_offset_commit_resp_release(struct kt_offset_commit_resp *r);

/* --- OffsetFetch -------------------------------------------------------- */

struct kt_offset_fetch_topic_req {
	const char *name;	 /* v1..9 */
	struct kt_uuid topic_id; /* v10+ */
	const int32_t *parts;
	size_t n_parts;
};

struct kt_offset_fetch_group_req {
	const char *group_id;
	const char *member_id; /* v9+, NULL for admin use */
	int32_t member_epoch;  /* v9+, -1 for admin use */
	bool all_topics;       /* v2+: Topics = null, every committed offset */
	const struct kt_offset_fetch_topic_req *topics;
	size_t n_topics;
};

struct kt_offset_fetch_req {
	/* exactly one group for v1..7, any number for v8+ */
	const struct kt_offset_fetch_group_req *groups;
	size_t n_groups;
	bool require_stable; /* v7+ */
};

/* Append the body of this request. Returns 0 or a negative KT_E* also
 * left in b->err (KT_EUNSUPPORTED for a version out of range). */
int kt_offset_fetch_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_offset_fetch_req *req);

struct kt_offset_fetch_part_resp {
	int32_t partition_index;
	int64_t committed_offset;	/* -1: none */
	int32_t committed_leader_epoch; /* v5+, else -1 */
	char *metadata;			/* may be NULL */
	int16_t error_code;
};

struct kt_offset_fetch_topic_resp {
	char *name;		 /* v1..9 */
	struct kt_uuid topic_id; /* v10+ */
	struct kt_offset_fetch_part_resp *parts;
	size_t n_parts;
};

struct kt_offset_fetch_group_resp {
	char *group_id; /* v8+; NULL for v1..7 */
	struct kt_offset_fetch_topic_resp *topics;
	size_t n_topics;
	int16_t error_code; /* v2+ */
};

/* v1..7 answers are given as one group, v8+ as one per group. */
struct kt_offset_fetch_resp {
	int32_t throttle_time_ms; /* v3+ */
	struct kt_offset_fetch_group_resp *groups;
	size_t n_groups;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a response body of this API into out (owned; free with the
 * matching _release). Returns 0, or a negative KT_E* with err filled and out
 * left empty. */
int kt_offset_fetch_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_offset_fetch_resp *out,
				struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_offset_fetch_resp_release(struct kt_offset_fetch_resp *r);

/* --- ConsumerGroupHeartbeat (KIP-848) ----------------------------------- */

struct kt_topic_id_parts {
	struct kt_uuid topic_id;
	const int32_t *parts;
	size_t n_parts;
};

struct kt_consumer_group_heartbeat_req {
	const char *group_id;
	const char *member_id;	 /* v1+: generated by the client, non-empty */
	int32_t member_epoch;	 /* 0 join, -1 leave, -2 static leave */
	const char *instance_id; /* NULL: unchanged / none */
	const char *rack_id;
	int32_t rebalance_timeout_ms; /* -1: unchanged */
	/* n_subscribed_topic_names < 0: null (unchanged) */
	const char *const *subscribed_topic_names;
	int32_t n_subscribed_topic_names;
	const char *subscribed_topic_regex; /* v1+ */
	const char *server_assignor;
	/* n_topic_partitions < 0: null (unchanged) */
	const struct kt_topic_id_parts *topic_partitions;
	int32_t n_topic_partitions;
};

/* Append the body of this request. Returns 0 or a negative KT_E* also
 * left in b->err (KT_EUNSUPPORTED for a version out of range). */
int kt_consumer_group_heartbeat_req_encode(
	struct kt_buf *b, int16_t version,
	const struct kt_consumer_group_heartbeat_req *req);

struct kt_topic_id_parts_resp {
	struct kt_uuid topic_id;
	int32_t *parts;
	size_t n_parts;
};

struct kt_consumer_group_heartbeat_resp {
	int32_t throttle_time_ms;
	int16_t error_code;
	char *error_message;
	char *member_id;
	int32_t member_epoch;
	int32_t heartbeat_interval_ms;
	bool has_assignment; /* false: Assignment was null (unchanged) */
	struct kt_topic_id_parts_resp *assignment;
	size_t n_assignment;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a response body of this API into out (owned; free with the
 * matching _release). Returns 0, or a negative KT_E* with err filled and out
 * left empty. */
int kt_consumer_group_heartbeat_resp_decode(
	const uint8_t *p, size_t len, int16_t version,
	struct kt_consumer_group_heartbeat_resp *out, struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_consumer_group_heartbeat_resp_release(
	struct kt_consumer_group_heartbeat_resp *r);

/* --- Embedded consumer protocol ----------------------------------------- */

struct kt_topic_parts {
	const char *topic;
	const int32_t *parts;
	size_t n_parts;
};

struct kt_consumer_subscription {
	const char *const *topics;
	size_t n_topics;
	struct kt_bytes user_data;		       /* p == NULL: null */
	const struct kt_topic_parts *owned_partitions; /* v1+ */
	size_t n_owned_partitions;
	int32_t generation_id; /* v2+, -1 */
	const char *rack_id;   /* v3+, may be NULL */
};

/*
 * Append a ConsumerProtocolSubscription: int16 version (0..3) then the
 * classic-encoded struct (JoinGroup protocol metadata). Returns 0 or a
 * negative KT_E* also left in b->err.
 */
int kt_consumer_subscription_encode(struct kt_buf *b, int16_t version,
				    const struct kt_consumer_subscription *s);

struct kt_topic_parts_owned {
	char *topic;
	int32_t *parts;
	size_t n_parts;
};

struct kt_consumer_subscription_dec {
	int16_t version; /* as written; fields newer than it keep defaults */
	char **topics;
	size_t n_topics;
	struct kt_bytes user_data;
	struct kt_topic_parts_owned *owned_partitions;
	size_t n_owned_partitions;
	int32_t generation_id; /* -1 before v2 */
	char *rack_id;
	struct kt_arena arena; /* owns everything above */
};

/*
 * Decode a ConsumerProtocolSubscription (JoinGroup member metadata) into out
 * (owned; free with kt_consumer_subscription_release). A version
 * above 3 is read with the v3 layout and its extra bytes ignored, as the Java
 * client does; at v0..3 left-over bytes are an error. Returns 0 or a negative
 * KT_E* with err filled.
 */
int kt_consumer_subscription_decode(const uint8_t *p, size_t len,
				    struct kt_consumer_subscription_dec *out,
				    struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_consumer_subscription_release(struct kt_consumer_subscription_dec *s);

struct kt_consumer_assignment {
	const struct kt_topic_parts *assigned;
	size_t n_assigned;
	struct kt_bytes user_data;
};

/* Append a ConsumerProtocolAssignment (version 0..3, all the same layout).
 * Returns 0 or a negative KT_E* also left in b->err. */
int kt_consumer_assignment_encode(struct kt_buf *b, int16_t version,
				  const struct kt_consumer_assignment *a);

struct kt_consumer_assignment_dec {
	int16_t version;
	struct kt_topic_parts_owned *assigned;
	size_t n_assigned;
	struct kt_bytes user_data;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a ConsumerProtocolAssignment (SyncGroup assignment bytes) into out
 * (owned; free with kt_consumer_assignment_release). Same
 * version rule as the subscription. Returns 0 or a negative KT_E* with err
 * filled. An empty input (a member with no assignment) decodes to nothing
 * assigned, version 0. */
int kt_consumer_assignment_decode(const uint8_t *p, size_t len,
				  struct kt_consumer_assignment_dec *out,
				  struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_consumer_assignment_release(struct kt_consumer_assignment_dec *a);

#endif
