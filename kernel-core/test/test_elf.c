/*
 * Unit tests for the ELF loader (exec/elf.c): a real static executable
 * (the host's /bin/busybox) and a static-PIE built by gcc are mapped with
 * the right addresses, protections, file backing, zeroed bss and brk; a
 * small hand-written executable checks the same in detail, its
 * interpreter path, and each malformed header field on its own; and a
 * bounded mutation loop feeds damaged headers to the loader, which must
 * answer 0 or -errno and never crash. Each test runs in a fresh process
 * (Check forks) on its own physmem, VFS and a fake CPU back end that only
 * records the host-mapping changes it is handed.
 */
#include <check.h>
#include "unit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <umk/cpu.h>
#include <umk/errno.h>
#include <umk/exec.h>
#include <umk/frame.h>
#include <umk/mm.h>
#include <umk/task.h>
#include <umk/vfs_internal.h>
#include <umk/vma.h>
#include <uapi/linux_elf.h>
#include <uapi/linux_mman.h>

#define NFRAMES 4096

/* ---- a CPU back end that runs nothing and records host-mapping changes ---- */

struct cpu_mm {
	struct cpu_thread *main_thread;	/* freed with the mm, as a host process's threads die with it */
};
struct cpu_thread {
	int unused;
};

#define MAX_RECORDED 8192
static struct host_map_op recorded[MAX_RECORDED];
static unsigned nr_recorded;

static int fake_mm_create(struct cpu_mm **mm, struct cpu_thread **main_thread,
			  void *data, uint64_t data_off)
{
	*mm = calloc(1, sizeof(**mm));
	*main_thread = calloc(1, sizeof(**main_thread));
	if (!*mm || !*main_thread) {
		free(*mm);
		free(*main_thread);
		return -ENOMEM;
	}
	(*mm)->main_thread = *main_thread;
	return 0;
}

static void fake_mm_destroy(struct cpu_mm *mm)
{
	free(mm->main_thread);
	free(mm);
}

static int fake_mm_apply(struct cpu_mm *mm, struct cpu_thread *via,
			 const struct host_map_op *ops, unsigned n)
{
	for (unsigned i = 0; i < n && nr_recorded < MAX_RECORDED; i++)
		recorded[nr_recorded++] = ops[i];
	return 0;
}

static void fake_hwcap(uint64_t *hwcap, uint64_t *hwcap2)
{
	*hwcap = 0x178bfbff;
	*hwcap2 = 0x2;
}

static const struct cpu_ops fake_cpu = {
	.name = "fake",
	.mm_create = fake_mm_create,
	.mm_destroy = fake_mm_destroy,
	.mm_apply = fake_mm_apply,
	.hwcap = fake_hwcap,
};

static void setup(void)
{
	void *physmem = aligned_alloc(PAGE_SIZE, NFRAMES * PAGE_SIZE);

	ck_assert_ptr_nonnull(physmem);
	ck_assert_int_eq(frame_init(physmem, NFRAMES * PAGE_SIZE, NULL), 0);
	ck_assert_int_eq(vfs_init(), 0);
	current = task_alloc();
	current->fs = fs_create();
	current->files = files_create();
	cpu = &fake_cpu;
	nr_recorded = 0;
}

/* ---- helpers ---- */

/* Create (or replace the contents of) a tmpfs file holding buf. */
static void put_file_mode(const char *path, const void *buf, size_t len, unsigned mode)
{
	struct file *f = vfs_open(LINUX_AT_FDCWD, path,
				  LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC, mode);
	uint64_t pos = 0;

	ck_assert_msg(!IS_ERR(f), "create %s: %ld", path, PTR_ERR(f));
	while (pos < len) {
		struct iov_iter it;
		long r;

		iov_iter_kernel(&it, (char *)buf + pos, len - pos);
		r = vfs_write(f, &it, &pos);
		ck_assert_int_gt(r, 0);
	}
	file_put(f);
}

static void put_file(const char *path, const void *buf, size_t len)
{
	put_file_mode(path, buf, len, 0755);
}

/* The whole of a host file, malloc'd. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf;
	long n;

	ck_assert_msg(fp != NULL, "open %s", path);
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	ck_assert_int_gt(n, 0);
	rewind(fp);
	buf = malloc((size_t)n);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* Load the tmpfs file at path into a new mm; the mm is returned in *mmp. */
static int load_path(const char *path, struct mm **mmp, struct elf_image *img)
{
	struct file *f = kernel_open(path, LINUX_O_RDONLY, 0);
	struct mm *mm;
	int err;

	ck_assert_msg(!IS_ERR(f), "open %s: %ld", path, PTR_ERR(f));
	mm = mm_create();
	ck_assert(!IS_ERR(mm));
	err = elf_load(mm, f, img);
	file_put(f);	/* the VMAs hold their own references */
	*mmp = mm;
	return err;
}

static int load_buf(const void *buf, size_t len, struct mm **mmp, struct elf_image *img)
{
	put_file("/t", buf, len);
	return load_path("/t", mmp, img);
}

/* The byte at va as the guest would read it, or -1 if it could not. */
static int peek(struct mm *mm, uaddr_t va)
{
	const unsigned char *p = mm_user_page(mm, va, false);

	return p ? *p : -1;
}

static unsigned prot_of(uint32_t pflags)
{
	return ((pflags & LINUX_PF_R) ? LINUX_PROT_READ : 0) |
	       ((pflags & LINUX_PF_W) ? LINUX_PROT_WRITE : 0) |
	       ((pflags & LINUX_PF_X) ? LINUX_PROT_EXEC : 0);
}

/* Every VMA inside the guest's range, and every host mapping inside a VMA. */
static void check_mm_sane(struct mm *mm)
{
	struct vma *v;

	list_for_each_entry(v, &mm->vmas.list, node) {
		ck_assert_uint_ge(v->start, MMAP_MIN_ADDR);
		ck_assert_uint_le(v->end, TASK_SIZE);
		ck_assert_uint_lt(v->start, v->end);
	}
	ck_assert_int_eq(mm_flush(mm), 0);
	for (unsigned i = 0; i < nr_recorded; i++) {
		const struct host_map_op *op = &recorded[i];

		if (op->kind != HOST_MAP)
			continue;
		for (uaddr_t va = op->start; va < op->start + op->len; va += PAGE_SIZE)
			ck_assert_msg(vma_find(&mm->vmas, va), "host map %#lx outside any vma",
				      (unsigned long)va);
	}
}

/*
 * Check the PT_LOAD segments of the ELF file in buf against mm, loaded at
 * bias: each page of a segment lies in a VMA with the segment's
 * protection, file pages come from the file at the right offset and read
 * as its bytes, the rest of a writable segment's last file page and its
 * anonymous pages read as zeros. Returns the page-aligned end of the
 * highest segment.
 */
static uaddr_t check_segments(struct mm *mm, const unsigned char *buf, uaddr_t bias)
{
	const struct linux_elf64_ehdr *eh = (const void *)buf;
	uaddr_t top = 0;

	for (int i = 0; i < eh->e_phnum; i++) {
		const struct linux_elf64_phdr *p = (const void *)(buf + eh->e_phoff + i * sizeof(*p));
		uaddr_t start, file_end, mem_end;

		if (p->p_type != LINUX_PT_LOAD)
			continue;
		start = (p->p_vaddr + bias) & PAGE_MASK;
		file_end = PAGE_ALIGN(p->p_vaddr + bias + p->p_filesz);
		mem_end = PAGE_ALIGN(p->p_vaddr + bias + p->p_memsz);
		top = MAX(top, mem_end);
		for (uaddr_t va = start; va < mem_end; va += PAGE_SIZE) {
			struct vma *v = vma_find(&mm->vmas, va);

			ck_assert_msg(v != NULL, "segment %d: no vma at %#lx", i, (unsigned long)va);
			ck_assert_uint_eq(v->prot, prot_of(p->p_flags));
			if (va < file_end) {
				ck_assert_ptr_nonnull(v->file);
				ck_assert_uint_eq(v->pgoff + ((va - v->start) >> PAGE_SHIFT),
						  ((p->p_offset & PAGE_MASK) + (va - start)) >> PAGE_SHIFT);
			} else {
				ck_assert_ptr_null(v->file);
			}
		}
		/* the file's bytes, page by page */
		for (uint64_t off = 0; off < p->p_filesz;) {
			uaddr_t va = p->p_vaddr + bias + off;
			size_t n = MIN(PAGE_SIZE - (va & ~PAGE_MASK), p->p_filesz - off);
			const char *q = mm_user_page(mm, va, false);

			ck_assert_ptr_nonnull(q);
			ck_assert_msg(memcmp(q, buf + p->p_offset + off, n) == 0,
				      "segment %d differs at %#lx", i, (unsigned long)va);
			off += n;
		}
		if (!(p->p_flags & LINUX_PF_W) || p->p_memsz == p->p_filesz)
			continue;
		/* bss: the tail of the last file page, then anonymous pages */
		for (uaddr_t va = p->p_vaddr + bias + p->p_filesz; va < mem_end; va++)
			ck_assert_msg(peek(mm, va) == 0, "bss byte %#lx is not zero",
				      (unsigned long)va);
	}
	return top;
}

/* Where the loader should say the program headers are: PT_PHDR, else in a PT_LOAD. */
static uaddr_t expected_phdr(const unsigned char *buf, uaddr_t bias)
{
	const struct linux_elf64_ehdr *eh = (const void *)buf;
	const struct linux_elf64_phdr *ph = (const void *)(buf + eh->e_phoff);

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == LINUX_PT_PHDR)
			return ph[i].p_vaddr + bias;
	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == LINUX_PT_LOAD && eh->e_phoff >= ph[i].p_offset &&
		    eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
			return ph[i].p_vaddr + bias + eh->e_phoff - ph[i].p_offset;
	return 0;
}

/* Lowest page of the PT_LOAD segments. */
static uaddr_t load_low(const unsigned char *buf)
{
	const struct linux_elf64_ehdr *eh = (const void *)buf;
	const struct linux_elf64_phdr *ph = (const void *)(buf + eh->e_phoff);
	uaddr_t lo = UINT64_MAX;

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == LINUX_PT_LOAD)
			lo = MIN(lo, ph[i].p_vaddr & PAGE_MASK);
	return lo;
}

/* A whole executable checked: entry, phdr, segments, brk. */
static void check_image(struct mm *mm, const struct elf_image *img, const unsigned char *buf,
			uaddr_t bias)
{
	const struct linux_elf64_ehdr *eh = (const void *)buf;
	uaddr_t top;

	ck_assert_uint_eq(img->prog_entry, eh->e_entry + bias);
	ck_assert_uint_eq(img->phnum, eh->e_phnum);
	ck_assert_uint_eq(img->phdr, expected_phdr(buf, bias));
	ck_assert_uint_ne(img->phdr, 0);
	/* the headers are readable where AT_PHDR will point */
	for (size_t i = 0; i < eh->e_phnum * sizeof(struct linux_elf64_phdr); i++)
		ck_assert_int_eq(peek(mm, img->phdr + i), buf[eh->e_phoff + i]);
	top = check_segments(mm, buf, bias);
	ck_assert_uint_eq(img->brk & ~PAGE_MASK, 0);
	ck_assert_uint_ge(img->brk, top);
	check_mm_sane(mm);
}

/*
 * A small executable of our own, MINI_SIZE bytes:
 *   0x0000 ehdr, phdrs at 0x40: [0] text, [1] data, [2] PT_INTERP if asked
 *   0x00e8 "/ld.so\0" (the interpreter's name)
 *   0x0100 code (hlt), the entry point
 *   0x1010 data: 0x100 bytes of 0x55, then 0xaa to 0x2000 (not part of
 *          the segment: the loader must hide it as bss), zeros after.
 * text: R+X, offset 0, at base, 0x200 bytes.
 * data: R+W, offset 0x1010, at base + 0x201010, filesz 0x100, memsz 0x3000.
 */
#define MINI_SIZE 0x3000
#define MINI_BASE 0x400000ULL
#define DATA_OFF 0x1010
#define DATA_VA (0x201010ULL)
#define DATA_FILESZ 0x100
#define DATA_MEMSZ 0x3000
#define CODE_OFF 0x100
#define INTERP_OFF 0xe8
#define INTERP_NAME "/ld.so"

static unsigned char mini[MINI_SIZE];

static struct linux_elf64_ehdr *mini_eh(void)
{
	return (struct linux_elf64_ehdr *)mini;
}

static struct linux_elf64_phdr *mini_ph(int i)
{
	return (struct linux_elf64_phdr *)(mini + 0x40) + i;
}

static void build_mini(uint16_t type, uaddr_t base, bool interp)
{
	struct linux_elf64_ehdr *eh = mini_eh();

	memset(mini, 0, sizeof(mini));
	memcpy(eh->e_ident, LINUX_ELFMAG, 4);
	eh->e_ident[4] = LINUX_ELFCLASS64;
	eh->e_ident[5] = LINUX_ELFDATA2LSB;
	eh->e_ident[6] = LINUX_EV_CURRENT;
	eh->e_type = type;
	eh->e_machine = LINUX_EM_X86_64;
	eh->e_version = LINUX_EV_CURRENT;
	eh->e_entry = base + CODE_OFF;
	eh->e_phoff = 0x40;
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(struct linux_elf64_phdr);
	eh->e_phnum = interp ? 3 : 2;
	*mini_ph(0) = (struct linux_elf64_phdr){
		.p_type = LINUX_PT_LOAD, .p_flags = LINUX_PF_R | LINUX_PF_X,
		.p_offset = 0, .p_vaddr = base, .p_paddr = base,
		.p_filesz = 0x200, .p_memsz = 0x200, .p_align = PAGE_SIZE,
	};
	*mini_ph(1) = (struct linux_elf64_phdr){
		.p_type = LINUX_PT_LOAD, .p_flags = LINUX_PF_R | LINUX_PF_W,
		.p_offset = DATA_OFF, .p_vaddr = base + DATA_VA, .p_paddr = base + DATA_VA,
		.p_filesz = DATA_FILESZ, .p_memsz = DATA_MEMSZ, .p_align = PAGE_SIZE,
	};
	/* always written: a test may raise e_phnum to bring it in */
	*mini_ph(2) = (struct linux_elf64_phdr){
		.p_type = LINUX_PT_INTERP, .p_flags = LINUX_PF_R,
		.p_offset = INTERP_OFF, .p_vaddr = base + INTERP_OFF,
		.p_filesz = sizeof(INTERP_NAME), .p_memsz = sizeof(INTERP_NAME),
		.p_align = 1,
	};
	memcpy(mini + INTERP_OFF, INTERP_NAME, sizeof(INTERP_NAME));
	memset(mini + CODE_OFF, 0xf4, 0x100);
	memset(mini + DATA_OFF, 0x55, DATA_FILESZ);
	memset(mini + DATA_OFF + DATA_FILESZ, 0xaa, 0x2000 - DATA_OFF - DATA_FILESZ);
}

/* A copy of the small executable (ET_DYN: based at 0) as /ld.so. */
static void put_interp_mode(uint16_t type, unsigned mode)
{
	unsigned char save[MINI_SIZE];

	memcpy(save, mini, sizeof(save));
	build_mini(type, type == LINUX_ET_DYN ? 0 : MINI_BASE, false);
	put_file_mode(INTERP_NAME, mini, sizeof(mini), mode);
	memcpy(mini, save, sizeof(save));
}

static void put_interp(uint16_t type)
{
	put_interp_mode(type, 0755);
}

static int load_mini(struct mm **mmp, struct elf_image *img)
{
	return load_buf(mini, sizeof(mini), mmp, img);
}

/* ---- real executables ---- */

START_TEST(test_static_busybox)
{
	size_t len;
	unsigned char *buf = slurp("/bin/busybox", &len);
	const struct linux_elf64_ehdr *eh = (const void *)buf;
	struct elf_image img;
	struct mm *mm;
	bool hidden_bytes = false;

	ck_assert_int_eq(eh->e_type, LINUX_ET_EXEC);
	put_file("/busybox", buf, len);
	ck_assert_int_eq(load_path("/busybox", &mm, &img), 0);
	ck_assert_uint_eq(img.entry, eh->e_entry);
	ck_assert_uint_eq(img.interp_base, 0);
	check_image(mm, &img, buf, 0);
	/* the bss check above means something: the file has bytes there */
	for (int i = 0; i < eh->e_phnum; i++) {
		const struct linux_elf64_phdr *p = (const void *)(buf + eh->e_phoff + i * sizeof(*p));
		uint64_t end = p->p_offset + p->p_filesz;

		if (p->p_type != LINUX_PT_LOAD || !(p->p_flags & LINUX_PF_W) ||
		    p->p_memsz == p->p_filesz)
			continue;
		for (uint64_t o = end; o < MIN(PAGE_ALIGN(end), len); o++)
			hidden_bytes |= buf[o] != 0;
	}
	ck_assert_msg(hidden_bytes, "busybox has no file bytes after its data segment");
	mm_put(mm);
	free(buf);
}
END_TEST

static char pie_dir[64];
static char pie_path[128];

/* Build a static-PIE with the host's gcc, once for the test case. */
static void build_pie(void)
{
	char cmd[512];
	FILE *fp;

	snprintf(pie_dir, sizeof(pie_dir), "/tmp/umk-test-elf-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(pie_dir));
	snprintf(cmd, sizeof(cmd), "%s/pie.c", pie_dir);
	fp = fopen(cmd, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("int counter = 7;\nint main(void) { return counter - 7; }\n", fp);
	fclose(fp);
	snprintf(pie_path, sizeof(pie_path), "%s/pie", pie_dir);
	snprintf(cmd, sizeof(cmd), "gcc -static-pie -fPIE -O2 -o %s %s/pie.c", pie_path, pie_dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void remove_pie(void)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", pie_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_elf: could not remove %s\n", pie_dir);
}

START_TEST(test_static_pie)
{
	size_t len;
	unsigned char *buf = slurp(pie_path, &len);
	const struct linux_elf64_ehdr *eh = (const void *)buf;
	uaddr_t bias = ELF_ET_DYN_BASE - load_low(buf);
	struct elf_image img;
	struct mm *mm;

	ck_assert_int_eq(eh->e_type, LINUX_ET_DYN);
	put_file("/pie", buf, len);
	ck_assert_int_eq(load_path("/pie", &mm, &img), 0);
	ck_assert_uint_eq(img.entry, eh->e_entry + bias);
	ck_assert_uint_eq(img.prog_entry, img.entry);
	ck_assert_uint_eq(img.interp_base, 0);
	ck_assert_ptr_nonnull(vma_find(&mm->vmas, ELF_ET_DYN_BASE));
	ck_assert_ptr_null(vma_find(&mm->vmas, ELF_ET_DYN_BASE - PAGE_SIZE));
	check_image(mm, &img, buf, bias);
	mm_put(mm);
	free(buf);
}
END_TEST

/* The static-PIE as the interpreter of our small executable. */
START_TEST(test_interp_loaded)
{
	size_t len;
	unsigned char *buf = slurp(pie_path, &len);
	const struct linux_elf64_ehdr *eh = (const void *)buf;
	struct elf_image img;
	struct mm *mm;

	put_file(INTERP_NAME, buf, len);
	build_mini(LINUX_ET_EXEC, MINI_BASE, true);
	ck_assert_int_eq(load_mini(&mm, &img), 0);
	ck_assert_uint_eq(img.prog_entry, MINI_BASE + CODE_OFF);
	ck_assert_uint_ne(img.interp_base, 0);
	ck_assert_uint_eq(img.interp_base & ~PAGE_MASK, 0);
	ck_assert_uint_eq(img.entry, eh->e_entry + img.interp_base);
	ck_assert_uint_ge(img.interp_base + load_low(buf), MMAP_MIN_ADDR);
	ck_assert_uint_lt(img.interp_base, mm->mmap_base);
	check_segments(mm, buf, img.interp_base);
	check_image(mm, &img, mini, 0);
	mm_put(mm);
	free(buf);
}
END_TEST

/* ---- the small executable ---- */

START_TEST(test_mini_layout)
{
	struct elf_image img;
	struct mm *mm;
	struct vma *v;

	build_mini(LINUX_ET_EXEC, MINI_BASE, false);
	ck_assert_int_eq(load_mini(&mm, &img), 0);
	ck_assert_uint_eq(img.entry, MINI_BASE + CODE_OFF);
	ck_assert_uint_eq(img.phdr, MINI_BASE + 0x40);
	ck_assert_uint_eq(img.brk, PAGE_ALIGN(MINI_BASE + DATA_VA + DATA_MEMSZ));
	check_image(mm, &img, mini, 0);

	v = vma_find(&mm->vmas, MINI_BASE);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->start, MINI_BASE);
	ck_assert_uint_eq(v->end, MINI_BASE + PAGE_SIZE);
	ck_assert_uint_eq(v->prot, LINUX_PROT_READ | LINUX_PROT_EXEC);
	ck_assert_ptr_null(vma_find(&mm->vmas, MINI_BASE + PAGE_SIZE));
	ck_assert_int_eq(peek(mm, MINI_BASE + CODE_OFF), 0xf4);
	ck_assert_ptr_null(mm_user_page(mm, MINI_BASE, true));	/* text is not writable */
	/* data: the file's bytes, then zeros where the file holds 0xaa */
	ck_assert_int_eq(peek(mm, MINI_BASE + DATA_VA), 0x55);
	ck_assert_int_eq(peek(mm, MINI_BASE + DATA_VA + DATA_FILESZ - 1), 0x55);
	ck_assert_int_eq(peek(mm, MINI_BASE + DATA_VA + DATA_FILESZ), 0);
	ck_assert_int_eq(peek(mm, MINI_BASE + DATA_VA + 0x800), 0);
	/* the page cache is untouched by the zeroing */
	{
		struct file *f = kernel_open("/t", LINUX_O_RDONLY, 0);
		unsigned char c = 0;

		ck_assert(!IS_ERR(f));
		ck_assert_int_eq(kernel_read(f, &c, 1, DATA_OFF + DATA_FILESZ), 1);
		ck_assert_int_eq(c, 0xaa);
		file_put(f);
	}
	v = vma_find(&mm->vmas, MINI_BASE + DATA_VA + PAGE_SIZE);
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_null(v->file);
	ck_assert_ptr_null(vma_find(&mm->vmas, img.brk));
	mm_put(mm);
}
END_TEST

/* ET_DYN without an interpreter: the whole image moves to ELF_ET_DYN_BASE. */
START_TEST(test_mini_dyn)
{
	struct elf_image img;
	struct mm *mm;

	build_mini(LINUX_ET_DYN, 0, false);
	ck_assert_int_eq(load_mini(&mm, &img), 0);
	ck_assert_uint_eq(img.entry, ELF_ET_DYN_BASE + CODE_OFF);
	ck_assert_uint_eq(img.phdr, ELF_ET_DYN_BASE + 0x40);
	check_image(mm, &img, mini, ELF_ET_DYN_BASE);
	mm_put(mm);
}
END_TEST

/* An ET_DYN linked above 0 still has its lowest page at ELF_ET_DYN_BASE. */
START_TEST(test_mini_dyn_linked_high)
{
	const uaddr_t link = 0x10000;
	struct elf_image img;
	struct mm *mm;

	build_mini(LINUX_ET_DYN, link, false);
	ck_assert_int_eq(load_mini(&mm, &img), 0);
	ck_assert_uint_eq(img.entry, ELF_ET_DYN_BASE + CODE_OFF);
	check_image(mm, &img, mini, ELF_ET_DYN_BASE - link);
	ck_assert_ptr_nonnull(vma_find(&mm->vmas, ELF_ET_DYN_BASE));
	ck_assert_ptr_null(vma_find(&mm->vmas, ELF_ET_DYN_BASE - PAGE_SIZE));
	mm_put(mm);
}
END_TEST

/* A segment with no file bytes at an unaligned address: its first page is bss too. */
START_TEST(test_bss_only_segment)
{
	struct elf_image img;
	struct mm *mm;
	struct vma *v;

	build_mini(LINUX_ET_EXEC, MINI_BASE, false);
	mini_ph(1)->p_filesz = 0;
	ck_assert_int_eq(load_mini(&mm, &img), 0);
	v = vma_find(&mm->vmas, MINI_BASE + (DATA_VA & PAGE_MASK));
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_null(v->file);
	ck_assert_uint_eq(v->start, MINI_BASE + (DATA_VA & PAGE_MASK));
	ck_assert_uint_eq(v->end, PAGE_ALIGN(MINI_BASE + DATA_VA + DATA_MEMSZ));
	ck_assert_int_eq(peek(mm, MINI_BASE + DATA_VA), 0);
	ck_assert_uint_eq(img.brk, v->end);
	mm_put(mm);
}
END_TEST

/* VMA protection follows p_flags bit by bit, for every combination. */
START_TEST(test_prot_from_flags)
{
	const uint32_t flags = (uint32_t)_i;
	unsigned want = prot_of(flags);
	struct elf_image img;
	struct mm *mm;
	struct vma *v;

	build_mini(LINUX_ET_EXEC, MINI_BASE, false);
	mini_ph(0)->p_flags = flags;
	mini_ph(1)->p_flags = flags;
	ck_assert_int_eq(load_mini(&mm, &img), 0);
	v = vma_find(&mm->vmas, MINI_BASE);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->prot, want);
	v = vma_find(&mm->vmas, MINI_BASE + DATA_VA);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->prot, want);
	ck_assert_ptr_nonnull(v->file);
	v = vma_find(&mm->vmas, MINI_BASE + DATA_VA + PAGE_SIZE);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->prot, want);
	ck_assert_ptr_null(v->file);
	if (flags & LINUX_PF_W) {
		/* writable, even without PF_R: the bss tail was zeroed */
		const unsigned char *p = mm_user_page(mm, MINI_BASE + DATA_VA + DATA_FILESZ, true);

		ck_assert_ptr_nonnull(p);
		ck_assert_int_eq(p[0], 0);
		ck_assert_int_eq(p[0x10], 0);
	}
	if (!(flags & LINUX_PF_R) && !(flags & LINUX_PF_W) && !(flags & LINUX_PF_X))
		ck_assert_ptr_null(mm_user_page(mm, MINI_BASE, false));
	mm_put(mm);
}
END_TEST

/* The interpreter must be ET_DYN (an ET_EXEC one would collide with the program). */
START_TEST(test_interp_not_dyn)
{
	struct elf_image img;
	struct mm *mm;

	build_mini(LINUX_ET_EXEC, MINI_BASE, true);
	put_interp(LINUX_ET_EXEC);
	ck_assert_int_eq(load_mini(&mm, &img), -ELIBBAD);
	mm_put(mm);
}
END_TEST

/*
 * The interpreter is opened as execve(2) opens a program: it must be a
 * regular file (a directory, device or FIFO is EACCES) with execute
 * permission (EACCES without, even for root).
 */
START_TEST(test_interp_not_regular)
{
	struct elf_image img;
	struct mm *mm;

	build_mini(LINUX_ET_EXEC, MINI_BASE, true);
	ck_assert_int_eq(vfs_mkdir(LINUX_AT_FDCWD, INTERP_NAME, 0755), 0);
	ck_assert_int_eq(load_mini(&mm, &img), -EACCES);
	mm_put(mm);
}
END_TEST

START_TEST(test_interp_not_executable)
{
	struct elf_image img;
	struct mm *mm;

	build_mini(LINUX_ET_EXEC, MINI_BASE, true);
	put_interp_mode(LINUX_ET_DYN, 0644);
	ck_assert_int_eq(load_mini(&mm, &img), -EACCES);
	mm_put(mm);
	ck_assert_int_eq(vfs_unlink(LINUX_AT_FDCWD, INTERP_NAME), 0);
	put_interp_mode(LINUX_ET_DYN, 0700);	/* one x bit is enough for root */
	ck_assert_int_eq(load_mini(&mm, &img), 0);
	mm_put(mm);
}
END_TEST

/* The largest header table allowed loads (the extra entries are PT_NULL). */
START_TEST(test_phnum_max)
{
	struct elf_image img;
	struct mm *mm;

	build_mini(LINUX_ET_EXEC, MINI_BASE, false);
	mini_eh()->e_phnum = ELF_MAX_PHNUM;
	/* clear what the extra entries would overlap: code and data bytes */
	memset(mini + 0x40 + 2 * sizeof(struct linux_elf64_phdr), 0,
	       ELF_MAX_PHNUM * sizeof(struct linux_elf64_phdr) - 2 * sizeof(struct linux_elf64_phdr));
	ck_assert_int_eq(load_mini(&mm, &img), 0);
	ck_assert_uint_eq(img.phnum, ELF_MAX_PHNUM);
	mm_put(mm);
	/* one more is refused, though the file holds it */
	mini_eh()->e_phnum = ELF_MAX_PHNUM + 1;
	ck_assert_int_eq(load_mini(&mm, &img), -ENOEXEC);
	mm_put(mm);
}
END_TEST

/* A segment may end exactly at TASK_SIZE. */
START_TEST(test_segment_at_task_size)
{
	struct elf_image img;
	struct mm *mm;

	build_mini(LINUX_ET_EXEC, MINI_BASE, false);
	mini_ph(1)->p_vaddr = TASK_SIZE - DATA_MEMSZ;
	mini_ph(1)->p_vaddr += DATA_OFF & ~PAGE_MASK;
	mini_ph(1)->p_memsz = DATA_MEMSZ - (DATA_OFF & ~PAGE_MASK);
	ck_assert_int_eq(load_mini(&mm, &img), 0);
	ck_assert_uint_eq(img.brk, TASK_SIZE);
	ck_assert_int_eq(peek(mm, TASK_SIZE - 1), 0);
	mm_put(mm);
}
END_TEST

/* ---- malformed headers, one field each ---- */

struct bad_case {
	const char *what;
	void (*spoil)(void);
	int err;
};

static void bad_magic(void) { mini[1] = 'F'; }
static void bad_class32(void) { mini[4] = 1; }
static void bad_bigendian(void) { mini[5] = 2; }
static void bad_machine(void) { mini_eh()->e_machine = 183; }	/* EM_AARCH64 */
static void bad_type_rel(void) { mini_eh()->e_type = 1; }	/* ET_REL */
static void bad_type_core(void) { mini_eh()->e_type = 4; }	/* ET_CORE */
static void bad_phentsize(void) { mini_eh()->e_phentsize = 32; }
static void bad_phnum0(void) { mini_eh()->e_phnum = 0; }
static void bad_phnum_big(void) { mini_eh()->e_phnum = 0xffff; }
static void bad_phoff_eof(void)
{
	/* the first entry is whole (and loadable), the second is cut off */
	mini_eh()->e_phoff = MINI_SIZE - sizeof(struct linux_elf64_phdr);
	memcpy(mini + mini_eh()->e_phoff, mini_ph(0), sizeof(struct linux_elf64_phdr));
}

static void bad_phoff_huge(void) { mini_eh()->e_phoff = UINT64_MAX - 8; }
static void bad_no_load(void) { mini_ph(0)->p_type = mini_ph(1)->p_type = LINUX_PT_NOTE; }
static void bad_filesz(void) { mini_ph(1)->p_memsz = DATA_FILESZ - 1; }
static void bad_offset_eof(void) { mini_ph(1)->p_filesz = MINI_SIZE; mini_ph(1)->p_memsz = MINI_SIZE; }

static void bad_offset_wrap(void)
{
	mini_ph(1)->p_offset = 0xfffffffffffff010ULL;	/* same page offset as p_vaddr */
	mini_ph(1)->p_filesz = PAGE_SIZE;
}

static void bad_vaddr_wrap(void) { mini_ph(1)->p_vaddr = 0xfffffffffffff010ULL; }
static void bad_memsz_wrap(void) { mini_ph(1)->p_memsz = UINT64_MAX - 0x1000; }

static void bad_above_task(void)
{
	mini_ph(1)->p_vaddr = TASK_SIZE - PAGE_SIZE + (DATA_OFF & ~PAGE_MASK);
}

static void bad_page_offset(void) { mini_ph(1)->p_vaddr += 0x10; }
static void bad_below_min(void) { mini_ph(0)->p_vaddr = 0; }
static void bad_interp_missing(void) { mini_eh()->e_phnum = 3; }
static void bad_interp_no_nul(void) { mini_eh()->e_phnum = 3; mini_ph(2)->p_filesz--; }
static void bad_interp_empty(void)
{
	mini_eh()->e_phnum = 3;
	mini_ph(2)->p_offset = INTERP_OFF + sizeof(INTERP_NAME) - 1;	/* just the NUL */
	mini_ph(2)->p_filesz = 1;
}

static void bad_interp_huge(void) { mini_eh()->e_phnum = 3; mini_ph(2)->p_filesz = 1 << 20; }

static void bad_interp_eof(void)
{
	mini_eh()->e_phnum = 3;
	mini_ph(2)->p_offset = MINI_SIZE - 4;
}

static void bad_dyn_high(void)
{
	/* ET_DYN placed at ELF_ET_DYN_BASE cannot end above TASK_SIZE */
	mini_eh()->e_type = LINUX_ET_DYN;
	mini_ph(0)->p_vaddr = 0;
	mini_ph(1)->p_vaddr = TASK_SIZE - PAGE_SIZE * 4 + (DATA_OFF & ~PAGE_MASK);
}

static const struct bad_case bad_cases[] = {
	{ "bad magic", bad_magic, -ENOEXEC },
	{ "ELFCLASS32", bad_class32, -ENOEXEC },
	{ "big-endian", bad_bigendian, -ENOEXEC },
	{ "EM_AARCH64", bad_machine, -ENOEXEC },
	{ "ET_REL", bad_type_rel, -ENOEXEC },
	{ "ET_CORE", bad_type_core, -ENOEXEC },
	{ "e_phentsize 32", bad_phentsize, -ENOEXEC },
	{ "e_phnum 0", bad_phnum0, -ENOEXEC },
	{ "e_phnum 0xffff", bad_phnum_big, -ENOEXEC },
	{ "phdrs past the end", bad_phoff_eof, -ENOEXEC },
	{ "e_phoff near 2^64", bad_phoff_huge, -ENOEXEC },
	{ "no PT_LOAD", bad_no_load, -ENOEXEC },
	{ "p_filesz > p_memsz", bad_filesz, -EINVAL },
	{ "p_offset+p_filesz past the end", bad_offset_eof, -EINVAL },
	{ "p_offset+p_filesz wraps", bad_offset_wrap, -EINVAL },
	{ "p_vaddr+p_memsz wraps (vaddr)", bad_vaddr_wrap, -EINVAL },
	{ "p_vaddr+p_memsz wraps (memsz)", bad_memsz_wrap, -EINVAL },
	{ "segment above TASK_SIZE", bad_above_task, -EINVAL },
	{ "p_vaddr/p_offset page offsets differ", bad_page_offset, -EINVAL },
	{ "segment below MMAP_MIN_ADDR", bad_below_min, -ENOMEM },
	{ "PT_INTERP names a missing file", bad_interp_missing, -ENOENT },
	{ "PT_INTERP not NUL-terminated", bad_interp_no_nul, -ENOEXEC },
	{ "PT_INTERP of one byte", bad_interp_empty, -ENOEXEC },
	{ "PT_INTERP of 1 MiB", bad_interp_huge, -ENOEXEC },
	{ "PT_INTERP past the end", bad_interp_eof, -ENOEXEC },
	{ "ET_DYN too large for its base", bad_dyn_high, -ENOMEM },
};
#define NR_BAD_CASES ((int)(sizeof(bad_cases) / sizeof(bad_cases[0])))

START_TEST(test_malformed)
{
	const struct bad_case *c = &bad_cases[_i];
	struct elf_image img;
	struct mm *mm;
	int err;

	build_mini(LINUX_ET_EXEC, MINI_BASE, false);
	c->spoil();
	memset(&img, 0x5a, sizeof(img));
	err = load_mini(&mm, &img);
	ck_assert_msg(err == c->err, "%s: got %d, want %d", c->what, err, c->err);
	mm_put(mm);
}
END_TEST

START_TEST(test_truncated_header)
{
	struct elf_image img;
	struct mm *mm;

	build_mini(LINUX_ET_EXEC, MINI_BASE, false);
	for (size_t n = 0; n < sizeof(struct linux_elf64_ehdr); n += 7) {
		ck_assert_int_eq(load_buf(mini, n, &mm, &img), -ENOEXEC);
		mm_put(mm);
	}
}
END_TEST

/* ---- mutations ---- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static const uint64_t interesting[] = {
	0, 1, 0xfff, 0x1000, 0x7fffffff, 0xffffffff, TASK_SIZE, TASK_SIZE - PAGE_SIZE,
	ELF_ET_DYN_BASE, 1ULL << 47, 0x8000000000000000ULL, UINT64_MAX - 0xfff, UINT64_MAX,
};

#define MUTATIONS 2000

/*
 * Damage the first 256 bytes of the small executable (with an interpreter
 * that exists) in random ways: byte flips, and 8-byte fields set to edge
 * values. Every load ends with 0 or -errno, every success leaves a sane
 * mm, and no frame outlives its mm.
 */
START_TEST(test_mutations)
{
	unsigned char base[MINI_SIZE];
	unsigned ok = 0, failed = 0;
	uint64_t free_frames = 0;

	build_mini(LINUX_ET_EXEC, MINI_BASE, true);
	put_interp(LINUX_ET_DYN);
	memcpy(base, mini, sizeof(base));
	rng_state = 0x9e3779b97f4a7c15ULL;
	for (int iter = 0; iter < MUTATIONS; iter++) {
		struct elf_image img;
		struct mm *mm;
		unsigned n = 1 + rng() % 4;
		int err;

		memcpy(mini, base, sizeof(mini));
		for (unsigned k = 0; k < n; k++) {
			unsigned at = rng() % 256;

			if (rng() % 2) {
				uint64_t v = interesting[rng() % (sizeof(interesting) / sizeof(interesting[0]))];

				at &= ~7u;
				memcpy(mini + at, &v, sizeof(v));
			} else {
				mini[at] ^= (unsigned char)(1 + rng() % 255);
			}
		}
		nr_recorded = 0;
		err = load_mini(&mm, &img);
		ck_assert_msg(err == 0 || (err < 0 && err > -4096), "iteration %d: %d", iter, err);
		if (err == 0) {
			ok++;
			check_mm_sane(mm);
			ck_assert_uint_eq(img.brk & ~PAGE_MASK, 0);
		} else {
			failed++;
		}
		mm_put(mm);
		if (iter == 0)
			free_frames = frame_free_count();
		else
			ck_assert_msg(frame_free_count() == free_frames,
				      "iteration %d: %llu frames free, was %llu", iter,
				      (unsigned long long)frame_free_count(),
				      (unsigned long long)free_frames);
	}
	/* the loop exercised both outcomes */
	ck_assert_uint_gt(ok, 0);
	ck_assert_uint_gt(failed, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("elf");
	TCase *real = tcase_create("real");
	TCase *mini_tc = tcase_create("mini");
	TCase *fuzz = tcase_create("mutations");

	tcase_add_unchecked_fixture(real, build_pie, remove_pie);
	tcase_add_checked_fixture(real, setup, NULL);
	tcase_set_timeout(real, 60);
	tcase_add_test(real, test_static_busybox);
	tcase_add_test(real, test_static_pie);
	tcase_add_test(real, test_interp_loaded);
	suite_add_tcase(s, real);

	tcase_add_checked_fixture(mini_tc, setup, NULL);
	tcase_add_test(mini_tc, test_mini_layout);
	tcase_add_test(mini_tc, test_mini_dyn);
	tcase_add_test(mini_tc, test_mini_dyn_linked_high);
	tcase_add_loop_test(mini_tc, test_prot_from_flags, 0, 8);
	tcase_add_test(mini_tc, test_bss_only_segment);
	tcase_add_test(mini_tc, test_interp_not_dyn);
	tcase_add_test(mini_tc, test_interp_not_regular);
	tcase_add_test(mini_tc, test_interp_not_executable);
	tcase_add_test(mini_tc, test_phnum_max);
	tcase_add_test(mini_tc, test_segment_at_task_size);
	tcase_add_loop_test(mini_tc, test_malformed, 0, NR_BAD_CASES);
	tcase_add_test(mini_tc, test_truncated_header);
	suite_add_tcase(s, mini_tc);

	tcase_add_checked_fixture(fuzz, setup, NULL);
	tcase_set_timeout(fuzz, 300);
	tcase_add_test(fuzz, test_mutations);
	suite_add_tcase(s, fuzz);

	return unit_run(s);
}
