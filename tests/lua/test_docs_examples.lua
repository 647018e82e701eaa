-- The examples in docs/lua-api.md and docs/cookbook.md are tests: every fenced
-- block is run, in order, per file:
--   ```lua            runs here (full standard library, like `naskh script`); when the
--                     block has lines "--> text", what it prints must be exactly those lines
--   ```lua file=NAME  (or yaml, tsv, text... with file=NAME) is written to NAME in a
--                     scratch directory, for the blocks after it
--   ```sh             runs with sh -e in the scratch directory, with `naskh` on PATH and
--                     configs/ linked there; each "# --> text" line must appear in its output
-- A ```lua block may read files from the scratch directory through the global DOCDIR.
-- Other languages (```yaml without file=, ```text...) are shown, not run.
local t = require "t"

local ROOT = t.root
local NASKH = os.getenv("NASKH") or (ROOT .. "/build/naskh")

-- The fenced blocks of a Markdown file: {lang=, attrs={file=}, body=, line=}.
local function blocks(path)
  local out, cur = {}, nil
  local n = 0
  for line in (t.read(path) .. "\n"):gmatch("(.-)\r?\n") do
    n = n + 1
    if cur then
      if line:match("^```%s*$") then
        out[#out + 1] = cur
        cur = nil
      else
        cur.lines[#cur.lines + 1] = line
      end
    else
      local info = line:match("^```(.*)$")
      if info then
        local lang = info:match("^(%S*)")
        local attrs = {}
        for k, v in info:gmatch("(%w+)=(%S+)") do attrs[k] = v end
        cur = { lang = lang, attrs = attrs, lines = {}, line = n }
      end
    end
  end
  assert(not cur, path .. ": unclosed code block at line " .. (cur and cur.line or 0))
  return out
end

local function shell_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function scratch_dir()
  local p = io.popen("mktemp -d")
  local dir = p:read("l")
  p:close()
  assert(dir and dir ~= "", "mktemp -d failed")
  return dir
end

local function write(path, s)
  local fh = assert(io.open(path, "wb"))
  fh:write(s)
  fh:close()
end

-- Run a Lua block; returns the printed text.
local function run_lua(src, name, dir)
  local printed = {}
  local env = setmetatable({
    print = function(...)
      local parts = table.pack(...)
      for i = 1, parts.n do parts[i] = tostring(parts[i]) end
      printed[#printed + 1] = table.concat(parts, "\t", 1, parts.n)
    end,
    DOCDIR = dir,
  }, { __index = _G })
  local chunk, err = load(src, "=" .. name, "t", env)
  if not chunk then error(err, 0) end
  chunk()
  return table.concat(printed, "\n")
end

local function check_file(path)
  local dir = scratch_dir()
  local bin = dir .. "/.bin"
  os.execute(string.format("mkdir -p %s && ln -s %s %s/naskh && ln -s %s/configs %s/configs",
    shell_quote(bin), shell_quote(NASKH), shell_quote(bin), shell_quote(ROOT), shell_quote(dir)))
  local nrun = 0
  for _, b in ipairs(blocks(ROOT .. "/" .. path)) do
    local src = table.concat(b.lines, "\n") .. "\n"
    local name = string.format("%s:%d", path, b.line)
    if b.attrs.file then
      local target = dir .. "/" .. b.attrs.file
      os.execute("mkdir -p " .. shell_quote(target:match("^(.*)/")))
      write(target, src)
    elseif b.lang == "lua" then
      nrun = nrun + 1
      local want = {}
      for _, l in ipairs(b.lines) do
        local w = l:match("^%s*%-%->%s?(.*)$")
        if w then want[#want + 1] = w end
      end
      t.test(name .. " (lua) runs" .. (#want > 0 and " and prints what the doc shows" or ""), function()
        local got = run_lua(src, name, dir)
        if #want > 0 then
          local w = table.concat(want, "\n")
          if got ~= w then error(string.format("printed\n%s\nbut the doc shows\n%s", got, w), 0) end
        end
      end)
    elseif b.lang == "sh" or b.lang == "bash" or b.lang == "shell" then
      nrun = nrun + 1
      local want = {}
      for _, l in ipairs(b.lines) do
        local w = l:match("^%s*#%s*%-%->%s?(.*)$")
        if w then want[#want + 1] = w end
      end
      t.test(name .. " (sh) runs" .. (#want > 0 and " and prints what the doc shows" or ""), function()
        write(dir .. "/.block.sh", src)
        local cmd = string.format("cd %s && PATH=%s:$PATH NASKH_HOME=%s sh -e .block.sh 2>&1; echo \"rc=$?\"",
          shell_quote(dir), shell_quote(bin), shell_quote(ROOT))
        local p = io.popen(cmd)
        local out = p:read("a")
        p:close()
        local rc = out:match("rc=(%d+)%s*$")
        out = out:gsub("rc=%d+%s*$", "")
        if rc ~= "0" then error("exit status " .. tostring(rc) .. ":\n" .. out:sub(1, 800), 0) end
        local pos = 1
        for _, w in ipairs(want) do
          local s, e = out:find(w, pos, true)
          if not s then error(string.format("output lacks %q (after byte %d):\n%s", w, pos, out:sub(1, 800)), 0) end
          pos = e + 1
        end
      end)
    end
  end
  t.ok(nrun > 0, path .. " has runnable examples")
  os.execute("rm -rf " .. shell_quote(dir))
end

-- Every public field of the module and of the documented Lua modules is named in lua-api.md.
do
  local api = t.read(ROOT .. "/docs/lua-api.md")
  local mods = { naskh = "naskh", ["naskh.engine.pipeline"] = "pipeline", ["naskh.engine.json"] = "json",
    ["naskh.engine.recipe"] = "recipe", ["naskh.engine.registry"] = "registry", ["naskh.engine.schema"] = "schema",
    ["naskh.text.spans"] = "spans", ["naskh.io.html"] = "html", ["naskh.text.rouge"] = "rouge",
    ["naskh.io.render"] = "render" }
  local names = {}
  for mod in pairs(mods) do names[#names + 1] = mod end
  table.sort(names)
  for _, mod in ipairs(names) do
    local missing = {}
    for k in pairs(require(mod)) do
      if type(k) == "string" and not k:match("^_") and k ~= "home" and
        not api:find(mods[mod] .. "." .. k, 1, true) then
        missing[#missing + 1] = k
      end
    end
    table.sort(missing)
    t.ok(#missing == 0, "docs/lua-api.md documents every field of " .. mod,
      "not documented: " .. table.concat(missing, ", "))
  end
end

for _, f in ipairs({ "docs/lua-api.md", "docs/cookbook.md" }) do
  local fh = io.open(ROOT .. "/" .. f, "rb")
  if fh then
    fh:close()
    check_file(f)
  else
    t.ok(false, f .. " exists")
  end
end
t.done()
