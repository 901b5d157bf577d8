/* Shared by the Check unit tests: run a suite, exit status from its result. */
#ifndef UMK_TEST_UNIT_H
#define UMK_TEST_UNIT_H

#include <check.h>
#include <stdlib.h>

/* Run every test of s (each in its own child) and free it. */
static inline int unit_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
