/* prctl(2) options and capget(2) structures of the Linux ABI. */
#ifndef UMK_UAPI_LINUX_PRCTL_H
#define UMK_UAPI_LINUX_PRCTL_H

#include <stdint.h>

#define LINUX_PR_SET_PDEATHSIG 1
#define LINUX_PR_GET_PDEATHSIG 2
#define LINUX_PR_GET_DUMPABLE 3
#define LINUX_PR_SET_DUMPABLE 4
#define LINUX_PR_GET_KEEPCAPS 7
#define LINUX_PR_SET_KEEPCAPS 8
#define LINUX_PR_SET_NAME 15
#define LINUX_PR_GET_NAME 16
#define LINUX_PR_CAPBSET_READ 23
#define LINUX_PR_CAPBSET_DROP 24
#define LINUX_PR_GET_SECUREBITS 27
#define LINUX_PR_SET_CHILD_SUBREAPER 36
#define LINUX_PR_GET_CHILD_SUBREAPER 37
#define LINUX_PR_SET_NO_NEW_PRIVS 38
#define LINUX_PR_GET_NO_NEW_PRIVS 39
#define LINUX_PR_CAP_AMBIENT 47
#define LINUX_PR_CAP_AMBIENT_IS_SET 1
#define LINUX_PR_CAP_AMBIENT_CLEAR_ALL 4

#define LINUX_CAPABILITY_VERSION_1 0x19980330
#define LINUX_CAPABILITY_VERSION_2 0x20071026
#define LINUX_CAPABILITY_VERSION_3 0x20080522

struct linux_cap_header {
	uint32_t version;
	int32_t pid;
};

struct linux_cap_data {
	uint32_t effective, permitted, inheritable;
};

#endif
