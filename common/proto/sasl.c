/*
 * proto/sasl.c - SaslHandshake (17) and SaslAuthenticate (36) bodies for
 * the versions in proto/sasl.h (Kafka 4.3 message schemas; SaslHandshake
 * is never flexible, SaslAuthenticate is from v2).
 */
#include "proto/sasl.h"

/* --- SaslHandshake ------------------------------------------------------ */

int kt_sasl_handshake_req_encode(struct kt_buf *b, int16_t version,
				 const char *mechanism)
{
	if (kt_body_put_version(b, version, KT_SASL_HANDSHAKE_MIN,
				KT_SASL_HANDSHAKE_MAX))
		return b->err;
	return kt_body_put_str(b, false, mechanism);
}

void kt_sasl_handshake_resp_release(struct kt_sasl_handshake_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_sasl_handshake_resp_decode(const uint8_t *p, size_t len,
				  int16_t version,
				  struct kt_sasl_handshake_resp *out,
				  struct kt_err *err)
{
	struct kt_reader r;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "SaslHandshake",
			  version, KT_SASL_HANDSHAKE_MIN,
			  KT_SASL_HANDSHAKE_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_read_i16(&r, &out->error_code);
	kt_body_strs(&r, false, false, &out->arena, &out->mechanisms,
		     &out->n_mechanisms);
	rc = kt_body_end(&r, "SaslHandshake response", version, err);
	if (rc)
		kt_sasl_handshake_resp_release(out);
	return rc;
}

/* --- SaslAuthenticate --------------------------------------------------- */

int kt_sasl_authenticate_req_encode(struct kt_buf *b, int16_t version,
				    const uint8_t *auth_bytes, size_t len)
{
	bool flex = version >= KT_SASL_AUTHENTICATE_FLEX;

	if (kt_body_put_version(b, version, KT_SASL_AUTHENTICATE_MIN,
				KT_SASL_AUTHENTICATE_MAX))
		return b->err;
	/* an empty token is "", never null: the field is not nullable */
	kt_put_fbytes(b, flex, len ? auth_bytes : (const uint8_t *)"", len);
	kt_put_ftags(b, flex);
	return b->err;
}

void kt_sasl_authenticate_resp_release(struct kt_sasl_authenticate_resp *r)
{
	if (r)
		kt_body_release(&r->arena, r, sizeof(*r));
}

int kt_sasl_authenticate_resp_decode(const uint8_t *p, size_t len,
				     int16_t version,
				     struct kt_sasl_authenticate_resp *out,
				     struct kt_err *err)
{
	bool flex = version >= KT_SASL_AUTHENTICATE_FLEX;
	struct kt_reader r;
	int rc;

	if (kt_body_begin(&r, p, len, out, sizeof(*out), "SaslAuthenticate",
			  version, KT_SASL_AUTHENTICATE_MIN,
			  KT_SASL_AUTHENTICATE_MAX, err))
		return -KT_EUNSUPPORTED;
	kt_read_i16(&r, &out->error_code);
	kt_body_str(&r, flex, true, &out->arena, &out->error_message);
	kt_body_bytes(&r, flex, false, &out->arena, &out->auth_bytes);
	if (version >= 1)
		kt_read_i64(&r, &out->session_lifetime_ms);
	kt_read_ftags(&r, flex);
	rc = kt_body_end(&r, "SaslAuthenticate response", version, err);
	if (rc)
		kt_sasl_authenticate_resp_release(out);
	return rc;
}
