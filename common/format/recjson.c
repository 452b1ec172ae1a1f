/*
 * format/recjson.c - kafkit's JSON record lines (schema in recjson.h). Written
 * by hand for speed (the consumer prints one per record); read with jansson.
 */
#include "format/recjson.h"
#include "java/jstring.h"

#include <jansson.h>

int kt_json_put_str(struct kt_buf *out, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	kt_buf_put(out, "\"", 1);
	for (i = 0; i < n; i++) {
		uint8_t c = p[i];
		char esc[6];
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		kt_buf_put(out, p + run, i - run);
		run = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"':
			esc[1] = '"';
			break;
		case '\\':
			esc[1] = '\\';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		kt_buf_put(out, esc, elen);
	}
	kt_buf_put(out, p + run, n - run);
	return kt_buf_put(out, "\"", 1);
}

/* "name":<bytes> plus "name_encoding":"base64" when not UTF-8. */
static void put_bytes_field(struct kt_buf *out, const char *name,
			    struct kt_bytes v)
{
	kt_buf_printf(out, "\"%s\":", name);
	if (!v.p) {
		kt_buf_put(out, "null", 4);
	} else if (kt_java_utf8_valid(v.p, v.len)) {
		kt_json_put_str(out, v.p, v.len);
	} else {
		kt_buf_put(out, "\"", 1);
		kt_base64_put(out, v.p, v.len);
		kt_buf_printf(out, "\",\"%s_encoding\":\"base64\"", name);
	}
}

int kt_jrec_write(struct kt_buf *out, const struct kt_jrec *r)
{
	size_t i;

	kt_buf_put(out, "{", 1);
	if (r->topic) {
		kt_buf_put(out, "\"topic\":", 8);
		kt_json_put_str(out, (const uint8_t *)r->topic,
				strlen(r->topic));
		kt_buf_put(out, ",", 1);
	}
	if (r->partition >= 0)
		kt_buf_printf(out, "\"partition\":%d,", r->partition);
	if (r->offset >= 0)
		kt_buf_printf(out, "\"offset\":%lld,", (long long)r->offset);
	kt_buf_printf(out, "\"timestamp\":%lld,\"timestamp_type\":\"%s\",",
		      (long long)r->timestamp, kt_ts_type_name(r->ts_type));
	if (r->leader_epoch >= 0)
		kt_buf_printf(out, "\"leader_epoch\":%d,", r->leader_epoch);
	put_bytes_field(out, "key", r->key);
	kt_buf_put(out, ",", 1);
	put_bytes_field(out, "value", r->value);
	kt_buf_put(out, ",\"headers\":[", 12);
	for (i = 0; i < r->n_headers; i++) {
		kt_buf_put(out, i ? ",{" : "{", i ? 2 : 1);
		put_bytes_field(out, "key", r->headers[i].key);
		kt_buf_put(out, ",", 1);
		put_bytes_field(out, "value", r->headers[i].value);
		kt_buf_put(out, "}", 1);
	}
	return kt_buf_put(out, "]}\n", 3);
}

void kt_jrec_in_release(struct kt_jrec_in *r)
{
	size_t i;

	free(r->key);
	free(r->value);
	for (i = 0; i < r->n_headers; i++) {
		free(r->headers[i].key);
		free(r->headers[i].value);
	}
	free(r->headers);
	memset(r, 0, sizeof(*r));
}

/* The encoding of field `name` in obj: "utf8" (default), "base64" or
 * "hex". Returns 0, 1 (base64), 2 (hex) or -1. */
static int encoding_of(json_t *obj, const char *name)
{
	char ename[64];
	json_t *e;
	const char *s;

	snprintf(ename, sizeof(ename), "%s_encoding", name);
	e = json_object_get(obj, ename);
	if (!e)
		return 0;
	if (!json_is_string(e))
		return -1;
	s = json_string_value(e);
	if (strcmp(s, "utf8") == 0)
		return 0;
	if (strcmp(s, "base64") == 0)
		return 1;
	if (strcmp(s, "hex") == 0)
		return 2;
	return -1;
}

/* Decode field `name` of obj into a malloc'ed buffer (*p NULL for null).
 * `where` names the place for messages ("value", "headers[2].key"). */
static int get_bytes(json_t *obj, const char *name, const char *where,
		     bool nullable, uint8_t **p, size_t *len,
		     struct kt_err *err)
{
	json_t *v = json_object_get(obj, name);
	int enc = encoding_of(obj, name);
	const char *s;
	size_t n, i;

	*p = NULL;
	*len = 0;
	if (enc < 0)
		return kt_err_set(err, KT_ESYNTAX,
				  "'%s_encoding' must be \"utf8\", \"base64\" "
				  "or \"hex\"",
				  where);
	if (!v || json_is_null(v)) {
		if (!nullable)
			return kt_err_set(err, KT_ESYNTAX,
					  "'%s' must not be null", where);
		return 0;
	}
	if (!json_is_string(v))
		return kt_err_set(err, KT_ESYNTAX,
				  "'%s' must be a string or null", where);
	s = json_string_value(v);
	n = json_string_length(v);
	/* one spare byte so that an empty value is not a NULL pointer */
	*p = malloc(n + 1);
	if (!*p)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	if (enc == 0) {
		memcpy(*p, s, n);
		*len = n;
		return 0;
	}
	if (enc == 1) {
		long got = kt_base64_decode(s, n, *p);

		if (got < 0)
			goto bad;
		*len = (size_t)got;
		return 0;
	}
	if (n % 2)
		goto bad;
	for (i = 0; i < n; i += 2) {
		int hi = kt_hex_digit(s[i]), lo = kt_hex_digit(s[i + 1]);

		if (hi < 0 || lo < 0)
			goto bad;
		(*p)[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return 0;
bad:
	free(*p);
	*p = NULL;
	return kt_err_set(err, KT_ESYNTAX, "invalid %s in '%s'",
			  enc == 1 ? "base64" : "hex", where);
}

static bool field_known(const char *k, const char *const *names)
{
	for (; *names; names++)
		if (strcmp(k, *names) == 0)
			return true;
	return false;
}

static int check_fields(json_t *obj, const char *const *names,
			const char *where, struct kt_err *err)
{
	const char *k;
	json_t *v;

	json_object_foreach(obj, k, v)
	{
		(void)v;
		if (!field_known(k, names))
			return kt_err_set(
				err, KT_ESYNTAX, "unknown field '%s'%s%s", k,
				where ? " in " : "", where ? where : "");
	}
	return 0;
}

static int parse_headers(json_t *arr, struct kt_jrec_in *out,
			 struct kt_err *err)
{
	static const char *const hnames[] = {"key", "value", "key_encoding",
					     "value_encoding", NULL};
	size_t i, n;
	int rc;

	if (json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return kt_err_set(err, KT_ESYNTAX, "'headers' must be a list");
	n = json_array_size(arr);
	if (!n)
		return 0;
	out->headers = calloc(n, sizeof(*out->headers));
	if (!out->headers)
		return kt_err_set(err, KT_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		json_t *h = json_array_get(arr, i);
		struct kt_jhdr_in *dst = &out->headers[i];
		char where[48];

		out->n_headers = i + 1;
		snprintf(where, sizeof(where), "headers[%zu]", i);
		if (!json_is_object(h))
			return kt_err_set(err, KT_ESYNTAX,
					  "'%s' must be an object", where);
		if ((rc = check_fields(h, hnames, where, err)) < 0)
			return rc;
		snprintf(where, sizeof(where), "headers[%zu].key", i);
		if (!json_object_get(h, "key"))
			return kt_err_set(err, KT_ESYNTAX, "'%s' is missing",
					  where);
		if ((rc = get_bytes(h, "key", where, false, &dst->key,
				    &dst->key_len, err)) < 0)
			return rc;
		snprintf(where, sizeof(where), "headers[%zu].value", i);
		if ((rc = get_bytes(h, "value", where, true, &dst->value,
				    &dst->value_len, err)) < 0)
			return rc;
	}
	return 0;
}

static int get_int(json_t *obj, const char *name, int64_t lo, int64_t hi,
		   bool *has, int64_t *v, struct kt_err *err)
{
	json_t *j = json_object_get(obj, name);

	*has = false;
	if (!j || json_is_null(j))
		return 0;
	if (!json_is_integer(j) || json_integer_value(j) < lo ||
	    json_integer_value(j) > hi)
		return kt_err_set(err, KT_ESYNTAX,
				  "'%s' must be an integer from %lld to %lld",
				  name, (long long)lo, (long long)hi);
	*has = true;
	*v = json_integer_value(j);
	return 0;
}

int kt_jrec_parse(const char *line, size_t len, struct kt_jrec_in *out,
		  struct kt_err *err)
{
	static const char *const names[] = {
		"topic",	  "partition",	    "offset",  "timestamp",
		"timestamp_type", "leader_epoch",   "key",     "value",
		"key_encoding",	  "value_encoding", "headers", NULL};
	json_error_t jerr;
	json_t *obj;
	int64_t v = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	obj = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
			 &jerr);
	if (!obj)
		return kt_err_set(err, KT_ESYNTAX,
				  "invalid JSON at column %d: %s", jerr.column,
				  jerr.text);
	if (!json_is_object(obj)) {
		rc = kt_err_set(err, KT_ESYNTAX,
				"a record must be a JSON object");
		goto out;
	}
	if ((rc = check_fields(obj, names, NULL, err)) < 0)
		goto out;
	if ((rc = get_int(obj, "partition", 0, INT32_MAX, &out->has_partition,
			  &v, err)) < 0)
		goto out;
	out->partition = (int32_t)v;
	if ((rc = get_int(obj, "timestamp", -1, INT64_MAX, &out->has_timestamp,
			  &out->timestamp, err)) < 0)
		goto out;
	if ((rc = get_bytes(obj, "key", "key", true, &out->key, &out->key_len,
			    err)) < 0)
		goto out;
	if ((rc = get_bytes(obj, "value", "value", true, &out->value,
			    &out->value_len, err)) < 0)
		goto out;
	if (json_object_get(obj, "headers"))
		rc = parse_headers(json_object_get(obj, "headers"), out, err);
out:
	json_decref(obj);
	if (rc < 0)
		kt_jrec_in_release(out);
	return rc;
}
