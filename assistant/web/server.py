"""Serving the web app: the settings of `ipms serve` checked before anything slow starts, the
listening socket bound first (so a taken port is a one-line error, not a log), uvicorn run in
the foreground or in a thread, and the downloads folder removed when the server stops.
Gradio is imported only once the options are known to be good."""
from __future__ import annotations

import ipaddress
import re
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import IpmsError

MAX_CONCURRENCY = 64
_HOSTNAME = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")


@dataclass(frozen=True)
class ServeOptions:
    """Where and how to serve: address to bind, TCP port (1-65535), requests handled at once."""

    host: str = "127.0.0.1"
    port: int = 7860
    concurrency: int = 4

    def check(self) -> "ServeOptions":
        """Self, or IpmsError naming the bad option."""
        if not isinstance(self.port, int) or not 1 <= self.port <= 65535:
            raise IpmsError(f"--port must be between 1 and 65535, not {self.port}")
        if not isinstance(self.concurrency, int) or not 1 <= self.concurrency <= MAX_CONCURRENCY:
            raise IpmsError(f"--concurrency must be between 1 and {MAX_CONCURRENCY}, "
                            f"not {self.concurrency}")
        try:
            ipaddress.ip_address(self.host)
        except ValueError:
            if not _HOSTNAME.match(self.host or ""):
                raise IpmsError(f"--host is not an IP address or a host name: {self.host!r}") \
                    from None
        return self


def bind(options: ServeOptions) -> socket.socket:
    """A listening socket on host:port; IpmsError when the address cannot be used."""
    try:
        infos = socket.getaddrinfo(options.host, options.port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise IpmsError(f"--host {options.host!r} does not resolve to an address") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        reason = "is in use" if exc.errno == 98 else f"cannot be used ({exc.strerror})"
        raise IpmsError(f"{options.host}:{options.port} {reason}") from None
    sock.set_inheritable(True)
    return sock


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(0)


class RunningServer:
    """A uvicorn server serving `asgi_app` on an already bound socket; `close()` stops it and
    runs `on_close` (removing the downloads folder)."""

    def __init__(self, asgi_app, sock: socket.socket, on_close: Callable[[], None]) -> None:
        import uvicorn

        config = uvicorn.Config(asgi_app, log_level="warning", access_log=False,
                                timeout_graceful_shutdown=3)
        self.server = uvicorn.Server(config)
        self.sock = sock
        host, port = sock.getsockname()[:2]
        self.url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
        self._on_close = on_close
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        """Serve in this (main) thread until SIGINT/SIGTERM, then clean up and return.

        uvicorn re-raises the signal that stopped it once it has shut down; SIGTERM's default
        action would end the process before the clean-up, so it becomes SystemExit here."""
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            self.server.run(sockets=[self.sock])
        except SystemExit as exc:
            if exc.code not in (0, None):
                raise
        finally:
            signal.signal(signal.SIGTERM, previous)
            self._cleanup()

    def start(self, timeout: float = 60) -> "RunningServer":
        """Serve in a background thread; returns once the server accepts requests."""
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                        daemon=True, name="ipms-web")
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self._cleanup()
                raise IpmsError("the web app did not start")
            time.sleep(0.05)
        return self

    def close(self) -> None:
        """Stop serving (background mode) and clean up."""
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._cleanup()

    def _cleanup(self) -> None:
        try:
            self.sock.close()
        finally:
            self._on_close()


def serve_command(host: str, port: int, users_file: Path | None, users_env: str | None,
                  concurrency: int, load_services: Callable[[], object],
                  echo: Callable[[str], None] = print) -> None:
    """`ipms serve`: check the options and the users, bind, load the app (a preparing page
    answers meanwhile: preparing.py), serve until stopped.
    IpmsError (one line) for a bad option, a users file naming no valid user, a taken port."""
    from assistant.web.auth import Authenticator, load_users

    options = ServeOptions(host, port, concurrency).check()
    users = load_users(users_file, users_env)
    sock = bind(options)
    from assistant.web.preparing import PreparingPage

    preparing = PreparingPage(sock)  # a visitor meanwhile is told to wait, not left hanging
    try:
        services = load_services()
    except BaseException:
        preparing.stop()
        sock.close()
        raise
    preparing.stop()
    from assistant.web.app import make_server

    try:
        server = make_server(services, sock, Authenticator(users) if users else None, concurrency)
    except BaseException:
        sock.close()
        services.close()
        raise
    echo(f"ipms web app on {server.url}"
         + (f" (login required, {len(users)} users)" if users else " (no login)"))
    server.run()
