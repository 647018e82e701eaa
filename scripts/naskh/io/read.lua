-- naskh.io.read: inputs to documents, one at a time.
-- Text files (one document each; a directory means its *.txt and *.jsonl
-- files), JSON Lines ({"id","text","meta"} per line) and stdin ("-").
-- A document keeps its original bytes untouched in doc.text; problems with one
-- input are reported through on_error and the rest is still read.
local naskh = require "naskh"
local json = require "naskh.json"

local M = {}

local function basename(path)
  return (path:match("([^/]+)$") or path)
end

local function stem(path)
  return (basename(path):gsub("%.[^.]*$", ""))
end

local function format_of(path, fmt)
  if fmt and fmt ~= "auto" then return fmt end
  if path:match("%.jsonl$") or path:match("%.ndjson$") then return "jsonl" end
  return "text"
end

-- M.quiet: do not print read warnings on stderr (they are still recorded).
M.quiet = false

-- One read warning: recorded on the document ("FILE: message") and printed
-- as "naskh: FILE[:LINE]: warning: message" unless quiet.
local function warn(doc, where, msg)
  doc.warnings = doc.warnings or {}
  doc.warnings[#doc.warnings + 1] = { stage = "read", message = where .. ": " .. msg }
  if not M.quiet then io.stderr:write("naskh: ", where, ": warning: ", msg, "\n") end
end

-- Warnings a document carries from reading (invalid UTF-8, NUL bytes, empty text).
local function check_text(doc, where)
  local text = doc.text
  local ok, _, pos = naskh.utf8_check(text)
  if not ok then
    warn(doc, where, string.format("invalid UTF-8 at byte %d (kept as is; U+FFFD in output)%s", pos,
      text:find("\0", 1, true) and "; NUL bytes too: a binary file?" or ""))
  else
    local nul = text:find("\0", 1, true)
    if nul then warn(doc, where, string.format("NUL byte at byte %d (kept; \\u0000 in JSON output)", nul)) end
  end
  if #text == 0 then warn(doc, where, "empty document") end
end

local function new_doc(id, text, meta)
  local m = json.object({})
  if type(meta) == "table" then for k, v in pairs(meta) do m[k] = v end end
  return { id = id, text = text, meta = m, errors = {} }
end

-- In raw mode (--jobs) a text document travels as its bytes, with where =
-- "\0" .. id .. "\0" .. path: no JSON copy of a big text, and the worker
-- checks it and warns with the file's name. (A real "file:line" never starts
-- with a NUL byte: paths cannot hold one.)
local function raw_text_where(id, path)
  return "\0" .. id .. "\0" .. (path or "")
end

-- One JSON Lines record to a document: doc | nil, message. where is "file:line".
local function doc_from_line(line, where)
  if where:byte(1) == 0 then
    local id, path = where:match("^%z([^%z]*)%z(.*)$")
    local doc = new_doc(id, line, path ~= "" and { path = path } or nil)
    check_text(doc, path ~= "" and path or "<stdin>")
    return doc
  end
  local v, err = json.decode(line)
  if v == nil then
    return nil, where .. ": " .. (err or "invalid JSON") .. "; line skipped"
  end
  if type(v) ~= "table" or type(v.text) ~= "string" then
    return nil, where .. ": each line must be an object with a string field \"text\"; line skipped"
  end
  local id = v.id
  if math.type(id) == "float" and id == math.floor(id) then id = math.tointeger(id) end
  if math.type(id) == "integer" then id = string.format("%d", id) end
  if type(id) ~= "string" then id = where end
  local doc = new_doc(id, v.text, type(v.meta) == "table" and v.meta or nil)
  -- Keep any extra fields the producer wrote (they round-trip).
  for k, x in pairs(v) do
    if doc[k] == nil and k ~= "meta" then doc[k] = x end
  end
  check_text(doc, where)
  return doc
end
M.doc_from_line = doc_from_line

-- raw: emit(line, where) with the undecoded line (worker processes decode it).
local function read_jsonl_stream(fh, name, emit, on_error, raw)
  local lineno = 0
  for line in fh:lines() do
    lineno = lineno + 1
    if line:match("%S") then
      local where = name .. ":" .. lineno
      if raw then
        emit(line, where)
      else
        local doc, err = doc_from_line(line, where)
        if doc then emit(doc) else on_error(err) end
      end
    end
  end
end

local function read_path(path, fmt, emit, on_error, seen, raw)
  local kind, err = naskh.filetype(path)
  if not kind then return on_error("cannot read " .. err) end
  if kind == "directory" then
    local names, lerr = naskh.listdir(path)
    if not names then return on_error("cannot list " .. lerr) end
    local any = false
    for _, name in ipairs(names) do
      if name:match("%.txt$") or name:match("%.jsonl$") then
        any = true
        read_path(path:gsub("/$", "") .. "/" .. name, fmt, emit, on_error, seen, raw)
      end
    end
    if not any then on_error(path .. ": directory has no .txt or .jsonl files") end
    return
  end
  local fh, oerr = io.open(path, "rb")
  if not fh then return on_error("cannot open " .. oerr) end
  if format_of(path, fmt) == "jsonl" then
    read_jsonl_stream(fh, path, emit, on_error, raw)
    fh:close()
    return
  end
  local text, rerr = fh:read("a")
  fh:close()
  if not text then return on_error("cannot read " .. path .. ": " .. tostring(rerr)) end
  local id = stem(path)
  if seen[id] then seen[id] = seen[id] + 1; id = id .. "#" .. seen[id] else seen[id] = 1 end
  if raw then return emit(text, raw_text_where(id, path)) end
  local doc = new_doc(id, text, { path = path })
  check_text(doc, path)
  emit(doc)
end

-- M.each(paths, fmt, emit, on_error [, raw]): paths empty or {"-"} means stdin.
-- emit(doc); with raw, JSON Lines records come as emit(line, where) undecoded.
function M.each(paths, fmt, emit, on_error, raw)
  local seen = {}
  if #paths == 0 then paths = { "-" } end
  for _, p in ipairs(paths) do
    if p == "-" then
      if format_of("-", fmt) == "jsonl" then
        read_jsonl_stream(io.stdin, "<stdin>", emit, on_error, raw)
      else
        local text = io.stdin:read("a") or ""
        if raw then
          emit(text, raw_text_where("stdin", nil))
        else
          local doc = new_doc("stdin", text, {})
          check_text(doc, "<stdin>")
          emit(doc)
        end
      end
    else
      read_path(p, fmt, emit, on_error, seen, raw)
    end
  end
end

M.new_doc = new_doc
return M
