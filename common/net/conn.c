/*
 * net/conn.c - one non-blocking broker connection: connect over every resolved
 * address in turn, framing (int32 size), correlation ids, in-flight window,
 * connect and request deadlines.
 *
 * Implements protocol.md section 1. Answers come in request order, so the
 * oldest written request must match every answer; a request that times out
 * takes the whole connection down (as the Java client does), since later
 * answers could not be told apart from it.
 */
#include "net/conn.h"

#include "wire/proto.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/crypto.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct req {
	struct req *next;
	uint8_t *frame;
	size_t len;
	int32_t corr;
	int16_t api_key;
	int16_t api_version;
	int64_t deadline; /* set when its first byte is written */
	kt_conn_cb cb;
	void *arg;
	bool noreply; /* Produce with acks=0: the broker never answers */
};

struct kt_conn {
	char *host;
	int port;
	char name[300];
	struct kt_conn_opts opts;
	enum kt_conn_state state;
	int fd;
	short hs_events; /* events a transport handshake waits for */
	void *tstate;

	struct addrinfo *ai_list;
	struct addrinfo *ai; /* address being tried */
	int64_t connect_deadline;
	struct kt_err last_connect_err;

	/* requests: head..unsent are written and unanswered (n_inflight of
	 * them), unsent..tail wait; unsent is partly written when woff > 0 */
	struct req *head, *tail, *unsent;
	size_t n_pending, n_inflight, woff;
	int32_t next_corr;

	/* the response being read */
	uint8_t szbuf[4];
	size_t szgot;
	uint8_t *rbuf;
	size_t rlen, rgot, rcap; /* rcap: allocated, grows as bytes come */

	struct kt_err err;
};

int64_t kt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Plain TCP transport ---------------------------------------------------- */

static ssize_t plain_read(struct kt_conn *c, void *p, size_t n,
			  struct kt_err *err)
{
	ssize_t r;

	do
		r = recv(c->fd, p, n, 0);
	while (r < 0 && errno == EINTR);
	if (r > 0)
		return r;
	if (r == 0)
		return kt_err_set(err, KT_ECLOSED,
				  "connection to %s closed by the broker",
				  c->name);
	if (errno == EAGAIN || errno == EWOULDBLOCK)
		return 0;
	return kt_err_set(err, KT_EIO, "connection to %s: read failed: %s",
			  c->name, strerror(errno));
}

static ssize_t plain_write(struct kt_conn *c, const void *p, size_t n,
			   struct kt_err *err)
{
	ssize_t r;

	do
		r = send(c->fd, p, n, MSG_NOSIGNAL);
	while (r < 0 && errno == EINTR);
	if (r >= 0)
		return r;
	if (errno == EAGAIN || errno == EWOULDBLOCK)
		return 0;
	return kt_err_set(err, errno == EPIPE ? KT_ECLOSED : KT_EIO,
			  "connection to %s: write failed: %s", c->name,
			  strerror(errno));
}

static const struct kt_transport plain = {
	"plaintext", NULL, plain_read, plain_write, NULL,
};

const struct kt_transport *kt_transport_plain(void)
{
	return &plain;
}

/* Setup and teardown ----------------------------------------------------- */

void kt_conn_opts_init(struct kt_conn_opts *o)
{
	o->connect_timeout_ms = 10000;
	o->request_timeout_ms = 30000;
	o->max_response = (size_t)100 << 20;
	o->max_in_flight = 5;
	o->transport = NULL;
	o->tls = NULL;
}

void kt_response_release(struct kt_response *resp)
{
	if (!resp)
		return;
	free(resp->frame);
	memset(resp, 0, sizeof(*resp));
}

struct kt_conn *kt_conn_new(const char *host, int port,
			    const struct kt_conn_opts *opts, struct kt_err *err)
{
	struct kt_conn *c;

	if (!host || !*host || port <= 0 || port > 65535) {
		kt_err_set(err, KT_EINVAL, "invalid broker address '%s:%d'",
			   host ? host : "", port);
		return NULL;
	}
	c = calloc(1, sizeof(*c));
	if (!c || !(c->host = strdup(host))) {
		free(c);
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return NULL;
	}
	c->port = port;
	snprintf(c->name, sizeof(c->name),
		 strchr(host, ':') ? "[%s]:%d" : "%s:%d", host, port);
	if (opts)
		c->opts = *opts;
	else
		kt_conn_opts_init(&c->opts);
	if (!c->opts.transport)
		c->opts.transport = &plain;
	if (c->opts.max_in_flight < 1)
		c->opts.max_in_flight = 1;
	c->fd = -1;
	c->state = KT_CONN_INIT;
	return c;
}

static void close_socket(struct kt_conn *c)
{
	if (c->opts.transport->close)
		c->opts.transport->close(c);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	free(c->rbuf);
	c->rbuf = NULL;
	c->rlen = c->rgot = c->rcap = c->szgot = 0;
	c->woff = 0;
	c->n_inflight = 0;
	c->hs_events = 0;
}

/* Take every request off c and fail it with err. Callbacks may queue new
 * requests on other connections, not on this one (it is dead). */
/* Free q's frame; a SaslAuthenticate frame is wiped first, since it
 * carries a password (PLAIN) or a proof derived from one (SCRAM). */
static void free_frame(struct req *q)
{
	if (q->frame && q->api_key == KT_API_SASL_AUTHENTICATE)
		OPENSSL_cleanse(q->frame, q->len);
	free(q->frame);
	q->frame = NULL;
}

static void fail_all(struct kt_conn *c, const struct kt_err *err)
{
	struct req *q = c->head;

	c->head = c->tail = c->unsent = NULL;
	c->n_pending = c->n_inflight = 0;
	while (q) {
		struct req *next = q->next;

		if (q->cb)
			q->cb(q->arg, c, NULL, err);
		free_frame(q);
		free(q);
		q = next;
	}
}

void kt_conn_fail(struct kt_conn *c, const struct kt_err *err)
{
	if (c->state == KT_CONN_DEAD)
		return;
	c->err = *err;
	if (!c->err.code)
		c->err.code = KT_EIO;
	close_socket(c);
	if (c->ai_list)
		freeaddrinfo(c->ai_list);
	c->ai_list = c->ai = NULL;
	c->state = KT_CONN_DEAD;
	fail_all(c, &c->err);
}

static int die(struct kt_conn *c, struct kt_err *err)
{
	struct kt_err e = c->err;

	kt_conn_fail(c, &e);
	if (err)
		*err = c->err;
	return -c->err.code;
}

void kt_conn_free(struct kt_conn *c)
{
	struct kt_err e;

	if (!c)
		return;
	kt_err_set(&e, KT_ECLOSED, "connection to %s closed by the client",
		   c->name);
	kt_conn_fail(c, &e);
	free(c->host);
	free(c);
}

/* Connecting ------------------------------------------------------------- */

static void addr_text(const struct addrinfo *ai, char *out, size_t n)
{
	if (getnameinfo(ai->ai_addr, ai->ai_addrlen, out, (socklen_t)n, NULL, 0,
			NI_NUMERICHOST) != 0)
		snprintf(out, n, "?");
}

static void set_connect_err(struct kt_conn *c, int code, int e)
{
	char a[64];

	addr_text(c->ai, a, sizeof(a));
	if (code == KT_ETIMEDOUT)
		kt_err_set(&c->last_connect_err, code,
			   "connection to %s (%s) timed out after %d ms",
			   c->name, a, c->opts.connect_timeout_ms);
	else if (e == ECONNREFUSED)
		kt_err_set(&c->last_connect_err, code,
			   "connection to %s (%s) refused", c->name, a);
	else
		kt_err_set(&c->last_connect_err, code,
			   "cannot connect to %s (%s): %s", c->name, a,
			   strerror(e));
}

static int transport_ready(struct kt_conn *c, struct kt_err *err);

/* Start connecting to c->ai or, when it fails at once, to the next
 * addresses. Returns 0 while an attempt is under way or done, or a negative
 * code once every address failed (the connection is dead then). */
static int try_addresses(struct kt_conn *c, int64_t now, struct kt_err *err)
{
	for (; c->ai; c->ai = c->ai->ai_next) {
		int fd, one = 1, r;

		fd = socket(c->ai->ai_family,
			    c->ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    c->ai->ai_protocol);
		if (fd < 0) {
			set_connect_err(c, KT_ECONNECT, errno);
			continue;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		do
			r = connect(fd, c->ai->ai_addr, c->ai->ai_addrlen);
		while (r < 0 && errno == EINTR);
		if (r < 0 && errno != EINPROGRESS) {
			set_connect_err(c, KT_ECONNECT, errno);
			close(fd);
			continue;
		}
		c->fd = fd;
		c->connect_deadline = now + c->opts.connect_timeout_ms;
		c->state = KT_CONN_CONNECTING;
		if (r == 0)
			return transport_ready(c, err);
		return 0;
	}
	c->err = c->last_connect_err;
	return die(c, err);
}

int kt_conn_connect(struct kt_conn *c, int64_t now, struct kt_err *err)
{
	struct addrinfo hints;
	char port[16];
	int r;

	if (c->state != KT_CONN_INIT && c->state != KT_CONN_DEAD)
		return 0;
	kt_err_clear(&c->err);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	/* no AI_ADDRCONFIG: it hides ::1 on hosts with only loopback IPv6 */
	snprintf(port, sizeof(port), "%d", c->port);
	r = getaddrinfo(c->host, port, &hints, &c->ai_list);
	if (r != 0) {
		c->ai_list = NULL;
		c->state = KT_CONN_DEAD;
		kt_err_set(&c->err, KT_ERESOLVE, "cannot resolve '%s': %s",
			   c->host,
			   r == EAI_SYSTEM ? strerror(errno) : gai_strerror(r));
		if (err)
			*err = c->err;
		return -KT_ERESOLVE;
	}
	c->ai = c->ai_list;
	kt_err_set(&c->last_connect_err, KT_ECONNECT,
		   "no address to connect to for %s", c->name);
	return try_addresses(c, now, err);
}

/* Give up on the current address and move to the next one. */
static int next_address(struct kt_conn *c, int code, int e, int64_t now,
			struct kt_err *err)
{
	set_connect_err(c, code, e);
	close(c->fd);
	c->fd = -1;
	c->ai = c->ai->ai_next;
	return try_addresses(c, now, err);
}

static int transport_ready(struct kt_conn *c, struct kt_err *err)
{
	int r = 0;

	if (c->opts.transport->connected)
		r = c->opts.transport->connected(c, &c->err);
	if (r < 0)
		return die(c, err);
	if (r > 0) {
		c->state = KT_CONN_HANDSHAKE;
		return 0;
	}
	c->state = KT_CONN_READY;
	if (c->ai_list)
		freeaddrinfo(c->ai_list);
	c->ai_list = c->ai = NULL;
	return 0;
}

/* Moving bytes ----------------------------------------------------------- */

/* Produce requests with acks=0 get no response (protocol.md, Produce):
 * true for such a frame. The header and the start of the body are read
 * with a bounds-checked reader; anything odd counts as "answered". */
static bool produce_acks0(const uint8_t *f, size_t len)
{
	struct kt_reader r;
	int16_t key, version, acks;
	struct kt_bytes s;
	uint32_t ntags, i;

	kt_reader_init(&r, f, len);
	kt_read_skip(&r, 4);
	kt_read_i16(&r, &key);
	kt_read_i16(&r, &version);
	if (r.err || key != KT_API_PRODUCE)
		return false;
	kt_read_skip(&r, 4);
	kt_read_nstr(&r, &s); /* client id */
	if (kt_req_header_version(key, version) >= 2) {
		kt_read_uvarint(&r, &ntags);
		for (i = 0; i < ntags && !r.err; i++) {
			uint32_t tag, size;

			kt_read_uvarint(&r, &tag);
			kt_read_uvarint(&r, &size);
			kt_read_skip(&r, size);
		}
		kt_read_cnstr(&r, &s); /* transactional id */
	} else {
		kt_read_nstr(&r, &s);
	}
	kt_read_i16(&r, &acks);
	return !r.err && acks == 0;
}

/* A request without answer was written: take it off the list and tell
 * its callback with an empty response. */
static void noreply_done(struct kt_conn *c, struct req *q)
{
	struct kt_response resp;
	struct req **pp = &c->head, *prev = NULL;

	while (*pp && *pp != q) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	if (*pp)
		*pp = q->next;
	if (c->tail == q)
		c->tail = prev;
	c->n_pending--;
	memset(&resp, 0, sizeof(resp));
	resp.correlation_id = q->corr;
	resp.api_key = q->api_key;
	resp.api_version = q->api_version;
	if (q->cb)
		q->cb(q->arg, c, &resp, NULL);
	free(q);
}

static int do_write(struct kt_conn *c, int64_t now)
{
	while (c->unsent && c->n_inflight < (size_t)c->opts.max_in_flight) {
		struct req *q = c->unsent;
		ssize_t n;

		if (c->woff == 0)
			q->deadline = now + c->opts.request_timeout_ms;
		n = c->opts.transport->write(c, q->frame + c->woff,
					     q->len - c->woff, &c->err);
		if (n < 0)
			return (int)n;
		if (n == 0)
			return 0;
		c->woff += (size_t)n;
		if (c->woff < q->len)
			continue;
		/* written: the frame is not needed any more */
		free_frame(q);
		c->woff = 0;
		c->unsent = q->next;
		if (q->noreply) {
			noreply_done(c, q);
			continue;
		}
		c->n_inflight++;
	}
	return 0;
}

/* Hand a complete response frame (c->rbuf) to the oldest request. */
static int deliver(struct kt_conn *c)
{
	struct req *q = c->head;
	struct kt_response resp;
	struct kt_reader r;
	struct kt_err e;

	if (!q || c->n_inflight == 0)
		return kt_err_set(&c->err, KT_EPROTO,
				  "connection to %s: response with no request "
				  "in flight",
				  c->name);
	memset(&resp, 0, sizeof(resp));
	kt_reader_init(&r, c->rbuf, c->rlen);
	if (kt_resp_header_read(&r, q->api_key, q->api_version,
				&resp.correlation_id, &e))
		return kt_err_set(&c->err, KT_EPROTO, "connection to %s: %s",
				  c->name, e.msg);
	if (resp.correlation_id != q->corr)
		return kt_err_set(&c->err, KT_EPROTO,
				  "connection to %s: response correlation id "
				  "%d does not match request %s v%d "
				  "(correlation id %d)",
				  c->name, resp.correlation_id,
				  kt_api_name(q->api_key), q->api_version,
				  q->corr);
	resp.api_key = q->api_key;
	resp.api_version = q->api_version;
	resp.frame = c->rbuf;
	resp.frame_len = c->rlen;
	resp.body = r.p;
	resp.body_len = r.left;
	c->rbuf = NULL;
	c->rlen = c->rgot = c->rcap = c->szgot = 0;

	c->head = q->next;
	if (!c->head)
		c->tail = NULL;
	c->n_pending--;
	c->n_inflight--;
	if (q->cb)
		q->cb(q->arg, c, &resp, NULL);
	free(resp.frame);
	free(q);
	return 0;
}

/* The first allocation for a response frame. */
#define RBUF_START 65536

/*
 * Make room for more of the frame being read: the size prefix is the
 * broker's word, so the buffer grows (doubling) with the bytes that have
 * come rather than being allocated at the announced size; a peer that
 * announces 100 MiB and sends 10 bytes costs 64 KiB.
 */
static int grow_rbuf(struct kt_conn *c)
{
	size_t cap = c->rcap ? c->rcap * 2 : RBUF_START;
	uint8_t *p;

	if (cap > c->rlen)
		cap = c->rlen;
	p = realloc(c->rbuf, cap);
	if (!p)
		return kt_err_set(&c->err, KT_ENOMEM, "out of memory");
	c->rbuf = p;
	c->rcap = cap;
	return 0;
}

static int do_read(struct kt_conn *c)
{
	for (;;) {
		ssize_t n;

		if (c->szgot < 4) {
			n = c->opts.transport->read(c, c->szbuf + c->szgot,
						    4 - c->szgot, &c->err);
			if (n <= 0)
				return (int)n;
			c->szgot += (size_t)n;
			if (c->szgot < 4)
				continue;
			c->rlen = kt_be32(c->szbuf);
			/* a TLS record (alert 21 or handshake 22, version
			 * 3.x) where a size should be: a TLS listener */
			if (c->opts.transport == &plain &&
			    (c->szbuf[0] == 21 || c->szbuf[0] == 22) &&
			    c->szbuf[1] == 3 && c->szbuf[2] <= 4)
				return kt_err_set(
					&c->err, KT_EPROTO,
					"connection to %s: the broker "
					"answered in TLS (a TLS listener? set "
					"security.protocol=SSL)",
					c->name);
			if (c->szbuf[0] & 0x80 || c->rlen < 4)
				return kt_err_set(&c->err, KT_EPROTO,
						  "connection to %s: invalid "
						  "response size %d",
						  c->name,
						  (int32_t)kt_be32(c->szbuf));
			if (c->rlen > c->opts.max_response)
				return kt_err_set(
					&c->err, KT_ETOOBIG,
					"connection to %s: response of %zu "
					"bytes exceeds the limit of %zu bytes",
					c->name, c->rlen, c->opts.max_response);
			c->rgot = c->rcap = 0;
		}
		if (c->rgot == c->rcap && grow_rbuf(c) < 0)
			return -KT_ENOMEM;
		n = c->opts.transport->read(c, c->rbuf + c->rgot,
					    c->rcap - c->rgot, &c->err);
		if (n <= 0)
			return (int)n;
		c->rgot += (size_t)n;
		if (c->rgot < c->rlen)
			continue;
		if (deliver(c) < 0)
			return -c->err.code;
		/* the callback may have closed the connection */
		if (c->state != KT_CONN_READY)
			return 0;
	}
}

/* The event step ---------------------------------------------------------- */

int kt_conn_on_events(struct kt_conn *c, short revents, int64_t now,
		      struct kt_err *err)
{
	int r;

	switch (c->state) {
	case KT_CONN_INIT:
	case KT_CONN_DEAD:
		return 0;
	case KT_CONN_CONNECTING:
		if (revents & (POLLOUT | POLLERR | POLLHUP)) {
			int e = 0;
			socklen_t len = sizeof(e);

			if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &len))
				e = errno;
			if (e == 0)
				return transport_ready(c, err);
			return next_address(c, KT_ECONNECT, e, now, err);
		}
		if (now >= c->connect_deadline)
			return next_address(c, KT_ETIMEDOUT, ETIMEDOUT, now,
					    err);
		return 0;
	case KT_CONN_HANDSHAKE:
		if (now >= c->connect_deadline) {
			kt_err_set(&c->err, KT_ETIMEDOUT,
				   "connection to %s: %s handshake timed out "
				   "after %d ms",
				   c->name, c->opts.transport->name,
				   c->opts.connect_timeout_ms);
			return die(c, err);
		}
		if (revents)
			return transport_ready(c, err);
		return 0;
	case KT_CONN_READY:
		break;
	}
	if (revents & POLLIN || revents & (POLLERR | POLLHUP)) {
		r = do_read(c);
		if (r < 0)
			return die(c, err);
	}
	if (c->state == KT_CONN_READY && c->unsent) {
		r = do_write(c, now);
		if (r < 0)
			return die(c, err);
	}
	/* only the oldest written request can be late first */
	if (c->n_inflight > 0 && now >= c->head->deadline) {
		kt_err_set(&c->err, KT_ETIMEDOUT,
			   "%s v%d request to %s timed out after %d ms",
			   kt_api_name(c->head->api_key), c->head->api_version,
			   c->name, c->opts.request_timeout_ms);
		return die(c, err);
	}
	return 0;
}

int32_t kt_conn_send(struct kt_conn *c, struct kt_buf *frame, kt_conn_cb cb,
		     void *arg, struct kt_err *err)
{
	struct req *q;
	size_t len;
	uint8_t *p;
	int32_t corr;

	if (c->state == KT_CONN_DEAD) {
		kt_buf_release(frame);
		kt_buf_init(frame, 0);
		return kt_err_set(err, c->err.code ? c->err.code : KT_ECLOSED,
				  "connection to %s is closed%s%s", c->name,
				  c->err.code ? ": " : "", c->err.msg);
	}
	if (frame->err || frame->len < 12 ||
	    kt_be32(frame->p) != frame->len - 4) {
		kt_buf_release(frame);
		kt_buf_init(frame, 0);
		return kt_err_set(err, KT_EINVAL,
				  "connection to %s: not a request frame",
				  c->name);
	}
	q = calloc(1, sizeof(*q));
	if (!q) {
		kt_buf_release(frame);
		kt_buf_init(frame, 0);
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	}
	corr = c->next_corr;
	c->next_corr = c->next_corr == INT32_MAX ? 0 : c->next_corr + 1;
	kt_store_be32(frame->p + KT_FRAME_OFF_CORRELATION_ID, (uint32_t)corr);
	q->api_key = (int16_t)kt_be16(frame->p + KT_FRAME_OFF_API_KEY);
	q->api_version = (int16_t)kt_be16(frame->p + KT_FRAME_OFF_API_VERSION);
	q->noreply = produce_acks0(frame->p, frame->len);
	p = kt_buf_detach(frame, &len);
	kt_buf_init(frame, 0);
	q->frame = p;
	q->len = len;
	q->corr = corr;
	q->cb = cb;
	q->arg = arg;
	if (c->tail)
		c->tail->next = q;
	else
		c->head = q;
	c->tail = q;
	if (!c->unsent)
		c->unsent = q;
	c->n_pending++;
	return corr;
}

/* Accessors --------------------------------------------------------------- */

int kt_conn_fd(const struct kt_conn *c)
{
	return c->fd;
}

short kt_conn_events(const struct kt_conn *c)
{
	switch (c->state) {
	case KT_CONN_CONNECTING:
		return POLLOUT;
	case KT_CONN_HANDSHAKE:
		return c->hs_events;
	case KT_CONN_READY:
		return (short)(POLLIN |
			       (c->unsent && c->n_inflight <
							(size_t)c->opts
								.max_in_flight
					? POLLOUT
					: 0));
	default:
		return 0;
	}
}

int64_t kt_conn_deadline(const struct kt_conn *c)
{
	switch (c->state) {
	case KT_CONN_CONNECTING:
	case KT_CONN_HANDSHAKE:
		return c->connect_deadline;
	case KT_CONN_READY:
		return c->n_inflight > 0 ? c->head->deadline : -1;
	default:
		return -1;
	}
}

int kt_conn_timeout(const struct kt_conn *c, int64_t now)
{
	int64_t d = kt_conn_deadline(c);

	if (d < 0)
		return -1;
	if (d <= now)
		return 0;
	return d - now > INT32_MAX ? INT32_MAX : (int)(d - now);
}

enum kt_conn_state kt_conn_state(const struct kt_conn *c)
{
	return c->state;
}

const struct kt_err *kt_conn_error(const struct kt_conn *c)
{
	return &c->err;
}

const char *kt_conn_name(const struct kt_conn *c)
{
	return c->name;
}

const char *kt_conn_host(const struct kt_conn *c)
{
	return c->host;
}

const struct kt_conn_opts *kt_conn_options(const struct kt_conn *c)
{
	return &c->opts;
}

size_t kt_conn_pending(const struct kt_conn *c)
{
	return c->n_pending;
}

int kt_conn_socket(const struct kt_conn *c)
{
	return c->fd;
}

void **kt_conn_transport_state(struct kt_conn *c)
{
	return &c->tstate;
}

void kt_conn_set_wait(struct kt_conn *c, short events)
{
	c->hs_events = events;
}

/* Blocking helpers --------------------------------------------------------- */

/* One poll() round on c alone. */
static int step(struct kt_conn *c, struct kt_err *err)
{
	struct pollfd pfd;
	int64_t now = kt_now_ms();
	int t = kt_conn_timeout(c, now), r;

	pfd.fd = kt_conn_fd(c);
	pfd.events = kt_conn_events(c);
	pfd.revents = 0;
	r = poll(&pfd, 1, t);
	if (r < 0 && errno != EINTR)
		return kt_err_set(err, KT_EIO, "poll: %s", strerror(errno));
	return kt_conn_on_events(c, r > 0 ? pfd.revents : 0, kt_now_ms(), err);
}

int kt_conn_wait_ready(struct kt_conn *c, struct kt_err *err)
{
	int r;

	if (c->state == KT_CONN_INIT || c->state == KT_CONN_DEAD) {
		r = kt_conn_connect(c, kt_now_ms(), err);
		if (r < 0)
			return r;
	}
	while (c->state == KT_CONN_CONNECTING ||
	       c->state == KT_CONN_HANDSHAKE) {
		r = step(c, err);
		if (r < 0)
			return r;
	}
	if (c->state != KT_CONN_READY) {
		if (err)
			*err = c->err;
		return -(c->err.code ? c->err.code : KT_ECLOSED);
	}
	return 0;
}

struct waiter {
	bool done;
	struct kt_response *resp;
	struct kt_err err;
};

static void call_cb(void *arg, struct kt_conn *c, struct kt_response *resp,
		    const struct kt_err *err)
{
	struct waiter *w = arg;

	(void)c;
	w->done = true;
	if (err) {
		w->err = *err;
		return;
	}
	*w->resp = *resp;
	resp->frame = NULL;
}

int kt_conn_call(struct kt_conn *c, struct kt_buf *frame,
		 struct kt_response *resp, struct kt_err *err)
{
	struct waiter w;
	int r;

	memset(&w, 0, sizeof(w));
	memset(resp, 0, sizeof(*resp));
	w.resp = resp;
	r = kt_conn_wait_ready(c, err);
	if (r < 0) {
		kt_buf_release(frame);
		kt_buf_init(frame, 0);
		return r;
	}
	r = kt_conn_send(c, frame, call_cb, &w, err);
	if (r < 0)
		return r;
	while (!w.done) {
		r = step(c, err);
		if (r < 0 && !w.done)
			return r;
	}
	if (w.err.code) {
		if (err)
			*err = w.err;
		return -w.err.code;
	}
	return 0;
}
