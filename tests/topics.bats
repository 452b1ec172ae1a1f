#!/usr/bin/env bats
# topics.bats - kafka-topics against a real broker: every option and error
# path of issue 3, most of them differential (Apache's kafka-topics and ours
# on the same cluster state: stdout, the first line of stderr with the log
# date masked, and the exit code must agree), plus kafkit's own additions
# (--output json, per-topic failures, waiting, unreachable brokers,
# completions, man page).

bats_require_minimum_version 1.5.0

setup_file()
{
	load helpers
	# one topic both tools only read, made by Apache's tool
	SHARED=$(unique_topic shared)
	export SHARED
	apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --create \
		--topic "$SHARED" --partitions 3 --config retention.ms=123456 \
		--config cleanup.policy=compact >/dev/null
}

teardown_file()
{
	load helpers
	kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --delete \
		--topic "$SHARED" --if-exists
}

setup()
{
	load helpers
	B=(--bootstrap-server "$KAFKA_BOOTSTRAP")
	CREATED=()
}

teardown()
{
	local t
	for t in "${CREATED[@]}"; do
		kafka-topics "${B[@]}" --delete --topic "$t" --if-exists || true
	done
}

# The log date of ERROR records differs between runs.
mask() { sed -E 's/^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+\]/[DATE]/'; }

# run_both ARGS...: run Apache's tool and ours with the same arguments;
# A_OUT/A_ERR1/A_RC and O_OUT/O_ERR1/O_RC hold stdout, the masked first
# line of stderr and the exit code.
run_both()
{
	run --separate-stderr apache kafka-topics "$@"
	A_OUT=$output A_RC=$status
	A_ERR1=$(printf '%s\n' "$stderr" | head -n 1 | mask)
	run --separate-stderr kafka-topics "$@"
	O_OUT=$output O_RC=$status
	O_ERR1=$(printf '%s\n' "$stderr" | head -n 1 | mask)
	O_ERR=$stderr
}

# same ARGS...: ours agrees with Apache's on stdout, stderr's first line and
# the exit code.
same()
{
	run_both "$@"
	[ "$O_RC" = "$A_RC" ] || fail "exit code: ours $O_RC, Apache $A_RC ($*)"
	[ "$O_OUT" = "$A_OUT" ] ||
		fail "stdout differs ($*):"$'\n'"--- Apache"$'\n'"$A_OUT"$'\n'"--- ours"$'\n'"$O_OUT"
	[ "$O_ERR1" = "$A_ERR1" ] ||
		fail "stderr differs ($*):"$'\n'"Apache: $A_ERR1"$'\n'"ours:   $O_ERR1"
}

# Mutating commands run on two twin topics (Apache's and ours) and compare
# after renaming; ids are masked.
twin()
{
	sed -e "s/$1/NAME/g" -e 's/TopicId: [A-Za-z0-9_-]*/TopicId: ID/'
}

# --- arguments (TopicCommandOptions.checkArgs) ----------------------------

@test "no arguments: usage, exit 1" {
	same
	assert_equal "$O_ERR1" "Create, delete, describe, or change a topic."
}

@test "--help prints Apache's table plus kafkit's --output row, exit 1" {
	same --help
	# without the --output row, the help is Apache's byte for byte
	run kafka-topics --help
	assert_failure 1
	diff <(printf '%s\n' "$output" | sed 1d |
		awk '/^--output/ { skip = 1; next } /^--/ { skip = 0 } !skip') \
		<(sed 1d "$KAFKIT_ROOT/tests/golden/help/kafka-topics.txt")
	assert_output --partial '--output <String: text|json>'
}

@test "--version" {
	same --version
	assert_equal "$O_OUT" "4.3.1"
	assert_equal "$O_RC" 0
}

@test "exactly one action" {
	same "${B[@]}" --list --describe
	same "${B[@]}"
	assert_equal "$O_ERR1" "Command must include exactly one action: --list, --describe, --create, --alter or --delete"
}

@test "--bootstrap-server is required" {
	same --list
	assert_equal "$O_ERR1" "--bootstrap-server must be specified"
}

@test "jopt parse errors: unknown option, clustered letters, missing argument" {
	same "${B[@]}" --list --foo
	assert_equal "$O_ERR1" "foo is not a recognized option"
	same -xyz
	same "${B[@]}" --list --topic
	assert_equal "$O_ERR1" "Option topic requires an argument"
	same "${B[@]}" --lis
}

@test "--describe --if-exists needs --topic or --topic-id; both: a notice" {
	same "${B[@]}" --describe --if-exists
	assert_equal "$O_ERR1" "--topic or --topic-id is required to describe a topic"
	same "${B[@]}" --describe --if-exists --topic "$SHARED" \
		--topic-id AAAAAAAAAAAAAAAAAAAAAQ
}

@test "create, alter and delete need --topic; alter needs --partitions" {
	same "${B[@]}" --create
	assert_equal "$O_ERR1" 'Missing required argument "[topic]"'
	same "${B[@]}" --delete
	same "${B[@]}" --alter --topic x
	assert_equal "$O_ERR1" 'Missing required argument "[partitions]"'
}

@test "--alter --config is refused with Apache's hint" {
	# Apache lists the combination from a Set.of, whose order changes
	# from one JVM to the next: compare with the order fixed
	run_both "${B[@]}" --alter --topic x --partitions 2 --config a=b
	assert_equal "$O_RC" "$A_RC"
	assert_equal "$O_RC" 1
	assert_equal "${A_ERR1/\[\[config\], \[bootstrap-server\]\]/[[bootstrap-server], [config]]}" "$O_ERR1"
	assert_equal "$O_ERR1" 'Option combination "[[bootstrap-server], [config]]" can'"'"'t be used with option "[alter]" (To alter topic configurations, the kafka-configs tool can be used.)'
}

@test "forbidden combinations, in Apache's order" {
	same "${B[@]}" --alter --topic x --partitions 3 --replication-factor 2
	same "${B[@]}" --create --topic x --partitions 3 --replica-assignment 1
	same "${B[@]}" --create --topic x --replication-factor 1 --replica-assignment 1
	same "${B[@]}" --delete --topic x --if-not-exists
	same "${B[@]}" --describe --topics-with-overrides --under-replicated-partitions
	same "${B[@]}" --describe --topics-with-overrides --unavailable-partitions
	same "${B[@]}" --list --topics-with-overrides
	same "${B[@]}" --list --under-min-isr-partitions
	same "${B[@]}" --list --at-min-isr-partitions
	same "${B[@]}" --create --topic x --exclude-internal
	same "${B[@]}" --list --config a=b
	same "${B[@]}" --describe --partitions 2
	same "${B[@]}" --list --if-exists
}

@test "--delete-config: deprecation notice, then the action" {
	same "${B[@]}" --list --topic "$SHARED" --delete-config x
	assert_equal "$O_OUT" "$SHARED"
	assert_equal "$O_ERR1" "delete-config option is no longer supported and deprecated since version 4.0. The config will be fully removed in future releases."
}

@test "--command-config: missing file, directory" {
	same "${B[@]}" --list --command-config /nonexistent/admin.properties
	assert_equal "$O_ERR1" "/nonexistent/admin.properties"
	[[ $O_ERR == *"java.nio.file.NoSuchFileException: /nonexistent/admin.properties"* ]]
	same "${B[@]}" --list --command-config "$BATS_TEST_TMPDIR"
	assert_equal "$O_ERR1" "Is a directory"
}

@test "--command-config is used: client properties, bootstrap override" {
	printf 'client.id=kt-bats\nbootstrap.servers=127.0.0.1:1\nrequest.timeout.ms=5000\n' \
		>"$BATS_TEST_TMPDIR/admin.properties"
	run kafka-topics "${B[@]}" --command-config "$BATS_TEST_TMPDIR/admin.properties" \
		--list --topic "$SHARED"
	assert_success
	assert_output "$SHARED"
}

@test "malformed --bootstrap-server: Apache's first line and cause" {
	same --bootstrap-server localhost --list
	assert_equal "$O_ERR1" "Failed to create new KafkaAdminClient"
	[[ $O_ERR == *"ConfigException: Invalid url in bootstrap.servers: localhost"* ]]
	same --bootstrap-server localhost:abc --list
}

@test "bad --partitions value fails inside the action, as Apache" {
	same "${B[@]}" --create --topic x --partitions abc
	assert_equal "$O_OUT" "Error while executing topic command : Cannot parse argument 'abc' of option partitions"
}

@test "--topic given twice fails when read" {
	same "${B[@]}" --describe --topic a --topic b
}

# --- --list ----------------------------------------------------------------

@test "--list: everything, by pattern, excluding internal, no match" {
	run kafka-topics "${B[@]}" --list
	assert_success
	assert_line "$SHARED"
	same "${B[@]}" --list --topic "$SHARED"
	same "${B[@]}" --list --topic "${SHARED%-*}.*"
	same "${B[@]}" --list --topic "'$SHARED'"
	same "${B[@]}" --list --topic "__consumer_offsets,$SHARED"
	same "${B[@]}" --list --exclude-internal --topic "__consumer_offsets,$SHARED"
	assert_equal "$O_OUT" "$SHARED"
	same "${B[@]}" --list --topic "$SHARED-nothing"
	assert_equal "$O_OUT" ""
	assert_equal "$O_RC" 0
}

@test "--list and --describe of the whole cluster agree with Apache" {
	same "${B[@]}" --list
	same "${B[@]}" --list --exclude-internal
	same "${B[@]}" --describe --exclude-internal
}

@test "invalid regular expression" {
	same "${B[@]}" --list --topic '('
	assert_equal "$O_OUT" "Error while executing topic command : ( is an invalid regex."
	same "${B[@]}" --describe --topic 'a[b'
}

# --- --describe ------------------------------------------------------------

@test "--describe: topic line, configs in Apache's order, partitions" {
	same "${B[@]}" --describe --topic "$SHARED"
	assert_line --index 0 --regexp "^Topic: $SHARED	TopicId: [A-Za-z0-9_-]{22}	PartitionCount: 3	ReplicationFactor: 1	Configs: .*cleanup.policy=compact"
	assert_line --index 1 --regexp "^	Topic: $SHARED	Partition: 0	Leader: [0-9]+	Replicas: [0-9]+	Isr: [0-9]+	Elr: 	LastKnownElr: $"
}

@test "--describe: the four filters and --topics-with-overrides" {
	same "${B[@]}" --describe --topic "$SHARED" --under-replicated-partitions
	same "${B[@]}" --describe --topic "$SHARED" --unavailable-partitions
	same "${B[@]}" --describe --topic "$SHARED" --under-min-isr-partitions
	same "${B[@]}" --describe --topic "$SHARED" --at-min-isr-partitions
	same "${B[@]}" --describe --topic "$SHARED" --at-min-isr-partitions \
		--under-replicated-partitions
	same "${B[@]}" --describe --topics-with-overrides --topic "$SHARED"
	same "${B[@]}" --describe --topics-with-overrides --exclude-internal
}

@test "--describe --topic-id: Metadata path, N/A for ELR; unknown and bad ids" {
	id=$(kafka-topics "${B[@]}" --describe --topic "$SHARED" | head -1 |
		sed -E 's/.*TopicId: ([^	]*).*/\1/')
	same "${B[@]}" --describe --topic-id "$id"
	assert_line --index 1 --partial "Elr: N/A	LastKnownElr: N/A"
	same "${B[@]}" --describe --topic-id AAAAAAAAAAAAAAAAAAAAAQ
	assert_equal "$O_OUT" "Error while executing topic command : TopicId 'AAAAAAAAAAAAAAAAAAAAAQ' does not exist as expected"
	same "${B[@]}" --describe --topic-id AAAAAAAAAAAAAAAAAAAAAQ --if-exists
	same "${B[@]}" --describe --topic-id abc
	same "${B[@]}" --describe --topic-id 'AAAAAAAAAAAAAAAAAAAAA!'
	same "${B[@]}" --describe --topic-id AAAAAAAAAAAAAAAAAAAAAAAAAAAA
	# the zero id means "use --topic"
	same "${B[@]}" --describe --topic-id AAAAAAAAAAAAAAAAAAAAAA --topic "$SHARED"
}

@test "--describe: unknown topic, --if-exists" {
	same "${B[@]}" --describe --topic "$SHARED-none"
	assert_equal "$O_OUT" "Error while executing topic command : Topic '$SHARED-none' does not exist as expected"
	assert_equal "$O_ERR1" "[DATE] ERROR java.lang.IllegalArgumentException: Topic '$SHARED-none' does not exist as expected"
	same "${B[@]}" --describe --topic "$SHARED-none" --if-exists
	assert_equal "$O_RC" 0
}

@test "--partition-size-limit-per-response pages DescribeTopicPartitions" {
	same "${B[@]}" --describe --topic "$SHARED" --partition-size-limit-per-response 1
	same "${B[@]}" --describe --topic "${SHARED%-*}.*|__consumer_offsets" \
		--partition-size-limit-per-response 2
	run kafka-topics "${B[@]}" --describe --topic "$SHARED" --partition-size-limit-per-response 1
	assert_equal "$(grep -c 'Partition: ' <<<"$output")" 3
}

# --- --create --------------------------------------------------------------

@test "--create: same output and result as Apache, with configs" {
	a=$(unique_topic a) o=$(unique_topic o)
	CREATED=("$a" "$o")
	run apache kafka-topics "${B[@]}" --create --topic "$a" --partitions 2 \
		--config max.message.bytes=2000000 --config min.insync.replicas=1
	A=$(twin "$a" <<<"$output")
	run kafka-topics "${B[@]}" --create --topic "$o" --partitions 2 \
		--config max.message.bytes=2000000 --config min.insync.replicas=1
	assert_success
	assert_equal "$(twin "$o" <<<"$output")" "$A"
	assert_output "Created topic $o."
	# created topics are visible at once (kafkit waits for the metadata)
	run kafka-topics "${B[@]}" --describe --topic "$o"
	assert_success
	O=$(twin "$o" <<<"$output")
	A=$(apache kafka-topics "${B[@]}" --describe --topic "$a" | twin "$a")
	assert_equal "$O" "$A"
}

@test "--create: collision warning, replica assignment, defaults" {
	a=$(unique_topic a).x o=$(unique_topic o).x
	CREATED=("$a" "$o")
	run apache kafka-topics "${B[@]}" --create --topic "$a" --replica-assignment 1,1
	A=$(twin "$a" <<<"$output")
	run kafka-topics "${B[@]}" --create --topic "$o" --replica-assignment 1,1
	assert_success
	assert_line --index 0 --partial "WARNING: Due to limitations in metric names"
	assert_equal "$(twin "$o" <<<"$output")" "$A"
	assert_equal "$(kafka-topics "${B[@]}" --describe --topic "$o" | twin "$o")" \
		"$(apache kafka-topics "${B[@]}" --describe --topic "$a" | twin "$a")"
}

@test "--create: existing topic, --if-not-exists" {
	same "${B[@]}" --create --topic "$SHARED"
	assert_equal "$O_OUT" "Error while executing topic command : Topic '$SHARED' already exists."
	assert_equal "$O_ERR1" "[DATE] ERROR org.apache.kafka.common.errors.TopicExistsException: Topic '$SHARED' already exists."
	[[ $O_ERR == *$'\n'" (org.apache.kafka.tools.TopicCommand)" ]]
	same "${B[@]}" --create --topic "$SHARED" --if-not-exists
	assert_equal "$O_RC" 0
}

@test "--create: invalid replication factor and partition count" {
	t=$(unique_topic)
	same "${B[@]}" --create --topic "$t" --replication-factor 0
	assert_equal "$O_OUT" "Error while executing topic command : The replication factor must be between 1 and 32767 inclusive"
	same "${B[@]}" --create --topic "$t" --replication-factor 40000
	same "${B[@]}" --create --topic "$t" --partitions 0
	assert_equal "$O_OUT" "Error while executing topic command : The partitions must be greater than 0"
	same "${B[@]}" --create --topic "$t" --replication-factor 2
	[[ $O_OUT == *"Unable to replicate the partition 2 time(s)"* ]]
}

@test "--create: malformed and impossible --replica-assignment" {
	t=$(unique_topic)
	same "${B[@]}" --create --topic "$t" --replica-assignment 1:a
	assert_equal "$O_OUT" 'Error while executing topic command : For input string: "a"'
	same "${B[@]}" --create --topic "$t" --replica-assignment 1:1
	assert_equal "$O_OUT" "Error while executing topic command : Partition replica lists may not contain duplicate entries: 1"
	same "${B[@]}" --create --topic "$t" --replica-assignment 1,1:2
	assert_equal "$O_OUT" "Error while executing topic command : Partition 1 has different replication factor: [1, 2]"
	same "${B[@]}" --create --topic "$t" --replica-assignment ',1'
	same "${B[@]}" --create --topic "$t" --replica-assignment 5
	[[ $O_OUT == *"includes broker 5, but no such broker is registered."* ]]
}

@test "--create: unknown, malformed and invalid --config" {
	t=$(unique_topic)
	same "${B[@]}" --create --topic "$t" --config foo=bar
	assert_equal "$O_OUT" "Error while executing topic command : Unknown topic config name: foo"
	same "${B[@]}" --create --topic "$t" --config foo
	same "${B[@]}" --create --topic "$t" --config a=b=c
	same "${B[@]}" --create --topic "$t" --config retention.ms=abc
	same "${B[@]}" --create --topic "$t" --config cleanup.policy=bogus
	same "${B[@]}" --create --topic "$t" --config min.compaction.lag.ms=5 \
		--config max.compaction.lag.ms=1
}

# --- --alter ---------------------------------------------------------------

@test "--alter: grow, same count, decrease, unknown topic" {
	a=$(unique_topic a) o=$(unique_topic o)
	CREATED=("$a" "$o")
	kafka-topics "${B[@]}" --create --topic "$a" --partitions 1 >/dev/null
	kafka-topics "${B[@]}" --create --topic "$o" --partitions 1 >/dev/null
	run apache kafka-topics "${B[@]}" --alter --topic "$a" --partitions 3
	assert_success
	assert_output ""
	run kafka-topics "${B[@]}" --alter --topic "$o" --partitions 3
	assert_success
	assert_output ""
	assert_equal "$(kafka-topics "${B[@]}" --describe --topic "$o" | twin "$o")" \
		"$(apache kafka-topics "${B[@]}" --describe --topic "$a" | twin "$a")"
	same "${B[@]}" --alter --topic "$o" --partitions 3
	assert_equal "$O_OUT" "Error while executing topic command : Topic already has 3 partition(s)."
	same "${B[@]}" --alter --topic "$o" --partitions 2
	assert_equal "$O_OUT" "Error while executing topic command : The topic $o currently has 3 partition(s); 2 would not be an increase."
	same "${B[@]}" --alter --topic "$o-none" --partitions 2
	same "${B[@]}" --alter --topic "$o-none" --partitions 2 --if-exists
}

@test "--alter with --replica-assignment: existing partitions are skipped" {
	o=$(unique_topic o)
	CREATED=("$o")
	kafka-topics "${B[@]}" --create --topic "$o" --partitions 2 >/dev/null
	same "${B[@]}" --alter --topic "$o" --partitions 3 --replica-assignment 1
	assert_equal "$O_OUT" "Error while executing topic command : Attempted to add 1 additional partition(s), but only 0 assignment(s) were specified."
	run kafka-topics "${B[@]}" --alter --topic "$o" --partitions 3 --replica-assignment 1,1,1
	assert_success
	run kafka-topics "${B[@]}" --describe --topic "$o"
	assert_line --index 0 --partial "PartitionCount: 3"
}

@test "a per-topic failure in a multi-topic action: stderr, exit 1, the rest done" {
	t=$(unique_topic)
	CREATED=("$t-a" "$t-b")
	kafka-topics "${B[@]}" --create --topic "$t-a" --partitions 1 >/dev/null
	kafka-topics "${B[@]}" --create --topic "$t-b" --partitions 3 >/dev/null
	run --separate-stderr kafka-topics "${B[@]}" --alter --topic "$t-.*" --partitions 2
	assert_failure 1
	assert_output "Error while executing topic command : The topic $t-b currently has 3 partition(s); 2 would not be an increase."
	[[ $stderr == *"ERROR org.apache.kafka.common.errors.InvalidPartitionsException: The topic $t-b currently has 3 partition(s); 2 would not be an increase."* ]]
	run kafka-topics "${B[@]}" --describe --topic "$t-a"
	assert_line --index 0 --partial "PartitionCount: 2"
}

# --- --delete --------------------------------------------------------------

@test "--delete: by pattern, gone at once; unknown topic; --if-exists" {
	t=$(unique_topic)
	CREATED=("$t-1" "$t-2")
	kafka-topics "${B[@]}" --create --topic "$t-1" >/dev/null
	kafka-topics "${B[@]}" --create --topic "$t-2" >/dev/null
	run kafka-topics "${B[@]}" --delete --topic "$t-.*"
	assert_success
	assert_output ""
	run kafka-topics "${B[@]}" --list --topic "$t-.*"
	assert_output ""
	same "${B[@]}" --delete --topic "$t-1"
	assert_equal "$O_OUT" "Error while executing topic command : Topic '$t-1' does not exist as expected"
	same "${B[@]}" --delete --topic "$t-1" --if-exists
	assert_equal "$O_RC" 0
	a=$(unique_topic a)
	kafka-topics "${B[@]}" --create --topic "$a" >/dev/null
	run apache kafka-topics "${B[@]}" --delete --topic "$a"
	assert_success
	assert_output ""
}

# --- kafkit additions ------------------------------------------------------

@test "--output json: --list and --describe" {
	run kafka-topics "${B[@]}" --list --topic "$SHARED" --output json
	assert_success
	assert_output --regexp "^\{\"topic\":\"$SHARED\",\"id\":\"[A-Za-z0-9_-]{22}\",\"internal\":false\}$"
	run kafka-topics "${B[@]}" --describe --topic "$SHARED" --output json
	assert_success
	[ "$(jq -r .topic <<<"$output")" = "$SHARED" ]
	[ "$(jq '.partitions | length' <<<"$output")" = 3 ]
	[ "$(jq '.partitions[0].elr' <<<"$output")" = "[]" ]
	[ "$(jq -r '.configs[] | select(.name=="retention.ms") | "\(.value) \(.source) \(.default)"' <<<"$output")" = \
		"123456 DYNAMIC_TOPIC_CONFIG false" ]
	[ "$(jq '[.configs[] | select(.default)] | length > 0' <<<"$output")" = true ]
	# internal is the broker's flag: true exactly for Kafka's own topics
	run kafka-topics "${B[@]}" --list --output json
	assert_success
	[ "$(jq -s 'map(select(.internal != (.topic | test("^__(consumer_offsets|transaction_state|share_group_state)$")))) | length' <<<"$output")" = 0 ]
	run kafka-topics "${B[@]}" --describe --topic "$SHARED" --output json --topics-with-overrides
	[ "$(jq -r .topic <<<"$output")" = "$SHARED" ]
	run kafka-topics "${B[@]}" --describe --topic "$SHARED" --output json --under-replicated-partitions
	[ "$(jq '.partitions | length' <<<"$output")" = 0 ]
	run kafka-topics "${B[@]}" --create --topic x --output json
	assert_failure 1
	assert_line --index 0 'Option "[output]" can'"'"'t be used with option "[create]"'
	run kafka-topics "${B[@]}" --list --output yaml
	assert_failure 1
	assert_line --index 0 "Invalid value 'yaml' for option output: must be text or json"
}

@test "broker unreachable: bounded time, message names the bootstrap servers" {
	start=$SECONDS
	run --separate-stderr kafka-topics --bootstrap-server 127.0.0.1:1,127.0.0.1:2 --list
	assert_failure 1
	# refused at once: said so (which servers, why), not blamed on a
	# time-out that did not happen (issue 14)
	assert_output --regexp "^Error while executing topic command : Cannot reach any bootstrap server \(127\.0\.0\.1:1, 127\.0\.0\.1:2\): connection to 127\.0\.0\.1:[12] \(127\.0\.0\.1\) refused\. Call: listTopics$"
	refute_output --partial "Timed out"
	[[ $stderr == *"ERROR org.apache.kafka.common.errors.NetworkException: Cannot reach any bootstrap server (127.0.0.1:1, 127.0.0.1:2): "* ]]
	[[ $stderr != *"Timed out"* ]]
	[ $((SECONDS - start)) -lt 5 ]
	run --separate-stderr kafka-topics --bootstrap-server 127.0.0.1:1 --create --topic x
	assert_failure 1
	assert_output "Error while executing topic command : Cannot reach any bootstrap server (127.0.0.1:1): connection to 127.0.0.1:1 (127.0.0.1) refused. Call: createTopics"
	# a host that never answers: default.api.timeout.ms bounds the wait
	printf 'default.api.timeout.ms=1500\nsocket.connection.setup.timeout.ms=1000\n' \
		>"$BATS_TEST_TMPDIR/c.properties"
	start=$SECONDS
	run kafka-topics --bootstrap-server 10.255.255.1:9092 \
		--command-config "$BATS_TEST_TMPDIR/c.properties" --list
	assert_failure 1
	assert_output --partial "10.255.255.1:9092"
	[ $((SECONDS - start)) -lt 5 ]
	run kafka-topics --bootstrap-server nosuchhost.invalid:9092 --list
	assert_failure 1
	assert_output --partial "nosuchhost.invalid:9092"
}

@test "completions list topics from the live cluster" {
	# shellcheck disable=SC1091
	source "$KAFKIT_ROOT/completions/bash/kafka-topics"
	COMP_WORDS=(kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --describe --topic "${SHARED%-*}")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_kafkit_kafka_topics
	[[ " ${COMPREPLY[*]} " == *" $SHARED "* ]]
	COMP_WORDS=(kafka-topics --output "")
	COMP_CWORD=2
	_kafkit_kafka_topics
	[ "${COMPREPLY[*]}" = "text json" ]
	# fish: the same, through its own completion engine
	run fish -c "source '$KAFKIT_ROOT/completions/fish/kafka-topics.fish'; complete -C 'kafka-topics --bootstrap-server $KAFKA_BOOTSTRAP --topic ${SHARED%-*}'"
	assert_success
	assert_line --regexp "^$SHARED	"
	run fish -c "source '$KAFKIT_ROOT/completions/fish/kafka-topics.fish'; complete -C 'kafka-topics --output '"
	assert_equal "$(cut -f1 <<<"$output" | sort | tr '\n' ' ')" "json text "
	# zsh: the script defines its lister and loads without error
	run zsh -c "autoload -U compinit; compinit -u -D; source '$KAFKIT_ROOT/completions/zsh/_kafka-topics' 2>&1; whence -w _kafkit_kafka_topics_list"
	assert_output --partial "_kafkit_kafka_topics_list: function"
}

@test "man page: every option, output, JSON schema, examples, exit status" {
	run man -l "$KAFKIT_ROOT/man/kafka-topics.1"
	assert_success
	for s in OPTIONS OUTPUT "JSON OUTPUT" ERRORS EXAMPLES "EXIT STATUS"; do
		assert_line "$s"
	done
	assert_output --partial "--partition-size-limit-per-response"
	assert_output --partial '"last_known_elr"'
}

@test "ours answers in milliseconds" {
	start=$(date +%s%N)
	kafka-topics "${B[@]}" --list >/dev/null
	kafka-topics "${B[@]}" --describe --topic "$SHARED" >/dev/null
	end=$(date +%s%N)
	[ $(((end - start) / 1000000)) -lt 1000 ]
}
