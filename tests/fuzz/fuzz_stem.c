/*
** fuzz_stem.c
** The light stemmer on arbitrary bytes: one word, and a whole text word by
** word. Checks: the output never grows (the documented contract) and into
** an exact-size buffer, so ASan catches any write past it.
*/
#include "fuzz.h"
#include "nk_stem.h"

NK_FUZZ_TARGET(stem)
{
    size_t len, n;
    char *s, *out;
    if (size > NK_FUZZ_MAX)
        return 0;
    s = nk_fuzz_dup(data, size, 0, &len);
    out = malloc(len ? len : 1);
    NK_FUZZ_CHECK(out != NULL);
    n = nk_stem(s, len, out);
    NK_FUZZ_CHECK(n <= len);
    n = nk_stem_text(s, len, out);
    NK_FUZZ_CHECK(n <= len);
    free(out);
    free(s);
    return 0;
}
