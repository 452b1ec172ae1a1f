/*
 * proto/groups_admin.h - request and response bodies of the group and
 * cluster admin APIs used by kafka-consumer-groups and kafka-topics:
 * ListGroups (key 16, KIP-518 states filter, KIP-848 types filter),
 * DescribeGroups (15), DeleteGroups (42), OffsetDelete (47, KIP-496),
 * ConsumerGroupDescribe (69, KIP-848), DescribeCluster (60, KIP-700,
 * KIP-919 endpoint type, KIP-1073 fenced brokers) and DeleteRecords (21).
 *
 * Versions: from the Kafka 4.x minimum (KIP-896; none of these lost old
 * versions) to the newest of Kafka 4.3, read from the 4.3.1 message schemas
 * and confirmed against a 4.3.1 broker's ApiVersions answer; a version >=
 * _FLEX is flexible (KIP-482). OffsetDelete is never flexible, its _FLEX
 * is INT16_MAX so that "version >= _FLEX" stays false.
 *
 * Conventions (views in, arena-owned results out, NULL = Kafka null, absent
 * fields hold the schema default) are those of wire/body.h; error and
 * return contracts are those of proto/topics.h: broker error codes are
 * data, decoders fail only on malformed bytes.
 */
#ifndef KT_PROTO_GROUPS_ADMIN_H
#define KT_PROTO_GROUPS_ADMIN_H

#include "base/buf.h"
#include "wire/body.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* AuthorizedOperations when they were not asked for. */
#define KT_AUTHORIZED_OPERATIONS_OMITTED INT32_MIN

/* ---- ListGroups (16): 0-5, flexible from 3 ---- */

#define KT_LISTGROUPS_KEY 16
#define KT_LISTGROUPS_MIN 0
#define KT_LISTGROUPS_MAX 5
#define KT_LISTGROUPS_FLEX 3

struct kt_listgroups_req {
	const char *const *states_filter; /* v4+, case-insensitive */
	size_t n_states_filter;
	const char *const *types_filter; /* v5+: classic, consumer, ... */
	size_t n_types_filter;
};

struct kt_listgroups_group {
	char *group_id;
	char *protocol_type;
	char *group_state; /* v4+, else NULL */
	char *group_type;  /* v5+, else NULL */
};

struct kt_listgroups_resp {
	int32_t throttle_time_ms; /* v1+ */
	int16_t error_code;
	struct kt_listgroups_group *groups;
	size_t n_groups;
	struct kt_arena arena;
};

/* A states filter before v4 or a types filter before v5 fails with
 * KT_EUNSUPPORTED. Contract as kt_createtopics_req_encode. */
int kt_listgroups_req_encode(struct kt_buf *b, int16_t version,
			     const struct kt_listgroups_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_listgroups_resp_decode(const uint8_t *p, size_t len, int16_t version,
			      struct kt_listgroups_resp *out,
			      struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_listgroups_resp_release(struct kt_listgroups_resp *resp);

/* ---- DescribeGroups (15): 0-6, flexible from 5 ---- */

#define KT_DESCRIBEGROUPS_KEY 15
#define KT_DESCRIBEGROUPS_MIN 0
#define KT_DESCRIBEGROUPS_MAX 6
#define KT_DESCRIBEGROUPS_FLEX 5

struct kt_describegroups_req {
	const char *const *groups;
	size_t n_groups;
	bool include_authorized_operations; /* v3+ */
};

struct kt_describegroups_member {
	char *member_id;
	char *group_instance_id; /* v4+; NULL: null */
	char *client_id;
	char *client_host;
	/* ConsumerProtocolSubscription / Assignment blobs, owned by the
	 * response's arena (p != NULL even when empty) */
	struct kt_bytes member_metadata;
	struct kt_bytes member_assignment;
};

struct kt_describegroups_group {
	int16_t error_code;
	char *error_message; /* v6+; NULL: null */
	char *group_id;
	char *group_state;
	char *protocol_type;
	char *protocol_data;
	struct kt_describegroups_member *members;
	size_t n_members;
	int32_t authorized_operations; /* v3+; default INT32_MIN */
};

struct kt_describegroups_resp {
	int32_t throttle_time_ms; /* v1+ */
	struct kt_describegroups_group *groups;
	size_t n_groups;
	struct kt_arena arena;
};

/* include_authorized_operations before v3: KT_EUNSUPPORTED. */
int kt_describegroups_req_encode(struct kt_buf *b, int16_t version,
				 const struct kt_describegroups_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_describegroups_resp_decode(const uint8_t *p, size_t len, int16_t version,
				  struct kt_describegroups_resp *out,
				  struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_describegroups_resp_release(struct kt_describegroups_resp *resp);

/* ---- DeleteGroups (42): 0-2, flexible from 2 ---- */

#define KT_DELETEGROUPS_KEY 42
#define KT_DELETEGROUPS_MIN 0
#define KT_DELETEGROUPS_MAX 2
#define KT_DELETEGROUPS_FLEX 2

struct kt_deletegroups_req {
	const char *const *groups_names;
	size_t n_groups_names;
};

struct kt_deletegroups_result {
	char *group_id;
	int16_t error_code;
};

struct kt_deletegroups_resp {
	int32_t throttle_time_ms;
	struct kt_deletegroups_result *results;
	size_t n_results;
	struct kt_arena arena;
};

/* Append a request body of this API; contract as kt_createtopics_req_encode
 * (proto/topics.h). */
int kt_deletegroups_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_deletegroups_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_deletegroups_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_deletegroups_resp *out,
				struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_deletegroups_resp_release(struct kt_deletegroups_resp *resp);

/* ---- OffsetDelete (47): 0, never flexible ---- */

#define KT_OFFSETDELETE_KEY 47
#define KT_OFFSETDELETE_MIN 0
#define KT_OFFSETDELETE_MAX 0
#define KT_OFFSETDELETE_FLEX INT16_MAX

struct kt_offsetdelete_topic {
	const char *name;
	const int32_t *partitions; /* partition indexes */
	size_t n_partitions;
};

struct kt_offsetdelete_req {
	const char *group_id;
	const struct kt_offsetdelete_topic *topics;
	size_t n_topics;
};

struct kt_offsetdelete_result_partition {
	int32_t partition_index;
	int16_t error_code;
};

struct kt_offsetdelete_result_topic {
	char *name;
	struct kt_offsetdelete_result_partition *partitions;
	size_t n_partitions;
};

struct kt_offsetdelete_resp {
	int16_t error_code;
	int32_t throttle_time_ms;
	struct kt_offsetdelete_result_topic *topics;
	size_t n_topics;
	struct kt_arena arena;
};

/* Append a request body of this API; contract as kt_createtopics_req_encode
 * (proto/topics.h). */
int kt_offsetdelete_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_offsetdelete_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_offsetdelete_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_offsetdelete_resp *out,
				struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_offsetdelete_resp_release(struct kt_offsetdelete_resp *resp);

/* ---- ConsumerGroupDescribe (69): 0-1, flexible from 0 ---- */

#define KT_CONSUMERGROUPDESCRIBE_KEY 69
#define KT_CONSUMERGROUPDESCRIBE_MIN 0
#define KT_CONSUMERGROUPDESCRIBE_MAX 1
#define KT_CONSUMERGROUPDESCRIBE_FLEX 0

struct kt_consumergroupdescribe_req {
	const char *const *group_ids;
	size_t n_group_ids;
	bool include_authorized_operations;
};

struct kt_consumergroupdescribe_topic_partitions {
	struct kt_uuid topic_id;
	char *topic_name;
	int32_t *partitions;
	size_t n_partitions;
};

struct kt_consumergroupdescribe_assignment {
	struct kt_consumergroupdescribe_topic_partitions *topic_partitions;
	size_t n_topic_partitions;
};

struct kt_consumergroupdescribe_member {
	char *member_id;
	char *instance_id; /* NULL: null */
	char *rack_id;	   /* NULL: null */
	int32_t member_epoch;
	char *client_id;
	char *client_host;
	char **subscribed_topic_names;
	size_t n_subscribed_topic_names;
	char *subscribed_topic_regex; /* NULL: null */
	struct kt_consumergroupdescribe_assignment assignment;
	struct kt_consumergroupdescribe_assignment target_assignment;
	int8_t member_type; /* v1+: 0 classic, 1 consumer; default -1 */
};

struct kt_consumergroupdescribe_group {
	int16_t error_code;
	char *error_message; /* NULL: null */
	char *group_id;
	char *group_state;
	int32_t group_epoch;
	int32_t assignment_epoch;
	char *assignor_name;
	struct kt_consumergroupdescribe_member *members;
	size_t n_members;
	int32_t authorized_operations;
};

struct kt_consumergroupdescribe_resp {
	int32_t throttle_time_ms;
	struct kt_consumergroupdescribe_group *groups;
	size_t n_groups;
	struct kt_arena arena;
};

/* Append a request body of this API; contract as kt_createtopics_req_encode
 * (proto/topics.h). */
int kt_consumergroupdescribe_req_encode(
	struct kt_buf *b, int16_t version,
	const struct kt_consumergroupdescribe_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_consumergroupdescribe_resp_decode(
	const uint8_t *p, size_t len, int16_t version,
	struct kt_consumergroupdescribe_resp *out, struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_consumergroupdescribe_resp_release(
	struct kt_consumergroupdescribe_resp *resp);

/* ---- DescribeCluster (60): 0-2, flexible from 0 ---- */

#define KT_DESCRIBECLUSTER_KEY 60
#define KT_DESCRIBECLUSTER_MIN 0
#define KT_DESCRIBECLUSTER_MAX 2
#define KT_DESCRIBECLUSTER_FLEX 0

/* EndpointType (KIP-919). */
#define KT_ENDPOINT_BROKERS 1
#define KT_ENDPOINT_CONTROLLERS 2

struct kt_describecluster_req {
	bool include_cluster_authorized_operations;
	/* v1+, KT_ENDPOINT_*; 0 is taken as the default, brokers */
	int8_t endpoint_type;
	bool include_fenced_brokers; /* v2+ */
};

struct kt_describecluster_broker {
	int32_t broker_id;
	char *host;
	int32_t port;
	char *rack;	/* NULL: null */
	bool is_fenced; /* v2+ */
};

struct kt_describecluster_resp {
	int32_t throttle_time_ms;
	int16_t error_code;
	char *error_message;  /* NULL: null */
	int8_t endpoint_type; /* v1+, default 1 */
	char *cluster_id;
	int32_t controller_id;
	struct kt_describecluster_broker *brokers;
	size_t n_brokers;
	int32_t cluster_authorized_operations;
	struct kt_arena arena;
};

/* Controllers before v1 or fenced brokers before v2: KT_EUNSUPPORTED. */
int kt_describecluster_req_encode(struct kt_buf *b, int16_t version,
				  const struct kt_describecluster_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_describecluster_resp_decode(const uint8_t *p, size_t len,
				   int16_t version,
				   struct kt_describecluster_resp *out,
				   struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_describecluster_resp_release(struct kt_describecluster_resp *resp);

/* ---- DeleteRecords (21): 0-2, flexible from 2 ---- */

#define KT_DELETERECORDS_KEY 21
#define KT_DELETERECORDS_MIN 0
#define KT_DELETERECORDS_MAX 2
#define KT_DELETERECORDS_FLEX 2

struct kt_deleterecords_partition {
	int32_t partition_index;
	int64_t offset; /* delete before this; -1: the high watermark */
};

struct kt_deleterecords_topic {
	const char *name;
	const struct kt_deleterecords_partition *partitions;
	size_t n_partitions;
};

struct kt_deleterecords_req {
	const struct kt_deleterecords_topic *topics;
	size_t n_topics;
	int32_t timeout_ms;
};

struct kt_deleterecords_result_partition {
	int32_t partition_index;
	int64_t low_watermark;
	int16_t error_code;
};

struct kt_deleterecords_result_topic {
	char *name;
	struct kt_deleterecords_result_partition *partitions;
	size_t n_partitions;
};

struct kt_deleterecords_resp {
	int32_t throttle_time_ms;
	struct kt_deleterecords_result_topic *topics;
	size_t n_topics;
	struct kt_arena arena;
};

/* Append a request body of this API; contract as kt_createtopics_req_encode
 * (proto/topics.h). */
int kt_deleterecords_req_encode(struct kt_buf *b, int16_t version,
				const struct kt_deleterecords_req *req);
/* Decode a response body of this API into *out (owned; free with the
 * _release function); contract as kt_createtopics_resp_decode. */
int kt_deleterecords_resp_decode(const uint8_t *p, size_t len, int16_t version,
				 struct kt_deleterecords_resp *out,
				 struct kt_err *err);
/* Free what a decode put in resp and empty it; safe to call twice. */
void kt_deleterecords_resp_release(struct kt_deleterecords_resp *resp);

#endif
