/*
 * format/dumplog_json.c - kafka-dump-log's --output json: one JSON object per
 * batch and per record (schema in the man page), bytes as strings when they
 * are valid UTF-8 and as base64 otherwise, written with jansson.
 */
#include "format/dumplog_int.h"

static const char b64tbl[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Bytes in JSON: null, a string when they are valid UTF-8, else
 * {"base64": "..."}. */
static json_t *json_bytes(struct kt_bytes v)
{
	json_t *o, *s;
	size_t i, j = 0;
	char *t;

	if (!v.p)
		return json_null();
	s = json_stringn((const char *)v.p, v.len);
	if (s)
		return s;
	t = malloc((v.len + 2) / 3 * 4 + 1);
	if (!t)
		return NULL;
	for (i = 0; i + 2 < v.len; i += 3) {
		uint32_t x = (uint32_t)v.p[i] << 16 |
			     (uint32_t)v.p[i + 1] << 8 | v.p[i + 2];

		t[j++] = b64tbl[x >> 18];
		t[j++] = b64tbl[(x >> 12) & 63];
		t[j++] = b64tbl[(x >> 6) & 63];
		t[j++] = b64tbl[x & 63];
	}
	if (i < v.len) {
		uint32_t x = (uint32_t)v.p[i] << 16;

		if (i + 1 < v.len)
			x |= (uint32_t)v.p[i + 1] << 8;
		t[j++] = b64tbl[x >> 18];
		t[j++] = b64tbl[(x >> 12) & 63];
		t[j++] = i + 1 < v.len ? b64tbl[(x >> 6) & 63] : '=';
		t[j++] = '=';
	}
	o = json_object();
	json_object_set_new(o, "base64", json_stringn(t, j));
	free(t);
	return o;
}

/* Append o as one line and free it. */
int kt_dl_json_line(struct kt_dumplog *d, json_t *o, struct kt_err *err)
{
	char *s;

	if (!o)
		return kt_err_set(err, KT_ENOMEM, "no memory for JSON");
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!s)
		return kt_err_set(err, KT_ENOMEM, "no memory for JSON");
	put(&d->out, s);
	put(&d->out, "\n");
	free(s);
	return kt_dl_maybe_flush(d, err);
}

json_t *kt_dl_json_batch(const struct bline *bl, uint64_t pos)
{
	json_t *o = json_object();

	json_object_set_new(o, "type", json_string("batch"));
	json_object_set_new(o, "position", json_integer((json_int_t)pos));
	json_object_set_new(o, "magic", json_integer(bl->magic));
	if (bl->magic >= 2) {
		json_object_set_new(o, "baseOffset",
				    json_integer(bl->base_offset));
		json_object_set_new(o, "lastOffset",
				    json_integer(bl->last_offset));
		json_object_set_new(o, "count", json_integer(bl->count));
		json_object_set_new(o, "baseSequence",
				    json_integer(bl->base_seq));
		json_object_set_new(o, "lastSequence",
				    json_integer(bl->last_seq));
		json_object_set_new(o, "producerId", json_integer(bl->pid));
		json_object_set_new(o, "producerEpoch",
				    json_integer(bl->epoch));
		json_object_set_new(o, "partitionLeaderEpoch",
				    json_integer(bl->ple));
		json_object_set_new(
			o, "isTransactional",
			json_boolean(bl->attr & KT_ATTR_TRANSACTIONAL));
		json_object_set_new(o, "isControl",
				    json_boolean(bl->attr & KT_ATTR_CONTROL));
		json_object_set_new(o, "deleteHorizonMs",
				    (bl->attr & KT_ATTR_DELETE_HORIZON)
					    ? json_integer(bl->base_ts)
					    : json_null());
	} else {
		json_object_set_new(o, "offset", json_integer(bl->last_offset));
	}
	json_object_set_new(o, "timestampType",
			    json_string(kt_ts_type_name(bl->ts_type)));
	json_object_set_new(o, "maxTimestamp", json_integer(bl->max_ts));
	json_object_set_new(o, "size", json_integer(bl->size));
	json_object_set_new(o, "compression",
			    kt_dl_codec_name(bl->codec)
				    ? json_string(kt_dl_codec_name(bl->codec))
				    : json_integer(bl->codec));
	json_object_set_new(o, "crc", json_integer(bl->crc));
	json_object_set_new(o, "crcValid", json_boolean(bl->valid));
	return o;
}

/* Decoded text of a record for JSON, when a decoder was asked for. */
static int json_decoded(struct kt_dumplog *d, json_t *o,
			const struct kt_dl_record *r, struct kt_err *err)
{
	struct kt_dl_text t = {&d->key, &d->val, false, false};
	int rc;

	if (!d->o.print_data)
		return 0;
	kt_buf_reset(&d->key);
	kt_buf_reset(&d->val);
	rc = d->o.parser.parse(d->o.parser.ctx, r, &t, err);
	if (rc < 0)
		return rc;
	if (t.has_key)
		json_object_set_new(
			o, "keyText",
			json_stringn((const char *)d->key.p, d->key.len));
	if (t.has_value)
		json_object_set_new(
			o, "payloadText",
			json_stringn((const char *)d->val.p, d->val.len));
	return 0;
}

static json_t *json_headers(const struct kt_record *rec)
{
	struct kt_header_iter hi;
	struct kt_header h;
	json_t *a = json_array();

	kt_header_iter_init(&hi, rec);
	while (kt_header_iter_next(&hi, &h) > 0) {
		json_t *o = json_object();

		json_object_set_new(o, "key", json_bytes(h.key));
		json_object_set_new(o, "value", json_bytes(h.value));
		json_array_append_new(a, o);
	}
	return a;
}

static int json_control(struct kt_dumplog *d, json_t *o,
			const struct kt_record *rec)
{
	struct kt_control c;
	json_t *ctl;
	int type;

	if (kt_control_parse(rec, &c, NULL) < 0)
		return 0;
	type = kt_control_type(&c);
	ctl = json_object();
	json_object_set_new(ctl, "type",
			    json_string(kt_control_type_name(type)));
	json_object_set_new(ctl, "typeId", json_integer(c.type));
	if (type == KT_CONTROL_ABORT || type == KT_CONTROL_COMMIT) {
		json_object_set_new(ctl, "coordinatorEpoch",
				    json_integer(c.coordinator_epoch));
	} else if (type != KT_CONTROL_UNKNOWN) {
		struct kt_buf b;

		kt_buf_init(&b, TEXT_MAX);
		if (kt_dl_control_json(type, c.value, &b) == 0 && !b.err) {
			json_t *v =
				json_loadb((const char *)b.p, b.len, 0, NULL);

			if (v)
				json_object_set_new(ctl, "data", v);
		}
		kt_buf_release(&b);
	}
	json_object_set_new(o, "control", ctl);
	(void)d;
	return 0;
}

int kt_dl_json_records(struct kt_dumplog *d, const struct kt_logbatch *lb,
		       struct kt_err *err)
{
	int rc;

	if (lb->magic >= 2) {
		struct kt_batch batch;
		struct kt_bytes recs;
		struct kt_record_iter it;
		struct kt_record rec;

		rc = kt_dl_batch_open(d, lb, &batch, &recs, &it, err);
		if (rc < 0)
			return rc;
		while ((rc = kt_record_iter_next(&it, &rec, err)) > 0) {
			json_t *o = json_object();
			struct kt_dl_record r = {rec.offset, rec.key,
						 rec.value};

			json_object_set_new(o, "type", json_string("record"));
			json_object_set_new(o, "offset",
					    json_integer(rec.offset));
			json_object_set_new(o, "timestampType",
					    json_string(kt_ts_type_name(
						    kt_batch_ts_type(&batch))));
			json_object_set_new(o, "timestamp",
					    json_integer(rec.timestamp));
			json_object_set_new(o, "sequence",
					    json_integer(rec.sequence));
			json_object_set_new(o, "key", json_bytes(rec.key));
			json_object_set_new(o, "value", json_bytes(rec.value));
			json_object_set_new(o, "headers", json_headers(&rec));
			if (kt_batch_is_control(&batch))
				json_control(d, o, &rec);
			else if (json_decoded(d, o, &r, err) < 0) {
				json_decref(o);
				return -KT_EPROTO;
			}
			if (kt_dl_json_line(d, o, err) < 0)
				return -KT_EIO;
		}
		return rc < 0 ? -KT_EPROTO : 0;
	} else {
		struct kt_legacy w, m;
		struct kt_legacy_iter it;
		bool single;

		rc = kt_dl_legacy_open(d, lb, &w, &it, &single, err);
		if (rc < 0)
			return rc;
		for (;;) {
			json_t *o;
			struct kt_dl_record r;

			if (single) {
				m = w;
			} else {
				rc = kt_legacy_iter_next(&it, &m, err);
				if (rc < 0)
					return -KT_EPROTO;
				if (rc == 0)
					break;
			}
			r.offset = m.offset;
			r.key = m.key;
			r.value = m.value;
			o = json_object();
			json_object_set_new(o, "type", json_string("record"));
			json_object_set_new(o, "offset",
					    json_integer(m.offset));
			json_object_set_new(o, "timestampType",
					    json_string(kt_ts_type_name(
						    kt_legacy_ts_type(&w))));
			json_object_set_new(o, "timestamp",
					    json_integer(m.timestamp));
			json_object_set_new(o, "key", json_bytes(m.key));
			json_object_set_new(o, "value", json_bytes(m.value));
			json_object_set_new(o, "crc", json_integer(m.crc));
			json_object_set_new(o, "crcValid",
					    json_boolean(kt_legacy_crc_ok(&m)));
			if (json_decoded(d, o, &r, err) < 0) {
				json_decref(o);
				return -KT_EPROTO;
			}
			if (kt_dl_json_line(d, o, err) < 0)
				return -KT_EIO;
			if (single)
				break;
		}
		return 0;
	}
}
