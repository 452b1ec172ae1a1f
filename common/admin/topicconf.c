/*
 * admin/topicconf.c - topic config names, types and validators of Kafka 4.3.1's
 * LogConfig, and the ConfigDef parsing rules and messages kafka-topics
 * reports before it creates a topic.
 */
#include "admin/topicconf.h"

#include "java/jorder.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>

enum ctype { T_INT, T_LONG, T_DOUBLE, T_BOOLEAN, T_STRING, T_LIST };

enum vkind {
	V_NONE,
	V_RANGE,      /* min and/or max, integer or double */
	V_STRINGS,    /* ValidString: value must be one of */
	V_LIST,	      /* ValidList: every element must be one of */
	V_GZIP_LEVEL, /* [1,...,9] or -1 */
	V_THROTTLED,  /* '*' or partition:broker list */
};

struct cdef {
	const char *name;
	enum ctype type;
	enum vkind v;
	bool has_min, has_max;
	double min, max;
	const char *const *strings; /* NULL-terminated, for V_STRINGS/V_LIST */
};

static const char *const cleanup_policies[] = {"compact", "delete", NULL};
static const char *const compression_types[] = {
	"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer", NULL};
static const char *const timestamp_types[] = {"CreateTime", "LogAppendTime",
					      NULL};

#define MIN(x) V_RANGE, true, false, (x), 0
#define MINMAX(x, y) V_RANGE, true, true, (x), (y)
#define NOV V_NONE, false, false, 0, 0

/* Definition order of LogConfig's ConfigDef in Kafka 4.3.1: ConfigDef.parse
 * validates in this order, so the first bad value reported is the first in
 * this table. */
static const struct cdef defs[] = {
	{"segment.bytes", T_INT, MIN(1048576), NULL},
	{"segment.ms", T_LONG, MIN(1), NULL},
	{"segment.jitter.ms", T_LONG, MIN(0), NULL},
	{"segment.index.bytes", T_INT, MIN(4), NULL},
	{"flush.messages", T_LONG, MIN(1), NULL},
	{"flush.ms", T_LONG, MIN(0), NULL},
	{"retention.bytes", T_LONG, NOV, NULL},
	{"retention.ms", T_LONG, MIN(-1), NULL},
	{"max.message.bytes", T_INT, MIN(0), NULL},
	{"index.interval.bytes", T_INT, MIN(0), NULL},
	{"delete.retention.ms", T_LONG, MIN(0), NULL},
	{"min.compaction.lag.ms", T_LONG, MIN(0), NULL},
	{"max.compaction.lag.ms", T_LONG, MIN(1), NULL},
	{"file.delete.delay.ms", T_LONG, MIN(0), NULL},
	{"min.cleanable.dirty.ratio", T_DOUBLE, MINMAX(0, 1), NULL},
	{"cleanup.policy", T_LIST, V_LIST, false, false, 0, 0,
	 cleanup_policies},
	{"unclean.leader.election.enable", T_BOOLEAN, NOV, NULL},
	{"min.insync.replicas", T_INT, MIN(1), NULL},
	{"compression.type", T_STRING, V_STRINGS, false, false, 0, 0,
	 compression_types},
	{"compression.gzip.level", T_INT, V_GZIP_LEVEL, false, false, 0, 0,
	 NULL},
	{"compression.lz4.level", T_INT, MINMAX(1, 17), NULL},
	{"compression.zstd.level", T_INT, MINMAX(-131072, 22), NULL},
	{"preallocate", T_BOOLEAN, NOV, NULL},
	{"message.timestamp.type", T_STRING, V_STRINGS, false, false, 0, 0,
	 timestamp_types},
	{"message.timestamp.before.max.ms", T_LONG, MIN(0), NULL},
	{"message.timestamp.after.max.ms", T_LONG, MIN(0), NULL},
	{"leader.replication.throttled.replicas", T_LIST, V_THROTTLED, false,
	 false, 0, 0, NULL},
	{"follower.replication.throttled.replicas", T_LIST, V_THROTTLED, false,
	 false, 0, 0, NULL},
	{"remote.storage.enable", T_BOOLEAN, NOV, NULL},
	{"local.retention.ms", T_LONG, MIN(-2), NULL},
	{"local.retention.bytes", T_LONG, MIN(-2), NULL},
	{"remote.log.copy.disable", T_BOOLEAN, NOV, NULL},
	{"remote.log.delete.on.disable", T_BOOLEAN, NOV, NULL},
	{"internal.segment.bytes", T_INT, NOV, NULL},
};

#define NDEFS (sizeof(defs) / sizeof(defs[0]))

static const struct cdef *find(const char *name)
{
	size_t i;

	for (i = 0; i < NDEFS; i++)
		if (strcmp(defs[i].name, name) == 0)
			return &defs[i];
	return NULL;
}

bool kt_topic_config_known(const char *name)
{
	return find(name) != NULL;
}

/* Java Long.parseLong / Integer.parseInt: [+-]?[0-9]+ within range. */
static bool parse_java_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	const char *p = s;
	char *end;
	long long v;

	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* Java Double.parseDouble's grammar (decimal and hex floats, NaN,
 * Infinity, optional f/F/d/D suffix), then strtod for the value. */
static bool parse_java_double(const char *s, double *out)
{
	const char *p = s, *q;
	char buf[128];
	size_t n;
	bool digits = false;

	if (*p == '+' || *p == '-')
		p++;
	if (strcmp(p, "NaN") == 0) {
		*out = NAN;
		return true;
	}
	if (strcmp(p, "Infinity") == 0) {
		*out = *s == '-' ? -INFINITY : INFINITY;
		return true;
	}
	q = p;
	if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
		q += 2;
		while (isxdigit((unsigned char)*q) || *q == '.') {
			digits |= *q != '.';
			q++;
		}
		if (!digits || (*q != 'p' && *q != 'P'))
			return false;
		q++;
	} else {
		while (isdigit((unsigned char)*q) || *q == '.') {
			digits |= *q != '.';
			q++;
		}
		if (!digits)
			return false;
		if (*q != 'e' && *q != 'E')
			goto suffix;
		q++;
	}
	if (*q == '+' || *q == '-')
		q++;
	if (!isdigit((unsigned char)*q))
		return false;
	while (isdigit((unsigned char)*q))
		q++;
suffix:
	n = (size_t)(q - s);
	if (*q == 'f' || *q == 'F' || *q == 'd' || *q == 'D')
		q++;
	if (*q || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	/* at most one '.' */
	if (strchr(buf, '.') && strchr(strchr(buf, '.') + 1, '.'))
		return false;
	*out = strtod(buf, NULL);
	return true;
}

void kt_java_double_str(double d, char *out, size_t outlen)
{
	char digits[40], tmp[64];
	int prec, exp10, nd, i;
	char *e;
	double ad = fabs(d);
	size_t o = 0;

	if (isnan(d)) {
		snprintf(out, outlen, "NaN");
		return;
	}
	if (isinf(d)) {
		snprintf(out, outlen, "%sInfinity", d < 0 ? "-" : "");
		return;
	}
	if (d == 0) {
		snprintf(out, outlen, "%s0.0", signbit(d) ? "-" : "");
		return;
	}
	/* shortest digits that read back as d */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, ad);
		if (strtod(tmp, NULL) == ad)
			break;
	}
	e = strchr(tmp, 'e');
	exp10 = (int)strtol(e + 1, NULL, 10);
	nd = 0;
	for (i = 0; tmp + i < e; i++)
		if (isdigit((unsigned char)tmp[i]))
			digits[nd++] = tmp[i];
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';

	if (d < 0)
		tmp[o++] = '-';
	if (ad >= 1e-3 && ad < 1e7) {
		if (exp10 >= 0) {
			for (i = 0; i <= exp10; i++)
				tmp[o++] = i < nd ? digits[i] : '0';
			tmp[o++] = '.';
			if (nd > exp10 + 1)
				for (i = exp10 + 1; i < nd; i++)
					tmp[o++] = digits[i];
			else
				tmp[o++] = '0';
		} else {
			tmp[o++] = '0';
			tmp[o++] = '.';
			for (i = 0; i < -exp10 - 1; i++)
				tmp[o++] = '0';
			for (i = 0; i < nd; i++)
				tmp[o++] = digits[i];
		}
		tmp[o] = '\0';
		snprintf(out, outlen, "%s", tmp);
		return;
	}
	tmp[o++] = digits[0];
	tmp[o++] = '.';
	if (nd > 1)
		for (i = 1; i < nd; i++)
			tmp[o++] = digits[i];
	else
		tmp[o++] = '0';
	tmp[o] = '\0';
	snprintf(out, outlen, "%sE%d", tmp, exp10);
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* "a, b, c" as Java's List.toString prints the elements. */
static void join_list(const char *const *list, char *out, size_t len)
{
	size_t o = 0;

	out[0] = '\0';
	for (; *list && o < len; list++)
		o += (size_t)snprintf(out + o, len - o, "%s%s", o ? ", " : "",
				      *list);
}

static int bad(struct kt_err *err, const char *name, const char *shown,
	       const char *why)
{
	return kt_err_set(err, KT_EINVAL,
			  "Invalid value %s for configuration %s: %s", shown,
			  name, why);
}

/* Split on \s*,\s* keeping empty parts (Java split with limit -1). Calls
 * fn for each element; stops at the first non-zero return. */
static int each_elem(const char *s, int (*fn)(void *, const char *, size_t),
		     void *ctx)
{
	const char *p = s;

	for (;;) {
		const char *c = strchr(p, ',');
		const char *end = c ? c : p + strlen(p);
		const char *a = p, *b = end;
		int rc;

		if (a != s)
			while (a < b && isspace((unsigned char)*a))
				a++;
		if (c)
			while (b > a && isspace((unsigned char)b[-1]))
				b--;
		rc = fn(ctx, a, (size_t)(b - a));
		if (rc || !c)
			return rc;
		p = c + 1;
	}
}

struct list_ctx {
	const struct cdef *d;
	struct kt_err *err;
	bool throttled_ok;
	size_t count;
	char shown[512];
	size_t shown_len;
};

static int check_valid_list(void *vctx, const char *p, size_t n)
{
	struct list_ctx *c = vctx;
	char elem[256], allowed[256];

	if (n >= sizeof(elem))
		n = sizeof(elem) - 1;
	memcpy(elem, p, n);
	elem[n] = '\0';
	if (in_list(c->d->strings, elem))
		return 0;
	join_list(c->d->strings, allowed, sizeof(allowed));
	{
		char why[300];

		snprintf(why, sizeof(why), "String must be one of: %s",
			 allowed);
		return bad(c->err, c->d->name, elem, why);
	}
}

/* ([0-9]+:[0-9]+)? after trimming, and remember the List.toString text. */
static int check_throttled(void *vctx, const char *p, size_t n)
{
	struct list_ctx *c = vctx;
	size_t i = 0, a, b;
	const char *s = p;
	size_t len = n;

	if (c->shown_len < sizeof(c->shown))
		c->shown_len += (size_t)snprintf(
			c->shown + c->shown_len,
			sizeof(c->shown) - c->shown_len, "%s%.*s",
			c->count ? ", " : "", (int)n, p);
	c->count++;
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return 0;
	for (a = 0; i < len && isdigit((unsigned char)s[i]); i++)
		a++;
	if (!a || i >= len || s[i] != ':')
		c->throttled_ok = false;
	i++;
	for (b = 0; i < len && isdigit((unsigned char)s[i]); i++)
		b++;
	if (!b || i != len)
		c->throttled_ok = false;
	return 0;
}

static int check_one(const struct cdef *d, const char *value,
		     struct kt_err *err)
{
	char shown[64], why[256];
	int64_t iv = 0;
	double dv = 0;
	bool numeric = false;

	switch (d->type) {
	case T_INT:
		if (!parse_java_int(value, INT32_MIN, INT32_MAX, &iv))
			return bad(err, d->name, value,
				   "Not a number of type INT");
		numeric = true;
		dv = (double)iv;
		snprintf(shown, sizeof(shown), "%lld", (long long)iv);
		break;
	case T_LONG:
		if (!parse_java_int(value, INT64_MIN, INT64_MAX, &iv))
			return bad(err, d->name, value,
				   "Not a number of type LONG");
		numeric = true;
		dv = (double)iv;
		snprintf(shown, sizeof(shown), "%lld", (long long)iv);
		break;
	case T_DOUBLE:
		if (!parse_java_double(value, &dv))
			return bad(err, d->name, value,
				   "Not a number of type DOUBLE");
		numeric = true;
		kt_java_double_str(dv, shown, sizeof(shown));
		break;
	case T_BOOLEAN:
		if (strcasecmp(value, "true") != 0 &&
		    strcasecmp(value, "false") != 0)
			return bad(err, d->name, value,
				   "Expected value to be either true or false");
		return 0;
	case T_STRING:
		if (d->v == V_STRINGS && !in_list(d->strings, value)) {
			char allowed[256];

			join_list(d->strings, allowed, sizeof(allowed));
			snprintf(why, sizeof(why), "String must be one of: %s",
				 allowed);
			return bad(err, d->name, value, why);
		}
		return 0;
	case T_LIST: {
		struct list_ctx c = {d, err, true, 0, "", 0};

		if (*value == '\0')
			return 0;
		if (d->v == V_LIST)
			return each_elem(value, check_valid_list, &c);
		if (d->v == V_THROTTLED) {
			each_elem(value, check_throttled, &c);
			if (!c.throttled_ok && strcmp(value, "*") != 0) {
				char list[600];

				snprintf(list, sizeof(list), "[%s]", c.shown);
				snprintf(
					why, sizeof(why),
					"%s must be the literal '*' or a list "
					"of replicas in the following format: "
					"[partitionId]:[brokerId],[partitionId]"
					":[brokerId],...",
					d->name);
				return bad(err, d->name, list, why);
			}
		}
		return 0;
	}
	}
	if (!numeric)
		return 0;
	if (d->v == V_GZIP_LEVEL && !(iv == -1 || (iv >= 1 && iv <= 9)))
		return bad(err, d->name, shown,
			   "Value must be between 1 and 9 or equal to -1");
	if (d->v == V_RANGE) {
		/* NaN compares false both ways and passes, as in Java */
		if (d->has_min && dv < d->min) {
			snprintf(why, sizeof(why),
				 "Value must be at least %.0f", d->min);
			return bad(err, d->name, shown, why);
		}
		if (d->has_max && dv > d->max) {
			snprintf(why, sizeof(why),
				 "Value must be no more than %.0f", d->max);
			return bad(err, d->name, shown, why);
		}
	}
	return 0;
}

static const char *lookup(const struct kt_topic_config *cfg, size_t n,
			  const char *name)
{
	const char *v = NULL;
	size_t i;

	/* a later --config for the same name wins (Properties.put) */
	for (i = 0; i < n; i++)
		if (strcmp(cfg[i].name, name) == 0)
			v = cfg[i].value;
	return v;
}

/* LogConfig.validateNames walks a HashMap<String, String> of the overrides,
 * so with several unknown names the first reported is the first in that
 * map's iteration order. */
static int check_names(const struct kt_topic_config *cfg, size_t n,
		       struct kt_err *err)
{
	const char **keys;
	size_t i, j, k = 0;
	int rc = 0;

	keys = malloc((n ? n : 1) * sizeof(*keys));
	if (!keys)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		for (j = 0; j < k && strcmp(keys[j], cfg[i].name) != 0; j++)
			;
		if (j == k)
			keys[k++] = cfg[i].name;
	}
	if (kt_java_hashmap_order(keys, k, kt_java_hashmap_default_cap(k)))
		rc = kt_err_set(err, KT_ENOMEM, "out of memory");
	for (i = 0; !rc && i < k; i++)
		if (!find(keys[i]))
			rc = kt_err_set(err, KT_EINVAL,
					"Unknown topic config name: %s",
					keys[i]);
	free(keys);
	return rc;
}

int kt_topic_configs_validate(const struct kt_topic_config *cfg, size_t n,
			      const char **java_class, struct kt_err *err)
{
	const char *cls = "org.apache.kafka.common.config.ConfigException";
	const char *minv, *maxv;
	size_t i;
	int64_t lo, hi;
	int rc;

	if ((rc = check_names(cfg, n, err)) < 0) {
		if (java_class)
			*java_class = "org.apache.kafka.common.errors."
				      "InvalidConfigurationException";
		return rc;
	}
	for (i = 0; i < NDEFS; i++) {
		const char *v = lookup(cfg, n, defs[i].name);

		if (v && (rc = check_one(&defs[i], v, err)) < 0) {
			if (java_class)
				*java_class = cls;
			return rc;
		}
	}
	minv = lookup(cfg, n, "min.compaction.lag.ms");
	maxv = lookup(cfg, n, "max.compaction.lag.ms");
	lo = 0;
	hi = INT64_MAX;
	if (minv)
		parse_java_int(minv, INT64_MIN, INT64_MAX, &lo);
	if (maxv)
		parse_java_int(maxv, INT64_MIN, INT64_MAX, &hi);
	if (lo > hi) {
		if (java_class)
			*java_class = "org.apache.kafka.common.errors."
				      "InvalidConfigurationException";
		return kt_err_set(err, KT_EINVAL,
				  "conflict topic config setting "
				  "min.compaction.lag.ms (%lld) > "
				  "max.compaction.lag.ms (%lld)",
				  (long long)lo, (long long)hi);
	}
	return 0;
}

static char *dup_trim(const char *p, size_t n)
{
	char *s;

	while (n && isspace((unsigned char)*p)) {
		p++;
		n--;
	}
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	s = malloc(n + 1);
	if (!s)
		return NULL;
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

int kt_topic_config_split(const char *arg, char **name, char **value,
			  struct kt_err *err)
{
	const char *eq = strchr(arg, '=');
	const char *rest;
	size_t tail;

	*name = *value = NULL;
	/* exactly one '=' and a non-empty value part (Java's split drops
	 * trailing empty strings; a leading empty part counts) */
	if (!eq || strchr(eq + 1, '='))
		goto bad;
	rest = eq + 1;
	tail = strlen(rest);
	while (tail && isspace((unsigned char)rest[tail - 1]))
		tail--;
	{
		const char *r = rest;

		while (*r && isspace((unsigned char)*r))
			r++;
		if (!*r)
			goto bad;
	}
	*name = dup_trim(arg, (size_t)(eq - arg));
	*value = dup_trim(rest, tail);
	if (!*name || !*value) {
		free(*name);
		free(*value);
		*name = *value = NULL;
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	}
	return 0;
bad:
	return kt_err_set(err, KT_EINVAL,
			  "requirement failed: Invalid topic config: all "
			  "configs to be added must be in the format "
			  "\"key=val\".");
}
