#!/usr/bin/env bats
#
# crash.bats - SIGKILL, not a clean shutdown (issue 13): on a 3-node KRaft
# cluster of its own (replication factor 3, min.insync.replicas 2), kill
# -9 the partition leader, and separately the active controller, at five
# points of a long produce with acks=all and idempotence, restarting each
# killed node before the next kill; kill -9 the group coordinator at five
# points of a consume by a group of two of our consumers; kill -9 one of
# the two members. Afterwards:
#  - produce: every record is in the topic exactly once, in order per
#    partition (the producer reported none lost: exit 0);
#  - consume: the two members together printed every record; duplicates
#    are counted and reported (the group is at-least-once: a commit lost
#    with its coordinator is read again), never a record missing;
#  - a member killed: the other takes its partitions after the session
#    time-out and goes on from the last commit; nothing is missing.
# The figures (kill points, records checked, duplicates) go to the TAP
# output.

bats_require_minimum_version 1.5.0
load helpers

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
	LOG=$BATS_TEST_TMPDIR/kh.log
	cluster3_restart_stopped 2>>"$LOG"
}

teardown()
{
	local p
	for p in ${BG_PIDS:-}; do
		kill -KILL "$p" 2>/dev/null
	done
	return 0
}

make_topic()
{
	kafka-topics --bootstrap-server "$B" --create --topic "$1" \
		--partitions 3 --replication-factor 3 >/dev/null || return 1
	# every partition has a leader before the test starts
	local i
	for i in $(seq 1 100); do
		[[ $(kafka-topics --bootstrap-server "$B" --describe --topic "$1" |
			grep -c 'Leader: [1-3]') == 3 ]] && return 0
		sleep 0.1
	done
	return 1
}

# target WHAT K: the node to kill: the leader of partition K%3 of $TOPIC,
# the active controller, or the coordinator of $GROUP
target()
{
	case $1 in
	leader)
		kafka-topics --bootstrap-server "$B" --describe --topic "$TOPIC" |
			sed -n "s/.*Partition: $(($2 % 3))[[:space:]]*Leader: \([1-3]\).*/\1/p"
		;;
	controller)
		apache kafka-metadata-quorum --bootstrap-server "$B" describe --status 2>/dev/null |
			awk '$1 == "LeaderId:" { print $2 }'
		;;
	coordinator)
		kafka-consumer-groups --bootstrap-server "$B" --describe --group "$GROUP" \
			--state --output json 2>/dev/null | jq -r '.coordinator.id'
		;;
	esac
}

# crash_points WHAT FEED: six times FEED K (K = 0..5) puts a chunk of
# work in motion in the background; at the first five, once the chunk is
# under way, kill -9 the target node, wait for the chunk, start the node
# again. Chunks keep the tool busy across every kill point however slow
# the restarts are. KILLS lists the nodes killed.
crash_points()
{
	local what=$1 feed=$2 k node fpid
	KILLS=()
	for k in 0 1 2 3 4 5; do
		"$feed" "$k" &
		fpid=$!
		if ((k == 5)); then
			wait "$fpid"
			break
		fi
		sleep 1
		node=$(target "$what" "$k")
		[[ $node =~ ^[1-3]$ ]] || { echo "no $what to kill: '$node'"; return 1; }
		kh_node_crash "$CLUSTER_DIR" "$node" || return 1
		KILLS+=("$node")
		wait "$fpid"
		# 7>&-: the restarted broker and its watchdog must not hold the
		# producer's FIFO open (its end of input)
		KH_OWNER_PID=$PPID kh_node_start "$CLUSTER_DIR" "$node" 3>&- 7>&- 2>>"$LOG" ||
			{ echo "node $node did not come back"; cat "$LOG"; return 1; }
	done
}

# CRASH_CHUNK: records per chunk (six chunks; tests/bench/crash.sh runs
# 1,000,000 records)
CHUNK=${CRASH_CHUNK:-10000}
N=$((6 * CHUNK))

# paced: copy stdin to stdout slowly (a hundredth of a chunk per 0.1 s),
# so that a chunk lasts about 10 s, long enough for a kill point
paced() { awk -v every=$((CHUNK / 100)) 'NR % every == 0 { fflush(); system("sleep 0.1") } { print }'; }

# check_topic: every record 1..N exactly once, increasing per partition
check_topic()
{
	local out=$BATS_TEST_TMPDIR/all
	timeout 300 kafka-console-consumer --bootstrap-server "$B" --topic "$TOPIC" \
		--from-beginning --max-messages $((N + 1)) --timeout-ms 10000 \
		--formatter-property print.partition=true >"$out" 2>/dev/null
	local got uniq
	got=$(wc -l <"$out")
	uniq=$(awk '{ print $2 }' "$out" | sort -n | uniq | wc -l)
	echo "# $got records read back, $uniq distinct, of $N" >&3
	((got == N && uniq == N)) || { echo "records: $got, distinct $uniq, want $N"; return 1; }
	[[ $(awk '{ print $2 }' "$out" | sort -n | head -n 1) == 1 &&
		$(awk '{ print $2 }' "$out" | sort -n | tail -n 1) == "$N" ]]
	# in order per partition
	awk '{ p = $1; v = $2 + 0; if (p in last && v <= last[p]) { bad++ } last[p] = v }
		END { exit bad > 0 }' "$out" || { echo "out of order within a partition"; return 1; }
}

# feed_producer K: chunk K of 1..N into the producer's FIFO, paced
feed_producer()
{
	seq $(($1 * CHUNK + 1)) $((($1 + 1) * CHUNK)) | paced |
		awk '{ print $1 % 29 "\t" $1 }' >&7
}

# produce_through WHAT: one producer for the whole run, fed chunk by
# chunk, with WHAT killed five times in the middle of it. The console
# producer's own defaults (Apache's: 1500 ms request time-out, 3 retries)
# give up on a dead leader by design; a user who wants every record
# through sets what is set here.
produce_through()
{
	TOPIC=$(unique_topic "$1")
	make_topic "$TOPIC"
	local err=$BATS_TEST_TMPDIR/producer.err status=0 fifo=$BATS_TEST_TMPDIR/in
	mkfifo "$fifo"
	kafka-console-producer --bootstrap-server "$B" --topic "$TOPIC" \
		--reader-property parse.key=true \
		--request-required-acks all \
		--request-timeout-ms 30000 \
		--message-send-max-retries 2147483647 \
		--command-property enable.idempotence=true \
		--command-property delivery.timeout.ms=180000 <"$fifo" 2>"$err" &
	local pid=$!
	BG_PIDS=$pid
	exec 7>"$fifo"
	crash_points "$1" feed_producer || { exec 7>&-; return 1; }
	exec 7>&-
	wait "$pid" || status=$?
	BG_PIDS=
	echo "# produce of $N: $1 killed ${#KILLS[@]} times (nodes ${KILLS[*]})" >&3
	((status == 0)) || { echo "producer exited $status"; head -n 20 "$err"; return 1; }
	((${#KILLS[@]} == 5)) || { echo "only ${#KILLS[@]} kill points"; return 1; }
	check_topic
}

@test "crash: the partition leader killed (-9) at five points of a produce: each record once, in order" {
	produce_through leader
}

@test "crash: the active controller killed (-9) at five points of a produce: each record once, in order" {
	produce_through controller
}

# consume_group OUT_PREFIX: two of our consumers in $GROUP, writing to
# OUT_PREFIX.1 / .2, ending CG_IDLE ms (60 s) after the last record; CPIDS:
# their pids (wait on those only: a bare wait would wait for the brokers'
# watchdogs too). Their output goes to files, at full speed (a stalled
# reader of stdout is console_consumer.bats' test).
consume_group()
{
	local i
	CPIDS=()
	for i in 1 2; do
		kafka-console-consumer --bootstrap-server "$B" --topic "$TOPIC" \
			--group "$GROUP" --from-beginning --timeout-ms "${CG_IDLE:-60000}" \
			--command-property session.timeout.ms=6000 \
			--command-property heartbeat.interval.ms=1000 \
			>"$1.$i" 2>"$1.err$i" &
		CPIDS+=($!)
	done
	BG_PIDS=${CPIDS[*]}
}

# check_union PREFIX: the members' outputs together hold 1..N
check_union()
{
	local all dups missing
	# records are numbers; anything else (a warning) is not counted
	all=$(cat "$1".1 "$1".2 | grep -cxE '[0-9]+')
	missing=$(comm -23 <(seq 1 "$N" | sort) <(cat "$1".1 "$1".2 | sort -u) | wc -l)
	dups=$((all - $(cat "$1".1 "$1".2 | grep -xE '[0-9]+' | sort -u | wc -l)))
	echo "# $2: $all printed, $dups duplicates, $missing missing of $N" >&3
	((missing == 0)) || { echo "$missing records never printed"; return 1; }
}

# feed_topic K: produce chunk K of 1..N (the consumers are reading)
feed_topic()
{
	seq $(($1 * CHUNK + 1)) $((($1 + 1) * CHUNK)) | awk '{ print $1 % 29 "\t" $1 }' |
		kafka-console-producer --bootstrap-server "$B" --topic "$TOPIC" \
			--reader-property parse.key=true --request-timeout-ms 30000 \
			--message-send-max-retries 2147483647 2>>"$BATS_TEST_TMPDIR/feed.err"
	sleep 1
}

@test "crash: the group coordinator killed (-9) at five points of a group consume: nothing missing" {
	TOPIC=$(unique_topic coord)
	GROUP=$(unique_topic g)
	make_topic "$TOPIC"
	local out=$BATS_TEST_TMPDIR/c
	consume_group "$out"
	crash_points coordinator feed_topic
	wait "${CPIDS[@]}"
	echo "# coordinator killed ${#KILLS[@]} times (nodes ${KILLS[*]})" >&3
	((${#KILLS[@]} == 5)) || { echo "only ${#KILLS[@]} kill points"; return 1; }
	check_union "$out" "group of two through 5 coordinator crashes"
}

@test "crash: a member killed (-9): the other takes its partitions from the last commit; nothing missing" {
	TOPIC=$(unique_topic member)
	GROUP=$(unique_topic g)
	make_topic "$TOPIC"
	local out=$BATS_TEST_TMPDIR/m victim before k
	CG_IDLE=20000 consume_group "$out"
	feed_topic 0
	feed_topic 1
	# both members have partitions and have printed
	victim=${CPIDS[0]}
	kill -KILL "$victim"
	before=$(cat "$out".2 | wc -l)
	for k in 2 3 4 5; do
		feed_topic "$k"
	done
	wait "${CPIDS[1]}" || true
	echo "# member killed after $(wc -l <"$out".1) records; the survivor printed $before before, $(wc -l <"$out".2) in all" >&3
	check_union "$out" "group of two, one member killed"
	# the survivor took the dead member's partitions after the session
	# time-out: it printed the records of chunks 2..5 on every partition
	(($(wc -l <"$out".2) >= 4 * CHUNK))
}
