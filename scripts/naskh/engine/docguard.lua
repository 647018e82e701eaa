-- naskh.engine.docguard: one document's data never stops the batch.
--
-- * The fields a document is read with (id, text, meta) are read-only to stages: after each
--   stage they are compared with what was read; a change is undone and recorded as an error
--   of that stage on the document. The lists the pipeline itself writes to (errors,
--   warnings) are put back in shape the same way, and a metatable a stage left on the
--   document, its meta or those lists is removed (its metamethods would run outside the
--   limits, in the pipeline and the writers). The pipeline checks after the user's stages
--   (scripts); naskh's built-in stages change none of this, and a recipe of built-in
--   stages only takes no snapshot of its documents.
-- * Writing a document (every output's part of it) is done in memory first, under the
--   per-document time limit when the recipe has limits: a value no writer can encode (a
--   cycle, a function, a key of the wrong type, a markdown() that returns a table, a
--   metamethod that loops) becomes an error recorded on the document, which is then written
--   with what can be encoded (plain data: no functions, no cycles, no metatables), or at
--   least with its id, meta, text and errors.
local json = require "naskh.engine.json"
local sandbox = require "naskh.engine.sandbox"

local M = {}

local getmt = debug and debug.getmetatable or getmetatable
local setmt = debug and debug.setmetatable or setmetatable

local MAX_DEPTH = 64

-- The metatables naskh itself puts on data (json.object / json.array markers).
local OWN_MT = { [json.OBJECT] = true, [json.ARRAY] = true }

-- A plain copy of v: tables without foreign metatables, no functions or threads, no
-- cycles (a table met again on its own path becomes nil), keys strings or numbers.
-- Userdata (naskh's span arrays, normalized views) are kept: scripts cannot give userdata a
-- metatable. dropped(path, why) is called for each thing left out.
local function plain(v, depth, path, onpath, dropped)
  local t = type(v)
  if t == "function" or t == "thread" then
    dropped(path, "a " .. t)
    return nil
  end
  if t == "number" and v ~= v then
    dropped(path, "NaN")
    return nil
  end
  if t ~= "table" then return v end
  if onpath[v] then
    dropped(path, "a cycle")
    return nil
  end
  if depth > MAX_DEPTH then
    dropped(path, "nesting deeper than " .. MAX_DEPTH)
    return nil
  end
  onpath[v] = true
  local mt = getmt(v)
  local out = {}
  if mt ~= nil and OWN_MT[mt] then setmt(out, mt) end
  local k, x = next(v)
  while k ~= nil do
    local tk = type(k)
    local kpath = path .. (tk == "string" and ("." .. k) or ("[" .. tostring(k) .. "]"))
    if tk == "string" or (tk == "number" and k == k and math.type(k) == "integer") then
      out[k] = plain(x, depth + 1, kpath, onpath, dropped)
    else
      dropped(path .. "[?]", "a key of type " .. (tk == "number" and "float" or tk))
    end
    k, x = next(v, k)
  end
  onpath[v] = nil
  return out
end

function M.plain(v, dropped)
  return plain(v, 0, "", {}, dropped or function() end)
end

-- Raw deep equality of plain data (what meta was read as against what it is now).
local function same(a, b, depth)
  if a == b then return true end
  if type(a) ~= "table" or type(b) ~= "table" or depth > MAX_DEPTH then return false end
  if getmt(a) ~= getmt(b) then return false end
  local n = 0
  local k, x = next(a)
  while k ~= nil do
    n = n + 1
    if not same(x, rawget(b, k), depth + 1) then return false end
    k, x = next(a, k)
  end
  k = next(b)
  while k ~= nil do
    n = n - 1
    k = next(b, k)
  end
  return n == 0
end

-- What each document was read with, to compare after each stage (weak: it goes with the document).
local snaps = setmetatable({}, { __mode = "k" })

function M.remember(doc)
  if snaps[doc] then return end
  local meta = rawget(doc, "meta")
  snaps[doc] = { id = rawget(doc, "id"), text = rawget(doc, "text"), meta = meta,
                 meta_copy = M.plain(meta) }
end

local function id_of(doc, snap)
  local id = snap and snap.id or rawget(doc, "id")
  return type(id) == "string" and id or tostring(id)
end

-- An error or warning list in shape: a plain list of {stage=string, message=string}.
local function fix_list(doc, field, problems, owner)
  local l = rawget(doc, field)
  if l == nil and field == "warnings" then return end
  local bad = type(l) ~= "table" or getmt(l) ~= nil
  local out = {}
  if type(l) == "table" then
    local n = rawlen(l)
    if n > 100000 then n = 100000; bad = true end
    for i = 1, n do
      local e = rawget(l, i)
      if type(e) == "table" and getmt(e) == nil and type(rawget(e, "stage")) == "string"
          and type(rawget(e, "message")) == "string" then
        out[#out + 1] = e
      else
        bad = true
        if type(e) == "table" and getmt(e) == nil then
          local st, msg = rawget(e, "stage"), rawget(e, "message")
          out[#out + 1] = { stage = type(st) == "string" and st or "?",
                            message = type(msg) == "string" and msg or ("(a " .. type(msg) .. ")") }
        elseif type(e) == "string" then
          out[#out + 1] = { stage = "?", message = e }
        end
      end
    end
  end
  if bad then
    rawset(doc, field, out)
    problems[#problems + 1] = string.format("left %s.%s that is not a plain list of {stage, message} " ..
      "(a %s%s); put back in shape", owner or "doc", field, type(l), type(l) == "table" and getmt(l) ~= nil and
      " with a metatable" or "")
  end
end

--[[
After stage `stage` ran on doc: undo changes to id, text and meta, put errors/warnings back
in shape, drop a metatable on the document. Each problem is recorded on the document as an
error of that stage naming the document; returns true when there was none.
]]
function M.check(doc, stage)
  local snap = snaps[doc]
  local problems = {}
  if getmt(doc) ~= nil then
    setmt(doc, nil)
    problems[#problems + 1] = "set a metatable on the document; removed"
  end
  if snap then
    if rawget(doc, "id") ~= snap.id then
      problems[#problems + 1] = string.format("changed doc.id (to a %s); doc.id is read-only, restored",
        type(rawget(doc, "id")))
      rawset(doc, "id", snap.id)
    end
    if rawget(doc, "text") ~= snap.text then
      problems[#problems + 1] = string.format("changed doc.text (to a %s); doc.text is read-only, restored",
        type(rawget(doc, "text")))
      rawset(doc, "text", snap.text)
    end
    local meta = rawget(doc, "meta")
    if not rawequal(meta, snap.meta) or not same(meta, snap.meta_copy, 0) then
      problems[#problems + 1] = "changed doc.meta; doc.meta is read-only, restored"
      snap.meta = M.plain(snap.meta_copy)
      rawset(doc, "meta", snap.meta)
    end
  end
  fix_list(doc, "errors", problems)
  fix_list(doc, "warnings", problems)
  if #problems == 0 then return true end
  local errors = rawget(doc, "errors")
  for _, p in ipairs(problems) do
    errors[#errors + 1] = { stage = stage, message = string.format("stage '%s' %s (document '%s')",
      stage, p, id_of(doc, snap)) }
  end
  return false
end

-- After corpus stage `stage`: the corpus's errors list in shape (a list with a metatable would
-- run the script's metamethods when the pipeline reports it). Returns true when it was.
function M.check_corpus(corpus, stage)
  local problems = {}
  if getmt(corpus) ~= nil then
    setmt(corpus, nil)
    problems[#problems + 1] = "set a metatable on the corpus; removed"
  end
  fix_list(corpus, "errors", problems, "corpus")
  local errors = rawget(corpus, "errors")
  for _, p in ipairs(problems) do
    errors[#errors + 1] = { stage = stage, message = string.format("stage '%s' %s (the corpus)", stage, p) }
  end
  return #problems == 0
end

-- The time limit for writing one document: the recipe's, or the sandbox's default when a
-- script runs sandboxed; nil when nothing limits the scripts (--trust without limits).
function M.seconds(plan, trust)
  local secs = plan.limits and plan.limits.seconds
  if secs == nil and not trust then
    for _, s in ipairs(plan.stages or {}) do
      if s.name == "script" then secs = sandbox.DEFAULT_SECONDS; break end
    end
  end
  if secs and secs <= 0 then secs = nil end
  return secs
end

-- A sink that keeps what a writer writes for one document.
local Capture = {}
Capture.__index = Capture

function Capture:write(...)
  local buf = self.buf
  for i = 1, select("#", ...) do
    local s = select(i, ...)
    if type(s) ~= "string" then
      error(string.format("a writer was given a %s instead of a string", type(s)), 0)
    end
    buf[#buf + 1] = s
  end
end

-- fn(sink) will write straight to the real output (a big document's JSON, in pieces).
function Capture:later(fn)
  self.buf[#self.buf + 1] = fn
end

local function flush(capture, real)
  for _, piece in ipairs(capture.buf) do
    if type(piece) == "function" then piece(real) else real:write(piece) end
  end
end

-- Render with every writer into captures (call(writer) writes, e.g. w:doc(doc)); returns the
-- captures or nil, message.
local function render_with(writers, call, limit, dry)
  local caps, saved = {}, {}
  local function all()
    for i, w in ipairs(writers) do
      local st = {}
      for k, v in pairs(w.w) do st[k] = v end
      saved[i] = st
      caps[i] = setmetatable({ buf = {}, path = w.sink.path, std = w.sink.std }, Capture)
      w.w.sink = caps[i]
      call(w.w)
      w.w.sink = w.sink
    end
  end
  local ok, err
  if limit then
    ok, err = pcall(sandbox.limited, limit, all)
  else
    ok, err = pcall(all)
  end
  if not ok or dry then
    for i, w in ipairs(writers) do -- each writer as it was before this document
      local st = saved[i]
      if st then
        for k in pairs(w.w) do w.w[k] = nil end
        for k, v in pairs(st) do w.w[k] = v end
      end
      w.w.sink = w.sink
    end
    if not ok then return nil, sandbox.error_text(err) end
  end
  return caps
end

local function render(writers, doc, limit)
  return render_with(writers, function(w) w:doc(doc) end, limit)
end

--[[
Write one document with every writer ({sink=, w=} each). Returns true when the document
gained an error here (it could not be written as it was). secs: the time limit (M.seconds).
]]
function M.write(writers, doc, secs)
  local limit = secs and { label = string.format("writing document '%s'", id_of(doc)), seconds = secs } or nil
  local errors = rawget(doc, "errors")
  local nerr = type(errors) == "table" and #errors or 0
  local caps, err = render(writers, doc, limit)
  if caps and type(rawget(doc, "errors")) == "table" and #doc.errors ~= nerr then
    caps, err = render(writers, doc, limit) -- a writer recorded an error (markdown()): show it everywhere
    if not caps then err = nil end
  end
  if caps then
    for i, w in ipairs(writers) do flush(caps[i], w.sink) end
    return #(rawget(doc, "errors") or {}) ~= nerr
  end
  -- what can be written: plain data, then only what every document has
  local dropped = {}
  local okc, copy = pcall(M.plain, doc, function(path, why)
    if #dropped < 5 then dropped[#dropped + 1] = string.format("%s (%s)", path:sub(2), why) end
  end)
  local cerr
  if not okc then -- out of memory
    cerr = sandbox.error_text(copy)
    copy = { errors = M.plain(rawget(doc, "errors")) }
  end
  copy._plain = true -- writers skip the stages' own renderers (markdown/html) for it
  copy.errors = type(copy.errors) == "table" and copy.errors or {}
  local what = #dropped > 0 and ("; left out: " .. table.concat(dropped, ", ")) or ""
  copy.errors[#copy.errors + 1] = { stage = "output", message = string.format(
    "document '%s' could not be written as the stages left it: %s%s", id_of(doc), err or "?", what) }
  if okc then caps, err = render(writers, copy, limit) end
  if not okc or not caps then
    err = err or cerr
    copy = { id = rawget(doc, "id"), text = type(doc.text) == "string" and doc.text or "",
             meta = M.plain(rawget(doc, "meta")), errors = copy.errors, _plain = true }
    copy.errors[#copy.errors + 1] = { stage = "output", message = string.format(
      "document '%s': only its id, meta, text and errors are written: %s", id_of(doc), err) }
    caps, err = render(writers, copy, nil)
    if not caps then error(string.format("cannot write document '%s': %s", id_of(doc), err), 0) end
  end
  for i, w in ipairs(writers) do flush(caps[i], w.sink) end
  rawset(doc, "errors", copy.errors)
  return true
end

-- The plain copy of a document that cannot be written as it is, with an error saying so.
local function plain_doc(d, err)
  local dropped = {}
  local ok, copy = pcall(M.plain, d, function(path, why)
    if #dropped < 5 then dropped[#dropped + 1] = string.format("%s (%s)", path:sub(2), why) end
  end)
  if not ok then
    copy = { id = rawget(d, "id"), text = rawget(d, "text"), meta = M.plain(rawget(d, "meta")),
             errors = M.plain(rawget(d, "errors")) }
  end
  copy._plain = true
  copy.errors = type(copy.errors) == "table" and copy.errors or {}
  copy.errors[#copy.errors + 1] = { stage = "output", message = string.format(
    "document '%s' could not be written as the stages left it: %s%s", id_of(d), err,
    #dropped > 0 and ("; left out: " .. table.concat(dropped, ", ")) or "") }
  return copy
end

-- The outputs whose doc() renders one document (json and html only collect them).
local PER_DOCUMENT = { jsonl = true, markdown = true, text = true }

--[[
Write a corpus (its documents and its own fields) with every writer. When that fails, each
document that cannot be encoded on its own is replaced by its plain copy with an error (then,
if needed, every document and the corpus's own fields); returns the list of documents that
failed here (the copies). Raises only when even plain data cannot be written.
]]
function M.write_corpus(writers, corpus, secs)
  local limit = secs and { label = "writing the corpus", seconds = secs } or nil
  local function call(w) w:corpus(corpus) end
  local caps, err = render_with(writers, call, limit)
  local failed = {}
  if not caps then
    local jsonl = require "naskh.io.jsonl"
    local replaced = {}
    local function replace(pred, why)
      for i, d in ipairs(corpus.all) do
        if not replaced[d] and not rawget(d, "_plain") then
          local e = pred(d)
          if e then
            local copy = plain_doc(d, why or e)
            replaced[d] = copy
            corpus.all[i] = copy
            failed[#failed + 1] = copy
          end
        end
      end
      for i, d in ipairs(corpus.docs or {}) do
        if replaced[d] then corpus.docs[i] = replaced[d] end
      end
    end
    replace(function(d)
      local ok, e = pcall(json.encode, jsonl.doc_value(d), type(d.text) == "string" and d.text or nil)
      return not ok and sandbox.error_text(e) or nil
    end)
    caps, err = render_with(writers, call, limit)
    if not caps then
      -- each document alone, with the writers that write documents one by one (a metamethod
      -- that loops when a writer reads it)
      local each = {}
      for _, w in ipairs(writers) do
        if w.spec and PER_DOCUMENT[w.spec.format] then each[#each + 1] = w end
      end
      if #each > 0 then
        replace(function(d)
          local okr, e = render_with(each, function(w) w:doc(d) end, limit, true)
          return not okr and e or nil
        end)
        caps, err = render_with(writers, call, limit)
      end
    end
    if not caps then -- every document as plain data, and the corpus's own fields
      replace(function() return err end)
      for k, v in pairs(corpus) do
        if k ~= "all" and k ~= "docs" then
          local okp, copy = pcall(M.plain, v)
          corpus[k] = okp and copy or nil
        end
      end
      caps, err = render_with(writers, call, limit)
      if not caps then error("cannot write the corpus: " .. err, 0) end
    end
  end
  for i, w in ipairs(writers) do flush(caps[i], w.sink) end
  return failed
end

return M
