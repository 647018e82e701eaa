-- naskh.io.render: the one rendering layer between the stages' data and the writers.
-- Stages produce data only; how a stage's fields show is its *view*, plain data:
--   * a user's stage declares `view = { block, ... }` (docs/lua-api.md, "Views");
--   * a built-in stage's view is the data table of io/views/<name>.lua;
--   * a stage that still defines markdown(doc_or_corpus, opts, ctx) or html(...) keeps
--     working: its own hook for a format wins over its view.
-- Each writer renders the block *kinds* (never a stage's name), so a new output format
-- touches io/ only: io/markdown.lua, io/html.lua and io/text.lua each render the kinds
-- they can show and pass over the others.
-- A block is a table with one kind key; its value is the path of the field it shows.
-- Generic kinds (resolved here into neutral blocks by M.resolve):
--   { heading = "text", level = n }                   a heading (no level: a bold line)
--   { field = "path", label = "text" }                one value, with an optional label
--   { list = "path", text = "path", speaker = "path", cite = "path", numbered = bool }
--   { table = "path", columns = { { field = "path", title = "text" }, ... }, title = "text" }
--       a column may add: format = "amount" (a figure with approx/bound) or "counts" (a
--       map value -> n, most first), paren = "path" (" (x)" after), warn = "path"
--       (" ⚠ x" after), default = "text", align = "end", link = true (HTML: the cell
--       links to the item's span in its article)
--   { chips = "path", text = "path", count = "path", label = "path" }
-- Report kinds (each writer renders them its own way; Markdown and HTML know them all):
--   { summary = "path" }      a linked summary list: {sentences={{text, cut, sources=
--                             {{doc, sentence, s, e}}}}, method, budget, words}
--   { articles = "path", summary = "path", flag = "path" }   the corpus's articles, one row
--                             each (sentences, how many summary sentences cite it, a note)
--   { timeline = "path", anchor = "path" }   dated events {date, doc, label, text, s, e}
--   { quotes = "path", merged = "path" }     quote blocks with speaker {text, kind, verb,
--                             speaker={name|text, id, type, how}, source}; merged: the
--                             field of the ids of the articles each quote is in
--   { marks = "path", as = "entity"|"date"|"quote" }   spans marked inside the article's
--                             text (HTML; entities also make the most-mentioned chips)
--   { mentions = "path" }     named spans {surface, name, type, id} as a table of names
--   { dropped = "path" }      removed spans {s, e, reason}: listed, or collapsed in place
--   { paragraphs = "path", spans = "path" }  a text (or the text of spans) as paragraphs
--   { flags = "path", doc = "path", reason = "path", flag = "path" }  articles flagged
--                             (items {doc, reason} of which `flag` is true)
-- Options of every block: title = "text" or { en = "...", ar = "..." } (the Markdown
-- report is written in English, the HTML report in Arabic; a plain string serves both),
-- level = n; when = "option" (the block shows only when the stage's option is true);
-- only = "markdown" or { formats... }; scope = "document" | "corpus" (the block shows
-- for that target only); each = "path" (the block is shown for every item of that list,
-- its {field} in the title filled from the item); limit = n or { option = "name" };
-- empty = text shown when the list is empty (else the block is left out); note =
-- { field = "path", en = "template {x}", missing = text } after a title.
-- Headings show only when some other block of the view shows.
local M = {}

-- Escape Markdown's active characters in a line of text.
local find = string.find
function M.md_escape(s)
  s = tostring(s)
  -- (most text has nothing to escape and no run of white space: returned as it is)
  if not find(s, "[\\`*%[%]<>|\t\n\r\v\f]") and not find(s, "  ", 1, true) then return s end
  return (s:gsub("([\\`*%[%]<>|])", "\\%1"):gsub("%s+", " "))
end

-- s on one line: runs of white space become one space, none at the ends (the one helper of
-- the writers and of `naskh summarize`).
function M.one_line(s)
  return (tostring(s):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- A summary as plain text: one sentence a line, a cut one ending with " …", and a
-- sentence the source glues to the one before ("X.Y", item.glued) on the same line
-- with nothing between, so the summary has as many white-space words as its budget
-- counted (the same text `naskh summarize --format plain` prints).
function M.plain_summary(summary)
  local out = {}
  for i, item in ipairs(summary.sentences) do
    if i > 1 then out[#out + 1] = item.glued and "" or "\n" end
    out[#out + 1] = M.one_line(item.text or "") .. (item.cut and " …" or "")
  end
  return table.concat(out)
end

-- The citation of a summary sentence: "[doc, sN; ...]".
function M.cite(item)
  local parts = {}
  for _, src in ipairs(item.sources or {}) do parts[#parts + 1] = src.doc .. ", s" .. src.sentence end
  return "[" .. table.concat(parts, "; ") .. "]"
end

-- The kinds, generic first (a list block also has a `text` key: the first kind present wins).
local KINDS = { "heading", "field", "list", "table", "chips",
                "articles", "summary", "timeline", "quotes", "marks", "mentions", "dropped", "paragraphs", "flags" }
M.KINDS = KINDS
local GENERIC = { heading = true, field = true, list = true, table = true, chips = true }
M.GENERIC = GENERIC

-- The kind of a block (nil: none). Views are data that do not change while they are used:
-- the answer is remembered per block table (weakly: nothing is kept for a view let go).
local kind_of = setmetatable({}, { __mode = "k" })
function M.kind(b)
  if type(b) ~= "table" then return nil end
  local k = kind_of[b]
  if k ~= nil then return k or nil end
  for _, name in ipairs(KINDS) do
    if b[name] ~= nil then k = name; break end
  end
  kind_of[b] = k or false
  return k
end

-- A title in a language: a string as is, { en = , ar = } the one asked for, else the other.
function M.label(x, lang)
  if type(x) == "table" then
    local v = x[lang or "en"]
    if v == nil then v = x.en or x.ar end
    return v ~= nil and tostring(v) or nil
  end
  return x ~= nil and tostring(x) or nil
end

-- Problems with a view (a list of messages, empty when it is well formed).
function M.check_view(view, where)
  local problems = {}
  local function bad(i, msg) problems[#problems + 1] = string.format("%s: view[%d]: %s", where, i, msg) end
  if type(view) ~= "table" then return { where .. ": 'view' must be a list of blocks, got " .. type(view) } end
  for i, b in ipairs(view) do
    if type(b) ~= "table" then
      bad(i, "a block must be a table, got " .. type(b))
    else
      local kind = M.kind(b)
      if not kind then
        bad(i, "a block needs one of " .. table.concat(KINDS, ", "))
      elseif kind == "table" and type(b.columns) ~= "table" then
        bad(i, "a table block needs columns = { {field=, title=}, ... }")
      elseif kind == "heading" and type(b.heading) ~= "string" and type(b.heading) ~= "table" then
        bad(i, "heading must be a string or { en = , ar = }")
      elseif kind == "marks" and b.as ~= nil and b.as ~= "entity" and b.as ~= "date" and b.as ~= "quote" then
        bad(i, "marks: 'as' must be entity, date or quote")
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
  if not path:find(".", 1, true) then -- one field (most paths): no splitting
    if type(t) ~= "table" then return nil end
    local v = t[path]
    if v == nil and path:byte(1) <= 57 and find(path, "^%d+$") then v = t[tonumber(path)] end
    return v
  end
  local v = t
  for key in path:gmatch("[^%.]+") do
    if type(v) ~= "table" then return nil end
    v = v[tonumber(key) or key]
  end
  return v
end
M.get = get

-- A number as text: integral values without ".0", others with 6 significant digits.
function M.number(v)
  if math.type(v) == "integer" then return tostring(v) end
  if v == math.floor(v) and math.abs(v) < 2^53 then return string.format("%d", v) end
  return string.format("%.6g", v)
end

-- A value as text: integral numbers without ".0", lists of plain values joined.
local function text_of(v)
  local ty = type(v)
  if v == nil then return nil end
  if ty == "string" then return v end
  if ty == "number" then return M.number(v) end
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

-- Named value formats of table columns, by language (en: the Markdown report, ar: HTML).
local BOUND = { en = { more = "> ", less = "< " }, ar = { more = "أكثر من ", less = "أقل من " } }
M.FORMATS = {
  -- a figure {value, approx, bound}: "≈ 5", "> 1000" / "أكثر من 1000"
  amount = function(v, item, lang)
    local s = type(v) == "number" and M.number(v) or text_of(v) or ""
    if type(item) == "table" then
      if item.approx then s = "≈ " .. s end
      local b = BOUND[lang] or BOUND.en
      if item.bound and b[item.bound] then s = b[item.bound] .. s end
    end
    return s
  end,
  -- a map value -> n: "a (3)، b (1)", most first, at most column.limit
  counts = function(v, _, _, col)
    local list = {}
    for k, n in pairs(type(v) == "table" and v or {}) do list[#list + 1] = { k, n } end
    table.sort(list, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] < b[1] end)
    local parts = {}
    for i = 1, math.min(#list, col and col.limit or #list) do parts[i] = list[i][1] .. " (" .. list[i][2] .. ")" end
    return table.concat(parts, "، ")
  end,
}

-- Does block b show in format fmt for target with the stage's opts?
function M.shows(b, fmt, target, opts)
  if b.only ~= nil then
    local ok = false
    for _, f in ipairs(type(b.only) == "table" and b.only or { b.only }) do if f == fmt then ok = true end end
    if not ok then return false end
  end
  if b.when ~= nil and not (type(opts) == "table" and opts[b.when]) then return false end
  if b.scope ~= nil and type(target) == "table" then
    local is_doc = rawget(target, "text") ~= nil and rawget(target, "docs") == nil
    if (b.scope == "document") ~= is_doc then return false end
  end
  return true
end

-- A block's limit: a number, or { option = "name" } read from the stage's options.
function M.limit(b, opts)
  local l = b.limit
  if type(l) == "table" then l = type(opts) == "table" and opts[l.option] or nil end
  return tonumber(l)
end

-- A template "text {path} text" with the paths read from t; nil when a path is missing.
function M.fill(template, t)
  local missing = false
  local s = template:gsub("{([%w_%.#]+)}", function(path)
    local v = text_of(get(t, path))
    if v == nil then missing = true; return "" end
    return v
  end)
  if missing then return nil end
  return s
end

-- A block's title in lang, its {paths} filled from item (the `each` item or the target).
function M.title(b, lang, item)
  local t = M.label(b.title, lang)
  if t and item then t = M.fill(t, item) or t end
  return t
end

-- A block's note after its title: { field = "path", en = "template", missing = text }.
function M.note(b, target, lang)
  local n = b.note
  if type(n) ~= "table" then return nil end
  local v = n.field and get(target, n.field) or target
  local tpl = M.label({ en = n.en, ar = n.ar }, lang)
  if v ~= nil and tpl then
    local s = M.fill(tpl, v)
    if s then return s end
  end
  return M.label(n.missing, lang)
end

local function items(target, b, key, opts)
  local v = get(target, b[key])
  if type(v) ~= "table" then return {} end
  local out, limit = {}, M.limit(b, opts)
  for _, x in ipairs(v) do
    if limit and #out >= limit then break end
    out[#out + 1] = x
  end
  return out
end

-- The cell of column c for item x: its text, and whether it was formatted (a writer does
-- not escape a formatted cell's markup characters again).
local function cell(x, c, lang)
  local v = get(x, c.field or c[1])
  local s, formatted
  if c.format and M.FORMATS[c.format] then
    s, formatted = M.FORMATS[c.format](v, x, lang, c), true
  else
    s = text_of(v)
  end
  if (s == nil or s == "") and c.default then s = M.label(c.default, lang) end
  s = s or ""
  local p = c.paren and text_of(get(x, c.paren))
  if p and p ~= "" then s = s .. " (" .. p .. ")" end
  local w = c.warn and text_of(get(x, c.warn))
  if w and w ~= "" then s = s .. " ⚠ " .. w end
  return s, formatted
end

-- One generic block with its values read from target, or nil when it shows nothing:
--   {kind="heading", text=, level=} {kind="field", label=, text=}
--   {kind="list", numbered=, items={{text=, speaker=, cite=}...}} or {kind="empty", text=}
--   {kind="table", title=, note=, level=, head={...}, rows={{...}...}, formatted={[i]=true},
--    align={[i]="end"}, columns=, raw={item...}}
--   {kind="chips", label=, items={{text=, count=}...}}
-- opts: the stage's options (limit = {option=}); lang: "en" (default) or "ar".
function M.resolve_block(b, target, opts, lang)
  lang = lang or "en"
  if b.heading ~= nil then
    return { kind = "heading", text = M.label(b.heading, lang), level = tonumber(b.level) }
  elseif b.field ~= nil then
    local s = text_of(get(target, b.field))
    if s and s ~= "" then return { kind = "field", label = M.label(b.label, lang), text = s } end
    return nil
  end
  local kind = b.list ~= nil and "list" or b.table ~= nil and "table" or b.chips ~= nil and "chips" or nil
  if not kind then return nil end
  local xs = items(target, b, kind, opts)
  if #xs == 0 and b.empty == nil then return nil end
  local blk = { kind = kind, numbered = b.numbered and true or nil, items = {}, rows = {}, head = {},
                formatted = {}, align = {}, raw = {}, columns = b.columns }
  for _, x in ipairs(xs) do
    if kind == "table" then
      local row = {}
      for i, c in ipairs(b.columns or {}) do
        local s, f = cell(x, c, lang)
        row[i] = s
        if f then blk.formatted[i] = true end
      end
      blk.rows[#blk.rows + 1] = row
      blk.raw[#blk.raw + 1] = x
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
    for i, c in ipairs(b.columns or {}) do
      blk.head[i] = M.label(c.title, lang) or tostring(c.field or c[1] or "")
      blk.align[i] = c.align
    end
    blk.title, blk.level, blk.note = M.title(b, lang, target), tonumber(b.level), M.note(b, target, lang)
  end
  if kind == "chips" and b.label then blk.label = text_of(get(target, b.label)) end
  if #blk.items > 0 or #blk.rows > 0 then return blk end
  if b.empty ~= nil then
    if kind == "chips" and blk.label then return { kind = "chips", label = blk.label, items = {}, empty = M.label(b.empty, lang) } end
    return { kind = "empty", text = M.label(b.empty, lang) }
  end
  return nil
end

-- The view's generic blocks with their values read from target (a document or the
-- corpus), in format fmt ("markdown" unless given): a list of neutral blocks (see
-- resolve_block; a block with `each` gives one per item), or nil when nothing but headings
-- would show. Report kinds are left to the writers (M.kind tells them).
function M.resolve(view, target, opts, lang, fmt)
  local out, shown = {}, false
  for _, b in ipairs(view) do
    if type(b) == "table" and GENERIC[M.kind(b)] and M.shows(b, fmt or "markdown", target, opts) then
      local targets = { target }
      if b.each ~= nil then targets = items(target, { list = b.each }, "list") end
      for _, tg in ipairs(targets) do
        local blk = M.resolve_block(b, tg, opts, lang)
        if blk then
          out[#out + 1] = blk
          if blk.kind ~= "heading" then shown = true end
        end
      end
    end
  end
  if not shown then return nil end
  return out
end

-- A heading line in Markdown: "## text" at a level, else "**text**".
local function md_heading(text, level)
  local esc = M.md_escape
  return level and (string.rep("#", math.max(1, math.min(level, 6))) .. " " .. esc(text)) or ("**" .. esc(text) .. "**")
end
M.md_heading = md_heading

-- One neutral block as Markdown.
function M.block_markdown(b)
  local esc = M.md_escape
  if b.kind == "heading" then
    return md_heading(b.text, b.level)
  elseif b.kind == "field" then
    return (b.label and ("**" .. esc(b.label) .. "**: ") or "") .. esc(b.text)
  elseif b.kind == "empty" then
    return esc(b.text)
  elseif b.kind == "list" then
    local lines = {}
    for i, it in ipairs(b.items) do
      lines[i] = (b.numbered and (i .. ". ") or "- ") .. (it.speaker and ("**" .. esc(it.speaker) .. "**: ") or "")
        .. esc(it.text) .. (it.cite and (" (" .. esc(it.cite) .. ")") or "")
    end
    return table.concat(lines, "\n")
  elseif b.kind == "table" then
    local h, sep = {}, {}
    for i, x in ipairs(b.head) do
      h[i] = esc(x)
      sep[i] = b.align and b.align[i] == "end" and "---:" or "---"
    end
    local lines = { "| " .. table.concat(h, " | ") .. " |", "|" .. table.concat(sep, "|") .. "|" }
    for _, row in ipairs(b.rows) do
      local cells = {}
      for i, x in ipairs(row) do cells[i] = (b.formatted and b.formatted[i]) and x or esc(x) end
      lines[#lines + 1] = "| " .. table.concat(cells, " | ") .. " |"
    end
    local t = table.concat(lines, "\n")
    if b.title then
      t = md_heading(b.title, b.level) .. (b.note and (" (" .. esc(b.note) .. ")") or "") .. "\n\n" .. t
    end
    return t
  elseif b.kind == "chips" then
    local parts = {}
    for i, it in ipairs(b.items) do parts[i] = esc(it.text) .. (it.count and (" ×" .. esc(it.count)) or "") end
    local body = #parts > 0 and table.concat(parts, "، ") or (b.empty and esc(b.empty) or "")
    return (b.label and ("**" .. esc(b.label) .. "**: ") or "") .. body
  end
  return nil
end

-- Neutral blocks as Markdown.
function M.blocks_markdown(blocks)
  local out = {}
  for _, b in ipairs(blocks) do
    local s = M.block_markdown(b)
    if s then out[#out + 1] = s end
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
--   2. its view, rendered by format(view, target, opts, entry) (the writer's; Markdown's
--      naskh.io.markdown.render_view by default).
function M.section(entry, target, fmt, format)
  local st = entry.stage or {}
  if type(st[fmt]) == "function" then return st[fmt](target, entry.opts, entry.ctx) end
  local view = M.view_of(st, entry.name)
  if not view or #view == 0 then return nil end
  format = format or (fmt == "markdown" and require("naskh.io.markdown").render_view)
  if not format then return nil end
  return format(view, target, entry.opts or {}, entry)
end

-- The Markdown of one planned stage for target (tests, `naskh summarize --format markdown`).
function M.markdown(entry, target)
  return M.section(entry, target, "markdown")
end

return M
