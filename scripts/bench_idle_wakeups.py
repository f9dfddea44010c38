#!/usr/bin/env python3
"""How often an idle spantop wakes up: context switches per second over all its threads.

Starts `spantop serve` and the live TUI (in tmux) on free loopback ports, lets each settle,
then sums every thread's voluntary and involuntary context switches
(/proc/PID/task/*/status) over a window. Each binary is measured twice: empty, and after one
recorded request of finished work arrived (nothing running, so nothing needs a tick).

    scripts/bench_idle_wakeups.py BINARY [--vs OLD_BINARY] [--seconds 10]

Exit status 0; the figures are printed as a table. Runnable on its own (python3, tmux, curl).
"""
import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A finished two-span trace: one completed agent run, so the TUI has nothing running.
FINISHED_TRACE = (
    b'{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"idle"}}]},'
    b'"scopeSpans":[{"spans":['
    b'{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"invoke_agent helper",'
    b'"startTimeUnixNano":"1767261600000000000","endTimeUnixNano":"1767261602000000000",'
    b'"attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"invoke_agent"}},'
    b'{"key":"gen_ai.agent.name","value":{"stringValue":"helper"}}],"status":{"code":1}},'
    b'{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b175","parentSpanId":"eee19b7ec3c1b174",'
    b'"name":"chat m","startTimeUnixNano":"1767261600500000000","endTimeUnixNano":"1767261601500000000",'
    b'"attributes":[{"key":"gen_ai.operation.name","value":{"stringValue":"chat"}}],"status":{"code":1}}'
    b']}]}]}'
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def switches(pid):
    """Context switches so far, per thread id."""
    counts = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return counts
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                total = 0
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
                counts[tid] = total
        except (FileNotFoundError, ProcessLookupError):
            pass
    return counts


def rate(pid, seconds):
    before = switches(pid)
    time.sleep(seconds)
    after = switches(pid)
    woke = sum(n - before.get(tid, 0) for tid, n in after.items())
    return woke / seconds, len(after)


def wait_listening(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.05)
    return False


def post(port):
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/traces", data=FINISHED_TRACE, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.status == 200, r.status


def measure(pid, port, seconds, settle):
    time.sleep(settle)
    empty = rate(pid, seconds)
    post(port)
    time.sleep(settle)
    after = rate(pid, seconds)
    return empty, after


def serve(binary, seconds, settle):
    http, grpc = free_port(), free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--http", f"127.0.0.1:{http}", "--grpc", f"127.0.0.1:{grpc}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if not wait_listening(http):
            sys.exit(f"{binary} serve did not listen on {http}")
        return measure(proc.pid, http, seconds, settle)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def tui(binary, seconds, settle):
    http, grpc = free_port(), free_port()
    session = f"spantop-idle-{os.getpid()}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "45",
         binary, "live", "--http", f"127.0.0.1:{http}", "--grpc", f"127.0.0.1:{grpc}"], check=True)
    try:
        pid = int(subprocess.run(["tmux", "list-panes", "-t", session, "-F", "#{pane_pid}"],
                                 capture_output=True, text=True, check=True).stdout.split()[0])
        if not wait_listening(http):
            sys.exit(f"{binary} live did not listen on {http}")
        return measure(pid, http, seconds, settle)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], stderr=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--vs", help="a second binary (the baseline), measured the same way in the same run")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--settle", type=float, default=2)
    args = ap.parse_args()
    if not shutil.which("tmux"):
        sys.exit("tmux is needed for the TUI")
    binaries = [args.binary] + ([args.vs] if args.vs else [])
    print(f"context switches per second, all threads, over {args.seconds:g} s (threads in brackets)")
    print(f"{'binary':<40} {'serve empty':>14} {'serve after':>14} {'TUI empty':>14} {'TUI after':>14}")
    for b in binaries:
        (se, sa), (te, ta) = serve(b, args.seconds, args.settle), tui(b, args.seconds, args.settle)
        cells = [f"{r:8.1f} [{n:2d}]" for r, n in (se, sa, te, ta)]
        print(f"{os.path.relpath(b, ROOT)[-40:]:<40} " + " ".join(f"{c:>14}" for c in cells))


if __name__ == "__main__":
    main()
