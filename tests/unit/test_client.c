/*
 * test_client.c - bootstrap.servers parsing, Java-named configuration, and
 * the client's ApiVersions fallback against a forked fake broker that
 * speaks ApiVersions only up to v3 and Metadata only up to v12 (as a 3.x
 * broker would), a request it has no version of, a broker address that
 * cannot be tried, Metadata naming a broker -1 or moving the broker that
 * answers, and a SASL login whose session lifetime is too long to
 * schedule.
 */
#include "unit.h"

#include "net/client.h"
#include "fake_net.h"
#include "wire/kerr.h"

#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

void test_client(void);

static void test_bootstrap_parser(void)
{
	struct kt_hostport *hp;
	struct kt_err e;
	size_t n;
	static const char *const bad[] = {
		"",	 "host",  "host:",    "host:0",	     "h:65536",
		"h:12x", ":9092", "a:1,,b:2", "[::1]",	     "[::1]9092",
		"a b:1", "h:-1",  "h:1,",     "h:123456789",
	};
	size_t i;

	CHECK_INT(
		kt_parse_bootstrap("h1:9092, h2:9093 ,[::1]:9094", &hp, &n, &e),
		0, "parse list with spaces and ipv6");
	CHECK(n == 3 && strcmp(hp[0].host, "h1") == 0 && hp[0].port == 9092 &&
		      strcmp(hp[1].host, "h2") == 0 && hp[1].port == 9093 &&
		      strcmp(hp[2].host, "::1") == 0 && hp[2].port == 9094,
	      "parsed hosts and ports");
	kt_hostports_free(hp, n);

	CHECK_INT(kt_parse_bootstrap("PLAINTEXT://broker-1.example.com:1", &hp,
				     &n, &e),
		  0, "parse with a scheme");
	CHECK(n == 1 && strcmp(hp[0].host, "broker-1.example.com") == 0 &&
		      hp[0].port == 1,
	      "scheme stripped");
	kt_hostports_free(hp, n);

	CHECK_INT(kt_parse_bootstrap("fe80::1%eth0:65535", &hp, &n, &e), 0,
		  "unbracketed ipv6 with zone: last colon is the port");
	CHECK(n == 1 && strcmp(hp[0].host, "fe80::1%eth0") == 0 &&
		      hp[0].port == 65535,
	      "unbracketed ipv6 parsed");
	kt_hostports_free(hp, n);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		kt_err_clear(&e);
		CHECK(kt_parse_bootstrap(bad[i], &hp, &n, &e) == -KT_ESYNTAX &&
			      hp == NULL && strstr(e.msg, "bootstrap.servers"),
		      "bad bootstrap '%s' refused (%.120s)", bad[i], e.msg);
	}
}

/* SASL_PLAINTEXT: kt_client_new reads sasl.mechanism and sasl.jaas.config
 * and refuses a bad value with one line naming the property; conf ends
 * with a good SCRAM configuration. */
static void sasl_conf(struct kt_client_conf *conf)
{
	static const struct {
		const char *name, *value, *want;
	} bad[] = {
		{"sasl.jaas.config",
		 "org.apache.kafka.common.security.plain.PlainLoginModule "
		 "required username=\"u\" password=\"hush\"",
		 "sasl.jaas.config: JAAS config entry not terminated by "
		 "semi-colon"},
		{"sasl.mechanism", "NOPE",
		 "invalid value 'NOPE' for configuration 'sasl.mechanism'"},
		{"sasl.mechanism", "GSSAPI", "sasl.mechanism GSSAPI needs"},
		{"sasl.login.callback.handler.class", "x.Y",
		 "sasl.login.callback.handler.class needs a JVM"},
	};
	struct kt_client *c;
	struct kt_err e;
	size_t i;

	kt_client_conf_set(conf, "security.protocol", "SASL_PLAINTEXT", &e);
	c = kt_client_new(conf, &e);
	CHECK(c == NULL && strstr(e.msg, "sasl.mechanism GSSAPI (the default)"),
	      "sasl: the default mechanism GSSAPI refused");
	kt_client_conf_set(conf, "sasl.mechanism", "SCRAM-SHA-256", &e);
	c = kt_client_new(conf, &e);
	CHECK(c == NULL && strstr(e.msg, "sasl.jaas.config is required"),
	      "sasl: sasl.jaas.config required");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		kt_client_conf_set(conf, "sasl.jaas.config",
				   "org.apache.kafka.common.security.scram."
				   "ScramLoginModule required username=\"u\" "
				   "password=\"hush\";",
				   &e);
		kt_client_conf_set(conf, "sasl.mechanism", "SCRAM-SHA-256", &e);
		kt_client_conf_set(conf, bad[i].name, bad[i].value, &e);
		kt_err_clear(&e);
		c = kt_client_new(conf, &e);
		CHECK(c == NULL && strstr(e.msg, bad[i].want),
		      "sasl: bad %s refused: '%s'", bad[i].name, e.msg);
		CHECK(!strstr(e.msg, "hush"), "sasl: no password in '%s'",
		      e.msg);
		kt_client_free(c);
	}
	kt_props_remove(&conf->security, "sasl.login.callback.handler.class");
	kt_client_conf_set(conf, "sasl.mechanism", "SCRAM-SHA-256", &e);
}

static void test_conf(void)
{
	struct kt_client_conf conf;
	struct kt_client *c;
	struct kt_err e;

	kt_client_conf_init(&conf);
	CHECK(conf.request_timeout_ms == 30000 &&
		      conf.connect_timeout_ms == 10000 &&
		      conf.default_api_timeout_ms == 60000,
	      "java defaults");
	CHECK_INT(kt_client_conf_set(&conf, "request.timeout.ms", "1500", &e),
		  0, "set request.timeout.ms");
	CHECK_INT(conf.request_timeout_ms, 1500, "request.timeout.ms applied");
	CHECK_INT(kt_client_conf_set(&conf, "request.timeout.ms", "15x", &e),
		  -KT_EINVAL, "bad number refused");
	CHECK(strstr(e.msg, "request.timeout.ms") && strstr(e.msg, "15x"),
	      "bad number message names property and value");
	CHECK_INT(kt_client_conf_set(&conf, "default.api.timeout.ms", "-1", &e),
		  -KT_EINVAL, "negative timeout refused");
	CHECK_INT(kt_client_conf_set(&conf, "security.protocol", "SSL", &e),
		  0, "security.protocol=SSL accepted");
	CHECK_INT(conf.security_protocol, KT_SEC_SSL, "SSL applied");
	CHECK_INT(kt_client_conf_set(&conf, "security.protocol", "SASL_SSL",
				     &e),
		  0, "security.protocol=SASL_SSL accepted (TLS and SASL)");
	CHECK_INT(conf.security_protocol, KT_SEC_SASL_SSL, "SASL_SSL applied");
	CHECK_INT(kt_client_conf_set(&conf, "security.protocol",
				     "SASL_PLAINTEXT", &e),
		  0, "security.protocol=SASL_PLAINTEXT accepted");
	CHECK_INT(conf.security_protocol, KT_SEC_SASL_PLAINTEXT,
		  "SASL_PLAINTEXT applied");
	kt_client_conf_set(&conf, "security.protocol", "SSL", &e);
	CHECK_INT(kt_client_conf_set(&conf, "ssl.truststore.type", "BKS", &e),
		  0, "ssl.* used (by the TLS layer)");
	CHECK_INT(kt_client_conf_set(&conf, "bootstrap.servers", "h:1", &e), 0,
		  "bootstrap set");
	c = kt_client_new(&conf, &e);
	CHECK(c == NULL && strstr(e.msg, "'ssl.truststore.type'") &&
		      strstr(e.msg, "'BKS'"),
	      "bad ssl.* value fails kt_client_new naming the property");
	kt_client_conf_release(&conf);
	kt_client_conf_init(&conf);
	CHECK_INT(
		kt_client_conf_set(&conf, "security.protocol", "plaintext", &e),
		0, "PLAINTEXT accepted");
	CHECK_INT(kt_client_conf_set(&conf, "security.protocol", "TLS", &e),
		  -KT_EINVAL, "unknown security.protocol is invalid");
	CHECK_INT(kt_client_conf_set(&conf, "client.dns.lookup",
				     "resolve_canonical_bootstrap_servers_only",
				     &e),
		  -KT_EUNSUPPORTED, "other dns lookup refused");
	CHECK_INT(kt_client_conf_set(&conf, "config.providers", "file", &e),
		  -KT_EUNSUPPORTED, "config.providers refused");
	CHECK_INT(kt_client_conf_set(&conf, "metric.reporters", "x.Y", &e),
		  KT_CONF_IGNORED, "JVM-only property ignored");
	CHECK_INT(kt_client_conf_set(&conf, "no.such.property", "1", &e),
		  KT_CONF_IGNORED,
		  "unknown property ignored (Java only warns)");

	c = kt_client_new(&conf, &e);
	CHECK(c == NULL && strstr(e.msg, "bootstrap.servers"),
	      "client without bootstrap.servers refused");
	kt_client_conf_set(&conf, "bootstrap.servers", "a:1,:2", &e);
	c = kt_client_new(&conf, &e);
	CHECK(c == NULL && e.code == KT_ESYNTAX, "bad bootstrap list refused");
	kt_client_conf_set(&conf, "bootstrap.servers", "a:1,[::1]:2", &e);
	sasl_conf(&conf);
	c = kt_client_new(&conf, &e);
	CHECK(c != NULL, "client created without network I/O");
	CHECK_STR(kt_client_node_name(c, -2), "[::1]:2",
		  "bootstrap servers are nodes -1, -2");
	CHECK(kt_client_metadata(c) == NULL, "no metadata before refresh");
	kt_client_free(c);
	kt_client_conf_release(&conf);
}

/* Fake 3.x-like broker ----------------------------------------------------- */

/* Child: ApiVersions v4 -> UNSUPPORTED_VERSION listing 18: 0..3; v3 ->
 * Metadata 0..12, ApiVersions 0..3; Metadata -> one broker, no topics.
 * Exits 10 + the metadata version it saw, or 1 on surprise. */
static int fake_broker(int lfd)
{
	uint8_t f[4096];
	int fd = accept(lfd, NULL, NULL), ver, status = 1;
	int32_t corr;

	if (kt_test_apiversions_3x(fd, f, sizeof(f)) < 0)
		goto out;
	if (kt_test_read_frame(fd, f, sizeof(f)) < 0 || kt_be16(f + 4) != 3)
		goto out;
	ver = kt_be16(f + 6);
	corr = (int32_t)kt_be32(f + 8);
	/* metadata v12: throttle, 1 broker (7, "b", 9, null rack), cluster
	 * "c", controller 7, 0 topics, tags */
	kt_test_answer(fd, corr, true,
		       "00 00 00 00 02 00 00 00 07 02 62 00 00 00 09 00 00 02 "
		       "63 00 00 00 07 01 00");
	status = 10 + ver;
out:
	usleep(100000);
	close(fd);
	return status;
}

/* md_r: 1 until the asynchronous refresh ends, then 0 or -code */
static void md_done(void *arg, struct kt_client *c, const struct kt_err *err)
{
	int *r = arg;

	(void)c;
	*r = err ? -err->code : 0;
}

static void test_fallback(void)
{
	struct kt_client_conf conf;
	struct kt_client *c;
	struct kt_err e;
	int port = 0, r = -1, md_r = 1, pfd[2];
	pid_t pid;
	const struct kt_metadata *md;
	const struct kt_apivers *av;

	pid = kt_test_fork_broker(fake_broker, &port);

	c = kt_test_client(port, &conf, &e);
	kt_err_clear(&e);
	if (c && kt_client_bootstrap(c, &e) == 0 && pipe(pfd) == 0) {
		/* the refresh goes out on the poll loop; the pipe, polled in
		 * the same poll(), reports its own events */
		struct pollfd x = {pfd[0], POLLIN, 0};
		int64_t deadline = kt_now_ms() + 5000;

		r = kt_client_metadata_refresh_async(c, NULL, -1, md_done,
						     &md_r, &e);
		CHECK(md_r == 1, "async metadata: no callback from the call");
		while (r == 0 && md_r == 1 && kt_now_ms() < deadline)
			kt_client_poll_fds(c, 100, &x, 1, &e);
		CHECK(x.revents == 0, "poll_fds: a quiet pipe has no events");
		r = r ? r : md_r == 1 ? -KT_ETIMEDOUT : md_r;
		if (write(pfd[1], "x", 1) == 1)
			kt_client_poll_fds(c, 1000, &x, 1, &e);
		CHECK(x.revents & POLLIN,
		      "poll_fds: the pipe's POLLIN is given "
		      "back");
		close(pfd[0]);
		close(pfd[1]);
	}
	CHECK_INT(r, 0, "fallback: bootstrap and metadata (%.150s)", e.msg);
	av = c ? kt_client_apivers(c, kt_client_bootstrap_node(c)) : NULL;
	CHECK(av && av->version == 3 && av->n_apis == 2,
	      "fallback: negotiated with ApiVersions v3");
	md = c ? kt_client_metadata(c) : NULL;
	CHECK(md && md->n_brokers == 1 && md->brokers[0].node_id == 7 &&
		      md->controller_id == 7 && md->cluster_id &&
		      strcmp(md->cluster_id, "c") == 0,
	      "fallback: metadata v12 decoded");
	CHECK_STR(c ? kt_client_node_name(c, 7) : NULL, "b:9",
		  "fallback: broker 7 learnt from metadata");
	CHECK_INT(kt_test_client_done(c, &conf, pid), 22,
		  "fallback: fake broker saw ApiVersions v4, v3, Metadata v12");
}

/* A child's broker: the ApiVersions exchange of kt_test_apiversions_3x
 * (no Fetch), script, then reads until the client hangs up. Returns 0, or
 * 1 on surprise. */
static int serve_3x(int lfd, const struct kt_test_step *script, size_t n)
{
	uint8_t f[4096];
	int fd = accept(lfd, NULL, NULL), key, status = 1;

	if (kt_test_apiversions_3x(fd, f, sizeof(f)) == 0 &&
	    kt_test_script(fd, script, n, &key) == n)
		status = 0;
	while (status == 0 && kt_test_read_frame(fd, f, sizeof(f)) >= 0)
		;
	close(fd);
	return status;
}

static int fake_broker_no_fetch(int lfd)
{
	return serve_3x(lfd, NULL, 0);
}

static int no_body(void *arg, struct kt_buf *b, int16_t version,
		   struct kt_err *err)
{
	(void)arg;
	(void)b;
	(void)version;
	(void)err;
	return 0;
}

/* failed: 1 until the callback, then -code */
static void send_done(void *arg, struct kt_client *c, int32_t node,
		      struct kt_response *resp, const struct kt_err *err)
{
	int *failed = arg;

	(void)c;
	(void)node;
	(void)resp;
	*failed = err ? -err->code : 0;
}

/* A request the connection's broker has no version of fails, as
 * kt_client_send promises, from the next poll and never from the send
 * itself: the consumer's fetch_send used its request after a send that
 * had already run the callback, which freed it (found by fuzz_client). */
static void test_send_unsupported(void)
{
	struct kt_client_conf conf;
	struct kt_client *c;
	struct kt_err e;
	int port = 0, r = -1, failed = 1;
	pid_t pid;

	pid = kt_test_fork_broker(fake_broker_no_fetch, &port);
	c = kt_test_client(port, &conf, &e);
	kt_err_clear(&e);
	if (c && kt_client_bootstrap(c, &e) == 0)
		r = kt_client_send(c, kt_client_bootstrap_node(c), KT_API_FETCH,
				   no_body, NULL, send_done, &failed, &e);
	CHECK_INT(r, 0, "send without a version: queued (%.150s)", e.msg);
	CHECK_INT(failed, 1, "send without a version: no callback yet");
	if (c && r == 0)
		kt_client_poll(c, 0, &e);
	CHECK(failed < 0, "send without a version: fails from the poll");
	CHECK_INT(kt_test_client_done(c, &conf, pid), 0,
		  "send without a version: fake broker saw ApiVersions");
}

/* Child: serve_3x with Metadata v12 naming broker 7 at b:-1. */
static int fake_broker_bad_port(int lfd)
{
	static const struct kt_test_step script[] = {
		/* throttle, 1 broker (7, "b", port -1, null rack), cluster
		 * "c", controller 7, 0 topics, tags */
		{3, true,
		 "00 00 00 00 02 00 00 00 07 02 62 ff ff ff ff 00 00 02 63 00 "
		 "00 00 07 01 00"},
	};

	return serve_3x(lfd, script, 1);
}

/* A request for a broker whose address cannot even be tried fails from
 * the first poll, and that poll does not then wait: kt_client_call slept
 * out its whole default.api.timeout.ms after the callback had run (found
 * by fuzz_client: a producer stalled a second on a mutated port). */
static void test_call_bad_address(void)
{
	struct kt_client_conf conf;
	struct kt_response resp;
	struct kt_client *c;
	struct kt_err e;
	int port = 0, r = -1;
	int64_t t0 = 0, took = -1;
	pid_t pid;

	pid = kt_test_fork_broker(fake_broker_bad_port, &port);
	c = kt_test_client(port, &conf, &e);
	kt_err_clear(&e);
	if (c && kt_client_bootstrap(c, &e) == 0 &&
	    kt_client_metadata_refresh(c, NULL, -1, &e) == 0) {
		t0 = kt_now_ms();
		r = kt_client_call(c, 7, KT_API_API_VERSIONS, no_body, NULL,
				   &resp, NULL, &e);
		took = kt_now_ms() - t0;
		if (r == 0)
			kt_response_release(&resp);
	}
	CHECK(r < 0 && strstr(e.msg, "invalid broker address"),
	      "bad address: the call fails (%.150s)", e.msg);
	CHECK(took >= 0 && took < 1000,
	      "bad address: at once, not after the API timeout (%lld ms)",
	      (long long)took);
	CHECK_INT(kt_test_client_done(c, &conf, pid), 0,
		  "bad address: fake broker saw ApiVersions and Metadata");
}

/* Metadata v12 naming broker id at host:port (host at most 60 bytes),
 * cluster "c", controller 7, no topics, as hex for kt_test_answer. */
static void md_hex(char *out, size_t cap, int32_t id, const char *host,
		   int port)
{
	size_t i, n = strlen(host);
	int off;

	off = snprintf(out, cap, "00 00 00 00 02 %08x %02zx", (uint32_t)id,
		       n + 1);
	for (i = 0; i < n && off > 0 && (size_t)off < cap; i++)
		off += snprintf(out + off, cap - (size_t)off, " %02x",
				(unsigned char)host[i]);
	if (off > 0 && (size_t)off < cap)
		snprintf(out + off, cap - (size_t)off,
			 " %08x 00 00 02 63 00 00 00 07 01 00", (uint32_t)port);
}

/* kt_client_metadata_refresh_async, polled until its callback: the answer
 * is taken inside the callback of the connection it came on. Returns 0 or
 * -code. */
static int refresh_async(struct kt_client *c, struct kt_err *e)
{
	int64_t deadline = kt_now_ms() + 5000;
	int md_r = 1, r;

	r = kt_client_metadata_refresh_async(c, NULL, -1, md_done, &md_r, e);
	while (r == 0 && md_r == 1 && kt_now_ms() < deadline)
		r = kt_client_poll(c, 100, e);
	return r ? r : md_r == 1 ? -KT_ETIMEDOUT : md_r;
}

/* Child: serve_3x with Metadata naming broker -1 (the client's own id for
 * its first bootstrap server) at b:9. */
static int fake_broker_negative_id(int lfd)
{
	static char body[256];
	struct kt_test_step script[] = {{3, true, body}};

	md_hex(body, sizeof(body), -1, "b", 9);
	return serve_3x(lfd, script, 1);
}

/* A broker with a negative id in Metadata would take the place of the
 * bootstrap server with that id, and the connection the answer came on
 * was freed inside its own callback (heap-use-after-free in conn.c
 * do_read; found by fuzz_client): such brokers are ignored. */
static void test_metadata_negative_id(void)
{
	struct kt_client_conf conf;
	struct kt_client *c;
	struct kt_err e;
	int port = 0, r = -1;
	char name[64];
	pid_t pid;

	pid = kt_test_fork_broker(fake_broker_negative_id, &port);
	c = kt_test_client(port, &conf, &e);
	kt_err_clear(&e);
	if (c && kt_client_bootstrap(c, &e) == 0)
		r = refresh_async(c, &e);
	CHECK_INT(r, 0, "negative broker id: metadata (%.150s)", e.msg);
	snprintf(name, sizeof(name), "127.0.0.1:%d", port);
	CHECK_STR(c ? kt_client_node_name(c, -1) : NULL, name,
		  "negative broker id: the bootstrap server stays");
	CHECK_INT(kt_test_client_done(c, &conf, pid), 0,
		  "negative broker id: fake broker saw ApiVersions and Metadata");
}

/* Child: on the bootstrap connection ApiVersions and Metadata naming
 * broker 7 at 127.0.0.1 (this listener), then it hangs up; on broker 7's
 * connection ApiVersions and Metadata moving broker 7 to localhost. */
static int fake_broker_moving(int lfd)
{
	static char md1[256], md2[256];
	struct kt_test_step first[] = {{3, true, md1}};
	struct kt_test_step second[] = {{3, true, md2}};
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	uint8_t f[4096];
	int fd, key, status = 1;

	if (getsockname(lfd, (struct sockaddr *)&a, &len) < 0)
		return 1;
	md_hex(md1, sizeof(md1), 7, "127.0.0.1", ntohs(a.sin_port));
	md_hex(md2, sizeof(md2), 7, "localhost", ntohs(a.sin_port));
	fd = accept(lfd, NULL, NULL);
	if (kt_test_apiversions_3x(fd, f, sizeof(f)) < 0 ||
	    kt_test_script(fd, first, 1, &key) != 1)
		goto out;
	close(fd);
	fd = accept(lfd, NULL, NULL);
	if (kt_test_apiversions_3x(fd, f, sizeof(f)) == 0 &&
	    kt_test_script(fd, second, 1, &key) == 1)
		status = 0;
	while (status == 0 && kt_test_read_frame(fd, f, sizeof(f)) >= 0)
		;
out:
	close(fd);
	return status;
}

/* A broker that answers Metadata on its own connection saying it moved:
 * that connection was freed inside its own callback (heap-use-after-free
 * in conn.c do_read). It is closed instead, and freed on the next
 * connect. */
static void test_broker_moves_itself(void)
{
	struct kt_client_conf conf;
	struct kt_client *c;
	struct kt_err e;
	int port = 0, r = -1;
	char name[64];
	pid_t pid;

	pid = kt_test_fork_broker(fake_broker_moving, &port);
	c = kt_test_client(port, &conf, &e);
	kt_err_clear(&e);
	if (c && kt_client_bootstrap(c, &e) == 0 &&
	    kt_client_metadata_refresh(c, NULL, -1, &e) == 0) {
		/* see the bootstrap connection closed: the next refresh
		 * goes to broker 7 */
		kt_client_poll(c, 1000, &e);
		r = refresh_async(c, &e);
	}
	CHECK_INT(r, 0, "broker moves: metadata from broker 7 (%.150s)", e.msg);
	snprintf(name, sizeof(name), "localhost:%d", port);
	CHECK_STR(c ? kt_client_node_name(c, 7) : NULL, name,
		  "broker moves: broker 7 at its new address");
	CHECK_INT(kt_test_client_done(c, &conf, pid), 0,
		  "broker moves: fake broker saw both connections");
}

/* Fake SASL broker -------------------------------------------------------- */

/* Child: ApiVersions v4 (Metadata 0..12, SaslHandshake 0..1, ApiVersions
 * 0..4, SaslAuthenticate 0..2), SaslHandshake v1 (PLAIN), SaslAuthenticate
 * v2 with SessionLifetimeMs 2^57 + 1 (a value a fuzzed broker sent), then
 * Metadata. Exits 0 when the request after the login was Metadata, 2 when
 * the client logged in again at once, 1 on another surprise. */
static int fake_sasl_broker(int lfd)
{
	static const struct kt_test_step script[] = {
		{18, false,
		 "00 00 05 00 03 00 00 00 0c 00 00 11 00 00 00 01 00 00 12 00 "
		 "00 00 04 00 00 24 00 00 00 02 00 00 00 00 00 00"},
		{17, false, "00 00 00 00 00 01 00 05 50 4c 41 49 4e"},
		{36, true, "00 00 00 01 02 00 00 00 00 00 00 01 00"},
		/* metadata v12: one broker, no topics, as fake_broker's */
		{3, true,
		 "00 00 00 00 02 00 00 00 07 02 62 00 00 00 09 00 00 02 63 00 "
		 "00 00 07 01 00"},
	};
	size_t n = sizeof(script) / sizeof(script[0]);
	int fd = accept(lfd, NULL, NULL), key, status;

	if (kt_test_script(fd, script, n, &key) == n)
		status = 0;
	else
		status = key == 17 ? 2 : 1;
	usleep(100000);
	close(fd);
	return status;
}

/* A SessionLifetimeMs near 2^64 / 85 made the re-authentication time
 * overflow (UBSan: signed integer overflow in sasl_done) and, wrapped to
 * the past, made the client log in again before every request. */
static void test_sasl_lifetime(void)
{
	struct kt_client_conf conf;
	struct kt_client *c;
	struct kt_err e;
	int port = 0, r = -1;
	char bs[64];
	pid_t pid;

	pid = kt_test_fork_broker(fake_sasl_broker, &port);
	kt_client_conf_init(&conf);
	snprintf(bs, sizeof(bs), "127.0.0.1:%d", port);
	kt_client_conf_set(&conf, "bootstrap.servers", bs, &e);
	kt_client_conf_set(&conf, "default.api.timeout.ms", "5000", &e);
	kt_client_conf_set(&conf, "security.protocol", "SASL_PLAINTEXT", &e);
	kt_client_conf_set(&conf, "sasl.mechanism", "PLAIN", &e);
	kt_client_conf_set(&conf, "sasl.jaas.config",
			   "org.apache.kafka.common.security.plain."
			   "PlainLoginModule required username=\"u\" "
			   "password=\"p\";",
			   &e);
	c = kt_client_new(&conf, &e);
	kt_err_clear(&e);
	if (c && kt_client_bootstrap(c, &e) == 0)
		r = kt_client_metadata_refresh(c, NULL, -1, &e);
	CHECK_INT(r, 0, "sasl lifetime 2^57+1: login and metadata (%.150s)",
		  e.msg);
	CHECK_INT(kt_test_client_done(c, &conf, pid), 0,
		  "sasl lifetime 2^57+1: no new login before the metadata");
}

void test_client(void)
{
	test_bootstrap_parser();
	test_conf();
	test_fallback();
	test_send_unsupported();
	test_call_bad_address();
	test_metadata_negative_id();
	test_broker_moves_itself();
	test_sasl_lifetime();
}
