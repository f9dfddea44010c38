#!/usr/bin/env python3
"""Real Langfuse spans: the Langfuse Python SDK's agent, generation and tool observations.

Runs in .venv/agents-langfuse (see capture-framework-fixtures.sh for the pins). Offline: the SDK
gets an in-memory span exporter (`Langfuse(span_exporter=...)`), so its own TracerProvider,
LangfuseSpanProcessor and attribute mapping run unchanged but nothing is sent; the spans are then
written as OTLP JSON lines with opentelemetry-exporter-otlp-json-file. The "model" is a script
of OpenAI-style assistant messages; the agent loop around it is the usual manual instrumentation
(start_as_current_observation with as_type agent / generation / tool).

Usage: emit_langfuse_conversations.py --out FILE.jsonl --transcripts T.json [--truth TRUTH.json]

What langfuse 5.2.0 really emits (scope "langfuse-sdk" with attribute public_key; resource from
Resource.create: telemetry.sdk.*, service.instance.id, service.name=unknown_service:python):
  agent       {name}  langfuse.observation.type=agent, langfuse.observation.input|output (a plain
                      string stays a string, anything else is JSON), langfuse.internal.is_app_root
  generation  chat    langfuse.observation.type=generation, langfuse.observation.model.name,
                      langfuse.observation.input (JSON: the OpenAI message list sent),
                      langfuse.observation.output (JSON: the assistant message answered),
                      langfuse.observation.usage_details (JSON {"input","output"})
  tool        {name}  langfuse.observation.type=tool, langfuse.observation.input (JSON arguments),
                      langfuse.observation.output (JSON or string result); a failed one:
                      langfuse.observation.level=ERROR, langfuse.observation.status_message and
                      OTel status ERROR with that message (the SDK sets it from the level)
  No tool call ids on tool observations: only the generations' messages carry them.

Scenarios (one trace each, the agent observation is the root):
  tool-calls   weather-agent: get_weather(Lisbon) -> JSON, then get_forecast(Lisbon, 1) -> text,
               then the final answer (three generations).
  failed-tool  shop-agent: check_stock(KET-BLUE-1) fails (inventory service unavailable); the
               error goes back to the model as the tool message; the model apologises.

Determinism: OTel ids from a seeded IdGenerator handed to the SDK (`id_generator=`), the OTel
SDK clock is simulated, uuid4 (the resource's service.instance.id) is seeded; release and
LANGFUSE_* variables the SDK would read are cleared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import uuid

# The OTel SDK's Resource.create() (which the Langfuse SDK calls for its provider) stamps a
# random service.instance.id with uuid4; seeded, it is the same on every run.
_uuid_rng = random.Random("langfuse-conversation-uuid")
uuid.uuid4 = lambda: uuid.UUID(int=_uuid_rng.getrandbits(128), version=4)

# The SDK reads its settings (and a "release" from CI variables such as GITHUB_SHA) from the
# environment; any of them would change the resource or the spans.
from langfuse._utils.environment import common_release_envs

for _var in [v for v in os.environ if v.startswith("LANGFUSE_")] + list(common_release_envs):
    os.environ.pop(_var, None)

import opentelemetry.sdk.trace as sdk_trace  # noqa: E402

BASE_NS = 1_767_279_600_000_000_000  # 2026-01-01T15:00:00Z



sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emitters.common import SimulatedClock, write_otlp_by_trace  # noqa: E402

CLOCK = SimulatedClock(BASE_NS)
sdk_trace.time_ns = CLOCK.time_ns  # the SDK stamps span start/end from this module global

from langfuse import Langfuse  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402

from agents_truth import truth_from_file, write_truth  # noqa: E402
from emitters.common import SeededIdGenerator  # noqa: E402
from emitters.transcripts import Conversation, write_transcripts  # noqa: E402

MEMORY = InMemorySpanExporter()
LANGFUSE = Langfuse(
    public_key="pk-lf-fixture",
    secret_key="sk-lf-fixture",
    base_url="http://langfuse.fixture.invalid",  # never contacted: the exporter is in memory
    span_exporter=MEMORY,
    id_generator=SeededIdGenerator.named("langfuse-conversation-ids"),
)

MODEL = "gpt-4o-mini"


def tool_call(call_id: str, name: str, args: dict) -> dict:
    return {"id": call_id, "type": "function",
            "function": {"name": name, "arguments": json.dumps(args, separators=(",", ":"))}}


class ToolFailed(Exception):
    pass


def get_weather(city: str) -> dict:
    CLOCK.advance(140)
    return {"city": city, "temp_c": 17, "conditions": "light rain"}


def get_forecast(city: str, days: int) -> str:
    CLOCK.advance(210)
    return f"{city}, next {days} day: showers in the afternoon, 80% chance of rain."


def check_stock(sku: str) -> dict:
    CLOCK.advance(3_000)  # the inventory service times out
    raise ToolFailed("inventory service unavailable (HTTP 503)")


TOOLS = {"get_weather": get_weather, "get_forecast": get_forecast, "check_stock": check_stock}


def run_agent(conv: Conversation, system: str, user: str, turns: list[tuple]) -> None:
    """The agent loop: a generation per scripted turn, then the tools that turn asked for.

    A turn is (assistant content, tool calls, input tokens, output tokens). Every generation's
    input is the whole OpenAI-style history so far; its output is the assistant message.
    """
    conv.system(system)
    conv.user(user)
    messages: list[dict] = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    with LANGFUSE.start_as_current_observation(as_type="agent", name=conv.agent, input=user) as agent:
        conv.trace_id = agent.trace_id
        for content, calls, tokens_in, tokens_out in turns:
            answer = {"role": "assistant", "content": content}
            if calls:
                answer["tool_calls"] = calls
            with LANGFUSE.start_as_current_observation(
                as_type="generation", name="chat", model=MODEL, input=list(messages)
            ) as generation:
                CLOCK.advance(650)
                generation.update(output=answer, usage_details={"input": tokens_in, "output": tokens_out})
            conv.model_call(MODEL, content, calls)
            messages.append(answer)
            for call in calls:
                name, args = call["function"]["name"], json.loads(call["function"]["arguments"])
                with LANGFUSE.start_as_current_observation(as_type="tool", name=name, input=args) as tool:
                    try:
                        result = TOOLS[name](**args)
                    except ToolFailed as exc:
                        # What agent loops do: mark the observation failed, tell the model.
                        tool.update(level="ERROR", status_message=str(exc))
                        sent = f"Error: {exc}"
                        conv.tool_error(call["id"], name, str(exc), sent)
                        messages.append({"role": "tool", "tool_call_id": call["id"], "content": sent})
                        continue
                    tool.update(output=result)
                text = result if isinstance(result, str) else json.dumps(result)
                conv.tool_result(call["id"], name, text)
                messages.append({"role": "tool", "tool_call_id": call["id"], "content": text})
        agent.update(output=content)


def tool_calls() -> Conversation:
    conv = Conversation("tool-calls", "weather-agent")
    run_agent(
        conv,
        "You are a weather assistant. Use the tools; answer in one sentence.",
        "Should I take an umbrella in Lisbon today and tomorrow?",
        [
            (None, [tool_call("call_lis_weather", "get_weather", {"city": "Lisbon"})], 64, 17),
            (None, [tool_call("call_lis_forecast", "get_forecast", {"city": "Lisbon", "days": 1})], 112, 21),
            ("Yes: it is 17C with light rain in Lisbon now and tomorrow brings afternoon showers.", [], 158, 22),
        ],
    )
    return conv


def failed_tool() -> Conversation:
    conv = Conversation("failed-tool", "shop-agent")
    run_agent(
        conv,
        "You are a shop assistant. Check stock with check_stock before answering.",
        "Is the blue kettle (KET-BLUE-1) in stock?",
        [
            (None, [tool_call("call_stock_1", "check_stock", {"sku": "KET-BLUE-1"})], 58, 15),
            ("Sorry, I couldn't check the stock right now: the inventory service is unavailable.", [], 96, 19),
        ],
    )
    return conv



def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--transcripts", required=True)
    ap.add_argument("--truth", help="also write the agents_truth.py truth of the file")
    args = ap.parse_args()

    conversations = [tool_calls()]
    CLOCK.advance(2_000)
    conversations.append(failed_tool())
    LANGFUSE.flush()  # the SDK's BatchSpanProcessor hands everything to the exporter
    write_otlp_by_trace(MEMORY.get_finished_spans(), args.out)
    write_transcripts(args.transcripts, os.path.basename(args.out), conversations)

    if args.truth:
        from importlib.metadata import version

        source = {
            "framework": "langfuse",
            "packages": {p: version(p) for p in ("langfuse", "opentelemetry-sdk")},
            "notes": [
                "agent, generation and tool observations from start_as_current_observation",
                "tool observations carry no tool call id; the generations' messages do",
                "check_stock failed: level ERROR, status message, OTel status ERROR; the run goes on",
            ],
        }
        truth = truth_from_file(args.out, source)
        write_truth(args.truth, truth)
        print(f"{args.out}: {truth['total_spans']} spans in {len(truth['traces'])} traces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
