/*
 * tls/jks.c - the Java KeyStore (JKS) format, read natively.
 *
 * The layout is that of OpenJDK's sun.security.provider.JavaKeyStore
 * (engineLoad/engineStore), all integers big-endian:
 *
 *	u32 magic 0xFEEDFEED, u32 version (1 or 2), u32 entry count
 *	entry: u32 tag, alias (u16 length + modified UTF-8), u64 date (ms)
 *	  tag 1, private key: u32 length + EncryptedPrivateKeyInfo (DER),
 *	         u32 chain length, then per certificate
 *	         [version 2: u16-length type name, "X.509"] u32 length + DER
 *	  tag 2, trusted certificate: [version 2: type name] u32 length + DER
 *	20 bytes SHA-1(password as UTF-16BE, "Mighty Aphrodite", all above)
 *
 * A private key is protected by Sun's KeyProtector (algorithm OID
 * 1.3.6.1.4.1.42.2.17.1.1): the encrypted data is salt (20) || key ^
 * keystream || SHA-1(password || key) (20), the keystream being the chain
 * d0 = salt, d(i+1) = SHA-1(password || d(i)). Every byte is read through
 * kt_reader; key material is wiped after use.
 */
#include "tls/store.h"

#include "tls/store_int.h"

#include "base/buf.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#define JKS_MAGIC 0xFEEDFEEDu
#define JKS_TAG_KEY 1
#define JKS_TAG_CERT 2
#define JKS_TAG_SECRET 3 /* JCEKS only */
#define JKS_SHA 20
#define JKS_KEY_OID "1.3.6.1.4.1.42.2.17.1.1"

int kt_tls_is_jks(const uint8_t *p, size_t n)
{
	return n >= 4 && p[0] == 0xFE && p[1] == 0xED && p[2] == 0xFE &&
	       p[3] == 0xED;
}

/* A password as Java's char[] would give it: UTF-16BE code units of the
 * UTF-8 text (a malformed byte counts as U+FFFD). *out is malloc'ed; wipe
 * and free it. Returns 0 or -KT_ENOMEM. */
static int utf16be(const char *s, uint8_t **out, size_t *len)
{
	size_t n = strlen(s), i = 0, o = 0;
	uint8_t *b = malloc(n * 4 + 1);

	if (!b)
		return -KT_ENOMEM;
	while (i < n) {
		const uint8_t *u = (const uint8_t *)s + i;
		uint32_t cp = 0xFFFD;
		size_t k = 1, need = 0;

		if (u[0] < 0x80) {
			cp = u[0];
		} else if ((u[0] & 0xE0) == 0xC0) {
			need = 1;
			cp = u[0] & 0x1F;
		} else if ((u[0] & 0xF0) == 0xE0) {
			need = 2;
			cp = u[0] & 0x0F;
		} else if ((u[0] & 0xF8) == 0xF0) {
			need = 3;
			cp = u[0] & 0x07;
		}
		if (need) {
			if (i + need >= n) {
				cp = 0xFFFD;
			} else {
				for (k = 1; k <= need; k++) {
					if ((u[k] & 0xC0) != 0x80)
						break;
					cp = cp << 6 | (u[k] & 0x3F);
				}
				if (k <= need)
					cp = 0xFFFD;
			}
		}
		i += k;
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000;
			uint16_t hi = (uint16_t)(0xD800 | v >> 10);
			uint16_t lo = (uint16_t)(0xDC00 | (v & 0x3FF));

			b[o++] = (uint8_t)(hi >> 8);
			b[o++] = (uint8_t)hi;
			b[o++] = (uint8_t)(lo >> 8);
			b[o++] = (uint8_t)lo;
		} else {
			b[o++] = (uint8_t)(cp >> 8);
			b[o++] = (uint8_t)cp;
		}
	}
	*out = b;
	*len = o;
	return 0;
}

/* SHA-1 of a || b into md. */
static void sha1_2(const uint8_t *a, size_t an, const uint8_t *b, size_t bn,
		   uint8_t md[JKS_SHA])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int l = 0;

	if (!c || !EVP_DigestInit_ex(c, EVP_sha1(), NULL) ||
	    !EVP_DigestUpdate(c, a, an) || !EVP_DigestUpdate(c, b, bn) ||
	    !EVP_DigestFinal_ex(c, md, &l))
		memset(md, 0, JKS_SHA);
	EVP_MD_CTX_free(c);
}

/* One certificate: u32 length + DER, exactly. */
static int read_cert(struct kt_reader *r, int version, const char *what,
		     X509 **out, struct kt_err *err)
{
	struct kt_bytes type;
	const uint8_t *der, *q;
	uint32_t len;
	uint16_t tlen;
	size_t at;
	X509 *x;

	if (version == 2) {
		kt_read_u16(r, &tlen);
		kt_read_raw(r, tlen, &type.p);
		if (!r->err && (tlen != 5 || memcmp(type.p, "X.509", 5) != 0))
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "%s: certificate of type '%.*s' at "
					  "byte %zu (only X.509)",
					  what, (int)(tlen > 40 ? 40 : tlen),
					  type.p, r->off - tlen);
	}
	kt_read_u32(r, &len);
	at = r->off;
	kt_read_raw(r, len, &der);
	if (r->err)
		return kt_err_set(err, -r->err,
				  "%s: truncated at byte %zu", what, r->off);
	q = der;
	x = d2i_X509(NULL, &q, (long)len);
	if (!x || q != der + len) {
		X509_free(x);
		return kt_err_set(err, KT_EBADLEN,
				  "%s: certificate at byte %zu is not valid "
				  "DER",
				  what, at);
	}
	*out = x;
	return 0;
}

/* Undo KeyProtector: encrypted is salt || data || check. On success *key
 * is the private key. */
static int recover_key(const uint8_t *enc, size_t n, const uint8_t *pw,
		       size_t pwlen, const char *what, EVP_PKEY **key,
		       struct kt_err *err)
{
	uint8_t d[JKS_SHA], check[JKS_SHA], *plain;
	size_t klen, i;
	const uint8_t *q;
	PKCS8_PRIV_KEY_INFO *p8;
	char why[128];
	int r = 0;

	if (n < 2 * JKS_SHA)
		return kt_err_set(err, KT_EBADLEN,
				  "%s: protected key of %zu bytes is too short",
				  what, n);
	klen = n - 2 * JKS_SHA;
	plain = malloc(klen ? klen : 1);
	if (!plain)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	memcpy(d, enc, JKS_SHA);
	for (i = 0; i < klen; i++) {
		if (i % JKS_SHA == 0)
			sha1_2(pw, pwlen, d, JKS_SHA, d);
		plain[i] = enc[JKS_SHA + i] ^ d[i % JKS_SHA];
	}
	sha1_2(pw, pwlen, plain, klen, check);
	if (CRYPTO_memcmp(check, enc + JKS_SHA + klen, JKS_SHA) != 0) {
		r = kt_err_set(err, KT_EINVAL,
			       "%s: cannot recover the private key: wrong key "
			       "password (ssl.key.password)",
			       what);
		goto out_wipe;
	}
	q = plain;
	p8 = d2i_PKCS8_PRIV_KEY_INFO(NULL, &q, (long)klen);
	*key = p8 ? EVP_PKCS82PKEY(p8) : NULL;
	PKCS8_PRIV_KEY_INFO_free(p8);
	if (!*key)
		r = kt_err_set(err, KT_EINVAL,
			       "%s: the private key is not a valid PKCS#8 "
			       "key: %s",
			       what, kt_tls_ossl_reason(why, sizeof(why)));
out_wipe:
	OPENSSL_cleanse(plain, klen);
	OPENSSL_cleanse(d, sizeof(d));
	free(plain);
	return r;
}

/* The EncryptedPrivateKeyInfo of a key entry, checked for Sun's OID. */
static int key_entry(struct kt_bytes epki, size_t at, const uint8_t *pw,
		     size_t pwlen, const char *what, EVP_PKEY **key,
		     struct kt_err *err)
{
	const uint8_t *q = epki.p;
	X509_SIG *sig = d2i_X509_SIG(NULL, &q, (long)epki.len);
	const X509_ALGOR *alg;
	const ASN1_OCTET_STRING *data;
	const ASN1_OBJECT *oid;
	char name[64];
	int r;

	if (!sig || q != epki.p + epki.len) {
		X509_SIG_free(sig);
		return kt_err_set(err, KT_EBADLEN,
				  "%s: protected key at byte %zu is not valid "
				  "DER",
				  what, at);
	}
	X509_SIG_get0(sig, &alg, &data);
	X509_ALGOR_get0(&oid, NULL, NULL, alg);
	OBJ_obj2txt(name, sizeof(name), oid, 1);
	if (strcmp(name, JKS_KEY_OID) != 0) {
		X509_SIG_free(sig);
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "%s: private key protected with algorithm "
				  "%s, not JKS's",
				  what, name);
	}
	r = recover_key(ASN1_STRING_get0_data(data),
			(size_t)ASN1_STRING_length(data), pw, pwlen, what, key,
			err);
	X509_SIG_free(sig);
	return r;
}

static int push_cert(STACK_OF(X509) *sk, X509 *x, struct kt_err *err)
{
	if (!sk_X509_push(sk, x)) {
		X509_free(x);
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	}
	return 0;
}

/* The entries after the header, into s: the trusted certificates, or
 * (want_key) the chain of the first key entry, whose protected key is left
 * in *epki (p NULL when there is none) for after the integrity check. */
static int read_entries(struct kt_reader *r, uint32_t version, size_t count,
			int want_key, const char *what, struct kt_tls_store *s,
			struct kt_bytes *epki, size_t *epki_at,
			struct kt_err *err)
{
	size_t i, j;
	int rc;

	epki->p = NULL;
	epki->len = 0;
	for (i = 0; i < count; i++) {
		uint32_t tag, len, nchain;
		uint16_t alen;
		struct kt_bytes k;
		size_t at;
		X509 *x;
		bool mine;

		kt_read_u32(r, &tag);
		kt_read_u16(r, &alen);
		kt_read_skip(r, (size_t)alen + 8); /* alias, date */
		if (r->err)
			goto out_trunc;
		if (tag == JKS_TAG_CERT) {
			/* a keystore's chain is its key entry's alone */
			rc = read_cert(r, (int)version, what, &x, err);
			if (rc < 0)
				return rc;
			if (want_key) {
				X509_free(x);
				continue;
			}
			rc = push_cert(s->certs, x, err);
			if (rc < 0)
				return rc;
			continue;
		}
		if (tag != JKS_TAG_KEY)
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "%s: entry %zu has tag %u (%s)", what,
					  i, tag,
					  tag == JKS_TAG_SECRET
						  ? "a secret key: JCEKS, not "
						    "JKS"
						  : "unknown to JKS");
		kt_read_u32(r, &len);
		at = r->off;
		kt_read_raw(r, len, &k.p);
		k.len = len;
		kt_read_u32(r, &nchain);
		if (r->err)
			goto out_trunc;
		if (nchain > r->left / 4)
			return kt_err_set(err, KT_EBADLEN,
					  "%s: chain of %u certificates at "
					  "byte %zu exceeds the %zu bytes "
					  "left",
					  what, nchain, r->off, r->left);
		mine = want_key && !epki->p;
		if (mine) {
			*epki = k;
			*epki_at = at;
		}
		for (j = 0; j < nchain; j++) {
			rc = read_cert(r, (int)version, what, &x, err);
			if (rc < 0)
				return rc;
			if (!mine) {
				X509_free(x);
				continue;
			}
			rc = push_cert(s->certs, x, err);
			if (rc < 0)
				return rc;
		}
	}
	if (r->left)
		return kt_err_set(err, KT_EBADLEN,
				  "%s: %zu bytes after the last entry", what,
				  r->left);
	return 0;
out_trunc:
	return kt_err_set(err, -r->err, "%s: truncated at byte %zu", what,
			  r->off);
}

/* Whether the trailing SHA-1 matches the password (UTF-16BE in pw). */
static int digest_ok(const uint8_t *p, size_t body, const uint8_t *pw,
		     size_t pwlen, struct kt_err *err)
{
	static const char whitener[] = "Mighty Aphrodite";
	uint8_t md[JKS_SHA];
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int l;

	if (!c || !EVP_DigestInit_ex(c, EVP_sha1(), NULL) ||
	    !EVP_DigestUpdate(c, pw, pwlen) ||
	    !EVP_DigestUpdate(c, whitener, strlen(whitener)) ||
	    !EVP_DigestUpdate(c, p, body) || !EVP_DigestFinal_ex(c, md, &l)) {
		EVP_MD_CTX_free(c);
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	}
	EVP_MD_CTX_free(c);
	return CRYPTO_memcmp(md, p + body, JKS_SHA) == 0;
}

int kt_tls_jks_parse(const uint8_t *p, size_t n, const char *password,
		     const char *key_password, int want_key, const char *what,
		     struct kt_tls_store *s, struct kt_err *err)
{
	struct kt_reader r;
	uint32_t magic = 0, version = 0, count = 0;
	uint8_t *pw = NULL;
	size_t pwlen = 0, body, epki_at = 0;
	struct kt_bytes epki;
	int rc;

	kt_tls_store_init(s);
	s->certs = sk_X509_new_null();
	if (!s->certs)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	if (n < 12 + JKS_SHA) {
		rc = kt_err_set(err, KT_ETRUNC,
				"%s: truncated: %zu bytes is no JKS store",
				what, n);
		goto out_fail;
	}
	body = n - JKS_SHA;
	kt_reader_init(&r, p, body);
	kt_read_u32(&r, &magic);
	kt_read_u32(&r, &version);
	kt_read_u32(&r, &count);
	if (magic != JKS_MAGIC || (version != 1 && version != 2)) {
		rc = kt_err_set(err, KT_EINVAL,
				"%s: not a JKS store (magic %08x, version %u)",
				what, magic, version);
		goto out_fail;
	}
	/* an entry takes at least tag, alias length, date and a length */
	if (count > r.left / 18) {
		rc = kt_err_set(err, KT_EBADLEN,
				"%s: %u entries cannot fit in %zu bytes", what,
				count, r.left);
		goto out_fail;
	}
	/* the layout first (a cut file says so), then the password, then
	 * the key: a wrong store password must not look like a wrong key
	 * password */
	rc = read_entries(&r, version, count, want_key, what, s, &epki,
			  &epki_at, err);
	if (rc < 0)
		goto out_fail;
	if (password) {
		if (utf16be(password, &pw, &pwlen) < 0) {
			rc = kt_err_set(err, KT_ENOMEM, "out of memory");
			goto out_fail;
		}
		rc = digest_ok(p, body, pw, pwlen, err);
		OPENSSL_cleanse(pw, pwlen);
		free(pw);
		pw = NULL;
		if (rc == 0)
			rc = kt_err_set(err, KT_ECRC,
					"%s: keystore was tampered with, or "
					"password was incorrect",
					what);
		if (rc < 0)
			goto out_fail;
	}
	if (!want_key)
		return 0;
	if (!epki.p) {
		rc = kt_err_set(err, KT_EINVAL, "%s: no private key entry",
				what);
		goto out_fail;
	}
	/* Java's key password defaults to the store's */
	if (utf16be(key_password ? key_password : password ? password : "",
		    &pw, &pwlen) < 0) {
		rc = kt_err_set(err, KT_ENOMEM, "out of memory");
		goto out_fail;
	}
	rc = key_entry(epki, epki_at, pw, pwlen, what, &s->key, err);
	OPENSSL_cleanse(pw, pwlen);
	free(pw);
	if (rc == 0)
		return 0;
out_fail:
	kt_tls_store_release(s);
	return rc;
}
