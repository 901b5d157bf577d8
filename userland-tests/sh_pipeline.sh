# busybox ash pipelines: multi-stage pipes of forked applets, a pipeline's
# status is its last command's (! negates it), more data than a pipe holds,
# a writer stopped by SIGPIPE when its reader quits early, and while-read
# loops fed by a pipe (which run in a subshell).

printf 'pear\napple\nfig\napple\npear\napple\n' | sort | uniq -c | sort -rn | head -n 2
echo "Hello, Pipe World" | tr 'a-z' 'A-Z' | tr -d ',' | rev
seq 1 2000 | grep 7 | sed 's/^/n=/' | tail -n 3
seq 1 2000 | grep -c 7

false | true
echo "false | true: $?"
true | false
echo "true | false: $?"
! true | false
echo "! (true | false): $?"
sh -c 'exit 3' | sh -c 'exit 4'
echo "exit 3 | exit 4: $?"

# 300 KB through two pipes, then a count.
head -c 300000 /dev/zero | tr '\0' x | wc -c
# yes never ends by itself: head exits and SIGPIPE stops it.
yes pipe | head -n 3
yes | sed -n '100000{p;q}'

printf '1 one\n2 two\n3 three\n' | while read -r n word; do
	echo "$word=$n"
done
x=before
printf 'a\nb\n' | while read -r line; do x=$line; done
echo "x after pipe loop: $x"

# Pipes and redirections together.
{ echo out; echo err >&2; } 2>&1 | sort
echo tee-me | tee sh_pipeline.tmp | tr e E
cat sh_pipeline.tmp
rm sh_pipeline.tmp
