/*
** fuzz_yaml.c
** The YAML loader (naskh.yaml_load, bindings/lnk_yaml.c over libyaml) and the
** recipe linter on what it returns; see drivers/yaml.lua.
*/
#include "fuzz_lua.h"

NK_FUZZ_TARGET(yaml)
{
    return nk_fuzz_lua("tests/fuzz/drivers/yaml.lua", data, size);
}
