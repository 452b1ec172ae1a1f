/*
 * format/topics.c - kafka-topics' output: Apache's --describe lines
 * (TopicCommand.TopicDescription / PartitionDescription of Kafka 4.3, with
 * the --under-replicated-partitions, --unavailable-partitions,
 * --under-min-isr-partitions, --at-min-isr-partitions and
 * --topics-with-overrides filters) and kafkit's JSON objects for --list and
 * --describe.
 */
#include "format/topics.h"
#include "java/jorder.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The topic's min.insync.replicas (Integer.parseInt of the described value;
 * 1 when the broker did not say). */
static long min_isr(const struct kt_topic_desc *d)
{
	size_t i;

	for (i = 0; i < d->n_configs; i++) {
		const struct kt_config_entry *c = &d->configs[i];

		if (c->value && strcmp(c->name, "min.insync.replicas") == 0) {
			char *end;
			long v = strtol(c->value, &end, 10);

			if (*c->value && !*end)
				return v;
		}
	}
	return 1;
}

static bool any_filter(const struct kt_describe_opts *o)
{
	return o->under_replicated || o->unavailable || o->under_min_isr ||
	       o->at_min_isr;
}

static bool is_live(const struct kt_describe_opts *o, int32_t id)
{
	size_t i;

	for (i = 0; i < o->n_live; i++)
		if (o->live_brokers[i] == id)
			return true;
	return false;
}

/* DescribeOptions.shouldPrintTopicPartition */
static bool part_selected(const struct kt_topic_desc *d,
			  const struct kt_partition_desc *p,
			  const struct kt_describe_opts *o)
{
	bool leader = p->leader >= 0;
	long isr = (long)p->isr.n;

	if (!any_filter(o))
		return true;
	if (o->under_replicated && kt_partition_rf(p) - isr > 0)
		return true;
	if (o->unavailable && (!leader || !is_live(o, p->leader)))
		return true;
	if (o->under_min_isr && (!leader || isr < min_isr(d)))
		return true;
	if (o->at_min_isr && min_isr(d) == isr)
		return true;
	return false;
}

static bool has_overrides(const struct kt_topic_desc *d)
{
	size_t i;

	for (i = 0; i < d->n_configs; i++)
		if (d->configs[i].source != KT_CFG_DEFAULT)
			return true;
	return false;
}

static void put_ids(struct kt_buf *out, const struct kt_ids *ids)
{
	size_t i;

	for (i = 0; i < ids->n; i++)
		kt_buf_printf(out, "%s%d", i ? "," : "", ids->v[i]);
}

static void topic_line(const struct kt_topic_desc *d, struct kt_buf *out)
{
	char id[23];
	size_t i;
	bool first = true;

	kt_buf_printf(out, "Topic: %s", d->name);
	if (!kt_uuid_is_zero(&d->id)) {
		kt_uuid_str(&d->id, id);
		kt_buf_printf(out, "\tTopicId: %s", id);
	}
	kt_buf_printf(out, "\tPartitionCount: %zu", d->n_parts);
	kt_buf_printf(out, "\tReplicationFactor: %d",
		      d->n_parts ? kt_partition_rf(&d->parts[0]) : 0);
	kt_buf_printf(out, "\tConfigs: ");
	for (i = 0; i < d->n_configs; i++) {
		const struct kt_config_entry *c = &d->configs[i];

		if (c->source == KT_CFG_DEFAULT)
			continue;
		kt_buf_printf(out, "%s%s=%s", first ? "" : ",", c->name,
			      c->value ? c->value : "null");
		first = false;
	}
	kt_buf_printf(out, "\n");
}

static void partition_line(const struct kt_topic_desc *d,
			   const struct kt_partition_desc *p,
			   struct kt_buf *out)
{
	kt_buf_printf(out, "\tTopic: %s\tPartition: %d\tLeader: ", d->name,
		      p->partition);
	if (p->leader >= 0)
		kt_buf_printf(out, "%d", p->leader);
	else
		kt_buf_printf(out, "none");
	kt_buf_printf(out, "\tReplicas: ");
	put_ids(out, &p->replicas);
	kt_buf_printf(out, "\tIsr: ");
	put_ids(out, &p->isr);
	if (p->reassigning) {
		kt_buf_printf(out, "\tAdding Replicas: ");
		put_ids(out, &p->adding);
		kt_buf_printf(out, "\tRemoving Replicas: ");
		put_ids(out, &p->removing);
	}
	if (p->has_elr) {
		kt_buf_printf(out, "\tElr: ");
		put_ids(out, &p->elr);
		kt_buf_printf(out, "\tLastKnownElr: ");
		put_ids(out, &p->last_known_elr);
	} else {
		kt_buf_printf(out, "\tElr: N/A\tLastKnownElr: N/A");
	}
	kt_buf_printf(out, "\n");
}

int kt_topic_describe_text(const struct kt_topic_desc *d,
			   const struct kt_describe_opts *o, struct kt_buf *out)
{
	size_t i;

	/* TopicCommand.printDescribeConfig: the topic line only without
	 * partition filters; with --topics-with-overrides only when some
	 * config is not a default. A topic without partitions has no first
	 * partition, and Apache fails on it; print it with RF 0 instead. */
	if (!any_filter(o) && (!o->with_overrides || has_overrides(d)))
		topic_line(d, out);
	if (o->with_overrides)
		return out->err;
	for (i = 0; i < d->n_parts; i++)
		if (part_selected(d, &d->parts[i], o))
			partition_line(d, &d->parts[i], out);
	return out->err;
}

static json_t *ids_json(const struct kt_ids *ids)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < ids->n; i++)
		json_array_append_new(a, json_integer(ids->v[i]));
	return a;
}

static json_t *topic_json(const struct kt_topic_desc *d,
			  const struct kt_describe_opts *o)
{
	json_t *t = json_object(), *cfgs = json_array(), *parts = json_array();
	char id[23];
	size_t i;

	if (!t || !cfgs || !parts) {
		json_decref(t);
		json_decref(cfgs);
		json_decref(parts);
		return NULL;
	}
	json_object_set_new(t, "topic", json_string(d->name));
	if (kt_uuid_is_zero(&d->id)) {
		json_object_set_new(t, "id", json_null());
	} else {
		kt_uuid_str(&d->id, id);
		json_object_set_new(t, "id", json_string(id));
	}
	json_object_set_new(t, "internal", json_boolean(d->internal));
	json_object_set_new(t, "partition_count",
			    json_integer((json_int_t)d->n_parts));
	json_object_set_new(
		t, "replication_factor",
		json_integer(d->n_parts ? kt_partition_rf(&d->parts[0]) : 0));
	for (i = 0; i < d->n_configs; i++) {
		const struct kt_config_entry *c = &d->configs[i];
		json_t *e = json_object();

		if (!e)
			continue;
		json_object_set_new(e, "name", json_string(c->name));
		json_object_set_new(e, "value",
				    c->value ? json_string(c->value)
					     : json_null());
		json_object_set_new(
			e, "source",
			json_string(kt_config_source_name(c->source)));
		json_object_set_new(e, "default",
				    json_boolean(c->source == KT_CFG_DEFAULT));
		json_object_set_new(e, "sensitive", json_boolean(c->sensitive));
		json_object_set_new(e, "read_only", json_boolean(c->read_only));
		json_array_append_new(cfgs, e);
	}
	json_object_set_new(t, "configs", cfgs);
	for (i = 0; i < d->n_parts; i++) {
		const struct kt_partition_desc *p = &d->parts[i];
		json_t *e;

		if (!part_selected(d, p, o))
			continue;
		e = json_object();
		if (!e)
			continue;
		json_object_set_new(e, "partition", json_integer(p->partition));
		json_object_set_new(e, "leader",
				    p->leader >= 0 ? json_integer(p->leader)
						   : json_null());
		json_object_set_new(e, "replicas", ids_json(&p->replicas));
		json_object_set_new(e, "isr", ids_json(&p->isr));
		json_object_set_new(
			e, "elr", p->has_elr ? ids_json(&p->elr) : json_null());
		json_object_set_new(e, "last_known_elr",
				    p->has_elr ? ids_json(&p->last_known_elr)
					       : json_null());
		json_object_set_new(e, "offline", ids_json(&p->offline));
		if (p->reassigning) {
			json_object_set_new(e, "adding", ids_json(&p->adding));
			json_object_set_new(e, "removing",
					    ids_json(&p->removing));
		}
		json_array_append_new(parts, e);
	}
	json_object_set_new(t, "partitions", parts);
	return t;
}

/* Append t as compact ASCII JSON and release it (NULL: out of memory).
 * Returns out->err. */
static int put_json(struct kt_buf *out, json_t *t)
{
	char *s;

	if (!t)
		return out->err = -KT_ENOMEM;
	s = json_dumps(t, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(t);
	if (!s)
		return out->err = -KT_ENOMEM;
	kt_buf_put(out, s, strlen(s));
	free(s);
	return out->err;
}

int kt_topic_describe_json(const struct kt_topic_desc *d,
			   const struct kt_describe_opts *o, struct kt_buf *out,
			   bool *printed)
{
	*printed = false;
	if (o->with_overrides && !has_overrides(d))
		return out->err;
	if (put_json(out, topic_json(d, o)) == 0)
		*printed = true;
	return out->err;
}

int kt_topic_list_json(const char *name, const struct kt_uuid *id,
		       bool internal, struct kt_buf *out)
{
	json_t *t = json_object();
	char ids[23];

	if (!t)
		return out->err = -KT_ENOMEM;
	json_object_set_new(t, "topic", json_string(name));
	if (!id || kt_uuid_is_zero(id)) {
		json_object_set_new(t, "id", json_null());
	} else {
		kt_uuid_str(id, ids);
		json_object_set_new(t, "id", json_string(ids));
	}
	json_object_set_new(t, "internal", json_boolean(internal));
	return put_json(out, t);
}

/* A description found by the address of its name in the order array. */
struct by_name {
	const char *name;
	size_t i;
};

static int cmp_by_name(const void *a, const void *b)
{
	const struct by_name *x = a, *y = b;

	if (x->name != y->name)
		return (uintptr_t)x->name < (uintptr_t)y->name ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The first description (lowest index) whose name is the string at name. */
static size_t find_desc(const struct by_name *idx, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uintptr_t)idx[mid].name < (uintptr_t)name)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && idx[lo].name == name ? idx[lo].i : n;
}

int kt_topics_describe(const struct kt_admin_desc *v, size_t n,
		       const struct kt_describe_opts *o, bool json,
		       struct kt_buf *out,
		       void (*flush)(void *arg, struct kt_buf *out), void *arg)
{
	const char **order;
	struct by_name *idx;
	size_t i;

	/* Apache prints in the HashMap order of the names (Appendix B); the
	 * names come sorted, failed topics included. The order array holds
	 * the names' own pointers, so a description is found again by
	 * address, in O(log n) */
	order = calloc(n + 1, sizeof(*order));
	idx = calloc(n + 1, sizeof(*idx));
	if (!order || !idx) {
		free(order);
		free(idx);
		return -KT_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		order[i] = v[i].d.name ? v[i].d.name : "";
		idx[i].name = order[i];
		idx[i].i = i;
	}
	if (n > 1) {
		kt_java_topics_describe_order(order, n);
		qsort(idx, n, sizeof(*idx), cmp_by_name);
	}
	for (i = 0; i < n; i++) {
		size_t k = find_desc(idx, n, order[i]);
		const struct kt_admin_desc *d = k < n ? &v[k] : NULL;
		bool printed;

		if (!d || d->res.error_code)
			continue;
		if (json) {
			kt_topic_describe_json(&d->d, o, out, &printed);
			if (printed)
				kt_buf_puts(out, "\n");
		} else {
			kt_topic_describe_text(&d->d, o, out);
		}
		if (out->len > (1u << 16) && flush)
			flush(arg, out);
	}
	free(idx);
	free(order);
	return out->err;
}
