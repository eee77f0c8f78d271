#!/usr/bin/env python3
"""Scaling benchmark: does planlint's time grow with the plan, not its square?

Generates one plan of N tactics for each shape of issue 11 (each a kind of
mistake repeated in every tactic, where a quadratic path would show) and a
clean plan, runs `planlint check --format compact` on it (release build), and
prints the time per tactic at each size and the ratio of the per-tactic time
at the largest size to that at the smallest: about 1 is linear, 50 would be
quadratic from 1k to 50k. The issue's target is a ratio under 2.

Usage: bench/scaling.py [--sizes 1000,5000,20000,50000] [--shapes a,b]
                        [--binary target/release/planlint] [--timeout 120]
                        [--runs 3] [--keep DIR]

Each size is timed `--runs` times and the fastest run is kept (the machine is
shared: the minimum is the figure least disturbed by other work). A run over
`--timeout` seconds is shown as "> T s" and the larger sizes of that shape are
skipped. Needs only python3 and the release binary (`cargo build --release`).
"""
import argparse, os, subprocess, sys, tempfile, time

HEAD = '''plan "Scaling" {{
  owner: @ana
  period: 2027-Q1..2027-Q4
  challenge: "Grow pipeline"
  budget: 900000k EUR
  strategy growth "Grow"
  team {{
    member @ana {{ capacity: 9000000d }}
    member @ben {{ capacity: 9000000d }}
  }}
  objective pipeline "Pipeline" {{
    owner: @ana
    supports: growth
    kpi opps {{ stage: opportunity  target: 120  due: 2027-Q4  source: crm }}
  }}
{extra}'''

CHANNELS = ["events", "email", "paid-social", "webinars", "content", "seo", "partners"]


def tactic(i, *, tid=None, owner="@ben", supports="pipeline", channel=None,
           audience=None, when=None, kpi_id=None, source="crm", extra="",
           comment=""):
    tid = tid or f"t{i}"
    channel = channel or CHANNELS[i % len(CHANNELS)]
    audience = audience or f"Audience {i}"
    when = when or f"2027-Q{1 + i % 4}"
    kpi_id = kpi_id or f"m{i}"
    return (f'{comment}  tactic {tid} "Tactic {i}" {{\n'
            f'    owner: {owner}\n'
            f'    supports: {supports}\n'
            f'    channel: {channel}\n'
            f'    audience: "{audience}"\n'
            f'    when: {when}\n'
            f'    effort: 1d\n'
            f'    budget: 1k EUR\n'
            f'{extra}'
            f'    kpi {kpi_id} {{ stage: engagement  target: 10  due: 2027-Q4  source: {source} }}\n'
            f'  }}\n')


# Each shape: (description as in the table, function n -> plan text).
def clean(n):
    return [tactic(i) for i in range(n)]

def unknown_objective(n):
    # Distinct misspelt names, each close to nothing: the worst case for a
    # "did you mean" that compares every unknown name with every declared one.
    return [tactic(i, supports=f"objective-{i}") for i in range(n)]

def misspelt_objectives(n):
    # Half the blocks are objectives, half are tactics supporting a distinct
    # misspelling of one: every unknown name is a typo's distance from many
    # declared names of its length, the case "did you mean" bounds with
    # its comparison budget (text::COMPARISON_BUDGET).
    half = n // 2
    objectives = [f'  objective goal-{i:05} "Goal {i}" {{\n    owner: @ana\n    supports: growth\n'
                  f'    kpi k{i} {{ stage: opportunity  target: 1  due: 2027-Q4  source: crm }}\n  }}\n'
                  for i in range(half)]
    return objectives + [tactic(i, supports=f"gaol-{i:05}") for i in range(n - half)]

def duplicate_ids(n):
    return [tactic(i, tid=f"t{i // 2}") for i in range(n)]

def kpi_sources(n):
    return [tactic(i, kpi_id=f"m{i // 2}", source=["crm", "hubspot"][i % 2]) for i in range(n)]

def duplicate_keys(n):
    return [tactic(i, extra="    effort: 2d\n    channel: email\n") for i in range(n)]

def invalid_values(n):
    return [tactic(i, when="2027-Q5", extra='    lag: soon\n    x-note: 1\n')
            .replace("effort: 1d", 'effort: "lots"').replace("budget: 1k EUR", "budget: many")
            for i in range(n)]

def suppressions(n):
    return [tactic(i, supports=f"objective-{i}",
                   comment="  # planlint: allow(unknown-reference) -- imported as is\n")
            for i in range(n)]

def shared_channel(n):
    return [tactic(i, channel="email", audience="IT directors", when="2027-Q2") for i in range(n)]

def unknown_owner(n):
    return [tactic(i, owner=f"@person-{i}") for i in range(n)]

def custom_reference(n):
    return [tactic(i, extra=f"    x-campaign: campaign-{i}\n") for i in range(n)]

def many_keys(n):
    # One block holding N keys of its own: its repeated-key check must not
    # compare each key with every one before it.
    keys = "".join(f"    x-key-{i}: {i}\n" for i in range(n))
    return [tactic(i) for i in range(n - 1)] + [tactic(n - 1, extra=keys)]

def objective_kpis(n):
    # One objective with N late-stage KPIs due after the period, supported by
    # every tactic: time-lag and within-period must not go through all its
    # supporters once per KPI.
    kpis = "".join(f"    kpi late{i} {{ stage: closed  target: 1  due: 2028-Q2  source: crm }}\n"
                   for i in range(n))
    return ([f'  objective late "Late" {{\n    owner: @ana\n    supports: growth\n{kpis}  }}\n']
            + [tactic(i, supports="late", extra="    lag: 30d\n") for i in range(n)])

SHAPES = {
    "clean": ("a clean plan", clean),
    "unknown-objective": ("every tactic supports an unknown objective", unknown_objective),
    "duplicate-ids": ("ids are duplicated in pairs", duplicate_ids),
    "kpi-sources": ("the same KPI id is read from different sources, in pairs", kpi_sources),
    "duplicate-keys": ("a key is given twice in every block", duplicate_keys),
    "invalid-values": ("every tactic has four invalid values", invalid_values),
    "suppressions": ("every tactic has a suppression", suppressions),
    "shared-channel": ("every tactic shares channel, audience and quarter", shared_channel),
    "unknown-owner": ("every tactic has an unknown owner", unknown_owner),
    "custom-reference": ("a custom `reference` rule whose value names nothing", custom_reference),
    "many-keys": ("one tactic has N keys of its own", many_keys),
    "objective-kpis": ("one objective has N late KPIs and N supporting tactics", objective_kpis),
    "misspelt-objectives": ("N/2 objectives, N/2 tactics each supporting a distinct misspelling of one", misspelt_objectives),
}

CUSTOM_RULE = '''id: campaign-is-objective
summary: A tactic's campaign names an objective.
severity: warning
why: |
  Campaigns are objectives here.
bad: |
  plan "P" { objective o "O" {} tactic t "T" { x-campaign: nothing } }
good: |
  plan "P" { objective o "O" {} tactic t "T" { x-campaign: o } }
check:
  kind: reference
  on: tactic
  key: x-campaign
  to: objective
message: "`{value}` is not {to}"
'''


def write_plan(directory, shape, n):
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, f"{shape}-{n}.plan")
    with open(path, "w") as f:
        f.write(HEAD.format(extra="".join(SHAPES[shape][1](n))) + "}\n")
    if shape == "custom-reference":
        with open(os.path.join(directory, "campaign.yaml"), "w") as f:
            f.write(CUSTOM_RULE)
        with open(os.path.join(directory, ".planlint.yaml"), "w") as f:
            f.write("custom-rules:\n  - campaign.yaml\n")
    return path


def time_run(binary, path, timeout):
    start = time.perf_counter()
    try:
        done = subprocess.run([binary, "check", "--format", "compact", "--no-ignore", path],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, 0
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"planlint failed on {path} (status {done.returncode}):\n"
                 + done.stderr.decode(errors="replace")[-2000:])
    return elapsed, done.stdout.count(b"\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000,20000,50000")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--binary", default="target/release/planlint")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="write the plans here and keep them")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = args.shapes.split(",")
    for shape in shapes:
        if shape not in SHAPES:
            sys.exit(f"unknown shape {shape}; shapes: {', '.join(SHAPES)}")
    root = args.keep or tempfile.mkdtemp(prefix="planlint-scaling-")
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; best of {args.runs} runs; "
          f"`check --format compact` on one plan of N tactics")
    header = "| plan of N tactics where… | findings at max N | " + " | ".join(
        f"{n // 1000}k µs/tactic" for n in sizes) + f" | ratio {sizes[-1] // 1000}k/{sizes[0] // 1000}k |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    worst = 0.0
    for shape in shapes:
        cells, per_tactic, findings = [], [], 0
        for n in sizes:
            if per_tactic and per_tactic[-1] is None:
                cells.append("skipped")
                continue
            path = write_plan(os.path.join(root, shape), shape, n)
            best = None
            for _ in range(args.runs):
                elapsed, findings = time_run(args.binary, path, args.timeout)
                if elapsed is None:
                    best = None
                    break
                best = elapsed if best is None else min(best, elapsed)
            if not args.keep:
                os.remove(path)
            if best is None:
                per_tactic.append(None)
                cells.append(f"> {args.timeout:g} s")
            else:
                per_tactic.append(best / n * 1e6)
                cells.append(f"{per_tactic[-1]:.1f} ({best:.2f} s)")
        if per_tactic[0] and per_tactic[-1]:
            ratio = per_tactic[-1] / per_tactic[0]
            worst = max(worst, ratio)
            ratio_cell = f"{ratio:.2f}"
        else:
            ratio_cell, worst = "quadratic", float("inf")
        print(f"| {SHAPES[shape][0]} | {findings} | " + " | ".join(cells) + f" | {ratio_cell} |",
              flush=True)
    print(f"worst ratio: {worst:.2f} (target: under 2)")


if __name__ == "__main__":
    main()
