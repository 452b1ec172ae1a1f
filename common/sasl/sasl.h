/*
 * sasl/sasl.h - the client side of the SASL mechanisms Kafka's Java client
 * offers without a JVM plugin, as state machines with no networking:
 * PLAIN (RFC 4616), SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677,
 * Kafka's ScramSaslClient: no channel binding, the server signature
 * verified) and OAUTHBEARER with the unsecured JWS login of KIP-255
 * (RFC 7628 client response, OAuthBearerUnsecuredLoginCallbackHandler).
 *
 * The configuration comes from the Java client properties:
 *	sasl.mechanism     PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER
 *	                   (Java's default, GSSAPI, needs Kerberos: refused)
 *	sasl.jaas.config   one login module, see sasl/jaas.h: PlainLoginModule
 *	                   or ScramLoginModule with username and password, or
 *	                   OAuthBearerLoginModule with
 *	                   unsecuredLoginStringClaim_sub, or (with
 *	                   sasl.login.callback.handler.class naming Kafka's
 *	                   OAuthBearerLoginCallbackHandler and
 *	                   sasl.oauthbearer.token.endpoint.url set) the
 *	                   OIDC client-credentials login of sasl/oidc.h
 * and properties that name Java classes (sasl.login.class,
 * sasl.login.callback.handler.class but for the OIDC handler,
 * sasl.client.callback.handler.class) are refused, naming the property,
 * never ignored.
 *
 * A session turns the broker's tokens into the client's: the first step
 * gets no input and gives the initial response; each later step gets the
 * auth bytes of the broker's answer to the previous token. Passwords and
 * keys are wiped (OPENSSL_cleanse) when they are released.
 */
#ifndef KT_SASL_SASL_H
#define KT_SASL_SASL_H

#include "base/buf.h"
#include "base/err.h"
#include "java/props.h"

#include <stdint.h>

struct kt_oidc;

enum kt_sasl_mechanism {
	KT_SASL_PLAIN,
	KT_SASL_SCRAM_SHA_256,
	KT_SASL_SCRAM_SHA_512,
	KT_SASL_OAUTHBEARER,
};

/* The SASL settings of a client; owns its strings. */
struct kt_sasl_conf {
	enum kt_sasl_mechanism mechanism;
	const char *mechanism_name; /* static: "SCRAM-SHA-512", ... */
	char *username;		    /* PLAIN, SCRAM */
	char *password;		    /* PLAIN, SCRAM */
	bool tokenauth;		    /* SCRAM: a delegation token (KIP-48) */
	char *sub;		    /* OAUTHBEARER: the principal */
	int64_t lifetime_s;	    /* OAUTHBEARER: token lifetime, 3600 */
	/* OAUTHBEARER with the OIDC login (sasl/oidc.h), else NULL: its
	 * token cache changes even through a const conf */
	struct kt_oidc *oidc;
};

/*
 * Read the sasl.* properties of security (the client's ssl./sasl. map)
 * into sc, which is overwritten. Returns 0, or -KT_EINVAL / -KT_ESYNTAX /
 * -KT_EUNSUPPORTED with a one-line err naming the property (and never
 * quoting a secret), or -KT_ENOMEM. On failure sc is empty.
 */
int kt_sasl_conf_init(struct kt_sasl_conf *sc, const struct kt_props *security,
		      struct kt_err *err);

/* A deep copy of src into dst. Returns 0 or -KT_ENOMEM (dst empty). */
int kt_sasl_conf_copy(struct kt_sasl_conf *dst, const struct kt_sasl_conf *src,
		      struct kt_err *err);

/* Wipe the secrets, free the strings and zero sc. NULL is fine. */
void kt_sasl_conf_release(struct kt_sasl_conf *sc);

/*
 * Log in before the first connection, as Java's LoginManager does when a
 * client is built: the OIDC login fetches its token now (blocking, within
 * its timeouts and retries), so that a token endpoint that refuses or is
 * down fails the client at once, and every connection then shares that
 * token. Other mechanisms have nothing to do. Returns 0, or a negative
 * KT_E* with err filled (kafka_code SASL_AUTHENTICATION_FAILED: a login
 * failure is final, never retried).
 */
int kt_sasl_conf_login(const struct kt_sasl_conf *sc, struct kt_err *err);

struct kt_sasl_session;

/* A new exchange for conf (which must outlive it). Returns NULL with err
 * filled when out of memory or when no random nonce could be drawn. */
struct kt_sasl_session *kt_sasl_session_new(const struct kt_sasl_conf *conf,
					    struct kt_err *err);

/* The same with a fixed SCRAM client nonce (printable, no ','), for tests
 * against published vectors. */
struct kt_sasl_session *kt_sasl_session_new_nonce(
	const struct kt_sasl_conf *conf, const char *nonce, struct kt_err *err);

/* What kt_sasl_session_step returned. */
#define KT_SASL_SEND 0 /* out holds the next token: send it */
#define KT_SASL_DONE 1 /* the client is satisfied: authenticated */

/*
 * One step: in[0..len) is the broker's last token (ignored, and may be
 * NULL, on the first step). Appends the next token to out and returns
 * KT_SASL_SEND, or returns KT_SASL_DONE, or a negative KT_E* with err
 * filled: KT_EPROTO for a broker token that breaks the mechanism (a SCRAM
 * nonce that does not extend ours, a wrong server signature, ...), with
 * Kafka's wording where it has one. out may hold a secret (PLAIN's
 * password, SCRAM's proof): wipe it after use.
 */
int kt_sasl_session_step(struct kt_sasl_session *s, const uint8_t *in,
			 size_t len, struct kt_buf *out, struct kt_err *err);

/* Wipe the keys, free s. NULL is fine. */
void kt_sasl_session_free(struct kt_sasl_session *s);

#endif
