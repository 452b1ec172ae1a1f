#!/usr/bin/env bats
# layers.bats - common/'s rooms keep their order (tests/layers.sh): the
# real tree passes, and each kind of violation the script exists to catch
# is caught, in a scratch tree built for the purpose. Needs no broker.

setup() {
	load '/usr/lib/bats/bats-support/load'
	load '/usr/lib/bats/bats-assert/load'
	ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
	BUILD=${KAFKIT_BIN:-$ROOT/build}
	T=$BATS_TEST_TMPDIR/tree
	mkdir -p "$T/common/base" "$T/common/net" "$T/common/consume" "$T/cmd"
	printf '#include "base/buf.h"\n' >"$T/common/base/err.h"
	printf '/* */\n' >"$T/common/base/buf.h"
	printf '#include "base/err.h"\n' >"$T/common/net/conn.h"
	printf '#include "net/conn.h"\n' >"$T/common/consume/consumer.h"
	printf '#include "tool.h"\n#include "consume/consumer.h"\n' >"$T/cmd/x.c"
	printf '/* */\n' >"$T/cmd/tool.h"
}

@test "layers: the library's includes and objects keep the rooms' order" {
	[ -d "$BUILD/CMakeFiles/kafkit.dir/common" ] || fail "no build in $BUILD"
	run "$ROOT/tests/layers.sh" "$BUILD"
	assert_success
	assert_output --regexp '^layers: ok \([0-9]+ files, [0-9]+ includes, [0-9]+ objects\)$'
}

@test "layers: a scratch tree that keeps the order passes" {
	run "$ROOT/tests/layers.sh" -r "$T"
	assert_success
	assert_output 'layers: ok (6 files, 5 includes)'
}

@test "layers: a lower room including a higher one fails, naming both" {
	printf '#include "consume/consumer.h"\n' >>"$T/common/net/conn.h"
	run "$ROOT/tests/layers.sh" -r "$T"
	assert_failure
	assert_line 'common/net/conn.h:2: includes "consume/consumer.h": net (rank 3) may not include consume (rank 4)'
	assert_line 'layers: 1 violation(s)'
}

@test "layers: rooms of one rank may not include each other" {
	mkdir -p "$T/common/admin"
	printf '/* */\n' >"$T/common/admin/admin.h"
	printf '#include "admin/admin.h"\n' >>"$T/common/consume/consumer.h"
	run "$ROOT/tests/layers.sh" -r "$T"
	assert_failure
	assert_line 'common/consume/consumer.h:2: includes "admin/admin.h": consume (rank 4) may not include admin (rank 4)'
}

@test "layers: includes without a room, of missing files, of unknown rooms fail" {
	printf '#include "err.h"\n#include "base/nothere.h"\n#include "misc/x.h"\n' \
		>>"$T/common/net/conn.h"
	run "$ROOT/tests/layers.sh" -r "$T"
	assert_failure
	assert_line 'common/net/conn.h:2: includes "err.h": not of the form "room/file.h"'
	assert_line 'common/net/conn.h:3: includes "base/nothere.h": no such file common/base/nothere.h'
	assert_line 'common/net/conn.h:4: includes "misc/x.h": no room "misc"'
	assert_line 'layers: 3 violation(s)'
}

@test "layers: a file outside any room, and an unknown room, fail" {
	printf '/* */\n' >"$T/common/stray.c"
	mkdir -p "$T/common/misc"
	run "$ROOT/tests/layers.sh" -r "$T"
	assert_failure
	assert_line 'common/stray.c: outside any room (move it into common/<room>/)'
	assert_line 'common/misc: room not in tests/layers.sh'"'"'s table'
}

# Objects: two of one room that call each other, and a low room calling
# up through an extern declaration the include check cannot see.
@test "layers: objects that need each other, or a higher room, fail" {
	command -v cc >/dev/null || fail "no C compiler"
	O=$BATS_TEST_TMPDIR/obj
	mkdir -p "$O/consume" "$O/net" "$O/base"
	printf 'int kt_b(void);\nint kt_a(void) { return kt_b(); }\n' >"$O/a.c"
	printf 'int kt_a(void);\nint kt_b(void) { return kt_a(); }\n' >"$O/b.c"
	printf 'int kt_up(void);\nint kt_low(void) { return kt_up(); }\n' >"$O/low.c"
	printf 'int kt_up(void) { return 1; }\n' >"$O/up.c"
	cc -c -o "$O/consume/consumer.c.o" "$O/a.c"
	cc -c -o "$O/consume/group.c.o" "$O/b.c"
	cc -c -o "$O/base/err.c.o" "$O/low.c"
	cc -c -o "$O/net/conn.c.o" "$O/up.c"
	run "$ROOT/tests/layers.sh" -r "$T" "$O"
	assert_failure
	assert_line 'base/err.c uses kt_up of net/conn.c: base (rank 0) may not depend on net (rank 3)'
	assert_line 'dependency cycle: consume/consumer.c and consume/group.c need each other'
	assert_line 'layers: 2 violation(s)'
}

@test "layers: pieces of one split module may need each other, others not" {
	command -v cc >/dev/null || fail "no C compiler"
	O=$BATS_TEST_TMPDIR/obj
	mkdir -p "$O/consume"
	printf '/* */\n' >"$T/common/consume/consumer_int.h"
	printf '#include "consume/consumer_int.h"\n' >"$T/common/consume/consumer.c"
	printf '#include "consume/consumer_int.h"\n' >"$T/common/consume/fetch.c"
	printf '#include "consume/consumer.h"\n' >"$T/common/consume/group.c"
	printf 'int kt_b(void);\nint kt_a(void) { return kt_b(); }\n' >"$O/a.c"
	printf 'int kt_a(void);\nint kt_c(void);\nint kt_b(void) { return kt_a() + kt_c(); }\n' >"$O/b.c"
	printf 'int kt_b(void);\nint kt_c(void) { return kt_b(); }\n' >"$O/c.c"
	cc -c -o "$O/consume/consumer.c.o" "$O/a.c"
	cc -c -o "$O/consume/fetch.c.o" "$O/b.c"
	cc -c -o "$O/consume/group.c.o" "$O/c.c"
	run "$ROOT/tests/layers.sh" -r "$T" "$O"
	assert_failure
	refute_line 'dependency cycle: consume/consumer.c and consume/fetch.c need each other'
	# the order of the pair follows awk's, not the files'
	assert_line --regexp '^dependency cycle: consume/(consumer|group)\.c and consume/(consumer|group)\.c need each other$'
	assert_line --regexp '^dependency cycle: consume/(fetch|group)\.c and consume/(fetch|group)\.c need each other$'
	assert_line 'layers: 2 violation(s)'
}

@test "layers: a room's internal header is for its own files only" {
	printf '/* */\n' >"$T/common/consume/consumer_int.h"
	printf '#include "consume/consumer_int.h"\n' >"$T/cmd/y.c"
	run "$ROOT/tests/layers.sh" -r "$T"
	assert_failure
	assert_line 'cmd/y.c:1: includes "consume/consumer_int.h": an internal header of room consume, for its own files only'
	assert_line 'layers: 1 violation(s)'
}
