/*
 * apache_tables.h - option tables of three Apache Kafka 4.3.1 tools, copied
 * from their parser.accepts(...) declarations (TopicCommand,
 * DumpLogSegments, ConsoleProducer in kafka-tools 4.3.1), for the help
 * formatter's golden tests (tests/golden/help/).
 *
 * The real tools in cmd/ own their tables (cmd/topics.c has kafka-topics'
 * with kafkit's --output added); this header only proves that the
 * formatter reproduces Apache's --help byte for byte. The kafka-topics rows
 * still point at the destinations of the former stand-in tool (unused).
 */
#ifndef KT_APACHE_TABLES_H
#define KT_APACHE_TABLES_H

#include "cli.h"

#define KT_UNUSED __attribute__((unused))

/* kafka-topics: destinations for the stand-in tool */
struct kt_topics_opts {
	const char *bootstrap_server;
	const char *command_config;
	bool list, create, delete_, alter, describe;
	const char *topic;
	const char *topic_id;
	struct kt_strv config;
	struct kt_strv delete_config;
	int32_t partitions;
	int32_t replication_factor;
	const char *replica_assignment;
	bool under_replicated, unavailable, under_min_isr, at_min_isr;
	bool topics_with_overrides, if_exists, if_not_exists;
	bool exclude_internal;
	int32_t partition_size_limit;
	bool help, version;
};

static struct kt_topics_opts kt_topics_o KT_UNUSED;

#define KT_TOPICS_ALTER_SUFFIX                                                 \
	" (To alter topic configurations, the kafka-configs tool can be "      \
	"used.)"

static const struct kt_opt kt_topics_opts[] KT_UNUSED = {
	{.name = "bootstrap-server",
	 .flags = KT_ARG,
	 .arg = "server to connect to",
	 .help = "REQUIRED: The Kafka server to connect to.",
	 .dest = &kt_topics_o.bootstrap_server,
	 .comp = KT_COMP_HOST},
	{.name = "command-config",
	 .flags = KT_ARG,
	 .arg = "command config property file",
	 .help = "Property file containing configs to be passed to Admin "
		 "Client.",
	 .dest = &kt_topics_o.command_config,
	 .comp = KT_COMP_FILE,
	 .comp_arg = "properties conf"},
	{.name = "list",
	 .help = "List all available topics.",
	 .dest = &kt_topics_o.list},
	{.name = "create",
	 .help = "Create a new topic.",
	 .dest = &kt_topics_o.create},
	{.name = "delete",
	 .help = "Delete a topic.",
	 .dest = &kt_topics_o.delete_},
	{.name = "alter",
	 .help = "Alter the number of partitions and replica "
		 "assignment." KT_TOPICS_ALTER_SUFFIX,
	 .dest = &kt_topics_o.alter},
	{.name = "describe",
	 .help = "List details for the given topics.",
	 .dest = &kt_topics_o.describe},
	{.name = "topic",
	 .flags = KT_ARG,
	 .arg = "topic",
	 .help = "The topic to create, alter, describe or delete. It also "
		 "accepts a regular expression, except for --create option.",
	 .dest = &kt_topics_o.topic,
	 .comp = KT_COMP_TOPIC},
	{.name = "topic-id",
	 .flags = KT_ARG,
	 .arg = "topic-id",
	 .help = "The topic-id to describe.",
	 .dest = &kt_topics_o.topic_id},
	{.name = "config",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "name=value",
	 .help = "A topic configuration override for the topic being created. "
		 "The following is a list of valid configurations: \n"
		 "\tcleanup.policy\n\tcompression.gzip.level\n"
		 "\tcompression.lz4.level\n\tcompression.type\n"
		 "\tcompression.zstd.level\n\tdelete.retention.ms\n"
		 "\tfile.delete.delay.ms\n\tflush.messages\n\tflush.ms\n"
		 "\tfollower.replication.throttled.replicas\n"
		 "\tindex.interval.bytes\n"
		 "\tleader.replication.throttled.replicas\n"
		 "\tlocal.retention.bytes\n\tlocal.retention.ms\n"
		 "\tmax.compaction.lag.ms\n\tmax.message.bytes\n"
		 "\tmessage.timestamp.after.max.ms\n"
		 "\tmessage.timestamp.before.max.ms\n"
		 "\tmessage.timestamp.type\n\tmin.cleanable.dirty.ratio\n"
		 "\tmin.compaction.lag.ms\n\tmin.insync.replicas\n"
		 "\tpreallocate\n\tremote.log.copy.disable\n"
		 "\tremote.log.delete.on.disable\n\tremote.storage.enable\n"
		 "\tretention.bytes\n\tretention.ms\n\tsegment.bytes\n"
		 "\tsegment.index.bytes\n\tsegment.jitter.ms\n\tsegment.ms\n"
		 "\tunclean.leader.election.enable\n"
		 "See the Kafka documentation for full details on the topic "
		 "configs. It is supported only in combination with "
		 "--create." KT_TOPICS_ALTER_SUFFIX,
	 .dest = &kt_topics_o.config,
	 .comp = KT_COMP_VALUES,
	 .comp_arg = "cleanup.policy= compression.type= retention.ms= "
		     "retention.bytes= segment.bytes= segment.ms= "
		     "min.insync.replicas= max.message.bytes="},
	{.name = "delete-config",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "name",
	 .help = "This option is no longer supported and has been deprecated "
		 "since 4.0",
	 .dest = &kt_topics_o.delete_config},
	{.name = "partitions",
	 .flags = KT_ARG | KT_INT,
	 .arg = "# of partitions",
	 .help = "The number of partitions for the topic being created or "
		 "altered. If not supplied with --create, the topic uses the "
		 "cluster default. (WARNING: If partitions are increased for a "
		 "topic that has a key, the partition logic or ordering of the "
		 "messages will be affected).",
	 .dest = &kt_topics_o.partitions},
	{.name = "replication-factor",
	 .flags = KT_ARG | KT_INT,
	 .arg = "replication factor",
	 .help = "The replication factor for each partition in the topic being "
		 "created. If not supplied, the topic uses the cluster "
		 "default.",
	 .dest = &kt_topics_o.replication_factor},
	{.name = "replica-assignment",
	 .flags = KT_ARG,
	 .arg = "broker_id_for_part1_replica1 : broker_id_for_part1_replica2 , "
		"broker_id_for_part2_replica1 : broker_id_for_part2_replica2 , "
		"...",
	 .help = "A list of manual partition-to-broker assignments for the "
		 "topic being created or altered.",
	 .dest = &kt_topics_o.replica_assignment},
	{.name = "under-replicated-partitions",
	 .help = "If set when describing topics, only show under-replicated "
		 "partitions.",
	 .dest = &kt_topics_o.under_replicated},
	{.name = "unavailable-partitions",
	 .help = "If set when describing topics, only show partitions whose "
		 "leader is not available.",
	 .dest = &kt_topics_o.unavailable},
	{.name = "under-min-isr-partitions",
	 .help = "If set when describing topics, only show partitions whose "
		 "isr "
		 "count is less than the configured minimum.",
	 .dest = &kt_topics_o.under_min_isr},
	{.name = "at-min-isr-partitions",
	 .help = "If set when describing topics, only show partitions whose "
		 "isr "
		 "count is equal to the configured minimum.",
	 .dest = &kt_topics_o.at_min_isr},
	{.name = "topics-with-overrides",
	 .help = "If set when describing topics, only show topics that have "
		 "overridden configs.",
	 .dest = &kt_topics_o.topics_with_overrides},
	{.name = "if-exists",
	 .help = "If set when altering or deleting or describing topics, the "
		 "action will only execute if the topic exists.",
	 .dest = &kt_topics_o.if_exists},
	{.name = "if-not-exists",
	 .help = "If set when creating topics, the create request will not "
		 "fail "
		 "if the topic already exists, but the request will still be "
		 "sent.",
	 .dest = &kt_topics_o.if_not_exists},
	{.name = "exclude-internal",
	 .help = "Exclude internal topics when listing or describing topics. "
		 "By "
		 "default, the internal topics are included.",
	 .dest = &kt_topics_o.exclude_internal},
	{.name = "partition-size-limit-per-response",
	 .flags = KT_ARG | KT_INT,
	 .arg = "maximum number of partitions per response",
	 .help = "The maximum partition size to be included in one "
		 "DescribeTopicPartitions response.",
	 .dest = &kt_topics_o.partition_size_limit},
	{.name = "help",
	 .help = "Print usage information.",
	 .dest = &kt_topics_o.help},
	{.name = "version",
	 .help = "Display Kafka version.",
	 .dest = &kt_topics_o.version},
	{0},
};

static const struct kt_opt kt_dump_log_opts[] KT_UNUSED = {
	{.name = "print-data-log",
	 .help = "If set, printing the messages content when dumping data "
		 "logs. "
		 "Automatically set if any decoder option is specified."},
	{.name = "verify-index-only",
	 .help = "If set, just verify the index log without printing its "
		 "content."},
	{.name = "index-sanity-check",
	 .help = "If set, just checks the index sanity without printing its "
		 "content. This is the same check that is executed on broker "
		 "startup to determine if an index needs rebuilding or not."},
	{.name = "files",
	 .flags = KT_ARG,
	 .arg = "file1, file2, ...",
	 .help = "REQUIRED: The comma separated list of data and index log "
		 "files to be dumped.",
	 .comp = KT_COMP_FILE},
	{.name = "max-message-size",
	 .flags = KT_ARG | KT_INT,
	 .arg = "size",
	 .help = "Size of largest message.",
	 .def = "5242880"},
	{.name = "max-bytes",
	 .flags = KT_ARG | KT_INT,
	 .arg = "size",
	 .help = "Limit the amount of total batches read in bytes avoiding "
		 "reading the whole .log file(s).",
	 .def = "2147483647"},
	{.name = "deep-iteration",
	 .help = "If set, uses deep instead of shallow iteration. "
		 "Automatically "
		 "set if print-data-log is enabled."},
	{.name = "value-decoder-class",
	 .flags = KT_OPTARG,
	 .help = "If set, used to deserialize the messages. This class should "
		 "implement org.apache.kafka.tools.api.Decoder trait. Custom "
		 "jar should be available in kafka/libs directory.",
	 .def = "org.apache.kafka.tools.api.StringDecoder"},
	{.name = "key-decoder-class",
	 .flags = KT_OPTARG,
	 .help = "If set, used to deserialize the keys. This class should "
		 "implement org.apache.kafka.tools.api.Decoder trait. Custom "
		 "jar should be available in kafka/libs directory.",
	 .def = "org.apache.kafka.tools.api.StringDecoder"},
	{.name = "offsets-decoder",
	 .help = "If set, log data will be parsed as offset data from the "
		 "__consumer_offsets topic."},
	{.name = "transaction-log-decoder",
	 .help = "If set, log data will be parsed as transaction metadata from "
		 "the __transaction_state topic."},
	{.name = "cluster-metadata-decoder",
	 .help = "If set, log data will be parsed as cluster metadata "
		 "records."},
	{.name = "remote-log-metadata-decoder",
	 .help = "If set, log data will be parsed as "
		 "TopicBasedRemoteLogMetadataManager (RLMM) metadata records. "
		 "Instead, the value-decoder-class option can be used if a "
		 "custom RLMM implementation is configured."},
	{.name = "share-group-state-decoder",
	 .help = "If set, log data will be parsed as share group state data "
		 "from the __share_group_state topic."},
	{.name = "skip-record-metadata",
	 .help = "Skip metadata when printing records. This flag also skips "
		 "control records."},
	KT_OPT_HELP,
	KT_OPT_VERSION,
	{0},
};

#define KT_READER_PROPS_HELP                                                   \
	"\nDefault properties include:"                                        \
	"\n parse.key=false"                                                   \
	"\n parse.headers=false"                                               \
	"\n ignore.error=false"                                                \
	"\n key.separator=\\t"                                                 \
	"\n headers.delimiter=\\t"                                             \
	"\n headers.separator=,"                                               \
	"\n headers.key.separator=:"                                           \
	"\n null.marker=   When set, any fields (key, value and headers) "     \
	"equal to this will be replaced by null"                               \
	"\nDefault parsing pattern when:"                                      \
	"\n parse.headers=true and parse.key=true:"                            \
	"\n  \"h1:v1,h2:v2...\\tkey\\tvalue\""                                 \
	"\n parse.key=true:"                                                   \
	"\n  \"key\\tvalue\""                                                  \
	"\n parse.headers=true:"                                               \
	"\n  \"h1:v1,h2:v2...\\tvalue\""

static const struct kt_opt kt_console_producer_opts[] KT_UNUSED = {
	{.name = "topic",
	 .flags = KT_ARG,
	 .arg = "topic",
	 .help = "REQUIRED: The topic name to produce messages to."},
	{.name = "bootstrap-server",
	 .flags = KT_ARG,
	 .arg = "server to connect to",
	 .help = "REQUIRED: The server(s) to connect to. The broker list "
		 "string "
		 "in the form HOST1:PORT1,HOST2:PORT2."},
	{.name = "sync",
	 .help = "If set message send requests to the brokers are "
		 "synchronously, "
		 "one at a time as they arrive."},
	{.name = "compression-codec",
	 .flags = KT_OPTARG,
	 .arg = "compression-codec",
	 .help = "The compression codec: either 'none', 'gzip', 'snappy', "
		 "'lz4', or 'zstd'.If specified without value, then it "
		 "defaults to 'gzip'"},
	{.name = "batch-size",
	 .flags = KT_ARG | KT_INT,
	 .arg = "size",
	 .help = "The buffer size in bytes allocated for a partition. When "
		 "records are received which are smaller than this size the "
		 "producer will attempt to optimistically group them together "
		 "until this size is reached. This is the option to control "
		 "batch.size in producer configs. Please note that this option "
		 "will be replaced if max-partition-memory-bytes is also set.",
	 .def = "16384"},
	{.name = "message-send-max-retries",
	 .flags = KT_ARG | KT_INT,
	 .help = "Brokers can fail receiving the message for multiple reasons, "
		 "and being unavailable transiently is just one of them. This "
		 "property specifies the number of retries before the producer "
		 "give up and drop this message. This is the option to control "
		 "`retries` in producer configs.",
	 .def = "3"},
	{.name = "retry-backoff-ms",
	 .flags = KT_ARG | KT_LONG,
	 .help = "Before each retry, the producer refreshes the metadata of "
		 "relevant topics. Since leader election takes a bit of time, "
		 "this property specifies the amount of time that the producer "
		 "waits before refreshing the metadata. This is the option to "
		 "control `retry.backoff.ms` in producer configs.",
	 .def = "100"},
	{.name = "timeout",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "timeout_ms",
	 .help = "If set and the producer is running in asynchronous mode, "
		 "this "
		 "gives the maximum amount of time a message will queue "
		 "awaiting sufficient batch size. The value is given in ms. "
		 "This is the option to control `linger.ms` in producer "
		 "configs.",
	 .def = "1000"},
	{.name = "request-required-acks",
	 .flags = KT_ARG,
	 .arg = "request required acks",
	 .help = "The required `acks` of the producer requests",
	 .def = "-1"},
	{.name = "request-timeout-ms",
	 .flags = KT_ARG | KT_INT,
	 .arg = "request timeout ms",
	 .help = "The ack timeout of the producer requests. Value must be "
		 "non-negative and non-zero.",
	 .def = "1500"},
	{.name = "metadata-expiry-ms",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "metadata expiration interval",
	 .help = "The period of time in milliseconds after which we force a "
		 "refresh of metadata even if we haven't seen any leadership "
		 "changes. This is the option to control "
		 "`metadata.max.age.ms` in producer configs.",
	 .def = "300000"},
	{.name = "max-block-ms",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "max block on send",
	 .help = "The max time that the producer will block for during a send "
		 "request.",
	 .def = "60000"},
	{.name = "max-memory-bytes",
	 .flags = KT_ARG | KT_LONG,
	 .arg = "total memory in bytes",
	 .help = "The total memory used by the producer to buffer records "
		 "waiting to be sent to the server. This is the option to "
		 "control `buffer.memory` in producer configs.",
	 .def = "33554432"},
	{.name = "max-partition-memory-bytes",
	 .flags = KT_ARG | KT_INT,
	 .arg = "memory in bytes per partition",
	 .help = "(Deprecated) The buffer size in bytes allocated for a "
		 "partition. When records are received which are smaller than "
		 "this size the producer will attempt to optimistically group "
		 "them together until this size is reached. This is the option "
		 "to control batch.size in producer configs. This option will "
		 "be removed in Apache Kafka 5.0. Use --batch-size instead.",
	 .def = "16384"},
	{.name = "line-reader",
	 .flags = KT_ARG,
	 .arg = "reader_class",
	 .help = "The class name of the class to use for reading lines from "
		 "standard in. By default each line is read as a separate "
		 "message.",
	 .def = "org.apache.kafka.tools.LineMessageReader"},
	{.name = "socket-buffer-size",
	 .flags = KT_ARG | KT_INT,
	 .arg = "size",
	 .help = "The size of the tcp RECV size. This is the option to control "
		 "`send.buffer.bytes` in producer configs.",
	 .def = "102400"},
	{.name = "property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "prop",
	 .help = "(DEPRECATED) A mechanism to pass user-defined properties in "
		 "the form key=value to the message reader. This allows custom "
		 "configuration for a user-defined message "
		 "reader." KT_READER_PROPS_HELP
		 "\n This option will be removed in a future version. Use "
		 "--reader-property instead."},
	{.name = "reader-property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "prop",
	 .help = "A mechanism to pass user-defined properties in the form "
		 "key=value to the message reader. This allows custom "
		 "configuration for a user-defined message "
		 "reader." KT_READER_PROPS_HELP},
	{.name = "reader-config",
	 .flags = KT_ARG,
	 .arg = "config file",
	 .help = "Config properties file for the message reader. Note that "
		 "[reader-property] takes precedence over this config."},
	{.name = "producer-property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "producer_prop",
	 .help = "(DEPRECATED) Producer config properties in the form "
		 "key=value. This option will be removed in a future version. "
		 "Use --command-property instead."},
	{.name = "command-property",
	 .flags = KT_ARG | KT_MULTI,
	 .arg = "producer_prop",
	 .help = "Producer config properties in the form key=value."},
	{.name = "producer.config",
	 .flags = KT_ARG,
	 .arg = "config file",
	 .help = "(DEPRECATED) Producer config properties file. Note that "
		 "[command-property] takes precedence over this config. This "
		 "option will be removed in a future version. Use "
		 "--command-config instead."},
	{.name = "command-config",
	 .flags = KT_ARG,
	 .arg = "config file",
	 .help = "Producer config properties file. Note that "
		 "[command-property] "
		 "takes precedence over this config."},
	KT_OPT_HELP,
	KT_OPT_VERSION,
	{0},
};

#endif
