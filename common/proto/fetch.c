/*
 * proto/fetch.c - Fetch (key 1, v4..18) and ListOffsets (key 2, v1..11)
 * message bodies: FetchRequest/FetchResponse.json and
 * ListOffsetsRequest/ListOffsetsResponse.json, KIP-227, KIP-392, KIP-482,
 * KIP-516, KIP-951.
 *
 * The Fetch decoder is the consumer's hot path: it copies no record byte.
 * Records and topic names stay views into the caller's response buffer, and
 * the only allocations are one array per level in the response's arena,
 * sized from counts that were checked against the bytes left.
 */
#include "proto/fetch.h"

#include <string.h>

void kt_fetch_req_init(struct kt_fetch_req *req)
{
	memset(req, 0, sizeof(*req));
	req->replica_id = -1;
	req->replica_epoch = -1;
	req->max_bytes = INT32_MAX;
	req->isolation_level = KT_READ_UNCOMMITTED;
	req->session_id = 0;
	req->session_epoch = -1;
	req->rack_id = "";
}

void kt_fetch_part_req_init(struct kt_fetch_part_req *p, int32_t partition,
			    int64_t fetch_offset, int32_t max_bytes)
{
	p->partition = partition;
	p->current_leader_epoch = -1;
	p->fetch_offset = fetch_offset;
	p->last_fetched_epoch = -1;
	p->log_start_offset = -1;
	p->partition_max_bytes = max_bytes;
}

/* Topic name (<= v12) or topic id (v13+). */
static void put_topic(struct kt_buf *b, int16_t v, bool flex, const char *name,
		      const struct kt_uuid *id)
{
	if (v >= KT_FETCH_TOPIC_ID)
		kt_put_uuid(b, id);
	else
		kt_body_put_str(b, flex, name);
}

/* The top-level tagged fields: ClusterId (0, v12+) and ReplicaState (1,
 * v15+), each only when it differs from its default. */
static void put_fetch_tags(struct kt_buf *b, int16_t v,
			   const struct kt_fetch_req *req)
{
	bool cluster = req->cluster_id != NULL;
	bool replica =
		v >= 15 && (req->replica_id != -1 || req->replica_epoch != -1);
	struct kt_buf val;

	kt_put_uvarint(b, (uint32_t)cluster + (uint32_t)replica);
	kt_buf_init(&val, 0);
	if (cluster) {
		kt_body_put_nstr(&val, true, req->cluster_id);
		kt_body_put_tag(b, 0, &val);
	}
	if (replica) {
		kt_buf_reset(&val);
		kt_put_i32(&val, req->replica_id);
		kt_put_i64(&val, req->replica_epoch);
		kt_put_ftags(&val, true);
		kt_body_put_tag(b, 1, &val);
	}
	kt_buf_release(&val);
}

int kt_fetch_req_encode(struct kt_buf *b, int16_t v,
			const struct kt_fetch_req *req)
{
	bool flex = v >= KT_FETCH_FLEX;
	size_t i, j;

	if (kt_body_put_version(b, v, KT_FETCH_MIN, KT_FETCH_MAX))
		return b->err;
	if (v <= 14)
		kt_put_i32(b, req->replica_id);
	kt_put_i32(b, req->max_wait_ms);
	kt_put_i32(b, req->min_bytes);
	kt_put_i32(b, req->max_bytes);
	kt_put_i8(b, req->isolation_level);
	if (v >= 7) {
		kt_put_i32(b, req->session_id);
		kt_put_i32(b, req->session_epoch);
	}
	kt_body_put_count(b, flex, false, req->n_topics);
	for (i = 0; i < req->n_topics && !b->err; i++) {
		const struct kt_fetch_topic_req *t = &req->topics[i];

		put_topic(b, v, flex, t->topic, &t->topic_id);
		kt_body_put_count(b, flex, false, t->n_parts);
		for (j = 0; j < t->n_parts && !b->err; j++) {
			const struct kt_fetch_part_req *p = &t->parts[j];

			kt_put_i32(b, p->partition);
			if (v >= 9)
				kt_put_i32(b, p->current_leader_epoch);
			kt_put_i64(b, p->fetch_offset);
			if (v >= 12)
				kt_put_i32(b, p->last_fetched_epoch);
			if (v >= 5)
				kt_put_i64(b, p->log_start_offset);
			kt_put_i32(b, p->partition_max_bytes);
			kt_put_ftags(b, flex);
		}
		kt_put_ftags(b, flex);
	}
	if (v >= 7) {
		kt_body_put_count(b, flex, false, req->n_forgotten);
		for (i = 0; i < req->n_forgotten && !b->err; i++) {
			const struct kt_fetch_forgotten *f = &req->forgotten[i];

			put_topic(b, v, flex, f->topic, &f->topic_id);
			kt_body_put_i32s(b, flex, false, f->parts, f->n_parts);
			kt_put_ftags(b, flex);
		}
	}
	if (v >= 11)
		kt_body_put_str(b, flex, req->rack_id ? req->rack_id : "");
	if (flex)
		put_fetch_tags(b, v, req);
	return b->err;
}

void kt_fetch_resp_release(struct kt_fetch_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

static int part_tag(void *ctx, uint32_t tag, struct kt_reader *val)
{
	struct kt_fetch_part_resp *p = ctx;

	switch (tag) {
	case 0: /* DivergingEpoch: Epoch, EndOffset */
		kt_read_i32(val, &p->diverging_epoch);
		kt_read_i64(val, &p->diverging_end_offset);
		kt_read_tags(val, NULL, NULL);
		break;
	case 1:
		kt_body_leader_epoch(val, &p->current_leader);
		break;
	case 2: /* SnapshotId: EndOffset, Epoch */
		kt_read_i64(val, &p->snapshot_end_offset);
		kt_read_i32(val, &p->snapshot_epoch);
		kt_read_tags(val, NULL, NULL);
		break;
	}
	return val->err;
}

static int resp_tag(void *ctx, uint32_t tag, struct kt_reader *val)
{
	struct kt_fetch_resp *r = ctx;

	if (tag == 0)
		kt_body_node_endpoints(val, &r->arena, &r->node_endpoints,
				       &r->n_node_endpoints);
	return val->err;
}

static int read_part(struct kt_reader *r, int16_t v, bool flex,
		     struct kt_arena *a, struct kt_fetch_part_resp *p)
{
	size_t i;

	p->last_stable_offset = -1;
	p->log_start_offset = -1;
	p->diverging_epoch = -1;
	p->diverging_end_offset = -1;
	p->current_leader.leader_id = -1;
	p->current_leader.leader_epoch = -1;
	p->snapshot_end_offset = -1;
	p->snapshot_epoch = -1;
	p->preferred_read_replica = -1;

	kt_read_i32(r, &p->partition_index);
	kt_read_i16(r, &p->error_code);
	kt_read_i64(r, &p->high_watermark);
	kt_read_i64(r, &p->last_stable_offset);
	if (v >= 5)
		kt_read_i64(r, &p->log_start_offset);
	/* ProducerId, FirstOffset (+ tags when flexible) */
	p->aborted = kt_body_array(r, flex, true, flex ? 17 : 16,
				   sizeof(*p->aborted), a, &p->n_aborted);
	if (r->err)
		return r->err;
	p->aborted_null = !p->aborted;
	for (i = 0; i < p->n_aborted && !r->err; i++) {
		kt_read_i64(r, &p->aborted[i].producer_id);
		kt_read_i64(r, &p->aborted[i].first_offset);
		kt_read_ftags(r, flex);
	}
	if (v >= 11)
		kt_read_i32(r, &p->preferred_read_replica);
	kt_read_fbytes(r, flex, &p->records);
	if (flex)
		kt_read_tags(r, part_tag, p);
	return r->err;
}

int kt_fetch_resp_decode(const uint8_t *p, size_t len, int16_t v,
			 struct kt_fetch_resp *out, struct kt_err *err)
{
	bool flex = v >= KT_FETCH_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "Fetch", v,
			  KT_FETCH_MIN, KT_FETCH_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	if (v >= 7) {
		kt_read_i16(&r, &out->error_code);
		kt_read_i32(&r, &out->session_id);
	}
	/* a topic is at least a name or id and a partition count */
	out->topics = kt_body_array(&r, flex, false, flex ? 3 : 6,
				    sizeof(*out->topics), a, &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++) {
		struct kt_fetch_topic_resp *t = &out->topics[i];

		if (v >= KT_FETCH_TOPIC_ID)
			kt_read_uuid(&r, &t->topic_id);
		else
			kt_read_fstr(&r, flex, &t->topic);
		if (!r.err && v < KT_FETCH_TOPIC_ID && !t->topic.p)
			kt_reader_fail(&r, KT_EBADLEN);
		/* index, error, high watermark, LSO, aborted, records */
		t->parts = kt_body_array(&r, flex, false, flex ? 25 : 30,
					 sizeof(*t->parts), a, &t->n_parts);
		for (j = 0; j < t->n_parts && !r.err; j++)
			read_part(&r, v, flex, a, &t->parts[j]);
		kt_read_ftags(&r, flex);
	}
	if (flex)
		kt_read_tags(&r, resp_tag, out);
	rc = kt_body_end(&r, "Fetch response", v, err);
	if (rc)
		kt_fetch_resp_release(out);
	return rc;
}

/* --- ListOffsets -------------------------------------------------------- */

/* The oldest version that understands a special timestamp. */
static int16_t min_version_for(int64_t ts)
{
	switch (ts) {
	case KT_OFFSET_MAX_TIMESTAMP:
		return 7;
	case KT_OFFSET_EARLIEST_LOCAL:
		return 8;
	case KT_OFFSET_LATEST_TIERED:
		return 9;
	case KT_OFFSET_EARLIEST_PENDING_UPLOAD:
		return 11;
	}
	return KT_LIST_OFFSETS_MIN;
}

int kt_list_offsets_req_encode(struct kt_buf *b, int16_t v,
			       const struct kt_list_offsets_req *req)
{
	bool flex = v >= KT_LIST_OFFSETS_FLEX;
	size_t i, j;

	if (kt_body_put_version(b, v, KT_LIST_OFFSETS_MIN, KT_LIST_OFFSETS_MAX))
		return b->err;
	kt_put_i32(b, req->replica_id);
	if (v >= 2)
		kt_put_i8(b, req->isolation_level);
	kt_body_put_count(b, flex, false, req->n_topics);
	for (i = 0; i < req->n_topics && !b->err; i++) {
		const struct kt_list_offsets_topic_req *t = &req->topics[i];

		kt_body_put_str(b, flex, t->name);
		kt_body_put_count(b, flex, false, t->n_parts);
		for (j = 0; j < t->n_parts && !b->err; j++) {
			const struct kt_list_offsets_part_req *p = &t->parts[j];

			if (v < min_version_for(p->timestamp)) {
				kt_body_fail(b, KT_EUNSUPPORTED);
				break;
			}
			kt_put_i32(b, p->partition_index);
			if (v >= 4)
				kt_put_i32(b, p->current_leader_epoch);
			kt_put_i64(b, p->timestamp);
			kt_put_ftags(b, flex);
		}
		kt_put_ftags(b, flex);
	}
	if (v >= 10)
		kt_put_i32(b, req->timeout_ms);
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_list_offsets_resp_release(struct kt_list_offsets_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_list_offsets_resp_decode(const uint8_t *p, size_t len, int16_t v,
				struct kt_list_offsets_resp *out,
				struct kt_err *err)
{
	bool flex = v >= KT_LIST_OFFSETS_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "ListOffsets", v,
			  KT_LIST_OFFSETS_MIN, KT_LIST_OFFSETS_MAX, err))
		return -KT_EUNSUPPORTED;
	if (v >= 2)
		kt_read_i32(&r, &out->throttle_time_ms);
	out->topics = kt_body_array(&r, flex, false, flex ? 3 : 6,
				    sizeof(*out->topics), a, &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++) {
		struct kt_list_offsets_topic_resp *t = &out->topics[i];

		kt_body_str(&r, flex, false, a, &t->name);
		/* index, error, timestamp, offset */
		t->parts = kt_body_array(&r, flex, false, 22, sizeof(*t->parts),
					 a, &t->n_parts);
		for (j = 0; j < t->n_parts && !r.err; j++) {
			struct kt_list_offsets_part_resp *q = &t->parts[j];

			q->leader_epoch = -1;
			kt_read_i32(&r, &q->partition_index);
			kt_read_i16(&r, &q->error_code);
			kt_read_i64(&r, &q->timestamp);
			kt_read_i64(&r, &q->offset);
			if (v >= 4)
				kt_read_i32(&r, &q->leader_epoch);
			kt_read_ftags(&r, flex);
		}
		kt_read_ftags(&r, flex);
	}
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "ListOffsets response", v, err);
	if (rc)
		kt_list_offsets_resp_release(out);
	return rc;
}
