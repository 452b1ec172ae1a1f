#!/usr/bin/env bats
# network.bats - the network core of libkafkit (conn, client, proto,
# proto_metadata) through kt-probe against a real Apache Kafka broker,
# compared with Apache's own tools on the same broker.

bats_require_minimum_version 1.5.0
load helpers

setup() {
	TOPIC=""
}

teardown() {
	if [ -n "$TOPIC" ]; then
		apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
			--delete --topic "$TOPIC" >/dev/null 2>&1 || true
	fi
}

# The API lines of the first broker block of kafka-broker-api-versions,
# as "Name(key): ranges", without the APIs the broker does not offer.
apache_api_lines() {
	apache kafka-broker-api-versions --bootstrap-server "$KAFKA_BOOTSTRAP" |
		awk '/ -> \(/ { inb = 1; next } /^\)/ { if (inb) exit } inb' |
		grep -v ': UNSUPPORTED' |
		sed -e 's/^[[:space:]]*//' -e 's/,$//' -e 's/ \[usable: [^]]*\]$//' \
			-e 's/^ListClientMetricsResources(74)/ListConfigResources(74)/'
	# (key 74 was renamed ListConfigResources in 4.1; 3.x tools print the
	# old name, kt-probe the 4.3 one)
}

@test "api-versions lists the same APIs and ranges as kafka-broker-api-versions" {
	run --separate-stderr kt-probe --bootstrap-server "$KAFKA_BOOTSTRAP" api-versions
	assert_success
	assert_equal "$stderr" ""
	ours=$(printf '%s\n' "$output" | sed 's/ \[[^]]*\]$//')
	theirs=$(apache_api_lines)
	[ -n "$theirs" ]
	assert_equal "$ours" "$theirs"
}

@test "api-versions marks the version kafkit would pick" {
	run --separate-stderr kt-probe --bootstrap-server "$KAFKA_BOOTSTRAP" api-versions
	assert_success
	assert_line --regexp '^Metadata\(3\): 0 to [0-9]+ \[usable: (12|13)\]$'
	assert_line --regexp '^ApiVersions\(18\): 0 to [0-9]+ \[usable: [34]\]$'
	# KAFKA-18659: 4.x advertises Produce from v0, kafkit never goes below 3
	assert_line --regexp '^Produce\(0\): [0-9]+ to [0-9]+ \[usable: ([3-9]|1[0-2])\]$'
	assert_line --regexp '^DescribeQuorum\(55\): [0-9 to]+ \[not used by kafkit\]$'
}

@test "metadata of a topic matches kafka-topics --describe" {
	TOPIC=$(unique_topic)
	run apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
		--create --topic "$TOPIC" --partitions 3 --replication-factor 1
	assert_success
	# wait until every partition has a leader, as Apache reports it
	for _ in $(seq 1 50); do
		desc=$(apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" \
			--describe --topic "$TOPIC")
		printf '%s\n' "$desc" | grep -q 'Leader: none' || break
		sleep 0.2
	done

	run --separate-stderr kt-probe --bootstrap-server "$KAFKA_BOOTSTRAP" metadata "$TOPIC"
	assert_success
	assert_equal "$stderr" ""
	assert_line --regexp "^Topic: $TOPIC	TopicId: [A-Za-z0-9_-]{22}	PartitionCount: 3	Internal: false$"

	# TopicId from Apache's header line
	want_id=$(printf '%s\n' "$desc" | head -1 | sed -n 's/.*TopicId: \([^	]*\).*/\1/p')
	got_id=$(printf '%s\n' "$output" | sed -n "s/^Topic: $TOPIC	TopicId: \([^	]*\).*/\1/p")
	assert_equal "$got_id" "$want_id"

	# partition lines: Topic, Partition, Leader, Replicas, Isr
	# (Apache sorts by partition; a 3.x broker answers in its own order)
	want=$(printf '%s\n' "$desc" | grep '	Partition: ' | cut -f2-6 | sort)
	got=$(printf '%s\n' "$output" | grep '	Partition: ' | cut -f2-6 | sort)
	assert_equal "$got" "$want"
}

@test "metadata prints cluster id, controller and the brokers" {
	run --separate-stderr kt-probe --bootstrap-server "$KAFKA_BOOTSTRAP" metadata
	assert_success
	assert_line --regexp '^Cluster id: [A-Za-z0-9_-]{22}$'
	assert_line --regexp '^Controller: [0-9]+$'
	assert_line --regexp '^Broker [0-9]+: [^ ]+:[0-9]+ rack: '
	# the bootstrap address is one of the advertised brokers
	assert_line --regexp "^Broker [0-9]+: $KAFKA_BOOTSTRAP rack: "
}

@test "metadata of an unknown topic reports UNKNOWN_TOPIC_OR_PARTITION and does not create it" {
	TOPIC=$(unique_topic)
	run --separate-stderr kt-probe --bootstrap-server "$KAFKA_BOOTSTRAP" metadata "$TOPIC"
	assert_equal "$status" 3
	assert_line "Topic: $TOPIC	Error: UNKNOWN_TOPIC_OR_PARTITION: This server does not host this topic-partition."
	run apache kafka-topics --bootstrap-server "$KAFKA_BOOTSTRAP" --list
	assert_success
	# (refute_line trips over an empty listing: lines is unset then)
	refute_output --partial "$TOPIC"
}

@test "a refused port fails fast with one clean line" {
	start=$(date +%s%N)
	run --separate-stderr kt-probe --bootstrap-server 127.0.0.1:1 metadata
	end=$(date +%s%N)
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$stderr" "kt-probe: cannot reach any bootstrap server (127.0.0.1:1): connection to 127.0.0.1:1 (127.0.0.1) refused"
	[ $(((end - start) / 1000000)) -lt 2000 ]
}

@test "an unresolvable host fails with one clean line" {
	run --separate-stderr kt-probe --bootstrap-server no-such-host.invalid:9092 metadata
	assert_failure 1
	assert_equal "$output" ""
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 1
	assert_regex "$stderr" "^kt-probe: cannot reach any bootstrap server \(no-such-host.invalid:9092\): cannot resolve 'no-such-host.invalid': "
}

@test "an IPv6 bootstrap server is written and reported in brackets" {
	run --separate-stderr kt-probe --bootstrap-server '[::1]:1' metadata
	assert_failure 1
	assert_regex "$stderr" '^kt-probe: cannot reach any bootstrap server \(\[::1\]:1\): .*\[::1\]:1'
}

@test "several bootstrap servers: a dead first one is skipped" {
	run --separate-stderr kt-probe --bootstrap-server "127.0.0.1:1, no-such-host.invalid:9092,$KAFKA_BOOTSTRAP" metadata
	assert_success
	assert_line --regexp '^Cluster id: '
}

@test "all bootstrap servers dead: the error names each of them" {
	run --separate-stderr kt-probe --bootstrap-server "127.0.0.1:1,127.0.0.1:2" metadata
	assert_failure 1
	assert_regex "$stderr" '^kt-probe: cannot reach any bootstrap server \(127\.0\.0\.1:1, 127\.0\.0\.1:2\): connection to 127\.0\.0\.1:2 .*refused$'
}

@test "bad bootstrap lists are refused before any connection" {
	run --separate-stderr kt-probe --bootstrap-server "localhost" metadata
	assert_failure 1
	assert_equal "$stderr" "kt-probe: invalid url in bootstrap.servers: 'localhost': no port"
	run --separate-stderr kt-probe --bootstrap-server "localhost:99999" metadata
	assert_failure 1
	assert_equal "$stderr" "kt-probe: invalid port in bootstrap.servers: 'localhost:99999'"
}

@test "security.protocol=SSL is rejected, not ignored" {
	run --separate-stderr kt-probe -X security.protocol=SSL --bootstrap-server "$KAFKA_BOOTSTRAP" metadata
	assert_failure 1
	assert_equal "$stderr" "kt-probe: security.protocol 'SSL' is not supported by kafkit yet (only PLAINTEXT, SASL_PLAINTEXT)"
}

@test "client properties and timeouts are taken by their Java names" {
	run --separate-stderr kt-probe -X request.timeout.ms=5000 -X socket.connection.setup.timeout.ms=2000 \
		-X client.id=bats-probe --timeout-ms 10000 --bootstrap-server "$KAFKA_BOOTSTRAP" metadata
	assert_success
	run --separate-stderr kt-probe -X request.timeout.ms=soon --bootstrap-server "$KAFKA_BOOTSTRAP" metadata
	assert_failure 1
	assert_equal "$stderr" "kt-probe: invalid value 'soon' for configuration 'request.timeout.ms': expected an integer in [0, 2147483647]"
}

@test "a broker that accepts but never answers times out within the configured bound" {
	port_file=$BATS_TEST_TMPDIR/port
	# a listener that accepts and stays silent
	python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
c, _ = s.accept(); time.sleep(10)
' "$port_file" &
	pid=$!
	for _ in $(seq 1 50); do [ -s "$port_file" ] && break; sleep 0.1; done
	start=$(date +%s%N)
	run --separate-stderr kt-probe -X request.timeout.ms=500 --bootstrap-server "127.0.0.1:$(cat "$port_file")" metadata
	end=$(date +%s%N)
	kill "$pid" 2>/dev/null || true
	assert_failure 1
	assert_regex "$stderr" 'ApiVersions v4 request to 127\.0\.0\.1:[0-9]+ timed out after 500 ms$'
	[ $(((end - start) / 1000000)) -lt 3000 ]
}
