-- naskh.io.views.outliers: how the outliers stage's fields show (data; naskh.io.render).
-- The articles flagged as about another event: listed (Markdown), marked with their
-- reason (HTML).
return {
  label = { ar = "المقالات الخارجة عن الموضوع" },   -- the stage's name in the report
  { flags = "outliers", doc = "doc", reason = "reason", flag = "outlier", level = 2,
    title = { en = "Outliers", ar = "مقالات خارج الموضوع" }, text = { en = "is about another event" } },
}
