"""A template text's compiled code kept in a folder (TemplateSet(compiled_dir=…), as `ipms draft`
keeps it under <home>/cache/templates) renders what the text says, in a later process without
compiling it again; a cache that cannot be written or read is no cache, never an error."""
from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generators import templates_io
from generators.templates_io import TemplateSet

TEXT = ("{{ company }}的产品有{{ products | listed }}{% if export %}，并出口{% endif %}。"
        "{% for d in depts %}{{ loop.index }}. {{ d }}；{% endfor %}")
CONTEXT = {"company": "甲公司", "products": ["A", "B", "C"], "export": True,
           "depts": ["研发中心", "法务部"], "_language": "zh"}
EXPECTED = "甲公司的产品有A、B和C，并出口。1. 研发中心；2. 法务部；"  # as TEXT reads


@pytest.fixture(autouse=True)
def _new_process(monkeypatch):
    """Each TemplateSet made in a test starts, as a new process does, with nothing compiled."""
    monkeypatch.setattr(templates_io, "_COMPILED", {})


def _render(compiled_dir: Path | None) -> str:
    templates = TemplateSet(compiled_dir=compiled_dir)
    templates._compiled.clear()
    return templates.render(TEXT, CONTEXT)


def test_code_kept_in_the_folder_renders_without_compiling_again(tmp_path, monkeypatch):
    folder = tmp_path / "cache" / "templates"
    assert _render(folder) == EXPECTED
    assert len(list(folder.iterdir())) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    assert _render(folder) == EXPECTED  # the code from the folder


def test_a_cache_that_cannot_be_written_or_read_is_no_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert _render(blocker / "templates") == EXPECTED  # cannot be made: compiled, not kept

    folder = tmp_path / "templates"
    assert _render(folder) == EXPECTED
    for kept in folder.iterdir():  # damaged: compiled afresh
        kept.write_bytes(b"\x00garbage")
    assert _render(folder) == EXPECTED
    assert _render(None) == EXPECTED
