/*
 * proto/produce.h - message bodies of the producer APIs: Produce (key 0),
 * InitProducerId (22), AddPartitionsToTxn (24) and EndTxn (26), request
 * encoders and response decoders for every version a Kafka 4.x broker accepts
 * (KIP-896 minimums) up to the newest stable one of Kafka 4.3.
 *
 * Specs: ProduceRequest/Response.json, InitProducerIdRequest/Response.json,
 * AddPartitionsToTxnRequest/Response.json, EndTxnRequest/Response.json
 * (clients/src/main/resources/common/message); KIP-98 (idempotence and
 * transactions), KIP-360 (epoch bump), KIP-467 (record errors), KIP-482
 * (flexible versions), KIP-516 (topic ids, Produce v13), KIP-890
 * (transactions v2, EndTxn v5), KIP-951 (leader discovery).
 *
 * Bodies only: the caller adds the request header and frame size, and hands
 * the decoders the bytes after the response header. Decoded responses own
 * their memory through an arena (wire/body.h): release them with the
 * matching _release.
 */
#ifndef KT_PROTO_PRODUCE_H
#define KT_PROTO_PRODUCE_H

#include "wire/body.h"

#define KT_PRODUCE_KEY 0
#define KT_PRODUCE_MIN 3
#define KT_PRODUCE_MAX 13
#define KT_PRODUCE_FLEX 9
/* First version that names topics by id instead of by name. */
#define KT_PRODUCE_TOPIC_ID 13

#define KT_INIT_PRODUCER_ID_KEY 22
#define KT_INIT_PRODUCER_ID_MIN 0
/* v6 (KIP-939 two-phase commit) is still unstable in 4.3 and not advertised */
#define KT_INIT_PRODUCER_ID_MAX 5
#define KT_INIT_PRODUCER_ID_FLEX 2

#define KT_ADD_PARTITIONS_TO_TXN_KEY 24
#define KT_ADD_PARTITIONS_TO_TXN_MIN 0
/* v4+ batch several transactions and are only sent broker to broker
 * (KIP-890 verification); clients stop at v3. */
#define KT_ADD_PARTITIONS_TO_TXN_MAX 3
#define KT_ADD_PARTITIONS_TO_TXN_FLEX 3

#define KT_END_TXN_KEY 26
#define KT_END_TXN_MIN 0
#define KT_END_TXN_MAX 5
#define KT_END_TXN_FLEX 3

/* --- Produce ------------------------------------------------------------ */

struct kt_produce_part_req {
	int32_t index;
	/* exactly one magic-2 record batch (v3+); the caller owns the bytes */
	struct kt_bytes records;
};

struct kt_produce_topic_req {
	const char *name;	 /* v3..12 */
	struct kt_uuid topic_id; /* v13+ */
	const struct kt_produce_part_req *parts;
	size_t n_parts;
};

struct kt_produce_req {
	const char *transactional_id; /* NULL unless transactional */
	int16_t acks;		      /* 0, 1 or -1 (all) */
	int32_t timeout_ms;
	const struct kt_produce_topic_req *topics;
	size_t n_topics;
};

/*
 * Append the body of a Produce request to b. Returns 0 or a negative KT_E*
 * also left in b->err (KT_EUNSUPPORTED version, KT_EINVAL missing topic name,
 * KT_ETOOBIG past b's ceiling). With acks 0 the broker sends no response.
 */
int kt_produce_req_encode(struct kt_buf *b, int16_t version,
			  const struct kt_produce_req *req);

struct kt_produce_record_error {
	int32_t batch_index;
	char *message; /* may be NULL */
};

struct kt_produce_part_resp {
	int32_t index;
	int16_t error_code;
	int64_t base_offset;
	int64_t log_append_time_ms; /* -1 unless LogAppendTime */
	int64_t log_start_offset;   /* v5+, else -1 */
	struct kt_produce_record_error *record_errors; /* v8+ */
	size_t n_record_errors;
	char *error_message;		       /* v8+, may be NULL */
	struct kt_leader_epoch current_leader; /* v10+ tagged, -1/-1 absent */
};

struct kt_produce_topic_resp {
	char *name;		 /* v3..12 */
	struct kt_uuid topic_id; /* v13+ */
	struct kt_produce_part_resp *parts;
	size_t n_parts;
};

struct kt_produce_resp {
	struct kt_produce_topic_resp *topics;
	size_t n_topics;
	int32_t throttle_time_ms;
	struct kt_node_endpoint *node_endpoints; /* v10+ tagged */
	size_t n_node_endpoints;
	struct kt_arena arena; /* owns everything above */
};

/* Decode a Produce response body into out (owned; free with
 * kt_produce_resp_release). Returns 0, or a negative KT_E* with err filled
 * and out left empty. */
int kt_produce_resp_decode(const uint8_t *p, size_t len, int16_t version,
			   struct kt_produce_resp *out, struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_produce_resp_release(struct kt_produce_resp *r);

/* --- InitProducerId ----------------------------------------------------- */

struct kt_init_producer_id_req {
	const char *transactional_id; /* NULL for an idempotent producer */
	int32_t transaction_timeout_ms;
	int64_t producer_id;	/* v3+, -1 unless bumping an epoch */
	int16_t producer_epoch; /* v3+, -1 unless bumping an epoch */
};

/* Append the body of an InitProducerId request. Returns 0 or a negative
 * KT_E* also left in b->err. */
int kt_init_producer_id_req_encode(struct kt_buf *b, int16_t version,
				   const struct kt_init_producer_id_req *req);

struct kt_init_producer_id_resp {
	int32_t throttle_time_ms;
	int16_t error_code;
	int64_t producer_id;
	int16_t producer_epoch;
};

/* Decode an InitProducerId response body (nothing allocated). Returns 0 or
 * a negative KT_E* with err filled. */
int kt_init_producer_id_resp_decode(const uint8_t *p, size_t len,
				    int16_t version,
				    struct kt_init_producer_id_resp *out,
				    struct kt_err *err);

/* --- AddPartitionsToTxn (client form, v0..3) ---------------------------- */

struct kt_txn_topic_req {
	const char *name;
	const int32_t *parts;
	size_t n_parts;
};

struct kt_add_partitions_to_txn_req {
	const char *transactional_id;
	int64_t producer_id;
	int16_t producer_epoch;
	const struct kt_txn_topic_req *topics;
	size_t n_topics;
};

/* Append the body of an AddPartitionsToTxn request (the V3AndBelow
 * fields). Returns 0 or a negative KT_E* also left in b->err. */
int kt_add_partitions_to_txn_req_encode(
	struct kt_buf *b, int16_t version,
	const struct kt_add_partitions_to_txn_req *req);

struct kt_txn_part_result {
	int32_t partition_index;
	int16_t error_code;
};

struct kt_txn_topic_result {
	char *name;
	struct kt_txn_part_result *parts;
	size_t n_parts;
};

struct kt_add_partitions_to_txn_resp {
	int32_t throttle_time_ms;
	struct kt_txn_topic_result *topics;
	size_t n_topics;
	struct kt_arena arena; /* owns everything above */
};

/* Decode an AddPartitionsToTxn response body into out (owned; free with
 * kt_add_partitions_to_txn_resp_release). Returns 0, or a negative KT_E*
 * with err filled and out left empty. */
int kt_add_partitions_to_txn_resp_decode(
	const uint8_t *p, size_t len, int16_t version,
	struct kt_add_partitions_to_txn_resp *out, struct kt_err *err);
/* Free what a decode put in r and empty it (NULL and twice are fine). */
void kt_add_partitions_to_txn_resp_release(
	struct kt_add_partitions_to_txn_resp *r);

/* --- EndTxn ------------------------------------------------------------- */

struct kt_end_txn_req {
	const char *transactional_id;
	int64_t producer_id;
	int16_t producer_epoch;
	bool committed; /* true commits, false aborts */
};

/* Append the body of an EndTxn request. Returns 0 or a negative KT_E* also
 * left in b->err. */
int kt_end_txn_req_encode(struct kt_buf *b, int16_t version,
			  const struct kt_end_txn_req *req);

struct kt_end_txn_resp {
	int32_t throttle_time_ms;
	int16_t error_code;
	int64_t producer_id;	/* v5+ (transactions v2): the id to use next */
	int16_t producer_epoch; /* v5+, else -1 */
};

/* Decode an EndTxn response body (nothing allocated). Returns 0 or a
 * negative KT_E* with err filled. */
int kt_end_txn_resp_decode(const uint8_t *p, size_t len, int16_t version,
			   struct kt_end_txn_resp *out, struct kt_err *err);

#endif
