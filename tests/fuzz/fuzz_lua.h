/*
** fuzz_lua.h
** For targets whose code lives in the Lua binding (the YAML loader, the JSON
** Lines reader): one Lua state per process with the naskh module (compiled
** into the fuzzer, instrumented) and the pipeline's Lua modules from
** scripts/; the driver tests/fuzz/drivers/<name>.lua returns a function that
** gets each input as a string and raises when a contract is broken, which
** aborts (a crash for libFuzzer). Run from the repository root.
*/
#ifndef NK_FUZZ_LUA_H
#define NK_FUZZ_LUA_H

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "fuzz.h"
#include "lnk_sandbox.h"

int luaopen_naskh(lua_State *L);

static int nk_fuzz_lua(const char *driver, const uint8_t *data, size_t size)
{
    static lua_State *L;
    static int ref;
    if (size > NK_FUZZ_MAX)
        return 0;
    if (L == NULL) {
        L = lnk_newstate();
        NK_FUZZ_CHECK(L != NULL);
        luaL_openlibs(L);
        luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
        lua_pushcfunction(L, luaopen_naskh);
        lua_setfield(L, -2, "naskh");
        lua_pop(L, 1);
        lua_getglobal(L, "package");
        lua_pushliteral(L, "scripts/?.lua;tests/fuzz/drivers/?.lua");
        lua_setfield(L, -2, "path");
        lua_pop(L, 1);
        if (luaL_dofile(L, driver) != LUA_OK) {
            fprintf(stderr, "fuzz: cannot load %s (run from the repository root): %s\n", driver,
                    lua_tostring(L, -1));
            abort();
        }
        ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    lua_pushlstring(L, (const char *)data, size);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        fprintf(stderr, "fuzz: %s: %s\n", driver, lua_tostring(L, -1));
        abort();
    }
    lua_settop(L, 0);
    return 0;
}

#endif
