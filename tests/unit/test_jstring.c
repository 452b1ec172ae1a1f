/*
 * test_jstring.c - java/jstring: String.hashCode and Java's UTF-8 decoding
 * with replacement, checked against the JDK's answers.
 */
#include "unit.h"

#include "java/jstring.h"

#include <string.h>

void test_jstring(void);

static void utf8_case(const char *in, size_t n, const char *want,
		      const char *name)
{
	struct kt_buf b;

	kt_buf_init(&b, 0);
	kt_java_utf8(&b, (const uint8_t *)in, n);
	CHECK_BYTES(b.p, b.len, want, strlen(want), "java utf8: %s", name);
	kt_buf_release(&b);
}

static void test_java_text(void)
{
	utf8_case("abc", 3, "abc", "ascii");
	utf8_case("\xc3\xa9", 2, "\xc3\xa9", "2-byte");
	utf8_case("\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80", "4-byte");
	utf8_case("\xff", 1, "\xef\xbf\xbd", "bad byte");
	utf8_case("\xc3", 1, "\xef\xbf\xbd", "truncated 2-byte");
	utf8_case("\xe2\x82", 2, "\xef\xbf\xbd", "truncated 3-byte: one");
	utf8_case("\xed\xa0\x80x", 4, "\xef\xbf\xbdx", "surrogate: one");
	utf8_case("\xe0\x80\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
		  "overlong 3-byte: three");
	utf8_case("\xc3(", 2, "\xef\xbf\xbd(", "bad continuation");
	CHECK_INT(kt_java_string_hash("abc", strlen("abc")), 96354,
		  "java hash: abc");
	CHECK_INT(kt_java_string_hash("", strlen("")), 0, "java hash: empty");
	CHECK_INT(kt_java_string_hash("\xc3\xa9", strlen("\xc3\xa9")), 0xe9,
		  "java hash: UTF-16 unit");
	CHECK_INT(kt_java_string_hash("\xf0\x9f\x98\x80",
				      strlen("\xf0\x9f\x98\x80")),
		  31 * 0xd83d + 0xde00, "java hash: surrogate pair");
}

#define R "\xef\xbf\xbd"

static void test_utf8_replacement(void)
{
	utf8_case("abc", 3, "abc", "ASCII");
	utf8_case("\xe2\x82\xac\xf0\x9f\x98\x80", 7,
		  "\xe2\x82\xac\xf0\x9f\x98\x80", "valid 3 and 4 bytes");
	utf8_case("\xff", 1, R, "invalid byte");
	utf8_case("\xc3", 1, R, "truncated 2-byte at the end");
	utf8_case("\xc3(", 2, R "(", "bad continuation");
	utf8_case("\xe2\x82", 2, R, "truncated 3-byte: one replacement");
	utf8_case("\xed\xa0\x80x", 4, R "x",
		  "surrogate: one replacement (checked on JDK 17)");
	utf8_case("\xe0\x80\x80", 3, R R R, "overlong 3-byte");
	utf8_case("\xf0\x9f\x98", 3, R, "truncated 4-byte at the end");
	utf8_case("\xf0\x9f(", 3, R "(", "4-byte, third byte bad");
	utf8_case("\xf8\x88\x80\x80\x80", 5, R R R R R, "5-byte form");
	utf8_case("\xc0\xaf", 2, R R, "overlong 2-byte");
}
#undef R

/* kt_java_utf8_valid says yes exactly when the replacement decoder copies
 * its input unchanged: random strings over the bytes that matter at
 * every boundary, and ASCII runs with one bad byte at each position (the
 * 128-, 64- and 8-byte steps). */
static void test_utf8_valid(void)
{
	static const uint8_t alpha[] = {
		'a',  0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf,
		0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee,
		0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf8, 0xff};
	uint8_t s[300];
	uint32_t seed = 99;
	struct kt_buf b;
	int bad = 0, i, n, k, valid = 0;

	kt_buf_init(&b, 0);
	for (i = 0; i < 300000; i++) {
		seed = seed * 1103515245u + 12345u;
		n = (int)((seed >> 16) % 12);
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			s[k] = alpha[(seed >> 16) % sizeof(alpha)];
		}
		kt_buf_reset(&b);
		kt_java_utf8(&b, s, (size_t)n);
		if (kt_java_utf8_valid(s, (size_t)n) !=
		    (b.len == (size_t)n && memcmp(b.p, s, (size_t)n) == 0))
			bad++;
		valid += kt_java_utf8_valid(s, (size_t)n);
	}
	CHECK_INT(bad, 0,
		  "utf8 valid: agrees with the replacement decoder on 300000 "
		  "strings (%d valid)",
		  valid);
	bad = 0;
	for (n = 0; n <= 300; n++) {
		memset(s, 'x', 300);
		if (n < 300)
			s[n] = 0xc3; /* truncated or followed by 'x' */
		bad += kt_java_utf8_valid(s, 300) != (n == 300);
		if (n < 299) {
			s[n + 1] = 0xa9; /* now a whole é */
			bad += !kt_java_utf8_valid(s, 300);
		}
	}
	CHECK_INT(bad, 0, "utf8 valid: one bad byte anywhere in 300 ASCII");
	kt_buf_release(&b);
}

void test_jstring(void)
{
	test_java_text();
	test_utf8_replacement();
	test_utf8_valid();
}
