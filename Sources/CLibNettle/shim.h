#ifndef SOCIALAUDIT_CLIBNETTLE_SHIM_H
#define SOCIALAUDIT_CLIBNETTLE_SHIM_H
/* Nettle (Debian's nettle-dev), for SHA-256 only: its x86_64 code uses the CPU's SHA
   instructions when there are some. Swift calls the nettle_sha256_* names: the short
   sha256_* ones are macros. */
#include <nettle/sha2.h>
#endif
