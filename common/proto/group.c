/*
 * proto/group.c - consumer-group message bodies: FindCoordinator (10, v0..6),
 * JoinGroup (11, v0..9), Heartbeat (12, v0..4), LeaveGroup (13, v0..5),
 * SyncGroup (14, v0..5), OffsetCommit (8, v2..10), OffsetFetch (9, v1..10),
 * ConsumerGroupHeartbeat (68, v0..1), and the embedded consumer protocol
 * (ConsumerProtocolSubscription / ConsumerProtocolAssignment v0..3), after
 * the JSON message schemas of Kafka 4.3 (KIP-345, KIP-394, KIP-429, KIP-482,
 * KIP-699, KIP-709, KIP-800, KIP-814, KIP-848, KIP-881).
 */
#include "proto/group.h"

#include <string.h>

/* --- FindCoordinator ---------------------------------------------------- */

int kt_find_coordinator_req_encode(struct kt_buf *b, int16_t v,
				   const struct kt_find_coordinator_req *req)
{
	bool flex = v >= KT_FIND_COORDINATOR_FLEX;

	if (kt_body_put_version(b, v, KT_FIND_COORDINATOR_MIN,
				KT_FIND_COORDINATOR_MAX))
		return b->err;
	if (v < KT_FIND_COORDINATOR_BATCH) {
		if (req->n_keys != 1 ||
		    (v == 0 && req->key_type != KT_COORDINATOR_GROUP))
			return kt_body_fail(b, KT_EUNSUPPORTED);
		kt_body_put_str(b, flex, req->keys[0]);
		if (v >= 1)
			kt_put_i8(b, req->key_type);
	} else {
		kt_put_i8(b, req->key_type);
		kt_body_put_strs(b, flex, false, req->keys, req->n_keys);
	}
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_find_coordinator_resp_release(struct kt_find_coordinator_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_find_coordinator_resp_decode(const uint8_t *p, size_t len, int16_t v,
				    struct kt_find_coordinator_resp *out,
				    struct kt_err *err)
{
	bool flex = v >= KT_FIND_COORDINATOR_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "FindCoordinator", v,
			  KT_FIND_COORDINATOR_MIN, KT_FIND_COORDINATOR_MAX,
			  err))
		return -KT_EUNSUPPORTED;
	if (v >= 1)
		kt_read_i32(&r, &out->throttle_time_ms);
	if (v < KT_FIND_COORDINATOR_BATCH) {
		struct kt_coordinator *c = kt_arena_alloc(a, sizeof(*c));

		if (!c) {
			kt_reader_fail(&r, KT_ENOMEM);
		} else {
			out->coordinators = c;
			out->n_coordinators = 1;
			kt_read_i16(&r, &c->error_code);
			if (v >= 1)
				kt_body_str(&r, flex, true, a,
					    &c->error_message);
			kt_read_i32(&r, &c->node_id);
			kt_body_str(&r, flex, false, a, &c->host);
			kt_read_i32(&r, &c->port);
		}
	} else {
		/* key, node, host, port, error, message */
		out->coordinators = kt_body_array(&r, flex, false, 13,
						  sizeof(*out->coordinators), a,
						  &out->n_coordinators);
		for (i = 0; i < out->n_coordinators && !r.err; i++) {
			struct kt_coordinator *c = &out->coordinators[i];

			kt_body_str(&r, flex, false, a, &c->key);
			kt_read_i32(&r, &c->node_id);
			kt_body_str(&r, flex, false, a, &c->host);
			kt_read_i32(&r, &c->port);
			kt_read_i16(&r, &c->error_code);
			kt_body_str(&r, flex, true, a, &c->error_message);
			kt_read_ftags(&r, flex);
		}
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "FindCoordinator response", v, err);
	if (rc)
		kt_find_coordinator_resp_release(out);
	return rc;
}

/* --- JoinGroup ---------------------------------------------------------- */

int kt_join_group_req_encode(struct kt_buf *b, int16_t v,
			     const struct kt_join_group_req *req)
{
	bool flex = v >= KT_JOIN_GROUP_FLEX;
	size_t i;

	if (kt_body_put_version(b, v, KT_JOIN_GROUP_MIN, KT_JOIN_GROUP_MAX))
		return b->err;
	kt_body_put_str(b, flex, req->group_id);
	kt_put_i32(b, req->session_timeout_ms);
	if (v >= 1)
		kt_put_i32(b, req->rebalance_timeout_ms);
	kt_body_put_str(b, flex, req->member_id);
	if (v >= 5)
		kt_body_put_nstr(b, flex, req->group_instance_id);
	kt_body_put_str(b, flex, req->protocol_type);
	kt_body_put_count(b, flex, false, req->n_protocols);
	for (i = 0; i < req->n_protocols && !b->err; i++) {
		const struct kt_join_group_protocol *pr = &req->protocols[i];

		kt_body_put_str(b, flex, pr->name);
		/* Metadata is not nullable: a NULL view is sent empty */
		kt_put_fbytes(b, flex,
			      pr->metadata.p ? (const void *)pr->metadata.p
					     : "",
			      pr->metadata.len);
		kt_put_ftags(b, flex);
	}
	if (v >= 8)
		kt_body_put_nstr(b, flex, req->reason);
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_join_group_resp_release(struct kt_join_group_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_join_group_resp_decode(const uint8_t *p, size_t len, int16_t v,
			      struct kt_join_group_resp *out,
			      struct kt_err *err)
{
	bool flex = v >= KT_JOIN_GROUP_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "JoinGroup", v,
			  KT_JOIN_GROUP_MIN, KT_JOIN_GROUP_MAX, err))
		return -KT_EUNSUPPORTED;
	if (v >= 2)
		kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	kt_read_i32(&r, &out->generation_id);
	if (v >= 7)
		kt_body_str(&r, flex, true, a, &out->protocol_type);
	kt_body_str(&r, flex, v >= 7, a, &out->protocol_name);
	kt_body_str(&r, flex, false, a, &out->leader);
	if (v >= 9)
		kt_read_bool(&r, &out->skip_assignment);
	kt_body_str(&r, flex, false, a, &out->member_id);
	/* member id, metadata */
	out->members = kt_body_array(&r, flex, false, flex ? 3 : 6,
				     sizeof(*out->members), a, &out->n_members);
	for (i = 0; i < out->n_members && !r.err; i++) {
		struct kt_join_group_member *m = &out->members[i];

		kt_body_str(&r, flex, false, a, &m->member_id);
		if (v >= 5)
			kt_body_str(&r, flex, true, a, &m->group_instance_id);
		kt_body_bytes(&r, flex, false, a, &m->metadata);
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "JoinGroup response", v, err);
	if (rc)
		kt_join_group_resp_release(out);
	return rc;
}

/* --- SyncGroup ---------------------------------------------------------- */

int kt_sync_group_req_encode(struct kt_buf *b, int16_t v,
			     const struct kt_sync_group_req *req)
{
	bool flex = v >= KT_SYNC_GROUP_FLEX;
	size_t i;

	if (kt_body_put_version(b, v, KT_SYNC_GROUP_MIN, KT_SYNC_GROUP_MAX))
		return b->err;
	kt_body_put_str(b, flex, req->group_id);
	kt_put_i32(b, req->generation_id);
	kt_body_put_str(b, flex, req->member_id);
	if (v >= 3)
		kt_body_put_nstr(b, flex, req->group_instance_id);
	if (v >= 5) {
		kt_body_put_nstr(b, flex, req->protocol_type);
		kt_body_put_nstr(b, flex, req->protocol_name);
	}
	kt_body_put_count(b, flex, false, req->n_assignments);
	for (i = 0; i < req->n_assignments && !b->err; i++) {
		const struct kt_sync_group_assignment *a = &req->assignments[i];

		kt_body_put_str(b, flex, a->member_id);
		kt_put_fbytes(b, flex,
			      a->assignment.p ? (const void *)a->assignment.p
					      : "",
			      a->assignment.len);
		kt_put_ftags(b, flex);
	}
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_sync_group_resp_release(struct kt_sync_group_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_sync_group_resp_decode(const uint8_t *p, size_t len, int16_t v,
			      struct kt_sync_group_resp *out,
			      struct kt_err *err)
{
	bool flex = v >= KT_SYNC_GROUP_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "SyncGroup", v,
			  KT_SYNC_GROUP_MIN, KT_SYNC_GROUP_MAX, err))
		return -KT_EUNSUPPORTED;
	if (v >= 1)
		kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	if (v >= 5) {
		kt_body_str(&r, flex, true, a, &out->protocol_type);
		kt_body_str(&r, flex, true, a, &out->protocol_name);
	}
	kt_body_bytes(&r, flex, false, a, &out->assignment);
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "SyncGroup response", v, err);
	if (rc)
		kt_sync_group_resp_release(out);
	return rc;
}

/* --- Heartbeat ---------------------------------------------------------- */

int kt_heartbeat_req_encode(struct kt_buf *b, int16_t v,
			    const struct kt_heartbeat_req *req)
{
	bool flex = v >= KT_HEARTBEAT_FLEX;

	if (kt_body_put_version(b, v, KT_HEARTBEAT_MIN, KT_HEARTBEAT_MAX))
		return b->err;
	kt_body_put_str(b, flex, req->group_id);
	kt_put_i32(b, req->generation_id);
	kt_body_put_str(b, flex, req->member_id);
	if (v >= 3)
		kt_body_put_nstr(b, flex, req->group_instance_id);
	kt_put_ftags(b, flex);
	return b->err;
}

int kt_heartbeat_resp_decode(const uint8_t *p, size_t len, int16_t v,
			     struct kt_heartbeat_resp *out, struct kt_err *err)
{
	bool flex = v >= KT_HEARTBEAT_FLEX;
	struct kt_reader r;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "Heartbeat", v,
			  KT_HEARTBEAT_MIN, KT_HEARTBEAT_MAX, err))
		return -KT_EUNSUPPORTED;
	if (v >= 1)
		kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	kt_read_ftags(&r, flex);
	return kt_body_end(&r, "Heartbeat response", v, err);
}

/* --- LeaveGroup --------------------------------------------------------- */

int kt_leave_group_req_encode(struct kt_buf *b, int16_t v,
			      const struct kt_leave_group_req *req)
{
	bool flex = v >= KT_LEAVE_GROUP_FLEX;
	size_t i;

	if (kt_body_put_version(b, v, KT_LEAVE_GROUP_MIN, KT_LEAVE_GROUP_MAX))
		return b->err;
	kt_body_put_str(b, flex, req->group_id);
	if (v < 3) {
		/* one dynamic member; instance ids came with v3 */
		if (req->n_members != 1 || req->members[0].group_instance_id)
			return kt_body_fail(b, KT_EUNSUPPORTED);
		kt_body_put_str(b, flex, req->members[0].member_id);
	} else {
		kt_body_put_count(b, flex, false, req->n_members);
		for (i = 0; i < req->n_members && !b->err; i++) {
			const struct kt_leave_group_member_req *m =
				&req->members[i];

			kt_body_put_str(b, flex, m->member_id);
			kt_body_put_nstr(b, flex, m->group_instance_id);
			if (v >= 5)
				kt_body_put_nstr(b, flex, m->reason);
			kt_put_ftags(b, flex);
		}
	}
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_leave_group_resp_release(struct kt_leave_group_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_leave_group_resp_decode(const uint8_t *p, size_t len, int16_t v,
			       struct kt_leave_group_resp *out,
			       struct kt_err *err)
{
	bool flex = v >= KT_LEAVE_GROUP_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "LeaveGroup", v,
			  KT_LEAVE_GROUP_MIN, KT_LEAVE_GROUP_MAX, err))
		return -KT_EUNSUPPORTED;
	if (v >= 1)
		kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	if (v >= 3) {
		/* member id, instance id, error */
		out->members = kt_body_array(&r, flex, false, flex ? 4 : 6,
					     sizeof(*out->members), a,
					     &out->n_members);
		for (i = 0; i < out->n_members && !r.err; i++) {
			struct kt_leave_group_member_resp *m = &out->members[i];

			kt_body_str(&r, flex, false, a, &m->member_id);
			kt_body_str(&r, flex, true, a, &m->group_instance_id);
			kt_read_i16(&r, &m->error_code);
			kt_read_ftags(&r, flex);
		}
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "LeaveGroup response", v, err);
	if (rc)
		kt_leave_group_resp_release(out);
	return rc;
}

/* --- OffsetCommit ------------------------------------------------------- */

int kt_offset_commit_req_encode(struct kt_buf *b, int16_t v,
				const struct kt_offset_commit_req *req)
{
	bool flex = v >= KT_OFFSET_COMMIT_FLEX;
	size_t i, j;

	if (kt_body_put_version(b, v, KT_OFFSET_COMMIT_MIN,
				KT_OFFSET_COMMIT_MAX))
		return b->err;
	kt_body_put_str(b, flex, req->group_id);
	kt_put_i32(b, req->generation_id_or_member_epoch);
	kt_body_put_str(b, flex, req->member_id);
	if (v >= 7)
		kt_body_put_nstr(b, flex, req->group_instance_id);
	if (v <= 4)
		kt_put_i64(b, req->retention_time_ms);
	kt_body_put_count(b, flex, false, req->n_topics);
	for (i = 0; i < req->n_topics && !b->err; i++) {
		const struct kt_offset_commit_topic_req *t = &req->topics[i];

		if (v >= KT_OFFSET_COMMIT_TOPIC_ID)
			kt_put_uuid(b, &t->topic_id);
		else
			kt_body_put_str(b, flex, t->name);
		kt_body_put_count(b, flex, false, t->n_parts);
		for (j = 0; j < t->n_parts && !b->err; j++) {
			const struct kt_offset_commit_part_req *q =
				&t->parts[j];

			kt_put_i32(b, q->partition_index);
			kt_put_i64(b, q->committed_offset);
			if (v >= 6)
				kt_put_i32(b, q->committed_leader_epoch);
			kt_body_put_nstr(b, flex, q->committed_metadata);
			kt_put_ftags(b, flex);
		}
		kt_put_ftags(b, flex);
	}
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_offset_commit_resp_release(struct kt_offset_commit_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_offset_commit_resp_decode(const uint8_t *p, size_t len, int16_t v,
				 struct kt_offset_commit_resp *out,
				 struct kt_err *err)
{
	bool flex = v >= KT_OFFSET_COMMIT_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "OffsetCommit", v,
			  KT_OFFSET_COMMIT_MIN, KT_OFFSET_COMMIT_MAX, err))
		return -KT_EUNSUPPORTED;
	if (v >= 3)
		kt_read_i32(&r, &out->throttle_time_ms);
	out->topics = kt_body_array(&r, flex, false, flex ? 3 : 6,
				    sizeof(*out->topics), a, &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++) {
		struct kt_offset_commit_topic_resp *t = &out->topics[i];

		if (v >= KT_OFFSET_COMMIT_TOPIC_ID)
			kt_read_uuid(&r, &t->topic_id);
		else
			kt_body_str(&r, flex, false, a, &t->name);
		t->parts = kt_body_array(&r, flex, false, 6, sizeof(*t->parts),
					 a, &t->n_parts);
		for (j = 0; j < t->n_parts && !r.err; j++) {
			kt_read_i32(&r, &t->parts[j].partition_index);
			kt_read_i16(&r, &t->parts[j].error_code);
			kt_read_ftags(&r, flex);
		}
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "OffsetCommit response", v, err);
	if (rc)
		kt_offset_commit_resp_release(out);
	return rc;
}

/* --- OffsetFetch -------------------------------------------------------- */

static void put_offset_fetch_topics(struct kt_buf *b, int16_t v, bool flex,
				    const struct kt_offset_fetch_group_req *g)
{
	size_t i;

	if (g->all_topics) {
		/* v1 has no null: it cannot ask for every topic */
		if (v < 2)
			kt_body_fail(b, KT_EUNSUPPORTED);
		kt_body_put_count(b, flex, true, 0);
		return;
	}
	kt_body_put_count(b, flex, false, g->n_topics);
	for (i = 0; i < g->n_topics && !b->err; i++) {
		const struct kt_offset_fetch_topic_req *t = &g->topics[i];

		if (v >= KT_OFFSET_FETCH_TOPIC_ID)
			kt_put_uuid(b, &t->topic_id);
		else
			kt_body_put_str(b, flex, t->name);
		kt_body_put_i32s(b, flex, false, t->parts, t->n_parts);
		kt_put_ftags(b, flex);
	}
}

int kt_offset_fetch_req_encode(struct kt_buf *b, int16_t v,
			       const struct kt_offset_fetch_req *req)
{
	bool flex = v >= KT_OFFSET_FETCH_FLEX;
	size_t i;

	if (kt_body_put_version(b, v, KT_OFFSET_FETCH_MIN, KT_OFFSET_FETCH_MAX))
		return b->err;
	if (v < KT_OFFSET_FETCH_GROUPS) {
		if (req->n_groups != 1)
			return kt_body_fail(b, KT_EUNSUPPORTED);
		kt_body_put_str(b, flex, req->groups[0].group_id);
		put_offset_fetch_topics(b, v, flex, &req->groups[0]);
	} else {
		kt_body_put_count(b, flex, false, req->n_groups);
		for (i = 0; i < req->n_groups && !b->err; i++) {
			const struct kt_offset_fetch_group_req *g =
				&req->groups[i];

			kt_body_put_str(b, flex, g->group_id);
			if (v >= 9) {
				kt_body_put_nstr(b, flex, g->member_id);
				kt_put_i32(b, g->member_epoch);
			}
			put_offset_fetch_topics(b, v, flex, g);
			kt_put_ftags(b, flex);
		}
	}
	if (v >= 7)
		kt_put_bool(b, req->require_stable);
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_offset_fetch_resp_release(struct kt_offset_fetch_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

/* The Topics array of one group (both layouts share it). */
static void read_offset_fetch_topics(struct kt_reader *r, int16_t v, bool flex,
				     struct kt_arena *a,
				     struct kt_offset_fetch_group_resp *g)
{
	size_t i, j;

	g->topics = kt_body_array(r, flex, false, flex ? 3 : 6,
				  sizeof(*g->topics), a, &g->n_topics);
	for (i = 0; i < g->n_topics && !r->err; i++) {
		struct kt_offset_fetch_topic_resp *t = &g->topics[i];

		if (v >= KT_OFFSET_FETCH_TOPIC_ID)
			kt_read_uuid(r, &t->topic_id);
		else
			kt_body_str(r, flex, false, a, &t->name);
		/* index, offset, metadata, error */
		t->parts = kt_body_array(r, flex, false, 15, sizeof(*t->parts),
					 a, &t->n_parts);
		for (j = 0; j < t->n_parts && !r->err; j++) {
			struct kt_offset_fetch_part_resp *q = &t->parts[j];

			q->committed_leader_epoch = -1;
			kt_read_i32(r, &q->partition_index);
			kt_read_i64(r, &q->committed_offset);
			if (v >= 5)
				kt_read_i32(r, &q->committed_leader_epoch);
			kt_body_str(r, flex, true, a, &q->metadata);
			kt_read_i16(r, &q->error_code);
			kt_read_ftags(r, flex);
		}
		kt_read_ftags(r, flex);
	}
}

int kt_offset_fetch_resp_decode(const uint8_t *p, size_t len, int16_t v,
				struct kt_offset_fetch_resp *out,
				struct kt_err *err)
{
	bool flex = v >= KT_OFFSET_FETCH_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "OffsetFetch", v,
			  KT_OFFSET_FETCH_MIN, KT_OFFSET_FETCH_MAX, err))
		return -KT_EUNSUPPORTED;
	if (v >= 3)
		kt_read_i32(&r, &out->throttle_time_ms);
	if (v < KT_OFFSET_FETCH_GROUPS) {
		struct kt_offset_fetch_group_resp *g =
			kt_arena_alloc(a, sizeof(*g));

		if (!g) {
			kt_reader_fail(&r, KT_ENOMEM);
		} else {
			out->groups = g;
			out->n_groups = 1;
			read_offset_fetch_topics(&r, v, flex, a, g);
			if (v >= 2)
				kt_read_i16(&r, &g->error_code);
		}
	} else {
		/* group id, topics, error */
		out->groups =
			kt_body_array(&r, flex, false, 4, sizeof(*out->groups),
				      a, &out->n_groups);
		for (i = 0; i < out->n_groups && !r.err; i++) {
			struct kt_offset_fetch_group_resp *g = &out->groups[i];

			kt_body_str(&r, flex, false, a, &g->group_id);
			read_offset_fetch_topics(&r, v, flex, a, g);
			kt_read_i16(&r, &g->error_code);
			kt_read_ftags(&r, flex);
		}
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "OffsetFetch response", v, err);
	if (rc)
		kt_offset_fetch_resp_release(out);
	return rc;
}

/* --- ConsumerGroupHeartbeat --------------------------------------------- */

int kt_consumer_group_heartbeat_req_encode(
	struct kt_buf *b, int16_t v,
	const struct kt_consumer_group_heartbeat_req *req)
{
	size_t n_names = req->n_subscribed_topic_names < 0
				 ? 0
				 : (size_t)req->n_subscribed_topic_names;
	size_t n_parts = req->n_topic_partitions < 0
				 ? 0
				 : (size_t)req->n_topic_partitions;
	size_t i;

	if (kt_body_put_version(b, v, KT_CONSUMER_GROUP_HEARTBEAT_MIN,
				KT_CONSUMER_GROUP_HEARTBEAT_MAX))
		return b->err;
	if (v < 1 && req->subscribed_topic_regex)
		return kt_body_fail(b, KT_EUNSUPPORTED);
	kt_body_put_str(b, true, req->group_id);
	kt_body_put_str(b, true, req->member_id);
	kt_put_i32(b, req->member_epoch);
	kt_body_put_nstr(b, true, req->instance_id);
	kt_body_put_nstr(b, true, req->rack_id);
	kt_put_i32(b, req->rebalance_timeout_ms);
	kt_body_put_strs(b, true, req->n_subscribed_topic_names < 0,
			 req->subscribed_topic_names, n_names);
	if (v >= 1)
		kt_body_put_nstr(b, true, req->subscribed_topic_regex);
	kt_body_put_nstr(b, true, req->server_assignor);
	kt_body_put_count(b, true, req->n_topic_partitions < 0, n_parts);
	for (i = 0; i < n_parts && !b->err; i++) {
		const struct kt_topic_id_parts *t = &req->topic_partitions[i];

		kt_put_uuid(b, &t->topic_id);
		kt_body_put_i32s(b, true, false, t->parts, t->n_parts);
		kt_put_ftags(b, true);
	}
	kt_put_ftags(b, true);
	return b->err;
}

void kt_consumer_group_heartbeat_resp_release(
	struct kt_consumer_group_heartbeat_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_consumer_group_heartbeat_resp_decode(
	const uint8_t *p, size_t len, int16_t v,
	struct kt_consumer_group_heartbeat_resp *out, struct kt_err *err)
{
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	int8_t present;
	size_t i;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out),
			  "ConsumerGroupHeartbeat", v,
			  KT_CONSUMER_GROUP_HEARTBEAT_MIN,
			  KT_CONSUMER_GROUP_HEARTBEAT_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	kt_body_str(&r, true, true, a, &out->error_message);
	kt_body_str(&r, true, true, a, &out->member_id);
	kt_read_i32(&r, &out->member_epoch);
	kt_read_i32(&r, &out->heartbeat_interval_ms);
	/* a nullable struct: int8 -1 null, 1 present */
	kt_read_i8(&r, &present);
	if (!r.err && present != -1 && present != 1)
		kt_reader_fail(&r, KT_EPROTO);
	if (!r.err && present == 1) {
		out->has_assignment = true;
		/* topic id, partitions, tags */
		out->assignment = kt_body_array(&r, true, false, 18,
						sizeof(*out->assignment), a,
						&out->n_assignment);
		for (i = 0; i < out->n_assignment && !r.err; i++) {
			struct kt_topic_id_parts_resp *t = &out->assignment[i];

			kt_read_uuid(&r, &t->topic_id);
			kt_body_i32s(&r, true, true, a, &t->parts, &t->n_parts);
			kt_read_tags(&r, NULL, NULL);
		}
		kt_read_tags(&r, NULL, NULL);
	}
	kt_read_tags(&r, NULL, NULL);
	rc = kt_body_end(&r, "ConsumerGroupHeartbeat response", v, err);
	if (rc)
		kt_consumer_group_heartbeat_resp_release(out);
	return rc;
}

/* --- Embedded consumer protocol ----------------------------------------- */

static void put_topic_parts(struct kt_buf *b, const struct kt_topic_parts *tp,
			    size_t n)
{
	size_t i;

	kt_body_put_count(b, false, false, n);
	for (i = 0; i < n && !b->err; i++) {
		kt_body_put_str(b, false, tp[i].topic);
		kt_body_put_i32s(b, false, false, tp[i].parts, tp[i].n_parts);
	}
}

int kt_consumer_subscription_encode(struct kt_buf *b, int16_t v,
				    const struct kt_consumer_subscription *s)
{
	if (kt_body_put_version(b, v, 0, KT_CONSUMER_PROTOCOL_MAX))
		return b->err;
	kt_put_i16(b, v);
	kt_body_put_strs(b, false, false, s->topics, s->n_topics);
	kt_put_nbytes(b, s->user_data.p, s->user_data.len);
	if (v >= 1)
		put_topic_parts(b, s->owned_partitions, s->n_owned_partitions);
	if (v >= 2)
		kt_put_i32(b, s->generation_id);
	if (v >= 3)
		kt_body_put_nstr(b, false, s->rack_id);
	return b->err;
}

/* [] { Topic string, Partitions []int32 }; null is taken as empty. */
static void read_topic_parts(struct kt_reader *r, struct kt_arena *a,
			     struct kt_topic_parts_owned **out, size_t *n)
{
	struct kt_topic_parts_owned *tp;
	size_t i;

	tp = kt_body_array(r, false, true, 6, sizeof(*tp), a, n);
	*out = tp;
	for (i = 0; i < *n && !r->err; i++) {
		kt_body_str(r, false, false, a, &tp[i].topic);
		kt_body_i32s(r, false, true, a, &tp[i].parts, &tp[i].n_parts);
	}
}

void kt_consumer_subscription_release(struct kt_consumer_subscription_dec *s)
{
	if (s)
		kt_body_release(&s->arena, s, sizeof(*s));
}

/* Version prefix; a negative one is malformed. */
static int16_t read_cp_version(struct kt_reader *r)
{
	int16_t v;

	kt_read_i16(r, &v);
	if (!r->err && v < 0)
		kt_reader_fail(r, KT_EPROTO);
	return v;
}

/* Left-over bytes are fine only after a version newer than ours. */
static int cp_end(struct kt_reader *r, const char *what, int16_t v,
		  struct kt_err *err)
{
	if (!r->err && v > KT_CONSUMER_PROTOCOL_MAX)
		kt_read_skip(r, r->left);
	return kt_body_end(r, what, v, err);
}

int kt_consumer_subscription_decode(const uint8_t *p, size_t len,
				    struct kt_consumer_subscription_dec *out,
				    struct kt_err *err)
{
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	int16_t v;
	int rc;

	memset(out, 0, sizeof(*out));
	out->generation_id = -1;
	kt_reader_init(&r, p, len);
	v = read_cp_version(&r);
	out->version = v;
	kt_body_strs(&r, false, false, a, &out->topics, &out->n_topics);
	kt_body_bytes(&r, false, true, a, &out->user_data);
	if (v >= 1)
		read_topic_parts(&r, a, &out->owned_partitions,
				 &out->n_owned_partitions);
	if (v >= 2)
		kt_read_i32(&r, &out->generation_id);
	if (v >= 3)
		kt_body_str(&r, false, true, a, &out->rack_id);
	rc = cp_end(&r, "ConsumerProtocolSubscription", v, err);
	if (rc)
		kt_consumer_subscription_release(out);
	return rc;
}

int kt_consumer_assignment_encode(struct kt_buf *b, int16_t v,
				  const struct kt_consumer_assignment *a)
{
	if (kt_body_put_version(b, v, 0, KT_CONSUMER_PROTOCOL_MAX))
		return b->err;
	kt_put_i16(b, v);
	put_topic_parts(b, a->assigned, a->n_assigned);
	kt_put_nbytes(b, a->user_data.p, a->user_data.len);
	return b->err;
}

void kt_consumer_assignment_release(struct kt_consumer_assignment_dec *a)
{
	if (a)
		kt_body_release(&a->arena, a, sizeof(*a));
}

int kt_consumer_assignment_decode(const uint8_t *p, size_t len,
				  struct kt_consumer_assignment_dec *out,
				  struct kt_err *err)
{
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	int16_t v;
	int rc;

	memset(out, 0, sizeof(*out));
	if (len == 0)
		return 0;
	kt_reader_init(&r, p, len);
	v = read_cp_version(&r);
	out->version = v;
	read_topic_parts(&r, a, &out->assigned, &out->n_assigned);
	kt_body_bytes(&r, false, true, a, &out->user_data);
	rc = cp_end(&r, "ConsumerProtocolAssignment", v, err);
	if (rc)
		kt_consumer_assignment_release(out);
	return rc;
}
