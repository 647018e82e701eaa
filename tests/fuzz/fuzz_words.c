/*
** fuzz_words.c
** The entity rules' word scanner and the folds of core/nk_words.c over
** arbitrary bytes. Checks: tokens inside the text, ordered, not empty, never
** starting with a space; the folds never grow their input; the masked-word
** scan stays inside the text and moves forward; masking only turns
** non-ASCII bytes into spaces.
*/
#include "fuzz.h"
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
