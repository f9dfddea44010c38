#!/usr/bin/env bash
# Capture real agent-framework spans (and hand-built legacy shapes) as OTLP JSON lines fixtures.
#
#   Tests/Fixtures/agents-autogen.otlp.jsonl        + .truth.json   AutoGen 0.7 built-in tracing
#   Tests/Fixtures/agents-openinference.otlp.jsonl  + .truth.json   OpenAI Agents SDK + OpenInference
#   Tests/Fixtures/agents-legacy.otlp.jsonl         + .truth.json   GenAI events, OpenLLMetry, Langfuse, malformed
#   Tests/Fixtures/agents-langgraph.otlp.jsonl      + .truth.json   LangGraph (langchain create_agent) + OpenInference
#                                                   + .transcripts.json  the scripted conversations (check_transcripts.py)
#   Tests/Fixtures/agents-langfuse.otlp.jsonl       + .truth.json + .transcripts.json   Langfuse SDK observations
#   Tests/Fixtures/agents-openllmetry.otlp.jsonl    + .truth.json + .transcripts.json   Traceloop OpenAI instrumentation
#
# Offline at run time (PyPI only to build the venvs): scripted models, no API keys, nothing sent.
# Each framework has its own venv with exact pins (a stamp file records them; a venv built with
# other pins is rebuilt). The truths are re-derived from the written files by agents_truth.py.
# Ids and timestamps are seeded/simulated, so reruns are byte-identical (on the same Python:
# AutoGen's exception stack traces carry Python's traceback format and library line numbers).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/scripts"
# FIXTURES_DIR lets CI emit fresh fixtures elsewhere and compare them with the committed ones.
fixtures="${FIXTURES_DIR:-$root/Tests/Fixtures}"
python="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1  # keep __pycache__ out of scripts/

# OTEL_* settings (sampler, limits, resource attributes) would change what gets exported, and
# the frameworks' own switches would change what gets traced.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OTEL_' || true)
unset AUTOGEN_DISABLE_RUNTIME_TRACING OPENAI_AGENTS_DISABLE_TRACING OPENAI_AGENTS_DONT_LOG_MODEL_DATA \
    OPENAI_AGENTS_DONT_LOG_TOOL_DATA OPENAI_API_KEY OPENAI_BASE_URL OPENINFERENCE_HIDE_INPUTS \
    OPENINFERENCE_HIDE_OUTPUTS 2>/dev/null || true
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OPENINFERENCE_' || true)
# LangSmith tracing (LANGSMITH_TRACING, LANGCHAIN_TRACING_V2, ...) would add a second tracer.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(LANGSMITH|LANGCHAIN)_' || true)
# Langfuse's settings (LANGFUSE_TRACING_ENVIRONMENT, ...) and Traceloop's (TRACELOOP_TRACE_CONTENT)
# would change what the SDK and the instrumentation put on the spans.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(LANGFUSE|TRACELOOP)_' || true)

OTEL_PINS=(opentelemetry-api==1.45.2 opentelemetry-sdk==1.45.2 opentelemetry-exporter-otlp-json-file==0.66b1)
AUTOGEN_PINS=(autogen-agentchat==0.7.5 autogen-core==0.7.5 autogen-ext==0.7.5 "${OTEL_PINS[@]}")
OPENINFERENCE_PINS=(openai-agents==0.24.0 openai==3.63.0 openinference-instrumentation-openai-agents==2.6.0
    openinference-instrumentation==0.1.72 openinference-semantic-conventions==0.1.42 "${OTEL_PINS[@]}")
# langchain-core 1.8.3, not 1.8.4: 1.8.4 needs a langchain-protocol release PyPI does not serve.
LANGGRAPH_PINS=(langgraph==1.2.24 langgraph-prebuilt==1.1.3 langgraph-checkpoint==4.3.2 langchain==1.5.2
    langchain-core==1.8.3 openinference-instrumentation-langchain==0.1.80 openinference-instrumentation==0.1.72
    openinference-semantic-conventions==0.1.42 "${OTEL_PINS[@]}")
LANGFUSE_PINS=(langfuse==5.2.0 opentelemetry-exporter-otlp-proto-http==1.45.1 "${OTEL_PINS[@]}")
# opentelemetry-instrumentation-openai 0.54.0 is the last release writing the indexed
# gen_ai.prompt.{i}.* / gen_ai.completion.{i}.* attributes (0.55.0 moved to gen_ai.input.messages).
OPENLLMETRY_PINS=(opentelemetry-instrumentation-openai==0.54.0 opentelemetry-instrumentation==0.66b2
    opentelemetry-semantic-conventions-ai==0.5.1 openai==3.63.0 "${OTEL_PINS[@]}")

make_venv() { # DIR PACKAGE...
    local dir="$1"; shift
    local want="$*"
    if [[ -x "$dir/bin/python" && -f "$dir/.pins" && "$(cat "$dir/.pins")" == "$want" ]]; then
        return
    fi
    echo "creating $dir"
    rm -rf "$dir"
    "$python" -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check "$@"
    printf '%s' "$want" >"$dir/.pins"
}

make_venv "$root/.venv/agents-autogen" "${AUTOGEN_PINS[@]}"
make_venv "$root/.venv/agents-openinference" "${OPENINFERENCE_PINS[@]}"
make_venv "$root/.venv/agents-langgraph" "${LANGGRAPH_PINS[@]}"
make_venv "$root/.venv/agents-langfuse" "${LANGFUSE_PINS[@]}"
make_venv "$root/.venv/agents-openllmetry" "${OPENLLMETRY_PINS[@]}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$fixtures"

emit() { # VENV SCRIPT NAME [EXTRA ARGS...]
    local venv="$1" script="$2" name="$3"
    shift 3
    "$root/.venv/$venv/bin/python" "$scripts/$script" --out "$work/$name.otlp.jsonl" --truth "$work/$name.truth.json" "$@"
}

emit agents-autogen emit_autogen_agents.py agents-autogen
emit agents-openinference emit_openinference_agents.py agents-openinference
emit agents-autogen emit_legacy_agents.py agents-legacy  # SDK + JSON file exporter only
emit agents-langgraph emit_langgraph_agents.py agents-langgraph --transcripts "$work/agents-langgraph.transcripts.json"
emit agents-langfuse emit_langfuse_conversations.py agents-langfuse --transcripts "$work/agents-langfuse.transcripts.json"
emit agents-openllmetry emit_openllmetry_conversations.py agents-openllmetry \
    --transcripts "$work/agents-openllmetry.transcripts.json"

for name in agents-autogen agents-openinference agents-legacy agents-langgraph agents-langfuse agents-openllmetry; do
    cp "$work/$name.otlp.jsonl" "$work/$name.truth.json" "$fixtures/"
done
for name in agents-langgraph agents-langfuse agents-openllmetry; do
    cp "$work/$name.transcripts.json" "$fixtures/"
done

echo "fixtures written:"
cd "$fixtures"
du -b agents-autogen.* agents-openinference.* agents-legacy.* agents-langgraph.* agents-langfuse.* agents-openllmetry.*
