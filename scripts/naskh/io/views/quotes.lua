-- naskh.io.views.quotes: how the quotes stage's fields show (data; naskh.io.render).
-- Each quote is marked in the article's text (HTML) and shown as a quote block with its
-- speaker (Markdown: per article; HTML: grouped by speaker, unless merged quotes exist).
return {
  label = { ar = "الاقتباسات" },   -- the stage's name in the report
  { marks = "quotes", as = "quote", speaker = "speaker" },
  { quotes = "quotes", title = { en = "Quotes", ar = "الاقتباسات" } },
}
