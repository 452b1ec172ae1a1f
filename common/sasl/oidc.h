/*
 * sasl/oidc.h - the OAUTHBEARER login of Kafka's OIDC client-credentials
 * flow (KIP-768, OAuthBearerLoginCallbackHandler): an access token from
 * sasl.oauthbearer.token.endpoint.url, fetched with an HTTP POST as
 * Kafka's HttpJwtRetriever and ClientSecretRequestFormatter send it, or
 * read from a file:// URL as its FileJwtRetriever does, and kept until
 * the refresh point of sasl.login.refresh.window.factor.
 *
 * Settings (Java's names and defaults):
 *	sasl.oauthbearer.token.endpoint.url          http(s):// or file://
 *	sasl.oauthbearer.client.credentials.client.id, else JAAS clientId
 *	sasl.oauthbearer.client.credentials.client.secret, else clientSecret
 *	sasl.oauthbearer.scope, else JAAS scope      (optional)
 *	sasl.oauthbearer.header.urlencode            false
 *	sasl.login.connect.timeout.ms, sasl.login.read.timeout.ms
 *	sasl.login.retry.backoff.ms (100), sasl.login.retry.backoff.max.ms
 *	(10000), sasl.login.refresh.window.factor (0.8)
 * An https:// endpoint is checked against the system CA store.
 */
#ifndef KT_SASL_OIDC_H
#define KT_SASL_OIDC_H

#include "base/buf.h"
#include "base/err.h"
#include "java/props.h"
#include "sasl/jaas.h"

#include <stdbool.h>
#include <stdint.h>

struct kt_oidc {
	char *url;
	char *client_id;
	char *client_secret;
	char *scope; /* NULL: none */
	bool urlencode;
	int64_t connect_timeout_ms;
	int64_t read_timeout_ms;
	int64_t backoff_ms;
	int64_t backoff_max_ms;
	double window_factor;
	/* the cache: token valid until exp_ms, fetched again after
	 * refresh_ms */
	char *token;
	int64_t exp_ms;
	int64_t refresh_ms;
};

/*
 * Read the OIDC settings from security and the JAAS options j into o,
 * which is overwritten. url is the token endpoint. Returns 0 or
 * -KT_EINVAL (err names the property, never quotes the secret) or
 * -KT_ENOMEM; on failure o is empty.
 */
int kt_oidc_init(struct kt_oidc *o, const char *url,
		 const struct kt_props *security, const struct kt_jaas *j,
		 struct kt_err *err);

/* A copy of src's settings (not its token) into dst. Returns 0 or
 * -KT_ENOMEM (dst empty). */
int kt_oidc_copy(struct kt_oidc *dst, const struct kt_oidc *src,
		 struct kt_err *err);

/* Wipe the secret and the token, free the strings, zero o. NULL is
 * fine. */
void kt_oidc_release(struct kt_oidc *o);

/* s form-encoded as java.net.URLEncoder does it with UTF-8: A-Z a-z 0-9
 * . - * _ as they are, ' ' as '+', every other byte %XX. Appended to out;
 * returns out->err. */
int kt_oidc_urlencode(struct kt_buf *out, const char *s);

/* The request's form body ("grant_type=client_credentials[&scope=..]")
 * and Authorization header value ("Basic base64(id:secret)") appended to
 * body and auth. auth holds the secret: wipe it. Returns 0 or the
 * buffers' error. */
int kt_oidc_request(const struct kt_oidc *o, struct kt_buf *body,
		    struct kt_buf *auth);

/*
 * The token endpoint's 200 answer p[0..n): a JSON object whose
 * access_token (or, failing that, id_token) is a JWT with an exp claim.
 * Sets *token (malloc'd; the caller wipes and frees it), *exp_ms and
 * *iat_ms (the iat claim, or now_ms when absent). Returns 0, or
 * -KT_EPROTO with err filled (Kafka's wording, never quoting the token),
 * or -KT_ENOMEM.
 */
int kt_oidc_parse_answer(const char *p, size_t n, int64_t now_ms, char **token,
			 int64_t *exp_ms, int64_t *iat_ms, struct kt_err *err);

/* The same for a bare JWT (a file:// endpoint's content, trimmed). */
int kt_oidc_parse_jwt(const char *p, size_t n, int64_t now_ms, char **token,
		      int64_t *exp_ms, int64_t *iat_ms, struct kt_err *err);

/* An error answer's body as Kafka's HttpJwtRetriever formats it
 * (RFC 6749 section 5.2): {"error" - "error_description"}, the body as
 * it is when it is JSON without "error", {body} when not JSON, {} when
 * empty. Written to out (NUL-terminated, truncated to cap). */
void kt_oidc_format_error(const char *p, size_t n, char *out, size_t cap);

/* When a token fetched at now_ms with claims iat_ms..exp_ms is refreshed:
 * iat + window_factor * lifetime, as Java's ExpiringCredentialRefreshing
 * Login (without its jitter). */
int64_t kt_oidc_refresh_at(const struct kt_oidc *o, int64_t iat_ms,
			   int64_t exp_ms);

/*
 * The token to send at now_ms: the cached one while before its refresh
 * point, else a new one from the endpoint (blocking, bounded by the
 * timeouts and retries above). Returns the token (owned by o) or NULL
 * with err filled: -KT_EAUTH-like failures carry Kafka's wording with
 * the HTTP status and the endpoint's error body.
 */
const char *kt_oidc_token(struct kt_oidc *o, int64_t now_ms,
			  struct kt_err *err);

#endif
