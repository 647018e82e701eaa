/*
** lnk_hijri.c
** Hijri <-> Gregorian conversion for Lua (the dates stage), over nk_hijri.
*/
#include "lnk_aux.h"
#include "nk_hijri.h"

static const char *const variants[] = {"umalqura", "civil", "tabular", "astronomical", NULL};

/* Read (y, m, d [, variant]) at 1..4; raises on misuse. */
static nk_hijri_variant check_args(lua_State *L, nk_date *d)
{
    nk_hijri_variant v = NK_HIJRI_UMALQURA;
    lua_Integer y = luaL_checkinteger(L, 1), m = luaL_checkinteger(L, 2),
                day = luaL_checkinteger(L, 3);
    if (!lua_isnoneornil(L, 4)) {
        const char *name = luaL_checkstring(L, 4);
        if (nk_hijri_variant_parse(name, &v) != NK_OK) {
            const char *near = lnk_suggest(name, variants);
            if (near)
                luaL_argerror(
                    L, 4,
                    lua_pushfstring(L, "unknown calendar '%s'; did you mean '%s'?", name, near));
            luaL_argerror(L, 4,
                          lua_pushfstring(L,
                                          "unknown calendar '%s'; expected one of: umalqura, "
                                          "civil, tabular, astronomical",
                                          name));
        }
    }
    luaL_argcheck(L, y >= 1 && y <= 9999, 1, "year out of range 1..9999");
    d->year = (int32_t)y;
    d->month = (m >= 1 && m <= 12) ? (int32_t)m : 0;
    d->day = (day >= 1 && day <= 31) ? (int32_t)day : 0;
    return v;
}

static int push_result(lua_State *L, nk_status st, const nk_date *out, const nk_error *err)
{
    if (st != NK_OK)
        return lnk_pushfail(L, err->msg[0] ? err->msg : nk_strerror(st), (size_t)-1);
    lua_pushinteger(L, out->year);
    lua_pushinteger(L, out->month);
    lua_pushinteger(L, out->day);
    return 3;
}

/* naskh.hijri_to_gregorian(y, m, d [, calendar]) -> y, m, d | nil, message */
static int l_hijri_to_gregorian(lua_State *L)
{
    nk_date in, out = {0, 0, 0};
    nk_error err = {NK_OK, 0, 0, 0, {0}};
    nk_hijri_variant v = check_args(L, &in);
    return push_result(L, nk_hijri_to_gregorian(v, in, &out, &err), &out, &err);
}

/* naskh.gregorian_to_hijri(y, m, d [, calendar]) -> y, m, d | nil, message */
static int l_gregorian_to_hijri(lua_State *L)
{
    nk_date in, out = {0, 0, 0};
    nk_error err = {NK_OK, 0, 0, 0, {0}};
    nk_hijri_variant v = check_args(L, &in);
    return push_result(L, nk_gregorian_to_hijri(v, in, &out, &err), &out, &err);
}

static const luaL_Reg funcs[] = {
    {"hijri_to_gregorian", l_hijri_to_gregorian},
    {"gregorian_to_hijri", l_gregorian_to_hijri},
    {NULL, NULL},
};

void lnk_open_hijri(lua_State *L)
{
    luaL_setfuncs(L, funcs, 0);
}
