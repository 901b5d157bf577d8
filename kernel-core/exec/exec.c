/*
 * Building a new process image: a fresh address space with the program
 * mapped, the initial stack laid out as Linux lays it (argc, argv, envp,
 * auxv; see the System V x86-64 ABI and getauxval(3)), and the entry
 * registers.
 */
#include <stdlib.h>
#include <string.h>

#include <host/host.h>
#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/exec.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/task.h>
#include <umk/timer.h>
#include <umk/uaccess.h>
#include <umk/vfs_internal.h>
#include <umk/vfs.h>
#include <uapi/linux_elf.h>
#include <uapi/linux_fcntl.h>
#include <uapi/linux_mman.h>
#include <uapi/linux_stat.h>

#define AUXV_MAX 24

static long count_strings(char *const v[], size_t *bytes)
{
	long n = 0;

	for (; v && v[n]; n++) {
		size_t len = strlen(v[n]) + 1;

		if (len > MAX_ARG_STRLEN)
			return -E2BIG;
		*bytes += len;
	}
	return n;
}

struct stack_builder {
	struct mm *mm;
	uaddr_t p;		/* grows down from STACK_TOP */
	int err;
};

static uaddr_t push_bytes(struct stack_builder *sb, const void *data, size_t n)
{
	sb->p -= n;
	if (!sb->err)
		sb->err = (int)mm_copy_to(sb->mm, sb->p, data, n);
	return sb->p;
}

static int build_stack(struct task *t, struct mm *mm, const struct elf_image *img, const char *execfn,
		       char *const argv[], char *const envp[], uaddr_t *sp_out)
{
	struct stack_builder sb = { .mm = mm, .p = STACK_TOP };
	size_t bytes = strlen(execfn) + 1 + 64;
	long argc = count_strings(argv, &bytes);
	long envc = count_strings(envp, &bytes);
	uint64_t auxv[AUXV_MAX * 2], *vec;
	uint64_t hwcap, hwcap2;
	uaddr_t execfn_addr, random_addr, platform_addr, *str;
	uint8_t rnd[16];
	size_t nwords, stack_size;
	int na = 0;
	long mapped;

	if (argc < 0 || envc < 0)
		return -E2BIG;
	if (bytes + (size_t)(argc + envc) * 8 > t->rlim[LINUX_RLIMIT_STACK].rlim_cur / 4)
		return -E2BIG;
	stack_size = PAGE_ALIGN(bytes + (size_t)(argc + envc + 2 * AUXV_MAX + 8) * 8) + STACK_INIT_SIZE;
	mapped = mm_map(mm, STACK_TOP - stack_size, stack_size,
			LINUX_PROT_READ | LINUX_PROT_WRITE, VMA_GROWSDOWN | VMA_STACK,
			true, NULL, 0);
	if (mapped < 0)
		return (int)mapped;

	str = malloc(sizeof(*str) * (size_t)(argc + envc + 2));
	if (!str)
		return -ENOMEM;
	sb.p -= 8;
	execfn_addr = push_bytes(&sb, execfn, strlen(execfn) + 1);
	mm->env_end = sb.p;
	for (long i = envc - 1; i >= 0; i--)
		str[argc + 1 + i] = push_bytes(&sb, envp[i], strlen(envp[i]) + 1);
	mm->env_start = mm->arg_end = sb.p;
	for (long i = argc - 1; i >= 0; i--)
		str[i] = push_bytes(&sb, argv[i], strlen(argv[i]) + 1);
	mm->arg_start = sb.p;
	platform_addr = push_bytes(&sb, "x86_64", 7);
	host_getrandom(rnd, sizeof(rnd));
	random_addr = push_bytes(&sb, rnd, sizeof(rnd));
	sb.p &= ~15ULL;

	cpu->hwcap(&hwcap, &hwcap2);
#define AUX(k, v) (auxv[na++] = (k), auxv[na++] = (v))
	AUX(LINUX_AT_HWCAP, hwcap);
	AUX(LINUX_AT_PAGESZ, PAGE_SIZE);
	AUX(LINUX_AT_CLKTCK, 100);
	AUX(LINUX_AT_PHDR, img->phdr);
	AUX(LINUX_AT_PHENT, sizeof(struct linux_elf64_phdr));
	AUX(LINUX_AT_PHNUM, img->phnum);
	AUX(LINUX_AT_BASE, img->interp_base);
	AUX(LINUX_AT_FLAGS, 0);
	AUX(LINUX_AT_ENTRY, img->prog_entry);
	AUX(LINUX_AT_UID, t->cred.uid);
	AUX(LINUX_AT_EUID, t->cred.euid);
	AUX(LINUX_AT_GID, t->cred.gid);
	AUX(LINUX_AT_EGID, t->cred.egid);
	AUX(LINUX_AT_SECURE, 0);
	AUX(LINUX_AT_RANDOM, random_addr);
	AUX(LINUX_AT_HWCAP2, hwcap2);
	AUX(LINUX_AT_EXECFN, execfn_addr);
	AUX(LINUX_AT_PLATFORM, platform_addr);
	AUX(LINUX_AT_NULL, 0);
#undef AUX

	nwords = 1 + (size_t)argc + 1 + (size_t)envc + 1 + (size_t)na;
	vec = malloc(nwords * 8);
	if (!vec) {
		free(str);
		return -ENOMEM;
	}
	vec[0] = (uint64_t)argc;
	for (long i = 0; i < argc; i++)
		vec[1 + i] = str[i];
	vec[1 + argc] = 0;
	for (long i = 0; i < envc; i++)
		vec[2 + argc + i] = str[argc + 1 + i];
	vec[2 + argc + envc] = 0;
	memcpy(&vec[3 + argc + envc], auxv, (size_t)na * 8);
	if (nwords & 1)
		sb.p -= 8;	/* keep the final rsp 16-byte aligned */
	*sp_out = push_bytes(&sb, vec, nwords * 8);
	mm->start_stack = *sp_out;
	free(vec);
	free(str);
	return sb.err;
}

/*
 * A chain of interpreter scripts may be this long before a binary: Linux
 * runs five and fails a sixth with ELOOP (fs/exec.c, exec_binprm).
 */
#define MAX_SCRIPT_DEPTH 5
#define BINPRM_BUF 256

static int exec_binary(struct task *t, const char *path, char *const argv[],
		       char *const envp[], int depth);

/*
 * "#!interpreter [one-arg]": run the interpreter with argv
 * [interpreter, one-arg?, path, argv[1..]] (execve(2), "Interpreter scripts").
 */
static int exec_script(struct task *t, const char *path, char *buf, long len,
		       char *const argv[], char *const envp[], int depth)
{
	char *p, *end, *interp, *arg = NULL;
	char **nargv;
	long argc = 0;
	int n = 0, err;

	if (depth >= MAX_SCRIPT_DEPTH)
		return -ELOOP;
	buf[len < BINPRM_BUF ? len : BINPRM_BUF - 1] = '\0';
	end = strchr(buf, '\n');
	if (!end) {
		if (len >= BINPRM_BUF - 1)
			return -ENOEXEC;	/* interpreter line too long */
		end = buf + strlen(buf);
	}
	*end = '\0';
	for (p = buf + 2; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p)
		return -ENOEXEC;
	interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p) {
			arg = p;
			/* the rest of the line is one argument, less trailing blanks */
			for (char *q = p + strlen(p); q > p && (q[-1] == ' ' || q[-1] == '\t'); q--)
				q[-1] = '\0';
		}
	}
	while (argv && argv[argc])
		argc++;
	nargv = calloc((size_t)argc + 4, sizeof(*nargv));
	if (!nargv)
		return -ENOMEM;
	nargv[n++] = interp;
	if (arg)
		nargv[n++] = arg;
	nargv[n++] = (char *)path;
	for (long i = 1; i < argc; i++)
		nargv[n++] = argv[i];
	err = exec_binary(t, interp, nargv, envp, depth + 1);
	free(nargv);
	return err;
}

/* Run the open file f, called path; takes over the reference on f. */
static int exec_file(struct task *t, struct file *f, const char *path, char *const argv[],
		     char *const envp[], int depth)
{
	struct elf_image img;
	struct linux_regs *regs;
	struct mm *mm, *old;
	uaddr_t sp = 0;
	const char *base;
	int err;

	if (!LINUX_S_ISREG(file_mode(f))) {
		err = -EACCES;	/* directories included, as execve(2) says */
		goto out_put_file;
	}
	err = file_permission(f, LINUX_X_OK);
	if (!err)
		err = mnt_may_exec(f->mnt);	/* MS_NOEXEC */
	if (!err)
		err = file_deny_write(f);	/* ETXTBSY while open for writing */
	if (err)
		goto out_put_file;
	{
		char buf[BINPRM_BUF];
		long n = kernel_read(f, buf, sizeof(buf) - 1, 0);

		if (n < 0) {
			err = (int)n;
			goto out_allow_write;
		}
		if (n >= 2 && buf[0] == '#' && buf[1] == '!') {
			err = exec_script(t, path, buf, n, argv, envp, depth);
			goto out_allow_write;
		}
	}
	mm = mm_create();
	if (IS_ERR(mm)) {
		err = (int)PTR_ERR(mm);
		goto out_allow_write;
	}
	err = elf_load(mm, f, &img);
	if (err)
		goto out_put_mm;
	mm->start_brk = mm->brk = img.brk;
	err = build_stack(t, mm, &img, path, argv, envp, &sp);
	if (err)
		goto out_put_mm;
	/*
	 * Every program's first instructions fault on the text at its entry
	 * and on the page holding its program headers (libc reads AT_PHDR):
	 * map those now, with their fault-around, so the first run of the new
	 * mm's stub maps them in the same batch as the stack. Failure here is
	 * not an error: the fault path will say what is wrong.
	 */
	mm_user_page(mm, img.entry, false);
	if (img.phdr)
		mm_user_page(mm, img.phdr, false);

	regs = cpu->regs(mm->cpu_main);
	if (!regs) {
		err = -EIO;
		goto out_put_mm;
	}
	regs->r15 = regs->r14 = regs->r13 = regs->r12 = regs->rbp = regs->rbx = 0;
	regs->r11 = regs->r10 = regs->r9 = regs->r8 = regs->rax = regs->rcx = 0;
	regs->rdx = regs->rsi = regs->rdi = 0;
	regs->rip = img.entry;
	regs->rsp = sp;
	regs->eflags = 0x202;
	regs->fs_base = regs->gs_base = 0;
	cpu->regs_changed(mm->cpu_main);

	acct_thread_retire(t);
	old = t->mm;
	/*
	 * A vfork child (or a thread) leaves a host process that lives on
	 * for others: its host thread there ends (or is parked for reuse).
	 */
	if (old && old->refcount > 1 && t->cpu)
		cpu->thread_exit(t->cpu);
	t->mm = mm;
	t->cpu = mm->cpu_main;
	mm->cpu_main = NULL;
	cpu->set_owner(t->cpu, t);
	if (old)
		mm_put(old);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	memset(t->comm, 0, sizeof(t->comm));
	strncpy(t->comm, base, sizeof(t->comm) - 1);
	t->mm->exe_file = f;	/* with our reference, kept from writers */
	return 0;

out_put_mm:
	mm_put(mm);
out_allow_write:
	file_allow_write(f);
out_put_file:
	file_put(f);
	return err;
}

static int exec_binary(struct task *t, const char *path, char *const argv[],
		       char *const envp[], int depth)
{
	/* a FIFO must not block exec */
	struct file *f = kernel_open(path, LINUX_O_RDONLY | LINUX_O_NONBLOCK, 0);

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	return exec_file(t, f, path, argv, envp, depth);
}

/* What follows a successful exec, whatever started it. */
static void exec_done(struct task *caller)
{
	/* The other threads go; a non-leader caller becomes the leader. */
	struct task *t = exec_de_thread(caller);

	memset(&t->altstack, 0, sizeof(t->altstack));	/* sigaltstack(2) */
	/* The point of no return is behind us: the new image runs. */
	if (t->files)
		files_close_on_exec(t->files);
	timers_exec(t);		/* POSIX timers go, alarm stays (execve(2)) */
	if (t->sighand->refcount > 1) {
		/* Threads shared the handlers; the new image gets its own. */
		struct sighand *sh = malloc(sizeof(*sh));

		if (sh) {
			*sh = *t->sighand;
			sh->refcount = 1;
			sighand_put(t->sighand);
			t->sighand = sh;
		}
	}
	for (int i = 0; i < LINUX_NSIG; i++) {
		if (t->sighand->action[i].sa_handler != LINUX_SIG_IGN)
			memset(&t->sighand->action[i], 0, sizeof(t->sighand->action[i]));
	}
	ident_exec(t);
	t->did_exec = true;
	t->clear_child_tid = 0;
	t->robust_list = 0;
	task_vfork_release(t);
	if (t != caller)
		kernel_start_task(t);	/* the caller is gone; its syscall returns nowhere */
}

/*
 * An empty argv becomes [""]: Linux (5.18 on) never starts a program with
 * argc 0, which programs reading argv[0] would take for the environment.
 */
static char *const empty_argv[] = { "", NULL };
#define NONEMPTY(argv) ((argv) && (argv)[0] ? (argv) : empty_argv)

int exec_task(struct task *t, const char *path, char *const argv[], char *const envp[])
{
	int err = exec_binary(t, path, NONEMPTY(argv), envp, 0);

	if (!err)
		exec_done(t);
	return err;
}

int exec_task_file(struct task *t, struct file *f, const char *name, char *const argv[],
		   char *const envp[])
{
	int err = exec_file(t, f, name, NONEMPTY(argv), envp, 0);

	if (!err)
		exec_done(t);
	return err;
}
