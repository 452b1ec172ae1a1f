/*
 * net/conn_tls.c - the TLS transport of a broker connection: a tls/ session
 * on the connection's socket, its handshake driven by the connection's
 * poll events (KT_CONN_HANDSHAKE), then reads and writes through it.
 *
 * The session is made when TCP is up, for the host the connection was
 * created with (SNI, and the host name the broker's certificate must match
 * under ssl.endpoint.identification.algorithm=https).
 *
 * Once connected, a read that OpenSSL answers with "want write" (a TLS 1.3
 * KeyUpdate reply on a full socket) reports "would block" like any other:
 * OpenSSL keeps the pending record and sends it on the next read or write,
 * and the connection polls for input whenever it is ready, so nothing waits
 * on it.
 */
#include "net/conn.h"

#include "tls/tls.h"

#include <poll.h>

static struct kt_tls *session(struct kt_conn *c)
{
	return *kt_conn_transport_state(c);
}

static int tls_connected(struct kt_conn *c, struct kt_err *err)
{
	void **slot = kt_conn_transport_state(c);
	int r;

	if (!*slot) {
		const struct kt_conn_opts *o = kt_conn_options(c);

		if (!o->tls)
			return kt_err_set(err, KT_EINVAL,
					  "connection to %s: TLS without a "
					  "TLS context",
					  kt_conn_name(c));
		*slot = kt_tls_new(o->tls, kt_conn_socket(c), kt_conn_host(c),
				   kt_conn_name(c), err);
		if (!*slot)
			return -KT_ENOMEM;
	}
	r = kt_tls_handshake(session(c), err);
	if (r <= 0)
		return r;
	kt_conn_set_wait(c, r == KT_TLS_WANT_READ ? POLLIN : POLLOUT);
	return 1;
}

static ssize_t tls_read(struct kt_conn *c, void *p, size_t n,
			struct kt_err *err)
{
	return kt_tls_read(session(c), p, n, err);
}

static ssize_t tls_write(struct kt_conn *c, const void *p, size_t n,
			 struct kt_err *err)
{
	return kt_tls_write(session(c), p, n, err);
}

static void tls_close(struct kt_conn *c)
{
	void **slot = kt_conn_transport_state(c);

	kt_tls_free(*slot);
	*slot = NULL;
}

static const struct kt_transport tls = {
	"TLS", tls_connected, tls_read, tls_write, tls_close,
};

const struct kt_transport *kt_transport_tls(void)
{
	return &tls;
}
