// libcmark's parse under a memory limit (issue 10, item 9). cmark builds the whole page's tree,
// every inline of every paragraph, before it merges adjacent text nodes: a 30 MB line of
// "[9]" markers or 3 million empty paragraphs took 1.3-1.6 GB. The limit is checked after each
// allocation against the caller's count of live bytes; past it the parse is abandoned.
#include "CCmarkBounded.h"

#include <setjmp.h>

/// One parse's state, on its thread's stack; the allocator finds it through a thread-local.
typedef struct {
  jmp_buf escape;
  const size_t *live;
  size_t limit;
} bounded_parse;

/// The parse under way on this thread (NULL between parses: the tree's nodes keep the allocator
/// below, and cmark's iterator allocates through it after the parse, unchecked).
static _Thread_local bounded_parse *current_parse;
/// The caller's allocator, which the one below wraps.
static _Thread_local cmark_mem *inner;

static void check_limit(void) {
  bounded_parse *parse = current_parse;
  if (parse != NULL && *parse->live > parse->limit) longjmp(parse->escape, 1);
}

static void *bounded_calloc(size_t count, size_t size) {
  void *block = inner->calloc(count, size);
  check_limit();
  return block;
}

static void *bounded_realloc(void *block, size_t size) {
  void *moved = inner->realloc(block, size);
  check_limit();
  return moved;
}

static void bounded_free(void *block) { inner->free(block); }

/// Global, not on the stack: every node of the tree points at it for as long as the tree lives.
static cmark_mem bounded = {.calloc = bounded_calloc, .realloc = bounded_realloc, .free = bounded_free};

cmark_node *claimlint_cmark_parse_bounded(const char *text, size_t length, int options, cmark_mem *memory,
                                          const size_t *live, size_t limit, int *exceeded) {
  // volatile: read after a longjmp, so it must not live only in a register setjmp restored.
  bounded_parse *volatile previous = current_parse;
  bounded_parse parse = {.live = live, .limit = limit};
  inner = memory;
  *exceeded = 0;
  current_parse = &parse;
  if (setjmp(parse.escape) != 0) {
    current_parse = previous;
    *exceeded = 1;
    return NULL;
  }
  cmark_node *root = NULL;
  cmark_parser *parser = cmark_parser_new_with_mem(options, &bounded);
  if (parser != NULL) {
    cmark_parser_feed(parser, text, length);
    root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
  }
  current_parse = previous;
  return root;
}
