/*
** lnk_proc.c
** Worker processes for `naskh run --jobs N`. The parent forks N copies of
** itself (each keeps its own Lua state), sends them batches of documents as
** length-prefixed frames over pipes, and hands the results back in input
** order. One poll() loop moves the bytes, so no pipe can deadlock.
**
** naskh.workers(n, fn) -> Workers     fn(rfd, wfd) runs in each child, then it exits
** w:run(next_input, emit) -> ok | nil, message
**     next_input() -> string | nil (end); emit(result) gets results in input order
** naskh.frame_read(fd) -> string | nil (end of input)
** naskh.frame_write(fd, s | {s1, s2, ...}) -> true | raises
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lnk_aux.h"

#define WORKERS_T "naskh.Workers"
#define MAXWORKERS 256
#define INFLIGHT 2 /* batches queued per worker */

typedef struct {
    pid_t pid;
    int in_fd, out_fd; /* parent writes in_fd, reads out_fd */
    /* sending */
    char *sbuf;
    size_t slen, soff;
    /* receiving: header then body */
    unsigned char hdr[8];
    size_t hlen;
    char *rbuf;
    size_t rlen, roff;
    /* sequence numbers of the batches queued to this worker, FIFO */
    lua_Integer queue[INFLIGHT + 1];
    int qlen;
    int done; /* output closed */
} worker;

typedef struct {
    int n;
    worker w[MAXWORKERS];
} workers;

static int full_write(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static int full_read(int fd, char *p, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t k = read(fd, p + got, n - got);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (k == 0)
            return got == 0 ? 0 : -1;
        got += (size_t)k;
    }
    return 1;
}

static void put64(unsigned char *h, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        h[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get64(const unsigned char *h)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | h[i];
    return v;
}

/* naskh.frame_write(fd, s | {s1, s2, ...}): a list is sent as one frame, its strings in
   order, without joining them first (a big document's output is not copied once more) */
static int l_frame_write(lua_State *L)
{
    int fd = (int)luaL_checkinteger(L, 1);
    size_t n = 0, k, i, len;
    unsigned char h[8];
    if (lua_type(L, 2) == LUA_TTABLE) {
        k = (size_t)luaL_len(L, 2);
        for (i = 1; i <= k; i++) {
            if (lua_rawgeti(L, 2, (lua_Integer)i) != LUA_TSTRING)
                return luaL_argerror(L, 2, "a list of strings expected");
            n += lua_rawlen(L, -1);
            lua_pop(L, 1);
        }
        put64(h, n);
        if (full_write(fd, (const char *)h, 8) != 0)
            return luaL_error(L, "worker pipe: %s", strerror(errno));
        for (i = 1; i <= k; i++) {
            const char *s;
            lua_rawgeti(L, 2, (lua_Integer)i);
            s = lua_tolstring(L, -1, &len);
            if (full_write(fd, s, len) != 0)
                return luaL_error(L, "worker pipe: %s", strerror(errno));
            lua_pop(L, 1);
        }
    } else {
        const char *s = luaL_checklstring(L, 2, &n);
        put64(h, n);
        if (full_write(fd, (const char *)h, 8) != 0 || full_write(fd, s, n) != 0)
            return luaL_error(L, "worker pipe: %s", strerror(errno));
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* naskh.frame_read(fd) -> string | nil */
static int l_frame_read(lua_State *L)
{
    int fd = (int)luaL_checkinteger(L, 1);
    unsigned char h[8];
    int r = full_read(fd, (char *)h, 8);
    uint64_t n;
    luaL_Buffer b;
    if (r == 0) {
        lua_pushnil(L);
        return 1;
    }
    if (r < 0)
        return luaL_error(L, "worker pipe: truncated frame");
    n = get64(h);
    if (n > ((uint64_t)1 << 40))
        return luaL_error(L, "worker pipe: bad frame length");
    char *p = luaL_buffinitsize(L, &b, (size_t)n);
    if (full_read(fd, p, (size_t)n) != 1 && n > 0)
        return luaL_error(L, "worker pipe: truncated frame");
    luaL_pushresultsize(&b, (size_t)n);
    return 1;
}

static workers *checkworkers(lua_State *L)
{
    return luaL_checkudata(L, 1, WORKERS_T);
}

static void close_worker_fds(worker *w)
{
    if (w->in_fd >= 0)
        close(w->in_fd);
    if (w->out_fd >= 0)
        close(w->out_fd);
    w->in_fd = w->out_fd = -1;
    free(w->sbuf);
    free(w->rbuf);
    w->sbuf = w->rbuf = NULL;
}

static int workers_gc(lua_State *L)
{
    workers *ws = checkworkers(L);
    for (int i = 0; i < ws->n; i++) {
        worker *w = &ws->w[i];
        close_worker_fds(w);
        if (w->pid > 0) {
            kill(w->pid, SIGTERM);
            waitpid(w->pid, NULL, 0);
            w->pid = 0;
        }
    }
    ws->n = 0;
    return 0;
}

/* naskh.workers(n, fn) */
static int l_workers(lua_State *L)
{
    lua_Integer n = luaL_checkinteger(L, 1);
    workers *ws;
    luaL_argcheck(L, n >= 1 && n <= MAXWORKERS, 1, "worker count out of range (1..256)");
    luaL_checktype(L, 2, LUA_TFUNCTION);
    ws = lua_newuserdatauv(L, sizeof *ws, 0);
    ws->n = 0;
    luaL_setmetatable(L, WORKERS_T);
    fflush(NULL);
    for (int i = 0; i < n; i++) {
        int to_child[2], from_child[2];
        pid_t pid;
        if (pipe(to_child) != 0)
            return luaL_error(L, "cannot create a pipe: %s", strerror(errno));
        if (pipe(from_child) != 0) {
            close(to_child[0]);
            close(to_child[1]);
            return luaL_error(L, "cannot create a pipe: %s", strerror(errno));
        }
        pid = fork();
        if (pid < 0) {
            close(to_child[0]);
            close(to_child[1]);
            close(from_child[0]);
            close(from_child[1]);
            return luaL_error(L, "cannot start a worker: %s", strerror(errno));
        }
        if (pid == 0) {
            int status;
            /* the child: drop the other workers' pipes and our parent-side ends */
            for (int j = 0; j < ws->n; j++) {
                close(ws->w[j].in_fd);
                close(ws->w[j].out_fd);
            }
            close(to_child[1]);
            close(from_child[0]);
            lua_pushvalue(L, 2);
            lua_pushinteger(L, to_child[0]);
            lua_pushinteger(L, from_child[1]);
            status = lua_pcall(L, 2, 0, 0) == LUA_OK ? 0 : 3;
            if (status != 0) {
                const char *msg = lua_tostring(L, -1);
                const char *pre = "naskh: worker: ";
                full_write(2, pre, strlen(pre));
                if (msg)
                    full_write(2, msg, strlen(msg));
                full_write(2, "\n", 1);
            }
            fflush(NULL);
            _exit(status);
        }
        close(to_child[0]);
        close(from_child[1]);
        memset(&ws->w[i], 0, sizeof ws->w[i]);
        ws->w[i].pid = pid;
        ws->w[i].in_fd = to_child[1];
        ws->w[i].out_fd = from_child[0];
        fcntl(to_child[1], F_SETFL, fcntl(to_child[1], F_GETFL) | O_NONBLOCK);
        fcntl(from_child[0], F_SETFL, fcntl(from_child[0], F_GETFL) | O_NONBLOCK);
        ws->n = i + 1;
    }
    return 1;
}

/* Pending results, keyed by sequence number, live in a Lua table at index tidx. */
static int run_fail(lua_State *L, workers *ws, const char *msg)
{
    for (int i = 0; i < ws->n; i++)
        close_worker_fds(&ws->w[i]);
    return lnk_pushfail(L, msg, (size_t)-1);
}

/* w:run(next_input, emit) */
static int l_run(lua_State *L)
{
    workers *ws = checkworkers(L);
    lua_Integer next_seq = 0, emit_seq = 0;
    int eof = 0, alive;
    struct pollfd pfd[2 * MAXWORKERS];
    luaL_checktype(L, 2, LUA_TFUNCTION);
    luaL_checktype(L, 3, LUA_TFUNCTION);
    lua_settop(L, 3);
    lua_newtable(L); /* 4: seq -> result */
    for (;;) {
        int np = 0, busy = 0;
        /* Feed idle workers (fewest queued first: round robin by index). */
        for (int i = 0; i < ws->n && !eof; i++) {
            worker *w = &ws->w[i];
            if (w->in_fd < 0 || w->qlen >= INFLIGHT || w->sbuf != NULL)
                continue;
            lua_pushvalue(L, 2);
            lua_call(L, 0, 1);
            if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                eof = 1;
                break;
            }
            {
                size_t n;
                const char *s = luaL_checklstring(L, -1, &n);
                w->sbuf = malloc(n + 8);
                if (w->sbuf == NULL)
                    return run_fail(L, ws, "out of memory");
                put64((unsigned char *)w->sbuf, n);
                memcpy(w->sbuf + 8, s, n);
                w->slen = n + 8;
                w->soff = 0;
                w->queue[w->qlen++] = next_seq++;
            }
            lua_pop(L, 1);
        }
        if (eof) {
            for (int i = 0; i < ws->n; i++) {
                worker *w = &ws->w[i];
                if (w->in_fd >= 0 && w->sbuf == NULL) {
                    close(w->in_fd);
                    w->in_fd = -1;
                }
            }
        }
        /* Emit results that are ready, in order. */
        for (;;) {
            lua_rawgeti(L, 4, emit_seq);
            if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                break;
            }
            lua_pushvalue(L, 3);
            lua_insert(L, -2);
            lua_call(L, 1, 0);
            lua_pushnil(L);
            lua_rawseti(L, 4, emit_seq);
            emit_seq++;
        }
        alive = 0;
        for (int i = 0; i < ws->n; i++) {
            worker *w = &ws->w[i];
            if (w->qlen > 0 || w->sbuf != NULL)
                busy = 1;
            if (w->out_fd >= 0)
                alive = 1;
            if (w->sbuf != NULL && w->in_fd >= 0) {
                pfd[np].fd = w->in_fd;
                pfd[np].events = POLLOUT;
                np++;
            }
            if (w->out_fd >= 0) {
                pfd[np].fd = w->out_fd;
                pfd[np].events = POLLIN;
                np++;
            }
        }
        if (eof && !busy)
            break;
        if (!alive)
            return run_fail(L, ws, "all workers stopped before finishing their work");
        if (poll(pfd, (nfds_t)np, -1) < 0) {
            if (errno == EINTR)
                continue;
            return run_fail(L, ws, strerror(errno));
        }
        for (int i = 0; i < ws->n; i++) {
            worker *w = &ws->w[i];
            /* write */
            if (w->sbuf != NULL && w->in_fd >= 0) {
                ssize_t k = write(w->in_fd, w->sbuf + w->soff, w->slen - w->soff);
                if (k > 0) {
                    w->soff += (size_t)k;
                    if (w->soff == w->slen) {
                        free(w->sbuf);
                        w->sbuf = NULL;
                    }
                } else if (k < 0 && errno != EAGAIN && errno != EINTR) {
                    return run_fail(L, ws, "a worker stopped reading its input");
                }
            }
            /* read */
            while (w->out_fd >= 0) {
                ssize_t k;
                if (w->hlen < 8) {
                    k = read(w->out_fd, w->hdr + w->hlen, 8 - w->hlen);
                    if (k > 0) {
                        w->hlen += (size_t)k;
                        if (w->hlen == 8) {
                            w->rlen = (size_t)get64(w->hdr);
                            w->roff = 0;
                            w->rbuf = malloc(w->rlen ? w->rlen : 1);
                            if (w->rbuf == NULL)
                                return run_fail(L, ws, "out of memory");
                        }
                    }
                } else {
                    k = w->rlen > w->roff ? read(w->out_fd, w->rbuf + w->roff, w->rlen - w->roff)
                                          : 0;
                    if (k > 0)
                        w->roff += (size_t)k;
                    if (w->rlen == w->roff) {
                        if (w->qlen == 0)
                            return run_fail(L, ws, "a worker sent an unexpected result");
                        lua_pushlstring(L, w->rbuf, w->rlen);
                        lua_rawseti(L, 4, w->queue[0]);
                        memmove(w->queue, w->queue + 1, (size_t)(--w->qlen) * sizeof w->queue[0]);
                        free(w->rbuf);
                        w->rbuf = NULL;
                        w->hlen = 0;
                        continue;
                    }
                }
                if (k == 0) {
                    if (w->hlen != 0 || w->qlen > 0)
                        return run_fail(L, ws, "a worker stopped before finishing its work");
                    close(w->out_fd);
                    w->out_fd = -1;
                    break;
                }
                if (k < 0) {
                    if (errno != EAGAIN && errno != EINTR)
                        return run_fail(L, ws, strerror(errno));
                    break;
                }
            }
        }
    }
    /* all done: close and reap */
    for (int i = 0; i < ws->n; i++) {
        int status = 0;
        worker *w = &ws->w[i];
        close_worker_fds(w);
        if (w->pid > 0) {
            waitpid(w->pid, &status, 0);
            w->pid = 0;
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
                return lnk_pushfail(L, "a worker process failed", (size_t)-1);
        }
    }
    lua_pushboolean(L, 1);
    return 1;
}

static const luaL_Reg methods[] = {{"run", l_run}, {"close", workers_gc}, {NULL, NULL}};

/* naskh.ncpu() -> number of online processors (at least 1) */
static int l_ncpu(lua_State *L)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    lua_pushinteger(L, n > 0 ? n : 1);
    return 1;
}

static const luaL_Reg funcs[] = {{"workers", l_workers},
                                 {"ncpu", l_ncpu},
                                 {"frame_read", l_frame_read},
                                 {"frame_write", l_frame_write},
                                 {NULL, NULL}};

void lnk_open_proc(lua_State *L)
{
    if (luaL_newmetatable(L, WORKERS_T)) {
        lua_pushcfunction(L, workers_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, workers_gc);
        lua_setfield(L, -2, "__close");
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    luaL_setfuncs(L, funcs, 0);
}
