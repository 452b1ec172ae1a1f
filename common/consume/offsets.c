/*
 * consume/offsets.c - where a partition starts and stops: the ListOffsets
 * lookups a position needs (earliest, latest, by timestamp; the Java
 * OffsetFetcher) and the fetch position they give.
 */
#include "consume/consumer_int.h"
#include "wire/kerr.h"

/* Decide which ListOffsets lookups p needs for its start and end. */
void kt_consumer_plan_lookups(struct kt_consumer *c, struct cpart *p,
			      bool need_start)
{
	memset(p->want, 0, sizeof(p->want));
	memset(p->got, 0, sizeof(p->got));
	if (need_start) {
		switch (p->start.kind) {
		case KT_POS_EARLIEST:
			p->want[LO_EARLIEST] = true;
			break;
		case KT_POS_LATEST:
			p->want[LO_LATEST] = true;
			break;
		case KT_POS_FROM_START:
		case KT_POS_FROM_END:
			p->want[LO_EARLIEST] = p->want[LO_LATEST] = true;
			break;
		case KT_POS_TIMESTAMP:
			p->want[LO_TS_START] = p->want[LO_LATEST] = true;
			break;
		default:
			break;
		}
	}
	if (c->opts.stop_at_end && p->end < 0) {
		switch (c->opts.end.kind) {
		case KT_POS_TIMESTAMP:
			p->want[LO_TS_END] = true;
			p->want[LO_LATEST] = true;
			break;
		case KT_POS_FROM_START:
			p->want[LO_EARLIEST] = true;
			break;
		case KT_POS_OFFSET:
			break;
		default:
			p->want[LO_LATEST] = true;
			break;
		}
	}
	p->state = P_RESOLVING;
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* All lookups of p are in: set its position and end, and start fetching. */
static void finish_lookups(struct kt_consumer *c, struct cpart *p,
			   bool need_start)
{
	int64_t e = p->lo[LO_EARLIEST], l = p->lo[LO_LATEST];

	(void)need_start; /* without lookups, start is an offset */
	{
		switch (p->start.kind) {
		case KT_POS_EARLIEST:
			p->position = e;
			break;
		case KT_POS_LATEST:
			p->position = l;
			break;
		case KT_POS_FROM_START:
			p->position = clamp(e + p->start.value, e, l);
			break;
		case KT_POS_FROM_END:
			p->position = clamp(l - p->start.value, e, l);
			break;
		case KT_POS_TIMESTAMP:
			p->position = p->lo[LO_TS_START] >= 0
					      ? p->lo[LO_TS_START]
					      : l;
			break;
		default:
			p->position = p->start.value;
			break;
		}
	}
	if (c->opts.stop_at_end && p->end < 0) {
		/* captured once: a later reset keeps it */
		switch (c->opts.end.kind) {
		case KT_POS_TIMESTAMP:
			p->end = p->lo[LO_TS_END] >= 0 ? p->lo[LO_TS_END] : l;
			break;
		case KT_POS_OFFSET:
			p->end = c->opts.end.value;
			break;
		case KT_POS_FROM_START:
			p->end = e + c->opts.end.value;
			break;
		case KT_POS_FROM_END:
			p->end = l - c->opts.end.value;
			break;
		default:
			p->end = l;
			break;
		}
	}
	p->returned = p->written = p->position;
	p->unwritten = false;
	p->state = P_READY;
}

/* --- ListOffsets --------------------------------------------------------- */

struct lo_ctx {
	struct kt_consumer *c;
	int kind;
	size_t n;
	struct cpart **parts;
	struct kt_list_offsets_part_req *preq;
	struct kt_list_offsets_topic_req *treq;
	size_t n_treq;
};

static int64_t lo_timestamp(struct kt_consumer *c, struct cpart *p, int kind)
{
	switch (kind) {
	case LO_EARLIEST:
		return KT_OFFSET_EARLIEST;
	case LO_LATEST:
		return KT_OFFSET_LATEST;
	case LO_TS_START:
		return p->start.value;
	default:
		return c->opts.end.value;
	}
}

static int lo_enc(void *arg, struct kt_buf *b, int16_t version,
		  struct kt_err *err)
{
	struct lo_ctx *x = arg;
	struct kt_list_offsets_req req;
	int r;

	memset(&req, 0, sizeof(req));
	req.replica_id = -1;
	req.isolation_level = x->c->conf.isolation_level;
	req.topics = x->treq;
	req.n_topics = x->n_treq;
	req.timeout_ms = x->c->conf.client.request_timeout_ms;
	r = kt_list_offsets_req_encode(b, version, &req);
	if (r < 0)
		return kt_err_set(err, -r, "cannot encode ListOffsets v%d",
				  version);
	return 0;
}

static void lo_free(struct lo_ctx *x)
{
	free(x->parts);
	free(x->preq);
	free(x->treq);
	free(x);
}

static void lo_done(void *arg, struct kt_client *cl, int32_t node,
		    struct kt_response *resp, const struct kt_err *err)
{
	struct lo_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct kt_list_offsets_resp r;
	struct kt_err e;
	size_t i, t, k;
	bool retry = false;

	(void)cl;
	(void)node;
	memset(&r, 0, sizeof(r));
	if (!err &&
	    kt_list_offsets_resp_decode(resp->body, resp->body_len,
					resp->api_version, &r, &e) < 0) {
		kt_consumer_fail(c, &e);
		err = &e;
	}
	for (i = 0; i < x->n; i++) {
		struct cpart *p = x->parts[i];
		const struct kt_list_offsets_part_resp *pr = NULL;

		p->busy[x->kind] = false;
		if (kt_consumer_part_unref(p))
			continue;
		for (t = 0; !err && t < r.n_topics && !pr; t++) {
			if (strcmp(r.topics[t].name, p->topic) != 0)
				continue;
			for (k = 0; k < r.topics[t].n_parts; k++)
				if (r.topics[t].parts[k].partition_index ==
				    p->partition)
					pr = &r.topics[t].parts[k];
		}
		if (!pr || pr->error_code) {
			int16_t code = pr ? pr->error_code : 0;

			if (code && !kt_kerr_retriable(code) &&
			    code != KT_KERR_UNKNOWN_TOPIC_OR_PARTITION) {
				kt_err_kafka(&e, code,
					     "cannot list offsets of '%s'-%d: "
					     "%s: %s",
					     p->topic, p->partition,
					     kt_kerr_name(code),
					     kt_kerr_message(code));
				kt_consumer_fail(c, &e);
				continue;
			}
			retry = true;
			p->retry_at = kt_now_ms() + kt_consumer_backoff_ms(1);
			continue;
		}
		p->lo[x->kind] = pr->offset;
		p->got[x->kind] = true;
		if (p->state == P_RESOLVING) {
			for (k = 0; k < LO_N; k++)
				if (p->want[k] && !p->got[k])
					break;
			if (k == LO_N)
				finish_lookups(
					c, p,
					p->start.kind != KT_POS_OFFSET &&
						p->start.kind !=
							KT_POS_COMMITTED);
		}
	}
	if (retry)
		c->md_wanted = true;
	kt_list_offsets_resp_release(&r);
	lo_free(x);
}

/* Send the lookups of kind to leader for parts[] (all of one leader). */
static void lo_send(struct kt_consumer *c, int32_t leader, int kind,
		    struct cpart **parts, size_t n)
{
	struct lo_ctx *x = calloc(1, sizeof(*x));
	struct kt_err e;
	size_t i, j;

	if (!x)
		return;
	x->c = c;
	x->kind = kind;
	x->parts = malloc(n * sizeof(*x->parts));
	x->preq = calloc(n, sizeof(*x->preq));
	x->treq = calloc(n, sizeof(*x->treq));
	if (!x->parts || !x->preq || !x->treq) {
		lo_free(x);
		return;
	}
	/* partitions of one topic must be adjacent: group them */
	for (i = 0; i < n; i++) {
		struct cpart *p = parts[i];

		for (j = 0; j < x->n_treq; j++)
			if (strcmp(x->treq[j].name, p->topic) == 0)
				break;
		if (j == x->n_treq) {
			x->treq[j].name = p->topic;
			x->n_treq++;
		}
	}
	for (j = 0; j < x->n_treq; j++) {
		x->treq[j].parts = &x->preq[x->n];
		for (i = 0; i < n; i++) {
			struct cpart *p = parts[i];

			if (strcmp(p->topic, x->treq[j].name) != 0)
				continue;
			x->preq[x->n].partition_index = p->partition;
			x->preq[x->n].current_leader_epoch = -1;
			x->preq[x->n].timestamp = lo_timestamp(c, p, kind);
			x->parts[x->n] = p;
			x->n++;
			x->treq[j].n_parts++;
		}
	}
	if (kt_client_send(c->client, leader, KT_API_LIST_OFFSETS, lo_enc, x,
			   lo_done, x, &e) < 0) {
		lo_free(x);
		c->md_wanted = true;
		return;
	}
	for (i = 0; i < n; i++)
		parts[i]->busy[kind] = true;
}

void kt_consumer_lookups(struct kt_consumer *c, int64_t now)
{
	struct cpart **batch;
	size_t i, j, nb;
	int k;

	batch = malloc((c->n_parts ? c->n_parts : 1) * sizeof(*batch));
	if (!batch)
		return;
	for (k = 0; k < LO_N; k++) {
		for (i = 0; i < c->n_parts; i++) {
			struct cpart *p = c->parts[i];
			int32_t leader;

			if (p->state != P_RESOLVING || !p->want[k] ||
			    p->got[k] || p->busy[k] || p->leader < 0 ||
			    p->retry_at > now)
				continue;
			leader = p->leader;
			nb = 0;
			for (j = i; j < c->n_parts; j++) {
				struct cpart *q = c->parts[j];

				if (q->state == P_RESOLVING && q->want[k] &&
				    !q->got[k] && !q->busy[k] &&
				    q->leader == leader && q->retry_at <= now)
					batch[nb++] = q;
			}
			lo_send(c, leader, k, batch, nb);
		}
	}
	free(batch);
}

void kt_consumer_part_plan(struct kt_consumer *c, struct cpart *p)
{
	bool need_start = p->start.kind != KT_POS_OFFSET &&
			  p->start.kind != KT_POS_COMMITTED;
	size_t k;

	kt_consumer_plan_lookups(c, p, need_start);
	for (k = 0; k < LO_N && !p->want[k]; k++)
		;
	if (k == LO_N)
		finish_lookups(c, p, need_start);
}
