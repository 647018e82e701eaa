/*
** fuzz_jsonl.c
** The JSON Lines reader (naskh.io.read over lua-cjson, UTF-8 checks) and the
** JSON Lines writer (bindings/lnk_json.c); see drivers/jsonl.lua.
*/
#include "fuzz_lua.h"

NK_FUZZ_TARGET(jsonl)
{
    return nk_fuzz_lua("tests/fuzz/drivers/jsonl.lua", data, size);
}
