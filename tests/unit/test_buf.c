/*
 * test_buf.c - kt_reader / kt_buf: Kafka's varint vectors (ByteUtilsTest),
 * classic and compact encodings, tagged fields, ceilings, truncations.
 */
#include "unit.h"

#include "base/buf.h"

#include <stdlib.h>

void test_buf(void);

struct vec {
	int64_t v;
	const char *uvarint; /* NULL: no unsigned form in the table */
	const char *varint;
};

/* protocol.md §2, from clients/.../utils/ByteUtilsTest.java */
static const struct vec vecs[] = {
	{0, "00", "00"},
	{1, "01", "02"},
	{-1, "FF FF FF FF 0F", "01"},
	{63, "3F", "7E"},
	{-64, "C0 FF FF FF 0F", "7F"},
	{64, "40", "80 01"},
	{-65, NULL, "81 01"},
	{8191, "FF 3F", "FE 7F"},
	{8192, "80 40", "80 80 01"},
	{-8192, "80 C0 FF FF 0F", "FF 7F"},
	{1048576, "80 80 40", "80 80 80 01"},
	{2147483647, "FF FF FF FF 07", "FE FF FF FF 0F"},
	{-2147483648LL, "80 80 80 80 08", "FF FF FF FF 0F"},
};

static void test_varint_vectors(void)
{
	size_t i;

	for (i = 0; i < sizeof(vecs) / sizeof(vecs[0]); i++) {
		uint8_t want[16];
		size_t n;
		struct kt_buf b;
		struct kt_reader r;
		int32_t sv;
		uint32_t uv;

		n = kt_unit_hex(vecs[i].varint, want, sizeof(want));
		kt_buf_init(&b, 0);
		kt_put_varint(&b, (int32_t)vecs[i].v);
		CHECK_BYTES(b.p, b.len, want, n, "varint %lld encodes",
			    (long long)vecs[i].v);
		kt_reader_init(&r, want, n);
		kt_read_varint(&r, &sv);
		CHECK(r.err == 0 && sv == vecs[i].v && r.left == 0,
		      "varint %lld decodes", (long long)vecs[i].v);
		/* the 64-bit writer gives the same bytes for these values */
		kt_buf_reset(&b);
		kt_put_varlong(&b, vecs[i].v);
		CHECK_BYTES(b.p, b.len, want, n, "varlong %lld encodes",
			    (long long)vecs[i].v);
		kt_buf_release(&b);

		if (!vecs[i].uvarint)
			continue;
		n = kt_unit_hex(vecs[i].uvarint, want, sizeof(want));
		kt_buf_init(&b, 0);
		kt_put_uvarint(&b, (uint32_t)vecs[i].v);
		CHECK_BYTES(b.p, b.len, want, n, "uvarint %lld encodes",
			    (long long)vecs[i].v);
		kt_reader_init(&r, want, n);
		kt_read_uvarint(&r, &uv);
		CHECK(r.err == 0 && uv == (uint32_t)vecs[i].v,
		      "uvarint %lld decodes", (long long)vecs[i].v);
		/* every strict prefix is a clean truncation */
		for (; n > 0; n--) {
			kt_reader_init(&r, want, n - 1);
			kt_read_uvarint(&r, &uv);
			CHECK_INT(r.err, -KT_ETRUNC,
				  "uvarint %lld cut to %zu bytes", (long long)vecs[i].v,
				  n - 1);
		}
		kt_buf_release(&b);
	}
}

static void test_varint_limits(void)
{
	uint8_t six[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
	uint8_t fifth_high[] = {0xff, 0xff, 0xff, 0xff, 0x1f};
	uint8_t eleven[11];
	uint8_t max64[] = {0xff, 0xff, 0xff, 0xff, 0xff,
			   0xff, 0xff, 0xff, 0xff, 0x01};
	struct kt_reader r;
	uint32_t u;
	uint64_t ul;
	int64_t sl;
	struct kt_buf b;

	kt_reader_init(&r, six, sizeof(six));
	kt_read_uvarint(&r, &u);
	CHECK_INT(r.err, -KT_EVARINT, "rejects 6-byte varint");
	CHECK_INT(r.off, 0, "a bad varint consumes nothing");

	kt_reader_init(&r, fifth_high, sizeof(fifth_high));
	kt_read_uvarint(&r, &u);
	CHECK_INT(r.err, -KT_EVARINT, "rejects bits beyond 32 in the 5th byte");

	memset(eleven, 0x80, sizeof(eleven));
	kt_reader_init(&r, eleven, sizeof(eleven));
	kt_read_uvarlong(&r, &ul);
	CHECK_INT(r.err, -KT_EVARINT, "rejects 11-byte varlong");

	kt_reader_init(&r, max64, sizeof(max64));
	kt_read_uvarlong(&r, &ul);
	CHECK(r.err == 0 && ul == UINT64_MAX, "10-byte varlong UINT64_MAX");

	kt_buf_init(&b, 0);
	kt_put_varlong(&b, INT64_MIN);
	kt_reader_init(&r, b.p, b.len);
	kt_read_varlong(&r, &sl);
	CHECK(r.err == 0 && sl == INT64_MIN && b.len == 10,
	      "varlong INT64_MIN round-trips in 10 bytes");
	kt_buf_reset(&b);
	kt_put_varlong(&b, INT64_MAX);
	kt_reader_init(&r, b.p, b.len);
	kt_read_varlong(&r, &sl);
	CHECK(r.err == 0 && sl == INT64_MAX, "varlong INT64_MAX round-trips");
	kt_buf_release(&b);
}

static void test_fixed(void)
{
	uint8_t in[64];
	size_t n = kt_unit_hex("01 ff fe 80 00 00 01 ff ff ff ff ff ff ff fe"
			       "3f f0 00 00 00 00 00 00 02",
			       in, sizeof(in));
	struct kt_reader r;
	int8_t i8;
	int16_t i16;
	int32_t i32;
	int64_t i64;
	double d;
	bool bo;

	kt_reader_init(&r, in, n);
	kt_read_i8(&r, &i8);
	kt_read_i16(&r, &i16);
	kt_read_i32(&r, &i32);
	kt_read_i64(&r, &i64);
	kt_read_f64(&r, &d);
	kt_read_bool(&r, &bo);
	CHECK(r.err == 0, "fixed-width reads succeed");
	CHECK_INT(i8, 1, "int8");
	CHECK_INT(i16, -2, "int16 big-endian");
	CHECK_INT(i32, -2147483647, "int32 sign");
	CHECK_INT(i64, -2, "int64 big-endian");
	CHECK(d == 1.0, "float64");
	CHECK(bo, "bool: non-zero is true");
	CHECK_INT(r.off, n, "offset counts every byte");
	CHECK_INT(r.left, 0, "nothing left");
	kt_read_i8(&r, &i8);
	CHECK_INT(r.err, -KT_ETRUNC, "read past the end fails");
	CHECK_INT(i8, 0, "failed read zeroes the value");
	CHECK_INT(r.off, n, "failed read does not move");
}

static void test_sticky(void)
{
	uint8_t in[] = {0x00, 0x01, 0x02};
	struct kt_reader r;
	int32_t v;
	int8_t b;

	kt_reader_init(&r, in, sizeof(in));
	kt_read_i32(&r, &v);
	CHECK_INT(r.err, -KT_ETRUNC, "int32 from 3 bytes truncates");
	kt_read_i8(&r, &b);
	CHECK_INT(r.err, -KT_ETRUNC, "the first error sticks");
	CHECK_INT(b, 0, "reads after an error return zero");
	CHECK_INT(r.left, 3, "reads after an error consume nothing");
}

static void test_strings(void)
{
	uint8_t in[64];
	size_t n, cut;
	struct kt_reader r;
	struct kt_bytes s1, s2, s3, s4, s5;

	/* classic "foo", classic null, compact "bar", compact null, compact
	 * empty */
	n = kt_unit_hex("0003 666f6f ffff 04 626172 00 01", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_str(&r, &s1);
	kt_read_nstr(&r, &s2);
	kt_read_cstr(&r, &s3);
	kt_read_cnstr(&r, &s4);
	kt_read_cstr(&r, &s5);
	CHECK(r.err == 0 && r.left == 0, "strings decode");
	CHECK(kt_bytes_eq(s1, "foo"), "classic string");
	CHECK(s2.p == NULL, "classic null string");
	CHECK(kt_bytes_eq(s3, "bar"), "compact string");
	CHECK(s4.p == NULL, "compact null string");
	CHECK(s5.p != NULL && s5.len == 0, "compact empty is not null");

	for (cut = 0; cut < n; cut++) {
		kt_reader_init(&r, in, cut);
		kt_read_str(&r, &s1);
		kt_read_nstr(&r, &s2);
		kt_read_cstr(&r, &s3);
		kt_read_cnstr(&r, &s4);
		kt_read_cstr(&r, &s5);
		CHECK_INT(r.err, -KT_ETRUNC, "strings cut at %zu bytes", cut);
		CHECK(s5.p == NULL && s5.len == 0,
		      "strings cut at %zu: no view past the end", cut);
	}

	kt_reader_init(&r, in + 5, 2); /* ffff */
	kt_read_str(&r, &s1);
	CHECK_INT(r.err, -KT_EBADLEN, "null refused where not nullable");
	n = kt_unit_hex("fffe", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_nstr(&r, &s1);
	CHECK_INT(r.err, -KT_EBADLEN, "length -2 refused");
	n = kt_unit_hex("7fffffff 00", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_nbytes(&r, &s1);
	CHECK_INT(r.err, -KT_ETRUNC, "huge declared length is a truncation");
	CHECK(s1.p == NULL, "huge declared length gives no view");
}

static void test_arrays(void)
{
	uint8_t in[32];
	size_t n, cnt;
	struct kt_reader r;
	int32_t c;

	n = kt_unit_hex("00000002 0001 0002", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_arr(&r, 2, &c);
	CHECK(r.err == 0 && c == 2, "classic array count");
	kt_reader_init(&r, in, n);
	kt_read_arr(&r, 3, &c);
	CHECK_INT(r.err, -KT_EBADLEN, "count larger than bytes left / min size");

	n = kt_unit_hex("ffffffff", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_arr(&r, 4, &c);
	CHECK(r.err == 0 && c == -1, "classic null array");
	kt_reader_init(&r, in, n);
	kt_read_count(&r, 4, &cnt);
	CHECK(r.err == 0 && cnt == 0, "kt_read_count: null is empty");

	n = kt_unit_hex("7fffffff", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_count(&r, 1, &cnt);
	CHECK_INT(r.err, -KT_EBADLEN, "2^31-1 elements in 0 bytes refused");

	n = kt_unit_hex("fffffffe", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_arr(&r, 1, &c);
	CHECK_INT(r.err, -KT_EBADLEN, "count -2 refused");

	n = kt_unit_hex("00 03 aa bb", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_carr(&r, 1, &c);
	CHECK(r.err == 0 && c == -1, "compact null array");
	kt_read_carr(&r, 1, &c);
	CHECK(r.err == 0 && c == 2, "compact array of 2");

	n = kt_unit_hex("ff ff ff ff 0f", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_carr(&r, 1, &c);
	CHECK_INT(r.err, -KT_EBADLEN, "compact count 2^32-2 refused");
}

struct tagseen {
	uint32_t tags[4];
	int n;
	int32_t v0;
};

static int on_tag(void *ctx, uint32_t tag, struct kt_reader *val)
{
	struct tagseen *t = ctx;

	if (t->n < 4)
		t->tags[t->n++] = tag;
	if (tag == 0)
		return kt_read_i32(val, &t->v0);
	return 0;
}

static void test_tags(void)
{
	uint8_t in[32];
	size_t n, cut;
	struct kt_reader r;
	struct tagseen t;

	/* 2 fields: tag 0 = int32 7, tag 5 = 3 unknown bytes; then a byte */
	n = kt_unit_hex("02 00 04 00000007 05 03 aabbcc 99", in, sizeof(in));
	memset(&t, 0, sizeof(t));
	kt_reader_init(&r, in, n);
	kt_read_tags(&r, on_tag, &t);
	CHECK(r.err == 0 && t.n == 2 && t.v0 == 7 && t.tags[1] == 5,
	      "tagged fields: known read, unknown skipped");
	CHECK_INT(r.left, 1, "tagged fields: stops after the section");

	kt_reader_init(&r, in, n);
	kt_read_tags(&r, NULL, NULL);
	CHECK(r.err == 0 && r.left == 1, "tagged fields skipped without cb");

	for (cut = 0; cut < n - 1; cut++) {
		kt_reader_init(&r, in, cut);
		kt_read_tags(&r, NULL, NULL);
		CHECK(r.err == -KT_ETRUNC || r.err == -KT_EBADLEN,
		      "tagged fields cut at %zu", cut);
	}

	n = kt_unit_hex("02 05 00 01 00", in, sizeof(in));
	kt_reader_init(&r, in, n);
	kt_read_tags(&r, NULL, NULL);
	CHECK_INT(r.err, -KT_EPROTO, "tags out of order refused");

	n = kt_unit_hex("01 00 02 0001", in, sizeof(in));
	memset(&t, 0, sizeof(t));
	kt_reader_init(&r, in, n);
	kt_read_tags(&r, on_tag, &t);
	CHECK_INT(r.err, -KT_ETRUNC,
		  "a field shorter than its type fails cleanly");
}

static void test_sub(void)
{
	uint8_t in[] = {1, 2, 3, 4, 5, 6};
	struct kt_reader r, sub;
	int16_t v;

	kt_reader_init(&r, in, sizeof(in));
	kt_read_skip(&r, 1);
	kt_read_sub(&r, 3, &sub);
	CHECK(r.err == 0 && r.left == 2 && r.off == 4, "sub advances parent");
	CHECK_INT(sub.off, 1, "sub inherits the parent's position");
	kt_read_i16(&sub, &v);
	kt_read_i16(&sub, &v);
	CHECK_INT(sub.err, -KT_ETRUNC, "sub is bounded by its length");
	CHECK_INT(r.err, 0, "a failed sub leaves the parent alone");
	kt_read_sub(&r, 3, &sub);
	CHECK(r.err == -KT_ETRUNC && sub.err == -KT_ETRUNC && sub.left == 0,
	      "sub longer than what is left fails both");
}

static void test_writer(void)
{
	uint8_t want[64];
	size_t n, pos;
	struct kt_buf b;
	struct kt_uuid u;

	kt_buf_init(&b, 0);
	kt_put_fcstr(&b, false, "foo");
	kt_put_fcstr(&b, false, NULL);
	kt_put_fcstr(&b, true, "bar");
	kt_put_fcstr(&b, true, NULL);
	kt_put_farr(&b, false, -1);
	kt_put_farr(&b, true, 2);
	kt_put_ftags(&b, true);
	kt_put_ftags(&b, false);
	kt_put_fbytes(&b, false, "", 0);
	kt_put_fbytes(&b, true, NULL, 0);
	n = kt_unit_hex("0003666f6f ffff 04626172 00 ffffffff 03 00 00000000 00",
			want, sizeof(want));
	CHECK(b.err == 0, "writer succeeds");
	CHECK_BYTES(b.p, b.len, want, n, "classic and compact encodings");

	kt_buf_reset(&b);
	pos = kt_buf_reserve(&b, 4);
	kt_put_i16(&b, 0x1234);
	kt_buf_patch_i32(&b, pos, (int32_t)(b.len - 4));
	n = kt_unit_hex("00000002 1234", want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "reserve and patch a length");
	kt_buf_release(&b);

	kt_buf_init(&b, 8);
	kt_put_i64(&b, 1);
	CHECK_INT(b.err, 0, "writes up to the ceiling");
	kt_put_i8(&b, 1);
	CHECK_INT(b.err, -KT_ETOOBIG, "write past the ceiling fails");
	kt_put_i8(&b, 1);
	CHECK_INT(b.len, 8, "after a failure nothing is written");
	CHECK(kt_buf_detach(&b, &n) == NULL && n == 0,
	      "detach of a failed buffer gives nothing");
	kt_buf_release(&b);

	kt_buf_init(&b, 0);
	kt_put_str(&b, NULL, 0);
	CHECK_INT(b.err, -KT_EINVAL, "null refused by the non-null writer");
	kt_buf_release(&b);

	kt_buf_init(&b, 0);
	kt_buf_printf(&b, "%s-%d", "a", 42);
	kt_buf_puts(&b, "!");
	CHECK_STR((const char *)b.p, "a-42!", "printf and puts keep a C string");
	kt_buf_release(&b);

	/* Kafka's Uuid.toString: URL-safe base64, no padding */
	memset(u.b, 0, 16);
	u.b[15] = 1;
	{
		char s[23];
		struct kt_uuid back;

		kt_uuid_str(&u, s);
		CHECK_STR(s, "AAAAAAAAAAAAAAAAAAAAAQ", "uuid text form");
		CHECK(kt_uuid_parse(s, &back) == 0 &&
			      memcmp(back.b, u.b, 16) == 0,
		      "uuid parses back");
		for (n = 0; n < 16; n++)
			u.b[n] = (uint8_t)(0xf0 + n);
		kt_uuid_str(&u, s);
		CHECK(kt_uuid_parse(s, &back) == 0 &&
			      memcmp(back.b, u.b, 16) == 0,
		      "uuid round trip %s", s);
		CHECK(kt_uuid_parse("AAAAAAAAAAAAAAAAAAAAAR", &back) < 0,
		      "uuid with stray low bits refused");
		CHECK(kt_uuid_parse("short", &back) < 0,
		      "uuid of wrong length refused");
	}
}

void test_buf(void)
{
	test_varint_vectors();
	test_varint_limits();
	test_fixed();
	test_sticky();
	test_strings();
	test_arrays();
	test_tags();
	test_sub();
	test_writer();
}
