/*
 * tls/tls.h - TLS for broker connections (security.protocol SSL and
 * SASL_SSL): a context built once from the Java client's ssl.* properties,
 * and one session per connection over a non-blocking socket.
 *
 * Follows the semantics of Kafka's SslConfigs and DefaultSslEngineFactory:
 * stores of type PEM, PKCS12 and JKS (tls/store.h), inline PEM
 * (ssl.truststore.certificates, ssl.keystore.key and
 * ssl.keystore.certificate.chain), ssl.endpoint.identification.algorithm
 * ("https", the default, checks the broker's certificate against the host
 * name connected to, as RFC 2818 / RFC 6125 say; empty disables it),
 * ssl.protocol, ssl.enabled.protocols (TLSv1.2, TLSv1.3) and
 * ssl.cipher.suites (IANA names, as Java spells them). Properties that only
 * mean something inside a JVM are accepted at their default values and
 * refused otherwise, naming the property.
 *
 * Pure OpenSSL: this room knows nothing of sockets beyond the descriptor it
 * is given; net/conn_tls.c glues a session to a connection. Secrets are
 * never put into messages, and key material and passwords copied here are
 * wiped (OPENSSL_cleanse) once used.
 */
#ifndef KT_TLS_TLS_H
#define KT_TLS_TLS_H

#include "base/err.h"
#include "java/props.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct kt_tls_ctx;
struct kt_tls;

/*
 * Build a client context from the ssl.* entries of props (other keys are
 * ignored): trust anchors, the client key and chain for mutual TLS when a
 * keystore is configured, protocol versions and cipher suites. Reads the
 * store files. Returns the context, or NULL with err filled: -KT_EINVAL for
 * a bad value (the message names the property), -KT_EUNSUPPORTED for a
 * JVM-only setting, -KT_EIO / -KT_ENOTFOUND for an unreadable store, and
 * the store loader's error for a bad store or password. Free with
 * kt_tls_ctx_free.
 */
struct kt_tls_ctx *kt_tls_ctx_new(const struct kt_props *props,
				  struct kt_err *err);
/* Free ctx; NULL is fine. Free its sessions first: they use its socket
 * BIO method. */
void kt_tls_ctx_free(struct kt_tls_ctx *ctx);

/* OPENSSL_cleanse the values of the secret ssl.* properties in props
 * (passwords and ssl.keystore.key), leaving empty strings: for a caller
 * that keeps a copy of the configuration after kt_tls_ctx_new. */
void kt_tls_wipe_secrets(struct kt_props *props);

/*
 * A client session on the connected non-blocking socket fd, to host:port
 * (host is sent as SNI when it is a name, and the broker's certificate is
 * checked against it when the context verifies host names). name is
 * "host:port" for messages. Does not own fd. Returns NULL with err filled.
 */
struct kt_tls *kt_tls_new(struct kt_tls_ctx *ctx, int fd, const char *host,
			  const char *name, struct kt_err *err);
/* Free t (sending close_notify when the session was established, without
 * waiting). NULL is fine. */
void kt_tls_free(struct kt_tls *t);

/* What a TLS step waits for. */
enum kt_tls_want {
	KT_TLS_WANT_NONE = 0,
	KT_TLS_WANT_READ = 1,
	KT_TLS_WANT_WRITE = 2,
};

/*
 * Advance the handshake. Returns 0 when it is complete, KT_TLS_WANT_READ or
 * KT_TLS_WANT_WRITE when the socket must become readable or writable
 * first, or a negative KT_E* with a one-line err: which broker, which
 * certificate (its subject) and why (untrusted, expired, host name
 * mismatch, the peer not speaking TLS, a handshake alert, ...).
 */
int kt_tls_handshake(struct kt_tls *t, struct kt_err *err);

/*
 * Move up to n bytes. Return the count (> 0), 0 when the socket would block,
 * or a negative KT_E* with err filled:
 * -KT_ECLOSED when the broker closed the connection (cleanly or not).
 */
ssize_t kt_tls_read(struct kt_tls *t, void *p, size_t n, struct kt_err *err);
ssize_t kt_tls_write(struct kt_tls *t, const void *p, size_t n,
		     struct kt_err *err);

#endif
