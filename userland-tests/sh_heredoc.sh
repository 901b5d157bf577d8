# busybox ash here-documents: expansion in unquoted ones, none in quoted
# ones, <<- strips leading tabs, and a here-doc larger than a pipe holds
# (ash then feeds it from a forked writer) arrives whole; here-docs feed
# loops, command substitutions and child shells.

name=world
cat <<EOF
hello, $name: $((2 + 3)) $(echo subst)
EOF
cat <<'EOF'
literal $name $(echo no) `echo no`
EOF
cat <<-EOF
	tab-indented, $name
		two tabs, both stripped
	EOF

while read -r k v; do
	echo "$v<-$k"
done <<EOF
a 1
b 2
EOF

big=$(seq 1 20000)
cat <<EOF | wc -c
$big
EOF
cat <<EOF | tail -n 1
$big
EOF

sh -s one two <<'EOF'
echo "child shell from here-doc: $# args: $1 $2"
exit 4
EOF
echo "child status $?"
n=$(wc -l <<EOF
1
2
3
EOF
)
echo "lines in substitution: $n"
