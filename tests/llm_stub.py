"""An OpenAI-compatible chat endpoint on 127.0.0.1 with scripted models, for the real client path.

Models: good (cites the first clause it was given), invent (adds a clause that does not exist),
badquote (writes its own "quotation"), nocite (no citation at all), stall (answers after 5 s),
error (HTTP 500), polish (echoes the passage it is asked to rewrite), polish-break (rewrites but
drops the references), trickle (streams a few characters every half second for 10 s, so that no
single read ever times out), script:NAME (answers SCRIPTS[NAME], for adversarial outputs),
edit:NAME (echoes the passage it is asked to rewrite with EDITS[NAME] = (old, new) replaced)."""
from __future__ import annotations

import json
import re
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CALLS: list[str] = []
SCRIPTS: dict[str, str] = {}
EDITS: dict[str, tuple[str, str]] = {}
TRICKLE = ("The standard requires this. " * 20, 0.5)  # text, seconds between chunks


def _reply(model: str, prompt: str) -> str:
    listed = re.split(r"Clauses you may cite:|可引用的条款：", prompt)[-1]  # after the rules
    first = re.search(r"\[([a-z0-9.-]+) ([^\]]+)\]", listed)
    cite = f"[{first.group(1)} {first.group(2)}]" if first else ""
    if model == "good":
        return f"The standard requires this {cite}."
    if model == "invent":
        return f"It is required {cite}, and also by [bj-ipm 4.9.9] and [gbt-9999 1.1]."
    if model == "badquote":
        return f"The clause says: “企业必须每天开会。” {cite}"
    if model == "nocite":
        return "Companies should do their best."
    if model == "polish":
        return prompt.split("\n\n", 1)[1]
    if model == "polish-break":
        return "A rewritten passage without any of the references."
    if model.startswith("edit:"):
        old, new = EDITS[model.removeprefix("edit:")]
        return prompt.split("\n\n", 1)[1].replace(old, new)
    if model.startswith("script:"):
        return SCRIPTS[model.removeprefix("script:")]
    if model == "trickle":
        return TRICKLE[0]
    return "?"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # quiet
        pass

    def do_POST(self) -> None:
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        model = body.get("model", "")
        CALLS.append(model)
        if model == "error":
            self.send_response(500)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "boom"}}')
            return
        if model == "stall":
            time.sleep(5)
        prompt = "\n".join(m.get("content", "") for m in body.get("messages", [])
                           if isinstance(m.get("content"), str))
        text = _reply(model, prompt)
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            step = 27 if model == "trickle" else 12
            for i in range(0, len(text), step):
                if model == "trickle":
                    time.sleep(TRICKLE[1])
                chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": model,
                         "choices": [{"index": 0, "delta": {"content": text[i:i + 12]},
                                      "finish_reason": None}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
            done = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": model,
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())
            return
        payload = {"id": "x", "object": "chat.completion", "created": 0, "model": model,
                   "choices": [{"index": 0, "finish_reason": "stop",
                                "message": {"role": "assistant", "content": text}}],
                   "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def stub_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
