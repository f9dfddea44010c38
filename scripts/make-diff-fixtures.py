#!/usr/bin/env python3
"""Write Tests/Fixtures/diff-before.jsonl and diff-after.jsonl: two runs of one Eigent job as
flat span lines (the shape in docs/reference/conventions.md), for `spantop diff` tests and docs.

Between the runs: one task is unchanged, one got slower and costlier and needed a retry, a
failing test task is fixed, the README task was reworded and now fails (paired by position), a
subtask is gone, packaging got faster, and a new task was added. Deterministic; stdlib only.
"""
import json
import os
import sys

MODEL = "gpt-4.1-mini"
ROOT = "Build a command-line todo app in Python"


def task(key, description, parent=None, status="completed", seconds=10.0, tokens=(1000, 400),
         quality=None, attempts=1, error="Command failed: pytest exited with code 1"):
    return dict(key=key, description=description, parent=parent, status=status, seconds=seconds,
                tokens=tokens, quality=quality, attempts=attempts, error=error)


BEFORE = [
    task("design", "Design the data model", "root", seconds=12.4, tokens=(1800, 600), quality=85),
    task("impl", "Implement add, list and done commands", "root", seconds=48.0, tokens=(5200, 2100), quality=78),
    task("tests", "Write unit tests with pytest", "root", status="failed", seconds=22.0, tokens=(3000, 1400),
         attempts=3),
    task("t-add", "Test the add command", "tests", seconds=6.0, tokens=(700, 300), quality=88),
    task("t-done", "Test the done command", "tests", seconds=5.5, tokens=(650, 280), quality=86),
    task("readme", "Write the README", "root", seconds=9.1, tokens=(900, 700), quality=90),
    task("package", "Package with pyproject.toml", "root", seconds=15.2, tokens=(1200, 500), quality=82),
]

AFTER = [
    task("design", "Design the data model", "root", seconds=11.9, tokens=(1800, 600), quality=85),
    task("impl", "Implement add, list and done commands", "root", seconds=96.5, tokens=(11000, 4800), quality=72,
         attempts=2),
    task("tests", "Write unit tests with pytest", "root", seconds=31.0, tokens=(3100, 1500), quality=80),
    task("t-add", "Test the add command", "tests", seconds=5.8, tokens=(700, 300), quality=88),
    task("readme", "Write README.md with usage examples", "root", status="failed", seconds=7.0, tokens=(950, 650),
         error="Task readme failed quality check (score: 41). Issues: no usage section. Recovery: retry"),
    task("package", "Package with pyproject.toml", "root", seconds=4.1, tokens=(1100, 450), quality=84),
    task("due", "Add a --due date option", "root", seconds=20.0, tokens=(2400, 900), quality=80),
]


class Run:
    def __init__(self, project, start_s, seed):
        self.project = project
        self.trace = f"{seed:08x}" * 4
        self.next_span = seed << 16
        self.start = start_s * 10**9
        self.lines = []
        self.root_span = self.span_id()

    def span_id(self):
        self.next_span += 1
        return f"{self.next_span:016x}"

    def emit(self, name, start, end=None, attributes=None, status=None, span_id=None, parent=None):
        line = {
            "name": name, "traceId": self.trace, "spanId": span_id or self.span_id(),
            "parentSpanId": self.root_span if parent is None else parent,
            "startTimeUnixNano": self.start + int(start * 1e9),
            "endTimeUnixNano": self.start + int((start if end is None else end) * 1e9),
            "attributes": attributes or {},
            "resourceAttributes": {"service.name": "eigent-workforce"},
            "scope": {"name": "eigent.workforce", "version": "0.2.90"},
        }
        if status:
            line["status"] = status
        self.lines.append(line)

    def write(self, tasks):
        p = self.project
        ids = {"root": f"{p}-root"}
        ids.update({t["key"]: f"{p}-{i + 1}" for i, t in enumerate(tasks)})
        worker = f"{p}-worker"
        self.emit("task.created", 0.0, attributes={
            "eigent.task.id": ids["root"], "eigent.project.id": p, "eigent.task.description": ROOT})
        self.emit("worker.created", 0.05, attributes={
            "eigent.worker.id": worker, "eigent.worker.type": "SingleAgentWorker",
            "eigent.worker.agent": "developer_agent", "eigent.worker.model.type": MODEL})
        for i, t in enumerate(tasks):
            self.emit("task.created", 0.1 + i * 0.01, attributes={
                "eigent.task.id": ids[t["key"]], "eigent.project.id": p, "eigent.task.description": t["description"],
                "eigent.task.parent_id": ids[t["parent"]]})
        now = 1.0
        for t in tasks:
            tid = ids[t["key"]]
            for attempt in range(t["attempts"]):
                last = attempt == t["attempts"] - 1
                failed = not last or t["status"] == "failed"
                self.emit("task.assigned", now, attributes={
                    "eigent.task.id": tid, "eigent.worker.id": worker, "eigent.project.id": p})
                took = t["seconds"] if last else t["seconds"] / 2
                attributes = {"eigent.task.id": tid, "eigent.worker.id": worker, "eigent.project.id": p,
                              "eigent.task.parent_id": ids[t["parent"]],
                              "eigent.task.status": "failed" if failed else "completed"}
                if last:
                    prompt, completion = t["tokens"]
                    attributes["eigent.task.token_usage.prompt_tokens"] = prompt
                    attributes["eigent.task.token_usage.completion_tokens"] = completion
                    attributes["eigent.task.token_usage.total_tokens"] = prompt + completion
                    if not failed:
                        attributes["eigent.task.processing_time_seconds"] = took
                    if t["quality"] is not None:
                        attributes["eigent.task.quality_score"] = t["quality"]
                status = {"code": "ERROR", "message": t["error"]} if failed else {"code": "OK"}
                self.emit(f"task.execution:{tid}", now + 0.1, now + 0.1 + took, attributes, status)
                now += took + 0.5
        self.emit(f"workforce.execution:{ids['root']}", 0.0, now, {
            "eigent.task.id": ids["root"], "eigent.project.id": p, "langfuse.session.id": p},
            {"code": "OK"}, span_id=self.root_span, parent="")
        return "".join(json.dumps(line, separators=(",", ":")) + "\n" for line in self.lines)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures")
    runs = [("diff-before.jsonl", Run("todo-run-41", 1767348000, 41), BEFORE),
            ("diff-after.jsonl", Run("todo-run-42", 1767434400, 42), AFTER)]
    for name, run, tasks in runs:
        with open(os.path.join(out, name), "w") as f:
            f.write(run.write(tasks))


if __name__ == "__main__":
    main()
