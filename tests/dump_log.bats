#!/usr/bin/env bats
# dump_log.bats - kafka-dump-log against Apache's own kafka-dump-log (4.3.1)
# on the same files: stdout, exit status and stderr must be identical (for
# a failing run, the first stderr line: Apache adds a Java stack trace).
# Needs no broker; every Apache call is one JVM start, so files are grouped
# into one --files list per option set.
#
# Fixtures: tests/fixtures/segments/ (see its README.md). Corrupt inputs
# are made from them at run time in $BATS_FILE_TMPDIR.

load helpers

FIX="$BATS_TEST_DIRNAME/fixtures/segments"

setup_file() {
	export T="$BATS_FILE_TMPDIR"
	cd "$FIX" || return 1
	find . -type f \( -name '*.log' -o -name '*.checkpoint' \) | sort \
		>"$T/logs"
	find . -type f \( -name '*.index' -o -name '*.timeindex' \) | sort \
		>"$T/indexes"
	find . -type f \( -name '*.snapshot' -o -name '*.txnindex' \
		-o -name 'leader-epoch-checkpoint' -o -name 'quorum-state' \
		-o -name '*.metadata' -o -name '*.properties' \) | sort \
		>"$T/others"
	make_crafted "$T/c"
}

# Corrupt and unusual files, built with dd/printf from the fixtures.
make_crafted() {
	local c=$1 small="$FIX/seed-peter-overview01-0/00000000000000000000.log"
	local co="$FIX/ldipoc-kraft-3.7/__consumer_offsets-6"
	mkdir -p "$c"/{trunc,zerotail,badcrc,garbage,tiny,empty,codec5,huge,short,count5,magic3,idx,idxmis,idxodd,idxsane,snap,txn,nolog}
	head -c 300 "$small" >"$c/trunc/00000000000000000000.log"
	{ cat "$small"; head -c 100 /dev/zero; } >"$c/zerotail/00000000000000000000.log"
	cp "$small" "$c/badcrc/00000000000000000000.log"
	printf '\x00' | dd of="$c/badcrc/00000000000000000000.log" bs=1 seek=102 conv=notrunc 2>/dev/null
	head -c 1000 /dev/urandom >"$c/garbage/00000000000000000000.log"
	head -c 17 "$small" >"$c/tiny/00000000000000000000.log"
	: >"$c/empty/00000000000000000000.log"
	cp "$small" "$c/codec5/00000000000000000000.log"
	printf '\x05' | dd of="$c/codec5/00000000000000000000.log" bs=1 seek=22 conv=notrunc 2>/dev/null
	cp "$small" "$c/huge/00000000000000000000.log"
	printf '\x7f\xff\xff\xf0' | dd of="$c/huge/00000000000000000000.log" bs=1 seek=8 conv=notrunc 2>/dev/null
	cp "$small" "$c/short/00000000000000000000.log"
	printf '\x00\x00\x00\x14' | dd of="$c/short/00000000000000000000.log" bs=1 seek=8 conv=notrunc 2>/dev/null
	cp "$small" "$c/count5/00000000000000000000.log"
	printf '\x00\x00\x00\x05' | dd of="$c/count5/00000000000000000000.log" bs=1 seek=57 conv=notrunc 2>/dev/null
	cp "$small" "$c/magic3/00000000000000000000.log"
	printf '\x03' | dd of="$c/magic3/00000000000000000000.log" bs=1 seek=16 conv=notrunc 2>/dev/null
	# indexes next to a copy of a real log
	for d in idx idxmis idxodd idxsane; do
		cp "$co/00000000000000000000.log" "$co/00000000000000000000.index" \
			"$co/00000000000000000000.timeindex" "$c/$d/"
	done
	printf '\x00\x00\x00\x07\x00\x00\x00\x00' | dd of="$c/idxmis/00000000000000000000.index" bs=1 seek=8 conv=notrunc 2>/dev/null
	printf '\x00\x00\x00\x00\x00\x00\x00\x63' | dd of="$c/idxmis/00000000000000000000.timeindex" bs=1 seek=12 conv=notrunc 2>/dev/null
	head -c 40 /dev/zero >>"$c/idxodd/00000000000000000000.index"
	head -c 5 /dev/zero >>"$c/idxodd/00000000000000000000.timeindex"
	printf '\xff\xff\xff\xf0\x00\x00\x00\x00' >>"$c/idxsane/00000000000000000000.index"
	printf '\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x05' >>"$c/idxsane/00000000000000000000.timeindex"
	cp "$co/00000000000000000000.index" "$c/nolog/"
	# snapshots: bad version, bad crc, truncated, empty
	snap="$FIX/logfile-kraft/log-topic-0/00000000000000006036.snapshot"
	cp "$snap" "$c/snap/00000000000000000001.snapshot"
	printf '\x00\x02' | dd of="$c/snap/00000000000000000001.snapshot" bs=1 seek=0 conv=notrunc 2>/dev/null
	cp "$snap" "$c/snap/00000000000000000002.snapshot"
	printf '\x00' | dd of="$c/snap/00000000000000000002.snapshot" bs=1 seek=20 conv=notrunc 2>/dev/null
	head -c 30 "$snap" >"$c/snap/00000000000000000003.snapshot"
	: >"$c/snap/00000000000000000004.snapshot"
	# txn index: two entries, a partial tail, a bad version
	txn() { printf "\\x00\\x$1\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x05\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x0a\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x14\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x09"; }
	{ txn 00; txn 00; printf 'abc'; } >"$c/txn/00000000000000000000.txnindex"
	{ txn 00; printf '\x01'; txn 00 | tail -c 33; } >"$c/txn/00000000000000000001.txnindex"
	: >"$c/txn/00000000000000000002.txnindex"
}

# Run Apache's tool and ours on the same arguments, from $1 (a directory),
# and compare stdout, exit status and stderr.
compare_in() {
	local dir=$1
	shift
	cd "$dir"
	local ast=0 kst=0
	apache kafka-dump-log "$@" >"$T/a.out" 2>"$T/a.err" || ast=$?
	kafka-dump-log "$@" >"$T/k.out" 2>"$T/k.err" || kst=$?
	run diff "$T/a.out" "$T/k.out"
	[ "$status" -eq 0 ] || fail "stdout differs for $*: $output"
	[ "$ast" -eq "$kst" ] || fail "exit status $kst, Apache $ast for $*"
	if [ "$ast" -eq 0 ]; then
		run diff "$T/a.err" "$T/k.err"
	else
		run diff <(head -n 1 "$T/a.err") <(head -n 1 "$T/k.err")
	fi
	[ "$status" -eq 0 ] || fail "stderr differs for $*: $output"
}

compare() { compare_in "$FIX" "$@"; }

files_of() { paste -sd, "$T/$1"; }

@test "every .log and .checkpoint: batch lines and trailer" {
	compare --files "$(files_of logs)"
}

@test "every .log and .checkpoint: --deep-iteration" {
	compare --files "$(files_of logs)" --deep-iteration
}

@test "every .log and .checkpoint: --print-data-log" {
	compare --files "$(files_of logs)" --print-data-log
}

@test "every .log and .checkpoint: --print-data-log --skip-record-metadata" {
	compare --files "$(files_of logs)" --print-data-log --skip-record-metadata
}

@test "every .log and .checkpoint: --deep-iteration --skip-record-metadata" {
	compare --files "$(files_of logs)" --deep-iteration --skip-record-metadata
}

@test "--max-bytes cuts every log and drops the trailer" {
	compare --files "$(files_of logs)" --max-bytes 1000
}

@test "decoder classes: Integer keys, Long values, String, Default sizes" {
	compare --files ./cp512-spooldir/_confluent-controlcenter-5-1-2-1-monitoring-trigger-event-rekey-0/00000000000000000000.log \
		--key-decoder-class org.apache.kafka.tools.api.StringDecoder \
		--value-decoder-class org.apache.kafka.tools.api.StringDecoder
	compare --files ./seed-peter-overview01-0/00000000000000000000.log \
		--value-decoder-class org.apache.kafka.tools.api.IntegerDecoder
	compare --files ./seed-peter-overview01-0/00000000000000000000.log \
		--value-decoder-class
}

@test "an unknown decoder class stops after the Dumping line" {
	compare --files ./seed-peter-overview01-0/00000000000000000000.log \
		--key-decoder-class com.example.Nope
}

@test "every .index and .timeindex: entries and stderr summaries" {
	compare --files "$(files_of indexes)"
}

@test "indexes: --verify-index-only and --index-sanity-check" {
	compare --files "$(files_of indexes)" --verify-index-only
	compare --files "$(files_of indexes)" --index-sanity-check
	compare --files "$(files_of indexes)" --max-message-size 100
}

@test "snapshots, unknown files" {
	compare --files "$(files_of others)"
}

@test "all fixture files in one run (summaries of several files in HashMap order)" {
	compare --files "$(find . -type f ! -name '*.md' | sort | paste -sd,)" \
		--deep-iteration
}

@test "corrupt logs: truncated, zero tail, bad crc, garbage, tiny, empty, huge length" {
	compare_in "$T/c" --files ./trunc/00000000000000000000.log,./zerotail/00000000000000000000.log
	compare_in "$T/c" --files ./badcrc/00000000000000000000.log,./garbage/00000000000000000000.log,./tiny/00000000000000000000.log,./empty/00000000000000000000.log,./huge/00000000000000000000.log --deep-iteration
	compare_in "$T/c" --files ./trunc/00000000000000000000.log,./zerotail/00000000000000000000.log --deep-iteration
}

@test "corrupt logs: unknown codec, short batch, wrong count, magic 3" {
	compare_in "$T/c" --files ./codec5/00000000000000000000.log
	compare_in "$T/c" --files ./short/00000000000000000000.log
	compare_in "$T/c" --files ./short/00000000000000000000.log --deep-iteration
	compare_in "$T/c" --files ./count5/00000000000000000000.log --deep-iteration
	compare_in "$T/c" --files ./magic3/00000000000000000000.log --print-data-log
}

@test "corrupt indexes: mismatches, zero tails, failed sanity checks" {
	local f="./idxmis/00000000000000000000.index,./idxmis/00000000000000000000.timeindex,./idxodd/00000000000000000000.index,./idxodd/00000000000000000000.timeindex,./idxsane/00000000000000000000.index,./idxsane/00000000000000000000.timeindex"
	compare_in "$T/c" --files "$f"
	compare_in "$T/c" --files ./idxodd/00000000000000000000.index --index-sanity-check
	compare_in "$T/c" --files ./idxodd/00000000000000000000.timeindex --index-sanity-check
	compare_in "$T/c" --files ./idxsane/00000000000000000000.index --index-sanity-check
	compare_in "$T/c" --files ./idxsane/00000000000000000000.timeindex --index-sanity-check
	compare_in "$T/c" --files ./nolog/00000000000000000000.index
}

@test "corrupt snapshots and transaction indexes" {
	compare_in "$T/c" --files "$(cd "$T/c" && ls ./snap/* ./txn/00000000000000000000.txnindex ./txn/00000000000000000002.txnindex | paste -sd,)"
	compare_in "$T/c" --files ./txn/00000000000000000001.txnindex
}

@test "names: missing file, no number, bad snapshot name, no dot" {
	compare_in "$T/c" --files ./missing/00000000000000000000.log
	compare_in "$T/c" --files ./abc.log
	compare_in "$T/c" --files ./foo.checkpoint
	compare_in "$T/c" --files ./somefile,./trunc//00000000000000000000.log/
}

@test "option errors: unknown option, missing argument, bad integer, no --files" {
	compare --nope
	compare --files
	compare --max-bytes x --files ./seed-peter-overview01-0/00000000000000000000.log
	compare --deep-iteration
	compare
	compare --version
}

# ---- beyond Apache ----

@test "--verify: clean fixtures exit 0, a bad CRC or a truncated tail exits 1" {
	cd "$FIX"
	run kafka-dump-log --files ./logfile-kraft/__consumer_offsets-0 --verify
	assert_success
	assert_output --partial "00000000000000000000.log: ok"
	run kafka-dump-log --files "$T/c/badcrc/00000000000000000000.log" --verify
	assert_failure
	assert_output --partial "batch at byte 72: crc mismatch"
	run kafka-dump-log --files "$T/c/trunc/00000000000000000000.log" --verify
	assert_failure
	assert_output --partial "truncated or invalid data at byte 297: 3 bytes"
	run kafka-dump-log --files "$T/c/idxmis/00000000000000000000.index" --verify
	assert_failure
	assert_output --partial "Mismatches in :"
}

@test "--summary: counts, codecs, producers" {
	cd "$FIX"
	run kafka-dump-log --files ./mock-librdkafka-2.0.2/mock-idempotent-lz4-0/00000000000000000000.log --summary
	assert_success
	assert_line "  batches: 2 (control: 0, transactional: 0)  records: 90 (control: 0)"
	assert_line --partial "  codecs: lz4=2"
	assert_line --partial "  compressed: "
	run kafka-dump-log --files ./logfile-kraft/__cluster_metadata-0/00000000000000000000.log --summary
	assert_line "  batches: 8928 (control: 14, transactional: 0)  records: 10265 (control: 14)"
}

@test "--output json: one object per line, lossless bytes and headers" {
	cd "$FIX"
	run bash -c "kafka-dump-log --files ./mock-librdkafka-2.0.2/mock-zstd-0/00000000000000000000.log --output json | jq -c 'select(.type==\"record\") | .headers' | head -1"
	assert_output '[{"key":"trace-id","value":"abc123"},{"key":"empty","value":""},{"key":"dup","value":"1"},{"key":"dup","value":"2"}]'
	run bash -c "kafka-dump-log --files ./mock-librdkafka-2.0.2/mock-zstd-0/00000000000000000000.log --output json | jq -s 'map(select(.type==\"record\")) | length'"
	assert_output 80
	run bash -c "kafka-dump-log --files ./mock-librdkafka-2.0.2/mock-none-0/00000000000000000000.log --output json | jq -c 'select(.type==\"record\" and .value==null) | .key' | head -1"
	assert_output --regexp '^"tomb-[0-9]+"$'
	run bash -c "kafka-dump-log --files ./logfile-kraft/__consumer_offsets-0/00000000000000000000.log --output json | jq -c 'select(.type==\"record\" and (.value|type)==\"object\") | .value | keys' | sort -u"
	assert_output '["base64"]'
}

@test "--print-headers: values on the same line" {
	cd "$FIX"
	run kafka-dump-log --files ./mock-librdkafka-2.0.2/mock-none-0/00000000000000000000.log --deep-iteration --print-headers
	assert_line --index 3 --partial 'headerKeys: [trace-id,empty,dup,dup] headers: ["trace-id":"abc123","empty":"","dup":"1","dup":"2"]'
}
