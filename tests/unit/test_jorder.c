/*
 * test_jorder.c - Java HashMap order as kafka-topics --describe prints it.
 *
 * The golden order was observed on Apache Kafka 4.3.1: 30 topics created
 * with random names, then `kafka-topics --describe --topic 'ho-.*'`.
 */
#include "unit.h"

#include "java/jorder.h"
#include "java/jstring.h"

void test_jorder(void);

static const char *sorted_names[] = {
	"ho-10825-t29", "ho-11949-t20", "ho-12191-t5",	"ho-12464-t2",
	"ho-13357-t12", "ho-15098-t26", "ho-15109-t13", "ho-15140-t16",
	"ho-16144-t27", "ho-17011-t25", "ho-183-t3",	"ho-19540-t24",
	"ho-20725-t22", "ho-21114-t10", "ho-22057-t17", "ho-22111-t14",
	"ho-23944-t6",	"ho-24005-t9",	"ho-24564-t4",	"ho-27099-t30",
	"ho-27518-t21", "ho-28157-t19", "ho-28175-t11", "ho-29485-t15",
	"ho-6768-t18",	"ho-7661-t23",	"ho-7668-t8",	"ho-7726-t1",
	"ho-8874-t7",	"ho-9851-t28",
};

static const char *apache_order[] = {
	"ho-20725-t22", "ho-7726-t1",	"ho-28175-t11", "ho-16144-t27",
	"ho-12464-t2",	"ho-17011-t25", "ho-23944-t6",	"ho-24005-t9",
	"ho-27099-t30", "ho-8874-t7",	"ho-11949-t20", "ho-22057-t17",
	"ho-22111-t14", "ho-6768-t18",	"ho-10825-t29", "ho-12191-t5",
	"ho-29485-t15", "ho-15098-t26", "ho-21114-t10", "ho-28157-t19",
	"ho-13357-t12", "ho-24564-t4",	"ho-7668-t8",	"ho-7661-t23",
	"ho-9851-t28",	"ho-15109-t13", "ho-15140-t16", "ho-183-t3",
	"ho-19540-t24", "ho-27518-t21",
};

void test_jorder(void)
{
	const char *k[30];
	size_t i, n = sizeof(sorted_names) / sizeof(sorted_names[0]);
	int same = 1;

	CHECK_INT(kt_java_string_hash("", 0), 0, "hash of empty string");
	CHECK_INT(kt_java_string_hash("hello", 5), 99162322, "hash of hello");
	CHECK_INT(kt_java_string_hash("\xc3\xa9", 2), 233,
		  "hash of U+00E9 is its UTF-16 unit");
	CHECK_INT(kt_java_string_hash("\xf0\x9f\x98\x80", 4),
		  31 * 0xd83d + 0xde00,
		  "supplementary char hashes as a surrogate pair");
	CHECK_INT(kt_java_string_hash("polygenelubricants", 18),
		  (int32_t)0x80000000, "hash wraps like Java int");
	CHECK_INT(kt_java_hashmap_cap(3), 4, "capacity for 3");
	CHECK_INT(kt_java_hashmap_cap(4), 8,
		  "capacity for 4 (resize past 0.75)");
	CHECK_INT(kt_java_hashmap_cap(12), 16, "capacity for 12");
	CHECK_INT(kt_java_hashmap_cap(13), 32, "capacity for 13");
	CHECK_INT(kt_java_hashmap_copy_cap(12), 32, "copy capacity for 12");
	CHECK_INT(kt_java_hashmap_copy_cap(30), 64, "copy capacity for 30");

	for (i = 0; i < n; i++)
		k[i] = sorted_names[i];
	CHECK_INT(kt_java_topics_describe_order(k, n), 0, "order computed");
	for (i = 0; i < n; i++)
		if (strcmp(k[i], apache_order[i]) != 0)
			same = 0;
	CHECK(same, "30 topics come out in Apache 4.3.1's describe order");
}
