#!/usr/bin/env bash
# spantop's per-call costs against pydantic's genai-prices: emit_priced_calls.py sends LLM calls
# of ~40 models from 13 providers (GenAI semconv, OpenInference and Langfuse shapes; cache reads
# and writes, long-context tiers, date and time-of-day prices, per-request prices, explicit
# costs, unknown models, token-less projects) over OTLP/HTTP protobuf to `spantop serve`, and
# writes what genai-prices says each project costs; check_prices.py compares that with the
# report JSON written on SIGTERM. The recording must report the same.
#
#   scripts/interop-prices.sh    (after swift build; SPANTOP_BIN overrides the binary)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/scripts"
spantop="${SPANTOP_BIN:-$(cd "$root" && swift build --show-bin-path)/spantop}"
python="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1
# OTEL_* and LANGFUSE_* settings from the environment would change what gets exported.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(OTEL_|LANGFUSE_)' || true)

# The truth comes from the genai-prices release spantop's table was generated from (update-prices.py
# stamps it), so a newer release on PyPI cannot fail the check with data spantop does not ship yet.
data="$root/Sources/SpanCore/Pricing/Generated/PriceData.swift"
version="$(sed -n 's/^ *static let version = "\([^"]*\)".*/\1/p' "$data" 2>/dev/null | head -1)"
[[ -n "$version" ]] || { echo "interop-prices: no genai-prices version in $data (run scripts/update-prices.sh)" >&2; exit 1; }

venv="$root/.venv/interop-prices"
if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check opentelemetry-sdk \
        opentelemetry-exporter-otlp-proto-http "genai-prices==$version"
fi
installed="$("$venv/bin/python" -c 'from importlib.metadata import version; print(version("genai-prices"))' 2>/dev/null || true)"
if [[ "$installed" != "$version" ]]; then  # an older venv, from before update-prices moved on
    echo "interop-prices: genai-prices ${installed:-missing} in $venv; installing $version (spantop's table)"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "genai-prices==$version"
fi

# shellcheck source=lib/serve.sh
source "$root/scripts/lib/serve.sh"

start_server prices
"$venv/bin/python" "$scripts/emit_priced_calls.py" --endpoint "http://127.0.0.1:$http_port/v1/traces" \
    --truth "$work/prices.truth.json" >"$work/prices.client" 2>&1 \
    || { cat "$work/prices.client" >&2; echo "FAIL interop-prices: client" >&2; exit 1; }
stop_server prices

"$python" "$scripts/check_prices.py" "$work/prices.truth.json" "$work/prices.report.json" || {
    echo "FAIL interop-prices: costs differ from genai-prices $version (server log below)" >&2
    cat "$work/prices.err" >&2; exit 1; }
# Replaying the recording prices every call again: it must come to the same report.
"$spantop" report --json "$work/prices.jsonl" >"$work/prices.replay.json"
cmp -s "$work/prices.report.json" "$work/prices.replay.json" || {
    echo "FAIL interop-prices: the recording's report differs from the live report" >&2; exit 1; }
echo "ok   costs match genai-prices $version (live and replayed)"
