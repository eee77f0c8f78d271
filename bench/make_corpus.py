#!/usr/bin/env python3
"""Generate a benchmark corpus of plans in the language of LANGUAGE.md.

Usage: make_corpus.py OUT_DIR [--plans 1000] [--tactics 20] [--huge 50000] [--people 0]

Writes OUT_DIR/plans/plan-NNNN.plan (PLANS plans of TACTICS tactics each, about
6 KB a file) and OUT_DIR/huge.plan (one plan of HUGE tactics). Each plan names
four people: its own (`--people 0`), or four of a department of PEOPLE shared
by all plans, in turn (as in an organisation, where the audit's rollups by
person and its bookings across plans meet the same names). Deterministic:
the same arguments give the same files, so figures compare run to run.
"""
import argparse, os, random

CHANNELS = ["events", "email", "paid-social", "webinars", "content", "seo", "partners"]
AUDIENCES = ["IT directors", "CFOs at mid-market firms", "Hospital CIOs", "Nurses", "Developers"]
STAGES = ["awareness", "engagement", "opportunity", "closed"]

def plan(rng, index, tactics, department=0):
    if department:
        people = [f"person{(index * 4 + n) % department}" for n in range(4)]
    else:
        people = [f"p{index}-{n}" for n in range(4)]
    out = [f'# Generated plan {index}.',
           f'plan "Plan {index}" {{',
           f'  owner: @{people[0]}',
           f'  period: 2027-Q1..2027-Q4',
           f'  challenge: "Challenge number {index}"',
           f'  sales-cycle: {rng.choice([60, 90, 120])}d',
           f'  budget: {rng.randint(200, 900)}k EUR',
           f'  strategy growth "Grow"',
           f'  strategy retention "Keep"',
           f'  team {{']
    out += [f'    member @{p} {{ capacity: {rng.randint(30, 70)}d }}' for p in people]
    out += ['  }']
    for o in range(3):
        out += [f'  objective obj{o} "Objective {o}" {{',
                f'    owner: @{rng.choice(people)}',
                f'    supports: {rng.choice(["growth", "retention"])}',
                f'    kpi k{o} {{ stage: {rng.choice(STAGES)}  target: {rng.randint(10, 900)}  due: 2027-Q4  source: crm }}',
                '  }']
    for t in range(tactics):
        q = rng.randint(1, 4)
        last = rng.randint(q, 4)
        when = f"2027-Q{q}" if q == last else f"2027-Q{q}..2027-Q{last}"
        out += [f'  tactic t{t} "Tactic {t}" {{',
                f'    owner: @{rng.choice(people)}',
                f'    supports: obj{rng.randint(0, 2)}',
                f'    channel: {rng.choice(CHANNELS)}',
                f'    audience: "{rng.choice(AUDIENCES)}"',
                f'    when: {when}',
                f'    effort: {rng.randint(1, 15)}d',
                f'    budget: {rng.randint(1, 20)}k EUR',
                f'    kpi m{t} {{ stage: engagement  target: {rng.randint(10, 5000)}  due: 2027-Q{last}  source: hubspot }}',
                '  }']
    out.append('}')
    return "\n".join(out) + "\n"

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--tactics", type=int, default=20)
    parser.add_argument("--huge", type=int, default=50000)
    parser.add_argument("--people", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(2027)
    os.makedirs(os.path.join(args.out, "plans"), exist_ok=True)
    for index in range(args.plans):
        with open(os.path.join(args.out, "plans", f"plan-{index:04}.plan"), "w") as f:
            f.write(plan(rng, index, args.tactics, args.people))
    if args.huge:
        with open(os.path.join(args.out, "huge.plan"), "w") as f:
            f.write(plan(rng, 99999, args.huge))

if __name__ == "__main__":
    main()
