"""Pieces shared by the emitters: seeded ids, provider construction, time."""

from __future__ import annotations

import io
import os
import random
import sysconfig
from datetime import datetime, timezone

from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.id_generator import IdGenerator
from opentelemetry.sdk.trace.sampling import ALWAYS_ON
from opentelemetry.trace import Tracer


class SeededIdGenerator(IdGenerator):
    """Trace and span ids from a seeded PRNG, so reruns export identical ids."""

    def __init__(self, seed: int = 0) -> None:
        self.reseed(seed)

    @classmethod
    def named(cls, name: str) -> "SeededIdGenerator":
        """Seeded by `name` itself: the agent fixtures' ids (scripts/emit_*_agents.py)."""
        generator = cls.__new__(cls)
        generator._rng = random.Random(name)
        return generator

    def reseed(self, seed: int) -> None:
        self._rng = random.Random(f"ids:{seed}")

    def generate_span_id(self) -> int:
        return self._nonzero(64)

    def generate_trace_id(self) -> int:
        return self._nonzero(128)

    def _nonzero(self, bits: int) -> int:
        # An all-zero id is invalid in OTLP; the SDK would drop the span.
        while True:
            value = self._rng.getrandbits(bits)
            if value:
                return value


def new_tracer_provider(service_name: str) -> TracerProvider:
    """A provider whose resource holds only `service.name` and whose ids are seedable.

    `Resource(...)` (not `Resource.create`) keeps telemetry.sdk.* and OTEL_RESOURCE_ATTRIBUTES out.
    """
    return TracerProvider(
        resource=Resource({"service.name": service_name}),
        sampler=ALWAYS_ON,
        id_generator=SeededIdGenerator(),
        shutdown_on_exit=False,
    )


def seeded_tracer(provider: TracerProvider, seed: int, scope: str, version: str) -> Tracer:
    """Reseed the provider's id generator and return the scope's tracer.

    The SDK caches tracers per scope and hands them the provider's generator object, so
    reseeding that object (rather than swapping it) also works for an already-cached tracer.
    """
    generator = getattr(provider, "id_generator", None)
    if not isinstance(generator, SeededIdGenerator):
        raise TypeError("build the provider with new_tracer_provider() so ids are reproducible")
    generator.reseed(seed)
    return provider.get_tracer(scope, version)


def to_ns(base_time_ns: int, offset_s: float) -> int:
    """Absolute ns for an offset in seconds, on a microsecond grid to avoid float noise."""
    return base_time_ns + round(offset_s * 1_000_000) * 1_000


class SimulatedClock:
    """Simulated wall clock for the framework emitters: each reading moves it 1 ms, latencies
    move it further, so reruns stamp identical times."""

    def __init__(self, start_ns: int) -> None:
        self.now = start_ns

    def time_ns(self) -> int:
        self.now += 1_000_000
        return self.now

    def time_iso(self) -> str:
        """A reading as ISO 8601 in whole microseconds (frameworks that stamp datetimes)."""
        return datetime.fromtimestamp(self.time_ns() // 1000 / 1e6, timezone.utc).isoformat()

    def advance(self, ms: int) -> None:
        self.now += ms * 1_000_000


def write_otlp_by_trace(spans, out_path: str) -> None:
    """One ExportTraceServiceRequest line per trace, traces in order of their first span start,
    each trace's spans by end time: the file does not depend on how a batch processor grouped
    exports. Exception stack traces hold absolute paths; they are made machine-independent."""
    from opentelemetry.exporter.otlp.json.file import FileSpanExporter

    by_trace: dict[int, list] = {}
    for s in sorted(spans, key=lambda s: (s.start_time, s.context.span_id)):
        by_trace.setdefault(s.context.trace_id, []).append(s)
    buf = io.StringIO()
    exporter = FileSpanExporter(stream=buf)
    for trace_spans in by_trace.values():
        exporter.export(sorted(trace_spans, key=lambda s: (s.end_time, s.context.span_id)))
    text = buf.getvalue()
    for prefix, short in (
        (sysconfig.get_paths()["purelib"], "site-packages"),
        (sysconfig.get_paths()["stdlib"], "python-stdlib"),
        (os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts"),
    ):
        text = text.replace(prefix + "/", short + "/")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(text)
