#!/bin/bash
# crash.sh - tests/crash.bats at the size issue 13 names: 1,000,000
# records (six chunks of 166,667) through five SIGKILLs of the partition
# leader, five of the active controller and five of the group coordinator
# on a 3-node KRaft cluster, and a member killed mid-consume; every record
# checked. Too long for the default test command (which runs the same
# file with 60,000 records), so it lives here. The figures (kill points,
# records read back, duplicates) are the TAP comments.
#
#   tests/bench/crash.sh [BUILD_DIR]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
[ -x "$BUILD/kafka-console-producer" ] || { echo "bench: $BUILD not built" >&2; exit 2; }
cd "$ROOT"
KAFKIT_BIN=$BUILD CRASH_CHUNK=${CRASH_CHUNK:-166667} \
	bats --tap --timing tests/crash.bats
