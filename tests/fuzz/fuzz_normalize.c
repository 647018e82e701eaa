/*
** fuzz_normalize.c
** Normalization of arbitrary bytes. Byte 0 picks a named profile, byte 1 a
** switch to change and byte 2 its value (and where a stream is cut); the
** rest is the text. Checks: the offset map covers the output and maps every
** span inside the original; streaming in two chunks gives the same bytes as
** the one-shot call.
*/
#include "fuzz.h"
#include "nk_normalize.h"

NK_FUZZ_TARGET(normalize)
{
    size_t len, nprof, nsw, nval, i, cut;
    const char *const *names = nk_norm_profile_names();
    const nk_norm_switch *sw = nk_norm_switches(&nsw);
    nk_norm_profile p;
    nk_buf out, out2;
    nk_offmap map;
    nk_error err;
    nk_status st;
    char *s;
    if (size < 3 || size > NK_FUZZ_MAX)
        return 0;
    for (nprof = 0; names[nprof] != NULL; nprof++)
        ;
    NK_FUZZ_CHECK(nprof > 0 && nsw > 0);
    NK_FUZZ_CHECK(nk_norm_profile_named(&p, names[data[0] % nprof]) == NK_OK);
    {
        const nk_norm_switch *w = &sw[data[1] % nsw];
        const char *v;
        if (w->values == NULL) {
            v = (data[2] & 1) ? "true" : "false";
        } else {
            for (nval = 0; w->values[nval] != NULL; nval++)
                ;
            v = nval ? w->values[data[2] % nval] : "";
        }
        NK_FUZZ_CHECK(nk_norm_profile_set(&p, w->name, v, &err) == NK_OK);
    }
    s = nk_fuzz_dup(data, size, 3, &len);

    nk_buf_init(&out, NULL);
    nk_offmap_init(&map, NULL);
    st = nk_normalize(&p, s, len, &out, &map, &err);
    if (st == NK_OK) {
        NK_FUZZ_CHECK(map.olen == out.len);
        for (i = 0; i <= out.len; i += 1 + out.len / 64) {
            size_t j = i + (out.len - i) / 2;
            nk_span a = nk_offmap_orig(&map, i, j);
            NK_FUZZ_CHECK(a.start <= a.end && a.end <= len);
        }
    } else {
        NK_FUZZ_CHECK(out.len == 0);
        NK_FUZZ_CHECK(err.offset <= len);
    }

    /* the same text through the streaming interface, cut in two */
    {
        nk_normalizer *n = nk_normalizer_new(&p, NULL, &err);
        nk_status st2;
        NK_FUZZ_CHECK(n != NULL);
        cut = len ? (size_t)data[2] * len / 255 : 0;
        nk_buf_init(&out2, NULL);
        st2 = nk_normalizer_feed(n, s, cut, &out2, NULL, &err);
        if (st2 == NK_OK)
            st2 = nk_normalizer_feed(n, s + cut, len - cut, &out2, NULL, &err);
        if (st2 == NK_OK)
            st2 = nk_normalizer_finish(n, &out2, NULL, &err);
        NK_FUZZ_CHECK((st2 == NK_OK) == (st == NK_OK));
        if (st == NK_OK && st2 == NK_OK) {
            NK_FUZZ_CHECK(out2.len == out.len);
            NK_FUZZ_CHECK(out.len == 0 || memcmp(out.data, out2.data, out.len) == 0);
        }
        nk_buf_free(&out2);
        nk_normalizer_free(n);
    }
    nk_offmap_free(&map);
    nk_buf_free(&out);
    free(s);
    return 0;
}
