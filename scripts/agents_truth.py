"""Derive an agent-run truth from OTLP JSON lines (stdlib only).

Shared by emit_autogen_agents.py, emit_openinference_agents.py and emit_legacy_agents.py, so
every `Tests/Fixtures/agents-*.truth.json` says the same things in the same way. The truth is
read back from the written file (not from SDK objects), so it holds for the bytes on disk.

Per trace (in order of first appearance in the file):
  trace_id, root (name of the earliest span without a parent; null if none), roots (how many
  spans have no parent), spans (count),
  agents    {name: {runs}}   runs = agent-run spans: gen_ai.operation.name=invoke_agent,
                             openinference.span.kind=AGENT, traceloop.span.kind=agent,
                             langfuse.observation.type=agent; a run without a name counts under ""
                             (the same dict shapes as agents-pydantic.truth.json)
  tools     {name: {calls, errors}}   tool spans: execute_tool, TOOL, traceloop tool, langfuse
                             tool; errors = status ERROR
  loops     [{agent, agent_span_id, tool, arguments, calls}]  one tool called >= 3 times with
                             identical arguments inside one agent run (nearest enclosing run);
                             only where the spans carry the arguments
  failed    [{span_id, name, message}]  every span with status ERROR
  nested_runs [{agent, span_id, parent_run_span_id, via_tool_span_id}]  agent runs inside another
                             agent run (via_tool_span_id: the tool span between them, or null)
  orphans   [{span_id, name, parent_span_id}]  spans whose parent is not in the file
  workflows [{name, span_id}]  invoke_workflow, traceloop.span.kind=workflow, and OpenInference
                             AGENT spans without agent.name/graph.node.id that enclose agent runs
                             (the OpenAI Agents SDK trace root): not agent runs
  handoffs  [{from, to, span_id}]  agent runs started by a handoff (graph.node.parent_id)
  model_calls, input_tokens, output_tokens  LLM/chat spans and their token sums, where present
  evaluations [{span_id, name, score, label}]  gen_ai.evaluation.result events
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Iterable

# --- OTLP JSON decoding -------------------------------------------------------------------


def any_value(v: dict[str, Any]) -> Any:
    if "stringValue" in v:
        return v["stringValue"]
    if "boolValue" in v:
        return v["boolValue"]
    if "intValue" in v:
        return int(v["intValue"])
    if "doubleValue" in v:
        return float(v["doubleValue"])
    if "arrayValue" in v:
        return [any_value(x) for x in v["arrayValue"].get("values", [])]
    if "kvlistValue" in v:
        return {kv["key"]: any_value(kv.get("value", {})) for kv in v["kvlistValue"].get("values", [])}
    if "bytesValue" in v:
        return v["bytesValue"]
    return None


def attrs(kvs: Iterable[dict[str, Any]] | None) -> dict[str, Any]:
    return {kv["key"]: any_value(kv.get("value", {})) for kv in (kvs or [])}


def read_spans(path: str) -> list[dict[str, Any]]:
    """Flat span records from an OTLP JSON lines file, in file order."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            req = json.loads(line)
            for rs in req.get("resourceSpans", []):
                resource = attrs(rs.get("resource", {}).get("attributes"))
                for ss in rs.get("scopeSpans", []):
                    scope = ss.get("scope", {}).get("name", "")
                    for s in ss.get("spans", []):
                        status = s.get("status", {})
                        out.append(
                            {
                                "trace_id": s["traceId"].lower(),
                                "span_id": s["spanId"].lower(),
                                "parent_span_id": (s.get("parentSpanId") or "").lower() or None,
                                "name": s.get("name", ""),
                                "kind": s.get("kind", 0),
                                "start": int(s.get("startTimeUnixNano", 0)),
                                "end": int(s.get("endTimeUnixNano", 0)),
                                "attributes": attrs(s.get("attributes")),
                                "events": [
                                    {"name": e.get("name", ""), "attributes": attrs(e.get("attributes"))}
                                    for e in s.get("events", [])
                                ],
                                "status_code": status.get("code", 0),
                                "status_message": status.get("message", ""),
                                "scope": scope,
                                "resource": resource,
                            }
                        )
    return out


# --- span classification ------------------------------------------------------------------


def _kind(s: dict[str, Any]) -> str | None:
    a = s["attributes"]
    op = a.get("gen_ai.operation.name")
    oi = a.get("openinference.span.kind")
    tl = a.get("traceloop.span.kind")
    lf = a.get("langfuse.observation.type")
    if op == "invoke_agent" or oi == "AGENT" or tl == "agent" or lf == "agent":
        return "agent"
    if op == "execute_tool" or oi == "TOOL" or tl == "tool" or lf == "tool":
        return "tool"
    if op in ("chat", "text_completion", "generate_content") or oi == "LLM" or lf == "generation":
        return "llm"
    if tl == "task" and a.get("llm.request.type"):
        return "llm"
    if a.get("llm.request.type") in ("chat", "completion"):
        return "llm"
    return None


def _is_workflow(s: dict[str, Any], spans: list[dict[str, Any]]) -> bool:
    """An OpenInference AGENT span without an agent name that encloses agent runs is a workflow.

    openinference-instrumentation-openai-agents makes the SDK trace (named after the workflow)
    an AGENT span with nothing but the kind; the agents' own spans carry agent.name.
    """
    a = s["attributes"]
    if a.get("openinference.span.kind") != "AGENT" or a.get("agent.name") or a.get("graph.node.id"):
        return False
    return any(_encloses(s, o, spans) and _kind(o) == "agent" and o is not s for o in spans)


def _encloses(outer: dict[str, Any], inner: dict[str, Any], spans: list[dict[str, Any]]) -> bool:
    by_id = {x["span_id"]: x for x in spans}
    p, seen = inner["parent_span_id"], set()
    while p and p in by_id and p not in seen:
        if p == outer["span_id"]:
            return True
        seen.add(p)
        p = by_id[p]["parent_span_id"]
    return False


def _agent_name(s: dict[str, Any]) -> str | None:
    a = s["attributes"]
    for key in ("gen_ai.agent.name", "agent.name", "traceloop.entity.name"):
        if a.get(key):
            return str(a[key])
    if a.get("openinference.span.kind") == "AGENT" or a.get("langfuse.observation.type") == "agent":
        return s["name"] or None
    return None


def _tool_name(s: dict[str, Any]) -> str:
    a = s["attributes"]
    for key in ("gen_ai.tool.name", "tool.name", "traceloop.entity.name"):
        if a.get(key):
            return str(a[key])
    name = s["name"]
    return name[len("execute_tool ") :] if name.startswith("execute_tool ") else name


def _tool_arguments(s: dict[str, Any]) -> str | None:
    a = s["attributes"]
    for key in ("gen_ai.tool.call.arguments", "tool.parameters", "input.value", "traceloop.entity.input",
                "langfuse.observation.input"):
        if key == "tool.parameters" and a.get("openinference.span.kind") == "TOOL":
            continue  # OpenInference: tool.parameters is the schema, input.value the call
        v = a.get(key)
        if v is not None:
            return _canonical(v)
    return None


def _canonical(v: Any) -> str:
    """Arguments compare as JSON values when they parse, else as strings."""
    if isinstance(v, str):
        try:
            return json.dumps(json.loads(v), sort_keys=True, separators=(",", ":"))
        except ValueError:
            return v
    return json.dumps(v, sort_keys=True, separators=(",", ":"))


def _tokens(s: dict[str, Any]) -> tuple[int, int] | None:
    a = s["attributes"]
    pairs = (
        ("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens"),
        ("llm.token_count.prompt", "llm.token_count.completion"),
        ("gen_ai.usage.prompt_tokens", "gen_ai.usage.completion_tokens"),
    )
    for i, o in pairs:
        if i in a or o in a:
            return int(a.get(i) or 0), int(a.get(o) or 0)
    usage = a.get("langfuse.observation.usage_details")
    if isinstance(usage, str):
        try:
            u = json.loads(usage)
            return int(u.get("input", 0)), int(u.get("output", 0))
        except (ValueError, AttributeError, TypeError):
            return None
    return None


# --- the truth ----------------------------------------------------------------------------


def trace_truth(spans: list[dict[str, Any]]) -> dict[str, Any]:
    by_id = {s["span_id"]: s for s in spans}
    workflow_ids = {
        s["span_id"] for s in spans
        if _is_workflow(s, spans) or s["attributes"].get("traceloop.span.kind") == "workflow"
        or s["attributes"].get("gen_ai.operation.name") == "invoke_workflow"
    }

    def kind(s: dict[str, Any]) -> str | None:
        return "workflow" if s["span_id"] in workflow_ids else _kind(s)

    kind_of = kind

    def enclosing(s: dict[str, Any], kind: str) -> dict[str, Any] | None:
        seen = set()
        p = s["parent_span_id"]
        while p and p in by_id and p not in seen:
            seen.add(p)
            if kind_of(by_id[p]) == kind:
                return by_id[p]
            p = by_id[p]["parent_span_id"]
        return None

    def run_of(s: dict[str, Any]) -> dict[str, Any] | None:
        return enclosing(s, "agent")

    roots = [s for s in spans if not s["parent_span_id"]]
    agents: "OrderedDict[Any, int]" = OrderedDict()
    tools: "OrderedDict[str, list[int]]" = OrderedDict()
    loops_acc: "OrderedDict[tuple, int]" = OrderedDict()
    failed, nested, orphans, evaluations, workflows, handoffs = [], [], [], [], [], []
    model_calls = in_tok = out_tok = 0
    saw_tokens = False

    for s in sorted(spans, key=lambda s: (s["start"], s["span_id"])):
        k = kind_of(s)
        if k == "workflow":
            workflows.append({"name": s["name"], "span_id": s["span_id"]})
        if k == "agent":
            if s["attributes"].get("graph.node.parent_id"):
                handoffs.append({"from": s["attributes"]["graph.node.parent_id"], "to": _agent_name(s),
                                 "span_id": s["span_id"]})
            name = _agent_name(s)
            agents[name] = agents.get(name, 0) + 1
            parent_run = run_of(s)
            if parent_run is not None:
                tool = enclosing(s, "tool")
                via = tool["span_id"] if tool is not None and run_of(tool) is parent_run else None
                nested.append(
                    {"agent": name, "span_id": s["span_id"], "parent_run_span_id": parent_run["span_id"],
                     "via_tool_span_id": via}
                )
        elif k == "tool":
            name = _tool_name(s)
            c = tools.setdefault(name, [0, 0])
            c[0] += 1
            if s["status_code"] == 2:
                c[1] += 1
            args = _tool_arguments(s)
            run = run_of(s)
            if args is not None and run is not None:
                key = (_agent_name(run), run["span_id"], name, args)
                loops_acc[key] = loops_acc.get(key, 0) + 1
        elif k == "llm":
            model_calls += 1
            t = _tokens(s)
            if t is not None:
                saw_tokens = True
                in_tok += t[0]
                out_tok += t[1]
        if s["status_code"] == 2:
            failed.append({"span_id": s["span_id"], "name": s["name"], "message": s["status_message"]})
        if s["parent_span_id"] and s["parent_span_id"] not in by_id:
            orphans.append({"span_id": s["span_id"], "name": s["name"], "parent_span_id": s["parent_span_id"]})
        for e in s["events"]:
            if e["name"] == "gen_ai.evaluation.result":
                ea = e["attributes"]
                evaluations.append(
                    {"span_id": s["span_id"], "name": ea.get("gen_ai.evaluation.name"),
                     "score": ea.get("gen_ai.evaluation.score.value"),
                     "label": ea.get("gen_ai.evaluation.score.label")}
                )

    return {
        "trace_id": spans[0]["trace_id"],
        "root": min(roots, key=lambda r: (r["start"], r["span_id"]))["name"] if roots else None,
        "roots": len(roots),
        "spans": len(spans),
        "workflows": workflows,
        "agents": {("" if n is None else n): {"runs": r} for n, r in agents.items()},
        "handoffs": handoffs,
        "tools": {n: {"calls": c[0], "errors": c[1]} for n, c in tools.items()},
        "loops": [
            {"agent": k[0], "agent_span_id": k[1], "tool": k[2], "arguments": k[3], "calls": n}
            for k, n in loops_acc.items() if n >= 3
        ],
        "failed": failed,
        "nested_runs": nested,
        "orphans": orphans,
        "model_calls": model_calls,
        "input_tokens": in_tok if saw_tokens else None,
        "output_tokens": out_tok if saw_tokens else None,
        "evaluations": evaluations,
    }


def truth_from_file(path: str, source: dict[str, Any]) -> dict[str, Any]:
    spans = read_spans(path)
    by_trace: "OrderedDict[str, list]" = OrderedDict()
    for s in spans:
        by_trace.setdefault(s["trace_id"], []).append(s)
    return {
        "source": source,
        "total_spans": len(spans),
        "traces": [trace_truth(ss) for ss in by_trace.values()],
    }


def write_truth(path: str, truth: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=2, sort_keys=True)
        f.write("\n")
