#!/bin/sh
# userland-tests/run.sh BUILD_DIR [NAME...]
#
# The guest-test runner. Each test runs twice: natively, in a fresh temp
# dir as cwd, and as init of a umk guest. It passes when the native run
# gave the expected status and the guest gave the same stdout and status.
# A test that only passes under umk proves nothing, so a native failure is
# reported as a failure of the test itself.
#
#   BUILD_DIR/userland-tests/NAME   C tests, in tests.cpio as /tests/NAME
#   userland-tests/NAME.sh          busybox sh scripts, /tests/NAME.sh
#   the table below                 busybox applets on rootfs.cpio
#
# Markers in a test's source: "umk-test: status=N" (expected exit status,
# default 0) and "umk-test: args=..." (arguments, shell-quoted).
# "umk-test: native=unshare" marks a test that mounts, chroots or otherwise
# reaches outside its temp dir: its native run happens in a private mount
# namespace (unshare --mount --propagation private, as root), so nothing it
# mounts is seen by, or can harm, this host; it still must pass natively.
# "umk-test: native=skip" is for what even that cannot make safe (devtmpfs,
# which is the host's own /dev): the native run is not made and its output
# is taken to be "ok" with status 0, so such a test must print exactly "ok"
# when it passes and anything else when it fails.
# Optional NAMEs restrict the run to tests whose name contains one of them.
# Ends with "guest: N passed, M failed"; exits 1 if anything failed.
# UMK_TEST_TIMEOUT (seconds, default 60) bounds every run.

set -u

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
	echo "usage: $0 BUILD_DIR [NAME...]" >&2
	exit 2
fi
build=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "$0")" && pwd)
umk=$build/umk
timeout_s=${UMK_TEST_TIMEOUT:-60}
busybox=/bin/busybox

work=$(mktemp -d "${TMPDIR:-/tmp}/umk-guest.XXXXXX") || exit 2
trap 'kill_group; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

npass=0
nfail=0

# selected NAME: true if no filter was given or NAME contains one.
selected() {
	[ -n "$filters" ] || return 0
	_ifs=$IFS
	IFS='
'
	for _f in $filters; do
		case $1 in *"$_f"*) IFS=$_ifs; return 0 ;; esac
	done
	IFS=$_ifs
	return 1
}
filters=
for _f in "$@"; do
	filters="$filters$_f
"
done

# bounded DIR OUT ERR CMD...: run CMD in DIR with stdin /dev/null under a
# timeout, which gives it its own process group; status in $status. What is
# left of that group afterwards (guest processes of a crashed umk) is killed
# by its id, here or by the INT/TERM trap.
bounded() {
	_dir=$1 _out=$2 _err=$3
	shift 3
	(cd "$_dir" && exec timeout -k 5 "$timeout_s" "$@") \
		</dev/null >"$_out" 2>"$_err" &
	_pid=$!
	echo "$_pid" >"$work/group"
	wait "$_pid"
	status=$?
	kill -s KILL -- "-$_pid" 2>/dev/null
	rm -f "$work/group"
}

kill_group() {
	[ -f "$work/group" ] && kill -s KILL -- "-$(cat "$work/group")" 2>/dev/null
	return 0
}

# native_as MODE CMD...: native_run as a "native=" marker asks (see above).
native_as() {
	_mode=$1
	shift
	case $_mode in
	unshare) native_run unshare --mount --propagation private "$@" ;;
	skip) echo ok >"$work/native.out"; native_status=0 ;;
	*) native_run "$@" ;;
	esac
}

# native_run CMD...: run in a fresh cwd; output in $work/native.out.
native_run() {
	_cwd=$(mktemp -d "$work/cwd.XXXXXX")
	bounded "$_cwd" "$work/native.out" "$work/native.err" "$@"
	native_status=$status
	rm -rf "$_cwd"
}

# guest_run IMAGE INIT [ARG...]: boot umk; output in $work/guest.out.
guest_run() {
	_img=$1 _init=$2
	shift 2
	if [ $# -gt 0 ]; then
		bounded "$work" "$work/guest.raw" "$work/guest.err" \
			"$umk" --initrd "$_img" --init "$_init" -- "$@"
	else
		bounded "$work" "$work/guest.raw" "$work/guest.err" \
			"$umk" --initrd "$_img" --init "$_init"
	fi
	guest_status=$status
	# The guest console is a tty: its ONLCR turns \n into \r\n.
	tr -d '\r' <"$work/guest.raw" >"$work/guest.out"
}

describe_status() {
	case $1 in
	124) echo "timed out after ${timeout_s}s" ;;
	126|127) echo "could not run (status $1)" ;;
	*) if [ "$1" -gt 128 ]; then echo "status $1 (signal $(($1 - 128)))"; else echo "status $1"; fi ;;
	esac
}

fail() {
	nfail=$((nfail + 1))
	printf 'FAIL %s: %s\n' "$1" "$2"
}

# judge NAME WANT: compare the native and guest runs just made.
judge() {
	if [ "$native_status" != "$2" ]; then
		fail "$1" "native run gave $(describe_status "$native_status"), expected $2 (the test is wrong)"
		sed -n '1,10s/^/    /p' "$work/native.out"
		return
	fi
	if [ "$guest_status" != "$native_status" ]; then
		fail "$1" "guest $(describe_status "$guest_status"), native status $native_status"
	elif ! cmp -s "$work/native.out" "$work/guest.out"; then
		fail "$1" "guest output differs"
	else
		npass=$((npass + 1))
		printf 'PASS %s\n' "$1"
		return
	fi
	diff -u --label native --label guest "$work/native.out" "$work/guest.out" |
		sed -n '1,20s/^/    /p'
	if [ -s "$work/guest.err" ]; then
		echo "    umk stderr (last lines):"
		tail -n 5 "$work/guest.err" | sed 's/^/    | /'
	fi
}

marker() { # FILE KEY: value of "umk-test: KEY=..." in FILE, if any
	[ -f "$1" ] && sed -n "s/.*umk-test: $2=//p" "$1" | head -n 1
}

# --- C tests --------------------------------------------------------------

for img in tests.cpio rootfs.cpio; do
	if [ ! -f "$build/$img" ]; then
		echo "note: $build/$img is missing; guest runs will fail"
	fi
done
[ -x "$umk" ] || echo "note: $umk is missing; guest runs will fail"

for bin in "$build"/userland-tests/*; do
	[ -f "$bin" ] && [ -x "$bin" ] || continue
	name=${bin##*/}
	selected "$name" || continue
	src=$here/$name.c
	want=$(marker "$src" status)
	args=$(marker "$src" args)
	eval "set -- $args"
	native_as "$(marker "$src" native)" "$bin" "$@"
	guest_run "$build/tests.cpio" "/tests/$name" "$@"
	judge "$name" "${want:-0}"
done

# --- shell scripts ----------------------------------------------------------

for script in "$here"/*.sh; do
	[ -f "$script" ] || continue
	name=${script##*/}
	[ "$name" = run.sh ] && continue
	selected "$name" || continue
	want=$(marker "$script" status)
	native_as "$(marker "$script" native)" "$busybox" sh "$script"
	guest_run "$build/tests.cpio" /bin/busybox sh "/tests/$name"
	judge "$name" "${want:-0}"
done

# --- busybox applets --------------------------------------------------------
# STATUS|ARGS: ARGS is shell-quoted and given to busybox natively and as the
# arguments of /bin/busybox as init. Only what needs no fork and reads no
# path that exists only natively; cwd differs, so nothing depends on it.

while IFS='|' read -r want args; do
	case $want in ''|'#'*) continue ;; esac
	name="busybox $args"
	selected "$name" || continue
	eval "set -- $args"
	native_run "$busybox" "$@"
	guest_run "$build/rootfs.cpio" /bin/busybox "$@"
	judge "$name" "$want"
done <<'EOF'
0|echo hello
0|echo -n no newline
0|true
1|false
7|sh -c 'exit 7'
44|sh -c 'exit 300'
0|sh -c 'echo $((6*7))'
0|sh -c 'for i in 1 2 3; do echo "n=$i"; done'
0|sh -c 'x=hello.tar.gz; echo ${x%%.*} ${x#*.} ${#x}'
5|sh -c 'f() { return $(($1 + 1)); }; f 4'
0|sh -c 'set -- a b c; shift; echo "$# $*"'
0|sh -c 'cd /dev && pwd'
0|sh -c 'read x < /dev/null; echo "read status $?"'
0|sh -c 'umask 027; umask'
0|printf '%s-%d-%x-%5.2f\n' abc 42 255 3.14159
0|basename /usr/lib/libc.so .so
0|dirname /usr/lib/libc.so
0|expr 6 '*' 7
1|expr 1 = 2
0|seq 1 5
0|seq -s , 10 -3 1
0|test 3 -lt 5
1|test abc = abd
0|test -c /dev/null
1|test -e /no/such/path
0|uname -s
0|uname -m
0|cat /dev/null
0|wc -c /dev/null
0|ls /dev/null
0|ls -1d / /dev
0|od -An -tx1 -N8 /dev/zero
0|md5sum /dev/null
0|sha256sum /dev/null
0|stat -c '%F %t %T' /dev/null
0|factor 42 1001
0|sleep 0.05
0|date -u -d @0 +%Y-%m-%dT%H:%M:%S
EOF

echo "guest: $npass passed, $nfail failed"
[ "$nfail" -eq 0 ]
