/*
 * wire/kerr_java.c - the Java exception class behind each Kafka error code, as
 * org.apache.kafka.common.protocol.Errors of kafka-clients 4.3.1 maps them
 * (dumped at run time from Errors.values(): code -> exception().getClass()).
 * Tools that print Apache's ERROR log lines name these classes.
 */
#include "wire/kerr.h"

#include "base/err.h"

/* Indexed by code + 1, like the table in kerr.c. Most classes live in
 * org.apache.kafka.common.errors; the few that do not carry their package. */
/* clang-format off */
static const char *const classes[] = {
	"UnknownServerException", /* -1 UNKNOWN_SERVER_ERROR */
	NULL, /* 0 NONE */
	"OffsetOutOfRangeException", /* 1 OFFSET_OUT_OF_RANGE */
	"CorruptRecordException", /* 2 CORRUPT_MESSAGE */
	"UnknownTopicOrPartitionException", /* 3 UNKNOWN_TOPIC_OR_PARTITION */
	"InvalidFetchSizeException", /* 4 INVALID_FETCH_SIZE */
	"LeaderNotAvailableException", /* 5 LEADER_NOT_AVAILABLE */
	"NotLeaderOrFollowerException", /* 6 NOT_LEADER_OR_FOLLOWER */
	"TimeoutException", /* 7 REQUEST_TIMED_OUT */
	"BrokerNotAvailableException", /* 8 BROKER_NOT_AVAILABLE */
	"ReplicaNotAvailableException", /* 9 REPLICA_NOT_AVAILABLE */
	"RecordTooLargeException", /* 10 MESSAGE_TOO_LARGE */
	"ControllerMovedException", /* 11 STALE_CONTROLLER_EPOCH */
	"OffsetMetadataTooLarge", /* 12 OFFSET_METADATA_TOO_LARGE */
	"NetworkException", /* 13 NETWORK_EXCEPTION */
	"CoordinatorLoadInProgressException", /* 14 COORDINATOR_LOAD_IN_PROGRESS */
	"CoordinatorNotAvailableException", /* 15 COORDINATOR_NOT_AVAILABLE */
	"NotCoordinatorException", /* 16 NOT_COORDINATOR */
	"InvalidTopicException", /* 17 INVALID_TOPIC_EXCEPTION */
	"RecordBatchTooLargeException", /* 18 RECORD_LIST_TOO_LARGE */
	"NotEnoughReplicasException", /* 19 NOT_ENOUGH_REPLICAS */
	"NotEnoughReplicasAfterAppendException", /* 20 NOT_ENOUGH_REPLICAS_AFTER_APPEND */
	"InvalidRequiredAcksException", /* 21 INVALID_REQUIRED_ACKS */
	"IllegalGenerationException", /* 22 ILLEGAL_GENERATION */
	"InconsistentGroupProtocolException", /* 23 INCONSISTENT_GROUP_PROTOCOL */
	"InvalidGroupIdException", /* 24 INVALID_GROUP_ID */
	"UnknownMemberIdException", /* 25 UNKNOWN_MEMBER_ID */
	"InvalidSessionTimeoutException", /* 26 INVALID_SESSION_TIMEOUT */
	"RebalanceInProgressException", /* 27 REBALANCE_IN_PROGRESS */
	"InvalidCommitOffsetSizeException", /* 28 INVALID_COMMIT_OFFSET_SIZE */
	"TopicAuthorizationException", /* 29 TOPIC_AUTHORIZATION_FAILED */
	"GroupAuthorizationException", /* 30 GROUP_AUTHORIZATION_FAILED */
	"ClusterAuthorizationException", /* 31 CLUSTER_AUTHORIZATION_FAILED */
	"InvalidTimestampException", /* 32 INVALID_TIMESTAMP */
	"UnsupportedSaslMechanismException", /* 33 UNSUPPORTED_SASL_MECHANISM */
	"IllegalSaslStateException", /* 34 ILLEGAL_SASL_STATE */
	"UnsupportedVersionException", /* 35 UNSUPPORTED_VERSION */
	"TopicExistsException", /* 36 TOPIC_ALREADY_EXISTS */
	"InvalidPartitionsException", /* 37 INVALID_PARTITIONS */
	"InvalidReplicationFactorException", /* 38 INVALID_REPLICATION_FACTOR */
	"InvalidReplicaAssignmentException", /* 39 INVALID_REPLICA_ASSIGNMENT */
	"InvalidConfigurationException", /* 40 INVALID_CONFIG */
	"NotControllerException", /* 41 NOT_CONTROLLER */
	"InvalidRequestException", /* 42 INVALID_REQUEST */
	"UnsupportedForMessageFormatException", /* 43 UNSUPPORTED_FOR_MESSAGE_FORMAT */
	"PolicyViolationException", /* 44 POLICY_VIOLATION */
	"OutOfOrderSequenceException", /* 45 OUT_OF_ORDER_SEQUENCE_NUMBER */
	"DuplicateSequenceException", /* 46 DUPLICATE_SEQUENCE_NUMBER */
	"InvalidProducerEpochException", /* 47 INVALID_PRODUCER_EPOCH */
	"InvalidTxnStateException", /* 48 INVALID_TXN_STATE */
	"InvalidPidMappingException", /* 49 INVALID_PRODUCER_ID_MAPPING */
	"InvalidTxnTimeoutException", /* 50 INVALID_TRANSACTION_TIMEOUT */
	"ConcurrentTransactionsException", /* 51 CONCURRENT_TRANSACTIONS */
	"TransactionCoordinatorFencedException", /* 52 TRANSACTION_COORDINATOR_FENCED */
	"TransactionalIdAuthorizationException", /* 53 TRANSACTIONAL_ID_AUTHORIZATION_FAILED */
	"SecurityDisabledException", /* 54 SECURITY_DISABLED */
	"OperationNotAttemptedException", /* 55 OPERATION_NOT_ATTEMPTED */
	"KafkaStorageException", /* 56 KAFKA_STORAGE_ERROR */
	"LogDirNotFoundException", /* 57 LOG_DIR_NOT_FOUND */
	"SaslAuthenticationException", /* 58 SASL_AUTHENTICATION_FAILED */
	"UnknownProducerIdException", /* 59 UNKNOWN_PRODUCER_ID */
	"ReassignmentInProgressException", /* 60 REASSIGNMENT_IN_PROGRESS */
	"DelegationTokenDisabledException", /* 61 DELEGATION_TOKEN_AUTH_DISABLED */
	"DelegationTokenNotFoundException", /* 62 DELEGATION_TOKEN_NOT_FOUND */
	"DelegationTokenOwnerMismatchException", /* 63 DELEGATION_TOKEN_OWNER_MISMATCH */
	"UnsupportedByAuthenticationException", /* 64 DELEGATION_TOKEN_REQUEST_NOT_ALLOWED */
	"DelegationTokenAuthorizationException", /* 65 DELEGATION_TOKEN_AUTHORIZATION_FAILED */
	"DelegationTokenExpiredException", /* 66 DELEGATION_TOKEN_EXPIRED */
	"InvalidPrincipalTypeException", /* 67 INVALID_PRINCIPAL_TYPE */
	"GroupNotEmptyException", /* 68 NON_EMPTY_GROUP */
	"GroupIdNotFoundException", /* 69 GROUP_ID_NOT_FOUND */
	"FetchSessionIdNotFoundException", /* 70 FETCH_SESSION_ID_NOT_FOUND */
	"InvalidFetchSessionEpochException", /* 71 INVALID_FETCH_SESSION_EPOCH */
	"ListenerNotFoundException", /* 72 LISTENER_NOT_FOUND */
	"TopicDeletionDisabledException", /* 73 TOPIC_DELETION_DISABLED */
	"FencedLeaderEpochException", /* 74 FENCED_LEADER_EPOCH */
	"UnknownLeaderEpochException", /* 75 UNKNOWN_LEADER_EPOCH */
	"UnsupportedCompressionTypeException", /* 76 UNSUPPORTED_COMPRESSION_TYPE */
	"StaleBrokerEpochException", /* 77 STALE_BROKER_EPOCH */
	"OffsetNotAvailableException", /* 78 OFFSET_NOT_AVAILABLE */
	"MemberIdRequiredException", /* 79 MEMBER_ID_REQUIRED */
	"PreferredLeaderNotAvailableException", /* 80 PREFERRED_LEADER_NOT_AVAILABLE */
	"GroupMaxSizeReachedException", /* 81 GROUP_MAX_SIZE_REACHED */
	"FencedInstanceIdException", /* 82 FENCED_INSTANCE_ID */
	"EligibleLeadersNotAvailableException", /* 83 ELIGIBLE_LEADERS_NOT_AVAILABLE */
	"ElectionNotNeededException", /* 84 ELECTION_NOT_NEEDED */
	"NoReassignmentInProgressException", /* 85 NO_REASSIGNMENT_IN_PROGRESS */
	"GroupSubscribedToTopicException", /* 86 GROUP_SUBSCRIBED_TO_TOPIC */
	"org.apache.kafka.common.InvalidRecordException", /* 87 INVALID_RECORD */
	"UnstableOffsetCommitException", /* 88 UNSTABLE_OFFSET_COMMIT */
	"ThrottlingQuotaExceededException", /* 89 THROTTLING_QUOTA_EXCEEDED */
	"ProducerFencedException", /* 90 PRODUCER_FENCED */
	"ResourceNotFoundException", /* 91 RESOURCE_NOT_FOUND */
	"DuplicateResourceException", /* 92 DUPLICATE_RESOURCE */
	"UnacceptableCredentialException", /* 93 UNACCEPTABLE_CREDENTIAL */
	"InconsistentVoterSetException", /* 94 INCONSISTENT_VOTER_SET */
	"InvalidUpdateVersionException", /* 95 INVALID_UPDATE_VERSION */
	"FeatureUpdateFailedException", /* 96 FEATURE_UPDATE_FAILED */
	"PrincipalDeserializationException", /* 97 PRINCIPAL_DESERIALIZATION_FAILURE */
	"SnapshotNotFoundException", /* 98 SNAPSHOT_NOT_FOUND */
	"PositionOutOfRangeException", /* 99 POSITION_OUT_OF_RANGE */
	"UnknownTopicIdException", /* 100 UNKNOWN_TOPIC_ID */
	"DuplicateBrokerRegistrationException", /* 101 DUPLICATE_BROKER_REGISTRATION */
	"BrokerIdNotRegisteredException", /* 102 BROKER_ID_NOT_REGISTERED */
	"InconsistentTopicIdException", /* 103 INCONSISTENT_TOPIC_ID */
	"InconsistentClusterIdException", /* 104 INCONSISTENT_CLUSTER_ID */
	"TransactionalIdNotFoundException", /* 105 TRANSACTIONAL_ID_NOT_FOUND */
	"FetchSessionTopicIdException", /* 106 FETCH_SESSION_TOPIC_ID_ERROR */
	"IneligibleReplicaException", /* 107 INELIGIBLE_REPLICA */
	"NewLeaderElectedException", /* 108 NEW_LEADER_ELECTED */
	"OffsetMovedToTieredStorageException", /* 109 OFFSET_MOVED_TO_TIERED_STORAGE */
	"FencedMemberEpochException", /* 110 FENCED_MEMBER_EPOCH */
	"UnreleasedInstanceIdException", /* 111 UNRELEASED_INSTANCE_ID */
	"UnsupportedAssignorException", /* 112 UNSUPPORTED_ASSIGNOR */
	"StaleMemberEpochException", /* 113 STALE_MEMBER_EPOCH */
	"MismatchedEndpointTypeException", /* 114 MISMATCHED_ENDPOINT_TYPE */
	"UnsupportedEndpointTypeException", /* 115 UNSUPPORTED_ENDPOINT_TYPE */
	"UnknownControllerIdException", /* 116 UNKNOWN_CONTROLLER_ID */
	"UnknownSubscriptionIdException", /* 117 UNKNOWN_SUBSCRIPTION_ID */
	"TelemetryTooLargeException", /* 118 TELEMETRY_TOO_LARGE */
	"InvalidRegistrationException", /* 119 INVALID_REGISTRATION */
	"TransactionAbortableException", /* 120 TRANSACTION_ABORTABLE */
	"InvalidRecordStateException", /* 121 INVALID_RECORD_STATE */
	"ShareSessionNotFoundException", /* 122 SHARE_SESSION_NOT_FOUND */
	"InvalidShareSessionEpochException", /* 123 INVALID_SHARE_SESSION_EPOCH */
	"FencedStateEpochException", /* 124 FENCED_STATE_EPOCH */
	"InvalidVoterKeyException", /* 125 INVALID_VOTER_KEY */
	"DuplicateVoterException", /* 126 DUPLICATE_VOTER */
	"VoterNotFoundException", /* 127 VOTER_NOT_FOUND */
	"InvalidRegularExpression", /* 128 INVALID_REGULAR_EXPRESSION */
	"RebootstrapRequiredException", /* 129 REBOOTSTRAP_REQUIRED */
	"StreamsInvalidTopologyException", /* 130 STREAMS_INVALID_TOPOLOGY */
	"StreamsInvalidTopologyEpochException", /* 131 STREAMS_INVALID_TOPOLOGY_EPOCH */
	"StreamsTopologyFencedException", /* 132 STREAMS_TOPOLOGY_FENCED */
	"ShareSessionLimitReachedException", /* 133 SHARE_SESSION_LIMIT_REACHED */
};
/* clang-format on */

const char *kt_kerr_java_class(int16_t code, char *buf, size_t len)
{
	const char *c;

	if (code < -1 || code > KT_KERR_MAX ||
	    (size_t)(code + 1) >= sizeof(classes) / sizeof(classes[0]))
		code = KT_KERR_UNKNOWN_SERVER_ERROR;
	c = classes[code + 1];
	if (!c)
		return NULL;
	if (strchr(c, '.'))
		snprintf(buf, len, "%s", c);
	else
		snprintf(buf, len, "org.apache.kafka.common.errors.%s", c);
	return buf;
}
