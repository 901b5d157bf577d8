/* drivers-virtual: the devices umk's guest sees. Each registers itself at boot. */
#ifndef DRIVERS_DRIVERS_H
#define DRIVERS_DRIVERS_H

/* /dev/null, zero, full, random, urandom (major 1). 0 or -errno. */
int mem_devices_init(void);
/* /dev/console (5:1) and /dev/tty1 (4:1): one tty on the host's stdin/stdout. */
int console_init(void);

#endif
