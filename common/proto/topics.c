/*
 * proto/topics.c - CreateTopics (19), DeleteTopics (20), CreatePartitions
 * (37) and DescribeTopicPartitions (75, KIP-966) request and response
 * bodies, for the versions listed in proto/topics.h (Kafka 4.3.1 message
 * schemas; flexible encoding per KIP-482).
 */
#include "proto/topics.h"

#include <string.h>

/* ---- CreateTopics ---- */

int kt_createtopics_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_createtopics_req *req)
{
	bool flex = version >= KT_CREATETOPICS_FLEX;
	size_t i, j;

	if (kt_body_put_version(b, version, KT_CREATETOPICS_MIN,
				KT_CREATETOPICS_MAX))
		return b->err;
	kt_body_put_count(b, flex, false, req->topics ? req->n_topics : 0);
	for (i = 0; req->topics && i < req->n_topics && !b->err; i++) {
		const struct kt_createtopics_topic *t = &req->topics[i];
		size_t na = t->assignments ? t->n_assignments : 0;
		size_t nc = t->configs ? t->n_configs : 0;

		kt_body_put_str(b, flex, t->name);
		kt_put_i32(b, t->num_partitions);
		kt_put_i16(b, t->replication_factor);
		kt_body_put_count(b, flex, false, na);
		for (j = 0; j < na; j++) {
			kt_put_i32(b, t->assignments[j].partition_index);
			kt_body_put_i32s(b, flex, false,
					 t->assignments[j].broker_ids,
					 t->assignments[j].n_broker_ids);
			kt_put_ftags(b, flex);
		}
		kt_body_put_count(b, flex, false, nc);
		for (j = 0; j < nc; j++) {
			kt_body_put_str(b, flex, t->configs[j].name);
			kt_body_put_nstr(b, flex, t->configs[j].value);
			kt_put_ftags(b, flex);
		}
		kt_put_ftags(b, flex);
	}
	kt_put_i32(b, req->timeout_ms);
	kt_put_bool(b, req->validate_only); /* v1+: every version we speak */
	return kt_put_ftags(b, flex);
}

static int createtopics_tag(void *ctx, uint32_t tag, struct kt_reader *val)
{
	struct kt_createtopics_result *t = ctx;

	if (tag == 0)
		return kt_read_i16(val, &t->topic_config_error_code);
	return 0;
}

int kt_createtopics_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_createtopics_resp *out,
				struct kt_err *err)
{
	bool flex = version >= KT_CREATETOPICS_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j, min;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "CreateTopics",
			  version, KT_CREATETOPICS_MIN, KT_CREATETOPICS_MAX,
			  err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	min = KT_BODY_STR_MIN(flex) + (version >= 7 ? 16 : 0) + 2 +
	      KT_BODY_STR_MIN(flex) +
	      (version >= 5 ? 4 + 2 + KT_BODY_ARR_MIN(flex) : 0) +
	      KT_BODY_TAGS_MIN(flex);
	out->topics = kt_body_array(&r, flex, false, min, sizeof(*out->topics),
				    a, &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++) {
		struct kt_createtopics_result *t = &out->topics[i];

		kt_body_str(&r, flex, false, a, &t->name);
		if (version >= 7)
			kt_read_uuid(&r, &t->topic_id);
		kt_read_i16(&r, &t->error_code);
		kt_body_str(&r, flex, true, a, &t->error_message);
		t->num_partitions = -1;
		t->replication_factor = -1;
		if (version >= 5) {
			kt_read_i32(&r, &t->num_partitions);
			kt_read_i16(&r, &t->replication_factor);
			t->configs = kt_body_array(
				&r, flex, true, 2 * KT_BODY_STR_MIN(flex) + 3,
				sizeof(*t->configs), a, &t->n_configs);
			for (j = 0; j < t->n_configs && !r.err; j++) {
				struct kt_createtopics_result_config *c =
					&t->configs[j];

				kt_body_str(&r, flex, false, a, &c->name);
				kt_body_str(&r, flex, true, a, &c->value);
				kt_read_bool(&r, &c->read_only);
				kt_read_i8(&r, &c->config_source);
				kt_read_bool(&r, &c->is_sensitive);
				kt_read_ftags(&r, flex);
			}
		}
		if (flex)
			kt_read_tags(&r, createtopics_tag, t);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "CreateTopics response", version, err);
	if (rc)
		kt_createtopics_resp_release(out);
	return rc;
}

void kt_createtopics_resp_release(struct kt_createtopics_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- DeleteTopics ---- */

int kt_deletetopics_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_deletetopics_req *req)
{
	bool flex = version >= KT_DELETETOPICS_FLEX;
	size_t i, n = req->topics ? req->n_topics : 0;

	if (kt_body_put_version(b, version, KT_DELETETOPICS_MIN,
				KT_DELETETOPICS_MAX))
		return b->err;
	kt_body_put_count(b, flex, false, n);
	for (i = 0; i < n && !b->err; i++) {
		const struct kt_deletetopics_topic *t = &req->topics[i];

		if (version >= 6) {
			kt_body_put_nstr(b, flex, t->name);
			kt_put_uuid(b, &t->topic_id);
			kt_put_ftags(b, flex);
			continue;
		}
		/* TopicNames (v0-5) has no room for an id */
		if (!t->name || !kt_uuid_is_zero(&t->topic_id))
			return kt_body_fail(b, KT_EUNSUPPORTED);
		kt_body_put_str(b, flex, t->name);
	}
	kt_put_i32(b, req->timeout_ms);
	return kt_put_ftags(b, flex);
}

int kt_deletetopics_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_deletetopics_resp *out,
				struct kt_err *err)
{
	bool flex = version >= KT_DELETETOPICS_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, min;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "DeleteTopics",
			  version, KT_DELETETOPICS_MIN, KT_DELETETOPICS_MAX,
			  err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	min = KT_BODY_STR_MIN(flex) + (version >= 6 ? 16 : 0) + 2 +
	      (version >= 5 ? KT_BODY_STR_MIN(flex) : 0) +
	      KT_BODY_TAGS_MIN(flex);
	out->responses =
		kt_body_array(&r, flex, false, min, sizeof(*out->responses), a,
			      &out->n_responses);
	for (i = 0; i < out->n_responses && !r.err; i++) {
		struct kt_deletetopics_result *t = &out->responses[i];

		kt_body_str(&r, flex, version >= 6, a, &t->name);
		if (version >= 6)
			kt_read_uuid(&r, &t->topic_id);
		kt_read_i16(&r, &t->error_code);
		if (version >= 5)
			kt_body_str(&r, flex, true, a, &t->error_message);
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "DeleteTopics response", version, err);
	if (rc)
		kt_deletetopics_resp_release(out);
	return rc;
}

void kt_deletetopics_resp_release(struct kt_deletetopics_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- CreatePartitions ---- */

int kt_createpartitions_req_encode(struct kt_buf *b, int16_t version,
				   const struct kt_createpartitions_req *req)
{
	bool flex = version >= KT_CREATEPARTITIONS_FLEX;
	size_t i, j, n = req->topics ? req->n_topics : 0;

	if (kt_body_put_version(b, version, KT_CREATEPARTITIONS_MIN,
				KT_CREATEPARTITIONS_MAX))
		return b->err;
	kt_body_put_count(b, flex, false, n);
	for (i = 0; i < n && !b->err; i++) {
		const struct kt_createpartitions_topic *t = &req->topics[i];
		size_t na = t->assignments ? t->n_assignments : 0;

		kt_body_put_str(b, flex, t->name);
		kt_put_i32(b, t->count);
		kt_body_put_count(b, flex, !t->assignments, na);
		for (j = 0; j < na; j++) {
			kt_body_put_i32s(b, flex, false,
					 t->assignments[j].broker_ids,
					 t->assignments[j].n_broker_ids);
			kt_put_ftags(b, flex);
		}
		kt_put_ftags(b, flex);
	}
	kt_put_i32(b, req->timeout_ms);
	kt_put_bool(b, req->validate_only);
	return kt_put_ftags(b, flex);
}

int kt_createpartitions_resp_decode(const uint8_t *p, size_t len,
				    int16_t version,
				    struct kt_createpartitions_resp *out,
				    struct kt_err *err)
{
	bool flex = version >= KT_CREATEPARTITIONS_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "CreatePartitions",
			  version, KT_CREATEPARTITIONS_MIN,
			  KT_CREATEPARTITIONS_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	out->results = kt_body_array(&r, flex, false,
				     2 * KT_BODY_STR_MIN(flex) + 2 +
					     KT_BODY_TAGS_MIN(flex),
				     sizeof(*out->results), a, &out->n_results);
	for (i = 0; i < out->n_results && !r.err; i++) {
		struct kt_createpartitions_result *t = &out->results[i];

		kt_body_str(&r, flex, false, a, &t->name);
		kt_read_i16(&r, &t->error_code);
		kt_body_str(&r, flex, true, a, &t->error_message);
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "CreatePartitions response", version, err);
	if (rc)
		kt_createpartitions_resp_release(out);
	return rc;
}

void kt_createpartitions_resp_release(struct kt_createpartitions_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- DescribeTopicPartitions (always flexible) ---- */

int kt_describetopicpartitions_req_encode(
	struct kt_buf *b, int16_t version,
	const struct kt_describetopicpartitions_req *req)
{
	size_t i, n = req->topics ? req->n_topics : 0;

	if (kt_body_put_version(b, version, KT_DESCRIBETOPICPARTITIONS_MIN,
				KT_DESCRIBETOPICPARTITIONS_MAX))
		return b->err;
	kt_body_put_count(b, true, false, n);
	for (i = 0; i < n && !b->err; i++) {
		kt_body_put_str(b, true, req->topics[i]);
		kt_put_ftags(b, true);
	}
	kt_put_i32(b, req->response_partition_limit);
	/* Cursor is a nullable struct that is not tagged: an int8 marker,
	 * -1 for null, 1 before the struct */
	if (!req->cursor_topic_name) {
		kt_put_i8(b, -1);
	} else {
		kt_put_i8(b, 1);
		kt_body_put_str(b, true, req->cursor_topic_name);
		kt_put_i32(b, req->cursor_partition_index);
		kt_put_ftags(b, true);
	}
	return kt_put_ftags(b, true);
}

int kt_describetopicpartitions_resp_decode(
	const uint8_t *p, size_t len, int16_t version,
	struct kt_describetopicpartitions_resp *out, struct kt_err *err)
{
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j;
	int8_t marker;
	int rc;

	memset(out, 0, sizeof(*out));
	if (kt_body_version("DescribeTopicPartitions", version,
			    KT_DESCRIBETOPICPARTITIONS_MIN,
			    KT_DESCRIBETOPICPARTITIONS_MAX, err))
		return -KT_EUNSUPPORTED;
	out->next_cursor_partition_index = -1;
	kt_reader_init(&r, p, len);
	kt_read_i32(&r, &out->throttle_time_ms);
	/* error, name, id, internal, partitions, operations, tags */
	out->topics = kt_body_array(&r, true, false, 2 + 1 + 16 + 1 + 1 + 4 + 1,
				    sizeof(*out->topics), a, &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++) {
		struct kt_describetopicpartitions_topic *t = &out->topics[i];

		kt_read_i16(&r, &t->error_code);
		kt_body_str(&r, true, true, a, &t->name);
		kt_read_uuid(&r, &t->topic_id);
		kt_read_bool(&r, &t->is_internal);
		/* error, index, leader, epoch, 5 arrays, tags */
		t->partitions = kt_body_array(&r, true, false, 2 + 12 + 5 + 1,
					      sizeof(*t->partitions), a,
					      &t->n_partitions);
		for (j = 0; j < t->n_partitions && !r.err; j++) {
			struct kt_describetopicpartitions_partition *pt =
				&t->partitions[j];

			kt_read_i16(&r, &pt->error_code);
			kt_read_i32(&r, &pt->partition_index);
			kt_read_i32(&r, &pt->leader_id);
			kt_read_i32(&r, &pt->leader_epoch);
			kt_body_i32s(&r, true, false, a, &pt->replica_nodes,
				     &pt->n_replica_nodes);
			kt_body_i32s(&r, true, false, a, &pt->isr_nodes,
				     &pt->n_isr_nodes);
			kt_body_i32s(&r, true, true, a,
				     &pt->eligible_leader_replicas,
				     &pt->n_eligible_leader_replicas);
			kt_body_i32s(&r, true, true, a, &pt->last_known_elr,
				     &pt->n_last_known_elr);
			kt_body_i32s(&r, true, false, a, &pt->offline_replicas,
				     &pt->n_offline_replicas);
			kt_read_ftags(&r, true);
		}
		kt_read_i32(&r, &t->topic_authorized_operations);
		kt_read_ftags(&r, true);
	}
	kt_read_i8(&r, &marker);
	if (!r.err && marker >= 0) {
		kt_body_str(&r, true, false, a, &out->next_cursor_topic_name);
		kt_read_i32(&r, &out->next_cursor_partition_index);
		kt_read_ftags(&r, true);
	}
	kt_read_ftags(&r, true);
	rc = kt_body_end(&r, "DescribeTopicPartitions response", version, err);
	if (rc)
		kt_describetopicpartitions_resp_release(out);
	return rc;
}

void kt_describetopicpartitions_resp_release(
	struct kt_describetopicpartitions_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}
