/*
 * format/delivery.h - kafka-console-producer's failure lines: records
 * that were not delivered, one line per run of consecutive input records
 * with the same topic, partition and error ("lines 3-7: not delivered to
 * topic 't' partition 0: ..."), so a broken cluster does not print one
 * line per record.
 */
#ifndef KT_FORMAT_DELIVERY_H
#define KT_FORMAT_DELIVERY_H

#include "base/buf.h"

#include <stdbool.h>
#include <stdint.h>

struct kt_delivery_log {
	const char *prog; /* the line prefix: "prog: " */
	bool have;	  /* a run is pending */
	int64_t first, last;
	int32_t partition; /* < 0: none chosen */
	bool unknown;	   /* the broker's answer was lost */
	char topic[256];
	char msg[300];
	int64_t failed; /* records reported so far */
};

/* An empty log whose lines start with "prog: ". */
void kt_delivery_log_init(struct kt_delivery_log *l, const char *prog);

/* Record id (its input line) failed: not delivered (unknown false) or
 * not confirmed (unknown true) to topic/partition with msg. When it does
 * not extend the pending run, the run's line is appended to out first. */
void kt_delivery_log_add(struct kt_delivery_log *l, struct kt_buf *out,
			 int64_t id, const char *topic, int32_t partition,
			 const char *msg, bool unknown);

/* Append the pending run's line, if any, to out. */
void kt_delivery_log_flush(struct kt_delivery_log *l, struct kt_buf *out);

#endif
