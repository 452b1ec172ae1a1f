#!/usr/bin/env bats
# hostile_input.bats - bad input at every entry of every tool (issue 13):
# options, properties files, standard input, files for kafka-dump-log and
# the reset CSV of kafka-consumer-groups. The table below is the record of
# what was tried and what each tool answers: the exit status and a piece
# of the message. Every row also must end within its time limit and leave
# no sanitizer report (tests/run collects those for the sanitizer pass).
#
# Row format: EXIT | STREAM | EXPECTED TEXT | TOOL ARGS...
#   EXIT    expected exit status
#   STREAM  out or err: where the text is looked for (both when "any")
#   TEXT    a fixed string the output must contain
# In ARGS, @B@ is the broker, @D@ the scratch directory of hostile files,
# @T@ a topic with records, @G@ a group with commits on it. Standard input
# is /dev/null unless the row's tool is written "TOOL<FILE" (stdin from
# @D@/FILE).

bats_require_minimum_version 1.5.0

setup_file()
{
	load helpers
	D=$(mktemp -d)
	export D HT=kt-hostile-$$-$RANDOM HG=kt-hostile-g-$$
	local b=(--bootstrap-server "$KAFKA_BOOTSTRAP")
	kafka-topics "${b[@]}" --create --topic "$HT" --partitions 2 >/dev/null
	seq 1 50 | kafka-console-producer "${b[@]}" --topic "$HT"
	kafka-consumer-groups "${b[@]}" --reset-offsets --group "$HG" \
		--topic "$HT" --to-offset 10 --execute >/dev/null
	# the hostile files
	head -c 100000 /dev/urandom >"$D/random.bin"
	printf 'a\\u12\n' >"$D/badesc.properties"
	printf 'acks=7\n' >"$D/badacks.properties"
	printf 'security.protocol=TLS\n' >"$D/badproto.properties"
	printf '%s,0,99999999999999999999\n' "$HT" >"$D/bigoff.csv"
	printf '%s,-1,5\n' "$HT" >"$D/negpart.csv"
	printf '%s,0,5\0x\n' "$HT" >"$D/nul.csv"
	printf '"%s,0,5\n' "$HT" >"$D/quote.csv"
	printf '%s,0,1,2,3,4,5\n' "$HT" >"$D/wide.csv"
	printf '%s,0,5\n%s,1\n' "$HT" "$HT" >"$D/short2.csv"
	head -c 3000000 /dev/zero | tr '\0' a >"$D/bigline.txt"
	head -c 20000 /dev/urandom | tr -d '\t' >"$D/nokeysep.txt"
	seg=$(ls "$KAFKIT_ROOT"/tests/fixtures/segments/kafkajs-fetch/*/00000000000000000000.log | head -n 1)
	head -c "$(($(stat -c %s "$seg") - 7))" "$seg" >"$D/00000000000000000000.log"
	head -c 5000 /dev/urandom >"$D/00000000000000000000.index"
	head -c 5000 /dev/urandom >"$D/00000000000000000000.timeindex"
	head -c 100 /dev/urandom >"$D/random.log"
	: >"$D/00000000000000000042.log"
	mkdir -p "$D/empty-dir"
}

teardown_file()
{
	load helpers
	kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --delete --topic "$HT" 2>/dev/null
	kafka-consumer-groups --bootstrap-server "$KAFKA_BOOTSTRAP" --delete --group "$HG" >/dev/null 2>&1
	rm -rf "$D"
}

setup()
{
	load helpers
}

TABLE=$(
	cat <<'EOF'
1|err|Topic name is invalid|kafka-topics --bootstrap-server @B@ --create --topic ''
1|any|Cannot parse argument 'abc' of option partitions|kafka-topics --bootstrap-server @B@ --create --topic x --partitions abc
1|err|Malformed \uxxxx encoding.|kafka-topics --bootstrap-server @B@ --list --command-config @D@/badesc.properties
1|err|NoSuchFileException|kafka-topics --bootstrap-server @B@ --list --command-config @D@/nonexistent
1|err|security.protocol|kafka-topics --bootstrap-server @B@ --list --command-config @D@/badproto.properties
1|err|Invalid url in bootstrap.servers|kafka-topics --bootstrap-server :::: --list
1|err|is not a recognized option|kafka-topics --bootstrap-server @B@ --list --nosuch
1|err|invalid value '7' for configuration 'acks'|kafka-console-producer --bootstrap-server @B@ --topic @T@ --producer-property acks=7
1|err|invalid value '7' for configuration 'acks'|kafka-console-producer --bootstrap-server @B@ --topic @T@ --producer.config @D@/badacks.properties
1|err|'compression.type'|kafka-console-producer --bootstrap-server @B@ --topic @T@ --compression-codec bogus
1|err|larger than 1048576, which is the value of the max.request.size|kafka-console-producer<bigline.txt --bootstrap-server @B@ --topic @T@
1|err|No key separator found on line number 1|kafka-console-producer<nokeysep.txt --bootstrap-server @B@ --topic @T@ --reader-property parse.key=true
1|err|Malformed \uxxxx encoding.|kafka-console-producer --bootstrap-server @B@ --topic @T@ --producer.config @D@/badesc.properties
1|err|Cannot parse argument '-1' of option partition|kafka-console-consumer --bootstrap-server @B@ --topic @T@ --partition -1
1|err|The provided offset value 'foo' is incorrect|kafka-console-consumer --bootstrap-server @B@ --topic @T@ --partition 0 --offset foo
1|err|Processed a total of 0 messages|kafka-console-consumer --bootstrap-server @B@ --topic @T@ --max-messages x
1|err|no.such.Class|kafka-console-consumer --bootstrap-server @B@ --topic @T@ --formatter no.such.Class
1|err|fetch.max.bytes|kafka-console-consumer --bootstrap-server @B@ --topic @T@ --consumer-property fetch.max.bytes=-1 --max-messages 1
1|err|Malformed \uxxxx encoding.|kafka-console-consumer --bootstrap-server @B@ --topic @T@ --consumer.config @D@/badesc.properties
1|err|NumberFormatException: For input string: "random"|kafka-dump-log --files @D@/random.log
1|err|IllegalArgumentException|kafka-dump-log --files @D@/00000000000000000000.index
0|out|invalid bytes at the end of 00000000000000000000.log|kafka-dump-log --files @D@/00000000000000000000.log
1|out|Dumping @D@/00000000000000000000.timeindex|kafka-dump-log --files @D@/00000000000000000000.timeindex
0|out|Dumping @D@/00000000000000000042.log|kafka-dump-log --files @D@/00000000000000000042.log
0|err|no segment files|kafka-dump-log --files @D@/empty-dir
0|err|Ignoring unknown file @D@/random.bin|kafka-dump-log --files @D@/random.bin
1|err|is not a recognized option|kafka-dump-log --files @D@/random.log --nosuch
0|out|Invalid reset plan in '@D@/random.bin', line 1: |kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --from-file @D@/random.bin --execute
0|out|line 1: a NUL byte is not text|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --from-file @D@/nul.csv --execute
0|out|line 1: offset '99999999999999999999' is not a number|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --from-file @D@/bigoff.csv --execute
0|out|line 1: partition '-1' is not a partition number|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --from-file @D@/negpart.csv --execute
0|out|line 1: a quoted field is not closed|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --from-file @D@/quote.csv --execute
0|out|line 1: 7 field(s), expected topic,partition,offset|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --from-file @D@/wide.csv --execute
0|out|line 2: 2 field(s), expected topic,partition,offset|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --from-file @D@/short2.csv --execute
0|out|Is a directory|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --from-file @D@ --execute
0|out|Unable to read file @D@/nonexistent|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --from-file @D@/nonexistent --execute
0|out|Text cannot be parsed to a Duration|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --topic @T@ --by-duration P99999999999999D --execute
0|out|Unparseable date|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --topic @T@ --to-datetime 2026-02-30T00:00:00.000 --execute
0|err|Value will be set to|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --topic @T@ --shift-by 9223372036854775807 --dry-run
1|err|Invalid partition '99999999999' specified|kafka-consumer-groups --bootstrap-server @B@ --reset-offsets --group @G@ --topic @T@:99999999999 --to-earliest
0|out|Group xxxxxxxxxx|kafka-consumer-groups --bootstrap-server @B@ --describe --group xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
1|err|Malformed \uxxxx encoding.|kafka-consumer-groups --bootstrap-server @B@ --list --command-config @D@/badesc.properties
1|err|bootstrap.servers|kafka-consumer-groups --bootstrap-server :::: --list
0|out|Cannot parse argument 'x' of option timeout|kafka-consumer-groups --bootstrap-server @B@ --list --timeout x
0|out|is invalid: missing closing )|kafka-consumer-groups --validate-regex '(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((('
EOF
)

@test "every hostile input of the table ends in time with the expected status and message" {
	local line rc stream text cmd tool stdin out err n=0 bad=0
	while IFS='|' read -r rc stream text cmd; do
		[[ -z $rc ]] && continue
		n=$((n + 1))
		cmd=${cmd//@B@/$KAFKA_BOOTSTRAP}
		cmd=${cmd//@D@/$D}
		cmd=${cmd//@T@/$HT}
		cmd=${cmd//@G@/$HG}
		text=${text//@D@/$D}
		tool=${cmd%% *}
		stdin=/dev/null
		if [[ $tool == *"<"* ]]; then
			stdin=$D/${tool#*<}
			cmd=${tool%%<*}${cmd#"$tool"}
		fi
		eval "set -- $cmd"
		local s=0
		timeout 60 "$@" <"$stdin" >"$D/out" 2>"$D/err" || s=$?
		out=$(tr -d '\0' <"$D/out")
		err=$(tr -d '\0' <"$D/err")
		local hay=$out
		[[ $stream == err ]] && hay=$err
		[[ $stream == any ]] && hay="$out
$err"
		if ((s == 124)); then
			echo "HUNG (60 s): $cmd"
			bad=$((bad + 1))
		elif ((s != rc)) || [[ $hay != *"$text"* ]]; then
			echo "row $n: $cmd"
			echo "  want exit $rc and '$text' on std$stream"
			echo "  got exit $s; stdout: $(head -c 300 <<<"$out")"
			echo "  stderr: $(head -c 300 <<<"$err")"
			bad=$((bad + 1))
		elif ((s > 128)); then
			echo "CRASHED (signal $((s - 128))): $cmd"
			bad=$((bad + 1))
		fi
	done <<<"$TABLE"
	echo "# $n hostile inputs tried, $bad wrong" >&3
	((n > 40))
	((bad == 0))
}

@test "a reset plan that is refused commits nothing" {
	run kafka-consumer-groups --bootstrap-server "$KAFKA_BOOTSTRAP" --describe --group "$HG"
	# one partition has the records (the producer is sticky), the other
	# none: the commits of setup_file are 10 and 0 (clamped), untouched
	assert_output --regexp "$HT +[01] +10 +50 "
	assert_output --regexp "$HT +[01] +0 +0 "
}
