#!/usr/bin/env bats
#
# tls.bats - security.protocol=SSL against a broker of its own (so the
# suite's shared broker keeps its plain listener alone): listeners SSL,
# MTLS (client certificate required), and EXPIRED, WRONGHOST and UNTRUSTED,
# each with the broker certificate its name says, and CHAIN (a certificate
# from an intermediate CA, sent with it). Certificates are made by
# the run (tests/kafka/tls.sh: openssl, and keytool for JKS and PKCS12).
#
# Differential: Apache's kafka-topics, console producer and console
# consumer and ours on the same client.properties give the same output, for
# every store type (PEM file, inline PEM, PKCS12, JKS) and with mutual TLS.
# Failures (untrusted, expired, wrong host, TLS to a plaintext port,
# plaintext to a TLS port, no client certificate, bad stores and values)
# are one line and exit 1, bounded in time.

load helpers
bats_require_minimum_version 1.5.0

setup_file()
{
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	# shellcheck source=tests/kafka/tls.sh
	. "$KAFKIT_ROOT/tests/kafka/tls.sh"
	local shared=${KAFKA_BOOTSTRAP:-}
	C=$BATS_FILE_TMPDIR/certs
	export C
	tls_make_certs "$C"
	tls_broker_conf "$C" >"$BATS_FILE_TMPDIR/extra.conf"
	# SASL_SSL: SASL (PLAIN, SCRAM-SHA-512) inside TLS, the srv keystore
	cat >>"$BATS_FILE_TMPDIR/extra.conf" <<-EOF
		listener.name.saslssl.ssl.keystore.type=PEM
		listener.name.saslssl.ssl.keystore.location=$C/srv-ks.pem
		sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512
		listener.name.saslssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";
		listener.name.saslssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
	EOF
	TLS_DIR=$BATS_FILE_TMPDIR/broker
	export TLS_DIR
	KH_EXTRA_LISTENERS="SSL:SSL MTLS:SSL EXPIRED:SSL WRONGHOST:SSL UNTRUSTED:SSL CHAIN:SSL SASLSSL:SASL_SSL" \
		KH_FORMAT_ARGS="--add-scram SCRAM-SHA-512=[name=bob,password=bob-secret]" \
		KH_EXTRA_CONF=$BATS_FILE_TMPDIR/extra.conf KH_OWNER_PID=$$ \
		kh_broker_start "$TLS_DIR" >"$BATS_FILE_TMPDIR/kh.log" 2>&1 || {
		sed 's/^/# /' "$BATS_FILE_TMPDIR/kh.log" >&3
		return 1
	}
	# TAP: what the harness says goes out as comments
	sed 's/^/# /' "$BATS_FILE_TMPDIR/kh.log" >&3
	PLAIN=$(cat "$TLS_DIR/bootstrap")
	SSL=localhost:$(cat "$TLS_DIR/port.SSL")
	MTLS=localhost:$(cat "$TLS_DIR/port.MTLS")
	EXPIRED=localhost:$(cat "$TLS_DIR/port.EXPIRED")
	WRONGHOST=localhost:$(cat "$TLS_DIR/port.WRONGHOST")
	UNTRUSTED=localhost:$(cat "$TLS_DIR/port.UNTRUSTED")
	CHAIN=localhost:$(cat "$TLS_DIR/port.CHAIN")
	SASLSSL=localhost:$(cat "$TLS_DIR/port.SASLSSL")
	export PLAIN SSL MTLS EXPIRED WRONGHOST UNTRUSTED CHAIN SASLSSL
	export KAFKA_BOOTSTRAP=$shared
	make_props
	TOPIC=$(unique_topic shared)
	export TOPIC
	apache kafka-topics --bootstrap-server "$PLAIN" --create --topic "$TOPIC" \
		--partitions 2 >/dev/null
}

teardown_file()
{
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	[[ -n ${TLS_DIR:-} ]] && kh_broker_stop "$TLS_DIR"
}

# A continued properties value: PEM file $1 on lines ending in " \".
inline() { sed 's/$/ \\/' "$1"; echo; }

# The client.properties files, in $C/NAME.props.
make_props()
{
	local pem="ssl.truststore.type=PEM
ssl.truststore.location=$C/ca.pem"
	printf 'security.protocol=SSL\n%s\n' "$pem" >"$C/pem.props"
	printf 'security.protocol=SSL\nssl.truststore.location=%s\nssl.truststore.password=trustpass\n' \
		"$C/trust.jks" >"$C/jks.props"
	printf 'security.protocol=SSL\nssl.truststore.type=PKCS12\nssl.truststore.location=%s\nssl.truststore.password=trustpass\n' \
		"$C/trust.p12" >"$C/p12.props"
	{
		printf 'security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.certificates='
		inline "$C/ca.pem"
	} >"$C/inline.props"
	printf '%s\nssl.keystore.type=PEM\nssl.keystore.location=%s\n' \
		"$(cat "$C/pem.props")" "$C/client-ks.pem" >"$C/mtls-pem.props"
	cat "$C/client-enc.p8" "$C/client.pem" >"$C/client-enc-ks.pem"
	printf '%s\nssl.keystore.type=PEM\nssl.keystore.location=%s\nssl.key.password=keypass\n' \
		"$(cat "$C/pem.props")" "$C/client-enc-ks.pem" >"$C/mtls-enc.props"
	printf '%s\nssl.keystore.type=PKCS12\nssl.keystore.location=%s\nssl.keystore.password=storepass\n' \
		"$(cat "$C/p12.props")" "$C/client.p12" >"$C/mtls-p12.props"
	printf '%s\nssl.keystore.location=%s\nssl.keystore.password=storepass\n' \
		"$(cat "$C/jks.props")" "$C/client.jks" >"$C/mtls-jks.props"
	{
		cat "$C/inline.props"
		printf 'ssl.keystore.type=PEM\nssl.keystore.key='
		inline "$C/client.p8"
		printf 'ssl.keystore.certificate.chain='
		inline "$C/client.pem"
	} >"$C/mtls-inline.props"
	printf 'security.protocol=SASL_SSL\n%s\nsasl.mechanism=SCRAM-SHA-512\nsasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="bob" password="bob-secret";\n' \
		"$(tail -n +2 "$C/pem.props")" >"$C/sasl-scram.props"
	printf 'security.protocol=SASL_SSL\n%s\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";\n' \
		"$(tail -n +2 "$C/jks.props")" >"$C/sasl-plain.props"
	sed 's/bob-secret/wrong/' "$C/sasl-scram.props" >"$C/sasl-wrong.props"
}

# The log date of ERROR records differs between runs.
mask() { sed -E 's/^\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+\]/[DATE]/'; }

# topics_both PROPS ARGS...: Apache's kafka-topics and ours with the same
# --command-config; both must succeed with the same stdout.
topics_both()
{
	local props=$1
	shift
	run --separate-stderr apache kafka-topics --command-config "$props" "$@"
	assert_success
	local a=$output
	run --separate-stderr kafka-topics --command-config "$props" "$@"
	assert_success
	assert_equal "$output" "$a"
}

# probe_fails ADDR MESSAGE [-X K=V]...: kt-probe's metadata over TLS fails
# within 30 s, exit 1, with exactly "kt-probe: cannot reach any bootstrap
# server (ADDR): MESSAGE".
probe_fails()
{
	local addr=$1 msg=$2
	shift 2
	run --separate-stderr timeout 30 kt-probe "$@" --bootstrap-server "$addr" metadata
	assert_failure 1
	assert_equal "$stderr" "kt-probe: cannot reach any bootstrap server ($addr): $msg"
}

TRUST=(-X security.protocol=SSL -X ssl.truststore.type=PEM)

@test "kafka-topics --list and --describe over TLS equal Apache's (PEM truststore)" {
	topics_both "$C/pem.props" --bootstrap-server "$SSL" --list
	assert_line "$TOPIC"
	topics_both "$C/pem.props" --bootstrap-server "$SSL" --describe --topic "$TOPIC"
	assert_line --partial "Topic: $TOPIC"
}

@test "JKS, PKCS12 and inline PEM truststores: --list equals Apache's" {
	local p
	for p in jks p12 inline; do
		topics_both "$C/$p.props" --bootstrap-server "$SSL" --list
		assert_line "$TOPIC"
	done
}

@test "mutual TLS with PEM, encrypted PEM, PKCS12, JKS and inline keystores equals Apache's" {
	local p
	for p in mtls-pem mtls-enc mtls-p12 mtls-jks mtls-inline; do
		topics_both "$C/$p.props" --bootstrap-server "$MTLS" --list
		assert_line "$TOPIC"
	done
}

@test "console producer and consumer over TLS: ours and Apache's read the same records" {
	local t d=$BATS_TEST_TMPDIR
	t=$(unique_topic)
	apache kafka-topics --bootstrap-server "$PLAIN" --create --topic "$t" --partitions 1 >/dev/null
	printf 'one\ntwo\nthree\n' | kafka-console-producer --bootstrap-server "$SSL" \
		--topic "$t" --producer.config "$C/pem.props" 2>"$d/p.err"
	printf 'four\nfive\n' | apache kafka-console-producer --bootstrap-server "$MTLS" \
		--topic "$t" --producer.config "$C/mtls-jks.props"
	apache kafka-console-consumer --bootstrap-server "$SSL" --topic "$t" \
		--consumer.config "$C/p12.props" --from-beginning --max-messages 5 \
		--timeout-ms 20000 >"$d/a.out" 2>/dev/null
	run --separate-stderr kafka-console-consumer --bootstrap-server "$MTLS" --topic "$t" \
		--consumer.config "$C/mtls-p12.props" --from-beginning --max-messages 5 \
		--timeout-ms 20000
	assert_success
	assert_equal "$output" "$(cat "$d/a.out")"
	# both say on stdout that --consumer.config is deprecated
	assert_equal "$(grep -v deprecated <<<"$output")" "$(printf 'one\ntwo\nthree\nfour\nfive')"
}

@test "an untrusted broker certificate fails in one line: which certificate, why" {
	probe_fails "$UNTRUSTED" "TLS handshake with $UNTRUSTED failed: certificate 'CN=localhost' is not trusted (unable to get local issuer certificate)" \
		"${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem"
	run --separate-stderr timeout 60 kafka-topics --bootstrap-server "$UNTRUSTED" \
		--command-config "$C/pem.props" --list
	assert_failure 1
	assert_output --partial "certificate 'CN=localhost' is not trusted"
}

@test "an expired broker certificate fails in one line" {
	probe_fails "$EXPIRED" "TLS handshake with $EXPIRED failed: certificate 'CN=localhost' has expired" \
		"${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem"
}

@test "a certificate for another host fails; an empty ssl.endpoint.identification.algorithm accepts it" {
	probe_fails "$WRONGHOST" "TLS handshake with $WRONGHOST failed: certificate 'CN=wrong.example' does not match host name 'localhost'" \
		"${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem"
	run --separate-stderr kt-probe "${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem" \
		-X ssl.endpoint.identification.algorithm= --bootstrap-server "$WRONGHOST" metadata
	assert_success
	# and Apache's tool agrees on the same file
	{ cat "$C/pem.props"; echo ssl.endpoint.identification.algorithm=; } >"$BATS_TEST_TMPDIR/noverify.props"
	topics_both "$BATS_TEST_TMPDIR/noverify.props" --bootstrap-server "$WRONGHOST" --list
	assert_line "$TOPIC"
	# the IP address is checked against the IP SAN
	run --separate-stderr kt-probe "${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem" \
		--bootstrap-server "127.0.0.1:${SSL##*:}" metadata
	assert_success
}

@test "TLS to a plaintext port says so at once" {
	probe_fails "$PLAIN" "TLS handshake with $PLAIN failed: the peer is not speaking TLS (a plaintext listener?)" \
		"${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem"
}

@test "plaintext to a TLS port says so, without waiting for a timeout" {
	SECONDS=0
	run --separate-stderr timeout 30 kt-probe --bootstrap-server "$SSL" metadata
	assert_failure 1
	assert_equal "$stderr" "kt-probe: cannot reach any bootstrap server ($SSL): connection to $SSL: the broker answered in TLS (a TLS listener? set security.protocol=SSL)"
	((SECONDS < 10))
}

@test "mutual TLS without a client certificate fails in one line" {
	probe_fails "$MTLS" "TLS handshake with $MTLS failed: the broker requires a client certificate (ssl.keystore.*) and none was configured" \
		"${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem"
	run --separate-stderr timeout 60 kafka-console-consumer --bootstrap-server "$MTLS" \
		--topic "$TOPIC" --consumer.config "$C/pem.props" --timeout-ms 5000
	assert_failure 1
	# Apache's shape: the log line, then the reason on a line of its own
	[[ $stderr == *"ERROR Error processing message, terminating consumer process"* ]]
	run grep -c "the broker requires a client certificate" <<<"$stderr"
	assert_output 1
}

@test "a client certificate the broker does not trust, or an expired one, fails in one line naming it" {
	local ks v
	for ks in untrusted expired; do
		for v in TLSv1.2 TLSv1.3; do
			probe_fails "$MTLS" "TLS handshake with $MTLS failed: the broker refused our client certificate 'CN=localhost' (sslv3 alert certificate unknown)" \
				"${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem" -X ssl.enabled.protocols=$v \
				-X ssl.keystore.type=PEM -X ssl.keystore.location="$C/$ks-ks.pem"
		done
	done
}

# mtls_store_fails MESSAGE -X K=V...: kt-probe with the PEM truststore
# and a keystore (the -X given) fails at once, exit 1, with exactly
# "kt-probe: MESSAGE" (a trailing " *" in MESSAGE: any last word).
mtls_store_fails()
{
	local want=$1 got
	shift
	run --separate-stderr kt-probe "${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem" \
		"$@" --bootstrap-server "$MTLS" metadata
	assert_failure 1
	got=$stderr
	[[ $want == *" *" ]] && { want=${want% \*} got=${got% *}; }
	assert_equal "$got" "kt-probe: $want"
	# no secret in any message
	[[ $stderr != *nope* ]]
}

@test "wrong store passwords and truncated stores fail in one line naming the property" {
	run --separate-stderr kt-probe -X security.protocol=SSL -X ssl.truststore.location="$C/trust.jks" \
		-X ssl.truststore.password=nope --bootstrap-server "$SSL" metadata
	assert_failure 1
	assert_equal "$stderr" "kt-probe: ssl.truststore.location '$C/trust.jks': keystore was tampered with, or password was incorrect"
	mtls_store_fails "ssl.keystore.location '$C/client.p12': keystore password was incorrect" \
		-X ssl.keystore.type=PKCS12 -X ssl.keystore.location="$C/client.p12" -X ssl.keystore.password=nope
	mtls_store_fails "ssl.keystore.location '$C/client.jks': cannot recover the private key: wrong key password (ssl.key.password)" \
		-X ssl.keystore.location="$C/client.jks" -X ssl.keystore.password=storepass -X ssl.key.password=nope
	head -c 300 "$C/client.jks" >"$BATS_TEST_TMPDIR/cut.jks"
	mtls_store_fails "ssl.keystore.location '$BATS_TEST_TMPDIR/cut.jks': truncated at byte *" \
		-X ssl.keystore.location="$BATS_TEST_TMPDIR/cut.jks" -X ssl.keystore.password=storepass
	head -c 1000 "$C/client.p12" >"$BATS_TEST_TMPDIR/cut.p12"
	mtls_store_fails "ssl.keystore.location '$BATS_TEST_TMPDIR/cut.p12': not a PKCS12 store (or truncated)" \
		-X ssl.keystore.type=PKCS12 -X ssl.keystore.location="$BATS_TEST_TMPDIR/cut.p12" -X ssl.keystore.password=storepass
	mtls_store_fails "ssl.keystore.location '$C/client-enc-ks.pem': cannot decrypt the private key: wrong ssl.key.password" \
		-X ssl.keystore.type=PEM -X ssl.keystore.location="$C/client-enc-ks.pem" -X ssl.key.password=nope
}

@test "bad or JVM-only ssl.* values are refused in one line naming the property" {
	local kv want
	while IFS='|' read -r kv want; do
		run --separate-stderr kt-probe -X security.protocol=SSL -X "$kv" \
			--bootstrap-server "$SSL" metadata
		assert_failure 1
		assert_equal "$stderr" "kt-probe: $want"
	done <<'EOF'
ssl.truststore.type=BKS|invalid value 'BKS' for configuration 'ssl.truststore.type': kafkit supports JKS, PKCS12 and PEM
ssl.enabled.protocols=TLSv1.1|invalid value 'TLSv1.1' in configuration 'ssl.enabled.protocols': kafkit supports TLSv1.2 and TLSv1.3
ssl.protocol=SSLv3|invalid value 'SSLv3' for configuration 'ssl.protocol': kafkit supports TLS, TLSv1.2 and TLSv1.3
ssl.cipher.suites=TLS_NO_SUCH_SUITE|invalid value 'TLS_NO_SUCH_SUITE' in configuration 'ssl.cipher.suites': unsupported cipher suite
ssl.engine.factory.class=com.example.Factory|ssl.engine.factory.class 'com.example.Factory' is not supported by kafkit (it needs a JVM)
ssl.endpoint.identification.algorithm=ldaps|invalid value 'ldaps' for configuration 'ssl.endpoint.identification.algorithm': expected https or empty
EOF
}

@test "ssl.protocol, ssl.enabled.protocols and ssl.cipher.suites are honoured" {
	local base=("${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem" --bootstrap-server "$SSL")
	run --separate-stderr kt-probe -X ssl.enabled.protocols=TLSv1.2 \
		-X ssl.cipher.suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 "${base[@]}" metadata
	assert_success
	run --separate-stderr kt-probe -X ssl.protocol=TLSv1.2 "${base[@]}" metadata
	assert_success
	run --separate-stderr kt-probe -X ssl.enabled.protocols=TLSv1.3 \
		-X ssl.cipher.suites=TLS_AES_128_GCM_SHA256 "${base[@]}" metadata
	assert_success
	# Java's defaults of the JVM-only properties are fine
	run --separate-stderr kt-probe -X ssl.keymanager.algorithm=SunX509 \
		-X ssl.trustmanager.algorithm=PKIX "${base[@]}" metadata
	assert_success
}

@test "a consumer group over mutual TLS: the coordinator connection is TLS too" {
	local t g
	t=$(unique_topic) g=$(unique_topic group)
	apache kafka-topics --bootstrap-server "$PLAIN" --create --topic "$t" --partitions 2 >/dev/null
	printf 'a\nb\nc\n' | kafka-console-producer --bootstrap-server "$MTLS" \
		--topic "$t" --producer.config "$C/mtls-inline.props" 2>/dev/null
	run --separate-stderr kafka-console-consumer --bootstrap-server "$MTLS" --topic "$t" \
		--consumer.config "$C/mtls-pem.props" --group "$g" --from-beginning \
		--max-messages 3 --timeout-ms 20000
	assert_success
	assert_equal "$(grep -v deprecated <<<"$output" | sort)" "$(printf 'a\nb\nc')"
	# what the group committed is what Apache's tool sees over TLS
	run --separate-stderr apache kafka-consumer-groups --bootstrap-server "$SSL" \
		--command-config "$C/jks.props" --describe --group "$g"
	assert_success
	assert_equal "$(awk -v t="$t" '$2 == t { s += $4 } END { print s }' <<<"$output")" 3
}

@test "kafka-consumer-groups over TLS and mutual TLS equals Apache's: describe, list, reset" {
	local t g=$(unique_topic cgroup) a
	t=$(unique_topic)
	apache kafka-topics --bootstrap-server "$PLAIN" --create --topic "$t" --partitions 2 >/dev/null
	printf 'a\nb\nc\n' | kafka-console-producer --bootstrap-server "$PLAIN" --topic "$t" 2>/dev/null
	run --separate-stderr kafka-consumer-groups --bootstrap-server "$MTLS" \
		--command-config "$C/mtls-pem.props" --reset-offsets --group "$g" \
		--topic "$t" --to-latest --execute
	assert_success
	for args in "--describe --group $g" "--describe --group $g --state" "--list"; do
		# shellcheck disable=SC2086
		run --separate-stderr apache kafka-consumer-groups --bootstrap-server "$SSL" \
			--command-config "$C/jks.props" $args
		assert_success
		a=$output
		# shellcheck disable=SC2086
		run --separate-stderr kafka-consumer-groups --bootstrap-server "$SSL" \
			--command-config "$C/jks.props" $args
		assert_success
		assert_equal "$output" "$a"
	done
	assert_line "$g"
}

@test "a listener that accepts and never answers the ClientHello times out within socket.connection.setup.timeout.ms" {
	local port_file=$BATS_TEST_TMPDIR/port pid start end
	python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
c, _ = s.accept(); time.sleep(10)
' "$port_file" &
	pid=$!
	for _ in $(seq 1 50); do [[ -s $port_file ]] && break; sleep 0.1; done
	start=$(date +%s%N)
	run --separate-stderr kt-probe "${TRUST[@]}" -X ssl.truststore.location="$C/ca.pem" \
		-X socket.connection.setup.timeout.ms=1000 \
		--bootstrap-server "127.0.0.1:$(cat "$port_file")" metadata
	end=$(date +%s%N)
	kill "$pid" 2>/dev/null || true
	assert_failure 1
	assert_regex "$stderr" 'connection to 127\.0\.0\.1:[0-9]+: TLS handshake timed out after 1000 ms$'
	(((end - start) / 1000000 < 3000))
}

@test "a chain through an intermediate CA is trusted from the root or from the intermediate alone, as Java's PKIX does" {
	local t
	for t in ca int; do
		printf 'security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=%s\n' \
			"$C/$t.pem" >"$BATS_TEST_TMPDIR/$t.props"
		topics_both "$BATS_TEST_TMPDIR/$t.props" --bootstrap-server "$CHAIN" --list
		assert_line "$TOPIC"
	done
}

@test "SASL_SSL (SCRAM-SHA-512 and PLAIN inside TLS): every tool equals Apache's; a wrong password fails in one line" {
	local t g
	t=$(unique_topic) g=$(unique_topic group)
	run -0 kafka-topics --command-config "$C/sasl-scram.props" --bootstrap-server "$SASLSSL" \
		--create --topic "$t" --partitions 2
	topics_both "$C/sasl-plain.props" --bootstrap-server "$SASLSSL" --describe --topic "$t"
	topics_both "$C/sasl-scram.props" --bootstrap-server "$SASLSSL" --list
	assert_line "$t"
	printf 'a\nb\nc\n' | kafka-console-producer --bootstrap-server "$SASLSSL" \
		--topic "$t" --producer.config "$C/sasl-scram.props" 2>/dev/null
	run --separate-stderr kafka-console-consumer --bootstrap-server "$SASLSSL" --topic "$t" \
		--consumer.config "$C/sasl-plain.props" --group "$g" --from-beginning \
		--max-messages 3 --timeout-ms 20000
	assert_success
	assert_equal "$(grep -v deprecated <<<"$output" | sort)" "$(printf 'a\nb\nc')"
	run --separate-stderr apache kafka-consumer-groups --bootstrap-server "$SASLSSL" \
		--command-config "$C/sasl-scram.props" --describe --group "$g"
	assert_success
	local a=$output
	run --separate-stderr kafka-consumer-groups --bootstrap-server "$SASLSSL" \
		--command-config "$C/sasl-scram.props" --describe --group "$g"
	assert_success
	assert_equal "$output" "$a"
	run --separate-stderr timeout 30 kafka-topics --bootstrap-server "$SASLSSL" \
		--command-config "$C/sasl-wrong.props" --list
	assert_failure 1
	assert_output --partial "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"
}
