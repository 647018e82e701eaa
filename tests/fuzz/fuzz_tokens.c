/*
** fuzz_tokens.c
** Tokenizing arbitrary bytes, then clitic segmentation of every Arabic
** token. Checks: tokens inside the text, ordered, not empty; the incremental
** tokenizer agrees with nk_tokens; the pieces of a word cover it exactly.
*/
#include "fuzz.h"
#include "nk_tokens.h"

NK_FUZZ_TARGET(tokens)
{
    size_t len, i, prev = 0;
    char *s;
    nk_tokvec tv;
    nk_tokenizer it;
    nk_token tok;
    if (size > NK_FUZZ_MAX)
        return 0;
    s = nk_fuzz_dup(data, size, 0, &len);
    nk_tokvec_init(&tv, NULL);
    if (nk_tokens(s, len, &tv) == NK_OK) {
        for (i = 0; i < tv.n; i++) {
            nk_span w = tv.v[i].span;
            NK_FUZZ_CHECK(w.start < w.end && w.end <= len && w.start >= prev);
            NK_FUZZ_CHECK(nk_token_class_name(tv.v[i].cls) != NULL);
            prev = w.end;
            if (tv.v[i].cls == NK_TOK_ARABIC) {
                nk_piece pieces[NK_MAX_PIECES];
                size_t np = nk_clitics(s, w, pieces), k, at = w.start;
                NK_FUZZ_CHECK(np >= 1 && np <= NK_MAX_PIECES);
                for (k = 0; k < np; k++) {
                    NK_FUZZ_CHECK(pieces[k].span.start == at);
                    NK_FUZZ_CHECK(pieces[k].span.end >= pieces[k].span.start);
                    at = pieces[k].span.end;
                }
                NK_FUZZ_CHECK(at == w.end);
            }
        }
        nk_tokenizer_init(&it, s, len);
        for (i = 0; nk_tokenizer_next(&it, &tok); i++) {
            NK_FUZZ_CHECK(i < tv.n);
            NK_FUZZ_CHECK(tok.span.start == tv.v[i].span.start && tok.span.end == tv.v[i].span.end);
            NK_FUZZ_CHECK(tok.cls == tv.v[i].cls);
        }
        NK_FUZZ_CHECK(i == tv.n);
    }
    nk_tokvec_free(&tv);
    free(s);
    return 0;
}
