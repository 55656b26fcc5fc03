"""The app's handlers through gradio's own client, against the app served in-process."""
from __future__ import annotations

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError, AuthenticationError

from assistant.web import auth
from assistant.web import handlers as h
from generators.templates_io import TemplateSet
from web_server import running_app


@pytest.fixture(scope="module")
def services(session_settings, corpus, answerer):
    return h.Services(session_settings, corpus, answerer, TemplateSet())


@pytest.fixture(scope="module")
def url(services):
    with running_app(services) as address:
        yield address


def _texts(history) -> list[str]:
    out = []
    for message in history:
        content = message["content"]
        if isinstance(content, list):
            out.append(" ".join(part.get("text", "") for part in content))
        else:
            out.append(str(content))
    return out


def test_ask_returns_cited_answer_and_chips(url):
    client = Client(url, verbose=False)
    history, chips, view, cleared = client.predict(
        "what does clause 4.3.2 require", h.ALL_DOCS, [], api_name="/ask")
    assert "[bj-ipm 4.3.2.1]" in _texts(history)[-1]
    labels = [choice[0] for choice in chips["choices"]]
    assert labels == ["第4.3.2.1条「文件管理」讲什么？", "第4.3.2.2条「外来文件与记录文件」讲什么？",
                      "第4.3.2.3条「知识产权管理手册」讲什么？"]  # questions, in the UI's Chinese
    page = client.predict(labels[1], api_name="/show_clause")
    assert "律师函" in page and "4.3.2.2" in page


def test_a_question_over_the_limit_adds_nothing_to_the_chat(url):
    """Refused with a notice in the user's language; the text stays in the box to be shortened,
    and the chat gets neither the question nor an error answer."""
    client = Client(url, verbose=False)
    huge = "知识产权培训" * 500  # 3000 characters; the limit is 2000
    history, _chips, _view, kept = client.predict(huge, h.ALL_DOCS, [], api_name="/ask")
    assert history == [] and kept == huge


def test_sessions_are_isolated(url):
    first, second = Client(url, verbose=False), Client(url, verbose=False)
    first.predict("第7.3.2.7条", h.ALL_DOCS, [], api_name="/ask")
    assert "培训" in first.predict("第7.3.2.7条「培训」讲什么？", api_name="/show_clause")
    # the second visitor has asked nothing: the first visitor's citation is not among its chips
    with pytest.raises(AppError, match="not in the list of choices"):
        second.predict("第7.3.2.7条「培训」讲什么？", api_name="/show_clause")


def test_quiz_through_the_client(url, tmp_path):
    client = Client(url, verbose=False)
    question, options, feedback, _ = client.predict(
        "Wang", ["7"], 3, "Li", "Q4", 60, api_name="/quiz_start")
    assert question.startswith("**第 1 / 3 题**")
    for n in range(3):
        choice = options["choices"][0][0]
        feedback, question, options = client.predict(choice, api_name="/quiz_answer")
        if n == 2:  # the end screen's review holds every wrong answer: no verdict under it
            assert feedback == ""
            continue
        assert "正确" in feedback or "错误" in feedback
        assert f"第 {n + 1} / 3 题" in feedback  # the verdict comes with its question
    assert "测验完成" in question and "合格线 60%" in question
    assert options["choices"] == []  # nothing more to answer
    record = client.predict(api_name="/quiz_record")
    assert str(record).endswith(".docx")


def test_intake_validation_through_the_client(url, services):
    client = Client(url, verbose=False)
    bad = services.templates.intake_example("zh").replace("staff: 180", "staff: -1")
    message = client.predict(bad, api_name="/validate_intake")
    assert "company.staff" in message and "必须" in message and "行" in message
    assert "有效" in client.predict(services.templates.intake_example("zh"),
                                   api_name="/validate_intake")


PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def login_services(session_settings, corpus, answerer):
    # its own Services: the app removes the downloads folder when it stops
    return h.Services(session_settings, corpus, answerer, TemplateSet())


def test_login_is_required_when_users_are_configured(login_services):
    users = {"alice": auth.parse_hash(auth.hash_password(PASSWORD))}
    with running_app(login_services, auth.Authenticator(users)) as address:
        for path in ("", "?view=api", "config", "gradio_api/info", "gradio_api/openapi.json"):
            response = httpx.get(address + path, headers={"Accept": "text/html"})
            assert response.status_code in (303, 401), path
            assert "validate_intake" not in response.text and "quiz_start" not in response.text
        with pytest.raises(Exception):
            Client(address, verbose=False).predict("第4.1条", h.ALL_DOCS, [], api_name="/ask")
        with pytest.raises(AuthenticationError):
            Client(address, auth=("alice", "wrong password"), verbose=False)
        client = Client(address, auth=("alice", PASSWORD), verbose=False)
        history, *_ = client.predict("第4.1条", h.ALL_DOCS, [], api_name="/ask")
        assert "[bj-ipm 4.1]" in _texts(history)[-1]


def test_downloads_folder_is_removed_when_the_app_stops(session_settings, corpus, answerer):
    services = h.Services(session_settings, corpus, answerer, TemplateSet())
    with running_app(services) as address:
        client = Client(address, verbose=False)
        client.predict("第4.1条", h.ALL_DOCS, [], api_name="/ask")
        exported = client.predict(api_name="/export_markdown")
        assert str(exported).endswith(".md")
        assert services.downloads.is_dir()
    assert not services.downloads.exists()


def test_uploads_over_the_limit_are_refused(url):
    import urllib.error
    import urllib.request

    boundary = "ipmsboundary"
    big = b"a: " + b"x" * (2 * 1024 * 1024) + b"\n"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"intake.yaml\"\r\nContent-Type: application/x-yaml\r\n\r\n").encode() \
        + big + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{url}gradio_api/upload", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 413
