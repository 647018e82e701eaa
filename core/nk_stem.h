/*
** nk_stem.h
** A light Arabic stemmer for similarity and search, in the spirit of
** Larkey, Ballesteros and Connell's Light10 (2007); written from the
** published rule description. Rules, in order:
**   1. normalize: drop harakat (U+064B..U+065F, U+0670) and tatweel;
**      آ أ إ ٱ -> ا; ى -> ي; ة -> ه; ASCII letters to lower case;
**   2. (Arabic words only) drop a leading و when at least 3 letters remain;
**   3. drop the first matching article form of وال بال كال فال لل ال when
**      at least 2 letters remain;
**   4. try each suffix ها ان ات ون ين يه ه ي once, in this order, dropping
**      it when at least 2 letters remain.
** The result never grows: out needs room for len bytes.
*/
#ifndef NK_STEM_H
#define NK_STEM_H

#include "nk_base.h"

/* Stem one word w[0..len) into out; returns the byte length written. */
size_t nk_stem(const char *w, size_t len, char *out);

/* Stem every white-space separated word of s, keeping the separators; returns
 * the length. */
size_t nk_stem_text(const char *s, size_t len, char *out);

#endif
