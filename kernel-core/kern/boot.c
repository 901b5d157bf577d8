/*
 * Boot: physmem, the VFS and its devices, the initramfs, and init as pid 1.
 */
#include <stdlib.h>
#include <string.h>

#include <drivers/drivers.h>
#include <host/host.h>
#include <umk/cpu.h>
#include <umk/errname.h>
#include <umk/errno.h>
#include <umk/exec.h>
#include <umk/frame.h>
#include <umk/kernel.h>
#include <umk/printk.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/vfs.h>
#include <uapi/linux_fcntl.h>


static int physmem_fd = -1;

static void physmem_release(uint64_t off, uint64_t len)
{
	host_punch_hole(physmem_fd, off, len);
}

_Noreturn void kernel_halt(int status)
{
	cpu->halt();
	host_exit(status);
}

static int open_console(struct task *init)
{
	for (int fd = 0; fd < 3; fd++) {
		struct file *f = kernel_open("/dev/console", LINUX_O_RDWR, 0);
		int r;

		if (IS_ERR(f))
			return (int)PTR_ERR(f);
		r = fd_install(f, false);
		if (r != fd)
			return r < 0 ? r : -EBADF;
	}
	(void)init;
	return 0;
}

static int load_initrd(const char *path)
{
	void *data;
	size_t len;
	int err = host_read_file(path, &data, &len);

	if (err) {
		printk("umk: cannot read initrd %s: %s\n", path, errno_text(err));
		return err;
	}
	err = initramfs_unpack(data, len);
	free(data);
	if (err)
		printk("umk: initrd %s is not a valid cpio (newc) archive\n", path);
	return err;
}

int kernel_main(const struct boot_params *bp)
{
	static char *envp[] = { "HOME=/", "TERM=linux", NULL };
	struct task *init;
	char **argv;
	void *base;
	int err, n = 0;

	syscall_trace = bp->trace;
	kernel_home_cpu = bp->home_cpu;
	kernel_ncpus = bp->cpus > 0 ? MIN(bp->cpus, host_ncpus()) : host_ncpus();
	physmem_fd = bp->physmem_fd;
	base = host_map_shared(physmem_fd, bp->mem, &err);
	if (!base) {
		printk("umk: cannot map guest RAM: %s\n", errno_text(err));
		return 1;
	}
	err = frame_init(base, bp->mem, physmem_release);
	if (err)
		goto fail;
	err = vfs_init();
	if (!err)
		err = filesystems_init();
	if (err)
		goto fail;
	err = mem_devices_init();
	if (!err)
		err = console_init();
	if (err)
		goto fail;
	if (bp->initrd && load_initrd(bp->initrd))
		return 1;
	err = devtmpfs_mount();
	if (err)
		goto fail;
	boot_mounts();

	init = task_alloc();
	if (!init)
		goto fail;
	current = init;
	init->fs = fs_create();
	init->files = files_create();
	if (!init->fs || !init->files)
		goto fail;
	err = open_console(init);
	if (err) {
		printk("umk: cannot open /dev/console: %s\n", errno_text(err));
		return 1;
	}
	while (bp->init_args && bp->init_args[n])
		n++;
	argv = calloc((size_t)n + 2, sizeof(*argv));
	if (!argv)
		goto fail;
	for (int i = 0; i < n; i++)
		argv[i + 1] = bp->init_args[i];
	if (bp->init) {
		argv[0] = (char *)bp->init;
		err = exec_task(init, bp->init, argv, envp);
	} else {
		/* As Linux does: the initramfs's /init, then the usual places. */
		static const char *const defaults[] = {
			"/init", "/sbin/init", "/etc/init", "/bin/init", "/bin/sh",
		};

		err = -ENOENT;
		for (size_t i = 0; i < ARRAY_SIZE(defaults) && err; i++) {
			argv[0] = (char *)defaults[i];
			err = exec_task(init, defaults[i], argv, envp);
		}
	}
	if (err) {
		printk("umk: cannot run init %s: %s\n", bp->init ? bp->init : "(no init found)",
		       errno_text(err));
		free(argv);
		cpu->halt();
		return 1;
	}
	free(argv);
	kernel_start_task(init);
	trap_loop();
	cpu->halt();
	return init_status;

fail:
	printk("umk: boot failed: %s\n", errno_text(err ? err : -ENOMEM));
	cpu->halt();
	return 1;
}
