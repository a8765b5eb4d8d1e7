#ifndef CLAIMLINT_CCMARK_BOUNDED_H
#define CLAIMLINT_CCMARK_BOUNDED_H

#include <cmark.h>
#include <stddef.h>

/// Parses `length` bytes of Markdown with libcmark through the allocator `memory`, and gives up
/// as soon as `*live` (the bytes `memory` has handed out and not taken back, which the allocator
/// keeps up to date) passes `limit`. Returns the document's root, or NULL with `*exceeded` set to
/// 1 when the limit was passed (or 0 when cmark made no tree).
///
/// Giving up is a longjmp out of cmark from inside an allocation: cmark has no way to fail an
/// allocation and go on, and it keeps no state outside the parser. Everything the parse made,
/// the parser included, came from `memory`, so the caller frees it all at once (the arena's
/// reset), and nothing is left behind. No Swift frame lies between the setjmp and the longjmp.
cmark_node *claimlint_cmark_parse_bounded(const char *text, size_t length, int options, cmark_mem *memory,
                                          const size_t *live, size_t limit, int *exceeded);

#endif
