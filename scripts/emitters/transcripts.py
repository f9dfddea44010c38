"""The expected conversation of a scripted agent run, recorded as the script plays it (stdlib only).

Used by emit_langfuse_conversations.py and emit_openllmetry_conversations.py to write a
`*.transcripts.json` truth: what the emitter SCRIPTED (messages sent to and answered by the
mock model, tool results it returned), never what was read back from the spans. Shape (see
docs/reference/transcript-json.md, without the per-message "call" key):

  {"fixture": NAME, "transcripts": [{"name", "args": ["--trace", ID], "calls": [MODEL, ...],
                                     "messages": [{"role", "agent", "parts": [...]}]}]}

Each message appears once, in conversation order; a tool call is followed by its result, or by
its error together with whatever the agent loop sent the model in its place.
"""

from __future__ import annotations

import json
from typing import Any


def parsed_or_string(text: str) -> Any:
    """A tool result that is JSON is its value in the transcript, anything else the string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


class Conversation:
    """One scenario's transcript, appended to in the order the script makes things happen."""

    def __init__(self, name: str, agent: str | None) -> None:
        self.name = name
        self.agent = agent
        self.trace_id: str | None = None
        self.calls: list[str] = []
        self.messages: list[dict[str, Any]] = []

    def _add(self, role: str, parts: list[dict[str, Any]]) -> None:
        self.messages.append({"role": role, "agent": self.agent, "parts": parts})

    def system(self, text: str) -> None:
        self._add("system", [{"type": "text", "content": text}])

    def user(self, text: str) -> None:
        self._add("user", [{"type": "text", "content": text}])

    def model_call(self, model: str, content: str | None, tool_calls: list[dict[str, Any]]) -> None:
        """The answer of one model call: text (if any), then its tool calls (OpenAI shape)."""
        self.calls.append(model)
        parts: list[dict[str, Any]] = []
        if content:
            parts.append({"type": "text", "content": content})
        for tc in tool_calls:
            parts.append({"type": "tool_call", "id": tc["id"], "name": tc["function"]["name"],
                          "arguments": json.loads(tc["function"]["arguments"])})
        self._add("assistant", parts)

    def tool_result(self, call_id: str, name: str, result: str) -> None:
        self._add("tool", [{"type": "tool_call_response", "id": call_id, "name": name,
                            "response": parsed_or_string(result), "error": None}])

    def tool_error(self, call_id: str, name: str, error: str, sent: str | None) -> None:
        """A failed tool: `error` is the failure (the tool span's status message), `sent` what the
        agent loop told the model instead of a result (None if it told it nothing). The text sent
        is part of the conversation, so it stays as the response, as in agents-langgraph's truth."""
        self._add("tool", [{"type": "tool_call_response", "id": call_id, "name": name,
                            "response": None if sent is None else parsed_or_string(sent), "error": error}])

    def to_json(self) -> dict[str, Any]:
        if self.trace_id is None:
            raise ValueError(f"scenario {self.name}: trace id never recorded")
        return {"name": self.name, "args": ["--trace", self.trace_id], "calls": self.calls,
                "messages": self.messages}


def write_transcripts(path: str, fixture: str, conversations: list[Conversation]) -> None:
    doc = {"fixture": fixture, "transcripts": [c.to_json() for c in conversations]}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
