# Shared by the interop scripts: run `spantop serve` on free loopback ports in a work folder.
# Source after setting `spantop` (the binary); sets `work` (a temporary folder removed on exit).
#   start_server NAME   serve recording to $work/NAME.jsonl, reporting to $work/NAME.report.json;
#                       sets http_port, grpc_port, server_pid
#   stop_server NAME    SIGTERM and a bounded wait, so the report is written

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

start_server() {
    local name="$1"
    : >"$work/$name.err"  # exists before the background process opens it
    "$spantop" serve --http 127.0.0.1:0 --grpc 127.0.0.1:0 --status-interval 0 \
        --record "$work/$name.jsonl" --report-json "$work/$name.report.json" 2>"$work/$name.err" &
    server_pid=$!
    for _ in $(seq 1 200); do  # up to 10 s
        if grep -q '^spantop: listening:' "$work/$name.err"; then break; fi
        kill -0 "$server_pid" 2>/dev/null || { cat "$work/$name.err" >&2; echo "serve did not start" >&2; exit 1; }
        sleep 0.05
    done
    http_port="$(sed -n 's/.*OTLP\/HTTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/$name.err" | head -1)"
    grpc_port="$(sed -n 's/.*OTLP\/gRPC on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/$name.err" | head -1)"
    [[ -n "$http_port" && -n "$grpc_port" ]] || { cat "$work/$name.err" >&2; echo "no ports in serve's log" >&2; exit 1; }
}

stop_server() {
    local name="$1"
    kill -TERM "$server_pid"
    for _ in $(seq 1 200); do
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.05
    done
    wait "$server_pid" || { cat "$work/$name.err" >&2; echo "serve failed ($name)" >&2; exit 1; }
    server_pid=""
}
