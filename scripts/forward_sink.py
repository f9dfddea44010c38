#!/usr/bin/env python3
"""An independent OTLP/HTTP sink for spantop's forwarding interop check.

Usage:
  forward_sink.py serve [--port N] [--discard]
      Listens on 127.0.0.1 (a free port by default), prints `PORT n` once ready, and accepts
      `POST /v1/traces` and `POST /api/public/otel/v1/traces`. Each body must be gzip
      (Content-Encoding: gzip) protobuf, parsed with the official opentelemetry-proto package
      (`ExportTraceServiceRequest.FromString`). `GET /summary` returns what arrived as JSON;
      `POST /reset` forgets it. Exits on SIGTERM/SIGINT. With --discard, bodies are read and
      answered 200 without parsing (a cheap sink for `spantop-bench forward`).
  forward_sink.py check --sink URL --file FILE.jsonl [--redacted KEY...]
      Compares the sink's summary with the spans in an OTLP JSON lines file (read with plain
      `json`, not with spantop): same span count and ids, same attributes on every span, minus
      the redacted keys, which must not arrive at all. Exits 1 on a mismatch.
"""

from __future__ import annotations

import argparse
import base64
import fnmatch
import gzip
import json
import signal
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TRACE_PATHS = {"/v1/traces", "/api/public/otel/v1/traces"}


def proto_value(v):
    """An AnyValue message as a plain JSON-able value."""
    kind = v.WhichOneof("value")
    if kind is None:
        return None
    if kind == "array_value":
        return [proto_value(x) for x in v.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: proto_value(kv.value) for kv in v.kvlist_value.values}
    if kind == "bytes_value":
        return base64.b64encode(v.bytes_value).decode()
    if kind == "double_value":
        return float(v.double_value)
    return getattr(v, kind)


def json_value(v):
    """An OTLP JSON AnyValue object as the same plain value."""
    if not v:
        return None
    (kind, x), = v.items()
    if kind == "arrayValue":
        return [json_value(e) for e in x.get("values", [])]
    if kind == "kvlistValue":
        return {kv["key"]: json_value(kv.get("value", {})) for kv in x.get("values", [])}
    if kind == "intValue":
        return int(x)
    if kind == "doubleValue":
        return float(x)
    return x


class Sink(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, discard: bool = False) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.discard = discard
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.problems: list[str] = []
        self.headers: dict[str, str] = {}
        self.spans: dict[str, dict] = {}  # span id (hex) -> {"trace", "name", "attributes"}
        self.duplicates = 0


class Handler(BaseHTTPRequestHandler):
    server: Sink
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if self.path == "/reset":
            with self.server.lock:
                self.server.reset()
            return self.reply(200, b"{}", "application/json")
        if self.path not in TRACE_PATHS:
            return self.reply(404, b"", "text/plain")
        if self.server.discard:
            with self.server.lock:
                self.server.requests += 1
            return self.reply(200, b"", "application/x-protobuf")
        from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
            ExportTraceServiceRequest,
            ExportTraceServiceResponse,
        )

        problems = []
        if self.headers.get("Content-Type") != "application/x-protobuf":
            problems.append(f"Content-Type {self.headers.get('Content-Type')!r}")
        if self.headers.get("Content-Encoding") != "gzip":
            problems.append(f"Content-Encoding {self.headers.get('Content-Encoding')!r}")
        try:
            request = ExportTraceServiceRequest.FromString(gzip.decompress(body))
        except Exception as e:  # noqa: BLE001 - any parse failure is a finding
            with self.server.lock:
                self.server.problems.append(f"unparseable body: {e}")
            return self.reply(400, b'{"message":"bad body"}', "application/json")
        with self.server.lock:
            s = self.server
            s.requests += 1
            s.problems += problems
            s.headers = {k: v for k, v in self.headers.items() if k.lower() != "authorization"}
            for rs in request.resource_spans:
                for ss in rs.scope_spans:
                    for span in ss.spans:
                        sid = span.span_id.hex()
                        if sid in s.spans:
                            s.duplicates += 1
                        s.spans[sid] = {
                            "trace": span.trace_id.hex(),
                            "name": span.name,
                            "attributes": {kv.key: proto_value(kv.value) for kv in span.attributes},
                        }
        self.reply(200, ExportTraceServiceResponse().SerializeToString(), "application/x-protobuf")

    def do_GET(self) -> None:  # noqa: N802
        if self.path != "/summary":
            return self.reply(404, b"", "text/plain")
        with self.server.lock:
            s = self.server
            data = {"requests": s.requests, "problems": s.problems, "duplicates": s.duplicates,
                    "headers": s.headers, "spans": s.spans}
        self.reply(200, json.dumps(data).encode(), "application/json")

    def reply(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def serve(port: int, discard: bool) -> int:
    sink = Sink(port, discard)

    def stop(_signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"PORT {sink.server_address[1]}", flush=True)
    try:
        sink.serve_forever(poll_interval=0.2)
    finally:
        sink.server_close()
    return 0


def expected_spans(path: str) -> dict[str, dict]:
    spans = {}
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            for rs in json.loads(line).get("resourceSpans", []):
                for ss in rs.get("scopeSpans", []):
                    for span in ss.get("spans", []):
                        spans[span["spanId"].lower()] = {
                            "trace": span["traceId"].lower(),
                            "name": span.get("name", ""),
                            "attributes": {kv["key"]: json_value(kv.get("value", {}))
                                           for kv in span.get("attributes", [])},
                        }
    return spans


def check(sink_url: str, path: str, redacted: list[str]) -> int:
    with urllib.request.urlopen(sink_url + "/summary") as r:
        got = json.load(r)
    want = expected_spans(path)
    errors = list(got["problems"])
    if got["duplicates"]:
        errors.append(f"{got['duplicates']} span(s) arrived twice")
    if set(got["spans"]) != set(want):
        errors.append(f"span ids differ: {len(set(want) - set(got['spans']))} missing, "
                      f"{len(set(got['spans']) - set(want))} unexpected")

    def is_redacted(key: str) -> bool:
        return any(fnmatch.fnmatchcase(key, p) for p in redacted)

    removed = 0
    for sid, w in want.items():
        g = got["spans"].get(sid)
        if g is None:
            continue
        keep = {k: v for k, v in w["attributes"].items() if not is_redacted(k)}
        removed += len(w["attributes"]) - len(keep)
        if g["trace"] != w["trace"] or g["name"] != w["name"] or g["attributes"] != keep:
            errors.append(f"span {sid} ({w['name']}) differs: got {g['attributes']}, want {keep}")
            if len(errors) > 10:
                break
    leaked = sorted({k for g in got["spans"].values() for k in g["attributes"] if is_redacted(k)})
    if leaked:
        errors.append(f"redacted keys reached the sink: {leaked}")
    if redacted and removed == 0:
        errors.append("nothing was redacted: the check would prove nothing")
    for e in errors:
        print(f"forward_sink: {e}", file=sys.stderr)
    print(f"forward_sink: {len(got['spans'])} spans in {got['requests']} requests, "
          f"{removed} redacted attributes absent: {'OK' if not errors else 'FAILED'}")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--port", type=int, default=0)
    s.add_argument("--discard", action="store_true")
    c = sub.add_parser("check")
    c.add_argument("--sink", required=True)
    c.add_argument("--file", required=True)
    c.add_argument("--redacted", nargs="*", default=[])
    args = parser.parse_args()
    if args.command == "serve":
        return serve(args.port, args.discard)
    return check(args.sink, args.file, args.redacted)


if __name__ == "__main__":
    sys.exit(main())
