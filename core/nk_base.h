/*
** nk_base.h
** Shared vocabulary of the naskh core: spans, status codes, error records,
** the allocator interface and a growable byte buffer owned by the caller.
*/
#ifndef NK_BASE_H
#define NK_BASE_H

#include <stddef.h>
#include <stdint.h>

/*
** A span: 0-based, half-open byte offsets into the caller's ORIGINAL buffer.
** The core never returns pointers into its own memory; it returns spans.
*/
typedef struct {
    size_t start, end;
} nk_span;

typedef enum {
    NK_OK = 0,
    NK_EINVAL,  /* bad argument (programmer or option error) */
    NK_EUTF8,   /* invalid UTF-8 in the input */
    NK_ENOMEM,  /* the allocator returned NULL */
    NK_ERANGE,  /* a size or count is out of range */
    NK_EFORMAT, /* malformed data (a gazetteer line, a compiled file) */
    NK_EIO      /* reading or writing failed */
} nk_status;

/* A human-readable, static message for a status code. Never NULL. */
const char *nk_strerror(nk_status st);

/*
** An error record that functions able to point at a place fill in.
** offset is a byte offset into the input; line and col are 1-based when
** known and 0 otherwise. msg is always NUL-terminated.
*/
typedef struct {
    nk_status status;
    size_t offset;
    size_t line, col;
    char msg[128];
} nk_error;

/* Fill *err (when not NULL) and return st. msg is printf-style. */
nk_status nk_seterror(nk_error *err, nk_status st, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/*
** The allocator: exactly the lua_Alloc signature, so a Lua binding can pass
** lua_getallocf() and its memory budget covers the core too.
** fn(ud, p, old, 0) frees and returns NULL; otherwise it (re)allocates.
** A NULL nk_alloc pointer anywhere in the API means malloc/realloc/free.
*/
typedef struct {
    void *(*fn)(void *ud, void *p, size_t oldsize, size_t newsize);
    void *ud;
} nk_alloc;

/* The default allocator (malloc/realloc/free). */
const nk_alloc *nk_default_alloc(void);

/* Allocation helpers. a may be NULL (default allocator). */
void *nk_malloc(const nk_alloc *a, size_t n);
void *nk_realloc(const nk_alloc *a, void *p, size_t oldn, size_t newn);
void nk_free(const nk_alloc *a, void *p, size_t n);

/*
** A growable byte buffer owned by the caller. Initialise with nk_buf_init,
** release with nk_buf_free. data is NUL-terminated when len > 0 or after
** nk_buf_terminate. On NK_ENOMEM the buffer keeps its previous contents.
*/
typedef struct {
    char *data;
    size_t len, cap;
    const nk_alloc *alloc;
} nk_buf;

void nk_buf_init(nk_buf *b, const nk_alloc *a);
void nk_buf_free(nk_buf *b);
nk_status nk_buf_reserve(nk_buf *b, size_t extra);
nk_status nk_buf_append(nk_buf *b, const void *p, size_t n);
nk_status nk_buf_putc(nk_buf *b, char c);
nk_status nk_buf_terminate(nk_buf *b);

/* The library version, "MAJOR.MINOR.PATCH". */
#define NK_VERSION "0.1.0"
const char *nk_version(void);

#endif
