/*
 * test_cgroups_net.c - the group admin calls against a forked fake broker:
 * a coordinator that is not available yet, then loading, is asked again
 * (FindCoordinator and the call itself) within the time-out; an offset
 * commit where one partition fails reports each partition's verdict; a
 * coordinator that never comes up fails with KT_ETIMEDOUT once the
 * time-out has passed, not before and not much after.
 */
#include "unit.h"

#include "admin/groups.h"
#include "fake_net.h"

#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

void test_cgroups_net(void);

static int fake_port;

/* ApiVersions: v4 -> UNSUPPORTED_VERSION listing ApiVersions 0..0; v0 ->
 * ApiVersions 0..0, FindCoordinator 0..0, OffsetCommit 2..2. */
static int apiversions_v0(int fd, uint8_t *f, size_t cap)
{
	if (kt_test_read_frame(fd, f, cap) < 0 || kt_be16(f + 4) != 18)
		return -1;
	kt_test_answer(fd, (int32_t)kt_be32(f + 8), false,
		       "0023 00000001 0012 0000 0000");
	if (kt_test_read_frame(fd, f, cap) < 0 || kt_be16(f + 4) != 18 ||
	    kt_be16(f + 6) != 0)
		return -1;
	kt_test_answer(fd, (int32_t)kt_be32(f + 8), false,
		       "0000 00000003 0012 0000 0000 000a 0000 0000"
		       " 0008 0002 0002");
	return 0;
}

/* FindCoordinator v0 answers: error 15 (not available), or the
 * bootstrap node itself (-1) at this listener. */
static void answer_coordinator(int fd, int32_t corr, bool ready)
{
	char hex[128];

	if (!ready) {
		kt_test_answer(fd, corr, false, "000f ffffffff 0000 00000000");
		return;
	}
	snprintf(hex, sizeof(hex), "0000 ffffffff 0009 3132372e302e302e31 %08x",
		 (unsigned)fake_port);
	kt_test_answer(fd, corr, false, hex);
}

/* Coordinator not available once, then ready; the first commit answered
 * COORDINATOR_LOAD_IN_PROGRESS on both partitions, the second 0 for
 * partition 0 and UNKNOWN_TOPIC_OR_PARTITION for 1. Exits 10 + the number
 * of FindCoordinator requests (expected 3), 2 on anything unexpected. */
static int broker_retry(int lfd)
{
	uint8_t f[4096];
	int fd = accept(lfd, NULL, NULL), finds = 0, commits = 0;

	if (apiversions_v0(fd, f, sizeof(f)) < 0)
		return 2;
	while (commits < 2) {
		int32_t corr;

		if (kt_test_read_frame(fd, f, sizeof(f)) < 0)
			return 2;
		corr = (int32_t)kt_be32(f + 8);
		switch (kt_be16(f + 4)) {
		case 10:
			finds++;
			answer_coordinator(fd, corr, finds > 1);
			break;
		case 8:
			commits++;
			kt_test_answer(fd, corr, false,
				       commits == 1
					       ? "00000001 0001 74 00000002"
						 " 00000000 000e 00000001 000e"
					       : "00000001 0001 74 00000002"
						 " 00000000 0000 00000001 0003");
			break;
		default:
			return 2;
		}
	}
	usleep(100000);
	close(fd);
	return 10 + finds;
}

/* The coordinator never becomes available. */
static int broker_never(int lfd)
{
	uint8_t f[4096];
	int fd = accept(lfd, NULL, NULL);

	if (apiversions_v0(fd, f, sizeof(f)) < 0)
		return 2;
	while (kt_test_read_frame(fd, f, sizeof(f)) >= 0) {
		if (kt_be16(f + 4) != 10)
			return 2;
		answer_coordinator(fd, (int32_t)kt_be32(f + 8), false);
	}
	close(fd);
	return 0;
}

void test_cgroups_net(void)
{
	struct kt_client_conf conf;
	struct kt_client *c;
	struct kt_err e = {0};
	struct kt_group_commit v[2] = {
		{.topic = "t", .partition = 0, .offset = 5},
		{.topic = "t", .partition = 1, .offset = 6},
	};
	int status = 0, r = -1;
	int64_t t0;
	pid_t pid;

	pid = kt_test_fork_broker(broker_retry, &fake_port);
	c = kt_test_client(fake_port, &conf, &e);
	if (c && kt_client_bootstrap(c, &e) == 0)
		r = kt_admin_commit_offsets(c, "g", v, 2, 5000, &e);
	CHECK_INT(r, 0, "commit after the coordinator came up and loaded (%s)",
		  e.msg);
	CHECK_INT(v[0].error_code, 0, "partition 0 committed");
	CHECK_INT(v[1].error_code, 3, "partition 1's own error is reported");
	CHECK_INT(kt_test_client_done(c, &conf, pid), 13,
		  "FindCoordinator asked again after each coordinator error");

	pid = kt_test_fork_broker(broker_never, &fake_port);
	c = kt_test_client(fake_port, &conf, &e);
	r = -1;
	t0 = kt_now_ms();
	if (c && kt_client_bootstrap(c, &e) == 0)
		r = kt_admin_commit_offsets(c, "g", v, 2, 800, &e);
	t0 = kt_now_ms() - t0;
	CHECK_INT(r, -KT_ETIMEDOUT, "a coordinator that never comes up times "
				    "out");
	CHECK(t0 >= 700 && t0 < 3000, "within the time-out (%lld ms)",
	      (long long)t0);
	CHECK(strstr(e.msg, "group 'g'") &&
		      strstr(e.msg, "The coordinator is not available"),
	      "the message names the group and the last error: %s", e.msg);
	kt_client_free(c);
	kt_client_conf_release(&conf);
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
}
