/*
 * Boot: physmem, the VFS and its devices, the disks, the root file system
 * (the initramfs, or an ext2 disk named by root=), and init as pid 1.
 *
 * A disk root is mounted over the rootfs and becomes the root mount (the
 * initramfs, if there was one too, stays hidden underneath), so every task
 * starts there without a chroot; devtmpfs then goes on its /dev. When init
 * exits, everything is written back (vfs_sync_all) before umk exits with
 * init's status.
 */
#include <stdlib.h>
#include <string.h>

#include <drivers/drivers.h>
#include <host/host.h>
#include <umk/blkdev.h>
#include <umk/cpu.h>
#include <umk/errname.h>
#include <umk/errno.h>
#include <umk/exec.h>
#include <umk/frame.h>
#include <umk/kernel.h>
#include <umk/printk.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/tty.h>
#include <umk/vfs.h>
#include <umk/vfs_internal.h>
#include <uapi/linux_fcntl.h>


static int physmem_fd = -1;

static char *physmem_base;

static void physmem_release(uint64_t off, uint64_t len)
{
	host_punch_hole(physmem_fd, off, len);
}

static void physmem_populate(uint64_t off, uint64_t len)
{
	host_populate(physmem_base + off, len);
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

/* Open every disk of the command line. 0, or -errno after a message. */
static int add_disks(const struct boot_params *bp, bool *any)
{
	*any = false;
	for (int i = 0; i < BOOT_MAX_DISKS; i++) {
		int err;

		if (!bp->disks[i].path)
			continue;
		err = ubd_add(i, bp->disks[i].path, bp->disks[i].read_only);
		if (err)
			return err;
		*any = true;
	}
	return 0;
}

/*
 * Mount the ext2 file system on the device called name ("/dev/ubda",
 * "ubda") as "/". Read-write unless rw is 0 or the disk is read-only.
 * 0, or -errno after a message.
 */
static int mount_root(const char *name, int rw)
{
	struct blkdev *bd = blkdev_by_name(name);
	struct fs_type *fst = get_fs_type("ext2");
	struct super_block *sb;
	unsigned long flags = 0;
	int err;

	if (!bd) {
		printk("umk: root device %s does not exist (give the disk with --disk)\n", name);
		return -ENODEV;
	}
	if (!fst) {
		printk("umk: cannot mount root %s: this umk has no ext2\n", name);
		return -ENODEV;
	}
	if (rw == 0 || bd->read_only)
		flags |= LINUX_MS_RDONLY;
	if (rw == 1 && bd->read_only)
		printk("umk: root %s is a read-only disk: mounting it read-only\n", name);
	sb = fst->mount(bd, flags, NULL);
	if (IS_ERR(sb)) {
		err = (int)PTR_ERR(sb);
		printk("umk: cannot mount root %s (ext2): %s\n", name, errno_text(err));
		return err;
	}
	sb->flags |= flags;
	if (!sb->source)
		sb->source = strdup("/dev/root");	/* what Linux's /proc/mounts calls it */
	err = vfs_mount_root(sb);
	if (err)
		printk("umk: cannot mount root %s: %s\n", name, errno_text(err));
	return err;
}

/* A block-device node in /dev for every disk (devtmpfs makes the char ones). */
static void add_disk_nodes(void)
{
	struct blkdev *bd;

	for (unsigned i = 0; (bd = blkdev_at(i)); i++)
		devtmpfs_add_node(bd->name, LINUX_S_IFBLK | 0660, bd->rdev);
}

int kernel_main(const struct boot_params *bp)
{
	const char *root;
	bool disks;
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
	physmem_base = base;
	/* A warm pool of frames, if the host can back pages in batches. */
	if (host_populate(base, PAGE_SIZE) == 0)
		frame_set_populate(physmem_populate);
	err = vfs_init();
	if (!err)
		err = filesystems_init();
	if (err)
		goto fail;
	err = mem_devices_init();
	if (!err)
		err = tty_init();
	if (!err)
		err = console_init();
	if (err)
		goto fail;
	if (add_disks(bp, &disks))
		return 1;
	if (bp->initrd && load_initrd(bp->initrd))
		return 1;
	/* As Linux: an initramfs is the root unless root= is said. */
	root = bp->root ? bp->root : (disks && !bp->initrd ? "/dev/ubda" : NULL);
	if (root && mount_root(root, bp->root_rw))
		return 1;
	err = devtmpfs_mount();
	if (!err)
		err = devpts_mount();
	if (err)
		goto fail;
	add_disk_nodes();
	proc_mount_boot();

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
		/*
		 * As Linux does: an initramfs's /init, then the usual places
		 * (a disk root starts at /sbin/init).
		 */
		static const char *const defaults[] = {
			"/init", "/sbin/init", "/etc/init", "/bin/init", "/bin/sh",
		};

		err = -ENOENT;
		for (size_t i = root ? 1 : 0; i < ARRAY_SIZE(defaults) && err; i++) {
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
	err = vfs_sync_all();
	if (err)
		printk("umk: writing back the file systems failed: %s\n", errno_text(err));
	return init_status;

fail:
	printk("umk: boot failed: %s\n", errno_text(err ? err : -ENOMEM));
	cpu->halt();
	return 1;
}
