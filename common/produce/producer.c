/*
 * produce/producer.c - the native producer: murmur2 and the built-in
 * partitioner, the per-partition accumulator, the sender and the idempotent
 * producer's sequence bookkeeping. See producer.h for the contract; protocol.md
 * §9 and §10 and kafka-clients 4.3 (ProducerConfig, RecordAccumulator,
 * Sender, BuiltInPartitioner, TransactionManager) for the behaviour mirrored
 * here.
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

#include "record/compress.h"
#include "record/crc.h"
#include "wire/kerr.h"
#include "proto/metadata.h"
#include "proto/produce.h"
#include "record/record.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* murmur2 ------------------------------------------------------------------ */

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

/* Configuration ------------------------------------------------------------ */

void kt_producer_conf_init(struct kt_producer_conf *conf)
{
	int i;

	memset(conf, 0, sizeof(*conf));
	kt_client_conf_init(&conf->client);
	conf->acks = -1;
	conf->linger_ms = 5;
	conf->batch_size = 16384;
	conf->buffer_memory = 33554432;
	conf->max_request_size = 1048576;
	conf->codec = KT_CODEC_NONE;
	for (i = 0; i < 5; i++)
		conf->level[i] = KT_LEVEL_DEFAULT;
	conf->idempotence = -1;
	conf->retries = INT32_MAX;
	conf->retry_backoff_max_ms = 1000;
	conf->delivery_timeout_ms = 120000;
	conf->max_block_ms = 60000;
	conf->adaptive = true;
}

void kt_producer_conf_release(struct kt_producer_conf *conf)
{
	kt_client_conf_release(&conf->client);
}

/* Producer properties that only mean something inside a JVM, or to
 * features whose effect kafkit gets another way. */
static const char *const jvm_only[] = {
	"key.serializer",
	"value.serializer",
	"interceptor.classes",
	"metric.reporters",
	"metrics.num.samples",
	"metrics.recording.level",
	"metrics.sample.window.ms",
	"auto.include.jmx.reporter",
	"enable.metrics.push",
	"send.buffer.bytes",
	"receive.buffer.bytes",
	"reconnect.backoff.ms",
	"reconnect.backoff.max.ms",
	"connections.max.idle.ms",
	"metadata.max.idle.ms",
	"socket.connection.setup.timeout.max.ms",
	"transaction.timeout.ms",
	"metadata.recovery.strategy",
	"metadata.recovery.rebootstrap.trigger.ms",
	NULL,
};

static int bad_value(const char *name, const char *v, const char *why,
		     struct kt_err *err)
{
	return kt_err_set(err, KT_EINVAL,
			  "invalid value '%s' for configuration '%s': %s", v,
			  name, why);
}

/* Java's ConfigDef parsing of INT/LONG: trimmed decimal. */
static int num(const char *name, const char *v, long long min, long long max,
	       long long *out, struct kt_err *err)
{
	char *end;
	long long x;
	char why[96];

	while (isspace((unsigned char)*v))
		v++;
	errno = 0;
	x = strtoll(v, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || end == v || *end || x < min || x > max) {
		snprintf(why, sizeof(why),
			 "expected an integer in [%lld, %lld]", min, max);
		return bad_value(name, v, why, err);
	}
	*out = x;
	return 0;
}

/* Java's Boolean config: "true"/"false", any case, trimmed. */
static int boolean(const char *name, const char *v, bool *out,
		   struct kt_err *err)
{
	size_t n;

	while (isspace((unsigned char)*v))
		v++;
	n = strlen(v);
	while (n && isspace((unsigned char)v[n - 1]))
		n--;
	if (n == 4 && strncasecmp(v, "true", 4) == 0)
		*out = true;
	else if (n == 5 && strncasecmp(v, "false", 5) == 0)
		*out = false;
	else
		return bad_value(name, v, "expected true or false", err);
	return 0;
}

static int set_level(struct kt_producer_conf *conf, int codec, const char *name,
		     const char *v, struct kt_err *err)
{
	long long x;
	int r = num(name, v, INT32_MIN + 1LL, INT32_MAX, &x, err);

	if (r)
		return r;
	if (kt_compress_level_check(codec, (int)x, err))
		return kt_err_set(err, KT_EINVAL,
				  "invalid value '%s' for configuration '%s': "
				  "%s",
				  v, name, err ? err->msg : "bad level");
	conf->level[codec] = (int)x;
	return 0;
}

int kt_producer_conf_set(struct kt_producer_conf *conf, const char *name,
			 const char *value, struct kt_err *err)
{
	long long x;
	size_t i;
	int r;

	if (!name || !value)
		return kt_err_set(err, KT_EINVAL,
				  "configuration name or value missing");
	if (strcmp(name, "acks") == 0) {
		const char *v = value;

		while (isspace((unsigned char)*v))
			v++;
		if (strcmp(v, "all") == 0 || strcmp(v, "-1") == 0)
			conf->acks = -1;
		else if (strcmp(v, "0") == 0)
			conf->acks = 0;
		else if (strcmp(v, "1") == 0)
			conf->acks = 1;
		else
			return bad_value(name, value,
					 "String must be one of: all, -1, 0, 1",
					 err);
		conf->acks_set = true;
		return 0;
	}
	if (strcmp(name, "linger.ms") == 0) {
		r = num(name, value, 0, INT64_MAX, &x, err);
		if (!r)
			conf->linger_ms = x;
		return r;
	}
	if (strcmp(name, "batch.size") == 0) {
		r = num(name, value, 0, INT32_MAX, &x, err);
		if (!r)
			conf->batch_size = (int32_t)x;
		return r;
	}
	if (strcmp(name, "buffer.memory") == 0) {
		r = num(name, value, 0, INT64_MAX, &x, err);
		if (!r)
			conf->buffer_memory = x;
		return r;
	}
	if (strcmp(name, "max.request.size") == 0) {
		r = num(name, value, 0, INT32_MAX, &x, err);
		if (!r)
			conf->max_request_size = (int32_t)x;
		return r;
	}
	if (strcmp(name, "compression.type") == 0) {
		int c;

		if (strcmp(value, "uncompressed") == 0 ||
		    (c = kt_codec_parse(value, NULL)) < 0)
			return bad_value(name, value,
					 "String must be one of: none, gzip, "
					 "snappy, lz4, zstd",
					 err);
		conf->codec = c;
		return 0;
	}
	if (strcmp(name, "compression.gzip.level") == 0)
		return set_level(conf, KT_CODEC_GZIP, name, value, err);
	if (strcmp(name, "compression.lz4.level") == 0)
		return set_level(conf, KT_CODEC_LZ4, name, value, err);
	if (strcmp(name, "compression.zstd.level") == 0)
		return set_level(conf, KT_CODEC_ZSTD, name, value, err);
	if (strcmp(name, "enable.idempotence") == 0) {
		bool b;

		r = boolean(name, value, &b, err);
		if (!r)
			conf->idempotence = b;
		return r;
	}
	if (strcmp(name, "retries") == 0) {
		r = num(name, value, 0, INT32_MAX, &x, err);
		if (!r) {
			conf->retries = (int32_t)x;
			conf->retries_set = true;
		}
		return r;
	}
	if (strcmp(name, "retry.backoff.max.ms") == 0) {
		r = num(name, value, 0, INT64_MAX, &x, err);
		if (!r)
			conf->retry_backoff_max_ms = x;
		return r;
	}
	if (strcmp(name, "delivery.timeout.ms") == 0) {
		r = num(name, value, 0, INT32_MAX, &x, err);
		if (!r) {
			conf->delivery_timeout_ms = x;
			conf->delivery_timeout_set = true;
		}
		return r;
	}
	if (strcmp(name, "max.block.ms") == 0) {
		r = num(name, value, 0, INT64_MAX, &x, err);
		if (!r)
			conf->max_block_ms = x;
		return r;
	}
	if (strcmp(name, "partitioner.ignore.keys") == 0)
		return boolean(name, value, &conf->ignore_keys, err);
	if (strcmp(name, "partitioner.adaptive.partitioning.enable") == 0)
		return boolean(name, value, &conf->adaptive, err);
	if (strcmp(name, "partitioner.availability.timeout.ms") == 0) {
		r = num(name, value, 0, INT64_MAX, &x, err);
		if (!r)
			conf->availability_timeout_ms = x;
		return r;
	}
	if (strcmp(name, "partitioner.class") == 0) {
		if (!*value)
			return 0;
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "partitioner.class '%s' is a Java class; "
				  "kafkit has only the built-in partitioner",
				  value);
	}
	if (strcmp(name, "transactional.id") == 0) {
		if (!*value)
			return 0;
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "transactional.id is not supported by "
				  "kafkit's producer yet");
	}
	if (strcmp(name, "max.in.flight.requests.per.connection") == 0) {
		r = kt_client_conf_set(&conf->client, name, value, err);
		if (!r)
			conf->inflight_set = true;
		return r;
	}
	for (i = 0; jvm_only[i]; i++)
		if (strcmp(name, jvm_only[i]) == 0)
			return KT_CONF_JVM_ONLY;
	return kt_client_conf_set(&conf->client, name, value, err);
}

int kt_producer_conf_check(struct kt_producer_conf *conf, struct kt_err *err)
{
	int64_t min_delivery;

	if (conf->idempotence == 1) {
		if (conf->acks != -1)
			return kt_err_set(err, KT_EINVAL,
					  "Must set acks to all in order to "
					  "use the idempotent producer. "
					  "Otherwise we cannot guarantee "
					  "idempotence.");
		if (conf->retries == 0)
			return kt_err_set(err, KT_EINVAL,
					  "Must set retries to non-zero when "
					  "using the idempotent producer.");
		if (conf->client.max_in_flight > 5)
			return kt_err_set(err, KT_EINVAL,
					  "Must set "
					  "max.in.flight.requests.per."
					  "connection to at most 5 to use the "
					  "idempotent producer.");
	} else if (conf->idempotence < 0) {
		conf->idempotence = conf->acks == -1 && conf->retries > 0 &&
				    conf->client.max_in_flight <= 5;
	}
	min_delivery = conf->linger_ms + conf->client.request_timeout_ms;
	if (conf->delivery_timeout_ms < min_delivery) {
		if (conf->delivery_timeout_set)
			return kt_err_set(err, KT_EINVAL,
					  "delivery.timeout.ms should be equal "
					  "to or larger than linger.ms + "
					  "request.timeout.ms");
		conf->delivery_timeout_ms = min_delivery;
	}
	return 0;
}

/* State -------------------------------------------------------------------- */

struct pbatch {
	struct pbatch *next;
	int32_t part;	   /* index into p->parts */
	struct kt_buf buf; /* the batch bytes (header first) */
	struct kt_batch_writer w;
	int64_t *ids; /* caller tags of the records, in order */
	int32_t n, cap;
	size_t raw;  /* uncompressed record bytes appended */
	size_t acct; /* bytes counted in p->queued */
	int64_t created;
	int64_t retry_at;
	int32_t attempts;
	int32_t base_seq; /* -1 until first sent */
	int32_t sent_seq; /* the sequence of the last send */
	int16_t sent_epoch;
	bool open;
	bool inflight;
	bool was_sent;	    /* left the client once */
	bool maybe_written; /* an attempt ended without a clear "no" */
	bool abandoned;	    /* freed by its request's callback */
	bool expired;	    /* reported while in flight: out of the queue,
			       still counted in n_inflight until answered */
	bool rebuilt;	    /* a piece of a split or re-encoded batch */
};

struct ppart {
	int32_t leader; /* -1: none known */
	struct pbatch *open;
	struct pbatch *head, *tail; /* closed, oldest first */
	int32_t n_inflight;
	int32_t n_batches; /* queued batches, for the adaptive partitioner */
	bool hold;	   /* resend from head once n_inflight is 0 */
	bool unresolved;   /* a batch with sequences was given up without
			      knowing whether it was written: send no new
			      batch until n_inflight is 0, then see */
	int32_t next_seq;
	int32_t acked_seq; /* sequence the broker expects next, as known */
	int64_t produced;  /* bytes since it became the sticky partition */
};

struct pnode {
	int32_t id;
	int32_t inflight;
	bool probing;
	int64_t probe_at;
	int32_t probe_fails;
};

struct preq {
	struct kt_producer *p;
	int32_t node;
	int16_t acks;
	size_t n;
	struct pbatch *b[]; /* one per partition */
};

struct kt_producer {
	struct kt_producer_conf conf;
	char *topic;
	kt_report_fn report;
	void *report_arg;
	struct kt_client *c;
	bool idem;
	int64_t pid;
	int16_t epoch;
	bool need_bump;
	struct ppart *parts;
	int32_t n_parts;
	struct pnode *nodes;
	size_t n_nodes;
	int32_t inflight_reqs;
	int32_t sticky; /* -1: none */
	double ratio;	/* estimated compression ratio (Java's estimator) */
	int64_t queued; /* bytes of batches held */
	int64_t md_due; /* next metadata refresh, kt_now_ms time */
	int64_t md_backoff;
	bool md_inflight; /* a refresh is on its way */
	bool flushing;
	bool closing;
	uint64_t rng;
	struct kt_producer_stats st;
};

static int64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t rnd(struct kt_producer *p)
{
	uint64_t x = p->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	p->rng = x;
	return x;
}

/* Java's sequence arithmetic: wraps within [0, INT32_MAX]. */
static int32_t seq_move(int32_t seq, int64_t delta)
{
	int64_t m = (int64_t)INT32_MAX + 1;
	int64_t s = ((int64_t)seq + delta) % m;

	return (int32_t)(s < 0 ? s + m : s);
}

/* Java's ExponentialBackoff(retry.backoff.ms, 2, retry.backoff.max.ms,
 * 0.2): the base doubles per attempt up to the maximum, then a random
 * factor in [0.8, 1.2) spreads retries of many clients apart. */
static int64_t backoff_ms(struct kt_producer *p, int32_t attempts)
{
	int64_t b = p->conf.client.retry_backoff_ms;
	int32_t i;

	for (i = 1; i < attempts && b < p->conf.retry_backoff_max_ms; i++)
		b *= 2;
	if (b > p->conf.retry_backoff_max_ms)
		b = p->conf.retry_backoff_max_ms;
	return b * (800 + (int64_t)(rnd(p) % 400)) / 1000;
}

static struct pnode *node_get(struct kt_producer *p, int32_t id)
{
	struct pnode *n;
	size_t i;

	for (i = 0; i < p->n_nodes; i++)
		if (p->nodes[i].id == id)
			return &p->nodes[i];
	n = realloc(p->nodes, (p->n_nodes + 1) * sizeof(*n));
	if (!n)
		return NULL;
	p->nodes = n;
	n = &p->nodes[p->n_nodes++];
	memset(n, 0, sizeof(*n));
	n->id = id;
	return n;
}

/* Batches ------------------------------------------------------------------ */

static void batch_free(struct kt_producer *p, struct pbatch *b)
{
	if (!b)
		return;
	if (b->open)
		kt_batch_writer_abort(&b->w);
	p->queued -= (int64_t)b->acct;
	kt_buf_release(&b->buf);
	free(b->ids);
	free(b);
}

/* Count what b really holds (buffer capacities, ids, the writer's staging
 * buffer) against buffer.memory, so that the cap bounds the process. */
static void batch_account(struct kt_producer *p, struct pbatch *b)
{
	size_t a = sizeof(*b) + b->buf.cap + (size_t)b->cap * sizeof(int64_t);

	if (b->open)
		a += b->w.recs.cap;
	p->queued += (int64_t)a - (int64_t)b->acct;
	b->acct = a;
}

static struct pbatch *batch_new(struct kt_producer *p, int32_t part,
				size_t hint, struct kt_err *err)
{
	struct kt_batch_spec spec;
	struct pbatch *b = calloc(1, sizeof(*b));

	if (!b) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return NULL;
	}
	b->part = part;
	b->base_seq = b->sent_seq = -1;
	b->created = kt_now_ms();
	kt_buf_init(&b->buf, 0);
	if (hint && kt_buf_grow(&b->buf, hint) < 0) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		free(b);
		return NULL;
	}
	kt_batch_spec_init(&spec);
	spec.codec = p->conf.codec;
	spec.level = p->conf.level[p->conf.codec];
	if (p->idem) {
		spec.producer_id = p->pid;
		spec.producer_epoch = p->epoch;
	}
	if (kt_batch_writer_begin(&b->w, &b->buf, &spec, err) < 0) {
		kt_buf_release(&b->buf);
		free(b);
		return NULL;
	}
	b->open = true;
	batch_account(p, b);
	return b;
}

static int batch_add_id(struct pbatch *b, int64_t id)
{
	if (b->n == b->cap) {
		int32_t cap = b->cap ? b->cap * 2 : 64;
		int64_t *v = realloc(b->ids, (size_t)cap * sizeof(*v));

		if (!v)
			return -KT_ENOMEM;
		b->ids = v;
		b->cap = cap;
	}
	b->ids[b->n++] = id;
	return 0;
}

/* Java's MemoryRecordsBuilder.estimatedBytesWritten: the header plus the
 * uncompressed records scaled by the estimated ratio and 1.05. */
static size_t batch_estimate(const struct kt_producer *p,
			     const struct pbatch *b)
{
	if (p->conf.codec == KT_CODEC_NONE)
		return kt_batch_writer_size(&b->w);
	return KT_BATCH_HEADER_LEN + (size_t)((double)b->raw * p->ratio * 1.05);
}

/* Java's CompressionRatioEstimator.updateEstimation. */
static void ratio_update(struct kt_producer *p, const struct pbatch *b)
{
	double observed;

	if (p->conf.codec == KT_CODEC_NONE || b->raw == 0)
		return;
	observed = (double)(b->buf.len - KT_BATCH_HEADER_LEN) / (double)b->raw;
	if (observed > p->ratio)
		p->ratio =
			observed > p->ratio + 0.05 ? observed : p->ratio + 0.05;
	else if (observed < p->ratio)
		p->ratio = observed > p->ratio - 0.005 ? observed
						       : p->ratio - 0.005;
	if (p->ratio > 1.0)
		p->ratio = 1.0;
}

static void queue_append(struct ppart *pp, struct pbatch *b)
{
	b->next = NULL;
	if (pp->tail)
		pp->tail->next = b;
	else
		pp->head = b;
	pp->tail = b;
}

static void queue_remove(struct ppart *pp, struct pbatch *b)
{
	struct pbatch **pb = &pp->head, *prev = NULL;

	while (*pb && *pb != b) {
		prev = *pb;
		pb = &(*pb)->next;
	}
	if (!*pb)
		return;
	*pb = b->next;
	if (pp->tail == b)
		pp->tail = prev;
	b->next = NULL;
	pp->n_batches--;
}

static void report_batch(struct kt_producer *p, struct pbatch *b,
			 const struct kt_err *e, int32_t from, int32_t to,
			 bool unknown)
{
	struct kt_report r;
	int32_t i;

	for (i = from; i < to; i++) {
		r.id = b->ids[i];
		r.topic = p->topic;
		r.partition = b->part;
		r.err = e;
		r.unknown = unknown;
		p->st.failed++;
		if (p->report)
			p->report(p->report_arg, &r);
	}
}

/* Finish the open batch of pp and queue it for sending. On an encoding
 * failure (out of memory, a codec error) its records are reported. */
static void batch_close(struct kt_producer *p, struct ppart *pp)
{
	struct pbatch *b = pp->open;
	struct kt_err e;

	if (!b)
		return;
	pp->open = NULL;
	b->open = false;
	if (kt_batch_writer_finish(&b->w, &e) < 0) {
		kt_err_prefix(&e, "cannot encode batch for %s-%d", p->topic,
			      b->part);
		report_batch(p, b, &e, 0, b->n, false);
		pp->n_batches--;
		batch_free(p, b);
		return;
	}
	ratio_update(p, b);
	batch_account(p, b);
	queue_append(pp, b);
}

/* Partitioner -------------------------------------------------------------- */

/* KIP-794's next sticky partition: a random partition with a leader,
 * weighted by inverse queue depth when adaptive (BuiltInPartitioner). */
static int32_t next_sticky(struct kt_producer *p)
{
	int64_t total = 0, pick;
	int32_t i, max_q = 0, n_avail = 0;

	for (i = 0; i < p->n_parts; i++) {
		if (p->parts[i].leader < 0)
			continue;
		n_avail++;
		if (p->parts[i].n_batches > max_q)
			max_q = p->parts[i].n_batches;
	}
	if (n_avail == 0)
		return (int32_t)(rnd(p) % (uint64_t)p->n_parts);
	for (i = 0; i < p->n_parts; i++)
		if (p->parts[i].leader >= 0)
			total += p->conf.adaptive
					 ? max_q + 1 - p->parts[i].n_batches
					 : 1;
	pick = (int64_t)(rnd(p) % (uint64_t)total);
	for (i = 0; i < p->n_parts; i++) {
		int64_t w;

		if (p->parts[i].leader < 0)
			continue;
		w = p->conf.adaptive ? max_q + 1 - p->parts[i].n_batches : 1;
		if (pick < w)
			return i;
		pick -= w;
	}
	return 0;
}

/* Sending records ---------------------------------------------------------- */

/* Upper bound of the encoded record, as Java's
 * estimateSizeInBytesUpperBound (without the batch header). */
static size_t record_bound(const struct kt_prec *r)
{
	size_t n = 1 + 10 + 5 + 5 + 5 + 5 + 5, i;

	n += r->key.p ? r->key.len : 0;
	n += r->value.p ? r->value.len : 0;
	for (i = 0; i < r->n_headers; i++)
		n += 10 + r->headers[i].key.len +
		     (r->headers[i].value.p ? r->headers[i].value.len : 0);
	return n;
}

int kt_producer_send(struct kt_producer *p, const struct kt_prec *rec,
		     struct kt_err *err)
{
	struct kt_record_spec rs;
	struct ppart *pp;
	struct pbatch *b;
	size_t bound = record_bound(rec), before, added, est_before, est;
	int32_t part = rec->partition;
	bool sticky = false;

	if (bound + KT_BATCH_HEADER_LEN > (size_t)p->conf.max_request_size)
		return kt_err_set(err, KT_ETOOBIG,
				  "The message is %zu bytes when serialized "
				  "which is larger than %d, which is the value "
				  "of the max.request.size configuration.",
				  bound + KT_BATCH_HEADER_LEN,
				  p->conf.max_request_size);
	if ((int64_t)(bound + KT_BATCH_HEADER_LEN) > p->conf.buffer_memory)
		return kt_err_set(err, KT_ETOOBIG,
				  "The message is %zu bytes when serialized "
				  "which is larger than the total memory "
				  "buffer you have configured with the "
				  "buffer.memory configuration.",
				  bound + KT_BATCH_HEADER_LEN);
	if (part != KT_PARTITION_ANY) {
		if (part < 0 || part >= p->n_parts)
			return kt_err_set(err, KT_EINVAL,
					  "partition %d of topic '%s' does not "
					  "exist (the topic has %d partitions)",
					  part, p->topic, p->n_parts);
	} else if (rec->key.p && !p->conf.ignore_keys) {
		part = kt_partition_for_key(rec->key.p, rec->key.len,
					    p->n_parts);
	} else {
		if (p->sticky < 0)
			p->sticky = next_sticky(p);
		part = p->sticky;
		sticky = true;
	}
	pp = &p->parts[part];
	b = pp->open;
	if (b && b->n > 0 &&
	    batch_estimate(p, b) + bound > (size_t)p->conf.batch_size)
		batch_close(p, pp);
	if (!pp->open) {
		size_t hint = (size_t)p->conf.batch_size + 256;

		if (hint < bound + KT_BATCH_HEADER_LEN)
			hint = bound + KT_BATCH_HEADER_LEN;
		if (p->conf.codec != KT_CODEC_NONE)
			hint = 0; /* records are staged by the writer */
		pp->open = batch_new(p, part, hint, err);
		if (!pp->open)
			return -KT_ENOMEM;
		pp->n_batches++;
	}
	b = pp->open;
	est_before = b->n > 0 ? batch_estimate(p, b) : 0;
	memset(&rs, 0, sizeof(rs));
	rs.timestamp = rec->timestamp >= 0 ? rec->timestamp : wall_ms();
	rs.offset_delta = KT_OFFSET_NEXT;
	rs.key = rec->key;
	rs.value = rec->value;
	rs.headers = rec->headers;
	rs.headers_count = rec->n_headers;
	before = kt_batch_writer_size(&b->w);
	if (batch_add_id(b, rec->id) < 0)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	if (kt_batch_writer_add(&b->w, &rs, err) < 0) {
		b->n--;
		return -KT_ENOMEM;
	}
	added = kt_batch_writer_size(&b->w) - before;
	b->raw += added;
	batch_account(p, b);
	p->st.sent++;
	est = batch_estimate(p, b);
	if (est >= (size_t)p->conf.batch_size)
		batch_close(p, pp);
	if (sticky) {
		/* BuiltInPartitioner counts the batch's estimated growth
		 * (compressed when compressing), so that the partition
		 * changes when its batch is full, not with an open batch
		 * left to wait for linger.ms */
		pp->produced += (int64_t)(est - est_before);
		if ((pp->produced >= p->conf.batch_size && !pp->open) ||
		    pp->produced >= 2 * (int64_t)p->conf.batch_size) {
			pp->produced = 0;
			if (p->n_parts > 1) {
				int32_t nx = next_sticky(p), tries = 0;

				while (nx == part && tries++ < 8)
					nx = next_sticky(p);
				p->sticky = nx;
			}
		}
	}
	return 0;
}

bool kt_producer_full(const struct kt_producer *p)
{
	return p->queued >= p->conf.buffer_memory;
}

int64_t kt_producer_pending(const struct kt_producer *p)
{
	return p->st.sent - p->st.acked - p->st.failed;
}

/* Sequences ---------------------------------------------------------------- */

/* Write producer id, epoch and base sequence into the batch header and
 * recompute its CRC (the CRC covers them). */
static void batch_patch(struct pbatch *b, int64_t pid, int16_t epoch,
			int32_t seq)
{
	uint8_t *h = b->buf.p;

	kt_store_be32(h + 43, (uint32_t)((uint64_t)pid >> 32));
	kt_store_be32(h + 47, (uint32_t)pid);
	h[51] = (uint8_t)((uint16_t)epoch >> 8);
	h[52] = (uint8_t)epoch;
	kt_store_be32(h + 53, (uint32_t)seq);
	kt_store_be32(h + 17, kt_crc32c(0, h + KT_BATCH_CRC_START,
					b->buf.len - KT_BATCH_CRC_START));
}

/* Outcomes ----------------------------------------------------------------- */

/* Whether sequence a comes after b (within half the sequence space, as
 * sequences wrap at INT32_MAX). */
static bool seq_after(int32_t a, int32_t b)
{
	int32_t d = seq_move(a, -(int64_t)b);

	return d > 0 && d < INT32_MAX / 2;
}

/*
 * b, which took sequences, leaves without being acknowledged (reported, or
 * re-encoded with fewer records): the broker may or may not have written
 * it, so the sequences of its partition are in doubt. As Java's
 * TransactionManager (markSequenceUnresolved, maybeResolveSequences), the
 * partition sends no new batch until its requests in flight are answered;
 * then, if the broker acknowledged everything up to the next sequence,
 * nothing was lost; otherwise the epoch is bumped and every batch not yet
 * acknowledged gets new sequences from 0 (for an idempotent producer Java
 * bumps rather than renumbering in place:
 * TransactionManager.handleFailedBatch).
 */
static void seq_lost(struct kt_producer *p, struct ppart *pp,
		     const struct pbatch *b)
{
	if (!p->idem || b->base_seq < 0)
		return;
	pp->unresolved = true;
	pp->hold = true;
}

static void batch_failed(struct kt_producer *p, struct pbatch *b,
			 const struct kt_err *e, bool unknown)
{
	struct ppart *pp = &p->parts[b->part];

	queue_remove(pp, b);
	report_batch(p, b, e, 0, b->n, unknown);
	seq_lost(p, pp, b);
	batch_free(p, b);
}

static void batch_acked(struct kt_producer *p, struct pbatch *b)
{
	struct ppart *pp = &p->parts[b->part];

	queue_remove(pp, b);
	if (p->idem && b->sent_seq >= 0 && b->sent_epoch == p->epoch &&
	    seq_after(seq_move(b->sent_seq, b->n), pp->acked_seq))
		pp->acked_seq = seq_move(b->sent_seq, b->n);
	p->st.acked += b->n;
	batch_free(p, b);
}

/* Ask for a metadata refresh now, unless one was made within
 * retry.backoff.ms (Java's Metadata.requestUpdate with its backoff). */
static void want_metadata(struct kt_producer *p)
{
	int64_t at = kt_now_ms();

	if (at < p->md_due - p->conf.client.metadata_max_age_ms)
		at = p->md_due - p->conf.client.metadata_max_age_ms;
	if (p->md_due > at)
		p->md_due = at;
}

/* Whether the broker's answer code leaves the write in doubt: a timeout
 * on its side, or written to the leader but not replicated. */
static bool code_maybe_written(int16_t code)
{
	return code == -1 /* UNKNOWN_SERVER_ERROR */ ||
	       code == 7 /* REQUEST_TIMED_OUT */ ||
	       code == 13 /* NETWORK_EXCEPTION */ ||
	       code == 20 /* NOT_ENOUGH_REPLICAS_AFTER_APPEND */;
}

/* The batch goes back to wait for a resend (or fails when out of retries
 * or time). As Java's Sender.canRetry: attempts < retries and
 * delivery.timeout.ms not passed. */
static void batch_retry(struct kt_producer *p, struct pbatch *b,
			const struct kt_err *e)
{
	struct ppart *pp = &p->parts[b->part];
	int64_t now = kt_now_ms();

	b->attempts++;
	if (b->attempts > p->conf.retries ||
	    now >= b->created + p->conf.delivery_timeout_ms) {
		struct kt_err f = *e;

		if (b->attempts > p->conf.retries)
			kt_err_prefix(&f, "gave up after %d attempts",
				      b->attempts);
		else
			kt_err_prefix(&f,
				      "delivery.timeout.ms (%lld ms) "
				      "passed",
				      (long long)p->conf.delivery_timeout_ms);
		batch_failed(p, b, &f, b->maybe_written);
		return;
	}
	b->retry_at = now + backoff_ms(p, b->attempts);
	pp->hold = true;
	p->st.retries++;
}

/* Re-encode the records of b that are not in drop (may be NULL) into
 * batches of at most per records (0: one batch). The new batches replace b
 * in the queue and keep its ids, creation time, attempts and sequences
 * (base_seq of each continues where the previous ended). Returns the number
 * of records kept, or a negative KT_E*. */
static int batch_rebuild(struct kt_producer *p, struct pbatch *b,
			 const bool *drop, int32_t per, struct kt_err *err)
{
	struct ppart *pp = &p->parts[b->part];
	struct kt_batch kb;
	struct kt_buf scratch;
	struct kt_bytes recs;
	struct kt_record_iter it;
	struct kt_record rec;
	struct pbatch *first = NULL, *last = NULL, *cur = NULL, *x;
	struct kt_header *hv = NULL;
	int32_t i = 0, kept = 0;
	int rc;

	kt_buf_init(&scratch, 0);
	if (kt_batch_parse(&kb, b->buf.p, b->buf.len, 0, err) < 0 ||
	    kt_batch_records(&kb, &scratch, &recs, err) < 0) {
		rc = -KT_EPROTO;
		goto out;
	}
	kt_record_iter_init(&it, &kb, recs);
	while ((rc = kt_record_iter_next(&it, &rec, err)) > 0) {
		struct kt_record_spec rs;
		struct kt_header_iter hi;
		size_t nh = 0;

		if (i >= b->n) {
			rc = kt_err_set(err, KT_EPROTO,
					"batch has more "
					"records than ids");
			goto out;
		}
		if (drop && drop[i]) {
			i++;
			continue;
		}
		if (!cur || (per > 0 && cur->n >= per)) {
			if (cur && kt_batch_writer_finish(&cur->w, err) < 0) {
				rc = -KT_ENOMEM;
				goto out;
			}
			if (cur)
				cur->open = false;
			cur = batch_new(p, b->part, 0, err);
			if (!cur) {
				rc = -KT_ENOMEM;
				goto out;
			}
			cur->created = b->created;
			cur->attempts = b->attempts;
			cur->maybe_written = b->maybe_written;
			cur->rebuilt = true;
			if (b->base_seq >= 0)
				cur->base_seq = seq_move(b->base_seq, kept);
			if (last)
				last->next = cur;
			else
				first = cur;
			last = cur;
		}
		free(hv);
		hv = rec.headers_count > 0
			     ? calloc((size_t)rec.headers_count, sizeof(*hv))
			     : NULL;
		if (rec.headers_count > 0 && !hv) {
			rc = kt_err_set(err, KT_ENOMEM, "out of memory");
			goto out;
		}
		kt_header_iter_init(&hi, &rec);
		while (nh < (size_t)rec.headers_count &&
		       kt_header_iter_next(&hi, &hv[nh]) > 0)
			nh++;
		memset(&rs, 0, sizeof(rs));
		rs.timestamp = rec.timestamp;
		rs.offset_delta = KT_OFFSET_NEXT;
		rs.key = rec.key;
		rs.value = rec.value;
		rs.headers = hv;
		rs.headers_count = nh;
		if (kt_batch_writer_add(&cur->w, &rs, err) < 0 ||
		    batch_add_id(cur, b->ids[i]) < 0) {
			rc = -KT_ENOMEM;
			goto out;
		}
		cur->raw += rec.size;
		kept++;
		i++;
	}
	if (rc < 0)
		goto out;
	if (cur && kt_batch_writer_finish(&cur->w, err) < 0) {
		rc = -KT_ENOMEM;
		goto out;
	}
	if (cur)
		cur->open = false;
	/* splice the new batches in place of b */
	for (x = first; x; x = x->next) {
		batch_account(p, x);
		pp->n_batches++;
	}
	if (first) {
		struct pbatch **pb = &pp->head;

		while (*pb && *pb != b)
			pb = &(*pb)->next;
		last->next = b->next;
		*pb = first;
		if (pp->tail == b)
			pp->tail = last;
		b->next = NULL;
		pp->n_batches--;
	} else {
		queue_remove(pp, b);
	}
	rc = kept;
	first = NULL;
out:
	while (first) {
		x = first->next;
		batch_free(p, first);
		first = x;
	}
	free(hv);
	kt_buf_release(&scratch);
	return rc;
}

/* Java's InvalidMetadataException codes: the client's view of the
 * cluster is stale, refresh it before the retry. */
static bool code_invalid_metadata(int16_t code)
{
	return code == 3 /* UNKNOWN_TOPIC_OR_PARTITION */ ||
	       code == 5 /* LEADER_NOT_AVAILABLE */ ||
	       code == 6 /* NOT_LEADER_OR_FOLLOWER */ ||
	       code == 13 /* NETWORK_EXCEPTION */ ||
	       code == 56 /* KAFKA_STORAGE_ERROR */ ||
	       code == 74 /* FENCED_LEADER_EPOCH */ ||
	       code == 100 /* UNKNOWN_TOPIC_ID */ ||
	       code == 103 /* INCONSISTENT_TOPIC_ID */;
}

/* KIP-467: the broker named the records that made it refuse the batch
 * (INVALID_RECORD for a null key on a compacted topic, INVALID_TIMESTAMP,
 * ...). Those are reported with the broker's message; the others are sent
 * again in a batch of their own. Java fails the whole batch (the others with
 * "Failed to append record because it was part of a batch which had one
 * more more invalid records"); kafkit delivers them, as nothing is wrong
 * with them. The rebuilt batch holds fewer records than the sequences it
 * took, so the partition's sequences are in doubt (seq_lost). */
static void batch_record_errors(struct kt_producer *p, struct pbatch *b,
				const struct kt_produce_part_resp *r,
				const struct kt_err *e)
{
	struct ppart *pp = &p->parts[b->part];
	bool *drop = calloc((size_t)b->n, sizeof(*drop));
	struct kt_err re;
	int32_t removed = 0, i;
	size_t k;

	if (!drop) {
		batch_failed(p, b, e, false);
		return;
	}
	for (k = 0; k < r->n_record_errors; k++) {
		int32_t x = r->record_errors[k].batch_index;

		if (x >= 0 && x < b->n && !drop[x]) {
			drop[x] = true;
			removed++;
		}
	}
	if (removed == 0) {
		free(drop);
		batch_failed(p, b, e, false);
		return;
	}
	for (i = 0; i < b->n; i++) {
		const char *m = NULL;
		struct kt_err ke;

		if (!drop[i])
			continue;
		for (k = 0; k < r->n_record_errors && !m; k++)
			if (r->record_errors[k].batch_index == i)
				m = r->record_errors[k].message;
		if (!m)
			m = r->error_message ? r->error_message
					     : kt_kerr_message(r->error_code);
		kt_err_kafka(&ke, r->error_code, "%s: %s",
			     kt_kerr_name(r->error_code), m);
		report_batch(p, b, &ke, i, i + 1, false);
	}
	seq_lost(p, pp, b);
	if (removed == b->n) {
		queue_remove(pp, b);
	} else if (batch_rebuild(p, b, drop, 0, &re) < 0) {
		/* cannot resend the others: they fail too */
		queue_remove(pp, b);
		for (i = 0; i < b->n; i++)
			if (!drop[i])
				report_batch(p, b, e, i, i + 1, false);
	}
	free(drop);
	batch_free(p, b);
	pp->hold = true;
}

/*
 * OUT_OF_ORDER_SEQUENCE_NUMBER: the broker expected another sequence. As
 * Java's TransactionManager.canRetry, for an idempotent producer: when this
 * batch is the one the broker should take next (its sequence is the last
 * acknowledged + 1) there is a real gap and the epoch is bumped; when an
 * earlier batch is still unanswered or failed, this one is just sent again
 * after it. kafkit also bumps when the broker acknowledged sequences after
 * this batch (it accepted a later batch first, which a broker without state
 * for the producer does): waiting could never succeed.
 */
static void batch_out_of_order(struct kt_producer *p, struct pbatch *b)
{
	struct ppart *pp = &p->parts[b->part];

	if (!p->idem || pp->unresolved || b->sent_epoch != p->epoch)
		return;
	if (b->sent_seq == pp->acked_seq ||
	    seq_after(pp->acked_seq, b->sent_seq))
		p->need_bump = true;
}

/* One partition's answer for batch b. */
static void batch_answer(struct kt_producer *p, struct pbatch *b,
			 const struct kt_produce_part_resp *r)
{
	struct ppart *pp = &p->parts[b->part];
	int16_t code = r->error_code;
	struct kt_err e;

	if (code == 0 || code == 46 /* DUPLICATE_SEQUENCE_NUMBER */) {
		batch_acked(p, b);
		return;
	}
	if (code_maybe_written(code))
		b->maybe_written = true;
	kt_err_kafka(&e, code, "%s: %s", kt_kerr_name(code),
		     r->error_message ? r->error_message
				      : kt_kerr_message(code));
	if ((code == 10 || code == 18) && b->n > 1) {
		/* MESSAGE_TOO_LARGE (and RECORD_LIST_TOO_LARGE, which Java
		 * fails): split in halves, sequences kept, no attempt
		 * counted, as Java's splitAndReenqueue; a record too large
		 * on its own ends alone with the error. Java splits into
		 * batch.size pieces, which repeats forever when batch.size
		 * is above the topic's max.message.bytes. */
		struct kt_err re;
		int32_t n = b->n;

		if (batch_rebuild(p, b, NULL, (n + 1) / 2, &re) == n) {
			batch_free(p, b);
			pp->hold = true;
			return;
		}
		batch_failed(p, b, &e, false);
		return;
	}
	if (r->n_record_errors > 0 && !kt_kerr_retriable(code)) {
		batch_record_errors(p, b, r, &e);
		return;
	}
	if (code == 45 /* OUT_OF_ORDER_SEQUENCE_NUMBER */) {
		batch_out_of_order(p, b);
		batch_retry(p, b, &e);
		return;
	}
	if (code == 59 /* UNKNOWN_PRODUCER_ID */) {
		/* the broker lost the producer's state (retention removed
		 * its batches); without a log start offset the answer is
		 * not settled yet: retry as is (Java's canRetry) */
		if (p->idem && r->log_start_offset != -1 &&
		    b->sent_epoch == p->epoch)
			p->need_bump = true;
		batch_retry(p, b, &e);
		return;
	}
	if (code == 47 /* INVALID_PRODUCER_EPOCH */ ||
	    code == 90 /* PRODUCER_FENCED */) {
		/* Java fails the batch and bumps; the bump alone lets it
		 * through */
		if (p->idem)
			p->need_bump = true;
		batch_retry(p, b, &e);
		return;
	}
	if (code_invalid_metadata(code))
		want_metadata(p);
	if (kt_kerr_retriable(code)) {
		batch_retry(p, b, &e);
		return;
	}
	batch_failed(p, b, &e, false);
}

static void produce_cb(void *arg, struct kt_client *c, int32_t node_id,
		       struct kt_response *resp, const struct kt_err *err)
{
	struct preq *q = arg;
	struct kt_producer *p = q->p;
	struct kt_produce_resp r;
	struct pnode *nd;
	struct kt_err e;
	size_t i, t, k;

	(void)c;
	(void)node_id;
	if (p->closing) {
		for (i = 0; i < q->n; i++)
			if (q->b[i]->abandoned || q->b[i]->expired)
				batch_free(p, q->b[i]);
		free(q);
		return;
	}
	nd = node_get(p, q->node);
	if (nd)
		nd->inflight--;
	p->inflight_reqs--;
	for (i = 0; i < q->n; i++) {
		struct pbatch *b = q->b[i];

		if (b->abandoned)
			continue;
		b->inflight = false;
		p->parts[b->part].n_inflight--;
	}
	if (!err && q->acks == 0) {
		/* acks=0: written is all we learn */
		for (i = 0; i < q->n; i++)
			if (q->b[i]->abandoned || q->b[i]->expired)
				batch_free(p, q->b[i]);
			else
				batch_acked(p, q->b[i]);
		free(q);
		return;
	}
	memset(&r, 0, sizeof(r));
	if (!err && kt_produce_resp_decode(resp->body, resp->body_len,
					   resp->api_version, &r, &e) < 0) {
		kt_err_prefix(&e, "produce response from node %d", q->node);
		err = &e;
	}
	for (i = 0; i < q->n; i++) {
		struct pbatch *b = q->b[i];
		const struct kt_produce_part_resp *pr = NULL;

		if (b->abandoned) {
			batch_free(p, b);
			continue;
		}
		if (!err) {
			for (t = 0; t < r.n_topics && !pr; t++) {
				if (!r.topics[t].name ||
				    strcmp(r.topics[t].name, p->topic))
					continue;
				for (k = 0; k < r.topics[t].n_parts; k++)
					if (r.topics[t].parts[k].index ==
					    b->part)
						pr = &r.topics[t].parts[k];
			}
		}
		if (b->expired) {
			/* reported already; what the broker did with it
			 * still settles the partition's sequences */
			if (pr &&
			    (pr->error_code == 0 || pr->error_code == 46)) {
				struct ppart *pp = &p->parts[b->part];
				int32_t end = seq_move(b->sent_seq, b->n);

				if (p->idem && b->sent_epoch == p->epoch &&
				    seq_after(end, pp->acked_seq))
					pp->acked_seq = end;
			}
			batch_free(p, b);
			continue;
		}
		if (pr) {
			batch_answer(p, b, pr);
			continue;
		}
		if (err) {
			/* no answer: the request may have been written */
			e = *err;
			b->maybe_written = true;
			want_metadata(p);
		} else {
			kt_err_set(&e, KT_EPROTO,
				   "produce response from node %d has no "
				   "answer for %s-%d",
				   q->node, p->topic, b->part);
		}
		batch_retry(p, b, &e);
	}
	kt_produce_resp_release(&r);
	free(q);
}

static int produce_enc(void *arg, struct kt_buf *b, int16_t version,
		       struct kt_err *err)
{
	struct preq *q = arg;
	struct kt_producer *p = q->p;
	struct kt_produce_part_req *parts;
	struct kt_produce_topic_req topic;
	struct kt_produce_req req;
	size_t i;
	int rc;

	parts = calloc(q->n, sizeof(*parts));
	if (!parts)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	for (i = 0; i < q->n; i++) {
		parts[i].index = q->b[i]->part;
		parts[i].records.p = q->b[i]->buf.p;
		parts[i].records.len = q->b[i]->buf.len;
	}
	memset(&topic, 0, sizeof(topic));
	topic.name = p->topic;
	topic.parts = parts;
	topic.n_parts = q->n;
	memset(&req, 0, sizeof(req));
	req.acks = q->acks;
	req.timeout_ms = p->conf.client.request_timeout_ms;
	req.topics = &topic;
	req.n_topics = 1;
	rc = kt_produce_req_encode(b, version, &req);
	free(parts);
	if (rc < 0)
		return kt_err_set(err, -rc, "cannot encode produce request: %s",
				  kt_strerror(rc));
	return 0;
}

/* Metadata ----------------------------------------------------------------- */

static int parts_update(struct kt_producer *p, struct kt_err *err)
{
	const struct kt_metadata *md = kt_client_metadata(p->c);
	const struct kt_md_topic *t =
		md ? kt_metadata_topic(md, p->topic) : NULL;
	int32_t i, n;

	if (!t || t->error_code || t->n_partitions == 0)
		return kt_err_set(err, KT_ENOTFOUND,
				  "topic '%s' is not in the metadata",
				  p->topic);
	n = (int32_t)t->n_partitions;
	if (n > p->n_parts) {
		struct ppart *np = realloc(p->parts, (size_t)n * sizeof(*np));

		if (!np)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		memset(np + p->n_parts, 0,
		       (size_t)(n - p->n_parts) * sizeof(*np));
		for (i = p->n_parts; i < n; i++)
			np[i].leader = -1;
		p->parts = np;
		p->n_parts = n;
	}
	for (i = 0; i < p->n_parts; i++) {
		int32_t leader;

		if (kt_client_leader(p->c, p->topic, i, &leader, NULL) < 0)
			leader = -1;
		p->parts[i].leader = leader;
	}
	return 0;
}

static void metadata_done(void *arg, struct kt_client *c,
			  const struct kt_err *err)
{
	struct kt_producer *p = arg;
	struct kt_err e;
	int64_t now = kt_now_ms();
	int32_t i;

	(void)c;
	if (p->closing)
		return;
	p->md_inflight = false;
	if (err || parts_update(p, &e) < 0) {
		p->md_backoff = p->md_backoff ? p->md_backoff * 2
					      : p->conf.client.retry_backoff_ms;
		if (p->md_backoff > p->conf.retry_backoff_max_ms)
			p->md_backoff = p->conf.retry_backoff_max_ms;
		p->md_due = now + p->md_backoff;
		return;
	}
	p->md_backoff = 0;
	p->md_due = now + p->conf.client.metadata_max_age_ms;
	for (i = 0; i < p->n_parts; i++)
		if (p->parts[i].leader < 0) {
			p->md_due = now + p->conf.client.retry_backoff_ms;
			break;
		}
}

/* Start a metadata refresh on the poll loop (Java's Sender does the same
 * through NetworkClient's MetadataUpdater): answers of other requests keep
 * flowing while it is out; metadata_done applies it. */
static void metadata_refresh(struct kt_producer *p)
{
	const char *topics[1];
	struct kt_err e;

	topics[0] = p->topic;
	p->md_inflight = true;
	p->st.metadata++;
	if (kt_client_metadata_refresh_async(p->c, topics, 1, metadata_done, p,
					     &e) < 0) {
		p->md_inflight = false;
		p->md_due = kt_now_ms() + p->conf.client.retry_backoff_ms;
	}
}

/* A Metadata request that asks the broker to create the topic, as the Java
 * producer's metadata requests do (allowAutoTopicCreation=true). */
static int md_create_enc(void *arg, struct kt_buf *b, int16_t version,
			 struct kt_err *err)
{
	struct kt_producer *p = arg;
	struct kt_md_req_topic t;
	struct kt_metadata_req req;

	memset(&t, 0, sizeof(t));
	t.name = p->topic;
	memset(&req, 0, sizeof(req));
	req.topics = &t;
	req.n_topics = 1;
	req.allow_auto_topic_creation = version >= 4;
	return kt_metadata_req_encode(b, version, &req, err);
}

static void probe_cb(void *arg, struct kt_client *c, int32_t node_id,
		     struct kt_response *resp, const struct kt_err *err)
{
	struct kt_producer *p = arg;
	struct pnode *n;

	(void)c;
	(void)resp;
	if (p->closing)
		return;
	n = node_get(p, node_id);
	if (!n)
		return;
	n->probing = false;
	if (err) {
		n->probe_fails++;
		n->probe_at = kt_now_ms() + backoff_ms(p, n->probe_fails);
		want_metadata(p);
	} else {
		n->probe_fails = 0;
	}
}

/* Epoch bump --------------------------------------------------------------- */

static int init_pid_enc(void *arg, struct kt_buf *b, int16_t version,
			struct kt_err *err)
{
	struct kt_init_producer_id_req *req = arg;

	if (kt_init_producer_id_req_encode(b, version, req) < 0)
		return kt_err_set(err, KT_EINVAL,
				  "cannot encode InitProducerId request");
	return 0;
}

static int init_pid(struct kt_producer *p, int64_t deadline, struct kt_err *err)
{
	struct kt_init_producer_id_req req;
	struct kt_init_producer_id_resp r;
	struct kt_response resp;
	struct kt_err e;

	memset(&req, 0, sizeof(req));
	req.transaction_timeout_ms = INT32_MAX;
	req.producer_id = -1;
	req.producer_epoch = -1;
	for (;;) {
		if (kt_client_call(p->c, KT_NODE_ANY, KT_API_INIT_PRODUCER_ID,
				   init_pid_enc, &req, &resp, NULL, &e) == 0) {
			int rc = kt_init_producer_id_resp_decode(
				resp.body, resp.body_len, resp.api_version, &r,
				&e);

			kt_response_release(&resp);
			if (rc == 0 && r.error_code == 0) {
				p->pid = r.producer_id;
				p->epoch = r.producer_epoch;
				p->st.producer_id = p->pid;
				p->st.epoch = p->epoch;
				return 0;
			}
			if (rc == 0) {
				kt_err_kafka(&e, r.error_code,
					     "InitProducerId failed: %s: %s",
					     kt_kerr_name(r.error_code),
					     kt_kerr_message(r.error_code));
				if (!kt_kerr_retriable(r.error_code))
					break;
			}
		}
		if (kt_now_ms() + p->conf.client.retry_backoff_ms >= deadline)
			break;
		usleep((useconds_t)p->conf.client.retry_backoff_ms * 1000);
	}
	if (err)
		*err = e;
	return -(e.code ? e.code : KT_ETIMEDOUT);
}

static void epoch_bump(struct kt_producer *p)
{
	int32_t i;
	struct pbatch *b;

	if (p->epoch >= INT16_MAX) {
		struct kt_err e;

		if (init_pid(p, kt_now_ms() + p->conf.max_block_ms, &e) < 0)
			return; /* try again on the next poll */
	} else {
		p->epoch++;
	}
	p->need_bump = false;
	p->st.bumps++;
	p->st.epoch = p->epoch;
	for (i = 0; i < p->n_parts; i++) {
		struct ppart *pp = &p->parts[i];

		pp->next_seq = 0;
		pp->acked_seq = 0;
		pp->hold = false;
		pp->unresolved = false;
		for (b = pp->head; b; b = b->next)
			b->base_seq = -1;
	}
}

/* The sender --------------------------------------------------------------- */

/* The next batch of pp that may go now, or NULL. */
static struct pbatch *sendable(struct kt_producer *p, struct ppart *pp,
			       int64_t now)
{
	struct pbatch *b;

	if (pp->hold) {
		if (pp->n_inflight > 0)
			return NULL;
		pp->hold = false;
	}
	if (p->idem && pp->n_inflight >= 5)
		return NULL;
	/* while the oldest batch is a retry or a piece of a split one, one
	 * request at a time: a later batch must not be written before it
	 * (Java's drain: "effectively reduces our in flight request count
	 * to 1"); a broker without state for the producer would even take
	 * a later sequence first */
	if (pp->n_inflight > 0 && pp->head &&
	    (pp->head->attempts > 0 || pp->head->rebuilt))
		return NULL;
	for (b = pp->head; b && b->inflight; b = b->next)
		;
	if (!b || b->retry_at > now)
		return NULL;
	/* no new sequences while earlier ones are in doubt (Java's
	 * RecordAccumulator.shouldStopDrainBatchesForPartition) */
	if (pp->unresolved && b->base_seq < 0)
		return NULL;
	return b;
}

static void send_to(struct kt_producer *p, struct pnode *nd, int64_t now)
{
	int32_t i;

	while (nd->inflight < p->conf.client.max_in_flight) {
		struct preq *q;
		size_t n = 0, bytes = 0;
		struct kt_err e;

		q = malloc(sizeof(*q) +
			   (size_t)p->n_parts * sizeof(struct pbatch *));
		if (!q)
			return;
		q->p = p;
		q->node = nd->id;
		q->acks = p->conf.acks;
		for (i = 0; i < p->n_parts; i++) {
			struct ppart *pp = &p->parts[i];
			struct pbatch *b;

			if (pp->leader != nd->id)
				continue;
			b = sendable(p, pp, now);
			if (!b)
				continue;
			if (n > 0 && bytes + b->buf.len >
					     (size_t)p->conf.max_request_size)
				continue;
			if (p->idem) {
				if (b->base_seq < 0) {
					b->base_seq = pp->next_seq;
					pp->next_seq =
						seq_move(pp->next_seq, b->n);
				}
				if (b->sent_seq != b->base_seq ||
				    b->sent_epoch != p->epoch || !b->was_sent)
					batch_patch(b, p->pid, p->epoch,
						    b->base_seq);
				b->sent_seq = b->base_seq;
				b->sent_epoch = p->epoch;
			}
			b->inflight = true;
			b->was_sent = true;
			pp->n_inflight++;
			q->b[n++] = b;
			bytes += b->buf.len;
		}
		q->n = n;
		if (n == 0) {
			free(q);
			return;
		}
		nd->inflight++;
		p->inflight_reqs++;
		p->st.requests++;
		if (kt_client_send(p->c, nd->id, KT_API_PRODUCE, produce_enc, q,
				   produce_cb, q, &e) < 0) {
			/* unknown node: put the batches back */
			for (i = 0; i < (int32_t)n; i++) {
				q->b[i]->inflight = false;
				p->parts[q->b[i]->part].n_inflight--;
			}
			nd->inflight--;
			p->inflight_reqs--;
			free(q);
			want_metadata(p);
			return;
		}
	}
}

/* Java's Sender.failExpiredBatches: a batch past delivery.timeout.ms fails,
 * whether it waits in the queue, for a retry or for an answer. A batch in
 * flight leaves the queue but stays counted in its partition's requests in
 * flight until the answer (or the request's timeout) comes: that answer
 * still tells whether its sequences were written. */
static void expire(struct kt_producer *p, struct ppart *pp, int64_t now)
{
	struct pbatch *b, *next;

	for (b = pp->head; b; b = next) {
		struct kt_err e;

		next = b->next;
		if (now < b->created + p->conf.delivery_timeout_ms)
			continue;
		kt_err_set(&e, KT_ETIMEDOUT,
			   "Expiring %d record(s) for %s-%d:%lld ms has "
			   "passed since batch creation. The request has not "
			   "been sent, or no server response has been "
			   "received yet.",
			   b->n, p->topic, b->part,
			   (long long)(now - b->created));
		if (!b->inflight) {
			batch_failed(p, b, &e, b->maybe_written);
			continue;
		}
		queue_remove(pp, b);
		report_batch(p, b, &e, 0, b->n, true);
		seq_lost(p, pp, b);
		b->expired = true;
	}
}

/* Close lingering batches, expire old ones, settle partitions whose
 * sequences are in doubt, bump the epoch, refresh metadata and send what is
 * ready. */
static void run(struct kt_producer *p)
{
	int64_t now = kt_now_ms();
	int32_t i;

	for (i = 0; i < p->n_parts; i++) {
		struct ppart *pp = &p->parts[i];

		if (pp->open && (p->flushing ||
				 now >= pp->open->created + p->conf.linger_ms))
			batch_close(p, pp);
		expire(p, pp, now);
		/* TransactionManager.maybeResolveSequences */
		if (pp->unresolved && pp->n_inflight == 0) {
			if (pp->acked_seq == pp->next_seq)
				pp->unresolved = false;
			else
				p->need_bump = true;
		}
	}
	/* the bump waits until nothing is in flight, so that no answer for
	 * the old epoch comes after it */
	if (p->need_bump && p->inflight_reqs == 0)
		epoch_bump(p);
	if (now >= p->md_due && !p->md_inflight)
		metadata_refresh(p);
	if (p->need_bump)
		return;
	now = kt_now_ms();
	for (i = 0; i < p->n_parts; i++) {
		struct ppart *pp = &p->parts[i];
		struct pnode *nd;

		if (pp->leader < 0 || !sendable(p, pp, now))
			continue;
		nd = node_get(p, pp->leader);
		if (!nd)
			continue;
		if (kt_client_apivers(p->c, nd->id)) {
			send_to(p, nd, now);
			continue;
		}
		if (!nd->probing && now >= nd->probe_at) {
			/* connect through a cheap Metadata request */
			nd->probing = true;
			if (kt_client_send(p->c, nd->id, KT_API_METADATA,
					   md_create_enc, p, probe_cb, p,
					   NULL) < 0) {
				nd->probing = false;
				nd->probe_at = now + backoff_ms(p, 1);
				want_metadata(p);
			}
		}
	}
}

/* True when b, pp's next batch, waits for an answer, not for a clock: the
 * in-flight windows are full, its broker is being connected, earlier
 * requests must be answered first (see sendable), or an epoch bump waits
 * for the requests in flight. */
static bool waits_for_network(const struct kt_producer *p,
			      const struct ppart *pp, const struct pbatch *b)
{
	size_t k;

	if (p->need_bump && p->inflight_reqs > 0)
		return true;
	if (p->idem && pp->n_inflight >= 5)
		return true;
	if (pp->n_inflight > 0 &&
	    (pp->hold || pp->head->attempts > 0 || pp->head->rebuilt))
		return true;
	if (pp->unresolved && b->base_seq < 0)
		return true;
	for (k = 0; k < p->n_nodes; k++) {
		const struct pnode *nd = &p->nodes[k];

		if (nd->id != pp->leader)
			continue;
		if (nd->inflight >= p->conf.client.max_in_flight)
			return true;
		return nd->probing && !kt_client_apivers(p->c, nd->id);
	}
	return false;
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
			if (pp->leader < 0 || waits_for_network(p, pp, b))
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

	run(p);
	t = kt_producer_timeout(p);
	if (t >= 0 && (timeout_ms < 0 || t < timeout_ms))
		timeout_ms = t;
	if (kt_client_poll_fds(p->c, timeout_ms, extra, n_extra, err) < 0)
		return -KT_EIO;
	run(p);
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
			report_batch(p, b, why, 0, b->n, false);
			batch_free(p, b);
		}
		for (b = pp->head; b; b = next) {
			next = b->next;
			report_batch(p, b, why, 0, b->n,
				     b->inflight || b->maybe_written);
			if (b->inflight) {
				/* its request's callback frees it */
				b->abandoned = true;
				b->next = NULL;
				pp->n_inflight--;
			} else {
				batch_free(p, b);
			}
		}
		pp->head = pp->tail = NULL;
		pp->n_batches = 0;
	}
}

/* Life --------------------------------------------------------------------- */

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

int kt_producer_start(struct kt_producer *p, struct kt_err *err)
{
	int64_t deadline = kt_now_ms() + p->conf.max_block_ms;
	struct kt_err e;
	bool created = false;

	kt_err_clear(&e);
	/* bootstrap */
	for (;;) {
		if (kt_client_bootstrap(p->c, &e) == 0)
			break;
		if (kt_now_ms() + p->conf.client.retry_backoff_ms >= deadline) {
			if (err)
				*err = e;
			return -(e.code ? e.code : KT_ECONNECT);
		}
		usleep((useconds_t)p->conf.client.retry_backoff_ms * 1000);
	}
	/* the topic */
	for (;;) {
		const char *topics[1] = {p->topic};
		const struct kt_md_topic *t;

		if (!created) {
			struct kt_response resp;

			if (kt_client_call(p->c, KT_NODE_ANY, KT_API_METADATA,
					   md_create_enc, p, &resp, NULL,
					   &e) == 0) {
				kt_response_release(&resp);
				created = true;
			}
		}
		if (kt_client_metadata_refresh(p->c, topics, 1, &e) == 0) {
			const struct kt_metadata *md = kt_client_metadata(p->c);

			t = kt_metadata_topic(md, p->topic);
			if (t && t->error_code == 0 && t->n_partitions > 0 &&
			    parts_update(p, &e) == 0)
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
		usleep((useconds_t)p->conf.client.retry_backoff_ms * 1000);
	}
	p->md_due = kt_now_ms() + p->conf.client.metadata_max_age_ms;
	if (p->idem && init_pid(p, deadline, err) < 0) {
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
