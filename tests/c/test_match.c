/*
** test_match.c
** The matcher's rules: every proclitic and the لل contraction, word
** boundaries (Arabic and Latin), leftmost-longest versus all matches,
** multi-word keys, case folding, spelling variants, and offsets into the
** original text after normalization (diacritics, tatweel, presentation forms).
*/
#include "nk_test.h"

#include "nk_gznorm.h"
#include "nk_match.h"
#include "nk_normalize.h"

#define MAXH 64

typedef struct {
    const nk_gazetteer *g;
    const char *text;
    char out[2048];
    size_t n;
} collect;

/* Each hit as "surface:id" or "clitic+surface:id", separated by " | ". */
static int on_hit(void *ud, const nk_hit *h)
{
    collect *c = ud;
    size_t room = sizeof c->out - c->n;
    int w;
    if (c->n > 0) {
        snprintf(c->out + c->n, room, " | ");
        c->n += 3;
        room -= 3;
    }
    if (h->clitic.end > h->clitic.start)
        w = snprintf(c->out + c->n, room, "%.*s+", (int)(h->clitic.end - h->clitic.start),
                     c->text + h->clitic.start);
    else
        w = 0;
    c->n += (size_t)w;
    room -= (size_t)w;
    w = snprintf(c->out + c->n, room, "%.*s:%s", (int)(h->span.end - h->span.start),
                 c->text + h->span.start, nk_gazetteer_id(c->g, h->entry));
    c->n += (size_t)w;
    return 0;
}

static nk_gazetteer *compile(const char *tsv, unsigned bflags, unsigned flags)
{
    nk_gzbuilder *b = nk_gzbuilder_new(NULL, bflags);
    nk_gazetteer *g = NULL;
    nk_error err;
    char *dup = nk_test_dup(tsv, strlen(tsv));
    if (nk_gzbuilder_add_tsv(b, dup, strlen(tsv), &err) != NK_OK ||
        nk_gzbuilder_build(b, flags, &g, &err) != NK_OK) {
        printf("# compile failed: %s\n", err.msg);
        g = NULL;
    }
    free(dup);
    nk_gzbuilder_free(b);
    return g;
}

/* Run the matcher (normalizing) over text; returns the hit list as a string. */
static const char *run(nk_gazetteer *g, const char *text, int all, int variants)
{
    static collect c; /* test program only */
    nk_matcher *m = nk_matcher_new(g, NULL);
    nk_match_opts o;
    nk_error err;
    char *dup = nk_test_dup(text, strlen(text));
    o.all = all;
    o.variants = variants;
    c.g = g;
    c.text = dup;
    c.n = 0;
    c.out[0] = '\0';
    if (nk_matcher_match(m, dup, strlen(text), &o, on_hit, &c, &err) != NK_OK)
        snprintf(c.out, sizeof c.out, "ERROR %s", err.msg);
    /* c.text must stay valid while formatting; formatting is done in on_hit */
    free(dup);
    nk_matcher_free(m);
    return c.out;
}

#define EXPECT(g, text, all, want, title)                                                          \
    do {                                                                                           \
        const char *got_ = run(g, text, all, 0);                                                   \
        CHECK(strcmp(got_, want) == 0, title, "got [%s] want [%s]", got_, want);                   \
    } while (0)

static const char *GAZ = "# test gazetteer\n"
                         "الرياض\tLOC\triyadh\tcountry=SA\n"
                         "روسيا\tLOC\trussia\n"
                         "الروسي\tNORP\trussia-adj\n"
                         "الأمم المتحدة\tORG\tun\n"
                         "الأمم\tORG\tnations\n"
                         "مجلس الأمن\tORG\tunsc\n"
                         "مجلس الأمن الدولي\tORG\tunsc\n"
                         "لبنان\tLOC\tlebanon\n"
                         "بكين\tLOC\tbeijing\n"
                         "كين\tPER\tkane\n"
                         "Paris\tLOC\tparis\n"
                         "New York\tLOC\tnyc\n"
                         "\n"
                         "بوش\tPER\tbush-sr\n"
                         "بوش\tPER\tbush-jr\n"
                         "إدلب\tLOC\tidlib\n"
                         "أس\tORG\tas\n"
                         "الأسد\tPER\tassad\n";

static void test_clitics(nk_gazetteer *g)
{
    EXPECT(g, "الرياض", 0, "الرياض:riyadh", "bare entry");
    EXPECT(g, "بالرياض", 0, "ب+الرياض:riyadh", "clitic ب before ال");
    EXPECT(g, "والرياض", 0, "و+الرياض:riyadh", "clitic و before ال");
    EXPECT(g, "فالرياض", 0, "ف+الرياض:riyadh", "clitic ف before ال");
    EXPECT(g, "كالرياض", 0, "ك+الرياض:riyadh", "clitic ك before ال");
    EXPECT(g, "وبالرياض", 0, "وب+الرياض:riyadh", "clitics وب before ال");
    EXPECT(g, "فبالرياض", 0, "فب+الرياض:riyadh", "clitics فب before ال");
    EXPECT(g, "للرياض", 0, "ل+لرياض:riyadh", "ل + ال written لل");
    EXPECT(g, "وللرياض", 0, "ول+لرياض:riyadh", "و + ل + ال written ولل");
    EXPECT(g, "فللرياض", 0, "فل+لرياض:riyadh", "ف + ل + ال written فلل");
    EXPECT(g, "الرياضيين", 0, "", "never inside a longer word");
    EXPECT(g, "بالرياضيين والرياضة", 0, "", "never inside longer words with clitics");
    EXPECT(g, "روسيا", 0, "روسيا:russia", "entry without ال");
    EXPECT(g, "وروسيا", 0, "و+روسيا:russia", "و before an entry without ال");
    EXPECT(g, "بروسيا", 0, "ب+روسيا:russia", "ب before an entry without ال");
    EXPECT(g, "لروسيا", 0, "ل+روسيا:russia", "ل before an entry without ال");
    EXPECT(g, "سروسيا", 0, "س+روسيا:russia", "س before an entry without ال");
    EXPECT(g, "ولروسيا", 0, "ول+روسيا:russia", "ول before an entry without ال");
    EXPECT(g, "فسروسيا", 0, "فس+روسيا:russia", "فس before an entry without ال");
    EXPECT(g, "الروسيا", 0, "", "ال is not a clitic of an entry without ال");
    EXPECT(g, "وبروسيا", 0, "وب+روسيا:russia", "وب before an entry without ال");
    EXPECT(g, "بوروسيا", 0, "", "و after ب is not a clitic order");
    EXPECT(g, "للبنان", 0, "ل+لبنان:lebanon", "ل before an entry starting with ل");
    EXPECT(g, "والروسي", 0, "و+الروسي:russia-adj", "adjective with clitic");
    EXPECT(g, "بكين", 0, "بكين:beijing", "the whole word beats a clitic reading");
    EXPECT(g, "أس كأس", 1, "أس:as", "a clitic leaves at least three letters (كأس is not ك + أس)");
    {
        const char *all = run(g, "بكين", 1, 0);
        CHECK(strcmp(all, "بكين:beijing | ب+كين:kane") == 0, "all: both readings of بكين", "[%s]",
              all);
    }
}

static void test_boundaries(nk_gazetteer *g)
{
    EXPECT(g, "زار الرياض.", 0, "الرياض:riyadh", "punctuation after a match");
    EXPECT(g, "(الرياض)", 0, "الرياض:riyadh", "brackets around a match");
    EXPECT(g, "«بالرياض»، ثم", 0, "ب+الرياض:riyadh", "quotes and Arabic comma");
    EXPECT(g, "الرياض2030", 0, "الرياض:riyadh", "digits glued to Arabic letters are a boundary");
    EXPECT(g, "Paris", 0, "Paris:paris", "Latin word");
    EXPECT(g, "PARIS paris", 0, "PARIS:paris | paris:paris", "Latin case folding");
    EXPECT(g, "Parisian", 0, "", "Latin word boundary");
    EXPECT(g, "xParis", 0, "", "Latin word boundary on the left");
    EXPECT(g, "in new york.", 0, "new york:nyc", "Latin multi-word, folded");
    EXPECT(g, "New\nYork", 0, "", "no match across a line break");
    EXPECT(g, "New  \t York", 0, "New  \t York:nyc", "spaces between words of a key");
    EXPECT(g, "وParis", 0, "Paris:paris", "Latin word glued to an Arabic letter");
}

static void test_normalized(nk_gazetteer *g)
{
    EXPECT(g, "الاسد", 0, "الاسد:assad", "همزة: the entry الأسد finds الاسد");
    EXPECT(g, "ادلب وإدلب", 0, "ادلب:idlib | و+إدلب:idlib", "إدلب finds ادلب and وإدلب");
    EXPECT(g, "بِالرِّيَاضِ", 0, "بِ+الرِّيَاضِ:riyadh", "diacritics: spans cover the marks");
    EXPECT(g, "بـالريـــاض", 0, "بـ+الريـــاض:riyadh", "tatweel inside clitic and entity");
    EXPECT(g, "في ﺍﻟﺮﻳﺎﺽ اليوم", 0, "ﺍﻟﺮﻳﺎﺽ:riyadh", "presentation forms map back whole");
    EXPECT(g, "ﺑﺎﻟﺮﻳﺎﺽ", 0, "ﺑ+ﺎﻟﺮﻳﺎﺽ:riyadh", "presentation forms with a clitic");
    EXPECT(g, "لِلرِّيَاضِ", 0, "لِ+لرِّيَاضِ:riyadh", "لل with diacritics");
    EXPECT(g, "\xe2\x80\x8fالرياض\xe2\x80\x8f", 0, "\xe2\x80\x8fالرياض\xe2\x80\x8f:riyadh",
           "bidi marks around an entity (deleted marks join the nearest letter)");
    EXPECT(g, "قال \xe2\x80\x8fالرياض", 0, "الرياض:riyadh",
           "a mark after a space joins the space, not the entity");
    EXPECT(g, "الأُمَمِ المُتَّحِدَةِ", 0, "الأُمَمِ المُتَّحِدَةِ:un", "multi-word with diacritics");
}

static void test_overlaps(nk_gazetteer *g)
{
    EXPECT(g, "الأمم المتحدة", 0, "الأمم المتحدة:un", "leftmost-longest picks the longer key");
    EXPECT(g, "بالأمم المتحدة", 0, "ب+الأمم المتحدة:un", "clitic then multi-word key");
    EXPECT(g, "للأمم المتحدة", 0, "ل+لأمم المتحدة:un", "لل then multi-word key");
    EXPECT(g, "الأمم", 0, "الأمم:nations", "the shorter key alone");
    EXPECT(g, "الأمم المتحدة", 1, "الأمم:nations | الأمم المتحدة:un", "all: nested keys");
    EXPECT(g, "مجلس الأمن الدولي", 0, "مجلس الأمن الدولي:unsc", "three words");
    EXPECT(g, "مجلس الأمن الدولي", 1, "مجلس الأمن:unsc | مجلس الأمن الدولي:unsc",
           "all: a key and its extension");
    EXPECT(g, "قال بوش", 0, "بوش:bush-sr | بوش:bush-jr", "one span, every entry of the key");
    EXPECT(g, "الرياض الرياض", 0, "الرياض:riyadh | الرياض:riyadh", "repeated");
}

/*
** The matcher maps its spans back through nk_gznorm_orig, which starts each
** search from the run of the previous one: it must give exactly what
** nk_offmap_orig gives, for spans in text order and in any order.
*/
static void test_offsets_hinted(void)
{
    static const char *const pieces[] = {"أَحْمَدُ ", "الـــرياض ", "ﻻ ",   "إدلب، ", "x ",
                                         "ﷲ ",    "ٱلْقُدْسِ\n",    "CNN ", "٣٤ ",    "  "};
    char text[8192];
    size_t n = 0, nl, q, bad = 0, olen;
    const char *out;
    unsigned r = 12345;
    nk_gznorm *z = nk_gznorm_new(NULL);
    nk_norm_profile p;
    nk_offmap m;
    nk_buf o;
    while (n < sizeof text - 64) {
        const char *pc;
        r = r * 1103515245u + 12345u;
        pc = pieces[(r >> 16) % (sizeof pieces / sizeof pieces[0])];
        memcpy(text + n, pc, strlen(pc));
        n += strlen(pc);
    }
    CHECK(z != NULL && nk_gznorm_run(z, text, n, &out, &nl, NULL) == NK_OK,
          "hinted offsets: normalize", "failed");
    nk_norm_profile_named(&p, "search");
    nk_offmap_init(&m, NULL);
    nk_buf_init(&o, NULL);
    CHECK(nk_normalize(&p, text, n, &o, &m, NULL) == NK_OK && o.len == nl,
          "hinted offsets: reference map", "failed");
    olen = nl;
    for (q = 0; q < 60000; q++) {
        size_t a, b;
        nk_span s1, s2;
        r = r * 1103515245u + 12345u;
        if (q < 20000) {
            a = (q * 7) % (olen + 3); /* in order, wrapping around a few times */
            b = a + (r >> 16) % 24;
        } else {
            a = (r >> 8) % (olen + 8);
            b = a + (r >> 20) % 40;
        }
        s1 = nk_gznorm_orig(z, a, b);
        s2 = nk_offmap_orig(&m, a, b);
        if (s1.start != s2.start || s1.end != s2.end)
            bad++;
    }
    CHECK(bad == 0, "hinted offsets equal nk_offmap_orig", "%zu of 60000 spans differ", bad);
    nk_offmap_free(&m);
    nk_buf_free(&o);
    nk_gznorm_free(z);
}

int main(void)
{
    nk_gazetteer *g = compile(GAZ, 0, 0);
    CHECK(g != NULL, "compile the test gazetteer", "failed");
    if (g == NULL)
        return 1;
    test_clitics(g);
    test_boundaries(g);
    test_overlaps(g);
    test_normalized(g);
    test_offsets_hinted();
    nk_gazetteer_free(g);
    return NK_TEST_DONE();
}
