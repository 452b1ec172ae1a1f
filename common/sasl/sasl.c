/*
 * sasl/sasl.c - the SASL configuration of a client (sasl.mechanism,
 * sasl.jaas.config and the properties kafkit must refuse), the session
 * dispatch, and the two one-token mechanisms: PLAIN (RFC 4616, as the
 * JDK's PlainClient sends it: empty authzid) and OAUTHBEARER with Kafka's
 * unsecured JWS login (KIP-255: OAuthBearerUnsecuredLoginCallbackHandler
 * and OAuthBearerClientInitialResponse; RFC 7628 section 3.1), or with a
 * token of the OIDC client-credentials login (sasl/oidc.h, KIP-768).
 */
#include "sasl/sasl_int.h"

#include "sasl/jaas.h"
#include "sasl/oidc.h"
#include "wire/body.h"
#include "wire/kerr.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <time.h>

#define PLAIN_MODULE "org.apache.kafka.common.security.plain.PlainLoginModule"
#define SCRAM_MODULE "org.apache.kafka.common.security.scram.ScramLoginModule"
#define OAUTH_MODULE                                                           \
	"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule"

static const struct {
	const char *name;
	enum kt_sasl_mechanism m;
} mechanisms[] = {
	{"PLAIN", KT_SASL_PLAIN},
	{"SCRAM-SHA-256", KT_SASL_SCRAM_SHA_256},
	{"SCRAM-SHA-512", KT_SASL_SCRAM_SHA_512},
	{"OAUTHBEARER", KT_SASL_OAUTHBEARER},
};

/* The login callback handler of the OIDC login, which kafkit does itself:
 * Kafka 4's name and 3.x's (deprecated) one. */
static const char *const oidc_handlers[] = {
	"org.apache.kafka.common.security.oauthbearer."
	"OAuthBearerLoginCallbackHandler",
	"org.apache.kafka.common.security.oauthbearer.secured."
	"OAuthBearerLoginCallbackHandler",
	NULL,
};

static bool is_oidc_handler(const char *v)
{
	size_t i;

	for (i = 0; oidc_handlers[i]; i++)
		if (strcmp(v, oidc_handlers[i]) == 0)
			return true;
	return false;
}

/* Properties whose value is a Java class kafkit cannot load (the OIDC
 * login callback handler excepted). */
static const char *const jvm_only[] = {
	"sasl.login.class",
	"sasl.login.callback.handler.class",
	"sasl.client.callback.handler.class",
	NULL,
};

char *kt_sasl_dup(const char *s, int *r, struct kt_err *err)
{
	char *d;

	if (!s || *r)
		return NULL;
	d = strdup(s);
	if (!d)
		*r = kt_err_set(err, KT_ENOMEM, "out of memory");
	return d;
}

static int set_mechanism(struct kt_sasl_conf *sc, const char *v,
			 struct kt_err *err)
{
	size_t i;

	if (!v || strcmp(v, "GSSAPI") == 0)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "sasl.mechanism GSSAPI%s needs Kerberos, "
				  "which kafkit does not support: set "
				  "sasl.mechanism to PLAIN, SCRAM-SHA-256, "
				  "SCRAM-SHA-512 or OAUTHBEARER",
				  v ? "" : " (the default)");
	for (i = 0; i < sizeof(mechanisms) / sizeof(mechanisms[0]); i++) {
		if (strcmp(v, mechanisms[i].name) == 0) {
			sc->mechanism = mechanisms[i].m;
			sc->mechanism_name = mechanisms[i].name;
			return 0;
		}
	}
	return kt_err_set(err, KT_EINVAL,
			  "invalid value '%.64s' for configuration "
			  "'sasl.mechanism': expected PLAIN, SCRAM-SHA-256, "
			  "SCRAM-SHA-512 or OAUTHBEARER",
			  v);
}

/* PlainLoginModule and ScramLoginModule both give the SASL client a user
 * name and a password, so either serves PLAIN and SCRAM, as in Java. */
static int from_password_module(struct kt_sasl_conf *sc,
				const struct kt_jaas *j, struct kt_err *err)
{
	const char *u = kt_jaas_get(j, "username");
	const char *p = kt_jaas_get(j, "password");
	const char *t = kt_jaas_get(j, "tokenauth");
	int r = 0;

	if (strcmp(j->module, PLAIN_MODULE) != 0 &&
	    strcmp(j->module, SCRAM_MODULE) != 0)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "sasl.jaas.config: login module '%.100s' "
				  "cannot serve SASL mechanism %s (kafkit "
				  "knows PlainLoginModule and "
				  "ScramLoginModule for it)",
				  j->module, sc->mechanism_name);
	if (!u || !p)
		return kt_err_set(err, KT_EINVAL,
				  "sasl.jaas.config: no '%s' option, which "
				  "SASL mechanism %s needs",
				  u ? "password" : "username",
				  sc->mechanism_name);
	sc->tokenauth = t && strcasecmp(t, "true") == 0;
	sc->username = kt_sasl_dup(u, &r, err);
	sc->password = kt_sasl_dup(p, &r, err);
	return r;
}

/* The OIDC login: its settings in a kt_oidc of sc's own. */
static int from_oidc(struct kt_sasl_conf *sc, const char *url,
		     const struct kt_props *security, const struct kt_jaas *j,
		     struct kt_err *err)
{
	int r;

	sc->oidc = calloc(1, sizeof(*sc->oidc));
	if (!sc->oidc)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	r = kt_oidc_init(sc->oidc, url, security, j, err);
	if (r) {
		free(sc->oidc);
		sc->oidc = NULL;
	}
	return r;
}

static int from_oauth_module(struct kt_sasl_conf *sc, const struct kt_jaas *j,
			     struct kt_err *err)
{
	const char *life = kt_jaas_get(j, "unsecuredLoginLifetimeSeconds");
	const char *sub = kt_jaas_get(j, "unsecuredLoginStringClaim_sub");
	size_t i;
	int r = 0;

	if (strcmp(j->module, OAUTH_MODULE) != 0)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "sasl.jaas.config: login module '%.100s' "
				  "cannot serve SASL mechanism OAUTHBEARER "
				  "(kafkit knows OAuthBearerLoginModule for "
				  "it)",
				  j->module);
	for (i = 0; i < j->n_options; i++) {
		const char *k = j->options[i].key;

		if (strncmp(k, "unsecuredLogin", 14) == 0 &&
		    strcmp(k, "unsecuredLoginLifetimeSeconds") != 0 &&
		    strcmp(k, "unsecuredLoginStringClaim_sub") != 0)
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "sasl.jaas.config: option '%.64s' "
					  "is not supported by kafkit yet "
					  "(only unsecuredLoginStringClaim_sub "
					  "and unsecuredLoginLifetimeSeconds)",
					  k);
	}
	if (!sub || !*sub)
		return kt_err_set(err, KT_EINVAL,
				  "sasl.jaas.config: no "
				  "'unsecuredLoginStringClaim_sub' option "
				  "(kafkit's OAUTHBEARER login is the "
				  "unsecured one of KIP-255)");
	sc->lifetime_s = 3600;
	if (life) {
		char *end;
		long long x;

		errno = 0;
		x = strtoll(life, &end, 10);
		if (errno || end == life || *end || x <= 0 || x > INT32_MAX)
			return kt_err_set(err, KT_EINVAL,
					  "sasl.jaas.config: invalid value "
					  "'%.32s' for option "
					  "'unsecuredLoginLifetimeSeconds'",
					  life);
		sc->lifetime_s = x;
	}
	sc->sub = kt_sasl_dup(sub, &r, err);
	return r;
}

int kt_sasl_conf_init(struct kt_sasl_conf *sc, const struct kt_props *security,
		      struct kt_err *err)
{
	const char *text = kt_props_get(security, "sasl.jaas.config");
	const char *url, *handler;
	struct kt_jaas j;
	bool oidc;
	size_t i;
	int r;

	memset(sc, 0, sizeof(*sc));
	handler = kt_props_get(security, "sasl.login.callback.handler.class");
	oidc = handler && is_oidc_handler(handler);
	for (i = 0; jvm_only[i]; i++) {
		const char *v = kt_props_get(security, jvm_only[i]);

		if (oidc && v == handler)
			continue;
		if (v && *v)
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "%s needs a JVM: kafkit cannot load "
					  "the Java class '%.100s'",
					  jvm_only[i], v);
	}
	r = set_mechanism(sc, kt_props_get(security, "sasl.mechanism"), err);
	if (r)
		return r;
	url = kt_props_get(security, "sasl.oauthbearer.token.endpoint.url");
	if (oidc && sc->mechanism != KT_SASL_OAUTHBEARER)
		return kt_err_set(err, KT_EINVAL,
				  "sasl.login.callback.handler.class '%.100s' "
				  "is the OAUTHBEARER login, but "
				  "sasl.mechanism is %s",
				  handler, sc->mechanism_name);
	if (oidc && (!url || !*url))
		return kt_err_set(err, KT_EINVAL,
				  "sasl.oauthbearer.token.endpoint.url is "
				  "required by sasl.login.callback.handler."
				  "class '%.100s'",
				  handler);
	/* Java's default OAUTHBEARER login is the unsecured one, which
	 * ignores the URL: a file meant for the OIDC login must name the
	 * handler, and kafkit says so rather than guess */
	if (!oidc && sc->mechanism == KT_SASL_OAUTHBEARER && url && *url)
		return kt_err_set(err, KT_EINVAL,
				  "sasl.oauthbearer.token.endpoint.url needs "
				  "sasl.login.callback.handler.class=%s (the "
				  "OIDC login; without it Java's login is the "
				  "unsecured one and ignores the URL)",
				  oidc_handlers[0]);
	if (!text || !*text)
		return kt_err_set(err, KT_EINVAL,
				  "sasl.jaas.config is required with SASL "
				  "(kafkit reads no JAAS file: "
				  "java.security.auth.login.config is a JVM "
				  "setting)");
	r = kt_jaas_parse(text, &j, err);
	if (r)
		return r;
	if (oidc && strcmp(j.module, OAUTH_MODULE) != 0)
		r = kt_err_set(err, KT_EUNSUPPORTED,
			       "sasl.jaas.config: login module '%.100s' "
			       "cannot serve SASL mechanism OAUTHBEARER "
			       "(kafkit knows OAuthBearerLoginModule for it)",
			       j.module);
	else if (oidc)
		r = from_oidc(sc, url, security, &j, err);
	else if (sc->mechanism == KT_SASL_OAUTHBEARER)
		r = from_oauth_module(sc, &j, err);
	else
		r = from_password_module(sc, &j, err);
	kt_jaas_release(&j);
	if (r)
		kt_sasl_conf_release(sc);
	return r;
}

int kt_sasl_conf_copy(struct kt_sasl_conf *dst, const struct kt_sasl_conf *src,
		      struct kt_err *err)
{
	int r = 0;

	*dst = *src;
	dst->username = dst->password = dst->sub = NULL;
	dst->oidc = NULL;
	if (src->oidc) {
		dst->oidc = calloc(1, sizeof(*dst->oidc));
		if (!dst->oidc)
			r = kt_err_set(err, KT_ENOMEM, "out of memory");
		else if (kt_oidc_copy(dst->oidc, src->oidc, err) < 0)
			r = -KT_ENOMEM;
		if (r) {
			free(dst->oidc);
			dst->oidc = NULL;
		}
	}
	/* each copy is NULL for NULL, and none after a failure */
	dst->username = kt_sasl_dup(src->username, &r, err);
	dst->password = kt_sasl_dup(src->password, &r, err);
	dst->sub = kt_sasl_dup(src->sub, &r, err);
	if (r)
		kt_sasl_conf_release(dst);
	return r;
}

void kt_sasl_wipe_str(char *s)
{
	if (s) {
		OPENSSL_cleanse(s, strlen(s));
		free(s);
	}
}

void kt_sasl_conf_release(struct kt_sasl_conf *sc)
{
	if (!sc)
		return;
	kt_sasl_wipe_str(sc->username);
	kt_sasl_wipe_str(sc->password);
	kt_sasl_wipe_str(sc->sub);
	if (sc->oidc) {
		kt_oidc_release(sc->oidc);
		free(sc->oidc);
	}
	memset(sc, 0, sizeof(*sc));
}

/* Base64url without padding (JWS, RFC 7515 section 2) of p[0..n). */
static int put_b64url(struct kt_buf *out, const void *p, size_t n)
{
	size_t at = out->len, i;

	if (kt_base64_put(out, p, n) < 0)
		return out->err;
	for (i = at; i < out->len; i++)
		if (out->p[i] == '+')
			out->p[i] = '-';
		else if (out->p[i] == '/')
			out->p[i] = '_';
	while (out->len > at && out->p[out->len - 1] == '=')
		out->len--;
	return out->err;
}

/* PLAIN and OAUTHBEARER ---------------------------------------------------- */

static int plain_step(struct kt_sasl_session *s, struct kt_buf *out)
{
	const struct kt_sasl_conf *c = s->conf;

	if (s->step > 0)
		return KT_SASL_DONE;
	/* authzid NUL authcid NUL passwd, with an empty authzid */
	kt_put_i8(out, 0);
	kt_buf_put(out, c->username, strlen(c->username));
	kt_put_i8(out, 0);
	kt_buf_put(out, c->password, strlen(c->password));
	return out->err ? out->err : KT_SASL_SEND;
}

/* A JSON string of s, escaped as RFC 8259 asks. */
static void put_json_str(struct kt_buf *b, const char *s)
{
	kt_buf_puts(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			kt_buf_printf(b, "\\%c", c);
		else if (c < 0x20)
			kt_buf_printf(b, "\\u%04x", c);
		else
			kt_buf_put(b, s, 1);
	}
	kt_buf_puts(b, "\"");
}

/* "n,,^Aauth=Bearer HEADER.CLAIMS.^A^A" with an unsecured JWS: header
 * {"alg":"none"}, claims iat, exp and sub, no signature. */
static int oauth_first(struct kt_sasl_session *s, struct kt_buf *out)
{
	const struct kt_sasl_conf *c = s->conf;
	static const char header[] = "{\"alg\":\"none\"}";
	int64_t now = (int64_t)time(NULL);
	struct kt_buf claims;

	kt_buf_init(&claims, 0);
	kt_buf_printf(&claims, "{\"iat\":%lld,\"exp\":%lld,\"sub\":",
		      (long long)now, (long long)(now + c->lifetime_s));
	put_json_str(&claims, c->sub);
	kt_buf_puts(&claims, "}");
	kt_buf_puts(out, "n,,\001auth=Bearer ");
	put_b64url(out, header, strlen(header));
	kt_buf_puts(out, ".");
	if (claims.err)
		kt_body_fail(out, claims.err);
	else
		put_b64url(out, claims.p, claims.len);
	kt_buf_puts(out, ".\001\001");
	kt_buf_release(&claims);
	return out->err ? out->err : KT_SASL_SEND;
}

/* The OIDC login's token at this wall-clock time (JWT claims are in
 * it), cached by oidc or fetched now (blocking). NULL with err filled:
 * a failed login is final, as Java's LoginException, never retried. */
static const char *oidc_token_now(struct kt_oidc *oidc, struct kt_err *err)
{
	struct timespec ts;
	const char *tok;

	clock_gettime(CLOCK_REALTIME, &ts);
	tok = kt_oidc_token(
		oidc, (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000, err);
	if (!tok && err)
		err->kafka_code = KT_KERR_SASL_AUTHENTICATION_FAILED;
	return tok;
}

int kt_sasl_conf_login(const struct kt_sasl_conf *sc, struct kt_err *err)
{
	if (!sc->oidc || oidc_token_now(sc->oidc, err))
		return 0;
	return err && err->code ? -err->code : -KT_EPROTO;
}

/* "n,,^Aauth=Bearer TOKEN^A^A" with the OIDC login's token: the one
 * fetched when the client was built until its refresh point, then a new
 * one (a KIP-368 re-authentication after that point sends the new one). */
static int oidc_first(struct kt_sasl_session *s, struct kt_buf *out,
		      struct kt_err *err)
{
	const char *tok = oidc_token_now(s->conf->oidc, err);

	if (!tok)
		return err && err->code ? -err->code : -KT_EPROTO;
	kt_buf_puts(out, "n,,\001auth=Bearer ");
	kt_buf_puts(out, tok);
	kt_buf_puts(out, "\001\001");
	return out->err ? out->err : KT_SASL_SEND;
}

static int oauth_step(struct kt_sasl_session *s, const uint8_t *in,
		      size_t len, struct kt_buf *out, struct kt_err *err)
{
	if (s->step == 0 && s->conf->oidc)
		return oidc_first(s, out, err);
	if (s->step == 0)
		return oauth_first(s, out);
	if (s->step == 1 && len == 0)
		return KT_SASL_DONE;
	if (s->step == 1) {
		/* the broker's error JSON: acknowledge it (RFC 7628
		 * section 3.2.3); its answer then carries the failure */
		s->oauth_error = true;
		kt_put_i8(out, 1);
		return out->err ? out->err : KT_SASL_SEND;
	}
	return kt_err_set(err, KT_EPROTO,
			  "SASL mechanism OAUTHBEARER: the broker refused "
			  "the token: %.*s",
			  (int)(len > 120 ? 120 : len), (const char *)in);
}

/* Sessions ----------------------------------------------------------------- */

struct kt_sasl_session *kt_sasl_session_new_nonce(
	const struct kt_sasl_conf *conf, const char *nonce, struct kt_err *err)
{
	struct kt_sasl_session *s = calloc(1, sizeof(*s));

	if (!s) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return NULL;
	}
	s->conf = conf;
	if (conf->mechanism != KT_SASL_SCRAM_SHA_256 &&
	    conf->mechanism != KT_SASL_SCRAM_SHA_512)
		return s;
	if (kt_scram_init(&s->scram, conf->mechanism, nonce, err) < 0) {
		kt_sasl_session_free(s);
		return NULL;
	}
	return s;
}

struct kt_sasl_session *kt_sasl_session_new(const struct kt_sasl_conf *conf,
					    struct kt_err *err)
{
	return kt_sasl_session_new_nonce(conf, NULL, err);
}

int kt_sasl_session_step(struct kt_sasl_session *s, const uint8_t *in,
			 size_t len, struct kt_buf *out, struct kt_err *err)
{
	struct kt_err e;
	int r;

	kt_err_clear(&e);
	switch (s->conf->mechanism) {
	case KT_SASL_PLAIN:
		r = plain_step(s, out);
		break;
	case KT_SASL_OAUTHBEARER:
		r = oauth_step(s, in, len, out, &e);
		break;
	default:
		r = kt_scram_step(s, in, len, out, &e);
		break;
	}
	s->step++;
	if (r >= 0)
		return r;
	/* a failed write into out leaves no message of its own */
	if (!e.code)
		kt_err_set(&e, -r, "SASL mechanism %s: %s",
			   s->conf->mechanism_name, kt_strerror(r));
	if (err)
		*err = e;
	return r;
}

void kt_sasl_session_free(struct kt_sasl_session *s)
{
	if (!s)
		return;
	kt_scram_release(&s->scram);
	OPENSSL_cleanse(s, sizeof(*s));
	free(s);
}
