-- naskh.io.render: the one rendering layer between the stages' data and the writers.
-- Stages produce data only; how a stage's fields show is its *view*:
--   * a user's stage declares `view = { block, ... }`, plain data (see docs/lua-api.md,
--     "Views"); M.resolve turns it into neutral blocks with the values read from the
--     document or corpus, and each writer formats those blocks (M.blocks_markdown here,
--     the HTML writer its own), so a new output format touches io/ only;
--   * a built-in stage's view lives in io/views/<name>.lua (a module that may also carry a
--     renderer per format for what the block vocabulary cannot say);
--   * a stage that still defines markdown(doc_or_corpus, opts, ctx) or html(...) keeps
--     working: its own hook for a format wins over its view.
-- Block vocabulary (each block is a table with one of these keys):
--   { heading = "text", level = n }                   a heading (no level: a bold line)
--   { field = "path", label = "text" }                one value, with an optional label
--   { list = "path", text = "path", speaker = "path", cite = "path", numbered = bool }
--   { table = "path", columns = { { field = "path", title = "text" }, ... } }
--   { chips = "path", text = "path", count = "path" }
-- A path is a field name or dotted path ("speaker.name"), or a list of paths (the first
-- present wins); list/table/chips read a list and their item paths are inside each item.
-- `limit = n` shows at most n items; `empty = "text"` is shown for an empty list (else the
-- block is left out). Headings show only when some other block of the view shows.
local M = {}

-- Escape Markdown's active characters in a line of text.
function M.md_escape(s)
  return (tostring(s):gsub("([\\`*%[%]<>|])", "\\%1"):gsub("%s+", " "))
end

-- s on one line: runs of white space become one space, none at the ends (the one helper of
-- the writers and of `naskh summarize`).
function M.one_line(s)
  return (tostring(s):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- The citation of a summary sentence: "[doc, sN; ...]".
function M.cite(item)
  local parts = {}
  for _, src in ipairs(item.sources or {}) do parts[#parts + 1] = src.doc .. ", s" .. src.sentence end
  return "[" .. table.concat(parts, "; ") .. "]"
end

local KINDS = { "heading", "field", "list", "table", "chips" }

-- Problems with a view (a list of messages, empty when it is well formed).
function M.check_view(view, where)
  local problems = {}
  local function bad(i, msg) problems[#problems + 1] = string.format("%s: view[%d]: %s", where, i, msg) end
  if type(view) ~= "table" then return { where .. ": 'view' must be a list of blocks, got " .. type(view) } end
  for i, b in ipairs(view) do
    if type(b) ~= "table" then
      bad(i, "a block must be a table, got " .. type(b))
    else
      local kind
      for _, k in ipairs(KINDS) do if b[k] ~= nil then kind = kind or k end end
      if not kind then
        bad(i, "a block needs one of heading, field, list, table, chips")
      elseif kind == "table" and type(b.columns) ~= "table" then
        bad(i, "a table block needs columns = { {field=, title=}, ... }")
      elseif kind == "heading" and type(b.heading) ~= "string" then
        bad(i, "heading must be a string")
      end
    end
  end
  return problems
end

-- The value at path in t (path: "a.b.c", or a list of such paths: the first present).
local function get(t, path)
  if type(path) == "table" then
    for _, p in ipairs(path) do
      local v = get(t, p)
      if v ~= nil then return v end
    end
    return nil
  end
  if type(path) ~= "string" then return nil end
  local v = t
  for key in path:gmatch("[^%.]+") do
    if type(v) ~= "table" then return nil end
    v = v[tonumber(key) or key]
  end
  return v
end
M.get = get

-- A value as text: integral numbers without ".0", lists of plain values joined.
local function text_of(v)
  local ty = type(v)
  if v == nil then return nil end
  if ty == "string" then return v end
  if ty == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    if v == math.floor(v) and math.abs(v) < 2^53 then return string.format("%d", v) end
    return string.format("%.6g", v)
  end
  if ty == "boolean" then return v and "✓" or nil end
  if ty == "table" then
    local parts = {}
    for _, x in ipairs(v) do
      local s = type(x) ~= "table" and text_of(x)
      if s and s ~= "" then parts[#parts + 1] = s end
    end
    return #parts > 0 and table.concat(parts, "، ") or nil
  end
  return nil
end
M.text_of = text_of

local function items(target, b, key)
  local v = get(target, b[key])
  if type(v) ~= "table" then return {} end
  local out = {}
  for _, x in ipairs(v) do
    if b.limit and #out >= b.limit then break end
    out[#out + 1] = x
  end
  return out
end

-- The view's blocks with their values read from target (a document or the corpus):
--   {kind="heading", text=, level=} {kind="field", label=, text=}
--   {kind="list", numbered=, items={{text=, speaker=, cite=}...}} or {kind="empty", text=}
--   {kind="table", head={...}, rows={{...}...}} {kind="chips", items={{text=, count=}...}}
-- nil when nothing but headings would show.
function M.resolve(view, target)
  local out, shown = {}, false
  for _, b in ipairs(view) do
    if type(b) ~= "table" then goto continue end
    if b.heading ~= nil then
      out[#out + 1] = { kind = "heading", text = tostring(b.heading), level = tonumber(b.level) }
    elseif b.field ~= nil then
      local s = text_of(get(target, b.field))
      if s and s ~= "" then
        out[#out + 1] = { kind = "field", label = b.label, text = s }
        shown = true
      end
    elseif b.list ~= nil or b.table ~= nil or b.chips ~= nil then
      local kind = b.list ~= nil and "list" or b.table ~= nil and "table" or "chips"
      local xs = items(target, b, kind)
      local blk = { kind = kind, numbered = b.numbered and true or nil, items = {}, rows = {}, head = {} }
      for _, x in ipairs(xs) do
        if kind == "table" then
          local row = {}
          for i, c in ipairs(b.columns or {}) do row[i] = text_of(get(x, c.field or c[1])) or "" end
          blk.rows[#blk.rows + 1] = row
        else
          local text = type(x) == "table" and text_of(get(x, b.text or "text")) or text_of(x)
          if text and text ~= "" then
            blk.items[#blk.items + 1] = {
              text = text,
              speaker = type(x) == "table" and b.speaker and text_of(get(x, b.speaker)) or nil,
              cite = type(x) == "table" and b.cite and text_of(get(x, b.cite)) or nil,
              count = type(x) == "table" and b.count and text_of(get(x, b.count)) or nil,
            }
          end
        end
      end
      if kind == "table" then
        for i, c in ipairs(b.columns or {}) do blk.head[i] = tostring(c.title or c.field or c[1] or "") end
      end
      if #blk.items > 0 or #blk.rows > 0 then
        out[#out + 1] = blk
        shown = true
      elseif b.empty then
        out[#out + 1] = { kind = "empty", text = tostring(b.empty) }
        shown = true
      end
    end
    ::continue::
  end
  if not shown then return nil end
  return out
end

-- Neutral blocks as Markdown.
function M.blocks_markdown(blocks)
  local esc = M.md_escape
  local out = {}
  for _, b in ipairs(blocks) do
    if b.kind == "heading" then
      out[#out + 1] = b.level and (string.rep("#", math.max(1, math.min(b.level, 6))) .. " " .. esc(b.text))
        or ("**" .. esc(b.text) .. "**")
    elseif b.kind == "field" then
      out[#out + 1] = (b.label and ("**" .. esc(b.label) .. "**: ") or "") .. esc(b.text)
    elseif b.kind == "empty" then
      out[#out + 1] = esc(b.text)
    elseif b.kind == "list" then
      local lines = {}
      for i, it in ipairs(b.items) do
        lines[i] = (b.numbered and (i .. ". ") or "- ") .. (it.speaker and ("**" .. esc(it.speaker) .. "**: ") or "")
          .. esc(it.text) .. (it.cite and (" (" .. esc(it.cite) .. ")") or "")
      end
      out[#out + 1] = table.concat(lines, "\n")
    elseif b.kind == "table" then
      local lines = { "| " .. table.concat((function()
        local h = {}
        for i, x in ipairs(b.head) do h[i] = esc(x) end
        return h
      end)(), " | ") .. " |", "|" .. string.rep("---|", #b.head) }
      for _, row in ipairs(b.rows) do
        local cells = {}
        for i, x in ipairs(row) do cells[i] = esc(x) end
        lines[#lines + 1] = "| " .. table.concat(cells, " | ") .. " |"
      end
      out[#out + 1] = table.concat(lines, "\n")
    elseif b.kind == "chips" then
      local parts = {}
      for i, it in ipairs(b.items) do parts[i] = esc(it.text) .. (it.count and (" ×" .. esc(it.count)) or "") end
      out[#out + 1] = table.concat(parts, "، ")
    end
  end
  return table.concat(out, "\n\n")
end

-- The view of a planned stage: its own `view`, else a built-in stage's io/views module.
function M.view_of(st, name)
  if type(st) ~= "table" then return nil end
  if type(st.view) == "table" then return st.view end
  name = name or st.name
  if type(name) == "string" and require("naskh.engine.registry").get(name) == st then
    local ok, v = pcall(require, "naskh.io.views." .. name)
    if ok then return v end
    if not tostring(v):find("module 'naskh.io.views." .. name .. "' not found", 1, true) then error(v, 0) end
  end
  return nil
end

-- A stage's section in format fmt ("markdown", "html", ...) for target (a document or the
-- corpus): entry is a plan entry {name=, stage=, opts=, ctx=}. Returns a string or nil;
-- errors are raised (the writers report them where the section would be).
--   1. the stage's own hook for fmt (backward compatible: markdown(), html());
--   2. a view's renderer for fmt (built-in views in io/views may carry one);
--   3. a view's blocks, formatted by format(blocks) (the writer's; Markdown by default).
function M.section(entry, target, fmt, format)
  local st = entry.stage or {}
  if type(st[fmt]) == "function" then return st[fmt](target, entry.opts, entry.ctx) end
  local view = M.view_of(st, entry.name)
  if not view then return nil end
  if type(view[fmt]) == "function" then return view[fmt](target, entry.opts, entry.ctx) end
  if #view == 0 then return nil end
  local blocks = M.resolve(view, target)
  if not blocks then return nil end
  format = format or (fmt == "markdown" and M.blocks_markdown)
  if not format then return nil end
  return format(blocks)
end

-- The Markdown of one planned stage for target (tests, `naskh summarize --format markdown`).
function M.markdown(entry, target)
  return M.section(entry, target, "markdown")
end

return M
