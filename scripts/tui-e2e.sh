#!/usr/bin/env bash
# End-to-end test of the real binary in tmux: `spantop replay` of the fixture, keys sent
# like a user types them, the screen read back with capture-pane. Polls with a deadline;
# never sleeps a fixed time hoping the screen is ready.
#
#   scripts/tui-e2e.sh [path/to/spantop]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-$root/.build/debug/spantop}"
fixture="$root/Tests/Fixtures/workforce.otlp.jsonl"
agents="$root/Tests/Fixtures/agents-pydantic.otlp.jsonl"
session="spantop-e2e-$$"
prompt='E2E-PROMPT$ '

command -v tmux >/dev/null || { echo "tui-e2e: tmux is not installed" >&2; exit 1; }
[[ -x "$bin" ]] || { echo "tui-e2e: no binary at $bin (run swift build first)" >&2; exit 1; }

exports="$(mktemp -d)"
cleanup() {
    tmux kill-session -t "$session" 2>/dev/null || true
    rm -rf "$exports"
}
trap cleanup EXIT

screen() { tmux capture-pane -p -t "$session"; }

# wait_for DESCRIPTION SECONDS PATTERN...: every pattern (fixed strings) on screen at once.
wait_for() {
    local what="$1" seconds="$2"
    shift 2
    local deadline=$((SECONDS + seconds))
    while ((SECONDS < deadline)); do
        local shot all=1
        shot="$(screen)"
        for p in "$@"; do grep -qF -- "$p" <<<"$shot" || all=0; done
        ((all)) && return 0
        sleep 0.1
    done
    echo "tui-e2e: FAILED waiting for $what; the screen was:" >&2
    screen >&2
    exit 1
}

tmux -u new-session -d -s "$session" -x 120 -y 40 \
    "env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=\"$HOME\" SPANTOP_EXPORT_DIR=\"$exports\" LANG=C.UTF-8 TERM=xterm-256color PS1='$prompt' bash --norc --noprofile"
wait_for "the shell prompt" 10 "${prompt% }"

echo "== tui-e2e: replay opens and loads the fixture"
tmux send-keys -t "$session" "'$bin' replay --speed max '$fixture'" Enter
wait_for "the overview with every project" 20 "REPLAY" "proj-alpha" "proj-beta" "conv-genai-1" "■ max 15/15"

echo "== tui-e2e: enter on a workforce's root task opens its timeline; v shows worker lanes"
tmux send-keys -t "$session" j j Enter
wait_for "proj-alpha's task tree" 10 "Tasks › proj-alpha" "1767261600000-9343"
tmux send-keys -t "$session" Enter
wait_for "the timeline with its critical path" 10 "Timeline › proj-alpha" "◆ critical path 3 tasks" "◆ ✓ 1767261600000-9343.5"
tmux send-keys -t "$session" v
wait_for "worker lanes" 10 "Timeline › proj-alpha · workers" "developer_agent"
tmux send-keys -t "$session" v j Enter
wait_for "a timeline row opens its task" 10 "Waterfall › task 1767261600000-9343.1"
tmux send-keys -t "$session" Escape Escape 1
wait_for "the overview again" 10 "Projects  4 projects"

echo "== tui-e2e: the failures screen shows a failed task with its error text"
tmux send-keys -t "$session" 4
wait_for "the failures screen" 10 "7 failed attempts" "1767265200000-5932.2" "pytest exited with code 1"

echo "== tui-e2e: enter opens the failed attempt's waterfall, enter again its detail"
tmux send-keys -t "$session" j Enter
wait_for "the waterfall of the failed task" 10 "Waterfall › task 1767265200000-5932.2" "✗ task.execution"
tmux send-keys -t "$session" Enter
wait_for "the span detail" 10 "status: error — Command failed: pytest exited with code 1"

echo "== tui-e2e: e exports the trace as an OTLP JSON line that spantop report reads"
tmux send-keys -t "$session" e
wait_for "the export notice" 10 "exported" "spans to"
exported="$(ls "$exports"/spantop-trace-*.otlp.jsonl)"
"$bin" report --json "$exported" | grep -q '"task_list"' || { echo "tui-e2e: FAILED: export unreadable" >&2; exit 1; }

echo "== tui-e2e: a resize re-lays out; below 60×15 the screen says so"
tmux resize-window -t "$session" -x 50 -y 12
wait_for "the too-small notice" 10 "terminal too small: 50×12"
tmux resize-window -t "$session" -x 120 -y 40
wait_for "the detail again" 10 "status: error — Command failed"

echo "== tui-e2e: ? shows help; q quits and the prompt is back"
tmux send-keys -t "$session" '?'
wait_for "the help overlay" 10 "Keys — detail" "Everywhere"
tmux send-keys -t "$session" q
deadline=$((SECONDS + 10))
until [[ "$(screen | grep -v '^\s*$' | tail -1)" == "${prompt% }"* ]]; do
    if ((SECONDS >= deadline)); then
        echo "tui-e2e: FAILED: the shell prompt did not come back after q; the screen was:" >&2
        screen >&2
        exit 1
    fi
    sleep 0.1
done
if pgrep -f "$bin replay" >/dev/null; then
    echo "tui-e2e: FAILED: spantop still running after q" >&2
    exit 1
fi
echo "== tui-e2e: live: spans POSTed to the OTLP/HTTP receiver appear on screen"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
tmux send-keys -t "$session" "'$bin' live --grpc off --http 127.0.0.1:$port" Enter
wait_for "the live screen" 20 "LIVE" "OTLP/HTTP 127.0.0.1:$port" "waiting for spans"
# A real HTTP client (curl) sends the recorded workforce, one OTLP JSON request per line.
while IFS= read -r line; do
    [[ -z "$line" ]] && continue
    code="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "$line" "http://127.0.0.1:$port/v1/traces")"
    [[ "$code" == 200 ]] || { echo "tui-e2e: FAILED: the receiver answered $code" >&2; exit 1; }
done <"$fixture"
tmux send-keys -t "$session" 4
wait_for "the failed task, live" 10 "7 failed attempts" "1767265200000-5932.2" "pytest exited with code 1"
# A pydantic-ai run (real spans, captured offline) arrives live too: its failed tool shows.
while IFS= read -r line; do
    [[ -z "$line" ]] && continue
    code="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        --data-binary "$line" "http://127.0.0.1:$port/v1/traces")"
    [[ "$code" == 200 ]] || { echo "tui-e2e: FAILED: the receiver answered $code" >&2; exit 1; }
done <"$agents"
wait_for "the failed agent runs, live" 10 "9 failed attempts" "invoke_agent researcher" "fetch_page: 503 from"

# wait_prompt WHAT: the shell prompt is back on the last line (spantop exited, terminal restored).
wait_prompt() {
    local deadline=$((SECONDS + 10))
    until [[ "$(screen | grep -v '^\s*$' | tail -1)" == "${prompt% }"* ]]; do
        if ((SECONDS >= deadline)); then
            echo "tui-e2e: FAILED: the shell prompt did not come back after $1; the screen was:" >&2
            screen >&2
            exit 1
        fi
        sleep 0.1
    done
}

echo "== tui-e2e: SIGINT ends the live TUI as gracefully as q"
kill -INT "$(pgrep -f "$bin live --grpc off --http 127.0.0.1:$port")"
wait_prompt "SIGINT (live)"

echo "== tui-e2e: demo: the simulated workforce's spans arrive through the HTTP receiver"
tmux send-keys -t "$session" "'$bin' demo" Enter
wait_for "the demo's projects" 30 "DEMO" "research-agents" "support-bot" "travel-agents"
tmux send-keys -t "$session" q
wait_prompt "q (demo)"

echo "== tui-e2e: agents: a pydantic-ai coordinator and its researcher, tools, a loop, a failed tool"
tmux send-keys -t "$session" "'$bin' replay --speed max '$agents'" Enter
wait_for "the agent projects" 20 "REPLAY" "agents-delegation" "agents-tool-error"
tmux send-keys -t "$session" Enter
wait_for "the coordinator and its researcher" 10 "Tasks › agents-delegation" "▾ ◆ invoke_agent coordinator" \
    "◆ invoke_agent researcher"
tmux send-keys -t "$session" Escape j Enter
wait_for "the loop marker" 10 "Tasks › agents-loop" "↻ invoke_agent coordinator"
tmux send-keys -t "$session" Enter
wait_for "the loop in the run's waterfall" 10 '↻ check_status ×4 {"job_id":"42"}'
tmux send-keys -t "$session" 3
wait_for "the agents among the workers" 10 "coordinator" "researcher" "writer"
tmux send-keys -t "$session" t
wait_for "the tools" 10 "Workers › tools" "check_status" "fetch_page"
tmux send-keys -t "$session" 4
wait_for "the failed tool's error" 10 "invoke_agent researcher" "fetch_page: 503 from https://example.com/x"
tmux send-keys -t "$session" c
wait_for "the failing run's conversation at the failure" 10 "Conversation › invoke_agent researcher" \
    "✗ fetch_page #toolu_01 failed: fetch_page: 503 from https://example.com/x"
tmux send-keys -t "$session" / 5 0 3
wait_for "the search in the conversation" 10 '"503" · n next' "› "
tmux send-keys -t "$session" Enter Escape 2 m m a p l e
wait_for "the tasks whose conversations said it" 10 'said "maple": 2 tasks'
tmux send-keys -t "$session" Enter q
wait_prompt "q (agents)"

echo "== tui-e2e: passed"
