# busybox ash subshells and command substitution: ( ) runs in a forked
# copy whose variables, cwd and exit do not reach the parent but whose
# status does; $( ) nests, strips trailing newlines and gives $? of its
# command; child shells report exit statuses, and 128+N for death by signal
# N; set -e stops at a failing command but not inside if, || or !.
# umk-test: status=6

x=outer
(x=inner; echo "in subshell: x=$x"; exit 3)
echo "subshell status $?, x=$x"

here=$(pwd)
(cd / && echo "subshell cwd: $(pwd)")
[ "$(pwd)" = "$here" ] && echo "parent cwd unchanged"

y=$(echo one $(echo two $(echo three `echo four`)))
echo "nested: $y"
z=$(printf 'a\nb\n\n\n')
echo "stripped: [$z]"
z=$(exit 5)
echo "substitution status $?"
z=$(echo text; exit 7)
echo "substitution status $? with output [$z]"
echo "lines: $( (echo a; echo b; echo c) | wc -l)"
echo "arith on substitution: $(( $(echo 6) * $(echo 7) ))"

{ echo "group in parent"; g=set; false; }
echo "group status $?, g=$g"

sh -c 'exit 4'
echo "sh -c exit 4: $?"
sh -c 'exit 256'
echo "sh -c exit 256: $?"
sh -c 'kill -9 $$' 2>/dev/null
echo "killed by KILL: $?"
sh -c 'kill -TERM $$' 2>/dev/null
echo "killed by TERM: $?"
sh -c 'sh -c "exit 12"; exit $(($? + 1))'
echo "grandchild status + 1: $?"
if (exit 0); then echo "if (exit 0): taken"; fi
if ! (exit 1); then echo "if ! (exit 1): taken"; fi

(set -e; echo "set -e: before"; false; echo "set -e: not reached")
echo "set -e subshell status $?"
(set -e; false || true; echo "set -e: || is exempt")
(set -e; if false; then :; fi; echo "set -e: if is exempt")
(set -e; ! true; echo "set -e: ! is exempt")
(set -e; x=$(false); echo "set -e: not reached after x=\$(false)")
echo "set -e assignment from failed substitution: $?"

(exit 6)
exit $?
