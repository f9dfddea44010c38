#!/usr/bin/env python3
"""Writes the seed corpora in Fuzz/Corpus/<target>/ from the committed fixtures.

Run from the repository root; the output is committed. Seeds are small on purpose: libFuzzer
grows its own corpus from them (into a temporary directory, see scripts/fuzz.sh).
"""
import gzip
import hashlib
import pathlib
import re
import zlib

root = pathlib.Path(__file__).resolve().parent.parent
fixtures = root / "Tests" / "Fixtures"
out = root / "Fuzz" / "Corpus"


def write(target, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


pbs = sorted((fixtures / "workforce-pb").glob("*.pb"))
for p in pbs:
    write("protobuf", p.read_bytes())
    write("protobuf-differential", p.read_bytes())

lines = []
for name in ["workforce.otlp.jsonl", "diff-before.jsonl", "diff-after.jsonl"]:
    lines += [l for l in (fixtures / name).read_bytes().split(b"\n") if l.strip()]
# The OTLP request lines, and the shortest flat span lines (they differ in attributes only).
requests = [l for l in lines if l.startswith(b'{"resourceSpans"')]
flat = sorted((l for l in lines if not l.startswith(b'{"resourceSpans"')), key=len)
for l in requests[:8] + flat[:16]:
    write("json-line", l + b"\n")

# HTTP: byte 0 = head bits (see FuzzHTTPRequest.swift), byte 1 = limits and chunking, then the body.
small_pb = min(pbs, key=lambda p: p.stat().st_size).read_bytes()
small_json = min(requests, key=len)
write("http-request", bytes([0x08, 0x10]) + small_pb)  # protobuf, content-length
write("http-request", bytes([0x04, 0x03]) + gzip.compress(small_pb))  # protobuf, gzip
write("http-request", bytes([0x84, 0x07]) + zlib.compress(small_pb))  # protobuf, deflate
write("http-request", bytes([0x09, 0x20]) + small_json)  # JSON
write("http-request", bytes([0x05, 0x01]) + gzip.compress(small_json))  # JSON, gzip
write("http-request", bytes([0x05, 0x81]) + gzip.compress(b"{}" + b" " * 100000))  # ratio cap
write("http-request", bytes([0x1A, 0x00]) + small_json)  # expect 100-continue
write("http-request", bytes([0x03, 0x00]) + b"x")  # refused content type

readme = (root / "README.md").read_text()
for block in re.findall(r"```toml\n(.*?)```", readme, re.S):
    write("pricing-file", block.encode())
write("pricing-file", b'[models."claude-sonnet-4-5"]\ninput = 3\noutput = 15\ncache_read = 0.3\n'
      b'cache_write = 3.75\n\n[models.gpt-4o-mini]\ninput = 0.15 # cheap\noutput = 0.6\n')

for p in sorted((root / "themes").glob("*.theme")):
    write("theme-file", p.read_bytes())
