#!/usr/bin/env bats
#
# harness.bats - the test harness itself, against the real broker: the
# Apache tools of KAFKA_VERSION run from the cached jars, the broker of
# setup_suite.bash serves, and tests/kafka/broker starts, stops and fails
# the way the other tests rely on.

load helpers

# the first host:port of KAFKA_BOOTSTRAP
first_broker()
{
	local b=${KAFKA_BOOTSTRAP%%,*}
	echo "${b#*://}"
}

@test "apache kafka-topics --version prints the selected Kafka version" {
	run --separate-stderr apache kafka-topics --version
	assert_success
	assert_output "$KAFKA_VERSION"
	[ -z "$stderr" ] || fail "unexpected stderr: $stderr"
}

@test "every Apache tool of the table starts from the same jars" {
	local tool
	for tool in kafka-console-producer kafka-console-consumer \
		kafka-consumer-groups kafka-dump-log kafka-configs \
		kafka-broker-api-versions kafka-get-offsets \
		kafka-leader-election kafka-server-start; do
		run --separate-stderr apache "$tool" --version
		[ "$status" -eq 0 ] || fail "$tool --version: status $status: $output $stderr"
		[ "$output" = "$KAFKA_VERSION" ] || fail "$tool --version printed '$output'"
	done
	# argparse4j tools have no --version; their usage proves the main
	# class loads (-h exits 0, except kafka-producer-perf-test: 1; 3.9 names
	# that one producer-performance)
	for tool in kafka-storage kafka-metadata-quorum kafka-producer-perf-test; do
		run --separate-stderr apache "$tool" -h
		[[ $status == [01] ]] || fail "$tool -h: status $status: $output $stderr"
		assert_line --index 0 --regexp "^usage: [a-z-]+( |$)"
		[[ $stderr != *"Could not find or load main class"* ]] || fail "$stderr"
	done
}

@test "apache rejects an unknown tool with status 2" {
	run --separate-stderr apache kafka-no-such-tool --version
	[ "$status" -eq 2 ]
	[ "$stderr" = "kh: unknown Apache tool 'kafka-no-such-tool'" ]
	assert_output ""
}

@test "the broker's bootstrap port accepts TCP connections" {
	local hp host port
	hp=$(first_broker)
	host=${hp%:*} port=${hp##*:}
	[[ $port =~ ^[0-9]+$ ]] || fail "no port in KAFKA_BOOTSTRAP '$KAFKA_BOOTSTRAP'"
	run bash -c "exec 9<>/dev/tcp/$host/$port"
	assert_success
}

@test "the broker answers ApiVersions (apache kafka-broker-api-versions)" {
	run --separate-stderr apache kafka-broker-api-versions \
		--bootstrap-server "$KAFKA_BOOTSTRAP"
	assert_success
	assert_line --regexp '^[^ ]+:[0-9]+ \(id: [0-9]+ rack: .*\) -> \($'
	assert_line --regexp '^	ApiVersions\(18\): 0 to [0-9]+ \[usable: [0-9]+\],?$'
	assert_line --regexp '^	CreateTopics\(19\): '
}

@test "apache kafka-topics creates, lists, describes and deletes a unique topic" {
	local t i gone
	t=$(unique_topic)
	run --separate-stderr apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--create --topic "$t" --partitions 3 --replication-factor 1
	assert_success
	assert_output "Created topic $t."
	[ -z "$stderr" ] || fail "create wrote to stderr: $stderr"

	run --separate-stderr apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --list
	assert_success
	assert_line "$t"

	run --separate-stderr apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--describe --topic "$t"
	assert_success
	assert_line --index 0 --regexp "^Topic: $t	TopicId: [A-Za-z0-9_-]{22}	PartitionCount: 3	ReplicationFactor: 1	"
	assert_line --regexp "^	Topic: $t	Partition: 2	Leader: [0-9]+	"
	[ "${#lines[@]}" -eq 4 ] || fail "describe printed ${#lines[@]} lines"

	run --separate-stderr apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--create --topic "$t" --partitions 1
	assert_failure 1
	assert_output --partial "Topic '$t' already exists."

	run --separate-stderr apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--delete --topic "$t"
	assert_success
	assert_output ""

	# deletion completes asynchronously; give it a bounded while
	gone=0
	for i in 1 2 3 4 5 6 7 8 9 10; do
		run --separate-stderr apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --list
		assert_success
		if ! grep -qxF -- "$t" <<<"$output"; then
			gone=1
			break
		fi
		sleep 1
	done
	[ "$gone" = 1 ] || fail "topic $t still listed after delete: $output"
}

@test "the harness broker has auto topic creation off and the picked port" {
	[ -n "${KH_SUITE_DIR:-}" ] || skip "KAFKA_BOOTSTRAP given by the caller: not our broker"
	local port=${KAFKA_BOOTSTRAP##*:}
	((port > 1024 && port < 32768)) || fail "port $port not below 32768"
	[ "$port" != 19092 ] || fail "took the development broker's port"
	run --separate-stderr apache kafka-configs --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--describe --entity-type brokers --entity-name 1 --all
	assert_success
	assert_line --regexp '^  auto.create.topics.enable=false sensitive=false synonyms=\{STATIC_BROKER_CONFIG:auto.create.topics.enable=false, DEFAULT_CONFIG:auto.create.topics.enable=true\}$'
	assert_line --regexp "^  listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:[0-9]+ "
}

@test "unique_topic gives distinct names that kafka-topics accepts without warning" {
	local a b
	a=$(unique_topic)
	b=$(unique_topic)
	[ "$a" != "$b" ] || fail "same name twice: $a"
	[[ $a =~ ^kt-harness-[0-9]+-[0-9]+-[0-9]+$ ]] || fail "unexpected name '$a'"
	run unique_topic extra
	assert_output --regexp '^kt-harness-[0-9]+-extra-[0-9]+-[0-9]+$'
}

@test "our binaries come first on PATH" {
	local src tool
	[ "${PATH%%:*}" = "$KAFKIT_BIN" ] || fail "PATH starts with ${PATH%%:*}"
	for src in "$KAFKIT_ROOT"/cmd/*.c; do
		[ -e "$src" ] || continue
		tool=${src##*/}
		tool=kafka-${tool%.c}
		tool=${tool//_/-}
		[ "$(command -v "$tool")" = "$KAFKIT_BIN/$tool" ] ||
			fail "$tool resolves to '$(command -v "$tool")', not $KAFKIT_BIN/$tool"
	done
}

@test "broker start refuses an unsupported version and a foreign directory" {
	local d
	d=$BATS_TEST_TMPDIR/foreign
	mkdir -p "$d" && echo keep >"$d/file"
	run --separate-stderr "$KAFKIT_ROOT/tests/kafka/broker" start "$d"
	assert_failure 1
	assert_output ""
	[[ $stderr == *"$d is not empty and not a kafkit broker dir; refusing to use it"* ]] ||
		fail "stderr: $stderr"
	[ "$(cat "$d/file")" = keep ]

	KAFKA_VERSION=2.8.2 run --separate-stderr "$KAFKIT_ROOT/tests/kafka/broker" \
		start "$BATS_TEST_TMPDIR/v28"
	assert_failure 1
	[[ $stderr == *"unsupported KAFKA_VERSION '2.8.2' (want 4.x or 3.9.x)"* ]] ||
		fail "stderr: $stderr"
}

@test "tests/kafka/broker starts a second broker, and stop kills it by pid and removes it" {
	[ -n "${KH_SUITE_DIR:-}" ] || skip "KAFKA_BOOTSTRAP given by the caller: start nothing"
	local d b pid
	d=$BATS_TEST_TMPDIR/b2
	run --separate-stderr "$KAFKIT_ROOT/tests/kafka/broker" start "$d"
	assert_success
	b=$output
	[[ $b =~ ^127\.0\.0\.1:[0-9]+$ ]] || fail "bootstrap '$b'"
	[ "$b" != "$KAFKA_BOOTSTRAP" ] || fail "second broker on the suite broker's port"
	[ "$(cat "$d/bootstrap")" = "$b" ]
	pid=$(cat "$d/kafka.pid")
	run bash -c "exec 9<>/dev/tcp/${b%:*}/${b##*:}"
	assert_success

	run --separate-stderr "$KAFKIT_ROOT/tests/kafka/broker" stop "$d"
	assert_success
	# gone or a zombie that init has not reaped yet
	[[ $(ps -o stat= -p "$pid") != [^Z]* ]] || fail "broker pid $pid still alive"
	[ ! -e "$d" ] || fail "$d not removed: $(ls -A "$d")"
	run bash -c "exec 9<>/dev/tcp/${b%:*}/${b##*:}"
	assert_failure
}

teardown()
{
	# a failed start/stop test must not leave its broker behind
	if [[ -f $BATS_TEST_TMPDIR/b2/.kafkit-broker ]]; then
		"$KAFKIT_ROOT/tests/kafka/broker" stop "$BATS_TEST_TMPDIR/b2"
	fi
}
