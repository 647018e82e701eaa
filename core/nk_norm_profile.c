/*
** nk_norm_profile.c
** The named normalization profiles (data) and the switch descriptors that
** the bindings, the CLI and the docs use to read and set them by name.
*/
#include <stddef.h>
#include <string.h>

#include "nk_normalize.h"

static const char *const V_UNICODE[] = {"none", "nfc", "nfkc", NULL};
static const char *const V_DIAC[] = {"keep", "strip", "keep_shadda", NULL};
static const char *const V_ALEF[] = {"keep", "basic", "all", NULL};
static const char *const V_INVALID[] = {"replace", "error", NULL};

#define SW(name, values, doc)                                                                      \
    {                                                                                              \
#name, values, offsetof(nk_norm_profile, name), doc                                        \
    }

static const nk_norm_switch SWITCHES[] = {
    SW(unicode, V_UNICODE, "Unicode normalization applied first: none, nfc or nfkc"),
    SW(forms, NULL,
       "presentation forms and ligatures U+FB50-U+FDFF, U+FE70-U+FEFF -> letters (NFKC)"),
    SW(words, NULL, "expand U+FDFC -> ريال and U+FDFD -> بسم الله الرحمن الرحيم (before NFKC)"),
    SW(diacritics, V_DIAC,
       "harakat, tanween, shadda, sukun, dagger alef: keep, strip, keep_shadda"),
    SW(marks, NULL, "strip Quranic and honorific marks (U+0610-U+061A, U+06D6-U+06ED, ...)"),
    SW(tatweel, NULL, "strip tatweel U+0640"),
    SW(alef, V_ALEF, "alef variants -> ا: keep, basic (أ إ آ ٱ), all (also ٲ ٳ ٵ)"),
    SW(maqsura, NULL, "alef maqsura ى -> ي"),
    SW(marbuta, NULL, "taa marbuta ة -> ه"),
    SW(hamza, NULL, "hamza seats ؤ -> و, ئ -> ي; combining hamza removed"),
    SW(digits, NULL, "Arabic-Indic and Persian digits -> 0-9; ٫ -> . ٬ -> , ٪ -> %"),
    SW(persian, NULL, "Persian/Urdu letters -> Arabic: ک گ -> ك, ی ے -> ي, ھ ۀ ہ -> ه, ..."),
    SW(controls, NULL, "strip bidi and zero-width controls (U+200B-U+200F, U+202A-U+202E, ...)"),
    SW(whitespace, NULL, "NBSP and other spaces -> U+0020; U+2028, U+2029, U+0085 -> newline"),
    SW(quotes, NULL, "quotation marks « » “ ” -> \", ‘ ’ ‹ › -> '"),
    SW(punct, NULL, "Arabic punctuation ، ؛ ؟ ۔ -> , ; ? ."),
    SW(casefold, NULL, "Unicode case folding (Latin, Greek, Cyrillic, ...)"),
    SW(invalid, V_INVALID, "invalid UTF-8: replace (U+FFFD) or error"),
};

#define NSWITCHES (sizeof SWITCHES / sizeof SWITCHES[0])

/* The profiles. Field order: unicode forms words diacritics marks tatweel alef maqsura
** marbuta hamza digits persian controls whitespace quotes punct casefold invalid. */
typedef struct {
    const char *name;
    nk_norm_profile p;
} named;

static const named PROFILES[] = {
    /* search: the strong fold used for matching and indexing */
    {"search",
     {NK_UNI_NFKC, 1, 1, NK_DIAC_STRIP, 1, 1, NK_ALEF_ALL, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1,
      NK_INVALID_REPLACE}},
    /* display: clean but faithful (canonically equivalent letters, diacritics kept) */
    {"display",
     {NK_UNI_NFC, 1, 0, NK_DIAC_KEEP, 0, 1, NK_ALEF_KEEP, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0,
      NK_INVALID_REPLACE}},
    /* camel: CAMeL Tools normalize_unicode + dediac_ar + normalize_alef_ar +
       normalize_alef_maksura_ar + normalize_teh_marbuta_ar */
    {"camel",
     {NK_UNI_NFKC, 1, 1, NK_DIAC_STRIP, 0, 0, NK_ALEF_BASIC, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
      NK_INVALID_REPLACE}},
    /* none: identity on valid UTF-8 (a base for custom profiles) */
    {"none",
     {NK_UNI_NONE, 0, 0, NK_DIAC_KEEP, 0, 0, NK_ALEF_KEEP, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      NK_INVALID_REPLACE}},
};

static const char *const NAMES[] = {"search", "display", "camel", "none", NULL};

nk_status nk_norm_profile_named(nk_norm_profile *p, const char *name)
{
    size_t k;
    if (p == NULL || name == NULL)
        return NK_EINVAL;
    for (k = 0; k < sizeof PROFILES / sizeof PROFILES[0]; k++) {
        if (strcmp(PROFILES[k].name, name) == 0) {
            *p = PROFILES[k].p;
            return NK_OK;
        }
    }
    return NK_EINVAL;
}

const char *const *nk_norm_profile_names(void)
{
    return NAMES;
}

const nk_norm_switch *nk_norm_switches(size_t *count)
{
    if (count != NULL)
        *count = NSWITCHES;
    return SWITCHES;
}

static const nk_norm_switch *find_switch(const char *name)
{
    size_t k;
    for (k = 0; k < NSWITCHES; k++)
        if (strcmp(SWITCHES[k].name, name) == 0)
            return &SWITCHES[k];
    return NULL;
}

nk_status nk_norm_profile_set(nk_norm_profile *p, const char *name, const char *value,
                              nk_error *err)
{
    const nk_norm_switch *sw;
    int *field, k;
    if (p == NULL || name == NULL || value == NULL)
        return nk_seterror(err, NK_EINVAL, 0, "normalize: missing switch name or value");
    sw = find_switch(name);
    if (sw == NULL)
        return nk_seterror(err, NK_EINVAL, 0, "normalize: unknown switch '%s'", name);
    field = (int *)(void *)((char *)p + sw->offset);
    if (sw->values == NULL) {
        if (strcmp(value, "true") == 0 || strcmp(value, "1") == 0) {
            *field = 1;
            return NK_OK;
        }
        if (strcmp(value, "false") == 0 || strcmp(value, "0") == 0) {
            *field = 0;
            return NK_OK;
        }
        return nk_seterror(err, NK_EINVAL, 0, "normalize: switch '%s' expects true or false", name);
    }
    for (k = 0; sw->values[k] != NULL; k++) {
        if (strcmp(sw->values[k], value) == 0) {
            *field = k;
            return NK_OK;
        }
    }
    return nk_seterror(err, NK_EINVAL, 0, "normalize: switch '%s' has no value '%s'", name, value);
}

const char *nk_norm_profile_get(const nk_norm_profile *p, const char *name)
{
    const nk_norm_switch *sw;
    int v, k;
    if (p == NULL || name == NULL || (sw = find_switch(name)) == NULL)
        return NULL;
    v = *(const int *)(const void *)((const char *)p + sw->offset);
    if (sw->values == NULL)
        return v ? "true" : "false";
    for (k = 0; sw->values[k] != NULL; k++)
        if (k == v)
            return sw->values[k];
    return NULL;
}

/* ---- key profiles (nk_key) ---------------------------------------------- */

#define DROP(lo, hi)                                                                               \
    {                                                                                              \
        lo, hi, 0, NK_KEYOP_DROP                                                                   \
    }
#define MAP(lo, hi, to)                                                                            \
    {                                                                                              \
        lo, hi, to, NK_KEYOP_MAP                                                                   \
    }
#define SHIFT(lo, hi, to)                                                                          \
    {                                                                                              \
        lo, hi, to, NK_KEYOP_SHIFT                                                                 \
    }

/* Shared pieces, by code point: ASCII A-Z (0x41-0x5A); آ أ (0x622-0x623), إ (0x625), ٱ (0x671)
** -> ا; ة (0x629) -> ه; ى (0x649) -> ي; tatweel 0x640; harakat and the rest of the
** block 0x64B-0x65F; superscript alef 0x670. Rules sorted by code point. */
static const nk_key_rule K_ENTITY[] = {
    SHIFT(0x41, 0x5A, 0x61),  MAP(0x622, 0x623, 0x627), MAP(0x625, 0x625, 0x627),
    MAP(0x629, 0x629, 0x647), DROP(0x640, 0x640),       MAP(0x649, 0x649, 0x64A),
    DROP(0x64B, 0x65F),       DROP(0x670, 0x670),       MAP(0x671, 0x671, 0x627),
    MAP(0x6A9, 0x6A9, 0x643), MAP(0x6CC, 0x6CC, 0x64A), DROP(0x200C, 0x200F),
};
static const nk_key_rule K_ENTITY_RAW[] = {
    DROP(0x640, 0x640),
    DROP(0x64B, 0x65F),
    DROP(0x670, 0x670),
    DROP(0x200C, 0x200F),
};
static const nk_key_rule K_EXTRACT[] = {
    MAP(0x622, 0x623, 0x627),  MAP(0x625, 0x625, 0x627), MAP(0x629, 0x629, 0x647),
    DROP(0x640, 0x640),        MAP(0x649, 0x649, 0x64A), DROP(0x64B, 0x652),
    SHIFT(0x660, 0x669, 0x30), DROP(0x670, 0x670),       MAP(0x671, 0x671, 0x627),
    SHIFT(0x6F0, 0x6F9, 0x30),
};
static const nk_key_rule K_STEM[] = {
    SHIFT(0x41, 0x5A, 0x61),  MAP(0x622, 0x623, 0x627), MAP(0x625, 0x625, 0x627),
    MAP(0x629, 0x629, 0x647), DROP(0x640, 0x640),       MAP(0x649, 0x649, 0x64A),
    DROP(0x64B, 0x65F),       DROP(0x670, 0x670),       MAP(0x671, 0x671, 0x627),
};
static const nk_key_rule K_VARIANT[] = {
    DROP(0x610, 0x61A),       MAP(0x622, 0x623, 0x627), MAP(0x625, 0x625, 0x627),
    MAP(0x629, 0x629, 0x647), DROP(0x640, 0x640),       MAP(0x649, 0x649, 0x64A),
    DROP(0x64B, 0x65F),       DROP(0x670, 0x670),       MAP(0x671, 0x671, 0x627),
    DROP(0x6D6, 0x6ED),
};

static const nk_key_rule K_DIGITS[] = {
    SHIFT(0x660, 0x669, 0x30),
    SHIFT(0x6F0, 0x6F9, 0x30),
};

#define KP(name, rules, doc)                                                                       \
    {                                                                                              \
        name, doc, rules, sizeof rules / sizeof rules[0]                                           \
    }

/* In NK_KEY_* order. */
static const nk_key_profile KEYS[] = {
    KP("entity", K_ENTITY,
       "entity rules' word key: ASCII lower case; no harakat (U+064B-U+065F), dagger alef, "
       "tatweel, ZWNJ/ZWJ/LRM/RLM; أ إ آ ٱ -> ا, ى ی -> ي, ة -> ه, ک -> ك"),
    KP("entity_raw", K_ENTITY_RAW,
       "entity rules' raw letters: no harakat (U+064B-U+065F), dagger alef, tatweel, "
       "ZWNJ/ZWJ/LRM/RLM"),
    KP("extract", K_EXTRACT,
       "extraction stages' key: no harakat (U+064B-U+0652), dagger alef, tatweel; "
       "أ إ آ ٱ -> ا, ى -> ي, ة -> ه; Arabic-Indic and Persian digits -> 0-9"),
    KP("stem", K_STEM,
       "light stemmer's step 1: ASCII lower case; no harakat (U+064B-U+065F), dagger alef, "
       "tatweel; أ إ آ ٱ -> ا, ى -> ي, ة -> ه"),
    KP("variant", K_VARIANT,
       "gazetteer spelling-variant letters: no harakat, Quranic marks or tatweel; "
       "أ إ آ ٱ -> ا, ى -> ي, ة -> ه"),
    KP("digits", K_DIGITS, "Arabic-Indic and Persian digits -> 0-9"),
};

static const char *const KEY_NAMES[] = {"entity",  "entity_raw", "extract", "stem",
                                        "variant", "digits",     NULL};

const nk_key_profile *nk_key_profile_get(int id)
{
    if (id < 0 || (size_t)id >= sizeof KEYS / sizeof KEYS[0])
        return NULL;
    return &KEYS[id];
}

const nk_key_profile *nk_key_profile_named(const char *name)
{
    size_t k;
    if (name == NULL)
        return NULL;
    for (k = 0; k < sizeof KEYS / sizeof KEYS[0]; k++)
        if (strcmp(KEYS[k].name, name) == 0)
            return &KEYS[k];
    return NULL;
}

const char *const *nk_key_profile_names(void)
{
    return KEY_NAMES;
}
