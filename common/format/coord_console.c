/*
 * format/coord_console.c - the coordinator record formatters of Apache's
 * console consumer (CoordinatorRecordMessageFormatter and its three
 * subclasses), over the schema interpreter of kafka-dump-log (coord_schema.h).
 */
#include "format/coord_console.h"
#include "storage/coord_schema.h"

static int fail(struct kt_buf *out, size_t mark, int64_t offset,
		const char *why, struct kt_err *err)
{
	out->len = mark;
	return kt_err_set(err, KT_EPROTO,
			  "java.lang.RuntimeException: Could not read record "
			  "at offset %lld due to: %s",
			  (long long)offset, why);
}

int kt_coord_console_format(enum kt_coord_console kind, struct kt_bytes key,
			    struct kt_bytes value, int64_t offset,
			    struct kt_buf *out, struct kt_err *err)
{
	const struct kt_crec *recs, *rec;
	size_t nrecs, mark = out->len;
	struct kt_reader r;
	char jmsg[200], why[300];
	int16_t type, ver;

	if (!key.p)
		return 0;
	if (kind == KT_COORD_CONSOLE_TXN) {
		recs = kt_coord_txn_recs;
		nrecs = kt_coord_txn_recs_len;
	} else {
		recs = kt_coord_group_recs;
		nrecs = kt_coord_group_recs_len;
	}
	kt_reader_init(&r, key.p, key.len);
	if (kt_read_i16(&r, &type))
		return fail(out, mark, offset,
			    "Could not read version from key's buffer.", err);
	if ((kind == KT_COORD_CONSOLE_OFFSETS && type != 0 && type != 1) ||
	    (kind == KT_COORD_CONSOLE_GROUP && type != 2))
		return 0;
	rec = kt_crec_find(recs, nrecs, type);
	if (!rec)
		return 0;
	jmsg[0] = 0;
	kt_buf_printf(out, "{\"key\":{\"type\":%d,\"data\":", (int)type);
	if (kt_coord_msg_json(&rec->key, 0, 0, &r, out, jmsg, sizeof(jmsg)) <
	    0) {
		snprintf(why, sizeof(why),
			 "Could not read record with version %d from key's "
			 "buffer due to: %s.",
			 (int)type, jmsg);
		return fail(out, mark, offset, why, err);
	}
	kt_buf_puts(out, "},\"value\":");
	if (!value.p) {
		kt_buf_puts(out, "null}");
		return out->err;
	}
	kt_reader_init(&r, value.p, value.len);
	if (kt_read_i16(&r, &ver))
		return fail(out, mark, offset,
			    "Could not read version from value's buffer.", err);
	if (ver < rec->value.vmin || ver > rec->value.vmax) {
		snprintf(why, sizeof(why),
			 "Found an unknown record version %d for %d type",
			 (int)ver, (int)type);
		return fail(out, mark, offset, why, err);
	}
	kt_buf_printf(out, "{\"version\":%d,\"data\":", (int)ver);
	jmsg[0] = 0;
	if (kt_coord_msg_json(&rec->value, ver, 0, &r, out, jmsg,
			      sizeof(jmsg)) < 0) {
		snprintf(why, sizeof(why),
			 "Could not read record with version %d from value's "
			 "buffer due to: %s.",
			 (int)ver, jmsg);
		return fail(out, mark, offset, why, err);
	}
	kt_buf_puts(out, "}}");
	return out->err;
}
