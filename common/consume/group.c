/*
 * consume/group.c - classic consumer group membership for the consumer: find
 * the coordinator, JoinGroup / SyncGroup (the leader runs the assignor),
 * Heartbeat, OffsetFetch for new partitions, OffsetCommit of written positions
 * (every auto.commit.interval.ms, before an eager revocation, for cooperatively
 * revoked partitions and on close), LeaveGroup.
 *
 * Follows the Java ConsumerCoordinator/AbstractCoordinator: the rebalance
 * protocol is cooperative only when every configured assignor supports it
 * (the default [range, cooperative-sticky] is therefore eager); static
 * members (KIP-345, group.instance.id) do not leave on close; JoinGroup
 * v4+ answers MEMBER_ID_REQUIRED to a new member, which rejoins with the
 * id it was given (KIP-394). The coordinator gets its own connection
 * (an alias node, as Java's Integer.MAX_VALUE - id) whose request timeout
 * covers a JoinGroup that waits for the whole rebalance.
 *
 * Everything here runs from kt_consumer_next's loop; request callbacks only
 * record results and change state.
 */
#include "consume/consumer_int.h"
#include "wire/kerr.h"

#include <inttypes.h>

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

static void group_fail(struct kt_consumer *c, int16_t code, const char *what)
{
	struct grp *g = &c->g;

	if (g->fatal)
		return;
	g->fatal = KT_EKAFKA;
	kt_err_kafka(&g->fatal_err, code, "%s of group '%s' failed: %s: %s",
		     what, c->conf.group_id, kt_kerr_name(code),
		     kt_kerr_message(code));
}

static int set_member(struct grp *g, const char *id)
{
	char *s = strdup(id ? id : "");

	if (!s)
		return -KT_ENOMEM;
	free(g->member_id);
	g->member_id = s;
	return 0;
}

void kt_group_init(struct kt_consumer *c)
{
	struct grp *g = &c->g;
	size_t i;

	memset(g, 0, sizeof(*g));
	g->state = G_NONE;
	g->generation = -1;
	g->coord_id = -1;
	g->coord_node = -1;
	set_member(g, "");
	g->cooperative = c->conf.n_assignors > 0;
	for (i = 0; i < c->conf.n_assignors; i++)
		if (!kt_assignor_cooperative(
			    (enum kt_assignor_kind)c->conf.assignors[i]))
			g->cooperative = false;
}

void kt_group_release(struct kt_consumer *c)
{
	struct grp *g = &c->g;

	free(g->member_id);
	free(g->protocol);
	free(g->reason);
	free(g->sig);
	kt_join_group_resp_release(&g->join);
	memset(g, 0, sizeof(*g));
}

static void coordinator_lost(struct kt_consumer *c)
{
	c->g.coord_id = -1;
	c->g.retry_at = kt_now_ms() + 100;
}

static void need_rejoin(struct kt_consumer *c, const char *reason)
{
	struct grp *g = &c->g;

	if (g->state == G_STABLE || g->state == G_SYNCING ||
	    g->state == G_JOINING || g->state == G_ASSIGNING)
		g->rejoin = true;
	free(g->reason);
	g->reason = strdup(reason);
}

/* Lose every partition without committing (generation gone). */
static void lose_all(struct kt_consumer *c)
{
	while (c->n_parts)
		kt_consumer_remove_part(c, c->parts[c->n_parts - 1]);
	c->g.assign_gen++;
}

/* --- FindCoordinator ----------------------------------------------------- */

static int fc_enc(void *arg, struct kt_buf *b, int16_t version,
		  struct kt_err *err)
{
	struct kt_consumer *c = arg;
	const char *keys[1] = {c->conf.group_id};
	struct kt_find_coordinator_req req;
	int r;

	req.key_type = KT_COORDINATOR_GROUP;
	req.keys = keys;
	req.n_keys = 1;
	r = kt_find_coordinator_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode FindCoordinator") : 0;
}

static void fc_done(void *arg, struct kt_client *cl, int32_t node,
		    struct kt_response *resp, const struct kt_err *err)
{
	struct kt_consumer *c = arg;
	struct grp *g = &c->g;
	struct kt_find_coordinator_resp r;
	struct kt_err e;

	(void)node;
	g->finding = false;
	memset(&r, 0, sizeof(r));
	if (err || !c->client ||
	    kt_find_coordinator_resp_decode(resp->body, resp->body_len,
					    resp->api_version, &r, &e) < 0 ||
	    r.n_coordinators < 1) {
		g->retry_at = kt_now_ms() + 200;
		kt_find_coordinator_resp_release(&r);
		return;
	}
	if (r.coordinators[0].error_code) {
		int16_t code = r.coordinators[0].error_code;

		if (kt_kerr_retriable(code))
			g->retry_at = kt_now_ms() + 200;
		else
			group_fail(c, code, "FindCoordinator");
		kt_find_coordinator_resp_release(&r);
		return;
	}
	g->coord_id = r.coordinators[0].node_id;
	g->coord_node = INT32_MAX - g->coord_id;
	if (kt_client_node_alias(cl, g->coord_node, g->coord_id,
				 c->rebalance_timeout_ms + 5000, &e) < 0) {
		/* not in our metadata yet */
		g->coord_id = -1;
		kt_consumer_want_metadata(c);
		g->retry_at = kt_now_ms() + 200;
	}
	kt_find_coordinator_resp_release(&r);
}

static void find_coordinator(struct kt_consumer *c)
{
	struct kt_err e;

	if (kt_client_send(c->client, KT_NODE_ANY, KT_API_FIND_COORDINATOR,
			   fc_enc, c, fc_done, c, &e) == 0)
		c->g.finding = true;
	else
		c->g.retry_at = kt_now_ms() + 200;
}

/* --- JoinGroup ----------------------------------------------------------- */

struct join_ctx {
	struct kt_consumer *c;
	struct kt_buf meta[KT_CONSUMER_MAX_ASSIGNORS];
	struct kt_join_group_protocol protos[KT_CONSUMER_MAX_ASSIGNORS];
	size_t n;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The partitions we own, grouped by topic (arrays malloc'ed into *tp). */
static size_t owned_by_topic(struct kt_consumer *c, struct kt_topic_parts **tp,
			     int32_t **store)
{
	size_t i, j, n = 0;
	int32_t *s;
	struct kt_topic_parts *v;

	*tp = NULL;
	*store = NULL;
	v = calloc(c->n_parts ? c->n_parts : 1, sizeof(*v));
	s = malloc((c->n_parts ? c->n_parts : 1) * sizeof(*s));
	if (!v || !s) {
		free(v);
		free(s);
		return 0;
	}
	for (i = 0; i < c->n_parts; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(v[j].topic, c->parts[i]->topic) == 0)
				break;
		if (j == n)
			v[n++].topic = c->parts[i]->topic;
	}
	{
		size_t k = 0;

		for (j = 0; j < n; j++) {
			v[j].parts = &s[k];
			for (i = 0; i < c->n_parts; i++)
				if (strcmp(v[j].topic, c->parts[i]->topic) ==
				    0) {
					s[k++] = c->parts[i]->partition;
					v[j].n_parts++;
				}
		}
	}
	*tp = v;
	*store = s;
	return n;
}

static int join_enc(void *arg, struct kt_buf *b, int16_t version,
		    struct kt_err *err)
{
	struct join_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct kt_join_group_req req;
	int r;

	memset(&req, 0, sizeof(req));
	req.group_id = c->conf.group_id;
	req.session_timeout_ms = c->conf.session_timeout_ms;
	req.rebalance_timeout_ms = c->rebalance_timeout_ms;
	req.member_id = c->g.member_id;
	req.group_instance_id = c->conf.group_instance_id;
	req.protocol_type = "consumer";
	req.protocols = x->protos;
	req.n_protocols = x->n;
	req.reason = c->g.reason;
	r = kt_join_group_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode JoinGroup v%d",
				  version)
		     : 0;
}

static void join_free(struct join_ctx *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		kt_buf_release(&x->meta[i]);
	free(x);
}

static void send_sync(struct kt_consumer *c);
static void leader_assign(struct kt_consumer *c);

static void join_done(void *arg, struct kt_client *cl, int32_t node,
		      struct kt_response *resp, const struct kt_err *err)
{
	struct join_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct grp *g = &c->g;
	struct kt_join_group_resp r;
	struct kt_err e;

	(void)cl;
	(void)node;
	join_free(x);
	if (g->state != G_JOINING)
		return;
	memset(&r, 0, sizeof(r));
	if (err || !c->client ||
	    kt_join_group_resp_decode(resp->body, resp->body_len,
				      resp->api_version, &r, &e) < 0) {
		kt_join_group_resp_release(&r);
		coordinator_lost(c);
		g->state = G_UNJOINED;
		return;
	}
	switch (r.error_code) {
	case 0:
		break;
	case E_MEMBER_ID_REQUIRED:
		set_member(g, r.member_id);
		g->state = G_UNJOINED;
		g->retry_at = 0;
		kt_join_group_resp_release(&r);
		return;
	case E_UNKNOWN_MEMBER_ID:
		set_member(g, "");
		g->state = G_UNJOINED;
		kt_join_group_resp_release(&r);
		return;
	case E_NOT_COORDINATOR:
	case E_COORDINATOR_NOT_AVAILABLE:
		coordinator_lost(c);
		g->state = G_UNJOINED;
		kt_join_group_resp_release(&r);
		return;
	case E_COORDINATOR_LOAD_IN_PROGRESS:
	case E_REBALANCE_IN_PROGRESS:
	case E_ILLEGAL_GENERATION:
		g->state = G_UNJOINED;
		g->retry_at = kt_now_ms() + 100;
		kt_join_group_resp_release(&r);
		return;
	default:
		group_fail(c, r.error_code, "JoinGroup");
		kt_join_group_resp_release(&r);
		return;
	}
	g->generation = r.generation_id;
	set_member(g, r.member_id);
	free(g->protocol);
	g->protocol = strdup(r.protocol_name ? r.protocol_name : "");
	g->leader = r.leader && strcmp(r.leader, r.member_id) == 0;
	g->rejoin = false;
	kt_join_group_resp_release(&g->join);
	g->join = r;
	if (g->leader && !r.skip_assignment) {
		g->state = G_ASSIGNING;
		leader_assign(c);
	} else {
		send_sync(c);
	}
}

static void send_join(struct kt_consumer *c)
{
	struct join_ctx *x = calloc(1, sizeof(*x));
	struct kt_topic_parts *owned = NULL;
	int32_t *store = NULL;
	const char **names;
	size_t i, n_names, n_owned;
	struct kt_err e;

	if (!x)
		return;
	x->c = c;
	names = kt_consumer_sub_names(c, &n_names);
	if (names && n_names > 1)
		qsort(names, n_names, sizeof(*names), cmp_str);
	n_owned = owned_by_topic(c, &owned, &store);
	for (i = 0; i < c->conf.n_assignors; i++) {
		enum kt_assignor_kind k =
			(enum kt_assignor_kind)c->conf.assignors[i];
		struct kt_consumer_subscription s;
		uint8_t ud[4];

		memset(&s, 0, sizeof(s));
		s.topics = names;
		s.n_topics = n_names;
		s.owned_partitions = owned;
		s.n_owned_partitions = n_owned;
		s.generation_id = c->g.generation;
		s.rack_id = c->conf.client_rack;
		if (k == KT_ASSIGNOR_COOPERATIVE_STICKY) {
			/* CooperativeStickyAssignor's user data: generation */
			kt_store_be32(ud, (uint32_t)c->g.generation);
			s.user_data.p = ud;
			s.user_data.len = 4;
		}
		kt_buf_init(&x->meta[i], 0);
		kt_consumer_subscription_encode(&x->meta[i], 3, &s);
		x->protos[i].name = kt_assignor_name(k);
		x->protos[i].metadata.p = x->meta[i].p;
		x->protos[i].metadata.len = x->meta[i].len;
		x->n++;
	}
	free(names);
	free(owned);
	free(store);
	if (kt_client_send(c->client, c->g.coord_node, KT_API_JOIN_GROUP,
			   join_enc, x, join_done, x, &e) < 0) {
		join_free(x);
		coordinator_lost(c);
		return;
	}
	c->g.state = G_JOINING;
}

/* --- the leader's assignment and SyncGroup ------------------------------- */

struct sync_ctx {
	struct kt_consumer *c;
	struct kt_sync_group_assignment *as; /* member ids owned */
	struct kt_buf *bufs;
	size_t n;
};

static int sync_enc(void *arg, struct kt_buf *b, int16_t version,
		    struct kt_err *err)
{
	struct sync_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct kt_sync_group_req req;
	int r;

	memset(&req, 0, sizeof(req));
	req.group_id = c->conf.group_id;
	req.generation_id = c->g.generation;
	req.member_id = c->g.member_id;
	req.group_instance_id = c->conf.group_instance_id;
	req.protocol_type = "consumer";
	req.protocol_name = c->g.protocol;
	req.assignments = x->as;
	req.n_assignments = x->n;
	r = kt_sync_group_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode SyncGroup v%d",
				  version)
		     : 0;
}

static void sync_free(struct sync_ctx *x)
{
	size_t i;

	for (i = 0; i < x->n; i++) {
		kt_buf_release(&x->bufs[i]);
		free((char *)x->as[i].member_id);
	}
	free(x->bufs);
	free(x->as);
	free(x);
}

static void commit_revoked(struct kt_consumer *c, struct cpart **v, size_t n);

/* Apply the assignment we were given. */
static void apply_assignment(struct kt_consumer *c,
			     const struct kt_consumer_assignment_dec *a)
{
	struct grp *g = &c->g;
	struct cpart **revoked;
	struct kt_pos committed = {KT_POS_COMMITTED, 0};
	size_t i, t, k, nr = 0;

	revoked = malloc((c->n_parts ? c->n_parts : 1) * sizeof(*revoked));
	if (!revoked)
		return;
	for (i = 0; i < c->n_parts; i++) {
		struct cpart *p = c->parts[i];
		bool keep = false;

		for (t = 0; t < a->n_assigned && !keep; t++) {
			if (strcmp(a->assigned[t].topic, p->topic) != 0)
				continue;
			for (k = 0; k < a->assigned[t].n_parts; k++)
				if (a->assigned[t].parts[k] == p->partition)
					keep = true;
		}
		if (!keep)
			revoked[nr++] = p;
	}
	if (nr) {
		kt_consumer_flush_output(c);
		commit_revoked(c, revoked, nr);
		for (i = 0; i < nr; i++)
			kt_consumer_remove_part(c, revoked[i]);
		if (g->cooperative)
			need_rejoin(c, "revoked partitions");
	}
	free(revoked);
	for (t = 0; t < a->n_assigned; t++)
		for (k = 0; k < a->assigned[t].n_parts; k++)
			kt_consumer_add_part(c, a->assigned[t].topic,
					     a->assigned[t].parts[k],
					     &committed);
	g->assign_gen++;
}

static void sync_done(void *arg, struct kt_client *cl, int32_t node,
		      struct kt_response *resp, const struct kt_err *err)
{
	struct sync_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct grp *g = &c->g;
	struct kt_sync_group_resp r;
	struct kt_consumer_assignment_dec a;
	struct kt_err e;

	(void)cl;
	(void)node;
	sync_free(x);
	if (g->state != G_SYNCING)
		return;
	memset(&r, 0, sizeof(r));
	if (err || !c->client ||
	    kt_sync_group_resp_decode(resp->body, resp->body_len,
				      resp->api_version, &r, &e) < 0) {
		kt_sync_group_resp_release(&r);
		coordinator_lost(c);
		g->state = G_UNJOINED;
		return;
	}
	switch (r.error_code) {
	case 0:
		break;
	case E_UNKNOWN_MEMBER_ID:
		set_member(g, "");
		/* fall through */
	case E_ILLEGAL_GENERATION:
		g->generation = -1;
		/* fall through */
	case E_REBALANCE_IN_PROGRESS:
		g->state = G_UNJOINED;
		kt_sync_group_resp_release(&r);
		return;
	case E_NOT_COORDINATOR:
	case E_COORDINATOR_NOT_AVAILABLE:
		coordinator_lost(c);
		g->state = G_UNJOINED;
		kt_sync_group_resp_release(&r);
		return;
	default:
		group_fail(c, r.error_code, "SyncGroup");
		kt_sync_group_resp_release(&r);
		return;
	}
	memset(&a, 0, sizeof(a));
	if (kt_consumer_assignment_decode(r.assignment.p, r.assignment.len, &a,
					  &e) < 0) {
		kt_err_prefix(&e, "assignment of group '%s'", c->conf.group_id);
		g->fatal = e.code;
		g->fatal_err = e;
	} else {
		g->state = G_STABLE;
		apply_assignment(c, &a);
		g->next_hb = kt_now_ms() + c->conf.heartbeat_interval_ms;
		if (!g->next_commit)
			g->next_commit =
				kt_now_ms() + c->conf.auto_commit_interval_ms;
	}
	kt_consumer_assignment_release(&a);
	kt_sync_group_resp_release(&r);
}

/* SyncGroup: the leader's assignments in g->join members order (computed
 * by leader_assign into x), or none for a follower. */
static void send_sync_ctx(struct kt_consumer *c, struct sync_ctx *x)
{
	struct kt_err e;

	kt_join_group_resp_release(&c->g.join);
	memset(&c->g.join, 0, sizeof(c->g.join));
	if (kt_client_send(c->client, c->g.coord_node, KT_API_SYNC_GROUP,
			   sync_enc, x, sync_done, x, &e) < 0) {
		sync_free(x);
		coordinator_lost(c);
		c->g.state = G_UNJOINED;
		return;
	}
	c->g.state = G_SYNCING;
}

static void send_sync(struct kt_consumer *c)
{
	struct sync_ctx *x = calloc(1, sizeof(*x));

	if (!x)
		return;
	x->c = c;
	send_sync_ctx(c, x);
}

struct amd_ctx {
	struct kt_consumer *c;
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
static void leader_compute(struct kt_consumer *c)
{
	const struct kt_metadata *md = kt_client_metadata(c->client);
	struct kt_join_group_resp *j = &c->g.join;
	struct kt_consumer_subscription_dec *subs;
	struct kt_asg_member *mem;
	struct kt_asg_topic *topics = NULL;
	struct kt_asg_tp **owned;
	struct sync_ctx *x;
	enum kt_assignor_kind kind = KT_ASSIGNOR_RANGE;
	size_t i, t, k, nt = 0, cap_t = 0;
	struct kt_err e;

	kt_assignor_lookup(c->g.protocol, &kind);
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
			c->g.fatal = e.code;
			c->g.fatal_err = e;
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
	x->c = c;
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
	send_sync_ctx(c, x);
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
		sync_free(x);
	if (!c->g.fatal) {
		kt_err_set(&c->g.fatal_err, KT_ENOMEM,
			   "out of memory computing the assignment");
		c->g.fatal = KT_ENOMEM;
	}
}

static void amd_done(void *arg, struct kt_client *cl, int32_t node,
		     struct kt_response *resp, const struct kt_err *err)
{
	struct amd_ctx *m = arg;
	struct kt_consumer *c = m->c;
	struct kt_metadata md;
	struct kt_err e;

	(void)node;
	amd_free(m);
	if (c->g.state != G_ASSIGNING)
		return;
	if (err || !c->client) {
		c->g.state = G_UNJOINED;
		coordinator_lost(c);
		return;
	}
	if (kt_metadata_resp_decode(resp->body, resp->body_len,
				    resp->api_version, &md, &e) < 0 ||
	    kt_client_metadata_take(cl, &md, &e) < 0) {
		kt_metadata_release(&md);
		c->g.state = G_UNJOINED;
		return;
	}
	leader_compute(c);
}

/* The leader needs partition counts of every member's topics. */
static void leader_assign(struct kt_consumer *c)
{
	struct kt_join_group_resp *j = &c->g.join;
	struct amd_ctx *m = calloc(1, sizeof(*m));
	size_t i, t, k, cap = 0, n_own = 0;
	const char **own = kt_consumer_sub_names(c, &n_own);
	struct kt_consumer_subscription_dec s;
	struct kt_err e;

	if (!m || !own)
		goto fail;
	m->c = c;
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
		leader_compute(c);
		return;
	}
	m->topics = calloc((size_t)m->n, sizeof(*m->topics));
	if (!m->topics)
		goto fail;
	for (i = 0; i < (size_t)m->n; i++)
		m->topics[i].name = m->names[i];
	if (kt_client_send(c->client, KT_NODE_ANY, KT_API_METADATA, amd_enc, m,
			   amd_done, m, &e) < 0) {
		amd_free(m);
		c->g.state = G_UNJOINED;
	}
	return;
fail:
	free(own);
	if (m)
		amd_free(m);
	c->g.state = G_UNJOINED;
}

/* --- commits ------------------------------------------------------------- */

struct commit_ctx {
	struct kt_consumer *c;
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
	struct kt_consumer *c = x->c;
	struct kt_offset_commit_req req;
	int r;

	memset(&req, 0, sizeof(req));
	req.group_id = c->conf.group_id;
	req.generation_id_or_member_epoch = x->generation;
	req.member_id = c->g.member_id;
	req.group_instance_id = c->conf.group_instance_id;
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
	struct kt_consumer *c = x->c;
	struct kt_offset_commit_resp r;
	struct kt_err e;
	size_t t, k, i;

	(void)cl;
	(void)node;
	c->g.commit_inflight = false;
	if (x->done_flag)
		*x->done_flag = true;
	memset(&r, 0, sizeof(r));
	if (err || !c->client ||
	    kt_offset_commit_resp_decode(resp->body, resp->body_len,
					 resp->api_version, &r, &e) < 0) {
		coordinator_lost(c);
		goto out;
	}
	for (t = 0; t < r.n_topics; t++)
		for (k = 0; k < r.topics[t].n_parts; k++) {
			const struct kt_part_error *pe = &r.topics[t].parts[k];
			struct cpart *p;

			switch (pe->error_code) {
			case 0:
				p = kt_consumer_part(c, r.topics[t].name,
						     pe->partition_index);
				for (i = 0; p && i < x->n; i++)
					if (x->parts[i] ==
						    pe->partition_index &&
					    strcmp(x->topics[i],
						   r.topics[t].name) == 0)
						p->committed = x->offsets[i];
				break;
			case E_UNKNOWN_MEMBER_ID:
				set_member(&c->g, "");
				/* fall through */
			case E_ILLEGAL_GENERATION:
			case E_REBALANCE_IN_PROGRESS:
				need_rejoin(c, "commit failed: rebalance");
				break;
			case E_NOT_COORDINATOR:
			case E_COORDINATOR_NOT_AVAILABLE:
			case E_REQUEST_TIMED_OUT:
				coordinator_lost(c);
				break;
			default:
				if (!kt_kerr_retriable(pe->error_code))
					group_fail(c, pe->error_code,
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
static int commit_parts(struct kt_consumer *c, struct cpart **v, size_t n,
			bool *done_flag)
{
	struct commit_ctx *x;
	struct kt_err e;
	size_t i, j, m = 0;

	if (c->g.generation < 0 || c->g.coord_id < 0)
		return 0;
	for (i = 0; i < n; i++)
		if (v[i]->state == P_READY && v[i]->written >= 0 &&
		    v[i]->written != v[i]->committed)
			m++;
	if (!m)
		return 0;
	x = calloc(1, sizeof(*x));
	if (!x)
		return 0;
	x->c = c;
	x->generation = c->g.generation;
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
		struct cpart *p = v[i];

		if (!(p->state == P_READY && p->written >= 0 &&
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
	if (kt_client_send(c->client, c->g.coord_node, KT_API_OFFSET_COMMIT,
			   commit_enc, x, commit_done, x, &e) < 0) {
		commit_free(x);
		return 0;
	}
	c->g.commit_inflight = true;
	return 1;
}

static void commit_revoked(struct kt_consumer *c, struct cpart **v, size_t n)
{
	if (c->conf.enable_auto_commit)
		commit_parts(c, v, n, NULL);
}

int kt_group_commit(struct kt_consumer *c, bool sync_wait, int timeout_ms,
		    struct kt_err *err)
{
	bool done = false;
	int64_t deadline = kt_now_ms() + timeout_ms;
	int r;

	r = commit_parts(c, c->parts, c->n_parts, sync_wait ? &done : NULL);
	if (r <= 0 || !sync_wait)
		return r;
	while (!done) {
		int64_t now = kt_now_ms();

		if (now >= deadline)
			return kt_err_set(err, KT_ETIMEDOUT,
					  "offset commit of group '%s' timed "
					  "out",
					  c->conf.group_id);
		if (kt_client_poll(c->client, (int)(deadline - now), err) < 0)
			return -KT_EIO;
	}
	return 1;
}

/* --- OffsetFetch --------------------------------------------------------- */

struct of_ctx {
	struct kt_consumer *c;
	size_t n;
	struct cpart **parts;
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
	g.group_id = x->c->conf.group_id;
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

static void of_done(void *arg, struct kt_client *cl, int32_t node,
		    struct kt_response *resp, const struct kt_err *err)
{
	struct of_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct kt_offset_fetch_resp r;
	struct kt_err e;
	size_t i, t, k;
	int16_t gerr = 0;

	(void)cl;
	(void)node;
	c->g.offsets_inflight = false;
	memset(&r, 0, sizeof(r));
	if (err || !c->client ||
	    kt_offset_fetch_resp_decode(resp->body, resp->body_len,
					resp->api_version, &r, &e) < 0 ||
	    r.n_groups < 1) {
		coordinator_lost(c);
		goto out;
	}
	if (x->gen != c->g.assign_gen)
		goto out; /* the assignment changed meanwhile */
	gerr = r.groups[0].error_code;
	if (gerr == E_NOT_COORDINATOR || gerr == E_COORDINATOR_NOT_AVAILABLE) {
		coordinator_lost(c);
		goto out;
	}
	if (gerr == E_UNSTABLE_OFFSET_COMMIT ||
	    gerr == E_COORDINATOR_LOAD_IN_PROGRESS) {
		c->g.retry_at = kt_now_ms() + 200;
		goto out;
	}
	if (gerr) {
		group_fail(c, gerr, "OffsetFetch");
		goto out;
	}
	for (i = 0; i < x->n; i++) {
		struct cpart *p = kt_consumer_part(c, x->parts[i]->topic,
						   x->parts[i]->partition);
		const struct kt_offset_fetch_part_resp *pr = NULL;

		if (!p || p != x->parts[i] || p->state != P_NEED_COMMITTED)
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
				c->g.retry_at = kt_now_ms() + 200;
			else
				group_fail(c, pr->error_code, "OffsetFetch");
			continue;
		}
		if (pr->committed_offset >= 0) {
			struct kt_pos at = {KT_POS_OFFSET,
					    pr->committed_offset};

			p->start = at;
			p->committed = pr->committed_offset;
		} else if (c->conf.auto_offset_reset == KT_RESET_NONE) {
			if (!c->g.fatal) {
				c->g.fatal = KT_ENOTFOUND;
				kt_err_set(&c->g.fatal_err, KT_ENOTFOUND,
					   "Undefined offset with no reset "
					   "policy for partitions: [%s-%d]",
					   p->topic, p->partition);
			}
			continue;
		} else {
			p->start.kind =
				c->conf.auto_offset_reset == KT_RESET_EARLIEST
					? KT_POS_EARLIEST
					: KT_POS_LATEST;
		}
		kt_consumer_part_plan(c, p);
	}
out:
	kt_offset_fetch_resp_release(&r);
	of_free(x);
}

static void fetch_offsets(struct kt_consumer *c)
{
	struct of_ctx *x;
	struct kt_err e;
	size_t i, j, n = 0, m = 0;

	for (i = 0; i < c->n_parts; i++)
		n += c->parts[i]->state == P_NEED_COMMITTED;
	if (!n)
		return;
	x = calloc(1, sizeof(*x));
	if (!x)
		return;
	x->c = c;
	x->gen = c->g.assign_gen;
	x->parts = malloc(n * sizeof(*x->parts));
	x->pnums = malloc(n * sizeof(*x->pnums));
	x->treq = calloc(n, sizeof(*x->treq));
	if (!x->parts || !x->pnums || !x->treq) {
		of_free(x);
		return;
	}
	for (i = 0; i < c->n_parts; i++) {
		struct cpart *p = c->parts[i];

		if (p->state != P_NEED_COMMITTED)
			continue;
		for (j = 0; j < x->n_treq; j++)
			if (strcmp(x->treq[j].name, p->topic) == 0)
				break;
		if (j == x->n_treq)
			x->treq[x->n_treq++].name = p->topic;
	}
	for (j = 0; j < x->n_treq; j++) {
		x->treq[j].parts = &x->pnums[m];
		for (i = 0; i < c->n_parts; i++) {
			struct cpart *p = c->parts[i];

			if (p->state != P_NEED_COMMITTED ||
			    strcmp(p->topic, x->treq[j].name) != 0)
				continue;
			x->pnums[m] = p->partition;
			x->parts[m] = p;
			m++;
			x->treq[j].n_parts++;
		}
	}
	x->n = m;
	if (kt_client_send(c->client, c->g.coord_node, KT_API_OFFSET_FETCH,
			   of_enc, x, of_done, x, &e) < 0) {
		of_free(x);
		coordinator_lost(c);
		return;
	}
	c->g.offsets_inflight = true;
}

/* --- Heartbeat ----------------------------------------------------------- */

static int hb_enc(void *arg, struct kt_buf *b, int16_t version,
		  struct kt_err *err)
{
	struct kt_consumer *c = arg;
	struct kt_heartbeat_req req;
	int r;

	req.group_id = c->conf.group_id;
	req.generation_id = c->g.generation;
	req.member_id = c->g.member_id;
	req.group_instance_id = c->conf.group_instance_id;
	r = kt_heartbeat_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode Heartbeat v%d",
				  version)
		     : 0;
}

static void hb_done(void *arg, struct kt_client *cl, int32_t node,
		    struct kt_response *resp, const struct kt_err *err)
{
	struct kt_consumer *c = arg;
	struct grp *g = &c->g;
	struct kt_heartbeat_resp r;
	struct kt_err e;

	(void)cl;
	(void)node;
	g->hb_inflight = false;
	if (err || !c->client ||
	    kt_heartbeat_resp_decode(resp->body, resp->body_len,
				     resp->api_version, &r, &e) < 0) {
		coordinator_lost(c);
		return;
	}
	switch (r.error_code) {
	case 0:
		return;
	case E_REBALANCE_IN_PROGRESS:
		need_rejoin(c, "group is rebalancing");
		return;
	case E_UNKNOWN_MEMBER_ID:
		set_member(g, "");
		/* fall through */
	case E_ILLEGAL_GENERATION:
		/* the partitions are lost: no commit for them */
		g->generation = -1;
		lose_all(c);
		if (g->state == G_STABLE)
			g->state = G_UNJOINED;
		return;
	case E_NOT_COORDINATOR:
	case E_COORDINATOR_NOT_AVAILABLE:
		coordinator_lost(c);
		return;
	case E_FENCED_INSTANCE_ID:
	default:
		if (kt_kerr_retriable(r.error_code))
			return;
		group_fail(c, r.error_code, "Heartbeat");
		return;
	}
}

/* --- the state machine --------------------------------------------------- */

static int64_t min_deadline(int64_t a, int64_t b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

int64_t kt_group_step(struct kt_consumer *c, int64_t now)
{
	struct grp *g = &c->g;
	int64_t dl = -1;
	struct kt_err e;

	if (g->fatal || g->state == G_NONE || g->state == G_LEAVING ||
	    !c->md_ok)
		return -1;
	if (g->coord_id < 0) {
		if (!g->finding && now >= g->retry_at)
			find_coordinator(c);
		return g->finding ? -1 : g->retry_at;
	}
	if (g->rejoin && g->state == G_STABLE) {
		g->rejoin = false;
		g->state = G_UNJOINED;
	}
	switch (g->state) {
	case G_UNJOINED:
		if (now < g->retry_at)
			return g->retry_at;
		if (!g->cooperative && c->n_parts) {
			/* eager: commit what was written, then revoke all */
			kt_consumer_flush_output(c);
			if (c->conf.enable_auto_commit)
				commit_parts(c, c->parts, c->n_parts, NULL);
			g->state = G_PREPARING;
			return -1;
		}
		if (!g->commit_inflight)
			send_join(c);
		return -1;
	case G_PREPARING:
		if (g->commit_inflight)
			return -1;
		lose_all(c);
		send_join(c);
		return -1;
	case G_STABLE:
		break;
	default:
		return -1;
	}
	if (!g->hb_inflight && now >= g->next_hb) {
		if (kt_client_send(c->client, g->coord_node, KT_API_HEARTBEAT,
				   hb_enc, c, hb_done, c, &e) == 0)
			g->hb_inflight = true;
		g->next_hb = now + c->conf.heartbeat_interval_ms;
	}
	dl = min_deadline(dl, g->next_hb);
	if (!g->offsets_inflight && now >= g->retry_at)
		fetch_offsets(c);
	if (c->conf.enable_auto_commit) {
		if (!g->commit_inflight && now >= g->next_commit) {
			kt_consumer_flush_output(c);
			commit_parts(c, c->parts, c->n_parts, NULL);
			g->next_commit = now + c->conf.auto_commit_interval_ms;
		}
		dl = min_deadline(dl, g->next_commit);
	}
	return dl;
}

void kt_group_on_metadata(struct kt_consumer *c, bool subscription_changed)
{
	const struct kt_metadata *md = kt_client_metadata(c->client);
	struct grp *g = &c->g;
	const char **names;
	struct kt_buf sig;
	size_t i, n;

	(void)subscription_changed;
	if (g->state == G_NONE || !md)
		return;
	names = kt_consumer_sub_names(c, &n);
	if (!names)
		return;
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	kt_buf_init(&sig, 0);
	for (i = 0; i < n; i++) {
		const struct kt_md_topic *t = kt_metadata_topic(md, names[i]);

		kt_buf_printf(&sig, "%s:%zu,", names[i],
			      t ? t->n_partitions : 0);
	}
	kt_buf_put(&sig, "", 1);
	free(names);
	if (sig.err) {
		kt_buf_release(&sig);
		return;
	}
	if (g->sig && strcmp(g->sig, (const char *)sig.p) != 0)
		need_rejoin(c, "subscribed topics changed");
	free(g->sig);
	g->sig = (char *)kt_buf_detach(&sig, NULL);
	kt_buf_release(&sig);
}

bool kt_group_stable(const struct kt_consumer *c)
{
	return c->g.state == G_STABLE && !c->g.rejoin;
}

static int leave_enc(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct kt_consumer *c = arg;
	struct kt_leave_group_member_req m;
	struct kt_leave_group_req req;
	int r;

	m.member_id = c->g.member_id;
	m.group_instance_id = NULL;
	m.reason = "the consumer is being closed";
	req.group_id = c->conf.group_id;
	req.members = &m;
	req.n_members = 1;
	r = kt_leave_group_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode LeaveGroup v%d",
				  version)
		     : 0;
}

int kt_group_close(struct kt_consumer *c, int timeout_ms, struct kt_err *err)
{
	struct grp *g = &c->g;
	struct kt_response resp;
	int r = 0;

	if (g->state == G_STABLE && c->conf.enable_auto_commit &&
	    g->coord_id >= 0) {
		kt_consumer_flush_output(c);
		r = kt_group_commit(c, true, timeout_ms, err);
		if (r > 0)
			r = 0;
	}
	if (g->coord_id >= 0 && g->member_id && g->member_id[0] &&
	    !c->conf.group_instance_id) {
		struct kt_err e;

		g->state = G_LEAVING;
		if (kt_client_call(c->client, g->coord_node, KT_API_LEAVE_GROUP,
				   leave_enc, c, &resp, NULL, &e) == 0)
			kt_response_release(&resp);
	}
	g->state = G_LEAVING;
	return r;
}
