/*
 * format/dumplog_snapshot.c - kafka-dump-log over producer-state .snapshot
 * files (DumpLogSegments.dumpProducerIdSnapshot) and transaction indexes
 * (.txnindex, dumpTxnIndex).
 */
#include "format/dumplog_int.h"

int kt_dl_dump_snapshot(struct kt_dumplog *d, const char *name,
			struct kt_err *err)
{
	struct kt_snapshot s;
	struct kt_err oerr;
	char line[400];
	int32_t i;
	int rc;

	rc = kt_snapshot_open(&s, name, &oerr);
	if (rc < 0) {
		kt_snapshot_release(&s);
		return kt_dl_no_such_file(d, err, name, &oerr);
	}
	switch (s.problem) {
	case KT_SNAP_SCHEMA:
		snprintf(line, sizeof(line),
			 "Snapshot failed schema validation: %s", s.schema_msg);
		break;
	case KT_SNAP_VERSION:
		snprintf(line, sizeof(line),
			 "Snapshot contained an unknown file version %d",
			 (int)s.version);
		break;
	case KT_SNAP_CRC:
		snprintf(line, sizeof(line),
			 "Snapshot is corrupt (CRC is no longer valid). Stored "
			 "crc: %u. Computed crc: %u",
			 s.crc_stored, s.crc_computed);
		break;
	default:
		line[0] = '\0';
	}
	if (line[0]) {
		if (d->o.verify)
			d->problems++;
		rc = kt_dl_err_line(d, line, err);
		kt_snapshot_release(&s);
		return rc;
	}
	for (i = 0; i < s.count; i++) {
		struct kt_producer_entry e;
		struct kt_buf *b = &d->out;

		rc = kt_snapshot_entry(&s, i, &e, err);
		if (rc < 0)
			break;
		if (d->o.verify || d->o.format == KT_DL_SUMMARY)
			continue;
		if (d->o.format == KT_DL_JSON) {
			json_t *o = json_object();

			json_object_set_new(o, "type", json_string("producer"));
			json_object_set_new(o, "producerId",
					    json_integer(e.producer_id));
			json_object_set_new(o, "producerEpoch",
					    json_integer(e.epoch));
			json_object_set_new(o, "coordinatorEpoch",
					    json_integer(e.coordinator_epoch));
			json_object_set_new(
				o, "currentTxnFirstOffset",
				e.current_txn_first_offset < 0
					? json_null()
					: json_integer(
						  e.current_txn_first_offset));
			json_object_set_new(o, "lastSequence",
					    json_integer(e.last_sequence));
			json_object_set_new(o, "lastOffset",
					    json_integer(e.last_offset));
			json_object_set_new(o, "offsetDelta",
					    json_integer(e.offset_delta));
			json_object_set_new(o, "timestamp",
					    json_integer(e.timestamp));
			rc = kt_dl_json_line(d, o, err);
			if (rc < 0)
				break;
			continue;
		}
		put(b, "producerId: ");
		put_i64(b, e.producer_id);
		put(b, " producerEpoch: ");
		put_i64(b, e.epoch);
		put(b, " coordinatorEpoch: ");
		put_i64(b, e.coordinator_epoch);
		put(b, " currentTxnFirstOffset: ");
		if (e.current_txn_first_offset < 0) {
			put(b, "OptionalLong.empty");
		} else {
			put(b, "OptionalLong[");
			put_i64(b, e.current_txn_first_offset);
			put(b, "]");
		}
		put(b, " lastTimestamp: ");
		put_i64(b, e.timestamp);
		if (e.last_offset >= 0) {
			put(b, " firstSequence: ");
			/* lastSeq - offsetDelta, wrapping below 0 */
			put_i64(b, e.last_sequence - e.offset_delta < 0
					   ? (int64_t)e.last_sequence -
						     e.offset_delta +
						     INT32_MAX + 1
					   : (int64_t)e.last_sequence -
						     e.offset_delta);
			put(b, " lastSequence: ");
			put_i64(b, e.last_sequence);
			put(b, " lastOffset: ");
			put_i64(b, e.last_offset);
			put(b, " offsetDelta: ");
			put_i64(b, e.offset_delta);
			put(b, " timestamp: ");
			put_i64(b, e.timestamp);
		}
		put(b, "\n");
		rc = kt_dl_maybe_flush(d, err);
		if (rc < 0)
			break;
	}
	kt_snapshot_release(&s);
	return rc < 0 ? rc : 0;
}

int kt_dl_dump_txn_index(struct kt_dumplog *d, const char *name,
			 const char *abs, struct kt_err *err)
{
	struct kt_segfile f;
	struct kt_err oerr;
	uint64_t i, n;
	int rc = 0;

	if (kt_segfile_open(&f, name, &oerr) < 0)
		return kt_dl_no_such_file(d, err, name, &oerr);
	n = f.size / KT_TXN_ENTRY_SIZE;
	/* Java reads every entry (and checks its version) before printing. */
	for (i = 0; i < n; i++) {
		struct kt_aborted_txn t;

		rc = kt_txn_index_entry(&f, i, &t, err);
		if (rc < 0)
			goto out;
		if ((int8_t)(t.version >> 8) > 0) {
			rc = kt_dl_jfail(
				d, err, KT_EPROTO,
				"org.apache.kafka.common.KafkaException: "
				"Unexpected aborted transaction version "
				"%d in transaction index %s, current "
				"version is 0",
				(int)(int8_t)(t.version >> 8), abs);
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		struct kt_aborted_txn t;
		struct kt_buf *b = &d->out;

		rc = kt_txn_index_entry(&f, i, &t, err);
		if (rc < 0)
			break;
		/* Java's AbortedTxn.version() reads the first byte only. */
		t.version = (int8_t)(t.version >> 8);
		if (d->o.verify || d->o.format == KT_DL_SUMMARY)
			continue;
		if (d->o.format == KT_DL_JSON) {
			json_t *o = json_object();

			json_object_set_new(o, "type",
					    json_string("aborted_txn"));
			json_object_set_new(o, "version",
					    json_integer(t.version));
			json_object_set_new(o, "producerId",
					    json_integer(t.producer_id));
			json_object_set_new(o, "firstOffset",
					    json_integer(t.first_offset));
			json_object_set_new(o, "lastOffset",
					    json_integer(t.last_offset));
			json_object_set_new(o, "lastStableOffset",
					    json_integer(t.last_stable_offset));
			rc = kt_dl_json_line(d, o, err);
			if (rc < 0)
				break;
			continue;
		}
		put(b, "version: ");
		put_i64(b, t.version);
		put(b, " producerId: ");
		put_i64(b, t.producer_id);
		put(b, " firstOffset: ");
		put_i64(b, t.first_offset);
		put(b, " lastOffset: ");
		put_i64(b, t.last_offset);
		put(b, " lastStableOffset: ");
		put_i64(b, t.last_stable_offset);
		put(b, "\n");
		rc = kt_dl_maybe_flush(d, err);
		if (rc < 0)
			break;
	}
out:
	return kt_dl_file_done(d, &f, rc, err);
}
