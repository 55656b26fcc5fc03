"""Start the web app in this process on a free loopback port (for client and browser tests)."""
from __future__ import annotations

import socket
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(services, authenticator=None):
    """The app served in a background thread; yields its URL ("http://127.0.0.1:PORT/")."""
    from assistant.web.app import serve

    server = serve(services, "127.0.0.1", free_port(), authenticator=authenticator,
                   concurrency=4, block=False)
    try:
        yield server.url
    finally:
        server.close()
