-- The learned sentence scorer: its weights are data (a user's file changes the
-- choice; a bad file is an error naming file and line); its features.
local t = require "t"
local naskh = require "naskh"
local registry = require "naskh.engine.registry"
local schema = require "naskh.engine.schema"
local recipe = require "naskh.engine.recipe"

local st = registry.get("summarize")
local tmp = os.tmpname()
local function ctx()
  local c = { naskh = naskh, cache = {}, home = t.root }
  function c.resolve(_, p) return recipe.resolve(".", t.root, p) end
  function c.warn() end
  return c
end
local function write(text)
  local fh = assert(io.open(tmp, "wb"))
  fh:write(text)
  fh:close()
end
local doc = { id = "a", meta = {}, text = table.concat({
  "افتتح وزير الصحة اليوم مستشفى جديدا في المدينة بسعة مئتي سرير للمرضى.",
  "ويضم المستشفى أقساما للطوارئ والجراحة والأطفال وعيادات خارجية متعددة.",
  "وتعاني المدينة منذ سنوات من نقص كبير في أسرة المستشفيات والأطباء المختصين.",
}, " ") }

local function first_choice(weights)
  write(weights)
  local opts = schema.fill({ sentences = 1, weights = tmp }, st.options)
  local s = st.summarize_docs({ doc }, opts, ctx())
  return s.sentences[1].sentence
end
t.eq(first_choice("position\t1\n"), 1, "weights file: position alone picks the first sentence")
-- a new path: the weights cache is per file
local tmp2 = tmp
tmp = os.tmpname()
t.eq(first_choice("position\t-1\n"), 3, "weights file: negative position picks the last sentence")
os.remove(tmp2)

local bad = os.tmpname() -- a new path (weights files are read once per path)
local fh = assert(io.open(bad, "wb"))
fh:write("# a comment\nposition\t1\nnot_a_feature\t2\n")
fh:close()
local ok, err = pcall(st.summarize_docs, { doc }, schema.fill({ sentences = 1, weights = bad }, st.options), ctx())
t.ok(not ok and tostring(err):find(bad .. ":3: unknown feature 'not_a_feature'", 1, true) ~= nil,
  "an unknown feature is an error naming file and line", tostring(err))
os.remove(bad)
os.remove(tmp)

-- the shipped weights file names only known features, and features_of gives each
local c = ctx()
local feats
c.collect = function(f) feats = f end
c.weights = {}
st.summarize_docs({ doc }, schema.fill({ method = "learned", words = 30 }, st.options), c)
t.eq(#feats, 3, "one feature vector per sentence")
t.eq(#feats[1], #st.FEATURES, "every feature, in FEATURES order")
t.eq(feats[1][1], 1, "bias")
t.eq(feats[2][6], 0, "first: 0 for the second sentence")
t.eq(feats[2][13], 0, "connective: ويضم is none")
local s = st.summarize_docs({ doc }, schema.fill({ words = 30 }, st.options), ctx())
t.ok(#s.sentences >= 1 and s.method == "learned", "the shipped weights load and choose")

-- hanging openings come from the data file
local conn = st.connectives(t.root .. "/configs/data/connectives_ar.txt")
t.ok(st.hangs("وأضاف أن الحل سياسي.", conn), "وأضاف hangs")
t.ok(st.hangs("«كما أن الوضع صعب»", conn), "كما after a quote mark hangs")
t.ok(not st.hangs("كمال الدين وصل اليوم.", conn), "a word that starts like كما does not")
t.done()
