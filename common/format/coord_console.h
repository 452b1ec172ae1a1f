/*
 * format/coord_console.h - the console consumer's coordinator record formatters
 * (Apache 4.3.1 org.apache.kafka.tools.consumer.OffsetsMessageFormatter,
 * GroupMetadataMessageFormatter, TransactionLogMessageFormatter; tools.md
 * §3.7): per record, compact JSON
 * {"key":{"type":T,"data":{...}},"value":{"version":V,"data":{...}}} with no
 * newline, "value":null for a tombstone. The data objects are the generated
 * JsonConverter text that kafka-dump-log prints too (coord_schema.h), but
 * without dump-log's decoding of consumer-protocol bytes.
 */
#ifndef KT_FORMAT_COORD_CONSOLE_H
#define KT_FORMAT_COORD_CONSOLE_H

#include "base/buf.h"

enum kt_coord_console {
	KT_COORD_CONSOLE_OFFSETS, /* __consumer_offsets types 0 and 1 */
	KT_COORD_CONSOLE_GROUP,	  /* __consumer_offsets type 2 */
	KT_COORD_CONSOLE_TXN,	  /* __transaction_state, every type */
};

/*
 * Append the text for one record to out. A null key, a record type the
 * formatter does not print, or an unknown type appends nothing and returns
 * 0. Bytes that do not decode return -KT_EPROTO with err->msg the
 * exception Apache's formatter throws ("Could not read record at offset 5
 * due to: ..."); out then keeps what it had before.
 */
int kt_coord_console_format(enum kt_coord_console kind, struct kt_bytes key,
			    struct kt_bytes value, int64_t offset,
			    struct kt_buf *out, struct kt_err *err);

#endif
