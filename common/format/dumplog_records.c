/*
 * format/dumplog_records.c - kafka-dump-log's record lines: the metadata of
 * each record (DumpLogSegments.printRecordContents), its key, payload and
 * headers, control records (commit/abort markers, KRaft voters, snapshot
 * header and footer) and the legacy message-set entries of magic 0 and 1.
 */
#include "format/dumplog_int.h"

static int note_offset(struct kt_dumplog *d, struct logctx *lc, int64_t off,
		       struct kt_err *err)
{
	if (off != lc->last_offset + 1) {
		if (!lc->gaps) {
			lc->gaps = kt_dl_fmap_get(&d->nonconsec, lc->abs);
			if (!lc->gaps)
				return kt_err_set(err, KT_ENOMEM, "no memory");
		}
		if (kt_dl_fentry_add(lc->gaps, lc->last_offset, off) < 0)
			return kt_err_set(err, KT_ENOMEM, "no memory");
	}
	lc->last_offset = off;
	return 0;
}

/* Header keys joined as Java's Collectors.joining(",", "[", "]"). */
static void put_header_keys(struct kt_buf *b, const struct kt_record *rec,
			    bool values)
{
	struct kt_header_iter hi;
	struct kt_header h;
	bool first = true;

	kt_header_iter_init(&hi, rec);
	put(b, "[");
	while (kt_header_iter_next(&hi, &h) > 0) {
		if (!first)
			put(b, ",");
		first = false;
		if (!values) {
			kt_java_utf8(b, h.key.p, h.key.len);
			continue;
		}
		kt_dl_put_json_str(b, h.key.p, h.key.len);
		put(b, ":");
		if (h.value.p)
			kt_dl_put_json_str(b, h.value.p, h.value.len);
		else
			put(b, "null");
	}
	put(b, "]");
}

/* A StringDecoder text straight into out: valid UTF-8 is the text itself
 * (queued as a view of the file when it is long and the batch allows),
 * anything else goes through Java's replacement. */
static int put_string(struct kt_dumplog *d, struct kt_bytes v,
		      struct kt_err *err)
{
	if (!kt_java_utf8_valid(v.p, v.len))
		kt_java_utf8(&d->out, v.p, v.len);
	else if (d->zc_on && v.len >= ZC_MIN)
		return kt_dl_put_view(d, v.p, v.len, err);
	else
		putn(&d->out, v.p, v.len);
	return 0;
}

static int put_contents(struct kt_dumplog *d, const struct kt_dl_record *r,
			const char *prefix, struct kt_err *err)
{
	struct kt_dl_text t = {&d->key, &d->val, false, false};
	const struct kt_dl_decoders *dec = d->o.parser.ctx;
	int rc;

	/* The built-in parser with StringDecoder for both cannot fail, so
	 * the texts need no staging: the same bytes as kt_dl_builtin_parse,
	 * then the copy below, give. */
	if (d->o.parser.parse == kt_dl_builtin_parse &&
	    dec->key == KT_DL_DEC_STRING && dec->value == KT_DL_DEC_STRING) {
		if (r->key.p) {
			put(&d->out, prefix);
			PUTL(&d->out, "key: ");
			if (put_string(d, r->key, err) < 0)
				return -KT_EIO;
			prefix = " ";
		}
		if (r->value.p) {
			put(&d->out, prefix);
			PUTL(&d->out, "payload: ");
			if (put_string(d, r->value, err) < 0)
				return -KT_EIO;
		}
		if (d->out.err)
			return kt_err_set(err, KT_ETOOBIG,
					  "record at offset %lld: text too "
					  "large",
					  (long long)r->offset);
		return 0;
	}

	kt_buf_reset(&d->key);
	kt_buf_reset(&d->val);
	rc = d->o.parser.parse(d->o.parser.ctx, r, &t, err);
	if (rc < 0)
		return kt_dl_jfail(d, err, -rc < KT_ECODE_MAX ? -rc : KT_EINVAL,
				   "%s", err ? err->msg : "decoder failed");
	if (d->key.err || d->val.err)
		return kt_err_set(err, KT_ETOOBIG,
				  "record at offset %lld: text too large",
				  (long long)r->offset);
	if (t.has_key) {
		put(&d->out, prefix);
		put(&d->out, "key: ");
		kt_buf_put(&d->out, d->key.p, d->key.len);
		prefix = " ";
	}
	if (t.has_value) {
		put(&d->out, prefix);
		put(&d->out, "payload: ");
		kt_buf_put(&d->out, d->val.p, d->val.len);
	}
	return 0;
}

static int read_voters(struct kt_reader *r, struct kt_buf *b, const char *key)
{
	int32_t n, i, id;

	kt_read_carr(r, 5, &n);
	put(b, ",\"");
	put(b, key);
	put(b, "\":[");
	for (i = 0; i < n && !r->err; i++) {
		kt_read_i32(r, &id);
		kt_read_tags(r, NULL, NULL);
		if (i)
			put(b, ",");
		put(b, "{\"voterId\":");
		put_i64(b, id);
		put(b, "}");
	}
	put(b, "]");
	return r->err;
}

int kt_dl_control_json(int type, struct kt_bytes v, struct kt_buf *b)
{
	struct kt_reader r;
	int16_t version = 0, s16;
	int32_t i32;
	int64_t i64;

	kt_reader_init(&r, v.p, v.len);
	kt_read_i16(&r, &version);
	put(b, "{\"version\":");
	put_i64(b, version);
	switch (type) {
	case KT_CONTROL_LEADER_CHANGE:
		kt_read_i32(&r, &i32);
		put(b, ",\"leaderId\":");
		put_i64(b, i32);
		read_voters(&r, b, "voters");
		read_voters(&r, b, "grantingVoters");
		break;
	case KT_CONTROL_SNAPSHOT_HEADER:
		kt_read_i64(&r, &i64);
		put(b, ",\"lastContainedLogTimestamp\":");
		put_i64(b, i64);
		break;
	case KT_CONTROL_SNAPSHOT_FOOTER:
		break;
	case KT_CONTROL_KRAFT_VERSION:
		kt_read_i16(&r, &s16);
		put(b, ",\"kRaftVersion\":");
		put_i64(b, s16);
		break;
	case KT_CONTROL_KRAFT_VOTERS: {
		int32_t n, k, ne, j;

		kt_read_carr(&r, 22, &n);
		put(b, ",\"voters\":[");
		for (k = 0; k < n && !r.err; k++) {
			struct kt_uuid u;
			char us[23];
			int16_t mn = 0, mx = 0;

			kt_read_i32(&r, &i32);
			kt_read_uuid(&r, &u);
			kt_uuid_str(&u, us);
			put(b, k ? ",{" : "{");
			put(b, "\"voterId\":");
			put_i64(b, i32);
			put(b, ",\"voterDirectoryId\":\"");
			put(b, us);
			put(b, "\",\"endpoints\":[");
			kt_read_carr(&r, 5, &ne);
			for (j = 0; j < ne && !r.err; j++) {
				struct kt_bytes nm, host;
				uint16_t port = 0;

				kt_read_cstr(&r, &nm);
				kt_read_cstr(&r, &host);
				kt_read_u16(&r, &port);
				kt_read_tags(&r, NULL, NULL);
				if (r.err)
					break;
				put(b, j ? ",{\"name\":" : "{\"name\":");
				kt_dl_put_json_str(b, nm.p, nm.len);
				put(b, ",\"host\":");
				kt_dl_put_json_str(b, host.p, host.len);
				put(b, ",\"port\":");
				put_i64(b, port);
				put(b, "}");
			}
			kt_read_i16(&r, &mn);
			kt_read_i16(&r, &mx);
			kt_read_tags(&r, NULL, NULL);
			kt_read_tags(&r, NULL, NULL);
			put(b, "],\"kRaftVersionFeature\":{"
			       "\"minSupportedVersion\":");
			put_i64(b, mn);
			put(b, ",\"maxSupportedVersion\":");
			put_i64(b, mx);
			put(b, "}}");
		}
		put(b, "]");
		break;
	}
	}
	kt_read_tags(&r, NULL, NULL);
	put(b, "}");
	return r.err;
}

static int put_control(struct kt_dumplog *d, const struct kt_record *rec,
		       int64_t batch_pos, struct kt_err *err)
{
	struct kt_control c;
	struct kt_buf *b = &d->out;
	int type;

	if (kt_control_parse(rec, &c, err) < 0)
		return kt_dl_jfail(
			d, err, KT_EPROTO,
			"org.apache.kafka.common.InvalidRecordException"
			": %s",
			err ? err->msg : "bad control record");
	type = kt_control_type(&c);
	switch (type) {
	case KT_CONTROL_ABORT:
	case KT_CONTROL_COMMIT:
		put(b, " endTxnMarker: ");
		put(b, kt_control_type_name(type));
		put(b, " coordinatorEpoch: ");
		put_i64(b, c.coordinator_epoch);
		return 0;
	case KT_CONTROL_LEADER_CHANGE:
		put(b, " LeaderChange: ");
		break;
	case KT_CONTROL_SNAPSHOT_HEADER:
		put(b, " SnapshotHeader ");
		break;
	case KT_CONTROL_SNAPSHOT_FOOTER:
		put(b, " SnapshotFooter ");
		break;
	case KT_CONTROL_KRAFT_VERSION:
		put(b, " KRaftVersion ");
		break;
	case KT_CONTROL_KRAFT_VOTERS:
		put(b, " KRaftVoters ");
		break;
	default:
		put(b, " controlType: UNKNOWN(");
		put_i64(b, c.type);
		put(b, ")");
		return 0;
	}
	if (kt_dl_control_json(type, c.value, b) < 0)
		return kt_dl_jfail(
			d, err, KT_EPROTO,
			"java.nio.BufferUnderflowException: control "
			"record at offset %lld of the batch at byte %lld",
			(long long)rec->offset, (long long)batch_pos);
	return 0;
}

int kt_dl_dump_records_v2(struct kt_dumplog *d, struct logctx *lc,
			  const struct kt_logbatch *lb, const char *name,
			  struct kt_err *err)
{
	struct kt_batch batch;
	struct kt_bytes recs;
	struct kt_record_iter it;
	struct kt_record rec;
	const char *tsn;
	size_t tsn_len;
	int rc;

	const uint8_t *p = lb->p;

	if (lb->len < KT_BATCH_HEADER_LEN)
		return kt_dl_jfail(d, err, KT_ETRUNC,
				   "java.lang.IndexOutOfBoundsException");
	if (lb->magic > 2) {
		/* Java iterates any magic above 2 as magic 2. */
		kt_buf_reset(&d->line);
		kt_buf_put(&d->line, lb->p, lb->len);
		if (d->line.err)
			return kt_err_set(err, KT_ENOMEM, "no memory");
		d->line.p[16] = 2;
		p = d->line.p;
	}
	if (kt_batch_parse(&batch, p, lb->len, lb->pos, err) < 0 ||
	    kt_batch_records(&batch, &d->scratch, &recs, err) < 0)
		return kt_dl_jfail(
			d, err, KT_EPROTO,
			"org.apache.kafka.common.KafkaException: %s (in "
			"%s)",
			err ? err->msg : "bad batch", name);
	tsn = kt_dl_ts_name(kt_batch_ts_type(&batch));
	tsn_len = strlen(tsn);
	/* values stay valid until the pinned window is let go, unless they
	 * were decompressed or copied */
	d->zc_on = d->pinned && p == lb->p &&
		   kt_batch_codec(&batch) == KT_CODEC_NONE;
	kt_record_iter_init(&it, &batch, recs);
	while ((rc = kt_record_iter_next(&it, &rec, err)) > 0) {
		struct kt_dl_record r = {rec.offset, rec.key, rec.value};
		bool control = kt_batch_is_control(&batch);

		if (note_offset(d, lc, rec.offset, err) < 0)
			return -KT_ENOMEM;
		if (!d->o.skip_meta) {
			char *w = room(&d->out, META_ROOM);

			if (!w) {
				kt_dl_maybe_flush(d, err);
				return -KT_EIO;
			}
			w = LIT(w, "| offset: ");
			w = fmt_i64(w, rec.offset);
			*w++ = ' ';
			memcpy(w, tsn, tsn_len);
			w += tsn_len;
			w = LIT(w, ": ");
			w = fmt_i64(w, rec.timestamp);
			w = LIT(w, " keySize: ");
			w = fmt_i64(w, rec.key.p ? (int64_t)rec.key.len : -1);
			w = LIT(w, " valueSize: ");
			w = fmt_i64(w,
				    rec.value.p ? (int64_t)rec.value.len : -1);
			w = LIT(w, " sequence: ");
			w = fmt_i64(w, rec.sequence);
			w = LIT(w, " headerKeys: ");
			if (rec.headers_count == 0)
				w = LIT(w, "[]");
			room_end(&d->out, w);
			if (rec.headers_count > 0)
				put_header_keys(&d->out, &rec, false);
			if (d->o.print_headers) {
				put(&d->out, " headers: ");
				put_header_keys(&d->out, &rec, true);
			}
			if (control &&
			    put_control(d, &rec, (int64_t)lb->pos, err) < 0)
				return -KT_EPROTO;
		}
		if (d->o.print_data && !control &&
		    put_contents(d, &r, d->o.skip_meta ? "| " : " ", err) < 0)
			return err ? -err->code : -KT_EINVAL;
		put(&d->out, "\n");
		if (kt_dl_maybe_flush(d, err) < 0)
			return -KT_EIO;
	}
	if (rc < 0) {
		/* Java's DefaultRecordBatch iterator words for a record count
		 * that does not match the records. */
		const char *why = err ? err->msg : "bad record";

		if (it.index == batch.records_count)
			why = "Incorrect declared batch size, records still "
			      "remaining in file";
		else if (err && strstr(err->msg, "records end after"))
			why = "Incorrect declared batch size, premature EOF "
			      "reached";
		return kt_dl_jfail(
			d, err, KT_EPROTO,
			"org.apache.kafka.common.InvalidRecordException: "
			"%s",
			why);
	}
	return 0;
}

static int legacy_record_line(struct kt_dumplog *d, struct logctx *lc,
			      const struct kt_legacy *m, int ts_type,
			      struct kt_err *err)
{
	struct kt_dl_record r = {m->offset, m->key, m->value};

	if (note_offset(d, lc, m->offset, err) < 0)
		return -KT_ENOMEM;
	if (!d->o.skip_meta) {
		put(&d->out, "| offset: ");
		put_i64(&d->out, m->offset);
		put(&d->out, " ");
		put(&d->out, kt_dl_ts_name(ts_type));
		put(&d->out, ": ");
		put_i64(&d->out, m->timestamp);
		put(&d->out, " keySize: ");
		put_i64(&d->out, m->key.p ? (int64_t)m->key.len : -1);
		put(&d->out, " valueSize: ");
		put_i64(&d->out, m->value.p ? (int64_t)m->value.len : -1);
		put(&d->out, " isValid: ");
		put_bool(&d->out, kt_legacy_crc_ok(m));
		put(&d->out, " crc: ");
		put_i64(&d->out, m->crc);
	}
	if (d->o.print_data &&
	    put_contents(d, &r, d->o.skip_meta ? "| " : " ", err) < 0)
		return err ? -err->code : -KT_EINVAL;
	put(&d->out, "\n");
	return kt_dl_maybe_flush(d, err);
}

int kt_dl_batch_open(struct kt_dumplog *d, const struct kt_logbatch *lb,
		     struct kt_batch *batch, struct kt_bytes *recs,
		     struct kt_record_iter *it, struct kt_err *err)
{
	if (kt_batch_parse(batch, lb->p, lb->len, lb->pos, err) < 0 ||
	    kt_batch_records(batch, &d->scratch, recs, err) < 0)
		return -KT_EPROTO;
	kt_record_iter_init(it, batch, *recs);
	return 0;
}

int kt_dl_legacy_open(struct kt_dumplog *d, const struct kt_logbatch *lb,
		      struct kt_legacy *w, struct kt_legacy_iter *it,
		      bool *single, struct kt_err *err)
{
	if (kt_legacy_parse(w, lb->p, lb->len, lb->pos, err) < 0)
		return -KT_EPROTO;
	*single = kt_legacy_codec(w) == KT_CODEC_NONE;
	if (!*single && kt_legacy_inner(it, w, &d->scratch, err) < 0)
		return -KT_ECOMPRESS;
	return 0;
}

int kt_dl_dump_records_legacy(struct kt_dumplog *d, struct logctx *lc,
			      const struct kt_logbatch *lb,
			      const struct bline *bl, struct kt_err *err)
{
	struct kt_legacy w, m;
	struct kt_legacy_iter it;
	int rc;

	if (kt_legacy_parse(&w, lb->p, lb->len, lb->pos, err) < 0)
		return kt_dl_jfail(d, err, KT_EPROTO,
				   "org.apache.kafka.common.errors."
				   "CorruptRecordException: %s",
				   err ? err->msg : "bad message");
	if (kt_legacy_codec(&w) == KT_CODEC_NONE)
		return legacy_record_line(d, lc, &w, bl->ts_type, err);
	if (kt_legacy_inner(&it, &w, &d->scratch, err) < 0)
		return kt_dl_jfail(d, err, KT_ECOMPRESS,
				   "org.apache.kafka.common.KafkaException: %s",
				   err ? err->msg : "bad wrapper");
	while ((rc = kt_legacy_iter_next(&it, &m, err)) > 0)
		if (legacy_record_line(d, lc, &m, bl->ts_type, err) < 0)
			return err ? -err->code : -KT_EIO;
	if (rc < 0)
		return kt_dl_jfail(d, err, KT_EPROTO,
				   "org.apache.kafka.common.errors."
				   "CorruptRecordException: %s",
				   err ? err->msg : "bad message");
	return 0;
}
