/*
 * consume/group.h - classic consumer group membership (the Java
 * ConsumerCoordinator), driving a consumer through a small interface.
 *
 * The group knows the member's configuration, the coordinator and the
 * generation; it never sees the consumer's partition state. It reads the
 * assigned partitions through kt_group_host.part (topic, partition, what
 * may be committed) and changes them through the host's calls: assign a
 * partition, revoke one, note a commit, start one at its committed offset.
 */
#ifndef KT_CONSUME_GROUP_H
#define KT_CONSUME_GROUP_H

#include "base/err.h"
#include "net/client.h"
#include "proto/group.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KT_GROUP_MAX_ASSIGNORS 4

/* What the group needs of the consumer's configuration. The strings are
 * borrowed and must outlive the group. */
struct kt_group_conf {
	const char *group_id;
	const char
		*group_instance_id; /* static membership (KIP-345), or NULL */
	const char *client_rack;    /* or NULL */
	int assignors[KT_GROUP_MAX_ASSIGNORS]; /* enum kt_assignor_kind */
	size_t n_assignors;
	int session_timeout_ms;
	int heartbeat_interval_ms;
	int rebalance_timeout_ms; /* max.poll.interval.ms */
	bool enable_auto_commit;
	int auto_commit_interval_ms;
};

/* One assigned partition as the group sees it. */
struct kt_group_part {
	const char *topic; /* borrowed from the host */
	int32_t partition;
	bool need_committed; /* waiting for its committed offset */
	bool ready;	     /* fetching: written may be committed */
	int64_t written;     /* what may be committed, -1 none */
	int64_t committed;   /* last committed, -1 none */
};

/* The consumer behind the group. Every call gets arg. */
struct kt_group_host {
	void *arg;
	/* The number of assigned partitions, and the i-th of them. */
	size_t (*n_parts)(void *arg);
	void (*part)(void *arg, size_t i, struct kt_group_part *out);
	/* Add a partition; it waits for its committed offset. */
	int (*assign)(void *arg, const char *topic, int32_t partition);
	/* Drop a partition, without committing it. */
	void (*revoke)(void *arg, const char *topic, int32_t partition);
	/* The coordinator accepted a commit of offset for a partition. */
	void (*committed)(void *arg, const char *topic, int32_t partition,
			  int64_t offset);
	/* A partition waiting for its committed offset starts at committed
	 * (>= 0), or by the reset policy (-1). Returns -1 when the policy
	 * is "none", 0 otherwise; a partition no longer waiting is left
	 * alone. */
	int (*start)(void *arg, const char *topic, int32_t partition,
		     int64_t committed);
	/* Write out what was handed out before positions are committed. */
	void (*flush)(void *arg);
	/* Ask for fresh metadata (a coordinator not known yet). */
	void (*want_metadata)(void *arg);
	/* The subscribed topics, resolved against the metadata: a
	 * malloc'ed array of borrowed names. */
	const char **(*topics)(void *arg, size_t *n);
};

enum kt_group_state {
	KT_GROUP_NONE,	    /* no group */
	KT_GROUP_UNJOINED,  /* need to (re)join */
	KT_GROUP_PREPARING, /* eager: committing before revoking everything */
	KT_GROUP_JOINING,   /* JoinGroup in flight */
	KT_GROUP_ASSIGNING, /* leader: metadata for the assignment in flight */
	KT_GROUP_SYNCING,   /* SyncGroup in flight */
	KT_GROUP_STABLE,    /* member with an assignment */
	KT_GROUP_LEAVING,   /* closing */
};

/* A member of a classic group. Fields are the group's own: the consumer
 * reads them only through the functions below. */
struct kt_group {
	struct kt_group_conf conf;
	struct kt_group_host host;
	struct kt_client *client; /* NULL once the client is gone */
	enum kt_group_state state;
	char *member_id;
	int32_t generation;
	char *protocol; /* assignor chosen by the coordinator */
	bool leader;
	bool cooperative;
	int32_t coord_id;   /* broker id, -1 unknown */
	int32_t coord_node; /* alias of the coordinator: request.timeout.ms */
	int32_t coord_join; /* alias for JoinGroup: the rebalance timeout */
	bool finding;	    /* FindCoordinator in flight */
	bool hb_inflight;
	int64_t next_hb;
	int64_t retry_at;
	bool commit_inflight;
	int64_t next_commit;
	bool offsets_inflight;
	char *reason; /* JoinGroup reason (v8+) */
	/* the leader's join answer, kept until SyncGroup is sent */
	struct kt_join_group_resp join;
	bool rejoin; /* rejoin after the current step */
	char *sig;   /* subscribed topics and partition counts at last look */
	size_t assign_gen; /* bumps on every assignment change */
	int fatal;
	struct kt_err fatal_err;
};

/* Set up g (no group yet: kt_group_start joins one). conf and host are
 * copied; client is borrowed. */
void kt_group_init(struct kt_group *g, const struct kt_group_conf *conf,
		   const struct kt_group_host *host, struct kt_client *client);
void kt_group_release(struct kt_group *g);

/* Join the group at the next step (the consumer subscribed). */
void kt_group_start(struct kt_group *g);

/* Whether the consumer is a group member at all. */
bool kt_group_active(const struct kt_group *g);

/* Whether the member has a settled assignment (for stop_at_end). */
bool kt_group_stable(const struct kt_group *g);

/* Whether assigned partitions may be fetched now: the member is stable,
 * or in a cooperative rebalance, which keeps the partitions it owns. */
bool kt_group_may_fetch(const struct kt_group *g);

/* The group's failure, or NULL. */
const struct kt_err *kt_group_failed(const struct kt_group *g);

/* Drive the membership; returns the poll deadline it wants (-1 none).
 * Call it once the metadata is known. */
int64_t kt_group_step(struct kt_group *g, int64_t now);

/* Only the heartbeat of a stable member, when it is due: what the
 * consumer does while its tool is blocked writing (Java's heartbeat
 * thread). Starts no join, fetch or commit. Returns the next heartbeat's
 * time, or -1 when the member is not stable (nothing to keep alive). */
int64_t kt_group_keepalive(struct kt_group *g, int64_t now);

/* The metadata changed: a member whose subscription's topics or
 * partition counts changed rejoins. */
void kt_group_on_metadata(struct kt_group *g);

/* Send an OffsetCommit of the written positions of the assigned
 * partitions that changed, and with sync_wait wait for its answer.
 * Returns 1 when a request went out, 0 when there was nothing to commit,
 * negative on a failure. */
int kt_group_commit(struct kt_group *g, bool sync_wait, int timeout_ms,
		    struct kt_err *err);

/* Commit (with enable.auto.commit) and leave the group (not a static
 * member), within timeout_ms. */
int kt_group_close(struct kt_group *g, int timeout_ms, struct kt_err *err);

#endif
