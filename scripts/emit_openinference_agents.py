#!/usr/bin/env python3
"""Real OpenInference spans: the OpenAI Agents SDK under openinference-instrumentation-openai-agents.

Runs in .venv/agents-openinference (see capture-framework-fixtures.sh for the pins). Offline: each
agent's model is the SDK's own OpenAIResponsesModel over an AsyncOpenAI client whose httpx
transport is an httpx2.MockTransport answering POST /v1/responses with scripted Responses-API
JSON (echoing the request's tools and instructions, as the API does). Nothing leaves the process;
the instrumentor runs in exclusive mode, replacing the SDK's own exporter to OpenAI.

Usage: emit_openinference_agents.py --out FILE.jsonl --truth TRUTH.json

What openinference-instrumentation-openai-agents 2.6.0 with openai-agents 0.24.0 really emits
(scope "openinference.instrumentation.openai_agents", every span has openinference.span.kind):
  {workflow_name}     AGENT  trace root, made from the SDK trace; only the kind, status OK
  {agent name}        AGENT  agent.name, graph.node.id (= agent name), graph.node.parent_id (the
                             agent that handed off to it); no input/output, no tokens
  response            LLM    llm.system=openai, llm.model_name (served model), llm.provider=openai,
                             llm.input_messages.{i}.message.role|content (0 = system instructions),
                             ...message.tool_calls.0.tool_call.id|function.name|function.arguments
                             for earlier calls, ...message.tool_call_id + content for tool results,
                             llm.output_messages.{i}.message.role|content|tool_calls.{j}.tool_call.
                             id|function.name|function.arguments, llm.tools.{i}.tool.json_schema,
                             llm.token_count.prompt|completion|total|prompt_details.cache_read|
                             completion_details.reasoning, llm.finish_reason, llm.invocation_parameters,
                             input.value/output.value (JSON, mime application/json)
  {tool name}         TOOL   tool.name, input.value (the arguments JSON), output.value,
                             tool.description, tool.parameters (JSON schema); NO tool call id
                             (only the LLM span's tool_calls carry it); a raising tool: status
                             ERROR "Error running tool (non-fatal)", no exception event
  handoff to {agent}  TOOL   handoff: input.value = from agent, output.value = to agent
  Parenting: LLM and TOOL spans are children of their agent's AGENT span; the agent spans are
  children of the workflow root; agent.as_tool nests: TOOL {tool} > AGENT {agent} (its own
  LLM/TOOL children). A handoff target's AGENT span is a sibling of the caller's, under the root.

Runs (two traces):
  1. workflow "trip desk": planner calls get_weather(Paris) + get_weather(Tokyo) in one response,
     then get_alerts(Paris), which raises, then the researcher agent as a tool (researcher calls
     search("kyoto temples") 3 times with identical arguments, then answers), then answers.
  2. workflow "booking desk": triage hands off to booking, which answers.

Determinism: OTel ids from a seeded IdGenerator; the SDK's time_iso, the OTel SDK clock and the
mock responses' created_at read one simulated clock; uuid4 seeded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import uuid
from datetime import datetime, timezone

_uuid_rng = random.Random("openinference-uuid")
uuid.uuid4 = lambda: uuid.UUID(int=_uuid_rng.getrandbits(128), version=4)

import opentelemetry.sdk.trace as sdk_trace  # noqa: E402

BASE_NS = 1_767_272_400_000_000_000  # 2026-01-01T13:00:00Z



sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emitters.common import SimulatedClock, write_otlp_by_trace  # noqa: E402

CLOCK = SimulatedClock(BASE_NS)
sdk_trace.time_ns = CLOCK.time_ns

import httpx2 as httpx  # noqa: E402  (openai 3.x ships on httpx2)
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402
from opentelemetry.sdk.trace.sampling import ALWAYS_ON  # noqa: E402
from emitters.common import SeededIdGenerator  # noqa: E402

MEMORY = InMemorySpanExporter()
PROVIDER = TracerProvider(
    resource=Resource({"service.name": "openai-agents-openinference"}),
    sampler=ALWAYS_ON,
    id_generator=SeededIdGenerator.named("openinference-ids"),
    shutdown_on_exit=False,
)
PROVIDER.add_span_processor(SimpleSpanProcessor(MEMORY))

from agents import Agent, RunConfig, Runner, function_tool  # noqa: E402
from agents.models.openai_responses import OpenAIResponsesModel  # noqa: E402
from agents.tracing.provider import DefaultTraceProvider  # noqa: E402
from openai import AsyncOpenAI  # noqa: E402
from openinference.instrumentation.openai_agents import OpenAIAgentsInstrumentor  # noqa: E402

DefaultTraceProvider.time_iso = lambda self: CLOCK.time_iso()  # span started_at/ended_at
OpenAIAgentsInstrumentor().instrument(tracer_provider=PROVIDER, exclusive_processor=True)

from agents_truth import truth_from_file, write_truth  # noqa: E402

SERVED_MODEL = "gpt-4.1-mini-2025-04-14"


def call(call_id: str, name: str, args: dict) -> dict:
    return {"type": "function_call", "id": f"fc_{call_id}", "call_id": call_id, "name": name,
            "arguments": json.dumps(args, separators=(",", ":")), "status": "completed"}


def text(content: str, msg_id: str) -> dict:
    return {"type": "message", "id": msg_id, "role": "assistant", "status": "completed",
            "content": [{"type": "output_text", "text": content, "annotations": []}]}


class ScriptedResponses:
    """An httpx handler playing the Responses API: one scripted turn per POST /v1/responses."""

    def __init__(self, agent: str, turns: list[tuple[list[dict], int, int]], latency_ms: int = 700) -> None:
        self.agent = agent
        self.turns = list(turns)
        self.latency_ms = latency_ms
        self.n = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST" or not request.url.path.endswith("/responses"):
            return httpx.Response(404, json={"error": {"message": f"unexpected {request.url.path}"}})
        body = json.loads(request.content)
        output, prompt, completion = self.turns[self.n]
        self.n += 1
        CLOCK.advance(self.latency_ms)
        resp = {
            "id": f"resp_{self.agent}_{self.n}",
            "object": "response",
            "created_at": CLOCK.now // 1_000_000_000,
            "status": "completed",
            "model": SERVED_MODEL,
            "output": output,
            "parallel_tool_calls": body.get("parallel_tool_calls", True) is not False,
            "tool_choice": body.get("tool_choice", "auto"),
            "tools": body.get("tools", []),
            "instructions": body.get("instructions"),
            "temperature": 1.0,
            "top_p": 1.0,
            "text": {"format": {"type": "text"}},
            "truncation": "disabled",
            "usage": {
                "input_tokens": prompt,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens": completion,
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": prompt + completion,
            },
        }
        return httpx.Response(200, json=resp)


def scripted_model(handler: ScriptedResponses) -> OpenAIResponsesModel:
    client = AsyncOpenAI(
        api_key="sk-fixture-offline",
        base_url="http://responses.fixture.invalid/v1",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)),
        max_retries=0,
    )
    return OpenAIResponsesModel(model="gpt-4.1-mini", openai_client=client)


WEATHER = {"Paris": "18C, cloudy", "Tokyo": "24C, sunny"}


@function_tool
async def get_weather(city: str) -> str:
    """Current weather for a city.

    Args:
        city: The city name.
    """
    CLOCK.advance(150)
    return WEATHER[city]


@function_tool
async def get_alerts(city: str) -> str:
    """Active weather alerts for a city.

    Args:
        city: The city name.
    """
    CLOCK.advance(80)
    raise RuntimeError(f"alerts service unavailable for {city}")


@function_tool
async def search(query: str) -> str:
    """Search the web.

    Args:
        query: What to search for.
    """
    CLOCK.advance(250)
    return "no results"


async def trip_desk() -> None:
    researcher = Agent(
        name="researcher",
        instructions="Research the question with the search tool.",
        tools=[search],
        model=scripted_model(ScriptedResponses("researcher", [
            ([call("call_s1", "search", {"query": "kyoto temples"})], 95, 12),
            ([call("call_s2", "search", {"query": "kyoto temples"})], 118, 12),
            ([call("call_s3", "search", {"query": "kyoto temples"})], 141, 12),
            ([text("I found nothing about Kyoto temples.", "msg_researcher_4")], 164, 9),
        ])),
    )
    planner = Agent(
        name="planner",
        instructions="Plan trips. Use the tools.",
        tools=[
            get_weather,
            get_alerts,
            researcher.as_tool(tool_name="research", tool_description="Ask the researcher."),
        ],
        model=scripted_model(ScriptedResponses("planner", [
            ([call("call_w1", "get_weather", {"city": "Paris"}),
              call("call_w2", "get_weather", {"city": "Tokyo"})], 210, 40),
            ([call("call_a1", "get_alerts", {"city": "Paris"})], 290, 18),
            ([call("call_r1", "research", {"input": "Kyoto temples"})], 352, 16),
            ([text("Paris: 18C and cloudy; Tokyo: 24C and sunny. Alerts could not be checked, "
                   "and the researcher found nothing on Kyoto temples.", "msg_planner_4")], 401, 34),
        ])),
    )
    await Runner.run(
        planner,
        "Compare the weather in Paris and Tokyo, check alerts for Paris, and research Kyoto temples.",
        run_config=RunConfig(workflow_name="trip desk", trace_include_sensitive_data=True),
    )


async def booking_desk() -> None:
    booking = Agent(
        name="booking",
        instructions="Book hotels.",
        model=scripted_model(ScriptedResponses("booking", [
            ([text("Booked: Hotel Kyoto Garden, 2 nights.", "msg_booking_1")], 130, 11),
        ])),
    )
    triage = Agent(
        name="triage",
        instructions="Route the request.",
        handoffs=[booking],
        model=scripted_model(ScriptedResponses("triage", [
            ([call("call_h1", "transfer_to_booking", {})], 88, 10),
        ], latency_ms=400)),
    )
    await Runner.run(
        triage,
        "Book me a hotel in Kyoto for two nights.",
        run_config=RunConfig(workflow_name="booking desk", trace_include_sensitive_data=True),
    )


async def main_async() -> None:
    await trip_desk()
    CLOCK.advance(2_000)
    await booking_desk()



def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth", required=True)
    args = ap.parse_args()

    asyncio.run(main_async())
    PROVIDER.force_flush()
    write_otlp_by_trace(MEMORY.get_finished_spans(), args.out)

    from importlib.metadata import version

    source = {
        "framework": "openai-agents + openinference",
        "packages": {p: version(p) for p in ("openai-agents", "openinference-instrumentation-openai-agents",
                                             "openai", "opentelemetry-sdk")},
        "notes": [
            "the workflow root is an AGENT span named after the workflow, without agent.name",
            "TOOL spans carry no tool call id; the LLM span's output tool_calls do",
            "get_alerts raised; the SDK returns the error to the model and the run succeeds",
        ],
    }
    truth = truth_from_file(args.out, source)
    write_truth(args.truth, truth)
    print(f"{args.out}: {truth['total_spans']} spans in {len(truth['traces'])} traces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
