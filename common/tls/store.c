/*
 * tls/store.c - PEM and PKCS12 stores and the loader that picks a parser
 * by ssl.*.type (tls/store.h); JKS is tls/jks.c.
 *
 * PEM follows Kafka's DefaultSslEngineFactory.PemStore: certificates in
 * CERTIFICATE blocks, the key in one PKCS#8 block (PRIVATE KEY, or
 * ENCRYPTED PRIVATE KEY with ssl.key.password). PKCS12 is RFC 7292 through
 * OpenSSL. Key material decoded here is wiped after use.
 */
#include "tls/store.h"

#include "tls/store_int.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void kt_tls_store_init(struct kt_tls_store *s)
{
	s->certs = NULL;
	s->key = NULL;
}

void kt_tls_store_release(struct kt_tls_store *s)
{
	sk_X509_pop_free(s->certs, X509_free);
	EVP_PKEY_free(s->key);
	kt_tls_store_init(s);
}

const char *kt_tls_ossl_reason(char *buf, size_t n)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e ? ERR_reason_error_string(e) : NULL;

	snprintf(buf, n, "%s", r ? r : "unknown error");
	ERR_clear_error();
	return buf;
}

int kt_tls_p12_parse(const uint8_t *p, size_t n, const char *password,
		     int want_key, const char *what, struct kt_tls_store *s,
		     struct kt_err *err)
{
	const uint8_t *q = p;
	PKCS12 *p12;
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	STACK_OF(X509) *ca = NULL;
	char why[128];
	int rc = 0;

	kt_tls_store_init(s);
	if (n > LONG_MAX)
		return kt_err_set(err, KT_ETOOBIG, "%s: too big", what);
	p12 = d2i_PKCS12(NULL, &q, (long)n);
	if (!p12 || q != p + n) {
		PKCS12_free(p12);
		ERR_clear_error();
		return kt_err_set(err, KT_EINVAL,
				  "%s: not a PKCS12 store (or truncated)",
				  what);
	}
	if (password && !*password)
		password = NULL;
	/* no password: a MAC made with none or with "" (PKCS12_parse
	 * accepts both too) */
	if (PKCS12_mac_present(p12) && !PKCS12_verify_mac(p12, password, -1) &&
	    !(!password && PKCS12_verify_mac(p12, "", 0))) {
		ERR_clear_error();
		rc = kt_err_set(err, KT_ECRC,
				"%s: keystore password was incorrect%s", what,
				password ? "" : " (none was given)");
		goto out_free;
	}
	if (!PKCS12_parse(p12, password, &key, &cert, &ca)) {
		rc = kt_err_set(err, KT_EINVAL, "%s: cannot read the store: %s",
				what, kt_tls_ossl_reason(why, sizeof(why)));
		goto out_free;
	}
	if (!ca && !(ca = sk_X509_new_null())) {
		rc = kt_err_set(err, KT_ENOMEM, "out of memory");
		goto out_free;
	}
	if (cert && !sk_X509_insert(ca, cert, 0)) {
		rc = kt_err_set(err, KT_ENOMEM, "out of memory");
		goto out_free;
	}
	cert = NULL;
	if (want_key && !key) {
		rc = kt_err_set(err, KT_EINVAL,
				"%s: no private key in the store", what);
		goto out_free;
	}
	if (sk_X509_num(ca) == 0) {
		rc = kt_err_set(err, KT_EINVAL,
				"%s: no certificate in the store", what);
		goto out_free;
	}
	s->certs = ca;
	s->key = want_key ? key : NULL;
	if (!want_key)
		EVP_PKEY_free(key);
	PKCS12_free(p12);
	return 0;
out_free:
	sk_X509_pop_free(ca, X509_free);
	X509_free(cert);
	EVP_PKEY_free(key);
	PKCS12_free(p12);
	return rc;
}

/* Whether OpenSSL error e is what a wrong password gives (the padding of
 * the last block does not check out). */
static bool bad_decrypt(unsigned long e)
{
	return ERR_GET_REASON(e) == PKCS12_R_PKCS12_CIPHERFINAL_ERROR ||
	       ERR_GET_REASON(e) == EVP_R_BAD_DECRYPT;
}

/* One PKCS#8 block into *key. */
static int pem_key(const char *name, const uint8_t *der, long len,
		   const char *key_password, const char *what, EVP_PKEY **key,
		   struct kt_err *err)
{
	const uint8_t *q = der;
	PKCS8_PRIV_KEY_INFO *p8 = NULL;
	char why[128];

	if (*key)
		return kt_err_set(err, KT_EINVAL,
				  "%s: more than one private key", what);
	if (strcmp(name, "ENCRYPTED PRIVATE KEY") == 0) {
		X509_SIG *sig = d2i_X509_SIG(NULL, &q, len);

		if (!key_password || !*key_password) {
			X509_SIG_free(sig);
			return kt_err_set(err, KT_EINVAL,
					  "%s: the private key is encrypted "
					  "and ssl.key.password is not set",
					  what);
		}
		p8 = sig ? PKCS8_decrypt(sig, key_password,
					 (int)strlen(key_password))
			 : NULL;
		X509_SIG_free(sig);
		if (!p8 && bad_decrypt(ERR_peek_last_error())) {
			ERR_clear_error();
			return kt_err_set(err, KT_EINVAL,
					  "%s: cannot decrypt the private key: "
					  "wrong ssl.key.password",
					  what);
		}
		if (!p8)
			return kt_err_set(err, KT_EINVAL,
					  "%s: cannot decrypt the private key: "
					  "%s",
					  what,
					  kt_tls_ossl_reason(why, sizeof(why)));
	} else {
		p8 = d2i_PKCS8_PRIV_KEY_INFO(NULL, &q, len);
	}
	*key = p8 ? EVP_PKCS82PKEY(p8) : NULL;
	PKCS8_PRIV_KEY_INFO_free(p8);
	if (!*key)
		return kt_err_set(err, KT_EINVAL,
				  "%s: the private key is not valid PKCS#8: %s",
				  what, kt_tls_ossl_reason(why, sizeof(why)));
	return 0;
}

/*
 * Rewrite PEM text as OpenSSL reads it. Java's PemStore finds each
 * "-----BEGIN X-----", takes what follows up to "-----END" and drops every
 * blank in it, so a value written on one line (properties continuation
 * lines join without newlines) is fine for Java: give OpenSSL the base64
 * in lines of 64 again. Text outside blocks is dropped; a block without
 * its END line is an error (a cut file). Returns a BIO over the new text
 * (wiped when freed: it may hold a key) or NULL with err filled.
 */
static BIO *pem_canon(const uint8_t *p, size_t n, const char *what,
		      struct kt_err *err)
{
	static const char begin[] = "-----BEGIN ", dashes[] = "-----";
	static const char end[] = "-----END ";
	const char *start = (const char *)p, *s = start, *e = s + n;
	BIO *out = BIO_new(BIO_s_secmem());

	if (!out)
		goto out_nomem;
	while (s < e) {
		const char *b = NULL, *lab, *labe, *body, *q;
		size_t col = 0;

		for (q = s; q + sizeof(begin) - 1 <= e; q++)
			if (memcmp(q, begin, sizeof(begin) - 1) == 0) {
				b = q;
				break;
			}
		if (!b)
			break;
		lab = b + sizeof(begin) - 1;
		for (labe = lab; labe + 5 <= e && memcmp(labe, dashes, 5);
		     labe++)
			;
		if (labe + 5 > e)
			break;
		body = labe + 5;
		if (BIO_printf(out, "%s%.*s%s\n", begin, (int)(labe - lab),
			       lab, dashes) <= 0)
			goto out_nomem;
		for (q = body; q < e && *q != '-'; q++) {
			if (*q == ' ' || *q == '\t' || *q == '\r' ||
			    *q == '\n')
				continue;
			if (BIO_write(out, q, 1) != 1 ||
			    (++col % 64 == 0 && BIO_write(out, "\n", 1) != 1))
				goto out_nomem;
		}
		/* then "-----END X-----", the same X */
		if ((size_t)(e - q) < sizeof(end) - 1 + (size_t)(labe - lab) +
					      5 ||
		    memcmp(q, end, sizeof(end) - 1) != 0 ||
		    memcmp(q + sizeof(end) - 1, lab, (size_t)(labe - lab)) ||
		    memcmp(q + sizeof(end) - 1 + (labe - lab), dashes, 5)) {
			int ll = (int)(labe - lab > 40 ? 40 : labe - lab);

			kt_err_set(err, KT_ETRUNC,
				   "%s: the PEM block '%.*s' at byte %zu has "
				   "no END line",
				   what, ll, lab, (size_t)(b - start));
			BIO_free(out);
			return NULL;
		}
		if (BIO_printf(out, "%s%s%.*s%s\n", col % 64 ? "\n" : "", end,
			       (int)(labe - lab), lab, dashes) <= 0)
			goto out_nomem;
		s = q + sizeof(end) - 1 + (labe - lab) + 5;
	}
	return out;
out_nomem:
	BIO_free(out);
	kt_err_set(err, KT_ENOMEM, "out of memory");
	return NULL;
}

int kt_tls_pem_parse(const uint8_t *p, size_t n, const char *key_password,
		     int want_key, const char *what, struct kt_tls_store *s,
		     struct kt_err *err)
{
	BIO *bio;
	int rc = 0;

	kt_tls_store_init(s);
	if (n > INT_MAX)
		return kt_err_set(err, KT_ETOOBIG, "%s: too big", what);
	bio = pem_canon(p, n, what, err);
	if (!bio)
		return err ? -err->code : -KT_EINVAL;
	s->certs = sk_X509_new_null();
	if (!s->certs) {
		rc = kt_err_set(err, KT_ENOMEM, "out of memory");
		goto out_free;
	}
	for (;;) {
		char *name = NULL, *header = NULL;
		unsigned char *der = NULL;
		long len = 0;
		const uint8_t *q;
		X509 *x;

		if (!PEM_read_bio(bio, &name, &header, &der, &len)) {
			ERR_clear_error(); /* the end, or no more blocks */
			break;
		}
		q = der;
		if (strcmp(name, "CERTIFICATE") == 0 &&
		    want_key != KT_TLS_PEM_KEY_ONLY) {
			x = d2i_X509(NULL, &q, len);
			if (!x || !sk_X509_push(s->certs, x)) {
				X509_free(x);
				rc = kt_err_set(err, KT_EINVAL,
						"%s: certificate %d is not "
						"valid",
						what,
						sk_X509_num(s->certs) + 1);
			}
		} else if (want_key && (strcmp(name, "PRIVATE KEY") == 0 ||
					strcmp(name, "ENCRYPTED PRIVATE KEY") ==
						0)) {
			rc = pem_key(name, der, len, key_password, what,
				     &s->key, err);
		} else if (want_key && strstr(name, "PRIVATE KEY")) {
			rc = kt_err_set(err, KT_EINVAL,
					"%s: a '%s' block: the key must be "
					"PKCS#8 (PRIVATE KEY or ENCRYPTED "
					"PRIVATE KEY)",
					what, name);
		}
		if (der)
			OPENSSL_cleanse(der, (size_t)len);
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(der);
		if (rc < 0)
			goto out_free;
	}
	if (want_key != KT_TLS_PEM_KEY_ONLY && sk_X509_num(s->certs) == 0) {
		rc = kt_err_set(err, KT_EINVAL, "%s: no certificate found",
				what);
		goto out_free;
	}
	if (want_key && !s->key) {
		rc = kt_err_set(err, KT_EINVAL, "%s: no private key found",
				what);
		goto out_free;
	}
	BIO_free(bio);
	return 0;
out_free:
	BIO_free(bio);
	kt_tls_store_release(s);
	return rc;
}

/* The whole file at path, at most KT_TLS_STORE_MAX bytes. */
static int read_file(const char *path, const char *prop, uint8_t **out,
		     size_t *len, struct kt_err *err)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b;
	size_t n;

	if (!f)
		return kt_err_set(err, errno == ENOENT ? KT_ENOTFOUND : KT_EIO,
				  "cannot read %s '%s': %s", prop, path,
				  strerror(errno));
	b = malloc(KT_TLS_STORE_MAX + 1);
	if (!b) {
		fclose(f);
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	}
	n = fread(b, 1, KT_TLS_STORE_MAX + 1, f);
	if (ferror(f)) {
		fclose(f);
		free(b);
		return kt_err_set(err, KT_EIO, "cannot read %s '%s': %s", prop,
				  path, strerror(errno));
	}
	fclose(f);
	if (n > KT_TLS_STORE_MAX) {
		free(b);
		return kt_err_set(err, KT_ETOOBIG,
				  "%s '%s' is larger than %zu bytes", prop,
				  path, KT_TLS_STORE_MAX);
	}
	*out = b;
	*len = n;
	return 0;
}

int kt_tls_store_load(const char *path, const char *type,
		      const char *password, const char *key_password,
		      int want_key, const char *prop, struct kt_tls_store *s,
		      struct kt_err *err)
{
	char what[600];
	uint8_t *b = NULL;
	size_t n = 0;
	int rc;

	kt_tls_store_init(s);
	rc = read_file(path, prop, &b, &n, err);
	if (rc < 0)
		return rc;
	snprintf(what, sizeof(what), "%s '%s'", prop, path);
	if (strcasecmp(type, "PEM") == 0)
		rc = kt_tls_pem_parse(b, n, key_password, want_key, what, s,
				      err);
	else if (kt_tls_is_jks(b, n))
		rc = kt_tls_jks_parse(b, n, password, key_password, want_key,
				      what, s, err);
	else
		rc = kt_tls_p12_parse(b, n, password, want_key, what, s, err);
	OPENSSL_cleanse(b, n);
	free(b);
	return rc;
}
