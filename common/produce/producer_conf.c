/*
 * produce/producer_conf.c - the producer's configuration: Java's
 * ProducerConfig defaults, the properties kafkit reads (--producer-property,
 * --producer.config), the ones that need a JVM and are refused, and the
 * checks ProducerConfig runs on the combination (idempotence, acks, retries,
 * max.in.flight).
 */
#include "produce/producer_int.h"

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
