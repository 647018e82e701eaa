/*
** naskh.c
** The `naskh` command: a small Lua host in the manner of lua.c. main()
** only creates the state and runs pmain under lua_pcall, so every error,
** allocation failures included, reaches the user as "naskh: message".
** The Lua side (the files under scripts/naskh) is compiled in (as bytecode) and
** installed into package.preload; the command line itself is handled by naskh.engine.cli.
*/
#include <errno.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "lnk_sandbox.h"

#ifndef NK_SHAREDIR
#define NK_SHAREDIR "/usr/local/share/naskh"
#endif

struct nk_embedded_file {
    const char *name, *path, *data;
    size_t len;
};
extern const struct nk_embedded_file nk_embedded[];

int luaopen_naskh(lua_State *L);

/* package.preload loader for an embedded module; upvalue 1 is its index. The module is Lua
** bytecode compiled at build time by mk/embed.c (chunk name "@path", debug information kept). */
static int load_embedded(lua_State *L)
{
    const struct nk_embedded_file *f = &nk_embedded[lua_tointeger(L, lua_upvalueindex(1))];
    char chunkname[300];
    snprintf(chunkname, sizeof chunkname, "@%s", f->path);
    if (luaL_loadbufferx(L, f->data, f->len, chunkname, "b") != LUA_OK)
        return lua_error(L);
    lua_pushstring(L, f->name);
    lua_call(L, 1, 1);
    return 1;
}

static void install_preload(lua_State *L)
{
    int i;
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, luaopen_naskh);
    lua_setfield(L, -2, "naskh");
    /* NASKH_DEV=1 loads scripts/ from the source tree instead (for editing without rebuilding). */
    if (getenv("NASKH_DEV") == NULL) {
        for (i = 0; nk_embedded[i].name != NULL; i++) {
            lua_pushinteger(L, i);
            lua_pushcclosure(L, load_embedded, 1);
            lua_setfield(L, -2, nk_embedded[i].name);
        }
    }
    lua_pop(L, 1);
}

/*
** The C searchers (package.searchers[3], [4]) skip "naskh" and "naskh.*": those
** modules are built in, and a naskh.so on package.cpath (an install, or the
** build tree in the tests) must not be loaded into the host as a second copy of
** the library (ASan reports it as an odr-violation).
*/
static int c_searcher_guard(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    if (strcmp(name, "naskh") == 0 || strncmp(name, "naskh.", 6) == 0) {
        lua_pushfstring(L, "\n\tno C library for '%s' (built into naskh)", name);
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static void guard_c_searchers(lua_State *L)
{
    int i;
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchers");
    for (i = 3; i <= 4; i++) {
        lua_rawgeti(L, -1, i);
        lua_pushcclosure(L, c_searcher_guard, 1);
        lua_rawseti(L, -2, i);
    }
    lua_pop(L, 2);
}

static int isdir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where configs/ lives: $NASKH_HOME, the source tree beside build/, or the install prefix. */
static void push_home(lua_State *L)
{
    const char *env = getenv("NASKH_HOME");
    char exe[PATH_MAX], probe[PATH_MAX + 32];
    ssize_t n;
    if (env != NULL && *env) {
        lua_pushstring(L, env);
        return;
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash != NULL) {
            *slash = '\0';
            /* build/naskh or build/san/naskh in a source tree; PREFIX/bin/naskh beside
               PREFIX/share/naskh in an install (relocatable, and DESTDIR staging works) */
            for (int up = 0; up < 3; up++) {
                snprintf(probe, sizeof probe, "%s/configs/recipes", exe);
                if (isdir(probe)) {
                    lua_pushstring(L, exe);
                    return;
                }
                snprintf(probe, sizeof probe, "%s/share/naskh/configs/recipes", exe);
                if (isdir(probe)) {
                    lua_pushfstring(L, "%s/share/naskh", exe);
                    return;
                }
                slash = strrchr(exe, '/');
                if (slash == NULL)
                    break;
                *slash = '\0';
            }
        }
    }
    lua_pushstring(L, NK_SHAREDIR);
}

static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    if (getenv("NASKH_DEBUG") != NULL)
        luaL_traceback(L, L, msg, 1);
    return 1;
}

static int pmain(lua_State *L)
{
    int argc = (int)lua_tointeger(L, 1);
    char **argv = (char **)lua_touserdata(L, 2);
    int i;
    luaL_openlibs(L);
    guard_c_searchers(L);
    install_preload(L);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "naskh.engine.cli");
    lua_call(L, 1, 1);
    lua_getfield(L, -1, "main");
    lua_createtable(L, argc, 1);
    for (i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i);
    }
    lua_createtable(L, 0, 2);
    push_home(L);
    lua_setfield(L, -2, "home");
    lua_pushboolean(L, isatty(2));
    lua_setfield(L, -2, "tty");
    lua_call(L, 2, 2); /* exit status, and whether a stdout write error was reported */
    return 2;
}

/*
** glibc gives the top of the heap back to the system as soon as 128 KB of it
** are free, and serves blocks from 128 KB up (the dynamic threshold rises to
** the size of a freed one) with mmap: a streaming command, which allocates
** and frees a block's buffers over and over, then pays page faults on every
** block (match -g on 30 MB: 4,964 faults with the defaults, 2,498 without the
** trimming). Up to 64 MB of free heap are kept for the next block instead.
*/
static void tune_malloc(void)
{
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20); /* glibc's maximum on 64-bit systems */
#endif
}

int main(int argc, char **argv)
{
    lua_State *L;
    int status, code = 2, flushed, err, reported = 0;
    tune_malloc();
    L = lnk_newstate(); /* counts bytes: memory limits for scripts */
    if (L == NULL) {
        fprintf(stderr, "naskh: cannot create the Lua state: not enough memory\n");
        return 2;
    }
    /* A closed pipe (stdout read by `head`, a worker that died) is a write error (EPIPE)
       that naskh reports and handles, never a signal that ends it with status 141. */
    signal(SIGPIPE, SIG_IGN);
    lua_pushcfunction(L, msghandler);
    lua_pushcfunction(L, pmain);
    lua_pushinteger(L, argc);
    lua_pushlightuserdata(L, argv);
    status = lua_pcall(L, 2, 2, 1);
    if (status != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        fprintf(stderr, "naskh: %s\n", msg ? msg : "(no message)");
        code = 2;
    } else {
        code = lua_isinteger(L, -2) ? (int)lua_tointeger(L, -2) : 0;
        reported = lua_toboolean(L, -1);
    }
    errno = 0;
    flushed = fflush(stdout);
    err = errno;
    if ((flushed != 0 || ferror(stdout)) && !reported) {
        /* the system's reason when the last flush has one (a full disk, a closed pipe) */
        fprintf(stderr, "naskh: cannot write standard output: %s\n",
                err ? strerror(err) : "write error");
        code = code ? code : 2;
    }
    lnk_closestate(L);
    return code;
}
