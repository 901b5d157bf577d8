/*
 * Program loading: the ELF loader and the initial process image.
 */
#ifndef UMK_EXEC_H
#define UMK_EXEC_H

#include <umk/types.h>

struct mm;
struct file;
struct task;

/* What the loader learned, for the entry registers and the auxv. */
struct elf_image {
	uaddr_t entry;		/* where to start: the interpreter's entry if any */
	uaddr_t prog_entry;	/* the program's own entry (AT_ENTRY) */
	uaddr_t phdr;		/* program headers in memory (AT_PHDR), or 0 */
	uint64_t phnum;
	uaddr_t interp_base;	/* AT_BASE: the interpreter's load bias, or 0 */
	uaddr_t brk;		/* end of the highest segment, page aligned */
};

#define ELF_MAX_PHNUM 128

/*
 * Map the ELF executable f into mm (an empty address space), with its
 * interpreter if it names one. Returns 0, -ENOEXEC for something that is
 * not an x86-64 ELF executable, -EINVAL/-ENOMEM for a malformed or
 * too-large one, or another -errno.
 */
int elf_load(struct mm *mm, struct file *f, struct elf_image *img);

/* Limits of execve (man 2 execve). */
#define MAX_ARG_STRLEN (32 * 4096)
#define MAX_ARG_STRINGS 0x7fffffff

/*
 * exec_task() (declared in task.h) replaces t's program with the executable
 * or #! script at path; arguments are kernel strings. On success t has a new
 * mm and host thread with registers set for the entry point, close-on-exec
 * fds are closed and caught signals reset; on failure t is unchanged.
 */

struct task;
/*
 * exec_task_file(): the same for an executable already open as f (execveat),
 * known to scripts' interpreters as name. Takes over the reference on f.
 */
int exec_task_file(struct task *t, struct file *f, const char *name, char *const argv[],
		   char *const envp[]);

#endif
