/*
 * test_proto.c - request headers (protocol.md section 4 byte examples),
 * response headers, ApiVersions decode of golden answers of a real Kafka
 * 4.3.1 broker (v0, v3, v4, the UNSUPPORTED_VERSION fallback) with every
 * truncation, the version chooser, and the API key table.
 */
#include "unit.h"

#include "wire/kerr.h"
#include "wire/proto.h"

#include <stdlib.h>

void test_proto(void);

/* ApiVersions v0 response frame (after the size) from Kafka 4.3.1, correlation
 * 1 (460 bytes) */
static const char av0_resp[] = "00 00 00 01 00 00 00 00 00 4b 00 00 00 00 00 "
			       "0d 00 01 00 04 00 12 00 02"
			       "00 01 00 0b 00 03 00 00 00 0d 00 08 00 02 00 "
			       "0a 00 09 00 01 00 0a 00 0a"
			       "00 00 00 06 00 0b 00 00 00 09 00 0c 00 00 00 "
			       "04 00 0d 00 00 00 05 00 0e"
			       "00 00 00 05 00 0f 00 00 00 06 00 10 00 00 00 "
			       "05 00 11 00 00 00 01 00 12"
			       "00 00 00 04 00 13 00 02 00 07 00 14 00 01 00 "
			       "06 00 15 00 00 00 02 00 16"
			       "00 00 00 05 00 17 00 02 00 04 00 18 00 00 00 "
			       "05 00 19 00 00 00 04 00 1a"
			       "00 00 00 05 00 1b 00 01 00 02 00 1c 00 00 00 "
			       "05 00 1d 00 01 00 03 00 1e"
			       "00 01 00 03 00 1f 00 01 00 03 00 20 00 01 00 "
			       "04 00 21 00 00 00 02 00 22"
			       "00 01 00 02 00 23 00 01 00 05 00 24 00 00 00 "
			       "02 00 25 00 00 00 03 00 26"
			       "00 01 00 03 00 27 00 01 00 02 00 28 00 01 00 "
			       "02 00 29 00 01 00 03 00 2a"
			       "00 00 00 02 00 2b 00 00 00 02 00 2c 00 00 00 "
			       "01 00 2d 00 00 00 01 00 2e"
			       "00 00 00 00 00 2f 00 00 00 00 00 30 00 00 00 "
			       "01 00 31 00 00 00 01 00 32"
			       "00 00 00 00 00 33 00 00 00 00 00 37 00 00 00 "
			       "02 00 39 00 00 00 02 00 3c"
			       "00 00 00 02 00 3d 00 00 00 00 00 40 00 00 00 "
			       "00 00 41 00 00 00 00 00 42"
			       "00 00 00 02 00 44 00 00 00 01 00 45 00 00 00 "
			       "01 00 4a 00 00 00 01 00 4b"
			       "00 00 00 00 00 4c 00 01 00 01 00 4d 00 01 00 "
			       "01 00 4e 00 01 00 02 00 4f"
			       "00 01 00 02 00 50 00 00 00 01 00 51 00 00 00 "
			       "00 00 53 00 00 00 00 00 54"
			       "00 00 00 00 00 55 00 00 00 01 00 56 00 00 00 "
			       "00 00 57 00 00 00 01 00 58"
			       "00 00 00 00 00 59 00 00 00 00 00 5a 00 00 00 "
			       "01 00 5b 00 00 00 00 00 5c"
			       "00 00 00 00";

/* The 528 bytes that open both ApiVersions frames below (Kafka 4.3.1):
 * correlation id 1, error code 0 and the ApiKeys array up to key 92. */
#define AV_API_KEYS                                                            \
	"00 00 00 01 00 00 4c 00 00 00 00 00 0d 00 00 01 "                     \
	"00 04 00 12 00 00 02 00 01 00 0b 00 00 03 00 00 "                     \
	"00 0d 00 00 08 00 02 00 0a 00 00 09 00 01 00 0a "                     \
	"00 00 0a 00 00 00 06 00 00 0b 00 00 00 09 00 00 "                     \
	"0c 00 00 00 04 00 00 0d 00 00 00 05 00 00 0e 00 "                     \
	"00 00 05 00 00 0f 00 00 00 06 00 00 10 00 00 00 "                     \
	"05 00 00 11 00 00 00 01 00 00 12 00 00 00 04 00 "                     \
	"00 13 00 02 00 07 00 00 14 00 01 00 06 00 00 15 "                     \
	"00 00 00 02 00 00 16 00 00 00 05 00 00 17 00 02 "                     \
	"00 04 00 00 18 00 00 00 05 00 00 19 00 00 00 04 "                     \
	"00 00 1a 00 00 00 05 00 00 1b 00 01 00 02 00 00 "                     \
	"1c 00 00 00 05 00 00 1d 00 01 00 03 00 00 1e 00 "                     \
	"01 00 03 00 00 1f 00 01 00 03 00 00 20 00 01 00 "                     \
	"04 00 00 21 00 00 00 02 00 00 22 00 01 00 02 00 "                     \
	"00 23 00 01 00 05 00 00 24 00 00 00 02 00 00 25 "                     \
	"00 00 00 03 00 00 26 00 01 00 03 00 00 27 00 01 "                     \
	"00 02 00 00 28 00 01 00 02 00 00 29 00 01 00 03 "                     \
	"00 00 2a 00 00 00 02 00 00 2b 00 00 00 02 00 00 "                     \
	"2c 00 00 00 01 00 00 2d 00 00 00 01 00 00 2e 00 "                     \
	"00 00 00 00 00 2f 00 00 00 00 00 00 30 00 00 00 "                     \
	"01 00 00 31 00 00 00 01 00 00 32 00 00 00 00 00 "                     \
	"00 33 00 00 00 00 00 00 37 00 00 00 02 00 00 39 "                     \
	"00 00 00 02 00 00 3c 00 00 00 02 00 00 3d 00 00 "                     \
	"00 00 00 00 40 00 00 00 00 00 00 41 00 00 00 00 "                     \
	"00 00 42 00 00 00 02 00 00 44 00 00 00 01 00 00 "                     \
	"45 00 00 00 01 00 00 4a 00 00 00 01 00 00 4b 00 "                     \
	"00 00 00 00 00 4c 00 01 00 01 00 00 4d 00 01 00 "                     \
	"01 00 00 4e 00 01 00 02 00 00 4f 00 01 00 02 00 "                     \
	"00 50 00 00 00 01 00 00 51 00 00 00 00 00 00 53 "                     \
	"00 00 00 00 00 00 54 00 00 00 00 00 00 55 00 00 "                     \
	"00 01 00 00 56 00 00 00 00 00 00 57 00 00 00 01 "                     \
	"00 00 58 00 00 00 00 00 00 59 00 00 00 00 00 00 "                     \
	"5a 00 00 00 01 00 00 5b 00 00 00 00 00 00 5c 00 "

/* ApiVersions v3 response frame from Kafka 4.3.1 (739 bytes) */
static const char av3_resp[] = AV_API_KEYS
	"00 00 00 00 00 00 00 00 03 00 17 02 11 6d 65 74 61 64 61 74 61 2e 76 "
	"65"
	"72 73 69 6f 6e 00 07 00 1e 00 01 08 00 00 00 00 00 00 00 fd 02 a4 01 "
	"08"
	"0e 67 72 6f 75 70 2e 76 65 72 73 69 6f 6e 00 01 00 01 00 0e 6b 72 61 "
	"66"
	"74 2e 76 65 72 73 69 6f 6e 00 01 00 01 00 0e 73 68 61 72 65 2e 76 65 "
	"72"
	"73 69 6f 6e 00 01 00 01 00 11 6d 65 74 61 64 61 74 61 2e 76 65 72 73 "
	"69"
	"6f 6e 00 1e 00 1e 00 10 73 74 72 65 61 6d 73 2e 76 65 72 73 69 6f 6e "
	"00"
	"01 00 01 00 14 74 72 61 6e 73 61 63 74 69 6f 6e 2e 76 65 72 73 69 6f "
	"6e"
	"00 02 00 02 00 21 65 6c 69 67 69 62 6c 65 2e 6c 65 61 64 65 72 2e 72 "
	"65"
	"70 6c 69 63 61 73 2e 76 65 72 73 69 6f 6e 00 01 00 01 00";

/* ApiVersions v4 response frame from Kafka 4.3.1 (881 bytes) */
static const char av4_resp[] = AV_API_KEYS
	"00 00 00 00 00 00 00 00 03 00 a4 01 08 0e 67 72 6f 75 70 2e 76 65 72 "
	"73"
	"69 6f 6e 00 00 00 01 00 0e 6b 72 61 66 74 2e 76 65 72 73 69 6f 6e 00 "
	"00"
	"00 01 00 11 6d 65 74 61 64 61 74 61 2e 76 65 72 73 69 6f 6e 00 07 00 "
	"1e"
	"00 0e 73 68 61 72 65 2e 76 65 72 73 69 6f 6e 00 00 00 01 00 10 73 74 "
	"72"
	"65 61 6d 73 2e 76 65 72 73 69 6f 6e 00 00 00 01 00 14 74 72 61 6e 73 "
	"61"
	"63 74 69 6f 6e 2e 76 65 72 73 69 6f 6e 00 00 00 02 00 21 65 6c 69 67 "
	"69"
	"62 6c 65 2e 6c 65 61 64 65 72 2e 72 65 70 6c 69 63 61 73 2e 76 65 72 "
	"73"
	"69 6f 6e 00 00 00 01 00 01 08 00 00 00 00 00 00 00 fd 02 a4 01 08 0e "
	"67"
	"72 6f 75 70 2e 76 65 72 73 69 6f 6e 00 01 00 01 00 0e 6b 72 61 66 74 "
	"2e"
	"76 65 72 73 69 6f 6e 00 01 00 01 00 0e 73 68 61 72 65 2e 76 65 72 73 "
	"69"
	"6f 6e 00 01 00 01 00 11 6d 65 74 61 64 61 74 61 2e 76 65 72 73 69 6f "
	"6e"
	"00 1e 00 1e 00 10 73 74 72 65 61 6d 73 2e 76 65 72 73 69 6f 6e 00 01 "
	"00"
	"01 00 14 74 72 61 6e 73 61 63 74 69 6f 6e 2e 76 65 72 73 69 6f 6e 00 "
	"02"
	"00 02 00 21 65 6c 69 67 69 62 6c 65 2e 6c 65 61 64 65 72 2e 72 65 70 "
	"6c"
	"69 63 61 73 2e 76 65 72 73 69 6f 6e 00 01 00 01 00";

/* answer of Kafka 4.3.1 to an ApiVersions v9 request: UNSUPPORTED_VERSION in
 * the v0 layout (16 bytes) */
static const char av9_resp[] =
	"00 00 00 01 00 23 00 00 00 01 00 12 00 00 00 04";

/* Build a request frame: header + optional ApiVersions body. */
static void frame(struct kt_buf *b, int16_t key, int16_t ver, int32_t corr,
		  const char *cid)
{
	struct kt_err e;

	kt_buf_init(b, 0);
	kt_req_begin(b, key, ver, corr, cid, &e);
}

static void test_request_headers(void)
{
	uint8_t want[128];
	struct kt_buf b;
	struct kt_err e;
	size_t n;
	int r;

	/* protocol.md section 4, verbatim */
	frame(&b, KT_API_API_VERSIONS, 3, 1, "cli");
	kt_apiversions_req_encode(&b, 3, "kafka-cli", "0.1.0", &e);
	r = kt_req_end(&b, &e);
	n = kt_unit_hex("00 00 00 1f | 00 12 00 03 00 00 00 01 00 03 63 6c 69 "
			"00 | 0a 6b 61 66 6b 61 2d 63 6c 69 06 30 2e 31 2e 30 "
			"00",
			want, sizeof(want));
	CHECK_INT(r, 0, "apiversions v3 request builds");
	CHECK_BYTES(b.p, b.len, want, n, "apiversions v3 request bytes");
	kt_buf_release(&b);

	frame(&b, KT_API_API_VERSIONS, 0, 1, "cli");
	kt_apiversions_req_encode(&b, 0, "kafka-cli", "0.1.0", &e);
	kt_req_end(&b, &e);
	n = kt_unit_hex("00 00 00 0d 00 12 00 00 00 00 00 01 00 03 63 6c 69",
			want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "apiversions v0 request bytes");
	kt_buf_release(&b);

	/* header v0 only for ControlledShutdown v0: no client id */
	frame(&b, KT_API_CONTROLLED_SHUTDOWN, 0, 7, "cli");
	kt_req_end(&b, &e);
	n = kt_unit_hex("00 00 00 08 00 07 00 00 00 00 00 07", want,
			sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "request header v0 bytes");
	kt_buf_release(&b);

	/* null client id */
	frame(&b, KT_API_METADATA, 4, 2, NULL);
	n = kt_unit_hex("00 00 00 00 00 03 00 04 00 00 00 02 ff ff", want,
			sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "request header v1 null client id");
	kt_buf_release(&b);

	/* a non-empty buffer is refused */
	kt_buf_init(&b, 0);
	kt_put_i8(&b, 1);
	CHECK_INT(kt_req_begin(&b, 3, 12, 1, "x", &e), -KT_EINVAL,
		  "req_begin refuses a non-empty buffer");
	kt_buf_release(&b);

	/* a failed buffer is reported by req_end */
	kt_buf_init(&b, 16);
	kt_req_begin(&b, KT_API_API_VERSIONS, 3, 1, "a-long-client-id", &e);
	CHECK_INT(kt_req_end(&b, &e), -KT_ETOOBIG,
		  "req_end reports a buffer over its ceiling");
	kt_buf_release(&b);

	CHECK(kt_apiversions_req_encode(&b, 3, "-bad", "1", &e) == -KT_EINVAL,
	      "apiversions refuses a software name the broker would refuse");
	CHECK(kt_apiversions_req_encode(&b, 5, "a", "1", &e) == -KT_EINVAL,
	      "apiversions refuses version 5");
}

static void test_response_headers(void)
{
	uint8_t buf[16];
	struct kt_reader r;
	struct kt_err e;
	int32_t corr;
	size_t n;

	n = kt_unit_hex("00 00 00 2a 00 05", buf, sizeof(buf));
	kt_reader_init(&r, buf, n);
	CHECK_INT(kt_resp_header_read(&r, KT_API_METADATA, 8, &corr, &e), 0,
		  "response header v0 reads");
	CHECK(corr == 42 && r.left == 2, "response header v0: corr, body");

	/* v1: tagged fields (one unknown tag, 1 byte) are skipped */
	n = kt_unit_hex("00 00 00 2a 01 05 01 ff 07", buf, sizeof(buf));
	kt_reader_init(&r, buf, n);
	CHECK_INT(kt_resp_header_read(&r, KT_API_METADATA, 12, &corr, &e), 0,
		  "response header v1 reads");
	CHECK(corr == 42 && r.left == 1 && r.p[0] == 7,
	      "response header v1 skips tags");

	/* ApiVersions v3 is flexible but its response header stays v0 */
	n = kt_unit_hex("00 00 00 2a 01 05", buf, sizeof(buf));
	kt_reader_init(&r, buf, n);
	kt_resp_header_read(&r, KT_API_API_VERSIONS, 3, &corr, &e);
	CHECK(r.err == 0 && r.left == 2, "apiversions v3: response header v0");
	CHECK_INT(kt_resp_header_version(KT_API_API_VERSIONS, 4), 0,
		  "apiversions response header version");
	CHECK_INT(kt_req_header_version(KT_API_API_VERSIONS, 3), 2,
		  "apiversions v3 request header version");
	CHECK_INT(kt_req_header_version(KT_API_METADATA, 8), 1,
		  "metadata v8 request header version");
	CHECK_INT(kt_resp_header_version(KT_API_METADATA, 9), 1,
		  "metadata v9 response header version");

	/* truncations */
	n = kt_unit_hex("00 00 00 2a 00", buf, sizeof(buf));
	for (; n > 0; n--) {
		kt_reader_init(&r, buf, n - 1);
		CHECK_INT(
			kt_resp_header_read(&r, KT_API_METADATA, 12, &corr, &e),
			-KT_ETRUNC, "response header v1 cut to %zu", n - 1);
	}
}

/* Decode a golden ApiVersions frame; returns body offset in *boff. */
static int decode_av(const char *hex, int16_t ver, uint8_t *buf, size_t cap,
		     size_t *len, struct kt_apivers *av)
{
	struct kt_reader r;
	struct kt_err e;
	int32_t corr;

	*len = kt_unit_hex(hex, buf, cap);
	kt_reader_init(&r, buf, *len);
	if (kt_resp_header_read(&r, KT_API_API_VERSIONS, ver, &corr, &e))
		return -1;
	return kt_apiversions_resp_decode(r.p, r.left, ver, av, &e);
}

static void every_truncation(const char *hex, int16_t ver, const char *what)
{
	uint8_t buf[1024];
	size_t n = kt_unit_hex(hex, buf, sizeof(buf)), i;
	int bad = 0;

	for (i = 4; i < n; i++) {
		struct kt_apivers av;
		struct kt_err e;
		int r;

		kt_err_clear(&e);
		r = kt_apiversions_resp_decode(buf + 4, i - 4, ver, &av, &e);
		if (r >= 0 || e.code == 0 || !strstr(e.msg, "at byte"))
			bad++;
		kt_apivers_release(&av);
	}
	CHECK_INT(bad, 0, "%s: every truncation fails cleanly", what);
}

static void test_apiversions_golden(void)
{
	uint8_t buf[1024];
	struct kt_apivers av;
	int16_t min, max, v;
	struct kt_err e;
	size_t len, i;
	bool found = false;

	CHECK_INT(decode_av(av0_resp, 0, buf, sizeof(buf), &len, &av), 0,
		  "apiversions v0 golden decodes");
	CHECK(av.error_code == 0 && av.n_apis == 75, "apiversions v0: 75 apis");
	CHECK(kt_apivers_range(&av, KT_API_PRODUCE, &min, &max) && min == 0 &&
		      max == 13,
	      "apiversions v0: Produce 0..13 (KAFKA-18659)");
	CHECK(kt_apivers_range(&av, KT_API_FETCH, &min, &max) && min == 4 &&
		      max == 18,
	      "apiversions v0: Fetch 4..18");
	CHECK(!kt_apivers_range(&av, KT_API_LEADER_AND_ISR, NULL, NULL),
	      "apiversions v0: no LeaderAndIsr in 4.x");
	CHECK_INT(kt_apivers_retry_version(&av, 0), -1,
		  "apiversions v0: no retry on success");
	kt_apivers_release(&av);
	every_truncation(av0_resp, 0, "apiversions v0");

	CHECK_INT(decode_av(av3_resp, 3, buf, sizeof(buf), &len, &av), 0,
		  "apiversions v3 golden decodes");
	CHECK(av.n_apis == 75 && av.throttle_time_ms == 0,
	      "apiversions v3: 75 apis, as in v0");
	for (i = 0; i < av.n_finalized_features; i++)
		if (strcmp(av.finalized_features[i].name, "metadata.version") ==
		    0)
			found = true;
	CHECK(found && av.finalized_features_epoch > 0,
	      "apiversions v3: finalized metadata.version and epoch");
	CHECK(av.n_supported_features > 0,
	      "apiversions v3: supported features");
	CHECK_INT(kt_api_pick(&av, KT_API_METADATA, &v, &e), 0,
		  "pick metadata");
	CHECK_INT(v, 13, "pick metadata v13 on 4.3");
	CHECK_INT(kt_api_pick(&av, KT_API_PRODUCE, &v, &e), 0, "pick produce");
	CHECK_INT(v, 12, "pick produce caps at kafkit's max");
	kt_apivers_release(&av);
	every_truncation(av3_resp, 3, "apiversions v3");

	CHECK_INT(decode_av(av4_resp, 4, buf, sizeof(buf), &len, &av), 0,
		  "apiversions v4 golden decodes");
	CHECK(av.n_supported_features >= 1, "apiversions v4: features");
	kt_apivers_release(&av);
	every_truncation(av4_resp, 4, "apiversions v4");

	/* the v0-layout UNSUPPORTED_VERSION answer to a too-new request */
	CHECK_INT(decode_av(av9_resp, 9, buf, sizeof(buf), &len, &av), 0,
		  "apiversions fallback answer decodes");
	CHECK(av.error_code == KT_KERR_UNSUPPORTED_VERSION && av.version == 0 &&
		      av.n_apis == 1 && av.apis[0].api_key == 18 &&
		      av.apis[0].max_version == 4,
	      "apiversions fallback: error 35, v0 layout, its own range");
	CHECK_INT(kt_apivers_retry_version(&av, 9), 4, "retry with v4");
	CHECK_INT(kt_apivers_retry_version(&av, 4), -1, "no retry loop");
	kt_apivers_release(&av);
	every_truncation(av9_resp, 9, "apiversions fallback");

	/* an old broker lists nothing: retry with v0 */
	len = kt_unit_hex("00 23 00 00 00 00", buf, sizeof(buf));
	CHECK_INT(kt_apiversions_resp_decode(buf, len, 3, &av, &e), 0,
		  "empty fallback answer decodes");
	CHECK_INT(kt_apivers_retry_version(&av, 3), 0, "retry with v0");
	kt_apivers_release(&av);

	/* a count larger than the bytes left is refused before malloc */
	len = kt_unit_hex("00 00 7f ff ff ff", buf, sizeof(buf));
	CHECK_INT(kt_apiversions_resp_decode(buf, len, 0, &av, &e), -KT_EBADLEN,
		  "huge api count refused");
	kt_apivers_release(&av);
}

static void test_pick(void)
{
	struct kt_api_range r[] = {
		{KT_API_METADATA, 0, 0},
		{KT_API_FETCH, 4, 18},
		{KT_API_API_VERSIONS, 0, 4},
		{KT_API_PRODUCE, 14, 15},
	};
	struct kt_apivers av;
	struct kt_err e;
	int16_t v = -1;

	memset(&av, 0, sizeof(av));
	av.apis = r;
	av.n_apis = 4;
	CHECK_INT(kt_api_pick(&av, KT_API_FETCH, &v, &e), 0, "pick overlap");
	CHECK_INT(v, 12, "pick: min of both maxima");
	CHECK_INT(kt_api_pick(&av, KT_API_METADATA, &v, &e), 0,
		  "pick metadata v0");
	CHECK_INT(v, 0, "pick: metadata v0 on an old broker");
	kt_err_clear(&e);
	CHECK_INT(kt_api_pick(&av, KT_API_PRODUCE, &v, &e), -KT_EUNSUPPORTED,
		  "pick: no overlap");
	CHECK_STR(e.msg,
		  "broker does not support Produce v3..v12 (it speaks "
		  "v14..v15)",
		  "pick: no-overlap message names both ranges");
	CHECK_INT(kt_api_pick(&av, KT_API_LIST_OFFSETS, &v, &e),
		  -KT_EUNSUPPORTED, "pick: api absent");
	CHECK_STR(e.msg,
		  "broker does not offer ListOffsets (kafkit speaks "
		  "v1..v11)",
		  "pick: absent message");
	CHECK_INT(kt_api_pick(&av, KT_API_VOTE, &v, &e), -KT_EINVAL,
		  "pick: api kafkit does not speak");
	CHECK_INT(kt_api_pick(&av, 999, &v, &e), -KT_EINVAL,
		  "pick: unknown key");
}

static void test_api_table(void)
{
	int16_t k;
	int bad = 0;

	for (k = 0; k < KT_API_KEY_COUNT; k++) {
		const struct kt_api_info *a = kt_api_info(k);

		if (!a || a->key != k || !a->name ||
		    (a->client_min >= 0 && a->client_max < a->client_min))
			bad++;
	}
	CHECK_INT(bad, 0, "api table: one consistent row per key");
	CHECK(kt_api_info(-1) == NULL && kt_api_info(KT_API_KEY_COUNT) == NULL,
	      "api table: out of range keys");
	CHECK_STR(kt_api_name(KT_API_DESCRIBE_TOPIC_PARTITIONS),
		  "DescribeTopicPartitions", "api name 75");
	CHECK_STR(kt_api_name(500), "Unknown", "api name unknown");
	CHECK(kt_api_flexible(KT_API_METADATA, 9) &&
		      !kt_api_flexible(KT_API_METADATA, 8),
	      "metadata flexible from v9");
	CHECK(!kt_api_flexible(KT_API_SASL_HANDSHAKE, 1),
	      "sasl handshake never flexible");
	/* KIP-896 floors */
	CHECK(kt_api_info(KT_API_PRODUCE)->client_min == 3 &&
		      kt_api_info(KT_API_FETCH)->client_min == 4 &&
		      kt_api_info(KT_API_CREATE_TOPICS)->client_min == 2,
	      "client ranges start at the 4.x floors");
}

void test_proto(void)
{
	test_request_headers();
	test_response_headers();
	test_apiversions_golden();
	test_pick();
	test_api_table();
}
