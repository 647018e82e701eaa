-- naskh.io.assets.recipe_titles: the bundled recipes' titles in the HTML report (data; an
-- output's own `title:` wins, any other recipe is "تقرير NAME").
return {
  digest = "موجز المقالات", summarize = "ملخص المجموعة", entities = "كيانات المجموعة",
  quotes = "من قال ماذا", timeline = "الخط الزمني للمجموعة", report = "تقرير المجموعة",
}
