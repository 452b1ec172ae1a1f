/*
 * net/client_sasl.h - SASL authentication of one new broker connection,
 * between ApiVersions and the first other request (KIP-43, KIP-152):
 * SaslHandshake v1 names the mechanism, then SaslAuthenticate requests
 * carry the tokens of the mechanism's session (sasl/sasl.h) until it is
 * satisfied or the broker refuses. The versions come from the
 * connection's ApiVersions answer, as for every other API.
 *
 * Failures carry Java's exception texts, so that tools can print what
 * Apache's print: UNSUPPORTED_SASL_MECHANISM "Client SASL mechanism 'X'
 * not enabled in the server, enabled mechanisms are [A, B]", and
 * SASL_AUTHENTICATION_FAILED the broker's own ErrorMessage. Both set
 * kafka_code, and kt_err_is_auth tells such a failure apart from one that
 * a new connection may cure.
 */
#ifndef KT_NET_CLIENT_SASL_H
#define KT_NET_CLIENT_SASL_H

#include "net/conn.h"
#include "sasl/sasl.h"
#include "wire/proto.h"

/* Called once when the exchange is over: err NULL when authenticated, and
 * then session_lifetime_ms is the broker's SessionLifetimeMs (KIP-368,
 * SaslAuthenticate v1+; 0: the session does not expire). Called from a
 * callback of conn, never from kt_client_sasl_start. */
typedef void (*kt_client_sasl_cb)(void *arg, const struct kt_err *err,
				  int64_t session_lifetime_ms);

/*
 * Start authenticating conn, whose ApiVersions answer is av (only read
 * during this call), with conf (which must outlive the exchange). The
 * same call re-authenticates a connection that is already authenticated
 * (KIP-368): the broker answers the requests sent before in order, and
 * the caller holds new ones back until cb.
 * client_id goes into the request headers. Returns 0 (cb will be called,
 * also with KT_ECLOSED when conn is freed first), or a negative KT_E*
 * (err filled, cb not called): the broker lacks SaslHandshake v1 or
 * SaslAuthenticate, out of memory, conn dead.
 */
int kt_client_sasl_start(struct kt_conn *conn, const struct kt_apivers *av,
			 const struct kt_sasl_conf *conf, const char *client_id,
			 kt_client_sasl_cb cb, void *arg, struct kt_err *err);

/* Whether err is an authentication failure, which another attempt with
 * the same configuration cannot cure: the broker refused the mechanism,
 * the state or the credentials, or the broker broke the mechanism. */
bool kt_err_is_auth(const struct kt_err *err);

#endif
