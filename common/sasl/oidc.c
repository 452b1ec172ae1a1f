/*
 * sasl/oidc.c - the OIDC client-credentials login of OAUTHBEARER
 * (sasl/oidc.h; KIP-768, RFC 6749 section 4.4): the token request as
 * Kafka's ClientSecretRequestFormatter builds it, the POST and its
 * retries as HttpJwtRetriever and Retry do them (with libcurl), the
 * answer parsed as JwtResponseParser does (with jansson), and the
 * token's lifetime from its JWT claims (RFC 7519).
 */
#include "sasl/oidc.h"

#include "sasl/sasl_int.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A token endpoint's answer is a few kilobytes; Java reads it whole. */
#define ANSWER_MAX (1u << 20)
/* Java leaves unset timeouts to the JDK (no limit); ours are bounded. */
#define DEFAULT_TIMEOUT_MS 10000

/* A positive integer property (absent: dflt). */
static int get_ms(const struct kt_props *p, const char *key, int64_t dflt,
		  int64_t *v, struct kt_err *err)
{
	const char *s = kt_props_get(p, key);
	char *end;
	long long x;

	*v = dflt;
	if (!s || !*s)
		return 0;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno || end == s || *end || x < 0 || x > INT32_MAX)
		return kt_err_set(err, KT_EINVAL,
				  "invalid value '%.32s' for configuration "
				  "'%s': expected a number of milliseconds",
				  s, key);
	*v = x;
	return 0;
}

/* Java's ConfigOrJaas: the property first, then the JAAS option. */
static const char *config_or_jaas(const struct kt_props *p, const char *key,
				  const struct kt_jaas *j, const char *opt)
{
	const char *v = kt_props_get(p, key);

	if (v && *v)
		return v;
	return j ? kt_jaas_get(j, opt) : NULL;
}

int kt_oidc_init(struct kt_oidc *o, const char *url,
		 const struct kt_props *security, const struct kt_jaas *j,
		 struct kt_err *err)
{
	const char *id, *secret, *scope, *ue, *wf;
	int r = 0;

	memset(o, 0, sizeof(*o));
	if (strncmp(url, "http://", 7) != 0 &&
	    strncmp(url, "https://", 8) != 0 && strncmp(url, "file://", 7) != 0)
		return kt_err_set(err, KT_EINVAL,
				  "invalid value '%.100s' for configuration "
				  "'sasl.oauthbearer.token.endpoint.url': "
				  "expected an http, https or file URL",
				  url);
	id = config_or_jaas(security,
			    "sasl.oauthbearer.client.credentials.client.id", j,
			    "clientId");
	secret = config_or_jaas(
		security, "sasl.oauthbearer.client.credentials.client.secret",
		j, "clientSecret");
	scope = config_or_jaas(security, "sasl.oauthbearer.scope", j, "scope");
	if (strncmp(url, "file://", 7) != 0 && (!id || !*id))
		return kt_err_set(err, KT_EINVAL,
				  "sasl.oauthbearer.client.credentials.client."
				  "id (or the sasl.jaas.config option "
				  "clientId) is required with a token "
				  "endpoint URL");
	if (strncmp(url, "file://", 7) != 0 && (!secret || !*secret))
		return kt_err_set(err, KT_EINVAL,
				  "sasl.oauthbearer.client.credentials.client."
				  "secret (or the sasl.jaas.config option "
				  "clientSecret) is required with a token "
				  "endpoint URL");
	ue = kt_props_get(security, "sasl.oauthbearer.header.urlencode");
	o->urlencode = ue && strcasecmp(ue, "true") == 0;
	o->window_factor = 0.8;
	wf = kt_props_get(security, "sasl.login.refresh.window.factor");
	if (wf && *wf) {
		char *end;
		double x;

		errno = 0;
		x = strtod(wf, &end);
		if (errno || end == wf || *end || !(x >= 0.5 && x <= 1.0))
			return kt_err_set(err, KT_EINVAL,
					  "invalid value '%.32s' for "
					  "configuration 'sasl.login.refresh."
					  "window.factor': expected 0.5 to 1.0",
					  wf);
		o->window_factor = x;
	}
	if (get_ms(security, "sasl.login.connect.timeout.ms",
		   DEFAULT_TIMEOUT_MS, &o->connect_timeout_ms, err) ||
	    get_ms(security, "sasl.login.read.timeout.ms", DEFAULT_TIMEOUT_MS,
		   &o->read_timeout_ms, err) ||
	    get_ms(security, "sasl.login.retry.backoff.ms", 100, &o->backoff_ms,
		   err) ||
	    get_ms(security, "sasl.login.retry.backoff.max.ms", 10000,
		   &o->backoff_max_ms, err))
		return -KT_EINVAL;
	o->url = kt_sasl_dup(url, &r, err);
	o->client_id = kt_sasl_dup(id, &r, err);
	o->client_secret = kt_sasl_dup(secret, &r, err);
	if (scope && *scope)
		o->scope = kt_sasl_dup(scope, &r, err);
	if (r)
		kt_oidc_release(o);
	return r;
}

int kt_oidc_copy(struct kt_oidc *dst, const struct kt_oidc *src,
		 struct kt_err *err)
{
	int r = 0;

	*dst = *src;
	dst->url = kt_sasl_dup(src->url, &r, err);
	dst->client_id = kt_sasl_dup(src->client_id, &r, err);
	dst->client_secret = kt_sasl_dup(src->client_secret, &r, err);
	dst->scope = kt_sasl_dup(src->scope, &r, err);
	dst->token = NULL;
	dst->exp_ms = dst->refresh_ms = 0;
	if (r)
		kt_oidc_release(dst);
	return r;
}

void kt_oidc_release(struct kt_oidc *o)
{
	if (!o)
		return;
	free(o->url);
	free(o->client_id);
	kt_sasl_wipe_str(o->client_secret);
	free(o->scope);
	kt_sasl_wipe_str(o->token);
	memset(o, 0, sizeof(*o));
}

int kt_oidc_urlencode(struct kt_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' ||
		    c == '*' || c == '_') {
			kt_buf_put(out, s, 1);
		} else if (c == ' ') {
			kt_buf_puts(out, "+");
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};

			kt_buf_put(out, e, 3);
		}
	}
	return out->err;
}

/* Java trims the scope (String.trim: bytes <= ' ' at both ends). */
static void put_trimmed_encoded(struct kt_buf *out, const char *s)
{
	size_t n;
	char *t;

	while (*s && (unsigned char)*s <= ' ')
		s++;
	n = strlen(s);
	while (n && (unsigned char)s[n - 1] <= ' ')
		n--;
	t = strndup(s, n);
	if (!t) {
		out->err = out->err ? out->err : -KT_ENOMEM;
		return;
	}
	kt_oidc_urlencode(out, t);
	free(t);
}

int kt_oidc_request(const struct kt_oidc *o, struct kt_buf *body,
		    struct kt_buf *auth)
{
	struct kt_buf pair;
	const char *s = o->scope;

	kt_buf_puts(body, "grant_type=client_credentials");
	while (s && *s && (unsigned char)*s <= ' ')
		s++;
	if (s && *s) {
		kt_buf_puts(body, "&scope=");
		put_trimmed_encoded(body, s);
	}
	/* RFC 7617 basic credentials, standard base64 (KAFKA-14496); the
	 * RFC 6749 section 2.3.1 url-encoding only when asked for */
	kt_buf_init(&pair, 0);
	kt_buf_grow(&pair, strlen(o->client_id) * 3 +
				   strlen(o->client_secret) * 3 + 2);
	if (o->urlencode) {
		kt_oidc_urlencode(&pair, o->client_id);
		kt_buf_puts(&pair, ":");
		kt_oidc_urlencode(&pair, o->client_secret);
	} else {
		kt_buf_puts(&pair, o->client_id);
		kt_buf_puts(&pair, ":");
		kt_buf_puts(&pair, o->client_secret);
	}
	kt_buf_puts(auth, "Basic ");
	if (pair.err)
		auth->err = auth->err ? auth->err : pair.err;
	else
		kt_base64_put(auth, pair.p, pair.len);
	kt_buf_release_wipe(&pair);
	return body->err ? body->err : auth->err;
}

/* Base64url without padding (RFC 7515 section 2) of s[0..n) into out,
 * which holds n bytes; returns the length or -1. */
static long b64url_decode(const char *s, size_t n, uint8_t *out)
{
	uint32_t acc = 0;
	size_t i, bits = 0;
	long len = 0;

	while (n && s[n - 1] == '=')
		n--;
	for (i = 0; i < n; i++) {
		int d = kt_base64_digit((unsigned char)s[i], true);

		if (d < 0)
			return -1;
		acc = (acc << 6) | (uint32_t)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[len++] = (uint8_t)(acc >> bits);
		}
	}
	if (n % 4 == 1)
		return -1;
	return len;
}

/* A NumericDate claim (RFC 7519 section 2) in ms; false if absent or not
 * a number. */
static bool claim_ms(json_t *claims, const char *name, int64_t *ms)
{
	json_t *v = json_object_get(claims, name);
	double d;

	if (!json_is_number(v))
		return false;
	d = json_number_value(v);
	if (!(d > -9.2e15 && d < 9.2e15))
		return false;
	*ms = (int64_t)(d * 1000.0);
	return true;
}

int kt_oidc_parse_jwt(const char *p, size_t n, int64_t now_ms, char **token,
		      int64_t *exp_ms, int64_t *iat_ms, struct kt_err *err)
{
	const char *dot1, *dot2;
	uint8_t *payload;
	json_t *claims;
	long len;
	int r = 0;

	*token = NULL;
	dot1 = memchr(p, '.', n);
	dot2 = dot1 ? memchr(dot1 + 1, '.', n - (size_t)(dot1 + 1 - p)) : NULL;
	if (!dot1 || !dot2 || dot1 == p || dot2 == dot1 + 1 ||
	    memchr(dot2 + 1, '.', n - (size_t)(dot2 + 1 - p)))
		return kt_err_set(err, KT_EPROTO,
				  "the token endpoint answer is not a JWT "
				  "(three base64url parts separated by dots)");
	payload = malloc((size_t)(dot2 - dot1));
	if (!payload)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	len = b64url_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), payload);
	claims = len < 0 ? NULL
			 : json_loadb((const char *)payload, (size_t)len, 0,
				      NULL);
	if (!json_is_object(claims)) {
		r = kt_err_set(err, KT_EPROTO,
			       "the token endpoint answer is not a JWT: its "
			       "payload is not a base64url JSON object");
		goto out_free;
	}
	if (!claim_ms(claims, "exp", exp_ms)) {
		r = kt_err_set(err, KT_EPROTO,
			       "the token endpoint's JWT has no numeric 'exp' "
			       "claim, which OAUTHBEARER needs");
		goto out_free;
	}
	if (!claim_ms(claims, "iat", iat_ms))
		*iat_ms = now_ms;
	*token = strndup(p, n);
	if (!*token)
		r = kt_err_set(err, KT_ENOMEM, "out of memory");
out_free:
	json_decref(claims);
	if (len > 0)
		OPENSSL_cleanse(payload, (size_t)len);
	free(payload);
	return r;
}

int kt_oidc_parse_answer(const char *p, size_t n, int64_t now_ms, char **token,
			 int64_t *exp_ms, int64_t *iat_ms, struct kt_err *err)
{
	json_t *root = json_loadb(p, n, 0, NULL);
	json_t *t = json_object_get(root, "access_token");
	int r;

	*token = NULL;
	if (!json_is_string(t))
		t = json_object_get(root, "id_token");
	if (!json_is_string(t) || !json_string_length(t)) {
		json_decref(root);
		/* Java quotes the response; it may hold secrets: we don't */
		return kt_err_set(err, KT_EPROTO,
				  "The token endpoint response did not contain "
				  "a valid JWT (no access_token or id_token "
				  "string in a JSON object of %zu bytes)",
				  n);
	}
	r = kt_oidc_parse_jwt(json_string_value(t), json_string_length(t),
			      now_ms, token, exp_ms, iat_ms, err);
	json_decref(root);
	return r;
}

void kt_oidc_format_error(const char *p, size_t n, char *out, size_t cap)
{
	json_t *root, *e, *d;
	char *es = NULL, *ds = NULL;
	size_t i = 0;

	while (i < n && (unsigned char)p[i] <= ' ')
		i++;
	if (i == n) {
		snprintf(out, cap, "{}");
		return;
	}
	root = json_loadb(p, n, JSON_DECODE_ANY, NULL);
	if (!root) {
		snprintf(out, cap, "{%.*s}", (int)(n > 1000 ? 1000 : n), p);
		return;
	}
	e = json_object_get(root, "error");
	d = json_object_get(root, "error_description");
	if (!e) {
		e = json_object_get(root, "errorCode");
		d = json_object_get(root, "errorSummary");
	}
	if (!e) {
		snprintf(out, cap, "%.*s", (int)(n > 1000 ? 1000 : n), p);
		json_decref(root);
		return;
	}
	/* Jackson's JsonNode.toString: a string node with its quotes, a
	 * missing node as "" */
	es = json_dumps(e, JSON_ENCODE_ANY | JSON_COMPACT);
	ds = d ? json_dumps(d, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	snprintf(out, cap, "{%s - %s}", es ? es : "", ds ? ds : "");
	free(es);
	free(ds);
	json_decref(root);
}

int64_t kt_oidc_refresh_at(const struct kt_oidc *o, int64_t iat_ms,
			   int64_t exp_ms)
{
	double life = (double)(exp_ms - iat_ms);

	if (life <= 0)
		return iat_ms;
	return iat_ms + (int64_t)(life * o->window_factor);
}

/* HTTP ------------------------------------------------------------------ */

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
	struct kt_buf *b = arg;

	n *= size;
	if (b->len + n > ANSWER_MAX)
		return 0;
	return kt_buf_put(b, p, n) < 0 ? 0 : n;
}

static void sleep_ms(int64_t ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* HttpJwtRetriever's UNRETRYABLE_HTTP_CODES */
static bool unretryable(long code)
{
	static const long codes[] = {400, 401, 402, 403, 404, 405,
				     406, 407, 409, 410, 411, 412,
				     413, 414, 415, 501, 505};
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i] == code)
			return true;
	return false;
}

/* One POST. Returns 0 with the answer in ans, 1 for a retryable failure,
 * or -1 for a final one; err filled on failure. */
static int post_once(const struct kt_oidc *o, const struct kt_buf *body,
		     const char *auth_hdr, struct kt_buf *ans,
		     struct kt_err *err)
{
	struct curl_slist *h = NULL, *h2;
	char cerr[CURL_ERROR_SIZE] = "";
	char fmt[400];
	CURL *c = curl_easy_init();
	double connected = 0;
	CURLcode cr;
	long code = 0, oserr = 0;

	if (!c) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return -1;
	}
	h = curl_slist_append(h, "Accept: application/json");
	h = h ? curl_slist_append(h, "Cache-Control: no-cache") : NULL;
	h = h ? curl_slist_append(h, "Content-Type: "
				     "application/x-www-form-urlencoded")
	      : NULL;
	h2 = h ? curl_slist_append(h, auth_hdr) : NULL;
	if (!h2) {
		curl_slist_free_all(h);
		curl_easy_cleanup(c);
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return -1;
	}
	h = h2;
	curl_easy_setopt(c, CURLOPT_URL, o->url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, (const char *)body->p);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body->len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, ans);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
			 (long)o->connect_timeout_ms);
	/* a read timeout as Java's: no byte for read_timeout_ms */
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME,
			 (long)((o->read_timeout_ms + 999) / 1000));
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
			 (long)(o->connect_timeout_ms + o->read_timeout_ms));
	cr = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &oserr);
	curl_easy_getinfo(c, CURLINFO_CONNECT_TIME, &connected);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (cr != CURLE_OK) {
		/* the JDK's words where it has them (ConnectException,
		 * SocketTimeoutException), else curl's */
		const char *why = *cerr ? cerr : curl_easy_strerror(cr);

		if (cr == CURLE_OPERATION_TIMEDOUT)
			why = connected > 0 ? "Read timed out"
					    : "Connect timed out";
		else if (cr == CURLE_COULDNT_CONNECT && oserr)
			why = strerror((int)oserr);
		kt_err_set(err,
			   cr == CURLE_OPERATION_TIMEDOUT ? KT_ETIMEDOUT
							  : KT_ECONNECT,
			   "token endpoint '%.100s': %s", o->url, why);
		return 1;
	}
	if (code == 200 || code == 201) {
		if (ans->len)
			return 0;
		kt_err_set(err, KT_EPROTO,
			   "The token endpoint response was unexpectedly empty "
			   "despite response code %ld from %.100s",
			   code, o->url);
		return 1;
	}
	kt_oidc_format_error((const char *)ans->p, ans->len, fmt, sizeof(fmt));
	/* Java's wording; it names no URL and there is no room for one */
	if (unretryable(code)) {
		kt_err_set(err, KT_EPROTO,
			   "The response code %ld and error response %.120s "
			   "was encountered reading the token endpoint "
			   "response; will not attempt further retries",
			   code, fmt);
		return -1;
	}
	kt_err_set(err, KT_EPROTO,
		   "The unexpected response code %ld and error message %.120s "
		   "was encountered reading the token endpoint response",
		   code, fmt);
	return 1;
}

/* Retry's loop: doubling waits from backoff_ms while within
 * backoff_max_ms of the first attempt. */
static int post(const struct kt_oidc *o, struct kt_buf *ans, struct kt_err *err)
{
	struct kt_buf body, auth;
	int64_t end = mono_ms() + o->backoff_max_ms, wait;
	struct kt_err first, e;
	int attempt = 0, r = -1;

	kt_err_clear(&first);
	kt_buf_init(&body, 0);
	kt_buf_init(&auth, 0);
	kt_buf_grow(&auth,
		    64 + 2 * (strlen(o->client_id) + strlen(o->client_secret)) *
				    3);
	kt_buf_puts(&auth, "Authorization: ");
	if (kt_oidc_request(o, &body, &auth) < 0 ||
	    kt_buf_put(&auth, "", 1) < 0 || kt_buf_put(&body, "", 1) < 0) {
		r = kt_err_set(err, KT_ENOMEM, "out of memory");
		goto out_wipe;
	}
	body.len--;
	while (mono_ms() <= end) {
		attempt++;
		kt_err_clear(&e);
		ans->len = 0;
		r = post_once(o, &body, (const char *)auth.p, ans, &e);
		if (r == 0)
			break;
		/* Java reports the first failure */
		if (!first.code)
			first = e;
		if (r < 0)
			break;
		wait = o->backoff_ms * (int64_t)pow(2, attempt - 1);
		if (wait > end - mono_ms())
			wait = end - mono_ms();
		if (wait <= 0)
			break;
		sleep_ms(wait);
	}
	if (r != 0) {
		if (err)
			*err = first;
		r = -(first.code ? first.code : KT_ETIMEDOUT);
	}
out_wipe:
	kt_buf_release(&body);
	kt_buf_release_wipe(&auth);
	return r;
}

/* FileJwtRetriever: the file's content, trimmed, is the JWT. */
static int read_file_token(const struct kt_oidc *o, struct kt_buf *ans,
			   struct kt_err *err)
{
	const char *path = o->url + 7;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return kt_err_set(err, KT_EIO,
				  "sasl.oauthbearer.token.endpoint.url: "
				  "cannot read '%.100s': %s",
				  path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (ans->len + n > ANSWER_MAX || kt_buf_put(ans, chunk, n) < 0)
			break;
	OPENSSL_cleanse(chunk, sizeof(chunk));
	fclose(f);
	if (ans->err || ans->len > ANSWER_MAX)
		return kt_err_set(err, KT_ETOOBIG,
				  "sasl.oauthbearer.token.endpoint.url: "
				  "'%.100s' is too big for a token",
				  path);
	while (ans->len && (unsigned char)ans->p[ans->len - 1] <= ' ')
		ans->len--;
	return 0;
}

const char *kt_oidc_token(struct kt_oidc *o, int64_t now_ms, struct kt_err *err)
{
	struct kt_buf ans;
	int64_t exp = 0, iat = 0;
	char *tok = NULL;
	size_t skip = 0;
	int r;

	if (o->token && now_ms < o->refresh_ms && now_ms < o->exp_ms)
		return o->token;
	kt_buf_init(&ans, 0);
	if (strncmp(o->url, "file://", 7) == 0) {
		r = read_file_token(o, &ans, err);
		while (!r && skip < ans.len &&
		       (unsigned char)ans.p[skip] <= ' ')
			skip++;
		if (!r)
			r = kt_oidc_parse_jwt((const char *)ans.p + skip,
					      ans.len - skip, now_ms, &tok,
					      &exp, &iat, err);
	} else {
		r = post(o, &ans, err);
		if (!r)
			r = kt_oidc_parse_answer((const char *)ans.p, ans.len,
						 now_ms, &tok, &exp, &iat, err);
	}
	kt_buf_release_wipe(&ans);
	if (r)
		return NULL;
	if (exp <= now_ms) {
		kt_sasl_wipe_str(tok);
		kt_err_set(err, KT_EPROTO,
			   "the token from '%.100s' has expired (its exp "
			   "claim is %lld s ago)",
			   o->url, (long long)((now_ms - exp) / 1000));
		return NULL;
	}
	kt_sasl_wipe_str(o->token);
	o->token = tok;
	o->exp_ms = exp;
	o->refresh_ms = kt_oidc_refresh_at(o, iat, exp);
	return o->token;
}
