/*
 * test_proto_reassign.c - ListPartitionReassignments (46) v0 bodies.
 *
 * Golden bytes: the requests below were sent to the Apache 4.3.1 dev broker
 * with kt-probe raw and accepted; the broker's answer (no reassignment in
 * progress) is resp_none. A single-broker cluster cannot hold a reassignment
 * open, so resp_one was written by hand from the 4.3.1 schema: topic
 * "orders", partition 2 moving from [1,2] to [2,3] (replicas 1,2,3,
 * adding 3, removing 1), an error message and a tagged field to skip.
 */
#include "unit.h"

#include "proto/reassign.h"

void test_proto_reassign(void);

/* TimeoutMs 30000, Topics null */
static const char req_all[] = "00007530 00 00";
/* TimeoutMs 30000, Topics [{devtest, [0]}] */
static const char req_one[] = "00007530 02 08 64657674657374 02 00000000 00 00";
/* the broker's answer to both */
static const char resp_none[] = "00000000 0000 00 01 00";
static const char resp_one[] =
	"00000007 0000 03 6f6b"		/* throttle 7, error 0, "ok" */
	"02"				/* one topic */
	"07 6f7264657273"		/* "orders" */
	"02"				/* one partition */
	"00000002"			/* partition 2 */
	"04 00000001 00000002 00000003" /* replicas */
	"02 00000003"			/* adding */
	"02 00000001"			/* removing */
	"00"				/* partition tags */
	"00"				/* topic tags */
	"01 05 02 abcd";		/* one unknown tagged field (tag 5) */

static void test_encode(void)
{
	struct kt_listreassign_req req = {0};
	struct kt_listreassign_req_topic t;
	static const int32_t p0[] = {0};
	uint8_t want[64];
	size_t n;
	struct kt_buf b;

	kt_buf_init(&b, 0);
	req.timeout_ms = 30000;
	req.all = true;
	CHECK_INT(kt_listreassign_req_encode(&b, 0, &req), 0,
		  "reassign: encode all");
	n = kt_unit_hex(req_all, want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "reassign: all is a null array");

	kt_buf_reset(&b);
	t.name = "devtest";
	t.partitions = p0;
	t.n_partitions = 1;
	req.all = false;
	req.topics = &t;
	req.n_topics = 1;
	CHECK_INT(kt_listreassign_req_encode(&b, 0, &req), 0,
		  "reassign: encode one topic");
	n = kt_unit_hex(req_one, want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "reassign: one topic, broker bytes");

	kt_buf_reset(&b);
	CHECK_INT(kt_listreassign_req_encode(&b, 1, &req), -KT_EUNSUPPORTED,
		  "reassign: v1 does not exist");
	kt_buf_release(&b);
	kt_buf_init(&b, 0);
	t.name = NULL;
	CHECK_INT(kt_listreassign_req_encode(&b, 0, &req), -KT_EINVAL,
		  "reassign: a topic needs a name");
	kt_buf_release(&b);
}

static void test_decode(void)
{
	struct kt_listreassign_resp r;
	struct kt_err err;
	uint8_t in[128];
	size_t n, cut;
	const struct kt_listreassign_partition *p;

	n = kt_unit_hex(resp_none, in, sizeof(in));
	CHECK_INT(kt_listreassign_resp_decode(in, n, 0, &r, &err), 0,
		  "reassign: decode broker answer");
	CHECK_INT(r.n_topics, 0, "reassign: nothing in progress");
	CHECK(r.error_message == NULL, "reassign: null message");
	kt_listreassign_resp_release(&r);

	n = kt_unit_hex(resp_one, in, sizeof(in));
	CHECK_INT(kt_listreassign_resp_decode(in, n, 0, &r, &err), 0,
		  "reassign: decode one reassignment");
	CHECK_INT(r.throttle_time_ms, 7, "reassign: throttle");
	CHECK_STR(r.error_message, "ok", "reassign: message");
	CHECK_INT(r.n_topics, 1, "reassign: one topic");
	if (r.n_topics == 1 && r.topics[0].n_partitions == 1) {
		CHECK_STR(r.topics[0].name, "orders", "reassign: topic name");
		p = &r.topics[0].partitions[0];
		CHECK_INT(p->partition, 2, "reassign: partition");
		CHECK_INT(p->n_replicas, 3, "reassign: replicas");
		CHECK_INT(p->replicas[2], 3, "reassign: third replica");
		CHECK_INT(p->n_adding, 1, "reassign: adding");
		CHECK_INT(p->adding[0], 3, "reassign: adding 3");
		CHECK_INT(p->n_removing, 1, "reassign: removing");
		CHECK_INT(p->removing[0], 1, "reassign: removing 1");
	} else {
		CHECK(0, "reassign: one partition");
	}
	kt_listreassign_resp_release(&r);
	kt_listreassign_resp_release(&r);

	for (cut = 0; cut < n; cut++) {
		int rc = kt_listreassign_resp_decode(in, cut, 0, &r, &err);

		if (rc >= 0 || (rc != -KT_ETRUNC && rc != -KT_EBADLEN)) {
			CHECK(0, "reassign: truncation at %zu fails cleanly",
			      cut);
			kt_listreassign_resp_release(&r);
			return;
		}
		kt_listreassign_resp_release(&r);
	}
	CHECK(1, "reassign: every truncation of %zu bytes fails cleanly", n);

	in[n] = 0;
	CHECK_INT(kt_listreassign_resp_decode(in, n + 1, 0, &r, &err),
		  -KT_EPROTO, "reassign: trailing byte refused");
	CHECK(strstr(err.msg, "trailing") != NULL, "reassign: says why");
	kt_listreassign_resp_release(&r);

	/* a count far beyond the bytes left is refused before allocating */
	n = kt_unit_hex("00000000 0000 00 ffffff7f", in, sizeof(in));
	CHECK_INT(kt_listreassign_resp_decode(in, n, 0, &r, &err), -KT_EBADLEN,
		  "reassign: huge topic count refused");
	kt_listreassign_resp_release(&r);
	CHECK_INT(kt_listreassign_resp_decode(in, n, 1, &r, &err),
		  -KT_EUNSUPPORTED, "reassign: decode v1 refused");
}

void test_proto_reassign(void)
{
	test_encode();
	test_decode();
}
