-- naskh.io.views.clean: how the clean stage's fields show (data; naskh.io.render).
-- The cleaned text (with the option report_text) and the dropped boilerplate: listed in
-- Markdown, collapsed where it was in the HTML article.
return {
  label = { ar = "التنظيف" },   -- the stage's name in the report
  { paragraphs = "clean_text", spans = "clean_spans", when = "report_text", only = "markdown",
    title = { en = "Cleaned text", ar = "النص بعد التنظيف" } },
  { dropped = "dropped", title = { en = "Dropped boilerplate", ar = "نص محذوف" } },
}
