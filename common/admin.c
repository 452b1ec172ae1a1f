/*
 * admin.c - topic admin calls for kafka-topics (tools.md §1.7): the
 * requests Apache's TopicCommand makes through the Java admin client, on
 * kafkit's client and body codecs (proto_topics, proto_configs,
 * proto_groups_admin for DescribeCluster, proto_reassign, proto_metadata).
 */
#include "admin.h"

#include "jorder.h"
#include "kerr.h"
#include "proto_configs.h"
#include "proto_groups_admin.h"
#include "proto_reassign.h"
#include "proto_topics.h"

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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void kt_admin_names_free(char **names, size_t n)
{
	size_t i;

	if (!names)
		return;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int kt_admin_topic_names(struct kt_client *c, bool exclude_internal,
			 char ***names, bool **internal, size_t *n,
			 struct kt_err *err)
{
	const struct kt_metadata *md;
	char **v;
	bool *in = NULL;
	size_t i, k = 0;
	int r;

	*names = NULL;
	*n = 0;
	if (internal)
		*internal = NULL;
	r = kt_client_metadata_refresh(c, NULL, -1, err);
	if (r < 0)
		return r;
	md = kt_client_metadata(c);
	v = calloc(md->n_topics + 1, sizeof(*v));
	if (!v)
		return oom(err);
	for (i = 0; i < md->n_topics; i++) {
		const struct kt_md_topic *t = &md->topics[i];

		if (!t->name || (t->error_code && !t->n_partitions))
			continue;
		if (exclude_internal && t->is_internal)
			continue;
		v[k] = strdup(t->name);
		if (!v[k]) {
			kt_admin_names_free(v, k);
			return oom(err);
		}
		k++;
	}
	qsort(v, k, sizeof(*v), cmp_str);
	if (internal) {
		in = calloc(k + 1, sizeof(*in));
		if (!in) {
			kt_admin_names_free(v, k);
			return oom(err);
		}
		for (i = 0; i < k; i++)
			in[i] = kt_metadata_topic(md, v[i])->is_internal;
		*internal = in;
	}
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

static int describe_dtp(struct kt_client *c,
			const struct kt_admin_describe_req *req,
			struct kt_admin_desc *v, struct kt_err *err)
{
	struct dtp_enc e = {req, NULL, 0};
	struct name_ix *ix;
	size_t *caps, i, pages = 0;
	char *cursor = NULL;
	int r = 0;

	ix = calloc(req->n_names + 1, sizeof(*ix));
	caps = calloc(req->n_names + 1, sizeof(*caps));
	if (!ix || !caps) {
		free(ix);
		free(caps);
		return oom(err);
	}
	for (i = 0; i < req->n_names; i++) {
		ix[i].name = req->names[i];
		ix[i].ix = i;
	}
	qsort(ix, req->n_names, sizeof(*ix), cmp_name_ix);
	for (;;) {
		struct kt_response resp;
		struct kt_describetopicpartitions_resp dr;

		r = kt_client_call(c, KT_NODE_ANY,
				   KT_API_DESCRIBE_TOPIC_PARTITIONS, dtp_encode,
				   &e, &resp, NULL, err);
		if (r < 0)
			break;
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
		pages++;
	}
	(void)pages;
	free(cursor);
	free(caps);
	free(ix);
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

static int describe_configs(struct kt_client *c, struct kt_admin_desc *v,
			    size_t n, struct kt_err *err)
{
	struct dcfg_enc e = {NULL, 0};
	struct kt_response resp;
	struct kt_describeconfigs_resp dr;
	struct name_ix *ix;
	size_t i;
	int r;

	e.res = calloc(n + 1, sizeof(*e.res));
	ix = calloc(n + 1, sizeof(*ix));
	if (!e.res || !ix) {
		free(e.res);
		free(ix);
		return oom(err);
	}
	for (i = 0; i < n; i++) {
		if (v[i].res.error_code || !v[i].d.name)
			continue;
		e.res[e.n].resource_type = KT_RESOURCE_TOPIC;
		e.res[e.n].resource_name = v[i].d.name;
		ix[e.n].name = v[i].d.name;
		ix[e.n].ix = i;
		e.n++;
	}
	r = 0;
	if (!e.n)
		goto out;
	qsort(ix, e.n, sizeof(*ix), cmp_name_ix);
	r = kt_client_call(c, KT_NODE_ANY, KT_API_DESCRIBE_CONFIGS, dcfg_encode,
			   &e, &resp, NULL, err);
	if (r < 0)
		goto out;
	r = kt_describeconfigs_resp_decode(resp.body, resp.body_len,
					   resp.api_version, &dr, err);
	kt_response_release(&resp);
	if (r < 0)
		goto out;
	for (i = 0; i < dr.n_results && r == 0; i++) {
		const struct kt_describeconfigs_result *res = &dr.results[i];
		long at;

		if (res->resource_type != KT_RESOURCE_TOPIC)
			continue;
		at = find_name(ix, e.n, res->resource_name);
		if (at < 0)
			continue;
		if (res->error_code)
			r = result_set(&v[at].res, res->error_code,
				       res->error_message);
		else
			r = fill_configs(&v[at].d, res);
	}
	kt_describeconfigs_resp_release(&dr);
	if (r < 0)
		r = oom(err);
out:
	free(ix);
	free(e.res);
	return r;
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

static int describe_reassignments(struct kt_client *c, struct kt_admin_desc *v,
				  size_t n, struct kt_err *err)
{
	struct lpr_enc e;
	struct kt_listreassign_req_topic *ts;
	int32_t **parts;
	struct kt_response resp;
	struct kt_listreassign_resp lr;
	size_t i, k, nt = 0;
	int r = 0;

	memset(&e, 0, sizeof(e));
	ts = calloc(n + 1, sizeof(*ts));
	parts = calloc(n + 1, sizeof(*parts));
	if (!ts || !parts) {
		r = oom(err);
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct kt_topic_desc *d = &v[i].d;

		if (v[i].res.error_code || !d->name || !d->n_parts)
			continue;
		parts[nt] = calloc(d->n_parts, sizeof(**parts));
		if (!parts[nt]) {
			r = oom(err);
			goto out;
		}
		for (k = 0; k < d->n_parts; k++)
			parts[nt][k] = d->parts[k].partition;
		ts[nt].name = d->name;
		ts[nt].partitions = parts[nt];
		ts[nt].n_partitions = d->n_parts;
		nt++;
	}
	if (!nt)
		goto out;
	e.req.timeout_ms = ADMIN_TIMEOUT_MS;
	e.req.topics = ts;
	e.req.n_topics = nt;
	r = kt_client_call(c, KT_NODE_ANY, KT_API_LIST_PARTITION_REASSIGNMENTS,
			   lpr_encode, &e, &resp, NULL, err);
	if (r == -KT_EUNSUPPORTED) {
		r = 0; /* a broker before 2.4: nothing can be moving */
		goto out;
	}
	if (r < 0)
		goto out;
	r = kt_listreassign_resp_decode(resp.body, resp.body_len,
					resp.api_version, &lr, err);
	kt_response_release(&resp);
	if (r < 0)
		goto out;
	if (lr.error_code == KT_KERR_UNSUPPORTED_VERSION ||
	    lr.error_code == 31 /* CLUSTER_AUTHORIZATION_FAILED */) {
		r = 0; /* TopicCommand.listAllReassignments: "none" */
	} else if (lr.error_code) {
		r = kafka_fail(err, lr.error_code, lr.error_message);
	} else if (apply_reassignments(v, n, &lr) < 0) {
		r = oom(err);
	}
	kt_listreassign_resp_release(&lr);
out:
	if (parts)
		for (i = 0; i < nt; i++)
			free(parts[i]);
	free(parts);
	free(ts);
	return r;
}

int kt_admin_describe(struct kt_client *c,
		      const struct kt_admin_describe_req *req,
		      struct kt_admin_desc **out, struct kt_err *err)
{
	size_t n = req->n_ids ? req->n_ids : req->n_names;
	struct kt_admin_desc *v;
	int r;

	*out = NULL;
	v = calloc(n + 1, sizeof(*v));
	if (!v)
		return oom(err);
	if (req->n_ids) {
		r = describe_md_ids(c, req, v, err);
	} else if (!n) {
		r = 0;
	} else {
		r = describe_dtp(c, req, v, err);
		if (r == -KT_EUNSUPPORTED) /* before 3.8, as the Java client */
			r = describe_md_names(c, req, v, err);
	}
	if (r == 0 && !req->skip_configs)
		r = describe_configs(c, v, n, err);
	if (r == 0 && !req->skip_reassignments)
		r = describe_reassignments(c, v, n, err);
	if (r < 0) {
		kt_admin_descs_free(v, n);
		return r;
	}
	*out = v;
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
