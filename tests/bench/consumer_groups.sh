#!/bin/bash
# consumer_groups.sh - kafka-consumer-groups --list and --describe, ours and
# Apache's side by side, on a cluster with (at least) 200 groups and one
# group committed on 60 partitions.
#
#   tests/bench/consumer_groups.sh [BUILD_DIR [GROUPS [PARTITIONS]]]
#                                       (default build, 200 groups, 60)
#
# KAFKA_BOOTSTRAP: the cluster (default: start a broker of our own with
# tests/kafka/broker). APACHE: command that runs Apache's
# kafka-consumer-groups (default: tests/kafka/apache). Makes the groups with
# our tool (--reset-offsets --execute), checks that both tools print the
# same text, reports wall time (best of RUNS=3) and peak RSS
# (/usr/bin/time -v) of each, and exits 1 unless ours is at least 30x
# faster in wall time and stays under 16 MB of peak RSS.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
ngroups=${2:-200}
parts=${3:-60}
runs=${RUNS:-3}
apache=${APACHE:-$root/tests/kafka/apache kafka-consumer-groups}
ours="$build/kafka-consumer-groups"
dir=$(mktemp -d /tmp/kt-bench-groups.XXXXXX)
prefix=kt-bench-$$
broker_dir=
cleanup() {
	[ -n "$broker_dir" ] && "$root/tests/kafka/broker" stop "$broker_dir" >/dev/null 2>&1
	rm -rf "$dir"
}
trap cleanup EXIT
if [ -z "${KAFKA_BOOTSTRAP:-}" ]; then
	broker_dir=$dir/broker
	KAFKA_BOOTSTRAP=$("$root/tests/kafka/broker" start "$broker_dir")
fi
bs=$KAFKA_BOOTSTRAP

"$build/kafka-topics" --bootstrap-server "$bs" --create --topic "$prefix-wide" \
	--partitions "$parts" >/dev/null
"$build/kafka-topics" --bootstrap-server "$bs" --create --topic "$prefix-small" \
	--partitions 1 >/dev/null
seq 1 20000 | sed 's/.*/k&\tv&/' | "$build/kafka-console-producer" \
	--bootstrap-server "$bs" --topic "$prefix-wide" --reader-property parse.key=true
echo "making $ngroups groups ($prefix-g*) and one on $parts partitions..."
t0=$(date +%s%N)
seq 1 "$ngroups" | xargs -P 8 -I{} "$ours" --bootstrap-server "$bs" \
	--reset-offsets --group "$prefix-g{}" --topic "$prefix-small" \
	--to-earliest --execute >/dev/null
"$ours" --bootstrap-server "$bs" --reset-offsets --group "$prefix-wide" \
	--topic "$prefix-wide" --to-latest --execute >/dev/null
"$ours" --bootstrap-server "$bs" --reset-offsets --group "$prefix-wide" \
	--topic "$prefix-wide" --shift-by -7 --execute >/dev/null 2>&1
t1=$(date +%s%N)
total=$("$ours" --bootstrap-server "$bs" --list | wc -l)
echo "made in $(((t1 - t0) / 1000000)) ms; the cluster now has $total groups"

# shellcheck source=tests/bench/measure.sh
. "$(dirname "$0")/measure.sh"

status=0
for mode in list describe; do
	if [ $mode = list ]; then
		args=(--list)
	else
		args=(--describe --group "$prefix-wide")
	fi
	"$ours" --bootstrap-server "$bs" "${args[@]}" >"$dir/ours.$mode" 2>/dev/null
	$apache --bootstrap-server "$bs" "${args[@]}" >"$dir/apache.$mode" 2>/dev/null
	if cmp -s "$dir/ours.$mode" "$dir/apache.$mode"; then
		echo "$mode: identical output ($(wc -l <"$dir/ours.$mode") lines)"
	else
		echo "$mode: OUTPUT DIFFERS"
		diff "$dir/apache.$mode" "$dir/ours.$mode" | head -5
		status=1
	fi
	measure "kafkit kafka-consumer-groups ${args[*]:0:1}" "$ours" --bootstrap-server "$bs" "${args[@]}"
	o_wall=$last_wall o_rss=$last_rss
	measure "apache kafka-consumer-groups ${args[*]:0:1}" $apache --bootstrap-server "$bs" "${args[@]}"
	a_wall=$last_wall
	x=$(awk "BEGIN { printf \"%.0f\", $a_wall / ($o_wall > 0 ? $o_wall : 0.001) }")
	echo "$mode: kafkit is ${x}x faster (wall), peak RSS $o_rss KB"
	if [ "$x" -lt 30 ] || [ "$o_rss" -ge 16384 ]; then
		echo "$mode: FAIL (want >= 30x and < 16384 KB)"
		status=1
	fi
done
exit $status
