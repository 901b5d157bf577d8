/* errno names ("ENOENT") and messages, for --trace and boot errors. */
#ifndef UMK_ERRNAME_H
#define UMK_ERRNAME_H

const char *errno_name(int err);	/* NULL if unknown */
const char *errno_text(int err);

#endif
