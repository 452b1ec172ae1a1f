/*
 * consume/fetch.c - Fetch requests: one in flight per leader, pipelined
 * (each answer is scanned batch header by batch header for the partition's
 * next offset and the next Fetch goes out before records are handed out),
 * leader changes and per-partition errors (the Java Fetcher).
 */
#include "consume/consumer_int.h"
#include "wire/kerr.h"

#include <inttypes.h>

/* --- Fetch --------------------------------------------------------------- */

struct fetch_ctx {
	struct kt_consumer *c;
	int32_t node;
	size_t n;
	struct cpart **parts;
	int64_t *offsets;
	struct kt_fetch_part_req *preq;
	struct kt_fetch_topic_req *treq;
	size_t n_treq;
};

static int fetch_enc(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct fetch_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct kt_fetch_req req;
	int r;

	kt_fetch_req_init(&req);
	req.max_wait_ms = c->conf.fetch_max_wait_ms;
	req.min_bytes = c->conf.fetch_min_bytes;
	req.max_bytes = c->conf.fetch_max_bytes;
	req.isolation_level = c->conf.isolation_level;
	req.topics = x->treq;
	req.n_topics = x->n_treq;
	req.rack_id = c->conf.client_rack ? c->conf.client_rack : "";
	r = kt_fetch_req_encode(b, version, &req);
	if (r < 0)
		return kt_err_set(err, -r, "cannot encode Fetch v%d", version);
	return 0;
}

static void fetch_free(struct fetch_ctx *x)
{
	free(x->parts);
	free(x->offsets);
	free(x->preq);
	free(x->treq);
	free(x);
}

static void node_fetch_done(struct kt_consumer *c, int32_t node)
{
	size_t i;

	for (i = 0; i < c->n_fetch_nodes; i++)
		if (c->fetch_nodes[i] == node) {
			c->fetch_nodes[i] = c->fetch_nodes[--c->n_fetch_nodes];
			return;
		}
}

static bool node_fetching(const struct kt_consumer *c, int32_t node)
{
	size_t i;

	for (i = 0; i < c->n_fetch_nodes; i++)
		if (c->fetch_nodes[i] == node)
			return true;
	return false;
}

static int cmp_aborted(const void *a, const void *b)
{
	const struct kt_aborted_txn *x = a, *y = b;

	return x->first_offset < y->first_offset
		       ? -1
		       : x->first_offset > y->first_offset;
}

/*
 * Scan the batch headers of records (no record is decoded): the offset
 * after the last complete entry, or -1 when there is none. Corrupt framing
 * fails with err naming the partition and offset.
 */
static int64_t scan_next(struct cpart *p, struct kt_bytes records,
			 size_t *complete, struct kt_err *err)
{
	struct kt_region rg;
	struct kt_entry e;
	int64_t next = -1;
	int r;

	*complete = 0;
	kt_region_init(&rg, records.p, records.len, 0, 0, 0);
	while ((r = kt_region_next(&rg, &e, err)) > 0) {
		(*complete)++;
		if (e.magic == 2)
			next = kt_batch_last_offset(&e.batch) + 1;
		else
			next = e.legacy.offset + 1;
	}
	if (r < 0) {
		kt_err_prefix(err,
			      "corrupt record batch in '%s'-%d after offset "
			      "%" PRId64,
			      p->topic, p->partition,
			      next >= 0 ? next : p->position);
		return -2;
	}
	return next;
}

static void fetch_part(struct kt_consumer *c, struct cpart *p, int64_t offset,
		       struct kt_fetch_part_resp *pr, struct fresp *fr)
{
	int16_t code = pr->error_code;
	struct kt_err e;

	if (p->position != offset || p->state != P_READY)
		return; /* the position moved (a reset): drop the answer */
	if (code == 0) {
		size_t complete;
		int64_t next;
		struct chunk *ch;

		p->hw = pr->high_watermark;
		p->lso = pr->last_stable_offset;
		if (!pr->records.p || pr->records.len == 0)
			return;
		kt_err_clear(&e);
		next = scan_next(p, pr->records, &complete, &e);
		if (next == -2) {
			kt_consumer_fail(c, &e);
			return;
		}
		if (!complete) {
			/* one batch larger than max.partition.fetch.bytes */
			if (p->max_bytes < c->conf.fetch_max_bytes)
				p->max_bytes =
					p->max_bytes > c->conf.fetch_max_bytes /
								2
						? c->conf.fetch_max_bytes
						: p->max_bytes * 2;
			return;
		}
		ch = calloc(1, sizeof(*ch));
		if (!ch) {
			kt_err_set(&e, KT_ENOMEM, "out of memory");
			kt_consumer_fail(c, &e);
			return;
		}
		ch->p = p;
		ch->records = pr->records;
		ch->fetch_offset = offset;
		if (pr->n_aborted) {
			/* the answer's arrays live in its arena: copy */
			ch->aborted =
				malloc(pr->n_aborted * sizeof(*ch->aborted));
			if (!ch->aborted) {
				free(ch);
				kt_err_set(&e, KT_ENOMEM, "out of memory");
				kt_consumer_fail(c, &e);
				return;
			}
			memcpy(ch->aborted, pr->aborted,
			       pr->n_aborted * sizeof(*ch->aborted));
			ch->n_aborted = pr->n_aborted;
			qsort(ch->aborted, ch->n_aborted, sizeof(*ch->aborted),
			      cmp_aborted);
		}
		ch->fr = fr;
		fr->refs++;
		if (c->q_tail)
			c->q_tail->next = ch;
		else
			c->q_head = ch;
		c->q_tail = ch;
		p->nq++;
		if (next > p->position)
			p->position = next;
		p->max_bytes = c->conf.max_partition_fetch_bytes;
		return;
	}
	switch (code) {
	case 1: /* OFFSET_OUT_OF_RANGE */
		if (c->conf.auto_offset_reset == KT_RESET_NONE) {
			kt_err_kafka(&e, code,
				     "offset %" PRId64 " of '%s'-%d is out of "
				     "range and auto.offset.reset is none",
				     offset, p->topic, p->partition);
			kt_consumer_fail(c, &e);
			return;
		}
		p->start.kind = c->conf.auto_offset_reset == KT_RESET_EARLIEST
					? KT_POS_EARLIEST
					: KT_POS_LATEST;
		kt_consumer_drop_chunks(c, p);
		kt_consumer_plan_lookups(c, p, true);
		return;
	case 3:	  /* UNKNOWN_TOPIC_OR_PARTITION */
	case 5:	  /* LEADER_NOT_AVAILABLE */
	case 6:	  /* NOT_LEADER_OR_FOLLOWER */
	case 9:	  /* REPLICA_NOT_AVAILABLE */
	case 56:  /* KAFKA_STORAGE_ERROR */
	case 74:  /* FENCED_LEADER_EPOCH */
	case 75:  /* UNKNOWN_LEADER_EPOCH */
	case 78:  /* OFFSET_NOT_AVAILABLE */
	case 100: /* UNKNOWN_TOPIC_ID */
		c->md_wanted = true;
		p->retry_at = kt_now_ms() + kt_consumer_backoff_ms(1);
		return;
	default:
		if (kt_kerr_retriable(code)) {
			p->retry_at = kt_now_ms() + kt_consumer_backoff_ms(1);
			return;
		}
		kt_err_kafka(&e, code,
			     "fetch of '%s'-%d at offset %" PRId64
			     " failed: %s: %s",
			     p->topic, p->partition, offset, kt_kerr_name(code),
			     kt_kerr_message(code));
		kt_consumer_fail(c, &e);
	}
}

static void fetch_done(void *arg, struct kt_client *cl, int32_t node,
		       struct kt_response *resp, const struct kt_err *err)
{
	struct fetch_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct kt_fetch_resp r;
	struct fresp *fr = NULL;
	struct kt_err e;
	size_t i, t, k;

	(void)cl;
	(void)node;
	node_fetch_done(c, x->node);
	memset(&r, 0, sizeof(r));
	if (!err) {
		if (kt_fetch_resp_decode(resp->body, resp->body_len,
					 resp->api_version, &r, &e) < 0) {
			kt_err_prefix(&e, "fetch from broker %d", x->node);
			kt_consumer_fail(c, &e);
			err = &e;
		} else {
			fr = calloc(1, sizeof(*fr));
			if (fr) {
				fr->frame = resp->frame;
				resp->frame = NULL;
			}
		}
	}
	if (!err && r.error_code) {
		c->md_wanted = true;
		err = &e; /* a session-level error: retry all */
	}
	for (i = 0; i < x->n; i++) {
		struct cpart *p = x->parts[i];
		struct kt_fetch_part_resp *pr = NULL;

		p->fetching = false;
		if (kt_consumer_part_unref(p))
			continue;
		if (err || !fr) {
			p->retry_at = kt_now_ms() + kt_consumer_backoff_ms(2);
			c->md_wanted = true;
			continue;
		}
		for (t = 0; t < r.n_topics && !pr; t++) {
			if (!kt_bytes_eq(r.topics[t].topic, p->topic))
				continue;
			for (k = 0; k < r.topics[t].n_parts; k++)
				if (r.topics[t].parts[k].partition_index ==
				    p->partition) {
					pr = &r.topics[t].parts[k];
					break;
				}
		}
		if (pr)
			fetch_part(c, p, x->offsets[i], pr, fr);
	}
	if (fr && fr->refs == 0) {
		free(fr->frame);
		free(fr);
	}
	kt_fetch_resp_release(&r);
	fetch_free(x);
}

static bool fetchable(const struct kt_consumer *c, const struct cpart *p,
		      int64_t now)
{
	if (p->state != P_READY || p->fetching || p->leader < 0 ||
	    p->retry_at > now || p->nq >= KT_CHUNKS_PER_PART)
		return false;
	if (c->opts.stop_at_end && p->end >= 0 && p->position >= p->end)
		return false;
	if (!kt_group_may_fetch(&c->g))
		return false;
	return true;
}

static void fetch_send(struct kt_consumer *c, int32_t node, int64_t now)
{
	struct fetch_ctx *x;
	struct kt_err e;
	size_t i, j, n = 0;

	for (i = 0; i < c->n_parts; i++)
		if (c->parts[i]->leader == node &&
		    fetchable(c, c->parts[i], now))
			n++;
	if (!n)
		return;
	x = calloc(1, sizeof(*x));
	if (!x)
		return;
	x->c = c;
	x->node = node;
	x->parts = malloc(n * sizeof(*x->parts));
	x->offsets = malloc(n * sizeof(*x->offsets));
	x->preq = calloc(n, sizeof(*x->preq));
	x->treq = calloc(n, sizeof(*x->treq));
	if (!x->parts || !x->offsets || !x->preq || !x->treq) {
		fetch_free(x);
		return;
	}
	for (i = 0; i < c->n_parts; i++) {
		struct cpart *p = c->parts[i];

		if (p->leader != node || !fetchable(c, p, now))
			continue;
		for (j = 0; j < x->n_treq; j++)
			if (strcmp(x->treq[j].topic, p->topic) == 0)
				break;
		if (j == x->n_treq)
			x->treq[x->n_treq++].topic = p->topic;
	}
	for (j = 0; j < x->n_treq; j++) {
		x->treq[j].parts = &x->preq[x->n];
		for (i = 0; i < c->n_parts; i++) {
			struct cpart *p = c->parts[i];

			if (p->leader != node || !fetchable(c, p, now) ||
			    strcmp(p->topic, x->treq[j].topic) != 0)
				continue;
			kt_fetch_part_req_init(&x->preq[x->n], p->partition,
					       p->position, p->max_bytes);
			x->parts[x->n] = p;
			x->offsets[x->n] = p->position;
			x->n++;
			x->treq[j].n_parts++;
		}
	}
	if (c->n_fetch_nodes == c->cap_fetch_nodes) {
		size_t cap = c->cap_fetch_nodes ? c->cap_fetch_nodes * 2 : 8;
		int32_t *nn = realloc(c->fetch_nodes, cap * sizeof(*nn));

		if (!nn) {
			fetch_free(x);
			return;
		}
		c->fetch_nodes = nn;
		c->cap_fetch_nodes = cap;
	}
	if (kt_client_send(c->client, node, KT_API_FETCH, fetch_enc, x,
			   fetch_done, x, &e) < 0) {
		fetch_free(x);
		c->md_wanted = true;
		return;
	}
	c->fetch_nodes[c->n_fetch_nodes++] = node;
	for (i = 0; i < x->n; i++)
		x->parts[i]->fetching = true;
}

void kt_consumer_fetches(struct kt_consumer *c, int64_t now)
{
	size_t i;

	for (i = 0; i < c->n_parts; i++) {
		int32_t node = c->parts[i]->leader;

		if (node >= 0 && !node_fetching(c, node) &&
		    fetchable(c, c->parts[i], now))
			fetch_send(c, node, now);
	}
}
