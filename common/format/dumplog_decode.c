/*
 * format/dumplog_decode.c - kafka-dump-log's --print-data-log decoders: the
 * key and value decoders (--key-decoder-class, --value-decoder-class: Kafka's
 * StringDecoder and friends) and the parsers of internal topics
 * (--offsets-decoder, --transaction-log-decoder, --cluster-metadata-decoder,
 * --remote-log-metadata-decoder, --share-group-state-decoder) over
 * storage/coord.c and storage/rlmm.c. Apache: DumpLogSegments' MessageParser
 * classes.
 */
#include "format/dumplog_int.h"

/* Jackson's escaping of a Java string in JSON (the text is UTF-8 from
 * kt_java_utf8 or plain ASCII). */
void kt_dl_put_json_str(struct kt_buf *b, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	struct kt_buf tmp;
	size_t i;

	kt_buf_init(&tmp, TEXT_MAX);
	kt_java_utf8(&tmp, p, n);
	kt_buf_put(b, "\"", 1);
	for (i = 0; i < tmp.len; i++) {
		uint8_t c = tmp.p[i];

		if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};

			kt_buf_put(b, e, 2);
		} else if (c < 0x20) {
			const char *s = NULL;
			char u[6] = {'\\', 'u',		'0',
				     '0',  hex[c >> 4], hex[c & 15]};

			switch (c) {
			case '\n':
				s = "\\n";
				break;
			case '\t':
				s = "\\t";
				break;
			case '\r':
				s = "\\r";
				break;
			case '\b':
				s = "\\b";
				break;
			case '\f':
				s = "\\f";
				break;
			}
			if (s)
				kt_buf_put(b, s, 2);
			else
				kt_buf_put(b, u, 6);
		} else {
			kt_buf_put(b, &c, 1);
		}
	}
	kt_buf_put(b, "\"", 1);
	kt_buf_release(&tmp);
}

int kt_dl_decoder_parse(const char *name, struct kt_err *err)
{
	static const struct {
		const char *suffix;
		int dec;
	} names[] = {
		{"StringDecoder", KT_DL_DEC_STRING},
		{"IntegerDecoder", KT_DL_DEC_INTEGER},
		{"LongDecoder", KT_DL_DEC_LONG},
		{"DefaultDecoder", KT_DL_DEC_DEFAULT},
	};
	static const char *const pkgs[] = {"org.apache.kafka.tools.api.",
					   "kafka.serializer."};
	size_t i, j;

	for (i = 0; i < 2; i++) {
		size_t pl = strlen(pkgs[i]);

		if (strncmp(name, pkgs[i], pl) != 0)
			continue;
		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			if (strcmp(name + pl, names[j].suffix) == 0)
				return names[j].dec;
	}
	return kt_err_set(err, KT_EINVAL,
			  "java.lang.RuntimeException: Failed to load decoder "
			  "class");
}

static int decode_one(int dec, struct kt_bytes v, struct kt_buf *out,
		      struct kt_err *err)
{
	switch (dec) {
	case KT_DL_DEC_INTEGER:
		if (v.len < 4)
			return kt_err_set(err, KT_ETRUNC,
					  "java.nio.BufferUnderflowException");
		put_i64(out, (int32_t)kt_be32(v.p));
		return 0;
	case KT_DL_DEC_LONG:
		if (v.len < 8)
			return kt_err_set(err, KT_ETRUNC,
					  "java.nio.BufferUnderflowException");
		put_i64(out, (int64_t)kt_be64(v.p));
		return 0;
	case KT_DL_DEC_DEFAULT: {
		/* Java prints the array's identity ("[B@1b6d3586"), which no
		 * two runs share; kafkit prints a stable stand-in: the
		 * CRC-32C of the bytes in hex. */
		kt_buf_printf(out, "[B@%x", kt_crc32c(0, v.p, v.len));
		return 0;
	}
	default:
		return kt_java_utf8(out, v.p, v.len);
	}
}

int kt_dl_builtin_parse(void *ctx, const struct kt_dl_record *rec,
			struct kt_dl_text *out, struct kt_err *err)
{
	const struct kt_dl_decoders *d = ctx;
	int rc;

	out->has_key = rec->key.p != NULL;
	out->has_value = rec->value.p != NULL;
	if (out->has_key) {
		rc = decode_one(d->key, rec->key, out->key, err);
		if (rc < 0)
			return rc;
	}
	if (out->has_value) {
		rc = decode_one(d->value, rec->value, out->value, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

void kt_dl_parser_builtin(struct kt_dl_parser *p,
			  const struct kt_dl_decoders *d)
{
	p->parse = kt_dl_builtin_parse;
	p->ctx = (void *)d;
}

/*
 * The coordinator decoders (coord.h, rlmm.h) as message parsers. Their
 * output buffers are the engine's key and value texts, lent for the call.
 *
 * What a decoder returns becomes what Apache's parser does: decoded text,
 * "Unknown record type ..." and "Error at ..., skipping." texts are
 * printed and the dump goes on; a coordinator record without a key makes
 * Java throw out of the tool (the dump stops); an output buffer that
 * fails stops it too.
 */
static int coord_parse(int which, const struct kt_dl_record *rec,
		       struct kt_dl_text *out, struct kt_err *err)
{
	struct kt_coord_out co;
	struct kt_err derr = {0};
	int rc;

	co.key = *out->key;
	co.value = *out->value;
	co.has_key = false;
	co.has_value = false;
	switch (which) {
	case KT_DL_COORD_OFFSETS:
		rc = kt_coord_offsets_format(rec->key, rec->value, rec->offset,
					     &co, &derr);
		break;
	case KT_DL_COORD_TRANSACTION_LOG:
		rc = kt_coord_txn_format(rec->key, rec->value, rec->offset, &co,
					 &derr);
		break;
	case KT_DL_COORD_SHARE_GROUP_STATE:
		rc = kt_coord_share_format(rec->key, rec->value, rec->offset,
					   &co, &derr);
		break;
	case KT_DL_COORD_CLUSTER_METADATA:
		rc = kt_coord_metadata_format(rec->value, rec->offset, &co,
					      &derr);
		break;
	default:
		rc = kt_rlmm_format(rec->value, rec->offset, &co, &derr);
		break;
	}
	*out->key = co.key;
	*out->value = co.value;
	out->has_key = co.has_key;
	out->has_value = co.has_value;
	if (rc >= 0 || co.has_key || co.has_value)
		return 0;
	if (rc == -KT_EINVAL && which != KT_DL_COORD_CLUSTER_METADATA &&
	    which != KT_DL_COORD_REMOTE_LOG_METADATA && !rec->key.p)
		return kt_err_set(
			err, KT_EINVAL,
			"java.lang.RuntimeException: " KT_COORD_MISSING_KEY_FMT,
			(long long)rec->offset);
	return kt_err_set(err, derr.code ? derr.code : -rc, "%s", derr.msg);
}

/* The decoder's enum kt_dl_coord, by itself: a parser's ctx points here. */
static const int coord_which[5] = {
	KT_DL_COORD_OFFSETS,	       KT_DL_COORD_TRANSACTION_LOG,
	KT_DL_COORD_CLUSTER_METADATA,  KT_DL_COORD_REMOTE_LOG_METADATA,
	KT_DL_COORD_SHARE_GROUP_STATE,
};

static int coord_parse_cb(void *ctx, const struct kt_dl_record *rec,
			  struct kt_dl_text *out, struct kt_err *err)
{
	return coord_parse(*(const int *)ctx, rec, out, err);
}

int kt_dl_parser_coord(struct kt_dl_parser *p, int which, struct kt_err *err)
{
	if (which < 0 || which >= 5)
		return kt_err_set(err, KT_EINVAL, "unknown decoder %d", which);
	p->parse = coord_parse_cb;
	p->ctx = (void *)&coord_which[which];
	return 0;
}
