-- naskh.io.views.summarize: how the summarize stage's fields show (data; naskh.io.render).
-- The cluster summary as a linked list (each sentence cites its sources), the articles
-- with what the summary took from each (Markdown), and each article's own summary (the
-- option per_document).
return {
  label = { ar = "التلخيص" },   -- the stage's name in the report
  { summary = "summary", scope = "corpus", level = 2, title = { en = "Summary", ar = "الملخص" } },
  { articles = "all", summary = "summary", flag = "outlier", left_out = { option = "outliers", value = "exclude" },
    scope = "corpus", only = "markdown" },
  { summary = "summary", each = "docs", when = "per_document", scope = "corpus", level = 3,
    title = { en = "Summary of {id}", ar = "ملخص المقال" } },
  { summary = "summary", scope = "document", title = { en = "Summary", ar = "الملخص" } },
}
