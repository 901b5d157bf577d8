/*
 * Exit: a task becomes a zombie that keeps only its wait status, until
 * its parent reaps it (sys/sys_wait.c). Its children are re-parented to
 * init, as Linux does without a subreaper.
 *
 * Protected by the big kernel lock.
 */
#include <string.h>

#include <umk/errno.h>
#include <umk/kernel.h>
#include <umk/mm.h>
#include <umk/printk.h>
#include <umk/sched.h>
#include <umk/task.h>
#include <umk/uaccess.h>
#include <umk/vfs.h>

extern const char *const signames[32];

static void reparent_children(struct task *t)
{
	struct task *init = task_find(1);
	struct task *c, *tmp;

	list_for_each_entry_safe(c, tmp, &t->children, sibling) {
		list_del(&c->sibling);
		if (!init || init == t) {
			c->parent = NULL;
			c->ppid = 0;
			continue;
		}
		c->parent = init;
		c->ppid = init->tgid;
		list_add_tail(&c->sibling, &init->children);
		if (c->state == TASK_DEAD)
			wake_up(&init->child_wq);
	}
}

void task_exit(struct task *t, int wait_status)
{
	if (t->state == TASK_DEAD)
		return;
	if (t->on_cpu) {
		t->on_cpu = false;
		nr_running--;
	}
	list_del(&t->wait_node);
	list_del(&t->timer_node);
	list_del(&t->run_node);
	t->waiting_on = NULL;
	t->state = TASK_DEAD;
	t->exit_code = wait_status;
	if (t->mm) {
		if (t->clear_child_tid) {
			uint32_t zero = 0;

			mm_copy_to(t->mm, t->clear_child_tid, &zero, sizeof(zero));
		}
		mm_put(t->mm);
		t->mm = NULL;
		t->cpu = NULL;
	}
	if (t->files) {
		files_put(t->files);
		t->files = NULL;
	}
	if (t->fs) {
		fs_put(t->fs);
		t->fs = NULL;
	}
	task_vfork_release(t);
	reparent_children(t);
	if (t->parent) {
		wake_up(&t->parent->child_wq);
		if (t->exit_signal) {
			struct linux_siginfo info;

			memset(&info, 0, sizeof(info));
			info.si_signo = t->exit_signal;
			info.si_code = (wait_status & 0x7f) ? LINUX_CLD_KILLED : LINUX_CLD_EXITED;
			info.chld.pid = t->tgid;
			info.chld.uid = t->cred.uid;
			info.chld.status = (wait_status & 0x7f) ? (wait_status & 0x7f)
								 : (wait_status >> 8) & 0xff;
			send_signal_info(t->parent, t->exit_signal, &info);
		}
	}
	if (t->tid == 1) {
		int sig = wait_status & 0x7f;

		init_exited = true;
		if (sig) {
			init_status = 128 + sig;
			printk("umk: init killed by signal %d (%s)\n", sig,
			       sig < 32 && signames[sig] ? signames[sig] : "?");
		} else {
			init_status = (wait_status >> 8) & 0xff;
		}
	}
}
