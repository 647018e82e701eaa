/*
** test_sim.c
** Unit tests of nk_sim: keys, the vocabulary, sentence sets (cosine,
** duplicates, ranks, centroid, coverage, selection) and allocation failures
** at every point of a complete run.
*/
#include <math.h>
#include <string.h>

#include "nk_sim.h"
#include "nk_test.h"

static const char TEXT[] = "التقى بوتين الأسد في سوتشي. التقى بوتين الأسد في سوتشي أمس. "
                           "ارتفعت أسعار النفط في الأسواق العالمية. قمة ثلاثية في سوتشي بين "
                           "روسيا وإيران وتركيا.";

/* The spans of the four sentences of TEXT (found by their periods). */
static size_t sentence_spans(const char *t, size_t len, nk_span *out)
{
    size_t n = 0, start = 0, i;
    for (i = 0; i < len; i++) {
        if (t[i] == '.') {
            out[n].start = start;
            out[n].end = i + 1;
            n++;
            start = i + 2;
        }
    }
    return n;
}

/* An allocator that fails the Nth call (0 = never). */
typedef struct {
    long calls, fail_at;
} failing;

static void *failing_fn(void *ud, void *p, size_t oldsize, size_t newsize)
{
    failing *f = ud;
    (void)oldsize;
    if (newsize == 0) {
        free(p);
        return NULL;
    }
    if (++f->calls == f->fail_at)
        return NULL;
    return realloc(p, newsize);
}

/* A whole run; returns NK_OK or the first failure. */
static nk_status full_run(const nk_alloc *a, const char *text, size_t len, size_t *nsel)
{
    nk_span sp[8];
    size_t n = sentence_spans(text, len, sp), i, out[8];
    nk_vocab *v = nk_vocab_new(a);
    nk_simset *s;
    nk_status st = NK_ENOMEM;
    double scores[8], cov[2];
    nk_rank_opts ro = {NK_RANK_LEXRANK, 0.0, 0.85, 1e-6, 100, NULL};
    nk_select_opts so = {12, 0, 0, 0.7, 0.7};
    size_t rep[8];
    if (v == NULL)
        return NK_ENOMEM;
    s = nk_simset_new(v, a);
    if (s == NULL)
        goto done;
    if ((st = nk_vocab_add_stopword(v, "في", strlen("في"))) != NK_OK)
        goto done;
    for (i = 0; i < n; i++)
        if ((st = nk_simset_add(s, text, sp[i], i < 2 ? 0 : 1)) != NK_OK)
            goto done;
    if ((st = nk_simset_prepare(s, NK_IDF_SET)) != NK_OK)
        goto done;
    if ((st = nk_simset_rank(s, &ro, scores)) != NK_OK)
        goto done;
    if ((st = nk_simset_centroid(s, 3, scores)) != NK_OK)
        goto done;
    if ((st = nk_simset_coverage(s, 1, cov, 2)) != NK_OK)
        goto done;
    {
        /* shared terms from the set, with a piece of text outside its sentences */
        nk_docpiece piece = {text, {0, len}, 1};
        if ((st = nk_simset_shared_terms(s, 0, 2, &piece, 1, cov)) != NK_OK)
            goto done;
    }
    if ((st = nk_simset_duplicates(s, 0.7, rep)) != NK_OK)
        goto done;
    st = nk_simset_select(s, scores, NULL, &so, out, nsel);
done:
    nk_simset_free(s);
    nk_vocab_free(v);
    return st;
}

int main(void)
{
    char out[64];
    size_t len = strlen(TEXT), kl, n, i;
    char *text = nk_test_dup(TEXT, len);
    nk_span sp[8];
    nk_vocab *v = nk_vocab_new(NULL);
    nk_simset *s = nk_simset_new(v, NULL);
    uint32_t id, id2;
    double sc[8], cov[2], sum = 0.0;
    size_t rep[8], sel[8], nsel;
    nk_rank_opts ro = {NK_RANK_LEXRANK, 0.0, 0.85, 1e-6, 100, NULL};
    nk_select_opts so = {12, 0, 0, 1.0, 0.7};

    kl = nk_sim_key("والرئيس", strlen("والرئيس"), out);
    CHECK(kl == strlen("رئيس") && memcmp(out, "رئيس", kl) == 0, "key: article and و stripped",
          "%.*s", (int)kl, out);
    kl = nk_sim_key("٢٠١٧", strlen("٢٠١٧"), out);
    CHECK(kl == 4 && memcmp(out, "2017", 4) == 0, "key: Arabic-Indic digits folded", "%.*s",
          (int)kl, out);

    CHECK(nk_vocab_intern(v, "abc", 3, &id) == NK_OK &&
              nk_vocab_intern(v, "abc", 3, &id2) == NK_OK && id == id2,
          "intern is idempotent", "%u %u", id, id2);
    CHECK(nk_vocab_find(v, "abc", 3, &id2) && !nk_vocab_find(v, "abd", 3, &id2), "find", "%s", "");
    for (i = 0; i < 5000; i++) {
        char w[16];
        int wl = snprintf(w, sizeof w, "w%zu", i);
        nk_vocab_intern(v, w, (size_t)wl, &id);
    }
    CHECK(nk_vocab_size(v) == 5001 && nk_vocab_find(v, "w4321", 5, &id2),
          "vocab grows and rehashes", "%zu", nk_vocab_size(v));
    CHECK(nk_vocab_add_stopword(v, "في", strlen("في")) == NK_OK, "stopword", "%s", "");

    n = sentence_spans(text, len, sp);
    for (i = 0; i < n; i++)
        nk_simset_add(s, text, sp[i], i < 2 ? 0 : 1);
    CHECK(nk_simset_size(s) == 4, "four sentences", "%zu", nk_simset_size(s));
    CHECK(nk_simset_rank(s, &ro, sc) == NK_EINVAL, "rank before prepare is refused", "%s", "");
    CHECK(nk_simset_prepare(s, NK_IDF_SET) == NK_OK && nk_simset_prepared(s), "prepare", "%s", "");
    CHECK(fabs(nk_simset_cosine(s, 0, 0) - 1.0) < 1e-9, "self cosine is 1", "%f",
          nk_simset_cosine(s, 0, 0));
    CHECK(nk_simset_cosine(s, 0, 1) > 0.7 && nk_simset_cosine(s, 0, 2) == 0.0,
          "near duplicates are close, unrelated sentences 0", "%f %f", nk_simset_cosine(s, 0, 1),
          nk_simset_cosine(s, 0, 2));
    CHECK(nk_simset_info(s, 3).words == 8 && nk_simset_info(s, 3).doc == 1, "info", "%zu",
          nk_simset_info(s, 3).words);
    nk_simset_rank(s, &ro, sc);
    for (i = 0; i < 4; i++)
        sum += sc[i];
    CHECK(fabs(sum - 1.0) < 1e-6 && sc[2] < sc[0], "lexrank: a distribution, central first", "%f",
          sum);
    ro.kind = NK_RANK_TEXTRANK;
    CHECK(nk_simset_rank(s, &ro, sc) == NK_OK, "textrank", "%s", "");
    nk_simset_duplicates(s, 0.7, rep);
    CHECK(rep[0] == 0 && rep[1] == 0 && rep[2] == 2 && rep[3] == 3, "duplicate groups",
          "%zu %zu %zu %zu", rep[0], rep[1], rep[2], rep[3]);
    nk_simset_coverage(s, 1, cov, 2);
    CHECK(cov[0] > 0.0 && cov[1] > 0.0, "coverage across documents", "%f %f", cov[0], cov[1]);
    sc[0] = 1.0, sc[1] = 0.9, sc[2] = 0.5, sc[3] = 0.1;
    nk_simset_select(s, sc, NULL, &so, sel, &nsel);
    CHECK(nsel == 2 && sel[0] == 0 && sel[1] == 2, "selection: budget and cutoff", "%zu", nsel);
    nk_simset_clear(s);
    CHECK(nk_simset_size(s) == 0 && !nk_simset_prepared(s), "clear", "%s", "");
    nk_simset_free(s);
    nk_vocab_free(v);
    nk_simset_free(NULL);
    nk_vocab_free(NULL);

    {
        long k;
        int all_ok = 1;
        size_t want = 0, got = 0;
        full_run(NULL, text, len, &want);
        for (k = 1; k < 200; k++) {
            failing f = {0, k};
            nk_alloc a = {failing_fn, &f};
            nk_status st = full_run(&a, text, len, &got);
            if (st == NK_OK) {
                if (got != want)
                    all_ok = 0;
                break;
            }
            if (st != NK_ENOMEM)
                all_ok = 0;
        }
        CHECK(all_ok && k < 200, "allocation failure at every point: NK_ENOMEM, no leak or crash",
              "k=%ld", k);
    }
    free(text);
    return NK_TEST_DONE();
}
