/*
 * admin/topics.h - what kafka-topics --describe knows about a topic. The
 * admin layer fills a struct kt_topic_desc from Metadata or
 * DescribeTopicPartitions, DescribeConfigs and ListPartitionReassignments;
 * format/topics.h prints it.
 */
#ifndef KT_ADMIN_TOPICS_H
#define KT_ADMIN_TOPICS_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A list of broker ids. */
struct kt_ids {
	int32_t *v;
	size_t n;
};

struct kt_partition_desc {
	int32_t partition;
	int32_t leader; /* -1: none */
	int16_t error_code;
	struct kt_ids replicas, isr, offline;
	/* ELR lists: only from DescribeTopicPartitions (has_elr) */
	bool has_elr;
	struct kt_ids elr, last_known_elr;
	/* an ongoing reassignment (ListPartitionReassignments) */
	bool reassigning;
	struct kt_ids target, adding, removing;
};

/* ConfigEntry.ConfigSource names of the Java admin client. */
enum kt_config_source {
	KT_CFG_UNKNOWN = 0,
	KT_CFG_DYNAMIC_TOPIC = 1,
	KT_CFG_DYNAMIC_BROKER = 2,
	KT_CFG_DYNAMIC_DEFAULT_BROKER = 3,
	KT_CFG_STATIC_BROKER = 4,
	KT_CFG_DEFAULT = 5,
	KT_CFG_DYNAMIC_BROKER_LOGGER = 6,
	KT_CFG_CLIENT_METRICS = 7,
	KT_CFG_GROUP = 8,
};

struct kt_config_entry {
	char *name;
	char *value; /* NULL when the broker hides it (sensitive) */
	enum kt_config_source source;
	bool sensitive;
	bool read_only;
};

struct kt_topic_desc {
	char *name;
	struct kt_uuid id;
	bool internal;
	struct kt_partition_desc *parts; /* sorted by partition */
	size_t n_parts;
	bool has_configs;
	/* in print order: kt_admin_describe puts them in Apache's order */
	struct kt_config_entry *configs;
	size_t n_configs;
};

/* Free what a description owns (d itself is the caller's). */
void kt_topic_desc_release(struct kt_topic_desc *d);
/* Sort d->parts by partition number. */
void kt_topic_desc_sort(struct kt_topic_desc *d);
/* A malloc'ed copy of n ids (NULL list if n == 0); -KT_ENOMEM. */
int kt_ids_set(struct kt_ids *ids, const int32_t *v, size_t n);
void kt_ids_release(struct kt_ids *ids);

/* The name of a config source as the Java admin client spells it. */
const char *kt_config_source_name(enum kt_config_source s);

/* Replication factor of a partition as TopicCommand computes it (the
 * reassignment's target minus the replicas being added, while a
 * reassignment is in progress). */
int kt_partition_rf(const struct kt_partition_desc *p);

/*
 * Parse a --replica-assignment value as TopicCommand.parseReplicaAssignment
 * does: ',' separates partitions 0, 1, ..., ':' the broker ids of one
 * partition; Java's split drops trailing empty pieces; ids are trimmed and
 * read with Integer.parseInt. *out receives a malloc'ed array of *n id
 * lists (free each with kt_ids_release, then the array). Returns 0, or
 * -KT_EINVAL with Apache's message in err and the Java exception class in
 * *java_class: 'For input string: "x"' (NumberFormatException),
 * "Partition replica lists may not contain duplicate entries: 1,2"
 * (AdminCommandFailedException), "Partition 1 has different replication
 * factor: [1, 2]" (AdminOperationException); -KT_ENOMEM.
 */
int kt_replica_assignment_parse(const char *s, struct kt_ids **out, size_t *n,
				const char **java_class, struct kt_err *err);

/*
 * Parse a --topic-id as Kafka's Uuid.fromString does (URL-safe base64 of 16
 * bytes, Java's Base64 decoder rules), with the Java messages: "Input
 * string with prefix `...` is too long to be decoded as a base64 UUID",
 * "Illegal base64 character 21", "Input string `abc` decoded as 2 bytes,
 * which is not equal to the expected 16 bytes of a base64-encoded UUID".
 * Returns 0 or -KT_EINVAL (err filled; the Java class is
 * IllegalArgumentException).
 */
int kt_java_uuid_parse(const char *s, struct kt_uuid *u, struct kt_err *err);

#endif
