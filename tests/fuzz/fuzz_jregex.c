/*
 * fuzz_jregex.c - fuzz entry point for jregex.h: the input is a Java
 * pattern (from a command line or a properties file, so untrusted),
 * translated in both modes. Every outcome must be one of the documented
 * ones with a reason, and every translation that succeeds must be an ERE
 * regcomp accepts: a refusal from regcomp would mean the translator wrote
 * something it should not have.
 */
#include "java/jregex.h"

#include <regex.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum kt_jregex_mode modes[] = {KT_JREGEX_SEARCH,
						    KT_JREGEX_WHOLE};
	size_t i;

	if (size > 4096) /* regcomp's time grows fast with the ERE */
		return 0;
	for (i = 0; i < 2; i++) {
		struct kt_buf ere;
		struct kt_err err;
		regex_t re;
		int cflags, rc;

		err.msg[0] = '\0';
		kt_buf_init(&ere, 1 << 20);
		rc = kt_jregex_translate((const char *)data, size, modes[i],
					 &ere, &cflags, &err);
		if (rc != 0 && rc != -KT_ESYNTAX && rc != -KT_EUNSUPPORTED &&
		    rc != -KT_ENOMEM)
			abort();
		if (rc != 0 && err.msg[0] == '\0')
			abort();
		if (rc == 0) {
			kt_buf_put(&ere, "", 1);
			if (ere.err)
				abort();
			rc = regcomp(&re, (const char *)ere.p,
				     REG_EXTENDED | cflags);
			if (rc != 0 && rc != REG_ESPACE)
				abort();
			if (rc == 0) {
				regexec(&re, "a\xc3\xa9-1_ \n", 0, NULL, 0);
				regfree(&re);
			}
		}
		kt_buf_release(&ere);
	}
	return 0;
}
