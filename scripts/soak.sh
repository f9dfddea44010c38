#!/usr/bin/env bash
# Soak test: a release `spantop serve --max-spans CAP` takes a steady stream of Eigent-shaped
# workforce runs over OTLP/HTTP; its resident memory must stay within 10% (+8 MB) of what it
# was when the cap was first reached, and the report it writes on exit must stay small.
# Three runs: every workforce run with new project/task/trace/span ids; the same runs (same
# ids) sent over and over; and the live TUI in tmux under the same stream (frames must keep
# coming). Figures go to BENCHMARKS.md §11.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/soak.sh [--spans N] [--rate N] [--cap N] [--tui-seconds N] [--only serve|repeat|tui] [--skip-build]
  --spans N        spans per serve run (default 10000000)
  --rate N         spans per second (default 40000)
  --cap N          --max-spans of the server (default 150000)
  --tui-seconds N  length of the live TUI run (default 180; 0 skips it)
  --only RUN       run just one of: serve (new ids), repeat (same ids), tui
  --skip-build     use the existing release build
Writes samples and reports to a temporary folder it names; exits 1 if any run fails.
EOF
}

spans=10000000
rate=40000
cap=150000
tui_seconds=180
only=""
build=1
while (($#)); do
    case "$1" in
    --spans) spans="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --cap) cap="$2"; shift 2 ;;
    --tui-seconds) tui_seconds="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "soak.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if ((build)); then
    echo "== swift build -c release"
    swift build -c release
fi
# BIN=DIR takes spantop and spantop-bench from DIR instead (e.g. an older build to compare).
bin="${BIN:-$(swift build -c release --show-bin-path)}"
work="$(mktemp -d /tmp/spantop-soak.XXXXXX)"
echo "== output in $work"
http_port=$((20000 + RANDOM % 20000))
grpc_port=$((http_port + 1))
failed=0

wait_for_port() {
    for _ in $(seq 1 100); do
        if curl -s -o /dev/null "http://127.0.0.1:$1/" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "soak.sh: nothing is listening on port $1" >&2
    return 1
}

# run_serve NAME REPEAT_EVERY: one serve run; REPEAT_EVERY 0 means new ids for every run.
run_serve() {
    local name="$1" repeat="$2"
    echo "== serve: $name"
    "$bin/spantop" serve --http "127.0.0.1:$http_port" --grpc "127.0.0.1:$grpc_port" --max-spans "$cap" \
        --report-json "$work/$name.report.json" --status-interval 0 2>"$work/$name.stderr" &
    local pid=$!
    wait_for_port "$http_port"
    local status=0
    "$bin/spantop-bench" soak --pid "$pid" --port "$http_port" --spans "$spans" --rate "$rate" --cap "$cap" \
        --repeat-every "$repeat" --samples "$work/$name.tsv" | tee "$work/$name.log" || status=$?
    kill -INT "$pid"
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "FAIL: serve did not stop within 60 s of SIGINT"
        kill -9 "$pid"
        status=1
    fi
    wait "$pid" || true
    local bytes
    bytes=$(stat -c %s "$work/$name.report.json" 2>/dev/null || echo 0)
    python3 - "$work/$name.report.json" "$bytes" <<'PY' || status=1
import json, sys
path, size = sys.argv[1], int(sys.argv[2])
r = json.load(open(path))
projects = r["projects"]
tasks = sum(len(p["task_list"]) for p in projects)
summaries = sum(1 for p in projects if p["evicted"])
print(f"report on exit: {size / 1e6:.1f} MB, {len(projects)} projects ({summaries} evicted summaries), "
      f"{tasks} tasks listed, {r['evicted_tasks']} tasks evicted, {r['dropped_projects']} summaries dropped")
if size > 64e6:
    sys.exit("FAIL: the report is not small")
PY
    ((status == 0)) || failed=1
}

run_tui() {
    echo "== live TUI in tmux for $tui_seconds s"
    local session="spantop-soak-$$"
    tmux kill-session -t "$session" 2>/dev/null || true
    TERM=xterm-256color tmux new-session -d -s "$session" -x 160 -y 45 \
        "$bin/spantop --http 127.0.0.1:$http_port --grpc 127.0.0.1:$grpc_port --max-spans $cap"
    local pid
    pid=$(tmux display-message -p -t "$session" '#{pane_pid}')
    wait_for_port "$http_port"
    # A screen capture every 5 s: they must keep changing while spans stream in.
    (
        for i in $(seq 1 $((tui_seconds / 5))); do
            sleep 5
            tmux capture-pane -p -t "$session" >"$work/tui-screen-$i.txt" 2>/dev/null || break
        done
    ) &
    local capturer=$!
    local status=0
    "$bin/spantop-bench" soak --pid "$pid" --port "$http_port" --spans $((rate * tui_seconds)) --rate "$rate" \
        --cap "$cap" --samples "$work/tui.tsv" | tee "$work/tui.log" || status=$?
    wait "$capturer" || true
    local screens distinct
    screens=$(ls "$work"/tui-screen-*.txt 2>/dev/null | wc -l)
    distinct=$(for f in "$work"/tui-screen-*.txt; do md5sum <"$f"; done | sort -u | wc -l)
    echo "TUI: $distinct different screens out of $screens captures (one every 5 s)"
    head -8 "$work/tui-screen-$screens.txt" 2>/dev/null || true
    if ((screens < 3 || distinct * 10 < screens * 9)); then
        echo "FAIL: the TUI stopped drawing new frames"
        status=1
    fi
    tmux send-keys -t "$session" q
    sleep 1
    tmux kill-session -t "$session" 2>/dev/null || true
    ((status == 0)) || failed=1
}

[[ -z "$only" || "$only" == serve ]] && run_serve new-ids 0
# 2,000 runs of 41 tasks are about 280,000 spans: twice the cap, so ids come back after eviction.
[[ -z "$only" || "$only" == repeat ]] && run_serve same-ids 2000
[[ (-z "$only" || "$only" == tui) && "$tui_seconds" -gt 0 ]] && run_tui
echo "== samples and reports in $work"
exit "$failed"
