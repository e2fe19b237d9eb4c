#ifndef SOCIALAUDIT_CLIBXML2_SHIM_H
#define SOCIALAUDIT_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, whose headers clash with the ICU that Foundation carries.
   Nothing here uses libxml2's ICU encoders (they only change the layout of
   xmlCharEncodingHandler, which Swift never touches), so leave the ICU headers out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlmemory.h>

/* xmlFree is a global function pointer, which Swift 6 sees as shared mutable state. */
static inline void socialaudit_xml_free(void *pointer) { xmlFree(pointer); }

/* libxml2 prints errors that no structured handler took to standard error through a variadic
   callback, which Swift cannot write. The audit collects its errors itself; silence the rest
   (libxml2 keeps this setting per thread, so call it on the thread that parses). */
static inline void socialaudit_xml_ignore(void *context, const char *message, ...) { (void)context; (void)message; }
static inline void socialaudit_xml_silence(void) { xmlSetGenericErrorFunc(NULL, socialaudit_xml_ignore); }
#endif
