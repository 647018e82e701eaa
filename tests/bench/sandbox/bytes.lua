-- A Lua-heavy user stage for tests/bench/bench_sandbox.sh: counts the bytes
-- of each document one by one in Lua (the worst case for the limit hook).
return {
  name = "bytes",
  run = function(doc)
    local s, n = doc.text, 0
    for i = 1, #s do
      if s:byte(i) >= 0x80 then n = n + 1 end
    end
    doc.high_bytes = n
  end,
}
