#!/usr/bin/env bash
# Forwarding interop: spantop's exporter against an independent decoder.
#
# Starts scripts/forward_sink.py, which parses every forwarded body with the official
# opentelemetry-proto package from PyPI (venv .venv/forward-sink), then forwards whole
# Eigent-shaped workforces to it with `spantop-bench forward-file` and checks that exactly
# the spans of the file arrived, with their attributes; and that with --redact the content
# attributes are gone at the sink while `spantop report` of the same file still shows them.
#
#   scripts/interop-forward.sh        (after `swift build`)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1

venv="$root/.venv/forward-sink"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import opentelemetry.proto" 2>/dev/null; then
    echo "creating $venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check opentelemetry-proto
fi

bin="$(swift build --show-bin-path)"
[[ -x "$bin/spantop-bench" && -x "$bin/spantop" ]] || { echo "build first: swift build" >&2; exit 1; }

work="$(mktemp -d)"
sink_pid=""
cleanup() {
    if [[ -n "$sink_pid" ]]; then kill "$sink_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

mkfifo "$work/sink.out"
"$venv/bin/python" scripts/forward_sink.py serve >"$work/sink.out" &
sink_pid=$!
read -r word port <"$work/sink.out"
[[ "$word" == PORT ]] || { echo "forward sink did not start" >&2; exit 1; }
sink="http://127.0.0.1:$port"
reset() { "$venv/bin/python" -c "import urllib.request as u; u.urlopen(u.Request('$sink/reset', b'', method='POST'))"; }

# What --redact strips (Redactor.contentKeys), plus the extra glob used below.
content_keys=(eigent.task.description eigent.worker.role eigent.task.update.old_value
    eigent.task.update.new_value log.message 'gen_ai.prompt*' 'gen_ai.completion*'
    gen_ai.input.messages gen_ai.output.messages input.value output.value
    langfuse.observation.input langfuse.observation.output langfuse.trace.input langfuse.trace.output)

fixture=Tests/Fixtures/workforce.otlp.jsonl
generated="$work/workforce-20k.jsonl"
"$bin/spantop-bench" write-jsonl --spans 20480 --batch 512 --file "$generated" >/dev/null

for file in "$fixture" "$generated"; do
    echo "== forward $(basename "$file") to the opentelemetry-proto sink"
    reset
    "$bin/spantop-bench" forward-file --file "$file" --to "$sink/v1/traces"
    "$venv/bin/python" scripts/forward_sink.py check --sink "$sink" --file "$file"
done

echo "== forward $(basename "$fixture") with --redact --redact-key 'eigent.worker.model.*'"
reset
"$bin/spantop-bench" forward-file --file "$fixture" --to "$sink/api/public/otel/v1/traces" \
    --redact --redact-key 'eigent.worker.model.*'
"$venv/bin/python" scripts/forward_sink.py check --sink "$sink" --file "$fixture" \
    --redacted "${content_keys[@]}" 'eigent.worker.model.*'

# The local view keeps everything: the report still shows a task description and a log line
# that never reached the sink.
"$venv/bin/python" -c "import urllib.request as u; print(u.urlopen('$sink/summary').read().decode())" >"$work/summary.json"
"$bin/spantop" report --failed "$fixture" >"$work/report.txt"
for text in "Implement the OAuth callback handler with tests" "has failed for 3 times, halting the workforce"; do
    grep -qF "$text" "$work/report.txt" || { echo "spantop report lost: $text" >&2; exit 1; }
    if grep -qF "$text" "$work/summary.json"; then echo "redacted text reached the sink: $text" >&2; exit 1; fi
done
echo "local report keeps the redacted content: OK"
echo "== forwarding interop passed"
