# shellcheck shell=bash
#
# kh.sh - Kafka harness helpers (bash; source it, do not run it).
#
# A real Apache Kafka from Maven Central jars (kafka-harness.md): fetch the
# jars of one release into a cache, run its reference tools, and start/stop
# one combined broker+controller on free loopback ports.
#
# Environment:
#   KAFKA_VERSION        release to use, any 4.x or 3.9.x (default 4.3.1)
#   KAFKA_LOG4J2_VERSION log4j2 for a 4.x release not in kh_log4j2_version
#   KAFKIT_KAFKA_CACHE   cache root (default $XDG_CACHE_HOME/kafkit or
#                        ~/.cache/kafkit); jars go to kafka-<ver>/libs
#   KH_START_TIMEOUT     seconds to wait for the broker (default 120)
#   KH_STOP_TIMEOUT      seconds between SIGTERM and SIGKILL (default 30)
#   KH_BROKER_HEAP       broker heap options (default -Xms512m -Xmx512m)
#   KH_OWNER_PID         if set at start, a watchdog stops the broker when
#                        this process is gone (killed runs leak nothing)
#   KH_KEEP=1            broker stop keeps the node directory (logs, data)
#   KH_EXTRA_LISTENERS   more client listeners, "NAME:PROTOCOL ..." (e.g.
#                        "SSL:SSL MTLS:SSL SASL_PLAINTEXT:SASL_PLAINTEXT"):
#                        each gets a free port, written to DIR/port.NAME
#                        and exported as KH_PORT_NAME
#   KH_EXTRA_CONF        a file appended to server.properties, with
#                        @NODE_DIR@ and @PORT_NAME@ replaced
#   KH_FORMAT_ARGS       more arguments of kafka-storage format (split on
#                        blanks), e.g. --add-scram SCRAM-SHA-512=[name=u,password=p]
#   KH_ADVERTISE_PORT    advertise this port for PLAINTEXT instead of the
#                        one listened on (a proxy in front of the broker)
#   KAFKA_OPTS           more JVM options of the broker and of Apache's
#                        tools, as bin/kafka-run-class.sh takes them (e.g.
#                        -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=...)
#
# Functions print errors on stderr and return non-zero; they never exit.

KH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KAFKA_VERSION=${KAFKA_VERSION:-4.3.1}
KH_CACHE=${KAFKIT_KAFKA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafkit}
KH_HOME=$KH_CACHE/kafka-$KAFKA_VERSION
KH_LIBS=$KH_HOME/libs
KH_JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
# KAFKA_JVM_PERFORMANCE_OPTS of bin/kafka-run-class.sh (3.9 adds headless)
KH_JVM_PERF="-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true"
# short-lived tools start faster with C1 only; never the perf tests
KH_JVM_FAST="-XX:TieredStopAtLevel=1 -Xshare:auto"
KH_BROKER_HEAP=${KH_BROKER_HEAP:--Xms512m -Xmx512m}

# kh_series: 39 (3.9.x), 40 (4.0-4.2) or 43 (4.3 and later); the main
# classes of some tools moved between these (kafka-harness.md section 2).
kh_series()
{
	local maj min rest
	IFS=. read -r maj min rest <<<"$KAFKA_VERSION"
	if [[ $maj == 3 && $min == 9 ]]; then
		echo 39
	elif [[ $maj == 4 && $min =~ ^[0-9]+$ ]]; then
		if ((min <= 2)); then echo 40; else echo 43; fi
	else
		echo "kh: unsupported KAFKA_VERSION '$KAFKA_VERSION' (want 4.x or 3.9.x)" >&2
		return 1
	fi
}

# kh_log4j2_version: log4j2 of a 4.x release, from its
# gradle/dependencies.gradle (4.1+ also in the kafka-server POM).
kh_log4j2_version()
{
	if [[ -n ${KAFKA_LOG4J2_VERSION:-} ]]; then
		echo "$KAFKA_LOG4J2_VERSION"
		return
	fi
	case $KAFKA_VERSION in
	4.0.0 | 4.0.1 | 4.1.0) echo 2.24.3 ;;
	4.0.* | 4.1.* | 4.2.0) echo 2.25.3 ;;
	4.2.* | 4.3.*) echo 2.25.4 ;;
	*) echo 2.25.5 ;; # 4.4.0; newer: set KAFKA_LOG4J2_VERSION
	esac
}

# kh_fetch: make sure $KH_LIBS holds the jars of $KAFKA_VERSION. Runs Maven
# only when the stamp of a complete copy is missing or stale, so a warm
# call costs a few milliseconds. Downloads into libs.partial and renames,
# under a lock, so an interrupted or concurrent fetch never leaves a
# half-filled libs/ behind.
kh_fetch()
{
	local series pom args want rc
	series=$(kh_series) || return 1
	if [[ $series == 39 ]]; then
		pom=$KH_DIR/pom-3.9.xml
		args="-Dkafka.version=$KAFKA_VERSION"
	else
		pom=$KH_DIR/pom-4.xml
		args="-Dkafka.version=$KAFKA_VERSION -Dlog4j2.version=$(kh_log4j2_version)"
	fi
	want="$(sha256sum <"$pom" | cut -d' ' -f1) $args"
	if [[ -d $KH_LIBS && -f $KH_HOME/.complete &&
		$(<"$KH_HOME/.complete") == "$want" ]]; then
		return 0
	fi
	mkdir -p "$KH_HOME" || return 1
	(
		flock 9 || exit 1
		# another run may have finished the copy while we waited
		if [[ -d $KH_LIBS && -f $KH_HOME/.complete &&
			$(<"$KH_HOME/.complete") == "$want" ]]; then
			exit 0
		fi
		command -v mvn >/dev/null ||
			{ echo "kh: mvn not found (bash tests/run deps)" >&2; exit 1; }
		echo "kh: fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $KH_LIBS" >&2
		rm -rf "$KH_HOME/libs.partial" "$KH_HOME/.complete"
		cp "$pom" "$KH_HOME/pom.xml" || exit 1
		# shellcheck disable=SC2086 # $args is a list of -D options
		# -U: re-ask Central about artifacts that an earlier attempt
		# found missing (Maven caches such failures in ~/.m2)
		(cd "$KH_HOME" && mvn -B -q -U dependency:copy-dependencies $args \
			"-Dkafka.libs.dir=$KH_HOME/libs.partial") \
			>"$KH_HOME/mvn.log" 2>&1 </dev/null
		rc=$?
		if ((rc != 0)); then
			echo "kh: mvn dependency:copy-dependencies failed for Kafka $KAFKA_VERSION (exit $rc):" >&2
			sed 's/\x1b\[[0-9;]*m//g' "$KH_HOME/mvn.log" | grep -v '^\[ERROR\] *$' |
				head -n 30 >&2
			exit 1
		fi
		kh_check_libs "$KH_HOME/libs.partial" "$series" || exit 1
		rm -rf "$KH_LIBS" && mv "$KH_HOME/libs.partial" "$KH_LIBS" &&
			echo "$want" >"$KH_HOME/.complete"
	) 9>"$KH_HOME/.lock"
}

# kh_check_libs DIR SERIES: the jars a working run needs are there, and the
# SLF4J binding is the right one (a wrong one means a silent broker).
kh_check_libs()
{
	local d=$1 series=$2 f
	for f in "kafka_2.13-$KAFKA_VERSION.jar" "kafka-tools-$KAFKA_VERSION.jar" \
		"kafka-clients-$KAFKA_VERSION.jar" slf4j-api-1.7.36.jar; do
		[[ -f $d/$f ]] ||
			{ echo "kh: $f missing after mvn (see $KH_HOME/mvn.log)" >&2; return 1; }
	done
	if [[ $series == 39 ]]; then
		compgen -G "$d/slf4j-reload4j-*.jar" >/dev/null ||
			{ echo "kh: slf4j-reload4j missing in $d" >&2; return 1; }
	else
		compgen -G "$d/log4j-slf4j-impl-*.jar" >/dev/null ||
			{ echo "kh: log4j-slf4j-impl missing in $d" >&2; return 1; }
	fi
	if compgen -G "$d/slf4j-api-2*.jar" >/dev/null ||
		compgen -G "$d/log4j-slf4j2-impl-*.jar" >/dev/null; then
		echo "kh: SLF4J 2.x on the classpath of $d: the 1.x binding would be ignored" >&2
		return 1
	fi
}

# kh_main TOOL: sets KH_MAIN (main class), KH_HEAP (as the bin/ script sets
# it) and KH_FAST (0 for tools that need C2) for the selected release.
kh_main()
{
	local s
	s=$(kh_series) || return 1
	KH_HEAP=256M KH_FAST=1
	case $1 in
	kafka-server-start) KH_MAIN=kafka.Kafka KH_HEAP=1G KH_FAST=0 ;;
	kafka-storage) KH_MAIN=kafka.tools.StorageTool ;;
	kafka-topics) KH_MAIN=org.apache.kafka.tools.TopicCommand ;;
	kafka-console-producer)
		KH_HEAP=512M
		if [[ $s == 39 ]]; then
			KH_MAIN=kafka.tools.ConsoleProducer
		else
			KH_MAIN=org.apache.kafka.tools.ConsoleProducer
		fi
		;;
	kafka-console-consumer)
		KH_MAIN=org.apache.kafka.tools.consumer.ConsoleConsumer KH_HEAP=512M ;;
	kafka-consumer-groups)
		KH_MAIN=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
	kafka-dump-log)
		if [[ $s == 43 ]]; then
			KH_MAIN=org.apache.kafka.tools.DumpLogSegments
		else
			KH_MAIN=kafka.tools.DumpLogSegments
		fi
		;;
	kafka-producer-perf-test)
		KH_MAIN=org.apache.kafka.tools.ProducerPerformance KH_HEAP=512M KH_FAST=0 ;;
	kafka-consumer-perf-test)
		KH_MAIN=org.apache.kafka.tools.ConsumerPerformance KH_HEAP=512M KH_FAST=0 ;;
	kafka-configs) KH_MAIN=kafka.admin.ConfigCommand ;;
	kafka-metadata-quorum) KH_MAIN=org.apache.kafka.tools.MetadataQuorumCommand ;;
	kafka-broker-api-versions)
		if [[ $s == 39 ]]; then
			KH_MAIN=kafka.admin.BrokerApiVersionsCommand
		else
			KH_MAIN=org.apache.kafka.tools.BrokerApiVersionsCommand
		fi
		;;
	kafka-leader-election) KH_MAIN=org.apache.kafka.tools.LeaderElectionCommand ;;
	kafka-get-offsets) KH_MAIN=org.apache.kafka.tools.GetOffsetShell ;;
	*)
		echo "kh: unknown Apache tool '$1'" >&2
		return 2
		;;
	esac
}

# kh_log4j_opts tools|broker: the log4j option for the selected release.
kh_log4j_opts()
{
	if [[ $(kh_series) == 39 ]]; then
		echo "-Dlog4j.configuration=file:$KH_DIR/conf/$1-log4j.properties"
	else
		echo "-Dlog4j2.configurationFile=$KH_DIR/conf/$1-log4j2.xml"
	fi
}

# kh_tool_cmd TOOL: set the array KH_CMD to the java command line that
# runs TOOL the way its bin/ script does (kafka-run-class.sh without the
# JMX flags); fetches the jars first if needed.
kh_tool_cmd()
{
	kh_main "$1" || return
	kh_fetch || return 1
	# shellcheck disable=SC2206 # option lists are split on purpose
	KH_CMD=("$KH_JAVA" "-Xmx$KH_HEAP" $KH_JVM_PERF)
	# shellcheck disable=SC2206
	((KH_FAST)) && KH_CMD+=($KH_JVM_FAST)
	# shellcheck disable=SC2206
	KH_CMD+=(${KAFKA_OPTS:-})
	KH_CMD+=("$(kh_log4j_opts tools)" -cp "$KH_LIBS/*" "$KH_MAIN")
}

# kh_tool TOOL ARGS...: run an Apache tool; its output is the tool's own.
kh_tool()
{
	kh_tool_cmd "$1" || return
	shift
	"${KH_CMD[@]}" "$@"
}

# kh_uuid: a Kafka cluster id (base64url of 16 random bytes, no padding,
# not starting with '-', as Uuid.randomUuid) without starting a JVM.
kh_uuid()
{
	local u
	while :; do
		u=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
		[[ $u != -* ]] && break
	done
	echo "$u"
}

# kh_used_ports: every local TCP port in use (any state), from /proc.
kh_used_ports()
{
	local f sl local rest
	for f in /proc/net/tcp /proc/net/tcp6; do
		[[ -r $f ]] || continue
		while read -r sl local rest; do
			[[ $sl == sl ]] && continue
			# a line read while the kernel rewrites the table may be
			# cut: only a whole hex port counts
			[[ ${local##*:} =~ ^[0-9A-Fa-f]+$ ]] || continue
			echo $((16#${local##*:}))
		done <"$f"
	done
}

# kh_pick_ports N: N distinct free ports in 20000-32767, below the Linux
# ephemeral range so that no outgoing connection can take them meanwhile,
# and away from 19092-19096 (the documented development broker).
kh_pick_ports()
{
	local n=$1 p got=() used
	used=" $(kh_used_ports | tr '\n' ' ') "
	while ((${#got[@]} < n)); do
		p=$((20000 + RANDOM % 12768))
		[[ $used == *" $p "* || " ${got[*]} " == *" $p "* ]] && continue
		got+=("$p")
	done
	echo "${got[@]}"
}

# kh_alive PID: PID runs and is not a zombie (kill -0 succeeds on zombies).
kh_alive()
{
	local st
	st=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $st != Z* ]]
}

# kh_broker_pid DIR: the pid of the broker of DIR, only if that process
# really is a kafka.Kafka on DIR's config (guards against pid reuse).
kh_broker_pid()
{
	local pid args
	pid=$(cat "$1/kafka.pid" 2>/dev/null) || return 1
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	# /proc, not ps: ps cuts the line to $COLUMNS (bats sets it)
	args=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
	[[ $args == *" kafka.Kafka $1/server.properties "* ]] || return 1
	echo "$pid"
}

# kh_broker_start DIR: format fresh KRaft storage in DIR/data, start one
# combined broker+controller on free ports and wait (bounded) until it has
# logged "Kafka Server started" AND its client port accepts. DIR is created
# if missing; an existing DIR must be empty or a stopped broker dir of
# ours. Sets and exports KAFKA_BOOTSTRAP and writes it to DIR/bootstrap.
# On failure prints why with the tail of the broker log and returns 1.
kh_broker_start()
{
	local d=$1 try ports
	[[ -n $d ]] || { echo "kh: broker start needs a directory" >&2; return 2; }
	mkdir -p "$d" && d=$(cd "$d" && pwd) || return 1
	if [[ -n $(ls -A "$d") && ! -f $d/.kafkit-broker ]]; then
		echo "kh: $d is not empty and not a kafkit broker dir; refusing to use it" >&2
		return 1
	fi
	if kh_broker_pid "$d" >/dev/null; then
		echo "kh: a broker is already running in $d" >&2
		return 1
	fi
	: >"$d/.kafkit-broker"
	kh_fetch || return 1
	# a second attempt only if the first lost a race for its ports
	local n_extra=0 l
	for l in ${KH_EXTRA_LISTENERS:-}; do n_extra=$((n_extra + 1)); done
	for try in 1 2 3; do
		ports=$(kh_pick_ports $((2 + n_extra)))
		# shellcheck disable=SC2086
		kh_broker_try "$d" ${ports} && return 0
		grep -q 'Address already in use' "$d/logs/stdout.log" 2>/dev/null || return 1
		echo "kh: ports $ports taken meanwhile, retrying with others" >&2
	done
	return 1
}

# kh_broker_try DIR PORT CONTROLLER_PORT [EXTRA_PORT...]: one start attempt.
kh_broker_try()
{
	local d=$1 port=$2 cport=$3 out t=${KH_START_TIMEOUT:-120}
	local started=$SECONDS l name proto xp subst=() lst="" adv="" map=""
	local fargs=()
	shift 3
	rm -rf "$d/data" "$d/logs" "$d/kafka.pid" "$d/bootstrap" "$d"/port.*
	mkdir -p "$d/logs"
	for l in ${KH_EXTRA_LISTENERS:-}; do
		name=${l%%:*} proto=${l#*:} xp=$1
		shift
		lst+=",$name://127.0.0.1:$xp"
		adv+=",$name://127.0.0.1:$xp"
		map+=",$name:$proto"
		subst+=(-e "s|@PORT_$name@|$xp|g")
		echo "$xp" >"$d/port.$name"
		export "KH_PORT_$name=$xp"
	done
	sed -e "s|@NODE_DIR@|$d|g" -e "s|@PORT@|$port|g" \
		-e "s|@CONTROLLER_PORT@|$cport|g" \
		-e "s|@ADVERTISED_PORT@|${KH_ADVERTISE_PORT:-$port}|g" \
		-e "s|^\(listeners=.*\)$|\1$lst|" \
		-e "s|^\(advertised.listeners=.*\)$|\1$adv|" \
		-e "s|^\(listener.security.protocol.map=.*\)$|\1$map|" \
		"$KH_DIR/conf/server.properties.in" >"$d/server.properties" || return 1
	if [[ -n ${KH_EXTRA_CONF:-} ]]; then
		sed -e "s|@NODE_DIR@|$d|g" "${subst[@]}" "$KH_EXTRA_CONF" \
			>>"$d/server.properties" || return 1
	fi
	# shellcheck disable=SC2206
	[[ -n ${KH_FORMAT_ARGS:-} ]] && { set -f; fargs=($KH_FORMAT_ARGS); set +f; }
	if ! out=$(kh_tool kafka-storage format --standalone -t "$(kh_uuid)" \
		-c "$d/server.properties" "${fargs[@]}" 2>&1); then
		echo "kh: kafka-storage format failed in $d:" >&2
		echo "$out" >&2
		return 1
	fi
	kh_broker_launch "$d" || return 1
	kh_broker_wait "$d" "$port" "$t" || {
		kh_broker_kill "$d" 10
		return 1
	}
	KAFKA_BOOTSTRAP=127.0.0.1:$port
	export KAFKA_BOOTSTRAP
	echo "$KAFKA_BOOTSTRAP" >"$d/bootstrap"
	echo "kh: Kafka $KAFKA_VERSION broker pid $(kh_broker_pid "$d") ready at $KAFKA_BOOTSTRAP after $((SECONDS - started))s (dir $d)" >&2
	[[ -n ${KH_OWNER_PID:-} ]] && kh_watchdog "$d" "$KH_OWNER_PID" "$(kh_broker_pid "$d")"
	return 0
}

# kh_broker_launch DIR: start the JVM of the node in DIR on its existing
# server.properties and data, in the background; does not wait. Truncates
# DIR/logs/stdout.log, so that readiness is judged on this run's log.
kh_broker_launch()
{
	local d=$1 log=$1/logs/stdout.log
	mkdir -p "$d/logs" && rm -f "$d/kafka.pid"
	# Own session: a Ctrl-C meant for the test run does not kill it before
	# the teardown does. 3>&-: a broker must not hold bats' fd 3.
	# shellcheck disable=SC2016,SC2046,SC2086
	(
		ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null
		exec setsid bash -c 'echo $$ >"$0/kafka.pid"; exec "$@"' "$d" \
			"$KH_JAVA" $KH_BROKER_HEAP $KH_JVM_PERF \
			"-Xlog:gc*:file=$d/logs/kafkaServer-gc.log:time,tags:filecount=2,filesize=20M" \
			"-Dkafka.logs.dir=$d/logs" $(kh_log4j_opts broker) \
			${KAFKA_OPTS:-} -cp "$KH_LIBS/*" kafka.Kafka "$d/server.properties"
	) >"$log" 2>&1 </dev/null 3>&- &
	KH_LAUNCHED=$!
}

# kh_broker_wait DIR PORT TIMEOUT: wait (at most TIMEOUT seconds) until the
# node launched in DIR has logged "Kafka Server started" AND PORT accepts.
# On failure (exited, or not ready in time) prints why with the tail of
# its log and returns 1; the node is left as it is.
kh_broker_wait()
{
	local d=$1 port=$2 t=$3 log=$1/logs/stdout.log pid end
	end=$((SECONDS + t))
	while [[ ! -s $d/kafka.pid ]] && { [[ -z ${KH_LAUNCHED:-} ]] ||
		kill -0 "$KH_LAUNCHED" 2>/dev/null; } && ((SECONDS < end)); do
		sleep 0.05
	done
	pid=$(cat "$d/kafka.pid" 2>/dev/null)
	while ((SECONDS < end)); do
		if [[ -z $pid ]] || ! kh_alive "$pid"; then
			echo "kh: Kafka $KAFKA_VERSION broker in $d exited during start-up" >&2
			kh_log_excerpt "$log"
			return 1
		fi
		if grep -q 'Kafka Server started' "$log" &&
			(exec 9<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	echo "kh: Kafka $KAFKA_VERSION broker in $d not ready after ${t}s" >&2
	kh_log_excerpt "$log"
	return 1
}

# kh_log_excerpt LOG: the first errors of a broker log, then its end
kh_log_excerpt()
{
	if grep -qE '^\[[^]]*\] (ERROR|FATAL) ' "$1"; then
		echo "kh: first errors in $1:" >&2
		grep -m 5 -E '^\[[^]]*\] (ERROR|FATAL) ' "$1" >&2
	fi
	echo "kh: end of $1:" >&2
	tail -n 25 "$1" >&2
}

# kh_watchdog DIR OWNER_PID BROKER_PID: stop the broker and remove DIR once
# OWNER_PID is gone, in case the run that owns it dies without its
# teardown (kill -9, a crashed CI runner).
kh_watchdog()
{
	local d=$1 owner=$2 pid=$3
	# shellcheck disable=SC2016
	setsid bash -c '
		echo $$ >"$1/watchdog.pid"
		while kill -0 "$2" 2>/dev/null && kill -0 "$3" 2>/dev/null; do
			sleep 1
		done
		if kill -0 "$3" 2>/dev/null; then
			kill -TERM "$3"
			for i in $(seq 100); do kill -0 "$3" 2>/dev/null || break; sleep 0.2; done
			kill -KILL "$3" 2>/dev/null
			[ -f "$1/.kafkit-broker" ] && rm -rf "$1"
		fi' "$d" "$d" "$owner" "$pid" >/dev/null 2>&1 </dev/null 3>&- &
}

# kh_watchdog_stop DIR: end the watchdog of DIR, if it is still ours.
# Safe under set -e, as every stop function here: callers run them from
# EXIT traps.
kh_watchdog_stop()
{
	local wpid
	wpid=$(cat "$1/watchdog.pid" 2>/dev/null) || return 0
	if [[ $wpid =~ ^[0-9]+$ ]] &&
		[[ $(tr '\0' ' ' 2>/dev/null <"/proc/$wpid/cmdline") == *"$1"* ]]; then
		kill -- "-$wpid" 2>/dev/null || true
	fi
}

# kh_broker_kill DIR TIMEOUT: SIGTERM the broker of DIR (by pid only), and
# SIGKILL it after TIMEOUT seconds.
kh_broker_kill()
{
	local d=$1 t=$2 pid end
	pid=$(kh_broker_pid "$d") || return 0
	kill -TERM "$pid" 2>/dev/null || true
	end=$((SECONDS + t))
	while kh_alive "$pid" && ((SECONDS < end)); do sleep 0.1; done
	if kh_alive "$pid"; then
		echo "kh: broker pid $pid ignored SIGTERM for ${t}s, killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
		end=$((SECONDS + 10))
		while kh_alive "$pid" && ((SECONDS < end)); do sleep 0.1; done
	fi
	rm -f "$d/kafka.pid"
}

# kh_broker_stop DIR: stop the broker of DIR (SIGTERM, SIGKILL after
# KH_STOP_TIMEOUT) and its watchdog, then remove what start created
# (unless KH_KEEP=1). A DIR with no running broker is not an error.
kh_broker_stop()
{
	local d=$1
	[[ -n $d && -d $d ]] || return 0
	d=$(cd "$d" && pwd) || return 1
	[[ -f $d/.kafkit-broker ]] ||
		{ echo "kh: $d is not a kafkit broker dir" >&2; return 1; }
	kh_watchdog_stop "$d"
	kh_broker_kill "$d" "${KH_STOP_TIMEOUT:-30}"
	[[ ${KH_KEEP:-0} == 1 ]] && return 0
	rm -rf "$d/data" "$d/logs" "$d/server.properties" "$d/bootstrap" "$d/kafka.pid" \
		"$d/watchdog.pid" "$d/.kafkit-broker" "$d"/port.*
	# not empty when the caller keeps files there; under set -e a failed
	# rmdir would end the caller's shell
	rmdir "$d" 2>/dev/null || true
	return 0
}

# --- A cluster of N combined broker+controller nodes (kafka-harness.md
# section 4): static quorum of all N, node I in DIR/nI with node.id I.
# DIR/ports holds "PORT CONTROLLER_PORT" per node, one line each.
# Heap of each node: KH_CLUSTER_HEAP (default -Xms128m -Xmx384m).

# kh_cluster_start DIR N: format and start N nodes on free ports, all at
# once (no node finishes starting before a quorum is there), then wait
# (bounded by KH_START_TIMEOUT) until each is ready. Sets and exports
# KAFKA_BOOTSTRAP (every node, comma separated) and writes it to
# DIR/bootstrap. DIR must be missing, empty or a stopped cluster dir of
# ours. On failure stops what it started and returns 1.
kh_cluster_start()
{
	local d=$1 n=$2 try
	[[ -n $d && $n =~ ^[1-9]$ ]] ||
		{ echo "kh: usage: kh_cluster_start DIR N (N in 1..9)" >&2; return 2; }
	mkdir -p "$d" && d=$(cd "$d" && pwd) || return 1
	if [[ -n $(ls -A "$d") && ! -f $d/.kafkit-cluster ]]; then
		echo "kh: $d is not empty and not a kafkit cluster dir; refusing to use it" >&2
		return 1
	fi
	: >"$d/.kafkit-cluster"
	kh_fetch || return 1
	for try in 1 2 3; do
		kh_cluster_try "$d" "$n" && return 0
		kh_cluster_kill "$d" 10
		grep -q 'Address already in use' "$d"/n*/logs/stdout.log 2>/dev/null || return 1
		echo "kh: some ports taken meanwhile, retrying with others" >&2
	done
	return 1
}

# kh_cluster_try DIR N: one start attempt.
kh_cluster_try()
{
	local d=$1 n=$2 i ports voters="" id out bs="" t=${KH_START_TIMEOUT:-120}
	local started=$SECONDS KH_BROKER_HEAP=${KH_CLUSTER_HEAP:--Xms128m -Xmx384m}
	read -r -a ports <<<"$(kh_pick_ports $((2 * n)))"
	: >"$d/ports"
	for ((i = 1; i <= n; i++)); do
		voters+="${voters:+,}$i@127.0.0.1:${ports[2 * i - 1]}"
		echo "${ports[2 * i - 2]} ${ports[2 * i - 1]}" >>"$d/ports"
		bs+="${bs:+,}127.0.0.1:${ports[2 * i - 2]}"
	done
	id=$(kh_uuid)
	for ((i = 1; i <= n; i++)); do
		rm -rf "$d/n$i" && mkdir -p "$d/n$i/logs" || return 1
		: >"$d/n$i/.kafkit-broker"
		sed -e "s|@NODE_DIR@|$d/n$i|g" -e "s|@NODE_ID@|$i|g" \
			-e "s|@PORT@|${ports[2 * i - 2]}|g" \
			-e "s|@CONTROLLER_PORT@|${ports[2 * i - 1]}|g" \
			-e "s|@VOTERS@|$voters|g" \
			"$KH_DIR/conf/cluster.properties.in" >"$d/n$i/server.properties" || return 1
		# same cluster id everywhere; static quorum: no quorum flags
		if ! out=$(kh_tool kafka-storage format -t "$id" \
			-c "$d/n$i/server.properties" 2>&1); then
			echo "kh: kafka-storage format failed in $d/n$i:" >&2
			echo "$out" >&2
			return 1
		fi
	done
	for ((i = 1; i <= n; i++)); do
		kh_broker_launch "$d/n$i" || return 1
	done
	KH_LAUNCHED=
	for ((i = 1; i <= n; i++)); do
		kh_broker_wait "$d/n$i" "${ports[2 * i - 2]}" $((t - (SECONDS - started))) ||
			return 1
	done
	KAFKA_BOOTSTRAP=$bs
	export KAFKA_BOOTSTRAP
	echo "$bs" >"$d/bootstrap"
	echo "kh: Kafka $KAFKA_VERSION cluster of $n ready at $bs after $((SECONDS - started))s (dir $d)" >&2
	if [[ -n ${KH_OWNER_PID:-} ]]; then
		for ((i = 1; i <= n; i++)); do
			kh_watchdog "$d/n$i" "$KH_OWNER_PID" "$(kh_broker_pid "$d/n$i")"
		done
	fi
	return 0
}

# kh_cluster_port DIR I: the client port of node I.
kh_cluster_port()
{
	local p
	p=$(sed -n "$2{p;q}" "$1/ports" 2>/dev/null) && [[ -n $p ]] ||
		{ echo "kh: no node $2 in cluster $1" >&2; return 1; }
	echo "${p%% *}"
}

# kh_node_stop DIR I: stop node I of the cluster in DIR (SIGTERM, so a
# controlled shutdown that moves its leaders away first; SIGKILL after
# KH_STOP_TIMEOUT) and its watchdog. Keeps its data and ports.
kh_node_stop()
{
	local nd=$1/n$2
	[[ -f $nd/.kafkit-broker ]] || { echo "kh: no node $2 in cluster $1" >&2; return 1; }
	kh_watchdog_stop "$nd"
	rm -f "$nd/watchdog.pid"
	kh_broker_kill "$nd" "${KH_STOP_TIMEOUT:-30}"
}

# kh_node_crash DIR I: SIGKILL node I of the cluster in DIR at once: no
# controlled shutdown, no flush, leaders and the quorum lose it as in a
# crash. Its watchdog ends by itself; data and ports are kept.
kh_node_crash()
{
	local nd=$1/n$2 pid end
	pid=$(kh_broker_pid "$nd") || { echo "kh: node $2 of $1 is not running" >&2; return 1; }
	kill -KILL "$pid" 2>/dev/null || true
	end=$((SECONDS + 10))
	while kh_alive "$pid" && ((SECONDS < end)); do sleep 0.05; done
	rm -f "$nd/kafka.pid"
}

# kh_node_start DIR I: start the stopped node I again on its data and
# ports, and wait (bounded by KH_START_TIMEOUT) until it is ready.
kh_node_start()
{
	local d=$1 nd=$1/n$2 port KH_BROKER_HEAP=${KH_CLUSTER_HEAP:--Xms128m -Xmx384m}
	port=$(kh_cluster_port "$d" "$2") || return 1
	if kh_broker_pid "$nd" >/dev/null; then
		echo "kh: node $2 of $d is already running" >&2
		return 1
	fi
	kh_broker_launch "$nd" || return 1
	kh_broker_wait "$nd" "$port" "${KH_START_TIMEOUT:-120}" || return 1
	KH_LAUNCHED=
	[[ -n ${KH_OWNER_PID:-} ]] && kh_watchdog "$nd" "$KH_OWNER_PID" "$(kh_broker_pid "$nd")"
	return 0
}

# kh_cluster_kill DIR TIMEOUT: SIGTERM every running node at once (one
# by one, the last would wait for a quorum that is gone), SIGKILL those
# still there after TIMEOUT seconds; watchdogs too.
kh_cluster_kill()
{
	local d=$1 t=$2 nd pid pids=() end
	for nd in "$d"/n*; do
		[[ -f $nd/.kafkit-broker ]] || continue
		kh_watchdog_stop "$nd"
		if pid=$(kh_broker_pid "$nd"); then
			pids+=("$pid")
			kill -TERM "$pid" 2>/dev/null || true
		fi
	done
	end=$((SECONDS + t))
	for pid in "${pids[@]}"; do
		while kh_alive "$pid" && ((SECONDS < end)); do sleep 0.1; done
	done
	for pid in "${pids[@]}"; do
		kh_alive "$pid" || continue
		echo "kh: broker pid $pid ignored SIGTERM for ${t}s, killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
	done
	end=$((SECONDS + 10))
	for pid in "${pids[@]}"; do
		while kh_alive "$pid" && ((SECONDS < end)); do sleep 0.1; done
	done
	rm -f "$d"/n*/kafka.pid "$d"/n*/watchdog.pid
}

# kh_cluster_stop DIR: stop every node (kh_cluster_kill, KH_STOP_TIMEOUT)
# and remove DIR unless KH_KEEP=1. A DIR with nothing running is fine.
kh_cluster_stop()
{
	local d=$1
	[[ -n $d && -d $d ]] || return 0
	d=$(cd "$d" && pwd) || return 1
	[[ -f $d/.kafkit-cluster ]] ||
		{ echo "kh: $d is not a kafkit cluster dir" >&2; return 1; }
	kh_cluster_kill "$d" "${KH_STOP_TIMEOUT:-30}"
	[[ ${KH_KEEP:-0} == 1 ]] && return 0
	rm -rf "$d"
	return 0
}
