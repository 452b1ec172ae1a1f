/*
 * fuzz_jks.c - fuzz entry point for the JKS parser (tls/store.h): a store
 * file is untrusted input. Each input is parsed as a keystore without a
 * store password (no integrity check, as Java allows, so mutations reach
 * the entry parser and Sun's key recovery) and with one, and as a
 * truststore. Every outcome must be a success with certificates, or a
 * failure with a message that left nothing behind.
 */
#include "store_check.h"
#include "tls/store.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *data, size_t size, const char *pw,
		const char *kpw, int want_key)
{
	struct kt_tls_store s;
	struct kt_err err;
	int rc;

	err.msg[0] = '\0';
	rc = kt_tls_jks_parse(data, size, pw, kpw, want_key, "fuzz", &s, &err);
	store_check(rc, &s, &err, want_key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > KT_TLS_STORE_MAX)
		return 0;
	one(data, size, NULL, "storepass", 1);
	one(data, size, "storepass", NULL, 1);
	one(data, size, NULL, NULL, 0);
	return 0;
}
