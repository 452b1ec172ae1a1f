/*
 * wire/kerr.h - Kafka protocol error codes: name, retriable flag and the Java
 * client's default message for every code the protocol defines.
 *
 * Implements the ErrorCode table of the Kafka protocol (protocol.md section
 * 13); names, messages and the retriable flag are those of
 * org.apache.kafka.common.protocol.Errors in kafka-clients 4.3.1 (retriable
 * means the Java exception extends RetriableException; a hint only, callers
 * decide per API).
 */
#ifndef KT_WIRE_KERR_H
#define KT_WIRE_KERR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A few codes the library itself acts on. */
enum kt_kerr_code {
	KT_KERR_UNKNOWN_SERVER_ERROR = -1,
	KT_KERR_NONE = 0,
	KT_KERR_UNKNOWN_TOPIC_OR_PARTITION = 3,
	KT_KERR_LEADER_NOT_AVAILABLE = 5,
	KT_KERR_NOT_LEADER_OR_FOLLOWER = 6,
	KT_KERR_REPLICA_NOT_AVAILABLE = 9,
	KT_KERR_UNSUPPORTED_SASL_MECHANISM = 33,
	KT_KERR_ILLEGAL_SASL_STATE = 34,
	KT_KERR_UNSUPPORTED_VERSION = 35,
	KT_KERR_INVALID_REQUEST = 42,
	KT_KERR_SASL_AUTHENTICATION_FAILED = 58,
	KT_KERR_UNKNOWN_TOPIC_ID = 100,
	/* highest code in the table */
	KT_KERR_MAX = 133
};

/* One row of the table. */
struct kt_kerr_info {
	int16_t code;
	const char *name;    /* e.g. "UNKNOWN_TOPIC_OR_PARTITION" */
	bool retriable;	     /* Java exception is a RetriableException */
	const char *message; /* Java default message, e.g. "This server does
				not host this topic-partition." */
};

/* The row for code, or NULL when the code is not one Kafka 4.3 defines. The
 * returned row is static. */
const struct kt_kerr_info *kt_kerr_lookup(int16_t code);

/* The name of code ("NOT_LEADER_OR_FOLLOWER"); "UNKNOWN_ERROR_CODE" for a
 * code the table does not know. Static string. */
const char *kt_kerr_name(int16_t code);

/* The Java default message of code. For an unknown code this is the
 * message of UNKNOWN_SERVER_ERROR, as Java's Errors.forCode maps unknown
 * codes to it. Static string. */
const char *kt_kerr_message(int16_t code);

/* Whether the Java client treats code as retriable; false for unknown
 * codes. */
bool kt_kerr_retriable(int16_t code);

/*
 * The fully qualified Java exception class the Java client raises for code
 * ("org.apache.kafka.common.errors.TopicExistsException"), written into buf
 * (len bytes) and returned; NULL for NONE. Unknown codes map to
 * UnknownServerException, as Errors.forCode does. For tools that reproduce
 * Apache's "ERROR <class>: <message>" log lines.
 */
const char *kt_kerr_java_class(int16_t code, char *buf, size_t len);

#endif
