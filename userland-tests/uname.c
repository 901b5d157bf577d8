/*
 * uname fills every field with a NUL-terminated string; sysname is "Linux",
 * machine "x86_64", release starts with a digit.
 */
#include "guest.h"
#include <ctype.h>
#include <sys/utsname.h>

static int terminated(const char *s)
{
	return memchr(s, 0, 65) != NULL;
}

int main(void)
{
	struct utsname u;

	memset(&u, 0x7f, sizeof(u));
	CHECK_EQ(uname(&u), 0);
	CHECK(terminated(u.sysname));
	CHECK(terminated(u.nodename));
	CHECK(terminated(u.release));
	CHECK(terminated(u.version));
	CHECK(terminated(u.machine));
	CHECK(terminated(u.domainname));
	CHECK_STR(u.sysname, "Linux");
	CHECK_STR(u.machine, "x86_64");
	CHECK(u.nodename[0] != 0);
	CHECK(isdigit((unsigned char)u.release[0]));
	CHECK(strchr(u.release, '.') != NULL);
	CHECK(u.version[0] != 0);
	printf("sysname %s\nmachine %s\n", u.sysname, u.machine);
	return report();
}
