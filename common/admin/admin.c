/*
 * admin/admin.c - topic admin calls for kafka-topics (tools.md §1.7): the
 * requests Apache's TopicCommand makes through the Java admin client, on
 * kafkit's client and body codecs (proto_topics, proto_configs,
 * proto_groups_admin for DescribeCluster, proto_reassign, proto_metadata).
 */
#include "admin/admin.h"

#include "java/jorder.h"
#include "wire/kerr.h"
#include "proto/configs.h"
#include "proto/groups_admin.h"
#include "proto/reassign.h"
#include "proto/topics.h"

#include <time.h>

/* The broker's own time limit for topic changes (CreateTopics etc.): the
 * Java client sends its request timeout, 30 s by default. */
#define ADMIN_TIMEOUT_MS 30000

void kt_admin_result_release(struct kt_admin_result *r)
{
	free(r->message);
	memset(r, 0, sizeof(*r));
}

/* Fill r with code and the Java client's message: the broker's text, else
 * the code's default message (ApiError.exception). */
static int result_set(struct kt_admin_result *r, int16_t code, const char *msg)
{
	free(r->message);
	r->message = NULL;
	r->error_code = code;
	if (!code)
		return 0;
	r->message = strdup(msg ? msg : kt_kerr_message(code));
	return r->message ? 0 : -KT_ENOMEM;
}

const char *kt_admin_error_class(int16_t code, char *buf, size_t len)
{
	if (!kt_kerr_java_class(code, buf, len))
		snprintf(buf, len, "org.apache.kafka.common.KafkaException");
	return buf;
}

static int oom(struct kt_err *err)
{
	return kt_err_set(err, KT_ENOMEM, "out of memory");
}

/* A top-level error code of an answer, as the Java client raises it. */
static int kafka_fail(struct kt_err *err, int16_t code, const char *msg)
{
	return kt_err_kafka(err, code, "%s", msg ? msg : kt_kerr_message(code));
}

/* Encoders that only append b and report b->err: fill err for the
 * client. */
static int enc_done(struct kt_buf *b, int r, const char *api, int16_t v,
		    struct kt_err *err)
{
	if (r < 0 || b->err)
		return kt_err_set(err, r < 0 ? -r : -b->err,
				  "cannot encode %s v%d request: %s", api, v,
				  kt_strerror(r < 0 ? r : b->err));
	return 0;
}

/* ---- names ------------------------------------------------------------ */

void kt_admin_names_free(char **names, size_t n)
{
	size_t i;

	if (!names)
		return;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* A topic of the metadata cache, for sorting by name. */
static int cmp_md_topic(const void *a, const void *b)
{
	const struct kt_md_topic *x = *(const struct kt_md_topic *const *)a;
	const struct kt_md_topic *y = *(const struct kt_md_topic *const *)b;

	return strcmp(x->name, y->name);
}

/* The topics of md that have a name, sorted by name (malloc'ed). */
static const struct kt_md_topic **md_sorted(const struct kt_metadata *md,
					    size_t *n)
{
	const struct kt_md_topic **v = calloc(md->n_topics + 1, sizeof(*v));
	size_t i, k = 0;

	if (!v)
		return NULL;
	for (i = 0; i < md->n_topics; i++)
		if (md->topics[i].name)
			v[k++] = &md->topics[i];
	qsort(v, k, sizeof(*v), cmp_md_topic);
	*n = k;
	return v;
}

static const struct kt_md_topic *md_find(const struct kt_md_topic **v, size_t n,
					 const char *name)
{
	struct kt_md_topic key;
	const struct kt_md_topic *kp = &key, *const * hit;

	memset(&key, 0, sizeof(key));
	key.name = (char *)name;
	hit = bsearch(&kp, v, n, sizeof(*v), cmp_md_topic);
	return hit ? *hit : NULL;
}

int kt_admin_topic_names(struct kt_client *c, bool exclude_internal,
			 char ***names, bool **internal, size_t *n,
			 struct kt_err *err)
{
	const struct kt_metadata *md;
	const struct kt_md_topic **sorted;
	char **v;
	bool *in;
	size_t i, k = 0, ns = 0;
	int r;

	*names = NULL;
	*n = 0;
	if (internal)
		*internal = NULL;
	r = kt_client_metadata_refresh(c, NULL, -1, err);
	if (r < 0)
		return r;
	md = kt_client_metadata(c);
	sorted = md_sorted(md, &ns);
	v = calloc(ns + 1, sizeof(*v));
	in = calloc(ns + 1, sizeof(*in));
	if (!sorted || !v || !in) {
		free(sorted);
		free(v);
		free(in);
		return oom(err);
	}
	for (i = 0; i < ns; i++) {
		const struct kt_md_topic *t = sorted[i];

		if (t->error_code && !t->n_partitions)
			continue;
		if (exclude_internal && t->is_internal)
			continue;
		v[k] = strdup(t->name);
		if (!v[k]) {
			free(sorted);
			free(in);
			kt_admin_names_free(v, k);
			return oom(err);
		}
		in[k++] = t->is_internal;
	}
	free(sorted);
	if (internal)
		*internal = in;
	else
		free(in);
	*names = v;
	*n = k;
	return 0;
}

/* ---- live brokers ----------------------------------------------------- */

static int dc_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct kt_describecluster_req req;

	(void)arg;
	memset(&req, 0, sizeof(req));
	req.endpoint_type = KT_ENDPOINT_BROKERS;
	return enc_done(b, kt_describecluster_req_encode(b, version, &req),
			"DescribeCluster", version, err);
}

int kt_admin_live_brokers(struct kt_client *c, int32_t **ids, size_t *n,
			  struct kt_err *err)
{
	struct kt_response resp;
	struct kt_describecluster_resp dc;
	const struct kt_metadata *md;
	size_t i;
	int r;

	*ids = NULL;
	*n = 0;
	r = kt_client_call(c, KT_NODE_ANY, KT_API_DESCRIBE_CLUSTER, dc_encode,
			   NULL, &resp, NULL, err);
	if (r == -KT_EUNSUPPORTED) {
		/* before 2.8: the brokers of a Metadata answer */
		md = kt_client_metadata(c);
		if (!md) {
			r = kt_client_metadata_refresh(c, NULL, 0, err);
			if (r < 0)
				return r;
			md = kt_client_metadata(c);
		}
		*ids = calloc(md->n_brokers + 1, sizeof(**ids));
		if (!*ids)
			return oom(err);
		for (i = 0; i < md->n_brokers; i++)
			(*ids)[i] = md->brokers[i].node_id;
		*n = md->n_brokers;
		return 0;
	}
	if (r < 0)
		return r;
	r = kt_describecluster_resp_decode(resp.body, resp.body_len,
					   resp.api_version, &dc, err);
	kt_response_release(&resp);
	if (r < 0)
		return r;
	if (dc.error_code) {
		r = kafka_fail(err, dc.error_code, dc.error_message);
		goto out;
	}
	*ids = calloc(dc.n_brokers + 1, sizeof(**ids));
	if (!*ids) {
		r = oom(err);
		goto out;
	}
	for (i = 0; i < dc.n_brokers; i++)
		(*ids)[i] = dc.brokers[i].broker_id;
	*n = dc.n_brokers;
out:
	kt_describecluster_resp_release(&dc);
	return r;
}

/* ---- describe --------------------------------------------------------- */

/* Lookup of a request's topic names: sorted (name, index) pairs. */
struct name_ix {
	const char *name;
	size_t ix;
};

static int cmp_name_ix(const void *a, const void *b)
{
	return strcmp(((const struct name_ix *)a)->name,
		      ((const struct name_ix *)b)->name);
}

static long find_name(const struct name_ix *ix, size_t n, const char *name)
{
	struct name_ix key = {name, 0};
	const struct name_ix *hit;

	if (!name)
		return -1;
	hit = bsearch(&key, ix, n, sizeof(*ix), cmp_name_ix);
	return hit ? (long)hit->ix : -1;
}

static int ids_copy(struct kt_ids *ids, const int32_t *v, size_t n)
{
	return kt_ids_set(ids, v, n);
}

/* Append a zeroed partition to d. */
static struct kt_partition_desc *add_part(struct kt_topic_desc *d, size_t *cap)
{
	if (d->n_parts == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct kt_partition_desc *p =
			realloc(d->parts, nc * sizeof(*p));

		if (!p)
			return NULL;
		d->parts = p;
		*cap = nc;
	}
	memset(&d->parts[d->n_parts], 0, sizeof(*d->parts));
	return &d->parts[d->n_parts++];
}

static int from_md_topic(struct kt_admin_desc *o, const struct kt_md_topic *t)
{
	size_t i, cap = 0;

	if (t->error_code)
		return result_set(&o->res, t->error_code, NULL);
	if (!o->d.name) {
		o->d.name = strdup(t->name ? t->name : "");
		if (!o->d.name)
			return -KT_ENOMEM;
	}
	o->d.id = t->topic_id;
	o->d.internal = t->is_internal;
	for (i = 0; i < t->n_partitions; i++) {
		const struct kt_md_partition *mp = &t->partitions[i];
		struct kt_partition_desc *p = add_part(&o->d, &cap);

		if (!p)
			return -KT_ENOMEM;
		p->partition = mp->partition_index;
		p->leader = mp->leader_id;
		p->error_code = mp->error_code;
		if (ids_copy(&p->replicas, mp->replica_nodes,
			     mp->n_replica_nodes) ||
		    ids_copy(&p->isr, mp->isr_nodes, mp->n_isr_nodes) ||
		    ids_copy(&p->offline, mp->offline_replicas,
			     mp->n_offline_replicas))
			return -KT_ENOMEM;
	}
	kt_topic_desc_sort(&o->d);
	return 0;
}

/* Metadata for the named topics (the DescribeTopicPartitions fallback). */
static int describe_md_names(struct kt_client *c,
			     const struct kt_admin_describe_req *req,
			     struct kt_admin_desc *v, struct kt_err *err)
{
	const struct kt_metadata *md;
	size_t i;
	int r;

	r = kt_client_metadata_refresh(c, (const char *const *)req->names,
				       (int)req->n_names, err);
	if (r < 0)
		return r;
	md = kt_client_metadata(c);
	for (i = 0; i < req->n_names; i++) {
		const struct kt_md_topic *t =
			kt_metadata_topic(md, req->names[i]);

		if (!t)
			r = result_set(&v[i].res,
				       KT_KERR_UNKNOWN_TOPIC_OR_PARTITION,
				       NULL);
		else
			r = from_md_topic(&v[i], t);
		if (r < 0)
			return oom(err);
	}
	return 0;
}

/* By id: Apache describes them with Metadata; the all-topics answer of the
 * listing already holds them. */
static int describe_md_ids(struct kt_client *c,
			   const struct kt_admin_describe_req *req,
			   struct kt_admin_desc *v, struct kt_err *err)
{
	const struct kt_metadata *md = kt_client_metadata(c);
	size_t i, k;
	int r;

	if (!md) {
		r = kt_client_metadata_refresh(c, NULL, -1, err);
		if (r < 0)
			return r;
		md = kt_client_metadata(c);
	}
	for (i = 0; i < req->n_ids; i++) {
		const struct kt_md_topic *t = NULL;

		for (k = 0; k < md->n_topics && !t; k++)
			if (memcmp(&md->topics[k].topic_id, &req->ids[i],
				   sizeof(req->ids[i])) == 0)
				t = &md->topics[k];
		if (!t)
			r = result_set(&v[i].res, KT_KERR_UNKNOWN_TOPIC_ID,
				       NULL);
		else
			r = from_md_topic(&v[i], t);
		if (r < 0)
			return oom(err);
	}
	return 0;
}

struct dtp_enc {
	const struct kt_admin_describe_req *req;
	const char *cursor_topic;
	int32_t cursor_partition;
};

static int dtp_encode(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err)
{
	struct dtp_enc *e = arg;
	struct kt_describetopicpartitions_req req;

	memset(&req, 0, sizeof(req));
	req.topics = e->req->names;
	req.n_topics = e->req->n_names;
	req.response_partition_limit = e->req->partition_limit;
	req.cursor_topic_name = e->cursor_topic;
	req.cursor_partition_index = e->cursor_partition;
	return enc_done(b,
			kt_describetopicpartitions_req_encode(b, version, &req),
			"DescribeTopicPartitions", version, err);
}

/* Merge one page of DescribeTopicPartitions into v. */
static int dtp_merge(const struct kt_describetopicpartitions_resp *dr,
		     const struct name_ix *ix, size_t n_ix,
		     struct kt_admin_desc *v, size_t *caps)
{
	size_t i, k;

	for (i = 0; i < dr->n_topics; i++) {
		const struct kt_describetopicpartitions_topic *t =
			&dr->topics[i];
		long at = find_name(ix, n_ix, t->name);
		struct kt_admin_desc *o;

		if (at < 0)
			continue; /* not asked for */
		o = &v[at];
		if (t->error_code) {
			if (result_set(&o->res, t->error_code, NULL))
				return -KT_ENOMEM;
			continue;
		}
		if (!o->d.name) {
			o->d.name = strdup(t->name);
			if (!o->d.name)
				return -KT_ENOMEM;
		}
		o->d.id = t->topic_id;
		o->d.internal = t->is_internal;
		for (k = 0; k < t->n_partitions; k++) {
			const struct kt_describetopicpartitions_partition *dp =
				&t->partitions[k];
			struct kt_partition_desc *p =
				add_part(&o->d, &caps[at]);

			if (!p)
				return -KT_ENOMEM;
			p->partition = dp->partition_index;
			p->leader = dp->leader_id;
			p->error_code = dp->error_code;
			p->has_elr = true;
			if (ids_copy(&p->replicas, dp->replica_nodes,
				     dp->n_replica_nodes) ||
			    ids_copy(&p->isr, dp->isr_nodes, dp->n_isr_nodes) ||
			    ids_copy(&p->offline, dp->offline_replicas,
				     dp->n_offline_replicas) ||
			    ids_copy(&p->elr, dp->eligible_leader_replicas,
				     dp->n_eligible_leader_replicas) ||
			    ids_copy(&p->last_known_elr, dp->last_known_elr,
				     dp->n_last_known_elr))
				return -KT_ENOMEM;
		}
	}
	return 0;
}

/* ---- requests in parallel ---------------------------------------------

 * A broker serves the requests of one connection one at a time; the
 * describe requests are independent, so they go out together, each on its
 * own connection (kt_client_node_extra), and one poll loop waits for all.
 */

struct job {
	int16_t api;
	kt_encode_fn enc;
	void *enc_arg;
	bool done;
	bool abandoned; /* timed out: the callback frees the job */
	struct kt_response resp;
	struct kt_err err;
	int rc;
};

static int job_enc(void *arg, struct kt_buf *b, int16_t version,
		   struct kt_err *err)
{
	struct job *j = arg;

	if (j->abandoned)
		return kt_err_set(err, KT_ETIMEDOUT, "request abandoned");
	return j->enc(j->enc_arg, b, version, err);
}

static void job_cb(void *arg, struct kt_client *c, int32_t node_id,
		   struct kt_response *resp, const struct kt_err *err)
{
	struct job *j = arg;

	(void)c;
	(void)node_id;
	if (j->abandoned) {
		free(j);
		return;
	}
	j->done = true;
	if (err) {
		j->err = *err;
		j->rc = err->code ? -err->code : -KT_EIO;
		return;
	}
	j->resp = *resp;
	resp->frame = NULL;
}

static struct job *job_new(int16_t api, kt_encode_fn enc, void *enc_arg)
{
	struct job *j = calloc(1, sizeof(*j));

	if (j) {
		j->api = api;
		j->enc = enc;
		j->enc_arg = enc_arg;
	}
	return j;
}

/* Free a finished job (an abandoned one belongs to its callback). */
static void job_free(struct job *j)
{
	if (!j || j->abandoned)
		return;
	kt_response_release(&j->resp);
	free(j);
}

/* Send jobs[i] to nodes[i] and wait for every answer, at most timeout_ms.
 * Each job's own outcome is in its rc/err/resp; the return value is 0 or
 * a failure of the loop itself (then the unfinished jobs are abandoned). */
static int jobs_run(struct kt_client *c, struct job **jobs,
		    const int32_t *nodes, size_t n, int timeout_ms,
		    struct kt_err *err)
{
	int64_t deadline = kt_now_ms() + timeout_ms;
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		r = kt_client_send(c, nodes[i], jobs[i]->api, job_enc, jobs[i],
				   job_cb, jobs[i], &jobs[i]->err);
		if (r < 0) {
			jobs[i]->done = true;
			jobs[i]->rc = r;
		}
	}
	for (;;) {
		int64_t now = kt_now_ms();
		bool all = true;

		for (i = 0; i < n; i++)
			all = all && jobs[i]->done;
		if (all)
			return 0;
		r = now >= deadline
			    ? -KT_ETIMEDOUT
			    : kt_client_poll(c, (int)(deadline - now), err);
		if (r < 0) {
			if (r == -KT_ETIMEDOUT)
				kt_err_set(err, KT_ETIMEDOUT,
					   "describe requests timed out after "
					   "%d ms (default.api.timeout.ms)",
					   timeout_ms);
			for (i = 0; i < n; i++)
				if (!jobs[i]->done)
					jobs[i]->abandoned = true;
			return r;
		}
	}
}

/* ---- describe: partitions --------------------------------------------- */

/* Merge the DescribeTopicPartitions pages into v: the first page may have
 * been fetched already (first), the others follow the cursor. */
static int describe_dtp(struct kt_client *c,
			const struct kt_admin_describe_req *req,
			struct kt_admin_desc *v, const struct name_ix *ix,
			struct kt_response *first, struct kt_err *err)
{
	struct dtp_enc e = {req, NULL, 0};
	size_t *caps, i;
	char *cursor = NULL;
	int r = 0;

	caps = calloc(req->n_names + 1, sizeof(*caps));
	if (!caps)
		return oom(err);
	for (;;) {
		struct kt_response resp;
		struct kt_describetopicpartitions_resp dr;

		if (first) {
			resp = *first;
			memset(first, 0, sizeof(*first));
			first = NULL;
		} else {
			r = kt_client_call(c, KT_NODE_ANY,
					   KT_API_DESCRIBE_TOPIC_PARTITIONS,
					   dtp_encode, &e, &resp, NULL, err);
			if (r < 0)
				break;
		}
		r = kt_describetopicpartitions_resp_decode(
			resp.body, resp.body_len, resp.api_version, &dr, err);
		kt_response_release(&resp);
		if (r < 0)
			break;
		if (dtp_merge(&dr, ix, req->n_names, v, caps) < 0) {
			kt_describetopicpartitions_resp_release(&dr);
			r = oom(err);
			break;
		}
		if (!dr.next_cursor_topic_name) {
			kt_describetopicpartitions_resp_release(&dr);
			break;
		}
		/* the cursor must move on, or the broker would loop us */
		if (cursor && strcmp(cursor, dr.next_cursor_topic_name) == 0 &&
		    e.cursor_partition >= dr.next_cursor_partition_index) {
			r = kt_err_set(err, KT_EPROTO,
				       "DescribeTopicPartitions cursor did not "
				       "advance past '%s' partition %d",
				       cursor, e.cursor_partition);
			kt_describetopicpartitions_resp_release(&dr);
			break;
		}
		free(cursor);
		cursor = strdup(dr.next_cursor_topic_name);
		e.cursor_partition = dr.next_cursor_partition_index;
		kt_describetopicpartitions_resp_release(&dr);
		if (!cursor) {
			r = oom(err);
			break;
		}
		e.cursor_topic = cursor;
	}
	free(cursor);
	free(caps);
	if (r < 0)
		return r;
	for (i = 0; i < req->n_names; i++) {
		if (!v[i].res.error_code && !v[i].d.name &&
		    result_set(&v[i].res, KT_KERR_UNKNOWN_TOPIC_OR_PARTITION,
			       NULL))
			return oom(err);
		kt_topic_desc_sort(&v[i].d);
	}
	return 0;
}

/* DescribeConfigs for every described topic, one request. */
struct dcfg_enc {
	struct kt_describeconfigs_resource *res;
	size_t n;
};

static int dcfg_encode(void *arg, struct kt_buf *b, int16_t version,
		       struct kt_err *err)
{
	struct dcfg_enc *e = arg;
	struct kt_describeconfigs_req req;

	memset(&req, 0, sizeof(req));
	req.resources = e->res;
	req.n_resources = e->n;
	return enc_done(b, kt_describeconfigs_req_encode(b, version, &req),
			"DescribeConfigs", version, err);
}

/* Put d's configs in the order of a java.util.HashMap filled with them in
 * the broker's order (org.apache.kafka.clients.admin.Config). */
static int java_config_order(struct kt_topic_desc *d)
{
	const char **keys;
	struct kt_config_entry *sorted;
	size_t i, k, n = d->n_configs;

	if (n < 2)
		return 0;
	keys = calloc(n, sizeof(*keys));
	sorted = calloc(n, sizeof(*sorted));
	if (!keys || !sorted) {
		free(keys);
		free(sorted);
		return -KT_ENOMEM;
	}
	for (i = 0; i < n; i++)
		keys[i] = d->configs[i].name;
	if (kt_java_hashmap_order(keys, n, kt_java_hashmap_default_cap(n))) {
		free(keys);
		free(sorted);
		return -KT_ENOMEM;
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < n; k++)
			if (d->configs[k].name == keys[i]) {
				sorted[i] = d->configs[k];
				break;
			}
	free(d->configs);
	d->configs = sorted;
	free(keys);
	return 0;
}

static int fill_configs(struct kt_topic_desc *d,
			const struct kt_describeconfigs_result *res)
{
	size_t i;

	d->configs = calloc(res->n_configs + 1, sizeof(*d->configs));
	if (!d->configs)
		return -KT_ENOMEM;
	d->has_configs = true;
	for (i = 0; i < res->n_configs; i++) {
		const struct kt_describeconfigs_config *s = &res->configs[i];
		struct kt_config_entry *c = &d->configs[i];

		c->name = strdup(s->name ? s->name : "");
		c->value = s->value ? strdup(s->value) : NULL;
		d->n_configs = i + 1;
		if (!c->name || (s->value && !c->value))
			return -KT_ENOMEM;
		c->source = s->config_source >= KT_CFG_DYNAMIC_TOPIC &&
					    s->config_source <= KT_CFG_GROUP
				    ? (enum kt_config_source)s->config_source
				    : KT_CFG_UNKNOWN;
		c->sensitive = s->is_sensitive;
		c->read_only = s->read_only;
	}
	return java_config_order(d);
}

/* Apply one DescribeConfigs answer to the topics it names. */
static int configs_apply(const struct kt_response *resp,
			 const struct name_ix *ix, size_t n_ix,
			 struct kt_admin_desc *v, struct kt_err *err)
{
	struct kt_describeconfigs_resp dr;
	size_t i;
	int r;

	r = kt_describeconfigs_resp_decode(resp->body, resp->body_len,
					   resp->api_version, &dr, err);
	if (r < 0)
		return r;
	for (i = 0; i < dr.n_results && r == 0; i++) {
		const struct kt_describeconfigs_result *res = &dr.results[i];
		long at;

		if (res->resource_type != KT_RESOURCE_TOPIC)
			continue;
		at = find_name(ix, n_ix, res->resource_name);
		if (at < 0 || v[at].res.error_code || v[at].d.has_configs)
			continue;
		if (res->error_code)
			r = result_set(&v[at].res, res->error_code,
				       res->error_message);
		else
			r = fill_configs(&v[at].d, res);
	}
	kt_describeconfigs_resp_release(&dr);
	return r < 0 ? oom(err) : 0;
}

/* Split names into chunks of DescribeConfigs resources. */
static struct dcfg_enc *configs_chunks(const char *const *names, size_t n,
				       size_t k)
{
	struct dcfg_enc *ch = calloc(k, sizeof(*ch));
	size_t i, per = (n + k - 1) / k;

	if (!ch)
		return NULL;
	for (i = 0; i < k; i++) {
		size_t from = i * per, to = from + per, j;

		if (to > n)
			to = n;
		if (from > to)
			from = to;
		ch[i].res = calloc(to - from + 1, sizeof(*ch[i].res));
		if (!ch[i].res)
			goto fail;
		for (j = from; j < to; j++) {
			ch[i].res[j - from].resource_type = KT_RESOURCE_TOPIC;
			ch[i].res[j - from].resource_name = names[j];
		}
		ch[i].n = to - from;
	}
	return ch;
fail:
	while (i > 0)
		free(ch[--i].res);
	free(ch);
	return NULL;
}

static void configs_chunks_free(struct dcfg_enc *ch, size_t k)
{
	size_t i;

	for (i = 0; ch && i < k; i++)
		free(ch[i].res);
	free(ch);
}

/* ListPartitionReassignments for every partition of the described topics. */
struct lpr_enc {
	struct kt_listreassign_req req;
};

static int lpr_encode(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err)
{
	struct lpr_enc *e = arg;

	return enc_done(b, kt_listreassign_req_encode(b, version, &e->req),
			"ListPartitionReassignments", version, err);
}

static int apply_reassignments(struct kt_admin_desc *v, size_t n,
			       const struct kt_listreassign_resp *lr)
{
	size_t i, k, t;

	for (t = 0; t < lr->n_topics; t++) {
		const struct kt_listreassign_topic *rt = &lr->topics[t];

		for (i = 0; i < n; i++) {
			struct kt_topic_desc *d = &v[i].d;

			if (!d->name || strcmp(d->name, rt->name) != 0)
				continue;
			for (k = 0; k < rt->n_partitions; k++) {
				const struct kt_listreassign_partition *rp =
					&rt->partitions[k];
				size_t j;

				for (j = 0; j < d->n_parts; j++) {
					struct kt_partition_desc *p =
						&d->parts[j];

					if (p->partition != rp->partition)
						continue;
					p->reassigning = true;
					if (kt_ids_set(&p->target, rp->replicas,
						       rp->n_replicas) ||
					    kt_ids_set(&p->adding, rp->adding,
						       rp->n_adding) ||
					    kt_ids_set(&p->removing,
						       rp->removing,
						       rp->n_removing))
						return -KT_ENOMEM;
				}
			}
		}
	}
	return 0;
}

/* The ListPartitionReassignments request for the given topics, from
 * what is known of their partitions (the descriptions when they have
 * partitions, else the metadata cache). */
struct lpr_build {
	struct lpr_enc e;
	struct kt_listreassign_req_topic *ts;
	int32_t **parts;
	size_t nt;
};

static void lpr_build_free(struct lpr_build *lb)
{
	size_t i;

	for (i = 0; lb->parts && i < lb->nt; i++)
		free(lb->parts[i]);
	free(lb->parts);
	free(lb->ts);
	memset(lb, 0, sizeof(*lb));
}

static int lpr_add(struct lpr_build *lb, const char *name, size_t np)
{
	lb->parts[lb->nt] = calloc(np + 1, sizeof(**lb->parts));
	if (!lb->parts[lb->nt])
		return -KT_ENOMEM;
	lb->ts[lb->nt].name = name;
	lb->ts[lb->nt].partitions = lb->parts[lb->nt];
	lb->ts[lb->nt].n_partitions = np;
	lb->nt++;
	return 0;
}

/* From the descriptions (v) or, when v is NULL, from the metadata cache
 * for names. */
static int lpr_build(struct lpr_build *lb, const struct kt_admin_desc *v,
		     const char *const *names, size_t n,
		     const struct kt_metadata *md)
{
	const struct kt_md_topic **sorted = NULL;
	size_t i, k, ns = 0;

	memset(lb, 0, sizeof(*lb));
	lb->ts = calloc(n + 1, sizeof(*lb->ts));
	lb->parts = calloc(n + 1, sizeof(*lb->parts));
	if (!lb->ts || !lb->parts)
		return -KT_ENOMEM;
	if (!v && md) {
		sorted = md_sorted(md, &ns);
		if (!sorted)
			return -KT_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (v) {
			const struct kt_topic_desc *d = &v[i].d;

			if (v[i].res.error_code || !d->name || !d->n_parts)
				continue;
			if (lpr_add(lb, d->name, d->n_parts) < 0)
				return -KT_ENOMEM;
			for (k = 0; k < d->n_parts; k++)
				lb->parts[lb->nt - 1][k] =
					d->parts[k].partition;
		} else {
			const struct kt_md_topic *t =
				sorted ? md_find(sorted, ns, names[i]) : NULL;

			if (!t || !t->n_partitions)
				continue;
			if (lpr_add(lb, names[i], t->n_partitions) < 0) {
				free(sorted);
				return -KT_ENOMEM;
			}
			for (k = 0; k < t->n_partitions; k++)
				lb->parts[lb->nt - 1][k] =
					t->partitions[k].partition_index;
		}
	}
	free(sorted);
	lb->e.req.timeout_ms = ADMIN_TIMEOUT_MS;
	lb->e.req.topics = lb->ts;
	lb->e.req.n_topics = lb->nt;
	return 0;
}

/* Apply a ListPartitionReassignments answer (or its failure, rc < 0). */
static int lpr_apply(int rc, const struct kt_err *rc_err,
		     const struct kt_response *resp, struct kt_admin_desc *v,
		     size_t n, struct kt_err *err)
{
	struct kt_listreassign_resp lr;
	int r;

	if (rc == -KT_EUNSUPPORTED)
		return 0; /* a broker before 2.4: nothing can be moving */
	if (rc < 0) {
		if (err)
			*err = *rc_err;
		return rc;
	}
	r = kt_listreassign_resp_decode(resp->body, resp->body_len,
					resp->api_version, &lr, err);
	if (r < 0)
		return r;
	if (lr.error_code == KT_KERR_UNSUPPORTED_VERSION ||
	    lr.error_code == 31 /* CLUSTER_AUTHORIZATION_FAILED */)
		r = 0; /* TopicCommand.listAllReassignments: "none" */
	else if (lr.error_code)
		r = kafka_fail(err, lr.error_code, lr.error_message);
	else if (apply_reassignments(v, n, &lr) < 0)
		r = oom(err);
	kt_listreassign_resp_release(&lr);
	return r;
}

/* ---- describe ---------------------------------------------------------- */

/* Topics per DescribeConfigs request, and the most requests at once. */
#define CONFIGS_PER_REQUEST 64
#define MAX_PARALLEL 8

int kt_admin_describe(struct kt_client *c,
		      const struct kt_admin_describe_req *req,
		      struct kt_admin_desc **out, struct kt_err *err)
{
	size_t n = req->n_ids ? req->n_ids : req->n_names;
	int timeout = req->timeout_ms > 0 ? req->timeout_ms : 60000;
	struct kt_admin_desc *v;
	struct name_ix *ix = NULL;
	const char **names = NULL;
	struct dcfg_enc *chunks = NULL;
	struct lpr_build lb;
	struct dtp_enc de = {req, NULL, 0};
	struct job *jobs[2 + MAX_PARALLEL] = {0};
	int32_t nodes[2 + MAX_PARALLEL];
	size_t i, k = 0, nj = 0, j_dtp = 0, j_lpr = 0, j_cfg = 0;
	int r = 0;

	*out = NULL;
	memset(&lb, 0, sizeof(lb));
	v = calloc(n + 1, sizeof(*v));
	ix = calloc(n + 1, sizeof(*ix));
	names = calloc(n + 1, sizeof(*names));
	if (!v || !ix || !names) {
		r = oom(err);
		goto out;
	}
	if (!n)
		goto out;

	/* partitions: by id from the listing's metadata, by name with
	 * DescribeTopicPartitions (sent below, with the rest) */
	if (req->n_ids) {
		r = describe_md_ids(c, req, v, err);
		if (r < 0)
			goto out;
	}
	for (i = 0; i < n; i++) {
		names[i] = req->n_ids ? v[i].d.name : req->names[i];
		ix[i].name = names[i] ? names[i] : "";
		ix[i].ix = i;
	}
	qsort(ix, n, sizeof(*ix), cmp_name_ix);

	/* one DescribeTopicPartitions, k DescribeConfigs, one
	 * ListPartitionReassignments: each on its own connection */
	if (!req->n_ids) {
		jobs[nj] = job_new(KT_API_DESCRIBE_TOPIC_PARTITIONS, dtp_encode,
				   &de);
		nodes[nj] = KT_NODE_ANY;
		j_dtp = nj++;
	}
	if (!req->skip_configs) {
		k = (n + CONFIGS_PER_REQUEST - 1) / CONFIGS_PER_REQUEST;
		if (k > MAX_PARALLEL)
			k = MAX_PARALLEL;
		chunks = configs_chunks(names, n, k);
		if (!chunks) {
			r = oom(err);
			goto out;
		}
		j_cfg = nj;
		for (i = 0; i < k; i++) {
			jobs[nj] = job_new(KT_API_DESCRIBE_CONFIGS, dcfg_encode,
					   &chunks[i]);
			nodes[nj++] = KT_NODE_ANY;
		}
	}
	if (!req->skip_reassignments) {
		if (lpr_build(&lb, req->n_ids ? v : NULL, names, n,
			      kt_client_metadata(c)) < 0) {
			r = oom(err);
			goto out;
		}
		jobs[nj] = job_new(KT_API_LIST_PARTITION_REASSIGNMENTS,
				   lpr_encode, &lb.e);
		nodes[nj] = KT_NODE_ANY;
		j_lpr = nj++;
	}
	for (i = 0; i < nj; i++) {
		if (!jobs[i]) {
			r = oom(err);
			goto out;
		}
		/* the first job takes the bootstrap connection, the others
		 * one more connection each to the same broker */
		if (i == 0)
			nodes[i] = kt_client_bootstrap_node(c)
					   ? kt_client_bootstrap_node(c)
					   : KT_NODE_ANY;
		else if (i - 1 < req->n_conns)
			nodes[i] = req->conns[i - 1];
		else if (kt_client_bootstrap_node(c) == 0 ||
			 kt_client_node_extra(c, kt_client_bootstrap_node(c),
					      &nodes[i], NULL) < 0)
			nodes[i] = KT_NODE_ANY;
	}
	r = jobs_run(c, jobs, nodes, nj, timeout, err);
	if (r < 0)
		goto out;

	if (!req->n_ids) {
		struct job *jd = jobs[j_dtp];

		if (jd->rc == -KT_EUNSUPPORTED) {
			/* before 3.8, as the Java client: Metadata */
			r = describe_md_names(c, req, v, err);
		} else if (jd->rc < 0) {
			if (err)
				*err = jd->err;
			r = jd->rc;
		} else {
			r = describe_dtp(c, req, v, ix, &jd->resp, err);
		}
		if (r < 0)
			goto out;
	}
	for (i = 0; i < k; i++) {
		struct job *jc = jobs[j_cfg + i];

		if (jc->rc < 0) {
			if (err)
				*err = jc->err;
			r = jc->rc;
			goto out;
		}
		r = configs_apply(&jc->resp, ix, n, v, err);
		if (r < 0)
			goto out;
	}
	if (!req->skip_reassignments)
		r = lpr_apply(jobs[j_lpr]->rc, &jobs[j_lpr]->err,
			      &jobs[j_lpr]->resp, v, n, err);
out:
	for (i = 0; i < nj; i++)
		job_free(jobs[i]);
	configs_chunks_free(chunks, k);
	lpr_build_free(&lb);
	free(names);
	free(ix);
	if (r < 0) {
		kt_admin_descs_free(v, n);
		return r;
	}
	*out = v;
	return 0;
}

int kt_admin_open_conns(struct kt_client *c, int32_t *conns, size_t n,
			struct kt_err *err)
{
	size_t i;
	int r;

	for (i = 0; i < n; i++) {
		r = kt_client_node_extra(c, kt_client_bootstrap_node(c),
					 &conns[i], err);
		if (r < 0)
			return r;
	}
	return 0;
}

void kt_admin_descs_free(struct kt_admin_desc *v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++) {
		kt_topic_desc_release(&v[i].d);
		kt_admin_result_release(&v[i].res);
	}
	free(v);
}

/* ---- create, alter, delete -------------------------------------------- */

struct ct_enc {
	struct kt_createtopics_req req;
};

static int ct_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct ct_enc *e = arg;

	return enc_done(b, kt_createtopics_req_encode(b, version, &e->req),
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
		r = oom(err);
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
		r = result_set(res, cr.topics[i].error_code,
			       cr.topics[i].error_message);
		if (r < 0)
			r = oom(err);
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
			if (result_set(&res[i], codes[k], msgs[k]))
				return oom(err);
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

	return enc_done(b, kt_createpartitions_req_encode(b, version, &e->req),
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
		r = oom(err);
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
			r = oom(err);
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
		r = oom(err);
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

	return enc_done(b, kt_deletetopics_req_encode(b, version, &e->req),
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
		return oom(err);
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
		r = oom(err);
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

/* ---- waiting for metadata --------------------------------------------- */

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
		return oom(err);
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
		r = oom(err);
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
