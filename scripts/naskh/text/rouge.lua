-- naskh.text.rouge: ROUGE-N and ROUGE-L (Lin 2004) with Arabic normalization.
-- Both sides go through the same steps: word tokens (letters or digits; no
-- punctuation), then naskh.normalize "search" when the build has it, else
-- naskh.text.artext.fold (no harakat or tatweel, one alef, ى→ي, ة→ه, Arabic-Indic
-- digits → ASCII), Latin lower-cased; optionally the light stemmer.
-- Several references: precision, recall and F1 are computed against each and
-- averaged (ROUGE-1.5.5's default "-f A"). ROUGE-L takes the longest common
-- subsequence of the whole token sequences (summary-level, no sentence union).
local naskh = require "naskh"
local artext = require "naskh.text.artext"

local M = {}

local normalize = naskh.normalize

-- The normalized word tokens of text; opts.stem applies the light stemmer.
function M.tokens(text, opts)
  local out = {}
  local stem = opts and opts.stem
  for _, t in ipairs(naskh.tokens(text, { punct = false })) do
    if t.class == "arabic" or t.class == "latin" or t.class == "number" then
      local w = text:sub(t.s, t.e)
      if normalize then w = normalize(w, "search") else w = artext.fold(w) end
      w = w:lower()
      if stem then w = naskh.stem(w) end
      if w ~= "" then out[#out + 1] = w end
    end
  end
  return out
end

local function ngram_counts(toks, n)
  local c, total = {}, 0
  for i = 1, #toks - n + 1 do
    local g = table.concat(toks, " ", i, i + n - 1)
    c[g] = (c[g] or 0) + 1
    total = total + 1
  end
  return c, total
end

local function prf(hit, npred, nref)
  local p = npred > 0 and hit / npred or 0
  local r = nref > 0 and hit / nref or 0
  local f = (p + r) > 0 and 2 * p * r / (p + r) or 0
  return { p = p, r = r, f = f }
end

-- ROUGE-N of candidate tokens against one reference's tokens.
function M.rouge_n(cand, ref, n)
  local cc, ct = ngram_counts(cand, n)
  local rc, rt = ngram_counts(ref, n)
  local hit = 0
  for g, x in pairs(cc) do
    local y = rc[g]
    if y then hit = hit + math.min(x, y) end
  end
  return prf(hit, ct, rt)
end

-- Length of the longest common subsequence of two token lists.
function M.lcs(a, b)
  local prev, cur = {}, {}
  for j = 0, #b do prev[j] = 0 end
  for i = 1, #a do
    cur[0] = 0
    local ai = a[i]
    for j = 1, #b do
      if ai == b[j] then
        cur[j] = prev[j - 1] + 1
      else
        local x, y = prev[j], cur[j - 1]
        cur[j] = x > y and x or y
      end
    end
    prev, cur = cur, prev
  end
  return prev[#b]
end

function M.rouge_l(cand, ref)
  return prf(M.lcs(cand, ref), #cand, #ref)
end

local function average(list)
  local s = { p = 0, r = 0, f = 0 }
  for _, x in ipairs(list) do s.p, s.r, s.f = s.p + x.p, s.r + x.r, s.f + x.f end
  local n = math.max(#list, 1)
  return { p = s.p / n, r = s.r / n, f = s.f / n }
end

--[[
Score a candidate text against reference texts.
Returns { ["1"] = {p=,r=,f=}, ["2"] = ..., L = ... } averaged over references.
opts: stem (boolean), n (list of orders, default {1, 2}), lcs (default true).
]]
function M.score(candidate, references, opts)
  opts = opts or {}
  local cand = type(candidate) == "table" and candidate or M.tokens(candidate, opts)
  local refs = {}
  for i, r in ipairs(references) do refs[i] = type(r) == "table" and r or M.tokens(r, opts) end
  local out = {}
  for _, n in ipairs(opts.n or { 1, 2 }) do
    local per = {}
    for i, r in ipairs(refs) do per[i] = M.rouge_n(cand, r, n) end
    out[tostring(n)] = average(per)
  end
  if opts.lcs ~= false then
    local per = {}
    for i, r in ipairs(refs) do per[i] = M.rouge_l(cand, r) end
    out.L = average(per)
  end
  return out
end

return M
