/*
 * consume/assignor.h - client-side partition assignors of the classic consumer
 * group protocol, run by the group leader between JoinGroup and SyncGroup.
 *
 * Implements the assignors of the Java consumer
 * (org.apache.kafka.clients.consumer): RangeAssignor ("range"),
 * RoundRobinAssignor ("roundrobin"), StickyAssignor ("sticky") and
 * CooperativeStickyAssignor ("cooperative-sticky", KIP-429). Range and
 * round robin follow Java's member order (group.instance.id when both
 * members have one, static members first, else member id). The sticky
 * assignors keep every member's previously owned partitions up to a
 * balanced quota and hand out the rest to the least loaded members; the
 * cooperative one then withholds any partition that still belongs to
 * another member (it is revoked first and assigned in the follow-up
 * rebalance), which is the contract KIP-429 puts on the leader.
 * Rack-aware placement (KIP-881) is not done.
 */
#ifndef KT_CONSUME_ASSIGNOR_H
#define KT_CONSUME_ASSIGNOR_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum kt_assignor_kind {
	KT_ASSIGNOR_RANGE,
	KT_ASSIGNOR_ROUNDROBIN,
	KT_ASSIGNOR_STICKY,
	KT_ASSIGNOR_COOPERATIVE_STICKY,
};

/* The protocol name of an assignor ("range", ...). */
const char *kt_assignor_name(enum kt_assignor_kind k);
/* Find an assignor by protocol name or Java class name
 * (org.apache.kafka.clients.consumer.RangeAssignor, ...). Returns 0 or
 * -KT_ENOTFOUND. */
int kt_assignor_lookup(const char *name, enum kt_assignor_kind *k);
/* Whether k uses the cooperative rebalance protocol. */
bool kt_assignor_cooperative(enum kt_assignor_kind k);

/* A topic and its partition count. */
struct kt_asg_topic {
	const char *name;
	int32_t partitions;
};

/* A topic-partition. */
struct kt_asg_tp {
	const char *topic; /* points at a struct kt_asg_topic name */
	int32_t partition;
};

/* One member of the group as the leader sees it. */
struct kt_asg_member {
	const char *member_id;
	const char *instance_id; /* NULL: dynamic member */
	const char *const *topics;
	size_t n_topics;
	const struct kt_asg_tp *owned; /* from the subscription (v1+) */
	size_t n_owned;
	int32_t generation; /* subscription v2+, -1 unknown */
	/* out: the assignment (malloc'ed, free with kt_asg_result_free) */
	struct kt_asg_tp *assigned;
	size_t n_assigned;
};

/*
 * Assign the partitions of topics (n_topics, with their counts; a topic a
 * member subscribes to that is not in the list has no partitions) to the
 * members with assignor k. Fills each member's assigned array, sorted by
 * topic then partition. Returns 0 or -KT_ENOMEM (err filled; partial
 * results freed).
 */
int kt_assign(enum kt_assignor_kind k, const struct kt_asg_topic *topics,
	      size_t n_topics, struct kt_asg_member *members, size_t n_members,
	      struct kt_err *err);

/* Free the assigned arrays of members. */
void kt_asg_result_free(struct kt_asg_member *members, size_t n_members);

#endif
