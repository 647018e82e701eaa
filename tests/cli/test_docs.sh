#!/usr/bin/env bash
# docs/recipes.md is generated from the stage schemas: the committed file must equal a
# fresh `naskh docs recipes` byte for byte (regenerate with `make docs`).
. "$(dirname "$0")/lib.sh"

run "$NASKH" docs recipes
expect_rc "naskh docs recipes" 0
"$NASKH" docs recipes >"$TMP/recipes.md" 2>/dev/null
if cmp -s "$TMP/recipes.md" docs/recipes.md; then
    ok "docs/recipes.md is current"
else
    notok "docs/recipes.md is current" "it differs from \`naskh docs recipes\`; run \`make docs\`: $(diff docs/recipes.md "$TMP/recipes.md" | head -4 | tr '\n' ' ')"
fi
for st in $("$NASKH" docs recipes | sed -n 's/^### //p'); do
    case $st in script) continue ;; esac
    run "$NASKH" help "$st"
    if [ "$RC" = 0 ]; then ok "documented stage $st has help"; else notok "documented stage $st has help" "exit $RC"; fi
done
run "$NASKH" docs nope
expect_rc "naskh docs with an unknown topic is a usage error" 2
expect_err "the usage error names the topic" "unknown topic 'nope'"
run "$NASKH" --help
expect_out "naskh --help lists docs" "docs"
