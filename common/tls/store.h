/*
 * tls/store.h - key and trust stores as the Java client reads them: PEM
 * (DefaultSslEngineFactory's PemStore: PKCS#8 keys, plain or encrypted,
 * and X.509 certificates), PKCS12 (RFC 7292, through OpenSSL's
 * PKCS12_parse) and JKS (the Java KeyStore of OpenJDK's
 * sun.security.provider.JavaKeyStore, parsed here: trusted-certificate
 * and private-key entries, the key protected by Sun's SHA-1 keystream of
 * KeyProtector, the file by a SHA-1 over the password, "Mighty Aphrodite"
 * and the contents).
 *
 * Every byte of a store is untrusted and read through struct kt_reader;
 * messages name the store by its property and file, never a password.
 */
#ifndef KT_TLS_STORE_H
#define KT_TLS_STORE_H

#include "base/err.h"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stddef.h>
#include <stdint.h>

/* Stores larger than this are refused. */
#define KT_TLS_STORE_MAX ((size_t)4 << 20)

/* What a store holds: certificates (a keystore's chain, leaf first, or a
 * truststore's anchors) and, for a keystore, the private key. */
struct kt_tls_store {
	STACK_OF(X509) *certs;
	EVP_PKEY *key;
};

void kt_tls_store_init(struct kt_tls_store *s);
/* Free what s holds; s can be reused after. */
void kt_tls_store_release(struct kt_tls_store *s);

/*
 * Parse the JKS image p[0..n) into s: every trusted-certificate entry's
 * certificate and, when want_key, the first private-key entry's key
 * (decrypted with key_password, or password when that is NULL, as Java
 * does) with its chain. password (the store's; may be NULL: the
 * integrity check is then skipped, as Java does) is checked against the
 * trailing SHA-1. what names the store in messages ("ssl.truststore.
 * location 'x.jks'"). Returns 0 or a negative KT_E*: -KT_ETRUNC /
 * -KT_EBADLEN for a truncated or malformed image, -KT_ECRC for a wrong
 * password (or a tampered file), -KT_EINVAL for a key that does not
 * decrypt with key_password, -KT_EUNSUPPORTED for entry kinds JKS readers
 * do not know (secret keys: JCEKS). s is empty on failure.
 */
int kt_tls_jks_parse(const uint8_t *p, size_t n, const char *password,
		     const char *key_password, int want_key, const char *what,
		     struct kt_tls_store *s, struct kt_err *err);

/* Whether p[0..n) starts with the JKS magic 0xFEEDFEED. */
int kt_tls_is_jks(const uint8_t *p, size_t n);

/*
 * Parse a PKCS12 image with password (NULL or "": none) into s: the key
 * and its certificate first, then the other certificates. For a
 * truststore (want_key 0) every certificate goes into s->certs. Returns 0
 * or a negative KT_E* (-KT_ECRC for a wrong password, -KT_EINVAL for an
 * image that is not PKCS12).
 */
int kt_tls_p12_parse(const uint8_t *p, size_t n, const char *password,
		     int want_key, const char *what, struct kt_tls_store *s,
		     struct kt_err *err);

/*
 * Parse PEM text: every CERTIFICATE block into s->certs and, when want_key,
 * the (ENCRYPTED) PRIVATE KEY block, decrypted with key_password; with
 * want_key KT_TLS_PEM_KEY_ONLY the key alone (ssl.keystore.key). Returns 0
 * or a negative KT_E* (-KT_EINVAL: no certificate, no key, or a key that
 * does not decrypt).
 */
#define KT_TLS_PEM_KEY_ONLY 2
int kt_tls_pem_parse(const uint8_t *p, size_t n, const char *key_password,
		     int want_key, const char *what, struct kt_tls_store *s,
		     struct kt_err *err);

/*
 * Read the store file at path (at most KT_TLS_STORE_MAX bytes) and parse it
 * as type ("JKS", "PKCS12" or "PEM", any case; a JKS name on a PKCS12 file
 * and the other way round are read as what the file is, as the JDK's
 * dual-format keystores do). Returns 0 or a negative KT_E*.
 */
int kt_tls_store_load(const char *path, const char *type,
		      const char *password, const char *key_password,
		      int want_key, const char *prop, struct kt_tls_store *s,
		      struct kt_err *err);

#endif
