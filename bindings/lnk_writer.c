/*
** lnk_writer.c
** The commands' buffered writer and code point converter (lnk_writer.h).
*/
#include "lnk_writer.h"

#include <errno.h>
#include <string.h>

#include "nk_utf8.h"

void lnk_writer_init(lnk_writer *w, lua_State *L, int arg)
{
    luaL_Stream *st = luaL_checkudata(L, arg, LUA_FILEHANDLE);
    luaL_argcheck(L, st->closef != NULL && st->f != NULL, arg, "attempt to use a closed file");
    w->L = L;
    w->fp = st->f;
    w->len = 0;
    w->flushes = 0;
}

void lnk_writer_flush(lnk_writer *w)
{
    if (w->len > 0 && fwrite(w->buf, 1, w->len, w->fp) != w->len)
        luaL_error(w->L, "cannot write: %s", strerror(errno ? errno : EIO));
    w->len = 0;
    w->flushes++;
}

void lnk_writer_add_long(lnk_writer *w, const char *s, size_t n)
{
    lnk_writer_flush(w);
    if (n >= LNK_WBUF / 2) { /* half the buffer or more: straight out, not copied first */
        if (fwrite(s, 1, n, w->fp) != n)
            luaL_error(w->L, "cannot write: %s", strerror(errno ? errno : EIO));
        return;
    }
    memcpy(w->buf, s, n);
    w->len = n;
}

void lnk_writer_uint(lnk_writer *w, size_t v)
{
    char tmp[24];
    size_t k = sizeof tmp;
    do {
        tmp[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    if (LNK_WBUF - w->len < sizeof tmp)
        lnk_writer_flush(w);
    memcpy(w->buf + w->len, tmp + k, sizeof tmp - k);
    w->len += sizeof tmp - k;
}

/* Eight bytes at a time: a bit set in the high bit of each byte of x that is a control
** (< 0x20), '"', '\\' or DEL, the characters a JSON string escapes (bytes >= 0x80 never). */
static inline uint64_t json_special8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t low7 = x & ~high; /* the low seven bits: the tests below cannot carry across */
    uint64_t ctl = (low7 + (0x80 - 0x20) * ones) ^ high;   /* high bit: low7 < 0x20 */
    uint64_t quo = ((low7 ^ ('"' * ones)) + 0x7f * ones);  /* high bit clear: low7 == '"' */
    uint64_t bsl = ((low7 ^ ('\\' * ones)) + 0x7f * ones); /* clear: low7 == '\\' */
    uint64_t del = ((low7 ^ (0x7f * ones)) + 0x7f * ones); /* clear: low7 == DEL */
    return (ctl | ~quo | ~bsl | ~del) & ~x & high;
}

void lnk_writer_json_valid(lnk_writer *w, const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (json_special8(x) != 0)
            break;
    }
    if (i + 8 > n) {
        for (; i < n; i++) {
            unsigned char ch = (unsigned char)s[i];
            if (ch < 0x20 || ch == '"' || ch == '\\' || ch == 0x7f)
                break;
        }
    }
    if (i < n) { /* an escape: the general path (the same output for well-formed text) */
        lnk_writer_json_string(w, s, n);
        return;
    }
    if (n + 2 <= LNK_WBUF - w->len) {
        char *o = w->buf + w->len;
        o[0] = '"';
        memcpy(o + 1, s, n);
        o[n + 1] = '"';
        w->len += n + 2;
        return;
    }
    lnk_writer_addc(w, '"');
    lnk_writer_add(w, s, n);
    lnk_writer_addc(w, '"');
}

void lnk_writer_json_string(lnk_writer *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0, run = 0;
    lnk_writer_addc(w, '"');
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80) {
            uint32_t cp;
            int ok;
            size_t k;
            if (ch - 0xC2u <= 0x1Du && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
                i += 2; /* a well-formed two-byte sequence (Arabic) without the decoder */
                continue;
            }
            k = nk_utf8_decode(s, n, i, &cp, &ok);
            if (!ok) {
                lnk_writer_add(w, s + run, i - run);
                LNK_WLIT(w, "\xEF\xBF\xBD");
                run = i + k;
            }
            i += k;
            continue;
        }
        if (ch >= 0x20 && ch != 0x7f && ch != '"' && ch != '\\') {
            i++;
            continue;
        }
        lnk_writer_add(w, s + run, i - run);
        switch (ch) {
        case '"':
            LNK_WLIT(w, "\\\"");
            break;
        case '\\':
            LNK_WLIT(w, "\\\\");
            break;
        case '\n':
            LNK_WLIT(w, "\\n");
            break;
        case '\t':
            LNK_WLIT(w, "\\t");
            break;
        case '\r':
            LNK_WLIT(w, "\\r");
            break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15]};
            lnk_writer_add(w, esc, sizeof esc);
        }
        }
        i++;
        run = i;
    }
    lnk_writer_add(w, s + run, n - run);
    lnk_writer_addc(w, '"');
}

void lnk_cpconv_init(lnk_cpconv *c, const char *s, size_t len)
{
    c->s = s;
    c->len = len;
    c->byte = c->cp = 0;
    c->bad = len;
    c->valid = nk_utf8_validate(s, len, &c->bad) == NK_OK;
}

static size_t walk(const lnk_cpconv *c, size_t from, size_t to, size_t *at)
{
    size_t i = from, n = 0;
    if (c->valid) {
        const unsigned char *p = (const unsigned char *)c->s;
        for (; i + 8 <= to; i += 8) { /* eight bytes at a time: 8 - continuation bytes */
            uint64_t w;
            memcpy(&w, p + i, 8);
            uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ull) >> 7; /* 1 per byte */
            n += 8 - (size_t)((cont * 0x0101010101010101ull) >> 56);
        }
        for (; i < to; i++)
            n += (p[i] & 0xC0) != 0x80;
        while (i < c->len && (p[i] & 0xC0) == 0x80) /* to the end of a character */
            i++;
        *at = i;
        return n;
    }
    while (i < to) {
        i += nk_utf8_step(c->s, c->len, i);
        n++;
    }
    *at = i;
    return n;
}

size_t lnk_cpconv_at(lnk_cpconv *c, size_t byte)
{
    size_t at;
    if (byte > c->len)
        byte = c->len;
    if (byte < c->byte) {
        size_t back = walk(c, byte, c->byte, &at);
        if (at == c->byte) { /* byte is on the same character boundaries */
            c->byte = byte;
            c->cp -= back;
            return c->cp;
        }
        c->byte = c->cp = 0;
    }
    c->cp += walk(c, c->byte, byte, &at);
    c->byte = at;
    return c->cp;
}
