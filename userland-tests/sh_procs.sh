# busybox ash driving many processes: a long pipeline and pipefail, a
# command substitution bigger than a pipe (> 64 KiB), nested ones, wait
# for a given $! and its status, kill of a background child (128+N), exec
# redirections of the shell's own fds, a loop spawning 300 processes,
# while-read over a file, xargs, sort | uniq -c, find, sed and awk on
# generated data.

# A 10-stage pipeline of forked applets.
seq 1 500 | grep 1 | sed 's/1/one/' | tr a-z A-Z | grep -v 9 | sort -r | head -n 50 |
	tail -n 10 | cut -c1-6 | wc -l
seq 1 3 | cat | cat | cat | cat | cat | cat | cat | cat | cat | cat | tr '\n' ' '
echo

# The status of a pipeline is its last stage's, unless pipefail.
false | true; echo "false | true: $?"
true | sh -c 'exit 5'; echo "true | exit 5: $?"
set -o pipefail
sh -c 'exit 3' | true; echo "pipefail, exit 3 | true: $?"
sh -c 'exit 3' | sh -c 'exit 4' | true; echo "pipefail, 3 | 4 | true: $?"
true | true; echo "pipefail, true | true: $?"
set +o pipefail

# Command substitution larger than a pipe's buffer, and nested.
big=$(seq 1 20000)
echo "big substitution: ${#big} bytes, last ${big##*
}"
n=$(echo "$(echo "$(seq 1 30000 | wc -l)")")
echo "nested count: $n"
echo "sum: $(seq 1 1000 | awk '{ s += $1 } END { print s }')"

# Background jobs: $!, wait PID, statuses.
sh -c 'exit 21' &
a=$!
sh -c 'exit 22' &
b=$!
wait $b; echo "wait b: $?"
wait $a; echo "wait a: $?"
sleep 20 &
s=$!
kill -USR1 $s
wait $s 2>/dev/null; echo "sleep killed by USR1: $?"
sleep 20 &
s=$!
kill -9 $s
wait $s 2>/dev/null; echo "sleep killed by KILL: $?"
sh -c 'kill -TERM $$' &
wait $! 2>/dev/null; echo "self TERM: $?"

# exec redirections of the shell's own fds.
exec 3> sh_procs.out
echo "to fd 3" >&3
echo "again" >&3
exec 3>&-
exec 4< sh_procs.out
read -r l1 <&4
read -r l2 <&4
exec 4<&-
echo "read back: [$l1] [$l2]"
echo "closed fd: $( (echo x >&3) 2>/dev/null; echo $?)"
rm sh_procs.out

# 300 processes, bounded.
i=0 total=0
while [ $i -lt 300 ]; do
	v=$(expr $i % 7)
	total=$((total + v))
	i=$((i + 1))
done
echo "300 expr processes: total $total"

# Files: generated data read with while read, xargs, sort | uniq -c.
mkdir -p sh_procs.d/a/b sh_procs.d/c
i=0
while [ $i -lt 40 ]; do
	echo "word$((i % 5)) $i" >> sh_procs.d/data
	: > sh_procs.d/a/f$i
	i=$((i + 1))
done
: > sh_procs.d/a/b/deep
: > sh_procs.d/c/other.txt
count=0 sum=0
while read -r w num; do
	count=$((count + 1)); sum=$((sum + num))
done < sh_procs.d/data
echo "while read: $count lines, sum $sum"
cut -d' ' -f1 sh_procs.d/data | sort | uniq -c | sed 's/^ *//'
seq 1 10 | xargs echo
seq 1 10 | xargs -n 3 echo "xargs:"
find sh_procs.d -type f -name 'f3*' | sort
find sh_procs.d -type d | sort | tr '\n' ' '
echo
find sh_procs.d -type f | wc -l
find sh_procs.d/a -name 'f1*' | xargs rm
ls sh_procs.d/a | wc -l
awk '$2 % 2 == 0 { n[$1]++ } END { for (k in n) print k, n[k] }' sh_procs.d/data | sort
sed -n 's/^word\([0-9]\) 3\([0-9]\)$/\2-\1/p' sh_procs.d/data | tr '\n' ' '
echo
awk 'BEGIN { for (i = 1; i <= 5; i++) printf "%d^2=%d ", i, i * i; print "" }'
rm -r sh_procs.d
echo done
