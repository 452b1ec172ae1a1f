/*
 * admin/admin.c - topic admin calls for kafka-topics (tools.md §1.7): the
 * requests Apache's TopicCommand makes through the Java admin client, on
 * kafkit's client and body codecs (proto_topics, proto_configs,
 * proto_groups_admin for DescribeCluster, proto_reassign, proto_metadata).
 * This file: results and errors, topic names (--list), the live brokers and
 * the runner of parallel requests; --describe is admin_describe.c and
 * admin_configs.c, --create, --alter and --delete admin_change.c.
 */
#include "admin/admin.h"
#include "admin/admin_int.h"

void kt_admin_result_release(struct kt_admin_result *r)
{
	free(r->message);
	memset(r, 0, sizeof(*r));
}

/* Fill r with code and the Java client's message: the broker's text, else
 * the code's default message (ApiError.exception). */
int kt_adm_result_set(struct kt_admin_result *r, int16_t code, const char *msg)
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

int kt_adm_oom(struct kt_err *err)
{
	return kt_err_set(err, KT_ENOMEM, "out of memory");
}

/* A top-level error code of an answer, as the Java client raises it. */
int kt_adm_kafka_fail(struct kt_err *err, int16_t code, const char *msg)
{
	return kt_err_kafka(err, code, "%s", msg ? msg : kt_kerr_message(code));
}

/* Encoders that only append b and report b->err: fill err for the
 * client. */
int kt_adm_enc_done(struct kt_buf *b, int r, const char *api, int16_t v,
		    struct kt_err *err)
{
	if (r < 0 || b->err)
		return kt_err_set(err, r < 0 ? -r : -b->err,
				  "cannot encode %s v%d request: %s", api, v,
				  kt_strerror(r < 0 ? r : b->err));
	return 0;
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

/* A topic of the metadata cache, for sorting by name. */
static int cmp_md_topic(const void *a, const void *b)
{
	const struct kt_md_topic *x = *(const struct kt_md_topic *const *)a;
	const struct kt_md_topic *y = *(const struct kt_md_topic *const *)b;

	return strcmp(x->name, y->name);
}

/* The topics of md that have a name, sorted by name (malloc'ed). */
const struct kt_md_topic **kt_adm_md_sorted(const struct kt_metadata *md,
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

const struct kt_md_topic *kt_adm_md_find(const struct kt_md_topic **v, size_t n,
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
	sorted = kt_adm_md_sorted(md, &ns);
	v = calloc(ns + 1, sizeof(*v));
	in = calloc(ns + 1, sizeof(*in));
	if (!sorted || !v || !in) {
		free(sorted);
		free(v);
		free(in);
		return kt_adm_oom(err);
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
			return kt_adm_oom(err);
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

static int dc_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct kt_describecluster_req req;

	(void)arg;
	memset(&req, 0, sizeof(req));
	req.endpoint_type = KT_ENDPOINT_BROKERS;
	return kt_adm_enc_done(b,
			       kt_describecluster_req_encode(b, version, &req),
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
			return kt_adm_oom(err);
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
		r = kt_adm_kafka_fail(err, dc.error_code, dc.error_message);
		goto out;
	}
	*ids = calloc(dc.n_brokers + 1, sizeof(**ids));
	if (!*ids) {
		r = kt_adm_oom(err);
		goto out;
	}
	for (i = 0; i < dc.n_brokers; i++)
		(*ids)[i] = dc.brokers[i].broker_id;
	*n = dc.n_brokers;
out:
	kt_describecluster_resp_release(&dc);
	return r;
}

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

struct job *kt_adm_job_new(int16_t api, kt_encode_fn enc, void *enc_arg)
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
void kt_adm_job_free(struct job *j)
{
	if (!j || j->abandoned)
		return;
	kt_response_release(&j->resp);
	free(j);
}

/* Send jobs[i] to nodes[i] and wait for every answer, at most timeout_ms.
 * Each job's own outcome is in its rc/err/resp; the return value is 0 or
 * a failure of the loop itself (then the unfinished jobs are abandoned). */
int kt_adm_jobs_run(struct kt_client *c, struct job **jobs,
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
