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

-- The words of a list file (artext.read_list); raises when it cannot be read.
function M.read_list(path)
  local words, err = artext.read_list(path)
  if not words then error("cannot open word list " .. tostring(err), 0) end
  return words
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
function M.vocab(ctx, opts)
  local c = ctx.cache
  if c.vocab then return c.vocab, c.idf_mode end
  local stop = {}
  local sw = opts.stopwords or M.DEFAULT_STOPWORDS
  if sw ~= "" then stop = M.read_list(ctx:resolve(sw)) end
  local v = naskh.vocab({ stopwords = stop })
  local mode = "set"
  if opts.idf and opts.idf ~= "cluster" then
    local idf, default = M.read_idf(ctx:resolve(opts.idf))
    v:set_idf(idf, default)
    mode = "vocab"
  end
  c.vocab, c.idf_mode = v, mode
  return v, mode
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

-- The text the clean stage kept, as one string (pieces joined by a newline).
function M.kept_text(doc)
  if not doc.dropped or #doc.dropped == 0 then return doc.text end
  local parts = {}
  for _, sp in ipairs(spans.kept(doc)) do parts[#parts + 1] = doc.text:sub(sp.s, sp.e) end
  return table.concat(parts, "\n")
end

return M
