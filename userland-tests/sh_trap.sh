# busybox ash traps: a trapped signal sent to the shell itself runs the
# handler and the script goes on; traps run once per signal; '' ignores a
# signal, which child shells inherit; a child shell's trap decides its own
# exit status; EXIT traps run when a subshell and when the script end.
# (The script may be init in the guest: every signal it sends itself is
# trapped or ignored first.)

trap 'echo "got TERM"' TERM
kill -TERM $$
echo "after TERM"

n=0
trap 'n=$((n + 1))' USR1
kill -USR1 $$
kill -USR1 $$
kill -USR1 $$
echo "USR1 trapped $n times"

trap '' USR2
kill -USR2 $$
echo "survived ignored USR2"
sh -c 'kill -USR2 $$; echo "child inherits ignored USR2"'

trap 'echo "got TERM, new handler"' TERM
kill -TERM $$

sh -c 'trap "echo child got HUP; exit 9" HUP; kill -HUP $$; echo not reached'
echo "child trap exit: $?"
sh -c 'kill -HUP $$; echo not reached' 2>/dev/null
echo "child without trap: $?"

(trap 'echo "subshell EXIT trap"' EXIT; echo "in subshell"; exit 2)
echo "subshell status $?"
(trap 'echo "from EXIT trap"' EXIT; echo body) > sh_trap.tmp
echo "subshell wrote:"
cat sh_trap.tmp
rm sh_trap.tmp

trap 'echo "script EXIT trap, status $?"' EXIT
echo "last line"
