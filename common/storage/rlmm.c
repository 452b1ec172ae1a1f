/*
 * storage/rlmm.c - kafka-dump-log's --remote-log-metadata-decoder: the records
 * of __remote_log_metadata (KIP-405, TopicBasedRemoteLogMetadataManager), as
 * Apache Kafka 4.3.1's DumpLogSegments prints them.
 *
 * A record value is a framed metadata message (AbstractApiMessageSerde:
 * uvarint frame version 1, uvarint type, uvarint version, the message,
 * nothing after it) of one of four types, defined in the storage module's
 * RemoteLogSegmentMetadataRecord.json (0),
 * RemoteLogSegmentMetadataUpdateRecord.json (1),
 * RemotePartitionDeleteMetadataRecord.json (2) and
 * RemoteLogSegmentMetadataSnapshotRecord.json (3), all flexible version 0.
 * Apache turns the message into a RemoteLogMetadata object and prints its
 * toString(); the object constructors refuse some values (a negative start
 * offset, an empty leader epoch map, an unknown state), and every failure
 * becomes "Error at offset <o>, skipping. <exception message>".
 *
 * The message is read by coord.c's schema interpreter (the same reader and
 * exception texts as the other decoders) into JSON, which is then read back
 * with jansson to build the toString() text.
 */
#include "storage/rlmm.h"

#include "storage/coord_schema.h"

#include <jansson.h>
#include <stdarg.h>

/* ---- schemas (the four message definitions of Kafka 4.3.1) ---- */

static const struct kt_cfield TopicIdPartitionEntry_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"id", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"partition", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct TopicIdPartitionEntry = {TopicIdPartitionEntry_f,
							3};

static const struct kt_cfield RemoteLogSegmentIdEntry_f[] = {
	{"topicIdPartition", KT_CT_STRUCT, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL,
	 &TopicIdPartitionEntry},
	{"id", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct RemoteLogSegmentIdEntry = {
	RemoteLogSegmentIdEntry_f, 2};

static const struct kt_cfield SegmentLeaderEpochEntry_f[] = {
	{"leaderEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL,
	 NULL},
	{"offset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct SegmentLeaderEpochEntry = {
	SegmentLeaderEpochEntry_f, 2};

static const struct kt_cfield SegmentRecord_f[] = {
	{"remoteLogSegmentId", KT_CT_STRUCT, 0, 0, 0, 99, -1, -1, 99, -1, 0,
	 NULL, &RemoteLogSegmentIdEntry},
	{"startOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL,
	 NULL},
	{"endOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"brokerId", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"maxTimestampMs", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL,
	 NULL},
	{"eventTimestampMs", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL,
	 NULL},
	{"segmentLeaderEpochs", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0,
	 NULL, &SegmentLeaderEpochEntry},
	{"segmentSizeInBytes", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL,
	 NULL, NULL},
	{"customMetadata", KT_CT_BYTES, 0, 0, 0, 0, 0, -1, 99, -1, 1, NULL,
	 NULL},
	{"remoteLogSegmentState", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL,
	 NULL, NULL},
	{"txnIndexEmpty", KT_CT_BOOL, 0, 0, 0, 99, -1, 0, 0, 0, 0, NULL, NULL},
};
static const struct kt_cstruct SegmentRecord = {SegmentRecord_f, 11};

static const struct kt_cfield UpdateRecord_f[] = {
	{"remoteLogSegmentId", KT_CT_STRUCT, 0, 0, 0, 99, -1, -1, 99, -1, 0,
	 NULL, &RemoteLogSegmentIdEntry},
	{"brokerId", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"eventTimestampMs", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL,
	 NULL},
	{"customMetadata", KT_CT_BYTES, 0, 0, 0, 0, 0, -1, 99, -1, 1, NULL,
	 NULL},
	{"remoteLogSegmentState", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL,
	 NULL, NULL},
};
static const struct kt_cstruct UpdateRecord = {UpdateRecord_f, 5};

static const struct kt_cfield DeleteRecord_f[] = {
	{"topicIdPartition", KT_CT_STRUCT, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL,
	 &TopicIdPartitionEntry},
	{"brokerId", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"eventTimestampMs", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL,
	 NULL},
	{"remotePartitionDeleteState", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1,
	 0LL, NULL, NULL},
};
static const struct kt_cstruct DeleteRecord = {DeleteRecord_f, 4};

static const struct kt_cfield SnapshotRecord_f[] = {
	{"segmentId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"startOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL,
	 NULL},
	{"endOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"brokerId", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"maxTimestampMs", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL,
	 NULL},
	{"eventTimestampMs", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL,
	 NULL},
	{"segmentLeaderEpochs", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0,
	 NULL, &SegmentLeaderEpochEntry},
	{"segmentSizeInBytes", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL,
	 NULL, NULL},
	{"customMetadata", KT_CT_BYTES, 0, 0, 0, 0, 0, -1, 99, -1, 1, NULL,
	 NULL},
	{"remoteLogSegmentState", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL,
	 NULL, NULL},
	{"txnIndexEmpty", KT_CT_BOOL, 0, 0, 0, 99, -1, 0, 0, 0, 0, NULL, NULL},
};
static const struct kt_cstruct SnapshotRecord = {SnapshotRecord_f, 11};

static const struct kt_cmsg rlmm_msgs[4] = {
	{"RemoteLogSegmentMetadataRecord", 0, 0, 0, &SegmentRecord},
	{"RemoteLogSegmentMetadataUpdateRecord", 0, 0, 0, &UpdateRecord},
	{"RemotePartitionDeleteMetadataRecord", 0, 0, 0, &DeleteRecord},
	{"RemoteLogSegmentMetadataSnapshotRecord", 0, 0, 0, &SnapshotRecord},
};

/* RemoteLogSegmentState and RemotePartitionDeleteState by id. */
static const char *const segment_states[] = {
	"COPY_SEGMENT_STARTED", "COPY_SEGMENT_FINISHED",
	"DELETE_SEGMENT_STARTED", "DELETE_SEGMENT_FINISHED"};
static const char *const delete_states[] = {"DELETE_PARTITION_MARKED",
					    "DELETE_PARTITION_STARTED",
					    "DELETE_PARTITION_FINISHED"};

/* ---- failures ---- */

/* Apache's text for a value it cannot turn into an object. */
static int rl_error(struct kt_coord_out *o, int code, int64_t offset,
		    const char *msg, struct kt_err *err)
{
	kt_buf_reset(&o->value);
	o->has_value = true;
	kt_buf_printf(&o->value, "Error at offset %lld, skipping. %s",
		      (long long)offset, msg);
	if (o->value.err) {
		code = -o->value.err;
		kt_buf_reset(&o->value);
		o->has_value = false;
		return kt_err_set(err, code,
				  "record at offset %lld: output: %s",
				  (long long)offset, kt_strerror(code));
	}
	return kt_err_set(err, code, "remote log metadata at offset %lld: %s",
			  (long long)offset, msg);
}

/* ---- the frame (AbstractApiMessageSerde.read) ---- */

/* unsignedIntToShort: ByteUtils.readUnsignedVarint (at most 5 bytes, the
 * 5th without its top bit) into a Java int, refused above Short.MAX_VALUE,
 * cast to short. */
static int frame_short(struct kt_reader *r, const char *what, int16_t *v,
		       char *msg, size_t cap)
{
	uint32_t res = 0;
	uint8_t b;
	int i;

	for (i = 0; i < 5; i++) {
		if (kt_read_u8(r, &b) < 0 || (i == 4 && (b & 0x80))) {
			snprintf(msg, cap, "Error while reading %s", what);
			return -KT_ETRUNC;
		}
		res |= (uint32_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80))
			break;
	}
	if ((int32_t)res > 32767) {
		snprintf(msg, cap, "Value for %s was too large.", what);
		return -KT_EBADLEN;
	}
	*v = (int16_t)(uint16_t)res;
	return 0;
}

/* ---- toString() ---- */

static int64_t jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

/* Uuid.toString(): the interpreter already wrote Kafka's base64 text. */
static void put_jstr(struct kt_buf *b, const json_t *o, const char *k)
{
	const json_t *s = json_object_get(o, k);

	kt_buf_put(b, json_string_value(s), json_string_length(s));
}

/* TopicIdPartition.toString(): "<topicId>:<topic>-<partition>". */
static void put_tip(struct kt_buf *b, const json_t *tip)
{
	put_jstr(b, tip, "id");
	kt_buf_put(b, ":", 1);
	put_jstr(b, tip, "name");
	kt_buf_printf(b, "-%lld", (long long)jint(tip, "partition"));
}

static void put_segment_id(struct kt_buf *b, const json_t *id)
{
	kt_buf_puts(b, "RemoteLogSegmentId{topicIdPartition=");
	put_tip(b, json_object_get(id, "topicIdPartition"));
	kt_buf_puts(b, ", id=");
	put_jstr(b, id, "id");
	kt_buf_puts(b, "}");
}

/* Optional<CustomMetadata>.toString(); the bytes are base64 in the JSON. */
static void put_custom(struct kt_buf *b, const json_t *o)
{
	const json_t *s = json_object_get(o, "customMetadata");
	const char *t;
	size_t n, len;

	if (!json_is_string(s)) {
		kt_buf_puts(b, "Optional.empty");
		return;
	}
	t = json_string_value(s);
	n = json_string_length(s);
	len = n / 4 * 3;
	if (n >= 1 && t[n - 1] == '=')
		len--;
	if (n >= 2 && t[n - 2] == '=')
		len--;
	kt_buf_printf(b, "Optional[CustomMetadata{%zu bytes}]", len);
}

struct epoch {
	int32_t epoch;
	int64_t offset;
};

static int epoch_cmp(const void *x, const void *y)
{
	const struct epoch *a = x, *b = y;

	return a->epoch < b->epoch ? -1 : a->epoch > b->epoch;
}

/*
 * The segment leader epochs as a TreeMap's toString() ("{0=0, 3=100}"):
 * a HashMap filled in record order (the last offset of an epoch wins),
 * then sorted. Returns 0, 1 when there are none (Java refuses an empty
 * map), or -KT_ENOMEM.
 */
static int put_epochs(struct kt_buf *b, const json_t *o)
{
	const json_t *a = json_object_get(o, "segmentLeaderEpochs");
	size_t n = json_array_size(a), i, m = 0;
	struct epoch *v;

	if (n == 0)
		return 1;
	v = malloc(n * sizeof(*v));
	if (!v)
		return -KT_ENOMEM;
	for (i = 0; i < n; i++) {
		const json_t *e = json_array_get(a, i);
		int32_t ep = (int32_t)jint(e, "leaderEpoch");
		size_t j;

		for (j = 0; j < m && v[j].epoch != ep; j++)
			;
		v[j].epoch = ep;
		v[j].offset = jint(e, "offset");
		if (j == m)
			m++;
	}
	qsort(v, m, sizeof(*v), epoch_cmp);
	kt_buf_put(b, "{", 1);
	for (i = 0; i < m; i++)
		kt_buf_printf(b, "%s%d=%lld", i ? ", " : "", (int)v[i].epoch,
			      (long long)v[i].offset);
	kt_buf_put(b, "}", 1);
	free(v);
	return 0;
}

static const char *segment_state(const json_t *o)
{
	int64_t s = jint(o, "remoteLogSegmentState");

	return s >= 0 && s < 4 ? segment_states[s] : NULL;
}

/* A Java constructor refused the values: its message. */
static int refuse(char *msg, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int refuse(char *msg, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, cap, fmt, ap);
	va_end(ap);
	return 1;
}

#define NO_EPOCHS "segmentLeaderEpochs can not be null or empty"
#define NO_STATE "state can not be null"

/*
 * RemoteLogSegmentMetadataTransform.fromApiMessageAndVersion: a
 * RemoteLogSegmentMetadata (its constructor checks the offsets, then the
 * epochs), then the RemoteLogSegmentMetadataUpdate of the state (null for
 * an unknown id), then the merged object's toString().
 */
static int segment_text(struct kt_buf *b, const json_t *o, char *msg,
			size_t cap)
{
	int64_t start = jint(o, "startOffset"), end = jint(o, "endOffset");
	const char *state = segment_state(o);
	size_t mark = b->len;
	int rc;

	if (start < 0)
		return refuse(msg, cap,
			      "Unexpected start offset = %lld. StartOffset for "
			      "a remote segment cannot be negative",
			      (long long)start);
	if (end < start)
		return refuse(msg, cap,
			      "Unexpected end offset = %lld. EndOffset for a "
			      "remote segment cannot be less than startOffset "
			      "= %lld",
			      (long long)end, (long long)start);
	kt_buf_puts(b, "RemoteLogSegmentMetadata{remoteLogSegmentId=");
	put_segment_id(b, json_object_get(o, "remoteLogSegmentId"));
	kt_buf_printf(b,
		      ", startOffset=%lld, endOffset=%lld, brokerId=%lld, "
		      "maxTimestampMs=%lld, eventTimestampMs=%lld, "
		      "segmentLeaderEpochs=",
		      (long long)start, (long long)end,
		      (long long)jint(o, "brokerId"),
		      (long long)jint(o, "maxTimestampMs"),
		      (long long)jint(o, "eventTimestampMs"));
	rc = put_epochs(b, o);
	if (rc)
		return rc < 0 ? rc : refuse(msg, cap, NO_EPOCHS);
	if (!state) {
		b->len = mark;
		return refuse(msg, cap, NO_STATE);
	}
	kt_buf_printf(b, ", segmentSizeInBytes=%lld, customMetadata=",
		      (long long)jint(o, "segmentSizeInBytes"));
	put_custom(b, o);
	kt_buf_printf(b, ", state=%s, txnIdxEmpty=%s}", state,
		      json_is_true(json_object_get(o, "txnIndexEmpty"))
			      ? "true"
			      : "false");
	return 0;
}

static int update_text(struct kt_buf *b, const json_t *o, char *msg, size_t cap)
{
	const char *state = segment_state(o);

	if (!state)
		return refuse(msg, cap, NO_STATE);
	kt_buf_puts(b, "RemoteLogSegmentMetadataUpdate{remoteLogSegmentId=");
	put_segment_id(b, json_object_get(o, "remoteLogSegmentId"));
	kt_buf_puts(b, ", customMetadata=");
	put_custom(b, o);
	kt_buf_printf(b, ", state=%s, eventTimestampMs=%lld, brokerId=%lld}",
		      state, (long long)jint(o, "eventTimestampMs"),
		      (long long)jint(o, "brokerId"));
	return 0;
}

/* RemotePartitionDeleteMetadata: Objects.requireNonNull(state) has no
 * message, so Java prints "null". */
static int delete_text(struct kt_buf *b, const json_t *o, char *msg, size_t cap)
{
	int64_t s = jint(o, "remotePartitionDeleteState");

	if (s < 0 || s > 2)
		return refuse(msg, cap, "null");
	kt_buf_puts(b, "RemotePartitionDeleteMetadata{topicPartition=");
	put_tip(b, json_object_get(o, "topicIdPartition"));
	kt_buf_printf(b, ", state=%s, eventTimestampMs=%lld, brokerId=%lld}",
		      delete_states[s], (long long)jint(o, "eventTimestampMs"),
		      (long long)jint(o, "brokerId"));
	return 0;
}

/* RemoteLogSegmentMetadataSnapshot: the state is checked before the
 * epochs; the offsets are not checked. */
static int snapshot_text(struct kt_buf *b, const json_t *o, char *msg,
			 size_t cap)
{
	const char *state = segment_state(o);
	int rc;

	if (!state)
		return refuse(msg, cap, NO_STATE);
	kt_buf_puts(b, "RemoteLogSegmentMetadataSnapshot{segmentId=");
	put_jstr(b, o, "segmentId");
	kt_buf_printf(b,
		      ", startOffset=%lld, endOffset=%lld, maxTimestampMs=%lld"
		      ", segmentLeaderEpochs=",
		      (long long)jint(o, "startOffset"),
		      (long long)jint(o, "endOffset"),
		      (long long)jint(o, "maxTimestampMs"));
	rc = put_epochs(b, o);
	if (rc)
		return rc < 0 ? rc : refuse(msg, cap, NO_EPOCHS);
	kt_buf_printf(b, ", segmentSizeInBytes=%lld, customMetadata=",
		      (long long)jint(o, "segmentSizeInBytes"));
	put_custom(b, o);
	kt_buf_printf(b, ", state=%s, txnIdxEmpty=%s}", state,
		      json_is_true(json_object_get(o, "txnIndexEmpty"))
			      ? "true"
			      : "false");
	return 0;
}

/* ---- the record ---- */

int kt_rlmm_format(struct kt_bytes value, int64_t offset,
		   struct kt_coord_out *o, struct kt_err *err)
{
	struct kt_reader r;
	struct kt_buf json;
	json_t *root;
	char msg[300], jmsg[200];
	int16_t frame, type, ver;
	int rc;

	kt_buf_reset(&o->key);
	kt_buf_reset(&o->value);
	o->has_key = false;
	o->has_value = false;
	/* DumpLogSegments calls record.value().remaining() first */
	if (!value.p)
		return rl_error(o, KT_EINVAL, offset,
				"Cannot invoke \"java.nio.ByteBuffer."
				"remaining()\" because the return value of "
				"\"org.apache.kafka.common.record.internal."
				"Record.value()\" is null",
				err);
	kt_reader_init(&r, value.p, value.len);
	rc = frame_short(&r, "frame version", &frame, msg, sizeof(msg));
	if (rc)
		return rl_error(o, -rc, offset, msg, err);
	rc = kt_coord_frame_check(frame, msg, sizeof(msg));
	if (rc)
		return rl_error(o, -rc, offset, msg, err);
	rc = frame_short(&r, "type", &type, msg, sizeof(msg));
	if (!rc)
		rc = frame_short(&r, "version", &ver, msg, sizeof(msg));
	if (rc)
		return rl_error(o, -rc, offset, msg, err);
	if (type < 0 || type > 3) {
		snprintf(msg, sizeof(msg),
			 "org.apache.kafka.common.errors."
			 "UnsupportedVersionException: Unknown metadata id %d",
			 (int)type);
		return rl_error(o, KT_EUNSUPPORTED, offset, msg, err);
	}
	kt_buf_init(&json, o->value.max);
	rc = kt_coord_msg_json(&rlmm_msgs[type], ver, 0, &r, &json, jmsg,
			       sizeof(jmsg));
	if (rc == -KT_ENOMEM || rc == -KT_ETOOBIG || json.err) {
		rc = json.err ? json.err : rc;
		kt_buf_release(&json);
		return kt_err_set(err, -rc, "record at offset %lld: output: %s",
				  (long long)offset, kt_strerror(-rc));
	}
	if (rc) {
		kt_buf_release(&json);
		snprintf(msg, sizeof(msg),
			 "Failed to deserialize record with type %d",
			 (int)type);
		return rl_error(o, -rc, offset, msg, err);
	}
	if (r.left) {
		kt_buf_release(&json);
		snprintf(msg, sizeof(msg),
			 "Found %zu byte(s) of garbage after %d", r.left,
			 (int)type);
		return rl_error(o, KT_EPROTO, offset, msg, err);
	}
	root = json_loadb((const char *)json.p, json.len, JSON_ALLOW_NUL, NULL);
	kt_buf_release(&json);
	if (!root)
		return kt_err_set(err, KT_ENOMEM,
				  "record at offset %lld: cannot read back "
				  "the decoded message",
				  (long long)offset);
	o->has_value = true;
	switch (type) {
	case 0:
		rc = segment_text(&o->value, root, msg, sizeof(msg));
		break;
	case 1:
		rc = update_text(&o->value, root, msg, sizeof(msg));
		break;
	case 2:
		rc = delete_text(&o->value, root, msg, sizeof(msg));
		break;
	default:
		rc = snapshot_text(&o->value, root, msg, sizeof(msg));
		break;
	}
	json_decref(root);
	if (rc == 1)
		return rl_error(o, KT_EINVAL, offset, msg, err);
	if (rc < 0 || o->value.err) {
		rc = o->value.err ? o->value.err : rc;
		kt_buf_reset(&o->value);
		o->has_value = false;
		return kt_err_set(err, -rc, "record at offset %lld: output: %s",
				  (long long)offset, kt_strerror(-rc));
	}
	return 0;
}
