/*
** lnk_sim.c
** Lua binding of the similarity kernels used by summarization (nk_sim.h):
**   naskh.vocab([opts]) -> Vocab            opts: stopwords ({"word", ...})
**     v:stopwords(list)                     mark more stopwords
**     v:key(word) -> key | nil              the term key (nil: stopword or too short)
**     v:terms(text [, s, e]) -> {key, ...}  content terms of text (or of text:sub(s, e))
**     v:set_idf(key, idf) / v:set_idf({key = idf, ...} [, default])
**     v:size() -> number of keys
**     v:shared_terms({text, ...}) -> {c...}  per text: mean cosine of its term set with the others
**     v:simset() -> SimSet
**   SimSet (the sentences of one cluster or document):
**     ss:add(text [, s, e [, doc [, chars]]]) -> index   ss:size()   ss:clear()   ss:info(i) ->
*words, chars, terms, doc
**     ss:vocab() -> Vocab
**     ss:add_from(src, i [, doc]) -> index    sentence i of SimSet src (same Vocab), its terms
*copied
**     ss:add_split(text, doc, u_doc, u_s, u_e, u_k, u_complete, n) -> n  every sentence of text
*(the summarizer's lean path; see s_add_split)
**     ss:add_kept(text, sentences, doc [, dropped]) -> first, {s1, e1, ...}  the sentences
**                                             overlapping no dropped span (the outliers stage)
**     ss:add_doc(text, sentences, doc, dropped, src, first, spans, u_doc, u_s, u_e, u_k, u_pos,
**                n, whole) -> n, pos, whole  the summarizer's loop over one article (s_add_doc)
**     ss:prepare(["set" | "vocab"])           weights (IDF from the set or the vocabulary), graph
**     ss:cosine(i, j) -> number
**     ss:rank([opts]) -> {score...}           opts: method ("lexrank" | "textrank"), threshold,
**                                             damping, tol, iterations, prior ({number...})
**     ss:centroid([top]) -> {score...}
**     ss:duplicates(threshold) -> {rep...}    rep[i]: smallest index of i's near-duplicate group
**     ss:coverage(ndocs [, min_terms]) -> {c...}  per document: mean best cosine with another one
**     ss:support(cand, early) -> {v...}       per candidate: sum over the other documents of
**                                             its best cosine with their `early` sentences
**     ss:words() -> {n...}                    word tokens of each sentence
**     ss:learned_scores(docs, u_doc, u_s, u_e, u_pos, doc_n, first_of, opts) -> scores,
**                                             complete, open  the learned scorer's sums (see
**                                             s_learned_scores)
**     ss:hanging(docs, u_doc, u_s, u_e, connectives) -> {boolean...}  which sentences hang on
**                                             the one before (summarize.hanging in C)
**     ss:past(docs, u_doc, u_s, u_e, u_pos, latest) -> {boolean...}  background from an earlier
**                                             year (summarize.past_checker in C)
**     ss:select(scores [, opts]) -> {i...}    opts: words, sentences, chars, lambda, cutoff,
**                                             eligible ({boolean...})
**     ss:shared_terms(ndocs [, pieces]) -> {c...}  v:shared_terms of documents 1..ndocs, from
**                                             the sentences' terms (+ pieces {doc, text, s, e})
**   naskh._clean_key(text, s, e [, spaces_only]) -> key, words   (the clean stage's line keys)
**   naskh._cleaner(markers, prefixes, outlets, opts) -> Cleaner   the clean stage's rules in C
**     cl:run(text) -> dropped                 doc.dropped as the clean stage sets it
**   naskh._years(text, s, e) -> {year...}   the years (19xx, 20xx, 10xx, 29xx) in text:sub(s, e)
** Indices are 1-based. A SimSet keeps its Vocab alive (user value 1).
*/
#include <string.h>

#include "lnk_aux.h"
#include "nk_clean.h"
#include "nk_sim.h"
#include "nk_split.h"
#include "nk_sumfeat.h"
#include "nk_utf8.h"

#define VOCAB_MT "naskh.Vocab"
#define SIMSET_MT "naskh.SimSet"
#define CLEANER_MT "naskh.Cleaner"

typedef struct {
    nk_vocab *v;
    nk_alloc alloc;
} vocab_box;

typedef struct {
    nk_simset *s;
    nk_alloc alloc;
} simset_box;

static int vocab_gc(lua_State *L)
{
    vocab_box *b = luaL_checkudata(L, 1, VOCAB_MT);
    nk_vocab_free(b->v);
    b->v = NULL;
    return 0;
}

static int simset_gc(lua_State *L)
{
    simset_box *b = luaL_checkudata(L, 1, SIMSET_MT);
    nk_simset_free(b->s);
    b->s = NULL;
    return 0;
}

static nk_vocab *check_vocab(lua_State *L, int arg)
{
    vocab_box *b = luaL_checkudata(L, arg, VOCAB_MT);
    luaL_argcheck(L, b->v != NULL, arg, "vocabulary is closed");
    return b->v;
}

static nk_simset *check_simset(lua_State *L, int arg)
{
    simset_box *b = luaL_checkudata(L, arg, SIMSET_MT);
    luaL_argcheck(L, b->s != NULL, arg, "sentence set is closed");
    return b->s;
}

static void check_status(lua_State *L, nk_status st)
{
    if (st != NK_OK)
        luaL_error(L, "%s", nk_strerror(st));
}

/* Add the strings of the list at index idx as stopwords. */
static void add_stopwords(lua_State *L, nk_vocab *v, int idx, int arg)
{
    lua_Integer i, n;
    luaL_argcheck(L, lua_istable(L, idx), arg, "stopwords must be a list of strings");
    n = (lua_Integer)luaL_len(L, idx);
    for (i = 1; i <= n; i++) {
        size_t len;
        const char *w;
        lua_geti(L, idx, i);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L, "stopwords[%d] must be a string", (int)i));
        w = lua_tolstring(L, -1, &len);
        if (len <= 256)
            check_status(L, nk_vocab_add_stopword(v, w, len));
        lua_pop(L, 1);
    }
}

static const char *const vocab_opts[] = {"stopwords", NULL};

/* naskh.vocab([opts]) -> Vocab */
static int l_vocab(lua_State *L)
{
    vocab_box *b;
    int ud;
    lua_settop(L, 1);
    lnk_checkoptions(L, 1, vocab_opts);
    b = lua_newuserdatauv(L, sizeof *b, 0);
    ud = lua_gettop(L);
    b->v = NULL;
    luaL_setmetatable(L, VOCAB_MT);
    lnk_alloc(L, &b->alloc);
    b->v = nk_vocab_new(&b->alloc);
    if (b->v == NULL)
        return luaL_error(L, "not enough memory");
    if (!lua_isnoneornil(L, 1) && lua_getfield(L, 1, "stopwords") != LUA_TNIL) {
        add_stopwords(L, b->v, lua_gettop(L), 1);
    }
    lua_settop(L, ud);
    return 1;
}

/* v:stopwords(list) -> v */
static int v_stopwords(lua_State *L)
{
    nk_vocab *v = check_vocab(L, 1);
    add_stopwords(L, v, 2, 2);
    lua_settop(L, 1);
    return 1;
}

/* v:key(word) -> key or nil (a stopword, or shorter than two letters) */
static int v_key(lua_State *L)
{
    nk_vocab *v = check_vocab(L, 1);
    size_t len, kl;
    const char *w = luaL_checklstring(L, 2, &len);
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, len + 1);
    kl = nk_sim_key(w, len, out);
    luaL_pushresultsize(&b, kl);
    if (nk_utf8_count(lua_tostring(L, -1), kl) < 2 || nk_vocab_is_stopword(v, w, len))
        lua_pushnil(L);
    return 1;
}

typedef struct {
    lua_State *L;
    nk_vocab *v;
    lua_Integer k;
} terms_ud;

static void push_term(void *ud, uint32_t id)
{
    terms_ud *t = ud;
    size_t len;
    const char *key = nk_vocab_key(t->v, id, &len);
    lua_pushlstring(t->L, key, len);
    lua_rawseti(t->L, -2, ++t->k);
}

/* v:terms(text [, s, e]) -> {key, ...}: the content terms, in order */
static int v_terms(lua_State *L)
{
    nk_vocab *v = check_vocab(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    nk_span sp = {0, len};
    terms_ud t;
    if (!lua_isnoneornil(L, 3))
        sp = lnk_checkspan(L, 3, len);
    lua_newtable(L);
    t.L = L;
    t.v = v;
    t.k = 0;
    check_status(L, nk_vocab_terms(v, text, sp, push_term, &t, NULL));
    return 1;
}

static void push_numbers(lua_State *L, const double *x, size_t n);

/* v:shared_terms({text, ...}) -> {mean cosine of each text's term set with the others'} */
static int v_shared_terms(lua_State *L)
{
    nk_vocab *v = check_vocab(L, 1);
    size_t n, i;
    const char **texts;
    size_t *lens;
    double *out;
    luaL_checktype(L, 2, LUA_TTABLE);
    n = (size_t)luaL_len(L, 2);
    lua_settop(L, 2);
    texts = lua_newuserdatauv(L, (n ? n : 1) * sizeof *texts, 0);
    lens = lua_newuserdatauv(L, (n ? n : 1) * sizeof *lens, 0);
    out = lua_newuserdatauv(L, (n ? n : 1) * sizeof *out, 0);
    for (i = 0; i < n; i++) {
        lua_rawgeti(L, 2, (lua_Integer)i + 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, 2, "expected a list of strings");
        texts[i] = lua_tolstring(L, -1, &lens[i]);
        lua_pop(L, 1); /* the string stays alive in the table */
    }
    check_status(L, nk_vocab_shared_terms(v, texts, lens, n, out));
    push_numbers(L, out, n);
    return 1;
}

/* v:set_idf(key, idf) or v:set_idf({key = idf, ...} [, default]) -> v */
static int v_set_idf(lua_State *L)
{
    nk_vocab *v = check_vocab(L, 1);
    if (lua_type(L, 2) == LUA_TSTRING) {
        size_t len;
        const char *k = lua_tolstring(L, 2, &len);
        check_status(L, nk_vocab_set_idf(v, k, len, luaL_checknumber(L, 3)));
    } else {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, 2)) {
            size_t len;
            const char *k;
            if (lua_type(L, -2) != LUA_TSTRING || !lua_isnumber(L, -1))
                return luaL_argerror(L, 2, "expected a table of key = number");
            k = lua_tolstring(L, -2, &len);
            check_status(L, nk_vocab_set_idf(v, k, len, lua_tonumber(L, -1)));
            lua_pop(L, 1);
        }
        if (!lua_isnoneornil(L, 3))
            nk_vocab_set_default_idf(v, luaL_checknumber(L, 3));
    }
    lua_settop(L, 1);
    return 1;
}

/* v:size() -> number of keys */
static int v_size(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)nk_vocab_size(check_vocab(L, 1)));
    return 1;
}

/* v:simset() -> SimSet over this vocabulary */
static int v_simset(lua_State *L)
{
    nk_vocab *v = check_vocab(L, 1);
    simset_box *b = lua_newuserdatauv(L, sizeof *b, 1);
    b->s = NULL;
    luaL_setmetatable(L, SIMSET_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    lnk_alloc(L, &b->alloc);
    b->s = nk_simset_new(v, &b->alloc);
    if (b->s == NULL)
        return luaL_error(L, "not enough memory");
    return 1;
}

static size_t check_index(lua_State *L, nk_simset *s, int arg)
{
    lua_Integer i = luaL_checkinteger(L, arg);
    luaL_argcheck(L, i >= 1 && (lua_Unsigned)i <= nk_simset_size(s), arg, "index out of range");
    return (size_t)(i - 1);
}

/*
** ss:add(text [, s, e [, doc [, chars]]]) -> index of the new sentence;
** chars overrides its length in code points (when text is a normalized copy).
*/
static int s_add(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    nk_span sp = {0, len};
    lua_Integer doc = 0;
    if (!lua_isnoneornil(L, 3))
        sp = lnk_checkspan(L, 3, len);
    if (!lua_isnoneornil(L, 5)) {
        doc = luaL_checkinteger(L, 5);
        luaL_argcheck(L, doc >= 0 && doc <= 1000000, 5, "document number out of range");
    }
    check_status(L, nk_simset_add(s, text, sp, (uint32_t)doc));
    if (!lua_isnoneornil(L, 6)) {
        lua_Integer chars = luaL_checkinteger(L, 6);
        luaL_argcheck(L, chars >= 0, 6, "chars must be >= 0");
        nk_simset_set_chars(s, nk_simset_size(s) - 1, (size_t)chars);
    }
    lua_pushinteger(L, (lua_Integer)nk_simset_size(s));
    return 1;
}

/* ss:vocab() -> the Vocab the set was made from */
static int s_vocab(lua_State *L)
{
    check_simset(L, 1);
    lua_getiuservalue(L, 1, 1);
    return 1;
}

/* ss:add_from(src, i [, doc]) -> index: sentence i of src (a SimSet over the same Vocab) */
static int s_add_from(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    nk_simset *src = check_simset(L, 2);
    lua_Integer i = luaL_checkinteger(L, 3), doc = luaL_optinteger(L, 4, 0);
    luaL_argcheck(L, src != s, 2, "the source must be another sentence set");
    luaL_argcheck(L, i >= 1 && (size_t)i <= nk_simset_size(src), 3, "sentence index out of range");
    luaL_argcheck(L, doc >= 0 && doc <= 1000000, 4, "document number out of range");
    nk_status st = nk_simset_add_from(s, src, (size_t)i - 1, (uint32_t)doc);
    if (st == NK_EINVAL)
        return luaL_argerror(L, 2, "the sentence sets have different vocabularies");
    check_status(L, st);
    lua_pushinteger(L, (lua_Integer)nk_simset_size(s));
    return 1;
}

/* Field name (an integer) of the table at idx; -1 when it is not an integer. */
static lua_Integer int_field(lua_State *L, int idx, const char *name)
{
    lua_Integer v = -1;
    if (lua_getfield(L, idx, name) == LUA_TNUMBER && lua_isinteger(L, -1))
        v = lua_tointeger(L, -1);
    lua_pop(L, 1);
    return v;
}

/* Integer i of the list at idx (0 when it is not a number). */
static lua_Integer list_int(lua_State *L, int idx, lua_Integer i)
{
    lua_Integer v;
    lua_rawgeti(L, idx, i);
    v = lua_tointeger(L, -1);
    lua_pop(L, 1);
    return v;
}

/*
** Does the sentence a..b (1-based, inclusive) overlap one of the nd dropped spans
** (1-based s, inclusive e; sorted, disjoint)? As spans.is_dropped decides: the
** last dropped span starting at or before b, when it ends at or after a.
*/
static int is_dropped(const nk_span *drop, size_t nd, lua_Integer a, lua_Integer b)
{
    size_t lo = 0, hi = nd, found = nd;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((lua_Integer)drop[mid].start <= b) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return found < nd && (lua_Integer)drop[found].end >= a;
}

/* The list of {s=, e=} spans at idx (doc.dropped, or nil) into a scratch array
 * pushed on the stack; *nd gets its length. */
static nk_span *read_dropped(lua_State *L, int idx, size_t *nd)
{
    size_t i, n = 0;
    nk_span *drop;
    if (!lua_isnil(L, idx)) {
        luaL_checktype(L, idx, LUA_TTABLE);
        n = (size_t)luaL_len(L, idx);
    }
    drop = lua_newuserdatauv(L, (n ? n : 1) * sizeof *drop, 0);
    for (i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        if (!lua_istable(L, -1))
            luaL_argerror(L, idx, "expected a list of {s=, e=} spans");
        drop[i].start = (size_t)int_field(L, -1, "s");
        drop[i].end = (size_t)int_field(L, -1, "e");
        lua_pop(L, 1);
    }
    *nd = n;
    return drop;
}

/*
** ss:add_split(text, doc, u_doc, u_s, u_e, u_pos, u_complete, n [, dropped]) -> new n
** Splits text into sentences (naskh.sentences' defaults), adds each one that
** overlaps no span of dropped (doc.dropped or nil, as add_kept reads it) as
** part of document doc and appends, at n + 1, n + 2, ...: doc, its span
** (1-based s, inclusive e), its position among the sentences of text added
** (the sentence number when nothing is dropped) and whether it ends like a
** sentence (. ! ? ؟ …, then closing quotes or brackets). The summarizer's
** lean path: no table per sentence.
*/
static int s_add_split(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t len, nd = 0;
    const char *text = luaL_checklstring(L, 2, &len);
    lua_Integer doc = luaL_checkinteger(L, 3), n = luaL_checkinteger(L, 9), k = 0;
    nk_splitter sp;
    nk_span span, *drop;
    int t;
    luaL_argcheck(L, doc >= 0 && doc <= 1000000, 3, "document number out of range");
    for (t = 4; t <= 8; t++)
        luaL_checktype(L, t, LUA_TTABLE);
    lua_settop(L, 10);
    drop = read_dropped(L, 10, &nd); /* index 11 */
    nk_splitter_init(&sp, text, len, NULL);
    while (nk_splitter_next(&sp, &span)) {
        if (nd > 0 && is_dropped(drop, nd, (lua_Integer)span.start + 1, (lua_Integer)span.end))
            continue;
        check_status(L, nk_simset_add(s, text, span, (uint32_t)doc));
        n++, k++;
        lua_pushinteger(L, doc);
        lua_rawseti(L, 4, n);
        lua_pushinteger(L, (lua_Integer)span.start + 1);
        lua_rawseti(L, 5, n);
        lua_pushinteger(L, (lua_Integer)span.end);
        lua_rawseti(L, 6, n);
        lua_pushinteger(L, k);
        lua_rawseti(L, 7, n);
        lua_pushboolean(L, nk_sum_complete(text, span));
        lua_rawseti(L, 8, n);
    }
    lua_pushinteger(L, n);
    return 1;
}

/*
** The sentence list at index 3: a list of {s=, e=} spans, or a flat list {s1, e1, s2, e2, ...}
** (the spans add_kept returns). Returns how many sentences it has; *flat gets 1 for a flat one.
*/
static size_t sentence_count(lua_State *L, int *flat)
{
    size_t n = (size_t)luaL_len(L, 3);
    *flat = n > 0 && lua_rawgeti(L, 3, 1) == LUA_TNUMBER;
    if (n > 0)
        lua_pop(L, 1);
    if (*flat && n % 2 != 0)
        luaL_argerror(L, 3, "a flat list of spans has an even length");
    return *flat ? n / 2 : n;
}

/* The (i + 1)-th span of the sentence list at index 3 (flat or not), checked against a text
** of len bytes: 1-based inclusive bytes into *a, *b. */
static void sentence_at(lua_State *L, size_t i, size_t len, int flat, lua_Integer *a,
                        lua_Integer *b)
{
    if (flat) {
        *a = list_int(L, 3, 2 * (lua_Integer)i + 1);
        *b = list_int(L, 3, 2 * (lua_Integer)i + 2);
    } else {
        lua_rawgeti(L, 3, (lua_Integer)i + 1);
        if (!lua_istable(L, -1))
            luaL_argerror(L, 3, "expected a list of {s=, e=} spans");
        *a = int_field(L, -1, "s");
        *b = int_field(L, -1, "e");
        lua_pop(L, 1);
    }
    if (*a < 1 || *b < *a - 1 || (lua_Unsigned)*b > (lua_Unsigned)len)
        luaL_argerror(L, 3, "a sentence span is out of the text");
}

/*
** ss:add_doc(text, sentences, doc, dropped, src, first, spans, u_doc, u_s, u_e, u_k, u_pos, n,
**            whole) -> n, pos, whole
** The summarizer's loop over one article's sentences (a list of {s=, e=} spans
** of text, or a flat list {s1, e1, s2, e2, ...} such as add_kept returns) in C: every one that
*overlaps no span of dropped (doc.dropped or
** nil) is added as part of document doc, as sentence src[first + pos] when the
** sentence set src (or nil) offers it (spans, the flat {s1, e1, ...} list
** add_kept returned, has its span at pos), else from the text; u_doc, u_s,
** u_e, u_k (number in sentences), u_pos (number among the kept) get it at
** n + 1, n + 2, .... whole tracks whether the set is still, sentence for
** sentence, the offering one: 0 not known yet, 1 src so far, 2 no, 3 another
** set so far; returned updated, with the new n and the number of sentences added.
*/
static int s_add_doc(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t len, nd, nsent, i, nsp = 0;
    const char *text = luaL_checklstring(L, 2, &len);
    lua_Integer doc = luaL_checkinteger(L, 4), first = luaL_optinteger(L, 7, 0);
    lua_Integer n = luaL_checkinteger(L, 14), whole = luaL_checkinteger(L, 15), pos = 0;
    nk_simset *src = NULL;
    nk_span *drop;
    int t, flat;
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_argcheck(L, doc >= 0 && doc <= 1000000, 4, "document number out of range");
    for (t = 9; t <= 13; t++)
        luaL_checktype(L, t, LUA_TTABLE);
    lua_settop(L, 15);
    if (!lua_isnil(L, 6)) {
        src = check_simset(L, 6);
        luaL_argcheck(L, src != s, 6, "the source must be another sentence set");
        luaL_checktype(L, 8, LUA_TTABLE);
        nsp = (size_t)luaL_len(L, 8);
    }
    drop = read_dropped(L, 5, &nd); /* 16 */
    nsent = sentence_count(L, &flat);
    for (i = 0; i < nsent; i++) {
        lua_Integer a, b;
        nk_span sp;
        sentence_at(L, i, len, flat, &a, &b);
        if (nd > 0 && is_dropped(drop, nd, a, b))
            continue;
        if (src != NULL && (size_t)(2 * pos + 2) <= nsp && list_int(L, 8, 2 * pos + 1) == a &&
            list_int(L, 8, 2 * pos + 2) == b) {
            size_t j = (size_t)(first + pos);
            nk_status st;
            if (first < 1 || j > nk_simset_size(src))
                return luaL_argerror(L, 7, "sentence index out of range");
            st = nk_simset_add_from(s, src, j - 1, (uint32_t)doc);
            if (st == NK_EINVAL)
                return luaL_argerror(L, 6, "the sentence sets have different vocabularies");
            check_status(L, st);
            if (whole != 2 &&
                (first + pos != n + 1 || whole == 3 ||
                 (pos == 0 && (lua_Integer)nk_simset_info(src, (size_t)first - 1).doc != doc)))
                whole = 2;
            else if (whole == 0)
                whole = 1;
        } else {
            sp.start = (size_t)(a - 1);
            sp.end = (size_t)b;
            check_status(L, nk_simset_add(s, text, sp, (uint32_t)doc));
            whole = 2;
        }
        n++, pos++;
        lua_pushinteger(L, doc);
        lua_rawseti(L, 9, n);
        lua_pushinteger(L, a);
        lua_rawseti(L, 10, n);
        lua_pushinteger(L, b);
        lua_rawseti(L, 11, n);
        lua_pushinteger(L, (lua_Integer)i + 1);
        lua_rawseti(L, 12, n);
        lua_pushinteger(L, pos);
        lua_rawseti(L, 13, n);
    }
    lua_pushinteger(L, n);
    lua_pushinteger(L, pos);
    lua_pushinteger(L, whole);
    return 3;
}

/*
** ss:add_kept(text, sentences, doc [, dropped]) -> first, spans
** Add, as part of document doc, every sentence of the list sentences ({s=, e=}
** spans of text, in order; nil: text split here, with naskh.sentences'
** defaults, no table per sentence) that overlaps no span of dropped (the clean
** stage's doc.dropped: sorted, disjoint {s=, e=}), as spans.is_dropped
** decides. Returns the index the first one got (size + 1 when none was added)
** and the added spans as one flat list {s1, e1, s2, e2, ...}. One call per
** document: the outliers stage's loop over the kept sentences.
*/
static int s_add_kept(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t len, nd = 0, i, k = 0, nsent = 0;
    const char *text = luaL_checklstring(L, 2, &len);
    lua_Integer doc = luaL_checkinteger(L, 4);
    nk_span *drop;
    nk_splitter split;
    lua_Integer first = (lua_Integer)nk_simset_size(s) + 1;
    int flat = 0, own = lua_isnil(L, 3);
    if (!own)
        luaL_checktype(L, 3, LUA_TTABLE);
    luaL_argcheck(L, doc >= 0 && doc <= 1000000, 4, "document number out of range");
    lua_settop(L, 5);
    drop = read_dropped(L, 5, &nd); /* index 6 */
    if (own)
        nk_splitter_init(&split, text, len, NULL);
    else
        nsent = sentence_count(L, &flat);
    lua_createtable(L, (int)(2 * nsent), 0); /* index 7: the spans */
    for (i = 0;; i++) {
        lua_Integer a, b;
        nk_span sp;
        if (own) {
            if (!nk_splitter_next(&split, &sp))
                break;
            a = (lua_Integer)sp.start + 1;
            b = (lua_Integer)sp.end;
        } else {
            if (i >= nsent)
                break;
            sentence_at(L, i, len, flat, &a, &b);
        }
        if (is_dropped(drop, nd, a, b))
            continue;
        sp.start = (size_t)(a - 1);
        sp.end = (size_t)b;
        check_status(L, nk_simset_add(s, text, sp, (uint32_t)doc));
        lua_pushinteger(L, a);
        lua_rawseti(L, 7, (lua_Integer)++k);
        lua_pushinteger(L, b);
        lua_rawseti(L, 7, (lua_Integer)++k);
    }
    lua_pushinteger(L, first);
    lua_pushvalue(L, 7);
    return 2;
}

/* ss:clear() -> ss, empty (the memory is kept for the next cluster) */
static int s_clear(lua_State *L)
{
    nk_simset_clear(check_simset(L, 1));
    lua_settop(L, 1);
    return 1;
}

/* ss:size() -> number of sentences */
static int s_size(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)nk_simset_size(check_simset(L, 1)));
    return 1;
}

/* ss:info(i) -> words, chars, terms, doc */
static int s_info(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    nk_sentinfo in = nk_simset_info(s, check_index(L, s, 2));
    lua_pushinteger(L, (lua_Integer)in.words);
    lua_pushinteger(L, (lua_Integer)in.chars);
    lua_pushinteger(L, (lua_Integer)in.terms);
    lua_pushinteger(L, (lua_Integer)in.doc);
    return 4;
}

/* ss:prepare(["set" | "vocab"]) -> ss */
static int s_prepare(lua_State *L)
{
    static const char *const modes[] = {"set", "vocab", NULL};
    nk_simset *s = check_simset(L, 1);
    int m = luaL_checkoption(L, 2, "set", modes);
    check_status(L, nk_simset_prepare(s, m == 1 ? NK_IDF_VOCAB : NK_IDF_SET));
    lua_settop(L, 1);
    return 1;
}

static void check_prepared(lua_State *L, nk_simset *s)
{
    if (!nk_simset_prepared(s))
        luaL_error(L, "sentence set: call prepare() after adding sentences");
}

/* ss:cosine(i, j) -> cosine similarity */
static int s_cosine(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t i = check_index(L, s, 2), j = check_index(L, s, 3);
    lua_pushnumber(L, nk_simset_cosine(s, i, j));
    return 1;
}

static void push_numbers(lua_State *L, const double *x, size_t n)
{
    size_t i;
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_pushnumber(L, x[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* A scratch array of n doubles owned by a Lua userdata pushed on the stack. */
static double *scratch_doubles(lua_State *L, size_t n)
{
    return lua_newuserdatauv(L, (n ? n : 1) * sizeof(double), 0);
}

/* Read a list of n numbers at index idx into x (missing entries: 0). */
static void read_numbers(lua_State *L, int idx, int arg, const char *what, double *x, size_t n)
{
    size_t i;
    luaL_argcheck(L, lua_istable(L, idx), arg, what);
    for (i = 0; i < n; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        x[i] = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : 0.0;
        lua_pop(L, 1);
    }
}

static double optnumber(lua_State *L, int arg, const char *key, double def)
{
    double v = def;
    if (lua_isnoneornil(L, arg))
        return def;
    if (lua_getfield(L, arg, key) != LUA_TNIL) {
        if (!lua_isnumber(L, -1))
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be a number", key));
        v = lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
    return v;
}

static const char *const rank_opts[] = {"method",     "threshold", "damping", "tol",
                                        "iterations", "prior",     NULL};

/* ss:rank([opts]) -> {score, ...} (stationary distribution, sums to 1) */
static int s_rank(lua_State *L)
{
    static const char *const methods[] = {"lexrank", "textrank", NULL};
    nk_simset *s = check_simset(L, 1);
    size_t n = nk_simset_size(s);
    nk_rank_opts o;
    double *scores, *prior = NULL;
    const char *m;
    int k;
    lua_settop(L, 2);
    lnk_checkoptions(L, 2, rank_opts);
    check_prepared(L, s);
    m = lnk_optstr(L, 2, "method", "lexrank");
    for (k = 0; methods[k] && strcmp(methods[k], m) != 0; k++)
        ;
    if (methods[k] == NULL)
        return luaL_argerror(L, 2, lua_pushfstring(L, "unknown method '%s'", m));
    o.kind = k == 1 ? NK_RANK_TEXTRANK : NK_RANK_LEXRANK;
    o.threshold = optnumber(L, 2, "threshold", 0.0);
    o.damping = optnumber(L, 2, "damping", 0.85);
    o.tol = optnumber(L, 2, "tol", 1e-6);
    o.max_iter = (int)lnk_optint(L, 2, "iterations", 100);
    luaL_argcheck(L, o.damping >= 0.0 && o.damping <= 1.0, 2, "damping must be in [0, 1]");
    scores = scratch_doubles(L, n);
    if (!lua_isnoneornil(L, 2) && lua_getfield(L, 2, "prior") != LUA_TNIL) {
        int idx = lua_gettop(L);
        prior = scratch_doubles(L, n);
        read_numbers(L, idx, 2, "option 'prior' must be a list of numbers", prior, n);
    }
    o.prior = prior;
    check_status(L, nk_simset_rank(s, &o, scores));
    push_numbers(L, scores, n);
    return 1;
}

/* ss:centroid([top]) -> {score, ...} (MEAD centroid values of each sentence) */
static int s_centroid(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t n = nk_simset_size(s);
    lua_Integer top = luaL_optinteger(L, 2, 0);
    double *scores;
    lua_settop(L, 2);
    luaL_argcheck(L, top >= 0, 2, "top must be >= 0");
    check_prepared(L, s);
    scores = scratch_doubles(L, n);
    check_status(L, nk_simset_centroid(s, (size_t)top, scores));
    push_numbers(L, scores, n);
    return 1;
}

/* ss:duplicates(threshold) -> {rep, ...} */
static int s_duplicates(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t n = nk_simset_size(s), i;
    double thr = luaL_checknumber(L, 2);
    size_t *rep;
    check_prepared(L, s);
    rep = lua_newuserdatauv(L, (n ? n : 1) * sizeof *rep, 0);
    check_status(L, nk_simset_duplicates(s, thr, rep));
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_pushinteger(L, (lua_Integer)rep[i] + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static size_t optsize(lua_State *L, int arg, const char *key)
{
    lua_Integer v = lnk_optint(L, arg, key, 0);
    if (v < 0)
        luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be >= 0", key));
    return (size_t)v;
}

static const char *const select_opts[] = {"words",  "sentences", "chars", "lambda",
                                          "cutoff", "eligible",  NULL};

/* ss:select(scores [, opts]) -> {index, ...} in selection order */
static int s_select(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t n = nk_simset_size(s), i, nout = 0;
    nk_select_opts o;
    double *scores;
    unsigned char *eligible = NULL;
    size_t *out;
    lua_settop(L, 3);
    check_prepared(L, s);
    scores = scratch_doubles(L, n);
    read_numbers(L, 2, 2, "scores must be a list of numbers", scores, n);
    lnk_checkoptions(L, 3, select_opts);
    o.words = optsize(L, 3, "words");
    o.sentences = optsize(L, 3, "sentences");
    o.chars = optsize(L, 3, "chars");
    o.lambda = optnumber(L, 3, "lambda", 1.0);
    o.cutoff = optnumber(L, 3, "cutoff", 1.0);
    if (!lua_isnoneornil(L, 3) && lua_getfield(L, 3, "eligible") != LUA_TNIL) {
        int idx = lua_gettop(L);
        luaL_argcheck(L, lua_istable(L, idx), 3, "option 'eligible' must be a list of booleans");
        eligible = lua_newuserdatauv(L, n ? n : 1, 0);
        for (i = 0; i < n; i++) {
            lua_geti(L, idx, (lua_Integer)i + 1);
            eligible[i] = (unsigned char)lua_toboolean(L, -1);
            lua_pop(L, 1);
        }
    }
    out = lua_newuserdatauv(L, (n ? n : 1) * sizeof *out, 0);
    check_status(L, nk_simset_select(s, scores, eligible, &o, out, &nout));
    lua_createtable(L, (int)nout, 0);
    for (i = 0; i < nout; i++) {
        lua_pushinteger(L, (lua_Integer)out[i] + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* ss:coverage(ndocs [, min_terms]) -> {mean best cosine with another document, per
 * document 1..ndocs} */
static int s_coverage(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    lua_Integer nd = luaL_checkinteger(L, 2), mt = luaL_optinteger(L, 3, 1);
    double *out;
    luaL_argcheck(L, nd >= 0 && nd <= 1000000, 2, "document count out of range");
    luaL_argcheck(L, mt >= 0, 3, "min_terms must be >= 0");
    check_prepared(L, s);
    /* documents are numbered from 1 in Lua: slot 0 is unused */
    out = scratch_doubles(L, (size_t)nd + 1);
    check_status(L, nk_simset_coverage(s, (size_t)mt, out, (size_t)nd + 1));
    push_numbers(L, out + 1, (size_t)nd);
    return 1;
}

/* Booleans of the Lua list at idx (1..n) into a fresh userdata array of n bytes. */
static unsigned char *check_flags(lua_State *L, int idx, size_t n)
{
    size_t i;
    unsigned char *f;
    luaL_checktype(L, idx, LUA_TTABLE);
    f = lua_newuserdatauv(L, n ? n : 1, 0);
    for (i = 0; i < n; i++) {
        lua_geti(L, idx, (lua_Integer)i + 1);
        f[i] = (unsigned char)lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    return f;
}

/* ss:support(cand, early) -> {support of each sentence} (nk_simset_support; cand and
 * early are lists of booleans, one per sentence) */
static int s_support(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t n = nk_simset_size(s);
    unsigned char *cand, *early;
    double *out;
    check_prepared(L, s);
    cand = check_flags(L, 2, n);
    early = check_flags(L, 3, n);
    out = lua_newuserdatauv(L, (n ? n : 1) * sizeof *out, 0);
    check_status(L, nk_simset_support(s, cand, early, out));
    push_numbers(L, out, n);
    return 1;
}

/*
** ss:shared_terms(ndocs [, pieces]) -> {c...}  the figures of v:shared_terms for
** documents 1..ndocs of the set, from its sentences' terms plus those of the
** pieces, a list of {doc, text, s, e} (text:sub(s, e) belongs to document doc),
** without reading the sentences' text again (nk_simset_shared_terms).
*/
static int s_shared_terms(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    lua_Integer nd = luaL_checkinteger(L, 2);
    size_t np = 0, i;
    nk_docpiece *pieces = NULL;
    double *out;
    luaL_argcheck(L, nd >= 0 && nd <= 1000000, 2, "document count out of range");
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        np = (size_t)luaL_len(L, 3);
    }
    lua_settop(L, 3);
    pieces = lua_newuserdatauv(L, (np ? np : 1) * sizeof *pieces, 0);
    for (i = 0; i < np; i++) {
        size_t len;
        lua_Integer d;
        lua_rawgeti(L, 3, (lua_Integer)i + 1);
        if (!lua_istable(L, -1))
            luaL_argerror(L, 3, "expected a list of {doc, text, s, e}");
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        lua_rawgeti(L, -3, 3);
        lua_rawgeti(L, -4, 4);
        d = lua_tointeger(L, -4);
        if (d < 1 || d > nd || lua_type(L, -3) != LUA_TSTRING)
            luaL_argerror(L, 3, "a piece needs a document number in 1..ndocs and a text");
        pieces[i].text = lua_tolstring(L, -3, &len); /* kept alive by the pieces table */
        pieces[i].span = lnk_checkspan(L, lua_gettop(L) - 1, len);
        pieces[i].doc = (uint32_t)d;
        lua_pop(L, 5);
    }
    out = scratch_doubles(L, (size_t)nd + 1);
    check_status(L, nk_simset_shared_terms(s, 1, (size_t)nd, pieces, np, out));
    push_numbers(L, out, (size_t)nd);
    return 1;
}

/* ss:words() -> {word count of each sentence} */
static int s_words(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t n = nk_simset_size(s), i;
    size_t *w = lua_newuserdatauv(L, (n ? n : 1) * sizeof *w, 0);
    nk_simset_words(s, w);
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_pushinteger(L, (lua_Integer)w[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Field name of the table at idx as a flag (nil and false: 0). */
static int flag_field(lua_State *L, int idx, const char *name)
{
    int v;
    lua_getfield(L, idx, name);
    v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* A list field of opts (n numbers, scaled by its maximum as summarize does:
 * a maximum <= 0 counts as 1) into x; 0 when the field is absent. */
static int scaled_field(lua_State *L, int idx, const char *name, double *x, size_t n)
{
    size_t i;
    double m = 0;
    if (lua_getfield(L, idx, name) != LUA_TTABLE) {
        lua_pop(L, 1);
        return 0;
    }
    read_numbers(L, lua_gettop(L), idx, name, x, n);
    lua_pop(L, 1);
    for (i = 0; i < n; i++)
        if (x[i] > m)
            m = x[i];
    if (m <= 0)
        m = 1;
    for (i = 0; i < n; i++)
        x[i] = x[i] / m;
    return 1;
}

/*
** ss:learned_scores(docs, u_doc, u_s, u_e, u_pos, doc_n, first_of, opts) -> scores, complete, open
** The learned scorer over the n sentences of the set (summarize.features_of
** with weights, in C): sentence i is docs[u_doc[i]].text:sub(u_s[i], u_e[i]),
** its position u_pos[i] of doc_n[doc] in its article, whose first sentence is
** first_of[doc]. opts: weights (the 15 weights in FEATURES order), lexrank and
** centroid (score lists, or nil: the feature is 0), connectives (list of
** strings), budget (words), and the flags sim_first, complete, number, quote,
** connective (which text features to compute; the others are 0) and endings
** (return the endings even when complete is not a feature). Returns the
** scores (the same sums, term by term, as the Lua loop), then per sentence
** whether it ends like one and whether it opens with a connective (lists of
** booleans; nil when not computed).
*/
static int s_learned_scores(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t n = nk_simset_size(s), nd, nc, i;
    const char **texts;
    size_t *lens, *words;
    double wv[15], *lr, *ce, budget;
    nk_connective *conn;
    int t, has_lr, has_ce, n_sf, n_co, n_nu, n_qu, n_cn, endings;
    lua_Integer last = -1;
    double before = 0;
    check_prepared(L, s);
    luaL_checktype(L, 2, LUA_TTABLE);
    for (t = 3; t <= 9; t++)
        luaL_checktype(L, t, LUA_TTABLE);
    lua_settop(L, 9);
    /* the documents' texts (kept alive by docs) */
    nd = (size_t)luaL_len(L, 2);
    texts = lua_newuserdatauv(L, (nd + 1) * sizeof *texts, 0); /* 10 */
    lens = lua_newuserdatauv(L, (nd + 1) * sizeof *lens, 0);   /* 11 */
    for (i = 1; i <= nd; i++) {
        lua_rawgeti(L, 2, (lua_Integer)i);
        if (lua_type(L, -1) != LUA_TTABLE || lua_getfield(L, -1, "text") != LUA_TSTRING)
            return luaL_argerror(L, 2, "every document needs a text");
        texts[i] = lua_tolstring(L, -1, &lens[i]);
        lua_pop(L, 2);
    }
    lua_getfield(L, 9, "weights");
    read_numbers(L, lua_gettop(L), 9, "weights: a list of 15 numbers", wv, 15);
    lua_pop(L, 1);
    lr = lua_newuserdatauv(L, (n ? n : 1) * sizeof *lr, 0); /* 12 */
    ce = lua_newuserdatauv(L, (n ? n : 1) * sizeof *ce, 0); /* 13 */
    has_lr = scaled_field(L, 9, "lexrank", lr, n);
    has_ce = scaled_field(L, 9, "centroid", ce, n);
    lua_getfield(L, 9, "budget");
    budget = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : 100;
    lua_pop(L, 1);
    n_sf = flag_field(L, 9, "sim_first");
    n_co = flag_field(L, 9, "complete");
    endings = n_co || flag_field(L, 9, "endings");
    n_nu = flag_field(L, 9, "number");
    n_qu = flag_field(L, 9, "quote");
    n_cn = flag_field(L, 9, "connective");
    if (lua_getfield(L, 9, "connectives") != LUA_TTABLE) /* 14 */
        return luaL_argerror(L, 9, "connectives: a list of strings");
    nc = (size_t)luaL_len(L, 14);
    conn = lua_newuserdatauv(L, (nc ? nc : 1) * sizeof *conn, 0); /* 15 */
    for (i = 0; i < nc; i++) {
        size_t cl;
        const char *cs;
        lua_rawgeti(L, 14, (lua_Integer)i + 1);
        cs = lua_tolstring(L, -1, &cl);
        if (cs == NULL)
            return luaL_argerror(L, 9, "connectives: a list of strings");
        nk_connective_init(&conn[i], cs, cl); /* kept alive by the list */
        lua_pop(L, 1);
    }
    words = lua_newuserdatauv(L, (n ? n : 1) * sizeof *words, 0); /* 16 */
    nk_simset_words(s, words);
    lua_createtable(L, (int)n, 0); /* 17 scores */
    if (endings)
        lua_createtable(L, (int)n, 0); /* complete */
    else
        lua_pushnil(L);
    if (n_cn)
        lua_createtable(L, (int)n, 0); /* open */
    else
        lua_pushnil(L);
    for (i = 1; i <= n; i++) {
        lua_Integer dn = list_int(L, 3, (lua_Integer)i), us = list_int(L, 4, (lua_Integer)i);
        lua_Integer ue = list_int(L, 5, (lua_Integer)i), pos = list_int(L, 6, (lua_Integer)i);
        lua_Integer ndoc, first;
        double w = (double)words[i - 1], f[16], sc;
        nk_span span;
        int comp = 0, open = 0, k;
        if (dn < 1 || (size_t)dn > nd || pos < 1)
            return luaL_error(L, "learned_scores: sentence %d has no document or position", (int)i);
        if (us < 1 || ue > (lua_Integer)lens[dn] || ue < us - 1)
            return luaL_error(L, "learned_scores: sentence %d is outside its text", (int)i);
        if (dn != last)
            before = 0, last = dn;
        ndoc = list_int(L, 7, dn);
        first = list_int(L, 8, dn);
        span.start = (size_t)us - 1;
        span.end = (size_t)ue;
        f[1] = has_lr ? lr[i - 1] : 0;
        f[2] = has_ce ? ce[i - 1] : 0;
        f[3] = (double)(ndoc - pos + 1) / (double)ndoc;
        f[4] = 1.0 / (double)pos;
        f[5] = pos == 1 ? 1 : 0;
        f[6] = 0;
        if (n_sf) {
            if ((size_t)first == i)
                f[6] = 1;
            else if (first >= 1 && (size_t)first <= n)
                f[6] = nk_simset_cosine(s, i - 1, (size_t)first - 1);
        }
        f[7] = (w < 40 ? w : 40) / 40;
        f[8] = words[i - 1] < 6 ? 1 : 0; /* SHORT_WORDS */
        if (endings)
            comp = nk_sum_complete(texts[dn], span);
        f[9] = n_co ? comp : 0;
        if (n_nu || n_qu) {
            int dg, qu;
            nk_sum_digit_quote(texts[dn], span, &dg, &qu);
            f[10] = n_nu && dg;
            f[11] = n_qu && qu;
        } else {
            f[10] = f[11] = 0;
        }
        if (n_cn)
            open = nk_sum_hangs(texts[dn], span, conn, nc);
        f[12] = open;
        f[13] = before < budget ? 1 : 0;
        f[14] = 1 - before / budget;
        if (f[14] < 0)
            f[14] = 0;
        sc = 0.0 + wv[0];
        for (k = 1; k < 15; k++)
            sc = sc + wv[k] * f[k];
        lua_pushnumber(L, sc);
        lua_rawseti(L, 17, (lua_Integer)i);
        if (endings) {
            lua_pushboolean(L, comp);
            lua_rawseti(L, 18, (lua_Integer)i);
        }
        if (n_cn) {
            lua_pushboolean(L, open);
            lua_rawseti(L, 19, (lua_Integer)i);
        }
        before += w;
    }
    return 3;
}

/*
** ss:hanging(docs, u_doc, u_s, u_e, connectives) -> {boolean...}
** summarize.hanging in C: sentence i (docs[u_doc[i]].text:sub(u_s[i], u_e[i]),
** sentences in document order) hangs on the one before it when it opens with a
** connective (nk_sum_hangs) or starts inside a quotation opened earlier in its
** article: « » by depth, " “ ” by parity, counting the marks that start within
** the article's earlier sentences (marks between sentences, in dropped text,
** are skipped).
*/
static int s_hanging(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t n = nk_simset_size(s), nd, nc, i, cur = 0;
    const unsigned char *text = NULL;
    size_t len = 0;
    nk_connective *conn;
    lua_Integer last = -1;
    long depth = 0, parity = 0;
    int t;
    for (t = 2; t <= 6; t++)
        luaL_checktype(L, t, LUA_TTABLE);
    lua_settop(L, 6);
    nd = (size_t)luaL_len(L, 2);
    nc = (size_t)luaL_len(L, 6);
    conn = lua_newuserdatauv(L, (nc ? nc : 1) * sizeof *conn, 0); /* 7 */
    for (i = 0; i < nc; i++) {
        size_t cl;
        const char *cs;
        lua_rawgeti(L, 6, (lua_Integer)i + 1);
        cs = lua_tolstring(L, -1, &cl);
        if (cs == NULL)
            return luaL_argerror(L, 6, "a list of strings");
        nk_connective_init(&conn[i], cs, cl); /* kept alive by the list */
        lua_pop(L, 1);
    }
    lua_createtable(L, (int)n, 0); /* 8 */
    for (i = 1; i <= n; i++) {
        lua_Integer dn = list_int(L, 3, (lua_Integer)i), us = list_int(L, 4, (lua_Integer)i);
        lua_Integer ue = list_int(L, 5, (lua_Integer)i);
        nk_span span;
        int hang;
        if (dn < 1 || (size_t)dn > nd)
            return luaL_error(L, "hanging: sentence %d has no document", (int)i);
        if (dn != last) {
            lua_rawgeti(L, 2, dn);
            if (lua_type(L, -1) != LUA_TTABLE || lua_getfield(L, -1, "text") != LUA_TSTRING)
                return luaL_argerror(L, 2, "every document needs a text");
            text = (const unsigned char *)lua_tolstring(L, -1, &len); /* kept alive by docs */
            lua_pop(L, 2);
            last = dn, depth = 0, parity = 0, cur = 0;
        }
        if (us < 1 || ue > (lua_Integer)len || ue < us - 1)
            return luaL_error(L, "hanging: sentence %d is outside its text", (int)i);
        span.start = (size_t)us - 1;
        span.end = (size_t)ue;
        if (cur < span.start)
            cur = span.start; /* marks before the sentence (dropped text) do not count */
        hang = depth > 0 || parity % 2 == 1 || nk_sum_hangs((const char *)text, span, conn, nc);
        lua_pushboolean(L, hang);
        lua_rawseti(L, 8, (lua_Integer)i);
        /* the marks that start in the sentence */
        for (cur = nk_sum_next_mark((const char *)text, cur, span.end); cur < span.end;
             cur = nk_sum_next_mark((const char *)text, cur + 1, span.end)) {
            switch (nk_sum_quote_mark((const char *)text, cur, len)) {
            case 0:
                parity++;
                break;
            case 1:
                depth++;
                break;
            case 2:
                if (depth > 0)
                    depth--;
                break;
            default:
                break;
            }
        }
    }
    return 1;
}

/*
** ss:past(docs, u_doc, u_s, u_e, u_pos, latest) -> {boolean...}
** summarize.past_checker in C: the latest year of the cluster is the largest
** of latest (from the articles' dates) and the years of the sentences at
** positions 1..6; sentence i (docs[u_doc[i]].text:sub(u_s[i], u_e[i])) is
** background when it writes years and all of them are earlier than that.
*/
static int s_past(lua_State *L)
{
    nk_simset *s = check_simset(L, 1);
    size_t n = nk_simset_size(s), nd, i;
    lua_Integer latest = luaL_checkinteger(L, 7), last = -1;
    const char *text = NULL;
    size_t len = 0;
    int *maxy;
    unsigned char *has;
    int t;
    for (t = 2; t <= 6; t++)
        luaL_checktype(L, t, LUA_TTABLE);
    lua_settop(L, 7);
    nd = (size_t)luaL_len(L, 2);
    maxy = lua_newuserdatauv(L, (n ? n : 1) * sizeof *maxy, 0); /* 8 */
    has = lua_newuserdatauv(L, n ? n : 1, 0);                   /* 9 */
    for (i = 1; i <= n; i++) {
        lua_Integer dn = list_int(L, 3, (lua_Integer)i), us = list_int(L, 4, (lua_Integer)i);
        lua_Integer ue = list_int(L, 5, (lua_Integer)i);
        nk_span span;
        if (dn < 1 || (size_t)dn > nd)
            return luaL_error(L, "past: sentence %d has no document", (int)i);
        if (dn != last) {
            lua_rawgeti(L, 2, dn);
            if (lua_type(L, -1) != LUA_TTABLE || lua_getfield(L, -1, "text") != LUA_TSTRING)
                return luaL_argerror(L, 2, "every document needs a text");
            text = lua_tolstring(L, -1, &len); /* kept alive by docs */
            lua_pop(L, 2);
            last = dn;
        }
        if (us < 1 || ue > (lua_Integer)len || ue < us - 1)
            return luaL_error(L, "past: sentence %d is outside its text", (int)i);
        span.start = (size_t)us - 1;
        span.end = (size_t)ue;
        has[i - 1] = nk_sum_years(text, span, &maxy[i - 1]) > 0;
        if (has[i - 1] && list_int(L, 6, (lua_Integer)i) <= 6 && maxy[i - 1] > latest)
            latest = maxy[i - 1];
    }
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_pushboolean(L, has[i] && maxy[i] < latest);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/*
** naskh._clean_key(text, s, e [, spaces_only]) -> key, words
** The clean stage's comparison key of the line text:sub(s, e) (nk_clean_key:
** masked, folded, no leading or trailing spaces and punctuation, spaces
** collapsed) and its number of words; with spaces_only, only the spaces
** collapsed (a long paragraph's key) and no word count.
*/
static int l_clean_key(lua_State *L)
{
    size_t len, n, kl, words = 0;
    const char *text = luaL_checklstring(L, 1, &len);
    nk_span sp = lnk_checkspan(L, 2, len);
    int spaces_only = lua_toboolean(L, 4);
    char small[1024], *out = small;
    n = sp.end - sp.start;
    if (2 * n > sizeof small)
        out = lua_newuserdatauv(L, 2 * n, 0);
    if (spaces_only) {
        kl = nk_clean_spaces(text + sp.start, n, out);
    } else {
        kl = nk_clean_key(text + sp.start, n, out, &words);
    }
    lua_pushlstring(L, out, kl);
    if (spaces_only)
        return 1;
    lua_pushinteger(L, (lua_Integer)words);
    return 2;
}

/*
** naskh._years(text, s, e) -> {year, ...}
** The years written in text:sub(s, e), in order: every run of exactly four
** ASCII digits whose first digit is 1 or 2 and second 0 or 9 (what
** gmatch("%f[%d]([12][09]%d%d)%f[%D]") finds in the substring, without the
** pattern matcher's frontier tests at every byte; the summarizer's
** background-year check reads it for the early sentences of every article).
*/
static int l_years(lua_State *L)
{
    size_t len, i, k = 0;
    const char *text = luaL_checklstring(L, 1, &len);
    nk_span sp = lnk_checkspan(L, 2, len);
    lua_createtable(L, 0, 0);
    i = sp.start;
    while (i < sp.end) {
        size_t run = i;
        if (text[i] < '0' || text[i] > '9') {
            i++;
            continue;
        }
        while (i < sp.end && text[i] >= '0' && text[i] <= '9')
            i++;
        if (i - run == 4 && (text[run] == '1' || text[run] == '2') &&
            (text[run + 1] == '0' || text[run + 1] == '9')) {
            lua_pushinteger(L, (text[run] - '0') * 1000 + (text[run + 1] - '0') * 100 +
                                   (text[run + 2] - '0') * 10 + (text[run + 3] - '0'));
            lua_rawseti(L, -2, (lua_Integer)++k);
        }
    }
    return 1;
}

/* ---- The clean stage in C (nk_cleaner) ---- */

typedef struct {
    nk_cleaner *c;
    nk_clean_opts o;
} cleaner_box;

static int cleaner_gc(lua_State *L)
{
    cleaner_box *b = luaL_checkudata(L, 1, CLEANER_MT);
    nk_cleaner_free(b->c);
    b->c = NULL;
    return 0;
}

/* The strings of the list at idx, each given to add(c, key, len, flag). */
static void add_keys(lua_State *L, nk_cleaner *c, int idx, int prefix, int outlet)
{
    lua_Integer i, n;
    luaL_checktype(L, idx, LUA_TTABLE);
    n = luaL_len(L, idx);
    for (i = 1; i <= n; i++) {
        size_t len;
        const char *k;
        lua_rawgeti(L, idx, i);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, idx, "expected a list of strings");
        k = lua_tolstring(L, -1, &len);
        check_status(L, outlet ? nk_cleaner_add_outlet(c, k, len)
                               : nk_cleaner_add_marker(c, k, len, prefix));
        lua_pop(L, 1);
    }
}

static size_t opt_count(lua_State *L, int idx, const char *name)
{
    lua_Integer v;
    lua_getfield(L, idx, name);
    v = luaL_checkinteger(L, -1);
    lua_pop(L, 1);
    return v < 0 ? 0 : (size_t)v;
}

static int opt_flag(lua_State *L, int idx, const char *name)
{
    int v;
    lua_getfield(L, idx, name);
    v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/*
** naskh._cleaner(markers, prefixes, outlets, opts) -> Cleaner
** The clean stage's rules in C (nk_cleaner_run): markers, prefixes and outlets
** are lists of keys (naskh._clean_key form; a prefix marker allows up to four
** more words), opts the stage's options (repeated_lines, latin_lines,
** outlet_lines, captions, max_caption_words, max_latin_words, max_tail_words).
**   cl:run(text) -> dropped   {{s=, e=, reason=, marker=?}, ...}, as the stage sets doc.dropped
*/
static int l_cleaner(lua_State *L)
{
    cleaner_box *b;
    luaL_checktype(L, 4, LUA_TTABLE);
    b = lua_newuserdatauv(L, sizeof *b, 0);
    b->c = NULL;
    luaL_setmetatable(L, CLEANER_MT);
    b->c = nk_cleaner_new(NULL);
    if (b->c == NULL)
        return luaL_error(L, "%s", nk_strerror(NK_ENOMEM));
    add_keys(L, b->c, 1, 0, 0);
    add_keys(L, b->c, 2, 1, 0);
    add_keys(L, b->c, 3, 0, 1);
    b->o.repeated_lines = opt_flag(L, 4, "repeated_lines");
    b->o.latin_lines = opt_flag(L, 4, "latin_lines");
    b->o.outlet_lines = opt_flag(L, 4, "outlet_lines");
    b->o.captions = opt_flag(L, 4, "captions");
    b->o.max_caption_words = opt_count(L, 4, "max_caption_words");
    b->o.max_latin_words = opt_count(L, 4, "max_latin_words");
    b->o.max_tail_words = opt_count(L, 4, "max_tail_words");
    return 1;
}

static int cl_run(lua_State *L)
{
    static const char *const reasons[] = {"",           "navigation", "marker",        "credit",
                                          "latin_line", "outlet",     "repeated_line", "caption"};
    cleaner_box *b = luaL_checkudata(L, 1, CLEANER_MT);
    size_t len, n, i;
    const char *text = luaL_checklstring(L, 2, &len);
    const nk_drop *d;
    luaL_argcheck(L, b->c != NULL, 1, "cleaner is closed");
    check_status(L, nk_cleaner_run(b->c, text, len, &b->o, &d, &n));
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
        lua_pushinteger(L, (lua_Integer)d[i].span.start + 1);
        lua_setfield(L, -2, "s");
        lua_pushinteger(L, (lua_Integer)d[i].span.end);
        lua_setfield(L, -2, "e");
        lua_pushstring(L, reasons[d[i].reason]);
        lua_setfield(L, -2, "reason");
        if (d[i].marker.end > 0) {
            lua_pushlstring(L, text + d[i].marker.start, d[i].marker.end - d[i].marker.start);
            lua_setfield(L, -2, "marker");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static const luaL_Reg cleaner_methods[] = {
    {"run", cl_run},
    {NULL, NULL},
};

static const luaL_Reg vocab_methods[] = {
    {"stopwords", v_stopwords},       {"key", v_key},   {"terms", v_terms},
    {"set_idf", v_set_idf},           {"size", v_size}, {"simset", v_simset},
    {"shared_terms", v_shared_terms}, {NULL, NULL},
};

static const luaL_Reg simset_methods[] = {
    {"add", s_add},
    {"add_from", s_add_from},
    {"vocab", s_vocab},
    {"add_split", s_add_split},
    {"add_kept", s_add_kept},
    {"add_doc", s_add_doc},
    {"size", s_size},
    {"info", s_info},
    {"prepare", s_prepare},
    {"cosine", s_cosine},
    {"rank", s_rank},
    {"centroid", s_centroid},
    {"duplicates", s_duplicates},
    {"select", s_select},
    {"coverage", s_coverage},
    {"support", s_support},
    {"shared_terms", s_shared_terms},
    {"words", s_words},
    {"learned_scores", s_learned_scores},
    {"hanging", s_hanging},
    {"past", s_past},
    {"clear", s_clear},
    {NULL, NULL},
};

static void new_type(lua_State *L, const char *name, const luaL_Reg *methods, lua_CFunction gc)
{
    luaL_newmetatable(L, name);
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
}

/* Is there a byte other than white space (Lua's %s) in text[a, b)? */
static int any_ink(const char *text, size_t a, size_t b)
{
    for (; a < b; a++) {
        unsigned char c = (unsigned char)text[a];
        if (c != ' ' && (c < '\t' || c > '\r'))
            return 1;
    }
    return 0;
}

/* Append {docno, text, a, b} (1-based inclusive) to the list at index out. */
static void push_piece(lua_State *L, int out, lua_Integer docno, lua_Integer a, lua_Integer b)
{
    lua_createtable(L, 4, 0);
    lua_pushinteger(L, docno);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, 2);
    lua_pushinteger(L, a);
    lua_rawseti(L, -2, 3);
    lua_pushinteger(L, b);
    lua_rawseti(L, -2, 4);
    lua_rawseti(L, out, (lua_Integer)luaL_len(L, out) + 1);
}

/*
** naskh._outside(text, kept, flat, docno, out) -> out
** textsim.outside in C: the kept text (kept: the clean stage's kept spans, a
** list of {s=, e=}) outside the kept sentences (flat: their spans as one list
** {s1, e1, s2, e2, ...}, in order), as pieces {docno, text, s, e} appended to
** out, those with anything but white space.
*/
static int l_outside(lua_State *L)
{
    size_t len, nk, nf, i, k = 0;
    const char *text = luaL_checklstring(L, 1, &len);
    lua_Integer docno = luaL_checkinteger(L, 4);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 5, LUA_TTABLE);
    lua_settop(L, 5);
    nk = (size_t)luaL_len(L, 2);
    nf = (size_t)luaL_len(L, 3) / 2;
    for (i = 1; i <= nk; i++) {
        lua_Integer ps, pe, pos;
        lua_rawgeti(L, 2, (lua_Integer)i);
        if (!lua_istable(L, -1))
            return luaL_argerror(L, 2, "expected a list of {s=, e=} spans");
        ps = int_field(L, -1, "s");
        pe = int_field(L, -1, "e");
        lua_pop(L, 1);
        if (ps < 1 || pe < ps - 1 || (lua_Unsigned)pe > (lua_Unsigned)len)
            return luaL_argerror(L, 2, "a kept span is out of the text");
        pos = ps;
        while (k < nf) {
            lua_Integer a = list_int(L, 3, 2 * (lua_Integer)k + 1);
            lua_Integer b = list_int(L, 3, 2 * (lua_Integer)k + 2);
            if (a > pe)
                break;
            if (a < 1 || b < a - 1 || (lua_Unsigned)b > (lua_Unsigned)len)
                return luaL_argerror(L, 3, "a sentence span is out of the text");
            if (a > pos && any_ink(text, (size_t)pos - 1, (size_t)a - 1))
                push_piece(L, 5, docno, pos, a - 1);
            if (b + 1 > pos)
                pos = b + 1;
            k++;
        }
        if (pos <= pe && any_ink(text, (size_t)pos - 1, (size_t)pe))
            push_piece(L, 5, docno, pos, pe);
    }
    return 1;
}

void lnk_open_sim(lua_State *L)
{
    new_type(L, VOCAB_MT, vocab_methods, vocab_gc);
    new_type(L, SIMSET_MT, simset_methods, simset_gc);
    new_type(L, CLEANER_MT, cleaner_methods, cleaner_gc);
    lua_pushcfunction(L, l_vocab);
    lua_setfield(L, -2, "vocab");
    lua_pushcfunction(L, l_clean_key);
    lua_setfield(L, -2, "_clean_key");
    lua_pushcfunction(L, l_cleaner);
    lua_setfield(L, -2, "_cleaner");
    lua_pushcfunction(L, l_years);
    lua_setfield(L, -2, "_years");
    lua_pushcfunction(L, l_outside);
    lua_setfield(L, -2, "_outside");
}
