#!/usr/bin/env bats
# oidc.bats - OAUTHBEARER with the OIDC client-credentials login
# (KIP-768): sasl.login.callback.handler.class=OAuthBearerLoginCallbackHandler
# and sasl.oauthbearer.token.endpoint.url. kafka-topics,
# kafka-console-producer, kafka-console-consumer and kafka-consumer-groups
# are given the same client.properties as Apache's tools (the JAAS
# options clientId/clientSecret/scope, and the 4.1+ properties
# sasl.oauthbearer.client.credentials.* instead) and print what Apache's
# print. A token endpoint that refuses, fails, is down or is slow gives
# one clear line and exit 1 within the login timeouts, never a hang, and
# never shows the client secret or a token. The token is fetched once per
# run, shared by every connection, and fetched again when it nears its
# end, which KIP-368 re-authentication then sends.
#
# The file starts kt-oidc-idp (tests/tools/oidc_idp.c: the token endpoint,
# and the JWKS the broker checks signatures with), then a broker of its
# own (tests/kafka/kh.sh) with a SASL_PLAINTEXT listener that offers
# OAUTHBEARER validated by OAuthBearerValidatorCallbackHandler, with
# sessions of 3 s (connections.max.reauth.ms). Kafka 4 refuses OAuth URLs
# that the JVM property org.apache.kafka.sasl.oauthbearer.allowed.urls does
# not list: KAFKA_OPTS sets it for the broker and Apache's tools. The
# suite's shared broker is not touched.
#
# No kcat here: Debian 12's librdkafka is built without libcurl, and kcat
# refuses sasl.oauthbearer.method=oidc ("not supported in this build:
# OAuth/OIDC depends on libcurl and OpenSSL which were not available at
# build time"), checked by running it against this broker.

bats_require_minimum_version 1.5.0
load helpers

HANDLER=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler
HANDLER3=org.apache.kafka.common.security.oauthbearer.secured.OAuthBearerLoginCallbackHandler
MODULE=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule

setup_file() {
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	local suite=${KAFKA_BOOTSTRAP:-} d=$BATS_FILE_TMPDIR port i
	export IDP=$d/idp OIDC_SECRET=kt-oidc-S3cret-4711
	mkdir -p "$IDP"
	# bounded: it exits after --max-seconds, or when this process
	# (bats-exec-file) is gone
	kt-oidc-idp --port-file "$IDP/port" --client-id kafkit \
		--client-secret "$OIDC_SECRET" --mode-file "$IDP/mode" \
		--log "$IDP/log" --max-seconds 1800 >"$IDP/out" 2>&1 </dev/null 3>&- &
	export IDP_PID=$!
	for i in $(seq 1 200); do
		[[ -s $IDP/port ]] && break
		kill -0 "$IDP_PID" 2>/dev/null || break
		sleep 0.05
	done
	[[ -s $IDP/port ]] || { cat "$IDP/out" >&2; return 1; }
	port=$(<"$IDP/port")
	export TOKEN_URL=http://127.0.0.1:$port/token
	export JWKS_URL=http://127.0.0.1:$port/jwks
	# a port nothing listens on: the endpoint that is down
	export DOWN_URL=http://127.0.0.1:$(kh_pick_ports 1)/token
	export KAFKA_OPTS="-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=$TOKEN_URL,$JWKS_URL,$DOWN_URL"
	cat >"$d/extra.conf" <<EOF
sasl.enabled.mechanisms=OAUTHBEARER
listener.name.sasl_plaintext.oauthbearer.sasl.server.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler
listener.name.sasl_plaintext.oauthbearer.sasl.jaas.config=$MODULE required;
listener.name.sasl_plaintext.oauthbearer.connections.max.reauth.ms=3000
sasl.oauthbearer.jwks.endpoint.url=$JWKS_URL
EOF
	export OIDC_DIR=$d/broker
	KH_EXTRA_LISTENERS="SASL_PLAINTEXT:SASL_PLAINTEXT" \
		KH_EXTRA_CONF=$d/extra.conf \
		KH_OWNER_PID=$$ kh_broker_start "$OIDC_DIR" 3>&- || return 1
	export OIDC_BS=127.0.0.1:$(<"$OIDC_DIR/port.SASL_PLAINTEXT")
	export KAFKA_BOOTSTRAP=$suite
	export CONF=$d/conf
	mkdir -p "$CONF"
	local head="security.protocol=SASL_PLAINTEXT
sasl.mechanism=OAUTHBEARER"
	# the JAAS options (Kafka 3.1 on; deprecated in 4.1)
	printf '%s\nsasl.login.callback.handler.class=%s\nsasl.oauthbearer.token.endpoint.url=%s\nsasl.jaas.config=%s required clientId="kafkit" clientSecret="%s" scope="kafka";\n' \
		"$head" "$HANDLER" "$TOKEN_URL" "$MODULE" "$OIDC_SECRET" >"$CONF/jaas.properties"
	# the properties of Kafka 4.1 (KIP-1139)
	printf '%s\nsasl.login.callback.handler.class=%s\nsasl.oauthbearer.token.endpoint.url=%s\nsasl.oauthbearer.client.credentials.client.id=kafkit\nsasl.oauthbearer.client.credentials.client.secret=%s\nsasl.oauthbearer.scope=kafka\nsasl.jaas.config=%s required;\n' \
		"$head" "$HANDLER" "$TOKEN_URL" "$OIDC_SECRET" "$MODULE" >"$CONF/props.properties"
	# 3.x's handler name (Kafka 4 has only the other one)
	sed "s/$HANDLER/$HANDLER3/" "$CONF/jaas.properties" >"$CONF/v3.properties"
	sed "s/$OIDC_SECRET/not-the-S3cret/" "$CONF/jaas.properties" >"$CONF/wrong.properties"
	# Java retries a failing endpoint for sasl.login.retry.backoff.max.ms
	# (10 s by default): 1 s keeps these tests short
	{ cat "$CONF/jaas.properties"; echo sasl.login.retry.backoff.max.ms=1000; } >"$CONF/retry1s.properties"
	sed "s|$TOKEN_URL|$DOWN_URL|" "$CONF/retry1s.properties" >"$CONF/down.properties"
	{
		cat "$CONF/jaas.properties"
		printf 'sasl.login.read.timeout.ms=2000\nsasl.login.connect.timeout.ms=2000\nsasl.login.retry.backoff.max.ms=3000\n'
	} >"$CONF/slow.properties"
	grep -v '^sasl.login.callback' "$CONF/jaas.properties" >"$CONF/nohandler.properties"
	sed "s/$HANDLER/com.example.Handler/" "$CONF/jaas.properties" >"$CONF/other.properties"
	sed 's/scope="kafka"/scope="refresh"/' "$CONF/jaas.properties" >"$CONF/refresh.properties"
}

teardown_file() {
	# shellcheck source=tests/kafka/kh.sh
	. "$KAFKIT_ROOT/tests/kafka/kh.sh"
	[[ -n ${OIDC_DIR:-} ]] && kh_broker_stop "$OIDC_DIR" >/dev/null 2>&1
	[[ -n ${IDP_PID:-} ]] && kill "$IDP_PID" 2>/dev/null
	return 0
}

setup() {
	echo ok >"$IDP/mode"
}

# tokens [SCOPE]: how many token requests the endpoint has had (for SCOPE)
tokens() {
	local n
	n=$(grep -c " ${1:-}" "$IDP/log" 2>/dev/null)
	echo "${n:-0}"
}

# create TOPIC: make the topic (the broker does not auto-create)
create() {
	kafka-topics --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/jaas.properties" --create --topic "$1" >/dev/null
}

# no_secret: neither output of the last run shows the client secret or a
# token (a JWT starts with the base64url of '{"', eyJ)
no_secret() {
	[[ $output$stderr != *"$OIDC_SECRET"* ]] || fail "the client secret in: $output$stderr"
	[[ $output$stderr != *eyJ* ]] || fail "a token in: $output$stderr"
}

@test "kafka-topics --create, --describe and --list with the OIDC login, both property forms, as Apache's; one token a run" {
	local f t n
	for f in jaas props; do
		t=$(unique_topic "$f")
		n=$(tokens)
		run -0 --separate-stderr kafka-topics --bootstrap-server "$OIDC_BS" \
			--command-config "$CONF/$f.properties" --create --topic "$t" \
			--partitions 2
		assert_output "Created topic $t."
		assert_equal "$(tokens)" $((n + 1))
		topics_as_apache "$OIDC_BS" "$CONF/$f.properties" "$t"
	done
}

@test "3.x's handler name is the OIDC login too; any other handler class is refused, naming it" {
	t=$(unique_topic)
	create "$t"
	run -0 --separate-stderr kafka-topics --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/v3.properties" --list --topic "$t"
	assert_output "$t"
	run -1 --separate-stderr kafka-topics --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/other.properties" --list
	[[ $stderr == *"sasl.login.callback.handler.class needs a JVM: kafkit cannot load the Java class 'com.example.Handler'"* ]] ||
		fail "$stderr"
	no_secret
}

@test "console producer and consumer with the OIDC login, against Apache's; one token a run" {
	local f t n=20 before
	for f in jaas props; do
		t=$(unique_topic "$f")
		create "$t"
		# ours produces, Apache consumes
		before=$(tokens)
		run -0 bash -c 'seq 1 "$1" | kafka-console-producer --bootstrap-server "$2" \
			--command-config "$3" --topic "$4"' _ "$n" "$OIDC_BS" \
			"$CONF/$f.properties" "$t"
		assert_equal "$(tokens)" $((before + 1))
		run -0 --separate-stderr apache kafka-console-consumer --bootstrap-server "$OIDC_BS" \
			--command-config "$CONF/$f.properties" --topic "$t" \
			--from-beginning --max-messages "$n" --timeout-ms 30000
		assert_equal "$output" "$(seq 1 "$n")"
		# Apache produces, ours consumes (in a group: a coordinator
		# connection besides the bootstrap and fetch ones)
		run -0 bash -c 'seq 101 $((100 + $1)) | "$KAFKIT_ROOT/tests/kafka/apache" \
			kafka-console-producer --bootstrap-server "$2" \
			--command-config "$3" --topic "$4"' _ "$n" "$OIDC_BS" \
			"$CONF/$f.properties" "$t"
		before=$(tokens)
		run -0 --separate-stderr kafka-console-consumer --bootstrap-server "$OIDC_BS" \
			--command-config "$CONF/$f.properties" --topic "$t" \
			--group "$(unique_topic "$f-g")" --from-beginning \
			--max-messages $((2 * n)) --timeout-ms 30000
		assert_equal "$(tokens)" $((before + 1))
		assert_both_runs "$n"
	done
}

@test "kafka-consumer-groups --list and --describe with the OIDC login, as Apache's" {
	t=$(unique_topic)
	g=$(unique_topic group)
	create "$t"
	run -0 bash -c 'printf "a\nb\nc\n" | kafka-console-producer --bootstrap-server "$1" \
		--command-config "$2" --topic "$3"' _ "$OIDC_BS" "$CONF/jaas.properties" "$t"
	run -0 --separate-stderr kafka-console-consumer --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/props.properties" --topic "$t" --group "$g" \
		--from-beginning --max-messages 2 --timeout-ms 30000
	assert_output $'a\nb'
	n=$(tokens)
	run -0 --separate-stderr kafka-consumer-groups --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/jaas.properties" --list
	assert_equal "$(tokens)" $((n + 1))
	ours=$(sort <<<"$output")
	[[ $'\n'$ours$'\n' == *$'\n'$g$'\n'* ]] || fail "no $g in: $ours"
	run -0 --separate-stderr apache kafka-consumer-groups --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/jaas.properties" --list
	assert_equal "$ours" "$(sort <<<"$output")"
	run -0 --separate-stderr kafka-consumer-groups --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/props.properties" --describe --group "$g"
	ours=$output
	[[ $ours == *"$g"*"$t"*" 2 "*" 3 "*" 1 "* ]] || fail "$ours"
	run -0 --separate-stderr apache kafka-consumer-groups --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/props.properties" --describe --group "$g"
	assert_equal "$ours" "$output"
}

# login_fails PROPS: ours and Apache's kafka-topics --list both fail the
# login: exit 1, ours within 10 s, no secret and no token shown; Apache's
# stderr is left in $apache_err, ours in $stderr.
login_fails() {
	local start=$SECONDS
	run -1 --separate-stderr kafka-topics --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/$1.properties" --list
	((SECONDS - start < 10)) || fail "took $((SECONDS - start)) s"
	no_secret
	ours_out=$output ours_err=$stderr
	run -1 --separate-stderr apache kafka-topics --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/$1.properties" --list
	apache_out=$output apache_err=$stderr
	output=$ours_out stderr=$ours_err
}

# ours_says TEXT: our kafka-topics said what Java's admin client does when
# its login fails while it is built, with TEXT as the cause
ours_says() {
	assert_equal "$ours_out" ""
	assert_equal "$ours_err" "Failed to create new KafkaAdminClient
Caused by: org.apache.kafka.common.KafkaException: javax.security.auth.login.LoginException: $1"
}

@test "wrong client secret: the endpoint's 401 and its error body, as Apache's" {
	# Apache, last cause: java.io.IOException: The response code 401 and
	# error response {"invalid_client" - "client authentication failed"}
	# was encountered reading the token endpoint response; will not
	# attempt further retries
	local want='The response code 401 and error response {"invalid_client" - "client authentication failed"} was encountered reading the token endpoint response; will not attempt further retries'
	n=$(tokens)
	login_fails wrong
	ours_says "$want"
	[[ $apache_err == *"Caused by: java.io.IOException: $want"* ]] || fail "Apache: $apache_err"
	[[ $apache_err == *"Failed to create new KafkaAdminClient"* ]]
	# 401 is not retried: one request each
	assert_equal "$(tokens)" $((n + 2))
	# the other tools: the same cause in one line
	run -1 --separate-stderr bash -c 'echo a | kafka-console-producer --bootstrap-server "$1" \
		--command-config "$2" --topic x' _ "$OIDC_BS" "$CONF/wrong.properties"
	assert_equal "$stderr" "org.apache.kafka.common.KafkaException: $want"
	no_secret
	run -1 --separate-stderr kafka-console-consumer --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/wrong.properties" --topic x --timeout-ms 20000
	[[ $stderr == *"ERROR Unknown error when running consumer: "*"$want" ]] || fail "$stderr"
	no_secret
	# Apache: "Error: Executing consumer group command failed due to
	# Failed to create new KafkaAdminClient" on stdout, the same cause,
	# and exit 0 as for any failure of its action (man page); exit 1
	# with a gate (--lag-max)
	run -0 --separate-stderr kafka-consumer-groups --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/wrong.properties" --list
	assert_output $'\nError: Executing consumer group command failed due to Failed to create new KafkaAdminClient'
	assert_equal "$stderr" "org.apache.kafka.common.KafkaException: javax.security.auth.login.LoginException: $want"
	no_secret
	ours=$output
	run -0 --separate-stderr apache kafka-consumer-groups --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/wrong.properties" --list
	assert_equal "$output" "$ours"
	[[ $stderr == *"Caused by: java.io.IOException: $want"* ]] || fail "Apache: $stderr"
	run -1 --separate-stderr kafka-consumer-groups --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/wrong.properties" --describe --group g \
		--lag-max 0
	no_secret
}

@test "endpoint answers 500: retried, then its error body, as Apache's" {
	# Apache: java.io.IOException: The unexpected response code 500 and
	# error message {"server_error" - "the identity provider is down"} was
	# encountered reading the token endpoint response
	local want='The unexpected response code 500 and error message {"server_error" - "the identity provider is down"} was encountered reading the token endpoint response'
	echo 500 >"$IDP/mode"
	n=$(tokens)
	login_fails retry1s
	ours_says "$want"
	[[ $apache_err == *"Caused by: java.io.IOException: $want"* ]] || fail "Apache: $apache_err"
	# 5xx is retried within sasl.login.retry.backoff.max.ms by both
	(($(tokens) - n > 2)) || fail "$(($(tokens) - n)) requests"
}

@test "endpoint down: connection refused, retried within the backoff bound, as Apache's" {
	# Apache: javax.security.auth.login.LoginException:
	# org.apache.kafka.common.KafkaException: java.net.ConnectException:
	# Connection refused
	login_fails down
	ours_says "token endpoint '$DOWN_URL': Connection refused"
	[[ $apache_err == *"LoginException: org.apache.kafka.common.KafkaException: java.net.ConnectException: Connection refused"* ]] ||
		fail "Apache: $apache_err"
}

@test "slow endpoint: bounded by sasl.login.read.timeout.ms, no hang, as Apache's" {
	# Apache: javax.security.auth.login.LoginException:
	# org.apache.kafka.common.KafkaException:
	# java.net.SocketTimeoutException: Read timed out (after about 5 s)
	echo slow >"$IDP/mode"
	start=$SECONDS
	login_fails slow
	ours_says "token endpoint '$TOKEN_URL': Read timed out"
	[[ $apache_err == *"LoginException: org.apache.kafka.common.KafkaException: java.net.SocketTimeoutException: Read timed out"* ]] ||
		fail "Apache: $apache_err"
}

@test "a token whose signature the broker refuses: the broker's answer, as Apache's" {
	# Apache, on stdout: Error while executing topic command :
	# {"status":"invalid_token"}
	echo badsig >"$IDP/mode"
	login_fails jaas
	assert_equal "$ours_out" "$apache_out"
	assert_output 'Error while executing topic command : {"status":"invalid_token"}'
	want=$(grep -E '^\[.*\] ERROR [a-z]+\.' <<<"$apache_err" | tail -1 | sed 's/^\[[^]]*\] //')
	[[ -n $want && $ours_err == *"$want"* ]] || fail "stderr '$ours_err' lacks Apache's '$want'"
}

@test "a token endpoint URL without the OIDC handler class is refused, saying what is missing" {
	# Java would use its default, unsecured login, which ignores the URL
	# and fails here on its own missing option (Apache 4.3.1: "No
	# principal name in JWT claim: sub"), or, given
	# unsecuredLoginStringClaim_sub, logs in with an unsigned token
	run -1 --separate-stderr kafka-topics --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/nohandler.properties" --list
	assert_equal "$stderr" "Failed to create new KafkaAdminClient
Caused by: org.apache.kafka.common.KafkaException: sasl.oauthbearer.token.endpoint.url needs sasl.login.callback.handler.class=$HANDLER (the OIDC login; without it Java's login is the unsecured one and ignores the URL)"
	no_secret
	run -1 --separate-stderr apache kafka-topics --bootstrap-server "$OIDC_BS" \
		--command-config "$CONF/nohandler.properties" --list
	[[ $stderr == *"No principal name in JWT claim: sub"* ]] || fail "Apache: $stderr"
}

@test "tokens of 8 s, sessions of 3 s: a 20 s consumer refreshes its token, keeps its connections and prints every record once" {
	t=$(unique_topic)
	create "$t"
	echo "ok 8" >"$IDP/mode"
	# a record every 2 s for 18 s after the first: over two token
	# lifetimes, six sessions
	consume_while_producing "$OIDC_BS" "$CONF/refresh.properties" \
		"$OIDC_BS" "$CONF/jaas.properties" "$t" 10 4 \
		--group "$(unique_topic g)"
	echo "$CONSUMER_ERR" >&3
	[[ -n $PORTS_BEFORE ]] || fail "no connection of the consumer to $OIDC_BS"
	assert_equal "$status" 0
	assert_equal "$output" "$(printf 'r%s\n' $(seq 1 10))"
	# the refresh point is 0.8 of 8 s: a token every 6.4 s
	n=$(tokens refresh)
	echo "# token requests of the 20 s consumer: $n" >&3
	((n >= 3)) || fail "only $n token requests in: $(cat "$IDP/log")"
	# re-authenticated on the same connections: the broker closes one
	# whose session ends, so a new one would show here
	assert_equal "$PORTS_SEEN" "$PORTS_BEFORE"
	[[ $CONSUMER_ERR != *eyJ* ]]
}
