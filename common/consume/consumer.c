/*
 * consume/consumer.c - the consumer's fetch loop, offset resolution and
 * metadata handling (the Java KafkaConsumer's Fetcher, OffsetFetcher and
 * metadata updates), driven by the cluster client's poll loop. Group membership
 * is in group.c.
 *
 * Pipelining: a Fetch answer is scanned batch header by batch header
 * (no record is decoded) to learn each partition's next offset, and the
 * next Fetch to that leader goes out at once, before the records are
 * handed to the caller. At most two answers per partition are buffered.
 */
#include "consume/consumer.h"
#include "consume/consumer_int.h"
#include "wire/kerr.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <strings.h>
#include <time.h>

#define KT_CHUNKS_PER_PART 2
#define KT_BACKOFF_MAX_MS 1000

/* --- configuration ------------------------------------------------------- */

void kt_consumer_conf_init(struct kt_consumer_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	kt_client_conf_init(&conf->client);
	conf->isolation_level = KT_READ_UNCOMMITTED;
	conf->auto_offset_reset = KT_RESET_LATEST;
	conf->enable_auto_commit = true;
	conf->auto_commit_interval_ms = 5000;
	conf->fetch_min_bytes = 1;
	conf->fetch_max_bytes = 52428800;
	conf->max_partition_fetch_bytes = 1048576;
	conf->fetch_max_wait_ms = 500;
	conf->session_timeout_ms = 45000;
	conf->heartbeat_interval_ms = 3000;
	conf->max_poll_interval_ms = 300000;
	conf->check_crcs = true;
	conf->exclude_internal_topics = true;
	conf->allow_auto_create_topics = true;
	conf->assignors[0] = KT_ASSIGNOR_RANGE;
	conf->assignors[1] = KT_ASSIGNOR_COOPERATIVE_STICKY;
	conf->n_assignors = 2;
}

void kt_consumer_conf_release(struct kt_consumer_conf *conf)
{
	kt_client_conf_release(&conf->client);
	free(conf->group_id);
	free(conf->group_instance_id);
	free(conf->client_rack);
	memset(conf, 0, sizeof(*conf));
}

static int bad_value(struct kt_err *err, const char *name, const char *value,
		     const char *why)
{
	return kt_err_set(err, KT_EINVAL,
			  "Invalid value %s for configuration %s: %s", value,
			  name, why);
}

/* Java ConfigDef BOOLEAN: "true"/"false", trimmed, any case. */
static int conf_bool(const char *name, const char *v, bool *out,
		     struct kt_err *err)
{
	size_t b = 0, e = strlen(v);

	while (b < e && isspace((unsigned char)v[b]))
		b++;
	while (e > b && isspace((unsigned char)v[e - 1]))
		e--;
	if (e - b == 4 && strncasecmp(v + b, "true", 4) == 0)
		*out = true;
	else if (e - b == 5 && strncasecmp(v + b, "false", 5) == 0)
		*out = false;
	else
		return bad_value(err, name, v,
				 "Expected value to be either true or false");
	return 0;
}

/* Java ConfigDef INT with a lower bound. */
static int conf_int(const char *name, const char *v, long long min, int *out,
		    struct kt_err *err)
{
	char *end;
	long long x;

	errno = 0;
	while (isspace((unsigned char)*v))
		v++;
	x = strtoll(v, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || end == v || *end || x < INT32_MIN || x > INT32_MAX)
		return bad_value(err, name, v, "Not a number of type INT");
	if (x < min) {
		char why[64];

		snprintf(why, sizeof(why), "Value must be at least %lld", min);
		return bad_value(err, name, v, why);
	}
	*out = (int)x;
	return 0;
}

static int conf_str(char **dst, const char *v, struct kt_err *err)
{
	char *s = strdup(v);

	if (!s)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	free(*dst);
	*dst = s;
	return 0;
}

static int conf_assignors(struct kt_consumer_conf *conf, const char *v,
			  struct kt_err *err)
{
	const char *s = v;
	size_t n = 0;
	int kinds[KT_CONSUMER_MAX_ASSIGNORS];

	while (*s) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		char name[128];
		enum kt_assignor_kind k;
		size_t i;

		while (len && isspace((unsigned char)*s)) {
			s++;
			len--;
		}
		while (len && isspace((unsigned char)s[len - 1]))
			len--;
		if (len) {
			if (len >= sizeof(name))
				len = sizeof(name) - 1;
			memcpy(name, s, len);
			name[len] = 0;
			if (kt_assignor_lookup(name, &k) < 0)
				return kt_err_set(
					err, KT_EINVAL,
					"Invalid value %s for configuration "
					"partition.assignment.strategy: Class "
					"%s cannot be found",
					v, name);
			for (i = 0; i < n; i++)
				if (kinds[i] == (int)k)
					break;
			if (i == n && n < KT_CONSUMER_MAX_ASSIGNORS)
				kinds[n++] = (int)k;
		}
		if (!e)
			break;
		s = e + 1;
	}
	if (!n)
		return kt_err_set(err, KT_EINVAL,
				  "Invalid value %s for configuration "
				  "partition.assignment.strategy: at least one "
				  "assignor is required",
				  v);
	memcpy(conf->assignors, kinds, n * sizeof(kinds[0]));
	conf->n_assignors = n;
	return 0;
}

int kt_consumer_conf_set(struct kt_consumer_conf *conf, const char *name,
			 const char *value, struct kt_err *err)
{
	static const char *const ignored[] = {
		"max.poll.records",
		"key.deserializer",
		"value.deserializer",
		"default.api.timeout.ms.ignored",
		"internal.leave.group.on.close",
		"group.remote.assignor",
		"internal.throw.on.fetch.stable.offset.unsupported",
		"enable.metrics.push",
		NULL};
	size_t i;

	if (strcmp(name, "group.id") == 0)
		return conf_str(&conf->group_id, value, err);
	if (strcmp(name, "group.instance.id") == 0)
		return conf_str(&conf->group_instance_id, value, err);
	if (strcmp(name, "client.rack") == 0)
		return conf_str(&conf->client_rack, value, err);
	if (strcmp(name, "isolation.level") == 0) {
		if (strcmp(value, "read_committed") == 0)
			conf->isolation_level = KT_READ_COMMITTED;
		else if (strcmp(value, "read_uncommitted") == 0)
			conf->isolation_level = KT_READ_UNCOMMITTED;
		else
			return bad_value(err, name, value,
					 "String must be one of: "
					 "read_committed, read_uncommitted");
		return 0;
	}
	if (strcmp(name, "auto.offset.reset") == 0) {
		if (strcasecmp(value, "latest") == 0)
			conf->auto_offset_reset = KT_RESET_LATEST;
		else if (strcasecmp(value, "earliest") == 0)
			conf->auto_offset_reset = KT_RESET_EARLIEST;
		else if (strcasecmp(value, "none") == 0)
			conf->auto_offset_reset = KT_RESET_NONE;
		else
			return bad_value(err, name, value,
					 "[latest, earliest, none, "
					 "by_duration:PnDTnHnMn.nS]");
		return 0;
	}
	if (strcmp(name, "enable.auto.commit") == 0) {
		conf->enable_auto_commit_set = true;
		return conf_bool(name, value, &conf->enable_auto_commit, err);
	}
	if (strcmp(name, "check.crcs") == 0)
		return conf_bool(name, value, &conf->check_crcs, err);
	if (strcmp(name, "exclude.internal.topics") == 0)
		return conf_bool(name, value, &conf->exclude_internal_topics,
				 err);
	if (strcmp(name, "allow.auto.create.topics") == 0)
		return conf_bool(name, value, &conf->allow_auto_create_topics,
				 err);
	if (strcmp(name, "auto.commit.interval.ms") == 0)
		return conf_int(name, value, 0, &conf->auto_commit_interval_ms,
				err);
	if (strcmp(name, "fetch.min.bytes") == 0)
		return conf_int(name, value, 0, &conf->fetch_min_bytes, err);
	if (strcmp(name, "fetch.max.bytes") == 0)
		return conf_int(name, value, 0, &conf->fetch_max_bytes, err);
	if (strcmp(name, "max.partition.fetch.bytes") == 0)
		return conf_int(name, value, 0,
				&conf->max_partition_fetch_bytes, err);
	if (strcmp(name, "fetch.max.wait.ms") == 0)
		return conf_int(name, value, 0, &conf->fetch_max_wait_ms, err);
	if (strcmp(name, "session.timeout.ms") == 0)
		return conf_int(name, value, INT32_MIN,
				&conf->session_timeout_ms, err);
	if (strcmp(name, "heartbeat.interval.ms") == 0)
		return conf_int(name, value, INT32_MIN,
				&conf->heartbeat_interval_ms, err);
	if (strcmp(name, "max.poll.interval.ms") == 0)
		return conf_int(name, value, 1, &conf->max_poll_interval_ms,
				err);
	if (strcmp(name, "partition.assignment.strategy") == 0)
		return conf_assignors(conf, value, err);
	if (strcmp(name, "group.protocol") == 0) {
		if (strcasecmp(value, "classic") == 0)
			return 0;
		if (strcasecmp(value, "consumer") == 0)
			return kt_err_set(err, KT_EUNSUPPORTED,
					  "group.protocol=consumer (KIP-848) "
					  "is not supported by kafkit yet; use "
					  "classic");
		return bad_value(err, name, value,
				 "String must be one of (case insensitive): "
				 "CLASSIC, CONSUMER");
	}
	for (i = 0; ignored[i]; i++)
		if (strcmp(name, ignored[i]) == 0)
			return KT_CONF_IGNORED;
	return kt_client_conf_set(&conf->client, name, value, err);
}

/* --- offset specs -------------------------------------------------------- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* Read exactly n digits. */
static bool digits(const char **s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return false;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return true;
}

/* ISO-8601: YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM|±HHMM]; no zone: UTC. */
static int parse_iso(const char *s, int64_t *ms)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0, fd = 0, zh, zm;
	int64_t off = 0, t;

	if (!digits(&s, 4, &y) || *s++ != '-' || !digits(&s, 2, &mo) ||
	    *s++ != '-' || !digits(&s, 2, &d))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (!digits(&s, 2, &h) || *s++ != ':' || !digits(&s, 2, &mi))
			return -1;
		if (*s == ':') {
			s++;
			if (!digits(&s, 2, &sec))
				return -1;
			if (*s == '.' || *s == ',') {
				s++;
				while (isdigit((unsigned char)*s)) {
					if (fd < 3) {
						frac = frac * 10 + (*s - '0');
						fd++;
					}
					s++;
				}
				while (fd > 0 && fd < 3) {
					frac *= 10;
					fd++;
				}
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return -1;
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int sign = *s++ == '-' ? -1 : 1;

		if (!digits(&s, 2, &zh))
			return -1;
		if (*s == ':')
			s++;
		if (!digits(&s, 2, &zm))
			return -1;
		off = sign * ((int64_t)zh * 3600 + zm * 60);
	}
	if (*s)
		return -1;
	t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 +
	    mi * 60 + sec - off;
	*ms = t * 1000 + frac;
	return 0;
}

static int parse_i64(const char *s, int64_t *v)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	*v = strtoll(s, &end, 10);
	return errno || *end ? -1 : 0;
}

/* 1h, 30m, 15s, 500ms, 2d, 1w, or combinations like 1h30m. */
static int parse_duration(const char *s, int64_t *ms)
{
	int64_t total = 0;

	if (!*s)
		return -1;
	while (*s) {
		int64_t n = 0, unit;

		if (!isdigit((unsigned char)*s))
			return -1;
		while (isdigit((unsigned char)*s)) {
			if (n > INT64_MAX / 10 - 10)
				return -1;
			n = n * 10 + (*s++ - '0');
		}
		if (strncmp(s, "ms", 2) == 0) {
			unit = 1;
			s += 2;
		} else if (*s == 's') {
			unit = 1000;
			s++;
		} else if (*s == 'm') {
			unit = 60000;
			s++;
		} else if (*s == 'h') {
			unit = 3600000;
			s++;
		} else if (*s == 'd') {
			unit = 86400000;
			s++;
		} else if (*s == 'w') {
			unit = 7 * 86400000LL;
			s++;
		} else {
			return -1;
		}
		total += n * unit;
	}
	*ms = total;
	return 0;
}

int kt_pos_parse(const char *s, int64_t now_ms, struct kt_pos *pos)
{
	int64_t v;

	memset(pos, 0, sizeof(*pos));
	if (strcasecmp(s, "earliest") == 0 || strcasecmp(s, "beginning") == 0) {
		pos->kind = KT_POS_EARLIEST;
		return 0;
	}
	if (strcasecmp(s, "latest") == 0 || strcasecmp(s, "end") == 0) {
		pos->kind = KT_POS_LATEST;
		return 0;
	}
	if ((s[0] == '+' || s[0] == '-') && isdigit((unsigned char)s[1]) &&
	    parse_i64(s + 1, &v) == 0) {
		pos->kind = s[0] == '+' ? KT_POS_FROM_START : KT_POS_FROM_END;
		pos->value = v;
		return 0;
	}
	if (isdigit((unsigned char)s[0]) && parse_i64(s, &v) == 0) {
		pos->kind = KT_POS_OFFSET;
		pos->value = v;
		return 0;
	}
	if (s[0] == '@') {
		s++;
		if (s[0] == '-' && parse_duration(s + 1, &v) == 0) {
			pos->kind = KT_POS_TIMESTAMP;
			pos->value = now_ms - v;
			return 0;
		}
		if (isdigit((unsigned char)s[0]) && parse_i64(s, &v) == 0) {
			pos->kind = KT_POS_TIMESTAMP;
			pos->value = v;
			return 0;
		}
	}
	if (parse_iso(s, &v) == 0) {
		pos->kind = KT_POS_TIMESTAMP;
		pos->value = v;
		return 0;
	}
	return -KT_EINVAL;
}

/* --- partitions ---------------------------------------------------------- */

static void chunk_free(struct chunk *ch)
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

struct cpart *kt_consumer_part(struct kt_consumer *c, const char *topic,
			       int32_t partition)
{
	size_t i;

	for (i = 0; i < c->n_parts; i++)
		if (c->parts[i]->partition == partition &&
		    strcmp(c->parts[i]->topic, topic) == 0)
			return c->parts[i];
	return NULL;
}

static int64_t backoff_ms(int failures)
{
	int64_t b = 100;

	while (failures-- > 1 && b < KT_BACKOFF_MAX_MS)
		b *= 2;
	return b < KT_BACKOFF_MAX_MS ? b : KT_BACKOFF_MAX_MS;
}

/* Decide which ListOffsets lookups p needs for its start and end. */
static void plan_lookups(struct kt_consumer *c, struct cpart *p,
			 bool need_start)
{
	memset(p->want, 0, sizeof(p->want));
	memset(p->got, 0, sizeof(p->got));
	if (need_start) {
		switch (p->start.kind) {
		case KT_POS_EARLIEST:
			p->want[LO_EARLIEST] = true;
			break;
		case KT_POS_LATEST:
			p->want[LO_LATEST] = true;
			break;
		case KT_POS_FROM_START:
		case KT_POS_FROM_END:
			p->want[LO_EARLIEST] = p->want[LO_LATEST] = true;
			break;
		case KT_POS_TIMESTAMP:
			p->want[LO_TS_START] = p->want[LO_LATEST] = true;
			break;
		default:
			break;
		}
	}
	if (c->opts.stop_at_end && p->end < 0) {
		switch (c->opts.end.kind) {
		case KT_POS_TIMESTAMP:
			p->want[LO_TS_END] = true;
			p->want[LO_LATEST] = true;
			break;
		case KT_POS_FROM_START:
			p->want[LO_EARLIEST] = true;
			break;
		case KT_POS_OFFSET:
			break;
		default:
			p->want[LO_LATEST] = true;
			break;
		}
	}
	p->state = P_RESOLVING;
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* All lookups of p are in: set its position and end, and start fetching. */
static void finish_lookups(struct kt_consumer *c, struct cpart *p,
			   bool need_start)
{
	int64_t e = p->lo[LO_EARLIEST], l = p->lo[LO_LATEST];

	(void)need_start; /* without lookups, start is an offset */
	{
		switch (p->start.kind) {
		case KT_POS_EARLIEST:
			p->position = e;
			break;
		case KT_POS_LATEST:
			p->position = l;
			break;
		case KT_POS_FROM_START:
			p->position = clamp(e + p->start.value, e, l);
			break;
		case KT_POS_FROM_END:
			p->position = clamp(l - p->start.value, e, l);
			break;
		case KT_POS_TIMESTAMP:
			p->position = p->lo[LO_TS_START] >= 0
					      ? p->lo[LO_TS_START]
					      : l;
			break;
		default:
			p->position = p->start.value;
			break;
		}
	}
	if (c->opts.stop_at_end && p->end < 0) {
		/* captured once: a later reset keeps it */
		switch (c->opts.end.kind) {
		case KT_POS_TIMESTAMP:
			p->end = p->lo[LO_TS_END] >= 0 ? p->lo[LO_TS_END] : l;
			break;
		case KT_POS_OFFSET:
			p->end = c->opts.end.value;
			break;
		case KT_POS_FROM_START:
			p->end = e + c->opts.end.value;
			break;
		case KT_POS_FROM_END:
			p->end = l - c->opts.end.value;
			break;
		default:
			p->end = l;
			break;
		}
	}
	p->returned = p->written = p->position;
	p->unwritten = false;
	p->state = P_READY;
}

int kt_consumer_add_part(struct kt_consumer *c, const char *topic,
			 int32_t partition, const struct kt_pos *start)
{
	struct cpart *p, **np;

	if (kt_consumer_part(c, topic, partition))
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

void kt_consumer_part_plan(struct kt_consumer *c, struct cpart *p)
{
	bool need_start = p->start.kind != KT_POS_OFFSET &&
			  p->start.kind != KT_POS_COMMITTED;
	size_t k;

	plan_lookups(c, p, need_start);
	for (k = 0; k < LO_N && !p->want[k]; k++)
		;
	if (k == LO_N)
		finish_lookups(c, p, need_start);
}

static void reset_iter(struct kt_consumer *c)
{
	c->it_ch = NULL;
	c->in_batch = false;
	c->in_legacy = false;
	c->single_pending = false;
	c->n_aborted_pids = 0;
	c->aborted_next = 0;
}

/* Drop the queued chunks of p (all of them when p is NULL). */
static void drop_chunks(struct kt_consumer *c, struct cpart *p)
{
	struct chunk **pp = &c->q_head, *ch;

	c->q_tail = NULL;
	while ((ch = *pp)) {
		if (!p || ch->p == p) {
			if (ch == c->it_ch)
				reset_iter(c);
			*pp = ch->next;
			ch->p->nq--;
			chunk_free(ch);
			continue;
		}
		c->q_tail = ch;
		pp = &ch->next;
	}
}

void kt_consumer_remove_part(struct kt_consumer *c, struct cpart *p)
{
	size_t i;

	drop_chunks(c, p);
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
static bool part_unref(struct cpart *p)
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

void kt_consumer_want_metadata(struct kt_consumer *c)
{
	c->md_wanted = true;
}

void kt_consumer_flush_output(struct kt_consumer *c)
{
	if (c->flush)
		c->flush(c->flush_arg);
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
	c->rebalance_timeout_ms = conf->max_poll_interval_ms;
	kt_group_init(c);
	return c;
}

void kt_consumer_free(struct kt_consumer *c)
{
	size_t i;

	if (!c)
		return;
	/* callbacks of requests still in flight run here, while c lives */
	kt_client_free(c->client);
	c->client = NULL;
	drop_chunks(c, NULL);
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
	kt_group_release(c);
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
	c->g.state = G_UNJOINED;
	return 0;
}

int kt_consumer_subscribe_pattern(struct kt_consumer *c, const char *regex,
				  struct kt_err *err)
{
	struct kt_buf b;
	int r;

	if (!c->conf.group_id)
		return kt_err_set(err, KT_EINVAL,
				  "subscribing needs a group.id");
	kt_buf_init(&b, 0);
	/* Java's Pattern.matcher(topic).matches(): the whole name */
	kt_buf_printf(&b, "^(%s)$", regex);
	kt_buf_put(&b, "", 1);
	if (b.err) {
		kt_buf_release(&b);
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	}
	r = regcomp(&c->regex, (const char *)b.p, REG_EXTENDED | REG_NOSUB);
	kt_buf_release(&b);
	if (r)
		return kt_err_set(err, KT_EINVAL, "invalid topic pattern '%s'",
				  regex);
	c->use_regex = true;
	c->md_wanted = true;
	c->g.state = G_UNJOINED;
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
		if (kt_consumer_add_part(c, topic, parts[i], start) < 0)
			return kt_err_set(err, KT_ENOMEM, "out of memory");
	return 0;
}

const char **kt_consumer_sub_names(struct kt_consumer *c, size_t *n)
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
		c->md_retry_at = kt_now_ms() + backoff_ms(++c->md_failures);
	}
	if (c->manual) {
		const struct kt_md_topic *t =
			kt_metadata_topic(md, c->assign_topic);
		struct kt_err e;

		if (!t || t->error_code == KT_KERR_UNKNOWN_TOPIC_OR_PARTITION) {
			kt_err_kafka(&e, KT_KERR_UNKNOWN_TOPIC_OR_PARTITION,
				     "topic '%s' does not exist "
				     "(UNKNOWN_TOPIC_OR_PARTITION)",
				     c->assign_topic);
			kt_consumer_fail(c, &e);
			return;
		}
		if (t->error_code)
			return; /* LEADER_NOT_AVAILABLE etc.: retried */
		if (c->n_assign_parts == 0) {
			size_t k;

			for (k = 0; k < t->n_partitions; k++)
				kt_consumer_add_part(
					c, c->assign_topic,
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
			struct kt_err e;

			if (!t || t->error_code ==
					  KT_KERR_UNKNOWN_TOPIC_OR_PARTITION) {
				kt_err_kafka(&e,
					     KT_KERR_UNKNOWN_TOPIC_OR_PARTITION,
					     "topic '%s' does not exist "
					     "(UNKNOWN_TOPIC_OR_PARTITION)",
					     c->sub_topics[i]);
				kt_consumer_fail(c, &e);
				return;
			}
		}
	}
	kt_group_on_metadata(c, false);
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
		c->md_retry_at = kt_now_ms() + backoff_ms(c->md_failures);
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
		c->md_retry_at = kt_now_ms() + backoff_ms(++c->md_failures);
		return;
	}
	c->md_inflight = true;
	c->md_wanted = false;
}

/* --- ListOffsets --------------------------------------------------------- */

struct lo_ctx {
	struct kt_consumer *c;
	int kind;
	size_t n;
	struct cpart **parts;
	struct kt_list_offsets_part_req *preq;
	struct kt_list_offsets_topic_req *treq;
	size_t n_treq;
};

static int64_t lo_timestamp(struct kt_consumer *c, struct cpart *p, int kind)
{
	switch (kind) {
	case LO_EARLIEST:
		return KT_OFFSET_EARLIEST;
	case LO_LATEST:
		return KT_OFFSET_LATEST;
	case LO_TS_START:
		return p->start.value;
	default:
		return c->opts.end.value;
	}
}

static int lo_enc(void *arg, struct kt_buf *b, int16_t version,
		  struct kt_err *err)
{
	struct lo_ctx *x = arg;
	struct kt_list_offsets_req req;
	int r;

	memset(&req, 0, sizeof(req));
	req.replica_id = -1;
	req.isolation_level = x->c->conf.isolation_level;
	req.topics = x->treq;
	req.n_topics = x->n_treq;
	req.timeout_ms = x->c->conf.client.request_timeout_ms;
	r = kt_list_offsets_req_encode(b, version, &req);
	if (r < 0)
		return kt_err_set(err, -r, "cannot encode ListOffsets v%d",
				  version);
	return 0;
}

static void lo_free(struct lo_ctx *x)
{
	free(x->parts);
	free(x->preq);
	free(x->treq);
	free(x);
}

static void lo_done(void *arg, struct kt_client *cl, int32_t node,
		    struct kt_response *resp, const struct kt_err *err)
{
	struct lo_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct kt_list_offsets_resp r;
	struct kt_err e;
	size_t i, t, k;
	bool retry = false;

	(void)cl;
	(void)node;
	memset(&r, 0, sizeof(r));
	if (!err &&
	    kt_list_offsets_resp_decode(resp->body, resp->body_len,
					resp->api_version, &r, &e) < 0) {
		kt_consumer_fail(c, &e);
		err = &e;
	}
	for (i = 0; i < x->n; i++) {
		struct cpart *p = x->parts[i];
		const struct kt_list_offsets_part_resp *pr = NULL;

		p->busy[x->kind] = false;
		if (part_unref(p))
			continue;
		for (t = 0; !err && t < r.n_topics && !pr; t++) {
			if (strcmp(r.topics[t].name, p->topic) != 0)
				continue;
			for (k = 0; k < r.topics[t].n_parts; k++)
				if (r.topics[t].parts[k].partition_index ==
				    p->partition)
					pr = &r.topics[t].parts[k];
		}
		if (!pr || pr->error_code) {
			int16_t code = pr ? pr->error_code : 0;

			if (code && !kt_kerr_retriable(code) &&
			    code != KT_KERR_UNKNOWN_TOPIC_OR_PARTITION) {
				kt_err_kafka(&e, code,
					     "cannot list offsets of '%s'-%d: "
					     "%s: %s",
					     p->topic, p->partition,
					     kt_kerr_name(code),
					     kt_kerr_message(code));
				kt_consumer_fail(c, &e);
				continue;
			}
			retry = true;
			p->retry_at = kt_now_ms() + backoff_ms(1);
			continue;
		}
		p->lo[x->kind] = pr->offset;
		p->got[x->kind] = true;
		if (p->state == P_RESOLVING) {
			for (k = 0; k < LO_N; k++)
				if (p->want[k] && !p->got[k])
					break;
			if (k == LO_N)
				finish_lookups(
					c, p,
					p->start.kind != KT_POS_OFFSET &&
						p->start.kind !=
							KT_POS_COMMITTED);
		}
	}
	if (retry)
		c->md_wanted = true;
	kt_list_offsets_resp_release(&r);
	lo_free(x);
}

/* Send the lookups of kind to leader for parts[] (all of one leader). */
static void lo_send(struct kt_consumer *c, int32_t leader, int kind,
		    struct cpart **parts, size_t n)
{
	struct lo_ctx *x = calloc(1, sizeof(*x));
	struct kt_err e;
	size_t i, j;

	if (!x)
		return;
	x->c = c;
	x->kind = kind;
	x->parts = malloc(n * sizeof(*x->parts));
	x->preq = calloc(n, sizeof(*x->preq));
	x->treq = calloc(n, sizeof(*x->treq));
	if (!x->parts || !x->preq || !x->treq) {
		lo_free(x);
		return;
	}
	/* partitions of one topic must be adjacent: group them */
	for (i = 0; i < n; i++) {
		struct cpart *p = parts[i];

		for (j = 0; j < x->n_treq; j++)
			if (strcmp(x->treq[j].name, p->topic) == 0)
				break;
		if (j == x->n_treq) {
			x->treq[j].name = p->topic;
			x->n_treq++;
		}
	}
	for (j = 0; j < x->n_treq; j++) {
		x->treq[j].parts = &x->preq[x->n];
		for (i = 0; i < n; i++) {
			struct cpart *p = parts[i];

			if (strcmp(p->topic, x->treq[j].name) != 0)
				continue;
			x->preq[x->n].partition_index = p->partition;
			x->preq[x->n].current_leader_epoch = -1;
			x->preq[x->n].timestamp = lo_timestamp(c, p, kind);
			x->parts[x->n] = p;
			x->n++;
			x->treq[j].n_parts++;
		}
	}
	if (kt_client_send(c->client, leader, KT_API_LIST_OFFSETS, lo_enc, x,
			   lo_done, x, &e) < 0) {
		lo_free(x);
		c->md_wanted = true;
		return;
	}
	for (i = 0; i < n; i++)
		parts[i]->busy[kind] = true;
}

static void lookups(struct kt_consumer *c, int64_t now)
{
	struct cpart **batch;
	size_t i, j, nb;
	int k;

	batch = malloc((c->n_parts ? c->n_parts : 1) * sizeof(*batch));
	if (!batch)
		return;
	for (k = 0; k < LO_N; k++) {
		for (i = 0; i < c->n_parts; i++) {
			struct cpart *p = c->parts[i];
			int32_t leader;

			if (p->state != P_RESOLVING || !p->want[k] ||
			    p->got[k] || p->busy[k] || p->leader < 0 ||
			    p->retry_at > now)
				continue;
			leader = p->leader;
			nb = 0;
			for (j = i; j < c->n_parts; j++) {
				struct cpart *q = c->parts[j];

				if (q->state == P_RESOLVING && q->want[k] &&
				    !q->got[k] && !q->busy[k] &&
				    q->leader == leader && q->retry_at <= now)
					batch[nb++] = q;
			}
			lo_send(c, leader, k, batch, nb);
		}
	}
	free(batch);
}

/* --- Fetch --------------------------------------------------------------- */

struct fetch_ctx {
	struct kt_consumer *c;
	int32_t node;
	size_t n;
	struct cpart **parts;
	int64_t *offsets;
	struct kt_fetch_part_req *preq;
	struct kt_fetch_topic_req *treq;
	size_t n_treq;
};

static int fetch_enc(void *arg, struct kt_buf *b, int16_t version,
		     struct kt_err *err)
{
	struct fetch_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct kt_fetch_req req;
	int r;

	kt_fetch_req_init(&req);
	req.max_wait_ms = c->conf.fetch_max_wait_ms;
	req.min_bytes = c->conf.fetch_min_bytes;
	req.max_bytes = c->conf.fetch_max_bytes;
	req.isolation_level = c->conf.isolation_level;
	req.topics = x->treq;
	req.n_topics = x->n_treq;
	req.rack_id = c->conf.client_rack ? c->conf.client_rack : "";
	r = kt_fetch_req_encode(b, version, &req);
	if (r < 0)
		return kt_err_set(err, -r, "cannot encode Fetch v%d", version);
	return 0;
}

static void fetch_free(struct fetch_ctx *x)
{
	free(x->parts);
	free(x->offsets);
	free(x->preq);
	free(x->treq);
	free(x);
}

static void node_fetch_done(struct kt_consumer *c, int32_t node)
{
	size_t i;

	for (i = 0; i < c->n_fetch_nodes; i++)
		if (c->fetch_nodes[i] == node) {
			c->fetch_nodes[i] = c->fetch_nodes[--c->n_fetch_nodes];
			return;
		}
}

static bool node_fetching(const struct kt_consumer *c, int32_t node)
{
	size_t i;

	for (i = 0; i < c->n_fetch_nodes; i++)
		if (c->fetch_nodes[i] == node)
			return true;
	return false;
}

static int cmp_aborted(const void *a, const void *b)
{
	const struct kt_aborted_txn *x = a, *y = b;

	return x->first_offset < y->first_offset
		       ? -1
		       : x->first_offset > y->first_offset;
}

/*
 * Scan the batch headers of records (no record is decoded): the offset
 * after the last complete entry, or -1 when there is none. Corrupt framing
 * fails with err naming the partition and offset.
 */
static int64_t scan_next(struct cpart *p, struct kt_bytes records,
			 size_t *complete, struct kt_err *err)
{
	struct kt_region rg;
	struct kt_entry e;
	int64_t next = -1;
	int r;

	*complete = 0;
	kt_region_init(&rg, records.p, records.len, 0, 0, 0);
	while ((r = kt_region_next(&rg, &e, err)) > 0) {
		(*complete)++;
		if (e.magic == 2)
			next = kt_batch_last_offset(&e.batch) + 1;
		else
			next = e.legacy.offset + 1;
	}
	if (r < 0) {
		kt_err_prefix(err,
			      "corrupt record batch in '%s'-%d after offset "
			      "%" PRId64,
			      p->topic, p->partition,
			      next >= 0 ? next : p->position);
		return -2;
	}
	return next;
}

static void fetch_part(struct kt_consumer *c, struct cpart *p, int64_t offset,
		       struct kt_fetch_part_resp *pr, struct fresp *fr)
{
	int16_t code = pr->error_code;
	struct kt_err e;

	if (p->position != offset || p->state != P_READY)
		return; /* the position moved (a reset): drop the answer */
	if (code == 0) {
		size_t complete;
		int64_t next;
		struct chunk *ch;

		p->hw = pr->high_watermark;
		p->lso = pr->last_stable_offset;
		if (!pr->records.p || pr->records.len == 0)
			return;
		kt_err_clear(&e);
		next = scan_next(p, pr->records, &complete, &e);
		if (next == -2) {
			kt_consumer_fail(c, &e);
			return;
		}
		if (!complete) {
			/* one batch larger than max.partition.fetch.bytes */
			if (p->max_bytes < c->conf.fetch_max_bytes)
				p->max_bytes =
					p->max_bytes > c->conf.fetch_max_bytes /
								2
						? c->conf.fetch_max_bytes
						: p->max_bytes * 2;
			return;
		}
		ch = calloc(1, sizeof(*ch));
		if (!ch) {
			kt_err_set(&e, KT_ENOMEM, "out of memory");
			kt_consumer_fail(c, &e);
			return;
		}
		ch->p = p;
		ch->records = pr->records;
		ch->fetch_offset = offset;
		if (pr->n_aborted) {
			/* the answer's arrays live in its arena: copy */
			ch->aborted =
				malloc(pr->n_aborted * sizeof(*ch->aborted));
			if (!ch->aborted) {
				free(ch);
				kt_err_set(&e, KT_ENOMEM, "out of memory");
				kt_consumer_fail(c, &e);
				return;
			}
			memcpy(ch->aborted, pr->aborted,
			       pr->n_aborted * sizeof(*ch->aborted));
			ch->n_aborted = pr->n_aborted;
			qsort(ch->aborted, ch->n_aborted, sizeof(*ch->aborted),
			      cmp_aborted);
		}
		ch->fr = fr;
		fr->refs++;
		if (c->q_tail)
			c->q_tail->next = ch;
		else
			c->q_head = ch;
		c->q_tail = ch;
		p->nq++;
		if (next > p->position)
			p->position = next;
		p->max_bytes = c->conf.max_partition_fetch_bytes;
		return;
	}
	switch (code) {
	case 1: /* OFFSET_OUT_OF_RANGE */
		if (c->conf.auto_offset_reset == KT_RESET_NONE) {
			kt_err_kafka(&e, code,
				     "offset %" PRId64 " of '%s'-%d is out of "
				     "range and auto.offset.reset is none",
				     offset, p->topic, p->partition);
			kt_consumer_fail(c, &e);
			return;
		}
		p->start.kind = c->conf.auto_offset_reset == KT_RESET_EARLIEST
					? KT_POS_EARLIEST
					: KT_POS_LATEST;
		drop_chunks(c, p);
		plan_lookups(c, p, true);
		return;
	case 3:	  /* UNKNOWN_TOPIC_OR_PARTITION */
	case 5:	  /* LEADER_NOT_AVAILABLE */
	case 6:	  /* NOT_LEADER_OR_FOLLOWER */
	case 9:	  /* REPLICA_NOT_AVAILABLE */
	case 56:  /* KAFKA_STORAGE_ERROR */
	case 74:  /* FENCED_LEADER_EPOCH */
	case 75:  /* UNKNOWN_LEADER_EPOCH */
	case 78:  /* OFFSET_NOT_AVAILABLE */
	case 100: /* UNKNOWN_TOPIC_ID */
		c->md_wanted = true;
		p->retry_at = kt_now_ms() + backoff_ms(1);
		return;
	default:
		if (kt_kerr_retriable(code)) {
			p->retry_at = kt_now_ms() + backoff_ms(1);
			return;
		}
		kt_err_kafka(&e, code,
			     "fetch of '%s'-%d at offset %" PRId64
			     " failed: %s: %s",
			     p->topic, p->partition, offset, kt_kerr_name(code),
			     kt_kerr_message(code));
		kt_consumer_fail(c, &e);
	}
}

static void fetch_done(void *arg, struct kt_client *cl, int32_t node,
		       struct kt_response *resp, const struct kt_err *err)
{
	struct fetch_ctx *x = arg;
	struct kt_consumer *c = x->c;
	struct kt_fetch_resp r;
	struct fresp *fr = NULL;
	struct kt_err e;
	size_t i, t, k;

	(void)cl;
	(void)node;
	node_fetch_done(c, x->node);
	memset(&r, 0, sizeof(r));
	if (!err) {
		if (kt_fetch_resp_decode(resp->body, resp->body_len,
					 resp->api_version, &r, &e) < 0) {
			kt_err_prefix(&e, "fetch from broker %d", x->node);
			kt_consumer_fail(c, &e);
			err = &e;
		} else {
			fr = calloc(1, sizeof(*fr));
			if (fr) {
				fr->frame = resp->frame;
				resp->frame = NULL;
			}
		}
	}
	if (!err && r.error_code) {
		c->md_wanted = true;
		err = &e; /* a session-level error: retry all */
	}
	for (i = 0; i < x->n; i++) {
		struct cpart *p = x->parts[i];
		struct kt_fetch_part_resp *pr = NULL;

		p->fetching = false;
		if (part_unref(p))
			continue;
		if (err || !fr) {
			p->retry_at = kt_now_ms() + backoff_ms(2);
			c->md_wanted = true;
			continue;
		}
		for (t = 0; t < r.n_topics && !pr; t++) {
			if (!kt_bytes_eq(r.topics[t].topic, p->topic))
				continue;
			for (k = 0; k < r.topics[t].n_parts; k++)
				if (r.topics[t].parts[k].partition_index ==
				    p->partition) {
					pr = &r.topics[t].parts[k];
					break;
				}
		}
		if (pr)
			fetch_part(c, p, x->offsets[i], pr, fr);
	}
	if (fr && fr->refs == 0) {
		free(fr->frame);
		free(fr);
	}
	kt_fetch_resp_release(&r);
	fetch_free(x);
}

static bool fetchable(const struct kt_consumer *c, const struct cpart *p,
		      int64_t now)
{
	if (p->state != P_READY || p->fetching || p->leader < 0 ||
	    p->retry_at > now || p->nq >= KT_CHUNKS_PER_PART)
		return false;
	if (c->opts.stop_at_end && p->end >= 0 && p->position >= p->end)
		return false;
	if (c->g.state != G_NONE && c->g.state != G_STABLE &&
	    !(c->g.cooperative && c->g.state != G_PREPARING &&
	      c->g.state != G_LEAVING))
		return false;
	return true;
}

static void fetch_send(struct kt_consumer *c, int32_t node, int64_t now)
{
	struct fetch_ctx *x;
	struct kt_err e;
	size_t i, j, n = 0;

	for (i = 0; i < c->n_parts; i++)
		if (c->parts[i]->leader == node &&
		    fetchable(c, c->parts[i], now))
			n++;
	if (!n)
		return;
	x = calloc(1, sizeof(*x));
	if (!x)
		return;
	x->c = c;
	x->node = node;
	x->parts = malloc(n * sizeof(*x->parts));
	x->offsets = malloc(n * sizeof(*x->offsets));
	x->preq = calloc(n, sizeof(*x->preq));
	x->treq = calloc(n, sizeof(*x->treq));
	if (!x->parts || !x->offsets || !x->preq || !x->treq) {
		fetch_free(x);
		return;
	}
	for (i = 0; i < c->n_parts; i++) {
		struct cpart *p = c->parts[i];

		if (p->leader != node || !fetchable(c, p, now))
			continue;
		for (j = 0; j < x->n_treq; j++)
			if (strcmp(x->treq[j].topic, p->topic) == 0)
				break;
		if (j == x->n_treq)
			x->treq[x->n_treq++].topic = p->topic;
	}
	for (j = 0; j < x->n_treq; j++) {
		x->treq[j].parts = &x->preq[x->n];
		for (i = 0; i < c->n_parts; i++) {
			struct cpart *p = c->parts[i];

			if (p->leader != node || !fetchable(c, p, now) ||
			    strcmp(p->topic, x->treq[j].topic) != 0)
				continue;
			kt_fetch_part_req_init(&x->preq[x->n], p->partition,
					       p->position, p->max_bytes);
			x->parts[x->n] = p;
			x->offsets[x->n] = p->position;
			x->n++;
			x->treq[j].n_parts++;
		}
	}
	if (c->n_fetch_nodes == c->cap_fetch_nodes) {
		size_t cap = c->cap_fetch_nodes ? c->cap_fetch_nodes * 2 : 8;
		int32_t *nn = realloc(c->fetch_nodes, cap * sizeof(*nn));

		if (!nn) {
			fetch_free(x);
			return;
		}
		c->fetch_nodes = nn;
		c->cap_fetch_nodes = cap;
	}
	if (kt_client_send(c->client, node, KT_API_FETCH, fetch_enc, x,
			   fetch_done, x, &e) < 0) {
		fetch_free(x);
		c->md_wanted = true;
		return;
	}
	c->fetch_nodes[c->n_fetch_nodes++] = node;
	for (i = 0; i < x->n; i++)
		x->parts[i]->fetching = true;
}

static void fetches(struct kt_consumer *c, int64_t now)
{
	size_t i;

	for (i = 0; i < c->n_parts; i++) {
		int32_t node = c->parts[i]->leader;

		if (node >= 0 && !node_fetching(c, node) &&
		    fetchable(c, c->parts[i], now))
			fetch_send(c, node, now);
	}
}

/* --- iteration ----------------------------------------------------------- */

static bool pid_aborted(const struct kt_consumer *c, int64_t pid, size_t *at)
{
	size_t i;

	for (i = 0; i < c->n_aborted_pids; i++)
		if (c->aborted_pids[i] == pid) {
			if (at)
				*at = i;
			return true;
		}
	return false;
}

/* Java's CompletedFetch: aborted transactions with a first offset up to
 * last become active; an ABORT marker ends its producer's. */
static bool batch_aborted(struct kt_consumer *c, const struct kt_batch *b)
{
	struct chunk *ch = c->it_ch;
	int64_t last = kt_batch_last_offset(b);
	size_t at;

	while (c->aborted_next < ch->n_aborted &&
	       ch->aborted[c->aborted_next].first_offset <= last) {
		int64_t pid = ch->aborted[c->aborted_next++].producer_id;

		if (pid_aborted(c, pid, NULL))
			continue;
		if (c->n_aborted_pids == c->cap_aborted_pids) {
			size_t cap = c->cap_aborted_pids
					     ? c->cap_aborted_pids * 2
					     : 8;
			int64_t *n = realloc(c->aborted_pids, cap * sizeof(*n));

			if (!n)
				break;
			c->aborted_pids = n;
			c->cap_aborted_pids = cap;
		}
		c->aborted_pids[c->n_aborted_pids++] = pid;
	}
	if (kt_batch_is_control(b)) {
		struct kt_record_iter it;
		struct kt_record rec;
		struct kt_control ctl;
		struct kt_err e;

		kt_record_iter_init(&it, b, b->records);
		if (kt_batch_codec(b) == 0 &&
		    kt_record_iter_next(&it, &rec, &e) > 0 &&
		    kt_control_parse(&rec, &ctl, &e) == 0 &&
		    kt_control_type(&ctl) == KT_CONTROL_ABORT &&
		    pid_aborted(c, b->producer_id, &at))
			c->aborted_pids[at] =
				c->aborted_pids[--c->n_aborted_pids];
		return false;
	}
	return kt_batch_is_transactional(b) &&
	       pid_aborted(c, b->producer_id, NULL);
}

static void skipped_to(struct cpart *p, int64_t next)
{
	if (next > p->returned)
		p->returned = next;
	if (!p->unwritten)
		p->written = p->returned;
}

static void corrupt(struct kt_consumer *c, struct cpart *p, int64_t offset,
		    struct kt_err *e)
{
	kt_err_prefix(e, "corrupt record batch in '%s'-%d at offset %" PRId64,
		      p->topic, p->partition, offset);
	kt_consumer_fail(c, e);
}

static void fill_msg(struct kt_msg *m, struct cpart *p)
{
	m->topic = p->topic;
	m->partition = p->partition;
}

/* Finish the head chunk. */
static void pop_chunk(struct kt_consumer *c)
{
	struct chunk *ch = c->q_head;

	reset_iter(c);
	if (!ch)
		return;
	c->q_head = ch->next;
	if (!c->q_head)
		c->q_tail = NULL;
	ch->p->nq--;
	chunk_free(ch);
}

/* 1 with a record in *m, 0 when no record is buffered, < 0 fatal. */
static int iter_next(struct kt_consumer *c, struct kt_msg *m)
{
	struct kt_err e;
	int r;

	for (;;) {
		struct chunk *ch = c->q_head;
		struct cpart *p;

		if (c->fatal)
			return -c->fatal;
		if (!ch)
			return 0;
		p = ch->p;
		if (c->it_ch != ch) {
			reset_iter(c);
			c->it_ch = ch;
			kt_region_init(&c->rg, ch->records.p, ch->records.len,
				       0, 0, 0);
		}
		kt_err_clear(&e);
		if (c->in_batch) {
			struct kt_record rec;

			r = kt_record_iter_next(&c->ri, &rec, &e);
			if (r < 0) {
				corrupt(c, p, c->ent.batch.base_offset, &e);
				return -c->fatal;
			}
			if (r == 0) {
				c->in_batch = false;
				skipped_to(p,
					   kt_batch_last_offset(&c->ent.batch) +
						   1);
				continue;
			}
			if (rec.offset < ch->fetch_offset)
				continue;
			if (c->opts.stop_at_end && p->end >= 0 &&
			    rec.offset >= p->end) {
				skipped_to(p, p->end);
				pop_chunk(c);
				continue;
			}
			fill_msg(m, p);
			m->offset = rec.offset;
			m->timestamp = rec.timestamp;
			m->ts_type = kt_batch_ts_type(&c->ent.batch);
			m->leader_epoch = c->ent.batch.partition_leader_epoch;
			m->key = rec.key;
			m->value = rec.value;
			m->headers = rec.headers;
			m->headers_count = rec.headers_count;
			p->returned = rec.offset + 1;
			p->unwritten = true;
			return 1;
		}
		if (c->in_legacy || c->single_pending) {
			struct kt_legacy lm;

			if (c->single_pending) {
				lm = c->single;
				c->single_pending = false;
				r = 1;
			} else {
				r = kt_legacy_iter_next(&c->li, &lm, &e);
			}
			if (r < 0) {
				corrupt(c, p, c->ent.legacy.offset, &e);
				return -c->fatal;
			}
			if (r == 0) {
				c->in_legacy = false;
				skipped_to(p, c->ent.legacy.offset + 1);
				continue;
			}
			if (lm.offset < ch->fetch_offset)
				continue;
			if (c->opts.stop_at_end && p->end >= 0 &&
			    lm.offset >= p->end) {
				skipped_to(p, p->end);
				pop_chunk(c);
				continue;
			}
			fill_msg(m, p);
			m->offset = lm.offset;
			m->timestamp = lm.timestamp;
			m->ts_type = kt_legacy_ts_type(&lm);
			m->leader_epoch = -1;
			m->key = lm.key;
			m->value = lm.value;
			m->headers.p = NULL;
			m->headers.len = 0;
			m->headers_count = 0;
			p->returned = lm.offset + 1;
			p->unwritten = true;
			return 1;
		}
		r = kt_region_next(&c->rg, &c->ent, &e);
		if (r < 0) {
			corrupt(c, p, ch->fetch_offset, &e);
			return -c->fatal;
		}
		if (r == 0) {
			pop_chunk(c);
			continue;
		}
		if (c->ent.magic == 2) {
			struct kt_batch *b = &c->ent.batch;
			struct kt_bytes recs;

			if (kt_batch_last_offset(b) < ch->fetch_offset)
				continue;
			if (c->conf.check_crcs && !kt_batch_crc_ok(b)) {
				kt_err_set(&e, KT_ECRC,
					   "record is corrupt (stored crc = "
					   "%" PRIu32
					   ", computed crc = %" PRIu32 ")",
					   b->crc, kt_batch_crc_compute(b));
				corrupt(c, p, b->base_offset, &e);
				return -c->fatal;
			}
			if (c->conf.isolation_level == KT_READ_COMMITTED &&
			    b->producer_id >= 0 && batch_aborted(c, b)) {
				skipped_to(p, kt_batch_last_offset(b) + 1);
				continue;
			}
			if (kt_batch_is_control(b)) {
				skipped_to(p, kt_batch_last_offset(b) + 1);
				continue;
			}
			if (kt_batch_records(b, &c->scratch, &recs, &e) < 0) {
				corrupt(c, p, b->base_offset, &e);
				return -c->fatal;
			}
			kt_record_iter_init(&c->ri, b, recs);
			c->in_batch = true;
			continue;
		}
		/* magic 0/1 */
		if (c->conf.check_crcs && !kt_legacy_crc_ok(&c->ent.legacy)) {
			kt_err_set(&e, KT_ECRC,
				   "record is corrupt (stored crc = %" PRIu32
				   ", computed crc = %" PRIu32 ")",
				   c->ent.legacy.crc,
				   kt_legacy_crc_compute(&c->ent.legacy));
			corrupt(c, p, c->ent.legacy.offset, &e);
			return -c->fatal;
		}
		if (kt_legacy_codec(&c->ent.legacy)) {
			if (kt_legacy_inner(&c->li, &c->ent.legacy, &c->scratch,
					    &e) < 0) {
				corrupt(c, p, c->ent.legacy.offset, &e);
				return -c->fatal;
			}
			c->in_legacy = true;
		} else {
			c->single = c->ent.legacy;
			c->single_pending = true;
			c->in_legacy = true;
		}
	}
}

void kt_consumer_written(struct kt_consumer *c)
{
	size_t i;

	for (i = 0; i < c->n_parts; i++) {
		c->parts[i]->written = c->parts[i]->returned;
		c->parts[i]->unwritten = false;
	}
}

/* --- the loop ------------------------------------------------------------ */

static bool all_done(struct kt_consumer *c)
{
	size_t i;

	if (!c->opts.stop_at_end || !c->md_ok)
		return false;
	if (c->manual && c->n_assign_parts == 0)
		return false; /* "all partitions" not expanded yet */
	if (c->g.state != G_NONE && !kt_group_stable(c))
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
	if (c->g.state != G_NONE) {
		int64_t g = kt_group_step(c, now);

		if (g >= 0 && (deadline < 0 || g < deadline))
			deadline = g;
	}
	if (c->md_ok) {
		size_t i;

		lookups(c, now);
		fetches(c, now);
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

		r = iter_next(c, m);
		if (r != 0)
			break;
		if (c->g.fatal) {
			kt_consumer_fail(c, &c->g.fatal_err);
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
		r = kt_client_poll(c->client, wait, err);
		if (r < 0)
			return r;
	}
	if (r < 0 && err)
		*err = c->fatal_err;
	return r;
}

int kt_consumer_close(struct kt_consumer *c, int timeout_ms, struct kt_err *err)
{
	if (!c->booted || c->g.state == G_NONE)
		return 0;
	return kt_group_close(c, timeout_ms, err);
}
