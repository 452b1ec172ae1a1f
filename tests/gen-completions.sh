#!/bin/sh
# gen-completions.sh - regenerate man/ and completions/ from the option
# tables compiled into the tools (no Python, no parsing of help text).
#
#   tests/gen-completions.sh BUILD_DIR [OUT_DIR]   write the files
#   tests/gen-completions.sh --list BUILD_DIR      print the tool binaries
#
# Every built cmd/ tool (BUILD_DIR/kafka-*) answers KAFKIT_GENERATE=KIND
# (bash, zsh, fish, man, name) through kt_tool_generate_hook in cmd/tool.h.
# OUT_DIR defaults to the source tree.
set -eu

list_tools() {
	for bin in "$1"/kafka-*; do
		[ -f "$bin" ] && [ -x "$bin" ] || continue
		echo "$bin"
	done
	return 0
}

if [ "${1:-}" = --list ]; then
	list_tools "${2:?usage: gen-completions.sh --list BUILD_DIR}"
	exit 0
fi

build=${1:?usage: gen-completions.sh BUILD_DIR [OUT_DIR]}
out=${2:-$(cd "$(dirname "$0")/.." && pwd)}
mkdir -p "$out/man" "$out/completions/bash" "$out/completions/zsh" \
	"$out/completions/fish"
list_tools "$build" | while read -r bin; do
	name=$(KAFKIT_GENERATE=name "$bin")
	KAFKIT_GENERATE=bash "$bin" >"$out/completions/bash/$name"
	KAFKIT_GENERATE=zsh "$bin" >"$out/completions/zsh/_$name"
	KAFKIT_GENERATE=fish "$bin" >"$out/completions/fish/$name.fish"
	KAFKIT_GENERATE=man "$bin" >"$out/man/$name.1"
	echo "generated man page and completions of $name"
done
