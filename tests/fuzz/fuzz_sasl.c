/*
 * fuzz_sasl.c - fuzz entry point for what a broker (or a properties file)
 * hands the SASL layer: the input is decoded as a SaslHandshake response
 * (v0, v1) and a SaslAuthenticate response (v0..v2), fed to a SCRAM-SHA-256
 * client as its server-first-message and, up to a first newline, as the
 * server-final-message after it, and parsed as a sasl.jaas.config value.
 * Every failure must come with a message; every decoded struct must
 * release cleanly.
 */
#include "proto/sasl.h"
#include "sasl/jaas.h"
#include "sasl/sasl.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int rc, const struct kt_err *err)
{
	if (rc < 0 && err->msg[0] == '\0')
		abort();
}

static void decoders(const uint8_t *data, size_t size)
{
	struct kt_err err;
	int16_t v;

	for (v = 0; v <= 1; v++) {
		struct kt_sasl_handshake_resp h;

		err.msg[0] = '\0';
		check(kt_sasl_handshake_resp_decode(data, size, v, &h, &err),
		      &err);
		kt_sasl_handshake_resp_release(&h);
	}
	for (v = 0; v <= 2; v++) {
		struct kt_sasl_authenticate_resp a;

		err.msg[0] = '\0';
		check(kt_sasl_authenticate_resp_decode(data, size, v, &a, &err),
		      &err);
		kt_sasl_authenticate_resp_release(&a);
	}
}

static void scram(const uint8_t *data, size_t size)
{
	struct kt_sasl_conf c;
	struct kt_sasl_session *s;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t first = nl ? (size_t)(nl - data) : size;
	struct kt_buf out;
	struct kt_err err;
	int rc;

	memset(&c, 0, sizeof(c));
	c.mechanism = KT_SASL_SCRAM_SHA_256;
	c.mechanism_name = "SCRAM-SHA-256";
	c.username = (char *)"user";
	c.password = (char *)"pencil";
	s = kt_sasl_session_new_nonce(&c, "fuzz", &err);
	if (!s)
		abort();
	kt_buf_init(&out, 1 << 16);
	if (kt_sasl_session_step(s, NULL, 0, &out, &err) != KT_SASL_SEND)
		abort();
	kt_buf_reset(&out);
	err.msg[0] = '\0';
	rc = kt_sasl_session_step(s, data, first, &out, &err);
	check(rc, &err);
	if (rc == KT_SASL_SEND && nl) {
		err.msg[0] = '\0';
		rc = kt_sasl_session_step(s, nl + 1, size - first - 1, &out,
					  &err);
		check(rc, &err);
	}
	kt_buf_release_wipe(&out);
	kt_sasl_session_free(s);
}

static void jaas(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct kt_jaas j;
	struct kt_err err;

	if (!text)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	err.msg[0] = '\0';
	check(kt_jaas_parse(text, &j, &err), &err);
	kt_jaas_release(&j);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 8192)
		return 0;
	decoders(data, size);
	scram(data, size);
	jaas(data, size);
	return 0;
}
