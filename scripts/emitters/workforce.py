"""Eigent / CAMEL workforce spans, shaped exactly as docs/reference/conventions.md describes.

Every span is a direct child of the root `workforce.execution:{root}`; subtask nesting lives
only in `eigent.task.parent_id`. The root starts first and ends last (so it is exported last),
or never ends when the workforce halts. Numbers are real ints/doubles; lists and dicts are
JSON strings.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import datetime, timezone

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import Span, Status, StatusCode

from .common import seeded_tracer, to_ns
from .truth import derive_workforce_truth, from_sdk

SERVICE_NAME = "eigent-workforce"
SCOPE_NAME = "eigent.workforce"
SCOPE_VERSION = "0.2.90"  # CAMEL's version, as Eigent reports it
MAX_ATTEMPTS = 3
# Eigent's BatchSpanProcessor exports every 3 s; flushing on the simulated clock reproduces
# its batch boundaries deterministically (a no-op with a SimpleSpanProcessor).
EXPORT_DELAY_S = 3.0


class _Workforce:
    """Emits one workforce trace on a simulated clock.

    Calls must come in non-decreasing simulated time, so spans end (and are exported) in
    time order, as they would in a real run.
    """

    def __init__(self, provider: TracerProvider, project_id: str, seed: int, base_time_ns: int) -> None:
        self.provider = provider
        self.tracer = seeded_tracer(provider, seed, SCOPE_NAME, SCOPE_VERSION)
        self.project_id = project_id
        self.base = base_time_ns
        self.rng = random.Random(f"workforce:{seed}")
        self.now = 0.0
        self.ended: list[Span] = []
        self.root: Span | None = None
        self.root_ctx = None
        self.workers: dict[str, str] = {}  # short name -> UUID
        self.parent_of: dict[str, str] = {}
        self.open_attempts: dict[str, tuple[Span, str, float]] = {}
        self.attempt_no: dict[str, int] = {}

    # -- clock and span plumbing --

    def _at(self, t: float) -> int:
        assert t >= self.now, f"time went backwards: {t} < {self.now}"
        if int(t // EXPORT_DELAY_S) != int(self.now // EXPORT_DELAY_S):
            self.provider.force_flush()
        self.now = t
        return to_ns(self.base, t)

    def _end(self, span: Span, t: float) -> None:
        span.end(end_time=self._at(t))
        self.ended.append(span)

    def _instant(self, name: str, t: float, attrs: dict, status: Status | None = None) -> None:
        ns = self._at(t)
        span = self.tracer.start_span(name, context=self.root_ctx, start_time=ns, attributes=attrs)
        if status is not None:
            span.set_status(status)
        span.end(end_time=ns)
        self.ended.append(span)

    def _iso(self, t: float) -> str:
        return datetime.fromtimestamp(to_ns(self.base, t) / 1e9, tz=timezone.utc).isoformat()

    def new_uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- Eigent events --

    def start_root(self, root_id: str, t: float) -> None:
        self.root_id = root_id
        self.root = self.tracer.start_span(
            f"workforce.execution:{root_id}",
            start_time=self._at(t),
            attributes={
                "langfuse.session.id": self.project_id,
                "langfuse.tags": json.dumps(["workforce", "camel", "eigent"]),
                "eigent.project.id": self.project_id,
                "eigent.task.id": root_id,
            },
        )
        self.root_ctx = trace.set_span_in_context(self.root)

    def end_root(self, t: float) -> None:
        self.root.set_status(Status(StatusCode.OK))
        self._end(self.root, t)

    def worker(self, key: str, t: float, role: str, agent: str | None = None, model: str | None = None) -> str:
        worker_id = self.new_uuid()
        self.workers[key] = worker_id
        attrs = {"eigent.worker.id": worker_id, "eigent.worker.type": "SingleAgentWorker", "eigent.worker.role": role}
        if agent:
            attrs["eigent.worker.agent"] = agent
        if model:
            attrs["eigent.worker.model.type"] = model
        self._instant("worker.created", t, attrs)
        return worker_id

    def created(
        self,
        task_id: str,
        t: float,
        description: str,
        parent: str | None = None,
        emit_parent: bool = True,
        task_type: str | None = None,
    ) -> None:
        attrs = {
            "eigent.task.id": task_id,
            "eigent.task.description": description,
            "eigent.project.id": self.project_id,
        }
        if parent:
            self.parent_of[task_id] = parent
            if emit_parent:
                attrs["eigent.task.parent_id"] = parent
        if task_type:
            attrs["eigent.task.type"] = task_type
        self._instant("task.created", t, attrs)

    def decomposed(self, parent: str, subtasks: list[str], t: float) -> None:
        self._instant(
            "task.decomposed",
            t,
            {
                "eigent.task.parent_id": parent,
                "eigent.project.id": self.project_id,
                "eigent.task.subtask_ids": json.dumps(subtasks),
            },
        )

    def assigned(
        self, task_id: str, worker: str, t: float, queue_s: float | None = None, deps: list[str] | None = None
    ) -> None:
        attrs = {
            "eigent.task.id": task_id,
            "eigent.worker.id": self.workers[worker],
            "eigent.project.id": self.project_id,
        }
        if deps:
            attrs["eigent.task.dependencies"] = json.dumps(deps)
        if queue_s is not None:
            attrs["eigent.task.queue_time_seconds"] = float(queue_s)
        self._instant("task.assigned", t, attrs)

    def start(self, task_id: str, worker: str, t: float) -> None:
        """Start an attempt; it stays open until completed()/failed() (or forever)."""
        assert task_id not in self.open_attempts, f"{task_id} already running"
        self.attempt_no[task_id] = self.attempt_no.get(task_id, 0) + 1
        span = self.tracer.start_span(
            f"task.execution:{task_id}",
            context=self.root_ctx,
            start_time=self._at(t),
            attributes={
                "eigent.task.id": task_id,
                "eigent.worker.id": self.workers[worker],
                "eigent.project.id": self.project_id,
                "eigent.task.status": "started",
            },
        )
        self.open_attempts[task_id] = (span, worker, t)

    def completed(
        self,
        task_id: str,
        t: float,
        tokens: int,
        processing_s: float | None,
        quality: int | None = None,
    ) -> None:
        span, _, _ = self.open_attempts.pop(task_id)
        span.set_attribute("eigent.task.status", "completed")
        span.set_attribute("eigent.task.timestamp", self._iso(t))
        span.set_attribute("eigent.task.parent_id", self.parent_of[task_id])
        if processing_s is not None:
            span.set_attribute("eigent.task.processing_time_seconds", float(processing_s))
        if quality is not None:
            span.set_attribute("eigent.task.quality_score", int(quality))
        span.set_attribute("eigent.task.token_usage.total_tokens", int(tokens))
        span.set_status(Status(StatusCode.OK))
        self._end(span, t)

    def failed(self, task_id: str, t: float, error: str) -> str:
        """End the open attempt with ERROR; returns the full error text."""
        span, worker, _ = self.open_attempts.pop(task_id)
        span.set_attribute("eigent.task.status", "failed")
        span.set_attribute("eigent.task.parent_id", self.parent_of[task_id])
        span.set_attribute("eigent.worker.id", self.workers[worker])
        span.set_status(Status(StatusCode.ERROR, error))
        self._end(span, t)
        return error

    def failed_with_log(self, task_id: str, t: float, result: str) -> None:
        """A real (non-quality) failure: ERROR attempt plus an error `log.message`."""
        _, worker, _ = self.open_attempts[task_id]
        error = self.failed(task_id, t, f"{result} (assigned to worker: {self.workers[worker]})")
        n = self.attempt_no[task_id]
        self.log("error", t + 0.002, f"Task {task_id} failed (attempt {n}/{MAX_ATTEMPTS}): {error}", task_id)

    def failed_quality(self, task_id: str, t: float, score: int, issues: str) -> None:
        error = f"Task {task_id} failed quality check (score: {score}). Issues: {issues}. Recovery: retry"
        self.failed(task_id, t, error)

    def log(self, level: str, t: float, message: str, task_id: str | None = None) -> None:
        attrs = {"log.level": level, "log.message": message, "eigent.project.id": self.project_id}
        if task_id:
            attrs["log.task_id"] = task_id
        # Critical logs mark the span ERROR; error logs leave it UNSET.
        status = Status(StatusCode.ERROR, message) if level == "critical" else None
        self._instant("log.message", t, attrs, status)

    def updated(self, task_id: str, t: float, update_type: str, **extra) -> None:
        attrs = {
            "eigent.task.id": task_id,
            "eigent.project.id": self.project_id,
            "eigent.task.update_type": update_type,
        }
        attrs.update(extra)
        self._instant("task.updated", t, attrs)

    def all_completed(self, t: float, total: int) -> None:
        self._instant(
            "workforce.all_tasks_completed",
            t,
            {
                "eigent.project.id": self.project_id,
                "eigent.task.id": self.root_id,
                "eigent.task.timestamp": self._iso(t),
                "workforce.total_tasks": total,
            },
        )

    def truth(self) -> dict:
        projects = derive_workforce_truth(from_sdk(s) for s in self.ended)
        return projects[self.project_id]


def _root_id(rng: random.Random, base_time_ns: int) -> str:
    # Eigent task ids look like "<epoch ms>-<4 digits>"; CAMEL names subtasks "<parent>.<n>".
    return f"{base_time_ns // 1_000_000}-{rng.randint(1000, 9999)}"


def _completed(w: _Workforce) -> dict[str, tuple[str, int]]:
    """Five subtasks, three workers; one quality retry, one error retry; all complete."""
    root = _root_id(w.rng, w.base)
    r = [f"{root}.{i}" for i in range(1, 6)]
    w.start_root(root, 0.0)
    w.created(root, 0.010, "Compare three open-source vector databases and write a report with a benchmark script")
    w.worker("dev", 0.050, "Developer Agent", agent="developer_agent", model="gpt-4.1-mini")
    w.worker("search", 0.055, "Search Agent", agent="search_agent", model="gpt-4o")
    w.worker("doc", 0.060, "Document Agent")
    w.decomposed(root, r, 2.400)
    w.created(r[0], 2.410, "Collect feature lists of Qdrant, Milvus and Weaviate", root, task_type="research")
    w.created(r[1], 2.420, "Write a Python benchmark script for insert and query latency", root, task_type="code")
    w.created(r[2], 2.430, "Summarise the licensing terms of each database", root, emit_parent=False)
    w.created(r[3], 2.440, "Find published benchmark results from the last year", root)
    w.created(r[4], 2.450, "Write the final comparison report in Markdown", root, emit_parent=False)

    w.assigned(r[0], "search", 2.600, queue_s=0.185)
    w.start(r[0], "search", 2.610)
    w.assigned(r[1], "dev", 2.620)  # no queue attr: queue = 2.620 - 2.420
    w.start(r[1], "dev", 2.630)
    w.failed_quality(r[1], 6.100, 45, "missing warm-up runs, latency measured with time.time()")
    w.updated(
        r[1],
        6.110,
        "replan",
        **{
            "eigent.worker.id": w.workers["dev"],
            "eigent.task.parent_id": root,
            "eigent.task.update.old_value": "Write a Python benchmark script for insert and query latency",
            "eigent.task.update.new_value": "Write a Python benchmark script for insert and query latency "
            "using time.perf_counter and 3 warm-up runs",
            "eigent.task.update.metadata": json.dumps(
                {
                    "quality_score": 45,
                    "reasoning": "Benchmark methodology is unreliable",
                    "issues": ["missing warm-up runs", "latency measured with time.time()"],
                }
            ),
            "eigent.task.timestamp": w._iso(6.110),
        },
    )
    w.assigned(r[1], "dev", 6.200, queue_s=0.09)
    w.start(r[1], "dev", 6.210)
    w.completed(r[0], 9.840, tokens=1843, processing_s=7.2, quality=88)
    w.assigned(r[2], "doc", 9.900, queue_s=7.47, deps=[r[0]])
    w.start(r[2], "doc", 9.910)
    w.assigned(r[3], "search", 9.950)
    w.start(r[3], "search", 9.960)
    w.completed(r[3], 13.000, tokens=990, processing_s=3.02, quality=91)
    w.completed(r[1], 14.500, tokens=2950, processing_s=8.27, quality=82)
    w.failed_with_log(r[2], 15.200, "Failed to fetch https://milvus.io/docs/license: HTTP 503 Service Unavailable")
    w.assigned(r[2], "doc", 15.300, deps=[r[0]])
    w.start(r[2], "doc", 15.310)
    w.completed(r[2], 21.000, tokens=1210, processing_s=5.66)  # quality check did not run
    w.assigned(r[4], "dev", 21.100, queue_s=18.64, deps=[r[1], r[2], r[3]])
    w.start(r[4], "dev", 21.110)
    w.completed(r[4], 27.400, tokens=3320, processing_s=6.27, quality=76)
    w.all_completed(27.500, total=len(r))
    w.end_root(27.520)
    return {root: ("completed", 0), r[0]: ("completed", 1), r[1]: ("completed", 2), r[2]: ("completed", 2),
            r[3]: ("completed", 1), r[4]: ("completed", 1)}


def _halted(w: _Workforce) -> dict[str, tuple[str, int]]:
    """One subtask fails 3 times and halts the workforce with others still open."""
    root = _root_id(w.rng, w.base)
    b = [f"{root}.{i}" for i in range(1, 7)]
    w.start_root(root, 0.0)
    w.created(root, 0.008, "Add OAuth login to the demo web app and deploy it to staging")
    w.worker("dev", 0.040, "Developer Agent", agent="developer_agent", model="gpt-4o")
    w.worker("research", 0.045, "Research Agent", agent="search_agent")
    w.worker("ops", 0.050, "DevOps Agent", model="gpt-4.1-mini")
    w.decomposed(root, b, 1.900)
    w.created(b[0], 1.910, "Find the provider's OAuth 2.0 endpoints and scopes", root, task_type="research")
    w.created(b[1], 1.920, "Implement the OAuth callback handler with tests", root, task_type="code")
    w.created(b[2], 1.930, "Write the staging deployment manifest", root)
    w.created(b[3], 1.940, "List required environment variables", root)
    w.created(b[4], 1.950, "Draft the security review checklist", root)
    w.created(b[5], 1.960, "Deploy to staging and run smoke tests", root)

    w.assigned(b[0], "research", 2.100, queue_s=0.19)
    w.start(b[0], "research", 2.110)
    w.assigned(b[1], "dev", 2.120)
    w.start(b[1], "dev", 2.130)
    w.assigned(b[2], "ops", 2.140)
    w.start(b[2], "ops", 2.150)
    # No processing_time attr here: processing falls back to the span's duration.
    w.completed(b[0], 5.480, tokens=800, processing_s=None, quality=70)
    w.assigned(b[3], "research", 5.560, deps=[b[0]])
    w.start(b[3], "research", 5.570)
    w.failed_quality(b[2], 6.020, 38, "manifest has no resource limits")
    w.assigned(b[2], "ops", 6.100, queue_s=0.05)
    w.start(b[2], "ops", 6.110)  # retry still running at halt
    w.failed_with_log(b[1], 7.400, "Command failed: pytest exited with code 1 (3 failed, 12 passed)")
    w.assigned(b[1], "dev", 7.500)
    w.start(b[1], "dev", 7.510)
    w.completed(b[3], 8.900, tokens=450, processing_s=3.3, quality=64)
    w.assigned(b[4], "research", 9.000, queue_s=7.04)
    w.start(b[4], "research", 9.010)  # still running at halt
    w.failed_with_log(b[1], 12.600, "Command failed: pytest exited with code 1 (2 failed, 13 passed)")
    w.assigned(b[1], "dev", 12.700)
    w.start(b[1], "dev", 12.710)
    w.failed_with_log(b[1], 17.900, "Command failed: pytest exited with code 1 (2 failed, 13 passed)")
    w.log("critical", 17.950, f"Task {b[1]} has failed for {MAX_ATTEMPTS} times, halting the workforce", b[1])
    # Halt: the root and the open attempts of b[2] and b[4] are never ended, so never exported.
    return {root: ("running", 0), b[0]: ("completed", 1), b[1]: ("failed", 3), b[2]: ("running", 1),
            b[3]: ("completed", 1), b[4]: ("running", 0), b[5]: ("pending", 0)}


_SCENARIOS = {"completed": _completed, "halted": _halted}


def emit_workforce(
    tracer_provider: TracerProvider, scenario: str, project_id: str, seed: int, base_time_ns: int
) -> dict:
    """Emit one workforce trace and return its truth.

    - Parameters:
      - tracer_provider: built with `common.new_tracer_provider(SERVICE_NAME)`; its id
        generator is reseeded from `seed`.
      - scenario: "completed" or "halted".
    - Returns: `{"project_id", "trace_id", "tasks": {task_id: {...}}}` derived from the spans
      that actually ended (and so can be exported).
    """
    w = _Workforce(tracer_provider, project_id, seed, base_time_ns)
    intended = _SCENARIOS[scenario](w)
    truth = w.truth()
    # Guard the scenario's intent, so a slip in the timeline cannot silently change the truth.
    got = {tid: (t["status"], t["attempts"]) for tid, t in truth["tasks"].items()}
    assert got == intended, f"{scenario}: derived {got} != intended {intended}"
    return truth
