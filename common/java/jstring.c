/*
 * java/jstring.c - Java's String where tools' output depends on it:
 * String.hashCode over UTF-16 code units (the bucket order of HashMaps the
 * tools print) and new String(bytes, UTF_8) printed through a UTF-8
 * PrintStream (java.nio's UTF_8 decoder with replacement), with the ASCII
 * runs checked by SSE2/AVX2 where the machine has them.
 */
#include "java/jstring.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

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

#if defined(__x86_64__)
/* Past the ASCII bytes of p[i..n) in 128-byte steps (AVX2), stopping at or
 * before the first byte >= 0x80. */
__attribute__((target("avx2"))) static size_t ascii_avx2(const uint8_t *p,
							 size_t i, size_t n)
{
	while (i + 128 <= n) {
		const __m256i *q = (const __m256i *)(const void *)(p + i);
		__m256i a = _mm256_or_si256(_mm256_loadu_si256(q),
					    _mm256_loadu_si256(q + 1));
		__m256i b = _mm256_or_si256(_mm256_loadu_si256(q + 2),
					    _mm256_loadu_si256(q + 3));

		if (_mm256_movemask_epi8(_mm256_or_si256(a, b)))
			break;
		i += 128;
	}
	return i;
}
#endif

/* The same in 64-byte steps with SSE2 (every x86-64 has it). */
static size_t ascii_wide(const uint8_t *p, size_t i, size_t n)
{
#ifdef __SSE2__
	while (i + 64 <= n) {
		const __m128i *q = (const __m128i *)(const void *)(p + i);
		__m128i a = _mm_or_si128(_mm_loadu_si128(q),
					 _mm_loadu_si128(q + 1));
		__m128i b = _mm_or_si128(_mm_loadu_si128(q + 2),
					 _mm_loadu_si128(q + 3));

		if (_mm_movemask_epi8(_mm_or_si128(a, b)))
			break;
		i += 64;
	}
#else
	(void)p;
	(void)n;
#endif
	return i;
}

bool kt_java_utf8_valid(const uint8_t *p, size_t n)
{
	size_t i = 0;
#if defined(__x86_64__)
	bool avx2 = n >= 128 && __builtin_cpu_supports("avx2");
#else
	bool avx2 = false;
#endif

#define CONT(x) (((x)&0xc0) == 0x80)
	while (i < n) {
		uint8_t c;

#if defined(__x86_64__)
		if (avx2)
			i = ascii_avx2(p, i, n);
#endif
		i = ascii_wide(p, i, n);
		while (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		while (i < n && p[i] < 0x80)
			i++;
		if (i >= n)
			break;
		c = p[i];
		if (c < 0xc2) /* a continuation byte, or overlong C0/C1 */
			return false;
		if (c < 0xe0) {
			if (n - i < 2 || !CONT(p[i + 1]))
				return false;
			i += 2;
		} else if (c < 0xf0) {
			if (n - i < 3 || !CONT(p[i + 1]) || !CONT(p[i + 2]) ||
			    (c == 0xe0 && p[i + 1] < 0xa0) || /* overlong */
			    (c == 0xed && p[i + 1] >= 0xa0))  /* surrogate */
				return false;
			i += 3;
		} else if (c < 0xf5) {
			if (n - i < 4 || !CONT(p[i + 1]) || !CONT(p[i + 2]) ||
			    !CONT(p[i + 3]) ||
			    (c == 0xf0 && p[i + 1] < 0x90) || /* overlong */
			    (c == 0xf4 && p[i + 1] >= 0x90))  /* > U+10FFFF */
				return false;
			i += 4;
		} else {
			return false;
		}
	}
#undef CONT
	return true;
}

int kt_java_utf8(struct kt_buf *b, const uint8_t *p, size_t n)
{
	static const uint8_t repl[3] = {0xef, 0xbf, 0xbd};
	size_t i = 0, run = 0;

#define CONT(x) (((x)&0xc0) == 0x80)
	while (i < n) {
		uint8_t c;
		size_t bad = 0, ok = 0;

		/* ASCII runs, 8 bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
			run += 8;
		}
		if (i >= n)
			break;
		c = p[i];
		if (c < 0x80) {
			ok = 1;
		} else if ((c >> 5) == 0x6 && (c & 0x1e) != 0) {
			if (i + 1 < n && CONT(p[i + 1]))
				ok = 2;
			else
				bad = 1;
		} else if ((c >> 4) == 0xe) {
			if (i + 2 < n) {
				uint8_t b2 = p[i + 1], b3 = p[i + 2];

				if ((c == 0xe0 && (b2 & 0xe0) == 0x80) ||
				    !CONT(b2) || !CONT(b3))
					bad = ((c == 0xe0 &&
						(b2 & 0xe0) == 0x80) ||
					       !CONT(b2))
						      ? 1
						      : 2;
				else if (c == 0xed && b2 >= 0xa0)
					bad = 3; /* surrogate */
				else
					ok = 3;
			} else if (i + 1 < n &&
				   ((c == 0xe0 && (p[i + 1] & 0xe0) == 0x80) ||
				    !CONT(p[i + 1]))) {
				bad = 1;
			} else {
				bad = n - i; /* truncated at the end */
			}
		} else if ((c >> 3) == 0x1e) {
			if (i + 3 < n) {
				uint8_t b2 = p[i + 1], b3 = p[i + 2],
					b4 = p[i + 3];
				uint32_t uc = (uint32_t)(c & 7) << 18 |
					      (uint32_t)(b2 & 0x3f) << 12 |
					      (uint32_t)(b3 & 0x3f) << 6 |
					      (b4 & 0x3f);

				if (!CONT(b2) || !CONT(b3) || !CONT(b4) ||
				    uc < 0x10000 || uc > 0x10ffff) {
					if (c > 0xf4 ||
					    (c == 0xf0 &&
					     (b2 < 0x90 || b2 > 0xbf)) ||
					    (c == 0xf4 &&
					     (b2 & 0xf0) != 0x80) ||
					    !CONT(b2))
						bad = 1;
					else if (!CONT(b3))
						bad = 2;
					else
						bad = 3;
				} else {
					ok = 4;
				}
			} else {
				if (c > 0xf4 ||
				    (i + 1 < n &&
				     ((c == 0xf0 &&
				       (p[i + 1] < 0x90 || p[i + 1] > 0xbf)) ||
				      (c == 0xf4 &&
				       (p[i + 1] & 0xf0) != 0x80) ||
				      !CONT(p[i + 1])))) {
					bad = 1;
				} else if (i + 2 < n && !CONT(p[i + 2])) {
					bad = 2;
				} else {
					bad = n - i;
				}
			}
		} else {
			bad = 1;
		}
		if (ok) {
			run += ok;
			i += ok;
			continue;
		}
		if (run)
			kt_buf_put(b, p + i - run, run);
		run = 0;
		kt_buf_put(b, repl, 3);
		i += bad;
	}
	if (run)
		kt_buf_put(b, p + n - run, run);
#undef CONT
	return b->err;
}
