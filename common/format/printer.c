/*
 * format/printer.c - what kafka-console-consumer prints for a record: the
 * formatter classes by name and the dispatch to each formatter (the
 * ConsoleConsumer's buildFormatter and MessageFormatter.writeTo).
 */
#include "format/printer.h"
#include "format/coord_console.h"

#include <stdlib.h>
#include <string.h>

#define PKG "org.apache.kafka.tools.consumer."

/* Apache 4.3.1's names, and the pre-4.0 Scala names that Apache 3.8/3.9
 * still mapped with a warning. */
static const struct {
	const char *cls;
	enum kt_printer_kind kind;
	const char *current; /* for old names: the class to use instead */
} classes[] = {
	{PKG "DefaultMessageFormatter", KT_PRINT_DEFAULT, NULL},
	{PKG "LoggingMessageFormatter", KT_PRINT_DEFAULT, NULL},
	{PKG "NoOpMessageFormatter", KT_PRINT_NOOP, NULL},
	{PKG "OffsetsMessageFormatter", KT_PRINT_OFFSETS, NULL},
	{PKG "GroupMetadataMessageFormatter", KT_PRINT_GROUP_METADATA, NULL},
	{PKG "TransactionLogMessageFormatter", KT_PRINT_TXN_LOG, NULL},
	{"kafka.tools.DefaultMessageFormatter", KT_PRINT_DEFAULT,
	 PKG "DefaultMessageFormatter"},
	{"kafka.tools.LoggingMessageFormatter", KT_PRINT_DEFAULT,
	 PKG "LoggingMessageFormatter"},
	{"kafka.tools.NoOpMessageFormatter", KT_PRINT_NOOP,
	 PKG "NoOpMessageFormatter"},
	{"kafka.coordinator.group.GroupMetadataManager$OffsetsMessageFormatter",
	 KT_PRINT_OFFSETS, PKG "OffsetsMessageFormatter"},
	{"kafka.coordinator.group.GroupMetadataManager$"
	 "GroupMetadataMessageFormatter",
	 KT_PRINT_GROUP_METADATA, PKG "GroupMetadataMessageFormatter"},
	{"kafka.coordinator.transaction.TransactionLog$"
	 "TransactionLogMessageFormatter",
	 KT_PRINT_TXN_LOG, PKG "TransactionLogMessageFormatter"},
};

int kt_printer_class(const char *cls, enum kt_printer_kind *kind,
		     const char **current)
{
	size_t i;

	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strcmp(cls, classes[i].cls) == 0) {
			*kind = classes[i].kind;
			*current = classes[i].current;
			return 0;
		}
	return -1;
}

int kt_printer_init(struct kt_printer *p)
{
	memset(p, 0, sizeof(*p));
	p->kind = KT_PRINT_DEFAULT;
	return kt_dmf_init(&p->dmf);
}

void kt_printer_release(struct kt_printer *p)
{
	kt_dmf_release(&p->dmf);
	free(p->hdrs);
	p->hdrs = NULL;
	p->cap_hdrs = 0;
}

/* m as one JSON line. */
static int write_json(struct kt_printer *p, const struct kt_msg *m,
		      struct kt_buf *out, struct kt_err *err)
{
	struct kt_header_iter it;
	struct kt_header h;
	struct kt_jrec j;
	size_t n = 0;

	kt_msg_header_iter_init(&it, m);
	while (kt_header_iter_next(&it, &h) > 0) {
		if (n == p->cap_hdrs) {
			size_t cap = p->cap_hdrs ? p->cap_hdrs * 2 : 16;
			struct kt_jhdr *nh =
				realloc(p->hdrs, cap * sizeof(*nh));

			if (!nh)
				return kt_err_set(err, KT_ENOMEM,
						  "out of memory");
			p->hdrs = nh;
			p->cap_hdrs = cap;
		}
		p->hdrs[n].key = h.key;
		p->hdrs[n].value = h.value;
		n++;
	}
	memset(&j, 0, sizeof(j));
	j.topic = m->topic;
	j.partition = m->partition;
	j.offset = m->offset;
	j.timestamp = m->timestamp;
	j.ts_type = m->ts_type;
	j.leader_epoch = m->leader_epoch;
	j.key = m->key;
	j.value = m->value;
	j.headers = p->hdrs;
	j.n_headers = n;
	if (kt_jrec_write(out, &j) < 0)
		return kt_err_set(err, KT_ENOMEM,
				  "output buffer: out of memory");
	return 0;
}

int kt_printer_write(struct kt_printer *p, const struct kt_msg *m,
		     struct kt_buf *out, struct kt_err *err)
{
	switch (p->kind) {
	case KT_PRINT_NOOP:
		return 0;
	case KT_PRINT_DEFAULT:
		return kt_dmf_write(&p->dmf, m, out, err);
	case KT_PRINT_JSON:
		return write_json(p, m, out, err);
	case KT_PRINT_OFFSETS:
		return kt_coord_console_format(KT_COORD_CONSOLE_OFFSETS, m->key,
					       m->value, m->offset, out, err);
	case KT_PRINT_GROUP_METADATA:
		return kt_coord_console_format(KT_COORD_CONSOLE_GROUP, m->key,
					       m->value, m->offset, out, err);
	case KT_PRINT_TXN_LOG:
		return kt_coord_console_format(KT_COORD_CONSOLE_TXN, m->key,
					       m->value, m->offset, out, err);
	}
	return kt_err_set(err, KT_EINVAL, "unknown printer %d", (int)p->kind);
}
