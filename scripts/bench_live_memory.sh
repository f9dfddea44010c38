#!/usr/bin/env bash
# Memory per span live: the resident growth of a release `spantop serve` while 1.2M
# Eigent-shaped spans in 8 projects (as `spantop-bench memory` stores them) are posted to it over
# OTLP/HTTP, nothing evicted, divided by the spans.
#
#   scripts/bench_live_memory.sh [SPANTOP [SPANS]]
#
# SPANTOP defaults to .build/release/spantop; VS=OTHER measures a second binary after it, on
# the same load. The sender is .build/release/spantop-bench (`soak` at 60,000 spans/s).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spantop="${1:-$root/.build/release/spantop}"
spans="${2:-1200000}"
bench="${BENCH:-$root/.build/release/spantop-bench}"
port="${PORT:-24918}"
for bin in "$spantop" "$bench" ${VS:+"$VS"}; do
    [[ -x "$bin" ]] || { echo "bench_live_memory: $bin is missing (swift build -c release)" >&2; exit 2; }
done

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

measure() {  # prints "bytes/span" for one binary
    local bin="$1" log
    log="$(mktemp)"
    "$bin" serve --http "127.0.0.1:$port" --grpc off --max-spans $((spans * 2)) >"$log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 100); do
        grep -q "listening\|OTLP/HTTP" "$log" 2>/dev/null && break
        sleep 0.1
    done
    sleep 1
    local before
    before=$(rss_kb "$pid")
    "$bench" soak --port "$port" --pid "$pid" --spans "$spans" --rate 60000 --projects 8 --cap "$spans" >/dev/null || true
    local after
    after=$(rss_kb "$pid")
    kill -INT "$pid"
    wait "$pid" 2>/dev/null || true
    rm -f "$log"
    python3 -c "b, a, n = $before, $after, $spans; print(f'RSS {b/1024:.1f} -> {a/1024:.1f} MB over {n:,} spans = {(a - b) * 1024 / n:.1f} bytes/span')"
}

echo "live memory: $spans Eigent-shaped spans over OTLP/HTTP into serve (--max-spans $((spans * 2)))"
for bin in "$spantop" ${VS:+"$VS"}; do
    printf '%-40s %s\n' "$(basename "$(dirname "$bin")")/$(basename "$bin")" "$(measure "$bin")"
done
