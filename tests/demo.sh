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

demo_steps()
{
	local t=demo-$$
	echo "kafkit demo against a real Apache Kafka $KAFKA_VERSION broker at $KAFKA_BOOTSTRAP"
	step_head 4 apache kafka-broker-api-versions --bootstrap-server "$KAFKA_BOOTSTRAP" ||
		return 1
	step apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--create --topic "$t" --partitions 3 --replication-factor 1 || return 1
	step apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--describe --topic "$t" || return 1

	# ---- kafkit tool steps go here (the lead fills them in) ----------
	# e.g. step kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --list
	#      (build/ is first on PATH: these are kafkit's binaries)
	# ------------------------------------------------------------------

	step apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--delete --topic "$t" || return 1
	echo
	echo "demo: done"
}
