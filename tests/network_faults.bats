#!/usr/bin/env bats
#
# network_faults.bats - kafka-console-producer, kafka-console-consumer and
# kafka-topics under network faults (issue 13): delay, stall, a response
# cut inside its frame, resets, a black hole, refused connects. Under each
# a tool either finishes correctly once the fault clears (every record
# exactly once) or fails within its time-outs with a clear message and a
# non-zero status; it never hangs past its time-out, never crashes (the
# same tests run with the sanitizer build) and never loses or doubles a
# record.
#
# The file starts a broker of its own (the suite's is not touched) behind
# kt-faultproxy (tests/tools/faultproxy.c). The broker advertises the
# proxy's port (KH_ADVERTISE_PORT), so that every connection a client makes
# after Metadata goes through the proxy too. It also has a DIRECT listener,
# advertised as itself, for producing and checking while a fault is on.
# The proxy is started first, on a port picked for it, and learns the
# broker's port once the broker is up ("upstream" on its control port).
#
# Times measured on a 2-core box (normal build) are in the comments; the
# `timeout` around each run is a margin well above them, and a run that
# the margin ends fails the test.

bats_require_minimum_version 1.5.0
load helpers

N=3000

# fp COMMAND...: one command to the fault proxy; fails unless it says ok
fp()
{
	local fd reply=
	exec {fd}<>"/dev/tcp/127.0.0.1/$FP_CTL" || return 1
	printf '%s\n' "$*" >&"$fd"
	read -r -t 5 reply <&"$fd"
	exec {fd}>&-
	[[ $reply == ok* ]] || {
		echo "kt-faultproxy: '$*' answered '$reply'" >&2
		return 1
	}
	FP_REPLY=$reply
}

# fp_stat NAME: one counter of the proxy's stats line
fp_stat()
{
	fp stats || return 1
	local v=${FP_REPLY#* "$1"=}
	echo "${v%% *}"
}

setup_file()
{
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	local d=$BATS_FILE_TMPDIR t0=$SECONDS try
	# bounded: a broken run never leaves the proxy behind, and it
	# follows this process (bats-exec-file) too
	for try in 1 2 3; do
		rm -f "$d/fp.ports"
		kt-faultproxy --listen "$(kh_pick_ports 1)" --port-file "$d/fp.ports" \
			--max-seconds 900 >"$d/fp.log" 2>&1 </dev/null 3>&- &
		FP_PID=$!
		while kill -0 "$FP_PID" 2>/dev/null && [[ ! -s $d/fp.ports ]]; do
			sleep 0.05
		done
		[[ -s $d/fp.ports ]] && break
	done
	read -r FP_PORT FP_CTL <"$d/fp.ports" || { cat "$d/fp.log" >&2; return 1; }
	export FP_PID FP_CTL PROXY=127.0.0.1:$FP_PORT FB_DIR=$d/broker
	KH_ADVERTISE_PORT=$FP_PORT KH_EXTRA_LISTENERS="DIRECT:PLAINTEXT" \
		KH_OWNER_PID=$$ kh_broker_start "$FB_DIR" 3>&- 2>"$d/kh.log" || {
		cat "$d/kh.log" >&2
		return 1
	}
	fp upstream "$KAFKA_BOOTSTRAP"
	export DIRECT=127.0.0.1:$KH_PORT_DIRECT
	echo "# broker behind kt-faultproxy at $PROXY (direct $DIRECT), ready in $((SECONDS - t0))s" >&3
}

teardown_file()
{
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	[[ -n ${FP_PID:-} ]] && kill "$FP_PID" 2>/dev/null
	kh_broker_stop "$FB_DIR"
}

setup()
{
	# whatever an earlier test left: normal forwarding, no connections
	fp pass
	fp reset
	CUTS0=$(fp_stat cuts)
	TOPIC=$(unique_topic)
	BG_PID=
	D=$BATS_TEST_TMPDIR
}

teardown()
{
	# a run left by a failed test: timeout's process group (the tool
	# with it), or the tool itself
	if [[ -n ${BG_PID:-} ]]; then
		kill -KILL -- "-$BG_PID" 2>/dev/null || kill -KILL "$BG_PID" 2>/dev/null
	fi
	fp pass || true
	return 0
}

# ms_since T0: milliseconds since T0 (from `date +%s%N`)
ms_since()
{
	echo $((($(date +%s%N) - $1) / 1000000))
}

# check_ended STATUS STDERR LIMIT WHAT: the run ended by itself (not by the
# `timeout` margin) and did not crash or trip a sanitizer
check_ended()
{
	local st=$1 err=$2 limit=$3 what=$4
	((st != 124 && st != 137)) ||
		fail "$what still running after ${limit}s: the timeout margin ended it"
	((st != 86 && st != 87)) || fail "$what: sanitizer report (exit $st)"
	((st < 128)) || fail "$what: killed by signal $((st - 128))"
	[[ $err != *"Sanitizer"* && $err != *"runtime error:"* ]] ||
		fail "$what: sanitizer report: $err"
}

# bounded LIMIT CMD...: `run --separate-stderr` under a LIMIT-second
# timeout; ELAPSED_MS is how long it took
bounded()
{
	local limit=$1 t0
	shift
	t0=$(date +%s%N)
	run --separate-stderr timeout -k 5 "$limit" "$@"
	ELAPSED_MS=$(ms_since "$t0")
	check_ended "$status" "$stderr" "$limit" "$1"
}

# bg LIMIT CMD...: start CMD in the background under a LIMIT-second timeout,
# stdin from $BG_IN (default /dev/null), stdout to $D/out and stderr to
# $D/err; bg_wait collects it
bg()
{
	BG_LIMIT=$1
	shift
	BG_WHAT=$1
	BG_T0=$(date +%s%N)
	# there before the job opens them: wait_lines may look at once
	: >"$D/out"
	: >"$D/err"
	# (an explicit stdin: bash gives a background job /dev/null)
	timeout -k 5 "$BG_LIMIT" "$@" <"${BG_IN:-/dev/null}" >"$D/out" 2>"$D/err" 3>&- &
	BG_PID=$!
}

# bg_wait: wait for the bg run; sets status, stderr and ELAPSED_MS
bg_wait()
{
	status=0
	wait "$BG_PID" || status=$?
	BG_PID=
	ELAPSED_MS=$(ms_since "$BG_T0")
	stderr=$(<"$D/err")
	check_ended "$status" "$stderr" "$BG_LIMIT" "$BG_WHAT"
}

# wait_lines FILE N: until FILE has N lines (at most 30 s)
wait_lines()
{
	local end=$((SECONDS + 30))
	while (($(wc -l <"$1") < $2)); do
		((SECONDS < end)) || fail "$1 has $(wc -l <"$1") lines, not $2: $(cat "$D/err")"
		sleep 0.05
	done
}

create_topic()
{
	run -0 kafka-topics --bootstrap-server "$DIRECT" --create --topic "$TOPIC" \
		--partitions "${1:-1}"
}

# topic_values: every value in the topic, read by kcat over DIRECT
topic_values()
{
	kcat -b "$DIRECT" -C -t "$TOPIC" -e -q -f '%s\n'
}

# assert_once_each FILE N: FILE holds 1..N, each once (any order)
assert_once_each()
{
	local dup
	dup=$(sort -n "$1" | uniq -d | head -3 | tr '\n' ' ')
	[[ -z $dup ]] || fail "doubled records: $dup"
	diff <(sort -n "$1") <(seq 1 "$2") >/dev/null ||
		fail "lost records: $(comm -13 <(sort "$1") <(seq 1 "$2" | sort) | head -3 | tr '\n' ' ') ($(wc -l <"$1") of $2)"
}

# ---- kt-faultproxy itself -------------------------------------------------

# spare_proxy ARGS...: a second kt-faultproxy for the tests of the proxy;
# sets SP_PID, SP_PORT and SP_CTL
spare_proxy()
{
	kt-faultproxy --port-file "$D/sp.ports" "$@" >"$D/sp.log" 2>&1 </dev/null 3>&- &
	SP_PID=$!
	BG_PID=$SP_PID
	while kill -0 "$SP_PID" 2>/dev/null && [[ ! -s $D/sp.ports ]]; do
		sleep 0.05
	done
	read -r SP_PORT SP_CTL <"$D/sp.ports" || fail "no ports: $(cat "$D/sp.log")"
}

# can_connect PORT: a TCP connect to 127.0.0.1:PORT succeeds
can_connect()
{
	(exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

@test "kt-faultproxy: answers each command, refuses and reopens, ends at --max-seconds" {
	spare_proxy --upstream "$DIRECT" --max-seconds 3
	local t0 FP_CTL=$SP_CTL
	t0=$(date +%s%N)
	fp stats
	assert_equal "$FP_REPLY" "ok mode=pass delay=0 listening=1 accepted=0 open=0 blackholed=0 c2u=0 u2c=0 cuts=0 resets=0"
	can_connect "$SP_PORT"
	fp refuse
	can_connect "$SP_PORT" && fail "connect not refused"
	fp pass
	can_connect "$SP_PORT"
	fp delay 50
	fp stats
	[[ $FP_REPLY == "ok mode=pass delay=50 listening=1 accepted=2 "* ]] || fail "$FP_REPLY"
	run -1 fp nonsense
	assert_output "kt-faultproxy: 'nonsense' answered 'error: bad command 'nonsense''"
	run -1 fp cut 0
	run -1 fp upstream 192.0.2.1:9092
	assert_output "kt-faultproxy: 'upstream 192.0.2.1:9092' answered 'error: '192.0.2.1' is not a loopback address'"
	status=0
	wait "$SP_PID" || status=$?
	BG_PID=
	assert_equal "$status" 0
	assert_equal "$(cat "$D/sp.log")" "kt-faultproxy: --max-seconds 3 reached, exiting"
	(($(ms_since "$t0") < 5000)) || fail "ran $(ms_since "$t0") ms"
	can_connect "$SP_CTL" && fail "control port still open"
	return 0
}

@test "kt-faultproxy: exits when its parent does" {
	# shellcheck disable=SC2016
	bash -c 'kt-faultproxy --port-file "$1" --max-seconds 60 >/dev/null 2>&1 </dev/null 3>&- &
		while [ ! -s "$1" ]; do sleep 0.05; done
		kill -0 $! && echo running >"$2"' _ "$D/sp.ports" "$D/was"
	read -r SP_PORT SP_CTL <"$D/sp.ports"
	[[ $SP_CTL =~ ^[0-9]+$ && $(cat "$D/was") == running ]] || fail "no proxy started"
	local i
	for ((i = 0; i < 40; i++)); do
		can_connect "$SP_CTL" || return 0
		sleep 0.05
	done
	fail "still listening 2 s after its parent exited"
}

# ---- kafka-console-producer ----------------------------------------------
#
# N lines paced over about 3 s, so that requests are in flight when the
# fault comes (after 1 s); acks=all and idempotence, the defaults, written
# out because what they promise is what is checked.

paced_lines()
{
	seq 1 "$N" | awk '{ print } NR % 100 == 0 { fflush(); system("sleep 0.1") }'
}

# produce_through FAULT [CLEAR-AFTER-SECONDS [PRODUCER-PROPERTY...]]: the
# producer through the proxy; FAULT at 1 s, `pass` CLEAR-AFTER seconds
# later (none: never)
produce_through()
{
	local fault=$1 clear=${2:-} props=() p
	shift 2
	for p in acks=all enable.idempotence=true "$@"; do
		props+=(--command-property "$p")
	done
	create_topic 3
	# paced: a fifo fed at the pace of paced_lines
	mkfifo "$D/fifo"
	paced_lines >"$D/fifo" &
	BG_IN=$D/fifo bg 60 kafka-console-producer --bootstrap-server "$PROXY" \
		--topic "$TOPIC" "${props[@]}"
	sleep 1
	# shellcheck disable=SC2086 # FAULT may be several commands
	for p in $fault; do fp "${p//_/ }"; done
	if [[ -n $clear ]]; then
		sleep "$clear"
		fp pass
	fi
	bg_wait
}

# produce_recovers FAULT CLEAR-AFTER: the producer gets every line through
# exactly once, with nothing on stderr
produce_recovers()
{
	produce_through "$@"
	[[ $status == 0 ]] || fail "producer exited $status: $stderr"
	assert_equal "$stderr" ""
	topic_values >"$D/got"
	assert_once_each "$D/got" "$N"
	fp stats
	echo "# $1: $N lines in ${ELAPSED_MS} ms; proxy: ${FP_REPLY#ok }" >&3
}

@test "producer: delay 200 ms on every chunk: every line exactly once" {
	# about 3.9 s (the input takes 3 s)
	produce_recovers "delay_200" ""
}

@test "producer: stall of 2 s mid-run, then pass: every line exactly once" {
	# about 3.9 s: requests time out (request.timeout.ms 1500) and are
	# sent again on a new connection
	produce_recovers stall 2
}

@test "producer: a response cut mid-frame: retried, every line exactly once" {
	# the Produce request reached the broker and its answer did not come
	# back whole: the retry must not write the batch twice (idempotence)
	produce_recovers "cut_30" ""
	assert_equal "$(fp_stat cuts)" $((CUTS0 + 1))
}

@test "producer: every connection reset mid-run: every line exactly once" {
	produce_recovers reset ""
}

@test "producer: black hole for 2 s, then pass: every line exactly once" {
	# about 4.5 s
	produce_recovers blackhole 2
}

@test "producer: broker unreachable (reset, refuse) for 2 s, then back: every line exactly once" {
	produce_recovers "reset refuse" 2
}

# reported_lines KIND: the line numbers of the producer's "KIND" reports in
# $D/err, one a line, sorted as text (for comm)
reported_lines()
{
	sed -n "s/^kafka-console-producer: lines\{0,1\} \([0-9]*\)-\{0,1\}\([0-9]*\): $1 .*/\1 \2/p" "$D/err" |
		awk '{ for (i = $1; i <= ($2 == "" ? $1 : $2); i++) print i }' | sort
}

@test "producer: a black hole that never clears fails within delivery.timeout.ms, naming the lines" {
	# about 8 s: the last batch is made at 3 s and expires 5 s later
	produce_through blackhole "" delivery.timeout.ms=5000 request.timeout.ms=1000 \
		linger.ms=100
	assert_equal "$status" 1
	((ELAPSED_MS < 20000)) || fail "took ${ELAPSED_MS} ms"
	# nothing on stderr but the reports of failed ranges
	run grep -c -v -E "^kafka-console-producer: lines? [0-9]+(-[0-9]+)?: (not delivered|delivery not confirmed \(the record may have been written\)) to topic '$TOPIC' partition [0-9]+: Expiring [0-9]+ record\(s\) for $TOPIC-[0-9]+:[0-9]+ ms has passed since batch creation" "$D/err"
	assert_output 0
	# each line is accounted for: acknowledged (then in the topic once),
	# "not delivered" (then not in it) or "delivery not confirmed" (sent,
	# no answer: in it at most once)
	reported_lines 'not delivered' >"$D/lost"
	reported_lines 'delivery not confirmed' >"$D/unsure"
	[[ -s $D/lost || -s $D/unsure ]] || fail "no line reported: $(cat "$D/err")"
	topic_values | sort >"$D/got"
	assert_equal "$(uniq -d "$D/got" | head -3)" ""
	assert_equal "$(comm -12 "$D/got" "$D/lost" | head -3)" ""
	assert_equal "$(seq 1 "$N" | sort | comm -23 - "$D/lost" |
		comm -23 - "$D/unsure" | comm -23 - "$D/got" | head -3)" ""
	echo "# failed after ${ELAPSED_MS} ms: $(wc -l <"$D/got") delivered," \
		"$(wc -l <"$D/lost") not, $(wc -l <"$D/unsure") not confirmed" >&3
}

@test "producer: refused connects fail after max.block.ms with one line" {
	# about 3 s: bootstrap is retried until max.block.ms
	create_topic
	fp refuse
	bounded 20 kafka-console-producer --bootstrap-server "$PROXY" --topic "$TOPIC" \
		--command-property max.block.ms=3000 <<<"x"
	assert_equal "$status" 1
	assert_equal "$stderr" "kafka-console-producer: cannot reach any bootstrap server ($PROXY): connection to $PROXY (127.0.0.1) refused"
	((ELAPSED_MS < 8000)) || fail "took ${ELAPSED_MS} ms"
}

# sigterm_ends_wait FAULT: under FAULT, a producer still waiting for the
# cluster (max.block.ms, 60 s by default) ends on SIGTERM at once, 128 + 15
sigterm_ends_wait()
{
	local pid t0 i
	create_topic
	fp "$1"
	echo x >"$D/in"
	kafka-console-producer --bootstrap-server "$PROXY" --topic "$TOPIC" \
		<"$D/in" 2>"$D/err" 3>&- &
	pid=$!
	BG_PID=$pid
	sleep 1
	t0=$(date +%s%N)
	kill -TERM "$pid"
	for ((i = 0; i < 100; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	kill -0 "$pid" 2>/dev/null && fail "still running 5 s after SIGTERM"
	status=0
	wait "$pid" || status=$?
	BG_PID=
	ELAPSED_MS=$(ms_since "$t0")
	assert_equal "$status" 143
	assert_equal "$(cat "$D/err")" "kafka-console-producer: interrupted before the cluster was reached"
	echo "# ended ${ELAPSED_MS} ms after SIGTERM" >&3
}

@test "producer: SIGTERM while connects are refused ends the wait for the cluster at once" {
	# 50 to 160 ms (a retry backoff at most)
	sigterm_ends_wait refuse
}

@test "producer: SIGTERM while the broker is a black hole ends the wait within request.timeout.ms" {
	# about 0.5 s (what is left of the bootstrap's 1.5 s request)
	sigterm_ends_wait blackhole
}

# ---- kafka-console-consumer ----------------------------------------------
#
# 1..1000 are in the topic; the consumer (request.timeout.ms 1000, so a
# fetch that gets no answer is given up quickly) prints them; then the
# fault; 1001..2000 are produced over DIRECT meanwhile; CLEAR seconds later
# pass, and 2001..3000. The consumer must print 1..3000, each once, in
# order, and stop at --max-messages.

# consume_through FAULT CLEAR [CONSUMER-OPTIONS...]
consume_through()
{
	local fault=$1 clear=$2 p
	shift 2
	create_topic
	seq 1 1000 | kafka-console-producer --bootstrap-server "$DIRECT" --topic "$TOPIC"
	bg 60 kafka-console-consumer --bootstrap-server "$PROXY" --topic "$TOPIC" \
		--from-beginning --max-messages "$N" \
		--command-property request.timeout.ms=1000 "$@"
	wait_lines "$D/out" 1000
	# shellcheck disable=SC2086
	for p in $fault; do fp "${p//_/ }"; done
	seq 1001 2000 | kafka-console-producer --bootstrap-server "$DIRECT" --topic "$TOPIC"
	sleep "$clear"
	fp pass
	seq 2001 3000 | kafka-console-producer --bootstrap-server "$DIRECT" --topic "$TOPIC"
	bg_wait
	[[ $status == 0 ]] || fail "consumer exited $status: $stderr"
	diff <(seq 1 "$N") "$D/out" >/dev/null || {
		assert_once_each "$D/out" "$N"
		fail "consumer output not in order"
	}
	run -0 grep -v 'rebalance protocol (KIP-848)' "$D/err"
	assert_output "Processed a total of $N messages"
	fp stats
	echo "# $fault: $N records in ${ELAPSED_MS} ms; proxy: ${FP_REPLY#ok }" >&3
}

@test "consumer: delay 200 ms on every chunk: every record once, in order" {
	consume_through delay_200 1
}

@test "consumer: stall of 2 s, then pass: every record once, in order" {
	consume_through stall 2
}

@test "consumer: a fetch response cut mid-frame: every record once, in order" {
	# the cut falls in the Fetch response carrying 1001..2000
	consume_through cut_300 1
	assert_equal "$(fp_stat cuts)" $((CUTS0 + 1))
}

@test "consumer in a group: a response cut mid-frame: every record once, in order" {
	consume_through cut_300 1 --group "$(unique_topic g)"
	assert_equal "$(fp_stat cuts)" $((CUTS0 + 1))
}

@test "consumer: every connection reset: every record once, in order" {
	consume_through reset 1
}

@test "consumer in a group: black hole for 2 s, then pass: every record once, in order" {
	consume_through blackhole 2 --group "$(unique_topic g)"
}

@test "consumer: broker unreachable (reset, refuse) for 2 s, then back: every record once, in order" {
	consume_through "reset refuse" 2
}

@test "consumer: a black hole that never clears fails after request.timeout.ms" {
	# about 1.1 s: the bootstrap's ApiVersions gets no answer
	create_topic
	fp blackhole
	bounded 30 kafka-console-consumer --bootstrap-server "$PROXY" --topic "$TOPIC" \
		--from-beginning --timeout-ms 3000 --command-property request.timeout.ms=1000
	assert_equal "$status" 1
	assert_equal "$output" ""
	[[ $stderr == *"cannot reach any bootstrap server ($PROXY): ApiVersions v"*" request to $PROXY timed out after 1000 ms"* ]] ||
		fail "stderr: $stderr"
	assert_regex "$stderr" "Processed a total of 0 messages$"
	((ELAPSED_MS < 8000)) || fail "took ${ELAPSED_MS} ms"
}

@test "consumer: refused from the start fails at once, saying so" {
	create_topic
	fp refuse
	bounded 20 kafka-console-consumer --bootstrap-server "$PROXY" --topic "$TOPIC" \
		--from-beginning
	assert_equal "$status" 1
	assert_equal "$output" ""
	[[ $stderr == *"
cannot reach any bootstrap server ($PROXY): connection to $PROXY (127.0.0.1) refused
Processed a total of 0 messages" ]] || fail "stderr: $stderr"
	((ELAPSED_MS < 5000)) || fail "took ${ELAPSED_MS} ms"
}

# ---- kafka-topics ---------------------------------------------------------

@test "topics: delay 300 ms on every chunk: --describe still answers" {
	create_topic 2
	fp delay 300
	bounded 60 kafka-topics --bootstrap-server "$PROXY" --describe --topic "$TOPIC"
	assert_success
	assert_line --index 0 --regexp "^Topic: $TOPIC	TopicId: .*	PartitionCount: 2	"
	echo "# --describe took ${ELAPSED_MS} ms" >&3
}

@test "topics: a stall of 2 s inside request.timeout.ms: --list answers after it" {
	create_topic
	echo request.timeout.ms=8000 >"$D/cc"
	fp stall
	bg 60 kafka-topics --bootstrap-server "$PROXY" --list \
		--command-config "$D/cc"
	sleep 2
	fp pass
	bg_wait
	assert_equal "$status" 0
	grep -qx -- "$TOPIC" "$D/out" || fail "$TOPIC not listed: $(cat "$D/out")"
	((ELAPSED_MS >= 2000)) || fail "took only ${ELAPSED_MS} ms: no stall?"
}

# topics_times_out FAULT: --list under FAULT fails after request.timeout.ms
# (1000) with Apache's message; about 1.0 s
topics_times_out()
{
	fp "$1"
	printf 'request.timeout.ms=1000\ndefault.api.timeout.ms=3000\n' >"$D/cc"
	bounded 30 kafka-topics --bootstrap-server "$PROXY" --list --command-config "$D/cc"
	assert_equal "$status" 1
	assert_output "Error while executing topic command : Timed out waiting for a node assignment. Call: listTopics (cannot reach any bootstrap server ($PROXY): ApiVersions v4 request to $PROXY timed out after 1000 ms)"
	((ELAPSED_MS < 5000)) || fail "took ${ELAPSED_MS} ms"
}

@test "topics: a stall that never clears fails after request.timeout.ms with Apache's time-out message" {
	topics_times_out stall
}

@test "topics: a black hole fails after request.timeout.ms with Apache's time-out message" {
	topics_times_out blackhole
}

@test "topics: refused connects fail at once, naming the server" {
	fp refuse
	bounded 20 kafka-topics --bootstrap-server "$PROXY" --list
	assert_equal "$status" 1
	assert_output "Error while executing topic command : Cannot reach any bootstrap server ($PROXY): connection to $PROXY (127.0.0.1) refused. Call: listTopics"
	((ELAPSED_MS < 3000)) || fail "took ${ELAPSED_MS} ms"
}

# cut after N bytes, for N inside each of the first answers: each run
# either describes the topic whole or fails with one clean error
@test "topics: responses cut mid-frame: a whole answer or one clean error, never a partial one" {
	local n ok=0 failed=0
	create_topic 2
	echo request.timeout.ms=2000 >"$D/cc"
	for n in 10 100 400 800 1200 1600 2400 3200; do
		fp cut "$n"
		bounded 30 kafka-topics --bootstrap-server "$PROXY" --describe --topic "$TOPIC" \
			--command-config "$D/cc"
		if ((status == 0)); then
			assert_equal "${#lines[@]}" 3
			assert_line --index 0 --regexp "^Topic: $TOPIC	"
			ok=$((ok + 1))
		else
			assert_equal "$status" 1
			assert_equal "${#lines[@]}" 1
			assert_output --regexp "^Error while executing topic command : "
			failed=$((failed + 1))
		fi
		fp pass
		fp reset
	done
	echo "# cut at 8 points: $ok answered, $failed failed cleanly" >&3
}

# ---- kafka-consumer-groups ------------------------------------------------

# a group with commits on $TOPIC, made over DIRECT
cg_group()
{
	create_topic 2
	seq 1 100 | kafka-console-producer --bootstrap-server "$DIRECT" --topic "$TOPIC"
	GROUP=$TOPIC-g
	run -0 kafka-consumer-groups --bootstrap-server "$DIRECT" --reset-offsets \
		--group "$GROUP" --topic "$TOPIC" --to-offset 40 --execute
}

# cg_times_out FAULT ARGS...: under FAULT, the call fails after its
# time-outs (request.timeout.ms 1000, --timeout 3000) with Apache's
# failure line on stdout, exit 0 as Apache; within 8 s
cg_times_out()
{
	local fault=$1
	shift
	fp "$fault"
	echo request.timeout.ms=1000 >"$D/cc"
	bounded 30 kafka-consumer-groups --bootstrap-server "$PROXY" --command-config "$D/cc" \
		--timeout 3000 "$@"
	assert_equal "$status" 0
	assert_line --regexp "^Error: Executing consumer group command failed due to .*(TimeoutException|timed out)"
	((ELAPSED_MS < 8000)) || fail "took ${ELAPSED_MS} ms"
}

@test "consumer-groups: --list under a stall that never clears fails within its time-outs" {
	cg_times_out stall --list
}

@test "consumer-groups: --describe under a black hole fails within its time-outs" {
	cg_group
	cg_times_out blackhole --describe --group "$GROUP"
}

@test "consumer-groups: --describe through a 2 s stall answers what the direct listener answers" {
	cg_group
	run -0 --separate-stderr kafka-consumer-groups --bootstrap-server "$DIRECT" --describe --group "$GROUP"
	local want=$output
	fp stall
	( sleep 2; fp pass ) &
	bounded 30 kafka-consumer-groups --bootstrap-server "$PROXY" --describe --group "$GROUP"
	wait
	assert_equal "$status" 0
	assert_equal "$output" "$want"
	((ELAPSED_MS >= 1800)) || fail "took only ${ELAPSED_MS} ms: no stall?"
}

@test "consumer-groups: answers cut mid-frame: the whole description or one clean error" {
	local n ok=0 failed=0 want
	cg_group
	run -0 --separate-stderr kafka-consumer-groups --bootstrap-server "$DIRECT" --describe --group "$GROUP"
	want=$output
	echo request.timeout.ms=2000 >"$D/cc"
	for n in 10 100 300 600 900 1400 2000; do
		fp cut "$n"
		bounded 30 kafka-consumer-groups --bootstrap-server "$PROXY" --describe \
			--group "$GROUP" --command-config "$D/cc" --timeout 5000
		assert_equal "$status" 0
		if [[ $output == "$want" ]]; then
			ok=$((ok + 1))
		else
			assert_line --regexp "^Error: Executing consumer group command failed due to "
			assert_equal "${#lines[@]}" 1
			failed=$((failed + 1))
		fi
		fp pass
		fp reset
	done
	echo "# consumer-groups cut at 7 points: $ok answered, $failed failed cleanly" >&3
}

@test "consumer-groups: --reset-offsets --execute through a reset and a cut commits the plan once" {
	cg_group
	fp cut 600
	bounded 30 kafka-consumer-groups --bootstrap-server "$PROXY" --reset-offsets \
		--group "$GROUP" --topic "$TOPIC" --to-offset 7 --execute --timeout 5000
	fp pass
	# whichever way that went, the committed offsets are 7 (or the old
	# 40 when it failed before committing), never anything else
	run -0 --separate-stderr kafka-consumer-groups --bootstrap-server "$DIRECT" --describe --group "$GROUP"
	local got
	got=$(awk -v t="$TOPIC" '$2 == t { print $4 }' <<<"$output" | sort -u | tr '\n' ' ')
	[[ $got == "7 " || $got == "40 " || $got == "0 40 " || $got == "0 7 " || $got == "0 " ]] ||
		fail "committed offsets: $got"
	# and again without a fault: exactly the plan
	run -0 kafka-consumer-groups --bootstrap-server "$PROXY" --reset-offsets \
		--group "$GROUP" --topic "$TOPIC" --to-offset 7 --execute
	run -0 --separate-stderr kafka-consumer-groups --bootstrap-server "$DIRECT" --describe --group "$GROUP"
	got=$(awk -v t="$TOPIC" '$2 == t && $5 > 0 { print $4 }' <<<"$output" | sort -u)
	assert_equal "$got" 7
}
