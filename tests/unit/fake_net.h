/*
 * fake_net.h - loopback scaffolding shared by the unit tests that talk to a
 * fake broker (test_conn.c, test_client.c, test_admin.c, test_consumer.c,
 * test_producer_net.c): a listening socket on an ephemeral port, a forked
 * fake broker on it, a client for it, reading one request frame and
 * writing one scripted response frame, or a script of them (protocol.md
 * §1 and §4: 4-byte size, correlation id, optional header tags, body).
 *
 * Header-only (static inline) like proto_test.h, so kt-unit picks it up
 * without a build change.
 */
#ifndef KT_FAKE_NET_H
#define KT_FAKE_NET_H

#include "unit.h"

#include "base/buf.h"
#include "net/client.h"

#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* A listening socket on loopback (AF_INET or AF_INET6) with backlog;
 * *port gets its port. Returns the fd, -1 on failure. */
static inline int kt_test_listen(int family, int backlog, int *port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = socket(family, SOCK_STREAM, 0), one = 1;

	*port = 0;
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		len = sizeof(*a);
	}
	if (bind(fd, (struct sockaddr *)&ss, len) < 0 ||
	    listen(fd, backlog) < 0) {
		close(fd);
		return -1;
	}
	len = sizeof(ss);
	getsockname(fd, (struct sockaddr *)&ss, &len);
	*port = ntohs(family == AF_INET
			      ? ((struct sockaddr_in *)&ss)->sin_port
			      : ((struct sockaddr_in6 *)&ss)->sin6_port);
	return fd;
}

/* Fork a child that runs broker on a fresh IPv4 loopback listener and exits
 * with what it returns; *port gets the port. Returns the child's pid (-1
 * on failure). */
static inline pid_t kt_test_fork_broker(int (*broker)(int lfd), int *port)
{
	int lfd = kt_test_listen(AF_INET, 4, port);
	pid_t pid;

	if (lfd < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(broker(lfd));
	close(lfd);
	return pid;
}

/* A client for the fake broker at 127.0.0.1:port, API timeout 5 s;
 * NULL when kt_client_new fails (e says why). The caller releases conf
 * after kt_client_free. */
static inline struct kt_client *
kt_test_client(int port, struct kt_client_conf *conf, struct kt_err *e)
{
	char bs[64];

	kt_client_conf_init(conf);
	snprintf(bs, sizeof(bs), "127.0.0.1:%d", port);
	kt_client_conf_set(conf, "bootstrap.servers", bs, e);
	kt_client_conf_set(conf, "default.api.timeout.ms", "5000", e);
	return kt_client_new(conf, e);
}

/* The end of a fake-broker test: free the client c and conf, then wait
 * for the broker child pid. Returns its exit status, -1 when it did not
 * exit. */
static inline int kt_test_client_done(struct kt_client *c,
				      struct kt_client_conf *conf, pid_t pid)
{
	int status = 0;

	kt_client_free(c);
	kt_client_conf_release(conf);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Read one whole request frame (size prefix included) into buf. Returns
 * its length, -1 on end of stream or a frame larger than cap. */
static inline int kt_test_read_frame(int fd, uint8_t *buf, size_t cap)
{
	size_t got = 0, need = 4;

	while (got < need) {
		ssize_t n = read(fd, buf + got, need - got);

		if (n <= 0)
			return -1;
		got += (size_t)n;
		if (got == 4) {
			need = 4 + kt_be32(buf);
			if (need > cap)
				return -1;
		}
	}
	return (int)got;
}

/* Write a response frame: corr, an empty tag section when hdr_tags
 * (response header v1), then the body given in hex. */
static inline void kt_test_answer(int fd, int32_t corr, bool hdr_tags,
				  const char *body_hex)
{
	uint8_t out[1024];
	size_t n = kt_unit_hex(body_hex, out + 8 + hdr_tags, sizeof(out) - 9);
	ssize_t w;

	kt_store_be32(out + 4, (uint32_t)corr);
	if (hdr_tags)
		out[8] = 0;
	kt_store_be32(out, (uint32_t)(4 + hdr_tags + n));
	w = write(fd, out, 8 + hdr_tags + n);
	(void)w;
}

/* One answer of a scripted fake broker: to a request of API key, body
 * (hex, for kt_test_answer) with an empty header tag section when
 * hdr_tags; a NULL body only expects the request. */
struct kt_test_step {
	int16_t key;
	bool hdr_tags;
	const char *body;
};

/* Answer the requests on fd with steps[0..n) in turn while each request
 * has the step's API key. Returns the steps done (n: the whole script);
 * *key gets the API key of the last request read, -1 at end of stream. */
static inline size_t kt_test_script(int fd, const struct kt_test_step *steps,
				    size_t n, int *key)
{
	uint8_t f[4096];
	size_t i;

	*key = -1;
	for (i = 0; i < n; i++) {
		if (kt_test_read_frame(fd, f, sizeof(f)) < 0)
			return i;
		*key = kt_be16(f + 4);
		if (*key != steps[i].key)
			return i;
		if (steps[i].body)
			kt_test_answer(fd, (int32_t)kt_be32(f + 8),
				       steps[i].hdr_tags, steps[i].body);
	}
	return n;
}

/*
 * The ApiVersions exchange of a 3.x broker: v4 is answered
 * UNSUPPORTED_VERSION listing ApiVersions 0..3, then v3 with Metadata 0..12
 * and ApiVersions 0..3 only. f (cap bytes) is the frame buffer. Returns 0,
 * -1 when the client asked anything else.
 */
static inline int kt_test_apiversions_3x(int fd, uint8_t *f, size_t cap)
{
	if (kt_test_read_frame(fd, f, cap) < 0 || kt_be16(f + 4) != 18 ||
	    kt_be16(f + 6) != 4)
		return -1;
	kt_test_answer(fd, (int32_t)kt_be32(f + 8), false,
		       "00 23 00 00 00 01 00 12 00 00 00 03");
	if (kt_test_read_frame(fd, f, cap) < 0 || kt_be16(f + 4) != 18 ||
	    kt_be16(f + 6) != 3)
		return -1;
	/* v3 body: error 0, 2 apis (compact 3), throttle 0, no tags */
	kt_test_answer(fd, (int32_t)kt_be32(f + 8), false,
		       "00 00 03 00 03 00 00 00 0c 00 00 12 00 00 00 03 00 00 "
		       "00 00 00 00");
	return 0;
}

#endif
