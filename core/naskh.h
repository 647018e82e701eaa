/*
** naskh.h
** The one public header of libnaskh: include this, link with `pkg-config --libs naskh`.
** Every module keeps its own header (nk_normalize.h, nk_split.h, ...) and may be included
** alone; the internal headers (nk_chars.h, nk_letters.h, nk_gzint.h, nk_gznorm.h,
** nk_norm_tab.h) are not installed and are not part of the API.
*/
#ifndef NASKH_H
#define NASKH_H

#include "nk_base.h"
#include "nk_clean.h"
#include "nk_gazetteer.h"
#include "nk_hijri.h"
#include "nk_match.h"
#include "nk_normalize.h"
#include "nk_pattern.h"
#include "nk_sim.h"
#include "nk_split.h"
#include "nk_stem.h"
#include "nk_tokens.h"
#include "nk_utf8.h"
#include "nk_words.h"

#endif
