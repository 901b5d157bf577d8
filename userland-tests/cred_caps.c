/*
 * Capabilities as capget(2)/capset(2) and capabilities(7) describe them:
 * a version probe writes the preferred version; root's effective set
 * equals its permitted set; dropping CAP_SETUID from the effective set
 * makes setuid to a foreign id EPERM; a euid change to non-root empties
 * the effective set and back to 0 restores it; leaving uid 0 entirely
 * clears everything unless PR_SET_KEEPCAPS; capset cannot add permitted
 * capabilities, nor act on another process. Each case in its own child.
 */
#include "guest.h"
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/wait.h>

/* <linux/capability.h>, which musl does not ship */
#define _LINUX_CAPABILITY_VERSION_3 0x20080522
#define CAP_CHOWN 0
#define CAP_DAC_OVERRIDE 1
#define CAP_KILL 5
#define CAP_SETUID 7
struct __user_cap_header_struct {
	unsigned version;
	int pid;
};
struct __user_cap_data_struct {
	unsigned effective, permitted, inheritable;
};

struct caps {
	unsigned long long eff, prm, inh;
};

static int get_caps(struct caps *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	c->eff = d[0].effective | (unsigned long long)d[1].effective << 32;
	c->prm = d[0].permitted | (unsigned long long)d[1].permitted << 32;
	c->inh = d[0].inheritable | (unsigned long long)d[1].inheritable << 32;
	return 0;
}

static int set_caps(const struct caps *c)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2] = {
		{ (unsigned)c->eff, (unsigned)c->prm, (unsigned)c->inh },
		{ (unsigned)(c->eff >> 32), (unsigned)(c->prm >> 32), (unsigned)(c->inh >> 32) },
	};

	return syscall(SYS_capset, &h, d);
}

#define BIT(cap) (1ULL << (cap))

static int probe(void)
{
	struct __user_cap_header_struct h = { 0, 0 };
	struct __user_cap_data_struct d[2];
	struct caps c;

	CHECK_EQ(syscall(SYS_capget, &h, NULL), 0);
	CHECK_EQ(h.version, _LINUX_CAPABILITY_VERSION_3);
	h.version = 0x12345678;
	CHECK_ERR(syscall(SYS_capget, &h, d), EINVAL);
	CHECK_EQ(h.version, _LINUX_CAPABILITY_VERSION_3);
	CHECK_ERR(syscall(SYS_capget, (void *)1, d), EFAULT);
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = -1;
	CHECK_ERR(syscall(SYS_capget, &h, d), EINVAL);
	h.pid = 0x3fffffff;
	CHECK_ERR(syscall(SYS_capget, &h, d), ESRCH);
	h.pid = getppid();
	CHECK_ERR(syscall(SYS_capset, &h, d), EPERM);
	h.pid = 0;
	CHECK_ERR(syscall(SYS_capget, &h, (void *)1), EFAULT);

	CHECK_EQ(get_caps(&c), 0);
	CHECK(c.eff == c.prm);
	CHECK(c.eff & BIT(CAP_SETUID));
	CHECK(c.eff & BIT(CAP_DAC_OVERRIDE));
	return report();
}

static int drop_effective(void)
{
	struct caps c, saved;

	CHECK_EQ(get_caps(&saved), 0);
	c = saved;
	c.eff &= ~BIT(CAP_SETUID);
	CHECK_EQ(set_caps(&c), 0);
	CHECK_ERR(setuid(1000), EPERM);		/* not held, not capable */
	CHECK_EQ(set_caps(&saved), 0);		/* permitted: raise again */
	c.eff = c.prm = saved.prm & ~BIT(CAP_KILL);
	CHECK_EQ(set_caps(&c), 0);		/* drop from permitted */
	c.prm = saved.prm;
	CHECK_ERR(set_caps(&c), EPERM);		/* cannot get it back */
	c.prm = c.eff = saved.prm & ~BIT(CAP_KILL);
	c.eff |= BIT(CAP_KILL);
	CHECK_ERR(set_caps(&c), EPERM);		/* effective beyond permitted */
	CHECK_EQ(setuid(1000), 0);
	return report();
}

static int euid_changes(void)
{
	struct caps c, root;

	CHECK_EQ(get_caps(&root), 0);
	CHECK_EQ(setresuid(-1, 1000, -1), 0);
	CHECK_EQ(get_caps(&c), 0);
	CHECK(c.eff == 0 && c.prm == root.prm);
	CHECK_EQ(seteuid(0), 0);
	CHECK_EQ(get_caps(&c), 0);
	CHECK(c.eff == root.prm);
	/* fsuid away from 0 drops only the file-system capabilities. */
	CHECK_EQ(setfsuid(1000), 0);
	CHECK_EQ(get_caps(&c), 0);
	CHECK(!(c.eff & BIT(CAP_DAC_OVERRIDE)) && !(c.eff & BIT(CAP_CHOWN)));
	CHECK(c.eff & BIT(CAP_SETUID));
	CHECK_EQ(setfsuid(0), 1000);
	CHECK_EQ(get_caps(&c), 0);
	CHECK(c.eff == root.prm);
	/* All uids non-zero: everything goes. */
	CHECK_EQ(setresuid(1000, 1000, 1000), 0);
	CHECK_EQ(get_caps(&c), 0);
	CHECK(c.eff == 0 && c.prm == 0);
	c.eff = BIT(CAP_SETUID);
	CHECK_ERR(set_caps(&c), EPERM);
	CHECK_ERR(setuid(0), EPERM);
	return report();
}

static int keepcaps(void)
{
	struct caps c, root;

	CHECK_EQ(get_caps(&root), 0);
	CHECK_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0), 0);
	CHECK_EQ(prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0), 1);
	CHECK_ERR(prctl(PR_SET_KEEPCAPS, 2, 0, 0, 0), EINVAL);
	CHECK_EQ(setresuid(1000, 1000, 1000), 0);
	CHECK_EQ(get_caps(&c), 0);
	CHECK(c.eff == 0 && c.prm == root.prm);	/* permitted kept */
	c.eff = BIT(CAP_SETUID);
	CHECK_EQ(set_caps(&c), 0);
	CHECK_EQ(setuid(0), 0);			/* a capable uid 1000 */
	CHECK_EQ(getuid(), 0);
	return report();
}

static int run(int (*fn)(void))
{
	int st;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(void)
{
	CHECK_EQ(run(probe), 0);
	CHECK_EQ(run(drop_effective), 0);
	CHECK_EQ(run(euid_changes), 0);
	CHECK_EQ(run(keepcaps), 0);
	return report();
}
