/*
 * produce/producer_int.h - the producer's own state (partitions with their
 * open batch and queue, brokers, requests in flight) and the small helpers
 * every piece uses. Shared by the files of the producer (producer*.c,
 * accumulator.c, sender.c) only; the library's interface is producer.h.
 * The shape of the data and the failure rules are described in producer.c.
 */

#ifndef KT_PRODUCE_PRODUCER_INT_H
#define KT_PRODUCE_PRODUCER_INT_H

#include "produce/producer.h"
#include "record/compress.h"
#include "record/crc.h"
#include "wire/kerr.h"
#include "proto/metadata.h"
#include "proto/produce.h"
#include "record/record.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

struct pbatch {
	struct pbatch *next;
	int32_t part;	   /* index into p->parts */
	struct kt_buf buf; /* the batch bytes (header first) */
	struct kt_batch_writer w;
	int64_t *ids; /* caller tags of the records, in order */
	int32_t n, cap;
	size_t raw;  /* uncompressed record bytes appended */
	size_t acct; /* bytes counted in p->queued */
	int64_t created;
	int64_t retry_at;
	int32_t attempts;
	int32_t base_seq; /* -1 until first sent */
	int32_t sent_seq; /* the sequence of the last send */
	int16_t sent_epoch;
	bool open;
	bool inflight;
	bool was_sent;	    /* left the client once */
	bool maybe_written; /* an attempt ended without a clear "no" */
	bool abandoned;	    /* freed by its request's callback */
	bool expired;	    /* reported while in flight: out of the queue,
			       still counted in n_inflight until answered */
	bool rebuilt;	    /* a piece of a split or re-encoded batch */
};

struct ppart {
	int32_t leader; /* -1: none known */
	struct pbatch *open;
	struct pbatch *head, *tail; /* closed, oldest first */
	int32_t n_inflight;
	int32_t n_batches; /* queued batches, for the adaptive partitioner */
	bool hold;	   /* resend from head once n_inflight is 0 */
	bool unresolved;   /* a batch with sequences was given up without
			      knowing whether it was written: send no new
			      batch until n_inflight is 0, then see */
	int32_t next_seq;
	int32_t acked_seq; /* sequence the broker expects next, as known */
	int64_t produced;  /* bytes since it became the sticky partition */
};

struct pnode {
	int32_t id;
	int32_t inflight;
	bool probing;
	int64_t probe_at;
	int32_t probe_fails;
};

struct preq {
	struct kt_producer *p;
	int32_t node;
	int16_t acks;
	size_t n;
	struct pbatch *b[]; /* one per partition */
};

struct kt_producer {
	struct kt_producer_conf conf;
	char *topic;
	kt_report_fn report;
	void *report_arg;
	struct kt_client *c;
	bool idem;
	int64_t pid;
	int16_t epoch;
	bool need_bump;
	struct ppart *parts;
	int32_t n_parts;
	struct pnode *nodes;
	size_t n_nodes;
	int32_t inflight_reqs;
	int32_t sticky; /* -1: none */
	double ratio;	/* estimated compression ratio (Java's estimator) */
	int64_t queued; /* bytes of batches held */
	int64_t md_due; /* next metadata refresh, kt_now_ms time */
	int64_t md_backoff;
	bool md_inflight; /* a refresh is on its way */
	bool flushing;
	bool closing;
	uint64_t rng;
	struct kt_producer_stats st;
};

static inline int64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline uint64_t rnd(struct kt_producer *p)
{
	uint64_t x = p->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	p->rng = x;
	return x;
}

/* Java's sequence arithmetic: wraps within [0, INT32_MAX]. */
static inline int32_t seq_move(int32_t seq, int64_t delta)
{
	int64_t m = (int64_t)INT32_MAX + 1;
	int64_t s = ((int64_t)seq + delta) % m;

	return (int32_t)(s < 0 ? s + m : s);
}

/* Java's ExponentialBackoff(retry.backoff.ms, 2, retry.backoff.max.ms,
 * 0.2): the base doubles per attempt up to the maximum, then a random
 * factor in [0.8, 1.2) spreads retries of many clients apart. */
static inline int64_t backoff_ms(struct kt_producer *p, int32_t attempts)
{
	int64_t b = p->conf.client.retry_backoff_ms;
	int32_t i;

	for (i = 1; i < attempts && b < p->conf.retry_backoff_max_ms; i++)
		b *= 2;
	if (b > p->conf.retry_backoff_max_ms)
		b = p->conf.retry_backoff_max_ms;
	return b * (800 + (int64_t)(rnd(p) % 400)) / 1000;
}

static inline struct pnode *node_get(struct kt_producer *p, int32_t id)
{
	struct pnode *n;
	size_t i;

	for (i = 0; i < p->n_nodes; i++)
		if (p->nodes[i].id == id)
			return &p->nodes[i];
	n = realloc(p->nodes, (p->n_nodes + 1) * sizeof(*n));
	if (!n)
		return NULL;
	p->nodes = n;
	n = &p->nodes[p->n_nodes++];
	memset(n, 0, sizeof(*n));
	n->id = id;
	return n;
}

void kt_pr_batch_free(struct kt_producer *p, struct pbatch *b);
void kt_pr_batch_account(struct kt_producer *p, struct pbatch *b);
struct pbatch *kt_pr_batch_new(struct kt_producer *p, int32_t part, size_t hint,
			       struct kt_err *err);
int kt_pr_batch_add_id(struct pbatch *b, int64_t id);
void kt_pr_queue_remove(struct ppart *pp, struct pbatch *b);
void kt_pr_report_batch(struct kt_producer *p, struct pbatch *b,
			const struct kt_err *e, int32_t from, int32_t to,
			bool unknown);
void kt_pr_batch_close(struct kt_producer *p, struct ppart *pp);
void kt_pr_batch_patch(struct pbatch *b, int64_t pid, int16_t epoch,
		       int32_t seq);
bool kt_pr_seq_after(int32_t a, int32_t b);
void kt_pr_seq_lost(struct kt_producer *p, struct ppart *pp,
		    const struct pbatch *b);
void kt_pr_batch_failed(struct kt_producer *p, struct pbatch *b,
			const struct kt_err *e, bool unknown);
void kt_pr_batch_acked(struct kt_producer *p, struct pbatch *b);
void kt_pr_want_metadata(struct kt_producer *p);
void kt_pr_batch_retry(struct kt_producer *p, struct pbatch *b,
		       const struct kt_err *e);
void kt_pr_batch_answer(struct kt_producer *p, struct pbatch *b,
			const struct kt_produce_part_resp *r);
int kt_pr_parts_update(struct kt_producer *p, struct kt_err *err);
int kt_pr_md_create_enc(void *arg, struct kt_buf *b, int16_t version,
			struct kt_err *err);
int kt_pr_init_pid(struct kt_producer *p, int64_t deadline, struct kt_err *err);
void kt_pr_run(struct kt_producer *p);
bool kt_pr_waits_for_network(const struct kt_producer *p,
			     const struct ppart *pp, const struct pbatch *b);

#endif
