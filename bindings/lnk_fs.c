/*
** lnk_fs.c
** The few file-system facts the pipeline needs that stock Lua lacks:
** directory listings, file kinds, terminals, a monotonic clock and -o for stdout.
** (Reading and writing use Lua's io.)
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lnk_aux.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* naskh.listdir(path) -> sorted array of entry names (no . and ..) | nil, message */
static int l_listdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    DIR *d = opendir(path);
    struct dirent *ent;
    int n = 0, i;
    if (d == NULL)
        return lnk_pushfail(L, lua_pushfstring(L, "%s: %s", path, strerror(errno)), (size_t)-1);
    lua_newtable(L);
    while ((ent = readdir(d)) != NULL) {
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
            continue;
        lua_pushstring(L, ent->d_name);
        lua_rawseti(L, -2, ++n);
    }
    closedir(d);
    /* sort through a C array of the (table-anchored) strings */
    {
        const char **v = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *v, 0);
        for (i = 1; i <= n; i++) {
            lua_rawgeti(L, -2, i);
            v[i - 1] = lua_tostring(L, -1);
            lua_pop(L, 1);
        }
        qsort(v, (size_t)n, sizeof *v, cmp_str);
        lua_createtable(L, n, 0);
        for (i = 0; i < n; i++) {
            lua_pushstring(L, v[i]);
            lua_rawseti(L, -2, i + 1);
        }
    }
    return 1;
}

/* naskh.filetype(path) -> "file" | "directory" | "other", what it is ("character device",
   "named pipe", ...) | nil, message */
static int l_filetype(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct stat st;
    if (stat(path, &st) != 0)
        return lnk_pushfail(L, lua_pushfstring(L, "%s: %s", path, strerror(errno)), (size_t)-1);
    lua_pushstring(L, S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "directory" : "other");
    if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return 1;
    /* a second result for "other": what it is */
    lua_pushstring(L, S_ISCHR(st.st_mode)    ? "character device"
                      : S_ISBLK(st.st_mode)  ? "block device"
                      : S_ISFIFO(st.st_mode) ? "named pipe"
                      : S_ISSOCK(st.st_mode) ? "socket"
                                             : "special file");
    return 2;
}

/*
** naskh._fileid(path) -> "DEV:INO" | nil, message
** The identity of a file through symbolic links: two paths name the same file
** when their ids are equal (outputs must not be inputs).
*/
static int l_fileid(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct stat st;
    char buf[64];
    if (stat(path, &st) != 0)
        return lnk_pushfail(L, lua_pushfstring(L, "%s: %s", path, strerror(errno)), (size_t)-1);
    snprintf(buf, sizeof buf, "%llu:%llu", (unsigned long long)st.st_dev,
             (unsigned long long)st.st_ino);
    lua_pushstring(L, buf);
    return 1;
}

/* naskh._isatty(fd) -> whether file descriptor fd (0, 1, 2) is a terminal */
static int l_isatty(lua_State *L)
{
    lua_Integer fd = luaL_checkinteger(L, 1);
    luaL_argcheck(L, fd >= 0 && fd <= 2, 1, "0, 1 or 2");
    lua_pushboolean(L, isatty((int)fd));
    return 1;
}

/* naskh._monotonic() -> seconds (a float) on a clock that only moves forward; for rates */
static int l_monotonic(lua_State *L)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return luaL_error(L, "clock_gettime: %s", strerror(errno));
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
    return 1;
}

/* naskh._stdout_to(path) -> true | nil, message: standard output (the C stream, so Lua's
** io.stdout and anything written in C alike) goes to the file at path from now on. */
static int l_stdout_to(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    int fd;
    fflush(stdout);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0)
        return lnk_pushfail(L, lua_pushfstring(L, "%s: %s", path, strerror(errno)), (size_t)-1);
    if (dup2(fd, 1) < 0) {
        int e = errno;
        close(fd);
        return lnk_pushfail(L, lua_pushfstring(L, "%s: %s", path, strerror(e)), (size_t)-1);
    }
    close(fd);
    lua_pushboolean(L, 1);
    return 1;
}

static const luaL_Reg funcs[] = {{"listdir", l_listdir},
                                 {"filetype", l_filetype},
                                 {"_fileid", l_fileid},
                                 {"_isatty", l_isatty},
                                 {"_monotonic", l_monotonic},
                                 {"_stdout_to", l_stdout_to},
                                 {NULL, NULL}};

void lnk_open_fs(lua_State *L)
{
    luaL_setfuncs(L, funcs, 0);
}
