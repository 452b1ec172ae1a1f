/*
 * consume/consumer_int.h - internals shared by consumer.c (fetch loop, offsets,
 * metadata) and group.c (classic group membership). Not part of the
 * library's interface: only those two files include it.
 */
#ifndef KT_CONSUME_CONSUMER_INT_H
#define KT_CONSUME_CONSUMER_INT_H

#include "consume/assignor.h"
#include "consume/consumer.h"
#include "proto/fetch.h"
#include "proto/group.h"
#include "record/record.h"

#include <regex.h>

/* A fetch response frame shared by the chunks cut from it. */
struct fresp {
	uint8_t *frame;
	size_t refs;
};

/* The records of one partition from one Fetch answer, not yet handed out. */
struct chunk {
	struct chunk *next; /* in the consumer's FIFO */
	struct cpart *p;
	struct fresp *fr;
	struct kt_bytes records;
	int64_t fetch_offset;
	struct kt_aborted_txn *aborted; /* owned, sorted by first_offset */
	size_t n_aborted;
};

/* Offset lookups a partition may need (ListOffsets). */
enum { LO_EARLIEST, LO_LATEST, LO_TS_START, LO_TS_END, LO_N };

enum pstate {
	P_NEED_COMMITTED, /* group: waiting for OffsetFetch */
	P_RESOLVING,	  /* ListOffsets lookups running */
	P_READY,	  /* fetching */
};

/* One assigned partition. */
struct cpart {
	char *topic;
	int32_t partition;
	enum pstate state;
	struct kt_pos start; /* where to start when there is no position */
	int64_t position;    /* next offset to fetch */
	int64_t returned;    /* after the last record handed out / skipped */
	int64_t written;     /* what may be committed */
	int64_t committed;   /* last committed, -1 none */
	bool unwritten;	     /* handed out records not yet written */
	bool fetching;	     /* in a Fetch in flight */
	int32_t max_bytes;
	int32_t leader;
	int32_t leader_epoch;
	int64_t hw, lso;
	int64_t end; /* stop before this offset; -1 none / not yet known */
	bool want[LO_N], busy[LO_N], got[LO_N];
	int64_t lo[LO_N];
	size_t nq; /* chunks queued */
	int64_t retry_at;
	bool removed;
};

enum gstate {
	G_NONE,	     /* no group */
	G_UNJOINED,  /* need to (re)join */
	G_PREPARING, /* eager: committing before revoking everything */
	G_JOINING,   /* JoinGroup in flight */
	G_ASSIGNING, /* leader: metadata for the assignment in flight */
	G_SYNCING,   /* SyncGroup in flight */
	G_STABLE,    /* member with an assignment */
	G_LEAVING,   /* closing */
};

struct grp {
	enum gstate state;
	char *member_id;
	int32_t generation;
	char *protocol; /* assignor chosen by the coordinator */
	bool leader;
	bool cooperative;
	int32_t coord_id;   /* broker id, -1 unknown */
	int32_t coord_node; /* alias node id of the coordinator connection */
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

struct kt_consumer {
	struct kt_consumer_conf conf;
	struct kt_consumer_opts opts;
	struct kt_client *client;
	bool booted;
	int32_t rebalance_timeout_ms;

	/* subscription */
	bool manual;
	char **sub_topics;
	size_t n_sub_topics;
	bool use_regex;
	regex_t regex;
	char *assign_topic;
	int32_t *assign_parts;
	size_t n_assign_parts;
	struct kt_pos assign_start;

	/* metadata */
	bool md_wanted;
	bool md_inflight;
	int64_t md_retry_at;
	int64_t md_next; /* periodic refresh (metadata.max.age.ms) */
	int md_failures;
	bool md_ok; /* at least one answer */

	/* assignment */
	struct cpart **parts;
	size_t n_parts;

	/* fetched data */
	struct chunk *q_head, *q_tail;
	int32_t *fetch_nodes; /* nodes with a Fetch in flight */
	size_t n_fetch_nodes, cap_fetch_nodes;

	/* iteration over the head chunk */
	struct chunk *it_ch;
	struct kt_region rg;
	struct kt_entry ent;
	bool in_batch;
	struct kt_record_iter ri;
	bool in_legacy;
	struct kt_legacy_iter li;
	struct kt_legacy single; /* an uncompressed legacy message */
	bool single_pending;
	struct kt_buf scratch;
	int64_t *aborted_pids; /* aborted producer ids in effect */
	size_t n_aborted_pids, cap_aborted_pids;
	size_t aborted_next; /* next entry of it_ch->aborted to consider */

	struct grp g;
	void (*flush)(void *arg);
	void *flush_arg;
	int fatal;
	struct kt_err fatal_err;
};

/* consumer.c, used by group.c */
void kt_consumer_fail(struct kt_consumer *c, const struct kt_err *err);
struct cpart *kt_consumer_part(struct kt_consumer *c, const char *topic,
			       int32_t partition);
int kt_consumer_add_part(struct kt_consumer *c, const char *topic,
			 int32_t partition, const struct kt_pos *start);
void kt_consumer_remove_part(struct kt_consumer *c, struct cpart *p);
void kt_consumer_flush_output(struct kt_consumer *c);
/* Plan p's offset lookups from p->start (and the end when stopping at the
 * end); a partition that needs none starts fetching at once. */
void kt_consumer_part_plan(struct kt_consumer *c, struct cpart *p);
void kt_consumer_want_metadata(struct kt_consumer *c);
/* The topics this member subscribes to, resolved against the metadata
 * (a pattern subscription matches metadata topics); malloc'ed array of
 * borrowed names. */
const char **kt_consumer_sub_names(struct kt_consumer *c, size_t *n);
/* Send an OffsetCommit of the written positions of the assigned partitions
 * that changed (all = every partition); done is called with the result.
 * Returns 1 when a request went out, 0 when there was nothing to commit,
 * negative on a local failure. */
int kt_group_commit(struct kt_consumer *c, bool sync_wait, int timeout_ms,
		    struct kt_err *err);

/* group.c */
void kt_group_init(struct kt_consumer *c);
void kt_group_release(struct kt_consumer *c);
/* Drive the membership; returns the poll deadline it wants (-1 none). */
int64_t kt_group_step(struct kt_consumer *c, int64_t now);
/* The metadata changed: a leader whose subscription's partition counts
 * changed, or any member whose pattern now matches other topics, rejoins. */
void kt_group_on_metadata(struct kt_consumer *c, bool subscription_changed);
/* Whether the member has a settled assignment (for stop_at_end). */
bool kt_group_stable(const struct kt_consumer *c);
int kt_group_close(struct kt_consumer *c, int timeout_ms, struct kt_err *err);

#endif
