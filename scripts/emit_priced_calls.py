#!/usr/bin/env python3
"""Send LLM calls of many models and providers to spantop, and price them with genai-prices.

Usage: emit_priced_calls.py [--endpoint URL] --truth TRUTH.json [--list]
  --endpoint  OTLP/HTTP traces URL (e.g. http://127.0.0.1:4318/v1/traces); without it, only the
              truth is written (a dry run that still resolves every model in genai-prices)
  --truth     where to write the expected figures per project
  --list      print the cases (project, shape, provider, models, features) and exit

One project per case, one trace per project: a root span without tokens and 2-4 LLM calls, each
with its own usage and a fixed start time. The expected cost of a project is the sum over its
calls of genai_prices.calc_price(...).total_price, priced at that call's start time, with the
model spantop uses (gen_ai.response.model, else the request model) and the provider id that
spantop maps the span's provider attribute to. Shapes: GenAI semantic conventions (the
`gen_ai.conversation.id` is the project), OpenInference (`session.id`), Langfuse
(`langfuse.session.id`, disjoint usage_details buckets), explicit `gen_ai.usage.cost`, an
unknown model, and two token-less projects (DSPy-like, AutoGen runtime).

Runs in a venv with opentelemetry-sdk, opentelemetry-exporter-otlp-proto-http and genai-prices;
exits non-zero if an export fails or a model meant to be priced does not resolve.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import metadata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import genai_prices  # noqa: E402
from opentelemetry import trace  # noqa: E402
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExportResult  # noqa: E402
from opentelemetry.trace import SpanKind, Status, StatusCode  # noqa: E402

from emitters.common import new_tracer_provider, seeded_tracer  # noqa: E402

UTC = timezone.utc
# Recent and fixed, so reruns price the same; 09:00 UTC is inside DeepSeek's peak window.
BASE = datetime(2026, 11, 2, 9, 0, 0, tzinfo=UTC)
CASE_SPACING = timedelta(minutes=6)

# gen_ai.provider.name (semantic conventions) -> genai-prices provider id; spantop maps the same.
# Any other value is passed to genai-prices as it is (its ids, e.g. moonshotai, openrouter).
SEMCONV_TO_GENAI_PRICES = {
    "openai": "openai",
    "anthropic": "anthropic",
    "gcp.gemini": "google",
    "gcp.vertex_ai": "google",
    "gcp.gen_ai": "google",
    "aws.bedrock": "aws",
    "azure.ai.openai": "azure",
    "azure.ai.inference": "azure",
    "mistral_ai": "mistral",
    "deepseek": "deepseek",
    "groq": "groq",
    "x_ai": "x-ai",
    "cohere": "cohere",
    "perplexity": "perplexity",
}


@dataclass
class Call:
    model: str  # request model (GenAI), llm.model_name (OpenInference), model.name (Langfuse)
    input: int  # total input tokens, cache reads and writes included (semantic conventions)
    output: int
    cache_read: int = 0
    cache_write: int = 0
    response_model: str | None = None  # GenAI only; spantop prices this one when present
    reasoning: int = 0  # part of output; sent as a detail that must not be added again
    cost: float | None = None  # explicit gen_ai.usage.cost (USD): wins over any price
    at: float | None = None  # start, seconds after the case's base time (default: sequential)

    @property
    def priced_model(self) -> str:
        return self.response_model or self.model


@dataclass
class Case:
    project: str
    shape: str  # genai | openinference | langfuse | dspy-no-tokens | autogen-no-tokens
    provider: str | None  # the provider attribute's value on the spans; None: no attribute
    calls: list[Call]
    features: str = ""
    start: datetime | None = None  # the case's base time (default: BASE + index * spacing)
    spelling: str = "semconv"  # cache attribute names: semconv (dotted) | deprecated (underscores)
    zeros: bool = False  # send cache attributes that are 0 (otherwise omitted)
    langfuse_style: str = "anthropic"  # usage_details keys: anthropic | openai
    agent: str = "Assistant"
    # (provider id, model ref) to price with where spantop resolves more than genai-prices does.
    truth_as: tuple[str, str] | None = None
    call_times: list[tuple[int, int]] = field(default_factory=list)  # filled when emitted (ns)


def C(*args, **kwargs) -> Call:  # noqa: N802 - short constructor for the table below
    return Call(*args, **kwargs)


CASES: list[Case] = [
    # --- GenAI semantic conventions ------------------------------------------------------------
    Case("prices-openai-gpt-4o", "genai", "openai", [
        C("gpt-4o", 12_400, 820, cache_read=8_192, response_model="gpt-4o-2024-08-06"),
        C("gpt-4o", 18_950, 1_430, cache_read=12_288, response_model="gpt-4o-2024-08-06"),
        C("gpt-4o", 21_300, 610, cache_read=18_432, response_model="gpt-4o-2024-08-06"),
    ], "dated response model (same price), cache reads", zeros=True),
    Case("prices-openai-gpt-4o-2024-05-13", "genai", "openai", [
        C("gpt-4o", 6_200, 540, response_model="gpt-4o-2024-05-13"),
        C("gpt-4o", 9_800, 1_120, response_model="gpt-4o-2024-05-13"),
    ], "response model wins: gpt-4o-2024-05-13 has its own (higher) price"),
    Case("prices-openai-gpt-4o-mini", "genai", "openai", [
        C("gpt-4o-mini", 3_400, 260, cache_read=1_024, response_model="gpt-4o-mini-2024-07-18"),
        C("gpt-4o-mini", 5_100, 480, cache_read=3_072, response_model="gpt-4o-mini-2024-07-18"),
        C("gpt-4o-mini", 7_900, 350, cache_read=4_096, response_model="gpt-4o-mini-2024-07-18"),
    ], "dated response model, cache reads"),
    Case("prices-openai-gpt-4.1", "genai", "openai", [
        C("gpt-4.1", 28_000, 2_100, cache_read=16_384),
        C("gpt-4.1", 33_500, 1_650, cache_read=24_576, cache_write=4_000),
        C("gpt-4.1", 41_200, 3_300, cache_read=30_720),
    ], "cache reads; a cache write on a model without a write price (billed as input)"),
    Case("prices-openai-gpt-4.1-mini", "genai", "openai", [
        C("gpt-4.1-mini", 2_300, 180),
        C("gpt-4.1-mini", 4_700, 920, cache_read=2_048),
    ], "no response model: the request model is priced"),
    Case("prices-openai-gpt-5", "genai", "openai", [
        C("gpt-5", 15_600, 6_400, cache_read=9_216, reasoning=4_480, response_model="gpt-5-2025-08-07"),
        C("gpt-5", 24_100, 7_900, cache_read=14_336, reasoning=5_120, response_model="gpt-5-2025-08-07"),
    ], "reasoning tokens (inside output), cache reads"),
    Case("prices-openai-o3-price-cut", "genai", "openai", [
        C("o3", 9_400, 3_800, cache_read=4_096, reasoning=2_900, response_model="o3-2025-04-16", at=5),
        C("o3", 12_800, 4_600, cache_read=8_192, reasoning=3_300, response_model="o3-2025-04-16", at=75),
    ], "date-constrained price: first call on 2025-06-09 (old price), second on 2025-06-10 (cut)",
        start=datetime(2025, 6, 9, 23, 59, 0, tzinfo=UTC)),
    Case("prices-openai-o4-mini", "genai", "openai", [
        C("o4-mini", 7_300, 2_900, cache_read=3_072, reasoning=2_100, response_model="o4-mini-2025-04-16"),
        C("o4-mini", 8_800, 1_700, cache_read=6_144, reasoning=1_200, response_model="o4-mini-2025-04-16"),
        C("o4-mini", 10_250, 2_250, cache_read=7_168, reasoning=1_600, response_model="o4-mini-2025-04-16"),
    ], "cache reads, reasoning"),
    Case("prices-anthropic-claude-3-5-haiku", "genai", "anthropic", [
        C("claude-3-5-haiku-20241022", 4_800, 420, cache_write=3_900),
        C("claude-3-5-haiku-20241022", 5_300, 380, cache_read=3_900),
        C("claude-3-5-haiku-20241022", 6_900, 710, cache_read=3_900, cache_write=1_500),
    ], "cache writes and reads"),
    Case("prices-anthropic-claude-3-5-sonnet", "genai", "anthropic", [
        C("claude-3-5-sonnet-latest", 22_000, 1_900, cache_write=18_000, response_model="claude-3-5-sonnet-20241022"),
        C("claude-3-5-sonnet-latest", 24_500, 2_300, cache_read=18_000, response_model="claude-3-5-sonnet-20241022"),
        C("claude-3-5-sonnet-latest", 27_100, 1_200, cache_read=18_000, cache_write=2_400,
          response_model="claude-3-5-sonnet-20241022"),
    ], "deprecated cache attribute spellings, cache writes and reads", spelling="deprecated"),
    Case("prices-anthropic-claude-sonnet-4-long", "genai", "anthropic", [
        C("claude-sonnet-4-20250514", 231_000, 3_200, cache_write=180_000),
        C("claude-sonnet-4-20250514", 236_500, 2_700, cache_read=180_000),
    ], "> 200k prompts on a model priced flat in genai-prices (no long-context tier)"),
    Case("prices-anthropic-claude-sonnet-4-5-tiered", "genai", "anthropic", [
        C("claude-sonnet-4-5", 48_000, 1_800, cache_write=40_000, response_model="claude-sonnet-4-5-20250929"),
        C("claude-sonnet-4-5", 212_000, 4_100, cache_read=150_000, cache_write=30_000,
          response_model="claude-sonnet-4-5-20250929"),
        C("claude-sonnet-4-5", 238_000, 2_600, cache_read=180_000, response_model="claude-sonnet-4-5-20250929"),
    ], "tiered: > 200k total input (cache included) prices every token at the long-context rate"),
    Case("prices-anthropic-claude-opus-4", "genai", "anthropic", [
        C("claude-opus-4-20250514", 14_200, 1_650, cache_write=12_000),
        C("claude-opus-4-20250514", 16_800, 2_950, cache_read=12_000),
        C("claude-opus-4-20250514", 19_400, 880, cache_read=12_000, cache_write=3_000),
    ], "deprecated cache spellings, expensive model", spelling="deprecated"),
    Case("prices-anthropic-claude-haiku-4-5", "genai", "anthropic", [
        C("claude-haiku-4-5", 9_600, 1_050, cache_read=6_000, cache_write=2_500, response_model="claude-haiku-4-5-20251001"),
        C("claude-haiku-4-5", 11_200, 640, cache_read=8_500, response_model="claude-haiku-4-5-20251001"),
    ], "cache writes and reads, explicit zeros", zeros=True),
    Case("prices-google-gemini-2.5-pro-tiered", "genai", "gcp.gemini", [
        C("gemini-2.5-pro", 64_000, 2_400, cache_read=32_000),
        C("gemini-2.5-pro", 262_000, 5_800, cache_read=128_000),
    ], "tiered: one call under, one over 200k input"),
    Case("prices-google-gemini-2.5-pro-boundary", "genai", "gcp.vertex_ai", [
        C("gemini-2.5-pro", 200_000, 1_500, cache_read=100_000),
        C("gemini-2.5-pro", 200_001, 1_500, cache_read=100_000),
    ], "tier boundary: exactly 200000 is the base price, 200001 the tier"),
    Case("prices-google-gemini-2.5-flash", "genai", "gcp.gemini", [
        C("gemini-2.5-flash", 18_000, 1_300, cache_read=12_000),
        C("gemini-2.5-flash", 26_000, 2_100, cache_read=12_000, cache_write=8_000),
        C("gemini-2.5-flash", 31_500, 900, cache_read=20_000),
    ], "cache reads; a cache write with no write price (billed as input)"),
    Case("prices-google-gemini-2.0-flash", "genai", "gcp.gemini", [
        C("gemini-2.0-flash", 8_200, 650),
        C("gemini-2.0-flash", 9_900, 1_150, cache_read=4_096),
    ], "cheap model, cache read"),
    Case("prices-vertex-claude-sonnet-4-5-tiered", "genai", "gcp.vertex_ai", [
        C("claude-sonnet-4-5@20250929", 36_000, 1_200, cache_write=30_000),
        C("claude-sonnet-4-5@20250929", 245_000, 3_600, cache_read=200_000),
    ], "Anthropic on Vertex (google falls back to anthropic's models), tiered"),
    Case("prices-bedrock-claude-3-5-sonnet-v2", "genai", "aws.bedrock", [
        C("anthropic.claude-3-5-sonnet-20241022-v2:0", 13_500, 1_100, cache_write=10_000),
        C("anthropic.claude-3-5-sonnet-20241022-v2:0", 15_200, 1_750, cache_read=10_000),
        C("anthropic.claude-3-5-sonnet-20241022-v2:0", 17_900, 600, cache_read=10_000, cache_write=2_000),
    ], "Bedrock model id, cache writes and reads"),
    Case("prices-bedrock-claude-sonnet-4-profile", "genai", "aws.bedrock", [
        C("us.anthropic.claude-sonnet-4-20250514-v1:0", 21_000, 1_400, cache_write=16_000),
        C("us.anthropic.claude-sonnet-4-20250514-v1:0", 23_800, 2_050, cache_read=16_000),
    ], "Bedrock cross-region inference profile id, deprecated cache spellings", spelling="deprecated"),
    Case("prices-azure-gpt-4o", "genai", "azure.ai.openai", [
        C("gpt-4o", 7_700, 720, cache_read=2_048, response_model="gpt-4o-2024-11-20"),
        C("gpt-4o", 10_400, 1_380, cache_read=6_144, response_model="gpt-4o-2024-11-20"),
    ], "Azure OpenAI (azure falls back to openai's models)"),
    Case("prices-mistral-large", "genai", "mistral_ai", [
        C("mistral-large-latest", 11_000, 1_250),
        C("mistral-large-latest", 14_600, 1_900, cache_read=8_000),
    ], "a cache read on a model without a cache price (billed as input)"),
    Case("prices-mistral-small", "genai", "mistral_ai", [
        C("mistral-small-latest", 5_400, 700, cache_read=2_000),
        C("mistral-small-latest", 6_800, 1_050, cache_read=4_000),
        C("mistral-small-latest", 2_900, 300),
    ], "date-constrained price (newer price from 2026-03-16 applies)"),
    Case("prices-deepseek-chat-off-peak", "genai", "deepseek", [
        C("deepseek-chat", 16_000, 1_400, cache_read=9_000, at=5),
        C("deepseek-chat", 19_500, 2_200, cache_read=12_000, at=45),
        C("deepseek-chat", 23_000, 900, cache_read=16_000, at=80),
    ], "time-of-day price: first call 16:29:35 UTC (peak), the others after 16:30 (off-peak)",
        start=datetime(2026, 11, 2, 16, 29, 30, tzinfo=UTC)),
    Case("prices-deepseek-reasoner", "genai", "deepseek", [
        C("deepseek-reasoner", 6_300, 4_800, cache_read=2_500, reasoning=3_900),
        C("deepseek-reasoner", 9_100, 6_200, cache_read=5_000, reasoning=5_100),
    ], "peak-hours price, reasoning"),
    Case("prices-groq-llama-3.3-70b", "genai", "groq", [
        C("llama-3.3-70b-versatile", 3_800, 540),
        C("llama-3.3-70b-versatile", 4_900, 760),
        C("llama-3.3-70b-versatile", 6_100, 410),
    ], "no cache"),
    Case("prices-groq-gpt-oss-120b", "genai", "groq", [
        C("openai/gpt-oss-120b", 7_200, 1_800, cache_read=4_096),
        C("openai/gpt-oss-120b", 9_400, 2_600, cache_read=6_144),
    ], "model id with a slash, cache reads"),
    Case("prices-xai-grok-3", "genai", "x_ai", [
        C("grok-3", 12_300, 1_500, cache_read=6_000),
        C("grok-3", 15_800, 2_400, cache_read=10_000),
    ], "x_ai -> x-ai, cache reads"),
    Case("prices-xai-grok-4", "genai", "x_ai", [
        C("grok-4", 20_500, 3_900, cache_read=12_000, reasoning=2_700, response_model="grok-4-0709"),
        C("grok-4", 26_000, 5_100, cache_read=18_000, reasoning=3_800, response_model="grok-4-0709"),
    ], "dated response model, cache reads, reasoning"),
    Case("prices-cohere-command-r-plus", "genai", "cohere", [
        C("command-r-plus", 5_600, 820),
        C("command-r-plus", 7_400, 1_330),
    ], "no cache"),
    Case("prices-cohere-command-a", "genai", "cohere", [
        C("command-a", 9_800, 1_150, response_model="command-a-03-2025"),
        C("command-a", 12_600, 1_720, response_model="command-a-03-2025"),
        C("command-a", 4_300, 390, response_model="command-a-03-2025"),
    ], "dated response model"),
    Case("prices-perplexity-sonar", "genai", "perplexity", [
        C("sonar", 1_800, 640),
        C("sonar", 2_400, 910),
        C("sonar-pro", 3_100, 1_450),
    ], "per-request price on top of tokens; two models in one project"),
    Case("prices-moonshot-kimi-k2", "genai", "moonshotai", [
        C("kimi-k2-0905-preview", 14_000, 2_300, cache_read=8_000),
        C("kimi-k2-0905-preview", 17_500, 1_600, cache_read=12_000),
    ], "a provider that is not a semconv value: genai-prices' own id"),
    Case("prices-openrouter-gpt-4o-mini", "genai", "openrouter", [
        C("openai/gpt-4o-mini", 4_400, 520, cache_read=2_048),
        C("openai/gpt-4o-mini", 5_900, 730),
    ], "router-style model id on openrouter"),
    Case("prices-no-provider", "genai", None, [
        C("gpt-4o-mini", 3_600, 410, cache_read=1_024),
        C("gemini-2.5-flash-lite", 12_800, 990, cache_read=6_000),
        C("claude-3-5-haiku-20241022", 5_500, 620, cache_read=2_000, cache_write=2_500),
    ], "no provider attribute: genai-prices finds the provider from each model"),
    # --- OpenInference ---------------------------------------------------------------------------
    Case("prices-oi-openai", "openinference", "openai", [
        C("gpt-4o-mini", 4_200, 380, cache_read=2_048),
        C("gpt-4o-mini", 6_700, 560, cache_read=4_096),
        C("gpt-4.1-nano", 2_100, 150),
    ], "OpenInference llm.token_count.*, prompt_details.cache_read"),
    Case("prices-oi-anthropic", "openinference", "anthropic", [
        C("claude-3-5-haiku-20241022", 8_800, 720, cache_write=6_000),
        C("claude-3-5-haiku-20241022", 9_900, 1_040, cache_read=6_000, cache_write=1_200),
    ], "OpenInference prompt_details.cache_read and cache_write"),
    # --- Langfuse (disjoint usage_details buckets, no provider) ----------------------------------
    Case("prices-lf-anthropic-style", "langfuse", None, [
        C("claude-haiku-4-5-20251001", 12_000, 900, cache_read=7_000, cache_write=3_000),
        C("claude-haiku-4-5-20251001", 13_500, 1_250, cache_read=10_000),
    ], "usage_details input (uncached) + cache_read_input_tokens + cache_creation_input_tokens + output"),
    Case("prices-lf-openai-style", "langfuse", None, [
        C("gpt-4.1-mini-2025-04-14", 5_800, 640, cache_read=3_072),
        C("gpt-4.1-mini-2025-04-14", 7_300, 890, cache_read=5_120),
    ], "usage_details input (uncached) + input_cached_tokens + output (+ total)", langfuse_style="openai"),
    # --- explicit cost, unknown models, no tokens ------------------------------------------------
    Case("prices-explicit-cost", "genai", "openai", [
        C("gpt-4.1", 20_000, 1_500, cache_read=8_000, cost=0.0213),
        C("gpt-4.1", 26_000, 2_200, cache_read=16_000, cost=0.02875),
    ], "gen_ai.usage.cost on every call: the explicit sum wins over genai-prices"),
    Case("prices-unknown-model", "genai", "acme", [
        C("acme-llm-9000", 3_000, 400),
        C("acme-llm-9000", 4_500, 650),
    ], "unknown provider and model: tokens, no cost, listed as unpriced"),
    Case("prices-router-ref-no-provider", "genai", None, [
        C("openai/gpt-4o-mini", 2_600, 310, cache_read=1_024),
        C("openai/gpt-4o-mini", 3_300, 450),
    ], "router-style id with no provider: genai-prices alone finds none, spantop reads the prefix",
        truth_as=("openai", "gpt-4o-mini")),
    Case("prices-dspy-no-tokens", "dspy-no-tokens", "openai", [
        C("gpt-4o-mini", 0, 0), C("gpt-4o-mini", 0, 0),
    ], "DSPy/OpenInference CHAIN + LLM spans with a model and no token counts"),
    Case("prices-autogen-runtime", "autogen-no-tokens", None, [
        C("", 0, 0), C("", 0, 0), C("", 0, 0),
    ], "AutoGen runtime messaging spans: no model, no tokens"),
]


def _utc(ns: int) -> datetime:
    return datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=ns // 1_000)


def _ns(t: datetime) -> int:
    return (t - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1) * 1_000


def _schedule(case: Case, base_ns: int) -> list[tuple[int, int]]:
    """(start, end) ns of each call: sequential with ~100 tokens/s output unless `at` is set."""
    times, t = [], 0.05
    for call in case.calls:
        start = call.at if call.at is not None else t
        duration = 0.6 + call.output / 120 + call.input / 400_000
        times.append((base_ns + round(start * 1e6) * 1_000, base_ns + round((start + duration) * 1e6) * 1_000))
        t = start + duration + 0.3
    return times


def _cache_attrs(case: Case, call: Call) -> dict:
    read, write = (
        ("gen_ai.usage.cache_read_input_tokens", "gen_ai.usage.cache_creation_input_tokens")
        if case.spelling == "deprecated"
        else ("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_creation.input_tokens")
    )
    attrs = {}
    if call.cache_read or case.zeros:
        attrs[read] = call.cache_read
    if call.cache_write or case.zeros:
        attrs[write] = call.cache_write
    return attrs


def _emit_genai(tracer, case: Case, times, root_end: int) -> int:
    common = {"gen_ai.conversation.id": case.project}
    if case.provider is not None:
        common["gen_ai.provider.name"] = case.provider
    root = tracer.start_span(
        f"invoke_agent {case.agent}", kind=SpanKind.INTERNAL, start_time=times[0][0] - 20_000_000,
        attributes={**common, "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": case.agent},
    )
    ctx = trace.set_span_in_context(root)
    for call, (start, end) in zip(case.calls, times):
        span = tracer.start_span(
            f"chat {call.model}", context=ctx, kind=SpanKind.CLIENT, start_time=start,
            attributes={**common, "gen_ai.operation.name": "chat", "gen_ai.request.model": call.model},
        )
        usage = {
            "gen_ai.usage.input_tokens": call.input,
            "gen_ai.usage.output_tokens": call.output,
            **_cache_attrs(case, call),
        }
        if call.response_model:
            usage["gen_ai.response.model"] = call.response_model
        if call.reasoning:
            usage["gen_ai.usage.reasoning.output_tokens"] = call.reasoning
        if call.cost is not None:
            usage["gen_ai.usage.cost"] = call.cost
        span.set_attributes(usage)
        span.end(end_time=end)
    root.end(end_time=root_end)
    return len(case.calls) + 1


def _emit_openinference(tracer, case: Case, times, root_end: int, with_tokens: bool = True) -> int:
    root = tracer.start_span(
        f"{case.agent}.forward", start_time=times[0][0] - 20_000_000,
        attributes={"openinference.span.kind": "CHAIN", "session.id": case.project,
                    "input.value": json.dumps({"question": "Summarise the incident report."}),
                    "input.mime_type": "application/json"},
    )
    ctx = trace.set_span_in_context(root)
    for call, (start, end) in zip(case.calls, times):
        attrs = {"openinference.span.kind": "LLM", "session.id": case.project, "llm.model_name": call.model,
                 "llm.invocation_parameters": json.dumps({"temperature": 0.0})}
        if case.provider is not None:
            attrs["llm.provider"] = case.provider
            attrs["llm.system"] = case.provider
        if with_tokens:
            attrs.update({
                "llm.token_count.prompt": call.input,
                "llm.token_count.completion": call.output,
                "llm.token_count.total": call.input + call.output,
            })
            if call.cache_read:
                attrs["llm.token_count.prompt_details.cache_read"] = call.cache_read
            if call.cache_write:
                attrs["llm.token_count.prompt_details.cache_write"] = call.cache_write
        span = tracer.start_span("LM.__call__" if not with_tokens else "ChatCompletion", context=ctx,
                                 start_time=start, attributes=attrs)
        span.set_status(Status(StatusCode.OK))
        span.end(end_time=end)
    root.set_status(Status(StatusCode.OK))
    root.end(end_time=root_end)
    return len(case.calls) + 1


def _langfuse_usage(case: Case, call: Call) -> dict:
    uncached = call.input - call.cache_read - call.cache_write
    if case.langfuse_style == "openai":
        assert call.cache_write == 0, "OpenAI-style usage_details has no cache-write bucket"
        return {"input": uncached, "input_cached_tokens": call.cache_read, "output": call.output,
                "total": call.input + call.output}
    usage = {"input": uncached, "output": call.output}
    if call.cache_read:
        usage["cache_read_input_tokens"] = call.cache_read
    if call.cache_write:
        usage["cache_creation_input_tokens"] = call.cache_write
    return usage


def _emit_langfuse(tracer, case: Case, times, root_end: int) -> int:
    common = {"langfuse.session.id": case.project, "langfuse.trace.name": case.agent}
    root = tracer.start_span(case.agent, start_time=times[0][0] - 20_000_000,
                             attributes={**common, "langfuse.observation.type": "span"})
    ctx = trace.set_span_in_context(root)
    for call, (start, end) in zip(case.calls, times):
        span = tracer.start_span("generation", context=ctx, start_time=start, attributes={
            **common,
            "langfuse.observation.type": "generation",
            "langfuse.observation.model.name": call.model,
            "langfuse.observation.usage_details": json.dumps(_langfuse_usage(case, call)),
        })
        span.end(end_time=end)
    root.end(end_time=root_end)
    return len(case.calls) + 1


def _emit_autogen(tracer, case: Case, times, root_end: int) -> int:
    # AutoGen's runtime names spans "autogen <operation> <destination>" with messaging.* attributes.
    common = {"gen_ai.conversation.id": case.project}
    dest = "planner.(default)-A"
    root = tracer.start_span(f"autogen create {dest}", kind=SpanKind.PRODUCER, start_time=times[0][0] - 20_000_000,
                             attributes={**common, "messaging.operation": "create", "messaging.destination": dest})
    ctx = trace.set_span_in_context(root)
    for i, (start, end) in enumerate(times):
        operation, kind = ("process", SpanKind.CONSUMER) if i % 2 == 0 else ("publish", SpanKind.PRODUCER)
        target = dest if operation == "process" else "results.(default)-T"
        span = tracer.start_span(f"autogen {operation} {target}", context=ctx, kind=kind, start_time=start,
                                 attributes={**common, "messaging.operation": operation,
                                             "messaging.destination": target,
                                             "messaging.message.type": "TextMessage",
                                             "messaging.message.envelope.size": 512 + 64 * i})
        span.end(end_time=end)
    root.end(end_time=root_end)
    return len(times) + 1


def _truth_for(case: Case, times) -> dict:
    """Expected figures of the case's project, computed with genai-prices."""
    if case.shape in ("dspy-no-tokens", "autogen-no-tokens"):
        return {"shape": case.shape, "features": case.features, "tokens": None, "cost_usd": None,
                "cost_estimated": None, "models": sorted({c.model for c in case.calls if c.model}),
                "span_models": sorted({c.model for c in case.calls if c.model}),
                "providers": [], "unpriced": [], "calls": []}
    provider_id = None
    if case.provider is not None:
        provider_id = SEMCONV_TO_GENAI_PRICES.get(case.provider, case.provider)
    tokens, cost, calls, unpriced, providers = 0, 0.0, [], [], set()
    for call, (start, _) in zip(case.calls, times):
        tokens += call.input + call.output
        model_ref = call.priced_model
        call_provider = provider_id
        if case.truth_as is not None:
            call_provider, model_ref = case.truth_as
        usage = genai_prices.Usage(input_tokens=call.input, cache_read_tokens=call.cache_read,
                                   cache_write_tokens=call.cache_write, output_tokens=call.output)
        entry = {"model_ref": model_ref, "provider_id": provider_id, "start": _utc(start).isoformat(),
                 "input": call.input, "cache_read": call.cache_read, "cache_write": call.cache_write,
                 "output": call.output}
        try:
            price = genai_prices.calc_price(usage, model_ref, provider_id=call_provider,
                                            genai_request_timestamp=_utc(start))
        except LookupError as e:
            entry.update(price_usd=None, lookup_error=str(e))
            unpriced.append(model_ref)
        else:
            entry.update(price_usd=float(price.total_price), resolved=f"{price.provider.id}/{price.model.id}",
                         model_price=str(price.model_price))
            providers.add(price.provider.id)
        if call.cost is not None:
            entry["explicit_cost_usd"] = call.cost
        calls.append(entry)
    explicit = [c.cost for c in case.calls]
    if all(c is not None for c in explicit):
        cost = sum(explicit)
    elif unpriced:
        cost = None
    else:
        cost = sum(c["price_usd"] for c in calls)
    return {
        "shape": case.shape, "features": case.features, "tokens": tokens, "cost_usd": cost,
        # Priced call by call (or given explicitly): nothing about these costs is an estimate.
        "cost_estimated": False if cost is not None else None,
        "models": sorted({c.priced_model for c in case.calls}), "providers": sorted(providers),
        "span_models": sorted({m for c in case.calls for m in (c.model, c.response_model) if m}),
        "unpriced": sorted(set(unpriced)), "calls": calls,
    }


class _Checked:
    """Wraps an exporter and counts failed exports (the SDK only logs them)."""

    def __init__(self, inner) -> None:
        self.inner, self.failures, self.exports = inner, 0, 0

    def export(self, spans):
        result = self.inner.export(spans)
        self.exports += 1
        if result != SpanExportResult.SUCCESS:
            self.failures += 1
        return result

    def shutdown(self):
        return self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint")
    parser.add_argument("--truth")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.list:
        for case in CASES:
            models = ", ".join(dict.fromkeys(c.priced_model for c in case.calls if c.priced_model)) or "-"
            print(f"{case.project:44} {case.shape:18} {case.provider or '-':16} {models}\n{'':46}{case.features}")
        return 0
    if not args.truth:
        parser.error("--truth is required")

    exporter = None
    provider = new_tracer_provider("priced-calls")
    if args.endpoint:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        exporter = _Checked(OTLPSpanExporter(endpoint=args.endpoint))
        # No timer exports: only the flush below sends, so a run is one request per flush.
        provider.add_span_processor(BatchSpanProcessor(exporter, max_queue_size=4096, max_export_batch_size=1024,
                                                       schedule_delay_millis=3_600_000))
    truth: dict = {"genai_prices_version": metadata.version("genai-prices"), "spans": 0, "projects": {},
                   "unpriced_models": []}
    problems = []
    for index, case in enumerate(CASES):
        base_ns = _ns(case.start or BASE + index * CASE_SPACING)
        times = _schedule(case, base_ns)
        root_end = times[-1][1] + 50_000_000
        tracer = seeded_tracer(provider, 7000 + index, "spantop.interop.prices", "1.0.0")
        if case.shape == "genai":
            spans = _emit_genai(tracer, case, times, root_end)
        elif case.shape == "openinference":
            spans = _emit_openinference(tracer, case, times, root_end)
        elif case.shape == "dspy-no-tokens":
            spans = _emit_openinference(tracer, case, times, root_end, with_tokens=False)
        elif case.shape == "langfuse":
            spans = _emit_langfuse(tracer, case, times, root_end)
        elif case.shape == "autogen-no-tokens":
            spans = _emit_autogen(tracer, case, times, root_end)
        else:
            raise SystemExit(f"unknown shape {case.shape}")
        truth["spans"] += spans
        project = _truth_for(case, times)
        truth["projects"][case.project] = project
        truth["unpriced_models"] += [m for m in project["unpriced"] if m not in truth["unpriced_models"]]
        # Only the cases built to be unpriced may miss genai-prices; anything else is a typo.
        meant_unpriced = case.project == "prices-unknown-model"
        if bool(project["unpriced"]) != meant_unpriced:
            problems.append(f"{case.project}: unpriced {project['unpriced']} (expected "
                            f"{'some' if meant_unpriced else 'none'}): "
                            + "; ".join(c.get("lookup_error", "") for c in project["calls"] if c["price_usd"] is None))
    provider.force_flush()
    provider.shutdown()

    with open(args.truth, "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=2, sort_keys=True)
        f.write("\n")
    priced = [p for p in truth["projects"].values() if p["cost_usd"] is not None]
    print(f"emit_priced_calls: {len(truth['projects'])} projects ({len(priced)} priced), {truth['spans']} spans, "
          f"genai-prices {truth['genai_prices_version']}"
          + (f", {exporter.exports} export(s)" if exporter else ", dry run (nothing sent)"))
    for problem in problems:
        print(f"emit_priced_calls: {problem}", file=sys.stderr)
    if exporter and (exporter.failures or not exporter.exports):
        print(f"emit_priced_calls: {exporter.failures} of {exporter.exports} export(s) to {args.endpoint} failed",
              file=sys.stderr)
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
