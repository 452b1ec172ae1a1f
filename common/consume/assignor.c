/*
 * consume/assignor.c - range, round robin and (cooperative) sticky assignment
 * for the classic group protocol (Java consumer assignors, KIP-429, KIP-341).
 */
#include "consume/assignor.h"

#include <strings.h>

static const struct {
	const char *name;
	const char *cls;
	enum kt_assignor_kind kind;
} assignors[] = {
	{"range", "org.apache.kafka.clients.consumer.RangeAssignor",
	 KT_ASSIGNOR_RANGE},
	{"roundrobin", "org.apache.kafka.clients.consumer.RoundRobinAssignor",
	 KT_ASSIGNOR_ROUNDROBIN},
	{"sticky", "org.apache.kafka.clients.consumer.StickyAssignor",
	 KT_ASSIGNOR_STICKY},
	{"cooperative-sticky",
	 "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
	 KT_ASSIGNOR_COOPERATIVE_STICKY},
};

#define N_ASSIGNORS (sizeof(assignors) / sizeof(assignors[0]))

const char *kt_assignor_name(enum kt_assignor_kind k)
{
	size_t i;

	for (i = 0; i < N_ASSIGNORS; i++)
		if (assignors[i].kind == k)
			return assignors[i].name;
	return "unknown";
}

int kt_assignor_lookup(const char *name, enum kt_assignor_kind *k)
{
	size_t i;

	for (i = 0; i < N_ASSIGNORS; i++)
		if (strcmp(name, assignors[i].name) == 0 ||
		    strcmp(name, assignors[i].cls) == 0) {
			*k = assignors[i].kind;
			return 0;
		}
	return -KT_ENOTFOUND;
}

bool kt_assignor_cooperative(enum kt_assignor_kind k)
{
	return k == KT_ASSIGNOR_COOPERATIVE_STICKY;
}

/* Java's MemberInfo.compareTo. */
static int member_cmp(const struct kt_asg_member *a,
		      const struct kt_asg_member *b)
{
	if (a->instance_id && b->instance_id)
		return strcmp(a->instance_id, b->instance_id);
	if (a->instance_id)
		return -1;
	if (b->instance_id)
		return 1;
	return strcmp(a->member_id, b->member_id);
}

static bool subscribed(const struct kt_asg_member *m, const char *topic)
{
	size_t i;

	for (i = 0; i < m->n_topics; i++)
		if (strcmp(m->topics[i], topic) == 0)
			return true;
	return false;
}

static int tp_cmp(const void *a, const void *b)
{
	const struct kt_asg_tp *x = a, *y = b;
	int c = strcmp(x->topic, y->topic);

	if (c)
		return c;
	return x->partition < y->partition ? -1 : x->partition > y->partition;
}

static int add(struct kt_asg_member *m, size_t *cap, const char *topic,
	       int32_t partition)
{
	if (m->n_assigned == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct kt_asg_tp *n = realloc(m->assigned, nc * sizeof(*n));

		if (!n)
			return -KT_ENOMEM;
		m->assigned = n;
		*cap = nc;
	}
	m->assigned[m->n_assigned].topic = topic;
	m->assigned[m->n_assigned].partition = partition;
	m->n_assigned++;
	return 0;
}

void kt_asg_result_free(struct kt_asg_member *members, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(members[i].assigned);
		members[i].assigned = NULL;
		members[i].n_assigned = 0;
	}
}

/* Sort member indexes in Java's member order. */
static void order_members(const struct kt_asg_member *m, size_t n, size_t *ord)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		ord[i] = i;
	for (i = 1; i < n; i++) /* insertion sort: groups are small */
		for (j = i; j > 0 && member_cmp(&m[ord[j - 1]], &m[ord[j]]) > 0;
		     j--) {
			size_t t = ord[j];

			ord[j] = ord[j - 1];
			ord[j - 1] = t;
		}
}

static int range(const struct kt_asg_topic *topics, size_t nt,
		 struct kt_asg_member *m, size_t nm, const size_t *ord,
		 size_t *caps)
{
	size_t t, i, *sub = malloc((nm ? nm : 1) * sizeof(*sub));

	if (!sub)
		return -KT_ENOMEM;
	for (t = 0; t < nt; t++) {
		size_t ns = 0;
		int32_t per, extra, p;

		for (i = 0; i < nm; i++)
			if (subscribed(&m[ord[i]], topics[t].name))
				sub[ns++] = ord[i];
		if (!ns || topics[t].partitions <= 0)
			continue;
		per = topics[t].partitions / (int32_t)ns;
		extra = topics[t].partitions % (int32_t)ns;
		for (i = 0; i < ns; i++) {
			int32_t k = (int32_t)i;
			int32_t start = per * k + (k < extra ? k : extra);
			int32_t len = per + (k + 1 > extra ? 0 : 1);

			for (p = start; p < start + len; p++)
				if (add(&m[sub[i]], &caps[sub[i]],
					topics[t].name, p)) {
					free(sub);
					return -KT_ENOMEM;
				}
		}
	}
	free(sub);
	return 0;
}

/* Every partition of every topic, sorted by topic then partition. */
static struct kt_asg_tp *all_parts(const struct kt_asg_topic *topics, size_t nt,
				   size_t *n)
{
	size_t t, k = 0, total = 0;
	struct kt_asg_tp *v;
	int32_t p;

	for (t = 0; t < nt; t++)
		if (topics[t].partitions > 0)
			total += (size_t)topics[t].partitions;
	v = malloc((total ? total : 1) * sizeof(*v));
	if (!v)
		return NULL;
	for (t = 0; t < nt; t++)
		for (p = 0; p < topics[t].partitions; p++) {
			v[k].topic = topics[t].name;
			v[k].partition = p;
			k++;
		}
	qsort(v, k, sizeof(*v), tp_cmp);
	*n = k;
	return v;
}

static int roundrobin(const struct kt_asg_topic *topics, size_t nt,
		      struct kt_asg_member *m, size_t nm, const size_t *ord,
		      size_t *caps)
{
	struct kt_asg_tp *v;
	size_t n, i, cur = 0;

	v = all_parts(topics, nt, &n);
	if (!v)
		return -KT_ENOMEM;
	for (i = 0; i < n && nm; i++) {
		size_t tries;

		for (tries = 0; tries < nm; tries++) {
			size_t mi = ord[(cur + tries) % nm];

			if (subscribed(&m[mi], v[i].topic)) {
				if (add(&m[mi], &caps[mi], v[i].topic,
					v[i].partition)) {
					free(v);
					return -KT_ENOMEM;
				}
				cur = (cur + tries + 1) % nm;
				break;
			}
		}
	}
	free(v);
	return 0;
}

/* The member (index) that validly owned tp before, or -1: it must still
 * subscribe to the topic, and among several claims the newest generation
 * wins (equal generations: nobody). */
static long prev_owner(const struct kt_asg_member *m, size_t nm,
		       const struct kt_asg_tp *tp)
{
	long best = -1;
	int32_t gen = INT32_MIN;
	bool tie = false;
	size_t i, j;

	for (i = 0; i < nm; i++) {
		if (!subscribed(&m[i], tp->topic))
			continue;
		for (j = 0; j < m[i].n_owned; j++) {
			if (m[i].owned[j].partition != tp->partition ||
			    strcmp(m[i].owned[j].topic, tp->topic) != 0)
				continue;
			if (best < 0 || m[i].generation > gen) {
				best = (long)i;
				gen = m[i].generation;
				tie = false;
			} else if (m[i].generation == gen) {
				tie = true;
			}
		}
	}
	return tie ? -1 : best;
}

static int sticky(const struct kt_asg_topic *topics, size_t nt,
		  struct kt_asg_member *m, size_t nm, const size_t *ord,
		  size_t *caps, bool cooperative)
{
	struct kt_asg_tp *v;
	long *owner = NULL, *given = NULL;
	size_t n, i, k, min_q, extra;
	int r = -KT_ENOMEM;

	v = all_parts(topics, nt, &n);
	if (!v)
		return -KT_ENOMEM;
	owner = malloc((n ? n : 1) * sizeof(*owner));
	given = malloc((n ? n : 1) * sizeof(*given));
	if (!owner || !given || !nm)
		goto out;
	for (i = 0; i < n; i++) {
		owner[i] = prev_owner(m, nm, &v[i]);
		given[i] = -1;
	}
	min_q = n / nm;
	extra = n % nm; /* members allowed min_q + 1 */
	/* keep: at most min_q owned partitions each, then one more for as
	 * many members as extra allows, in member order */
	for (k = 0; k < 2; k++) {
		size_t oi;

		for (oi = 0; oi < nm; oi++) {
			size_t mi = ord[oi], have = 0, limit;

			for (i = 0; i < n; i++)
				have += given[i] == (long)mi;
			limit = k == 0 ? min_q : min_q + 1;
			if (k == 1 && (have != min_q || !extra))
				continue;
			for (i = 0; i < n && have < limit; i++)
				if (owner[i] == (long)mi && given[i] < 0) {
					given[i] = (long)mi;
					have++;
				}
			if (k == 1 && have == min_q + 1)
				extra--;
		}
	}
	/* the rest: the least loaded subscribed member, in member order */
	for (i = 0; i < n; i++) {
		long best = -1;
		size_t best_n = 0, oi, j;

		if (given[i] >= 0)
			continue;
		for (oi = 0; oi < nm; oi++) {
			size_t mi = ord[oi], have = 0;

			if (!subscribed(&m[mi], v[i].topic))
				continue;
			for (j = 0; j < n; j++)
				have += given[j] == (long)mi;
			if (best < 0 || have < best_n) {
				best = (long)mi;
				best_n = have;
			}
		}
		given[i] = best;
	}
	for (i = 0; i < n; i++) {
		if (given[i] < 0)
			continue;
		/* KIP-429: a partition moving between members is revoked by
		 * its owner first, and assigned in the next rebalance */
		if (cooperative && owner[i] >= 0 && owner[i] != given[i])
			continue;
		if (add(&m[given[i]], &caps[given[i]], v[i].topic,
			v[i].partition))
			goto out;
	}
	r = 0;
out:
	free(v);
	free(owner);
	free(given);
	return r;
}

int kt_assign(enum kt_assignor_kind k, const struct kt_asg_topic *topics,
	      size_t n_topics, struct kt_asg_member *members, size_t n_members,
	      struct kt_err *err)
{
	size_t *ord, *caps, i;
	int r;

	for (i = 0; i < n_members; i++) {
		members[i].assigned = NULL;
		members[i].n_assigned = 0;
	}
	ord = malloc((n_members ? n_members : 1) * sizeof(*ord));
	caps = calloc(n_members ? n_members : 1, sizeof(*caps));
	if (!ord || !caps) {
		free(ord);
		free(caps);
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	}
	order_members(members, n_members, ord);
	switch (k) {
	case KT_ASSIGNOR_RANGE:
		r = range(topics, n_topics, members, n_members, ord, caps);
		break;
	case KT_ASSIGNOR_ROUNDROBIN:
		r = roundrobin(topics, n_topics, members, n_members, ord, caps);
		break;
	default:
		r = sticky(topics, n_topics, members, n_members, ord, caps,
			   k == KT_ASSIGNOR_COOPERATIVE_STICKY);
		break;
	}
	free(ord);
	free(caps);
	if (r < 0) {
		kt_asg_result_free(members, n_members);
		return kt_err_set(err, -r, "out of memory");
	}
	for (i = 0; i < n_members; i++)
		if (members[i].n_assigned > 1)
			qsort(members[i].assigned, members[i].n_assigned,
			      sizeof(*members[i].assigned), tp_cmp);
	return 0;
}
