/*
 * consume/group.c - classic consumer group membership for the consumer: find
 * the coordinator, JoinGroup / SyncGroup (the leader's assignment is in
 * group_assign.c), Heartbeat, the state machine, LeaveGroup. Commits and
 * committed offsets are in group_offsets.c.
 *
 * Follows the Java ConsumerCoordinator/AbstractCoordinator: the rebalance
 * protocol is cooperative only when every configured assignor supports it
 * (the default [range, cooperative-sticky] is therefore eager); static
 * members (KIP-345, group.instance.id) do not leave on close; JoinGroup
 * v4+ answers MEMBER_ID_REQUIRED to a new member, which rejoins with the
 * id it was given (KIP-394). The coordinator gets connections of its own
 * (alias nodes, as Java's Integer.MAX_VALUE - id): JoinGroup goes on one
 * whose request timeout covers a wait for the whole rebalance, everything
 * else on one with request.timeout.ms, as Java times each request, so
 * that a coordinator that stops answering is noticed by the next
 * Heartbeat, not after the rebalance timeout.
 *
 * The consumer is reached only through struct kt_group_host (group.h): the
 * group reads the assigned partitions and asks the consumer to assign,
 * revoke and start them. Everything here runs from kt_consumer_next's
 * loop; request callbacks only record results and change state.
 */
#include "consume/group_int.h"
#include "consume/assignor.h"
#include "wire/kerr.h"

#include <stdlib.h>
#include <string.h>

void kt_group_fail(struct kt_group *g, int16_t code, const char *what)
{

	if (g->fatal)
		return;
	g->fatal = KT_EKAFKA;
	kt_err_kafka(&g->fatal_err, code, "%s of group '%s' failed: %s: %s",
		     what, g->conf.group_id, kt_kerr_name(code),
		     kt_kerr_message(code));
}

int kt_group_set_member(struct kt_group *g, const char *id)
{
	char *s = strdup(id ? id : "");

	if (!s)
		return -KT_ENOMEM;
	free(g->member_id);
	g->member_id = s;
	return 0;
}

void kt_group_init(struct kt_group *g, const struct kt_group_conf *conf,
		   const struct kt_group_host *host, struct kt_client *client)
{
	size_t i;

	memset(g, 0, sizeof(*g));
	g->conf = *conf;
	g->host = *host;
	g->client = client;
	g->state = KT_GROUP_NONE;
	g->generation = -1;
	g->coord_id = -1;
	g->coord_node = -1;
	g->coord_join = -1;
	kt_group_set_member(g, "");
	g->cooperative = g->conf.n_assignors > 0;
	for (i = 0; i < g->conf.n_assignors; i++)
		if (!kt_assignor_cooperative(
			    (enum kt_assignor_kind)g->conf.assignors[i]))
			g->cooperative = false;
}

void kt_group_release(struct kt_group *g)
{

	free(g->member_id);
	free(g->protocol);
	free(g->reason);
	free(g->sig);
	kt_join_group_resp_release(&g->join);
	memset(g, 0, sizeof(*g));
}

void kt_group_coordinator_lost(struct kt_group *g)
{
	g->coord_id = -1;
	g->retry_at = kt_now_ms() + 100;
}

void kt_group_need_rejoin(struct kt_group *g, const char *reason)
{

	if (g->state == KT_GROUP_STABLE || g->state == KT_GROUP_SYNCING ||
	    g->state == KT_GROUP_JOINING || g->state == KT_GROUP_ASSIGNING)
		g->rejoin = true;
	free(g->reason);
	g->reason = strdup(reason);
}

size_t kt_group_n_parts(struct kt_group *g)
{
	return g->host.n_parts(g->host.arg);
}

void kt_group_part_at(struct kt_group *g, size_t i, struct kt_group_part *p)
{
	g->host.part(g->host.arg, i, p);
}

/* The assigned partitions, malloc'ed (*n of them); NULL when there are
 * none or out of memory (then *n is 0). The topics are the host's. */
struct kt_group_part *kt_group_parts_copy(struct kt_group *g, size_t *n)
{
	struct kt_group_part *v;
	size_t i;

	*n = kt_group_n_parts(g);
	v = *n ? malloc(*n * sizeof(*v)) : NULL;
	if (!v) {
		*n = 0;
		return NULL;
	}
	for (i = 0; i < *n; i++)
		kt_group_part_at(g, i, &v[i]);
	return v;
}

/* Lose every partition without committing (generation gone). */
static void lose_all(struct kt_group *g)
{
	size_t n;

	while ((n = kt_group_n_parts(g)) > 0) {
		struct kt_group_part p;

		kt_group_part_at(g, n - 1, &p);
		g->host.revoke(g->host.arg, p.topic, p.partition);
	}
	g->assign_gen++;
}

/* --- FindCoordinator ----------------------------------------------------- */

static int fc_enc(void *arg, struct kt_buf *b, int16_t version,
		  struct kt_err *err)
{
	struct kt_group *g = arg;
	const char *keys[1] = {g->conf.group_id};
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
	struct kt_group *g = arg;
	struct kt_find_coordinator_resp r;
	struct kt_err e;

	(void)node;
	g->finding = false;
	memset(&r, 0, sizeof(r));
	if (err || !g->client ||
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
			kt_group_fail(g, code, "FindCoordinator");
		kt_find_coordinator_resp_release(&r);
		return;
	}
	if (r.coordinators[0].node_id < 0) {
		/* no broker has a negative id, and the aliases below are
		 * counted down from INT32_MAX: as COORDINATOR_NOT_AVAILABLE */
		g->retry_at = kt_now_ms() + 200;
		kt_find_coordinator_resp_release(&r);
		return;
	}
	g->coord_id = r.coordinators[0].node_id;
	g->coord_node = INT32_MAX - g->coord_id;
	g->coord_join = INT32_MAX / 2 - g->coord_id;
	if (kt_client_node_alias(cl, g->coord_node, g->coord_id, 0, &e) < 0 ||
	    kt_client_node_alias(cl, g->coord_join, g->coord_id,
				 g->conf.rebalance_timeout_ms + 5000, &e) < 0) {
		/* not in our metadata yet */
		g->coord_id = -1;
		g->host.want_metadata(g->host.arg);
		g->retry_at = kt_now_ms() + 200;
	}
	kt_find_coordinator_resp_release(&r);
}

static void find_coordinator(struct kt_group *g)
{
	struct kt_err e;

	if (kt_client_send(g->client, KT_NODE_ANY, KT_API_FIND_COORDINATOR,
			   fc_enc, g, fc_done, g, &e) == 0)
		g->finding = true;
	else
		g->retry_at = kt_now_ms() + 200;
}

/* --- JoinGroup ----------------------------------------------------------- */

struct join_ctx {
	struct kt_group *g;
	struct kt_buf meta[KT_GROUP_MAX_ASSIGNORS];
	struct kt_join_group_protocol protos[KT_GROUP_MAX_ASSIGNORS];
	size_t n;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The partitions we own, grouped by topic (arrays malloc'ed into *tp). */
static size_t owned_by_topic(struct kt_group *g, struct kt_topic_parts **tp,
			     int32_t **store)
{
	size_t i, j, n = 0, np;
	int32_t *s;
	struct kt_topic_parts *v;
	struct kt_group_part p;

	*tp = NULL;
	*store = NULL;
	np = kt_group_n_parts(g);
	v = calloc(np ? np : 1, sizeof(*v));
	s = malloc((np ? np : 1) * sizeof(*s));
	if (!v || !s) {
		free(v);
		free(s);
		return 0;
	}
	for (i = 0; i < np; i++) {
		kt_group_part_at(g, i, &p);
		for (j = 0; j < n; j++)
			if (strcmp(v[j].topic, p.topic) == 0)
				break;
		if (j == n)
			v[n++].topic = p.topic;
	}
	{
		size_t k = 0;

		for (j = 0; j < n; j++) {
			v[j].parts = &s[k];
			for (i = 0; i < np; i++) {
				kt_group_part_at(g, i, &p);
				if (strcmp(v[j].topic, p.topic) == 0) {
					s[k++] = p.partition;
					v[j].n_parts++;
				}
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
	struct kt_group *g = x->g;
	struct kt_join_group_req req;
	int r;

	memset(&req, 0, sizeof(req));
	req.group_id = g->conf.group_id;
	req.session_timeout_ms = g->conf.session_timeout_ms;
	req.rebalance_timeout_ms = g->conf.rebalance_timeout_ms;
	req.member_id = g->member_id;
	req.group_instance_id = g->conf.group_instance_id;
	req.protocol_type = "consumer";
	req.protocols = x->protos;
	req.n_protocols = x->n;
	req.reason = g->reason;
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

static void send_sync(struct kt_group *g);
void kt_group_leader_assign(struct kt_group *g);

static void join_done(void *arg, struct kt_client *cl, int32_t node,
		      struct kt_response *resp, const struct kt_err *err)
{
	struct join_ctx *x = arg;
	struct kt_group *g = x->g;
	struct kt_join_group_resp r;
	struct kt_err e;

	(void)cl;
	(void)node;
	join_free(x);
	if (g->state != KT_GROUP_JOINING)
		return;
	memset(&r, 0, sizeof(r));
	if (err || !g->client ||
	    kt_join_group_resp_decode(resp->body, resp->body_len,
				      resp->api_version, &r, &e) < 0) {
		kt_join_group_resp_release(&r);
		kt_group_coordinator_lost(g);
		g->state = KT_GROUP_UNJOINED;
		return;
	}
	switch (r.error_code) {
	case 0:
		break;
	case E_MEMBER_ID_REQUIRED:
		kt_group_set_member(g, r.member_id);
		g->state = KT_GROUP_UNJOINED;
		g->retry_at = 0;
		kt_join_group_resp_release(&r);
		return;
	case E_UNKNOWN_MEMBER_ID:
		kt_group_set_member(g, "");
		g->state = KT_GROUP_UNJOINED;
		kt_join_group_resp_release(&r);
		return;
	case E_NOT_COORDINATOR:
	case E_COORDINATOR_NOT_AVAILABLE:
		kt_group_coordinator_lost(g);
		g->state = KT_GROUP_UNJOINED;
		kt_join_group_resp_release(&r);
		return;
	case E_COORDINATOR_LOAD_IN_PROGRESS:
	case E_REBALANCE_IN_PROGRESS:
	case E_ILLEGAL_GENERATION:
		g->state = KT_GROUP_UNJOINED;
		g->retry_at = kt_now_ms() + 100;
		kt_join_group_resp_release(&r);
		return;
	default:
		kt_group_fail(g, r.error_code, "JoinGroup");
		kt_join_group_resp_release(&r);
		return;
	}
	g->generation = r.generation_id;
	kt_group_set_member(g, r.member_id);
	free(g->protocol);
	g->protocol = strdup(r.protocol_name ? r.protocol_name : "");
	g->leader = r.leader && strcmp(r.leader, r.member_id) == 0;
	g->rejoin = false;
	kt_join_group_resp_release(&g->join);
	g->join = r;
	if (g->leader && !r.skip_assignment) {
		g->state = KT_GROUP_ASSIGNING;
		kt_group_leader_assign(g);
	} else {
		send_sync(g);
	}
}

static void send_join(struct kt_group *g)
{
	struct join_ctx *x = calloc(1, sizeof(*x));
	struct kt_topic_parts *owned = NULL;
	int32_t *store = NULL;
	const char **names;
	size_t i, n_names, n_owned;
	struct kt_err e;

	if (!x)
		return;
	x->g = g;
	names = g->host.topics(g->host.arg, &n_names);
	if (names && n_names > 1)
		qsort(names, n_names, sizeof(*names), cmp_str);
	n_owned = owned_by_topic(g, &owned, &store);
	for (i = 0; i < g->conf.n_assignors; i++) {
		enum kt_assignor_kind k =
			(enum kt_assignor_kind)g->conf.assignors[i];
		struct kt_consumer_subscription s;
		uint8_t ud[4];

		memset(&s, 0, sizeof(s));
		s.topics = names;
		s.n_topics = n_names;
		s.owned_partitions = owned;
		s.n_owned_partitions = n_owned;
		s.generation_id = g->generation;
		s.rack_id = g->conf.client_rack;
		if (k == KT_ASSIGNOR_COOPERATIVE_STICKY) {
			/* CooperativeStickyAssignor's user data: generation */
			kt_store_be32(ud, (uint32_t)g->generation);
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
	if (kt_client_send(g->client, g->coord_join, KT_API_JOIN_GROUP,
			   join_enc, x, join_done, x, &e) < 0) {
		join_free(x);
		kt_group_coordinator_lost(g);
		return;
	}
	g->state = KT_GROUP_JOINING;
}

/* --- the leader's assignment and SyncGroup ------------------------------- */

static int sync_enc(void *arg, struct kt_buf *b, int16_t version,
		    struct kt_err *err)
{
	struct sync_ctx *x = arg;
	struct kt_group *g = x->g;
	struct kt_sync_group_req req;
	int r;

	memset(&req, 0, sizeof(req));
	req.group_id = g->conf.group_id;
	req.generation_id = g->generation;
	req.member_id = g->member_id;
	req.group_instance_id = g->conf.group_instance_id;
	req.protocol_type = "consumer";
	req.protocol_name = g->protocol;
	req.assignments = x->as;
	req.n_assignments = x->n;
	r = kt_sync_group_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode SyncGroup v%d",
				  version)
		     : 0;
}

void kt_group_sync_free(struct sync_ctx *x)
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

void kt_group_commit_revoked(struct kt_group *g, const struct kt_group_part *v,
			     size_t n);

/* Apply the assignment we were given. */
static void apply_assignment(struct kt_group *g,
			     const struct kt_consumer_assignment_dec *a)
{
	struct kt_group_part *revoked;
	size_t i, t, k, nr = 0, np = kt_group_n_parts(g);

	revoked = malloc((np ? np : 1) * sizeof(*revoked));
	if (!revoked)
		return;
	for (i = 0; i < np; i++) {
		struct kt_group_part p;
		bool keep = false;

		kt_group_part_at(g, i, &p);
		for (t = 0; t < a->n_assigned && !keep; t++) {
			if (strcmp(a->assigned[t].topic, p.topic) != 0)
				continue;
			for (k = 0; k < a->assigned[t].n_parts; k++)
				if (a->assigned[t].parts[k] == p.partition)
					keep = true;
		}
		if (!keep)
			revoked[nr++] = p;
	}
	if (nr) {
		g->host.flush(g->host.arg);
		kt_group_commit_revoked(g, revoked, nr);
		/* the revoked topics stay valid until their own removal */
		for (i = 0; i < nr; i++)
			g->host.revoke(g->host.arg, revoked[i].topic,
				       revoked[i].partition);
		if (g->cooperative)
			kt_group_need_rejoin(g, "revoked partitions");
	}
	free(revoked);
	for (t = 0; t < a->n_assigned; t++)
		for (k = 0; k < a->assigned[t].n_parts; k++)
			g->host.assign(g->host.arg, a->assigned[t].topic,
				       a->assigned[t].parts[k]);
	g->assign_gen++;
}

static void sync_done(void *arg, struct kt_client *cl, int32_t node,
		      struct kt_response *resp, const struct kt_err *err)
{
	struct sync_ctx *x = arg;
	struct kt_group *g = x->g;
	struct kt_sync_group_resp r;
	struct kt_consumer_assignment_dec a;
	struct kt_err e;

	(void)cl;
	(void)node;
	kt_group_sync_free(x);
	if (g->state != KT_GROUP_SYNCING)
		return;
	memset(&r, 0, sizeof(r));
	if (err || !g->client ||
	    kt_sync_group_resp_decode(resp->body, resp->body_len,
				      resp->api_version, &r, &e) < 0) {
		kt_sync_group_resp_release(&r);
		kt_group_coordinator_lost(g);
		g->state = KT_GROUP_UNJOINED;
		return;
	}
	switch (r.error_code) {
	case 0:
		break;
	case E_UNKNOWN_MEMBER_ID:
		kt_group_set_member(g, "");
		/* fall through */
	case E_ILLEGAL_GENERATION:
		g->generation = -1;
		/* fall through */
	case E_REBALANCE_IN_PROGRESS:
		g->state = KT_GROUP_UNJOINED;
		kt_sync_group_resp_release(&r);
		return;
	case E_NOT_COORDINATOR:
	case E_COORDINATOR_NOT_AVAILABLE:
		kt_group_coordinator_lost(g);
		g->state = KT_GROUP_UNJOINED;
		kt_sync_group_resp_release(&r);
		return;
	default:
		kt_group_fail(g, r.error_code, "SyncGroup");
		kt_sync_group_resp_release(&r);
		return;
	}
	memset(&a, 0, sizeof(a));
	if (kt_consumer_assignment_decode(r.assignment.p, r.assignment.len, &a,
					  &e) < 0) {
		kt_err_prefix(&e, "assignment of group '%s'", g->conf.group_id);
		g->fatal = e.code;
		g->fatal_err = e;
	} else {
		g->state = KT_GROUP_STABLE;
		apply_assignment(g, &a);
		g->next_hb = kt_now_ms() + g->conf.heartbeat_interval_ms;
		if (!g->next_commit)
			g->next_commit =
				kt_now_ms() + g->conf.auto_commit_interval_ms;
	}
	kt_consumer_assignment_release(&a);
	kt_sync_group_resp_release(&r);
}

/* SyncGroup: the leader's assignments in g->join members order (computed
 * by leader_assign into x), or none for a follower. */
void kt_group_send_sync(struct kt_group *g, struct sync_ctx *x)
{
	struct kt_err e;

	kt_join_group_resp_release(&g->join);
	memset(&g->join, 0, sizeof(g->join));
	if (kt_client_send(g->client, g->coord_node, KT_API_SYNC_GROUP,
			   sync_enc, x, sync_done, x, &e) < 0) {
		kt_group_sync_free(x);
		kt_group_coordinator_lost(g);
		g->state = KT_GROUP_UNJOINED;
		return;
	}
	g->state = KT_GROUP_SYNCING;
}

static void send_sync(struct kt_group *g)
{
	struct sync_ctx *x = calloc(1, sizeof(*x));

	if (!x)
		return;
	x->g = g;
	kt_group_send_sync(g, x);
}

/* --- Heartbeat ----------------------------------------------------------- */

static int hb_enc(void *arg, struct kt_buf *b, int16_t version,
		  struct kt_err *err)
{
	struct kt_group *g = arg;
	struct kt_heartbeat_req req;
	int r;

	req.group_id = g->conf.group_id;
	req.generation_id = g->generation;
	req.member_id = g->member_id;
	req.group_instance_id = g->conf.group_instance_id;
	r = kt_heartbeat_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode Heartbeat v%d",
				  version)
		     : 0;
}

static void hb_done(void *arg, struct kt_client *cl, int32_t node,
		    struct kt_response *resp, const struct kt_err *err)
{
	struct kt_group *g = arg;
	struct kt_heartbeat_resp r;
	struct kt_err e;

	(void)cl;
	(void)node;
	g->hb_inflight = false;
	if (err || !g->client ||
	    kt_heartbeat_resp_decode(resp->body, resp->body_len,
				     resp->api_version, &r, &e) < 0) {
		kt_group_coordinator_lost(g);
		return;
	}
	switch (r.error_code) {
	case 0:
		return;
	case E_REBALANCE_IN_PROGRESS:
		kt_group_need_rejoin(g, "group is rebalancing");
		return;
	case E_UNKNOWN_MEMBER_ID:
		kt_group_set_member(g, "");
		/* fall through */
	case E_ILLEGAL_GENERATION:
		/* the partitions are lost: no commit for them */
		g->generation = -1;
		lose_all(g);
		if (g->state == KT_GROUP_STABLE)
			g->state = KT_GROUP_UNJOINED;
		return;
	case E_NOT_COORDINATOR:
	case E_COORDINATOR_NOT_AVAILABLE:
		kt_group_coordinator_lost(g);
		return;
	case E_FENCED_INSTANCE_ID:
	default:
		if (kt_kerr_retriable(r.error_code))
			return;
		kt_group_fail(g, r.error_code, "Heartbeat");
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

static void heartbeat_when_due(struct kt_group *g, int64_t now)
{
	struct kt_err e;

	if (!g->hb_inflight && now >= g->next_hb) {
		if (kt_client_send(g->client, g->coord_node, KT_API_HEARTBEAT,
				   hb_enc, g, hb_done, g, &e) == 0)
			g->hb_inflight = true;
		g->next_hb = now + g->conf.heartbeat_interval_ms;
	}
}

int64_t kt_group_keepalive(struct kt_group *g, int64_t now)
{
	if (g->fatal || g->coord_id < 0 || g->state != KT_GROUP_STABLE ||
	    g->rejoin)
		return -1;
	heartbeat_when_due(g, now);
	return g->next_hb;
}

int64_t kt_group_step(struct kt_group *g, int64_t now)
{
	int64_t dl = -1;

	if (g->fatal || g->state == KT_GROUP_NONE ||
	    g->state == KT_GROUP_LEAVING)
		return -1;
	if (g->coord_id < 0) {
		if (!g->finding && now >= g->retry_at)
			find_coordinator(g);
		return g->finding ? -1 : g->retry_at;
	}
	if (g->rejoin && g->state == KT_GROUP_STABLE) {
		g->rejoin = false;
		g->state = KT_GROUP_UNJOINED;
	}
	switch (g->state) {
	case KT_GROUP_UNJOINED:
		if (now < g->retry_at)
			return g->retry_at;
		if (!g->cooperative && kt_group_n_parts(g)) {
			/* eager: commit what was written, then revoke all */
			g->host.flush(g->host.arg);
			if (g->conf.enable_auto_commit)
				kt_group_commit_all(g, NULL);
			g->state = KT_GROUP_PREPARING;
			return -1;
		}
		if (!g->commit_inflight)
			send_join(g);
		return -1;
	case KT_GROUP_PREPARING:
		if (g->commit_inflight)
			return -1;
		lose_all(g);
		send_join(g);
		return -1;
	case KT_GROUP_STABLE:
		break;
	default:
		return -1;
	}
	heartbeat_when_due(g, now);
	dl = min_deadline(dl, g->next_hb);
	if (!g->offsets_inflight && now >= g->retry_at)
		kt_group_fetch_offsets(g);
	if (g->conf.enable_auto_commit) {
		if (!g->commit_inflight && now >= g->next_commit) {
			g->host.flush(g->host.arg);
			kt_group_commit_all(g, NULL);
			g->next_commit = now + g->conf.auto_commit_interval_ms;
		}
		dl = min_deadline(dl, g->next_commit);
	}
	return dl;
}

void kt_group_on_metadata(struct kt_group *g)
{
	const struct kt_metadata *md = kt_client_metadata(g->client);
	const char **names;
	struct kt_buf sig;
	size_t i, n;

	if (g->state == KT_GROUP_NONE || !md)
		return;
	names = g->host.topics(g->host.arg, &n);
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
		kt_group_need_rejoin(g, "subscribed topics changed");
	free(g->sig);
	g->sig = (char *)kt_buf_detach(&sig, NULL);
	kt_buf_release(&sig);
}

void kt_group_start(struct kt_group *g)
{
	g->state = KT_GROUP_UNJOINED;
}

bool kt_group_active(const struct kt_group *g)
{
	return g->state != KT_GROUP_NONE;
}

bool kt_group_stable(const struct kt_group *g)
{
	return g->state == KT_GROUP_STABLE && !g->rejoin;
}

bool kt_group_may_fetch(const struct kt_group *g)
{
	return g->state == KT_GROUP_NONE || g->state == KT_GROUP_STABLE ||
	       (g->cooperative && g->state != KT_GROUP_PREPARING &&
		g->state != KT_GROUP_LEAVING);
}

const struct kt_err *kt_group_failed(const struct kt_group *g)
{
	return g->fatal ? &g->fatal_err : NULL;
}

static int leave_enc(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct kt_group *g = arg;
	struct kt_leave_group_member_req m;
	struct kt_leave_group_req req;
	int r;

	m.member_id = g->member_id;
	m.group_instance_id = NULL;
	m.reason = "the consumer is being closed";
	req.group_id = g->conf.group_id;
	req.members = &m;
	req.n_members = 1;
	r = kt_leave_group_req_encode(b, version, &req);
	return r < 0 ? kt_err_set(err, -r, "cannot encode LeaveGroup v%d",
				  version)
		     : 0;
}

int kt_group_close(struct kt_group *g, int timeout_ms, struct kt_err *err)
{
	int64_t now = kt_now_ms(), deadline = now + timeout_ms;
	struct kt_response resp;
	int r = 0;

	/* Commit what was written. A coordinator lost on the way (a request
	 * of its connection timed out, the connection broke) is looked up
	 * again and the commit retried, until timeout_ms, as Java's close
	 * does: else a consumer that ends just after a network fault would
	 * leave its offsets uncommitted. */
	while (g->state == KT_GROUP_STABLE && g->conf.enable_auto_commit &&
	       !g->fatal && now < deadline) {
		if (g->coord_id >= 0) {
			g->host.flush(g->host.arg);
			r = kt_group_commit(g, true, (int)(deadline - now), err);
			if (r <= 0 || g->coord_id >= 0)
				break;
		} else {
			kt_group_step(g, now);
			if (kt_client_poll(g->client,
					   deadline - now < 100
						   ? (int)(deadline - now)
						   : 100,
					   NULL) < 0)
				break;
		}
		now = kt_now_ms();
	}
	if (r > 0)
		r = 0;
	if (g->coord_id >= 0 && g->member_id && g->member_id[0] &&
	    !g->conf.group_instance_id) {
		struct kt_err e;

		g->state = KT_GROUP_LEAVING;
		if (kt_client_call(g->client, g->coord_node, KT_API_LEAVE_GROUP,
				   leave_enc, g, &resp, NULL, &e) == 0)
			kt_response_release(&resp);
	}
	g->state = KT_GROUP_LEAVING;
	return r;
}
