# shellcheck shell=bash
#
# helpers.bash - loaded by every .bats file (`load helpers`).
#
# Loads bats-support and bats-assert, puts our built binaries first on
# PATH, and gives each test a unique topic name and the Apache reference
# tools. The broker comes from setup_suite.bash (KAFKA_BOOTSTRAP).
#
#   KAFKIT_BIN   directory of the kafkit binaries under test; tests/run
#                sets it (build-asan/, then build/), default build/
#   KAFKA_BOOTSTRAP, KAFKA_VERSION   from setup_suite.bash or the caller

KAFKIT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export KAFKIT_ROOT
KAFKIT_BIN=${KAFKIT_BIN:-$KAFKIT_ROOT/build}
export KAFKIT_BIN
export KAFKA_VERSION=${KAFKA_VERSION:-4.3.1}
PATH=$KAFKIT_BIN:$PATH

load "${KAFKIT_BATS_LIB:-/usr/lib/bats}/bats-support/load"
load "${KAFKIT_BATS_LIB:-/usr/lib/bats}/bats-assert/load"

# unique_topic [TAG]: a topic name no other test, run or rerun uses: file,
# test number, pid and random bits. Dashes only: kafka-topics warns on
# stdout about names with '.' or '_' (metric name collisions).
unique_topic()
{
	local file=${BATS_TEST_FILENAME##*/}
	file=${file%.bats}
	file=${file//[^a-zA-Z0-9-]/-}
	echo "kt-$file-${BATS_TEST_NUMBER:-0}${1:+-$1}-$$-$RANDOM$RANDOM"
}

# apache TOOL ARGS...: the Apache reference tool of KAFKA_VERSION
# (tests/kafka/apache), e.g. apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --list
apache()
{
	"$KAFKIT_ROOT/tests/kafka/apache" "$@"
}

# kcat -C -e sometimes ends at once with nothing read when the machine is
# loaded, although the records were acknowledged before it started (seen
# under the sanitizer pass). Retry such an empty read a few times, so a slow
# box does not fail a test; what a read returns is never changed.
kcat()
{
	local tmp rc i
	case " $* " in
	*" -C "*) ;;
	*) command kcat "$@"; return ;;
	esac
	case " $* " in
	*" -e "*) ;;
	*) command kcat "$@"; return ;;
	esac
	tmp=$(mktemp) || return 1
	for i in 1 2 3 4 5; do
		command kcat "$@" >"$tmp"
		rc=$?
		((rc != 0)) || [[ -s $tmp ]] && break
		sleep 0.5
	done
	cat "$tmp"
	rm -f "$tmp"
	return "$rc"
}
export -f kcat

# ---- a 3-node KRaft cluster of a test file's own (leader_change.bats,
# crash.bats): cluster3_start in setup_file, cluster3_restart_stopped in
# setup (a node an earlier test stopped or killed comes back first; its
# watchdog follows bats-exec-file, $PPID there), cluster3_stop in
# teardown_file. CLUSTER_DIR and CLUSTER_BOOTSTRAP are exported.
cluster3_start()
{
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	CLUSTER_DIR=$BATS_FILE_TMPDIR/c3
	export CLUSTER_DIR
	local t0=$SECONDS
	# a cluster that does not start fails the file; never a skip
	KH_OWNER_PID=$$ kh_cluster_start "$CLUSTER_DIR" 3 3>&- 2>"$BATS_FILE_TMPDIR/kh.log" || {
		cat "$BATS_FILE_TMPDIR/kh.log" >&2
		return 1
	}
	CLUSTER_BOOTSTRAP=$KAFKA_BOOTSTRAP
	export CLUSTER_BOOTSTRAP
	echo "# 3-node cluster at $CLUSTER_BOOTSTRAP, ready in $((SECONDS - t0))s" >&3
}

cluster3_restart_stopped()
{
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	local i
	for i in 1 2 3; do
		kh_broker_pid "$CLUSTER_DIR/n$i" >/dev/null && continue
		KH_OWNER_PID=$PPID kh_node_start "$CLUSTER_DIR" "$i" 3>&- ||
			return 1
	done
}

cluster3_stop()
{
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	kh_cluster_stop "$CLUSTER_DIR"
}

# topics_as_apache BOOTSTRAP PROPS TOPIC: our kafka-topics --describe of
# TOPIC (made with 2 partitions) and --list, given the client properties
# file PROPS, print what Apache's print, and show TOPIC (sasl.bats,
# oidc.bats)
topics_as_apache()
{
	local ours
	run -0 --separate-stderr kafka-topics --bootstrap-server "$1" \
		--command-config "$2" --describe --topic "$3"
	ours=$output
	run -0 --separate-stderr apache kafka-topics --bootstrap-server "$1" \
		--command-config "$2" --describe --topic "$3"
	assert_equal "$ours" "$output"
	[[ $ours == *"Topic: $3"*"PartitionCount: 2"* ]] || fail "$ours"
	run -0 --separate-stderr kafka-topics --bootstrap-server "$1" \
		--command-config "$2" --list
	ours=$output
	run -0 --separate-stderr apache kafka-topics --bootstrap-server "$1" \
		--command-config "$2" --list
	assert_equal "$ours" "$output"
	[[ $'\n'$ours$'\n' == *$'\n'$3$'\n'* ]] || fail "no $3 in: $ours"
}

# assert_both_runs N: $output holds the records 1..N and 101..100+N, each
# once, in any order (ours produced the first run, Apache's the second:
# sasl.bats, oidc.bats)
assert_both_runs()
{
	assert_equal "$(sort -n <<<"$output" | tr '\n' ' ')" \
		"$( (seq 1 "$1"; seq 101 $((100 + $1))) | tr '\n' ' ')"
}

# ports PID PORT: the local ports of PID's established connections to PORT
ports()
{
	ss -tnpH state established "( dport = :$2 )" 2>/dev/null |
		grep "pid=$1," | awk '{ sub(/.*:/, "", $3); print $3 }' | sort -u
}

# consume_while_producing BS PROPS PBS PPROPS TOPIC N TICKS [ARGS...]: our
# console consumer of TOPIC at BS with client properties PROPS (and ARGS)
# runs in the background while our producer (PBS, PPROPS) writes r1, then,
# once r1 is read (every connection the consumer needs is up), r2 .. rN,
# each after TICKS half-seconds. Sets status and output (the consumer's),
# CONSUMER_ERR, and the local ports of the consumer's connections to BS:
# PORTS_BEFORE (when r1 was read) and PORTS_SEEN (all of them since).
consume_while_producing()
{
	local bs=$1 props=$2 pbs=$3 pprops=$4 t=$5 n=$6 ticks=$7 pid i
	shift 7
	kafka-console-consumer --bootstrap-server "$bs" --command-config "$props" \
		--topic "$t" --from-beginning --max-messages "$n" \
		--timeout-ms 40000 "$@" \
		>"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	pid=$!
	echo r1 | kafka-console-producer --bootstrap-server "$pbs" \
		--command-config "$pprops" --topic "$t"
	for _ in $(seq 1 100); do
		[[ -s $BATS_TEST_TMPDIR/out ]] && break
		sleep 0.2
	done
	PORTS_BEFORE=$(ports "$pid" "${bs##*:}")
	PORTS_SEEN=$PORTS_BEFORE
	for i in $(seq 2 "$n"); do
		for _ in $(seq 1 "$ticks"); do
			sleep 0.5
			PORTS_SEEN=$(printf '%s\n%s\n' "$PORTS_SEEN" \
				"$(ports "$pid" "${bs##*:}")" | sed '/^$/d' | sort -u)
		done
		echo "r$i" | kafka-console-producer --bootstrap-server "$pbs" \
			--command-config "$pprops" --topic "$t"
	done
	status=0
	wait "$pid" || status=$?
	output=$(cat "$BATS_TEST_TMPDIR/out")
	CONSUMER_ERR=$(cat "$BATS_TEST_TMPDIR/err")
}
