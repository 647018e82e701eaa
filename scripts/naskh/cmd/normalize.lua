-- naskh normalize [--profile NAME] [--SWITCH[=VALUE]]... [--map] [FILE...]
local naskh = require "naskh"

local options = {
  profile = { type = "string", short = "p", enum = naskh.norm_profiles(), default = "search",
    arg = "NAME", doc = "search, display, camel or none" },
  map = { type = "boolean",
    doc = "print the offset map per word: nstart<TAB>nend<TAB>start<TAB>end<TAB>normalized<TAB>original "
      .. "(code points, 0-based, end exclusive)" },
}
local switches = naskh.norm_switches()
for _, sw in ipairs(switches) do
  if sw.values then
    options[sw.name] = { type = "string", enum = sw.values, arg = "VALUE", doc = sw.doc }
  else
    options[sw.name] = { type = "boolean", doc = sw.doc .. " (--no-" .. sw.name .. " to turn off)" }
  end
end

-- One line per whitespace-separated word of the normalized text, handed to write(...); nbase
-- and obase are the code points of normalized and original text before this piece of the
-- input. Returns the code points of the normalized piece.
local function map_lines(write, text, norm, nbase, obase)
  local ntext = norm:text()
  local spans, bytes_n, bytes_o = {}, {}, {}
  for s, e in ntext:gmatch("()%S+()") do
    local os, oe = norm:orig(s, e - 1)
    spans[#spans + 1] = { s, e - 1, os, oe }
    bytes_n[#bytes_n + 1] = s - 1; bytes_n[#bytes_n + 1] = e - 1
    bytes_o[#bytes_o + 1] = os - 1; bytes_o[#bytes_o + 1] = oe
  end
  local cn, co = naskh.cp_offsets(ntext, bytes_n), naskh.cp_offsets(text, bytes_o)
  for i, sp in ipairs(spans) do
    local orig = text:sub(sp[3], sp[4]):gsub("[\t\n\r]", " ")
    write(nbase + cn[2 * i - 1], "\t", nbase + cn[2 * i], "\t", obase + co[2 * i - 1], "\t",
      obase + co[2 * i], "\t", ntext:sub(sp[1], sp[2]), "\t", orig, "\n")
  end
  return naskh.cplen(ntext)
end

return {
  map_lines = map_lines,
  summary = "normalize Arabic text (stdin -> stdout) with a named profile and switches",
  usage = "naskh normalize [--profile NAME] [--SWITCH[=VALUE]]... [--map] [FILE...]",
  help = [[Reads stdin (or each FILE; '-' = stdin) and writes the normalized text.
Profiles: search (default; the strong fold for matching), display (clean but
faithful), camel (CAMeL Tools' normalize_unicode + dediac_ar + normalize_alef_ar +
normalize_alef_maksura_ar + normalize_teh_marbuta_ar), none. Every switch below
overrides the profile. Code points per switch: docs/normalization.md. Examples:
  naskh normalize < article.txt
  naskh normalize --profile display --diacritics=strip < quran.txt
  naskh normalize --no-hamza --map < article.txt]],
  options = options,
  run = function(args, cli)
    local o = args.opts
    local nopts = { profile = o.profile }
    for _, sw in ipairs(switches) do
      if o[sw.name] ~= nil then nopts[sw.name] = o[sw.name] end
    end
    local files = {}
    for i = 1, #args do files[i] = args[i] end
    if #files == 0 then files[1] = "-" end
    local z = not o.map and naskh.normalizer(nopts) or nil
    for _, f in ipairs(files) do
      local name = f == "-" and "stdin" or f
      if z then
        local fh = io.stdin
        if f ~= "-" then
          local err
          fh, err = io.open(f, "rb")
          if not fh then cli.fail(2, "cannot open " .. tostring(err)) end
        end
        -- read, normalized and written in C in 64 KB blocks: memory does not grow with the input
        local ok, msg = z:pipe(fh, io.stdout)
        if not ok then cli.fail(2, string.format("normalize: %s: %s", name, msg)) end
        if fh ~= io.stdin then fh:close() end
      else
        -- pieces cut at line ends (normalization never reaches across one), so the map too
        -- needs memory for one piece, not the input
        local nbase = 0
        for text, bbase, cpbase in cli.chunks(f, "line") do
          local norm, msg, off = naskh.normview(text, nopts)
          if not norm then
            if off then msg = msg:gsub("byte %d+", "byte " .. (bbase + off)) end
            cli.fail(2, string.format("normalize: %s: %s", name, msg))
          end
          -- printed in C (naskh.write_normmap; map_lines above is the same in Lua)
          nbase = nbase + naskh.write_normmap(io.stdout, norm, nbase, cpbase)
          norm:close() -- its offset map freed now, not when the collector gets to it
        end
      end
    end
    return 0
  end,
}
