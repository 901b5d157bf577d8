# busybox ash background jobs: & runs a command in a child whose pid is
# $!, wait PID returns that job's status (even long after it finished),
# jobs run concurrently with the shell and with each other, plain wait
# waits for all of them, and a job killed by a signal gives 128+N. Jobs
# write to files, never to stdout, so the output order is fixed.

(exit 7) &
p=$!
wait $p
echo "job exit 7: $?"

sh -c 'exit 9' &
p1=$!
sh -c 'exit 11' &
p2=$!
wait $p2
echo "second job: $?"
wait $p1
echo "first job: $?"

# Three jobs at once; plain wait returns when all are done.
for i in 1 2 3; do
	seq 1 $((i * 1000)) > "sh_jobs_$i.tmp" &
done
wait
echo "plain wait: $?"
for i in 1 2 3; do
	wc -l < "sh_jobs_$i.tmp"
	rm "sh_jobs_$i.tmp"
done

# A job that would run for 10 s, killed at once.
sleep 10 &
p=$!
kill -0 $p && echo "sleeping job is alive"
kill $p
wait $p 2>/dev/null # no "Terminated" note on stderr
echo "killed job: $?"
kill -0 $p 2>/dev/null || echo "killed job is gone"

sh -c 'kill -KILL $$' &
wait $! 2>/dev/null
echo "job killed by KILL: $?"

# A job and the shell both run: the job waits for a file the shell makes.
(i=0; while [ ! -e sh_jobs.go ] && [ $i -lt 200 ]; do sleep 0.01; i=$((i + 1)); done
 [ -e sh_jobs.go ] && echo done > sh_jobs.ack) &
p=$!
: > sh_jobs.go
wait $p
echo "handshake job: $?"
cat sh_jobs.ack
rm sh_jobs.go sh_jobs.ack

# wait for something that is not a child.
wait $$ 2>/dev/null
echo "wait for self: $?"
