#!/usr/bin/env bash
# `spantop report --json` on an OTLP JSON lines recording vs orjson merely parsing the same
# lines (best of 3 each): the "report ≤ 0.5× orjson" figure of BENCHMARKS.md.
#
#   scripts/bench_report_vs_orjson.sh [SPANTOP [SPANS]]
#
# SPANTOP defaults to .build/release/spantop (build it with `swift build -c release`); a second
# binary to compare goes in VS=OTHER_SPANTOP. The recording is written by spantop-bench
# (.build/release/spantop-bench, `swift build -c release --product spantop-bench`) with SPANS
# spans (default 306000, ~224 MB). orjson comes from PyPI into a throwaway venv.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
spantop="${1:-$root/.build/release/spantop}"
spans="${2:-306000}"
bench="${BENCH:-$root/.build/release/spantop-bench}"
for bin in "$spantop" "$bench" ${VS:+"$VS"}; do
    [[ -x "$bin" ]] || { echo "bench_report_vs_orjson: $bin is missing (swift build -c release)" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check orjson
orjson_version="$("$work/venv/bin/python" -c 'import importlib.metadata as m; print(m.version("orjson"))')"

file="$work/recording.jsonl"
"$bench" write-jsonl --spans "$spans" --file "$file" >/dev/null
bytes=$(stat -c %s "$file")

best_of_3() {  # prints the best wall time in seconds of three runs of "$@"
    python3 - "$@" <<'PY'
import subprocess, sys, time
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
    best = min(best, time.perf_counter() - start)
print(f"{best:.3f}")
PY
}

orjson_s=$("$work/venv/bin/python" "$root/scripts/bench_json_loads.py" "$file" --orjson \
    | python3 -c 'import json, sys; print("%.3f" % json.load(sys.stdin)["seconds"])')

echo "recording: $spans spans, $((bytes / 1000000)) MB of OTLP JSON lines; orjson $orjson_version (file read up front, parse only)"
echo "orjson parsing every line, best of 3:      ${orjson_s} s"
for bin in "$spantop" ${VS:+"$VS"}; do
    s=$(best_of_3 "$bin" report --json "$file")
    ratio=$(python3 -c "print($s / $orjson_s)")
    printf '%-40s report --json, best of 3: %s s  (%.2f× orjson)\n' "$(basename "$(dirname "$bin")")/$(basename "$bin")" "$s" "$ratio"
done
