/*
 * test_tls.c - tls/: JKS, PKCS12 and PEM store loading (good stores, wrong
 * passwords, every truncation), and the ssl.* property rules of the
 * context.
 *
 * The stores in tests/fixtures/tls were made once (see its README) with
 * openssl and the JDK 17 keytool: a CA and a client certificate valid for
 * a century, the client key as PKCS#8 (plain, and PBES1-encrypted with
 * "keypass"), client.p12 and client.jks (store password "storepass"),
 * client-keypass.jks (key password "keypass2"), trust.jks and trust.p12
 * (the CA, "trustpass"), trust-nopass.p12 (an empty password) and
 * trust-utf8.jks (password "pässwörd€").
 */
#include "unit.h"

#include "java/props.h"
#include "tls/store.h"
#include "tls/tls.h"

#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>

void test_tls(void);

/* kt_unit_path's static buffer, copied. */
static const char *fixture(const char *name, char *buf, size_t n)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "tests/fixtures/tls/%s", name);
	snprintf(buf, n, "%s", kt_unit_path(rel));
	return buf;
}

/* The bytes of fixture name (malloc'ed; an empty buffer, and one failed
 * check, when it cannot be read, so the tests go on safely). */
static uint8_t *slurp(const char *name, size_t *n)
{
	char path[512];
	FILE *f = fopen(fixture(name, path, sizeof(path)), "rb");
	uint8_t *b = malloc(1 << 16);

	*n = 0;
	if (f && b)
		*n = fread(b, 1, 1 << 16, f);
	if (f)
		fclose(f);
	CHECK(b && *n > 0, "fixture %s read", name);
	return b;
}

/* The CN of a store's certificate i, or "". */
static const char *cn(const struct kt_tls_store *s, int i, char *buf,
		      size_t n)
{
	buf[0] = '\0';
	if (s->certs && i < sk_X509_num(s->certs))
		X509_NAME_get_text_by_NID(
			X509_get_subject_name(sk_X509_value(s->certs, i)),
			NID_commonName, buf, (int)n);
	return buf;
}

/* Every proper prefix of p[0..n) must fail cleanly, with a message. */
typedef int (*parse_fn)(const uint8_t *p, size_t n, struct kt_tls_store *s,
			struct kt_err *err);

static void truncations(const char *name, const uint8_t *p, size_t n,
			parse_fn fn)
{
	size_t len, bad = 0;

	for (len = 0; len < n; len++) {
		struct kt_tls_store s;
		struct kt_err e;
		uint8_t *cut = malloc(len ? len : 1);

		memcpy(cut, p, len);
		e.msg[0] = '\0';
		if (fn(cut, len, &s, &e) >= 0 || !e.msg[0] || s.certs ||
		    s.key) {
			if (!bad)
				printf("# %s: prefix of %zu bytes: '%s'\n",
				       name, len, e.msg);
			bad++;
		}
		kt_tls_store_release(&s);
		free(cut);
	}
	CHECK_INT(bad, 0, "%s: every one of %zu truncations fails cleanly",
		  name, n);
}

static int jks_key(const uint8_t *p, size_t n, struct kt_tls_store *s,
		   struct kt_err *err)
{
	return kt_tls_jks_parse(p, n, "storepass", NULL, 1, "ks", s, err);
}

static int jks_trust(const uint8_t *p, size_t n, struct kt_tls_store *s,
		     struct kt_err *err)
{
	return kt_tls_jks_parse(p, n, NULL, NULL, 0, "ts", s, err);
}

static int p12_key(const uint8_t *p, size_t n, struct kt_tls_store *s,
		   struct kt_err *err)
{
	return kt_tls_p12_parse(p, n, "storepass", 1, "ks", s, err);
}

static int pem_key(const uint8_t *p, size_t n, struct kt_tls_store *s,
		   struct kt_err *err)
{
	return kt_tls_pem_parse(p, n, NULL, 1, "ks", s, err);
}

static void test_jks(void)
{
	struct kt_tls_store s;
	struct kt_err e;
	uint8_t *p, *q;
	size_t n, m;
	char buf[64];

	p = slurp("client.jks", &n);
	CHECK_INT(kt_tls_is_jks(p, n), 1, "jks: magic seen");
	CHECK_INT(kt_tls_jks_parse(p, n, "storepass", NULL, 1, "ks", &s, &e),
		  0, "jks: key entry with the store password");
	CHECK(s.key && sk_X509_num(s.certs) == 2, "jks: key and a chain of 2");
	CHECK_STR(cn(&s, 0, buf, sizeof(buf)), "kafkit-client",
		  "jks: leaf first");
	CHECK_STR(cn(&s, 1, buf, sizeof(buf)), "test-ca", "jks: then the CA");
	CHECK_INT(X509_check_private_key(sk_X509_value(s.certs, 0), s.key), 1,
		  "jks: the decrypted key is the leaf's");
	kt_tls_store_release(&s);

	CHECK_INT(kt_tls_jks_parse(p, n, "wrong", NULL, 1, "ks", &s, &e),
		  -KT_ECRC, "jks: wrong store password");
	CHECK_STR(e.msg,
		  "ks: keystore was tampered with, or password was incorrect",
		  "jks: wrong password message, no password in it");
	CHECK(!s.certs && !s.key, "jks: nothing kept on failure");
	CHECK_INT(kt_tls_jks_parse(p, n, "storepass", "nope", 1, "ks", &s, &e),
		  -KT_EINVAL, "jks: wrong key password");
	CHECK_STR(e.msg,
		  "ks: cannot recover the private key: wrong key password "
		  "(ssl.key.password)",
		  "jks: wrong key password message");
	/* one bit of the data flipped: the digest says so */
	q = malloc(n);
	memcpy(q, p, n);
	q[n / 2] ^= 1;
	CHECK(kt_tls_jks_parse(q, n, "storepass", NULL, 1, "ks", &s, &e) < 0,
	      "jks: a flipped bit is refused");
	free(q);
	truncations("jks keystore", p, n, jks_key);
	free(p);

	p = slurp("client-keypass.jks", &n);
	CHECK_INT(kt_tls_jks_parse(p, n, "storepass", "keypass2", 1, "ks", &s,
				   &e),
		  0, "jks: key password apart from the store password");
	CHECK(s.key != NULL, "jks: that key decrypted");
	kt_tls_store_release(&s);
	CHECK_INT(kt_tls_jks_parse(p, n, "storepass", NULL, 1, "ks", &s, &e),
		  -KT_EINVAL, "jks: the store password does not open that key");
	free(p);

	p = slurp("trust.jks", &n);
	CHECK_INT(kt_tls_jks_parse(p, n, "trustpass", NULL, 0, "ts", &s, &e),
		  0, "jks: truststore");
	CHECK(!s.key && sk_X509_num(s.certs) == 1, "jks: one trusted cert");
	CHECK_STR(cn(&s, 0, buf, sizeof(buf)), "test-ca", "jks: the CA");
	kt_tls_store_release(&s);
	CHECK_INT(kt_tls_jks_parse(p, n, NULL, NULL, 0, "ts", &s, &e), 0,
		  "jks: no password, no integrity check (as Java)");
	kt_tls_store_release(&s);
	CHECK_INT(kt_tls_jks_parse(p, n, NULL, NULL, 1, "ts", &s, &e),
		  -KT_EINVAL, "jks: a truststore has no key entry");
	CHECK_STR(e.msg, "ts: no private key entry", "jks: no key message");
	truncations("jks truststore", p, n, jks_trust);
	/* a JKS image given as PKCS12 is not taken for one */
	CHECK(kt_tls_p12_parse(p, n, "trustpass", 0, "ts", &s, &e) < 0,
	      "p12 parser refuses JKS");
	free(p);

	p = slurp("trust-utf8.jks", &n);
	CHECK_INT(kt_tls_jks_parse(p, n, "p\xc3\xa4ssw\xc3\xb6rd\xe2\x82\xac",
				   NULL, 0, "ts", &s, &e),
		  0, "jks: non-ASCII password hashed as UTF-16BE");
	kt_tls_store_release(&s);
	free(p);

	/* a count of entries that cannot fit */
	q = malloc(64);
	memset(q, 0, 64);
	m = kt_unit_hex("feedfeed 00000002 7fffffff", q, 64);
	CHECK_INT(kt_tls_jks_parse(q, m + 20, NULL, NULL, 0, "x", &s, &e),
		  -KT_EBADLEN, "jks: huge entry count refused before use");
	m = kt_unit_hex("feedfeed 00000002 00000001 00000003 0000", q, 64);
	memset(q + m, 0, 64 - m);
	CHECK_INT(kt_tls_jks_parse(q, 64, NULL, NULL, 0, "x", &s, &e),
		  -KT_EUNSUPPORTED, "jks: a secret-key entry (JCEKS) refused");
	free(q);
}

static void test_p12_pem(void)
{
	struct kt_tls_store s;
	struct kt_err e;
	uint8_t *p, *k;
	size_t n, kn;
	char buf[64], *one;
	size_t i, o;

	p = slurp("client.p12", &n);
	CHECK_INT(kt_tls_p12_parse(p, n, "storepass", 1, "ks", &s, &e), 0,
		  "p12: keystore");
	CHECK(s.key && sk_X509_num(s.certs) == 2, "p12: key and 2 certs");
	CHECK_STR(cn(&s, 0, buf, sizeof(buf)), "kafkit-client",
		  "p12: the key's certificate first");
	kt_tls_store_release(&s);
	CHECK_INT(kt_tls_p12_parse(p, n, "wrong", 1, "ks", &s, &e), -KT_ECRC,
		  "p12: wrong password");
	CHECK_STR(e.msg, "ks: keystore password was incorrect",
		  "p12: wrong password message");
	truncations("p12 keystore", p, n, p12_key);
	free(p);

	p = slurp("trust.p12", &n);
	CHECK_INT(kt_tls_p12_parse(p, n, "trustpass", 0, "ts", &s, &e), 0,
		  "p12: keytool truststore");
	CHECK_STR(cn(&s, 0, buf, sizeof(buf)), "test-ca", "p12: the CA");
	kt_tls_store_release(&s);
	CHECK_INT(kt_tls_p12_parse(p, n, NULL, 0, "ts", &s, &e), -KT_ECRC,
		  "p12: a protected store without password");
	CHECK_STR(e.msg, "ts: keystore password was incorrect (none was given)",
		  "p12: says no password was given");
	free(p);
	p = slurp("trust-nopass.p12", &n);
	CHECK_INT(kt_tls_p12_parse(p, n, NULL, 0, "ts", &s, &e), 0,
		  "p12: a store made with an empty password, none given");
	kt_tls_store_release(&s);
	free(p);

	/* PEM: key then chain, as Kafka's PEM keystore wants it */
	k = slurp("client.p8", &kn);
	p = slurp("client.pem", &n);
	k = realloc(k, kn + n);
	memcpy(k + kn, p, n);
	free(p);
	CHECK_INT(kt_tls_pem_parse(k, kn + n, NULL, 1, "ks", &s, &e), 0,
		  "pem: key and certificate");
	CHECK(s.key && sk_X509_num(s.certs) == 1, "pem: one of each");
	kt_tls_store_release(&s);
	/* the same on one line, as a continued properties value gives it */
	one = malloc(kn + n + 1);
	for (i = o = 0; i < kn + n; i++)
		one[o++] = k[i] == '\n' ? ' ' : (char)k[i];
	one[o] = '\0';
	CHECK_INT(kt_tls_pem_parse((uint8_t *)one, o, NULL, 1, "ks", &s, &e),
		  0, "pem: blocks on one line, blanks in the base64");
	kt_tls_store_release(&s);
	free(one);
	CHECK_INT(kt_tls_pem_parse(k, kn, NULL, 1, "ks", &s, &e), -KT_EINVAL,
		  "pem: a key without certificate");
	CHECK_STR(e.msg, "ks: no certificate found", "pem: says so");
	CHECK_INT(kt_tls_pem_parse(k, kn, NULL, KT_TLS_PEM_KEY_ONLY, "k", &s,
				   &e),
		  0, "pem: the key alone (ssl.keystore.key)");
	kt_tls_store_release(&s);
	/* without its last newline the text is still whole */
	truncations("pem keystore", k, kn + n - 1, pem_key);
	free(k);

	k = slurp("client-enc.p8", &kn);
	CHECK_INT(kt_tls_pem_parse(k, kn, "keypass", KT_TLS_PEM_KEY_ONLY, "k",
				   &s, &e),
		  0, "pem: encrypted key with ssl.key.password");
	CHECK(s.key != NULL, "pem: decrypted");
	kt_tls_store_release(&s);
	CHECK_INT(kt_tls_pem_parse(k, kn, "nope", KT_TLS_PEM_KEY_ONLY, "k", &s,
				   &e),
		  -KT_EINVAL, "pem: wrong key password");
	CHECK_STR(e.msg,
		  "k: cannot decrypt the private key: wrong ssl.key.password",
		  "pem: wrong key password message");
	CHECK_INT(kt_tls_pem_parse(k, kn, NULL, KT_TLS_PEM_KEY_ONLY, "k", &s,
				   &e),
		  -KT_EINVAL, "pem: encrypted key without password");
	CHECK_STR(e.msg,
		  "k: the private key is encrypted and ssl.key.password is "
		  "not set",
		  "pem: says which property is missing");
	free(k);
}

/* kt_tls_ctx_new over "k=v\n..." props; returns the code, *msg the
 * message. */
static int ctx_with(const char *text, struct kt_err *e)
{
	struct kt_props p;
	struct kt_tls_ctx *ctx;
	int r = 0;

	kt_props_init(&p);
	kt_props_load_str(&p, text, strlen(text), "t", e);
	e->code = 0;
	e->msg[0] = '\0';
	ctx = kt_tls_ctx_new(&p, e);
	if (!ctx)
		r = -e->code;
	kt_tls_ctx_free(ctx);
	kt_props_release(&p);
	return r;
}

static void test_ctx(void)
{
	static const struct {
		const char *props;
		const char *want; /* NULL: accepted */
	} cases[] = {
		{"", NULL},
		{"ssl.keymanager.algorithm=SunX509\n"
		 "ssl.trustmanager.algorithm=PKIX\n"
		 "ssl.endpoint.identification.algorithm=\n"
		 "ssl.protocol=TLSv1.2\n",
		 NULL},
		{"ssl.enabled.protocols=TLSv1.2, TLSv1.3\n"
		 "ssl.cipher.suites=TLS_AES_128_GCM_SHA256,"
		 "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n",
		 NULL},
		{"ssl.truststore.type=BKS\n",
		 "invalid value 'BKS' for configuration "
		 "'ssl.truststore.type': kafkit supports JKS, PKCS12 and "
		 "PEM"},
		{"ssl.keystore.type=PEM\nssl.keystore.password=x\n"
		 "ssl.keystore.location=/nonexistent\n",
		 "ssl.keystore.password cannot be set for a PEM keystore, "
		 "only ssl.key.password"},
		{"ssl.truststore.type=PEM\nssl.truststore.password=x\n",
		 "ssl.truststore.password cannot be set for a PEM "
		 "truststore"},
		{"ssl.keystore.location=/nonexistent\n",
		 "ssl.keystore.location is set but ssl.keystore.password is "
		 "not"},
		{"ssl.truststore.certificates=x\n",
		 "ssl.truststore.certificates needs ssl.truststore.type PEM, "
		 "not 'JKS'"},
		{"ssl.truststore.type=PEM\nssl.truststore.location=/a\n"
		 "ssl.truststore.certificates=x\n",
		 "both ssl.truststore.location and "
		 "ssl.truststore.certificates are set"},
		{"ssl.keystore.type=PEM\nssl.keystore.key=x\n",
		 "ssl.keystore.key is set but ssl.keystore.certificate.chain "
		 "is not"},
		{"ssl.truststore.location=/nonexistent/t.jks\n",
		 "cannot read ssl.truststore.location '/nonexistent/t.jks': "
		 "No such file or directory"},
		{"ssl.provider=SunJSSE\n",
		 "ssl.provider 'SunJSSE' is not supported by kafkit (it needs "
		 "a JVM)"},
		{"ssl.keymanager.algorithm=NewSunX509x\n",
		 "ssl.keymanager.algorithm 'NewSunX509x' is not supported by "
		 "kafkit (it needs a JVM)"},
		{"ssl.enabled.protocols=TLSv1\n",
		 "invalid value 'TLSv1' in configuration "
		 "'ssl.enabled.protocols': kafkit supports TLSv1.2 and "
		 "TLSv1.3"},
		{"ssl.cipher.suites=ECDHE-RSA-AES128-GCM-SHA256\n",
		 "invalid value 'ECDHE-RSA-AES128-GCM-SHA256' in "
		 "configuration 'ssl.cipher.suites': unsupported cipher "
		 "suite"},
		{"ssl.endpoint.identification.algorithm=HTTPS\n", NULL},
		/* trimmed as Java's ConfigDef trims */
		{"ssl.truststore.type=PEM  \n"
		 "ssl.enabled.protocols=TLSv1.2 , TLSv1.3\t\n",
		 NULL},
		{"ssl.cipher.suites=TLS_AES_128_CCM_SHA256\n", NULL},
		{"ssl.protocol=TLSv1.2\nssl.enabled.protocols=TLSv1.3\n",
		 "ssl.protocol TLSv1.2 leaves none of ssl.enabled.protocols "
		 "'TLSv1.3'"},
	};
	struct kt_err e;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int r = ctx_with(cases[i].props, &e);

		if (!cases[i].want) {
			CHECK_INT(r, 0, "ctx %zu accepted (%s)", i, e.msg);
			continue;
		}
		CHECK(r < 0, "ctx %zu refused", i);
		CHECK_STR(e.msg, cases[i].want, "ctx %zu message", i);
	}
}

static void test_ctx_stores(void)
{
	char text[2048], a[512], b[512];
	struct kt_props p;
	struct kt_err e;

	snprintf(text, sizeof(text),
		 "ssl.truststore.location=%s\n"
		 "ssl.truststore.password=trustpass\n"
		 "ssl.keystore.location=%s\nssl.keystore.password=storepass\n",
		 fixture("trust.jks", a, sizeof(a)),
		 fixture("client.jks", b, sizeof(b)));
	CHECK_INT(ctx_with(text, &e), 0, "ctx: JKS trust and key stores (%s)",
		  e.msg);
	/* the JDK's JKS and PKCS12 keystores read either format */
	snprintf(text, sizeof(text),
		 "ssl.truststore.location=%s\n"
		 "ssl.truststore.password=trustpass\n"
		 "ssl.keystore.type=PKCS12\nssl.keystore.location=%s\n"
		 "ssl.keystore.password=storepass\n",
		 fixture("trust.p12", a, sizeof(a)),
		 fixture("client.jks", b, sizeof(b)));
	CHECK_INT(ctx_with(text, &e), 0, "ctx: dual-format stores (%s)", e.msg);

	kt_props_init(&p);
	kt_props_set(&p, "ssl.keystore.password", "storepass", &e);
	kt_props_set(&p, "ssl.key.password", "keypass", &e);
	kt_props_set(&p, "ssl.truststore.location", "/t", &e);
	kt_tls_wipe_secrets(&p);
	CHECK_STR(kt_props_get(&p, "ssl.keystore.password"), "",
		  "wipe: store password");
	CHECK_STR(kt_props_get(&p, "ssl.key.password"), "",
		  "wipe: key password");
	CHECK_STR(kt_props_get(&p, "ssl.truststore.location"), "/t",
		  "wipe: locations stay");
	kt_props_release(&p);
}

void test_tls(void)
{
	test_jks();
	test_p12_pem();
	test_ctx();
	test_ctx_stores();
}
