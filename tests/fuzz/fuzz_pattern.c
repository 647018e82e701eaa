/*
** fuzz_pattern.c
** The pattern compiler and matcher of core/nk_pattern.c over arbitrary bytes:
** the input up to its first NUL byte is a patterns file, the rest a text to
** scan with it. Checks: a compile error has a line, a column and a message;
** a compiled set scans any text with tokens inside the text and in order,
** matches ordered by first token, inside the tokens, and captures inside
** their match.
*/
#include "fuzz.h"
#include "nk_pattern.h"

NK_FUZZ_TARGET(pattern)
{
    size_t cut, srclen, len, k;
    char *src, *s;
    nk_pattern_set *set = NULL;
    nk_error err;
    nk_status st;
    nk_pattern_result r;
    if (size > NK_FUZZ_MAX)
        return 0;
    for (cut = 0; cut < size && data[cut] != 0; cut++)
        ;
    src = nk_fuzz_dup(data, cut, 0, &srclen);
    s = nk_fuzz_dup(data, size, cut < size ? cut + 1 : size, &len);
    memset(&err, 0, sizeof err);
    st = nk_pattern_compile(src, srclen, NULL, &set, &err);
    if (st != NK_OK) {
        NK_FUZZ_CHECK(set == NULL);
        NK_FUZZ_CHECK(st == NK_EFORMAT || st == NK_ERANGE);
        NK_FUZZ_CHECK(err.line >= 1 && err.col >= 1 && err.msg[0] != '\0');
        free(src);
        free(s);
        return 0;
    }
    nk_pattern_result_init(&r, NULL);
    st = nk_pattern_scan(set, s, len, &r);
    NK_FUZZ_CHECK(st == NK_OK);
    for (k = 0; k < r.ntok; k++) {
        NK_FUZZ_CHECK(r.tok[k].start < r.tok[k].end && r.tok[k].end <= len);
        NK_FUZZ_CHECK(k == 0 || r.tok[k].start >= r.tok[k - 1].end);
    }
    for (k = 0; k < r.nm; k++) {
        const nk_pattern_match *m = &r.m[k];
        NK_FUZZ_CHECK(m->first < m->end && m->end <= r.ntok);
        NK_FUZZ_CHECK(m->pattern < nk_pattern_count(set));
        NK_FUZZ_CHECK(k == 0 || m->first >= r.m[k - 1].first);
        NK_FUZZ_CHECK(m->cap0 + m->ncap <= r.ncap);
        for (uint32_t c = 0; c < m->ncap; c++) {
            const nk_pattern_cap *cp = &r.cap[m->cap0 + c];
            NK_FUZZ_CHECK(cp->first >= m->first && cp->first < cp->end && cp->end <= m->end);
            NK_FUZZ_CHECK(nk_pattern_capture_name(set, cp->name) != NULL);
        }
    }
    nk_pattern_result_free(&r);
    nk_pattern_free(set);
    free(src);
    free(s);
    return 0;
}
