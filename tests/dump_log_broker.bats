#!/usr/bin/env bats
# dump_log_broker.bats - kafka-dump-log against Apache's (4.3.1) on files
# that the real broker of this run wrote: every codec, several segments
# with their indexes, keys and headers, a topic the log cleaner compacted
# (tombstones with a delete horizon), committed and aborted transactions
# (control markers, .txnindex, producer snapshots), __consumer_offsets,
# __transaction_state and __cluster_metadata. stdout, exit status and
# stderr must be identical (for a failing run, the first stderr line).
#
# The broker's files are read from KAFKA_DATA_DIR (setup_suite.bash sets
# it for the broker it starts). The active segments may still grow, so
# both tools read copies made once the producing is done.

bats_require_minimum_version 1.5.0
load helpers

setup_file() {
	if [[ -z ${KAFKA_DATA_DIR:-} || ! -d ${KAFKA_DATA_DIR:-} ]]; then
		echo "# KAFKA_DATA_DIR must be the log dir of the broker at $KAFKA_BOOTSTRAP" \
			"(tests/setup_suite.bash sets it for the broker it starts;" \
			"export it with your own KAFKA_BOOTSTRAP)" >&3
		return 1
	fi
	export T=$BATS_FILE_TMPDIR P
	P=$(unique_topic)
	# set -e is off in a tested command, even in its subshells; the
	# background job is not one
	(
		set -e
		produce_all
	) >"$T/produce.log" 2>&1 &
	wait $! || {
		echo "# producing failed:" >&3
		sed 's/^/# /' "$T/produce.log" | tail -n 30 >&3
		return 1
	}
	copy_files
}

topic() { # NAME CONFIGS...
	local name=$1
	shift
	apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --create \
		--topic "$P-$name" --partitions 1 "$@" >/dev/null
}

perf() { # TOPIC RECORDS SIZE ARGS... [-- PRODUCER-PROPERTIES...]
	local t=$1 n=$2 s=$3 a=()
	shift 3
	while (($#)) && [[ $1 != -- ]]; do
		a+=("$1")
		shift
	done
	(($#)) && shift
	# one --command-property takes them all: a second one replaces it
	apache kafka-producer-perf-test --topic "$P-$t" --num-records "$n" \
		--record-size "$s" --throughput -1 "${a[@]}" --command-property \
		bootstrap.servers="$KAFKA_BOOTSTRAP" linger.ms=5 "$@" >/dev/null
}

console() { # TOPIC PROPERTIES...: lines on stdin
	local t=$1
	shift
	apache kafka-console-producer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$P-$t" "$@" >/dev/null
}

produce_all() {
	local c i pid size
	# one topic per codec, 16 KiB segments: several segments and index
	# entries each
	for c in none gzip snappy lz4 zstd; do
		topic "$c" --config internal.segment.bytes=16384
		perf "$c" 1500 100 -- compression.type="$c"
	done

	# keys, headers and a null value, recompressed by the broker to the
	# topic's zstd
	topic keyed --config compression.type=zstd
	for i in $(seq 1 200); do
		printf 'trace:%d,empty:,dup:1,dup:2\tkey-%d\tvalue %d \xc3\xa9\n' \
			"$i" $((i % 7)) "$i"
	done | console keyed --reader-property parse.key=true \
		--reader-property parse.headers=true
	printf 'k\tNULL\n' | console keyed --reader-property parse.key=true \
		--reader-property null.marker=NULL

	# compacted: repeated keys and tombstones in rolled segments, then
	# wait for the cleaner (it keeps the tombstones once, with a delete
	# horizon)
	topic compact --config cleanup.policy=compact \
		--config min.cleanable.dirty.ratio=0.01 --config segment.ms=200 \
		--config delete.retention.ms=60000 --config min.compaction.lag.ms=0
	for i in 1 2 3; do
		seq 1 300 | awk -v r="$i" '{ print "k" ($1 % 20) "\tround " r " " $1 }' |
			console compact --reader-property parse.key=true
		sleep 0.3
	done
	seq 0 4 | awk '{ print "k" $1 "\tNULL" }' | console compact \
		--reader-property parse.key=true --reader-property null.marker=NULL
	sleep 0.3
	# rolls the tombstones' segment: the cleaner may clean up to here
	printf 'kz\tlast\n' | console compact --reader-property parse.key=true
	wait_cleaner "$P-compact" 905

	# transactions: committed ones, then one left open by a killed
	# producer and aborted when the next producer with its transactional
	# id starts
	topic txn --config internal.segment.bytes=16384
	perf txn 2000 50 --transactional-id "$P-t1" --transaction-duration-ms 100
	# the script execs the JVM: $! is the producer itself
	"$KAFKIT_ROOT/tests/kafka/apache" kafka-producer-perf-test \
		--topic "$P-txn" --num-records 1000000 --record-size 50 \
		--throughput 300 --transactional-id "$P-t2" \
		--transaction-duration-ms 600000 --command-property \
		bootstrap.servers="$KAFKA_BOOTSTRAP" linger.ms=0 >/dev/null 2>&1 &
	pid=$!
	# kill it once its open transaction has records in the log
	size=$(log_bytes "$P-txn-0")
	for i in $(seq 1 600); do
		(($(log_bytes "$P-txn-0") > size)) && break
		kill -0 "$pid" || break
		sleep 0.1
	done
	(($(log_bytes "$P-txn-0") > size)) || {
		echo "the transactional producer wrote nothing" >&2
		return 1
	}
	sleep 1
	kill -9 "$pid"
	wait "$pid" || true
	perf txn 20 50 --transactional-id "$P-t2" --transaction-duration-ms 100

	# a consumer group: offset commits and group metadata
	apache kafka-console-consumer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$P-gzip" --group "$P-group" --from-beginning \
		--max-messages 500 --timeout-ms 60000 >/dev/null
}

# wait_cleaner TOPIC OFFSET: until the log cleaner has cleaned partition 0
# of TOPIC up to OFFSET (its checkpoint file: "topic partition offset").
wait_cleaner() {
	local end=$((SECONDS + 120)) off
	while ((SECONDS < end)); do
		off=$(awk -v t="$1" '$1 == t && $2 == 0 { print $3 }' \
			"$KAFKA_DATA_DIR/cleaner-offset-checkpoint" 2>/dev/null)
		[[ -n $off ]] && ((off >= $2)) && return 0
		sleep 1
	done
	echo "the log cleaner did not clean $1-0 up to $2 in 120s" >&2
	return 1
}

# log_bytes DIR: the bytes of the .log files of a partition directory
log_bytes() {
	cat "$KAFKA_DATA_DIR/$1"/*.log | wc -c
}

copy_files() {
	local d=$T/d
	mkdir -p "$d"
	cp -r --sparse=always "$KAFKA_DATA_DIR/$P"-* "$KAFKA_DATA_DIR"/__consumer_offsets-* \
		"$KAFKA_DATA_DIR"/__transaction_state-* "$KAFKA_DATA_DIR"/__cluster_metadata-0 \
		"$d/"
	cp "$KAFKA_DATA_DIR/bootstrap.checkpoint" "$d/" 2>/dev/null || true
}

# Run Apache's tool and ours on the same arguments in the copy, and
# compare stdout, exit status and stderr.
compare() {
	cd "$T/d"
	local ast=0 kst=0
	apache kafka-dump-log "$@" >"$T/a.out" 2>"$T/a.err" || ast=$?
	kafka-dump-log "$@" >"$T/k.out" 2>"$T/k.err" || kst=$?
	run diff "$T/a.out" "$T/k.out"
	[ "$status" -eq 0 ] || fail "stdout differs for $*: $(head -c 3000 <<<"$output")"
	[ "$ast" -eq "$kst" ] || fail "exit status $kst, Apache $ast for $*"
	if [ "$ast" -eq 0 ]; then
		run diff "$T/a.err" "$T/k.err"
	else
		run diff <(head -n 1 "$T/a.err") <(head -n 1 "$T/k.err")
	fi
	[ "$status" -eq 0 ] || fail "stderr differs for $*: $output"
}

# files PATTERN...: the copies matching find's -path patterns, sorted, as
# one --files list
files() {
	local a=() p
	for p in "$@"; do
		a+=(-o -path "$p")
	done
	(cd "$T/d" && find . -type f \( "${a[@]:1}" \) | sort | paste -sd,)
}

# the indexes whose log has bytes (Apache fails on an index of an empty
# log; that failure is compared once, alone)
indexes() {
	local f
	(cd "$T/d" && for f in $(find . -type f \( -name '*.index' -o -name '*.timeindex' \) | sort); do
		[[ -s ${f%.*}.log ]] && echo "$f"
	done | paste -sd,)
}

@test "every codec: several segments, batch lines, --deep-iteration, --print-data-log" {
	local f
	f=$(files "./$P-none-0/*.log" "./$P-gzip-0/*.log" "./$P-snappy-0/*.log" \
		"./$P-lz4-0/*.log" "./$P-zstd-0/*.log")
	[ "$(tr , '\n' <<<"$f" | wc -l)" -ge 15 ] || fail "expected several segments per topic: $f"
	compare --files "$f"
	for c in gzip snappy lz4 zstd; do
		grep -q "compresscodec: $c " "$T/k.out" || fail "no $c batch"
	done
	compare --files "$f" --deep-iteration
	compare --files "$f" --print-data-log
	compare --files "$f" --print-data-log --skip-record-metadata
	compare --files "$f" --max-bytes 40000
}

@test "keys, headers, a null value, broker recompression to zstd" {
	local f
	f=$(files "./$P-keyed-0/*.log")
	compare --files "$f" --print-data-log
	grep -q "headerKeys: \[trace,empty,dup,dup\] key: key-3 payload: value 3 é" "$T/k.out" ||
		fail "no header/key/value line"
	grep -q "compresscodec: zstd" "$T/k.out" || fail "not recompressed"
	grep -q "valueSize: -1 .* key: k$" "$T/k.out" || fail "no null value"
	compare --files "$f" --deep-iteration --skip-record-metadata
	compare --files "$f" --key-decoder-class org.apache.kafka.tools.api.StringDecoder \
		--value-decoder-class org.apache.kafka.tools.api.StringDecoder
}

@test "compacted topic after the log cleaner: gaps, tombstones, deleteHorizonMs" {
	local f
	f=$(files "./$P-compact-0/*.log")
	compare --files "$f" --print-data-log
	grep -q "deleteHorizonMs: OptionalLong\[" "$T/k.out" || fail "no batch with a delete horizon"
	grep -q "valueSize: -1" "$T/k.out" || fail "no tombstone kept"
	[ -s "$T/k.err" ] && grep -q "Non-consecutive offsets" "$T/k.err" ||
		fail "no offset gaps after compaction"
	compare --files "$f" --deep-iteration
	compare --files "$(files "./$P-compact-0/*.index" "./$P-compact-0/*.timeindex" "./$P-compact-0/*.log")"
}

@test "transactions: commit and abort markers, .txnindex, producer snapshots" {
	local f
	f=$(files "./$P-txn-0/*.log")
	compare --files "$f" --deep-iteration
	grep -q "endTxnMarker: COMMIT" "$T/k.out" || fail "no COMMIT marker"
	grep -q "endTxnMarker: ABORT" "$T/k.out" || fail "no ABORT marker"
	grep -q "isTransactional: true" "$T/k.out" || fail "no transactional batch"
	compare --files "$f" --print-data-log --skip-record-metadata
	f=$(files "./$P-txn-0/*.txnindex")
	[ -n "$f" ] || fail "no .txnindex"
	compare --files "$f"
	grep -q "^version: 0 producerId: " "$T/k.out" || fail "no aborted transaction in the index"
	compare --files "$(files "./$P-*/*.snapshot")"
	grep -q "producerId: .* producerEpoch: " "$T/k.out" || fail "no producer snapshot entry"
}

@test "every index and time index: entries, --verify-index-only, --index-sanity-check" {
	local f
	f=$(indexes)
	compare --files "$f"
	compare --files "$f" --verify-index-only
	compare --files "$f" --index-sanity-check
	compare --files "$f" --max-message-size 200
	f=$(cd "$T/d" && for i in $(find . -name '*.index' | sort); do
		[[ -s ${i%.*}.log ]] || { echo "$i"; break; }
	done)
	[ -z "$f" ] || compare --files "$f"
}

@test "__consumer_offsets: --offsets-decoder" {
	local f
	f=$(files './__consumer_offsets-*/*.log')
	compare --files "$f" --offsets-decoder
	grep -q "\"group\":\"$P-group\"" "$T/k.out" || fail "no record of our group"
	grep -q '"type":"1","data":{"group"' "$T/k.out" || fail "no offset commit"
	compare --files "$f" --offsets-decoder --skip-record-metadata
	compare --files "$f" --print-data-log
}

@test "__transaction_state: --transaction-log-decoder" {
	local f
	f=$(files './__transaction_state-*/*.log')
	compare --files "$f" --transaction-log-decoder
	grep -q "\"transactionalId\":\"$P-t2\"" "$T/k.out" || fail "no record of our transactional id"
	compare --files "$f" --transaction-log-decoder --skip-record-metadata
}

@test "__cluster_metadata log and snapshots: --cluster-metadata-decoder" {
	local f
	f=$(files './__cluster_metadata-0/*.log' './__cluster_metadata-0/*.checkpoint' './bootstrap.checkpoint')
	compare --files "$f" --cluster-metadata-decoder
	grep -q "\"name\":\"$P-txn\"" "$T/k.out" || fail "no TopicRecord of ours"
	compare --files "$f" --cluster-metadata-decoder --skip-record-metadata
	compare --files "$f" --deep-iteration
}

@test "kafkit --verify: every file the broker wrote is clean" {
	cd "$T/d"
	run kafka-dump-log --files "$(files '*.log' '*.index' '*.timeindex' '*.snapshot' '*.txnindex' '*.checkpoint')" --verify
	assert_success
	refute_output --partial "problems"
}
