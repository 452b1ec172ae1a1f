/*
 * cli/bootstrap.c - Apache's check of a --bootstrap-server list
 * (ToolsUtils.validateBootstrapServer, tools.md §0.5).
 */
#include "cli/bootstrap.h"

#include <ctype.h>
#include <string.h>

bool kt_cli_bootstrap_ok(const char *s)
{
	const char *e = s;

	for (;;) {
		const char *end = strchr(e, ',');
		size_t n = end ? (size_t)(end - e) : strlen(e);
		const char *p = e, *lim = e + n, *q;

		if (n > 0) {
			/* optional scheme */
			for (q = p; q < lim && (isalnum((unsigned char)*q) ||
						strchr("-%._", *q));
			     q++)
				;
			if (lim - q >= 3 && strncmp(q, "://", 3) == 0)
				p = q + 3;
			if (p < lim && *p == '[')
				p++;
			/* host part, greedy, then backtrack to ":digits" */
			q = lim;
			while (q > p && isdigit((unsigned char)q[-1]))
				q--;
			if (q == lim || q == p || q[-1] != ':')
				return false;
			q--; /* at ':' */
			if (q > p && q[-1] == ']')
				q--;
			for (; p < q; p++)
				if (!(isalnum((unsigned char)*p) ||
				      strchr("-%._:", *p)))
					return false;
		} else if (end) {
			/* an empty element in the middle fails the regex */
			const char *rest = end;

			while (*rest == ',')
				rest++;
			if (*rest)
				return false;
		}
		if (!end)
			return true;
		e = end + 1;
	}
}
