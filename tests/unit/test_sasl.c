/*
 * test_sasl.c - the sasl room: SCRAM against RFC 7677's SCRAM-SHA-256
 * exchange (user "user", password "pencil", client nonce
 * "rOprNGfwEbeRWgbNEkqO") and a SCRAM-SHA-512 exchange computed with
 * Python's hashlib and hmac (escaped user name "b=ob,"), every broken
 * server message, PLAIN and OAUTHBEARER tokens, the sasl.* configuration
 * (refusals name the property and never quote a secret), and the
 * sasl.jaas.config parser: every escape, quotes, comments and every
 * malformed input JaasConfig refuses, with Java's wording.
 */
#include "unit.h"

#include "sasl/jaas.h"
#include "sasl/sasl.h"

#include <stdlib.h>
#include <string.h>

void test_sasl(void);

#define RFC_NONCE "rOprNGfwEbeRWgbNEkqO"
#define RFC_SNONCE RFC_NONCE "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
#define RFC_SERVER_FIRST "r=" RFC_SNONCE ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
#define RFC_CLIENT_FINAL                                                       \
	"c=biws,r=" RFC_SNONCE ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
#define RFC_SERVER_FINAL "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="

static void conf_scram(struct kt_sasl_conf *c, enum kt_sasl_mechanism m,
		       const char *user, const char *pw)
{
	memset(c, 0, sizeof(*c));
	c->mechanism = m;
	c->mechanism_name = m == KT_SASL_SCRAM_SHA_512 ? "SCRAM-SHA-512"
						       : "SCRAM-SHA-256";
	c->username = strdup(user);
	c->password = strdup(pw);
}

/* One step with a C string in; out must equal want (NULL: no check). */
static int step(struct kt_sasl_session *s, const char *in, const char *want,
		struct kt_err *e, const char *name)
{
	struct kt_buf out;
	int r;

	kt_buf_init(&out, 0);
	kt_err_clear(e);
	r = kt_sasl_session_step(s, (const uint8_t *)in, in ? strlen(in) : 0,
				 &out, e);
	if (want)
		CHECK_BYTES(out.p, out.len, want, strlen(want), "%s", name);
	kt_buf_release_wipe(&out);
	return r;
}

static void scram_rfc7677(void)
{
	struct kt_sasl_conf c;
	struct kt_sasl_session *s;
	struct kt_err e;

	conf_scram(&c, KT_SASL_SCRAM_SHA_256, "user", "pencil");
	s = kt_sasl_session_new_nonce(&c, RFC_NONCE, &e);
	CHECK(s != NULL, "scram-sha-256: session");
	if (!s)
		goto out;
	CHECK_INT(step(s, NULL, "n,,n=user,r=" RFC_NONCE, &e,
		       "rfc 7677: client-first-message"),
		  KT_SASL_SEND, "rfc 7677: first step sends");
	CHECK_INT(step(s, RFC_SERVER_FIRST, RFC_CLIENT_FINAL, &e,
		       "rfc 7677: client-final-message with proof"),
		  KT_SASL_SEND, "rfc 7677: second step sends");
	CHECK_INT(step(s, RFC_SERVER_FINAL, "", &e,
		       "rfc 7677: nothing after the server-final-message"),
		  KT_SASL_DONE, "rfc 7677: server signature verified");
	CHECK_INT(step(s, "x", NULL, &e, ""), -KT_EPROTO,
		  "rfc 7677: a challenge after the end is refused");
	kt_sasl_session_free(s);
out:
	kt_sasl_conf_release(&c);
}

static void scram_sha512(void)
{
	struct kt_sasl_conf c;
	struct kt_sasl_session *s;
	struct kt_err e;

	conf_scram(&c, KT_SASL_SCRAM_SHA_512, "b=ob,", "bob-secret");
	c.tokenauth = false;
	s = kt_sasl_session_new_nonce(&c, "fixednonce", &e);
	if (!s) {
		CHECK(0, "scram-sha-512: session");
		goto out;
	}
	step(s, NULL, "n,,n=b=3Dob=2C,r=fixednonce", &e,
	     "scram-sha-512: saslname escapes = and ,");
	step(s, "r=fixednonceSERVER,s=MDEyMzQ1Njc4OWFiY2RlZg==,i=4096",
	     "c=biws,r=fixednonceSERVER,p=i+ywTqQ6PzKI5vcBpUEULiKHPeS7ZQWRkA8D"
	     "pk+kYqrdnQ+iMuL7UcVRjQ6ZuEdrGa+70LJkNdGi3/Kk/VKZPw==",
	     &e, "scram-sha-512: proof");
	CHECK_INT(step(s,
		       "v=f/xOd1KCNgKC7QNKHixDYHLRt0OZtNH9Li8m3650+CXxOqBhb2AR"
		       "rfnSn2E6NTo1tsu4ad3dFZ6Z1edo76U89w==,x=ext",
		       NULL, &e, ""),
		  KT_SASL_DONE, "scram-sha-512: server signature verified");
	kt_sasl_session_free(s);
	/* a delegation token adds the tokenauth extension */
	c.tokenauth = true;
	s = kt_sasl_session_new_nonce(&c, "n0", &e);
	if (s)
		step(s, NULL, "n,,n=b=3Dob=2C,r=n0,tokenauth=true", &e,
		     "scram: tokenauth extension");
	kt_sasl_session_free(s);
	/* a random nonce: 24 characters, different each time */
	s = kt_sasl_session_new(&c, &e);
	CHECK(s != NULL, "scram: random nonce");
	kt_sasl_session_free(s);
out:
	kt_sasl_conf_release(&c);
}

/* A server-first (or, after RFC_SERVER_FIRST, server-final) message that
 * must be refused with KT_EPROTO and a message containing want. */
static void scram_bad(const char *first, const char *final, const char *want,
		      const char *name)
{
	struct kt_sasl_conf c;
	struct kt_sasl_session *s;
	struct kt_err e;
	int r;

	conf_scram(&c, KT_SASL_SCRAM_SHA_256, "user", "pencil");
	s = kt_sasl_session_new_nonce(&c, RFC_NONCE, &e);
	if (!s) {
		CHECK(0, "%s: session", name);
		kt_sasl_conf_release(&c);
		return;
	}
	step(s, NULL, NULL, &e, "");
	r = step(s, first, NULL, &e, "");
	if (final && r == KT_SASL_SEND)
		r = step(s, final, NULL, &e, "");
	CHECK_INT(r, -KT_EPROTO, "%s: refused", name);
	CHECK(strstr(e.msg, want) != NULL, "%s: says '%s' ('%s')", name, want,
	      e.msg);
	CHECK(!strstr(e.msg, "pencil"), "%s: no password in the message",
	      name);
	kt_sasl_session_free(s);
	kt_sasl_conf_release(&c);
}

static void scram_refusals(void)
{
	static const char first[] = RFC_SERVER_FIRST;
	struct kt_sasl_conf c;
	size_t cut, bad = 0;

	scram_bad("r=xyz" RFC_NONCE ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", NULL,
		  "Invalid server nonce: does not start with client nonce",
		  "scram: foreign nonce");
	scram_bad("r=" RFC_SNONCE ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4095", NULL,
		  "Requested iterations 4095 is less than the minimum 4096",
		  "scram: too few iterations");
	scram_bad("r=" RFC_SNONCE ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=99999999",
		  NULL, "more than kafkit's maximum",
		  "scram: too many iterations");
	scram_bad("r=" RFC_SNONCE ",s=W22Z!J0SNY7soEsUEjb6gQ==,i=4096", NULL,
		  "invalid salt", "scram: bad base64 salt");
	scram_bad("r=" RFC_SNONCE ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=40x6", NULL,
		  "invalid iterations", "scram: bad iterations");
	scram_bad("m=ext,r=" RFC_SNONCE ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
		  NULL, "mandatory extension", "scram: mandatory extension");
	scram_bad("s=W22ZaJ0SNY7soEsUEjb6gQ==,r=" RFC_SNONCE ",i=4096", NULL,
		  "invalid server-first-message",
		  "scram: attributes reordered");
	scram_bad(first, "v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
		  "Invalid server signature in server final message",
		  "scram: wrong server signature");
	scram_bad(first, "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl9",
		  "Invalid server signature in server final message",
		  "scram: truncated server signature");
	scram_bad(first, "e=invalid-proof",
		  "Sasl authentication using SCRAM-SHA-256 failed with error: "
		  "invalid-proof",
		  "scram: server error");
	scram_bad(first, "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4",
		  "invalid server-final-message",
		  "scram: server signature not base64");
	scram_bad(first, "", "invalid server-final-message",
		  "scram: empty server-final-message");
	/* every strict prefix of the server-first-message is refused */
	conf_scram(&c, KT_SASL_SCRAM_SHA_256, "user", "pencil");
	for (cut = 0; cut < sizeof(first) - 1; cut++) {
		struct kt_sasl_session *s;
		struct kt_buf out;
		struct kt_err e;
		uint8_t *q = malloc(cut ? cut : 1);

		s = kt_sasl_session_new_nonce(&c, RFC_NONCE, &e);
		if (!s || !q)
			abort();
		memcpy(q, first, cut);
		kt_buf_init(&out, 0);
		kt_sasl_session_step(s, NULL, 0, &out, &e);
		kt_buf_reset(&out);
		kt_err_clear(&e);
		if (kt_sasl_session_step(s, q, cut, &out, &e) >= 0 ||
		    !e.msg[0])
			bad++;
		kt_buf_release_wipe(&out);
		kt_sasl_session_free(s);
		free(q);
	}
	CHECK(bad == 0, "scram: all %zu cuts of the server-first refused (%zu "
			"bad)",
	      sizeof(first) - 1, bad);
	kt_sasl_conf_release(&c);
}

static void plain_and_oauth(void)
{
	static const char want[] = "\0alice\0alice-secret";
	struct kt_sasl_conf c;
	struct kt_sasl_session *s;
	struct kt_buf out;
	struct kt_err e;

	memset(&c, 0, sizeof(c));
	c.mechanism = KT_SASL_PLAIN;
	c.mechanism_name = "PLAIN";
	c.username = strdup("alice");
	c.password = strdup("alice-secret");
	s = kt_sasl_session_new(&c, &e);
	kt_buf_init(&out, 0);
	CHECK_INT(kt_sasl_session_step(s, NULL, 0, &out, &e), KT_SASL_SEND,
		  "plain: one token");
	CHECK_BYTES(out.p, out.len, want, sizeof(want) - 1,
		    "plain: NUL user NUL password");
	CHECK_INT(kt_sasl_session_step(s, NULL, 0, &out, &e), KT_SASL_DONE,
		  "plain: done after the broker's answer");
	kt_buf_release_wipe(&out);
	kt_sasl_session_free(s);
	kt_sasl_conf_release(&c);

	memset(&c, 0, sizeof(c));
	c.mechanism = KT_SASL_OAUTHBEARER;
	c.mechanism_name = "OAUTHBEARER";
	c.sub = strdup("al\"ice");
	c.lifetime_s = 3600;
	s = kt_sasl_session_new(&c, &e);
	kt_buf_init(&out, 0);
	CHECK_INT(kt_sasl_session_step(s, NULL, 0, &out, &e), KT_SASL_SEND,
		  "oauthbearer: initial response");
	CHECK(out.len > 40 &&
		      memcmp(out.p,
			     "n,,\001auth=Bearer eyJhbGciOiJub25lIn0.", 36) ==
			      0 &&
		      memcmp(out.p + out.len - 3, ".\001\001", 3) == 0,
	      "oauthbearer: gs2 header, alg none, no signature");
	kt_buf_reset(&out);
	CHECK_INT(kt_sasl_session_step(s, (const uint8_t *)"{\"status\":"
							   "\"invalid_token\"}",
				       26, &out, &e),
		  KT_SASL_SEND, "oauthbearer: error JSON acknowledged");
	CHECK_BYTES(out.p, out.len, "\001", 1, "oauthbearer: with ^A");
	kt_buf_release_wipe(&out);
	kt_sasl_session_free(s);
	kt_sasl_conf_release(&c);
}

/* kt_sasl_conf_init on "k=v" pairs (NULL-terminated); returns its result
 * and leaves the message in e. test_oidc.c uses it too. */
int kt_unit_sasl_conf(struct kt_sasl_conf *c, struct kt_err *e,
		      const char *const *kv);
int kt_unit_sasl_conf(struct kt_sasl_conf *c, struct kt_err *e,
		      const char *const *kv)
{
	struct kt_props p;
	int r;

	kt_props_init(&p);
	for (; *kv; kv++)
		kt_props_set_kv(&p, *kv, NULL);
	kt_err_clear(e);
	r = kt_sasl_conf_init(c, &p, e);
	kt_props_release(&p);
	return r;
}

#define SCRAM_JAAS                                                             \
	"sasl.jaas.config=org.apache.kafka.common.security.scram."             \
	"ScramLoginModule required username=\"bob\" password=\"bob-secret\";"

/* kt_unit_sasl_conf on kv must fail with code and a message holding want
 * and no "secret"; test_oidc.c uses it too */
void kt_unit_sasl_refusal(const char *const *kv, int code, const char *want,
			  const char *name);
void kt_unit_sasl_refusal(const char *const *kv, int code, const char *want,
			  const char *name)
{
	struct kt_sasl_conf c;
	struct kt_err e;

	CHECK_INT(kt_unit_sasl_conf(&c, &e, kv), code, "conf: %s", name);
	CHECK(strstr(e.msg, want) != NULL, "conf: %s: says '%s' ('%s')", name,
	      want, e.msg);
	CHECK(!strstr(e.msg, "secret"), "conf: %s: no secret in '%s'", name,
	      e.msg);
	kt_sasl_conf_release(&c);
}

static void conf(void)
{
	static const char *const scram[] = {"sasl.mechanism=SCRAM-SHA-512",
					    SCRAM_JAAS, NULL};
	static const char *const oauth[] = {
		"sasl.mechanism=OAUTHBEARER",
		"sasl.jaas.config=org.apache.kafka.common.security.oauthbearer."
		"OAuthBearerLoginModule required "
		"unsecuredLoginStringClaim_sub=\"alice\" "
		"unsecuredLoginLifetimeSeconds=60;",
		NULL};
	struct kt_sasl_conf c, d;
	struct kt_err e;

	CHECK_INT(kt_unit_sasl_conf(&c, &e, scram), 0, "conf: scram-sha-512");
	CHECK_STR(c.mechanism_name, "SCRAM-SHA-512", "conf: mechanism");
	CHECK_STR(c.username, "bob", "conf: username");
	CHECK_STR(c.password, "bob-secret", "conf: password");
	CHECK_INT(kt_sasl_conf_copy(&d, &c, &e), 0, "conf: copy");
	CHECK_STR(d.password, "bob-secret", "conf: copy has the password");
	kt_sasl_conf_release(&d);
	kt_sasl_conf_release(&c);
	CHECK(c.password == NULL, "conf: released");
	CHECK_INT(kt_unit_sasl_conf(&c, &e, oauth), 0, "conf: oauthbearer");
	CHECK_STR(c.sub, "alice", "conf: oauthbearer sub");
	CHECK_INT(c.lifetime_s, 60, "conf: oauthbearer lifetime");
	kt_sasl_conf_release(&c);

	kt_unit_sasl_refusal(
		(const char *const[]){SCRAM_JAAS, NULL}, -KT_EUNSUPPORTED,
		"sasl.mechanism GSSAPI (the default) needs Kerberos",
		"default mechanism");
	kt_unit_sasl_refusal((const char *const[]){"sasl.mechanism=GSSAPI",
						   SCRAM_JAAS, NULL},
			     -KT_EUNSUPPORTED, "GSSAPI needs Kerberos",
			     "GSSAPI");
	kt_unit_sasl_refusal(
		(const char *const[]){"sasl.mechanism=scram-sha-512",
				      SCRAM_JAAS, NULL},
		-KT_EINVAL,
		"invalid value 'scram-sha-512' for configuration "
		"'sasl.mechanism'",
		"mechanism names are case-sensitive");
	kt_unit_sasl_refusal(
		(const char *const[]){"sasl.mechanism=PLAIN", NULL}, -KT_EINVAL,
		"sasl.jaas.config is required", "no jaas");
	kt_unit_sasl_refusal(
		(const char *const[]){
			"sasl.mechanism=PLAIN", SCRAM_JAAS,
			"sasl.login.callback.handler.class=com.example.H",
			NULL},
		-KT_EUNSUPPORTED,
		"sasl.login.callback.handler.class needs a JVM: kafkit cannot "
		"load the Java class 'com.example.H'",
		"login callback handler");
	kt_unit_sasl_refusal(
		(const char *const[]){"sasl.mechanism=PLAIN", SCRAM_JAAS,
				      "sasl.client.callback.handler."
				      "class=com.example.C",
				      NULL},
		-KT_EUNSUPPORTED, "sasl.client.callback.handler.class",
		"client callback handler");
	kt_unit_sasl_refusal(
		(const char *const[]){"sasl.mechanism=PLAIN", SCRAM_JAAS,
				      "sasl.login.class=com.example.L", NULL},
		-KT_EUNSUPPORTED, "sasl.login.class", "login class");
	kt_unit_sasl_refusal(
		(const char *const[]){
			"sasl.mechanism=PLAIN",
			"sasl.jaas.config=com.sun.security.auth.module."
			"Krb5LoginModule required useKeyTab=true;",
			NULL},
		-KT_EUNSUPPORTED,
		"login module 'com.sun.security.auth.module.Krb5LoginModule' "
		"cannot serve SASL mechanism PLAIN",
		"foreign login module");
	kt_unit_sasl_refusal(
		(const char *const[]){"sasl.mechanism=PLAIN",
				      "sasl.jaas.config=org.apache.kafka."
				      "common.security.plain."
				      "PlainLoginModule required "
				      "username=\"alice\";",
				      NULL},
		-KT_EINVAL, "no 'password' option", "no password");
	kt_unit_sasl_refusal(
		(const char *const[]){"sasl.mechanism=PLAIN",
				      "sasl.jaas.config=org.apache.kafka."
				      "common.security.plain."
				      "PlainLoginModule required "
				      "username=\"alice\" "
				      "password=\"alice-secret\"",
				      NULL},
		-KT_ESYNTAX,
		"sasl.jaas.config: JAAS config entry not terminated by "
		"semi-colon",
		"no semicolon");
	kt_unit_sasl_refusal((const char *const[]){"sasl.mechanism=OAUTHBEARER",
						   SCRAM_JAAS, NULL},
			     -KT_EUNSUPPORTED,
			     "cannot serve SASL mechanism OAUTHBEARER",
			     "oauthbearer with scram module");
	kt_unit_sasl_refusal(
		(const char *const[]){"sasl.mechanism=OAUTHBEARER",
				      "sasl.jaas.config=org.apache.kafka."
				      "common.security.oauthbearer."
				      "OAuthBearerLoginModule required;",
				      NULL},
		-KT_EINVAL, "no 'unsecuredLoginStringClaim_sub' option",
		"oauthbearer without sub");
	kt_unit_sasl_refusal(
		(const char *const[]){"sasl.mechanism=OAUTHBEARER",
				      "sasl.oauthbearer.token.endpoint."
				      "url=https://idp/token",
				      oauth[1], NULL},
		-KT_EINVAL,
		"sasl.oauthbearer.token.endpoint.url needs "
		"sasl.login.callback.handler.class",
		"oidc url without the oidc handler");
}

/* kt_jaas_parse must accept text, with module and flag as given, and
 * option key (may be NULL) equal to value. */
static void jaas_ok(const char *text, const char *key, const char *value,
		    size_t vlen, const char *name)
{
	struct kt_jaas j;
	struct kt_err e;
	const char *v;
	int r;

	kt_err_clear(&e);
	r = kt_jaas_parse(text, &j, &e);
	CHECK_INT(r, 0, "jaas: %s: parses (%s)", name, e.msg);
	if (r)
		return;
	CHECK_STR(j.module, "M", "jaas: %s: module", name);
	if (key) {
		v = kt_jaas_get(&j, key);
		CHECK(v && strlen(v) == vlen && memcmp(v, value, vlen) == 0,
		      "jaas: %s: value of %s", name, key);
	}
	kt_jaas_release(&j);
}

static void jaas_bad(const char *text, const char *want, const char *name)
{
	struct kt_jaas j;
	struct kt_err e;

	kt_err_clear(&e);
	CHECK_INT(kt_jaas_parse(text, &j, &e), -KT_ESYNTAX, "jaas: %s", name);
	CHECK_STR(e.msg, want, "jaas: %s: message", name);
	CHECK(j.module == NULL && j.n_options == 0, "jaas: %s: left empty",
	      name);
}

static void jaas(void)
{
	static const struct {
		const char *text, *key, *value, *name;
	} ok[] = {
		{"M required k=\"a\\\"b\";", "k", "a\"b",
		 "escaped double quote"},
		{"M required k='a\\'b';", "k", "a'b", "escaped single quote"},
		{"M required k='a\"b';", "k", "a\"b", "other quote inside"},
		{"M required k=\"a\\\\b\";", "k", "a\\b", "escaped backslash"},
		{"M required k=\"\\a\\b\\f\\n\\r\\t\\v\";", "k",
		 "\a\b\f\n\r\t\v",
		 "letter escapes"},
		{"M required k=\"\\q\\=\\;\";", "k", "q=;", "any other escape"},
		{"M required k=\"\\101\\60\\7x\";", "k", "A0\ax",
		 "octal escapes"},
		{"M required k=\"\\1012\";", "k", "A2",
		 "three octal digits at most"},
		{"M required k=\"\\477\";", "k", "'7", "\\4 takes two digits"},
		{"M required k=\"\\351t\\377\";", "k", "\xc3\xa9t\xc3\xbf",
		 "octal above 127 as utf-8"},
		{"M required k=\"p\xc3\xa9\";", "k", "p\xc3\xa9",
		 "utf-8 quoted"},
		{"M required k=p\xc3\xa9;", "k", "p\xc3\xa9", "utf-8 word"},
		{"M required k=\"\";", "k", "", "empty quoted value"},
		{"M required k=\"a;b=c\";", "k", "a;b=c", "; and = quoted"},
		{"  M\trequired\r\n k = v ; ", "k", "v",
		 "blanks and line ends"},
		{"M required k=\"open\nx=y;", "x", "y",
		 "a line end ends a quoted string"},
		{"M required /* c=d; */ k=v;", "k", "v", "block comment"},
		{"M required // c=d;\n k=v;", "k", "v", "line comment"},
		{"M required / c=d;\n k=v;", "k", "v", "lone slash comment"},
		{"M required k=a/b;\nz=x;", "z", "x", "a slash ends a word"},
		{"M required k=v; /* open", "k", "v",
		 "unterminated comment after the entry"},
		{"\"M\" required \"k\"=\"v\";", "k", "v",
		 "quoted class and key"},
	};
	size_t i;

	struct kt_jaas j;
	struct kt_err e;

	CHECK_INT(kt_jaas_parse("a.b.C required k1=v1 k2=\"v 2\" k1='w';", &j,
				&e),
		  0, "jaas: options");
	CHECK_STR(j.module, "a.b.C", "jaas: module class");
	CHECK_INT(j.flag, KT_JAAS_REQUIRED, "jaas: flag required");
	CHECK_INT(j.n_options, 2, "jaas: a repeated key counts once");
	CHECK_STR(kt_jaas_get(&j, "k1"), "w", "jaas: the later value wins");
	CHECK_STR(kt_jaas_get(&j, "k2"), "v 2", "jaas: quoted blank");
	CHECK(kt_jaas_get(&j, "k3") == NULL, "jaas: absent key");
	kt_jaas_release(&j);
	kt_jaas_release(&j);
	CHECK_INT(kt_jaas_parse("M REQUISITE;", &j, &e), 0, "jaas: requisite");
	CHECK_INT(j.flag, KT_JAAS_REQUISITE, "jaas: flag in any case");
	kt_jaas_release(&j);
	CHECK_INT(kt_jaas_parse("M Sufficient;", &j, &e), 0,
		  "jaas: sufficient");
	CHECK_INT(j.flag, KT_JAAS_SUFFICIENT, "jaas: flag sufficient");
	kt_jaas_release(&j);
	CHECK_INT(kt_jaas_parse("M optional;", &j, &e), 0, "jaas: optional");
	CHECK_INT(j.flag, KT_JAAS_OPTIONAL, "jaas: flag optional");
	kt_jaas_release(&j);

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		jaas_ok(ok[i].text, ok[i].key, ok[i].value,
			strlen(ok[i].value), ok[i].name);
	jaas_bad("", "sasl.jaas.config: Login module not specified in JAAS "
		     "config",
		 "empty");
	jaas_bad("  /* only */ // a comment",
		 "sasl.jaas.config: Login module not specified in JAAS config",
		 "only comments");
	jaas_bad("M", "sasl.jaas.config: Login module control flag not "
		      "specified in JAAS config",
		 "no flag");
	jaas_bad("M ;", "sasl.jaas.config: Login module control flag is not "
			"available in the JAAS config",
		 "semicolon for a flag");
	jaas_bad("M needed;", "sasl.jaas.config: Invalid login module control "
			      "flag 'needed' in JAAS config",
		 "bad flag");
	jaas_bad("M required k;", "sasl.jaas.config: Value not specified for "
				  "key 'k' in JAAS config",
		 "key without value");
	jaas_bad("M required k=;", "sasl.jaas.config: Value not specified for "
				   "key 'k' in JAAS config",
		 "key with empty value");
	jaas_bad("M required k=", "sasl.jaas.config: Value not specified for "
				  "key 'k' in JAAS config",
		 "key at the end");
	jaas_bad("M required =v;", "sasl.jaas.config: Value not specified for "
				   "key 'null' in JAAS config",
		 "value without key");
	jaas_bad("M required k=v", "sasl.jaas.config: JAAS config entry not "
				   "terminated by semi-colon",
		 "no semicolon");
	jaas_bad("M required k=\"v;\"", "sasl.jaas.config: JAAS config entry "
					"not terminated by semi-colon",
		 "semicolon inside the quotes only");
	jaas_bad("M required k=a\"b c\";", "sasl.jaas.config: Value not "
					 "specified for key 'b c' in JAAS "
					 "config",
		 "a quote ends a word and starts a key");
	jaas_bad("M required k=v;;",
		 "sasl.jaas.config: Login module control flag not specified "
		 "in JAAS config",
		 "a second semicolon starts an entry");
	jaas_bad("M required k=\"tail\\", "sasl.jaas.config: JAAS config "
					   "entry not terminated by "
					   "semi-colon",
		 "backslash at the end");
	jaas_bad("M required; N required;",
		 "sasl.jaas.config: JAAS config property contains 2 login "
		 "modules, should be 1 module",
		 "two modules");
	jaas_bad("M required; N;",
		 "sasl.jaas.config: Login module control flag is not "
		 "available in the JAAS config",
		 "a bad second module");
	jaas_bad("= required;", "sasl.jaas.config: Login module not specified "
				"in JAAS config",
		 "no module class");
	jaas_bad("M required k=\"a\\0b\";", "sasl.jaas.config: the value of "
					    "'k' holds a NUL character",
		 "NUL escape");
	jaas_bad("M required k=\"secret", "sasl.jaas.config: JAAS config "
					  "entry not terminated by semi-colon",
		 "unterminated quote, no secret in the message");
}

void test_sasl(void)
{
	scram_rfc7677();
	scram_sha512();
	scram_refusals();
	plain_and_oauth();
	conf();
	jaas();
}
