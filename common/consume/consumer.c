/*
 * consume/consumer.c - the consumer: its assigned partitions, the
 * subscription, metadata updates, the group's view of it (struct
 * kt_group_host) and the poll loop that drives everything (the Java
 * KafkaConsumer). Fetching is in fetch.c, start positions in offsets.c,
 * handing out records in records.c, group membership in group.c.
 *
 * Pipelining: a Fetch answer is scanned batch header by batch header
 * (no record is decoded) to learn each partition's next offset, and the
 * next Fetch to that leader goes out at once, before the records are
 * handed to the caller. At most two answers per partition are buffered.
 */
#include "consume/consumer.h"
#include "consume/consumer_int.h"
#include "java/jregex.h"
#include "wire/kerr.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

/* --- partitions ---------------------------------------------------------- */

void kt_consumer_chunk_free(struct chunk *ch)
{
	if (ch->fr && --ch->fr->refs == 0) {
		free(ch->fr->frame);
		free(ch->fr);
	}
	free(ch->aborted);
	free(ch);
}

static void part_free(struct cpart *p)
{
	if (!p)
		return;
	free(p->topic);
	free(p);
}

static struct cpart *part_find(struct kt_consumer *c, const char *topic,
			       int32_t partition)
{
	size_t i;

	for (i = 0; i < c->n_parts; i++)
		if (c->parts[i]->partition == partition &&
		    strcmp(c->parts[i]->topic, topic) == 0)
			return c->parts[i];
	return NULL;
}

static const char **sub_names(struct kt_consumer *c, size_t *n);

static int part_add(struct kt_consumer *c, const char *topic, int32_t partition,
		    const struct kt_pos *start)
{
	struct cpart *p, **np;

	if (part_find(c, topic, partition))
		return 0;
	p = calloc(1, sizeof(*p));
	if (!p)
		return -KT_ENOMEM;
	p->topic = strdup(topic);
	if (!p->topic) {
		free(p);
		return -KT_ENOMEM;
	}
	np = realloc(c->parts, (c->n_parts + 1) * sizeof(*np));
	if (!np) {
		part_free(p);
		return -KT_ENOMEM;
	}
	c->parts = np;
	c->parts[c->n_parts++] = p;
	p->partition = partition;
	p->start = *start;
	p->committed = -1;
	p->end = -1;
	p->leader = -1;
	p->leader_epoch = -1;
	p->hw = p->lso = -1;
	p->max_bytes = c->conf.max_partition_fetch_bytes;
	if (kt_client_metadata(c->client)) {
		int32_t leader;

		if (kt_client_leader(c->client, topic, partition, &leader,
				     NULL) == 0)
			p->leader = leader;
	}
	if (start->kind == KT_POS_COMMITTED)
		p->state = P_NEED_COMMITTED;
	else
		kt_consumer_part_plan(c, p);
	return 0;
}

/* Drop the queued chunks of p (all of them when p is NULL). */
void kt_consumer_drop_chunks(struct kt_consumer *c, struct cpart *p)
{
	struct chunk **pp = &c->q_head, *ch;

	c->q_tail = NULL;
	while ((ch = *pp)) {
		if (!p || ch->p == p) {
			if (ch == c->it_ch)
				kt_consumer_reset_iter(c);
			*pp = ch->next;
			ch->p->nq--;
			kt_consumer_chunk_free(ch);
			continue;
		}
		c->q_tail = ch;
		pp = &ch->next;
	}
}

static void part_remove(struct kt_consumer *c, struct cpart *p)
{
	size_t i;

	kt_consumer_drop_chunks(c, p);
	for (i = 0; i < c->n_parts; i++)
		if (c->parts[i] == p) {
			memmove(&c->parts[i], &c->parts[i + 1],
				(c->n_parts - i - 1) * sizeof(*c->parts));
			c->n_parts--;
			break;
		}
	/* requests in flight still point at p: they free it */
	if (p->fetching || p->busy[0] || p->busy[1] || p->busy[2] || p->busy[3])
		p->removed = true;
	else
		part_free(p);
}

/* A request about p finished: free p if it was removed meanwhile.
 * Returns true when p is gone. */
bool kt_consumer_part_unref(struct cpart *p)
{
	if (!p->removed)
		return false;
	if (!p->fetching && !p->busy[0] && !p->busy[1] && !p->busy[2] &&
	    !p->busy[3])
		part_free(p);
	return true;
}

void kt_consumer_fail(struct kt_consumer *c, const struct kt_err *err)
{
	if (c->fatal)
		return;
	c->fatal = err->code ? err->code : KT_EPROTO;
	c->fatal_err = *err;
}

static void want_metadata(struct kt_consumer *c)
{
	c->md_wanted = true;
}

static void flush_output(struct kt_consumer *c)
{
	if (c->flush)
		c->flush(c->flush_arg);
}

/* --- what the group sees of the consumer (struct kt_group_host) ---------- */

static size_t host_n_parts(void *arg)
{
	const struct kt_consumer *c = arg;

	return c->n_parts;
}

static void host_part(void *arg, size_t i, struct kt_group_part *out)
{
	const struct kt_consumer *c = arg;
	const struct cpart *p = c->parts[i];

	out->topic = p->topic;
	out->partition = p->partition;
	out->need_committed = p->state == P_NEED_COMMITTED;
	out->ready = p->state == P_READY;
	out->written = p->written;
	out->committed = p->committed;
}

static int host_assign(void *arg, const char *topic, int32_t partition)
{
	struct kt_pos committed = {KT_POS_COMMITTED, 0};

	return part_add(arg, topic, partition, &committed);
}

static void host_revoke(void *arg, const char *topic, int32_t partition)
{
	struct kt_consumer *c = arg;
	struct cpart *p = part_find(c, topic, partition);

	if (p)
		part_remove(c, p);
}

static void host_committed(void *arg, const char *topic, int32_t partition,
			   int64_t offset)
{
	struct cpart *p = part_find(arg, topic, partition);

	if (p)
		p->committed = offset;
}

static int host_start(void *arg, const char *topic, int32_t partition,
		      int64_t committed)
{
	struct kt_consumer *c = arg;
	struct cpart *p = part_find(c, topic, partition);

	if (!p || p->state != P_NEED_COMMITTED)
		return 0;
	if (committed >= 0) {
		struct kt_pos at = {KT_POS_OFFSET, committed};

		p->start = at;
		p->committed = committed;
	} else if (c->conf.auto_offset_reset == KT_RESET_NONE) {
		return -1;
	} else {
		p->start.kind = c->conf.auto_offset_reset == KT_RESET_EARLIEST
					? KT_POS_EARLIEST
					: KT_POS_LATEST;
	}
	kt_consumer_part_plan(c, p);
	return 0;
}

static void host_flush(void *arg)
{
	flush_output(arg);
}

static void host_want_metadata(void *arg)
{
	want_metadata(arg);
}

static const char **host_topics(void *arg, size_t *n)
{
	return sub_names(arg, n);
}

_Static_assert(KT_CONSUMER_MAX_ASSIGNORS == KT_GROUP_MAX_ASSIGNORS,
	       "the group takes every configured assignor");

static void group_init(struct kt_consumer *c)
{
	struct kt_group_conf gc;
	struct kt_group_host h;

	memset(&gc, 0, sizeof(gc));
	gc.group_id = c->conf.group_id;
	gc.group_instance_id = c->conf.group_instance_id;
	gc.client_rack = c->conf.client_rack;
	memcpy(gc.assignors, c->conf.assignors, sizeof(gc.assignors));
	gc.n_assignors = c->conf.n_assignors;
	gc.session_timeout_ms = c->conf.session_timeout_ms;
	gc.heartbeat_interval_ms = c->conf.heartbeat_interval_ms;
	gc.rebalance_timeout_ms = c->conf.max_poll_interval_ms;
	gc.enable_auto_commit = c->conf.enable_auto_commit;
	gc.auto_commit_interval_ms = c->conf.auto_commit_interval_ms;
	h.arg = c;
	h.n_parts = host_n_parts;
	h.part = host_part;
	h.assign = host_assign;
	h.revoke = host_revoke;
	h.committed = host_committed;
	h.start = host_start;
	h.flush = host_flush;
	h.want_metadata = host_want_metadata;
	h.topics = host_topics;
	kt_group_init(&c->g, &gc, &h, c->client);
}

/* --- lifecycle ----------------------------------------------------------- */

struct kt_consumer *kt_consumer_new(const struct kt_consumer_conf *conf,
				    const struct kt_consumer_opts *opts,
				    struct kt_err *err)
{
	struct kt_consumer *c = calloc(1, sizeof(*c));
	struct kt_client_conf cc;

	if (!c) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return NULL;
	}
	c->conf = *conf;
	/* deep-copy the strings we keep */
	c->conf.group_id = conf->group_id ? strdup(conf->group_id) : NULL;
	c->conf.group_instance_id = conf->group_instance_id
					    ? strdup(conf->group_instance_id)
					    : NULL;
	c->conf.client_rack =
		conf->client_rack ? strdup(conf->client_rack) : NULL;
	/* the numbers are kept; the strings stay the caller's */
	c->conf.client.bootstrap_servers = NULL;
	c->conf.client.client_id = NULL;
	kt_props_init(&c->conf.client.security);
	if (opts)
		c->opts = *opts;
	cc = conf->client;
	/* a Fetch answer can be fetch.max.bytes plus one oversized batch */
	if (cc.max_response < (size_t)conf->fetch_max_bytes + (16u << 20))
		cc.max_response = (size_t)conf->fetch_max_bytes + (16u << 20);
	c->client = kt_client_new(&cc, err);
	if (!c->client) {
		kt_consumer_free(c);
		return NULL;
	}
	kt_buf_init(&c->scratch,
		    (size_t)conf->fetch_max_bytes * 4 + (64u << 20));
	group_init(c);
	return c;
}

void kt_consumer_free(struct kt_consumer *c)
{
	size_t i;

	if (!c)
		return;
	/* callbacks of requests still in flight run here, while c lives */
	kt_client_free(c->client);
	free(c->waiting_for);
	c->client = NULL;
	c->g.client = NULL;
	kt_consumer_drop_chunks(c, NULL);
	for (i = 0; i < c->n_parts; i++)
		part_free(c->parts[i]);
	free(c->parts);
	for (i = 0; i < c->n_sub_topics; i++)
		free(c->sub_topics[i]);
	free(c->sub_topics);
	if (c->use_regex)
		regfree(&c->regex);
	free(c->assign_topic);
	free(c->assign_parts);
	free(c->fetch_nodes);
	free(c->aborted_pids);
	kt_buf_release(&c->scratch);
	kt_group_release(&c->g);
	free(c->conf.group_id);
	free(c->conf.group_instance_id);
	free(c->conf.client_rack);
	free(c);
}

struct kt_client *kt_consumer_client(struct kt_consumer *c)
{
	return c->client;
}

int kt_consumer_subscribe(struct kt_consumer *c, const char *const *topics,
			  size_t n, struct kt_err *err)
{
	size_t i;

	if (!c->conf.group_id)
		return kt_err_set(err, KT_EINVAL,
				  "subscribing needs a group.id");
	c->sub_topics = calloc(n ? n : 1, sizeof(*c->sub_topics));
	if (!c->sub_topics)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		c->sub_topics[i] = strdup(topics[i]);
		if (!c->sub_topics[i])
			return kt_err_set(err, KT_ENOMEM, "out of memory");
		c->n_sub_topics++;
	}
	c->md_wanted = true;
	kt_group_start(&c->g);
	return 0;
}

int kt_consumer_subscribe_pattern(struct kt_consumer *c, const char *regex,
				  struct kt_err *err)
{
	struct kt_err why;
	int r;

	if (!c->conf.group_id)
		return kt_err_set(err, KT_EINVAL,
				  "subscribing needs a group.id");
	/* Java's Pattern.matcher(topic).matches(): the whole name, with
	 * Java's syntax, through the one translator every tool uses */
	r = kt_jregex_compile(&c->regex, regex, strlen(regex), KT_JREGEX_WHOLE,
			      REG_NOSUB, &why);
	if (r == -KT_ESYNTAX)
		return kt_err_set(err, KT_EINVAL,
				  "invalid topic pattern '%s': %s", regex,
				  why.msg);
	if (r == -KT_EUNSUPPORTED)
		return kt_err_set(err, KT_EINVAL,
				  "topic pattern '%s' uses Java regex syntax "
				  "kafkit does not support (%s)",
				  regex, why.msg);
	if (r < 0)
		return kt_err_set(err, -r, "%s", why.msg);
	c->use_regex = true;
	c->md_wanted = true;
	kt_group_start(&c->g);
	return 0;
}

int kt_consumer_assign(struct kt_consumer *c, const char *topic,
		       const int32_t *parts, size_t n,
		       const struct kt_pos *start, struct kt_err *err)
{
	size_t i;

	c->manual = true;
	c->assign_topic = strdup(topic);
	c->assign_parts = malloc((n ? n : 1) * sizeof(int32_t));
	if (!c->assign_topic || !c->assign_parts)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	if (n)
		memcpy(c->assign_parts, parts, n * sizeof(int32_t));
	c->n_assign_parts = n;
	c->assign_start = *start;
	c->md_wanted = true;
	for (i = 0; i < n; i++)
		if (part_add(c, topic, parts[i], start) < 0)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
	return 0;
}

static const char **sub_names(struct kt_consumer *c, size_t *n)
{
	const struct kt_metadata *md = kt_client_metadata(c->client);
	const char **v;
	size_t i, k = 0, cap;

	cap = c->use_regex ? (md ? md->n_topics : 0) : c->n_sub_topics;
	v = malloc((cap ? cap : 1) * sizeof(*v));
	if (!v) {
		*n = 0;
		return NULL;
	}
	if (!c->use_regex) {
		for (i = 0; i < c->n_sub_topics; i++)
			v[k++] = c->sub_topics[i];
	} else if (md) {
		for (i = 0; i < md->n_topics; i++) {
			const struct kt_md_topic *t = &md->topics[i];

			if (!t->name || t->error_code)
				continue;
			if (t->is_internal && c->conf.exclude_internal_topics)
				continue;
			if (regexec(&c->regex, t->name, 0, NULL, 0) == 0)
				v[k++] = t->name;
		}
	}
	*n = k;
	return v;
}

/* --- metadata ------------------------------------------------------------ */

struct md_ctx {
	struct kt_consumer *c;
	struct kt_md_req_topic *topics;
	int32_t n;
};

static int md_enc(void *arg, struct kt_buf *b, int16_t version,
		  struct kt_err *err)
{
	struct md_ctx *m = arg;
	struct kt_metadata_req req;

	memset(&req, 0, sizeof(req));
	req.topics = m->topics;
	req.n_topics = m->n;
	req.allow_auto_topic_creation =
		version >= 4 && m->c->conf.allow_auto_create_topics;
	return kt_metadata_req_encode(b, version, &req, err);
}

/* A topic of the consumer is not in the cluster's metadata. Without
 * wait_for_topics that is fatal (false returned); with it, metadata is
 * asked again in a second and the caller's notice told once per topic
 * (true: go on waiting). */
static bool topic_missing(struct kt_consumer *c, const char *topic)
{
	struct kt_err e;
	char msg[400];

	if (!c->opts.wait_for_topics) {
		kt_err_kafka(&e, KT_KERR_UNKNOWN_TOPIC_OR_PARTITION,
			     "topic '%s' does not exist "
			     "(UNKNOWN_TOPIC_OR_PARTITION)",
			     topic);
		kt_consumer_fail(c, &e);
		return false;
	}
	c->md_wanted = true;
	c->md_retry_at = kt_now_ms() + KT_BACKOFF_MAX_MS;
	if (c->waiting_for && strcmp(c->waiting_for, topic) == 0)
		return true;
	free(c->waiting_for);
	c->waiting_for = strdup(topic);
	if (c->opts.notice) {
		snprintf(msg, sizeof(msg),
			 "Topic '%s' does not exist yet "
			 "(UNKNOWN_TOPIC_OR_PARTITION): waiting for it to be "
			 "created, metadata asked every %d ms",
			 topic, KT_BACKOFF_MAX_MS);
		c->opts.notice(c->opts.notice_arg, msg);
	}
	return true;
}

/* The metadata arrived: leaders, unknown topics, pattern matches. */
static void md_apply(struct kt_consumer *c)
{
	const struct kt_metadata *md = kt_client_metadata(c->client);
	size_t i, leaderless = 0;

	for (i = 0; i < c->n_parts; i++) {
		struct cpart *p = c->parts[i];
		int32_t leader;
		struct kt_err e;

		if (kt_client_leader(c->client, p->topic, p->partition, &leader,
				     &e) == 0) {
			p->leader = leader;
		} else {
			p->leader = -1;
			leaderless++;
		}
	}
	if (leaderless) {
		/* an election is under way: ask again, backing off */
		c->md_wanted = true;
		c->md_retry_at =
			kt_now_ms() + kt_consumer_backoff_ms(++c->md_failures);
	}
	if (c->manual) {
		const struct kt_md_topic *t =
			kt_metadata_topic(md, c->assign_topic);
		struct kt_err e;

		if (!t || t->error_code == KT_KERR_UNKNOWN_TOPIC_OR_PARTITION) {
			topic_missing(c, c->assign_topic);
			return;
		}
		if (t->error_code)
			return; /* LEADER_NOT_AVAILABLE etc.: retried */
		if (c->n_assign_parts == 0) {
			size_t k;

			for (k = 0; k < t->n_partitions; k++)
				part_add(c, c->assign_topic,
					 t->partitions[k].partition_index,
					 &c->assign_start);
			c->n_assign_parts = (size_t)-1; /* done */
			md_apply(c);
			return;
		}
		for (i = 0; i < c->n_parts; i++) {
			if (!kt_md_topic_partition(t, c->parts[i]->partition)) {
				kt_err_set(&e, KT_ENOTFOUND,
					   "partition %d of topic '%s' does "
					   "not exist (the topic has %zu "
					   "partitions)",
					   c->parts[i]->partition,
					   c->assign_topic, t->n_partitions);
				kt_consumer_fail(c, &e);
				return;
			}
		}
		return;
	}
	if (!c->use_regex) {
		for (i = 0; i < c->n_sub_topics; i++) {
			const struct kt_md_topic *t =
				kt_metadata_topic(md, c->sub_topics[i]);

			if (!t || t->error_code ==
					  KT_KERR_UNKNOWN_TOPIC_OR_PARTITION) {
				if (!topic_missing(c, c->sub_topics[i]))
					return;
				/* the group joins with what exists; the
				 * topic's arrival changes the subscription's
				 * metadata and the group rebalances */
				break;
			}
		}
	}
	kt_group_on_metadata(&c->g);
}

static void md_done(void *arg, struct kt_client *cl, int32_t node,
		    struct kt_response *resp, const struct kt_err *err)
{
	struct md_ctx *m = arg;
	struct kt_consumer *c = m->c;
	struct kt_metadata md;
	struct kt_err e;

	(void)node;
	c->md_inflight = false;
	free(m->topics);
	free(m);
	if (err || !c->client) {
		c->md_failures++;
		c->md_wanted = true;
		c->md_retry_at =
			kt_now_ms() + kt_consumer_backoff_ms(c->md_failures);
		return;
	}
	if (kt_metadata_resp_decode(resp->body, resp->body_len,
				    resp->api_version, &md, &e) < 0) {
		kt_metadata_release(&md);
		kt_consumer_fail(c, &e);
		return;
	}
	if (kt_client_metadata_take(cl, &md, &e) < 0) {
		kt_metadata_release(&md);
		kt_consumer_fail(c, &e);
		return;
	}
	c->md_ok = true;
	c->md_next = kt_now_ms() + c->conf.client.metadata_max_age_ms;
	md_apply(c);
	if (!c->md_wanted)
		c->md_failures = 0;
}

static void md_send(struct kt_consumer *c)
{
	struct md_ctx *m = calloc(1, sizeof(*m));
	struct kt_err e;
	size_t i;

	if (!m)
		return;
	m->c = c;
	if (c->use_regex) {
		m->n = -1;
	} else if (c->manual) {
		m->n = 1;
		m->topics = calloc(1, sizeof(*m->topics));
		if (m->topics)
			m->topics[0].name = c->assign_topic;
	} else {
		m->n = (int32_t)c->n_sub_topics;
		m->topics = calloc(c->n_sub_topics ? c->n_sub_topics : 1,
				   sizeof(*m->topics));
		for (i = 0; m->topics && i < c->n_sub_topics; i++)
			m->topics[i].name = c->sub_topics[i];
	}
	if (m->n >= 0 && !m->topics) {
		free(m);
		return;
	}
	if (kt_client_send(c->client, KT_NODE_ANY, KT_API_METADATA, md_enc, m,
			   md_done, m, &e) < 0) {
		free(m->topics);
		free(m);
		c->md_retry_at =
			kt_now_ms() + kt_consumer_backoff_ms(++c->md_failures);
		return;
	}
	c->md_inflight = true;
	c->md_wanted = false;
}

/* --- the loop ------------------------------------------------------------ */

static bool all_done(struct kt_consumer *c)
{
	size_t i;

	if (!c->opts.stop_at_end || !c->md_ok)
		return false;
	if (c->manual && c->n_assign_parts == 0)
		return false; /* "all partitions" not expanded yet */
	if (kt_group_active(&c->g) && !kt_group_stable(&c->g))
		return false;
	for (i = 0; i < c->n_parts; i++) {
		struct cpart *p = c->parts[i];

		if (p->state != P_READY || p->end < 0 || p->returned < p->end)
			return false;
	}
	return true;
}

static int64_t step(struct kt_consumer *c, int64_t now)
{
	int64_t deadline = -1;

	if (c->md_wanted && !c->md_inflight && now >= c->md_retry_at)
		md_send(c);
	if (!c->md_inflight && c->md_ok && now >= c->md_next)
		md_send(c);
	if (c->md_wanted && !c->md_inflight)
		deadline = c->md_retry_at;
	if (kt_group_active(&c->g) && c->md_ok) {
		int64_t g = kt_group_step(&c->g, now);

		if (g >= 0 && (deadline < 0 || g < deadline))
			deadline = g;
	}
	if (c->md_ok) {
		size_t i;

		kt_consumer_lookups(c, now);
		kt_consumer_fetches(c, now);
		for (i = 0; i < c->n_parts; i++) {
			int64_t r = c->parts[i]->retry_at;

			if (r > now && (deadline < 0 || r < deadline))
				deadline = r;
		}
	}
	return deadline;
}

int kt_consumer_next(struct kt_consumer *c, struct kt_msg *m, int timeout_ms,
		     void (*before_block)(void *arg), void *arg,
		     struct kt_err *err)
{
	int64_t start = kt_now_ms(), now;
	int r;

	c->next_called_ms = start;
	c->flush = before_block;
	c->flush_arg = arg;
	if (!c->booted) {
		r = kt_client_bootstrap(c->client, err);
		if (r < 0)
			return r;
		c->booted = true;
	}
	for (;;) {
		int64_t deadline;
		int wait;

		r = kt_consumer_iter_next(c, m);
		if (r != 0)
			break;
		if (kt_group_failed(&c->g)) {
			kt_consumer_fail(c, kt_group_failed(&c->g));
			r = -c->fatal;
			break;
		}
		if (c->opts.stop_flag && *c->opts.stop_flag)
			return KT_CONSUMER_STOPPED;
		now = kt_now_ms();
		deadline = step(c, now);
		if (c->fatal) {
			r = -c->fatal;
			break;
		}
		if (c->q_head)
			continue;
		if (all_done(c))
			return KT_CONSUMER_END;
		if (timeout_ms >= 0 && now - start >= timeout_ms)
			return KT_CONSUMER_TIMEOUT;
		/* wake up at least every 100 ms: signals, timers */
		wait = 100;
		if (deadline >= 0 && deadline - now < wait)
			wait = deadline > now ? (int)(deadline - now) : 0;
		if (timeout_ms >= 0 && start + timeout_ms - now < wait)
			wait = (int)(start + timeout_ms - now);
		if (wait > 0 && before_block)
			before_block(arg);
		if (c->opts.stop_flag && *c->opts.stop_flag)
			return KT_CONSUMER_STOPPED;
		c->in_poll = true;
		r = kt_client_poll(c->client, wait, err);
		c->in_poll = false;
		if (r < 0)
			return r;
	}
	if (r < 0 && err)
		*err = c->fatal_err;
	return r;
}

int kt_consumer_keepalive(struct kt_consumer *c, int timeout_ms,
			  struct pollfd *extra, size_t n_extra,
			  struct kt_err *err)
{
	int64_t now = kt_now_ms(), hb;
	int wait = timeout_ms, r;

	if (c->in_poll || !c->booted) {
		/* a flush from inside the event loop's own callbacks: the
		 * loop cannot be entered again, so only wait */
		if (poll(extra, n_extra, timeout_ms) < 0 && errno != EINTR)
			return kt_err_set(err, KT_EIO, "poll: %s",
					  strerror(errno));
		return 0;
	}
	/* a member that has not asked for records for max.poll.interval.ms
	 * is let go, as Java's heartbeat thread lets it go */
	if (kt_group_active(&c->g) &&
	    now - c->next_called_ms < c->conf.max_poll_interval_ms) {
		hb = kt_group_keepalive(&c->g, now);
		if (hb >= 0 && hb - now < wait)
			wait = hb > now ? (int)(hb - now) : 0;
	}
	c->in_poll = true;
	r = kt_client_poll_fds(c->client, wait, extra, n_extra, err);
	c->in_poll = false;
	return r;
}

int kt_consumer_close(struct kt_consumer *c, int timeout_ms, struct kt_err *err)
{
	if (!c->booted || !kt_group_active(&c->g))
		return 0;
	return kt_group_close(&c->g, timeout_ms, err);
}
