/*
** fuzz_split.c
** Sentence and paragraph splitting of arbitrary bytes. Byte 0 chooses the
** flags (and whether the first line is a list of extra abbreviations); the
** rest is the text. Checks: spans inside the text, ordered, not empty, and
** the incremental splitters agree with the array functions.
*/
#include "fuzz.h"
#include "nk_split.h"

static void split_check(const nk_spanvec *sv, size_t len)
{
    size_t i, prev = 0;
    for (i = 0; i < sv->n; i++) {
        NK_FUZZ_CHECK(sv->v[i].start < sv->v[i].end);
        NK_FUZZ_CHECK(sv->v[i].end <= len);
        NK_FUZZ_CHECK(sv->v[i].start >= prev);
        prev = sv->v[i].end;
    }
}

NK_FUZZ_TARGET(split)
{
    size_t len, i;
    char *s;
    nk_split_opts o;
    nk_spanvec sv;
    nk_abbrevs *ab = NULL;
    nk_span sp;
    if (size < 1 || size > NK_FUZZ_MAX)
        return 0;
    s = nk_fuzz_dup(data, size, 1, &len);
    o.flags = data[0] & 7u;
    o.abbrevs = NULL;
    if (data[0] & 8u) {
        /* the first line: abbreviations separated by spaces */
        size_t a = 0, b;
        ab = nk_abbrevs_new(NULL);
        NK_FUZZ_CHECK(ab != NULL);
        while (a < len && s[a] != '\n') {
            for (b = a; b < len && s[b] != ' ' && s[b] != '\n'; b++)
                ;
            if (b > a)
                nk_abbrevs_add(ab, s + a, b - a, (data[0] & 16u) ? NK_ABBR_FINAL : NK_ABBR_TITLE);
            a = b < len && s[b] == ' ' ? b + 1 : b;
        }
        o.abbrevs = ab;
    }

    nk_spanvec_init(&sv, NULL);
    if (nk_sentences(s, len, &o, &sv) == NK_OK) {
        nk_splitter it;
        split_check(&sv, len);
        nk_splitter_init(&it, s, len, &o);
        for (i = 0; nk_splitter_next(&it, &sp); i++) {
            NK_FUZZ_CHECK(i < sv.n);
            NK_FUZZ_CHECK(sp.start == sv.v[i].start && sp.end == sv.v[i].end);
        }
        NK_FUZZ_CHECK(i == sv.n);
    }
    nk_spanvec_free(&sv);

    nk_spanvec_init(&sv, NULL);
    if (nk_paragraphs(s, len, o.flags, &sv) == NK_OK) {
        nk_parasplitter pp;
        split_check(&sv, len);
        nk_parasplitter_init(&pp, s, len, o.flags);
        for (i = 0; nk_parasplitter_next(&pp, &sp); i++) {
            NK_FUZZ_CHECK(i < sv.n);
            NK_FUZZ_CHECK(sp.start == sv.v[i].start && sp.end == sv.v[i].end);
        }
        NK_FUZZ_CHECK(i == sv.n);
    }
    nk_spanvec_free(&sv);
    nk_abbrevs_free(ab);
    free(s);
    return 0;
}
