-- naskh script FILE.lua [ARG...]: run a Lua script with naskh loaded.
return {
  summary = "run a Lua script with the naskh module loaded (global `arg` as in lua5.4)",
  usage = "naskh script FILE.lua [ARG...]",
  help = "The script runs with the full Lua standard library; `require \"naskh\"` and the\n" ..
         "pipeline modules (naskh.pipeline, naskh.json, ...) are available.",
  run = function(args, cli)
    local file = args[1]
    if not file then cli.usage_error("script: which file? usage: naskh script FILE.lua [ARG...]") end
    local chunk, err = loadfile(file, "t")
    if not chunk then cli.fail(2, err) end
    local a = { [0] = file }
    for i = 2, #args do a[i - 1] = args[i] end
    _G.arg = a
    local rets = table.pack(chunk(table.unpack(a)))
    local r = rets[1]
    if math.type(r) == "integer" then return r end
    return 0
  end,
}
