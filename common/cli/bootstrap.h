/*
 * cli/bootstrap.h - Apache's check of a --bootstrap-server list
 * (ToolsUtils.validateBootstrapServer, tools.md §0.5), which
 * kafka-console-producer runs before anything else.
 */
#ifndef KT_CLI_BOOTSTRAP_H
#define KT_CLI_BOOTSTRAP_H

#include <stdbool.h>

/* Whether every comma-separated element of s looks like
 * [proto://][host]:port, as Apache's regular expression accepts it (an
 * empty element only at the end). */
bool kt_cli_bootstrap_ok(const char *s);

#endif
