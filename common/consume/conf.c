/*
 * consume/conf.c - the consumer's configuration by Java property name (the
 * Java ConsumerConfig: defaults, accepted values, ConfigException words) and
 * the start positions --offset takes (earliest, latest, N, +N, -N, @time).
 */
#include "consume/consumer_int.h"
#include "wire/kerr.h"

#include <ctype.h>
#include <errno.h>

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
