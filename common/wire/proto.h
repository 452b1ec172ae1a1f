/*
 * wire/proto.h - Kafka API keys, request/response headers and the ApiVersions
 * exchange with per-API version picking.
 *
 * Implements protocol.md sections 1, 4 and 5 (framing, RequestHeader v1/v2,
 * ResponseHeader v0/v1, KIP-482 flexible versions, KIP-511 ApiVersions v3+
 * and its UNSUPPORTED_VERSION fallback, KIP-896 version floors of Kafka 4.x).
 *
 * A request is built in a struct kt_buf that holds exactly one frame:
 *
 *	kt_buf_init(&b, 0);
 *	kt_req_begin(&b, KT_API_METADATA, v, corr, "my-client");
 *	kt_metadata_req_encode(&b, v, &req, err);
 *	kt_req_end(&b, err);
 */
#ifndef KT_WIRE_PROTO_H
#define KT_WIRE_PROTO_H

#include "base/buf.h"
#include "base/err.h"

#include <stdbool.h>
#include <stdint.h>

/* Every API key of Kafka 4.3 (protocol.md section 5.1), named after
 * org.apache.kafka.common.protocol.ApiKeys. */
enum kt_api_key {
	KT_API_PRODUCE = 0,
	KT_API_FETCH = 1,
	KT_API_LIST_OFFSETS = 2,
	KT_API_METADATA = 3,
	KT_API_LEADER_AND_ISR = 4,
	KT_API_STOP_REPLICA = 5,
	KT_API_UPDATE_METADATA = 6,
	KT_API_CONTROLLED_SHUTDOWN = 7,
	KT_API_OFFSET_COMMIT = 8,
	KT_API_OFFSET_FETCH = 9,
	KT_API_FIND_COORDINATOR = 10,
	KT_API_JOIN_GROUP = 11,
	KT_API_HEARTBEAT = 12,
	KT_API_LEAVE_GROUP = 13,
	KT_API_SYNC_GROUP = 14,
	KT_API_DESCRIBE_GROUPS = 15,
	KT_API_LIST_GROUPS = 16,
	KT_API_SASL_HANDSHAKE = 17,
	KT_API_API_VERSIONS = 18,
	KT_API_CREATE_TOPICS = 19,
	KT_API_DELETE_TOPICS = 20,
	KT_API_DELETE_RECORDS = 21,
	KT_API_INIT_PRODUCER_ID = 22,
	KT_API_OFFSET_FOR_LEADER_EPOCH = 23,
	KT_API_ADD_PARTITIONS_TO_TXN = 24,
	KT_API_ADD_OFFSETS_TO_TXN = 25,
	KT_API_END_TXN = 26,
	KT_API_WRITE_TXN_MARKERS = 27,
	KT_API_TXN_OFFSET_COMMIT = 28,
	KT_API_DESCRIBE_ACLS = 29,
	KT_API_CREATE_ACLS = 30,
	KT_API_DELETE_ACLS = 31,
	KT_API_DESCRIBE_CONFIGS = 32,
	KT_API_ALTER_CONFIGS = 33,
	KT_API_ALTER_REPLICA_LOG_DIRS = 34,
	KT_API_DESCRIBE_LOG_DIRS = 35,
	KT_API_SASL_AUTHENTICATE = 36,
	KT_API_CREATE_PARTITIONS = 37,
	KT_API_CREATE_DELEGATION_TOKEN = 38,
	KT_API_RENEW_DELEGATION_TOKEN = 39,
	KT_API_EXPIRE_DELEGATION_TOKEN = 40,
	KT_API_DESCRIBE_DELEGATION_TOKEN = 41,
	KT_API_DELETE_GROUPS = 42,
	KT_API_ELECT_LEADERS = 43,
	KT_API_INCREMENTAL_ALTER_CONFIGS = 44,
	KT_API_ALTER_PARTITION_REASSIGNMENTS = 45,
	KT_API_LIST_PARTITION_REASSIGNMENTS = 46,
	KT_API_OFFSET_DELETE = 47,
	KT_API_DESCRIBE_CLIENT_QUOTAS = 48,
	KT_API_ALTER_CLIENT_QUOTAS = 49,
	KT_API_DESCRIBE_USER_SCRAM_CREDENTIALS = 50,
	KT_API_ALTER_USER_SCRAM_CREDENTIALS = 51,
	KT_API_VOTE = 52,
	KT_API_BEGIN_QUORUM_EPOCH = 53,
	KT_API_END_QUORUM_EPOCH = 54,
	KT_API_DESCRIBE_QUORUM = 55,
	KT_API_ALTER_PARTITION = 56,
	KT_API_UPDATE_FEATURES = 57,
	KT_API_ENVELOPE = 58,
	KT_API_FETCH_SNAPSHOT = 59,
	KT_API_DESCRIBE_CLUSTER = 60,
	KT_API_DESCRIBE_PRODUCERS = 61,
	KT_API_BROKER_REGISTRATION = 62,
	KT_API_BROKER_HEARTBEAT = 63,
	KT_API_UNREGISTER_BROKER = 64,
	KT_API_DESCRIBE_TRANSACTIONS = 65,
	KT_API_LIST_TRANSACTIONS = 66,
	KT_API_ALLOCATE_PRODUCER_IDS = 67,
	KT_API_CONSUMER_GROUP_HEARTBEAT = 68,
	KT_API_CONSUMER_GROUP_DESCRIBE = 69,
	KT_API_CONTROLLER_REGISTRATION = 70,
	KT_API_GET_TELEMETRY_SUBSCRIPTIONS = 71,
	KT_API_PUSH_TELEMETRY = 72,
	KT_API_ASSIGN_REPLICAS_TO_DIRS = 73,
	KT_API_LIST_CONFIG_RESOURCES = 74,
	KT_API_DESCRIBE_TOPIC_PARTITIONS = 75,
	KT_API_SHARE_GROUP_HEARTBEAT = 76,
	KT_API_SHARE_GROUP_DESCRIBE = 77,
	KT_API_SHARE_FETCH = 78,
	KT_API_SHARE_ACKNOWLEDGE = 79,
	KT_API_ADD_RAFT_VOTER = 80,
	KT_API_REMOVE_RAFT_VOTER = 81,
	KT_API_UPDATE_RAFT_VOTER = 82,
	KT_API_INITIALIZE_SHARE_GROUP_STATE = 83,
	KT_API_READ_SHARE_GROUP_STATE = 84,
	KT_API_WRITE_SHARE_GROUP_STATE = 85,
	KT_API_DELETE_SHARE_GROUP_STATE = 86,
	KT_API_READ_SHARE_GROUP_STATE_SUMMARY = 87,
	KT_API_STREAMS_GROUP_HEARTBEAT = 88,
	KT_API_STREAMS_GROUP_DESCRIBE = 89,
	KT_API_DESCRIBE_SHARE_GROUP_OFFSETS = 90,
	KT_API_ALTER_SHARE_GROUP_OFFSETS = 91,
	KT_API_DELETE_SHARE_GROUP_OFFSETS = 92,
	KT_API_KEY_COUNT = 93
};

/*
 * What kafkit knows about one API key.
 *
 * client_min..client_max is the range of versions kafkit speaks (or will
 * speak: the codec of each API family in proto_*.c implements exactly this
 * range); -1/-1 means kafkit never sends this API. Ranges start at the Kafka
 * 4.x minimum (KIP-896) so that 3.x and 4.x brokers both work, and stop
 * where a newer version would need something kafkit does not do (topic
 * ids in Produce/Fetch, broker-only batching, unstable versions).
 */
struct kt_api_info {
	int16_t key;
	const char *name;   /* Java ApiKeys name, e.g. "Metadata" */
	int16_t flex_min;   /* first flexible version, -1: never flexible */
	int16_t client_min; /* -1: not used by kafkit */
	int16_t client_max;
};

/* The row of key, or NULL when key is not an API key of Kafka 4.3. */
const struct kt_api_info *kt_api_info(int16_t key);

/* The Java name of key ("Metadata"), or "Unknown" for an unknown key. */
const char *kt_api_name(int16_t key);

/* Whether version of key uses the flexible encoding (KIP-482). */
bool kt_api_flexible(int16_t key, int16_t version);

/* Request header version for key/version: 2 when flexible, else 1 (0 only
 * for ControlledShutdown v0, never sent by kafkit). */
int kt_req_header_version(int16_t key, int16_t version);

/* Response header version: 1 when flexible, else 0; ApiVersions responses
 * always use v0 (KIP-511). */
int kt_resp_header_version(int16_t key, int16_t version);

/*
 * Start a request frame in b, which must be empty: a 4-byte size
 * placeholder, then the request header (v0, v1 or v2 as
 * kt_req_header_version says) with client_id (NULL: null). The body is
 * appended by the caller, then kt_req_end patches the size.
 * Returns 0 or b->err (negative) and fills err.
 */
int kt_req_begin(struct kt_buf *b, int16_t api_key, int16_t version,
		 int32_t correlation_id, const char *client_id,
		 struct kt_err *err);

/* Patch the size of the frame in b (started with kt_req_begin). Returns 0,
 * or a negative KT_E* when any write into b failed (err filled). */
int kt_req_end(struct kt_buf *b, struct kt_err *err);

/* Offsets inside a frame built by kt_req_begin, for code that reads or
 * patches a finished frame (the connection sets the correlation id). */
#define KT_FRAME_OFF_API_KEY 4
#define KT_FRAME_OFF_API_VERSION 6
#define KT_FRAME_OFF_CORRELATION_ID 8

/*
 * Read a response header (after the 4-byte size) for a request of
 * api_key/version: correlation_id, and for header v1 the tagged fields,
 * which are skipped. Leaves r at the body. Returns 0 or a negative KT_E*
 * (err filled, with the byte position).
 */
int kt_resp_header_read(struct kt_reader *r, int16_t api_key, int16_t version,
			int32_t *correlation_id, struct kt_err *err);

/* ApiVersions ------------------------------------------------------------ */

/* The ApiVersions version kafkit sends first: v4 is understood by 3.9+ and
 * older brokers answer UNSUPPORTED_VERSION with their range. */
#define KT_APIVERSIONS_FIRST 4

/*
 * Encode the ApiVersions request body for version 0..4. v3+ carries the
 * client software name and version, which must match
 * [a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])? (else KT_EINVAL, as the broker
 * would answer INVALID_REQUEST). Returns 0 or negative KT_E* (err filled).
 */
int kt_apiversions_req_encode(struct kt_buf *b, int16_t version,
			      const char *software_name,
			      const char *software_version, struct kt_err *err);

struct kt_api_range {
	int16_t api_key;
	int16_t min_version;
	int16_t max_version;
};

/* A feature flag: SupportedFeatures (min/max version) or FinalizedFeatures
 * (min/max version level). */
struct kt_feature {
	char *name;
	int16_t min;
	int16_t max;
};

/* A decoded ApiVersions response. Owns everything it points to. */
struct kt_apivers {
	int16_t version; /* the layout it was decoded with */
	int16_t error_code;
	int32_t throttle_time_ms;  /* 0 before v1 */
	struct kt_api_range *apis; /* in broker order */
	size_t n_apis;
	struct kt_feature *supported_features;
	size_t n_supported_features;
	int64_t finalized_features_epoch; /* -1 when absent */
	struct kt_feature *finalized_features;
	size_t n_finalized_features;
	bool zk_migration_ready;
};

/*
 * Decode an ApiVersions response body (after the response header) of a
 * request sent with version. When the body carries UNSUPPORTED_VERSION it
 * is decoded with the v0 layout, as the broker writes it (out->version is
 * then 0). out is overwritten; release it with kt_apivers_release, also on
 * failure. Returns 0 or a negative KT_E* (err filled, "apiversions response
 * v3 at byte N: ..."). A non-zero error_code is not a failure here: see
 * kt_apivers_retry_version.
 */
int kt_apiversions_resp_decode(const uint8_t *p, size_t len, int16_t version,
			       struct kt_apivers *out, struct kt_err *err);

/* Free what av owns and zero it. NULL is fine. */
void kt_apivers_release(struct kt_apivers *av);

/*
 * After an answer with UNSUPPORTED_VERSION: the ApiVersions version to
 * retry with, the broker's highest ApiVersions version capped at ours, or 0
 * when the broker listed none (brokers before 2.4). Returns -1 when av is
 * not an UNSUPPORTED_VERSION answer or the retry would not be lower than
 * sent_version (no progress possible).
 */
int kt_apivers_retry_version(const struct kt_apivers *av, int16_t sent_version);

/* The broker's range for api_key. Returns true and fills min/max (either
 * may be NULL) when the broker listed it. */
bool kt_apivers_range(const struct kt_apivers *av, int16_t api_key,
		      int16_t *min, int16_t *max);

/*
 * Pick the version of api_key to send to a broker that answered av: the
 * highest version both kafkit and the broker speak. Returns 0 and sets
 * *version, or -KT_EUNSUPPORTED with err saying e.g. "broker does not
 * support Metadata v0..v13 (it speaks v0..v0)" or "broker does not offer
 * Fetch (kafkit speaks v4..v12)"; -KT_EINVAL for an API kafkit never sends.
 */
int kt_api_pick(const struct kt_apivers *av, int16_t api_key, int16_t *version,
		struct kt_err *err);

#endif
