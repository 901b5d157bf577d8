/* poll(2) and select(2) of the x86-64 Linux ABI. */
#ifndef UMK_UAPI_LINUX_POLL_H
#define UMK_UAPI_LINUX_POLL_H

#include <stdint.h>

#define LINUX_POLLIN 0x0001
#define LINUX_POLLPRI 0x0002
#define LINUX_POLLOUT 0x0004
#define LINUX_POLLERR 0x0008
#define LINUX_POLLHUP 0x0010
#define LINUX_POLLNVAL 0x0020
#define LINUX_POLLRDNORM 0x0040
#define LINUX_POLLRDBAND 0x0080
#define LINUX_POLLWRNORM 0x0100
#define LINUX_POLLWRBAND 0x0200

struct linux_pollfd {
	int32_t fd;
	int16_t events;
	int16_t revents;
};

#define LINUX_FD_SETSIZE 1024

#endif
