/*
 * admin/groups.h - the consumer group admin calls behind
 * kafka-consumer-groups, over a connected struct kt_client: list the groups
 * of every broker, find a group's coordinator, describe groups of both
 * protocols (ConsumerGroupDescribe for KIP-848 groups, DescribeGroups for
 * classic ones), fetch committed offsets, look up partition offsets
 * (earliest, latest, by timestamp), commit offsets as an admin (generation
 * -1, no member), delete groups and delete a group's offsets.
 *
 * What is sent follows tools.md §4.10 (Apache 4.3's ConsumerGroupCommand
 * over the Java admin client). Coordinator errors that mean "ask again"
 * (COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE,
 * NOT_COORDINATOR) are retried, with a fresh FindCoordinator, until the
 * call's time-out. Broker verdicts about one group or partition are data
 * (error codes in the results); a negative return means the call itself
 * failed (no answer in time, malformed answer, ...), err then holding the
 * message and, for a broker error, err->kafka_code.
 */
#ifndef KT_ADMIN_GROUPS_H
#define KT_ADMIN_GROUPS_H

#include "net/client.h"
#include "base/err.h"
#include "proto/group.h"
#include "proto/groups_admin.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- ListGroups ---------------------------------------------------------- */

struct kt_group_listing {
	const char *group_id;
	const char *protocol_type; /* "consumer", "" (classic), ... */
	const char *state;	   /* NULL: the broker did not say (v<4) */
	const char *type;	   /* "classic", "consumer"; NULL: v<5 */
};

struct kt_group_list {
	struct kt_group_listing *v;
	size_t n;
	struct kt_listgroups_resp *resps; /* own the strings, one per broker */
	size_t n_resps;
};

/*
 * ListGroups on every broker of the cluster (Metadata first, for the
 * brokers), with the given states and types filters (n 0: none; sent when
 * the broker's version has them, applied here otherwise). Only consumer
 * groups are kept: classic groups with protocol type "consumer" or "",
 * and KIP-848 consumer groups. Order: brokers in metadata order, each
 * broker's groups in its order. Returns 0 or a negative KT_E* (err filled;
 * a broker's error code: -KT_EKAFKA).
 */
int kt_admin_list_groups(struct kt_client *c, const char *const *states,
			 size_t n_states, const char *const *types,
			 size_t n_types, int timeout_ms,
			 struct kt_group_list *out, struct kt_err *err);
void kt_group_list_release(struct kt_group_list *l);

/* Reorder l->v into the iteration order of a Java HashMap keyed by group
 * id (default capacity): the order Apache's --list prints, since the
 * admin client collects the brokers' answers in such a map. */
int kt_group_list_java_order(struct kt_group_list *l);

/* ---- describe --------------------------------------------------------- */

/* A topic and some of its partitions (ascending). */
struct kt_group_tp {
	const char *topic;
	int32_t *parts;
	size_t n_parts;
};

struct kt_group_member {
	const char *member_id;
	const char *instance_id; /* NULL: none */
	const char *client_id;
	const char *client_host;
	struct kt_group_tp *assigned; /* sorted by topic */
	size_t n_assigned;
	struct kt_group_tp *target; /* KIP-848 only */
	size_t n_target;
	int32_t member_epoch; /* -1: classic */
	int8_t member_type;   /* 0 classic, 1 consumer, -1 unknown */
};

struct kt_group_desc {
	const char *group_id;
	int16_t error_code;	   /* 0, or why the group could not be
				    * described (GROUP_ID_NOT_FOUND, ...) */
	const char *error_message; /* the Java message when error_code */
	const char *state;	   /* "Stable", "Empty", "Dead", ... */
	const char *protocol_type; /* classic: "consumer"; KIP-848: "" */
	const char *assignor;	   /* protocol name / server assignor, "" */
	bool consumer_protocol;	   /* described by ConsumerGroupDescribe */
	int32_t group_epoch;	   /* KIP-848, else -1 */
	int32_t assignment_epoch;  /* KIP-848, else -1 */
	struct kt_group_member *members;
	size_t n_members;
	int32_t coordinator_id;
	const char *coordinator_host;
	int32_t coordinator_port;
	void *priv; /* owned answers */
};

/*
 * Describe n groups: FindCoordinator, then ConsumerGroupDescribe on the
 * coordinator, falling back to DescribeGroups for classic groups
 * (GROUP_ID_NOT_FOUND "is not a consumer group") and for brokers without
 * it. *out is a malloc'ed array of n entries in request order (free with
 * kt_group_descs_free). An unknown group comes back with error_code
 * GROUP_ID_NOT_FOUND and the broker's message ("Group g not found."), or
 * (older brokers) in state "Dead". Returns 0 or a negative KT_E*.
 */
int kt_admin_describe_groups(struct kt_client *c, const char *const *groups,
			     size_t n, int timeout_ms,
			     struct kt_group_desc **out, struct kt_err *err);
void kt_group_descs_free(struct kt_group_desc *v, size_t n);

/* ---- offsets ------------------------------------------------------------ */

/* One partition's offsets as the offsets view and reset-offsets see it. */
struct kt_group_offset {
	char *topic;
	int32_t partition;
	int64_t committed;	/* -1: none */
	int32_t leader_epoch;	/* of the commit; -1: none */
	int16_t error_code;	/* of the commit fetch */
	size_t seq;		/* position in the broker's answer */
};

/*
 * The committed offsets of group (OffsetFetch on its coordinator): every
 * partition with a commit when tps is NULL, else the n_tps given ones
 * (committed -1 where none). *out (malloc'ed, free with
 * kt_group_offsets_free) is sorted by topic then partition. Returns 0 or a
 * negative KT_E* (a group-level error: -KT_EKAFKA).
 */
int kt_admin_group_offsets(struct kt_client *c, const char *group,
			   const struct kt_group_tp *tps, size_t n_tps,
			   int timeout_ms, struct kt_group_offset **out,
			   size_t *n, struct kt_err *err);
void kt_group_offsets_free(struct kt_group_offset *v, size_t n);

/* A partition offset lookup (ListOffsets). */
struct kt_tp_offset {
	const char *topic;
	int32_t partition;
	int64_t offset;	    /* out: -1 when unknown */
	int16_t error_code; /* out: the broker's, or
			     * LEADER_NOT_AVAILABLE without a leader,
			     * UNKNOWN_TOPIC_OR_PARTITION when absent */
};

/*
 * Look up the offset of each partition at spec: KT_OFFSET_LATEST,
 * KT_OFFSET_EARLIEST, or a timestamp in ms (the first offset at or after
 * it; -1 when there is none). Metadata for the topics, then one ListOffsets
 * per leader, in parallel. isolation: 0 read_uncommitted, 1 read_committed.
 * Returns 0 or a negative KT_E* for a failure of the whole call.
 */
int kt_admin_list_offsets(struct kt_client *c, struct kt_tp_offset *v,
			  size_t n, int64_t spec, int8_t isolation,
			  int timeout_ms, struct kt_err *err);

/* The partitions of topics (Metadata), topic by topic in the given order,
 * each ascending. A topic that does not exist gets error_code
 * UNKNOWN_TOPIC_OR_PARTITION and no partitions in errs (may be NULL).
 * *out is malloc'ed (kt_group_tps_free). Returns 0 or a negative KT_E*. */
int kt_admin_topic_partitions(struct kt_client *c, const char *const *topics,
			      size_t n, int timeout_ms,
			      struct kt_group_tp **out, int16_t *errs,
			      struct kt_err *err);
void kt_group_tps_free(struct kt_group_tp *v, size_t n);

/* One partition's new offset for kt_admin_commit_offsets; error_code is
 * the broker's verdict. */
struct kt_group_commit {
	const char *topic;
	int32_t partition;
	int64_t offset;
	int16_t error_code;
};

/*
 * Commit offsets for group as an admin client does (OffsetCommit on the
 * coordinator, generation -1, empty member id). Each entry's error_code
 * gets the broker's verdict. Returns 0 when the coordinator answered, or a
 * negative KT_E*.
 */
int kt_admin_commit_offsets(struct kt_client *c, const char *group,
			    struct kt_group_commit *v, size_t n,
			    int timeout_ms, struct kt_err *err);

/* ---- deletion ------------------------------------------------------------ */

/*
 * Delete n groups (DeleteGroups on each coordinator). codes[i] gets group
 * i's verdict (0: deleted). Returns 0 or a negative KT_E*.
 */
int kt_admin_delete_groups(struct kt_client *c, const char *const *groups,
			   size_t n, int timeout_ms, int16_t *codes,
			   struct kt_err *err);

/* A partition whose committed offset is to be deleted; error_code out. */
struct kt_group_delete_offset {
	const char *topic;
	int32_t partition;
	int16_t error_code;
};

/*
 * Delete the committed offsets of the n partitions of group (OffsetDelete
 * on its coordinator). *top_error gets the top-level error code, each
 * entry its partition's. Returns 0 when the coordinator answered, or a
 * negative KT_E*.
 */
int kt_admin_delete_offsets(struct kt_client *c, const char *group,
			    struct kt_group_delete_offset *v, size_t n,
			    int timeout_ms, int16_t *top_error,
			    struct kt_err *err);

#endif
