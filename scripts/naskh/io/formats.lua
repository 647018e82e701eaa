-- naskh.io.formats: the output formats (data). A format is a module naskh.io.NAME (its
-- writer: new(sink, spec, plan) -> {doc=, corpus=, begin=, finish=}) and a line here; the
-- recipe schema, -o FILE's extension, --format's other names and the messages read this.
local M = {}

-- The names a recipe's `format:` takes, in the order the schema lists them.
M.NAMES = { "jsonl", "markdown", "text", "json", "html" }

-- The format of -o FILE by its extension (lower case), and the other names --format takes.
M.EXTENSIONS = { jsonl = "jsonl", ndjson = "jsonl", json = "json", md = "markdown", markdown = "markdown",
                 html = "html", htm = "html", txt = "text", text = "text" }
M.ALIASES = { md = "markdown", txt = "text", ndjson = "jsonl" }

-- The names `naskh run --format` takes, in the order its messages list them.
M.FLAG_NAMES = { "jsonl", "json", "markdown", "md", "html", "text", "txt" }

-- How messages name them: the formats, and one extension of each.
M.SHOWN = "jsonl, json, markdown, html, text"
M.SHOWN_EXTENSIONS = ".jsonl .json .md .html .txt"

return M
