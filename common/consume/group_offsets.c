/*
 * consume/group_offsets.c - the group's offsets: OffsetCommit of the
 * written positions (auto.commit.interval.ms, before an eager revocation,
 * for cooperatively revoked partitions, on close) and OffsetFetch of the
 * committed offsets newly assigned partitions start from.
 */
#include "consume/group_int.h"
#include "wire/kerr.h"

#include <stdlib.h>
#include <string.h>

/* --- commits ------------------------------------------------------------- */

struct commit_ctx {
	struct kt_group *g;
	size_t n;
	char **topics; /* per entry, owned */
	int32_t *parts;
	int64_t *offsets;
	struct kt_offset_commit_part_req *preq;
	struct kt_offset_commit_topic_req *treq;
	size_t n_treq;
	int32_t generation;
	bool *done_flag;
};

static void commit_free(struct commit_ctx *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		free(x->topics[i]);
	free(x->topics);
	free(x->parts);
	free(x->offsets);
	free(x->preq);
	free(x->treq);
	free(x);
}

static int commit_enc(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err)
{
	struct commit_ctx *x = arg;
	struct kt_group *g = x->g;
	struct kt_offset_commit_req req;
	int r;

	memset(&req, 0, sizeof(req));
	req.group_id = g->conf.group_id;
	req.generation_id_or_member_epoch = x->generation;
	req.member_id = g->member_id;
	req.group_instance_id = g->conf.group_instance_id;
	req.retention_time_ms = -1;
	req.topics = x->treq;
	req.n_topics = x->n_treq;
	r = kt_offset_commit_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode OffsetCommit v%d",
				  version)
		     : 0;
}

static void commit_done(void *arg, struct kt_client *cl, int32_t node,
			struct kt_response *resp, const struct kt_err *err)
{
	struct commit_ctx *x = arg;
	struct kt_group *g = x->g;
	struct kt_offset_commit_resp r;
	struct kt_err e;
	size_t t, k, i;

	(void)cl;
	(void)node;
	g->commit_inflight = false;
	if (x->done_flag)
		*x->done_flag = true;
	memset(&r, 0, sizeof(r));
	if (err || !g->client ||
	    kt_offset_commit_resp_decode(resp->body, resp->body_len,
					 resp->api_version, &r, &e) < 0) {
		kt_group_coordinator_lost(g);
		goto out;
	}
	for (t = 0; t < r.n_topics; t++)
		for (k = 0; k < r.topics[t].n_parts; k++) {
			const struct kt_part_error *pe = &r.topics[t].parts[k];

			switch (pe->error_code) {
			case 0:
				for (i = 0; i < x->n; i++)
					if (x->parts[i] ==
						    pe->partition_index &&
					    strcmp(x->topics[i],
						   r.topics[t].name) == 0)
						g->host.committed(
							g->host.arg,
							r.topics[t].name,
							pe->partition_index,
							x->offsets[i]);
				break;
			case E_UNKNOWN_MEMBER_ID:
				kt_group_set_member(g, "");
				/* fall through */
			case E_ILLEGAL_GENERATION:
			case E_REBALANCE_IN_PROGRESS:
				kt_group_need_rejoin(
					g, "commit failed: rebalance");
				break;
			case E_NOT_COORDINATOR:
			case E_COORDINATOR_NOT_AVAILABLE:
			case E_REQUEST_TIMED_OUT:
				kt_group_coordinator_lost(g);
				break;
			default:
				if (!kt_kerr_retriable(pe->error_code))
					kt_group_fail(g, pe->error_code,
						      "OffsetCommit");
				break;
			}
		}
out:
	kt_offset_commit_resp_release(&r);
	commit_free(x);
}

/* Commit the written positions of v[0..n) that changed. Returns 1 when a
 * request went out, 0 when there was nothing to send. */
static int commit_parts(struct kt_group *g, const struct kt_group_part *v,
			size_t n, bool *done_flag)
{
	struct commit_ctx *x;
	struct kt_err e;
	size_t i, j, m = 0;

	if (g->generation < 0 || g->coord_id < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (v[i].ready && v[i].written >= 0 &&
		    v[i].written != v[i].committed)
			m++;
	if (!m)
		return 0;
	x = calloc(1, sizeof(*x));
	if (!x)
		return 0;
	x->g = g;
	x->generation = g->generation;
	x->done_flag = done_flag;
	x->topics = calloc(m, sizeof(*x->topics));
	x->parts = malloc(m * sizeof(*x->parts));
	x->offsets = malloc(m * sizeof(*x->offsets));
	x->preq = calloc(m, sizeof(*x->preq));
	x->treq = calloc(m, sizeof(*x->treq));
	if (!x->topics || !x->parts || !x->offsets || !x->preq || !x->treq) {
		commit_free(x);
		return 0;
	}
	for (i = 0; i < n; i++) {
		const struct kt_group_part *p = &v[i];

		if (!(p->ready && p->written >= 0 &&
		      p->written != p->committed))
			continue;
		x->topics[x->n] = strdup(p->topic);
		if (!x->topics[x->n]) {
			commit_free(x);
			return 0;
		}
		x->parts[x->n] = p->partition;
		x->offsets[x->n] = p->written;
		x->n++;
	}
	for (i = 0; i < x->n; i++) {
		for (j = 0; j < x->n_treq; j++)
			if (strcmp(x->treq[j].name, x->topics[i]) == 0)
				break;
		if (j == x->n_treq)
			x->treq[x->n_treq++].name = x->topics[i];
	}
	m = 0;
	for (j = 0; j < x->n_treq; j++) {
		x->treq[j].parts = &x->preq[m];
		for (i = 0; i < x->n; i++) {
			if (strcmp(x->topics[i], x->treq[j].name) != 0)
				continue;
			x->preq[m].partition_index = x->parts[i];
			x->preq[m].committed_offset = x->offsets[i];
			x->preq[m].committed_leader_epoch = -1;
			x->preq[m].committed_metadata = "";
			m++;
			x->treq[j].n_parts++;
		}
	}
	if (kt_client_send(g->client, g->coord_node, KT_API_OFFSET_COMMIT,
			   commit_enc, x, commit_done, x, &e) < 0) {
		commit_free(x);
		return 0;
	}
	g->commit_inflight = true;
	return 1;
}

/* Commit the written positions of every assigned partition that changed. */
int kt_group_commit_all(struct kt_group *g, bool *done_flag)
{
	size_t n;
	struct kt_group_part *v = kt_group_parts_copy(g, &n);
	int r = commit_parts(g, v, n, done_flag);

	free(v);
	return r;
}

void kt_group_commit_revoked(struct kt_group *g, const struct kt_group_part *v,
			     size_t n)
{
	if (g->conf.enable_auto_commit)
		commit_parts(g, v, n, NULL);
}

int kt_group_commit(struct kt_group *g, bool sync_wait, int timeout_ms,
		    struct kt_err *err)
{
	bool done = false;
	int64_t deadline = kt_now_ms() + timeout_ms;
	int r;

	r = kt_group_commit_all(g, sync_wait ? &done : NULL);
	if (r <= 0 || !sync_wait)
		return r;
	while (!done) {
		int64_t now = kt_now_ms();

		if (now >= deadline)
			return kt_err_set(err, KT_ETIMEDOUT,
					  "offset commit of group '%s' timed "
					  "out",
					  g->conf.group_id);
		if (kt_client_poll(g->client, (int)(deadline - now), err) < 0)
			return -KT_EIO;
	}
	return 1;
}

/* --- OffsetFetch --------------------------------------------------------- */

struct of_ctx {
	struct kt_group *g;
	size_t n;
	struct kt_group_part *parts; /* topics borrowed, same generation */
	int32_t *pnums;
	struct kt_offset_fetch_topic_req *treq;
	size_t n_treq;
	size_t gen;
};

static void of_free(struct of_ctx *x)
{
	free(x->parts);
	free(x->pnums);
	free(x->treq);
	free(x);
}

static int of_enc(void *arg, struct kt_buf *b, int16_t version,
		  struct kt_err *err)
{
	struct of_ctx *x = arg;
	struct kt_offset_fetch_group_req g;
	struct kt_offset_fetch_req req;
	int r;

	memset(&g, 0, sizeof(g));
	g.group_id = x->g->conf.group_id;
	g.member_epoch = -1;
	g.topics = x->treq;
	g.n_topics = x->n_treq;
	memset(&req, 0, sizeof(req));
	req.groups = &g;
	req.n_groups = 1;
	req.require_stable = true;
	r = kt_offset_fetch_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode OffsetFetch v%d",
				  version)
		     : 0;
}

/* Whether p is still assigned and waiting for its committed offset. */
static bool still_waiting(struct kt_group *g, const struct kt_group_part *p)
{
	size_t i, np = kt_group_n_parts(g);

	for (i = 0; i < np; i++) {
		struct kt_group_part q;

		kt_group_part_at(g, i, &q);
		if (q.partition == p->partition &&
		    strcmp(q.topic, p->topic) == 0)
			return q.need_committed;
	}
	return false;
}

static void of_done(void *arg, struct kt_client *cl, int32_t node,
		    struct kt_response *resp, const struct kt_err *err)
{
	struct of_ctx *x = arg;
	struct kt_group *g = x->g;
	struct kt_offset_fetch_resp r;
	struct kt_err e;
	size_t i, t, k;
	int16_t gerr = 0;

	(void)cl;
	(void)node;
	g->offsets_inflight = false;
	memset(&r, 0, sizeof(r));
	if (err || !g->client ||
	    kt_offset_fetch_resp_decode(resp->body, resp->body_len,
					resp->api_version, &r, &e) < 0 ||
	    r.n_groups < 1) {
		kt_group_coordinator_lost(g);
		goto out;
	}
	if (x->gen != g->assign_gen)
		goto out; /* the assignment changed meanwhile */
	gerr = r.groups[0].error_code;
	if (gerr == E_NOT_COORDINATOR || gerr == E_COORDINATOR_NOT_AVAILABLE) {
		kt_group_coordinator_lost(g);
		goto out;
	}
	if (gerr == E_UNSTABLE_OFFSET_COMMIT ||
	    gerr == E_COORDINATOR_LOAD_IN_PROGRESS) {
		g->retry_at = kt_now_ms() + 200;
		goto out;
	}
	if (gerr) {
		kt_group_fail(g, gerr, "OffsetFetch");
		goto out;
	}
	for (i = 0; i < x->n; i++) {
		struct kt_group_part *p = &x->parts[i];
		const struct kt_offset_fetch_part_resp *pr = NULL;

		if (!still_waiting(g, p))
			continue;
		for (t = 0; t < r.groups[0].n_topics && !pr; t++) {
			if (strcmp(r.groups[0].topics[t].name, p->topic) != 0)
				continue;
			for (k = 0; k < r.groups[0].topics[t].n_parts; k++)
				if (r.groups[0]
					    .topics[t]
					    .parts[k]
					    .partition_index == p->partition)
					pr = &r.groups[0].topics[t].parts[k];
		}
		if (!pr)
			continue;
		if (pr->error_code) {
			if (pr->error_code == E_UNSTABLE_OFFSET_COMMIT ||
			    kt_kerr_retriable(pr->error_code))
				g->retry_at = kt_now_ms() + 200;
			else
				kt_group_fail(g, pr->error_code, "OffsetFetch");
			continue;
		}
		if (g->host.start(g->host.arg, p->topic, p->partition,
				  pr->committed_offset >= 0
					  ? pr->committed_offset
					  : -1) < 0) {
			if (!g->fatal) {
				g->fatal = KT_ENOTFOUND;
				kt_err_set(&g->fatal_err, KT_ENOTFOUND,
					   "Undefined offset with no reset "
					   "policy for partitions: [%s-%d]",
					   p->topic, p->partition);
			}
		}
	}
out:
	kt_offset_fetch_resp_release(&r);
	of_free(x);
}

void kt_group_fetch_offsets(struct kt_group *g)
{
	struct of_ctx *x;
	struct kt_group_part *v;
	struct kt_err e;
	size_t i, j, n = 0, m = 0, np;

	v = kt_group_parts_copy(g, &np);
	for (i = 0; i < np; i++)
		n += v[i].need_committed;
	if (!n) {
		free(v);
		return;
	}
	x = calloc(1, sizeof(*x));
	if (!x) {
		free(v);
		return;
	}
	x->g = g;
	x->gen = g->assign_gen;
	x->parts = malloc(n * sizeof(*x->parts));
	x->pnums = malloc(n * sizeof(*x->pnums));
	x->treq = calloc(n, sizeof(*x->treq));
	if (!x->parts || !x->pnums || !x->treq) {
		free(v);
		of_free(x);
		return;
	}
	for (i = 0; i < np; i++) {
		struct kt_group_part *p = &v[i];

		if (!p->need_committed)
			continue;
		for (j = 0; j < x->n_treq; j++)
			if (strcmp(x->treq[j].name, p->topic) == 0)
				break;
		if (j == x->n_treq)
			x->treq[x->n_treq++].name = p->topic;
	}
	for (j = 0; j < x->n_treq; j++) {
		x->treq[j].parts = &x->pnums[m];
		for (i = 0; i < np; i++) {
			struct kt_group_part *p = &v[i];

			if (!p->need_committed ||
			    strcmp(p->topic, x->treq[j].name) != 0)
				continue;
			x->pnums[m] = p->partition;
			x->parts[m] = *p;
			m++;
			x->treq[j].n_parts++;
		}
	}
	x->n = m;
	free(v);
	if (kt_client_send(g->client, g->coord_node, KT_API_OFFSET_FETCH,
			   of_enc, x, of_done, x, &e) < 0) {
		of_free(x);
		kt_group_coordinator_lost(g);
		return;
	}
	g->offsets_inflight = true;
}
