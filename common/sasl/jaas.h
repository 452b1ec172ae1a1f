/*
 * sasl/jaas.h - the value of sasl.jaas.config: one JAAS login-module
 * entry in Java's syntax, parsed as Kafka's JaasConfig does.
 *
 * The grammar (JaasConfig, over java.io.StreamTokenizer):
 *
 *	<LoginModuleClass> <flag> (<key>=<value>)* ;
 *
 * - flag is required, requisite, sufficient or optional, in any case;
 * - bytes 0..32 are blanks (line ends too); a word runs until a blank or
 *   one of ; = / " ';
 * - a value (or key, or class) may be quoted with " or ': inside, the
 *   escapes \a \b \f \n \r \t \v, octal \0 to \377, and \x for any other
 *   x are decoded; a quoted string also ends, unterminated, at a line end
 *   or the end of the text, as StreamTokenizer ends it;
 * - comments: /" * ... * /" blocks, and // or a lone / to the end of the
 *   line;
 * - a later key overrides an earlier one (Java keeps options in a map).
 *
 * Java reads a String; kafkit reads bytes and takes every byte from 0x80
 * up as part of a word (Java does so for every character outside
 * U+0081..U+009F), and an octal escape from \200 up as that Latin-1
 * character, written as UTF-8.
 *
 * A client's sasl.jaas.config holds exactly one entry (JaasContext). The
 * messages keep the wording of Java's IllegalArgumentExceptions, so that
 * they can be matched against Apache's, behind "sasl.jaas.config: ". They
 * never quote a value: values are passwords.
 */
#ifndef KT_SASL_JAAS_H
#define KT_SASL_JAAS_H

#include "base/err.h"

#include <stddef.h>

enum kt_jaas_flag {
	KT_JAAS_REQUIRED,
	KT_JAAS_REQUISITE,
	KT_JAAS_SUFFICIENT,
	KT_JAAS_OPTIONAL,
};

struct kt_jaas_option {
	char *key;
	char *value;
};

/* One login-module entry; owns every string. */
struct kt_jaas {
	char *module; /* the LoginModule class name */
	enum kt_jaas_flag flag;
	struct kt_jaas_option *options; /* in first-seen order */
	size_t n_options;
};

/*
 * Parse text (a C string) into out, which is overwritten. Returns 0, or
 * -KT_ESYNTAX (err: "sasl.jaas.config: " and what Java would say, e.g.
 * "Value not specified for key 'password' in JAAS config"; out is then
 * empty), or -KT_ENOMEM. A value holding a NUL byte (\0) is refused.
 */
int kt_jaas_parse(const char *text, struct kt_jaas *out, struct kt_err *err);

/* The value of option key, or NULL. Valid until kt_jaas_release. */
const char *kt_jaas_get(const struct kt_jaas *j, const char *key);

/* Wipe the values (they may be secrets), free everything and zero j. NULL
 * and an empty struct are fine. */
void kt_jaas_release(struct kt_jaas *j);

#endif
