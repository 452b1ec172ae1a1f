#!/usr/bin/env bats
# console_producer.bats - kafka-console-producer against a real Apache Kafka
# broker: Apache's options and messages (differential runs of Apache's own
# tool), every reader property, every codec read back by Apache's console
# consumer, partitions identical to Apache's producer for the same keys,
# kcat reading what we wrote, the delivery guarantee (per-line failure
# reports, exit status), and the kafkit extensions (--partition,
# --record-delimiter, JSON lines, --print-partition), and the ">" prompt
# on a terminal (tests/tools/pty.c).

bats_require_minimum_version 1.5.0
load helpers

setup() {
	TOPICS=()
}

teardown() {
	local t
	for t in "${TOPICS[@]}"; do
		apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
			--delete --topic "$t" >/dev/null 2>&1 || true
	done
}

# new_topic VAR PARTITIONS [--config k=v ...]: create a unique topic.
new_topic() {
	local var=$1 parts=$2 t
	shift 2
	t=$(unique_topic "$var")
	apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --create \
		--topic "$t" --partitions "$parts" "$@" >/dev/null
	TOPICS+=("$t")
	printf -v "$var" '%s' "$t"
}

produce() {
	kafka-console-producer --bootstrap-server "$KAFKA_BOOTSTRAP" "$@"
}

# kcat_all TOPIC FORMAT: every record of TOPIC, one format line each.
kcat_all() {
	kcat -b "$KAFKA_BOOTSTRAP" -C -t "$1" -e -q -f "$2"
}

# --- options and messages, compared with Apache's tool -------------------

@test "no arguments and --help print Apache's usage and exit 1" {
	run --separate-stderr kafka-console-producer
	assert_failure 1
	assert_equal "$output" ""
	[[ ${stderr%%$'\n'*} == "This tool helps to read data from standard input and publish it to Kafka." ]]
	run --separate-stderr kafka-console-producer --help
	assert_failure 1
	[[ $stderr == *"--reader-property <String: prop>"* ]]
	[[ $stderr == *"--partition <Integer: partition>"* ]]
	run kafka-console-producer --version
	assert_success
	assert_output "4.3.1"
}

@test "argument errors match Apache's tool line for line" {
	local args
	while IFS= read -r args; do
		# shellcheck disable=SC2086
		run --separate-stderr kafka-console-producer $args </dev/null
		ours_status=$status ours_first=${stderr%%$'\n'*}
		# shellcheck disable=SC2086
		run --separate-stderr apache kafka-console-producer $args </dev/null
		assert_equal "$ours_status" "$status"
		assert_equal "$ours_first" "${stderr%%$'\n'*}"
	done <<'EOF'
--topic x
--bootstrap-server 127.0.0.1:1
--topic x --bootstrap-server
--topic x --topic y --bootstrap-server 127.0.0.1:1
--topic x --bootstrap-server bad
--topic x --bootstrap-server a:1,,b:2
--topic x --bootstrap-server 127.0.0.1:1 --batch-size abc
--topic x --bootstrap-server 127.0.0.1:1 --property a=b --reader-property c=d
--topic x --bootstrap-server 127.0.0.1:1 --producer-property a=b --command-property c=d
--topic x --bootstrap-server 127.0.0.1:1 --producer.config a --command-config b
--topic x --bootstrap-server 127.0.0.1:1 --no-such-option
--topic x --bootstrap-server 127.0.0.1:1 --reader-property headers.delimiter=,
--topic x --bootstrap-server 127.0.0.1:1 --reader-property null.marker=:
EOF
}

@test "deprecated names print Apache's warnings on stdout" {
	run --separate-stderr kafka-console-producer --topic x \
		--bootstrap-server 127.0.0.1:1 --max-block-ms 200 \
		--producer-property acks=1 --producer.config /dev/null \
		--property parse.key=false --max-partition-memory-bytes 100 </dev/null
	assert_failure 1
	assert_equal "$output" "Warning: --producer-property is deprecated and will be removed in a future version. Use --command-property instead.
Warning: --producer.config is deprecated and will be removed in a future version. Use --command-config instead.
Warning: --property is deprecated and will be removed in a future version. Use --reader-property instead.
Warning: --max-partition-memory-bytes is deprecated and will be removed in Apache Kafka 5.0. Use --batch-size instead."
}

@test "other --line-reader classes are refused clearly; bad configs say why" {
	run --separate-stderr kafka-console-producer --topic x \
		--bootstrap-server 127.0.0.1:1 --line-reader com.example.MyReader </dev/null
	assert_failure 1
	[[ $stderr == *"--line-reader 'com.example.MyReader' is not supported"* ]]
	run --separate-stderr kafka-console-producer --topic x \
		--bootstrap-server 127.0.0.1:1 --command-property acks=7 </dev/null
	assert_failure 1
	[[ $stderr == *"acks"*"all, -1, 0, 1"* ]]
	run --separate-stderr kafka-console-producer --topic x \
		--bootstrap-server 127.0.0.1:1 --request-required-acks 1 \
		--command-property enable.idempotence=true </dev/null
	assert_failure 1
	assert_equal "$stderr" "org.apache.kafka.common.config.ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."
	run --separate-stderr kafka-console-producer --topic x \
		--bootstrap-server 127.0.0.1:1 --command-property transactional.id=t </dev/null
	assert_failure 1
	[[ $stderr == *"transactional.id is not supported"* ]]
}

@test "unknown producer properties warn, JVM-only ones are silent" {
	new_topic T 1
	run --separate-stderr produce --topic "$T" \
		--command-property no.such.config=1 \
		--command-property interceptor.classes=a.B \
		--command-property linger.ms=0 <<<"v"
	assert_success
	assert_equal "$stderr" "[kafkit] WARN the configuration 'no.such.config' was supplied but is not used by kafkit"
}

# --- what lands on the broker --------------------------------------------

@test "every codec: Apache's consumer reads keys, headers, values, partitions" {
	new_topic T 3
	local c expected=""
	for c in none gzip snappy lz4 zstd; do
		printf 'h1:%s,h2:x\tk-%s\tvalue-%s\nh:1\tk2-%s\tv2-%s\n' \
			"$c" "$c" "$c" "$c" "$c" |
			produce --topic "$T" --compression-codec "$c" \
				--reader-property parse.key=true \
				--reader-property parse.headers=true
		p1=$(kafka-console-producer --print-partition --partitions 3 "k-$c" | cut -f2)
		p2=$(kafka-console-producer --print-partition --partitions 3 "k2-$c" | cut -f2)
		expected+="Partition:$p1	h1:$c,h2:x	k-$c	value-$c"$'\n'
		expected+="Partition:$p2	h:1	k2-$c	v2-$c"$'\n'
	done
	run --separate-stderr apache kafka-console-consumer \
		--bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$T" \
		--from-beginning --max-messages 10 --timeout-ms 20000 \
		--formatter-property print.key=true \
		--formatter-property print.partition=true \
		--formatter-property print.headers=true
	assert_success
	assert_equal "$(sort <<<"$output")" "$(sort <<<"${expected%$'\n'}")"
}

@test "the same keys land on the same partitions as with Apache's producer" {
	new_topic OURS 7
	new_topic THEIRS 7
	seq 1 300 | sed 's/^/key-/; s/$/\tv/' >"$BATS_TEST_TMPDIR/in"
	printf 'é\tv\n\tempty\n' >>"$BATS_TEST_TMPDIR/in"
	produce --topic "$OURS" --reader-property parse.key=true <"$BATS_TEST_TMPDIR/in"
	apache kafka-console-producer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$THEIRS" --reader-property parse.key=true \
		<"$BATS_TEST_TMPDIR/in"
	ours=$(kcat_all "$OURS" '%k %p\n' | sort)
	theirs=$(kcat_all "$THEIRS" '%k %p\n' | sort)
	[ "$(wc -l <<<"$ours")" -eq 302 ]
	assert_equal "$ours" "$theirs"
}

@test "kcat reads keys, values and headers written by us" {
	new_topic T 1
	printf 'a:1,a:2,b:\tk\tv1\nc:3\tk2\tline two\n' |
		produce --topic "$T" --reader-property parse.key=true \
			--reader-property parse.headers=true --compression-codec lz4
	run kcat_all "$T" '%k|%s|%h\n'
	assert_output "k|v1|a=1,a=2,b=
k2|line two|c=3"
}

@test "idempotent by default, acks 1 and 0 deliver too" {
	new_topic T 2
	local acks
	for acks in -1 1 0; do
		seq 1 1000 | sed "s/^/$acks-/" |
			produce --topic "$T" --request-required-acks "$acks"
	done
	run kcat_all "$T" '%s\n'
	[ "$(wc -l <<<"$output")" -eq 3000 ]
	[ "$(sort -u <<<"$output" | wc -l)" -eq 3000 ]
}

@test "every tuning option and the config files are taken" {
	new_topic T 3
	printf 'acks=1\nlinger.ms=0\nclient.id=from-file\n' >"$BATS_TEST_TMPDIR/p.properties"
	seq 1 500 | produce --topic "$T" --batch-size 1000 \
		--max-partition-memory-bytes 2000 --message-send-max-retries 5 \
		--retry-backoff-ms 50 --timeout 10 --request-required-acks all \
		--request-timeout-ms 5000 --metadata-expiry-ms 60000 \
		--max-block-ms 10000 --max-memory-bytes 1000000 \
		--socket-buffer-size 65536 --compression-codec \
		--command-config "$BATS_TEST_TMPDIR/p.properties" \
		--command-property compression.gzip.level=9 >/dev/null
	run kcat_all "$T" '%s\n'
	assert_equal "$(sort -n <<<"$output")" "$(seq 1 500)"
	# a file that is not there is an error before anything is read
	run --separate-stderr produce --topic "$T" --command-config /nonexistent <<<x
	assert_failure 1
	[[ $stderr == *"/nonexistent"* ]]
	run --separate-stderr produce --topic "$T" --reader-config /nonexistent <<<x
	assert_failure 1
	[[ $stderr == *"/nonexistent"* ]]
}

@test "--sync sends one record at a time" {
	new_topic T 1
	run produce --topic "$T" --sync <<<$'one\ntwo\nthree'
	assert_success
	run kcat_all "$T" '%s\n'
	assert_output $'one\ntwo\nthree'
}

# --- LineMessageReader -----------------------------------------------------

@test "reader: key.separator, null.marker and headers.separator as a regex" {
	new_topic T 1
	printf 'a:1|b:2;c=k::v::w\nNULL;NULL::NULL\n' |
		produce --topic "$T" --reader-property parse.key=true \
			--reader-property key.separator=:: \
			--reader-property parse.headers=true \
			--reader-property 'headers.delimiter=;' \
			--reader-property 'headers.separator=[|]' \
			--reader-property headers.key.separator=: \
			--reader-property null.marker=NULL
	run kcat_all "$T" '%K:%k|%S:%s|%h\n'
	assert_output "3:c=k|4:v::w|a=1,b=2
-1:|-1:|"
}

@test "reader: a missing separator fails with Java's message, earlier lines are delivered" {
	new_topic T 1
	run --separate-stderr produce --topic "$T" --reader-property parse.key=true \
		<<<$'a\tb\nnokey\nc\td'
	assert_failure 1
	assert_equal "$stderr" "org.apache.kafka.common.KafkaException: No key separator found on line number 2: 'nokey'"
	run kcat_all "$T" '%k=%s\n'
	assert_output "a=b"
}

@test "reader: ignore.error keeps going without key or headers" {
	new_topic T 1
	run produce --topic "$T" --reader-property parse.key=true \
		--reader-property parse.headers=true \
		--reader-property ignore.error=true <<<$'x,y:1\tk\tv\nplain'
	assert_success
	run kcat_all "$T" '%K|%s|%h\n'
	assert_output "1|v|x=NULL,y=1
-1|plain|"
}

@test "reader: reader-config file, reader-property wins" {
	new_topic T 1
	printf 'parse.key=true\nkey.separator=\\t\n' >"$BATS_TEST_TMPDIR/r.properties"
	produce --topic "$T" --reader-config "$BATS_TEST_TMPDIR/r.properties" \
		--reader-property key.separator=, <<<'k,v'
	run kcat_all "$T" '%k=%s\n'
	assert_output "k=v"
}

@test "invalid UTF-8 goes through as bytes" {
	new_topic T 1
	printf '\xff\xfe\tA\xc3\n' | produce --topic "$T" --reader-property parse.key=true
	run bash -c "kcat -b '$KAFKA_BOOTSTRAP' -C -t '$T' -e -q -f '%k%s' | od -An -tx1"
	assert_output " ff fe 41 c3"
}

# --- delivery guarantee ----------------------------------------------------

@test "an oversized record fails alone, with its line; the rest is delivered" {
	new_topic T 1 --config max.message.bytes=2000
	{
		echo first
		head -c 5000 /dev/zero | tr '\0' x
		echo
		echo third
	} >"$BATS_TEST_TMPDIR/in"
	run --separate-stderr produce --topic "$T" <"$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_equal "$stderr" "kafka-console-producer: line 2: not delivered to topic '$T' partition 0: MESSAGE_TOO_LARGE: The request included a message larger than the max message size the server will accept."
	run kcat_all "$T" '%s\n'
	assert_output $'first\nthird'
}

@test "a record larger than max.request.size is reported client-side" {
	new_topic T 1
	{
		echo a
		head -c 3000 /dev/zero | tr '\0' y
		echo
		echo c
	} >"$BATS_TEST_TMPDIR/in"
	run --separate-stderr produce --topic "$T" \
		--command-property max.request.size=1000 <"$BATS_TEST_TMPDIR/in"
	assert_failure 1
	[[ $stderr == "kafka-console-producer: line 2: not delivered to topic '$T' partition (none): The message is"*"max.request.size"* ]]
	run kcat_all "$T" '%s\n'
	assert_output $'a\nc'
}

@test "a line over max.request.size: its real serialized size and the limit, as Apache" {
	# issue 14: a 2 MiB line was "at least 1052672 bytes", a 10 MiB line
	# "at least 1052665", neither the record's size nor the 1048576 limit
	new_topic T 1
	for mib in 2 10; do
		{
			echo a
			head -c $((mib << 20)) /dev/zero | tr '\0' y
			echo
			echo c
		} >"$BATS_TEST_TMPDIR/in"
		run --separate-stderr apache kafka-console-producer \
			--bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$T" \
			<"$BATS_TEST_TMPDIR/in"
		want=$(grep -o 'The message is [0-9]* bytes when serialized which is larger than [0-9]*, which is the value of the max.request.size configuration.' <<<"$stderr")
		[ -n "$want" ] || fail "Apache said: $stderr"
		run --separate-stderr produce --topic "$T" <"$BATS_TEST_TMPDIR/in"
		assert_failure 1
		assert_equal "$stderr" "kafka-console-producer: line 2: not delivered to topic '$T' partition (none): $want"
	done
	# the sizes Java's estimate gives: 61 + 21 + 1 + 4 + value + 1
	[[ $want == "The message is 10485848 bytes when serialized which is larger than 1048576,"* ]]
	run kcat_all "$T" '%s\n'
	assert_output $'a\nc\na\nc\na\nc\na\nc'
}

@test "an unknown topic gives one clear error within --max-block-ms" {
	t=$(unique_topic missing)
	SECONDS=0
	run --separate-stderr produce --topic "$t" --max-block-ms 2000 <<<$'a\nb\nc'
	assert_failure 1
	assert_equal "$stderr" "kafka-console-producer: Topic $t not present in metadata after 2000 ms."
	[ "$SECONDS" -le 6 ]
}

@test "SIGINT flushes what is buffered and exits 130" {
	new_topic T 1
	mkfifo "$BATS_TEST_TMPDIR/in"
	# not through the produce function: $! must be the tool itself
	kafka-console-producer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$T" --timeout 60000 <"$BATS_TEST_TMPDIR/in" &
	pid=$!
	exec 7>"$BATS_TEST_TMPDIR/in"
	seq 1 50 >&7
	sleep 2
	kill -INT "$pid"
	status=0
	wait "$pid" || status=$?
	exec 7>&-
	assert_equal "$status" 130
	run kcat_all "$T" '%s\n'
	assert_output "$(seq 1 50)"
}

@test "on a terminal: '>' once per line and before end of input, as Apache" {
	new_topic T 1
	# kt-pty: stdin and stdout on a pseudo-terminal, ^D at the end
	run --separate-stderr kt-pty kafka-console-producer \
		--bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$T" <<<$'a\nb\nc'
	assert_success
	assert_equal "$output" ">>>>"
	run --separate-stderr kt-pty "$KAFKIT_ROOT/tests/kafka/apache" \
		kafka-console-producer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$T" <<<$'d\ne\nf'
	assert_success
	assert_equal "$output" ">>>>"
	# no input at all: one prompt, for the read that meets the end
	run --separate-stderr kt-pty kafka-console-producer \
		--bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$T" </dev/null
	assert_success
	assert_equal "$output" ">"
	# not a terminal: no prompt
	run --separate-stderr produce --topic "$T" <<<$'g'
	assert_success
	assert_equal "$output" ""
	run kcat_all "$T" '%s\n'
	assert_output $'a\nb\nc\nd\ne\nf\ng'
}

@test "on a terminal: a line is delivered while the tool waits for the next" {
	new_topic T 1
	# linger.ms is 1000 for the console producer: "one" must go out while
	# the tool waits at the prompt, before "two" is typed
	{
		printf 'one\n'
		sleep 3
		kcat_all "$T" '%s\n' >"$BATS_TEST_TMPDIR/seen"
		printf 'two\n'
	} | kt-pty kafka-console-producer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$T" >"$BATS_TEST_TMPDIR/out"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/seen")" "one"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/out")" ">>>"
	run kcat_all "$T" '%s\n'
	assert_output $'one\ntwo'
}

# --- kafkit extensions -----------------------------------------------------

@test "--partition pins every record; a missing partition is an error" {
	new_topic T 4
	produce --topic "$T" --partition 2 --reader-property parse.key=true \
		<<<$'a\t1\nb\t2\nc\t3'
	run kcat_all "$T" '%p\n'
	assert_output $'2\n2\n2'
	run --separate-stderr produce --topic "$T" --partition 9 <<<x
	assert_failure 1
	assert_equal "$stderr" "kafka-console-producer: partition 9 of topic '$T' does not exist (the topic has 4 partitions)"
}

@test "--record-delimiter: NUL-separated values may hold newlines" {
	new_topic T 1
	printf 'one\nline\0two\r\n\0k\tthree' |
		produce --topic "$T" --record-delimiter '\0' \
			--reader-property parse.key=true --reader-property ignore.error=true
	run bash -c "kcat -b '$KAFKA_BOOTSTRAP' -C -t '$T' -e -q -f '%k[%s]' | od -An -tx1 | tr -d ' \n'"
	assert_output "$(printf '[one\nline][two\r\n]k[three]' | od -An -tx1 | tr -d ' \n')"
}

@test "--line-reader json: bytes, ordered headers, partition and timestamp" {
	new_topic T 3
	cat >"$BATS_TEST_TMPDIR/in" <<'EOF'
{"key":"k1","value":"/w==","value_encoding":"base64","headers":[{"key":"h","value":"1"},{"key":"h","value":null}],"partition":2,"timestamp":1700000000000}
{"key":null,"value":"","partition":1,"topic":"ignored","offset":9,"timestamp_type":"CreateTime"}
{"value":"6869","value_encoding":"hex","key":"\u0000\n","partition":0}
EOF
	produce --topic "$T" --line-reader json <"$BATS_TEST_TMPDIR/in"
	# one read of partition 2 for every field: the value is the byte 0xff
	kcat -b "$KAFKA_BOOTSTRAP" -C -t "$T" -p 2 -e -q -f '%k %T %h %S [%s]\n' \
		>"$BATS_TEST_TMPDIR/p2"
	assert_equal "$(od -An -tx1 <"$BATS_TEST_TMPDIR/p2" | tr -d ' \n')" \
		"$(printf 'k1 1700000000000 h=1,h=NULL 1 [\xff]\n' | od -An -tx1 | tr -d ' \n')"
	run kcat -b "$KAFKA_BOOTSTRAP" -C -t "$T" -p 1 -e -q -f '%K %S\n'
	assert_output "-1 0"
	run bash -c "kcat -b '$KAFKA_BOOTSTRAP' -C -t '$T' -p 0 -e -q -f '%k|%s' | od -An -tx1 | tr -d ' \n'"
	assert_output "000a7c6869"
	run --separate-stderr produce --topic "$T" --line-reader json <<<'{"key":"a","bogus":1}'
	assert_failure 1
	[[ $stderr == "kafka-console-producer: line 1: "* ]]
}

@test "--line-reader json reads back kafka-console-consumer --output json" {
	new_topic SRC 3
	new_topic DST 3
	printf 'h:1,h:2\tk1\tv1\nx:\tk2\t\xff\n' |
		produce --topic "$SRC" --reader-property parse.key=true \
			--reader-property parse.headers=true
	kafka-console-consumer --bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$SRC" \
		--from-beginning --max-messages 2 --output json >"$BATS_TEST_TMPDIR/dump"
	produce --topic "$DST" --line-reader json <"$BATS_TEST_TMPDIR/dump"
	a=$(kcat_all "$SRC" '%p %T %k %h %s\n' | sort | od -c)
	b=$(kcat_all "$DST" '%p %T %k %h %s\n' | sort | od -c)
	assert_equal "$a" "$b"
}

@test "--print-partition gives the Java partitions and sends nothing" {
	run kafka-console-producer --print-partition --partitions 12 21 foobar abc \
		a-little-bit-longer-string
	assert_success
	assert_output $'21\t0\nfoobar\t6\nabc\t3\na-little-bit-longer-string\t11'
	run kafka-console-producer --print-partition --partitions 100 <<<$'foobar\nabc'
	assert_output $'foobar\t66\nabc\t7'
	new_topic T 6
	run kafka-console-producer --print-partition --bootstrap-server \
		"$KAFKA_BOOTSTRAP" --topic "$T" test
	assert_output $'test\t5'
	run kcat_all "$T" '%s\n'
	assert_output ""
}
