#!/usr/bin/env bash
# `spantop mcp` and the query API against real clients: the official Python MCP client (`mcp`
# from PyPI) over stdio, on the committed pydantic-ai recording and over --connect to a live
# `spantop serve` holding the same spans; raw malformed JSON-RPC; then the query API under a
# live load (every post and every query answered 200, the final answers equal to the report of
# the recording). check_mcp.py does the comparing.
#
#   scripts/interop-mcp.sh    (after swift build; SPANTOP_BIN overrides the binary)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/scripts"
spantop="${SPANTOP_BIN:-$(cd "$root" && swift build --show-bin-path)/spantop}"
python="${PYTHON:-python3}"
fixture="$root/Tests/Fixtures/agents-pydantic.otlp.jsonl"
export PYTHONDONTWRITEBYTECODE=1
[[ -x "$spantop" ]] || { echo "FAIL interop-mcp: no binary at $spantop" >&2; exit 1; }

venv="$root/.venv/interop-mcp"
pins="mcp==2.3.0"
if [[ ! -x "$venv/bin/python" || "$(cat "$venv/.pins" 2>/dev/null)" != "$pins" ]]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check $pins
    printf '%s' "$pins" >"$venv/.pins"
fi
py="$venv/bin/python"

# shellcheck source=lib/serve.sh
source "$scripts/lib/serve.sh"

"$spantop" report --json "$fixture" >"$work/report.json"
"$spantop" transcript "$fixture" --task 83fa3269d734a52b6f0aa4af9b26d5df --json >"$work/transcript.json"

echo "== mcp: the Python MCP client over a recording"
"$py" "$scripts/check_mcp.py" tools "$spantop" "$work/report.json" "$work/transcript.json" -- "$fixture"
"$py" "$scripts/check_mcp.py" malformed "$spantop" -- "$fixture"

echo "== mcp: the Python MCP client over --connect to a live serve"
start_server live
url="http://127.0.0.1:$http_port"
while IFS= read -r line; do
    curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "$line" "$url/v1/traces"
done <"$fixture"
"$py" "$scripts/check_mcp.py" tools "$spantop" "$work/report.json" "$work/transcript.json" -- --connect "$url"

echo "== query API: queries while spans keep arriving"
"$python" "$scripts/make-content-workload.py" "$fixture" 3000 "$work/load.jsonl" 2>/dev/null
"$py" "$scripts/check_mcp.py" load "$url" "$work/load.jsonl" 300 >"$work/overview.json"
stop_server live
"$spantop" report --json "$work/live.jsonl" >"$work/live-report.json"
"$py" - "$work/overview.json" "$work/live-report.json" "$work/live.report.json" <<'PY'
import json, sys
overview, recorded, on_exit = (json.load(open(p)) for p in sys.argv[1:4])
ok = True
for name, report in (("the recording's report", recorded), ("serve's report on exit", on_exit)):
    want = {p["id"]: p["tasks"] for p in report["projects"]}
    have = {p["id"]: p["tasks"] for p in overview["projects"]}
    if overview["spans"] != report["spans"] or have != want:
        print(f"FAIL query API: the last overview ({overview['spans']} spans) differs from {name} ({report['spans']})")
        ok = False
sys.exit(0 if ok else 1)
PY
echo "== mcp: over --connect to a replay answering the query API (replay --api, in tmux)"
port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
session="spantop-mcp-$$"
tmux new-session -d -s "$session" -x 120 -y 40 "'$spantop' replay --speed max --api 127.0.0.1:$port '$fixture'"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; cleanup' EXIT
loaded=""
for _ in $(seq 1 200); do  # up to 20 s
    if curl -sf "http://127.0.0.1:$port/api/v1/overview" 2>/dev/null | grep -q '"spans": 32,'; then loaded=1; break; fi
    sleep 0.1
done
[[ -n "$loaded" ]] || { tmux capture-pane -t "$session" -p >&2; echo "FAIL interop-mcp: the replay's query API never showed 32 spans" >&2; exit 1; }
status="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data '{}' "http://127.0.0.1:$port/v1/traces")"
[[ "$status" == 404 ]] || { echo "FAIL interop-mcp: a replay took an export ($status)" >&2; exit 1; }
"$py" "$scripts/check_mcp.py" tools "$spantop" "$work/report.json" "$work/transcript.json" -- --connect "http://127.0.0.1:$port"
tmux send-keys -t "$session" q
echo "== mcp and query API: passed"
