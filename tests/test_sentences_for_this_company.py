"""Issue 17, part P: sentences and titles that still assumed another company.

- one department holding several functions named twice in a sentence, acting on itself
  ('法务部提交法务部审查', "X reviews and X approves"): P-07, P-09, P-13, P-14, P-16, P-17, P-25, the
  form R-43's note and the manual's contract review;
- without patents held or planned, P-18 spoke of 发明人 / inventors and the manual printed the
  bj-ipm title 专利布局 over its 9.1.1 text;
- P-15 gave the marking of registered products to the sales department while the manual gives it
  to the labelling department (duties.yaml `labelling`);
- the manual did not name P-29 where it describes licensing;
- `ipms transition --intake` printed P-12's catalogue title instead of the package's.

Expected wording comes from the template files, the catalogue and the intakes' department names
(what a reader sees); texts are rendered in-process with each company's plan, never drafted whole.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generators.intake import load_intake, parse_intake
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR, TemplateSet

EXAMPLES = TEMPLATES_DIR / "examples"
INTAKES = Path(__file__).parent / "data" / "intakes"
BIG = {"zh": "知识产权与综合部", "en": "IP and Business Department"}


@pytest.fixture(scope="module")
def templates_p():
    return TemplateSet()


def _example(name: str, language: str) -> str:
    path = (TEMPLATES_DIR / f"intake.{language}.yaml" if name == "manufacturer"
            else EXAMPLES / f"{name}.{language}.yaml")
    return path.read_text(encoding="utf-8")


def _one_department(base: str, language: str) -> str:
    """The example `base` with one department holding IP, legal, sales, HR and R&D (the
    departments that held them merged into it)."""
    data = yaml.safe_load(_example(base, language))
    old = data["org"]["departments"]
    kept = [d for d in old if not set(d["functions"]) & {"ip", "legal", "sales", "hr", "rd"}]
    kept.insert(0, {"key": "big", "name": BIG[language], "head": old[0]["head"],
                    "functions": ["ip", "legal", "sales", "hr", "rd"]})
    data["org"]["departments"] = kept
    data["org"]["ip_department"] = "big"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _two_departments(base: str, language: str) -> tuple[str, str, str]:
    """The example `base` as an office holding everything but R&D, IT, quality and production,
    and a technology department: (intake text, office, technology department)."""
    data = yaml.safe_load(_example(base, language))
    old = data["org"]["departments"]
    office, tech = (("综合管理部", "技术部") if language == "zh" else
                    ("General Office", "Technology Department"))
    data["org"]["departments"] = [
        {"key": "gm", "name": office, "head": old[0]["head"],
         "functions": ["management", "admin", "ip", "legal", "hr", "finance", "purchasing",
                       "sales", "marketing"]},
        {"key": "t", "name": tech, "head": old[1]["head"],
         "functions": ["rd", "it", "quality", "production"]}]
    data["org"]["ip_department"] = "gm"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False), office, tech


def _plan(corpus, templates, intake, language: str):
    return plan_package(intake, templates,
                        load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)


def _procedure_texts(templates, plan, code: str) -> list[str]:
    body = next(p for p in templates.procedures if p.code == code).content[plan.language]
    texts = [s["text"] for s in body["steps"]] + [r["duty"] for r in body["responsibilities"]]
    return [templates.render(t, plan.context) for t in texts]


def _sentences(texts: list[str]) -> list[str]:
    return [s for t in texts for s in re.split(r"[。；]|(?<=[.;])\s", t) if s.strip()]


def _manual(templates, plan, key: str) -> str:
    return templates.render(templates.manual(plan.language)["clauses"][key], plan.context)


# -- 1. one department holding several functions -------------------------------------------------
@pytest.mark.parametrize("base, language, codes", [
    ("saas", "zh", ["P07", "P09", "P14", "P16", "P17", "P25"]),
    ("saas", "en", ["P07", "P09", "P14", "P16", "P17", "P25"]),
    ("manufacturer", "zh", ["P07", "P09", "P13", "P14", "P16", "P17"]),
    ("manufacturer", "en", ["P07", "P09", "P13", "P14", "P16", "P17"])])
def test_one_department_for_ip_legal_sales_hr_and_rd_is_named_once_a_sentence(
        base, language, codes, corpus, templates_p):
    plan = _plan(corpus, templates_p, parse_intake(_one_department(base, language),
                                                   f"one.{language}.yaml"), language)
    drafted = {p.code for p in plan.procedures}
    assert set(codes) <= drafted, set(codes) - drafted
    name = BIG[language]
    for code in codes:
        twice = [s for s in _sentences(_procedure_texts(templates_p, plan, code))
                 if s.count(name) > 1]
        assert twice == [], (code, twice)
    # the manual's searches, filings and R&D contracts: the department does not assist, supply
    # or review for itself
    keys = [k for k in ("9.1.1", "9.1.2", "9.1.3", "9.2.1", "9.2.3", "9.3.2.1")
            if k in templates_p.manual(language)["clauses"]]
    twice = [s for s in _sentences([_manual(templates_p, plan, k) for k in keys])
             if s.count(name) > 1]
    assert twice == [], twice


def test_the_steps_of_one_department_read_as_one_doer(corpus, templates_p):
    """What the sentences say instead (the templates' words, the department named once)."""
    plan = _plan(corpus, templates_p, parse_intake(_one_department("saas", "zh"), "one.yaml"),
                 "zh")
    name = BIG["zh"]
    p25 = " ".join(_procedure_texts(templates_p, plan, "P25"))
    assert "版本发布前一个月，提出登记建议，并按以下情形决定登记" in p25
    p14 = " ".join(_procedure_texts(templates_p, plan, "P14"))
    assert "提出成果完成人名单，知识产权工作人员核实确认" in p14
    p17 = " ".join(_procedure_texts(templates_p, plan, "P17"))
    assert f"{name}根据知识产权目标和公司的境外市场计划" in p17
    assert "发现侵权时固定证据后通过平台投诉" in p17
    p07 = " ".join(_procedure_texts(templates_p, plan, "P07"))
    assert "，并评估录用是否可能侵犯他人知识产权" in p07
    assert "所在部门负责人填写《知识产权奖励申请及发放表》" in p07  # never filled and reviewed


def test_the_manuals_contract_review_names_each_department_once(corpus, templates_p):
    text, office, tech = _two_departments("saas", "zh")
    plan = _plan(corpus, templates_p, parse_intake(text, "two.zh.yaml"), "zh")
    assert plan.context["role"]["contract_review"] == office  # legal is the office's
    review = next(t for t in (_manual(templates_p, plan, k) for k in
                              templates_p.manual("zh")["clauses"]) if "承办" in t)
    first = re.split("[。]", review)[0]
    # the office does not submit its own purchase and sales contracts to itself
    assert f"承办部门（{tech}的技术开发合同等）将合同草案提交{office}" in first, first
    assert "其自身承办的采购合同和销售合同同样在签订前审查" in first, first
    assert first.count(office) == 1, first
    text, office, tech = _two_departments("saas", "en")
    plan = _plan(corpus, templates_p, parse_intake(text, "two.en.yaml"), "en")
    review = next(t for t in (_manual(templates_p, plan, k) for k in
                              templates_p.manual("en")["clauses"]) if "handling the contract" in t)
    assert (f"(technology development contracts from the {tech}, and so on) submits the draft "
            f"to the {office} (the procurement and sales contracts it handles itself are "
            f"reviewed in the same way)") in review, review

    # a company with a department for each keeps each contract type with its department
    data = yaml.safe_load(_example("manufacturer", "zh"))
    names = {f: next(d["name"] for d in data["org"]["departments"] if f in d["functions"])
             for f in ("purchasing", "sales", "rd")}
    plan = _plan(corpus, templates_p, load_intake(TEMPLATES_DIR / "intake.zh.yaml"), "zh")
    review = next(t for t in (_manual(templates_p, plan, k) for k in
                              templates_p.manual("zh")["clauses"]) if "承办" in t)
    assert (f"承办部门（{names['purchasing']}的采购合同、{names['sales']}的销售合同、"
            f"{names['rd']}的技术开发合同等）将合同草案提交") in review, review


def test_the_infringement_records_note_names_one_department_once(corpus, templates_p):
    text, office, _ = _two_departments("saas", "zh")
    plan = _plan(corpus, templates_p, parse_intake(text, "two.zh.yaml"), "zh")
    form = next(f for f in templates_p.forms if f.code == "R43")
    note = templates_p.render(form.content["zh"]["note"], plan.context)
    assert note.startswith(f"由{office}在产品销售市场跟踪并判断"), note


# -- 2. without patents ------------------------------------------------------------------------------
@pytest.mark.parametrize("language, inventor, creator", [
    ("zh", "发明人", "知识产权成果完成人"), ("en", "inventor", "creators of the IP results")])
def test_p18_speaks_of_creators_without_patents_and_of_inventors_with_them(
        language, inventor, creator, corpus, templates_p):
    saas = _plan(corpus, templates_p, parse_intake(_example("saas", language), "s.yaml"),
                 language)
    assert not saas.context["plans"]["patents"]
    body = next(p for p in templates_p.procedures if p.code == "P18").content[language]
    texts = [templates_p.render(d["meaning"], saas.context) for d in body["definitions"]]
    texts += _procedure_texts(templates_p, saas, "P18")
    said = re.compile(rf"{inventor}(?!y)")  # 'inventory' is no inventor
    assert not [t for t in texts if said.search(t)], [t for t in texts if said.search(t)]
    assert sum(creator in t for t in texts) >= 3  # the ledger, its registration, abandonment
    maker = _plan(corpus, templates_p, load_intake(TEMPLATES_DIR / f"intake.{language}.yaml"),
                  language)
    assert any(said.search(t) for t in _procedure_texts(templates_p, maker, "P18"))


def test_the_manuals_9_1_1_topic_is_not_patent_layout_without_patents(corpus, templates_p):
    variants = templates_p.manual("zh")["topic_titles"]["9.1.1"]
    worded = next(v["title"] for v in variants if v["when"] == "not plans.patents")
    for intake, title in ((parse_intake(_example("saas", "zh"), "s.yaml"), worded),
                          (load_intake(INTAKES / "food.zh.yaml"), worded),
                          (load_intake(TEMPLATES_DIR / "intake.zh.yaml"), "专利布局")):
        plan = _plan(corpus, templates_p, intake, "zh")
        unit = next(u for u in plan.units if u.key == "9.1.1")
        assert unit.title == title, (intake.company.name, unit.title)


# -- 3. who marks registered products --------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_p15_marks_registered_products_where_the_manual_does(language, corpus, templates_p):
    data = yaml.safe_load(_example("life-sciences", language))
    rule = yaml.safe_load((TEMPLATES_DIR / "duties.yaml").read_text(encoding="utf-8"))["labelling"]
    labelling = next(d["name"] for d in data["org"]["departments"]
                     if re.search(rule["match"], d["name"], re.I))
    sales = next(d["name"] for d in data["org"]["departments"] if "sales" in d["functions"])
    assert labelling != sales
    plan = _plan(corpus, templates_p, parse_intake(_example("life-sciences", language), "l.yaml"),
                 language)
    words = "标签、包装和说明书" if language == "zh" else "labels, packaging and instructions for use"
    manual = [t for t in (_manual(templates_p, plan, k) for k in
                          templates_p.manual(language)["clauses"]) if words in t]
    assert manual and all(labelling in t for t in manual)
    p15 = [t for t in _procedure_texts(templates_p, plan, "P15") if words in t]
    assert len(p15) >= 2, p15  # the marking step and the labelling department's duty
    for text in p15:  # the part on labels names the labelling department, not sales
        part = next(p for p in re.split(r"[；;]", text) if words in p)
        assert labelling in part or part.startswith(("在已注册产品", "Marks IP on the labels")), part
        assert sales not in part, part
    body = next(p for p in templates_p.procedures if p.code == "P15").content[language]
    rows = [(templates_p.render(r["role"], plan.context), templates_p.render(r["duty"],
                                                                             plan.context))
            for r in body["responsibilities"]]
    assert any(role == labelling and words in duty for role, duty in rows), rows


# -- 4. the manual names P-29 ----------------------------------------------------------------------
def test_the_manual_names_p29_where_it_describes_licensing(corpus, templates_p):
    intake = load_intake(INTAKES / "food.zh.yaml")
    plan = _plan(corpus, templates_p, intake, "zh")
    assert plan.context["drafted"]["P29"]
    catalogue = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
    entry = next(p for p in catalogue["procedures"] if p["code"] == "P29")
    title = entry["title"]["zh"]  # the food company licenses its marks to franchisees
    document = plan.issued_for("P29")  # a small company's bundle carries it: the manual names that
    title = document.title if document.bundled else title
    number = plan.context["docno"]["P29"]
    licensing = [t for t in (_manual(templates_p, plan, k) for k in
                             templates_p.manual("zh")["clauses"]) if "许可合同约定许可类型" in t]
    assert licensing and f"《{title}》（{number}）" in licensing[0], licensing
    maker = _plan(corpus, templates_p, load_intake(TEMPLATES_DIR / "intake.zh.yaml"), "zh")
    assert not maker.context["drafted"]["P29"]  # patents: no trademark procedure of its own
    assert not [t for t in (_manual(templates_p, maker, k) for k in
                            templates_p.manual("zh")["clauses"]) if "-P-29" in t]


# -- 5. the transition report titles P-12 as the package does --------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_transition_titles_p12_as_the_package_does(language, templates_p):
    from assistant.standards.transition import package_documents

    catalogue = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
    entry = next(p for p in catalogue["procedures"] if p["code"] == "P12")
    worded = next(v[language] for v in entry["title_when"] if v["when"] == "not plans.patents")
    saas = parse_intake(_example("saas", language), "s.yaml")
    p12 = next(d for d in package_documents(language, saas, templates_p) if d.code == "P12")
    assert p12.title == worded
    maker = load_intake(TEMPLATES_DIR / f"intake.{language}.yaml")
    p12 = next(d for d in package_documents(language, maker, templates_p) if d.code == "P12")
    assert p12.title == entry["title"][language]
