/*
 * The exit status of init is umk's exit status: this test exits 7 after
 * its atexit handler ran.
 * umk-test: status=7
 */
#include "guest.h"

static void bye(void)
{
	printf("atexit handler ran\n");
}

int main(void)
{
	CHECK_EQ(atexit(bye), 0);
	if (report() != 0)
		return 1;
	exit(7);
}
