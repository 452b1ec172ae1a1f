#!/usr/bin/env bats
#
# leader_change.bats - kafka-console-consumer and kafka-console-producer
# follow a partition leader that moves to another broker. A 3-node KRaft
# cluster of its own (tests/kafka/kh.sh kh_cluster_start; the suite's
# single broker is not used) holds a topic with replication factor 3;
# the test stops the partition's leader while our consumer is reading,
# then produces more with ours. The consumer must print every record
# exactly once, in order: it refreshes metadata on NOT_LEADER_OR_FOLLOWER
# or a lost connection and fetches from the new leader (common/consume/consumer.c),
# and the producer does the same (common/produce/producer.c).

bats_require_minimum_version 1.5.0
load helpers

N=500

setup_file()
{
	cluster3_start
}

teardown_file()
{
	cluster3_stop
}

setup()
{
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	B=$CLUSTER_BOOTSTRAP
	cluster3_restart_stopped
}

teardown()
{
	[[ -n ${CONSUMER_PID:-} ]] && kill -KILL "$CONSUMER_PID" 2>/dev/null
	return 0
}

# leader_of TOPIC: the leader of partition 0, from our kafka-topics
leader_of()
{
	kafka-topics --bootstrap-server "$B" --describe --topic "$1" |
		sed -n 's/.*Partition: 0[[:space:]]*Leader: \([-0-9]*\).*/\1/p'
}

# wait_lines FILE N SECONDS: until FILE has at least N lines
wait_lines()
{
	local end=$((SECONDS + $3))
	while (($(wc -l <"$1") < $2)); do
		((SECONDS < end)) || return 1
		sleep 0.1
	done
}

# follow_leader [CONSUMER-OPTIONS...]: the whole scenario
follow_leader()
{
	local t old new i status=0 out=$BATS_TEST_TMPDIR/out err=$BATS_TEST_TMPDIR/err
	t=$(unique_topic)
	run -0 kafka-topics --bootstrap-server "$B" --create --topic "$t" \
		--partitions 1 --replication-factor 3
	# leaders show up on every broker shortly after CreateTopics returns
	for ((i = 0; i < 50; i++)); do
		old=$(leader_of "$t")
		[[ $old =~ ^[1-3]$ ]] && break
		sleep 0.1
	done
	[[ $old =~ ^[1-3]$ ]] || fail "topic $t has no leader: '$old'"
	seq 1 "$N" | kafka-console-producer --bootstrap-server "$B" --topic "$t"

	: >"$out"
	timeout 60 kafka-console-consumer --bootstrap-server "$B" --topic "$t" \
		--from-beginning --max-messages $((2 * N)) "$@" >"$out" 2>"$err" 3>&- &
	CONSUMER_PID=$!
	wait_lines "$out" "$N" 30 || {
		cat "$err" >&2
		fail "consumer printed $(wc -l <"$out") of the first $N records"
	}

	kh_node_stop "$CLUSTER_DIR" "$old"
	# a controlled shutdown has moved the leadership away
	new=$(leader_of "$t")
	echo "# leader of $t: node $old, then node $new" >&3
	[[ $new =~ ^[1-3]$ ]] || fail "no leader after node $old stopped: '$new'"
	[[ $new != "$old" ]] || fail "leader still node $old after it stopped"

	# our producer: its bootstrap list names the stopped node too
	seq $((N + 1)) $((2 * N)) |
		kafka-console-producer --bootstrap-server "$B" --topic "$t"

	wait "$CONSUMER_PID" || status=$?
	CONSUMER_PID=
	if ((status != 0)); then
		cat "$err" >&2
		fail "consumer exited $status with $(wc -l <"$out") records"
	fi
	# all 2N, each once, in order
	diff <(seq 1 $((2 * N))) "$out" >&2 || fail "consumer output differs from 1..$((2 * N))"
	# a leader change is no error: nothing on stderr but the count line
	# of Apache's tool (and its 4.3 KIP-848 hint: a console consumer is
	# always in a group, a generated one without --group)
	run -0 grep -v 'rebalance protocol (KIP-848)' "$err"
	assert_output "Processed a total of $((2 * N)) messages"
}

@test "leader change: consumer without a group follows the new leader" {
	follow_leader
}

@test "leader change: consumer in a group follows the new leader" {
	follow_leader --group "$(unique_topic g)"
}
