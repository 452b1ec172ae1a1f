/*
 * java/jorder.c - Java HashMap iteration order (tools.md Appendix B).
 */
#include "java/jorder.h"

#include "base/err.h"

/* Decode one UTF-8 sequence at s[*i]; invalid input yields U+FFFD and
 * consumes one byte, like Java's replacing decoder for malformed input. */
static uint32_t utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char c = s[*i];
	uint32_t cp;
	size_t need, k;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = c & 0x07;
	} else {
		(*i)++;
		return 0xfffd;
	}
	if (len - *i <= need) {
		(*i)++;
		return 0xfffd;
	}
	for (k = 1; k <= need; k++) {
		if ((s[*i + k] & 0xc0) != 0x80) {
			(*i)++;
			return 0xfffd;
		}
		cp = cp << 6 | (s[*i + k] & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		(*i)++;
		return 0xfffd;
	}
	*i += need + 1;
	return cp;
}

int32_t kt_java_string_hash(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t h = 0;
	size_t i = 0;

	while (i < len) {
		uint32_t cp = utf8_next(u, len, &i);

		if (cp >= 0x10000) {
			cp -= 0x10000;
			h = 31 * h + (0xd800 + (cp >> 10));
			h = 31 * h + (0xdc00 + (cp & 0x3ff));
		} else {
			h = 31 * h + cp;
		}
	}
	return (int32_t)h;
}

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
