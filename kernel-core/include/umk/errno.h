/* Short errno names for kernel-core code: E* = LINUX_E* (the values match the x86-64 host). */
#ifndef UMK_ERRNO_H
#define UMK_ERRNO_H
#include <uapi/linux_errno.h>
#ifndef EPERM
#define EPERM LINUX_EPERM
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOENT
#define ENOENT LINUX_ENOENT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ESRCH
#define ESRCH LINUX_ESRCH
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EINTR
#define EINTR LINUX_EINTR
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EIO
#define EIO LINUX_EIO
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENXIO
#define ENXIO LINUX_ENXIO
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef E2BIG
#define E2BIG LINUX_E2BIG
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOEXEC
#define ENOEXEC LINUX_ENOEXEC
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EBADF
#define EBADF LINUX_EBADF
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ECHILD
#define ECHILD LINUX_ECHILD
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EAGAIN
#define EAGAIN LINUX_EAGAIN
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOMEM
#define ENOMEM LINUX_ENOMEM
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EACCES
#define EACCES LINUX_EACCES
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EFAULT
#define EFAULT LINUX_EFAULT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTBLK
#define ENOTBLK LINUX_ENOTBLK
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EBUSY
#define EBUSY LINUX_EBUSY
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EEXIST
#define EEXIST LINUX_EEXIST
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EXDEV
#define EXDEV LINUX_EXDEV
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENODEV
#define ENODEV LINUX_ENODEV
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTDIR
#define ENOTDIR LINUX_ENOTDIR
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EISDIR
#define EISDIR LINUX_EISDIR
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EINVAL
#define EINVAL LINUX_EINVAL
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENFILE
#define ENFILE LINUX_ENFILE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EMFILE
#define EMFILE LINUX_EMFILE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTTY
#define ENOTTY LINUX_ENOTTY
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ETXTBSY
#define ETXTBSY LINUX_ETXTBSY
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EFBIG
#define EFBIG LINUX_EFBIG
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOSPC
#define ENOSPC LINUX_ENOSPC
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ESPIPE
#define ESPIPE LINUX_ESPIPE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EROFS
#define EROFS LINUX_EROFS
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EMLINK
#define EMLINK LINUX_EMLINK
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EPIPE
#define EPIPE LINUX_EPIPE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EDOM
#define EDOM LINUX_EDOM
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ERANGE
#define ERANGE LINUX_ERANGE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EDEADLK
#define EDEADLK LINUX_EDEADLK
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENAMETOOLONG
#define ENAMETOOLONG LINUX_ENAMETOOLONG
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOLCK
#define ENOLCK LINUX_ENOLCK
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOSYS
#define ENOSYS LINUX_ENOSYS
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTEMPTY
#define ENOTEMPTY LINUX_ENOTEMPTY
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ELOOP
#define ELOOP LINUX_ELOOP
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EWOULDBLOCK
#define EWOULDBLOCK LINUX_EWOULDBLOCK
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOMSG
#define ENOMSG LINUX_ENOMSG
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EIDRM
#define EIDRM LINUX_EIDRM
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ECHRNG
#define ECHRNG LINUX_ECHRNG
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EL2NSYNC
#define EL2NSYNC LINUX_EL2NSYNC
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EL3HLT
#define EL3HLT LINUX_EL3HLT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EL3RST
#define EL3RST LINUX_EL3RST
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ELNRNG
#define ELNRNG LINUX_ELNRNG
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EUNATCH
#define EUNATCH LINUX_EUNATCH
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOCSI
#define ENOCSI LINUX_ENOCSI
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EL2HLT
#define EL2HLT LINUX_EL2HLT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EBADE
#define EBADE LINUX_EBADE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EBADR
#define EBADR LINUX_EBADR
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EXFULL
#define EXFULL LINUX_EXFULL
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOANO
#define ENOANO LINUX_ENOANO
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EBADRQC
#define EBADRQC LINUX_EBADRQC
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EBADSLT
#define EBADSLT LINUX_EBADSLT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EDEADLOCK
#define EDEADLOCK LINUX_EDEADLOCK
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EBFONT
#define EBFONT LINUX_EBFONT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOSTR
#define ENOSTR LINUX_ENOSTR
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENODATA
#define ENODATA LINUX_ENODATA
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ETIME
#define ETIME LINUX_ETIME
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOSR
#define ENOSR LINUX_ENOSR
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENONET
#define ENONET LINUX_ENONET
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOPKG
#define ENOPKG LINUX_ENOPKG
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EREMOTE
#define EREMOTE LINUX_EREMOTE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOLINK
#define ENOLINK LINUX_ENOLINK
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EADV
#define EADV LINUX_EADV
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ESRMNT
#define ESRMNT LINUX_ESRMNT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ECOMM
#define ECOMM LINUX_ECOMM
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EPROTO
#define EPROTO LINUX_EPROTO
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EMULTIHOP
#define EMULTIHOP LINUX_EMULTIHOP
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EDOTDOT
#define EDOTDOT LINUX_EDOTDOT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EBADMSG
#define EBADMSG LINUX_EBADMSG
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EOVERFLOW
#define EOVERFLOW LINUX_EOVERFLOW
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTUNIQ
#define ENOTUNIQ LINUX_ENOTUNIQ
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EBADFD
#define EBADFD LINUX_EBADFD
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EREMCHG
#define EREMCHG LINUX_EREMCHG
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ELIBACC
#define ELIBACC LINUX_ELIBACC
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ELIBBAD
#define ELIBBAD LINUX_ELIBBAD
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ELIBSCN
#define ELIBSCN LINUX_ELIBSCN
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ELIBMAX
#define ELIBMAX LINUX_ELIBMAX
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ELIBEXEC
#define ELIBEXEC LINUX_ELIBEXEC
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EILSEQ
#define EILSEQ LINUX_EILSEQ
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ERESTART
#define ERESTART LINUX_ERESTART
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ESTRPIPE
#define ESTRPIPE LINUX_ESTRPIPE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EUSERS
#define EUSERS LINUX_EUSERS
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTSOCK
#define ENOTSOCK LINUX_ENOTSOCK
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EDESTADDRREQ
#define EDESTADDRREQ LINUX_EDESTADDRREQ
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EMSGSIZE
#define EMSGSIZE LINUX_EMSGSIZE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EPROTOTYPE
#define EPROTOTYPE LINUX_EPROTOTYPE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOPROTOOPT
#define ENOPROTOOPT LINUX_ENOPROTOOPT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EPROTONOSUPPORT
#define EPROTONOSUPPORT LINUX_EPROTONOSUPPORT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ESOCKTNOSUPPORT
#define ESOCKTNOSUPPORT LINUX_ESOCKTNOSUPPORT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP LINUX_EOPNOTSUPP
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EPFNOSUPPORT
#define EPFNOSUPPORT LINUX_EPFNOSUPPORT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EAFNOSUPPORT
#define EAFNOSUPPORT LINUX_EAFNOSUPPORT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EADDRINUSE
#define EADDRINUSE LINUX_EADDRINUSE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EADDRNOTAVAIL
#define EADDRNOTAVAIL LINUX_EADDRNOTAVAIL
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENETDOWN
#define ENETDOWN LINUX_ENETDOWN
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENETUNREACH
#define ENETUNREACH LINUX_ENETUNREACH
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENETRESET
#define ENETRESET LINUX_ENETRESET
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ECONNABORTED
#define ECONNABORTED LINUX_ECONNABORTED
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ECONNRESET
#define ECONNRESET LINUX_ECONNRESET
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOBUFS
#define ENOBUFS LINUX_ENOBUFS
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EISCONN
#define EISCONN LINUX_EISCONN
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTCONN
#define ENOTCONN LINUX_ENOTCONN
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ESHUTDOWN
#define ESHUTDOWN LINUX_ESHUTDOWN
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ETOOMANYREFS
#define ETOOMANYREFS LINUX_ETOOMANYREFS
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ETIMEDOUT
#define ETIMEDOUT LINUX_ETIMEDOUT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ECONNREFUSED
#define ECONNREFUSED LINUX_ECONNREFUSED
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EHOSTDOWN
#define EHOSTDOWN LINUX_EHOSTDOWN
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EHOSTUNREACH
#define EHOSTUNREACH LINUX_EHOSTUNREACH
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EALREADY
#define EALREADY LINUX_EALREADY
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EINPROGRESS
#define EINPROGRESS LINUX_EINPROGRESS
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ESTALE
#define ESTALE LINUX_ESTALE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EUCLEAN
#define EUCLEAN LINUX_EUCLEAN
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTNAM
#define ENOTNAM LINUX_ENOTNAM
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENAVAIL
#define ENAVAIL LINUX_ENAVAIL
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EISNAM
#define EISNAM LINUX_EISNAM
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EREMOTEIO
#define EREMOTEIO LINUX_EREMOTEIO
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EDQUOT
#define EDQUOT LINUX_EDQUOT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOMEDIUM
#define ENOMEDIUM LINUX_ENOMEDIUM
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EMEDIUMTYPE
#define EMEDIUMTYPE LINUX_EMEDIUMTYPE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ECANCELED
#define ECANCELED LINUX_ECANCELED
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOKEY
#define ENOKEY LINUX_ENOKEY
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EKEYEXPIRED
#define EKEYEXPIRED LINUX_EKEYEXPIRED
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EKEYREVOKED
#define EKEYREVOKED LINUX_EKEYREVOKED
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EKEYREJECTED
#define EKEYREJECTED LINUX_EKEYREJECTED
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EOWNERDEAD
#define EOWNERDEAD LINUX_EOWNERDEAD
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTRECOVERABLE
#define ENOTRECOVERABLE LINUX_ENOTRECOVERABLE
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ERFKILL
#define ERFKILL LINUX_ERFKILL
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef EHWPOISON
#define EHWPOISON LINUX_EHWPOISON
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ERESTARTSYS
#define ERESTARTSYS LINUX_ERESTARTSYS
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ERESTARTNOINTR
#define ERESTARTNOINTR LINUX_ERESTARTNOINTR
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ERESTARTNOHAND
#define ERESTARTNOHAND LINUX_ERESTARTNOHAND
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOIOCTLCMD
#define ENOIOCTLCMD LINUX_ENOIOCTLCMD
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ERESTART_RESTARTBLOCK
#define ERESTART_RESTARTBLOCK LINUX_ERESTART_RESTARTBLOCK
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ERESTART_WAIT
#define ERESTART_WAIT LINUX_ERESTART_WAIT
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
#ifndef ENOTSUP
#define ENOTSUP EOPNOTSUPP
#endif
#endif
