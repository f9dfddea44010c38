"""The fixture scenarios, shared by every fixture writer so all formats hold the same spans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

from . import genai, openinference, workforce
from .common import new_tracer_provider
from .truth import derive_generic_truth, derive_workforce_truth

BASE_TIME_NS = 1_767_261_600_000_000_000  # 2026-01-01T10:00:00Z


@dataclass(frozen=True)
class Scenario:
    name: str
    kind: str  # "workforce" (truth per project) or "trace" (generic truth per trace)
    service_name: str
    emit: Callable[[TracerProvider], dict]


SCENARIOS = [
    Scenario(
        "workforce-completed",
        "workforce",
        workforce.SERVICE_NAME,
        lambda tp: workforce.emit_workforce(tp, "completed", "proj-alpha", seed=1001, base_time_ns=BASE_TIME_NS),
    ),
    Scenario(
        "workforce-halted",
        "workforce",
        workforce.SERVICE_NAME,
        lambda tp: workforce.emit_workforce(
            tp, "halted", "proj-beta", seed=1002, base_time_ns=BASE_TIME_NS + 3_600 * 10**9
        ),
    ),
    Scenario(
        "genai",
        "trace",
        genai.SERVICE_NAME,
        lambda tp: genai.emit_genai(tp, seed=2001, base_time_ns=BASE_TIME_NS + 7_200 * 10**9),
    ),
    Scenario(
        "openinference",
        "trace",
        openinference.SERVICE_NAME,
        lambda tp: openinference.emit_openinference(tp, seed=3001, base_time_ns=BASE_TIME_NS + 7_500 * 10**9),
    ),
]


def run_all(make_exporter: Callable[[Scenario], SpanExporter]) -> dict:
    """Emit every scenario through its own provider and exporter; return the combined truth.

    The batch processor never exports on its own timer (the delay is an hour), only when an
    emitter or this function flushes, so batch boundaries are the same on every run.
    """
    truth: dict = {"projects": {}, "traces": []}
    for scenario in SCENARIOS:
        provider = new_tracer_provider(scenario.service_name)
        provider.add_span_processor(
            BatchSpanProcessor(
                make_exporter(scenario),
                max_queue_size=4096,
                max_export_batch_size=1024,
                schedule_delay_millis=3_600_000,
            )
        )
        result = scenario.emit(provider)
        provider.force_flush()
        provider.shutdown()
        if scenario.kind == "workforce":
            truth["projects"][result["project_id"]] = {"trace_id": result["trace_id"], "tasks": result["tasks"]}
        else:
            truth["traces"].append(result)
    truth["traces"].sort(key=lambda t: t["trace_id"])
    return truth


def truth_from_records(records) -> dict:
    """The same combined truth, re-derived from spans read back from a fixture."""
    records = list(records)
    projects = derive_workforce_truth(records)
    return {
        "projects": {pid: {"trace_id": p["trace_id"], "tasks": p["tasks"]} for pid, p in projects.items()},
        "traces": sorted(derive_generic_truth(records), key=lambda t: t["trace_id"]),
    }
