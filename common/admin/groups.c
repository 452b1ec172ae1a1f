/*
 * admin/groups.c - consumer group admin calls for kafka-consumer-groups
 * (tools.md §4.10): ListGroups on every broker, FindCoordinator with the
 * retries of the Java admin client, ConsumerGroupDescribe with its
 * DescribeGroups fallback, OffsetFetch, ListOffsets per leader,
 * OffsetCommit, DeleteGroups and OffsetDelete.
 */
#include "admin/groups.h"
#include "admin/admin_int.h"
#include "proto/fetch.h"
#include "java/jorder.h"

#include <strings.h>

/* Error codes this file acts on. */
#define E_COORDINATOR_LOAD_IN_PROGRESS 14
#define E_COORDINATOR_NOT_AVAILABLE 15
#define E_NOT_COORDINATOR 16
#define E_UNKNOWN_TOPIC_OR_PARTITION 3
#define E_LEADER_NOT_AVAILABLE 5
#define E_GROUP_ID_NOT_FOUND 69

/* Pause between attempts when the coordinator is not ready (the Java
 * client's retry.backoff.ms). */
#define RETRY_BACKOFF_MS 100

static bool coordinator_error(int16_t code)
{
	return code == E_COORDINATOR_LOAD_IN_PROGRESS ||
	       code == E_COORDINATOR_NOT_AVAILABLE || code == E_NOT_COORDINATOR;
}

static char *arena_strdup(struct kt_arena *a, const char *s)
{
	size_t n;
	char *d;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	d = kt_arena_alloc(a, n);
	if (d)
		memcpy(d, s, n);
	return d;
}

/* Wait a little before the next attempt, keeping the client's
 * connections moving. */
static void backoff(struct kt_client *c, int64_t deadline)
{
	int64_t now = kt_now_ms();
	int ms = RETRY_BACKOFF_MS;
	struct kt_err e;

	if (deadline - now < ms)
		ms = deadline > now ? (int)(deadline - now) : 0;
	if (ms > 0)
		kt_client_poll(c, ms, &e);
}

static int timed_out(struct kt_err *err, const char *what, const char *group,
		     int16_t last_code, int timeout_ms)
{
	return kt_err_set(err, KT_ETIMEDOUT,
			  "%s for group '%s' timed out after %d ms: %s", what,
			  group, timeout_ms,
			  last_code ? kt_kerr_message(last_code)
				    : "no answer");
}

/* ---- FindCoordinator ---------------------------------------------------- */

struct fc_enc {
	const char *key;
};

static int fc_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct fc_enc *e = arg;
	struct kt_find_coordinator_req req = {
		.key_type = KT_COORDINATOR_GROUP,
		.keys = &e->key,
		.n_keys = 1,
	};

	return kt_adm_enc_done(b, kt_find_coordinator_req_encode(b, version,
								  &req),
			       "FindCoordinator", version, err);
}

struct coord {
	int32_t id;
	char host[256];
	int32_t port;
};

/*
 * The coordinator of group, asking again while the answer says it is not
 * ready yet, until deadline. Makes sure the client can reach the node by
 * its id (a metadata refresh when the id is new to it).
 */
static int find_coordinator(struct kt_client *c, const char *group,
			    int64_t deadline, int timeout_ms, struct coord *out,
			    struct kt_err *err)
{
	struct fc_enc e = {.key = group};
	int16_t last = 0;

	for (;;) {
		struct kt_response resp;
		struct kt_find_coordinator_resp fc;
		const struct kt_coordinator *co;
		int r;

		if (kt_now_ms() >= deadline)
			return timed_out(err, "FindCoordinator", group, last,
					 timeout_ms);
		r = kt_client_call(c, KT_NODE_ANY, KT_FIND_COORDINATOR_KEY,
				   fc_encode, &e, &resp, NULL, err);
		if (r < 0)
			return r;
		r = kt_find_coordinator_resp_decode(resp.body, resp.body_len,
						    resp.api_version, &fc, err);
		kt_response_release(&resp);
		if (r < 0)
			return r;
		if (fc.n_coordinators < 1) {
			kt_find_coordinator_resp_release(&fc);
			return kt_err_set(err, KT_EPROTO,
					  "FindCoordinator answer for group "
					  "'%s' names no coordinator",
					  group);
		}
		co = &fc.coordinators[0];
		last = co->error_code;
		if (coordinator_error(co->error_code)) {
			kt_find_coordinator_resp_release(&fc);
			backoff(c, deadline);
			continue;
		}
		if (co->error_code) {
			r = kt_adm_kafka_fail(err, co->error_code,
					      co->error_message);
			kt_find_coordinator_resp_release(&fc);
			return r;
		}
		out->id = co->node_id;
		snprintf(out->host, sizeof(out->host), "%s",
			 co->host ? co->host : "");
		out->port = co->port;
		kt_find_coordinator_resp_release(&fc);
		if (!kt_client_node_name(c, out->id) &&
		    (r = kt_client_metadata_refresh(c, NULL, 0, err)) < 0)
			return r;
		if (!kt_client_node_name(c, out->id))
			return kt_err_set(err, KT_ENOTFOUND,
					  "coordinator %d of group '%s' is not "
					  "in the cluster's metadata",
					  out->id, group);
		return 0;
	}
}

/*
 * Decode one answer of the coordinator into the caller's state and set
 * *code to its group-level error code (0 when none), so that coord_call
 * can ask again when the coordinator moved or is loading.
 */
typedef int (*coord_decode_fn)(void *arg, const struct kt_response *resp,
			       int16_t *code, struct kt_err *err);

/*
 * One request to group's coordinator, following it when it moves or is
 * not ready, until deadline. *co (may be NULL) gets the coordinator last
 * asked. Returns 0 (the answer decoded), 1 when the coordinator does not
 * offer api, or a negative KT_E*.
 */
static int coord_call(struct kt_client *c, const char *group, int16_t api,
		      kt_encode_fn enc, void *enc_arg, coord_decode_fn dec,
		      void *dec_arg, int64_t deadline, int timeout_ms,
		      struct coord *co_out, struct kt_err *err)
{
	struct coord co;
	int16_t code = 0;
	int r;

	for (;;) {
		const struct kt_apivers *av;
		struct kt_response resp;
		struct kt_err e;
		int16_t v;

		if (kt_now_ms() >= deadline)
			return timed_out(err, kt_api_name(api), group, code,
					 timeout_ms);
		r = find_coordinator(c, group, deadline, timeout_ms, &co, err);
		if (r < 0)
			return r;
		if (co_out)
			*co_out = co;
		av = kt_client_apivers(c, co.id);
		if (av && kt_api_pick(av, api, &v, &e) < 0)
			return 1;
		r = kt_client_call(c, co.id, api, enc, enc_arg, &resp, NULL,
				   err);
		if (r == -KT_EUNSUPPORTED)
			return 1;
		if (r < 0)
			return r;
		code = 0;
		r = dec(dec_arg, &resp, &code, err);
		kt_response_release(&resp);
		if (r < 0)
			return r;
		if (!coordinator_error(code))
			return 0;
		backoff(c, deadline);
	}
}

/* ---- ListGroups --------------------------------------------------------- */

struct lg_enc {
	const char *const *states;
	size_t n_states;
	const char *const *types;
	size_t n_types;
};

static int lg_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct lg_enc *e = arg;
	struct kt_listgroups_req req = {0};

	/* filters the version cannot carry are applied on our side */
	if (version >= 4) {
		req.states_filter = e->states;
		req.n_states_filter = e->n_states;
	}
	if (version >= 5) {
		req.types_filter = e->types;
		req.n_types_filter = e->n_types;
	}
	return kt_adm_enc_done(b, kt_listgroups_req_encode(b, version, &req),
			       "ListGroups", version, err);
}

static bool in_list_ci(const char *s, const char *const *v, size_t n)
{
	size_t i;

	if (!n)
		return true;
	for (i = 0; s && i < n; i++)
		if (strcasecmp(s, v[i]) == 0)
			return true;
	return false;
}

void kt_group_list_release(struct kt_group_list *l)
{
	size_t i;

	for (i = 0; i < l->n_resps; i++)
		kt_listgroups_resp_release(&l->resps[i]);
	free(l->resps);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The type of a listed group: what the broker says, else (before v5)
 * what its protocol type implies. */
static const char *listing_type(const struct kt_listgroups_group *g)
{
	if (g->group_type && *g->group_type)
		return g->group_type;
	return NULL;
}

static bool listing_wanted(const struct kt_listgroups_group *g,
			   const struct lg_enc *f)
{
	const char *type = listing_type(g);
	const char *pt = g->protocol_type ? g->protocol_type : "";

	if (type && strcasecmp(type, "classic") != 0 &&
	    strcasecmp(type, "consumer") != 0)
		return false; /* share, streams */
	if (strcmp(pt, "consumer") != 0 && *pt)
		return false; /* connect and other classic protocols */
	if (f->n_types && !in_list_ci(type ? type : "classic", f->types,
				      f->n_types))
		return false;
	if (f->n_states && !in_list_ci(g->group_state, f->states, f->n_states))
		return false;
	return true;
}

int kt_admin_list_groups(struct kt_client *c, const char *const *states,
			 size_t n_states, const char *const *types,
			 size_t n_types, int timeout_ms,
			 struct kt_group_list *out, struct kt_err *err)
{
	static const char *const default_types[] = {"classic", "consumer"};
	struct lg_enc e = {states, n_states, types, n_types};
	const struct kt_metadata *md;
	struct job **jobs = NULL;
	int32_t *nodes = NULL;
	size_t i, j, nb, total = 0;
	int r;

	memset(out, 0, sizeof(*out));
	if (!n_types) {
		e.types = default_types;
		e.n_types = 2;
	}
	r = kt_client_metadata_refresh(c, NULL, 0, err);
	if (r < 0)
		return r;
	md = kt_client_metadata(c);
	nb = md ? md->n_brokers : 0;
	if (!nb)
		return kt_err_set(err, KT_ENOTFOUND,
				  "the cluster's metadata lists no broker");
	jobs = calloc(nb, sizeof(*jobs));
	nodes = calloc(nb, sizeof(*nodes));
	out->resps = calloc(nb, sizeof(*out->resps));
	if (!jobs || !nodes || !out->resps) {
		r = kt_adm_oom(err);
		goto out;
	}
	for (i = 0; i < nb; i++) {
		jobs[i] = kt_adm_job_new(KT_LISTGROUPS_KEY, lg_encode, &e);
		if (!jobs[i]) {
			r = kt_adm_oom(err);
			goto out;
		}
		nodes[i] = md->brokers[i].node_id;
	}
	r = kt_adm_jobs_run(c, jobs, nodes, nb, timeout_ms, err);
	if (r < 0)
		goto out;
	for (i = 0; i < nb; i++) {
		struct kt_listgroups_resp *lr = &out->resps[i];

		if (jobs[i]->rc < 0) {
			r = jobs[i]->rc;
			if (err)
				*err = jobs[i]->err;
			goto out;
		}
		r = kt_listgroups_resp_decode(jobs[i]->resp.body,
					      jobs[i]->resp.body_len,
					      jobs[i]->resp.api_version, lr,
					      err);
		if (r < 0)
			goto out;
		out->n_resps = i + 1;
		if (lr->error_code) {
			r = kt_adm_kafka_fail(err, lr->error_code, NULL);
			goto out;
		}
		total += lr->n_groups;
	}
	out->v = calloc(total ? total : 1, sizeof(*out->v));
	if (!out->v) {
		r = kt_adm_oom(err);
		goto out;
	}
	for (i = 0; i < out->n_resps; i++)
		for (j = 0; j < out->resps[i].n_groups; j++) {
			const struct kt_listgroups_group *g =
				&out->resps[i].groups[j];
			struct kt_group_listing *l = &out->v[out->n];

			if (!listing_wanted(g, &e))
				continue;
			l->group_id = g->group_id;
			l->protocol_type = g->protocol_type ? g->protocol_type
							    : "";
			l->state = g->group_state;
			l->type = listing_type(g);
			out->n++;
		}
	r = 0;
out:
	for (i = 0; jobs && i < nb; i++)
		kt_adm_job_free(jobs[i]);
	free(jobs);
	free(nodes);
	if (r < 0)
		kt_group_list_release(out);
	return r;
}

static int cmp_listing_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct kt_group_listing *)a)->group_id;
	uintptr_t y = (uintptr_t)((const struct kt_group_listing *)b)->group_id;

	return (x > y) - (x < y);
}

int kt_group_list_java_order(struct kt_group_list *l)
{
	const char **keys;
	struct kt_group_listing *v;
	size_t i;

	if (l->n < 2)
		return 0;
	keys = malloc(l->n * sizeof(*keys));
	v = malloc(l->n * sizeof(*v));
	if (!keys || !v) {
		free(keys);
		free(v);
		return -KT_ENOMEM;
	}
	for (i = 0; i < l->n; i++)
		keys[i] = l->v[i].group_id;
	if (kt_java_hashmap_order(keys, l->n,
				  kt_java_hashmap_default_cap(l->n)) < 0) {
		free(keys);
		free(v);
		return -KT_ENOMEM;
	}
	/* each id is its row's own string: sort the rows by that pointer
	 * and find each key's row by binary search */
	memcpy(v, l->v, l->n * sizeof(*v));
	qsort(v, l->n, sizeof(*v), cmp_listing_ptr);
	for (i = 0; i < l->n; i++) {
		struct kt_group_listing key = {.group_id = keys[i]};
		const struct kt_group_listing *row =
			bsearch(&key, v, l->n, sizeof(*v), cmp_listing_ptr);

		l->v[i] = *row;
	}
	free(keys);
	free(v);
	return 0;
}

/* ---- describe ------------------------------------------------------------ */

struct desc_priv {
	struct kt_arena arena;
	struct kt_consumergroupdescribe_resp cgd;
	struct kt_describegroups_resp dg;
	struct kt_consumer_assignment_dec *asg; /* one per classic member */
	size_t n_asg;
};

static void desc_release(struct kt_group_desc *d)
{
	struct desc_priv *p = d->priv;
	size_t i;

	if (!p)
		return;
	kt_consumergroupdescribe_resp_release(&p->cgd);
	kt_describegroups_resp_release(&p->dg);
	for (i = 0; i < p->n_asg; i++)
		kt_consumer_assignment_release(&p->asg[i]);
	free(p->asg);
	kt_arena_release(&p->arena);
	free(p);
	d->priv = NULL;
}

void kt_group_descs_free(struct kt_group_desc *v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		desc_release(&v[i]);
	free(v);
}

static int cmp_tp(const void *a, const void *b)
{
	const struct kt_group_tp *x = a, *y = b;

	return strcmp(x->topic, y->topic);
}

static int cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/* A sorted copy of a KIP-848 assignment in the arena. */
static int copy_cgd_assignment(
	struct kt_arena *a,
	const struct kt_consumergroupdescribe_assignment *src,
	struct kt_group_tp **out, size_t *n)
{
	size_t i;

	*out = NULL;
	*n = 0;
	if (!src->n_topic_partitions)
		return 0;
	*out = kt_arena_alloc(a, src->n_topic_partitions * sizeof(**out));
	if (!*out)
		return -KT_ENOMEM;
	for (i = 0; i < src->n_topic_partitions; i++) {
		const struct kt_consumergroupdescribe_topic_partitions *t =
			&src->topic_partitions[i];
		struct kt_group_tp *d = &(*out)[i];

		d->topic = t->topic_name ? t->topic_name : "";
		d->n_parts = t->n_partitions;
		d->parts = kt_arena_alloc(a, (t->n_partitions + 1) *
						     sizeof(int32_t));
		if (!d->parts)
			return -KT_ENOMEM;
		memcpy(d->parts, t->partitions,
		       t->n_partitions * sizeof(int32_t));
		qsort(d->parts, d->n_parts, sizeof(int32_t), cmp_i32);
	}
	*n = src->n_topic_partitions;
	qsort(*out, *n, sizeof(**out), cmp_tp);
	return 0;
}

struct cgd_enc {
	const char *group;
};

static int cgd_encode(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err)
{
	struct cgd_enc *e = arg;
	struct kt_consumergroupdescribe_req req = {
		.group_ids = &e->group,
		.n_group_ids = 1,
	};

	return kt_adm_enc_done(
		b, kt_consumergroupdescribe_req_encode(b, version, &req),
		"ConsumerGroupDescribe", version, err);
}

static int dg_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct cgd_enc *e = arg;
	struct kt_describegroups_req req = {
		.groups = &e->group,
		.n_groups = 1,
	};

	return kt_adm_enc_done(b, kt_describegroups_req_encode(b, version, &req),
			       "DescribeGroups", version, err);
}

/* Fill d from a ConsumerGroupDescribe group. */
static int fill_from_cgd(struct kt_group_desc *d,
			 const struct kt_consumergroupdescribe_group *g)
{
	struct desc_priv *p = d->priv;
	size_t i;

	d->state = g->group_state ? g->group_state : "";
	d->protocol_type = "consumer";
	d->assignor = g->assignor_name ? g->assignor_name : "";
	d->consumer_protocol = true;
	d->group_epoch = g->group_epoch;
	d->assignment_epoch = g->assignment_epoch;
	d->n_members = g->n_members;
	if (!g->n_members)
		return 0;
	d->members = kt_arena_alloc(&p->arena,
				    g->n_members * sizeof(*d->members));
	if (!d->members)
		return -KT_ENOMEM;
	memset(d->members, 0, g->n_members * sizeof(*d->members));
	for (i = 0; i < g->n_members; i++) {
		const struct kt_consumergroupdescribe_member *m =
			&g->members[i];
		struct kt_group_member *o = &d->members[i];

		o->member_id = m->member_id ? m->member_id : "";
		o->instance_id = m->instance_id;
		o->client_id = m->client_id ? m->client_id : "";
		o->client_host = m->client_host ? m->client_host : "";
		o->member_epoch = m->member_epoch;
		o->member_type = m->member_type;
		if (copy_cgd_assignment(&p->arena, &m->assignment,
					&o->assigned, &o->n_assigned) < 0 ||
		    copy_cgd_assignment(&p->arena, &m->target_assignment,
					&o->target, &o->n_target) < 0)
			return -KT_ENOMEM;
	}
	return 0;
}

/* Fill d from a DescribeGroups group (classic protocol). */
static int fill_from_dg(struct kt_group_desc *d,
			const struct kt_describegroups_group *g)
{
	struct desc_priv *p = d->priv;
	bool consumer;
	size_t i, k;

	d->error_code = g->error_code;
	d->error_message = g->error_code ? (g->error_message
						    ? g->error_message
						    : kt_kerr_message(
							      g->error_code))
					 : NULL;
	d->state = g->group_state ? g->group_state : "";
	d->protocol_type = g->protocol_type ? g->protocol_type : "";
	d->assignor = g->protocol_data ? g->protocol_data : "";
	d->group_epoch = -1;
	d->assignment_epoch = -1;
	d->n_members = g->n_members;
	if (!g->n_members)
		return 0;
	consumer = strcmp(d->protocol_type, "consumer") == 0;
	d->members = kt_arena_alloc(&p->arena,
				    g->n_members * sizeof(*d->members));
	p->asg = calloc(g->n_members, sizeof(*p->asg));
	if (!d->members || !p->asg)
		return -KT_ENOMEM;
	memset(d->members, 0, g->n_members * sizeof(*d->members));
	for (i = 0; i < g->n_members; i++) {
		const struct kt_describegroups_member *m = &g->members[i];
		struct kt_group_member *o = &d->members[i];
		struct kt_consumer_assignment_dec *a = &p->asg[i];
		struct kt_err e;

		o->member_id = m->member_id ? m->member_id : "";
		o->instance_id = m->group_instance_id;
		o->client_id = m->client_id ? m->client_id : "";
		o->client_host = m->client_host ? m->client_host : "";
		o->member_epoch = -1;
		o->member_type = 0;
		p->n_asg = i + 1;
		/* an assignment that does not decode counts as none, as
		 * the Java admin client's does not fail the describe */
		if (!consumer || !m->member_assignment.len ||
		    kt_consumer_assignment_decode(m->member_assignment.p,
						  m->member_assignment.len, a,
						  &e) < 0 ||
		    !a->n_assigned)
			continue;
		o->assigned = kt_arena_alloc(&p->arena, a->n_assigned *
								sizeof(*o->assigned));
		if (!o->assigned)
			return -KT_ENOMEM;
		for (k = 0; k < a->n_assigned; k++) {
			o->assigned[k].topic = a->assigned[k].topic;
			o->assigned[k].parts = a->assigned[k].parts;
			o->assigned[k].n_parts = a->assigned[k].n_parts;
			qsort(o->assigned[k].parts, o->assigned[k].n_parts,
			      sizeof(int32_t), cmp_i32);
		}
		o->n_assigned = a->n_assigned;
		qsort(o->assigned, o->n_assigned, sizeof(*o->assigned),
		      cmp_tp);
	}
	return 0;
}

static int decode_cgd(void *arg, const struct kt_response *resp,
		      int16_t *code, struct kt_err *err)
{
	struct kt_group_desc *d = arg;
	struct desc_priv *p = d->priv;
	const struct kt_consumergroupdescribe_group *g;
	int r;

	kt_consumergroupdescribe_resp_release(&p->cgd);
	r = kt_consumergroupdescribe_resp_decode(resp->body, resp->body_len,
						 resp->api_version, &p->cgd,
						 err);
	if (r < 0)
		return r;
	if (p->cgd.n_groups != 1)
		return kt_err_set(err, KT_EPROTO,
				  "ConsumerGroupDescribe answer has %zu groups "
				  "for one asked",
				  p->cgd.n_groups);
	g = &p->cgd.groups[0];
	*code = g->error_code;
	if (g->error_code) {
		d->error_code = g->error_code;
		d->error_message = g->error_message
					   ? g->error_message
					   : kt_kerr_message(g->error_code);
		return 0;
	}
	return fill_from_cgd(d, g);
}

static int decode_dg(void *arg, const struct kt_response *resp,
		     int16_t *code, struct kt_err *err)
{
	struct kt_group_desc *d = arg;
	struct desc_priv *p = d->priv;
	int r;

	kt_describegroups_resp_release(&p->dg);
	r = kt_describegroups_resp_decode(resp->body, resp->body_len,
					  resp->api_version, &p->dg, err);
	if (r < 0)
		return r;
	if (p->dg.n_groups != 1)
		return kt_err_set(err, KT_EPROTO,
				  "DescribeGroups answer has %zu groups for "
				  "one asked",
				  p->dg.n_groups);
	*code = p->dg.groups[0].error_code;
	return fill_from_dg(d, &p->dg.groups[0]);
}

/* Ask d's coordinator with coord_call and note who it is. */
static int ask_coordinator(struct kt_client *c, struct kt_group_desc *d,
			   int16_t api, kt_encode_fn enc, void *arg,
			   coord_decode_fn dec, int64_t deadline,
			   int timeout_ms, struct kt_err *err)
{
	struct coord co = {.id = -1};
	int r;

	d->error_code = 0;
	d->error_message = NULL;
	r = coord_call(c, d->group_id, api, enc, arg, dec, d, deadline,
		       timeout_ms, &co, err);
	if (co.id >= 0) {
		d->coordinator_id = co.id;
		d->coordinator_host = arena_strdup(
			&((struct desc_priv *)d->priv)->arena, co.host);
		d->coordinator_port = co.port;
	}
	return r;
}

static int describe_one(struct kt_client *c, struct kt_group_desc *d,
			int64_t deadline, int timeout_ms, struct kt_err *err)
{
	struct cgd_enc e = {.group = d->group_id};
	int r;

	r = ask_coordinator(c, d, KT_CONSUMERGROUPDESCRIBE_KEY, cgd_encode, &e,
			    decode_cgd, deadline, timeout_ms, err);
	if (r < 0)
		return r;
	/* a classic group (or an unknown one) is not a consumer group to
	 * ConsumerGroupDescribe: ask DescribeGroups, as the admin client */
	if (r == 0 && d->error_code != E_GROUP_ID_NOT_FOUND)
		return 0;
	d->error_code = 0;
	d->error_message = NULL;
	r = ask_coordinator(c, d, KT_DESCRIBEGROUPS_KEY, dg_encode, &e,
			    decode_dg, deadline, timeout_ms, err);
	if (r == 1)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "the coordinator of group '%s' offers "
				  "neither ConsumerGroupDescribe nor "
				  "DescribeGroups",
				  d->group_id);
	return r;
}

int kt_admin_describe_groups(struct kt_client *c, const char *const *groups,
			     size_t n, int timeout_ms,
			     struct kt_group_desc **out, struct kt_err *err)
{
	int64_t deadline = kt_now_ms() + timeout_ms;
	struct kt_group_desc *v;
	size_t i;
	int r;

	*out = NULL;
	v = calloc(n ? n : 1, sizeof(*v));
	if (!v)
		return kt_adm_oom(err);
	for (i = 0; i < n; i++) {
		struct desc_priv *p = calloc(1, sizeof(*p));

		v[i].priv = p;
		if (!p || !(v[i].group_id = arena_strdup(&p->arena,
							 groups[i]))) {
			kt_group_descs_free(v, n);
			return kt_adm_oom(err);
		}
		v[i].group_epoch = v[i].assignment_epoch = -1;
		v[i].coordinator_id = -1;
		r = describe_one(c, &v[i], deadline, timeout_ms, err);
		if (r == 0 && v[i].error_code == E_GROUP_ID_NOT_FOUND &&
		    (!v[i].state || !*v[i].state))
			v[i].state = "Dead";
		if (r < 0) {
			kt_group_descs_free(v, n);
			return r == -KT_ENOMEM ? kt_adm_oom(err) : r;
		}
	}
	*out = v;
	return 0;
}

/* ---- OffsetFetch -------------------------------------------------------- */

void kt_group_offsets_free(struct kt_group_offset *v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i].topic);
	free(v);
}

struct of_enc {
	const char *group;
	const struct kt_group_tp *tps;
	size_t n_tps;
	struct kt_offset_fetch_topic_req *topics;
};

static int of_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct of_enc *e = arg;
	struct kt_offset_fetch_group_req g = {
		.group_id = e->group,
		.member_epoch = -1,
		.all_topics = e->tps == NULL,
		.topics = e->topics,
		.n_topics = e->n_tps,
	};
	struct kt_offset_fetch_req req = {.groups = &g, .n_groups = 1};

	return kt_adm_enc_done(b, kt_offset_fetch_req_encode(b, version, &req),
			       "OffsetFetch", version, err);
}

static int cmp_offset(const void *a, const void *b)
{
	const struct kt_group_offset *x = a, *y = b;
	int c = strcmp(x->topic, y->topic);

	return c ? c : (x->partition > y->partition) -
			       (x->partition < y->partition);
}

/* Take the answer's partitions into *out. */
static int take_offsets(const struct kt_offset_fetch_group_resp *g,
			struct kt_group_offset **out, size_t *n,
			struct kt_err *err)
{
	size_t i, j, total = 0;

	for (i = 0; i < g->n_topics; i++)
		total += g->topics[i].n_parts;
	*out = calloc(total ? total : 1, sizeof(**out));
	if (!*out)
		return kt_adm_oom(err);
	*n = 0;
	for (i = 0; i < g->n_topics; i++)
		for (j = 0; j < g->topics[i].n_parts; j++) {
			const struct kt_offset_fetch_part_resp *p =
				&g->topics[i].parts[j];
			struct kt_group_offset *o = &(*out)[*n];

			o->topic = strdup(g->topics[i].name
						  ? g->topics[i].name
						  : "");
			if (!o->topic) {
				kt_group_offsets_free(*out, *n);
				*out = NULL;
				return kt_adm_oom(err);
			}
			o->partition = p->partition_index;
			o->committed = p->committed_offset;
			o->leader_epoch = p->committed_leader_epoch;
			o->error_code = p->error_code;
			o->seq = *n;
			(*n)++;
		}
	qsort(*out, *n, sizeof(**out), cmp_offset);
	return 0;
}

struct of_dec {
	struct kt_group_offset **out;
	size_t *n;
};

static int of_decode(void *arg, const struct kt_response *resp, int16_t *code,
		     struct kt_err *err)
{
	struct of_dec *o = arg;
	struct kt_offset_fetch_resp of;
	int r;

	r = kt_offset_fetch_resp_decode(resp->body, resp->body_len,
					resp->api_version, &of, err);
	if (r < 0)
		return r;
	if (of.n_groups != 1)
		r = kt_err_set(err, KT_EPROTO,
			       "OffsetFetch answer has %zu groups for one "
			       "asked",
			       of.n_groups);
	else if ((*code = of.groups[0].error_code) != 0)
		r = coordinator_error(*code)
			    ? 0
			    : kt_adm_kafka_fail(err, *code, NULL);
	else
		r = take_offsets(&of.groups[0], o->out, o->n, err);
	kt_offset_fetch_resp_release(&of);
	return r;
}

int kt_admin_group_offsets(struct kt_client *c, const char *group,
			   const struct kt_group_tp *tps, size_t n_tps,
			   int timeout_ms, struct kt_group_offset **out,
			   size_t *n, struct kt_err *err)
{
	struct of_enc e = {.group = group, .tps = tps, .n_tps = n_tps};
	struct of_dec d = {out, n};
	size_t i;
	int r;

	*out = NULL;
	*n = 0;
	if (tps) {
		e.topics = calloc(n_tps ? n_tps : 1, sizeof(*e.topics));
		if (!e.topics)
			return kt_adm_oom(err);
		for (i = 0; i < n_tps; i++) {
			e.topics[i].name = tps[i].topic;
			e.topics[i].parts = tps[i].parts;
			e.topics[i].n_parts = tps[i].n_parts;
		}
	}
	r = coord_call(c, group, KT_OFFSET_FETCH_KEY, of_encode, &e, of_decode,
		       &d, kt_now_ms() + timeout_ms, timeout_ms, NULL, err);
	free(e.topics);
	if (r == 1)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "the coordinator of group '%s' does not "
				  "offer OffsetFetch",
				  group);
	return r;
}

/* ---- Metadata: topic partitions --------------------------------------- */

void kt_group_tps_free(struct kt_group_tp *v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		free(v[i].parts);
	free(v);
}

static const struct kt_md_topic *md_topic(const struct kt_metadata *md,
					  const char *name)
{
	size_t i;

	for (i = 0; md && i < md->n_topics; i++)
		if (md->topics[i].name && strcmp(md->topics[i].name, name) == 0)
			return &md->topics[i];
	return NULL;
}

int kt_admin_topic_partitions(struct kt_client *c, const char *const *topics,
			      size_t n, int timeout_ms,
			      struct kt_group_tp **out, int16_t *errs,
			      struct kt_err *err)
{
	const struct kt_metadata *md;
	size_t i, j;
	int r;

	(void)timeout_ms;
	*out = calloc(n ? n : 1, sizeof(**out));
	if (!*out)
		return kt_adm_oom(err);
	r = kt_client_metadata_refresh(c, topics, (int)n, err);
	if (r < 0) {
		free(*out);
		*out = NULL;
		return r;
	}
	md = kt_client_metadata(c);
	for (i = 0; i < n; i++) {
		const struct kt_md_topic *t = md_topic(md, topics[i]);
		struct kt_group_tp *o = &(*out)[i];

		o->topic = topics[i];
		if (errs)
			errs[i] = !t ? E_UNKNOWN_TOPIC_OR_PARTITION
				     : t->error_code;
		if (!t || t->error_code)
			continue;
		o->parts = calloc(t->n_partitions + 1, sizeof(int32_t));
		if (!o->parts) {
			kt_group_tps_free(*out, n);
			*out = NULL;
			return kt_adm_oom(err);
		}
		for (j = 0; j < t->n_partitions; j++)
			o->parts[j] = t->partitions[j].partition_index;
		o->n_parts = t->n_partitions;
		qsort(o->parts, o->n_parts, sizeof(int32_t), cmp_i32);
	}
	return 0;
}

/* ---- ListOffsets per leader ------------------------------------------- */

struct lo_enc {
	struct kt_list_offsets_topic_req *topics;
	size_t n_topics;
	struct kt_list_offsets_part_req *parts;
	int8_t isolation;
	int32_t timeout_ms;
};

static int lo_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct lo_enc *e = arg;
	struct kt_list_offsets_req req = {
		.replica_id = -1,
		.isolation_level = e->isolation,
		.topics = e->topics,
		.n_topics = e->n_topics,
		.timeout_ms = e->timeout_ms,
	};

	return kt_adm_enc_done(b, kt_list_offsets_req_encode(b, version, &req),
			       "ListOffsets", version, err);
}

static int cmp_tpo(const void *a, const void *b)
{
	const struct kt_tp_offset *x = *(const struct kt_tp_offset *const *)a;
	const struct kt_tp_offset *y = *(const struct kt_tp_offset *const *)b;
	int c = strcmp(x->topic, y->topic);

	return c ? c : (x->partition > y->partition) -
			       (x->partition < y->partition);
}

/* Build one leader's request from the entries v[0..n) (sorted by topic). */
static int lo_build(struct lo_enc *e, struct kt_tp_offset *const *v, size_t n,
		    int64_t spec)
{
	size_t i;

	e->parts = calloc(n, sizeof(*e->parts));
	e->topics = calloc(n, sizeof(*e->topics));
	if (!e->parts || !e->topics)
		return -KT_ENOMEM;
	for (i = 0; i < n; i++) {
		e->parts[i].partition_index = v[i]->partition;
		e->parts[i].current_leader_epoch = -1;
		e->parts[i].timestamp = spec;
		if (!e->n_topics ||
		    strcmp(e->topics[e->n_topics - 1].name, v[i]->topic) != 0) {
			e->topics[e->n_topics].name = v[i]->topic;
			e->topics[e->n_topics].parts = &e->parts[i];
			e->n_topics++;
		}
		e->topics[e->n_topics - 1].n_parts++;
	}
	return 0;
}

static void lo_apply(const struct kt_list_offsets_resp *lr,
		     struct kt_tp_offset *const *v, size_t n)
{
	size_t i, t, p;

	for (i = 0; i < n; i++)
		for (t = 0; t < lr->n_topics; t++) {
			if (!lr->topics[t].name ||
			    strcmp(lr->topics[t].name, v[i]->topic) != 0)
				continue;
			for (p = 0; p < lr->topics[t].n_parts; p++) {
				const struct kt_list_offsets_part_resp *pr =
					&lr->topics[t].parts[p];

				if (pr->partition_index != v[i]->partition)
					continue;
				v[i]->error_code = pr->error_code;
				v[i]->offset = pr->error_code ? -1
							      : pr->offset;
			}
		}
}

int kt_admin_list_offsets(struct kt_client *c, struct kt_tp_offset *v,
			  size_t n, int64_t spec, int8_t isolation,
			  int timeout_ms, struct kt_err *err)
{
	struct kt_tp_offset **sorted = NULL;
	const char **topics = NULL;
	int32_t *leaders = NULL, *nodes = NULL;
	struct lo_enc *encs = NULL;
	struct job **jobs = NULL;
	size_t i, k, nt = 0, nj = 0;
	int r = 0;

	if (!n)
		return 0;
	sorted = calloc(n, sizeof(*sorted));
	topics = calloc(n, sizeof(*topics));
	leaders = calloc(n, sizeof(*leaders));
	if (!sorted || !topics || !leaders) {
		r = kt_adm_oom(err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		sorted[i] = &v[i];
		v[i].offset = -1;
		v[i].error_code = 0;
	}
	qsort(sorted, n, sizeof(*sorted), cmp_tpo);
	for (i = 0; i < n; i++)
		if (!nt || strcmp(topics[nt - 1], sorted[i]->topic) != 0)
			topics[nt++] = sorted[i]->topic;
	r = kt_client_metadata_refresh(c, topics, (int)nt, err);
	if (r < 0)
		goto out;
	for (i = 0; i < n; i++) {
		struct kt_err e;

		if (kt_client_leader(c, sorted[i]->topic, sorted[i]->partition,
				     &leaders[i], &e) < 0) {
			leaders[i] = -1;
			sorted[i]->error_code =
				e.code == KT_EKAFKA && e.kafka_code
					? e.kafka_code
				: e.code == KT_ENOTFOUND
					? E_UNKNOWN_TOPIC_OR_PARTITION
					: E_LEADER_NOT_AVAILABLE;
		}
	}
	/* one request per leader, its partitions in topic order */
	jobs = calloc(n, sizeof(*jobs));
	nodes = calloc(n, sizeof(*nodes));
	encs = calloc(n, sizeof(*encs));
	if (!jobs || !nodes || !encs) {
		r = kt_adm_oom(err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		struct kt_tp_offset **mine;
		size_t m = 0;
		bool seen = false;

		if (leaders[i] < 0)
			continue;
		for (k = 0; k < nj; k++)
			seen = seen || nodes[k] == leaders[i];
		if (seen)
			continue;
		mine = calloc(n, sizeof(*mine));
		if (!mine) {
			r = kt_adm_oom(err);
			goto out;
		}
		for (k = i; k < n; k++)
			if (leaders[k] == leaders[i])
				mine[m++] = sorted[k];
		encs[nj].isolation = isolation;
		encs[nj].timeout_ms = timeout_ms;
		r = lo_build(&encs[nj], mine, m, spec);
		free(mine);
		if (r < 0) {
			r = kt_adm_oom(err);
			goto out;
		}
		jobs[nj] = kt_adm_job_new(KT_API_LIST_OFFSETS, lo_encode,
					  &encs[nj]);
		if (!jobs[nj]) {
			r = kt_adm_oom(err);
			goto out;
		}
		nodes[nj++] = leaders[i];
	}
	r = kt_adm_jobs_run(c, jobs, nodes, nj, timeout_ms, err);
	if (r < 0)
		goto out;
	for (k = 0; k < nj; k++) {
		struct kt_list_offsets_resp lr;
		struct kt_tp_offset **mine;
		size_t m = 0;

		if (jobs[k]->rc < 0) {
			r = jobs[k]->rc;
			if (err)
				*err = jobs[k]->err;
			goto out;
		}
		r = kt_list_offsets_resp_decode(jobs[k]->resp.body,
						jobs[k]->resp.body_len,
						jobs[k]->resp.api_version, &lr,
						err);
		if (r < 0)
			goto out;
		mine = calloc(n, sizeof(*mine));
		if (!mine) {
			kt_list_offsets_resp_release(&lr);
			r = kt_adm_oom(err);
			goto out;
		}
		for (i = 0; i < n; i++)
			if (leaders[i] == nodes[k])
				mine[m++] = sorted[i];
		lo_apply(&lr, mine, m);
		free(mine);
		kt_list_offsets_resp_release(&lr);
	}
	r = 0;
out:
	for (k = 0; jobs && k < nj; k++) {
		kt_adm_job_free(jobs[k]);
		free(encs[k].parts);
		free(encs[k].topics);
	}
	free(jobs);
	free(encs);
	free(nodes);
	free(leaders);
	free(topics);
	free(sorted);
	return r;
}

/* ---- OffsetCommit ------------------------------------------------------- */

struct oc_enc {
	struct kt_offset_commit_req req;
};

static int oc_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct oc_enc *e = arg;

	return kt_adm_enc_done(b,
			       kt_offset_commit_req_encode(b, version, &e->req),
			       "OffsetCommit", version, err);
}

struct oc_dec {
	struct kt_group_commit *v;
	size_t n;
};

static int oc_decode(void *arg, const struct kt_response *resp, int16_t *code,
		     struct kt_err *err)
{
	struct oc_dec *d = arg;
	struct kt_offset_commit_resp oc;
	size_t i, t, p;
	int r;

	r = kt_offset_commit_resp_decode(resp->body, resp->body_len,
					 resp->api_version, &oc, err);
	if (r < 0)
		return r;
	for (t = 0; t < oc.n_topics; t++)
		for (p = 0; p < oc.topics[t].n_parts; p++) {
			const struct kt_part_error *pe = &oc.topics[t].parts[p];

			if (coordinator_error(pe->error_code))
				*code = pe->error_code;
			for (i = 0; oc.topics[t].name && i < d->n; i++)
				if (strcmp(d->v[i].topic, oc.topics[t].name) ==
					    0 &&
				    d->v[i].partition == pe->partition_index)
					d->v[i].error_code = pe->error_code;
		}
	kt_offset_commit_resp_release(&oc);
	return 0;
}

static int cmp_commit(const void *a, const void *b)
{
	const struct kt_group_commit *x = *(const struct kt_group_commit *const *)a;
	const struct kt_group_commit *y = *(const struct kt_group_commit *const *)b;
	int c = strcmp(x->topic, y->topic);

	return c ? c : (x->partition > y->partition) -
			       (x->partition < y->partition);
}

int kt_admin_commit_offsets(struct kt_client *c, const char *group,
			    struct kt_group_commit *v, size_t n,
			    int timeout_ms, struct kt_err *err)
{
	struct kt_group_commit **s = NULL;
	struct kt_offset_commit_topic_req *topics = NULL;
	struct kt_offset_commit_part_req *parts = NULL;
	struct oc_enc e;
	size_t i, nt = 0;
	int r;

	if (!n)
		return 0;
	s = calloc(n, sizeof(*s));
	topics = calloc(n, sizeof(*topics));
	parts = calloc(n, sizeof(*parts));
	if (!s || !topics || !parts) {
		r = kt_adm_oom(err);
		goto out;
	}
	for (i = 0; i < n; i++)
		s[i] = &v[i];
	qsort(s, n, sizeof(*s), cmp_commit);
	for (i = 0; i < n; i++) {
		parts[i].partition_index = s[i]->partition;
		parts[i].committed_offset = s[i]->offset;
		parts[i].committed_leader_epoch = -1;
		parts[i].committed_metadata = "";
		if (!nt || strcmp(topics[nt - 1].name, s[i]->topic) != 0) {
			topics[nt].name = s[i]->topic;
			topics[nt].parts = &parts[i];
			nt++;
		}
		topics[nt - 1].n_parts++;
	}
	memset(&e, 0, sizeof(e));
	e.req.group_id = group;
	e.req.generation_id_or_member_epoch = -1;
	e.req.member_id = "";
	e.req.retention_time_ms = -1;
	e.req.topics = topics;
	e.req.n_topics = nt;
	{
		struct oc_dec d = {v, n};

		r = coord_call(c, group, KT_OFFSET_COMMIT_KEY, oc_encode, &e,
			       oc_decode, &d, kt_now_ms() + timeout_ms,
			       timeout_ms, NULL, err);
		if (r == 1)
			r = kt_err_set(err, KT_EUNSUPPORTED,
				       "the coordinator of group '%s' does "
				       "not offer OffsetCommit",
				       group);
	}
out:
	free(s);
	free(topics);
	free(parts);
	return r;
}

/* ---- DeleteGroups ----------------------------------------------------- */

struct del_enc {
	const char *group;
};

static int del_encode(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err)
{
	struct del_enc *e = arg;
	struct kt_deletegroups_req req = {.groups_names = &e->group,
					  .n_groups_names = 1};

	return kt_adm_enc_done(b, kt_deletegroups_req_encode(b, version, &req),
			       "DeleteGroups", version, err);
}

/* The group's verdict goes to *code (for the retry) and to *arg. */
static int del_decode_keep(void *arg, const struct kt_response *resp,
			   int16_t *code, struct kt_err *err)
{
	struct kt_deletegroups_resp dr;
	int r;

	r = kt_deletegroups_resp_decode(resp->body, resp->body_len,
					resp->api_version, &dr, err);
	if (r < 0)
		return r;
	*code = dr.n_results ? dr.results[0].error_code : 0;
	*(int16_t *)arg = *code;
	kt_deletegroups_resp_release(&dr);
	return 0;
}

int kt_admin_delete_groups(struct kt_client *c, const char *const *groups,
			   size_t n, int timeout_ms, int16_t *codes,
			   struct kt_err *err)
{
	int64_t deadline = kt_now_ms() + timeout_ms;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		struct del_enc e = {.group = groups[i]};
		int16_t code = 0;

		/* the verdict is the group-level code del_decode reads:
		 * coord_call gives it back through code */
		r = coord_call(c, groups[i], KT_DELETEGROUPS_KEY, del_encode,
			       &e, del_decode_keep, &code, deadline,
			       timeout_ms, NULL, err);
		if (r == 1)
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "the coordinator of group '%s' does "
					  "not offer DeleteGroups",
					  groups[i]);
		if (r < 0)
			return r;
		codes[i] = code;
	}
	return 0;
}

/* ---- OffsetDelete --------------------------------------------------------- */

struct od_enc {
	struct kt_offsetdelete_req req;
};

static int od_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct od_enc *e = arg;

	return kt_adm_enc_done(b,
			       kt_offsetdelete_req_encode(b, version, &e->req),
			       "OffsetDelete", version, err);
}

struct od_dec {
	struct kt_group_delete_offset *v;
	size_t n;
	int16_t *top;
};

static int od_decode(void *arg, const struct kt_response *resp, int16_t *code,
		     struct kt_err *err)
{
	struct od_dec *d = arg;
	struct kt_offsetdelete_resp od;
	size_t i, t, p;
	int r;

	r = kt_offsetdelete_resp_decode(resp->body, resp->body_len,
					resp->api_version, &od, err);
	if (r < 0)
		return r;
	*code = od.error_code;
	*d->top = od.error_code;
	for (t = 0; t < od.n_topics; t++)
		for (p = 0; p < od.topics[t].n_partitions; p++) {
			const struct kt_offsetdelete_result_partition *rp =
				&od.topics[t].partitions[p];

			for (i = 0; od.topics[t].name && i < d->n; i++)
				if (strcmp(d->v[i].topic, od.topics[t].name) ==
					    0 &&
				    d->v[i].partition == rp->partition_index)
					d->v[i].error_code = rp->error_code;
		}
	kt_offsetdelete_resp_release(&od);
	return 0;
}

int kt_admin_delete_offsets(struct kt_client *c, const char *group,
			    struct kt_group_delete_offset *v, size_t n,
			    int timeout_ms, int16_t *top_error,
			    struct kt_err *err)
{
	struct kt_offsetdelete_topic *topics = NULL;
	int32_t *parts = NULL;
	struct od_enc e;
	size_t i, nt = 0;
	int r;

	*top_error = 0;
	topics = calloc(n ? n : 1, sizeof(*topics));
	parts = calloc(n ? n : 1, sizeof(*parts));
	if (!topics || !parts) {
		r = kt_adm_oom(err);
		goto out;
	}
	/* v is grouped by topic by the caller; keep its order */
	for (i = 0; i < n; i++) {
		parts[i] = v[i].partition;
		if (!nt || strcmp(topics[nt - 1].name, v[i].topic) != 0) {
			topics[nt].name = v[i].topic;
			topics[nt].partitions = &parts[i];
			nt++;
		}
		topics[nt - 1].n_partitions++;
	}
	memset(&e, 0, sizeof(e));
	e.req.group_id = group;
	e.req.topics = topics;
	e.req.n_topics = nt;
	{
		struct od_dec d = {v, n, top_error};

		r = coord_call(c, group, KT_OFFSETDELETE_KEY, od_encode, &e,
			       od_decode, &d, kt_now_ms() + timeout_ms,
			       timeout_ms, NULL, err);
		if (r == 1)
			r = kt_err_set(err, KT_EUNSUPPORTED,
				       "the coordinator of group '%s' does "
				       "not offer OffsetDelete",
				       group);
	}
out:
	free(topics);
	free(parts);
	return r;
}
