-- naskh gazetteer compile SRC... -o FILE [--variants] | naskh gazetteer info FILE
local naskh = require "naskh"

local function info_line(g, secs)
  local i = g:info()
  return string.format("%d entries, %d forms, %d distinct words, %.1f MB in memory%s%s",
    i.entries, i.forms, i.words, i.memory / 1e6, i.variants and ", with variants" or "",
    secs and string.format(", %.2f s", secs) or "")
end

return {
  summary = "compile gazetteers (TSV, YAML) into one file that -g loads without rebuilding",
  usage = "naskh gazetteer compile SRC... -o FILE [--variants]  |  naskh gazetteer info FILE",
  help = [==[compile: reads every SRC (TSV: surface<TAB>type[<TAB>id[<TAB>key=value...]], or YAML:
a list of {id, type, name, aliases: [...], ...metadata}) into one compiled gazetteer and writes
it to FILE. Entries with the same id across sources are one entry (aliases). --variants also
builds the spelling-variant keys used by `naskh match --variants`.
info: prints the counts and memory of a gazetteer (compiled or source).
Errors in a source are reported as FILE:LINE:COL: message (exit status 2).]==],
  options = {
    output = { type = "string", short = "o", arg = "FILE", doc = "the compiled file to write" },
    variants = { type = "boolean", doc = "also build the spelling-variant keys" },
  },
  run = function(args, cli)
    local o = args.opts
    local verb = args[1]
    if verb == "compile" then
      if #args < 2 then cli.usage_error("gazetteer compile: no source given") end
      if not o.output then cli.usage_error("gazetteer compile: -o FILE is needed") end
      local srcs = {}
      for i = 2, #args do srcs[#srcs + 1] = args[i] end
      local t0 = os.clock()
      local g, err = naskh.gazetteer({ files = srcs, variants = o.variants or false })
      if not g then cli.usage_error(err) end
      local ok, werr = g:save(o.output)
      if not ok then cli.usage_error(werr) end
      if not cli.quiet then io.stderr:write(o.output, ": ", info_line(g, os.clock() - t0), "\n") end
      return 0
    elseif verb == "info" then
      if #args ~= 2 then cli.usage_error("gazetteer info: one FILE") end
      local g, err = naskh.gazetteer(args[2])
      if not g then cli.usage_error(err) end
      cli.out(args[2], ": ", info_line(g), "\n")
      return 0
    end
    cli.usage_error("gazetteer: expected `compile SRC... -o FILE` or `info FILE`")
  end,
}
