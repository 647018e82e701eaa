/*
** nk_entrules.h
** The per-word work of the entity rules (naskh.text.entities) in one pass: the words of a text
** (nk_words.h) with their keys and raw letters kept in one compact array, the word lists of the
** rules as hash sets of keys, the proclitic readings of a key (و ف, then ب ل ك, and لل read as
** ال), and the scan that finds the words each context rule can start. The rules themselves
** (what follows a title, how a name is read) stay in Lua and visit only these words.
** See docs/entities.md ("Speed").
*/
#ifndef NK_ENTRULES_H
#define NK_ENTRULES_H

#include <stdint.h>

#include "nk_base.h"

/* One word of the scan: bytes [start, end), class (nk_tokclass), a line break before it, and
** its key as an offset into the array's byte pool; a punct token's key is its text (koff is
** then an offset into the text). The raw letters (nk_words_raw) are made when asked for. */
typedef struct {
    size_t start, end;
    uint32_t koff, klen;
    uint8_t cls, nl;
} nk_ewtok;

typedef struct {
    nk_ewtok *v;
    size_t n, cap;
    char *pool; /* keys and raw forms */
    size_t plen, pcap;
    const nk_alloc *alloc;
} nk_ewords;

void nk_ewords_init(nk_ewords *w, const nk_alloc *a);
void nk_ewords_free(nk_ewords *w);
/* The words of text[0..len) (replaces what w held). NK_ENOMEM or NK_ERANGE (a text over 4 GB). */
nk_status nk_ewords_scan(nk_ewords *w, const char *text, size_t len);
/* The first word from index lo on that ends after byte p (0-based), or w->n. */
size_t nk_ewords_from(const nk_ewords *w, size_t p, size_t lo);
/* The word that holds byte p, or w->n. */
size_t nk_ewords_at(const nk_ewords *w, size_t p);

/* A set of byte strings (word keys), each with bits saying which lists hold it. */
typedef struct nk_keyset nk_keyset;
nk_keyset *nk_keyset_new(const nk_alloc *a);
void nk_keyset_free(nk_keyset *s);
/* Add k with bits (or'ed into the bits of a key already there); nk_keyset_add: bit 1. */
nk_status nk_keyset_add_bits(nk_keyset *s, const char *k, size_t n, unsigned bits);
nk_status nk_keyset_add(nk_keyset *s, const char *k, size_t n);
int nk_keyset_has(const nk_keyset *s, const char *k, size_t n);
/* The bits of k, 0 when absent. */
unsigned nk_keyset_bits(const nk_keyset *s, const char *k, size_t n);
size_t nk_keyset_size(const nk_keyset *s);

/* Does some proclitic reading of key k[0..n) (the key itself first) belong to s? As the rules'
** in_set: the rest after the clitic keeps at least two letters. */
int nk_keyset_has_reading(const nk_keyset *s, const char *k, size_t n);

/* The word lists the scan reads: one set of keys whose bits say which lists hold each. */
#define NK_EL_TITLE 1u       /* titles before a person's name */
#define NK_EL_ORG_HEAD 2u    /* words that start an organization's name (حزب) */
#define NK_EL_ORG_TRIGGER 4u /* words before one (شركة) */
#define NK_EL_LOC 8u         /* words before a place's name (مدينة) */
#define NK_EL_GIVEN 16u      /* the finder's given names */
#define NK_EL_LINK 32u       /* بن ابن بنت ولد */
typedef struct {
    const nk_keyset *map; /* may be NULL: no lists */
    const char *family;   /* آل (raw text; NULL: none) */
    size_t family_len;
} nk_entlists;

/* What a word can start, as bits. */
#define NK_ENT_TITLE 1u
#define NK_ENT_ORG 2u
#define NK_ENT_LOC 4u
#define NK_ENT_GIVEN 8u  /* a given name, or a name link follows (rule 3's candidates) */
#define NK_ENT_LATIN 16u /* a Latin word written Xx... (rule 6) */

/* The bits of every word into bits[0..w->n) (0 for numbers and punctuation). */
void nk_ent_scan(const nk_entlists *l, const nk_ewords *w, const char *text, uint8_t *bits);

/* Does a reading of word i's key belong to s (words only; 0 for numbers and punctuation)? */
int nk_ent_word_in(const nk_ewords *w, size_t i, const nk_keyset *s);

#endif
