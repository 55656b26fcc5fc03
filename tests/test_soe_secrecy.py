"""Secrecy in the package of a state-owned rail-equipment maker doing classified work (issue 17,
the fifth tryout: tests/data/intakes/soe-rail.zh.yaml and .en.yaml, the consultant's own files):

- trade secrets are written as trade secrets (商业秘密, 确定日期/确定人, 'Trade secret list'), not
  in state-secret vocabulary (涉密信息清单, 定密日期/定密人, 'Classified information list'), and
  the shipped intakes grade them with commercial grades, not the statutory state-secret ones
  (绝密、机密、秘密);
- a company doing classified work (business.classified_work, or a 保密资格 among its systems)
  keeps state secrets, their carriers and 国防专利 under its secrecy qualification run by its
  secrecy office, which is the 归口 of P-06; the law list names 保守国家秘密法 and 国防专利条例 and
  the filing procedure routes defence patents; nothing of this for a company without the fact;
- two departments holding one function never get the same duty sentence: the secrecy office and
  the general office divide `admin` by what their names say, other departments state a shared
  duty once as a joint duty, and the package lint reports a shared sentence.

Expected words come from the consultant's findings, the standard, the laws' titles and the
templates' own headings, never from what the code under test produced.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import docx_text, intake_variant
from generators import roles
from generators.intake import load_intake
from generators.lint import lint_package
from generators.package import draft_package

ROOT = Path(__file__).resolve().parents[1]
INTAKES = Path(__file__).parent / "data" / "intakes"
EXAMPLES = ROOT / "generators" / "templates" / "examples"
SOE = {"zh": INTAKES / "soe-rail.zh.yaml", "en": INTAKES / "soe-rail.en.yaml"}
# the consultant's quotes of state-secret vocabulary used for trade secrets
STATE_WORDS = {"zh": ["涉密信息清单", "定密日期", "定密人", "涉密计算机设置开机密码"],
               "en": ["Classified information list", "Date classified", "Classified by"]}
STATE_GRADES = {"zh": {"绝密", "机密", "秘密"}, "en": {"Top secret", "Secret", "Confidential"}}
SECRECY_OFFICE = {"zh": "保密办公室", "en": "Security and Secrecy Office"}
GENERAL_OFFICE = {"zh": "综合管理部（党委办公室）", "en": "General Management Office"}


def _classified(data: dict) -> None:
    data["business"]["classified_work"] = True


@pytest.fixture(scope="module")
def drafted(tmp_path_factory, corpus, templates):
    """{(company, lang): {file stem: text}}: the rail maker (classified work stated in the English
    intake, from its 保密资格 in the Chinese one) and the shipped manufacturer (none)."""
    out = {}
    for lang in ("zh", "en"):
        for company, path in (("soe", SOE[lang]), ("maker", EXAMPLES / f"manufacturer.{lang}.yaml")):
            folder = tmp_path_factory.mktemp(f"{company}-{lang}")
            if company == "soe" and lang == "en":
                path = intake_variant(path, folder, _classified)
            draft_package(load_intake(path), corpus, folder / "pkg", lang, templates=templates)
            out[company, lang] = {p.stem: docx_text(p) for p in (folder / "pkg").rglob("*.docx")}
    return out


def _doc(texts: dict[str, str], code: str) -> str:
    """The text of the document numbered …-P-06 / …-R-13 / …-M-01."""
    kind, number = code[0], code[1:]
    return next(text for stem, text in texts.items()
                if stem.split(" ", 1)[0].endswith(f"-{kind}-{number}"))


# -- 1. trade secrets in trade-secret words ---------------------------------------------------------
@pytest.mark.parametrize("company", ["soe", "maker"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trade_secrets_are_not_written_as_state_secrets(drafted, company, lang):
    texts = drafted[company, lang]
    for code in ("P06", "R13", "M01"):
        text = _doc(texts, code)
        for word in STATE_WORDS[lang]:
            assert word not in text, (code, word)


# state-secret words for what a company without classified work holds (NDA, records, contracts)
STATE_PHRASES = {"zh": ["涉密信息", "涉密载体", "涉密合同", "秘密级别", "定密"],
                 "en": ["classified information", "classified media", "classified contracts",
                        "classified records", "classified documents"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_state_secret_words_in_a_company_without_classified_work(drafted, lang):
    for stem, text in drafted["maker", lang].items():
        for phrase in STATE_PHRASES[lang]:
            assert phrase not in (text if lang == "zh" else text.lower()), (stem, phrase)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trade_secret_list_has_the_commercial_columns(drafted, lang):
    r13 = _doc(drafted["maker", lang], "R13")
    expected = (["商业秘密", "确定日期", "确定人"] if lang == "zh" else
                ["Trade secret", "Date determined", "Determined by"])
    for word in expected:
        assert word in r13


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")) + [
    ROOT / "generators" / "templates" / "intake.zh.yaml",
    ROOT / "generators" / "templates" / "intake.en.yaml"], ids=lambda p: p.name)
def test_shipped_intakes_grade_trade_secrets_commercially(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    levels = set(data["documents"]["confidentiality_levels"])
    assert not data.get("business", {}).get("classified_work")
    assert not levels & (STATE_GRADES["zh"] | STATE_GRADES["en"])


# -- 2. classified work under the secrecy qualification ---------------------------------------------
def test_secrecy_qualification_means_classified_work():
    assert load_intake(SOE["zh"]).business.classified_work  # 武器装备科研生产单位保密资格 listed
    assert not load_intake(SOE["en"]).business.classified_work  # not listed, not stated
    assert not load_intake(EXAMPLES / "manufacturer.zh.yaml").business.classified_work


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_p06_leaves_state_secrets_to_the_secrecy_qualification(drafted, lang):
    p06 = _doc(drafted["soe", lang], "P06")
    words = (["国家秘密载体", "国防专利", "保密资格", "只管理商业秘密"] if lang == "zh" else
             ["state-secret carriers", "defence patents", "secrecy qualification",
              "trade secrets only"])
    for word in words:
        assert word in p06, word


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_secrecy_office_owns_confidentiality(drafted, lang):
    lines = _doc(drafted["soe", lang], "P06").splitlines()
    owner = "保密管理的归口部门" if lang == "zh" else "Owns confidentiality management"
    duty = next(i for i, line in enumerate(lines) if line.startswith(owner))
    assert lines[duty - 1] == SECRECY_OFFICE[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_defence_patent_laws_and_channel(drafted, lang):
    texts = drafted["soe", lang]
    laws = (["中华人民共和国保守国家秘密法", "国防专利条例"] if lang == "zh" else
            ["Law of the People's Republic of China on Guarding State Secrets",
             "Regulations on Defence Patents"])
    for law in laws:
        assert law in _doc(texts, "M01") and law in _doc(texts, "R09"), law
    assert ("国防专利机构" if lang == "zh" else "defence patent office") in _doc(texts, "P13")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_of_it_without_classified_work(drafted, lang):
    everything = "\n".join(drafted["maker", lang].values())
    words = (["国防专利", "保密资格", "国家秘密载体", "保守国家秘密法"] if lang == "zh" else
             ["defence patent", "secrecy qualification", "Guarding State Secrets"])
    for word in words:
        assert word not in everything, word


# -- 3. one function, two departments, no sentence twice --------------------------------------------
def _duty_line(manual: str, name: str, lang: str) -> str:
    lead = name + ("：" if lang == "zh" else ": ")
    return next(line for line in manual.splitlines() if line.startswith(lead))[len(lead):]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_secrecy_and_general_office_divide_admin(drafted, lang):
    manual = _doc(drafted["soe", lang], "M01")
    split = "；" if lang == "zh" else "; "
    general = set(_duty_line(manual, GENERAL_OFFICE[lang], lang).rstrip("。.").split(split))
    secrecy = set(_duty_line(manual, SECRECY_OFFICE[lang], lang).rstrip("。.").split(split))
    assert not general & secrecy
    assert ("来访人员登记" if lang == "zh" else "visitor log") in " ".join(secrecy)
    assert ("印制和归档" if lang == "zh" else "printing and filing") in " ".join(general)


def _second_admin(data: dict) -> None:
    """A second department holding `admin` whose name divides nothing (后勤保障部)."""
    data["org"]["departments"].append({"key": "log", "name": "后勤保障部", "head": "钱七",
                                       "functions": ["admin"]})


def test_shared_function_is_stated_once(tmp_path, corpus, templates):
    path = intake_variant(EXAMPLES / "manufacturer.zh.yaml", tmp_path, _second_admin)
    draft_package(load_intake(path), corpus, tmp_path / "pkg", "zh", templates=templates)
    manual = docx_text(next((tmp_path / "pkg").rglob("*-M-01*.docx")))
    admin = "负责体系文件的印制和归档"  # duties.yaml's admin phrase
    # stated once as a duty; the second department keeps it within its own work, coordinated
    # by the first (tests/test_tryout_general_faults.py: no line only pointing elsewhere)
    lines = [line for line in manual.splitlines() if "：" in line and admin in line]
    assert sum(1 for line in lines if "在本部门业务范围内" + admin not in line) == 1
    assert any(line.startswith("后勤保障部：在本部门业务范围内") and "统筹" in line
               for line in lines)


def test_lint_reports_a_duty_sentence_two_departments_share(tmp_path, corpus, templates,
                                                             monkeypatch):
    monkeypatch.setattr(roles, "shared_once", lambda entries, language: None)  # the old way
    path = intake_variant(EXAMPLES / "manufacturer.zh.yaml", tmp_path, _second_admin)
    intake = load_intake(path)
    draft_package(intake, corpus, tmp_path / "pkg", "zh", templates=templates)
    findings = [f.message for f in lint_package(tmp_path / "pkg", intake)
                if f.kind == "department"]
    assert any("后勤保障部" in m and "印制和归档" in m for m in findings), findings


# -- the intake check asks for the facts a consultant would query -----------------------------------
def _warnings(path: Path, lang: str) -> list[str]:
    from generators.intake import check_intake
    _, report = check_intake(path.read_text(encoding="utf-8"))
    return [w.text(lang) for w in report.warnings]


def test_intake_check_asks_for_classified_work_an_objective_names():
    warnings = _warnings(SOE["en"], "en")  # 'classified projects … defence patent filing'
    assert any("business.classified_work" in w for w in warnings), warnings
    assert not any("business.classified_work" in w for w in _warnings(SOE["zh"], "zh"))


@pytest.mark.parametrize("levels, lang, warned", [
    (["机密", "秘密"], "zh", True), (["绝密", "机密", "秘密"], "zh", True),
    (["Top secret", "Secret", "Confidential"], "en", True),
    (["核心商密", "普通商密"], "zh", False), (["Core business secret", "Internal"], "en", False)])
def test_intake_check_queries_state_secret_grades(tmp_path, levels, lang, warned):
    def change(data):
        data["documents"]["confidentiality_levels"] = levels
    path = intake_variant(EXAMPLES / f"manufacturer.{lang}.yaml", tmp_path, change)
    found = any("documents.confidentiality_levels" in w for w in _warnings(path, lang))
    assert found is warned


@pytest.mark.parametrize("standard, label", [("bj-ipm", "6.2.3"), ("gbt29490-2013", "7.6")])
def test_matrix_gives_the_confidentiality_clause_to_the_secrecy_office(tmp_path, corpus,
                                                                        templates, standard,
                                                                        label):
    from docx import Document as Docx

    from generators.package_reader import header_cell

    intake = load_intake(SOE["zh"])
    result = draft_package(intake, corpus, tmp_path / "pkg", "zh", templates=templates,
                           standard=standard)
    assert not [f for f in result.findings if f.kind == "matrix-owner"]
    manual = Docx(str(next((tmp_path / "pkg").rglob("*-M-01*.docx"))))
    matrix = manual.tables[-1]
    names = [header_cell(c.text) for c in matrix.rows[0].cells]  # '保密\n办公室' read whole
    rows = [[c.text for c in r.cells] for r in matrix.rows
            if r.cells[0].text.split("（")[0] == label]
    # bj-ipm prints 6.2.3 twice (6.2.3#1 information, 6.2.3#2 confidentiality): each row
    # carries its title ('6.2.3（保密管理）')
    assert SECRECY_OFFICE["zh"] in [names[row.index("●")] for row in rows if "●" in row]
