/*
 * admin/admin_configs.c - the topic configs and reassignments of
 * kafka-topics --describe: DescribeConfigs in chunks, in the order the Java
 * client's HashMap yields them, and ListPartitionReassignments applied to
 * the partitions' replica lists.
 */
#include "admin/admin_int.h"

int kt_adm_dcfg_encode(void *arg, struct kt_buf *b, int16_t version,
		       struct kt_err *err)
{
	struct dcfg_enc *e = arg;
	struct kt_describeconfigs_req req;

	memset(&req, 0, sizeof(req));
	req.resources = e->res;
	req.n_resources = e->n;
	return kt_adm_enc_done(b,
			       kt_describeconfigs_req_encode(b, version, &req),
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
int kt_adm_configs_apply(const struct kt_response *resp,
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
		at = kt_adm_find_name(ix, n_ix, res->resource_name);
		if (at < 0 || v[at].res.error_code || v[at].d.has_configs)
			continue;
		if (res->error_code)
			r = kt_adm_result_set(&v[at].res, res->error_code,
					      res->error_message);
		else
			r = fill_configs(&v[at].d, res);
	}
	kt_describeconfigs_resp_release(&dr);
	return r < 0 ? kt_adm_oom(err) : 0;
}

/* Split names into chunks of DescribeConfigs resources. */
struct dcfg_enc *kt_adm_configs_chunks(const char *const *names, size_t n,
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

void kt_adm_configs_chunks_free(struct dcfg_enc *ch, size_t k)
{
	size_t i;

	for (i = 0; ch && i < k; i++)
		free(ch[i].res);
	free(ch);
}

int kt_adm_lpr_encode(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err)
{
	struct lpr_enc *e = arg;

	return kt_adm_enc_done(b,
			       kt_listreassign_req_encode(b, version, &e->req),
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

void kt_adm_lpr_build_free(struct lpr_build *lb)
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
int kt_adm_lpr_build(struct lpr_build *lb, const struct kt_admin_desc *v,
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
		sorted = kt_adm_md_sorted(md, &ns);
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
				sorted ? kt_adm_md_find(sorted, ns, names[i])
				       : NULL;

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
int kt_adm_lpr_apply(int rc, const struct kt_err *rc_err,
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
		r = kt_adm_kafka_fail(err, lr.error_code, lr.error_message);
	else if (apply_reassignments(v, n, &lr) < 0)
		r = kt_adm_oom(err);
	kt_listreassign_resp_release(&lr);
	return r;
}
