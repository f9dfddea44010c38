#!/usr/bin/env python3
"""Compare `spantop transcript --json` with a transcripts truth (stdlib only).

Usage: check_transcripts.py [--all] SPANTOP_BIN FIXTURE TRANSCRIPTS

TRANSCRIPTS is {"fixture", "transcripts": [{"name", "args", "calls", "messages"}]} (written by
emit_langgraph_agents.py from what it scripted). For each entry this runs
`SPANTOP_BIN transcript FIXTURE ARGS... --json`, drops each message's "call" (a span id the truth
cannot know), and compares the messages exactly, and the calls' "model" list with "calls".
Prints the first differing message of an entry as expected/actual JSON plus a line diff (--all:
every differing position). Exit 1 on any difference, else prints `transcripts: N ok`.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from typing import Any


def pretty(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True)


def run_transcript(binary: str, fixture: str, args: list[str]) -> dict[str, Any]:
    cmd = [binary, "transcript", fixture, *args, "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def show_message_diff(name: str, index: int, expected: Any, actual: Any) -> None:
    print(f"FAIL {name}: message {index} differs")
    print(f"  expected: {json.dumps(expected, ensure_ascii=False, sort_keys=True)}")
    print(f"  actual:   {json.dumps(actual, ensure_ascii=False, sort_keys=True)}")
    diff = difflib.unified_diff(pretty(expected).splitlines(), pretty(actual).splitlines(),
                                "expected", "actual", lineterm="", n=1)
    for line in list(diff)[2:]:  # skip the ---/+++ header
        print(f"    {line}")


def check_entry(entry: dict[str, Any], out: dict[str, Any], show_all: bool) -> bool:
    name = entry["name"]
    ok = True

    models = [c.get("model") for c in out.get("calls", [])]
    if models != entry["calls"]:
        print(f"FAIL {name}: calls' models {models} != expected {entry['calls']}")
        ok = False

    # The truth cannot know span ids, so "call" is not compared.
    actual = [{k: v for k, v in m.items() if k != "call"} for m in out.get("messages", [])]
    expected = entry["messages"]
    if actual != expected:
        ok = False
        if len(actual) != len(expected):
            print(f"FAIL {name}: {len(actual)} messages, expected {len(expected)}")
        for i in range(max(len(actual), len(expected))):
            e = expected[i] if i < len(expected) else None
            a = actual[i] if i < len(actual) else None
            if e != a:
                show_message_diff(name, i, e, a)
                if not show_all:
                    break
    return ok


def main(argv: list[str]) -> int:
    show_all = "--all" in argv
    args = [a for a in argv if a != "--all"]
    if len(args) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary, fixture, truth_path = args
    with open(truth_path, encoding="utf-8") as f:
        truth = json.load(f)

    failed = 0
    for entry in truth["transcripts"]:
        try:
            out = run_transcript(binary, fixture, entry["args"])
        except (RuntimeError, ValueError) as err:
            print(f"FAIL {entry['name']}: {err}")
            failed += 1
            continue
        if not check_entry(entry, out, show_all):
            failed += 1

    n = len(truth["transcripts"])
    if failed:
        print(f"transcripts: {failed} of {n} differ")
        return 1
    print(f"transcripts: {n} ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
