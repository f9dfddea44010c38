"""One agent run following the OpenTelemetry GenAI semantic conventions.

An `invoke_agent` root with two `chat` CLIENT calls and a failing `execute_tool` in between.
Any ERROR span makes the (generic) task failed, even though the agent answered.
"""

from __future__ import annotations

import json
import random

from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind, Status, StatusCode

from .common import seeded_tracer, to_ns
from .truth import derive_generic_truth, from_sdk

SERVICE_NAME = "travel-planner"
CONVERSATION_ID = "conv-genai-1"
MODEL = "gpt-4o"


def emit_genai(tracer_provider: TracerProvider, seed: int, base_time_ns: int) -> dict:
    """Emit the trace and return its generic truth (the task id is the trace id)."""
    tracer = seeded_tracer(tracer_provider, seed, "travel_planner.agents", "1.4.0")
    rng = random.Random(f"genai:{seed}")
    ns = lambda t: to_ns(base_time_ns, t)  # noqa: E731
    ended = []
    # Every span carries the conversation id so the whole trace maps to one project.
    common = {"gen_ai.conversation.id": CONVERSATION_ID, "gen_ai.provider.name": "openai"}

    root = tracer.start_span(
        "invoke_agent TravelPlanner",
        kind=SpanKind.INTERNAL,
        start_time=ns(0.0),
        attributes={
            **common,
            "gen_ai.operation.name": "invoke_agent",
            "gen_ai.agent.name": "TravelPlanner",
            "gen_ai.agent.id": f"asst_{rng.getrandbits(96):024x}",
            "gen_ai.request.model": MODEL,
        },
    )
    ctx = trace.set_span_in_context(root)

    def chat(start: float, end: float, input_tokens: int, output_tokens: int, finish: str) -> None:
        span = tracer.start_span(
            f"chat {MODEL}",
            context=ctx,
            kind=SpanKind.CLIENT,
            start_time=ns(start),
            attributes={
                **common,
                "gen_ai.operation.name": "chat",
                "gen_ai.request.model": MODEL,
                "gen_ai.request.temperature": 0.2,
                "server.address": "api.openai.com",
                "server.port": 443,
            },
        )
        span.set_attributes(
            {
                "gen_ai.response.model": MODEL,
                "gen_ai.response.id": f"chatcmpl-{rng.getrandbits(64):016x}",
                # A real string array (not JSON text), as the conventions define it.
                "gen_ai.response.finish_reasons": [finish],
                "gen_ai.usage.input_tokens": input_tokens,
                "gen_ai.usage.output_tokens": output_tokens,
            }
        )
        span.end(end_time=ns(end))
        ended.append(span)

    chat(0.050, 1.900, 812, 64, "tool_calls")

    tool = tracer.start_span(
        "execute_tool get_weather",
        context=ctx,
        kind=SpanKind.INTERNAL,
        start_time=ns(1.950),
        attributes={
            **common,
            "gen_ai.operation.name": "execute_tool",
            "gen_ai.tool.name": "get_weather",
            "gen_ai.tool.type": "function",
            "gen_ai.tool.call.id": f"call_{rng.getrandbits(64):016x}",
            "gen_ai.tool.call.arguments": json.dumps({"city": "Lisbon", "date": "2026-01-03"}),
        },
    )
    # Never raised, so the recorded stack trace is just "TimeoutError: ..." (no file paths).
    error = TimeoutError("weather API did not answer within 30 s")
    tool.record_exception(error, timestamp=ns(2.390))
    tool.set_attribute("error.type", "TimeoutError")
    tool.set_status(Status(StatusCode.ERROR, f"TimeoutError: {error}"))
    tool.end(end_time=ns(2.400))
    ended.append(tool)

    chat(2.450, 6.300, 930, 212, "stop")

    root.end(end_time=ns(6.400))
    ended.append(root)

    (truth,) = derive_generic_truth(from_sdk(s) for s in ended)
    assert truth["status"] == "failed" and truth["tokens"] == 812 + 64 + 930 + 212
    return truth
