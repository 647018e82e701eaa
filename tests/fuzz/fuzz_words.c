/*
** fuzz_words.c
** The entity rules' word scanner and the folds of core/nk_words.c over
** arbitrary bytes. Checks: tokens inside the text, ordered, not empty, never
** starting with a space; the folds never grow their input; the masked-word
** scan stays inside the text and moves forward; masking only turns
** non-ASCII bytes into spaces; every key profile (nk_key) never grows its
** input, gives the same key in place, and keeps every byte it does not fold.
*/
#include "fuzz.h"
#include "nk_normalize.h"
#include "nk_words.h"

NK_FUZZ_TARGET(words)
{
    size_t len, prev = 0, pos = 0, st, en, m;
    char *s, *out;
    nk_wscan sc;
    nk_word w;
    if (size > NK_FUZZ_MAX)
        return 0;
    s = nk_fuzz_dup(data, size, 0, &len);
    out = malloc(len ? len : 1);
    if (out == NULL)
        abort();
    nk_words_init(&sc, s, len);
    while (nk_words_next(&sc, &w)) {
        NK_FUZZ_CHECK(w.start < w.end && w.end <= len && w.start >= prev);
        NK_FUZZ_CHECK(s[w.start] != ' ' && s[w.start] != '\n');
        NK_FUZZ_CHECK(w.cls >= NK_TOK_ARABIC && w.cls <= NK_TOK_PUNCT);
        m = nk_words_key(s + w.start, w.end - w.start, out);
        NK_FUZZ_CHECK(m <= w.end - w.start);
        m = nk_words_raw(s + w.start, w.end - w.start, out);
        NK_FUZZ_CHECK(m <= w.end - w.start);
        prev = w.end;
    }
    NK_FUZZ_CHECK(nk_words_fold(s, len, out) <= len);
    {
        const nk_key_profile *k;
        int id;
        for (id = 0; (k = nk_key_profile_get(id)) != NULL; id++) {
            size_t km = nk_key(k, s, len, out), j;
            char *in = malloc(len ? len : 1);
            if (in == NULL)
                abort();
            memcpy(in, s, len);
            NK_FUZZ_CHECK(km <= len);
            NK_FUZZ_CHECK(nk_key(k, in, len, in) == km && memcmp(in, out, km) == 0);
            for (j = 0; j < len && (unsigned char)s[j] < 0x80; j++)
                ; /* an all-ASCII input of a profile without ASCII rules comes back whole */
            if (j == len && k->nrules > 0 && k->rule[0].lo >= 0x80)
                NK_FUZZ_CHECK(km == len && memcmp(out, s, len) == 0);
            free(in);
        }
    }
    memcpy(out, s, len); /* masking keeps every ASCII byte and only writes spaces */
    nk_words_mask(out, len);
    for (m = 0; m < len; m++)
        NK_FUZZ_CHECK(out[m] == s[m] || (out[m] == ' ' && (unsigned char)s[m] >= 0x80));
    prev = 0;
    while (nk_words_next_masked(s, len, &pos, &st, &en)) {
        NK_FUZZ_CHECK(st < en && en <= len && st >= prev && pos == en);
        prev = en;
    }
    free(out);
    free(s);
    return 0;
}
