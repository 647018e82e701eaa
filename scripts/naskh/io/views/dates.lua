-- naskh.io.views.dates: how the dates stage's fields show (data; naskh.io.render).
-- Each date is marked in the article's text (HTML) and listed in a table (Markdown): the
-- text, its ISO 8601 value, how it was read.
return {
  label = { ar = "التواريخ" },   -- the stage's name in the report
  { marks = "dates", as = "date", value = "iso", how = "how" },
  { table = "dates", only = "markdown", title = { en = "Dates", ar = "التواريخ" },
    note = { field = "date_anchor", en = "article date {iso}, from the {source}", missing = { en = "no article date found" } },
    columns = {
      { field = "text", title = { en = "text", ar = "في النص" }, link = true },
      { field = "iso", title = "ISO 8601", default = "—", paren = "part" },
      { field = "how", title = { en = "how", ar = "كيف" }, warn = "conflict" },
    } },
}
