#!/usr/bin/env bash
# Capture real pydantic-ai multi-agent runs as spantop fixtures (no network, no API keys: scripted
# FunctionModels), with pydantic-ai's own OpenTelemetry instrumentation:
#
#   Tests/Fixtures/agents-pydantic.otlp.jsonl   OTLP JSON lines (opentelemetry-exporter-otlp-json-file),
#                                               one line per scenario: delegation, loop, tool-error, truncated
#   Tests/Fixtures/agents-pydantic.truth.json   what each scenario did, derived from the captured spans
#
# Venv: .venv/agents-pydantic with the pins in scripts/lib/pydantic-agents-venv.sh. Ids are seeded
# and span times come from a simulated clock, so a rerun in the same checkout is byte-identical
# (exception stack traces hold the checkout's and the venv's absolute paths).
#
#   scripts/capture-agent-fixtures.sh    (FIXTURES_DIR overrides the folder)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/scripts"
fixtures="${FIXTURES_DIR:-$root/Tests/Fixtures}"
python="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1  # keep __pycache__ out of scripts/

# OTEL_* settings (sampler, limits, headers, endpoints) would change what gets exported.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OTEL_' || true)

# shellcheck source=lib/pydantic-agents-venv.sh
source "$scripts/lib/pydantic-agents-venv.sh"
pydantic_agents_venv

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Written aside first, so a failed run leaves the committed fixtures as they were.
"$agents_python" "$scripts/emit_pydantic_agents.py" \
    --out "$work/agents-pydantic.otlp.jsonl" --truth "$work/agents-pydantic.truth.json" \
    || { echo "FAIL capture-agent-fixtures: emit_pydantic_agents.py" >&2; exit 1; }

mkdir -p "$fixtures"
cp "$work/agents-pydantic.otlp.jsonl" "$work/agents-pydantic.truth.json" "$fixtures/"
echo "fixtures written:"
du -b "$fixtures/agents-pydantic.otlp.jsonl" "$fixtures/agents-pydantic.truth.json"
