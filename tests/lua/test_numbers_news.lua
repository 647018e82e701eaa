-- The numbers stage on news it was not shaped on (issue 16): the Arabic
-- decimal comma.
local t = require "t"
local x = require "xhelp"

local d = x.run({ x.doc("n", "بلغت الإيرادات 103,7 مليون دولار مقابل 1,500 سهم و12,25% من الأسهم.") }, { "numbers" })[1]
local got = {}
for _, m in ipairs(d.numbers) do got[#got + 1] = m.text .. "=" .. string.format("%.2f", m.value) end
t.eq(got, { "103,7 مليون=103700000.00", "1,500=1500.00", "12,25=12.25" },
  "a comma before one or two digits is a decimal comma; before three a thousands separator")
