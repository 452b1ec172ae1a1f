/*
 * test_conn.c - struct kt_conn against fake brokers on loopback sockets in
 * this process: pipelining and the in-flight window, correlation checks,
 * the response ceiling, peer close (no SIGPIPE), request timeout, refused
 * and timed-out connects, IPv6, and the blocking kt_conn_call (the fake
 * broker is a forked child there).
 */
#include "unit.h"

#include "net/conn.h"
#include "fake_net.h"
#include "wire/proto.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

void test_conn(void);

/* The fake broker's side of one connection. */
struct fake {
	int lfd;
	int fd;
	uint8_t in[4096];
	size_t inlen;
	int32_t corrs[16]; /* correlation ids of the frames received */
	int nreq;
};

/* Accept, then read whatever arrived and count the complete frames. */
static void fake_pump(struct fake *f)
{
	ssize_t n;

	if (f->fd < 0) {
		struct pollfd p = {f->lfd, POLLIN, 0};

		if (poll(&p, 1, 0) == 1)
			f->fd = accept(f->lfd, NULL, NULL);
		if (f->fd < 0)
			return;
	}
	for (;;) {
		struct pollfd p = {f->fd, POLLIN, 0};

		if (poll(&p, 1, 0) != 1 || f->inlen == sizeof(f->in))
			break;
		n = read(f->fd, f->in + f->inlen, sizeof(f->in) - f->inlen);
		if (n <= 0)
			break;
		f->inlen += (size_t)n;
	}
	while (f->inlen >= 4) {
		size_t sz = kt_be32(f->in);

		if (f->inlen < 4 + sz)
			break;
		if (f->nreq < 16)
			f->corrs[f->nreq] = (int32_t)kt_be32(
				f->in + KT_FRAME_OFF_CORRELATION_ID);
		f->nreq++;
		memmove(f->in, f->in + 4 + sz, f->inlen - 4 - sz);
		f->inlen -= 4 + sz;
	}
}

/* Answer with a v0 response header and a 2-byte body. */
static void fake_answer(struct fake *f, int32_t corr)
{
	uint8_t out[10];
	ssize_t n;

	kt_store_be32(out, 6);
	kt_store_be32(out + 4, (uint32_t)corr);
	out[8] = 0xab;
	out[9] = 0xcd;
	n = write(f->fd, out, sizeof(out));
	(void)n;
}

struct got {
	int n;
	int32_t corr[8];
	int code[8];
	char msg[256];
	size_t body_len;
};

static void on_resp(void *arg, struct kt_conn *c, struct kt_response *resp,
		    const struct kt_err *err)
{
	struct got *g = arg;

	(void)c;
	if (g->n < 8) {
		g->corr[g->n] = resp ? resp->correlation_id : -1;
		g->code[g->n] = err ? err->code : 0;
		if (resp)
			g->body_len = resp->body_len;
	}
	if (err)
		snprintf(g->msg, sizeof(g->msg), "%s", err->msg);
	g->n++;
}

/* One poll round for the connection, then let the fake broker read. */
static int pump(struct kt_conn *c, struct fake *f, int ms)
{
	struct pollfd p;
	int r;

	p.fd = kt_conn_fd(c);
	p.events = kt_conn_events(c);
	p.revents = 0;
	r = poll(&p, 1, ms);
	r = kt_conn_on_events(c, r > 0 ? p.revents : 0, kt_now_ms(), NULL);
	if (f)
		fake_pump(f);
	return r;
}

static int queue_apiversions(struct kt_conn *c, struct got *g)
{
	struct kt_buf b;
	struct kt_err e;

	kt_buf_init(&b, 0);
	kt_req_begin(&b, KT_API_API_VERSIONS, 0, 0, "t", &e);
	kt_req_end(&b, &e);
	return kt_conn_send(c, &b, on_resp, g, &e);
}

static struct kt_conn *open_conn(const char *host, int port, int max_inflight,
				 int req_timeout, size_t max_resp)
{
	struct kt_conn_opts o;
	struct kt_conn *c;

	kt_conn_opts_init(&o);
	o.max_in_flight = max_inflight;
	o.request_timeout_ms = req_timeout;
	o.connect_timeout_ms = 2000;
	if (max_resp)
		o.max_response = max_resp;
	c = kt_conn_new(host, port, &o, NULL);
	kt_conn_connect(c, kt_now_ms(), NULL);
	return c;
}

static void fake_init(struct fake *f, int family, int *port)
{
	memset(f, 0, sizeof(*f));
	f->fd = -1;
	f->lfd = kt_test_listen(family, 8, port);
}

static void fake_close(struct fake *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->lfd >= 0)
		close(f->lfd);
}

/* A fake broker on family's loopback, no answers yet in g, and a conn to
 * it at host (see open_conn). */
static struct kt_conn *start(struct fake *f, struct got *g, int family,
			     const char *host, int max_inflight,
			     int req_timeout, size_t max_resp)
{
	int port;

	memset(g, 0, sizeof(*g));
	fake_init(f, family, &port);
	return open_conn(host, port, max_inflight, req_timeout, max_resp);
}

static void finish(struct kt_conn *c, struct fake *f)
{
	kt_conn_free(c);
	fake_close(f);
}

/* pump c and f (20 ms a round, 50 rounds at most) while cond holds */
#define PUMP_WHILE(c, f, cond)                                                 \
	for (int pump_i_ = 0; pump_i_ < 50 && (cond); pump_i_++)               \
	pump((c), (f), 20)

static void test_pipelining(void)
{
	struct fake f;
	struct got g;
	struct kt_conn *c;
	int i, corr[3];

	c = start(&f, &g, AF_INET, "127.0.0.1", 2, 5000, 0);
	for (i = 0; i < 3; i++)
		corr[i] = queue_apiversions(c, &g);
	CHECK(corr[0] == 0 && corr[1] == 1 && corr[2] == 2,
	      "conn assigns correlation ids 0, 1, 2");
	CHECK_INT(g.n, 0, "no callback from inside send");
	PUMP_WHILE(c, &f, f.nreq < 2);
	for (i = 0; i < 5; i++)
		pump(c, &f, 5);
	CHECK_INT(kt_conn_state(c), KT_CONN_READY, "conn ready");
	CHECK_INT(f.nreq, 2, "in-flight window of 2: the third waits");
	CHECK_INT(kt_conn_pending(c), 3, "three pending");
	/* answers in order */
	fake_answer(&f, f.corrs[0]);
	fake_answer(&f, f.corrs[1]);
	PUMP_WHILE(c, &f, g.n < 2 || f.nreq < 3);
	CHECK(g.n == 2 && g.corr[0] == 0 && g.corr[1] == 1 && g.code[0] == 0,
	      "two answers matched in order");
	CHECK_INT(g.body_len, 2, "body after the response header");
	CHECK_INT(f.nreq, 3, "third request sent once the window opened");
	fake_answer(&f, f.corrs[2]);
	PUMP_WHILE(c, &f, g.n < 3);
	CHECK(g.n == 3 && g.corr[2] == 2, "third answer");
	CHECK_INT(kt_conn_deadline(c), -1, "no deadline when idle");

	/* a wrong correlation id kills the connection */
	queue_apiversions(c, &g);
	PUMP_WHILE(c, &f, f.nreq < 4);
	fake_answer(&f, 77);
	PUMP_WHILE(c, &f, g.n < 4);
	CHECK(g.n == 4 && g.code[3] == KT_EPROTO &&
		      strstr(g.msg, "correlation id 77"),
	      "mismatched correlation id: protocol error (%.150s)", g.msg);
	CHECK_INT(kt_conn_state(c), KT_CONN_DEAD, "conn dead after mismatch");
	CHECK(queue_apiversions(c, &g) < 0, "send on a dead conn fails");
	finish(c, &f);
}

static void test_limits(void)
{
	struct fake f;
	struct got g;
	struct kt_conn *c;
	uint8_t big[4];
	ssize_t n;
	int i;

	/* response bigger than the ceiling */
	c = start(&f, &g, AF_INET, "127.0.0.1", 5, 5000, 1024);
	queue_apiversions(c, &g);
	PUMP_WHILE(c, &f, f.nreq < 1);
	kt_store_be32(big, 1u << 30);
	n = write(f.fd, big, 4);
	(void)n;
	PUMP_WHILE(c, &f, g.n < 1);
	CHECK(g.n == 1 && g.code[0] == KT_ETOOBIG &&
		      strstr(g.msg, "exceeds the limit of 1024 bytes"),
	      "response over the ceiling refused (%.150s)", g.msg);
	finish(c, &f);

	/* broker closes with a request in flight */
	c = start(&f, &g, AF_INET, "127.0.0.1", 5, 5000, 0);
	queue_apiversions(c, &g);
	PUMP_WHILE(c, &f, f.nreq < 1);
	close(f.fd);
	f.fd = -1;
	PUMP_WHILE(c, NULL, g.n < 1);
	CHECK(g.n == 1 && g.code[0] == KT_ECLOSED &&
		      strstr(g.msg, "closed by the broker"),
	      "peer close reported (%.150s)", g.msg);
	finish(c, &f);

	/* request timeout */
	c = start(&f, &g, AF_INET, "127.0.0.1", 5, 100, 0);
	queue_apiversions(c, &g);
	for (i = 0; i < 100 && g.n < 1; i++)
		pump(c, &f, kt_conn_timeout(c, kt_now_ms()));
	CHECK(g.n == 1 && g.code[0] == KT_ETIMEDOUT &&
		      strstr(g.msg, "ApiVersions v0 request to 127.0.0.1:") &&
		      strstr(g.msg, "timed out after 100 ms"),
	      "request timeout (%.150s)", g.msg);
	finish(c, &f);

	/* requests still queued when the conn is freed get KT_ECLOSED */
	c = start(&f, &g, AF_INET, "127.0.0.1", 5, 5000, 0);
	queue_apiversions(c, &g);
	kt_conn_free(c);
	CHECK(g.n == 1 && g.code[0] == KT_ECLOSED &&
		      strstr(g.msg, "closed by the client"),
	      "free fails queued requests (%.150s)", g.msg);
	fake_close(&f);
}

static void test_sigpipe(void)
{
	struct fake f;
	struct got g;
	struct kt_conn *c;
	struct kt_buf b;
	struct kt_err e;
	int i;

	/* the peer is gone before a large write: EPIPE, not SIGPIPE */
	c = start(&f, &g, AF_INET, "127.0.0.1", 5, 5000, 0);
	PUMP_WHILE(c, &f, f.fd < 0);
	close(f.fd);
	f.fd = -1;
	for (i = 0; i < 3; i++) {
		kt_buf_init(&b, 0);
		kt_req_begin(&b, KT_API_METADATA, 4, 0, "t", &e);
		kt_buf_reserve(&b, (size_t)4 << 20);
		kt_req_end(&b, &e);
		kt_conn_send(c, &b, on_resp, &g, &e);
	}
	for (i = 0; i < 100 && g.n < 3; i++)
		pump(c, NULL, 20);
	CHECK(g.n == 3 && (g.code[0] == KT_ECLOSED || g.code[0] == KT_EIO),
	      "writing to a closed peer fails cleanly (%.150s)", g.msg);
	finish(c, &f);
}

static void test_connect_errors(void)
{
	struct kt_conn_opts o;
	struct kt_conn *c;
	struct kt_err e;
	int64_t t0;
	int port, lfd, fill[8], i, r;

	/* refused: a port that was just closed */
	lfd = kt_test_listen(AF_INET, 1, &port);
	close(lfd);
	kt_conn_opts_init(&o);
	c = kt_conn_new("127.0.0.1", port, &o, NULL);
	kt_err_clear(&e);
	r = kt_conn_wait_ready(c, &e);
	CHECK(r == -KT_ECONNECT && strstr(e.msg, "refused") &&
		      strstr(e.msg, "127.0.0.1:"),
	      "refused port (%.150s)", e.msg);
	CHECK_INT(kt_conn_state(c), KT_CONN_DEAD, "refused conn is dead");
	kt_conn_free(c);

	/* unresolvable */
	c = kt_conn_new("no-such-host.invalid", 9092, &o, NULL);
	r = kt_conn_wait_ready(c, &e);
	CHECK(r == -KT_ERESOLVE && strstr(e.msg, "no-such-host.invalid"),
	      "unresolvable host (%.150s)", e.msg);
	kt_conn_free(c);

	CHECK(kt_conn_new("h", 0, &o, &e) == NULL && e.code == KT_EINVAL,
	      "port 0 refused");

	/* connect timeout: a listener whose backlog is full never completes
	 * the handshake of one more connection */
	lfd = kt_test_listen(AF_INET, 0, &port);
	for (i = 0; i < 8; i++) {
		struct sockaddr_in a;

		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_port = htons((uint16_t)port);
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		connect(fill[i], (struct sockaddr *)&a, sizeof(a));
	}
	usleep(50000);
	o.connect_timeout_ms = 300;
	c = kt_conn_new("127.0.0.1", port, &o, NULL);
	t0 = kt_now_ms();
	r = kt_conn_wait_ready(c, &e);
	if (r == 0) {
		/* some network stacks accept past the backlog */
		printf("# connect-timeout case skipped: this TCP stack "
		       "completed a connect to a full backlog\n");
	} else {
		CHECK(r == -KT_ETIMEDOUT && strstr(e.msg, "timed out after "
							  "300 ms"),
		      "connect timeout (%.150s)", e.msg);
		CHECK(kt_now_ms() - t0 < 2000, "connect timeout is prompt");
	}
	kt_conn_free(c);
	for (i = 0; i < 8; i++)
		close(fill[i]);
	close(lfd);
}

static void test_ipv6(void)
{
	struct fake f;
	struct kt_conn *c;
	struct kt_err e;
	int port;

	fake_init(&f, AF_INET6, &port);
	if (f.lfd < 0) {
		printf("# ipv6 case skipped: no ::1 on this host\n");
		return;
	}
	c = open_conn("::1", port, 5, 5000, 0);
	CHECK_INT(kt_conn_wait_ready(c, &e), 0, "connect to ::1");
	CHECK(strncmp(kt_conn_name(c), "[::1]:", 6) == 0,
	      "ipv6 name in brackets (%s)", kt_conn_name(c));
	finish(c, &f);
}

/* kt_conn_call against a forked fake broker that answers once. */
static void test_call(void)
{
	struct kt_response resp;
	struct kt_conn *c;
	struct kt_buf b;
	struct kt_err e;
	int port, lfd, status, r;
	pid_t pid;

	lfd = kt_test_listen(AF_INET, 4, &port);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct fake f;

		memset(&f, 0, sizeof(f));
		f.lfd = lfd;
		f.fd = accept(lfd, NULL, NULL);
		while (f.nreq < 1) {
			struct pollfd p = {f.fd, POLLIN, 0};

			poll(&p, 1, 1000);
			fake_pump(&f);
		}
		fake_answer(&f, f.corrs[0]);
		usleep(100000);
		_exit(0);
	}
	close(lfd);
	c = kt_conn_new("127.0.0.1", port, NULL, NULL);
	kt_buf_init(&b, 0);
	kt_req_begin(&b, KT_API_API_VERSIONS, 0, 0, "t", &e);
	kt_req_end(&b, &e);
	r = kt_conn_call(c, &b, &resp, &e);
	CHECK(r == 0 && resp.api_key == KT_API_API_VERSIONS &&
		      resp.body_len == 2 && resp.body[0] == 0xab,
	      "kt_conn_call gets the answer");
	kt_response_release(&resp);
	kt_buf_release(&b);
	kt_conn_free(c);
	waitpid(pid, &status, 0);
}

/* The receive buffer grows with the bytes that came (conn.c grow_rbuf):
 * a frame larger than the first allocation arrives whole, and a frame that
 * claims 90 MiB and stops after a few bytes ends in a clean close. */
static void test_big_frames(void)
{
	static uint8_t out[200000];
	struct fake f;
	struct got g;
	struct kt_conn *c;
	size_t off = 0;
	ssize_t n;

	c = start(&f, &g, AF_INET, "127.0.0.1", 5, 5000, 0);
	queue_apiversions(c, &g);
	PUMP_WHILE(c, &f, f.nreq < 1);
	memset(out, 0x5a, sizeof(out));
	kt_store_be32(out, sizeof(out) - 4);
	kt_store_be32(out + 4, (uint32_t)f.corrs[0]);
	for (int i = 0; i < 200 && g.n < 1; i++) {
		if (off < sizeof(out)) {
			size_t k = sizeof(out) - off < 30000 ? sizeof(out) - off
							     : 30000;

			n = write(f.fd, out + off, k);
			if (n > 0)
				off += (size_t)n;
		}
		pump(c, &f, 20);
	}
	CHECK(g.n == 1 && g.code[0] == 0 && g.body_len == sizeof(out) - 8,
	      "a 200000-byte answer arrives whole (body %zu, %.100s)",
	      g.body_len, g.msg);
	finish(c, &f);

	c = start(&f, &g, AF_INET, "127.0.0.1", 5, 5000, 0);
	queue_apiversions(c, &g);
	PUMP_WHILE(c, &f, f.nreq < 1);
	kt_store_be32(out, 90u << 20);
	kt_store_be32(out + 4, (uint32_t)f.corrs[0]);
	n = write(f.fd, out, 12);
	(void)n;
	close(f.fd);
	f.fd = -1;
	PUMP_WHILE(c, NULL, g.n < 1);
	CHECK(g.n == 1 && g.code[0] == KT_ECLOSED,
	      "a 90 MiB claim cut after 8 bytes ends in a close (%.150s)",
	      g.msg);
	finish(c, &f);
}

void test_conn(void)
{
	test_pipelining();
	test_limits();
	test_big_frames();
	test_sigpipe();
	test_connect_errors();
	test_ipv6();
	test_call();
}
