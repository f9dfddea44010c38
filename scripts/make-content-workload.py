#!/usr/bin/env python3
"""A content-heavy workload: the captured pydantic-ai runs copied until they hold CALLS model calls.

    make-content-workload.py FIXTURE CALLS OUT

Each copy gets its own trace and span ids, and every message text is prefixed with the copy's
number, so no two copies share a string (the worst case for the store: nothing repeats across
conversations; within one, each call still repeats its history). Stdlib only.
"""

import re
import sys

fixture, calls, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = open(fixture, encoding="utf-8").read().splitlines()
per_copy = sum(line.count('"name":"chat ') for line in lines)
copies = -(-calls // per_copy)
hex_id = re.compile(r'"([0-9a-f]{32}|[0-9a-f]{16})"')
with open(out, "w", encoding="utf-8") as f:
    for k in range(copies):
        salt = f"{k + 1:08x}"
        # Ids: the copy number written over the first 8 digits keeps them distinct and valid.
        renamed = lambda m: '"' + salt + m.group(1)[8:] + '"'
        for line in lines:
            line = hex_id.sub(renamed, line)
            line = line.replace('\\"content\\":\\"', f'\\"content\\":\\"[{k}] ')
            f.write(line + "\n")
print(f"{copies} copies, {copies * per_copy} model calls", file=sys.stderr)
