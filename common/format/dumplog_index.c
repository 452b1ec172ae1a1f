/*
 * format/dumplog_index.c - kafka-dump-log over .index and .timeindex files:
 * the entries, --index-sanity-check and --verify-index-only against the
 * .log segment beside them (DumpLogSegments.dumpIndex and dumpTimeIndex).
 */
#include "format/dumplog_int.h"

/* Open the index sibling the way Java's OffsetIndex/TimeIndex constructor
 * does: a missing file is created by Java and then refused. */
static int open_index(struct kt_dumplog *d, struct kt_index *ix,
		      const char *path, int64_t base, size_t esz,
		      struct kt_err *err)
{
	struct kt_err oerr;

	if (kt_index_open(ix, path, base, esz, &oerr) == 0)
		return 0;
	if (oerr.code == KT_ENOTFOUND)
		return kt_dl_jfail(
			d, err, KT_ENOTFOUND,
			"java.lang.IllegalArgumentException: Invalid max "
			"index size: -1");
	return kt_dl_jfail(d, err, oerr.code, "java.io.IOException: %s",
			   oerr.msg);
}

/* The last offset of the batch at position pos, reading at most limit
 * bytes (Java: fileRecords.slice(pos, limit).batches().iterator().next()).
 * Returns 1 with *last, 0 when no batch is there (Java: the iterator is
 * empty), negative with err filled on a Java failure. */
static int batch_last_offset(struct kt_dumplog *d, struct kt_segfile *log,
			     const char *logabs, int32_t pos, int64_t limit,
			     int64_t *last, struct kt_err *err)
{
	struct kt_logscan s;
	struct kt_logbatch lb;
	struct kt_err oerr;
	const uint8_t *h;
	uint64_t end;
	int rc;

	if (pos < 0)
		return kt_dl_jfail(
			d, err, KT_EINVAL,
			"java.lang.IllegalArgumentException: Invalid "
			"position: %d in read from FileRecords(size=%llu, "
			"file=%s, start=0, end=2147483647)",
			(int)pos, (unsigned long long)log->size, logabs);
	if ((uint64_t)pos > log->size)
		return kt_dl_jfail(
			d, err, KT_EINVAL,
			"java.lang.IllegalArgumentException: Slice from "
			"position %d exceeds end position of "
			"FileRecords(size=%llu, file=%s, start=0, "
			"end=2147483647)",
			(int)pos, (unsigned long long)log->size, logabs);
	end = (uint64_t)pos + (uint64_t)limit;
	if (end > log->size || (int64_t)pos + limit > JAVA_INT_MAX)
		end = log->size;
	kt_logscan_init(&s, log, (uint64_t)pos, end);
	rc = kt_logscan_next(&s, &lb, &oerr);
	if (rc == -KT_EBADLEN)
		return kt_dl_jfail(
			d, err, KT_EBADLEN,
			"org.apache.kafka.common.errors."
			"CorruptRecordException: Found record size %d "
			"smaller than minimum record overhead (14) in "
			"file %s.",
			(int)lb.size, logabs);
	if (rc < 0)
		return kt_err_set(err, oerr.code, "%s", oerr.msg);
	if (rc == 0)
		return 0;
	if (lb.magic < 2) {
		*last = lb.offset;
		return 1;
	}
	if (kt_segfile_get(log, lb.pos, KT_BATCH_HEADER_LEN, &h, &oerr) < 0)
		return kt_dl_jfail(
			d, err, KT_ETRUNC,
			"org.apache.kafka.common.KafkaException: Failed "
			"to load record batch at position %llu",
			(unsigned long long)lb.pos);
	*last = (int64_t)kt_be64(h) + (int32_t)kt_be32(h + 23);
	return 1;
}

static int sanity_fail(struct kt_dumplog *d, int which, const char *abs,
		       int64_t a, int64_t b, bool time, struct kt_err *err)
{
	const char *cls = "org.apache.kafka.storage.internals.log."
			  "CorruptIndexException";

	if (which == KT_INDEX_LAST_TIMESTAMP)
		return kt_dl_jfail(
			d, err, KT_EPROTO,
			"%s: Corrupt time index found, time index file "
			"(%s) has non-zero size but the last timestamp "
			"is %lld which is less than the first timestamp "
			"%lld",
			cls, abs, (long long)a, (long long)b);
	if (which == KT_INDEX_LAST_OFFSET && time)
		return kt_dl_jfail(
			d, err, KT_EPROTO,
			"%s: Corrupt time index found, time index file "
			"(%s) has non-zero size but the last offset is "
			"%lld which is less than the first offset %lld",
			cls, abs, (long long)a, (long long)b);
	if (which == KT_INDEX_LAST_OFFSET)
		return kt_dl_jfail(
			d, err, KT_EPROTO,
			"%s: Corrupt index found, index file %s has "
			"non-zero size but the last offset is %lld which "
			"is less than the base offset %lld",
			cls, abs, (long long)a, (long long)b);
	return kt_dl_jfail(
		d, err, KT_EPROTO,
		"%s: %s file %s is corrupt, found %lld bytes which is "
		"neither positive nor a multiple of %lld",
		cls, time ? "Time index" : "Index", abs, (long long)a,
		(long long)b);
}

/* --index-sanity-check of one index: Apache's CorruptIndexException, or
 * under --verify a problem line; "passed sanity check" otherwise. */
static int sanity_check(struct kt_dumplog *d, struct kt_index *ix,
			const char *name, const char *abs, bool time,
			struct kt_err *err)
{
	int64_t a, b;
	int rc = kt_index_sanity(ix, &a, &b, err);

	if (rc > 0) {
		rc = sanity_fail(d, rc, abs, a, b, time, err);
		if (d->o.verify) {
			kt_dl_problem(d, name,
				      time ? "time index sanity check failed"
					   : "index sanity check failed",
				      NULL);
			rc = 0;
		}
	} else if (rc == 0 && !d->o.verify)
		kt_buf_printf(&d->out, "%s passed sanity check.\n", name);
	return rc;
}

int kt_dl_dump_index(struct kt_dumplog *d, const char *name, const char *abs,
		     struct kt_err *err)
{
	char logpath[4200];
	struct kt_segfile log;
	struct kt_index ix;
	struct kt_err oerr;
	struct fentry *mis = NULL;
	int64_t base;
	size_t i;
	int rc;

	rc = kt_dl_number_prefix(d, kt_dl_base_name(name), &base, err);
	if (rc < 0)
		return rc;
	kt_dl_sibling(abs, ".log", logpath, sizeof(logpath));
	if (kt_segfile_open(&log, logpath, &oerr) < 0)
		return kt_dl_no_such_file(d, err, logpath, &oerr);
	rc = open_index(d, &ix, name, base, 8, err);
	if (rc < 0)
		goto out_log;
	if (ix.entries == 0) {
		if (d->o.format == KT_DL_TEXT && !d->o.verify)
			kt_buf_printf(&d->out, "%s is empty.\n", name);
		goto out;
	}
	if (d->o.index_sanity) {
		rc = sanity_check(d, &ix, name, abs, false, err);
		goto out;
	}
	for (i = 0; i < ix.entries; i++) {
		struct kt_offset_entry e;
		int64_t last = 0;

		rc = kt_offset_index_entry(&ix, i, &e, err);
		if (rc < 0)
			goto out;
		if (e.offset == base && i > 0)
			break;
		/*
		 * --verify: a first entry (base, 0) is an unwritten slot of
		 * the preallocated index of an active segment (a broker adds
		 * its first entry after index.interval.bytes of log, never
		 * at position 0). Apache's dump reads it as an entry and
		 * reports a mismatch, or fails when the log is empty.
		 */
		if (d->o.verify && i == 0 && e.offset == base &&
		    e.position == 0)
			break;
		rc = batch_last_offset(d, &log, logpath, e.position,
				       d->o.max_message_size, &last, err);
		if (rc < 0)
			goto out;

		if (rc == 0) {
			rc = kt_dl_jfail(d, err, KT_ENOTFOUND,
					 "java.util.NoSuchElementException");
			goto out;
		}
		if (last != e.offset) {
			if (!mis)
				mis = kt_dl_fmap_get(&d->idx_mismatch, abs);
			if (!mis || kt_dl_fentry_add(mis, e.offset, last) < 0) {
				rc = kt_err_set(err, KT_ENOMEM, "no memory");
				goto out;
			}
			d->problems++;
		}
		if (d->o.verify_index_only || d->o.verify ||
		    d->o.format == KT_DL_SUMMARY)
			continue;
		if (d->o.format == KT_DL_JSON) {
			json_t *o = json_object();

			json_object_set_new(o, "type",
					    json_string("index_entry"));
			json_object_set_new(o, "offset",
					    json_integer(e.offset));
			json_object_set_new(o, "position",
					    json_integer(e.position));
			json_object_set_new(o, "logLastOffset",
					    json_integer(last));
			rc = kt_dl_json_line(d, o, err);
			if (rc < 0)
				goto out;
		} else {
			put(&d->out, "offset: ");
			put_i64(&d->out, e.offset);
			put(&d->out, " position: ");
			put_i64(&d->out, e.position);
			put(&d->out, "\n");
		}
		rc = kt_dl_maybe_flush(d, err);
		if (rc < 0)
			goto out;
	}
	rc = 0;
out:
	kt_index_release(&ix);
out_log:
	kt_segfile_release(&log);
	return rc;
}

/* The max record timestamp of a batch (Java iterates its records). */
static int batch_max_record_ts(struct kt_dumplog *d,
			       const struct kt_logbatch *lb, int64_t *max,
			       struct kt_err *err)
{
	int rc;

	*max = -1;
	if (lb->magic >= 2) {
		struct kt_batch batch;
		struct kt_bytes recs;
		struct kt_record_iter it;
		struct kt_record rec;

		rc = kt_dl_batch_open(d, lb, &batch, &recs, &it, err);
		if (rc < 0)
			return rc;
		while ((rc = kt_record_iter_next(&it, &rec, err)) > 0)
			if (rec.timestamp > *max)
				*max = rec.timestamp;
		return rc < 0 ? rc : 0;
	} else {
		struct kt_legacy w, m;
		struct kt_legacy_iter it;
		bool single;

		rc = kt_dl_legacy_open(d, lb, &w, &it, &single, err);
		if (rc < 0)
			return rc;
		if (single) {
			*max = w.timestamp;
			return 0;
		}
		while ((rc = kt_legacy_iter_next(&it, &m, err)) > 0)
			if (m.timestamp > *max)
				*max = m.timestamp;
		return rc < 0 ? rc : 0;
	}
}

static int add_pair(struct kt_dumplog *d, struct fmap *m, const char *abs,
		    int64_t a, int64_t b, struct kt_err *err)
{
	struct fentry *e = kt_dl_fmap_get(m, abs);

	d->problems++;
	if (!e || kt_dl_fentry_add(e, a, b) < 0)
		return kt_err_set(err, KT_ENOMEM, "no memory");
	return 0;
}

int kt_dl_dump_time_index(struct kt_dumplog *d, const char *name,
			  const char *abs, struct kt_err *err)
{
	char logpath[4200], ixpath[4200];
	struct kt_segfile log;
	struct kt_index ix, tix;
	struct kt_err oerr;
	int64_t base, prev = -1;
	size_t i;
	int rc;

	rc = kt_dl_number_prefix(d, kt_dl_base_name(name), &base, err);
	if (rc < 0)
		return rc;
	kt_dl_sibling(abs, ".log", logpath, sizeof(logpath));
	kt_dl_sibling(abs, ".index", ixpath, sizeof(ixpath));
	if (kt_segfile_open(&log, logpath, &oerr) < 0)
		return kt_dl_no_such_file(d, err, logpath, &oerr);
	rc = open_index(d, &ix, ixpath, base, 8, err);
	if (rc < 0)
		goto out_log;
	rc = open_index(d, &tix, name, base, 12, err);
	if (rc < 0)
		goto out_ix;
	if (d->o.index_sanity) {
		rc = sanity_check(d, &tix, name, abs, true, err);
		goto out;
	}
	for (i = 0; i < tix.entries; i++) {
		struct kt_time_entry e;
		struct kt_offset_entry op;
		struct kt_logscan s;
		struct kt_logbatch lb;
		bool found = false;
		int64_t last = -1;

		rc = kt_time_index_entry(&tix, i, &e, err);
		if (rc < 0)
			goto out;
		if (e.offset == base && i > 0)
			break;
		if (d->o.verify && i == 0 && e.offset == base &&
		    e.timestamp == 0)
			break; /* an unwritten slot, see kt_dl_dump_index */
		rc = kt_offset_index_lookup(&ix, e.offset, &op, err);
		if (rc < 0)
			goto out;
		if (op.position < 0 || (uint64_t)op.position > log.size) {
			rc = batch_last_offset(d, &log, logpath, op.position, 0,
					       &last, err);
			goto out;
		}
		kt_logscan_init(&s, &log, (uint64_t)op.position, log.size);
		while ((rc = kt_logscan_next(&s, &lb, &oerr)) > 0) {
			const uint8_t *h;

			if (lb.magic >= 2) {
				if (lb.len < KT_BATCH_HEADER_LEN) {
					rc = kt_segfile_get(&log, lb.pos,
							    KT_BATCH_HEADER_LEN,
							    &h, err);
					if (rc < 0)
						goto out;
				} else {
					h = lb.p;
				}
				last = (int64_t)kt_be64(h) +
				       (int32_t)kt_be32(h + 23);
			} else {
				last = lb.offset;
			}
			if (last >= e.offset) {
				found = true;
				break;
			}
		}
		if (rc == -KT_EBADLEN) {
			rc = kt_dl_jfail(
				d, err, KT_EBADLEN,
				"org.apache.kafka.common.errors."
				"CorruptRecordException: Found record size "
				"%d smaller than minimum record overhead "
				"(14) in file %s.",
				(int)lb.size, logpath);
			goto out;
		}
		if (rc < 0) {
			rc = kt_err_set(err, oerr.code, "%s", oerr.msg);
			goto out;
		}
		if (!found) {
			rc = add_pair(d, &d->ts_notfound, abs, e.offset, -1,
				      err);
		} else if (last != e.offset) {
			rc = add_pair(d, &d->ts_notfound, abs, e.offset, last,
				      err);
		} else {
			int64_t maxts;

			if (lb.len < KT_BATCH_HEADER_LEN &&
			    kt_segfile_get(&log, lb.pos, lb.len, &lb.p, err) <
				    0) {
				rc = -KT_EIO;
				goto out;
			}
			rc = batch_max_record_ts(d, &lb, &maxts, err);
			if (rc < 0) {
				rc = kt_dl_jfail(d, err, KT_EPROTO,
						 "org.apache.kafka.common."
						 "InvalidRecordException: %s",
						 err ? err->msg : "bad batch");
				goto out;
			}
			if (maxts != e.timestamp)
				rc = add_pair(d, &d->ts_mismatch, abs,
					      e.timestamp, maxts, err);
			if (rc >= 0 && prev >= e.timestamp)
				rc = add_pair(d, &d->ts_order, abs, e.timestamp,
					      prev, err);
		}
		if (rc < 0)
			goto out;
		if (!d->o.verify_index_only && !d->o.verify &&
		    d->o.format != KT_DL_SUMMARY) {
			if (d->o.format == KT_DL_JSON) {
				json_t *o = json_object();

				json_object_set_new(
					o, "type",
					json_string("time_index_entry"));
				json_object_set_new(o, "timestamp",
						    json_integer(e.timestamp));
				json_object_set_new(o, "offset",
						    json_integer(e.offset));
				rc = kt_dl_json_line(d, o, err);
				if (rc < 0)
					goto out;
			} else {
				put(&d->out, "timestamp: ");
				put_i64(&d->out, e.timestamp);
				put(&d->out, " offset: ");
				put_i64(&d->out, e.offset);
				put(&d->out, "\n");
			}
		}
		prev = e.timestamp;
		rc = kt_dl_maybe_flush(d, err);
		if (rc < 0)
			goto out;
	}
	rc = 0;
out:
	kt_index_release(&tix);
out_ix:
	kt_index_release(&ix);
out_log:
	kt_segfile_release(&log);
	return rc;
}
