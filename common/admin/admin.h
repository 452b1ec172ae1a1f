/*
 * admin/admin.h - the topic admin calls behind kafka-topics, over a connected
 * struct kt_client: list topic names, describe topics (partitions, configs,
 * reassignments), create topics, add partitions, delete topics, and wait
 * until the cluster's metadata shows the change.
 *
 * What is sent follows tools.md §1.7 (Apache 4.3 TopicCommand over the Java
 * admin client): Metadata for names; DescribeTopicPartitions (KIP-966,
 * paged with its cursor) with a Metadata fallback for brokers before 3.8;
 * DescribeConfigs without synonyms or documentation; DescribeCluster for
 * the live brokers (Metadata before 2.8); ListPartitionReassignments
 * (KIP-455), where UNSUPPORTED_VERSION and CLUSTER_AUTHORIZATION_FAILED mean
 * "none"; CreateTopics, CreatePartitions and DeleteTopics. Every version is
 * negotiated with ApiVersions (kt_api_pick), so 3.x and 4.x brokers work.
 *
 * Broker answers that concern one topic are results, not failures: each
 * topic gets a struct kt_admin_result with the Kafka error code, the Java
 * exception class and the message the Java admin client would raise (the
 * broker's ErrorMessage, else the code's default message). A negative
 * return means the call itself failed (no answer, malformed answer, ...).
 */
#ifndef KT_ADMIN_ADMIN_H
#define KT_ADMIN_ADMIN_H

#include "net/client.h"
#include "base/err.h"
#include "admin/topicconf.h"
#include "admin/topics.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The outcome of one topic in an admin call. */
struct kt_admin_result {
	int16_t error_code; /* 0: done */
	char *message;	    /* malloc'ed; NULL when error_code is 0 */
};

/* Free what r owns and zero it. */
void kt_admin_result_release(struct kt_admin_result *r);

/*
 * Names of every topic the cluster has (Metadata for all topics, which also
 * becomes the client's metadata cache), sorted as Java sorts strings (topic
 * names are ASCII, so byte order). Internal topics are left out when
 * exclude_internal. *names is a malloc'ed array of malloc'ed copies (free
 * with kt_admin_names_free). *internal (may be NULL) receives a malloc'ed
 * array of the is_internal flags, in the same order. Returns 0 or a
 * negative KT_E* (err filled).
 */
int kt_admin_topic_names(struct kt_client *c, bool exclude_internal,
			 char ***names, bool **internal, size_t *n,
			 struct kt_err *err);

/* Free n names and the array (NULL is fine). */
void kt_admin_names_free(char **names, size_t n);

/*
 * The ids of the brokers the cluster reports (DescribeCluster, or Metadata
 * for brokers without it), as a malloc'ed array in *ids. Returns 0 or a
 * negative KT_E*; an error code in the answer fails with -KT_EKAFKA and the
 * Java message in err.
 */
int kt_admin_live_brokers(struct kt_client *c, int32_t **ids, size_t *n,
			  struct kt_err *err);

/* One described topic: d is filled when res.error_code is 0. */
struct kt_admin_desc {
	struct kt_topic_desc d;
	struct kt_admin_result res;
};

struct kt_admin_describe_req {
	/* by name (DescribeTopicPartitions, Metadata fallback) ... */
	const char *const *names;
	size_t n_names;
	/* ... or by id (Metadata by id, as Apache's --topic-id path) */
	const struct kt_uuid *ids;
	size_t n_ids;
	int32_t partition_limit; /* DescribeTopicPartitions page size */
	int timeout_ms;		 /* for all answers (0: 60000) */
	/* connections from kt_admin_open_conns (else opened here) */
	const int32_t *conns;
	size_t n_conns;
	bool skip_configs;	 /* leave out DescribeConfigs */
	bool skip_reassignments; /* leave out ListPartitionReassignments */
};

/*
 * Describe topics: partitions (ELR lists when DescribeTopicPartitions was
 * used), configs in Apache's print order (the Java admin client keeps them
 * in a HashMap: tools.md Appendix B), ongoing reassignments. *out is a
 * malloc'ed array of n_names (or n_ids) entries in request order (free with
 * kt_admin_descs_free); a topic the broker refused carries its error in
 * res. The requests go out together, each on its own connection to the
 * bootstrap broker (kt_client_node_alias), since a broker serves one
 * request per connection at a time: DescribeTopicPartitions, DescribeConfigs
 * in chunks of 64 topics (8 requests at most), ListPartitionReassignments
 * (its partitions taken from the metadata cache of kt_admin_topic_names).
 * Returns 0, or a negative KT_E* when a request failed as a whole (err
 * filled; for a broker error code in a top-level ErrorCode, -KT_EKAFKA with
 * err->kafka_code set and err->msg the Java message).
 */
int kt_admin_describe(struct kt_client *c,
		      const struct kt_admin_describe_req *req,
		      struct kt_admin_desc **out, struct kt_err *err);

/* How many connections kt_admin_describe uses at most. */
#define KT_ADMIN_DESCRIBE_CONNS 5

/*
 * Open n more connections to the bootstrap broker (kt_client_node_alias),
 * ids in conns[0..n). Opened before the topic listing, they are ready when
 * kt_admin_describe sends its requests. Returns 0 or a negative KT_E*.
 */
int kt_admin_open_conns(struct kt_client *c, int32_t *conns, size_t n,
			struct kt_err *err);

/* Free n descriptions and the array. NULL is fine. */
void kt_admin_descs_free(struct kt_admin_desc *v, size_t n);

/* A topic to create. */
struct kt_admin_new_topic {
	const char *name;
	int32_t partitions;	    /* -1: broker default */
	int16_t replication_factor; /* -1: broker default */
	/* replicas of partition 0, 1, ... (n_assignment 0: none) */
	const struct kt_ids *assignment;
	size_t n_assignment;
	const struct kt_topic_config *configs;
	size_t n_configs;
};

/*
 * Create one topic (CreateTopics, validate_only false, timeout
 * request.timeout.ms). *res receives the broker's verdict. Returns 0 when
 * the broker answered, or a negative KT_E* (err filled).
 */
int kt_admin_create_topic(struct kt_client *c,
			  const struct kt_admin_new_topic *t,
			  struct kt_admin_result *res, struct kt_err *err);

/* New partitions for one topic. */
struct kt_admin_new_parts {
	const char *name;
	int32_t total; /* the new partition count */
	/* replicas of each new partition; without has_assignment the broker
	 * places them (an empty list with has_assignment is sent as such) */
	bool has_assignment;
	const struct kt_ids *assignment;
	size_t n_assignment;
};

/*
 * Raise the partition count of n topics in one CreatePartitions request.
 * res[i] receives topic i's verdict. Returns 0 or a negative KT_E*.
 */
int kt_admin_create_partitions(struct kt_client *c,
			       const struct kt_admin_new_parts *t, size_t n,
			       struct kt_admin_result *res, struct kt_err *err);

/*
 * Delete n topics by name in one DeleteTopics request. res[i] receives
 * topic i's verdict. Returns 0 or a negative KT_E*.
 */
int kt_admin_delete_topics(struct kt_client *c, const char *const *names,
			   size_t n, struct kt_admin_result *res,
			   struct kt_err *err);

/*
 * Wait until every broker of the cluster reports the n topics in its
 * metadata (present with at least min_partitions[i] partitions, each with a
 * leader; min_partitions may be NULL) or, when absent is true, no longer
 * reports them. Brokers answer a moment after the controller commits; a
 * script that runs the next command at once needs them to agree. Polls at
 * most timeout_ms. Returns 0, -KT_ETIMEDOUT (err says which topic was not
 * there yet) or another negative KT_E*.
 */
int kt_admin_wait_topics(struct kt_client *c, const char *const *names,
			 size_t n, const int32_t *min_partitions, bool absent,
			 int timeout_ms, struct kt_err *err);

/*
 * The Java exception class name the admin client raises for a Kafka error
 * code (e.g. "org.apache.kafka.common.errors.TopicExistsException"),
 * written into buf. "org.apache.kafka.common.KafkaException" for 0.
 */
const char *kt_admin_error_class(int16_t code, char *buf, size_t len);

#endif
