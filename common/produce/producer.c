
/*
 * produce/producer.c - the native producer: murmur2 and the built-in
 * partitioner, the per-partition accumulator, the sender and the idempotent
 * producer's sequence bookkeeping. See producer.h for the contract; protocol.md
 * §9 and §10 and kafka-clients 4.3 (ProducerConfig, RecordAccumulator,
 * Sender, BuiltInPartitioner, TransactionManager) for the behaviour mirrored
 * here. This file: murmur2 and the key partitioner, the producer's life
 * cycle and its public calls (poll, flush, abandon); the pieces are
 * producer_conf.c (configuration), accumulator.c (batches, send()),
 * sender.c (the request loop, metadata, producer ids) and answer.c (each
 * batch's answer: acks, retries, splits, sequences).
 *
 * Shape of the data:
 *
 *   partition[i]: open batch (records being appended, not yet encoded to
 *                 the end) and a queue of closed batches, oldest first. The
 *                 queue starts with the batches in flight, in the order they
 *                 were sent; the rest wait. Batches of one partition are sent
 *                 strictly in queue order, so with idempotence the broker
 *                 sees sequences in order, and without it records keep
 *                 their order too.
 *   request:      one Produce request to one broker, one batch per
 *                 partition (protocol rule for v3+), at most
 *                 max.in.flight.requests.per.connection per broker.
 *
 * Failure handling follows Java's Sender/TransactionManager:
 *  - a retriable error (or a lost connection) puts the batch back; the
 *    partition is "held" until its other requests are answered, then sends
 *    its queue again from the head, in order, one request at a time while
 *    the oldest batch is a retry (the broker drops duplicates of the last
 *    five batches by sequence);
 *  - OUT_OF_ORDER_SEQUENCE_NUMBER for the batch the broker should expect
 *    next, and UNKNOWN_PRODUCER_ID with a log start offset, bump the epoch
 *    once nothing is in flight (KIP-360, local bump for an idempotent
 *    producer): every partition restarts at sequence 0 and unacknowledged
 *    batches get new sequences;
 *  - a batch that took sequences and leaves unacknowledged (a non-retriable
 *    error, retries or delivery.timeout.ms used up, records dropped) puts
 *    its partition's sequences in doubt: no new batch goes until the
 *    partition's requests are answered, then the epoch is bumped unless the
 *    broker acknowledged every sequence handed out (Java's
 *    markSequenceUnresolved / maybeResolveSequences; an idempotent Java
 *    producer bumps instead of renumbering);
 *  - delivery.timeout.ms expires batches wherever they are, in flight
 *    included: such a batch is reported at once, its answer (or its
 *    request's timeout) still settles the sequences;
 *  - MESSAGE_TOO_LARGE / RECORD_LIST_TOO_LARGE split a batch of several
 *    records in halves that keep its sequences; RecordErrors (KIP-467)
 *    report the named records and resend the others.
 */
#include "produce/producer.h"
#include "produce/producer_int.h"
#include "net/client_sasl.h"

int32_t kt_murmur2(const void *data, size_t n)
{
	const uint8_t *p = data;
	const uint32_t m = 0x5bd1e995u;
	uint32_t h = 0x9747b28cu ^ (uint32_t)n;
	size_t i, n4 = n / 4;

	for (i = 0; i < n4; i++) {
		const uint8_t *q = p + i * 4;
		uint32_t k = (uint32_t)q[0] | (uint32_t)q[1] << 8 |
			     (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;

		k *= m;
		k ^= k >> 24;
		k *= m;
		h *= m;
		h ^= k;
	}
	p += n4 * 4;
	switch (n % 4) {
	case 3:
		h ^= (uint32_t)p[2] << 16;
		/* fall through */
	case 2:
		h ^= (uint32_t)p[1] << 8;
		/* fall through */
	case 1:
		h ^= p[0];
		h *= m;
	}
	h ^= h >> 13;
	h *= m;
	h ^= h >> 15;
	return (int32_t)h;
}

int32_t kt_partition_for_key(const void *key, size_t n, int32_t n_partitions)
{
	uint32_t h = (uint32_t)kt_murmur2(key, n) & 0x7fffffffu;

	return (int32_t)(h % (uint32_t)n_partitions);
}

int kt_producer_timeout(const struct kt_producer *p)
{
	int64_t now = kt_now_ms(), next = INT64_MAX;
	int32_t i;
	size_t k;

	for (i = 0; i < p->n_parts; i++) {
		const struct ppart *pp = &p->parts[i];
		const struct pbatch *b;

		if (pp->open) {
			int64_t t = pp->open->created + p->conf.linger_ms;

			if (p->flushing)
				t = now;
			if (t < next)
				next = t;
		}
		/* the oldest batch expires first, in flight or not */
		if (pp->head &&
		    pp->head->created + p->conf.delivery_timeout_ms < next)
			next = pp->head->created + p->conf.delivery_timeout_ms;
		for (b = pp->head; b; b = b->next) {
			int64_t t;

			if (b->inflight)
				continue;
			if (pp->leader < 0 || kt_pr_waits_for_network(p, pp, b))
				break;
			t = b->retry_at > now ? b->retry_at : now;
			if (t < next)
				next = t;
			break;
		}
	}
	if (kt_producer_pending(p) > 0 && !p->md_inflight && p->md_due < next)
		next = p->md_due;
	for (k = 0; k < p->n_nodes; k++)
		if (!p->nodes[k].probing && p->nodes[k].probe_at > now &&
		    p->nodes[k].probe_at < next)
			next = p->nodes[k].probe_at;
	if (next == INT64_MAX)
		return -1;
	if (next <= now)
		return 0;
	return next - now > INT32_MAX ? INT32_MAX : (int)(next - now);
}

int kt_producer_poll(struct kt_producer *p, int timeout_ms, struct kt_err *err)
{
	return kt_producer_poll_fds(p, timeout_ms, NULL, 0, err);
}

int kt_producer_poll_fds(struct kt_producer *p, int timeout_ms,
			 struct pollfd *extra, size_t n_extra,
			 struct kt_err *err)
{
	int t;

	kt_pr_run(p);
	t = kt_producer_timeout(p);
	if (t >= 0 && (timeout_ms < 0 || t < timeout_ms))
		timeout_ms = t;
	if (kt_client_poll_fds(p->c, timeout_ms, extra, n_extra, err) < 0)
		return -KT_EIO;
	kt_pr_run(p);
	return 0;
}

int kt_producer_flush(struct kt_producer *p, int64_t deadline,
		      volatile const int *stop, struct kt_err *err)
{
	int rc = 0;

	p->flushing = true;
	while (kt_producer_pending(p) > 0) {
		int64_t now = kt_now_ms();
		int t = 100;

		if (stop && *stop) {
			rc = kt_err_set(err, KT_EINTR, "flush interrupted");
			break;
		}
		if (deadline >= 0 && now >= deadline) {
			rc = kt_err_set(err, KT_ETIMEDOUT,
					"%lld record(s) not acknowledged in "
					"time",
					(long long)kt_producer_pending(p));
			break;
		}
		if (deadline >= 0 && deadline - now < t)
			t = (int)(deadline - now);
		rc = kt_producer_poll(p, t, err);
		if (rc < 0)
			break;
	}
	p->flushing = false;
	return rc;
}

void kt_producer_abandon(struct kt_producer *p, const struct kt_err *why)
{
	int32_t i;

	for (i = 0; i < p->n_parts; i++) {
		struct ppart *pp = &p->parts[i];
		struct pbatch *b, *next;

		if (pp->open) {
			b = pp->open;
			pp->open = NULL;
			kt_pr_report_batch(p, b, why, 0, b->n, false);
			kt_pr_batch_free(p, b);
		}
		for (b = pp->head; b; b = next) {
			next = b->next;
			kt_pr_report_batch(p, b, why, 0, b->n,
					   b->inflight || b->maybe_written);
			if (b->inflight) {
				/* its request's callback frees it */
				b->abandoned = true;
				b->next = NULL;
				pp->n_inflight--;
			} else {
				kt_pr_batch_free(p, b);
			}
		}
		pp->head = pp->tail = NULL;
		pp->n_batches = 0;
	}
}

struct kt_producer *kt_producer_new(const struct kt_producer_conf *conf,
				    const char *topic, kt_report_fn report,
				    void *report_arg, struct kt_err *err)
{
	struct kt_producer *p;
	struct kt_client_conf cc;

	if (!topic || !*topic) {
		kt_err_set(err, KT_EINVAL, "no topic given");
		return NULL;
	}
	if (kt_compress_level_check(conf->codec, conf->level[conf->codec],
				    err) < 0)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p || !(p->topic = strdup(topic))) {
		free(p);
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return NULL;
	}
	p->conf = *conf;
	/* the client's strings stay the caller's: the client copies them */
	p->conf.client.bootstrap_servers = NULL;
	p->conf.client.client_id = NULL;
	kt_props_init(&p->conf.client.security);
	p->report = report;
	p->report_arg = report_arg;
	p->idem = conf->idempotence == 1;
	p->pid = -1;
	p->epoch = -1;
	p->st.producer_id = -1;
	p->st.epoch = -1;
	p->sticky = -1;
	p->ratio = 1.0;
	p->md_due = INT64_MAX;
	p->rng = (uint64_t)wall_ms() * 6364136223846793005ULL ^
		 (uint64_t)getpid() ^ 0x9e3779b97f4a7c15ULL;
	if (!p->rng)
		p->rng = 1;
	cc = conf->client;
	/* the synchronous calls (those of kt_producer_start, InitProducerId
	 * when the epoch runs out) wait at most one request timeout each */
	cc.default_api_timeout_ms = conf->client.request_timeout_ms;
	if (cc.default_api_timeout_ms < 1000)
		cc.default_api_timeout_ms = 1000;
	p->c = kt_client_new(&cc, err);
	if (!p->c) {
		free(p->topic);
		free(p);
		return NULL;
	}
	return p;
}

/* -KT_EINTR with err filled when *stop is set, else 0. */
static int stopped(volatile const int *stop, struct kt_err *err)
{
	if (!stop || !*stop)
		return 0;
	return kt_err_set(err, KT_EINTR,
			  "interrupted before the cluster was reached");
}

int kt_producer_start(struct kt_producer *p, volatile const int *stop,
		      struct kt_err *err)
{
	int64_t deadline = kt_now_ms() + p->conf.max_block_ms;
	struct kt_err e;
	bool created = false;

	kt_err_clear(&e);
	/* bootstrap */
	for (;;) {
		if (kt_client_bootstrap(p->c, &e) == 0)
			break;
		/* a refused login stays refused: no retry until max.block.ms */
		if (kt_err_is_auth(&e) ||
		    kt_now_ms() + p->conf.client.retry_backoff_ms >= deadline) {
			if (err)
				*err = e;
			return -(e.code ? e.code : KT_ECONNECT);
		}
		if (stopped(stop, err) < 0)
			return -KT_EINTR;
		usleep((useconds_t)p->conf.client.retry_backoff_ms * 1000);
	}
	/* the topic */
	for (;;) {
		const char *topics[1] = {p->topic};
		const struct kt_md_topic *t;

		if (!created) {
			struct kt_response resp;

			if (kt_client_call(p->c, KT_NODE_ANY, KT_API_METADATA,
					   kt_pr_md_create_enc, p, &resp, NULL,
					   &e) == 0) {
				kt_response_release(&resp);
				created = true;
			}
		}
		if (kt_client_metadata_refresh(p->c, topics, 1, &e) == 0) {
			const struct kt_metadata *md = kt_client_metadata(p->c);

			t = kt_metadata_topic(md, p->topic);
			if (t && t->error_code == 0 && t->n_partitions > 0 &&
			    kt_pr_parts_update(p, &e) == 0)
				break;
			if (t && t->error_code &&
			    t->error_code !=
				    KT_KERR_UNKNOWN_TOPIC_OR_PARTITION &&
			    !kt_kerr_retriable(t->error_code))
				return kt_err_kafka(
					err, t->error_code,
					"topic '%s': %s: %s", p->topic,
					kt_kerr_name(t->error_code),
					kt_kerr_message(t->error_code));
		}
		if (kt_now_ms() + p->conf.client.retry_backoff_ms >= deadline)
			return kt_err_set(err, KT_ETIMEDOUT,
					  "Topic %s not present in metadata "
					  "after %lld ms.",
					  p->topic,
					  (long long)p->conf.max_block_ms);
		if (stopped(stop, err) < 0)
			return -KT_EINTR;
		usleep((useconds_t)p->conf.client.retry_backoff_ms * 1000);
	}
	p->md_due = kt_now_ms() + p->conf.client.metadata_max_age_ms;
	if (p->idem && kt_pr_init_pid(p, deadline, err) < 0) {
		kt_err_prefix(err, "cannot get a producer id");
		return err ? -err->code : -KT_EKAFKA;
	}
	return 0;
}

int32_t kt_producer_partitions(const struct kt_producer *p)
{
	return p->n_parts;
}

void kt_producer_stats(const struct kt_producer *p,
		       struct kt_producer_stats *st)
{
	*st = p->st;
}

void kt_producer_free(struct kt_producer *p)
{
	struct kt_err e;

	if (!p)
		return;
	/* unlink every batch without reports; those in flight are freed by
	 * their request's callback, which runs inside kt_client_free */
	kt_err_set(&e, KT_ECLOSED, "producer closed");
	p->report = NULL;
	kt_producer_abandon(p, &e);
	p->closing = true;
	kt_client_free(p->c);
	free(p->parts);
	free(p->nodes);
	free(p->topic);
	free(p);
}
