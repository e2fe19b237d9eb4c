#ifndef SOCIALAUDIT_CLIBXML2_SHIM_H
#define SOCIALAUDIT_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlmemory.h>
#endif
