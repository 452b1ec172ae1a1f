#!/usr/bin/env bats
# producer_restart.bats - a broker that is stopped in the middle of a long
# produce and started again: kafka-console-producer's retries carry every
# record through, and idempotence keeps the resent batches from being
# written twice. Each record must be in the topic exactly once.
#
# The test starts a broker of its own with the harness (tests/kafka/kh.sh),
# so stopping it never disturbs the broker the other tests use, whichever
# cluster KAFKA_BOOTSTRAP names.

bats_require_minimum_version 1.5.0
load helpers

setup() {
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	BROKER_DIR=$BATS_TEST_TMPDIR/broker
}

teardown() {
	[[ -n ${BROKER_DIR:-} ]] && kh_broker_stop "$BROKER_DIR" >/dev/null 2>&1
	return 0
}

# restart_broker DIR: start the stopped broker of DIR again on its own data
# and ports (kh_broker_start would format fresh storage on new ports), and
# wait until it serves its port.
restart_broker() {
	local d=$1 port log=$1/logs/stdout.log end
	port=${KAFKA_BOOTSTRAP##*:}
	: >"$log"
	# shellcheck disable=SC2016,SC2046,SC2086
	(
		exec setsid bash -c 'echo $$ >"$0/kafka.pid"; exec "$@"' "$d" \
			"$KH_JAVA" $KH_BROKER_HEAP $KH_JVM_PERF \
			"-Dkafka.logs.dir=$d/logs" $(kh_log4j_opts broker) \
			-cp "$KH_LIBS/*" kafka.Kafka "$d/server.properties"
	) >"$log" 2>&1 </dev/null 3>&- &
	end=$((SECONDS + ${KH_START_TIMEOUT:-120}))
	while ((SECONDS < end)); do
		if grep -q 'Kafka Server started' "$log" &&
			(exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			return 0
		fi
		sleep 0.2
	done
	echo "broker in $d did not come back; end of $log:" >&2
	tail -n 30 "$log" >&2
	return 1
}

@test "broker stopped and started mid-run: every record exactly once" {
	KH_OWNER_PID=$$ kh_broker_start "$BROKER_DIR" 3>&-
	t=$(unique_topic)
	apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --create \
		--topic "$t" --partitions 3 >/dev/null
	n=200000
	# about 10 s of input: 2000 lines every 0.1 s, so that requests are
	# in flight when the broker goes
	mkfifo "$BATS_TEST_TMPDIR/in"
	seq 1 "$n" | awk '{ print } NR % 2000 == 0 { fflush(); system("sleep 0.1") }' \
		>"$BATS_TEST_TMPDIR/in" &
	KAFKIT_PRODUCER_STATS=1 kafka-console-producer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$t" --timeout 5 <"$BATS_TEST_TMPDIR/in" \
		>"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	prod=$!
	sleep 3
	kill -0 "$prod" # still producing
	# a crash: SIGTERM and SIGKILL right after
	kh_broker_kill "$BROKER_DIR" 0
	sleep 3
	restart_broker "$BROKER_DIR"
	status=0
	wait "$prod" || status=$?
	cat "$BATS_TEST_TMPDIR/err" >&3
	assert_equal "$status" 0
	kcat -b "$KAFKA_BOOTSTRAP" -C -t "$t" -e -q -f '%s\n' >"$BATS_TEST_TMPDIR/got"
	assert_equal "$(wc -l <"$BATS_TEST_TMPDIR/got")" "$n"
	assert_equal "$(sort -n "$BATS_TEST_TMPDIR/got" | uniq | wc -l)" "$n"
	assert_equal "$(sort -n "$BATS_TEST_TMPDIR/got" | head -1)" 1
	assert_equal "$(sort -n "$BATS_TEST_TMPDIR/got" | tail -1)" "$n"
}
