/*
 * Unit tests of the credential rules (kern/cred.c): the set*uid state
 * machine and its effect on capabilities, fsuid changes, group membership
 * and the RLIMIT_NPROC check, on a task that never runs.
 */
#include <string.h>

#include <umk/cred.h>
#include <umk/errno.h>
#include <umk/task.h>

#include "unit.h"

static void setup(void)
{
	current = task_alloc();
	ck_assert_ptr_nonnull(current);
}

static void teardown(void)
{
	task_free(current);
	current = NULL;
}

START_TEST(test_root_starts_full)
{
	ck_assert(capable(CAP_SETUID));
	ck_assert(capable(CAP_DAC_OVERRIDE));
	ck_assert_uint_eq(current->cred.cap_eff, CAP_FULL_SET);
}
END_TEST

START_TEST(test_setresuid_drops_caps)
{
	ck_assert_int_eq(cred_setresuid(1000, 1000, 0), 0);
	ck_assert_uint_eq(current->cred.cap_eff, 0);
	ck_assert_uint_eq(current->cred.cap_prm, CAP_FULL_SET);
	ck_assert_int_eq(cred_setresuid(-1, 0, -1), 0);	/* the saved uid */
	ck_assert_uint_eq(current->cred.cap_eff, CAP_FULL_SET);
	ck_assert_int_eq(cred_setresuid(1000, 1000, 1000), 0);
	ck_assert_uint_eq(current->cred.cap_prm, 0);
	ck_assert_int_eq(cred_setuid(0), -EPERM);
	ck_assert_int_eq(cred_setreuid(2000, -1), -EPERM);
}
END_TEST

START_TEST(test_keepcaps)
{
	current->cred.keepcaps = true;
	ck_assert_int_eq(cred_setresuid(7, 7, 7), 0);
	ck_assert_uint_eq(current->cred.cap_prm, CAP_FULL_SET);
	ck_assert_uint_eq(current->cred.cap_eff, 0);
}
END_TEST

START_TEST(test_setreuid_saved)
{
	ck_assert_int_eq(cred_setresuid(1000, 2000, 0), 0);
	ck_assert_int_eq(cred_setreuid(-1, 1000), 0);	/* euid == ruid: saved stays */
	ck_assert_uint_eq(current->cred.suid, 0);
	ck_assert_int_eq(cred_setreuid(-1, 0), 0);	/* euid != ruid: saved = euid */
	ck_assert_uint_eq(current->cred.suid, 0);
	ck_assert_uint_eq(current->cred.fsuid, 0);
}
END_TEST

START_TEST(test_fsuid)
{
	ck_assert_int_eq(cred_setfsuid(1000), 0);
	ck_assert(!capable(CAP_DAC_OVERRIDE));
	ck_assert(capable(CAP_SETUID));
	ck_assert_int_eq(cred_setfsuid(0), 1000);
	ck_assert(capable(CAP_DAC_OVERRIDE));
	ck_assert_int_eq(cred_setfsuid((uint32_t)-1), 0);
}
END_TEST

START_TEST(test_groups)
{
	struct group_info *g = groups_alloc(2);

	g->gid[0] = 10;
	g->gid[1] = 20;
	current->cred.groups = g;
	current->cred.fsgid = 5;
	ck_assert(cred_in_group(&current->cred, 5));
	ck_assert(cred_in_group(&current->cred, 20));
	ck_assert(!cred_in_group(&current->cred, 15));
}
END_TEST

START_TEST(test_nproc)
{
	ck_assert_int_eq(ident_fork_check(current), 0);	/* root is exempt */
	ck_assert_int_eq(cred_setresuid(4321, 4321, 4321), 0);
	current->rlim[LINUX_RLIMIT_NPROC].rlim_cur = 1;
	ck_assert_int_eq(ident_fork_check(current), -EAGAIN);
	current->rlim[LINUX_RLIMIT_NPROC].rlim_cur = 2;
	ck_assert_int_eq(ident_fork_check(current), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("cred");
	TCase *tc = tcase_create("cred");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_root_starts_full);
	tcase_add_test(tc, test_setresuid_drops_caps);
	tcase_add_test(tc, test_keepcaps);
	tcase_add_test(tc, test_setreuid_saved);
	tcase_add_test(tc, test_fsuid);
	tcase_add_test(tc, test_groups);
	tcase_add_test(tc, test_nproc);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
