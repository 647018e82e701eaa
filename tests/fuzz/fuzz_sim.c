/*
** fuzz_sim.c
** The summarizer's similarity core (nk_sim) on arbitrary text: byte 0 sets
** the number of documents (1..4), byte 1 the ranking options; each line of
** the rest is a sentence. Terms, IDF weighting, the similarity graph,
** LexRank/TextRank, centroid scores, near-duplicates, coverage and the
** budgeted selection. Checks: cosines in [0, 1], scores finite and not
** negative, duplicate representatives and selections in range.
*/
#include <math.h>

#include "fuzz.h"
#include "nk_sim.h"

static void sim_count(void *ud, uint32_t id)
{
    (void)id;
    (*(size_t *)ud)++;
}

NK_FUZZ_TARGET(sim)
{
    size_t len, i, j, n, a = 0, ndocs;
    char *s;
    nk_vocab *v;
    nk_simset *set;
    if (size < 2 || size > NK_FUZZ_MAX)
        return 0;
    ndocs = 1 + (data[0] & 3u);
    s = nk_fuzz_dup(data, size, 2, &len);
    v = nk_vocab_new(NULL);
    NK_FUZZ_CHECK(v != NULL);
    nk_vocab_add_stopword(v, "في", strlen("في"));
    nk_vocab_add_stopword(v, "the", 3);
    set = nk_simset_new(v, NULL);
    NK_FUZZ_CHECK(set != NULL);
    for (i = 0, n = 0; i <= len; i++) {
        if (i == len || s[i] == '\n') {
            nk_span sp;
            size_t terms = 0, words = 0;
            sp.start = a;
            sp.end = i;
            nk_vocab_terms(v, s, sp, sim_count, &terms, &words);
            if (nk_simset_add(set, s, sp, (uint32_t)(n % ndocs)) == NK_OK)
                n++;
            a = i + 1;
            if (n >= 512)
                break;
        }
    }
    n = nk_simset_size(set);
    if (n > 0 && nk_simset_prepare(set, NK_IDF_SET) == NK_OK) {
        double *scores = calloc(n, sizeof *scores), *cov = calloc(ndocs, sizeof *cov);
        size_t *rep = calloc(n, sizeof *rep), *out = calloc(n, sizeof *out), nout = 0;
        nk_rank_opts ro;
        nk_select_opts so;
        NK_FUZZ_CHECK(scores && cov && rep && out);
        for (i = 0; i < n && i < 32; i++)
            for (j = 0; j < n && j < 32; j++) {
                double c = nk_simset_cosine(set, i, j);
                NK_FUZZ_CHECK(c >= -1e-9 && c <= 1 + 1e-9);
            }
        ro.kind = (data[1] & 1) ? NK_RANK_TEXTRANK : NK_RANK_LEXRANK;
        ro.threshold = (data[1] & 2) ? 0.1 : 0;
        ro.damping = 0.85;
        ro.tol = 1e-6;
        ro.max_iter = 50;
        ro.prior = NULL;
        if (nk_simset_rank(set, &ro, scores) == NK_OK)
            for (i = 0; i < n; i++)
                NK_FUZZ_CHECK(isfinite(scores[i]) && scores[i] >= -1e-12);
        if (nk_simset_centroid(set, (data[1] & 4) ? 10 : 0, scores) == NK_OK)
            for (i = 0; i < n; i++)
                NK_FUZZ_CHECK(isfinite(scores[i]) && scores[i] >= -1e-12);
        if (nk_simset_duplicates(set, 0.8, rep) == NK_OK)
            for (i = 0; i < n; i++)
                NK_FUZZ_CHECK(rep[i] <= i);
        nk_simset_coverage(set, 1, cov, ndocs);
        so.words = (data[1] & 8) ? 30 : 0;
        so.sentences = 3;
        so.chars = 0;
        so.lambda = (data[1] & 16) ? 0.7 : 1.0;
        so.cutoff = 0.6;
        if (nk_simset_select(set, scores, NULL, &so, out, &nout) == NK_OK) {
            NK_FUZZ_CHECK(nout <= n);
            for (i = 0; i < nout; i++)
                NK_FUZZ_CHECK(out[i] < n);
        }
        free(scores);
        free(cov);
        free(rep);
        free(out);
    }
    nk_simset_free(set);
    nk_vocab_free(v);
    free(s);
    return 0;
}
