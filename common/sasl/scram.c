/*
 * sasl/scram.c - the client of SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802
 * section 3 and 5, RFC 7677), as Kafka's ScramSaslClient speaks it: gs2
 * header "n,," (no channel binding, no authzid), the user name escaped as
 * a saslname (',' as =2C, '=' as =3D), the password taken as its UTF-8
 * bytes (Kafka does no SASLprep), the optional "tokenauth=true" extension
 * of delegation tokens (KIP-48), at least 4096 iterations, and the server
 * signature checked before the exchange counts as done.
 */
#include "sasl/sasl_int.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

/* ScramMechanism.minIterations; the most kafkit will compute (Kafka's own
 * credentials stop at 16384). */
#define SCRAM_MIN_ITERATIONS 4096
#define SCRAM_MAX_ITERATIONS (1 << 20)
/* A server message longer than this is refused. */
#define SCRAM_MAX_MESSAGE 4096

static const EVP_MD *md_of(const struct kt_scram *sc)
{
	return sc->md_len == 64 ? EVP_sha512() : EVP_sha256();
}

static const char *name_of(const struct kt_scram *sc)
{
	return sc->md_len == 64 ? "SCRAM-SHA-512" : "SCRAM-SHA-256";
}

static bool printable(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < 0x21 || s[i] > 0x7e || s[i] == ',')
			return false;
	return n > 0;
}

int kt_scram_init(struct kt_scram *sc, enum kt_sasl_mechanism m,
		  const char *nonce, struct kt_err *err)
{
	uint8_t raw[18];
	struct kt_buf b;

	memset(sc, 0, sizeof(*sc));
	sc->md_len = m == KT_SASL_SCRAM_SHA_512 ? 64 : 32;
	if (nonce) {
		if (strlen(nonce) > KT_SCRAM_NONCE_MAX ||
		    !printable(nonce, strlen(nonce)))
			return kt_err_set(err, KT_EINVAL,
					  "%s: bad client nonce", name_of(sc));
		memcpy(sc->nonce, nonce, strlen(nonce) + 1);
		return 0;
	}
	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return kt_err_set(err, KT_EIO,
				  "%s: no random bytes for the client nonce",
				  name_of(sc));
	kt_buf_init(&b, 0);
	if (kt_base64_put(&b, raw, sizeof(raw)) ||
	    b.len > KT_SCRAM_NONCE_MAX) {
		kt_buf_release(&b);
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	}
	memcpy(sc->nonce, b.p, b.len);
	sc->nonce[b.len] = '\0';
	kt_buf_release(&b);
	return 0;
}

void kt_scram_release(struct kt_scram *sc)
{
	kt_sasl_wipe_str(sc->client_first_bare);
	kt_sasl_wipe_str(sc->auth_message);
	OPENSSL_cleanse(sc, sizeof(*sc));
}

/* Detach b as a C string (NULL when b failed). */
static char *take_str(struct kt_buf *b)
{
	char *s;

	if (kt_put_i8(b, 0) < 0)
		return NULL;
	s = (char *)kt_buf_detach(b, NULL);
	return s;
}

static int client_first(struct kt_sasl_session *s, struct kt_buf *out,
			struct kt_err *err)
{
	struct kt_scram *sc = &s->scram;
	const char *u;
	struct kt_buf b;

	kt_buf_init(&b, 0);
	kt_buf_puts(&b, "n=");
	for (u = s->conf->username; *u; u++) {
		if (*u == '=')
			kt_buf_puts(&b, "=3D");
		else if (*u == ',')
			kt_buf_puts(&b, "=2C");
		else
			kt_buf_put(&b, u, 1);
	}
	kt_buf_puts(&b, ",r=");
	kt_buf_puts(&b, sc->nonce);
	if (s->conf->tokenauth)
		kt_buf_puts(&b, ",tokenauth=true");
	sc->client_first_bare = take_str(&b);
	kt_buf_release(&b);
	if (!sc->client_first_bare)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	kt_buf_puts(out, "n,,");
	kt_buf_puts(out, sc->client_first_bare);
	return out->err ? out->err : KT_SASL_SEND;
}

/* The server's message as a C string in a malloc'ed copy. */
static char *message(const struct kt_scram *sc, const uint8_t *in, size_t len,
		     const char *what, struct kt_err *err)
{
	char *m;

	if (len == 0 || len > SCRAM_MAX_MESSAGE || memchr(in, 0, len)) {
		kt_err_set(err, KT_EPROTO, "%s: invalid %s (%zu bytes)",
			   name_of(sc), what, len);
		return NULL;
	}
	m = malloc(len + 1);
	if (!m) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return NULL;
	}
	memcpy(m, in, len);
	m[len] = '\0';
	return m;
}

/* The attribute at *p if it is "k=value": value and its length; *p moves
 * past it and a following ','. NULL when the next attribute is not k. */
static const char *attr(const char **p, char k, size_t *n)
{
	const char *v = *p, *end;

	if (v[0] != k || v[1] != '=')
		return NULL;
	v += 2;
	end = strchr(v, ',');
	*n = end ? (size_t)(end - v) : strlen(v);
	*p = end ? end + 1 : v + *n;
	return v;
}

/* Decode base64 s[0..n) into out, which holds cap bytes. Returns the
 * length, or -1 for bad input or too little room. */
static long b64_decode(const char *s, size_t n, uint8_t *out, size_t cap)
{
	if (n / 4 * 3 > cap)
		return -1;
	return kt_base64_decode(s, n, out);
}

/* HMAC(key, data) into out (md_len bytes). */
static int hmac(const struct kt_scram *sc, const uint8_t *key, size_t klen,
		const void *data, size_t n, uint8_t *out)
{
	unsigned int len = 0;

	if (!HMAC(md_of(sc), key, (int)klen, data, n, out, &len) ||
	    len != sc->md_len)
		return -1;
	return 0;
}

/* ClientProof = ClientKey XOR HMAC(H(ClientKey), AuthMessage) */
static int proof(const struct kt_scram *sc, uint8_t *out)
{
	uint8_t ckey[64], stored[64], sig[64];
	unsigned int slen = 0;
	size_t i;
	int r = -1;

	if (hmac(sc, sc->salted, sc->md_len, "Client Key", 10, ckey) ||
	    !EVP_Digest(ckey, sc->md_len, stored, &slen, md_of(sc), NULL) ||
	    slen != sc->md_len ||
	    hmac(sc, stored, sc->md_len, sc->auth_message,
		 strlen(sc->auth_message), sig))
		goto out_wipe;
	for (i = 0; i < sc->md_len; i++)
		out[i] = ckey[i] ^ sig[i];
	r = 0;
out_wipe:
	OPENSSL_cleanse(ckey, sizeof(ckey));
	OPENSSL_cleanse(stored, sizeof(stored));
	OPENSSL_cleanse(sig, sizeof(sig));
	return r;
}

static int client_final(struct kt_sasl_session *s, const uint8_t *in,
			size_t len, struct kt_buf *out, struct kt_err *err)
{
	struct kt_scram *sc = &s->scram;
	const char *p, *nonce, *salt64, *iter;
	size_t nn, ns, ni, nlen = strlen(sc->nonce);
	uint8_t salt[128], pr[64];
	const char *pw = s->conf->password;
	struct kt_buf b;
	long long it = 0;
	char *m;
	long saltlen;
	int r;
	size_t i;

	m = message(sc, in, len, "server-first-message", err);
	if (!m)
		return -err->code;
	p = m;
	if (strncmp(p, "m=", 2) == 0) {
		r = kt_err_set(err, KT_EPROTO,
			       "%s: the server-first-message has a mandatory "
			       "extension (m=), which kafkit does not know",
			       name_of(sc));
		goto out_free;
	}
	nonce = attr(&p, 'r', &nn);
	salt64 = nonce ? attr(&p, 's', &ns) : NULL;
	iter = salt64 ? attr(&p, 'i', &ni) : NULL;
	if (!iter || !printable(nonce, nn) || ni == 0 || ni > 9) {
		r = kt_err_set(err, KT_EPROTO,
			       "%s: invalid server-first-message",
			       name_of(sc));
		goto out_free;
	}
	for (i = 0; i < ni; i++) {
		if (iter[i] < '0' || iter[i] > '9')
			break;
		it = it * 10 + (iter[i] - '0');
	}
	saltlen = b64_decode(salt64, ns, salt, sizeof(salt));
	if (i < ni || saltlen <= 0) {
		r = kt_err_set(err, KT_EPROTO,
			       "%s: invalid %s in the server-first-message",
			       name_of(sc), i < ni ? "iterations" : "salt");
		goto out_free;
	}
	if (nn < nlen || memcmp(nonce, sc->nonce, nlen) != 0) {
		r = kt_err_set(err, KT_EPROTO,
			       "%s: Invalid server nonce: does not start with "
			       "client nonce",
			       name_of(sc));
		goto out_free;
	}
	if (it < SCRAM_MIN_ITERATIONS || it > SCRAM_MAX_ITERATIONS) {
		r = kt_err_set(err, KT_EPROTO,
			       "%s: Requested iterations %lld is %s %d",
			       name_of(sc), it,
			       it < SCRAM_MIN_ITERATIONS
				       ? "less than the minimum"
				       : "more than kafkit's maximum",
			       it < SCRAM_MIN_ITERATIONS
				       ? SCRAM_MIN_ITERATIONS
				       : SCRAM_MAX_ITERATIONS);
		goto out_free;
	}
	/* SaltedPassword = Hi(password, salt, i) */
	if (!PKCS5_PBKDF2_HMAC(pw, (int)strlen(pw), salt, (int)saltlen, (int)it,
			       md_of(sc), (int)sc->md_len, sc->salted)) {
		r = kt_err_set(err, KT_EIO, "%s: PBKDF2 failed", name_of(sc));
		goto out_free;
	}
	/* AuthMessage = client-first-bare "," server-first "," final-less */
	kt_buf_init(&b, 0);
	kt_buf_printf(&b, "%s,%s,c=biws,r=%.*s", sc->client_first_bare, m,
		      (int)nn, nonce);
	sc->auth_message = take_str(&b);
	kt_buf_release(&b);
	if (!sc->auth_message || proof(sc, pr) < 0) {
		r = kt_err_set(err, KT_ENOMEM, "%s: cannot compute the proof",
			       name_of(sc));
		goto out_free;
	}
	kt_buf_printf(out, "c=biws,r=%.*s,p=", (int)nn, nonce);
	kt_base64_put(out, pr, sc->md_len);
	OPENSSL_cleanse(pr, sizeof(pr));
	r = out->err ? out->err : KT_SASL_SEND;
out_free:
	free(m);
	return r;
}

static int verify_final(struct kt_sasl_session *s, const uint8_t *in,
			size_t len, struct kt_err *err)
{
	struct kt_scram *sc = &s->scram;
	uint8_t skey[64], want[64], got[96];
	const char *p, *v;
	long glen;
	size_t n;
	int r;
	char *m;

	m = message(sc, in, len, "server-final-message", err);
	if (!m)
		return -err->code;
	p = m;
	v = attr(&p, 'e', &n);
	if (v) {
		r = kt_err_set(err, KT_EPROTO,
			       "Sasl authentication using %s failed with "
			       "error: %.*s",
			       name_of(sc), (int)(n > 100 ? 100 : n), v);
		goto out_free;
	}
	v = attr(&p, 'v', &n);
	glen = v ? b64_decode(v, n, got, sizeof(got)) : -1;
	if (glen < 0) {
		r = kt_err_set(err, KT_EPROTO,
			       "%s: invalid server-final-message",
			       name_of(sc));
		goto out_free;
	}
	/* ServerSignature = HMAC(HMAC(SaltedPassword, "Server Key"), AM) */
	if (hmac(sc, sc->salted, sc->md_len, "Server Key", 10, skey) ||
	    hmac(sc, skey, sc->md_len, sc->auth_message,
		 strlen(sc->auth_message), want)) {
		r = kt_err_set(err, KT_EIO, "%s: HMAC failed", name_of(sc));
		goto out_wipe;
	}
	if ((size_t)glen != sc->md_len ||
	    CRYPTO_memcmp(got, want, sc->md_len) != 0) {
		r = kt_err_set(err, KT_EPROTO,
			       "%s: Invalid server signature in server final "
			       "message",
			       name_of(sc));
		goto out_wipe;
	}
	r = KT_SASL_DONE;
out_wipe:
	OPENSSL_cleanse(skey, sizeof(skey));
	OPENSSL_cleanse(want, sizeof(want));
out_free:
	free(m);
	return r;
}

int kt_scram_step(struct kt_sasl_session *s, const uint8_t *in, size_t len,
		  struct kt_buf *out, struct kt_err *err)
{
	switch (s->step) {
	case 0:
		return client_first(s, out, err);
	case 1:
		return client_final(s, in, len, out, err);
	case 2:
		return verify_final(s, in, len, err);
	default:
		return kt_err_set(err, KT_EPROTO,
				  "%s: Unexpected challenge in Sasl client "
				  "state COMPLETE",
				  name_of(&s->scram));
	}
}
