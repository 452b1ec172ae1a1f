#!/bin/bash
# topics.sh - kafka-topics --list and --describe, ours and Apache's side by
# side on a cluster with (at least) 500 topics.
#
#   tests/bench/topics.sh [BUILD_DIR [TOPICS [PARTITIONS]]]
#                                       (default build, 500 topics, 3 parts)
#
# KAFKA_BOOTSTRAP: the cluster (default 127.0.0.1:19092, the dev broker).
# APACHE: command that runs Apache's kafka-topics (default: the dev
# harness's "apache" script). Creates TOPICS topics named kt-bench-PID-N
# with our tool, checks that both tools print the same text, reports wall
# time (best of RUNS=3) and peak RSS (/usr/bin/time -v) of each, deletes the
# topics, and exits 1 unless ours is at least 30x faster in wall time and
# stays under 10 MB of peak RSS.
set -eu
build=${1:-build}
n=${2:-500}
parts=${3:-3}
runs=${RUNS:-3}
bs=${KAFKA_BOOTSTRAP:-127.0.0.1:19092}
apache=${APACHE:-$(cd "$(dirname "$0")/../.." && pwd)/tests/kafka/apache kafka-topics}
ours="$build/kafka-topics"
dir=$(mktemp -d /tmp/kt-bench-topics.XXXXXX)
prefix=kt-bench-$$
cleanup() {
	"$ours" --bootstrap-server "$bs" --delete --topic "$prefix-.*" \
		--if-exists >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT

echo "creating $n topics of $parts partitions ($prefix-*) with kafkit..."
t0=$(date +%s%N)
seq 1 "$n" | xargs -P 8 -I{} "$ours" --bootstrap-server "$bs" --create \
	--topic "$prefix-{}" --partitions "$parts" >/dev/null
t1=$(date +%s%N)
total=$("$ours" --bootstrap-server "$bs" --list | wc -l)
echo "created in $(((t1 - t0) / 1000000)) ms; the cluster now has $total topics"

# shellcheck source=tests/bench/measure.sh
. "$(dirname "$0")/measure.sh"

status=0
for mode in list describe; do
	"$ours" --bootstrap-server "$bs" --$mode >"$dir/ours.$mode"
	$apache --bootstrap-server "$bs" --$mode >"$dir/apache.$mode"
	if cmp -s "$dir/ours.$mode" "$dir/apache.$mode"; then
		echo "--$mode: identical output ($(wc -l <"$dir/ours.$mode") lines)"
	else
		echo "--$mode: OUTPUT DIFFERS"
		diff "$dir/apache.$mode" "$dir/ours.$mode" | head -5
		status=1
	fi
	measure "kafkit kafka-topics --$mode" "$ours" --bootstrap-server "$bs" --$mode
	o_wall=$last_wall o_rss=$last_rss
	measure "apache kafka-topics --$mode" $apache --bootstrap-server "$bs" --$mode
	a_wall=$last_wall
	x=$(awk "BEGIN { printf \"%.0f\", $a_wall / ($o_wall > 0 ? $o_wall : 0.001) }")
	echo "--$mode: kafkit is ${x}x faster (wall), peak RSS $o_rss KB"
	if [ "$x" -lt 30 ] || [ "$o_rss" -ge 10240 ]; then
		echo "--$mode: FAIL (want >= 30x and < 10240 KB)"
		status=1
	fi
done
exit $status
