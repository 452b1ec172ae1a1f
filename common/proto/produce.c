/*
 * proto/produce.c - Produce (key 0, v3..13), InitProducerId (22, v0..5),
 * AddPartitionsToTxn (24, v0..3) and EndTxn (26, v0..5) message bodies,
 * after the JSON message schemas of Kafka 4.3 (KIP-98, KIP-467, KIP-482,
 * KIP-516, KIP-890, KIP-951).
 */
#include "proto/produce.h"

#include <string.h>

/* --- Produce ------------------------------------------------------------ */

int kt_produce_req_encode(struct kt_buf *b, int16_t v,
			  const struct kt_produce_req *req)
{
	bool flex = v >= KT_PRODUCE_FLEX;
	size_t i, j;

	if (kt_body_put_version(b, v, KT_PRODUCE_MIN, KT_PRODUCE_MAX))
		return b->err;
	kt_body_put_nstr(b, flex, req->transactional_id);
	kt_put_i16(b, req->acks);
	kt_put_i32(b, req->timeout_ms);
	kt_body_put_count(b, flex, false, req->n_topics);
	for (i = 0; i < req->n_topics && !b->err; i++) {
		const struct kt_produce_topic_req *t = &req->topics[i];

		if (v >= KT_PRODUCE_TOPIC_ID)
			kt_put_uuid(b, &t->topic_id);
		else
			kt_body_put_str(b, flex, t->name);
		kt_body_put_count(b, flex, false, t->n_parts);
		for (j = 0; j < t->n_parts && !b->err; j++) {
			const struct kt_produce_part_req *p = &t->parts[j];

			kt_put_i32(b, p->index);
			kt_put_fbytes(b, flex, p->records.p, p->records.len);
			kt_put_ftags(b, flex);
		}
		kt_put_ftags(b, flex);
	}
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_produce_resp_release(struct kt_produce_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

static int produce_part_tag(void *ctx, uint32_t tag, struct kt_reader *val)
{
	struct kt_produce_part_resp *p = ctx;

	if (tag == 0)
		kt_body_leader_epoch(val, &p->current_leader);
	return val->err;
}

static int produce_resp_tag(void *ctx, uint32_t tag, struct kt_reader *val)
{
	struct kt_produce_resp *r = ctx;

	if (tag == 0)
		kt_body_node_endpoints(val, &r->arena, &r->node_endpoints,
				       &r->n_node_endpoints);
	return val->err;
}

static void read_produce_part(struct kt_reader *r, int16_t v, bool flex,
			      struct kt_arena *a,
			      struct kt_produce_part_resp *p)
{
	size_t k;

	p->log_append_time_ms = -1;
	p->log_start_offset = -1;
	p->current_leader.leader_id = -1;
	p->current_leader.leader_epoch = -1;
	kt_read_i32(r, &p->index);
	kt_read_i16(r, &p->error_code);
	kt_read_i64(r, &p->base_offset);
	kt_read_i64(r, &p->log_append_time_ms);
	if (v >= 5)
		kt_read_i64(r, &p->log_start_offset);
	if (v >= 8) {
		/* BatchIndex, BatchIndexErrorMessage */
		p->record_errors = kt_body_array(r, flex, false, 5,
						 sizeof(*p->record_errors), a,
						 &p->n_record_errors);
		for (k = 0; k < p->n_record_errors && !r->err; k++) {
			kt_read_i32(r, &p->record_errors[k].batch_index);
			kt_body_str(r, flex, true, a,
				    &p->record_errors[k].message);
			kt_read_ftags(r, flex);
		}
		kt_body_str(r, flex, true, a, &p->error_message);
	}
	if (flex)
		kt_read_tags(r, produce_part_tag, p);
}

int kt_produce_resp_decode(const uint8_t *p, size_t len, int16_t v,
			   struct kt_produce_resp *out, struct kt_err *err)
{
	bool flex = v >= KT_PRODUCE_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "Produce", v,
			  KT_PRODUCE_MIN, KT_PRODUCE_MAX, err))
		return -KT_EUNSUPPORTED;
	out->topics = kt_body_array(&r, flex, false, flex ? 3 : 6,
				    sizeof(*out->topics), a, &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++) {
		struct kt_produce_topic_resp *t = &out->topics[i];

		if (v >= KT_PRODUCE_TOPIC_ID)
			kt_read_uuid(&r, &t->topic_id);
		else
			kt_body_str(&r, flex, false, a, &t->name);
		/* index, error, base offset, log append time */
		t->parts = kt_body_array(&r, flex, false, 22, sizeof(*t->parts),
					 a, &t->n_parts);
		for (j = 0; j < t->n_parts && !r.err; j++)
			read_produce_part(&r, v, flex, a, &t->parts[j]);
		kt_read_ftags(&r, flex);
	}
	kt_read_i32(&r, &out->throttle_time_ms);
	if (flex)
		kt_read_tags(&r, produce_resp_tag, out);
	rc = kt_body_end(&r, "Produce response", v, err);
	if (rc)
		kt_produce_resp_release(out);
	return rc;
}

/* --- InitProducerId ----------------------------------------------------- */

int kt_init_producer_id_req_encode(struct kt_buf *b, int16_t v,
				   const struct kt_init_producer_id_req *req)
{
	bool flex = v >= KT_INIT_PRODUCER_ID_FLEX;

	if (kt_body_put_version(b, v, KT_INIT_PRODUCER_ID_MIN,
				KT_INIT_PRODUCER_ID_MAX))
		return b->err;
	kt_body_put_nstr(b, flex, req->transactional_id);
	kt_put_i32(b, req->transaction_timeout_ms);
	if (v >= 3) {
		kt_put_i64(b, req->producer_id);
		kt_put_i16(b, req->producer_epoch);
	}
	kt_put_ftags(b, flex);
	return b->err;
}

int kt_init_producer_id_resp_decode(const uint8_t *p, size_t len, int16_t v,
				    struct kt_init_producer_id_resp *out,
				    struct kt_err *err)
{
	bool flex = v >= KT_INIT_PRODUCER_ID_FLEX;
	struct kt_reader r;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "InitProducerId", v,
			  KT_INIT_PRODUCER_ID_MIN, KT_INIT_PRODUCER_ID_MAX,
			  err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	kt_read_i64(&r, &out->producer_id);
	kt_read_i16(&r, &out->producer_epoch);
	kt_read_ftags(&r, flex);
	return kt_body_end(&r, "InitProducerId response", v, err);
}

/* --- AddPartitionsToTxn ------------------------------------------------- */

int kt_add_partitions_to_txn_req_encode(
	struct kt_buf *b, int16_t v,
	const struct kt_add_partitions_to_txn_req *req)
{
	bool flex = v >= KT_ADD_PARTITIONS_TO_TXN_FLEX;
	size_t i;

	if (kt_body_put_version(b, v, KT_ADD_PARTITIONS_TO_TXN_MIN,
				KT_ADD_PARTITIONS_TO_TXN_MAX))
		return b->err;
	kt_body_put_str(b, flex, req->transactional_id);
	kt_put_i64(b, req->producer_id);
	kt_put_i16(b, req->producer_epoch);
	kt_body_put_count(b, flex, false, req->n_topics);
	for (i = 0; i < req->n_topics && !b->err; i++) {
		kt_body_put_str(b, flex, req->topics[i].name);
		kt_body_put_i32s(b, flex, false, req->topics[i].parts,
				 req->topics[i].n_parts);
		kt_put_ftags(b, flex);
	}
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_add_partitions_to_txn_resp_release(
	struct kt_add_partitions_to_txn_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_add_partitions_to_txn_resp_decode(
	const uint8_t *p, size_t len, int16_t v,
	struct kt_add_partitions_to_txn_resp *out, struct kt_err *err)
{
	bool flex = v >= KT_ADD_PARTITIONS_TO_TXN_FLEX;
	struct kt_arena *a = &out->arena;
	struct kt_reader r;
	size_t i, j;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "AddPartitionsToTxn",
			  v, KT_ADD_PARTITIONS_TO_TXN_MIN,
			  KT_ADD_PARTITIONS_TO_TXN_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_read_i32(&r, &out->throttle_time_ms);
	out->topics = kt_body_array(&r, flex, false, flex ? 3 : 6,
				    sizeof(*out->topics), a, &out->n_topics);
	for (i = 0; i < out->n_topics && !r.err; i++) {
		struct kt_txn_topic_result *t = &out->topics[i];

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
	rc = kt_body_end(&r, "AddPartitionsToTxn response", v, err);
	if (rc)
		kt_add_partitions_to_txn_resp_release(out);
	return rc;
}

/* --- EndTxn ------------------------------------------------------------- */

int kt_end_txn_req_encode(struct kt_buf *b, int16_t v,
			  const struct kt_end_txn_req *req)
{
	bool flex = v >= KT_END_TXN_FLEX;

	if (kt_body_put_version(b, v, KT_END_TXN_MIN, KT_END_TXN_MAX))
		return b->err;
	kt_body_put_str(b, flex, req->transactional_id);
	kt_put_i64(b, req->producer_id);
	kt_put_i16(b, req->producer_epoch);
	kt_put_bool(b, req->committed);
	kt_put_ftags(b, flex);
	return b->err;
}

int kt_end_txn_resp_decode(const uint8_t *p, size_t len, int16_t v,
			   struct kt_end_txn_resp *out, struct kt_err *err)
{
	bool flex = v >= KT_END_TXN_FLEX;
	struct kt_reader r;

	memset(out, 0, sizeof(*out));
	out->producer_id = -1;
	out->producer_epoch = -1;
	if (kt_body_version("EndTxn", v, KT_END_TXN_MIN, KT_END_TXN_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_reader_init(&r, p, len);
	kt_read_i32(&r, &out->throttle_time_ms);
	kt_read_i16(&r, &out->error_code);
	if (v >= 5) {
		kt_read_i64(&r, &out->producer_id);
		kt_read_i16(&r, &out->producer_epoch);
	}
	kt_read_ftags(&r, flex);
	return kt_body_end(&r, "EndTxn response", v, err);
}
