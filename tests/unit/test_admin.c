/*
 * test_admin.c - the admin layer against a forked fake broker that speaks
 * like a Kafka before 3.8: no DescribeTopicPartitions (key 75) in its
 * ApiVersions, so kt_admin_describe must fall back to Metadata, as the Java
 * admin client does, and print N/A for the ELR fields.
 */
#include "unit.h"

#include "admin/admin.h"
#include "format/topics.h"
#include "fake_net.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

void test_admin(void);

/* ApiVersions v4 -> UNSUPPORTED_VERSION (18: 0..3); v3 -> Metadata 0..12,
 * ApiVersions 0..3 and nothing else; Metadata for ["t"] -> broker 7 and
 * topic t with one partition led by 7. Exits 10 + the Metadata version,
 * 2 when asked for anything else, 1 on a broken exchange. */
static int fake_broker(int lfd)
{
	uint8_t f[4096];
	int fd = accept(lfd, NULL, NULL), status = 1;
	int32_t corr;

	if (kt_test_apiversions_3x(fd, f, sizeof(f)) < 0)
		goto out;
	if (kt_test_read_frame(fd, f, sizeof(f)) < 0)
		goto out;
	if (kt_be16(f + 4) != 3) {
		status = 2;
		goto out;
	}
	corr = (int32_t)kt_be32(f + 8);
	kt_test_answer(fd, corr, true,
		       "00000000"			 /* throttle */
		       "02 00000007 0262 00000009 00 00" /* broker 7 b:9 */
		       "0263 00000007"			 /* cluster c, ctl 7 */
		       "02 0000 0274"			 /* topic t */
		       "00000000000000000000000000000001 00" /* id, internal */
		       "02 0000 00000000 00000007 00000000"  /* partition 0 */
		       "02 00000007 02 00000007 01 00"	     /* replicas, isr */
		       "80000000 00" /* ops, topic tags */
		       "00");
	status = 10 + kt_be16(f + 6);
out:
	usleep(100000);
	close(fd);
	return status;
}

void test_admin(void)
{
	struct kt_client_conf conf;
	struct kt_client *c;
	struct kt_err e;
	struct kt_admin_describe_req req;
	struct kt_admin_desc *v = NULL;
	struct kt_describe_opts o;
	struct kt_buf b;
	static const char *const names[] = {"t"};
	int port = 0, r = -1;
	pid_t pid;

	pid = kt_test_fork_broker(fake_broker, &port);

	c = kt_test_client(port, &conf, &e);
	kt_err_clear(&e);
	memset(&req, 0, sizeof(req));
	req.names = names;
	req.n_names = 1;
	req.partition_limit = 2000;
	req.timeout_ms = 5000;
	req.skip_configs = true;
	req.skip_reassignments = true;
	if (c && kt_client_bootstrap(c, &e) == 0)
		r = kt_admin_describe(c, &req, &v, &e);
	CHECK_INT(r, 0, "describe without DescribeTopicPartitions (%s)", e.msg);
	CHECK(v && v[0].res.error_code == 0 && v[0].d.n_parts == 1 &&
		      v[0].d.parts[0].leader == 7 && !v[0].d.parts[0].has_elr,
	      "described from Metadata, no ELR");
	if (v && v[0].d.name) {
		memset(&o, 0, sizeof(o));
		kt_buf_init(&b, 0);
		kt_topic_describe_text(&v[0].d, &o, &b);
		kt_buf_puts(&b, "");
		CHECK_STR((const char *)b.p,
			  "Topic: t\tTopicId: AAAAAAAAAAAAAAAAAAAAAQ\t"
			  "PartitionCount: 1\tReplicationFactor: 1\tConfigs: "
			  "\n\tTopic: t\tPartition: 0\tLeader: 7\tReplicas: "
			  "7\tIsr: 7\tElr: N/A\tLastKnownElr: N/A\n",
			  "Apache's text of a Metadata description");
		kt_buf_release(&b);
	}
	kt_admin_descs_free(v, 1);
	CHECK_INT(kt_test_client_done(c, &conf, pid), 22,
		  "fake broker was asked Metadata v12");
}
