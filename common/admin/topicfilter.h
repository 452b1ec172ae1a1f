/*
 * admin/topicfilter.h - kafka-topics' --topic as a filter (tools.md §1.4,
 * Apache's org.apache.kafka.tools.filter.TopicFilter.IncludeList): the raw
 * value is trimmed, ',' becomes '|', spaces are deleted, leading and trailing
 * runs of quotes are stripped, and the result is a java.util.regex pattern that
 * must match the whole topic name (String.matches).
 *
 * kafkit has no Java regex engine: the pattern is translated to a POSIX
 * extended regular expression in jregex.h's whole-match mode (its header
 * lists what is supported; lazy quantifiers and a leading (?i) are).
 * Patterns Java accepts but kafkit cannot translate (lookaround,
 * back-references, possessive quantifiers, ...) are refused with a message
 * saying so.
 */
#ifndef KT_ADMIN_TOPICFILTER_H
#define KT_ADMIN_TOPICFILTER_H

#include "base/err.h"

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

struct kt_topic_filter {
	char *regex; /* the Java pattern after IncludeList's clean-up */
	regex_t re;
	bool compiled;
};

/*
 * Build the filter of a raw --topic value. Returns 0, or -KT_EINVAL with
 * err->msg "<pattern> is an invalid regex." (Apache's message, pattern after
 * clean-up) when Java would refuse it too, or "<pattern> uses Java regex
 * syntax kafkit does not support (<what>)" for the constructs listed above;
 * -KT_ENOMEM. f must be released with kt_topic_filter_release in any case.
 */
int kt_topic_filter_init(struct kt_topic_filter *f, const char *raw,
			 struct kt_err *err);

/* Whether the whole of name matches the filter. */
bool kt_topic_filter_match(const struct kt_topic_filter *f, const char *name);

/* Free what f owns. Safe on a zeroed or failed filter. */
void kt_topic_filter_release(struct kt_topic_filter *f);

/* Whether name is one of Kafka's internal topics (Topic.isInternal):
 * __consumer_offsets, __transaction_state, __share_group_state. */
bool kt_topic_is_internal_name(const char *name);

/* TopicCommand.getTopics' filter over a listing: keep the names[i] (and
 * their internal[i] flags) that f matches, leaving out internal topics
 * when exclude_internal; the names dropped are freed. Returns how many
 * are kept, moved to the front in their order. */
size_t kt_topic_filter_names(const struct kt_topic_filter *f, char **names,
			     bool *internal, size_t n, bool exclude_internal);

#endif
