/*
** nk_base.c
** Status messages, error records, the default allocator and nk_buf.
*/
#include "nk_base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *nk_strerror(nk_status st)
{
    switch (st) {
    case NK_OK:
        return "success";
    case NK_EINVAL:
        return "invalid argument";
    case NK_EUTF8:
        return "invalid UTF-8";
    case NK_ENOMEM:
        return "out of memory";
    case NK_ERANGE:
        return "value out of range";
    case NK_EFORMAT:
        return "malformed data";
    case NK_EIO:
        return "input/output error";
    }
    return "unknown error";
}

nk_status nk_seterror(nk_error *err, nk_status st, size_t offset, const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;
        err->status = st;
        err->offset = offset;
        err->line = err->col = 0;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

static void *default_fn(void *ud, void *p, size_t oldsize, size_t newsize)
{
    (void)ud;
    (void)oldsize;
    if (newsize == 0) {
        free(p);
        return NULL;
    }
    return realloc(p, newsize);
}

static const nk_alloc default_alloc = {default_fn, NULL};

const nk_alloc *nk_default_alloc(void)
{
    return &default_alloc;
}

void *nk_malloc(const nk_alloc *a, size_t n)
{
    if (a == NULL)
        a = &default_alloc;
    if (n == 0)
        n = 1;
    return a->fn(a->ud, NULL, 0, n);
}

void *nk_realloc(const nk_alloc *a, void *p, size_t oldn, size_t newn)
{
    if (a == NULL)
        a = &default_alloc;
    if (newn == 0)
        newn = 1;
    return a->fn(a->ud, p, oldn, newn);
}

void nk_free(const nk_alloc *a, void *p, size_t n)
{
    if (p == NULL)
        return;
    if (a == NULL)
        a = &default_alloc;
    a->fn(a->ud, p, n, 0);
}

void nk_buf_init(nk_buf *b, const nk_alloc *a)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->alloc = a;
}

void nk_buf_free(nk_buf *b)
{
    nk_free(b->alloc, b->data, b->cap);
    b->data = NULL;
    b->len = b->cap = 0;
}

nk_status nk_buf_reserve(nk_buf *b, size_t extra)
{
    size_t need, ncap;
    char *p;
    if (extra > SIZE_MAX - b->len - 1)
        return NK_ERANGE;
    need = b->len + extra + 1; /* room for a terminating NUL */
    if (need <= b->cap)
        return NK_OK;
    ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap = (ncap > SIZE_MAX / 2) ? need : ncap * 2;
    p = nk_realloc(b->alloc, b->data, b->cap, ncap);
    if (p == NULL)
        return NK_ENOMEM;
    b->data = p;
    b->cap = ncap;
    return NK_OK;
}

nk_status nk_buf_append(nk_buf *b, const void *p, size_t n)
{
    nk_status st = nk_buf_reserve(b, n);
    if (st != NK_OK)
        return st;
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return NK_OK;
}

nk_status nk_buf_putc(nk_buf *b, char c)
{
    return nk_buf_append(b, &c, 1);
}

nk_status nk_buf_terminate(nk_buf *b)
{
    nk_status st = nk_buf_reserve(b, 0);
    if (st != NK_OK)
        return st;
    b->data[b->len] = '\0';
    return NK_OK;
}

const char *nk_version(void)
{
    return NK_VERSION;
}
