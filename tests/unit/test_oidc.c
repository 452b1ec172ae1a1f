/*
 * test_oidc.c - the OIDC client-credentials login (sasl/oidc.h): the
 * token request as Kafka's ClientSecretRequestFormatter builds it (form
 * body, url-encoding as java.net.URLEncoder, the Basic header with and
 * without sasl.oauthbearer.header.urlencode), the configuration (the
 * newer properties before the JAAS options, the handler names kafkit
 * accepts), the answer parser on good, malformed and every truncated
 * answer, the error formatting of HttpJwtRetriever, the refresh point,
 * a file:// token, and an unreachable endpoint that fails within the
 * retry bound.
 */
#include "unit.h"

#include "sasl/oidc.h"
#include "sasl/sasl.h"
#include "wire/kerr.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void test_oidc(void);

/* {"alg":"none"} . {"sub":"a","iat":1000,"exp":2000} . sig */
#define JWT_1000_2000                                                          \
	"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIiwiaWF0IjoxMDAwLCJleHAiOjIwMDB9."    \
	"c2ln"
/* claims {"sub":"a","iat":1000}: no exp */
#define JWT_NO_EXP "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIiwiaWF0IjoxMDAwfQ.c2ln"
/* claims {"sub":"a","exp":"soon"} */
#define JWT_STR_EXP "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIiwiZXhwIjoic29vbiJ9.c2ln"
/* claims [1,2] */
#define JWT_ARRAY "eyJhbGciOiJub25lIn0.WzEsMl0.c2ln"
/* claims {"sub":"a","exp":4102444800} (2100-01-01), no iat */
#define JWT_2100 "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIiwiZXhwIjo0MTAyNDQ0ODAwfQ."

#define HANDLER                                                                \
	"sasl.login.callback.handler.class=org.apache.kafka.common.security."  \
	"oauthbearer.OAuthBearerLoginCallbackHandler"
#define HANDLER3                                                               \
	"sasl.login.callback.handler.class=org.apache.kafka.common.security."  \
	"oauthbearer.secured.OAuthBearerLoginCallbackHandler"
#define URL "sasl.oauthbearer.token.endpoint.url=https://idp/token"
#define OIDC_JAAS                                                              \
	"sasl.jaas.config=org.apache.kafka.common.security.oauthbearer."       \
	"OAuthBearerLoginModule required clientId=\"id\" "                     \
	"clientSecret=\"s3cr:t\" scope=\" kafka write \";"

int kt_unit_sasl_conf(struct kt_sasl_conf *c, struct kt_err *e,
		      const char *const *kv);

void kt_unit_sasl_refusal(const char *const *kv, int code, const char *want,
			  const char *name);
#define refuse kt_unit_sasl_refusal

static void urlencode(void)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{"", ""},
		{"AZaz09.-*_", "AZaz09.-*_"},
		{"a b", "a+b"},
		{"a+b", "a%2Bb"},
		{"x:y/z?&=%~", "x%3Ay%2Fz%3F%26%3D%25%7E"},
		{"\xc3\xa9", "%C3%A9"},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct kt_buf b;

		kt_buf_init(&b, 0);
		kt_oidc_urlencode(&b, t[i].in);
		kt_buf_put(&b, "", 1);
		CHECK_STR((const char *)b.p, t[i].want, "urlencode '%s'",
			  t[i].want);
		kt_buf_release(&b);
	}
}

static void request_of(struct kt_oidc *o, const char *want_body,
		       const char *want_auth, const char *name)
{
	struct kt_buf body, auth;

	kt_buf_init(&body, 0);
	kt_buf_init(&auth, 0);
	CHECK_INT(kt_oidc_request(o, &body, &auth), 0, "request %s", name);
	kt_buf_put(&body, "", 1);
	kt_buf_put(&auth, "", 1);
	CHECK_STR((const char *)body.p, want_body, "body %s", name);
	CHECK_STR((const char *)auth.p, want_auth, "auth %s", name);
	kt_buf_release(&body);
	kt_buf_release_wipe(&auth);
}

static void request(void)
{
	struct kt_oidc o;

	memset(&o, 0, sizeof(o));
	o.client_id = "id";
	o.client_secret = "s3cr:t";
	request_of(&o, "grant_type=client_credentials", "Basic aWQ6czNjcjp0",
		   "no scope");
	o.scope = "  ";
	request_of(&o, "grant_type=client_credentials", "Basic aWQ6czNjcjp0",
		   "blank scope");
	o.scope = " kafka write ";
	request_of(&o, "grant_type=client_credentials&scope=kafka+write",
		   "Basic aWQ6czNjcjp0", "scope trimmed and encoded");
	o.scope = NULL;
	o.client_id = "a b";
	o.client_secret = "c+d";
	request_of(&o, "grant_type=client_credentials",
		   "Basic YSBiOmMrZA==", "no urlencode (Java's default)");
	o.urlencode = true;
	request_of(&o, "grant_type=client_credentials", "Basic YStiOmMlMkJk",
		   "header.urlencode=true");
}

static void config(void)
{
	struct kt_sasl_conf c;
	struct kt_err e;

	CHECK_INT(kt_unit_sasl_conf(
			  &c, &e,
			  (const char *const[]){
				  "sasl.mechanism=OAUTHBEARER", HANDLER,
				  "sasl.oauthbearer.token.endpoint.url="
				  "http://127.0.0.1:1/token",
				  OIDC_JAAS,
				  "sasl.login.connect.timeout.ms=500", NULL}),
		  0, "conf from the JAAS options");
	CHECK(c.oidc != NULL, "conf has the oidc login");
	if (c.oidc) {
		CHECK_STR(c.oidc->client_id, "id", "clientId");
		CHECK_STR(c.oidc->client_secret, "s3cr:t", "clientSecret");
		CHECK_STR(c.oidc->scope, " kafka write ", "scope");
		CHECK_INT(c.oidc->connect_timeout_ms, 500, "connect timeout");
		CHECK_INT(c.oidc->backoff_ms, 100, "backoff default");
		CHECK_INT(c.oidc->backoff_max_ms, 10000, "backoff max default");
		CHECK(!c.oidc->urlencode, "urlencode off by default");
	}
	kt_sasl_conf_release(&c);

	CHECK_INT(kt_unit_sasl_conf(
			  &c, &e,
			  (const char *const[]){
				  "sasl.mechanism=OAUTHBEARER", HANDLER3,
				  "sasl.oauthbearer.token.endpoint.url="
				  "https://idp/token",
				  OIDC_JAAS,
				  "sasl.oauthbearer.client.credentials.client."
				  "id=newid",
				  "sasl.oauthbearer.client.credentials.client."
				  "secret=newsecret",
				  "sasl.oauthbearer.scope=newscope",
				  "sasl.oauthbearer.header.urlencode=true",
				  NULL}),
		  0, "conf with 3.x's handler and the newer properties");
	if (c.oidc) {
		CHECK_STR(c.oidc->client_id, "newid", "property first");
		CHECK_STR(c.oidc->client_secret, "newsecret",
			  "secret property first");
		CHECK_STR(c.oidc->scope, "newscope", "scope property");
		CHECK(c.oidc->urlencode, "header.urlencode=true");
	}
	{
		struct kt_sasl_conf d;

		CHECK_INT(kt_sasl_conf_copy(&d, &c, &e), 0, "copy");
		CHECK(d.oidc && d.oidc != c.oidc && !d.oidc->token &&
			      strcmp(d.oidc->client_secret, "newsecret") == 0,
		      "copy has its own settings, no token");
		kt_sasl_conf_release(&d);
	}
	kt_sasl_conf_release(&c);

	refuse((const char *const[]){"sasl.mechanism=OAUTHBEARER", URL,
				     OIDC_JAAS, NULL},
	       -KT_EINVAL,
	       "needs sasl.login.callback.handler.class=org.apache.kafka."
	       "common.security.oauthbearer.OAuthBearerLoginCallbackHandler",
	       "url without the handler");
	refuse((const char *const[]){"sasl.mechanism=OAUTHBEARER", HANDLER,
				     OIDC_JAAS, NULL},
	       -KT_EINVAL, "sasl.oauthbearer.token.endpoint.url is required",
	       "handler without url");
	/* the message names the property client.secret: no refuse() */
	CHECK_INT(kt_unit_sasl_conf(&c, &e,
				    (const char *const[]){
					    "sasl.mechanism=OAUTHBEARER",
					    HANDLER, URL,
					    "sasl.jaas.config=org.apache.kafka."
					    "common.security.oauthbearer."
					    "OAuthBearerLoginModule required "
					    "clientId=\"id\";",
					    NULL}),
		  -KT_EINVAL, "conf: no client secret");
	CHECK(strstr(e.msg, "clientSecret) is required") != NULL,
	      "conf: no client secret: names the option: %s", e.msg);
	kt_sasl_conf_release(&c);
	refuse((const char *const[]){"sasl.mechanism=OAUTHBEARER", HANDLER,
				     "sasl.oauthbearer.token.endpoint.url="
				     "ftp://idp/token",
				     OIDC_JAAS, NULL},
	       -KT_EINVAL, "expected an http, https or file URL", "ftp url");
	refuse((const char *const[]){"sasl.mechanism=OAUTHBEARER",
				     "sasl.login.callback.handler.class=com."
				     "example.Handler",
				     URL, OIDC_JAAS, NULL},
	       -KT_EUNSUPPORTED,
	       "sasl.login.callback.handler.class needs a JVM",
	       "another handler is refused");
	refuse((const char *const[]){"sasl.mechanism=PLAIN", HANDLER, URL,
				     OIDC_JAAS, NULL},
	       -KT_EINVAL,
	       "is the OAUTHBEARER login, but sasl.mechanism is "
	       "PLAIN",
	       "handler with PLAIN");
	refuse((const char *const[]){"sasl.mechanism=OAUTHBEARER", HANDLER, URL,
				     OIDC_JAAS,
				     "sasl.login.read.timeout.ms=soon", NULL},
	       -KT_EINVAL, "'sasl.login.read.timeout.ms'", "bad timeout");
	refuse((const char *const[]){"sasl.mechanism=OAUTHBEARER", HANDLER,
				     "sasl.oauthbearer.token.endpoint.url=",
				     NULL},
	       -KT_EINVAL, "sasl.oauthbearer.token.endpoint.url is required",
	       "empty url is no url");
}

static void answer_ok(const char *json, int64_t want_exp, int64_t want_iat,
		      const char *want_tok, const char *name)
{
	char *tok = NULL;
	int64_t exp = 0, iat = 0;
	struct kt_err e;

	kt_err_clear(&e);
	CHECK_INT(kt_oidc_parse_answer(json, strlen(json), 5000, &tok, &exp,
				       &iat, &e),
		  0, "answer %s (%s)", name, e.msg);
	CHECK_STR(tok, want_tok, "answer %s: token", name);
	CHECK_INT(exp, want_exp, "answer %s: exp", name);
	CHECK_INT(iat, want_iat, "answer %s: iat", name);
	free(tok);
}

static void answer_bad(const char *json, size_t n, const char *want,
		       const char *name)
{
	char *tok = (char *)"x";
	int64_t exp = 0, iat = 0;
	struct kt_err e;
	int r;

	kt_err_clear(&e);
	r = kt_oidc_parse_answer(json, n, 5000, &tok, &exp, &iat, &e);
	CHECK(r < 0 && tok == NULL, "answer %s refused", name);
	if (want)
		CHECK(strstr(e.msg, want) != NULL, "answer %s: '%s'", name,
		      e.msg);
	CHECK(!strstr(e.msg, "c2ln"), "answer %s: no token in message", name);
}

static void answers(void)
{
	static const char good[] = "{\"access_token\":\"" JWT_1000_2000
				   "\",\"token_type\":\"Bearer\","
				   "\"expires_in\":1000}";
	size_t i;

	answer_ok(good, 2000000, 1000000, JWT_1000_2000, "access_token");
	answer_ok("{\"id_token\":\"" JWT_1000_2000 "\"}", 2000000, 1000000,
		  JWT_1000_2000, "id_token");
	answer_ok("{\"access_token\":\"" JWT_2100 "\"}", 4102444800000LL, 5000,
		  JWT_2100, "no iat, empty signature");
	answer_bad("{\"token_type\":\"Bearer\"}",
		   strlen("{\"token_type\":\"Bearer\"}"),
		   "did not contain a valid "
		   "JWT",
		   "no access_token");
	answer_bad("{\"access_token\":17}", strlen("{\"access_token\":17}"),
		   "did not contain", "number");
	answer_bad("not json", strlen("not json"), "did not contain",
		   "not json");
	answer_bad("{\"access_token\":\"" JWT_NO_EXP "\"}",
		   strlen("{\"access_token\":\"" JWT_NO_EXP "\"}"),
		   "no numeric 'exp' claim", "no exp");
	answer_bad("{\"access_token\":\"" JWT_STR_EXP "\"}",
		   strlen("{\"access_token\":\"" JWT_STR_EXP "\"}"),
		   "no numeric 'exp' claim", "string exp");
	answer_bad("{\"access_token\":\"" JWT_ARRAY "\"}",
		   strlen("{\"access_token\":\"" JWT_ARRAY "\"}"),
		   "payload is not a base64url JSON object", "array claims");
	answer_bad("{\"access_token\":\"abc.def\"}",
		   strlen("{\"access_token\":\"abc.def\"}"), "is not a JWT",
		   "two parts");
	answer_bad("{\"access_token\":\"a.b.c.d\"}",
		   strlen("{\"access_token\":\"a.b.c.d\"}"), "is not a JWT",
		   "four parts");
	answer_bad("{\"access_token\":\"a.!!.c\"}",
		   strlen("{\"access_token\":\"a.!!.c\"}"), "not a JWT",
		   "bad base64url");
	/* every truncation of a good answer is refused cleanly */
	for (i = 0; i < sizeof(good) - 1; i++)
		answer_bad(good, i, NULL, "truncated");
}

static void errors(void)
{
	static const struct {
		const char *in, *want;
	} t[] = {
		{"", "{}"},
		{"  \n", "{}"},
		{"{\"error\":\"invalid_client\",\"error_description\":\"bad\"}",
		 "{\"invalid_client\" - \"bad\"}"},
		{"{\"error\":\"invalid_client\"}", "{\"invalid_client\" - }"},
		{"{\"errorCode\":\"E1\",\"errorSummary\":\"no\"}",
		 "{\"E1\" - \"no\"}"},
		{"{\"other\":1}", "{\"other\":1}"},
		{"<html>down</html>", "{<html>down</html>}"},
	};
	char out[256];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		kt_oidc_format_error(t[i].in, strlen(t[i].in), out,
				     sizeof(out));
		CHECK_STR(out, t[i].want, "error body '%s'", t[i].want);
	}
}

static void refresh(void)
{
	struct kt_oidc o;

	memset(&o, 0, sizeof(o));
	o.window_factor = 0.8;
	CHECK_INT(kt_oidc_refresh_at(&o, 1000, 11000), 9000,
		  "refresh at 80%% of the lifetime");
	o.window_factor = 0.5;
	CHECK_INT(kt_oidc_refresh_at(&o, 1000, 11000), 6000,
		  "refresh at window factor 0.5");
	CHECK_INT(kt_oidc_refresh_at(&o, 5000, 1000), 5000,
		  "a token already expired is refreshed at once");
}

static void file_and_unreachable(void)
{
	char path[] = "/tmp/kt-oidc-XXXXXX", url[64];
	struct kt_sasl_conf c;
	const char *tok;
	struct kt_err e;
	struct timespec t0, t1;
	int fd = mkstemp(path);
	long ms;

	CHECK(fd >= 0, "temp file");
	if (fd < 0)
		return;
	CHECK(write(fd, "\n " JWT_2100 " \n", strlen(JWT_2100) + 4) > 0,
	      "wrote the token file");
	close(fd);
	snprintf(url, sizeof(url), "file://%s", path);
	{
		char kv[96];

		snprintf(kv, sizeof(kv),
			 "sasl.oauthbearer.token.endpoint.url=%s", url);
		CHECK_INT(kt_unit_sasl_conf(
				  &c, &e,
				  (const char *const[]){
					  "sasl.mechanism=OAUTHBEARER", HANDLER,
					  kv,
					  "sasl.jaas.config=org.apache.kafka."
					  "common.security.oauthbearer."
					  "OAuthBearerLoginModule required;",
					  NULL}),
			  0, "a file:// url needs no client id");
	}
	tok = c.oidc ? kt_oidc_token(c.oidc, 5000, &e) : NULL;
	CHECK_STR(tok, JWT_2100, "the file's token, trimmed");
	CHECK(c.oidc && kt_oidc_token(c.oidc, 6000, &e) == tok,
	      "the cached token is reused");
	kt_sasl_conf_release(&c);
	unlink(path);

	/* nothing listens on port 1: a connect failure, retried from 50 ms
	 * doubling, within 300 ms */
	CHECK_INT(kt_unit_sasl_conf(
			  &c, &e,
			  (const char *const[]){
				  "sasl.mechanism=OAUTHBEARER", HANDLER,
				  "sasl.oauthbearer.token.endpoint.url="
				  "http://127.0.0.1:1/token",
				  OIDC_JAAS, "sasl.login.retry.backoff.ms=50",
				  "sasl.login.retry.backoff.max.ms=300", NULL}),
		  0, "conf for an unreachable endpoint");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	kt_err_clear(&e);
	tok = c.oidc ? kt_oidc_token(c.oidc, 5000, &e) : (const char *)"x";
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	     (t1.tv_nsec - t0.tv_nsec) / 1000000;
	CHECK(tok == NULL, "unreachable endpoint: no token");
	CHECK(strstr(e.msg, "token endpoint 'http://127.0.0.1:1/token'") !=
		      NULL,
	      "unreachable endpoint named: %s", e.msg);
	CHECK(!strstr(e.msg, "s3cr:t"), "no secret in '%s'", e.msg);
	CHECK(ms >= 250 && ms < 2000, "retried for the backoff max (%ld ms)",
	      ms);
	/* the login when the client is built fails the same way, final */
	kt_err_clear(&e);
	CHECK(kt_sasl_conf_login(&c, &e) < 0, "login: unreachable endpoint");
	CHECK_INT(e.kafka_code, KT_KERR_SASL_AUTHENTICATION_FAILED,
		  "login failure is an authentication failure");
	CHECK(strstr(e.msg, "Connection refused") != NULL,
	      "login: the JDK's words: %s", e.msg);
	kt_sasl_conf_release(&c);
	/* nothing to do before connecting for the other mechanisms */
	CHECK_INT(kt_unit_sasl_conf(
			  &c, &e,
			  (const char *const[]){
				  "sasl.mechanism=OAUTHBEARER",
				  "sasl.jaas.config=org.apache.kafka.common."
				  "security.oauthbearer.OAuthBearerLoginModule "
				  "required unsecuredLoginStringClaim_sub=\"a\";",
				  NULL}),
		  0, "conf of the unsecured login");
	CHECK_INT(kt_sasl_conf_login(&c, &e), 0, "login: unsecured, nothing");
	kt_sasl_conf_release(&c);
}

void test_oidc(void)
{
	urlencode();
	request();
	config();
	answers();
	errors();
	refresh();
	file_and_unreachable();
}
