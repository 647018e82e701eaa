/*
** lnk_split.c
** Lua binding for sentence and paragraph splitting, tokens and the light
** stemmer:
**   naskh.sentences(s [, opts])  -> { {s=,e=}, ... }
**       opts: semicolon (bool), join_lines ("auto" or absent: hard-wrapped
**       paragraphs are detected; "always" or true: every single line end is
**       a space; "never" or false: every line end ends a sentence),
**       keep_lines (bool, = join_lines "never"), abbreviations ({"word", ...})
**   naskh.lines(s [, opts])      -> { {s=,e=}, ... }  logical lines: lines
**       joined through soft line ends (a hard-wrapped paragraph is one);
**       opts: join_lines, keep_lines as above
**   naskh.paragraphs(s [, opts]) -> { {s=,e=}, ... }     opts: lines (bool)
**   naskh.soft_breaks(s)         -> { pos, ... } soft line ends (hard wrap)
**   naskh.tokens(s [, opts])     -> { {s=,e=,class=,pieces=}, ... }
**       opts: clitics (bool), punct (bool, default true)
**   naskh.stem(word)             -> string
**   naskh.sentence_spans(s [, opts]), naskh.paragraph_spans(s [, opts]),
**   naskh.token_spans(s [, opts])  -> Spans (compact: no table per item)
**   naskh.write_sentences(fh, s, cpbase [, opts]) -> count, cplen, bad
**       the sentences (opts.paragraphs: paragraphs) of s printed to the file
**       fh as `naskh split` does: opts.format "text" (one per line, line ends
**       as spaces), "offsets" ("start<TAB>end", code points) or "json"
**       ({"start","end","text"}); cpbase is added to every offset. Other
**       opts as naskh.sentences. Returns the sentences printed, the code
**       points of s and the 1-based position of its first invalid byte (or nil).
**   naskh.write_tokens(fh, s, cpbase [, opts]) -> count, cplen
**       the tokens of s printed as `naskh tokens` does; opts: clitics,
**       stems, punct (default true), json.
** Results are built while scanning (the core iterators allocate nothing), so
** a Lua error half-way leaks no C memory; the one C object, the extra
** abbreviation set, lives in a userdata with __gc.
*/
#include <string.h>

#include "lnk_aux.h"
#include "lnk_writer.h"
#include "nk_split.h"
#include "nk_stem.h"
#include "nk_tokens.h"

#define ABBREVS_MT "naskh.Abbrevs"

typedef struct {
    nk_abbrevs *ab;
    nk_alloc alloc;
} abbrev_box;

static int abbrevs_gc(lua_State *L)
{
    abbrev_box *b = luaL_checkudata(L, 1, ABBREVS_MT);
    nk_abbrevs_free(b->ab);
    b->ab = NULL;
    return 0;
}

/*
** Build the extra abbreviation set from opts.abbreviations (a list of
** strings) at options table arg; pushes a box (or nothing) and returns the
** set or NULL.
*/
static const nk_abbrevs *check_abbrevs(lua_State *L, int arg)
{
    abbrev_box *b;
    lua_Integer i, n;
    if (lua_isnoneornil(L, arg))
        return NULL;
    if (lua_getfield(L, arg, "abbreviations") == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    if (!lua_istable(L, -1))
        luaL_argerror(L, arg, "option 'abbreviations' must be a list of strings");
    n = (lua_Integer)luaL_len(L, -1);
    b = lua_newuserdatauv(L, sizeof *b, 0);
    b->ab = NULL;
    if (luaL_newmetatable(L, ABBREVS_MT)) {
        lua_pushcfunction(L, abbrevs_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, abbrevs_gc);
        lua_setfield(L, -2, "__close");
    }
    lua_setmetatable(L, -2);
    lnk_alloc(L, &b->alloc);
    b->ab = nk_abbrevs_new(&b->alloc);
    if (b->ab == NULL)
        luaL_error(L, "not enough memory");
    for (i = 1; i <= n; i++) {
        size_t len;
        const char *w;
        nk_status st;
        lua_geti(L, -2, i);
        w = lua_tolstring(L, -1, &len);
        if (w == NULL || lua_type(L, -1) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L, "abbreviations[%d] must be a string", (int)i));
        st = nk_abbrevs_add(b->ab, w, len, NK_ABBR_TITLE);
        if (st == NK_ENOMEM)
            luaL_error(L, "not enough memory");
        if (st != NK_OK)
            luaL_argerror(L, arg,
                          lua_pushfstring(L, "abbreviations[%d] ('%s') is not a word", (int)i, w));
        lua_pop(L, 1);
    }
    lua_remove(L, -2); /* the list; the box stays on the stack until we return */
    return b->ab;
}

/*
** The one hard-wrap switch, opts.join_lines at arg: "auto" (or absent) =
** hard-wrapped paragraphs are detected (nk_line_end_soft), "always" (or true)
** = every single line end is a space, "never" (or false) = every line end ends
** a sentence; keep_lines = true is "never". Returns NK_SPLIT_* flags.
*/
static unsigned line_flags(lua_State *L, int arg)
{
    static const char *const modes[] = {"auto", "always", "never", NULL};
    unsigned flags = 0;
    int t;
    if (lua_isnoneornil(L, arg))
        return 0;
    t = lua_getfield(L, arg, "join_lines");
    if (t == LUA_TBOOLEAN)
        flags = lua_toboolean(L, -1) ? NK_SPLIT_JOIN_LINES : NK_SPLIT_KEEP_LINES;
    else if (t == LUA_TSTRING) {
        const char *m = lua_tostring(L, -1);
        int k;
        for (k = 0; modes[k] && strcmp(modes[k], m) != 0; k++)
            ;
        if (modes[k] == NULL)
            luaL_argerror(L, arg,
                          lua_pushfstring(L,
                                          "option 'join_lines' must be auto, always or never "
                                          "(or a boolean), got '%s'",
                                          m));
        flags = k == 1 ? NK_SPLIT_JOIN_LINES : k == 2 ? NK_SPLIT_KEEP_LINES : 0;
    } else if (t != LUA_TNIL)
        luaL_argerror(L, arg, "option 'join_lines' must be auto, always or never (or a boolean)");
    lua_pop(L, 1);
    if (flags == 0 && lnk_optbool(L, arg, "keep_lines", 0))
        flags = NK_SPLIT_KEEP_LINES;
    return flags;
}

static const char *const sentence_opts[] = {"semicolon", "join_lines", "keep_lines",
                                            "abbreviations", NULL};

static int l_sentences(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_split_opts o;
    nk_splitter sp;
    nk_span span;
    lua_Integer k = 0;
    lnk_checkoptions(L, 2, sentence_opts);
    o.flags = line_flags(L, 2);
    if (lnk_optbool(L, 2, "semicolon", 0))
        o.flags |= NK_SPLIT_SEMICOLON;
    o.abbrevs = check_abbrevs(L, 2);
    lua_newtable(L);
    nk_splitter_init(&sp, s, len, &o);
    while (nk_splitter_next(&sp, &span)) {
        lnk_pushspan(L, span);
        lua_rawseti(L, -2, ++k);
    }
    return 1;
}

static const char *const line_opts[] = {"join_lines", "keep_lines", NULL};

/* naskh.lines(s [, opts]): the logical lines (nk_linesplitter). */
static int l_lines(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_linesplitter ls;
    nk_span span;
    lua_Integer k = 0;
    lnk_checkoptions(L, 2, line_opts);
    nk_linesplitter_init(&ls, s, len, line_flags(L, 2));
    lua_newtable(L);
    while (nk_linesplitter_next(&ls, &span)) {
        lnk_pushspan(L, span);
        lua_rawseti(L, -2, ++k);
    }
    return 1;
}

/* naskh.soft_breaks(s) -> {pos, ...}: the 1-based positions of the line ends
 * (LF, or CR) that the layout pass reads as spaces (hard-wrapped paragraphs). */
static int l_soft_breaks(lua_State *L)
{
    size_t len, i;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_wrapblock blk = {0, 0, 0, 0, 0};
    lua_Integer k = 0;
    lua_newtable(L);
    for (i = 0; i < len; i++) {
        const char *p = memchr(s + i, '\n', len - i), *q;
        size_t nl;
        if (p == NULL)
            break;
        nl = (size_t)(p - s);
        q = nl > i && s[nl - 1] == '\r' ? p - 1 : p; /* CRLF: the CR starts the line end */
        if (nk_line_end_soft(s, len, (size_t)(q - s), &blk)) {
            lua_pushinteger(L, (lua_Integer)(q - s) + 1);
            lua_rawseti(L, -2, ++k);
        }
        i = nl;
    }
    return 1;
}

static const char *const paragraph_opts[] = {"lines", NULL};

static int l_paragraphs(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_parasplitter pp;
    nk_span span;
    lua_Integer k = 0;
    lnk_checkoptions(L, 2, paragraph_opts);
    nk_parasplitter_init(&pp, s, len, lnk_optbool(L, 2, "lines", 0) ? NK_SPLIT_LINE_PARAGRAPHS : 0);
    lua_newtable(L);
    while (nk_parasplitter_next(&pp, &span)) {
        lnk_pushspan(L, span);
        lua_rawseti(L, -2, ++k);
    }
    return 1;
}

static const char *const token_opts[] = {"clitics", "punct", NULL};

static const char *const piece_kind_names[] = {"", "proclitic", "stem", "enclitic"};

static int l_tokens(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_tokenizer tz;
    nk_token tok;
    int clitics, punct;
    lua_Integer k = 0;
    lnk_checkoptions(L, 2, token_opts);
    clitics = lnk_optbool(L, 2, "clitics", 0);
    punct = lnk_optbool(L, 2, "punct", 1);
    lua_newtable(L);
    nk_tokenizer_init(&tz, s, len);
    while (nk_tokenizer_next(&tz, &tok)) {
        if (!punct && (tok.cls == NK_TOK_PUNCT || tok.cls == NK_TOK_SYMBOL))
            continue;
        lua_createtable(L, 0, clitics ? 4 : 3);
        lnk_setspan(L, -1, tok.span);
        lua_pushstring(L, nk_token_class_name(tok.cls));
        lua_setfield(L, -2, "class");
        if (clitics && tok.cls == NK_TOK_ARABIC) {
            nk_piece pieces[NK_MAX_PIECES];
            size_t np = nk_clitics(s, tok.span, pieces), j;
            lua_createtable(L, (int)np, 0);
            for (j = 0; j < np; j++) {
                lnk_pushspan(L, pieces[j].span);
                lua_pushstring(L, piece_kind_names[pieces[j].kind]);
                lua_setfield(L, -2, "kind");
                lua_rawseti(L, -2, (lua_Integer)j + 1);
            }
            lua_setfield(L, -2, "pieces");
        }
        lua_rawseti(L, -2, ++k);
    }
    return 1;
}

static int l_stem(lua_State *L)
{
    size_t len;
    const char *w = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, len + 1);
    size_t n = nk_stem_text(w, len, out);
    luaL_pushresultsize(&b, n);
    return 1;
}

/* Sentence bytes with every line end (\r\n, \n or \r) as one space. */
static void put_oneline(lnk_writer *w, const char *s, size_t n)
{
    size_t i, run = 0;
    for (i = 0; i < n; i++) {
        if (s[i] != '\n' && s[i] != '\r')
            continue;
        lnk_writer_add(w, s + run, i - run);
        lnk_writer_addc(w, ' ');
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
            i++;
        run = i + 1;
    }
    lnk_writer_add(w, s + run, n - run);
}

static const char *const write_sentence_opts[] = {
    "format", "paragraphs", "semicolon", "join_lines", "keep_lines", "abbreviations", NULL};

static int l_write_sentences(lua_State *L)
{
    static const char *const formats[] = {"text", "offsets", "json", NULL};
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    size_t cpbase = (size_t)luaL_checkinteger(L, 3);
    int format, paras;
    nk_split_opts o;
    nk_splitter sp;
    nk_parasplitter pp;
    nk_span span;
    lnk_cpconv cv;
    lua_Integer count = 0;
    lnk_writer *w;
    lnk_checkoptions(L, 4, write_sentence_opts);
    {
        const char *f = lnk_optstr(L, 4, "format", "text");
        for (format = 0; formats[format] != NULL && strcmp(formats[format], f) != 0; format++)
            ;
        if (formats[format] == NULL)
            return luaL_argerror(L, 4, "format must be text, offsets or json");
    }
    paras = lnk_optbool(L, 4, "paragraphs", 0);
    o.flags = line_flags(L, 4);
    if (lnk_optbool(L, 4, "semicolon", 0))
        o.flags |= NK_SPLIT_SEMICOLON;
    o.abbrevs = check_abbrevs(L, 4);
    w = lua_newuserdatauv(L, sizeof *w, 0);
    lnk_writer_init(w, L, 1);
    lnk_cpconv_init(&cv, s, len);
    if (paras)
        nk_parasplitter_init(&pp, s, len, 0);
    else
        nk_splitter_init(&sp, s, len, &o);
    while (paras ? nk_parasplitter_next(&pp, &span) : nk_splitter_next(&sp, &span)) {
        size_t n = span.end > span.start ? span.end - span.start : 0;
        count++;
        if (format == 0) {
            put_oneline(w, s + span.start, n);
            lnk_writer_addc(w, '\n');
            continue;
        }
        if (format == 2)
            LNK_WLIT(w, "{\"start\":");
        lnk_writer_uint(w, cpbase + lnk_cpconv_at(&cv, span.start));
        if (format == 1)
            lnk_writer_addc(w, '\t');
        else
            LNK_WLIT(w, ",\"end\":");
        lnk_writer_uint(w,
                        cpbase + lnk_cpconv_at(&cv, span.end < span.start ? span.start : span.end));
        if (format == 2) {
            LNK_WLIT(w, ",\"text\":");
            lnk_writer_json_string(w, s + span.start, n);
            lnk_writer_addc(w, '}');
        }
        lnk_writer_addc(w, '\n');
    }
    lnk_writer_flush(w);
    lua_pushinteger(L, count);
    lua_pushinteger(L, (lua_Integer)lnk_cpconv_at(&cv, len));
    if (cv.valid)
        lua_pushnil(L);
    else
        lua_pushinteger(L, (lua_Integer)cv.bad + 1);
    return 3;
}

static const char *const write_token_opts[] = {"clitics", "stems", "punct", "json", NULL};

static void put_json_span(lnk_writer *w, lnk_cpconv *cv, size_t cpbase, nk_span sp)
{
    LNK_WLIT(w, "{\"start\":");
    lnk_writer_uint(w, cpbase + lnk_cpconv_at(cv, sp.start));
    LNK_WLIT(w, ",\"end\":");
    lnk_writer_uint(w, cpbase + lnk_cpconv_at(cv, sp.end < sp.start ? sp.start : sp.end));
}

static int l_write_tokens(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    size_t cpbase = (size_t)luaL_checkinteger(L, 3);
    int clitics, stems, punct, json;
    nk_tokenizer tz;
    nk_token tok;
    lnk_cpconv cv;
    lua_Integer count = 0;
    lnk_writer *w;
    char *stem;
    size_t stemcap = 256;
    lnk_checkoptions(L, 4, write_token_opts);
    clitics = lnk_optbool(L, 4, "clitics", 0);
    stems = lnk_optbool(L, 4, "stems", 0);
    punct = lnk_optbool(L, 4, "punct", 1);
    json = lnk_optbool(L, 4, "json", 0);
    w = lua_newuserdatauv(L, sizeof *w, 0);
    lnk_writer_init(w, L, 1);
    stem = lua_newuserdatauv(L, stemcap, 0);
    lnk_cpconv_init(&cv, s, len);
    nk_tokenizer_init(&tz, s, len);
    while (nk_tokenizer_next(&tz, &tok)) {
        const char *word = s + tok.span.start;
        size_t wn = tok.span.end - tok.span.start, stemn = 0;
        int arabic = tok.cls == NK_TOK_ARABIC;
        nk_piece pieces[NK_MAX_PIECES];
        size_t np = 0, j;
        if (!punct && (tok.cls == NK_TOK_PUNCT || tok.cls == NK_TOK_SYMBOL))
            continue;
        count++;
        if (clitics && arabic)
            np = nk_clitics(s, tok.span, pieces);
        if (stems && arabic) {
            if (wn + 1 > stemcap) {
                stemcap = wn + 1;
                lua_pop(L, 1);
                stem = lua_newuserdatauv(L, stemcap, 0);
            }
            stemn = nk_stem_text(word, wn, stem);
        }
        if (json) {
            put_json_span(w, &cv, cpbase, tok.span);
            LNK_WLIT(w, ",\"class\":");
            lnk_writer_json_string(w, nk_token_class_name(tok.cls),
                                   strlen(nk_token_class_name(tok.cls)));
            if (clitics && arabic) {
                LNK_WLIT(w, ",\"pieces\":[");
                for (j = 0; j < np; j++) {
                    if (j > 0)
                        lnk_writer_addc(w, ',');
                    put_json_span(w, &cv, cpbase, pieces[j].span);
                    LNK_WLIT(w, ",\"kind\":");
                    lnk_writer_json_string(w, piece_kind_names[pieces[j].kind],
                                           strlen(piece_kind_names[pieces[j].kind]));
                    lnk_writer_addc(w, '}');
                }
                lnk_writer_addc(w, ']');
            }
            if (stems && arabic) {
                LNK_WLIT(w, ",\"stem\":");
                lnk_writer_json_string(w, stem, stemn);
            }
            LNK_WLIT(w, ",\"text\":");
            lnk_writer_json_string(w, word, wn);
            LNK_WLIT(w, "}\n");
            continue;
        }
        lnk_writer_uint(w, cpbase + lnk_cpconv_at(&cv, tok.span.start));
        lnk_writer_addc(w, '\t');
        lnk_writer_uint(w, cpbase + lnk_cpconv_at(&cv, tok.span.end));
        lnk_writer_addc(w, '\t');
        lnk_writer_add(w, nk_token_class_name(tok.cls), strlen(nk_token_class_name(tok.cls)));
        lnk_writer_addc(w, '\t');
        lnk_writer_add(w, word, wn);
        if (clitics) {
            lnk_writer_addc(w, '\t');
            if (!arabic)
                lnk_writer_add(w, word, wn);
            for (j = 0; j < np; j++) {
                if (j > 0)
                    lnk_writer_addc(w, '+');
                lnk_writer_add(w, s + pieces[j].span.start,
                               pieces[j].span.end - pieces[j].span.start);
            }
        }
        if (stems) {
            lnk_writer_addc(w, '\t');
            if (arabic)
                lnk_writer_add(w, stem, stemn);
            else
                lnk_writer_add(w, word, wn);
        }
        lnk_writer_addc(w, '\n');
    }
    lnk_writer_flush(w);
    lua_pushinteger(L, count);
    lua_pushinteger(L, (lua_Integer)lnk_cpconv_at(&cv, len));
    return 2;
}

/* {====== naskh.Spans: compact span arrays */

#define SPANS_MT "naskh.Spans"

/*
** A Spans userdata: n spans of the text in user value 1, as 0-based
** half-open byte pairs, and for tokens a class per span.
*/
typedef struct {
    size_t n;
    int tokens;
} spans_hdr;

static size_t *spans_se(spans_hdr *h)
{
    return (size_t *)(void *)(h + 1);
}

static unsigned char *spans_cls(spans_hdr *h)
{
    return (unsigned char *)(spans_se(h) + 2 * h->n);
}

static spans_hdr *new_spans(lua_State *L, size_t n, int tokens, int text)
{
    spans_hdr *h = lua_newuserdatauv(L, sizeof *h + 2 * n * sizeof(size_t) + (tokens ? n : 0), 1);
    h->n = n;
    h->tokens = tokens;
    luaL_setmetatable(L, SPANS_MT);
    lua_pushvalue(L, text);
    lua_setiuservalue(L, -2, 1);
    return h;
}

static spans_hdr *check_spans(lua_State *L)
{
    return luaL_checkudata(L, 1, SPANS_MT);
}

/* The 0-based index of Lua index arg (1..n), or raises. */
static size_t check_index(lua_State *L, spans_hdr *h, int arg)
{
    lua_Integer i = luaL_checkinteger(L, arg);
    luaL_argcheck(L, i >= 1 && (lua_Unsigned)i <= h->n, arg, "index out of range");
    return (size_t)i - 1;
}

static void push_item(lua_State *L, spans_hdr *h, size_t i)
{
    nk_span sp;
    sp.start = spans_se(h)[2 * i];
    sp.end = spans_se(h)[2 * i + 1];
    lua_createtable(L, 0, h->tokens ? 3 : 2);
    lnk_setspan(L, -1, sp);
    if (h->tokens) {
        lua_pushstring(L, nk_token_class_name((nk_tokclass)spans_cls(h)[i]));
        lua_setfield(L, -2, "class");
    }
}

static int l_sentence_spans(lua_State *L)
{
    size_t len, n = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_split_opts o;
    nk_splitter sp;
    nk_span span;
    spans_hdr *h;
    lnk_checkoptions(L, 2, sentence_opts);
    o.flags = line_flags(L, 2);
    if (lnk_optbool(L, 2, "semicolon", 0))
        o.flags |= NK_SPLIT_SEMICOLON;
    o.abbrevs = check_abbrevs(L, 2);
    nk_splitter_init(&sp, s, len, &o); /* count, then fill: the iterator allocates nothing */
    while (nk_splitter_next(&sp, &span))
        n++;
    h = new_spans(L, n, 0, 1);
    nk_splitter_init(&sp, s, len, &o);
    for (n = 0; n < h->n && nk_splitter_next(&sp, &span); n++) {
        spans_se(h)[2 * n] = span.start;
        spans_se(h)[2 * n + 1] = span.end;
    }
    return 1;
}

static int l_paragraph_spans(lua_State *L)
{
    size_t len, n = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_parasplitter pp;
    nk_span span;
    spans_hdr *h;
    unsigned flags;
    lnk_checkoptions(L, 2, paragraph_opts);
    flags = lnk_optbool(L, 2, "lines", 0) ? NK_SPLIT_LINE_PARAGRAPHS : 0;
    nk_parasplitter_init(&pp, s, len, flags);
    while (nk_parasplitter_next(&pp, &span))
        n++;
    h = new_spans(L, n, 0, 1);
    nk_parasplitter_init(&pp, s, len, flags);
    for (n = 0; n < h->n && nk_parasplitter_next(&pp, &span); n++) {
        spans_se(h)[2 * n] = span.start;
        spans_se(h)[2 * n + 1] = span.end;
    }
    return 1;
}

static const char *const token_span_opts[] = {"punct", NULL};

static int l_token_spans(lua_State *L)
{
    size_t len, n = 0;
    const char *s = luaL_checklstring(L, 1, &len);
    nk_tokenizer tz;
    nk_token tok;
    spans_hdr *h;
    int punct;
    lnk_checkoptions(L, 2, token_span_opts);
    punct = lnk_optbool(L, 2, "punct", 1);
    nk_tokenizer_init(&tz, s, len);
    while (nk_tokenizer_next(&tz, &tok))
        if (punct || (tok.cls != NK_TOK_PUNCT && tok.cls != NK_TOK_SYMBOL))
            n++;
    h = new_spans(L, n, 1, 1);
    nk_tokenizer_init(&tz, s, len);
    n = 0;
    while (n < h->n && nk_tokenizer_next(&tz, &tok)) {
        if (!punct && (tok.cls == NK_TOK_PUNCT || tok.cls == NK_TOK_SYMBOL))
            continue;
        spans_se(h)[2 * n] = tok.span.start;
        spans_se(h)[2 * n + 1] = tok.span.end;
        spans_cls(h)[n] = (unsigned char)tok.cls;
        n++;
    }
    return 1;
}

static int spans_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_spans(L)->n);
    return 1;
}

/* a[i] -> {s=, e=[, class=]} (nil past the end, so ipairs stops); a.name -> a method */
static int spans_index(lua_State *L)
{
    spans_hdr *h = check_spans(L);
    if (lua_isinteger(L, 2)) {
        lua_Integer i = lua_tointeger(L, 2);
        if (i < 1 || (lua_Unsigned)i > h->n)
            return 0;
        push_item(L, h, (size_t)i - 1);
        return 1;
    }
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "methods");
    lua_pushvalue(L, 2);
    lua_rawget(L, -2);
    return 1;
}

/* a:span(i) -> s, e (1-based inclusive) */
static int spans_span(lua_State *L)
{
    spans_hdr *h = check_spans(L);
    size_t i = check_index(L, h, 2);
    lua_pushinteger(L, (lua_Integer)spans_se(h)[2 * i] + 1);
    lua_pushinteger(L, (lua_Integer)spans_se(h)[2 * i + 1]);
    return 2;
}

/* a:text(i) -> the span's text */
static int spans_text(lua_State *L)
{
    spans_hdr *h = check_spans(L);
    size_t i = check_index(L, h, 2), len;
    const char *s;
    lua_getiuservalue(L, 1, 1);
    s = lua_tolstring(L, -1, &len);
    {
        size_t a = spans_se(h)[2 * i], b = spans_se(h)[2 * i + 1];
        if (b > len)
            b = len;
        lua_pushlstring(L, s + a, b > a ? b - a : 0);
    }
    return 1;
}

/* a:class(i) -> the token's class, or nil for sentences and paragraphs */
static int spans_class(lua_State *L)
{
    spans_hdr *h = check_spans(L);
    size_t i = check_index(L, h, 2);
    if (!h->tokens)
        return 0;
    lua_pushstring(L, nk_token_class_name((nk_tokclass)spans_cls(h)[i]));
    return 1;
}

static int spans_next(lua_State *L)
{
    spans_hdr *h = check_spans(L);
    lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if (i < 1 || (lua_Unsigned)i > h->n)
        return 0;
    lua_pushinteger(L, i);
    lua_pushinteger(L, (lua_Integer)spans_se(h)[2 * (size_t)(i - 1)] + 1);
    lua_pushinteger(L, (lua_Integer)spans_se(h)[2 * (size_t)(i - 1) + 1]);
    return 3;
}

/* for i, s, e in a:spans() do ... end */
static int spans_iter(lua_State *L)
{
    check_spans(L);
    lua_pushcfunction(L, spans_next);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

/* a:totable() -> {{s=, e=[, class=]}, ...}, what naskh.sentences / naskh.tokens give */
static int spans_totable(lua_State *L)
{
    spans_hdr *h = check_spans(L);
    size_t i;
    lua_createtable(L, (int)(h->n < 1000000 ? h->n : 1000000), 0);
    for (i = 0; i < h->n; i++) {
        push_item(L, h, i);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int spans_tostring(lua_State *L)
{
    spans_hdr *h = check_spans(L);
    lua_pushfstring(L, SPANS_MT " (%d %s)", (int)h->n, h->tokens ? "tokens" : "spans");
    return 1;
}

static void open_spans(lua_State *L)
{
    static const luaL_Reg methods[] = {{"span", spans_span},       {"text", spans_text},
                                       {"class", spans_class},     {"spans", spans_iter},
                                       {"totable", spans_totable}, {NULL, NULL}};
    luaL_newmetatable(L, SPANS_MT);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "methods");
    lua_pushcfunction(L, spans_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, spans_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, spans_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);
}

/* }====== */

static const luaL_Reg funcs[] = {
    {"sentences", l_sentences},
    {"write_sentences", l_write_sentences},
    {"write_tokens", l_write_tokens},
    {"sentence_spans", l_sentence_spans},
    {"paragraph_spans", l_paragraph_spans},
    {"token_spans", l_token_spans},
    {"paragraphs", l_paragraphs},
    {"lines", l_lines},
    {"soft_breaks", l_soft_breaks},
    {"tokens", l_tokens},
    {"stem", l_stem},
    {NULL, NULL},
};

void lnk_open_split(lua_State *L)
{
    open_spans(L);
    luaL_setfuncs(L, funcs, 0);
}
