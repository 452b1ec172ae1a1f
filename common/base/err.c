/*
 * base/err.c - struct kt_err helpers and kt_strerror().
 */
#include "base/err.h"

#include <stdio.h>
#include <string.h>

int kt_err_vset(struct kt_err *err, int code, const char *fmt, va_list ap)
{
	if (code < 0)
		code = -code;
	if (err) {
		err->code = code;
		err->kafka_code = 0;
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	}
	return -code;
}

int kt_err_set(struct kt_err *err, int code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = kt_err_vset(err, code, fmt, ap);
	va_end(ap);
	return rc;
}

int kt_err_kafka(struct kt_err *err, int16_t kafka_code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kt_err_vset(err, KT_EKAFKA, fmt, ap);
	va_end(ap);
	if (err)
		err->kafka_code = kafka_code;
	return -KT_EKAFKA;
}

void kt_err_prefix(struct kt_err *err, const char *fmt, ...)
{
	char old[sizeof(err->msg)];
	size_t n;
	va_list ap;

	if (!err)
		return;
	memcpy(old, err->msg, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	n = strlen(err->msg);
	if (n + 2 < sizeof(err->msg)) {
		memcpy(err->msg + n, ": ", 2);
		n += 2;
		memcpy(err->msg + n, old, sizeof(err->msg) - n - 1);
		err->msg[sizeof(err->msg) - 1] = '\0';
	}
}

void kt_err_clear(struct kt_err *err)
{
	if (!err)
		return;
	err->code = 0;
	err->kafka_code = 0;
	err->msg[0] = '\0';
}

const char *kt_strerror(int code)
{
	if (code < 0)
		code = -code;
	switch ((enum kt_ecode)code) {
	case KT_OK:
		return "no error";
	case KT_ENOMEM:
		return "out of memory";
	case KT_ETRUNC:
		return "truncated input";
	case KT_EVARINT:
		return "malformed varint";
	case KT_EBADLEN:
		return "invalid length";
	case KT_ETOOBIG:
		return "size limit exceeded";
	case KT_EINVAL:
		return "invalid argument";
	case KT_EIO:
		return "i/o error";
	case KT_ECONNECT:
		return "connection failed";
	case KT_ETIMEDOUT:
		return "timed out";
	case KT_EPROTO:
		return "protocol error";
	case KT_EKAFKA:
		return "broker error";
	case KT_EUNSUPPORTED:
		return "not supported by the broker";
	case KT_ENOTFOUND:
		return "not found";
	case KT_ECRC:
		return "checksum mismatch";
	case KT_ECOMPRESS:
		return "decompression failed";
	case KT_ECLOSED:
		return "connection closed";
	case KT_ERESOLVE:
		return "name resolution failed";
	case KT_ESYNTAX:
		return "syntax error";
	case KT_EEXIST:
		return "already exists";
	case KT_EINTR:
		return "interrupted";
	case KT_ECODE_MAX:
		break;
	}
	return "unknown error";
}
