/* Hijri <-> Gregorian conversion through ICU (nk_hijri). */
#include <string.h>

#include "nk_hijri.h"
#include "nk_test.h"

int main(void)
{
    nk_date out = {0, 0, 0};
    nk_error err;
    nk_hijri_variant v;
    nk_date h = {1439, 3, 3}, g = {2017, 11, 21}, bad = {1439, 2, 30}, m13 = {1439, 13, 1};

    CHECK(nk_hijri_to_gregorian(NK_HIJRI_UMALQURA, h, &out, &err) == NK_OK && out.year == 2017 &&
              out.month == 11 && out.day == 21,
          "umalqura 1439-03-03 is 2017-11-21", "got %d-%d-%d", (int)out.year, (int)out.month,
          (int)out.day);
    CHECK(nk_gregorian_to_hijri(NK_HIJRI_UMALQURA, g, &out, &err) == NK_OK && out.year == 1439 &&
              out.month == 3 && out.day == 3,
          "2017-11-21 is umalqura 1439-03-03", "got %d-%d-%d", (int)out.year, (int)out.month,
          (int)out.day);
    CHECK(nk_hijri_to_gregorian(NK_HIJRI_UMALQURA, bad, &out, &err) == NK_EINVAL && err.msg[0],
          "a day that does not exist is NK_EINVAL with a message", "%s", err.msg);
    CHECK(nk_hijri_to_gregorian(NK_HIJRI_CIVIL, m13, &out, &err) == NK_EINVAL,
          "month 13 is NK_EINVAL", "%s", err.msg);
    CHECK(nk_hijri_to_gregorian((nk_hijri_variant)99, h, &out, NULL) == NK_EINVAL,
          "a bad variant is NK_EINVAL (err may be NULL)", "%s", "");
    CHECK(nk_hijri_to_gregorian(NK_HIJRI_CIVIL, h, NULL, NULL) == NK_EINVAL,
          "a NULL out is NK_EINVAL", "%s", "");
    CHECK(nk_hijri_variant_parse("tabular", &v) == NK_OK && v == NK_HIJRI_TABULAR &&
              nk_hijri_variant_parse("lunar", &v) == NK_EINVAL,
          "variant names parse", "%d", (int)v);
    /* Round trips over a span of years in each variant. */
    {
        int ok = 1;
        for (int vi = 0; vi < 4; vi++) {
            for (int32_t y = 1400; y <= 1450 && ok; y += 7) {
                for (int32_t mo = 1; mo <= 12 && ok; mo++) {
                    nk_date a = {y, mo, 1}, gg, back;
                    if (nk_hijri_to_gregorian((nk_hijri_variant)vi, a, &gg, NULL) != NK_OK ||
                        nk_gregorian_to_hijri((nk_hijri_variant)vi, gg, &back, NULL) != NK_OK ||
                        memcmp(&a, &back, sizeof a) != 0)
                        ok = 0;
                }
            }
        }
        CHECK(ok, "round trips in every variant", "%s", "");
    }
    return NK_TEST_DONE();
}
