/*
 * net/client_sasl.c - the SASL exchange on a new connection
 * (net/client_sasl.h): SaslHandshake v1, then SaslAuthenticate round
 * trips driven by a sasl/ session, as Kafka's SaslClientAuthenticator
 * does it (KIP-43, KIP-152). Every token sent is wiped from memory once
 * it is framed; the connection frees the frame after writing it.
 */
#include "net/client_sasl.h"

#include "proto/sasl.h"
#include "wire/kerr.h"

#include <openssl/crypto.h>

/* What a token and its frame header need, beyond which a buffer grows:
 * PLAIN, SCRAM and unsecured OAUTHBEARER tokens are a few hundred bytes. */
#define TOKEN_ROOM 2048

struct login {
	struct kt_conn *conn;
	const struct kt_sasl_conf *conf;
	struct kt_sasl_session *session;
	const char *client_id;
	int16_t auth_version;
	kt_client_sasl_cb cb;
	void *arg;
	int64_t lifetime_ms; /* of the last SaslAuthenticate answer */
};

bool kt_err_is_auth(const struct kt_err *err)
{
	return err && (err->kafka_code == KT_KERR_SASL_AUTHENTICATION_FAILED ||
		       err->kafka_code == KT_KERR_UNSUPPORTED_SASL_MECHANISM ||
		       err->kafka_code == KT_KERR_ILLEGAL_SASL_STATE);
}

static void finish(struct login *l, const struct kt_err *err)
{
	kt_client_sasl_cb cb = l->cb;
	int64_t lifetime = l->lifetime_ms;
	void *arg = l->arg;

	kt_sasl_session_free(l->session);
	free(l);
	cb(arg, err, lifetime);
}

/* Frame body (one request) and queue it on l->conn with done; the body's
 * bytes are wiped. Returns 0 or a negative KT_E* (err filled). */
static int send_req(struct login *l, int16_t key, int16_t v,
		    const struct kt_buf *body, kt_conn_cb done,
		    struct kt_err *err)
{
	struct kt_buf b;
	int r;

	/* room for the whole frame at once: a buffer that grows would leave
	 * copies of the token behind in freed memory */
	kt_buf_init(&b, 0);
	kt_buf_grow(&b, (body ? body->len : 0) + TOKEN_ROOM);
	if (kt_req_begin(&b, key, v, 0, l->client_id, err) < 0)
		goto out_wipe;
	if (key == KT_SASL_HANDSHAKE_KEY)
		kt_sasl_handshake_req_encode(&b, v, l->conf->mechanism_name);
	else
		kt_sasl_authenticate_req_encode(&b, v, body->p, body->len);
	if (kt_req_end(&b, err) < 0)
		goto out_wipe;
	/* kt_conn_send takes b's bytes and empties b */
	r = kt_conn_send(l->conn, &b, done, l, err);
	kt_buf_release_wipe(&b);
	return r < 0 ? r : 0;
out_wipe:
	kt_buf_release_wipe(&b);
	return -(err && err->code ? err->code : KT_EINVAL);
}

static void auth_done(void *arg, struct kt_conn *conn,
		      struct kt_response *resp, const struct kt_err *err);

/* Feed in[0..len) to the session; send what it says or finish. */
static void step(struct login *l, const uint8_t *in, size_t len)
{
	struct kt_buf tok;
	struct kt_err e;
	int r;

	kt_err_clear(&e);
	kt_buf_init(&tok, 0);
	kt_buf_grow(&tok, TOKEN_ROOM);
	r = kt_sasl_session_step(l->session, in, len, &tok, &e);
	if (r == KT_SASL_SEND)
		r = send_req(l, KT_SASL_AUTHENTICATE_KEY, l->auth_version,
			     &tok, auth_done, &e);
	kt_buf_release_wipe(&tok);
	if (r == KT_SASL_SEND)
		return;
	if (r == KT_SASL_DONE) {
		finish(l, NULL);
		return;
	}
	if (!kt_err_is_auth(&e) && e.code == KT_EPROTO)
		e.kafka_code = KT_KERR_SASL_AUTHENTICATION_FAILED;
	finish(l, &e);
}

static void auth_done(void *arg, struct kt_conn *conn,
		      struct kt_response *resp, const struct kt_err *err)
{
	struct login *l = arg;
	struct kt_sasl_authenticate_resp a;
	struct kt_err e;

	(void)conn;
	if (err) {
		finish(l, err);
		return;
	}
	if (kt_sasl_authenticate_resp_decode(resp->body, resp->body_len,
					     resp->api_version, &a, &e) < 0) {
		finish(l, &e);
		return;
	}
	if (a.error_code) {
		/* Java's exception carries the broker's text as it is */
		kt_err_kafka(&e, a.error_code, "%s",
			     a.error_message && *a.error_message
				     ? a.error_message
				     : kt_kerr_message(a.error_code));
		kt_sasl_authenticate_resp_release(&a);
		finish(l, &e);
		return;
	}
	l->lifetime_ms = a.session_lifetime_ms;
	step(l, a.auth_bytes.p, a.auth_bytes.len);
	kt_sasl_authenticate_resp_release(&a);
}

static void handshake_done(void *arg, struct kt_conn *conn,
			   struct kt_response *resp, const struct kt_err *err)
{
	struct login *l = arg;
	struct kt_sasl_handshake_resp h;
	struct kt_err e;
	char list[200];
	size_t i, off = 0;

	(void)conn;
	if (err) {
		finish(l, err);
		return;
	}
	if (kt_sasl_handshake_resp_decode(resp->body, resp->body_len,
					  resp->api_version, &h, &e) < 0) {
		finish(l, &e);
		return;
	}
	if (!h.error_code) {
		kt_sasl_handshake_resp_release(&h);
		step(l, NULL, 0);
		return;
	}
	/* Java prints the list as a java.util.List: [A, B] */
	list[0] = '\0';
	for (i = 0; i < h.n_mechanisms && off < sizeof(list); i++)
		off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s",
					i ? ", " : "", h.mechanisms[i]);
	if (h.error_code == KT_KERR_UNSUPPORTED_SASL_MECHANISM)
		kt_err_kafka(&e, h.error_code,
			     "Client SASL mechanism '%s' not enabled in the "
			     "server, enabled mechanisms are [%s]",
			     l->conf->mechanism_name, list);
	else if (h.error_code == KT_KERR_ILLEGAL_SASL_STATE)
		kt_err_kafka(&e, h.error_code,
			     "Unexpected handshake request with client "
			     "mechanism %s, enabled mechanisms are [%s]",
			     l->conf->mechanism_name, list);
	else
		kt_err_kafka(&e, h.error_code, "SaslHandshake failed: %s: %s",
			     kt_kerr_name(h.error_code),
			     kt_kerr_message(h.error_code));
	kt_sasl_handshake_resp_release(&h);
	finish(l, &e);
}

int kt_client_sasl_start(struct kt_conn *conn, const struct kt_apivers *av,
			 const struct kt_sasl_conf *conf, const char *client_id,
			 kt_client_sasl_cb cb, void *arg, struct kt_err *err)
{
	struct login *l;
	int16_t hv;
	int r;

	if (kt_api_pick(av, KT_SASL_HANDSHAKE_KEY, &hv, err) < 0)
		return -KT_EUNSUPPORTED;
	if (hv < 1)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "broker speaks only SaslHandshake v0 (Kafka "
				  "before 1.0); kafkit needs v1");
	l = calloc(1, sizeof(*l));
	if (!l)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	if (kt_api_pick(av, KT_SASL_AUTHENTICATE_KEY, &l->auth_version, err) <
	    0) {
		free(l);
		return -KT_EUNSUPPORTED;
	}
	l->conn = conn;
	l->conf = conf;
	l->client_id = client_id;
	l->cb = cb;
	l->arg = arg;
	l->session = kt_sasl_session_new(conf, err);
	if (!l->session) {
		free(l);
		return -(err && err->code ? err->code : KT_ENOMEM);
	}
	r = send_req(l, KT_SASL_HANDSHAKE_KEY, hv, NULL, handshake_done, err);
	if (r < 0) {
		kt_sasl_session_free(l->session);
		free(l);
	}
	return r;
}
