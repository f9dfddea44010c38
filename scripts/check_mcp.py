#!/usr/bin/env python3
"""spantop's MCP server and query API driven by real clients (the `mcp` package from PyPI).

    check_mcp.py tools SPANTOP REPORT TRANSCRIPT -- MCP-ARGS...
        Starts `SPANTOP mcp MCP-ARGS...` over stdio with the official Python MCP client:
        initialize, list the six tools, call each, and compare with `spantop report --json`
        (REPORT) and `spantop transcript --json` of the delegation run (TRANSCRIPT): the failed
        tasks of a project with their errors, a task's transcript, a project's critical path.
        Unknown ids and bad arguments are tool errors; answers stay within their size bound.
    check_mcp.py malformed SPANTOP -- MCP-ARGS...
        Raw JSON-RPC over the server's stdin: garbage and a request without a method get errors,
        and the server still answers a well-formed request afterwards.
    check_mcp.py load URL FILE REQUESTS
        Posts each line of FILE to URL/v1/traces while querying URL/api/v1/… REQUESTS times from
        another thread; every post and query must get 200; prints the last overview as JSON.

One FAIL line per difference; exit 1 on any.
"""

import asyncio
import json
import subprocess
import sys
import threading
import urllib.request

failures = 0


def fail(message):
    global failures
    failures += 1
    print(f"FAIL mcp: {message}")


def expect(condition, message):
    if not condition:
        fail(message)


DELEGATION = "83fa3269d734a52b6f0aa4af9b26d5df"
TOOLS = {"overview", "list_tasks", "get_task", "get_transcript", "critical_path", "search"}


async def tools(spantop, report, transcript, args):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    params = StdioServerParameters(command=spantop, args=["mcp", *args])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            listed = await session.list_tools()
            names = {t.name for t in listed.tools}
            expect(names == TOOLS, f"tools {sorted(names)}")
            for t in listed.tools:
                expect(len(t.description or "") > 60, f"{t.name} explains itself")

            async def call(name, arguments, error=False):
                result = await session.call_tool(name, arguments)
                text = result.content[0].text
                expect(bool(result.is_error) == error, f"{name}({arguments}) is_error={result.is_error}: {text[:200]}")
                limit = arguments.get("max_kb", 32) * 1024
                expect(error or len(text.encode()) <= limit, f"{name}({arguments}) answer {len(text.encode())} bytes > {limit}")
                return text if error else json.loads(text)

            projects = {p["id"]: p for p in report["projects"]}
            overview = await call("overview", {})
            failed = sum(p["tasks"]["failed"] for p in report["projects"])
            expect(overview["failed_tasks"] == failed, f"overview failed_tasks {overview['failed_tasks']} != {failed}")
            expect(overview["project_count"] == len(projects), "overview project_count")
            worst = overview["projects"][0]
            expect(worst["tasks"]["failed"] == max(p["tasks"]["failed"] for p in report["projects"]), "worst project first")

            # The failed tasks of a project, with their errors, as the report has them.
            for pid, p in projects.items():
                want = {t["id"]: t["error"] for t in p["task_list"] if t["status"] == "failed"}
                got = await call("list_tasks", {"project": pid, "status": "failed"})
                have = {t["id"]: t.get("error") for t in got["tasks"]}
                expect(have == want, f"failed tasks of {pid}: {have} != {want}")
            listed_all = await call("list_tasks", {"limit": 500})
            statuses = [t["status"] for t in listed_all["tasks"]]
            expect(statuses == sorted(statuses, key=lambda s: s != "failed"), "failed tasks lead the list")

            task = await call("get_task", {"task_id": DELEGATION})
            expect(task["project"] == "agents-delegation" and task["subtask_ids"], f"get_task {task}")

            got = await call("get_transcript", {"task_id": DELEGATION})
            expect(got["messages"] == transcript["messages"], "the transcript is `spantop transcript --json`'s")
            expect(got["calls"] == transcript["calls"], "the transcript's calls")
            small = await call("get_transcript", {"task_id": DELEGATION, "max_kb": 1})
            expect("note" in small and small["omitted"], f"a cut answer says so: {list(small)}")

            for pid, p in projects.items():
                path = await call("critical_path", {"project": pid})
                want = (p["critical_path"] or {}).get("task_ids")
                have = [t["id"] for t in path.get("tasks", [])] or None
                expect(have == want, f"critical path of {pid}: {have} != {want}")

            found = await call("search", {"text": "maple leaves"})
            expect(found["total"] == 1, f"search: {found}")

            await call("get_task", {"task_id": "no-such-task"}, error=True)
            await call("get_transcript", {}, error=True)
            await call("list_tasks", {"status": "sideways"}, error=True)
            await call("critical_path", {"project": "nope"}, error=True)
            await call("search", {"text": "ab"}, error=True)
            await call("overview", {"max_kb": 0}, error=True)
            result = await session.call_tool("no_such_tool", {})
            expect(result.is_error, "an unknown tool is a tool error")


def malformed(spantop, args):
    proc = subprocess.Popen([spantop, "mcp", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    lines = [
        "this is not json",
        json.dumps({"jsonrpc": "2.0", "id": 1}),
        json.dumps({"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "check", "version": "1"}}}),
        json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        json.dumps({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "overview", "arguments": {}}}),
    ]
    # Stdin stays open until the last request is answered (a client does not hang up early).
    replies = []
    reader = threading.Thread(target=lambda: [replies.append(json.loads(l)) for l in proc.stdout if l.strip()])
    reader.start()
    for line in lines:
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
    for _ in range(300):  # up to 30 s
        if any(r.get("id") == 3 for r in replies):
            break
        threading.Event().wait(0.1)
    proc.stdin.close()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        fail("the server did not finish when stdin closed")
    reader.join(timeout=5)
    errors = [r for r in replies if "error" in r]
    expect(len(errors) >= 1, f"garbage gets a JSON-RPC error: {replies}")
    by_id = {r.get("id"): r for r in replies}
    expect(2 in by_id and "result" in by_id[2], "initialize still answered")
    expect(3 in by_id and "result" in by_id[3] and not by_id[3]["result"].get("isError"), "a tool still answered")


def load(url, path, requests):
    lines = open(path, "rb").read().splitlines()
    posted = []
    answered = []

    def post():
        for line in lines:
            req = urllib.request.Request(url + "/v1/traces", data=line, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=30) as r:
                posted.append(r.status)

    thread = threading.Thread(target=post)
    thread.start()
    targets = ["/api/v1/overview", "/api/v1/tasks?status=failed&limit=100", "/api/v1/tasks?limit=500"]
    for i in range(requests):
        try:
            with urllib.request.urlopen(url + targets[i % len(targets)], timeout=30) as r:
                json.loads(r.read())
                answered.append(r.status)
        except Exception as e:  # a refused or broken query is a failure, counted
            answered.append(str(e))
    thread.join(timeout=300)
    expect(posted == [200] * len(lines), f"every post 200 ({len(posted)} of {len(lines)} posted)")
    expect(answered == [200] * requests, f"every query 200: {[a for a in answered if a != 200][:3]}")
    with urllib.request.urlopen(url + "/api/v1/overview?limit=500", timeout=30) as r:
        print(r.read().decode())


def main():
    mode = sys.argv[1]
    if mode == "tools":
        spantop, report, transcript = sys.argv[2], json.load(open(sys.argv[3])), json.load(open(sys.argv[4]))
        asyncio.run(tools(spantop, report, transcript, sys.argv[sys.argv.index("--") + 1:]))
    elif mode == "malformed":
        malformed(sys.argv[2], sys.argv[sys.argv.index("--") + 1:])
    elif mode == "load":
        load(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(f"unknown mode {mode}")
    if failures:
        sys.exit(1)
    print(f"mcp {mode}: ok", file=sys.stderr)


if __name__ == "__main__":
    main()
