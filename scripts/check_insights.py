#!/usr/bin/env python3
"""Check spantop's insights (critical path, waste, outliers, budget, diff) against the truth that
emit_dag_workforce.py wrote (stdlib only).

Usage: check_insights.py probe REPORT.json
       check_insights.py report REPORT.json TRUTH.json
       check_insights.py diff DIFF.json BEFORE_TRUTH.json AFTER_TRUTH.json
       check_insights.py budget-pick REPORT.json
       check_insights.py budget REPORT.json USD

probe        exit 0 when the report has the insight keys (`critical_path` on every project).
report       status counts; every task's status, attempts, processing, wasted_s and outlier flag;
             the critical path (ids exact, seconds within 0.01); wasted_s (0.01) and
             wasted_tokens (exact) per project; cost within what the tokens can cost;
             over_budget false (no budget given).
diff         `spantop diff --json BEFORE AFTER`: pairs in start order, every task by description
             with exactly the expected change tags (none on unchanged tasks), totals that match.
budget-pick  prints two budgets: between the second-largest and the largest project cost (so
             exactly the largest is over), and above every project's cost.
budget       over_budget is true exactly for the projects whose cost_usd exceeds USD.

Prints one line per checked item on success; problems on stderr and exit 1 otherwise. Extra
outlier flags on borderline tasks (above 2.5x the worker's median) are reported as notes, not
failures.
"""

from __future__ import annotations

import json
import sys

SECONDS_TOLERANCE = 0.01
PRICES = {"gpt-4.1-mini": (0.4, 1.6), "gpt-4o": (2.5, 10.0), "gpt-4.1": (2.0, 8.0), "gpt-4o-mini": (0.15, 0.6)}

problems: list[str] = []
notes: list[str] = []


def expect(ok: bool, what: str) -> None:
    if not ok:
        problems.append(what)


def near(a, b, tol: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= tol


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def within_cost(value, lo: float, hi: float) -> bool:
    return value is not None and lo * (1 - 1e-6) - 1e-12 <= float(value) <= hi * (1 + 1e-6) + 1e-12


# --- report -----------------------------------------------------------------------------------


def check_report(report: dict, truth: dict) -> list[str]:
    lines = []
    expect(report.get("rejected_spans") == 0, f"rejected_spans = {report.get('rejected_spans')}")
    expect(report.get("spans") == truth["spans"], f"spans: {report.get('spans')} != {truth['spans']}")
    projects = {p["id"]: p for p in report.get("projects", [])}
    extra = sorted(set(projects) - {p["id"] for p in truth["projects"]})
    expect(not extra, f"projects not in the truth: {extra}")
    for exp in truth["projects"]:
        pid = exp["id"]
        got = projects.get(pid)
        if got is None:
            problems.append(f"project {pid} ({exp['role']}) missing")
            continue
        where = f"{exp['role']} {pid}"
        for status in ("total", "pending", "running", "completed", "failed"):
            expect(got["tasks"].get(status) == exp["tasks"][status],
                   f"{where} tasks.{status}: {got['tasks'].get(status)} != {exp['tasks'][status]}")

        # Critical path.
        cp, ecp = got.get("critical_path", "missing"), exp["critical_path"]
        if ecp is None:
            expect(cp is None, f"{where} critical_path: {cp} != null")
        elif not isinstance(cp, dict):
            problems.append(f"{where} critical_path: {cp!r}, expected {ecp}")
        else:
            expect(cp.get("task_ids") == ecp["task_ids"],
                   f"{where} critical_path.task_ids:\n      got      {cp.get('task_ids')}\n      expected {ecp['task_ids']}")
            expect(near(cp.get("seconds"), ecp["seconds"], SECONDS_TOLERANCE),
                   f"{where} critical_path.seconds: {cp.get('seconds')} != {ecp['seconds']}")

        # Waste.
        expect(near(got.get("wasted_s"), exp["wasted_s"], SECONDS_TOLERANCE),
               f"{where} wasted_s: {got.get('wasted_s')} != {exp['wasted_s']}")
        expect(got.get("wasted_tokens", "missing") == exp["wasted_tokens"],
               f"{where} wasted_tokens: {got.get('wasted_tokens', 'missing')} != {exp['wasted_tokens']}")
        wcost = got.get("wasted_cost_usd", "missing")
        if exp["wasted_tokens"] is None:
            expect(wcost is None, f"{where} wasted_cost_usd: {wcost} with no wasted tokens")
        elif wcost is None:
            notes.append(f"{where}: wasted_cost_usd null although {exp['wasted_tokens']} wasted tokens are known")
        else:
            lo = sum(t["wasted_tokens"] * PRICES[t["model"]][0] / 1e6 for t in exp["task_list"].values() if t["wasted_tokens"])
            hi = sum(t["wasted_tokens"] * PRICES[t["model"]][1] / 1e6 for t in exp["task_list"].values() if t["wasted_tokens"])
            expect(within_cost(wcost, lo, hi), f"{where} wasted_cost_usd {wcost} outside [{lo:.6f}, {hi:.6f}]")

        # Cost (the budget's input) and no budget alarm.
        lo, hi = exp["cost_bounds_usd"]
        expect(within_cost(got.get("cost_usd"), lo, hi),
               f"{where} cost_usd {got.get('cost_usd')} outside what its tokens can cost [{lo:.6f}, {hi:.6f}]")
        expect(got.get("over_budget") is False, f"{where} over_budget {got.get('over_budget', 'missing')!r} with no budget")
        expect("eta_s" in got, f"{where}: no eta_s key")

        # Tasks.
        tasks = {t["id"]: t for t in got.get("task_list", [])}
        expect(set(tasks) == set(exp["task_list"]),
               f"{where} task ids differ: missing {sorted(set(exp['task_list']) - set(tasks))}, "
               f"extra {sorted(set(tasks) - set(exp['task_list']))}")
        flagged = []
        for tid, et in exp["task_list"].items():
            t = tasks.get(tid)
            if t is None:
                continue
            for key in ("status", "attempts"):
                expect(t.get(key) == et[key], f"{where}/{tid} {key}: {t.get(key)!r} != {et[key]!r}")
            expect(near(t.get("processing_s"), et["processing_s"], 1e-6),
                   f"{where}/{tid} processing_s: {t.get('processing_s')} != {et['processing_s']}")
            expect(near(t.get("wasted_s"), et["wasted_s"], SECONDS_TOLERANCE),
                   f"{where}/{tid} wasted_s: {t.get('wasted_s', 'missing')} != {et['wasted_s']}")
            if "wasted_tokens" in t:
                expect(t["wasted_tokens"] == et["wasted_tokens"],
                       f"{where}/{tid} wasted_tokens: {t['wasted_tokens']} != {et['wasted_tokens']}")
            outlier = t.get("outlier", "missing")
            ratio = et["outlier_ratio"]
            if tid in exp["outliers"]:
                expect(outlier is True, f"{where}/{tid} outlier: {outlier!r}, but it took {ratio}x its worker's median")
            elif outlier is True:
                if ratio is not None and ratio > 2.5:
                    notes.append(f"{where}/{tid} flagged as an outlier at {ratio}x its worker's median (borderline)")
                else:
                    problems.append(f"{where}/{tid} flagged as an outlier at only {ratio}x its worker's median")
            else:
                expect(outlier is False, f"{where}/{tid} outlier: {outlier!r}")
                expect(ratio is None or ratio <= 3, f"{where}/{tid} not flagged at {ratio}x its worker's median")
            if outlier is True:
                flagged.append(tid)
        path = exp["critical_path"]
        lines.append(
            f"{exp['role']:<10} {pid}: {exp['tasks']['total']} tasks, critical path "
            + (f"{len(path['task_ids'])} tasks / {path['seconds']:.2f} s" if path else "none")
            + f", wasted {exp['wasted_s']:.2f} s / {exp['wasted_tokens'] if exp['wasted_tokens'] is not None else 'no'} tokens, outliers {len(flagged)}"
            + (f", halted (gave up on {exp['given_up']})" if exp["halted"] else "")
        )
    return lines


# --- diff ---------------------------------------------------------------------------------------


def check_totals(where: str, side: str, tot, exp: dict) -> None:
    if not isinstance(tot, dict) or not tot:
        problems.append(f"{where} totals.{side}: {tot!r}")
        return
    counts = tot.get("tasks") if isinstance(tot.get("tasks"), dict) else tot
    for status in ("total", "pending", "running", "completed", "failed"):
        if isinstance(counts.get(status), int):
            expect(counts[status] == exp["tasks"][status],
                   f"{where} totals.{side} {status}: {counts[status]} != {exp['tasks'][status]}")
    if "tokens" in tot:
        expect(tot["tokens"] == exp["tokens"], f"{where} totals.{side}.tokens: {tot['tokens']} != {exp['tokens']}")
    if tot.get("cost_usd") is not None:
        lo, hi = exp["cost_bounds_usd"]
        expect(within_cost(tot["cost_usd"], lo, hi), f"{where} totals.{side}.cost_usd {tot['cost_usd']} outside [{lo:.6f}, {hi:.6f}]")
    if "wasted_s" in tot:
        expect(near(tot["wasted_s"], exp["wasted_s"], SECONDS_TOLERANCE),
               f"{where} totals.{side}.wasted_s: {tot['wasted_s']} != {exp['wasted_s']}")


def side_id(obj):
    return obj.get("id") if isinstance(obj, dict) else None


def check_diff(diff: dict, before: dict, after: dict) -> list[str]:
    lines = []
    expect(diff.get("version") == 1, f"version: {diff.get('version')!r}")
    pairs = diff.get("pairs", [])
    want = after["diff"]["pairs"]
    expect(len(pairs) == len(want), f"{len(pairs)} pairs, expected {len(want)}")
    for i, (got, exp) in enumerate(zip(pairs, want)):
        where = f"pair {i} ({before['projects'][i]['role']})"
        expect(got.get("before") == exp["before"] and got.get("after") == exp["after"],
               f"{where}: {got.get('before')} -> {got.get('after')}, expected {exp['before']} -> {exp['after']}")
        totals = got.get("totals", {})
        check_totals(where, "before", totals.get("before"), before["projects"][i])
        check_totals(where, "after", totals.get("after"), after["projects"][i])
        rows: dict[str, dict] = {}
        for row in got.get("tasks", []):
            desc = row.get("description")
            expect(desc not in rows, f"{where}: description listed twice: {desc!r}")
            rows[desc] = row
        tagged = 0
        for e in exp["tasks"]:
            row = rows.pop(e["description"], None)
            if row is None:
                problems.append(f"{where}: no row for {e['description']!r}")
                continue
            for side in ("before", "after"):
                if e[side] is None:
                    expect(row.get(side) is None, f"{where} {e['description']!r}: {side} should be null")
                else:
                    expect(isinstance(row.get(side), dict), f"{where} {e['description']!r}: {side} missing")
                    if side_id(row.get(side)) is not None:
                        expect(side_id(row[side]) == e[side], f"{where} {e['description']!r}: {side}.id {side_id(row[side])} != {e[side]}")
            change = sorted(row.get("change", []))
            kind = "designed" if e["designed"] else "unchanged"
            expect(change == e["change"], f"{where} {e['description']!r} ({kind}): change {change} != {e['change']}")
            tagged += bool(e["change"])
        for desc in rows:
            problems.append(f"{where}: unexpected row {desc!r}")
        tags = sorted({t for e in exp["tasks"] for t in e["change"]})
        lines.append(f"{where}: {len(exp['tasks'])} tasks, {tagged} tagged ({', '.join(tags) or 'none'})")
    return lines


# --- budget -------------------------------------------------------------------------------------


def costs(report: dict) -> dict[str, float]:
    out = {}
    for p in report["projects"]:
        expect(isinstance(p.get("cost_usd"), (int, float)) and p["cost_usd"] > 0, f"{p['id']}: cost_usd {p.get('cost_usd')!r}")
        out[p["id"]] = float(p.get("cost_usd") or 0)
    return out


def budget_pick(report: dict) -> str:
    c = sorted(costs(report).values())
    expect(len(c) >= 2 and c[-1] > c[-2] * 1.001, f"the two largest costs are too close to split: {c}")
    low = (c[-2] + c[-1]) / 2 if len(c) >= 2 else c[-1] / 2
    return f"{low!r} {c[-1] * 2 + 1!r}"


def check_budget(report: dict, usd: float) -> list[str]:
    over = []
    for pid, cost in costs(report).items():
        p = next(p for p in report["projects"] if p["id"] == pid)
        expect(p.get("over_budget") is (cost > usd), f"{pid}: cost {cost} vs budget {usd}: over_budget {p.get('over_budget')!r}")
        if cost > usd:
            over.append(pid)
    return [f"budget ${usd:.6f}: over {over or 'none'}"]


def main() -> int:
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, rest = args[0], args[1:]
    lines: list[str] = []
    if cmd == "probe":
        report = load(rest[0])
        return 0 if report.get("projects") and all("critical_path" in p for p in report["projects"]) else 1
    if cmd == "report":
        lines = check_report(load(rest[0]), load(rest[1]))
    elif cmd == "diff":
        lines = check_diff(load(rest[0]), load(rest[1]), load(rest[2]))
    elif cmd == "budget-pick":
        picked = budget_pick(load(rest[0]))
        if not problems:
            print(picked)
    elif cmd == "budget":
        lines = check_budget(load(rest[0]), float(rest[1]))
    else:
        print(f"unknown command {cmd!r}", file=sys.stderr)
        return 2
    for line in lines if not problems else []:
        print(f"  {line}")
    for n in notes:
        print(f"  note: {n}")
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
