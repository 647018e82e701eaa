/*
** nk_hijri.h
** Hijri (Islamic) <-> Gregorian date conversion through ICU's Islamic
** calendars. Dates are plain (year, month 1-12, day) triples; the core keeps
** no state and allocates nothing (ICU opens and closes its calendars per call).
*/
#ifndef NK_HIJRI_H
#define NK_HIJRI_H

#include <stdint.h>

#include "nk_base.h"

/* Which Islamic calendar ICU computes with. */
typedef enum {
    NK_HIJRI_UMALQURA =
        0,                /* Umm al-Qura (Saudi Arabia's official tables); ICU "islamic-umalqura" */
    NK_HIJRI_CIVIL,       /* tabular, civil epoch; ICU "islamic-civil" */
    NK_HIJRI_TABULAR,     /* tabular, astronomical epoch; ICU "islamic-tbla" */
    NK_HIJRI_ASTRONOMICAL /* ICU "islamic" (astronomical approximation) */
} nk_hijri_variant;

/* A calendar date: month 1..12, day 1..31. */
typedef struct {
    int32_t year, month, day;
} nk_date;

/*
** Convert the Hijri date h to the Gregorian calendar (proleptic before 1582
** is not needed for news; ICU's Gregorian switch-over applies).
** Returns NK_OK and fills *out; NK_EINVAL for a NULL pointer, a bad variant
** or a date that does not exist in that calendar (month 13, day 30 of a
** 29-day month); NK_ERANGE when ICU fails otherwise. err (may be NULL) gets
** a message. Nothing to free.
*/
nk_status nk_hijri_to_gregorian(nk_hijri_variant v, nk_date h, nk_date *out, nk_error *err);

/* The inverse: the Gregorian date g as a Hijri date. Same errors. */
nk_status nk_gregorian_to_hijri(nk_hijri_variant v, nk_date g, nk_date *out, nk_error *err);

/* Parse a variant name ("umalqura", "civil", "tabular", "astronomical"); NK_EINVAL if unknown. */
nk_status nk_hijri_variant_parse(const char *name, nk_hijri_variant *out);

#endif
