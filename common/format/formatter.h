/*
 * format/formatter.h - the record formatters of Apache's kafka-console-consumer
 * (tools.md §3.5-§3.7) and the built-in Java deserializers they can use.
 *
 * DefaultMessageFormatter (org.apache.kafka.tools.consumer, Kafka 4.3.1):
 * fields in the fixed order timestamp, Partition:, Offset:, Delivery:,
 * Epoch:, headers, key, value, each followed by key.separator when a later
 * field is enabled, else by line.separator. Key, value and header bytes are
 * written raw, or through a deserializer whose toString() is printed as
 * UTF-8. As in Apache, a null field goes through the deserializer as the
 * bytes of null.literal.
 *
 * Deserializers: the classes of org.apache.kafka.common.serialization that
 * need no configuration (String, ByteArray, ByteBuffer, Bytes, Integer,
 * Long, Short, Double, Float, UUID, Void, Boolean), reproduced with their
 * exception messages. Any other class name is refused (Apache would load
 * it from the class path).
 *
 * Nothing here prints: output goes into a caller's struct kt_buf.
 */
#ifndef KT_FORMAT_FORMATTER_H
#define KT_FORMAT_FORMATTER_H

#include "base/buf.h"
#include "record/msg.h"
#include "java/props.h"

#include <stdbool.h>

enum kt_deser_kind {
	KT_DESER_NONE = 0, /* raw bytes */
	KT_DESER_STRING,
	KT_DESER_BYTE_ARRAY,
	KT_DESER_BYTE_BUFFER,
	KT_DESER_BYTES,
	KT_DESER_INTEGER,
	KT_DESER_LONG,
	KT_DESER_SHORT,
	KT_DESER_DOUBLE,
	KT_DESER_FLOAT,
	KT_DESER_UUID,
	KT_DESER_VOID,
	KT_DESER_BOOLEAN,
};

/* StringDeserializer / UUIDDeserializer encodings kafkit knows. */
enum kt_charset {
	KT_CHARSET_UTF8 = 0,
	KT_CHARSET_LATIN1,
	KT_CHARSET_ASCII,
	KT_CHARSET_UNKNOWN, /* refused when data is deserialized, as Java */
};

struct kt_deserializer {
	enum kt_deser_kind kind;
	enum kt_charset charset;
	char charset_name[64]; /* as configured, for the error message */
};

/*
 * Find the deserializer of a Java class name (fully qualified, e.g.
 * "org.apache.kafka.common.serialization.IntegerDeserializer"). Returns 0
 * and fills d, or -KT_ENOTFOUND with err saying the class is not one
 * kafkit provides.
 */
int kt_deserializer_lookup(const char *class_name, struct kt_deserializer *d,
			   struct kt_err *err);

/*
 * Configure d the way the Java class's configure(configs, isKey) reads its
 * properties (the formatter passes "<prefix>.x" properties with the prefix
 * removed): StringDeserializer and UUIDDeserializer read
 * "key.deserializer.encoding" or "value.deserializer.encoding" (by is_key),
 * then "deserializer.encoding". strip_prefix is "key.deserializer." etc.
 */
void kt_deserializer_configure(struct kt_deserializer *d,
			       const struct kt_props *formatter_props,
			       const char *strip_prefix, bool is_key);

/*
 * Append what Apache prints for data deserialized by d: toString() of the
 * object as UTF-8 (raw bytes for KT_DESER_NONE). data must not be null
 * (the formatter passes null.literal instead, as Java does). Returns 0, or
 * -KT_EINVAL with err->msg set to the Java exception line, e.g.
 * "org.apache.kafka.common.errors.SerializationException: Size of data
 * received by IntegerDeserializer is not 4" (a "Caused by: ..." line may
 * follow after a newline); -KT_ETOOBIG/-KT_ENOMEM when out fails.
 * ByteArrayDeserializer prints Java's "[B@<identity hash>", which differs
 * on every run in Java as well; kafkit prints a hash of the bytes.
 */
int kt_deserialize(const struct kt_deserializer *d, struct kt_bytes data,
		   struct kt_buf *out, struct kt_err *err);

/* (Java's UTF-8 decoding with replacement is kt_java_utf8 of java/jstring.h.)
 */

/* Java's Float.toString (shortest digits that read back to the same
 * float, Java's layout: "1.0", "1.0E10", "1.0E-5", "NaN"); doubles use
 * kt_java_double_str of topicconf.h. */
int kt_java_float_str(struct kt_buf *out, float v);

/* The DefaultMessageFormatter settings (defaults as in Java). */
struct kt_dmf {
	bool print_timestamp;
	bool print_key;
	bool print_value;
	bool print_partition;
	bool print_offset;
	bool print_delivery;
	bool print_epoch;
	bool print_headers;
	struct kt_buf key_sep;
	struct kt_buf line_sep;
	struct kt_buf headers_sep;
	struct kt_buf null_literal;
	struct kt_deserializer key_deser;
	struct kt_deserializer value_deser;
	struct kt_deserializer headers_deser;
};

/* Defaults: print.value only, TAB, "\n", ",", "null", no deserializers. */
int kt_dmf_init(struct kt_dmf *f);
void kt_dmf_release(struct kt_dmf *f);

/*
 * Apply formatter properties (DefaultMessageFormatter.configure): the
 * print.* booleans (true only for "true" after trimming, any case), the
 * separators and null.literal (used literally), key.deserializer,
 * value.deserializer, headers.deserializer and their prefixed settings.
 * Returns 0, or -KT_ENOTFOUND for a deserializer class kafkit does not
 * provide (err names it; Apache logs "Unable to instantiate a deserializer
 * from <class>" and prints raw bytes instead).
 */
int kt_dmf_configure(struct kt_dmf *f, const struct kt_props *p,
		     struct kt_err *err);

/*
 * Append m formatted as DefaultMessageFormatter.writeTo would write it, with
 * the console consumer's view of the record (Delivery and Epoch are always
 * NOT_PRESENT there). Returns 0, or a negative KT_E* when a deserializer
 * failed (err holds the Java exception text; out keeps the fields written
 * before the failure, as Java's PrintStream does) or out failed.
 */
int kt_dmf_write(const struct kt_dmf *f, const struct kt_msg *m,
		 struct kt_buf *out, struct kt_err *err);

#endif
