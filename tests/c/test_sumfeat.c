/*
** test_sumfeat.c: the summarizer's byte-level sentence tests (nk_sumfeat.h):
** endings, digits, quotation marks, connective openings and years, each read
** only within its span (exact-size copies: ASan sees a read past the end).
*/
#include <string.h>

#include "nk_sumfeat.h"
#include "nk_test.h"

static nk_span whole(const char *s)
{
    nk_span sp = {0, strlen(s)};
    return sp;
}

/* The connective list of the tests. */
static const char *const CONN[] = {"وأضاف", "كما", "لكنه", "وقال إن"};
#define NCONN (sizeof CONN / sizeof CONN[0])

static int hangs(const char *s)
{
    nk_connective c[NCONN];
    size_t i, n = strlen(s);
    char *t = nk_test_dup(s, n);
    nk_span sp = {0, n};
    int r;
    for (i = 0; i < NCONN; i++)
        nk_connective_init(&c[i], CONN[i], strlen(CONN[i]));
    r = nk_sum_hangs(t, sp, c, NCONN);
    free(t);
    return r;
}

/* The digit and quotation-mark tests byte by byte, as the definitions read
 * (the reference for the block scan of nk_sum_digit_quote). */
static void slow_digit_quote(const unsigned char *t, size_t s, size_t e, int *d, int *q)
{
    size_t i;
    *d = *q = 0;
    for (i = s; i < e; i++) {
        if ((t[i] >= '0' && t[i] <= '9') ||
            (t[i] == 0xD9 && i + 1 < e && t[i + 1] >= 0xA0 && t[i + 1] <= 0xA9))
            *d = 1;
        if (t[i] == '"' || (t[i] == 0xC2 && i + 1 < e && (t[i + 1] == 0xAB || t[i + 1] == 0xBB)) ||
            (t[i] == 0xE2 && i + 2 < e && t[i + 1] == 0x80 &&
             (t[i + 2] == 0x9C || t[i + 2] == 0x9D)))
            *q = 1;
    }
}

/* Every span of a text with digits and marks near the block edges (64 bytes),
 * against the reference; returns the number of spans that differ. */
static int digit_quote_spans(void)
{
    /* 70 bytes of Arabic letters, then ٣ (D9 A3), then more letters, " and « */
    static const char src[] = "السلام عليكم ورحمة الله وبركاته يا أصدقاء"
                              "٣ في المدينة \"نعم\" و«لا» 5";
    size_t n = sizeof src - 1, s, e, bad = 0;
    char *t = nk_test_dup(src, n);
    for (s = 0; s <= n; s++)
        for (e = s; e <= n; e++) {
            nk_span sp = {s, e};
            int d, q, d0, q0;
            nk_sum_digit_quote(t, sp, &d, &q);
            slow_digit_quote((const unsigned char *)t, s, e, &d0, &q0);
            if (d != d0 || q != q0)
                bad++;
        }
    free(t);
    return (int)bad;
}

int main(void)
{
    int y = 0, d, q;
    nk_span sp;
    CHECK(nk_sum_complete("قال.", whole("قال.")), "ends with .", "%s", "-");
    CHECK(nk_sum_complete("قال؟ »", whole("قال؟ »")), "؟ then a closing » and a space", "%s", "-");
    CHECK(nk_sum_complete("انتهى…", whole("انتهى…")), "ends with …", "%s", "-");
    CHECK(!nk_sum_complete("عنوان بلا نقطة", whole("عنوان بلا نقطة")), "a headline does not", "%s",
          "-");
    sp.start = 0, sp.end = 3;
    CHECK(nk_sum_complete("ab.", sp), "the span's end is where it ends", "%s", "-");
    sp.end = 2;
    CHECK(!nk_sum_complete("ab.", sp), "a terminator past the span does not count", "%s", "-");

    CHECK(nk_sum_has_digit("عام ٢٠٢٤", whole("عام ٢٠٢٤")), "Arabic-Indic digits", "%s", "-");
    CHECK(nk_sum_has_digit("in 7 days", whole("in 7 days")), "ASCII digit", "%s", "-");
    CHECK(!nk_sum_has_digit("لا أرقام", whole("لا أرقام")), "no digit", "%s", "-");
    CHECK(nk_sum_has_quote("قال «نعم»", whole("قال «نعم»")), "« is a quotation mark", "%s", "-");
    CHECK(nk_sum_has_quote("said “yes”", whole("said “yes”")), "“ is one", "%s", "-");
    CHECK(!nk_sum_has_quote("لا اقتباس", whole("لا اقتباس")), "no quotation mark", "%s", "-");
    nk_sum_digit_quote("\"3\"", whole("\"3\""), &d, &q);
    CHECK(d == 1 && q == 1, "both in one pass", "d=%d q=%d", d, q);
    sp.start = 0, sp.end = 1;
    CHECK(!nk_sum_has_quote("\xc2\xab", sp), "half a « at the span's end is none", "%s", "-");
    sp.start = 1, sp.end = 2;
    CHECK(!nk_sum_has_digit("\xd9\xa3", sp), "the second half of ٣ alone is no digit", "%s", "-");
    y = digit_quote_spans();
    CHECK(y == 0, "digits and marks: every span as the byte-by-byte reading", "%d spans differ", y);
    CHECK(nk_sum_next_mark("ab\"c", 0, 4) == 2 && nk_sum_next_mark("ab\"c", 3, 4) == 4 &&
              nk_sum_next_mark("a«", 0, 3) == 1 && nk_sum_next_mark("a«", 0, 1) == 1,
          "the next possible quotation mark, or the end", "%s", "-");

    CHECK(hangs("وأضاف أن الحل سياسي."), "وأضاف hangs", "%s", "-");
    CHECK(hangs("«كما أن الوضع صعب»"), "كما after « hangs", "%s", "-");
    CHECK(hangs("- (وأضاف: لا"), "after a dash and a bracket, before a colon", "%s", "-");
    CHECK(hangs("وأضاف، في بيان"), "cut at ،", "%s", "-");
    CHECK(hangs("كما"), "the whole sentence is the connective", "%s", "-");
    CHECK(hangs("وقال إن الأمر انتهى"), "a phrase", "%s", "-");
    CHECK(!hangs("وقال الوزير"), "a phrase's first word alone does not", "%s", "-");
    CHECK(!hangs("كمال الدين وصل"), "a word that starts like كما does not", "%s", "-");
    CHECK(!hangs("كماشة"), "nor a longer word", "%s", "-");
    CHECK(!hangs(""), "an empty sentence does not", "%s", "-");

    CHECK(nk_sum_years("من 1990 إلى 2015 و12345 و3024", whole("من 1990 إلى 2015 و12345 و3024"),
                       &y) == 2 &&
              y == 2015,
          "years: four digits, 1[09] or 2[09], the largest", "y=%d", y);
    CHECK(nk_sum_years("لا سنة", whole("لا سنة"), &y) == 0 && y == 0, "no year", "%s", "-");

    CHECK(nk_sum_quote_mark("\"", 0, 1) == 0 && nk_sum_quote_mark("«", 0, 2) == 1 &&
              nk_sum_quote_mark("»", 0, 2) == 2 && nk_sum_quote_mark("”", 0, 3) == 0 &&
              nk_sum_quote_mark("a", 0, 1) == -1,
          "quotation marks by kind", "%s", "-");
    return NK_TEST_DONE();
}
