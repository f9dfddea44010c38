#!/usr/bin/env python3
"""Parallel DAG workforces (Eigent / CAMEL spans) with their own truth, for spantop's insights.

Usage: emit_dag_workforce.py --seed N --out FILE.jsonl --truth TRUTH.json [--variant before|after]

Runs in a venv with opentelemetry-sdk + opentelemetry-exporter-otlp-json-file. Writes three
workforce projects (one trace each) as OTLP JSON lines. Each is a root task decomposed into
12-30 subtasks forming a random DAG (each depends on 0-3 earlier ones), run by 4-6 workers in
parallel on a simulated clock; ~15% of attempts fail and are retried (up to 3 attempts). The
three projects play fixed parts, in a seed-chosen order:

  gives-up   one subtask fails 3 times; its dependents fail with "Task failed due to
             permanently failed dependencies: [...]" (one zero-length failed execution span each,
             never assigned); the workforce halts: no root span, running tasks never exported.
  last-fails completes in `before`; in `after` the task that ended last fails for good instead.
  changes    completes in both; in `after` some tasks are slower, one faster, one costlier, one
             cheaper, one needs one more attempt, one task is removed and one added.

`gives-up` also holds the `after` run's fixed task: a task whose attempt failed just before the
halt (its retry never came) completes in `after` at the same instant. Every project has one
outlier (processing >= 5x its worker's median). `--variant after` is the same job (same
descriptions and DAG) a day later; its truth also lists the change tags each task pair of
`spantop diff BEFORE AFTER` must get.

The truth is derived from the bytes written (the file is read back), by the rules in
`insights()` below; see scripts/README.md.
"""

from __future__ import annotations

import argparse
import bisect
import heapq
import io
import json
import random
import sys
from dataclasses import dataclass, field, replace

from opentelemetry.exporter.otlp.json.file import FileSpanExporter
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Status, StatusCode

from emitters.common import new_tracer_provider
from emitters.truth import SpanRecord, derive_workforce_truth, from_otlp_json
from emitters.workforce import MAX_ATTEMPTS, SERVICE_NAME, _Workforce

BASE_TIME_NS = 1_767_261_600_000_000_000  # 2026-01-01T10:00:00Z
PROJECT_GAP_NS = 7_200 * 10**9  # projects start 2 h apart: pairing by start order is unambiguous
AFTER_OFFSET_NS = 86_400 * 10**9  # the `after` run is the same job a day later
HALT_MARGIN_S = 0.02  # the fixed task's attempt ends this long before the halt
MIN_LATENCY_S = 0.05  # every assignment comes at least this long after what triggered it

# USD per 1M tokens (input, output) of the models the workers use. Only bounds: a task priced
# from a total alone costs somewhere between all-input and all-output.
PRICES = {"gpt-4.1-mini": (0.4, 1.6), "gpt-4o": (2.5, 10.0), "gpt-4.1": (2.0, 8.0), "gpt-4o-mini": (0.15, 0.6)}

WORKERS = [
    ("Developer Agent", "developer_agent"),
    ("Search Agent", "search_agent"),
    ("Document Agent", "document_agent"),
    ("Multi-Modal Agent", "multi_modal_agent"),
    ("Data Analyst", None),
    ("QA Agent", None),
]
ROOTS = [
    "Compare three open-source vector databases and write a report with a benchmark script",
    "Add OAuth login to the demo web app and deploy it to staging",
    "Prepare the quarterly competitor analysis for the sales team",
    "Migrate the billing service from Python 3.9 to 3.12 and document the changes",
    "Plan a two-day developer conference in Lisbon within a 40k EUR budget",
    "Audit the public website for accessibility issues and propose fixes",
]
ACTIONS = [
    "Collect facts on",
    "Write a summary of",
    "Review",
    "List open questions about",
    "Draft a one-page brief on",
    "Check the sources for",
    "Compare alternatives for",
    "Estimate the effort for",
]
TOPICS = [
    "the pricing of the candidate vendors",
    "the OAuth 2.0 endpoints and scopes",
    "the staging deployment manifest",
    "the release notes of the last four versions",
    "the billing module's test coverage",
    "the licensing terms of each SDK",
    "the search endpoint's latency",
    "the onboarding guide",
    "the signup page's accessibility",
    "the API's error budget",
    "the competitors' feature lists",
    "the database migration plan",
    "the CI pipeline's slowest steps",
    "the customer interview notes",
    "the security review checklist",
    "the data retention policy",
    "the venue shortlist",
    "the benchmark methodology",
]
ERRORS = [
    "Command failed: pytest exited with code 1 (2 failed, 13 passed)",
    "Failed to fetch https://example.com/docs/pricing: HTTP 503 Service Unavailable",
    "Tool call search_web timed out after 60 s",
    "Model returned invalid JSON for the tool call arguments",
    "Rate limited by the provider (429): retry after 20 s",
]
ISSUES = [
    "missing sources for two claims",
    "the summary contradicts the collected data",
    "benchmark has no warm-up runs",
    "output is truncated",
    "answers a different question",
]


# --- the plan: what each task's attempts will do ------------------------------------------------


@dataclass
class Attempt:
    ok: bool
    lat: float  # from trigger (ready, or worker free) to task.assigned
    dur: float  # the execution span's length
    processing: float | None = None  # completed: eigent.task.processing_time_seconds
    tokens: int | None = None  # eigent.task.token_usage.total_tokens, when reported
    quality: int | None = None  # completed: score (None: no check); failed quality check: its score
    error: str | None = None  # failed by error: the result text (None: failed a quality check)
    queue_attr: bool = True  # task.assigned carries eigent.task.queue_time_seconds
    replan: bool = False  # a failed quality check followed by task.updated (replan)


@dataclass
class Task:
    key: int  # identity across variants (the description's)
    desc: str
    deps: list[int]
    worker: str
    attempts: list[Attempt]
    task_type: str | None = None
    emit_parent: bool = True


@dataclass
class Worker:
    key: str
    role: str
    agent: str | None
    model: str


@dataclass
class Plan:
    root_desc: str
    workers: list[Worker]
    tasks: list[Task]  # decomposition order; deps always point to earlier tasks
    decompose_at: float
    spare_desc: str = ""  # the description the `after` run's added task gets

    def task(self, key: int) -> Task:
        return next(t for t in self.tasks if t.key == key)


def _r(x: float) -> float:
    return round(x, 6)  # the simulated clock's microsecond grid


def ok_attempt(rng: random.Random, processing: float | None = None, tokens: int | None = None) -> Attempt:
    p = round(processing if processing is not None else rng.uniform(3.5, 6.5), 3)
    return Attempt(
        ok=True,
        lat=_r(rng.uniform(MIN_LATENCY_S, 0.3)),
        dur=_r(p + rng.uniform(0.02, 0.3)),
        processing=p,
        tokens=tokens if tokens is not None else rng.randint(1200, 9000),
        quality=rng.randint(60, 98) if rng.random() < 0.75 else None,
        queue_attr=rng.random() < 0.7,
    )


def failed_attempt(rng: random.Random, tokens: bool | None = None) -> Attempt:
    quality_check = rng.random() < 0.55
    if tokens is None:
        tokens = rng.random() < (0.5 if quality_check else 0.2)
    return Attempt(
        ok=False,
        lat=_r(rng.uniform(MIN_LATENCY_S, 0.3)),
        dur=_r(rng.uniform(0.8, 4.0)),
        tokens=rng.randint(800, 6000) if tokens else None,
        quality=rng.randint(20, 59) if quality_check else None,
        error=None if quality_check else rng.choice(ERRORS),
        queue_attr=rng.random() < 0.7,
        replan=quality_check and rng.random() < 0.5,
    )


def normal_attempts(rng: random.Random) -> list[Attempt]:
    """~15% of attempts fail; never 3 failures (that would give up and halt)."""
    out = []
    while len(out) < MAX_ATTEMPTS - 1 and rng.random() < 0.15:
        out.append(failed_attempt(rng))
    return out + [ok_attempt(rng)]


def random_plan(rng: random.Random) -> Plan:
    n = rng.randint(12, 30)
    models = list(PRICES)
    workers = [
        Worker(f"w{i}", role, agent, rng.choice(models))
        for i, (role, agent) in enumerate(rng.sample(WORKERS, rng.randint(4, 6)))
    ]
    descs = rng.sample([f"{a} {t}" for a in ACTIONS for t in TOPICS], n + 1)  # +1: the added task
    tasks = []
    for i in range(n):
        k = min(i, rng.choices([0, 1, 2, 3], weights=[25, 35, 25, 15])[0])
        deps = sorted(rng.sample(range(max(0, i - 8), i), min(k, i - max(0, i - 8))))
        tasks.append(
            Task(
                key=i,
                desc=descs[i],
                deps=deps,
                worker=rng.choice(workers).key,
                attempts=normal_attempts(rng),
                task_type=rng.choice([None, "research", "code", "document"]),
                emit_parent=rng.random() < 0.8,
            )
        )
    return Plan(rng.choice(ROOTS), workers, tasks, _r(rng.uniform(1.5, 3.0)), descs[n])


# --- the simulated clock --------------------------------------------------------------------------


@dataclass
class Sim:
    ops: list[tuple[float, str, dict]] = field(default_factory=list)
    spans: dict[int, list[tuple[float, float]]] = field(default_factory=dict)  # attempts: (start, end)
    open_at_halt: list[int] = field(default_factory=list)  # assigned, attempt not ended
    halt_at: float | None = None
    given_up: int | None = None
    dep_failed: list[int] = field(default_factory=list)


def simulate(plan: Plan) -> Sim:
    """Run the plan: a task is assigned once all its dependencies completed and its worker is free.

    Deterministic given the plan (every random number is in it), so changing one task moves
    only what happens after that task's changed event.
    """
    sim = Sim()
    tasks = {t.key: t for t in plan.tasks}
    waiting = {t.key: set(t.deps) for t in plan.tasks}
    dependents: dict[int, list[int]] = {t.key: [] for t in plan.tasks}
    for t in plan.tasks:
        for d in t.deps:
            dependents[d].append(t.key)
    queues: dict[str, list[tuple[float, int]]] = {w.key: [] for w in plan.workers}
    busy = {w.key: False for w in plan.workers}
    attempt = {k: 0 for k in tasks}
    ready_at: dict[int, float] = {}
    done: set[int] = set()
    started: dict[int, float] = {}
    assigned_open: set[int] = set()
    heap: list[tuple[float, int, str, int]] = []
    seq = 0

    def push(t: float, kind: str, key: int) -> None:
        nonlocal seq
        seq += 1
        heapq.heappush(heap, (_r(t), seq, kind, key))

    def dispatch(worker: str, now: float) -> None:
        if busy[worker] or not queues[worker]:
            return
        queues[worker].sort()
        _, key = queues[worker].pop(0)
        busy[worker] = True
        push(now + tasks[key].attempts[attempt[key]].lat, "assign", key)

    def ready(key: int, now: float) -> None:
        ready_at[key] = now
        queues[tasks[key].worker].append((now, key))
        dispatch(tasks[key].worker, now)

    posted = _r(plan.decompose_at + 0.005 * (len(plan.tasks) + 1))  # after the last task.created
    for t in plan.tasks:
        if not t.deps:
            push(posted, "ready", t.key)

    last = 0.0
    while heap:
        now, _, kind, key = heapq.heappop(heap)
        last = now
        task = tasks[key]
        a = task.attempts[attempt[key]] if attempt[key] < len(task.attempts) else None
        if kind == "ready":
            ready(key, now)
        elif kind == "assign":
            queue_s = _r(now - ready_at[key]) if a.queue_attr else None
            sim.ops.append((now, "assigned", {"key": key, "queue_s": queue_s}))
            assigned_open.add(key)
            push(now + 0.01, "start", key)
        elif kind == "start":
            started[key] = now
            sim.ops.append((now, "start", {"key": key}))
            push(now + a.dur, "end", key)
        elif kind == "end":
            sim.spans.setdefault(key, []).append((started[key], now))
            assigned_open.discard(key)
            n = attempt[key] + 1
            if a.ok:
                sim.ops.append((now, "completed", {"key": key, "attempt": a}))
                done.add(key)
                for d in dependents[key]:
                    waiting[d].discard(key)
                    if not waiting[d]:
                        ready(d, now)
            else:
                sim.ops.append((now, "failed", {"key": key, "attempt": a, "n": n}))
                if n >= MAX_ATTEMPTS:
                    halt(sim, plan, key, now, a, started, assigned_open, done)
                    return sim
                if a.error is not None:
                    sim.ops.append((_r(now + 0.002), "log", {"key": key, "attempt": a, "n": n}))
                if a.replan:
                    sim.ops.append((_r(now + 0.004), "replan", {"key": key, "attempt": a}))
                attempt[key] = n
                busy[task.worker] = False
                ready(key, now)
                continue
            busy[task.worker] = False
            dispatch(task.worker, now)
    sim.ops.sort(key=lambda op: op[0])  # stable: logs and replans were put a few ms ahead
    assert done == set(tasks), f"deadlock: {sorted(set(tasks) - done)} never ran"
    last = max(last, max(op[0] for op in sim.ops))
    sim.ops.append((_r(last + 0.05), "all_completed", {}))
    sim.ops.append((_r(last + 0.07), "end_root", {}))
    return sim


def halt(sim: Sim, plan: Plan, key: int, now: float, a: Attempt, started, assigned_open, done) -> None:
    """A task failed its last attempt: fail its dependents, log, and stop (nothing else is exported)."""
    sim.halt_at = now
    sim.given_up = key
    sim.open_at_halt = sorted(assigned_open)
    # Ops put a few ms ahead (a log or replan after a failure) that fall past the halt are lost.
    sim.ops = sorted((op for op in sim.ops if op[0] <= now), key=lambda op: op[0])
    t = now
    if a.error is not None:
        t = _r(t + 0.002)
        sim.ops.append((t, "log", {"key": key, "attempt": a, "n": MAX_ATTEMPTS}))
    failed = {key}
    for task in plan.tasks:  # decomposition order is topological
        bad = [d for d in task.deps if d in failed]
        if bad and task.key not in done:
            assert task.key not in started, "a dependent of a failed task cannot have started"
            failed.add(task.key)
            t = _r(t + 0.002)
            sim.ops.append((t, "dep_failed", {"key": task.key, "failed_deps": bad}))
            sim.dep_failed.append(task.key)
    sim.ops.append((_r(t + 0.003), "halting", {"key": key}))


# --- spans -------------------------------------------------------------------------------------


def emit(plan: Plan, sim: Sim, stream, project_id: str, seed: int, base_ns: int) -> dict[int, str]:
    """Emit one workforce through FileSpanExporter into `stream`; returns task key -> id."""
    provider = new_tracer_provider(SERVICE_NAME)
    provider.add_span_processor(
        BatchSpanProcessor(
            FileSpanExporter(stream=stream),
            max_queue_size=4096,
            max_export_batch_size=1024,
            schedule_delay_millis=3_600_000,  # only the simulated 3 s flushes export
        )
    )
    w = _Workforce(provider, project_id, seed, base_ns)
    root = f"{base_ns // 1_000_000 + 7}-{w.rng.randint(1000, 9999)}"
    ids = {t.key: f"{root}.{i + 1}" for i, t in enumerate(plan.tasks)}
    tasks = {t.key: t for t in plan.tasks}

    w.start_root(root, 0.0)
    w.created(root, 0.010, plan.root_desc)
    for i, wk in enumerate(plan.workers):
        w.worker(wk.key, 0.050 + 0.005 * i, wk.role, agent=wk.agent, model=wk.model)
    w.decomposed(root, [ids[t.key] for t in plan.tasks], plan.decompose_at)
    for i, t in enumerate(plan.tasks):
        w.created(ids[t.key], _r(plan.decompose_at + 0.005 * (i + 1)), t.desc, root, t.emit_parent, t.task_type)

    for t, op, args in sim.ops:
        key = args.get("key")
        tid = ids.get(key) if key is not None else None
        if op == "assigned":
            deps = [ids[d] for d in tasks[key].deps]
            w.assigned(tid, tasks[key].worker, t, queue_s=args["queue_s"], deps=deps or None)
        elif op == "start":
            w.start(tid, tasks[key].worker, t)
        elif op == "completed":
            a = args["attempt"]
            w.completed(tid, t, tokens=a.tokens, processing_s=a.processing, quality=a.quality)
        elif op == "failed":
            a = args["attempt"]
            if a.tokens is not None:
                w.open_attempts[tid][0].set_attribute("eigent.task.token_usage.total_tokens", int(a.tokens))
            if a.error is None:
                w.failed_quality(tid, t, a.quality, ISSUES[a.quality % len(ISSUES)])
            else:
                w.failed(tid, t, f"{a.error} (assigned to worker: {w.workers[tasks[key].worker]})")
        elif op == "log":
            a = args["attempt"]
            error = f"{a.error} (assigned to worker: {w.workers[tasks[key].worker]})"
            w.log("error", t, f"Task {tid} failed (attempt {args['n']}/{MAX_ATTEMPTS}): {error}", tid)
        elif op == "replan":
            a = args["attempt"]
            w.updated(
                tid,
                t,
                "replan",
                **{
                    "eigent.worker.id": w.workers[tasks[key].worker],
                    "eigent.task.parent_id": root,
                    "eigent.task.update.metadata": json.dumps(
                        {"quality_score": a.quality, "reasoning": "Quality below 60", "issues": [ISSUES[a.quality % len(ISSUES)]]}
                    ),
                    "eigent.task.timestamp": w._iso(t),
                },
            )
        elif op == "dep_failed":
            ns = w._at(t)
            failed = [ids[d] for d in args["failed_deps"]]
            span = w.tracer.start_span(
                f"task.execution:{tid}",
                context=w.root_ctx,
                start_time=ns,
                attributes={
                    "eigent.task.id": tid,
                    "eigent.project.id": project_id,
                    "eigent.task.status": "failed",
                    "eigent.task.parent_id": root,
                },
            )
            span.set_status(Status(StatusCode.ERROR, f"Task failed due to permanently failed dependencies: {failed}"))
            span.end(end_time=ns)
            w.ended.append(span)
        elif op == "halting":
            w.log("critical", t, f"Task {tid} has failed for {MAX_ATTEMPTS} times, halting the workforce", tid)
        elif op == "all_completed":
            w.all_completed(t, total=len(plan.tasks))
        elif op == "end_root":
            w.end_root(t)
        else:
            raise AssertionError(op)
    provider.force_flush()
    provider.shutdown()
    return ids


def read_records(text: str) -> list[SpanRecord]:
    return [r for line in text.splitlines() if line.strip() for r in from_otlp_json(json.loads(line))]


# --- the rules (what spantop must derive) ---------------------------------------------------------


def _median_defs(values: list[float]) -> tuple[float, float, float]:
    """(lower, mean of the middle two, upper) median."""
    s = sorted(values)
    lo, hi = s[(len(s) - 1) // 2], s[len(s) // 2]
    return lo, (lo + hi) / 2, hi


def insights(records: list[SpanRecord]) -> list[dict]:
    """Per project, in order of earliest span start: status counts, critical path, waste, outliers.

    Rules (spantop's):
    - critical_path: among tasks that ran (have a task.assigned and an exported task.execution),
      the one whose latest attempt ended last; then repeatedly, among the current task's
      `eigent.task.dependencies` that ran, the one that ended last. seconds = end of the last
      path task - task.created of the first. null when no task ran.
    - wasted_s: sum of (end - start) of a task's failed attempts; a project's is the sum over its
      tasks. wasted_tokens: total_tokens summed over failed attempts that carry it; null if none do.
    - outlier: a completed task whose processing is above 3x the median processing of its worker's
      completed tasks (worker = the latest task.assigned's; fewer than 20 such tasks here).
    """
    base = derive_workforce_truth(records)
    models = {r.attributes["eigent.worker.id"]: r.attributes.get("eigent.worker.model.type")
              for r in records if r.name == "worker.created"}
    by_project: dict[str, list[SpanRecord]] = {}
    for r in records:
        pid = r.attributes.get("eigent.project.id")
        if pid is not None:
            by_project.setdefault(pid, []).append(r)

    out = []
    for pid, spans in by_project.items():
        spans.sort(key=lambda s: (s.start_ns, s.end_ns, s.span_id))
        tasks = base[pid]["tasks"]
        created, assigned, attempts = {}, {}, {}
        descs = {}
        root_span = None
        for s in spans:
            a = s.attributes
            if s.name == "task.created":
                created.setdefault(a["eigent.task.id"], s)
                descs[a["eigent.task.id"]] = a.get("eigent.task.description")
            elif s.name == "task.assigned":
                assigned.setdefault(a["eigent.task.id"], []).append(s)
            elif s.name.startswith("task.execution:"):
                attempts.setdefault(a["eigent.task.id"], []).append(s)
            elif s.name.startswith("workforce.execution:"):
                root_span = s

        def failed(s: SpanRecord) -> bool:
            return s.status_code == "ERROR" or s.attributes.get("eigent.task.status") == "failed"

        def deps(tid: str) -> list[str]:
            for s in reversed(assigned.get(tid, [])):
                if "eigent.task.dependencies" in s.attributes:
                    return json.loads(s.attributes["eigent.task.dependencies"])
            return []

        # Critical path.
        ended = {tid: max(attempts[tid], key=lambda s: s.start_ns).end_ns
                 for tid in attempts if tid in assigned}
        ties = []

        def last_ended(cands: list[str]) -> str | None:
            cands = [c for c in cands if c in ended]
            if not cands:
                return None
            best = max(cands, key=lambda c: ended[c])
            if sum(1 for c in cands if ended[c] == ended[best]) > 1:
                ties.append(best)
            return best

        critical = None
        current = last_ended(list(ended))
        if current is not None:
            path, seen = [current], {current}
            while True:
                nxt = last_ended([d for d in deps(current) if d not in seen])
                if nxt is None:
                    break
                path.append(nxt)
                seen.add(nxt)
                current = nxt
            path.reverse()
            seconds = (ended[path[-1]] - created[path[0]].start_ns) / 1e9
            critical = {"task_ids": path, "seconds": round(seconds, 6)}

        # Waste, per task and project.
        task_list = {}
        for tid, t in tasks.items():
            fails = [s for s in attempts.get(tid, []) if failed(s)]
            tok = [int(s.attributes["eigent.task.token_usage.total_tokens"])
                   for s in fails if "eigent.task.token_usage.total_tokens" in s.attributes]
            task_list[tid] = {
                "description": descs.get(tid),
                "status": t["status"],
                "attempts": t["attempts"],
                "processing_s": t["processing_s"],
                "tokens": t["tokens"],
                "worker_id": t["worker_id"],
                "model": models.get(t["worker_id"]),
                "wasted_s": round(sum(s.end_ns - s.start_ns for s in fails) / 1e9, 6),
                "wasted_tokens": sum(tok) if tok else None,
                "outlier_ratio": None,
            }
        # Outliers: ratio to the worker's median (mean of the middle two), and its range over
        # the lower/upper medians, for judging borderline flags.
        by_worker: dict[str, list[str]] = {}
        for tid, t in task_list.items():
            if t["status"] == "completed" and t["processing_s"] is not None and t["worker_id"]:
                by_worker.setdefault(t["worker_id"], []).append(tid)
        for wid, tids in by_worker.items():
            assert len(tids) < 20, "the p95 rule (20+ tasks) is not modelled"
            lo, mid, hi = _median_defs([task_list[t]["processing_s"] for t in tids])
            for tid in tids:
                p = task_list[tid]["processing_s"]
                task_list[tid]["outlier_ratio"] = round(p / mid, 4)
                task_list[tid]["outlier_ratio_range"] = [round(p / hi, 4), round(p / lo, 4)]
                task_list[tid]["worker_completed"] = len(tids)

        counts = {s: 0 for s in ("pending", "running", "completed", "failed")}
        for t in tasks.values():
            counts[t["status"]] += 1
        counts["total"] = len(tasks)
        wtok = [t["wasted_tokens"] for t in task_list.values() if t["wasted_tokens"] is not None]
        cost_lo = cost_hi = 0.0
        for t in task_list.values():
            if t["tokens"] is not None:
                i, o = PRICES[t["model"]]
                cost_lo += t["tokens"] * i / 1e6
                cost_hi += t["tokens"] * o / 1e6
        out.append(
            {
                "id": pid,
                "trace_id": base[pid]["trace_id"],
                "start_ns": min(s.start_ns for s in spans),
                "root_exported": root_span is not None,
                "tasks": counts,
                "critical_path": critical,
                "critical_path_ties": ties,
                "wasted_s": round(sum(t["wasted_s"] for t in task_list.values()), 6),
                "wasted_tokens": sum(wtok) if wtok else None,
                "tokens": sum(t["tokens"] for t in task_list.values() if t["tokens"] is not None),
                "cost_bounds_usd": [round(cost_lo, 9), round(cost_hi, 9)],
                "task_list": task_list,
            }
        )
    out.sort(key=lambda p: p["start_ns"])
    return out


def change_tags(b: dict | None, a: dict | None) -> tuple[list[str], list[str]]:
    """`spantop diff` tags for one task pair, and the tags that depend on the (unknown) blend rate."""
    if b is None:
        return ["added"], []
    if a is None:
        return ["removed"], []
    tags, unsure = [], []
    if b["status"] != "failed" and a["status"] == "failed":
        tags.append("newly_failed")
    if b["status"] == "failed" and a["status"] == "completed":
        tags.append("fixed")
    pb, pa = b["processing_s"], a["processing_s"]
    # Times compare only between two completed runs.
    if b["status"] == a["status"] == "completed" and pb is not None and pa is not None:
        if pa >= 1.5 * pb and pa - pb >= 1:
            tags.append("slower")
        if pb >= 1.5 * pa and pb - pa >= 1:
            tags.append("faster")
    tb, ta = b["tokens"], a["tokens"]
    if tb is not None and ta is not None and tb != ta:
        assert b["model"] == a["model"], "a task pair on different models: cost tags not modelled"
        lo, hi = PRICES[b["model"]]
        for tag, big, small in (("costlier", ta, tb), ("cheaper", tb, ta)):
            verdicts = {big >= 1.25 * small and (big - small) * rate / 1e6 >= 0.001 for rate in (lo, hi)}
            if verdicts == {True}:
                tags.append(tag)
            elif len(verdicts) > 1:
                unsure.append(tag)
    if a["attempts"] > b["attempts"]:
        tags.append("more_attempts")
    return tags, unsure


def diff_truth(before: list[dict], after: list[dict]) -> list[dict]:
    pairs = []
    for pb, pa in zip(before, after):
        bdesc = {t["description"]: (tid, t) for tid, t in pb["task_list"].items()}
        adesc = {t["description"]: (tid, t) for tid, t in pa["task_list"].items()}
        assert len(bdesc) == len(pb["task_list"]) and len(adesc) == len(pa["task_list"]), "duplicate descriptions"
        rows = []
        for desc in sorted(set(bdesc) | set(adesc)):
            bid, bt = bdesc.get(desc, (None, None))
            aid, at = adesc.get(desc, (None, None))
            tags, unsure = change_tags(bt, at)
            assert not unsure, f"{desc}: cost tags {unsure} depend on the blend rate"
            rows.append({"description": desc, "before": bid, "after": aid, "change": sorted(tags)})
        pairs.append({"before": pb["id"], "after": pa["id"], "tasks": rows})
    return pairs


# --- the three parts -----------------------------------------------------------------------------


@dataclass
class Built:
    role: str
    before: Plan
    after: Plan
    sims: dict[str, Sim]
    outlier: int
    intended: dict[int, list[str]]  # task key -> tags it is meant to get (others: none)
    notes: dict[str, int]  # named tasks of the part (given_up, fixed, fails_for_good)


def _descendants(plan: Plan, key: int) -> set[int]:
    out = {key}
    for t in plan.tasks:
        if any(d in out for d in t.deps):
            out.add(t.key)
    return out - {key}


def _pick_outlier(rng: random.Random, plan: Plan, exclude: set[int], seconds: tuple[float, float] = (45, 55)) -> int:
    counts: dict[str, int] = {}
    for t in plan.tasks:
        counts[t.worker] = counts.get(t.worker, 0) + 1
    busiest = max(counts.values())
    cands = [t.key for t in plan.tasks if counts[t.worker] == busiest and t.key not in exclude]
    if not cands:
        raise Retry("no outlier candidate")
    key = rng.choice(cands[: max(1, len(cands) // 2 + 1)])  # rather early, so it ends before a halt
    plan.task(key).attempts = [ok_attempt(rng, processing=rng.uniform(*seconds))]
    return key


def build_gives_up(rng: random.Random) -> Built:
    plan = random_plan(rng)
    n = len(plan.tasks)
    cands = [t.key for t in plan.tasks[1 : n * 3 // 4] if any(t.key in u.deps for u in plan.tasks)]
    if not cands:
        raise Retry("no task with dependents to give up")
    g = rng.choice(cands)
    outlier = _pick_outlier(rng, plan, {g} | _descendants(plan, g), seconds=(34, 40))
    # Probe with an endless last attempt, then end that attempt at a moment when the outlier
    # is done and two other tasks are open, one of them (the one to fix) running for 1 s or more.
    # Nothing before the halt depends on when it comes, so the probe's timeline stands.
    fails = [failed_attempt(rng) for _ in range(MAX_ATTEMPTS)]
    plan.task(g).attempts = fails[:-1] + [replace(fails[-1], dur=10_000.0)]
    probe = simulate(plan)
    assigned: dict[int, list[float]] = {}
    for t, op, a in probe.ops:
        if op == "assigned":
            assigned.setdefault(a["key"], []).append(t)
    g_start = probe.spans[g][-1][0]
    if outlier not in probe.spans:
        raise Retry("the outlier is stuck behind the given-up task")
    events = sorted(t for t, _, _ in probe.ops)

    def fixable(t: float) -> list[int]:
        out = []
        for k, spans in probe.spans.items():
            if k in (g, outlier):
                continue
            for i, (s0, e0) in enumerate(spans[: MAX_ATTEMPTS - 1]):
                if s0 <= t - 1.0 and e0 > t + 0.01:
                    out.append(k)
        return out

    def open_at(t: float) -> int:
        return sum(1 for k, spans in probe.spans.items() if k != g
                   for i, (s0, e0) in enumerate(spans) if assigned[k][i] <= t < e0)

    feasible = []
    for step in range(80, 6000):
        t = _r(g_start + step * 0.01)
        if t <= probe.spans[outlier][-1][1] + 0.1 or not fixable(t) or open_at(t) < 2:
            continue
        i = bisect.bisect_left(events, t - 0.001)
        if i < len(events) and events[i] <= t + 0.001:
            continue
        feasible.append(t)
    if not feasible:
        raise Retry("no moment to halt at")
    T = rng.choice(feasible)
    plan.task(g).attempts = fails[:-1] + [replace(fails[-1], dur=_r(T - g_start))]
    natural = simulate(plan)
    assert natural.given_up == g and natural.halt_at == T, (natural.halt_at, T)
    # The fixed task: running at the halt for 1 s or more, on its first or second attempt.
    running = []
    for key in natural.open_at_halt:
        spans_done = len(natural.spans.get(key, []))
        starts = [t for t, op, a in natural.ops if op == "start" and a["key"] == key]
        if len(starts) > spans_done and starts[-1] <= T - 1.0 and spans_done < MAX_ATTEMPTS - 1 and key != outlier:
            running.append((key, starts[-1], spans_done))
    assert running and len(natural.open_at_halt) >= 2
    f, f_start, f_index = rng.choice(running)
    before, after = _copy(plan), _copy(plan)
    dur = _r(T - HALT_MARGIN_S - f_start)
    fail = replace(failed_attempt(rng, tokens=True), dur=dur, lat=plan.task(f).attempts[f_index].lat, replan=False)
    before.task(f).attempts = plan.task(f).attempts[:f_index] + [fail, ok_attempt(rng)]
    done = replace(fail, ok=True, processing=round(dur, 6), quality=rng.randint(60, 98), error=None)
    after.task(f).attempts = plan.task(f).attempts[:f_index] + [done]
    sims = {"before": simulate(before), "after": simulate(after)}
    for v, s in sims.items():
        if s.halt_at != T or s.given_up != g:
            raise Retry(f"{v}: the halt moved")
    return Built("gives-up", before, after, sims, outlier, {f: ["fixed"]}, {"given_up": g, "fixed": f})


def build_last_fails(rng: random.Random) -> Built:
    plan = random_plan(rng)
    outlier = _pick_outlier(rng, plan, set())
    before = plan
    sim_b = simulate(before)
    y = max(sim_b.spans, key=lambda k: sim_b.spans[k][-1][1])
    if y == outlier:
        raise Retry("the outlier ended last")
    after = _copy(plan)
    old = before.task(y).attempts
    last = old[-1]
    atts = old[:-1] + [replace(failed_attempt(rng, tokens=False), lat=last.lat, dur=last.dur, tokens=last.tokens)]
    while len(atts) < MAX_ATTEMPTS:
        atts.append(failed_attempt(rng, tokens=False))
    if len(old) < MAX_ATTEMPTS:  # processing = the last attempt's length: keep it unchanged
        atts[-1] = replace(atts[-1], dur=_r(last.processing))
    after.task(y).attempts = atts
    sims = {"before": sim_b, "after": simulate(after)}
    if sims["after"].given_up != y or sims["after"].open_at_halt:
        raise Retry("the last task's give-up cut other tasks")
    tags = ["newly_failed"] + (["more_attempts"] if len(atts) > len(old) else [])
    return Built("last-fails", before, after, sims, outlier, {y: tags}, {"fails_for_good": y})


def build_changes(rng: random.Random) -> Built:
    plan = random_plan(rng)
    outlier = _pick_outlier(rng, plan, set())
    keys = [t.key for t in plan.tasks if t.key != outlier]
    slow1, slow2, fast, costly, cheap, more, removed = rng.sample(keys, 7)
    before, after = plan, _copy(plan)
    for k in (slow1, slow2):
        p = rng.uniform(3.5, 3.8)
        b = ok_attempt(rng, processing=p)
        before.task(k).attempts = before.task(k).attempts[:-1] + [b]
        p2 = round(b.processing * rng.uniform(2.05, 2.15), 3)
        after.task(k).attempts = before.task(k).attempts[:-1] + [replace(b, processing=p2, dur=_r(b.dur - b.processing + p2))]
    b = ok_attempt(rng, processing=rng.uniform(6.0, 6.5))
    before.task(fast).attempts = before.task(fast).attempts[:-1] + [b]
    p2 = round(b.processing / rng.uniform(2.5, 2.7), 3)
    after.task(fast).attempts = before.task(fast).attempts[:-1] + [replace(b, processing=p2, dur=_r(b.dur - b.processing + p2))]
    b = before.task(costly).attempts[-1]
    after.task(costly).attempts = before.task(costly).attempts[:-1] + [replace(b, tokens=b.tokens + rng.randint(30_000, 40_000))]
    b = ok_attempt(rng, tokens=rng.randint(30_000, 36_000))
    before.task(cheap).attempts = before.task(cheap).attempts[:-1] + [b]
    after.task(cheap).attempts = before.task(cheap).attempts[:-1] + [replace(b, tokens=b.tokens // 4)]
    b = ok_attempt(rng)
    before.task(more).attempts = [b]
    after.task(more).attempts = [failed_attempt(rng, tokens=False), b]
    after.tasks = [t for t in after.tasks if t.key != removed]
    for t in after.tasks:
        t.deps = [d for d in t.deps if d != removed]
    added = len(before.tasks)
    pool = [t.key for t in after.tasks]
    after.tasks.append(Task(added, before.spare_desc, sorted(rng.sample(pool, rng.randint(1, 2))),
                            rng.choice(after.workers).key, [ok_attempt(rng)], "document"))
    sims = {"before": simulate(before), "after": simulate(after)}
    intended = {slow1: ["slower"], slow2: ["slower"], fast: ["faster"], costly: ["costlier"],
                cheap: ["cheaper"], more: ["more_attempts"], removed: ["removed"], added: ["added"]}
    return Built("changes", before, after, sims, outlier, intended, {})


def _copy(plan: Plan) -> Plan:
    return replace(plan, workers=list(plan.workers),
                   tasks=[replace(t, deps=list(t.deps), attempts=list(t.attempts)) for t in plan.tasks])


class Retry(Exception):
    """This draw does not meet the part's constraints; draw again."""


BUILDERS = {"gives-up": build_gives_up, "last-fails": build_last_fails, "changes": build_changes}


@dataclass
class Emitted:
    text: str
    ids: dict[int, str]
    project_id: str
    insights: dict


def emit_variant(b: Built, variant: str, index: int, seed: int) -> Emitted:
    base_ns = BASE_TIME_NS + index * PROJECT_GAP_NS + (AFTER_OFFSET_NS if variant == "after" else 0)
    rng = random.Random(f"ids:{seed}:{index}:{variant}")
    project_id = f"{base_ns // 1_000_000}-{rng.randint(1000, 9999)}"
    stream = io.StringIO()
    plan = b.before if variant == "before" else b.after
    id_seed = seed * 100 + index * 10 + (1 if variant == "after" else 0)
    ids = emit(plan, b.sims[variant], stream, project_id, id_seed, base_ns)
    [ins] = insights(read_records(stream.getvalue()))
    return Emitted(stream.getvalue(), ids, project_id, ins)


def check_part(b: Built, em: dict[str, Emitted]) -> None:
    """The constraints every part must meet in both runs; Retry when a draw misses one."""
    for variant, e in em.items():
        tl = e.insights["task_list"]
        if e.insights["critical_path_ties"]:
            raise Retry("tie on the critical path")
        out = tl[e.ids[b.outlier]]
        lo, _ = out["outlier_ratio_range"] if out["outlier_ratio"] is not None else (0, 0)
        if out["status"] != "completed" or out["worker_completed"] < 4 or lo < 5:
            raise Retry(f"{variant}: outlier not clear ({out})")
        for tid, t in tl.items():
            if tid != e.ids[b.outlier] and t["outlier_ratio"] is not None and t["outlier_ratio_range"][1] > 2.5:
                raise Retry(f"{variant}: {tid} is borderline ({t['outlier_ratio_range']})")
    if b.role == "gives-up" and not b.sims["before"].open_at_halt:
        raise Retry("nothing left running at the halt")
    # Tags: the intended ones on the intended tasks, none on any other; and the other subtasks
    # really are unchanged (a moved halt could turn a completed task pending, which no tag shows).
    pairs = diff_truth([em["before"].insights], [em["after"].insights])
    want = _intended_by_desc(b)
    bl, al = em["before"].insights["task_list"], em["after"].insights["task_list"]
    for row in pairs[0]["tasks"]:
        if row["change"] != want.get(row["description"], []):
            raise Retry(f"{row['description']}: tags {row['change']} != intended {want.get(row['description'], [])}")
        if row["description"] not in want and row["before"] in bl and bl[row["before"]]["attempts"] > 0:
            bt, at = bl[row["before"]], al[row["after"]]
            for k in ("status", "attempts", "processing_s", "tokens", "wasted_s", "wasted_tokens"):
                if bt[k] != at[k]:
                    raise Retry(f"{row['description']}: {k} changed ({bt[k]} -> {at[k]})")


def _intended_by_desc(b: Built) -> dict[str, list[str]]:
    out = {}
    for key, tags in b.intended.items():
        t = next(t for t in b.before.tasks + b.after.tasks if t.key == key)
        out[t.desc] = sorted(tags)
    return out


def build_part(role: str, seed: int, index: int) -> tuple[Built, dict[str, Emitted]]:
    reasons = []
    for trial in range(400):
        rng = random.Random(f"dag:{seed}:{index}:{role}:{trial}")
        try:
            b = BUILDERS[role](rng)
            em = {v: emit_variant(b, v, index, seed) for v in ("before", "after")}
            check_part(b, em)
            return b, em
        except Retry as e:
            reasons.append(str(e))
    raise SystemExit(f"{role}: no draw met the constraints; last reasons: {reasons[-5:]}")


# --- main ---------------------------------------------------------------------------------------


RULES = {
    "critical_path": "among tasks with a task.assigned and an exported task.execution, the one whose "
    "latest attempt ended last; then repeatedly the task's eigent.task.dependencies entry (that ran) that "
    "ended last; listed first to last; seconds = end of the last - task.created of the first",
    "wasted_s": "sum of (end - start) of failed attempts (status ERROR or eigent.task.status=failed)",
    "wasted_tokens": "sum of total_tokens on failed attempts that carry it; null when none does",
    "outlier": "completed, processing_s > 3 x median processing_s of the worker's completed tasks "
    "(mean of the middle two for an even count); designed outliers are >= 5x under every median definition, "
    "every other task <= 2.5x",
    "dependency_failure": "dependents of the given-up task get one zero-length task.execution span "
    "(status ERROR 'Task failed due to permanently failed dependencies: [...]', no task.assigned, no "
    "eigent.worker.id): status failed, attempts 1, wasted 0 s, not on the critical path (never assigned)",
    "change_tags": "newly_failed: not failed before, failed after; fixed: failed before, completed after; "
    "slower/faster: processing >= 1.5x and >= 1 s longer/shorter; costlier/cheaper: >= 1.25x and >= $0.001 "
    "(decided for every blend rate between the model's input and output price); more_attempts: more attempts; "
    "added/removed: description only on one side; projects pair by earliest span start, tasks by description",
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--variant", choices=["before", "after"], default="before")
    args = ap.parse_args()

    roles = list(BUILDERS)
    random.Random(f"roles:{args.seed}").shuffle(roles)  # which start-order slot plays which part
    parts = [build_part(role, args.seed, i) for i, role in enumerate(roles)]

    # Write the projects in an order other than their start order: spantop must pair by start.
    order = [2, 0, 1] if args.variant == "before" else [1, 2, 0]
    with open(args.out, "w", encoding="utf-8") as f:
        for i in order:
            f.write(parts[i][1][args.variant].text)
    with open(args.out, encoding="utf-8") as f:
        records = read_records(f.read())
    projects = insights(records)  # the truth of the bytes written, in start order
    for (b, em), p in zip(parts, projects):
        assert p == em[args.variant].insights, "the file's truth differs from the emitted one"

    truth: dict = {"version": 1, "seed": args.seed, "variant": args.variant, "spans": len(records),
                   "rules": RULES, "projects": []}
    for (b, em), p in zip(parts, projects):
        e = em[args.variant]
        plan = b.before if args.variant == "before" else b.after
        sim = b.sims[args.variant]
        p = dict(p)
        p.pop("critical_path_ties")
        p["role"] = b.role
        p["halted"] = sim.halt_at is not None
        p["outliers"] = [e.ids[b.outlier]]
        p["given_up"] = e.ids[sim.given_up] if sim.given_up is not None else None
        p["dependency_failed"] = [e.ids[k] for k in sim.dep_failed]
        p["running_at_halt"] = [e.ids[k] for k in sim.open_at_halt]
        p["designed"] = {name: e.ids[k] for name, k in b.notes.items() if k in e.ids}
        p["workers"] = len(plan.workers)
        truth["projects"].append(p)
    if args.variant == "after":
        pairs = diff_truth([em["before"].insights for _, em in parts], projects)
        for (b, em), pair in zip(parts, pairs):
            intended = _intended_by_desc(b)
            for row in pair["tasks"]:
                row["designed"] = row["description"] in intended
                assert row["change"] == intended.get(row["description"], [])
        truth["diff"] = {"pairs": pairs}

    with open(args.truth, "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=2, sort_keys=True)
        f.write("\n")
    summary = ", ".join(
        f"{p['role']} {p['tasks']['total']} tasks ({p['tasks']['completed']} done, {p['tasks']['failed']} failed, "
        f"{p['tasks']['running']} running, {p['tasks']['pending']} pending)"
        for p in truth["projects"]
    )
    print(f"{args.out}: {len(records)} spans; {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
