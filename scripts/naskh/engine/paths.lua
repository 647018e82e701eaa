-- naskh.engine.paths: where a recipe may read and write, and which files are the same.
--
-- Paths written in a recipe (outputs, input.paths, gazetteers, word lists, a
-- script's file, any option that names a file) are confined, after `..` and
-- symbolic links are resolved, to the recipe's directory and the working
-- directory; the bundled configs/ stay readable. `--allow-path DIR` adds a
-- directory, `--trust` lifts the rule. Paths given on the command line (inputs,
-- -o, --set values) are the user's own choice and are not confined.
local naskh = require "naskh"

local M = {}

-- Outputs that modify no file.
M.DEVICES = { ["/dev/null"] = true, ["/dev/stdout"] = true, ["/dev/stderr"] = true }

M.HINT = "run with --allow-path DIR to allow a directory, or --trust to lift the rule"

-- Lexical clean-up of an absolute path: no ".", "..", or repeated slashes.
local function clean(p)
  local parts = {}
  for seg in p:gmatch("[^/]+") do
    if seg == ".." then
      if #parts > 0 then parts[#parts] = nil end
    elseif seg ~= "." then
      parts[#parts + 1] = seg
    end
  end
  return "/" .. table.concat(parts, "/")
end
M.clean = clean

local function cwd()
  return naskh._realpath(".") or os.getenv("PWD") or "/"
end

-- The real path of p: symbolic links and ".." resolved; for a path that does
-- not exist yet (an output), its deepest existing ancestor is resolved and the
-- rest appended.
function M.real(p)
  local r = naskh._realpath(p)
  if r then return r end
  if p:sub(1, 1) ~= "/" then p = cwd() .. "/" .. p end
  local rest = {}
  local head = p
  while true do
    local parent, leaf = head:match("^(.*)/([^/]*)$")
    if not parent then break end
    table.insert(rest, 1, leaf)
    if parent == "" then parent = "/" end
    local rp = naskh._realpath(parent)
    if rp then return clean(rp .. "/" .. table.concat(rest, "/")) end
    if parent == "/" then break end
    head = parent
  end
  return clean(p)
end

local function inside(real, dir)
  return dir == "/" or real == dir or real:sub(1, #dir + 1) == dir .. "/"
end

--[[
A confinement: opts = {recipe_dir=, home=, allow = {DIR...}, trust=bool}.
c:check(path, "read" | "write" [, as_written]) -> nil when allowed, else a message naming the
allowed places and how to allow more.
]]
function M.confine(opts)
  local c = { trust = opts.trust, roots = {}, read_roots = {} }
  local function root(list, d, what)
    local r = d and naskh._realpath(d)
    if r then list[#list + 1] = { dir = r, what = what } end
  end
  root(c.roots, opts.recipe_dir or ".", "the recipe's directory")
  root(c.roots, ".", "the working directory")
  for _, d in ipairs(opts.allow or {}) do root(c.roots, d, "--allow-path") end
  if opts.home then root(c.read_roots, opts.home .. "/configs", "the bundled configs") end
  function c.check(_, path, mode, written)
    if c.trust or path == "-" then return nil end
    if mode == "write" and M.DEVICES[path] then return nil end
    local real = M.real(path)
    for _, r in ipairs(c.roots) do if inside(real, r.dir) then return nil end end
    if mode ~= "write" then
      for _, r in ipairs(c.read_roots) do if inside(real, r.dir) then return nil end end
    end
    written = written or path
    local shown = real == written and "" or string.format(" (%s)", real)
    return string.format("'%s'%s is outside the recipe's directory and the working directory; " ..
      "a recipe may %s only there%s (%s)", written, shown, mode == "write" and "write" or "read",
      mode == "write" and "" or " and in the bundled configs/", M.HINT)
  end
  return c
end

-- The identity of an existing file (device and inode, through symbolic links), or nil.
function M.id(path)
  if not naskh._fileid then return nil end
  return (naskh._fileid(path))
end

-- Why the file at path cannot be read, in the system's words ("No such file
-- or directory", "Permission denied", "Is a directory"); nil when it can.
-- Pipes are accepted without opening them (a FIFO would block); devices are refused
-- (/dev/zero would never end).
function M.unreadable(path)
  local kind, err = naskh.filetype(path)
  if not kind then return (tostring(err):sub(#path + 3)) end
  if kind == "directory" then return "Is a directory" end
  if err == "character device" or err == "block device" then
    return "a " .. err .. ", not a regular file"
  end
  if kind ~= "file" then return nil end
  local fh, oerr = io.open(path, "rb")
  if not fh then return (tostring(oerr):sub(#path + 3)) end
  fh:close()
  return nil
end

-- The identity of the regular file standard input is read from (`< a.txt`), or nil
-- (a terminal, a pipe, nothing).
function M.stdin_id()
  if not naskh._fileid or naskh.filetype("/dev/stdin") ~= "file" then return nil end
  return (naskh._fileid("/dev/stdin"))
end

return M
