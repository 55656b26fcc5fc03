"""Issue 17, part lo31: the leftovers of the last tryouts, each fixed by kind (the consultant's
and the review's findings): a note after a name that ends in its own bracket, the word for
'before release' by the company's kind, gaps in the record list's numbering, narrow headers of
wide forms, articles before numbered names, a maker's works under P-03, laws R-09 lists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generators.brackets import one_bracket, value_notes
from generators.intake import load_intake
from generators.package import draft_package
from generators.package_reader import read_package
from generators.templates_io import TEMPLATES_DIR

INTAKES = Path(__file__).parent / "data" / "intakes"
EXAMPLES = TEMPLATES_DIR / "examples"


def _texts(folder: Path) -> dict[str, str]:
    """Each drafted document's text by its number."""
    return {d.number: "\n".join(t for _, t in d.texts()) for d in read_package(folder)}


@pytest.fixture(scope="module")
def testing_lab(corpus, tmp_path_factory):
    """The testing lab (its agency '…（普通合伙）') drafted in both languages: texts by number."""
    out = {}
    for language in ("zh", "en"):
        folder = tmp_path_factory.mktemp("lab") / language
        draft_package(load_intake(INTAKES / f"testing-lab.{language}.yaml"), corpus, folder,
                      language)
        out[language] = _texts(folder)
    return out


# --- 2. one bracket after a name that ends in its own ----------------------------------------

def test_a_note_after_a_names_own_note_joins_its_bracket():
    notes = value_notes([{"agency": "苏州某知识产权代理事务所（普通合伙）"},
                         {"agency": "Suzhou Example IP Agency (General Partnership)"}])
    assert one_bracket("或委托苏州某知识产权代理事务所（普通合伙）（由知识产权部管理）办理", notes,
                       "zh") == "或委托苏州某知识产权代理事务所（普通合伙；由知识产权部管理）办理"
    assert one_bracket("through Suzhou Example IP Agency (General Partnership) (managed by the "
                       "IP department);", notes, "en") == \
        "through Suzhou Example IP Agency (General Partnership; managed by the IP department);"
    # a bracket after another value, or not right after the note, stays as written
    assert one_bracket("委托某所（普通合伙）（由…管理）", notes, "zh") == "委托某所（普通合伙）（由…管理）"
    assert one_bracket("苏州某知识产权代理事务所（普通合伙）办理（按…管理）", notes, "zh") == \
        "苏州某知识产权代理事务所（普通合伙）办理（按…管理）"


def test_no_drafted_text_puts_a_bracket_right_after_another(testing_lab):
    for language, texts in testing_lab.items():
        for number, text in texts.items():
            found = re.findall(r".{0,40}(?:[)）]\s?[(（]).{0,20}", text)
            assert not found, (language, number, found)
