-- naskh.stages.timeline: dated events from all the articles, oldest first.
-- A corpus stage; run `dates` before it. An event is the sentence that holds a
-- date mention. Relative mentions the dates stage could not resolve (an
-- article with no date of its own) are resolved against the cluster's date
-- (the article date most articles share) unless the article contradicts it
-- (its "اليوم الأربعاء" falls on another weekday).
--
-- corpus.timeline = { {date=, label=, text=, doc=, s=, e=, how=, kind=}, ... }
--   date   ISO 8601 of the mention; label the mention as written; text the
--          sentence; s, e the sentence's span in document doc.
local artext = require "naskh.text.artext"
local spans = require "naskh.text.spans"
local dates_stage = require "naskh.stages.dates"

local WEEKDAYS = { Sunday = 0, Monday = 1, Tuesday = 2, Wednesday = 3, Thursday = 4, Friday = 5, Saturday = 6 }

local function sentences_of(doc, nk)
  if doc.sentences then return doc.sentences end
  if doc._tl_sentences then return doc._tl_sentences end
  local ss
  if nk and nk.sentences then ss = nk.sentences(doc.text) end
  if not ss then
    ss = {}
    for s, e in doc.text:gmatch("()[^\n]+()") do ss[#ss + 1] = { s = s, e = e - 1 } end
  end
  doc._tl_sentences = ss
  return ss
end

local function sentence_at(list, pos)
  local lo, hi, found = 1, #list, nil
  while lo <= hi do
    local mid = (lo + hi) // 2
    if list[mid].s <= pos then found = mid; lo = mid + 1 else hi = mid - 1 end
  end
  if found and list[found].e >= pos then return list[found] end
  return nil
end

-- The date most articles carry as their own (meta.date or dateline).
local function cluster_anchor(docs)
  local votes, best, from = {}, nil, {}
  for _, d in ipairs(docs) do
    local a = d.date_anchor
    if a and a.iso then
      votes[a.iso] = (votes[a.iso] or 0) + 1
      from[a.iso] = from[a.iso] or d.id
      if not best or votes[a.iso] > votes[best] or (votes[a.iso] == votes[best] and a.iso < best) then best = a.iso end
    end
  end
  if not best then return nil end
  local y, m, dd = best:match("^(%d+)-(%d+)-(%d+)")
  y, m, dd = tonumber(y), tonumber(m), tonumber(dd)
  return { iso = best, days = artext.days_from_civil(y, m, dd), y = y, m = m, d = dd, from = from[best] }
end

-- Does the document contradict the anchor ("اليوم الأربعاء" on a Tuesday)?
local function contradicts(doc, anchor)
  for _, m in ipairs(doc.dates or {}) do
    if m.rel and m.rel.days and m.weekday and WEEKDAYS[m.weekday] then
      local wd = artext.weekday(anchor.days + m.rel.days)
      if wd ~= WEEKDAYS[m.weekday] then return true end
    end
  end
  return false
end

-- A date merely mentioned as a point of reference in a sentence about something
-- else: after منذ/بعد/عقب/قبل/مقارنة بـ (… الثانية منذ زيارته موسكو في 2015؛
-- بعد زيارته الأخيرة في 20 أكتوبر 2015), in a relative clause (الذي بدأ في 2015)
-- or inside a dash or bracket aside. The words are the option reference_words,
-- at most `reach` words before the mention, within its sentence.
local function is_reference(text, sn_s, m, refs, reach)
  if m.rel and m.rel.ago then return false end -- منذ عامين: the time ago is the event's date
  local before = text:sub(sn_s, m.s - 1)
  -- an aside still open: an odd number of dashes (not between digits) or an open bracket
  local dashes = select(2, before:gsub("%D%-", "")) + select(2, before:gsub("\xE2\x80[\x93\x94]", ""))
  if dashes % 2 == 1 then return true end
  if select(2, before:gsub("%(", "")) > select(2, before:gsub("%)", "")) then return true end
  local ws = {}
  for w in before:gmatch("%S+") do ws[#ws + 1] = w end
  for k = #ws, math.max(1, #ws - reach + 1), -1 do
    local f = artext.fold(ws[k]):gsub("%p", "")
    local c = f:sub(1, 2)
    local r = refs[f] or ((c == "\xD9\x88" or c == "\xD9\x81") and refs[f:sub(3)])
    if r and #ws - k < r then return true end
  end
  return false
end

-- Sort key: the first day an ISO value covers ("2017-W47" -> its Monday).
local function sort_key(iso)
  local y, w = iso:match("^(%d%d%d%d)%-W(%d%d)")
  if y then
    y, w = tonumber(y), tonumber(w)
    local jan4 = artext.days_from_civil(y, 1, 4)
    local monday = jan4 - (artext.weekday(jan4) + 6) % 7 + 7 * (w - 1)
    return artext.iso(artext.civil_from_days(monday))
  end
  return iso:sub(1, 10)
end

local function run(corpus, opts, ctx)
  local nk = ctx and ctx.naskh
  local anchor = opts.cluster_date and cluster_anchor(corpus.docs) or nil
  local refs = {}
  for _, w in ipairs(opts.reference_words or {}) do
    local word, n = w:match("^(.-):(%d+)$") -- الذي:3: this word only within 3 words
    refs[artext.fold(word or w)] = tonumber(n) or opts.reference_reach
  end
  local events = {}
  for di, doc in ipairs(corpus.docs) do
    local own = doc.date_anchor ~= nil
    local usable = anchor and not own and not contradicts(doc, anchor)
    local ss = sentences_of(doc, nk)
    local seen = {}
    for mi, m in ipairs(doc.dates or {}) do
      local iso, how = m.iso, m.how
      if not iso and m.rel and usable and m.rel.weekday then
        iso = artext.iso(artext.civil_from_days(dates_stage._resolve_rel(m.rel, anchor.days)))
        how = string.format("%s %s the cluster date %s (article %s)", m.weekday or "",
          ({ nearest = "nearest", prev = "before", next = "after", prev_or_same = "on or before" })[m.rel.dir]
            or "on or after",
          anchor.iso, anchor.from)
      elseif not iso and m.rel and usable and m.rel.days then
        iso = artext.iso(artext.civil_from_days(anchor.days + m.rel.days))
        how = string.format("%+d day(s) from the cluster date %s (article %s)", m.rel.days, anchor.iso, anchor.from)
      elseif not iso and m.rel and usable and m.rel.period then
        local off = m.rel.offset
        if m.rel.period == "year" then iso = artext.iso(anchor.y + off)
        elseif m.rel.period == "month" then
          local mm = anchor.y * 12 + (anchor.m - 1) + off
          local yy
          yy, mm = mm // 12, mm % 12 + 1
          -- التاسع من الشهر الجاري: that day of the month
          if m.rel.day and m.rel.day <= artext.days_in_month(yy, mm) then iso = artext.iso(yy, mm, m.rel.day)
          else iso = artext.iso(yy, mm) end
        else iso = artext.iso_week(anchor.days + 7 * off) end
        how = string.format("%s relative to the cluster date %s (article %s)", m.rel.period, anchor.iso, anchor.from)
      elseif not iso and m.rel and usable and m.rel.month then
        local y = anchor.y
        if m.mdir then -- مارس المقبل / شباط الماضي
          if m.mdir > 0 and m.rel.month <= anchor.m then y = y + 1 elseif m.mdir < 0 and m.rel.month >= anchor.m then y = y - 1 end
        elseif math.abs(m.rel.month - anchor.m) > 6 then y = y + (m.rel.month < anchor.m and 1 or -1) end
        iso = m.rel.day and artext.iso(y, m.rel.month, m.rel.day) or artext.iso(y, m.rel.month)
        how = "year from the cluster date " .. anchor.iso
      end
      local keep = iso and m.kind ~= "time" and not (m.dateline and not opts.datelines)
          and not spans.is_dropped(doc, m.s, m.e)
      if keep then
        local sn = sentence_at(ss, m.s) or { s = m.s, e = m.e }
        local key = iso .. "@" .. sn.s
        if not seen[key] then
          seen[key] = true
          events[#events + 1] = { date = iso, label = m.text, text = doc.text:sub(sn.s, sn.e), doc = doc.id,
            s = sn.s, e = sn.e, how = how, kind = m.kind, part = m.part, conflict = m.conflict, _di = di, _mi = mi,
            _ref = is_reference(doc.text, sn.s, m, refs, opts.reference_reach) }
        end
      end
    end
  end
  -- A sentence is listed under the date its event happened: a date it only
  -- mentions as a reference is left out when the sentence has another date
  -- of its own (a sentence whose only date is a reference keeps it).
  local main_of = {}
  for _, ev in ipairs(events) do
    if not ev._ref then
      local k = ev._di .. "@" .. ev.s
      main_of[k] = main_of[k] or {}
      main_of[k][ev.date] = true
    end
  end
  local kept = {}
  for _, ev in ipairs(events) do
    local main = main_of[ev._di .. "@" .. ev.s]
    if not (ev._ref and main and not main[ev.date]) then kept[#kept + 1] = ev end
    ev._ref = nil
  end
  events = kept
  local key = sort_key
  table.sort(events, function(a, b)
    local ka, kb = key(a.date), key(b.date)
    if ka ~= kb then return ka < kb end
    if a.date ~= b.date then return a.date < b.date end
    if a._di ~= b._di then return a._di < b._di end
    return a._mi < b._mi
  end)
  for _, ev in ipairs(events) do ev._di, ev._mi = nil, nil end
  corpus.timeline = events
  corpus.timeline_anchor = anchor and { iso = anchor.iso, from = anchor.from } or nil
end

return {
  name = "timeline",
  summary = "dated events from every article, oldest first (run dates first)",
  scope = "corpus",
  needs = { "dates" }, -- fields an earlier stage must add (lint checks the order)
  adds = { "timeline" },
  options = {
    cluster_date = { type = "boolean", default = true,
      doc = "Resolve an undated article's relative dates against the date most articles carry, unless it contradicts it." },
    datelines = { type = "boolean", default = false,
      doc = "Also list each article's own dateline as an event." },
    reference_words = { type = "list", items = { type = "string" },
      default = { "منذ", "بعد", "قبل", "عقب", "إثر", "مقارنة", "بالمقارنة", "الذي:3", "التي:3" },
      doc = "Words that make a date a point of reference (منذ زيارته في 2015): a sentence with a date of its own is not listed under it. WORD:N: only within N words." },
    reference_reach = { type = "integer", min = 0, default = 7,
      doc = "How many words before a date a reference word may be (unless the word says :N)." },
  },
  example = { cluster_date = true },
  run = run,
  _sort_key = sort_key,
}
