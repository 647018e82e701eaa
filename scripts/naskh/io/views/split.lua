-- naskh.io.views.split: the split stage adds nothing the report shows (data; naskh.io.render);
-- its view only names it in Arabic.
return {
  label = { ar = "تقسيم الجمل" },   -- the stage's name in the report
}
