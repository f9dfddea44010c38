#!/usr/bin/env python3
"""Send every fixture scenario over OTLP/HTTP protobuf to a capture sink.

Runs in the venv with opentelemetry-sdk + opentelemetry-exporter-otlp-proto-http.
Usage: emit_proto_http.py BASE_URL CAPTURE_DIR TRUTH.json
  BASE_URL     e.g. http://127.0.0.1:4318 (a running capture_sink.py)
  CAPTURE_DIR  where that sink writes NNNN.pb; read back to check the truth
"""

from __future__ import annotations

import base64
import glob
import json
import os
import sys

from opentelemetry.exporter.otlp.proto.http import Compression
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue

from emitters.run import Scenario, run_all, truth_from_records
from emitters.truth import SpanRecord

# Placeholder keys: the sink ignores them, but the requests look like Eigent's to Langfuse.
_LANGFUSE_HEADERS = {
    "Authorization": "Basic " + base64.b64encode(b"pk-lf-fixture:sk-lf-fixture").decode(),
    "x-langfuse-ingestion-version": "4",
}
_STATUS_NAMES = {0: "UNSET", 1: "OK", 2: "ERROR"}


def _exporter(base_url: str, scenario: Scenario) -> OTLPSpanExporter:
    # Eigent posts to Langfuse's OTLP path; the generic traces use the plain OTLP path.
    if scenario.kind == "workforce":
        return OTLPSpanExporter(
            endpoint=f"{base_url}/api/public/otel/v1/traces",
            headers=_LANGFUSE_HEADERS,
            compression=Compression.NoCompression,
        )
    return OTLPSpanExporter(endpoint=f"{base_url}/v1/traces", compression=Compression.NoCompression)


def _any(value: AnyValue):
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return [_any(v) for v in value.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: _any(kv.value) for kv in value.kvlist_value.values}
    return getattr(value, kind) if kind else None


def _records(request: ExportTraceServiceRequest) -> list[SpanRecord]:
    out = []
    for rs in request.resource_spans:
        resource = {kv.key: _any(kv.value) for kv in rs.resource.attributes}
        for ss in rs.scope_spans:
            for s in ss.spans:
                out.append(
                    SpanRecord(
                        name=s.name,
                        trace_id=s.trace_id.hex(),
                        span_id=s.span_id.hex(),
                        parent_span_id=s.parent_span_id.hex() or None,
                        start_ns=s.start_time_unix_nano,
                        end_ns=s.end_time_unix_nano,
                        attributes={kv.key: _any(kv.value) for kv in s.attributes},
                        status_code=_STATUS_NAMES[s.status.code],
                        status_message=s.status.message or None,
                        resource=resource,
                    )
                )
    return out


def main() -> int:
    base_url, capture_dir, truth_path = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    truth = run_all(lambda scenario: _exporter(base_url, scenario))

    # Read back what the sink captured: the truth must hold for the bytes on the wire.
    records = []
    files = sorted(glob.glob(os.path.join(capture_dir, "*.pb")))
    for path in files:
        request = ExportTraceServiceRequest()
        with open(path, "rb") as f:
            request.ParseFromString(f.read())
        records.extend(_records(request))
    if truth_from_records(records) != truth:
        print("truth re-derived from the captured protobuf differs from the emitters' truth", file=sys.stderr)
        return 1

    with open(truth_path, "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"{capture_dir}: {len(files)} requests, {len(records)} spans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
