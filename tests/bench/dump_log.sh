#!/bin/bash
# dump_log.sh - kafka-dump-log against Apache's, side by side, on one big
# segment of 1 KB records (made by kt-gen-segment with record.c's encoder).
#
#   tests/bench/dump_log.sh [BUILD_DIR [SIZE_MB]]     (default build, 1024)
#
# APACHE: command that runs Apache's tool (default: the dev harness's
# "apache" script with kafka-dump-log). Reports wall time and peak RSS
# (/usr/bin/time -v) of --deep-iteration --print-data-log to /dev/null for
# both, and ours decoding + CRC-checking every batch without printing
# (--verify) in GB/s.
set -eu
build=${1:-build}
mb=${2:-1024}
apache=${APACHE:-/work/wt/dev-kafka/apache kafka-dump-log}
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

	/usr/bin/time -v "$@" >/dev/null 2>"$dir/time" || true
	wall=$(grep 'Elapsed (wall clock)' "$dir/time" | awk '{print $NF}')
	rss=$(grep 'Maximum resident set size' "$dir/time" | awk '{print $NF}')
	usr=$(grep 'User time' "$dir/time" | awk '{print $NF}')
	sys=$(grep 'System time' "$dir/time" | awk '{print $NF}')
	secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
	cpu=$(echo "$usr $sys" | awk '{print $1+$2}')
	printf '%-42s wall %7.2f s  cpu %7.2f s  peak RSS %7d KB  %7.0f MB/s (wall)  %7.0f MB/s (cpu)\n' \
		"$label" "$secs" "$cpu" "$rss" \
		"$(echo "$bytes $secs" | awk '{ print ($2 > 0) ? $1/$2/1e6 : 0 }')" \
		"$(echo "$bytes $cpu" | awk '{ print ($2 > 0) ? $1/$2/1e6 : 0 }')"
	last_wall=$secs
	last_cpu=$cpu
}

measure "kafkit --verify (decode + CRC, no text)" \
	"$build/kafka-dump-log" --files "$seg" --verify
k_wall=$last_wall k_cpu=$last_cpu
measure "kafkit --deep-iteration --print-data-log" \
	"$build/kafka-dump-log" --files "$seg" --deep-iteration --print-data-log
p_wall=$last_wall p_cpu=$last_cpu
measure "apache --deep-iteration --print-data-log" \
	$apache --files "$seg" --deep-iteration --print-data-log
echo "kafkit decode+CRC: $(echo "$bytes $k_wall $k_cpu" | awk '{printf "%.2f GB/s wall, %.2f GB/s cpu", $1/$2/1e9, $1/$3/1e9}')"
echo "speed-up over Apache (print): $(echo "$last_wall $p_wall $last_cpu $p_cpu" | awk '{printf "%.1fx wall, %.1fx cpu", $1/$2, $3/$4}')"
