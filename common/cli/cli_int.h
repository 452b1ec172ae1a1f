/*
 * cli/cli_int.h - what the pieces of the option parser (cli.c, wrap.c,
 * help.c, gen.c) share: table helpers and Java's string length. Not part
 * of the library's interface.
 */
#ifndef KT_CLI_CLI_INT_H
#define KT_CLI_CLI_INT_H

#include "cli/cli.h"

#include <stdbool.h>
#include <stddef.h>

/* The number of rows of an option table (it ends with a NULL name). */
static inline size_t kt_cli_count_rows(const struct kt_opt *opts)
{
	size_t n = 0;

	while (opts[n].name)
		n++;
	return n;
}

static inline bool kt_cli_takes_arg(const struct kt_opt *o)
{
	return (o->flags & (KT_ARG | KT_OPTARG)) != 0;
}

/* The Java type jopt names for an option's argument. */
static inline const char *kt_cli_type_name(const struct kt_opt *o)
{
	if (o->flags & KT_INT)
		return "Integer";
	if (o->flags & KT_LONG)
		return "Long";
	return "String";
}

/* Java String.length() of the UTF-8 text s[0..n). */
static inline size_t kt_cli_jlen(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xc0) != 0x80)
			w += c >= 0xf0 ? 2 : 1;
	}
	return w;
}

/* The rows of options visible under flags (KT_USAGE_*), sorted by name,
 * as an allocated array of *count entries (help.c); NULL if out of
 * memory. */
const struct kt_opt **kt_cli_sorted_rows(const struct kt_opt *opts,
					 unsigned flags, size_t *count);

#endif
