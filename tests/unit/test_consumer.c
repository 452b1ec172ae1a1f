/*
 * test_consumer.c - the consumer's configuration (Java property names and
 * ConfigException texts), kafkit's --offset forms (kt_pos_parse), and a
 * group member against a forked fake broker that names a coordinator
 * with a negative node id.
 */
#include "unit.h"

#include "consume/consumer.h"
#include "fake_net.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

void test_consumer(void);

static void pos(const char *s, int kind, int64_t value, const char *name)
{
	struct kt_pos p;

	CHECK_INT(kt_pos_parse(s, 1700000000000LL, &p), 0, "pos %s: parses",
		  name);
	CHECK_INT(p.kind, kind, "pos %s: kind", name);
	CHECK_INT(p.value, value, "pos %s: value", name);
}

static void test_pos(void)
{
	struct kt_pos p;

	pos("earliest", KT_POS_EARLIEST, 0, "earliest");
	pos("LATEST", KT_POS_LATEST, 0, "LATEST");
	pos("42", KT_POS_OFFSET, 42, "offset");
	pos("+5", KT_POS_FROM_START, 5, "+5");
	pos("-3", KT_POS_FROM_END, 3, "-3");
	pos("@1700000000123", KT_POS_TIMESTAMP, 1700000000123LL, "@ms");
	pos("@-1h", KT_POS_TIMESTAMP, 1700000000000LL - 3600000, "@-1h");
	pos("@-1h30m", KT_POS_TIMESTAMP, 1700000000000LL - 5400000, "@-1h30m");
	pos("@-500ms", KT_POS_TIMESTAMP, 1700000000000LL - 500, "@-500ms");
	pos("2023-11-14T22:13:20Z", KT_POS_TIMESTAMP, 1700000000000LL, "ISO Z");
	pos("@2023-11-14T22:13:20.5Z", KT_POS_TIMESTAMP, 1700000000500LL,
	    "@ISO with a fraction");
	pos("2023-11-15T00:13:20+02:00", KT_POS_TIMESTAMP, 1700000000000LL,
	    "ISO with an offset");
	pos("2023-11-14", KT_POS_TIMESTAMP, 1699920000000LL, "ISO date");
	CHECK_INT(kt_pos_parse("abc", 0, &p), -KT_EINVAL, "pos: abc refused");
	CHECK_INT(kt_pos_parse("", 0, &p), -KT_EINVAL, "pos: empty refused");
	CHECK_INT(kt_pos_parse("@-1y", 0, &p), -KT_EINVAL,
		  "pos: unknown unit refused");
	CHECK_INT(kt_pos_parse("2023-13-01", 0, &p), -KT_EINVAL,
		  "pos: month 13 refused");
	CHECK_INT(kt_pos_parse("99999999999999999999", 0, &p), -KT_EINVAL,
		  "pos: overflow refused");
}

static void test_conf(void)
{
	struct kt_consumer_conf c;
	struct kt_err err;

	kt_consumer_conf_init(&c);
	CHECK_INT(c.n_assignors, 2, "conf: Java's default assignors");
	CHECK_INT(c.fetch_max_bytes, 52428800, "conf: fetch.max.bytes");
	CHECK_INT(kt_consumer_conf_set(&c, "isolation.level", "read_committed",
				       &err),
		  0, "conf: isolation.level");
	CHECK_INT(c.isolation_level, 1, "conf: read_committed");
	CHECK_INT(kt_consumer_conf_set(&c, "isolation.level", "x", &err),
		  -KT_EINVAL, "conf: bad isolation.level");
	CHECK_STR(err.msg,
		  "Invalid value x for configuration isolation.level: String "
		  "must be one of: read_committed, read_uncommitted",
		  "conf: Java's message");
	CHECK_INT(
		kt_consumer_conf_set(&c, "enable.auto.commit", " FALSE ", &err),
		0, "conf: boolean, Java's trim and case");
	CHECK(!c.enable_auto_commit && c.enable_auto_commit_set,
	      "conf: auto commit off");
	CHECK_INT(kt_consumer_conf_set(&c, "fetch.min.bytes", "x", &err),
		  -KT_EINVAL, "conf: bad int");
	CHECK_STR(err.msg,
		  "Invalid value x for configuration fetch.min.bytes: Not a "
		  "number of type INT",
		  "conf: int message");
	CHECK_INT(kt_consumer_conf_set(&c, "partition.assignment.strategy",
				       "org.apache.kafka.clients.consumer."
				       "CooperativeStickyAssignor",
				       &err),
		  0, "conf: assignor by class");
	CHECK_INT(c.n_assignors, 1, "conf: one assignor");
	CHECK_INT(kt_consumer_conf_set(&c, "group.protocol", "consumer", &err),
		  -KT_EUNSUPPORTED, "conf: KIP-848 not yet");
	CHECK_INT(kt_consumer_conf_set(&c, "max.poll.records", "5", &err),
		  KT_CONF_IGNORED, "conf: max.poll.records accepted");
	CHECK_INT(kt_consumer_conf_set(&c, "request.timeout.ms", "1234", &err),
		  0, "conf: client property passed on");
	CHECK_INT(c.client.request_timeout_ms, 1234, "conf: client value");
	kt_consumer_conf_release(&c);
}

/* Child: ApiVersions v4 (Metadata 0..12, FindCoordinator 0..6,
 * ApiVersions 0..4), Metadata v12 (broker 7, no topics), FindCoordinator
 * v6 naming node -33554425 for g. Exits 0 when the consumer then asks
 * for the coordinator again, 1 on anything else. */
static int fake_broker_bad_coordinator(int lfd)
{
	static const struct kt_test_step script[] = {
		{18, false,
		 "00 00 04 00 03 00 00 00 0c 00 00 0a 00 00 00 06 00 00 12 00 "
		 "00 00 04 00 00 00 00 00 00"},
		{3, true,
		 "00 00 00 00 02 00 00 00 07 02 62 00 00 00 09 00 00 02 63 00 "
		 "00 00 07 01 00"},
		/* throttle, 1 coordinator: "g", node -33554425, "b", port 9,
		 * no error, null message */
		{10, true,
		 "00 00 00 00 02 02 67 fe 00 00 07 02 62 00 00 00 09 00 00 00 "
		 "00 00"},
		{10, false, NULL},
	};
	size_t n = sizeof(script) / sizeof(script[0]);
	int fd = accept(lfd, NULL, NULL), key, status;

	status = kt_test_script(fd, script, n, &key) == n ? 0 : 1;
	close(fd);
	return status;
}

/* A coordinator with a negative node id overflowed the aliases counted
 * down from INT32_MAX (UBSan: signed integer overflow in fc_done; found
 * by fuzz_client): it is not available, and looked up again. */
static void test_bad_coordinator(void)
{
	static const char *const topic = "t";
	struct kt_consumer_conf conf;
	struct kt_consumer_opts opts;
	struct kt_consumer *c;
	struct kt_err e;
	struct kt_msg m;
	int port = 0, status = 0, r = 0;
	int64_t end;
	char bs[64];
	pid_t pid, done = 0;

	pid = kt_test_fork_broker(fake_broker_bad_coordinator, &port);
	kt_consumer_conf_init(&conf);
	snprintf(bs, sizeof(bs), "127.0.0.1:%d", port);
	kt_consumer_conf_set(&conf, "bootstrap.servers", bs, &e);
	kt_consumer_conf_set(&conf, "group.id", "g", &e);
	memset(&opts, 0, sizeof(opts));
	opts.wait_for_topics = true; /* no topic t: join anyway */
	c = kt_consumer_new(&conf, &opts, &e);
	if (c)
		r = kt_consumer_subscribe(c, &topic, 1, &e);
	/* the second FindCoordinator goes out 200 ms after the first */
	end = kt_now_ms() + 1000;
	while (c && r >= 0 && !(done = waitpid(pid, &status, WNOHANG)) &&
	       kt_now_ms() < end)
		r = kt_consumer_next(c, &m, 50, NULL, NULL, &e);
	CHECK(r >= 0, "bad coordinator: the consumer goes on (%.150s)", e.msg);
	kt_consumer_free(c);
	kt_consumer_conf_release(&conf);
	if (done != pid)
		waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "bad coordinator: looked up again (exit %d)",
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

void test_consumer(void)
{
	test_pos();
	test_conf();
	test_bad_coordinator();
}
