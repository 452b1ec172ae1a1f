/*
 * java/jre2.h - the syntax check of kafka-consumer-groups --validate-regex:
 * is a pattern valid RE2 syntax as RE2/J (com.google.re2j, the library
 * KIP-848 regular-expression subscriptions use) parses it? No matching,
 * only the parse, with RE2/J's error descriptions ("missing closing )",
 * "invalid escape sequence", ...).
 */
#ifndef KT_JAVA_JRE2_H
#define KT_JAVA_JRE2_H

#include <stddef.h>

/* Returns 0 when re parses, else -1 with RE2/J's description in why. */
int kt_re2_check(const char *re, char *why, size_t len);

#endif
