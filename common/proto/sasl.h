/*
 * proto/sasl.h - message bodies of SaslHandshake (key 17, v0..1) and
 * SaslAuthenticate (key 36, v0..2, flexible from v2; SessionLifetimeMs
 * from v1, KIP-368).
 *
 * Specs: SaslHandshakeRequest/Response.json and
 * SaslAuthenticateRequest/Response.json of Kafka 4.3
 * (clients/src/main/resources/common/message), KIP-152 (SaslAuthenticate
 * wrapping the SASL tokens), KIP-482 (flexible versions); protocol.md
 * sections SaslHandshake and SaslAuthenticate.
 *
 * Conventions of wire/body.h: bodies only, decoded responses own an arena
 * and are released with their _release (NULL, an empty struct and a
 * struct a decoder failed on are all fine).
 */
#ifndef KT_PROTO_SASL_H
#define KT_PROTO_SASL_H

#include "wire/body.h"

#define KT_SASL_HANDSHAKE_KEY 17
#define KT_SASL_HANDSHAKE_MIN 0
#define KT_SASL_HANDSHAKE_MAX 1

#define KT_SASL_AUTHENTICATE_KEY 36
#define KT_SASL_AUTHENTICATE_MIN 0
#define KT_SASL_AUTHENTICATE_MAX 2
#define KT_SASL_AUTHENTICATE_FLEX 2

/* --- SaslHandshake ------------------------------------------------------ */

/* Append the body: the mechanism name ("PLAIN", "SCRAM-SHA-256", ...).
 * Returns 0 or a negative KT_E* also left in b->err. */
int kt_sasl_handshake_req_encode(struct kt_buf *b, int16_t version,
				 const char *mechanism);

struct kt_sasl_handshake_resp {
	int16_t error_code;
	char **mechanisms; /* the mechanisms enabled on the listener */
	size_t n_mechanisms;
	struct kt_arena arena;
};

/* Decode a SaslHandshake response body. Returns 0 or a negative KT_E*
 * with err filled (out is then empty). */
int kt_sasl_handshake_resp_decode(const uint8_t *p, size_t len,
				  int16_t version,
				  struct kt_sasl_handshake_resp *out,
				  struct kt_err *err);
void kt_sasl_handshake_resp_release(struct kt_sasl_handshake_resp *r);

/* --- SaslAuthenticate --------------------------------------------------- */

/* Append the body: one SASL token of len bytes (auth_bytes may be NULL
 * when len is 0). The token may hold a secret (PLAIN carries the
 * password): the caller wipes b when it is done with it. Returns 0 or a
 * negative KT_E* also left in b->err. */
int kt_sasl_authenticate_req_encode(struct kt_buf *b, int16_t version,
				    const uint8_t *auth_bytes, size_t len);

struct kt_sasl_authenticate_resp {
	int16_t error_code;
	char *error_message; /* NULL when null */
	struct kt_bytes auth_bytes;
	int64_t session_lifetime_ms; /* v1+, 0: the session never expires */
	struct kt_arena arena;
};

/* Decode a SaslAuthenticate response body. Returns 0 or a negative KT_E*
 * with err filled (out is then empty). */
int kt_sasl_authenticate_resp_decode(const uint8_t *p, size_t len,
				     int16_t version,
				     struct kt_sasl_authenticate_resp *out,
				     struct kt_err *err);
void kt_sasl_authenticate_resp_release(struct kt_sasl_authenticate_resp *r);

#endif
