/*
** lnaskh.c
** luaopen_naskh: the Lua module over the naskh core. Each lnk_*.c file
** registers one job's functions into the module table.
*/
#include "lnk_aux.h"

LUAMOD_API int luaopen_naskh(lua_State *L);

LUAMOD_API int luaopen_naskh(lua_State *L)
{
    lua_newtable(L);
    lua_pushliteral(L, NK_VERSION);
    lua_setfield(L, -2, "version");
#ifdef NK_SHAREDIR
    lua_pushliteral(L, NK_SHAREDIR); /* where `make install` puts configs/ */
    lua_setfield(L, -2, "sharedir");
#endif
    lnk_open_text(L);
    lnk_open_normalize(L);
    lnk_open_split(L);
    lnk_open_gazetteer(L);
    lnk_open_yaml(L);
    lnk_open_json(L);
    lnk_open_fs(L);
    lnk_open_sim(L);
    lnk_open_sandbox(L);
    lnk_open_hijri(L);
    lnk_open_proc(L);
    lnk_open_tagger(L);
    lnk_open_pattern(L);
    lnk_open_entities(L);
    return 1;
}
