-- naskh.stages.clean: boilerplate removal that loses nothing.
-- doc.text is never changed. The stage records what it drops:
--   doc.dropped     = { {s=, e=, reason=, marker=?}, ... }  sorted by s, disjoint
--   doc.clean_spans = the complement (what later stages should read)
--   doc.clean_text  = the kept lines joined (only with option clean_text)
-- Later stages call require("naskh.text.spans").is_dropped(doc, s, e).
-- Reasons: navigation (a section marker and everything after it), marker (a
-- marker line alone), credit (a short Latin-only photo credit), latin_line
-- (another short Latin-only line: a logo's name, a widget id), outlet (a line
-- that is only an outlet's name), repeated_line (a short line printed more
-- than once: captions), caption (a short unpunctuated line attached to a
-- repeated one or to a photo credit, or a numbered copy of a line such as "… 1").
local artext = require "naskh.text.artext"
local naskh = require "naskh"

local find, sub, gsub = string.find, string.sub, string.gsub

-- A line's comparison key (in C: core/nk_clean.c): artext.mask()ed, folded,
-- no leading or trailing spaces and punctuation, spaces collapsed; and its
-- number of words. key_of(text, s, e) is the key of text:sub(s, e).
local key_of = naskh._clean_key
local function line_key(s)
  return (key_of(s, 1, #s))
end

-- "… 1", "… 12": the key without its trailing " N" or " NN" (what
-- key:match("^(.-) %d%d?$") gives, without a pattern scan over a long key), or nil.
local byte = string.byte
local function numbered_base(key)
  local n = #key
  local c = byte(key, n)
  if not c or c < 48 or c > 57 then return nil end
  c = byte(key, n - 1)
  if c == 32 then return sub(key, 1, n - 2) end
  if c and c >= 48 and c <= 57 and byte(key, n - 2) == 32 then return sub(key, 1, n - 3) end
  return nil
end

local function count_words(key)
  return select(2, gsub(key, "%S+", ""))
end

-- Compile a marker list into { exact = {key=true}, prefix = {{key=, raw=}} }.
local function compile_markers(list, into)
  into = into or { exact = {}, prefix = {} }
  for _, m in ipairs(list) do
    local pre = m:match("^(.-)%s+%*$")
    if pre then
      into.prefix[#into.prefix + 1] = line_key(pre)
    else
      into.exact[line_key(m)] = true
    end
  end
  return into
end

local function is_marker(markers, key)
  if markers.exact[key] then return true end
  for _, p in ipairs(markers.prefix) do
    if key == p then return true end
    if sub(key, 1, #p + 1) == p .. " " and count_words(sub(key, #p + 2)) <= 4 then return true end
  end
  return false
end

local CREDIT_WORDS = {
  "images?", "photos?", "getty", "afp", "reuters", "ap", "epa", "anadolu", "shutterstock", "credit",
  "via", "copyright", "pool", "xinhua", "sputnik", "tass", "ria",
}

local function is_credit(line)
  if find(line, "\xC2\xA9") or find(line, "[%w]%s*/%s*[%w]") then return true end
  local low = line:lower()
  for _, w in ipairs(CREDIT_WORDS) do
    if find(low, "%f[%w]" .. w .. "%f[^%w]") then return true end
  end
  return false
end

-- Ends with sentence punctuation (. ! ? ؟ : …)?
local function has_final_punct(line)
  return find(line, "[%.!?:]%s*[\"'\xC2\xBB\xE2\x80\x9D)]*%s*$") ~= nil
      or find(line, "\xD8\x9F%s*$") ~= nil or find(line, "\xE2\x80\xA6%s*$") ~= nil
end

-- The lines of text: { {s=, e=, blank=, key=, words=, raw=} } (s..e trimmed; blank lines kept).
local function split_lines(text)
  local lines = {}
  local pos, n = 1, #text
  while pos <= n + 1 do
    local nl = find(text, "\n", pos, true)
    local ls, le = pos, (nl or n + 1) - 1
    local ts, te = artext.trim_span(text, ls, le)
    local line = { s = ts, e = te, blank = ts > te, ls = ls, le = le }
    if not line.blank then
      line.raw = sub(text, ts, te)
      if te - ts > 400 then
        -- a long paragraph: never a marker, credit or caption; only an exact repeat matters
        line.key = key_of(text, ts, te, true)
        line.words = 1000
      else
        line.key, line.words = key_of(text, ts, te)
      end
      if line.key == "" then line.blank = true end
    end
    lines[#lines + 1] = line
    if not nl then break end
    pos = nl + 1
  end
  return lines
end

local function load_lists(opts, ctx)
  local c = ctx.cache
  if c.markers then return c.markers, c.outlets end
  local markers = { exact = {}, prefix = {} }
  if opts.markers_file ~= "" then
    local path = ctx:resolve(opts.markers_file)
    local list, err = artext.read_list(path)
    if not list then error("clean: cannot read markers_file " .. tostring(err), 0) end
    compile_markers(list, markers)
  end
  compile_markers(opts.markers, markers)
  local outlets = {}
  if opts.outlets_file ~= "" then
    local list, err = artext.read_list(ctx:resolve(opts.outlets_file))
    if not list then error("clean: cannot read outlets_file " .. tostring(err), 0) end
    for _, o in ipairs(list) do outlets[line_key(o)] = true end
  end
  for _, o in ipairs(opts.outlets) do outlets[line_key(o)] = true end
  c.markers, c.outlets = markers, outlets
  return markers, outlets
end

-- The first marker line at or after index from (after some prose), and whether
-- what follows it looks like navigation; or nil.
local function find_marker(lines, markers, opts, from)
  local prose_seen = false
  for i, l in ipairs(lines) do
    if not l.blank then
      if i >= from and prose_seen and l.words <= 8 and is_marker(markers, l.key) then
        -- A navigation tail has no long paragraph after the marker.
        local tail = true
        for j = i + 1, #lines do
          local x = lines[j]
          if not x.blank and (x.words > opts.max_tail_words) then tail = false; break end
        end
        return i, tail
      end
      if l.words >= 8 then prose_seen = true end
    end
  end
  return nil
end

local function run(doc, opts, ctx)
  local text = doc.text
  local markers, outlets = load_lists(opts, ctx)
  local lines = split_lines(text)
  local reason = {}   -- line index -> reason
  local extra = {}    -- line index -> marker text
  local last = #lines -- lines after a navigation marker are handled as one span
  local tail_span

  -- 1. Section markers.
  local mi, tail = find_marker(lines, markers, opts, 1)
  while mi do
    if tail then
      tail_span = { s = lines[mi].s, e = 0, reason = "navigation", marker = lines[mi].raw }
      for j = #lines, mi, -1 do
        if not lines[j].blank then tail_span.e = lines[j].e; break end
      end
      last = mi - 1
      break
    end
    reason[mi], extra[mi] = "marker", lines[mi].raw
    mi, tail = find_marker(lines, markers, opts, mi + 1)
  end

  local arabic_doc = artext.has_arabic(text)
  local first_line
  for i = 1, last do if not lines[i].blank then first_line = i; break end end

  -- 2. Latin-only lines, outlets.
  for i = 1, last do
    local l = lines[i]
    if not l.blank and not reason[i] then
      if opts.latin_lines and arabic_doc and not artext.has_arabic(l.raw) and find(l.raw, "%a")
          and l.words <= opts.max_latin_words then
        reason[i] = is_credit(l.raw) and "credit" or "latin_line"
      elseif opts.outlet_lines and outlets[l.key] then
        reason[i] = "outlet"
      end
    end
  end

  -- 3. Repeated lines (and numbered copies "… 1").
  if opts.repeated_lines then
    local groups, order = {}, {}
    for i = 1, last do
      local l = lines[i]
      if not l.blank and not reason[i] and #l.key >= 4 then
        local g = groups[l.key]
        if not g then g = {}; groups[l.key] = g; order[#order + 1] = l.key end
        g[#g + 1] = i
      end
    end
    for _, key in ipairs(order) do
      local g = groups[key]
      if #g >= 2 then
        local l1 = lines[g[1]]
        local long = l1.words > opts.max_caption_words or has_final_punct(l1.raw)
        -- The headline printed again below it, or a long paragraph printed twice:
        -- keep the first copy. Short captions printed twice: drop every copy.
        local from = (long or g[1] == first_line) and 2 or 1
        for k = from, #g do reason[g[k]] = "repeated_line" end
      end
    end
    for i = 1, last do
      local l = lines[i]
      if not l.blank and not reason[i] then
        local base = numbered_base(l.key)
        if base and groups[base] and groups[base][1] ~= i then reason[i] = "caption" end
      end
    end
  end

  -- 4. Caption-like lines: short, unpunctuated, no year or time, directly above or
  -- below a repeated line or a photo credit; and a short unpunctuated last line ending in "N".
  if opts.captions then
    -- a line of a hard-wrapped paragraph (the core's logical lines: its line end
    -- or the one before it is soft) is running text, never a caption; found on
    -- the first question (most articles have no line a caption could attach to)
    local in_wrap
    local function wrapped(l)
      if not in_wrap then
        in_wrap = {}
        local k = 1
        for _, ll in ipairs(naskh.lines(text)) do
          if find(sub(text, ll.s, ll.e), "\n", 1, true) then
            while lines[k] and (lines[k].blank or lines[k].s < ll.s) do k = k + 1 end
            while lines[k] and (lines[k].blank or lines[k].e <= ll.e) do
              if not lines[k].blank then in_wrap[lines[k]] = true end
              k = k + 1
            end
          end
        end
      end
      return in_wrap[l]
    end
    local function captionish(l)
      return not l.blank and l.words <= opts.max_caption_words and not has_final_punct(l.raw)
          and not find(l.key, "%d%d%d%d") and not find(l.key, "%d:%d") and not wrapped(l)
    end
    for i = 1, last do
      if not reason[i] and i ~= first_line then
        local prev, nxt = lines[i - 1], lines[i + 1]
        local function photo(r) return r == "repeated_line" or r == "credit" end
        if ((prev and photo(reason[i - 1])) or (nxt and photo(reason[i + 1]))) and captionish(lines[i]) then
          reason[i] = "caption"
        end
      end
    end
    local li
    for i = last, 1, -1 do if not lines[i].blank then li = i; break end end
    if li and li ~= first_line and not reason[li] and not lines[li].blank and numbered_base(lines[li].key)
        and captionish(lines[li]) then
      reason[li] = "caption"
    end
  end

  -- Collect the spans (one per line; consecutive lines with one reason merge).
  local dropped = {}
  for i = 1, last do
    local r = reason[i]
    if r then
      local l = lines[i]
      local prev = dropped[#dropped]
      local gap_blank = prev and prev.reason == r and not extra[i] and not prev.marker
      if gap_blank then
        -- merge when only blank lines lie between
        for j = (prev._line or i) + 1, i - 1 do
          if not lines[j].blank then gap_blank = false; break end
        end
      end
      if gap_blank then
        prev.e, prev._line = l.e, i
      else
        dropped[#dropped + 1] = { s = l.s, e = l.e, reason = r, marker = extra[i], _line = i }
      end
    end
  end
  if tail_span then dropped[#dropped + 1] = tail_span end
  for _, d in ipairs(dropped) do d._line = nil end
  doc.dropped = dropped
  doc.clean_spans = require("naskh.text.spans").complement(dropped, #text)
  if opts.clean_text then
    local parts = {}
    for _, sp in ipairs(doc.clean_spans) do parts[#parts + 1] = sub(text, sp.s, sp.e) end
    local ct = table.concat(parts)
    ct = gsub(ct, "[ \t]+\n", "\n")
    ct = gsub(ct, "\n\n\n+", "\n\n")
    doc.clean_text = ct:match("^%s*(.-)%s*$")
  end
end

return {
  name = "clean",
  summary = "mark boilerplate (repeated captions, credits, navigation after section markers) as dropped",
  scope = "document",
  needs = {}, -- fields an earlier stage must add (lint checks the order)
  adds = { "dropped", "clean_spans" },
  options = {
    markers_file = { type = "string", file = true, default = "data/boilerplate_markers.txt",
      doc = "Section markers after which a page is navigation (one per line; '' for none)." },
    markers = { type = "list", items = { type = "string" }, default = {},
      doc = "More section markers (a trailing ' *' allows up to four more words)." },
    outlets_file = { type = "string", file = true, default = "data/outlets.txt",
      doc = "Outlet names dropped when they stand alone on a line ('' for none)." },
    outlets = { type = "list", items = { type = "string" }, default = {}, doc = "More outlet names." },
    repeated_lines = { type = "boolean", default = true,
      doc = "Drop short lines printed more than once (captions); keep the first copy of a headline or paragraph." },
    latin_lines = { type = "boolean", default = true,
      doc = "Drop short Latin-only lines in an Arabic document (AFP/Getty Images, logos)." },
    outlet_lines = { type = "boolean", default = true, doc = "Drop lines that are only an outlet's name." },
    captions = { type = "boolean", default = true,
      doc = "Drop caption-like lines: short, unpunctuated, attached to a repeated line, or a last line ending in a number." },
    max_caption_words = { type = "integer", min = 1, default = 12,
      doc = "A caption has at most this many words." },
    max_latin_words = { type = "integer", min = 1, default = 6,
      doc = "A droppable Latin-only line has at most this many words." },
    max_tail_words = { type = "integer", min = 1, default = 25,
      doc = "Navigation after a marker has no line longer than this (else only the marker line is dropped)." },
    clean_text = { type = "boolean", default = false,
      doc = "Also store the kept text as doc.clean_text (not offset-aligned; spans stay on doc.text)." },
    report_text = { type = "boolean", default = false,
      doc = "Markdown report: print the cleaned text before the list of dropped spans." },
  },
  example = { markers = { "اقرأ أيضا" }, clean_text = true },
  run = run,
  -- exposed for tests
  _line_key = line_key,
}
