/*
** lnk_writer.h
** The buffered writer of the commands that print one line per item (split,
** tokens, match, normalize --map): output is formatted in C straight into a
** buffer that goes to a Lua file handle's FILE (io.stdout), so what Lua wrote
** before stays in order. Code point offsets come from a converter that walks
** the text once in the order the offsets are asked for.
*/
#ifndef LNK_WRITER_H
#define LNK_WRITER_H

#include <stdio.h>
#include <string.h>

#include "lnk_aux.h"

#define LNK_WBUF ((size_t)1 << 16)

typedef struct {
    lua_State *L;
    FILE *fp;
    size_t len;
    unsigned long flushes; /* times the buffer went out: a caller can tell whether bytes it
                              wrote are still together in buf */
    char buf[LNK_WBUF];
} lnk_writer;

/* Set w up for the Lua file handle at arg (raises if it is not an open file). */
void lnk_writer_init(lnk_writer *w, lua_State *L, int arg);
/* Write the buffer out (raises on a write error). */
void lnk_writer_flush(lnk_writer *w);
/* lnk_writer_add when s does not fit in what is left of the buffer. */
void lnk_writer_add_long(lnk_writer *w, const char *s, size_t n);
void lnk_writer_uint(lnk_writer *w, size_t v);
/* A JSON string (quotes, escapes, invalid UTF-8 as U+FFFD), as naskh.json_encode writes it. */
void lnk_writer_json_string(lnk_writer *w, const char *s, size_t n);
/* The same for s known to be well-formed UTF-8 (only the escapes to look for). */
void lnk_writer_json_valid(lnk_writer *w, const char *s, size_t n);

/* Inline, so that a literal's copy (LNK_WLIT: a constant size) is a few moves. */
static inline void lnk_writer_add(lnk_writer *w, const char *s, size_t n)
{
    if (n > LNK_WBUF - w->len) {
        lnk_writer_add_long(w, s, n);
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static inline void lnk_writer_addc(lnk_writer *w, char c)
{
    if (w->len == LNK_WBUF)
        lnk_writer_flush(w);
    w->buf[w->len++] = c;
}

#define LNK_WLIT(w, lit) lnk_writer_add((w), "" lit, sizeof(lit) - 1)

/*
** Byte offsets of one text -> code point offsets (an invalid sequence counts
** as one, as naskh.cplen does). Cheap when the offsets come in increasing order;
** a step back re-reads from the asked offset (or from the start if that is not
** on a character boundary). The text is validated once at init: well-formed
** text is then walked by counting the bytes that start a character; bad is the
** offset of the first invalid byte (or len).
*/
typedef struct {
    const char *s;
    size_t len, byte, cp, bad;
    int valid;
} lnk_cpconv;

void lnk_cpconv_init(lnk_cpconv *c, const char *s, size_t len);
size_t lnk_cpconv_at(lnk_cpconv *c, size_t byte);

#endif
