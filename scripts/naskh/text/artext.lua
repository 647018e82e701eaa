-- naskh.text.artext: small Arabic text helpers shared by the extraction stages
-- (clean, quotes, dates, numbers, timeline). Byte patterns that are
-- UTF-8 aware: Arabic letters are 2 bytes (lead byte 0xD8-0xDB); the hot
-- loops (fold, mask, the word scan) are in C (core/nk_words.c).
--
-- fold(s)      a matching key: no diacritics or tatweel, one alef, ى→ي, ة→ه,
--              Arabic-Indic and Persian digits → ASCII. Not for display.
-- mask(s)      a copy of s of the SAME byte length where punctuation outside
--              ASCII («» “” ، ؛ ؟ dashes, no-break space, zero-width marks...)
--              became ASCII spaces, so "[%w_\128-\255]+" finds words and their
--              offsets are offsets into s.
-- words(doc, ctx)  the words of doc.text: { {s=, e=, f=<folded>}, ... } (computed
--              once for the document being processed, in the run's text cache;
--              not stored on it).
-- Also: word lists (read_list, need_list), the Gregorian calendar (days_from_civil,
-- civil_from_days, weekday, iso_week...) and the month and weekday names the report
-- shows (MONTH_NAMES, WEEKDAY_NAMES, date_words).
local M = {}

local naskh = require "naskh"

local find, sub = string.find, string.sub

-- fold(s) -> the matching key of s (C: nk_words_fold).
M.fold = naskh.fold

-- mask(s) -> s with non-ASCII punctuation replaced by spaces (same length):
-- ، ؛ ؟ ٪ ٫ ٬ ٭ ۔, no-break space, « » ©..., general punctuation (“ ” – — …
-- zero-width and bidi marks) and the BOM (C: nk_words_mask).
M.mask = naskh.mask

-- The masked text and the word list of the document the stages are working on are kept
-- for that one document only, in the run's text cache (ctx.text_cache: one table per
-- pipeline run, shared by its stages, which run one after the other on a document), so a
-- corpus of documents held in memory does not also hold a word table per document, and
-- nothing is kept at module level or stored on the document. Without a context (a script
-- calling these directly) they are computed for the call.
local function cached(doc, ctx)
  local c = type(ctx) == "table" and ctx.text_cache or nil
  if type(c) ~= "table" then return { mask = M.mask(doc.text) } end
  if c.doc ~= doc or c.text ~= doc.text then
    c.doc, c.text, c.mask, c.words = doc, doc.text, M.mask(doc.text), nil
  end
  return c
end

-- masked(doc [, ctx]) -> M.mask(doc.text), computed once per document in a run.
function M.masked(doc, ctx)
  return cached(doc, ctx).mask
end

-- words(doc [, ctx]) -> the word list of doc.text, computed once per document in a run.
function M.words(doc, ctx)
  local c = cached(doc, ctx)
  if c.words then return c.words end
  -- words of the masked text (a proclitic glued to digits, "و2020", "ب٤", is
  -- not part of the number), folded
  c.words = naskh.masked_words(doc.text, c.mask)
  return c.words
end

-- Index of the first word whose s >= pos (binary search), or #words + 1.
function M.word_at(words, pos)
  local lo, hi = 1, #words
  while lo <= hi do
    local mid = (lo + hi) // 2
    if words[mid].s < pos then lo = mid + 1 else hi = mid - 1 end
  end
  return lo
end

-- Does s contain an Arabic letter?
function M.has_arabic(s)
  return find(s, "[\xD8-\xDB][\x80-\xBF]") ~= nil
end

-- The span s..e of text without the ASCII white space at its ends: returns s, e.
function M.trim_span(text, s, e)
  while s <= e and find(sub(text, s, s), "^%s$") do s = s + 1 end
  while e >= s and find(sub(text, e, e), "^%s$") do e = e - 1 end
  return s, e
end

-- Read a word list or data list (the one reader of such files: stopwords, abbreviations,
-- cues, outlets...): one entry per line, blank lines skipped; '#' starts a comment at the
-- start of a line or after a space (so "C#" stays a word); a CR before the line end is
-- dropped. Returns the entries, or nil and the error of io.open.
function M.read_list(path)
  local fh, err = io.open(path, "rb")
  if not fh then return nil, err end
  local out = {}
  for line in fh:lines() do
    line = line:gsub("\r$", ""):gsub("%s+#.*$", ""):gsub("^#.*$", "")
    line = line:match("^%s*(.-)%s*$")
    if line ~= "" then out[#out + 1] = line end
  end
  fh:close()
  return out
end

-- The same for a list that must be there: the entries, or an error "WHAT ERR" (what says
-- which option or file it is: "split: cannot open abbreviations file").
function M.need_list(path, what)
  local out, err = M.read_list(path)
  if not out then error(what .. " " .. tostring(err), 0) end
  return out
end

-- Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
function M.days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = (153 * mp + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

-- The inverse: y, m, d of a day number.
function M.civil_from_days(z)
  z = z + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return y, m, d
end

-- Weekday of a day number: 0 = Sunday ... 6 = Saturday.
function M.weekday(days)
  return (days + 4) % 7
end

function M.days_in_month(y, m)
  local n = ({ 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 })[m]
  if m == 2 and ((y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0) then n = 29 end
  return n
end

-- Month and weekday names as the report writes them (Gregorian months in their Egyptian /
-- Gulf names; weekdays from Sunday, as M.weekday counts). The readers of dates know more
-- spellings (stages/dates.lua); these are the names shown.
M.MONTH_NAMES = { "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
                  "أكتوبر", "نوفمبر", "ديسمبر" }
M.WEEKDAY_NAMES = { "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت" }

-- An ISO 8601 date in words: "الاثنين 20 نوفمبر 2017", "نوفمبر 2017", "الأسبوع 47 من 2017";
-- anything else as is.
function M.date_words(iso)
  local y, m, d = iso:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if y then
    y, m, d = tonumber(y), tonumber(m), tonumber(d)
    if m < 1 or m > 12 then return iso end
    return string.format("%s %d %s %d", M.WEEKDAY_NAMES[M.weekday(M.days_from_civil(y, m, d)) + 1], d,
      M.MONTH_NAMES[m], y)
  end
  y, m = iso:match("^(%d%d%d%d)%-(%d%d)$")
  if y and M.MONTH_NAMES[tonumber(m)] then return M.MONTH_NAMES[tonumber(m)] .. " " .. y end
  local wy, w = iso:match("^(%d%d%d%d)%-W(%d%d)$")
  if wy then return string.format("الأسبوع %d من %s", tonumber(w), wy) end
  return iso
end

-- ISO 8601 week of a day number: "2017-W47".
function M.iso_week(days)
  local wd = (M.weekday(days) + 6) % 7          -- Monday = 0
  local thursday = days - wd + 3
  local y = M.civil_from_days(thursday)
  local week = (thursday - M.days_from_civil(y, 1, 1)) // 7 + 1
  return string.format("%04d-W%02d", y, week)
end

function M.iso(y, m, d)
  if d then return string.format("%04d-%02d-%02d", y, m, d) end
  if m then return string.format("%04d-%02d", y, m) end
  return string.format("%04d", y)
end

return M
