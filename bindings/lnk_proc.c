/*
** lnk_proc.c
** Worker processes for `naskh run --jobs N`. The parent forks N copies of
** itself (each keeps its own Lua state), sends them batches of documents as
** length-prefixed frames over pipes, and hands the results back in input
** order. One poll() loop moves the bytes, so no pipe can deadlock.
**
** naskh.workers(n, fn) -> Workers     fn(rfd, wfd) runs in each child, then it exits
** w:run(next_input, emit [, on_death]) -> ok | nil, message
**     next_input() -> string | nil (end); emit(result) gets results in input order
**     A worker that dies (killed, crashed, out of memory: its pipe ends before it answered)
**     is replaced by a fresh one, which gets the batches the dead one held, once: a batch
**     that a second worker dies on ends the run (nil, message). on_death(pid, how, retry,
**     batch...) is told each time (how: "killed by signal 9", "exited with status 3"),
**     so the caller can name the documents. SIGPIPE must be ignored (the host does).
** naskh.frame_read(fd) -> string | nil (end of input)
** naskh.frame_write(fd, s | {s1, s2, ...}) -> true | raises
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lnk_aux.h"
#include "lnk_sandbox.h"

#define WORKERS_T "naskh.Workers"
#define MAXWORKERS 256
#define INFLIGHT 2 /* batches queued per worker */

/* A batch queued to a worker, kept until its result is in (to give it to another worker). */
typedef struct {
    lua_Integer seq;
    char *buf; /* 8-byte length, then the batch */
    size_t len;
    int tries; /* workers that died holding it */
} slot;

typedef struct {
    pid_t pid;
    int in_fd, out_fd; /* parent writes in_fd, reads out_fd */
    /* the batches queued to this worker, FIFO; slots [0, nsent) are sent, slot nsent is
       being sent from soff */
    slot q[INFLIGHT];
    int qlen, nsent;
    size_t soff;
    /* receiving: header then body */
    unsigned char hdr[8];
    size_t hlen;
    char *rbuf;
    size_t rlen, roff;
} worker;

typedef struct {
    int n;
    int deaths; /* workers replaced in this run */
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
    for (int k = 0; k < w->qlen; k++)
        free(w->q[k].buf);
    w->qlen = w->nsent = 0;
    free(w->rbuf);
    w->rbuf = NULL;
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

/*
** Start worker i of ws (a fresh slot): fn is at stack index fnidx. Returns NULL or the
** reason it could not start (errno's words).
*/
static const char *spawn(lua_State *L, workers *ws, int i, int fnidx)
{
    int to_child[2], from_child[2];
    pid_t pid;
    if (pipe(to_child) != 0)
        return strerror(errno);
    if (pipe(from_child) != 0) {
        const char *why = strerror(errno);
        close(to_child[0]);
        close(to_child[1]);
        return why;
    }
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        const char *why = strerror(errno);
        close(to_child[0]);
        close(to_child[1]);
        close(from_child[0]);
        close(from_child[1]);
        return why;
    }
    if (pid == 0) {
        int status;
        /* the child: its parent's temporary outputs are not its own to remove on a signal */
        lnk_tmp_forget_all();
        /* drop the other workers' pipes and our parent-side ends */
        for (int j = 0; j < ws->n; j++) {
            if (j == i)
                continue;
            if (ws->w[j].in_fd >= 0)
                close(ws->w[j].in_fd);
            if (ws->w[j].out_fd >= 0)
                close(ws->w[j].out_fd);
        }
        close(to_child[1]);
        close(from_child[0]);
        lua_pushvalue(L, fnidx);
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
    return NULL;
}

/* naskh.workers(n, fn) */
static int l_workers(lua_State *L)
{
    lua_Integer n = luaL_checkinteger(L, 1);
    workers *ws;
    luaL_argcheck(L, n >= 1 && n <= MAXWORKERS, 1, "worker count out of range (1..256)");
    luaL_checktype(L, 2, LUA_TFUNCTION);
    ws = lua_newuserdatauv(L, sizeof *ws, 1);
    ws->n = 0;
    luaL_setmetatable(L, WORKERS_T);
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, -2, 1); /* fn, to start a fresh worker later */
    for (int i = 0; i < n; i++) {
        const char *why = spawn(L, ws, i, 2);
        if (why != NULL)
            return luaL_error(L, "cannot start a worker: %s", why);
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

/* How a reaped worker ended, in words. */
static void describe_status(int status, char *buf, size_t n)
{
    if (WIFSIGNALED(status))
        snprintf(buf, n, "killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(buf, n, "exited with status %d", WEXITSTATUS(status));
    else
        snprintf(buf, n, "stopped");
}

/*
** Worker i died (its pipe ended before it answered, or it stopped reading): reap it, tell
** on_death (stack index 5, may be nil), and start a fresh worker with the batches it held,
** unless one of them already had a worker die on it. Returns NULL or why the run must end.
*/
static const char *replace_worker(lua_State *L, workers *ws, int i, char *msg, size_t msgn)
{
    worker *w = &ws->w[i];
    worker old = *w;
    int status = 0, retry = 1;
    char how[160];
    if (w->in_fd >= 0)
        close(w->in_fd);
    if (w->out_fd >= 0)
        close(w->out_fd);
    free(w->rbuf);
    if (w->pid > 0 && waitpid(w->pid, &status, 0) == w->pid)
        describe_status(status, how, sizeof how);
    else
        snprintf(how, sizeof how, "gone");
    for (int k = 0; k < old.qlen; k++)
        if (old.q[k].tries >= 1)
            retry = 0;
    if (++ws->deaths > 2 * ws->n + 16) /* workers that die at once, holding nothing */
        retry = 0;
    if (!lua_isnoneornil(L, 5)) {
        lua_pushvalue(L, 5);
        lua_pushinteger(L, (lua_Integer)old.pid);
        lua_pushstring(L, how);
        lua_pushboolean(L, retry);
        for (int k = 0; k < old.qlen; k++)
            lua_pushlstring(L, old.q[k].buf + 8, old.q[k].len - 8);
        lua_call(L, 3 + old.qlen, 0);
    }
    memset(w, 0, sizeof *w);
    w->in_fd = w->out_fd = -1;
    if (!retry) {
        for (int k = 0; k < old.qlen; k++)
            free(old.q[k].buf);
        snprintf(msg, msgn, "a worker (pid %d) %s%s", (int)old.pid, how,
                 old.qlen ? " on documents another worker had died on" : "; too many workers died");
        return msg;
    }
    lua_getiuservalue(L, 1, 1);
    {
        const char *why = spawn(L, ws, i, lua_gettop(L));
        lua_pop(L, 1);
        if (why != NULL) {
            for (int k = 0; k < old.qlen; k++)
                free(old.q[k].buf);
            snprintf(msg, msgn, "cannot start a worker to replace one that %s: %s", how, why);
            return msg;
        }
    }
    for (int k = 0; k < old.qlen; k++) {
        w->q[k] = old.q[k];
        w->q[k].tries++;
    }
    w->qlen = old.qlen;
    w->nsent = 0;
    w->soff = 0;
    return NULL;
}

/* w:run(next_input, emit [, on_death]) */
static int l_run(lua_State *L)
{
    workers *ws = checkworkers(L);
    lua_Integer next_seq = 0, emit_seq = 0;
    int eof = 0, alive;
    struct pollfd pfd[2 * MAXWORKERS];
    char msg[300];
    luaL_checktype(L, 2, LUA_TFUNCTION);
    luaL_checktype(L, 3, LUA_TFUNCTION);
    lua_settop(L, 4);
    lua_newtable(L);  /* 5: seq -> result */
    lua_insert(L, 4); /* now 4: results, 5: on_death */
    ws->deaths = 0;
    for (;;) {
        int np = 0, busy = 0;
        /* Feed idle workers (fewest queued first: round robin by index). */
        for (int i = 0; i < ws->n && !eof; i++) {
            worker *w = &ws->w[i];
            if (w->in_fd < 0 || w->qlen >= INFLIGHT || w->nsent < w->qlen)
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
                slot *q = &w->q[w->qlen];
                q->buf = malloc(n + 8);
                if (q->buf == NULL)
                    return run_fail(L, ws, "out of memory");
                put64((unsigned char *)q->buf, n);
                memcpy(q->buf + 8, s, n);
                q->len = n + 8;
                q->seq = next_seq++;
                q->tries = 0;
                w->qlen++;
                w->soff = 0;
            }
            lua_pop(L, 1);
        }
        if (eof) {
            for (int i = 0; i < ws->n; i++) {
                worker *w = &ws->w[i];
                if (w->in_fd >= 0 && w->nsent == w->qlen) {
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
            if (w->qlen > 0)
                busy = 1;
            if (w->out_fd >= 0)
                alive = 1;
            if (w->nsent < w->qlen && w->in_fd >= 0) {
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
            int dead = 0;
            /* write */
            if (w->nsent < w->qlen && w->in_fd >= 0) {
                slot *q = &w->q[w->nsent];
                ssize_t k = write(w->in_fd, q->buf + w->soff, q->len - w->soff);
                if (k > 0) {
                    w->soff += (size_t)k;
                    if (w->soff == q->len) {
                        w->nsent++;
                        w->soff = 0;
                    }
                } else if (k < 0 && errno != EAGAIN && errno != EINTR) {
                    dead = 1; /* EPIPE: it stopped reading (SIGPIPE is ignored) */
                }
            }
            /* read */
            while (!dead && w->out_fd >= 0) {
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
                        if (w->nsent == 0)
                            return run_fail(L, ws, "a worker sent an unexpected result");
                        lua_pushlstring(L, w->rbuf, w->rlen);
                        lua_rawseti(L, 4, w->q[0].seq);
                        free(w->q[0].buf);
                        memmove(w->q, w->q + 1, (size_t)(--w->qlen) * sizeof w->q[0]);
                        w->nsent--;
                        free(w->rbuf);
                        w->rbuf = NULL;
                        w->hlen = 0;
                        continue;
                    }
                }
                if (k == 0) {
                    /* the end of its output: normal only once it has no input left */
                    if (w->hlen != 0 || w->qlen > 0 || w->in_fd >= 0) {
                        dead = 1;
                        break;
                    }
                    close(w->out_fd);
                    w->out_fd = -1;
                    break;
                }
                if (k < 0) {
                    if (errno != EAGAIN && errno != EINTR) {
                        dead = 1;
                        break;
                    }
                    break;
                }
            }
            if (dead) {
                const char *why = replace_worker(L, ws, i, msg, sizeof msg);
                if (why != NULL)
                    return run_fail(L, ws, why);
            }
        }
    }
    /* all done: close and reap */
    for (int i = 0; i < ws->n; i++) {
        int status = 0;
        worker *w = &ws->w[i];
        close_worker_fds(w);
        if (w->pid > 0) {
            pid_t pid = w->pid;
            waitpid(pid, &status, 0);
            w->pid = 0;
            if (WIFSIGNALED(status)) { /* all its results are in: nothing is lost */
                char how[160];
                describe_status(status, how, sizeof how);
                fprintf(stderr, "naskh: warning: a worker (pid %d) %s after its work was done\n",
                        (int)pid, how);
            } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                char how[160];
                describe_status(status, how, sizeof how);
                lua_pushfstring(L, "a worker process %s after its work", how);
                return lnk_pushfail(L, lua_tostring(L, -1), (size_t)-1);
            }
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
