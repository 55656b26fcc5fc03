"""The manual says what this company does, from its own facts (issue 17, part F).

A consultant's review of the example packages found in the manual: rules named that the package
does not contain (专利管理制度, 商标管理制度 …); the standard restated ("公司应…", "The company
shall…") where a manual says what the company does; intake facts collected and used nowhere
(the budget and its items, past disputes); and, for life sciences, the marking of registered
products given to marketing although the company has a regulatory affairs department.

The manuals are planned in-process (no Word files: the texts a manual prints, rendered), for the
six examples and the test intakes. Expected values come from the intakes (their budget, their
disputes, their departments' names), the catalogue's titles and the consultant's words, never
from the generator. The lint checks that keep it so (generators.lint_manual) are tested on
sentences written here.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generators import lint_manual
from generators.intake import load_intake, parse_intake
from generators.lint import _Package
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph, Table
from generators.templates_io import TEMPLATES_DIR, chinese_quotes

EXAMPLES = TEMPLATES_DIR / "examples"
DATA = Path(__file__).parent / "data" / "intakes"
INTAKES = {**{f"{n}.{lang}": (EXAMPLES / f"{n}.{lang}.yaml", lang)
              for n in ("manufacturer", "saas", "life-sciences") for lang in ("zh", "en")},
           **{p.stem: (p, "zh") for p in sorted(DATA.glob("*.yaml"))}}

# 应 as a modal ("shall"), not inside another word: 相应, 对应, 供应, 适应, 反应, 响应, 应对风险 …
MODAL_ZH = re.compile(r"(?<![相对供适反响回效呼照])应(?:当|该)?(?!对(?:风险|机遇|策略|措施|方案|预案|[、，。；])|用|急|收|答)")
SHALL = re.compile(r"\bshall\b", re.IGNORECASE)
# the rules the consultant found named, and the like, as the old manuals named them
RULES = {"zh": ["专利管理制度", "商标管理制度", "其他知识产权管理制度", "资产管理制度", "信用管理制度",
                "保密管理制度", "奖励制度"],
         "en": ["patent management rules", "trademark management rules", "reward system",
                "credit management rules", "asset management rules",
                "confidentiality management rules", "management rules for other"]}


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _manual_texts(intake, language, corpus, templates) -> dict[str, str]:
    """{section or clause key: its rendered text} of the manual drafted for `intake`; 'duties'
    the departments' duties, 'Name: duties' a line each."""
    plan = draft_package(intake, corpus, None, language, templates=templates).plan
    out = {f"section:{name}": templates.render(section["text"], plan.context)
           for name, section in templates.manual(language)["sections"].items()}
    for unit in plan.units:
        out[unit.key] = (out.get(unit.key, "") + "\n"
                         + templates.render(unit.text, plan.context)).strip()
    out["duties"] = "\n".join(f"{d['name']}: {d['duties']}" for d in plan.context["duties"])
    return out


@pytest.fixture(scope="module")
def manuals(corpus, templates):
    return {name: _manual_texts(load_intake(path), lang, corpus, templates)
            for name, (path, lang) in INTAKES.items()}


def _sentences(text: str) -> list[str]:
    text = re.sub(r"“[^”]*”|\"[^\"]*\"", "“”", text)  # a quotation is not the manual's sentence
    return [s for s in re.split(r"(?<=[。；;])|(?<=\.)\s|\n", text) if s.strip()]


# -- the company's voice ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(INTAKES))
def test_the_manual_says_what_the_company_does_not_what_it_shall_do(manuals, name):
    lang = INTAKES[name][1]
    modal = MODAL_ZH if lang == "zh" else SHALL
    found = [s.strip() for key, text in manuals[name].items() for s in _sentences(text)
             if modal.search(s)]
    assert found == []


# -- documents named -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(INTAKES))
def test_the_manual_names_no_rules_the_package_does_not_contain(manuals, name):
    lang = INTAKES[name][1]
    text = "\n".join(manuals[name].values())
    assert [r for r in RULES[lang] if r.casefold() in text.casefold()] == []
    if lang == "zh":  # every 《title》 is a document of the package, a law the references list,
        catalogue = _raw(TEMPLATES_DIR / "catalogue.yaml")  # or the standard (by its title)
        titles = {t["zh"] for e in catalogue["procedures"] + catalogue["forms"]
                  for t in [e["title"], *e.get("title_when", [])]}
        # a small company's bundle is one issued document (its procedures its chapters): the
        # manual names it by the bundle's title (generators.bundles)
        titles |= {b["title"]["zh"] for b in _raw(TEMPLATES_DIR / "bundles.yaml")["bundles"]}
        references = set(re.findall(r"《([^》]+)》", manuals[name]["section:references"]))
        named = set(re.findall(r"《([^》]+)》", text))
        products = set(re.findall(r"《([^》]+)》",  # the company's products: 《月汐》 is a game
                                  " ".join(load_intake(INTAKES[name][0]).company.products)))
        assert sorted(named - titles - references - products - {"知识产权管理手册"}) == []


def test_the_rules_sections_name_the_packages_procedures_by_number(manuals):
    # manufacturer (patents held): the patent rules are the search, filing, asset, protection
    # and HR procedures, each named with its number (the intake's numbering, ZH-IPM-P-nn)
    short = _raw(EXAMPLES / "manufacturer.zh.yaml")["company"]["short_name"]
    patent_rules = manuals["manufacturer.zh"]["6.2.1"]
    for code in (12, 13, 18, 15, 7):
        assert f"{short}-IPM-P-{code:02d}" in patent_rules
    trademark_rules = manuals["saas.en"]["6.2.2"]
    short = _raw(EXAMPLES / "saas.en.yaml")["company"]["short_name"]
    # the asset ledger and protection procedures; not P-14, which has no trademark filing step
    # (without P-29 the manual states the clearance search and approval itself)
    for code in (18, 15):
        assert f"{short}-IPM-P-{code:02d}" in trademark_rules
    assert f"{short}-IPM-P-14" not in trademark_rules


# -- budget ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(INTAKES))
def test_the_financial_resources_state_the_budget_and_its_items(manuals, name):
    path, lang = INTAKES[name]
    budget = _raw(path).get("budget")
    text = manuals[name]["7.4.2.1"]
    if not budget:
        assert "万元" not in text and "CNY" not in text
        return
    amount = (f"{budget['annual_cny'] / 10000:g}万元" if lang == "zh"
              else f"CNY {budget['annual_cny']:,}")
    assert amount in text
    for item in budget.get("items", []):
        assert item in text


# -- past disputes ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(INTAKES))
def test_past_disputes_feed_risk_identification_and_lessons_learned(manuals, name):
    path, lang = INTAKES[name]
    disputes = _raw(path)["ip"].get("disputes") or []
    manual = manuals[name]
    for dispute in disputes:  # as the intake says it, quotation marks set as Chinese text's
        said = chinese_quotes(dispute) if lang == "zh" else dispute
        assert said in manual["8.2"]  # risk identification
        assert said in manual["10.2"]  # dispute handling: lessons learned
    if not disputes:  # collected as none: no sentence about them, never '0 disputes'
        text = "\n".join(manual.values())
        assert not re.search(r"以往[^。]*纠纷|past (?:IP )?disputes|0 ?(?:件|起|项)纠纷|\b0 disputes",
                             text)


# -- marking of registered medical devices and drugs -----------------------------------------------
def _life_sciences(lang: str, drop: tuple[str, ...] = ()):
    raw = _raw(EXAMPLES / f"life-sciences.{lang}.yaml")
    raw["org"]["departments"] = [d for d in raw["org"]["departments"] if d["key"] not in drop]
    return raw, parse_intake(yaml.safe_dump(raw, allow_unicode=True))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_registered_products_are_marked_by_regulatory_affairs(manuals, lang):
    raw = _raw(EXAMPLES / f"life-sciences.{lang}.yaml")
    regulatory = next(d["name"] for d in raw["org"]["departments"] if d["key"] == "clin")
    assert re.search("注册|Regulatory", regulatory)
    marking = manuals[f"life-sciences.{lang}"]["10.1.1.2"]
    label_words = "标签" if lang == "zh" else "labels"
    assert regulatory in marking and label_words in marking
    assert marking.index(regulatory) < marking.index(label_words)
    duties = next(line for line in manuals[f"life-sciences.{lang}"]["duties"].splitlines()
                  if line.startswith(regulatory + ":"))
    assert label_words in duties


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_regulatory_affairs_quality_assurance_marks_them(corpus, templates, lang):
    raw, intake = _life_sciences(lang, drop=("clin",))
    quality = next(d["name"] for d in raw["org"]["departments"] if "quality" in d["functions"])
    manual = _manual_texts(intake, lang, corpus, templates)
    marking = manual["10.1.1.2"]
    assert marking.startswith(("公司根据经营目标", "The company marks"))
    assert quality in marking
    assert any(line.startswith(quality + ":") and ("标签" in line or "labels" in line)
               for line in manual["duties"].splitlines())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_either_the_manual_says_who_marks_them(corpus, templates, lang):
    raw, intake = _life_sciences(lang, drop=("clin", "qa"))
    marketing = next(d["name"] for d in raw["org"]["departments"]
                     if "marketing" in d["functions"])
    marking = _manual_texts(intake, lang, corpus, templates)["10.1.1.2"]
    said = "未设注册或质量管理部门" if lang == "zh" else "no regulatory affairs or quality department"
    assert said in marking
    who = marking[marking.index(said):]
    assert marketing in who and ("标签" in who or "labels" in who)


# -- the lint checks, on sentences written here ------------------------------------------------------
def _package(language: str, *blocks, intake=None, others=()) -> _Package:
    title = "知识产权管理手册" if language == "zh" else "IP management manual"
    manual = PackageDocument("01-manual/M.docx", "manual", "X-M-01", title, "", list(blocks))
    return _Package([manual, *others], intake)


def _procedure(title: str) -> PackageDocument:
    return PackageDocument(f"02-procedures/{title}.docx", "procedure", "X-P-05", title, "", [])


def test_lint_reports_a_rule_the_package_does_not_contain():
    package = _package(
        "zh",
        Paragraph("引用文件", "Heading1"),
        Paragraph("《中华人民共和国专利法》《中华人民共和国商标法》"),
        Paragraph("第6章 策划", "Heading1"),
        Paragraph("6.2 知识产权分类管理", "Heading2"),
        Paragraph("公司按《专利管理制度》管理专利，按《知识产权制度管理控制程序》发布；"
                  "依据GB/T 29490—2023《企业知识产权合规管理体系 要求》和《中华人民共和国专利法》。"),
        Table((("文件", "说明"), ("《商标管理制度》", "现行"))),
        others=[_procedure("知识产权制度管理控制程序")])
    lint_manual.check_documents_named(package)
    assert [(f.kind, f.where) for f in package.findings] == [
        ("document", "6.2 知识产权分类管理"), ("document", "6.2 知识产权分类管理 (table)")]
    assert "《专利管理制度》" in package.findings[0].message
    assert "《商标管理制度》" in package.findings[1].message


def test_lint_accepts_a_document_the_intake_names():
    raw = _raw(EXAMPLES / "manufacturer.zh.yaml")
    raw["certification"]["existing_systems"] = ["ISO 27001（《信息安全管理制度》）"]
    intake = parse_intake(yaml.safe_dump(raw, allow_unicode=True))
    text = "本体系与《信息安全管理制度》共用文件控制。"
    package = _package("zh", Paragraph(text), intake=intake)
    lint_manual.check_documents_named(package)
    assert package.findings == []
    bare = _package("zh", Paragraph(text))
    lint_manual.check_documents_named(bare)
    assert len(bare.findings) == 1


def test_lint_reports_an_english_rule_in_quotes():
    package = _package(
        "en",
        Paragraph("Referenced documents", "Heading1"),
        Paragraph("\"Patent Law of the People's Republic of China\""),
        Paragraph("Chapter 6 Planning", "Heading1"),
        Paragraph("Patents", "Heading2"),
        Paragraph("Patents are managed under the \"Patent management rules\" and the "
                  "\"IP rules management procedure\"; the policy is \"Protect what we create\"."),
        others=[_procedure("IP rules management procedure")])
    lint_manual.check_documents_named(package)
    assert [f.message for f in package.findings] == [
        "the manual names 'Patent management rules', which is neither in the package nor a "
        "normative reference nor a document the intake says the company has"]


def test_lint_reports_the_standard_restated_and_nothing_else():
    package = _package(
        "zh",
        Paragraph("6.2 应对风险和机遇的措施", "Heading2"),  # the standard's title: a heading
        Paragraph("公司应建立知识产权制度。知识产权部每年评审相应的程序，对应条款见附录B；"
                  "供应商的风险登记于《风险登记表》；本章对应第6章（该章要点：企业应识别风险）。"),
        Paragraph("方针为“企业应尊重他人知识产权”。知识产权部应对风险提出应对措施。"),
        Table((("部门", "职责"), ("研发部", "研发人员应签署保密协议"))))
    lint_manual.check_voice(package)
    assert [f.kind for f in package.findings] == ["voice", "voice"]
    assert "公司应建立知识产权制度" in package.findings[0].message
    assert "研发人员应签署保密协议" in package.findings[1].message


def test_lint_reports_shall_in_english():
    package = _package(
        "en",
        Paragraph("Rules", "Heading2"),
        Paragraph("The company shall establish IP rules. The IP Department drafts each rule. "
                  "The policy reads \"we shall respect the IP of others\"."))
    lint_manual.check_voice(package)
    assert len(package.findings) == 1
    assert "The company shall establish IP rules." in package.findings[0].message
