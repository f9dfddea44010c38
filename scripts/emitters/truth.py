"""Derive the expected task view ("truth") from exported spans.

This is the reference for spantop's task model (docs/reference/task-model.md). The emitters run it
over the spans they ended, and the fixture scripts run it again over what actually landed in
the files, so the truth always matches the bytes. It reads only plain `SpanRecord`s, which
come from SDK spans, OTLP JSON or OTLP protobuf alike.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

_QUALITY_RE = re.compile(r"failed quality check \(score: (\d+)\)")
_STATUS_NAMES = {0: "UNSET", 1: "OK", 2: "ERROR"}


@dataclass
class SpanRecord:
    name: str
    trace_id: str  # 32 lowercase hex
    span_id: str  # 16 lowercase hex
    parent_span_id: str | None
    start_ns: int
    end_ns: int
    attributes: dict[str, Any]
    status_code: str  # UNSET | OK | ERROR
    status_message: str | None
    resource: dict[str, Any] = field(default_factory=dict)


# --- converters -------------------------------------------------------------------------------


def from_sdk(span) -> SpanRecord:
    """From an ended SDK span (`ReadableSpan`)."""
    ctx = span.get_span_context()
    return SpanRecord(
        name=span.name,
        trace_id=f"{ctx.trace_id:032x}",
        span_id=f"{ctx.span_id:016x}",
        parent_span_id=f"{span.parent.span_id:016x}" if span.parent else None,
        start_ns=span.start_time,
        end_ns=span.end_time,
        attributes={k: (list(v) if isinstance(v, tuple) else v) for k, v in span.attributes.items()},
        status_code=span.status.status_code.name,
        status_message=span.status.description or None,
        resource=dict(span.resource.attributes),
    )


def _json_any(value: dict) -> Any:
    """Decode an OTLP/JSON AnyValue (64-bit ints may be strings)."""
    if "stringValue" in value:
        return value["stringValue"]
    if "boolValue" in value:
        return value["boolValue"]
    if "intValue" in value:
        return int(value["intValue"])
    if "doubleValue" in value:
        return float(value["doubleValue"])
    if "arrayValue" in value:
        return [_json_any(v) for v in value["arrayValue"].get("values", [])]
    if "kvlistValue" in value:
        return {kv["key"]: _json_any(kv.get("value", {})) for kv in value["kvlistValue"].get("values", [])}
    if "bytesValue" in value:
        return value["bytesValue"]
    return None


def _json_attrs(kvs: Iterable[dict]) -> dict[str, Any]:
    return {kv["key"]: _json_any(kv.get("value", {})) for kv in kvs}


def from_otlp_json(request: dict) -> list[SpanRecord]:
    """From one OTLP/JSON ExportTraceServiceRequest object (one JSONL line)."""
    records = []
    for rs in request.get("resourceSpans", []):
        resource = _json_attrs(rs.get("resource", {}).get("attributes", []))
        for ss in rs.get("scopeSpans", []):
            for s in ss.get("spans", []):
                status = s.get("status", {})
                records.append(
                    SpanRecord(
                        name=s["name"],
                        trace_id=s["traceId"].lower(),
                        span_id=s["spanId"].lower(),
                        parent_span_id=(s.get("parentSpanId") or "").lower() or None,
                        start_ns=int(s["startTimeUnixNano"]),
                        end_ns=int(s["endTimeUnixNano"]),
                        attributes=_json_attrs(s.get("attributes", [])),
                        status_code=_STATUS_NAMES[int(status.get("code", 0))],
                        status_message=status.get("message") or None,
                        resource=resource,
                    )
                )
    return records


# --- Eigent workforce ---------------------------------------------------------------------------


def _seconds(ns: int) -> float:
    return round(ns / 1e9, 6)


def _attempt_quality(span: SpanRecord) -> int | None:
    if "eigent.task.quality_score" in span.attributes:
        return int(span.attributes["eigent.task.quality_score"])
    match = _QUALITY_RE.search(span.status_message or "")
    return int(match.group(1)) if match else None


def _attempt_status(span: SpanRecord) -> str:
    if span.status_code == "ERROR" or span.attributes.get("eigent.task.status") == "failed":
        return "failed"
    return "completed"


def derive_workforce_truth(records: Iterable[SpanRecord]) -> dict[str, dict]:
    """Truth per Eigent project: `{project_id: {"project_id", "trace_id", "tasks"}}`."""
    by_project: dict[str, list[SpanRecord]] = {}
    for r in records:
        pid = r.attributes.get("eigent.project.id")
        if pid is not None:
            by_project.setdefault(pid, []).append(r)
    return {pid: _derive_project(pid, spans) for pid, spans in sorted(by_project.items())}


def _derive_project(project_id: str, spans: list[SpanRecord]) -> dict:
    spans = sorted(spans, key=lambda s: (s.start_ns, s.end_ns, s.span_id))
    trace_ids = {s.trace_id for s in spans}
    assert len(trace_ids) == 1, f"{project_id}: expected one trace, got {trace_ids}"

    created: dict[str, SpanRecord] = {}
    parents: dict[str, set[str]] = {}
    assignments: dict[str, list[SpanRecord]] = {}
    attempts: dict[str, list[SpanRecord]] = {}
    roots: dict[str, SpanRecord | None] = {}

    def note_parent(task_id: str, parent_id: Any) -> None:
        if parent_id:
            parents.setdefault(task_id, set()).add(parent_id)

    for s in spans:
        a = s.attributes
        if s.name == "task.created":
            created.setdefault(a["eigent.task.id"], s)
            note_parent(a["eigent.task.id"], a.get("eigent.task.parent_id"))
        elif s.name == "task.assigned":
            assignments.setdefault(a["eigent.task.id"], []).append(s)
        elif s.name.startswith("task.execution:"):
            attempts.setdefault(a["eigent.task.id"], []).append(s)
            note_parent(a["eigent.task.id"], a.get("eigent.task.parent_id"))
        elif s.name == "task.decomposed":
            roots.setdefault(a["eigent.task.parent_id"], None)
            for child in json.loads(a["eigent.task.subtask_ids"]):
                note_parent(child, a["eigent.task.parent_id"])
        elif s.name.startswith("workforce.execution:"):
            roots[a["eigent.task.id"]] = s

    for task_id, ps in parents.items():
        assert len(ps) == 1, f"{project_id}/{task_id}: conflicting parents {ps}"

    task_ids = set(created) | set(assignments) | set(attempts)
    tasks = {}
    for task_id in sorted(task_ids):
        parent = next(iter(parents.get(task_id, [None])))
        assigned = assignments.get(task_id, [])
        ended = attempts.get(task_id, [])
        latest = ended[-1] if ended else None

        if task_id in roots:
            root_span = roots[task_id]
            children = [t for t, ps in parents.items() if task_id in ps]
            if root_span is not None and root_span.status_code == "OK":
                status = "completed"
            elif any(assignments.get(c) for c in children):
                status = "running"
            else:
                status = "pending"
        elif latest is not None:
            reassigned = any(s.start_ns > latest.start_ns for s in assigned)
            status = "running" if reassigned else _attempt_status(latest)
        elif assigned:
            status = "running"
        else:
            status = "pending"

        queue_s = None
        if assigned:
            first = assigned[0]
            if "eigent.task.queue_time_seconds" in first.attributes:
                queue_s = float(first.attributes["eigent.task.queue_time_seconds"])
            elif task_id in created:
                queue_s = _seconds(first.start_ns - created[task_id].start_ns)

        processing_s = None
        if latest is not None:
            reported = latest.attributes.get("eigent.task.processing_time_seconds")
            never_ran = (_attempt_status(latest) == "failed" and not reported
                         and latest.end_ns <= latest.start_ns)
            if not never_ran:  # a zero-length failure without a processing time: unknown
                processing_s = float(reported if reported is not None
                                     else _seconds(latest.end_ns - latest.start_ns))

        token_values = [
            int(s.attributes["eigent.task.token_usage.total_tokens"])
            for s in ended
            if "eigent.task.token_usage.total_tokens" in s.attributes
        ]

        tasks[task_id] = {
            "parent_id": parent,
            "status": status,
            "attempts": len(ended),
            "worker_id": assigned[-1].attributes["eigent.worker.id"] if assigned else None,
            "queue_s": queue_s,
            "processing_s": processing_s,
            "tokens": sum(token_values) if token_values else None,
            "quality": _attempt_quality(latest) if latest is not None else None,
            "error": latest.status_message if status == "failed" and latest is not None else None,
        }

    return {"project_id": project_id, "trace_id": trace_ids.pop(), "tasks": tasks}


# --- generic traces (GenAI, OpenInference, ...) ------------------------------------------------

_PROJECT_KEYS = ("eigent.project.id", "langfuse.session.id", "session.id", "gen_ai.conversation.id")
_MODEL_KEYS = ("gen_ai.response.model", "gen_ai.request.model", "llm.model_name")


def _span_tokens(a: dict[str, Any]) -> int | None:
    """Tokens of one span, first convention present (docs/reference/task-model.md, "Tokens")."""
    if "eigent.task.token_usage.total_tokens" in a:
        return int(a["eigent.task.token_usage.total_tokens"])
    if "langfuse.observation.usage_details" in a:
        usage = json.loads(a["langfuse.observation.usage_details"])
        return int(usage.get("total", usage.get("input", 0) + usage.get("output", 0)))
    genai = [
        a[k]
        for k in (
            "gen_ai.usage.input_tokens",
            "gen_ai.usage.output_tokens",
            "gen_ai.usage.prompt_tokens",
            "gen_ai.usage.completion_tokens",
        )
        if k in a
    ]
    if genai:
        return int(sum(genai))
    if "llm.token_count.total" in a:
        return int(a["llm.token_count.total"])
    llm = [a[k] for k in ("llm.token_count.prompt", "llm.token_count.completion") if k in a]
    return int(sum(llm)) if llm else None


def derive_generic_truth(records: Iterable[SpanRecord]) -> list[dict]:
    """Truth per non-Eigent trace: each trace is one task, keyed by its trace id."""
    records = list(records)
    # Eigent traces are handled per task; some of their spans (worker.created) lack a project.
    eigent = {r.trace_id for r in records if "eigent.project.id" in r.attributes}
    by_trace: dict[str, list[SpanRecord]] = {}
    for r in records:
        if r.trace_id not in eigent:
            by_trace.setdefault(r.trace_id, []).append(r)

    out = []
    for trace_id, spans in sorted(by_trace.items()):
        spans.sort(key=lambda s: (s.start_ns, s.span_id))
        roots = [s for s in spans if s.parent_span_id is None]
        assert len(roots) == 1, f"{trace_id}: expected one root span"
        root = roots[0]
        project = next((root.attributes[k] for k in _PROJECT_KEYS if k in root.attributes), None)
        token_values = [t for t in (_span_tokens(s.attributes) for s in spans) if t is not None]
        model = next((s.attributes[k] for s in spans for k in _MODEL_KEYS if k in s.attributes), None)
        out.append(
            {
                "project_id": project or root.resource.get("service.name"),
                "trace_id": trace_id,
                "task_id": trace_id,
                "root_name": root.name,
                "status": "failed" if any(s.status_code == "ERROR" for s in spans) else "completed",
                "tokens": sum(token_values) if token_values else None,
                "model": model,
                "span_count": len(spans),
                "processing_s": _seconds(root.end_ns - root.start_ns),
            }
        )
    return out
