/*
 * admin/admin_describe.c - kafka-topics --describe: the topics' partitions
 * from Metadata or DescribeTopicPartitions (KIP-966, with its cursor), the
 * brokers that answer, and the whole description TopicCommand prints,
 * configs and reassignments included (admin_configs.c).
 */
#include "admin/admin_int.h"

static int cmp_name_ix(const void *a, const void *b)
{
	return strcmp(((const struct name_ix *)a)->name,
		      ((const struct name_ix *)b)->name);
}

long kt_adm_find_name(const struct name_ix *ix, size_t n, const char *name)
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
		return kt_adm_result_set(&o->res, t->error_code, NULL);
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
			r = kt_adm_result_set(
				&v[i].res, KT_KERR_UNKNOWN_TOPIC_OR_PARTITION,
				NULL);
		else
			r = from_md_topic(&v[i], t);
		if (r < 0)
			return kt_adm_oom(err);
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
			r = kt_adm_result_set(&v[i].res,
					      KT_KERR_UNKNOWN_TOPIC_ID, NULL);
		else
			r = from_md_topic(&v[i], t);
		if (r < 0)
			return kt_adm_oom(err);
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
	return kt_adm_enc_done(
		b, kt_describetopicpartitions_req_encode(b, version, &req),
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
		long at = kt_adm_find_name(ix, n_ix, t->name);
		struct kt_admin_desc *o;

		if (at < 0)
			continue; /* not asked for */
		o = &v[at];
		if (t->error_code) {
			if (kt_adm_result_set(&o->res, t->error_code, NULL))
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
		return kt_adm_oom(err);
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
			r = kt_adm_oom(err);
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
			r = kt_adm_oom(err);
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
		    kt_adm_result_set(&v[i].res,
				      KT_KERR_UNKNOWN_TOPIC_OR_PARTITION, NULL))
			return kt_adm_oom(err);
		kt_topic_desc_sort(&v[i].d);
	}
	return 0;
}

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
		r = kt_adm_oom(err);
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
		jobs[nj] = kt_adm_job_new(KT_API_DESCRIBE_TOPIC_PARTITIONS,
					  dtp_encode, &de);
		nodes[nj] = KT_NODE_ANY;
		j_dtp = nj++;
	}
	if (!req->skip_configs) {
		k = (n + CONFIGS_PER_REQUEST - 1) / CONFIGS_PER_REQUEST;
		if (k > MAX_PARALLEL)
			k = MAX_PARALLEL;
		chunks = kt_adm_configs_chunks(names, n, k);
		if (!chunks) {
			r = kt_adm_oom(err);
			goto out;
		}
		j_cfg = nj;
		for (i = 0; i < k; i++) {
			jobs[nj] =
				kt_adm_job_new(KT_API_DESCRIBE_CONFIGS,
					       kt_adm_dcfg_encode, &chunks[i]);
			nodes[nj++] = KT_NODE_ANY;
		}
	}
	if (!req->skip_reassignments) {
		if (kt_adm_lpr_build(&lb, req->n_ids ? v : NULL, names, n,
				     kt_client_metadata(c)) < 0) {
			r = kt_adm_oom(err);
			goto out;
		}
		jobs[nj] = kt_adm_job_new(KT_API_LIST_PARTITION_REASSIGNMENTS,
					  kt_adm_lpr_encode, &lb.e);
		nodes[nj] = KT_NODE_ANY;
		j_lpr = nj++;
	}
	for (i = 0; i < nj; i++) {
		if (!jobs[i]) {
			r = kt_adm_oom(err);
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
	r = kt_adm_jobs_run(c, jobs, nodes, nj, timeout, err);
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
		r = kt_adm_configs_apply(&jc->resp, ix, n, v, err);
		if (r < 0)
			goto out;
	}
	if (!req->skip_reassignments)
		r = kt_adm_lpr_apply(jobs[j_lpr]->rc, &jobs[j_lpr]->err,
				     &jobs[j_lpr]->resp, v, n, err);
out:
	for (i = 0; i < nj; i++)
		kt_adm_job_free(jobs[i]);
	kt_adm_configs_chunks_free(chunks, k);
	kt_adm_lpr_build_free(&lb);
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
