/*
** eval_split.c
** Sentence F1 of the naskh splitter beside ICU's sentence BreakIterator
** (locale "ar") on the same text, in the same run.
**
**   eval_split TEXT GOLD [-v]
**
** GOLD holds "start<TAB>end" code point spans (end exclusive). Predicted
** spans are trimmed of white space (ICU's segments carry the trailing space)
** and blank segments dropped; a sentence counts when both ends match
** exactly. -v lists every missed and every spurious sentence of naskh,
** -vicu those of ICU.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "nk_split.h"
#include "nk_utf8.h"

typedef struct {
    size_t s, e;
} cspan;

typedef struct {
    cspan *v;
    size_t n, cap;
} cspans;

static void push(cspans *a, size_t s, size_t e)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 256;
        a->v = realloc(a->v, a->cap * sizeof(cspan));
        if (a->v == NULL) {
            perror("realloc");
            exit(2);
        }
    }
    a->v[a->n].s = s;
    a->v[a->n].e = e;
    a->n++;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    if (f == NULL) {
        perror(path);
        exit(2);
    }
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 1 << 16;
            buf = realloc(buf, cap + 1);
            if (buf == NULL)
                exit(2);
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Score pred against gold (both sorted by start); returns the number of exact
 * matches. */
static size_t matches(const cspans *gold, const cspans *pred)
{
    size_t i = 0, j = 0, m = 0;
    while (i < gold->n && j < pred->n) {
        if (gold->v[i].s < pred->v[j].s)
            i++;
        else if (gold->v[i].s > pred->v[j].s)
            j++;
        else {
            m += gold->v[i].e == pred->v[j].e;
            i++;
            j++;
        }
    }
    return m;
}

static void report(const char *name, const cspans *gold, const cspans *pred)
{
    size_t m = matches(gold, pred);
    double p = pred->n ? (double)m / (double)pred->n : 0;
    double r = gold->n ? (double)m / (double)gold->n : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("%-6s sentences=%zu gold=%zu exact=%zu  P=%.2f R=%.2f F1=%.2f\n", name, pred->n, gold->n,
           m, 100 * p, 100 * r, 100 * f);
}

/* Print the code point span [s, e) of the text. */
static void show(const char *tag, const char *text, const size_t *byte_of, cspan c)
{
    printf("  %s %zu-%zu: %.*s\n", tag, c.s, c.e, (int)(byte_of[c.e] - byte_of[c.s]),
           text + byte_of[c.s]);
}

static void diff(const char *text, const size_t *byte_of, const cspans *gold, const cspans *pred)
{
    size_t i, j;
    for (i = 0; i < gold->n; i++) {
        for (j = 0; j < pred->n; j++)
            if (pred->v[j].s == gold->v[i].s && pred->v[j].e == gold->v[i].e)
                break;
        if (j == pred->n)
            show("missed  ", text, byte_of, gold->v[i]);
    }
    for (j = 0; j < pred->n; j++) {
        for (i = 0; i < gold->n; i++)
            if (pred->v[j].s == gold->v[i].s && pred->v[j].e == gold->v[i].e)
                break;
        if (i == gold->n)
            show("spurious", text, byte_of, pred->v[j]);
    }
}

int main(int argc, char **argv)
{
    size_t len, glen, i, ncp = 0;
    char *text, *gtext, *p;
    size_t *cp_of, *byte_of; /* byte -> code point index; code point -> byte */
    cspans gold = {0}, mine = {0}, icu = {0};
    nk_spanvec sv;
    int verbose = argc > 3 && strcmp(argv[3], "-v") == 0;
    int verbose_icu = argc > 3 && strcmp(argv[3], "-vicu") == 0;

    if (argc < 3) {
        fprintf(stderr, "usage: eval_split TEXT GOLD [-v|-vicu]\n");
        return 2;
    }
    text = slurp(argv[1], &len);
    gtext = slurp(argv[2], &glen);
    cp_of = malloc((len + 1) * sizeof(size_t));
    byte_of = malloc((len + 1) * sizeof(size_t));
    if (cp_of == NULL || byte_of == NULL)
        return 2;
    for (i = 0; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            byte_of[ncp++] = i;
        cp_of[i] = ncp - 1;
    }
    cp_of[len] = ncp;
    byte_of[ncp] = len;

    for (p = gtext; *p;) {
        char *q;
        size_t s = strtoul(p, &q, 10), e = strtoul(q, &q, 10);
        if (q == p)
            break;
        push(&gold, s, e);
        p = q;
        while (*p == '\n' || *p == '\r')
            p++;
    }

    /* naskh, default options */
    nk_spanvec_init(&sv, NULL);
    if (nk_sentences(text, len, NULL, &sv) != NK_OK)
        return 2;
    for (i = 0; i < sv.n; i++)
        push(&mine, cp_of[sv.v[i].start], cp_of[sv.v[i].end]);
    nk_spanvec_free(&sv);

    /* ICU over the UTF-8 bytes */
    {
        UErrorCode e = U_ZERO_ERROR;
        UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "ar", NULL, 0, &e);
        UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &e);
        int32_t prev, cur;
        if (U_FAILURE(e))
            return 2;
        ubrk_setUText(bi, ut, &e);
        prev = ubrk_first(bi);
        while ((cur = ubrk_next(bi)) != UBRK_DONE) {
            size_t a = (size_t)prev, b = (size_t)cur;
            while (a < b && is_ws((unsigned char)text[a]))
                a++;
            while (b > a && is_ws((unsigned char)text[b - 1]))
                b--;
            if (a < b)
                push(&icu, cp_of[a], cp_of[b]);
            prev = cur;
        }
        ubrk_close(bi);
        utext_close(ut);
    }

    report("naskh", &gold, &mine);
    report("icu", &gold, &icu);
    if (verbose)
        diff(text, byte_of, &gold, &mine);
    if (verbose_icu)
        diff(text, byte_of, &gold, &icu);
    free(text);
    free(gtext);
    free(cp_of);
    free(byte_of);
    free(gold.v);
    free(mine.v);
    free(icu.v);
    return 0;
}
