/*
** fuzz_match.c
** Matching arbitrary text against a fixed gazetteer (built once, with
** spelling variants). Byte 0: bit 0 all matches, bit 1 variant keys; the
** rest is the text. Checks: hits inside the text, the clitic just before
** the entity, entries in range, leftmost-longest hits ordered and disjoint;
** the scan alone on valid UTF-8 input.
*/
#include "fuzz.h"
#include "nk_gazetteer.h"
#include "nk_match.h"
#include "nk_utf8.h"

static const char match_tsv[] = "مصر\tcountry\teg\n"
                                "جمهورية مصر العربية\tcountry\teg\n"
                                "القاهرة\tcity\tcairo\n"
                                "الإسكندرية\tcity\talex\n"
                                "عبد الفتاح السيسي\tperson\tsisi\n"
                                "السيسي\tperson\tsisi\n"
                                "الأمم المتحدة\torg\tun\n"
                                "الأمم\torg\tumam\n"
                                "الولايات المتحدة الأمريكية\tcountry\tus\n"
                                "Egypt\tcountry\teg\n"
                                "New York\tcity\tnyc\n"
                                "غزة\tcity\tgaza\n"
                                "بيت لحم\tcity\tbethlehem\n"
                                "لبنان\tcountry\tlb\n";

static nk_gazetteer *match_g;

typedef struct {
    size_t len, entries, last_end;
    int all;
} match_state;

static int match_hit(void *ud, const nk_hit *h)
{
    match_state *st = ud;
    NK_FUZZ_CHECK(h->span.start < h->span.end && h->span.end <= st->len);
    NK_FUZZ_CHECK(h->clitic.start <= h->clitic.end && h->clitic.end <= h->span.start);
    NK_FUZZ_CHECK(h->entry < st->entries);
    if (!st->all) {
        NK_FUZZ_CHECK(h->clitic.start >= st->last_end && h->span.start >= st->last_end);
        st->last_end = h->span.end;
    }
    return 0;
}

NK_FUZZ_TARGET(match)
{
    size_t len, bad;
    char *s;
    nk_matcher *m;
    nk_match_opts o;
    match_state st;
    nk_error err;
    if (size < 1 || size > NK_FUZZ_MAX)
        return 0;
    if (match_g == NULL) {
        nk_gzbuilder *b = nk_gzbuilder_new(NULL, 0);
        NK_FUZZ_CHECK(b != NULL);
        NK_FUZZ_CHECK(nk_gzbuilder_add_tsv(b, match_tsv, sizeof match_tsv - 1, &err) == NK_OK);
        NK_FUZZ_CHECK(nk_gzbuilder_build(b, NK_GZ_VARIANTS, &match_g, &err) == NK_OK);
        nk_gzbuilder_free(b);
    }
    s = nk_fuzz_dup(data, size, 1, &len);
    m = nk_matcher_new(match_g, NULL);
    NK_FUZZ_CHECK(m != NULL);
    o.all = data[0] & 1;
    o.variants = (data[0] >> 1) & 1;
    st.len = len;
    st.entries = nk_gazetteer_entries(match_g);
    st.last_end = 0;
    st.all = o.all;
    nk_matcher_match(m, s, len, &o, match_hit, &st, &err);
    if (nk_utf8_validate(s, len, &bad) == NK_OK) {
        st.last_end = 0;
        nk_matcher_scan(m, s, len, &o, match_hit, &st);
    }
    nk_matcher_free(m);
    free(s);
    return 0;
}
