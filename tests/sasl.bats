#!/usr/bin/env bats
# sasl.bats - security.protocol=SASL_PLAINTEXT for every network tool:
# kafka-topics, kafka-console-producer and kafka-console-consumer log in
# with PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and the unsecured OAUTHBEARER
# token, given the same client.properties as Apache's tools, and print
# what Apache's print; kcat (librdkafka) is the second peer for PLAIN.
# Failures - wrong password, unknown user, a mechanism the listener does
# not offer, SASL to a PLAINTEXT port, a malformed sasl.jaas.config, a
# property that needs a JVM - are one clear line, exit 1, never a hang,
# and never show a password.
#
# The file starts a broker of its own (tests/kafka/kh.sh) with two SASL
# listeners: SASL_PLAINTEXT offers PLAIN (user alice), SCRAM-SHA-512 (bob),
# SCRAM-SHA-256 (carol, both made at format time) and OAUTHBEARER
# (unsecured tokens); SASLPLAIN offers PLAIN only, with sessions of 3 s
# (KIP-368). ACLs are on: alice, bob and carol are super users, dave
# (SCRAM-SHA-256) may do nothing. The suite's shared broker is not
# touched.

bats_require_minimum_version 1.5.0
load helpers

setup_file() {
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	local suite=${KAFKA_BOOTSTRAP:-} d=$BATS_FILE_TMPDIR
	export SASL_DIR=$d/broker
	cat >"$d/extra.conf" <<'EOF'
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512,SCRAM-SHA-256,OAUTHBEARER
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="admin";
listener.name.saslplain.sasl.enabled.mechanisms=PLAIN
listener.name.saslplain.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret";
listener.name.saslplain.plain.connections.max.reauth.ms=3000
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:ANONYMOUS;User:alice;User:bob;User:carol
EOF
	KH_EXTRA_LISTENERS="SASL_PLAINTEXT:SASL_PLAINTEXT SASLPLAIN:SASL_PLAINTEXT" \
		KH_EXTRA_CONF=$d/extra.conf \
		KH_FORMAT_ARGS="--add-scram SCRAM-SHA-512=[name=bob,password=bob-secret] --add-scram SCRAM-SHA-256=[name=carol,password=carol-secret] --add-scram SCRAM-SHA-256=[name=dave,password=dave-secret]" \
		KH_OWNER_PID=$$ kh_broker_start "$SASL_DIR" 3>&-
	export SASL_BS=127.0.0.1:$(<"$SASL_DIR/port.SASL_PLAINTEXT")
	export PLAIN_ONLY_BS=127.0.0.1:$(<"$SASL_DIR/port.SASLPLAIN")
	export PLAINTEXT_BS=$(<"$SASL_DIR/bootstrap")
	export KAFKA_BOOTSTRAP=$suite
	export CONF=$d/conf
	mkdir -p "$CONF"
	# conf FILE MECHANISM MODULE OPTIONS: one client.properties
	conf() {
		printf 'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=%s\nsasl.jaas.config=org.apache.kafka.common.security.%s required %s;\n' \
			"$2" "$3" "$4" >"$CONF/$1.properties"
	}
	conf PLAIN PLAIN plain.PlainLoginModule 'username="alice" password="alice-secret"'
	conf SCRAM-SHA-512 SCRAM-SHA-512 scram.ScramLoginModule 'username="bob" password="bob-secret"'
	conf SCRAM-SHA-256 SCRAM-SHA-256 scram.ScramLoginModule 'username="carol" password="carol-secret"'
	conf OAUTHBEARER OAUTHBEARER oauthbearer.OAuthBearerLoginModule 'unsecuredLoginStringClaim_sub="alice"'
	conf plain-wrong PLAIN plain.PlainLoginModule 'username="alice" password="not-alices-secret"'
	conf plain-nouser PLAIN plain.PlainLoginModule 'username="mallory" password="mallorys-secret"'
	conf scram512-wrong SCRAM-SHA-512 scram.ScramLoginModule 'username="bob" password="not-bobs-secret"'
	conf scram256-nouser SCRAM-SHA-256 scram.ScramLoginModule 'username="mallory" password="mallorys-secret"'
	conf scram512-plainonly SCRAM-SHA-512 scram.ScramLoginModule 'username="bob" password="bob-secret"'
	conf dave SCRAM-SHA-256 scram.ScramLoginModule 'username="dave" password="dave-secret"'
	conf bad-jaas PLAIN plain.PlainLoginModule 'username="alice" password'
}

teardown_file() {
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	[[ -n ${SASL_DIR:-} ]] && kh_broker_stop "$SASL_DIR" >/dev/null 2>&1
	return 0
}

MECHANISMS=(PLAIN SCRAM-SHA-256 SCRAM-SHA-512 OAUTHBEARER)

# create TOPIC PROPS: make the topic (the broker does not auto-create)
create() {
	kafka-topics --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/$2.properties" --create --topic "$1" >/dev/null
}

# no_secret: neither output of the last run shows a password
no_secret() {
	refute_output --partial secret
	[[ $stderr != *secret* ]] || fail "a password in stderr: $stderr"
}

@test "kafka-topics --create, --list and --describe over each mechanism, as Apache's" {
	local m t
	for m in "${MECHANISMS[@]}"; do
		t=$(unique_topic "$m")
		run -0 --separate-stderr kafka-topics --bootstrap-server "$SASL_BS" \
			--command-config "$CONF/$m.properties" --create --topic "$t" \
			--partitions 2
		assert_output "Created topic $t."
		topics_as_apache "$SASL_BS" "$CONF/$m.properties" "$t"
	done
}

@test "Apache's kafka-topics --create over SCRAM-SHA-512, ours lists it" {
	t=$(unique_topic)
	run -0 --separate-stderr apache kafka-topics --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/SCRAM-SHA-512.properties" --create --topic "$t"
	run -0 --separate-stderr kafka-topics --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/SCRAM-SHA-256.properties" --list --topic "$t"
	assert_output "$t"
}

@test "console producer and consumer over each mechanism, against Apache's" {
	local m t n=20
	for m in "${MECHANISMS[@]}"; do
		t=$(unique_topic "$m")
		create "$t" "$m"
		# ours produces, Apache consumes (the deprecated option name too)
		run -0 bash -c 'seq 1 "$1" | kafka-console-producer --bootstrap-server "$2" \
			--producer.config "$3" --topic "$4"' _ "$n" "$SASL_BS" \
			"$CONF/$m.properties" "$t"
		run -0 --separate-stderr apache kafka-console-consumer --bootstrap-server "$SASL_BS" \
			--consumer.config "$CONF/$m.properties" --topic "$t" \
			--from-beginning --max-messages "$n" --timeout-ms 30000
		assert_equal "$(grep -v '^Processed' <<<"$output" | grep -c '^[0-9]')" "$n"
		# Apache produces, ours consumes with --command-config
		run -0 bash -c 'seq 101 $((100 + $1)) | "$KAFKIT_ROOT/tests/kafka/apache" \
			kafka-console-producer --bootstrap-server "$2" \
			--command-config "$3" --topic "$4"' _ "$n" "$SASL_BS" \
			"$CONF/$m.properties" "$t"
		run -0 --separate-stderr kafka-console-consumer --bootstrap-server "$SASL_BS" \
			--command-config "$CONF/$m.properties" --topic "$t" \
			--from-beginning --max-messages $((2 * n)) --timeout-ms 30000
		assert_both_runs "$n"
	done
}

@test "console consumer in a group over SCRAM-SHA-512 commits as Apache's sees it" {
	t=$(unique_topic)
	g=$(unique_topic group)
	create "$t" SCRAM-SHA-512
	run -0 bash -c 'printf "x\ny\nz\n" | kafka-console-producer --bootstrap-server "$1" \
		--command-config "$2" --topic "$3"' _ "$SASL_BS" \
		"$CONF/SCRAM-SHA-512.properties" "$t"
	run -0 --separate-stderr kafka-console-consumer --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/SCRAM-SHA-512.properties" --topic "$t" \
		--group "$g" --from-beginning --max-messages 3 --timeout-ms 30000
	assert_output $'x\ny\nz'
	# the group's offsets are committed: a second read finds nothing new
	run --separate-stderr apache kafka-console-consumer --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/SCRAM-SHA-512.properties" --topic "$t" \
		--group "$g" --timeout-ms 5000
	assert_output ''
}

# Not over SCRAM: the librdkafka of Debian 12 (2.0.2) cannot log in with
# SCRAM to Kafka 4.x ("invalid credentials"; kcat issue 462, fixed in
# librdkafka 2.6.1), while ours and Apache's do (the tests above).
@test "kcat is the second peer over PLAIN" {
	t=$(unique_topic)
	create "$t" PLAIN
	run -0 bash -c 'printf "k1\nk2\n" | kafka-console-producer --bootstrap-server "$1" \
		--command-config "$2" --topic "$3"' _ "$SASL_BS" "$CONF/PLAIN.properties" "$t"
	run -0 kcat -b "$SASL_BS" -X security.protocol=SASL_PLAINTEXT \
		-X sasl.mechanisms=PLAIN -X sasl.username=alice \
		-X sasl.password=alice-secret -C -t "$t" -e -q
	assert_output $'k1\nk2'
	run -0 bash -c 'printf "k3\n" | kcat -b "$1" -X security.protocol=SASL_PLAINTEXT \
		-X sasl.mechanisms=PLAIN -X sasl.username=alice \
		-X sasl.password=alice-secret -P -t "$2"' _ "$SASL_BS" "$t"
	run -0 --separate-stderr kafka-console-consumer --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/PLAIN.properties" --topic "$t" \
		--from-beginning --max-messages 3 --timeout-ms 30000
	assert_output $'k1\nk2\nk3'
}

# same_failure PROPS [BOOTSTRAP [ARGS...]]: ours and Apache's kafka-topics
# (default --list) fail alike: exit 1, the same stdout line, and Apache's
# last exception line among ours; ours within seconds.
same_failure() {
	local start=$SECONDS props=$1 bs=${2:-$SASL_BS} args=(--list)
	shift $(($# < 2 ? $# : 2))
	(($# > 0)) && args=("$@")
	run -1 --separate-stderr kafka-topics --bootstrap-server "$bs" \
		--command-config "$CONF/$props.properties" "${args[@]}"
	((SECONDS - start < 10)) || fail "took $((SECONDS - start)) s"
	no_secret
	ours=$output ours_err=$stderr
	run -1 --separate-stderr apache kafka-topics --bootstrap-server "$bs" \
		--command-config "$CONF/$props.properties" "${args[@]}"
	assert_equal "$ours" "$output"
	want=$(grep -E '^\[.*\] ERROR [a-z]+\.' <<<"$stderr" | tail -1 | sed 's/^\[[^]]*\] //')
	[[ -n $want && $ours_err == *"$want"* ]] ||
		fail "stderr '$ours_err' lacks Apache's '$want'"
}

@test "wrong password: the broker's SaslAuthenticationException, as Apache's" {
	same_failure scram512-wrong
	assert_output "Error while executing topic command : Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"
	same_failure plain-wrong
	assert_output "Error while executing topic command : Authentication failed: Invalid username or password"
}

@test "unknown user: the broker's message, as Apache's" {
	same_failure plain-nouser
	same_failure scram256-nouser
	assert_output "Error while executing topic command : Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256"
}

@test "a mechanism the listener does not offer: the ones it does, as Apache's" {
	same_failure scram512-plainonly "$PLAIN_ONLY_BS"
	assert_output "Error while executing topic command : Client SASL mechanism 'SCRAM-SHA-512' not enabled in the server, enabled mechanisms are [PLAIN]"
}

@test "SASL to the PLAINTEXT port: a clear refusal at once, as Apache's" {
	same_failure PLAIN "$PLAINTEXT_BS"
	assert_output "Error while executing topic command : Unexpected handshake request with client mechanism PLAIN, enabled mechanisms are []"
}

@test "authorization failures of a logged-in user: as Apache's, one line, exit 1" {
	t=$(unique_topic)
	create "$t" SCRAM-SHA-512
	same_failure dave "$SASL_BS" --create --topic "$(unique_topic dave)"
	assert_output "Error while executing topic command : Authorization failed."
	same_failure dave "$SASL_BS" --describe --topic "$t"
	assert_output "Error while executing topic command : Topic '$t' does not exist as expected"
	run -1 --separate-stderr bash -c 'echo a | kafka-console-producer --bootstrap-server "$1" \
		--command-config "$2" --topic "$3"' _ "$SASL_BS" "$CONF/dave.properties" "$t"
	assert_equal "$stderr" "kafka-console-producer: topic '$t': TOPIC_AUTHORIZATION_FAILED: Topic authorization failed."
	run -1 --separate-stderr kafka-console-consumer --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/dave.properties" --topic "$t" --timeout-ms 20000
	[[ $stderr == *"AUTHORIZATION_FAILED"* ]] || fail "no authorization failure in: $stderr"
}

@test "PLAINTEXT to a SASL port: the broker closes, reported at once" {
	start=$SECONDS
	run -1 --separate-stderr kafka-topics --bootstrap-server "$SASL_BS" --list
	((SECONDS - start < 10))
	assert_output --partial "closed by the broker"
}

@test "a refused login is not retried: producer and consumer stop at once" {
	t=$(unique_topic)
	start=$SECONDS
	run -1 --separate-stderr bash -c 'echo a | kafka-console-producer --bootstrap-server "$1" \
		--command-config "$2" --topic "$3"' _ "$SASL_BS" \
		"$CONF/scram512-wrong.properties" "$t"
	((SECONDS - start < 10)) || fail "producer took $((SECONDS - start)) s"
	[[ $stderr == *"Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"* ]]
	no_secret
	start=$SECONDS
	run -1 --separate-stderr kafka-console-consumer --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/plain-wrong.properties" --topic "$t" \
		--from-beginning --timeout-ms 60000
	((SECONDS - start < 10)) || fail "consumer took $((SECONDS - start)) s"
	[[ $stderr == *"Authentication failed: Invalid username or password"* ]]
	no_secret
}

@test "malformed sasl.jaas.config: Java's parser message, as Apache's, no secret" {
	run -1 --separate-stderr kafka-topics --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/bad-jaas.properties" --list
	assert_equal "$stderr" "Failed to create new KafkaAdminClient
Caused by: org.apache.kafka.common.KafkaException: sasl.jaas.config: Value not specified for key 'password' in JAAS config"
	no_secret
	run -1 --separate-stderr apache kafka-topics --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/bad-jaas.properties" --list
	[[ $stderr == *"Value not specified for key 'password' in JAAS config"* ]]
	run -1 --separate-stderr bash -c 'echo a | kafka-console-producer --bootstrap-server "$1" \
		--command-config "$2" --topic x' _ "$SASL_BS" "$CONF/bad-jaas.properties"
	[[ $stderr == *"sasl.jaas.config: Value not specified for key 'password' in JAAS config"* ]]
	run -1 --separate-stderr kafka-console-consumer --bootstrap-server "$SASL_BS" \
		--command-config "$CONF/bad-jaas.properties" --topic x
	[[ $stderr == *"sasl.jaas.config: Value not specified for key 'password' in JAAS config"* ]]
}

@test "properties that need a JVM and GSSAPI are refused, naming them; SASL_SSL to this plaintext listener fails in one line" {
	p=$BATS_TEST_TMPDIR/p.properties
	cp "$CONF/PLAIN.properties" "$p"
	echo 'sasl.login.callback.handler.class=com.example.Handler' >>"$p"
	run -1 --separate-stderr kafka-topics --bootstrap-server "$SASL_BS" \
		--command-config "$p" --list
	[[ $stderr == *"sasl.login.callback.handler.class needs a JVM: kafkit cannot load the Java class 'com.example.Handler'"* ]]
	no_secret
	sed 's/^sasl.mechanism=.*/sasl.mechanism=GSSAPI/' "$CONF/PLAIN.properties" >"$p"
	run -1 --separate-stderr kafka-topics --bootstrap-server "$SASL_BS" \
		--command-config "$p" --list
	[[ $stderr == *"sasl.mechanism GSSAPI needs Kerberos, which kafkit does not support"* ]]
	sed 's/^security.protocol=.*/security.protocol=SASL_SSL/' "$CONF/PLAIN.properties" >"$p"
	run -1 --separate-stderr kafka-topics --bootstrap-server "$SASL_BS" \
		--command-config "$p" --list
	# SASL_SSL works (tls.bats has a SASL_SSL listener); here the
	# listener is plaintext, which the TLS handshake says at once
	[[ $stderr == *"not speaking TLS (a plaintext listener?)"* ]] || { echo "$stderr"; false; }
	no_secret
}

@test "KIP-368: a session that expires is renewed on the same connection" {
	t=$(unique_topic)
	create "$t" PLAIN
	# two more records over 8 s: the 3 s session ends twice meanwhile
	consume_while_producing "$PLAIN_ONLY_BS" "$CONF/PLAIN.properties" \
		"$SASL_BS" "$CONF/PLAIN.properties" "$t" 3 8
	echo "$CONSUMER_ERR" >&3
	[[ -n $PORTS_BEFORE ]] || fail "no connection of the consumer to $PLAIN_ONLY_BS"
	assert_equal "$status" 0
	assert_equal "$output" $'r1\nr2\nr3'
	# the broker closes an expired connection: a new one would show here
	assert_equal "$PORTS_SEEN" "$PORTS_BEFORE"
}
