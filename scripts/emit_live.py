#!/usr/bin/env python3
"""Send every fixture scenario to a running `spantop serve` with a real OTLP exporter.

Usage: emit_live.py MODE ENDPOINT TRUTH.json
  MODE      grpc | http-proto | http-proto-gzip | http-json
  ENDPOINT  host:port of the receiver for MODE (gRPC or HTTP)
  TRUTH     where to write what was emitted (the same truth format as the fixtures)

grpc, http-proto and http-proto-gzip run in the venv with opentelemetry-exporter-otlp-proto-grpc
and -proto-http; http-json in the venv with opentelemetry-exporter-otlp-json-http.
Exits non-zero when an export fails (the SDK logs why).
"""

from __future__ import annotations

import json
import sys

from opentelemetry.sdk.trace.export import SpanExportResult

from emitters.run import Scenario, run_all


class _Checked:
    """Wraps an exporter and remembers whether every export succeeded."""

    failures = 0

    def __init__(self, inner) -> None:
        self.inner = inner

    def export(self, spans):
        result = self.inner.export(spans)
        if result != SpanExportResult.SUCCESS:
            _Checked.failures += 1
        return result

    def shutdown(self):
        return self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


def _exporter(mode: str, endpoint: str, scenario: Scenario):
    # Eigent posts to Langfuse's OTLP path; the other traces to the plain OTLP path.
    path = "/api/public/otel/v1/traces" if scenario.kind == "workforce" else "/v1/traces"
    if mode == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter(endpoint=endpoint, insecure=True)
    if mode in ("http-proto", "http-proto-gzip"):
        from opentelemetry.exporter.otlp.proto.http import Compression
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        compression = Compression.Gzip if mode == "http-proto-gzip" else Compression.NoCompression
        return OTLPSpanExporter(endpoint=f"http://{endpoint}{path}", compression=compression)
    if mode == "http-json":
        from opentelemetry.exporter.otlp.json.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter(endpoint=f"http://{endpoint}{path}")
    raise SystemExit(f"unknown mode {mode}")


def main() -> int:
    mode, endpoint, truth_path = sys.argv[1], sys.argv[2], sys.argv[3]
    truth = run_all(lambda scenario: _Checked(_exporter(mode, endpoint, scenario)))
    with open(truth_path, "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=2, sort_keys=True)
        f.write("\n")
    if _Checked.failures:
        print(f"{mode}: {_Checked.failures} export(s) failed", file=sys.stderr)
        return 1
    print(f"{mode}: all exports succeeded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
