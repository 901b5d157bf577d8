/*
 * timerfd and signalfd files (fs/timerfd.c, fs/signalfd.c); their
 * syscalls are sys/sys_timerfd.c and sys/sys_signalfd.c. Big kernel lock.
 */
#ifndef UMK_TIMERFD_H
#define UMK_TIMERFD_H

#include <umk/types.h>
#include <uapi/linux_signal.h>

struct file;

/* A timerfd on clock (already checked); flags: LINUX_TFD_NONBLOCK. */
struct file *timerfd_file(int clock, unsigned flags);
bool is_timerfd(const struct file *f);
/*
 * Arm (value 0: disarm) with value relative, or absolute on the timer's
 * clock when abs; returns the old remaining time and interval. Clears the
 * expiration count.
 */
void timerfd_set(struct file *f, bool abs, int64_t value, int64_t interval,
		 int64_t *old_value, int64_t *old_interval);
void timerfd_get(struct file *f, int64_t *value, int64_t *interval);

/* A signalfd for the signals in mask; flags: LINUX_SFD_NONBLOCK. */
struct file *signalfd_file(linux_sigset_t mask, unsigned flags);
bool is_signalfd(const struct file *f);
void signalfd_set_mask(struct file *f, linux_sigset_t mask);
/* A signal became pending somewhere: signalfd readers and pollers look again. */
void signalfd_notify(void);

#endif
