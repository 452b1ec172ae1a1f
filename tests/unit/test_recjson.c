/*
 * test_recjson.c - JSON record lines: exact output, and byte-for-byte round
 * trips of null, empty, text, control characters, NUL, invalid UTF-8 and
 * duplicate headers.
 */
#include "unit.h"

#include "format/recjson.h"

void test_recjson(void);

static struct kt_bytes B(const char *s, size_t n) {
	struct kt_bytes b = {(const uint8_t *)s, n};

	return b;
}

static const struct kt_bytes NUL_BYTES = {NULL, 0};

static void test_write(void)
{
	struct kt_jhdr h[2] = {{B("h", 1), B("x", 1)}, {B("h", 1), NUL_BYTES}};
	struct kt_jrec r = {"t",
			    0,
			    42,
			    1700000000000LL,
			    KT_TS_CREATE,
			    0,
			    B("k", 1),
			    B("v\"\n\x01", 4),
			    h,
			    2};
	struct kt_buf b;

	kt_buf_init(&b, 0);
	kt_jrec_write(&b, &r);
	kt_buf_puts(&b, "");
	CHECK_STR(
		(char *)b.p,
		"{\"topic\":\"t\",\"partition\":0,\"offset\":42,"
		"\"timestamp\":1700000000000,\"timestamp_type\":\"CreateTime\","
		"\"leader_epoch\":0,\"key\":\"k\",\"value\":"
		"\"v\\\"\\n\\u0001\","
		"\"headers\":[{\"key\":\"h\",\"value\":\"x\"},{\"key\":\"h\","
		"\"value\":null}]}\n",
		"record line");

	kt_buf_reset(&b);
	r.topic = NULL;
	r.partition = -1;
	r.offset = -1;
	r.leader_epoch = -1;
	r.ts_type = KT_TS_NONE;
	r.timestamp = -1;
	r.key = NUL_BYTES;
	r.value = B("\xff\x00\x80", 3);
	r.n_headers = 0;
	kt_jrec_write(&b, &r);
	kt_buf_puts(&b, "");
	CHECK_STR(
		(char *)b.p,
		"{\"timestamp\":-1,\"timestamp_type\":\"NoTimestampType\","
		"\"key\":null,\"value\":\"/wCA\",\"value_encoding\":\"base64\","
		"\"headers\":[]}\n",
		"non-UTF-8 value as base64, unknown fields left out");
	kt_buf_release(&b);
}

static void roundtrip(struct kt_bytes key, struct kt_bytes value,
		      struct kt_bytes hk, struct kt_bytes hv, const char *what)
{
	struct kt_jhdr h[1] = {{hk, hv}};
	struct kt_jrec r = {"t", 3, 7, 5, KT_TS_CREATE, -1, key, value, h, 1};
	struct kt_jrec_in in;
	struct kt_buf b;
	struct kt_err err;
	int rc;

	kt_buf_init(&b, 0);
	kt_jrec_write(&b, &r);
	rc = kt_jrec_parse((char *)b.p, b.len - 1, &in, &err);
	CHECK_INT(rc, 0, "%s: parses back", what);
	if (rc == 0) {
		CHECK(in.has_partition && in.partition == 3 &&
			      in.has_timestamp && in.timestamp == 5,
		      "%s: partition and timestamp", what);
		CHECK((key.p == NULL) == (in.key == NULL) &&
			      (!key.p || (in.key_len == key.len &&
					  !memcmp(in.key, key.p, key.len))),
		      "%s: key", what);
		CHECK((value.p == NULL) == (in.value == NULL) &&
			      (!value.p ||
			       (in.value_len == value.len &&
				!memcmp(in.value, value.p, value.len))),
		      "%s: value", what);
		CHECK(in.n_headers == 1 && in.headers[0].key_len == hk.len &&
			      !memcmp(in.headers[0].key, hk.p, hk.len) &&
			      (hv.p == NULL) == (in.headers[0].value == NULL) &&
			      (!hv.p ||
			       (in.headers[0].value_len == hv.len &&
				!memcmp(in.headers[0].value, hv.p, hv.len))),
		      "%s: header", what);
		kt_jrec_in_release(&in);
	}
	kt_buf_release(&b);
}

static void test_roundtrip(void)
{
	roundtrip(NUL_BYTES, NUL_BYTES, B("h", 1), NUL_BYTES, "nulls");
	roundtrip(B("", 0), B("", 0), B("", 0), B("", 0), "empties");
	roundtrip(B("caf\xc3\xa9", 5), B("\xf0\x9f\x98\x80 ok", 7),
		  B("\xe2\x82\xac", 3), B("x", 1), "UTF-8 text");
	roundtrip(B("a\0b", 3), B("\n\r\t\"\\\x1f", 6), B("k\0", 2),
		  B("\x7f", 1), "control characters and NUL");
	roundtrip(B("\xc0\x80", 2), B("\xed\xa0\x80", 3), B("\xff", 1),
		  B("\xf8\x88\x80\x80\x80", 5),
		  "overlong, surrogate and invalid bytes");
}

static void test_parse_errors(void)
{
	static const struct {
		const char *line, *want;
	} bad[] = {
		{"{\"value\":1}", "'value' must be a string or null"},
		{"{\"valu\":\"x\"}", "unknown field 'valu'"},
		{"[1]", "a record must be a JSON object"},
		{"{\"value\":\"%%\",\"value_encoding\":\"base64\"}",
		 "invalid base64 in 'value'"},
		{"{\"value\":\"0g\",\"value_encoding\":\"hex\"}",
		 "invalid hex in 'value'"},
		{"{\"value\":\"x\",\"value_encoding\":\"rot13\"}",
		 "'value_encoding' must be \"utf8\", \"base64\" or \"hex\""},
		{"{\"partition\":-1}",
		 "'partition' must be an integer from 0 to 2147483647"},
		{"{\"headers\":[{\"value\":\"x\"}]}",
		 "'headers[0].key' is missing"},
		{"{\"headers\":[{\"key\":null}]}",
		 "'headers[0].key' must not be null"},
		{"{\"headers\":[{\"key\":\"a\",\"x\":1}]}",
		 "unknown field 'x' in headers[0]"},
		{"{\"key\":\"a\",\"key\":\"b\"}", NULL},
		{"{\"key\":", NULL},
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct kt_jrec_in in;
		struct kt_err err;
		int rc = kt_jrec_parse(bad[i].line, strlen(bad[i].line), &in,
				       &err);

		CHECK(rc == -KT_ESYNTAX &&
			      (!bad[i].want ||
			       strcmp(err.msg, bad[i].want) == 0) &&
			      in.key == NULL && in.headers == NULL,
		      "rejects %s (%s)", bad[i].line,
		      rc ? err.msg : "accepted");
	}
	{
		struct kt_jrec_in in;
		struct kt_err err;
		const char *l =
			"{\"value\":\"00ff\",\"value_encoding\":\"hex\","
			"\"key\":\"AQI=\",\"key_encoding\":\"base64\"}";

		CHECK(kt_jrec_parse(l, strlen(l), &in, &err) == 0 &&
			      in.value_len == 2 && in.value[1] == 0xff &&
			      in.key_len == 2 && in.key[1] == 2 &&
			      !in.has_partition && !in.has_timestamp,
		      "hex and base64 input");
		kt_jrec_in_release(&in);
	}
}

static void test_base64(void)
{
	uint8_t out[16];
	struct kt_buf b;
	size_t n;

	kt_buf_init(&b, 0);
	for (n = 0; n <= 6; n++) {
		const char *src = "foobar";
		long got;

		kt_buf_reset(&b);
		kt_base64_put(&b, (const uint8_t *)src, n);
		got = kt_base64_decode((char *)b.p, b.len, out);
		CHECK(got == (long)n && memcmp(out, src, n) == 0,
		      "base64 round trip of %zu bytes", n);
	}
	kt_buf_reset(&b);
	kt_base64_put(&b, (const uint8_t *)"foob", 4);
	CHECK_BYTES(b.p, b.len, "Zm9vYg==", 8, "RFC 4648 vector 'foob'");
	CHECK(kt_base64_decode("Zm9=Yg==", 8, out) < 0,
	      "padding only at the end");
	kt_buf_release(&b);
}

void test_recjson(void)
{
	test_write();
	test_roundtrip();
	test_parse_errors();
	test_base64();
}
