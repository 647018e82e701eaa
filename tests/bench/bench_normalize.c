/*
** bench_normalize.c  —  the normalizer's C driver for tests/bench/bench_normalize.sh:
** streams stdin through nk_normalizer_feed/finish in 1 MB blocks and writes the
** normalized text to stdout (so the core is measured, not Lua).
**
**   bench_normalize [-p PROFILE] [-s SWITCH=VALUE]... [-m] [-n] < in > out
**     -p PROFILE  search (default), display, camel, none
**     -s SW=V     override a switch of the profile (after -p)
**     -m          also build the offset map of the whole stream (its size goes to stderr)
**     -n          do not write the output (count bytes only)
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nk_normalize.h"

#define BLOCK (1u << 20)

int main(int argc, char **argv)
{
    const char *profile = "search";
    int with_map = 0, quiet = 0, opt;
    nk_norm_profile p;
    nk_normalizer *n;
    nk_error err;
    nk_buf out;
    nk_offmap map;
    char *buf;
    size_t total_in = 0, total_out = 0, map_max = 0;

    const char *sets[32];
    int nsets = 0, k;
    while ((opt = getopt(argc, argv, "p:s:mn")) != -1) {
        switch (opt) {
        case 'p':
            profile = optarg;
            break;
        case 's':
            if (nsets < 32)
                sets[nsets++] = optarg;
            break;
        case 'm':
            with_map = 1;
            break;
        case 'n':
            quiet = 1;
            break;
        default:
            fprintf(stderr, "usage: bench_normalize [-p PROFILE] [-s SWITCH=VALUE]... [-m] [-n]\n");
            return 2;
        }
    }
    if (nk_norm_profile_named(&p, profile) != NK_OK) {
        fprintf(stderr, "bench_normalize: unknown profile '%s'\n", profile);
        return 2;
    }
    for (k = 0; k < nsets; k++) {
        char name[64];
        const char *eq = strchr(sets[k], '=');
        size_t l = eq ? (size_t)(eq - sets[k]) : 0;
        if (eq == NULL || l >= sizeof name) {
            fprintf(stderr, "bench_normalize: -s expects SWITCH=VALUE\n");
            return 2;
        }
        memcpy(name, sets[k], l);
        name[l] = 0;
        if (nk_norm_profile_set(&p, name, eq + 1, &err) != NK_OK) {
            fprintf(stderr, "bench_normalize: %s\n", err.msg);
            return 2;
        }
    }
    n = nk_normalizer_new(&p, NULL, &err);
    buf = malloc(BLOCK);
    if (n == NULL || buf == NULL) {
        fprintf(stderr, "bench_normalize: cannot start\n");
        return 1;
    }
    nk_buf_init(&out, NULL);
    nk_offmap_init(&map, NULL);
    for (;;) {
        ssize_t r = read(0, buf, BLOCK);
        nk_status st;
        if (r < 0) {
            perror("read");
            return 1;
        }
        if (r == 0)
            st = nk_normalizer_finish(n, &out, with_map ? &map : NULL, &err);
        else
            st = nk_normalizer_feed(n, buf, (size_t)r, &out, with_map ? &map : NULL, &err);
        if (st != NK_OK) {
            fprintf(stderr, "bench_normalize: %s\n", err.msg);
            return 1;
        }
        if (!quiet && out.len > 0 && fwrite(out.data, 1, out.len, stdout) != out.len) {
            perror("write");
            return 1;
        }
        total_in += (size_t)r;
        total_out += out.len;
        out.len = 0;
        if (with_map) {
            if (nk_offmap_bytes(&map) > map_max)
                map_max = nk_offmap_bytes(&map);
        }
        if (r == 0)
            break;
    }
    if (quiet || with_map)
        fprintf(stderr, "in=%zu out=%zu map_bytes_max=%zu\n", total_in, total_out, map_max);
    nk_offmap_free(&map);
    nk_buf_free(&out);
    nk_normalizer_free(n);
    free(buf);
    return fflush(stdout) ? 1 : 0;
}
