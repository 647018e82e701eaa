/*
** test_tagger.c
** The entity tagger (core/nk_tagger.h): training a model on a few sentences made here, the
** model file round trip and its determinism, decoding (BIO, sentences, hints), and the loader
** refusing every truncation, byte flips, a foreign fingerprint and failing allocations.
*/
#include "nk_tagger.h"
#include "nk_test.h"

/* قال سمير الحداد في دمشق . / أكد كريم النجار في بيروت . */
static const char *const SENT[] = {
    "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xB3\xD9\x85\xD9\x8A\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xAD\xD8\xAF"
    "\xD8\xA7\xD8\xAF \xD9\x81\xD9\x8A \xD8\xAF\xD9\x85\xD8\xB4\xD9\x82 .",
    "\xD8\xA3\xD9\x83\xD8\xAF \xD9\x83\xD8\xB1\xD9\x8A\xD9\x85 \xD8\xA7\xD9\x84\xD9\x86\xD8\xAC"
    "\xD8\xA7\xD8\xB1 \xD9\x81\xD9\x8A \xD8\xA8\xD9\x8A\xD8\xB1\xD9\x88\xD8\xAA .",
};
/* both: words 2-3 PERS (bytes 7..27 / 7..27), word 5 LOC (34..41 / 34..43) */
static const nk_tag_hint GOLD0[] = {{7, 28, 0, 0}, {34, 42, 0, 1}};
static const nk_tag_hint GOLD1[] = {{7, 28, 0, 0}, {34, 44, 0, 1}};

static nk_status train(nk_buf *out, const nk_alloc *a)
{
    nk_trainer *tr = nk_trainer_new(12, a);
    nk_status st = NK_ENOMEM;
    int r;
    if (!tr)
        return NK_ENOMEM;
    for (r = 0; r < 5; r++) {
        st = nk_trainer_add(tr, SENT[0], strlen(SENT[0]), GOLD0, 2, NULL, 0, NULL);
        if (st == NK_OK)
            st = nk_trainer_add(tr, SENT[1], strlen(SENT[1]), GOLD1, 2, NULL, 0, NULL);
        if (st != NK_OK)
            break;
    }
    if (st == NK_OK)
        st = nk_trainer_run(tr, 4, 1, NULL, NULL, out, NULL);
    nk_trainer_free(tr);
    return st;
}

int main(void)
{
    nk_buf m1, m2;
    nk_tagger *t;
    nk_tagvec tv;
    nk_error err;
    size_t n, i;
    int refused = 1;
    char *copy;

    nk_buf_init(&m1, NULL);
    nk_buf_init(&m2, NULL);
    CHECK(train(&m1, NULL) == NK_OK && train(&m2, NULL) == NK_OK, "training succeeds", "status");
    CHECK(m1.len == m2.len && memcmp(m1.data, m2.data, m1.len) == 0,
          "the same sentences and seed give the same model bytes", "%zu vs %zu", m1.len, m2.len);
    CHECK(memcmp(m1.data, "NKTAG1\n", 7) == 0, "the model starts with its magic", "header");

    copy = nk_test_dup(m1.data, m1.len);
    t = nk_tagger_load(copy, m1.len, NULL, &err);
    free(copy);
    CHECK(t != NULL, "the model loads", "%s", err.msg);
    if (t) {
        nk_tagvec_init(&tv, NULL);
        CHECK(nk_tagger_tag(t, SENT[1], strlen(SENT[1]), NULL, 0, &tv, &err) == NK_OK && tv.n == 6,
              "tagging gives one tag per word", "n %zu", tv.n);
        CHECK(tv.n == 6 && tv.v[0].tag == 0 && tv.v[1].tag == 1 && tv.v[2].tag == 2 &&
                  tv.v[4].tag == 3 && tv.v[5].tag == 0,
              "a training sentence reads back: O B-PERS I-PERS O B-LOC O", "%d %d %d %d %d %d",
              tv.v[0].tag, tv.v[1].tag, tv.v[2].tag, tv.v[3].tag, tv.v[4].tag, tv.v[5].tag);
        {
            nk_tag_hint bad = {0, 3, 7, 0};
            CHECK(nk_tagger_tag(t, SENT[1], strlen(SENT[1]), &bad, 1, &tv, &err) == NK_EINVAL,
                  "a hint with an unknown source is refused", "%s", err.msg);
        }
        nk_tagvec_free(&tv);
        nk_tagger_free(t);
    }
    CHECK(strcmp(nk_tag_name(3), "B-LOC") == 0 && nk_tag_name(9) == NULL &&
              nk_tag_type("ORG", 3) == 2 && nk_tag_type("X", 1) == -1,
          "tag and type names", "names");

    /* every proper prefix is refused */
    for (n = 0; n < m1.len && refused; n++) {
        copy = nk_test_dup(m1.data, n);
        t = nk_tagger_load(copy, n, NULL, &err);
        free(copy);
        if (t) {
            refused = 0;
            nk_tagger_free(t);
        }
    }
    CHECK(refused, "every truncation of the model is refused", "prefix of %zu bytes loaded", n);
    /* a flipped byte after the header is refused (checksum); in the header, refused or harmless */
    refused = 1;
    for (i = 48; i < m1.len && refused; i += 97) {
        copy = nk_test_dup(m1.data, m1.len);
        copy[i] ^= 0x21;
        t = nk_tagger_load(copy, m1.len, NULL, &err);
        free(copy);
        if (t) {
            refused = 0;
            nk_tagger_free(t);
        }
    }
    CHECK(refused, "a flipped byte in the weights is refused", "byte %zu", i);
    copy = nk_test_dup(m1.data, m1.len);
    copy[16] ^= 1;
    t = nk_tagger_load(copy, m1.len, NULL, &err);
    free(copy);
    CHECK(t == NULL && strstr(err.msg, "another feature extractor") != NULL,
          "a model of another feature extractor is refused with a clear message", "%s", err.msg);
    nk_tagger_free(t);

    /* failing allocations: load and train return NK_ENOMEM or succeed, never crash or leak */
    {
        nk_test_failer f;
        nk_alloc fa = {nk_test_fail_alloc, &f};
        int k, ok = 1;
        for (k = 0; k < 40; k++) {
            nk_buf b;
            nk_status st;
            f.left = k;
            nk_buf_init(&b, NULL);
            st = train(&b, &fa);
            if (st != NK_OK && st != NK_ENOMEM)
                ok = 0;
            nk_buf_free(&b);
            f.left = k;
            t = nk_tagger_load(m1.data, m1.len, &fa, &err);
            nk_tagger_free(t);
        }
        CHECK(ok, "training and loading under failing allocations", "status");
    }
    nk_buf_free(&m1);
    nk_buf_free(&m2);
    return NK_TEST_DONE();
}
