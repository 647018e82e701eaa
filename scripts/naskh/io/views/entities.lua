-- naskh.io.views.entities: how the entities stage's fields show (data; naskh.io.render).
-- Names are marked in the article's text by type (HTML: with the most mentioned of the
-- cluster as chips) and tabled per article (Markdown, with the option report).
return {
  label = { ar = "الكيانات" },   -- the stage's name in the report
  { marks = "entities", as = "entity" },
  { mentions = "entities", when = "report", only = "markdown", title = { en = "Entities", ar = "الكيانات" } },
}
