# shellcheck shell=bash
#
# measure.sh - sourced by the admin-tool benchmarks (topics.sh,
# consumer_groups.sh): the best wall time of a command over $runs runs and
# the peak RSS of that run.
#
#   measure LABEL CMD...   prints one line; sets last_wall (s) and
#                          last_rss (KB). Needs $dir (scratch) and $runs.
#
# The wall time comes from the clock around the run (/usr/bin/time counts
# only to 10 ms); the RSS from /usr/bin/time -v.
measure() {
	local label=$1 i w r t0 t1 best= rss=
	shift
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		/usr/bin/time -v "$@" >"$dir/out" 2>"$dir/time"
		t1=$(date +%s%N)
		w=$(awk "BEGIN { printf \"%.4f\", ($t1 - $t0) / 1e9 }")
		r=$(awk '/Maximum resident set size/ { print $NF }' "$dir/time")
		if [ -z "$best" ] || awk "BEGIN { exit !($w < $best) }"; then
			best=$w rss=$r
		fi
	done
	printf '%-48s wall %8.4f s   peak RSS %8d KB\n' "$label" "$best" "$rss"
	last_wall=$best last_rss=$rss
}
