/*
 * tls/tls.c - the TLS client context from the ssl.* properties and one
 * session per broker connection (tls/tls.h).
 *
 * The property rules are those of Kafka's SslConfigs and
 * DefaultSslEngineFactory (defaults: ssl.protocol TLSv1.3,
 * ssl.enabled.protocols TLSv1.2,TLSv1.3, store types JKS,
 * ssl.endpoint.identification.algorithm https, ssl.keymanager.algorithm
 * SunX509, ssl.trustmanager.algorithm PKIX). Without a truststore Java
 * trusts the JVM's cacerts; kafkit trusts OpenSSL's default CA paths.
 *
 * The socket is driven through a small BIO of our own that sends with
 * MSG_NOSIGNAL, so a broker that hangs up cannot raise SIGPIPE.
 */
#include "tls/tls.h"

#include "tls/store.h"

#include <errno.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <sys/socket.h>

struct kt_tls_ctx {
	SSL_CTX *ssl;
	BIO_METHOD *bio;
	bool verify_host;
};

struct kt_tls {
	SSL *ssl;
	char *host;
	char *name;
	bool done;   /* handshake complete */
	bool failed; /* a fatal error happened */
	enum kt_tls_want want;
	int sock_errno;	   /* errno of the last failed socket call */
	char subject[160]; /* the certificate that failed verification */
};

/* The socket BIO ---------------------------------------------------------- */

static int bio_write(BIO *b, const char *p, int n)
{
	int fd = (int)(intptr_t)BIO_get_data(b);
	ssize_t r;

	BIO_clear_retry_flags(b);
	do
		r = send(fd, p, (size_t)n, MSG_NOSIGNAL);
	while (r < 0 && errno == EINTR);
	if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		BIO_set_retry_write(b);
	return (int)r;
}

static int bio_read(BIO *b, char *p, int n)
{
	int fd = (int)(intptr_t)BIO_get_data(b);
	ssize_t r;

	BIO_clear_retry_flags(b);
	do
		r = recv(fd, p, (size_t)n, 0);
	while (r < 0 && errno == EINTR);
	if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		BIO_set_retry_read(b);
	return (int)r;
}

static long bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
	(void)b;
	(void)num;
	(void)ptr;
	return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

/* Property rules ----------------------------------------------------------- */

static const char *prop(const struct kt_props *p, const char *key)
{
	const char *v = kt_props_get(p, key);

	return v && *v ? v : NULL;
}

/* Properties that only a JVM can honour: accepted at their Java defaults
 * (or unset), refused when set to anything else. */
static int check_jvm_only(const struct kt_props *p, struct kt_err *err)
{
	static const struct {
		const char *key;
		const char *ok1, *ok2; /* accepted values besides empty */
	} jvm[] = {
		{"ssl.engine.factory.class", NULL, NULL},
		{"ssl.provider", NULL, NULL},
		{"ssl.keymanager.algorithm", "SunX509", "PKIX"},
		{"ssl.trustmanager.algorithm", "PKIX", "SunX509"},
	};
	size_t i;

	for (i = 0; i < sizeof(jvm) / sizeof(jvm[0]); i++) {
		const char *v = prop(p, jvm[i].key);

		if (!v || (jvm[i].ok1 && strcasecmp(v, jvm[i].ok1) == 0) ||
		    (jvm[i].ok2 && strcasecmp(v, jvm[i].ok2) == 0))
			continue;
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "%s '%s' is not supported by kafkit (it "
				  "needs a JVM)",
				  jvm[i].key, v);
	}
	return 0;
}

/* One protocol name to its OpenSSL version, 0 when unknown. */
static int proto_version(const char *s, size_t n)
{
	if (n == 7 && strncmp(s, "TLSv1.2", 7) == 0)
		return TLS1_2_VERSION;
	if (n == 7 && strncmp(s, "TLSv1.3", 7) == 0)
		return TLS1_3_VERSION;
	return 0;
}

/* Call fn on each trimmed, non-empty item of a comma-separated list. */
static int each_item(const char *list, int (*fn)(void *arg, const char *s,
						 size_t n, struct kt_err *err),
		     void *arg, struct kt_err *err)
{
	const char *p = list;

	while (p && *p) {
		const char *e = strchr(p, ','), *end;
		int r;

		end = e ? e : p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > p) {
			r = fn(arg, p, (size_t)(end - p), err);
			if (r < 0)
				return r;
		}
		p = e ? e + 1 : NULL;
	}
	return 0;
}

struct versions {
	int min, max;
};

static int add_version(void *arg, const char *s, size_t n, struct kt_err *err)
{
	struct versions *v = arg;
	int x = proto_version(s, n);

	if (!x)
		return kt_err_set(err, KT_EINVAL,
				  "invalid value '%.*s' in configuration "
				  "'ssl.enabled.protocols': kafkit supports "
				  "TLSv1.2 and TLSv1.3",
				  (int)n, s);
	if (!v->min || x < v->min)
		v->min = x;
	if (x > v->max)
		v->max = x;
	return 0;
}

static int set_versions(SSL_CTX *ctx, const struct kt_props *p,
			struct kt_err *err)
{
	const char *proto = prop(p, "ssl.protocol");
	const char *enabled = prop(p, "ssl.enabled.protocols");
	struct versions v = {0, 0};
	int r;

	/* ssl.protocol names the SSLContext; Kafka's documentation: with
	 * TLSv1.2 the client does not use TLSv1.3 even when
	 * ssl.enabled.protocols lists it */
	if (proto && strcmp(proto, "TLS") != 0 &&
	    strcmp(proto, "TLSv1.3") != 0 && strcmp(proto, "TLSv1.2") != 0)
		return kt_err_set(err, KT_EINVAL,
				  "invalid value '%s' for configuration "
				  "'ssl.protocol': kafkit supports TLS, "
				  "TLSv1.2 and TLSv1.3",
				  proto);
	r = each_item(enabled, add_version, &v, err);
	if (r < 0)
		return r;
	if (!v.min) {
		v.min = TLS1_2_VERSION;
		v.max = TLS1_3_VERSION;
	}
	if (proto && strcmp(proto, "TLSv1.2") == 0)
		v.max = TLS1_2_VERSION;
	if (v.min > v.max)
		return kt_err_set(err, KT_EINVAL,
				  "ssl.protocol TLSv1.2 leaves none of "
				  "ssl.enabled.protocols '%s'",
				  enabled);
	if (!SSL_CTX_set_min_proto_version(ctx, v.min) ||
	    !SSL_CTX_set_max_proto_version(ctx, v.max))
		return kt_err_set(err, KT_EINVAL,
				  "cannot set the TLS versions of "
				  "ssl.enabled.protocols");
	return 0;
}

/* ssl.cipher.suites: IANA names (Java's), split into the TLS 1.3 suites
 * and the OpenSSL names of the TLS 1.2 ones. */
#define TLS13_ALL                                                              \
	"TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"                 \
	"TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:"                       \
	"TLS_AES_128_CCM_8_SHA256"

struct suites {
	STACK_OF(SSL_CIPHER) *all;
	char tls13[512];
	char tls12[2048];
};

static void append(char *dst, size_t cap, const char *s, size_t n)
{
	size_t l = strlen(dst);

	if (l + n + 2 > cap)
		return;
	if (l)
		dst[l++] = ':';
	memcpy(dst + l, s, n);
	dst[l + n] = '\0';
}

static int add_suite(void *arg, const char *s, size_t n, struct kt_err *err)
{
	struct suites *su = arg;
	int i;

	for (i = 0; i < sk_SSL_CIPHER_num(su->all); i++) {
		const SSL_CIPHER *c = sk_SSL_CIPHER_value(su->all, i);
		const char *std = SSL_CIPHER_standard_name(c);

		if (!std || strlen(std) != n || strncmp(std, s, n) != 0)
			continue;
		if (strcmp(SSL_CIPHER_get_version(c), "TLSv1.3") == 0)
			append(su->tls13, sizeof(su->tls13), s, n);
		else
			append(su->tls12, sizeof(su->tls12),
			       SSL_CIPHER_get_name(c),
			       strlen(SSL_CIPHER_get_name(c)));
		return 0;
	}
	return kt_err_set(err, KT_EINVAL,
			  "invalid value '%.*s' in configuration "
			  "'ssl.cipher.suites': unsupported cipher suite",
			  (int)n, s);
}

static int set_suites(SSL_CTX *ctx, const struct kt_props *p,
		      struct kt_err *err)
{
	const char *list = prop(p, "ssl.cipher.suites");
	struct suites su;
	SSL *probe;
	int r;

	if (!list)
		return 0;
	memset(&su, 0, sizeof(su));
	/* every suite this OpenSSL knows, to look names up in */
	probe = SSL_new(ctx);
	if (!probe || !SSL_set_cipher_list(probe, "ALL:COMPLEMENTOFALL") ||
	    !SSL_set_ciphersuites(probe, TLS13_ALL))
		goto out_nomem;
	su.all = SSL_get_ciphers(probe);
	r = each_item(list, add_suite, &su, err);
	SSL_free(probe);
	if (r < 0)
		return r;
	if (!SSL_CTX_set_ciphersuites(ctx, su.tls13))
		goto out_bad;
	if (su.tls12[0]) {
		if (!SSL_CTX_set_cipher_list(ctx, su.tls12))
			goto out_bad;
	} else if (!SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION)) {
		goto out_bad;
	}
	if (!su.tls13[0] && !SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION))
		goto out_bad;
	return 0;
out_nomem:
	SSL_free(probe);
	return kt_err_set(err, KT_ENOMEM, "out of memory");
out_bad:
	ERR_clear_error();
	return kt_err_set(err, KT_EINVAL,
			  "invalid value '%s' for configuration "
			  "'ssl.cipher.suites'",
			  list);
}

/* Stores ------------------------------------------------------------------- */

static int check_type(const char *key, const char *type, struct kt_err *err)
{
	if (strcasecmp(type, "JKS") == 0 || strcasecmp(type, "PKCS12") == 0 ||
	    strcasecmp(type, "PEM") == 0)
		return 0;
	return kt_err_set(err, KT_EINVAL,
			  "invalid value '%s' for configuration '%s': kafkit "
			  "supports JKS, PKCS12 and PEM",
			  type, key);
}

static int set_trust(SSL_CTX *ctx, const struct kt_props *p,
		     struct kt_err *err)
{
	const char *type = prop(p, "ssl.truststore.type");
	const char *loc = prop(p, "ssl.truststore.location");
	const char *pass = prop(p, "ssl.truststore.password");
	const char *inl = prop(p, "ssl.truststore.certificates");
	struct kt_tls_store s;
	X509_STORE *xs = SSL_CTX_get_cert_store(ctx);
	bool pem;
	int i, r;

	if (!type)
		type = "JKS";
	r = check_type("ssl.truststore.type", type, err);
	if (r < 0)
		return r;
	pem = strcasecmp(type, "PEM") == 0;
	if (loc && inl)
		return kt_err_set(err, KT_EINVAL,
				  "both ssl.truststore.location and "
				  "ssl.truststore.certificates are set");
	if (inl && !pem)
		return kt_err_set(err, KT_EINVAL,
				  "ssl.truststore.certificates needs "
				  "ssl.truststore.type PEM, not '%s'",
				  type);
	if (pass && pem)
		return kt_err_set(err, KT_EINVAL,
				  "ssl.truststore.password cannot be set for "
				  "a PEM truststore");
	if (pass && !loc)
		return kt_err_set(err, KT_EINVAL,
				  "ssl.truststore.password is set but "
				  "ssl.truststore.location is not");
	if (!loc && !inl) {
		SSL_CTX_set_default_verify_paths(ctx);
		return 0;
	}
	if (inl)
		r = kt_tls_pem_parse((const uint8_t *)inl, strlen(inl), NULL, 0,
				     "ssl.truststore.certificates", &s, err);
	else
		r = kt_tls_store_load(loc, type, pass, NULL, 0,
				      "ssl.truststore.location", &s, err);
	if (r < 0)
		return r;
	for (i = 0; i < sk_X509_num(s.certs); i++)
		X509_STORE_add_cert(xs, sk_X509_value(s.certs, i));
	ERR_clear_error(); /* duplicates are fine */
	/* Java's PKIX takes every trusted certificate as an anchor, an
	 * intermediate CA too, where OpenSSL wants a self-signed root */
	X509_STORE_set_flags(xs, X509_V_FLAG_PARTIAL_CHAIN);
	if (sk_X509_num(s.certs) == 0) {
		kt_tls_store_release(&s);
		return kt_err_set(err, KT_EINVAL,
				  "%s: no trusted certificate in the store",
				  inl ? "ssl.truststore.certificates"
				      : "ssl.truststore.location");
	}
	kt_tls_store_release(&s);
	return 0;
}

static int use_key(SSL_CTX *ctx, struct kt_tls_store *s, const char *what,
		   struct kt_err *err)
{
	int i;

	if (!SSL_CTX_use_certificate(ctx, sk_X509_value(s->certs, 0)) ||
	    !SSL_CTX_use_PrivateKey(ctx, s->key))
		goto out_bad;
	for (i = 1; i < sk_X509_num(s->certs); i++)
		if (!SSL_CTX_add1_chain_cert(ctx, sk_X509_value(s->certs, i)))
			goto out_bad;
	if (!SSL_CTX_check_private_key(ctx))
		goto out_bad;
	return 0;
out_bad:
	ERR_clear_error();
	return kt_err_set(err, KT_EINVAL,
			  "%s: the private key does not match the first "
			  "certificate of the chain",
			  what);
}

static int set_key(SSL_CTX *ctx, const struct kt_props *p,
		   struct kt_err *err)
{
	const char *type = prop(p, "ssl.keystore.type");
	const char *loc = prop(p, "ssl.keystore.location");
	const char *pass = prop(p, "ssl.keystore.password");
	const char *kpass = prop(p, "ssl.key.password");
	const char *key = prop(p, "ssl.keystore.key");
	const char *chain = prop(p, "ssl.keystore.certificate.chain");
	struct kt_tls_store s, k;
	bool pem;
	int r;

	if (!type)
		type = "JKS";
	r = check_type("ssl.keystore.type", type, err);
	if (r < 0)
		return r;
	pem = strcasecmp(type, "PEM") == 0;
	if ((key || chain) && !pem)
		return kt_err_set(err, KT_EINVAL,
				  "ssl.keystore.key and "
				  "ssl.keystore.certificate.chain need "
				  "ssl.keystore.type PEM, not '%s'",
				  type);
	if (loc && (key || chain))
		return kt_err_set(err, KT_EINVAL,
				  "both ssl.keystore.location and "
				  "ssl.keystore.key are set");
	if (!!key != !!chain)
		return kt_err_set(err, KT_EINVAL,
				  "%s is set but %s is not",
				  key ? "ssl.keystore.key"
				      : "ssl.keystore.certificate.chain",
				  key ? "ssl.keystore.certificate.chain"
				      : "ssl.keystore.key");
	if (pass && pem)
		return kt_err_set(err, KT_EINVAL,
				  "ssl.keystore.password cannot be set for a "
				  "PEM keystore, only ssl.key.password");
	if (pass && !loc)
		return kt_err_set(err, KT_EINVAL,
				  "ssl.keystore.password is set but "
				  "ssl.keystore.location is not");
	if (loc && !pem && !pass)
		return kt_err_set(err, KT_EINVAL,
				  "ssl.keystore.location is set but "
				  "ssl.keystore.password is not");
	if (!loc && !key)
		return 0;
	if (loc) {
		r = kt_tls_store_load(loc, type, pass, kpass, 1,
				      "ssl.keystore.location", &s, err);
		if (r < 0)
			return r;
		r = use_key(ctx, &s, "ssl.keystore.location", err);
		kt_tls_store_release(&s);
		return r;
	}
	/* inline PEM: the chain, then the key alone */
	r = kt_tls_pem_parse((const uint8_t *)chain, strlen(chain), NULL, 0,
			     "ssl.keystore.certificate.chain", &s, err);
	if (r < 0)
		return r;
	r = kt_tls_pem_parse((const uint8_t *)key, strlen(key), kpass,
			     KT_TLS_PEM_KEY_ONLY, "ssl.keystore.key", &k, err);
	if (r == 0) {
		s.key = k.key;
		k.key = NULL;
		r = use_key(ctx, &s, "ssl.keystore.key", err);
	}
	kt_tls_store_release(&k);
	kt_tls_store_release(&s);
	return r;
}

/* Context ------------------------------------------------------------------ */

void kt_tls_ctx_free(struct kt_tls_ctx *ctx)
{
	if (!ctx)
		return;
	SSL_CTX_free(ctx->ssl);
	BIO_meth_free(ctx->bio);
	free(ctx);
}

/* The ssl.* entries of src, trimmed as Java's ConfigDef trims STRING,
 * PASSWORD and LIST values (String.trim: every char <= ' ' at both
 * ends). Returns 0 or -KT_ENOMEM. */
static int trimmed(const struct kt_props *src, struct kt_props *dst,
		   struct kt_err *err)
{
	size_t i;

	kt_props_init(dst);
	for (i = 0; i < src->n; i++) {
		const struct kt_prop *e = &src->v[i];
		const char *v = e->value;
		size_t n = e->value_len;

		if (strncmp(e->key, "ssl.", 4) != 0)
			continue;
		while (n && (unsigned char)*v <= ' ') {
			v++;
			n--;
		}
		while (n && (unsigned char)v[n - 1] <= ' ')
			n--;
		if (kt_props_setn(dst, e->key, e->key_len, v, n, err) < 0)
			return -KT_ENOMEM;
	}
	return 0;
}

static int configure(struct kt_tls_ctx *ctx, const struct kt_props *props,
		     struct kt_err *err)
{
	const char *alg;

	alg = kt_props_get(props, "ssl.endpoint.identification.algorithm");
	if (alg && *alg && strcasecmp(alg, "https") != 0)
		return kt_err_set(err, KT_EINVAL,
				  "invalid value '%s' for configuration "
				  "'ssl.endpoint.identification.algorithm': "
				  "expected https or empty",
				  alg);
	ctx->verify_host = !alg || *alg;
	SSL_CTX_set_mode(ctx->ssl, SSL_MODE_ENABLE_PARTIAL_WRITE |
					   SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	SSL_CTX_set_verify(ctx->ssl, SSL_VERIFY_PEER, NULL);
	if (check_jvm_only(props, err) < 0 ||
	    set_versions(ctx->ssl, props, err) < 0 ||
	    set_suites(ctx->ssl, props, err) < 0 ||
	    set_trust(ctx->ssl, props, err) < 0 ||
	    set_key(ctx->ssl, props, err) < 0)
		return -KT_EINVAL;
	return 0;
}

struct kt_tls_ctx *kt_tls_ctx_new(const struct kt_props *props,
				  struct kt_err *err)
{
	struct kt_tls_ctx *ctx = calloc(1, sizeof(*ctx));
	struct kt_props p;
	int r;

	kt_props_init(&p);
	if (!ctx)
		goto out_nomem;
	ctx->ssl = SSL_CTX_new(TLS_client_method());
	ctx->bio = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK,
				"kafkit socket");
	if (!ctx->ssl || !ctx->bio ||
	    !BIO_meth_set_write(ctx->bio, bio_write) ||
	    !BIO_meth_set_read(ctx->bio, bio_read) ||
	    !BIO_meth_set_ctrl(ctx->bio, bio_ctrl) ||
	    trimmed(props, &p, err) < 0)
		goto out_nomem;
	r = configure(ctx, &p, err);
	kt_tls_wipe_secrets(&p);
	kt_props_release(&p);
	if (r < 0)
		goto out_free;
	return ctx;
out_nomem:
	kt_tls_wipe_secrets(&p);
	kt_props_release(&p);
	kt_err_set(err, KT_ENOMEM, "out of memory");
out_free:
	ERR_clear_error();
	kt_tls_ctx_free(ctx);
	return NULL;
}

void kt_tls_wipe_secrets(struct kt_props *props)
{
	static const char *const secret[] = {
		"ssl.truststore.password",
		"ssl.keystore.password",
		"ssl.key.password",
		"ssl.keystore.key",
	};
	size_t i, j;

	for (i = 0; i < props->n; i++)
		for (j = 0; j < sizeof(secret) / sizeof(secret[0]); j++)
			if (strcmp(props->v[i].key, secret[j]) == 0) {
				OPENSSL_cleanse(props->v[i].value,
						props->v[i].value_len);
				props->v[i].value[0] = '\0';
				props->v[i].value_len = 0;
			}
}

/* Sessions ----------------------------------------------------------------- */

/* The subject of x as RFC 2253 text ("CN=localhost"), cut to fit out. */
static void subject_of(X509 *x, char *out, size_t n)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *p;
	long len;

	out[0] = '\0';
	if (b && x &&
	    X509_NAME_print_ex(b, X509_get_subject_name(x), 0,
			       XN_FLAG_RFC2253) >= 0) {
		len = BIO_get_mem_data(b, &p);
		snprintf(out, n, "%.*s", (int)(len > (long)n ? (long)n : len),
			 p);
	}
	BIO_free(b);
}

/* Remember the first certificate that fails verification, for the
 * message; the verdict itself stays OpenSSL's. */
static int verify_cb(int ok, X509_STORE_CTX *xs)
{
	SSL *ssl;
	struct kt_tls *t;
	X509 *x;

	if (ok)
		return ok;
	ssl = X509_STORE_CTX_get_ex_data(xs,
					 SSL_get_ex_data_X509_STORE_CTX_idx());
	t = ssl ? SSL_get_app_data(ssl) : NULL;
	x = X509_STORE_CTX_get_current_cert(xs);
	if (t && x && !t->subject[0])
		subject_of(x, t->subject, sizeof(t->subject));
	return ok;
}

struct kt_tls *kt_tls_new(struct kt_tls_ctx *ctx, int fd, const char *host,
			  const char *name, struct kt_err *err)
{
	struct kt_tls *t = calloc(1, sizeof(*t));
	unsigned char ip[16];
	bool is_ip;
	BIO *bio;

	if (!t)
		goto out_nomem;
	t->host = strdup(host);
	t->name = strdup(name);
	t->ssl = SSL_new(ctx->ssl);
	bio = BIO_new(ctx->bio);
	if (!t->host || !t->name || !t->ssl || !bio) {
		BIO_free(bio);
		goto out_nomem;
	}
	BIO_set_data(bio, (void *)(intptr_t)fd);
	BIO_set_init(bio, 1);
	SSL_set_bio(t->ssl, bio, bio);
	SSL_set_app_data(t->ssl, t);
	SSL_set_verify(t->ssl, SSL_VERIFY_PEER, verify_cb);
	is_ip = inet_pton(AF_INET, host, ip) == 1 ||
		inet_pton(AF_INET6, host, ip) == 1;
	/* SNI carries names only (RFC 6066 section 3) */
	if (!is_ip && !SSL_set_tlsext_host_name(t->ssl, host))
		goto out_nomem;
	if (ctx->verify_host) {
		X509_VERIFY_PARAM *vp = SSL_get0_param(t->ssl);

		X509_VERIFY_PARAM_set_hostflags(
			vp, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
		if (is_ip ? !X509_VERIFY_PARAM_set1_ip_asc(vp, host)
			  : !X509_VERIFY_PARAM_set1_host(vp, host, 0))
			goto out_nomem;
	}
	SSL_set_connect_state(t->ssl);
	return t;
out_nomem:
	ERR_clear_error();
	kt_tls_free(t);
	kt_err_set(err, KT_ENOMEM, "out of memory");
	return NULL;
}

void kt_tls_free(struct kt_tls *t)
{
	if (!t)
		return;
	/* OpenSSL forbids SSL_shutdown after a fatal error */
	if (t->ssl && t->done && !t->failed) {
		SSL_shutdown(t->ssl); /* close_notify, not waiting */
		ERR_clear_error();
	}
	SSL_free(t->ssl);
	free(t->host);
	free(t->name);
	free(t);
}

/* A verification failure in words: which certificate and why. */
static int verify_failed(struct kt_tls *t, long v, struct kt_err *err)
{
	const char *subj = t->subject[0] ? t->subject : "(none)";
	const char *why = X509_verify_cert_error_string(v);

	switch (v) {
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		return kt_err_set(err, KT_ECONNECT,
				  "TLS handshake with %s failed: certificate "
				  "'%s' does not match host name '%s'",
				  t->name, subj, t->host);
	case X509_V_ERR_CERT_HAS_EXPIRED:
		return kt_err_set(err, KT_ECONNECT,
				  "TLS handshake with %s failed: certificate "
				  "'%s' has expired",
				  t->name, subj);
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return kt_err_set(err, KT_ECONNECT,
				  "TLS handshake with %s failed: certificate "
				  "'%s' is not yet valid",
				  t->name, subj);
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
		return kt_err_set(err, KT_ECONNECT,
				  "TLS handshake with %s failed: certificate "
				  "'%s' is not trusted (%s)",
				  t->name, subj, why);
	default:
		return kt_err_set(err, KT_ECONNECT,
				  "TLS handshake with %s failed: certificate "
				  "'%s': %s",
				  t->name, subj, why);
	}
}

/* Alerts by which a broker rejects the client certificate it got. */
static bool cert_refused(int reason)
{
	return reason == SSL_R_TLSV1_ALERT_UNKNOWN_CA ||
	       reason == SSL_R_SSLV3_ALERT_BAD_CERTIFICATE ||
	       reason == SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED ||
	       reason == SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN ||
	       reason == SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE ||
	       reason == SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED;
}

/* Turn a failed SSL_* call into a one-line error. */
static int failed(struct kt_tls *t, int ret, const char *op,
		  struct kt_err *err)
{
	int e = SSL_get_error(t->ssl, ret);
	unsigned long oe = ERR_peek_last_error();
	int reason = ERR_GET_REASON(oe);
	const char *rs = oe ? ERR_reason_error_string(oe) : NULL;
	long v = SSL_get_verify_result(t->ssl);
	X509 *mine = SSL_get_certificate(t->ssl);
	char what[160], subj[160];
	int r;

	/* TLS 1.3 clients finish first: the broker's verdict on our
	 * certificate comes as an alert on the first read, still part of
	 * the handshake for the user */
	if (!t->done || reason == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED ||
	    cert_refused(reason))
		snprintf(what, sizeof(what), "TLS handshake with %s failed",
			 t->name);
	else
		snprintf(what, sizeof(what), "connection to %s: TLS %s failed",
			 t->name, op);
	if (!t->done && v != X509_V_OK) {
		r = verify_failed(t, v, err);
	} else if (e == SSL_ERROR_ZERO_RETURN) {
		r = kt_err_set(err, KT_ECLOSED,
			       "connection to %s closed by the broker",
			       t->name);
	} else if (reason == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED ||
		   (!mine && (reason == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE ||
			      cert_refused(reason)))) {
		r = kt_err_set(err, KT_ECONNECT,
			       "%s: the broker requires a client certificate "
			       "(ssl.keystore.*) and none was configured",
			       what);
	} else if (cert_refused(reason)) {
		subject_of(mine, subj, sizeof(subj));
		r = kt_err_set(err, KT_ECONNECT,
			       "%s: the broker refused our client certificate "
			       "'%s' (%s)",
			       what, subj, rs);
	} else if (!t->done &&
		   (reason == SSL_R_WRONG_VERSION_NUMBER ||
		    reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
		    reason == SSL_R_UNEXPECTED_EOF_WHILE_READING ||
		    (e == SSL_ERROR_SYSCALL && !oe))) {
		r = kt_err_set(err, KT_ECONNECT,
			       "%s: the peer is not speaking TLS (a plaintext "
			       "listener?)",
			       what);
	} else if (t->done &&
		   (reason == SSL_R_UNEXPECTED_EOF_WHILE_READING ||
		    (e == SSL_ERROR_SYSCALL && !oe &&
		     (!t->sock_errno || t->sock_errno == ECONNRESET)))) {
		r = kt_err_set(err, KT_ECLOSED,
			       "connection to %s closed by the broker",
			       t->name);
	} else if (e == SSL_ERROR_SYSCALL && t->sock_errno) {
		r = kt_err_set(err, t->sock_errno == EPIPE ? KT_ECLOSED
							   : KT_EIO,
			       "%s: %s", what, strerror(t->sock_errno));
	} else {
		r = kt_err_set(err, KT_ECONNECT, "%s: %s", what,
			       rs ? rs : "unknown TLS error");
	}
	ERR_clear_error();
	t->failed = true;
	return r;
}

/* Whether ret of an SSL_* call means "retry when the socket is ready";
 * sets t->want. */
static bool would_block(struct kt_tls *t, int ret)
{
	int e = SSL_get_error(t->ssl, ret);

	t->sock_errno = errno;
	if (e == SSL_ERROR_WANT_READ) {
		t->want = KT_TLS_WANT_READ;
		return true;
	}
	if (e == SSL_ERROR_WANT_WRITE) {
		t->want = KT_TLS_WANT_WRITE;
		return true;
	}
	return false;
}

int kt_tls_handshake(struct kt_tls *t, struct kt_err *err)
{
	int r;

	if (t->done)
		return 0;
	ERR_clear_error();
	errno = 0;
	r = SSL_do_handshake(t->ssl);
	if (r == 1) {
		t->done = true;
		t->want = KT_TLS_WANT_NONE;
		return 0;
	}
	if (would_block(t, r))
		return (int)t->want;
	return failed(t, r, "handshake", err);
}

/* The end of an SSL_read_ex/SSL_write_ex that returned r, moving n. */
static ssize_t io_end(struct kt_tls *t, int r, size_t n, const char *op,
		      struct kt_err *err)
{
	if (r == 1) {
		t->want = KT_TLS_WANT_NONE;
		return (ssize_t)n;
	}
	if (would_block(t, r))
		return 0;
	return failed(t, r, op, err);
}

ssize_t kt_tls_read(struct kt_tls *t, void *p, size_t n, struct kt_err *err)
{
	size_t got = 0;
	int r;

	ERR_clear_error();
	errno = 0;
	r = SSL_read_ex(t->ssl, p, n, &got);
	return io_end(t, r, got, "read", err);
}

ssize_t kt_tls_write(struct kt_tls *t, const void *p, size_t n,
		     struct kt_err *err)
{
	size_t put = 0;
	int r;

	ERR_clear_error();
	errno = 0;
	r = SSL_write_ex(t->ssl, p, n, &put);
	return io_end(t, r, put, "write", err);
}
