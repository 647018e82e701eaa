-- naskh.io.views.entity_counts: how the entity_counts stage's fields show (data;
-- naskh.io.render). Markdown: a table of the cluster's entities, then each article's most
-- mentioned names (the HTML page already shows the most mentioned names as chips).
return {
  label = { ar = "عدّ الكيانات" },   -- the stage's name in the report
  { table = "entity_counts", only = "markdown", level = 3, limit = { option = "top" },
    title = { en = "Entities of the cluster", ar = "كيانات المجموعة" },
    columns = {
      { field = "name", title = { en = "entity", ar = "الكيان" } },
      { field = "type", title = { en = "type", ar = "النوع" } },
      { field = "count", title = { en = "mentions", ar = "المرات" }, align = "end" },
      { field = "docs", title = { en = "articles", ar = "المقالات" }, align = "end" },
      { field = "surfaces", title = { en = "written as", ar = "كُتب" }, format = "counts", limit = 4 },
    } },
  { chips = "entity_counts", each = "docs", label = "id", text = "name", count = "count", only = "markdown",
    limit = { option = "top" }, empty = "(none)" },
}
