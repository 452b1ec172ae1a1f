/*
 * consume/consumer_int.h - the consumer's own state (partitions, fetched
 * chunks, iteration), shared by the files of the consumer. Not part of the
 * library's interface; the group (group.c) never sees it.
 */
#ifndef KT_CONSUME_CONSUMER_INT_H
#define KT_CONSUME_CONSUMER_INT_H

#include "consume/assignor.h"
#include "consume/consumer.h"
#include "consume/group.h"
#include "proto/fetch.h"
#include "proto/group.h"
#include "record/record.h"

#include <regex.h>

#define KT_CHUNKS_PER_PART 2 /* fetched answers buffered per partition */
#define KT_BACKOFF_MAX_MS 1000

/* Retry backoff after the failures-th failure in a row: 100 ms doubling,
 * at most KT_BACKOFF_MAX_MS. */
static inline int64_t kt_consumer_backoff_ms(int failures)
{
	int64_t b = 100;

	while (failures-- > 1 && b < KT_BACKOFF_MAX_MS)
		b *= 2;
	return b < KT_BACKOFF_MAX_MS ? b : KT_BACKOFF_MAX_MS;
}

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

struct kt_consumer {
	struct kt_consumer_conf conf;
	struct kt_consumer_opts opts;
	struct kt_client *client;
	bool booted;

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
	char *waiting_for; /* the missing topic last noticed (wait_for_topics)
			    */
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

	struct kt_group g;
	void (*flush)(void *arg);
	void *flush_arg;
	bool in_poll;		/* inside kt_client_poll: no keepalive loop */
	int64_t next_called_ms; /* when kt_consumer_next was last called */
	int fatal;
	struct kt_err fatal_err;
};

/* consumer.c: partitions and their chunks */

/* Free a chunk, and the Fetch answer it cut when it was the last. */
void kt_consumer_chunk_free(struct chunk *ch);
/* Drop the queued chunks of p (all of them when p is NULL). */
void kt_consumer_drop_chunks(struct kt_consumer *c, struct cpart *p);
/* A request about p finished: free p if it was removed meanwhile.
 * Returns true when p is gone. */
bool kt_consumer_part_unref(struct cpart *p);
/* Record the consumer's first fatal error; kt_consumer_next returns it. */
void kt_consumer_fail(struct kt_consumer *c, const struct kt_err *err);

/* offsets.c: start and end positions */

/* Decide which ListOffsets lookups p needs for its start (need_start) and
 * its end. */
void kt_consumer_plan_lookups(struct kt_consumer *c, struct cpart *p,
			      bool need_start);
/* Plan p's offset lookups from p->start (and the end when stopping at the
 * end); a partition that needs none starts fetching at once. */
void kt_consumer_part_plan(struct kt_consumer *c, struct cpart *p);
/* Send the ListOffsets lookups that are due, one request per leader and
 * kind. */
void kt_consumer_lookups(struct kt_consumer *c, int64_t now);

/* fetch.c */

/* Send a Fetch to every leader with fetchable partitions and none in
 * flight. */
void kt_consumer_fetches(struct kt_consumer *c, int64_t now);

/* records.c */

/* Forget where the iteration over the head chunk was. */
void kt_consumer_reset_iter(struct kt_consumer *c);
/* 1 with a record in *m, 0 when no record is buffered, < 0 fatal. */
int kt_consumer_iter_next(struct kt_consumer *c, struct kt_msg *m);

#endif
