/*
 * test_assignor.c - the classic-protocol assignors: Java's RangeAssignor
 * and RoundRobinAssignor layouts (cases of RangeAssignorTest and
 * RoundRobinAssignorTest), member order with static members, and the
 * sticky / cooperative-sticky rules: owned partitions kept within quota,
 * balance, and KIP-429's "never hand over a partition still owned".
 */
#include "unit.h"

#include "consume/assignor.h"

#include <stdio.h>
#include <stdlib.h>

void test_assignor(void);

/* "t0-0 t0-1 t1-0" of one member */
static void show(const struct kt_asg_member *m, char *out, size_t cap)
{
	size_t i, k = 0;

	out[0] = 0;
	for (i = 0; i < m->n_assigned && k + 1 < cap; i++)
		k += (size_t)snprintf(out + k, cap - k, "%s%s-%d", i ? " " : "",
				      m->assigned[i].topic,
				      m->assigned[i].partition);
}

/* m is member id, subscribed to topics[0..n) */
static void subscribe(struct kt_asg_member *m, const char *id,
		      const char *const *topics, size_t n)
{
	m->member_id = id;
	m->topics = topics;
	m->n_topics = n;
}

static const char *const t01[] = {"t0", "t1"};
static const char *const t0[] = {"t0"};

static void test_range(void)
{
	struct kt_asg_topic topics[] = {{"t0", 3}, {"t1", 3}};
	struct kt_asg_member m[2];
	char s[256];

	memset(m, 0, sizeof(m));
	/* given in reverse: Java sorts members by id */
	subscribe(&m[0], "consumer2", t01, 2);
	subscribe(&m[1], "consumer1", t01, 2);
	CHECK_INT(kt_assign(KT_ASSIGNOR_RANGE, topics, 2, m, 2, NULL), 0,
		  "range: two members, two topics of 3");
	show(&m[1], s, sizeof(s));
	CHECK_STR(s, "t0-0 t0-1 t1-0 t1-1",
		  "range: first member gets the extra");
	show(&m[0], s, sizeof(s));
	CHECK_STR(s, "t0-2 t1-2", "range: second member");
	kt_asg_result_free(m, 2);

	/* a static member sorts before dynamic ones */
	m[0].member_id = "a";
	m[1].member_id = "z";
	m[1].instance_id = "static";
	CHECK_INT(kt_assign(KT_ASSIGNOR_RANGE, topics, 1, m, 2, NULL), 0,
		  "range: static member");
	show(&m[1], s, sizeof(s));
	CHECK_STR(s, "t0-0 t0-1", "range: static member first");
	kt_asg_result_free(m, 2);

	/* only subscribers of a topic share it */
	m[1].instance_id = NULL;
	m[1].topics = t0;
	m[1].n_topics = 1;
	CHECK_INT(kt_assign(KT_ASSIGNOR_RANGE, topics, 2, m, 2, NULL), 0,
		  "range: different subscriptions");
	show(&m[0], s, sizeof(s));
	CHECK_STR(s, "t0-0 t0-1 t1-0 t1-1 t1-2",
		  "range: t1 all to its subscriber");
	kt_asg_result_free(m, 2);
}

static void test_roundrobin(void)
{
	struct kt_asg_topic topics[] = {{"t1", 2}, {"t0", 3}};
	struct kt_asg_member m[2];
	char s[256];

	memset(m, 0, sizeof(m));
	subscribe(&m[0], "c1", t01, 2);
	subscribe(&m[1], "c2", t01, 2);
	CHECK_INT(kt_assign(KT_ASSIGNOR_ROUNDROBIN, topics, 2, m, 2, NULL), 0,
		  "roundrobin");
	show(&m[0], s, sizeof(s));
	CHECK_STR(s, "t0-0 t0-2 t1-1", "roundrobin: c1");
	show(&m[1], s, sizeof(s));
	CHECK_STR(s, "t0-1 t1-0", "roundrobin: c2");
	kt_asg_result_free(m, 2);
}

static void test_sticky(void)
{
	struct kt_asg_topic topics[] = {{"t0", 4}};
	struct kt_asg_tp owned_a[] = {
		{"t0", 0}, {"t0", 1}, {"t0", 2}, {"t0", 3}};
	struct kt_asg_member m[2];
	char s[256];

	/* a owned everything; b joins: a keeps 2 of its own, b gets 2 */
	memset(m, 0, sizeof(m));
	subscribe(&m[0], "b", t0, 1);
	m[0].generation = -1;
	subscribe(&m[1], "a", t0, 1);
	m[1].owned = owned_a;
	m[1].n_owned = 4;
	m[1].generation = 5;
	CHECK_INT(kt_assign(KT_ASSIGNOR_STICKY, topics, 1, m, 2, NULL), 0,
		  "sticky: a new member");
	show(&m[1], s, sizeof(s));
	CHECK_STR(s, "t0-0 t0-1", "sticky: the owner keeps its quota");
	show(&m[0], s, sizeof(s));
	CHECK_STR(s, "t0-2 t0-3", "sticky: the newcomer gets the rest");
	kt_asg_result_free(m, 2);

	/* cooperative: what moves is withheld this round */
	CHECK_INT(kt_assign(KT_ASSIGNOR_COOPERATIVE_STICKY, topics, 1, m, 2,
			    NULL),
		  0, "cooperative: a new member");
	show(&m[1], s, sizeof(s));
	CHECK_STR(s, "t0-0 t0-1", "cooperative: the owner keeps its quota");
	CHECK_INT(m[0].n_assigned, 0,
		  "cooperative: nothing the owner still holds is handed over");
	kt_asg_result_free(m, 2);

	/* the follow-up round: a revoked 2 and 3 */
	m[1].n_owned = 2;
	CHECK_INT(kt_assign(KT_ASSIGNOR_COOPERATIVE_STICKY, topics, 1, m, 2,
			    NULL),
		  0, "cooperative: follow-up");
	show(&m[0], s, sizeof(s));
	CHECK_STR(s, "t0-2 t0-3", "cooperative: freed partitions assigned");
	kt_asg_result_free(m, 2);

	/* 5 partitions over 2: balanced 3/2, the larger owner keeps 3 */
	topics[0].partitions = 5;
	m[1].n_owned = 4;
	CHECK_INT(kt_assign(KT_ASSIGNOR_STICKY, topics, 1, m, 2, NULL), 0,
		  "sticky: uneven");
	CHECK_INT(m[1].n_assigned, 3, "sticky: owner keeps min + 1");
	CHECK_INT(m[0].n_assigned, 2, "sticky: newcomer gets 2");
	kt_asg_result_free(m, 2);
}

static void test_lookup(void)
{
	enum kt_assignor_kind k;

	CHECK_INT(
		kt_assignor_lookup(
			"org.apache.kafka.clients.consumer.RangeAssignor", &k),
		0, "lookup: Java class name");
	CHECK_INT(k, KT_ASSIGNOR_RANGE, "lookup: range");
	CHECK_INT(kt_assignor_lookup("cooperative-sticky", &k), 0,
		  "lookup: protocol name");
	CHECK(kt_assignor_cooperative(k), "cooperative-sticky is cooperative");
	CHECK(!kt_assignor_cooperative(KT_ASSIGNOR_STICKY), "sticky is eager");
	CHECK_INT(kt_assignor_lookup("com.example.Mine", &k), -KT_ENOTFOUND,
		  "lookup: unknown");
}

void test_assignor(void)
{
	test_range();
	test_roundrobin();
	test_sticky();
	test_lookup();
}
