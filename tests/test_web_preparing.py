"""While `ipms serve` loads (the first start builds the search index: minutes), a visitor is told
the app is preparing instead of waiting on a page that never loads (try13 fault 7)."""
from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest

import assistant.web.server as server
from assistant.errors import IpmsError


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_visitor_during_loading_gets_a_preparing_page_that_reloads_itself():
    port, seen = _free_port(), {}

    def load_services():  # a visitor arrives while the app loads
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10)
        except urllib.error.HTTPError as exc:
            seen.update(status=exc.code, body=exc.read().decode("utf-8"),
                        retry=exc.headers.get("Retry-After"))
        raise IpmsError("stop here")  # the test needs only the loading phase

    with pytest.raises(IpmsError, match="stop here"):
        server.serve_command("127.0.0.1", port, None, None, 1, load_services,
                             echo=lambda line: None)
    assert seen.get("status") == 503, seen
    assert "正在准备" in seen["body"] and "Preparing" in seen["body"]
    assert 'http-equiv="refresh"' in seen["body"] and seen["retry"]
    with socket.socket() as again:  # the port is free again once serve_command gave up
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as bind() does
        again.bind(("127.0.0.1", port))
