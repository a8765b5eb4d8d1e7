#ifndef CLAIMLINT_CCMARK_SHIM_H
#define CLAIMLINT_CCMARK_SHIM_H
#include <cmark.h>
#endif
