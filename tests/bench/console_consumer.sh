#!/bin/bash
# console_consumer.sh - kafka-console-consumer side by side with kcat
# (librdkafka) and Apache's console consumer: 1,000,000 records of 100
# bytes in a 6-partition lz4 topic, read from the beginning to /dev/null
# until all are read, against the same broker in one run. Each tool runs
# ROUNDS times, interleaved; wall time and peak RSS come from
# /usr/bin/time. Then the time to the first printed record on the warm
# topic: with --partition (no group) and with --from-beginning (a new
# consumer group each time: FindCoordinator, JoinGroup twice, SyncGroup,
# OffsetFetch first).
#
#   tests/bench/console_consumer.sh [BUILD_DIR]
#
# Environment:
#   KAFKA_BOOTSTRAP  broker (default 127.0.0.1:19092)
#   APACHE           command running an Apache tool: "$APACHE TOOL ARGS"
#                    (default tests/kafka/apache, the harness wrapper)
#   ROUNDS           runs per tool (default 3)
#   RECORDS          records (default 1000000)
#   CLIENT_CONFIG    a client.properties file for kafkit's and Apache's
#                    tools (security settings: tests/bench/sasl_ssl.sh)
#   KCAT_CONFIG      the same settings for kcat, as librdkafka properties
#   FIRST_MS_MAX     the first-record limit without a group (default 50)
#
# Prints one line per run and a summary with the median per tool; exits 1
# when kafkit is slower than kcat, not 3x faster than Apache's tool, above
# 64 MB peak RSS, or slower than FIRST_MS_MAX ms to the first record without
# a group.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
B=${KAFKA_BOOTSTRAP:-127.0.0.1:19092}
APACHE=${APACHE:-$ROOT/tests/kafka/apache}
ROUNDS=${ROUNDS:-3}
N=${RECORDS:-1000000}
OURS=$BUILD/kafka-console-consumer
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kafkit-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# the security settings, for each tool in its own words
CC=() TC=() KC=()
if [ -n "${CLIENT_CONFIG:-}" ]; then
	CC=(--command-config "$CLIENT_CONFIG")
	TC=(--command-config "$CLIENT_CONFIG")
fi
[ -n "${KCAT_CONFIG:-}" ] && KC=(-F "$KCAT_CONFIG")

command -v kcat >/dev/null || { echo "bench: kcat not found" >&2; exit 2; }
[ -x "$OURS" ] || { echo "bench: $OURS not built" >&2; exit 2; }

T=kafkit-bench-cc-$$-$RANDOM
$APACHE kafka-topics --bootstrap-server "$B" "${TC[@]}" --create --topic "$T" \
	--partitions 6 >/dev/null
# 100-byte values (99 characters and '\n' as the record delimiter): a
# counter and words, so that lz4 has text to work on
awk -v n="$N" 'BEGIN {
	srand(42);
	split("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu", w, " ");
	for (i = 0; i < n; i++) {
		s = sprintf("%08d", i);
		while (length(s) < 100)
			s = s " " w[int(rand() * 26) + 1] int(rand() * 1000);
		print substr(s, 1, 100);
	}
}' | kcat "${KC[@]}" -b "$B" -t "$T" -P -z lz4 -X linger.ms=50 -X batch.size=1000000
echo "# topic $T: $N records of 100 bytes, 6 partitions, lz4; broker $B"

# run NAME CMD...: time one run to /dev/null, check the record count
run() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M %U %S' -o "$WORK/time" "$@" >"$WORK/out" \
		2>"$WORK/err" || {
		echo "bench: $name failed:" >&2
		tail -5 "$WORK/err" >&2
		exit 1
	}
	local lines
	lines=$(wc -l <"$WORK/out")
	[ "$lines" -eq "$N" ] || {
		echo "bench: $name printed $lines records, not $N" >&2
		head -3 "$WORK/out" >&2
		exit 1
	}
	read -r secs kb usr sys <"$WORK/time"
	echo "$name $secs $kb" >>"$WORK/results"
	printf '%-8s %6.2f s  CPU %5.2f s %8.1f MB\n' "$name" "$secs" \
		"$(echo "$usr + $sys" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
}

for r in $(seq 1 "$ROUNDS"); do
	run kafkit "$OURS" --bootstrap-server "$B" "${CC[@]}" --topic "$T" \
		--from-beginning --max-messages "$N"
	run kcat kcat "${KC[@]}" -C -b "$B" -t "$T" -o beginning -c "$N" -q
	run apache $APACHE kafka-console-consumer --bootstrap-server "$B" \
		"${CC[@]}" --topic "$T" --from-beginning --max-messages "$N"
done

median() {
	awk -v n="$1" -v f="$2" '$1 == n { print $f }' "$WORK/results" |
		sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# first_ms CMD...: milliseconds from the start to the first byte on stdout
first_ms() {
	python3 - "$@" <<'EOF'
import subprocess, sys, time
t0 = time.monotonic()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
p.stdout.read(1)
t1 = time.monotonic()
p.kill()
p.wait()
print(round((t1 - t0) * 1000, 1))
EOF
}

fp=() fg=() fk=()
for r in 1 2 3 4 5; do
	fp+=("$(first_ms "$OURS" --bootstrap-server "$B" "${CC[@]}" --topic "$T" \
		--partition 0 --offset earliest --max-messages 1)")
	fg+=("$(first_ms "$OURS" --bootstrap-server "$B" "${CC[@]}" --topic "$T" \
		--from-beginning --max-messages 1)")
	fk+=("$(first_ms kcat "${KC[@]}" -C -b "$B" -t "$T" -p 0 -o beginning -c 1 -q)")
done
med() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

ok=0 ks=$(median kafkit 2) cs=$(median kcat 2) as=$(median apache 2)
km=$(median kafkit 3)
echo "# median of $ROUNDS: kafkit ${ks} s, kcat ${cs} s, apache ${as} s;" \
	"kafkit peak RSS $((km / 1024)) MB (kcat $(($(median kcat 3) / 1024)) MB," \
	"apache $(($(median apache 3) / 1024)) MB)"
echo "# records/s: kafkit $(echo "$N / $ks" | bc), kcat $(echo "$N / $cs" | bc)," \
	"apache $(echo "$N / $as" | bc); kafkit vs apache $(echo "scale=1; $as / $ks" | bc)x"
echo "# first record (median of 5): kafkit --partition $(med "${fp[@]}") ms," \
	"kafkit new group $(med "${fg[@]}") ms, kcat -p 0 $(med "${fk[@]}") ms"
if (($(echo "$ks > $cs" | bc))); then
	echo "FAIL: kafkit slower than kcat"
	ok=1
fi
if (($(echo "$ks * 3 > $as" | bc))); then
	echo "FAIL: kafkit not 3x faster than Apache's console consumer"
	ok=1
fi
if ((km > 64 * 1024)); then
	echo "FAIL: kafkit peak RSS above 64 MB"
	ok=1
fi
if (($(echo "$(med "${fp[@]}") > ${FIRST_MS_MAX:-50}" | bc))); then
	echo "FAIL: first record after more than ${FIRST_MS_MAX:-50} ms"
	ok=1
fi
$APACHE kafka-topics --bootstrap-server "$B" "${TC[@]}" --delete --topic "$T" >/dev/null 2>&1 || true
exit $ok
