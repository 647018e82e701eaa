/*
** test_pattern.c
** The token-pattern engine (core/nk_pattern.c): token tests (lists with
** clitic readings, multi-word entries, words, numbers, classes), items
** (? * + {m,n}, alternatives), gaps, look-arounds, captures and their values,
** compile errors with line and column, the step budget, and allocation
** failures. Each case is a patterns text, a text, and the matches written
** "PATTERN:FIRST-END[ CAP=TEXT/VALUE ...]" (token indices, 0-based, end
** exclusive), joined with "; ".
*/
#include "nk_pattern.h"
#include "nk_test.h"

typedef struct {
    const char *title, *pat, *text, *want;
} pcase;

static const pcase cases[] = {
    {"a list entry", "list wd = الأحد:0 الاثنين:1\npattern d = w=@wd", "قال الاثنين",
     "d:1-2 w=الاثنين/1"},
    {"exact lists take no clitic", "list wd = الاثنين:1\npattern d = @wd", "والاثنين", ""},
    {"~ reads و ف then ب ل ك", "list wd = الاثنين:1\npattern d = w=@wd~", "وبالاثنين فالاثنين",
     "d:0-1 w=وبالاثنين/1; d:1-2 w=فالاثنين/1"},
    {"~ keeps three letters", "list m = آب:8\npattern d = @m~", "باب واب", ""},
    {"لل reads as ل + ال", "list p = الأسبوع\npattern d = @p~", "للأسبوع", "d:0-1"},
    {"~~ also drops the article", "list d = أمس:-1\npattern x = v=@d~~", "بالأمس الأمس",
     "x:0-1 v=بالأمس/-1; x:1-2 v=الأمس/-1"},
    {"words are folded", "pattern x = أول من أمس", "أوّل من امس", "x:0-3"},
    {"multi-word entries, longest first", "list m = كانون:0 \"كانون الثاني\":1\npattern x = v=@m",
     "كانون الثاني كانون", "x:0-2 v=كانون الثاني/1; x:2-3 v=كانون/0"},
    {"a multi-word entry needs white space inside", "list m = \"كانون الثاني\":1\npattern x = @m",
     "كانون، الثاني", ""},
    {"numbers in a range", "pattern y = v=#1900..2100", "1899 1900 2100 2101 ٢٠١٧",
     "y:1-2 v=1900/-; y:2-3 v=2100/-; y:4-5 v=٢٠١٧/-"},
    {"~ lets letters follow digits", "pattern y = #1000..2200~ | #1..9", "2017م 2017 5x",
     "y:0-1; y:1-2"},
    {"classes and any", "pattern x = :latin . :number", "abc قال 12 و", "x:0-3"},
    {"? * + {m,n}", "pattern x = أ? ب+ ج{2,3} د*", "أ ب ب ج ج ج ج د", "x:0-6; x:1-6; x:2-6"},
    {"alternatives in order", "pattern x = (أ ب | أ) ج?", "أ ب ج أ ج", "x:0-3; x:3-5"},
    {"default gap: white space only", "pattern x = أ ب", "أ، ب أ ب أ. ب", "x:2-4"},
    {"_\"CHARS\" allows those characters", "pattern x = أ _\",،\" ب", "أ، ب أ ب أ. ب",
     "x:0-2; x:2-4"},
    {"_=\"TEXT\" exactly", "pattern x = #1..31 _=\"/\" #1..12", "21/11 21 11 21//11", "x:0-2"},
    {"_= with a letter in the gap (و glued to digits)",
     "pattern x = #1900..2100 _=\"و\" #1900..2100", "1966 و1972", "x:0-2"},
    {"_* any gap", "pattern x = أ _* ب", "أ (...) ب", "x:0-2"},
    {"!( ) after", "list t = والعشرين\npattern x = الاثنين !(@t)", "الاثنين والعشرين الاثنين",
     "x:2-3"},
    {"<!( ) before", "pattern x = <!(عبد) الأحد", "عبد الأحد الأحد", "x:2-3"},
    {"<( ) before, &( ) at", "pattern x = <(في) مارس &(قال)", "مارس قال في مارس قال في مارس",
     "x:3-4"},
    {"captures in a repetition keep the last pass", "pattern x = (v=أ | v=ب)+", "أ ب",
     "x:0-2 v=ب/-; x:1-2 v=ب/-"},
    {"a capture's value is its last list test", "list a = س:1\nlist b = ص:2\npattern x = v=(@a @b)",
     "س ص", "x:0-2 v=س ص/2"},
    {"patterns may name lists defined later", "pattern x = @l\nlist l = ق", "ق", "x:0-1"},
    {"continuation lines and comments",
     "# c\nlist l =\n    ق  # c\n# c\n    ك\npattern x =\n  @l\n   @l", "ق ك", "x:0-2"},
    {"every pattern that matches, in file order", "pattern b = أ ب\npattern a = أ", "أ ب",
     "b:0-2; a:0-1"},
};

static const struct {
    const char *title, *pat, *err;
} errors[] = {
    {"unknown list", "pattern x = @nope", "1:13: unknown list '@nope'"},
    {"unclosed group", "pattern x = (a\n  b", "1:13: the group opened here is not closed with ')'"},
    {"duplicate list", "list a = x\nlist a = y", "2:6: a list of that name is already defined"},
    {"duplicate pattern", "pattern a = x\npattern a = y",
     "2:9: a pattern of that name is already defined"},
    {"a repeated item must take a token", "pattern x = (a?)*",
     "1:13: a repeated item must take a token"},
    {"a pattern that takes no token", "pattern x = !(a)", "1:9: the pattern can match no token"},
    {"empty range", "pattern x = #5..1", "1:13: empty number range"},
    {"bad count", "pattern x = a{3,2}", "1:14: bad count (0 <= m <= n <= 64)"},
    {"unknown class", "pattern x = :foo",
     "1:13: unknown class (expected :arabic, :latin or :number)"},
    {"unterminated string", "pattern x = \"abc", "1:13: unterminated string"},
    {"capture in a look-around", "pattern x = &(y=a) b", "1:17: no capture inside a look-around"},
    {"a definition at column 1", "  pattern x = a",
     "1:3: a definition starts at the beginning of a line"},
    {"unknown keyword", "patern x = a",
     "1:1: expected 'list NAME =' or 'pattern NAME =' at the start of a line"},
    {"columns count code points", "pattern س = a", "1:9: expected a name (letters, digits, _)"},
    {"a gap takes no count", "pattern x = a _*?", "1:17: a gap or a look-around takes no count"},
};

static void render(const nk_pattern_set *set, const nk_pattern_result *r, const char *s, char *out,
                   size_t cap)
{
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->nm; i++) {
        const nk_pattern_match *m = &r->m[i];
        k += (size_t)snprintf(out + k, cap - k, "%s%s:%u-%u", i ? "; " : "",
                              nk_pattern_name(set, m->pattern), m->first, m->end);
        for (uint32_t c = 0; c < m->ncap && k < cap; c++) {
            const nk_pattern_cap *cp = &r->cap[m->cap0 + c];
            size_t a = r->tok[cp->first].start, b = r->tok[cp->end - 1].end;
            k += (size_t)snprintf(out + k, cap - k, " %s=%.*s/%s",
                                  nk_pattern_capture_name(set, cp->name), (int)(b - a), s + a,
                                  cp->value ? (*cp->value ? cp->value : "?") : "-");
        }
        if (k >= cap)
            break;
    }
}

int main(void)
{
    char got[2048];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nk_pattern_set *set;
        nk_error err;
        nk_pattern_result r;
        char *p = nk_test_dup(cases[i].pat, strlen(cases[i].pat));
        char *s = nk_test_dup(cases[i].text, strlen(cases[i].text));
        nk_status st = nk_pattern_compile(p, strlen(cases[i].pat), NULL, &set, &err);
        CHECK(st == NK_OK, cases[i].title, "compile: %zu:%zu: %s", err.line, err.col, err.msg);
        if (st == NK_OK) {
            nk_pattern_result_init(&r, NULL);
            st = nk_pattern_scan(set, s, strlen(cases[i].text), &r);
            render(set, &r, s, got, sizeof got);
            CHECK(st == NK_OK && strcmp(got, cases[i].want) == 0, cases[i].title,
                  "got \"%s\", want \"%s\"", got, cases[i].want);
            nk_pattern_result_free(&r);
            nk_pattern_free(set);
        }
        free(p);
        free(s);
    }
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        nk_pattern_set *set = NULL;
        nk_error err;
        char *p = nk_test_dup(errors[i].pat, strlen(errors[i].pat));
        nk_status st = nk_pattern_compile(p, strlen(errors[i].pat), NULL, &set, &err);
        snprintf(got, sizeof got, "%zu:%zu: %s", err.line, err.col, err.msg);
        CHECK(st == NK_EFORMAT && set == NULL && strcmp(got, errors[i].err) == 0, errors[i].title,
              "got \"%s\" (status %d), want \"%s\"", got, (int)st, errors[i].err);
        free(p);
    }
    {
        /* a pattern with much backtracking stops at the step budget: no match, no hang */
        const char *pat = "pattern x = (. | . .)* ب";
        nk_pattern_set *set;
        nk_error err;
        nk_pattern_result r;
        char text[4000];
        size_t n = 0;
        for (int k = 0; k < 600; k++)
            n += (size_t)snprintf(text + n, sizeof text - n, "أ ");
        CHECK(nk_pattern_compile(pat, strlen(pat), NULL, &set, &err) == NK_OK, "budget: compiles",
              "%s", err.msg);
        nk_pattern_result_init(&r, NULL);
        CHECK(nk_pattern_scan(set, text, n, &r) == NK_OK && r.nm == 0 && r.ntok == 600,
              "the step budget bounds a hostile pattern", "nm %zu ntok %zu", r.nm, r.ntok);
        nk_pattern_result_free(&r);
        nk_pattern_free(set);
    }
    {
        /* every allocation failure is reported, never a crash or a leak (ASan) */
        const char *pat =
            "list m = \"كانون الثاني\":1 مارس:3\npattern x = d=#1..31 m=@m~ y=#1900..2100?";
        const char *text = "في 5 كانون الثاني 2017 و6 مارس";
        int ok = 0, left;
        for (left = 0; left < 200 && !ok; left++) {
            nk_test_failer f = {left};
            nk_alloc a = {nk_test_fail_alloc, &f};
            nk_pattern_set *set = NULL;
            nk_error err;
            nk_status st = nk_pattern_compile(pat, strlen(pat), &a, &set, &err);
            nk_pattern_result r;
            if (st != NK_OK) {
                if (st != NK_ENOMEM)
                    break;
                continue;
            }
            nk_pattern_result_init(&r, &a);
            st = nk_pattern_scan(set, text, strlen(text), &r);
            ok = st == NK_OK && r.nm == 2;
            nk_pattern_result_free(&r);
            nk_pattern_free(set);
            if (st != NK_OK && st != NK_ENOMEM)
                break;
        }
        CHECK(ok, "allocation failures: NK_ENOMEM until enough memory, then the result", "left %d",
              left);
    }
    return NK_TEST_DONE();
}
