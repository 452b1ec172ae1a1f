/*
 * storage/coord_schema.c - the record schemas of Kafka's internal topics, as
 * tables for the interpreter in coord.c.
 *
 * One row per field of each message struct, in declaration order (which is
 * the order of Kafka's generated *JsonConverter output):
 *   {name, type, array, vmin, vmax, nmin, nmax, tag, tmin, tmax, def, sdef, sub}
 * name is the JSON name; vmin..vmax the versions where the field exists;
 * nmin..nmax the versions where it is nullable (nmin > nmax: never); tag the
 * tagged-field number (-1: never tagged) used in versions tmin..tmax; def the
 * default value of a number or bool, or 1 when the default of a string,
 * bytes, array or struct is null; sdef the default of a string field.
 *
 * The facts come from the message definitions of Apache Kafka 4.3.1
 * (group-coordinator, transaction-coordinator and share-coordinator
 * common/message/NAME.json, metadata common/metadata/NAME.json, clients
 * ConsumerProtocol{Subscription,Assignment}.json and the KRaft control
 * records), read from the 4.3.1 release: field names, order, types, version
 * ranges, nullability, tags and defaults.
 */
#include "storage/coord_schema.h"

static const struct kt_cfield LegacyOffsetCommitKey_f[] = {
	{"group", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"topic", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"partition", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct LegacyOffsetCommitKey = {LegacyOffsetCommitKey_f, 3};

static const struct kt_cfield LegacyOffsetCommitValue_f[] = {
	{"offset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"metadata", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"commitTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct LegacyOffsetCommitValue = {LegacyOffsetCommitValue_f, 3};

static const struct kt_cfield OffsetCommitKey_f[] = {
	{"group", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"topic", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"partition", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct OffsetCommitKey = {OffsetCommitKey_f, 3};

static const struct kt_cfield OffsetCommitValue_f[] = {
	{"offset", KT_CT_I64, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"leaderEpoch", KT_CT_I32, 0, 3, 4, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"metadata", KT_CT_STR, 0, 0, 4, 99, -1, -1, 99, -1, 0, "", NULL},
	{"commitTimestamp", KT_CT_I64, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"expireTimestamp", KT_CT_I64, 0, 1, 1, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"topicId", KT_CT_UUID, 0, 4, 4, 99, -1, 0, 4, 4, 0, NULL, NULL},
};
static const struct kt_cstruct OffsetCommitValue = {OffsetCommitValue_f, 6};

static const struct kt_cfield GroupMetadataKey_f[] = {
	{"group", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct GroupMetadataKey = {GroupMetadataKey_f, 1};

static const struct kt_cfield GroupMetadataValue_MemberMetadata_f[] = {
	{"memberId", KT_CT_STR, 0, 0, 4, 99, -1, -1, 99, -1, 0, "", NULL},
	{"groupInstanceId", KT_CT_STR, 0, 3, 4, 3, 4, -1, 99, -1, 1, NULL, NULL},
	{"clientId", KT_CT_STR, 0, 0, 4, 99, -1, -1, 99, -1, 0, "", NULL},
	{"clientHost", KT_CT_STR, 0, 0, 4, 99, -1, -1, 99, -1, 0, "", NULL},
	{"rebalanceTimeout", KT_CT_I32, 0, 1, 4, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"sessionTimeout", KT_CT_I32, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"subscription", KT_CT_BYTES, 0, 0, 4, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"assignment", KT_CT_BYTES, 0, 0, 4, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct GroupMetadataValue_MemberMetadata = {GroupMetadataValue_MemberMetadata_f, 8};

static const struct kt_cfield GroupMetadataValue_f[] = {
	{"protocolType", KT_CT_STR, 0, 0, 4, 99, -1, -1, 99, -1, 0, "", NULL},
	{"generation", KT_CT_I32, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"protocol", KT_CT_STR, 0, 0, 4, 0, 4, -1, 99, -1, 0, "", NULL},
	{"leader", KT_CT_STR, 0, 0, 4, 0, 4, -1, 99, -1, 0, "", NULL},
	{"currentStateTimestamp", KT_CT_I64, 0, 2, 4, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"members", KT_CT_STRUCT, 1, 0, 4, 99, -1, -1, 99, -1, 0, NULL, &GroupMetadataValue_MemberMetadata},
};
static const struct kt_cstruct GroupMetadataValue = {GroupMetadataValue_f, 6};

static const struct kt_cfield ConsumerGroupMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ConsumerGroupMetadataKey = {ConsumerGroupMetadataKey_f, 1};

static const struct kt_cfield ConsumerGroupMetadataValue_f[] = {
	{"epoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"metadataHash", KT_CT_I64, 0, 0, 0, 99, -1, 0, 0, 0, 0LL, NULL, NULL},
};
static const struct kt_cstruct ConsumerGroupMetadataValue = {ConsumerGroupMetadataValue_f, 2};

static const struct kt_cfield ConsumerGroupPartitionMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ConsumerGroupPartitionMetadataKey = {ConsumerGroupPartitionMetadataKey_f, 1};

static const struct kt_cfield ConsumerGroupPartitionMetadataValue_TopicMetadata_PartitionMetadata_f[] = {
	{"partition", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"racks", KT_CT_STR, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ConsumerGroupPartitionMetadataValue_TopicMetadata_PartitionMetadata = {ConsumerGroupPartitionMetadataValue_TopicMetadata_PartitionMetadata_f, 2};

static const struct kt_cfield ConsumerGroupPartitionMetadataValue_TopicMetadata_f[] = {
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"topicName", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"numPartitions", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"partitionMetadata", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ConsumerGroupPartitionMetadataValue_TopicMetadata_PartitionMetadata},
};
static const struct kt_cstruct ConsumerGroupPartitionMetadataValue_TopicMetadata = {ConsumerGroupPartitionMetadataValue_TopicMetadata_f, 4};

static const struct kt_cfield ConsumerGroupPartitionMetadataValue_f[] = {
	{"topics", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ConsumerGroupPartitionMetadataValue_TopicMetadata},
};
static const struct kt_cstruct ConsumerGroupPartitionMetadataValue = {ConsumerGroupPartitionMetadataValue_f, 1};

static const struct kt_cfield ConsumerGroupMemberMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"memberId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ConsumerGroupMemberMetadataKey = {ConsumerGroupMemberMetadataKey_f, 2};

static const struct kt_cfield ConsumerGroupMemberMetadataValue_ClassicMemberMetadata_ClassicProtocol_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"metadata", KT_CT_BYTES, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ConsumerGroupMemberMetadataValue_ClassicMemberMetadata_ClassicProtocol = {ConsumerGroupMemberMetadataValue_ClassicMemberMetadata_ClassicProtocol_f, 2};

static const struct kt_cfield ConsumerGroupMemberMetadataValue_ClassicMemberMetadata_f[] = {
	{"sessionTimeoutMs", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"supportedProtocols", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ConsumerGroupMemberMetadataValue_ClassicMemberMetadata_ClassicProtocol},
};
static const struct kt_cstruct ConsumerGroupMemberMetadataValue_ClassicMemberMetadata = {ConsumerGroupMemberMetadataValue_ClassicMemberMetadata_f, 2};

static const struct kt_cfield ConsumerGroupMemberMetadataValue_f[] = {
	{"instanceId", KT_CT_STR, 0, 0, 0, 0, 0, -1, 99, -1, 0, "", NULL},
	{"rackId", KT_CT_STR, 0, 0, 0, 0, 0, -1, 99, -1, 0, "", NULL},
	{"clientId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"clientHost", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"subscribedTopicNames", KT_CT_STR, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"subscribedTopicRegex", KT_CT_STR, 0, 0, 0, 0, 0, -1, 99, -1, 0, "", NULL},
	{"rebalanceTimeoutMs", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"serverAssignor", KT_CT_STR, 0, 0, 0, 0, 0, -1, 99, -1, 0, "", NULL},
	{"classicMemberMetadata", KT_CT_STRUCT, 0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, &ConsumerGroupMemberMetadataValue_ClassicMemberMetadata},
};
static const struct kt_cstruct ConsumerGroupMemberMetadataValue = {ConsumerGroupMemberMetadataValue_f, 9};

static const struct kt_cfield ConsumerGroupTargetAssignmentMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ConsumerGroupTargetAssignmentMetadataKey = {ConsumerGroupTargetAssignmentMetadataKey_f, 1};

static const struct kt_cfield ConsumerGroupTargetAssignmentMetadataValue_f[] = {
	{"assignmentEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"assignmentTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, 0, 0, 0, 0LL, NULL, NULL},
};
static const struct kt_cstruct ConsumerGroupTargetAssignmentMetadataValue = {ConsumerGroupTargetAssignmentMetadataValue_f, 2};

static const struct kt_cfield ConsumerGroupTargetAssignmentMemberKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"memberId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ConsumerGroupTargetAssignmentMemberKey = {ConsumerGroupTargetAssignmentMemberKey_f, 2};

static const struct kt_cfield ConsumerGroupTargetAssignmentMemberValue_TopicPartition_f[] = {
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"partitions", KT_CT_I32, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ConsumerGroupTargetAssignmentMemberValue_TopicPartition = {ConsumerGroupTargetAssignmentMemberValue_TopicPartition_f, 2};

static const struct kt_cfield ConsumerGroupTargetAssignmentMemberValue_f[] = {
	{"topicPartitions", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ConsumerGroupTargetAssignmentMemberValue_TopicPartition},
};
static const struct kt_cstruct ConsumerGroupTargetAssignmentMemberValue = {ConsumerGroupTargetAssignmentMemberValue_f, 1};

static const struct kt_cfield ConsumerGroupCurrentMemberAssignmentKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"memberId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ConsumerGroupCurrentMemberAssignmentKey = {ConsumerGroupCurrentMemberAssignmentKey_f, 2};

static const struct kt_cfield ConsumerGroupCurrentMemberAssignmentValue_TopicPartitions_f[] = {
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"partitions", KT_CT_I32, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"assignmentEpochs", KT_CT_I32, 1, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL},
};
static const struct kt_cstruct ConsumerGroupCurrentMemberAssignmentValue_TopicPartitions = {ConsumerGroupCurrentMemberAssignmentValue_TopicPartitions_f, 3};

static const struct kt_cfield ConsumerGroupCurrentMemberAssignmentValue_f[] = {
	{"memberEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"previousMemberEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"state", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"assignedPartitions", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ConsumerGroupCurrentMemberAssignmentValue_TopicPartitions},
	{"partitionsPendingRevocation", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ConsumerGroupCurrentMemberAssignmentValue_TopicPartitions},
};
static const struct kt_cstruct ConsumerGroupCurrentMemberAssignmentValue = {ConsumerGroupCurrentMemberAssignmentValue_f, 5};

static const struct kt_cfield ShareGroupMemberMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"memberId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ShareGroupMemberMetadataKey = {ShareGroupMemberMetadataKey_f, 2};

static const struct kt_cfield ShareGroupMemberMetadataValue_f[] = {
	{"rackId", KT_CT_STR, 0, 0, 0, 0, 0, -1, 99, -1, 0, "", NULL},
	{"clientId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"clientHost", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"subscribedTopicNames", KT_CT_STR, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ShareGroupMemberMetadataValue = {ShareGroupMemberMetadataValue_f, 4};

static const struct kt_cfield ShareGroupMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ShareGroupMetadataKey = {ShareGroupMetadataKey_f, 1};

static const struct kt_cfield ShareGroupMetadataValue_f[] = {
	{"epoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"metadataHash", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct ShareGroupMetadataValue = {ShareGroupMetadataValue_f, 2};

static const struct kt_cfield ShareGroupTargetAssignmentMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ShareGroupTargetAssignmentMetadataKey = {ShareGroupTargetAssignmentMetadataKey_f, 1};

static const struct kt_cfield ShareGroupTargetAssignmentMetadataValue_f[] = {
	{"assignmentEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"assignmentTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, 0, 0, 0, 0LL, NULL, NULL},
};
static const struct kt_cstruct ShareGroupTargetAssignmentMetadataValue = {ShareGroupTargetAssignmentMetadataValue_f, 2};

static const struct kt_cfield ShareGroupTargetAssignmentMemberKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"memberId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ShareGroupTargetAssignmentMemberKey = {ShareGroupTargetAssignmentMemberKey_f, 2};

static const struct kt_cfield ShareGroupTargetAssignmentMemberValue_TopicPartition_f[] = {
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"partitions", KT_CT_I32, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ShareGroupTargetAssignmentMemberValue_TopicPartition = {ShareGroupTargetAssignmentMemberValue_TopicPartition_f, 2};

static const struct kt_cfield ShareGroupTargetAssignmentMemberValue_f[] = {
	{"topicPartitions", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ShareGroupTargetAssignmentMemberValue_TopicPartition},
};
static const struct kt_cstruct ShareGroupTargetAssignmentMemberValue = {ShareGroupTargetAssignmentMemberValue_f, 1};

static const struct kt_cfield ShareGroupCurrentMemberAssignmentKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"memberId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ShareGroupCurrentMemberAssignmentKey = {ShareGroupCurrentMemberAssignmentKey_f, 2};

static const struct kt_cfield ShareGroupCurrentMemberAssignmentValue_TopicPartitions_f[] = {
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"partitions", KT_CT_I32, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ShareGroupCurrentMemberAssignmentValue_TopicPartitions = {ShareGroupCurrentMemberAssignmentValue_TopicPartitions_f, 2};

static const struct kt_cfield ShareGroupCurrentMemberAssignmentValue_f[] = {
	{"memberEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"previousMemberEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"state", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"assignedPartitions", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ShareGroupCurrentMemberAssignmentValue_TopicPartitions},
};
static const struct kt_cstruct ShareGroupCurrentMemberAssignmentValue = {ShareGroupCurrentMemberAssignmentValue_f, 4};

static const struct kt_cfield ShareGroupStatePartitionMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ShareGroupStatePartitionMetadataKey = {ShareGroupStatePartitionMetadataKey_f, 1};

static const struct kt_cfield ShareGroupStatePartitionMetadataValue_TopicPartitionsInfo_f[] = {
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"topicName", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"partitions", KT_CT_I32, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ShareGroupStatePartitionMetadataValue_TopicPartitionsInfo = {ShareGroupStatePartitionMetadataValue_TopicPartitionsInfo_f, 3};

static const struct kt_cfield ShareGroupStatePartitionMetadataValue_TopicInfo_f[] = {
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"topicName", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ShareGroupStatePartitionMetadataValue_TopicInfo = {ShareGroupStatePartitionMetadataValue_TopicInfo_f, 2};

static const struct kt_cfield ShareGroupStatePartitionMetadataValue_f[] = {
	{"initializingTopics", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ShareGroupStatePartitionMetadataValue_TopicPartitionsInfo},
	{"initializedTopics", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ShareGroupStatePartitionMetadataValue_TopicPartitionsInfo},
	{"deletingTopics", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ShareGroupStatePartitionMetadataValue_TopicInfo},
};
static const struct kt_cstruct ShareGroupStatePartitionMetadataValue = {ShareGroupStatePartitionMetadataValue_f, 3};

static const struct kt_cfield ConsumerGroupRegularExpressionKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"regularExpression", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ConsumerGroupRegularExpressionKey = {ConsumerGroupRegularExpressionKey_f, 2};

static const struct kt_cfield ConsumerGroupRegularExpressionValue_f[] = {
	{"topics", KT_CT_STR, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"version", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"timestamp", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct ConsumerGroupRegularExpressionValue = {ConsumerGroupRegularExpressionValue_f, 3};

static const struct kt_cfield StreamsGroupMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct StreamsGroupMetadataKey = {StreamsGroupMetadataKey_f, 1};

static const struct kt_cfield StreamsGroupMetadataValue_LastAssignmentConfig_f[] = {
	{"key", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"value", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct StreamsGroupMetadataValue_LastAssignmentConfig = {StreamsGroupMetadataValue_LastAssignmentConfig_f, 2};

static const struct kt_cfield StreamsGroupMetadataValue_f[] = {
	{"epoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"metadataHash", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"validatedTopologyEpoch", KT_CT_I32, 0, 0, 0, 99, -1, 0, 0, 0, -1LL, NULL, NULL},
	{"lastAssignmentConfigs", KT_CT_STRUCT, 1, 0, 0, 0, 0, 1, 0, 0, 0, NULL, &StreamsGroupMetadataValue_LastAssignmentConfig},
};
static const struct kt_cstruct StreamsGroupMetadataValue = {StreamsGroupMetadataValue_f, 4};

static const struct kt_cfield StreamsGroupMemberMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"memberId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct StreamsGroupMemberMetadataKey = {StreamsGroupMemberMetadataKey_f, 2};

static const struct kt_cfield StreamsGroupMemberMetadataValue_Endpoint_f[] = {
	{"host", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"port", KT_CT_U16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct StreamsGroupMemberMetadataValue_Endpoint = {StreamsGroupMemberMetadataValue_Endpoint_f, 2};

static const struct kt_cfield StreamsGroupMemberMetadataValue_KeyValue_f[] = {
	{"key", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"value", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct StreamsGroupMemberMetadataValue_KeyValue = {StreamsGroupMemberMetadataValue_KeyValue_f, 2};

static const struct kt_cfield StreamsGroupMemberMetadataValue_f[] = {
	{"instanceId", KT_CT_STR, 0, 0, 0, 0, 0, -1, 99, -1, 0, "", NULL},
	{"rackId", KT_CT_STR, 0, 0, 0, 0, 0, -1, 99, -1, 0, "", NULL},
	{"clientId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"clientHost", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"rebalanceTimeoutMs", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"topologyEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"processId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"userEndpoint", KT_CT_STRUCT, 0, 0, 0, 0, 0, -1, 99, -1, 1, NULL, &StreamsGroupMemberMetadataValue_Endpoint},
	{"clientTags", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupMemberMetadataValue_KeyValue},
};
static const struct kt_cstruct StreamsGroupMemberMetadataValue = {StreamsGroupMemberMetadataValue_f, 9};

static const struct kt_cfield StreamsGroupTargetAssignmentMetadataKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct StreamsGroupTargetAssignmentMetadataKey = {StreamsGroupTargetAssignmentMetadataKey_f, 1};

static const struct kt_cfield StreamsGroupTargetAssignmentMetadataValue_f[] = {
	{"assignmentEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"assignmentTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, 0, 0, 0, 0LL, NULL, NULL},
};
static const struct kt_cstruct StreamsGroupTargetAssignmentMetadataValue = {StreamsGroupTargetAssignmentMetadataValue_f, 2};

static const struct kt_cfield StreamsGroupTargetAssignmentMemberKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"memberId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct StreamsGroupTargetAssignmentMemberKey = {StreamsGroupTargetAssignmentMemberKey_f, 2};

static const struct kt_cfield StreamsGroupTargetAssignmentMemberValue_TaskIds_f[] = {
	{"subtopologyId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"partitions", KT_CT_I32, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct StreamsGroupTargetAssignmentMemberValue_TaskIds = {StreamsGroupTargetAssignmentMemberValue_TaskIds_f, 2};

static const struct kt_cfield StreamsGroupTargetAssignmentMemberValue_f[] = {
	{"activeTasks", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupTargetAssignmentMemberValue_TaskIds},
	{"standbyTasks", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupTargetAssignmentMemberValue_TaskIds},
	{"warmupTasks", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupTargetAssignmentMemberValue_TaskIds},
};
static const struct kt_cstruct StreamsGroupTargetAssignmentMemberValue = {StreamsGroupTargetAssignmentMemberValue_f, 3};

static const struct kt_cfield StreamsGroupCurrentMemberAssignmentKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"memberId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct StreamsGroupCurrentMemberAssignmentKey = {StreamsGroupCurrentMemberAssignmentKey_f, 2};

static const struct kt_cfield StreamsGroupCurrentMemberAssignmentValue_TaskIds_f[] = {
	{"subtopologyId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"partitions", KT_CT_I32, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"assignmentEpochs", KT_CT_I32, 1, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL},
};
static const struct kt_cstruct StreamsGroupCurrentMemberAssignmentValue_TaskIds = {StreamsGroupCurrentMemberAssignmentValue_TaskIds_f, 3};

static const struct kt_cfield StreamsGroupCurrentMemberAssignmentValue_f[] = {
	{"memberEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"previousMemberEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"state", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"activeTasks", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupCurrentMemberAssignmentValue_TaskIds},
	{"standbyTasks", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupCurrentMemberAssignmentValue_TaskIds},
	{"warmupTasks", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupCurrentMemberAssignmentValue_TaskIds},
	{"activeTasksPendingRevocation", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupCurrentMemberAssignmentValue_TaskIds},
	{"standbyTasksPendingRevocation", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupCurrentMemberAssignmentValue_TaskIds},
	{"warmupTasksPendingRevocation", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupCurrentMemberAssignmentValue_TaskIds},
};
static const struct kt_cstruct StreamsGroupCurrentMemberAssignmentValue = {StreamsGroupCurrentMemberAssignmentValue_f, 9};

static const struct kt_cfield StreamsGroupTopologyKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct StreamsGroupTopologyKey = {StreamsGroupTopologyKey_f, 1};

static const struct kt_cfield StreamsGroupTopologyValue_Subtopology_TopicInfo_TopicConfig_f[] = {
	{"key", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"value", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct StreamsGroupTopologyValue_Subtopology_TopicInfo_TopicConfig = {StreamsGroupTopologyValue_Subtopology_TopicInfo_TopicConfig_f, 2};

static const struct kt_cfield StreamsGroupTopologyValue_Subtopology_TopicInfo_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"partitions", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"replicationFactor", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"topicConfigs", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupTopologyValue_Subtopology_TopicInfo_TopicConfig},
};
static const struct kt_cstruct StreamsGroupTopologyValue_Subtopology_TopicInfo = {StreamsGroupTopologyValue_Subtopology_TopicInfo_f, 4};

static const struct kt_cfield StreamsGroupTopologyValue_Subtopology_CopartitionGroup_f[] = {
	{"sourceTopics", KT_CT_I16, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"sourceTopicRegex", KT_CT_I16, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"repartitionSourceTopics", KT_CT_I16, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct StreamsGroupTopologyValue_Subtopology_CopartitionGroup = {StreamsGroupTopologyValue_Subtopology_CopartitionGroup_f, 3};

static const struct kt_cfield StreamsGroupTopologyValue_Subtopology_f[] = {
	{"subtopologyId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"sourceTopics", KT_CT_STR, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"sourceTopicRegex", KT_CT_STR, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"stateChangelogTopics", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupTopologyValue_Subtopology_TopicInfo},
	{"repartitionSinkTopics", KT_CT_STR, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"repartitionSourceTopics", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupTopologyValue_Subtopology_TopicInfo},
	{"copartitionGroups", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupTopologyValue_Subtopology_CopartitionGroup},
};
static const struct kt_cstruct StreamsGroupTopologyValue_Subtopology = {StreamsGroupTopologyValue_Subtopology_f, 7};

static const struct kt_cfield StreamsGroupTopologyValue_f[] = {
	{"epoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"subtopologies", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &StreamsGroupTopologyValue_Subtopology},
};
static const struct kt_cstruct StreamsGroupTopologyValue = {StreamsGroupTopologyValue_f, 2};

static const struct kt_cfield TransactionLogKey_f[] = {
	{"transactionalId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct TransactionLogKey = {TransactionLogKey_f, 1};

static const struct kt_cfield TransactionLogValue_PartitionsSchema_f[] = {
	{"topic", KT_CT_STR, 0, 0, 1, 99, -1, -1, 99, -1, 0, "", NULL},
	{"partitionIds", KT_CT_I32, 1, 0, 1, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct TransactionLogValue_PartitionsSchema = {TransactionLogValue_PartitionsSchema_f, 2};

static const struct kt_cfield TransactionLogValue_f[] = {
	{"producerId", KT_CT_I64, 0, 0, 1, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"previousProducerId", KT_CT_I64, 0, 1, 1, 99, -1, 0, 1, 1, -1LL, NULL, NULL},
	{"nextProducerId", KT_CT_I64, 0, 1, 1, 99, -1, 1, 1, 1, -1LL, NULL, NULL},
	{"producerEpoch", KT_CT_I16, 0, 0, 1, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"nextProducerEpoch", KT_CT_I16, 0, 1, 1, 99, -1, 3, 1, 1, -1LL, NULL, NULL},
	{"transactionTimeoutMs", KT_CT_I32, 0, 0, 1, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"transactionStatus", KT_CT_I8, 0, 0, 1, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"transactionPartitions", KT_CT_STRUCT, 1, 0, 1, 0, 1, -1, 99, -1, 0, NULL, &TransactionLogValue_PartitionsSchema},
	{"transactionLastUpdateTimestampMs", KT_CT_I64, 0, 0, 1, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"transactionStartTimestampMs", KT_CT_I64, 0, 0, 1, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"clientTransactionVersion", KT_CT_I16, 0, 1, 1, 99, -1, 2, 1, 1, 0LL, NULL, NULL},
};
static const struct kt_cstruct TransactionLogValue = {TransactionLogValue_f, 11};

static const struct kt_cfield ShareSnapshotKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"partition", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct ShareSnapshotKey = {ShareSnapshotKey_f, 3};

static const struct kt_cfield ShareSnapshotValue_StateBatch_f[] = {
	{"firstOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"lastOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"deliveryState", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"deliveryCount", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct ShareSnapshotValue_StateBatch = {ShareSnapshotValue_StateBatch_f, 4};

static const struct kt_cfield ShareSnapshotValue_f[] = {
	{"snapshotEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"stateEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"leaderEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"startOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"deliveryCompleteCount", KT_CT_I32, 0, 0, 0, 99, -1, 0, 0, 0, -1LL, NULL, NULL},
	{"createTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"writeTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"stateBatches", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ShareSnapshotValue_StateBatch},
};
static const struct kt_cstruct ShareSnapshotValue = {ShareSnapshotValue_f, 8};

static const struct kt_cfield ShareUpdateKey_f[] = {
	{"groupId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"partition", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct ShareUpdateKey = {ShareUpdateKey_f, 3};

static const struct kt_cfield ShareUpdateValue_StateBatch_f[] = {
	{"firstOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"lastOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"deliveryState", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"deliveryCount", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct ShareUpdateValue_StateBatch = {ShareUpdateValue_StateBatch_f, 4};

static const struct kt_cfield ShareUpdateValue_f[] = {
	{"snapshotEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"leaderEpoch", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"startOffset", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"deliveryCompleteCount", KT_CT_I32, 0, 0, 0, 99, -1, 0, 0, 0, -1LL, NULL, NULL},
	{"stateBatches", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ShareUpdateValue_StateBatch},
};
static const struct kt_cstruct ShareUpdateValue = {ShareUpdateValue_f, 5};

static const struct kt_cfield RegisterBrokerRecord_BrokerEndpoint_f[] = {
	{"name", KT_CT_STR, 0, 0, 4, 99, -1, -1, 99, -1, 0, "", NULL},
	{"host", KT_CT_STR, 0, 0, 4, 99, -1, -1, 99, -1, 0, "", NULL},
	{"port", KT_CT_U16, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"securityProtocol", KT_CT_I16, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct RegisterBrokerRecord_BrokerEndpoint = {RegisterBrokerRecord_BrokerEndpoint_f, 4};

static const struct kt_cfield RegisterBrokerRecord_BrokerFeature_f[] = {
	{"name", KT_CT_STR, 0, 0, 4, 99, -1, -1, 99, -1, 0, "", NULL},
	{"minSupportedVersion", KT_CT_I16, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"maxSupportedVersion", KT_CT_I16, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct RegisterBrokerRecord_BrokerFeature = {RegisterBrokerRecord_BrokerFeature_f, 3};

static const struct kt_cfield RegisterBrokerRecord_f[] = {
	{"brokerId", KT_CT_I32, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"isMigratingZkBroker", KT_CT_BOOL, 0, 2, 4, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"incarnationId", KT_CT_UUID, 0, 0, 4, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"brokerEpoch", KT_CT_I64, 0, 0, 4, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"endPoints", KT_CT_STRUCT, 1, 0, 4, 99, -1, -1, 99, -1, 0, NULL, &RegisterBrokerRecord_BrokerEndpoint},
	{"features", KT_CT_STRUCT, 1, 0, 4, 99, -1, -1, 99, -1, 0, NULL, &RegisterBrokerRecord_BrokerFeature},
	{"rack", KT_CT_STR, 0, 0, 4, 0, 4, -1, 99, -1, 0, "", NULL},
	{"fenced", KT_CT_BOOL, 0, 0, 4, 99, -1, -1, 99, -1, 1, NULL, NULL},
	{"inControlledShutdown", KT_CT_BOOL, 0, 1, 4, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"logDirs", KT_CT_UUID, 1, 3, 4, 99, -1, 0, 3, 4, 0, NULL, NULL},
	{"cordonedLogDirs", KT_CT_UUID, 1, 4, 4, 4, 4, 1, 4, 4, 1, NULL, NULL},
};
static const struct kt_cstruct RegisterBrokerRecord = {RegisterBrokerRecord_f, 11};

static const struct kt_cfield UnregisterBrokerRecord_f[] = {
	{"brokerId", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"brokerEpoch", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct UnregisterBrokerRecord = {UnregisterBrokerRecord_f, 2};

static const struct kt_cfield TopicRecord_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct TopicRecord = {TopicRecord_f, 2};

static const struct kt_cfield PartitionRecord_f[] = {
	{"partitionId", KT_CT_I32, 0, 0, 2, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"topicId", KT_CT_UUID, 0, 0, 2, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"replicas", KT_CT_I32, 1, 0, 2, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"isr", KT_CT_I32, 1, 0, 2, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"removingReplicas", KT_CT_I32, 1, 0, 2, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"addingReplicas", KT_CT_I32, 1, 0, 2, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"leader", KT_CT_I32, 0, 0, 2, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"leaderRecoveryState", KT_CT_I8, 0, 0, 2, 99, -1, 0, 0, 2, 0LL, NULL, NULL},
	{"leaderEpoch", KT_CT_I32, 0, 0, 2, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"partitionEpoch", KT_CT_I32, 0, 0, 2, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"directories", KT_CT_UUID, 1, 1, 2, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"eligibleLeaderReplicas", KT_CT_I32, 1, 2, 2, 2, 2, 1, 2, 2, 1, NULL, NULL},
	{"lastKnownElr", KT_CT_I32, 1, 2, 2, 2, 2, 2, 2, 2, 1, NULL, NULL},
};
static const struct kt_cstruct PartitionRecord = {PartitionRecord_f, 13};

static const struct kt_cfield ConfigRecord_f[] = {
	{"resourceType", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"resourceName", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"value", KT_CT_STR, 0, 0, 0, 0, 0, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ConfigRecord = {ConfigRecord_f, 4};

static const struct kt_cfield PartitionChangeRecord_f[] = {
	{"partitionId", KT_CT_I32, 0, 0, 2, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"topicId", KT_CT_UUID, 0, 0, 2, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"isr", KT_CT_I32, 1, 0, 2, 0, 2, 0, 0, 2, 1, NULL, NULL},
	{"leader", KT_CT_I32, 0, 0, 2, 99, -1, 1, 0, 2, -2LL, NULL, NULL},
	{"replicas", KT_CT_I32, 1, 0, 2, 0, 2, 2, 0, 2, 1, NULL, NULL},
	{"removingReplicas", KT_CT_I32, 1, 0, 2, 0, 2, 3, 0, 2, 1, NULL, NULL},
	{"addingReplicas", KT_CT_I32, 1, 0, 2, 0, 2, 4, 0, 2, 1, NULL, NULL},
	{"leaderRecoveryState", KT_CT_I8, 0, 0, 2, 99, -1, 5, 0, 2, -1LL, NULL, NULL},
	{"directories", KT_CT_UUID, 1, 1, 2, 1, 2, 8, 1, 2, 1, NULL, NULL},
	{"eligibleLeaderReplicas", KT_CT_I32, 1, 2, 2, 2, 2, 6, 2, 2, 1, NULL, NULL},
	{"lastKnownElr", KT_CT_I32, 1, 2, 2, 2, 2, 7, 2, 2, 1, NULL, NULL},
};
static const struct kt_cstruct PartitionChangeRecord = {PartitionChangeRecord_f, 11};

static const struct kt_cfield FenceBrokerRecord_f[] = {
	{"id", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"epoch", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct FenceBrokerRecord = {FenceBrokerRecord_f, 2};

static const struct kt_cfield UnfenceBrokerRecord_f[] = {
	{"id", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"epoch", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct UnfenceBrokerRecord = {UnfenceBrokerRecord_f, 2};

static const struct kt_cfield RemoveTopicRecord_f[] = {
	{"topicId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct RemoveTopicRecord = {RemoveTopicRecord_f, 1};

static const struct kt_cfield DelegationTokenRecord_f[] = {
	{"owner", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"requester", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"renewers", KT_CT_STR, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"issueTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"maxTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"expirationTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"tokenId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct DelegationTokenRecord = {DelegationTokenRecord_f, 7};

static const struct kt_cfield UserScramCredentialRecord_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"mechanism", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"salt", KT_CT_BYTES, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"storedKey", KT_CT_BYTES, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"serverKey", KT_CT_BYTES, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"iterations", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct UserScramCredentialRecord = {UserScramCredentialRecord_f, 6};

static const struct kt_cfield FeatureLevelRecord_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"featureLevel", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct FeatureLevelRecord = {FeatureLevelRecord_f, 2};

static const struct kt_cfield ClientQuotaRecord_EntityData_f[] = {
	{"entityType", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"entityName", KT_CT_STR, 0, 0, 0, 0, 0, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ClientQuotaRecord_EntityData = {ClientQuotaRecord_EntityData_f, 2};

static const struct kt_cfield ClientQuotaRecord_f[] = {
	{"entity", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &ClientQuotaRecord_EntityData},
	{"key", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"value", KT_CT_F64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"remove", KT_CT_BOOL, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ClientQuotaRecord = {ClientQuotaRecord_f, 4};

static const struct kt_cfield ProducerIdsRecord_f[] = {
	{"brokerId", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"brokerEpoch", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"nextProducerId", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct ProducerIdsRecord = {ProducerIdsRecord_f, 3};

static const struct kt_cfield BrokerRegistrationChangeRecord_f[] = {
	{"brokerId", KT_CT_I32, 0, 0, 3, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"brokerEpoch", KT_CT_I64, 0, 0, 3, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"fenced", KT_CT_I8, 0, 0, 3, 99, -1, 0, 0, 3, 0LL, NULL, NULL},
	{"inControlledShutdown", KT_CT_I8, 0, 1, 3, 99, -1, 1, 1, 3, 0LL, NULL, NULL},
	{"logDirs", KT_CT_UUID, 1, 2, 3, 99, -1, 2, 2, 3, 0, NULL, NULL},
	{"cordonedLogDirs", KT_CT_UUID, 1, 3, 3, 3, 3, 3, 3, 3, 1, NULL, NULL},
};
static const struct kt_cstruct BrokerRegistrationChangeRecord = {BrokerRegistrationChangeRecord_f, 6};

static const struct kt_cfield AccessControlEntryRecord_f[] = {
	{"id", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"resourceType", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"resourceName", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"patternType", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"principal", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"host", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"operation", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"permissionType", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct AccessControlEntryRecord = {AccessControlEntryRecord_f, 8};

static const struct kt_cfield RemoveAccessControlEntryRecord_f[] = {
	{"id", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct RemoveAccessControlEntryRecord = {RemoveAccessControlEntryRecord_f, 1};

static const struct kt_cfield NoOpRecord_f[] = {
};
static const struct kt_cstruct NoOpRecord = {NoOpRecord_f, 0};

static const struct kt_cfield ZkMigrationStateRecord_f[] = {
	{"zkMigrationState", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct ZkMigrationStateRecord = {ZkMigrationStateRecord_f, 1};

static const struct kt_cfield RemoveUserScramCredentialRecord_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"mechanism", KT_CT_I8, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct RemoveUserScramCredentialRecord = {RemoveUserScramCredentialRecord_f, 2};

static const struct kt_cfield BeginTransactionRecord_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 0, 0, 0, 0, 0, 1, NULL, NULL},
};
static const struct kt_cstruct BeginTransactionRecord = {BeginTransactionRecord_f, 1};

static const struct kt_cfield EndTransactionRecord_f[] = {
};
static const struct kt_cstruct EndTransactionRecord = {EndTransactionRecord_f, 0};

static const struct kt_cfield AbortTransactionRecord_f[] = {
	{"reason", KT_CT_STR, 0, 0, 0, 0, 0, 0, 0, 0, 1, NULL, NULL},
};
static const struct kt_cstruct AbortTransactionRecord = {AbortTransactionRecord_f, 1};

static const struct kt_cfield RemoveDelegationTokenRecord_f[] = {
	{"tokenId", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct RemoveDelegationTokenRecord = {RemoveDelegationTokenRecord_f, 1};

static const struct kt_cfield RegisterControllerRecord_ControllerEndpoint_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"host", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"port", KT_CT_U16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"securityProtocol", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct RegisterControllerRecord_ControllerEndpoint = {RegisterControllerRecord_ControllerEndpoint_f, 4};

static const struct kt_cfield RegisterControllerRecord_ControllerFeature_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"minSupportedVersion", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"maxSupportedVersion", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct RegisterControllerRecord_ControllerFeature = {RegisterControllerRecord_ControllerFeature_f, 3};

static const struct kt_cfield RegisterControllerRecord_f[] = {
	{"controllerId", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"incarnationId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"zkMigrationReady", KT_CT_BOOL, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"endPoints", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &RegisterControllerRecord_ControllerEndpoint},
	{"features", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &RegisterControllerRecord_ControllerFeature},
};
static const struct kt_cstruct RegisterControllerRecord = {RegisterControllerRecord_f, 5};

static const struct kt_cfield ClearElrRecord_f[] = {
	{"topicName", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
};
static const struct kt_cstruct ClearElrRecord = {ClearElrRecord_f, 1};

static const struct kt_cfield ConsumerProtocolSubscription_TopicPartition_f[] = {
	{"topic", KT_CT_STR, 0, 1, 3, 99, -1, -1, 99, -1, 0, "", NULL},
	{"partitions", KT_CT_I32, 1, 1, 3, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ConsumerProtocolSubscription_TopicPartition = {ConsumerProtocolSubscription_TopicPartition_f, 2};

static const struct kt_cfield ConsumerProtocolSubscription_f[] = {
	{"topics", KT_CT_STR, 1, 0, 3, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"userData", KT_CT_BYTES, 0, 0, 3, 0, 3, -1, 99, -1, 1, NULL, NULL},
	{"ownedPartitions", KT_CT_STRUCT, 1, 1, 3, 99, -1, -1, 99, -1, 0, NULL, &ConsumerProtocolSubscription_TopicPartition},
	{"generationId", KT_CT_I32, 0, 2, 3, 99, -1, -1, 99, -1, -1LL, NULL, NULL},
	{"rackId", KT_CT_STR, 0, 3, 3, 3, 3, -1, 99, -1, 1, NULL, NULL},
};
static const struct kt_cstruct ConsumerProtocolSubscription = {ConsumerProtocolSubscription_f, 5};

static const struct kt_cfield ConsumerProtocolAssignment_TopicPartition_f[] = {
	{"topic", KT_CT_STR, 0, 0, 3, 99, -1, -1, 99, -1, 0, "", NULL},
	{"partitions", KT_CT_I32, 1, 0, 3, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct ConsumerProtocolAssignment_TopicPartition = {ConsumerProtocolAssignment_TopicPartition_f, 2};

static const struct kt_cfield ConsumerProtocolAssignment_f[] = {
	{"assignedPartitions", KT_CT_STRUCT, 1, 0, 3, 99, -1, -1, 99, -1, 0, NULL, &ConsumerProtocolAssignment_TopicPartition},
	{"userData", KT_CT_BYTES, 0, 0, 3, 0, 3, -1, 99, -1, 1, NULL, NULL},
};
static const struct kt_cstruct ConsumerProtocolAssignment = {ConsumerProtocolAssignment_f, 2};

static const struct kt_cfield LeaderChangeMessage_Voter_f[] = {
	{"voterId", KT_CT_I32, 0, 0, 1, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"voterDirectoryId", KT_CT_UUID, 0, 1, 1, 99, -1, -1, 99, -1, 0, NULL, NULL},
};
static const struct kt_cstruct LeaderChangeMessage_Voter = {LeaderChangeMessage_Voter_f, 2};

static const struct kt_cfield LeaderChangeMessage_f[] = {
	{"version", KT_CT_I16, 0, 0, 1, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"leaderId", KT_CT_I32, 0, 0, 1, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"voters", KT_CT_STRUCT, 1, 0, 1, 99, -1, -1, 99, -1, 0, NULL, &LeaderChangeMessage_Voter},
	{"grantingVoters", KT_CT_STRUCT, 1, 0, 1, 99, -1, -1, 99, -1, 0, NULL, &LeaderChangeMessage_Voter},
};
static const struct kt_cstruct LeaderChangeMessage = {LeaderChangeMessage_f, 4};

static const struct kt_cfield SnapshotHeaderRecord_f[] = {
	{"version", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"lastContainedLogTimestamp", KT_CT_I64, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct SnapshotHeaderRecord = {SnapshotHeaderRecord_f, 2};

static const struct kt_cfield SnapshotFooterRecord_f[] = {
	{"version", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct SnapshotFooterRecord = {SnapshotFooterRecord_f, 1};

static const struct kt_cfield KRaftVersionRecord_f[] = {
	{"version", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"kRaftVersion", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct KRaftVersionRecord = {KRaftVersionRecord_f, 2};

static const struct kt_cfield VotersRecord_Voter_Endpoint_f[] = {
	{"name", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"host", KT_CT_STR, 0, 0, 0, 99, -1, -1, 99, -1, 0, "", NULL},
	{"port", KT_CT_U16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct VotersRecord_Voter_Endpoint = {VotersRecord_Voter_Endpoint_f, 3};

static const struct kt_cfield VotersRecord_Voter_KRaftVersionFeature_f[] = {
	{"minSupportedVersion", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"maxSupportedVersion", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
};
static const struct kt_cstruct VotersRecord_Voter_KRaftVersionFeature = {VotersRecord_Voter_KRaftVersionFeature_f, 2};

static const struct kt_cfield VotersRecord_Voter_f[] = {
	{"voterId", KT_CT_I32, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"voterDirectoryId", KT_CT_UUID, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, NULL},
	{"endpoints", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &VotersRecord_Voter_Endpoint},
	{"kRaftVersionFeature", KT_CT_STRUCT, 0, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &VotersRecord_Voter_KRaftVersionFeature},
};
static const struct kt_cstruct VotersRecord_Voter = {VotersRecord_Voter_f, 4};

static const struct kt_cfield VotersRecord_f[] = {
	{"version", KT_CT_I16, 0, 0, 0, 99, -1, -1, 99, -1, 0LL, NULL, NULL},
	{"voters", KT_CT_STRUCT, 1, 0, 0, 99, -1, -1, 99, -1, 0, NULL, &VotersRecord_Voter},
};
static const struct kt_cstruct VotersRecord = {VotersRecord_f, 2};


const struct kt_crec kt_coord_group_recs[] = {
	{0, {"LegacyOffsetCommitKey", 0, 0, 99, &LegacyOffsetCommitKey}, {"LegacyOffsetCommitValue", 0, 0, 99, &LegacyOffsetCommitValue}},
	{1, {"OffsetCommitKey", 0, 0, 99, &OffsetCommitKey}, {"OffsetCommitValue", 0, 4, 4, &OffsetCommitValue}},
	{2, {"GroupMetadataKey", 0, 0, 99, &GroupMetadataKey}, {"GroupMetadataValue", 0, 4, 4, &GroupMetadataValue}},
	{3, {"ConsumerGroupMetadataKey", 0, 0, 99, &ConsumerGroupMetadataKey}, {"ConsumerGroupMetadataValue", 0, 0, 0, &ConsumerGroupMetadataValue}},
	{4, {"ConsumerGroupPartitionMetadataKey", 0, 0, 99, &ConsumerGroupPartitionMetadataKey}, {"ConsumerGroupPartitionMetadataValue", 0, 0, 0, &ConsumerGroupPartitionMetadataValue}},
	{5, {"ConsumerGroupMemberMetadataKey", 0, 0, 99, &ConsumerGroupMemberMetadataKey}, {"ConsumerGroupMemberMetadataValue", 0, 0, 0, &ConsumerGroupMemberMetadataValue}},
	{6, {"ConsumerGroupTargetAssignmentMetadataKey", 0, 0, 99, &ConsumerGroupTargetAssignmentMetadataKey}, {"ConsumerGroupTargetAssignmentMetadataValue", 0, 0, 0, &ConsumerGroupTargetAssignmentMetadataValue}},
	{7, {"ConsumerGroupTargetAssignmentMemberKey", 0, 0, 99, &ConsumerGroupTargetAssignmentMemberKey}, {"ConsumerGroupTargetAssignmentMemberValue", 0, 0, 0, &ConsumerGroupTargetAssignmentMemberValue}},
	{8, {"ConsumerGroupCurrentMemberAssignmentKey", 0, 0, 99, &ConsumerGroupCurrentMemberAssignmentKey}, {"ConsumerGroupCurrentMemberAssignmentValue", 0, 0, 0, &ConsumerGroupCurrentMemberAssignmentValue}},
	{10, {"ShareGroupMemberMetadataKey", 0, 0, 99, &ShareGroupMemberMetadataKey}, {"ShareGroupMemberMetadataValue", 0, 0, 0, &ShareGroupMemberMetadataValue}},
	{11, {"ShareGroupMetadataKey", 0, 0, 99, &ShareGroupMetadataKey}, {"ShareGroupMetadataValue", 0, 0, 0, &ShareGroupMetadataValue}},
	{12, {"ShareGroupTargetAssignmentMetadataKey", 0, 0, 99, &ShareGroupTargetAssignmentMetadataKey}, {"ShareGroupTargetAssignmentMetadataValue", 0, 0, 0, &ShareGroupTargetAssignmentMetadataValue}},
	{13, {"ShareGroupTargetAssignmentMemberKey", 0, 0, 99, &ShareGroupTargetAssignmentMemberKey}, {"ShareGroupTargetAssignmentMemberValue", 0, 0, 0, &ShareGroupTargetAssignmentMemberValue}},
	{14, {"ShareGroupCurrentMemberAssignmentKey", 0, 0, 99, &ShareGroupCurrentMemberAssignmentKey}, {"ShareGroupCurrentMemberAssignmentValue", 0, 0, 0, &ShareGroupCurrentMemberAssignmentValue}},
	{15, {"ShareGroupStatePartitionMetadataKey", 0, 0, 99, &ShareGroupStatePartitionMetadataKey}, {"ShareGroupStatePartitionMetadataValue", 0, 0, 0, &ShareGroupStatePartitionMetadataValue}},
	{16, {"ConsumerGroupRegularExpressionKey", 0, 0, 99, &ConsumerGroupRegularExpressionKey}, {"ConsumerGroupRegularExpressionValue", 0, 0, 0, &ConsumerGroupRegularExpressionValue}},
	{17, {"StreamsGroupMetadataKey", 0, 0, 99, &StreamsGroupMetadataKey}, {"StreamsGroupMetadataValue", 0, 0, 0, &StreamsGroupMetadataValue}},
	{19, {"StreamsGroupMemberMetadataKey", 0, 0, 99, &StreamsGroupMemberMetadataKey}, {"StreamsGroupMemberMetadataValue", 0, 0, 0, &StreamsGroupMemberMetadataValue}},
	{20, {"StreamsGroupTargetAssignmentMetadataKey", 0, 0, 99, &StreamsGroupTargetAssignmentMetadataKey}, {"StreamsGroupTargetAssignmentMetadataValue", 0, 0, 0, &StreamsGroupTargetAssignmentMetadataValue}},
	{21, {"StreamsGroupTargetAssignmentMemberKey", 0, 0, 99, &StreamsGroupTargetAssignmentMemberKey}, {"StreamsGroupTargetAssignmentMemberValue", 0, 0, 0, &StreamsGroupTargetAssignmentMemberValue}},
	{22, {"StreamsGroupCurrentMemberAssignmentKey", 0, 0, 99, &StreamsGroupCurrentMemberAssignmentKey}, {"StreamsGroupCurrentMemberAssignmentValue", 0, 0, 0, &StreamsGroupCurrentMemberAssignmentValue}},
	{23, {"StreamsGroupTopologyKey", 0, 0, 99, &StreamsGroupTopologyKey}, {"StreamsGroupTopologyValue", 0, 0, 0, &StreamsGroupTopologyValue}},
};
const size_t kt_coord_group_recs_len = sizeof(kt_coord_group_recs) / sizeof(kt_coord_group_recs[0]);

const struct kt_crec kt_coord_txn_recs[] = {
	{0, {"TransactionLogKey", 0, 0, 99, &TransactionLogKey}, {"TransactionLogValue", 0, 1, 1, &TransactionLogValue}},
};
const size_t kt_coord_txn_recs_len = sizeof(kt_coord_txn_recs) / sizeof(kt_coord_txn_recs[0]);

const struct kt_crec kt_coord_share_recs[] = {
	{0, {"ShareSnapshotKey", 0, 0, 99, &ShareSnapshotKey}, {"ShareSnapshotValue", 0, 0, 0, &ShareSnapshotValue}},
	{1, {"ShareUpdateKey", 0, 0, 99, &ShareUpdateKey}, {"ShareUpdateValue", 0, 0, 0, &ShareUpdateValue}},
};
const size_t kt_coord_share_recs_len = sizeof(kt_coord_share_recs) / sizeof(kt_coord_share_recs[0]);

const struct kt_cmeta kt_coord_meta_recs[] = {
	{0, "REGISTER_BROKER_RECORD", {"RegisterBrokerRecord", 0, 4, 0, &RegisterBrokerRecord}},
	{1, "UNREGISTER_BROKER_RECORD", {"UnregisterBrokerRecord", 0, 0, 0, &UnregisterBrokerRecord}},
	{2, "TOPIC_RECORD", {"TopicRecord", 0, 0, 0, &TopicRecord}},
	{3, "PARTITION_RECORD", {"PartitionRecord", 0, 2, 0, &PartitionRecord}},
	{4, "CONFIG_RECORD", {"ConfigRecord", 0, 0, 0, &ConfigRecord}},
	{5, "PARTITION_CHANGE_RECORD", {"PartitionChangeRecord", 0, 2, 0, &PartitionChangeRecord}},
	{7, "FENCE_BROKER_RECORD", {"FenceBrokerRecord", 0, 0, 0, &FenceBrokerRecord}},
	{8, "UNFENCE_BROKER_RECORD", {"UnfenceBrokerRecord", 0, 0, 0, &UnfenceBrokerRecord}},
	{9, "REMOVE_TOPIC_RECORD", {"RemoveTopicRecord", 0, 0, 0, &RemoveTopicRecord}},
	{10, "DELEGATION_TOKEN_RECORD", {"DelegationTokenRecord", 0, 0, 0, &DelegationTokenRecord}},
	{11, "USER_SCRAM_CREDENTIAL_RECORD", {"UserScramCredentialRecord", 0, 0, 0, &UserScramCredentialRecord}},
	{12, "FEATURE_LEVEL_RECORD", {"FeatureLevelRecord", 0, 0, 0, &FeatureLevelRecord}},
	{14, "CLIENT_QUOTA_RECORD", {"ClientQuotaRecord", 0, 0, 0, &ClientQuotaRecord}},
	{15, "PRODUCER_IDS_RECORD", {"ProducerIdsRecord", 0, 0, 0, &ProducerIdsRecord}},
	{17, "BROKER_REGISTRATION_CHANGE_RECORD", {"BrokerRegistrationChangeRecord", 0, 3, 0, &BrokerRegistrationChangeRecord}},
	{18, "ACCESS_CONTROL_ENTRY_RECORD", {"AccessControlEntryRecord", 0, 0, 0, &AccessControlEntryRecord}},
	{19, "REMOVE_ACCESS_CONTROL_ENTRY_RECORD", {"RemoveAccessControlEntryRecord", 0, 0, 0, &RemoveAccessControlEntryRecord}},
	{20, "NO_OP_RECORD", {"NoOpRecord", 0, 0, 0, &NoOpRecord}},
	{21, "ZK_MIGRATION_STATE_RECORD", {"ZkMigrationStateRecord", 0, 0, 0, &ZkMigrationStateRecord}},
	{22, "REMOVE_USER_SCRAM_CREDENTIAL_RECORD", {"RemoveUserScramCredentialRecord", 0, 0, 0, &RemoveUserScramCredentialRecord}},
	{23, "BEGIN_TRANSACTION_RECORD", {"BeginTransactionRecord", 0, 0, 0, &BeginTransactionRecord}},
	{24, "END_TRANSACTION_RECORD", {"EndTransactionRecord", 0, 0, 0, &EndTransactionRecord}},
	{25, "ABORT_TRANSACTION_RECORD", {"AbortTransactionRecord", 0, 0, 0, &AbortTransactionRecord}},
	{26, "REMOVE_DELEGATION_TOKEN_RECORD", {"RemoveDelegationTokenRecord", 0, 0, 0, &RemoveDelegationTokenRecord}},
	{27, "REGISTER_CONTROLLER_RECORD", {"RegisterControllerRecord", 0, 0, 0, &RegisterControllerRecord}},
	{28, "CLEAR_ELR_RECORD", {"ClearElrRecord", 0, 0, 0, &ClearElrRecord}},
};
const size_t kt_coord_meta_recs_len = sizeof(kt_coord_meta_recs) / sizeof(kt_coord_meta_recs[0]);

const struct kt_cmsg kt_coord_msg_consumer_protocol_subscription = {"ConsumerProtocolSubscription", 0, 3, 99, &ConsumerProtocolSubscription};
const struct kt_cmsg kt_coord_msg_consumer_protocol_assignment = {"ConsumerProtocolAssignment", 0, 3, 99, &ConsumerProtocolAssignment};
const struct kt_cmsg kt_coord_msg_leader_change_message = {"LeaderChangeMessage", 0, 1, 0, &LeaderChangeMessage};
const struct kt_cmsg kt_coord_msg_snapshot_header_record = {"SnapshotHeaderRecord", 0, 0, 0, &SnapshotHeaderRecord};
const struct kt_cmsg kt_coord_msg_snapshot_footer_record = {"SnapshotFooterRecord", 0, 0, 0, &SnapshotFooterRecord};
const struct kt_cmsg kt_coord_msg_kraft_version_record = {"KRaftVersionRecord", 0, 0, 0, &KRaftVersionRecord};
const struct kt_cmsg kt_coord_msg_voters_record = {"VotersRecord", 0, 0, 0, &VotersRecord};
