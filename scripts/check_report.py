#!/usr/bin/env python3
"""Check a spantop report JSON against an emitter truth file (stdlib only).

Usage: check_report.py REPORT.json TRUTH.json [--spans N]
       check_report.py REPORT.json --langfuse SESSION MODEL TOKENS

The first form applies the same rules as Tests/RecordingsTests/FixtureTruthTests.swift: every
project, task, status, attempt count, parent, worker, error, queue/processing time, tokens and
quality as emitted, status counts per project, the generic traces, and nothing rejected.
The second checks the Langfuse SDK scenario: a project for SESSION whose trace has MODEL and
TOKENS. Prints each problem and exits 1 if there is any.
"""

from __future__ import annotations

import json
import sys

problems: list[str] = []


def expect(ok: bool, what: str) -> None:
    if not ok:
        problems.append(what)


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


def check_truth(report: dict, truth: dict, spans: int | None) -> None:
    if spans is not None:
        expect(report["spans"] == spans, f"spans: expected {spans}, got {report['spans']}")
    projects = {p["id"]: p for p in report["projects"]}
    for project_id, value in truth["projects"].items():
        project = projects.get(project_id)
        if project is None:
            problems.append(f"project {project_id} missing")
            continue
        tasks = {t["id"]: t for t in project["task_list"]}
        expected_tasks = value["tasks"]
        expect(len(tasks) == len(expected_tasks), f"{project_id}: {len(tasks)} tasks, expected {len(expected_tasks)}")
        counts: dict[str, int] = {}
        for task_id, exp in expected_tasks.items():
            got = tasks.get(task_id)
            if got is None:
                problems.append(f"{project_id}/{task_id} missing")
                continue
            for key in ("status", "attempts", "parent_id", "worker_id", "error"):
                expect(got.get(key) == exp.get(key), f"{project_id}/{task_id} {key}: {got.get(key)!r} != {exp.get(key)!r}")
            for key in ("queue_s", "processing_s", "tokens", "quality"):
                expect(close(got.get(key), exp.get(key)), f"{project_id}/{task_id} {key}: {got.get(key)} != {exp.get(key)}")
            counts[exp["status"]] = counts.get(exp["status"], 0) + 1
        for status in ("pending", "running", "completed", "failed"):
            expect(
                project["tasks"][status] == counts.get(status, 0),
                f"{project_id} {status}: {project['tasks'][status]} != {counts.get(status, 0)}",
            )
    for exp in truth["traces"]:
        project = projects.get(exp["project_id"])
        if project is None:
            problems.append(f"project {exp['project_id']} missing")
            continue
        task = project["task_list"][0]
        for key, truth_key in (("id", "task_id"), ("name", "root_name"), ("status", "status"), ("model", "model"), ("span_count", "span_count")):
            expect(task.get(key) == exp.get(truth_key), f"trace {exp['trace_id']} {key}: {task.get(key)!r} != {exp.get(truth_key)!r}")
        expect(close(task.get("tokens"), exp.get("tokens")), f"trace {exp['trace_id']} tokens")


def check_langfuse(report: dict, session: str, model: str, tokens: int) -> None:
    projects = {p["id"]: p for p in report["projects"]}
    project = projects.get(session)
    if project is None:
        problems.append(f"no project for session {session}; projects: {sorted(projects)}")
        return
    expect(project["tasks"]["total"] >= 1, "the trace is a task")
    expect(project["tokens"] == tokens, f"project tokens {project['tokens']} != {tokens}")
    task = project["task_list"][0]
    expect(task.get("model") == model, f"model {task.get('model')!r} != {model!r}")
    expect(task.get("tokens") == tokens, f"task tokens {task.get('tokens')} != {tokens}")
    expect(task.get("status") == "completed", f"status {task.get('status')}")


def main() -> int:
    args = sys.argv[1:]
    with open(args[0], encoding="utf-8") as f:
        report = json.load(f)
    expect(report["rejected_spans"] == 0, f"rejected_spans = {report['rejected_spans']}")
    if args[1] == "--langfuse":
        check_langfuse(report, args[2], args[3], int(args[4]))
    else:
        with open(args[1], encoding="utf-8") as f:
            truth = json.load(f)
        spans = int(args[3]) if len(args) > 3 and args[2] == "--spans" else None
        check_truth(report, truth, spans)
    for p in problems:
        print(f"  {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
