#ifndef CLAIMLINT_CSHA256_H
#define CLAIMLINT_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the SHA extensions (and the SSSE3 and SSE4.1 they are used with),
/// so that claimlint_sha256_blocks may be called; 0 otherwise, and on processors other than x86-64.
int claimlint_sha256_has_extensions(void);

/// SHA-256's compression function over `count` whole 64-byte blocks at `blocks`, updating the
/// eight words of `state` (a, b, ..., h) in place. Only when claimlint_sha256_has_extensions().
void claimlint_sha256_blocks(uint32_t state[8], const uint8_t *blocks, size_t count);

#endif
