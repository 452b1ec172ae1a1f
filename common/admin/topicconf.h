/*
 * admin/topicconf.h - the topic-level configs a Kafka broker knows, with the
 * client-side checks Apache's kafka-topics runs before CreateTopics.
 *
 * kafka-topics --create validates --config entries with the broker's
 * LogConfig ConfigDef (names, types, validators) before it sends anything.
 * The table in topicconf.c was dumped from Kafka 4.3.1's LogConfig at run
 * time (the real ConfigDef, in definition order), and the messages are
 * ConfigDef's: "Invalid value <v> for configuration <name>: <reason>".
 */
#ifndef KT_ADMIN_TOPICCONF_H
#define KT_ADMIN_TOPICCONF_H

#include "base/err.h"

#include <stdbool.h>
#include <stddef.h>

/* One NAME=VALUE override, already split and trimmed. */
struct kt_topic_config {
	const char *name;
	const char *value;
};

/* True if name is a topic config the broker knows (internal ones too). */
bool kt_topic_config_known(const char *name);

/*
 * Check overrides as LogConfig.validate does: first every name must be known
 * ("Unknown topic config name: <name>"), then each known config is parsed and
 * validated in the ConfigDef's definition order, then the min/max compaction
 * lag conflict. Returns 0, or -KT_EINVAL with err->msg holding Apache's
 * message (without the exception class). *java_class (if not NULL) receives
 * the Java exception class Apache reports, for tools that print it.
 */
int kt_topic_configs_validate(const struct kt_topic_config *cfg, size_t n,
			      const char **java_class, struct kt_err *err);

/*
 * Split one --config argument as TopicCommand does: on the regex \s*=\s*,
 * which must give exactly two parts (Java's split drops trailing empty
 * parts, so "k=" has one). name and value are malloc'ed copies, trimmed.
 * Returns 0 or -KT_EINVAL (message as Apache's).
 */
int kt_topic_config_split(const char *arg, char **name, char **value,
			  struct kt_err *err);

/* Java's Double.toString for the doubles a config can hold (shortest
 * round-trip digits; "1.0", "0.5", "1.0E10", "NaN", "Infinity"). */
void kt_java_double_str(double d, char *out, size_t outlen);

#endif
