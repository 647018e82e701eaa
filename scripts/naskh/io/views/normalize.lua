-- naskh.io.views.normalize: the normalize stage adds nothing the report shows (data; naskh.io.render);
-- its view only names it in Arabic.
return {
  label = { ar = "التوحيد الإملائي" },   -- the stage's name in the report
}
