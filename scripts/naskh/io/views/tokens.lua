-- naskh.io.views.tokens: the tokens stage adds nothing the report shows (data; naskh.io.render);
-- its view only names it in Arabic.
return {
  label = { ar = "الكلمات" },   -- the stage's name in the report
}
