#!/usr/bin/env bash
#
# tests/layers.sh - the rule of common/'s rooms: a room includes only
# rooms below it, never one above it or beside it, and no two files of
# the library depend on each other in a circle.
#
#   tests/layers.sh [-r ROOT] [OBJDIR]
#
# Always checks the #include lines of common/*/*.[ch] and cmd/*.[ch] under
# ROOT (default: this checkout):
#  - every quoted include names its room: "room/file.h", a file that exists
#    (cmd/ may also include its own "tool.h");
#  - a file of room R includes files of R or of rooms with a lower rank;
#  - no file sits in common/ itself, outside a room.
# With OBJDIR (a build tree, or its CMakeFiles/kafkit.dir/common) it also
# reads the library's object files with nm: every kt_ symbol an object
# uses must come from its own room or a lower one (a call through an
# extern declaration is still a dependency), and no two objects may need
# each other, directly or through others (a dependency cycle), unless
# both are pieces of one split module: files that include the same
# internal header, room/<module>_int.h (which only its room may include).
#
# Prints one line per violation and exits 1 if there is any; prints
# "layers: ok (...)" and exits 0 otherwise.
set -u -o pipefail

# The rooms, lowest first. Rooms of the same rank do not include each other.
RANKS='
base 0
java 1
wire 1
tls 2
proto 2
record 2
sasl 2
net 3
storage 3
produce 4
consume 4
admin 4
format 5
cli 6
'

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ ${1:-} == -r ]]; then
	ROOT=$2
	shift 2
fi
OBJDIR=${1:-}
[[ -n $OBJDIR && -d $OBJDIR/CMakeFiles/kafkit.dir/common ]] &&
	OBJDIR=$OBJDIR/CMakeFiles/kafkit.dir/common
cd "$ROOT" || exit 2

bad=0
nfiles=0
nincl=0

# Files outside any room, and rooms the table does not know.
for f in common/*; do
	if [[ -f $f ]]; then
		echo "$f: outside any room (move it into common/<room>/)"
		bad=$((bad + 1))
	elif [[ -d $f ]] && ! grep -qE "^${f#common/} [0-9]+$" <<<"$RANKS"; then
		echo "$f: room not in tests/layers.sh's table"
		bad=$((bad + 1))
	fi
done

# One awk over every include line: "file:line:target".
check_includes()
{
	awk -v ranks="$RANKS" -v root="$ROOT" '
	BEGIN {
		n = split(ranks, l, "\n")
		for (i = 1; i <= n; i++)
			if (split(l[i], w, " ") == 2)
				rank[w[1]] = w[2]
	}
	FNR == 1 { nfiles++ }
	/^[ \t]*#[ \t]*include[ \t]*"/ {
		nincl++
		t = $0
		sub(/^[^"]*"/, "", t)
		sub(/".*$/, "", t)
		from = FILENAME
		split(from, p, "/")
		if (p[1] == "cmd") {
			if (t == "tool.h")
				next
			room = ""
		} else {
			room = p[2]
		}
		where = FILENAME ":" FNR ": includes \"" t "\": "
		if (t !~ /^[a-z]+\/[A-Za-z0-9_]+\.h$/) {
			print where "not of the form \"room/file.h\""
			bad++
			next
		}
		split(t, q, "/")
		if (!(q[1] in rank)) {
			print where "no room \"" q[1] "\""
			bad++
			next
		}
		if (t ~ /_int\.h$/ && q[1] != room) {
			print where "an internal header of room " q[1] \
				", for its own files only"
			bad++
			next
		}
		if (system("test -f \"" root "/common/" t "\"") != 0) {
			print where "no such file common/" t
			bad++
			next
		}
		if (room == "" || q[1] == room)
			next
		if (rank[q[1]] >= rank[room]) {
			print where room " (rank " rank[room] ") may not include " \
				q[1] " (rank " rank[q[1]] ")"
			bad++
		}
	}
	END {
		printf "%d %d %d\n", nfiles, nincl, bad > "/dev/stderr"
		exit bad > 0
	}' "$@"
}

shopt -s nullglob
files=(common/*/*.[ch] cmd/*.[ch])
if ((${#files[@]} == 0)); then
	echo "layers: no files under $ROOT/common"
	exit 1
fi
tmp=$(mktemp) || exit 2
# violations on stdout, "files includes violations" on stderr
out=$(check_includes "${files[@]}" 2>"$tmp")
rc=$?
read -r nfiles nincl nbad <"$tmp"
rm -f "$tmp"
[[ -n $out ]] && echo "$out"
((rc != 0)) && bad=$((bad + nbad))

# Symbol-level dependencies of the library's objects.
nobj=0
if [[ -n $OBJDIR ]]; then
	objs=("$OBJDIR"/*/*.o)
	if ((${#objs[@]} == 0)); then
		echo "layers: no object files under $OBJDIR (build first)"
		exit 1
	fi
	nobj=${#objs[@]}
	# "room/file room/module_int.h": the pieces of split modules
	pieces=$(grep -o '^#include "[a-z]*/[A-Za-z0-9_]*_int\.h"' \
		common/*/*.c | sed 's/\.c:#include "/ /; s/"$//; s/^common\///')
	# "obj D sym" for definitions, "obj U sym" for uses; obj = room/file
	out=$(for o in "${objs[@]}"; do
		name=${o#"$OBJDIR"/}
		name=${name%.c.o}
		nm "$o" | awk -v o="$name" '
			$1 == "U" && $2 ~ /^kt_/ { print o, "U", $2 }
			NF == 3 && $2 ~ /^[TDRBC]$/ && $3 ~ /^kt_/ { print o, "D", $3 }'
	done | awk -v ranks="$RANKS" -v pieces="$pieces" '
	BEGIN {
		n = split(ranks, l, "\n")
		for (i = 1; i <= n; i++)
			if (split(l[i], w, " ") == 2)
				rank[w[1]] = w[2]
		n = split(pieces, l, "\n")
		for (i = 1; i <= n; i++)
			if (split(l[i], w, " ") == 2) {
				np++
				pobj[np] = w[1]
				phdr[np] = w[2]
				piece[w[1], w[2]] = 1
			}
	}
	# whether objects a and b include the same internal header
	function same_module(a, b,   k) {
		for (k = 1; k <= np; k++)
			if (pobj[k] == a && ((b, phdr[k]) in piece))
				return 1
		return 0
	}
	$2 == "D" { def[$3] = $1; node[$1] = 1; next }
	$2 == "U" { nu++; uo[nu] = $1; us[nu] = $3; node[$1] = 1 }
	END {
		bad = 0
		for (i = 1; i <= nu; i++) {
			if (!(us[i] in def))
				continue
			a = uo[i]
			b = def[us[i]]
			if (a == b)
				continue
			edge[a, b] = 1
			if (!((a, b) in why))
				why[a, b] = us[i]
			split(a, pa, "/")
			split(b, pb, "/")
			if (pa[1] != pb[1] && rank[pb[1]] >= rank[pa[1]]) {
				if (!((a, b) in told)) {
					print a ".c uses " us[i] " of " b ".c: " \
						pa[1] " (rank " rank[pa[1]] \
						") may not depend on " pb[1] \
						" (rank " rank[pb[1]] ")"
					told[a, b] = 1
					bad++
				}
			}
		}
		# transitive closure (Warshall) over the few dozen objects
		m = 0
		for (v in node)
			id[++m] = v
		for (i = 1; i <= m; i++)
			for (j = 1; j <= m; j++)
				r[i, j] = ((id[i], id[j]) in edge)
		for (k = 1; k <= m; k++)
			for (i = 1; i <= m; i++)
				if (r[i, k])
					for (j = 1; j <= m; j++)
						if (r[k, j])
							r[i, j] = 1
		for (i = 1; i <= m; i++)
			for (j = i + 1; j <= m; j++)
				if (r[i, j] && r[j, i] &&
				    !same_module(id[i], id[j])) {
					print "dependency cycle: " id[i] ".c and " \
						id[j] ".c need each other"
					bad++
				}
		exit bad > 0
	}')
	rc=$?
	[[ -n $out ]] && echo "$out"
	((rc != 0)) && bad=$((bad + $(grep -c '' <<<"$out")))
fi

if ((bad > 0)); then
	echo "layers: $bad violation(s)"
	exit 1
fi
echo "layers: ok ($nfiles files, $nincl includes${OBJDIR:+, $nobj objects})"
