/*
 * body_check.h - checks shared by the admin body codec tests
 * (test_proto_topics.c, test_proto_configs.c, test_proto_groups_admin.c):
 * encoder output against golden bytes, and the decoder robustness rules of
 * STYLE.md (every truncation fails cleanly, absurd counts are refused,
 * trailing bytes are refused, a failed decode leaves nothing behind).
 *
 * Each test file wraps its decoders in a body_dec_fn that decodes into a
 * local struct, releases it on success, and returns BODY_LEAK if a failed
 * decode left memory or arrays behind.
 */
#ifndef KT_BODY_CHECK_H
#define KT_BODY_CHECK_H

#include "unit.h"

#include "buf.h"
#include "err.h"

#include <stdlib.h>
#include <string.h>

#define BODY_LEAK (-1000)

typedef int (*body_dec_fn)(const uint8_t *p, size_t len, int16_t version,
			   struct kt_err *err);

/* Compare what an encoder wrote (rc, b) with the hex golden want. */
static inline void body_check_enc(const char *name, int rc, struct kt_buf *b,
				  const char *want_hex)
{
	static uint8_t want[4096];
	size_t n = kt_unit_hex(want_hex, want, sizeof(want));

	CHECK_INT(rc, 0, "%s encodes", name);
	CHECK_BYTES(b->p, b->len, want, n, "%s golden bytes", name);
}

/*
 * Decode the golden response hex (must succeed), then every strict prefix
 * of it from an exact-size heap copy (so that AddressSanitizer sees any read
 * past the end): each must fail with KT_ETRUNC or KT_EBADLEN, fill err with
 * a positioned message and leave nothing allocated. Then the golden plus
 * one stray byte must fail with KT_EPROTO. Returns the decoded length.
 */
static inline size_t body_check_robust(const char *name, body_dec_fn fn,
				       int16_t version, const char *hex)
{
	static uint8_t in[8192];
	size_t n = kt_unit_hex(hex, in, sizeof(in) - 1), cut, bad = 0;
	struct kt_err err;
	int rc;

	kt_err_clear(&err);
	rc = fn(in, n, version, &err);
	CHECK(rc == 0, "%s: golden decodes", name);
	if (rc)
		printf("#   %s\n", err.msg);
	for (cut = 0; cut < n; cut++) {
		uint8_t *p = malloc(cut ? cut : 1);

		if (!p)
			abort();
		memcpy(p, in, cut);
		kt_err_clear(&err);
		rc = fn(p, cut, version, &err);
		free(p);
		if ((rc != -KT_ETRUNC && rc != -KT_EBADLEN) ||
		    err.code != -rc || !strstr(err.msg, "at byte")) {
			if (!bad)
				printf("#   %s cut at %zu: rc %d, '%s'\n", name,
				       cut, rc, err.msg);
			bad++;
		}
	}
	CHECK(bad == 0, "%s: all %zu truncations fail cleanly (%zu bad)", name,
	      n, bad);
	in[n] = 0;
	kt_err_clear(&err);
	rc = fn(in, n + 1, version, &err);
	CHECK_INT(rc, -KT_EPROTO, "%s: a trailing byte is refused", name);
	return n;
}

/* A crafted body with an impossible count must be refused with KT_EBADLEN
 * (before any allocation: the count check comes first). */
static inline void body_check_absurd(const char *name, body_dec_fn fn,
				     int16_t version, const char *hex)
{
	uint8_t in[64];
	size_t n = kt_unit_hex(hex, in, sizeof(in));
	struct kt_err err;
	int rc;

	kt_err_clear(&err);
	rc = fn(in, n, version, &err);
	CHECK_INT(rc, -KT_EBADLEN, "%s: absurd count refused", name);
}

#endif
