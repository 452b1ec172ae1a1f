/*
 * wire/proto.c - API key table, request/response headers, ApiVersions encode,
 * decode and fallback, per-API version picking.
 *
 * Implements protocol.md sections 4 and 5 and the ApiVersions section of
 * section 6 (KIP-482 flexible headers, KIP-511, KIP-896 version floors).
 * Names and first flexible versions are those of ApiKeys in kafka-clients
 * 4.3.1 (the keys 4-7 that 4.x removed keep their historical values).
 */
#include "wire/proto.h"

#include "wire/kerr.h"

#include <string.h>

#define NOPE -1, -1

/* clang-format off: one row per key reads best as a table */
static const struct kt_api_info apis[KT_API_KEY_COUNT] = {
	/* key, name, first flexible, kafkit min, kafkit max */
	{0, "Produce", 9, 3, 12}, /* v13 needs topic ids */
	{1, "Fetch", 12, 4, 12},  /* v13+ needs topic ids */
	{2, "ListOffsets", 6, 1, 11},
	{3, "Metadata", 9, 0, 13},
	{4, "LeaderAndIsr", 4, NOPE},
	{5, "StopReplica", 2, NOPE},
	{6, "UpdateMetadata", 6, NOPE},
	{7, "ControlledShutdown", 3, NOPE},
	{8, "OffsetCommit", 8, 2, 9}, /* v10 needs topic ids */
	{9, "OffsetFetch", 6, 1, 9},  /* v10 needs topic ids */
	{10, "FindCoordinator", 3, 0, 6},
	{11, "JoinGroup", 6, 0, 9},
	{12, "Heartbeat", 4, 0, 4},
	{13, "LeaveGroup", 4, 0, 5},
	{14, "SyncGroup", 4, 0, 5},
	{15, "DescribeGroups", 5, 0, 6},
	{16, "ListGroups", 3, 0, 5},
	{17, "SaslHandshake", -1, 0, 1},
	{18, "ApiVersions", 3, 0, 4},
	{19, "CreateTopics", 5, 2, 7},
	{20, "DeleteTopics", 4, 1, 6},
	{21, "DeleteRecords", 2, 0, 2},
	{22, "InitProducerId", 2, 0, 5}, /* v6 is unstable in 4.3 */
	{23, "OffsetForLeaderEpoch", 4, 2, 4},
	{24, "AddPartitionsToTxn", 3, 0, 3}, /* v4+ are broker-to-broker */
	{25, "AddOffsetsToTxn", 3, NOPE},
	{26, "EndTxn", 3, 0, 4}, /* v5 needs transaction.version 2 */
	{27, "WriteTxnMarkers", 1, NOPE},
	{28, "TxnOffsetCommit", 3, NOPE},
	{29, "DescribeAcls", 2, NOPE},
	{30, "CreateAcls", 2, NOPE},
	{31, "DeleteAcls", 2, NOPE},
	{32, "DescribeConfigs", 4, 1, 4},
	{33, "AlterConfigs", 2, 0, 2},
	{34, "AlterReplicaLogDirs", 2, NOPE},
	{35, "DescribeLogDirs", 2, 1, 4},
	{36, "SaslAuthenticate", 2, 0, 2},
	{37, "CreatePartitions", 2, 0, 3},
	{38, "CreateDelegationToken", 2, NOPE},
	{39, "RenewDelegationToken", 2, NOPE},
	{40, "ExpireDelegationToken", 2, NOPE},
	{41, "DescribeDelegationToken", 2, NOPE},
	{42, "DeleteGroups", 2, 0, 2},
	{43, "ElectLeaders", 2, NOPE},
	{44, "IncrementalAlterConfigs", 1, 0, 1},
	{45, "AlterPartitionReassignments", 0, NOPE},
	{46, "ListPartitionReassignments", 0, 0, 0},
	{47, "OffsetDelete", -1, 0, 0},
	{48, "DescribeClientQuotas", 1, NOPE},
	{49, "AlterClientQuotas", 1, NOPE},
	{50, "DescribeUserScramCredentials", 0, NOPE},
	{51, "AlterUserScramCredentials", 0, NOPE},
	{52, "Vote", 0, NOPE},
	{53, "BeginQuorumEpoch", 1, NOPE},
	{54, "EndQuorumEpoch", 1, NOPE},
	{55, "DescribeQuorum", 0, NOPE},
	{56, "AlterPartition", 0, NOPE},
	{57, "UpdateFeatures", 0, NOPE},
	{58, "Envelope", 0, NOPE},
	{59, "FetchSnapshot", 0, NOPE},
	{60, "DescribeCluster", 0, 0, 2},
	{61, "DescribeProducers", 0, NOPE},
	{62, "BrokerRegistration", 0, NOPE},
	{63, "BrokerHeartbeat", 0, NOPE},
	{64, "UnregisterBroker", 0, NOPE},
	{65, "DescribeTransactions", 0, NOPE},
	{66, "ListTransactions", 0, NOPE},
	{67, "AllocateProducerIds", 0, NOPE},
	{68, "ConsumerGroupHeartbeat", 0, 0, 1},
	{69, "ConsumerGroupDescribe", 0, 0, 1},
	{70, "ControllerRegistration", 0, NOPE},
	{71, "GetTelemetrySubscriptions", 0, NOPE},
	{72, "PushTelemetry", 0, NOPE},
	{73, "AssignReplicasToDirs", 0, NOPE},
	{74, "ListConfigResources", 0, NOPE},
	{75, "DescribeTopicPartitions", 0, 0, 0},
	{76, "ShareGroupHeartbeat", 0, NOPE},
	{77, "ShareGroupDescribe", 0, NOPE},
	{78, "ShareFetch", 0, NOPE},
	{79, "ShareAcknowledge", 0, NOPE},
	{80, "AddRaftVoter", 0, NOPE},
	{81, "RemoveRaftVoter", 0, NOPE},
	{82, "UpdateRaftVoter", 0, NOPE},
	{83, "InitializeShareGroupState", 0, NOPE},
	{84, "ReadShareGroupState", 0, NOPE},
	{85, "WriteShareGroupState", 0, NOPE},
	{86, "DeleteShareGroupState", 0, NOPE},
	{87, "ReadShareGroupStateSummary", 0, NOPE},
	{88, "StreamsGroupHeartbeat", 0, NOPE},
	{89, "StreamsGroupDescribe", 0, NOPE},
	{90, "DescribeShareGroupOffsets", 0, NOPE},
	{91, "AlterShareGroupOffsets", 0, NOPE},
	{92, "DeleteShareGroupOffsets", 0, NOPE},
};
/* clang-format on */

const struct kt_api_info *kt_api_info(int16_t key)
{
	if (key < 0 || key >= KT_API_KEY_COUNT)
		return NULL;
	return &apis[key];
}

const char *kt_api_name(int16_t key)
{
	const struct kt_api_info *a = kt_api_info(key);

	return a ? a->name : "Unknown";
}

bool kt_api_flexible(int16_t key, int16_t version)
{
	const struct kt_api_info *a = kt_api_info(key);

	return a && a->flex_min >= 0 && version >= a->flex_min;
}

int kt_req_header_version(int16_t key, int16_t version)
{
	if (key == KT_API_CONTROLLED_SHUTDOWN && version == 0)
		return 0;
	return kt_api_flexible(key, version) ? 2 : 1;
}

int kt_resp_header_version(int16_t key, int16_t version)
{
	if (key == KT_API_API_VERSIONS)
		return 0;
	return kt_api_flexible(key, version) ? 1 : 0;
}

int kt_req_begin(struct kt_buf *b, int16_t api_key, int16_t version,
		 int32_t correlation_id, const char *client_id,
		 struct kt_err *err)
{
	int hv = kt_req_header_version(api_key, version);

	if (b->len != 0)
		return kt_err_set(err, KT_EINVAL,
				  "request %s v%d: frame buffer is not empty",
				  kt_api_name(api_key), version);
	kt_buf_reserve(b, 4);
	kt_put_i16(b, api_key);
	kt_put_i16(b, version);
	kt_put_i32(b, correlation_id);
	if (hv >= 1) /* client_id stays a classic string even in v2 */
		kt_put_nstr(b, client_id, client_id ? strlen(client_id) : 0);
	if (hv >= 2)
		kt_put_ftags(b, true);
	if (b->err)
		return kt_err_set(
			err, b->err, "request %s v%d: cannot write header: %s",
			kt_api_name(api_key), version, kt_strerror(b->err));
	return 0;
}

int kt_req_end(struct kt_buf *b, struct kt_err *err)
{
	if (b->err)
		return kt_err_set(err, b->err, "cannot build request: %s",
				  kt_strerror(b->err));
	if (b->len < 4 + 8 || b->len - 4 > INT32_MAX)
		return kt_err_set(err, KT_EINVAL,
				  "request frame of %zu bytes is not valid",
				  b->len);
	kt_buf_patch_i32(b, 0, (int32_t)(b->len - 4));
	return 0;
}

static int reader_err(struct kt_reader *r, struct kt_err *err, const char *what,
		      int16_t version)
{
	return kt_err_set(err, r->err, "%s v%d at byte %zu: %s", what, version,
			  r->off, kt_strerror(r->err));
}

int kt_resp_header_read(struct kt_reader *r, int16_t api_key, int16_t version,
			int32_t *correlation_id, struct kt_err *err)
{
	kt_read_i32(r, correlation_id);
	if (kt_resp_header_version(api_key, version) >= 1)
		kt_read_tags(r, NULL, NULL);
	if (r->err)
		return kt_err_set(err, r->err,
				  "%s v%d response header at byte %zu: %s",
				  kt_api_name(api_key), version, r->off,
				  kt_strerror(r->err));
	return 0;
}

/* ApiVersions ------------------------------------------------------------ */

static bool software_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9');

		if (alnum)
			continue;
		if ((c == '-' || c == '.') && i != 0 && i != n - 1)
			continue;
		return false;
	}
	return true;
}

int kt_apiversions_req_encode(struct kt_buf *b, int16_t version,
			      const char *software_name,
			      const char *software_version, struct kt_err *err)
{
	if (version < 0 || version > 4)
		return kt_err_set(err, KT_EINVAL,
				  "apiversions request v%d: unknown version",
				  version);
	if (version < 3)
		return 0;
	if (!software_ok(software_name) || !software_ok(software_version))
		return kt_err_set(err, KT_EINVAL,
				  "apiversions request: client software name "
				  "'%s' or version '%s' is not of the form "
				  "[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?",
				  software_name, software_version);
	kt_put_fcstr(b, true, software_name);
	kt_put_fcstr(b, true, software_version);
	kt_put_ftags(b, true);
	if (b->err)
		return kt_err_set(err, b->err, "apiversions request: %s",
				  kt_strerror(b->err));
	return 0;
}

void kt_apivers_release(struct kt_apivers *av)
{
	size_t i;

	if (!av)
		return;
	free(av->apis);
	for (i = 0; i < av->n_supported_features; i++)
		free(av->supported_features[i].name);
	free(av->supported_features);
	for (i = 0; i < av->n_finalized_features; i++)
		free(av->finalized_features[i].name);
	free(av->finalized_features);
	memset(av, 0, sizeof(*av));
}

/* SupportedFeatures (min, max) and FinalizedFeatures (max, min) share a
 * layout up to the order of the two int16. */
static int read_features(struct kt_reader *r, bool max_first,
			 struct kt_feature **out, size_t *nout)
{
	int32_t n;
	int32_t i;

	/* name (>= 1 byte), two int16, tags (1 byte) */
	kt_read_carr(r, 6, &n);
	if (r->err)
		return r->err;
	if (n <= 0)
		return 0;
	*out = calloc((size_t)n, sizeof(**out));
	if (!*out)
		return kt_reader_fail(r, KT_ENOMEM);
	for (i = 0; i < n; i++) {
		struct kt_feature *f = &(*out)[i];
		struct kt_bytes name;
		int16_t a, b;

		kt_read_cstr(r, &name);
		kt_read_i16(r, &a);
		kt_read_i16(r, &b);
		kt_read_tags(r, NULL, NULL);
		if (r->err)
			return r->err;
		f->name = kt_bytes_dup(name);
		if (!f->name)
			return kt_reader_fail(r, KT_ENOMEM);
		f->min = max_first ? b : a;
		f->max = max_first ? a : b;
		*nout = (size_t)i + 1;
	}
	return 0;
}

static int apivers_tag(void *ctx, uint32_t tag, struct kt_reader *val)
{
	struct kt_apivers *av = ctx;

	switch (tag) {
	case 0:
		read_features(val, false, &av->supported_features,
			      &av->n_supported_features);
		break;
	case 1:
		kt_read_i64(val, &av->finalized_features_epoch);
		break;
	case 2:
		read_features(val, true, &av->finalized_features,
			      &av->n_finalized_features);
		break;
	case 3:
		kt_read_bool(val, &av->zk_migration_ready);
		break;
	default:
		return 0;
	}
	return val->err;
}

int kt_apiversions_resp_decode(const uint8_t *p, size_t len, int16_t version,
			       struct kt_apivers *out, struct kt_err *err)
{
	struct kt_reader r;
	bool flex;
	int32_t n, i;

	memset(out, 0, sizeof(*out));
	out->finalized_features_epoch = -1;
	kt_reader_init(&r, p, len);
	kt_read_i16(&r, &out->error_code);
	/* a broker that cannot parse our version answers in the v0 layout */
	if (out->error_code == KT_KERR_UNSUPPORTED_VERSION)
		version = 0;
	out->version = version;
	flex = version >= 3;
	kt_read_farr(&r, flex, flex ? 7 : 6, &n);
	if (r.err)
		return reader_err(&r, err, "apiversions response", version);
	if (n > 0) {
		out->apis = calloc((size_t)n, sizeof(*out->apis));
		if (!out->apis)
			return kt_err_set(
				err, KT_ENOMEM,
				"apiversions response: out of memory");
	}
	for (i = 0; i < n; i++) {
		struct kt_api_range *a = &out->apis[i];

		kt_read_i16(&r, &a->api_key);
		kt_read_i16(&r, &a->min_version);
		kt_read_i16(&r, &a->max_version);
		kt_read_ftags(&r, flex);
		if (r.err)
			return reader_err(&r, err, "apiversions response",
					  version);
		out->n_apis = (size_t)i + 1;
	}
	if (version >= 1)
		kt_read_i32(&r, &out->throttle_time_ms);
	if (flex)
		kt_read_tags(&r, apivers_tag, out);
	if (r.err)
		return reader_err(&r, err, "apiversions response", version);
	return 0;
}

int kt_apivers_retry_version(const struct kt_apivers *av, int16_t sent_version)
{
	int16_t max = 0;
	int v;

	if (av->error_code != KT_KERR_UNSUPPORTED_VERSION)
		return -1;
	if (kt_apivers_range(av, KT_API_API_VERSIONS, NULL, &max) && max < 0)
		max = 0;
	v = max < apis[KT_API_API_VERSIONS].client_max
		    ? max
		    : apis[KT_API_API_VERSIONS].client_max;
	return v < sent_version ? v : -1;
}

bool kt_apivers_range(const struct kt_apivers *av, int16_t api_key,
		      int16_t *min, int16_t *max)
{
	size_t i;

	for (i = 0; i < av->n_apis; i++) {
		if (av->apis[i].api_key != api_key)
			continue;
		if (min)
			*min = av->apis[i].min_version;
		if (max)
			*max = av->apis[i].max_version;
		return true;
	}
	return false;
}

int kt_api_pick(const struct kt_apivers *av, int16_t api_key, int16_t *version,
		struct kt_err *err)
{
	const struct kt_api_info *a = kt_api_info(api_key);
	int16_t bmin, bmax, lo, hi;

	if (!a || a->client_min < 0)
		return kt_err_set(err, KT_EINVAL,
				  "kafkit does not implement api %s (key %d)",
				  kt_api_name(api_key), api_key);
	if (!kt_apivers_range(av, api_key, &bmin, &bmax))
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "broker does not offer %s (kafkit speaks "
				  "v%d..v%d)",
				  a->name, a->client_min, a->client_max);
	hi = a->client_max < bmax ? a->client_max : bmax;
	lo = a->client_min > bmin ? a->client_min : bmin;
	if (hi < lo)
		return kt_err_set(err, KT_EUNSUPPORTED,
				  "broker does not support %s v%d..v%d (it "
				  "speaks v%d..v%d)",
				  a->name, a->client_min, a->client_max, bmin,
				  bmax);
	*version = hi;
	return 0;
}
