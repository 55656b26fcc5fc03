"""The page a visitor gets while `ipms serve` loads (the first start builds the search index,
minutes on a busy machine): the listening socket is already bound, so instead of a connection
that hangs, every request gets 503 with a page that says the app is preparing and reloads itself
(data/preparing.html). Stopped, leaving the socket open, before the app itself serves on it."""
from __future__ import annotations

import http.server
import socket
import threading
from pathlib import Path

RELOAD_SECONDS = 5
PAGE = Path(__file__).with_name("data") / "preparing.html"


class _Handler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(503)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Retry-After", str(RELOAD_SECONDS))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_POST = do_HEAD = do_GET

    def log_message(self, format: str, *args) -> None:  # no access log on stderr
        pass


class PreparingPage:
    """Serves the preparing page on `sock` in a background thread until `stop()`."""

    def __init__(self, sock: socket.socket) -> None:
        body = PAGE.read_text(encoding="utf-8").format(seconds=RELOAD_SECONDS).encode("utf-8")
        handler = type("PreparingHandler", (_Handler,), {"body": body})
        self.server = http.server.ThreadingHTTPServer(sock.getsockname()[:2], handler,
                                                      bind_and_activate=False)
        self.server.socket.close()  # the one it made; it serves the bound socket instead
        self.server.socket = sock
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={
            "poll_interval": 0.1}, daemon=True, name="ipms-preparing")
        self._thread.start()

    def stop(self) -> None:
        """Stop answering; the socket stays open for the app."""
        self.server.shutdown()
        self._thread.join(timeout=5)
