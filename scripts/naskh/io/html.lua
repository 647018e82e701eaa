-- naskh.io.html: the report as one self-contained HTML page (right to left,
-- Arabic, no scripts, no network: a Content-Security-Policy forbids every
-- fetch). It shows whatever the recipe's stages produced and nothing else:
-- What shows is what the views of the plan's stages declare (naskh.io.render), by kind;
-- this writer knows no stage by name:
--   summary      the summary section, each sentence linked to its place in its article
--                (a block with `each`: each article's own summary, collapsed in it)
--   timeline     dated events, oldest first, linked to their articles
--   quotes       by speaker: the corpus's merged quotes, else every article's
--   marks        inside the text: entities coloured by type (hover: type, id, name; and the
--                most mentioned as chips), dates underlined (hover: the resolved date), quotes
--   flags        the flagged article is marked with the reason
--   dropped      removed boilerplate, collapsed in <details> where it was
-- and the document's own fields: its text, sentences (anchors, "article N, sentence K"),
-- meta, errors and warnings. The generic blocks of a view (heading, field, list, table,
-- chips) make the stage's own section (M.blocks_html); a stage's html(doc_or_corpus, opts,
-- ctx) -> HTML string wins over its view, and a stage with only a markdown hook gets that
-- converted instead. Field shapes are read defensively: a recipe with only `split` renders.
local naskh = require "naskh"
local render = require "naskh.io.render"

local M = {}
local W = {}
W.__index = W

function M.new(sk, spec, plan)
  return setmetatable({ sink = sk, spec = spec or {}, plan = plan or { stages = {} },
                        docs = {}, done = false }, W)
end

---------------------------------------------------------------------------
-- Text helpers

local T = require "naskh.io.html_text"
local esc, squash, trunc, cls, bidi = T.escape, T.squash, T.trunc, T.cls, T.bidi
M.escape = esc
M.bidi = bidi

local function int(v)
  if math.type(v) == "integer" then return v end
  if type(v) == "number" and v == math.floor(v) then return math.tointeger(v) end
  return nil
end

-- A span {s,e} clipped to the text, or nil.
local function span(x, len)
  if type(x) ~= "table" then return nil end
  local s, e = int(x.s), int(x.e)
  if not s or not e then return nil end
  if s < 1 then s = 1 end
  if e > len then e = len end
  if e < s then return nil end
  return s, e
end

local function list(v)
  if type(v) == "table" and (v[1] ~= nil or next(v) == nil) then return v end
  return {}
end

-- A readable name for an entity, a speaker or anything that may carry one.
local function name_of(x, text)
  if type(x) == "string" then return x end
  if type(x) ~= "table" then return nil end
  local m = type(x.meta) == "table" and x.meta or {}
  local n = x.canonical or m.canonical or x.name or m.name or x.surface or x.text
  if type(n) == "string" and n ~= "" then return n end
  if text and int(x.s) and int(x.e) then return text:sub(x.s, x.e) end
  if type(x.id) == "string" then return x.id end
  return nil
end

-- Arabic counted nouns: 1 and 2 (dual) without the number, 3-10 the plural, 11-99 the
-- accusative singular, round hundreds the singular.
local NOUNS = {
  ["مقال"] = { dual = "مقالان", acc = "مقالًا" }, ["جملة"] = { dual = "جملتان", acc = "جملة" },
  ["كيان"] = { dual = "كيانان", acc = "كيانًا" }, ["اقتباس"] = { dual = "اقتباسان", acc = "اقتباسًا" },
  ["كلمة"] = { dual = "كلمتان", acc = "كلمة" }, ["حدث"] = { dual = "حدثان", acc = "حدثًا" },
  ["مقطع"] = { dual = "مقطعان", acc = "مقطعًا" },
}
local function plural(n, one, many)
  local forms = NOUNS[one] or {}
  if n == 1 then return one .. (one:sub(-2) == "ة" and " واحدة" or " واحد") end
  if n == 2 and forms.dual then return forms.dual end
  local r = n % 100
  if r >= 3 and r <= 10 then return string.format("%d %s", n, many) end
  if r >= 11 then return string.format("%d %s", n, forms.acc or one) end
  return string.format("%d %s", n, one)
end
M.plural = plural

---------------------------------------------------------------------------
-- Inline annotations (nested spans over a range of the text) are naskh.io.html_marks.
local inline = require "naskh.io.html_marks"
local text_html, render_range = inline.text_html, inline.render_range

-- The Markdown subset converter (stages that only define a markdown hook) is its own module.
M.markdown_to_html = require("naskh.io.md2html").convert

---------------------------------------------------------------------------
-- Labels (the report is in Arabic; technical values stay Latin inside <bdi>).

local TYPE_LABEL = {
  PERS = "أشخاص", PER = "أشخاص", PERSON = "أشخاص",
  LOC = "أماكن", GPE = "دول ومدن",
  ORG = "منظمات",
  NORP = "جنسيات وصفات",
  MISC = "أخرى",
}
local TYPE_ORDER = { "PERS", "PER", "PERSON", "ORG", "LOC", "GPE", "NORP", "MISC" }
local TYPE_RANK = {}
for i, ty in ipairs(TYPE_ORDER) do TYPE_RANK[ty] = i end

-- Entity types in the order of TYPE_ORDER, unknown ones after, by name.
local function sort_types(types)
  table.sort(types, function(a, b)
    local ra, rb = TYPE_RANK[a] or 99, TYPE_RANK[b] or 99
    if ra ~= rb then return ra < rb end
    return a < b
  end)
end

-- Reasons the clean stage gives for dropped text.
local REASON_LABEL = {
  navigation = "روابط الموقع", marker = "عنوان قسم", credit = "حقوق صورة", latin_line = "سطر لاتيني",
  outlet = "اسم الموقع", repeated_line = "سطر مكرر", caption = "تعليق صورة",
}

-- The bundled recipes' titles in Arabic (data); a stage's name in Arabic is its view's label.
local RECIPE_TITLE = require "naskh.io.assets.recipe_titles"
local WORDS = require "naskh.io.assets.report_words"
M.RECIPE_TITLE = RECIPE_TITLE

local CSS = require "naskh.io.assets.report_css"

---------------------------------------------------------------------------
-- The report

-- Merged dropped regions: {s=, e=, reasons={...}}, sorted.
local function dropped_regions(d, path)
  local rs = {}
  for _, x in ipairs(list(path and render.get(d, path))) do
    local s, e = span(x, #d.text)
    if s then
      local why = type(x.reason) == "string" and x.reason or nil
      if why and type(x.marker) == "string" then why = why .. ": " .. x.marker end
      rs[#rs + 1] = { s = s, e = e, reason = why }
    end
  end
  table.sort(rs, function(a, b) return a.s < b.s end)
  local out = {}
  for _, x in ipairs(rs) do
    local last = out[#out]
    if last and x.s <= last.e + 1 then
      if x.e > last.e then last.e = x.e end
      if x.reason then last.reasons[#last.reasons + 1] = x.reason end
    else
      out[#out + 1] = { s = x.s, e = x.e, reasons = { x.reason } }
    end
  end
  return out
end

-- The entities of a document that are shown: valid spans outside dropped text.
local function shown_entities(ds)
  if ds.ents then return ds.ents end
  local out, len = {}, #ds.doc.text
  for _, x in ipairs(list(ds.marks.entity and render.get(ds.doc, ds.marks.entity.marks))) do
    local s, e = span(x, len)
    local inside = false
    if s then
      for _, r in ipairs(ds.dropped) do
        if s >= r.s and e <= r.e then inside = true; break end
      end
    end
    if s and not inside then out[#out + 1] = x end
  end
  ds.ents = out
  return out
end


local R = {}
R.__index = R

-- Per-document state: anchor name, number, annotations.
-- The report kinds of the plan's views (naskh.io.render), by the scope of their stage:
-- { document = { kind = {block...} }, corpus = { kind = {block...} } }, the blocks that show
-- in HTML with their stage's options. A stage with its own html() hook is left to it.
local function report_blocks(plan)
  local by = { document = {}, corpus = {} }
  for _, s in ipairs(plan.stages or {}) do
    local st = s.stage or {}
    if type(st.html) ~= "function" then
      local ok, view = pcall(render.view_of, st, s.name)
      local scope = by[st.scope or "document"] or by.document
      for _, b in ipairs(ok and type(view) == "table" and view or {}) do
        local kind = render.kind(b)
        if kind and not render.GENERIC[kind] and render.shows(b, "html", nil, s.opts or {})
          and not (b.scope == "document" and scope == by.corpus) then
          scope[kind] = scope[kind] or {}
          table.insert(scope[kind], b)
        end
      end
    end
  end
  return by
end

local function first(blocks, test)
  for _, b in ipairs(blocks or {}) do if not test or test(b) then return b end end
  return nil
end

local function new_report(corpus, plan, spec)
  local r = setmetatable({ corpus = corpus, plan = plan, spec = spec, docs = {}, by_id = {},
                           seq = 0, nanchor = 0, types = {}, used = {} }, R)
  local kinds = report_blocks(plan)
  r.kinds = kinds
  -- the marks of the text, one field each: entity, date, quote
  r.marks = {}
  for _, b in ipairs(kinds.document.marks or {}) do r.marks[b.as or "entity"] = r.marks[b.as or "entity"] or b end
  r.dropped_path = first(kinds.document.dropped) and first(kinds.document.dropped).dropped
  r.summary_b = first(kinds.corpus.summary, function(b) return b.each == nil end)
  r.docsum_b = first(kinds.corpus.summary, function(b) return b.each ~= nil end)
  r.timeline_b = first(kinds.corpus.timeline)
  r.flags_b = first(kinds.corpus.flags)
  for _, d in ipairs(corpus.all or corpus.docs or {}) do
    if type(d) == "table" and type(d.text) == "string" then
      local ds = { doc = d, n = #r.docs + 1, anchor = "a" .. (#r.docs + 1), anns = {}, spans = {},
                   dropped = dropped_regions(d, r.dropped_path), marks = r.marks }
      r.docs[#r.docs + 1] = ds
      if d.id ~= nil and r.by_id[tostring(d.id)] == nil then r.by_id[tostring(d.id)] = ds end
    end
  end
  return r
end

function R:add(ds, a)
  self.seq = self.seq + 1
  a.seq = self.seq
  ds.anns[#ds.anns + 1] = a
  if a.id then ds.spans[a.s .. ":" .. a.e] = ds.spans[a.s .. ":" .. a.e] or a.id end
  return a
end

-- The document a corpus-level item points into (field doc, doc_id or id-less with one document).
function R:doc_of(x)
  if type(x) ~= "table" then return nil end
  local id = x.doc or x.doc_id or x.document
  if type(id) == "table" then id = id.id end
  if id ~= nil then return self.by_id[tostring(id)] end
  return nil
end

-- An anchor for span s..e in document ds: an annotation with this exact span, or a new one.
function R:target(ds, s, e)
  local key = s .. ":" .. e
  if ds.spans[key] then return ds.spans[key] end
  self.nanchor = self.nanchor + 1
  local a = self:add(ds, { s = s, e = e, rank = 2.5, tag = "span", attrs = ' class="tgt"',
                           id = "t" .. self.nanchor })
  return a.id
end

-- The number of the sentence of document ds that holds byte s, or nil (no sentences).
function R:sentence_no(ds, s)
  if not s then return nil end
  local starts = ds.sent_starts
  if not starts then
    starts = {}
    local len = #ds.doc.text
    for _, x in ipairs(list(ds.doc.sentences)) do
      local a = span(x, len)
      if a then starts[#starts + 1] = a end
    end
    ds.sent_starts = starts
  end
  if #starts == 0 or s < starts[1] then return nil end
  local lo, hi = 1, #starts
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if starts[mid] <= s then lo = mid else hi = mid - 1 end
  end
  return lo
end

-- "المقال 4، الجملة 7" (the sentence when the span is known and the article has sentences).
function R:cite_label(ds, s)
  local k = self:sentence_no(ds, s)
  if k then return string.format("المقال %d، الجملة %d", ds.n, k) end
  return "المقال " .. ds.n
end

-- A link to a document item {doc, s, e}; label defaults to "article N, sentence K".
function R:link(x, label, fallback_ds)
  local ds = self:doc_of(x) or fallback_ds
  if not ds then return nil end
  local href = "#" .. ds.anchor
  local s, e = span(x, #ds.doc.text)
  if s then href = "#" .. self:target(ds, s, e) end
  return string.format('<a href="%s">%s</a>', href, label or self:cite_label(ds, s))
end

-- Links "article N, sentence K" to each source {ds=, s=, e=} (R:sources): to its span, else
-- to its article.
function R:source_links(srcs)
  local links = {}
  for _, src in ipairs(srcs) do
    local href = "#" .. src.ds.anchor
    if src.s then href = "#" .. self:target(src.ds, src.s, src.e) end
    links[#links + 1] = string.format('<a href="%s">%s</a>', href, self:cite_label(src.ds, src.s))
  end
  return links
end

-- The text of an item pointing into a document.
function R:item_text(x, ds)
  if type(x) == "string" then return x end
  if type(x) ~= "table" then return nil end
  local t = x.text or x.sentence or x.event
  if type(t) == "string" then return t end
  ds = ds or self:doc_of(x)
  if ds then
    local s, e = span(x, #ds.doc.text)
    if s then return ds.doc.text:sub(s, e) end
  end
  return nil
end

-- The sources of an item: x itself and x.sources / x.occurrences / x.docs.
function R:sources(x, fallback_ds)
  local out, seen = {}, {}
  local function push(y)
    local ds
    if type(y) == "string" or type(y) == "number" then
      ds = self.by_id[tostring(y)]; y = { doc = y }
    else
      ds = self:doc_of(y) or (y == x and fallback_ds) or nil
    end
    if ds then
      local s, e = span(y, #ds.doc.text)
      local key = ds.n .. ":" .. tostring(s) .. ":" .. tostring(e)
      if not seen[key] then seen[key] = true; out[#out + 1] = { ds = ds, s = s, e = e } end
    end
  end
  if type(x) == "table" then
    push(x)
    for _, f in ipairs({ "sources", "occurrences", "docs", "articles", "mentions" }) do
      for _, y in ipairs(list(x[f])) do push(y) end
    end
  end
  -- a document named without a span is dropped when a span in it is listed
  local spanned, kept = {}, {}
  for _, src in ipairs(out) do if src.s then spanned[src.ds] = true end end
  for _, src in ipairs(out) do
    if src.s or not spanned[src.ds] then kept[#kept + 1] = src; spanned[src.ds] = true end
  end
  return kept
end

---------------------------------------------------------------------------
-- Annotations from document fields

local function entity_title(x)
  local parts = {}
  if x.type then parts[#parts + 1] = tostring(x.type) end
  if x.id then parts[#parts + 1] = tostring(x.id) end
  local canon = name_of({ canonical = x.canonical, name = x.name, meta = x.meta })
  if canon then parts[#parts + 1] = canon end
  if type(x.meta) == "table" and type(x.meta.role) == "string" then parts[#parts + 1] = x.meta.role end
  return table.concat(parts, " · ")
end

function R:annotate(ds)
  local d, len = ds.doc, #ds.doc.text
  for i, x in ipairs(list(d.sentences)) do
    local s, e = span(x, len)
    if s then self:add(ds, { s = s, e = e, rank = 1, tag = "span", attrs = ' class="snt"',
                             id = ds.anchor .. "-s" .. i }) end
  end
  for i, x in ipairs(list(self.marks.quote and render.get(d, self.marks.quote.marks))) do
    local s, e = span(x, len)
    if s then
      local who = name_of(x.speaker, d.text)
      self:add(ds, { s = s, e = e, rank = 3, tag = "span", id = ds.anchor .. "-q" .. i,
        attrs = (x.kind == "reported" and ' class="q r"' or ' class="q"') ..
          (who and (' title="' .. esc((x.kind == "reported" and "قول منقول — " or "— ") .. squash(who)) .. '"') or "") })
      self.used.quote = true
    end
  end
  for _, x in ipairs(list(self.marks.date and render.get(d, self.marks.date.marks))) do
    local s, e = span(x, len)
    if s then
      local b = self.marks.date
      local iso = b.value and render.get(x, b.value) or x.iso or x.value or x.date or x.resolved
      local how = b.how and render.get(x, b.how) or x.how or x.method or x.resolution or x.basis
      local title = type(iso) == "string" and iso or ""
      if type(how) == "string" then title = title .. (title ~= "" and " · " or "") .. how end
      self:add(ds, { s = s, e = e, rank = 4, tag = "time",
        attrs = ' class="date"' .. (type(iso) == "string" and iso:match("^[%d%-T:+Z]+$")
          and (' datetime="' .. esc(iso) .. '"') or "") .. (title ~= "" and (' title="' .. esc(title) .. '"') or "") })
      self.used.date = true
    end
  end
  for _, x in ipairs(shown_entities(ds)) do
    local s, e = span(x, len)
    if s then
      local ty = x.type and tostring(x.type) or "MISC"
      self.types[ty] = (self.types[ty] or 0) + 1
      self:add(ds, { s = s, e = e, rank = 5, tag = "mark",
        attrs = string.format(' class="ent t-%s" title="%s"', cls(ty), esc(entity_title(x))) })
    end
  end
end

---------------------------------------------------------------------------
-- Sections

local function summary_items(sm)
  if type(sm) == "string" then return { { text = sm } } end
  if type(sm) ~= "table" then return {} end
  if type(sm.sentences) == "table" then return list(sm.sentences) end
  return list(sm)
end

-- An ordered list of summary sentences; each source gets a highlighted anchor
-- in its article, which links back to the summary.
function R:summary_list(sm, prefix, fallback_ds)
  local items = summary_items(sm)
  if #items == 0 then return nil end
  local out = { fallback_ds and "<ol>" or '<ol class="summary">' }
  for k, x in ipairs(items) do
    local id = prefix .. k
    local text = self:item_text(x, fallback_ds and (self:doc_of(x) or fallback_ds))
    local cites = {}
    for j, src in ipairs(self:sources(x, fallback_ds)) do
      local href = "#" .. src.ds.anchor
      if src.s and fallback_ds then
        href = "#" .. self:target(src.ds, src.s, src.e)
      elseif src.s then
        self.nanchor = self.nanchor + 1
        local aid = "src" .. self.nanchor
        self:add(src.ds, { s = src.s, e = src.e, rank = 2, tag = "span", attrs = ' class="src"', id = aid,
          after = string.format('<sup class="ref"><a href="#%s" title="الملخص">%d</a></sup>', id, k) })
        href = "#" .. aid
        self.used.src = true
      end
      cites[#cites + 1] = string.format('<a href="%s"%s>%s</a>', href,
        j == 1 and "" or ' title="ورد أيضا في"', fallback_ds and "↩" or self:cite_label(src.ds, src.s))
    end
    out[#out + 1] = string.format('<li id="%s">%s%s</li>', id, bidi(squash(text or "")),
      #cites > 0 and ('<span class="cite">' .. table.concat(cites, " ") .. "</span>") or "")
  end
  out[#out + 1] = "</ol>"
  return table.concat(out, "\n")
end

function R:section_summary()
  if not self.summary_b then return nil end
  local sm = render.get(self.corpus, self.summary_b.summary)
  local body = self:summary_list(sm, "sum-")
  if not body then return nil end
  local notes = {}
  if type(sm) == "table" then
    if type(sm.method) == "string" then
      local ar = WORDS.method[sm.method]
      notes[#notes + 1] = "الطريقة: " .. (ar and string.format('<span title="method: %s">%s</span>', esc(sm.method), bidi(ar))
        or ('<bdi class="l">' .. esc(sm.method) .. "</bdi>"))
    end
    local words = int(sm.words)
    if words then notes[#notes + 1] = plural(words, "كلمة", "كلمات") end
    for _, x in ipairs(list(sm.excluded or sm.left_out)) do
      local ds = self.by_id[tostring(type(x) == "table" and (x.doc or x.id) or x)]
      if ds then notes[#notes + 1] = string.format('استُبعد <a href="#%s">المقال %d</a>', ds.anchor, ds.n) end
    end
  end
  return '<section id="summary"><h2>' .. esc(self:title(self.summary_b, "الملخص")) .. '</h2>\n' .. body ..
    (#notes > 0 and ('\n<p class="note">' .. table.concat(notes, " · ") .. "</p>") or "") .. "</section>"
end

local function timeline_items(tl)
  if type(tl) ~= "table" then return {} end
  local src = type(tl.events) == "table" and tl.events or tl
  local out = {}
  for _, x in ipairs(list(src)) do
    if type(x) == "table" and type(x.events) == "table" then
      for _, y in ipairs(x.events) do
        if type(y) == "table" and y.date == nil then y.date = x.date end
        out[#out + 1] = y
      end
    else
      out[#out + 1] = x
    end
  end
  return out
end

-- An ISO 8601 date in words: "الاثنين 20 نوفمبر 2017" (the names are naskh.text.artext's).
local date_words = require("naskh.text.artext").date_words
M.date_words = date_words

function R:section_timeline()
  if not self.timeline_b then return nil end
  local items = timeline_items(render.get(self.corpus, self.timeline_b.timeline))
  if #items == 0 then return nil end
  -- one entry per date, its events (one per sentence) below
  local groups, order = {}, {}
  for _, x in ipairs(items) do
    if type(x) == "table" then
      local date = x.date or x.iso or x.value or x.when or ""
      if type(date) == "table" then date = date.iso or date.value or "" end
      date = tostring(date)
      local g = groups[date]
      if not g then g = { date = date, events = {}, seen = {} }; groups[date] = g; order[#order + 1] = g end
      local srcs = self:sources(x)
      local key = srcs[1] and (srcs[1].ds.n .. ":" .. tostring(srcs[1].s) .. ":" .. tostring(srcs[1].e))
        or self:item_text(x) or tostring(#g.events)
      if not g.seen[key] then
        g.seen[key] = true
        g.events[#g.events + 1] = { x = x, srcs = srcs }
      end
    end
  end
  local out = { '<section id="timeline"><h2>' .. esc(self:title(self.timeline_b, "الخط الزمني")) .. '</h2>',
                '<ol class="timeline">' }
  for _, g in ipairs(order) do
    local iso = (g.date:match("^[%d%-T:+Z/]+$") or g.date:match("^%d%d%d%d%-W%d%d$")) and g.date
    out[#out + 1] = string.format('<li><time%s%s>%s</time><ul>', iso and (' datetime="' .. esc(g.date) .. '"') or "",
      iso and (' title="' .. esc(g.date) .. '"') or "", bidi(date_words(g.date)))
    for n, ev in ipairs(g.events) do
      if n == 4 and #g.events > 4 then
        out[#out + 1] = string.format('<li class="more"><details class="more"><summary>%s أخرى</summary><ul>',
          plural(#g.events - 3, "حدث", "أحداث"))
      end
      local x = ev.x
      local label = x.label or x.expression or x.surface
      local text = self:item_text(x)
      local links = self:source_links(ev.srcs)
      out[#out + 1] = string.format("<li>%s%s%s</li>",
        text and bidi(trunc(squash(text), 220)) or "",
        type(label) == "string" and (' <span class="when">' .. bidi(squash(label)) .. "</span>") or "",
        #links > 0 and ('<span class="cite">' .. table.concat(links, " ") .. "</span>") or "")
    end
    if #g.events > 4 then out[#out + 1] = "</ul></details></li>" end
    out[#out + 1] = "</ul></li>"
  end
  out[#out + 1] = "</ol></section>"
  return table.concat(out, "\n")
end

function R:section_quotes()
  local quotes, qb = {}, nil
  for _, b in ipairs(self.kinds.corpus.quotes or {}) do
    local qs = render.get(self.corpus, b.quotes)
    if type(qs) == "table" and #list(qs) > 0 and #quotes == 0 then
      qb = b
      for _, q in ipairs(qs) do quotes[#quotes + 1] = { q = q } end
    end
  end
  if #quotes == 0 then
    qb = first(self.kinds.document.quotes)
    -- a quote links to its mark in the text when the quotes are marked (anchor aN-qI)
    local marked = qb and self.marks.quote and self.marks.quote.marks == qb.quotes
    for _, ds in ipairs(qb and self.docs or {}) do
      for i, q in ipairs(list(render.get(ds.doc, qb.quotes))) do
        quotes[#quotes + 1] = { q = q, ds = ds, i = marked and i or nil }
      end
    end
  end
  if #quotes == 0 then return nil end
  local groups, order = {}, {}
  for _, item in ipairs(quotes) do
    local q = item.q
    if type(q) == "table" then
      local ds = item.ds or self:doc_of(q)
      local sp = q.speaker
      local who = name_of(sp, ds and ds.doc.text) or (type(q.speaker_name) == "string" and q.speaker_name)
      local key = type(sp) == "table" and sp.id or who or ""
      key = tostring(key)
      if not groups[key] then
        groups[key] = { who = who, type = type(sp) == "table" and sp.type, id = type(sp) == "table" and sp.id,
                        items = {} }
        order[#order + 1] = key
      end
      table.insert(groups[key].items, { q = q, ds = ds, i = item.i })
    end
  end
  table.sort(order, function(a, b)
    if a == "" or b == "" then return b == "" and a ~= "" end
    local na, nb = #groups[a].items, #groups[b].items
    if na ~= nb then return na > nb end
    return a < b
  end)
  local out = { '<section id="quotes"><h2>' .. esc(self:title(qb, "الاقتباسات")) .. '</h2>' }
  for _, key in ipairs(order) do
    local g = groups[key]
    local who = g.who and squash(g.who) or "متحدث غير محدد"
    out[#out + 1] = '<div class="speaker-group">'
    -- a speaker found in no list (البيان، الطرفان) is not shown as a person
    out[#out + 1] = string.format('<h3><span class="chip ent t-%s"%s>%s</span><span class="n">%s</span></h3>',
      cls(g.type or "UNK"), g.id and (' title="' .. esc(tostring(g.id)) .. '"') or ' title="متحدث غير موجود في القوائم"',
      bidi(who),
      plural(#g.items, "اقتباس", "اقتباسات"))
    for n, it in ipairs(g.items) do
      if n == 6 and #g.items > 6 then
        out[#out + 1] = string.format('<details class="more"><summary>%s أخرى</summary>',
          plural(#g.items - 5, "اقتباس", "اقتباسات"))
      end
      local q = it.q
      local text = self:item_text(q, it.ds) or ""
      local reported = q.kind == "reported"
      local bits = { reported and '<span class="kind">قول منقول</span>' or '<span class="kind">اقتباس مباشر</span>' }
      if type(q.verb) == "string" then bits[#bits + 1] = esc(q.verb) end
      local source = q.source
      if type(source) == "table" then source = name_of(source, it.ds and it.ds.doc.text) end
      if type(source) == "string" then bits[#bits + 1] = "بحسب " .. bidi(squash(source)) end
      local links = {}
      if it.ds and it.i then
        local s = span(q, #it.ds.doc.text)
        links[1] = string.format('<a href="#%s">%s</a>', s and (it.ds.anchor .. "-q" .. it.i) or it.ds.anchor,
          self:cite_label(it.ds, s))
      else
        links = self:source_links(self:sources(q))
      end
      if #links > 0 then bits[#bits + 1] = table.concat(links, "؛ ") end
      -- direct speech in «», reported speech (قال إن ...) without quote marks, dashed
      out[#out + 1] = string.format('<figure class="quote %s"><blockquote>%s</blockquote>%s</figure>',
        reported and "reported" or "direct", bidi(squash(text)),
        "<figcaption>" .. table.concat(bits, " · ") .. "</figcaption>")
    end
    if #g.items > 6 then out[#out + 1] = "</details>" end
    out[#out + 1] = "</div>"
  end
  out[#out + 1] = "</section>"
  return table.concat(out, "\n")
end

-- The most mentioned entities, by type.
function R:section_entities()
  local by, any = {}, false
  for _, ds in ipairs(self.docs) do
    for _, x in ipairs(shown_entities(ds)) do
      if type(x) == "table" then
        local ty = x.type and tostring(x.type) or "MISC"
        local name = name_of({ canonical = x.canonical, name = x.name, meta = x.meta }) or
          x.surface or (span(x, #ds.doc.text) and ds.doc.text:sub(x.s, x.e)) or x.id
        if name then
          local key = tostring(x.id or name)
          by[ty] = by[ty] or {}
          local c = by[ty][key]
          if not c then c = { name = squash(name), id = x.id, n = 0, docs = {}, ndocs = 0 }; by[ty][key] = c end
          c.n = c.n + 1
          if not c.docs[ds.n] then c.docs[ds.n] = true; c.ndocs = c.ndocs + 1 end
          any = true
        end
      end
    end
  end
  if not any then return nil end
  local types = {}
  for ty in pairs(by) do types[#types + 1] = ty end
  sort_types(types)
  local out = { '<section id="entities"><h2>الكيانات الأكثر ذكرا</h2><div class="ents">' }
  for _, ty in ipairs(types) do
    local cs = {}
    for _, c in pairs(by[ty]) do cs[#cs + 1] = c end
    table.sort(cs, function(a, b)
      if a.n ~= b.n then return a.n > b.n end
      return a.name < b.name
    end)
    local chips = {}
    for i = 1, math.min(#cs, 12) do
      local c = cs[i]
      chips[#chips + 1] = string.format('<span class="chip ent t-%s" title="%s">%s<small>%d</small></span>',
        cls(ty), esc((c.id and (tostring(c.id) .. " · ") or "") .. plural(c.ndocs, "مقال", "مقالات")),
        bidi(c.name), c.n)
    end
    out[#out + 1] = string.format('<div class="row"><b>%s</b> %s</div>', esc(TYPE_LABEL[ty] or ty),
      table.concat(chips, " "))
  end
  out[#out + 1] = "</div></section>"
  return table.concat(out, "\n")
end

-- The neutral blocks of a view (naskh.io.render.resolve) as HTML, in the report's classes.
-- link(item): HTML linking a table cell of a column with `link = true` to the item's place
-- (nil: the cell's text).
function M.blocks_html(blocks, link)
  local out = {}
  for _, b in ipairs(blocks) do
    if b.kind == "heading" then
      local level = b.level and math.min(b.level + 2, 6) or 4
      out[#out + 1] = string.format("<h%d>%s</h%d>", level, esc(b.text), level)
    elseif b.kind == "field" then
      out[#out + 1] = "<p>" .. (b.label and ("<strong>" .. esc(b.label) .. "</strong>: ") or "") .. bidi(b.text) .. "</p>"
    elseif b.kind == "empty" then
      out[#out + 1] = "<p>" .. bidi(b.text) .. "</p>"
    elseif b.kind == "list" then
      local tag = b.numbered and "ol" or "ul"
      local lis = {}
      for i, it in ipairs(b.items) do
        lis[i] = "<li>" .. (it.speaker and ("<strong>" .. bidi(it.speaker) .. "</strong>: ") or "") .. bidi(it.text)
          .. (it.cite and (' <span class="cite">' .. bidi(it.cite) .. "</span>") or "") .. "</li>"
      end
      out[#out + 1] = "<" .. tag .. ">" .. table.concat(lis) .. "</" .. tag .. ">"
    elseif b.kind == "table" then
      local t = { "<table><tr>" }
      if b.title then
        local level = b.level and math.min(b.level + 2, 6) or 4
        t[1] = string.format("<h%d>%s</h%d>", level, esc(b.title .. (b.note and (" (" .. b.note .. ")") or "")), level) .. t[1]
      end
      for _, x in ipairs(b.head) do t[#t + 1] = "<th>" .. esc(x) .. "</th>" end
      t[#t + 1] = "</tr>"
      for r, row in ipairs(b.rows) do
        t[#t + 1] = "<tr>"
        for i, x in ipairs(row) do
          local c = b.columns and b.columns[i]
          local cell = c and c.link and link and b.raw and link(b.raw[r])
          t[#t + 1] = "<td>" .. (cell or bidi(x)) .. "</td>"
        end
        t[#t + 1] = "</tr>"
      end
      t[#t + 1] = "</table>"
      out[#out + 1] = table.concat(t)
    elseif b.kind == "chips" then
      local chips = {}
      for i, it in ipairs(b.items) do
        chips[i] = '<span class="chip">' .. bidi(it.text) .. (it.count and ("<small>" .. esc(it.count) .. "</small>") or "")
          .. "</span>"
      end
      if #chips == 0 and b.empty then chips[1] = bidi(b.empty) end
      out[#out + 1] = "<p>" .. (b.label and ("<strong>" .. bidi(b.label) .. "</strong>: ") or "") .. table.concat(chips, " ") .. "</p>"
    end
  end
  return table.concat(out, "\n")
end

-- Sections written by stages themselves (html hooks, views, else markdown hooks of non-native stages).
function R:stage_sections(target, scope)
  local parts = {}
  for _, s in ipairs(self.plan.stages or {}) do
    local st = s.stage or {}
    if (st.scope or "document") == scope then
      local ok, h
      local view = type(st.html) ~= "function" and render.view_of(st, s.name) or nil
      if type(st.html) == "function" then
        ok, h = pcall(st.html, target, s.opts, s.ctx)
      elseif view then
        -- the view's generic blocks (its report kinds show in the page's own sections)
        ok, h = pcall(function()
          local blocks = render.resolve(view, target, s.opts or {}, "ar", "html")
          return blocks and M.blocks_html(blocks, function(x) return self:span_link(x, target) end) or nil
        end)
      elseif type(st.markdown) == "function" then
        ok, h = pcall(st.markdown, target, s.opts, s.ctx)
        if ok and type(h) == "string" then h = M.markdown_to_html(h) end
      end
      if ok == false then
        parts[#parts + 1] = string.format('<div class="callout err">لم تتمكن المرحلة <bdi class="l">%s</bdi> من العرض: %s</div>',
          esc(s.name), esc(tostring(h)))
      elseif type(h) == "string" and h ~= "" then
        parts[#parts + 1] = string.format('<div class="stage stage-%s">%s</div>', cls(s.name), h)
      end
    end
  end
  return parts
end

-- The reasons of an outlier as HTML: the outliers stage's data (o.why) worded in Arabic, else a
-- user stage's reason text, isolated.
local function outlier_reason(o)
  if type(o) ~= "table" then return nil end
  local ar = {}
  for _, w in ipairs(type(o.why) == "table" and o.why or {}) do
    local fmt = type(w) == "table" and (w.kind == "date" and (w.from == w.to and WORDS.outlier.date_one
      or WORDS.outlier.date_range) or WORDS.outlier[w.kind])
    if fmt and w.kind == "similarity" and tonumber(w.ratio) and tonumber(w.facts) and tonumber(w.terms) then
      ar[#ar + 1] = string.format(fmt, bidi(string.format("%.2f", w.ratio)), bidi(string.format("%.2f", w.facts)),
        bidi(string.format("%.2f", w.terms)))
    elseif fmt and w.kind == "date" and type(w.date) == "string" and type(w.from) == "string" and type(w.to) == "string" then
      ar[#ar + 1] = string.format(fmt, bidi(date_words(w.date)), bidi(date_words(w.from)), bidi(date_words(w.to)))
    end
  end
  if #ar > 0 then return table.concat(ar, "؛ ") end
  local r = o.reason or o.why
  if type(r) == "string" then return "<bdi>" .. esc(r) .. "</bdi>" end
  local rs = {}
  for _, x in ipairs(list(o.reasons)) do rs[#rs + 1] = type(x) == "string" and x or name_of(x) or "" end
  if #rs > 0 then return "<bdi>" .. esc(table.concat(rs, "؛ ")) .. "</bdi>" end
  return nil
end

-- Is document d flagged by the flags block fb (its list on the corpus: ids, or one entry per
-- article {doc=, <flag>=true|false, reason=})? Returns true and the entry.
local function is_outlier(d, corpus, fb)
  if not fb then return false end
  for _, x in ipairs(list(render.get(corpus, fb.flags))) do
    local id = type(x) == "table" and (render.get(x, fb.doc or "doc") or x.id) or x
    if tostring(id) == tostring(d.id) then
      if type(x) ~= "table" then return true end
      local f = fb.flag and render.get(x, fb.flag)
      if f == true or (f == nil and render.get(x, fb.reason or "reason") ~= nil) then return true, x end
    end
  end
  return false
end

-- The article body: paragraphs with annotations, dropped parts in <details>.
function R:body(ds)
  local d, text = ds.doc, ds.doc.text
  local out = { '<div class="body">' }
  local regions = ds.dropped
  local pending = {}   -- consecutive dropped regions, shown as one block
  local function flush_dropped()
    if #pending == 0 then return end
    local reasons, seen, items = {}, {}, {}
    for _, r in ipairs(pending) do
      for _, why in ipairs(r.reasons) do
        if not seen[why] then seen[why] = true; reasons[#reasons + 1] = why end
      end
      items[#items + 1] = '<p class="gone">' .. text_html(text, r.s, r.e) .. "</p>"
    end
    local whys = {}
    for i, why in ipairs(reasons) do
      local code, rest = why:match("^([%w_]+)(.*)$")
      local label = code and REASON_LABEL[code] and (REASON_LABEL[code] .. rest) or why
      whys[i] = string.format('<span class="why" title="%s">%s</span>', esc(code or why), esc(label))
    end
    out[#out + 1] = string.format('<details class="dropped"><summary>نص محذوف (%s)%s</summary>%s</details>',
      plural(#pending, "مقطع", "مقاطع"), table.concat(whys), table.concat(items))
    pending = {}
  end
  local function kept(a, b)
    local pos = a
    while pos <= b do
      local ss, se = text:find("\n[ \t\r\f\v]*\n%s*", pos)
      local pe = (ss and ss <= b) and ss - 1 or b
      local ps, pe2 = pos, pe
      while ps <= pe2 and text:sub(ps, ps):match("%s") do ps = ps + 1 end
      while pe2 >= ps and text:sub(pe2, pe2):match("%s") do pe2 = pe2 - 1 end
      if ps <= pe2 then
        flush_dropped()
        local p = { "<p>" }
        render_range(text, ps, pe2, ds.anns, p)
        p[#p + 1] = "</p>"
        out[#out + 1] = table.concat(p)
      end
      if not ss or ss > b then break end
      pos = se + 1
    end
  end
  local pos = 1
  for _, r in ipairs(regions) do
    if r.s > pos then kept(pos, r.s - 1) end
    pending[#pending + 1] = r
    pos = r.e + 1
  end
  if pos <= #text then kept(pos, #text) end
  flush_dropped()
  out[#out + 1] = "</div>"
  return table.concat(out, "\n")
end

-- The first non-empty line of a document outside dropped text.
local function first_line(ds)
  local text, pos = ds.doc.text, 1
  while pos <= #text do
    local stop = text:find("\n", pos, true) or (#text + 1)
    local line = text:sub(pos, stop - 1)
    local dropped = false
    for _, r in ipairs(ds.dropped) do
      if r.s <= pos and r.e >= stop - 1 then dropped = true; break end
    end
    if not dropped and line:match("%S") then return line end
    pos = stop + 1
  end
  return ""
end

local function doc_heading(d, n)
  local m = type(d.meta) == "table" and d.meta or {}
  if type(m.title) == "string" and m.title:match("%S") then return squash(m.title), true end
  return "المقال " .. n, false
end

-- A link to the place of item x (a span {s, e}) in document target, around its text; nil
-- when x has no span in it (the table cells of views with `link = true`).
function R:span_link(x, target)
  local ds = type(target) == "table" and target.text and self.by_id[tostring(target.id)]
  if not ds or ds.doc ~= target or type(x) ~= "table" then return nil end
  local s, e = span(x, #ds.doc.text)
  if not s then return nil end
  local shown = type(x.text) == "string" and x.text or ds.doc.text:sub(s, e)
  return string.format('<a href="#%s">%s</a>', self:target(ds, s, e), bidi(squash(shown)))
end

-- A block's title in Arabic (its `title`, else fallback).
function R:title(b, fallback)
  return render.title(b or {}, "ar") or fallback
end

function R:article(ds)
  local d = ds.doc
  local m = type(d.meta) == "table" and d.meta or {}
  local outlier, via = is_outlier(d, self.corpus, self.flags_b)
  local out = {}
  out[#out + 1] = string.format('<article class="doc%s" id="%s">', outlier and " outlier" or "", ds.anchor)
  local title = doc_heading(d, ds.n)
  out[#out + 1] = string.format('<header><h3><span class="num">%d</span>%s%s</h3>', ds.n, bidi(title),
    outlier and '<span class="badge">خارج الموضوع</span>' or "")
  local meta = { '<span><bdi class="l">' .. esc(tostring(d.id)) .. "</bdi></span>" }
  if type(m.date) == "string" then meta[#meta + 1] = "<span>" .. bidi(m.date) .. "</span>" end
  if type(m.source) == "string" then meta[#meta + 1] = "<span>" .. bidi(m.source) .. "</span>" end
  local ns = #list(d.sentences)
  if ns > 0 then meta[#meta + 1] = "<span>" .. plural(ns, "جملة", "جمل") .. "</span>" end
  local ne = #shown_entities(ds)
  if ne > 0 then meta[#meta + 1] = "<span>" .. plural(ne, "كيان", "كيانات") .. "</span>" end
  out[#out + 1] = '<div class="meta">' .. table.concat(meta) .. "</div></header>"
  if outlier then
    local why = outlier_reason(via)
    out[#out + 1] = '<div class="callout warn">يبدو أن هذا المقال يتناول حدثا آخر؛ لم يدخل في ملخص المجموعة.' ..
      (why and (" " .. why) or "") .. "</div>"
  end
  for _, e in ipairs(list(d.errors)) do
    if type(e) == "table" then
      out[#out + 1] = string.format('<div class="callout err">خطأ في المرحلة <bdi class="l">%s</bdi>: <bdi>%s</bdi></div>',
        esc(tostring(e.stage or "?")), esc(tostring(e.message or "")))
    end
  end
  for _, e in ipairs(list(d.warnings)) do
    if type(e) == "table" then
      out[#out + 1] = string.format('<div class="callout warn">تنبيه (<bdi class="l">%s</bdi>): <bdi>%s</bdi></div>',
        esc(tostring(e.stage or "?")), esc(tostring(e.message or "")))
    end
  end
  if ds.docsum then
    out[#out + 1] = string.format('<details class="docsum"><summary>ملخص المقال (%s)</summary>\n%s</details>',
      plural(#summary_items(render.get(d, self.docsum_b.summary)), "جملة", "جمل"), ds.docsum)
  end
  for _, part in ipairs(self:stage_sections(d, "document")) do out[#out + 1] = part end
  out[#out + 1] = self:body(ds)
  out[#out + 1] = "</article>"
  return table.concat(out, "\n")
end

function R:legend()
  local items = {}
  local types = {}
  for ty in pairs(self.types) do types[#types + 1] = ty end
  sort_types(types)
  for _, ty in ipairs(types) do
    items[#items + 1] = string.format('<span><mark class="ent t-%s">%s</mark> <bdi class="l">%s</bdi></span>',
      cls(ty), esc(TYPE_LABEL[ty] or ty), esc(ty))
  end
  if self.used.date then items[#items + 1] = '<span><time class="date">تاريخ</time></span>' end
  if self.used.quote then
    items[#items + 1] = '<span><span class="q">اقتباس مباشر</span></span>'
    items[#items + 1] = '<span><span class="q r">قول منقول</span></span>'
  end
  if self.used.src then items[#items + 1] = '<span><span class="src">جملة في الملخص</span></span>' end
  if self.used.dropped then
    items[#items + 1] = '<span><span class="chip" style="border:1px dashed var(--line)">نص محذوف</span></span>'
  end
  if #items == 0 then return "" end
  return '<div class="legend" aria-label="مفتاح الألوان"><b>مفتاح الألوان:</b> ' .. table.concat(items, " ") .. "</div>"
end

function R:render()
  local corpus, plan, spec = self.corpus, self.plan, self.spec
  for _, ds in ipairs(self.docs) do
    self:annotate(ds)
    if self.dropped_path and #list(render.get(ds.doc, self.dropped_path)) > 0 then self.used.dropped = true end
  end
  local sections = {}
  local function add(id, label, html)
    if html then sections[#sections + 1] = { id = id, label = label, html = html } end
  end
  add("summary", "الملخص", self:section_summary())
  for _, ds in ipairs(self.docs) do
    local sm = self.docsum_b and render.get(ds.doc, self.docsum_b.summary)
    if sm ~= nil then ds.docsum = self:summary_list(sm, ds.anchor .. "-sum", ds) end
  end
  add("timeline", "الخط الزمني", self:section_timeline())
  add("quotes", "الاقتباسات", self:section_quotes())
  add("entities", "الكيانات", self:section_entities())
  local extra = self:stage_sections(corpus, "corpus")
  if #extra > 0 then
    add("more", "نتائج أخرى", '<section id="more"><h2>نتائج أخرى</h2>\n' .. table.concat(extra, "\n") .. "</section>")
  end
  if #list(corpus.errors) > 0 then
    local errs = {}
    for _, e in ipairs(corpus.errors) do
      errs[#errs + 1] = string.format('<div class="callout err">خطأ في المرحلة <bdi class="l">%s</bdi>: <bdi>%s</bdi></div>',
        esc(tostring(e.stage or "?")), esc(tostring(e.message or "")))
    end
    table.insert(sections, 1, { id = "errors", label = "أخطاء", html = '<section id="errors">' .. table.concat(errs) .. "</section>" })
  end
  local articles = {}
  for _, ds in ipairs(self.docs) do articles[#articles + 1] = self:article(ds) end

  -- the title: the output's own, else the recipe's in Arabic, else "تقرير" and its name
  local rname = plan.name or corpus.name
  local title_html, title = nil, spec.title
  if title then
    title_html = bidi(title)
  elseif rname and RECIPE_TITLE[rname] then
    title = RECIPE_TITLE[rname]
    title_html = esc(title)
  else
    title = "تقرير" .. (rname and (" " .. rname) or "")
    title_html = "تقرير" .. (rname and (' <bdi class="l">' .. esc(rname) .. "</bdi>") or "")
  end
  local nsent, nent, nq = 0, 0, 0
  for _, ds in ipairs(self.docs) do
    nsent = nsent + #list(ds.doc.sentences)
    nent = nent + #shown_entities(ds)
    nq = nq + #list(self.marks.quote and render.get(ds.doc, self.marks.quote.marks))
  end
  local stats = { "<span>" .. plural(#self.docs, "مقال", "مقالات") .. "</span>" }
  if nsent > 0 then stats[#stats + 1] = "<span>" .. plural(nsent, "جملة", "جمل") .. "</span>" end
  if nent > 0 then stats[#stats + 1] = "<span>" .. plural(nent, "كيان", "كيانات") .. "</span>" end
  if nq > 0 then stats[#stats + 1] = "<span>" .. plural(nq, "اقتباس", "اقتباسات") .. "</span>" end
  local names, stages_line = {}, ""
  for _, s in ipairs(plan.stages or {}) do
    local ok, view = pcall(render.view_of, s.stage, s.name)
    local label = ok and type(view) == "table" and render.label(view.label, "ar") or nil
    names[#names + 1] = label and string.format('<span title="%s">%s</span>', esc(s.name), esc(label))
      or ('<bdi class="l">' .. esc(s.name) .. "</bdi>")
  end
  if #names > 0 then
    stages_line = '<p class="stats stages">المراحل: ' .. table.concat(names, " ← ") .. "</p>"
  end

  local toc = { '<nav class="toc" aria-label="المحتويات"><div class="sections"><b>المحتويات:</b> ' }
  for _, s in ipairs(sections) do toc[#toc + 1] = string.format('<a href="#%s">%s</a>', s.id, s.label) end
  toc[#toc + 1] = '<a href="#articles">المقالات</a></div><ol>'
  for _, ds in ipairs(self.docs) do
    local d = ds.doc
    local head, real = doc_heading(d, ds.n)
    if not real then
      head = trunc(squash(first_line(ds)), 70)
      if head == "" then head = tostring(d.id) end
    end
    toc[#toc + 1] = string.format('<li><a href="#%s">%s</a>%s</li>', ds.anchor, esc(head),
      is_outlier(d, corpus, self.flags_b) and '<span class="badge">خارج الموضوع</span>' or "")
  end
  toc[#toc + 1] = "</ol></nav>"

  local out = {
    "<!DOCTYPE html>",
    '<html lang="ar" dir="rtl">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
    '<meta name="color-scheme" content="light dark">',
    '<meta name="generator" content="naskh ' .. esc(naskh.version or "") .. '">',
    "<title>" .. esc(title) .. "</title>",
    "<style>" .. CSS .. "</style>",
    "</head>",
    "<body><div class=\"wrap\">",
    '<header class="top"><h1>' .. title_html .. "</h1>",
    '<p class="stats">' .. table.concat(stats) .. "</p>" .. stages_line,
    self:legend(),
    "</header>",
    table.concat(toc),
  }
  for _, s in ipairs(sections) do out[#out + 1] = s.html end
  out[#out + 1] = '<section id="articles"><h2>المقالات</h2>'
  if #articles == 0 then out[#out + 1] = '<p class="note">لا توجد مقالات.</p>' end
  for _, a in ipairs(articles) do out[#out + 1] = a end
  out[#out + 1] = "</section>"
  out[#out + 1] = '<footer>أُنشئ بواسطة <bdi class="l">naskh ' .. esc(naskh.version or "") .. "</bdi></footer>"
  out[#out + 1] = "</div></body></html>\n"
  return table.concat(out, "\n")
end

-- The whole page for a corpus {all = {doc...}, summary=, ...} as a string.
function M.render(corpus, plan, spec)
  return new_report(corpus, plan or { stages = {} }, spec or {}):render()
end

---------------------------------------------------------------------------
-- Writer interface (naskh.io.sink)

function W:corpus(corpus)
  self.done = true
  self.sink:write(M.render(corpus, self.plan, self.spec))
end

-- Streaming runs hand documents one by one; the page is written at the end.
function W:doc(doc)
  self.docs[#self.docs + 1] = doc
end

function W:finish()
  if self.done then return end
  self.done = true
  self.sink:write(M.render({ all = self.docs, docs = self.docs, name = self.plan.name }, self.plan, self.spec))
end

return M
