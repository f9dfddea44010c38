#!/usr/bin/env python3
"""Real OpenLLMetry spans: Traceloop's opentelemetry-instrumentation-openai over the openai client.

Runs in .venv/agents-openllmetry (see capture-framework-fixtures.sh for the pins). Offline: the
real `openai.OpenAI` client talks to an httpx2.MockTransport that plays POST /chat/completions
from a script (and checks that each request carries exactly the history the script expects).
The instrumentation is pinned at 0.54.0, the last release writing the indexed attributes
(0.55.0 moved to gen_ai.input.messages / gen_ai.output.messages JSON).

Usage: emit_openllmetry_conversations.py --out FILE.jsonl --transcripts T.json [--truth TRUTH.json]

What opentelemetry-instrumentation-openai 0.54.0 with openai 3.63.0 really emits per chat call
(scope "opentelemetry.instrumentation.openai.v1", span "openai.chat", kind CLIENT):
  llm.request.type=chat, gen_ai.system=openai, gen_ai.request.model, gen_ai.request.max_tokens
  (when set), llm.headers ("None"), llm.is_streaming, gen_ai.openai.api_base,
  gen_ai.prompt.{i}.role|content, gen_ai.prompt.{i}.tool_call_id (tool results),
  gen_ai.prompt.{i}.tool_calls.{j}.id|name|arguments (earlier assistant turns; no content key
  when the content was null), llm.request.functions.{i}.name|description|parameters,
  llm.request.reasoning_effort (an empty array), gen_ai.response.model, gen_ai.response.id,
  gen_ai.openai.system_fingerprint, llm.usage.total_tokens, gen_ai.usage.input_tokens|
  output_tokens, llm.usage.reasoning_tokens, gen_ai.completion.{i}.finish_reason|role|content,
  gen_ai.completion.{i}.tool_calls.{j}.id|name|arguments. No gen_ai.response.finish_reasons array.
The agent and tool spans are this script's own (the instrumentation makes none), scope
"travel-desk": `invoke_agent {name}` (gen_ai.operation.name=invoke_agent, gen_ai.agent.name) and
`execute_tool {name}` (gen_ai.operation.name=execute_tool, gen_ai.tool.name, gen_ai.tool.call.id,
gen_ai.tool.type=function; no arguments or result: those are in the next call's prompt).

Scenarios (one trace each, the invoke_agent span is the root):
  parallel-tools  weather-agent: one answer with two get_weather tool calls (Oslo, Madrid), both
                  run, their results sent back (one JSON, one plain text), then the final answer.
  truncated       summary-agent: one call with max_tokens=24 whose answer stops at the limit
                  (finish_reason "length").

Determinism: OTel ids from a seeded IdGenerator, the OTel SDK clock and the mock responses'
`created` read one simulated clock; nothing else in the spans depends on the run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import opentelemetry.sdk.trace as sdk_trace

BASE_NS = 1_767_276_000_000_000_000  # 2026-01-01T14:00:00Z



sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emitters.common import SimulatedClock, write_otlp_by_trace  # noqa: E402

CLOCK = SimulatedClock(BASE_NS)
sdk_trace.time_ns = CLOCK.time_ns  # the SDK stamps span start/end from this module global

import httpx2 as httpx  # noqa: E402  (openai 3.x ships on httpx2)
from openai import OpenAI  # noqa: E402
from opentelemetry.instrumentation.openai import OpenAIInstrumentor  # noqa: E402
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402
from opentelemetry.sdk.trace.sampling import ALWAYS_ON  # noqa: E402

from agents_truth import truth_from_file, write_truth  # noqa: E402
from emitters.common import SeededIdGenerator  # noqa: E402
from emitters.transcripts import Conversation, write_transcripts  # noqa: E402

MEMORY = InMemorySpanExporter()
PROVIDER = TracerProvider(
    resource=Resource({"service.name": "travel-desk-openllmetry"}),
    sampler=ALWAYS_ON,
    id_generator=SeededIdGenerator.named("openllmetry-conversation-ids"),
    shutdown_on_exit=False,
)
PROVIDER.add_span_processor(SimpleSpanProcessor(MEMORY))
# Content capture is the instrumentation's default (TRACELOOP_TRACE_CONTENT unset = true);
# use_legacy_attributes=True (also the default) keeps the gen_ai.prompt/completion attributes.
OpenAIInstrumentor(use_legacy_attributes=True).instrument(tracer_provider=PROVIDER)
TRACER = PROVIDER.get_tracer("travel-desk", "1.0.0")

REQUESTED_MODEL = "gpt-4o-mini"
SERVED_MODEL = "gpt-4o-mini-2024-07-18"

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def tool_call(call_id: str, name: str, args: dict) -> dict:
    return {"id": call_id, "type": "function",
            "function": {"name": name, "arguments": json.dumps(args, separators=(",", ":"))}}


class ScriptedChat:
    """An httpx handler playing Chat Completions: one scripted turn per POST, in order.

    A turn is (expected request messages, answer content, answer tool_calls, finish_reason,
    prompt tokens, completion tokens). The request's messages must equal the expected ones, so
    the transcript truth (built from the script) is what the client really sent.
    """

    def __init__(self, turns: list[tuple], latency_ms: int = 600) -> None:
        self.turns = list(turns)
        self.latency_ms = latency_ms
        self.n = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
            return httpx.Response(404, json={"error": {"message": f"unexpected {request.url.path}"}})
        body = json.loads(request.content)
        expected, content, calls, finish, prompt, completion = self.turns[self.n]
        if body["messages"] != expected:
            raise AssertionError(f"turn {self.n}: request messages differ from the script:\n"
                                 f"{json.dumps(body['messages'], indent=1)}")
        self.n += 1
        CLOCK.advance(self.latency_ms)
        message = {"role": "assistant", "content": content, "refusal": None}
        if calls:
            message["tool_calls"] = calls
        return httpx.Response(200, json={
            "id": f"chatcmpl-fixture-{self.n}",
            "object": "chat.completion",
            "created": CLOCK.now // 1_000_000_000,
            "model": SERVED_MODEL,
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                      "total_tokens": prompt + completion},
            "system_fingerprint": "fp_fixture",
        })


def client_for(handler: ScriptedChat) -> OpenAI:
    return OpenAI(
        api_key="sk-fixture-offline",
        base_url="http://chat.fixture.invalid/v1",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        max_retries=0,
    )


def trace_id_hex(span) -> str:
    return format(span.get_span_context().trace_id, "032x")


def agent_span(name: str):
    return TRACER.start_as_current_span(
        f"invoke_agent {name}",
        attributes={"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": name},
    )


WEATHER = {"Oslo": json.dumps({"city": "Oslo", "temp_c": -3, "conditions": "snow"}), "Madrid": "21C, clear skies"}


def run_tool(name: str, call_id: str, args: dict) -> str:
    """Execute a tool under an execute_tool span; the result goes back to the model."""
    with TRACER.start_as_current_span(
        f"execute_tool {name}",
        attributes={"gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": name,
                    "gen_ai.tool.call.id": call_id, "gen_ai.tool.type": "function"},
    ):
        CLOCK.advance(120)
        return WEATHER[args["city"]]


def parallel_tools() -> Conversation:
    conv = Conversation("parallel-tools", "weather-agent")
    system = "You are a weather assistant. Use get_weather for every city you are asked about."
    user = "What's the weather in Oslo and in Madrid right now?"
    conv.system(system)
    conv.user(user)

    calls = [tool_call("call_oslo_1", "get_weather", {"city": "Oslo"}),
             tool_call("call_madrid_2", "get_weather", {"city": "Madrid"})]
    answer = "Oslo: -3C with snow. Madrid: 21C and clear skies."
    # What the mock expects on each request: the first carries system + user; the second adds
    # the assistant turn as the agent sends it back and one tool message per call.
    turn1 = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    turn2 = turn1 + [{"role": "assistant", "content": None, "tool_calls": calls}] + [
        {"role": "tool", "tool_call_id": c["id"],
         "content": WEATHER[json.loads(c["function"]["arguments"])["city"]]} for c in calls]
    client = client_for(ScriptedChat([
        (turn1, None, calls, "tool_calls", 92, 46),
        (turn2, answer, None, "stop", 171, 19),
    ]))

    with agent_span("weather-agent") as root:
        conv.trace_id = trace_id_hex(root)
        resp = client.chat.completions.create(model=REQUESTED_MODEL, messages=turn1, tools=[WEATHER_TOOL])
        conv.model_call(SERVED_MODEL, None, calls)
        msg = resp.choices[0].message
        messages = turn1 + [{"role": "assistant", "content": msg.content,
                             "tool_calls": [tc.model_dump() for tc in msg.tool_calls]}]
        for tc in msg.tool_calls:
            # Parallel calls: the model asked for both at once; they run one after the other.
            result = run_tool(tc.function.name, tc.id, json.loads(tc.function.arguments))
            conv.tool_result(tc.id, tc.function.name, result)
            messages.append({"role": "tool", "tool_call_id": tc.id, "content": result})
        resp = client.chat.completions.create(model=REQUESTED_MODEL, messages=messages, tools=[WEATHER_TOOL])
        conv.model_call(SERVED_MODEL, resp.choices[0].message.content, [])
    return conv


def truncated() -> Conversation:
    conv = Conversation("truncated", "summary-agent")
    system = "You summarize history for students."
    user = "Summarize the history of the Roman Empire."
    cut = "The Roman Empire began in 27 BC when Augustus became the first emperor, and over the next"
    history = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    conv.system(system)
    conv.user(user)
    client = client_for(ScriptedChat([(history, cut, None, "length", 31, 24)], latency_ms=900))
    with agent_span("summary-agent") as root:
        conv.trace_id = trace_id_hex(root)
        client.chat.completions.create(model=REQUESTED_MODEL, messages=history, max_tokens=24)
        conv.model_call(SERVED_MODEL, cut, [])
    return conv



def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--transcripts", required=True)
    ap.add_argument("--truth", help="also write the agents_truth.py truth of the file")
    args = ap.parse_args()

    conversations = [parallel_tools()]
    CLOCK.advance(2_000)
    conversations.append(truncated())
    PROVIDER.force_flush()
    write_otlp_by_trace(MEMORY.get_finished_spans(), args.out)
    write_transcripts(args.transcripts, os.path.basename(args.out), conversations)

    if args.truth:
        from importlib.metadata import version

        source = {
            "framework": "openai + opentelemetry-instrumentation-openai (OpenLLMetry)",
            "packages": {p: version(p) for p in ("opentelemetry-instrumentation-openai", "openai",
                                                 "opentelemetry-sdk")},
            "notes": [
                "openai.chat spans carry gen_ai.prompt.{i}.* / gen_ai.completion.{i}.* indexed attributes",
                "invoke_agent and execute_tool spans are the script's own (GenAI semconv)",
            ],
        }
        truth = truth_from_file(args.out, source)
        write_truth(args.truth, truth)
        print(f"{args.out}: {truth['total_spans']} spans in {len(truth['traces'])} traces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
