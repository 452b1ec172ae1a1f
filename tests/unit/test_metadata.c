/*
 * test_metadata.c - Metadata request bytes (protocol.md section 4 examples)
 * and response decoding of golden answers of a real Kafka 4.3.1 broker
 * for v1, v4, v8, v9, v12 and v13, each with every truncation.
 */
#include "unit.h"

#include "wire/kerr.h"
#include "wire/proto.h"
#include "proto/metadata.h"

#include <stdlib.h>

void test_metadata(void);

/* Metadata v1 response frame from Kafka 4.3.1 for topic kt-golden-net (2
 * partitions) (111 bytes) */
static const char md1_resp[] = "00 00 00 02 00 00 00 01 00 00 00 01 00 09 31 "
			       "32 37 2e 30 2e 30 2e 31 00"
			       "00 4a 94 ff ff 00 00 00 01 00 00 00 01 00 00 "
			       "00 0d 6b 74 2d 67 6f 6c 64"
			       "65 6e 2d 6e 65 74 00 00 00 00 02 00 00 00 00 "
			       "00 00 00 00 00 01 00 00 00"
			       "01 00 00 00 01 00 00 00 01 00 00 00 01 00 00 "
			       "00 00 00 01 00 00 00 01 00"
			       "00 00 01 00 00 00 01 00 00 00 01 00 00 00 01";

/* Metadata v4 response frame from Kafka 4.3.1 for topic kt-golden-net (2
 * partitions) (139 bytes) */
static const char md4_resp[] =
	"00 00 00 02 00 00 00 00 00 00 00 01 00 00 00 01 00 09 31 32 37 2e 30 "
	"2e"
	"30 2e 31 00 00 4a 94 ff ff 00 16 45 6a 52 57 65 4a 43 72 7a 65 38 53 "
	"4e"
	"46 5a 34 6b 4b 76 4e 37 77 00 00 00 01 00 00 00 01 00 00 00 0d 6b 74 "
	"2d"
	"67 6f 6c 64 65 6e 2d 6e 65 74 00 00 00 00 02 00 00 00 00 00 00 00 00 "
	"00"
	"01 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00 00 00 01 "
	"00"
	"00 00 01 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00 01";

/* Metadata v8 response frame from Kafka 4.3.1 for topic kt-golden-net (2
 * partitions) (163 bytes) */
static const char md8_resp[] =
	"00 00 00 02 00 00 00 00 00 00 00 01 00 00 00 01 00 09 31 32 37 2e 30 "
	"2e"
	"30 2e 31 00 00 4a 94 ff ff 00 16 45 6a 52 57 65 4a 43 72 7a 65 38 53 "
	"4e"
	"46 5a 34 6b 4b 76 4e 37 77 00 00 00 01 00 00 00 01 00 00 00 0d 6b 74 "
	"2d"
	"67 6f 6c 64 65 6e 2d 6e 65 74 00 00 00 00 02 00 00 00 00 00 00 00 00 "
	"00"
	"01 00 00 00 00 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00 01 00 00 "
	"00"
	"00 00 00 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00 01 00 00 00 01 "
	"00"
	"00 00 01 00 00 00 01 00 00 00 00 80 00 00 00 80 00 00 00";

/* The start of every flexible Metadata response frame below (v9 and up):
 * size 0 (not checked), correlation id 2, header tags, throttle 0, one
 * broker (node 1, 127.0.0.1:19092, no rack), cluster id, controller 1,
 * one topic follows. */
#define MD_FLEX_HEAD                                                           \
	"00 00 00 02 00 00 00 00 00 02 00 00 00 01 0a 31 32 37 2e 30 "         \
	"2e 30 2e 31 00 00 4a 94 00 00 17 45 6a 52 57 65 4a 43 72 7a "         \
	"65 38 53 4e 46 5a 34 6b 4b 76 4e 37 77 00 00 00 01 02"

/* Metadata v9 response frame from Kafka 4.3.1 for topic kt-golden-net (2
 * partitions) (138 bytes) */
static const char md9_resp[] = MD_FLEX_HEAD
	"00 00 0e 6b 74 2d 67 6f 6c 64 65 6e 2d 6e 65 74 00 03 00 00 00 00 00 "
	"00 00 00 00 01 00 00 00 00 02 00 00 00 01 02 00 00 00 01 01 00 00 00 "
	"00 00 00 01 00 00 00 01 00 00 00 00 02 00 00 00 01 02 00 00 00 01 01 "
	"00 80 00 00 00 00 80 00 00 00 00";

/* Metadata v12 and v13 response frames from Kafka 4.3.1 for topic
 * kt-golden-net (2 partitions) (150 and 152 bytes): the same up to the
 * topic's tags; v13 adds the top-level error code (0) before the tags. */
#define MD_V12_TOPIC                                                           \
	MD_FLEX_HEAD                                                           \
	"00 00 0e 6b 74 2d 67 6f 6c 64 65 6e 2d 6e 65 74 4e 68 c0 ad "         \
	"f1 79 49 86 bf fd a6 7d 9e e8 69 55 00 03 00 00 00 00 00 00 "         \
	"00 00 00 01 00 00 00 00 02 00 00 00 01 02 00 00 00 01 01 00 "         \
	"00 00 00 00 00 01 00 00 00 01 00 00 00 00 02 00 00 00 01 02 "         \
	"00 00 00 01 01 00 80 00 00 00 00"
static const char md12_resp[] = MD_V12_TOPIC "00";
static const char md13_resp[] = MD_V12_TOPIC "00 00 00";

/* Metadata v13 response frame from Kafka 4.3.1 for the unknown topic
 * kt-no-such-topic-net (107 bytes) */
static const char md13u_resp[] = MD_FLEX_HEAD
	"00 03 15 6b 74 2d 6e 6f 2d 73 75 63 68 2d 74 6f 70 69 63 2d 6e 65 74 "
	"00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 80 00 00 00 00 "
	"00 00 00";
static void test_request(void)
{
	struct kt_md_req_topic foo[1];
	struct kt_metadata_req req;
	uint8_t want[128];
	struct kt_buf b;
	struct kt_err e;
	size_t n;

	memset(&req, 0, sizeof(req));
	memset(foo, 0, sizeof(foo));
	req.n_topics = -1;
	kt_buf_init(&b, 0);
	kt_req_begin(&b, KT_API_METADATA, 12, 2, "cli", &e);
	CHECK_INT(kt_metadata_req_encode(&b, 12, &req, &e), 0,
		  "metadata v12 all topics encodes");
	kt_req_end(&b, &e);
	n = kt_unit_hex("00 00 00 12 00 03 00 0c 00 00 00 02 00 03 63 6c 69 "
			"00 | 00 00 00 00",
			want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "metadata v12 all topics bytes");
	kt_buf_release(&b);

	foo[0].name = "foo";
	req.topics = foo;
	req.n_topics = 1;
	kt_buf_init(&b, 0);
	kt_req_begin(&b, KT_API_METADATA, 12, 3, "cli", &e);
	kt_metadata_req_encode(&b, 12, &req, &e);
	kt_req_end(&b, &e);
	n = kt_unit_hex("00 00 00 27 00 03 00 0c 00 00 00 03 00 03 63 6c 69 "
			"00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 "
			"00 04 66 6f 6f 00 00 00 00",
			want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "metadata v12 topic foo bytes");
	kt_buf_release(&b);

	/* v4 classic: [str] allow_auto */
	kt_buf_init(&b, 0);
	kt_metadata_req_encode(&b, 4, &req, &e);
	n = kt_unit_hex("00 00 00 01 00 03 66 6f 6f 00", want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "metadata v4 body");
	kt_buf_release(&b);

	/* v8: + cluster and topic authorized operations */
	req.include_topic_authorized_operations = true;
	kt_buf_init(&b, 0);
	kt_metadata_req_encode(&b, 8, &req, &e);
	n = kt_unit_hex("00 00 00 01 00 03 66 6f 6f 00 00 01", want,
			sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "metadata v8 body");
	kt_buf_release(&b);

	/* v13 all topics, null array */
	req.include_topic_authorized_operations = false;
	req.n_topics = -1;
	kt_buf_init(&b, 0);
	kt_metadata_req_encode(&b, 13, &req, &e);
	n = kt_unit_hex("00 00 00 00", want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "metadata v13 all topics body");
	kt_buf_release(&b);

	/* v0: all topics is an empty array; v0-v3 cannot turn auto-creation
	 * off */
	req.allow_auto_topic_creation = true;
	kt_buf_init(&b, 0);
	kt_metadata_req_encode(&b, 0, &req, &e);
	n = kt_unit_hex("00 00 00 00", want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "metadata v0 all topics body");
	kt_buf_release(&b);
	req.n_topics = 0;
	kt_buf_init(&b, 0);
	CHECK_INT(kt_metadata_req_encode(&b, 0, &req, &e), -KT_EUNSUPPORTED,
		  "metadata v0 cannot ask for no topics");
	req.allow_auto_topic_creation = false;
	req.n_topics = 1;
	CHECK_INT(kt_metadata_req_encode(&b, 3, &req, &e), -KT_EUNSUPPORTED,
		  "metadata v3 cannot turn auto-creation off");
	foo[0].topic_id.b[15] = 1;
	CHECK_INT(kt_metadata_req_encode(&b, 11, &req, &e), -KT_EUNSUPPORTED,
		  "metadata v11 cannot look up by id");
	foo[0].name = NULL;
	kt_buf_reset(&b);
	CHECK_INT(kt_metadata_req_encode(&b, 12, &req, &e), 0,
		  "metadata v12 by id, null name");
	n = kt_unit_hex("02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 "
			"00 00 00 00 00",
			want, sizeof(want));
	CHECK_BYTES(b.p, b.len, want, n, "metadata v12 by id bytes");
	kt_buf_release(&b);
}

/* Parse the frame's header, then the body. */
static int decode(const char *hex, int16_t v, struct kt_metadata *md,
		  uint8_t *buf, size_t *blen, size_t *boff)
{
	struct kt_reader r;
	struct kt_err e;
	int32_t corr;
	size_t n = kt_unit_hex(hex, buf, 1024);

	kt_reader_init(&r, buf, n);
	kt_resp_header_read(&r, KT_API_METADATA, v, &corr, &e);
	*boff = n - r.left;
	*blen = r.left;
	return kt_metadata_resp_decode(r.p, r.left, v, md, &e);
}

static void check_golden(const char *hex, int16_t v)
{
	const struct kt_md_topic *t;
	const struct kt_md_partition *p;
	struct kt_metadata md;
	uint8_t buf[1024];
	size_t blen, boff, i;
	int bad = 0;
	char id[23];

	CHECK_INT(decode(hex, v, &md, buf, &blen, &boff), 0,
		  "metadata v%d golden decodes", v);
	CHECK(md.n_brokers == 1 && md.brokers[0].node_id == 1 &&
		      strcmp(md.brokers[0].host, "127.0.0.1") == 0 &&
		      md.brokers[0].port == 19092 && md.brokers[0].rack == NULL,
	      "metadata v%d: broker 1 at 127.0.0.1:19092", v);
	CHECK_INT(md.controller_id, 1, "metadata v%d: controller", v);
	if (v >= 2)
		CHECK_STR(md.cluster_id, "EjRWeJCrze8SNFZ4kKvN7w",
			  "metadata v%d: cluster id", v);
	t = kt_metadata_topic(&md, "kt-golden-net");
	CHECK(t && t->error_code == 0 && t->n_partitions == 2 &&
		      !t->is_internal,
	      "metadata v%d: topic with 2 partitions", v);
	if (t && v >= 10) {
		kt_uuid_str(&t->topic_id, id);
		CHECK_STR(id, "TmjArfF5SYa__aZ9nuhpVQ",
			  "metadata v%d: topic id", v);
	}
	p = t ? kt_md_topic_partition(t, 1) : NULL;
	CHECK(p && p->leader_id == 1 && p->n_replica_nodes == 1 &&
		      p->replica_nodes[0] == 1 && p->n_isr_nodes == 1 &&
		      p->isr_nodes[0] == 1 && p->n_offline_replicas == 0,
	      "metadata v%d: partition 1 leader/replicas/isr", v);
	if (p && v >= 7)
		CHECK_INT(p->leader_epoch, 0, "metadata v%d: leader epoch", v);
	if (t && v >= 8)
		CHECK_INT(t->topic_authorized_operations, INT32_MIN,
			  "metadata v%d: no authorized ops asked", v);
	kt_metadata_release(&md);

	for (i = 0; i < blen; i++) {
		struct kt_err e;
		int r;

		kt_err_clear(&e);
		r = kt_metadata_resp_decode(buf + boff, i, v, &md, &e);
		if (r >= 0 || e.code == 0 || !strstr(e.msg, "at byte"))
			bad++;
		kt_metadata_release(&md);
	}
	CHECK_INT(bad, 0, "metadata v%d: every truncation fails cleanly", v);
}

static void test_golden(void)
{
	struct kt_metadata md;
	uint8_t buf[1024];
	size_t blen, boff;

	check_golden(md1_resp, 1);
	check_golden(md4_resp, 4);
	check_golden(md8_resp, 8);
	check_golden(md9_resp, 9);
	check_golden(md12_resp, 12);
	check_golden(md13_resp, 13);

	CHECK_INT(decode(md13u_resp, 13, &md, buf, &blen, &boff), 0,
		  "metadata v13 unknown topic decodes");
	CHECK(md.n_topics == 1 &&
		      md.topics[0].error_code ==
			      KT_KERR_UNKNOWN_TOPIC_OR_PARTITION &&
		      strcmp(md.topics[0].name, "kt-no-such-topic-net") == 0 &&
		      md.topics[0].n_partitions == 0 && md.error_code == 0,
	      "metadata v13: UNKNOWN_TOPIC_OR_PARTITION for the topic");
	kt_metadata_release(&md);

	/* wrong version for the bytes: a clean error, no crash */
	decode(md13_resp, 13, &md, buf, &blen, &boff);
	kt_metadata_release(&md);
	CHECK(kt_metadata_resp_decode(buf + boff, blen, 3, &md, NULL) < 0,
	      "metadata v13 bytes read as v3 fail");
	kt_metadata_release(&md);
	CHECK(kt_metadata_resp_decode(buf + boff, blen, 14, &md, NULL) ==
		      -KT_EINVAL,
	      "metadata v14 is refused");
	kt_metadata_release(&md);
}

void test_metadata(void)
{
	test_request();
	test_golden();
}
