/*
 * test_proto_sasl.c - SaslHandshake and SaslAuthenticate bodies: encoders
 * against golden bytes, decoders on golden responses, every truncation,
 * trailing bytes, absurd counts and nulls where the schema forbids them.
 *
 * The first golden bytes were written by hand from the Kafka 4.3 schemas
 * (SaslHandshake*.json, SaslAuthenticate*.json). The captured ones (cap_*)
 * come from an Apache Kafka 4.3.1 broker (the one tests/sasl.bats starts:
 * PLAIN, SCRAM-SHA-512, SCRAM-SHA-256 and OAUTHBEARER on its SASL
 * listener): a throwaway Python script (stdlib socket and struct, not
 * committed) sent each request with a request header v1 (v2 when flexible)
 * and dumped the response body after the response header.
 */
#include "proto_test.h"

#include "proto/sasl.h"

void test_proto_sasl(void);

/* Mechanisms [PLAIN, SCRAM-SHA-512, SCRAM-SHA-256], no error. */
static const char handshake_resp[] =
	"0000 00000003 0005504c41494e 000d534352414d2d5348412d353132"
	"000d534352414d2d5348412d323536";
/* UNSUPPORTED_SASL_MECHANISM (33) and what the listener offers. */
static const char handshake_bad_resp[] =
	"0021 00000002 0005504c41494e 000d534352414d2d5348412d353132";
/* SASL_AUTHENTICATION_FAILED (58) with the broker's text, v0. */
static const char auth_v0_err_resp[] =
	"003a 0068"
	"41757468656e7469636174696f6e206661696c656420647572696e672061757468"
	"656e7469636174696f6e2064756520746f20696e76616c69642063726564656e74"
	"69616c732077697468205341534c206d656368616e69736d20534352414d2d5348"
	"412d353132"
	"00000000";
/* A SCRAM server-final message, null error message, no session expiry. */
static const char auth_v1_resp[] =
	"0000 ffff 0000002e"
	"763d36727269545242693233577052522f777475702b6d4d68555a556e2f644235"
	"6e4c544a52736a6c393547343d"
	"0000000000000000";
/* The same as v2 (compact, tagged fields), session lifetime 3600000 ms. */
static const char auth_v2_resp[] =
	"0000 00 2f"
	"763d36727269545242693233577052522f777475702b6d4d68555a556e2f644235"
	"6e4c544a52736a6c393547343d"
	"000000000036ee80 00";

/* SaslHandshake v1 "SCRAM-SHA-512" on the SASL listener. */
static const char cap_handshake_v1[] =
	"0000 00000004 0005504c41494e 000d534352414d2d5348412d353132"
	"000d534352414d2d5348412d323536 000b4f41555448424541524552";
/* SaslHandshake v0 "PLAIN" on the PLAINTEXT listener: ILLEGAL_SASL_STATE,
 * no mechanisms. */
static const char cap_handshake_v0_plaintext[] = "0022 00000000";
/* SaslAuthenticate v2 with "n,,n=bob,r=kafkitcapturenonce": an empty
 * error message (not null) and the server-first-message. */
static const char cap_auth_v2_first[] =
	"0000 01 5c"
	"723d6b61666b6974636170747572656e6f6e63656c3578736771323971726c7665"
	"6962646168726d356236676f2c733d6447646d65475a6861475a71656d7470595468"
	"315a336b334d334d305a32783263513d3d2c693d34303936"
	"0000000000000000 00";
/* ... then a wrong proof: SASL_AUTHENTICATION_FAILED with the text. */
static const char cap_auth_v2_fail[] =
	"003a 69"
	"41757468656e7469636174696f6e206661696c656420647572696e67206175746865"
	"6e7469636174696f6e2064756520746f20696e76616c69642063726564656e746961"
	"6c732077697468205341534c206d656368616e69736d20534352414d2d5348412d35"
	"3132"
	"01 0000000000000000 00";
/* PLAIN with a wrong password, SaslAuthenticate v0 and v1. */
static const char cap_auth_v0_fail[] =
	"003a 0033"
	"41757468656e7469636174696f6e206661696c65643a20496e76616c696420757365"
	"726e616d65206f722070617373776f7264"
	"00000000";
static const char cap_auth_v1_fail[] =
	"003a 0033"
	"41757468656e7469636174696f6e206661696c65643a20496e76616c696420757365"
	"726e616d65206f722070617373776f7264"
	"00000000 0000000000000000";
/* PLAIN accepted, v1: an empty (not null) message, no token, no expiry. */
static const char cap_auth_v1_ok[] = "0000 0000 00000000 0000000000000000";

KT_TEST_DEC_ARENA(hs, kt_sasl_handshake_resp, kt_sasl_handshake_resp_decode,
		  kt_sasl_handshake_resp_release)
KT_TEST_DEC_ARENA(auth, kt_sasl_authenticate_resp,
		  kt_sasl_authenticate_resp_decode,
		  kt_sasl_authenticate_resp_release)

static void encoders(void)
{
	static const uint8_t plain[] = {0, 'u', 0, 'p'};
	struct kt_buf b;

	kt_buf_init(&b, 0);
	kt_test_encoded(kt_sasl_handshake_req_encode(&b, 1, "PLAIN"), &b,
			"0005 504c41494e", "SaslHandshake v1");
	kt_buf_reset(&b);
	kt_test_encoded(kt_sasl_handshake_req_encode(&b, 0, "SCRAM-SHA-256"),
			&b, "000d 534352414d2d5348412d323536",
			"SaslHandshake v0");
	kt_buf_reset(&b);
	kt_test_encoded(kt_sasl_authenticate_req_encode(&b, 0, plain, 4), &b,
			"00000004 00750070", "SaslAuthenticate v0");
	kt_buf_reset(&b);
	kt_test_encoded(kt_sasl_authenticate_req_encode(&b, 1, plain, 4), &b,
			"00000004 00750070", "SaslAuthenticate v1");
	kt_buf_reset(&b);
	kt_test_encoded(kt_sasl_authenticate_req_encode(&b, 2, plain, 4), &b,
			"05 00750070 00", "SaslAuthenticate v2");
	kt_buf_reset(&b);
	kt_test_encoded(kt_sasl_authenticate_req_encode(&b, 2, NULL, 0), &b,
			"01 00", "SaslAuthenticate v2 empty token");
	kt_buf_reset(&b);
	CHECK_INT(kt_sasl_handshake_req_encode(&b, 2, "PLAIN"),
		  -KT_EUNSUPPORTED, "SaslHandshake v2 refused");
	kt_buf_release(&b);
	kt_buf_init(&b, 0);
	CHECK_INT(kt_sasl_authenticate_req_encode(&b, 3, plain, 4),
		  -KT_EUNSUPPORTED, "SaslAuthenticate v3 refused");
	kt_buf_release(&b);
}

static void decoded_fields(void)
{
	struct kt_sasl_handshake_resp h;
	struct kt_sasl_authenticate_resp a;
	struct kt_err e;
	uint8_t *p;
	size_t n;

	n = kt_test_hex(handshake_bad_resp, &p);
	CHECK_INT(kt_sasl_handshake_resp_decode(p, n, 1, &h, &e), 0,
		  "handshake: decodes");
	CHECK_INT(h.error_code, 33, "handshake: error code");
	CHECK_INT(h.n_mechanisms, 2, "handshake: two mechanisms");
	if (h.n_mechanisms == 2) {
		CHECK_STR(h.mechanisms[0], "PLAIN", "handshake: first");
		CHECK_STR(h.mechanisms[1], "SCRAM-SHA-512",
			  "handshake: second");
	}
	kt_sasl_handshake_resp_release(&h);
	kt_sasl_handshake_resp_release(&h);
	free(p);

	n = kt_test_hex(auth_v0_err_resp, &p);
	CHECK_INT(kt_sasl_authenticate_resp_decode(p, n, 0, &a, &e), 0,
		  "authenticate v0: decodes");
	CHECK_INT(a.error_code, 58, "authenticate v0: error code");
	CHECK_STR(a.error_message,
		  "Authentication failed during authentication due to "
		  "invalid credentials with SASL mechanism SCRAM-SHA-512",
		  "authenticate v0: error message");
	CHECK(a.auth_bytes.p && a.auth_bytes.len == 0,
	      "authenticate v0: empty token, not null");
	kt_sasl_authenticate_resp_release(&a);
	free(p);

	n = kt_test_hex(cap_auth_v2_first, &p);
	CHECK_INT(kt_sasl_authenticate_resp_decode(p, n, 2, &a, &e), 0,
		  "captured server-first: decodes");
	CHECK(a.auth_bytes.len == 91 &&
		      memcmp(a.auth_bytes.p, "r=kafkitcapturenonce", 20) == 0,
	      "captured server-first: extends our nonce");
	kt_sasl_authenticate_resp_release(&a);
	free(p);

	n = kt_test_hex(auth_v2_resp, &p);
	CHECK_INT(kt_sasl_authenticate_resp_decode(p, n, 2, &a, &e), 0,
		  "authenticate v2: decodes");
	CHECK(a.error_message == NULL, "authenticate v2: null message");
	CHECK_INT(a.auth_bytes.len, 46, "authenticate v2: token length");
	CHECK(a.auth_bytes.len == 46 &&
		      memcmp(a.auth_bytes.p, "v=6rriTRBi23", 12) == 0,
	      "authenticate v2: token bytes");
	CHECK_INT(a.session_lifetime_ms, 3600000,
		  "authenticate v2: session lifetime");
	kt_sasl_authenticate_resp_release(&a);
	free(p);
}

static const struct kt_test_dec_case cases[] = {
	{dec_hs, handshake_resp, 1, KT_TEST_ROBUST, "handshake v1"},
	{dec_hs, handshake_resp, 0, KT_TEST_ROBUST, "handshake v0"},
	{dec_hs, handshake_bad_resp, 1, KT_TEST_ROBUST, "handshake error"},
	{dec_hs, "0000 7fffffff 0005504c41494e", 1, -KT_EBADLEN,
	 "handshake: absurd count refused"},
	{dec_hs, "0000 ffffffff", 1, -KT_EBADLEN,
	 "handshake: null mechanisms refused"},
	{dec_hs, "0000 00000001 ffff", 1, -KT_EBADLEN,
	 "handshake: null mechanism refused"},
	{dec_hs, handshake_resp, 2, -KT_EUNSUPPORTED,
	 "handshake v2 unsupported"},
	{dec_auth, auth_v0_err_resp, 0, KT_TEST_ROBUST, "authenticate v0"},
	{dec_auth, auth_v1_resp, 1, KT_TEST_ROBUST, "authenticate v1"},
	{dec_auth, auth_v2_resp, 2, KT_TEST_ROBUST, "authenticate v2"},
	{dec_hs, cap_handshake_v1, 1, KT_TEST_ROBUST, "captured handshake v1"},
	{dec_hs, cap_handshake_v0_plaintext, 0, KT_TEST_ROBUST,
	 "captured handshake v0 on PLAINTEXT"},
	{dec_auth, cap_auth_v2_first, 2, KT_TEST_ROBUST,
	 "captured server-first v2"},
	{dec_auth, cap_auth_v2_fail, 2, KT_TEST_ROBUST,
	 "captured scram failure v2"},
	{dec_auth, cap_auth_v0_fail, 0, KT_TEST_ROBUST,
	 "captured plain failure v0"},
	{dec_auth, cap_auth_v1_fail, 1, KT_TEST_ROBUST,
	 "captured plain failure v1"},
	{dec_auth, cap_auth_v1_ok, 1, KT_TEST_ROBUST, "captured plain ok v1"},
	{dec_auth, "0000 ffff ffffffff", 0, -KT_EBADLEN,
	 "authenticate: null token refused"},
	{dec_auth, "0000 00 00 0000000000000000 00", 2, -KT_EBADLEN,
	 "authenticate v2: null token refused"},
	{dec_auth, "0000 ffff 7fffffff", 0, -KT_ETRUNC,
	 "authenticate: token longer than the body refused"},
	{dec_auth, auth_v2_resp, 3, -KT_EUNSUPPORTED,
	 "authenticate v3 unsupported"},
};

void test_proto_sasl(void)
{
	encoders();
	decoded_fields();
	KT_TEST_DEC_CASES(cases);
}
