/*
** bench_match.c
** The matcher core without Lua or JSON: compile a surface list (one form per
** line, as make_gaz.py writes it) or load a compiled image, then match a text
** file read in 1 MB blocks cut after line breaks (as the peers read it), and
** print the match count and the time of each phase.
**
**   bench_match [-a] [-v] [-s] [-n] LIST|IMAGE TEXT
**     -a  all overlapping matches (default leftmost-longest)
**     -v  compile and match with spelling variants
**     -s  scan only: the text is taken as already normalized (no nk_normalize)
**     -n  normalize the list too (default: -s implies raw keys)
**   bench_match -w TEXT   write TEXT search-normalized to stdout (input of -s)
**
** Output (stderr): forms, compile/load seconds, memory, matches, match wall seconds and MB/s,
** match CPU seconds and MB/s of CPU time.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nk_match.h"
#include "nk_normalize.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of the process: on a shared, overcommitted machine wall time also counts waiting. */
static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *p;
    long sz;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (sz = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0) {
        perror(path);
        exit(2);
    }
    p = malloc((size_t)sz + 1);
    if (p == NULL || fread(p, 1, (size_t)sz, f) != (size_t)sz) {
        perror(path);
        exit(2);
    }
    fclose(f);
    p[sz] = '\0';
    *n = (size_t)sz;
    return p;
}

static int count_hit(void *ud, const nk_hit *h)
{
    (void)h;
    ++*(size_t *)ud;
    return 0;
}

int main(int argc, char **argv)
{
    nk_match_opts o = {0, 0};
    int scan = 0, normlist = 0, i = 1;
    size_t llen, tlen, hits = 0;
    char *list, *text;
    nk_gazetteer *g = NULL;
    nk_matcher *m;
    nk_error err;
    double t0, t1, t2, c2;
    if (argc == 3 && strcmp(argv[1], "-w") == 0) {
        nk_norm_profile p;
        nk_buf out;
        size_t n;
        char *t = slurp(argv[2], &n);
        nk_buf_init(&out, NULL);
        nk_norm_profile_named(&p, "search");
        if (nk_normalize(&p, t, n, &out, NULL, &err) != NK_OK) {
            fprintf(stderr, "bench_match: %s\n", err.msg);
            return 2;
        }
        fwrite(out.data, 1, out.len, stdout);
        nk_buf_free(&out);
        free(t);
        return 0;
    }
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-a") == 0)
            o.all = 1;
        else if (strcmp(argv[i], "-v") == 0)
            o.variants = 1;
        else if (strcmp(argv[i], "-s") == 0)
            scan = 1;
        else if (strcmp(argv[i], "-n") == 0)
            normlist = 1;
        else
            break;
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: bench_match [-a] [-v] [-s] [-n] LIST|IMAGE TEXT\n");
        return 2;
    }
    list = slurp(argv[i], &llen);
    t0 = now();
    if (nk_gazetteer_is_image(list, llen)) {
        if (nk_gazetteer_load(list, llen, NULL, &g, &err) != NK_OK) {
            fprintf(stderr, "bench_match: %s\n", err.msg);
            return 2;
        }
    } else {
        nk_gzbuilder *b = nk_gzbuilder_new(NULL, (scan && !normlist) ? NK_GZ_RAW : 0);
        char *p = list, *end = list + llen;
        while (p < end) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = (size_t)((nl ? nl : end) - p);
            if (n > 0) {
                char id[32];
                snprintf(id, sizeof id, "e%zu", (size_t)(p - list));
                if (nk_gzbuilder_add(b, id, "X", p, n, NULL, &err) != NK_OK) {
                    fprintf(stderr, "bench_match: %s\n", err.msg);
                    return 2;
                }
            }
            p = nl ? nl + 1 : end;
        }
        if (nk_gzbuilder_build(b, o.variants ? NK_GZ_VARIANTS : 0, &g, &err) != NK_OK) {
            fprintf(stderr, "bench_match: %s\n", err.msg);
            return 2;
        }
        nk_gzbuilder_free(b);
    }
    t1 = now();
    m = nk_matcher_new(g, NULL);
    t2 = now();
    c2 = cpu();
    {
        /* the text in 1 MB blocks cut after the last line break, as the peers read it */
        FILE *f = fopen(argv[i + 1], "rb");
        size_t cap = (size_t)1 << 20, have = 0, got;
        text = malloc(cap);
        tlen = 0;
        if (f == NULL || text == NULL) {
            perror(argv[i + 1]);
            return 2;
        }
        for (;;) {
            size_t cut;
            got = fread(text + have, 1, cap - have, f);
            have += got;
            if (have == 0)
                break;
            for (cut = have; cut > 0 && text[cut - 1] != '\n'; cut--)
                ;
            if (got == 0 || cut == 0)
                cut = have; /* end of input, or a line longer than the block */
            if (cut == have && got != 0 && have == cap && text[have - 1] != '\n') {
                char *bigger = realloc(text, cap * 2); /* one long line: grow */
                if (bigger == NULL)
                    return 2;
                text = bigger;
                cap *= 2;
                continue;
            }
            if (scan ? nk_matcher_scan(m, text, cut, &o, count_hit, &hits) != NK_OK
                     : nk_matcher_match(m, text, cut, &o, count_hit, &hits, &err) != NK_OK) {
                fprintf(stderr, "bench_match: %s\n", scan ? "scan failed" : err.msg);
                return 2;
            }
            tlen += cut;
            memmove(text, text + cut, have - cut);
            have -= cut;
            if (got == 0 && have == 0)
                break;
        }
        fclose(f);
    }
    {
        double t3 = now(), c3 = cpu();
        fprintf(stderr,
                "forms=%zu words=%zu load_s=%.3f memory_MB=%.1f matches=%zu match_s=%.3f "
                "MB/s=%.1f match_cpu_s=%.3f cpu_MB/s=%.1f\n",
                nk_gazetteer_forms(g), nk_gazetteer_words(g), t1 - t0,
                (double)nk_gazetteer_memory(g) / 1e6, hits, t3 - t2, (double)tlen / 1e6 / (t3 - t2),
                c3 - c2, (double)tlen / 1e6 / (c3 - c2));
        printf("matches=%zu\n", hits);
    }
    nk_matcher_free(m);
    nk_gazetteer_free(g);
    free(list);
    free(text);
    return 0;
}
