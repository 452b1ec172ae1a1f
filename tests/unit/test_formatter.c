/*
 * test_formatter.c - DefaultMessageFormatter field order and separators
 * (the examples of tools.md §3.6), the built-in deserializers with Java's
 * exception texts, JDK 17's UTF-8 replacement rules and Float.toString.
 */
#include "unit.h"

#include "java/jstring.h"
#include "format/formatter.h"

#include <stdio.h>
#include <stdlib.h>

void test_formatter(void);

/* headers h1=v1, h2=v2 in record wire form */
static const uint8_t hdrs[] = {0x04, 'h', '1', 0x04, 'v', '1',
			       0x04, 'h', '2', 0x04, 'v', '2'};

static struct kt_msg example(void)
{
	struct kt_msg m;

	memset(&m, 0, sizeof(m));
	m.topic = "t";
	m.partition = 0;
	m.offset = 42;
	m.timestamp = 1769792698283LL;
	m.ts_type = KT_TS_CREATE;
	m.key.p = (const uint8_t *)"k1";
	m.key.len = 2;
	m.value.p = (const uint8_t *)"hello";
	m.value.len = 5;
	m.headers.p = hdrs;
	m.headers.len = sizeof(hdrs);
	m.headers_count = 2;
	return m;
}

/* format m with the properties "k=v" ... (NULL-terminated) */
static void fmt(const struct kt_msg *m, const char *const *props,
		const char *want, const char *name)
{
	struct kt_props p;
	struct kt_dmf f;
	struct kt_buf out;
	size_t i;

	kt_props_init(&p);
	for (i = 0; props[i]; i++)
		kt_props_set_kv(&p, props[i], NULL);
	kt_dmf_init(&f);
	CHECK_INT(kt_dmf_configure(&f, &p, NULL), 0, "%s: configure", name);
	kt_buf_init(&out, 0);
	CHECK_INT(kt_dmf_write(&f, m, &out, NULL), 0, "%s: write", name);
	CHECK_BYTES(out.p, out.len, want, strlen(want), "%s", name);
	kt_buf_release(&out);
	kt_dmf_release(&f);
	kt_props_release(&p);
}

static void test_dmf(void)
{
	struct kt_msg m = example();
	static const char *const none[] = {NULL};
	static const char *const key[] = {"print.key=true", NULL};
	static const char *const ts[] = {"print.timestamp=true", NULL};
	static const char *const all[] = {
		"print.timestamp=true", "print.partition=true",
		"print.offset=true",	"print.headers=true",
		"print.key=true",	NULL};
	static const char *const keyonly[] = {"print.key=true",
					      "print.value=false", NULL};
	static const char *const offonly[] = {"print.offset=true",
					      "print.value=false", NULL};
	static const char *const epoch[] = {"print.epoch=true",
					    "print.delivery=true", NULL};
	static const char *const sep[] = {"print.key=true",
					  "key.separator=:", NULL};
	static const char *const nothing[] = {"print.value=false", NULL};
	static const char *const hdr[] = {"print.headers=true",
					  "headers.separator=;",
					  "null.literal=NIL", NULL};
	static const char *const truthy[] = {"print.key= TrUe\t",
					     "print.value=yes", NULL};

	fmt(&m, none, "hello\n", "dmf: defaults");
	fmt(&m, key, "k1\thello\n", "dmf: print.key");
	fmt(&m, ts, "CreateTime:1769792698283\thello\n", "dmf: timestamp");
	fmt(&m, all,
	    "CreateTime:1769792698283\tPartition:0\tOffset:42\th1:v1,h2:v2\tk1"
	    "\thello\n",
	    "dmf: everything");
	fmt(&m, keyonly, "k1\n", "dmf: key without value");
	fmt(&m, offonly, "Offset:42\n", "dmf: offset without value");
	fmt(&m, epoch, "Delivery:NOT_PRESENT\tEpoch:NOT_PRESENT\thello\n",
	    "dmf: epoch and delivery");
	fmt(&m, sep, "k1:hello\n", "dmf: key.separator");
	fmt(&m, nothing, "", "dmf: nothing enabled");
	fmt(&m, truthy, "k1\n", "dmf: Java's boolean rule");
	m.key.p = NULL;
	fmt(&m, key, "null\thello\n", "dmf: null key");
	m.headers_count = 0;
	m.headers.len = 0;
	fmt(&m, hdr, "NO_HEADERS\thello\n", "dmf: no headers");
	m.ts_type = KT_TS_NONE;
	fmt(&m, ts, "NO_TIMESTAMP\thello\n", "dmf: magic 0 timestamp");
	m.value.p = NULL;
	fmt(&m, none, "null\n", "dmf: null value");
}

static void deser(const char *cls, const void *p, size_t n, const char *want,
		  const char *name)
{
	struct kt_deserializer d;
	struct kt_bytes b = {p, n};
	struct kt_buf out;
	struct kt_err err;
	char full[128];
	int r;

	snprintf(full, sizeof(full), "org.apache.kafka.common.serialization.%s",
		 cls);
	CHECK_INT(kt_deserializer_lookup(full, &d, NULL), 0, "%s: lookup",
		  name);
	kt_buf_init(&out, 0);
	kt_err_clear(&err);
	r = kt_deserialize(&d, b, &out, &err);
	if (r < 0)
		CHECK_STR(err.msg, want, "%s", name);
	else
		CHECK_BYTES(out.p, out.len, want, strlen(want), "%s", name);
	kt_buf_release(&out);
}

static void test_deserializers(void)
{
	static const uint8_t i4[] = {0xff, 0xff, 0xff, 0xfe};
	static const uint8_t l8[] = {0, 0, 0, 0, 0, 0, 0x01, 0x00};
	static const uint8_t d8[] = {0x40, 0x09, 0x21, 0xfb,
				     0x54, 0x44, 0x2d, 0x18};
	static const uint8_t f4[] = {0x4b, 0x18, 0x96, 0x80};
	static const uint8_t bin[] = {'k', 0x01, '\\', 'a'};
	struct kt_deserializer d;

	deser("IntegerDeserializer", i4, 4, "-2", "Integer");
	deser("IntegerDeserializer", "abc", 3,
	      "org.apache.kafka.common.errors.SerializationException: Size of "
	      "data received by IntegerDeserializer is not 4",
	      "Integer: wrong size");
	deser("LongDeserializer", l8, 8, "256", "Long");
	deser("ShortDeserializer", i4, 2, "-1", "Short");
	deser("DoubleDeserializer", d8, 8, "3.141592653589793", "Double");
	deser("DoubleDeserializer", d8, 7,
	      "org.apache.kafka.common.errors.SerializationException: Size of "
	      "data received by Deserializer is not 8",
	      "Double: wrong size");
	deser("FloatDeserializer", f4, 4, "1.0E7", "Float");
	deser("BytesDeserializer", bin, 4, "k\\x01\\x5Ca", "Bytes");
	deser("ByteBufferDeserializer", bin, 4,
	      "java.nio.HeapByteBuffer[pos=0 lim=4 cap=4]", "ByteBuffer");
	deser("StringDeserializer", "caf\xc3\xa9", 5, "caf\xc3\xa9",
	      "String: UTF-8");
	deser("UUIDDeserializer", "123E4567-E89B-12D3-A456-426614174000", 36,
	      "123e4567-e89b-12d3-a456-426614174000", "UUID");
	deser("UUIDDeserializer", "1-2-3-4-5", 9,
	      "00000001-0002-0003-0004-000000000005", "UUID: short fields");
	deser("UUIDDeserializer", "nope", 4,
	      "org.apache.kafka.common.errors.SerializationException: Error "
	      "parsing data into UUID\nCaused by: "
	      "java.lang.IllegalArgumentException: Invalid UUID string: nope",
	      "UUID: bad");
	deser("VoidDeserializer", "null", 4,
	      "java.lang.IllegalArgumentException: Data should be null for a "
	      "VoidDeserializer.",
	      "Void");
	deser("BooleanDeserializer", "\x01", 1, "true", "Boolean");
	CHECK_INT(kt_deserializer_lookup("com.example.X", &d, NULL),
		  -KT_ENOTFOUND, "unknown deserializer");
}

static void fl(float v, const char *want)
{
	struct kt_buf out;

	kt_buf_init(&out, 0);
	kt_java_float_str(&out, v);
	CHECK_BYTES(out.p, out.len, want, strlen(want), "Float.toString %s",
		    want);
	kt_buf_release(&out);
}

static void test_float(void)
{
	fl(1.0f, "1.0");
	fl(0.1f, "0.1");
	fl(-2.5f, "-2.5");
	fl(1e7f, "1.0E7");
	fl(1234567.0f, "1234567.0");
	fl(0.001f, "0.001");
	fl(0.0001f, "1.0E-4");
	fl(3.4028235e38f, "3.4028235E38");
	fl(0.0f, "0.0");
	fl(-0.0f, "-0.0");
}

void test_formatter(void)
{
	test_dmf();
	test_deserializers();
	test_float();
}
