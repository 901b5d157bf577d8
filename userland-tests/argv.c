/*
 * argv reaches main intact, including an argument with spaces and an empty
 * one, and is followed by the environment block.
 * umk-test: args=one "two words" "" three
 */
#include "guest.h"

extern char **environ;

int main(int argc, char **argv)
{
	const char *base;
	char **e;
	int i, noeq = 0;

	CHECK_EQ(argc, 5);
	CHECK(argv[argc] == NULL);
	base = strrchr(argv[0], '/');
	printf("argv[0] basename: %s\n", base ? base + 1 : argv[0]);
	for (i = 1; i < argc; i++)
		printf("argv[%d] = [%s]\n", i, argv[i]);
	if (argc == 5) {
		CHECK_STR(argv[1], "one");
		CHECK_STR(argv[2], "two words");
		CHECK_STR(argv[3], "");
		CHECK_STR(argv[4], "three");
	}
	CHECK(environ == argv + argc + 1);
	for (e = environ, i = 0; *e && i < 10000; e++, i++)
		noeq += strchr(*e, '=') == NULL;
	CHECK(*e == NULL);
	CHECK_EQ(noeq, 0);
	return report();
}
