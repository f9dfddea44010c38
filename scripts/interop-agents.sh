#!/usr/bin/env bash
# spantop's agent view against real pydantic-ai runs: emit_pydantic_agents.py runs scripted
# multi-agent scenarios (delegation, loop, tool-error, truncated; FunctionModels, no network)
# under pydantic-ai's own OpenTelemetry instrumentation and sends them over OTLP/HTTP protobuf to
# `spantop serve --exit-after-idle 3`; check_agents.py compares with the truth the emitter derived
# from its own spans:
#   the live report (--report-json), `spantop report --json` of the --record'ing, and
#   `spantop report --json` of the committed Tests/Fixtures/agents-pydantic.otlp.jsonl (its truth)
# then `spantop report --fail-on loops`: exit 3 on the fixture, 0 on the delegation scenario alone.
# The live truth must equal the committed one (else the fixtures are stale).
#
#   scripts/interop-agents.sh    (after swift build; SPANTOP_BIN overrides the binary,
#                                 FIXTURES_DIR the fixtures folder)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scripts="$root/scripts"
fixtures="${FIXTURES_DIR:-$root/Tests/Fixtures}"
spantop="${SPANTOP_BIN:-$(cd "$root" && swift build --show-bin-path)/spantop}"
python="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1
# OTEL_* settings from the environment would change what gets exported.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^OTEL_' || true)

[[ -x "$spantop" ]] || { echo "FAIL interop-agents: no binary at $spantop" >&2; exit 1; }
for f in agents-pydantic.otlp.jsonl agents-pydantic.truth.json; do
    [[ -f "$fixtures/$f" ]] || { echo "FAIL interop-agents: no $fixtures/$f (run scripts/capture-agent-fixtures.sh)" >&2; exit 1; }
done

# shellcheck source=lib/pydantic-agents-venv.sh
source "$scripts/lib/pydantic-agents-venv.sh"
pydantic_agents_venv

work="$(mktemp -d)"
server_pid="" emit_pid=""
cleanup() {
    if [[ -n "$emit_pid" ]]; then kill "$emit_pid" 2>/dev/null || true; fi
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

failed=0
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# 1. Live. The emitter starts first and reads the endpoint from a FIFO once Python's imports are
#    done, so serve's 3 s idle limit only has to cover the sending itself.
mkfifo "$work/endpoint"
"$agents_python" "$scripts/emit_pydantic_agents.py" --endpoint-file "$work/endpoint" \
    --truth "$work/live.truth.json" >"$work/emit.out" 2>&1 &
emit_pid=$!

: >"$work/serve.err"
"$spantop" serve --grpc off --http 127.0.0.1:0 --status-interval 0 --exit-after-idle 3 --fail-on loops \
    --record "$work/live.jsonl" --report-json "$work/live.report.json" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 200); do  # up to 10 s
    if grep -q '^spantop: listening:' "$work/serve.err"; then break; fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; echo "FAIL interop-agents: serve did not start" >&2; exit 1; }
    sleep 0.05
done
http_port="$(sed -n 's/.*OTLP\/HTTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/serve.err" | head -1)"
[[ -n "$http_port" ]] || { cat "$work/serve.err" >&2; echo "FAIL interop-agents: no HTTP port in serve's log" >&2; exit 1; }

exec 3<>"$work/endpoint"  # read-write: never blocks, even if the emitter has already died
echo "http://127.0.0.1:$http_port" >&3
emit_rc=0
wait "$emit_pid" || emit_rc=$?
emit_pid=""
exec 3>&-
sed 's/^/     /' "$work/emit.out"
[[ "$emit_rc" == 0 ]] || { echo "FAIL interop-agents: emit_pydantic_agents.py exited $emit_rc" >&2; exit 1; }

for _ in $(seq 1 300); do  # serve exits 3 s after the last request; allow 15 s
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
done
if kill -0 "$server_pid" 2>/dev/null; then
    cat "$work/serve.err" >&2
    echo "FAIL interop-agents: serve still running 15 s after the last request (--exit-after-idle 3)" >&2
    exit 1
fi
serve_rc=0
wait "$server_pid" || serve_rc=$?
server_pid=""
[[ "$serve_rc" == 0 ]] || { cat "$work/serve.err" >&2; echo "FAIL interop-agents: serve exited $serve_rc" >&2; exit 1; }

# serve --fail-on loops logs each loop once, as it logs a budget crossing.
loop_lines="$(grep -c '^spantop: loop: project agents-loop task .*check_status 4× with identical arguments' "$work/serve.err" || true)"
if [[ "$loop_lines" == 1 ]]; then
    echo "ok   serve --fail-on loops logged the loop once"
else
    fail "serve --fail-on loops: $loop_lines loop lines for agents-loop, expected 1"; cat "$work/serve.err"
fi

# 2. The three reports against their truths.
check() { # LABEL TRUTH REPORT
    if "$python" "$scripts/check_agents.py" "$2" "$3" >"$work/check.out" 2>&1; then
        echo "ok   $1"
    else
        fail "$1"
    fi
    sed 's/^/     /' "$work/check.out"
}
check "live report (serve --report-json)" "$work/live.truth.json" "$work/live.report.json"
if "$spantop" report --json "$work/live.jsonl" >"$work/rec.report.json" 2>"$work/rec.err"; then
    check "report of the recording" "$work/live.truth.json" "$work/rec.report.json"
else
    fail "report of the recording: spantop report exited $?"; cat "$work/rec.err"
fi
if "$spantop" report --json "$fixtures/agents-pydantic.otlp.jsonl" >"$work/fixture.report.json" 2>"$work/fixture.err"; then
    check "report of the fixture" "$fixtures/agents-pydantic.truth.json" "$work/fixture.report.json"
else
    fail "report of the fixture: spantop report exited $?"; cat "$work/fixture.err"
fi
# Same pins, same seeds: the run just sent must be the one the fixture holds.
cmp -s "$work/live.truth.json" "$fixtures/agents-pydantic.truth.json" \
    || fail "the live run's truth differs from $fixtures/agents-pydantic.truth.json (rerun scripts/capture-agent-fixtures.sh)"

# 3. --fail-on loops: 3 with the loop scenario in the file, 0 without it.
"$spantop" report --help >"$work/report-help" 2>&1 || true
if ! grep -q -- '--fail-on' "$work/report-help"; then
    fail "'$spantop report --help' shows no --fail-on (a binary from before it?)"
else
    "$agents_python" "$scripts/emit_pydantic_agents.py" --scenario delegation --out "$work/delegation.jsonl" \
        >"$work/delegation.out" 2>&1 || { cat "$work/delegation.out"; fail "emit_pydantic_agents.py --scenario delegation"; }
    for pair in "$fixtures/agents-pydantic.otlp.jsonl:3" "$work/delegation.jsonl:0"; do
        file="${pair%:*}" want="${pair##*:}"
        rc=0
        "$spantop" report --fail-on loops "$file" >"$work/fail-on.out" 2>&1 || rc=$?
        if [[ "$rc" == "$want" ]]; then
            echo "ok   report --fail-on loops $(basename "$file"): exit $rc"
        else
            fail "report --fail-on loops $(basename "$file"): exit status $rc, expected $want"; cat "$work/fail-on.out"
        fi
    done
fi

if [[ "$failed" != 0 ]]; then
    echo "FAIL interop-agents: $failed check(s) failed" >&2
    exit 1
fi
echo "ok   pydantic-ai $("$agents_python" -c 'import pydantic_ai; print(pydantic_ai.__version__)') agent runs match the truth (live, recorded, fixture; --fail-on loops)"
