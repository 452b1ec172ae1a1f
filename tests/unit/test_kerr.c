/*
 * test_kerr.c - the Kafka error code table: known codes against the Java
 * client's Errors, unknown codes, and table shape.
 */
#include "unit.h"

#include "wire/kerr.h"

void test_kerr(void);

void test_kerr(void)
{
	int c, bad = 0;

	CHECK_STR(kt_kerr_name(3), "UNKNOWN_TOPIC_OR_PARTITION", "name 3");
	CHECK_STR(kt_kerr_message(3),
		  "This server does not host this topic-partition.",
		  "message 3");
	CHECK(kt_kerr_retriable(3), "3 is retriable");
	CHECK_STR(kt_kerr_name(35), "UNSUPPORTED_VERSION", "name 35");
	CHECK_STR(kt_kerr_message(36), "Topic with this name already exists.",
		  "message 36");
	CHECK(!kt_kerr_retriable(36), "36 is not retriable");
	CHECK_STR(kt_kerr_name(-1), "UNKNOWN_SERVER_ERROR", "name -1");
	CHECK_STR(kt_kerr_name(0), "NONE", "name 0");
	CHECK_STR(kt_kerr_name(6), "NOT_LEADER_OR_FOLLOWER", "name 6");
	CHECK(kt_kerr_retriable(6) && kt_kerr_retriable(100) &&
		      kt_kerr_retriable(133),
	      "6, 100, 133 retriable");
	CHECK_STR(kt_kerr_name(133), "SHARE_SESSION_LIMIT_REACHED", "name 133");
	CHECK_STR(kt_kerr_name(134), "UNKNOWN_ERROR_CODE", "unknown 134");
	CHECK_STR(kt_kerr_name(-2), "UNKNOWN_ERROR_CODE", "unknown -2");
	CHECK_STR(kt_kerr_message(-2), kt_kerr_message(-1),
		  "unknown code has the UNKNOWN_SERVER_ERROR message");
	CHECK(!kt_kerr_retriable(999) && kt_kerr_lookup(999) == NULL,
	      "unknown code: not retriable, no row");
	for (c = -1; c <= KT_KERR_MAX; c++) {
		const struct kt_kerr_info *e = kt_kerr_lookup((int16_t)c);

		if (!e || e->code != c || !e->name[0] || !e->message[0])
			bad++;
	}
	CHECK_INT(bad, 0, "every code -1..%d has a row", KT_KERR_MAX);
	{
		char b[128];

		CHECK_STR(kt_kerr_java_class(36, b, sizeof(b)),
			  "org.apache.kafka.common.errors.TopicExistsException",
			  "java class of 36");
		CHECK_STR(kt_kerr_java_class(37, b, sizeof(b)),
			  "org.apache.kafka.common.errors."
			  "InvalidPartitionsException",
			  "java class of 37");
		CHECK_STR(kt_kerr_java_class(87, b, sizeof(b)),
			  "org.apache.kafka.common.InvalidRecordException",
			  "java class of 87 keeps its package");
		CHECK_STR(
			kt_kerr_java_class(999, b, sizeof(b)),
			"org.apache.kafka.common.errors.UnknownServerException",
			"unknown code: UnknownServerException");
		CHECK(kt_kerr_java_class(0, b, sizeof(b)) == NULL,
		      "NONE has no class");
	}
}
