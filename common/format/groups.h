/*
 * format/groups.h - how kafka-consumer-groups prints: Apache 4.3's tables
 * (tools.md §4.4-§4.8: the list table, the offsets, members and state
 * views of --describe, the reset-offsets table and CSV, the delete-offsets
 * table), byte for byte, and kafkit's JSON for --list and --describe, into
 * a struct kt_buf.
 */
#ifndef KT_FORMAT_GROUPS_H
#define KT_FORMAT_GROUPS_H

#include "admin/groups.h"
#include "admin/groups_reset.h"
#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --list with --state and/or --type: the table (header always). */
int kt_cg_list_table(const struct kt_group_listing *v, size_t n, bool type,
		     bool state, struct kt_buf *out);
/* --list --output json: one object per group and line. */
int kt_cg_list_json(const struct kt_group_listing *v, size_t n,
		    struct kt_buf *out);

/* "Classic", "Stable", ...: a broker name as Apache prints it ("Unknown"
 * for NULL or empty). */
const char *kt_cg_type_name(const char *type);
const char *kt_cg_state_name(const char *state);

/* One row of the offsets view. -1 (or NULL) means unknown: printed "-". */
struct kt_cg_offset_row {
	const char *group;
	const char *topic;
	int32_t partition;
	int32_t leader_epoch; /* of the commit */
	int64_t current;      /* committed offset */
	int64_t log_end;
	const char *consumer_id;
	const char *host;
	const char *client_id;
};

/* The offsets view block: an empty line, the header, the rows. */
int kt_cg_offsets_text(const struct kt_cg_offset_row *v, size_t n,
		       bool verbose, struct kt_buf *out);
/* The members view block (the header even without members). */
int kt_cg_members_text(const struct kt_group_desc *d, bool verbose,
		       struct kt_buf *out);
/* The state view block. */
int kt_cg_state_text(const struct kt_group_desc *d, bool verbose,
		     struct kt_buf *out);

/*
 * --describe --output json: one object per group and line, with the
 * group's state, coordinator, members (with assignments) and, when rows is
 * not NULL, the offsets rows with lag. Schema in man/kafka-consumer-groups.1.
 */
int kt_cg_describe_json(const struct kt_group_desc *d,
			const struct kt_cg_offset_row *rows, size_t n_rows,
			struct kt_buf *out);

/* The reset-offsets table (empty line, header, rows; a lone empty line
 * when there is no group). groups: every group asked for, which sets the
 * GROUP column's width. */
int kt_cg_reset_text(const struct kt_cg_reset_row *v, size_t n,
		     const char *const *groups, size_t n_groups,
		     struct kt_buf *out);
/* --export: topic,partition,offset (with_group false) or
 * group,topic,partition,offset lines, quoted as Apache's CSV writer
 * (Jackson) does, then one more newline. */
int kt_cg_reset_csv(const struct kt_cg_reset_row *v, size_t n,
		    bool with_group, struct kt_buf *out);

/* A row of the delete-offsets table; partition < 0 prints "-". */
struct kt_cg_delete_row {
	const char *topic;
	int32_t partition;
	const char *status; /* "Successful" or "Error: ..." */
};

/* The delete-offsets table: rows sorted by topic + partition text. */
int kt_cg_delete_offsets_text(struct kt_cg_delete_row *v, size_t n,
			      struct kt_buf *out);

#endif
