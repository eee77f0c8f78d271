#!/usr/bin/env bash
# Tries the Neovim recipes of README.md for real, headless, on a plan with
# tabs, emoji and CRLF line endings, and checks where the diagnostics land:
#   1. nvim-lint with editors/neovim/planlint.lua (needs NVIM_LINT, a
#      checkout of https://github.com/mfussenegger/nvim-lint);
#   2. Neovim's own LSP client with efm-langserver and
#      editors/efm-langserver/config.yaml (needs efm-langserver).
# Needs Neovim >= 0.9.5 (NVIM=path, default `nvim`) and a built planlint
# (PLANLINT=path, default target/debug/planlint). Not part of CI: the
# editors and the plugin are not all installable there (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
nvim=${NVIM:-nvim}
planlint=${PLANLINT:-$root/target/debug/planlint}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" && ln -s "$planlint" "$work/bin/planlint"
export PATH="$work/bin:$PATH"

# Line 12: `\ttactic calls "Call 📞 now" {` (missing-kpi at the header);
# line 15: `\t\taudience: "🎯 left"\tcolur: blue` (unknown-attribute at `colur`).
printf 'plan "Émoji 🎉 plan" {\r\n\towner: @ana\r\n\tperiod: 2027-Q1..2027-Q4\r\n\tchallenge: "Win back 🏆 churned accounts"\r\n\tstrategy retention "Keep our customers"\r\n\tteam { member @ana { capacity: 60d } }\r\n\tobjective winback "Win back lapsed customers" {\r\n\t\towner: @ana\r\n\t\tsupports: retention\r\n\t\tkpi won-back { stage: closed\ttarget: 40  due: 2027-Q4  source: salesforce }\r\n\t}\r\n\ttactic calls "Call 📞 now" {\r\n\t\towner: @ana\r\n\t\tsupports: winback\r\n\t\taudience: "🎯 left"\tcolur: blue\r\n\t\twhen: 2027-Q1..2027-Q2\r\n\t\teffort: 20d\r\n\t}\r\n}\r\n' >"$work/windows.plan"

cat >"$work/dump.lua" <<'LUA'
-- Waits for diagnostics in the current buffer, writes them as JSON, quits.
local out = os.getenv("OUT")
vim.wait(20000, function() return #vim.diagnostic.get(0) >= 2 end, 100)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { code = d.code, lnum = d.lnum, col = d.col,
    end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity })
end
table.sort(found, function(a, b) return a.lnum < b.lnum end)
local file = assert(io.open(out, "w"))
file:write(vim.json.encode(found))
file:close()
vim.cmd("qall!")
LUA

# Expected byte columns (0-based), computed from the characters.
expected='[{"code":"missing-kpi","lnum":11,"col":1,"end_lnum":11,"end_col":29},{"code":"unknown-attribute","lnum":14,"col":24,"end_lnum":14,"end_col":29}]'

# efm-langserver passes planlint's character columns on as LSP positions,
# which count UTF-16 code units: after an emoji (two units) it lands one
# byte column early, and it has no end position nor rule code.
expected_efm='[{"lnum":11,"col":1},{"lnum":14,"col":23}]'

check() { # NAME FILE EXPECTED
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
name, path, expected = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
found = json.load(open(path))
keys = tuple(expected[0].keys())
got = [{k: d.get(k) for k in keys} for d in found]
want = [{k: d[k] for k in keys} for d in expected]
print(f"{name}: {json.dumps(got)}")
if got == want:
    print(f"{name}: diagnostics where expected")
else:
    print(f"{name}: MISMATCH, expected {json.dumps(want)}")
    sys.exit(1)
PY
}

status=0
if [ -n "${NVIM_LINT:-}" ]; then
  cat >"$work/init-nvim-lint.lua" <<LUA
vim.opt.runtimepath:append("$NVIM_LINT")
vim.cmd("filetype on")
dofile("$root/editors/neovim/planlint.lua")
LUA
  OUT="$work/nvim-lint.json" "$nvim" --headless -u "$work/init-nvim-lint.lua" \
    "$work/windows.plan" -c "luafile $work/dump.lua"
  check nvim-lint "$work/nvim-lint.json" "$expected" || status=1
else
  echo "nvim-lint: skipped (set NVIM_LINT to a checkout of nvim-lint)"
fi

if command -v efm-langserver >/dev/null; then
  cat >"$work/init-efm.lua" <<LUA
vim.cmd("filetype on")
vim.filetype.add({ extension = { plan = "plan" } })
vim.api.nvim_create_autocmd("FileType", {
  pattern = "plan",
  callback = function(args)
    vim.lsp.start({
      name = "efm",
      cmd = { "efm-langserver", "-c", "$root/editors/efm-langserver/config.yaml" },
      root_dir = vim.fs.dirname(args.file),
    })
  end,
})
LUA
  OUT="$work/efm.json" "$nvim" --headless -u "$work/init-efm.lua" \
    "$work/windows.plan" -c "luafile $work/dump.lua"
  check efm-langserver "$work/efm.json" "$expected_efm" || status=1
else
  echo "efm-langserver: skipped (not installed)"
fi
exit $status
