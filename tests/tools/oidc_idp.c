/*
 * oidc_idp.c - kt-oidc-idp, a test-only OAuth/OIDC identity provider for
 * the OAUTHBEARER client-credentials login (tests/oidc.bats): a token
 * endpoint (RFC 6749 section 4.4) that signs RS256 JWTs (RFC 7515, RFC
 * 7519) and the JWKS (RFC 7517) a broker checks them with.
 *
 * Usage:
 *   kt-oidc-idp --port-file FILE [--client-id ID] [--client-secret S]
 *               [--lifetime SECONDS] [--sub NAME] [--mode-file FILE]
 *               [--log FILE] [--max-seconds N]
 * It listens on a free port of 127.0.0.1 and writes it to FILE (whole,
 * then renamed into place) once it serves. Requests, one at a time:
 *   POST /token  checks "Authorization: Basic base64(ID:S)" (defaults
 *                "kafkit", "kafkit-secret") and the form body
 *                grant_type=client_credentials[&scope=...]; answers
 *                {"access_token":JWT,"token_type":"Bearer",
 *                "expires_in":SECONDS} with claims sub, iat, exp =
 *                iat + SECONDS (default 3600) and scope (the request's,
 *                else "kafka"); a bad secret: 401 {"error":
 *                "invalid_client","error_description":...}
 *   GET /jwks    {"keys":[the RSA public key, kid "kt-idp"]}
 * The mode file (read on each token request; absent or empty: ok) holds
 * one word: ok, 401 (always refuse), 500 (an internal error with a JSON
 * body), slow (answer nothing for 30 s, from a child process, so that
 * other requests are still served meanwhile) or badsig (a token whose
 * signature does not verify); "ok N" (or "badsig N") also sets the
 * lifetime of the tokens to N seconds. --log gets one line per token
 * request, with what it was answered and the scope asked for ("token N
 * ok|401|500|slow|badsig SCOPE"; 401 too for a wrong secret in mode ok).
 *
 * Bounded: loopback only, 64 KiB per request, 5 s per request read, exits
 * after --max-seconds (default 600) or when its parent process is gone.
 * Exit 0 then, 2 on usage or setup errors.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define REQ_MAX 65536

static const char *client_id = "kafkit";
static const char *client_secret = "kafkit-secret";
static const char *sub = "kafkit-client";
static const char *mode_file;
static const char *log_file;
static long lifetime = 3600;
static EVP_PKEY *key;
static long issued;

static void b64url(const unsigned char *p, size_t n, char *out)
{
	static const char a[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvw"
		"xyz0123456789-_";
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 |
			     p[i + 2];
		out[o++] = a[v >> 18];
		out[o++] = a[(v >> 12) & 63];
		out[o++] = a[(v >> 6) & 63];
		out[o++] = a[v & 63];
	}
	if (n - i == 1) {
		unsigned v = (unsigned)p[i] << 16;
		out[o++] = a[v >> 18];
		out[o++] = a[(v >> 12) & 63];
	} else if (n - i == 2) {
		unsigned v = (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8;
		out[o++] = a[v >> 18];
		out[o++] = a[(v >> 12) & 63];
		out[o++] = a[(v >> 6) & 63];
	}
	out[o] = '\0';
}

static void b64std(const char *s, char *out)
{
	size_t n = strlen(s), o;

	b64url((const unsigned char *)s, n, out);
	o = strlen(out);
	for (size_t i = 0; i < o; i++)
		out[i] = out[i] == '-' ? '+' : out[i] == '_' ? '/' : out[i];
	while (o % 4)
		out[o++] = '=';
	out[o] = '\0';
}

static void bn_b64url(const char *param, char *out)
{
	BIGNUM *bn = NULL;
	unsigned char buf[1024];
	int n;

	EVP_PKEY_get_bn_param(key, param, &bn);
	n = BN_bn2bin(bn, buf);
	b64url(buf, (size_t)n, out);
	BN_free(bn);
}

static void jwt(const char *scope, long life, bool badsig, char *out,
		size_t cap)
{
	static const char hdr[] = "{\"alg\":\"RS256\",\"typ\":\"JWT\","
				  "\"kid\":\"kt-idp\"}";
	char claims[1024], h64[256], c64[1500], sig64[600], input[2000];
	unsigned char sig[512];
	size_t siglen = sizeof(sig);
	long now = (long)time(NULL);
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	snprintf(claims, sizeof(claims),
		 "{\"sub\":\"%s\",\"iat\":%ld,\"exp\":%ld,\"scope\":\"%s\"}",
		 sub, now, now + life, scope);
	b64url((const unsigned char *)hdr, strlen(hdr), h64);
	b64url((const unsigned char *)claims, strlen(claims), c64);
	snprintf(input, sizeof(input), "%s.%s", h64, c64);
	EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key);
	EVP_DigestSign(md, sig, &siglen, (const unsigned char *)input,
		       strlen(input));
	EVP_MD_CTX_free(md);
	if (badsig)
		sig[siglen / 2] ^= 0x5a;
	b64url(sig, siglen, sig64);
	snprintf(out, cap, "%s.%s", input, sig64);
}

static void reply(int fd, int code, const char *reason, const char *body)
{
	char head[256];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
			 "Content-Length: %zu\r\nConnection: close\r\n\r\n",
			 code, reason, strlen(body));

	if (write(fd, head, (size_t)n) < 0 || write(fd, body, strlen(body)) < 0)
		return;
}

static void read_mode(char *mode, size_t cap, long *life)
{
	FILE *f = mode_file ? fopen(mode_file, "r") : NULL;

	snprintf(mode, cap, "ok");
	*life = lifetime;
	if (!f)
		return;
	if (fgets(mode, (int)cap, f)) {
		size_t w = strcspn(mode, " \r\n");

		if (mode[w] == ' ' && strtol(mode + w + 1, NULL, 10) > 0)
			*life = strtol(mode + w + 1, NULL, 10);
		mode[w] = '\0';
	}
	if (!*mode)
		snprintf(mode, cap, "ok");
	fclose(f);
}

static void note(const char *what, const char *scope)
{
	FILE *f = log_file ? fopen(log_file, "a") : NULL;

	if (f) {
		fprintf(f, "token %ld %s %s\n", issued, what, scope);
		fclose(f);
	}
}

/* The value of header name in req (NUL-terminated head), or NULL. */
static const char *header(const char *req, const char *name, char *out,
			  size_t cap)
{
	size_t n = strlen(name);
	const char *p = strstr(req, "\r\n");

	while (p && p[2] != '\r') {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1, *e = strstr(v, "\r\n");

			while (*v == ' ')
				v++;
			snprintf(out, cap, "%.*s", (int)(e - v), v);
			return out;
		}
		p = strstr(p, "\r\n");
	}
	return NULL;
}

static void serve_token(int fd, const char *req, const char *body)
{
	char mode[32], auth[512], want[512], pair[512], tok[4096];
	char scope[256] = "kafka", answer[4400];
	const char *s;
	long life;

	issued++;
	read_mode(mode, sizeof(mode), &life);
	s = strstr(body, "&scope=");
	if (s)
		snprintf(scope, sizeof(scope), "%.*s",
			 (int)strcspn(s + 7, "&\"\\%+"), s + 7);
	if (strcmp(mode, "slow") == 0) {
		note(mode, scope);
		/* the child holds the connection open, saying nothing */
		if (fork() == 0) {
			sleep(30);
			_exit(0);
		}
		return;
	}
	if (strcmp(mode, "500") == 0) {
		note(mode, scope);
		reply(fd, 500, "Internal Server Error",
		      "{\"error\":\"server_error\",\"error_description\":"
		      "\"the identity provider is down\"}");
		return;
	}
	snprintf(pair, sizeof(pair), "%s:%s", client_id, client_secret);
	b64std(pair, want);
	if (strcmp(mode, "401") == 0 ||
	    !header(req, "Authorization", auth, sizeof(auth)) ||
	    strncmp(auth, "Basic ", 6) != 0 || strcmp(auth + 6, want) != 0) {
		note("401", scope);
		reply(fd, 401, "Unauthorized",
		      "{\"error\":\"invalid_client\",\"error_description\":"
		      "\"client authentication failed\"}");
		return;
	}
	if (strncmp(body, "grant_type=client_credentials", 29) != 0) {
		note("400", scope);
		reply(fd, 400, "Bad Request",
		      "{\"error\":\"unsupported_grant_type\"}");
		return;
	}
	note(mode, scope);
	jwt(scope, life, strcmp(mode, "badsig") == 0, tok, sizeof(tok));
	snprintf(answer, sizeof(answer),
		 "{\"access_token\":\"%s\",\"token_type\":\"Bearer\","
		 "\"expires_in\":%ld}",
		 tok, life);
	reply(fd, 200, "OK", answer);
}

static void serve(int fd)
{
	static char req[REQ_MAX + 1];
	size_t len = 0;
	char *end = NULL, cl[32];
	long want = 0;
	struct pollfd p = {fd, POLLIN, 0};

	for (;;) {
		ssize_t n;

		if (poll(&p, 1, 5000) <= 0)
			return;
		n = read(fd, req + len, REQ_MAX - len);
		if (n <= 0)
			return;
		len += (size_t)n;
		req[len] = '\0';
		if (!end && (end = strstr(req, "\r\n\r\n")) != NULL)
			want = header(req, "Content-Length", cl, sizeof(cl))
				       ? strtol(cl, NULL, 10)
				       : 0;
		if (end && (long)(len - (size_t)(end + 4 - req)) >= want)
			break;
		if (len == REQ_MAX)
			return;
	}
	if (strncmp(req, "POST /token ", 12) == 0) {
		serve_token(fd, req, end + 4);
	} else if (strncmp(req, "GET /jwks ", 10) == 0) {
		char n64[700], e64[16], body[1000];

		bn_b64url(OSSL_PKEY_PARAM_RSA_N, n64);
		bn_b64url(OSSL_PKEY_PARAM_RSA_E, e64);
		snprintf(body, sizeof(body),
			 "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\","
			 "\"alg\":\"RS256\",\"kid\":\"kt-idp\",\"n\":\"%s\","
			 "\"e\":\"%s\"}]}",
			 n64, e64);
		reply(fd, 200, "OK", body);
	} else {
		reply(fd, 404, "Not Found", "{\"error\":\"not_found\"}");
	}
}

int main(int argc, char **argv)
{
	const char *port_file = NULL;
	long max_seconds = 600;
	struct sockaddr_in a = {0};
	socklen_t alen = sizeof(a);
	pid_t parent = getppid();
	time_t until;
	char tmp[4096];
	FILE *f;
	int s, one = 1;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--port-file") == 0)
			port_file = argv[i + 1];
		else if (strcmp(argv[i], "--client-id") == 0)
			client_id = argv[i + 1];
		else if (strcmp(argv[i], "--client-secret") == 0)
			client_secret = argv[i + 1];
		else if (strcmp(argv[i], "--lifetime") == 0)
			lifetime = strtol(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--sub") == 0)
			sub = argv[i + 1];
		else if (strcmp(argv[i], "--mode-file") == 0)
			mode_file = argv[i + 1];
		else if (strcmp(argv[i], "--log") == 0)
			log_file = argv[i + 1];
		else if (strcmp(argv[i], "--max-seconds") == 0)
			max_seconds = strtol(argv[i + 1], NULL, 10);
		else {
			fprintf(stderr, "kt-oidc-idp: unknown option %s\n",
				argv[i]);
			return 2;
		}
	}
	if (!port_file || lifetime <= 0 || max_seconds <= 0) {
		fprintf(stderr, "usage: kt-oidc-idp --port-file FILE "
				"[options]\n");
		return 2;
	}
	signal(SIGCHLD, SIG_IGN); /* the slow mode's children reap themselves */
	key = EVP_RSA_gen(2048);
	s = socket(AF_INET, SOCK_STREAM, 0);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (!key || s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(s, 16) < 0 ||
	    getsockname(s, (struct sockaddr *)&a, &alen) < 0) {
		fprintf(stderr, "kt-oidc-idp: setup: %s\n", strerror(errno));
		return 2;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", port_file);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%d\n", ntohs(a.sin_port)) < 0 || fclose(f) ||
	    rename(tmp, port_file) < 0) {
		fprintf(stderr, "kt-oidc-idp: %s: %s\n", port_file,
			strerror(errno));
		return 2;
	}
	until = time(NULL) + max_seconds;
	while (time(NULL) < until && getppid() == parent) {
		struct pollfd p = {s, POLLIN, 0};
		int c;

		if (poll(&p, 1, 1000) <= 0)
			continue;
		c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		serve(c);
		close(c);
	}
	EVP_PKEY_free(key);
	return 0;
}
