#ifndef SOCIALAUDIT_CLIBCRYPTO_SHIM_H
#define SOCIALAUDIT_CLIBCRYPTO_SHIM_H
/* OpenSSL's libcrypto, for SHA-256 only: its assembly uses the CPU's SHA instructions.
   The one-shot SHA256_* functions are deprecated in OpenSSL 3 in favour of EVP, but a
   SHA256_CTX is a plain struct that Swift copies as a value, which the streaming hasher needs. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
#endif
