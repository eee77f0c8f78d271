"""Writes each YAML example of README.md that declares the planlint schema
(a `# yaml-language-server: $schema=` line) to DIR/readme-N.yaml, so CI can
validate it with check-jsonschema; fails if there is none."""
import pathlib
import re
import sys

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
readme = pathlib.Path("README.md").read_text(encoding="utf-8")
blocks = re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)
examples = [block for block in blocks if "yaml-language-server: $schema=" in block]
if not examples:
    sys.exit("README.md has no configuration example with a $schema line")
for number, block in enumerate(examples, 1):
    (out / f"readme-{number}.yaml").write_text(block, encoding="utf-8")
    print(out / f"readme-{number}.yaml")
