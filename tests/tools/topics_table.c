/*
 * topics_table.c - kt-topics-table, a stand-in for kafka-topics until
 * cmd/topics.c exists: the kafka-topics option table (tools.md §1.2, Apache
 * 4.3.1 TopicCommand) driven through the whole cli machinery, without any
 * network. It shows how a real tool is laid out (declare, parse, validate,
 * act) and lets tests/sync.bats and tests/cli.bats check help, man pages,
 * completions and parser behaviour from a built binary.
 *
 * "Act" here prints what was parsed, one "name=value" line per option
 * given, so bats can assert the parser's decisions.
 *
 * When cmd/topics.c arrives it takes this table (with its completion
 * metadata), the tool struct and the main's first half; this file can then
 * go, and gen-completions.sh picks up kafka-topics itself.
 */
#include "../../cmd/tool.h"
#include "apache_tables.h"

static const struct kt_cli_tool tool = {
	.name = "kafka-topics",
	.summary = "create, delete, describe, or change a topic",
	.usage = "This tool helps to create, delete, describe, or change a "
		 "topic.",
	.opts = kt_topics_opts,
};

static void usage_exit(const char *msg)
{
	kt_tool_usage_exit_flags(kt_topics_opts, msg, KT_USAGE_APACHE);
}

int main(int argc, char **argv)
{
	static const char *const actions[] = {"list",  "describe", "create",
					      "alter", "delete",   NULL};
	static const char *const alter_set[] = {"bootstrap-server", "config",
						NULL};
	static const char *const alter_only[] = {"alter", NULL};
	struct kt_topics_opts *o = &kt_topics_o;
	struct kt_cli cli;
	struct kt_err err = {0};
	size_t i, n = 0;

	kt_tool_generate_hook(&tool);

	/* parse: jopt errors are fatal before anything else (tools.md §1.3) */
	if (kt_cli_parse(&cli, kt_topics_opts, argc, argv, &err) ||
	    kt_cli_fill(&cli, &err))
		kt_tool_die(&err);

	/* validate, in TopicCommand's order */
	if (cli.ntokens == 0)
		usage_exit("Create, delete, describe, or change a topic.");
	if (o->help)
		usage_exit("This tool helps to create, delete, describe, or "
			   "change a topic.");
	if (o->version)
		kt_tool_version_exit();
	for (i = 0; actions[i]; i++)
		n += kt_cli_has(&cli, actions[i]);
	if (n != 1)
		usage_exit("Command must include exactly one action: --list, "
			   "--describe, --create, --alter or --delete");
	if (!o->list && !o->describe &&
	    kt_cli_check_required(&cli, "topic", &err))
		usage_exit(err.msg);
	if (o->alter && kt_cli_check_invalid_set(&cli, alter_set, alter_only,
						 KT_TOPICS_ALTER_SUFFIX, &err))
		usage_exit(err.msg);

	/* act: show what was understood */
	for (i = 0; i < cli.nopts; i++) {
		const struct kt_opt *r = &kt_topics_opts[i];
		const char *const *v;
		size_t k, nv;

		if (!kt_cli_has(&cli, r->name))
			continue;
		nv = kt_cli_values(&cli, r->name, &v);
		if (!nv)
			printf("%s\n", r->name);
		for (k = 0; k < nv; k++)
			printf("%s=%s\n", r->name, v[k]);
	}
	for (i = 0; i < cli.nrest; i++)
		printf("ignored=%s\n", cli.rest[i]);
	kt_cli_release(&cli);
	return 0;
}
