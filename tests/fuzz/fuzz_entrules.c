/*
** fuzz_entrules.c
** The entity rules' per-word pass (core/nk_entrules.c) over arbitrary bytes. Checks: the
** compact words are the word scanner's words with their keys; nk_ewords_from and
** nk_ewords_at agree with each other at every byte; a set of keys made from every other word
** (bits by position) finds each of them again, bare and behind و; the scan gives bits only to
** Arabic and Latin words.
*/
#include "fuzz.h"
#include "nk_entrules.h"
#include "nk_words.h"

NK_FUZZ_TARGET(entrules)
{
    size_t len, i, k = 0;
    char *s;
    nk_ewords w;
    nk_wscan sc;
    nk_word wd;
    nk_keyset *set;
    nk_entlists l;
    uint8_t *bits;
    if (size > NK_FUZZ_MAX)
        return 0;
    s = nk_fuzz_dup(data, size, 0, &len);
    nk_ewords_init(&w, NULL);
    NK_FUZZ_CHECK(nk_ewords_scan(&w, s, len) == NK_OK);
    nk_words_init(&sc, s, len);
    while (nk_words_next(&sc, &wd)) {
        NK_FUZZ_CHECK(k < w.n && w.v[k].start == wd.start && w.v[k].end == wd.end);
        NK_FUZZ_CHECK(w.v[k].klen <= wd.end - wd.start);
        k++;
    }
    NK_FUZZ_CHECK(k == w.n);
    for (i = 0; i <= len; i++) {
        size_t f = nk_ewords_from(&w, i, 0), a = nk_ewords_at(&w, i);
        NK_FUZZ_CHECK(f <= w.n && (f == w.n || w.v[f].end > i));
        NK_FUZZ_CHECK(f == 0 || w.v[f - 1].end <= i);
        NK_FUZZ_CHECK(a == w.n || (a == f && w.v[a].start <= i));
    }
    set = nk_keyset_new(NULL);
    if (set == NULL)
        abort();
    for (i = 0; i < w.n; i += 2)
        if (w.v[i].cls != NK_TOK_PUNCT)
            NK_FUZZ_CHECK(
                nk_keyset_add_bits(set, w.pool + w.v[i].koff, w.v[i].klen, 1u << (i % 6)) == NK_OK);
    for (i = 0; i < w.n; i += 2) {
        const char *key = w.pool + w.v[i].koff;
        size_t kl = w.v[i].klen;
        char buf[NK_FUZZ_MAX + 2];
        if (w.v[i].cls == NK_TOK_PUNCT)
            continue;
        NK_FUZZ_CHECK(nk_keyset_bits(set, key, kl) & (1u << (i % 6)));
        NK_FUZZ_CHECK(nk_keyset_has_reading(set, key, kl));
        buf[0] = (char)0xD9; /* و + the key: its rest is the key when it keeps two letters */
        buf[1] = (char)0x88;
        memcpy(buf + 2, key, kl);
        (void)nk_keyset_has_reading(set, buf, kl + 2);
    }
    bits = malloc(w.n ? w.n : 1);
    if (bits == NULL)
        abort();
    l.map = set;
    l.family = "\330\242\331\204"; /* آل */
    l.family_len = 4;
    nk_ent_scan(&l, &w, s, bits);
    for (i = 0; i < w.n; i++) {
        NK_FUZZ_CHECK(bits[i] < 32);
        if (w.v[i].cls != NK_TOK_ARABIC && w.v[i].cls != NK_TOK_LATIN)
            NK_FUZZ_CHECK(bits[i] == 0);
        (void)nk_ent_word_in(&w, i, set);
    }
    free(bits);
    nk_keyset_free(set);
    nk_ewords_free(&w);
    free(s);
    return 0;
}
