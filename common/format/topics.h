/*
 * format/topics.h - how kafka-topics prints a topic: Apache's text
 * (tools.md §1.5, TopicCommand's TopicDescription and PartitionDescription)
 * and kafkit's JSON, into a struct kt_buf.
 */
#ifndef KT_FORMAT_TOPICS_H
#define KT_FORMAT_TOPICS_H

#include "admin/admin.h"
#include "admin/topics.h"
#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What --describe prints: the filters of tools.md §1.2. */
struct kt_describe_opts {
	bool under_replicated;
	bool unavailable;
	bool under_min_isr;
	bool at_min_isr;
	bool with_overrides;	     /* --topics-with-overrides */
	const int32_t *live_brokers; /* DescribeCluster's broker ids */
	size_t n_live;
};

/*
 * Append what Apache's kafka-topics --describe prints for one topic (topic
 * line and/or partition lines, per the filters) to out. Returns 0 or
 * out->err.
 */
int kt_topic_describe_text(const struct kt_topic_desc *d,
			   const struct kt_describe_opts *o,
			   struct kt_buf *out);

/*
 * Append one topic as a JSON object (no newline) to out: the schema is in
 * man/kafka-topics.1. The filters select which partitions are included (all
 * of them when none is set); with_overrides leaves out topics without
 * overrides (nothing is appended; *printed is false).
 */
int kt_topic_describe_json(const struct kt_topic_desc *d,
			   const struct kt_describe_opts *o, struct kt_buf *out,
			   bool *printed);

/*
 * Append the JSON object kafka-topics --list --output json prints for one
 * topic (no newline): {"topic": name, "id": base64 or null, "internal":
 * bool}, the first keys of the --describe object. Returns 0 or out->err.
 */
int kt_topic_list_json(const char *name, const struct kt_uuid *id,
		       bool internal, struct kt_buf *out);

/*
 * kafka-topics --describe for v[0..n): the topics in the HashMap order of
 * their names that Apache prints them in (tools.md Appendix B), the failed
 * ones left out (the caller reports them), as Apache's text or as JSON
 * lines, appended to out. Whenever out holds more than 64 KiB, flush(arg,
 * out) is called to write and empty it, so a large cluster streams.
 * Returns 0, -KT_ENOMEM (nothing appended) or out->err.
 */
int kt_topics_describe(const struct kt_admin_desc *v, size_t n,
		       const struct kt_describe_opts *o, bool json,
		       struct kt_buf *out,
		       void (*flush)(void *arg, struct kt_buf *out), void *arg);

#endif
