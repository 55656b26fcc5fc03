"""Dense search against a Chroma server (IPMS_CHROMA_URL) ranks exactly like the on-disk store.
Starts `chroma run` on a free local port; always stops it."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest

from assistant.corpus.store import Corpus
from assistant.retrieval.retriever import Retriever

pytestmark = pytest.mark.slow

QUESTIONS = [
    "what are the eight stages of implementing the standard",
    "pilot objectives of ISO 56005",
    "how should top management evaluate the IP management system",
    "what safeguard measures support the ISO 56005 pilot",
    "what happens in the internal audit stage",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    binary = shutil.which("chroma")
    if binary is None:
        pytest.skip("the chroma CLI is not installed")
    import chromadb

    port = _free_port()
    log = (tmp_path / "chroma.log").open("wb")
    proc = subprocess.Popen([binary, "run", "--path", str(tmp_path / "server-data"),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}: "
                            f"{(tmp_path / 'chroma.log').read_text(errors='replace')[-500:]}")
            try:
                chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail("chroma server did not answer within 60 s")
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


def _ranked(settings) -> list[list[tuple[str, str]]]:
    retriever = Retriever(settings, Corpus.load(settings))
    return [[(h.doc, h.key) for h in retriever.search(q).hits] for q in QUESTIONS]


def test_server_store_ranks_like_the_local_store(chroma_server, tmp_path, monkeypatch):
    from assistant.settings import Settings

    local = _ranked(Settings(home=tmp_path / "local", embedding_model="hashing"))
    assert all(local)
    assert not (tmp_path / "remote").exists()

    monkeypatch.setenv("IPMS_CHROMA_URL", chroma_server)
    remote_settings = Settings(home=tmp_path / "remote", embedding_model="hashing")
    assert remote_settings.chroma_url == chroma_server
    remote = _ranked(remote_settings)
    assert remote == local
    # the vectors went to the server, not to a store on disk under home
    assert not list((tmp_path / "remote").rglob("chroma*"))
    # a second retriever finds the server's collection up to date and does not refill it
    again = Retriever(remote_settings, Corpus.load(remote_settings))
    assert again.dense.rebuilt is False


def _server_collections(url: str) -> set[str]:
    import chromadb

    host, port = url.rsplit("//", 1)[1].split(":")
    client = chromadb.HttpClient(host=host, port=int(port))
    return {c.name if hasattr(c, "name") else c for c in client.list_collections()}


def test_server_collections_carry_the_version_and_old_ones_go(chroma_server, tmp_path,
                                                               monkeypatch):
    from assistant.settings import Settings

    monkeypatch.setenv("IPMS_CHROMA_URL", chroma_server)
    settings = Settings(home=tmp_path / "remote", embedding_model="hashing")
    versions = [Retriever(settings, Corpus.load(settings)).build()["version"] for _ in range(3)]
    # the version a reader may still be opening is kept; older ones are dropped from the server
    assert _server_collections(chroma_server) == {f"ipms-hashing-{v}" for v in versions[-2:]}
    retriever = Retriever(settings, Corpus.load(settings))
    assert retriever.search(QUESTIONS[1]).hits and retriever.indexes.version == versions[-1]
