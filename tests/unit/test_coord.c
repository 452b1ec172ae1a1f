/*
 * test_coord.c - kafka-dump-log's internal-topic decoders (coord.c) against
 * the text Apache Kafka 4.3.1's kafka-dump-log printed for the same bytes.
 *
 * golden[]: records written by real brokers: a 4.3.1 broker
 * (__consumer_offsets record types 1-8 incl. OffsetCommitValue v4 and
 * KIP-848 records, a GroupMetadataValue whose consumer member is decoded,
 * tombstones, __transaction_state v1, __cluster_metadata records of many
 * types and versions) and the 3.1/3.7/cp-5.1/cp-7.6 fixture segments of
 * shared/fixtures/segments. crafted[]: hand-made records run through
 * Apache's tool: unknown types and versions, truncated and malformed
 * values (with Apache's exception texts), metadata frame errors, doubles,
 * JSON escaping and Java's handling of malformed UTF-8. Every strict prefix
 * of every golden key and value must give a clean error.
 */
#include "unit.h"

#include "storage/coord.h"
#include "storage/coord_schema.h"

#include <stdlib.h>

void test_coord(void);

enum mode { OFFSETS, TXN, META };

struct vec {
	enum mode mode;
	long long offset;
	const char *key;   /* hex, NULL: null key */
	const char *value; /* hex, NULL: null value */
	const char *want_key;
	const char *want_value;
};

/* A metadata TOPIC_RECORD v0 for the crafted name tests: the value with
 * the name's compact length and bytes in hex, topic id 00112233...ff, and
 * the JSON that the name (a C string) prints as. */
#define TOPIC_VALUE(name_hex)                                                  \
	"010200" name_hex "00112233445566778899aabbccddeeff00"
#define TOPIC_JSON(name)                                                       \
	"{\"type\":\"TOPIC_RECORD\",\"version\":0,\"data\":{\"name\":\"" name  \
	"\",\"topicId\":\"ABEiM0RVZneImaq7zN3u_w\"}}"

static const struct vec golden[] = {
	{OFFSETS, 0,
	 "0005000d6b7461646d31323638382d673200165f34686330773168513743694f"
	 "4f5853644f50333041",
	 "0000000011636f6e736f6c652d636f6e73756d65720b2f3132372e302e302e31"
	 "02106b7461646d31323638382d6261736501000493e00001000100",
	 "{\"type\":\"5\",\"data\":{\"groupId\":\"ktadm12688-g2\",\"memberId\":"
	 "\"_4hc0w1hQ7CiOOXSdOP30A\"}}",
	 "{\"version\":\"0\",\"data\":{\"instanceId\":null,\"rackId\":null,"
	 "\"clientId\":\"console-consumer\",\"clientHost\":\"/"
	 "127.0.0.1\",\"subscribedTopicNames\":[\"ktadm12688-base\"],"
	 "\"subscribedTopicRegex\":\"\",\"rebalanceTimeoutMs\":300000,"
	 "\"serverAssignor\":null,\"classicMemberMetadata\":null}}"},
	{OFFSETS, 1, "0003000d6b7461646d31323638382d6732",
	 "0000000000020100082c4e56eab52b372d",
	 "{\"type\":\"3\",\"data\":{\"groupId\":\"ktadm12688-g2\"}}",
	 "{\"version\":\"0\",\"data\":{\"epoch\":2,\"metadataHash\":"
	 "3192584751914104621}}"},
	{OFFSETS, 2,
	 "0007000d6b7461646d31323638382d673200165f34686330773168513743694f"
	 "4f5853644f50333041",
	 "0000026fc885ed986e4974938725dcc12a3f5105000000000000000100000002"
	 "000000030000",
	 "{\"type\":\"7\",\"data\":{\"groupId\":\"ktadm12688-g2\",\"memberId\":"
	 "\"_4hc0w1hQ7CiOOXSdOP30A\"}}",
	 "{\"version\":\"0\",\"data\":{\"topicPartitions\":[{\"topicId\":"
	 "\"b8iF7ZhuSXSThyXcwSo_UQ\",\"partitions\":[0,1,2,3]}]}}"},
	{OFFSETS, 3, "0006000d6b7461646d31323638382d6732",
	 "000000000002010008000001a1fcb52202",
	 "{\"type\":\"6\",\"data\":{\"groupId\":\"ktadm12688-g2\"}}",
	 "{\"version\":\"0\",\"data\":{\"assignmentEpoch\":2,"
	 "\"assignmentTimestamp\":1795241091586}}"},
	{OFFSETS, 4,
	 "0008000d6b7461646d31323638382d673200165f34686330773168513743694f"
	 "4f5853644f50333041",
	 "0000000000020000000000026fc885ed986e4974938725dcc12a3f5105000000"
	 "0000000001000000020000000301001105000000020000000200000002000000"
	 "020100",
	 "{\"type\":\"8\",\"data\":{\"groupId\":\"ktadm12688-g2\",\"memberId\":"
	 "\"_4hc0w1hQ7CiOOXSdOP30A\"}}",
	 "{\"version\":\"0\",\"data\":{\"memberEpoch\":2,"
	 "\"previousMemberEpoch\":0,\"state\":0,\"assignedPartitions\":[{"
	 "\"topicId\":\"b8iF7ZhuSXSThyXcwSo_UQ\",\"partitions\":[0,1,2,3],"
	 "\"assignmentEpochs\":[2,2,2,2]}],\"partitionsPendingRevocation\":[]}"
	 "}"},
	{OFFSETS, 5, "0002000d6b742d646174612d67392d6131",
	 "0003000000000000ffffffff000001a1fcb5248500000000",
	 "{\"type\":\"2\",\"data\":{\"group\":\"kt-data-g9-a1\"}}",
	 "{\"version\":\"3\",\"data\":{\"protocolType\":\"\",\"generation\":0,"
	 "\"protocol\":null,\"leader\":null,\"currentStateTimestamp\":"
	 "1795241092229,\"members\":[]}}"},
	{OFFSETS, 6, "0002000d6b742d646174612d67392d6131",
	 "00030008636f6e73756d657200000001000572616e6765002b6b742d6361702d"
	 "36373136663162342d316665302d343865332d613562622d3835626165663139"
	 "35303132000001a1fcb524d800000001002b6b742d6361702d36373136663162"
	 "342d316665302d343865332d613562622d383562616566313935303132ffff00"
	 "066b742d636170000a2f3132372e302e302e31000493e00000afc80000002800"
	 "030000000100126b742d646174612d626f64792d3134303430ffffffff000000"
	 "00ffffffffffff0000002600030000000100126b742d646174612d626f64792d"
	 "31343034300000000100000000ffffffff",
	 "{\"type\":\"2\",\"data\":{\"group\":\"kt-data-g9-a1\"}}",
	 "{\"version\":\"3\",\"data\":{\"protocolType\":\"consumer\","
	 "\"generation\":1,\"protocol\":\"range\",\"leader\":\"kt-cap-6716f1b4-"
	 "1fe0-48e3-a5bb-85baef195012\",\"currentStateTimestamp\":"
	 "1795241092312,\"members\":[{\"memberId\":\"kt-cap-6716f1b4-1fe0-48e3-"
	 "a5bb-85baef195012\",\"groupInstanceId\":null,\"clientId\":\"kt-cap\","
	 "\"clientHost\":\"/"
	 "127.0.0.1\",\"rebalanceTimeout\":300000,\"sessionTimeout\":45000,"
	 "\"subscription\":{\"topics\":[\"kt-data-body-14040\"],\"userData\":"
	 "null,\"ownedPartitions\":[],\"generationId\":-1,\"rackId\":null},"
	 "\"assignment\":{\"assignedPartitions\":[{\"topic\":\"kt-data-body-"
	 "14040\",\"partitions\":[0]}],\"userData\":null}}]}}"},
	{OFFSETS, 7,
	 "0001000d6b742d646174612d67392d613100126b742d646174612d626f64792d"
	 "313430343000000000",
	 "00040000000000000003ffffffff01000001a1fcb524e0010010932cc1e8dc0c"
	 "49dc913931e3e75ff198",
	 "{\"type\":\"1\",\"data\":{\"group\":\"kt-data-g9-a1\",\"topic\":\"kt-"
	 "data-body-14040\",\"partition\":0}}",
	 "{\"version\":\"4\",\"data\":{\"offset\":3,\"leaderEpoch\":-1,"
	 "\"metadata\":\"\",\"commitTimestamp\":1795241092320,\"topicId\":"
	 "\"kyzB6NwMSdyROTHj51_xmA\"}}"},
	{OFFSETS, 25,
	 "0008000d6b7461646d31323638382d673200165f34686330773168513743694f"
	 "4f5853644f50333041",
	 NULL,
	 "{\"type\":\"8\",\"data\":{\"groupId\":\"ktadm12688-g2\",\"memberId\":"
	 "\"_4hc0w1hQ7CiOOXSdOP30A\"}}",
	 "<DELETE>"},
	{OFFSETS, 26,
	 "0007000d6b7461646d31323638382d673200165f34686330773168513743694f"
	 "4f5853644f50333041",
	 NULL,
	 "{\"type\":\"7\",\"data\":{\"groupId\":\"ktadm12688-g2\",\"memberId\":"
	 "\"_4hc0w1hQ7CiOOXSdOP30A\"}}",
	 "<DELETE>"},
	{OFFSETS, 27,
	 "0005000d6b7461646d31323638382d673200165f34686330773168513743694f"
	 "4f5853644f50333041",
	 NULL,
	 "{\"type\":\"5\",\"data\":{\"groupId\":\"ktadm12688-g2\",\"memberId\":"
	 "\"_4hc0w1hQ7CiOOXSdOP30A\"}}",
	 "<DELETE>"},
	{OFFSETS, 29,
	 "0001000d6b7461646d31323638382d6732000f6b7461646d31323638382d6261"
	 "736500000002",
	 NULL,
	 "{\"type\":\"1\",\"data\":{\"group\":\"ktadm12688-g2\",\"topic\":"
	 "\"ktadm12688-base\",\"partition\":2}}",
	 "<DELETE>"},
	{OFFSETS, 33, "0006000d6b7461646d31323638382d6732", NULL,
	 "{\"type\":\"6\",\"data\":{\"groupId\":\"ktadm12688-g2\"}}",
	 "<DELETE>"},
	{OFFSETS, 34, "0004000d6b7461646d31323638382d6732", NULL,
	 "{\"type\":\"4\",\"data\":{\"groupId\":\"ktadm12688-g2\"}}",
	 "<DELETE>"},
	{OFFSETS, 35, "0003000d6b7461646d31323638382d6732", NULL,
	 "{\"type\":\"3\",\"data\":{\"groupId\":\"ktadm12688-g2\"}}",
	 "<DELETE>"},
	{OFFSETS, 40, "0002000d6b7461646d31323638382d6731", NULL,
	 "{\"type\":\"2\",\"data\":{\"group\":\"ktadm12688-g1\"}}", "<DELETE>"},
	{OFFSETS, 1,
	 "0001000b444556536d696c65434452002d6261746368322e776f726b2e6e6f74"
	 "696669636174696f6e2e5348525f50524f442e70657273697374656e63650000"
	 "0000",
	 "00030000000000000000ffffffff00000000019c0fcdac12",
	 "{\"type\":\"1\",\"data\":{\"group\":\"DEVSmileCDR\",\"topic\":"
	 "\"batch2.work.notification.SHR_PROD.persistence\",\"partition\":0}}",
	 "{\"version\":\"3\",\"data\":{\"offset\":0,\"leaderEpoch\":-1,"
	 "\"metadata\":\"\",\"commitTimestamp\":1769791663122}}"},
	{OFFSETS, 14,
	 "000200205f636f6e666c75656e742d636f6e74726f6c63656e7465722d352d31"
	 "2d322d31",
	 "00020008636f6e73756d657200000002ffffffff0000016aeca4d53200000000",
	 "{\"type\":\"2\",\"data\":{\"group\":\"_confluent-controlcenter-5-1-2-"
	 "1\"}}",
	 "{\"version\":\"2\",\"data\":{\"protocolType\":\"consumer\","
	 "\"generation\":2,\"protocol\":null,\"leader\":null,"
	 "\"currentStateTimestamp\":1558748386610,\"members\":[]}}"},
	{TXN, 0, "0000000e6b742d646174612d74786e2d6131",
	 "0001000000000000000300000000ea600000000001a1fcb52b23ffffffffffff"
	 "ffff0100080000000000000003",
	 "{\"type\":\"0\",\"data\":{\"transactionalId\":\"kt-data-txn-a1\"}}",
	 "{\"version\":\"1\",\"data\":{\"producerId\":3,\"previousProducerId\":"
	 "3,\"producerEpoch\":0,\"transactionTimeoutMs\":60000,"
	 "\"transactionStatus\":0,\"transactionPartitions\":null,"
	 "\"transactionLastUpdateTimestampMs\":1795241093923,"
	 "\"transactionStartTimestampMs\":-1}}"},
	{TXN, 3, "0000000e6b742d646174612d74786e2d6131",
	 "0001000000000000000300000000ea600501000001a1fcb52b57000001a1fcb5"
	 "2b330100080000000000000003",
	 "{\"type\":\"0\",\"data\":{\"transactionalId\":\"kt-data-txn-a1\"}}",
	 "{\"version\":\"1\",\"data\":{\"producerId\":3,\"previousProducerId\":"
	 "3,\"producerEpoch\":0,\"transactionTimeoutMs\":60000,"
	 "\"transactionStatus\":5,\"transactionPartitions\":[],"
	 "\"transactionLastUpdateTimestampMs\":1795241093975,"
	 "\"transactionStartTimestampMs\":1795241093939}}"},
	{META, 3, NULL, "01170001001212426f6f747374726170207265636f726473",
	 NULL,
	 "{\"type\":\"BEGIN_TRANSACTION_RECORD\",\"version\":0,\"data\":{"
	 "\"name\":\"Bootstrap records\"}}"},
	{META, 4, NULL, "010c00116d657461646174612e76657273696f6e001e00", NULL,
	 "{\"type\":\"FEATURE_LEVEL_RECORD\",\"version\":0,\"data\":{\"name\":"
	 "\"metadata.version\",\"featureLevel\":30}}"},
	{META, 10, NULL,
	 "0104000401146d696e2e696e73796e632e7265706c69636173023100", NULL,
	 "{\"type\":\"CONFIG_RECORD\",\"version\":0,\"data\":{\"resourceType\":"
	 "4,\"resourceName\":\"\",\"name\":\"min.insync.replicas\",\"value\":"
	 "\"1\"}}"},
	{META, 11, NULL, "01180000", NULL,
	 "{\"type\":\"END_TRANSACTION_RECORD\",\"version\":0,\"data\":{}}"},
	{META, 12, NULL,
	 "011b00000000015a1871dad3b548069450ee383415974300020b434f4e54524f"
	 "4c4c45520a3132372e302e302e314a95000000080e67726f75702e7665727369"
	 "6f6e00000001000e6b726166742e76657273696f6e0000000100116d65746164"
	 "6174612e76657273696f6e0007001e000e73686172652e76657273696f6e0000"
	 "0001001073747265616d732e76657273696f6e0000000100147472616e736163"
	 "74696f6e2e76657273696f6e000000020021656c696769626c652e6c65616465"
	 "722e7265706c696361732e76657273696f6e000000010000",
	 NULL,
	 "{\"type\":\"REGISTER_CONTROLLER_RECORD\",\"version\":0,\"data\":{"
	 "\"controllerId\":1,\"incarnationId\":\"Whhx2tO1SAaUUO44NBWXQw\","
	 "\"zkMigrationReady\":false,\"endPoints\":[{\"name\":\"CONTROLLER\","
	 "\"host\":\"127.0.0.1\",\"port\":19093,\"securityProtocol\":0}],"
	 "\"features\":[{\"name\":\"group.version\",\"minSupportedVersion\":0,"
	 "\"maxSupportedVersion\":1},{\"name\":\"kraft.version\","
	 "\"minSupportedVersion\":0,\"maxSupportedVersion\":1},{\"name\":"
	 "\"metadata.version\",\"minSupportedVersion\":7,"
	 "\"maxSupportedVersion\":30},{\"name\":\"share.version\","
	 "\"minSupportedVersion\":0,\"maxSupportedVersion\":1},{\"name\":"
	 "\"streams.version\",\"minSupportedVersion\":0,"
	 "\"maxSupportedVersion\":1},{\"name\":\"transaction.version\","
	 "\"minSupportedVersion\":0,\"maxSupportedVersion\":2},{\"name\":"
	 "\"eligible.leader.replicas.version\",\"minSupportedVersion\":0,"
	 "\"maxSupportedVersion\":1}]}}"},
	{META, 13, NULL,
	 "0100040000000100e8e26cecc625494db1a69a34f0004e97000000000000000d"
	 "020a504c41494e544558540a3132372e302e302e314a94000000080e6b726166"
	 "742e76657273696f6e00000001000e67726f75702e76657273696f6e00000001"
	 "001073747265616d732e76657273696f6e0000000100147472616e7361637469"
	 "6f6e2e76657273696f6e000000020021656c696769626c652e6c65616465722e"
	 "7265706c696361732e76657273696f6e0000000100116d657461646174612e76"
	 "657273696f6e0007001e000e73686172652e76657273696f6e00000001000001"
	 "00010011028874851a23cf4a6a9113b117bc78c2e6",
	 NULL,
	 "{\"type\":\"REGISTER_BROKER_RECORD\",\"version\":4,\"data\":{"
	 "\"brokerId\":1,\"isMigratingZkBroker\":false,\"incarnationId\":"
	 "\"6OJs7MYlSU2xppo08ABOlw\",\"brokerEpoch\":13,\"endPoints\":[{"
	 "\"name\":\"PLAINTEXT\",\"host\":\"127.0.0.1\",\"port\":19092,"
	 "\"securityProtocol\":0}],\"features\":[{\"name\":\"kraft.version\","
	 "\"minSupportedVersion\":0,\"maxSupportedVersion\":1},{\"name\":"
	 "\"group.version\",\"minSupportedVersion\":0,\"maxSupportedVersion\":"
	 "1},{\"name\":\"streams.version\",\"minSupportedVersion\":0,"
	 "\"maxSupportedVersion\":1},{\"name\":\"transaction.version\","
	 "\"minSupportedVersion\":0,\"maxSupportedVersion\":2},{\"name\":"
	 "\"eligible.leader.replicas.version\",\"minSupportedVersion\":0,"
	 "\"maxSupportedVersion\":1},{\"name\":\"metadata.version\","
	 "\"minSupportedVersion\":7,\"maxSupportedVersion\":30},{\"name\":"
	 "\"share.version\",\"minSupportedVersion\":0,\"maxSupportedVersion\":"
	 "1}],\"rack\":null,\"fenced\":true,\"inControlledShutdown\":false,"
	 "\"logDirs\":[\"iHSFGiPPSmqRE7EXvHjC5g\"]}}"},
	{META, 14, NULL, "01110300000001000000000000000d01030101", NULL,
	 "{\"type\":\"BROKER_REGISTRATION_CHANGE_RECORD\",\"version\":3,"
	 "\"data\":{\"brokerId\":1,\"brokerEpoch\":13,\"cordonedLogDirs\":[]}"
	 "}"},
	{META, 15, NULL, "01140000", NULL,
	 "{\"type\":\"NO_OP_RECORD\",\"version\":0,\"data\":{}}"},
	{META, 16, NULL, "01110000000001000000000000000d010001ff", NULL,
	 "{\"type\":\"BROKER_REGISTRATION_CHANGE_RECORD\",\"version\":0,"
	 "\"data\":{\"brokerId\":1,\"brokerEpoch\":13,\"fenced\":-1}}"},
	{META, 20, NULL,
	 "010200086465767465737441835324056e4daea0cb3aa2d8408e8e00", NULL,
	 "{\"type\":\"TOPIC_RECORD\",\"version\":0,\"data\":{\"name\":"
	 "\"devtest\",\"topicId\":\"QYNTJAVuTa6gyzqi2ECOjg\"}}"},
	{META, 21, NULL,
	 "0103020000000041835324056e4daea0cb3aa2d8408e8e020000000102000000"
	 "010101000000010000000000000000028874851a23cf4a6a9113b117bc78c2e6"
	 "00",
	 NULL,
	 "{\"type\":\"PARTITION_RECORD\",\"version\":2,\"data\":{"
	 "\"partitionId\":0,\"topicId\":\"QYNTJAVuTa6gyzqi2ECOjg\","
	 "\"replicas\":[1],\"isr\":[1],\"removingReplicas\":[],"
	 "\"addingReplicas\":[],\"leader\":1,\"leaderEpoch\":0,"
	 "\"partitionEpoch\":0,\"directories\":[\"iHSFGiPPSmqRE7EXvHjC5g\"]}}"},
	{META, 656, NULL, "010f0000000001000000000000000d00000000000003e800",
	 NULL,
	 "{\"type\":\"PRODUCER_IDS_RECORD\",\"version\":0,\"data\":{"
	 "\"brokerId\":1,\"brokerEpoch\":13,\"nextProducerId\":1000}}"},
	{META, 660, NULL, "010900abb25dace536456ab9dd8bb79f5ba28400", NULL,
	 "{\"type\":\"REMOVE_TOPIC_RECORD\",\"version\":0,\"data\":{"
	 "\"topicId\":\"q7JdrOU2RWq53Yu3n1uihA\"}}"},
	{META, 724, NULL, "011c00145f5f7472616e73616374696f6e5f737461746500",
	 NULL,
	 "{\"type\":\"CLEAR_ELR_RECORD\",\"version\":0,\"data\":{\"topicName\":"
	 "\"__transaction_state\"}}"},
	{META, 3, NULL, "0115000000", NULL,
	 "{\"type\":\"ZK_MIGRATION_STATE_RECORD\",\"version\":0,\"data\":{"
	 "\"zkMigrationState\":0}}"},
	{META, 6, NULL,
	 "0100030000000100b5ae51e15b5442f6a096db88cd20fd860000000000000006"
	 "020a504c41494e54455854066b61666b61238400000002116d65746164617461"
	 "2e76657273696f6e0001001300000100010011025c7864af8b644ac0fdd34a4e"
	 "43ca4f7e",
	 NULL,
	 "{\"type\":\"REGISTER_BROKER_RECORD\",\"version\":3,\"data\":{"
	 "\"brokerId\":1,\"isMigratingZkBroker\":false,\"incarnationId\":"
	 "\"ta5R4VtUQvagltuIzSD9hg\",\"brokerEpoch\":6,\"endPoints\":[{"
	 "\"name\":\"PLAINTEXT\",\"host\":\"kafka\",\"port\":9092,"
	 "\"securityProtocol\":0}],\"features\":[{\"name\":\"metadata."
	 "version\",\"minSupportedVersion\":1,\"maxSupportedVersion\":19}],"
	 "\"rack\":null,\"fenced\":true,\"inControlledShutdown\":false,"
	 "\"logDirs\":[\"XHhkr4tkSsD900pOQ8pPfg\"]}}"},
	{META, 420, NULL,
	 "010301000000008129dfa446ed41f483a71336961127f4020000000102000000"
	 "010101000000010000000000000000025c7864af8b644ac0fdd34a4e43ca4f7e"
	 "00",
	 NULL,
	 "{\"type\":\"PARTITION_RECORD\",\"version\":1,\"data\":{"
	 "\"partitionId\":0,\"topicId\":\"gSnfpEbtQfSDpxM2lhEn9A\","
	 "\"replicas\":[1],\"isr\":[1],\"removingReplicas\":[],"
	 "\"addingReplicas\":[],\"leader\":1,\"leaderEpoch\":0,"
	 "\"partitionEpoch\":0,\"directories\":[\"XHhkr4tkSsD900pOQ8pPfg\"]}}"},
	{META, 4871, NULL, "01110100000001000000000000000801010101", NULL,
	 "{\"type\":\"BROKER_REGISTRATION_CHANGE_RECORD\",\"version\":1,"
	 "\"data\":{\"brokerId\":1,\"brokerEpoch\":8,\"inControlledShutdown\":"
	 "1}}"},
	{META, 4872, NULL,
	 "01050100000000fe0e287fe4f746afa3af4f640f1b6314010104ffffffff", NULL,
	 "{\"type\":\"PARTITION_CHANGE_RECORD\",\"version\":1,\"data\":{"
	 "\"partitionId\":0,\"topicId\":\"_g4of-T3Rq-jr09kDxtjFA\",\"leader\":-"
	 "1}}"},
	{META, 3, NULL,
	 "0100020000000100089cea0007554a74834e953a847876050000000000000006"
	 "030945585445524e414c066b61666b61238400000009494e5445524e414c066b"
	 "61666b6171a400000002116d657461646174612e76657273696f6e0001000e00"
	 "00000000",
	 NULL,
	 "{\"type\":\"REGISTER_BROKER_RECORD\",\"version\":2,\"data\":{"
	 "\"brokerId\":1,\"isMigratingZkBroker\":false,\"incarnationId\":"
	 "\"CJzqAAdVSnSDTpU6hHh2BQ\",\"brokerEpoch\":6,\"endPoints\":[{"
	 "\"name\":\"EXTERNAL\",\"host\":\"kafka\",\"port\":9092,"
	 "\"securityProtocol\":0},{\"name\":\"INTERNAL\",\"host\":\"kafka\","
	 "\"port\":29092,\"securityProtocol\":0}],\"features\":[{\"name\":"
	 "\"metadata.version\",\"minSupportedVersion\":1,"
	 "\"maxSupportedVersion\":14}],\"rack\":null,\"fenced\":false,"
	 "\"inControlledShutdown\":false}}"},
	{META, 5, NULL,
	 "01030000000000abbf07c5ed10499c8543665dc9cfa020020000000102000000"
	 "01010100000001000000000000000000",
	 NULL,
	 "{\"type\":\"PARTITION_RECORD\",\"version\":0,\"data\":{"
	 "\"partitionId\":0,\"topicId\":\"q78Hxe0QSZyFQ2Zdyc-gIA\","
	 "\"replicas\":[1],\"isr\":[1],\"removingReplicas\":[],"
	 "\"addingReplicas\":[],\"leader\":1,\"leaderEpoch\":0,"
	 "\"partitionEpoch\":0}}"},
};

static const struct vec crafted[] = {
	{OFFSETS, 0, "0001000167000174000000010000",
	 "00090000000000000001ffffffff0100000000000000000200",
	 "Error at offset 0, skipping. Found an unknown record version 9 for 1 "
	 "type",
	 NULL},
	{OFFSETS, 1, "0001000167000174000000010000",
	 "0003000000000000000100000005",
	 "Error at offset 1, skipping. Could not read record with version 3 "
	 "from value's buffer due to: null.",
	 NULL},
	{OFFSETS, 2, "0001000167000174000000010000", "00",
	 "Error at offset 2, skipping. Could not read version from value's "
	 "buffer.",
	 NULL},
	{OFFSETS, 3, "0009000167", "00000000",
	 "Unknown record type 9 at offset 3, skipping.", NULL},
	{OFFSETS, 4, "0063000167", "00000000",
	 "Unknown record type 99 at offset 4, skipping.", NULL},
	{OFFSETS, 5, "0001000167000174000000",
	 "0003000000000000000100000005000000000000000000",
	 "Error at offset 5, skipping. Could not read record with version 1 "
	 "from key's buffer due to: null.",
	 NULL},
	{OFFSETS, 6, "0001000167000174000000010000",
	 "000300000000000000010000000500ff",
	 "Error at offset 6, skipping. Could not read record with version 3 "
	 "from value's buffer due to: Error reading byte array of 255 byte(s): "
	 "only 0 byte(s) available.",
	 NULL},
	{OFFSETS, 7, "0001000167000174000000010000",
	 "000300000000000000010000000500020061",
	 "Error at offset 7, skipping. Could not read record with version 3 "
	 "from value's buffer due to: null.",
	 NULL},
	{OFFSETS, 8, "0001000167000174000000010000",
	 "000300000000000000010000000500020061ff",
	 "Error at offset 8, skipping. Could not read record with version 3 "
	 "from value's buffer due to: null.",
	 NULL},
	{OFFSETS, 9, "ffff000167", NULL,
	 "Unknown record type -1 at offset 9, skipping.", NULL},
	{OFFSETS, 10, "0002000167", "000300000000",
	 "Error at offset 10, skipping. Could not read record with version 3 "
	 "from value's buffer due to: null.",
	 NULL},
	{OFFSETS, 11, "0001000167000174000000010000",
	 "00040000000000000001000000050100000000000000000a0010010203040506"
	 "07080910111213141516",
	 "Error at offset 11, skipping. Could not read record with version 4 "
	 "from value's buffer due to: null.",
	 NULL},
	{OFFSETS, 12, "0001000167000174000000010000",
	 "0004000000000000000100000005010000000000000000010011010203040506"
	 "070809101112131415160c",
	 "{\"type\":\"1\",\"data\":{\"group\":\"g\",\"topic\":\"t\","
	 "\"partition\":1}}",
	 "{\"version\":\"4\",\"data\":{\"offset\":1,\"leaderEpoch\":5,"
	 "\"metadata\":\"\",\"commitTimestamp\":0,\"topicId\":"
	 "\"AQIDBAUGBwgJEBESExQVFg\"}}"},
	{META, 0, NULL, "000200", NULL,
	 "Error at 0, skipping. Could not deserialize metadata record with "
	 "frame version 0. Note that upgrades from the preview release of "
	 "KRaft in 2.8 to newer versions are not supported."},
	{META, 1, NULL, "020200", NULL,
	 "Error at 1, skipping. Could not deserialize metadata record due to "
	 "unknown frame version 2(only frame version 1 is supported)"},
	{META, 2, NULL, "00", NULL,
	 "Error at 2, skipping. Could not deserialize metadata record with "
	 "frame version 0. Note that upgrades from the preview release of "
	 "KRaft in 2.8 to newer versions are not supported."},
	{META, 3, NULL, NULL, NULL,
	 "Error at 3, skipping. Error while reading frame version"},
	{META, 4, NULL, "010600", NULL,
	 "Error at 4, skipping. "
	 "org.apache.kafka.common.errors.UnsupportedVersionException: Unknown "
	 "metadata id 6"},
	{META, 5, NULL, "01020004666f6f00112233445566778899aabbccddeeff00ff",
	 NULL, "Error at 5, skipping. Found 1 byte(s) of garbage after 2"},
	{META, 6, NULL, "01020004666f6f0011223344", NULL,
	 "Error at 6, skipping. Failed to deserialize record with type 2"},
	{META, 7, NULL, "01020504666f6f00112233445566778899aabbccddeeff00",
	 NULL,
	 "{\"type\":\"TOPIC_RECORD\",\"version\":5,\"data\":{\"name\":\"foo\","
	 "\"topicId\":\"ABEiM0RVZneImaq7zN3u_w\"}}"},
	{META, 8, NULL, TOPIC_VALUE("0466c3a9"), NULL, TOPIC_JSON("f\xc3\xa9")},
	{META, 9, NULL, "01ffff0300", NULL,
	 "Error at 9, skipping. Value for type was too large."},
	{META, 10, NULL, "010e00020575736572026100026b3ff00000000000000000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":1.0,\"remove\":false}}"},
	{META, 11, NULL, "010e00020575736572026100026b4202a05f200000000000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":1.0E10,\"remove\":false}}"},
	{META, 12, NULL, "010e00020575736572026100026b3fb999999999999a0000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":0.1,\"remove\":false}}"},
	{META, 13, NULL, "010e00020575736572026100026b3ee4f8b588e368f10000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":1.0E-5,\"remove\":false}}"},
	{META, 14, NULL, "010e00020575736572026100026b419d6f34540000000000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":1.23456789E8,\"remove\":false}}"},
	{META, 15, NULL, "010e00020575736572026100026b7ff80000000000000000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":\"NaN\",\"remove\":false}}"},
	{META, 16, NULL, "010e00020575736572026100026b80000000000000000000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":-0.0,\"remove\":false}}"},
	{META, 17, NULL, "010e00020575736572026100026b416312d0000000000000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":1.0E7,\"remove\":false}}"},
	{META, 18, NULL, "010e00020575736572026100026b3f50624dd2f1a9fc0000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":0.001,\"remove\":false}}"},
	{META, 19, NULL, "010e00020575736572026100026b416312cfe00000000000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":9999999.0,\"remove\":false}}"},
	{META, 20, NULL, "010e00020575736572026100026b41678c29dccccccd0000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":1.23456789E7,\"remove\":false}}"},
	{META, 21, NULL, "010e00020575736572026100026b00000000000000010000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":4.9E-324,\"remove\":false}}"},
	{META, 22, NULL, "010e00020575736572026100026b7fefffffffffffff0000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":1.7976931348623157E308,\"remove\":false}}"},
	{META, 23, NULL, "010e00020575736572026100026b43e00000000000000000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":9.223372036854776E18,\"remove\":false}}"},
	{META, 24, NULL, "010e00020575736572026100026b40590000000000000000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":100.0,\"remove\":false}}"},
	{META, 25, NULL, "010e00020575736572026100026b3f50624dd2f1a9fc0000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":0.001,\"remove\":false}}"},
	{META, 26, NULL, "010e00020575736572026100026b444b1ae4d6e2ef500000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":1.0E21,\"remove\":false}}"},
	{META, 27, NULL, "010e00020575736572026100026b3e7ad7f29abcaf480000",
	 NULL,
	 "{\"type\":\"CLIENT_QUOTA_RECORD\",\"version\":0,\"data\":{\"entity\":"
	 "[{\"entityType\":\"user\",\"entityName\":\"a\"}],\"key\":\"k\","
	 "\"value\":1.0E-7,\"remove\":false}}"},
	{META, 0, NULL, TOPIC_VALUE("066122625c63"), NULL,
	 TOPIC_JSON("a\\\"b\\\\c")},
	{META, 1, NULL, TOPIC_VALUE("0a000108090a0c0d1f7f"), NULL,
	 TOPIC_JSON("\\u0000\\u0001\\b\\t\\n\\f\\r\\u001F\x7f")},
	{META, 2, NULL, TOPIC_VALUE("02c3"), NULL, TOPIC_JSON("\xef\xbf\xbd")},
	{META, 3, NULL, TOPIC_VALUE("03c328"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd(")},
	{META, 4, NULL, TOPIC_VALUE("03e282"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd")},
	{META, 5, NULL, TOPIC_VALUE("04e28228"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd(")},
	{META, 6, NULL, TOPIC_VALUE("04e228a1"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd(\xef\xbf\xbd")},
	{META, 7, NULL, TOPIC_VALUE("04e08080"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd")},
	{META, 8, NULL, TOPIC_VALUE("05eda08078"), NULL,
	 TOPIC_JSON("\xef\xbf\xbdx")},
	{META, 9, NULL, TOPIC_VALUE("05f09f9880"), NULL,
	 TOPIC_JSON("\xf0\x9f\x98\x80")},
	{META, 10, NULL, TOPIC_VALUE("04f09f98"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd")},
	{META, 11, NULL, TOPIC_VALUE("04f09f28"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd(")},
	{META, 12, NULL, TOPIC_VALUE("03f028"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd(")},
	{META, 13, NULL, TOPIC_VALUE("05f5808080"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd")},
	{META, 14, NULL, TOPIC_VALUE("05f4908080"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd")},
	{META, 15, NULL, TOPIC_VALUE("0380bf"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd\xef\xbf\xbd")},
	{META, 16, NULL, TOPIC_VALUE("03c0af"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd\xef\xbf\xbd")},
	{META, 17, NULL, TOPIC_VALUE("06f888808080"), NULL,
	 TOPIC_JSON("\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf"
		    "\xbd")},
	{META, 18, NULL, TOPIC_VALUE("09e282acc3a9e4b8ad"), NULL,
	 TOPIC_JSON("\xe2\x82\xac\xc3\xa9\xe4\xb8\xad")},
	{META, 19, NULL, TOPIC_VALUE("07efbbbfe280a8"), NULL,
	 TOPIC_JSON("\xef\xbb\xbf\xe2\x80\xa8")},
	/* a version above the highest fails in the nested structs only */
	{META, 2, NULL,
	 "0100670000000100e8e26cecc625494db1a69a34f0004e97000000000000000d"
	 "020a504c41494e544558540a3132372e302e302e314a94000000080e6b726166"
	 "742e76657273696f6e00000001000e67726f75702e76657273696f6e00000001"
	 "001073747265616d732e76657273696f6e0000000100147472616e7361637469"
	 "6f6e2e76657273696f6e000000020021656c696769626c652e6c65616465722e"
	 "7265706c696361732e76657273696f6e0000000100116d657461646174612e76"
	 "657273696f6e0007001e000e73686172652e76657273696f6e00000001000001"
	 "00010011028874851a23cf4a6a9113b117bc78c2e6",
	 NULL,
	 "Error at 2, skipping. Failed to deserialize record with type 0"},
};

static int decode(enum mode m, struct kt_bytes k, struct kt_bytes v,
		  long long off, struct kt_coord_out *o, struct kt_err *e)
{
	switch (m) {
	case OFFSETS:
		return kt_coord_offsets_format(k, v, off, o, e);
	case TXN:
		return kt_coord_txn_format(k, v, off, o, e);
	default:
		return kt_coord_metadata_format(v, off, o, e);
	}
}

/* Bytes of a hex test string, malloc'ed (NULL for NULL). */
static struct kt_bytes unhex(const char *hex, uint8_t **mem)
{
	struct kt_bytes b = {NULL, 0};
	size_t n = strlen(hex ? hex : "") / 2 + 1;

	*mem = NULL;
	if (!hex)
		return b;
	*mem = malloc(n);
	b.len = kt_unit_hex(hex, *mem, n);
	b.p = *mem;
	return b;
}

static char *text(const struct kt_buf *b)
{
	char *s = malloc(b->len + 1);

	memcpy(s, b->p ? (const char *)b->p : "", b->len);
	s[b->len] = 0;
	return s;
}

static const char *mname(enum mode m)
{
	return m == OFFSETS ? "offsets" : m == TXN ? "txn" : "metadata";
}

static void check_vec(const struct vec *t, const char *set)
{
	struct kt_coord_out o;
	struct kt_err e = {0};
	uint8_t *km, *vm;
	struct kt_bytes k = unhex(t->key, &km), v = unhex(t->value, &vm);
	int rc, want_rc;
	char *ks, *vs;

	kt_coord_out_init(&o, 0);
	rc = decode(t->mode, k, v, t->offset, &o, &e);
	ks = o.has_key ? text(&o.key) : NULL;
	vs = o.has_value ? text(&o.value) : NULL;
	CHECK_STR(ks, t->want_key, "%s %s offset %lld: key text", set,
		  mname(t->mode), t->offset);
	CHECK_STR(vs, t->want_value, "%s %s offset %lld: payload text", set,
		  mname(t->mode), t->offset);
	{
		const char *w = t->want_key ? t->want_key : t->want_value;

		if (strncmp(w, "Error at", 8) == 0)
			want_rc = -1;
		else if (strncmp(w, "Unknown record type", 19) == 0)
			want_rc = KT_COORD_UNKNOWN;
		else
			want_rc = 0;
	}
	CHECK(want_rc < 0 ? rc < 0 && e.code == -rc && e.msg[0] : rc == want_rc,
	      "%s %s offset %lld: return %d", set, mname(t->mode), t->offset,
	      rc);
	free(ks);
	free(vs);
	kt_coord_out_release(&o);
	free(km);
	free(vm);
}

/* Every strict prefix of a decodable key or value is a clean error, shown
 * as Apache's "Error at ..." text. */
static void check_truncations(const struct vec *t)
{
	uint8_t *km, *vm;
	struct kt_bytes k = unhex(t->key, &km), v = unhex(t->value, &vm);
	struct kt_coord_out o;
	size_t n, bad = 0, tried = 0;

	kt_coord_out_init(&o, 0);
	for (n = 0; v.p && n < v.len; n++) {
		struct kt_bytes cut = {v.p, n};
		struct kt_err e = {0};
		int rc = decode(t->mode, k, cut, t->offset, &o, &e);
		const struct kt_buf *b = t->mode == META ? &o.value : &o.key;

		tried++;
		if (rc >= 0 || !e.msg[0] || b->len < 8 ||
		    memcmp(b->p, "Error at", 8) != 0 ||
		    (t->mode != META && o.has_value))
			bad++;
	}
	for (n = 0; t->mode != META && n < k.len; n++) {
		struct kt_bytes cut = {k.p, n};
		struct kt_err e = {0};
		int rc = decode(t->mode, cut, v, t->offset, &o, &e);

		tried++;
		if (rc >= 0 || !e.msg[0] || o.key.len < 8 ||
		    memcmp(o.key.p, "Error at", 8) != 0 || o.has_value)
			bad++;
	}
	CHECK_INT(bad, 0, "%s offset %lld: %zu truncations fail cleanly",
		  mname(t->mode), t->offset, tried);
	kt_coord_out_release(&o);
	free(km);
	free(vm);
}

static void test_missing_key(void)
{
	struct kt_coord_out o;
	struct kt_err e = {0};
	struct kt_bytes none = {NULL, 0}, v = {(const uint8_t *)"\0\3", 2};
	int rc;

	kt_coord_out_init(&o, 0);
	rc = kt_coord_offsets_format(none, v, 42, &o, &e);
	CHECK(rc == -KT_EINVAL && !o.has_key && !o.has_value,
	      "missing key: error, nothing to print (Apache aborts)");
	rc = kt_coord_txn_format(none, none, 42, &o, &e);
	CHECK(rc == -KT_EINVAL, "missing key: transaction log too");
	kt_coord_out_release(&o);
}

/* A ceiling on the output gives an error and nothing to print. */
static void test_ceiling(void)
{
	const struct vec *t = &golden[0];
	struct kt_coord_out o;
	struct kt_err e = {0};
	uint8_t *km, *vm;
	struct kt_bytes k = unhex(t->key, &km), v = unhex(t->value, &vm);
	int rc;

	kt_coord_out_init(&o, 16);
	rc = decode(t->mode, k, v, t->offset, &o, &e);
	CHECK(rc == -KT_ETOOBIG && !o.has_key && !o.has_value,
	      "output over its ceiling: -KT_ETOOBIG, nothing printed");
	kt_coord_out_release(&o);
	free(km);
	free(vm);
}

static void test_double(void)
{
	static const struct {
		double d;
		const char *want;
	} v[] = {
		{1.0, "1.0"},	  {100.0, "100.0"},
		{0.001, "0.001"}, {9999999.0, "9999999.0"},
		{1e7, "1.0E7"},	  {12345678.9, "1.23456789E7"},
		{1e-5, "1.0E-5"}, {0.1, "0.1"},
		{-2.5, "-2.5"},	  {5e-324, "4.9E-324"},
		{1e21, "1.0E21"}, {-0.0, "-0.0"},
		{0.0, "0.0"},
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct kt_buf b;
		char *s;

		kt_buf_init(&b, 0);
		kt_coord_json_double(&b, v[i].d);
		s = text(&b);
		CHECK_STR(s, v[i].want, "double %zu prints as Java does", i);
		free(s);
		kt_buf_release(&b);
	}
}

void test_coord(void)
{
	size_t i;

	for (i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		check_vec(&golden[i], "golden");
		check_truncations(&golden[i]);
	}
	for (i = 0; i < sizeof(crafted) / sizeof(crafted[0]); i++)
		check_vec(&crafted[i], "crafted");
	test_missing_key();
	test_ceiling();
	test_double();
}
