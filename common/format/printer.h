/*
 * format/printer.h - what kafka-console-consumer prints for a record: the
 * --formatter classes by name (Apache 4.3.1's, and the pre-4.0 Scala
 * names Apache still maps with a warning) and one call that formats a
 * record with the chosen one (DefaultMessageFormatter, NoOp, the
 * __consumer_offsets and __transaction_state formatters, kafkit's JSON).
 */
#ifndef KT_FORMAT_PRINTER_H
#define KT_FORMAT_PRINTER_H

#include "format/formatter.h"
#include "format/recjson.h"
#include "record/msg.h"

enum kt_printer_kind {
	KT_PRINT_DEFAULT,	 /* DefaultMessageFormatter (and Logging...) */
	KT_PRINT_NOOP,		 /* NoOpMessageFormatter */
	KT_PRINT_OFFSETS,	 /* OffsetsMessageFormatter */
	KT_PRINT_GROUP_METADATA, /* GroupMetadataMessageFormatter */
	KT_PRINT_TXN_LOG,	 /* TransactionLogMessageFormatter */
	KT_PRINT_JSON,		 /* kafkit's --output json (recjson.h) */
};

/* The Apache 4.3.1 class of the default formatter. */
#define KT_PRINTER_DEFAULT_CLASS                                               \
	"org.apache.kafka.tools.consumer.DefaultMessageFormatter"

/* Look up a --formatter class name. Returns 0 with *kind set, and
 * *current NULL or, for an old name, the class Apache says to use
 * instead; -1 for a class kafkit does not have. */
int kt_printer_class(const char *cls, enum kt_printer_kind *kind,
		     const char **current);

struct kt_printer {
	enum kt_printer_kind kind;
	struct kt_dmf dmf;    /* KT_PRINT_DEFAULT's properties */
	struct kt_jhdr *hdrs; /* KT_PRINT_JSON's headers, reused */
	size_t cap_hdrs;
};

/* A printer of kind KT_PRINT_DEFAULT with the formatter's defaults;
 * kt_dmf_configure(&p->dmf, ...) sets its properties. Returns 0 or
 * -KT_ENOMEM. */
int kt_printer_init(struct kt_printer *p);
void kt_printer_release(struct kt_printer *p);

/* Append what p prints for m to out. Returns 0, or negative with err
 * filled (a value the formatter cannot decode, out of memory). */
int kt_printer_write(struct kt_printer *p, const struct kt_msg *m,
		     struct kt_buf *out, struct kt_err *err);

#endif
