/*
 * consume/consumer.h - the consumer: fetch loop, offset resolution, and (with a
 * group id) classic consumer group membership, all in one poll() loop over
 * the cluster client.
 *
 * Implements the consuming half of protocol.md (Fetch, ListOffsets,
 * Metadata) with the semantics of the Java KafkaConsumer: one Fetch in
 * flight per leader, sent again as soon as the previous answer arrived
 * (pipelined: records are handed out while the broker prepares the next
 * answer), fetch.max.bytes / max.partition.fetch.bytes / fetch.min.bytes /
 * fetch.max.wait.ms, isolation.level with aborted transactions and control
 * records hidden (KIP-98), auto.offset.reset, leader changes and metadata
 * updates, check.crcs. The classic group protocol (JoinGroup, SyncGroup,
 * Heartbeat, LeaveGroup, OffsetFetch, OffsetCommit; KIP-345 static
 * membership, KIP-429 cooperative rebalancing) lives in group.c.
 *
 * Records are decoded by record.h, the decoder kafka-dump-log uses; a
 * struct kt_msg views the fetch response it came from and is valid until
 * the next kt_consumer_next call.
 *
 * Commit rule: the consumer only commits offsets the caller confirmed with
 * kt_consumer_written() (for a tool: the record's bytes reached stdout), so
 * a record that was handed out but never written is fetched again by the
 * next member.
 *
 * KIP-848 (group.protocol=consumer) is a later step: the membership is
 * confined to group.c behind group.h (kt_group_step, kt_group_commit,
 * kt_group_close, and the consumer's side, struct kt_group_host), which a
 * second protocol can implement.
 */
#ifndef KT_CONSUME_CONSUMER_H
#define KT_CONSUME_CONSUMER_H

#include "net/client.h"
#include "record/msg.h"

#include <signal.h>

/* auto.offset.reset */
enum kt_reset {
	KT_RESET_LATEST = 0,
	KT_RESET_EARLIEST,
	KT_RESET_NONE,
};

#define KT_CONSUMER_MAX_ASSIGNORS 4

/*
 * Consumer configuration; kt_consumer_conf_init gives the Java consumer's
 * defaults (ConsumerConfig): group.id none, isolation.level
 * read_uncommitted, auto.offset.reset latest, enable.auto.commit true,
 * auto.commit.interval.ms 5000, fetch.min.bytes 1, fetch.max.bytes
 * 52428800, max.partition.fetch.bytes 1048576, fetch.max.wait.ms 500,
 * session.timeout.ms 45000, heartbeat.interval.ms 3000,
 * max.poll.interval.ms 300000, check.crcs true, exclude.internal.topics
 * true, allow.auto.create.topics true, partition.assignment.strategy
 * [range, cooperative-sticky], group.protocol classic.
 */
struct kt_consumer_conf {
	struct kt_client_conf client;
	char *group_id;
	char *group_instance_id;
	char *client_rack;
	int8_t isolation_level;
	enum kt_reset auto_offset_reset;
	bool enable_auto_commit;
	bool enable_auto_commit_set; /* given explicitly */
	int auto_commit_interval_ms;
	int32_t fetch_min_bytes;
	int32_t fetch_max_bytes;
	int32_t max_partition_fetch_bytes;
	int32_t fetch_max_wait_ms;
	int session_timeout_ms;
	int heartbeat_interval_ms;
	int max_poll_interval_ms;
	bool check_crcs;
	bool exclude_internal_topics;
	bool allow_auto_create_topics;
	int assignors[KT_CONSUMER_MAX_ASSIGNORS]; /* enum kt_assignor_kind */
	size_t n_assignors;
};

void kt_consumer_conf_init(struct kt_consumer_conf *conf);
void kt_consumer_conf_release(struct kt_consumer_conf *conf);

/*
 * Set a consumer property by its Java name; client properties are passed
 * on to kt_client_conf_set. Returns 0, KT_CONF_IGNORED (accepted, no
 * effect), -KT_EINVAL for a bad value (err names property and value, in
 * the words of Java's ConfigException where it has them) or
 * -KT_EUNSUPPORTED (group.protocol=consumer, for now).
 */
int kt_consumer_conf_set(struct kt_consumer_conf *conf, const char *name,
			 const char *value, struct kt_err *err);

/* Where a partition starts (manual assignment) or resets to. */
enum kt_pos_kind {
	KT_POS_EARLIEST,   /* log start */
	KT_POS_LATEST,	   /* end (high watermark, or LSO read_committed) */
	KT_POS_OFFSET,	   /* an absolute offset */
	KT_POS_FROM_START, /* log start + n */
	KT_POS_FROM_END,   /* end - n */
	KT_POS_TIMESTAMP,  /* first offset with timestamp >= ms (or end) */
	KT_POS_COMMITTED,  /* group: the committed offset, else reset */
};

struct kt_pos {
	enum kt_pos_kind kind;
	int64_t value; /* offset, count or epoch ms */
};

/*
 * Parse an --offset value: "earliest", "latest" (any case), N, and
 * kafkit's forms +N (after the log start), -N (before the end),
 * @<epoch ms>, @<ISO-8601 date-time> or an ISO-8601 date-time alone
 * (2024-01-31T12:00:00Z, fractions and offsets like +02:00 allowed; no
 * zone means UTC), @-<duration> (now minus 1h, 30m, 15s, 2d, 500ms).
 * now_ms is the wall clock for durations. Returns 0 or -KT_EINVAL.
 */
int kt_pos_parse(const char *s, int64_t now_ms, struct kt_pos *pos);

/* Options of kt_consumer_new that are not Java properties. */
struct kt_consumer_opts {
	/* stop (kt_consumer_next returns KT_CONSUMER_END) once every
	 * assigned partition reached its end: the end offset captured when
	 * the partition was assigned (end.kind KT_POS_LATEST), or the given
	 * offset / timestamp (exclusive) */
	bool stop_at_end;
	struct kt_pos end;
	/* checked between steps: set by a signal handler to stop waiting */
	volatile sig_atomic_t *stop_flag;
	/* a subscribed or assigned topic that does not exist: wait for it
	 * to be created (metadata asked again each second, as the Java
	 * consumer does) instead of failing with UNKNOWN_TOPIC_OR_PARTITION;
	 * notice (may be NULL) is told once per topic, a line without its
	 * newline */
	bool wait_for_topics;
	void (*notice)(void *arg, const char *msg);
	void *notice_arg;
};

struct kt_consumer;

/* Create a consumer (no network yet). conf is copied. NULL with err
 * filled on a bad configuration. */
struct kt_consumer *kt_consumer_new(const struct kt_consumer_conf *conf,
				    const struct kt_consumer_opts *opts,
				    struct kt_err *err);

/* Free everything; no network (call kt_consumer_close first for a clean
 * leave and final commit). NULL is fine. */
void kt_consumer_free(struct kt_consumer *c);

/* Subscribe to topics (group membership; needs group.id). */
int kt_consumer_subscribe(struct kt_consumer *c, const char *const *topics,
			  size_t n, struct kt_err *err);
/* Subscribe to every topic whose whole name matches regex (POSIX
 * extended, which covers the common Java patterns). */
int kt_consumer_subscribe_pattern(struct kt_consumer *c, const char *regex,
				  struct kt_err *err);
/* Assign partitions of one topic by hand, starting at start (n == 0:
 * every partition of the topic). No group. */
int kt_consumer_assign(struct kt_consumer *c, const char *topic,
		       const int32_t *parts, size_t n,
		       const struct kt_pos *start, struct kt_err *err);

/* kt_consumer_next: no record arrived within the timeout. */
#define KT_CONSUMER_TIMEOUT 0
/* kt_consumer_next: one record in *m. */
#define KT_CONSUMER_RECORD 1
/* kt_consumer_next: every partition reached its end (stop_at_end). */
#define KT_CONSUMER_END 2
/* kt_consumer_next: *stop_flag was set. */
#define KT_CONSUMER_STOPPED 3

/*
 * The next record. Runs the event loop (bootstrap on first call, group,
 * metadata, offsets, fetches) until a record is there, the timeout passes
 * (timeout_ms < 0: no timeout), every partition is at its end, or the stop
 * flag is set. Returns one of KT_CONSUMER_*, or a negative KT_E* with err
 * filled on a fatal error (unknown topic, corrupt batch: "corrupt record
 * batch in 't'-0 at offset 42: ...", authorization, bad data).
 * *m views memory of the consumer, valid until the next call.
 * before_block (may be NULL) is called just before the consumer would
 * block waiting for the network, so a caller can flush its output.
 */
int kt_consumer_next(struct kt_consumer *c, struct kt_msg *m, int timeout_ms,
		     void (*before_block)(void *arg), void *arg,
		     struct kt_err *err);

/* Every record handed out so far has been written: its offset may be
 * committed. */
void kt_consumer_written(struct kt_consumer *c);

/*
 * The caller's write of what it was handed is blocked (a slow reader of
 * stdout): keep the group membership, as the Java client's heartbeat
 * thread does. Sends the heartbeats that fall due and processes what the
 * brokers answer, for at most timeout_ms or until one of extra (may be
 * NULL when n_extra is 0) is ready; .revents is filled as by poll(). Nothing
 * new is fetched and no rebalance starts; once max.poll.interval.ms has
 * passed since the last kt_consumer_next, no more heartbeats go out and
 * the member lapses, as in Java. Called from inside the event loop (a
 * flush in a rebalance's callback) it only waits on extra. Returns 0 or
 * a negative KT_E* (err filled) when poll() failed.
 */
int kt_consumer_keepalive(struct kt_consumer *c, int timeout_ms,
			  struct pollfd *extra, size_t n_extra,
			  struct kt_err *err);

/*
 * Leave cleanly: commit the written positions when enable.auto.commit is
 * on (synchronously, within timeout_ms), then leave the group (not for a
 * static member, as in Java). Returns 0 or a negative KT_E* (err filled:
 * the commit or leave failed; the consumer is closed anyway).
 */
int kt_consumer_close(struct kt_consumer *c, int timeout_ms,
		      struct kt_err *err);

/* The client underneath (for a tool's own admin calls). */
struct kt_client *kt_consumer_client(struct kt_consumer *c);

#endif
