-- naskh.engine.suggest: "did you mean" for names (options, stages, commands, recipes).
-- Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps),
-- over bytes; a suggestion is made within max(2, len/3) edits, and never when
-- every character would have to change.
local M = {}

local function distance(a, b)
  local la, lb = #a, #b
  local prev2, prev, cur = {}, {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur = { [0] = i }
    local ai = a:byte(i)
    for j = 1, lb do
      local bj = b:byte(j)
      local cost = (ai == bj) and 0 or 1
      local v = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if i > 1 and j > 1 and ai == b:byte(j - 1) and a:byte(i - 1) == bj then
        v = math.min(v, prev2[j - 2] + 1)
      end
      cur[j] = v
    end
    prev2, prev = prev, cur
  end
  return prev[lb]
end
M.distance = distance

-- The closest candidate to word (a list of strings), or nil.
function M.closest(word, candidates)
  local best, bestd
  local limit = math.max(2, #word // 3)
  for _, c in ipairs(candidates) do
    local d = distance(word, c)
    if d <= limit and d < #word and (bestd == nil or d < bestd or (d == bestd and c < best)) then
      best, bestd = c, d
    end
  end
  return best
end

-- " (did you mean 'x'?)" or " (expected one of: a, b, c)" for an unknown word (each
-- candidate once, however often it is listed).
function M.hint(word, candidates)
  local c = M.closest(word, candidates)
  if c then return string.format(" (did you mean '%s'?)", c) end
  if #candidates == 0 then return "" end
  local sorted, seen = {}, {}
  for _, v in ipairs(candidates) do
    if not seen[v] then seen[v] = true; sorted[#sorted + 1] = v end
  end
  table.sort(sorted)
  return " (expected one of: " .. table.concat(sorted, ", ") .. ")"
end

return M
