/*
** nk_hijri.c
** Hijri <-> Gregorian conversion with ICU's Islamic calendars (ucal).
** Both calendars are opened in UTC, non-lenient, and closed before return.
*/
#include "nk_hijri.h"

#include <string.h>

#include <unicode/ucal.h>

static const char *const variant_locale[] = {
    "en@calendar=islamic-umalqura",
    "en@calendar=islamic-civil",
    "en@calendar=islamic-tbla",
    "en@calendar=islamic",
};

static const char *const variant_name[] = {"umalqura", "civil", "tabular", "astronomical"};

#define NVARIANTS (sizeof variant_name / sizeof variant_name[0])

nk_status nk_hijri_variant_parse(const char *name, nk_hijri_variant *out)
{
    size_t i;
    if (!name || !out)
        return NK_EINVAL;
    for (i = 0; i < NVARIANTS; i++) {
        if (strcmp(name, variant_name[i]) == 0) {
            *out = (nk_hijri_variant)i;
            return NK_OK;
        }
    }
    return NK_EINVAL;
}

/* Open a non-lenient UTC calendar for locale; NULL on failure. */
static UCalendar *open_cal(const char *locale)
{
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UErrorCode st = U_ZERO_ERROR;
    UCalendar *cal = ucal_open(utc, 3, locale, UCAL_DEFAULT, &st);
    if (U_FAILURE(st)) {
        if (cal)
            ucal_close(cal);
        return NULL;
    }
    ucal_setAttribute(cal, UCAL_LENIENT, 0);
    ucal_clear(cal);
    return cal;
}

/* Move date d from calendar locale `from` to calendar locale `to`. */
static nk_status convert(const char *from, const char *to, nk_date d, nk_date *out, nk_error *err)
{
    UCalendar *a, *b;
    UErrorCode st = U_ZERO_ERROR;
    UDate ms;
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.year < 1 || d.year > 9999)
        return nk_seterror(err, NK_EINVAL, 0, "date %d-%d-%d is out of range", (int)d.year,
                           (int)d.month, (int)d.day);
    a = open_cal(from);
    if (!a)
        return nk_seterror(err, NK_ERANGE, 0, "ICU cannot open calendar %s", from);
    ucal_set(a, UCAL_EXTENDED_YEAR, d.year);
    ucal_set(a, UCAL_MONTH, d.month - 1);
    ucal_set(a, UCAL_DATE, d.day);
    ucal_set(a, UCAL_HOUR_OF_DAY, 12);
    ms = ucal_getMillis(a, &st);
    ucal_close(a);
    if (U_FAILURE(st))
        return nk_seterror(err, NK_EINVAL, 0, "no such date %d-%d-%d in this calendar", (int)d.year,
                           (int)d.month, (int)d.day);
    b = open_cal(to);
    if (!b)
        return nk_seterror(err, NK_ERANGE, 0, "ICU cannot open calendar %s", to);
    ucal_setMillis(b, ms, &st);
    out->year = ucal_get(b, UCAL_EXTENDED_YEAR, &st);
    out->month = ucal_get(b, UCAL_MONTH, &st) + 1;
    out->day = ucal_get(b, UCAL_DATE, &st);
    ucal_close(b);
    if (U_FAILURE(st))
        return nk_seterror(err, NK_ERANGE, 0, "ICU conversion failed: %s", u_errorName(st));
    return NK_OK;
}

nk_status nk_hijri_to_gregorian(nk_hijri_variant v, nk_date h, nk_date *out, nk_error *err)
{
    if (!out || (unsigned)v >= NVARIANTS)
        return nk_seterror(err, NK_EINVAL, 0, "bad argument");
    return convert(variant_locale[v], "en@calendar=gregorian", h, out, err);
}

nk_status nk_gregorian_to_hijri(nk_hijri_variant v, nk_date g, nk_date *out, nk_error *err)
{
    if (!out || (unsigned)v >= NVARIANTS)
        return nk_seterror(err, NK_EINVAL, 0, "bad argument");
    return convert("en@calendar=gregorian", variant_locale[v], g, out, err);
}
