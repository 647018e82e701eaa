/*
** test_gz_bounds.c
** A compiled gazetteer whose header counts do not fit its tables is refused (issue 21): the
** form count patched to 0xffffffff (or to one more or less) with the checksum recomputed.
*/
#include <stdint.h>

#include "nk_gazetteer.h"
#include "nk_test.h"

#define HEADER 40 /* magic, version, flags, payload length, checksum, key fingerprint */

static uint64_t fnv(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

/* A copy of the image with the u32 at payload offset `at` set to v, checksum fixed up. */
static char *patched(const nk_buf *img, size_t at, uint32_t v)
{
    char *c = nk_test_dup(img->data, img->len);
    uint64_t sum;
    memcpy(c + HEADER + at, &v, 4);
    sum = fnv((const unsigned char *)c + HEADER, img->len - HEADER);
    memcpy(c + 24, &sum, 8);
    return c;
}

int main(void)
{
    static const char tsv[] = "روسيا\tLOC\tQ159\nموسكو\tLOC\tQ649\nالكرملين\tORG\tkremlin\n"
                              "روسيا الاتحادية\tLOC\tQ159\n";
    nk_gzbuilder *b;
    nk_gazetteer *g = NULL, *h = NULL;
    nk_error err;
    nk_buf img;
    uint32_t nforms;
    int variants;
    nk_buf_init(&img, NULL);
    for (variants = 0; variants <= 1; variants++) {
        const char *what = variants ? "with variants" : "plain";
        char title[160];
        g = NULL;
        b = nk_gzbuilder_new(NULL, 0);
        CHECK(nk_gzbuilder_add_tsv(b, tsv, sizeof tsv - 1, &err) == NK_OK &&
                  nk_gzbuilder_build(b, variants ? NK_GZ_VARIANTS : 0, &g, &err) == NK_OK,
              "compile", "%s", err.msg);
        nk_gzbuilder_free(b);
        if (g == NULL)
            return NK_TEST_DONE();
        img.len = 0;
        CHECK(nk_gazetteer_save(g, &img) == NK_OK, "save", "failed");
        memcpy(&nforms, img.data + HEADER + 4, 4);
        CHECK(nforms == nk_gazetteer_forms(g), "the form count is the header's second word",
              "%u vs %zu", nforms, nk_gazetteer_forms(g));
        {
            char *c = nk_test_dup(img.data, img.len);
            CHECK(nk_gazetteer_load(c, img.len, NULL, &h, &err) == NK_OK &&
                      nk_gazetteer_forms(h) == nforms,
                  "the unpatched image loads", "%s", err.msg);
            nk_gazetteer_free(h);
            h = NULL;
            free(c);
        }
        {
            uint32_t bad[] = {0xffffffffu, nforms + 1, nforms - 1, 0};
            for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                char *c = patched(&img, 4, bad[i]);
                nk_status st = nk_gazetteer_load(c, img.len, NULL, &h, &err);
                snprintf(title, sizeof title, "%s: a form count of %u (for %u) is refused", what,
                         bad[i], nforms);
                CHECK(st == NK_EFORMAT && h == NULL &&
                          strstr(err.msg, "form count does not match") != NULL,
                      title, "status %d, %s", (int)st, h ? "loaded" : err.msg);
                nk_gazetteer_free(h);
                h = NULL;
                free(c);
            }
        }
        nk_gazetteer_free(g);
    }
    nk_buf_free(&img);
    return NK_TEST_DONE();
}
