/*
 * format/formatter.c - DefaultMessageFormatter and the built-in Java
 * deserializers of Apache's console consumer (tools.md §3.5-§3.6), byte for
 * byte.
 */
#include "format/formatter.h"
#include "java/jstring.h"
#include "admin/topicconf.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <strings.h>

#define SER_EXC "org.apache.kafka.common.errors.SerializationException: "
#define SER_PKG "org.apache.kafka.common.serialization."

static const struct {
	const char *name;
	enum kt_deser_kind kind;
} deser_names[] = {
	{"StringDeserializer", KT_DESER_STRING},
	{"ByteArrayDeserializer", KT_DESER_BYTE_ARRAY},
	{"ByteBufferDeserializer", KT_DESER_BYTE_BUFFER},
	{"BytesDeserializer", KT_DESER_BYTES},
	{"IntegerDeserializer", KT_DESER_INTEGER},
	{"LongDeserializer", KT_DESER_LONG},
	{"ShortDeserializer", KT_DESER_SHORT},
	{"DoubleDeserializer", KT_DESER_DOUBLE},
	{"FloatDeserializer", KT_DESER_FLOAT},
	{"UUIDDeserializer", KT_DESER_UUID},
	{"VoidDeserializer", KT_DESER_VOID},
	{"BooleanDeserializer", KT_DESER_BOOLEAN},
};

int kt_deserializer_lookup(const char *class_name, struct kt_deserializer *d,
			   struct kt_err *err)
{
	size_t i, plen = strlen(SER_PKG);

	memset(d, 0, sizeof(*d));
	if (strncmp(class_name, SER_PKG, plen) == 0)
		for (i = 0; i < sizeof(deser_names) / sizeof(deser_names[0]);
		     i++)
			if (strcmp(class_name + plen, deser_names[i].name) ==
			    0) {
				d->kind = deser_names[i].kind;
				return 0;
			}
	return kt_err_set(err, KT_ENOTFOUND,
			  "deserializer class '%s' is not available: kafkit "
			  "provides the built-in ones of " SER_PKG
			  "(String, ByteArray, ByteBuffer, Bytes, Integer, "
			  "Long, Short, Double, Float, UUID, Void, Boolean)",
			  class_name);
}

static enum kt_charset charset_of(const char *name)
{
	static const char *const utf8[] = {"UTF-8", "UTF8", "unicode-1-1-utf-8",
					   NULL};
	static const char *const latin1[] = {
		"ISO-8859-1", "ISO8859_1", "ISO_8859_1",  "ISO8859-1",
		"latin1",     "l1",	   "8859_1",	  "ISO_8859-1",
		"cp819",      "IBM819",	   "csISOLatin1", NULL};
	static const char *const ascii[] = {
		"US-ASCII", "ASCII", "ASCII7", "us", "iso646-us", "646", NULL};
	size_t i;

	for (i = 0; utf8[i]; i++)
		if (strcasecmp(name, utf8[i]) == 0)
			return KT_CHARSET_UTF8;
	for (i = 0; latin1[i]; i++)
		if (strcasecmp(name, latin1[i]) == 0)
			return KT_CHARSET_LATIN1;
	for (i = 0; ascii[i]; i++)
		if (strcasecmp(name, ascii[i]) == 0)
			return KT_CHARSET_ASCII;
	return KT_CHARSET_UNKNOWN;
}

void kt_deserializer_configure(struct kt_deserializer *d,
			       const struct kt_props *p,
			       const char *strip_prefix, bool is_key)
{
	const char *own = is_key ? "key.deserializer.encoding"
				 : "value.deserializer.encoding";
	const char *v = NULL;
	char name[256];
	int i;

	if (d->kind != KT_DESER_STRING && d->kind != KT_DESER_UUID)
		return;
	/* the formatter hands the deserializer its properties with
	 * strip_prefix removed; Java then looks the names up in that map */
	for (i = 0; i < 2 && !v; i++) {
		snprintf(name, sizeof(name), "%s%s", strip_prefix,
			 i == 0 ? own : "deserializer.encoding");
		v = kt_props_get(p, name);
	}
	if (!v)
		return;
	d->charset = charset_of(v);
	snprintf(d->charset_name, sizeof(d->charset_name), "%s", v);
}

static const uint8_t repl[3] = {0xEF, 0xBF, 0xBD};

/* --- Java number formatting ---------------------------------------------- */

/* Shortest decimal digits of v (finite, > 0) that read back as v:
 * digits in d (no dot), decimal exponent e such that v = 0.d * 10^e. */
static void shortest(double v, bool is_float, char *d, size_t dcap, int *e)
{
	char buf[64];
	int prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, v);
		if (is_float ? strtof(buf, NULL) == (float)v
			     : strtod(buf, NULL) == v)
			break;
	}
	{
		char *ep = strchr(buf, 'e');
		size_t k = 0;
		const char *s;

		*e = (int)strtol(ep + 1, NULL, 10) + 1;
		for (s = buf; s < ep && k + 1 < dcap; s++)
			if (isdigit((unsigned char)*s))
				d[k++] = *s;
		while (k > 1 && d[k - 1] == '0')
			k--;
		d[k] = 0;
	}
}

static int java_fp_str(struct kt_buf *out, double v, bool is_float)
{
	char d[32];
	int e, nd, i;

	if (isnan(v))
		return kt_buf_puts(out, "NaN");
	if (isinf(v))
		return kt_buf_puts(out, v < 0 ? "-Infinity" : "Infinity");
	if (signbit(v))
		kt_buf_put(out, "-", 1);
	v = fabs(v);
	if (v == 0)
		return kt_buf_puts(out, "0.0");
	shortest(v, is_float, d, sizeof(d), &e);
	nd = (int)strlen(d);
	if (v >= 1e-3 && v < 1e7) {
		if (e <= 0) {
			kt_buf_puts(out, "0.");
			for (i = 0; i < -e; i++)
				kt_buf_put(out, "0", 1);
			return kt_buf_put(out, d, (size_t)nd);
		}
		for (i = 0; i < e; i++)
			kt_buf_put(out, i < nd ? &d[i] : "0", 1);
		kt_buf_put(out, ".", 1);
		if (nd <= e)
			return kt_buf_put(out, "0", 1);
		return kt_buf_put(out, d + e, (size_t)(nd - e));
	}
	kt_buf_put(out, d, 1);
	kt_buf_put(out, ".", 1);
	if (nd > 1)
		kt_buf_put(out, d + 1, (size_t)(nd - 1));
	else
		kt_buf_put(out, "0", 1);
	return kt_buf_printf(out, "E%d", e - 1);
}

int kt_java_float_str(struct kt_buf *out, float v)
{
	return java_fp_str(out, v, true);
}

/* --- deserializers -------------------------------------------------------- */

static int size_err(struct kt_err *err, const char *cls, int want)
{
	return kt_err_set(err, KT_EINVAL,
			  SER_EXC "Size of data received by %s is not %d", cls,
			  want);
}

/* Decode data in charset cs into UTF-8 text (Java String then getBytes). */
static int decode_text(struct kt_buf *out, const struct kt_deserializer *d,
		       struct kt_bytes data)
{
	size_t i;

	switch (d->charset) {
	case KT_CHARSET_UTF8:
		return kt_java_utf8(out, data.p, data.len);
	case KT_CHARSET_LATIN1:
		for (i = 0; i < data.len; i++) {
			uint8_t c = data.p[i];

			if (c < 0x80) {
				kt_buf_put(out, &c, 1);
			} else {
				uint8_t two[2] = {(uint8_t)(0xC0 | (c >> 6)),
						  (uint8_t)(0x80 | (c & 0x3F))};
				kt_buf_put(out, two, 2);
			}
		}
		return out->err;
	case KT_CHARSET_ASCII:
		for (i = 0; i < data.len; i++) {
			if (data.p[i] < 0x80)
				kt_buf_put(out, &data.p[i], 1);
			else
				kt_buf_put(out, repl, sizeof(repl));
		}
		return out->err;
	default:
		return -KT_EINVAL;
	}
}

/* Long.parseLong(s, radix 16) over [b, e), then masked. */
static int parse_hex(const char *s, size_t b, size_t e, uint64_t *v)
{
	bool neg = false;
	uint64_t x = 0;
	size_t i = b;

	if (b >= e)
		return -1;
	if (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-';
		if (++i == e)
			return -1;
	}
	for (; i < e; i++) {
		int c = (unsigned char)s[i], dv;

		if (c >= '0' && c <= '9')
			dv = c - '0';
		else if (c >= 'a' && c <= 'f')
			dv = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			dv = c - 'A' + 10;
		else
			return -1;
		if (x > (UINT64_MAX >> 4))
			return -1;
		x = x << 4 | (uint64_t)dv;
		if (x > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
			return -1;
	}
	*v = neg ? (uint64_t)0 - x : x;
	return 0;
}

/* UUID.fromString (JDK 17), then UUID.toString. */
static int uuid_str(struct kt_buf *out, const char *s, size_t len,
		    struct kt_err *err)
{
	static const char hex[] = "0123456789abcdef";
	const char *why = NULL;
	long dash[5];
	uint64_t f[5], hi, lo;
	size_t i, k = 0;
	int j;

	if (len > 36) {
		why = "UUID string too large";
		goto fail;
	}
	for (i = 0; i < len && k < 5; i++)
		if (s[i] == '-')
			dash[k++] = (long)i;
	if (k != 4) {
		why = "Invalid UUID string: ";
		goto fail;
	}
	if (parse_hex(s, 0, (size_t)dash[0], &f[0]) ||
	    parse_hex(s, (size_t)dash[0] + 1, (size_t)dash[1], &f[1]) ||
	    parse_hex(s, (size_t)dash[1] + 1, (size_t)dash[2], &f[2]) ||
	    parse_hex(s, (size_t)dash[2] + 1, (size_t)dash[3], &f[3]) ||
	    parse_hex(s, (size_t)dash[3] + 1, len, &f[4])) {
		return kt_err_set(err, KT_EINVAL,
				  SER_EXC "Error parsing data into UUID\n"
					  "Caused by: "
					  "java.lang.NumberFormatException: "
					  "For input string: \"%.*s\"",
				  (int)len, s);
	}
	hi = (f[0] & 0xffffffffULL) << 32 | (f[1] & 0xffff) << 16 |
	     (f[2] & 0xffff);
	lo = (f[3] & 0xffff) << 48 | (f[4] & 0xffffffffffffULL);
	for (j = 60; j >= 0; j -= 4) {
		kt_buf_put(out, &hex[(hi >> j) & 15], 1);
		if (j == 32 || j == 16)
			kt_buf_put(out, "-", 1);
	}
	kt_buf_put(out, "-", 1);
	for (j = 60; j >= 0; j -= 4) {
		kt_buf_put(out, &hex[(lo >> j) & 15], 1);
		if (j == 48)
			kt_buf_put(out, "-", 1);
	}
	return out->err;
fail:
	return kt_err_set(err, KT_EINVAL,
			  SER_EXC
			  "Error parsing data into UUID\n"
			  "Caused by: java.lang.IllegalArgumentException: "
			  "%s%.*s",
			  why, why[0] == 'I' ? (int)len : 0, s);
}

int kt_deserialize(const struct kt_deserializer *d, struct kt_bytes data,
		   struct kt_buf *out, struct kt_err *err)
{
	const uint8_t *p = data.p;
	size_t i;

	switch (d->kind) {
	case KT_DESER_NONE:
		return kt_buf_put(out, data.p, data.len);
	case KT_DESER_STRING:
		if (d->charset == KT_CHARSET_UNKNOWN)
			return kt_err_set(err, KT_EINVAL,
					  SER_EXC "Error when deserializing "
						  "byte[] to string due to "
						  "unsupported encoding %s",
					  d->charset_name);
		return decode_text(out, d, data);
	case KT_DESER_BYTE_ARRAY: {
		/* Java prints the array's identity hash: any 1..8 hex digits */
		uint32_t h = 2166136261u;

		for (i = 0; i < data.len; i++)
			h = (h ^ p[i]) * 16777619u;
		return kt_buf_printf(out, "[B@%" PRIx32, h & 0x7fffffff);
	}
	case KT_DESER_BYTE_BUFFER:
		return kt_buf_printf(out,
				     "java.nio.HeapByteBuffer[pos=0 lim=%zu "
				     "cap=%zu]",
				     data.len, data.len);
	case KT_DESER_BYTES:
		for (i = 0; i < data.len; i++) {
			if (p[i] >= ' ' && p[i] <= '~' && p[i] != '\\')
				kt_buf_put(out, &p[i], 1);
			else
				kt_buf_printf(out, "\\x%02X", p[i]);
		}
		return out->err;
	case KT_DESER_INTEGER:
		if (data.len != 4)
			return size_err(err, "IntegerDeserializer", 4);
		return kt_buf_printf(out, "%" PRId32, (int32_t)kt_be32(p));
	case KT_DESER_LONG:
		if (data.len != 8)
			return size_err(err, "LongDeserializer", 8);
		return kt_buf_printf(out, "%" PRId64, (int64_t)kt_be64(p));
	case KT_DESER_SHORT:
		if (data.len != 2)
			return size_err(err, "ShortDeserializer", 2);
		return kt_buf_printf(out, "%d", (int16_t)kt_be16(p));
	case KT_DESER_DOUBLE: {
		uint64_t bits;
		double v;

		if (data.len != 8)
			return size_err(err, "Deserializer", 8);
		char txt[64];

		bits = kt_be64(p);
		memcpy(&v, &bits, sizeof(v));
		kt_java_double_str(v, txt, sizeof(txt));
		return kt_buf_puts(out, txt);
	}
	case KT_DESER_FLOAT: {
		uint32_t bits;
		float v;

		if (data.len != 4)
			return size_err(err, "Deserializer", 4);
		bits = kt_be32(p);
		memcpy(&v, &bits, sizeof(v));
		return kt_java_float_str(out, v);
	}
	case KT_DESER_UUID: {
		struct kt_buf s;
		int r;

		if (d->charset == KT_CHARSET_UNKNOWN)
			return kt_err_set(err, KT_EINVAL,
					  SER_EXC "Error when deserializing "
						  "byte[] to UUID due to "
						  "unsupported encoding %s",
					  d->charset_name);
		kt_buf_init(&s, out->max);
		decode_text(&s, d, data);
		if (s.err) {
			r = s.err;
			kt_buf_release(&s);
			return kt_err_set(err, -r, "out of memory");
		}
		r = uuid_str(out, s.len ? (const char *)s.p : "", s.len, err);
		kt_buf_release(&s);
		return r;
	}
	case KT_DESER_VOID:
		/* data is never null here (null.literal stands in) */
		return kt_err_set(err, KT_EINVAL,
				  "java.lang.IllegalArgumentException: Data "
				  "should be null for a VoidDeserializer.");
	case KT_DESER_BOOLEAN:
		if (data.len != 1)
			return size_err(err, "BooleanDeserializer", 1);
		if (p[0] == 0 || p[0] == 1)
			return kt_buf_puts(out, p[0] ? "true" : "false");
		return kt_err_set(err, KT_EINVAL,
				  SER_EXC "Unexpected byte received by "
					  "BooleanDeserializer: %d",
				  (int8_t)p[0]);
	}
	return kt_err_set(err, KT_EINVAL, "unknown deserializer");
}

/* --- DefaultMessageFormatter --------------------------------------------- */

int kt_dmf_init(struct kt_dmf *f)
{
	memset(f, 0, sizeof(*f));
	f->print_value = true;
	kt_buf_init(&f->key_sep, 0);
	kt_buf_init(&f->line_sep, 0);
	kt_buf_init(&f->headers_sep, 0);
	kt_buf_init(&f->null_literal, 0);
	kt_buf_put(&f->key_sep, "\t", 1);
	kt_buf_put(&f->line_sep, "\n", 1);
	kt_buf_put(&f->headers_sep, ",", 1);
	kt_buf_put(&f->null_literal, "null", 4);
	return f->null_literal.err;
}

void kt_dmf_release(struct kt_dmf *f)
{
	kt_buf_release(&f->key_sep);
	kt_buf_release(&f->line_sep);
	kt_buf_release(&f->headers_sep);
	kt_buf_release(&f->null_literal);
}

/* Java: value.trim().equalsIgnoreCase("true"); trim drops chars <= ' '. */
static bool java_bool(const char *v)
{
	size_t b = 0, e = strlen(v);

	while (b < e && (unsigned char)v[b] <= ' ')
		b++;
	while (e > b && (unsigned char)v[e - 1] <= ' ')
		e--;
	return e - b == 4 && strncasecmp(v + b, "true", 4) == 0;
}

static void set_bool(const struct kt_props *p, const char *name, bool *dst)
{
	const char *v = kt_props_get(p, name);

	if (v)
		*dst = java_bool(v);
}

static int set_bytes(const struct kt_props *p, const char *name,
		     struct kt_buf *dst)
{
	const struct kt_prop *e = kt_props_find(p, name);

	if (!e)
		return 0;
	kt_buf_reset(dst);
	/* Java's getBytes(UTF_8) of the String: invalid UTF-8 (from a
	 * properties file read as Latin-1 it cannot be) maps to U+FFFD */
	return kt_java_utf8(dst, (const uint8_t *)e->value, e->value_len);
}

static int set_deser(const struct kt_props *p, const char *name, bool is_key,
		     struct kt_deserializer *d, struct kt_err *err)
{
	const char *v = kt_props_get(p, name);
	char prefix[64];
	int r;

	memset(d, 0, sizeof(*d));
	if (!v)
		return 0;
	r = kt_deserializer_lookup(v, d, err);
	if (r < 0)
		return r;
	snprintf(prefix, sizeof(prefix), "%s.", name);
	kt_deserializer_configure(d, p, prefix, is_key);
	return 0;
}

int kt_dmf_configure(struct kt_dmf *f, const struct kt_props *p,
		     struct kt_err *err)
{
	int r;

	set_bool(p, "print.timestamp", &f->print_timestamp);
	set_bool(p, "print.key", &f->print_key);
	set_bool(p, "print.offset", &f->print_offset);
	set_bool(p, "print.delivery", &f->print_delivery);
	set_bool(p, "print.epoch", &f->print_epoch);
	set_bool(p, "print.partition", &f->print_partition);
	set_bool(p, "print.headers", &f->print_headers);
	set_bool(p, "print.value", &f->print_value);
	if (set_bytes(p, "key.separator", &f->key_sep) ||
	    set_bytes(p, "line.separator", &f->line_sep) ||
	    set_bytes(p, "headers.separator", &f->headers_sep) ||
	    set_bytes(p, "null.literal", &f->null_literal))
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	r = set_deser(p, "key.deserializer", true, &f->key_deser, err);
	if (!r)
		r = set_deser(p, "value.deserializer", false, &f->value_deser,
			      err);
	if (!r)
		r = set_deser(p, "headers.deserializer", false,
			      &f->headers_deser, err);
	return r;
}

static void sep(const struct kt_dmf *f, struct kt_buf *out, bool column)
{
	const struct kt_buf *s = column ? &f->key_sep : &f->line_sep;

	kt_buf_put(out, s->p, s->len);
}

static int field(const struct kt_dmf *f, const struct kt_deserializer *d,
		 struct kt_bytes data, struct kt_buf *out, struct kt_err *err)
{
	if (!data.p) {
		data.p = f->null_literal.p ? f->null_literal.p
					   : (const uint8_t *)"";
		data.len = f->null_literal.len;
	}
	return kt_deserialize(d, data, out, err);
}

int kt_dmf_write(const struct kt_dmf *f, const struct kt_msg *m,
		 struct kt_buf *out, struct kt_err *err)
{
	int r;

	if (f->print_timestamp) {
		if (m->ts_type == KT_TS_NONE)
			kt_buf_puts(out, "NO_TIMESTAMP");
		else
			kt_buf_printf(out, "%s:%" PRId64,
				      kt_ts_type_name(m->ts_type),
				      m->timestamp);
		sep(f, out,
		    f->print_partition || f->print_offset ||
			    f->print_delivery || f->print_epoch ||
			    f->print_headers || f->print_key || f->print_value);
	}
	if (f->print_partition) {
		kt_buf_printf(out, "Partition:%" PRId32, m->partition);
		sep(f, out,
		    f->print_offset || f->print_delivery || f->print_epoch ||
			    f->print_headers || f->print_key || f->print_value);
	}
	if (f->print_offset) {
		kt_buf_printf(out, "Offset:%" PRId64, m->offset);
		sep(f, out,
		    f->print_delivery || f->print_epoch || f->print_headers ||
			    f->print_key || f->print_value);
	}
	if (f->print_delivery) {
		kt_buf_puts(out, "Delivery:NOT_PRESENT");
		sep(f, out,
		    f->print_epoch || f->print_headers || f->print_key ||
			    f->print_value);
	}
	if (f->print_epoch) {
		kt_buf_puts(out, "Epoch:NOT_PRESENT");
		sep(f, out, f->print_headers || f->print_key || f->print_value);
	}
	if (f->print_headers) {
		struct kt_header_iter it;
		struct kt_header h;
		int32_t i = 0;

		if (m->headers_count <= 0)
			kt_buf_puts(out, "NO_HEADERS");
		kt_msg_header_iter_init(&it, m);
		while (kt_header_iter_next(&it, &h) > 0) {
			if (i++ > 0)
				kt_buf_put(out, f->headers_sep.p,
					   f->headers_sep.len);
			kt_java_utf8(out, h.key.p, h.key.len);
			kt_buf_put(out, ":", 1);
			r = field(f, &f->headers_deser, h.value, out, err);
			if (r < 0)
				return r;
		}
		sep(f, out, f->print_key || f->print_value);
	}
	if (f->print_key) {
		r = field(f, &f->key_deser, m->key, out, err);
		if (r < 0)
			return r;
		sep(f, out, f->print_value);
	}
	if (f->print_value) {
		r = field(f, &f->value_deser, m->value, out, err);
		if (r < 0)
			return r;
		sep(f, out, false);
	}
	if (out->err)
		return kt_err_set(err, -out->err, "output buffer: %s",
				  kt_strerror(out->err));
	return 0;
}
