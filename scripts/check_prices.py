#!/usr/bin/env python3
"""Compare spantop's costs with the genai-prices truth from emit_priced_calls.py (stdlib only).

Usage: check_prices.py TRUTH.json REPORT.json

For every project in the truth: the report has it; `cost_usd` within 0.5% of the expected cost
(1e-9 USD absolute when that is 0), or null where genai-prices has no price / there are no
tokens; `tokens` exactly as sent (input with cache included, plus output) or null; and
`cost_estimated` false for costs priced call by call or given explicitly. Models that
genai-prices cannot price are listed in the report's `unpriced_models`, and priced ones are
not. Also: the report counts every span sent and rejects none. Prints one line per project and
exits 1 on any mismatch.
"""

from __future__ import annotations

import json
import sys

REL_TOLERANCE = 0.005
ABS_TOLERANCE = 1e-9


def _cost_ok(expected, actual) -> tuple[bool, float | None]:
    """(within tolerance, relative error) for two costs, either of which may be null."""
    if expected is None or actual is None:
        return expected is None and actual is None, None
    actual = float(actual)
    if expected == 0:
        return abs(actual) <= ABS_TOLERANCE, None
    rel = abs(actual - expected) / abs(expected)
    return rel <= REL_TOLERANCE, rel


def _fmt_cost(value) -> str:
    return "null" if value is None else f"{float(value):.6f}"


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        truth = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        report = json.load(f)

    problems: list[str] = []
    if report.get("spans") != truth["spans"]:
        problems.append(f"report spans: expected {truth['spans']}, actual {report.get('spans')}")
    if report.get("rejected_spans"):
        problems.append(f"report rejected_spans: expected 0, actual {report.get('rejected_spans')}")

    projects = {p["id"]: p for p in report.get("projects", [])}
    worst = 0.0
    print(f"{'project':44} {'models':40} {'expected $':>11} {'actual $':>11} {'rel err':>8}  "
          f"{'tokens exp/act':>17}  result")
    for project_id, exp in sorted(truth["projects"].items()):
        models = ", ".join(exp["models"]) or "-"
        got = projects.get(project_id)
        if got is None:
            problems.append(f"{project_id}: missing from the report (projects: {len(projects)})")
            print(f"{project_id:44} {models[:40]:40} {_fmt_cost(exp['cost_usd']):>11} {'missing':>11}")
            continue
        why: list[str] = []
        ok, rel = _cost_ok(exp["cost_usd"], got.get("cost_usd"))
        if not ok:
            why.append(f"cost_usd expected {_fmt_cost(exp['cost_usd'])}, actual {_fmt_cost(got.get('cost_usd'))}")
        if rel is not None:
            worst = max(worst, rel)
        if got.get("tokens") != exp["tokens"]:
            why.append(f"tokens expected {json.dumps(exp['tokens'])}, actual {json.dumps(got.get('tokens'))}")
        if exp["cost_estimated"] is not None and got.get("cost_estimated") is not exp["cost_estimated"]:
            why.append(f"cost_estimated expected {json.dumps(exp['cost_estimated'])}, "
                       f"actual {json.dumps(got.get('cost_estimated'))}")
        rel_text = "-" if rel is None else f"{rel * 100:.3f}%"
        tokens_text = f"{json.dumps(exp['tokens'])}/{json.dumps(got.get('tokens'))}"
        print(f"{project_id:44} {models[:40]:40} {_fmt_cost(exp['cost_usd']):>11} "
              f"{_fmt_cost(got.get('cost_usd')):>11} {rel_text:>8}  {tokens_text:>17}  {'ok' if not why else 'FAIL'}")
        if why:
            # The calls behind the expectation, so a mismatch can be traced to one price.
            for call in exp["calls"]:
                print(f"{'':6}{call['start'][:19]} {call['model_ref']} provider={call['provider_id']} "
                      f"in={call['input']} cr={call['cache_read']} cw={call['cache_write']} out={call['output']} "
                      f"-> {call.get('resolved')} ${call['price_usd']}  [{call.get('model_price', '')}]")
            problems += [f"{project_id} ({exp['features']}): {w}" for w in why]

    # A model genai-prices cannot price must be listed; one it can must not be.
    listed = [str(m) for m in report.get("unpriced_models", [])]
    wanted = set(truth["unpriced_models"])
    for model in sorted(wanted):
        if not any(model in entry for entry in listed):
            problems.append(f"unpriced_models: expected an entry naming {model!r}, actual {listed}")
    # (request and response model names alike: spantop may list either)
    priced = {m for p in truth["projects"].values() if p["cost_usd"] is not None for m in p["span_models"]} - wanted
    for model in sorted(priced & set(listed)):
        problems.append(f"unpriced_models: {model!r} is listed, but genai-prices prices it")

    priced_projects = [p for p in truth["projects"].values() if p["cost_usd"] is not None]
    n_models = len({m for p in priced_projects for m in p["models"]})
    n_providers = len({pr for p in priced_projects for pr in p["providers"]})
    print(f"genai-prices {truth['genai_prices_version']}; unpriced_models in the report: {listed}")
    if problems:
        print(f"\ncheck_prices: {len(problems)} mismatch(es) against genai-prices:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{len(truth['projects'])} projects, {n_models} models, {n_providers} providers: all within "
          f"{REL_TOLERANCE * 100:g}% (worst {worst * 100:.4f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
