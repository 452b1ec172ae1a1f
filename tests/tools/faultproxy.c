/*
 * faultproxy.c - kt-faultproxy, a test-only TCP proxy that puts network
 * faults between our tools and a broker on command (issue 13): delay,
 * stall, cut mid-frame, reset, black hole and refused connections.
 *
 * Usage:
 *   kt-faultproxy [--listen PORT] [--control PORT] [--upstream HOST:PORT]
 *                 [--port-file FILE] [--max-seconds N]
 * It listens on 127.0.0.1:PORT (--listen, 0 or absent: a free port) and
 * forwards every connection to the upstream address, which must be a
 * loopback one (127.0.0.0/8, ::1 or localhost). The upstream may also be
 * given later on the control channel, so that the proxy can hold its port
 * while the broker it fronts starts (the broker advertises the proxy's
 * port, tests/kafka/kh.sh KH_ADVERTISE_PORT); until then connections are
 * accepted and closed at once.
 *
 * Control channel: a second TCP port on 127.0.0.1 (--control, 0 or absent:
 * a free one). Each line is a command; each command gets exactly one reply
 * line, "ok ..." or "error: ...". From bash:
 *   exec 9<>/dev/tcp/127.0.0.1/$CTL; echo stall >&9; read -r reply <&9
 * Commands:
 *   pass          forward normally: ends delay, stall and blackhole (for
 *                 new connections), drops a cut still pending, reopens a
 *                 refused listener
 *   delay MS      pass, but hold each chunk read MS milliseconds before
 *                 forwarding it
 *   stall         stop forwarding both ways; sockets stay open
 *   cut N         forward N more bytes of upstream-to-client data (over
 *                 all connections), then close both sides of the
 *                 connection that carried the last byte; if that byte
 *                 ends a Kafka frame, one more is forwarded, so the cut
 *                 always falls inside a frame; one-shot, N >= 1
 *   reset         close every connection now with a TCP RST (SO_LINGER 0)
 *   blackhole     every open and new connection swallows what the client
 *                 sends and never answers; those connections stay so after
 *                 pass (their byte streams are broken)
 *   refuse        close the listening socket: connects are refused until
 *                 pass (only pass) reopens it; open connections carry on
 *   upstream HOST:PORT   set where new connections go
 *   stats         "ok mode=M delay=MS listening=0|1 accepted=N open=N
 *                 blackholed=N c2u=BYTES u2c=BYTES cuts=N resets=N"
 *   quit          exit 0
 *
 * The ports: "LISTEN_PORT CONTROL_PORT" on one line, on stdout or, with
 * --port-file, in FILE (written whole, then renamed into place).
 *
 * Bounded: one poll() loop, at most 64 connections with 64 KiB buffered
 * each way; a full buffer stops reading that side (TCP flow control does
 * the rest). No half-close: when one side closes, the connection ends
 * once what that side sent has been passed on; a reset (or error) on one
 * side resets the other. The proxy exits after --max-seconds (default 600) and when
 * its parent process is gone, so a broken test cannot leave it running.
 * Exit: 0 (quit, --max-seconds, parent gone), 2 on usage or setup errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#define BUF_CAP (64 * 1024) /* bytes held per direction and connection */
#define MAX_CHUNKS 64	    /* reads held per direction (their due times) */
#define MAX_CONNS 64
#define MAX_CTLS 4
#define CTL_LINE 256

/* One read's worth of bytes, forwarded once due_ms has come. */
struct chunk {
	size_t end; /* offset in buf just past its last byte */
	int64_t due_ms;
};

/* One direction of a connection: bytes in buf[head, tail). */
struct flow {
	uint8_t buf[BUF_CAP];
	size_t head, tail;
	struct chunk chunks[MAX_CHUNKS];
	size_t n_chunks;
	int eof; /* the sending side closed */
};

struct conn {
	int cfd, ufd;	 /* client side, upstream side (-1: none) */
	int connecting;	 /* ufd's connect() not finished */
	int blackhole;	 /* swallow, never answer */
	int pc, pu;	 /* their pollfd slots in this round, -1 none */
	struct flow up;	 /* client -> upstream */
	struct flow down; /* upstream -> client */
	/* Kafka framing of what went down so far: a 4-byte length, then
	 * that many bytes, so that a cut can tell a frame boundary */
	uint8_t hdr[4];
	unsigned hdr_got;
	uint32_t frame_left;
};

struct ctl {
	int fd, pfd;
	char line[CTL_LINE];
	size_t len;
};

enum mode { MODE_PASS, MODE_STALL, MODE_BLACKHOLE };
static const char *const mode_names[] = {"pass", "stall", "blackhole"};

struct proxy {
	int lfd, cfd;		/* listening sockets: clients, control */
	int lpfd, cpfd;		/* their pollfd slots, -1 none */
	uint16_t lport, cport;
	struct sockaddr_storage up;
	socklen_t up_len; /* 0: no upstream yet */
	enum mode mode;
	int delay_ms;
	int64_t cut_left; /* -1: no cut pending */
	struct conn *conns[MAX_CONNS];
	struct ctl ctls[MAX_CTLS];
	uint64_t accepted, c2u, u2c, cuts, resets;
	int quit;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static void set_nodelay(int fd)
{
	int one = 1;

	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* Close fd; with rst, make the kernel send a RST instead of a FIN. */
static void close_fd(int *fd, int rst)
{
	struct linger lg = {.l_onoff = 1, .l_linger = 0};

	if (*fd < 0)
		return;
	if (rst)
		setsockopt(*fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(*fd);
	*fd = -1;
}

/* A non-blocking socket listening on 127.0.0.1:port (0: any free one);
 * the port it got goes to *got. Returns the fd or -1 (errno set). */
static int listen_on(uint16_t port, uint16_t *got)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t len = sizeof(sa);
	int fd, one = 1;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons(port);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 64) < 0 || set_nonblock(fd) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	*got = ntohs(sa.sin_port);
	return fd;
}

static int is_loopback(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 =
			(const struct sockaddr_in6 *)sa;

		return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	return 0;
}

/* Parse a decimal in [min, max]; 0 or -1 (not a number, out of range). */
static int parse_num(const char *s, long min, long max, long *v)
{
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	*v = strtol(s, &end, 10);
	return errno || *end || *v < min || *v > max ? -1 : 0;
}

/* Set p's upstream to HOST:PORT ([V6]:PORT too), a loopback address.
 * Returns 0, or -1 with why in msg. */
static int set_upstream(struct proxy *p, const char *hostport, char *msg,
			size_t msg_size)
{
	char host[256];
	const char *colon = strrchr(hostport, ':');
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;
	size_t hlen;
	long port;
	int rc;

	if (!colon || colon == hostport ||
	    parse_num(colon + 1, 1, 65535, &port) < 0) {
		snprintf(msg, msg_size, "want HOST:PORT, not '%s'", hostport);
		return -1;
	}
	hlen = (size_t)(colon - hostport);
	if (hostport[0] == '[' && hlen > 2 && hostport[hlen - 1] == ']') {
		hostport++;
		hlen -= 2;
	}
	if (hlen >= sizeof(host)) {
		snprintf(msg, msg_size, "host name too long");
		return -1;
	}
	memcpy(host, hostport, hlen);
	host[hlen] = 0;
	rc = getaddrinfo(host, colon + 1, &hints, &ai);
	if (rc) {
		snprintf(msg, msg_size, "cannot resolve '%s': %s", host,
			 gai_strerror(rc));
		return -1;
	}
	if (!is_loopback(ai->ai_addr)) {
		snprintf(msg, msg_size, "'%s' is not a loopback address",
			 host);
		freeaddrinfo(ai);
		return -1;
	}
	memcpy(&p->up, ai->ai_addr, ai->ai_addrlen);
	p->up_len = ai->ai_addrlen;
	freeaddrinfo(ai);
	return 0;
}

/* ---- one direction's buffer ------------------------------------------- */

/* Room to read into, after moving what is left to the front if needed. */
static size_t flow_room(struct flow *f)
{
	size_t i;

	if (f->n_chunks == MAX_CHUNKS)
		return 0;
	if (f->tail == BUF_CAP && f->head > 0) {
		memmove(f->buf, f->buf + f->head, f->tail - f->head);
		for (i = 0; i < f->n_chunks; i++)
			f->chunks[i].end -= f->head;
		f->tail -= f->head;
		f->head = 0;
	}
	return BUF_CAP - f->tail;
}

/* Whether flow_room would find room. */
static int flow_can_read(const struct flow *f)
{
	return !f->eof && f->n_chunks < MAX_CHUNKS &&
	       (f->tail < BUF_CAP || f->head > 0);
}

/* n bytes were just read into buf + tail, to be forwarded at due. */
static void flow_add(struct flow *f, size_t n, int64_t due)
{
	f->tail += n;
	if (f->n_chunks > 0 && f->chunks[f->n_chunks - 1].due_ms == due) {
		f->chunks[f->n_chunks - 1].end = f->tail;
		return;
	}
	f->chunks[f->n_chunks].end = f->tail;
	f->chunks[f->n_chunks].due_ms = due;
	f->n_chunks++;
}

/* Bytes at head that are due by now. */
static size_t flow_due(const struct flow *f, int64_t now)
{
	size_t i, end = f->head;

	for (i = 0; i < f->n_chunks && f->chunks[i].due_ms <= now; i++)
		end = f->chunks[i].end;
	return end - f->head;
}

/* The first due time still in the future, or INT64_MAX. */
static int64_t flow_next_due(const struct flow *f, int64_t now)
{
	size_t i;

	for (i = 0; i < f->n_chunks; i++)
		if (f->chunks[i].due_ms > now)
			return f->chunks[i].due_ms;
	return INT64_MAX;
}

/* n bytes at head were written. */
static void flow_drop(struct flow *f, size_t n)
{
	size_t k = 0;

	f->head += n;
	while (k < f->n_chunks && f->chunks[k].end <= f->head)
		k++;
	memmove(f->chunks, f->chunks + k,
		(f->n_chunks - k) * sizeof(*f->chunks));
	f->n_chunks -= k;
	if (f->head == f->tail)
		f->head = f->tail = 0;
}

/* What f holds is due now. */
static void flow_release(struct flow *f)
{
	size_t i;

	for (i = 0; i < f->n_chunks; i++)
		f->chunks[i].due_ms = 0;
}

static void flow_clear(struct flow *f)
{
	f->head = f->tail = f->n_chunks = 0;
}

/* ---- connections --------------------------------------------------------- */

static void conn_close(struct proxy *p, size_t i, int rst)
{
	struct conn *c = p->conns[i];

	close_fd(&c->cfd, rst);
	close_fd(&c->ufd, rst);
	free(c);
	p->conns[i] = NULL;
}

/* Turn c into a black hole: its upstream goes, its bytes are lost. */
static void conn_blackhole(struct conn *c)
{
	close_fd(&c->ufd, 0);
	c->connecting = 0;
	c->blackhole = 1;
	flow_clear(&c->up);
	flow_clear(&c->down);
}

/* Follow the Kafka framing (4-byte big-endian size, then the frame) of n
 * bytes that went to the client. */
static void track_frames(struct conn *c, const uint8_t *b, size_t n)
{
	while (n > 0) {
		if (c->frame_left > 0) {
			size_t k = n < c->frame_left ? n : c->frame_left;

			c->frame_left -= (uint32_t)k;
			b += k;
			n -= k;
			continue;
		}
		c->hdr[c->hdr_got++] = *b++;
		n--;
		if (c->hdr_got == 4) {
			c->frame_left = (uint32_t)c->hdr[0] << 24 |
					(uint32_t)c->hdr[1] << 16 |
					(uint32_t)c->hdr[2] << 8 | c->hdr[3];
			c->hdr_got = 0;
		}
	}
}

static void accept_clients(struct proxy *p)
{
	struct conn *c;
	size_t i;
	int fd;

	for (;;) {
		fd = accept(p->lfd, NULL, NULL);
		if (fd < 0)
			return;
		p->accepted++;
		for (i = 0; i < MAX_CONNS && p->conns[i]; i++)
			;
		c = i < MAX_CONNS ? calloc(1, sizeof(*c)) : NULL;
		if (!c || set_nonblock(fd) < 0 ||
		    (!p->up_len && p->mode != MODE_BLACKHOLE)) {
			/* full, or nowhere to go yet: as if the server
			 * closed at once */
			free(c);
			close(fd);
			continue;
		}
		set_nodelay(fd);
		c->cfd = fd;
		c->ufd = -1;
		p->conns[i] = c;
		if (p->mode == MODE_BLACKHOLE) {
			c->blackhole = 1;
			continue;
		}
		c->ufd = socket(p->up.ss_family, SOCK_STREAM, 0);
		if (c->ufd < 0 || set_nonblock(c->ufd) < 0) {
			conn_close(p, i, 0);
			continue;
		}
		set_nodelay(c->ufd);
		if (connect(c->ufd, (struct sockaddr *)&p->up, p->up_len) < 0) {
			if (errno != EINPROGRESS) {
				conn_close(p, i, 0);
				continue;
			}
			c->connecting = 1;
		}
	}
}

/* Read what fd has into f (due after the current delay). Returns 0, or
 * -1 on a reset or error. A black hole's bytes are read and lost. */
static int pump_in(struct proxy *p, struct conn *c, int fd, struct flow *f,
		   int64_t now)
{
	uint8_t sink[4096];
	size_t room = c->blackhole ? sizeof(sink) : flow_room(f);
	ssize_t n;

	if (room == 0)
		return 0;
	n = read(fd, c->blackhole ? sink : f->buf + f->tail, room);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	if (n == 0) {
		f->eof = 1;
		return 0;
	}
	if (!c->blackhole)
		flow_add(f, (size_t)n, now + p->delay_ms);
	return 0;
}

/* Write what of f is due to fd. Returns 0, 1 when a cut closed the
 * connection, or -1 on an error. */
static int pump_out(struct proxy *p, struct conn *c, int fd, struct flow *f,
		    int64_t now)
{
	size_t n = flow_due(f, now);
	int down = f == &c->down;
	ssize_t w;

	if (down && p->cut_left >= 0 && n > (uint64_t)p->cut_left)
		n = (size_t)p->cut_left;
	if (n == 0)
		return 0;
	w = write(fd, f->buf + f->head, n);
	if (w < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	if (!down) {
		p->c2u += (uint64_t)w;
		flow_drop(f, (size_t)w);
		return 0;
	}
	track_frames(c, f->buf + f->head, (size_t)w);
	p->u2c += (uint64_t)w;
	flow_drop(f, (size_t)w);
	if (p->cut_left < 0)
		return 0;
	p->cut_left -= w;
	if (p->cut_left > 0)
		return 0;
	if (c->hdr_got == 0 && c->frame_left == 0) {
		p->cut_left = 1; /* at a boundary: one byte into the next */
		return 0;
	}
	p->cut_left = -1;
	p->cuts++;
	return 1;
}

/* The events c wants in this round. */
static void conn_events(const struct proxy *p, const struct conn *c,
			int64_t now, short *ce, short *ue)
{
	*ce = *ue = 0;
	if (c->blackhole) {
		*ce = POLLIN;
		return;
	}
	if (c->connecting) {
		*ue = POLLOUT;
		return;
	}
	if (p->mode == MODE_STALL)
		return;
	if (flow_can_read(&c->up))
		*ce |= POLLIN;
	if (flow_can_read(&c->down))
		*ue |= POLLIN;
	if (flow_due(&c->down, now) > 0)
		*ce |= POLLOUT;
	if (flow_due(&c->up, now) > 0)
		*ue |= POLLOUT;
}

/* Serve connection i after poll. */
static void conn_serve(struct proxy *p, size_t i, const struct pollfd *pfds,
		       int64_t now)
{
	struct conn *c = p->conns[i];
	short cr = c->pc >= 0 ? pfds[c->pc].revents : 0;
	short ur = c->pu >= 0 ? pfds[c->pu].revents : 0;
	int err = 0, rc;
	socklen_t len = sizeof(err);

	if (c->blackhole) {
		if (cr && (pump_in(p, c, c->cfd, &c->up, now) < 0 || c->up.eof))
			conn_close(p, i, 0);
		return;
	}
	if (c->connecting) {
		if (!ur)
			return;
		if (getsockopt(c->ufd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 ||
		    err) {
			/* the upstream refused: as if the server closed */
			conn_close(p, i, 0);
			return;
		}
		c->connecting = 0;
		return;
	}
	if ((cr | ur) & POLLERR) {
		/* a reset on one side: reset the other */
		conn_close(p, i, 1);
		return;
	}
	if (((cr & POLLHUP) && !flow_can_read(&c->up)) ||
	    ((ur & POLLHUP) && !flow_can_read(&c->down))) {
		/* gone both ways, with our buffer toward it full: what it
		 * still had for us cannot be read, so no use waiting */
		conn_close(p, i, 0);
		return;
	}
	if (((cr & (POLLIN | POLLHUP | POLLERR)) &&
	     pump_in(p, c, c->cfd, &c->up, now) < 0) ||
	    ((ur & (POLLIN | POLLHUP | POLLERR)) &&
	     pump_in(p, c, c->ufd, &c->down, now) < 0)) {
		/* a reset on one side: reset the other */
		conn_close(p, i, 1);
		return;
	}
	if (p->mode != MODE_STALL) {
		if (pump_out(p, c, c->ufd, &c->up, now) < 0) {
			conn_close(p, i, 1);
			return;
		}
		rc = pump_out(p, c, c->cfd, &c->down, now);
		if (rc) {
			conn_close(p, i, rc < 0);
			return;
		}
	}
	/* one side closed and what it sent has been passed on */
	if ((c->up.eof && c->up.tail == c->up.head) ||
	    (c->down.eof && c->down.tail == c->down.head))
		conn_close(p, i, 0);
}

/* ---- control channel ---------------------------------------------------- */

static void ctl_reply(struct ctl *t, const char *s)
{
	size_t n = strlen(s), off = 0;
	ssize_t w;

	/* a short line to a socket with an empty send buffer */
	while (off < n) {
		w = write(t->fd, s + off, n - off);
		if (w <= 0)
			return;
		off += (size_t)w;
	}
}

static void stats_line(const struct proxy *p, char *out, size_t size)
{
	size_t i, open = 0, holes = 0;

	for (i = 0; i < MAX_CONNS; i++) {
		if (!p->conns[i])
			continue;
		open++;
		holes += (size_t)p->conns[i]->blackhole;
	}
	snprintf(out, size,
		 "ok mode=%s delay=%d listening=%d accepted=%llu open=%zu "
		 "blackholed=%zu c2u=%llu u2c=%llu cuts=%llu resets=%llu\n",
		 mode_names[p->mode], p->delay_ms, p->lfd >= 0,
		 (unsigned long long)p->accepted, open, holes,
		 (unsigned long long)p->c2u, (unsigned long long)p->u2c,
		 (unsigned long long)p->cuts, (unsigned long long)p->resets);
}

/* Run one command line; the reply goes to out. */
static void run_command(struct proxy *p, char *line, char *out, size_t size)
{
	char *arg = strchr(line, ' '), msg[300];
	size_t i;
	long v;

	if (arg)
		*arg++ = 0;
	if (!strcmp(line, "pass") && !arg) {
		p->mode = MODE_PASS;
		p->delay_ms = 0;
		p->cut_left = -1;
		/* what was held is due now */
		for (i = 0; i < MAX_CONNS; i++) {
			if (!p->conns[i])
				continue;
			flow_release(&p->conns[i]->up);
			flow_release(&p->conns[i]->down);
		}
		if (p->lfd < 0) {
			p->lfd = listen_on(p->lport, &p->lport);
			if (p->lfd < 0) {
				snprintf(out, size,
					 "error: cannot listen again on port "
					 "%u: %s\n",
					 p->lport, strerror(errno));
				return;
			}
		}
	} else if (!strcmp(line, "delay") && arg &&
		   !parse_num(arg, 0, 600000, &v)) {
		p->mode = MODE_PASS;
		p->delay_ms = (int)v;
	} else if (!strcmp(line, "stall") && !arg) {
		p->mode = MODE_STALL;
	} else if (!strcmp(line, "cut") && arg &&
		   !parse_num(arg, 1, 1L << 30, &v)) {
		p->cut_left = v;
	} else if (!strcmp(line, "reset") && !arg) {
		for (i = 0; i < MAX_CONNS; i++) {
			if (!p->conns[i])
				continue;
			conn_close(p, i, 1);
			p->resets++;
		}
	} else if (!strcmp(line, "blackhole") && !arg) {
		p->mode = MODE_BLACKHOLE;
		for (i = 0; i < MAX_CONNS; i++)
			if (p->conns[i])
				conn_blackhole(p->conns[i]);
	} else if (!strcmp(line, "refuse") && !arg) {
		close_fd(&p->lfd, 0);
	} else if (!strcmp(line, "upstream") && arg) {
		if (set_upstream(p, arg, msg, sizeof(msg)) < 0) {
			snprintf(out, size, "error: %s\n", msg);
			return;
		}
	} else if (!strcmp(line, "stats") && !arg) {
		stats_line(p, out, size);
		return;
	} else if (!strcmp(line, "quit") && !arg) {
		p->quit = 1;
	} else {
		snprintf(out, size, "error: bad command '%s%s%s'\n", line,
			 arg ? " " : "", arg ? arg : "");
		return;
	}
	snprintf(out, size, "ok %s\n", line);
}

static void ctl_serve(struct proxy *p, struct ctl *t)
{
	char out[512], *nl;
	ssize_t n;

	n = read(t->fd, t->line + t->len, sizeof(t->line) - 1 - t->len);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		close_fd(&t->fd, 0);
		return;
	}
	t->len += (size_t)n;
	t->line[t->len] = 0;
	while ((nl = strchr(t->line, '\n'))) {
		*nl = 0;
		if (nl > t->line && nl[-1] == '\r')
			nl[-1] = 0;
		run_command(p, t->line, out, sizeof(out));
		ctl_reply(t, out);
		t->len -= (size_t)(nl + 1 - t->line);
		memmove(t->line, nl + 1, t->len + 1);
	}
	if (t->len == sizeof(t->line) - 1) {
		ctl_reply(t, "error: line too long\n");
		close_fd(&t->fd, 0);
	}
}

static void ctl_accept(struct proxy *p)
{
	size_t i;
	int fd = accept(p->cfd, NULL, NULL);

	if (fd < 0)
		return;
	for (i = 0; i < MAX_CTLS && p->ctls[i].fd >= 0; i++)
		;
	if (i == MAX_CTLS || set_nonblock(fd) < 0) {
		close(fd);
		return;
	}
	p->ctls[i].fd = fd;
	p->ctls[i].len = 0;
}

/* ---- main loop ---------------------------------------------------------- */

/* Fill pfds for this round; returns how many and the poll timeout. */
static nfds_t build_pollfds(struct proxy *p, struct pollfd *pfds,
			    int64_t now, int64_t *wake)
{
	nfds_t n = 0;
	size_t i;
	short ce, ue;

	p->lpfd = p->cpfd = -1;
	if (p->lfd >= 0) {
		p->lpfd = (int)n;
		pfds[n++] = (struct pollfd){.fd = p->lfd, .events = POLLIN};
	}
	p->cpfd = (int)n;
	pfds[n++] = (struct pollfd){.fd = p->cfd, .events = POLLIN};
	for (i = 0; i < MAX_CTLS; i++) {
		p->ctls[i].pfd = -1;
		if (p->ctls[i].fd < 0)
			continue;
		p->ctls[i].pfd = (int)n;
		pfds[n++] = (struct pollfd){.fd = p->ctls[i].fd,
					    .events = POLLIN};
	}
	for (i = 0; i < MAX_CONNS; i++) {
		struct conn *c = p->conns[i];
		int64_t d;

		if (!c)
			continue;
		conn_events(p, c, now, &ce, &ue);
		c->pc = c->pu = -1;
		if (ce) {
			c->pc = (int)n;
			pfds[n++] = (struct pollfd){.fd = c->cfd, .events = ce};
		}
		if (ue) {
			c->pu = (int)n;
			pfds[n++] = (struct pollfd){.fd = c->ufd, .events = ue};
		}
		if (p->mode == MODE_STALL || c->blackhole)
			continue;
		d = flow_next_due(&c->up, now);
		if (d < *wake)
			*wake = d;
		d = flow_next_due(&c->down, now);
		if (d < *wake)
			*wake = d;
	}
	return n;
}

static int usage(void)
{
	fputs("usage: kt-faultproxy [--listen PORT] [--control PORT] "
	      "[--upstream HOST:PORT]\n"
	      "                     [--port-file FILE] [--max-seconds N]\n",
	      stderr);
	return 2;
}

static int write_ports(const struct proxy *p, const char *file)
{
	char tmp[4096];
	FILE *f;

	if (!file) {
		printf("%u %u\n", p->lport, p->cport);
		return fflush(stdout) == 0 ? 0 : -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", file);
	f = fopen(tmp, "w");
	if (!f)
		return -1;
	fprintf(f, "%u %u\n", p->lport, p->cport);
	if (fclose(f) != 0)
		return -1;
	return rename(tmp, file);
}

int main(int argc, char **argv)
{
	struct proxy *p;
	struct pollfd pfds[2 + MAX_CTLS + 2 * MAX_CONNS];
	const char *port_file = NULL, *upstream = NULL;
	long listen_port = 0, ctl_port = 0, max_s = 600;
	int64_t now, deadline;
	pid_t parent = getppid();
	char msg[300];
	size_t i;
	int a;

	for (a = 1; a + 1 < argc; a += 2) {
		const char *o = argv[a], *v = argv[a + 1];

		if (!strcmp(o, "--listen") &&
		    !parse_num(v, 0, 65535, &listen_port))
			continue;
		if (!strcmp(o, "--control") &&
		    !parse_num(v, 0, 65535, &ctl_port))
			continue;
		if (!strcmp(o, "--max-seconds") &&
		    !parse_num(v, 1, 86400, &max_s))
			continue;
		if (!strcmp(o, "--port-file")) {
			port_file = v;
			continue;
		}
		if (!strcmp(o, "--upstream")) {
			upstream = v;
			continue;
		}
		return usage();
	}
	if (a != argc)
		return usage();
#ifdef __linux__
	prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
	if (getppid() != parent)
		return 0;
	signal(SIGPIPE, SIG_IGN);
	p = calloc(1, sizeof(*p));
	if (!p) {
		fputs("kt-faultproxy: out of memory\n", stderr);
		return 2;
	}
	p->cut_left = -1;
	for (i = 0; i < MAX_CTLS; i++)
		p->ctls[i].fd = -1;
	if (upstream && set_upstream(p, upstream, msg, sizeof(msg)) < 0) {
		fprintf(stderr, "kt-faultproxy: --upstream: %s\n", msg);
		return 2;
	}
	p->lfd = listen_on((uint16_t)listen_port, &p->lport);
	if (p->lfd < 0) {
		fprintf(stderr,
			"kt-faultproxy: cannot listen on port %ld: %s\n",
			listen_port, strerror(errno));
		return 2;
	}
	p->cfd = listen_on((uint16_t)ctl_port, &p->cport);
	if (p->cfd < 0) {
		fprintf(stderr,
			"kt-faultproxy: cannot listen on control port %ld: "
			"%s\n",
			ctl_port, strerror(errno));
		return 2;
	}
	if (write_ports(p, port_file) < 0) {
		fprintf(stderr, "kt-faultproxy: cannot write the ports: %s\n",
			strerror(errno));
		return 2;
	}
	deadline = now_ms() + max_s * 1000;
	while (!p->quit) {
		int64_t wake;
		nfds_t n;

		now = now_ms();
		if (now >= deadline) {
			fprintf(stderr,
				"kt-faultproxy: --max-seconds %ld reached, "
				"exiting\n",
				max_s);
			break;
		}
		if (getppid() != parent)
			break;
		/* at least twice a second, to see the parent go */
		wake = now + 500 < deadline ? now + 500 : deadline;
		n = build_pollfds(p, pfds, now, &wake);
		if (poll(pfds, n, wake > now ? (int)(wake - now) : 0) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "kt-faultproxy: poll: %s\n",
				strerror(errno));
			return 2;
		}
		now = now_ms();
		for (i = 0; i < MAX_CONNS; i++)
			if (p->conns[i])
				conn_serve(p, i, pfds, now);
		for (i = 0; i < MAX_CTLS; i++)
			if (p->ctls[i].fd >= 0 && p->ctls[i].pfd >= 0 &&
			    pfds[p->ctls[i].pfd].revents)
				ctl_serve(p, &p->ctls[i]);
		if (p->cpfd >= 0 && pfds[p->cpfd].revents)
			ctl_accept(p);
		if (p->lpfd >= 0 && p->lfd >= 0 && pfds[p->lpfd].revents)
			accept_clients(p);
	}
	for (i = 0; i < MAX_CONNS; i++)
		if (p->conns[i])
			conn_close(p, i, 0);
	for (i = 0; i < MAX_CTLS; i++)
		close_fd(&p->ctls[i].fd, 0);
	close_fd(&p->lfd, 0);
	close_fd(&p->cfd, 0);
	free(p);
	return 0;
}
