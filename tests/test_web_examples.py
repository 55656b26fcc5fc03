"""The Draft tab's example picker without a browser (issue 17): every example company shipped in
generators/templates/examples/ is offered, named in the interface language, and loads that
company's questionnaire as the file holds it, in the interface language when it is written in
it; an example still untouched follows a change of the interface language, an edited one is
never replaced."""
from __future__ import annotations

import shutil

import pytest

from assistant.errors import IpmsError
from assistant.web import handlers as h
from generators.templates_io import TemplateSet
from helpers import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "generators" / "templates"
EXAMPLES = TEMPLATES / "examples"


def _text(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def services(session_settings, corpus):
    services = h.Services(session_settings, corpus, None, TemplateSet())
    yield services
    services.close()


def test_every_shipped_example_is_offered_in_the_interface_language(services):
    shipped = {p.name.split(".")[0] for p in EXAMPLES.glob("*.yaml")}
    for lang in ("zh", "en"):
        choices = h.example_choices(services, lang)
        assert {name for _, name in choices} == shipped
        assert [name for _, name in choices][:3] == ["manufacturer", "saas", "life-sciences"]
    zh = dict((name, shown) for shown, name in h.example_choices(services, "zh"))
    en = dict((name, shown) for shown, name in h.example_choices(services, "en"))
    assert "SaaS" in zh["saas"] and "SaaS" in en["saas"]
    assert all(zh[n] != en[n] for n in shipped)  # each named in the language chosen
    assert all(not any("\u4e00" <= c <= "\u9fff" for c in shown) for shown in en.values())


def test_an_example_loads_as_its_file_holds_it(services):
    assert h.example_intake(services, "saas", "zh") == (_text("saas.zh.yaml"), "zh")
    assert h.example_intake(services, "saas", "en") == (_text("saas.en.yaml"), "en")
    assert h.example_intake(services, "life-sciences", "zh") == (
        _text("life-sciences.zh.yaml"), "zh")
    manufacturer = (TEMPLATES / "intake.zh.yaml").read_text(encoding="utf-8")
    assert h.example_intake(services, "manufacturer", "zh") == (manufacturer, "zh")
    with pytest.raises(IpmsError, match="saas"):  # the message names the examples there are
        h.example_intake(services, "bakery", "zh")


def test_an_example_in_one_language_only_is_offered_in_that_one(services, tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder, symlinks=True)
    (folder / "examples" / "trading.zh.yaml").write_text("# 贸易企业\ncompany: {}\n",
                                                         encoding="utf-8")
    own = h.Services(services.settings, services.corpus, None, TemplateSet(folder))
    try:
        assert ("trading", "trading") in h.example_choices(own, "en")  # shown by its name
        assert h.example_intake(own, "trading", "en") == ("# 贸易企业\ncompany: {}\n", "zh")
    finally:
        own.close()


def test_an_untouched_example_follows_the_interface_language(services):
    chinese, english = _text("saas.zh.yaml"), _text("saas.en.yaml")
    assert h.example_in_language(services, chinese, "saas", "en") == english
    assert h.example_in_language(services, english, "saas", "zh") == chinese
    # as the editor hands it back: without the trailing newline
    assert h.example_in_language(services, chinese.strip(), "saas", "en") == english
    assert h.example_in_language(services, chinese.strip(), "saas", "zh") is None
    assert h.example_in_language(services, chinese, "saas", "zh") is None  # already in it
    edited = chinese.replace("staff: 120", "staff: 130")
    assert h.example_in_language(services, edited, "saas", "en") is None  # never replaced
    assert h.example_in_language(services, chinese, "life-sciences", "en") is None
