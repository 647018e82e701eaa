/*
** test_entrules.c
** The entity rules' per-word pass (nk_entrules.h): the compact words agree with the word
** scanner, the word searches by byte, the key sets, the proclitic readings (و ف, ب ل ك, لل
** read as ال, at least two letters left) and the scan bits of each rule.
*/
#include "nk_entrules.h"
#include "nk_test.h"
#include "nk_words.h"

static nk_keyset *set_of(const char *const *words)
{
    nk_keyset *s = nk_keyset_new(NULL);
    size_t i;
    for (i = 0; words[i]; i++)
        nk_keyset_add(s, words[i], strlen(words[i]));
    return s;
}

static int has(const nk_keyset *s, const char *k)
{
    return nk_keyset_has_reading(s, k, strlen(k));
}

static void test_words(void)
{
    static const char src[] = "قال الرئيس، إن\nAngela Merkel 3.5 \xff"
                              "ب";
    size_t n = sizeof src - 1, i, k = 0;
    char *text = nk_test_dup(src, n);
    nk_ewords w;
    nk_wscan sc;
    nk_word wd;
    int same = 1;
    nk_ewords_init(&w, NULL);
    CHECK(nk_ewords_scan(&w, text, n) == NK_OK, "words: scan", "failed");
    nk_words_init(&sc, text, n);
    while (nk_words_next(&sc, &wd)) {
        char key[64];
        size_t kl;
        if (k >= w.n || w.v[k].start != wd.start || w.v[k].end != wd.end || w.v[k].cls != wd.cls ||
            w.v[k].nl != (wd.nl != 0)) {
            same = 0;
            break;
        }
        if (wd.cls != NK_TOK_PUNCT) {
            kl = nk_words_key(text + wd.start, wd.end - wd.start, key);
            if (kl != w.v[k].klen || memcmp(key, w.pool + w.v[k].koff, kl) != 0)
                same = 0;
        } else if (w.v[k].koff != wd.start || w.v[k].klen != wd.end - wd.start) {
            same = 0; /* a punct token's key is its text */
        }
        k++;
    }
    CHECK(same && k == w.n, "words: the same words, classes, line breaks and keys as nk_words",
          "word %zu of %zu", k, w.n);
    for (i = 0, same = 1; i <= n; i++) {
        size_t j = nk_ewords_from(&w, i, 0), r;
        for (r = 0; r < w.n && w.v[r].end <= i; r++)
            ;
        if (j != r)
            same = 0;
        j = nk_ewords_at(&w, i);
        if (j < w.n ? !(w.v[j].start <= i && i < w.v[j].end) : r < w.n && w.v[r].start <= i)
            same = 0;
    }
    CHECK(same, "words: from and at agree with a linear search at every byte", "differ");
    CHECK(nk_ewords_from(&w, 0, w.n) == w.n, "words: from past the end is the end", "no");
    nk_ewords_free(&w);
    free(text);
}

static void test_sets(void)
{
    static const char *const titles[] = {"الرئيس", "وزير", "ل", NULL};
    static const char *const many[] = {
        "a",  "b",  "c",  "d",  "e",  "f",  "g",  "h",  "i",  "j",  "k",  "l",  "m",  "n",
        "o",  "p",  "q",  "r",  "s",  "t",  "u",  "v",  "w",  "x",  "y",  "z",  "aa", "ab",
        "ac", "ad", "ae", "af", "ag", "ah", "ai", "aj", "ak", "al", "am", "an", NULL};
    nk_keyset *s = set_of(titles), *m = set_of(many);
    size_t i;
    int all = 1;
    CHECK(has(s, "الرئيس"), "sets: the key itself", "no");
    CHECK(has(s, "والرئيس") && has(s, "فوزير"), "sets: after و or ف", "no");
    CHECK(has(s, "بوزير") && has(s, "لوزير") && has(s, "كوزير"), "sets: after ب ل ك", "no");
    CHECK(has(s, "وبوزير"), "sets: و then ب", "no");
    CHECK(has(s, "للرئيس") && has(s, "وللرئيس"), "sets: لل reads ل + ال", "no");
    CHECK(!has(s, "سوزير") && !has(s, "الوزير"), "sets: no other clitic", "yes");
    CHECK(!has(s, "ول") && !has(s, "بل") && has(s, "ل"), "sets: the rest keeps two letters", "yes");
    CHECK(!nk_keyset_has_reading(NULL, "x", 1), "sets: no set, no reading", "yes");
    CHECK(nk_keyset_add(s, "وزير", strlen("وزير")) == NK_OK && nk_keyset_size(s) == 3,
          "sets: adding a key twice keeps one", "%zu", nk_keyset_size(s));
    for (i = 0; many[i]; i++)
        all = all && nk_keyset_has(m, many[i], strlen(many[i]));
    CHECK(all && nk_keyset_size(m) == i && !nk_keyset_has(m, "zz", 2),
          "sets: every key found after the table grew", "lost");
    nk_keyset_free(s);
    nk_keyset_free(m);
}

static void add_all(nk_keyset *s, const char *const *words, unsigned bits)
{
    size_t i;
    for (i = 0; words[i]; i++)
        nk_keyset_add_bits(s, words[i], strlen(words[i]), bits);
}

static void test_scan(void)
{
    static const char *const titles[] = {"الرئيس", NULL}, *const heads[] = {"حزب", NULL},
                             *const trig[] = {"شركه", NULL}, *const loc[] = {"مدينه", NULL},
                             *const given[] = {"محمد", "حلب", NULL}, *const links[] = {"بن", NULL};
    static const char src[] = "قال الرئيس ومحمد بن سلمان في مدينة حلب وحزب العمال وشركة "
                              "Shell Angela MERKEL آل سعود عبدالرحمن";
    size_t n = sizeof src - 1, i;
    char *text = nk_test_dup(src, n);
    nk_keyset *map = nk_keyset_new(NULL), *sv = set_of(given);
    nk_entlists l = {NULL, "آل", strlen("آل")};
    nk_ewords w;
    uint8_t bits[64];
    char got[256];
    size_t gl = 0;
    add_all(map, titles, NK_EL_TITLE);
    add_all(map, heads, NK_EL_ORG_HEAD);
    add_all(map, trig, NK_EL_ORG_TRIGGER);
    add_all(map, loc, NK_EL_LOC);
    add_all(map, given, NK_EL_GIVEN);
    add_all(map, links, NK_EL_LINK);
    l.map = map;
    CHECK(nk_keyset_bits(map, "حلب", strlen("حلب")) == NK_EL_GIVEN &&
              nk_keyset_bits(map, "x", 1) == 0,
          "sets: the bits of a key", "wrong");
    nk_ewords_init(&w, NULL);
    nk_ewords_scan(&w, text, n);
    nk_ent_scan(&l, &w, text, bits);
    for (i = 0; i < w.n && gl + 8 < sizeof got; i++)
        gl += (size_t)snprintf(got + gl, sizeof got - gl, "%s%u", i ? " " : "", bits[i]);
    /* قال الرئيس ومحمد بن سلمان في مدينة حلب وحزب العمال وشركة Shell Angela MERKEL آل سعود
       عبدالرحمن: ومحمد a given name after و, حلب one of the given names here; عبدال... is a
       given name; the word before آل gets the link bit */
    CHECK(strcmp(got, "0 1 8 0 0 0 4 8 2 0 2 16 16 8 0 0 8") == 0,
          "scan: title, given, link, place, org, Latin bits", "got %s", got);
    CHECK(nk_ent_word_in(&w, 2, sv) && !nk_ent_word_in(&w, 11, sv),
          "scan: a word's reading in a set", "no");
    nk_ewords_free(&w);
    nk_keyset_free(map);
    nk_keyset_free(sv);
    free(text);
}

int main(void)
{
    test_words();
    test_sets();
    test_scan();
    return NK_TEST_DONE();
}
