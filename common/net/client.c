/*
 * net/client.c - the cluster client: bootstrap,
 * ApiVersions on every new connection (with the UNSUPPORTED_VERSION
 * fallback of KIP-511), per-connection version picking, the metadata cache,
 * connections by node id, and one poll() loop over all connections.
 *
 * Implements protocol.md section 5 and the Metadata routing rules of
 * section 6. Requests wait on their node until its connection has
 * negotiated versions; only then is each one encoded, with the version
 * picked for that very connection. The configuration and the parsing of
 * bootstrap.servers are client_conf.c.
 */
#include "net/client.h"

#include "tls/tls.h"
#include "net/client_sasl.h"
#include "wire/kerr.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

/* Nodes ------------------------------------------------------------------- */

struct creq {
	struct creq *next;
	int16_t api_key;
	kt_encode_fn enc;
	void *enc_arg;
	kt_client_cb cb;
	void *cb_arg;
	struct node *node;
	struct kt_err err; /* why, while on the client's failed list */
};

struct node {
	int32_t id;
	char *host;
	int port;
	char name[300];
	struct kt_client *client;
	struct kt_conn *conn;
	bool av_ok;
	int16_t av_sent;
	struct kt_apivers av;
	int req_timeout_ms;	/* 0: the client's request.timeout.ms */
	int64_t reauth_at;	/* KIP-368: log in again from then; 0: never */
	bool reauthing;		/* re-authenticating: new requests wait */
	struct kt_err last_err; /* why the last connection failed */
	int64_t failed_at;	/* 0: never failed */
	struct creq *wait_head, *wait_tail;
};

struct kt_client {
	struct kt_client_conf conf;
	const char *client_id;
	struct kt_hostport *boot;
	size_t n_boot;
	struct node **nodes;
	size_t n_nodes;
	size_t cap_nodes;
	struct pollfd *pfds;
	struct node **pnodes;
	size_t cap_pfds;
	struct kt_metadata md;
	bool have_md;
	int32_t boot_node;
	struct kt_tls_ctx *tls; /* SSL and SASL_SSL: one for every node */
	bool sasl_on;		 /* security.protocol SASL_* */
	struct kt_sasl_conf sasl; /* when sasl_on */
	struct kt_err auth_err;	 /* the first authentication failure */
	/* requests that failed inside kt_client_send: their callbacks run
	 * from the next poll (or kt_client_free), never from the send */
	struct creq *failed_head, *failed_tail;
};

static struct node *node_find(const struct kt_client *c, int32_t id)
{
	size_t i;

	for (i = 0; i < c->n_nodes; i++)
		if (c->nodes[i]->id == id)
			return c->nodes[i];
	return NULL;
}

static struct node *node_add(struct kt_client *c, int32_t id, const char *host,
			     int port, struct kt_err *err)
{
	struct node *n;

	if (c->n_nodes == c->cap_nodes) {
		size_t cap = c->cap_nodes ? c->cap_nodes * 2 : 8;
		struct node **nn = realloc(c->nodes, cap * sizeof(*nn));

		if (!nn)
			goto out_nomem;
		c->nodes = nn;
		c->cap_nodes = cap;
	}
	n = calloc(1, sizeof(*n));
	if (!n)
		goto out_nomem;
	n->host = strdup(host);
	if (!n->host) {
		free(n);
		goto out_nomem;
	}
	n->id = id;
	n->port = port;
	n->client = c;
	snprintf(n->name, sizeof(n->name),
		 strchr(host, ':') ? "[%s]:%d" : "%s:%d", host, port);
	c->nodes[c->n_nodes++] = n;
	return n;
out_nomem:
	kt_err_set(err, KT_ENOMEM, "out of memory");
	return NULL;
}

static void creq_fail(struct creq *q, const struct kt_err *err)
{
	if (q->cb)
		q->cb(q->cb_arg, q->node->client, q->node->id, NULL, err);
	free(q);
}

/* Fail q later, from the next poll: for kt_client_send, whose caller may
 * still use what its callback frees. */
static void creq_fail_later(struct creq *q, const struct kt_err *err)
{
	struct kt_client *c = q->node->client;

	q->err = *err;
	q->next = NULL;
	if (c->failed_tail)
		c->failed_tail->next = q;
	else
		c->failed_head = q;
	c->failed_tail = q;
}

/* Run the callbacks of the requests kt_client_send failed. Returns
 * whether there were any. */
static bool fail_later_now(struct kt_client *c)
{
	struct creq *q = c->failed_head;

	c->failed_head = c->failed_tail = NULL;
	if (!q)
		return false;
	while (q) {
		struct creq *next = q->next;

		creq_fail(q, &q->err);
		q = next;
	}
	return true;
}

static void fail_waiting(struct node *n, const struct kt_err *err)
{
	struct creq *q = n->wait_head;

	n->wait_head = n->wait_tail = NULL;
	while (q) {
		struct creq *next = q->next;

		creq_fail(q, err);
		q = next;
	}
}

static void node_failed(struct node *n, const struct kt_err *err)
{
	n->last_err = *err;
	n->failed_at = kt_now_ms();
	n->av_ok = false;
	fail_waiting(n, err);
}

static void req_done(void *arg, struct kt_conn *conn, struct kt_response *resp,
		     const struct kt_err *err)
{
	struct creq *q = arg;

	(void)conn;
	if (q->cb)
		q->cb(q->cb_arg, q->node->client, q->node->id, resp, err);
	free(q);
}

/* Encode q for n's connection with the version picked for it and queue it
 * there; on failure q's callback gets the error through fail (creq_fail,
 * or creq_fail_later from kt_client_send). */
static void dispatch(struct node *n, struct creq *q,
		     void (*fail)(struct creq *, const struct kt_err *))
{
	struct kt_client *c = n->client;
	struct kt_buf b;
	struct kt_err e;
	int16_t v;

	kt_err_clear(&e);
	if (kt_api_pick(&n->av, q->api_key, &v, &e) < 0) {
		kt_err_prefix(&e, "%s", n->name);
		fail(q, &e);
		return;
	}
	kt_buf_init(&b, 0);
	if (kt_req_begin(&b, q->api_key, v, 0, c->client_id, &e) < 0 ||
	    q->enc(q->enc_arg, &b, v, &e) < 0 || kt_req_end(&b, &e) < 0) {
		kt_buf_release(&b);
		fail(q, &e);
		return;
	}
	if (kt_conn_send(n->conn, &b, req_done, q, &e) < 0)
		fail(q, &e);
}

static void send_apiversions(struct node *n, int16_t version);

/* n's connection is negotiated (and authenticated): send what waits. */
static void node_ready(struct node *n)
{
	n->av_ok = true;
	n->failed_at = 0;
	while (n->wait_head) {
		struct creq *q = n->wait_head;

		n->wait_head = q->next;
		if (!n->wait_head)
			n->wait_tail = NULL;
		q->next = NULL;
		dispatch(n, q, creq_fail);
	}
}

/* The longest session lifetime taken as it is (about 35,000 years): the
 * broker's SessionLifetimeMs may be any int64, and 95% of a longer one
 * would overflow. */
#define KT_SESSION_LIFETIME_MAX_MS ((int64_t)1 << 50)

/* The end of the SASL exchange on n's connection. A session lifetime
 * schedules the re-authentication at a random point between 85% and 95%
 * of it, as the Java client does (KIP-368). An authentication failure is
 * kept: no connection of this client tries again. */
static void sasl_done(void *arg, const struct kt_err *err,
		      int64_t lifetime_ms)
{
	struct node *n = arg;

	n->reauthing = false;
	n->reauth_at = 0;
	if (!err) {
		if (lifetime_ms > KT_SESSION_LIFETIME_MAX_MS)
			lifetime_ms = KT_SESSION_LIFETIME_MAX_MS;
		if (lifetime_ms > 0)
			n->reauth_at = kt_now_ms() + lifetime_ms * 85 / 100 +
				       (int64_t)(random() % 11) * lifetime_ms /
					       100;
		node_ready(n);
		return;
	}
	if (kt_err_is_auth(err) && !n->client->auth_err.code)
		n->client->auth_err = *err;
	if (n->conn && kt_conn_state(n->conn) != KT_CONN_DEAD)
		kt_conn_fail(n->conn, err);
	node_failed(n, err);
}

static void av_done(void *arg, struct kt_conn *conn, struct kt_response *resp,
		    const struct kt_err *err)
{
	struct node *n = arg;
	struct kt_err e;
	int retry;

	if (err) {
		node_failed(n, err);
		return;
	}
	kt_apivers_release(&n->av);
	if (kt_apiversions_resp_decode(resp->body, resp->body_len,
				       resp->api_version, &n->av, &e) < 0) {
		kt_err_prefix(&e, "%s", n->name);
		goto out_fail;
	}
	retry = kt_apivers_retry_version(&n->av, n->av_sent);
	if (retry >= 0) {
		send_apiversions(n, (int16_t)retry);
		return;
	}
	if (n->av.error_code) {
		kt_err_kafka(&e, n->av.error_code,
			     "%s: apiversions v%d failed: %s: %s", n->name,
			     n->av_sent, kt_kerr_name(n->av.error_code),
			     kt_kerr_message(n->av.error_code));
		goto out_fail;
	}
	if (n->client->sasl_on) {
		if (kt_client_sasl_start(conn, &n->av, &n->client->sasl,
					 n->client->client_id, sasl_done, n,
					 &e) < 0) {
			kt_err_prefix(&e, "%s", n->name);
			goto out_fail;
		}
		return;
	}
	node_ready(n);
	return;
out_fail:
	/* fails the conn's other requests, then ours through node_failed */
	kt_conn_fail(conn, &e);
	node_failed(n, &e);
}

static void send_apiversions(struct node *n, int16_t version)
{
	struct kt_client *c = n->client;
	struct kt_buf b;
	struct kt_err e;

	n->av_sent = version;
	kt_buf_init(&b, 0);
	if (kt_req_begin(&b, KT_API_API_VERSIONS, version, 0, c->client_id,
			 &e) < 0 ||
	    kt_apiversions_req_encode(&b, version, c->conf.software_name,
				      c->conf.software_version, &e) < 0 ||
	    kt_req_end(&b, &e) < 0 ||
	    kt_conn_send(n->conn, &b, av_done, n, &e) < 0) {
		kt_buf_release(&b);
		if (kt_conn_state(n->conn) != KT_CONN_DEAD)
			kt_conn_fail(n->conn, &e);
		node_failed(n, &e);
	}
}

/* Start a new connection to n (dropping a dead one). Not to be called
 * from a callback of n's connection. */
static void node_connect(struct node *n)
{
	struct kt_client *c = n->client;
	struct kt_conn_opts o;
	struct kt_err e;

	kt_conn_free(n->conn);
	n->conn = NULL;
	n->av_ok = false;
	n->reauthing = false;
	n->reauth_at = 0;
	kt_apivers_release(&n->av);
	kt_conn_opts_init(&o);
	o.connect_timeout_ms = c->conf.connect_timeout_ms;
	o.request_timeout_ms = n->req_timeout_ms ? n->req_timeout_ms
						 : c->conf.request_timeout_ms;
	o.max_response = c->conf.max_response;
	o.max_in_flight = c->conf.max_in_flight;
	o.tls = c->tls;
	if (c->tls)
		o.transport = kt_transport_tls();
	if (c->conf.transport)
		o.transport = c->conf.transport;
	n->conn = kt_conn_new(n->host, n->port, &o, &e);
	if (!n->conn) {
		node_failed(n, &e);
		return;
	}
	if (kt_conn_connect(n->conn, kt_now_ms(), &e) < 0) {
		node_failed(n, &e);
		return;
	}
	send_apiversions(n, KT_APIVERSIONS_FIRST);
}

static bool node_usable(const struct node *n)
{
	return n->conn && kt_conn_state(n->conn) != KT_CONN_DEAD;
}

/* KIP-368: log in again on n's connection, which the broker would close at
 * the end of the session. Requests sent so far are answered first; new
 * ones wait on n until sasl_done. Called from kt_client_send, so it calls
 * no callback itself: when the exchange cannot even start (out of
 * memory), the connection serves on until the broker closes it, and the
 * next request then gets a new one. */
static void reauthenticate(struct node *n)
{
	struct kt_client *c = n->client;

	n->reauth_at = 0;
	n->reauthing = kt_client_sasl_start(n->conn, &n->av, &c->sasl,
					    c->client_id, sasl_done, n,
					    NULL) == 0;
}

/* Connect nodes that have waiting requests but no live connection.
 * Returns whether the requests of one failed instead (their callbacks
 * ran). */
static bool housekeeping(struct kt_client *c)
{
	bool failed = false;
	size_t i;

	for (i = 0; i < c->n_nodes; i++) {
		struct node *n = c->nodes[i];

		if (!n->wait_head || node_usable(n))
			continue;
		if (!c->auth_err.code)
			node_connect(n);
		if (c->auth_err.code)
			fail_waiting(n, &c->auth_err);
		failed = failed || !node_usable(n);
	}
	return failed;
}

/* The node for KT_NODE_ANY: a negotiated connection with the fewest
 * pending requests, else one being set up, else the node (brokers before
 * bootstrap servers once metadata is known) that failed longest ago. */
static struct node *pick_any(struct kt_client *c)
{
	struct node *best = NULL;
	size_t i;

	for (i = 0; i < c->n_nodes; i++) {
		struct node *n = c->nodes[i];

		if (n->av_ok && node_usable(n) &&
		    (!best ||
		     kt_conn_pending(n->conn) < kt_conn_pending(best->conn)))
			best = n;
	}
	if (best)
		return best;
	for (i = 0; i < c->n_nodes; i++)
		if (node_usable(c->nodes[i]))
			return c->nodes[i];
	for (i = 0; i < c->n_nodes; i++) {
		struct node *n = c->nodes[i];

		if (c->have_md && n->id < 0 && c->md.n_brokers > 0)
			continue;
		if (!best || n->failed_at < best->failed_at)
			best = n;
	}
	if (!best && c->n_nodes > 0)
		best = c->nodes[0];
	return best;
}

/* Client ------------------------------------------------------------------ */

struct kt_client *kt_client_new(const struct kt_client_conf *conf,
				struct kt_err *err)
{
	struct kt_client *c;
	size_t i;

	if (!conf->bootstrap_servers) {
		kt_err_set(err, KT_EINVAL,
			   "missing required configuration "
			   "'bootstrap.servers' which has no default value");
		return NULL;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return NULL;
	}
	if (kt_client_conf_copy(&c->conf, conf, err) < 0) {
		kt_client_conf_init(&c->conf);
		goto out_free;
	}
	c->client_id = c->conf.client_id && *c->conf.client_id
			       ? c->conf.client_id
			       : "kafkit";
	if (kt_parse_bootstrap(c->conf.bootstrap_servers, &c->boot, &c->n_boot,
			       err) < 0)
		goto out_free;
	if (c->conf.security_protocol == KT_SEC_SASL_PLAINTEXT ||
	    c->conf.security_protocol == KT_SEC_SASL_SSL) {
		if (kt_sasl_conf_init(&c->sasl, &c->conf.security, err) < 0)
			goto out_free;
		c->sasl_on = true;
		if (kt_sasl_conf_login(&c->sasl, err) < 0)
			goto out_free;
	}
	if (c->conf.security_protocol == KT_SEC_SSL ||
	    c->conf.security_protocol == KT_SEC_SASL_SSL) {
		c->tls = kt_tls_ctx_new(&c->conf.security, err);
		if (!c->tls)
			goto out_free;
		/* the context holds the keys now: no copy of a secret stays */
		kt_tls_wipe_secrets(&c->conf.security);
	}
	for (i = 0; i < c->n_boot; i++)
		if (!node_add(c, -1 - (int32_t)i, c->boot[i].host,
			      c->boot[i].port, err))
			goto out_free;
	return c;
out_free:
	kt_client_free(c);
	return NULL;
}

void kt_client_free(struct kt_client *c)
{
	struct kt_err e;
	size_t i;

	if (!c)
		return;
	fail_later_now(c);
	kt_err_set(&e, KT_ECLOSED, "client closed");
	for (i = 0; i < c->n_nodes; i++) {
		struct node *n = c->nodes[i];

		fail_waiting(n, &e);
		kt_conn_free(n->conn);
		n->conn = NULL;
		/* a callback above may have queued more; fail those too */
		fail_waiting(n, &e);
	}
	/* or sent on a connection that was still up and failed at once */
	fail_later_now(c);
	for (i = 0; i < c->n_nodes; i++) {
		fail_waiting(c->nodes[i], &e);
		kt_apivers_release(&c->nodes[i]->av);
		free(c->nodes[i]->host);
		free(c->nodes[i]);
	}
	free(c->nodes);
	free(c->pfds);
	free(c->pnodes);
	kt_metadata_release(&c->md);
	kt_hostports_free(c->boot, c->n_boot);
	kt_tls_ctx_free(c->tls);
	kt_sasl_conf_release(&c->sasl);
	kt_client_conf_release(&c->conf);
	free(c);
}

int kt_client_send(struct kt_client *c, int32_t node_id, int16_t api_key,
		   kt_encode_fn enc, void *enc_arg, kt_client_cb cb,
		   void *cb_arg, struct kt_err *err)
{
	struct node *n;
	struct creq *q;

	n = node_id == KT_NODE_ANY ? pick_any(c) : node_find(c, node_id);
	if (!n && node_id == KT_NODE_ANY)
		return kt_err_set(err, KT_ENOTFOUND, "no broker known");
	if (!n)
		return kt_err_set(err, KT_ENOTFOUND,
				  "unknown broker id %d (not in metadata)",
				  node_id);
	q = calloc(1, sizeof(*q));
	if (!q)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	q->api_key = api_key;
	q->enc = enc;
	q->enc_arg = enc_arg;
	q->cb = cb;
	q->cb_arg = cb_arg;
	q->node = n;
	if (n->av_ok && !n->reauthing && n->reauth_at &&
	    kt_now_ms() >= n->reauth_at && node_usable(n))
		reauthenticate(n);
	if (n->av_ok && !n->reauthing && node_usable(n) &&
	    kt_conn_state(n->conn) == KT_CONN_READY) {
		dispatch(n, q, creq_fail_later);
		return 0;
	}
	if (n->wait_tail)
		n->wait_tail->next = q;
	else
		n->wait_head = q;
	n->wait_tail = q;
	return 0;
}

int kt_client_poll(struct kt_client *c, int timeout_ms, struct kt_err *err)
{
	return kt_client_poll_fds(c, timeout_ms, NULL, 0, err);
}

int kt_client_poll_fds(struct kt_client *c, int timeout_ms,
		       struct pollfd *extra, size_t n_extra, struct kt_err *err)
{
	int64_t now = kt_now_ms();
	size_t i, np = 0, n_nodes;
	int r;

	/* failures from kt_client_send, and of connections that could not
	 * even start, are this poll's events: no waiting after them */
	if (fail_later_now(c))
		timeout_ms = 0;
	if (housekeeping(c))
		timeout_ms = 0;
	n_nodes = c->n_nodes;
	if (c->cap_pfds < n_nodes + n_extra) {
		size_t cap = n_nodes + n_extra;
		struct pollfd *pf = realloc(c->pfds, cap * sizeof(*pf));
		struct node **pn;

		if (!pf)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		c->pfds = pf;
		pn = realloc(c->pnodes, cap * sizeof(*pn));
		if (!pn)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		c->pnodes = pn;
		c->cap_pfds = cap;
	}
	for (i = 0; i < n_nodes; i++) {
		struct node *n = c->nodes[i];
		int t;

		if (!node_usable(n))
			continue;
		t = kt_conn_timeout(n->conn, now);
		if (t >= 0 && (timeout_ms < 0 || t < timeout_ms))
			timeout_ms = t;
		c->pfds[np].fd = kt_conn_fd(n->conn);
		c->pfds[np].events = kt_conn_events(n->conn);
		c->pfds[np].revents = 0;
		c->pnodes[np] = n;
		np++;
	}
	/* the caller's descriptors go last, so that theirs are not mixed
	 * with the nodes' below */
	for (i = 0; i < n_extra; i++) {
		c->pfds[np + i] = extra[i];
		c->pfds[np + i].revents = 0;
	}
	r = poll(c->pfds, np + n_extra, timeout_ms);
	if (r < 0 && errno != EINTR)
		return kt_err_set(err, KT_EIO, "poll: %s", strerror(errno));
	for (i = 0; i < n_extra; i++)
		extra[i].revents = r > 0 ? c->pfds[np + i].revents : 0;
	now = kt_now_ms();
	for (i = 0; i < np; i++) {
		struct node *n = c->pnodes[i];

		if (!n->conn || kt_conn_fd(n->conn) != c->pfds[i].fd)
			continue;
		kt_conn_on_events(n->conn, r > 0 ? c->pfds[i].revents : 0, now,
				  NULL);
	}
	return 0;
}

/* Synchronous calls ---------------------------------------------------------
 */

struct waiter {
	bool done;
	bool abandoned;
	int32_t node_id;
	struct kt_response resp;
	struct kt_err err;
	kt_encode_fn enc;
	void *enc_arg;
};

static int waiter_enc(void *arg, struct kt_buf *b, int16_t version,
		      struct kt_err *err)
{
	struct waiter *w = arg;

	if (w->abandoned)
		return kt_err_set(err, KT_ETIMEDOUT, "request abandoned");
	return w->enc(w->enc_arg, b, version, err);
}

static void waiter_cb(void *arg, struct kt_client *c, int32_t node_id,
		      struct kt_response *resp, const struct kt_err *err)
{
	struct waiter *w = arg;

	(void)c;
	if (w->abandoned) {
		free(w);
		return;
	}
	w->done = true;
	w->node_id = node_id;
	if (err) {
		w->err = *err;
		return;
	}
	w->resp = *resp;
	resp->frame = NULL;
}

int kt_client_call(struct kt_client *c, int32_t node_id, int16_t api_key,
		   kt_encode_fn enc, void *enc_arg, struct kt_response *resp,
		   int32_t *answered_by, struct kt_err *err)
{
	int64_t deadline = kt_now_ms() + c->conf.default_api_timeout_ms;
	struct waiter *w;
	int r;

	memset(resp, 0, sizeof(*resp));
	w = calloc(1, sizeof(*w));
	if (!w)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	w->enc = enc;
	w->enc_arg = enc_arg;
	r = kt_client_send(c, node_id, api_key, waiter_enc, w, waiter_cb, w,
			   err);
	if (r < 0) {
		free(w);
		return r;
	}
	while (!w->done) {
		int64_t now = kt_now_ms();

		if (now >= deadline) {
			/* the callback frees w when it finally runs */
			w->abandoned = true;
			return kt_err_set(err, KT_ETIMEDOUT,
					  "%s request timed out after %d ms "
					  "(default.api.timeout.ms)",
					  kt_api_name(api_key),
					  c->conf.default_api_timeout_ms);
		}
		r = kt_client_poll(c, (int)(deadline - now), err);
		if (r < 0) {
			w->abandoned = true;
			return r;
		}
	}
	r = 0;
	if (w->err.code) {
		if (err)
			*err = w->err;
		r = -w->err.code;
	} else {
		*resp = w->resp;
		if (answered_by)
			*answered_by = w->node_id;
	}
	free(w);
	return r;
}

/* Bootstrap -----------------------------------------------------------------
 */

int kt_client_bootstrap(struct kt_client *c, struct kt_err *err)
{
	int64_t deadline = kt_now_ms() + c->conf.default_api_timeout_ms;
	char list[512];
	struct kt_err last;
	size_t i, off = 0;

	if (c->auth_err.code) {
		if (err)
			*err = c->auth_err;
		return -c->auth_err.code;
	}
	kt_err_set(&last, KT_ECONNECT, "no bootstrap server");
	for (i = 0; i < c->n_boot; i++) {
		struct node *n = node_find(c, -1 - (int32_t)i);

		if (!n)
			continue;
		off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s",
					i ? ", " : "", n->name);
		if (off >= sizeof(list))
			off = sizeof(list) - 1;
	}
	for (i = 0; i < c->n_boot; i++) {
		struct node *n = node_find(c, -1 - (int32_t)i);

		if (!n)
			continue;
		if (!node_usable(n))
			node_connect(n);
		while (node_usable(n) && !n->av_ok) {
			int64_t now = kt_now_ms();

			if (now >= deadline) {
				kt_err_set(&last, KT_ETIMEDOUT,
					   "%s: no answer within %d ms "
					   "(default.api.timeout.ms)",
					   n->name,
					   c->conf.default_api_timeout_ms);
				break;
			}
			if (kt_client_poll(c, (int)(deadline - now), err) < 0)
				return -KT_EIO;
		}
		if (n->av_ok) {
			c->boot_node = n->id;
			return 0;
		}
		/* another server would refuse the same credentials */
		if (c->auth_err.code) {
			if (err)
				*err = c->auth_err;
			return -c->auth_err.code;
		}
		if (n->last_err.code && kt_now_ms() < deadline)
			last = n->last_err;
		if (kt_now_ms() >= deadline)
			break;
	}
	return kt_err_set(err, last.code,
			  "cannot reach any bootstrap server (%s): %s", list,
			  last.msg);
}

int kt_client_node_extra(struct kt_client *c, int32_t node_id, int32_t *alias,
			 struct kt_err *err)
{
	int32_t id = -1000000;
	int r;

	while (node_find(c, id))
		id--;
	r = kt_client_node_alias(c, id, node_id, 0, err);
	if (r < 0)
		return r;
	node_connect(node_find(c, id));
	*alias = id;
	return 0;
}

int32_t kt_client_bootstrap_node(const struct kt_client *c)
{
	return c->boot_node;
}

/* Metadata ------------------------------------------------------------------
 */

struct md_enc {
	struct kt_md_req_topic *topics;
	int32_t n;
};

static int md_encode(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct md_enc *m = arg;
	struct kt_metadata_req req;

	memset(&req, 0, sizeof(req));
	req.topics = m->topics;
	req.n_topics = m->n;
	req.allow_auto_topic_creation = false;
	return kt_metadata_req_encode(b, version, &req, err);
}

/* n's broker moved: its connection fails now and is freed when n
 * connects again, for this may be a callback of that very connection,
 * which goes on using it when the callback returns. */
static void node_moved(struct node *n)
{
	struct kt_err e;

	if (n->conn) {
		kt_err_set(&e, KT_ECLOSED,
			   "connection to %s closed: the broker moved",
			   n->name);
		kt_conn_fail(n->conn, &e);
	}
	n->av_ok = false;
}

/* Make the brokers of md reachable by id; a broker that moved gets a new
 * connection on next use. Negative ids are the client's own (bootstrap
 * servers, aliases): a broker claiming one is not a broker. */
static int learn_brokers(struct kt_client *c, const struct kt_metadata *md,
			 struct kt_err *err)
{
	size_t i;

	for (i = 0; i < md->n_brokers; i++) {
		const struct kt_md_broker *b = &md->brokers[i];
		struct node *n;

		if (b->node_id < 0)
			continue;
		n = node_find(c, b->node_id);
		if (!n) {
			if (!node_add(c, b->node_id, b->host, b->port, err))
				return -KT_ENOMEM;
			continue;
		}
		if (strcmp(n->host, b->host) == 0 && n->port == b->port)
			continue;
		if (n->conn && kt_conn_pending(n->conn) > 0)
			continue; /* moved: switch once it is idle */
		node_moved(n);
		free(n->host);
		n->host = strdup(b->host);
		if (!n->host)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		n->port = b->port;
		snprintf(n->name, sizeof(n->name),
			 strchr(b->host, ':') ? "[%s]:%d" : "%s:%d", b->host,
			 b->port);
	}
	return 0;
}

/* Decode a Metadata answer and make it the cache. */
static int md_install(struct kt_client *c, const struct kt_response *resp,
		      struct kt_err *err)
{
	struct kt_metadata md;
	int r;

	r = kt_metadata_resp_decode(resp->body, resp->body_len,
				    resp->api_version, &md, err);
	if (r < 0) {
		kt_metadata_release(&md);
		return r;
	}
	if (md.error_code) {
		r = kt_err_kafka(err, md.error_code, "metadata failed: %s: %s",
				 kt_kerr_name(md.error_code),
				 kt_kerr_message(md.error_code));
		kt_metadata_release(&md);
		return r;
	}
	r = learn_brokers(c, &md, err);
	kt_metadata_release(&c->md);
	c->md = md;
	c->have_md = true;
	return r;
}

/* The request of an asynchronous refresh: its own copy of the names,
 * since the request is encoded only once a connection is ready. */
struct md_async {
	struct md_enc m;
	kt_client_md_cb cb;
	void *arg;
	char *names[];
};

static void md_async_free(struct md_async *a)
{
	int32_t i;

	for (i = 0; i < a->m.n; i++)
		free(a->names[i]);
	free(a->m.topics);
	free(a);
}

static void md_async_done(void *arg, struct kt_client *c, int32_t node_id,
			  struct kt_response *resp, const struct kt_err *err)
{
	struct md_async *a = arg;
	struct kt_err e;

	(void)node_id;
	if (!err && md_install(c, resp, &e) < 0)
		err = &e;
	if (a->cb)
		a->cb(a->arg, c, err);
	md_async_free(a);
}

int kt_client_metadata_refresh_async(struct kt_client *c,
				     const char *const *topics, int n,
				     kt_client_md_cb cb, void *arg,
				     struct kt_err *err)
{
	struct md_async *a;
	int32_t i;
	int r;

	a = calloc(1, sizeof(*a) + (n > 0 ? (size_t)n : 0) * sizeof(char *));
	if (!a)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	a->cb = cb;
	a->arg = arg;
	a->m.n = n < 0 ? -1 : 0;
	if (n > 0) {
		a->m.topics = calloc((size_t)n, sizeof(*a->m.topics));
		if (!a->m.topics)
			goto out_nomem;
		for (i = 0; i < n; i++) {
			a->names[i] = strdup(topics[i]);
			if (!a->names[i])
				goto out_nomem;
			a->m.topics[i].name = a->names[i];
			a->m.n = i + 1;
		}
	}
	r = kt_client_send(c, KT_NODE_ANY, KT_API_METADATA, md_encode, &a->m,
			   md_async_done, a, err);
	if (r < 0)
		md_async_free(a);
	return r;
out_nomem:
	md_async_free(a);
	return kt_err_set(err, KT_ENOMEM, "out of memory");
}

int kt_client_metadata_refresh(struct kt_client *c, const char *const *topics,
			       int n, struct kt_err *err)
{
	struct md_enc m;
	struct kt_response resp;
	int32_t i;
	int r;

	memset(&m, 0, sizeof(m));
	m.n = n < 0 ? -1 : n;
	if (n > 0) {
		m.topics = calloc((size_t)n, sizeof(*m.topics));
		if (!m.topics)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		for (i = 0; i < n; i++)
			m.topics[i].name = topics[i];
	}
	r = kt_client_call(c, KT_NODE_ANY, KT_API_METADATA, md_encode, &m,
			   &resp, NULL, err);
	free(m.topics);
	if (r < 0)
		return r;
	r = md_install(c, &resp, err);
	kt_response_release(&resp);
	return r;
}

const struct kt_metadata *kt_client_metadata(const struct kt_client *c)
{
	return c->have_md ? &c->md : NULL;
}

int kt_client_leader(const struct kt_client *c, const char *topic,
		     int32_t partition, int32_t *node_id, struct kt_err *err)
{
	const struct kt_md_topic *t;
	const struct kt_md_partition *p;

	t = c->have_md ? kt_metadata_topic(&c->md, topic) : NULL;
	if (!t)
		return kt_err_set(err, KT_ENOTFOUND,
				  "topic '%s' is not in the metadata", topic);
	if (t->error_code)
		return kt_err_kafka(err, t->error_code, "topic '%s': %s: %s",
				    topic, kt_kerr_name(t->error_code),
				    kt_kerr_message(t->error_code));
	p = kt_md_topic_partition(t, partition);
	if (!p)
		return kt_err_set(err, KT_ENOTFOUND,
				  "partition %d of topic '%s' is not in the "
				  "metadata (%zu partitions)",
				  partition, topic, t->n_partitions);
	if (p->leader_id < 0 ||
	    (p->error_code && p->error_code != KT_KERR_REPLICA_NOT_AVAILABLE)) {
		int16_t code = p->error_code ? p->error_code
					     : KT_KERR_LEADER_NOT_AVAILABLE;

		return kt_err_kafka(err, code, "partition %s-%d: %s: %s", topic,
				    partition, kt_kerr_name(code),
				    kt_kerr_message(code));
	}
	*node_id = p->leader_id;
	return 0;
}

const struct kt_apivers *kt_client_apivers(const struct kt_client *c,
					   int32_t node_id)
{
	const struct node *n = node_find(c, node_id);

	return n && n->av_ok && node_usable(n) ? &n->av : NULL;
}

const char *kt_client_node_name(const struct kt_client *c, int32_t node_id)
{
	const struct node *n = node_find(c, node_id);

	return n ? n->name : NULL;
}

/* Additions for the consumer (kept apart from the code above) ------------ */

int kt_client_metadata_take(struct kt_client *c, struct kt_metadata *md,
			    struct kt_err *err)
{
	int r = learn_brokers(c, md, err);

	kt_metadata_release(&c->md);
	c->md = *md;
	c->have_md = true;
	memset(md, 0, sizeof(*md));
	return r;
}

int kt_client_node_alias(struct kt_client *c, int32_t alias_id, int32_t node_id,
			 int request_timeout_ms, struct kt_err *err)
{
	struct node *src = node_find(c, node_id), *n;

	if (!src)
		return kt_err_set(err, KT_ENOTFOUND,
				  "unknown broker id %d (not in metadata)",
				  node_id);
	n = node_find(c, alias_id);
	if (n && (strcmp(n->host, src->host) != 0 || n->port != src->port)) {
		/* the broker moved: a fresh connection on next use */
		char *h = strdup(src->host);

		if (!h)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		node_moved(n);
		free(n->host);
		n->host = h;
		n->port = src->port;
		snprintf(n->name, sizeof(n->name), "%s", src->name);
	}
	if (!n) {
		n = node_add(c, alias_id, src->host, src->port, err);
		if (!n)
			return -KT_ENOMEM;
	}
	n->req_timeout_ms = request_timeout_ms;
	return 0;
}
