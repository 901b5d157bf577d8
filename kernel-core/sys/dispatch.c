/*
 * The syscall table, the dispatcher, and --trace.
 *
 * The table is expanded from syscalls.def. The dispatcher pre-sets -ENOSYS
 * and calls the handler. Kernel-internal codes (512 and up) go back to the
 * trap loop, which never lets one reach the guest: -ERESTART_WAIT (the task
 * sleeps), the -ERESTART* markers (settled by signal delivery), and
 * -EJUSTRETURN (rt_sigreturn set every register itself).
 */
#include <stdio.h>
#include <string.h>

#include <umk/errname.h>
#include <umk/errno.h>
#include <umk/printk.h>
#include <umk/syscall.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <uapi/linux_fcntl.h>

bool syscall_trace;

const struct syscall_desc syscall_table[NR_SYSCALLS] = {
#define SYS(nr, n, st, a) [nr] = { .name = #n, .args = a, .fn = sys_##n, .status = SC_##st },
#define NOSYS(nr, n, a) [nr] = { .name = #n, .args = a, .fn = NULL, .status = SC_NONE },
#include "syscalls.def"
#undef SYS
#undef NOSYS
};

void syscall_list(void)
{
	static const char *const status[] = { "none", "partial", "full" };
	int counts[3] = { 0 };

	for (int nr = 0; nr < NR_SYSCALLS; nr++) {
		const struct syscall_desc *d = &syscall_table[nr];

		if (!d->name)
			continue;
		printk("%3d %-24s %s\n", nr, d->name, status[d->status]);
		counts[d->status]++;
	}
	printk("%d full, %d partial, %d not supported\n", counts[SC_FULL],
	       counts[SC_PARTIAL], counts[SC_NONE]);
}

/* Append a guest buffer, escaped like strace, to out. */
static int trace_buf(char *out, size_t size, uaddr_t ua, long len, bool is_string)
{
	char data[33];
	long n = is_string ? 32 : MIN(len, 32);
	int pos = 0;
	bool more;

	if (n < 0)
		n = 0;
	if (is_string) {
		long r = strncpy_from_user(data, ua, sizeof(data));

		if (r == -EFAULT || (r < 0 && r != -ENAMETOOLONG))
			return snprintf(out, size, "%#llx", (unsigned long long)ua);
		n = r < 0 ? 32 : r;
		more = r < 0;
	} else {
		if (copy_from_user(data, ua, (size_t)n))
			return snprintf(out, size, "%#llx", (unsigned long long)ua);
		more = len > n;
	}
	pos += snprintf(out + pos, size - (size_t)pos, "\"");
	for (long i = 0; i < n && (size_t)pos + 6 < size; i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == '\n')
			pos += snprintf(out + pos, size - (size_t)pos, "\\n");
		else if (c == '\t')
			pos += snprintf(out + pos, size - (size_t)pos, "\\t");
		else if (c == '"' || c == '\\')
			pos += snprintf(out + pos, size - (size_t)pos, "\\%c", c);
		else if (c < 32 || c >= 127)
			pos += snprintf(out + pos, size - (size_t)pos, "\\%o", c);
		else
			out[pos++] = (char)c;
	}
	pos += snprintf(out + pos, size - (size_t)pos, "\"%s", more ? "..." : "");
	return pos;
}

static void trace(struct task *t, uint64_t nr, const uint64_t *a, long ret)
{
	const struct syscall_desc *d = nr < NR_SYSCALLS ? &syscall_table[nr] : NULL;
	const char *fmt = d && d->name ? d->args : "";
	char line[512];
	int pos = 0;

	if (d && d->name)
		pos += snprintf(line, sizeof(line), "[%d] %s(", t->tid, d->name);
	else
		pos += snprintf(line, sizeof(line), "[%d] syscall_%llu(", t->tid,
				(unsigned long long)nr);
	for (int i = 0; fmt[i] && i < 6 && pos < 400; i++) {
		uint64_t v = a[i];
		char *p = line + pos;
		size_t left = sizeof(line) - (size_t)pos;

		if (i)
			pos += snprintf(p, left, ", "), p = line + pos, left = sizeof(line) - (size_t)pos;
		switch (fmt[i]) {
		case 'd':
			pos += snprintf(p, left, "%d", (int)v);
			break;
		case 'f':
			if ((int)v == LINUX_AT_FDCWD)
				pos += snprintf(p, left, "AT_FDCWD");
			else
				pos += snprintf(p, left, "%d", (int)v);
			break;
		case 'u':
			pos += snprintf(p, left, "%llu", (unsigned long long)v);
			break;
		case 'o':
			pos += snprintf(p, left, "0%llo", (unsigned long long)v);
			break;
		case 's':
			pos += trace_buf(p, left, v, 0, true);
			break;
		case 'b':
			pos += trace_buf(p, left, v, (long)a[i + 1], false);
			break;
		case 'B':
			if (ret >= 0 && t->state != TASK_DEAD)
				pos += trace_buf(p, left, v, ret, false);
			else
				pos += snprintf(p, left, "%#llx", (unsigned long long)v);
			break;
		case 'p':
			pos += v ? snprintf(p, left, "%#llx", (unsigned long long)v)
				 : snprintf(p, left, "NULL");
			break;
		default:
			pos += snprintf(p, left, "%#llx", (unsigned long long)v);
			break;
		}
	}
	if (t->state == TASK_DEAD)
		printk("%s) = ?\n", line);
	else if (ret < 0 && ret >= -4095)
		printk("%s) = -1 %s (%s)\n", line, errno_name((int)ret) ? errno_name((int)ret) : "E?",
		       errno_text((int)ret));
	else if (fmt[0] == 'p' && (nr == 9 || nr == 12 || nr == 25))
		printk("%s) = %#lx\n", line, ret);
	else
		printk("%s) = %ld\n", line, ret);
}

long syscall_dispatch(struct task *t, uint64_t nr, const uint64_t *args)
{
	long ret = -ENOSYS;

	if (nr < NR_SYSCALLS && syscall_table[nr].fn)
		ret = syscall_table[nr].fn(args);
	if (ret == -ERESTART_WAIT)
		return ret;
	if (syscall_trace && ret != -EJUSTRETURN)
		trace(t, nr, args, ret);
	return ret;
}
