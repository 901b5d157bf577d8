/*
 * umk's entry point: the command line (GNU style and UML's key=value),
 * the host set-up the CPU back end needs, then the kernel.
 *
 *   umk [options] [-- init-args...]
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arch/ptrace_cpu.h>
#include <host/host.h>
#include <umk/kernel.h>
#include <umk/syscall.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: umk [options] [-- init-args...]\n"
		"  --initrd FILE     boot from a cpio (newc) initramfs (UML: initrd=FILE)\n"
		"  --init PATH       program to run as pid 1 (init=PATH; default /init,\n"
		"                    then /sbin/init, /etc/init, /bin/init, /bin/sh)\n"
		"  --disk FILE[,ro]  a disk image: the first is /dev/ubda, then ubdb...\n"
		"                    (UML: ubd0=FILE, ubd0r=FILE, ubdN=FILE,ro)\n"
		"  --root DEV        root file system (root=DEV; default /dev/ubda when a\n"
		"                    disk is given and no --initrd); rw / ro: its mode\n"
		"  --mem SIZE        guest RAM, e.g. 256M, 1G (mem=SIZE; default 256M)\n"
		"  --cpus N          run at most N guest threads at once\n"
		"  --trace           log every guest syscall on stderr, strace-style\n"
		"  --list-syscalls   print the syscall table with support status\n"
		"  --help            this text\n"
		"Arguments after -- go to init as argv[1..]. umk exits with init's status.\n");
}

static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/*
 * FILE[,ro] into disk slot index; the UML form ubdNr= says ro in flag_ro.
 * 0, or -1 after a message.
 */
static int add_disk(struct boot_params *bp, int index, const char *spec, bool flag_ro)
{
	char *path = strdup(spec), *comma;
	bool ro = flag_ro;

	if (!path)
		return -1;
	comma = strrchr(path, ',');
	if (comma && !strcmp(comma, ",ro")) {
		*comma = '\0';
		ro = true;
	} else if (comma && !strcmp(comma, ",rw")) {
		*comma = '\0';
	}
	if (!*path) {
		fprintf(stderr, "umk: disk %d: no image file given\n", index);
		free(path);
		return -1;
	}
	if (index < 0 || index >= BOOT_MAX_DISKS) {
		fprintf(stderr, "umk: at most %d disks (ubd0..ubd%d)\n",
			BOOT_MAX_DISKS, BOOT_MAX_DISKS - 1);
		free(path);
		return -1;
	}
	if (bp->disks[index].path) {
		fprintf(stderr, "umk: ubd%d is given twice\n", index);
		free(path);
		return -1;
	}
	bp->disks[index].path = path;
	bp->disks[index].read_only = ro;
	return 0;
}

/* UML's ubd<N>[r]=FILE: 1 if a is one (handled or failed in *bad), 0 if not. */
static int uml_disk_opt(struct boot_params *bp, const char *a, bool *bad)
{
	char *end;
	long n;
	bool ro = false;

	if (strncmp(a, "ubd", 3) || a[3] < '0' || a[3] > '9')
		return 0;
	n = strtol(a + 3, &end, 10);
	while (*end == 'r' || *end == 's' || *end == 'd' || *end == 'c') {
		if (*end == 'r')
			ro = true;
		end++;
	}
	if (*end != '=')
		return 0;
	*bad = add_disk(bp, (int)n, end + 1, ro) < 0;
	return 1;
}

/* The stub lives next to the umk executable. */
static int find_stub(char *path, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", path, size - 16);
	char *slash;

	if (n < 0)
		return -errno;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash)
		return -ENOENT;
	strcpy(slash + 1, "umk-stub");
	return 0;
}

static void check_ptrace_allowed(void)
{
	FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "r");
	int scope = 0;

	if (!f)
		return;
	if (fscanf(f, "%d", &scope) != 1)
		scope = 0;
	fclose(f);
	if (scope >= 3) {
		fprintf(stderr, "umk: ptrace is disabled on this host "
				"(kernel.yama.ptrace_scope = 3); umk cannot run guests\n");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	/* static: what it holds (the disk paths) lives as long as umk */
	static struct boot_params bp = { .mem = 256ULL << 20, .root_rw = -1 };
	bool bad = false;
	char stub[PATH_MAX];
	int i, err, fd;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
#define OPT(name) ((!strcmp(a, "--" name) && i + 1 < argc && (val = argv[++i])) || \
		   (!strncmp(a, name "=", strlen(name) + 1) && (val = a + strlen(name) + 1)) || \
		   (!strncmp(a, "--" name "=", strlen(name) + 3) && (val = a + strlen(name) + 3)))
		if (OPT("initrd")) {
			bp.initrd = val;
		} else if (OPT("init")) {
			bp.init = val;
		} else if (OPT("disk")) {
			int n = 0;

			while (n < BOOT_MAX_DISKS && bp.disks[n].path)
				n++;
			if (add_disk(&bp, n, val, false) < 0)
				return 2;
		} else if (OPT("root")) {
			bp.root = val;
		} else if (!strcmp(a, "rw") || !strcmp(a, "ro")) {
			bp.root_rw = a[1] == 'w';
		} else if (uml_disk_opt(&bp, a, &bad)) {
			if (bad)
				return 2;
		} else if (OPT("mem")) {
			if (parse_size(val, &bp.mem) || bp.mem < (4ULL << 20) || bp.mem > (64ULL << 30)) {
				fprintf(stderr, "umk: bad memory size '%s' (4M..64G)\n", val);
				return 2;
			}
			bp.mem &= ~4095ULL;
		} else if (OPT("cpus")) {
			bp.cpus = atoi(val);
			if (bp.cpus < 1) {
				fprintf(stderr, "umk: bad cpu count '%s'\n", val);
				return 2;
			}
		} else if (!strcmp(a, "--trace")) {
			bp.trace = true;
		} else if (!strcmp(a, "--list-syscalls")) {
			syscall_list();
			return 0;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "umk: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		}
#undef OPT
	}
	bp.init_args = &argv[i];

	check_ptrace_allowed();
	err = find_stub(stub, sizeof(stub));
	if (err || access(stub, X_OK) < 0) {
		fprintf(stderr, "umk: cannot find umk-stub next to umk (%s)\n", stub);
		return 1;
	}
	/* Keep umk and its guest threads on one CPU: a trap is then a
	 * same-CPU handoff, several times cheaper than a cross-CPU wake-up. */
	bp.home_cpu = host_current_cpu();
	if (bp.home_cpu < 0)
		bp.home_cpu = 0;
	host_pin_cpu(0, bp.home_cpu);

	fd = host_memfd_create("umk-physmem", bp.mem);
	if (fd < 0) {
		fprintf(stderr, "umk: cannot create guest RAM: %s\n", strerror(-fd));
		return 1;
	}
	fd = host_fd_move_high(fd, 100);
	bp.physmem_fd = fd;
	err = ptrace_cpu_init(stub, fd);
	if (err) {
		fprintf(stderr, "umk: cannot start the CPU back end: %s\n", strerror(-err));
		return 1;
	}
	cpu = &ptrace_cpu_ops;
	return kernel_main(&bp);
}
