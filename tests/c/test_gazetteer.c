/*
** test_gazetteer.c
** Compiling gazetteers: the TSV format and its errors (with line numbers),
** the entries API (ids, aliases, types, names, metadata), the binary image
** (round trip, and corrupt or truncated images rejected without a crash),
** spelling variants.
*/
#include "nk_test.h"

#include "nk_match.h"

static nk_gazetteer *from_tsv(const char *tsv, unsigned flags, nk_error *err)
{
    nk_gzbuilder *b = nk_gzbuilder_new(NULL, 0);
    nk_gazetteer *g = NULL;
    char *dup = nk_test_dup(tsv, strlen(tsv));
    if (nk_gzbuilder_add_tsv(b, dup, strlen(tsv), err) == NK_OK)
        nk_gzbuilder_build(b, flags, &g, err);
    free(dup);
    nk_gzbuilder_free(b);
    return g;
}

static int count_fn(void *ud, const nk_hit *h)
{
    (void)h;
    ++*(int *)ud;
    return 0;
}

static int count(const nk_gazetteer *g, const char *text, int variants)
{
    nk_matcher *m = nk_matcher_new(g, NULL);
    nk_match_opts o = {0, variants};
    int n = 0;
    char *dup = nk_test_dup(text, strlen(text));
    if (nk_matcher_match(m, dup, strlen(text), &o, count_fn, &n, NULL) != NK_OK)
        n = -1;
    free(dup);
    nk_matcher_free(m);
    return n;
}

typedef struct {
    const nk_gazetteer *g;
    char ids[256];
} idlist;

static int id_fn(void *ud, const nk_hit *h)
{
    idlist *l = ud;
    size_t n = strlen(l->ids);
    snprintf(l->ids + n, sizeof l->ids - n, "%s%s", n ? "," : "", nk_gazetteer_id(l->g, h->entry));
    return 0;
}

static const char *ids(const nk_gazetteer *g, const char *text, int variants)
{
    static idlist l; /* test program only */
    nk_matcher *m = nk_matcher_new(g, NULL);
    nk_match_opts o = {0, variants};
    char *dup = nk_test_dup(text, strlen(text));
    l.g = g;
    l.ids[0] = '\0';
    if (nk_matcher_match(m, dup, strlen(text), &o, id_fn, &l, NULL) != NK_OK)
        snprintf(l.ids, sizeof l.ids, "ERROR");
    free(dup);
    nk_matcher_free(m);
    return l.ids;
}

static void test_tsv_errors(void)
{
    static const struct {
        const char *tsv;
        size_t line;
        const char *what;
    } bad[] = {
        {"روسيا\tLOC\n\nموسكو\n", 3, "expected surface<TAB>type"},
        {"# c\n\tLOC\n", 2, "empty surface"},
        {"روسيا\t\n", 1, "empty type"},
        {"a\tX\nb\tY\tid1\tnokey\n", 2, "key=value"},
        {"a\tX\nb\tY\tid1\t=v\n", 2, "key=value"},
        {"a\tX\tsame\nb\tY\tsame\n", 2, "already has type"},
        {"a\tX\n...\tX\n", 0, NULL}, /* punctuation is a token: accepted */
        {"a\tX\n\xd8\tX\n", 2, "invalid UTF-8"},
        {"a\tX\n \t \tX\n", 2, "no word"},
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nk_error err;
        nk_gazetteer *g;
        char title[96];
        memset(&err, 0, sizeof err);
        g = from_tsv(bad[i].tsv, 0, &err);
        snprintf(title, sizeof title, "TSV error case %zu: line %zu, %s", i, bad[i].line,
                 bad[i].what ? bad[i].what : "accepted");
        if (bad[i].what == NULL)
            CHECK(g != NULL, title, "%s", err.msg);
        else
            CHECK(g == NULL && err.line == bad[i].line && strstr(err.msg, bad[i].what) != NULL,
                  title, "line %zu msg '%s'", err.line, err.msg);
        nk_gazetteer_free(g);
    }
}

static const char *TSV = "# countries\n"
                         "روسيا\tLOC\tQ159\twikidata=Q159\tcapital=موسكو\n"
                         "روسيا الاتحادية\tLOC\tQ159\n"
                         "الروسي\tLOC\tQ159\twikidata=Q159\n"
                         "Russia\tLOC\tQ159\n"
                         "موسكو\tLOC\r\n" /* CRLF, id = surface */
                         "   # indented comment\n"
                         "دونالد ترامب\tPER\ttrump\n"
                         "ترامب\tPER\ttrump\n"
                         "سوريا\tLOC\tsyria\n"
                         "الأمريكي\tNORP\tus-adj\n"
                         "ديمتري\tPER\tdmitry";

static void test_entries(void)
{
    nk_error err;
    nk_gazetteer *g = from_tsv(TSV, 0, &err);
    size_t i, n;
    uint32_t e = 0;
    const char *k, *v;
    CHECK(g != NULL, "compile the TSV", "%s", g ? "" : err.msg);
    if (g == NULL)
        return;
    CHECK(nk_gazetteer_entries(g) == 6, "aliases share an entry", "%zu entries",
          nk_gazetteer_entries(g));
    CHECK(nk_gazetteer_forms(g) == 10, "one form per line", "%zu forms", nk_gazetteer_forms(g));
    for (i = 0; i < nk_gazetteer_entries(g); i++)
        if (strcmp(nk_gazetteer_id(g, (uint32_t)i), "Q159") == 0)
            e = (uint32_t)i;
    CHECK(strcmp(nk_gazetteer_type(g, e), "LOC") == 0, "type", "%s", nk_gazetteer_type(g, e));
    CHECK(strcmp(nk_gazetteer_name(g, e), "روسيا") == 0, "name is the first surface", "%s",
          nk_gazetteer_name(g, e));
    n = nk_gazetteer_nmeta(g, e);
    CHECK(n == 2, "metadata deduplicated across alias lines", "%zu pairs", n);
    if (n == 2) {
        nk_gazetteer_meta(g, e, 1, &k, &v);
        CHECK(strcmp(k, "capital") == 0 && strcmp(v, "موسكو") == 0, "metadata pair", "%s=%s", k, v);
    }
    CHECK(strcmp(ids(g, "RUSSIA وروسيا الاتحادية موسكو", 0), "Q159,Q159,موسكو") == 0,
          "ids of matches, CRLF line and default id", "%s",
          ids(g, "RUSSIA وروسيا الاتحادية موسكو", 0));
    CHECK(count(g, "ترمب", 1) == -1, "variants need a gazetteer compiled with them", "%d",
          count(g, "ترمب", 1));
    nk_gazetteer_free(g);
}

static void test_api(void)
{
    nk_gzbuilder *b = nk_gzbuilder_new(NULL, 0);
    nk_gazetteer *g = NULL;
    nk_error err;
    uint32_t e1 = 9, e2 = 9;
    CHECK(nk_gzbuilder_add(b, "x", "ORG", "الأمم المتحدة", strlen("الأمم المتحدة"), &e1, &err) ==
              NK_OK,
          "api: add", "%s", err.msg);
    CHECK(nk_gzbuilder_add(b, "x", "ORG", "UN", 2, &e2, &err) == NK_OK && e1 == e2,
          "api: alias joins the entry", "%u %u", e1, e2);
    CHECK(nk_gzbuilder_add(b, "x", "LOC", "U.N.", 4, NULL, &err) == NK_EINVAL,
          "api: type conflict refused", "%s", err.msg);
    CHECK(nk_gzbuilder_name(b, e1, "United Nations") == NK_OK &&
              nk_gzbuilder_meta(b, e1, "founded", "1945") == NK_OK,
          "api: name and metadata", "failed");
    CHECK(nk_gzbuilder_build(b, 0, &g, &err) == NK_OK, "api: build", "%s", err.msg);
    if (g != NULL) {
        CHECK(strcmp(nk_gazetteer_name(g, 0), "United Nations") == 0, "api: name kept", "%s",
              nk_gazetteer_name(g, 0));
        CHECK(count(g, "قالت الأمم المتحدة وUN", 0) == 2, "api: both forms match", "%d",
              count(g, "قالت الأمم المتحدة وUN", 0));
    }
    nk_gazetteer_free(g);
    nk_gzbuilder_free(b);
    b = nk_gzbuilder_new(NULL, 0);
    CHECK(nk_gzbuilder_build(b, 0, &g, &err) == NK_EINVAL, "api: empty gazetteer refused", "%s",
          err.msg);
    nk_gzbuilder_free(b);
    nk_gzbuilder_free(NULL);
    nk_gazetteer_free(NULL);
    nk_matcher_free(NULL);
}

static uint64_t fnv(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

static void test_image(void)
{
    nk_error err;
    nk_gazetteer *g = from_tsv(TSV, NK_GZ_VARIANTS, &err), *h = NULL;
    nk_buf img;
    size_t cut, i, rejected = 0, loaded = 0;
    const char *text = "قال دونالد ترمب إن روسيا والأميركي وسورية ودميترى";
    const char *want = "trump,Q159,us-adj,syria,dmitry";
    unsigned seed = 12345;
    char *copy;
    if (g == NULL) {
        CHECK(0, "image: compile", "%s", err.msg);
        return;
    }
    CHECK(strcmp(ids(g, text, 1), want) == 0, "variants: ترمب ديمتري سورية الأميركي", "%s",
          ids(g, text, 1));
    CHECK(strcmp(ids(g, text, 0), "Q159") == 0, "variants are off unless asked", "%s",
          ids(g, text, 0));
    {
        nk_gazetteer *v =
            from_tsv("مايون\tLOC\nميلان\tLOC\nرايس\tPER\nاليابان\tLOC\n", NK_GZ_VARIANTS, &err);
        const char *native = "من مليون رئيس البيان";
        CHECK(v != NULL && count(v, native, 1) == 0,
              "variants: short skeletons keep native words apart (من/مايون, مليون/ميلان)", "%d",
              v ? count(v, native, 1) : -1);
        nk_gazetteer_free(v);
    }
    nk_buf_init(&img, NULL);
    CHECK(nk_gazetteer_save(g, &img) == NK_OK && nk_gazetteer_is_image(img.data, img.len),
          "image: save", "failed");
    copy = nk_test_dup(img.data, img.len);
    CHECK(nk_gazetteer_load(copy, img.len, NULL, &h, &err) == NK_OK, "image: load", "%s", err.msg);
    if (h != NULL) {
        CHECK(strcmp(ids(h, text, 1), want) == 0, "image: same matches after the round trip", "%s",
              ids(h, text, 1));
        CHECK(nk_gazetteer_entries(h) == nk_gazetteer_entries(g) &&
                  nk_gazetteer_forms(h) == nk_gazetteer_forms(g) &&
                  nk_gazetteer_nmeta(h, 0) == nk_gazetteer_nmeta(g, 0),
              "image: same counts", "%zu", nk_gazetteer_entries(h));
    }
    nk_gazetteer_free(h);
    free(copy);
    /* every truncation is rejected */
    for (cut = 0; cut < img.len; cut++) {
        nk_gazetteer *t = NULL;
        copy = nk_test_dup(img.data, cut);
        if (nk_gazetteer_load(copy, cut, NULL, &t, &err) == NK_EFORMAT && t == NULL)
            rejected++;
        nk_gazetteer_free(t);
        free(copy);
    }
    CHECK(rejected == img.len, "image: every truncation rejected", "%zu of %zu", rejected, img.len);
    /* a flipped byte fails the checksum */
    copy = nk_test_dup(img.data, img.len);
    copy[img.len / 2] ^= 0x40;
    CHECK(nk_gazetteer_load(copy, img.len, NULL, &h, &err) == NK_EFORMAT &&
              strstr(err.msg, "checksum") != NULL,
          "image: checksum catches a flipped byte", "%s", err.msg);
    free(copy);
    copy = nk_test_dup(img.data, img.len);
    copy[8] = 99;
    CHECK(nk_gazetteer_load(copy, img.len, NULL, &h, &err) == NK_EFORMAT &&
              strstr(err.msg, "version") != NULL,
          "image: unknown version rejected", "%s", err.msg);
    free(copy);
    /* an image whose keys were made by another normalization is refused, not half-matched */
    copy = nk_test_dup(img.data, img.len);
    copy[32] ^= 0x01;
    CHECK(nk_gazetteer_load(copy, img.len, NULL, &h, &err) == NK_EFORMAT && h == NULL &&
              strstr(err.msg, "another text normalization") != NULL &&
              strstr(err.msg, "naskh gazetteer compile") != NULL,
          "image: another normalization's key fingerprint is refused", "%s", err.msg);
    free(copy);
    /* the fingerprint is the same from one save to the next (it is not a time or an address) */
    {
        nk_buf again;
        nk_buf_init(&again, NULL);
        CHECK(nk_gazetteer_save(g, &again) == NK_OK && again.len == img.len &&
                  memcmp(again.data, img.data, img.len) == 0,
              "image: two saves are byte-identical", "%zu vs %zu bytes", again.len, img.len);
        nk_buf_free(&again);
    }
    /* out of memory anywhere in a load (the key fingerprint's scratch included, which comes
       from the caller's allocator): NK_ENOMEM and nothing half-made, never a format error */
    {
        int k, okall = 1, got = 0;
        for (k = 0; k < 400 && !got; k++) {
            nk_test_failer f = {k};
            nk_alloc a = {nk_test_fail_alloc, &f};
            nk_gazetteer *t = NULL;
            nk_status st = nk_gazetteer_load(img.data, img.len, &a, &t, &err);
            if (st == NK_OK)
                got = 1;
            else if (st != NK_ENOMEM || t != NULL || strstr(err.msg, "memory") == NULL)
                okall = 0;
            nk_gazetteer_free(t);
        }
        CHECK(okall && got && k > 2, "image: every allocation failure in a load is NK_ENOMEM",
              "k=%d got=%d last: %s", k, got, err.msg);
    }
    CHECK(nk_gazetteer_load("روسيا\tLOC\n", 11, NULL, &h, &err) == NK_EFORMAT,
          "image: a TSV file is not an image", "%s", err.msg);
    /* structural checks behind the checksum: random words, checksum fixed up */
    rejected = loaded = 0;
    for (i = 0; i < 3000; i++) {
        nk_gazetteer *t = NULL;
        size_t at;
        uint32_t v;
        uint64_t sum;
        copy = nk_test_dup(img.data, img.len);
        seed = seed * 1103515245u + 12345u;
        at = 32 + ((seed >> 8) % ((img.len - 32) / 4)) * 4;
        seed = seed * 1103515245u + 12345u;
        v = (i % 3 == 0) ? (seed >> 4) : (i % 3 == 1) ? (seed >> 20) : 0xffffffffu;
        memcpy(copy + at, &v, 4);
        sum = fnv((const unsigned char *)copy + 32, img.len - 32);
        memcpy(copy + 24, &sum, 8);
        if (nk_gazetteer_load(copy, img.len, NULL, &t, &err) == NK_OK) {
            loaded++;
            (void)count(t, text, 1); /* must not crash (ASan) */
            (void)count(t, text, 0);
        } else {
            rejected++;
        }
        nk_gazetteer_free(t);
        free(copy);
    }
    CHECK(rejected + loaded == 3000 && rejected > 1000,
          "image: corrupted structure rejected or harmless", "%zu rejected, %zu loaded", rejected,
          loaded);
    nk_buf_free(&img);
    nk_gazetteer_free(g);
}

int main(void)
{
    test_tsv_errors();
    test_entries();
    test_api();
    test_image();
    return NK_TEST_DONE();
}
