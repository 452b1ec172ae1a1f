/*
 * sasl/sasl_int.h - what sasl.c (configuration, PLAIN, OAUTHBEARER, the
 * dispatch), scram.c (SCRAM) and oidc.c (the OIDC login) share: the
 * session struct and the string helpers.
 */
#ifndef KT_SASL_SASL_INT_H
#define KT_SASL_SASL_INT_H

#include "sasl/sasl.h"

#include <stdbool.h>

/* A copy of s (NULL for NULL) unless *r already holds an error; on
 * ENOMEM *r and err are set. For chains of copies checked once. */
char *kt_sasl_dup(const char *s, int *r, struct kt_err *err);

/* Wipe s (it may be a secret) and free it. NULL is fine. */
void kt_sasl_wipe_str(char *s);

/* SCRAM's client nonce: 24 base64 characters of 18 random bytes, or a
 * fixed one for tests. */
#define KT_SCRAM_NONCE_MAX 128

struct kt_scram {
	char nonce[KT_SCRAM_NONCE_MAX + 1];
	char *client_first_bare; /* "n=user,r=nonce" */
	char *auth_message;	 /* client-first-bare,server-first,final */
	unsigned char salted[64];
	size_t md_len; /* 32 or 64 */
};

struct kt_sasl_session {
	const struct kt_sasl_conf *conf;
	int step;
	bool oauth_error; /* the broker sent OAUTHBEARER's error JSON */
	struct kt_scram scram;
};

/* Start sc for SCRAM mechanism m with nonce (NULL: a random one). Returns
 * 0 or a negative KT_E* (err filled). */
int kt_scram_init(struct kt_scram *sc, enum kt_sasl_mechanism m,
		  const char *nonce, struct kt_err *err);
int kt_scram_step(struct kt_sasl_session *s, const uint8_t *in, size_t len,
		  struct kt_buf *out, struct kt_err *err);
void kt_scram_release(struct kt_scram *sc);

#endif
