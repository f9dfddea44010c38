#!/usr/bin/env python3
"""Record raw OTLP/HTTP trace requests as numbered files (stdlib only).

Usage: capture_sink.py PORT OUT_DIR [--idle-exit SECONDS]

Listens on 127.0.0.1:PORT (0 picks a free port) and prints `PORT n` once ready. Each
`POST /v1/traces` or `POST /api/public/otel/v1/traces` body (gunzipped when
Content-Encoding is gzip) is saved as OUT_DIR/NNNN.pb and answered 200 with an empty
protobuf ExportTraceServiceResponse. Exits on SIGTERM/SIGINT or after SECONDS without a
request (default 60).
"""

from __future__ import annotations

import argparse
import gzip
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TRACE_PATHS = {"/v1/traces", "/api/public/otel/v1/traces"}
MAX_BODY = 64 * 1024 * 1024


class _Handler(BaseHTTPRequestHandler):
    server: "_Sink"
    protocol_version = "HTTP/1.1"  # keep-alive, as the exporters' sessions expect
    timeout = 30  # drop idle keep-alive connections

    def do_POST(self) -> None:  # noqa: N802 (http.server naming)
        if self.path.split("?", 1)[0] not in TRACE_PATHS:
            return self._reply(404)
        length = self.headers.get("Content-Length")
        if length is None:
            return self._reply(411)
        if int(length) > MAX_BODY:
            return self._reply(413)
        body = self.rfile.read(int(length))
        if self.headers.get("Content-Encoding", "").lower() == "gzip":
            body = gzip.decompress(body)
        self.server.save(body)
        self._reply(200)

    def do_GET(self) -> None:  # noqa: N802
        self._reply(405)

    do_PUT = do_DELETE = do_GET

    def _reply(self, code: int) -> None:
        # An empty body is a valid protobuf ExportTraceServiceResponse (full success).
        self.send_response(code)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args) -> None:
        pass  # stdout carries only the PORT line


class _Sink(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, out_dir: str) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.out_dir = out_dir
        self.count = 0
        self._lock = threading.Lock()
        self.last_activity = time.monotonic()

    def save(self, body: bytes) -> None:
        # Exporters wait for each response, so arrival order (and numbering) is deterministic.
        with self._lock:
            path = os.path.join(self.out_dir, f"{self.count:04d}.pb")
            # Write then rename, so a reader never sees a half-written request.
            with open(path + ".tmp", "wb") as f:
                f.write(body)
            os.replace(path + ".tmp", path)
            self.count += 1
            self.last_activity = time.monotonic()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("out_dir")
    parser.add_argument("--idle-exit", type=float, default=60.0, metavar="SECONDS")
    args = parser.parse_args()

    os.makedirs(args.out_dir, exist_ok=True)
    sink = _Sink(args.port, args.out_dir)

    def stop(_signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"PORT {sink.server_address[1]}", flush=True)

    sink.timeout = 0.2  # handle_request() returns this often to check the idle clock
    try:
        while time.monotonic() - sink.last_activity < args.idle_exit:
            sink.handle_request()
    finally:
        sink.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
