/*
 * admin/groups_reset.h - kafka-consumer-groups --reset-offsets and the
 * pieces it shares with --delete-offsets (tools.md §4.7, §4.8, Apache
 * 4.3's OffsetsUtils): --topic arguments ("t" or "t:0,1"), the reset
 * scenarios with Apache's clamping, --to-datetime and --by-duration
 * parsing, the --from-file CSV, the plan in Java HashMap order, and the
 * commit with --execute.
 */
#ifndef KT_ADMIN_GROUPS_RESET_H
#define KT_ADMIN_GROUPS_RESET_H

#include "admin/groups.h"

/* One --topic argument. */
struct kt_cg_topic_arg {
	char *topic;
	int32_t *parts; /* ascending as given; all of them once resolved */
	size_t n_parts;
	bool all;		/* "t": every partition */
	int16_t lookup_error;	/* resolving "t" failed (no such topic) */
};

/*
 * Parse --topic values: "t" or "t:p1,p2". Fails with -KT_EINVAL and
 * Apache's IllegalArgumentException text: "Invalid topic arg 'a:b:c',
 * expected topic name and partitions", "Invalid partition 'x' specified in
 * topic arg 't:x''". *out is malloc'ed (kt_cg_topic_args_free).
 */
int kt_cg_parse_topic_args(const char *const *v, size_t n,
			   struct kt_cg_topic_arg **out, struct kt_err *err);
void kt_cg_topic_args_free(struct kt_cg_topic_arg *v, size_t n);

/* Fill in the partitions of every "t" argument (Metadata); a topic that
 * does not exist gets lookup_error UNKNOWN_TOPIC_OR_PARTITION. */
int kt_cg_resolve_topic_args(struct kt_client *c, struct kt_cg_topic_arg *v,
			     size_t n, int timeout_ms, struct kt_err *err);

/* A row of the reset plan (the reset-offsets table and CSV). */
struct kt_cg_reset_row {
	const char *group;
	const char *topic;
	int32_t partition;
	int64_t offset;
};

enum kt_cg_scenario {
	KT_CG_NONE = 0,
	KT_CG_TO_OFFSET,
	KT_CG_TO_DATETIME,
	KT_CG_BY_DURATION,
	KT_CG_TO_EARLIEST,
	KT_CG_TO_LATEST,
	KT_CG_TO_CURRENT,
	KT_CG_SHIFT_BY,
	KT_CG_FROM_FILE,
};

struct kt_cg_reset_req {
	const char *const *groups;
	size_t n_groups;
	bool single_group; /* one --group: the 3-column CSV */
	bool all_topics;
	struct kt_cg_topic_arg *topics; /* parsed, not resolved */
	size_t n_topics;
	enum kt_cg_scenario scenario;
	int64_t value;	  /* --to-offset, --shift-by */
	const char *text; /* --to-datetime, --by-duration, --from-file */
	bool execute;
	int timeout_ms;
	/* a WARN record (clamping) and a stdout note ("\nWarn: ...",
	 * "\nError: Assignments can only be reset ...") */
	void (*warn)(void *arg, const char *msg);
	void (*note)(void *arg, const char *msg);
	void *cb_arg;
};

struct kt_cg_reset_plan {
	struct kt_cg_reset_row *rows; /* in Apache's HashMap order */
	size_t n_rows;
	int16_t *codes; /* with execute: the commit's verdict per row */
	size_t n_failed;
	/* a failure Apache reports through "Error: Executing consumer
	 * group command failed due to <java_message>" (exception line in
	 * java_exception); NULL for other failures */
	char *java_message;
	char *java_exception;
	struct kt_arena arena;
};

/*
 * Plan (and with execute, commit) the new offsets of every group of req.
 * Returns 0 with plan filled; -KT_EINVAL for Apache's usage errors ("Cannot
 * shift offset for partition t-0 since there is no current committed
 * offset"; the caller prints usage and exits 1); another negative KT_E*
 * with plan->java_message set when Apache would report the failure through
 * its generic error line, or not set for a failure of the call itself.
 * Nothing is committed unless every group's plan was computed.
 */
int kt_cg_reset_offsets(struct kt_client *c, const struct kt_cg_reset_req *req,
			struct kt_cg_reset_plan *plan, struct kt_err *err);
void kt_cg_reset_plan_release(struct kt_cg_reset_plan *plan);

/*
 * Parse Apache's --to-datetime: yyyy-MM-ddTHH:mm:ss.SSS with an optional
 * zone (Z, +hh, +hhmm, +hh:mm); UTC without one. Returns 0 and the time in
 * ms since the epoch, or -KT_ESYNTAX.
 */
int kt_cg_parse_datetime(const char *s, int64_t *ms);

/* Parse an ISO-8601 duration as java.time.Duration.parse does
 * (PnDTnHnMn.nS, signs allowed). Returns 0 and milliseconds, or
 * -KT_ESYNTAX. */
int kt_cg_parse_duration(const char *s, int64_t *ms);

/* Reorder names (and codes alongside) into the iteration order of a Java
 * HashMap of those strings (default capacity), as Apache prints groups. */
void kt_cg_hashmap_order_groups(char **names, int16_t *codes, size_t n);

#endif
