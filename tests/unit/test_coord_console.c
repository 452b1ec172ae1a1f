/*
 * test_coord_console.c - the console consumer's coordinator formatters on
 * __consumer_offsets records captured from Kafka 4.3.1, against the text
 * Apache's OffsetsMessageFormatter / GroupMetadataMessageFormatter printed
 * for the same records; record types they skip; every truncation of the
 * value fails cleanly.
 */
#include "unit.h"

#include "format/coord_console.h"

#include <stdio.h>
#include <stdlib.h>

void test_coord_console(void);

static const char commit_key[] =
	"0001000d6b742d646174612d67392d613100126b742d646174612d626f64792d3134"
	"30343000000000";
static const char commit_value[] =
	"00040000000000000003ffffffff01000001a1fcb524e0010010932cc1e8dc0c49dc"
	"913931e3e75ff198";
static const char commit_text[] =
	"{\"key\":{\"type\":1,\"data\":{\"group\":\"kt-data-g9-a1\",\"topic\":"
	"\"kt-data-body-14040\",\"partition\":0}},\"value\":{\"version\":4,"
	"\"data\":{\"offset\":3,\"leaderEpoch\":-1,\"metadata\":\"\","
	"\"commitTimestamp\":1795241092320,\"topicId\":"
	"\"kyzB6NwMSdyROTHj51_xmA\"}}}";

static const char group_key[] = "0002000d6b742d646174612d67392d6131";
static const char group_value[] =
	"0003000000000000ffffffff000001a1fcb5248500000000";
static const char group_text[] =
	"{\"key\":{\"type\":2,\"data\":{\"group\":\"kt-data-g9-a1\"}},"
	"\"value\":{\"version\":3,\"data\":{\"protocolType\":\"\","
	"\"generation\":0,\"protocol\":null,\"leader\":null,"
	"\"currentStateTimestamp\":1795241092229,\"members\":[]}}}";

/* a KIP-848 ConsumerGroupMetadataKey (type 3): neither formatter prints */
static const char type3_key[] = "0003000d6b7461646d31323638382d6732";

static int fmt(enum kt_coord_console k, const uint8_t *key, size_t klen,
	       const uint8_t *val, size_t vlen, struct kt_buf *out,
	       struct kt_err *err)
{
	struct kt_bytes kb = {key, klen}, vb = {val, vlen};

	kt_buf_reset(out);
	return kt_coord_console_format(k, kb, vb, 7, out, err);
}

void test_coord_console(void)
{
	uint8_t k[128], v[128];
	size_t kl, vl, i;
	struct kt_buf out;
	struct kt_err err;
	int fails = 0;

	kt_buf_init(&out, 0);
	kl = kt_unit_hex(commit_key, k, sizeof(k));
	vl = kt_unit_hex(commit_value, v, sizeof(v));
	CHECK_INT(fmt(KT_COORD_CONSOLE_OFFSETS, k, kl, v, vl, &out, &err), 0,
		  "offset commit record");
	CHECK_BYTES(out.p, out.len, commit_text, strlen(commit_text),
		    "offset commit: Apache's text");
	CHECK_INT(fmt(KT_COORD_CONSOLE_GROUP, k, kl, v, vl, &out, &err), 0,
		  "group formatter skips an offset commit");
	CHECK_INT(out.len, 0, "group formatter: nothing printed");
	CHECK_INT(fmt(KT_COORD_CONSOLE_OFFSETS, k, kl, NULL, 0, &out, &err), 0,
		  "tombstone");
	CHECK(out.len > 12 &&
		      memcmp(out.p + out.len - 13, "\"value\":null}", 13) == 0,
	      "tombstone: value null");
	for (i = 0; i < vl; i++) {
		kt_err_clear(&err);
		if (fmt(KT_COORD_CONSOLE_OFFSETS, k, kl, v, i, &out, &err) >=
			    0 ||
		    out.len != 0 ||
		    strncmp(err.msg,
			    "java.lang.RuntimeException: Could not read record "
			    "at offset 7 due to: ",
			    70) != 0)
			fails++;
	}
	CHECK_INT(fails, 0, "every truncation of the value fails cleanly");
	fails = 0;
	for (i = 2; i < kl; i++)
		if (fmt(KT_COORD_CONSOLE_OFFSETS, k, i, v, vl, &out, &err) >=
			    0 ||
		    out.len != 0)
			fails++;
	CHECK_INT(fails, 0, "every truncation of the key fails cleanly");

	kl = kt_unit_hex(group_key, k, sizeof(k));
	vl = kt_unit_hex(group_value, v, sizeof(v));
	CHECK_INT(fmt(KT_COORD_CONSOLE_GROUP, k, kl, v, vl, &out, &err), 0,
		  "group metadata record");
	CHECK_BYTES(out.p, out.len, group_text, strlen(group_text),
		    "group metadata: Apache's text");
	CHECK_INT(fmt(KT_COORD_CONSOLE_OFFSETS, k, kl, v, vl, &out, &err), 0,
		  "offsets formatter skips group metadata");
	CHECK_INT(out.len, 0, "offsets formatter: nothing printed");

	kl = kt_unit_hex(type3_key, k, sizeof(k));
	CHECK_INT(fmt(KT_COORD_CONSOLE_GROUP, k, kl, v, vl, &out, &err), 0,
		  "KIP-848 record type");
	CHECK_INT(out.len, 0, "KIP-848 record type: nothing printed");
	CHECK_INT(fmt(KT_COORD_CONSOLE_GROUP, NULL, 0, v, vl, &out, &err), 0,
		  "null key");
	CHECK_INT(out.len, 0, "null key: nothing printed");
	kt_buf_release(&out);
}
