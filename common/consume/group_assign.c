/*
 * consume/group_assign.c - the group leader's part of a rebalance: the
 * partition counts of every member's topics (Metadata), the members'
 * subscriptions decoded, the chosen assignor run, and the assignments
 * encoded for SyncGroup (the Java ConsumerCoordinator.onLeaderElected).
 */
#include "consume/group_int.h"
#include "consume/assignor.h"

#include <stdlib.h>
#include <string.h>

struct amd_ctx {
	struct kt_group *g;
	struct kt_md_req_topic *topics;
	int32_t n;
	char **names; /* owned, topics[i].name points here */
};

static void amd_free(struct amd_ctx *m)
{
	int32_t i;

	for (i = 0; i < m->n; i++)
		free(m->names[i]);
	free(m->names);
	free(m->topics);
	free(m);
}

static int amd_enc(void *arg, struct kt_buf *b, int16_t version,
		   struct kt_err *err)
{
	struct amd_ctx *m = arg;
	struct kt_metadata_req req;

	memset(&req, 0, sizeof(req));
	req.topics = m->topics;
	req.n_topics = m->n;
	return kt_metadata_req_encode(b, version, &req, err);
}

/* Decode members' subscriptions, run the assignor, send SyncGroup. */
static void leader_compute(struct kt_group *g)
{
	const struct kt_metadata *md = kt_client_metadata(g->client);
	struct kt_join_group_resp *j = &g->join;
	struct kt_consumer_subscription_dec *subs;
	struct kt_asg_member *mem;
	struct kt_asg_topic *topics = NULL;
	struct kt_asg_tp **owned;
	struct sync_ctx *x;
	enum kt_assignor_kind kind = KT_ASSIGNOR_RANGE;
	size_t i, t, k, nt = 0, cap_t = 0;
	struct kt_err e;

	kt_assignor_lookup(g->protocol, &kind);
	subs = calloc(j->n_members ? j->n_members : 1, sizeof(*subs));
	mem = calloc(j->n_members ? j->n_members : 1, sizeof(*mem));
	owned = calloc(j->n_members ? j->n_members : 1, sizeof(*owned));
	x = calloc(1, sizeof(*x));
	if (!subs || !mem || !owned || !x)
		goto out;
	for (i = 0; i < j->n_members; i++) {
		struct kt_consumer_subscription_dec *s = &subs[i];
		size_t no = 0;

		if (kt_consumer_subscription_decode(j->members[i].metadata.p,
						    j->members[i].metadata.len,
						    s, &e) < 0) {
			kt_err_prefix(&e, "subscription of member '%s'",
				      j->members[i].member_id);
			g->fatal = e.code;
			g->fatal_err = e;
			goto out;
		}
		mem[i].member_id = j->members[i].member_id;
		mem[i].instance_id = j->members[i].group_instance_id;
		mem[i].topics = (const char *const *)s->topics;
		mem[i].n_topics = s->n_topics;
		mem[i].generation = s->generation_id;
		for (t = 0; t < s->n_owned_partitions; t++)
			no += s->owned_partitions[t].n_parts;
		owned[i] = calloc(no ? no : 1, sizeof(**owned));
		if (!owned[i])
			goto out;
		for (t = 0; t < s->n_owned_partitions; t++)
			for (k = 0; k < s->owned_partitions[t].n_parts; k++) {
				owned[i][mem[i].n_owned].topic =
					s->owned_partitions[t].topic;
				owned[i][mem[i].n_owned].partition =
					s->owned_partitions[t].parts[k];
				mem[i].n_owned++;
			}
		mem[i].owned = owned[i];
		for (t = 0; t < s->n_topics; t++) {
			const struct kt_md_topic *mt =
				md ? kt_metadata_topic(md, s->topics[t]) : NULL;

			for (k = 0; k < nt; k++)
				if (strcmp(topics[k].name, s->topics[t]) == 0)
					break;
			if (k < nt)
				continue;
			if (nt == cap_t) {
				size_t nc = cap_t ? cap_t * 2 : 8;
				struct kt_asg_topic *n2 =
					realloc(topics, nc * sizeof(*n2));

				if (!n2)
					goto out;
				topics = n2;
				cap_t = nc;
			}
			topics[nt].name = s->topics[t];
			topics[nt].partitions =
				mt && !mt->error_code
					? (int32_t)mt->n_partitions
					: 0;
			nt++;
		}
	}
	if (kt_assign(kind, topics, nt, mem, j->n_members, &e) < 0)
		goto out;
	x->g = g;
	x->as = calloc(j->n_members ? j->n_members : 1, sizeof(*x->as));
	x->bufs = calloc(j->n_members ? j->n_members : 1, sizeof(*x->bufs));
	if (!x->as || !x->bufs)
		goto out_res;
	for (i = 0; i < j->n_members; i++) {
		struct kt_topic_parts *tp;
		int32_t *pv;
		struct kt_consumer_assignment a;
		size_t ntp = 0, q;
		int16_t ver = subs[i].version > 3   ? 3
			      : subs[i].version < 0 ? 0
						    : subs[i].version;

		tp = calloc(mem[i].n_assigned ? mem[i].n_assigned : 1,
			    sizeof(*tp));
		pv = malloc((mem[i].n_assigned ? mem[i].n_assigned : 1) *
			    sizeof(*pv));
		if (!tp || !pv) {
			free(tp);
			free(pv);
			goto out_res;
		}
		for (q = 0; q < mem[i].n_assigned; q++) {
			pv[q] = mem[i].assigned[q].partition;
			if (!ntp || strcmp(tp[ntp - 1].topic,
					   mem[i].assigned[q].topic) != 0) {
				tp[ntp].topic = mem[i].assigned[q].topic;
				tp[ntp].parts = &pv[q];
				ntp++;
			}
			tp[ntp - 1].n_parts++;
		}
		memset(&a, 0, sizeof(a));
		a.assigned = tp;
		a.n_assigned = ntp;
		kt_buf_init(&x->bufs[i], 0);
		kt_consumer_assignment_encode(&x->bufs[i], ver, &a);
		free(tp);
		free(pv);
		x->as[i].member_id = strdup(j->members[i].member_id);
		if (!x->as[i].member_id) {
			kt_buf_release(&x->bufs[i]);
			goto out_res;
		}
		x->as[i].assignment.p = x->bufs[i].p;
		x->as[i].assignment.len = x->bufs[i].len;
		x->n++;
	}
	kt_asg_result_free(mem, j->n_members);
	for (i = 0; i < j->n_members; i++) {
		free(owned[i]);
		kt_consumer_subscription_release(&subs[i]);
	}
	free(subs);
	free(mem);
	free(owned);
	free(topics);
	kt_group_send_sync(g, x);
	return;
out_res:
	kt_asg_result_free(mem, j->n_members);
out:
	if (subs)
		for (i = 0; i < j->n_members; i++)
			kt_consumer_subscription_release(&subs[i]);
	if (owned)
		for (i = 0; i < j->n_members; i++)
			free(owned[i]);
	free(subs);
	free(mem);
	free(owned);
	free(topics);
	if (x)
		kt_group_sync_free(x);
	if (!g->fatal) {
		kt_err_set(&g->fatal_err, KT_ENOMEM,
			   "out of memory computing the assignment");
		g->fatal = KT_ENOMEM;
	}
}

static void amd_done(void *arg, struct kt_client *cl, int32_t node,
		     struct kt_response *resp, const struct kt_err *err)
{
	struct amd_ctx *m = arg;
	struct kt_group *g = m->g;
	struct kt_metadata md;
	struct kt_err e;

	(void)node;
	amd_free(m);
	if (g->state != KT_GROUP_ASSIGNING)
		return;
	if (err || !g->client) {
		g->state = KT_GROUP_UNJOINED;
		kt_group_coordinator_lost(g);
		return;
	}
	if (kt_metadata_resp_decode(resp->body, resp->body_len,
				    resp->api_version, &md, &e) < 0 ||
	    kt_client_metadata_take(cl, &md, &e) < 0) {
		kt_metadata_release(&md);
		g->state = KT_GROUP_UNJOINED;
		return;
	}
	leader_compute(g);
}

/* The leader needs partition counts of every member's topics. */
void kt_group_leader_assign(struct kt_group *g)
{
	struct kt_join_group_resp *j = &g->join;
	struct amd_ctx *m = calloc(1, sizeof(*m));
	size_t i, t, k, cap = 0, n_own = 0;
	const char **own = g->host.topics(g->host.arg, &n_own);
	struct kt_consumer_subscription_dec s;
	struct kt_err e;

	if (!m || !own)
		goto fail;
	m->g = g;
	for (i = 0; i <= j->n_members; i++) {
		const char *const *tv;
		size_t tn;

		memset(&s, 0, sizeof(s));
		if (i == j->n_members) {
			tv = own;
			tn = n_own;
		} else {
			if (kt_consumer_subscription_decode(
				    j->members[i].metadata.p,
				    j->members[i].metadata.len, &s, &e) < 0) {
				kt_consumer_subscription_release(&s);
				continue;
			}
			tv = (const char *const *)s.topics;
			tn = s.n_topics;
		}
		for (t = 0; t < tn; t++) {
			for (k = 0; k < (size_t)m->n; k++)
				if (strcmp(m->names[k], tv[t]) == 0)
					break;
			if (k < (size_t)m->n)
				continue;
			if ((size_t)m->n == cap) {
				size_t nc = cap ? cap * 2 : 16;
				char **nn = realloc(m->names, nc * sizeof(*nn));

				if (!nn) {
					kt_consumer_subscription_release(&s);
					goto fail;
				}
				m->names = nn;
				cap = nc;
			}
			m->names[m->n] = strdup(tv[t]);
			if (!m->names[m->n]) {
				kt_consumer_subscription_release(&s);
				goto fail;
			}
			m->n++;
		}
		kt_consumer_subscription_release(&s);
	}
	free(own);
	own = NULL;
	if (m->n == 0) {
		amd_free(m);
		leader_compute(g);
		return;
	}
	m->topics = calloc((size_t)m->n, sizeof(*m->topics));
	if (!m->topics)
		goto fail;
	for (i = 0; i < (size_t)m->n; i++)
		m->topics[i].name = m->names[i];
	if (kt_client_send(g->client, KT_NODE_ANY, KT_API_METADATA, amd_enc, m,
			   amd_done, m, &e) < 0) {
		amd_free(m);
		g->state = KT_GROUP_UNJOINED;
	}
	return;
fail:
	free(own);
	if (m)
		amd_free(m);
	g->state = KT_GROUP_UNJOINED;
}
