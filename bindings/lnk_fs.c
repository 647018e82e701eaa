/*
** lnk_fs.c
** The few file-system facts the pipeline needs that stock Lua lacks:
** directory listings and file kinds. (Reading and writing use Lua's io.)
*/
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static const luaL_Reg funcs[] = {{"listdir", l_listdir}, {"filetype", l_filetype}, {NULL, NULL}};

void lnk_open_fs(lua_State *L)
{
    luaL_setfuncs(L, funcs, 0);
}
