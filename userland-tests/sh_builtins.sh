# busybox ash running a script with builtins only (no fork needed):
# variables, parameter expansion, arithmetic, loops, case, functions,
# redirections and read.
# umk-test: status=3

count=0
for w in alpha beta gamma delta; do
	count=$((count + 1))
	case $w in
	a*) echo "$count: $w starts with a" ;;
	*a) echo "$count: $w ends with a" ;;
	esac
done

x=archive.tar.gz
echo "${x%%.*} ${x#*.} ${x%.gz} ${#x}"

fib() {
	a=0 b=1 i=0
	while [ $i -lt "$1" ]; do
		t=$((a + b)); a=$b; b=$t; i=$((i + 1))
	done
	echo "fib($1) = $a"
}
fib 20

set -- one two three
shift
echo "$# args: $*"

printf '%s|%5d|%-4s|%x\n' str 42 ab 255

read first < "$0"
echo "first line: $first"
read nothing < /dev/null
echo "read from /dev/null: status $?"

if [ -c /dev/null ] && [ -d / ] && ! [ -e /no/such/path ]; then
	echo "test builtins ok"
fi

umask 027
umask
echo done
exit 3
