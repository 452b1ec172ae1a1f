#!/usr/bin/env bats
# consumer_groups.bats - kafka-consumer-groups against a real broker, most
# tests differential: Apache's kafka-consumer-groups and ours on the same
# cluster state must print the same stdout and exit with the same status.
# Groups are made by our console consumer (classic), by Apache's console
# consumer with the classic and with the consumer (KIP-848) protocol, live
# and finished; an empty group, a group without commits, a group whose
# topic was deleted. After each --execute the offsets are read back with
# Apache's tool. Then kafkit's additions: JSON, the lag gate, CSV errors.

bats_require_minimum_version 1.5.0

setup_file()
{
	load helpers
	# Groups in one bucket of Apache's HashMap come out in the order of a
	# HashSet of CoordinatorKeys before it, whose hash includes an enum's
	# identity hash: it changes from run to run. So the prefix is drawn
	# until the groups that the tests name together fall in distinct
	# buckets, and every multi-group output is compared in full order.
	local p
	while :; do
		p=kt-cg-$$-$RANDOM
		distinct_buckets "$p-ours" "$p-apache-classic" \
			"$p-apache-kip848" "$p-live" "$p-live-kip848" \
			"$p-unknown" "$p-nosuch" && break
	done
	export P=$p T1=$p-t1 T2=$p-t2 TD=$p-gone
	export G_OURS=$p-ours G_AC=$p-apache-classic G_AK=$p-apache-kip848
	export G_LIVE=$p-live G_LIVEK=$p-live-kip848 G_NOCOMMIT=$p-nocommit
	export G_GONE=$p-gone-topic G_NEW=$p-new
	local b=(--bootstrap-server "$KAFKA_BOOTSTRAP")
	kafka-topics "${b[@]}" --create --topic "$T1" --partitions 3 >/dev/null
	kafka-topics "${b[@]}" --create --topic "$T2" --partitions 2 >/dev/null
	kafka-topics "${b[@]}" --create --topic "$TD" --partitions 1 >/dev/null
	# keys spread the records over the partitions
	seq 1 300 | sed 's/.*/k&\tv&/' | kafka-console-producer "${b[@]}" \
		--topic "$T1" --reader-property parse.key=true
	seq 1 40 | sed 's/.*/k&\tv&/' | kafka-console-producer "${b[@]}" \
		--topic "$T2" --reader-property parse.key=true
	seq 1 5 | kafka-console-producer "${b[@]}" --topic "$TD"
	kafka-console-consumer "${b[@]}" --topic "$T1" --group "$G_OURS" \
		--from-beginning --max-messages 120 >/dev/null
	apache kafka-console-consumer "${b[@]}" --topic "$T1" --group "$G_AC" \
		--from-beginning --max-messages 200 >/dev/null 2>&1
	apache kafka-console-consumer "${b[@]}" --include "$p-t.*" \
		--group "$G_AK" --consumer-property group.protocol=consumer \
		--from-beginning --max-messages 250 >/dev/null 2>&1
	kafka-console-consumer "${b[@]}" --topic "$T2" --group "$G_NOCOMMIT" \
		--consumer-property enable.auto.commit=false --from-beginning \
		--max-messages 5 >/dev/null
	kafka-console-consumer "${b[@]}" --topic "$TD" --group "$G_GONE" \
		--from-beginning --max-messages 5 >/dev/null
	kafka-topics "${b[@]}" --delete --topic "$TD"
	# live groups: two of our consumers (classic), one Java KIP-848 one
	LIVE_DIR=$(mktemp -d)
	export LIVE_DIR
	(timeout 300 kafka-console-consumer "${b[@]}" --topic "$T2" \
		--group "$G_LIVE" >/dev/null 2>&1 & echo $! >"$LIVE_DIR/p1")
	(timeout 300 kafka-console-consumer "${b[@]}" --topic "$T2" \
		--group "$G_LIVE" --consumer-property client.id=second \
		>/dev/null 2>&1 & echo $! >"$LIVE_DIR/p2")
	(timeout 300 "$KAFKIT_ROOT/tests/kafka/apache" kafka-console-consumer \
		"${b[@]}" --topic "$T1" --group "$G_LIVEK" \
		--consumer-property group.protocol=consumer \
		--consumer-property group.instance.id=inst-1 \
		>/dev/null 2>&1 & echo $! >"$LIVE_DIR/p3")
	wait_stable "$G_LIVE" 2 && wait_stable "$G_LIVEK" 1
}

# wait_stable GROUP MEMBERS: until the group is Stable with that many
# members that all have partitions (at most 60 s)
wait_stable()
{
	local i out
	for i in $(seq 1 120); do
		out=$(kafka-consumer-groups --bootstrap-server "$KAFKA_BOOTSTRAP" \
			--describe --group "$1" --output json 2>/dev/null)
		if jq -e --argjson n "$2" '.state == "Stable" and
			(.members | length) == $n and
			all(.members[]; (.assignment | length) > 0)' \
			<<<"$out" >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.5
	done
	echo "# group $1 did not become Stable with $2 members: $out" >&3
	return 1
}

teardown_file()
{
	load helpers
	local f
	for f in "$LIVE_DIR"/p*; do
		[[ -f $f ]] && kill "$(cat "$f")" 2>/dev/null
	done
	pkill -f -- "--group $P-" 2>/dev/null
	rm -rf "$LIVE_DIR"
	kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --delete \
		--topic "$P-t.*" 2>/dev/null || true
}

setup()
{
	load helpers
	B=(--bootstrap-server "$KAFKA_BOOTSTRAP")
}

# differ ARGS...: Apache's tool and ours, same arguments: stdout and exit
# status must agree (diff shown when they do not).
differ()
{
	local d=$BATS_TEST_TMPDIR ra=0 ro=0
	apache kafka-consumer-groups "$@" >"$d/a.out" 2>"$d/a.err" || ra=$?
	kafka-consumer-groups "$@" >"$d/o.out" 2>"$d/o.err" || ro=$?
	if ! cmp -s "$d/a.out" "$d/o.out" || ((ra != ro)); then
		echo "args: $*"
		echo "status: apache $ra, kafkit $ro"
		diff "$d/a.out" "$d/o.out" | head -n 40
		echo "kafkit stderr:"
		head -n 5 "$d/o.err"
		return 1
	fi
	[[ -s $d/a.out || $ra -ne 0 || -n ${EMPTY_OK:-} ]] ||
		{ echo "both printed nothing: $*"; return 1; }
}

# bucket NAME: the bucket of NAME in a Java HashMap of 16 (String.hashCode,
# spread by HashMap.hash)
bucket()
{
	local s=$1 h=0 i c
	for ((i = 0; i < ${#s}; i++)); do
		printf -v c '%d' "'${s:i:1}"
		h=$(((31 * h + c) & 0xffffffff))
	done
	echo $(((h ^ (h >> 16)) & 15))
}

# distinct_buckets NAME...: true when no two NAMEs share a bucket
distinct_buckets()
{
	local seen=' ' b n
	for n; do
		b=$(bucket "$n")
		[[ $seen == *" $b "* ]] && return 1
		seen+="$b "
	done
}

# differ_err ARGS...: a usage error: the same exit status and the same
# first line of stderr, with Java Set orders ([a], [b]) compared sorted.
differ_err()
{
	local d=$BATS_TEST_TMPDIR ra=0 ro=0
	apache kafka-consumer-groups "$@" >"$d/a.out" 2>"$d/a.err" || ra=$?
	kafka-consumer-groups "$@" >"$d/o.out" 2>"$d/o.err" || ro=$?
	# Java Sets print in an order that changes between runs: sort them
	norm() {
		local line head list
		line=$(grep -v '^WARN: No action' "$1" | head -n 1 |
			sed -E 's/\[[a-z-]+\](, \[[a-z-]+\])+/SET/')
		if [[ $line == *"are: "* ]]; then
			head=${line%%are: *} list=${line#*are: }
			list=$(tr ',' '\n' <<<"$list" | sed 's/^ *//' | sort | paste -sd,)
			line="${head}are: $list"
		fi
		printf '%s\n' "$line"
	}
	[[ -n "$(norm "$d/a.err")" ]] || { echo "Apache printed no error: $*"; return 1; }
	if [[ "$(norm "$d/a.err")" != "$(norm "$d/o.err")" ]] || ((ra != ro)); then
		echo "args: $*"
		echo "status: apache $ra, kafkit $ro"
		echo "apache: $(norm "$d/a.err")"
		echo "kafkit: $(norm "$d/o.err")"
		return 1
	fi
}

@test "--list, its tables and filters equal Apache's" {
	differ "${B[@]}" --list
	differ "${B[@]}" --list --state
	differ "${B[@]}" --list --type
	differ "${B[@]}" --list --type --state
	differ "${B[@]}" --list --state stable
	differ "${B[@]}" --list --state Empty,stable --type consumer
	differ "${B[@]}" --list --type classic
	run kafka-consumer-groups "${B[@]}" --list
	assert_line "$G_OURS"
	assert_line "$G_AK"
	assert_line "$G_LIVEK"
}

@test "--describe: every view of a finished classic group of ours" {
	local v
	for v in "" --offsets "--offsets --verbose" --members \
		"--members --verbose" --state "--state --verbose"; do
		# shellcheck disable=SC2086
		differ "${B[@]}" --describe --group "$G_OURS" $v
	done
}

@test "--describe: every view of Apache's classic and KIP-848 groups" {
	local g v
	for g in "$G_AC" "$G_AK"; do
		for v in "" "--offsets --verbose" "--members --verbose" \
			"--state --verbose"; do
			# shellcheck disable=SC2086
			differ "${B[@]}" --describe --group "$g" $v
		done
	done
}

@test "--describe: live groups (classic with two members, KIP-848 with an instance id)" {
	local g v
	for g in "$G_LIVE" "$G_LIVEK"; do
		for v in "" --members "--members --verbose" --state \
			"--state --verbose" "--offsets --verbose"; do
			# shellcheck disable=SC2086
			differ "${B[@]}" --describe --group "$g" $v
		done
	done
	run kafka-consumer-groups "${B[@]}" --describe --group "$G_LIVEK" --members --verbose
	assert_output --partial "GROUP-INSTANCE-ID"
	assert_output --partial "inst-1"
}

@test "--describe: no commits, deleted topic, several groups, unknown group" {
	# no commits, no members: nothing on stdout, the note on stderr
	EMPTY_OK=1 differ "${B[@]}" --describe --group "$G_NOCOMMIT"
	run --separate-stderr kafka-consumer-groups "${B[@]}" --describe --group "$G_NOCOMMIT"
	[[ $stderr == *"Consumer group '$G_NOCOMMIT' has no active members."* ]]
	differ "${B[@]}" --describe --group "$G_NOCOMMIT" --members
	# the deleted topic's commits went with it
	EMPTY_OK=1 differ "${B[@]}" --describe --group "$G_GONE"
	differ "${B[@]}" --describe --group "$G_OURS" --group "$G_AK" --group "$G_LIVE"
	differ "${B[@]}" --describe --group "$G_OURS" --group "$G_AK" --state
	differ "${B[@]}" --describe --group "$P-unknown"
	differ "${B[@]}" --describe --group "$G_OURS" --group "$P-unknown"
	run kafka-consumer-groups "${B[@]}" --describe --group "$P-unknown"
	assert_success
	assert_output --partial "GroupIdNotFoundException: Group $P-unknown not found."
}

@test "--describe --all-groups equals Apache's" {
	differ "${B[@]}" --describe --all-groups --state
	differ "${B[@]}" --describe --all-groups --members
}

@test "--reset-offsets: every scenario as a dry run equals Apache's" {
	local s
	for s in --to-earliest --to-latest --to-current "--to-offset 50" \
		"--to-offset 100000" "--shift-by -30" "--shift-by 1000" \
		"--shift-by -1000" "--to-datetime 2020-01-01T00:00:00.000" \
		"--to-datetime 2099-01-01T00:00:00.000+02:00" \
		"--by-duration PT1H" "--by-duration P1DT2H3M4.5S"; do
		# shellcheck disable=SC2086
		differ "${B[@]}" --reset-offsets --group "$G_OURS" --topic "$T1" $s --dry-run
	done
	differ "${B[@]}" --reset-offsets --group "$G_OURS" --group "$G_AK" --all-topics --to-latest
	differ "${B[@]}" --reset-offsets --group "$G_AK" --topic "$T1:0,2" --topic "$T2" --to-earliest --dry-run
	differ "${B[@]}" --reset-offsets --group "$G_NEW" --topic "$T1" --to-current --dry-run
}

@test "--reset-offsets --export: the CSV equals Apache's, one group and several" {
	differ "${B[@]}" --reset-offsets --group "$G_OURS" --all-topics --to-current --export
	differ "${B[@]}" --reset-offsets --group "$G_OURS" --group "$G_AC" --all-topics --to-earliest --export
}

@test "--reset-offsets errors equal Apache's: bad topic args, missing partitions, dates, no commit to shift" {
	differ "${B[@]}" --reset-offsets --group "$G_OURS" --topic "$P-nosuch" --to-earliest
	differ "${B[@]}" --reset-offsets --group "$G_OURS" --topic "$T1:9" --to-earliest
	differ "${B[@]}" --reset-offsets --group "$G_OURS" --topic "$T1" --to-datetime 2020-01-01T00:00:00
	differ "${B[@]}" --reset-offsets --group "$G_OURS" --topic "$T1" --by-duration 1H
	differ "${B[@]}" --reset-offsets --group "$G_OURS" --from-file /nonexistent/plan.csv
	differ_err "${B[@]}" --reset-offsets --group "$G_OURS" --topic "a:b:c" --to-earliest
	differ_err "${B[@]}" --reset-offsets --group "$G_OURS" --topic "$T1:x" --to-earliest
	differ_err "${B[@]}" --reset-offsets --group "$G_NEW" --topic "$T1" --shift-by 1
	differ_err "${B[@]}" --reset-offsets --group "$G_OURS" --to-earliest
	differ_err "${B[@]}" --reset-offsets --group "$G_OURS" --topic "$T1"
}

@test "--reset-offsets on an active group is refused, as Apache, and nothing changes" {
	local before
	before=$(apache kafka-consumer-groups "${B[@]}" --describe --group "$G_LIVE" 2>/dev/null)
	differ "${B[@]}" --reset-offsets --group "$G_LIVE" --topic "$T2" --to-earliest --execute
	run kafka-consumer-groups "${B[@]}" --reset-offsets --group "$G_LIVE" --topic "$T2" --to-earliest --execute
	assert_output --partial "Assignments can only be reset if the group '$G_LIVE' is inactive, but the current state is Stable."
	[[ $(apache kafka-consumer-groups "${B[@]}" --describe --group "$G_LIVE" 2>/dev/null | awk '{print $4}') == \
		$(awk '{print $4}' <<<"$before") ]]
}

# offsets GROUP: "topic partition committed" lines, read with Apache's tool
offsets()
{
	apache kafka-consumer-groups "${B[@]}" --describe --group "$1" 2>/dev/null |
		awk 'NR > 2 && NF { print $2, $3, $4 }' | sort
}

@test "--execute: each scenario commits what the dry run showed; Apache reads it back" {
	local g=$P-exec s plan
	for s in --to-earliest "--to-offset 7" "--shift-by 3" --to-latest \
		"--to-datetime 2020-01-01T00:00:00.000Z" "--shift-by -2"; do
		# shellcheck disable=SC2086
		plan=$(kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" \
			--topic "$T1" $s --dry-run 2>/dev/null |
			awk 'NR > 2 && NF { print $2, $3, $4 }' | sort)
		# shellcheck disable=SC2086
		run kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" \
			--topic "$T1" $s --execute
		assert_success
		[[ $(offsets "$g") == "$plan" ]] || {
			echo "after $s: plan"; echo "$plan"; echo "committed:"; offsets "$g"
			return 1
		}
	done
	# the same steps with Apache's tool on another group give the same
	differ "${B[@]}" --reset-offsets --group "$g" --topic "$T1" --to-current --dry-run
}

@test "--export then --from-file --execute restores the offsets (one group and several)" {
	local g=$P-csv g2=$P-csv2 d=$BATS_TEST_TMPDIR
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --topic "$T1" \
		--to-offset 11 --execute >/dev/null
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g2" --topic "$T2" \
		--to-offset 3 --execute >/dev/null
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --all-topics \
		--to-current --export >"$d/one.csv"
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --group "$g2" \
		--all-topics --to-current --export >"$d/two.csv"
	run cat "$d/one.csv"
	assert_line "$T1,0,11"
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --topic "$T1" --to-earliest --execute >/dev/null
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g2" --topic "$T2" --to-earliest --execute >/dev/null
	differ "${B[@]}" --reset-offsets --group "$g" --from-file "$d/one.csv" --dry-run
	run kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --from-file "$d/one.csv" --execute
	assert_success
	[[ $(offsets "$g" | awk '{print $3}' | sort -u) == 11 ]]
	run kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --group "$g2" --from-file "$d/two.csv" --execute
	assert_success
	[[ $(offsets "$g2" | awk '{print $3}' | sort -u) == 3 ]]
	run kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --group "$P-absent" --from-file "$d/two.csv" --dry-run
	assert_output --partial "Error: No reset plan for group $P-absent found."
}

@test "a malformed --from-file CSV names the line and what is wrong; nothing is reset" {
	local g=$P-badcsv d=$BATS_TEST_TMPDIR before
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --topic "$T1" \
		--to-offset 5 --execute >/dev/null
	before=$(offsets "$g")
	printf '%s,0,1\n%s,x,2\n' "$T1" "$T1" >"$d/bad.csv"
	run --separate-stderr kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --from-file "$d/bad.csv" --execute
	assert_output --partial "line 2: partition 'x' is not a partition number"
	printf '%s,0\n' "$T1" >"$d/short.csv"
	run kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --from-file "$d/short.csv" --execute
	assert_output --partial "line 1: 2 field(s), expected topic,partition,offset"
	printf '"%s,0,1\n' "$T1" >"$d/quote.csv"
	run kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --from-file "$d/quote.csv" --execute
	assert_output --partial "line 1: a quoted field is not closed"
	[[ $(offsets "$g") == "$before" ]]
}

@test "--delete and --delete-offsets equal Apache's, then the groups are gone" {
	local g1=$P-del1 g2=$P-del2 g3=$P-del3
	for g in "$g1" "$g2" "$g3"; do
		kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --topic "$T1" \
			--topic "$T2" --to-earliest --execute >/dev/null
	done
	differ "${B[@]}" --delete-offsets --group "$g3" --topic "$T2"
	differ "${B[@]}" --delete-offsets --group "$g3" --topic "$T1:0,7"
	differ "${B[@]}" --delete-offsets --group "$G_LIVE" --topic "$T2"
	differ "${B[@]}" --delete-offsets --group "$P-nosuch" --topic "$T1"
	differ "${B[@]}" --delete-offsets --group "$g3" --topic "$P-nosuch"
	# distinct buckets (setup_file): Apache's order is fixed
	differ "${B[@]}" --delete --group "$P-nosuch" --group "$G_LIVE"
	run kafka-consumer-groups "${B[@]}" --delete --group "$g1" --group "$g2"
	assert_success
	assert_output --regexp "^Deletion of requested consumer groups \('$P-del[12]', '$P-del[12]'\) was successful.$"
	run kafka-consumer-groups "${B[@]}" --delete --group "$g3" --group "$P-nosuch"
	assert_line "* Group '$P-nosuch' could not be deleted due to: org.apache.kafka.common.errors.GroupIdNotFoundException: The group id does not exist."
	assert_line "These consumer groups were deleted successfully: '$g3'"
	run kafka-consumer-groups "${B[@]}" --list
	refute_line "$g1"
	refute_line "$g3"
}

@test "argument errors: Apache's messages, order of checks and exit status" {
	differ_err
	differ_err --help
	differ_err --list
	differ_err "${B[@]}"
	differ_err "${B[@]}" --describe
	differ_err "${B[@]}" --list --describe
	differ_err "${B[@]}" --describe --group g --members --state
	differ_err "${B[@]}" --describe --group g --state foo
	differ_err "${B[@]}" --list --members
	differ_err "${B[@]}" --list --verbose
	differ_err "${B[@]}" --describe --group g --type
	differ_err "${B[@]}" --describe --group g --topic t
	differ_err "${B[@]}" --list --group g
	differ_err "${B[@]}" --list --topic t
	differ_err "${B[@]}" --describe --group g --all-groups
	differ_err "${B[@]}" --delete
	differ_err "${B[@]}" --delete --group g --topic t
	differ_err "${B[@]}" --delete-offsets --group g
	differ_err "${B[@]}" --reset-offsets --topic t --to-earliest
	differ_err "${B[@]}" --reset-offsets --group g --topic t --to-earliest --dry-run --execute
	differ_err "${B[@]}" --reset-offsets --group g --topic t --to-earliest --to-latest
	differ_err "${B[@]}" --reset-offsets --group g --topic t --to-offset 1 --from-file f
	differ_err "${B[@]}" --list --state bogus
	differ_err "${B[@]}" --list --type share
	differ_err "${B[@]}" --list --timeout x
	differ "${B[@]}" --list --timeout x
	differ "${B[@]}" --delete-offsets --group g --group h --topic t
	differ_err "${B[@]}" --list --nosuch
	differ --version
}

@test "--validate-regex: RE2 verdicts and messages equal Apache's" {
	local re
	for re in 'a(b' 'a)b' '[ab' 'a**' '(?=x)' '\1' 'a{2,1}' 'x\q' 'ok.*' \
		'(?i)abc' '(?P<n>x)' '[z-a]' '\pL+' 'a{1001}' '*a' '[[:alpha:]]' \
		'\Qa.b\E' '(?:a|b)+?' 'orders-[0-9]+' '^$'; do
		differ --validate-regex "$re"
	done
}

@test "kafkit: --output json is valid JSON with numbers and nulls where Apache prints -" {
	run kafka-consumer-groups "${B[@]}" --list --output json
	assert_success
	jq -s -e --arg g "$G_AK" 'map(select(.group == $g)) |
		length == 1 and .[0].type == "consumer" and .[0].state == "Empty"' <<<"$output"
	run kafka-consumer-groups "${B[@]}" --describe --group "$G_OURS" --group "$G_LIVEK" --output json
	assert_success
	[[ $(wc -l <<<"$output") -eq 2 ]]
	jq -s -e --arg g "$G_OURS" '.[] | select(.group == $g) |
		.protocol == "classic" and .state == "Empty" and
		.group_epoch == null and (.offsets | length) == 3 and
		all(.offsets[]; (.current_offset | type) == "number" and
			.lag == .log_end_offset - .current_offset and .member_id == null)' <<<"$output"
	jq -s -e --arg g "$G_LIVEK" '.[] | select(.group == $g) |
		.protocol == "consumer" and .state == "Stable" and
		(.group_epoch | type) == "number" and
		.members[0].instance_id == "inst-1" and
		(.members[0].target_assignment | length) > 0' <<<"$output"
	run kafka-consumer-groups "${B[@]}" --describe --group "$P-unknown" --output json
	jq -e '.error == "Group '"$P"'-unknown not found." and .members == []' <<<"$output"
	run kafka-consumer-groups "${B[@]}" --delete --group x --output json
	assert_failure 1
}

@test "kafkit: the lag gate --lag-max exits 3 when a partition lags more, 0 otherwise" {
	local g=$P-gate
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --topic "$T1" \
		--to-latest --execute >/dev/null
	run kafka-consumer-groups "${B[@]}" --describe --group "$g" --lag-max 0
	assert_success
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --topic "$T1:1" \
		--shift-by -10 --execute >/dev/null
	run --separate-stderr kafka-consumer-groups "${B[@]}" --describe --group "$g" --lag-max 5
	assert_failure 3
	[[ $stderr == *"group '$g': $T1-1 lags by 10"* ]] || { echo "$stderr"; false; }
	run kafka-consumer-groups "${B[@]}" --describe --group "$g" --lag-max 10
	assert_success
	run kafka-consumer-groups "${B[@]}" --describe --group "$P-unknown" --lag-max 10
	assert_failure 1
}

@test "kafkit: --wait-until-caught-up waits for a lagging consumer with a producer running, and times out naming the partitions" {
	local g=$P-wait t=$P-t1 d=$BATS_TEST_TMPDIR start
	kafka-consumer-groups "${B[@]}" --reset-offsets --group "$g" --topic "$t" \
		--to-earliest --execute >/dev/null
	# nobody consumes: times out, exit 3, lagging partitions named
	start=$SECONDS
	run --separate-stderr kafka-consumer-groups "${B[@]}" --describe --group "$g" \
		--wait-until-caught-up --timeout-ms 1500
	assert_failure 3
	((SECONDS - start < 10))
	[[ $stderr == *"$t-0 lags by"* ]] || { echo "$stderr"; false; }
	# a producer keeps writing for a while; a slow consumer catches up
	(for i in $(seq 1 20); do echo "late-$i"; sleep 0.1; done |
		kafka-console-producer "${B[@]}" --topic "$t") &
	(sleep 1; timeout 60 kafka-console-consumer "${B[@]}" --topic "$t" \
		--group "$g" --timeout-ms 6000 >/dev/null 2>&1) &
	run --separate-stderr kafka-consumer-groups "${B[@]}" --describe --group "$g" \
		--wait-until-caught-up --timeout-ms 40000
	wait
	assert_success
	run kafka-consumer-groups "${B[@]}" --describe --group "$g" --lag-max 0
	assert_success
}

@test "kafkit: an unreachable broker fails at once with the reason, exit 0 as Apache" {
	run --separate-stderr kafka-consumer-groups --bootstrap-server 127.0.0.1:1 --list --timeout 3000
	assert_success
	assert_output --partial "Error: Executing consumer group command failed due to"
	assert_output --partial "refused"
}
