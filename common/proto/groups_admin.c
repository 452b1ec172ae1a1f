/*
 * proto/groups_admin.c - ListGroups (16), DescribeGroups (15), DeleteGroups
 * (42), OffsetDelete (47), ConsumerGroupDescribe (69, KIP-848),
 * DescribeCluster (60) and DeleteRecords (21) request and response bodies
 * for the versions listed in proto/groups_admin.h (Kafka 4.3.1 message
 * schemas; flexible encoding per KIP-482).
 */
#include "proto/groups_admin.h"

#include <string.h>

/* ---- ListGroups ---- */

int kt_listgroups_req_encode(struct kt_buf *b, int16_t version,
			     const struct kt_listgroups_req *req)
{
	bool flex = version >= KT_LISTGROUPS_FLEX;
	size_t ns = req->states_filter ? req->n_states_filter : 0;
	size_t nt = req->types_filter ? req->n_types_filter : 0;

	if (kt_body_put_version(b, version, KT_LISTGROUPS_MIN,
				KT_LISTGROUPS_MAX))
		return b->err;
	if ((version < 4 && ns) || (version < 5 && nt))
		return kt_body_fail(b, KT_EUNSUPPORTED);
	if (version >= 4)
		kt_body_put_strs(b, flex, false, req->states_filter, ns);
	if (version >= 5)
		kt_body_put_strs(b, flex, false, req->types_filter, nt);
	return kt_put_ftags(b, flex);
}

int kt_listgroups_resp_decode(const uint8_t *p, size_t len, int16_t version,
			      struct kt_listgroups_resp *out,
			      struct kt_err *err)
{
	bool flex = version >= KT_LISTGROUPS_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, min;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "ListGroups", version,
			  KT_LISTGROUPS_MIN, KT_LISTGROUPS_MAX, err))
		return -KT_EUNSUPPORTED;
	if (version >= 1)
		kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	min = (2 + (version >= 4) + (version >= 5)) * KT_BODY_STR_MIN(flex) +
	      KT_BODY_TAGS_MIN(flex);
	out->groups = kt_body_array(&r, flex, false, min, sizeof(*out->groups),
				    a, &out->n_groups);
	for (i = 0; i < out->n_groups && !r.err; i++) {
		struct kt_listgroups_group *g = &out->groups[i];

		kt_body_str(&r, flex, false, a, &g->group_id);
		kt_body_str(&r, flex, false, a, &g->protocol_type);
		if (version >= 4)
			kt_body_str(&r, flex, false, a, &g->group_state);
		if (version >= 5)
			kt_body_str(&r, flex, false, a, &g->group_type);
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "ListGroups response", version, err);
	if (rc)
		kt_listgroups_resp_release(out);
	return rc;
}

void kt_listgroups_resp_release(struct kt_listgroups_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- DescribeGroups ---- */

int kt_describegroups_req_encode(struct kt_buf *b, int16_t version,
				 const struct kt_describegroups_req *req)
{
	bool flex = version >= KT_DESCRIBEGROUPS_FLEX;

	if (kt_body_put_version(b, version, KT_DESCRIBEGROUPS_MIN,
				KT_DESCRIBEGROUPS_MAX))
		return b->err;
	if (version < 3 && req->include_authorized_operations)
		return kt_body_fail(b, KT_EUNSUPPORTED);
	kt_body_put_strs(b, flex, false, req->groups, req->n_groups);
	if (version >= 3)
		kt_put_bool(b, req->include_authorized_operations);
	return kt_put_ftags(b, flex);
}

int kt_describegroups_resp_decode(const uint8_t *p, size_t len, int16_t version,
				  struct kt_describegroups_resp *out,
				  struct kt_err *err)
{
	bool flex = version >= KT_DESCRIBEGROUPS_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j, gmin, mmin;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "DescribeGroups",
			  version, KT_DESCRIBEGROUPS_MIN, KT_DESCRIBEGROUPS_MAX,
			  err))
		return -KT_EUNSUPPORTED;
	if (version >= 1)
		kt_read_i32(&r, &out->throttle_time_ms);
	gmin = 2 + (4 + (version >= 6)) * KT_BODY_STR_MIN(flex) +
	       KT_BODY_ARR_MIN(flex) + (version >= 3 ? 4 : 0) +
	       KT_BODY_TAGS_MIN(flex);
	mmin = (3 + (version >= 4)) * KT_BODY_STR_MIN(flex) +
	       2 * KT_BODY_ARR_MIN(flex) + KT_BODY_TAGS_MIN(flex);
	out->groups = kt_body_array(&r, flex, false, gmin, sizeof(*out->groups),
				    a, &out->n_groups);
	for (i = 0; i < out->n_groups && !r.err; i++) {
		struct kt_describegroups_group *g = &out->groups[i];

		kt_read_i16(&r, &g->error_code);
		if (version >= 6)
			kt_body_str(&r, flex, true, a, &g->error_message);
		kt_body_str(&r, flex, false, a, &g->group_id);
		kt_body_str(&r, flex, false, a, &g->group_state);
		kt_body_str(&r, flex, false, a, &g->protocol_type);
		kt_body_str(&r, flex, false, a, &g->protocol_data);
		g->members =
			kt_body_array(&r, flex, false, mmin,
				      sizeof(*g->members), a, &g->n_members);
		for (j = 0; j < g->n_members && !r.err; j++) {
			struct kt_describegroups_member *m = &g->members[j];

			kt_body_str(&r, flex, false, a, &m->member_id);
			if (version >= 4)
				kt_body_str(&r, flex, true, a,
					    &m->group_instance_id);
			kt_body_str(&r, flex, false, a, &m->client_id);
			kt_body_str(&r, flex, false, a, &m->client_host);
			kt_body_bytes(&r, flex, false, a, &m->member_metadata);
			kt_body_bytes(&r, flex, false, a,
				      &m->member_assignment);
			kt_read_ftags(&r, flex);
		}
		g->authorized_operations = KT_AUTHORIZED_OPERATIONS_OMITTED;
		if (version >= 3)
			kt_read_i32(&r, &g->authorized_operations);
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "DescribeGroups response", version, err);
	if (rc)
		kt_describegroups_resp_release(out);
	return rc;
}

void kt_describegroups_resp_release(struct kt_describegroups_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- DeleteGroups ---- */

int kt_deletegroups_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_deletegroups_req *req)
{
	bool flex = version >= KT_DELETEGROUPS_FLEX;

	if (kt_body_put_version(b, version, KT_DELETEGROUPS_MIN,
				KT_DELETEGROUPS_MAX))
		return b->err;
	kt_body_put_strs(b, flex, false, req->groups_names,
			 req->n_groups_names);
	return kt_put_ftags(b, flex);
}

int kt_deletegroups_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_deletegroups_resp *out,
				struct kt_err *err)
{
	bool flex = version >= KT_DELETEGROUPS_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "DeleteGroups",
			  version, KT_DELETEGROUPS_MIN, KT_DELETEGROUPS_MAX,
			  err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	out->results = kt_body_array(&r, flex, false,
				     KT_BODY_STR_MIN(flex) + 2 +
					     KT_BODY_TAGS_MIN(flex),
				     sizeof(*out->results), a, &out->n_results);
	for (i = 0; i < out->n_results && !r.err; i++) {
		kt_body_str(&r, flex, false, a, &out->results[i].group_id);
		kt_read_i16(&r, &out->results[i].error_code);
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "DeleteGroups response", version, err);
	if (rc)
		kt_deletegroups_resp_release(out);
	return rc;
}

void kt_deletegroups_resp_release(struct kt_deletegroups_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- OffsetDelete (classic encoding only) ---- */

int kt_offsetdelete_req_encode(struct kt_buf *b, int16_t version,
			       const struct kt_offsetdelete_req *req)
{
	size_t i, j, n = req->topics ? req->n_topics : 0;

	if (kt_body_put_version(b, version, KT_OFFSETDELETE_MIN,
				KT_OFFSETDELETE_MAX))
		return b->err;
	kt_body_put_str(b, false, req->group_id);
	kt_body_put_count(b, false, false, n);
	for (i = 0; i < n && !b->err; i++) {
		const struct kt_offsetdelete_topic *t = &req->topics[i];
		size_t np = t->partitions ? t->n_partitions : 0;

		kt_body_put_str(b, false, t->name);
		/* []OffsetDeleteRequestPartition: structs of one int32 */
		kt_body_put_count(b, false, false, np);
		for (j = 0; j < np; j++)
			kt_put_i32(b, t->partitions[j]);
	}
	return b->err;
}

int kt_offsetdelete_resp_decode(const uint8_t *p, size_t len, int16_t version,
				struct kt_offsetdelete_resp *out,
				struct kt_err *err)
{
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "OffsetDelete",
			  version, KT_OFFSETDELETE_MIN, KT_OFFSETDELETE_MAX,
			  err))
		return -KT_EUNSUPPORTED;
	kt_read_i16(&r, &out->error_code);
	kt_read_i32(&r, &out->throttle_time_ms);
	out->topics = kt_body_array(&r, false, false, 2 + 4,
				    sizeof(*out->topics), a, &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++) {
		struct kt_offsetdelete_result_topic *t = &out->topics[i];

		kt_body_str(&r, false, false, a, &t->name);
		t->partitions = kt_body_array(&r, false, false, 4 + 2,
					      sizeof(*t->partitions), a,
					      &t->n_partitions);
		for (j = 0; j < t->n_partitions && !r.err; j++) {
			kt_read_i32(&r, &t->partitions[j].partition_index);
			kt_read_i16(&r, &t->partitions[j].error_code);
		}
	}
	rc = kt_body_end(&r, "OffsetDelete response", version, err);
	if (rc)
		kt_offsetdelete_resp_release(out);
	return rc;
}

void kt_offsetdelete_resp_release(struct kt_offsetdelete_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- ConsumerGroupDescribe (always flexible) ---- */

int kt_consumergroupdescribe_req_encode(
	struct kt_buf *b, int16_t version,
	const struct kt_consumergroupdescribe_req *req)
{
	if (kt_body_put_version(b, version, KT_CONSUMERGROUPDESCRIBE_MIN,
				KT_CONSUMERGROUPDESCRIBE_MAX))
		return b->err;
	kt_body_put_strs(b, true, false, req->group_ids, req->n_group_ids);
	kt_put_bool(b, req->include_authorized_operations);
	return kt_put_ftags(b, true);
}

/* An Assignment struct (not nullable: no marker), then its tags. */
static void cgd_assignment(struct kt_reader *r, struct kt_arena *a,
			   struct kt_consumergroupdescribe_assignment *as)
{
	size_t i;

	/* id, name, partitions, tags */
	as->topic_partitions = kt_body_array(r, true, false, 16 + 1 + 1 + 1,
					     sizeof(*as->topic_partitions), a,
					     &as->n_topic_partitions);
	for (i = 0; i < as->n_topic_partitions && !r->err; i++) {
		struct kt_consumergroupdescribe_topic_partitions *tp =
			&as->topic_partitions[i];

		kt_read_uuid(r, &tp->topic_id);
		kt_body_str(r, true, false, a, &tp->topic_name);
		kt_body_i32s(r, true, false, a, &tp->partitions,
			     &tp->n_partitions);
		kt_read_ftags(r, true);
	}
	kt_read_ftags(r, true);
}

int kt_consumergroupdescribe_resp_decode(
	const uint8_t *p, size_t len, int16_t version,
	struct kt_consumergroupdescribe_resp *out, struct kt_err *err)
{
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out),
			  "ConsumerGroupDescribe", version,
			  KT_CONSUMERGROUPDESCRIBE_MIN,
			  KT_CONSUMERGROUPDESCRIBE_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	/* error, message, id, state, 2 epochs, assignor, members, ops, tags */
	out->groups = kt_body_array(&r, true, false, 2 + 3 + 8 + 1 + 1 + 4 + 1,
				    sizeof(*out->groups), a, &out->n_groups);
	for (i = 0; i < out->n_groups && !r.err; i++) {
		struct kt_consumergroupdescribe_group *g = &out->groups[i];

		kt_read_i16(&r, &g->error_code);
		kt_body_str(&r, true, true, a, &g->error_message);
		kt_body_str(&r, true, false, a, &g->group_id);
		kt_body_str(&r, true, false, a, &g->group_state);
		kt_read_i32(&r, &g->group_epoch);
		kt_read_i32(&r, &g->assignment_epoch);
		kt_body_str(&r, true, false, a, &g->assignor_name);
		/* 3 strings, epoch, 2 strings, names, regex, 2 assignments
		 * (array + tags each), [type], tags */
		g->members = kt_body_array(
			&r, true, false,
			3 + 4 + 2 + 1 + 1 + 4 + (version >= 1) + 1,
			sizeof(*g->members), a, &g->n_members);
		for (j = 0; j < g->n_members && !r.err; j++) {
			struct kt_consumergroupdescribe_member *m =
				&g->members[j];

			kt_body_str(&r, true, false, a, &m->member_id);
			kt_body_str(&r, true, true, a, &m->instance_id);
			kt_body_str(&r, true, true, a, &m->rack_id);
			kt_read_i32(&r, &m->member_epoch);
			kt_body_str(&r, true, false, a, &m->client_id);
			kt_body_str(&r, true, false, a, &m->client_host);
			kt_body_strs(&r, true, false, a,
				     &m->subscribed_topic_names,
				     &m->n_subscribed_topic_names);
			kt_body_str(&r, true, true, a,
				    &m->subscribed_topic_regex);
			cgd_assignment(&r, a, &m->assignment);
			cgd_assignment(&r, a, &m->target_assignment);
			m->member_type = -1;
			if (version >= 1)
				kt_read_i8(&r, &m->member_type);
			kt_read_ftags(&r, true);
		}
		kt_read_i32(&r, &g->authorized_operations);
		kt_read_ftags(&r, true);
	}
	kt_read_ftags(&r, true);
	rc = kt_body_end(&r, "ConsumerGroupDescribe response", version, err);
	if (rc)
		kt_consumergroupdescribe_resp_release(out);
	return rc;
}

void kt_consumergroupdescribe_resp_release(
	struct kt_consumergroupdescribe_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- DescribeCluster (always flexible) ---- */

int kt_describecluster_req_encode(struct kt_buf *b, int16_t version,
				  const struct kt_describecluster_req *req)
{
	int8_t type =
		req->endpoint_type ? req->endpoint_type : KT_ENDPOINT_BROKERS;

	if (kt_body_put_version(b, version, KT_DESCRIBECLUSTER_MIN,
				KT_DESCRIBECLUSTER_MAX))
		return b->err;
	if ((version < 1 && type != KT_ENDPOINT_BROKERS) ||
	    (version < 2 && req->include_fenced_brokers))
		return kt_body_fail(b, KT_EUNSUPPORTED);
	kt_put_bool(b, req->include_cluster_authorized_operations);
	if (version >= 1)
		kt_put_i8(b, type);
	if (version >= 2)
		kt_put_bool(b, req->include_fenced_brokers);
	return kt_put_ftags(b, true);
}

int kt_describecluster_resp_decode(const uint8_t *p, size_t len,
				   int16_t version,
				   struct kt_describecluster_resp *out,
				   struct kt_err *err)
{
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "DescribeCluster",
			  version, KT_DESCRIBECLUSTER_MIN,
			  KT_DESCRIBECLUSTER_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	kt_body_str(&r, true, true, a, &out->error_message);
	out->endpoint_type = KT_ENDPOINT_BROKERS;
	if (version >= 1)
		kt_read_i8(&r, &out->endpoint_type);
	kt_body_str(&r, true, false, a, &out->cluster_id);
	kt_read_i32(&r, &out->controller_id);
	/* id, host, port, rack, [fenced], tags */
	out->brokers = kt_body_array(&r, true, false,
				     4 + 1 + 4 + 1 + (version >= 2) + 1,
				     sizeof(*out->brokers), a, &out->n_brokers);
	for (i = 0; i < out->n_brokers && !r.err; i++) {
		struct kt_describecluster_broker *br = &out->brokers[i];

		kt_read_i32(&r, &br->broker_id);
		kt_body_str(&r, true, false, a, &br->host);
		kt_read_i32(&r, &br->port);
		kt_body_str(&r, true, true, a, &br->rack);
		if (version >= 2)
			kt_read_bool(&r, &br->is_fenced);
		kt_read_ftags(&r, true);
	}
	kt_read_i32(&r, &out->cluster_authorized_operations);
	kt_read_ftags(&r, true);
	rc = kt_body_end(&r, "DescribeCluster response", version, err);
	if (rc)
		kt_describecluster_resp_release(out);
	return rc;
}

void kt_describecluster_resp_release(struct kt_describecluster_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}

/* ---- DeleteRecords ---- */

int kt_deleterecords_req_encode(struct kt_buf *b, int16_t version,
				const struct kt_deleterecords_req *req)
{
	bool flex = version >= KT_DELETERECORDS_FLEX;
	size_t i, j, n = req->topics ? req->n_topics : 0;

	if (kt_body_put_version(b, version, KT_DELETERECORDS_MIN,
				KT_DELETERECORDS_MAX))
		return b->err;
	kt_body_put_count(b, flex, false, n);
	for (i = 0; i < n && !b->err; i++) {
		const struct kt_deleterecords_topic *t = &req->topics[i];
		size_t np = t->partitions ? t->n_partitions : 0;

		kt_body_put_str(b, flex, t->name);
		kt_body_put_count(b, flex, false, np);
		for (j = 0; j < np; j++) {
			kt_put_i32(b, t->partitions[j].partition_index);
			kt_put_i64(b, t->partitions[j].offset);
			kt_put_ftags(b, flex);
		}
		kt_put_ftags(b, flex);
	}
	kt_put_i32(b, req->timeout_ms);
	return kt_put_ftags(b, flex);
}

int kt_deleterecords_resp_decode(const uint8_t *p, size_t len, int16_t version,
				 struct kt_deleterecords_resp *out,
				 struct kt_err *err)
{
	bool flex = version >= KT_DELETERECORDS_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "DeleteRecords",
			  version, KT_DELETERECORDS_MIN, KT_DELETERECORDS_MAX,
			  err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	out->topics =
		kt_body_array(&r, flex, false,
			      KT_BODY_STR_MIN(flex) + KT_BODY_ARR_MIN(flex) +
				      KT_BODY_TAGS_MIN(flex),
			      sizeof(*out->topics), a, &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++) {
		struct kt_deleterecords_result_topic *t = &out->topics[i];

		kt_body_str(&r, flex, false, a, &t->name);
		t->partitions = kt_body_array(
			&r, flex, false, 4 + 8 + 2 + KT_BODY_TAGS_MIN(flex),
			sizeof(*t->partitions), a, &t->n_partitions);
		for (j = 0; j < t->n_partitions && !r.err; j++) {
			struct kt_deleterecords_result_partition *pt =
				&t->partitions[j];

			kt_read_i32(&r, &pt->partition_index);
			kt_read_i64(&r, &pt->low_watermark);
			kt_read_i16(&r, &pt->error_code);
			kt_read_ftags(&r, flex);
		}
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "DeleteRecords response", version, err);
	if (rc)
		kt_deleterecords_resp_release(out);
	return rc;
}

void kt_deleterecords_resp_release(struct kt_deleterecords_resp *resp)
{
	if (resp)
		kt_body_release(&resp->arena, resp, sizeof(*resp));
}
