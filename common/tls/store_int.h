/*
 * tls/store_int.h - what the pieces of the store module (store.c: PEM,
 * PKCS12 and the loader; jks.c: JKS) share, for them alone.
 */
#ifndef KT_TLS_STORE_INT_H
#define KT_TLS_STORE_INT_H

#include <stddef.h>

/* OpenSSL's reason for the last failure into buf, for messages (reason
 * strings are fixed texts, never secrets); empties OpenSSL's error queue.
 * Returns buf. */
const char *kt_tls_ossl_reason(char *buf, size_t n);

#endif
