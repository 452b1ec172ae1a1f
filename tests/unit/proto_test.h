/*
 * proto_test.h - helpers shared by the message-body codec tests
 * (test_proto_produce.c, test_proto_fetch.c, test_proto_group.c): golden hex
 * into bytes, encoder output against golden bytes, and the "every truncation
 * fails cleanly" sweep.
 */
#ifndef KT_PROTO_TEST_H
#define KT_PROTO_TEST_H

#include "unit.h"

#include "buf.h"

#include <stdlib.h>

/* Decode p[0..len) as version v, release what was decoded, return the
 * decoder's result. */
typedef int (*kt_test_decode_fn)(const uint8_t *p, size_t len, int16_t v,
				 struct kt_err *err);

/* Golden hex into a malloc'ed buffer (the caller frees *out). */
static inline size_t kt_test_hex(const char *hex, uint8_t **out)
{
	size_t cap = strlen(hex) / 2 + 1;

	*out = malloc(cap);
	if (!*out)
		abort();
	return kt_unit_hex(hex, *out, cap);
}

/* An encoder's buffer must hold exactly the golden bytes. */
static inline void kt_test_encoded(const struct kt_buf *b, const char *hex,
				   const char *name)
{
	uint8_t *want;
	size_t n = kt_test_hex(hex, &want);

	CHECK_INT(b->err, 0, "%s: encodes", name);
	CHECK_BYTES(b->p, b->len, want, n, "%s: golden bytes", name);
	free(want);
}

/*
 * Every strict prefix of a golden response must fail with a filled error and
 * no crash. Each prefix is copied into its own allocation so that the
 * sanitizer build catches a read past it.
 */
static inline void kt_test_truncations(kt_test_decode_fn fn, const char *hex,
				       int16_t v, const char *name)
{
	uint8_t *full;
	size_t n = kt_test_hex(hex, &full), cut, bad = 0, first = 0;

	for (cut = 0; cut < n; cut++) {
		uint8_t *q = malloc(cut ? cut : 1);
		struct kt_err e;
		int rc;

		if (!q)
			abort();
		memcpy(q, full, cut);
		kt_err_clear(&e);
		rc = fn(q, cut, v, &e);
		if (rc >= 0 || e.code == 0 || e.msg[0] == '\0') {
			if (!bad)
				first = cut;
			bad++;
		}
		free(q);
	}
	CHECK(bad == 0, "%s: all %zu truncations fail cleanly (first bad %zu)",
	      name, n, first);
	free(full);
}

/* Decoding hex as version v must fail with code (negative KT_E*). */
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

#endif
