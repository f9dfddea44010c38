#!/usr/bin/env python3
"""Hand-built agent traces in the older shapes, with the OpenTelemetry Python SDK only.

Runs in any venv with opentelemetry-sdk + opentelemetry-exporter-otlp-json-file
(capture-framework-fixtures.sh uses .venv/agents-autogen). Ids come from a seeded IdGenerator
and every span and event gets an explicit timestamp, so reruns are byte-identical.

Usage: emit_legacy_agents.py --out FILE.jsonl --truth TRUTH.json

Traces (one OTLP JSON line each, one resource per shape):
  (a) GenAI semconv 1.28-1.36 span events (service legacy-genai-events):
      invoke_agent weather_agent > chat gpt-4o-mini (events gen_ai.system.message {content},
      gen_ai.user.message {content}, gen_ai.choice {index, finish_reason, message=JSON with
      tool_calls}), execute_tool get_weather x2 (gen_ai.tool.call.id call_w1/call_w2,
      gen_ai.tool.type=function), execute_tool get_forecast (ERROR, error.type=TimeoutError),
      chat gpt-4o-mini (adds gen_ai.assistant.message {tool_calls=JSON}, gen_ai.tool.message
      {id, content} x3, gen_ai.choice finish_reason=stop). Tokens in gen_ai.usage.input_tokens /
      output_tokens, models in gen_ai.request.model / gen_ai.response.model, provider in gen_ai.system.
  (b) OpenLLMetry / Traceloop indexed attributes (service legacy-openllmetry):
      research_workflow.workflow (traceloop.span.kind=workflow) > researcher.agent (agent) >
      openai.chat (llm.request.type=chat, gen_ai.prompt.{i}.role|content|tool_call_id,
      gen_ai.prompt.{i}.tool_calls.{j}.id|name|arguments,
      gen_ai.completion.0.role|content|finish_reason, gen_ai.completion.0.tool_calls.{j}.id|name|
      arguments, llm.request.functions.{i}.name|description|parameters, gen_ai.usage.prompt_tokens|
      completion_tokens, llm.usage.total_tokens) and web_search.tool (traceloop.span.kind=tool,
      traceloop.entity.input = {"args": [], "kwargs": {...}}) called 3 times with identical input
      (a loop), then a final openai.chat.
  (c) Langfuse-shaped observations (service legacy-langfuse, scope langfuse-sdk):
      support-agent (langfuse.observation.type=agent, input/output JSON, langfuse.trace.name,
      langfuse.session.id, langfuse.user.id) > llm-call (generation: langfuse.observation.model.name,
      langfuse.observation.usage_details JSON, input = message array) > lookup_order (tool) >
      llm-call (generation) > answer-quality (evaluator) with a gen_ai.evaluation.result event
      (gen_ai.evaluation.name, gen_ai.evaluation.score.value 0..1, score.label, explanation).
  (d) Malformed (service legacy-malformed): invoke_agent with no gen_ai.agent.name > chat whose
      gen_ai.input.messages is not valid JSON, execute_tool lookup without gen_ai.tool.call.id;
      invoke_agent helper (same trace) whose parent span id was never emitted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
from typing import Any

from opentelemetry import trace
from opentelemetry.exporter.otlp.json.file import FileSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_ON
from opentelemetry.trace import NonRecordingSpan, SpanContext, SpanKind, Status, StatusCode, TraceFlags

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emitters.common import SeededIdGenerator  # noqa: E402
from agents_truth import truth_from_file, write_truth  # noqa: E402

BASE_NS = 1_767_276_000_000_000_000  # 2026-01-01T14:00:00Z
MS = 1_000_000



def j(v: Any) -> str:
    return json.dumps(v, separators=(",", ":"))


class Builder:
    """One provider (resource) per shape; spans with explicit times relative to `base_ms`."""

    def __init__(self, service: str, scope: str, version: str, base_ms: int, schema_url: str | None = None) -> None:
        self.memory = InMemorySpanExporter()
        self.provider = TracerProvider(
            resource=Resource({"service.name": service}),
            sampler=ALWAYS_ON,
            id_generator=SeededIdGenerator.named(f"legacy:{service}"),
            shutdown_on_exit=False,
        )
        self.provider.add_span_processor(SimpleSpanProcessor(self.memory))
        self.tracer = self.provider.get_tracer(scope, version, schema_url=schema_url)
        self.base_ms = base_ms

    def t(self, ms: int) -> int:
        return BASE_NS + (self.base_ms + ms) * MS

    def start(self, name: str, parent, start_ms: int, attributes: dict[str, Any],
              kind: SpanKind = SpanKind.INTERNAL):
        ctx = None
        if parent is not None:
            ctx = trace.set_span_in_context(parent)
        return self.tracer.start_span(name, context=ctx, kind=kind, attributes=attributes,
                                      start_time=self.t(start_ms))

    def event(self, span, name: str, at_ms: int, attributes: dict[str, Any]) -> None:
        span.add_event(name, attributes=attributes, timestamp=self.t(at_ms))

    def end(self, span, end_ms: int, error: str | None = None, error_type: str | None = None) -> None:
        if error is not None:
            span.set_status(Status(StatusCode.ERROR, error))
            if error_type:
                span.set_attribute("error.type", error_type)
        span.end(end_time=self.t(end_ms))

    def spans(self):
        self.provider.force_flush()
        return self.memory.get_finished_spans()


# --- (a) GenAI semconv 1.28-1.36: message content as span events ---------------------------


def genai_events() -> list:
    b = Builder("legacy-genai-events", "opentelemetry.instrumentation.openai_v2", "2.0b0", 0,
                "https://opentelemetry.io/schemas/1.28.0")
    system = "You are a weather assistant."
    user = "What is the weather in Paris and Oslo, and tomorrow's forecast for Paris?"
    calls = [
        {"id": "call_w1", "type": "function", "function": {"name": "get_weather", "arguments": j({"city": "Paris"})}},
        {"id": "call_w2", "type": "function", "function": {"name": "get_weather", "arguments": j({"city": "Oslo"})}},
        {"id": "call_f1", "type": "function", "function": {"name": "get_forecast", "arguments": j({"city": "Paris"})}},
    ]
    agent = b.start("invoke_agent weather_agent", None, 0, {
        "gen_ai.operation.name": "invoke_agent", "gen_ai.system": "openai",
        "gen_ai.agent.name": "weather_agent", "gen_ai.agent.id": "asst_weather_01",
        "gen_ai.conversation.id": "conv-legacy-a",
    })
    chat_attrs = {
        "gen_ai.operation.name": "chat", "gen_ai.system": "openai", "gen_ai.request.model": "gpt-4o-mini",
        "server.address": "api.openai.com",
    }
    c1 = b.start("chat gpt-4o-mini", agent, 10, dict(chat_attrs), SpanKind.CLIENT)
    b.event(c1, "gen_ai.system.message", 10, {"gen_ai.system": "openai", "content": system})
    b.event(c1, "gen_ai.user.message", 10, {"gen_ai.system": "openai", "content": user})
    b.event(c1, "gen_ai.choice", 820, {
        "gen_ai.system": "openai", "index": 0, "finish_reason": "tool_calls",
        "message": j({"role": "assistant", "tool_calls": calls}),
    })
    c1.set_attributes({
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18", "gen_ai.response.id": "chatcmpl-legacy-a1",
        "gen_ai.response.finish_reasons": ["tool_calls"],
        "gen_ai.usage.input_tokens": 142, "gen_ai.usage.output_tokens": 61,
    })
    b.end(c1, 820)
    results = {"call_w1": "18C, cloudy", "call_w2": "6C, rain"}
    for i, (call, (s, e)) in enumerate(zip(calls, ((830, 990), (830, 1010), (830, 5830)))):
        tool = b.start(f"execute_tool {call['function']['name']}", agent, s, {
            "gen_ai.operation.name": "execute_tool", "gen_ai.system": "openai",
            "gen_ai.tool.name": call["function"]["name"], "gen_ai.tool.call.id": call["id"],
            "gen_ai.tool.type": "function",
        })
        if call["id"] == "call_f1":
            b.end(tool, e, error="forecast backend timed out after 5s", error_type="TimeoutError")
        else:
            b.end(tool, e)
    c2 = b.start("chat gpt-4o-mini", agent, 5840, dict(chat_attrs), SpanKind.CLIENT)
    b.event(c2, "gen_ai.system.message", 5840, {"gen_ai.system": "openai", "content": system})
    b.event(c2, "gen_ai.user.message", 5840, {"gen_ai.system": "openai", "content": user})
    b.event(c2, "gen_ai.assistant.message", 5840, {"gen_ai.system": "openai", "tool_calls": j(calls)})
    for call_id, content in (("call_w1", results["call_w1"]), ("call_w2", results["call_w2"]),
                             ("call_f1", "error: forecast backend timed out after 5s")):
        b.event(c2, "gen_ai.tool.message", 5840, {"gen_ai.system": "openai", "id": call_id, "content": content})
    answer = "Paris is 18C and cloudy, Oslo 6C with rain. The forecast service timed out."
    b.event(c2, "gen_ai.choice", 6530, {
        "gen_ai.system": "openai", "index": 0, "finish_reason": "stop",
        "message": j({"role": "assistant", "content": answer}),
    })
    c2.set_attributes({
        "gen_ai.response.model": "gpt-4o-mini-2024-07-18", "gen_ai.response.id": "chatcmpl-legacy-a2",
        "gen_ai.response.finish_reasons": ["stop"],
        "gen_ai.usage.input_tokens": 236, "gen_ai.usage.output_tokens": 22,
    })
    b.end(c2, 6530)
    b.end(agent, 6540)
    return b.spans()


# --- (b) OpenLLMetry (Traceloop) indexed attributes -----------------------------------------


def openllmetry() -> list:
    b = Builder("legacy-openllmetry", "opentelemetry.instrumentation.openai.v1", "0.40.14", 60_000)
    tl = b.provider.get_tracer("traceloop.tracer", "0.40.14")

    def ts(name, parent, start_ms, attrs):
        ctx = trace.set_span_in_context(parent) if parent is not None else None
        return tl.start_span(name, context=ctx, attributes=attrs, start_time=b.t(start_ms))

    wf = ts("research_workflow.workflow", None, 0, {
        "traceloop.span.kind": "workflow", "traceloop.entity.name": "research_workflow",
        "traceloop.workflow.name": "research_workflow",
        "traceloop.entity.input": j({"args": ["Kyoto temples"], "kwargs": {}}),
    })
    ag = ts("researcher.agent", wf, 5, {
        "traceloop.span.kind": "agent", "traceloop.entity.name": "researcher",
        "traceloop.workflow.name": "research_workflow", "traceloop.entity.path": "research_workflow",
        "traceloop.entity.input": j({"args": [], "kwargs": {"topic": "Kyoto temples"}}),
    })
    system = "You research topics with web_search."
    user = "Find the three best-known temples in Kyoto."
    functions = {
        "llm.request.functions.0.name": "web_search",
        "llm.request.functions.0.description": "Search the web.",
        "llm.request.functions.0.parameters": j({"type": "object", "properties": {"query": {"type": "string"}},
                                                 "required": ["query"]}),
    }
    # (role, content, extra attributes under gen_ai.prompt.{k}.)
    history: list[tuple[str, str | None, dict[str, Any]]] = [("system", system, {}), ("user", user, {})]
    t = 10
    query = j({"query": "best temples in Kyoto"})
    for i in range(4):
        attrs: dict[str, Any] = {
            "llm.request.type": "chat", "gen_ai.system": "OpenAI", "gen_ai.request.model": "gpt-4o",
            "gen_ai.response.model": "gpt-4o-2024-08-06", "llm.is_streaming": False,
            "gen_ai.openai.api_base": "https://api.openai.com/v1/", "traceloop.workflow.name": "research_workflow",
            "traceloop.entity.path": "research_workflow.researcher",
        }
        attrs.update(functions)
        for k, (role, content, extra) in enumerate(history):
            attrs[f"gen_ai.prompt.{k}.role"] = role
            if content is not None:
                attrs[f"gen_ai.prompt.{k}.content"] = content
            attrs.update({f"gen_ai.prompt.{k}.{key}": v for key, v in extra.items()})
        prompt_tokens, completion_tokens = 180 + 60 * i, 18 if i < 3 else 41
        attrs.update({"gen_ai.usage.prompt_tokens": prompt_tokens, "gen_ai.usage.completion_tokens": completion_tokens,
                      "llm.usage.total_tokens": prompt_tokens + completion_tokens})
        attrs["gen_ai.completion.0.role"] = "assistant"
        if i < 3:
            call_id = f"call_q{i + 1}"
            attrs.update({
                "gen_ai.completion.0.finish_reason": "tool_calls",
                "gen_ai.completion.0.tool_calls.0.id": call_id,
                "gen_ai.completion.0.tool_calls.0.name": "web_search",
                "gen_ai.completion.0.tool_calls.0.arguments": query,
            })
        else:
            attrs.update({
                "gen_ai.completion.0.finish_reason": "stop",
                "gen_ai.completion.0.content": "Web search returned nothing three times; I cannot name the temples.",
            })
        chat = b.start("openai.chat", ag, t, attrs, SpanKind.CLIENT)
        b.end(chat, t + 640)
        t += 650
        if i < 3:
            tool = ts("web_search.tool", ag, t, {
                "traceloop.span.kind": "tool", "traceloop.entity.name": "web_search",
                "traceloop.workflow.name": "research_workflow",
                "traceloop.entity.path": "research_workflow.researcher",
                "traceloop.entity.input": j({"args": [], "kwargs": {"query": "best temples in Kyoto"}}),
                "traceloop.entity.output": j("no results"),
            })
            b.end(tool, t + 300)
            t += 310
            history.append(("assistant", None, {"tool_calls.0.id": call_id, "tool_calls.0.name": "web_search",
                                                "tool_calls.0.arguments": query}))
            history.append(("tool", "no results", {"tool_call_id": call_id}))
    ag.set_attribute("traceloop.entity.output", j("Web search returned nothing three times."))
    b.end(ag, t + 5)
    wf.set_attribute("traceloop.entity.output", j("Web search returned nothing three times."))
    b.end(wf, t + 10)
    return b.spans()


# --- (c) Langfuse-shaped observations with an evaluation ------------------------------------


def langfuse() -> list:
    b = Builder("legacy-langfuse", "langfuse-sdk", "3.3.4", 120_000)
    trace_attrs = {"langfuse.trace.name": "support-agent", "langfuse.session.id": "sess-legacy-c",
                   "langfuse.user.id": "user-42"}
    question = "Where is my order A-1001?"
    agent = b.start("support-agent", None, 0, {
        **trace_attrs, "langfuse.observation.type": "agent",
        "langfuse.observation.input": j({"question": question}),
        "langfuse.trace.input": j({"question": question}),
    })
    msgs = [{"role": "system", "content": "You are a support agent."}, {"role": "user", "content": question}]
    g1 = b.start("llm-call", agent, 10, {
        "langfuse.observation.type": "generation",
        "langfuse.observation.model.name": "claude-3-5-haiku-20241022",
        "langfuse.observation.model.parameters": j({"temperature": 0, "max_tokens": 512}),
        "langfuse.observation.input": j(msgs),
        "langfuse.observation.output": j({"role": "assistant", "content": "",
                                          "tool_calls": [{"id": "toolu_01", "type": "function", "function": {
                                              "name": "lookup_order", "arguments": j({"order_id": "A-1001"})}}]}),
        "langfuse.observation.usage_details": j({"input": 320, "output": 45, "total": 365}),
        "langfuse.observation.completion_start_time": j("2026-01-01T14:02:00.410Z"),
    })
    b.end(g1, 910)
    tool = b.start("lookup_order", agent, 920, {
        "langfuse.observation.type": "tool",
        "langfuse.observation.input": j({"order_id": "A-1001"}),
        "langfuse.observation.output": j({"status": "shipped", "eta": "2026-01-03"}),
    })
    b.end(tool, 1130)
    answer = "Order A-1001 has shipped and should arrive on 2026-01-03."
    g2 = b.start("llm-call", agent, 1140, {
        "langfuse.observation.type": "generation",
        "langfuse.observation.model.name": "claude-3-5-haiku-20241022",
        "langfuse.observation.input": j(msgs + [{"role": "tool", "tool_call_id": "toolu_01",
                                                 "content": j({"status": "shipped", "eta": "2026-01-03"})}]),
        "langfuse.observation.output": j({"role": "assistant", "content": answer}),
        "langfuse.observation.usage_details": j({"input": 410, "output": 28, "total": 438}),
    })
    b.end(g2, 1890)
    ev = b.start("answer-quality", agent, 1900, {
        "langfuse.observation.type": "evaluator",
        "langfuse.observation.input": j({"question": question, "answer": answer}),
        "langfuse.observation.output": j({"score": 0.82, "label": "pass"}),
    })
    b.event(ev, "gen_ai.evaluation.result", 2350, {
        "gen_ai.evaluation.name": "helpfulness", "gen_ai.evaluation.score.value": 0.82,
        "gen_ai.evaluation.score.label": "pass",
        "gen_ai.evaluation.explanation": "Answers the question with the order status and date.",
    })
    b.end(ev, 2360)
    agent.set_attributes({"langfuse.observation.output": j({"answer": answer}),
                          "langfuse.trace.output": j({"answer": answer})})
    b.end(agent, 2370)
    return b.spans()


# --- (d) Malformed -------------------------------------------------------------------------

MISSING_PARENT_SPAN_ID = 0x5EED0000DEADBEEF


def malformed() -> tuple[list, list[tuple[str, str]]]:
    b = Builder("legacy-malformed", "opentelemetry.instrumentation.genai", "0.1.0", 180_000)
    issues: list[tuple[Any, str]] = []
    agent = b.start("invoke_agent", None, 0, {"gen_ai.operation.name": "invoke_agent", "gen_ai.system": "openai"})
    issues.append((agent, "invoke_agent without gen_ai.agent.name"))
    chat = b.start("chat gpt-4o-mini", agent, 10, {
        "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.input.messages": '[{"role": "user", "parts": [{"type": "text", "content": "look up A-7',
        "gen_ai.output.messages": j([{"role": "assistant", "finish_reason": "tool_call", "parts": [
            {"type": "tool_call", "id": "call_m1", "name": "lookup", "arguments": {"id": "A-7"}}]}]),
        "gen_ai.usage.input_tokens": 40, "gen_ai.usage.output_tokens": 12,
    }, SpanKind.CLIENT)
    issues.append((chat, "gen_ai.input.messages is not valid JSON (truncated)"))
    b.end(chat, 500)
    tool = b.start("execute_tool lookup", agent, 510, {
        "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup", "gen_ai.tool.type": "function",
    })
    issues.append((tool, "execute_tool without gen_ai.tool.call.id"))
    b.end(tool, 640)
    b.end(agent, 700)
    # A nested run whose parent (say, a delegating execute_tool) was never exported.
    missing = NonRecordingSpan(SpanContext(agent.get_span_context().trace_id, MISSING_PARENT_SPAN_ID,
                                           is_remote=False, trace_flags=TraceFlags(TraceFlags.SAMPLED)))
    helper = b.start("invoke_agent helper", missing, 200, {
        "gen_ai.operation.name": "invoke_agent", "gen_ai.provider.name": "openai", "gen_ai.agent.name": "helper",
    })
    issues.append((helper, f"invoke_agent whose parent span {MISSING_PARENT_SPAN_ID:016x} is never emitted"))
    htool = b.start("execute_tool fetch", helper, 220, {
        "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "fetch", "gen_ai.tool.call.id": "call_h1",
        "gen_ai.tool.call.arguments": j({"url": "https://example.invalid/a7"}),
    })
    b.end(htool, 380)
    b.end(helper, 400)
    return b.spans(), [(f"{s.get_span_context().span_id:016x}", what) for s, what in issues]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--truth", required=True)
    args = ap.parse_args()

    bad_spans, issues = malformed()
    buf = io.StringIO()
    exporter = FileSpanExporter(stream=buf)
    for spans in (genai_events(), openllmetry(), langfuse(), bad_spans):
        # One request per trace, spans in the order they ended (as a BatchSpanProcessor sends them).
        exporter.export(sorted(spans, key=lambda s: (s.end_time, s.context.span_id)))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(buf.getvalue())

    from importlib.metadata import version

    truth = truth_from_file(args.out, {
        "framework": "hand-built legacy shapes",
        "packages": {"opentelemetry-sdk": version("opentelemetry-sdk")},
        "notes": [
            "trace 1: GenAI semconv 1.28-1.36 span events; trace 2: OpenLLMetry indexed attributes; "
            "trace 3: Langfuse observations with an evaluation; trace 4: malformed",
        ],
    })
    truth["malformed"] = [{"span_id": sid, "issue": what} for sid, what in issues]
    write_truth(args.truth, truth)
    print(f"{args.out}: {truth['total_spans']} spans in {len(truth['traces'])} traces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
