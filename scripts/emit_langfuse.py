#!/usr/bin/env python3
"""The Langfuse Python SDK sending to spantop instead of Langfuse.

Runs in the venv with `langfuse`. Environment: LANGFUSE_BASE_URL (and LANGFUSE_HOST) pointing
at spantop's OTLP/HTTP receiver, LANGFUSE_PUBLIC_KEY / LANGFUSE_SECRET_KEY dummy keys.
Emits one trace: an @observe'd function in session `interop-session`, with a nested generation
on model gpt-4o-mini using 120 input + 30 output tokens. Exits non-zero if an export failed.
"""

from __future__ import annotations

import sys

from langfuse import get_client, observe, propagate_attributes
from opentelemetry.sdk.trace.export import SpanExportResult

SESSION = "interop-session"
failures = 0


def _watch_exports() -> None:
    """Count failed exports by wrapping the OTLP exporter the SDK built."""
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    original = OTLPSpanExporter.export

    def export(self, spans):
        global failures
        result = original(self, spans)
        if result != SpanExportResult.SUCCESS:
            failures += 1
        return result

    OTLPSpanExporter.export = export


@observe(name="answer-question")
def answer(question: str) -> str:
    langfuse = get_client()
    with propagate_attributes(session_id=SESSION, user_id="interop-user"):
        with langfuse.start_as_current_observation(
            as_type="generation",
            name="llm-call",
            model="gpt-4o-mini",
            input=[{"role": "user", "content": question}],
        ) as generation:
            generation.update(output="42", usage_details={"input": 120, "output": 30})
    return "42"


def main() -> int:
    _watch_exports()
    answer("What is the answer?")
    langfuse = get_client()
    langfuse.flush()
    langfuse.shutdown()
    if failures:
        print(f"langfuse: {failures} export(s) failed", file=sys.stderr)
        return 1
    print("langfuse: exported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
