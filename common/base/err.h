/*
 * base/err.h - kafkit's error type and codes.
 *
 * A function that can fail returns 0 (or a count) on success and a negative
 * KT_E* code on failure, and fills the caller's struct kt_err when one is
 * given. err may be NULL; on success it is left untouched, so a sequence of
 * calls can share one (git's api-error-handling convention). common/ never
 * prints: cmd/ turns a kt_err into a message and an exit status.
 *
 * The numbers are part of the ABI of this library and are never renumbered:
 * add new codes at the end.
 */
#ifndef KT_BASE_ERR_H
#define KT_BASE_ERR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum kt_ecode {
	KT_OK = 0,
	KT_ENOMEM = 1,	      /* allocation failed */
	KT_ETRUNC = 2,	      /* input ended before the item did */
	KT_EVARINT = 3,	      /* varint longer than its type allows */
	KT_EBADLEN = 4,	      /* negative or impossible length or count */
	KT_ETOOBIG = 5,	      /* a size ceiling was reached */
	KT_EINVAL = 6,	      /* invalid argument or value */
	KT_EIO = 7,	      /* read/write/open failed (errno in message) */
	KT_ECONNECT = 8,      /* could not connect to any address */
	KT_ETIMEDOUT = 9,     /* a deadline passed */
	KT_EPROTO = 10,	      /* the peer broke the protocol */
	KT_EKAFKA = 11,	      /* the broker answered with an error code */
	KT_EUNSUPPORTED = 12, /* the broker does not speak what we need */
	KT_ENOTFOUND = 13,    /* no such topic, partition, file, ... */
	KT_ECRC = 14,	      /* checksum mismatch */
	KT_ECOMPRESS = 15,    /* compressed data could not be decoded */
	KT_ECLOSED = 16,      /* connection closed by the peer */
	KT_ERESOLVE = 17,     /* host name could not be resolved */
	KT_ESYNTAX = 18,      /* malformed text input (properties, options) */
	KT_EEXIST = 19,	      /* already exists */
	KT_EINTR = 20,	      /* interrupted by a signal */
	KT_ECODE_MAX
};

/* One error: what went wrong (code), the broker's error code if any, and a
 * message in the style of STYLE.md: lower case, problem first, position. */
struct kt_err {
	int code;	    /* KT_E*, 0 if none */
	int16_t kafka_code; /* broker ErrorCode, 0 if none */
	char msg[256];
};

/*
 * Fill err (if not NULL) with code and a printf-style message, and return
 * -code, so that a failing function can `return kt_err_set(err, ...)`.
 * A message longer than msg[] is cut.
 */
int kt_err_set(struct kt_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int kt_err_vset(struct kt_err *err, int code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Like kt_err_set, for an error code returned by a broker: sets kafka_code
 * and code KT_EKAFKA. */
int kt_err_kafka(struct kt_err *err, int16_t kafka_code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix err->msg with "PREFIX: " (printf-style), keeping code. */
void kt_err_prefix(struct kt_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Clear err to "no error". */
void kt_err_clear(struct kt_err *err);

/* A short static text for a KT_E* code (positive or negative). */
const char *kt_strerror(int code);

/* System headers that declare banned functions come first, so that their
 * declarations are parsed before banned.h renames the functions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/banned.h"

#endif
