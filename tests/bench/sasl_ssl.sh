#!/bin/bash
# sasl_ssl.sh - the console consumer and producer benchmarks over
# SASL_SSL: a broker of its own (tests/kafka/kh.sh) with a SASL_SSL
# listener (SASL PLAIN inside TLS 1.3, certificates from
# tests/kafka/tls.sh), and kafkit, kcat and Apache's tools given the same
# settings: one client.properties for kafkit and Apache, the same in
# librdkafka's words for kcat. Then console_consumer.sh and
# console_producer.sh run against it, with their own checks (kafkit at
# least as fast as kcat, 3x Apache, peak RSS). PLAIN, not SCRAM: the
# librdkafka of Debian 12 (2.0.2) cannot log in with SCRAM to Kafka 4.x
# (kcat issue 462, fixed in librdkafka 2.6.1).
#
#   tests/bench/sasl_ssl.sh [BUILD_DIR]
#
# Environment: ROUNDS, RECORDS, LINES, SETTINGS as for the two benchmarks.
# Exits non-zero when the broker does not start or a benchmark fails.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kafkit-bench-sasl.XXXXXX")
# shellcheck source=tests/kafka/kh.sh
. "$ROOT/tests/kafka/kh.sh"
# shellcheck source=tests/kafka/tls.sh
. "$ROOT/tests/kafka/tls.sh"
trap 'kh_broker_stop "$WORK/broker" >/dev/null 2>&1; rm -rf "$WORK"' EXIT

tls_make_certs "$WORK/certs" >/dev/null 2>&1
cat >"$WORK/extra.conf" <<CONF
listener.name.saslssl.ssl.keystore.type=PEM
listener.name.saslssl.ssl.keystore.location=$WORK/certs/srv-ks.pem
sasl.enabled.mechanisms=PLAIN
listener.name.saslssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";
CONF
KH_EXTRA_LISTENERS="SASLSSL:SASL_SSL" KH_EXTRA_CONF=$WORK/extra.conf KH_OWNER_PID=$$ \
	kh_broker_start "$WORK/broker" >"$WORK/kh.log" 2>&1 || {
	cat "$WORK/kh.log" >&2
	exit 1
}
B=localhost:$(cat "$WORK/broker/port.SASLSSL")

cat >"$WORK/client.properties" <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";
ssl.truststore.type=PEM
ssl.truststore.location=$WORK/certs/ca.pem
PROPS
cat >"$WORK/kcat.conf" <<PROPS
security.protocol=SASL_SSL
sasl.mechanisms=PLAIN
sasl.username=alice
sasl.password=alice-secret
ssl.ca.location=$WORK/certs/ca.pem
PROPS
echo "# SASL_SSL (PLAIN inside TLS) broker at $B"

rc=0
# the first record needs TLS handshakes and SASL logins first (bootstrap,
# then the leader): 100 ms is its limit, not a plaintext connection's 50
export KAFKA_BOOTSTRAP=$B CLIENT_CONFIG=$WORK/client.properties \
	KCAT_CONFIG=$WORK/kcat.conf FIRST_MS_MAX=${FIRST_MS_MAX:-100}
echo "## console consumer over SASL_SSL"
"$ROOT/tests/bench/console_consumer.sh" "$BUILD" ||
	{ rc=1; echo "## the console consumer benchmark failed"; }
echo "## console producer over SASL_SSL"
"$ROOT/tests/bench/console_producer.sh" "$BUILD" ||
	{ rc=1; echo "## the console producer benchmark failed"; }
exit $rc
