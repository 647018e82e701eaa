-- naskh.io.views.timeline: how the timeline stage's fields show (data; naskh.io.render).
-- The dated events of the cluster, oldest first, one heading a date, each linked to its
-- article; the cluster date that resolved articles without one.
return {
  label = { ar = "الخط الزمني" },   -- the stage's name in the report
  { timeline = "timeline", anchor = "timeline_anchor", level = 2, title = { en = "Timeline", ar = "الخط الزمني" },
    empty = { en = "No dated events." } },
}
