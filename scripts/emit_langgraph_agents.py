#!/usr/bin/env python3
"""Real OpenInference spans: LangGraph agents under openinference-instrumentation-langchain.

Runs in .venv/agents-langgraph (see capture-framework-fixtures.sh for the pins). Offline: every
agent is langchain's `create_agent` (the LangGraph ReAct loop that replaced the deprecated
`langgraph.prebuilt.create_react_agent`) over ScriptedChatModel, a BaseChatModel that answers
each call with the next scripted AIMessage (tool calls, fixed usage_metadata). No network, no
keys; LangSmith tracing stays off.

Usage: emit_langgraph_agents.py --out FILE.jsonl --truth TRUTH.json --transcripts TRANSCRIPTS.json

Scenarios, one trace each (the agent graph's invocation is the root span):
  parallel-tools  weather_agent: system prompt, user asks; ONE AIMessage calls get_weather(Lisbon)
                  and get_time(Lisbon); both answer (weather as JSON text, time as plain text);
                  the model answers.
  failing-tool    flight_agent: lookup_flight(TP1234) raises RuntimeError; ToolErrorMiddleware
                  turns it into ToolMessage(status="error") so the tool span is status ERROR
                  (BaseTool.run reports on_tool_error before the middleware catches it) and the
                  run goes on; the model answers.
  delegation      supervisor_agent's tool delegate_research invokes research_agent (its own
                  graph; the run config flows through contextvars, so its spans sit under the
                  tool span); research_agent calls search_papers then answers; the supervisor
                  answers.

What openinference-instrumentation-langchain 0.1.80 emits with langgraph 1.2 / langchain 1.5
(scope "openinference.instrumentation.langchain"; one INTERNAL span per LangChain run, named
after the run; every span has openinference.span.kind and `metadata`, a JSON string holding
lc_agent_name, langgraph_node, langgraph_step, langgraph_checkpoint_ns, ls_* ...):
  {agent name}  AGENT  the create_agent graph (kind AGENT only because the run NAME contains
                       "agent": OpenInference's rule; a graph named "planner" would be CHAIN);
                       input.value/output.value = the graph state JSON, and
                       llm.input_messages.0.message.role|content = the FIRST state message only
                       (OpenInference reads state["messages"] as a list of message lists)
  model, tools  CHAIN  the graph nodes (one `tools` span per tool call: create_agent Sends each
                       call separately); `model` has the same first-message-only llm.input_messages
  {ChatModel class name}  LLM  llm.model_name, llm.provider, llm.system, llm.invocation_parameters,
                       llm.input_messages.{i}.message.role|content|name|tool_call_id|tool_calls.{j}.
                       tool_call.id|function.name|function.arguments (the whole history, system
                       prompt first), llm.output_messages.{i}.message.role|content|tool_calls...,
                       llm.tools.{i}.tool.json_schema, llm.token_count.prompt|completion|total,
                       llm.finish_reason, input.value/output.value (LangChain serialisation)
  {tool name}   TOOL   tool.name, tool.description, input.value (the bare argument value when the
                       tool has one argument, e.g. "TP1234"), output.value = the serialised
                       ToolMessage JSON (content + tool_call_id); NO tool call id attribute; a
                       raising tool: status ERROR whose message is LangChain's repr(exc) +
                       traceback (absolute paths), plus an `exception` event
  The agent name is the graph span's name and lc_agent_name in `metadata` (on every span of the
  agent, LLM and TOOL included); assistant input messages also carry message.name = the agent.
  A sub-agent invoked inside a tool is a child AGENT span of that TOOL span.

The transcripts truth (--transcripts) is built from the SCRIPT below (the conversation fed to
the fake models and the tool results), not from the spans: only the trace ids come from them.

Determinism: OTel ids from a seeded IdGenerator; LangChain run times, LangGraph checkpoint ids
and the OTel SDK clock read one simulated clock; uuid4/uuid7 seeded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import uuid
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any

# Seed every id source before LangChain/LangGraph import them by name.
_uuid_rng = random.Random("langgraph-uuid")
uuid.uuid4 = lambda: uuid.UUID(int=_uuid_rng.getrandbits(128), version=4)

import opentelemetry.sdk.trace as sdk_trace  # noqa: E402

BASE_NS = 1_767_276_000_000_000_000  # 2026-01-01T14:00:00Z



sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emitters.common import SimulatedClock, write_otlp_by_trace  # noqa: E402

CLOCK = SimulatedClock(BASE_NS)
sdk_trace.time_ns = CLOCK.time_ns  # exception events


class SimDatetime(datetime):
    """datetime whose now() reads the simulated clock: run start/end times become span times."""

    @classmethod
    def now(cls, tz=None):  # noqa: ANN001, ANN206
        return datetime.fromtimestamp(CLOCK.time_ns() // 1000 / 1e6, tz or timezone.utc)


_uuid7_rng = random.Random("langgraph-uuid7")


def _seeded_uuid7(timestamp: int | None = None, nanos: int | None = None) -> uuid.UUID:
    """A UUIDv7 from the simulated clock and a seeded PRNG (LangChain's run ids)."""
    ms = CLOCK.time_ns() // 1_000_000 if timestamp is None else timestamp * 1000 + (nanos or 0) // 1_000_000
    value = (ms & ((1 << 48) - 1)) << 80 | _uuid7_rng.getrandbits(80)
    # Version 7 and RFC 4122 variant bits by hand (Python 3.11's UUID(version=) stops at 5).
    value = (value & ~(0xF << 76)) | (7 << 76)
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    return uuid.UUID(int=value)


import uuid_utils.compat  # noqa: E402

uuid_utils.compat.uuid7 = _seeded_uuid7

import langchain_core.tracers.core as lc_tracer_core  # noqa: E402
import langchain_core.tracers.langchain as lc_tracer_langchain  # noqa: E402
import langgraph.checkpoint.base.id as lg_ids  # noqa: E402
import langgraph.pregel._checkpoint as lg_checkpoint  # noqa: E402

lc_tracer_core.datetime = SimDatetime
lc_tracer_langchain.datetime = SimDatetime  # on_chat_model_start: the LLM spans' start
lg_ids.time = SimpleNamespace(time_ns=CLOCK.time_ns)  # checkpoint ids -> task ids in metadata
lg_ids.random = random.Random("langgraph-checkpoint")
lg_checkpoint.datetime = SimDatetime

from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402
from opentelemetry.sdk.trace.sampling import ALWAYS_ON  # noqa: E402

from emitters.common import SeededIdGenerator  # noqa: E402

MEMORY = InMemorySpanExporter()
PROVIDER = TracerProvider(
    resource=Resource({"service.name": "langgraph-openinference"}),
    sampler=ALWAYS_ON,
    id_generator=SeededIdGenerator.named("langgraph-ids"),
    shutdown_on_exit=False,
)
PROVIDER.add_span_processor(SimpleSpanProcessor(MEMORY))

from langchain.agents import create_agent  # noqa: E402
from langchain.agents.middleware import ToolErrorMiddleware  # noqa: E402
from langchain_core.language_models.chat_models import BaseChatModel  # noqa: E402
from langchain_core.messages import AIMessage, HumanMessage  # noqa: E402
from langchain_core.outputs import ChatGeneration, ChatResult  # noqa: E402
from langchain_core.tools import tool  # noqa: E402
from langchain_core.utils.function_calling import convert_to_openai_tool  # noqa: E402
from openinference.instrumentation.langchain import LangChainInstrumentor  # noqa: E402

LangChainInstrumentor().instrument(tracer_provider=PROVIDER)

from agents_truth import read_spans, truth_from_file, write_truth  # noqa: E402


# --- the scripted model --------------------------------------------------------------------


class ScriptedChatModel(BaseChatModel):
    """Answers call n with script[n]; bind_tools binds the OpenAI tool schemas (as real
    providers do) so they reach the span as llm.tools / invocation parameters."""

    model: str
    script: list[AIMessage]
    latency_ms: int = 600
    calls: int = 0

    @property
    def _llm_type(self) -> str:
        return "scripted-chat"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model": self.model}

    def _get_ls_params(self, stop=None, **kwargs):  # noqa: ANN001, ANN003, ANN202
        # Present as an OpenAI chat model: llm.provider / llm.system / llm.model_name.
        params = super()._get_ls_params(stop=stop, **kwargs)
        params["ls_provider"] = "openai"
        params["ls_model_name"] = self.model
        return params

    def bind_tools(self, tools, **kwargs):  # noqa: ANN001, ANN003, ANN201
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:  # noqa: ANN001, ANN003
        message = self.script[self.calls]
        self.calls += 1
        CLOCK.advance(self.latency_ms)
        return ChatResult(generations=[ChatGeneration(message=message)],
                          llm_output={"model_name": self.model})


def ai(msg_id: str, text: str = "", tool_calls: list[dict] | None = None, usage: tuple[int, int] = (0, 0)) -> AIMessage:
    """A scripted assistant turn with fixed usage; the explicit id keeps LangChain from minting one."""
    return AIMessage(
        id=msg_id,
        content=text,
        tool_calls=[{"type": "tool_call", **c} for c in tool_calls or []],
        usage_metadata={"input_tokens": usage[0], "output_tokens": usage[1], "total_tokens": sum(usage)},
        response_metadata={"finish_reason": "tool_calls" if tool_calls else "stop"},
    )


# --- scenarios: each returns its transcript truth (the conversation as scripted) --------------
#
# Transcript parts follow docs/reference/transcript-json.md. Tool results that are JSON
# text are given parsed. A failed tool's error is the exception's message (what was raised, not
# LangChain's repr+traceback status text); its response is the error ToolMessage the model got.


def text_part(content: str) -> dict:
    return {"type": "text", "content": content}


def call_part(call: dict) -> dict:
    return {"type": "tool_call", "id": call["id"], "name": call["name"], "arguments": call["args"]}


def result_part(call: dict, result: str | None, error: str | None = None) -> dict:
    response: Any = None
    if result is not None:
        try:
            response = json.loads(result)
        except ValueError:
            response = result
    return {"type": "tool_call_response", "id": call["id"], "name": call["name"],
            "response": response, "error": error}


def msg(role: str, agent: str | None, *parts: dict) -> dict:
    return {"role": role, "agent": agent, "parts": list(parts)}


WEATHER_JSON = '{"city": "Lisbon", "temp_c": 21, "sky": "clear", "wind_kmh": 14}'
LOCAL_TIME = "14:05 WET (UTC+0), Thursday"


@tool
def get_weather(city: str) -> str:
    """Current weather for a city, as JSON."""
    CLOCK.advance(150)
    return WEATHER_JSON


@tool
def get_time(city: str) -> str:
    """Local time in a city."""
    CLOCK.advance(90)
    return LOCAL_TIME


def parallel_tools() -> tuple[list[str], list[dict]]:
    agent = "weather_agent"
    system = "You are a concise travel assistant. Use tools for live facts."
    user = "What's the weather in Lisbon right now, and what time is it there?"
    c_weather = {"id": "call_lg_weather_1", "name": "get_weather", "args": {"city": "Lisbon"}}
    c_time = {"id": "call_lg_time_1", "name": "get_time", "args": {"city": "Lisbon"}}
    final = "Lisbon is clear at 21 C with a light 14 km/h wind, and it is 14:05 local time (WET)."
    model = ScriptedChatModel(model="gpt-4.1-mini", script=[
        ai("msg_weather_1", "", [c_weather, c_time], (182, 46)),
        ai("msg_weather_2", final, None, (301, 29)),
    ])
    graph = create_agent(model, [get_weather, get_time], system_prompt=system, name=agent)
    # The two tool calls become two Send tasks; LangGraph would run them on a thread pool in
    # racing order. One worker keeps them in call order, so reruns are byte-identical.
    graph.invoke({"messages": [HumanMessage(user, id="msg_user_weather")]}, {"max_concurrency": 1})
    return ["gpt-4.1-mini"] * 2, [
        msg("system", agent, text_part(system)),
        msg("user", agent, text_part(user)),
        msg("assistant", agent, call_part(c_weather), call_part(c_time)),
        msg("tool", agent, result_part(c_weather, WEATHER_JSON)),
        msg("tool", agent, result_part(c_time, LOCAL_TIME)),
        msg("assistant", agent, text_part(final)),
    ]


FLIGHT_ERROR = "flight status backend timed out for TP1234"
FLIGHT_TOOL_MESSAGE = "lookup_flight is unavailable (RuntimeError); answer without live status."


@tool
def lookup_flight(flight_no: str) -> str:
    """Live status of a flight by number."""
    CLOCK.advance(400)
    raise RuntimeError(FLIGHT_ERROR)


def tool_error_content(exc: Exception, request: Any) -> str:
    # What the model is told (the ToolMessage content); the span keeps the exception.
    return FLIGHT_TOOL_MESSAGE


def failing_tool() -> tuple[list[str], list[dict]]:
    agent = "flight_agent"
    system = "You track flights for travellers. Report live status when you can."
    user = "Is flight TP1234 from Lisbon to Boston on time today?"
    c_flight = {"id": "call_lg_flight_1", "name": "lookup_flight", "args": {"flight_no": "TP1234"}}
    final = ("I couldn't reach the live flight status service for TP1234, so I can't confirm "
             "it's on time; please check the TAP app or the departures board.")
    model = ScriptedChatModel(model="gpt-4.1-mini", script=[
        ai("msg_flight_1", "", [c_flight], (154, 21)),
        ai("msg_flight_2", final, None, (212, 38)),
    ])
    graph = create_agent(model, [lookup_flight], system_prompt=system, name=agent,
                         middleware=[ToolErrorMiddleware(tool_error_content)])
    graph.invoke({"messages": [HumanMessage(user, id="msg_user_flight")]})
    return ["gpt-4.1-mini"] * 2, [
        msg("system", agent, text_part(system)),
        msg("user", agent, text_part(user)),
        msg("assistant", agent, call_part(c_flight)),
        # The model was sent the middleware's text (response); the tool raised (error).
        msg("tool", agent, result_part(c_flight, FLIGHT_TOOL_MESSAGE, FLIGHT_ERROR)),
        msg("assistant", agent, text_part(final)),
    ]


PAPERS_JSON = ('[{"title": "Tidal energy in the Tagus estuary", "year": 2023}, '
               '{"title": "Wave farms off Peniche", "year": 2021}]')


@tool
def search_papers(query: str) -> str:
    """Search a paper index; returns JSON."""
    CLOCK.advance(250)
    return PAPERS_JSON


RESEARCH_SYSTEM = "You are a research assistant. Search papers and summarise in one sentence."
RESEARCH_FINAL = ("Two studies: tidal energy in the Tagus estuary (2023) and wave farms off "
                  "Peniche (2021).")
RESEARCH_SEARCH = {"id": "call_lg_papers_1", "name": "search_papers",
                   "args": {"query": "Portugal marine renewable energy"}}
RESEARCHER = create_agent(
    ScriptedChatModel(model="claude-haiku-4-5", latency_ms=450, script=[
        ai("msg_research_1", "", [RESEARCH_SEARCH], (96, 18)),
        ai("msg_research_2", RESEARCH_FINAL, None, (188, 27)),
    ]),
    [search_papers], system_prompt=RESEARCH_SYSTEM, name="research_agent",
)


@tool
def delegate_research(question: str) -> str:
    """Delegate a research question to the research agent."""
    # The sub-graph inherits the tool's run config (callbacks) through contextvars.
    result = RESEARCHER.invoke({"messages": [HumanMessage(question, id="msg_user_research")]})
    return result["messages"][-1].content


def delegation() -> tuple[list[str], list[dict]]:
    agent, sub = "supervisor_agent", "research_agent"
    system = "You coordinate specialists. Delegate research questions to the research agent."
    user = "Find recent research on marine renewable energy in Portugal and summarise it."
    question = "Recent research on marine renewable energy in Portugal?"
    c_ask = {"id": "call_lg_ask_1", "name": "delegate_research", "args": {"question": question}}
    final = ("Recent Portuguese marine-energy research covers tidal power in the Tagus estuary "
             "(2023) and wave farms off Peniche (2021).")
    model = ScriptedChatModel(model="gpt-4.1", script=[
        ai("msg_super_1", "", [c_ask], (140, 24)),
        ai("msg_super_2", final, None, (233, 35)),
    ])
    graph = create_agent(model, [delegate_research], system_prompt=system, name=agent)
    graph.invoke({"messages": [HumanMessage(user, id="msg_user_super")]})
    return ["gpt-4.1", "claude-haiku-4-5", "claude-haiku-4-5", "gpt-4.1"], [
        msg("system", agent, text_part(system)),
        msg("user", agent, text_part(user)),
        msg("assistant", agent, call_part(c_ask)),
        msg("system", sub, text_part(RESEARCH_SYSTEM)),
        msg("user", sub, text_part(question)),
        msg("assistant", sub, call_part(RESEARCH_SEARCH)),
        msg("tool", sub, result_part(RESEARCH_SEARCH, PAPERS_JSON)),
        msg("assistant", sub, text_part(RESEARCH_FINAL)),
        msg("tool", agent, result_part(c_ask, RESEARCH_FINAL)),
        msg("assistant", agent, text_part(final)),
    ]


SCENARIOS = [("parallel-tools", parallel_tools), ("failing-tool", failing_tool), ("delegation", delegation)]



def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--transcripts", required=True)
    args = ap.parse_args()

    scripted = []
    for name, run in SCENARIOS:
        calls, messages = run()
        scripted.append((name, calls, messages))
        CLOCK.advance(2_000)
    PROVIDER.force_flush()
    write_otlp_by_trace(MEMORY.get_finished_spans(), args.out)

    # Scenario i is the i-th trace in the file (traces are written in start order).
    trace_ids = list(dict.fromkeys(s["trace_id"] for s in read_spans(args.out)))
    if len(trace_ids) != len(scripted):
        raise SystemExit(f"expected {len(scripted)} traces, found {len(trace_ids)}")
    transcripts = {
        "fixture": os.path.basename(args.out),
        "transcripts": [
            {"name": name, "args": ["--trace", tid], "calls": calls, "messages": messages}
            for (name, calls, messages), tid in zip(scripted, trace_ids)
        ],
    }
    with open(args.transcripts, "w", encoding="utf-8") as f:
        json.dump(transcripts, f, indent=2)
        f.write("\n")

    from importlib.metadata import version

    source = {
        "framework": "langgraph + openinference-instrumentation-langchain",
        "packages": {p: version(p) for p in ("langgraph", "langchain", "langchain-core",
                                             "openinference-instrumentation-langchain", "opentelemetry-sdk")},
        "notes": [
            "span kind AGENT comes from the run name containing 'agent' (the *_agent graphs); "
            "nodes model/tools are CHAIN, model calls LLM, tools TOOL",
            "the agent name is the graph span's name and lc_agent_name in the metadata JSON",
            "lookup_flight raised: its TOOL span is status ERROR (traceback as message, exception "
            "event); ToolErrorMiddleware gave the model an error ToolMessage and the run succeeded",
            "research_agent runs inside supervisor_agent's delegate_research TOOL span",
        ],
    }
    truth = truth_from_file(args.out, source)
    write_truth(args.truth, truth)
    print(f"{args.out}: {truth['total_spans']} spans in {len(truth['traces'])} traces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
