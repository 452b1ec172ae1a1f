/*
 * net/client_conf.c - the cluster client's configuration as the Java client
 * names it: bootstrap.servers parsed as ClientUtils.parseAndValidateAddresses
 * does, the defaults of CommonClientConfigs, and kt_client_conf_set for the
 * properties kafkit reads, refuses or (like Java) ignores.
 */
#include "net/client.h"

#include <ctype.h>
#include <errno.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* bootstrap.servers ------------------------------------------------------- */

void kt_hostports_free(struct kt_hostport *hp, size_t n)
{
	size_t i;

	if (!hp)
		return;
	for (i = 0; i < n; i++)
		free(hp[i].host);
	free(hp);
}

static int parse_one(const char *s, size_t len, struct kt_hostport *hp,
		     struct kt_err *err)
{
	const char *host, *colon, *end = s + len, *scheme;
	size_t hlen;
	long port = 0;
	const char *q;

	/* an optional "SCHEME://" as Java's ClientUtils.getHost allows */
	scheme = memchr(s, ':', len);
	if (scheme && end - scheme >= 3 && scheme[1] == '/' &&
	    scheme[2] == '/') {
		len -= (size_t)(scheme + 3 - s);
		s = scheme + 3;
	}
	if (s[0] == '[') {
		const char *rb = memchr(s, ']', len);

		if (!rb || rb + 1 >= end || rb[1] != ':')
			return kt_err_set(err, KT_ESYNTAX,
					  "invalid url in bootstrap.servers: "
					  "'%.*s': expected [IPV6]:PORT",
					  (int)len, s);
		host = s + 1;
		hlen = (size_t)(rb - host);
		colon = rb + 1;
	} else {
		colon = NULL;
		for (q = s; q < end; q++)
			if (*q == ':')
				colon = q;
		if (!colon)
			return kt_err_set(err, KT_ESYNTAX,
					  "invalid url in bootstrap.servers: "
					  "'%.*s': no port",
					  (int)len, s);
		host = s;
		hlen = (size_t)(colon - s);
	}
	if (hlen == 0 || hlen > 253)
		return kt_err_set(err, KT_ESYNTAX,
				  "invalid url in bootstrap.servers: '%.*s': "
				  "bad host",
				  (int)len, s);
	for (q = host; q < host + hlen; q++)
		if (!isalnum((unsigned char)*q) && !strchr("-._:%", *q))
			return kt_err_set(err, KT_ESYNTAX,
					  "invalid url in bootstrap.servers: "
					  "'%.*s': bad character in host",
					  (int)len, s);
	if (colon + 1 == end || end - colon > 6)
		goto bad_port;
	for (q = colon + 1; q < end; q++) {
		if (*q < '0' || *q > '9')
			goto bad_port;
		port = port * 10 + (*q - '0');
	}
	if (port < 1 || port > 65535)
		goto bad_port;
	hp->host = malloc(hlen + 1);
	if (!hp->host)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	memcpy(hp->host, host, hlen);
	hp->host[hlen] = '\0';
	hp->port = (int)port;
	return 0;
bad_port:
	return kt_err_set(err, KT_ESYNTAX,
			  "invalid port in bootstrap.servers: '%.*s'", (int)len,
			  s);
}

int kt_parse_bootstrap(const char *list, struct kt_hostport **out, size_t *n,
		       struct kt_err *err)
{
	struct kt_hostport *hp = NULL;
	size_t cnt = 1, i = 0;
	const char *p;
	int r;

	*out = NULL;
	*n = 0;
	if (!list)
		list = "";
	for (p = list; *p; p++)
		if (*p == ',')
			cnt++;
	hp = calloc(cnt, sizeof(*hp));
	if (!hp)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	p = list;
	for (;;) {
		const char *e = strchr(p, ',');
		const char *end = e ? e : p + strlen(p);

		while (p < end && isspace((unsigned char)*p))
			p++;
		while (end > p && isspace((unsigned char)end[-1]))
			end--;
		if (end == p) {
			r = kt_err_set(err, KT_ESYNTAX,
				       *list ? "invalid url in "
					       "bootstrap.servers: empty entry "
					       "in '%s'"
					     : "bootstrap.servers is empty%s",
				       list);
			goto out_free;
		}
		r = parse_one(p, (size_t)(end - p), &hp[i], err);
		if (r < 0)
			goto out_free;
		i++;
		if (!e)
			break;
		p = e + 1;
	}
	*out = hp;
	*n = i;
	return 0;
out_free:
	kt_hostports_free(hp, i);
	return r;
}

/* Configuration ----------------------------------------------------------- */

static int set_str(char **dst, const char *v, struct kt_err *err);

void kt_client_conf_init(struct kt_client_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->request_timeout_ms = 30000;
	conf->connect_timeout_ms = 10000;
	conf->connect_timeout_max_ms = 30000;
	conf->default_api_timeout_ms = 60000;
	conf->max_in_flight = 5;
	conf->retry_backoff_ms = 100;
	conf->metadata_max_age_ms = 300000;
	conf->max_response = (size_t)100 << 20;
	conf->software_name = "kafkit";
	conf->software_version = KAFKIT_VERSION;
	kt_props_init(&conf->security);
}

/* Whether the value of security property key may hold a secret: the JAAS
 * text (SASL passwords) and every *.password (TLS key stores). */
static bool secret_key(const char *key)
{
	size_t n = strlen(key);

	return strcmp(key, "sasl.jaas.config") == 0 ||
	       (n >= 8 && strcmp(key + n - 8, "password") == 0);
}

void kt_client_conf_release(struct kt_client_conf *conf)
{
	size_t i;

	for (i = 0; i < conf->security.n; i++)
		if (secret_key(conf->security.v[i].key))
			OPENSSL_cleanse(conf->security.v[i].value,
					conf->security.v[i].value_len);
	free(conf->bootstrap_servers);
	free(conf->client_id);
	conf->bootstrap_servers = conf->client_id = NULL;
	kt_props_release(&conf->security);
}

int kt_client_conf_copy(struct kt_client_conf *dst,
			const struct kt_client_conf *src, struct kt_err *err)
{
	*dst = *src;
	dst->bootstrap_servers = dst->client_id = NULL;
	kt_props_init(&dst->security);
	if ((src->bootstrap_servers &&
	     set_str(&dst->bootstrap_servers, src->bootstrap_servers, err)) ||
	    (src->client_id && set_str(&dst->client_id, src->client_id, err)) ||
	    kt_props_merge(&dst->security, &src->security, err)) {
		kt_client_conf_release(dst);
		return -KT_ENOMEM;
	}
	return 0;
}

static int set_str(char **dst, const char *v, struct kt_err *err)
{
	char *s = strdup(v);

	if (!s)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	free(*dst);
	*dst = s;
	return 0;
}

static int parse_num(const char *name, const char *v, long long min,
		     long long max, long long *out, struct kt_err *err)
{
	char *end;
	long long x;

	errno = 0;
	x = strtoll(v, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || end == v || *end || x < min || x > max)
		return kt_err_set(err, KT_EINVAL,
				  "invalid value '%s' for configuration '%s': "
				  "expected an integer in [%lld, %lld]",
				  v, name, min, max);
	*out = x;
	return 0;
}

/* Properties of the Java clients that only matter inside a JVM or to
 * layers kafkit does not have; accepted and ignored. */
static const char *const ignored[] = {
	"metric.reporters",
	"metrics.num.samples",
	"metrics.recording.level",
	"metrics.sample.window.ms",
	"auto.include.jmx.reporter",
	"enable.metrics.push",
	"interceptor.classes",
	"key.serializer",
	"value.serializer",
	"key.deserializer",
	"value.deserializer",
	"reconnect.backoff.ms",
	"reconnect.backoff.max.ms",
	"retry.backoff.max.ms",
	"connections.max.idle.ms",
	"send.buffer.bytes",
	"receive.buffer.bytes",
	"socket.connection.setup.timeout.max.ms",
	"client.rack",
	"metadata.recovery.strategy",
	"metadata.recovery.rebootstrap.trigger.ms",
	NULL,
};

/* The layers the security protocols need: a protocol whose layer is not
 * in yet is refused, never ignored. */
static const bool have_tls = true;  /* SSL, SASL_SSL */
static const bool have_sasl = true; /* SASL_PLAINTEXT, SASL_SSL */

static int set_security_protocol(struct kt_client_conf *conf,
				 const char *value, struct kt_err *err)
{
	static const struct {
		const char *name;
		enum kt_security_protocol p;
		bool tls, sasl;
	} protos[] = {
		{ "PLAINTEXT", KT_SEC_PLAINTEXT, false, false },
		{ "SSL", KT_SEC_SSL, true, false },
		{ "SASL_PLAINTEXT", KT_SEC_SASL_PLAINTEXT, false, true },
		{ "SASL_SSL", KT_SEC_SASL_SSL, true, true },
	};
	char have[64] = "";
	size_t i, off = 0;

	/* the protocols whose layers are in, for the message below */
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if ((!protos[i].tls || have_tls) &&
		    (!protos[i].sasl || have_sasl))
			off += (size_t)snprintf(have + off, sizeof(have) - off,
						"%s%s", off ? ", " : "",
						protos[i].name);
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		if (strcasecmp(value, protos[i].name) != 0)
			continue;
		if ((protos[i].tls && !have_tls) ||
		    (protos[i].sasl && !have_sasl))
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "security.protocol '%s' is not "
					  "supported by kafkit yet (only %s)",
					  value, have);
		conf->security_protocol = protos[i].p;
		return 0;
	}
	return kt_err_set(err, KT_EINVAL,
			  "invalid value '%s' for configuration "
			  "'security.protocol': expected one of "
			  "PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL",
			  value);
}

int kt_client_conf_set(struct kt_client_conf *conf, const char *name,
		       const char *value, struct kt_err *err)
{
	long long x;
	size_t i;
	int r;

	if (!name || !value)
		return kt_err_set(err, KT_EINVAL,
				  "configuration name or value "
				  "missing");
	if (strcmp(name, "bootstrap.servers") == 0)
		return set_str(&conf->bootstrap_servers, value, err);
	if (strcmp(name, "client.id") == 0)
		return set_str(&conf->client_id, value, err);
	if (strcmp(name, "request.timeout.ms") == 0) {
		r = parse_num(name, value, 0, INT32_MAX, &x, err);
		if (!r)
			conf->request_timeout_ms = (int)x;
		return r;
	}
	if (strcmp(name, "socket.connection.setup.timeout.ms") == 0) {
		r = parse_num(name, value, 0, INT32_MAX, &x, err);
		if (!r)
			conf->connect_timeout_ms = (int)x;
		return r;
	}
	if (strcmp(name, "default.api.timeout.ms") == 0) {
		r = parse_num(name, value, 0, INT32_MAX, &x, err);
		if (!r)
			conf->default_api_timeout_ms = (int)x;
		return r;
	}
	if (strcmp(name, "max.in.flight.requests.per.connection") == 0) {
		r = parse_num(name, value, 1, INT32_MAX, &x, err);
		if (!r)
			conf->max_in_flight = (int)x;
		return r;
	}
	if (strcmp(name, "retry.backoff.ms") == 0) {
		r = parse_num(name, value, 0, INT64_MAX, &x, err);
		if (!r)
			conf->retry_backoff_ms = x;
		return r;
	}
	if (strcmp(name, "metadata.max.age.ms") == 0) {
		r = parse_num(name, value, 0, INT64_MAX, &x, err);
		if (!r)
			conf->metadata_max_age_ms = x;
		return r;
	}
	if (strcmp(name, "security.protocol") == 0)
		return set_security_protocol(conf, value, err);
	if (strcmp(name, "client.dns.lookup") == 0) {
		if (strcmp(value, "use_all_dns_ips") == 0)
			return 0;
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "client.dns.lookup '%s' is not supported by "
				  "kafkit (only use_all_dns_ips)",
				  value);
	}
	if (strcmp(name, "config.providers") == 0)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "config.providers is not supported by "
				  "kafkit");
	for (i = 0; ignored[i]; i++)
		if (strcmp(name, ignored[i]) == 0)
			return KT_CONF_IGNORED;
	/* ssl.* and sasl.* are kept for the TLS and SASL layers, which
	 * read them when the security.protocol needs them; unknown names
	 * are only logged by Java */
	if (strncmp(name, "ssl.", 4) == 0 || strncmp(name, "sasl.", 5) == 0) {
		r = kt_props_set(&conf->security, name, value, err);
		if (r < 0)
			return r;
		/* ssl.*: the TLS layer's (tls/tls.h) */
		return have_tls && strncmp(name, "ssl.", 4) == 0
			       ? 0
			       : KT_CONF_IGNORED;
	}
	return KT_CONF_IGNORED;
}

int kt_client_conf_apply(struct kt_client_conf *conf,
			 const struct kt_props *props, const char *bootstrap,
			 struct kt_err *err)
{
	size_t i;
	int r;

	for (i = 0; props && i < props->n; i++) {
		r = kt_client_conf_set(conf, props->v[i].key, props->v[i].value,
				       err);
		if (r < 0)
			return r;
	}
	if (bootstrap) {
		r = kt_client_conf_set(conf, "bootstrap.servers", bootstrap,
				       err);
		if (r < 0)
			return r;
	}
	return 0;
}
