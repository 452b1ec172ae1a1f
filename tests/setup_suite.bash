# shellcheck shell=bash
#
# setup_suite.bash - bats (>= 1.5) runs setup_suite once before the first
# test file and teardown_suite once after the last, also when a test fails
# or the run is interrupted with Ctrl-C (bats' EXIT trap).
#
# Unless the caller already set KAFKA_BOOTSTRAP ("use that cluster, start
# nothing"), start one real Apache Kafka broker (tests/kafka/kh.sh) for the
# whole run and export KAFKA_BOOTSTRAP. A broker that cannot start fails
# the run as "not ok 1 setup_suite"; tests are never skipped for it. If
# bats itself is killed, the broker's watchdog stops it.

setup_suite()
{
	bats_require_minimum_version 1.5.0
	KAFKIT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	export KAFKIT_ROOT
	export KAFKA_VERSION=${KAFKA_VERSION:-4.3.1}
	if [[ -n ${KAFKA_BOOTSTRAP:-} ]]; then
		echo "# using the caller's cluster at $KAFKA_BOOTSTRAP (Apache tools $KAFKA_VERSION)" >&3
		return 0
	fi
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	KH_SUITE_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kafkit-broker.XXXXXX") || return 1
	export KH_SUITE_DIR
	local t0=$SECONDS
	# called in a || list: bats' set -e must not cut kh's own error paths
	KH_OWNER_PID=$$ kh_broker_start "$KH_SUITE_DIR" || {
		echo "# Kafka $KAFKA_VERSION broker did not start: see above" >&3
		return 1
	}
	echo "# Kafka $KAFKA_VERSION broker at $KAFKA_BOOTSTRAP, ready in $((SECONDS - t0))s (dir $KH_SUITE_DIR)" >&3
}

teardown_suite()
{
	[[ -n ${KH_SUITE_DIR:-} ]] || return 0
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	kh_broker_stop "$KH_SUITE_DIR"
}
