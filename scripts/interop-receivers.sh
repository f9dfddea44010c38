#!/usr/bin/env bash
# Real OTLP clients against `spantop serve` on free loopback ports; after each, the report
# JSON must show what the client emitted, with nothing rejected:
#   1. the Eigent-shaped workforce (and GenAI/DSPy traces) over OTLP/gRPC
#   2. the same over OTLP/HTTP protobuf, then HTTP protobuf with gzip
#   3. the same over OTLP/HTTP JSON (opentelemetry-exporter-otlp-json-http, its own venv)
#   4. the Langfuse Python SDK (LANGFUSE_BASE_URL -> spantop): @observe + a nested generation
#
#   scripts/interop-receivers.sh    (after swift build; SPANTOP_BIN overrides the binary)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/scripts"
spantop="${SPANTOP_BIN:-$(cd "$root" && swift build --show-bin-path)/spantop}"
python="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1
# OTEL_* and LANGFUSE_* settings from the environment would change what gets exported.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(OTEL_|LANGFUSE_)' || true)

make_venv() { # DIR PACKAGE...
    local dir="$1"; shift
    if [[ ! -x "$dir/bin/python" ]]; then
        echo "creating $dir"
        "$python" -m venv "$dir"
        "$dir/bin/pip" install --quiet --disable-pip-version-check "$@"
    fi
}
make_venv "$root/.venv/interop-otlp" opentelemetry-sdk opentelemetry-exporter-otlp-proto-grpc \
    opentelemetry-exporter-otlp-proto-http
make_venv "$root/.venv/interop-json" opentelemetry-sdk opentelemetry-exporter-otlp-json-http
make_venv "$root/.venv/interop-langfuse" langfuse

# shellcheck source=lib/serve.sh
source "$root/scripts/lib/serve.sh"

# check NAME ARGS...: the report against a truth; the recording must report the same.
check() {
    local name="$1"; shift
    "$python" "$scripts/check_report.py" "$work/$name.report.json" "$@" || {
        echo "FAIL $name (server log below)" >&2; cat "$work/$name.err" >&2; exit 1; }
    "$spantop" report --json "$work/$name.jsonl" >"$work/$name.replay.json"
    cmp -s "$work/$name.report.json" "$work/$name.replay.json" || {
        echo "FAIL $name: the recording's report differs from the live report" >&2; exit 1; }
    echo "ok   $name"
}

run_otel() { # NAME VENV MODE
    local name="$1" venv="$2" mode="$3" endpoint
    start_server "$name"
    if [[ "$mode" == grpc ]]; then endpoint="127.0.0.1:$grpc_port"; else endpoint="127.0.0.1:$http_port"; fi
    (cd "$scripts" && "$root/.venv/$venv/bin/python" emit_live.py "$mode" "$endpoint" "$work/$name.truth.json") \
        >"$work/$name.client" 2>&1 || { cat "$work/$name.client" >&2; echo "FAIL $name: client" >&2; exit 1; }
    stop_server "$name"
    check "$name" "$work/$name.truth.json" --spans 64
}

echo "== interop: real OTLP clients -> spantop serve"
run_otel grpc interop-otlp grpc
run_otel http-protobuf interop-otlp http-proto
run_otel http-protobuf-gzip interop-otlp http-proto-gzip
run_otel http-json interop-json http-json

start_server langfuse
LANGFUSE_BASE_URL="http://127.0.0.1:$http_port" LANGFUSE_HOST="http://127.0.0.1:$http_port" \
    LANGFUSE_PUBLIC_KEY=pk-lf-test LANGFUSE_SECRET_KEY=sk-lf-test \
    "$root/.venv/interop-langfuse/bin/python" "$scripts/emit_langfuse.py" >"$work/langfuse.client" 2>&1 \
    || { cat "$work/langfuse.client" >&2; echo "FAIL langfuse: client" >&2; exit 1; }
stop_server langfuse
check langfuse --langfuse interop-session gpt-4o-mini 150
echo "== interop: all clients passed"
