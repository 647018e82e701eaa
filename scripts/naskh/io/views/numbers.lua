-- naskh.io.views.numbers: how the numbers stage's fields show (data; naskh.io.render).
-- The figures of an article as a table: the text (linked to its place in HTML), the
-- value (≈, more or less than), the counted noun.
return {
  label = { ar = "الأرقام" },   -- the stage's name in the report
  { table = "numbers", title = { en = "Numbers", ar = "الأرقام" },
    columns = {
      { field = "text", title = { en = "text", ar = "في النص" }, link = true },
      { field = "value", title = { en = "value", ar = "القيمة" }, format = "amount" },
      { field = "unit", title = { en = "unit", ar = "المعدود" } },
    } },
}
