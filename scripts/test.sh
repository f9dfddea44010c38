#!/usr/bin/env bash
# Runs every test: the Swift suites (unit, differential, bad input, receivers, forwarding, CLI,
# screen snapshots), the TUI end-to-end runs in tmux (replay and live), and the interop checks:
# the fixtures re-emitted with the real OpenTelemetry exporters from PyPI, real OTLP clients
# (gRPC, HTTP protobuf/gzip/JSON, the Langfuse SDK) sending to `spantop serve`, and forwarding
# checked by a sink that decodes with the official opentelemetry-proto package.
#
#   scripts/test.sh              everything
#   SPANTOP_SKIP_INTEROP=1 ...   Swift suites only (no PyPI access needed)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

echo "== swift build"
swift build --build-tests

echo "== swift test"
swift test --skip-build

echo "== TUI end-to-end in tmux (the real binary)"
scripts/tui-e2e.sh "$(swift build --show-bin-path)/spantop"

if [[ "${SPANTOP_SKIP_INTEROP:-0}" != 1 ]]; then
    echo "== interop: fresh fixtures from opentelemetry-sdk exporters (JSON file + OTLP/HTTP protobuf)"
    fresh="$(mktemp -d)"
    trap 'rm -rf "$fresh"' EXIT
    FIXTURES_DIR="$fresh" scripts/make-fixtures.sh
    SPANTOP_FIXTURES="$fresh" swift test --skip-build --filter FixtureTruthTests

    echo "== interop: real OTLP clients and the Langfuse SDK against spantop serve"
    scripts/interop-receivers.sh
    echo "== interop: costs against genai-prices"
    scripts/interop-prices.sh
    echo "== interop: critical path, waste, outliers, budget and diff on generated DAG workforces"
    scripts/interop-insights.sh
    echo "== interop: pydantic-ai multi-agent runs (live to serve, recorded, fixture; --fail-on loops)"
    scripts/interop-agents.sh
    echo "== interop: spantop mcp with the Python MCP client; the query API under live load"
    scripts/interop-mcp.sh
    echo "== interop: forwarding checked by an opentelemetry-proto sink"
    scripts/interop-forward.sh
fi

echo "== all tests passed"
