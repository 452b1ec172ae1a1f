/*
 * fuzz_client.c - a hostile broker: the real client code path (net/client.c
 * bootstrap, ApiVersions negotiation, SASL logins and re-logins, metadata,
 * routing; the admin calls, the idempotent producer and the consumer, in a
 * group or not, down to the record batches of its fetches) against a
 * broker whose every answer comes from the fuzz input.
 *
 * The client connects over loopback to a listener of this process; a
 * scripted transport (struct kt_transport, plugged in through
 * kt_client_conf.transport) takes each request the client writes and, in
 * its place, writes the next answer of the input to the broker's end of
 * the socket, which the client then reads as usual (recv). No fork, no
 * thread: the broker moves only inside the client's own transport calls.
 *
 * Input: byte 0 picks the scenario (scenarios[] below), the rest is a
 * list of answers, each
 *
 *	u16 length (big endian) | u8 flags | length bytes
 *
 * flags bit 0 clear: the bytes go out as a response frame, size and the
 * request's correlation id put in front (so frames pass the header check);
 * set: they go out raw, and the broker then closes its end. Bit 1: close
 * after this answer. Bit 2: a consumer scenario stops polling once no
 * record is left to hand out, and closes (a last commit, LeaveGroup).
 * When the answers run out, the broker closes every connection and
 * refuses new ones, so each input ends promptly (the
 * default.api.timeout.ms of 200 ms only bounds a client that would spin).
 */
#include "admin/admin.h"
#include "admin/groups.h"
#include "consume/consumer.h"
#include "net/client.h"
#include "produce/producer.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__asan_default_options(void);

/* The memory bound: no single allocation above 64 MiB, whatever sizes and
 * counts the answers claim (the client's response ceiling stays at its
 * default of 100 MiB, so an allocation at the announced frame size would
 * show). ASAN_OPTIONS adds to this. */
const char *__asan_default_options(void)
{
	return "max_allocation_size_mb=64";
}

/* Accepted broker ends not yet claimed by a connection, by client port. */
#define POOL 32

struct peer {
	int fd;
	int port;
};

/* The broker's end of one client connection. */
struct side {
	int fd;
	uint8_t *out; /* answer bytes not yet written */
	size_t out_len, out_off;
	bool shut; /* close the write side once out is written */
};

static struct {
	int lfd, port;
	struct peer pool[POOL];
	size_t n_pool;
	const uint8_t *p; /* answers left */
	size_t left;
	bool closing;	     /* an answer with flags bit 2 went out */
	unsigned long moves; /* connections, requests and reads so far */
} fz = {-1, 0, {{0, 0}}, 0, NULL, 0, false, 0};

static int port_of(int fd, bool peer)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	if ((peer ? getpeername(fd, (struct sockaddr *)&a, &len)
		  : getsockname(fd, (struct sockaddr *)&a, &len)) != 0)
		return -1;
	return ntohs(a.sin_port);
}

static void accept_all(void)
{
	int fd;

	while ((fd = accept(fz.lfd, NULL, NULL)) >= 0) {
		fcntl(fd, F_SETFL, O_NONBLOCK);
		if (fz.n_pool == POOL) {
			close(fd);
			continue;
		}
		fz.pool[fz.n_pool].fd = fd;
		fz.pool[fz.n_pool].port = port_of(fd, true);
		fz.n_pool++;
	}
}

static void drop_pool(void)
{
	accept_all();
	while (fz.n_pool)
		close(fz.pool[--fz.n_pool].fd);
}

static int flush(struct side *s)
{
	while (s->out_off < s->out_len) {
		ssize_t w = send(s->fd, s->out + s->out_off,
				 s->out_len - s->out_off, MSG_NOSIGNAL);

		if (w <= 0)
			return 0;
		s->out_off += (size_t)w;
	}
	free(s->out);
	s->out = NULL;
	s->out_len = s->out_off = 0;
	if (s->shut)
		shutdown(s->fd, SHUT_WR);
	return 0;
}

static int fz_connected(struct kt_conn *c, struct kt_err *err)
{
	int port = port_of(kt_conn_socket(c), false);
	struct side *s;
	size_t i;

	if (fz.left == 0) {
		/* close the broker's end too, or the backlog fills up */
		drop_pool();
		return kt_err_set(err, KT_ECONNECT,
				  "connection to %s refused by the script",
				  kt_conn_name(c));
	}
	accept_all();
	for (i = 0; i < fz.n_pool; i++)
		if (fz.pool[i].port == port)
			break;
	if (i == fz.n_pool)
		return kt_err_set(err, KT_ECONNECT, "connection to %s lost",
				  kt_conn_name(c));
	s = calloc(1, sizeof(*s));
	if (!s)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	s->fd = fz.pool[i].fd;
	fz.pool[i] = fz.pool[--fz.n_pool];
	fz.moves++;
	*kt_conn_transport_state(c) = s;
	return 0;
}

/* Queue the next answer of the input for the request frame p. */
static void answer(struct side *s, const uint8_t *p, size_t n)
{
	size_t len, hdr;
	uint8_t flags;

	if (s->shut)
		return;
	if (fz.left < 3) {
		fz.left = 0;
		s->shut = true;
		return;
	}
	len = (size_t)fz.p[0] << 8 | fz.p[1];
	flags = fz.p[2];
	fz.p += 3;
	fz.left -= 3;
	if (flags & 4)
		fz.closing = true;
	if (len > fz.left)
		len = fz.left;
	hdr = flags & 1 ? 0 : 8;
	s->out = realloc(s->out, s->out_len + hdr + len);
	if (!s->out)
		abort();
	if (hdr) {
		kt_store_be32(s->out + s->out_len, (uint32_t)(4 + len));
		/* the correlation id of the request (offset 8 of its frame) */
		memcpy(s->out + s->out_len + 4, n >= 12 ? p + 8 : p, 4);
	}
	memcpy(s->out + s->out_len + hdr, fz.p, len);
	s->out_len += hdr + len;
	fz.p += len;
	fz.left -= len;
	if (flags & 3 || fz.left == 0)
		s->shut = true;
}

/* The client writes one whole request frame per call (conn.c writes the
 * frame from where it stopped, and this transport always takes it all). */
static ssize_t fz_write(struct kt_conn *c, const void *p, size_t n,
			struct kt_err *err)
{
	struct side *s = *kt_conn_transport_state(c);

	(void)err;
	fz.moves++;
	if (n >= 12 && getenv("KT_FUZZ_VERBOSE"))
		fprintf(stderr, "request %d v%d\n", kt_be16((const uint8_t *)p + 4),
			kt_be16((const uint8_t *)p + 6));
	if (n >= 12)
		answer(s, p, n);
	flush(s);
	return (ssize_t)n;
}

static ssize_t fz_read(struct kt_conn *c, void *p, size_t n,
		       struct kt_err *err)
{
	struct side *s = *kt_conn_transport_state(c);
	ssize_t r;

	flush(s);
	r = recv(kt_conn_socket(c), p, n, 0);
	if (r >= 0)
		fz.moves++;
	if (r > 0)
		return r;
	if (r == 0)
		return kt_err_set(err, KT_ECLOSED,
				  "connection to %s closed by the broker",
				  kt_conn_name(c));
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
		return 0;
	return kt_err_set(err, KT_EIO, "connection to %s: read failed",
			  kt_conn_name(c));
}

static void fz_close(struct kt_conn *c)
{
	struct side *s = *kt_conn_transport_state(c);

	if (!s)
		return;
	close(s->fd);
	free(s->out);
	free(s);
	*kt_conn_transport_state(c) = NULL;
}

/*
 * Broker addresses come from the input (Metadata, FindCoordinator): every
 * name resolves to the listener here, without DNS, except names that do
 * not start with a letter or digit, which fail as unknown. This
 * definition takes the place of libc's for the whole program.
 */
int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	struct {
		struct addrinfo ai;
		struct sockaddr_in a;
	} *r;

	(void)service;
	(void)hints;
	if (!node || !isalnum((unsigned char)node[0]))
		return EAI_NONAME;
	r = calloc(1, sizeof(*r));
	if (!r)
		return EAI_MEMORY;
	r->a.sin_family = AF_INET;
	r->a.sin_port = htons((uint16_t)fz.port);
	r->a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r->ai.ai_family = AF_INET;
	r->ai.ai_socktype = SOCK_STREAM;
	r->ai.ai_protocol = IPPROTO_TCP;
	r->ai.ai_addr = (struct sockaddr *)&r->a;
	r->ai.ai_addrlen = sizeof(r->a);
	*res = &r->ai;
	return 0;
}

void freeaddrinfo(struct addrinfo *res)
{
	free(res);
}

static const struct kt_transport scripted = {
	"scripted", fz_connected, fz_read, fz_write, fz_close,
};

static int setup(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	fz.lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fz.lfd < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fz.lfd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fz.lfd, POOL) < 0 ||
	    getsockname(fz.lfd, (struct sockaddr *)&a, &len) < 0)
		return -1;
	fz.port = ntohs(a.sin_port);
	return 0;
}

/* ---- scenarios ---------------------------------------------------------- */

static const char *const topics[] = {"t", "u"};
static const char *const groups[] = {"g", "h"};

static void sc_metadata(struct kt_client *c, struct kt_err *e)
{
	int32_t leader;

	if (kt_client_metadata_refresh(c, topics, 2, e) == 0)
		kt_client_leader(c, "t", 0, &leader, e);
}

static void sc_topic_names(struct kt_client *c, struct kt_err *e)
{
	char **names = NULL;
	bool *internal = NULL;
	size_t n = 0;

	kt_admin_topic_names(c, false, &names, &internal, &n, e);
	kt_admin_names_free(names, n);
	free(internal);
}

static void sc_describe(struct kt_client *c, struct kt_err *e)
{
	struct kt_admin_describe_req req;
	struct kt_admin_desc *v = NULL;

	memset(&req, 0, sizeof(req));
	req.names = topics;
	req.n_names = 2;
	req.partition_limit = 2000;
	req.timeout_ms = 200;
	if (kt_admin_describe(c, &req, &v, e) == 0)
		kt_admin_descs_free(v, 2);
}

static void sc_brokers(struct kt_client *c, struct kt_err *e)
{
	int32_t *ids = NULL;
	size_t n = 0;

	kt_admin_live_brokers(c, &ids, &n, e);
	free(ids);
}

static void sc_create(struct kt_client *c, struct kt_err *e)
{
	struct kt_admin_new_topic t;
	struct kt_admin_result res;

	memset(&t, 0, sizeof(t));
	memset(&res, 0, sizeof(res));
	t.name = "t";
	t.partitions = 3;
	t.replication_factor = 1;
	kt_admin_create_topic(c, &t, &res, e);
	kt_admin_result_release(&res);
}

static void sc_delete(struct kt_client *c, struct kt_err *e)
{
	struct kt_admin_result res[2];

	memset(res, 0, sizeof(res));
	kt_admin_delete_topics(c, topics, 2, res, e);
	kt_admin_result_release(&res[0]);
	kt_admin_result_release(&res[1]);
}

static void sc_list_groups(struct kt_client *c, struct kt_err *e)
{
	struct kt_group_list l;

	memset(&l, 0, sizeof(l));
	if (kt_admin_list_groups(c, NULL, 0, NULL, 0, 200, &l, e) == 0)
		kt_group_list_java_order(&l);
	kt_group_list_release(&l);
}

static void sc_describe_groups(struct kt_client *c, struct kt_err *e)
{
	struct kt_group_desc *v = NULL;

	if (kt_admin_describe_groups(c, groups, 2, 200, &v, e) == 0)
		kt_group_descs_free(v, 2);
}

static void sc_group_offsets(struct kt_client *c, struct kt_err *e)
{
	struct kt_group_offset *v = NULL;
	size_t n = 0;

	if (kt_admin_group_offsets(c, "g", NULL, 0, 200, &v, &n, e) == 0)
		kt_group_offsets_free(v, n);
}

static void sc_list_offsets(struct kt_client *c, struct kt_err *e)
{
	struct kt_tp_offset v[2];

	memset(v, 0, sizeof(v));
	v[0].topic = "t";
	v[1].topic = "u";
	v[1].partition = 1;
	kt_admin_list_offsets(c, v, 2, -1, 0, 200, e);
}

static void sc_topic_partitions(struct kt_client *c, struct kt_err *e)
{
	struct kt_group_tp *v = NULL;
	int16_t errs[2];

	if (kt_admin_topic_partitions(c, topics, 2, 200, &v, errs, e) == 0)
		kt_group_tps_free(v, 2);
}

static void sc_commit(struct kt_client *c, struct kt_err *e)
{
	struct kt_group_commit v[2];

	memset(v, 0, sizeof(v));
	v[0].topic = "t";
	v[0].offset = 5;
	v[1].topic = "u";
	v[1].partition = 2;
	kt_admin_commit_offsets(c, "g", v, 2, 200, e);
}

static void sc_delete_groups(struct kt_client *c, struct kt_err *e)
{
	int16_t codes[2];

	kt_admin_delete_groups(c, groups, 2, 200, codes, e);
}

static void sc_delete_offsets(struct kt_client *c, struct kt_err *e)
{
	struct kt_group_delete_offset v[2];
	int16_t top = 0;

	memset(v, 0, sizeof(v));
	v[0].topic = "t";
	v[1].topic = "u";
	v[1].partition = 1;
	kt_admin_delete_offsets(c, "g", v, 2, 200, &top, e);
}

static void on_report(void *arg, const struct kt_report *r)
{
	(void)arg;
	(void)r;
}

/* The timeouts of every scenario's client: short, so that a broker that
 * stops answering ends the input in a few ms. */
static const char *const client_props[][2] = {
	{"default.api.timeout.ms", "200"},
	{"request.timeout.ms", "100"},
	{"retry.backoff.ms", "0"},
	{"socket.connection.setup.timeout.ms", "100"},
	{"metadata.max.age.ms", "1000"},
};

#define N_PROPS(v) (sizeof(v) / sizeof((v)[0]))

/* The broker of this process and client_props into cc (a producer's or
 * consumer's client takes them as it is). */
static void client_conf(struct kt_client_conf *cc)
{
	struct kt_err e;
	char bs[32];
	size_t i;

	snprintf(bs, sizeof(bs), "127.0.0.1:%d", fz.port);
	if (kt_client_conf_set(cc, "bootstrap.servers", bs, &e) < 0)
		abort();
	for (i = 0; i < N_PROPS(client_props); i++)
		if (kt_client_conf_set(cc, client_props[i][0],
				       client_props[i][1], &e) < 0)
			abort();
	cc->transport = &scripted;
}

/* An idempotent producer (InitProducerId, Metadata, Produce, retries and
 * epoch bumps) on its own client: the client of the other scenarios is
 * left unused. */
static void sc_produce(struct kt_client *unused, struct kt_err *e)
{
	static const char *const props[][2] = {
		{"retry.backoff.max.ms", "0"},
		{"linger.ms", "0"},
		{"retries", "3"},
		{"max.block.ms", "5"},
		{"delivery.timeout.ms", "150"},
	};
	struct kt_producer_conf conf;
	struct kt_producer *p = NULL;
	struct kt_prec rec;
	size_t i;

	(void)unused;
	kt_producer_conf_init(&conf);
	client_conf(&conf.client);
	for (i = 0; i < N_PROPS(props); i++)
		if (kt_producer_conf_set(&conf, props[i][0], props[i][1], e) <
		    0)
			abort();
	if (kt_producer_conf_check(&conf, e) < 0)
		abort();
	p = kt_producer_new(&conf, "t", on_report, NULL, e);
	if (!p)
		abort();
	if (kt_producer_start(p, NULL, e) == 0) {
		memset(&rec, 0, sizeof(rec));
		rec.partition = KT_PARTITION_ANY;
		rec.timestamp = 1;
		rec.value.p = (const uint8_t *)"hello";
		rec.value.len = 5;
		for (i = 0; i < 3; i++) {
			rec.key.p = (const uint8_t *)"kkk" + i;
			rec.key.len = 1;
			kt_producer_send(p, &rec, e);
		}
		kt_producer_flush(p, kt_now_ms() + 5, NULL, e);
	}
	kt_producer_abandon(p, e);
	kt_producer_free(p);
	kt_producer_conf_release(&conf);
}

/* Steps of a consumer scenario: enough for the seeds' whole exchange
 * (connections, join, sync, offsets, fetches, heartbeats, commits), few
 * enough that an input that keeps answering ends in a few ms. */
#define CONSUMER_POLLS 64

/*
 * The console consumer's loop (cmd/console_consumer.c) on its own
 * client, one step at a time: kt_consumer_next without waiting (hands
 * out a record, or sends what is due), each record confirmed written,
 * else kt_consumer_keepalive reads what the broker answered, without
 * waiting either (the answers are in the socket before the request
 * returns), so that one input always makes the same requests in the
 * same order. After at most CONSUMER_POLLS steps, once an answer with
 * flags bit 2 went out, once the answers ran out, or after two steps in
 * which nothing moved (the client waits for a backoff or a timeout,
 * which would cost the input its few ms), kt_consumer_close (a last
 * commit and a LeaveGroup for a group member).
 *
 * With group, a classic member of group g subscribed to t
 * (FindCoordinator, JoinGroup, SyncGroup and its assignment bytes,
 * Heartbeat, OffsetFetch, ListOffsets, Fetch, OffsetCommit, LeaveGroup),
 * its heartbeats and commits due at every step; without, every partition
 * of t assigned by hand from the earliest offset to the end (Metadata,
 * ListOffsets, Fetch).
 */
static void consume(bool group, struct kt_err *e)
{
	static const char *const group_props[][2] = {
		{"group.id", "g"},
		{"heartbeat.interval.ms", "0"},
		{"auto.commit.interval.ms", "0"},
		{"auto.offset.reset", "earliest"},
	};
	static const char *const topic = "t";
	struct kt_pos earliest = {KT_POS_EARLIEST, 0};
	struct kt_consumer_conf conf;
	struct kt_consumer_opts opts;
	struct kt_consumer *c;
	struct kt_msg m;
	size_t i, n = 0;
	bool drained = false;
	int r, idle = 0;

	kt_consumer_conf_init(&conf);
	client_conf(&conf.client);
	for (i = 0; group && i < N_PROPS(group_props); i++)
		if (kt_consumer_conf_set(&conf, group_props[i][0],
					 group_props[i][1], e) < 0)
			abort();
	memset(&opts, 0, sizeof(opts));
	opts.stop_at_end = !group;
	opts.end.kind = KT_POS_LATEST;
	c = kt_consumer_new(&conf, &opts, e);
	if (!c)
		abort();
	r = group ? kt_consumer_subscribe(c, &topic, 1, e)
		  : kt_consumer_assign(c, topic, NULL, 0, &earliest, e);
	for (i = 0; r >= 0 && i < CONSUMER_POLLS && idle < 2; i++) {
		unsigned long moves = fz.moves;

		r = kt_consumer_next(c, &m, 0, NULL, NULL, e);
		if (r == KT_CONSUMER_RECORD) {
			kt_consumer_written(c);
			n++;
			continue;
		}
		if (r != KT_CONSUMER_TIMEOUT || fz.closing || drained)
			break;
		drained = fz.left == 0;
		r = kt_consumer_keepalive(c, 0, NULL, 0, e);
		idle = fz.moves == moves ? idle + 1 : 0;
	}
	if (getenv("KT_FUZZ_VERBOSE"))
		fprintf(stderr, "%zu records in %zu polls\n", n, i);
	/* a commit the broker answers takes microseconds; with no answers
	 * left, only the LeaveGroup is tried */
	kt_consumer_close(c, fz.left ? 2 : 0, e);
	kt_consumer_free(c);
	kt_consumer_conf_release(&conf);
}

static void sc_group_consume(struct kt_client *unused, struct kt_err *e)
{
	(void)unused;
	consume(true, e);
}

static void sc_fetch(struct kt_client *unused, struct kt_err *e)
{
	(void)unused;
	consume(false, e);
}

/*
 * Two metadata refreshes over connections that each log in first
 * (SaslHandshake, then SaslAuthenticate until the mechanism is satisfied).
 * The session lifetime of an answer (KIP-368; 1 ms in the seeds) makes
 * the connection log in again before its next request.
 */
static void sc_sasl(struct kt_client *c, struct kt_err *e)
{
	if (kt_client_metadata_refresh(c, topics, 2, e) == 0)
		kt_client_metadata_refresh(c, topics, 1, e);
}

struct scenario {
	void (*run)(struct kt_client *, struct kt_err *);
	bool own_client;       /* makes its own client: no bootstrap first */
	const char *mechanism; /* sasl.mechanism over SASL_PLAINTEXT */
	const char *jaas;
};

#define PLAIN_JAAS                                                             \
	"org.apache.kafka.common.security.plain.PlainLoginModule "             \
	"required username=\"alice\" password=\"alice-secret\";"
#define SCRAM_JAAS                                                             \
	"org.apache.kafka.common.security.scram.ScramLoginModule "             \
	"required username=\"alice\" password=\"alice-secret\";"
#define OAUTH_JAAS                                                             \
	"org.apache.kafka.common.security.oauthbearer."                        \
	"OAuthBearerLoginModule required "                                     \
	"unsecuredLoginStringClaim_sub=\"alice\";"

/* Input byte 0 picks one by its index (client_seeds.py knows the order). */
static const struct scenario scenarios[] = {
	{sc_metadata, false, NULL, NULL},
	{sc_topic_names, false, NULL, NULL},
	{sc_describe, false, NULL, NULL},
	{sc_brokers, false, NULL, NULL},
	{sc_create, false, NULL, NULL},
	{sc_delete, false, NULL, NULL},
	{sc_list_groups, false, NULL, NULL},
	{sc_describe_groups, false, NULL, NULL},
	{sc_group_offsets, false, NULL, NULL},
	{sc_list_offsets, false, NULL, NULL},
	{sc_topic_partitions, false, NULL, NULL},
	{sc_commit, false, NULL, NULL},
	{sc_delete_groups, false, NULL, NULL},
	{sc_delete_offsets, false, NULL, NULL},
	{sc_produce, true, NULL, NULL},
	{sc_group_consume, true, NULL, NULL},
	{sc_fetch, true, NULL, NULL},
	{sc_sasl, false, "PLAIN", PLAIN_JAAS},
	{sc_sasl, false, "SCRAM-SHA-256", SCRAM_JAAS},
	{sc_sasl, false, "SCRAM-SHA-512", SCRAM_JAAS},
	{sc_sasl, false, "OAUTHBEARER", OAUTH_JAAS},
};

#define N_SCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

/*
 * The SCRAM client nonce is drawn with RAND_bytes: this definition takes
 * the place of OpenSSL's for the whole program (as getaddrinfo's above),
 * so that the nonce is always base64 of the bytes 0..17 and a seed can
 * carry a server-first-message that extends it and a valid server
 * signature. Nothing else on the client path draws random bytes.
 */
int RAND_bytes(unsigned char *buf, int num);

int RAND_bytes(unsigned char *buf, int num)
{
	int i;

	for (i = 0; i < num; i++)
		buf[i] = (unsigned char)i;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct scenario *sc;
	struct kt_client_conf conf;
	struct kt_client *c;
	struct kt_err e;

	if (size < 1 || size > 65536)
		return 0;
	if (fz.lfd < 0 && setup() < 0)
		abort();
	sc = &scenarios[data[0] % N_SCENARIOS];
	fz.p = data + 1;
	fz.left = size - 1;
	fz.closing = false;

	kt_client_conf_init(&conf);
	client_conf(&conf);
	if (sc->mechanism &&
	    (kt_client_conf_set(&conf, "security.protocol", "SASL_PLAINTEXT",
				&e) < 0 ||
	     kt_client_conf_set(&conf, "sasl.mechanism", sc->mechanism, &e) <
		     0 ||
	     kt_client_conf_set(&conf, "sasl.jaas.config", sc->jaas, &e) < 0))
		abort();
	c = kt_client_new(&conf, &e);
	if (!c)
		abort();
	kt_err_clear(&e);
	if (sc->own_client || kt_client_bootstrap(c, &e) == 0)
		sc->run(c, &e);
	if (getenv("KT_FUZZ_VERBOSE"))
		fprintf(stderr, "scenario %d: %s\n", data[0] % (int)N_SCENARIOS,
			e.code ? e.msg : "ok");
	kt_client_free(c);
	kt_client_conf_release(&conf);
	drop_pool();
	return 0;
}
