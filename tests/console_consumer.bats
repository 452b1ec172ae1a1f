#!/usr/bin/env bats
#
# console_consumer.bats - kafka-console-consumer against the real broker,
# compared byte for byte with Apache's kafka-console-consumer on the same
# topics: options and validation, every DefaultMessageFormatter property,
# deserializers, codecs, transactions, groups (two of ours, ours with a
# Java consumer, commits checked with Apache's kafka-consumer-groups), and
# kafkit's extensions (offset forms, several partitions, exit at the end,
# JSON output).

load helpers
bats_require_minimum_version 1.5.0

# Apache's tool needs a few seconds per run; ours gets a short idle timeout.
APACHE_WAIT=4000
OURS_WAIT=1500

B() { echo "$KAFKA_BOOTSTRAP"; }

# the Kafka jars (for the Java transactional producer)
kafka_libs()
{
	if [[ -n ${KAFKA_LIBS:-} ]]; then
		echo "$KAFKA_LIBS"
	else
		"$KAFKIT_ROOT/tests/kafka/broker" fetch 2>/dev/null | tail -1
	fi
}

# Remove what differs between runs from stderr: log timestamps.
scrub()
{
	sed -E 's/^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+\] /[DATE] /'
}

# make_topic NAME PARTITIONS
make_topic()
{
	local try out
	for try in 1 2 3; do
		out=$(apache kafka-topics --bootstrap-server "$(B)" --create \
			--topic "$1" --partitions "$2" 2>&1) && return 0
		[[ $out == *"already exists"* ]] && return 0
		sleep 1
	done
	echo "cannot create topic $1: $out" >&2
	return 1
}

# The shared topic of the formatter tests: one partition with keys, null
# keys, null values, headers (duplicates, null value), no headers, bytes
# that are not UTF-8, a tab and a newline inside values.
setup_file()
{
	export FT=kt-cc-fmt-$$-$RANDOM
	make_topic "$FT" 1
	{
		printf 'k1\tplain value\n'
		printf 'k2\tv\twith\ttabs\n'
		printf '\tempty key\n'
		printf 'k\xff\xfe\tbin\x80\x81 value\n'
	} | kcat -b "$(B)" -t "$FT" -P -p 0 -K '\t' -H h1=x -H h2=y -H h1=dup
	printf 'nokey-noheaders\n' | kcat -b "$(B)" -t "$FT" -P -p 0
	printf 'knull:\n' | kcat -b "$(B)" -t "$FT" -P -p 0 -K : -Z
	printf 'k\xc3\xa9:caf\xc3\xa9 \xe2\x82\xac\n' |
		kcat -b "$(B)" -t "$FT" -P -p 0 -K : -H 'h\xc3\xa9=v'
	printf 'four\x00\x00\x00\x2a\n' | kcat -b "$(B)" -t "$FT" -P -p 0
	printf 'multi\nline:x\n' | kcat -b "$(B)" -t "$FT" -P -p 0 -K : -D '|'
}

# compare ARGS...: Apache's and our tool on partition 0 of FT from the
# start, until idle: stdout byte for byte, stderr (dates scrubbed), status.
compare()
{
	local d=$BATS_TEST_TMPDIR
	apache kafka-console-consumer --bootstrap-server "$(B)" --topic "$FT" \
		--partition "${CP:-0}" --offset earliest --timeout-ms $APACHE_WAIT "$@" \
		>"$d/a.out" 2>"$d/a.err" && echo 0 >"$d/a.rc" || echo $? >"$d/a.rc"
	kafka-console-consumer --bootstrap-server "$(B)" --topic "$FT" \
		--partition "${CP:-0}" --offset earliest --timeout-ms $OURS_WAIT "$@" \
		>"$d/o.out" 2>"$d/o.err" && echo 0 >"$d/o.rc" || echo $? >"$d/o.rc"
	cmp "$d/a.out" "$d/o.out" || {
		diff <(od -c "$d/a.out") <(od -c "$d/o.out") | head -20
		fail "stdout differs for: $*"
	}
	diff <(grep -av '^	at \|^	\.\.\. ' "$d/a.err" | scrub) \
		<(scrub <"$d/o.err") || fail "stderr differs for: $*"
	diff "$d/a.rc" "$d/o.rc" || fail "status differs for: $*"
}

# first_line_compare ARGS...: a failing command line: the first stderr
# line, stdout and the status agree (our usage table has extra rows).
first_line_compare()
{
	local d=$BATS_TEST_TMPDIR
	apache kafka-console-consumer "$@" >"$d/a.out" 2>"$d/a.err" &&
		echo 0 >"$d/a.rc" || echo $? >"$d/a.rc"
	kafka-console-consumer "$@" >"$d/o.out" 2>"$d/o.err" &&
		echo 0 >"$d/o.rc" || echo $? >"$d/o.rc"
	diff <(head -1 "$d/a.err") <(head -1 "$d/o.err") ||
		fail "first stderr line differs for: $*"
	diff "$d/a.out" "$d/o.out" || fail "stdout differs for: $*"
	diff "$d/a.rc" "$d/o.rc" || fail "status differs for: $*"
}

@test "--help is Apache's help text, plus kafkit's rows" {
	local d=$BATS_TEST_TMPDIR
	apache kafka-console-consumer --help 2>"$d/help" && fail "--help exited 0"
	diff "$d/help" "$KAFKIT_ROOT/tests/golden/help/kafka-console-consumer.txt"
	diff <(KAFKIT_GENERATE=apache-help kafka-console-consumer) \
		"$KAFKIT_ROOT/tests/golden/help/kafka-console-consumer.txt"
	run --separate-stderr kafka-console-consumer --help
	[ "$status" -eq 1 ]
	[[ $stderr == *"--exit-at-end"* && $stderr == *"--output <String: text|json>"* ]]
	run --separate-stderr kafka-console-consumer
	[ "$status" -eq 1 ]
	assert_equal "${stderr%%$'\n'*}" "This tool helps to read data from Kafka topics and outputs it to standard output."
	run kafka-console-consumer --version
	assert_success
	assert_output "$KAFKA_VERSION"
}

@test "validation order and messages match Apache's" {
	local b=$(B) t=$FT
	first_line_compare --bootstrap-server "$b"
	first_line_compare --bootstrap-server "$b" --topic "$t" --include 'x.*'
	first_line_compare --bootstrap-server "$b" --include 'x.*' --partition 0
	first_line_compare --bootstrap-server "$b" --topic "$t" --partition 0 --from-beginning --offset 3
	first_line_compare --bootstrap-server "$b" --topic "$t" --offset 3
	first_line_compare --topic "$t"
	first_line_compare --bootstrap-server "$b" --topic "$t" --no-such-option
	first_line_compare --bootstrap-server "$b" --topic "$t" --max-messages
	first_line_compare --bootstrap-server "$b" --topic "$t" --partition x
	first_line_compare --bootstrap-server "$b" --topic "$t" --timeout-ms x
	first_line_compare --bootstrap-server "$b" --topic "$t" --command-property a=b --consumer-property c=d
	first_line_compare --bootstrap-server "$b" --topic "$t" --command-config /x --consumer.config /y
	first_line_compare --bootstrap-server "$b" --topic "$t" --command-config /nonexistent/file
	first_line_compare --bootstrap-server "$b" --topic "$t" --group a --command-property group.id=b
	first_line_compare --bootstrap-server "$b" --topic "$t" --partition 0 --group a
	first_line_compare --bootstrap-server "$b" --topic "$t" --partition 0 --command-property group.id=a
	first_line_compare --bootstrap-server "$b" --topic "$t" --from-beginning --command-property auto.offset.reset=latest
	first_line_compare --bootstrap-server "$b" --topic "$t" --partition 0 --offset abc
	first_line_compare --bootstrap-server "$b" --topic "$t" --formatter no.such.Formatter
	first_line_compare --bootstrap-server "$b" --topic "$t" --formatter-config /nonexistent/file
	first_line_compare --bootstrap-server "$b" --topic "$t" --property a=b --formatter-property c=d
	first_line_compare --bootstrap-server "$b" --topic "$t" --topic "$t"
}

@test "deprecated option names warn on stdout and still work" {
	local d=$BATS_TEST_TMPDIR
	echo "print.key=true" >"$d/f.properties"
	echo "client.id=kt-old-names" >"$d/c.properties"
	compare --property print.offset=true --consumer-property client.id=x \
		--consumer.config "$d/c.properties" --formatter-config "$d/f.properties"
	grep -q '^Option --property is deprecated' "$d/o.out"
	grep -q '^Option --consumer-property is deprecated' "$d/o.out"
	grep -q '^Option --consumer.config is deprecated' "$d/o.out"
}

@test "every DefaultMessageFormatter property, byte for byte" {
	local p
	compare
	for p in print.timestamp print.partition print.offset print.delivery \
		print.epoch print.headers print.key; do
		compare --formatter-property "$p=true"
		compare --formatter-property "$p=true" --formatter-property print.value=false
	done
	compare --formatter-property print.value=false
	compare --formatter-property print.value=false --formatter-property print.key=true
	compare --formatter-property print.timestamp=true --formatter-property print.partition=true \
		--formatter-property print.offset=true --formatter-property print.delivery=true \
		--formatter-property print.epoch=true --formatter-property print.headers=true \
		--formatter-property print.key=true
	compare --formatter-property print.key=' TRUE ' --formatter-property print.value=yes
	compare --formatter-property print.key=true --formatter-property print.headers=true \
		--formatter-property key.separator=' | ' --formatter-property line.separator='<EOL>' \
		--formatter-property headers.separator=';' --formatter-property null.literal='(nil)'
	compare --formatter-property print.key=true --formatter-property key.separator= \
		--formatter-property line.separator=
}

@test "formatter properties from a file, with Java escapes; the command line wins" {
	local d=$BATS_TEST_TMPDIR
	printf 'print.key=true\nkey.separator=\\t=>\\u00e9\\t\nline.separator=\\r\\n\nprint.offset:true\nnull.literal  NIL\n' >"$d/f.properties"
	compare --formatter-config "$d/f.properties"
	compare --formatter-config "$d/f.properties" --formatter-property print.offset=false
}

@test "built-in deserializers print what Java's toString prints" {
	local s=org.apache.kafka.common.serialization d
	for d in StringDeserializer BytesDeserializer ByteBufferDeserializer; do
		compare --formatter-property print.key=true --key-deserializer "$s.$d" \
			--value-deserializer "$s.$d" --formatter-property print.headers=true \
			--formatter-property headers.deserializer="$s.$d"
	done
	compare --formatter-property print.key=true --key-deserializer "$s.StringDeserializer" \
		--formatter-property key.deserializer.deserializer.encoding=ISO-8859-1
	# 'four\0\0\0*' is the only 8-byte value: Long and Double read it,
	# every other record fails (skipped with the error line)
	for d in LongDeserializer DoubleDeserializer IntegerDeserializer \
		ShortDeserializer FloatDeserializer VoidDeserializer \
		BooleanDeserializer; do
		compare --value-deserializer "$s.$d" --skip-message-on-error
	done
	# Java puts the NUL bytes of 'four\0\0\0*' into the UUID error text,
	# which kafkit's C-string error messages cannot carry: stop before it
	compare --value-deserializer "$s.UUIDDeserializer" --skip-message-on-error \
		--max-messages 7
}

@test "a deserializer error without --skip-message-on-error ends with status 1" {
	compare --value-deserializer org.apache.kafka.common.serialization.IntegerDeserializer
	[ "$(cat "$BATS_TEST_TMPDIR/o.rc")" = 1 ]
}

@test "an unknown deserializer class is refused clearly" {
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$FT" \
		--partition 0 --key-deserializer com.example.MyDeserializer
	[ "$status" -eq 1 ]
	[[ $stderr == *"deserializer class 'com.example.MyDeserializer' is not available"* ]]
}

@test "--max-messages, --timeout-ms and the final count line" {
	compare --max-messages 3
	compare --max-messages 0
	compare --max-messages 1 --formatter-property print.offset=true
	[ "$(tail -1 "$BATS_TEST_TMPDIR/o.err")" = "Processed a total of 1 messages" ]
}

@test "NoOp and Logging formatters, and the older class names" {
	compare --formatter org.apache.kafka.tools.consumer.NoOpMessageFormatter
	compare --formatter org.apache.kafka.tools.consumer.LoggingMessageFormatter \
		--formatter-property print.key=true
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$FT" \
		--partition 0 --offset earliest --timeout-ms 500 --formatter kafka.tools.DefaultMessageFormatter
	[ "$status" -eq 0 ]
	[[ $stderr == "WARNING: kafka.tools.DefaultMessageFormatter is deprecated and will be removed in the next major release. Please use org.apache.kafka.tools.consumer.DefaultMessageFormatter instead"* ]]
	[ "${#lines[@]}" -ge 9 ]
}

@test "--enable-systest-events prints shutdown_complete last" {
	compare --max-messages 2 --enable-systest-events
	[ "$(tail -1 "$BATS_TEST_TMPDIR/o.out")" = shutdown_complete ]
}

@test "every codec, from a subscription with --from-beginning" {
	local t=kt-cc-codecs-$$-$RANDOM c d=$BATS_TEST_TMPDIR
	make_topic "$t" 3
	for c in none gzip snappy lz4 zstd; do
		seq 1 200 | sed "s/^/$c-/" | kcat -b "$(B)" -t "$t" -P -z $c
	done
	apache kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" \
		--from-beginning --timeout-ms $APACHE_WAIT 2>/dev/null | sort >"$d/a"
	kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" \
		--from-beginning --timeout-ms $OURS_WAIT 2>/dev/null | sort >"$d/o"
	[ "$(wc -l <"$d/o")" -eq 1000 ]
	cmp "$d/a" "$d/o"
}

@test "read_committed hides aborted transactions and control records" {
	local t=kt-cc-txn-$$-$RANDOM libs iso
	make_topic "$t" 1
	libs=$(kafka_libs)
	java -cp "$libs/*" "$KAFKIT_ROOT/tests/java/TxnProducer.java" "$(B)" "$t" 0 \
		plain:p1 commit:c1,c2 abort:a1,a2,a3 plain:p2 commit:c3 abort:a4 commit:c4 \
		>/dev/null 2>&1
	for iso in read_committed read_uncommitted; do
		FT=$t compare --isolation-level $iso --formatter-property print.offset=true
	done
	FT=$t compare --command-property isolation.level=read_committed
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition 0 \
		--offset earliest --isolation-level read_committed --exit-at-end
	assert_success
	assert_output "$(printf 'p1\nc1\nc2\np2\nc3\nc4')"
}

@test "a consumer group commits what it printed (checked with kafka-consumer-groups)" {
	local t=kt-cc-commit-$$-$RANDOM g=kt-g-$$-$RANDOM
	make_topic "$t" 2
	seq 1 10 | kcat -b "$(B)" -t "$t" -P -p 0
	seq 11 15 | kcat -b "$(B)" -t "$t" -P -p 1
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g" \
		--from-beginning --max-messages 4 --formatter-property print.partition=true
	assert_success
	# the committed offsets are exactly what was printed
	run apache kafka-consumer-groups --bootstrap-server "$(B)" --describe --group "$g"
	local p0 p1
	p0=$(awk -v t="$t" '$2==t && $3==0 {print $4}' <<<"$output")
	p1=$(awk -v t="$t" '$2==t && $3==1 {print $4}' <<<"$output")
	[ $((${p0/-/0} + ${p1/-/0})) -eq 4 ] || fail "committed $p0 + $p1, printed 4"
	# the next member resumes there: nothing twice, nothing lost
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g" \
		--exit-at-end
	assert_success
	[ "${#lines[@]}" -eq 11 ]
}

@test "an unknown topic: waited for as Apache does, one notice, Apache's end at --timeout-ms" {
	# issue 14: ours failed at once; Apache waits (a WARN line per
	# metadata answer) and ends with its TimeoutException lines, exit 0
	local t=kt-no-such-topic-$$-$RANDOM
	run --separate-stderr apache kafka-console-consumer --bootstrap-server "$(B)" \
		--topic "$t" --timeout-ms 3000
	local a_status=$status a_tail
	a_tail=$(tail -2 <<<"$stderr")
	SECONDS=0
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" \
		--topic "$t" --timeout-ms 3000
	[ "$status" -eq "$a_status" ] || fail "exit $status, Apache $a_status"
	[ $SECONDS -ge 2 ] || fail "gave up after $SECONDS s, before --timeout-ms"
	assert_equal "$(tail -2 <<<"$stderr")" "$a_tail"
	[ "$(grep -c "WARN Topic '$t' does not exist yet (UNKNOWN_TOPIC_OR_PARTITION): waiting for it to be created" <<<"$stderr")" -eq 1 ]
	[ "$(grep -c . <<<"$stderr")" -le 5 ]
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" \
		--topic "$FT" --partition 7
	[ "$status" -eq 1 ]
	[[ $stderr == *"partition 7 of topic '$FT' does not exist (the topic has 1 partitions)"* ]]
}

@test "a topic created after the consumer started: read, in a group and by partition, as Apache" {
	# issue 14: start on T, create T seconds later, produce one record
	local t=kt-cc-late-$$-$RANDOM d=$BATS_TEST_TMPDIR i
	apache kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" \
		--from-beginning --max-messages 1 --timeout-ms 30000 >"$d/a" 2>"$d/a.err" &
	kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" \
		--from-beginning --max-messages 1 --timeout-ms 30000 >"$d/o" 2>"$d/o.err" &
	kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition 0 \
		--offset earliest --max-messages 1 --timeout-ms 30000 >"$d/p" 2>"$d/p.err" &
	sleep 4
	make_topic "$t" 1
	echo late | kcat -b "$(B)" -t "$t" -P
	wait
	assert_equal "$(cat "$d/a")" late
	assert_equal "$(cat "$d/o")" late
	assert_equal "$(cat "$d/p")" late
	grep -q "WARN Topic '$t' does not exist yet" "$d/o.err"
}

@test "| head -1 in a group, then one more record: ours exits as Apache does, no hang" {
	# issue 14: the write after head had gone failed with EPIPE, but an
	# idle group member kept polling until killed
	local t=kt-cc-pipe1-$$-$RANDOM g=kt-gp1-$$-$RANDOM d=$BATS_TEST_TMPDIR pid i
	make_topic "$t" 1
	echo first | kcat -b "$(B)" -t "$t" -P
	( kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g" \
		--from-beginning 2>"$d/err"; echo "rc=$?" >"$d/rc" ) | head -1 >"$d/out" &
	pid=$!
	for i in $(seq 1 100); do
		[ -s "$d/out" ] && break
		sleep 0.1
	done
	assert_equal "$(cat "$d/out")" first
	echo second | kcat -b "$(B)" -t "$t" -P
	for i in $(seq 1 100); do
		[ -s "$d/rc" ] && break
		sleep 0.1
	done
	if [ ! -s "$d/rc" ]; then
		pkill -KILL -f -- "--group $g" || true
		fail "still running 10 s after the broken pipe"
	fi
	wait "$pid"
	assert_equal "$(cat "$d/rc")" rc=0
	grep -q '^Unable to write to standard out, closing consumer.$' "$d/err"
}

@test "| head: stops quietly with Apache's lines and commits only what was written" {
	local t=kt-cc-pipe-$$-$RANDOM g=kt-gp-$$-$RANDOM d=$BATS_TEST_TMPDIR
	make_topic "$t" 1
	seq 1 200000 | kcat -b "$(B)" -t "$t" -P -z lz4
	kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g" \
		--from-beginning 2>"$d/err" | head -3 >"$d/out"
	[ "$(cat "$d/out")" = "$(printf '1\n2\n3')" ]
	grep -q '^Unable to write to standard out, closing consumer.$' "$d/err"
	grep -q '^Processed a total of [0-9]* messages$' "$d/err"
	# what was committed was written: the offset is at most what reached
	# the pipe (the pipe buffer holds more than head read)
	run apache kafka-consumer-groups --bootstrap-server "$(B)" --describe --group "$g"
	local c
	c=$(awk -v t="$t" '$2==t {print $4}' <<<"$output")
	[[ $c == - || $c -lt 200000 ]] || fail "committed $c"
}

@test "SIGINT and SIGTERM: Apache's exit codes and the final count" {
	local sig want pid d=$BATS_TEST_TMPDIR
	for sig in INT TERM; do
		kafka-console-consumer --bootstrap-server "$(B)" --topic "$FT" \
			--partition 0 --offset earliest >"$d/out" 2>"$d/err" &
		pid=$!
		sleep 1
		kill -$sig $pid
		wait $pid && st=0 || st=$?
		want=130
		[ $sig = TERM ] && want=143
		[ "$st" -eq $want ] || fail "SIG$sig: status $st"
		[ "$(tail -1 "$d/err")" = "Processed a total of 9 messages" ] ||
			fail "SIG$sig: $(cat "$d/err")"
	done
}

@test "kafkit offsets: +N, -N, @timestamp, ISO-8601, @-duration, several and all partitions" {
	local t=kt-cc-off-$$-$RANDOM now
	make_topic "$t" 3
	for p in 0 1 2; do seq 1 10 | sed "s/^/p$p-/" | kcat -b "$(B)" -t "$t" -P -p $p; done
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition 1 --offset +7 --exit-at-end
	assert_output "$(printf 'p1-8\np1-9\np1-10')"
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition 2 --offset -2 --exit-at-end
	assert_output "$(printf 'p2-9\np2-10')"
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition 0,2 --offset -1 --exit-at-end
	assert_line p0-10
	assert_line p2-10
	[ "${#lines[@]}" -eq 2 ]
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition all --offset earliest --exit-at-end
	[ "${#lines[@]}" -eq 30 ]
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition all --offset @-1h --exit-at-end
	[ "${#lines[@]}" -eq 30 ]
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition all --offset 2099-01-01T00:00:00Z --exit-at-end
	[ "${#lines[@]}" -eq 0 ]
	now=$(($(date +%s) * 1000 + 60000))
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition all --offset "@$now" --exit-at-end
	[ "${#lines[@]}" -eq 0 ]
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition 1 --offset earliest --end-offset 4
	assert_output "$(printf 'p1-1\np1-2\np1-3\np1-4')"
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --partition 1 --offset +2 --end-offset -5
	assert_output "$(printf 'p1-3\np1-4\np1-5')"
}

@test "--exit-at-end in a group stops at the ends captured at assignment" {
	local t=kt-cc-end-$$-$RANDOM
	make_topic "$t" 4
	seq 1 100 | kcat -b "$(B)" -t "$t" -P
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" \
		--group kt-end-$$ --from-beginning --exit-at-end
	assert_success
	[ "${#lines[@]}" -eq 100 ]
	[ "$stderr" != "${stderr/Processed a total of 100 messages/}" ]
	# an empty topic ends at once
	make_topic "$t-empty" 2
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t-empty" --exit-at-end
	assert_success
	assert_output ""
}

@test "--output json: lossless lines that round-trip through kafka-console-producer" {
	local d=$BATS_TEST_TMPDIR t2=kt-cc-json-$$-$RANDOM
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$FT" \
		--partition 0 --offset earliest --exit-at-end --output json
	assert_success
	[ "${#lines[@]}" -eq 9 ]
	assert_line --index 0 --regexp '^\{"topic":"'"$FT"'","partition":0,"offset":0,"timestamp":[0-9]+,"timestamp_type":"CreateTime","leader_epoch":0,"key":"k1","value":"plain value","headers":\[\{"key":"h1","value":"x"\},\{"key":"h2","value":"y"\},\{"key":"h1","value":"dup"\}\]\}$'
	[[ ${lines[3]} == *'"key_encoding":"base64"'* && ${lines[3]} == *'"value_encoding":"base64"'* ]]
	[[ ${lines[5]} == *'"key":"knull","value":null'* ]]
	[[ ${lines[4]} == *'"key":null'* && ${lines[4]} == *'"headers":[]'* ]]
	printf '%s\n' "${lines[@]}" >"$d/file.json"
	# kafka-console-producer (ours, also in this build) reads them back
	make_topic "$t2" 1
	kafka-console-producer --bootstrap-server "$(B)" --topic "$t2" \
		--line-reader json <"$d/file.json"
	kafka-console-consumer --bootstrap-server "$(B)" --topic "$t2" --partition 0 \
		--offset earliest --exit-at-end --output json 2>/dev/null |
		sed -E 's/"topic":"[^"]*",//; s/"offset":[0-9]+,//; s/"leader_epoch":[0-9]+,//' >"$d/back"
	sed -E 's/"topic":"[^"]*",//; s/"offset":[0-9]+,//; s/"leader_epoch":[0-9]+,//' "$d/file.json" >"$d/orig"
	# keys, values, headers and timestamps came back byte for byte
	cmp "$d/orig" "$d/back"
}

@test "coordinator formatters match Apache's on __consumer_offsets" {
	local f g=kt-co-$$-$RANDOM p
	kafka-console-consumer --bootstrap-server "$(B)" --topic "$FT" --group "$g" \
		--from-beginning --max-messages 2 >/dev/null 2>&1
	for f in OffsetsMessageFormatter GroupMetadataMessageFormatter; do
		for p in 0 1 2 3; do
			FT=__consumer_offsets CP=$p compare --max-messages 30 \
				--formatter org.apache.kafka.tools.consumer.$f
		done
	done
}

# wait_members GROUP N [TOTAL]: until the group is stable with N members
# that all hold partitions, TOTAL of them together (at most 60 s)
wait_members()
{
	local i out
	for i in $(seq 1 120); do
		out=$(apache kafka-consumer-groups --bootstrap-server "$(B)" \
			--describe --group "$1" --members 2>/dev/null) || true
		if [[ $(awk '$NF ~ /^[0-9]+$/ && $NF > 0' <<<"$out" | wc -l) -eq $2 &&
			$(awk '$NF ~ /^[0-9]+$/' <<<"$out" | wc -l) -eq $2 &&
			(-z ${3:-} || $(awk '$NF ~ /^[0-9]+$/ {s += $NF} END {print s}' <<<"$out") -eq ${3:-0}) ]]; then
			echo "$out"
			return 0
		fi
		sleep 0.5
	done
	echo "group $1 never had $2 members with ${3:-some} partitions: $out" >&2
	return 1
}

# group_run NAME TOOL ARGS...: start a consumer of the group in the
# background (output in NAME.out / NAME.err), pid in NAME.pid
group_run()
{
	local name=$1 d=$BATS_TEST_TMPDIR
	shift
	"$@" >"$d/$name.out" 2>"$d/$name.err" 3>&- &
	echo $! >"$d/$name.pid"
}

# group_stop NAME: SIGTERM the consumer and wait for it. An Apache tool
# runs as the child of the background subshell (the apache function), and
# a signal to the subshell alone left its JVM running after the test, so
# the children get it too and are waited for (10 s, then SIGKILL).
group_stop()
{
	local d=$BATS_TEST_TMPDIR pid kids k i
	pid=$(cat "$d/$1.pid")
	kids=$(pgrep -P "$pid" || true)
	# shellcheck disable=SC2086
	kill -TERM $kids "$pid" 2>/dev/null || true
	wait "$pid" || true
	for k in $kids; do
		for i in $(seq 1 100); do
			kill -0 "$k" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$k" 2>/dev/null || true
	done
}

# every_record_once N FILES...: the files hold 1..N exactly once together
every_record_once()
{
	local n=$1
	shift
	diff <(cat "$@" | sort -n) <(seq 1 "$n") >/dev/null ||
		fail "records lost or doubled: $(cat "$@" | sort -n | uniq -d | head -3) $(cat "$@" | wc -l) lines"
}

@test "two of ours share a group; stopping one hands its partitions to the other" {
	local t=kt-cc-g2-$$-$RANDOM g=kt-g2-$$-$RANDOM d=$BATS_TEST_TMPDIR
	make_topic "$t" 4
	group_run a kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g"
	group_run b kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g"
	run wait_members "$g" 2 4
	assert_success
	[ "$(grep -c ' 2 *$' <<<"$output")" -eq 2 ] || fail "not 2+2: $output"
	seq 1 200 | kcat -b "$(B)" -t "$t" -P
	sleep 2
	group_stop a
	wait_members "$g" 1 4 >/dev/null
	seq 201 400 | kcat -b "$(B)" -t "$t" -P
	sleep 2
	group_stop b
	[ -s "$d/a.out" ] && [ -s "$d/b.out" ]
	every_record_once 400 "$d/a.out" "$d/b.out"
}

@test "ours and a Java consumer share a group, both ways" {
	local t=kt-cc-gj-$$-$RANDOM g=kt-gj-$$-$RANDOM d=$BATS_TEST_TMPDIR
	make_topic "$t" 4
	group_run java apache kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g"
	wait_members "$g" 1 >/dev/null
	group_run ours kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g"
	run wait_members "$g" 2 4
	assert_success
	seq 1 200 | kcat -b "$(B)" -t "$t" -P
	sleep 3
	group_stop ours
	wait_members "$g" 1 4 >/dev/null
	seq 201 400 | kcat -b "$(B)" -t "$t" -P
	sleep 3
	group_stop java
	! pgrep -f -- "--group $g" >/dev/null || fail "a consumer of $g outlived group_stop"
	[ -s "$d/ours.out" ] && [ -s "$d/java.out" ]
	every_record_once 400 "$d/ours.out" "$d/java.out"
}

@test "cooperative-sticky with a static member: ours and Java, nothing lost" {
	local t=kt-cc-gc-$$-$RANDOM g=kt-gc-$$-$RANDOM d=$BATS_TEST_TMPDIR
	local cs="partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor"
	make_topic "$t" 5
	group_run a kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g" --command-property "$cs"
	wait_members "$g" 1 >/dev/null
	group_run j apache kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g" --command-property "$cs"
	wait_members "$g" 2 >/dev/null
	group_run s kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" --group "$g" \
		--command-property "$cs" --command-property group.instance.id=kt-static-$$
	run wait_members "$g" 3 5
	assert_success
	assert_output --partial "kt-static-$$"
	seq 1 300 | kcat -b "$(B)" -t "$t" -P
	sleep 3
	group_stop a
	wait_members "$g" 2 5 >/dev/null
	seq 301 600 | kcat -b "$(B)" -t "$t" -P
	sleep 3
	group_stop s
	group_stop j
	! pgrep -f -- "--group $g" >/dev/null || fail "a consumer of $g outlived group_stop"
	every_record_once 600 "$d/a.out" "$d/s.out" "$d/j.out"
}

@test "--include follows metadata: new matching topics and added partitions" {
	local t=kt-cc-inc-$$-$RANDOM d=$BATS_TEST_TMPDIR
	make_topic "$t-a" 1
	make_topic "$t-b" 2
	seq 1 5 | kcat -b "$(B)" -t "$t-a" -P
	seq 6 10 | kcat -b "$(B)" -t "$t-b" -P
	apache kafka-console-consumer --bootstrap-server "$(B)" --include "$t-.*" \
		--from-beginning --timeout-ms $APACHE_WAIT 2>/dev/null | sort -n >"$d/a"
	kafka-console-consumer --bootstrap-server "$(B)" --include "$t-.*" \
		--from-beginning --timeout-ms $OURS_WAIT 2>/dev/null | sort -n >"$d/o"
	cmp "$d/a" "$d/o"
	group_run inc kafka-console-consumer --bootstrap-server "$(B)" --include "$t-.*" \
		--group kt-inc-$$ --from-beginning --command-property metadata.max.age.ms=1000
	wait_members kt-inc-$$ 1 3 >/dev/null
	apache kafka-topics --bootstrap-server "$(B)" --alter --topic "$t-b" --partitions 3 >/dev/null 2>&1
	make_topic "$t-c" 1
	wait_members kt-inc-$$ 1 5 >/dev/null
	for p in 0 1 2; do seq $((11 + p * 3)) $((13 + p * 3)) | kcat -b "$(B)" -t "$t-b" -p $p -P; done
	seq 20 25 | kcat -b "$(B)" -t "$t-c" -P
	sleep 2
	group_stop inc
	every_record_once 25 "$d/inc.out"
}

@test "--include reads Java regex syntax, as Apache: \\d, (?i), \\Q..\\E" {
	# issue 14: --include was a POSIX regex while kafka-topics' --topic
	# went through the Java translator; each pattern below matches a
	# different set under the two readings
	local t=kt-cc-jre-$$-$RANDOM d=$BATS_TEST_TMPDIR p
	make_topic "$t-7" 1
	make_topic "$t-x" 1
	make_topic "$t-UP" 1
	make_topic "$t.q" 1
	echo seven | kcat -b "$(B)" -t "$t-7" -P
	echo ex | kcat -b "$(B)" -t "$t-x" -P
	echo up | kcat -b "$(B)" -t "$t-UP" -P
	echo dot | kcat -b "$(B)" -t "$t.q" -P
	for p in "$t-\\d" "(?i)$t-up" "\\Q$t.\\Eq"; do
		apache kafka-console-consumer --bootstrap-server "$(B)" --include "$p" \
			--from-beginning --timeout-ms $APACHE_WAIT 2>/dev/null | sort >"$d/a"
		kafka-console-consumer --bootstrap-server "$(B)" --include "$p" \
			--from-beginning --timeout-ms $OURS_WAIT 2>/dev/null | sort >"$d/o"
		[ -s "$d/a" ] || fail "Apache read nothing for $p"
		diff "$d/a" "$d/o" || fail "--include '$p': ours differs from Apache"
	done
	# what Java's regex refuses is refused, with the pattern named
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" \
		--include "$t-(" --timeout-ms 1000
	assert_failure 1
	[[ $stderr == *"invalid topic pattern '$t-(': "* ]]
	# what Java takes and POSIX cannot say is refused, never misread
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" \
		--include "$t-[\\w&&[^x]]+" --timeout-ms 1000
	assert_failure 1
	[[ $stderr == *"uses Java regex syntax kafkit does not support (a class intersection)"* ]]
}

@test "small fetch sizes are respected and change nothing in the output" {
	local t=kt-cc-fs-$$-$RANDOM big
	make_topic "$t" 1
	seq 1 3000 | kcat -b "$(B)" -t "$t" -P -X batch.size=2000
	big=$(head -c 5000 /dev/zero | tr '\0' x)
	echo "$big" | kcat -b "$(B)" -t "$t" -P
	seq 3001 3100 | kcat -b "$(B)" -t "$t" -P
	# a batch larger than max.partition.fetch.bytes still comes through
	FT=$t compare --command-property max.partition.fetch.bytes=100 \
		--command-property fetch.max.bytes=1000 --formatter-property print.offset=true
}

@test "auto commit runs every auto.commit.interval.ms while consuming" {
	local t=kt-cc-ac-$$-$RANDOM g=kt-ac-$$-$RANDOM i c
	make_topic "$t" 1
	seq 1 50 | kcat -b "$(B)" -t "$t" -P
	group_run ac kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" \
		--group "$g" --from-beginning --command-property auto.commit.interval.ms=500
	for i in $(seq 1 40); do
		c=$(apache kafka-consumer-groups --bootstrap-server "$(B)" --describe \
			--group "$g" 2>/dev/null | awk -v t="$t" '$2==t {print $4}')
		[ "$c" = 50 ] && break
		sleep 0.5
	done
	[ "$c" = 50 ] || fail "committed '$c' while running"
	group_stop ac
	# after the clean exit, the same offsets: nothing new to read
	run --separate-stderr kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" \
		--group "$g" --exit-at-end
	assert_success
	assert_output ""
}

@test "a reader of stdout that stalls past session.timeout.ms: the member stays, nothing twice" {
	# Java's heartbeat thread keeps a member whose System.out blocks; ours
	# heartbeats while its write to stdout waits. Before, the coordinator
	# dropped the member after session.timeout.ms, and on its return it
	# read again from the last commit: records printed twice (issue 13).
	local t=kt-cc-stall-$$-$RANDOM g=kt-stall-$$-$RANDOM d=$BATS_TEST_TMPDIR n=100000 out
	make_topic "$t" 1
	seq 1 "$n" | kcat -b "$(B)" -t "$t" -P
	(
		kafka-console-consumer --bootstrap-server "$(B)" --topic "$t" \
			--group "$g" --from-beginning --max-messages "$n" \
			--command-property session.timeout.ms=6000 \
			--command-property heartbeat.interval.ms=1000 \
			--command-property auto.commit.interval.ms=500 2>"$d/err" |
			{ dd bs=4096 count=1 status=none; sleep 14; cat; } >"$d/out"
	) 3>&- &
	local pid=$!
	# 10 s into the stall, well past the session timeout: still a member
	sleep 10
	out=$(kafka-consumer-groups --bootstrap-server "$(B)" --describe \
		--group "$g" --members --output json)
	wait "$pid"
	[ "$(jq '.members | length' <<<"$out")" = 1 ] ||
		fail "the member was dropped during the stall: $out"
	every_record_once "$n" "$d/out"
	grep -q "Processed a total of $n messages" "$d/err"
}
