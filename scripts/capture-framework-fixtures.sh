#!/usr/bin/env bash
# Capture real agent-framework spans (and hand-built legacy shapes) as OTLP JSON lines fixtures.
#
#   Tests/Fixtures/agents-autogen.otlp.jsonl        + .truth.json   AutoGen 0.7 built-in tracing
#   Tests/Fixtures/agents-openinference.otlp.jsonl  + .truth.json   OpenAI Agents SDK + OpenInference
#   Tests/Fixtures/agents-legacy.otlp.jsonl         + .truth.json   GenAI events, OpenLLMetry, Langfuse, malformed
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

OTEL_PINS=(opentelemetry-api==1.45.2 opentelemetry-sdk==1.45.2 opentelemetry-exporter-otlp-json-file==0.66b1)
AUTOGEN_PINS=(autogen-agentchat==0.7.5 autogen-core==0.7.5 autogen-ext==0.7.5 "${OTEL_PINS[@]}")
OPENINFERENCE_PINS=(openai-agents==0.24.0 openai==3.63.0 openinference-instrumentation-openai-agents==2.6.0
    openinference-instrumentation==0.1.72 openinference-semantic-conventions==0.1.42 "${OTEL_PINS[@]}")

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

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$fixtures"

emit() { # VENV SCRIPT NAME
    "$root/.venv/$1/bin/python" "$scripts/$2" --out "$work/$3.otlp.jsonl" --truth "$work/$3.truth.json"
}

emit agents-autogen emit_autogen_agents.py agents-autogen
emit agents-openinference emit_openinference_agents.py agents-openinference
emit agents-autogen emit_legacy_agents.py agents-legacy  # SDK + JSON file exporter only

for name in agents-autogen agents-openinference agents-legacy; do
    cp "$work/$name.otlp.jsonl" "$work/$name.truth.json" "$fixtures/"
done

echo "fixtures written:"
cd "$fixtures"
du -b agents-autogen.* agents-openinference.* agents-legacy.*
