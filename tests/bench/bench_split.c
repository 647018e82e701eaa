/*
** bench_split.c
** Benchmark driver: splits (or tokenizes) stdin with the naskh core, the
** same way the ICU peer icu_sent reads it: 1 MB blocks cut after the last
** line end (a line end always ends a sentence and a token, so cutting there
** never changes the result).
**
**   bench_split split|paragraphs|tokens|clitics [sum] < text
**
** Prints "sentences=N bytes=B" (or paragraphs=, tokens=, pieces=; with "sum"
** also a checksum of every span, to compare builds) and, on stderr, the
** in-process time of the scan alone.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nk_split.h"
#include "nk_tokens.h"

#define BLOCK (1u << 20)

enum { M_SPLIT, M_PARAS, M_TOKENS, M_CLITICS };

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A checksum of every span, to compare builds (e.g. with -DNK_NO_SIMD): "sum" mode only. */
static unsigned long long sum;
static int summing;
#define SUM(x)                                                                                     \
    do {                                                                                           \
        if (summing)                                                                               \
            sum = sum * 31 + (x);                                                                  \
    } while (0)

static unsigned long long process(int mode, const char *s, size_t n, unsigned long long base)
{
    unsigned long long count = 0;
    nk_span sp;
    if (mode == M_SPLIT) {
        nk_splitter it;
        nk_splitter_init(&it, s, n, NULL);
        while (nk_splitter_next(&it, &sp)) {
            count++;
            SUM(base + sp.start + (base + sp.end) * 7);
        }
    } else if (mode == M_PARAS) {
        nk_parasplitter it;
        nk_parasplitter_init(&it, s, n, 0);
        while (nk_parasplitter_next(&it, &sp)) {
            count++;
            SUM(base + sp.start + (base + sp.end) * 7);
        }
    } else {
        nk_tokenizer it;
        nk_token toks[256];
        size_t got, k;
        nk_tokenizer_init(&it, s, n);
        while ((got = nk_tokenizer_fill(&it, toks, 256)) > 0) {
            for (k = 0; k < got; k++) {
                nk_token tok = toks[k];
                count++;
                SUM(base + tok.span.start + (base + tok.span.end) * 7 + tok.cls);
                if (mode == M_CLITICS && tok.cls == NK_TOK_ARABIC) {
                    nk_piece pc[NK_MAX_PIECES];
                    size_t j, np = nk_clitics(s, tok.span, pc);
                    count += np - 1;
                    for (j = 0; j < np; j++)
                        SUM(pc[j].span.end + pc[j].kind);
                }
            }
        }
    }
    return count;
}

int main(int argc, char **argv)
{
    static const char *const names[] = {"sentences", "paragraphs", "tokens", "pieces"};
    int mode;
    char *buf;
    size_t have = 0;
    unsigned long long count = 0, bytes = 0;
    double busy = 0;

    if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "sum") != 0)) {
        fprintf(stderr, "usage: bench_split split|paragraphs|tokens|clitics [sum] < text\n");
        return 2;
    }
    if (strcmp(argv[1], "split") == 0)
        mode = M_SPLIT;
    else if (strcmp(argv[1], "paragraphs") == 0)
        mode = M_PARAS;
    else if (strcmp(argv[1], "tokens") == 0)
        mode = M_TOKENS;
    else if (strcmp(argv[1], "clitics") == 0)
        mode = M_CLITICS;
    else {
        fprintf(stderr, "bench_split: unknown mode '%s'\n", argv[1]);
        return 2;
    }
    summing = argc == 3;
    buf = malloc(2 * (size_t)BLOCK);
    if (buf == NULL)
        return 1;
    for (;;) {
        ssize_t r = read(0, buf + have, BLOCK);
        size_t cut;
        double t0;
        if (r < 0) {
            perror("read");
            return 1;
        }
        have += (size_t)r;
        if (r > 0 && have < BLOCK)
            continue;
        cut = have;
        if (r > 0) {
            char *nl = memrchr(buf, '\n', have);
            if (nl != NULL)
                cut = (size_t)(nl - buf) + 1;
            else
                while (cut > 0 && ((unsigned char)buf[cut - 1] & 0xC0) == 0x80)
                    cut--;
            if (nl == NULL && cut > 0 && (unsigned char)buf[cut - 1] >= 0xC0)
                cut--;
        }
        t0 = now();
        count += process(mode, buf, cut, bytes);
        busy += now() - t0;
        bytes += cut;
        memmove(buf, buf + cut, have - cut);
        have -= cut;
        if (r == 0)
            break;
    }
    if (summing)
        printf("%s=%llu bytes=%llu checksum=%016llx\n", names[mode], count, bytes, sum);
    else
        printf("%s=%llu bytes=%llu\n", names[mode], count, bytes);
    fprintf(stderr, "bench_split %s: %.1f MB/s in the scan alone (%.3f s)\n", argv[1],
            busy > 0 ? (double)bytes / 1e6 / busy : 0.0, busy);
    free(buf);
    return 0;
}
