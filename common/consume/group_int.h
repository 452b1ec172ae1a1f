/*
 * consume/group_int.h - what the files of the group share: group.c
 * (membership: coordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup),
 * group_assign.c (the leader's assignment) and group_offsets.c (commits
 * and committed offsets). Not part of the library's interface.
 */
#ifndef KT_CONSUME_GROUP_INT_H
#define KT_CONSUME_GROUP_INT_H

#include "consume/group.h"

/* The Kafka error codes the group handles by name. */
enum {
	E_COORDINATOR_NOT_AVAILABLE = 15,
	E_NOT_COORDINATOR = 16,
	E_COORDINATOR_LOAD_IN_PROGRESS = 14,
	E_ILLEGAL_GENERATION = 22,
	E_UNKNOWN_MEMBER_ID = 25,
	E_REBALANCE_IN_PROGRESS = 27,
	E_REQUEST_TIMED_OUT = 7,
	E_MEMBER_ID_REQUIRED = 79,
	E_FENCED_INSTANCE_ID = 82,
	E_UNSTABLE_OFFSET_COMMIT = 88,
};

/* A SyncGroup to send: the leader's assignments (member ids owned), or
 * none for a follower. */
struct sync_ctx {
	struct kt_group *g;
	struct kt_sync_group_assignment *as; /* member ids owned */
	struct kt_buf *bufs;
	size_t n;
};

/* group.c */

/* Record the group's first fatal error: what failed, with code's name. */
void kt_group_fail(struct kt_group *g, int16_t code, const char *what);
/* Set the member id ("" for none). */
int kt_group_set_member(struct kt_group *g, const char *id);
/* Forget the coordinator: find it again shortly. */
void kt_group_coordinator_lost(struct kt_group *g);
/* Rejoin after the current step, with reason for JoinGroup. */
void kt_group_need_rejoin(struct kt_group *g, const char *reason);
/* The number of assigned partitions, and the i-th. */
size_t kt_group_n_parts(struct kt_group *g);
void kt_group_part_at(struct kt_group *g, size_t i, struct kt_group_part *p);
/* The assigned partitions, malloc'ed (*n of them); NULL when there are
 * none or out of memory (then *n is 0). The topics are the host's. */
struct kt_group_part *kt_group_parts_copy(struct kt_group *g, size_t *n);
void kt_group_sync_free(struct sync_ctx *x);
/* Send SyncGroup x (owned): the state becomes KT_GROUP_SYNCING. */
void kt_group_send_sync(struct kt_group *g, struct sync_ctx *x);

/* group_assign.c */

/* The leader computes the assignment (after a Metadata request for the
 * members' topics) and sends it with SyncGroup. */
void kt_group_leader_assign(struct kt_group *g);

/* group_offsets.c */

/* Commit the written positions of every assigned partition that changed;
 * *done_flag (if not NULL) is set when the answer came. Returns 1 when a
 * request went out, 0 when there was nothing to send. */
int kt_group_commit_all(struct kt_group *g, bool *done_flag);
/* With enable.auto.commit, commit the written positions of v[0..n),
 * partitions about to be revoked. */
void kt_group_commit_revoked(struct kt_group *g, const struct kt_group_part *v,
			     size_t n);
/* Send OffsetFetch for the partitions waiting for their committed
 * offset. */
void kt_group_fetch_offsets(struct kt_group *g);

#endif
