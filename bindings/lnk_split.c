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
** Results are built while scanning (the core iterators allocate nothing), so
** a Lua error half-way leaks no C memory; the one C object, the extra
** abbreviation set, lives in a userdata with __gc.
*/
#include <string.h>

#include "lnk_aux.h"
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

static const luaL_Reg funcs[] = {
    {"sentences", l_sentences},
    {"paragraphs", l_paragraphs},
    {"lines", l_lines},
    {"soft_breaks", l_soft_breaks},
    {"tokens", l_tokens},
    {"stem", l_stem},
    {NULL, NULL},
};

void lnk_open_split(lua_State *L)
{
    luaL_setfuncs(L, funcs, 0);
}
