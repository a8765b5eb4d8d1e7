#ifndef CLAIMLINT_CSTEMMER_SHIM_H
#define CLAIMLINT_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
