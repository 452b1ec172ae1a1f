/*
 * format/delivery.c - kafka-console-producer's failure lines, consecutive
 * records with the same fate merged into one.
 */
#include "format/delivery.h"

#include <stdio.h>
#include <string.h>

void kt_delivery_log_init(struct kt_delivery_log *l, const char *prog)
{
	memset(l, 0, sizeof(*l));
	l->prog = prog;
}

void kt_delivery_log_flush(struct kt_delivery_log *l, struct kt_buf *out)
{
	char part[32];

	if (!l->have)
		return;
	if (l->partition >= 0)
		snprintf(part, sizeof(part), "%d", l->partition);
	else
		snprintf(part, sizeof(part), "(none)");
	if (l->first == l->last)
		kt_buf_printf(out, "%s: line %lld: ", l->prog,
			      (long long)l->first);
	else
		kt_buf_printf(out, "%s: lines %lld-%lld: ", l->prog,
			      (long long)l->first, (long long)l->last);
	kt_buf_printf(out, "%s to topic '%s' partition %s: %s\n",
		      l->unknown ? "delivery not confirmed (the record may "
				   "have been written)"
				 : "not delivered",
		      l->topic, part, l->msg);
	l->have = false;
}

void kt_delivery_log_add(struct kt_delivery_log *l, struct kt_buf *out,
			 int64_t id, const char *topic, int32_t partition,
			 const char *msg, bool unknown)
{
	l->failed++;
	if (l->have && id == l->last + 1 && partition == l->partition &&
	    unknown == l->unknown && strcmp(msg, l->msg) == 0 &&
	    strcmp(topic, l->topic) == 0) {
		l->last = id;
		return;
	}
	kt_delivery_log_flush(l, out);
	l->have = true;
	l->first = l->last = id;
	l->partition = partition;
	l->unknown = unknown;
	snprintf(l->topic, sizeof(l->topic), "%s", topic);
	snprintf(l->msg, sizeof(l->msg), "%s", msg);
}
