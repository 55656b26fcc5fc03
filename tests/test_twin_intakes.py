"""An intake written twice, in Chinese and in English, plans the same package.

A consultant's English twin of a Chinese intake (for a foreign parent or distributor) must give the
documents of the Chinese one: the same procedures and forms, so the two packages correspond page
for page. A tryout found the English twin of a Beijing machine-vision company one procedure short
(P-29 and R-74): "Register the house mark in Germany and Japan" was not read as a trademark plan.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generators.intake import load_intake
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data"
TWINS = sorted(p for root in (TEMPLATES_DIR / "examples", DATA / "intakes", DATA / "trademarks")
               for p in root.glob("*.zh.yaml") if p.with_name(p.name[:-8] + ".en.yaml").exists())


def _codes(path: Path, language: str, corpus, templates) -> set[str]:
    intake = load_intake(path)
    plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ), TEMPLATES_DIR),
                        language)
    return {d.code for d in plan.procedures} | {f.code for f in plan.forms}


def test_the_twins_include_the_beijing_machine_vision_company():
    assert DATA / "intakes" / "machine-vision.zh.yaml" in TWINS and len(TWINS) >= 14


@pytest.mark.parametrize("path", TWINS, ids=lambda p: p.name[:-8])
def test_twins_plan_the_same_documents(path, corpus, templates):
    zh = _codes(path, "zh", corpus, templates)
    en = _codes(path.with_name(path.name[:-8] + ".en.yaml"), "en", corpus, templates)
    assert (sorted(zh - en), sorted(en - zh)) == ([], [])
