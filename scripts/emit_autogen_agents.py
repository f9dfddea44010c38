#!/usr/bin/env python3
"""Real AutoGen 0.7 spans (autogen-core's built-in tracing), scripted model, OTLP JSON lines.

Runs in .venv/agents-autogen (see capture-framework-fixtures.sh for the pins). Offline: the model
is autogen_ext's ReplayChatCompletionClient, the tools are local functions.

Usage: emit_autogen_agents.py --out FILE.jsonl --truth TRUTH.json

What AutoGen 0.7.5 really emits (scope "autogen-core", all via the global tracer provider):
  create_agent {name}   CLIENT    gen_ai.operation.name=create_agent, gen_ai.system=autogen,
                                  gen_ai.agent.name, gen_ai.agent.description (BaseChatAgent.__init__;
                                  its own trace unless constructed inside a span)
  invoke_agent {name}   CLIENT    gen_ai.operation.name=invoke_agent, gen_ai.system=autogen,
                                  gen_ai.agent.name, gen_ai.agent.description, and in a team
                                  gen_ai.agent.id ("writer_<team uuid>/<team uuid>")
                                  (BaseChatAgent.run/run_stream; ChatAgentContainer in a team)
  execute_tool {tool}   INTERNAL  gen_ai.operation.name=execute_tool, gen_ai.system=autogen,
                                  gen_ai.tool.name, gen_ai.tool.description, gen_ai.tool.call.id
                                  (= the model's tool call id); a raising tool: status ERROR
                                  "RuntimeError: <msg>", error.type, two `exception` events
  No model-call (chat) spans, no tokens, no message content, no tool arguments or results on
  any GenAI span. An AgentTool (agent as a tool) nests: execute_tool {agent} > invoke_agent {agent}.
  In a team the SingleThreadedAgentRuntime adds messaging spans (scope "autogen
  SingleThreadedAgentRuntime"): "autogen create|send|publish|process|ack <topic or agent>.(<id>)-T|A"
  with messaging.operation, messaging.destination, messaging.message.type, sender_/recipient_agent_type
  and _class, message_context, and `message` (the pydantic message as JSON, incl. models_usage
  tokens and tool call arguments); invoke_agent runs sit under "autogen process <agent>" spans.

Runs (three traces of runs, plus one single-span trace per create_agent outside a span):
  1. planner: get_weather(Paris), get_weather(Tokyo) in parallel, then get_alerts(Paris) raises
     (AutoGen returns the error to the model; the run itself succeeds), then a text answer.
  2. coordinator delegates to researcher through AgentTool; researcher calls
     search("kyoto temples") 3 times with identical arguments (a loop), then answers.
  3. RoundRobinGroupChat(writer, reviewer) inside an application span "run_team" (as AutoGen's
     tracing docs do): writer calls get_weather(Oslo) then writes, reviewer approves.

Determinism: ids from a seeded IdGenerator, timestamps from a simulated clock (SDK time_ns and
the message `created_at` both read it), uuid4 seeded, absolute paths in exception stack traces
rewritten relative to the venv/scripts directory. Reruns are byte-identical on the same Python.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as _dt
import json
import logging
import os
import random
import sys
import uuid

# Seed uuid4 before AutoGen is imported (team ids, message ids).
_uuid_rng = random.Random("autogen-uuid")
uuid.uuid4 = lambda: uuid.UUID(int=_uuid_rng.getrandbits(128), version=4)

import opentelemetry.sdk.trace as sdk_trace  # noqa: E402

BASE_NS = 1_767_268_800_000_000_000  # 2026-01-01T12:00:00Z



sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emitters.common import SimulatedClock, write_otlp_by_trace  # noqa: E402

CLOCK = SimulatedClock(BASE_NS)
sdk_trace.time_ns = CLOCK.time_ns  # the SDK's span start/end and event timestamps


class _FakeDatetime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[override]
        return _dt.datetime.fromtimestamp(CLOCK.now / 1e9, tz or _dt.timezone.utc)


from opentelemetry import trace  # noqa: E402
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402
from opentelemetry.sdk.trace.sampling import ALWAYS_ON  # noqa: E402
from emitters.common import SeededIdGenerator  # noqa: E402

MEMORY = InMemorySpanExporter()
PROVIDER = TracerProvider(
    resource=Resource({"service.name": "autogen-agents"}),
    sampler=ALWAYS_ON,
    id_generator=SeededIdGenerator.named("autogen-ids"),
    shutdown_on_exit=False,
)
PROVIDER.add_span_processor(SimpleSpanProcessor(MEMORY))
trace.set_tracer_provider(PROVIDER)  # AutoGen uses trace.get_tracer("autogen-core")

import autogen_agentchat.messages as _ag_messages  # noqa: E402
from autogen_agentchat.agents import AssistantAgent  # noqa: E402
from autogen_agentchat.conditions import MaxMessageTermination  # noqa: E402
from autogen_agentchat.teams import RoundRobinGroupChat  # noqa: E402
from autogen_agentchat.tools import AgentTool  # noqa: E402
from autogen_core import FunctionCall  # noqa: E402
from autogen_core.models import CreateResult, ModelFamily, ModelInfo, RequestUsage  # noqa: E402
from autogen_ext.models.replay import ReplayChatCompletionClient  # noqa: E402

_ag_messages.datetime = _FakeDatetime  # message created_at follows the simulated clock
# The replay client warns "Token count has been done only on string content" on every call.
logging.getLogger("autogen_core.events").setLevel(logging.ERROR)

from agents_truth import truth_from_file, write_truth  # noqa: E402

MODEL_INFO = ModelInfo(
    vision=False, function_calling=True, json_output=False, family=ModelFamily.UNKNOWN, structured_output=False
)


class ScriptedModel(ReplayChatCompletionClient):
    """The replay client, taking `latency_ms` of simulated time per call."""

    def __init__(self, completions, latency_ms: int = 600) -> None:
        super().__init__(completions, model_info=MODEL_INFO)
        self._latency_ms = latency_ms

    async def create(self, *args, **kwargs):  # type: ignore[override]
        CLOCK.advance(self._latency_ms)
        return await super().create(*args, **kwargs)


def tool_calls(*calls: tuple[str, str, dict], prompt: int = 120, completion: int = 24) -> CreateResult:
    return CreateResult(
        finish_reason="function_calls",
        content=[FunctionCall(id=i, name=n, arguments=json.dumps(a)) for i, n, a in calls],
        usage=RequestUsage(prompt_tokens=prompt, completion_tokens=completion),
        cached=False,
    )


WEATHER = {"Paris": "18C, cloudy", "Tokyo": "24C, sunny", "Oslo": "6C, rain"}


async def get_weather(city: str) -> str:
    """Current weather for a city."""
    CLOCK.advance(150)
    return WEATHER[city]


async def get_alerts(city: str) -> str:
    """Active weather alerts for a city."""
    CLOCK.advance(80)
    raise RuntimeError(f"alerts service unavailable for {city}")


async def search(query: str) -> str:
    """Search the web."""
    CLOCK.advance(250)
    return "no results"


async def run_planner() -> None:
    planner = AssistantAgent(
        "planner",
        description="Plans trips from weather reports.",
        model_client=ScriptedModel(
            [
                tool_calls(("call_w1", "get_weather", {"city": "Paris"}), ("call_w2", "get_weather", {"city": "Tokyo"})),
                tool_calls(("call_a1", "get_alerts", {"city": "Paris"})),
                "Paris: 18C and cloudy; Tokyo: 24C and sunny. Alerts could not be checked.",
            ]
        ),
        tools=[get_weather, get_alerts],
        max_tool_iterations=3,
    )
    await planner.run(task="Compare the weather in Paris and Tokyo, and check alerts for Paris.")


async def run_delegation() -> None:
    researcher = AssistantAgent(
        "researcher",
        description="Searches the web.",
        model_client=ScriptedModel(
            [
                tool_calls(("call_s1", "search", {"query": "kyoto temples"})),
                tool_calls(("call_s2", "search", {"query": "kyoto temples"})),
                tool_calls(("call_s3", "search", {"query": "kyoto temples"})),
                "I found nothing about Kyoto temples.",
            ]
        ),
        tools=[search],
        max_tool_iterations=4,
    )
    coordinator = AssistantAgent(
        "coordinator",
        description="Delegates research.",
        model_client=ScriptedModel(
            [tool_calls(("call_r1", "researcher", {"task": "Find the best Kyoto temples"})), "The researcher found nothing."]
        ),
        tools=[AgentTool(researcher)],
        max_tool_iterations=2,
    )
    await coordinator.run(task="Which Kyoto temples should I visit?")


async def run_team() -> None:
    tracer = trace.get_tracer("autogen-agents-fixture")
    with tracer.start_as_current_span("run_team"):
        writer = AssistantAgent(
            "writer",
            description="Writes weather notes.",
            model_client=ScriptedModel(
                [tool_calls(("call_o1", "get_weather", {"city": "Oslo"})), "Oslo today: 6C with rain."]
            ),
            tools=[get_weather],
            max_tool_iterations=2,
        )
        reviewer = AssistantAgent(
            "reviewer", description="Reviews notes.", model_client=ScriptedModel(["APPROVE"], latency_ms=300)
        )
        team = RoundRobinGroupChat([writer, reviewer], termination_condition=MaxMessageTermination(3))
        await team.run(task="Write a one-line weather note for Oslo.")


async def main_async() -> None:
    await run_planner()
    CLOCK.advance(2_000)
    await run_delegation()
    CLOCK.advance(2_000)
    await run_team()



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
        "framework": "autogen",
        "packages": {p: version(p) for p in ("autogen-agentchat", "autogen-core", "autogen-ext", "opentelemetry-sdk")},
        "notes": [
            "AutoGen puts no tool arguments on execute_tool spans, so no loop is derivable from them "
            "although researcher called search 3 times with identical arguments (call_s1..call_s3)",
            "get_alerts raised; AutoGen hands the error back to the model and the planner run succeeds",
            "no model-call spans: AutoGen's model clients are not instrumented",
        ],
    }
    truth = truth_from_file(args.out, source)
    write_truth(args.truth, truth)
    print(f"{args.out}: {truth['total_spans']} spans in {len(truth['traces'])} traces")
    return 0


if __name__ == "__main__":
    sys.exit(main())
