/*
** lnk_sandbox.c
** Resource limits for users' Lua stages (the Lua side of the sandbox is
** scripts/naskh/engine/sandbox.lua).
**
** Memory: the naskh host creates its Lua state with lnk_newstate(), whose
** allocator counts the bytes the state holds (the C core allocates through
** the same allocator, see lnk_alloc). While a limited call runs, growth past
** `used at the start + budget` is refused, so Lua raises "not enough memory"
** and the call is reported as over its memory limit. Shrinking and freeing
** never fail, as Lua requires. Under a stock lua5.4 (another allocator) the
** memory limit is not available and only the time limit applies.
**
** Time: a count hook looks at a monotonic clock every HOOK_COUNT VM
** instructions; once the deadline has passed it switches to a line hook, and
** the next line (or the next HOOK_COUNT_TRIPPED instructions, for code
** without line information) raises the error. Once tripped, every later hook
** raises again, so a script that catches the error with pcall still stops.
** Code stuck inside one C call (a pathological string pattern) never reaches
** a hook: a SIGALRM watchdog set at twice the limit plus 2 seconds then
** prints the message it was given and ends the process with status 2 (outputs
** are temporary files until the end of a run, so none is left half-written).
**
** naskh._limited(memory_bytes|nil, seconds|nil, watchdog_msg|nil, fn, ...)
**     -> "ok" | "error" | "memory" | "time", first result or error, where|nil, peak_bytes,
**        growth_bytes (held at the end minus at the start; may be negative), elapsed_seconds
** (scripts/naskh/engine/sandbox.lua adds growth and time over the calls for one
** document, so the limits apply per document, not per call)
** naskh._limits_arm(thread)   give a coroutine the hook (for coroutines made before the call)
** naskh._memory() -> used_bytes, budget_available (boolean)
** naskh._realpath(path) -> canonical absolute path | nil, message
**
** Capabilities: scripts/naskh/engine/sandbox.lua keeps the one allow list of what
** sandboxed code may call; userdata methods outside it are wrapped in a guard
** that asks naskh._sandboxed() whether sandboxed code is running.
** naskh._sandbox_mark(source | thread)  code loaded with this chunk name, or
**     this coroutine, is sandboxed code
** naskh._sandboxed() -> boolean  a function loaded by the sandbox is on the
**     current call stack, or the running coroutine was made by sandboxed code
** naskh._metatables() -> {name = metatable}  the registry's naskh.* types
** naskh._guard(fn, name) -> fn wrapped in that check (refused with "NAME is not
**     available in a sandboxed script ...")
** Temporary files: an output is written to PATH.tmp-... and renamed at the end
** (scripts/naskh/io/sink.lua). naskh._tmp_register(path) / naskh._tmp_forget(path)
** keep a list of them that SIGINT, SIGTERM, SIGHUP and the watchdog remove before
** the process ends (the signal is then raised again, so the exit status still says
** which one). A signal ignored when the first file is registered (nohup) stays ignored.
*/
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lnk_aux.h"
#include "lnk_sandbox.h"

#define HOOK_COUNT 1000
#define HOOK_COUNT_TRIPPED 100

enum { LIM_MEMORY = 1, LIM_TIME = 2 };

typedef struct {
    /* allocator accounting (only kept when this record is the allocator's ud) */
    size_t used, peak;
    size_t limit; /* 0: no budget; otherwise used may not grow past it */
    int budget;   /* 1 when the allocator is budget_alloc with this record */
    /* the limited call in progress */
    int active;
    int tripped; /* LIM_* */
    int timed;
    struct timespec deadline;
    char where[200];
} limits;

/* Registry key of the record when the state has another allocator. */
static const char LIMITS_KEY = 'L';

static void *budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    limits *b = ud;
    void *np;
    if (ptr == NULL)
        osize = 0; /* then osize only tells the kind of object */
    if (nsize == 0) {
        free(ptr);
        b->used -= osize <= b->used ? osize : b->used;
        return NULL;
    }
    if (nsize > osize && b->limit != 0) {
        if (b->used > b->limit || nsize - osize > b->limit - b->used) {
            b->tripped |= LIM_MEMORY;
            return NULL;
        }
    }
    np = realloc(ptr, nsize);
    if (np == NULL)
        return nsize <= osize ? ptr : NULL; /* a shrink must not fail: keep the block */
    if (nsize >= osize)
        b->used += nsize - osize;
    else
        b->used -= (osize - nsize) <= b->used ? osize - nsize : b->used;
    if (b->used > b->peak)
        b->peak = b->used;
    return np;
}

static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "naskh: unprotected error in call to Lua API (%s)\n", msg ? msg : "?");
    return 0;
}

lua_State *lnk_newstate(void)
{
    limits *b = calloc(1, sizeof *b);
    lua_State *L;
    if (b == NULL)
        return NULL;
    b->budget = 1;
    L = lua_newstate(budget_alloc, b);
    if (L == NULL) {
        free(b);
        return NULL;
    }
    lua_atpanic(L, panic);
    return L;
}

void lnk_closestate(lua_State *L)
{
    void *ud = NULL;
    lua_Alloc f;
    if (L == NULL)
        return;
    f = lua_getallocf(L, &ud);
    lua_close(L);
    if (f == budget_alloc)
        free(ud);
}

static limits *get_limits(lua_State *L)
{
    void *ud = NULL;
    limits *r;
    if (lua_getallocf(L, &ud) == budget_alloc)
        return ud;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &LIMITS_KEY);
    r = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return r;
}

static int expired(const limits *st)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > st->deadline.tv_sec ||
           (now.tv_sec == st->deadline.tv_sec && now.tv_nsec >= st->deadline.tv_nsec);
}

static void limit_hook(lua_State *L, lua_Debug *ar)
{
    limits *st = get_limits(L);
    if (st == NULL || !st->active)
        return;
    if (st->tripped == 0) {
        if (!st->timed || !expired(st))
            return;
        st->tripped |= LIM_TIME;
        /* Stop at the next line, so the error has a clear position. */
        lua_sethook(L, limit_hook, LUA_MASKLINE | LUA_MASKCOUNT, HOOK_COUNT_TRIPPED);
        return;
    }
    if (st->where[0] == '\0' && lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
        snprintf(st->where, sizeof st->where, "%s:%d", ar->short_src, ar->currentline);
    lua_pushstring(L, (st->tripped & LIM_TIME) ? "time limit exceeded" : "memory limit exceeded");
    lua_error(L);
}

/* The temporary files to remove if the process is stopped. */
#define MAXTMP 64
static char tmp_paths[MAXTMP][PATH_MAX];
static volatile sig_atomic_t tmp_used[MAXTMP];
static int tmp_handlers;

static void tmp_remove_all(void)
{
    for (int i = 0; i < MAXTMP; i++)
        if (tmp_used[i]) {
            tmp_used[i] = 0;
            (void)unlink(tmp_paths[i]);
        }
}

void lnk_tmp_forget_all(void)
{
    for (int i = 0; i < MAXTMP; i++)
        tmp_used[i] = 0;
}

static void tmp_signal(int sig)
{
    tmp_remove_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int l_tmp_register(lua_State *L)
{
    size_t n;
    const char *path = luaL_checklstring(L, 1, &n);
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    if (!tmp_handlers) {
        tmp_handlers = 1;
        for (size_t k = 0; k < sizeof sigs / sizeof sigs[0]; k++) {
            struct sigaction old, sa;
            if (sigaction(sigs[k], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
                continue;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = tmp_signal;
            sigemptyset(&sa.sa_mask);
            sigaction(sigs[k], &sa, NULL);
        }
    }
    if (n >= PATH_MAX)
        return 0;
    for (int i = 0; i < MAXTMP; i++)
        if (!tmp_used[i]) {
            memcpy(tmp_paths[i], path, n + 1);
            tmp_used[i] = 1;
            lua_pushboolean(L, 1);
            return 1;
        }
    return 0; /* more than MAXTMP outputs: the others are not removed on a signal */
}

static int l_tmp_forget(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    for (int i = 0; i < MAXTMP; i++)
        if (tmp_used[i] && strcmp(tmp_paths[i], path) == 0)
            tmp_used[i] = 0;
    return 0;
}

/* The hard watchdog for code stuck in one C call. */
static volatile sig_atomic_t wd_armed;
static char wd_msg[600];
static size_t wd_len;

static void wd_handler(int sig)
{
    (void)sig;
    if (wd_armed) {
        (void)!write(2, wd_msg, wd_len);
        tmp_remove_all();
        _exit(2);
    }
}

static void wd_arm(lua_Number seconds, const char *msg, struct sigaction *old)
{
    struct sigaction sa;
    lua_Number hard = 2 * seconds + 2.5; /* alarm() counts whole seconds */
    snprintf(wd_msg, sizeof wd_msg, "naskh: %s\n",
             msg ? msg : "a script exceeded its time limit inside a C function; stopping");
    wd_len = strlen(wd_msg);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = wd_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, old);
    wd_armed = 1;
    alarm(hard > 86400 ? 86400u : (unsigned)hard);
}

static void wd_disarm(const struct sigaction *old)
{
    alarm(0);
    wd_armed = 0;
    sigaction(SIGALRM, old, NULL);
}

static int l_limited(lua_State *L)
{
    lua_Integer mem = luaL_optinteger(L, 1, 0);
    lua_Number secs = luaL_optnumber(L, 2, 0);
    const char *wdmsg = luaL_optstring(L, 3, NULL);
    limits *st = get_limits(L);
    lua_Hook oldhook = lua_gethook(L);
    int oldmask = lua_gethookmask(L), oldcount = lua_gethookcount(L);
    struct sigaction oldsa;
    struct timespec t0, t1;
    size_t start;
    int status, tripped;
    luaL_checktype(L, 4, LUA_TFUNCTION);
    luaL_argcheck(L, mem >= 0, 1, "negative memory limit");
    luaL_argcheck(L, secs >= 0, 2, "negative time limit");
    if (st == NULL)
        return luaL_error(L, "limits: not initialised");
    if (st->active)
        return luaL_error(L, "limits: a limited call is already running");
    st->active = 1;
    st->tripped = 0;
    st->where[0] = '\0';
    st->timed = secs > 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (st->timed) {
        st->deadline = t0;
        st->deadline.tv_sec += (time_t)secs;
        st->deadline.tv_nsec += (long)((secs - (lua_Number)(time_t)secs) * 1e9);
        if (st->deadline.tv_nsec >= 1000000000L) {
            st->deadline.tv_sec++;
            st->deadline.tv_nsec -= 1000000000L;
        }
        wd_arm(secs, wdmsg, &oldsa);
    }
    start = st->used;
    st->peak = st->used;
    if (mem > 0 && st->budget)
        st->limit = (size_t)mem > SIZE_MAX - st->used ? SIZE_MAX : st->used + (size_t)mem;
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, HOOK_COUNT);
    status = lua_pcall(L, lua_gettop(L) - 4, 1, 0);
    /* Lift the limits before anything else allocates or runs. */
    lua_sethook(L, oldhook, oldmask, oldcount);
    st->limit = 0;
    st->active = 0;
    if (st->timed)
        wd_disarm(&oldsa);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    tripped = st->tripped;
    st->tripped = 0;
    if (tripped & LIM_MEMORY)
        lua_pushliteral(L, "memory");
    else if (tripped & LIM_TIME)
        lua_pushliteral(L, "time");
    else if (status == LUA_OK)
        lua_pushliteral(L, "ok");
    else
        lua_pushliteral(L, "error");
    lua_insert(L, -2);
    if (st->where[0])
        lua_pushstring(L, st->where);
    else
        lua_pushnil(L);
    lua_pushinteger(L, (lua_Integer)(st->peak > start ? st->peak - start : 0));
    if (st->budget)
        lua_pushinteger(L, st->used >= start ? (lua_Integer)(st->used - start)
                                             : -(lua_Integer)(start - st->used));
    else
        lua_pushinteger(L, 0);
    lua_pushnumber(L, (lua_Number)(t1.tv_sec - t0.tv_sec) +
                          (lua_Number)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 6;
}

/* Give a coroutine the limit hook (threads made before the call do not inherit it). */
static int l_limits_arm(lua_State *L)
{
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co != NULL, 1, "thread");
    if (lua_gethook(co) == NULL)
        lua_sethook(co, limit_hook, LUA_MASKCOUNT, HOOK_COUNT);
    return 0;
}

static int l_memory(lua_State *L)
{
    limits *st = get_limits(L);
    int budget = st != NULL && st->budget;
    if (budget)
        lua_pushinteger(L, (lua_Integer)st->used);
    else
        lua_pushinteger(L, (lua_Integer)lua_gc(L, LUA_GCCOUNT, 0) * 1024);
    lua_pushboolean(L, budget);
    return 2;
}

static int l_realpath(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    char *r = realpath(path, NULL);
    if (r == NULL)
        return lnk_pushfail(L, lua_pushfstring(L, "%s: %s", path, strerror(errno)), (size_t)-1);
    lua_pushstring(L, r);
    free(r);
    return 1;
}

static const char MARKS_KEY = 'm';

/* The registry table of sandboxed chunk names (keys) and threads (weak keys). */
static void push_marks(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &MARKS_KEY) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &MARKS_KEY);
}

static int l_sandbox_mark(lua_State *L)
{
    int t = lua_type(L, 1);
    luaL_argexpected(L, t == LUA_TSTRING || t == LUA_TTHREAD, 1, "chunk name or thread");
    push_marks(L);
    lua_pushvalue(L, 1);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    return 0;
}

/* Is sandboxed code running: a marked thread, or a marked chunk on the stack? */
static int l_sandboxed(lua_State *L)
{
    lua_Debug ar;
    int level, found = 0;
    push_marks(L);
    lua_pushthread(L);
    found = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 1);
    for (level = 0; !found && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "S", &ar) || ar.source == NULL || *ar.what == 'C')
            continue;
        lua_pushstring(L, ar.source);
        found = lua_rawget(L, -2) != LUA_TNIL;
        lua_pop(L, 1);
    }
    lua_pushboolean(L, found);
    return 1;
}

/* The guard closure: upvalue 1 the method, upvalue 2 its shown name. */
static int guarded_call(lua_State *L)
{
    lua_pushcfunction(L, l_sandboxed);
    lua_call(L, 0, 1);
    if (lua_toboolean(L, -1))
        return luaL_error(
            L, "%s is not available in a sandboxed script (run with --trust to allow it)",
            lua_tostring(L, lua_upvalueindex(2)));
    lua_pop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/*
** naskh._guard(fn, name) -> a function that calls fn unless sandboxed code runs.
** It is a C function on purpose: a Lua function that tail-calls a C function
** keeps its frame on the stack, so `return g:save(p)` cannot hide its caller.
*/
static int l_guard(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    luaL_checkstring(L, 2);
    lua_settop(L, 2);
    lua_pushcclosure(L, guarded_call, 2);
    return 1;
}

static int l_metatables(lua_State *L)
{
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, LUA_REGISTRYINDEX) != 0) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TTABLE &&
            strncmp(lua_tostring(L, -2), "naskh.", 6) == 0) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, -4);
        } else {
            lua_pop(L, 1);
        }
    }
    return 1;
}

static const luaL_Reg funcs[] = {{"_limited", l_limited},
                                 {"_sandbox_mark", l_sandbox_mark},
                                 {"_sandboxed", l_sandboxed},
                                 {"_metatables", l_metatables},
                                 {"_guard", l_guard},
                                 {"_limits_arm", l_limits_arm},
                                 {"_memory", l_memory},
                                 {"_realpath", l_realpath},
                                 {"_tmp_register", l_tmp_register},
                                 {"_tmp_forget", l_tmp_forget},
                                 {NULL, NULL}};

void lnk_open_sandbox(lua_State *L)
{
    void *ud;
    if (lua_getallocf(L, &ud) != budget_alloc) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &LIMITS_KEY);
        if (lua_isnil(L, -1)) {
            limits *r = lua_newuserdatauv(L, sizeof *r, 0);
            memset(r, 0, sizeof *r);
            lua_rawsetp(L, LUA_REGISTRYINDEX, &LIMITS_KEY);
        }
        lua_pop(L, 1);
    }
    luaL_setfuncs(L, funcs, 0);
}
