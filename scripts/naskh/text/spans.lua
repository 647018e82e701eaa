-- naskh.text.spans: helpers over Lua spans ({s=, e=}: 1-based inclusive byte
-- positions into doc.text) and over what the clean stage dropped.
--
-- The contract (docs/extraction.md): the clean stage runs first and sets
--   doc.dropped     = { {s=, e=, reason=, marker=?}, ... }  sorted by s, disjoint
--   doc.clean_spans = { {s=, e=}, ... }  the kept text, sorted, disjoint
-- Later stages never re-cut doc.text; they ask spans.is_dropped(doc, s, e)
-- (or iterate spans.kept(doc)) and skip what was dropped. A document that
-- was never cleaned has nothing dropped.
local M = {}

-- Binary search: index of the last span in list with span.s <= pos, or 0.
local function last_starting_at_or_before(list, pos)
  local lo, hi = 1, #list
  local found = 0
  while lo <= hi do
    local mid = (lo + hi) // 2
    if list[mid].s <= pos then found = mid; lo = mid + 1 else hi = mid - 1 end
  end
  return found
end

-- spans.is_dropped(doc, s [, e]) -> the dropped entry's reason (a string) when
-- the span s..e (default s..s) overlaps any span the clean stage dropped;
-- nil otherwise. Also returns the dropped entry itself.
function M.is_dropped(doc, s, e)
  local list = doc.dropped
  if not list or #list == 0 then return nil end
  e = e or s
  -- Spans are sorted and disjoint: the only candidate is the last one starting at or before e.
  local i = last_starting_at_or_before(list, e)
  if i >= 1 and list[i].e >= s then return list[i].reason, list[i] end
  return nil
end

-- spans.kept(doc) -> the list of kept spans (doc.clean_spans, or the whole text).
function M.kept(doc)
  if doc.clean_spans then return doc.clean_spans end
  if #doc.text == 0 then return {} end
  return { { s = 1, e = #doc.text } }
end

-- spans.overlap(a, b) -> true when spans a and b share at least one byte.
function M.overlap(a, b)
  return a.s <= b.e and b.s <= a.e
end

-- spans.complement(list, n) -> the spans of 1..n not covered by the sorted,
-- disjoint list.
function M.complement(list, n)
  local out, pos = {}, 1
  for _, d in ipairs(list) do
    if d.s > pos then out[#out + 1] = { s = pos, e = d.s - 1 } end
    if d.e + 1 > pos then pos = d.e + 1 end
  end
  if pos <= n then out[#out + 1] = { s = pos, e = n } end
  return out
end

-- spans.text(doc, sp) -> doc.text:sub(sp.s, sp.e)
function M.text(doc, sp)
  return doc.text:sub(sp.s, sp.e)
end

return M
