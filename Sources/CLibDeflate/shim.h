#ifndef SOCIALAUDIT_CLIBDEFLATE_SHIM_H
#define SOCIALAUDIT_CLIBDEFLATE_SHIM_H
/* libdeflate, for its CRC-32 only: it uses the CPU's carry-less multiplication, several times
   faster than zlib's. (Its whole-buffer inflate would need each zip entry in memory at once.) */
#include <libdeflate.h>
#endif
