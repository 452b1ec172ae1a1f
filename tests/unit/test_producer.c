/*
 * test_producer.c - murmur2 and the keyed partition (protocol.md §9.1
 * vectors from Kafka's UtilsTest), and the producer configuration rules of
 * Java's ProducerConfig (defaults, values, idempotence, delivery timeout).
 */
#include "unit.h"

#include "record/compress.h"
#include "produce/producer.h"
#include "record/record.h"

void test_producer(void);

struct mvec {
	const char *key;
	int32_t hash;
	int32_t p3, p6, p10, p12, p100;
};

static const struct mvec mvecs[] = {
	{"21", -973932308, 0, 0, 0, 0, 40},
	{"foobar", -790332482, 0, 0, 6, 6, 66},
	{"a-little-bit-long-string", -985981536, 2, 2, 2, 8, 12},
	{"a-little-bit-longer-string", -1486304829, 2, 5, 9, 11, 19},
	{"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971, 2, 5, 7,
	 5, 77},
	{"abc", 479470107, 0, 3, 7, 3, 7},
};

static void test_murmur2(void)
{
	size_t i;

	for (i = 0; i < sizeof(mvecs) / sizeof(mvecs[0]); i++) {
		const struct mvec *v = &mvecs[i];
		size_t n = strlen(v->key);

		CHECK_INT(kt_murmur2(v->key, n), v->hash, "murmur2 '%s'",
			  v->key);
		CHECK(kt_partition_for_key(v->key, n, 3) == v->p3 &&
			      kt_partition_for_key(v->key, n, 6) == v->p6 &&
			      kt_partition_for_key(v->key, n, 10) == v->p10 &&
			      kt_partition_for_key(v->key, n, 12) == v->p12 &&
			      kt_partition_for_key(v->key, n, 100) == v->p100,
		      "partitions of '%s' for 3, 6, 10, 12, 100", v->key);
	}
	CHECK_INT(kt_murmur2("", 0), 275646681, "murmur2 of the empty key");
	CHECK_INT(kt_murmur2("key", 3), -1079937367, "murmur2 'key'");
	CHECK_INT(kt_partition_for_key("key", 3, 10), 1, "'key' %% 10");
	CHECK_INT(kt_partition_for_key("test", 4, 6), 5, "'test' %% 6");
	/* toPositive masks the sign bit, it does not negate */
	CHECK_INT(kt_partition_for_key("21", 2, 1), 0, "one partition");
}

static void test_conf(void)
{
	struct kt_producer_conf c;
	struct kt_err e;

	kt_producer_conf_init(&c);
	CHECK(c.acks == -1 && c.linger_ms == 5 && c.batch_size == 16384 &&
		      c.buffer_memory == 33554432 &&
		      c.max_request_size == 1048576 && c.retries == INT32_MAX &&
		      c.delivery_timeout_ms == 120000 &&
		      c.max_block_ms == 60000 && c.codec == KT_CODEC_NONE &&
		      c.idempotence == -1 && c.adaptive,
	      "java producer defaults");
	CHECK_INT(kt_producer_conf_set(&c, "acks", "all", &e), 0, "acks=all");
	CHECK_INT(c.acks, -1, "all is -1");
	CHECK_INT(kt_producer_conf_set(&c, "acks", "1", &e), 0, "acks=1");
	CHECK_INT(kt_producer_conf_set(&c, "acks", "2", &e), -KT_EINVAL,
		  "acks=2 refused");
	CHECK(strstr(e.msg, "all, -1, 0, 1") != NULL, "acks message: %s",
	      e.msg);
	CHECK_INT(kt_producer_conf_set(&c, "compression.type", "zstd", &e), 0,
		  "compression.type=zstd");
	CHECK_INT(c.codec, KT_CODEC_ZSTD, "zstd set");
	CHECK_INT(kt_producer_conf_set(&c, "compression.type", "brotli", &e),
		  -KT_EINVAL, "unknown codec refused");
	CHECK_INT(kt_producer_conf_set(&c, "compression.zstd.level", "19", &e),
		  0, "zstd level 19");
	CHECK_INT(kt_producer_conf_set(&c, "compression.lz4.level", "18", &e),
		  -KT_EINVAL, "lz4 level 18 refused");
	CHECK_INT(kt_producer_conf_set(&c, "enable.idempotence", " TRUE ", &e),
		  0, "boolean in any case, trimmed");
	CHECK_INT(kt_producer_conf_set(&c, "enable.idempotence", "yes", &e),
		  -KT_EINVAL, "boolean yes refused");
	CHECK_INT(kt_producer_conf_set(&c, "key.serializer", "x.Y", &e),
		  KT_CONF_JVM_ONLY, "serializer is jvm-only");
	CHECK_INT(kt_producer_conf_set(&c, "no.such.thing", "1", &e),
		  KT_CONF_IGNORED, "unknown name ignored");
	CHECK_INT(kt_producer_conf_set(&c, "transactional.id", "t", &e),
		  -KT_EUNSUPPORTED, "transactions refused");
	CHECK_INT(kt_producer_conf_set(&c, "partitioner.class", "a.B", &e),
		  -KT_EUNSUPPORTED, "custom partitioner refused");
	CHECK_INT(kt_producer_conf_set(&c, "linger.ms", "-1", &e), -KT_EINVAL,
		  "negative linger refused");
	/* explicit idempotence with acks=1: Java's ConfigException */
	CHECK_INT(kt_producer_conf_check(&c, &e), -KT_EINVAL,
		  "idempotence with acks=1 refused");
	CHECK_STR(e.msg,
		  "Must set acks to all in order to use the idempotent "
		  "producer. Otherwise we cannot guarantee idempotence.",
		  "java's message");
	kt_producer_conf_release(&c);

	kt_producer_conf_init(&c);
	kt_producer_conf_set(&c, "acks", "1", &e);
	CHECK_INT(kt_producer_conf_check(&c, &e), 0, "implicit idempotence");
	CHECK_INT(c.idempotence, 0, "turned off by acks=1");
	kt_producer_conf_release(&c);

	kt_producer_conf_init(&c);
	CHECK_INT(kt_producer_conf_check(&c, &e), 0, "defaults pass");
	CHECK_INT(c.idempotence, 1, "idempotent by default");
	kt_producer_conf_release(&c);

	kt_producer_conf_init(&c);
	kt_producer_conf_set(&c, "linger.ms", "1000", &e);
	kt_producer_conf_set(&c, "request.timeout.ms", "1500", &e);
	kt_producer_conf_set(&c, "delivery.timeout.ms", "2000", &e);
	CHECK_INT(kt_producer_conf_check(&c, &e), -KT_EINVAL,
		  "explicit delivery.timeout.ms below linger+request refused");
	kt_producer_conf_release(&c);

	kt_producer_conf_init(&c);
	kt_producer_conf_set(&c, "linger.ms", "100000", &e);
	kt_producer_conf_set(&c, "request.timeout.ms", "30000", &e);
	CHECK_INT(kt_producer_conf_check(&c, &e), 0, "default raised");
	CHECK_INT(c.delivery_timeout_ms, 130000, "to linger + request");
	kt_producer_conf_release(&c);
}

/* Java's AbstractRecords.estimateSizeInBytesUpperBound, as KafkaProducer
 * prints it: 61 + 21 + key + value + headers with varint lengths. The 2 MiB
 * value is the size Apache 4.3.1 printed (2097240). */
static void test_record_size(void)
{
	struct kt_prec r = {0};
	struct kt_header h[2] = {
		{{(const uint8_t *)"k", 1}, {NULL, 0}},
		{{(const uint8_t *)"", 0}, {(const uint8_t *)"vv", 2}}};

	CHECK_INT(kt_producer_record_size(&r), 61 + 21 + 1 + 1 + 1,
		  "record size: null key and value");
	r.value.p = (const uint8_t *)"";
	r.value.len = 2097152;
	CHECK_INT(kt_producer_record_size(&r), 2097240,
		  "record size: 2 MiB value, as Apache printed");
	r.value.len = 63;
	r.key.p = (const uint8_t *)"";
	r.key.len = 64; /* zigzag 128: two bytes */
	CHECK_INT(kt_producer_record_size(&r), 61 + 21 + 2 + 64 + 1 + 63 + 1,
		  "record size: varint lengths at the one-byte edge");
	r.headers = h;
	r.n_headers = 2;
	CHECK_INT(kt_producer_record_size(&r),
		  61 + 21 + 66 + 64 + 1 + (2 + 1) + (1 + 3),
		  "record size: headers, a null header value is one byte");
}

void test_producer(void)
{
	test_record_size();
	test_murmur2();
	test_conf();
}
