/*
 * produce/producer.h - a native Kafka producer for one topic: configuration
 * with the Java producer's property names, the Java client's partitioner
 * (murmur2 for keyed records, the KIP-794 built-in sticky partitioner for null
 * keys), an accumulator of magic-2 batches per partition (linger.ms,
 * batch.size, buffer.memory, compression with the codec's level), a sender that
 * keeps up to max.in.flight.requests.per.connection Produce requests in flight
 * per broker, the idempotent producer (InitProducerId, per-partition sequences,
 * epoch bump, resend in order), retries with exponential backoff, metadata
 * refresh on leader errors, batch splitting on MESSAGE_TOO_LARGE and per-record
 * failures (KIP-467), and delivery accounting: every record given to
 * kt_producer_send ends either acknowledged or reported failed through the
 * report callback, exactly once.
 *
 * Facts: protocol.md §9 (murmur2, partition choice), §10 (idempotence,
 * sequences, KIP-360 epoch bump), Produce and InitProducerId in §6;
 * ProducerConfig, RecordAccumulator, Sender, BuiltInPartitioner and
 * TransactionManager of kafka-clients 4.3 for defaults and reactions.
 *
 * Everything runs in the caller's thread from kt_producer_poll: one poll()
 * loop over the cluster client's connections, no threads.
 *
 *	kt_producer_conf_init(&conf);  kt_producer_conf_set(&conf, k, v, err)...
 *	p = kt_producer_new(&conf, "topic", report_cb, arg, err);
 *	kt_producer_start(p, err);              bootstrap, metadata, producer id
 *	loop: kt_producer_send(p, &rec, err);   never blocks
 *	      kt_producer_poll(p, timeout, err);
 *	kt_producer_flush(p, deadline, err);    wait for every answer
 *	kt_producer_free(p);
 */
#ifndef KT_PRODUCE_PRODUCER_H
#define KT_PRODUCE_PRODUCER_H

#include "base/buf.h"
#include "net/client.h"
#include "base/err.h"

#include <stdbool.h>
#include <stdint.h>

/* Kafka's murmur2 (protocol.md §9.1), as Utils.murmur2. */
int32_t kt_murmur2(const void *p, size_t n);

/* The partition of a keyed record as the Java producer picks it:
 * toPositive(murmur2(key)) % n_partitions. n_partitions must be > 0. */
int32_t kt_partition_for_key(const void *key, size_t n, int32_t n_partitions);

/* A record's partition left to the partitioner. */
#define KT_PARTITION_ANY (-1)

/*
 * Producer configuration. Defaults are the Java producer's (4.x):
 *   acks all, linger.ms 5, batch.size 16384, buffer.memory 33554432,
 *   max.request.size 1048576, compression.type none, enable.idempotence
 *   true, retries 2147483647, retry.backoff.ms 100, retry.backoff.max.ms
 *   1000, delivery.timeout.ms 120000, max.block.ms 60000,
 *   partitioner.ignore.keys false, partitioner.adaptive.partitioning.enable
 *   true, partitioner.availability.timeout.ms 0, plus the client's
 *   (request.timeout.ms 30000, max.in.flight 5, metadata.max.age.ms ...).
 */
struct kt_producer_conf {
	struct kt_client_conf client;
	int16_t acks;
	int64_t linger_ms;
	int32_t batch_size;
	int64_t buffer_memory;
	int32_t max_request_size;
	int codec;	 /* KT_CODEC_* */
	int level[5];	 /* compression.<codec>.level per codec, or
			    KT_LEVEL_DEFAULT */
	int idempotence; /* -1 not set (on unless acks/retries/in-flight
			    say otherwise), 0, 1 */
	int32_t retries;
	int64_t retry_backoff_max_ms;
	int64_t delivery_timeout_ms;
	int64_t max_block_ms;
	bool ignore_keys;
	bool adaptive;
	int64_t availability_timeout_ms;
	/* which of these the user set (Java's idempotence rules need it) */
	bool acks_set, retries_set, inflight_set, delivery_timeout_set;
};

/* Fill conf with the defaults above. */
void kt_producer_conf_init(struct kt_producer_conf *conf);
/* Free what conf owns. */
void kt_producer_conf_release(struct kt_producer_conf *conf);

/* kt_producer_conf_set returned: a JVM-only property (serializers,
 * buffer sizes of the JVM, metrics, ...) kafkit accepts without effect;
 * tools stay silent about these. */
#define KT_CONF_JVM_ONLY 2

/*
 * Set a producer property by its Java name. Producer properties are
 * handled here, the others go to kt_client_conf_set. Returns 0 (used),
 * KT_CONF_JVM_ONLY (accepted, meaningless outside a JVM), KT_CONF_IGNORED
 * (not known: the Java client only logs those, a tool may warn),
 * -KT_EINVAL with err naming property and value, or -KT_EUNSUPPORTED for
 * something kafkit cannot honour and must not ignore (transactional.id,
 * a custom partitioner.class, ...).
 */
int kt_producer_conf_set(struct kt_producer_conf *conf, const char *name,
			 const char *value, struct kt_err *err);

/*
 * Apply the cross-property rules of Java's ProducerConfig: idempotence
 * needs acks=all, retries > 0 and at most 5 in flight (an explicit
 * enable.idempotence=true with anything else is an error with Java's
 * message; when not set, idempotence is quietly turned off);
 * delivery.timeout.ms must be at least linger.ms + request.timeout.ms (an
 * explicit smaller value is an error, the default is raised). Returns 0 or
 * -KT_EINVAL with err filled.
 */
int kt_producer_conf_check(struct kt_producer_conf *conf, struct kt_err *err);

/* One record to send. Bytes are copied by kt_producer_send. */
struct kt_prec {
	int32_t partition; /* KT_PARTITION_ANY: the partitioner picks */
	int64_t timestamp; /* CreateTime in ms; < 0: now */
	struct kt_bytes key;
	struct kt_bytes value;
	const struct kt_header *headers;
	size_t n_headers;
	int64_t id; /* the caller's tag (a line number), given back in
		       reports */
};

/* What happened to one record that was not delivered. */
struct kt_report {
	int64_t id;
	const char *topic;
	int32_t partition; /* -1 when none was chosen */
	const struct kt_err *err;
	/* true when the record may have been written all the same (the
	 * answer never came: the request timed out or the tool gave up
	 * waiting) */
	bool unknown;
};

/* Called from kt_producer_send/_poll/_flush/_abandon for every record
 * that failed, once per record; the report is valid during the call. */
typedef void (*kt_report_fn)(void *arg, const struct kt_report *r);

struct kt_producer;

/*
 * A producer for topic with conf (copied; kt_producer_conf_check must have
 * been applied). report gets every failed record. Nothing is sent yet.
 * Returns NULL with err filled on a bad configuration or ENOMEM.
 */
struct kt_producer *kt_producer_new(const struct kt_producer_conf *conf,
				    const char *topic, kt_report_fn report,
				    void *report_arg, struct kt_err *err);

/*
 * Connect to the cluster, wait until the topic is in the metadata (asking
 * the broker to create it, as the Java producer does: that works when the
 * broker has auto.create.topics.enable) and, when idempotent, get a
 * producer id; all within max.block.ms. *stop (may be NULL) is checked
 * between attempts: once set, the wait ends with -KT_EINTR. Returns 0 or a
 * negative KT_E* with err filled, e.g. "topic 'x' not present in metadata
 * after 60000 ms".
 */
int kt_producer_start(struct kt_producer *p, volatile const int *stop,
		      struct kt_err *err);

/* The topic's partition count (after kt_producer_start). */
int32_t kt_producer_partitions(const struct kt_producer *p);

/*
 * The size Java's KafkaProducer checks against max.request.size and
 * buffer.memory before it queues a record, and prints in "The message is N
 * bytes when serialized ...": AbstractRecords.estimateSizeInBytesUpperBound
 * for magic 2, the batch header (61) plus DefaultRecord.recordSizeUpperBound
 * (21 bytes of varint room plus the key, value and headers with their
 * varint lengths; a NULL key or value counts one byte).
 */
size_t kt_producer_record_size(const struct kt_prec *rec);

/*
 * Queue one record: pick its partition, append it to that partition's
 * open batch. Never blocks and never does I/O. Returns 0, or a negative
 * KT_E* with err filled when the record is refused outright (KT_ETOOBIG:
 * larger than max.request.size or buffer.memory; KT_EINVAL: partition out
 * of range); a refused record is not reported through the callback.
 */
int kt_producer_send(struct kt_producer *p, const struct kt_prec *rec,
		     struct kt_err *err);

/* True when queued data reached buffer.memory: poll before sending more. */
bool kt_producer_full(const struct kt_producer *p);

/* Records given to kt_producer_send and neither acknowledged nor
 * reported yet. */
int64_t kt_producer_pending(const struct kt_producer *p);

/*
 * Milliseconds until the producer has timed work (a linger to end, a retry,
 * a metadata refresh), 0 when it has work now, -1 when it only waits for
 * the network or for records.
 */
int kt_producer_timeout(const struct kt_producer *p);

/*
 * One step of the event loop: close batches whose linger ended, expire
 * batches past delivery.timeout.ms, refresh metadata, send ready batches,
 * then poll the connections for at most timeout_ms (-1: until something
 * happens) and handle the answers. Returns 0 or a negative KT_E* when the
 * producer cannot go on (err filled; e.g. poll failed).
 */
int kt_producer_poll(struct kt_producer *p, int timeout_ms, struct kt_err *err);

/*
 * kt_producer_poll that also waits on the caller's descriptors in the same
 * poll() (see kt_client_poll_fds): a tool waits for standard input and the
 * brokers at once. extra[i].revents is filled.
 */
int kt_producer_poll_fds(struct kt_producer *p, int timeout_ms,
			 struct pollfd *extra, size_t n_extra,
			 struct kt_err *err);

/*
 * Send everything queued now (linger ends) and run the loop until every
 * record is acknowledged or reported, or until deadline (kt_now_ms time;
 * < 0: no deadline). Returns 0 when nothing is pending, -KT_ETIMEDOUT
 * (err filled) when the deadline passed first, or another negative KT_E*
 * from kt_producer_poll. *stop (may be NULL) is checked between steps:
 * when it becomes true the flush returns -KT_EINTR.
 */
int kt_producer_flush(struct kt_producer *p, int64_t deadline,
		      volatile const int *stop, struct kt_err *err);

/*
 * Give up on every pending record: each is reported with why (records in
 * requests still unanswered with unknown = true). Afterwards nothing is
 * pending. For a tool that must exit now.
 */
void kt_producer_abandon(struct kt_producer *p, const struct kt_err *why);

/* Counters. */
struct kt_producer_stats {
	int64_t sent;	  /* records accepted by kt_producer_send */
	int64_t acked;	  /* acknowledged by the broker (or sent, acks=0) */
	int64_t failed;	  /* reported */
	int64_t requests; /* Produce requests sent */
	int64_t retries;  /* batches sent again */
	int64_t bumps;	  /* epoch bumps */
	int64_t metadata; /* metadata refreshes started after the start */
	int64_t producer_id;
	int16_t epoch;
};
void kt_producer_stats(const struct kt_producer *p,
		       struct kt_producer_stats *st);

/* Close every connection and free p; pending records are dropped without
 * reports (call kt_producer_abandon first to get them). NULL is fine. */
void kt_producer_free(struct kt_producer *p);

#endif
