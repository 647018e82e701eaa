/*
** test_fuzz_replay.c
** Replays the inputs of the C core's fuzz targets (tests/fuzz/fuzz_*.c,
** compiled here as plain functions) as part of `make test`: every file of
** tests/fuzz/regressions/<target>/ (crashes the fuzzer once found, kept so
** they stay fixed), tests/fuzz/seeds/<target>/ and configs/samples/. Each input is copied into
** an exact-size buffer; under `make sanitize` ASan and UBSan watch the run.
** A target that breaks an invariant aborts, which fails the test.
** (The Lua-side targets, yaml and jsonl, are replayed by
** tests/lua/test_fuzz_regressions.lua.)
*/
#define NK_FUZZ_REPLAY 1

#include <dirent.h>

#include "../fuzz/fuzz_entrules.c"
#include "../fuzz/fuzz_gazetteer.c"
#include "../fuzz/fuzz_match.c"
#include "../fuzz/fuzz_normalize.c"
#include "../fuzz/fuzz_pattern.c"
#include "../fuzz/fuzz_sim.c"
#include "../fuzz/fuzz_split.c"
#include "../fuzz/fuzz_stem.c"
#include "../fuzz/fuzz_tagger.c"
#include "../fuzz/fuzz_tokens.c"
#include "../fuzz/fuzz_words.c"
#include "nk_test.h"

typedef struct {
    const char *name;
    int (*fn)(const uint8_t *data, size_t size);
} replay_target;

static const replay_target targets[] = {
    {"entrules", nk_fuzz_entrules},   {"gazetteer", nk_fuzz_gazetteer}, {"match", nk_fuzz_match},
    {"normalize", nk_fuzz_normalize}, {"pattern", nk_fuzz_pattern},     {"sim", nk_fuzz_sim},
    {"split", nk_fuzz_split},         {"stem", nk_fuzz_stem},           {"tagger", nk_fuzz_tagger},
    {"tokens", nk_fuzz_tokens},       {"words", nk_fuzz_words},
};

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every regular file of dir through fn; returns the number replayed (-1: no dir). */
static long replay_dir(const char *dir, int (*fn)(const uint8_t *, size_t))
{
    DIR *d = opendir(dir);
    struct dirent *ent;
    char *names[4096];
    size_t n = 0, i;
    long count = 0;
    if (d == NULL)
        return -1;
    while ((ent = readdir(d)) != NULL && n < sizeof names / sizeof names[0]) {
        if (ent->d_name[0] == '.')
            continue;
        names[n] = malloc(strlen(ent->d_name) + 1);
        if (names[n] == NULL)
            abort();
        strcpy(names[n], ent->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_name);
    for (i = 0; i < n; i++) {
        char path[1024];
        FILE *fh;
        long size;
        uint8_t *buf;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        fh = fopen(path, "rb");
        if (fh != NULL && fseek(fh, 0, SEEK_END) == 0 && (size = ftell(fh)) >= 0 &&
            fseek(fh, 0, SEEK_SET) == 0) {
            buf = malloc(size ? (size_t)size : 1);
            if (buf == NULL)
                abort();
            if (fread(buf, 1, (size_t)size, fh) == (size_t)size) {
                fn(buf, (size_t)size);
                count++;
            }
            free(buf);
        }
        if (fh != NULL)
            fclose(fh);
        free(names[i]);
    }
    return count;
}

int main(void)
{
    size_t t;
    for (t = 0; t < sizeof targets / sizeof targets[0]; t++) {
        static const char *const kinds[] = {"regressions", "seeds"};
        int k;
        for (k = 0; k < 2; k++) {
            char dir[256], title[320];
            long n;
            snprintf(dir, sizeof dir, "tests/fuzz/%s/%s", kinds[k], targets[t].name);
            n = replay_dir(dir, targets[t].fn);
            snprintf(title, sizeof title, "fuzz %s: %ld %s replayed without a crash",
                     targets[t].name, n < 0 ? 0 : n, kinds[k]);
            CHECK(1, title, "%s", "");
        }
        {
            char title[320];
            long n = replay_dir("configs/samples", targets[t].fn);
            snprintf(title, sizeof title, "fuzz %s: %ld samples replayed without a crash",
                     targets[t].name, n < 0 ? 0 : n);
            CHECK(n > 0, title, "%s", "configs/samples is missing");
        }
    }
    return NK_TEST_DONE();
}
