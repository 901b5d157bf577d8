# busybox ash traps in child shells that signal themselves: a shell that
# sends itself USR1, INT and TERM runs each trap and goes on; a shell whose
# TERM trap exits runs its EXIT trap as well; a child killed outright by a
# signal with no trap gives 128+N, with or without an EXIT trap; the EXIT
# trap sees the exit status. Each case is its own sh -c, since the script
# itself may be init in the guest.

sh -c '
	trap "echo usr1 trapped" USR1
	trap "echo int trapped" INT
	trap "echo term trapped" TERM
	kill -USR1 $$
	kill -INT $$
	kill -TERM $$
	echo "after three signals"
	exit 4
'
echo "status $?"

sh -c '
	trap "echo exit trap, status \$?" EXIT
	trap "echo term: leaving; exit 7" TERM
	echo body
	kill -TERM $$
	echo not reached
'
echo "status $?"

sh -c 'trap "echo exit trap not run by a KILL" EXIT; kill -KILL $$; echo not reached' 2>/dev/null
echo "KILL with EXIT trap: $?"
sh -c 'kill -USR1 $$; echo not reached' 2>/dev/null
echo "USR1 without trap: $?"
sh -c 'kill -INT $$; echo not reached' 2>/dev/null
echo "INT without trap: $?"

# A trap on USR1 in a background job, signalled by its parent.
sh -c 'trap "echo job got USR1 > sh_trap_self.tmp; exit 3" USR1
	: > sh_trap_self.ready
	i=0; while [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done; exit 9' &
job=$!
i=0
while [ ! -e sh_trap_self.ready ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
kill -USR1 $job
wait $job 2>/dev/null
echo "job status $?"
cat sh_trap_self.tmp
rm -f sh_trap_self.tmp sh_trap_self.ready

# EXIT trap of a subshell sees the status it exits with.
(trap 'echo "subshell exit trap: $?"' EXIT; sh -c 'exit 6'; exit $?)
echo "subshell status $?"
