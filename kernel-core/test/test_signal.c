/*
 * Unit tests for signal queues and kill permission (kern/signal.c):
 * standard signals coalesce, real-time ones queue in order with their
 * siginfo, lower numbers and synchronous faults come first, a thread's own
 * queue before its process's, ignored signals are dropped unless blocked,
 * and kill(2)'s uid rule with the SIGCONT-in-session exception.
 */
#include <check.h>
#include "unit.h"
#include <string.h>

#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/signal.h>
#include <umk/task.h>

static struct task *t;

static void setup(void)
{
	task_alloc();		/* pid 1 (init) has rules of its own */
	t = task_alloc();
}

static struct linux_siginfo value(int code, int v)
{
	struct linux_siginfo i;

	memset(&i, 0, sizeof(i));
	i.si_code = code;
	i.kill.value = (uint64_t)v;
	return i;
}

START_TEST(test_rt_queue_order_and_coalescing)
{
	struct linux_siginfo i;

	t->sigmask = ~0ULL;
	for (int n = 0; n < 3; n++) {
		i = value(LINUX_SI_QUEUE, n);
		ck_assert_int_eq(send_signal_info(t, 40, &i), 0);
		i = value(LINUX_SI_USER, n);
		ck_assert_int_eq(send_signal_info(t, LINUX_SIGUSR1, &i), 0);
	}
	i = value(LINUX_SI_QUEUE, 9);
	send_thread_signal_info(t, 41, &i);
	ck_assert(signal_pending_set(t) == (SIGBIT(40) | SIGBIT(41) | SIGBIT(LINUX_SIGUSR1)));
	ck_assert_int_eq(dequeue_signal(t, ~0ULL, &i), 41);	/* own queue first */
	ck_assert_int_eq(dequeue_signal(t, ~0ULL, &i), LINUX_SIGUSR1);
	ck_assert_int_eq((int)i.kill.value, 0);
	for (int n = 0; n < 3; n++) {
		ck_assert_int_eq(dequeue_signal(t, ~0ULL, &i), 40);
		ck_assert_int_eq((int)i.kill.value, n);
		ck_assert_int_eq(i.si_signo, 40);
	}
	ck_assert_int_eq(dequeue_signal(t, ~0ULL, &i), 0);
	ck_assert(signal_pending_set(t) == 0);
}
END_TEST

START_TEST(test_faults_first_and_ignored_dropped)
{
	struct linux_siginfo i = value(LINUX_SI_USER, 0);

	send_signal_info(t, LINUX_SIGCHLD, &i);	/* default: ignored, not blocked */
	ck_assert(signal_pending_set(t) == 0);
	t->sigmask = SIGBIT(LINUX_SIGCHLD) | SIGBIT(LINUX_SIGHUP);
	send_signal_info(t, LINUX_SIGCHLD, &i);
	send_signal_info(t, LINUX_SIGHUP, &i);
	force_signal_fault(t, LINUX_SIGSEGV, 1, 0x1000);
	ck_assert(!(t->sigmask & SIGBIT(LINUX_SIGSEGV)));
	ck_assert_int_eq(dequeue_signal(t, ~0ULL, &i), LINUX_SIGSEGV);
	ck_assert_int_eq((int)i.fault.addr, 0x1000);
	ck_assert_int_eq(dequeue_signal(t, ~0ULL, &i), LINUX_SIGHUP);
	ck_assert_int_eq(dequeue_signal(t, SIGBIT(LINUX_SIGUSR1), &i), 0);
	ck_assert_int_eq(dequeue_signal(t, ~0ULL, &i), LINUX_SIGCHLD);
}
END_TEST

START_TEST(test_kill_permission)
{
	struct cred c = { .cap_eff = CAP_FULL_SET };

	t->cred = (struct cred){ .uid = 1000, .euid = 1000, .suid = 1000 };
	t->sid = 5;
	ck_assert_int_eq(kill_cred_check(&c, 1, t, LINUX_SIGTERM), 0);	/* root */
	c.cap_eff = CAP_FULL_SET & ~(1ULL << CAP_KILL);
	ck_assert_int_eq(kill_cred_check(&c, 1, t, LINUX_SIGTERM), -EPERM);	/* uid 0 without CAP_KILL */
	c = (struct cred){ .uid = 2000, .euid = 2000, .suid = 1000 };
	ck_assert_int_eq(kill_cred_check(&c, 1, t, LINUX_SIGTERM), -EPERM);	/* own suid does not count */
	ck_assert_int_eq(kill_cred_check(&c, 1, t, 0), -EPERM);
	ck_assert_int_eq(kill_cred_check(&c, 5, t, LINUX_SIGCONT), 0);
	ck_assert_int_eq(kill_cred_check(&c, 1, t, LINUX_SIGCONT), -EPERM);
	c.uid = 1000;
	ck_assert_int_eq(kill_cred_check(&c, 1, t, LINUX_SIGTERM), 0);
	c = (struct cred){ .uid = 2000, .euid = 1000 };
	ck_assert_int_eq(kill_cred_check(&c, 1, t, LINUX_SIGTERM), 0);
	t->cred.uid = 3000;
	c = (struct cred){ .uid = 2000, .euid = 2000 };
	ck_assert_int_eq(kill_cred_check(&c, 1, t, LINUX_SIGTERM), -EPERM);
	c.euid = 1000;	/* the target's saved uid */
	ck_assert_int_eq(kill_cred_check(&c, 1, t, LINUX_SIGTERM), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("signal");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_rt_queue_order_and_coalescing);
	tcase_add_test(tc, test_faults_first_and_ignored_dropped);
	tcase_add_test(tc, test_kill_permission);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
