/*
 * net/conn.h - one broker connection: non-blocking TCP (IPv4 and IPv6), Kafka
 * framing, correlation ids and an in-flight window, driven by an outside
 * poll() loop.
 *
 * Implements protocol.md section 1 (int32 size framing, in-order answers,
 * pipelining, correlation ids). The byte stream goes through a small
 * transport vtable (struct kt_transport): plain TCP, or TLS
 * (net/conn_tls.c over tls/tls.h) when the options carry a TLS context.
 *
 * Life of a connection, all without blocking (except getaddrinfo in
 * kt_conn_connect):
 *
 *	c = kt_conn_new("broker1", 9092, &opts, err);
 *	kt_conn_connect(c, kt_now_ms(), err);
 *	kt_conn_send(c, &frame, cb, arg, err);     (queued until connected)
 *	loop: poll(kt_conn_fd(c), kt_conn_events(c), kt_conn_timeout(c, now))
 *	      kt_conn_on_events(c, revents, now, err);   (callbacks fire here)
 *
 * Many connections share one poll() loop: each exposes its fd, the events
 * it waits for and its next deadline. kt_conn_call is a blocking
 * convenience wrapper for tools and tests that talk to one broker.
 */
#ifndef KT_NET_CONN_H
#define KT_NET_CONN_H

#include "base/buf.h"
#include "base/err.h"

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct kt_conn;

/* Milliseconds of CLOCK_MONOTONIC, the time base of every deadline here. */
int64_t kt_now_ms(void);

/*
 * A transport moves bytes over the connected socket. read/write return the
 * number of bytes moved (> 0), 0 when the socket would block, or a negative
 * KT_E* with err filled (read returns -KT_ECLOSED at end of stream).
 * connected is called once the TCP connection is up: it returns 0 when the
 * transport is ready (plain TCP), 1 when it needs more socket events first
 * (a TLS handshake; it then sets them with kt_conn_set_wait and is called
 * again on each event), or a negative KT_E*. close releases the transport's
 * state (not the socket). Any hook may be NULL except read and write.
 */
struct kt_transport {
	const char *name;
	int (*connected)(struct kt_conn *c, struct kt_err *err);
	ssize_t (*read)(struct kt_conn *c, void *p, size_t n,
			struct kt_err *err);
	ssize_t (*write)(struct kt_conn *c, const void *p, size_t n,
			 struct kt_err *err);
	void (*close)(struct kt_conn *c);
};

/* Plain TCP: recv/send with MSG_NOSIGNAL, so a dead peer cannot raise
 * SIGPIPE. */
const struct kt_transport *kt_transport_plain(void);

/* TLS over TCP (net/conn_tls.c): the handshake runs in KT_CONN_HANDSHAKE
 * with the context of the options (kt_conn_opts.tls), checking the
 * broker's certificate against the host the connection was made for. */
const struct kt_transport *kt_transport_tls(void);

struct kt_tls_ctx;

/* Options of a connection; kt_conn_opts_init gives the Java defaults. */
struct kt_conn_opts {
	int connect_timeout_ms; /* per address; socket.connection.setup... */
	int request_timeout_ms; /* from the first byte sent to the answer */
	size_t max_response;	/* ceiling on one response frame */
	int max_in_flight;	/* sent but unanswered requests, >= 1 */
	const struct kt_transport *transport; /* NULL: plain TCP */
	struct kt_tls_ctx *tls; /* for kt_transport_tls; not owned, must
				 * outlive the connection */
};

/* 10000 ms connect, 30000 ms request, 100 MiB responses, 5 in flight. */
void kt_conn_opts_init(struct kt_conn_opts *o);

/* One answer. frame holds the whole response after the size (malloc'ed);
 * body points into it, after the response header. */
struct kt_response {
	int32_t correlation_id;
	int16_t api_key;
	int16_t api_version;
	uint8_t *frame;
	size_t frame_len;
	const uint8_t *body;
	size_t body_len;
};

/* Free resp->frame and zero resp. NULL is fine. */
void kt_response_release(struct kt_response *resp);

/*
 * Called once per request: with resp (err NULL) when the answer arrived, or
 * with err (resp NULL) when the request failed: connection failed, closed,
 * timed out, or freed. The callback may keep the answer by moving *resp
 * out and setting resp->frame to NULL; otherwise the connection frees it
 * after the call. The callback must not free the connection.
 */
/* A Produce request with acks=0 has no answer: its callback gets, once the
 * request is written, a resp with frame NULL and body_len 0. */
typedef void (*kt_conn_cb)(void *arg, struct kt_conn *c,
			   struct kt_response *resp, const struct kt_err *err);

enum kt_conn_state {
	KT_CONN_INIT,	    /* created, not connecting yet */
	KT_CONN_CONNECTING, /* TCP connect in progress */
	KT_CONN_HANDSHAKE,  /* transport handshake (TLS) in progress */
	KT_CONN_READY,	    /* requests flow */
	KT_CONN_DEAD	    /* failed or closed; see kt_conn_error */
};

/* A new connection to host:port (host is a name, an IPv4 or an IPv6
 * address without brackets). Copies host. Returns NULL on bad arguments or
 * ENOMEM (err filled). Free with kt_conn_free. */
struct kt_conn *kt_conn_new(const char *host, int port,
			    const struct kt_conn_opts *opts,
			    struct kt_err *err);

/*
 * Fail every request still queued (callbacks get KT_ECLOSED "connection to
 * H:P closed by the client"), close the socket and free c. NULL is fine.
 */
void kt_conn_free(struct kt_conn *c);

/*
 * Resolve the host (getaddrinfo, which may block: the only blocking call
 * of this module) and start a non-blocking connect to the first address;
 * the others are tried in turn when one fails or times out. Returns 0, or a
 * negative KT_E* when no address could even be tried (resolution failed:
 * KT_ERESOLVE); the connection is then dead. Calling it again on a dead
 * connection starts over.
 */
int kt_conn_connect(struct kt_conn *c, int64_t now, struct kt_err *err);

/* The socket to poll, or -1 when there is none (INIT, DEAD). */
int kt_conn_fd(const struct kt_conn *c);

/* The poll events (POLLIN/POLLOUT) c waits for; 0 when none. */
short kt_conn_events(const struct kt_conn *c);

/* The next deadline of c in kt_now_ms time, or -1 when there is none. */
int64_t kt_conn_deadline(const struct kt_conn *c);

/* Milliseconds from now until kt_conn_deadline (0 when passed, -1 none),
 * ready to be a poll() timeout. */
int kt_conn_timeout(const struct kt_conn *c, int64_t now);

/*
 * Make progress: finish connecting, move bytes, deliver answers (each to
 * its callback) and enforce deadlines. revents is what poll() reported for
 * kt_conn_fd(c) (0 when called only because a deadline passed). Returns 0,
 * or a negative KT_E* when the connection failed during this call (err
 * filled; every queued request got the same error through its callback).
 */
int kt_conn_on_events(struct kt_conn *c, short revents, int64_t now,
		      struct kt_err *err);

/*
 * Queue a request frame (built with kt_req_begin/kt_req_end) and take its
 * bytes: frame is left empty. The connection assigns the correlation id
 * (patched into the frame) and returns it (>= 0), or returns a negative
 * KT_E* (err filled) when c is dead or the frame is not a request; frame is
 * emptied either way. On success cb is called exactly once, later, never
 * from inside kt_conn_send; on failure it is never called.
 */
int32_t kt_conn_send(struct kt_conn *c, struct kt_buf *frame, kt_conn_cb cb,
		     void *arg, struct kt_err *err);

/*
 * Close the connection with err as the reason: every queued request gets
 * err through its callback, and c becomes DEAD. For the layer above (a
 * response it cannot use).
 */
void kt_conn_fail(struct kt_conn *c, const struct kt_err *err);

enum kt_conn_state kt_conn_state(const struct kt_conn *c);

/* Why c is DEAD (code 0 when it is not). */
const struct kt_err *kt_conn_error(const struct kt_conn *c);

/* "host:port" ("[::1]:9092" for IPv6), for messages. */
const char *kt_conn_name(const struct kt_conn *c);

/* The host c connects to, as given to kt_conn_new, and its options. */
const char *kt_conn_host(const struct kt_conn *c);
const struct kt_conn_opts *kt_conn_options(const struct kt_conn *c);

/* Requests queued and not yet answered (written or not). */
size_t kt_conn_pending(const struct kt_conn *c);

/* For transports: the connected socket, their private state slot, and the
 * poll events a handshake waits for. */
int kt_conn_socket(const struct kt_conn *c);
void **kt_conn_transport_state(struct kt_conn *c);
void kt_conn_set_wait(struct kt_conn *c, short events);

/*
 * Blocking helpers for one connection (tools, tests): run poll() on c
 * alone until it is READY (kt_conn_wait_ready) or until the answer to frame
 * arrived (kt_conn_call; *resp then owns the answer, release it with
 * kt_response_release). Both connect first when c is INIT. Timeouts are
 * those of the options. Return 0 or a negative KT_E* (err filled).
 */
int kt_conn_wait_ready(struct kt_conn *c, struct kt_err *err);
int kt_conn_call(struct kt_conn *c, struct kt_buf *frame,
		 struct kt_response *resp, struct kt_err *err);

#endif
