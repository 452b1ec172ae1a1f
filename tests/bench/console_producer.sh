#!/bin/bash
# console_producer.sh - kafka-console-producer side by side with kcat
# (librdkafka) and Apache's console producer: 1,000,000 lines of 100 bytes
# from a file into a 6-partition topic, acks=1, lz4, against the same
# broker in one run. Each tool runs ROUNDS times, interleaved (the order
# turns each round), into its own topic; wall time, CPU time (user +
# system: what the client itself costs, the broker on the same machine
# aside) and peak RSS come from /usr/bin/time, the record count is checked
# from the partition end offsets. Two untimed runs of ours and kcat warm
# the broker up first.
#
#   tests/bench/console_producer.sh [BUILD_DIR]
#
# Environment:
#   KAFKA_BOOTSTRAP  broker (default 127.0.0.1:19092)
#   APACHE           command running an Apache tool: "$APACHE TOOL ARGS"
#                    (default tests/kafka/apache, the harness wrapper)
#   ROUNDS           runs per tool and setting (default 3)
#   LINES            input lines (default 1000000)
#   SETTINGS         "default matched small" (default all three):
#                    "default" runs every tool with its own batch size
#                    (Apache and kafkit 16384, librdkafka 1000000);
#                    "matched" gives Apache's tool and kafkit --batch-size
#                    1000000, librdkafka's default; "small" gives kcat
#                    Apache's 16384 (-X batch.size=16384).
#   CLIENT_CONFIG    a client.properties file for kafkit's and Apache's
#                    tools (security settings: tests/bench/sasl_ssl.sh)
#   KCAT_CONFIG      the same settings for kcat, as librdkafka properties
#
# Prints one line per run and a summary with the median per tool; exits 1
# when kafkit is slower than kcat, not 3x faster than Apache, or above
# 64 MB peak RSS in a setting.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
B=${KAFKA_BOOTSTRAP:-127.0.0.1:19092}
APACHE=${APACHE:-$ROOT/tests/kafka/apache}
ROUNDS=${ROUNDS:-3}
LINES=${LINES:-1000000}
SETTINGS=${SETTINGS:-default matched small}
OURS=$BUILD/kafka-console-producer
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kafkit-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# the security settings, for each tool in its own words
PC=() TC=() KC=()
if [ -n "${CLIENT_CONFIG:-}" ]; then
	PC=(--command-config "$CLIENT_CONFIG")
	TC=(--command-config "$CLIENT_CONFIG")
fi
[ -n "${KCAT_CONFIG:-}" ] && KC=(-F "$KCAT_CONFIG")

command -v kcat >/dev/null || { echo "bench: kcat not found" >&2; exit 2; }
[ -x "$OURS" ] || { echo "bench: $OURS not built" >&2; exit 2; }

# 100-byte lines (99 characters and '\n'): a counter and words, so that lz4
# has text to work on
awk -v n="$LINES" 'BEGIN {
	srand(42);
	split("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu", w, " ");
	for (i = 0; i < n; i++) {
		s = sprintf("%08d", i);
		while (length(s) < 99)
			s = s " " w[int(rand() * 26) + 1] int(rand() * 1000);
		print substr(s, 1, 99);
	}
}' >"$WORK/lines"
echo "# input: $(wc -l <"$WORK/lines") lines, $(wc -c <"$WORK/lines") bytes; broker $B"

topic() {
	local t=kafkit-bench-$1-$$-$RANDOM
	$APACHE kafka-topics --bootstrap-server "$B" "${TC[@]}" --create --topic "$t" \
		--partitions 6 >/dev/null
	echo "$t"
}

# records in topic: sum of the partitions' end offsets
count() {
	kcat "${KC[@]}" -b "$B" -Q -t "$1:0:-1" -t "$1:1:-1" -t "$1:2:-1" -t "$1:3:-1" \
		-t "$1:4:-1" -t "$1:5:-1" 2>/dev/null |
		awk '{ s += $NF } END { print s + 0 }'
}

# run NAME SETTING TOPIC CMD...: time one run, check the count grew by LINES
run() {
	local name=$1 setting=$2 t=$3 before after
	shift 3
	before=$(count "$t")
	/usr/bin/time -f '%e %M %U %S' -o "$WORK/time" "$@" <"$WORK/lines" \
		>"$WORK/out" 2>&1 || {
		echo "bench: $name failed:" >&2
		cat "$WORK/out" >&2
		exit 1
	}
	after=$(count "$t")
	read -r secs kb usr sys <"$WORK/time"
	if [ $((after - before)) -ne "$LINES" ]; then
		echo "bench: $name wrote $((after - before)) records, not $LINES" >&2
		exit 1
	fi
	printf '%-8s %-8s %6.2f s %9.0f rec/s %6.1f MB/s  CPU %5.2f s  peak RSS %6.1f MB\n' \
		"$setting" "$name" "$secs" "$(echo "$LINES / $secs" | bc -l)" \
		"$(echo "$(wc -c <"$WORK/lines") / $secs / 1000000" | bc -l)" \
		"$(echo "$usr + $sys" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
	echo "$setting $name $secs $kb" >>"$WORK/results"
}

# warm the broker up first (its JIT): a cold broker slows the first
# setting's runs, and most the tool that sends the most requests
t_warm=$(topic warm)
for ((i = 1; i <= 2; i++)); do
	"$OURS" --bootstrap-server "$B" "${PC[@]}" --topic "$t_warm" \
		--request-required-acks 1 --compression-codec lz4 <"$WORK/lines"
	kcat "${KC[@]}" -b "$B" -P -t "$t_warm" -X acks=1 -z lz4 <"$WORK/lines"
done
$APACHE kafka-topics --bootstrap-server "$B" "${TC[@]}" --delete \
	--topic "$t_warm" >/dev/null 2>&1 || true

for setting in $SETTINGS; do
	case $setting in
	default) extra=() kextra=() ;;
	matched) extra=(--batch-size 1000000) kextra=() ;;
	small) extra=() kextra=(-X batch.size=16384) ;;
	*) echo "bench: unknown setting $setting" >&2; exit 2 ;;
	esac
	t_ours=$(topic ours)
	t_kcat=$(topic kcat)
	t_apache=$(topic apache)
	# the order turns each round, so that no tool always runs first
	# after the topics were made or right after Apache's JVM
	order=(kafkit kcat apache)
	for ((i = 1; i <= ROUNDS; i++)); do
		for ((j = 0; j < 3; j++)); do
			case ${order[(i - 1 + j) % 3]} in
			kafkit)
				run kafkit "$setting" "$t_ours" "$OURS" \
					--bootstrap-server "$B" "${PC[@]}" \
					--topic "$t_ours" --request-required-acks 1 \
					--compression-codec lz4 "${extra[@]}" ;;
			kcat)
				run kcat "$setting" "$t_kcat" kcat "${KC[@]}" \
					-b "$B" -P -t "$t_kcat" -X acks=1 -z lz4 \
					"${kextra[@]}" ;;
			apache)
				run apache "$setting" "$t_apache" \
					$APACHE kafka-console-producer \
					--bootstrap-server "$B" "${PC[@]}" \
					--topic "$t_apache" --request-required-acks 1 \
					--compression-codec lz4 "${extra[@]}" ;;
			esac
		done
	done
	for t in "$t_ours" "$t_kcat" "$t_apache"; do
		$APACHE kafka-topics --bootstrap-server "$B" "${TC[@]}" --delete \
			--topic "$t" >/dev/null 2>&1 || true
	done
done

echo "# medians over $ROUNDS runs"
fail=0
for setting in $SETTINGS; do
	med() {
		grep "^$setting $1 " "$WORK/results" | awk '{ print $3 }' |
			sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
	}
	rss() {
		grep "^$setting $1 " "$WORK/results" | awk '{ print $4 }' |
			sort -n | tail -1
	}
	o=$(med kafkit) k=$(med kcat) a=$(med apache) r=$(rss kafkit)
	printf '%-8s kafkit %.2f s, kcat %.2f s, apache %.2f s: kafkit/kcat %.2f, apache/kafkit %.1fx, kafkit peak RSS %.1f MB\n' \
		"$setting" "$o" "$k" "$a" "$(echo "$o / $k" | bc -l)" \
		"$(echo "$a / $o" | bc -l)" "$(echo "$r / 1024" | bc -l)"
	if [ "$(echo "$o > $k" | bc -l)" = 1 ]; then
		echo "FAIL $setting: kafkit slower than kcat"
		fail=1
	fi
	if [ "$(echo "$a < 3 * $o" | bc -l)" = 1 ]; then
		echo "FAIL $setting: kafkit not 3x faster than Apache"
		fail=1
	fi
	if [ "$r" -ge $((64 * 1024)) ]; then
		echo "FAIL $setting: kafkit peak RSS of 64 MB or more"
		fail=1
	fi
done
exit $fail
