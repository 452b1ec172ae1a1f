/*
 * java/jorder.c - Java HashMap iteration order (tools.md Appendix B).
 */
#include "java/jorder.h"
#include "java/jstring.h"

#include "base/err.h"

static size_t pow2_at_least(size_t n)
{
	size_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/* Grow as HashMap.putVal does: resize when size exceeds 0.75 * capacity. */
static size_t grow_for(size_t cap, size_t n)
{
	while (n > cap / 4 * 3 + (cap % 4) * 3 / 4)
		cap <<= 1;
	return cap;
}

size_t kt_java_hashmap_cap(size_t n)
{
	return grow_for(pow2_at_least(n), n);
}

size_t kt_java_hashmap_default_cap(size_t n)
{
	return grow_for(16, n);
}

size_t kt_java_hashmap_copy_cap(size_t n)
{
	/* HashMap.putMapEntries: (int)((float)n / 0.75f + 1.0f) */
	float ft = (float)n / 0.75f + 1.0f;

	return grow_for(pow2_at_least((size_t)ft), n);
}

static uint32_t bucket(const char *k, size_t cap)
{
	uint32_t h = (uint32_t)kt_java_string_hash(k, strlen(k));

	return (h ^ (h >> 16)) & (uint32_t)(cap - 1);
}

struct keyed {
	const char *key;
	uint32_t bucket;
	size_t pos;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

int kt_java_hashmap_order(const char **keys, size_t n, size_t cap)
{
	struct keyed *v;
	size_t i;

	if (n < 2)
		return 0;
	v = malloc(n * sizeof(*v));
	if (!v)
		return -KT_ENOMEM;
	/* by bucket, insertion order within one: a stable sort, in
	 * n log n (consumer-groups lists thousands of groups) */
	for (i = 0; i < n; i++) {
		v[i].key = keys[i];
		v[i].bucket = bucket(keys[i], cap);
		v[i].pos = i;
	}
	qsort(v, n, sizeof(*v), cmp_keyed);
	for (i = 0; i < n; i++)
		keys[i] = v[i].key;
	free(v);
	return 0;
}

int kt_java_topics_describe_order(const char **keys, size_t n)
{
	int rc;

	rc = kt_java_hashmap_order(keys, n, kt_java_hashmap_cap(n));
	if (!rc)
		rc = kt_java_hashmap_order(keys, n,
					   kt_java_hashmap_copy_cap(n));
	if (!rc)
		rc = kt_java_hashmap_order(keys, n, kt_java_hashmap_cap(n));
	return rc;
}
