/*
 * admin/admin_change.c - kafka-topics' changes: --create (CreateTopics with
 * assignments and configs), --alter --partitions (CreatePartitions),
 * --delete (DeleteTopics by name or id) and the wait until the cluster's
 * metadata shows the change, as the Java admin client's futures do.
 */
#include "admin/admin_int.h"

struct ct_enc {
	struct kt_createtopics_req req;
};

static int ct_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct ct_enc *e = arg;

	return kt_adm_enc_done(b,
			       kt_createtopics_req_encode(b, version, &e->req),
			       "CreateTopics", version, err);
}

int kt_admin_create_topic(struct kt_client *c,
			  const struct kt_admin_new_topic *t,
			  struct kt_admin_result *res, struct kt_err *err)
{
	struct ct_enc e;
	struct kt_createtopics_topic topic;
	struct kt_createtopics_assignment *as = NULL;
	struct kt_createtopics_config *cf = NULL;
	struct kt_response resp;
	struct kt_createtopics_resp cr;
	size_t i;
	int r;

	memset(res, 0, sizeof(*res));
	memset(&e, 0, sizeof(e));
	memset(&topic, 0, sizeof(topic));
	as = calloc(t->n_assignment + 1, sizeof(*as));
	cf = calloc(t->n_configs + 1, sizeof(*cf));
	if (!as || !cf) {
		r = kt_adm_oom(err);
		goto out;
	}
	for (i = 0; i < t->n_assignment; i++) {
		as[i].partition_index = (int32_t)i;
		as[i].broker_ids = t->assignment[i].v;
		as[i].n_broker_ids = t->assignment[i].n;
	}
	for (i = 0; i < t->n_configs; i++) {
		cf[i].name = t->configs[i].name;
		cf[i].value = t->configs[i].value;
	}
	topic.name = t->name;
	topic.num_partitions = t->n_assignment ? -1 : t->partitions;
	topic.replication_factor = t->n_assignment ? -1 : t->replication_factor;
	topic.assignments = as;
	topic.n_assignments = t->n_assignment;
	topic.configs = cf;
	topic.n_configs = t->n_configs;
	e.req.topics = &topic;
	e.req.n_topics = 1;
	e.req.timeout_ms = ADMIN_TIMEOUT_MS;
	r = kt_client_call(c, KT_NODE_ANY, KT_API_CREATE_TOPICS, ct_encode, &e,
			   &resp, NULL, err);
	if (r < 0)
		goto out;
	r = kt_createtopics_resp_decode(resp.body, resp.body_len,
					resp.api_version, &cr, err);
	kt_response_release(&resp);
	if (r < 0)
		goto out;
	r = kt_err_set(err, KT_EPROTO,
		       "CreateTopics answer does not mention topic '%s'",
		       t->name);
	for (i = 0; i < cr.n_topics; i++) {
		if (!cr.topics[i].name || strcmp(cr.topics[i].name, t->name))
			continue;
		r = kt_adm_result_set(res, cr.topics[i].error_code,
				      cr.topics[i].error_message);
		if (r < 0)
			r = kt_adm_oom(err);
		break;
	}
	kt_createtopics_resp_release(&cr);
out:
	free(as);
	free(cf);
	return r;
}

/* Match the per-topic answers of a multi-topic call to the request order;
 * a topic the broker left out is a protocol error. */
static int match_results(const char *api, const char *const *names, size_t n,
			 const char *const *got_names, const int16_t *codes,
			 const char *const *msgs, size_t n_got,
			 struct kt_admin_result *res, struct kt_err *err)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		bool found = false;

		for (k = 0; k < n_got && !found; k++) {
			if (!got_names[k] || strcmp(got_names[k], names[i]))
				continue;
			found = true;
			if (kt_adm_result_set(&res[i], codes[k], msgs[k]))
				return kt_adm_oom(err);
		}
		if (!found)
			return kt_err_set(err, KT_EPROTO,
					  "%s answer does not mention topic "
					  "'%s'",
					  api, names[i]);
	}
	return 0;
}

struct cp_enc {
	struct kt_createpartitions_req req;
};

static int cp_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct cp_enc *e = arg;

	return kt_adm_enc_done(
		b, kt_createpartitions_req_encode(b, version, &e->req),
		"CreatePartitions", version, err);
}

/* Collect the (name, code, message) columns of an answer for
 * match_results. */
struct cols {
	const char **names;
	int16_t *codes;
	const char **msgs;
};

static int cols_alloc(struct cols *c, size_t n)
{
	c->names = calloc(n + 1, sizeof(*c->names));
	c->codes = calloc(n + 1, sizeof(*c->codes));
	c->msgs = calloc(n + 1, sizeof(*c->msgs));
	return c->names && c->codes && c->msgs ? 0 : -KT_ENOMEM;
}

static void cols_free(struct cols *c)
{
	free(c->names);
	free(c->codes);
	free(c->msgs);
}

int kt_admin_create_partitions(struct kt_client *c,
			       const struct kt_admin_new_parts *t, size_t n,
			       struct kt_admin_result *res, struct kt_err *err)
{
	struct cp_enc e;
	struct kt_createpartitions_topic *ts;
	struct kt_createpartitions_assignment **as;
	const char **names;
	struct kt_response resp;
	struct kt_createpartitions_resp cr;
	struct cols col = {0};
	size_t i, k;
	int r;

	memset(&e, 0, sizeof(e));
	for (i = 0; i < n; i++)
		memset(&res[i], 0, sizeof(res[i]));
	ts = calloc(n + 1, sizeof(*ts));
	as = calloc(n + 1, sizeof(*as));
	names = calloc(n + 1, sizeof(*names));
	if (!ts || !as || !names) {
		r = kt_adm_oom(err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		names[i] = t[i].name;
		ts[i].name = t[i].name;
		ts[i].count = t[i].total;
		if (!t[i].has_assignment)
			continue;
		as[i] = calloc(t[i].n_assignment + 1, sizeof(**as));
		if (!as[i]) {
			r = kt_adm_oom(err);
			goto out;
		}
		for (k = 0; k < t[i].n_assignment; k++) {
			as[i][k].broker_ids = t[i].assignment[k].v;
			as[i][k].n_broker_ids = t[i].assignment[k].n;
		}
		ts[i].assignments = as[i];
		ts[i].n_assignments = t[i].n_assignment;
	}
	e.req.topics = ts;
	e.req.n_topics = n;
	e.req.timeout_ms = ADMIN_TIMEOUT_MS;
	r = kt_client_call(c, KT_NODE_ANY, KT_API_CREATE_PARTITIONS, cp_encode,
			   &e, &resp, NULL, err);
	if (r < 0)
		goto out;
	r = kt_createpartitions_resp_decode(resp.body, resp.body_len,
					    resp.api_version, &cr, err);
	kt_response_release(&resp);
	if (r < 0)
		goto out;
	if (cols_alloc(&col, cr.n_results) < 0) {
		r = kt_adm_oom(err);
	} else {
		for (i = 0; i < cr.n_results; i++) {
			col.names[i] = cr.results[i].name;
			col.codes[i] = cr.results[i].error_code;
			col.msgs[i] = cr.results[i].error_message;
		}
		r = match_results("CreatePartitions", names, n, col.names,
				  col.codes, col.msgs, cr.n_results, res, err);
	}
	cols_free(&col);
	kt_createpartitions_resp_release(&cr);
out:
	if (as)
		for (i = 0; i < n; i++)
			free(as[i]);
	free(as);
	free(ts);
	free(names);
	return r;
}

struct dt_enc {
	struct kt_deletetopics_req req;
};

static int dt_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct dt_enc *e = arg;

	return kt_adm_enc_done(b,
			       kt_deletetopics_req_encode(b, version, &e->req),
			       "DeleteTopics", version, err);
}

int kt_admin_delete_topics(struct kt_client *c, const char *const *names,
			   size_t n, struct kt_admin_result *res,
			   struct kt_err *err)
{
	struct dt_enc e;
	struct kt_deletetopics_topic *ts;
	struct kt_response resp;
	struct kt_deletetopics_resp dr;
	struct cols col = {0};
	size_t i;
	int r;

	memset(&e, 0, sizeof(e));
	for (i = 0; i < n; i++)
		memset(&res[i], 0, sizeof(res[i]));
	ts = calloc(n + 1, sizeof(*ts));
	if (!ts)
		return kt_adm_oom(err);
	for (i = 0; i < n; i++)
		ts[i].name = names[i];
	e.req.topics = ts;
	e.req.n_topics = n;
	e.req.timeout_ms = ADMIN_TIMEOUT_MS;
	r = kt_client_call(c, KT_NODE_ANY, KT_API_DELETE_TOPICS, dt_encode, &e,
			   &resp, NULL, err);
	if (r < 0)
		goto out;
	r = kt_deletetopics_resp_decode(resp.body, resp.body_len,
					resp.api_version, &dr, err);
	kt_response_release(&resp);
	if (r < 0)
		goto out;
	if (cols_alloc(&col, dr.n_responses) < 0) {
		r = kt_adm_oom(err);
	} else {
		for (i = 0; i < dr.n_responses; i++) {
			col.names[i] = dr.responses[i].name;
			col.codes[i] = dr.responses[i].error_code;
			col.msgs[i] = dr.responses[i].error_message;
		}
		r = match_results("DeleteTopics", names, n, col.names,
				  col.codes, col.msgs, dr.n_responses, res,
				  err);
	}
	cols_free(&col);
	kt_deletetopics_resp_release(&dr);
out:
	free(ts);
	return r;
}

struct mdw_enc {
	struct kt_md_req_topic *topics;
	int32_t n;
};

static int mdw_encode(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err)
{
	struct mdw_enc *e = arg;
	struct kt_metadata_req req;

	memset(&req, 0, sizeof(req));
	req.topics = e->topics;
	req.n_topics = e->n;
	return kt_metadata_req_encode(b, version, &req, err);
}

/* Whether md shows what the caller waits for; *which names the first topic
 * that is not there yet. */
static bool md_settled(const struct kt_metadata *md, const char *const *names,
		       size_t n, const int32_t *min_parts, bool absent,
		       const char **which)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct kt_md_topic *t = kt_metadata_topic(md, names[i]);
		bool gone = !t ||
			    t->error_code == KT_KERR_UNKNOWN_TOPIC_OR_PARTITION;

		*which = names[i];
		if (absent) {
			if (!gone)
				return false;
			continue;
		}
		if (gone || t->error_code)
			return false;
		if (min_parts && (int64_t)t->n_partitions < min_parts[i])
			return false;
		if (!t->n_partitions)
			return false;
		for (k = 0; k < t->n_partitions; k++)
			if (t->partitions[k].leader_id < 0)
				return false;
	}
	return true;
}

static void nap_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

int kt_admin_wait_topics(struct kt_client *c, const char *const *names,
			 size_t n, const int32_t *min_partitions, bool absent,
			 int timeout_ms, struct kt_err *err)
{
	int64_t deadline = kt_now_ms() + timeout_ms;
	const struct kt_metadata *md;
	struct mdw_enc e = {NULL, 0};
	int32_t *brokers = NULL;
	size_t nb, b, i;
	int r = 0;

	if (!n)
		return 0;
	if (n > INT32_MAX)
		return kt_err_set(err, KT_EINVAL, "too many topics");
	e.topics = calloc(n, sizeof(*e.topics));
	if (!e.topics)
		return kt_adm_oom(err);
	for (i = 0; i < n; i++)
		e.topics[i].name = names[i];
	e.n = (int32_t)n;
	md = kt_client_metadata(c);
	if (!md) {
		r = kt_client_metadata_refresh(c, NULL, 0, err);
		if (r < 0)
			goto out;
		md = kt_client_metadata(c);
	}
	nb = md->n_brokers;
	brokers = calloc(nb + 1, sizeof(*brokers));
	if (!brokers) {
		r = kt_adm_oom(err);
		goto out;
	}
	for (b = 0; b < nb; b++)
		brokers[b] = md->brokers[b].node_id;
	for (b = 0; b < nb; b++) {
		long nap = 5;

		for (;;) {
			struct kt_response resp;
			struct kt_metadata m;
			const char *which = NULL;
			bool ok;

			r = kt_client_call(c, brokers[b], KT_API_METADATA,
					   mdw_encode, &e, &resp, NULL, err);
			if (r < 0)
				goto out;
			r = kt_metadata_resp_decode(resp.body, resp.body_len,
						    resp.api_version, &m, err);
			kt_response_release(&resp);
			if (r < 0) {
				kt_metadata_release(&m);
				goto out;
			}
			ok = md_settled(&m, names, n, min_partitions, absent,
					&which);
			kt_metadata_release(&m);
			if (ok)
				break;
			if (kt_now_ms() + nap >= deadline) {
				r = kt_err_set(err, KT_ETIMEDOUT,
					       "broker %d still %s topic '%s' "
					       "after %d ms",
					       brokers[b],
					       absent ? "shows" : "lacks",
					       which ? which : "?", timeout_ms);
				goto out;
			}
			nap_ms(nap);
			if (nap < 100)
				nap *= 2;
		}
	}
out:
	free(brokers);
	free(e.topics);
	return r;
}
