/*
 * java/jstring.h - Java's String where tools' output depends on it: its
 * hashCode and its UTF-8 decoding with replacement.
 */
#ifndef KT_JAVA_JSTRING_H
#define KT_JAVA_JSTRING_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Java's String.hashCode of the UTF-8 text s[0..len) (over its UTF-16
 * code units, malformed bytes decoded as U+FFFD like Java's decoder). */
int32_t kt_java_string_hash(const char *s, size_t len);

/*
 * Java's new String(bytes, UTF_8) printed through a UTF-8 PrintStream:
 * valid UTF-8 is copied, each malformed sequence becomes U+FFFD exactly
 * where the JDK's decoder puts one. Appends to b; returns b->err.
 */
int kt_java_utf8(struct kt_buf *b, const uint8_t *p, size_t n);

/* True when Java's UTF-8 decoder takes all n bytes at p without a
 * replacement, i.e. kt_java_utf8 would copy them unchanged: well-formed
 * UTF-8 with no overlong forms, no surrogates, nothing above U+10FFFF.
 * ASCII runs are checked 32 bytes at a time. */
bool kt_java_utf8_valid(const uint8_t *p, size_t n);

#endif
