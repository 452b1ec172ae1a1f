/*
 * format/dumplog_log.c - kafka-dump-log over a .log segment: the batch
 * lines (DumpLogSegments.dumpLog), the batch scan with CRC and offset checks,
 * kafkit's --summary and --verify totals, and the walk over a whole segment.
 */
#include "format/dumplog_int.h"

const char *kt_dl_codec_name(int c)
{
	static const char *const n[] = {"none", "gzip", "snappy", "lz4",
					"zstd"};

	return c >= 0 && c < 5 ? n[c] : NULL;
}

static int batch_header(struct kt_dumplog *d, struct kt_segfile *f,
			const struct kt_logbatch *lb, const char *name,
			uint64_t slice_end, struct bline *bl,
			struct kt_err *err)
{
	const uint8_t *h = lb->p;

	memset(bl, 0, sizeof(*bl));
	bl->magic = lb->magic;
	bl->size = (int64_t)lb->len;
	if (lb->magic >= 2) {
		if (lb->len < KT_BATCH_HEADER_LEN) {
			struct kt_err e2;

			if (kt_segfile_get(f, lb->pos, KT_BATCH_HEADER_LEN, &h,
					   &e2) < 0)
				return kt_dl_jfail(
					d, err, KT_ETRUNC,
					"org.apache.kafka.common.KafkaException"
					": Failed to load record batch at "
					"position %llu from FileRecords(size="
					"%llu, file=%s, start=0, end=%llu)",
					(unsigned long long)lb->pos,
					(unsigned long long)slice_end, name,
					(unsigned long long)slice_end);
		}
		bl->base_offset = (int64_t)kt_be64(h);
		bl->ple = (int32_t)kt_be32(h + 12);
		bl->crc = kt_be32(h + 17);
		bl->attr = (int16_t)kt_be16(h + 21);
		bl->last_offset = bl->base_offset + (int32_t)kt_be32(h + 23);
		bl->base_ts = (int64_t)kt_be64(h + 27);
		bl->max_ts = (int64_t)kt_be64(h + 35);
		bl->pid = (int64_t)kt_be64(h + 43);
		bl->epoch = (int16_t)kt_be16(h + 51);
		bl->base_seq = (int32_t)kt_be32(h + 53);
		bl->count = (int32_t)kt_be32(h + 57);
		bl->last_seq =
			kt_sequence_add(bl->base_seq, (int32_t)kt_be32(h + 23));
		bl->ts_type = (bl->attr & KT_ATTR_LOG_APPEND_TIME)
				      ? KT_TS_LOG_APPEND
				      : KT_TS_CREATE;
		bl->codec = bl->attr & KT_ATTR_CODEC_MASK;
		/* h may now view another window: the CRC needs lb's bytes,
		 * which are only valid when lb is long enough anyway. */
		if (lb->len >= KT_BATCH_HEADER_LEN && h == lb->p)
			bl->valid = kt_crc32c(0, lb->p + KT_BATCH_CRC_START,
					      lb->len - KT_BATCH_CRC_START) ==
				    bl->crc;
		(void)d;
	} else {
		bl->base_offset = bl->last_offset = (int64_t)kt_be64(h);
		bl->crc = kt_be32(h + 12);
		bl->attr = h[17];
		bl->codec = bl->attr & KT_ATTR_CODEC_MASK;
		if (lb->magic == 1) {
			bl->max_ts = (int64_t)kt_be64(h + 18);
			bl->ts_type =
				(bl->attr & KT_LEGACY_ATTR_LOG_APPEND_TIME)
					? KT_TS_LOG_APPEND
					: KT_TS_CREATE;
		} else {
			bl->max_ts = -1;
			bl->ts_type = KT_TS_NONE;
		}
		bl->valid = kt_crc32(0, lb->p + 16, lb->len - 16) == bl->crc;
	}
	return 0;
}

const char *kt_dl_ts_name(int t)
{
	return kt_ts_type_name(t);
}

static int print_batch_line(struct kt_dumplog *d, const struct bline *bl,
			    uint64_t position, struct kt_err *err)
{
	struct kt_buf *b = &d->out;

	if (bl->magic >= 2) {
		put(b, "baseOffset: ");
		put_i64(b, bl->base_offset);
		put(b, " lastOffset: ");
		put_i64(b, bl->last_offset);
		put(b, " count: ");
		put_i64(b, bl->count);
		put(b, " baseSequence: ");
		put_i64(b, bl->base_seq);
		put(b, " lastSequence: ");
		put_i64(b, bl->last_seq);
		put(b, " producerId: ");
		put_i64(b, bl->pid);
		put(b, " producerEpoch: ");
		put_i64(b, bl->epoch);
		put(b, " partitionLeaderEpoch: ");
		put_i64(b, bl->ple);
		put(b, " isTransactional: ");
		put_bool(b, bl->attr & KT_ATTR_TRANSACTIONAL);
		put(b, " isControl: ");
		put_bool(b, bl->attr & KT_ATTR_CONTROL);
		put(b, " deleteHorizonMs: ");
		/* Java reads baseTimestamp for the horizon. */
		if (bl->attr & KT_ATTR_DELETE_HORIZON) {
			put(b, "OptionalLong[");
			put_i64(b, bl->base_ts);
			put(b, "]");
		} else {
			put(b, "OptionalLong.empty");
		}
	} else {
		put(b, "offset: ");
		put_i64(b, bl->last_offset);
	}
	if (!kt_dl_codec_name(bl->codec)) {
		/* Java prints up to here, then dies in compressionType(). */
		return kt_dl_jfail(
			d, err, KT_EPROTO,
			"java.lang.IllegalArgumentException: Unknown "
			"compression type id: %d",
			bl->codec);
	}
	put(b, " position: ");
	put_i64(b, (int64_t)position);
	put(b, " ");
	put(b, kt_dl_ts_name(bl->ts_type));
	put(b, ": ");
	put_i64(b, bl->max_ts);
	put(b, " size: ");
	put_i64(b, bl->size);
	put(b, " magic: ");
	put_i64(b, bl->magic);
	put(b, " compresscodec: ");
	put(b, kt_dl_codec_name(bl->codec));
	put(b, " crc: ");
	put_i64(b, (int64_t)bl->crc);
	put(b, " isvalid: ");
	put_bool(b, bl->valid);
	put(b, "\n");
	return 0;
}

static void stats_reset(struct kt_dumplog *d)
{
	memset(&d->st, 0, sizeof(d->st));
	d->st.first_offset = -1;
	d->st.last_offset = -1;
	d->st.min_ts = INT64_MAX;
	d->st.max_ts = INT64_MIN;
}

static void stats_pid(struct kt_dumplog *d, int64_t pid)
{
	size_t i;

	if (pid < 0)
		return;
	for (i = 0; i < d->st.npids; i++)
		if (d->st.pids[i] == pid)
			return;
	if (d->st.npids < sizeof(d->st.pids) / sizeof(d->st.pids[0]))
		d->st.pids[d->st.npids++] = pid;
	else
		d->st.more_pids++;
}

static void stats_batch(struct kt_dumplog *d, const struct bline *bl)
{
	d->st.batches++;
	if (d->st.first_offset < 0)
		d->st.first_offset =
			bl->magic >= 2 ? bl->base_offset : bl->last_offset;
	d->st.last_offset = bl->last_offset;
	if (bl->max_ts >= 0 && bl->max_ts < d->st.min_ts)
		d->st.min_ts = bl->max_ts;
	if (bl->max_ts > d->st.max_ts)
		d->st.max_ts = bl->max_ts;
	d->st.codecs[bl->codec & 7]++;
	d->st.magics |= 1 << (bl->magic & 3);
	if (!bl->valid)
		d->st.bad_crc++;
	if (bl->magic >= 2) {
		stats_pid(d, bl->pid);
		if (bl->attr & KT_ATTR_CONTROL)
			d->st.control_batches++;
		if (bl->attr & KT_ATTR_TRANSACTIONAL)
			d->st.txn_batches++;
	}
	d->st.bytes += (uint64_t)bl->size;
}

/* A problem found by --verify: one stderr line, counted. */
int kt_dl_problem(struct kt_dumplog *d, const char *name, const char *what,
		  struct kt_err *err)
{
	char line[600];

	d->problems++;
	snprintf(line, sizeof(line), "%s: %s", name, what);
	return kt_dl_err_line(d, line, err);
}

/* Decode every record of one batch without printing: counts, the
 * compression ratio, the CRC of legacy inner messages. Returns 0, or
 * negative with err filled when the batch does not decode. */
static int scan_batch(struct kt_dumplog *d, const struct kt_logbatch *lb,
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
		if (kt_batch_codec(&batch) != KT_CODEC_NONE) {
			d->st.comp_bytes += batch.records.len;
			d->st.uncomp_bytes += recs.len;
		}
		while ((rc = kt_record_iter_next(&it, &rec, err)) > 0) {
			d->st.records++;
			if (kt_batch_is_control(&batch))
				d->st.control_records++;
		}
		return rc;
	} else {
		struct kt_legacy w, m;
		struct kt_legacy_iter it;
		bool single;

		rc = kt_dl_legacy_open(d, lb, &w, &it, &single, err);
		if (rc < 0)
			return rc;
		if (single) {
			d->st.records++;
			return 0;
		}
		d->st.comp_bytes += w.value.len;
		d->st.uncomp_bytes += d->scratch.len;
		while ((rc = kt_legacy_iter_next(&it, &m, err)) > 0) {
			d->st.records++;
			if (!kt_legacy_crc_ok(&m)) {
				char what[160];

				snprintf(what, sizeof(what),
					 "message at offset %lld inside the "
					 "wrapper at byte %llu: crc mismatch",
					 (long long)m.offset,
					 (unsigned long long)lb->pos);
				kt_dl_problem(d, "", what, NULL);
			}
		}
		return rc;
	}
}

static void summary_text(struct kt_dumplog *d, const char *name, uint64_t valid,
			 uint64_t trailing)
{
	struct kt_buf *b = &d->out;
	size_t i;
	bool first = true;

	kt_buf_printf(b, "%s:\n", name);
	kt_buf_printf(b,
		      "  batches: %llu (control: %llu, transactional: %llu)"
		      "  records: %llu (control: %llu)\n",
		      (unsigned long long)d->st.batches,
		      (unsigned long long)d->st.control_batches,
		      (unsigned long long)d->st.txn_batches,
		      (unsigned long long)d->st.records,
		      (unsigned long long)d->st.control_records);
	if (d->st.batches)
		kt_buf_printf(b, "  offsets: %lld..%lld\n",
			      (long long)d->st.first_offset,
			      (long long)d->st.last_offset);
	if (d->st.min_ts <= d->st.max_ts)
		kt_buf_printf(b, "  max timestamps: %lld..%lld\n",
			      (long long)d->st.min_ts, (long long)d->st.max_ts);
	put(b, "  magic:");
	for (i = 0; i < 3; i++)
		if (d->st.magics & (1 << i))
			kt_buf_printf(b, " %zu", i);
	put(b, "\n  codecs:");
	for (i = 0; i < 8; i++) {
		if (!d->st.codecs[i])
			continue;
		kt_buf_printf(b, " %s=%llu",
			      kt_dl_codec_name((int)i)
				      ? kt_dl_codec_name((int)i)
				      : "?",
			      (unsigned long long)d->st.codecs[i]);
	}
	put(b, "\n");
	if (d->st.comp_bytes)
		kt_buf_printf(b,
			      "  compressed: %llu bytes -> %llu bytes "
			      "(ratio %.2f)\n",
			      (unsigned long long)d->st.comp_bytes,
			      (unsigned long long)d->st.uncomp_bytes,
			      (double)d->st.uncomp_bytes /
				      (double)d->st.comp_bytes);
	put(b, "  producer ids:");
	for (i = 0; i < d->st.npids; i++) {
		kt_buf_printf(b, "%s%lld", first ? " " : ", ",
			      (long long)d->st.pids[i]);
		first = false;
	}
	if (d->st.more_pids)
		kt_buf_printf(b, " and %llu more",
			      (unsigned long long)d->st.more_pids);
	if (first)
		put(b, " none");
	kt_buf_printf(b,
		      "\n  bytes: %llu in batches, %llu trailing; crc "
		      "failures: %llu\n",
		      (unsigned long long)valid, (unsigned long long)trailing,
		      (unsigned long long)d->st.bad_crc);
}

static int snapshot_name(struct kt_dumplog *d, const char *fname, int64_t *off,
			 int32_t *epoch, struct kt_err *err)
{
	size_t len = strlen(fname);
	char tmp[32];
	int64_t v;
	const char *q;
	bool neg;

	if (len < 20)
		return kt_dl_jfail(
			d, err, KT_EINVAL,
			"java.lang.StringIndexOutOfBoundsException: begin "
			"0, end 20, length %zu",
			len);
	memcpy(tmp, fname, 20);
	tmp[20] = '\0';
	if (kt_seg_base_offset(tmp, off) < 0)
		return kt_dl_jfail(d, err, KT_EINVAL,
				   "java.lang.NumberFormatException: For input "
				   "string: \"%s\"",
				   tmp);
	if (len < 31)
		return kt_dl_jfail(
			d, err, KT_EINVAL,
			"java.lang.StringIndexOutOfBoundsException: begin "
			"21, end 31, length %zu",
			len);
	memcpy(tmp, fname + 21, 10);
	tmp[10] = '\0';
	q = tmp;
	neg = *q == '-';
	if (*q == '-' || *q == '+')
		q++;
	v = 0;
	if (!*q)
		goto bad;
	for (; *q; q++) {
		if (*q < '0' || *q > '9')
			goto bad;
		v = v * 10 + (*q - '0');
	}
	if (neg)
		v = -v;
	if (v > INT32_MAX || v < INT32_MIN)
		goto bad;
	*epoch = (int32_t)v;
	return 0;
bad:
	return kt_dl_jfail(d, err, KT_EINVAL,
			   "java.lang.NumberFormatException: For input string: "
			   "\"%s\"",
			   tmp);
}

int kt_dl_dump_log(struct kt_dumplog *d, const char *name, const char *abs,
		   bool is_log, struct kt_err *err)
{
	const char *fname = kt_dl_base_name(name);
	struct kt_segfile f;
	struct kt_logscan s;
	struct kt_logbatch lb;
	struct logctx lc = {abs, -1, NULL};
	struct kt_err oerr;
	uint64_t valid = 0, slice_end;
	int rc;

	if (is_log) {
		int64_t base;

		rc = kt_dl_number_prefix(d, fname, &base, err);
		if (rc < 0)
			return rc;
		if (d->o.format == KT_DL_TEXT && !d->o.verify) {
			put(&d->out, "Log starting offset: ");
			put_i64(&d->out, base);
			put(&d->out, "\n");
		}
	} else if (strcmp(fname, "bootstrap.checkpoint") == 0) {
		if (d->o.format == KT_DL_TEXT && !d->o.verify)
			put(&d->out, "KRaft bootstrap snapshot\n");
	} else {
		int64_t off = 0;
		int32_t epoch = 0;

		rc = snapshot_name(d, fname, &off, &epoch, err);
		if (rc < 0)
			return rc;
		if (d->o.format == KT_DL_TEXT && !d->o.verify) {
			put(&d->out, "Snapshot end offset: ");
			put_i64(&d->out, off);
			put(&d->out, ", epoch: ");
			put_i64(&d->out, epoch);
			put(&d->out, "\n");
		}
	}
	if (kt_segfile_open(&f, name, &oerr) < 0)
		return kt_dl_no_such_file(d, err, name, &oerr);
	if (d->o.readahead) {
		/* pinned when record values may be written from the file */
		bool pin = d->sink.writev && d->o.format == KT_DL_TEXT &&
			   !d->o.verify && d->o.deep && d->o.print_data;

		d->pinned = kt_segfile_readahead(&f, 0, pin) == 0 && pin;
	}
	if (d->o.max_bytes < 0) {
		rc = kt_dl_jfail(
			d, err, KT_EINVAL,
			"java.lang.IllegalArgumentException: Invalid size: "
			"%d in read from FileRecords(size=%llu, file=%s, "
			"start=0, end=2147483647)",
			(int)d->o.max_bytes, (unsigned long long)f.size, name);
		goto out;
	}
	slice_end = f.size < (uint64_t)d->o.max_bytes
			    ? f.size
			    : (uint64_t)d->o.max_bytes;
	if (d->o.format == KT_DL_JSON) {
		json_t *o = json_object();

		json_object_set_new(o, "type", json_string("file"));
		json_object_set_new(o, "name", json_string(name));
		json_object_set_new(o, "kind",
				    json_string(is_log ? "log" : "snapshot"));
		json_object_set_new(o, "size",
				    json_integer((json_int_t)f.size));
		if (kt_dl_json_line(d, o, err) < 0) {
			rc = -KT_EIO;
			goto out;
		}
	}
	stats_reset(d);
	kt_logscan_init(&s, &f, 0, slice_end);
	for (;;) {
		struct bline bl;

		rc = kt_logscan_next(&s, &lb, &oerr);
		if (f.nretired > 0) {
			/* queued views may point into the windows left */
			int r2 = kt_dl_flush_out(d, err);

			kt_segfile_unpin(&f);
			if (r2 < 0) {
				rc = r2;
				goto out;
			}
		}
		if (rc == -KT_EBADLEN) {
			rc = kt_dl_jfail(
				d, err, KT_EBADLEN,
				"org.apache.kafka.common.errors."
				"CorruptRecordException: Found record size "
				"%d smaller than minimum record overhead "
				"(14) in file %s.",
				(int)lb.size, name);
			if (d->o.verify)
				kt_dl_problem(d, name, oerr.msg, NULL);
			goto out;
		}
		if (rc < 0) {
			rc = kt_err_set(err, oerr.code, "%s", oerr.msg);
			goto out;
		}
		if (rc == 0)
			break;
		rc = batch_header(d, &f, &lb, name, slice_end, &bl, err);
		if (rc < 0)
			goto out;
		if (lb.len < KT_BATCH_HEADER_LEN && lb.magic >= 2) {
			/* the header load may have moved the window */
			rc = kt_segfile_get(&f, lb.pos, lb.len, &lb.p, err);
			if (rc < 0)
				goto out;
		}
		stats_batch(d, &bl);
		if (d->o.format == KT_DL_TEXT && !d->o.verify) {
			rc = print_batch_line(d, &bl, valid, err);
			if (rc < 0)
				goto out;
			if (d->o.deep) {
				rc = lb.magic >= 2
					     ? kt_dl_dump_records_v2(
						       d, &lc, &lb, name, err)
					     : kt_dl_dump_records_legacy(
						       d, &lc, &lb, &bl, err);
				d->zc_on = false;
				if (rc < 0)
					goto out;
			}
		} else if (d->o.format == KT_DL_JSON && !d->o.verify) {
			rc = kt_dl_json_line(d, kt_dl_json_batch(&bl, valid),
					     err);
			if (rc >= 0)
				rc = kt_dl_json_records(d, &lb, err);
			if (rc < 0) {
				if (err && err->msg[0] == '\0')
					kt_err_set(err, KT_EPROTO,
						   "batch at byte %llu does "
						   "not decode",
						   (unsigned long long)lb.pos);
				goto out;
			}
		} else {
			struct kt_err e2;

			if (!bl.valid && d->o.verify) {
				char what[200];

				snprintf(what, sizeof(what),
					 "batch at byte %llu: crc mismatch "
					 "(stored %u)",
					 (unsigned long long)lb.pos, bl.crc);
				kt_dl_problem(d, name, what, NULL);
			}
			if (scan_batch(d, &lb, &e2) < 0 && d->o.verify)
				kt_dl_problem(d, name, e2.msg, NULL);
		}
		valid += lb.len;
		rc = kt_dl_maybe_flush(d, err);
		if (rc < 0)
			goto out;
	}
	rc = 0;
	if (d->o.format == KT_DL_TEXT && !d->o.verify) {
		if (slice_end > valid && d->o.max_bytes == JAVA_INT_MAX)
			kt_buf_printf(&d->out,
				      "Found %llu invalid bytes at the end of "
				      "%s\n",
				      (unsigned long long)(slice_end - valid),
				      fname);
	} else if (d->o.format == KT_DL_JSON && !d->o.verify) {
		json_t *o = json_object();

		json_object_set_new(o, "type", json_string("end"));
		json_object_set_new(o, "validBytes",
				    json_integer((json_int_t)valid));
		json_object_set_new(
			o, "invalidBytes",
			json_integer((json_int_t)(slice_end - valid)));
		rc = kt_dl_json_line(d, o, err);
	} else if (d->o.verify) {
		if (slice_end > valid && d->o.max_bytes == JAVA_INT_MAX) {
			char what[200];

			snprintf(what, sizeof(what),
				 "truncated or invalid data at byte %llu: %llu "
				 "bytes",
				 (unsigned long long)valid,
				 (unsigned long long)(slice_end - valid));
			kt_dl_problem(d, name, what, NULL);
		}
	} else {
		summary_text(d, name, valid, slice_end - valid);
	}
out:
	return kt_dl_file_done(d, &f, rc, err);
}
