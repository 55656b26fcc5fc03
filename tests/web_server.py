"""Start the web app in this process on a free loopback port (for client and browser tests)."""
from __future__ import annotations

import socket
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(services, auth=None):
    from assistant.web.app import serve

    port = free_port()
    app = serve(services, "127.0.0.1", port, auth=auth, concurrency=4, block=False)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()
