/*
 * unit.h - the tiny TAP test harness of kafkit's unit tests (after redis
 * testhelp.h and git t/unit-tests).
 *
 * Each tests/unit/test_NAME.c defines `void test_NAME(void)` and calls the
 * check macros; main.c runs every suite and prints TAP lines
 * ("ok 3 - buf: rejects 6-byte varint"), then "N passed, N failed", and
 * exits non-zero when anything failed.
 */
#ifndef KT_UNIT_H
#define KT_UNIT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

extern const char *kt_unit_suite;
void kt_unit_result(int ok, const char *name, const char *file, int line,
		    const char *detail);
/* Hex dump of two byte strings for a failed comparison. */
void kt_unit_bytes_fail(const char *name, const char *file, int line,
			const void *got, size_t gotlen, const void *want,
			size_t wantlen);
/* Parse "00 0a ff" (spaces optional) into out; returns the length. */
size_t kt_unit_hex(const char *hex, uint8_t *out, size_t cap);
/* Path of a file under the source tree (static buffer). */
const char *kt_unit_path(const char *rel);

/* CHECK(cond, name): one TAP line for cond. */
#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		char kt_name_[256];                                            \
		snprintf(kt_name_, sizeof(kt_name_), __VA_ARGS__);             \
		kt_unit_result(!!(cond), kt_name_, __FILE__, __LINE__, #cond); \
	} while (0)

/* CHECK_INT(got, want, name) */
#define CHECK_INT(got, want, ...)                                              \
	do {                                                                   \
		long long kt_g_ = (long long)(got), kt_w_ = (long long)(want); \
		char kt_name_[256], kt_d_[128];                                \
		snprintf(kt_name_, sizeof(kt_name_), __VA_ARGS__);             \
		snprintf(kt_d_, sizeof(kt_d_), "got %lld, want %lld", kt_g_,   \
			 kt_w_);                                               \
		kt_unit_result(kt_g_ == kt_w_, kt_name_, __FILE__, __LINE__,   \
			       kt_d_);                                         \
	} while (0)

/* CHECK_STR(got, want, name): C strings, NULL allowed. */
#define CHECK_STR(got, want, ...)                                              \
	do {                                                                   \
		const char *kt_g_ = (got), *kt_w_ = (want);                    \
		char kt_name_[256], kt_d_[512];                                \
		int kt_ok_ = (!kt_g_ && !kt_w_) ||                             \
			     (kt_g_ && kt_w_ && strcmp(kt_g_, kt_w_) == 0);    \
		snprintf(kt_name_, sizeof(kt_name_), __VA_ARGS__);             \
		snprintf(kt_d_, sizeof(kt_d_), "got '%s', want '%s'",          \
			 kt_g_ ? kt_g_ : "(null)", kt_w_ ? kt_w_ : "(null)");  \
		kt_unit_result(kt_ok_, kt_name_, __FILE__, __LINE__, kt_d_);   \
	} while (0)

/* CHECK_BYTES(got, gotlen, want, wantlen, name) */
#define CHECK_BYTES(got, gotlen, want, wantlen, ...)                           \
	do {                                                                   \
		char kt_name_[256];                                            \
		size_t kt_gl_ = (gotlen), kt_wl_ = (wantlen);                  \
		snprintf(kt_name_, sizeof(kt_name_), __VA_ARGS__);             \
		if (kt_gl_ == kt_wl_ &&                                        \
		    (kt_gl_ == 0 || memcmp((got), (want), kt_gl_) == 0))       \
			kt_unit_result(1, kt_name_, __FILE__, __LINE__, "");   \
		else                                                           \
			kt_unit_bytes_fail(kt_name_, __FILE__, __LINE__,       \
					   (got), kt_gl_, (want), kt_wl_);     \
	} while (0)

#include <stdio.h>

#endif
