#!/usr/bin/env python3
"""Baseline for spantop's JSONL reader: how fast does CPython's json.loads parse a file?

Usage: bench_json_loads.py FILE [--orjson]   (--orjson: orjson.loads instead, when installed)
Prints {"bytes", "lines", "seconds", "mb_per_s"} as JSON; seconds is the best of 3 runs of
parsing every non-empty line (the file is read once, up front, so disk I/O is excluded).
"""

from __future__ import annotations

import json
import sys
import time


def main() -> int:
    loads = json.loads
    if "--orjson" in sys.argv[2:]:
        import orjson

        loads = orjson.loads
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    lines = [line for line in data.split(b"\n") if line.strip()]

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for line in lines:
            loads(line)
        best = min(best, time.perf_counter() - start)

    print(json.dumps({"bytes": len(data), "lines": len(lines), "seconds": round(best, 6),
                      "mb_per_s": round(len(data) / 1e6 / best, 2) if best > 0 else None}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
