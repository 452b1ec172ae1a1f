/*
 * fuzz_pem.c - fuzz entry point for PEM store parsing (tls/store.h), whose
 * block finder rewrites the text (inline ssl.* values come from a
 * properties file, store files from anywhere): as a truststore, as a
 * keystore with a key password, and as a key alone. Every outcome must be
 * a success with what was asked for, or a failure with a message that
 * left nothing behind.
 */
#include "store_check.h"
#include "tls/store.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *data, size_t size, int want_key)
{
	struct kt_tls_store s;
	struct kt_err err;
	int rc;

	err.msg[0] = '\0';
	rc = kt_tls_pem_parse(data, size, "keypass", want_key, "fuzz", &s,
			      &err);
	store_check(rc, &s, &err, want_key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	one(data, size, 0);
	one(data, size, 1);
	one(data, size, KT_TLS_PEM_KEY_ONLY);
	return 0;
}
