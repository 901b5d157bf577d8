# umk: one non-recursive Makefile. Sources are found by wildcard; objects go
# to build/. `make run` and `make test` install what is missing first.

BUILD   := build
CC      := gcc
MUSLCC  := musl-gcc
PKGS    := liburing libunwind check

WARN    := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wmissing-prototypes
CFLAGS  ?= -O2 -g
BASE_CFLAGS := -std=gnu11 $(WARN) -fno-strict-aliasing -MMD -MP -D_GNU_SOURCE
KINC    := -Ikernel-core/include -Ikernel-core -Ihost-os-layer/include -Idrivers-virtual/include
AINC    := -Iarch-um/include $(KINC)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs liburing libunwind 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
BUILD   := build-san
endif

KCORE_SRC := $(filter-out kernel-core/test/%,$(wildcard kernel-core/*/*.c kernel-core/fs/*/*.c))
HOST_SRC  := $(wildcard host-os-layer/*.c)
DRV_SRC   := $(wildcard drivers-virtual/*/*.c)
ARCH_SRC  := $(filter-out arch-um/stub/% arch-um/test/% arch-um/main.c,$(wildcard arch-um/*.c arch-um/*/*.c))
LIB_SRC   := $(KCORE_SRC) $(HOST_SRC) $(DRV_SRC) $(ARCH_SRC)
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
KCORE_OBJ := $(KCORE_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ  := $(BUILD)/obj/arch-um/main.o

UNIT_SRC  := $(wildcard kernel-core/test/test_*.c arch-um/test/test_*.c)
UNIT_BIN  := $(patsubst %.c,$(BUILD)/unit/%,$(notdir $(UNIT_SRC)))

GUEST_SRC := $(wildcard userland-tests/*.c)
GUEST_BIN := $(GUEST_SRC:userland-tests/%.c=$(BUILD)/userland-tests/%)
BENCH_SRC := $(wildcard userland-tests/bench/*.c)
BENCH_BIN := $(BENCH_SRC:userland-tests/bench/%.c=$(BUILD)/bench/%)

.PHONY: all deps run test unit guest bench clean check-layers image-initrd image
all: $(BUILD)/umk $(BUILD)/umk-stub $(BUILD)/.layers-ok

deps:
	@scripts/install-deps

run: deps
	@$(MAKE) --no-print-directory all $(BUILD)/rootfs.cpio
	$(BUILD)/umk --initrd $(BUILD)/rootfs.cpio --init /sbin/init

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(GUEST_BIN) $(BUILD)/rootfs.cpio $(BUILD)/tests.cpio $(BUILD)/ptyharness
	@scripts/run-tests $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN) $(BUILD)/bench.cpio
	@userland-tests/bench/run-bench $(BUILD)

# --- umk and its library ---------------------------------------------------

$(BUILD)/libumk.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/umk: $(MAIN_OBJ) $(BUILD)/libumk.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/obj/kernel-core/%.o: kernel-core/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) -ffreestanding -fno-builtin-malloc $(KINC) -c -o $@ $<

$(BUILD)/obj/drivers-virtual/%.o: drivers-virtual/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) $(KINC) -c -o $@ $<

$(BUILD)/obj/host-os-layer/%.o: host-os-layer/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) $(PKG_CFLAGS) -Ihost-os-layer/include -Ikernel-core -c -o $@ $<

$(BUILD)/obj/arch-um/%.o: arch-um/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) $(AINC) -c -o $@ $<

# kernel-core may use only umk's own symbols and a few pure libc helpers.
$(BUILD)/.layers-ok: $(KCORE_OBJ) $(LIB_OBJ) scripts/check-layers kernel-core/allowed-libc-symbols
	@scripts/check-layers $(BUILD) $(KCORE_OBJ) -- $(LIB_OBJ)
	@touch $@

# --- the stub: freestanding, no libc, linked at the top of user space -------

STUB_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -ffreestanding -fno-stack-protector \
	-fpie -fcf-protection=none -fno-asynchronous-unwind-tables -mno-red-zone \
	-Iarch-um/include -Ikernel-core
$(BUILD)/umk-stub: arch-um/stub/stub.c arch-um/stub/stub.lds arch-um/include/arch/stub.h
	@mkdir -p $(dir $@)
	$(CC) $(STUB_CFLAGS) -nostdlib -static -no-pie -Wl,-T,arch-um/stub/stub.lds \
		-Wl,--build-id=none -Wl,-z,noexecstack -o $@ arch-um/stub/stub.c

# --- unit tests (Check) -------------------------------------------------------

$(BUILD)/unit/%: kernel-core/test/%.c $(BUILD)/libumk.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) $(KINC) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libumk.a $(PKG_LIBS) $(CHECK_LIBS)
$(BUILD)/unit/%: arch-um/test/%.c $(BUILD)/libumk.a
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(BASE_CFLAGS) $(CFLAGS) $(AINC) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libumk.a $(PKG_LIBS) $(CHECK_LIBS)

# --- guest programs and images ------------------------------------------------

$(BUILD)/userland-tests/%: userland-tests/%.c userland-tests/guest.h
	@mkdir -p $(dir $@)
	$(MUSLCC) -static -O2 -Wall -Werror -o $@ $<

$(BUILD)/bench/%: userland-tests/bench/%.c
	@mkdir -p $(dir $@)
	$(MUSLCC) -static -O2 -Wall -Werror -o $@ $<

# The end-to-end test of `make run` through a real pseudo-terminal.
$(BUILD)/ptyharness: scripts/ptyharness.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $<

$(BUILD)/rootfs.cpio: scripts/mkinitrd
	scripts/mkinitrd $@

# The busybox guest on an ext2 disk (kept across boots: remove it for a fresh one).
image: deps
	@$(MAKE) --no-print-directory $(BUILD)/rootfs.img
$(BUILD)/rootfs.img: scripts/mkimage scripts/mkinitrd
	scripts/mkimage $@

GUEST_SH  := $(filter-out userland-tests/run.sh,$(wildcard userland-tests/*.sh))
$(BUILD)/tests.cpio: scripts/mkinitrd $(GUEST_BIN) $(GUEST_SH)
	scripts/mkinitrd $@ /tests $(GUEST_BIN) $(GUEST_SH)

$(BUILD)/bench.cpio: scripts/mkinitrd $(BENCH_BIN)
	scripts/mkinitrd $@ /bench $(BENCH_BIN)

clean:
	rm -rf build build-san

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
