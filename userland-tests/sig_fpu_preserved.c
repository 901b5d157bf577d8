/*
 * The FPU/SSE/AVX state survives a signal handler (signal(7): the kernel
 * saves it in the signal frame and rt_sigreturn restores it): values held
 * in xmm0-15 (and the upper halves of ymm0-15, zmm0-31 and the k mask
 * registers where the CPU has them), the x87 register stack at full 80-bit
 * precision, the x87 control word and the MXCSR rounding mode, all as they
 * were at the syscall that raised the signal, while the handler clobbers
 * every one of them. Checked over 1000 self-signals, plus an ordinary
 * double computation that gives the same bits with and without signals.
 */
#include "guest.h"
#include <fenv.h>
#include <signal.h>

static volatile int handled;
static volatile double sink;
static double scratch[4096];
static int have_avx, have_avx512;

#define R16(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) \
	M(8) M(9) M(10) M(11) M(12) M(13) M(14) M(15)
#define R32(M) R16(M) M(16) M(17) M(18) M(19) M(20) M(21) M(22) M(23) \
	M(24) M(25) M(26) M(27) M(28) M(29) M(30) M(31)
#define XMM_CLOBBERS "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", \
	"xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", \
	"xmm13", "xmm14", "xmm15"

static void clobber_everything(void)
{
	/* Ordinary double math, and a big array of doubles. */
	volatile double a = 1.0;
	for (int i = 1; i < 200; i++)
		a = a * 1.0001 + 1.0 / i;
	sink = a;
	memset(scratch, 0xa5, sizeof(scratch));
	for (int i = 0; i < 4096; i += 7)
		scratch[i] = scratch[i] * 0.5 + i;
	sink = scratch[77];

	/* Other rounding, flush-to-zero and denormals-are-zero, no masks. */
	fesetround(FE_TOWARDZERO);
	unsigned int mx = 0x8000 | 0x6000 | 0x0040;
	asm volatile("ldmxcsr %0" : : "m"(mx));

	/* x87: reset (new control word, empty stack), then fill it. */
	unsigned short cw = 0x0c7f;
	asm volatile("fninit\n\tfldcw %0\n\t"
		     "fldpi\n\tfldpi\n\tfldpi\n\tfldpi\n\t"
		     "fldpi\n\tfldpi\n\tfldpi\n\tfldpi\n\t"
		     "fstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\t"
		     "fstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)\n\t"
		     "fstp %%st(0)\n\tfstp %%st(0)\n\t"
		     "fldcw %0"
		     : : "m"(cw));

	/* Every vector register to all-ones. */
#define ONES_X(n) "pcmpeqd %%xmm" #n ", %%xmm" #n "\n\t"
	asm volatile(R16(ONES_X) : : : XMM_CLOBBERS);
	if (have_avx) {
#define ONES_Y(n) "vpcmpeqd %%ymm" #n ", %%ymm" #n ", %%ymm" #n "\n\t"
		asm volatile(R16(ONES_Y) : : : XMM_CLOBBERS);
	}
	if (have_avx512) {
#define ONES_Z(n) "vpternlogd $0xff, %%zmm" #n ", %%zmm" #n ", %%zmm" #n "\n\t"
		asm volatile(R32(ONES_Z)
			     "kxnorw %%k0, %%k0, %%k1\n\t"
			     "kxnorw %%k0, %%k0, %%k2\n\t"
			     "kxnorw %%k0, %%k0, %%k3\n\t"
			     "kxnorw %%k0, %%k0, %%k4\n\t"
			     "kxnorw %%k0, %%k0, %%k5\n\t"
			     "kxnorw %%k0, %%k0, %%k6\n\t"
			     "kxnorw %%k0, %%k0, %%k7\n\t"
			     : : : XMM_CLOBBERS);
	}
}

static void handler(int sig)
{
	(void)sig;
	handled++;
	clobber_everything();
}

/* Loads registers from `in`, tgkill()s itself with SIGUSR1, stores to out. */
static uint8_t xin[16][16], xout[16][16];
static uint8_t yin[16][32], yout[16][32];
static uint8_t zin[32][64], zout[32][64];
static uint16_t kin[8], kout[8];
static long double fin[8], fout[8];

#define SELF_SIGNAL(LOADS, STORES, in, out, ...)                            \
	do {                                                                \
		long r_ = SYS_tgkill;                                       \
		asm volatile(LOADS "syscall\n\t" STORES                     \
			     : "+a"(r_)                                     \
			     : [i] "r"(in), [o] "r"(out), "D"((long)getpid()), \
			       "S"((long)gettid()), "d"((long)SIGUSR1)      \
			     : "rcx", "r11", "memory", ##__VA_ARGS__);      \
	} while (0)

#define LD_X(n) "movdqu " #n "*16(%[i]), %%xmm" #n "\n\t"
#define ST_X(n) "movdqu %%xmm" #n ", " #n "*16(%[o])\n\t"
#define LD_Y(n) "vmovdqu " #n "*32(%[i]), %%ymm" #n "\n\t"
#define ST_Y(n) "vmovdqu %%ymm" #n ", " #n "*32(%[o])\n\t"
#define LD_Z(n) "vmovdqu64 " #n "*64(%[i]), %%zmm" #n "\n\t"
#define ST_Z(n) "vmovdqu64 %%zmm" #n ", " #n "*64(%[o])\n\t"
#define K8(M) M(1) M(2) M(3) M(4) M(5) M(6) M(7)
#define LD_K(n) "kmovw " #n "*2(%[i]), %%k" #n "\n\t"
#define ST_K(n) "kmovw %%k" #n ", " #n "*2(%[o])\n\t"
#define LD_F(n) "fldt " #n "*16(%[i])\n\t"
#define ST_F(n) "fstpt " #n "*16(%[o])\n\t"
#define F8(M) M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7)

static void fill(uint8_t *p, size_t n, unsigned seed)
{
	for (size_t k = 0; k < n; k++) {
		seed = seed * 1103515245u + 12345u;
		p[k] = seed >> 16;
	}
}

static void cpu_features(void)
{
	unsigned int a, b, c, d, xlo = 0, xhi;

	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	if (!(c & (1u << 27)))
		return; /* no OSXSAVE */
	asm volatile("xgetbv" : "=a"(xlo), "=d"(xhi) : "c"(0));
	have_avx = (c & (1u << 28)) && (xlo & 6) == 6;
	asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
	have_avx512 = have_avx && (b & (1u << 16)) && (xlo & 0xe6) == 0xe6;
}

static double compute(int n, int with_signals)
{
	volatile double x = 1.0 / 3.0, acc = 0.0;

	for (int i = 0; i < n; i++) {
		double t = acc * 1.0000001 + x * i;
		if (with_signals)
			raise(SIGUSR1);
		acc = t / 1.0000003 + x;
	}
	return acc;
}

int main(void)
{
	struct sigaction sa;
	unsigned int mx_before, mx_after;
	unsigned short cw_before, cw_after;
	int bad_x = 0, bad_y = 0, bad_z = 0, bad_k = 0, bad_f = 0;
	int bad_round = 0, bad_mxcsr = 0, bad_cw = 0, bad_count = 0;
	double ref, got;

	cpu_features();
	MUST(fesetround(FE_UPWARD));
	ref = compute(1000, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	MUST(sigaction(SIGUSR1, &sa, NULL));

	asm volatile("stmxcsr %0" : "=m"(mx_before));
	asm volatile("fnstcw %0" : "=m"(cw_before));
	CHECK_EQ(mx_before & 0x6000, 0x4000); /* round up */
	CHECK_EQ(cw_before & 0x0c00, 0x0800);

	for (int i = 0; i < 1000; i++) {
		int before = handled;

		fill(&xin[0][0], sizeof(xin), i);
		memset(xout, 0, sizeof(xout));
		SELF_SIGNAL(R16(LD_X), R16(ST_X), xin, xout, XMM_CLOBBERS);
		bad_x += memcmp(xin, xout, sizeof(xin)) != 0;

		for (int k = 0; k < 8; k++)
			fin[k] = (long double)(i + 1) / (k + 3) + 1e-300L * k;
		memset(fout, 0, sizeof(fout));
		SELF_SIGNAL(F8(LD_F), F8(ST_F), fin, fout);
		for (int k = 0; k < 8; k++)
			bad_f += memcmp(&fin[k], &fout[7 - k], 10) != 0;

		if (have_avx) {
			fill(&yin[0][0], sizeof(yin), i + 5000);
			memset(yout, 0, sizeof(yout));
			SELF_SIGNAL(R16(LD_Y), R16(ST_Y) "vzeroupper\n\t",
				    yin, yout, XMM_CLOBBERS);
			bad_y += memcmp(yin, yout, sizeof(yin)) != 0;
		}
		if (have_avx512) {
			fill(&zin[0][0], sizeof(zin), i + 9000);
			memset(zout, 0, sizeof(zout));
			SELF_SIGNAL(R32(LD_Z), R32(ST_Z) "vzeroupper\n\t",
				    zin, zout, XMM_CLOBBERS);
			bad_z += memcmp(zin, zout, sizeof(zin)) != 0;
			fill((uint8_t *)kin, sizeof(kin), i + 7000);
			memset(kout, 0, sizeof(kout));
			SELF_SIGNAL(K8(LD_K), K8(ST_K), kin, kout);
			bad_k += memcmp(kin + 1, kout + 1, 14) != 0;
		}

		raise(SIGUSR1);
		bad_round += fegetround() != FE_UPWARD;
		asm volatile("stmxcsr %0" : "=m"(mx_after));
		asm volatile("fnstcw %0" : "=m"(cw_after));
		bad_mxcsr += (mx_after & ~0x3fu) != (mx_before & ~0x3fu);
		bad_cw += cw_after != cw_before;
		bad_count += handled != before + 3 + have_avx + 2 * have_avx512;
	}
	CHECK_EQ(bad_x, 0);
	CHECK_EQ(bad_f, 0);
	CHECK_EQ(bad_y, 0);
	CHECK_EQ(bad_z, 0);
	CHECK_EQ(bad_k, 0);
	CHECK_EQ(bad_round, 0);
	CHECK_EQ(bad_mxcsr, 0);
	CHECK_EQ(bad_cw, 0);
	CHECK_EQ(bad_count, 0);

	/* Ordinary compiled double code: same bits as without signals. */
	got = compute(1000, 1);
	CHECK(memcmp(&got, &ref, sizeof(got)) == 0);
	CHECK_EQ(fegetround(), FE_UPWARD);
	return report();
}
