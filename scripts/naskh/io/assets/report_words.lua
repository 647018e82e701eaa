-- naskh.io.assets.report_words: words of the HTML report that come from stage data (data).
-- The summary's method, named in Arabic beside its option value; the outliers stage's
-- reasons (doc.outlier.why), worded in Arabic: %s are filled in the order given.
return {
  method = {
    learned = "المقيِّم المتعلَّم",
    lexrank = "ترتيب الجمل بالتشابه (LexRank)",
    textrank = "ترتيب الجمل بالتشابه (TextRank)",
    centroid = "القرب من مركز المجموعة",
    lead = "الجمل الأولى من كل مقال",
  },
  outlier = {
    -- ratio, shared facts, shared terms (each a fraction of the other articles' median)
    similarity = "تشابهه مع المقالات الأخرى منخفض: %s من تشابهها (الوقائع المشتركة %s، المفردات المشتركة %s)",
    -- its date, the others' date
    date_one = "تاريخه %s والمقالات الأخرى مؤرخة %s",
    -- its date, the others' first and last dates
    date_range = "تاريخه %s والمقالات الأخرى مؤرخة بين %s و%s",
  },
}
