/*
** lnk_sandbox.h
** Resource limits for users' Lua stages: a Lua state whose allocator keeps a
** byte count with an optional budget (so a memory limit can be enforced),
** and the module functions that run a function under a memory and time limit
** (lnk_sandbox.c; registered by lnk_open_sandbox, declared in lnk_aux.h).
*/
#ifndef LNK_SANDBOX_H
#define LNK_SANDBOX_H

#include <lua.h>

/* A new Lua state whose allocator counts bytes and can enforce a budget; NULL when out of memory.
 */
lua_State *lnk_newstate(void);
/* Close a state made by lnk_newstate (lua_close, then free the allocator's record). */
void lnk_closestate(lua_State *L);
/* Forget the temporary files registered with naskh._tmp_register without removing them (a
   forked worker: they are its parent's to remove). */
void lnk_tmp_forget_all(void);

#endif
