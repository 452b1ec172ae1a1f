/*
 * net/client.h - the cluster client: configuration with Java property names,
 * bootstrap, ApiVersions and version picking per connection, the metadata
 * cache with leader lookup, connections by node id, one poll() loop over
 * every connection, and a synchronous request helper for admin tools.
 *
 * Implements protocol.md section 5 (negotiate with ApiVersions on every
 * new connection, pick per API) and the Metadata rules of section 6, with
 * the configuration semantics of the Java clients (CommonClientConfigs:
 * bootstrap.servers, client.id, request.timeout.ms,
 * socket.connection.setup.timeout.ms, default.api.timeout.ms, ...).
 *
 * Node ids: brokers keep their Kafka node id; bootstrap servers, whose id
 * is not known, get -1, -2, ... in list order (as the Java client does).
 */
#ifndef KT_NET_CLIENT_H
#define KT_NET_CLIENT_H

#include "net/conn.h"
#include "base/err.h"
#include "wire/proto.h"
#include "proto/metadata.h"
#include "java/props.h"

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

/* One host:port of bootstrap.servers. */
struct kt_hostport {
	char *host; /* without brackets for IPv6 */
	int port;
};

/*
 * Parse a bootstrap.servers list: "h1:p1,h2:p2", spaces around entries
 * allowed, IPv6 as "[::1]:9092". Every entry needs a port in 1..65535.
 * *out is a malloc'ed array of *n entries (free with
 * kt_hostports_free). Returns 0, or -KT_ESYNTAX with err naming the bad
 * entry ("invalid url in bootstrap.servers: 'x'" like Java's
 * ClientUtils, plus why).
 */
int kt_parse_bootstrap(const char *list, struct kt_hostport **out, size_t *n,
		       struct kt_err *err);
void kt_hostports_free(struct kt_hostport *hp, size_t n);

/*
 * Client configuration. Defaults are the Java client's:
 *   bootstrap.servers                     (required, no default)
 *   client.id                             "" (kafkit sends "kafkit")
 *   request.timeout.ms                    30000
 *   socket.connection.setup.timeout.ms    10000
 *   socket.connection.setup.timeout.max.ms 30000 (accepted; kafkit makes
 *                                         one attempt per address)
 *   default.api.timeout.ms                60000 (bounds bootstrap and each
 *                                         synchronous call)
 *   max.in.flight.requests.per.connection 5
 *   security.protocol                     PLAINTEXT, SSL, SASL_PLAINTEXT,
 *                                         SASL_SSL
 *   ssl.*, sasl.*                         kept as given in conf->security,
 *                                         for the TLS and SASL layers; with
 *                                         SSL/SASL_SSL, kt_client_new builds
 *                                         the TLS context (tls/tls.h) from
 *                                         them and wipes the secret ones;
 *                                         with SASL_*, it reads sasl.mechanism
 *                                         and sasl.jaas.config (sasl/sasl.h)
 *   client.dns.lookup                     use_all_dns_ips (the only one)
 * plus kafkit's own receive ceiling (100 MiB, not a Java property).
 */
enum kt_security_protocol {
	KT_SEC_PLAINTEXT,
	KT_SEC_SSL,
	KT_SEC_SASL_PLAINTEXT,
	KT_SEC_SASL_SSL,
};

struct kt_client_conf {
	char *bootstrap_servers;
	char *client_id;
	int request_timeout_ms;
	int connect_timeout_ms;
	int connect_timeout_max_ms;
	int default_api_timeout_ms;
	int max_in_flight;
	int64_t retry_backoff_ms;
	int64_t metadata_max_age_ms;
	size_t max_response;
	const char *software_name;    /* ApiVersions v3+, static */
	const char *software_version; /* ApiVersions v3+, static */
	enum kt_security_protocol security_protocol;
	struct kt_props security; /* every ssl.* and sasl.* property */
	/* NULL: plain TCP or TLS by security_protocol. Otherwise the
	 * transport of every connection (a fuzz target's scripted broker);
	 * static, not owned. */
	const struct kt_transport *transport;
};

/* Fill conf with the defaults above. */
void kt_client_conf_init(struct kt_client_conf *conf);
/* Free the strings conf owns. */
void kt_client_conf_release(struct kt_client_conf *conf);
/* A deep copy of src into dst (dst need not be initialised). Returns 0 or
 * -KT_ENOMEM (dst then empty, err filled). */
int kt_client_conf_copy(struct kt_client_conf *dst,
			const struct kt_client_conf *src, struct kt_err *err);

/* kt_client_conf_set returned: accepted and ignored. */
#define KT_CONF_IGNORED 1

/*
 * Set a client property by its Java name. Returns:
 *  0                the property is used by this client (ssl.* too: the
 *                   TLS layer reads them, under SSL and SASL_SSL);
 *  KT_CONF_IGNORED  accepted, no effect: JVM-only properties
 *                   (metric.reporters, metrics.*, auto.include.jmx.reporter,
 *                   enable.metrics.push, interceptor.classes,
 *                   key/value.(de)serializer, reconnect.backoff.*,
 *                   connections.max.idle.ms, send/receive.buffer.bytes,
 *                   socket.connection.setup.timeout.max.ms,
 *                   retry.backoff.max.ms), ssl.* and sasl.* (kept in
 *                   conf->security for the TLS and SASL layers), and
 *                   unknown names (the Java clients only log those); the
 *                   caller may warn;
 *  -KT_EINVAL       a bad value (err names property and value);
 *  -KT_EUNSUPPORTED a value kafkit cannot honour yet, which must not be
 *                   ignored: security.protocol SSL or SASL_SSL,
 *                   client.dns.lookup other than use_all_dns_ips,
 *                   config.providers (it would change other values).
 * Producer and consumer layers handle their own properties first and pass
 * the rest here.
 */
int kt_client_conf_set(struct kt_client_conf *conf, const char *name,
		       const char *value, struct kt_err *err);

/*
 * Apply every property of props (a --command-config file, say) with
 * kt_client_conf_set, then bootstrap.servers = bootstrap when not NULL (a
 * --bootstrap-server option wins over the file). Returns 0 or the first
 * failure of kt_client_conf_set.
 */
int kt_client_conf_apply(struct kt_client_conf *conf,
			 const struct kt_props *props, const char *bootstrap,
			 struct kt_err *err);

/* A node id meaning "any broker" for kt_client_send/kt_client_call. */
#define KT_NODE_ANY INT32_MIN

struct kt_client;

/* Create a client from conf (copied). Parses bootstrap.servers and, for
 * SSL and SASL_SSL, builds the one TLS context of every connection (reading
 * the stores of the ssl.* properties), but does no network I/O. Returns
 * NULL with err filled on a bad configuration (a bad ssl.* value or store:
 * the message names the property). With
 * SASL_PLAINTEXT/SASL_SSL it reads the sasl.* properties (kt_sasl_conf_init: a
 * bad or JVM-only one fails naming it).
 *
 * With SASL every new connection authenticates right after ApiVersions
 * (net/client_sasl.h) and takes requests only then. The first
 * authentication failure is final for the client: requests waiting on any
 * node that needs a new connection fail with it (kt_err_is_auth says so),
 * and kt_client_bootstrap returns it at once. */
struct kt_client *kt_client_new(const struct kt_client_conf *conf,
				struct kt_err *err);

/* Close every connection (pending requests fail with KT_ECLOSED through
 * their callbacks) and free c. NULL is fine. */
void kt_client_free(struct kt_client *c);

/*
 * Connect to the bootstrap servers in turn until one completes ApiVersions,
 * within default.api.timeout.ms in total. Returns 0, or a negative KT_E*
 * with err naming every bootstrap server and the last failure, e.g.
 * "cannot reach any bootstrap server (127.0.0.1:1): connection to
 * 127.0.0.1:1 (127.0.0.1) refused".
 */
int kt_client_bootstrap(struct kt_client *c, struct kt_err *err);

/*
 * Encode the body of a request for the version picked for the target
 * connection. Return 0 or a negative KT_E* (err filled).
 */
typedef int (*kt_encode_fn)(void *arg, struct kt_buf *b, int16_t version,
			    struct kt_err *err);

/*
 * Called once per request with the answer (err NULL) or the failure (resp
 * NULL): no connection, no usable version, encode error, broker closed,
 * timeout, client freed. node_id says who answered. As with kt_conn_cb,
 * the callback may keep the answer by moving *resp out and setting
 * resp->frame to NULL.
 */
typedef void (*kt_client_cb)(void *arg, struct kt_client *c, int32_t node_id,
			     struct kt_response *resp,
			     const struct kt_err *err);

/*
 * Queue a request for node_id (a broker id, a bootstrap id, or
 * KT_NODE_ANY), connecting and negotiating ApiVersions first when needed.
 * enc is called with the picked version once the connection knows it, so
 * enc_arg must live until cb is called. Returns 0 (cb will be called, from
 * kt_client_poll or kt_client_free, never from here), or a negative KT_E*
 * (err filled; cb is not called) for an unknown node.
 */
int kt_client_send(struct kt_client *c, int32_t node_id, int16_t api_key,
		   kt_encode_fn enc, void *enc_arg, kt_client_cb cb,
		   void *cb_arg, struct kt_err *err);

/*
 * One round of the event loop: poll() every connection for at most
 * timeout_ms (-1: until something happens) and process what is ready,
 * calling request callbacks. Returns 0, or -KT_EIO when poll itself
 * failed (err filled). Connection failures are reported to the callbacks
 * of their requests, not here.
 */
int kt_client_poll(struct kt_client *c, int timeout_ms, struct kt_err *err);

/*
 * kt_client_poll that also polls the caller's n_extra descriptors in the
 * same poll() call (a tool's standard input, say), so that one wait serves
 * both. extra[i].fd and .events are the caller's; .revents is filled (0
 * when poll timed out or failed with EINTR). extra may be NULL when n_extra
 * is 0. Returns as kt_client_poll.
 */
int kt_client_poll_fds(struct kt_client *c, int timeout_ms,
		       struct pollfd *extra, size_t n_extra,
		       struct kt_err *err);

/*
 * Send one request and wait for its answer, at most
 * default.api.timeout.ms: the synchronous helper of admin tools. On
 * success *resp owns the answer (kt_response_release) and *node_id (may be
 * NULL) says who answered. Returns 0 or a negative KT_E* (err filled).
 * enc_arg only needs to live during the call.
 */
int kt_client_call(struct kt_client *c, int32_t node_id, int16_t api_key,
		   kt_encode_fn enc, void *enc_arg, struct kt_response *resp,
		   int32_t *answered_by, struct kt_err *err);

/*
 * Fetch metadata for n topics (names), or every topic when n == -1, and
 * make it the cache; brokers in it become reachable by node id. Topics
 * are not created automatically. Returns 0 or a negative KT_E*; errors of
 * single topics are in the cache, not failures here.
 */
int kt_client_metadata_refresh(struct kt_client *c, const char *const *topics,
			       int n, struct kt_err *err);

/* Called when an asynchronous refresh ended: err is NULL when the cache
 * holds the new answer, else why not (the cache is then unchanged). */
typedef void (*kt_client_md_cb)(void *arg, struct kt_client *c,
				const struct kt_err *err);

/*
 * kt_client_metadata_refresh without waiting: the request goes out on the
 * poll loop and cb is called from kt_client_poll (or kt_client_free, with
 * KT_ECLOSED) once the answer is in the cache or the request failed. The
 * names are copied. Returns 0 (cb will be called, never from here), or a
 * negative KT_E* (err filled; cb is not called).
 */
int kt_client_metadata_refresh_async(struct kt_client *c,
				     const char *const *topics, int n,
				     kt_client_md_cb cb, void *arg,
				     struct kt_err *err);

/* The cached metadata, or NULL before the first refresh. Valid until the
 * next refresh or kt_client_free. */
const struct kt_metadata *kt_client_metadata(const struct kt_client *c);

/*
 * The leader of topic/partition from the cache. Returns 0 and sets
 * *node_id, or: -KT_ENOTFOUND when the topic or partition is not in the
 * cache; -KT_EKAFKA (err->kafka_code set) when the topic or partition
 * carries an error or has no leader (LEADER_NOT_AVAILABLE).
 */
int kt_client_leader(const struct kt_client *c, const char *topic,
		     int32_t partition, int32_t *node_id, struct kt_err *err);

/* The ApiVersions answer of node_id's current connection, or NULL when the
 * node has no negotiated connection. */
const struct kt_apivers *kt_client_apivers(const struct kt_client *c,
					   int32_t node_id);

/* "host:port" of node_id, or NULL for an unknown node. */
const char *kt_client_node_name(const struct kt_client *c, int32_t node_id);

/*
 * Open one more connection to the broker of node_id: a fresh alias
 * (kt_client_node_alias) with an unused id below -1000000 in *alias, which
 * starts connecting (and negotiating ApiVersions) at once; kt_client_poll
 * moves it on. A Kafka broker handles the requests of one connection one at
 * a time, so independent requests sent through extra connections run in
 * parallel on the broker. Returns 0, -KT_ENOTFOUND for an unknown node_id,
 * or -KT_ENOMEM (err filled).
 */
int kt_client_node_extra(struct kt_client *c, int32_t node_id, int32_t *alias,
			 struct kt_err *err);

/* The node that answered the bootstrap (a negative id), or 0 before. */
int32_t kt_client_bootstrap_node(const struct kt_client *c);

/*
 * Make md (decoded by the caller from its own, asynchronous, Metadata
 * request) the cache, as kt_client_metadata_refresh does with its answer.
 * Takes md's contents (md is left empty). Returns 0 or -KT_ENOMEM.
 */
int kt_client_metadata_take(struct kt_client *c, struct kt_metadata *md,
			    struct kt_err *err);

/*
 * Make alias_id a second node at the address of broker node_id, with its
 * own connection and request timeout (0: request.timeout.ms). The Java
 * consumer talks to its group coordinator this way, so that a JoinGroup
 * waiting for a rebalance neither queues behind nor holds up fetches, and
 * may take longer than request.timeout.ms. Calling it again follows a
 * broker that moved. Returns 0, -KT_ENOTFOUND for an unknown node_id, or
 * -KT_ENOMEM.
 */
int kt_client_node_alias(struct kt_client *c, int32_t alias_id, int32_t node_id,
			 int request_timeout_ms, struct kt_err *err);

#endif
