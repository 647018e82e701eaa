-- naskh.io.read: inputs to documents, one at a time.
-- Text files (one document each; a directory means its *.txt and *.jsonl
-- files), JSON Lines ({"id","text","meta"} per line) and stdin ("-"). With the
-- format auto, an input not named .jsonl whose first non-blank byte is '{' and
-- whose first line parses as a JSON object is JSON Lines too (stdin included).
-- A document keeps its original bytes untouched in doc.text; problems with one
-- input are reported through on_error and the rest is still read.
local naskh = require "naskh"
local json = require "naskh.engine.json"
local jsonl_flat = naskh._jsonl_flat -- (lnk_json.c)

local M = {}

local function basename(path)
  return (path:match("([^/]+)$") or path)
end

local function stem(path)
  return (basename(path):gsub("%.[^.]*$", ""))
end

-- "jsonl", "text" or (format auto, a name that does not say) "sniff": look at the content.
local function format_of(path, fmt)
  if fmt and fmt ~= "auto" then return fmt end
  if path:match("%.jsonl$") or path:match("%.ndjson$") then return "jsonl" end
  return "sniff"
end

-- Whether the bytes read so far start like JSON Lines: the first non-blank byte is '{' and
-- the first line holding it parses as a JSON object. more(): the next bytes, or nil at the
-- end (called only while the answer needs them). Returns the verdict and all bytes read.
local SNIFF_BLOCK = 4096
local function sniff_jsonl(buf, more, max)
  -- a UTF-8 byte order mark first is skipped (the line reader drops it from line 1 too)
  while #buf < 3 and buf == ("\239\187\191"):sub(1, #buf) do
    local b = more(SNIFF_BLOCK)
    if not b then break end
    buf = buf .. b
  end
  local from = buf:sub(1, 3) == "\239\187\191" and 4 or 1
  local first = buf:find("[^ \t\r\n]", from)
  while not first and #buf < (1 << 20) do
    local b = more(SNIFF_BLOCK)
    if not b then return false, buf end
    buf = buf .. b
    first = buf:find("[^ \t\r\n]", from)
  end
  if not first or buf:byte(first) ~= 123 then return false, buf end -- '{'
  local nl = buf:find("\n", first, true)
  while not nl do
    if max and #buf > max then return false, buf end
    local b = more("L")
    if not b then break end
    buf = buf .. b
    nl = buf:find("\n", first, true)
  end
  local v = json.decode(buf:sub(first, (nl or #buf + 1) - 1))
  return type(v) == "table" and (next(v) == nil or #v == 0), buf
end
M.sniff_jsonl = sniff_jsonl

-- The lines of fh (without their "\n"), the bytes already read (prefix) first.
local function lines_after(prefix, fh)
  local pos = 1
  return function()
    if prefix then
      local nl = prefix:find("\n", pos, true)
      if nl then
        local l = prefix:sub(pos, nl - 1)
        pos = nl + 1
        return l
      end
      local rest = prefix:sub(pos)
      prefix = nil
      local tail = fh:read("l")
      if tail then return rest .. tail end
      if rest ~= "" then return rest end
      return nil
    end
    return fh:read("l")
  end
end

-- The options of one reading (per run, never module state): a table
--   quiet      do not print read warnings on stderr (they are still recorded);
--   max_bytes  a document larger than this is not read; it becomes a failed document
--              (errors = {{stage = "read", ...}}, empty text) and the batch goes on. A JSON
--              Lines line larger than this is skipped with a message. nil: no limit.
-- M.options(quiet, max_mb): such a table, max_mb in MB (2^20 bytes; nil: the default 64;
-- 0: none). Without options nothing is quiet and there is no limit.
M.DEFAULT_MAX_DOC_MB = 64
local NO_OPTIONS = {}

function M.options(quiet, max_mb)
  local n = max_mb or M.DEFAULT_MAX_DOC_MB
  return { quiet = quiet and true or false, max_bytes = n > 0 and math.floor(n * 1048576) or nil }
end

local function mb(n) -- "3 MB", "0.5 MB", "1024 MB" (MB = 2^20 bytes)
  local v = n / 1048576
  local t = v >= 100 and string.format("%.0f", v) or string.format("%.1f", v):gsub("%.0$", "")
  return t .. " MB"
end

local function too_large(size, max)
  return string.format("document is %s, above the limit of %s; not processed (raise the limit " ..
    "with --max-doc-mb N or `limits: {max_doc_mb: N}`; 0 means none)", mb(size), mb(max))
end

-- One read warning: recorded on the document ("FILE: message") and printed
-- as "naskh: FILE[:LINE]: warning: message" unless quiet.
local function warn(doc, where, ro, msg)
  doc.warnings = doc.warnings or {}
  doc.warnings[#doc.warnings + 1] = { stage = "read", message = where .. ": " .. msg }
  if not ro.quiet then require("naskh.engine.progress").stderr("naskh: ", where, ": warning: ", msg, "\n") end
end

-- Warnings a document carries from reading (invalid UTF-8, NUL bytes, empty text).
local function check_text(doc, where, ro)
  local text = doc.text
  local ok, _, pos = naskh.utf8_check(text)
  if not ok then
    warn(doc, where, ro, string.format("invalid UTF-8 at byte %d (kept as is; U+FFFD in output)%s", pos,
      text:find("\0", 1, true) and "; NUL bytes too: a binary file?" or ""))
  else
    local nul = text:find("\0", 1, true)
    if nul then warn(doc, where, ro, string.format("NUL byte at byte %d (kept; \\u0000 in JSON output)", nul)) end
  end
  if #text == 0 then warn(doc, where, ro, "empty document") end
end

local function new_doc(id, text, meta)
  local m = json.object({})
  if type(meta) == "table" then for k, v in pairs(meta) do m[k] = v end end
  return { id = id, text = text, meta = m, errors = {} }
end

-- In raw mode (--jobs) a text document does not travel as JSON: where is
-- "\0" .. how .. id .. "\0" .. path .. "\0" .. message, how being
--   "f": the worker reads the file at path itself (the parent never holds it),
--   "t": the bytes are the line (standard input),
--   "x": not read (message says why): a failed document.
-- The worker checks the text and warns with the file's name. (A real
-- "file:line" never starts with a NUL byte: paths cannot hold one.)
local function raw_text_where(how, id, path, err)
  return "\0" .. how .. id .. "\0" .. (path or "") .. "\0" .. (err or "")
end

-- The whole of an open file; size: its size when it is a regular file.
local function slurp(fh, size)
  if not size then return fh:read("a") end
  fh:seek("set")
  local text, rerr = fh:read(size) -- one buffer of the right size (read("a") grows by steps)
  if text == nil and rerr == nil then text = "" end
  if text and fh:read(0) then -- the file grew meanwhile: read the rest too
    local rest = fh:read("a")
    text = text .. (rest or "")
  end
  return text, rerr
end

-- A document that was not read (over the size limit): recorded as failed.
local function failed_doc(id, path, err)
  local doc = new_doc(id, "", path and { path = path } or nil)
  doc.errors[1] = { stage = "read", message = err }
  doc.failed = true
  return doc
end

-- One JSON Lines record to a document: doc | nil, message. where is "file:line"; ro: the
-- reading's options (M.options). nil and no message: a line that is no document and no error
-- (the {"corpus": {...}} record that ends naskh's JSON Lines output), skipped quietly.
local function doc_from_line(line, where, ro)
  ro = ro or NO_OPTIONS
  if where:byte(1) == 0 then
    local how, id, path, err = where:match("^%z(.)([^%z]*)%z([^%z]*)%z(.*)$")
    if how == "x" then return failed_doc(id, path ~= "" and path or nil, err) end
    if how == "f" then
      local fh, oerr = io.open(path, "rb")
      if not fh then return nil, "cannot open " .. oerr end
      local size = fh:seek("end")
      local rerr
      line, rerr = slurp(fh, size)
      fh:close()
      if not line then return nil, "cannot read " .. path .. ": " .. tostring(rerr) end
    end
    local doc = new_doc(id, line, path ~= "" and { path = path } or nil)
    check_text(doc, path ~= "" and path or "<stdin>", ro)
    return doc
  end
  -- A flat record of text, id and cluster only (the common case) is read in C without
  -- lua-cjson; anything else, and every error, goes through lua-cjson.
  local v, err
  local flat, ftext, fid, fcluster, other = jsonl_flat(line)
  if flat and not other then
    v = { text = ftext, id = fid, cluster = fcluster }
  else
    v, err = json.decode(line)
  end
  if v == nil then
    return nil, where .. ": " .. (err or "invalid JSON") .. "; line skipped"
  end
  if type(v) == "table" and v.text == nil and type(v.corpus) == "table" then
    return nil -- the corpus record naskh's own JSON Lines output ends with: not a document
  end
  if type(v) ~= "table" or type(v.text) ~= "string" then
    return nil, where .. ": each line must be an object with a string field \"text\"; line skipped"
  end
  local id = v.id
  if math.type(id) == "float" and id == math.floor(id) then id = math.tointeger(id) end
  if math.type(id) == "integer" then
    id = string.format("%d", id)
  elseif math.type(id) == "float" and id == id and id ~= math.huge and id ~= -math.huge then
    -- the shortest decimal that reads back as the same number: 1.5 -> "1.5", 0.1 -> "0.1"
    local f
    for p = 15, 17 do
      f = string.format("%." .. p .. "g", id)
      if tonumber(f) == id then break end
    end
    id = f
  end
  if type(id) ~= "string" then id = where end
  local meta = v.meta
  if meta == json.null then meta = nil end
  if meta ~= nil and (type(meta) ~= "table" or (next(meta) ~= nil and #meta > 0)) then
    return nil, string.format("%s: document '%s': \"meta\" must be an object, not %s; line skipped",
      where, id, type(meta) == "table" and "an array" or ("a " .. (type(meta) == "boolean" and
      "boolean" or type(meta))))
  end
  local doc = new_doc(id, v.text, meta)
  -- Keep any extra fields the producer wrote (they round-trip).
  for k, x in pairs(v) do
    if doc[k] == nil and k ~= "meta" then doc[k] = x end
  end
  check_text(doc, where, ro)
  return doc
end
M.doc_from_line = doc_from_line

-- raw: emit(line, where) with the undecoded line (worker processes decode it).
local function read_jsonl_stream(lines, name, emit, on_error, raw, ro)
  local lineno = 0
  for line in lines do
    lineno = lineno + 1
    if lineno == 1 and line:sub(1, 3) == "\239\187\191" then line = line:sub(4) end -- a UTF-8 BOM
    if ro.max_bytes and #line > ro.max_bytes then
      on_error(string.format("%s:%d: line of %s, above the limit of %s; line skipped (raise the " ..
        "limit with --max-doc-mb N or `limits: {max_doc_mb: N}`; 0 means none)", name, lineno,
        mb(#line), mb(ro.max_bytes)))
    elseif line:match("%S") then
      local where = name .. ":" .. lineno
      if raw then
        emit(line, where)
      else
        local doc, err = doc_from_line(line, where, ro)
        if doc then emit(doc) elseif err then on_error(err) end
      end
    end
  end
end

local function read_path(path, fmt, emit, on_error, seen, raw, ro)
  local kind, err = naskh.filetype(path)
  if not kind then return on_error("cannot read " .. err) end
  if kind == "directory" then
    local names, lerr = naskh.listdir(path)
    if not names then return on_error("cannot list " .. lerr) end
    local any = false
    local subdirs, others = 0, 0
    for _, name in ipairs(names) do
      local full = path:gsub("/$", "") .. "/" .. name
      if name:match("%.txt$") or name:match("%.jsonl$") then
        any = true
        read_path(full, fmt, emit, on_error, seen, raw, ro)
      elseif naskh.filetype(full) == "directory" then
        subdirs = subdirs + 1
      else
        others = others + 1
      end
    end
    if not any then on_error(path .. ": directory has no .txt or .jsonl files") end
    if (subdirs > 0 or others > 0) and not ro.quiet then
      local parts = {}
      if subdirs > 0 then
        parts[#parts + 1] = string.format("%d subdirector%s", subdirs, subdirs == 1 and "y" or "ies")
      end
      if others > 0 then
        parts[#parts + 1] = string.format("%d file%s with other extensions", others, others == 1 and "" or "s")
      end
      io.stderr:write(string.format("naskh: %s: warning: skipped %s (a directory input reads " ..
        "the .txt and .jsonl files directly inside it)\n", path, table.concat(parts, " and ")))
    end
    return
  end
  local fh, oerr = io.open(path, "rb")
  if not fh then return on_error("cannot open " .. oerr) end
  local how, prefix = format_of(path, fmt), nil
  if how == "sniff" then
    local ok, isjsonl, got = pcall(sniff_jsonl, fh:read(SNIFF_BLOCK) or "", function(n) return fh:read(n) end,
      ro.max_bytes)
    how = (ok and isjsonl) and "jsonl" or "text"
    -- a regular file is read again from its start; a pipe or device cannot seek: what was
    -- read to decide is kept and comes first
    if kind == "file" then fh:seek("set") else prefix = ok and got or "" end
  end
  if how == "jsonl" then
    read_jsonl_stream(prefix and lines_after(prefix, fh) or fh:lines(), path, emit, on_error, raw, ro)
    fh:close()
    return
  end
  local id = stem(path)
  if seen[id] then seen[id] = seen[id] + 1; id = id .. "#" .. seen[id] else seen[id] = 1 end
  -- the size first: a file over the limit is never read
  local size = kind == "file" and fh:seek("end") or nil
  if size and ro.max_bytes and size > ro.max_bytes then
    fh:close()
    local err = too_large(size, ro.max_bytes)
    if raw then return emit("", raw_text_where("x", id, path, err)) end
    return emit(failed_doc(id, path, err))
  end
  if raw and size then -- a worker reads it
    fh:close()
    return emit("", raw_text_where("f", id, path))
  end
  local text, rerr = slurp(fh, size)
  fh:close()
  if not text then return on_error("cannot read " .. path .. ": " .. tostring(rerr)) end
  if prefix then text = prefix .. text end
  if raw then return emit(text, raw_text_where("t", id, path)) end
  local doc = new_doc(id, text, { path = path })
  check_text(doc, path, ro)
  emit(doc)
end

-- Standard input as one text document (or a failed one, over the size limit).
local function read_stdin_text(emit, raw, prefix, ro)
  local text
  prefix = prefix or ""
  local max = ro.max_bytes
  if max then
    text = #prefix > max and prefix or (prefix .. (io.stdin:read(max + 1 - #prefix) or ""))
    if #text > max then
      local size = #text
      text = nil
      repeat -- read the rest, so the writer of the pipe is not stopped
        local more = io.stdin:read(1 << 20)
        size = size + (more and #more or 0)
      until not more
      local err = too_large(size, max)
      if raw then return emit("", raw_text_where("x", "stdin", nil, err)) end
      return emit(failed_doc("stdin", nil, err))
    end
  else
    text = prefix .. (io.stdin:read("a") or "")
  end
  if raw then return emit(text, raw_text_where("t", "stdin", nil)) end
  local doc = new_doc("stdin", text, {})
  check_text(doc, "<stdin>", ro)
  emit(doc)
end

-- M.each(paths, fmt, emit, on_error [, raw [, ro]]): paths empty or {"-"} means stdin.
-- emit(doc); with raw, JSON Lines records come as emit(line, where) undecoded. ro: the
-- reading's options (M.options: quiet, max_bytes).
function M.each(paths, fmt, emit, on_error, raw, ro)
  ro = ro or NO_OPTIONS
  local seen = {}
  if #paths == 0 then paths = { "-" } end
  for _, p in ipairs(paths) do
    if p == "-" then
      local how, prefix = format_of("-", fmt), nil
      if how == "sniff" then -- read as little as the answer needs; those bytes are not lost
        local isjsonl
        isjsonl, prefix = sniff_jsonl(io.stdin:read(SNIFF_BLOCK) or "", function(n) return io.stdin:read(n) end,
          ro.max_bytes)
        how = isjsonl and "jsonl" or "text"
      end
      if how == "jsonl" then
        read_jsonl_stream(prefix and lines_after(prefix, io.stdin) or io.stdin:lines(), "<stdin>", emit,
          on_error, raw, ro)
      else
        read_stdin_text(emit, raw, prefix, ro)
      end
    else
      read_path(p, fmt, emit, on_error, seen, raw, ro)
    end
  end
end

M.new_doc = new_doc

-- The files M.each would read for paths (directories: the .txt and .jsonl
-- files directly inside); "-" and unreadable paths are left out.
function M.input_files(paths)
  local out = {}
  for _, p in ipairs(paths) do
    local kind = p ~= "-" and naskh.filetype(p)
    if kind == "directory" then
      for _, name in ipairs(naskh.listdir(p) or {}) do
        if name:match("%.txt$") or name:match("%.jsonl$") then out[#out + 1] = p:gsub("/$", "") .. "/" .. name end
      end
    elseif kind then
      out[#out + 1] = p
    end
  end
  return out
end

return M
