// Every gumbo call lives here; see include/CHTML.h.
#include "CHTML.h"

#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *base;
  size_t length;
  chtml_token *tokens;
  int32_t token_count, token_capacity;
  chtml_attribute *attributes;
  int32_t attribute_count, attribute_capacity;
  int failed;
} walker;

static int in_buffer(const walker *w, const char *p, size_t length) {
  return p != NULL && p >= w->base && p + length <= w->base + w->length;
}

static chtml_token *push_token(walker *w) {
  if (w->token_count == w->token_capacity) {
    int32_t capacity = w->token_capacity ? w->token_capacity * 2 : 256;
    chtml_token *grown = realloc(w->tokens, (size_t)capacity * sizeof(chtml_token));
    if (!grown) { w->failed = 1; return NULL; }
    w->tokens = grown;
    w->token_capacity = capacity;
  }
  chtml_token *token = &w->tokens[w->token_count++];
  memset(token, 0, sizeof *token);
  token->content_end = -1;
  return token;
}

static void push_attribute(walker *w, const GumboAttribute *a) {
  if (!in_buffer(w, a->original_name.data, a->original_name.length) || a->original_name.length == 0) return;
  if (w->attribute_count == w->attribute_capacity) {
    int32_t capacity = w->attribute_capacity ? w->attribute_capacity * 2 : 256;
    chtml_attribute *grown = realloc(w->attributes, (size_t)capacity * sizeof(chtml_attribute));
    if (!grown) { w->failed = 1; return; }
    w->attributes = grown;
    w->attribute_capacity = capacity;
  }
  chtml_attribute *out = &w->attributes[w->attribute_count++];
  out->name_start = (int32_t)(a->original_name.data - w->base);
  out->name_end = out->name_start + (int32_t)a->original_name.length;
  if (in_buffer(w, a->original_value.data, a->original_value.length) && a->original_value.length > 0) {
    out->value_start = (int32_t)(a->original_value.data - w->base);
    out->value_end = out->value_start + (int32_t)a->original_value.length;
  } else {
    out->value_start = out->value_end = out->name_end;
  }
}

// Iterative depth-first walk (hostile files nest deeply).
static void walk(walker *w, GumboNode *root) {
  size_t capacity = 256, depth = 0;
  GumboNode **stack = malloc(capacity * sizeof(GumboNode *));
  if (!stack) { w->failed = 1; return; }
  stack[depth++] = root;
  while (depth > 0 && !w->failed) {
    GumboNode *node = stack[--depth];
    const GumboVector *children = NULL;
    if (node->type == GUMBO_NODE_DOCUMENT) {
      children = &node->v.document.children;
    } else if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement *e = &node->v.element;
      children = &e->children;
      if (in_buffer(w, e->original_tag.data, e->original_tag.length) && e->original_tag.length > 0) {
        chtml_token *t = push_token(w);
        if (!t) break;
        t->kind = CHTML_START_TAG;
        t->start = (int32_t)(e->original_tag.data - w->base);
        t->end = t->start + (int32_t)e->original_tag.length;
        t->name_space = (int32_t)e->tag_namespace;
        t->first_attribute = w->attribute_count;
        for (unsigned int i = 0; i < e->attributes.length; i++) push_attribute(w, e->attributes.data[i]);
        t->attribute_count = w->attribute_count - t->first_attribute;
        if (in_buffer(w, e->original_end_tag.data, e->original_end_tag.length) && e->original_end_tag.length > 0) {
          t->content_end = (int32_t)(e->original_end_tag.data - w->base);
        } else if (e->end_pos.offset > 0 || e->end_pos.line > 0) {
          t->content_end = (int32_t)e->end_pos.offset;
        }
      }
      if (in_buffer(w, e->original_end_tag.data, e->original_end_tag.length) && e->original_end_tag.length > 0) {
        chtml_token *t = push_token(w);
        if (!t) break;
        t->kind = CHTML_END_TAG;
        t->start = (int32_t)(e->original_end_tag.data - w->base);
        t->end = t->start + (int32_t)e->original_end_tag.length;
      }
    } else if (node->type == GUMBO_NODE_COMMENT) {
      const GumboText *c = &node->v.text;
      if (in_buffer(w, c->original_text.data, c->original_text.length) && c->original_text.length > 0) {
        chtml_token *t = push_token(w);
        if (!t) break;
        t->kind = CHTML_COMMENT;
        t->start = (int32_t)(c->original_text.data - w->base);
        t->end = t->start + (int32_t)c->original_text.length;
      }
    }
    if (children) {
      if (depth + children->length > capacity) {
        while (depth + children->length > capacity) capacity *= 2;
        GumboNode **grown = realloc(stack, capacity * sizeof(GumboNode *));
        if (!grown) { w->failed = 1; break; }
        stack = grown;
      }
      for (unsigned int i = children->length; i > 0; i--) stack[depth++] = children->data[i - 1];
    }
  }
  free(stack);
}

static int by_offset(const void *a, const void *b) {
  const chtml_token *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  // A clone keeps its original's offsets: the first one recorded (the original) wins.
  if (x->end != y->end) return x->end > y->end ? -1 : 1;
  if (x->kind != y->kind) return x->kind - y->kind;
  // Of a formatting element and its clones, the one the parser closed first comes first.
  if (x->content_end != y->content_end) {
    if (x->content_end < 0) return 1;
    if (y->content_end < 0) return -1;
    return x->content_end < y->content_end ? -1 : 1;
  }
  return 0;
}

chtml_document *chtml_parse(const char *bytes, size_t length) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // errors are not reported; do not keep them
  GumboOutput *output = gumbo_parse_with_options(&options, bytes, length);
  if (!output) return NULL;
  walker w = {.base = bytes, .length = length};
  walk(&w, output->document);
  chtml_document *document = calloc(1, sizeof *document);
  if (!document || w.failed) {
    gumbo_destroy_output(&options, output);
    free(w.tokens);
    free(w.attributes);
    free(document);
    return NULL;
  }
  document->has_doctype = output->document->v.document.has_doctype ? 1 : 0;
  gumbo_destroy_output(&options, output);
  if (w.token_count > 1) {
    qsort(w.tokens, (size_t)w.token_count, sizeof(chtml_token), by_offset);
    int32_t kept = 1;
    for (int32_t i = 1; i < w.token_count; i++) {
      const chtml_token *previous = &w.tokens[kept - 1];
      if (w.tokens[i].start < previous->end) continue;  // a clone, or inside a kept token
      w.tokens[kept++] = w.tokens[i];
    }
    w.token_count = kept;
  }
  document->tokens = w.tokens;
  document->token_count = w.token_count;
  document->attributes = w.attributes;
  document->attribute_count = w.attribute_count;
  return document;
}

void chtml_free(chtml_document *document) {
  if (!document) return;
  free(document->tokens);
  free(document->attributes);
  free(document);
}

static const GumboNode *first_text(const GumboNode *node) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) return node;
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return NULL;
  const GumboVector *children =
      node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children : &node->v.element.children;
  for (unsigned int i = 0; i < children->length; i++) {
    const GumboNode *found = first_text(children->data[i]);
    if (found) return found;
  }
  return NULL;
}

int32_t chtml_decode_text(const char *bytes, size_t length, char *out, int32_t capacity) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput *output = gumbo_parse_with_options(&options, bytes, length);
  if (!output) return -1;
  const GumboNode *text = first_text(output->root);
  const char *decoded = text ? text->v.text.text : "";
  int32_t needed = (int32_t)strlen(decoded);
  if (needed <= capacity) memcpy(out, decoded, (size_t)needed);
  gumbo_destroy_output(&options, output);
  return needed;
}
