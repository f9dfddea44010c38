#!/usr/bin/env bash
# Regenerate the OTLP fixtures in Tests/Fixtures from real OpenTelemetry Python exporters.
#
#   Tests/Fixtures/workforce.otlp.jsonl   opentelemetry-exporter-otlp-json-file output
#   Tests/Fixtures/workforce-pb/NNNN.pb   raw OTLP/HTTP protobuf request bodies
#   Tests/Fixtures/workforce.truth.json   what spantop should derive from either
#
# The two exporters live in separate venvs (.venv/fixtures-json, .venv/fixtures-proto) so
# their dependency pins never meet. Ids and timestamps are seeded, so reruns are identical.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/scripts"
# FIXTURES_DIR lets CI emit fresh fixtures elsewhere and check spantop against them.
fixtures="${FIXTURES_DIR:-$root/Tests/Fixtures}"
python="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1  # keep __pycache__ out of scripts/

# OTEL_* settings (sampler, limits, headers, endpoints) would change what gets exported.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OTEL_' || true)

make_venv() { # DIR PACKAGE...
    local dir="$1"; shift
    if [[ ! -x "$dir/bin/python" ]]; then
        echo "creating $dir"
        "$python" -m venv "$dir"
        "$dir/bin/pip" install --quiet --disable-pip-version-check "$@"
    fi
}

make_venv "$root/.venv/fixtures-json" opentelemetry-sdk opentelemetry-exporter-otlp-json-file
make_venv "$root/.venv/fixtures-proto" opentelemetry-sdk opentelemetry-exporter-otlp-proto-http

work="$(mktemp -d)"
sink_pid=""
cleanup() {
    if [[ -n "$sink_pid" ]]; then kill "$sink_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$fixtures"

# 1. OTLP JSON lines.
"$root/.venv/fixtures-json/bin/python" "$scripts/emit_json_file.py" \
    "$fixtures/workforce.otlp.jsonl" "$work/truth-json.json"

# 2. OTLP/HTTP protobuf through the capture sink.
capture="$work/pb"
mkfifo "$work/sink.out"
"$python" "$scripts/capture_sink.py" 0 "$capture" --idle-exit 120 >"$work/sink.out" &
sink_pid=$!
read -r word port <"$work/sink.out"
[[ "$word" == PORT ]] || { echo "capture sink did not start" >&2; exit 1; }
"$root/.venv/fixtures-proto/bin/python" "$scripts/emit_proto_http.py" \
    "http://127.0.0.1:$port" "$capture" "$work/truth-proto.json"
kill "$sink_pid"
wait "$sink_pid" || true
sink_pid=""
rm -rf "$fixtures/workforce-pb"
cp -r "$capture" "$fixtures/workforce-pb"

# 3. Both exporters carried the same spans, so both truths must agree.
if ! cmp -s "$work/truth-json.json" "$work/truth-proto.json"; then
    diff "$work/truth-json.json" "$work/truth-proto.json" >&2 || true
    echo "JSON and protobuf fixtures disagree" >&2
    exit 1
fi
cp "$work/truth-json.json" "$fixtures/workforce.truth.json"

echo "fixtures written:"
cd "$root"
du -b "$fixtures/workforce.otlp.jsonl" "$fixtures/workforce.truth.json" "$fixtures"/workforce-pb/*.pb
