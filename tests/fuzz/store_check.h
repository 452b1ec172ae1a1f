/*
 * store_check.h - the invariant the store fuzz targets (fuzz_jks.c,
 * fuzz_pem.c) check after each parse: a success holds what was asked for,
 * a failure has a message and left nothing behind. Releases the store.
 */
#ifndef KT_FUZZ_STORE_CHECK_H
#define KT_FUZZ_STORE_CHECK_H

#include "tls/store.h"

#include <stdlib.h>

static inline void store_check(int rc, struct kt_tls_store *s,
			       const struct kt_err *err, int want_key)
{
	if (rc == 0 && (!s->certs || (want_key && !s->key)))
		abort();
	if (rc < 0 && (!err->msg[0] || s->certs || s->key))
		abort();
	kt_tls_store_release(s);
}

#endif
