-- naskh.io.views.quotes_merge: how the quotes_merge stage's fields show (data;
-- naskh.io.render). Who said what across the cluster: each merged quote with the articles
-- it is in (with the option report_shared_only, only those in more than one).
return {
  label = { ar = "جمع الاقتباسات" },   -- the stage's name in the report
  { quotes = "quotes", merged = "docs", shared_only = "report_shared_only", level = 2,
    title = { en = "Who said what", ar = "الاقتباسات" }, empty = { en = "No quotes found." } },
}
