/*
 * proto_test.h - checks shared by every message-body codec test
 * (test_proto_produce.c, test_proto_fetch.c, test_proto_group.c,
 * test_proto_topics.c, test_proto_configs.c, test_proto_groups_admin.c):
 * golden hex into bytes, encoder output against golden bytes, and the
 * decoder robustness rules of STYLE.md (every truncation fails cleanly,
 * absurd counts are refused, trailing bytes are refused, a failed decode
 * leaves nothing behind).
 *
 * Each test file wraps its decoders in a kt_test_decode_fn that decodes into
 * a local struct and releases it. KT_TEST_DEC_ARENA writes that wrapper for
 * a decoder whose output owns an arena, and makes it return KT_TEST_LEAK
 * when a failed decode left memory behind.
 */
#ifndef KT_PROTO_TEST_H
#define KT_PROTO_TEST_H

#include "unit.h"

#include "base/buf.h"
#include "base/err.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Decode p[0..len) as version v, release what was decoded, return the
 * decoder's result. */
typedef int (*kt_test_decode_fn)(const uint8_t *p, size_t len, int16_t v,
				 struct kt_err *err);

/* What a wrapper returns when a failed decode did not release its arena. */
#define KT_TEST_LEAK (-1000)

/* dec_NAME: a kt_test_decode_fn that runs decode into a struct TYPE and,
 * when it succeeds, release. */
#define KT_TEST_DEC_ARENA(name, type, decode, release)                         \
	static int dec_##name(const uint8_t *p, size_t len, int16_t v,         \
			      struct kt_err *err)                              \
	{                                                                      \
		struct type r;                                                 \
		int rc = decode(p, len, v, &r, err);                           \
		if (rc == 0)                                                   \
			release(&r);                                           \
		else if (r.arena.head)                                         \
			return KT_TEST_LEAK;                                   \
		return rc;                                                     \
	}

/* Golden hex into a malloc'ed buffer (the caller frees *out). */
static inline size_t kt_test_hex(const char *hex, uint8_t **out)
{
	size_t cap = strlen(hex) / 2 + 1;

	*out = malloc(cap);
	if (!*out)
		abort();
	return kt_unit_hex(hex, *out, cap);
}

/* An encoder returned rc and left b: both must say success, and b must hold
 * exactly the golden bytes. */
static inline void kt_test_encoded(int rc, const struct kt_buf *b,
				   const char *hex, const char *name)
{
	uint8_t *want;
	size_t n = kt_test_hex(hex, &want);

	CHECK_INT(rc ? rc : b->err, 0, "%s: encodes", name);
	CHECK_BYTES(b->p, b->len, want, n, "%s: golden bytes", name);
	free(want);
}

/*
 * Decode every strict prefix of full[0..n) as version v, each from its own
 * exact-size allocation so that the sanitizer build catches a read past it.
 * A prefix must fail with err filled and, through KT_TEST_DEC_ARENA,
 * nothing left allocated; when strict, with KT_ETRUNC or KT_EBADLEN, the
 * same code in err and a message with its position ("at byte"). Returns how
 * many prefixes broke the rule; *first is the first.
 */
static inline size_t kt_test_prefixes(kt_test_decode_fn fn, const uint8_t *full,
				      size_t n, int16_t v, bool strict,
				      const char *name, size_t *first)
{
	size_t cut, bad = 0;

	*first = 0;
	for (cut = 0; cut < n; cut++) {
		uint8_t *q = malloc(cut ? cut : 1);
		struct kt_err e;
		bool ok;
		int rc;

		if (!q)
			abort();
		memcpy(q, full, cut);
		kt_err_clear(&e);
		rc = fn(q, cut, v, &e);
		free(q);
		ok = rc < 0 && rc != KT_TEST_LEAK && e.code != 0 &&
		     e.msg[0] != '\0';
		if (strict)
			ok = (rc == -KT_ETRUNC || rc == -KT_EBADLEN) &&
			     e.code == -rc && strstr(e.msg, "at byte");
		if (!ok) {
			if (!bad) {
				*first = cut;
				printf("#   %s cut at %zu: rc %d, '%s'\n", name,
				       cut, rc, e.msg);
			}
			bad++;
		}
	}
	return bad;
}

/* Every strict prefix of a golden response must fail with a filled error,
 * no crash and no leak. */
static inline void kt_test_truncations(kt_test_decode_fn fn, const char *hex,
				       int16_t v, const char *name)
{
	uint8_t *full;
	size_t n = kt_test_hex(hex, &full), first;
	size_t bad = kt_test_prefixes(fn, full, n, v, false, name, &first);

	CHECK(bad == 0, "%s: all %zu truncations fail cleanly (first bad %zu)",
	      name, n, first);
	free(full);
}

/*
 * The golden response must decode; every strict prefix must fail as
 * kt_test_prefixes says when strict; the golden plus one stray byte must
 * fail with KT_EPROTO.
 */
static inline void kt_test_robust(kt_test_decode_fn fn, const char *hex,
				  int16_t v, const char *name)
{
	uint8_t *full;
	size_t n = kt_test_hex(hex, &full), bad, first;
	struct kt_err e;
	int rc;

	kt_err_clear(&e);
	rc = fn(full, n, v, &e);
	CHECK(rc == 0, "%s: golden decodes", name);
	if (rc)
		printf("#   %s\n", e.msg);
	bad = kt_test_prefixes(fn, full, n, v, true, name, &first);
	CHECK(bad == 0, "%s: all %zu truncations fail cleanly (%zu bad)", name,
	      n, bad);
	/* kt_test_hex left room for one more byte */
	full[n] = 0;
	kt_err_clear(&e);
	rc = fn(full, n + 1, v, &e);
	CHECK_INT(rc, -KT_EPROTO, "%s: a trailing byte is refused", name);
	free(full);
}

/* Decoding hex as version v must fail with code (negative KT_E*) and a
 * message. */
static inline void kt_test_rejects(kt_test_decode_fn fn, const char *hex,
				   int16_t v, int code, const char *name)
{
	uint8_t *p;
	size_t n = kt_test_hex(hex, &p);
	struct kt_err e;
	int rc;

	kt_err_clear(&e);
	rc = fn(p, n, v, &e);
	CHECK_INT(rc, code, "%s", name);
	CHECK(e.msg[0] != '\0', "%s: message '%.100s'", name, e.msg);
	free(p);
}

/* What code in struct kt_test_dec_case asks for instead of a rejection. */
#define KT_TEST_ROBUST 0 /* kt_test_robust */
#define KT_TEST_CUTS 1	 /* kt_test_truncations */

/* One decoder check of a table: code is KT_TEST_ROBUST, KT_TEST_CUTS, or
 * the negative KT_E* that kt_test_rejects expects. */
struct kt_test_dec_case {
	kt_test_decode_fn fn;
	const char *hex;
	int16_t v;
	int code;
	const char *name;
};

/* Run a table of decoder checks in order. */
static inline void kt_test_dec_cases(const struct kt_test_dec_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (c[i].code == KT_TEST_ROBUST)
			kt_test_robust(c[i].fn, c[i].hex, c[i].v, c[i].name);
		else if (c[i].code == KT_TEST_CUTS)
			kt_test_truncations(c[i].fn, c[i].hex, c[i].v,
					    c[i].name);
		else
			kt_test_rejects(c[i].fn, c[i].hex, c[i].v, c[i].code,
					c[i].name);
	}
}

/* KT_TEST_DEC_CASES(table): kt_test_dec_cases over a whole array. */
#define KT_TEST_DEC_CASES(t) kt_test_dec_cases((t), sizeof(t) / sizeof((t)[0]))

#endif
