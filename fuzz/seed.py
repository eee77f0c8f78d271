#!/usr/bin/env python3
"""Writes the seed corpora the fuzz targets start from (fuzz/seeds/TARGET/):
the rule files' `bad` and `good` examples for `lint`, configurations paired
with each rule file (built-in and documented custom rules) for `config`, and
baselines written by planlint for `baseline`. The fixtures, examples and
import fixtures are passed to libFuzzer directly (see the README). Needs
PyYAML; run from the repository's root after `cargo build`."""

import pathlib
import subprocess

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"


def write(target, name, text):
    directory = SEEDS / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")


rule_files = sorted((ROOT / "rules").glob("*.yaml")) + sorted(
    (ROOT / "docs" / "custom-rules" / "policies").glob("*.yaml")
)
configs = [
    "custom-rules: [rules/*.yaml]\n",
    "rules:\n  missing-kpi: warning\n  over-capacity-quarter:\n    tolerance: 10%\n"
    "custom-rules:\n  - rules/custom.yaml\nexclude: [archive/**]\nrequire-reason: true\n",
]
configs += [p.read_text() for p in sorted(ROOT.glob("fixtures/*/.planlint.yaml"))]
for path in rule_files:
    text = path.read_text(encoding="utf-8")
    rule = yaml.safe_load(text)
    write("lint", f"{path.stem}-bad.plan", rule["bad"])
    write("lint", f"{path.stem}-good.plan", rule["good"])
    # A built-in id clashes; rename so the rule loads as a custom one.
    custom = text.replace(f"id: {rule['id']}", f"id: my-{rule['id']}", 1)
    for index, config in enumerate(configs[:2]):
        write("config", f"{path.stem}-{index}.yaml", config + "#%rule\n" + custom)

planlint = ROOT / "target" / "debug" / "planlint"
out = ROOT / "target" / "fuzz-seed-baseline.json"
for source in ["examples", "fixtures/missing-kpi", "fixtures/duplicate-id"]:
    out.unlink(missing_ok=True)
    subprocess.run(
        [planlint, "check", "--write-baseline", out.relative_to(ROOT), source],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    write("baseline", source.replace("/", "-") + ".json", out.read_text())
