"""A DSPy-like run with OpenInference attributes: a CHAIN root and two LLM calls."""

from __future__ import annotations

import json

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import Status, StatusCode

from .common import seeded_tracer, to_ns
from .truth import derive_generic_truth, from_sdk

SERVICE_NAME = "dspy-qa"
SESSION_ID = "dspy-session-1"
MODEL = "gpt-4o-mini"


def emit_openinference(tracer_provider: TracerProvider, seed: int, base_time_ns: int) -> dict:
    """Emit the trace and return its generic truth (the task id is the trace id)."""
    tracer = seeded_tracer(tracer_provider, seed, "openinference.instrumentation.dspy", "0.1.30")
    ns = lambda t: to_ns(base_time_ns, t)  # noqa: E731
    ended = []
    question = "What is the capital of the country where the Douro river ends?"

    root = tracer.start_span(
        "ChainOfThought.forward",
        start_time=ns(0.0),
        attributes={
            "openinference.span.kind": "CHAIN",
            "session.id": SESSION_ID,
            "input.value": json.dumps({"question": question}),
            "input.mime_type": "application/json",
        },
    )
    ctx = trace.set_span_in_context(root)

    def llm(start: float, end: float, prompt: int, completion: int, prompt_text: str, answer: str) -> None:
        span = tracer.start_span(
            "LM.__call__",
            context=ctx,
            start_time=ns(start),
            attributes={
                "openinference.span.kind": "LLM",
                "session.id": SESSION_ID,
                "llm.model_name": MODEL,
                "llm.provider": "openai",
                "llm.system": "openai",
                "llm.invocation_parameters": json.dumps({"temperature": 0.0, "max_tokens": 1000}),
                "input.value": prompt_text,
                "input.mime_type": "text/plain",
            },
        )
        span.set_attributes(
            {
                "output.value": answer,
                "output.mime_type": "text/plain",
                "llm.token_count.prompt": prompt,
                "llm.token_count.completion": completion,
                "llm.token_count.total": prompt + completion,
            }
        )
        span.set_status(Status(StatusCode.OK))
        span.end(end_time=ns(end))
        ended.append(span)

    llm(0.020, 1.310, 420, 96, question, "[[ ## reasoning ## ]] The Douro ends at Porto, Portugal ...")
    llm(1.330, 2.180, 388, 57, "Given the reasoning, answer concisely.", "[[ ## answer ## ]] Lisbon")

    root.set_attributes(
        {"output.value": json.dumps({"reasoning": "The Douro ends in Portugal.", "answer": "Lisbon"}),
         "output.mime_type": "application/json"}
    )
    root.set_status(Status(StatusCode.OK))
    root.end(end_time=ns(2.200))
    ended.append(root)

    (truth,) = derive_generic_truth(from_sdk(s) for s in ended)
    assert truth["status"] == "completed" and truth["tokens"] == 420 + 96 + 388 + 57
    return truth
