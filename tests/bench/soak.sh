#!/bin/bash
# soak.sh - a long run without loss (issue 13): RECORDS records (default
# 10,000,000) with random keys, one to three random headers and random
# value sizes from 1 byte to 1,000,000 bytes (log-uniform below 1 KB; one
# record in a thousand log-uniform up to 1 MB), produced by kafkit's
# console producer into a 5-partition topic of a broker of its own, one
# partition per codec (none, gzip, snappy, lz4, zstd), acks=all with
# idempotence; then each partition read back by kafkit's console consumer
# and by Apache's, printing partition, offset, headers, key and value.
# Both outputs must have the SHA-256 of what the generator wrote. Reports
# throughput and our peak RSS, and whether the RSS stayed flat (sampled
# every 50 ms: the peak of the run's second half no higher than 1.1x the
# peak of its first half, plus 1 MB; the buffers fill up within the
# first samples, so growth after that is what a leak would look like).
#
#   tests/bench/soak.sh [BUILD_DIR]
#
# Environment: RECORDS (a multiple of 5), SOAK_SEED (default 1).
# Exits 1 when a checksum differs, a tool fails, or our RSS grows.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
N=${RECORDS:-10000000}
SEED=${SOAK_SEED:-1}
CODECS=(none gzip snappy lz4 zstd)
PER=$((N / 5))
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kafkit-soak.XXXXXX")
APACHE=$ROOT/tests/kafka/apache
# shellcheck source=tests/kafka/kh.sh
. "$ROOT/tests/kafka/kh.sh"
trap 'kh_broker_stop "$WORK/broker" >/dev/null 2>&1; rm -rf "$WORK"' EXIT

for t in kafka-console-producer kafka-console-consumer kafka-topics; do
	[ -x "$BUILD/$t" ] || { echo "soak: $BUILD/$t not built" >&2; exit 2; }
done
KH_OWNER_PID=$$ kh_broker_start "$WORK/broker" >"$WORK/kh.log" 2>&1 || {
	cat "$WORK/kh.log" >&2
	exit 1
}
B=$(cat "$WORK/broker/bootstrap")
T=kafkit-soak-$$
"$BUILD/kafka-topics" --bootstrap-server "$B" --create --topic "$T" \
	--partitions 5 >/dev/null
echo "# soak: $N records ($PER per partition and codec), broker $B"

# gen P: the records of partition P as "headers<TAB>key<TAB>value" lines
gen() {
	awk -v n="$PER" -v seed=$((SEED * 10 + $1)) 'BEGIN {
		srand(seed);
		s = "";
		for (i = 0; i < 1000; i++)
			s = s sprintf("%c", 97 + int(rand() * 26));
		while (length(s) < 1000000)
			s = s s;
		s = substr(s, 1, 1000000);
		for (i = 0; i < n; i++) {
			if (rand() < 0.001)
				len = int(2 ^ (rand() * 19.93)) + 0;
			else
				len = int(2 ^ (rand() * 10));
			if (len < 1) len = 1;
			if (len > 1000000) len = 1000000;
			h = int(rand() * 3) + 1;
			hs = "";
			for (j = 1; j <= h; j++)
				hs = hs (j > 1 ? "," : "") "h" int(rand() * 10) ":" int(rand() * 100000);
			printf "%s\tk%d\t%s\n", hs, int(rand() * 1000000),
				substr(s, 1 + int(rand() * (1000000 - len + 1)), len);
		}
	}'
}

# rss_watch PID FILE: VmRSS (KB) of PID every 50 ms into FILE
rss_watch() {
	while kill -0 "$1" 2>/dev/null; do
		awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null >>"$2" || true
		sleep 0.05
	done
}

# flat FILE: the peak of the samples' second half stays within 1.1x + 1 MB
# of the first half's; prints "peak KB first-half-peak KB second-half-peak
# KB samples"; a run of fewer than 20 samples (1 s) is too short to tell
# and passes
flat() {
	awk '{ v[NR] = $1 } END {
		h = int(NR / 2); if (h < 1) h = 1;
		for (i = 1; i <= NR; i++) {
			if (v[i] > peak) peak = v[i];
			if (i <= h && v[i] > a) a = v[i];
			if (i > h && v[i] > z) z = v[i];
		}
		print peak, a, z, NR;
		exit !(NR < 20 || z <= a * 1.1 + 1024);
	}' "$1"
}

# timed FILE CMD...: run CMD in the background, sample its RSS; CMD's
# stdin/stdout are the caller's. Sets ELAPSED (s).
timed() {
	local f=$1 t0 pid rc=0
	shift
	: >"$f"
	t0=$(date +%s%N)
	"$@" <&0 &
	pid=$!
	rss_watch "$pid" "$f" &
	wait "$pid" || rc=$?
	ELAPSED=$(awk "BEGIN { printf \"%.2f\", ($(date +%s%N) - $t0) / 1e9 }")
	return $rc
}

fail=0 bytes=0
fmt=(--formatter-property print.partition=true --formatter-property print.offset=true
	--formatter-property print.headers=true --formatter-property print.key=true)
for p in 0 1 2 3 4; do
	gen "$p" >"$WORK/in"
	size=$(wc -c <"$WORK/in")
	bytes=$((bytes + size))
	timed "$WORK/rss.prod" "$BUILD/kafka-console-producer" \
		--bootstrap-server "$B" --topic "$T" --partition "$p" \
		--compression-codec "${CODECS[p]}" --request-required-acks all \
		--reader-property parse.key=true --reader-property parse.headers=true \
		<"$WORK/in" 2>"$WORK/prod.err" ||
		{ echo "soak: the producer failed:"; head "$WORK/prod.err"; exit 1; }
	grow=0
	rss=$(flat "$WORK/rss.prod") || grow=1
	read -r peak a z ns <<<"$rss"
	printf 'produce p%d %-6s %9d records %8.1f MB in %7.2f s: %8.0f rec/s %6.1f MB/s, peak RSS %.1f MB (halves %.1f, %.1f)\n' \
		"$p" "${CODECS[p]}" "$PER" "$(echo "$size / 1000000" | bc -l)" "$ELAPSED" \
		"$(echo "$PER / $ELAPSED" | bc -l)" "$(echo "$size / 1000000 / $ELAPSED" | bc -l)" \
		"$(echo "$peak / 1024" | bc -l)" "$(echo "$a / 1024" | bc -l)" "$(echo "$z / 1024" | bc -l)"
	((grow)) && { echo "FAIL: producer RSS grew: first half peak $a KB, second half $z KB ($ns samples)"; fail=1; }
	# what both consumers must print, and its checksum
	want=$(awk -v p="$p" '{ print "Partition:" p "\tOffset:" (NR - 1) "\t" $0 }' \
		"$WORK/in" | sha256sum | cut -c1-64)
	rm -f "$WORK/in"
	timed "$WORK/rss.cons" "$BUILD/kafka-console-consumer" --bootstrap-server "$B" \
		--topic "$T" --partition "$p" --offset earliest --max-messages "$PER" \
		"${fmt[@]}" 2>"$WORK/cons.err" >"$WORK/out" ||
		{ echo "soak: our consumer failed:"; head "$WORK/cons.err"; exit 1; }
	ct=$ELAPSED
	ours=$(sha256sum <"$WORK/out" | cut -c1-64)
	grow=0
	rss=$(flat "$WORK/rss.cons") || grow=1
	read -r cpeak ca cz cns <<<"$rss"
	t0=$(date +%s%N)
	"$APACHE" kafka-console-consumer --bootstrap-server "$B" --topic "$T" \
		--partition "$p" --offset earliest --max-messages "$PER" "${fmt[@]}" \
		2>"$WORK/apache.err" >"$WORK/out"
	at=$(awk "BEGIN { printf \"%.2f\", ($(date +%s%N) - $t0) / 1e9 }")
	theirs=$(sha256sum <"$WORK/out" | cut -c1-64)
	rm -f "$WORK/out"
	printf 'consume p%d kafkit %7.2f s (peak RSS %.1f MB, halves %.1f, %.1f), apache %7.2f s: checksums %s\n' \
		"$p" "$ct" "$(echo "$cpeak / 1024" | bc -l)" "$(echo "$ca / 1024" | bc -l)" "$(echo "$cz / 1024" | bc -l)" "$at" \
		"$([ "$ours" = "$want" ] && [ "$theirs" = "$want" ] && echo equal || echo DIFFER)"
	((grow)) && { echo "FAIL: consumer RSS grew: first half peak $ca KB, second half $cz KB ($cns samples)"; fail=1; }
	if [ "$ours" != "$want" ] || [ "$theirs" != "$want" ]; then
		echo "FAIL p$p: want $want, kafkit $ours, apache $theirs"
		fail=1
	fi
done
echo "# $N records, $((bytes / 1000000)) MB of input: $([ $fail = 0 ] && echo "every checksum equal, RSS flat" || echo "see the FAIL lines")"
exit $fail
