#!/usr/bin/env python3
"""Write every fixture scenario as OTLP JSON lines with opentelemetry-exporter-otlp-json-file.

Runs in the venv with opentelemetry-sdk + opentelemetry-exporter-otlp-json-file.
Usage: emit_json_file.py OUT.jsonl TRUTH.json
"""

from __future__ import annotations

import json
import sys

from opentelemetry.exporter.otlp.json.file import FileSpanExporter

from emitters.run import run_all, truth_from_records
from emitters.truth import from_otlp_json


def main() -> int:
    out_path, truth_path = sys.argv[1], sys.argv[2]
    # FileSpanExporter(path) appends; one truncating stream shared by all scenarios gives a
    # fresh file. With `stream=` the exporter does not own (or close) it.
    with open(out_path, "w", encoding="utf-8") as stream:
        truth = run_all(lambda _scenario: FileSpanExporter(stream=stream))

    # Read the file back: the truth must hold for the bytes written, not just the SDK objects.
    with open(out_path, "rb") as f:
        records = [r for line in f if line.strip() for r in from_otlp_json(json.loads(line))]
    reread = truth_from_records(records)
    if reread != truth:
        print("truth re-derived from the JSONL file differs from the emitters' truth", file=sys.stderr)
        return 1

    with open(truth_path, "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"{out_path}: {len(records)} spans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
