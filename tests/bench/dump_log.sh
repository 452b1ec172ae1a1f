#!/bin/bash
# dump_log.sh - kafka-dump-log against Apache's, side by side, on one big
# segment of 1 KB records (made by kt-gen-segment with record.c's encoder).
#
#   tests/bench/dump_log.sh [BUILD_DIR [SIZE_MB]]     (default build, 1024)
#   ROUNDS=N (default 3): rounds of the runs; medians are reported
#
# APACHE: command that runs Apache's tool (default: the harness jars with
# the JVM options of Apache's own bin/ scripts). Reports wall time and peak RSS
# (/usr/bin/time -v) of --deep-iteration --print-data-log to /dev/null for
# both, and ours decoding + CRC-checking every batch without printing
# (--verify) in GB/s, also pinned to one core with taskset (the read-ahead
# thread then shares the decoder's core). kcat has no offline reader: no
# peer to run here.
set -eu
build=${1:-build}
mb=${2:-1024}
# Apache as bin/kafka-dump-log.sh runs it (kafka-run-class.sh: -Xmx256M,
# KAFKA_JVM_PERFORMANCE_OPTS, full tiered JIT), from the harness jars.
# tests/kafka/apache stops at C1 for quick tool starts, which makes a long
# dump about 2.5x slower and is not what users run.
if [ -z "${APACHE:-}" ]; then
	root=$(cd "$(dirname "$0")/../.." && pwd)
	# shellcheck source=tests/kafka/kh.sh
	. "$root/tests/kafka/kh.sh"
	kh_fetch >/dev/null || exit 1
	APACHE="$KH_JAVA -Xmx256M $KH_JVM_PERF -cp $KH_LIBS/* org.apache.kafka.tools.DumpLogSegments"
fi
apache=$APACHE
set -f # $apache is split into words, its classpath "*" must stay one
dir=$(mktemp -d /tmp/kt-bench-dumplog.XXXXXX)
trap 'rm -rf "$dir"' EXIT
seg=$dir/00000000000000000000.log

"$build/kt-gen-segment" "$seg" "$mb" 1024 16
bytes=$(stat -c %s "$seg")
echo "segment: $bytes bytes, 1 KB records, 16 per batch, uncompressed"
cat "$seg" >/dev/null # page cache warm for everyone

measure() { # label command...
	local label=$1 t
	shift

	# wall time from the clock in ns: time -v rounds to 10 ms
	t=$(date +%s%N)
	/usr/bin/time -v "$@" >/dev/null 2>"$dir/time" || true
	t=$(($(date +%s%N) - t))
	rss=$(grep 'Maximum resident set size' "$dir/time" | awk '{print $NF}')
	usr=$(grep 'User time' "$dir/time" | awk '{print $NF}')
	sys=$(grep 'System time' "$dir/time" | awk '{print $NF}')
	secs=$(echo "$t" | awk '{ printf "%.3f", $1 / 1e9 }')
	cpu=$(echo "$usr $sys" | awk '{print $1+$2}')
	printf '%-42s wall %7.3f s  cpu %7.2f s  peak RSS %7d KB  %7.0f MB/s (wall)  %7.0f MB/s (cpu)\n' \
		"$label" "$secs" "$cpu" "$rss" \
		"$(echo "$bytes $secs" | awk '{ print ($2 > 0) ? $1/$2/1e6 : 0 }')" \
		"$(echo "$bytes $cpu" | awk '{ print ($2 > 0) ? $1/$2/1e6 : 0 }')"
	last_wall=$secs
	last_cpu=$cpu
}

# ROUNDS rounds (default 3), the runs side by side in each round,
# so that a busy moment of the machine hits everyone; medians at the end.
rounds=${ROUNDS:-3}
: >"$dir/k" ; : >"$dir/k1" ; : >"$dir/p" ; : >"$dir/a"
for r in $(seq "$rounds"); do
	echo "--- round $r of $rounds"
	measure "kafkit --verify (decode + CRC, no text)" \
		"$build/kafka-dump-log" --files "$seg" --verify
	echo "$last_wall $last_cpu" >>"$dir/k"
	# the read-ahead thread and the decoder share one core
	measure "kafkit --verify on one core (taskset)" \
		taskset -c 0 "$build/kafka-dump-log" --files "$seg" --verify
	echo "$last_wall $last_cpu" >>"$dir/k1"
	measure "kafkit --deep-iteration --print-data-log" \
		"$build/kafka-dump-log" --files "$seg" --deep-iteration --print-data-log
	echo "$last_wall $last_cpu" >>"$dir/p"
	measure "apache --deep-iteration --print-data-log" \
		$apache --files "$seg" --deep-iteration --print-data-log
	echo "$last_wall $last_cpu" >>"$dir/a"
done
median() { # file column
	sort -g -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}
k_wall=$(median "$dir/k" 1) k_cpu=$(median "$dir/k" 2)
k1_wall=$(median "$dir/k1" 1)
p_wall=$(median "$dir/p" 1) p_cpu=$(median "$dir/p" 2)
a_wall=$(median "$dir/a" 1) a_cpu=$(median "$dir/a" 2)
echo "--- medians of $rounds rounds"
echo "kafkit print: $p_wall s wall, $p_cpu s cpu; apache print: $a_wall s wall, $a_cpu s cpu"
echo "kafkit decode+CRC: $(echo "$bytes $k_wall $k_cpu" | awk '{printf "%.2f GB/s wall, %.2f GB/s cpu", $1/$2/1e9, $1/$3/1e9}')"
echo "kafkit decode+CRC on one core: $(echo "$bytes $k1_wall" | awk '{printf "%.2f GB/s wall", $1/$2/1e9}')"
echo "speed-up over Apache (print): $(echo "$a_wall $p_wall $a_cpu $p_cpu" | awk '{printf "%.1fx wall, %.1fx cpu", $1/$2, $3/$4}')"
