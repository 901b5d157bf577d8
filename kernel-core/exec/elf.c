/*
 * The ELF64 loader: static, static-PIE and (with PT_INTERP) dynamically
 * linked x86-64 executables, mapped from the page cache (elf(5)).
 *
 * Every header field comes from a file the guest controls: offsets, sizes
 * and addresses are checked for overflow and against TASK_SIZE before use.
 */
#include <stdlib.h>
#include <string.h>

#include <umk/errno.h>
#include <umk/exec.h>
#include <umk/mm.h>
#include <umk/printk.h>
#include <umk/vfs.h>
#include <uapi/linux_elf.h>
#include <uapi/linux_fcntl.h>
#include <uapi/linux_mman.h>
#include <uapi/linux_stat.h>

struct elf_file {
	struct linux_elf64_ehdr eh;
	struct linux_elf64_phdr *ph;
};

static int read_headers(struct file *f, struct elf_file *ef)
{
	size_t size;
	long r;

	r = kernel_read(f, &ef->eh, sizeof(ef->eh), 0);
	if (r < 0)
		return (int)r;
	if ((size_t)r < sizeof(ef->eh) || memcmp(ef->eh.e_ident, LINUX_ELFMAG, 4))
		return -ENOEXEC;
	if (ef->eh.e_ident[4] != LINUX_ELFCLASS64 || ef->eh.e_ident[5] != LINUX_ELFDATA2LSB ||
	    ef->eh.e_machine != LINUX_EM_X86_64 ||
	    (ef->eh.e_type != LINUX_ET_EXEC && ef->eh.e_type != LINUX_ET_DYN))
		return -ENOEXEC;
	if (ef->eh.e_phentsize != sizeof(struct linux_elf64_phdr) || ef->eh.e_phnum == 0 ||
	    ef->eh.e_phnum > ELF_MAX_PHNUM)
		return -ENOEXEC;
	size = (size_t)ef->eh.e_phnum * sizeof(struct linux_elf64_phdr);
	ef->ph = malloc(size);
	if (!ef->ph)
		return -ENOMEM;
	r = kernel_read(f, ef->ph, size, ef->eh.e_phoff);
	if (r < 0 || (size_t)r != size) {
		free(ef->ph);
		ef->ph = NULL;
		return r < 0 ? (int)r : -ENOEXEC;
	}
	return 0;
}

static unsigned segment_prot(uint32_t flags)
{
	return ((flags & LINUX_PF_R) ? LINUX_PROT_READ : 0) |
	       ((flags & LINUX_PF_W) ? LINUX_PROT_WRITE : 0) |
	       ((flags & LINUX_PF_X) ? LINUX_PROT_EXEC : 0);
}

/* The span [lo, hi) of the PT_LOAD segments, checked. */
static int load_span(const struct elf_file *ef, uaddr_t *lo, uaddr_t *hi)
{
	uaddr_t l = UINT64_MAX, h = 0;

	for (int i = 0; i < ef->eh.e_phnum; i++) {
		const struct linux_elf64_phdr *p = &ef->ph[i];

		if (p->p_type != LINUX_PT_LOAD)
			continue;
		if (p->p_filesz > p->p_memsz || p->p_vaddr + p->p_memsz < p->p_vaddr ||
		    p->p_offset + p->p_filesz < p->p_offset ||
		    (p->p_vaddr & ~PAGE_MASK) != (p->p_offset & ~PAGE_MASK) ||
		    p->p_vaddr + p->p_memsz > TASK_SIZE)
			return -EINVAL;
		l = MIN(l, p->p_vaddr & PAGE_MASK);
		h = MAX(h, PAGE_ALIGN(p->p_vaddr + p->p_memsz));
	}
	if (l >= h)
		return -ENOEXEC;
	*lo = l;
	*hi = h;
	return 0;
}

/* Pages of a segment exec maps at once when the cache holds them. */
#define PREFAULT_MAX 1024

/* Map every PT_LOAD at bias. Returns 0 or -errno. */
static int map_segments(struct mm *mm, struct file *f, const struct elf_file *ef,
			uaddr_t bias, uaddr_t *brk, bool is_exe)
{
	uint64_t fsize = file_size(f);

	for (int i = 0; i < ef->eh.e_phnum; i++) {
		const struct linux_elf64_phdr *p = &ef->ph[i];
		uaddr_t start = (p->p_vaddr + bias) & PAGE_MASK;
		uaddr_t file_end = PAGE_ALIGN(p->p_vaddr + bias + p->p_filesz);
		uaddr_t mem_end = PAGE_ALIGN(p->p_vaddr + bias + p->p_memsz);
		unsigned prot = segment_prot(p->p_flags);
		long r;

		if (p->p_type != LINUX_PT_LOAD)
			continue;
		if (p->p_offset + p->p_filesz > fsize)
			return -EINVAL;
		if (p->p_filesz) {
			r = mm_map(mm, start, file_end - start, prot, 0, true, f,
				   (p->p_offset & PAGE_MASK) >> PAGE_SHIFT);
			if (r < 0)
				return (int)r;
			/*
			 * The program's own data pages are copied now rather than
			 * at their first write: no one can write the file while it
			 * runs (ETXTBSY), so nobody can tell.
			 */
			mm_prefault_cached(mm, start, file_end, PREFAULT_MAX,
					   is_exe && (prot & LINUX_PROT_WRITE));
		}
		/* The rest of the last file page is bss: it must read as zeros. */
		if (p->p_memsz > p->p_filesz && (prot & LINUX_PROT_WRITE) &&
		    ((p->p_vaddr + bias + p->p_filesz) & ~PAGE_MASK) && p->p_filesz) {
			uaddr_t z = p->p_vaddr + bias + p->p_filesz;
			char *page = mm_user_page(mm, z, true);

			if (!page)
				return -EFAULT;
			memset(page, 0, PAGE_SIZE - (z & ~PAGE_MASK));
		}
		if (mem_end > file_end) {
			uaddr_t a = p->p_filesz ? file_end : start;

			r = mm_map(mm, a, mem_end - a, prot, 0, true, NULL, 0);
			if (r < 0)
				return (int)r;
			/* and the first window of bss now, rather than at the first write */
			if (prot & LINUX_PROT_WRITE)
				mm_user_page(mm, a, true);
		}
		*brk = MAX(*brk, mem_end);
	}
	return 0;
}

static int load_interp(struct mm *mm, const char *path, uaddr_t *base, uaddr_t *entry)
{
	struct elf_file ef = { 0 };
	struct file *f;
	uaddr_t lo, hi, bias, brk = 0;
	int err;

	f = kernel_open(path, LINUX_O_RDONLY | LINUX_O_NONBLOCK, 0);	/* a FIFO must not block exec */
	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	/* Opened as execve(2) opens a program: a regular file we may execute. */
	err = LINUX_S_ISREG(file_mode(f)) ? file_permission(f, LINUX_X_OK) : -EACCES;
	if (!err)
		err = file_deny_write(f);	/* only while loading, as on Linux */
	if (err)
		goto out_put_file;
	err = read_headers(f, &ef);
	if (err)
		goto out;
	err = ef.eh.e_type == LINUX_ET_DYN ? load_span(&ef, &lo, &hi) : -ELIBBAD;
	if (err)
		goto out;
	bias = vma_find_gap(&mm->vmas, hi - lo, MMAP_MIN_ADDR, mm->mmap_base);
	if (!bias) {
		err = -ENOMEM;
		goto out;
	}
	bias -= lo;
	err = map_segments(mm, f, &ef, bias, &brk, false);
	*base = bias;
	*entry = ef.eh.e_entry + bias;
out:
	free(ef.ph);
	file_allow_write(f);
out_put_file:
	file_put(f);
	return err;
}

int elf_load(struct mm *mm, struct file *f, struct elf_image *img)
{
	struct elf_file ef = { 0 };
	uaddr_t lo, hi, bias = 0, brk = 0;
	char *interp = NULL;
	int err;

	memset(img, 0, sizeof(*img));
	err = read_headers(f, &ef);
	if (err)
		return err;
	err = load_span(&ef, &lo, &hi);
	if (err)
		goto out;
	for (int i = 0; i < ef.eh.e_phnum; i++) {
		const struct linux_elf64_phdr *p = &ef.ph[i];

		if (p->p_type != LINUX_PT_INTERP || interp)
			continue;
		if (p->p_filesz < 2 || p->p_filesz > 4096) {
			err = -ENOEXEC;
			goto out;
		}
		interp = calloc(1, p->p_filesz + 1);
		if (!interp) {
			err = -ENOMEM;
			goto out;
		}
		if (kernel_read(f, interp, p->p_filesz, p->p_offset) != (long)p->p_filesz ||
		    interp[p->p_filesz - 1] != '\0') {
			err = -ENOEXEC;
			goto out;
		}
	}
	if (ef.eh.e_type == LINUX_ET_DYN)
		bias = ELF_ET_DYN_BASE - lo;
	if (hi + bias > TASK_SIZE || hi + bias < hi) {
		err = -ENOMEM;
		goto out;
	}
	err = map_segments(mm, f, &ef, bias, &brk, true);
	if (err)
		goto out;

	img->prog_entry = ef.eh.e_entry + bias;
	img->entry = img->prog_entry;
	img->phnum = ef.eh.e_phnum;
	img->brk = brk;
	for (int i = 0; i < ef.eh.e_phnum; i++) {
		const struct linux_elf64_phdr *p = &ef.ph[i];

		if (p->p_type == LINUX_PT_PHDR)
			img->phdr = p->p_vaddr + bias;
	}
	if (!img->phdr) {
		/* No PT_PHDR: find the headers inside a loaded segment. */
		for (int i = 0; i < ef.eh.e_phnum; i++) {
			const struct linux_elf64_phdr *p = &ef.ph[i];

			if (p->p_type == LINUX_PT_LOAD && ef.eh.e_phoff >= p->p_offset &&
			    ef.eh.e_phoff < p->p_offset + p->p_filesz) {
				img->phdr = p->p_vaddr + bias + (ef.eh.e_phoff - p->p_offset);
				break;
			}
		}
	}
	if (interp)
		err = load_interp(mm, interp, &img->interp_base, &img->entry);
out:
	free(interp);
	free(ef.ph);
	return err;
}
