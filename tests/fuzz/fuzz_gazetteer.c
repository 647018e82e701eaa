/*
** fuzz_gazetteer.c
** Gazetteer compilation and loading from outside bytes. Byte 0 picks a mode:
**   0x00 the rest is a TSV gazetteer: build it (bit 0: NK_GZ_RAW surfaces,
**        bit 1: NK_GZ_VARIANTS), save, load the image back (must succeed and
**        agree), and match the TSV text itself against it;
**   0x40 the rest is an image payload: a valid header and checksum are put
**        in front of it, so the loader's structural checks are reached;
**   0x80 a valid image of a small built-in list is patched with the rest as
**        (offset lo, offset hi, xor) triples, checksum fixed, and loaded;
**   0xC0 the rest is handed to nk_gazetteer_load as it is.
** A loaded image must never crash the loader, the accessors or the matcher.
*/
#include "fuzz.h"
#include "nk_base.h"
#include "nk_gazetteer.h"
#include "nk_match.h"

static const char gz_small_tsv[] = "مصر\tcountry\teg\tcapital=القاهرة\n"
                                   "جمهورية مصر العربية\tcountry\teg\n"
                                   "القاهرة\tcity\tcairo\n"
                                   "عبد الفتاح السيسي\tperson\tsisi\trole=president\n"
                                   "Egypt\tcountry\teg\n"
                                   "# a comment\n"
                                   "الأمم المتحدة\torg\tun\tshort=UN\n";

static uint64_t gz_fnv(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

#define GZ_HDR 40 /* magic, version, flags, payload length, checksum, key fingerprint */

static nk_gazetteer *gz_build(const char *tsv, size_t len, unsigned bflags, unsigned flags);

/* The header of a real image (version and key fingerprint of this build), made once. */
static const char *gz_header(void)
{
    static char hdr[GZ_HDR];
    static int made;
    if (!made) {
        nk_gazetteer *g = gz_build(gz_small_tsv, sizeof gz_small_tsv - 1, 0, 0);
        nk_buf buf;
        NK_FUZZ_CHECK(g != NULL);
        nk_buf_init(&buf, NULL);
        NK_FUZZ_CHECK(nk_gazetteer_save(g, &buf) == NK_OK && buf.len > GZ_HDR);
        memcpy(hdr, buf.data, GZ_HDR);
        nk_buf_free(&buf);
        nk_gazetteer_free(g);
        made = 1;
    }
    return hdr;
}

/* A real header (this build's version and key fingerprint) with the given flags, payload
   length and FNV-1a 64 checksum, + payload. */
static char *gz_image(const char *payload, size_t plen, uint32_t flags, size_t *len)
{
    char *img = malloc(GZ_HDR + plen);
    uint64_t pl = plen, sum = gz_fnv((const unsigned char *)payload, plen);
    NK_FUZZ_CHECK(img != NULL);
    memcpy(img, gz_header(), GZ_HDR);
    memcpy(img + 12, &flags, 4);
    memcpy(img + 16, &pl, 8);
    memcpy(img + 24, &sum, 8);
    if (plen)
        memcpy(img + GZ_HDR, payload, plen);
    *len = GZ_HDR + plen;
    return img;
}

static int gz_hit(void *ud, const nk_hit *h)
{
    const size_t *lim = ud; /* lim[0] text length, lim[1] entries */
    NK_FUZZ_CHECK(h->span.start < h->span.end && h->span.end <= lim[0]);
    NK_FUZZ_CHECK(h->clitic.start <= h->clitic.end && h->clitic.end <= h->span.start);
    NK_FUZZ_CHECK(h->entry < lim[1]);
    return 0;
}

/* Read every entry and match a text against g. */
static void gz_use(const nk_gazetteer *g, const char *text, size_t len)
{
    size_t e, i, n = nk_gazetteer_entries(g);
    nk_matcher *m;
    for (e = 0; e < n; e++) {
        NK_FUZZ_CHECK(nk_gazetteer_id(g, (uint32_t)e) != NULL);
        NK_FUZZ_CHECK(nk_gazetteer_type(g, (uint32_t)e) != NULL);
        NK_FUZZ_CHECK(nk_gazetteer_name(g, (uint32_t)e) != NULL);
        for (i = 0; i < nk_gazetteer_nmeta(g, (uint32_t)e); i++) {
            const char *k = NULL, *v = NULL;
            nk_gazetteer_meta(g, (uint32_t)e, i, &k, &v);
            NK_FUZZ_CHECK(k != NULL && v != NULL);
        }
    }
    (void)nk_gazetteer_forms(g);
    (void)nk_gazetteer_words(g);
    (void)nk_gazetteer_memory(g);
    m = nk_matcher_new(g, NULL);
    if (m != NULL) {
        size_t lim[2];
        nk_match_opts o;
        nk_error err;
        lim[0] = len;
        lim[1] = n;
        o.all = 1;
        o.variants = nk_gazetteer_has_variants(g);
        nk_matcher_match(m, text, len, &o, gz_hit, lim, &err);
        o.all = 0;
        nk_matcher_match(m, text, len, &o, gz_hit, lim, &err);
        nk_matcher_free(m);
    }
}

static void gz_load_use(const char *img, size_t len, const char *text, size_t tlen)
{
    nk_gazetteer *g = NULL;
    nk_error err;
    memset(&err, 0, sizeof err);
    if (nk_gazetteer_load(img, len, NULL, &g, &err) == NK_OK) {
        gz_use(g, text, tlen);
        nk_gazetteer_free(g);
    } else {
        NK_FUZZ_CHECK(g == NULL);
        NK_FUZZ_CHECK(memchr(err.msg, '\0', sizeof err.msg) != NULL);
    }
}

static nk_gazetteer *gz_build(const char *tsv, size_t len, unsigned bflags, unsigned flags)
{
    nk_gzbuilder *b = nk_gzbuilder_new(NULL, bflags);
    nk_gazetteer *g = NULL;
    nk_error err;
    memset(&err, 0, sizeof err);
    NK_FUZZ_CHECK(b != NULL);
    if (nk_gzbuilder_add_tsv(b, tsv, len, &err) != NK_OK) {
        NK_FUZZ_CHECK(err.offset <= len);
        NK_FUZZ_CHECK(memchr(err.msg, '\0', sizeof err.msg) != NULL);
    } else if (nk_gzbuilder_build(b, flags, &g, &err) != NK_OK) {
        g = NULL;
    }
    nk_gzbuilder_free(b);
    return g;
}

NK_FUZZ_TARGET(gazetteer)
{
    size_t len, ilen;
    char *s, *img;
    nk_gazetteer *g;
    nk_buf buf;
    if (size < 1 || size > NK_FUZZ_MAX)
        return 0;
    s = nk_fuzz_dup(data, size, 1, &len);
    switch (data[0] & 0xC0) {
    case 0x00:
        g = gz_build(s, len, (data[0] & 1) ? NK_GZ_RAW : 0, (data[0] & 2) ? NK_GZ_VARIANTS : 0);
        if (g != NULL) {
            gz_use(g, s, len);
            nk_buf_init(&buf, NULL);
            if (nk_gazetteer_save(g, &buf) == NK_OK) {
                nk_gazetteer *g2 = NULL;
                nk_error err;
                NK_FUZZ_CHECK(nk_gazetteer_is_image(buf.data, buf.len));
                NK_FUZZ_CHECK(nk_gazetteer_load(buf.data, buf.len, NULL, &g2, &err) == NK_OK);
                NK_FUZZ_CHECK(nk_gazetteer_entries(g2) == nk_gazetteer_entries(g));
                NK_FUZZ_CHECK(nk_gazetteer_forms(g2) == nk_gazetteer_forms(g));
                gz_use(g2, s, len);
                nk_gazetteer_free(g2);
            }
            nk_buf_free(&buf);
            nk_gazetteer_free(g);
        }
        break;
    case 0x40:
        img = gz_image(s, len, data[0] & 1u, &ilen);
        gz_load_use(img, ilen, gz_small_tsv, sizeof gz_small_tsv - 1);
        free(img);
        break;
    case 0x80:
        g = gz_build(gz_small_tsv, sizeof gz_small_tsv - 1, 0, (data[0] & 1) ? NK_GZ_VARIANTS : 0);
        NK_FUZZ_CHECK(g != NULL);
        nk_buf_init(&buf, NULL);
        NK_FUZZ_CHECK(nk_gazetteer_save(g, &buf) == NK_OK && buf.len > GZ_HDR);
        nk_gazetteer_free(g);
        {
            size_t i, plen = buf.len - GZ_HDR;
            char *payload = malloc(plen);
            uint32_t flags;
            NK_FUZZ_CHECK(payload != NULL);
            memcpy(payload, buf.data + GZ_HDR, plen);
            memcpy(&flags, buf.data + 12, 4);
            for (i = 0; i + 3 <= len; i += 3) {
                size_t at = ((size_t)(unsigned char)s[i] | (size_t)(unsigned char)s[i + 1] << 8);
                payload[at % plen] ^= s[i + 2];
            }
            img = gz_image(payload, plen, flags, &ilen);
            gz_load_use(img, ilen, gz_small_tsv, sizeof gz_small_tsv - 1);
            free(img);
            free(payload);
        }
        nk_buf_free(&buf);
        break;
    default:
        gz_load_use(s, len, gz_small_tsv, sizeof gz_small_tsv - 1);
        break;
    }
    free(s);
    return 0;
}
