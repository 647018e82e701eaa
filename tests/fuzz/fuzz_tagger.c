/*
** fuzz_tagger.c
** The entity tagger's model loader and feature extractor (core/nk_tagger.h). The first byte
** picks the mode:
**   0  the rest is a model file: nk_tagger_load must refuse it or give a model that tags;
**   1  the rest is text, tagged by a small model trained here once, with hints cut from the
**      text's own bytes; then the same text is a training sentence (gold = the hints);
**   2  a valid model with bytes of the rest XOR-ed in at the positions they name: refused, or
**      loaded and usable.
** Checks: tagged words inside the text, in order, tags 0..8, an I- tag only after its B-/I-.
*/
#include "fuzz.h"
#include "nk_tagger.h"

static const char fz_train[] =
    "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xB3\xD9\x85\xD9\x8A\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xAD\xD8\xAF"
    "\xD8\xA7\xD8\xAF \xD9\x81\xD9\x8A \xD8\xAF\xD9\x85\xD8\xB4\xD9\x82 .";

static nk_buf fz_model;
static int fz_ready;

static void fz_check(const char *s, size_t len, const nk_tagvec *tv)
{
    size_t i, prev = 0;
    (void)s;
    for (i = 0; i < tv->n; i++) {
        int tg = tv->v[i].tag;
        NK_FUZZ_CHECK(tv->v[i].start >= prev && tv->v[i].start < tv->v[i].end &&
                      tv->v[i].end <= len);
        NK_FUZZ_CHECK(tg >= 0 && tg < NK_TAG_NTAGS);
        prev = tv->v[i].end;
    }
}

static void fz_setup(void)
{
    nk_trainer *tr;
    nk_tag_hint g[2] = {{7, 28, 0, 0}, {34, 42, 0, 1}};
    if (fz_ready)
        return;
    fz_ready = 1;
    nk_buf_init(&fz_model, NULL);
    tr = nk_trainer_new(12, NULL);
    NK_FUZZ_CHECK(tr != NULL);
    NK_FUZZ_CHECK(nk_trainer_add(tr, fz_train, sizeof fz_train - 1, g, 2, NULL, 0, NULL) == NK_OK);
    NK_FUZZ_CHECK(nk_trainer_run(tr, 2, 1, NULL, NULL, &fz_model, NULL) == NK_OK);
    nk_trainer_free(tr);
}

static void fz_tag(const nk_tagger *t, const char *s, size_t len, const nk_tag_hint *h, size_t nh)
{
    nk_tagvec tv;
    nk_error err;
    nk_tagvec_init(&tv, NULL);
    if (nk_tagger_tag(t, s, len, h, nh, &tv, &err) == NK_OK)
        fz_check(s, len, &tv);
    nk_tagvec_free(&tv);
}

NK_FUZZ_TARGET(tagger)
{
    size_t len, i;
    char *s;
    nk_error err;
    nk_tagger *t;
    if (size < 1 || size > NK_FUZZ_MAX)
        return 0;
    fz_setup();
    s = nk_fuzz_dup(data, size, 1, &len);
    switch (data[0] % 3) {
    case 0:
        t = nk_tagger_load(s, len, NULL, &err);
        if (t) {
            fz_tag(t, fz_train, sizeof fz_train - 1, NULL, 0);
            nk_tagger_free(t);
        }
        break;
    case 1: {
        nk_tag_hint h[8];
        size_t nh = 0;
        nk_trainer *tr;
        nk_buf out;
        t = nk_tagger_load(fz_model.data, fz_model.len, NULL, &err);
        NK_FUZZ_CHECK(t != NULL);
        for (i = 0; i + 1 < len && nh < 8; i += len / 8 + 1) {
            size_t a = (unsigned char)s[i] % (len + 1), b = a + (unsigned char)s[i + 1] % 16;
            h[nh].start = a;
            h[nh].end = b > len ? len : b;
            h[nh].source = (unsigned char)s[i] % NK_TAG_NSOURCES;
            h[nh].type = (unsigned char)s[i + 1] % NK_TAG_NHTYPES;
            nh++;
        }
        fz_tag(t, s, len, h, nh);
        nk_tagger_set_flags(t, 0);
        fz_tag(t, s, len, h, nh);
        nk_tagger_free(t);
        for (i = 0; i < nh; i++)
            h[i].type %= NK_TAG_NTYPES;
        tr = nk_trainer_new(12, NULL);
        NK_FUZZ_CHECK(tr != NULL);
        nk_buf_init(&out, NULL);
        if (nk_trainer_add(tr, s, len, h, nh, h, nh, &err) == NK_OK &&
            nk_trainer_run(tr, 1, 3, NULL, NULL, &out, &err) == NK_OK) {
            t = nk_tagger_load(out.data, out.len, NULL, &err);
            NK_FUZZ_CHECK(t != NULL);
            fz_tag(t, s, len, NULL, 0);
            nk_tagger_free(t);
        }
        nk_buf_free(&out);
        nk_trainer_free(tr);
        break;
    }
    default: {
        char *m = nk_fuzz_dup((const uint8_t *)fz_model.data, fz_model.len, 0, &i);
        size_t k;
        for (k = 0; k + 2 < len; k += 3) {
            size_t at = (((unsigned char)s[k] << 8) | (unsigned char)s[k + 1]) % fz_model.len;
            m[at] ^= s[k + 2];
        }
        t = nk_tagger_load(m, fz_model.len, NULL, &err);
        if (t) {
            fz_tag(t, fz_train, sizeof fz_train - 1, NULL, 0);
            nk_tagger_free(t);
        }
        free(m);
        break;
    }
    }
    free(s);
    return 0;
}
