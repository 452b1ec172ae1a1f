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

int kt_java_hashmap_order(const char **keys, size_t n, size_t cap)
{
	uint32_t *b;
	size_t i, j;

	if (n < 2)
		return 0;
	b = malloc(n * sizeof(*b));
	if (!b)
		return -KT_ENOMEM;
	for (i = 0; i < n; i++)
		b[i] = bucket(keys[i], cap);
	/* insertion sort: stable, and describe lists are small */
	for (i = 1; i < n; i++) {
		const char *k = keys[i];
		uint32_t kb = b[i];

		for (j = i; j > 0 && b[j - 1] > kb; j--) {
			keys[j] = keys[j - 1];
			b[j] = b[j - 1];
		}
		keys[j] = k;
		b[j] = kb;
	}
	free(b);
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
