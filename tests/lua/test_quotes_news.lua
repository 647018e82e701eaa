-- The quotes stage on news text it was not shaped on (issue 16): hard-wrapped
-- lines, passives and impersonal verbs, scare quotes, speakers. The fixtures
-- are written for this test (not taken from the evaluation data).
local t = require "t"
local x = require "xhelp"

local function quotes_of(text, opts, meta)
  local d = x.doc("t", text, meta)
  x.run({ d }, { "entities", { "quotes", opts } })
  return d.quotes, d
end

local function texts(qs)
  local out = {}
  for i, q in ipairs(qs) do out[i] = q.text end
  return out
end

-- Hard-wrapped text: the quote runs across the line ends to the end of its sentence.
do
  local text = table.concat({
    "قال وزير الزراعة في مؤتمر صحفي عقده في العاصمة مساء الأحد إن الحكومة",
    "ستواصل دعم صغار المزارعين في المناطق الريفية حتى نهاية الموسم الحالي رغم",
    "الصعوبات المالية الكبيرة. وأضاف الوزير أن برنامج القروض الميسرة سيشمل",
    "ألف أسرة جديدة خلال الأشهر المقبلة في ثلاث محافظات شمالية على الأقل.",
    "وتابع: \"لن نترك أحدا خلف الركب في هذه المرحلة الصعبة من تاريخ",
    "البلاد\".",
  }, "\n")
  local qs = quotes_of(text)
  t.eq(texts(qs), {
    "الحكومة\nستواصل دعم صغار المزارعين في المناطق الريفية حتى نهاية الموسم الحالي رغم\nالصعوبات المالية الكبيرة",
    "برنامج القروض الميسرة سيشمل\nألف أسرة جديدة خلال الأشهر المقبلة في ثلاث محافظات شمالية على الأقل",
    "لن نترك أحدا خلف الركب في هذه المرحلة الصعبة من تاريخ\nالبلاد",
  }, "hard-wrapped lines: each quote runs to the end of its sentence, across line ends")
  t.eq(#quotes_of(text, { join_lines = "never" }) > 0 and texts(quotes_of(text, { join_lines = "never" }))[1],
    "الحكومة", "join_lines: never keeps every line end a quote end")
end

-- A headline without a final period is not joined to the paragraph under it,
-- and lines of an unwrapped article (one paragraph per line) stay apart.
do
  local text = "الوزير يعد المزارعين بالدعم\n"
    .. "قال وزير الزراعة في مؤتمر صحفي عقده في العاصمة مساء الأحد وسط حضور كبير من ممثلي"
    .. " الجمعيات الزراعية والصحفيين والمراقبين إن الحكومة ستواصل دعم صغار المزارعين.\n"
    .. "وأشار إلى أن الموسم كان صعبا على الجميع بسبب الجفاف الذي ضرب المنطقة منذ أشهر طويلة"
    .. " دون أن تسقط قطرة مطر واحدة على الحقول\n"
    .. "وختم اللقاء بالشكر."
  local qs = quotes_of(text)
  t.eq(texts(qs), { "الحكومة ستواصل دعم صغار المزارعين",
    "الموسم كان صعبا على الجميع بسبب الجفاف الذي ضرب المنطقة منذ أشهر طويلة دون أن تسقط قطرة مطر واحدة على الحقول" },
    "unwrapped text: a long line without a period is not joined to the next paragraph")
end

-- Passive and impersonal forms are not speech; the lexicon is data a recipe extends.
do
  local qs = quotes_of("انفجرت عبوة وصفت بأنها على ما يبدو من صنع محلي قرب السوق.\n"
    .. "ويعتقد أن المهاجمين فروا إلى الجبال المجاورة قبل وصول الشرطة.\n")
  t.eq(texts(qs), {}, "وصفت بأنها، يعتقد أن: passive or impersonal, no quote")
  local text = "وهمس الحارس العجوز أن الباب الخلفي بقي مفتوحا طوال الليل.\n"
  t.eq(texts(quotes_of(text)), {}, "a verb outside the lexicon introduces nothing")
  t.eq(texts(quotes_of(text, { verbs = { "همس" } })), { "الباب الخلفي بقي مفتوحا طوال الليل" },
    "... and a recipe's `verbs` entry adds it")
  t.eq(texts(quotes_of(text, { verbs_file = "", verbs = { "همس" } })), { "الباب الخلفي بقي مفتوحا طوال الليل" },
    "verbs_file '' leaves only the recipe's entries")
  local ok, err = pcall(quotes_of, text, { verbs = { "همس قال loud" } })
  t.ok(not ok and tostring(err):find("verbs%[1%]: unknown flag 'loud'") ~= nil, "a bad lexicon entry is an error naming it",
    tostring(err))
  qs = quotes_of("وتشرح الباحثة: \"الشعر يعالج بمواد كيميائية قبل أن يباع في الأسواق\".\n"
    .. "وكتبت في تقريرها أن الطلب ارتفع كثيرا في العامين الأخيرين.\n")
  t.eq(texts(qs), { "الشعر يعالج بمواد كيميائية قبل أن يباع في الأسواق", "الطلب ارتفع كثيرا في العامين الأخيرين" },
    "تشرح: and كتبت أن are speech verbs")
end

-- Speakers: a role is no speaker when the person is named after it; an implicit
-- subject is the person last named as a subject, not the previous speaker.
do
  local qs = quotes_of("وقال المتحدث الرسمي باسم الحكومة المكلف بالإعلام فلاديمير بوتين إن المحادثات ستستأنف قريبا.\n")
  t.eq(qs[1] and qs[1].speaker and qs[1].speaker.id, "person:putin", "role ... name إن: the person speaks")
  qs = quotes_of("وقالت مصادر مطلعة إن الاجتماع تأجل إلى موعد لاحق.\n"
    .. "ودعا بشار الأسد البرلمان إلى الإسراع في إقرار القانون. وأضاف أن التأخير يضر بالجميع.\n")
  local q = qs[#qs]
  t.eq({ q and q.text, q and q.speaker and q.speaker.id }, { "التأخير يضر بالجميع", "person:assad" },
    "وأضاف أن after another person's sentence: that person, not the previous speaker")
  qs = quotes_of("قالت ليف في مقابلة أجريت معها: \"الصوت القوي لا يحتاج إلى إذن من أحد\".\n")
  t.eq(qs[1] and qs[1].speaker and qs[1].speaker.text, "ليف", "a name starting with ل is not a preposition")
end

-- Names and terms in marks inside a running sentence are no quotes; an
-- abbreviation written with periods does not end a reported quote.
do
  local qs = quotes_of("قدمت الجوائز شركة الدياسا «الأسواق الحرة لمطار الملكة علياء الدولي» وشركة أخرى للطيران.\n"
    .. "ويجب أن تحتوي الوجبة على أغذية \"كالأطعمة التي تحتوي على نسبة عالية من الملح\" كما يجب الاعتدال.\n")
  t.eq(texts(qs), {}, "marks inside a running sentence (a name, a term): no quote")
  qs = quotes_of("ويقول مسؤولون إن وكالة المخابرات المركزية الأمريكية (سي.آي.إيه) شاركت في أكثر من 80 عملية نقل.\n")
  t.eq(texts(qs), { "وكالة المخابرات المركزية الأمريكية (سي.آي.إيه) شاركت في أكثر من 80 عملية نقل" },
    "سي.آي.إيه: periods inside an abbreviation do not end the quote")
  qs = quotes_of("وقال العوادي لـ \"الوطن\" إن اللائحة تؤيد كل إجراء يحد من الفساد.\n")
  t.eq(qs[1] and qs[1].speaker and qs[1].speaker.text, "العوادي", "لـ \"الوطن\" is not part of the speaker")
end

-- A source cue (وبحسب، وطبقا ل، ووفقا ل) and فإن: the source speaks.
do
  local qs = quotes_of("وطبقا للمصادر فإن بغداد اشترطت خطوة أولى من دمشق. وبحسب وزارة الخارجية فإنها لن ترد.\n")
  local got = {}
  for _, q in ipairs(qs) do got[#got + 1] = q.text .. " | " .. (q.speaker and q.speaker.text or "-") end
  t.eq(got, { "بغداد اشترطت خطوة أولى من دمشق | مصادر", "لن ترد | وزارة الخارجية" },
    "وطبقا للمصادر فإن / وبحسب X فإنها: reported, the source is the speaker")
end

-- A noun phrase after the verb's preposition (lexicon +على، +إلى) is what was
-- said; it ends before the next circumstantial participle; a participle keeps
-- the speaker named again in its sentence.
do
  local qs = quotes_of("وقال العوادي إن اللائحة تدعم كل إجراء ضد الفساد. وتحدى العوادي أي مسؤول يتهم بشار الأسد"
    .. " بالفساد، مشددا على ضرورة اعتماد الدقة في إصدار الأحكام منتقدا تصريحات بعض الأعضاء.\n")
  local q = qs[2]
  t.eq({ q and q.text, q and q.speaker and q.speaker.text }, { "ضرورة اعتماد الدقة في إصدار الأحكام", "العوادي" },
    "مشددا على + noun phrase: content up to the next participle; the speaker named again in the sentence")
  qs = quotes_of("وأشار التقرير إلى تجاوزات كثيرة في ملف الحريات العامة.\n")
  t.eq(texts(qs), { "تجاوزات كثيرة في ملف الحريات العامة" }, "أشار التقرير إلى + noun phrase")
  qs = quotes_of("وأكدت المصادر حرص الحكومة على إثبات حسن النية تجاه الجيران.\n")
  t.eq(texts(qs), {}, "على far from the verb belongs to another word (حرص على): no quote")
  qs = quotes_of("وأشار التقرير إلى تجاوزات كثيرة.\n", { verbs_file = "", verbs = { "أشار" } })
  t.eq(texts(qs), {}, "without the +إلى flag the noun phrase is not taken")
end

-- The subject of an earlier speech verb of the sentence speaks for a later one.
do
  local qs = quotes_of("كتب سامر دحلان, مؤسس موقع للأخبار في رسالة يشرح فيها سبب إغلاق القسم: للأسف تفسد القلة الأمر على الكثرة.\n")
  t.eq({ qs[1] and qs[1].text, qs[1] and qs[1].speaker and qs[1].speaker.text },
    { "للأسف تفسد القلة الأمر على الكثرة", "سامر دحلان" }, "كتب X ... يشرح فيها: X speaks")
end

-- Where reported content ends: a contrasting clause (في حين، بينما), a new
-- clause of the writer's after a comma (، وفي الوقت الذي); a participle flagged
-- `direct` takes the noun phrase after it; a subject with a place reaches its
-- preposition further on.
do
  local qs = quotes_of("وقالت السلطات إنه مجرد تطبيق للقانون في حين رد آخرون الأمر إلى السياسة.\n"
    .. "وكشفت مصادر في الجمعية الوطنية عن وجود خلافات بين الأحزاب حول المحاكمة، وفي الوقت الذي تسعى فيه"
    .. " الحكومة إلى تسريعها تعارض قوى أخرى ذلك.\n"
    .. "وافتتح الوزير المصنع الجديد، متوقعا دخول المشروع مرحلة الإنتاج العام المقبل.\n")
  t.eq(texts(qs), { "مجرد تطبيق للقانون", "وجود خلافات بين الأحزاب حول المحاكمة",
    "دخول المشروع مرحلة الإنتاج العام المقبل" },
    "في حين / ، وفي end the content; كشفت مصادر في X عن + noun phrase; متوقعا + noun phrase")
end

-- Nested attributions are quotes of their own; their subject is the name right
-- before the verb after إن; a title and a surname link to the person named in
-- full in the document; a different given name blocks a link.
do
  local qs = quotes_of("وقال الكرملين إن فلاديمير بوتين أبلغ بشار الأسد أنه ينوي إجراء مشاورات واسعة.\n")
  local got = {}
  for _, q in ipairs(qs) do got[#got + 1] = q.text .. " | " .. tostring(q.speaker and (q.speaker.id or q.speaker.text)) end
  t.eq(got, { "فلاديمير بوتين أبلغ بشار الأسد أنه ينوي إجراء مشاورات واسعة | org:kremlin",
    "ينوي إجراء مشاورات واسعة | person:putin" },
    "a nested attribution inside reported content; إن X أبلغ Y أنه: X speaks, Y is addressed")
  qs = quotes_of("التقى الصحفيون فلاديمير بوتين في موسكو.\nوقال الرئيس بوتين إن المحادثات كانت مفيدة جدا للطرفين.\n"
    .. "وقال محمد بوتين إن السوق أغلقت أبوابها مبكرا هذا اليوم.\n")
  -- (with the tagger محمد بوتين is an entity of its own, PERS:محمد بوتين; without it, no entity)
  local id2 = qs[2] and qs[2].speaker and qs[2].speaker.id
  t.eq({ qs[1] and qs[1].speaker and qs[1].speaker.id, id2 ~= "person:putin" },
    { "person:putin", true }, "الرئيس بوتين links to Putin; محمد بوتين does not")
  qs = quotes_of("وكشفت الشركة عن بيع ألف سهم من محفظتها خلال الفترة الحالية..وأكدت في بيان أنه نتج عن البيع ربح كبير.\n")
  t.eq(texts(qs), { "بيع ألف سهم من محفظتها خلال الفترة الحالية", "نتج عن البيع ربح كبير" },
    "an ellipsis before a new speech verb ends the content")
end

-- Subjects before the verb without an entity: a short noun phrase opening the
-- sentence, the word before الذي; a demonstrative is not part of a speaker;
-- a preposition with a pronoun (به) is no speaker.
do
  local qs = quotes_of("لكن أحد خبراء السفر نبه إلى أن الخدمة لم تكن موثوقة في الرحلات الطويلة.\n"
    .. "وتأسست الحركة على يد الميرزا الشيرازي الذي أعلن أنه المصلح المنتظر منذ زمن طويل.\n"
    .. "وقالت مصادر في الحركة إن الانتخابات ستجري في موعدها. وبحسب هذه المصادر فإن القادة وافقوا على ذلك.\n"
    .. "واعترفت قائلة: \"علينا النظر إلى ما أقرت به بأننا نحتاج إلى شيء مختلف تماما\".\n")
  local got = {}
  for _, q in ipairs(qs) do got[#got + 1] = tostring(q.speaker and q.speaker.text) end
  t.eq(got, { "أحد خبراء السفر", "الشيرازي", "مصادر", "المصادر", "المصادر", "المصادر" },
    "a subject opening the sentence; the word before الذي; هذه dropped; به is no speaker (the previous one is)")
end

-- A phrase after وفق/بحسب that names what was said is no source.
do
  local qs = quotes_of("من جهته، صرح الوزير: «نحن مستعدون لحوار مع كل الراغبين في الحل»، وفق تصريحات ترجمت إلى الإنجليزية.\n")
  t.eq({ qs[1] and qs[1].text, qs[1] and qs[1].source }, { "نحن مستعدون لحوار مع كل الراغبين في الحل", nil },
    "وفق تصريحات ترجمت ...: no source")
end

-- Data as the subject of a speech verb is evidence, not speech (lexicon nonspeaker).
do
  t.eq(texts(quotes_of("وتقول الأرقام الرسمية إن البطالة ارتفعت إلى مستوى غير مسبوق هذا العام.\n")), {},
    "تقول الأرقام إن ...: no quote")
  t.eq(#quotes_of("وتقول الأرقام الرسمية إن البطالة ارتفعت إلى مستوى غير مسبوق هذا العام.\n", { verbs_file = "",
    verbs = { "تقول قال" } }), 1, "... the nonspeaker entries are data: without them it is a quote")
end

-- Plural forms: قالوا، أكدوا (derived), يقولون (listed).
do
  t.eq(texts(quotes_of("المحتجون أكدوا أن مطالبهم لم تتحقق بعد. ويقولون إن الحكومة تتجاهلهم منذ أشهر.\n")),
    { "مطالبهم لم تتحقق بعد", "الحكومة تتجاهلهم منذ أشهر" }, "أكدوا/يقولون: plural speech verbs")
end

-- A participle introducing its own content ends the running statement even
-- without a comma; حكم بأن is reporting.
do
  t.eq(texts(quotes_of("وقال المتحدث إن العيادات ستعمل ثلاثة أسابيع في المدن الكبرى مبينا أن الحملة تهدف إلى زيادة الوعي.\n"
    .. "وحكم القاضي في القضية بأن أفعاله كانت ضمن القانون.\n")),
    { "العيادات ستعمل ثلاثة أسابيع في المدن الكبرى", "الحملة تهدف إلى زيادة الوعي", "أفعاله كانت ضمن القانون" },
    "… مبينا أن …: two statements; حكم بأن")
end

-- The cue words are data too (cues_file, cues).
do
  local text = "واستنادا إلى مصادر مطلعة فإن الاجتماع تأجل إلى الأسبوع المقبل.\n"
  t.eq(texts(quotes_of(text)), {}, "استنادا is no source cue in the bundled list")
  local qs = quotes_of(text, { cues = { "source: استنادا" } })
  t.eq({ qs[1] and qs[1].text, qs[1] and qs[1].speaker and qs[1].speaker.text },
    { "الاجتماع تأجل إلى الأسبوع المقبل", "مصادر مطلعة" }, "... a recipe's `cues` line adds it")
  local ok, err = pcall(quotes_of, text, { cues = { "sources: استنادا" } })
  t.ok(not ok and tostring(err):find("cues%[1%]: unknown section 'sources'") ~= nil, "a bad cue line is an error naming it",
    tostring(err))
end

-- A preposition phrase opening the sentence is no subject (وبعد اللقاء أكد أن).
do
  local qs = quotes_of("وبعد اللقاء أكد أن المحادثات كانت مثمرة جدا للطرفين.\n")
  t.eq({ qs[1] and qs[1].text, qs[1] and qs[1].speaker }, { "المحادثات كانت مثمرة جدا للطرفين", nil },
    "وبعد اللقاء is not the speaker")
end

-- A line the clean stage dropped is never joined to the running text around it.
do
  local lines = {
    "قال وزير الزراعة في مؤتمر صحفي عقده في العاصمة مساء الأحد إن الحكومة",
    "ستواصل دعم صغار المزارعين في المناطق الريفية حتى نهاية الموسم الحالي رغم",
    "اقرأ أيضا: أسعار القمح ترتفع في الأسواق العالمية للمرة الثالثة هذا الشهر",
    "وأضاف الوزير أن برنامج القروض الميسرة سيشمل ألف أسرة جديدة خلال الأشهر.",
  }
  local text = table.concat(lines, "\n") .. "\n"
  local s3 = #lines[1] + #lines[2] + 3
  local d = x.doc("t", text)
  d.dropped = { { s = s3, e = s3 + #lines[3] - 1, reason = "boilerplate" } }
  x.run({ d }, { "quotes" })
  local got = {}
  for _, q in ipairs(d.quotes) do got[#got + 1] = q.text end
  t.eq(got, { "الحكومة\nستواصل دعم صغار المزارعين في المناطق الريفية حتى نهاية الموسم الحالي رغم",
    "برنامج القروض الميسرة سيشمل ألف أسرة جديدة خلال الأشهر" },
    "the dropped line splits the blocks; the text around it keeps its quotes")
end

-- In hard-wrapped text a closing mark at a line end does not end the sentence
-- unless a terminator comes before it.
do
  local text = table.concat({
    "وكانت الحكومة قد وقعت اتفاقا مع النقابات في الأسبوع الماضي بعد مفاوضات",
    "طويلة. وقال رئيس الوزراء في كلمة أمام البرلمان إن الاتفاق \"تاريخي\"",
    "بكل المقاييس وإنه سيحمي حقوق العمال في القطاعين العام والخاص معا.",
    "وتابع أن الحكومة ستنشر تفاصيل الاتفاق كاملة خلال الأيام القليلة المقبلة.",
  }, "\n")
  local qs = quotes_of(text)
  t.eq(qs[1] and qs[1].text, "الاتفاق \"تاريخي\"\nبكل المقاييس وإنه سيحمي حقوق العمال في القطاعين العام والخاص معا",
    "a line ending with a closing mark goes on in wrapped text")
end

-- More reporting verbs from the lexicon: توقع، نوه إلى; يتوقع أن right after is impersonal.
do
  t.eq(texts(quotes_of("وتوقع الخبير أن ترتفع الأسعار خلال الصيف. ونوه المسؤول إلى ضرورة ترشيد الاستهلاك."
    .. " ويتوقع أن تنخفض الأسعار لاحقا.\n")),
    { "ترتفع الأسعار خلال الصيف", "ضرورة ترشيد الاستهلاك" }, "توقع أن، نوه إلى; not يتوقع أن")
end

-- بدوره قال إن ...: an adverb opening the sentence is no speaker.
do
  local qs = quotes_of("وقال الوزير إن الخطة جاهزة للتنفيذ.\nبدوره قال إن التمويل متوفر بالكامل منذ أشهر.\n")
  t.eq(qs[2] and qs[2].speaker and qs[2].speaker.text, "الوزير", "بدوره قال إن: not «بدوره»")
end
t.eq((quotes_of("الأسبوع الماضي قال إن التمويل متوفر بالكامل منذ أشهر.\n"))[1].speaker, nil,
  "الأسبوع الماضي قال إن: a time phrase is no speaker")

-- عبر is a speech verb only with عن (lexicon !عن): عبر البريد is "via".
do
  t.eq(texts(quotes_of("من خلال محادثة عبر البريد الإلكتروني, حاولت لأول مرة أن أكشف عن أصول الكلمات.\n"
    .. "وعبر الوزير عن أمله في أن تنتهي الأزمة قريبا.\n")),
    { "تنتهي الأزمة قريبا" }, "عبر البريد ... أن: no quote; عبر عن أمله في أن: a quote")
end

-- A word right after a preposition is a noun, not a speech verb (في رأي ...).
do
  t.eq(texts(quotes_of("وفي رأي كثير من الخبراء أن الأزمة ستطول أكثر مما يتوقع الجميع.\n")), {},
    "في رأي الخبراء أن: رأي is a noun here")
end
t.eq(texts(quotes_of("وبحسب الإحصاءات الرسمية فإن البطالة ارتفعت كثيرا هذا العام.\n")), {},
  "وبحسب الإحصاءات فإن: data, no quote")
