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
-- The rules run in C (core/nk_clean.c, nk_cleaner_run, one call per document:
-- the lines, their keys, the markers, credits, outlets, repeated lines and
-- captions, with no table per line); this file reads the lists, builds the
-- cleaner once per stage instance and turns its answer into doc.dropped.
local artext = require "naskh.text.artext"
local naskh = require "naskh"
local spans = require "naskh.text.spans"

local sub, gsub = string.sub, string.gsub

-- A line's comparison key (in C: core/nk_clean.c): artext.mask()ed, folded,
-- no leading or trailing spaces and punctuation, spaces collapsed.
local key_of = naskh._clean_key
local function line_key(s)
  return (key_of(s, 1, #s))
end

-- Markers: "X *" is a prefix (X and up to four more words), anything else the whole line.
local function compile_markers(list, exact, prefix)
  for _, m in ipairs(list) do
    local pre = m:match("^(.-)%s+%*$")
    if pre then
      prefix[#prefix + 1] = line_key(pre)
    else
      exact[#exact + 1] = line_key(m)
    end
  end
end

-- The stage instance's cleaner (the lists read once).
local function cleaner(opts, ctx)
  local c = ctx.cache
  if c.cleaner then return c.cleaner end
  local exact, prefix, outlets = {}, {}, {}
  if opts.markers_file ~= "" then
    compile_markers(artext.need_list(ctx:resolve(opts.markers_file), "clean: cannot read markers_file"), exact, prefix)
  end
  compile_markers(opts.markers, exact, prefix)
  if opts.outlets_file ~= "" then
    for _, o in ipairs(artext.need_list(ctx:resolve(opts.outlets_file), "clean: cannot read outlets_file")) do outlets[#outlets + 1] = line_key(o) end
  end
  for _, o in ipairs(opts.outlets) do outlets[#outlets + 1] = line_key(o) end
  c.cleaner = naskh._cleaner(exact, prefix, outlets, opts)
  return c.cleaner
end

local function run(doc, opts, ctx)
  local text = doc.text
  doc.dropped = cleaner(opts, ctx):run(text)
  doc.clean_spans = spans.complement(doc.dropped, #text)
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
