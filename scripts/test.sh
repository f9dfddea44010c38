#!/usr/bin/env bash
# Runs every test: the Swift suites (unit, differential, bad input, receivers, CLI) and the
# interop checks: the fixtures re-emitted with the real OpenTelemetry exporters from PyPI, and
# real OTLP clients (gRPC, HTTP protobuf/gzip/JSON, the Langfuse SDK) sending to `spantop serve`.
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

if [[ "${SPANTOP_SKIP_INTEROP:-0}" != 1 ]]; then
    echo "== interop: fresh fixtures from opentelemetry-sdk exporters (JSON file + OTLP/HTTP protobuf)"
    fresh="$(mktemp -d)"
    trap 'rm -rf "$fresh"' EXIT
    FIXTURES_DIR="$fresh" scripts/make-fixtures.sh
    SPANTOP_FIXTURES="$fresh" swift test --skip-build --filter FixtureTruthTests

    scripts/interop-receivers.sh
fi

echo "== all tests passed"
