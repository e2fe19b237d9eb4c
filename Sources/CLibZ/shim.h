#ifndef SOCIALAUDIT_CLIBZ_SHIM_H
#define SOCIALAUDIT_CLIBZ_SHIM_H
/* zlib (Debian's zlib1g-dev, which ZIPFoundation needs anyway), for the CRC-32 of zip entries:
   ZIPFoundation's own CRC on Linux is a table loop in Swift, and it does not compare it. */
#include <zlib.h>
#endif
