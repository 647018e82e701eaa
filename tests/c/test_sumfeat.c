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
