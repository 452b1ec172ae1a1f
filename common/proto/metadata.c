/*
 * proto/metadata.c - Metadata (key 3) v0-v13: request encode, response
 * decode into owned structs.
 *
 * Implements the MetadataRequest/MetadataResponse schemas listed in
 * protocol.md section 6 (flexible from v9, KIP-482; topic ids v10+,
 * KIP-516; top-level ErrorCode v13).
 */
#include "proto/metadata.h"

#include <string.h>

#define MD_FLEX 9

int kt_metadata_req_encode(struct kt_buf *b, int16_t version,
			   const struct kt_metadata_req *req,
			   struct kt_err *err)
{
	bool flex = version >= MD_FLEX;
	int32_t i;

	if (version < 0 || version > 13)
		return kt_err_set(err, KT_EINVAL,
				  "metadata request v%d: unknown version",
				  version);
	if (req->n_topics < -1 || (req->n_topics > 0 && !req->topics))
		return kt_err_set(err, KT_EINVAL,
				  "metadata request: bad topic list");
	if (version == 0 && req->n_topics == 0)
		return kt_err_set(
			err, KT_EUNSUPPORTED,
			"metadata request v0 cannot ask for no topics "
			"(an empty list means all topics)");
	if (version < 4 && !req->allow_auto_topic_creation)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "metadata request v%d cannot turn off "
				  "automatic topic creation (needs v4+)",
				  version);
	if (version < 8 && req->include_topic_authorized_operations)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "metadata request v%d cannot ask for "
				  "authorized operations (needs v8+)",
				  version);

	if (req->n_topics == -1 && version == 0)
		kt_put_i32(b, 0);
	else
		kt_put_farr(b, flex, req->n_topics);
	for (i = 0; i < req->n_topics; i++) {
		const struct kt_md_req_topic *t = &req->topics[i];
		bool by_id = !kt_uuid_is_zero(&t->topic_id);

		if (by_id && version < 12)
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "metadata request v%d cannot look up "
					  "topics by id (needs v12+)",
					  version);
		if (!t->name && !by_id)
			return kt_err_set(err, KT_EINVAL,
					  "metadata request: topic %d has "
					  "neither name nor id",
					  (int)i);
		if (!t->name && version < 10)
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "metadata request v%d needs a topic "
					  "name",
					  version);
		if (version >= 10)
			kt_put_uuid(b, &t->topic_id);
		if (version >= 10)
			kt_put_fcstr(b, flex, t->name);
		else
			kt_put_str(b, t->name, strlen(t->name));
		kt_put_ftags(b, flex);
	}
	if (version >= 4)
		kt_put_bool(b, req->allow_auto_topic_creation);
	if (version >= 8 && version <= 10)
		kt_put_bool(b, false); /* IncludeClusterAuthorizedOperations */
	if (version >= 8)
		kt_put_bool(b, req->include_topic_authorized_operations);
	kt_put_ftags(b, flex);
	if (b->err)
		return kt_err_set(err, b->err, "metadata request v%d: %s",
				  version, kt_strerror(b->err));
	return 0;
}

void kt_metadata_release(struct kt_metadata *md)
{
	size_t i, j;

	if (!md)
		return;
	for (i = 0; i < md->n_brokers; i++) {
		free(md->brokers[i].host);
		free(md->brokers[i].rack);
	}
	free(md->brokers);
	free(md->cluster_id);
	for (i = 0; i < md->n_topics; i++) {
		struct kt_md_topic *t = &md->topics[i];

		for (j = 0; j < t->n_partitions; j++) {
			free(t->partitions[j].replica_nodes);
			free(t->partitions[j].isr_nodes);
			free(t->partitions[j].offline_replicas);
		}
		free(t->partitions);
		free(t->name);
	}
	free(md->topics);
	memset(md, 0, sizeof(*md));
}

/* A string field copied out of the reader; null stays NULL. Returns false
 * (with r->err set) on a read or allocation failure. */
static bool dup_str(struct kt_reader *r, bool flex, bool nullable, char **out)
{
	struct kt_bytes s;

	if (nullable)
		kt_read_fstr(r, flex, &s);
	else if (flex)
		kt_read_cstr(r, &s);
	else
		kt_read_str(r, &s);
	if (r->err)
		return false;
	if (!s.p)
		return true;
	*out = kt_bytes_dup(s);
	if (!*out) {
		kt_reader_fail(r, KT_ENOMEM);
		return false;
	}
	return true;
}

static bool read_i32_array(struct kt_reader *r, bool flex, int32_t **out,
			   size_t *n)
{
	int32_t cnt, i;

	kt_read_farr(r, flex, 4, &cnt);
	if (r->err)
		return false;
	if (cnt <= 0)
		return true;
	*out = malloc((size_t)cnt * sizeof(**out));
	if (!*out) {
		kt_reader_fail(r, KT_ENOMEM);
		return false;
	}
	for (i = 0; i < cnt; i++)
		kt_read_i32(r, &(*out)[i]);
	if (r->err)
		return false;
	*n = (size_t)cnt;
	return true;
}

static bool read_partition(struct kt_reader *r, int16_t v,
			   struct kt_md_partition *p)
{
	bool flex = v >= MD_FLEX;

	p->leader_epoch = -1;
	kt_read_i16(r, &p->error_code);
	kt_read_i32(r, &p->partition_index);
	kt_read_i32(r, &p->leader_id);
	if (v >= 7)
		kt_read_i32(r, &p->leader_epoch);
	if (!read_i32_array(r, flex, &p->replica_nodes, &p->n_replica_nodes))
		return false;
	if (!read_i32_array(r, flex, &p->isr_nodes, &p->n_isr_nodes))
		return false;
	if (v >= 5 && !read_i32_array(r, flex, &p->offline_replicas,
				      &p->n_offline_replicas))
		return false;
	kt_read_ftags(r, flex);
	return !r->err;
}

static bool read_topic(struct kt_reader *r, int16_t v, struct kt_md_topic *t)
{
	bool flex = v >= MD_FLEX;
	int32_t n, i;

	t->topic_authorized_operations = KT_MD_AUTHORIZED_OPS_NONE;
	kt_read_i16(r, &t->error_code);
	if (!dup_str(r, flex, v >= 12, &t->name))
		return false;
	if (v >= 10)
		kt_read_uuid(r, &t->topic_id);
	if (v >= 1)
		kt_read_bool(r, &t->is_internal);
	/* error, index, leader, two empty arrays */
	kt_read_farr(r, flex, flex ? 13 : 18, &n);
	if (r->err)
		return false;
	if (n > 0) {
		t->partitions = calloc((size_t)n, sizeof(*t->partitions));
		if (!t->partitions) {
			kt_reader_fail(r, KT_ENOMEM);
			return false;
		}
	}
	for (i = 0; i < n; i++) {
		/* count first: a half-read partition is still released */
		t->n_partitions = (size_t)i + 1;
		if (!read_partition(r, v, &t->partitions[i]))
			return false;
	}
	if (v >= 8)
		kt_read_i32(r, &t->topic_authorized_operations);
	kt_read_ftags(r, flex);
	return !r->err;
}

static int md_fail(struct kt_reader *r, int16_t v, struct kt_err *err)
{
	return kt_err_set(err, r->err, "metadata response v%d at byte %zu: %s",
			  v, r->off, kt_strerror(r->err));
}

int kt_metadata_resp_decode(const uint8_t *p, size_t len, int16_t version,
			    struct kt_metadata *out, struct kt_err *err)
{
	bool flex = version >= MD_FLEX;
	struct kt_reader r;
	int32_t n, i;

	memset(out, 0, sizeof(*out));
	out->version = version;
	out->controller_id = -1;
	out->cluster_authorized_operations = KT_MD_AUTHORIZED_OPS_NONE;
	if (version < 0 || version > 13)
		return kt_err_set(err, KT_EINVAL,
				  "metadata response v%d: unknown version",
				  version);
	kt_reader_init(&r, p, len);
	if (version >= 3)
		kt_read_i32(&r, &out->throttle_time_ms);

	/* node id, host (>= 1 byte), port */
	kt_read_farr(&r, flex, flex ? 9 : 10, &n);
	if (r.err)
		return md_fail(&r, version, err);
	if (n > 0) {
		out->brokers = calloc((size_t)n, sizeof(*out->brokers));
		if (!out->brokers)
			return kt_err_set(err, KT_ENOMEM,
					  "metadata response: out of memory");
	}
	for (i = 0; i < n; i++) {
		struct kt_md_broker *b = &out->brokers[i];

		out->n_brokers = (size_t)i + 1;
		kt_read_i32(&r, &b->node_id);
		if (!dup_str(&r, flex, false, &b->host))
			return md_fail(&r, version, err);
		kt_read_i32(&r, &b->port);
		if (version >= 1 && !dup_str(&r, flex, true, &b->rack))
			return md_fail(&r, version, err);
		kt_read_ftags(&r, flex);
		if (r.err)
			return md_fail(&r, version, err);
	}
	if (version >= 2 && !dup_str(&r, flex, true, &out->cluster_id))
		return md_fail(&r, version, err);
	if (version >= 1)
		kt_read_i32(&r, &out->controller_id);

	/* error, name, partitions count */
	kt_read_farr(&r, flex, flex ? 4 : 8, &n);
	if (r.err)
		return md_fail(&r, version, err);
	if (n > 0) {
		out->topics = calloc((size_t)n, sizeof(*out->topics));
		if (!out->topics)
			return kt_err_set(err, KT_ENOMEM,
					  "metadata response: out of memory");
	}
	for (i = 0; i < n; i++) {
		out->n_topics = (size_t)i + 1;
		if (!read_topic(&r, version, &out->topics[i]))
			return md_fail(&r, version, err);
	}
	if (version >= 8 && version <= 10)
		kt_read_i32(&r, &out->cluster_authorized_operations);
	if (version >= 13)
		kt_read_i16(&r, &out->error_code);
	kt_read_ftags(&r, flex);
	if (r.err)
		return md_fail(&r, version, err);
	return 0;
}

const struct kt_md_broker *kt_metadata_broker(const struct kt_metadata *md,
					      int32_t node_id)
{
	size_t i;

	for (i = 0; i < md->n_brokers; i++)
		if (md->brokers[i].node_id == node_id)
			return &md->brokers[i];
	return NULL;
}

const struct kt_md_topic *kt_metadata_topic(const struct kt_metadata *md,
					    const char *name)
{
	size_t i;

	for (i = 0; i < md->n_topics; i++)
		if (md->topics[i].name && strcmp(md->topics[i].name, name) == 0)
			return &md->topics[i];
	return NULL;
}

const struct kt_md_partition *kt_md_topic_partition(const struct kt_md_topic *t,
						    int32_t partition)
{
	size_t i;

	for (i = 0; i < t->n_partitions; i++)
		if (t->partitions[i].partition_index == partition)
			return &t->partitions[i];
	return NULL;
}
