/*
 * The auxiliary vector an ELF program starts with: page size, entry point
 * (= _start), program headers that describe this very binary, a readable
 * AT_RANDOM, no interpreter base, ids matching the syscalls, AT_SECURE 0,
 * AT_EXECFN naming the program, and the vector lying right after envp.
 */
#include "guest.h"
#include <elf.h>
#include <sys/auxv.h>

extern char _start[];
extern char **environ;

int main(int argc, char **argv)
{
	const Elf64_Phdr *ph;
	const unsigned char *rnd;
	const char *execfn, *base0, *base1;
	unsigned long i, phnum, covers_main = 0, nonzero = 0, loads = 0;
	unsigned long *av;
	char **e;

	CHECK_EQ(getauxval(AT_PAGESZ), 4096);
	CHECK_EQ(sysconf(_SC_PAGESIZE), 4096);
	CHECK_EQ(getauxval(AT_ENTRY), (uintptr_t)_start);
	CHECK_EQ(getauxval(AT_BASE), 0);
	CHECK_EQ(getauxval(AT_FLAGS), 0);
	CHECK_EQ(getauxval(AT_SECURE), 0);
	CHECK_EQ(getauxval(AT_CLKTCK), 100);
	CHECK_EQ(getauxval(AT_UID), getuid());
	CHECK_EQ(getauxval(AT_EUID), geteuid());
	CHECK_EQ(getauxval(AT_GID), getgid());
	CHECK_EQ(getauxval(AT_EGID), getegid());
	CHECK(getauxval(AT_HWCAP) != 0);
	CHECK(getauxval(AT_PLATFORM) != 0);
	if (getauxval(AT_PLATFORM))
		CHECK_STR((const char *)getauxval(AT_PLATFORM), "x86_64");

	rnd = (const unsigned char *)getauxval(AT_RANDOM);
	CHECK(rnd != NULL);
	if (rnd) {
		for (i = 0; i < 16; i++)
			nonzero += rnd[i] != 0;
		CHECK(nonzero > 0);
	}

	CHECK_EQ(getauxval(AT_PHENT), sizeof(Elf64_Phdr));
	phnum = getauxval(AT_PHNUM);
	CHECK(phnum > 0 && phnum < 64);
	ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	CHECK(ph != NULL);
	for (i = 0; ph && i < phnum && i < 64; i++) {
		if (ph[i].p_type == PT_PHDR)
			CHECK_EQ(ph[i].p_vaddr, (uintptr_t)ph);
		if (ph[i].p_type != PT_LOAD)
			continue;
		loads++;
		if ((uintptr_t)main >= ph[i].p_vaddr &&
		    (uintptr_t)main < ph[i].p_vaddr + ph[i].p_memsz) {
			covers_main++;
			CHECK(ph[i].p_flags & PF_X);
		}
	}
	CHECK(loads > 0);
	CHECK_EQ(covers_main, 1);

	execfn = (const char *)getauxval(AT_EXECFN);
	CHECK(execfn != NULL);
	if (execfn && argc > 0) {
		base0 = strrchr(execfn, '/');
		base1 = strrchr(argv[0], '/');
		CHECK_STR(base0 ? base0 + 1 : execfn, base1 ? base1 + 1 : argv[0]);
	}

	/* Layout: argv, NULL, envp, NULL, auxv pairs ending in AT_NULL. */
	CHECK(argv[argc] == NULL);
	CHECK(environ == argv + argc + 1);
	for (e = environ, i = 0; *e && i < 10000; e++, i++)
		;
	av = (unsigned long *)(e + 1);
	for (i = 0; av[2 * i] != AT_NULL && i < 100; i++)
		if (av[2 * i] == AT_PAGESZ)
			CHECK_EQ(av[2 * i + 1], 4096);
	CHECK_EQ(av[2 * i], AT_NULL);
	return report();
}
