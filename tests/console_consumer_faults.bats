#!/usr/bin/env bats
#
# console_consumer_faults.bats - kafka-console-consumer when the broker
# goes away and comes back, and when the broker serves a corrupt batch.
# Each test starts its own throwaway broker (tests/kafka/kh.sh) on free
# ports, stops it and restarts it on the same data; the suite's broker is
# never touched.

load helpers
bats_require_minimum_version 1.5.0

setup()
{
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	FB_DIR=$BATS_TEST_TMPDIR/broker
	SUITE_BOOTSTRAP=${KAFKA_BOOTSTRAP:-}
	kh_broker_start "$FB_DIR" 2>"$BATS_TEST_TMPDIR/kh.log" || {
		cat "$BATS_TEST_TMPDIR/kh.log" >&2
		return 1
	}
	FB=$KAFKA_BOOTSTRAP
	KAFKA_BOOTSTRAP=$SUITE_BOOTSTRAP
}

teardown()
{
	[ -n "${CONSUMER_PID:-}" ] && kill -KILL "$CONSUMER_PID" 2>/dev/null
	kh_broker_stop "$FB_DIR" 2>/dev/null || true
}

# restart_broker: start the stopped broker again, with its data and ports
restart_broker()
{
	local d=$FB_DIR port=${FB##*:} i
	# shellcheck disable=SC2086,SC2016
	(
		exec setsid bash -c 'echo $$ >"$0/kafka.pid"; exec "$@"' "$d" \
			"$KH_JAVA" $KH_BROKER_HEAP $KH_JVM_PERF "-Dkafka.logs.dir=$d/logs" \
			$(kh_log4j_opts broker) \
			-cp "$KH_LIBS/*" kafka.Kafka "$d/server.properties"
	) >>"$d/logs/stdout.log" 2>&1 </dev/null 3>&- &
	for i in $(seq 1 600); do
		if (exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null &&
			[ "$(grep -c 'Kafka Server started' "$d/logs/stdout.log")" -ge 2 ]; then
			return 0
		fi
		sleep 0.1
	done
	fail "the broker did not come back"
}

# wait_lines FILE N: until FILE has N lines (at most 60 s)
wait_lines()
{
	local i
	for i in $(seq 1 600); do
		[ "$(wc -l <"$1")" -ge "$2" ] && return 0
		sleep 0.1
	done
	fail "$1 has $(wc -l <"$1") lines, not $2"
}

@test "broker stopped and restarted mid-consume: resumes without loss or duplicates" {
	local t=kt-ccf-restart-$$ d=$BATS_TEST_TMPDIR mode
	kh_tool kafka-topics --bootstrap-server "$FB" --create --topic "$t" \
		--partitions 3 >/dev/null 2>&1
	seq 1 3000 | kcat -b "$FB" -t "$t" -P
	for mode in group partitions; do
		if [ $mode = group ]; then
			kafka-console-consumer --bootstrap-server "$FB" --topic "$t" \
				--group kt-ccf-$$ --from-beginning >"$d/out" 2>"$d/err" 3>&- &
		else
			kafka-console-consumer --bootstrap-server "$FB" --topic "$t" \
				--partition all --offset earliest >"$d/out" 2>"$d/err" 3>&- &
		fi
		CONSUMER_PID=$!
		wait_lines "$d/out" 3000
		kh_broker_kill "$FB_DIR" 30
		sleep 2
		restart_broker
		seq 3001 6000 | kcat -b "$FB" -t "$t" -P
		wait_lines "$d/out" 6000
		sleep 1
		kill -TERM $CONSUMER_PID
		wait $CONSUMER_PID || true
		CONSUMER_PID=
		diff <(sort -n "$d/out") <(seq 1 6000) >/dev/null ||
			fail "$mode: lost or doubled: $(sort -n "$d/out" | uniq -d | head -3)"
		tail -1 "$d/err" | grep -q '^Processed a total of 6000 messages$'
		# the next round appends to the topic: start it over
		kh_tool kafka-topics --bootstrap-server "$FB" --delete --topic "$t" >/dev/null 2>&1
		sleep 2
		t=$t-2
		kh_tool kafka-topics --bootstrap-server "$FB" --create --topic "$t" \
			--partitions 3 >/dev/null 2>&1
		seq 1 3000 | kcat -b "$FB" -t "$t" -P
	done
}

@test "a corrupt batch from the broker: a clear error with topic, partition and offset" {
	local t=kt-ccf-crc-$$ d=$BATS_TEST_TMPDIR f size
	kh_tool kafka-topics --bootstrap-server "$FB" --create --topic "$t" \
		--partitions 1 >/dev/null 2>&1
	for v in first second third; do
		echo "$v-record" | kcat -b "$FB" -t "$t" -P
	done
	kh_broker_kill "$FB_DIR" 30
	f=$FB_DIR/data/$t-0/00000000000000000000.log
	size=$(stat -c %s "$f")
	# flip a byte of the last record's value: inside the third batch's CRC
	printf 'X' | dd of="$f" bs=1 seek=$((size - 4)) conv=notrunc 2>/dev/null
	restart_broker
	run --separate-stderr kafka-console-consumer --bootstrap-server "$FB" --topic "$t" \
		--partition 0 --offset earliest --exit-at-end
	[ "$status" -eq 1 ]
	assert_output "$(printf 'first-record\nsecond-record')"
	[[ $stderr == *"corrupt record batch in '$t'-0 at offset 2: record is corrupt (stored crc = "*", computed crc = "*")"* ]] ||
		fail "stderr: $stderr"
	[[ $stderr == *"Processed a total of 2 messages"* ]]
	# check.crcs=false hands the bytes out as they are
	run --separate-stderr kafka-console-consumer --bootstrap-server "$FB" --topic "$t" \
		--partition 0 --offset earliest --exit-at-end --command-property check.crcs=false
	assert_success
	assert_line --index 2 "third-recXrd"
}
