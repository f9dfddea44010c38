#!/usr/bin/env python3
"""Real pydantic-ai multi-agent runs, traced by pydantic-ai's own OpenTelemetry instrumentation.

Usage: emit_pydantic_agents.py [--out FILE.jsonl] [--endpoint URL | --endpoint-file PATH]
                               [--truth TRUTH.json] [--scenario NAME ...] [--clock simulated|real]

Runs in the venv scripts/capture-agent-fixtures.sh builds (.venv/agents-pydantic: pydantic-ai-slim,
opentelemetry-sdk, -exporter-otlp-proto-http, -exporter-otlp-json-file; pins in
scripts/lib/pydantic-agents-venv.sh). No network, no API keys: every model is a scripted
`FunctionModel` (pydantic_ai.models.function) that answers from a fixed list of responses with
fixed token usage.
Instrumented with `Agent.instrument_all(InstrumentationSettings(include_content=True, version=6))`,
the newest data format (tool results in `role: "tool"` messages).

Scenarios, one trace each (one top-level `run_sync` of `coordinator`, `writer` for truncated):
  delegation  coordinator (gpt-4o-mini) calls lookup(city), then research(topic), whose
              implementation runs the agent `researcher` (claude-haiku-4-5): fetch_page(url) twice,
              then an answer; the coordinator answers. All succeed.
  loop        coordinator calls check_status(job_id="42") four times with identical arguments, then
              answers.
  tool-error  coordinator delegates to researcher, whose fetch_page raises RuntimeError("fetch_page:
              503 from https://example.com/x"); not retried, so both runs fail (caught here).
  truncated   writer (requested gpt-4o) calls load_document, then answers with finish_reason
              "length" from a served model "gpt-4o-mini" (FunctionModel overwrites the response's
              model_name with its own, so `ScriptedModel` puts the served name back).

Modes (any combination):
  --out FILE      OTLP JSON lines (opentelemetry-exporter-otlp-json-file), one line per scenario
                  (each scenario is flushed on its own); the truth is re-derived from the file and
                  must equal the one from the in-memory spans.
  --endpoint URL  OTLP/HTTP protobuf (opentelemetry-exporter-otlp-proto-http) through a
                  BatchSpanProcessor, flushed after each scenario; `/v1/traces` is appended when URL
                  has no path. Exits 1 when an export fails. `--endpoint-file PATH` reads the URL
                  from PATH (a FIFO) after the imports (~1 s), for `spantop serve --exit-after-idle`.
  --truth FILE    what each scenario did, derived from the spans captured in memory (see `derive`).
  --clock         `simulated` (default with --out and no --endpoint): span times come from a
                  simulated clock (2026-01-02T10:00Z + 10 min per scenario; 1 µs per clock reading,
                  plus a fixed latency per model call and tool), so the file is byte-identical on a
                  rerun. `real` (default with --endpoint): the wall clock. Only the times differ;
                  the truth is the same either way.

Deterministic: ids come from a seeded IdGenerator (reseeded per scenario), conversation and run ids
are passed to `run_sync`, tool call ids are scripted. Timestamps are deterministic only with the
simulated clock (it replaces `time_ns` in opentelemetry.sdk.trace; the SDK has no clock hook).
Exception events carry Python stack traces with the absolute paths of this checkout and its venv.

What pydantic-ai 2.78.0 emits (instrumentation version 6), scope `pydantic-ai` 2.78.0:

  invoke_agent {agent}   (INTERNAL) gen_ai.operation.name=invoke_agent, gen_ai.agent.name, agent_name,
      model_name, gen_ai.agent.description, gen_ai.agent.call.id (= run_id), gen_ai.conversation.id,
      logfire.msg="{agent} run", gen_ai.aggregated_usage.input_tokens/output_tokens (this run's own
      model calls only: a nested run's usage stays on the nested run's span even with
      usage=ctx.usage), pydantic_ai.all_messages, final_result (on success), gen_ai.system_instructions.
      A nested run (started inside the `execute_tool research` span, which is its parent span)
      has its own gen_ai.conversation.id and pydantic_ai.root_conversation_id = the top-level run's
      conversation id; the top-level run has no root_conversation_id. On failure: status ERROR
      with message "RuntimeError: fetch_page: 503 from https://example.com/x", an `exception`
      event (exception.escaped "False"), no final_result, and pydantic_ai.all_messages holding
      only the user prompt.
  chat {request model}   (CLIENT, named after the requested model even when another one served) gen_ai.operation.name=chat, gen_ai.agent.name, gen_ai.agent.call.id,
      gen_ai.conversation.id (+ pydantic_ai.root_conversation_id in a nested run),
      gen_ai.provider.name = gen_ai.system = "function" (FunctionModel's system), gen_ai.request.model,
      gen_ai.response.model, gen_ai.response.finish_reasons (array), gen_ai.usage.input_tokens,
      gen_ai.usage.output_tokens, operation.cost (pydantic-ai's own genai-prices estimate, by model
      name), gen_ai.system_instructions, gen_ai.input.messages, gen_ai.output.messages,
      gen_ai.tool.definitions (every tool of the agent, used or not), model_request_parameters,
      logfire.json_schema. Tool results come back as {"role": "tool", "parts": [{"type":
      "tool_call_response", "id", "name", "result"}]} ("result", not "response").
  execute_tool {tool}    (INTERNAL) gen_ai.operation.name=execute_tool, gen_ai.tool.name,
      gen_ai.tool.call.id, gen_ai.tool.call.arguments (JSON text), gen_ai.tool.call.result (success),
      gen_ai.agent.name, gen_ai.agent.call.id, gen_ai.conversation.id (+ root_conversation_id),
      logfire.msg="running tool: {tool}"; no gen_ai.tool.type. When the tool raises: status ERROR with NO message and an
      `exception` event (exception.message = the error text, exception.escaped "True"); the
      `execute_tool research` span around the failed nested run gets the same.
  Spans are exported in the order they end: children first, the root run last. All int attributes
  are intValue (JSON strings in OTLP JSON). Resource: service.name=pydantic-agents only.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlparse

import opentelemetry.sdk.trace as sdk_trace
from opentelemetry.exporter.otlp.json.file import FileSpanExporter
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import pydantic_ai
from pydantic_ai import Agent, RunContext
from pydantic_ai.messages import ModelMessage, ModelResponse, TextPart, ToolCallPart
from pydantic_ai.models.function import AgentInfo, FunctionModel
from pydantic_ai.models.instrumented import InstrumentationSettings
from pydantic_ai.usage import RequestUsage

from emitters.common import SeededIdGenerator, new_tracer_provider
from emitters.truth import SpanRecord, from_otlp_json, from_sdk

SERVICE_NAME = "pydantic-agents"
INSTRUMENTATION_VERSION = 6  # the newest pydantic-ai data format (see InstrumentationSettings)
BASE_TIME_NS = 1_767_348_000_000_000_000  # 2026-01-02T10:00:00Z
SCENARIO_GAP_NS = 600 * 10**9
TOOL_ERROR = "fetch_page: 503 from https://example.com/x"


# --- simulated clock --------------------------------------------------------------------------


class Clock:
    """Span times: the wall clock, or a simulated one that only moves when read or advanced."""

    def __init__(self, simulated: bool) -> None:
        self.simulated = simulated
        self._now = 0
        if simulated:
            sdk_trace.time_ns = self._read  # the SDK reads it for span starts, ends and events

    def reset(self, base_ns: int) -> None:
        self._now = base_ns

    def advance(self, seconds: float) -> None:
        """A model call's or tool's latency (a no-op on the wall clock: nothing sleeps)."""
        if self.simulated:
            self._now += round(seconds * 1e6) * 1_000

    def _read(self) -> int:
        self._now += 1_000
        return self._now


# --- scripted models --------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One scripted model response."""

    parts: Callable[[], list]
    input_tokens: int
    output_tokens: int
    finish_reason: str
    latency_s: float
    served_model: str | None = None  # when the provider answers with another model


def call(tool: str, args: dict, call_id: str, input_tokens: int, output_tokens: int, latency_s: float) -> Step:
    return Step(lambda: [ToolCallPart(tool, args, tool_call_id=call_id)], input_tokens, output_tokens,
                "tool_call", latency_s)


def answer(text: str, input_tokens: int, output_tokens: int, latency_s: float, *,
           finish_reason: str = "stop", served_model: str | None = None) -> Step:
    return Step(lambda: [TextPart(text)], input_tokens, output_tokens, finish_reason, latency_s, served_model)


class ScriptedModel(FunctionModel):
    """A FunctionModel answering the n-th request of a run with the n-th step.

    FunctionModel sets every response's `model_name` to its own name; a step with `served_model`
    gets that name back, so `gen_ai.response.model` differs from `gen_ai.request.model`.
    """

    def __init__(self, model_name: str, steps: list[Step], clock: Clock) -> None:
        self._steps = steps
        self._clock = clock
        self._served: str | None = None
        super().__init__(self._respond, model_name=model_name)

    async def _respond(self, messages: list[ModelMessage], info: AgentInfo) -> ModelResponse:
        step = self._steps[sum(isinstance(m, ModelResponse) for m in messages)]
        self._clock.advance(step.latency_s)
        self._served = step.served_model
        return ModelResponse(
            parts=step.parts(),
            usage=RequestUsage(input_tokens=step.input_tokens, output_tokens=step.output_tokens),
            finish_reason=step.finish_reason,
        )

    async def request(self, *args: Any, **kwargs: Any) -> ModelResponse:
        response = await super().request(*args, **kwargs)
        if self._served:
            response.model_name = self._served
        return response


# --- scenarios --------------------------------------------------------------------------------


@dataclass
class Expect:
    """What a scenario is meant to do; the truth derived from its spans must agree."""

    root_agent: str
    root_status: str
    agents: dict[str, tuple[int, int]]  # name -> (runs, failed)
    tools: dict[str, tuple[int, int]]  # name -> (calls, errors)
    loops: list[tuple[str, str, int]] = field(default_factory=list)  # (agent, tool, calls)
    error_contains: str | None = None
    truncated_calls: int = 0
    model_mismatches: int = 0


def make_researcher(clock: Clock, steps: list[Step], fail: bool) -> Agent:
    researcher = Agent(
        ScriptedModel("claude-haiku-4-5", steps, clock),
        name="researcher",
        description="Reads web pages and summarises what they say.",
        instructions="Research the topic. Use fetch_page to read sources; answer in three sentences.",
    )

    @researcher.tool_plain
    async def fetch_page(url: str) -> str:
        """Fetch a web page and return its text."""
        clock.advance(0.35)
        if fail:
            raise RuntimeError(TOOL_ERROR)
        return f"<text of {url}>: maple leaves peak mid-November; temples open 06:00-17:00."

    return researcher


def make_coordinator(scenario: str, clock: Clock, steps: list[Step], researcher: Agent | None) -> Agent:
    coordinator = Agent(
        ScriptedModel("gpt-4o-mini", steps, clock),
        name="coordinator",
        description="Plans the answer and delegates research.",
        instructions="You answer travel and operations questions. Delegate reading to the research tool.",
    )

    @coordinator.tool_plain
    async def lookup(city: str) -> dict:
        """Look a city up in the gazetteer."""
        clock.advance(0.12)
        return {"city": city, "country": "Japan", "timezone": "Asia/Tokyo"}

    @coordinator.tool_plain
    async def check_status(job_id: str) -> dict:
        """The state of a batch job."""
        clock.advance(0.05)
        return {"job_id": job_id, "state": "running"}

    if researcher is not None:

        @coordinator.tool
        async def research(ctx: RunContext[None], topic: str) -> str:
            """Ask the researcher agent about a topic."""
            result = await researcher.run(
                f"Research: {topic}",
                usage=ctx.usage,  # the delegation pattern from pydantic-ai's multi-agent docs
                conversation_id=f"agents-{scenario}-researcher",
                run_id=f"run-{scenario}-researcher",
            )
            return result.output

    return coordinator


def run_delegation(clock: Clock) -> None:
    researcher = make_researcher(clock, [
        call("fetch_page", {"url": "https://example.com/kyoto-autumn"}, "toolu_01", 310, 41, 0.9),
        call("fetch_page", {"url": "https://example.com/kyoto-temples"}, "toolu_02", 520, 43, 0.8),
        answer("Autumn colours peak in mid-November; Tofuku-ji and Eikan-do are the best-known "
               "spots; temples open at 06:00 and close by 17:00.", 760, 96, 1.6),
    ], fail=False)
    coordinator = make_coordinator("delegation", clock, [
        call("lookup", {"city": "Kyoto"}, "call_lookup_1", 180, 22, 0.6),
        call("research", {"topic": "Kyoto in autumn"}, "call_research_1", 260, 25, 0.7),
        answer("Go to Kyoto in mid-November: the maples peak then. Start early at Tofuku-ji "
               "(opens 06:00) and end at Eikan-do.", 540, 88, 1.4),
    ], researcher)
    coordinator.run_sync("When should I visit Kyoto for the autumn leaves, and where?",
                         conversation_id="agents-delegation", run_id="run-delegation-coordinator")


def run_loop(clock: Clock) -> None:
    steps = [call("check_status", {"job_id": "42"}, f"call_status_{i}", 150 + 40 * i, 18, 0.5) for i in range(1, 5)]
    steps.append(answer("Job 42 is still running; I will not poll it again.", 330, 19, 0.6))
    coordinator = make_coordinator("loop", clock, steps, None)
    coordinator.run_sync("Is job 42 done yet?", conversation_id="agents-loop", run_id="run-loop-coordinator")


def run_tool_error(clock: Clock) -> None:
    researcher = make_researcher(clock, [
        call("fetch_page", {"url": "https://example.com/x"}, "toolu_01", 290, 35, 0.9),
        answer("unreachable", 1, 1, 0.1),
    ], fail=True)
    coordinator = make_coordinator("tool-error", clock, [
        call("research", {"topic": "the status page"}, "call_research_1", 240, 24, 0.7),
        answer("unreachable", 1, 1, 0.1),
    ], researcher)
    try:
        coordinator.run_sync("What does the status page say?", conversation_id="agents-tool-error",
                             run_id="run-tool-error-coordinator")
    except RuntimeError as e:
        if TOOL_ERROR not in str(e):
            raise
    else:
        raise SystemExit("FAIL emit_pydantic_agents: tool-error: the run did not fail")


def run_truncated(clock: Clock) -> None:
    writer = Agent(
        ScriptedModel("gpt-4o", [
            call("load_document", {"doc_id": "q3-report"}, "call_doc_1", 220, 20, 0.7),
            answer("Q3 summary: revenue grew 12% on the back of the new enterprise tier, while churn "
                   "in the self-serve segment rose to", 1850, 64, 2.2,
                   finish_reason="length", served_model="gpt-4o-mini"),
        ], clock),
        name="writer",
        description="Summarises documents.",
        instructions="Summarise the document in at most 60 tokens.",
    )

    @writer.tool_plain
    async def load_document(doc_id: str) -> str:
        """Load a document by id."""
        clock.advance(0.2)
        return f"<{doc_id}: 14 pages>"

    writer.run_sync("Summarise the Q3 report.", conversation_id="agents-truncated", run_id="run-truncated-writer")


@dataclass(frozen=True)
class Scenario:
    name: str
    seed: int
    run: Callable[[Clock], None]
    expect: Expect


SCENARIOS = [
    Scenario("delegation", 4101, run_delegation, Expect(
        "coordinator", "completed",
        agents={"coordinator": (1, 0), "researcher": (1, 0)},
        tools={"lookup": (1, 0), "research": (1, 0), "fetch_page": (2, 0)})),
    Scenario("loop", 4102, run_loop, Expect(
        "coordinator", "completed",
        agents={"coordinator": (1, 0)},
        tools={"check_status": (4, 0)},
        loops=[("coordinator", "check_status", 4)])),
    Scenario("tool-error", 4103, run_tool_error, Expect(
        "coordinator", "failed",
        agents={"coordinator": (1, 1), "researcher": (1, 1)},
        tools={"research": (1, 1), "fetch_page": (1, 1)},
        error_contains="503 from https://example.com/x")),
    Scenario("truncated", 4104, run_truncated, Expect(
        "writer", "completed",
        agents={"writer": (1, 0)},
        tools={"load_document": (1, 0)},
        truncated_calls=1, model_mismatches=1)),
]


# --- truth ------------------------------------------------------------------------------------


def _op(span: SpanRecord) -> str | None:
    return span.attributes.get("gen_ai.operation.name")


def _status(span: SpanRecord) -> str:
    return "failed" if span.status_code == "ERROR" else "completed"


def derive(spans: list[SpanRecord], error_contains: str | None) -> dict:
    """The truth of one scenario's trace, from its spans alone.

    Project: the root run's gen_ai.conversation.id. The root run is the task (id = trace id); every
    other invoke_agent span is a subtask whose parent is the nearest enclosing run (the trace id
    for the root). A run, tool call or task failed when its span has status ERROR. Tokens are the
    chat spans' gen_ai.usage.input_tokens + output_tokens (never gen_ai.aggregated_usage.*), an
    agent's those of the model calls inside its own runs. A loop: one run calling one tool 3+
    times with identical gen_ai.tool.call.arguments.
    """
    trace_ids = {s.trace_id for s in spans}
    if len(trace_ids) != 1:
        raise SystemExit(f"FAIL emit_pydantic_agents: expected one trace, got {sorted(trace_ids)}")
    trace_id = trace_ids.pop()
    by_id = {s.span_id: s for s in spans}
    roots = [s for s in spans if s.parent_span_id is None]
    if len(roots) != 1 or _op(roots[0]) != "invoke_agent":
        raise SystemExit(f"FAIL emit_pydantic_agents: expected one invoke_agent root, got {[s.name for s in roots]}")
    root = roots[0]

    def run_of(span: SpanRecord) -> SpanRecord | None:
        """The nearest invoke_agent span strictly above `span`."""
        parent = by_id.get(span.parent_span_id or "")
        while parent is not None and _op(parent) != "invoke_agent":
            parent = by_id.get(parent.parent_span_id or "")
        return parent

    ordered = sorted(spans, key=lambda s: (s.start_ns, s.span_id))
    runs = [s for s in ordered if _op(s) == "invoke_agent"]
    chats = [s for s in ordered if _op(s) == "chat"]
    tools = [s for s in ordered if _op(s) == "execute_tool"]

    def task_id(run: SpanRecord) -> str:
        return trace_id if run is root else run.span_id

    def tokens(chat: SpanRecord) -> int:
        return int(chat.attributes.get("gen_ai.usage.input_tokens", 0)) + int(
            chat.attributes.get("gen_ai.usage.output_tokens", 0))

    agents: dict[str, dict] = {}
    for run in runs:
        entry = agents.setdefault(run.attributes["gen_ai.agent.name"], {"runs": 0, "failed": 0, "tokens": 0})
        entry["runs"] += 1
        entry["failed"] += run.status_code == "ERROR"
    for chat in chats:
        agents[run_of(chat).attributes["gen_ai.agent.name"]]["tokens"] += tokens(chat)

    tool_stats: dict[str, dict] = {}
    repeats: dict[tuple[str, str, str], int] = {}
    for span in tools:
        name = span.attributes["gen_ai.tool.name"]
        entry = tool_stats.setdefault(name, {"calls": 0, "errors": 0})
        entry["calls"] += 1
        entry["errors"] += span.status_code == "ERROR"
        key = (run_of(span).span_id, name, span.attributes.get("gen_ai.tool.call.arguments", ""))
        repeats[key] = repeats.get(key, 0) + 1
    loops = [
        {"task_id": task_id(by_id[run_id]), "agent": by_id[run_id].attributes["gen_ai.agent.name"],
         "tool": tool, "arguments": arguments, "calls": calls}
        for (run_id, tool, arguments), calls in repeats.items() if calls >= 3
    ]

    if error_contains is not None:
        for run in runs:
            if run.status_code == "ERROR" and error_contains not in (run.status_message or ""):
                raise SystemExit(f"FAIL emit_pydantic_agents: {run.name} status message {run.status_message!r} "
                                 f"lacks {error_contains!r}")

    finish = [list(c.attributes.get("gen_ai.response.finish_reasons", ())) for c in chats]
    return {
        "project": root.attributes["gen_ai.conversation.id"],
        "trace_id": trace_id,
        "root": {"id": trace_id, "agent": root.attributes["gen_ai.agent.name"], "status": _status(root)},
        "subtasks": [
            {"id": run.span_id, "parent_id": task_id(run_of(run)), "agent": run.attributes["gen_ai.agent.name"],
             "status": _status(run), "conversation_id": run.attributes.get("gen_ai.conversation.id"),
             "root_conversation_id": run.attributes.get("pydantic_ai.root_conversation_id")}
            for run in runs if run is not root
        ],
        "agents": agents,
        "tools": tool_stats,
        "loops": loops,
        "error_contains": error_contains,
        "truncated_calls": sum("length" in f for f in finish),
        "model_mismatches": sum(
            1 for c in chats
            if c.attributes.get("gen_ai.response.model") not in (None, c.attributes.get("gen_ai.request.model"))),
        "tokens": sum(tokens(c) for c in chats),
        "spans": len(spans),
    }


def check_expectation(name: str, truth: dict, expect: Expect) -> list[str]:
    """Where pydantic-ai did something other than the scenario meant (a changed pydantic-ai)."""
    got = {
        "root agent": truth["root"]["agent"],
        "root status": truth["root"]["status"],
        "agents": {k: (v["runs"], v["failed"]) for k, v in truth["agents"].items()},
        "tools": {k: (v["calls"], v["errors"]) for k, v in truth["tools"].items()},
        "loops": sorted((l["agent"], l["tool"], l["calls"]) for l in truth["loops"]),
        "truncated calls": truth["truncated_calls"],
        "model mismatches": truth["model_mismatches"],
    }
    want = {
        "root agent": expect.root_agent,
        "root status": expect.root_status,
        "agents": expect.agents,
        "tools": expect.tools,
        "loops": sorted(expect.loops),
        "truncated calls": expect.truncated_calls,
        "model mismatches": expect.model_mismatches,
    }
    return [f"FAIL emit_pydantic_agents: {name}: {key} {got[key]!r}, expected {want[key]!r}"
            for key in want if got[key] != want[key]]


# --- exporters --------------------------------------------------------------------------------


class Checked:
    """Wraps an exporter and counts failed exports."""

    failures = 0

    def __init__(self, inner) -> None:
        self.inner = inner

    def export(self, spans):
        result = self.inner.export(spans)
        if result != SpanExportResult.SUCCESS:
            Checked.failures += 1
        return result

    def shutdown(self):
        return self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


def traces_url(endpoint: str) -> str:
    return endpoint.rstrip("/") + "/v1/traces" if urlparse(endpoint).path in ("", "/") else endpoint


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", help="write OTLP JSON lines here")
    parser.add_argument("--endpoint", help="send OTLP/HTTP protobuf to this URL (http://127.0.0.1:PORT)")
    parser.add_argument("--endpoint-file", metavar="PATH",
                        help="read the --endpoint URL from PATH (a FIFO) once imports are done, so a receiver "
                             "that exits when idle does not wait out Python's start-up")
    parser.add_argument("--truth", help="write the truth JSON here")
    parser.add_argument("--scenario", action="append", choices=[s.name for s in SCENARIOS],
                        help="only these scenarios (repeatable; default all)")
    parser.add_argument("--clock", choices=["simulated", "real"],
                        help="span times (default: simulated with --out only, else real)")
    args = parser.parse_args()
    if not (args.out or args.endpoint or args.endpoint_file or args.truth):
        parser.error("nothing to do: give --out, --endpoint and/or --truth")
    if args.endpoint_file:
        with open(args.endpoint_file, encoding="utf-8") as f:
            args.endpoint = f.readline().strip()
        if not args.endpoint:
            parser.error(f"no endpoint URL in {args.endpoint_file}")
    clock = Clock((args.clock or ("simulated" if args.out and not args.endpoint else "real")) == "simulated")

    out = open(args.out, "w", encoding="utf-8") if args.out else None
    truth: dict = {
        "pydantic_ai_version": pydantic_ai.__version__,
        "instrumentation_version": INSTRUMENTATION_VERSION,
        "service_name": SERVICE_NAME,
        "scenarios": {},
    }
    problems: list[str] = []
    for index, scenario in enumerate(s for s in SCENARIOS if not args.scenario or s.name in args.scenario):
        clock.reset(BASE_TIME_NS + index * SCENARIO_GAP_NS)
        provider = new_tracer_provider(SERVICE_NAME)
        generator = provider.id_generator
        assert isinstance(generator, SeededIdGenerator)
        generator.reseed(scenario.seed)
        memory = InMemorySpanExporter()
        provider.add_span_processor(SimpleSpanProcessor(memory))
        for exporter in ([FileSpanExporter(stream=out)] if out else []) + (
                [Checked(OTLPSpanExporter(endpoint=traces_url(args.endpoint)))] if args.endpoint else []):
            # Only the flush below exports (the timer is an hour), so each scenario is one batch.
            provider.add_span_processor(BatchSpanProcessor(
                exporter, max_queue_size=4096, max_export_batch_size=1024, schedule_delay_millis=3_600_000))
        Agent.instrument_all(InstrumentationSettings(
            tracer_provider=provider, include_content=True, version=INSTRUMENTATION_VERSION))
        scenario.run(clock)
        provider.force_flush()
        provider.shutdown()

        records = [from_sdk(s) for s in memory.get_finished_spans()]
        derived = derive(records, scenario.expect.error_contains)
        problems += check_expectation(scenario.name, derived, scenario.expect)
        truth["scenarios"][scenario.name] = derived
        print(f"{scenario.name}: {derived['spans']} spans, project {derived['project']}, trace {derived['trace_id']}")
    Agent.instrument_all(False)

    if out:
        out.close()
        # The truth must hold for the bytes written, not just the SDK objects.
        with open(args.out, encoding="utf-8") as f:
            records = [r for line in f if line.strip() for r in from_otlp_json(json.loads(line))]
        by_trace: dict[str, list[SpanRecord]] = {}
        for r in records:
            by_trace.setdefault(r.trace_id, []).append(r)
        for name, scenario_truth in truth["scenarios"].items():
            reread = derive(by_trace.get(scenario_truth["trace_id"], []), scenario_truth["error_contains"])
            if reread != scenario_truth:
                problems.append(f"FAIL emit_pydantic_agents: {name}: the truth re-derived from {args.out} differs")
    if Checked.failures:
        problems.append(f"FAIL emit_pydantic_agents: {Checked.failures} export(s) to {args.endpoint} failed")
    if args.truth:
        with open(args.truth, "w", encoding="utf-8") as f:
            json.dump(truth, f, indent=2, sort_keys=True)
            f.write("\n")
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
