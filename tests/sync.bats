#!/usr/bin/env bats
# sync.bats - for every tool binary in the build, --help, man/<tool>.1 and
# the bash, zsh and fish completions name exactly the same options, and
# regenerating them from the option tables gives the committed files (after
# curl's tests/test1139.pl); the tool's Apache --help text (its table
# without kafkit's extension rows) is Apache 4.3.1's byte for byte
# (tests/golden/help/). Needs no broker.
#
#   KAFKIT_BUILD=build bats tests/sync.bats
#
# The binaries are those of KAFKIT_BUILD, else KAFKIT_BIN (what tests/run
# sets for each pass), else build/.

setup() {
	load '/usr/lib/bats/bats-support/load'
	load '/usr/lib/bats/bats-assert/load'
	ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
	BUILD=${KAFKIT_BUILD:-${KAFKIT_BIN:-$ROOT/build}}
	case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
	TOOLS=$("$ROOT/tests/gen-completions.sh" --list "$BUILD")
	[ -n "$TOOLS" ] || fail "no tool binaries in $BUILD (build first)"
}

# Option names, one per line, sorted.
help_opts() {
	"$1" --help 2>&1 >/dev/null | grep -oE '^--?[A-Za-z0-9][A-Za-z0-9._-]*' |
		sed 's/^-*//' | sort -u
}
man_opts() {
	grep -E '^\.B \\-' "$1" | sed -E 's/^\.B //; s/\\-/-/g; s/^-+//; s/ .*//' |
		sort -u
}
bash_opts() {
	grep -E "^	COMPREPLY=\(\\\$\(compgen -W '--" "$1" |
		sed -E "s/.*-W '([^']*)'.*/\1/" | tr ' ' '\n' | sed 's/^-*//' |
		sort -u
}
zsh_opts() {
	grep -oE "^	'\\*?--[^=[]+" "$1" | sed -E "s/^	'\\*?--//" | sort -u
}
fish_opts() {
	grep -oE " -l '[^']+'" "$1" | sed -E "s/ -l '//; s/'$//" | sort -u
}

@test "help, man page and completions list the same options" {
	for bin in $TOOLS; do
		name=$(KAFKIT_GENERATE=name "$bin")
		help_opts "$bin" >"$BATS_TEST_TMPDIR/help"
		[ -s "$BATS_TEST_TMPDIR/help" ] || fail "$name: no options in --help"
		for f in "man/$name.1" "completions/bash/$name" \
			"completions/zsh/_$name" "completions/fish/$name.fish"; do
			[ -f "$ROOT/$f" ] || fail "$name: $f is missing"
		done
		man_opts "$ROOT/man/$name.1" >"$BATS_TEST_TMPDIR/man"
		bash_opts "$ROOT/completions/bash/$name" >"$BATS_TEST_TMPDIR/bash"
		zsh_opts "$ROOT/completions/zsh/_$name" >"$BATS_TEST_TMPDIR/zsh"
		fish_opts "$ROOT/completions/fish/$name.fish" >"$BATS_TEST_TMPDIR/fish"
		for k in man bash zsh fish; do
			run diff "$BATS_TEST_TMPDIR/help" "$BATS_TEST_TMPDIR/$k"
			[ "$status" -eq 0 ] ||
				fail "$name: options of --help (<) and $k (>) differ: $output"
		done
	done
}

@test "regenerating man pages and completions gives the committed files" {
	out=$BATS_TEST_TMPDIR/gen
	run "$ROOT/tests/gen-completions.sh" "$BUILD" "$out"
	assert_success
	for bin in $TOOLS; do
		name=$(KAFKIT_GENERATE=name "$bin")
		for f in "man/$name.1" "completions/bash/$name" \
			"completions/zsh/_$name" "completions/fish/$name.fish"; do
			run diff -u "$ROOT/$f" "$out/$f"
			[ "$status" -eq 0 ] ||
				fail "$f is stale; run tests/gen-completions.sh: $output"
		done
	done
}

# tests/golden/help/TOOL.txt is what Apache 4.3.1's TOOL --help printed
# (captured from the real tool: tests/kafka/apache TOOL --help 2>FILE).
# Goldens of tools not built yet (kafka-consumer-groups) wait for them.
@test "each tool's Apache help text is Apache 4.3.1's --help byte for byte" {
	for bin in $TOOLS; do
		name=$(KAFKIT_GENERATE=name "$bin")
		golden=$ROOT/tests/golden/help/$name.txt
		[ -f "$golden" ] || fail "$name: no golden $golden"
		KAFKIT_GENERATE=apache-help "$bin" >"$BATS_TEST_TMPDIR/$name.txt" ||
			fail "$name: KAFKIT_GENERATE=apache-help failed"
		run diff -u "$golden" "$BATS_TEST_TMPDIR/$name.txt"
		[ "$status" -eq 0 ] ||
			fail "$name: help differs from Apache's (-) : $output"
	done
}

@test "no man page or completion file without a tool" {
	names=" "
	for bin in $TOOLS; do
		names="$names$(KAFKIT_GENERATE=name "$bin") "
	done
	for f in "$ROOT"/man/*.1 "$ROOT"/completions/bash/* \
		"$ROOT"/completions/zsh/_* "$ROOT"/completions/fish/*.fish; do
		[ -e "$f" ] || continue
		n=$(basename "$f")
		n=${n#_}
		n=${n%.1}
		n=${n%.fish}
		case $names in
		*" $n "*) ;;
		*) fail "$f belongs to no built tool" ;;
		esac
	done
}

@test "completion files are valid shell" {
	for f in "$ROOT"/completions/bash/*; do
		run bash -n "$f"
		assert_success
	done
	for f in "$ROOT"/completions/zsh/_*; do
		run zsh -n "$f"
		assert_success
	done
	for f in "$ROOT"/completions/fish/*.fish; do
		run fish --no-execute "$f"
		assert_success
	done
}

# Complete the words given (the last one is the word under the cursor).
bash_complete() {
	local file=$1
	shift
	# shellcheck disable=SC1090
	source "$file"
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_kafkit_kafka_topics
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

@test "bash: option names, values, files by extension, topics" {
	f=$ROOT/completions/bash/kafka-topics
	run bash_complete "$f" kafka-topics --topi
	assert_output $'--topic\n--topic-id\n--topics-with-overrides'

	cd "$BATS_TEST_TMPDIR"
	mkdir sub
	touch admin.properties client.conf notes.txt
	run bash_complete "$f" kafka-topics --command-config ''
	assert_output $'admin.properties\nclient.conf\nsub'

	# --topic lists topics only once --bootstrap-server is known, by
	# running "kafka-topics --bootstrap-server X --list"
	mkdir bin
	printf '#!/bin/sh\n[ "$1 $2 $3" = "--bootstrap-server k:9092 --list" ] && printf "orders\\nother\\n"\n' >bin/kafka-topics
	chmod +x bin/kafka-topics
	PATH=$BATS_TEST_TMPDIR/bin:$PATH run bash_complete "$f" kafka-topics --topic o
	assert_output ''
	PATH=$BATS_TEST_TMPDIR/bin:$PATH run bash_complete "$f" kafka-topics \
		--bootstrap-server k:9092 --describe --topic or
	assert_output 'orders'
}
