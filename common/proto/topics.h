/*
 * proto/topics.h - request and response bodies of the topic admin APIs:
 * CreateTopics (key 19), DeleteTopics (20), CreatePartitions (37) and
 * DescribeTopicPartitions (75, KIP-966: cursor pagination, eligible leader
 * replicas).
 *
 * Versions: from the Kafka 4.x minimum (KIP-896) to the newest version of
 * Kafka 4.3, as read from the 4.3.1 message schemas
 * (clients/src/main/resources/common/message/ in the kafka-clients jar) and
 * confirmed against a 4.3.1 broker's ApiVersions answer. A version is flexible
 * (KIP-482) when it is >= the _FLEX constant; request and response share the
 * threshold.
 *
 * Bodies only: the caller (framing layer) writes the size and request
 * header and strips the response header. See wire/body.h for the common
 * conventions: request structs are caller-owned views, decoded responses
 * own their memory through an arena freed by the _release function, NULL
 * pointers mean Kafka null, absent fields hold the schema default.
 *
 * Broker error codes inside a response are data, not failures: a decoder
 * returns 0 for a well-formed response whatever error codes it carries.
 */
#ifndef KT_PROTO_TOPICS_H
#define KT_PROTO_TOPICS_H

#include "base/buf.h"
#include "wire/body.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- CreateTopics (19): 2-7, flexible from 5 ---- */

#define KT_CREATETOPICS_KEY 19
#define KT_CREATETOPICS_MIN 2
#define KT_CREATETOPICS_MAX 7
#define KT_CREATETOPICS_FLEX 5

struct kt_createtopics_assignment {
	int32_t partition_index;
	const int32_t *broker_ids;
	size_t n_broker_ids;
};

struct kt_createtopics_config {
	const char *name;
	const char *value; /* NULL: null */
};

struct kt_createtopics_topic {
	const char *name;
	int32_t num_partitions;	    /* -1: broker default or assignments */
	int16_t replication_factor; /* -1: broker default or assignments */
	const struct kt_createtopics_assignment *assignments;
	size_t n_assignments;
	const struct kt_createtopics_config *configs;
	size_t n_configs;
};

struct kt_createtopics_req {
	const struct kt_createtopics_topic *topics;
	size_t n_topics;
	int32_t timeout_ms;
	bool validate_only;
};

struct kt_createtopics_result_config {
	char *name;
	char *value; /* NULL: null (e.g. sensitive) */
	bool read_only;
	int8_t config_source; /* -1 default */
	bool is_sensitive;
};

struct kt_createtopics_result {
	char *name;
	struct kt_uuid topic_id; /* v7+, else zero */
	int16_t error_code;
	char *error_message;		 /* NULL: none */
	int16_t topic_config_error_code; /* tagged field 0, v5+; default 0 */
	int32_t num_partitions;		 /* v5+, default -1 */
	int16_t replication_factor;	 /* v5+, default -1 */
	struct kt_createtopics_result_config *configs; /* v5+; NULL: null */
	size_t n_configs;
};

struct kt_createtopics_resp {
	int32_t throttle_time_ms;
	struct kt_createtopics_result *topics;
	size_t n_topics;
	struct kt_arena arena; /* owns everything above */
};

/*
 * Append a CreateTopics request body of the given version to b. Returns 0
 * or a negative KT_E*: KT_EUNSUPPORTED for a version outside
 * [KT_CREATETOPICS_MIN, KT_CREATETOPICS_MAX], KT_EINVAL for a NULL name,
 * or b's error (KT_ETOOBIG, KT_ENOMEM), which also sticks in b->err.
 */
int kt_createtopics_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_createtopics_req *req);
/*
 * Decode a CreateTopics response body of the given version (p, len: the
 * bytes after the response header; not kept). On success *out owns its
 * data (free with kt_createtopics_resp_release) and 0 is returned. On
 * failure *out is left empty, err is filled ("CreateTopics response v7 at
 * byte N of LEN: ...") and a negative KT_E* returned: KT_ETRUNC, KT_EBADLEN
 * (impossible count or length), KT_EVARINT, KT_EPROTO (trailing bytes,
 * unordered tags), KT_ENOMEM, KT_EUNSUPPORTED (version out of range).
 * The same contract holds for every _resp_decode below.
 */
int kt_createtopics_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_createtopics_resp *out,
				struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_createtopics_resp_release(struct kt_createtopics_resp *resp);

/* ---- DeleteTopics (20): 1-6, flexible from 4 ---- */

#define KT_DELETETOPICS_KEY 20
#define KT_DELETETOPICS_MIN 1
#define KT_DELETETOPICS_MAX 6
#define KT_DELETETOPICS_FLEX 4

/* A topic to delete: by name, or (v6+) by id with name NULL. */
struct kt_deletetopics_topic {
	const char *name;
	struct kt_uuid topic_id; /* zero: none */
};

struct kt_deletetopics_req {
	const struct kt_deletetopics_topic *topics;
	size_t n_topics;
	int32_t timeout_ms;
};

struct kt_deletetopics_result {
	char *name;		 /* NULL possible in v6+ */
	struct kt_uuid topic_id; /* v6+ */
	int16_t error_code;
	char *error_message; /* v5+ */
};

struct kt_deletetopics_resp {
	int32_t throttle_time_ms;
	struct kt_deletetopics_result *responses;
	size_t n_responses;
	struct kt_arena arena;
};

/* Before v6 every topic needs a name and a non-zero topic_id cannot be
 * sent: KT_EUNSUPPORTED. Otherwise as kt_createtopics_req_encode. */
int kt_deletetopics_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_deletetopics_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_deletetopics_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_deletetopics_resp *out,
				struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_deletetopics_resp_release(struct kt_deletetopics_resp *resp);

/* ---- CreatePartitions (37): 0-3, flexible from 2 ---- */

#define KT_CREATEPARTITIONS_KEY 37
#define KT_CREATEPARTITIONS_MIN 0
#define KT_CREATEPARTITIONS_MAX 3
#define KT_CREATEPARTITIONS_FLEX 2

/* The replicas of one new partition. */
struct kt_createpartitions_assignment {
	const int32_t *broker_ids;
	size_t n_broker_ids;
};

struct kt_createpartitions_topic {
	const char *name;
	int32_t count; /* the new total partition count */
	/* one per new partition; NULL: null (the controller places them) */
	const struct kt_createpartitions_assignment *assignments;
	size_t n_assignments;
};

struct kt_createpartitions_req {
	const struct kt_createpartitions_topic *topics;
	size_t n_topics;
	int32_t timeout_ms;
	bool validate_only;
};

struct kt_createpartitions_result {
	char *name;
	int16_t error_code;
	char *error_message;
};

struct kt_createpartitions_resp {
	int32_t throttle_time_ms;
	struct kt_createpartitions_result *results;
	size_t n_results;
	struct kt_arena arena;
};

/* Append a request body of this API; contract as kt_createtopics_req_encode
 * (proto/topics.h). */
int kt_createpartitions_req_encode(struct kt_buf *b, int16_t version,
				   const struct kt_createpartitions_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_createpartitions_resp_decode(const uint8_t *p, size_t len,
				    int16_t version,
				    struct kt_createpartitions_resp *out,
				    struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_createpartitions_resp_release(struct kt_createpartitions_resp *resp);

/* ---- DescribeTopicPartitions (75): 0, flexible from 0 (KIP-966) ---- */

#define KT_DESCRIBETOPICPARTITIONS_KEY 75
#define KT_DESCRIBETOPICPARTITIONS_MIN 0
#define KT_DESCRIBETOPICPARTITIONS_MAX 0
#define KT_DESCRIBETOPICPARTITIONS_FLEX 0

struct kt_describetopicpartitions_req {
	const char *const *topics; /* names; empty asks for all topics */
	size_t n_topics;
	int32_t response_partition_limit; /* schema default 2000 */
	/* where to start (a NextCursor of the previous page); NULL: null */
	const char *cursor_topic_name;
	int32_t cursor_partition_index;
};

struct kt_describetopicpartitions_partition {
	int16_t error_code;
	int32_t partition_index;
	int32_t leader_id;
	int32_t leader_epoch;
	int32_t *replica_nodes;
	size_t n_replica_nodes;
	int32_t *isr_nodes;
	size_t n_isr_nodes;
	int32_t *eligible_leader_replicas; /* NULL: null (ELR off) */
	size_t n_eligible_leader_replicas;
	int32_t *last_known_elr; /* NULL: null */
	size_t n_last_known_elr;
	int32_t *offline_replicas;
	size_t n_offline_replicas;
};

struct kt_describetopicpartitions_topic {
	int16_t error_code;
	char *name; /* nullable */
	struct kt_uuid topic_id;
	bool is_internal;
	struct kt_describetopicpartitions_partition *partitions;
	size_t n_partitions;
	int32_t topic_authorized_operations; /* INT32_MIN: not asked */
};

struct kt_describetopicpartitions_resp {
	int32_t throttle_time_ms;
	struct kt_describetopicpartitions_topic *topics;
	size_t n_topics;
	/* the next page starts here; NULL: this was the last page */
	char *next_cursor_topic_name;
	int32_t next_cursor_partition_index;
	struct kt_arena arena;
};

/* Append a request body of this API; contract as kt_createtopics_req_encode
 * (proto/topics.h). */
int kt_describetopicpartitions_req_encode(
	struct kt_buf *b, int16_t version,
	const struct kt_describetopicpartitions_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_describetopicpartitions_resp_decode(
	const uint8_t *p, size_t len, int16_t version,
	struct kt_describetopicpartitions_resp *out, struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_describetopicpartitions_resp_release(
	struct kt_describetopicpartitions_resp *resp);

#endif
