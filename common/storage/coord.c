/*
 * storage/coord.c - decoders of the records of Kafka's internal topics into the
 * text Apache Kafka's kafka-dump-log prints (DumpLogSegments, 4.3.1).
 *
 * A schema interpreter: coord_schema.c describes every message; this file
 * reads a message with Kafka's message encoding (classic, or flexible with
 * tagged fields, KIP-482) at a version and writes the JSON that Kafka's
 * generated *JsonConverter.write builds and Jackson prints: compact, fields
 * in declaration order, fields absent from the version left out, tagged
 * fields only when they differ from their default, numbers as numbers,
 * UUIDs as Kafka's base64 text, bytes as standard base64.
 *
 * It reads the way Kafka's generated read() does, so that the same bytes
 * fail the same way: a tagged field of a known tag is read from the stream
 * whatever its size says, unknown tags are skipped by size, bytes after the
 * message are ignored (the coordinator serde does not look at them), and
 * lengths are Java ints. On a failure it records the message of the Java
 * exception, which Apache prints in its "Error at offset ..." line.
 *
 * Record layouts: storage.md §9-§11 (coordinator records: int16 type + key,
 * int16 version + value; metadata records: uvarint frame version 1, uvarint
 * type, uvarint version, message). Output forms: tools.md §5.6.
 */
#include "storage/coord.h"
#include "storage/coord_schema.h"

#include <math.h>
#include <stdarg.h>

#define MAX_DEPTH 32

struct cctx {
	char *jmsg; /* Java exception message of the first failure */
	size_t jlen;
	int flags;
	size_t max; /* ceiling of temporary buffers */
	int depth;
	bool ver_ok; /* the version is one the message supports */
	int ver;     /* that version, as given */
};

static int jfail(struct cctx *c, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int jfail(struct cctx *c, int code, const char *fmt, ...)
{
	va_list ap;

	if (c->jmsg && c->jlen && !c->jmsg[0]) {
		va_start(ap, fmt);
		vsnprintf(c->jmsg, c->jlen, fmt, ap);
		va_end(ap);
	}
	return -code;
}

/* A buffer underflow in Java: BufferUnderflowException has no message, so
 * Kafka prints "null". */
static int underflow(struct cctx *c)
{
	return jfail(c, KT_ETRUNC, "null");
}

static int need(struct cctx *c, struct kt_reader *r, size_t n)
{
	if (r->left < n)
		return underflow(c);
	return 0;
}

/* Java's ByteUtils.readUnsignedVarint: up to 5 bytes, the result is a Java
 * int (values of 2^31 and more come out negative). */
static int rd_uvarint(struct cctx *c, struct kt_reader *r, int32_t *v)
{
	uint32_t res = 0;
	int i;

	for (i = 0; i < 5; i++) {
		uint8_t b;

		if (need(c, r, 1))
			return -KT_ETRUNC;
		b = r->p[0];
		kt_read_skip(r, 1);
		if (i == 4) {
			res |= (uint32_t)b << 28;
			if (b & 0x80)
				return jfail(c, KT_EVARINT,
					     "Varint is too long, the most "
					     "significant bit in the 5th byte "
					     "is set, converted value: %x",
					     (unsigned)(res | 0xF0000000u));
			break;
		}
		res |= (uint32_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80))
			break;
	}
	*v = (int32_t)res;
	return 0;
}

static int rd_fixed(struct cctx *c, struct kt_reader *r, size_t n, uint64_t *v)
{
	size_t i;

	if (need(c, r, n))
		return -KT_ETRUNC;
	*v = 0;
	for (i = 0; i < n; i++)
		*v = *v << 8 | r->p[i];
	kt_read_skip(r, n);
	return 0;
}

/* A length prefix: compact (uvarint - 1) or classic (int16 / int32). */
static int rd_len(struct cctx *c, struct kt_reader *r, bool flex, size_t size,
		  int32_t *len)
{
	uint64_t v;
	int32_t u;

	if (flex) {
		if (rd_uvarint(c, r, &u))
			return -KT_ETRUNC;
		*len = (int32_t)((uint32_t)u - 1u);
		return 0;
	}
	if (rd_fixed(c, r, size, &v))
		return -KT_ETRUNC;
	*len = size == 2 ? (int16_t)(uint16_t)v : (int32_t)(uint32_t)v;
	return 0;
}

/* ------------------------------------------------------------------ */
/* JSON text as Jackson writes it */

static const char hexd[] = "0123456789ABCDEF";

static void put_cp(struct kt_buf *b, uint32_t cp, const uint8_t *raw, size_t n)
{
	if (cp >= 0x80) {
		kt_buf_put(b, raw, n);
		return;
	}
	switch (cp) {
	case '"':
		kt_buf_put(b, "\\\"", 2);
		return;
	case '\\':
		kt_buf_put(b, "\\\\", 2);
		return;
	case '\b':
		kt_buf_put(b, "\\b", 2);
		return;
	case '\t':
		kt_buf_put(b, "\\t", 2);
		return;
	case '\n':
		kt_buf_put(b, "\\n", 2);
		return;
	case '\f':
		kt_buf_put(b, "\\f", 2);
		return;
	case '\r':
		kt_buf_put(b, "\\r", 2);
		return;
	}
	if (cp < 0x20) {
		char e[6] = {'\\', 'u', '0', '0', hexd[cp >> 4], hexd[cp & 15]};

		kt_buf_put(b, e, sizeof(e));
		return;
	}
	kt_buf_put(b, raw, 1);
}

static bool cont(uint8_t b)
{
	return (b & 0xc0) == 0x80;
}

static const uint8_t repl[3] = {0xef, 0xbf, 0xbd}; /* U+FFFD */

void kt_coord_json_str(struct kt_buf *b, const uint8_t *p, size_t n)
{
	size_t i = 0;

	kt_buf_put(b, "\"", 1);
	/*
	 * Java 17's String(byte[], UTF_8) decoder: a valid sequence is one
	 * character; a malformed one becomes one U+FFFD, and how many bytes
	 * it swallows follows the JDK's rules (malformed3/malformed4), not
	 * Unicode's maximal-subpart rule.
	 */
	while (i < n) {
		uint8_t b1 = p[i];

		if (b1 < 0x80) {
			put_cp(b, b1, p + i, 1);
			i++;
		} else if (b1 >= 0xc2 && b1 <= 0xdf) {
			if (i + 1 < n && cont(p[i + 1])) {
				kt_buf_put(b, p + i, 2);
				i += 2;
			} else if (i + 1 < n) {
				kt_buf_put(b, repl, 3);
				i++;
			} else {
				kt_buf_put(b, repl, 3);
				i = n;
			}
		} else if (b1 >= 0xe0 && b1 <= 0xef) {
			if (i + 2 < n) {
				uint8_t b2 = p[i + 1], b3 = p[i + 2];

				if ((b1 == 0xe0 && (b2 & 0xe0) == 0x80) ||
				    !cont(b2) || !cont(b3)) {
					kt_buf_put(b, repl, 3);
					i += ((b1 == 0xe0 &&
					       (b2 & 0xe0) == 0x80) ||
					      !cont(b2))
						     ? 1
						     : 2;
				} else {
					/* surrogates (ED A0..BF) are one
					 * replacement for all 3 bytes */
					if (b1 == 0xed && b2 >= 0xa0)
						kt_buf_put(b, repl, 3);
					else
						kt_buf_put(b, p + i, 3);
					i += 3;
				}
			} else if (i + 1 < n &&
				   ((b1 == 0xe0 && (p[i + 1] & 0xe0) == 0x80) ||
				    !cont(p[i + 1]))) {
				kt_buf_put(b, repl, 3);
				i++;
			} else {
				kt_buf_put(b, repl, 3);
				i = n;
			}
		} else if (b1 >= 0xf0 && b1 <= 0xf7) {
			if (i + 3 < n) {
				uint8_t b2 = p[i + 1], b3 = p[i + 2],
					b4 = p[i + 3];
				uint32_t uc = (uint32_t)(b1 & 7) << 18 |
					      (uint32_t)(b2 & 0x3f) << 12 |
					      (uint32_t)(b3 & 0x3f) << 6 |
					      (b4 & 0x3f);

				if (!cont(b2) || !cont(b3) || !cont(b4) ||
				    uc < 0x10000 || uc > 0x10ffff) {
					kt_buf_put(b, repl, 3);
					if (b1 > 0xf4 ||
					    (b1 == 0xf0 &&
					     (b2 < 0x90 || b2 > 0xbf)) ||
					    (b1 == 0xf4 &&
					     (b2 & 0xf0) != 0x80) ||
					    !cont(b2))
						i += 1;
					else if (!cont(b3))
						i += 2;
					else
						i += 3;
				} else {
					kt_buf_put(b, p + i, 4);
					i += 4;
				}
			} else {
				uint8_t b2;

				kt_buf_put(b, repl, 3);
				i++;
				if (b1 > 0xf4 || i >= n)
					continue;
				b2 = p[i];
				if ((b1 == 0xf0 && (b2 < 0x90 || b2 > 0xbf)) ||
				    (b1 == 0xf4 && (b2 & 0xf0) != 0x80) ||
				    !cont(b2))
					continue;
				i++;
				if (i < n && !cont(p[i]))
					continue;
				i = n;
			}
		} else {
			kt_buf_put(b, repl, 3);
			i++;
		}
	}
	kt_buf_put(b, "\"", 1);
}

void kt_coord_json_double(struct kt_buf *b, double d)
{
	char s[40], digits[24];
	int prec, exp10, nd = 0;
	const char *q;

	if (isnan(d)) {
		kt_buf_puts(b, "\"NaN\"");
		return;
	}
	if (isinf(d)) {
		kt_buf_puts(b, d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
		return;
	}
	if (d == 0) {
		kt_buf_puts(b, signbit(d) ? "-0.0" : "0.0");
		return;
	}
	if (d < 0) {
		kt_buf_put(b, "-", 1);
		d = -d;
	}
	/*
	 * The shortest decimal of at least 2 digits that reads back as d,
	 * correctly rounded (Java 19+'s Double.toString: 4.9E-324, not 5E-324).
	 * Java 17's older algorithm may print one digit more in rare cases.
	 */
	for (prec = 2; prec <= 17; prec++) {
		snprintf(s, sizeof(s), "%.*e", prec - 1, d);
		if (strtod(s, NULL) == d)
			break;
	}
	for (q = s; *q && *q != 'e'; q++)
		if (*q >= '0' && *q <= '9')
			digits[nd++] = *q;
	exp10 = (int)strtol(q + 1, NULL, 10);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = 0;
	if (d >= 1e-3 && d < 1e7) {
		int i;

		if (exp10 >= 0) {
			for (i = 0; i <= exp10; i++)
				kt_buf_put(b, i < nd ? &digits[i] : "0", 1);
			kt_buf_put(b, ".", 1);
			if (nd > exp10 + 1)
				kt_buf_put(b, digits + exp10 + 1,
					   (size_t)(nd - exp10 - 1));
			else
				kt_buf_put(b, "0", 1);
		} else {
			kt_buf_put(b, "0.", 2);
			for (i = 0; i < -exp10 - 1; i++)
				kt_buf_put(b, "0", 1);
			kt_buf_put(b, digits, (size_t)nd);
		}
		return;
	}
	kt_buf_put(b, digits, 1);
	kt_buf_put(b, ".", 1);
	if (nd > 1)
		kt_buf_put(b, digits + 1, (size_t)nd - 1);
	else
		kt_buf_put(b, "0", 1);
	kt_buf_printf(b, "E%d", exp10);
}

void kt_coord_base64(struct kt_buf *b, const uint8_t *p, size_t n)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrs"
				 "tuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		char o[4] = {al[p[i] >> 2], al[(p[i] & 3) << 4 | p[i + 1] >> 4],
			     al[(p[i + 1] & 15) << 2 | p[i + 2] >> 6],
			     al[p[i + 2] & 63]};

		kt_buf_put(b, o, 4);
	}
	if (n - i == 1) {
		char o[4] = {al[p[i] >> 2], al[(p[i] & 3) << 4], '=', '='};

		kt_buf_put(b, o, 4);
	} else if (n - i == 2) {
		char o[4] = {al[p[i] >> 2], al[(p[i] & 3) << 4 | p[i + 1] >> 4],
			     al[(p[i + 1] & 15) << 2], '='};

		kt_buf_put(b, o, 4);
	}
}

/* ------------------------------------------------------------------ */
/* the interpreter */

/* Versions outside a message's range are read the way Kafka's generated
 * code reads them: its checks are "version >= N" (and "<= M" for removed
 * fields), so clamping to the supported range gives the same answers. */
static bool in(int v, int lo, int hi)
{
	return v >= lo && v <= hi;
}

static int dec_struct(struct cctx *c, const struct kt_cstruct *s, int ver,
		      bool flex, struct kt_reader *r, struct kt_buf *out,
		      bool *is_def, bool consumer);

/* What dec_field does besides the schema, for GroupMetadataValue. */
enum {
	HOOK_NONE,
	HOOK_SUBSCRIPTION, /* bytes holding a ConsumerProtocolSubscription */
	HOOK_ASSIGNMENT,   /* bytes holding a ConsumerProtocolAssignment */
	HOOK_MEMBERS,	   /* elements are members of a "consumer" group */
};

static int dec_consumer_bytes(struct cctx *c, const struct kt_cmsg *m,
			      struct kt_bytes v, struct kt_buf *out);

/* One value of f's type (an array element or the field itself). */
static int dec_value(struct cctx *c, const struct kt_cfield *f, int ver,
		     bool flex, bool nullable, struct kt_reader *r,
		     struct kt_buf *out, bool *is_def, int hook)
{
	uint64_t u = 0;
	int64_t x = 0;
	int32_t len;
	const uint8_t *p;

	switch (f->type) {
	case KT_CT_BOOL:
	case KT_CT_I8:
		if (rd_fixed(c, r, 1, &u))
			return -KT_ETRUNC;
		if (f->type == KT_CT_BOOL) {
			kt_buf_puts(out, u ? "true" : "false");
			*is_def = (u != 0) == (f->def != 0);
			return 0;
		}
		x = (int8_t)(uint8_t)u;
		break;
	case KT_CT_I16:
		if (rd_fixed(c, r, 2, &u))
			return -KT_ETRUNC;
		x = (int16_t)(uint16_t)u;
		break;
	case KT_CT_U16:
		if (rd_fixed(c, r, 2, &u))
			return -KT_ETRUNC;
		x = (int64_t)u;
		break;
	case KT_CT_I32:
		if (rd_fixed(c, r, 4, &u))
			return -KT_ETRUNC;
		x = (int32_t)(uint32_t)u;
		break;
	case KT_CT_U32:
		if (rd_fixed(c, r, 4, &u))
			return -KT_ETRUNC;
		x = (int64_t)u;
		break;
	case KT_CT_I64:
		if (rd_fixed(c, r, 8, &u))
			return -KT_ETRUNC;
		x = (int64_t)u;
		break;
	case KT_CT_F64: {
		double d;

		if (rd_fixed(c, r, 8, &u))
			return -KT_ETRUNC;
		memcpy(&d, &u, sizeof(d));
		kt_coord_json_double(out, d);
		*is_def = d == (double)f->def;
		return 0;
	}
	case KT_CT_UUID: {
		struct kt_uuid id;
		char txt[23];

		if (need(c, r, 16))
			return -KT_ETRUNC;
		kt_read_uuid(r, &id);
		kt_uuid_str(&id, txt);
		kt_buf_put(out, "\"", 1);
		kt_buf_puts(out, txt);
		kt_buf_put(out, "\"", 1);
		*is_def = kt_uuid_is_zero(&id);
		return 0;
	}
	case KT_CT_STR:
	case KT_CT_BYTES:
		if (rd_len(c, r, flex, f->type == KT_CT_STR ? 2 : 4, &len))
			return -KT_ETRUNC;
		if (len < 0) {
			if (!nullable)
				return jfail(c, KT_EBADLEN,
					     "non-nullable field %s was "
					     "serialized as null",
					     f->name);
			kt_buf_puts(out, "null");
			*is_def = f->def == 1;
			return 0;
		}
		if (f->type == KT_CT_STR && len > 0x7fff)
			return jfail(c, KT_EBADLEN,
				     "string field %s had invalid length %d",
				     f->name, (int)len);
		if ((size_t)len > r->left)
			return jfail(c, KT_ETRUNC,
				     "Error reading byte array of %d byte(s): "
				     "only %zu byte(s) available",
				     (int)len, r->left);
		kt_read_raw(r, (size_t)len, &p);
		if (f->type == KT_CT_STR) {
			kt_coord_json_str(out, p, (size_t)len);
			*is_def =
				f->def != 1 &&
				strlen(f->sdef ? f->sdef : "") == (size_t)len &&
				(len == 0 ||
				 memcmp(p, f->sdef, (size_t)len) == 0);
			return 0;
		}
		*is_def = f->def != 1 && len == 0;
		if (hook == HOOK_SUBSCRIPTION || hook == HOOK_ASSIGNMENT) {
			struct kt_bytes v = {p, (size_t)len};

			return dec_consumer_bytes(
				c,
				hook == HOOK_SUBSCRIPTION
					? &kt_coord_msg_consumer_protocol_subscription
					: &kt_coord_msg_consumer_protocol_assignment,
				v, out);
		}
		kt_buf_put(out, "\"", 1);
		kt_coord_base64(out, p, (size_t)len);
		kt_buf_put(out, "\"", 1);
		return 0;
	case KT_CT_STRUCT:
		if (nullable) {
			/* a nullable struct starts with a presence marker:
			 * a uvarint, 0 for null, when flexible; an int8,
			 * negative for null, when not */
			int32_t mark;

			if (flex) {
				if (rd_uvarint(c, r, &mark))
					return -KT_ETRUNC;
			} else {
				if (rd_fixed(c, r, 1, &u))
					return -KT_ETRUNC;
				mark = (int8_t)(uint8_t)u < 0 ? 0 : 1;
			}
			if (mark <= 0) {
				kt_buf_puts(out, "null");
				*is_def = f->def == 1;
				return 0;
			}
		}
		/* Kafka's generated code checks the version only in the
		 * constructors of nested structs */
		if (!c->ver_ok)
			return jfail(c, KT_EUNSUPPORTED,
				     "Can't read version %d of %s", c->ver,
				     f->name);
		{
			int rc = dec_struct(c, f->sub, ver, flex, r, out,
					    is_def, hook == HOOK_MEMBERS);

			if (rc)
				return rc;
			if (f->def == 1)
				*is_def = false;
			return 0;
		}
	default:
		return jfail(c, KT_EINVAL, "unknown field type");
	}
	kt_buf_printf(out, "%lld", (long long)x);
	*is_def = x == f->def;
	return 0;
}

/* A field at version ver: an array or a single value. */
static int dec_field(struct cctx *c, const struct kt_cfield *f, int ver,
		     bool flex, struct kt_reader *r, struct kt_buf *out,
		     bool *is_def, int hook)
{
	bool nullable = in(ver, f->nmin, f->nmax);
	int32_t n, i;
	int rc;

	if (!f->array)
		return dec_value(c, f, ver, flex, nullable, r, out, is_def,
				 hook);
	if (rd_len(c, r, flex, 4, &n))
		return -KT_ETRUNC;
	if (n < 0) {
		if (!nullable)
			return jfail(c, KT_EBADLEN,
				     "non-nullable field %s was serialized as "
				     "null",
				     f->name);
		kt_buf_puts(out, "null");
		*is_def = f->def == 1;
		return 0;
	}
	if ((size_t)n > r->left)
		return jfail(c, KT_EBADLEN,
			     "Tried to allocate a collection of size %d, but "
			     "there are only %zu bytes remaining.",
			     (int)n, r->left);
	kt_buf_put(out, "[", 1);
	for (i = 0; i < n; i++) {
		bool d;

		if (i)
			kt_buf_put(out, ",", 1);
		/* elements are never null, whatever the array is */
		rc = dec_value(c, f, ver, flex, false, r, out, &d, hook);
		if (rc)
			return rc;
	}
	kt_buf_put(out, "]", 1);
	*is_def = f->def != 1 && n == 0;
	return 0;
}

/* Write "name":text into out, with a comma unless first. */
static void put_member(struct kt_buf *out, bool *first, const char *name,
		       const uint8_t *text, size_t n)
{
	if (!*first)
		kt_buf_put(out, ",", 1);
	*first = false;
	kt_buf_put(out, "\"", 1);
	kt_buf_puts(out, name);
	kt_buf_put(out, "\":", 2);
	kt_buf_put(out, text, n);
}

static int dec_struct(struct cctx *c, const struct kt_cstruct *s, int ver,
		      bool flex, struct kt_reader *r, struct kt_buf *out,
		      bool *is_def, bool consumer)
{
	struct kt_buf *vals;
	bool *set, *defs, first = true, consumer_group = false;
	size_t i;
	int rc = 0;
	int32_t ntags, t;

	if (++c->depth > MAX_DEPTH) {
		c->depth--;
		return jfail(c, KT_ETOOBIG, "structures nested too deep");
	}
	/* one text per field, because tagged fields are read at the end of
	 * the struct but printed in declaration order */
	vals = calloc(s->n ? s->n : 1, sizeof(*vals));
	set = calloc(s->n ? s->n : 1, 2 * sizeof(*set));
	if (!vals || !set) {
		free(vals);
		free(set);
		c->depth--;
		return jfail(c, KT_ENOMEM, "out of memory");
	}
	defs = set + s->n;
	*is_def = true;
	for (i = 0; i < s->n; i++)
		kt_buf_init(&vals[i], c->max);

	for (i = 0; i < s->n; i++) {
		const struct kt_cfield *f = &s->f[i];
		int cm = 0;

		if (!in(ver, f->vmin, f->vmax) ||
		    (flex && f->tag >= 0 && in(ver, f->tmin, f->tmax)))
			continue;
		/* GroupMetadataValue: members' subscription and assignment
		 * of a "consumer" group (DumpLogSegments.OffsetsMessageParser)
		 */
		if (consumer && f->type == KT_CT_BYTES && !f->array) {
			if (strcmp(f->name, "subscription") == 0)
				cm = HOOK_SUBSCRIPTION;
			else if (strcmp(f->name, "assignment") == 0)
				cm = HOOK_ASSIGNMENT;
		}
		if (consumer_group && f->type == KT_CT_STRUCT && f->array &&
		    strcmp(f->name, "members") == 0)
			cm = HOOK_MEMBERS;
		rc = dec_field(c, f, ver, flex, r, &vals[i], &defs[i], cm);
		if (rc)
			goto out_free;
		set[i] = true;
		if (c->flags & KT_COORD_CONSUMER_PROTOCOL && c->depth == 1 &&
		    strcmp(f->name, "protocolType") == 0 &&
		    kt_bytes_eq((struct kt_bytes){vals[i].p, vals[i].len},
				"\"consumer\""))
			consumer_group = true;
	}
	if (flex) {
		if (rd_uvarint(c, r, &ntags)) {
			rc = -KT_ETRUNC;
			goto out_free;
		}
		for (t = 0; t < ntags; t++) {
			int32_t tag, size;
			const struct kt_cfield *f = NULL;

			if (rd_uvarint(c, r, &tag) || rd_uvarint(c, r, &size)) {
				rc = -KT_ETRUNC;
				goto out_free;
			}
			for (i = 0; i < s->n; i++)
				if (s->f[i].tag >= 0 && s->f[i].tag == tag) {
					f = &s->f[i];
					break;
				}
			if (!f) {
				/* unknown tag: kept raw by Kafka, so the
				 * struct is no longer equal to a default one */
				if (size < 0 || (size_t)size > r->left) {
					rc = jfail(
						c, KT_ETRUNC,
						"Error reading byte array of "
						"%d byte(s): only %zu "
						"byte(s) available",
						(int)size, r->left);
					goto out_free;
				}
				kt_read_skip(r, (size_t)size);
				*is_def = false;
				continue;
			}
			if (!in(ver, f->tmin, f->tmax) ||
			    !in(ver, f->vmin, f->vmax)) {
				rc = jfail(c, KT_EPROTO,
					   "Tag %d is not valid for version %d",
					   (int)tag, ver);
				goto out_free;
			}
			kt_buf_reset(&vals[i]);
			rc = dec_field(c, f, ver, flex, r, &vals[i], &defs[i],
				       0);
			if (rc)
				goto out_free;
			set[i] = true;
		}
	}

	kt_buf_put(out, "{", 1);
	for (i = 0; i < s->n; i++) {
		const struct kt_cfield *f = &s->f[i];

		if (!in(ver, f->vmin, f->vmax))
			continue;
		if (vals[i].err) {
			rc = vals[i].err;
			goto out_free;
		}
		if (flex && f->tag >= 0 && in(ver, f->tmin, f->tmax)) {
			/* tagged: printed only when not the default */
			if (!set[i] || defs[i])
				continue;
		}
		if (set[i] && !defs[i])
			*is_def = false;
		put_member(out, &first, f->name, vals[i].p, vals[i].len);
	}
	kt_buf_put(out, "}", 1);

out_free:
	for (i = 0; i < s->n; i++)
		kt_buf_release(&vals[i]);
	free(vals);
	free(set);
	c->depth--;
	return rc;
}

/* A member's ConsumerProtocol bytes: int16 version + message, printed as
 * the message's JSON at that version; anything that does not decode stays
 * the base64 text, as DumpLogSegments.replaceField does. */
static int dec_consumer_bytes(struct cctx *c, const struct kt_cmsg *m,
			      struct kt_bytes v, struct kt_buf *out)
{
	struct kt_reader r;
	struct kt_buf tmp;
	struct cctx sub = {NULL, 0, 0, c->max, c->depth, true, 0};
	int16_t ver;
	int rc;

	kt_reader_init(&r, v.p, v.len);
	kt_buf_init(&tmp, c->max);
	if (kt_read_i16(&r, &ver) == 0) {
		int cv = ver < m->vmin	 ? m->vmin
			 : ver > m->vmax ? m->vmax
					 : ver;
		bool d;

		sub.ver_ok = cv == ver;
		sub.ver = ver;

		rc = dec_struct(&sub, m->s, cv, cv >= m->flex, &r, &tmp, &d,
				false);
		if (rc == 0 && tmp.err == 0) {
			kt_buf_put(out, tmp.p, tmp.len);
			kt_buf_release(&tmp);
			return 0;
		}
		if (rc == -KT_ENOMEM || tmp.err) {
			rc = tmp.err ? tmp.err : rc;
			kt_buf_release(&tmp);
			return jfail(c, -rc, "out of memory");
		}
	}
	kt_buf_release(&tmp);
	kt_buf_put(out, "\"", 1);
	kt_coord_base64(out, v.p, v.len);
	kt_buf_put(out, "\"", 1);
	return 0;
}

static int msg_json(struct cctx *c, const struct kt_cmsg *m, int version,
		    struct kt_reader *r, struct kt_buf *out)
{
	int cv = version < m->vmin   ? m->vmin
		 : version > m->vmax ? m->vmax
				     : version;
	bool d;
	int rc;

	c->depth = 0;
	c->ver_ok = cv == version;
	c->ver = version;
	rc = dec_struct(c, m->s, cv, cv >= m->flex, r, out, &d, false);
	if (rc == 0 && out->err)
		rc = out->err;
	return rc;
}

int kt_coord_msg_json(const struct kt_cmsg *m, int version, int flags,
		      struct kt_reader *r, struct kt_buf *out, char *jmsg,
		      size_t jmsg_len)
{
	struct cctx c = {jmsg, jmsg_len, flags, out->max, 0, true, 0};

	if (jmsg && jmsg_len)
		jmsg[0] = 0;
	return msg_json(&c, m, version, r, out);
}

/* ------------------------------------------------------------------ */
/* records */

void kt_coord_out_init(struct kt_coord_out *o, size_t max)
{
	kt_buf_init(&o->key, max);
	kt_buf_init(&o->value, max);
	o->has_key = false;
	o->has_value = false;
}

void kt_coord_out_release(struct kt_coord_out *o)
{
	kt_buf_release(&o->key);
	kt_buf_release(&o->value);
	o->has_key = false;
	o->has_value = false;
}

static void out_reset(struct kt_coord_out *o)
{
	kt_buf_reset(&o->key);
	kt_buf_reset(&o->value);
	o->has_key = false;
	o->has_value = false;
}

/* An output buffer failed: nothing is printed for the record. */
static int out_failed(struct kt_coord_out *o, int64_t offset,
		      struct kt_err *err)
{
	int code = o->key.err ? -o->key.err : -o->value.err;

	out_reset(o);
	return kt_err_set(err, code, "record at offset %lld: output: %s",
			  (long long)offset, kt_strerror(code));
}

static int out_check(struct kt_coord_out *o, int rc, int64_t offset,
		     struct kt_err *err)
{
	if (o->key.err || o->value.err)
		return out_failed(o, offset, err);
	return rc;
}

/* Apache's skip text for a record whose bytes do not decode. */
static int coord_error(struct kt_coord_out *o, int code, int64_t offset,
		       const char *jmsg, struct kt_err *err)
{
	out_reset(o);
	o->has_key = true;
	kt_buf_printf(&o->key, "Error at offset %lld, skipping. %s",
		      (long long)offset, jmsg);
	if (o->key.err)
		return out_failed(o, offset, err);
	return kt_err_set(err, code, "record at offset %lld: %s",
			  (long long)offset, jmsg);
}

const struct kt_crec *kt_crec_find(const struct kt_crec *recs, size_t n,
				   int16_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (recs[i].id == id)
			return &recs[i];
	return NULL;
}

/*
 * CoordinatorRecordSerde.deserialize and DumpLogSegments'
 * CoordinatorRecordMessageParser: int16 record type, the key message (read
 * at version 0 whatever the type), then for a non-null value its int16
 * version, checked against the value's versions, and the value message.
 */
static int coord_format(const struct kt_crec *recs, size_t nrecs, int flags,
			struct kt_bytes key, struct kt_bytes value,
			int64_t offset, struct kt_coord_out *o,
			struct kt_err *err)
{
	struct kt_reader r;
	const struct kt_crec *rec;
	struct cctx c;
	char jmsg[200], emsg[300];
	int16_t type, ver;
	int rc;

	out_reset(o);
	if (!key.p)
		return kt_err_set(err, KT_EINVAL,
				  "record at offset %lld has no key",
				  (long long)offset);
	kt_reader_init(&r, key.p, key.len);
	if (kt_read_i16(&r, &type))
		return coord_error(o, KT_ETRUNC, offset,
				   "Could not read version from key's buffer.",
				   err);
	rec = kt_crec_find(recs, nrecs, type);
	if (!rec) {
		o->has_key = true;
		kt_buf_printf(
			&o->key,
			"Unknown record type %d at offset %lld, skipping.",
			(int)type, (long long)offset);
		return out_check(o, KT_COORD_UNKNOWN, offset, err);
	}

	memset(&c, 0, sizeof(c));
	c.jmsg = jmsg;
	c.jlen = sizeof(jmsg);
	c.max = o->key.max;
	jmsg[0] = 0;
	kt_buf_printf(&o->key, "{\"type\":\"%d\",\"data\":", (int)type);
	rc = msg_json(&c, &rec->key, 0, &r, &o->key);
	if (rc == -KT_ENOMEM || rc == -KT_ETOOBIG || o->key.err)
		return out_failed(o, offset, err);
	if (rc) {
		snprintf(emsg, sizeof(emsg),
			 "Could not read record with version %d from key's "
			 "buffer due to: %s.",
			 (int)type, jmsg);
		return coord_error(o, -rc, offset, emsg, err);
	}
	kt_buf_put(&o->key, "}", 1);
	o->has_key = true;

	o->has_value = true;
	if (!value.p) {
		kt_buf_puts(&o->value, "<DELETE>");
		return out_check(o, 0, offset, err);
	}
	kt_reader_init(&r, value.p, value.len);
	if (kt_read_i16(&r, &ver))
		return coord_error(o, KT_ETRUNC, offset,
				   "Could not read version from value's "
				   "buffer.",
				   err);
	if (ver < rec->value.vmin || ver > rec->value.vmax) {
		snprintf(emsg, sizeof(emsg),
			 "Found an unknown record version %d for %d type",
			 (int)ver, (int)type);
		return coord_error(o, KT_EUNSUPPORTED, offset, emsg, err);
	}
	c.flags = flags;
	jmsg[0] = 0;
	kt_buf_printf(&o->value, "{\"version\":\"%d\",\"data\":", (int)ver);
	rc = msg_json(&c, &rec->value, ver, &r, &o->value);
	if (rc == -KT_ENOMEM || rc == -KT_ETOOBIG || o->value.err)
		return out_failed(o, offset, err);
	if (rc) {
		snprintf(emsg, sizeof(emsg),
			 "Could not read record with version %d from value's "
			 "buffer due to: %s.",
			 (int)ver, jmsg);
		return coord_error(o, -rc, offset, emsg, err);
	}
	kt_buf_put(&o->value, "}", 1);
	return out_check(o, 0, offset, err);
}

int kt_coord_offsets_format(struct kt_bytes key, struct kt_bytes value,
			    int64_t offset, struct kt_coord_out *out,
			    struct kt_err *err)
{
	return coord_format(kt_coord_group_recs, kt_coord_group_recs_len,
			    KT_COORD_CONSUMER_PROTOCOL, key, value, offset, out,
			    err);
}

int kt_coord_txn_format(struct kt_bytes key, struct kt_bytes value,
			int64_t offset, struct kt_coord_out *out,
			struct kt_err *err)
{
	return coord_format(kt_coord_txn_recs, kt_coord_txn_recs_len, 0, key,
			    value, offset, out, err);
}

int kt_coord_share_format(struct kt_bytes key, struct kt_bytes value,
			  int64_t offset, struct kt_coord_out *out,
			  struct kt_err *err)
{
	return coord_format(kt_coord_share_recs, kt_coord_share_recs_len, 0,
			    key, value, offset, out, err);
}

/* Apache's skip text for a metadata record that does not decode. */
static int meta_error(struct kt_coord_out *o, int code, int64_t offset,
		      const char *msg, struct kt_err *err)
{
	out_reset(o);
	o->has_value = true;
	kt_buf_printf(&o->value, "Error at %lld, skipping. %s",
		      (long long)offset, msg);
	if (o->value.err)
		return out_failed(o, offset, err);
	return kt_err_set(err, code, "metadata record at offset %lld: %s",
			  (long long)offset, msg);
}

/* AbstractApiMessageSerde.unsignedIntToShort: a uvarint that must fit a
 * short (a Java int above 32767 is refused; a negative one is cast). */
static int meta_short(struct cctx *c, struct kt_reader *r, const char *what,
		      int16_t *v, char *msg, size_t msglen)
{
	int32_t u;

	if (rd_uvarint(c, r, &u)) {
		snprintf(msg, msglen, "Error while reading %s", what);
		return -KT_ETRUNC;
	}
	if (u > 32767) {
		snprintf(msg, msglen, "Value for %s was too large.", what);
		return -KT_EBADLEN;
	}
	*v = (int16_t)u;
	return 0;
}

int kt_coord_frame_check(int16_t frame, char *msg, size_t cap)
{
	if (frame == 1)
		return 0;
	if (frame == 0)
		snprintf(
			msg, cap,
			"Could not deserialize metadata record with frame "
			"version 0. Note that upgrades from the preview "
			"release "
			"of KRaft in 2.8 to newer versions are not supported.");
	else
		snprintf(msg, cap,
			 "Could not deserialize metadata record due to unknown "
			 "frame version %d(only frame version 1 is supported)",
			 (int)frame);
	return -KT_EPROTO;
}

/*
 * MetadataRecordSerde (AbstractApiMessageSerde.read) and DumpLogSegments'
 * ClusterMetadataLogMessageParser: uvarint frame version (1), uvarint type,
 * uvarint version, the message, and nothing after it.
 */
int kt_coord_metadata_format(struct kt_bytes value, int64_t offset,
			     struct kt_coord_out *o, struct kt_err *err)
{
	struct kt_reader r;
	const struct kt_cmeta *rec = NULL;
	struct cctx c;
	char jmsg[200], msg[300];
	int16_t frame, type, ver;
	size_t i;
	int rc;

	out_reset(o);
	memset(&c, 0, sizeof(c));
	c.jmsg = jmsg;
	c.jlen = sizeof(jmsg);
	c.max = o->value.max;
	jmsg[0] = 0;
	if (!value.p)
		return meta_error(o, KT_EINVAL, offset,
				  "Error while reading frame version", err);
	kt_reader_init(&r, value.p, value.len);
	rc = meta_short(&c, &r, "frame version", &frame, msg, sizeof(msg));
	if (rc)
		return meta_error(o, -rc, offset, msg, err);
	rc = kt_coord_frame_check(frame, msg, sizeof(msg));
	if (rc)
		return meta_error(o, -rc, offset, msg, err);
	rc = meta_short(&c, &r, "type", &type, msg, sizeof(msg));
	if (!rc)
		rc = meta_short(&c, &r, "version", &ver, msg, sizeof(msg));
	if (rc)
		return meta_error(o, -rc, offset, msg, err);
	for (i = 0; i < kt_coord_meta_recs_len; i++)
		if (kt_coord_meta_recs[i].id == type)
			rec = &kt_coord_meta_recs[i];
	if (!rec) {
		snprintf(msg, sizeof(msg),
			 "org.apache.kafka.common.errors."
			 "UnsupportedVersionException: Unknown metadata id %d",
			 (int)type);
		return meta_error(o, KT_EUNSUPPORTED, offset, msg, err);
	}
	o->has_value = true;
	kt_buf_printf(&o->value,
		      "{\"type\":\"%s\",\"version\":%d,\"data\":", rec->type,
		      (int)ver);
	rc = msg_json(&c, &rec->m, ver, &r, &o->value);
	if (rc == -KT_ENOMEM || rc == -KT_ETOOBIG || o->value.err)
		return out_failed(o, offset, err);
	if (rc) {
		snprintf(msg, sizeof(msg),
			 "Failed to deserialize record with type %d",
			 (int)type);
		return meta_error(o, -rc, offset, msg, err);
	}
	if (r.left) {
		snprintf(msg, sizeof(msg),
			 "Found %zu byte(s) of garbage after %d", r.left,
			 (int)type);
		return meta_error(o, KT_EPROTO, offset, msg, err);
	}
	kt_buf_put(&o->value, "}", 1);
	return out_check(o, 0, offset, err);
}
