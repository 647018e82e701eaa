-- naskh.text.textsim: what summarize, outliers and `naskh idf` share. Term vectors
-- over normalized, lightly stemmed word tokens (the "search" normalization,
-- tokens and the light stemmer, all inside core/nk_sim.c) with a
-- stopword list, IDF from the cluster or from a file written by `naskh idf
-- build`, and the sentences of a document that the clean stage kept.
local naskh = require "naskh"
local spans = require "naskh.text.spans"
local artext = require "naskh.text.artext"

local M = {}

M.DEFAULT_STOPWORDS = "data/stopwords_ar.txt"
M.IDF_HEADER = "# naskh idf 1"

-- The words of a list file (artext.need_list); raises when it cannot be read.
function M.read_list(path)
  return artext.need_list(path, "cannot open word list")
end

--[[
Read an IDF file: a header line "# naskh idf 1 docs=N", then "key<TAB>df"
lines. Returns {key = idf}, the default IDF of unseen keys, N.
idf = ln((1 + N) / (1 + df)) + 1 (the smoothed form used inside clusters too).
]]
function M.read_idf(path)
  local fh, err = io.open(path, "rb")
  if not fh then error("cannot open IDF file " .. tostring(err), 0) end
  local head = fh:read("l") or ""
  local n = tonumber(head:match("^# naskh idf 1 docs=(%d+)"))
  if not n then
    fh:close()
    error(string.format("%s:1: not an IDF file (expected '%s docs=N'; write one with `naskh idf build`)",
      path, M.IDF_HEADER), 0)
  end
  local idf, log = {}, math.log
  local lineno = 1
  for line in fh:lines() do
    lineno = lineno + 1
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local key, df = line:match("^([^\t]+)\t(%d+)$")
      if not key then
        fh:close()
        error(string.format("%s:%d: expected 'key<TAB>document frequency'", path, lineno), 0)
      end
      idf[key] = log((1 + n) / (1 + tonumber(df))) + 1
    end
  end
  fh:close()
  return idf, log(1 + n) + 1, n
end

--[[
A vocabulary for a stage instance, built once and kept in ctx.cache:
stopwords from opts.stopwords (a list file; "" = none) and, when opts.idf is
a path rather than "cluster", the corpus IDF. Returns vocab, idf_mode.
]]
local vocabs = {} -- resolved stopwords path and IDF -> {vocab, idf_mode}: one per process
function M.vocab(ctx, opts)
  local c = ctx.cache
  if c.vocab then return c.vocab, c.idf_mode end
  local sw = opts.stopwords or M.DEFAULT_STOPWORDS
  local swp = sw ~= "" and ctx:resolve(sw) or ""
  local idfp = (opts.idf and opts.idf ~= "cluster") and ctx:resolve(opts.idf) or nil
  local key = swp .. "\0" .. (idfp or "cluster")
  local hit = vocabs[key]
  if not hit then
    local stop = swp ~= "" and M.read_list(swp) or {}
    local v = naskh.vocab({ stopwords = stop })
    local mode = "set"
    if idfp then
      local idf, default = M.read_idf(idfp)
      v:set_idf(idf, default)
      mode = "vocab"
    end
    hit = { v, mode }
    vocabs[key] = hit
  end
  c.vocab, c.idf_mode = hit[1], hit[2]
  return hit[1], hit[2]
end

--[[
Sentence vectors shared between the stages of one cluster (issue 18): the
outliers stage offers the sentence set it built (M.offer), and summarize,
which runs next on the same documents, copies each kept sentence's terms
from it (ss:add_from) instead of normalizing, tokenizing and stemming the
sentence again. An offer is valid until the offering stage clears its set for
the next cluster (a generation count), and only for the same vocabulary and
the same sentence spans; otherwise the taker builds the vectors itself.
]]
local offers = setmetatable({}, { __mode = "k" }) -- doc -> {ss=, gen=, first=, spans={s, e, ...}}
local generation = setmetatable({}, { __mode = "k" }) -- ss -> count

-- A new cluster in ss: every earlier offer of ss is void.
function M.renew(ss)
  generation[ss] = (generation[ss] or 0) + 1
end

-- Offer doc's kept sentences (list of {s=, e=}, or a flat list {s1, e1, s2, e2, ...}
-- when flat is true), numbered first.. in ss.
function M.offer(ss, doc, first, list, flat)
  local spans = list
  if not flat then
    spans = {}
    for k, sp in ipairs(list) do spans[2 * k - 1], spans[2 * k] = sp.s, sp.e end
  end
  offers[doc] = { ss = ss, gen = generation[ss], first = first, spans = spans }
end

--[[
Add the sentences of doc that the clean stage kept to ss as document docno,
in one C call (ss:add_kept: the same sentences as kept_sentences, without a
table per sentence). Sentences come from the split stage (doc.sentences) or
from naskh.sentences, stored on doc as kept_sentences does; with lean (the
caller keeps no document: summarize --clusters) they are split in C and not
stored. Returns the index of the first one in ss and their spans as a flat
list {s1, e1, s2, e2, ...}.
]]
function M.add_kept(ss, doc, docno, lean)
  local list = doc.sentences
  if not list and not lean then
    list = naskh.sentences(doc.text)
    doc.sentences = list
  end
  local dropped = doc.dropped
  if dropped and #dropped == 0 then dropped = nil end
  return ss:add_kept(doc.text, list, docno, dropped)
end

-- The offer for doc, when it is still valid and over vocab: ss, first, spans.
function M.offered(doc, vocab)
  local o = offers[doc]
  if not o or o.gen ~= generation[o.ss] or o.ss:vocab() ~= vocab then return nil end
  return o.ss, o.first, o.spans
end

-- Add text:sub(s, e) to the sentence set ss as part of document docno (the C
-- side normalizes with the "search" profile, tokenizes and stems).
function M.add(ss, text, s, e, docno)
  return ss:add(text, s, e, docno)
end

--[[
The sentences of doc that the clean stage kept: a list of {s=, e=, k=}
(k: the sentence's number in doc.sentences). Sentences come from the split
stage (doc.sentences) or from naskh.sentences when it did not run; a
sentence overlapping dropped boilerplate is left out whole.
]]
function M.kept_sentences(doc)
  local list = doc.sentences
  if not list then
    list = naskh.sentences(doc.text)
    doc.sentences = list
  end
  local out = {}
  local dropped = doc.dropped and #doc.dropped > 0
  for k, sp in ipairs(list) do
    if not (dropped and spans.is_dropped(doc, sp.s, sp.e)) then
      out[#out + 1] = { s = sp.s, e = sp.e, k = k }
    end
  end
  return out
end

--[[
The kept text of doc outside the kept sentences (flat, their spans as one
list {s1, e1, s2, e2, ...}, as add_kept returns them): pieces {docno,
doc.text, s, e} appended to out, those with anything but white space. With
the kept sentences they make up the text kept_text reads (ss:shared_terms
takes them with the sentences' vectors).
]]
function M.outside(doc, flat, docno, out)
  return naskh._outside(doc.text, spans.kept(doc), flat, docno, out) -- in C: no find per sentence
end

-- The text the clean stage kept, as one string (pieces joined by a newline).
function M.kept_text(doc)
  if not doc.dropped or #doc.dropped == 0 then return doc.text end
  local parts = {}
  for _, sp in ipairs(spans.kept(doc)) do parts[#parts + 1] = doc.text:sub(sp.s, sp.e) end
  return table.concat(parts, "\n")
end

return M
