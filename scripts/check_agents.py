#!/usr/bin/env python3
"""Check a spantop report JSON (version 1) against the truth of emit_pydantic_agents.py (stdlib only).

Usage: check_agents.py TRUTH.json REPORT.json

Per scenario, in the project whose id is the truth's `project`:
  task_list  the root task (id = trace id): agent, status; every subtask (a nested invoke_agent
             run): id, parent_id, agent, status
  agents     runs and failed per agent (and tokens, when the truth has them); no other agents
  tools      calls and errors per tool; no other tools
  loops      a loop per truth loop with its agent, tool, calls (and task_id, and arguments as
             equal JSON, when the truth has them); no other loops
  errors     when `error_contains` is set: the root task's error and every failed subtask's
             error contain it
  counts     project truncated_calls, model_mismatches and tokens equal the truth's, where the
             truth has them
Prints one FAIL line per failed check (expected vs actual), then `agents: N scenarios ok`.
Exits 1 on any failure.
"""

from __future__ import annotations

import json
import sys


def _same_json(a, b) -> bool:
    """Equal as JSON values: the report may carry arguments as text or as a parsed value."""

    def parse(v):
        if isinstance(v, str):
            try:
                return json.loads(v)
            except ValueError:
                return v
        return v

    return parse(a) == parse(b)


def check_scenario(name: str, truth: dict, report: dict, agent_keys: bool = True) -> list[str]:
    fails: list[str] = []

    def fail(what: str, expected, actual) -> None:
        fails.append(f"FAIL agents: {name}: {what}: expected {json.dumps(expected)}, got {json.dumps(actual)}")

    projects = {p.get("id"): p for p in report.get("projects", [])}
    project = projects.get(truth["project"])
    if project is None:
        fail("project", truth["project"], sorted(str(k) for k in projects))
        return fails

    # Tasks.
    tasks = {t.get("id"): t for t in project.get("task_list", [])}
    root = tasks.get(truth["root"]["id"])
    if root is None:
        fail("root task", truth["root"]["id"], sorted(str(k) for k in tasks))
    else:
        for key in ("agent", "status"):
            if root.get(key) != truth["root"][key]:
                fail(f"root task {truth['root']['id']} {key}", truth["root"][key], root.get(key))
    for sub in truth["subtasks"]:
        task = tasks.get(sub["id"])
        if task is None:
            fail("subtask", sub["id"], sorted(str(k) for k in tasks))
            continue
        for key in ("parent_id", "agent", "status"):
            if task.get(key) != sub[key]:
                fail(f"subtask {sub['id']} {key}", sub[key], task.get(key))

    if not agent_keys:  # said once in main(); the tasks are still checked
        return fails

    # Agents and tools: named entries, none missing, none extra.
    for section, truth_entries, keys in (
        ("agents", truth["agents"], ("runs", "failed", "tokens")),
        ("tools", truth["tools"], ("calls", "errors")),
    ):
        if not isinstance(project.get(section), list):
            fail(f"project {section}", "a list", project.get(section))
            continue
        entries = {e.get("name"): e for e in project[section]}
        for entry_name, want in truth_entries.items():
            got = entries.get(entry_name)
            if got is None:
                fail(f"{section} entry", entry_name, sorted(str(k) for k in entries))
                continue
            for key in keys:
                if key in want and got.get(key) != want[key]:
                    fail(f"{section} {entry_name} {key}", want[key], got.get(key))
        # A tool a model was offered but never called is listed with 0 calls: not a call.
        extra = sorted(
            str(k) for k, e in entries.items() if k not in truth_entries and not (section == "tools" and e.get("calls") == 0)
        )
        if extra:
            fail(f"{section} (unexpected entries)", [], extra)

    # Loops: one per truth loop, no others.
    if not isinstance(project.get("loops"), list):
        fail("project loops", "a list", project.get("loops"))
    else:
        unmatched = list(project["loops"])
        for want in truth["loops"]:
            found = next(
                (l for l in unmatched if l.get("agent") == want["agent"] and l.get("tool") == want["tool"]), None)
            if found is None:
                fail("loop", {k: want[k] for k in ("agent", "tool", "calls")}, project["loops"])
                continue
            unmatched.remove(found)
            if found.get("calls") != want["calls"]:
                fail(f"loop {want['agent']}/{want['tool']} calls", want["calls"], found.get("calls"))
            if "task_id" in want and found.get("task_id") != want["task_id"]:
                fail(f"loop {want['agent']}/{want['tool']} task_id", want["task_id"], found.get("task_id"))
            if "arguments" in want and not _same_json(found.get("arguments"), want["arguments"]):
                fail(f"loop {want['agent']}/{want['tool']} arguments", want["arguments"], found.get("arguments"))
        if unmatched:
            fail("loops (unexpected entries)", [], unmatched)

    # Errors.
    needle = truth.get("error_contains")
    if needle:
        if root is not None and needle not in (root.get("error") or ""):
            fail(f"root task {truth['root']['id']} error contains", needle, root.get("error"))
        for sub in truth["subtasks"]:
            task = tasks.get(sub["id"])
            if sub["status"] == "failed" and task is not None and needle not in (task.get("error") or ""):
                fail(f"subtask {sub['id']} error contains", needle, task.get("error"))

    # Project counts.
    for key in ("truncated_calls", "model_mismatches", "tokens"):
        if key in truth and project.get(key) != truth[key]:
            fail(f"project {key}", truth[key], project.get(key))
    return fails


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        truth = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        report = json.load(f)

    if report.get("version") != 1:
        print(f"FAIL agents: report version: expected 1, got {json.dumps(report.get('version'))}")
        return 1
    agent_keys = not report.get("projects") or any("agents" in p for p in report["projects"])
    if not agent_keys:
        print("FAIL agents: no project in the report has an `agents` key (a binary from before the agent keys?); "
              "checking tasks only")

    ok = failed = 0
    for name, scenario in sorted(truth["scenarios"].items()):
        fails = check_scenario(name, scenario, report, agent_keys)
        for line in fails:
            print(line)
        if fails:
            failed += 1
        else:
            ok += 1
    print(f"agents: {ok} scenarios ok" + (f", {failed} failed" if failed else "")
          + ("" if agent_keys else " (tasks only)"))
    return 1 if failed or not agent_keys else 0


if __name__ == "__main__":
    sys.exit(main())
