-- t.lua: a tiny test helper for naskh's Lua tests. Each check prints one
-- line, "ok - title" or "not ok - title: why", which tests/run.sh counts.
-- Works under the naskh host (`naskh script`) and under a stock lua5.4.
local M = { failed = 0, passed = 0 }

local function fmt(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

local function report(ok, title, why)
  if ok then
    M.passed = M.passed + 1
    print("ok - " .. title)
  else
    M.failed = M.failed + 1
    print("not ok - " .. title .. ": " .. (why or "failed"))
  end
  return ok
end

-- t.test(title, fn): run fn; an error inside counts as a failure.
function M.test(title, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if not ok then return report(false, title, tostring(err):gsub("\n", "\n#   ")) end
  return report(true, title)
end

-- t.ok(cond, title [, why])
function M.ok(cond, title, why) return report(cond and true or false, title, why) end

-- t.eq(got, want, title): deep equality for tables.
local function deq(a, b)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  for k, v in pairs(a) do if not deq(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end
M.deq = deq

function M.eq(got, want, title)
  return report(deq(got, want), title, "got " .. fmt(got) .. ", want " .. fmt(want))
end

-- t.checkerr(pattern, title, f, ...): f(...) must raise an error matching pattern (plain find).
function M.checkerr(pattern, title, f, ...)
  local ok, err = pcall(f, ...)
  if ok then return report(false, title, "no error raised") end
  err = tostring(err)
  return report(err:find(pattern, 1, true) ~= nil, title, "error was: " .. err)
end

-- Repository root (tests run from it) and a temp dir helper.
M.root = os.getenv("NASKH_ROOT") or "."

function M.read(path)
  local fh = assert(io.open(path, "rb"))
  local s = fh:read("a")
  fh:close()
  return s
end

function M.done()
  if M.failed > 0 then os.exit(1) end
end

return M
