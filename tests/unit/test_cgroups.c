/*
 * test_cgroups.c - the pure pieces of kafka-consumer-groups: --topic
 * arguments, --to-datetime and --by-duration parsing (as SimpleDateFormat
 * and java.time.Duration.parse accept them), the RE2 syntax check of
 * --validate-regex, Java HashMap order of group names, and the tables'
 * widths and CSV quoting (expectations from Apache 4.3.1's output).
 */
#include "unit.h"

#include "admin/groups_reset.h"
#include "format/groups.h"
#include "java/jre2.h"

#include <stdlib.h>
#include <string.h>

void test_cgroups(void);

static void topic_args(void)
{
	static const char *const ok[] = {"t", "t:0,2", "a.b:1"};
	static const char *const bad3[] = {"a:b:c"};
	static const char *const badp[] = {"t:x"};
	static const char *const badempty[] = {"t:"};
	struct kt_cg_topic_arg *v = NULL;
	struct kt_err err = {0};

	CHECK_INT(kt_cg_parse_topic_args(ok, 3, &v, &err), 0, "topic args parse");
	CHECK(v[0].all && !v[0].n_parts, "'t' is every partition");
	CHECK_STR(v[1].topic, "t", "'t:0,2' topic");
	CHECK(v[1].n_parts == 2 && v[1].parts[0] == 0 && v[1].parts[1] == 2,
	      "'t:0,2' partitions");
	CHECK_STR(v[2].topic, "a.b", "a dotted topic");
	kt_cg_topic_args_free(v, 3);
	CHECK_INT(kt_cg_parse_topic_args(bad3, 1, &v, &err), -KT_EINVAL,
		  "two colons refused");
	CHECK_STR(err.msg,
		  "Invalid topic arg 'a:b:c', expected topic name and "
		  "partitions",
		  "two colons: Apache's message");
	CHECK_INT(kt_cg_parse_topic_args(badp, 1, &v, &err), -KT_EINVAL,
		  "a partition that is not a number refused");
	CHECK_STR(err.msg, "Invalid partition 'x' specified in topic arg 't:x''",
		  "bad partition: Apache's message, two quotes and all");
	CHECK_INT(kt_cg_parse_topic_args(badempty, 1, &v, &err), -KT_EINVAL,
		  "an empty partition list refused");
}

static void datetimes(void)
{
	static const struct {
		const char *s;
		long long ms; /* -1: refused */
	} rows[] = {
		{"1970-01-01T00:00:00.000", 0},
		{"1970-01-01T00:00:00.000Z", 0},
		{"2026-12-07T09:30:15.250", 1796635815250LL},
		{"2026-12-07T10:30:15.250+01:00", 1796635815250LL},
		{"2026-12-07T10:30:15.250+0100", 1796635815250LL},
		{"2026-12-07T04:30:15.250-05", 1796635815250LL},
		{"2024-02-29T00:00:00.000", 1709164800000LL},
		{"2023-02-29T00:00:00.000", -1}, /* not a leap year */
		{"2026-12-07T09:30:15", -1},	 /* milliseconds required */
		{"2026-12-07 09:30:15.250", -1},
		{"2026-13-01T00:00:00.000", -1},
		{"2026-12-07T24:00:00.000", -1},
		{"2026-12-07T09:30:15.250+1", -1},
		{"2026-12-07T09:30:15.250UTC", -1},
		{"", -1},
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int64_t ms = -1;
		int r = kt_cg_parse_datetime(rows[i].s, &ms);

		if (rows[i].ms < 0)
			CHECK(r < 0, "datetime '%s' refused", rows[i].s);
		else
			CHECK(r == 0 && ms == rows[i].ms,
			      "datetime '%s' is %lld (got %lld)", rows[i].s,
			      rows[i].ms, (long long)ms);
	}
}

static void durations(void)
{
	static const struct {
		const char *s;
		long long ms;
		int ok;
	} rows[] = {
		{"PT1H", 3600000, 1},
		{"P1D", 86400000, 1},
		{"P1DT2H3M4.5S", 93784500, 1},
		{"PT-1M", -60000, 1},
		{"-PT1M", -60000, 1},
		{"pt10s", 10000, 1},
		{"PT0.001S", 1, 1},
		{"P", 0, 0},
		{"PT", 0, 0},
		{"1H", 0, 0},
		{"PT1S1M", 0, 0}, /* units out of order */
		{"P1W", 0, 0},	  /* weeks are Period's, not Duration's */
		{"PT1.S", 0, 1},
		{"P99999999999999999999D", 0, 0}, /* beyond 64 bits */
		{"P999999999999D", 0, 0},	   /* days * ms overflows */
		{"PT9223372036854775807S", 0, 0},
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int64_t ms = 0;
		int r = kt_cg_parse_duration(rows[i].s, &ms);

		if (!rows[i].ok)
			CHECK(r < 0, "duration '%s' refused", rows[i].s);
		else if (strcmp(rows[i].s, "PT1.S") == 0)
			CHECK(r == 0 && ms == 1000, "duration 'PT1.S' is 1 s");
		else
			CHECK(r == 0 && ms == rows[i].ms,
			      "duration '%s' is %lld ms (got %lld)", rows[i].s,
			      rows[i].ms, (long long)ms);
	}
}

static void re2(void)
{
	static const struct {
		const char *re, *why; /* why NULL: valid */
	} rows[] = {
		{"ok.*", NULL},
		{"orders-[0-9]+", NULL},
		{"(?i)abc", NULL},
		{"(?P<n>x)", NULL},
		{"\\pL+", NULL},
		{"[[:alpha:]]", NULL},
		{"\\Qa.b\\E", NULL},
		{"(?:a|b)+?", NULL},
		{"^$", NULL},
		{"a(b", "missing closing )"},
		{"a)b", "regexp/syntax: internal error"},
		{"[ab", "missing closing ]"},
		{"a**", "invalid nested repetition operator"},
		{"*a", "missing argument to repetition operator"},
		{"(?=x)", "invalid or unsupported Perl syntax"},
		{"\\1", "invalid escape sequence"},
		{"x\\q", "invalid escape sequence"},
		{"a{2,1}", "invalid repeat count"},
		{"a{1001}", "invalid repeat count"},
		{"[z-a]", "invalid character class range"},
		{"a\\", "trailing backslash at end of expression"},
	};
	char why[128];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int r = kt_re2_check(rows[i].re, why, sizeof(why));

		if (!rows[i].why)
			CHECK(r == 0, "re2 '%s' valid", rows[i].re);
		else
			CHECK(r < 0 && strcmp(why, rows[i].why) == 0,
			      "re2 '%s': %s (got '%s')", rows[i].re,
			      rows[i].why, r < 0 ? why : "valid");
	}
}

static void hashmap_order(void)
{
	/* Apache's --list printed g1, g2, g3 for a broker that answered
	 * g3, g2, g1: String hashes 3242..3244, consecutive buckets */
	char a[] = "g3", b[] = "g2", c[] = "g1";
	char *names[] = {a, b, c};
	int16_t codes[] = {3, 2, 1};

	kt_cg_hashmap_order_groups(names, codes, 3);
	CHECK(strcmp(names[0], "g1") == 0 && strcmp(names[1], "g2") == 0 &&
		      strcmp(names[2], "g3") == 0,
	      "groups in HashMap order");
	CHECK(codes[0] == 1 && codes[2] == 3, "codes follow their groups");
}

static void tables(void)
{
	struct kt_cg_reset_row rows[] = {
		{"g1", "t1", 2, 0},
		{"a-group-id-that-is-long-enough", "t1", 0, 100},
	};
	const char *groups[] = {"g1", "a-group-id-that-is-long-enough"};
	const char *one[] = {"a-group-id-of-twenty-one"};
	struct kt_group_desc d;
	struct kt_buf b;

	kt_buf_init(&b, 0);
	kt_cg_reset_csv(rows, 2, true, &b);
	kt_buf_put(&b, "", 1);
	/* Jackson quotes values longer than 24 characters unchecked */
	CHECK_STR((const char *)b.p,
		  "g1,t1,2,0\n\"a-group-id-that-is-long-enough\",t1,0,100\n\n",
		  "reset CSV with groups, quoting as Jackson");
	kt_buf_reset(&b);
	kt_cg_reset_csv(rows, 1, false, &b);
	kt_buf_put(&b, "", 1);
	CHECK_STR((const char *)b.p, "t1,2,0\n\n", "reset CSV of one group");
	kt_buf_reset(&b);
	/* no rows (an active group): GROUP as wide as the group asked */
	kt_cg_reset_text(NULL, 0, one, 1, &b);
	kt_buf_put(&b, "", 1);
	CHECK_STR((const char *)b.p,
		  "\nGROUP                    TOPIC           PARTITION  "
		  "NEW-OFFSET\n",
		  "reset table without rows");
	kt_buf_reset(&b);
	kt_cg_reset_text(rows, 1, groups, 0, &b);
	kt_buf_put(&b, "", 1);
	CHECK_STR((const char *)b.p, "\n", "reset table without groups");
	kt_buf_reset(&b);
	/* members view of a group without members: widths of no rows */
	memset(&d, 0, sizeof(d));
	d.group_id = "a-group-id-longer-than-15";
	d.state = "Empty";
	kt_cg_members_text(&d, false, &b);
	kt_buf_put(&b, "", 1);
	CHECK_STR((const char *)b.p,
		  "\nGROUP           CONSUMER-ID     HOST            CLIENT-ID "
		  "      #PARTITIONS     \n",
		  "members header without members");
	kt_buf_reset(&b);
	d.coordinator_host = "broker1";
	d.coordinator_port = 9092;
	d.coordinator_id = 1;
	d.assignor = "";
	kt_cg_state_text(&d, false, &b);
	kt_buf_put(&b, "", 1);
	CHECK_STR((const char *)b.p,
		  "\nGROUP                     COORDINATOR (ID)          "
		  "ASSIGNMENT-STRATEGY  STATE                #MEMBERS\n"
		  "a-group-id-longer-than-15 broker1:9092  (1)         -  "
		  "                  Empty                0\n",
		  "state view");
	kt_buf_release(&b);
	CHECK_STR(kt_cg_state_name("stable"), "Stable", "state names");
	CHECK_STR(kt_cg_state_name(NULL), "Unknown", "no state");
	CHECK_STR(kt_cg_type_name("consumer"), "Consumer", "type names");
}

void test_cgroups(void)
{
	topic_args();
	datetimes();
	durations();
	re2();
	hashmap_order();
	tables();
}
