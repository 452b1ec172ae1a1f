# shellcheck shell=bash
#
# demo.sh - the steps of `bash tests/run demo`, sourced by tests/run once a
# real broker serves at $KAFKA_BOOTSTRAP and build/ is first on PATH.
# Each step prints its command line before it runs.

# step CMD ARGS...: show the command, run it, stop the demo if it fails
step()
{
	printf '\n$ %s\n' "$*"
	"$@" || { echo "demo: step failed (status $?): $*" >&2; return 1; }
}

# step_head N CMD ARGS...: a step that shows only the first N lines
step_head()
{
	local n=$1 out rc
	shift
	printf '\n$ %s | head -n %s\n' "$*" "$n"
	out=$("$@")
	rc=$?
	printf '%s\n' "$out" | head -n "$n"
	((rc == 0)) || { echo "demo: step failed (status $rc): $*" >&2; return 1; }
}

# apache TOOL ARGS...: an Apache reference tool (tests/kafka/apache)
apache()
{
	"$KAFKIT_ROOT/tests/kafka/apache" "$@"
}

# timed NAME CMD ARGS...: run a command quietly three times and print its
# best wall time
timed()
{
	local name=$1 t0 t1 best= i
	shift
	for i in 1 2 3; do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || { echo "demo: $name failed" >&2; return 1; }
		t1=$(date +%s%N)
		((best == 0 || t1 - t0 < best)) && best=$((t1 - t0))
	done
	printf '  %-34s %6d ms (best of 3)\n' "$name" $((best / 1000000))
}

demo_steps()
{
	local t=demo-$$ data=${KAFKA_DATA_DIR:-${DEMO_DIR:+$DEMO_DIR/data}}
	echo "kafkit demo against a real Apache Kafka $KAFKA_VERSION broker at $KAFKA_BOOTSTRAP"
	echo "(every command below is kafkit's, from build/, unless it says apache)"

	step kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--create --topic "$t" --partitions 3 --replication-factor 1 \
		--config compression.type=producer || return 1

	printf '\n$ printf ... | kafka-console-producer --topic %s --reader-property parse.key=true --compression-codec lz4\n' "$t"
	printf 'alice\thello from kafkit\nbob\tno JVM needed\ncarol\tkeys land where Java puts them\nalice\tsecond line for alice\n' |
		kafka-console-producer --bootstrap-server "$KAFKA_BOOTSTRAP" \
			--topic "$t" --reader-property parse.key=true \
			--compression-codec lz4 || return 1

	step kafka-console-producer --print-partition --partitions 3 alice bob carol ||
		return 1

	step kafka-console-consumer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$t" --from-beginning --max-messages 4 \
		--formatter-property print.key=true --formatter-property print.partition=true \
		--formatter-property print.offset=true || return 1

	step kafka-console-consumer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$t" --partition 0 --offset earliest --max-messages 1 \
		--output json || return 1

	step kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--describe --topic "$t" || return 1
	step kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--describe --topic "$t" --output json || return 1

	# a group: consume half, then look at its lag, rewind it, gate on it
	step kafka-console-consumer --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--topic "$t" --group "$t-app" --from-beginning --max-messages 2 ||
		return 1
	step kafka-consumer-groups --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--list --state --type || return 1
	step kafka-consumer-groups --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--describe --group "$t-app" || return 1
	step kafka-consumer-groups --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--reset-offsets --group "$t-app" --topic "$t" --to-earliest \
		--execute || return 1
	printf '\n$ kafka-consumer-groups --describe --group %s --lag-max 0; echo "exit $?"\n' "$t-app"
	kafka-consumer-groups --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--describe --group "$t-app" --lag-max 0 2>&1
	echo "exit $? (3: some partition lags; the CI gate)"

	if [[ -n $data && -d $data/$t-0 ]]; then
		local seg
		for seg in "$data/$t"-*/00000000000000000000.log; do
			[[ -s $seg ]] && break
		done
		step kafka-dump-log --files "$seg" --deep-iteration \
			--print-data-log || return 1
		step kafka-dump-log --files "$seg" --summary || return 1
	fi

	echo
	echo "start-up and answer time, kafkit vs Apache (same broker):"
	timed "kafkit kafka-topics --list" kafka-topics \
		--bootstrap-server "$KAFKA_BOOTSTRAP" --list || return 1
	timed "apache kafka-topics --list" apache kafka-topics \
		--bootstrap-server "$KAFKA_BOOTSTRAP" --list || return 1
	timed "kafkit kafka-consumer-groups --describe" kafka-consumer-groups \
		--bootstrap-server "$KAFKA_BOOTSTRAP" --describe --group "$t-app" ||
		return 1
	timed "apache kafka-consumer-groups --describe" apache \
		kafka-consumer-groups --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--describe --group "$t-app" || return 1

	step kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--delete --topic "$t" || return 1
	echo
	echo "demo: done"
}
