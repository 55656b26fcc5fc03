"""Forms that fit the record and the company (issue 17, U-report items 14, 15, 17): a record someone
reviews or signs has sign-off rows (name, signature, date) for those people; a retention period
the intake names for records no form holds is queried at its line, with what it could mean; the
contract review sheet offers the contract categories the company signs. Expected values come
from forms.yaml, catalogue.yaml and the intakes as a reader sees them."""
from __future__ import annotations

from pathlib import Path

import yaml

from generators.form_layout import signed_by_fields
from generators.intake import check_intake, load_intake
from generators.templates_io import TEMPLATES_DIR, TemplateSet, context_for

FORMS = yaml.safe_load((TEMPLATES_DIR / "forms.yaml").read_text("utf-8"))
CATALOGUE = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text("utf-8"))
LAB = Path(__file__).parent / "data" / "intakes" / "testing-lab.zh.yaml"
TRADE = Path(__file__).parent / "data" / "trademarks" / "trade.en.yaml"


def test_a_sheet_is_signed_in_sign_off_rows_not_in_fields_of_a_name():
    # a sheet is one record: who records, reviews or approves it writes a name, signs and dates
    # it in the sign-off rows — a bare 记录人 / 审核人 field has no room for the signature or date
    # (R39 研发记录: "由项目负责人定期审核")
    sheets = [f for f in FORMS if f["layout"] == "sheet"]
    assert len(sheets) > 30
    assert [f["code"] for f in sheets if signed_by_fields(f)] == []
    r39 = next(f for f in FORMS if f["code"] == "R39")
    assert "审核" in r39["zh"]["text"]
    assert any("审核" in role for role in r39["zh"]["signatures"])
    assert any("Reviewed" in role for role in r39["en"]["signatures"])


def test_a_form_whose_note_names_who_signs_it_has_them_in_its_sign_off():
    # R30: "核查人和财务部门负责人签字后存档" — not the default 填写人 / 审核人 / 批准人
    for form in FORMS:
        zh = form["zh"]
        said = (zh.get("text") or "") + (zh.get("note") or "")
        if "签字后" in said:
            assert zh.get("signatures"), form["code"]
            assert len(zh["signatures"]) == len(form["en"]["signatures"]), form["code"]
    r30 = next(f for f in FORMS if f["code"] == "R30")
    assert "核查人" in r30["zh"]["signatures"]


def _warnings(text: str) -> list[str]:
    _intake, report = check_intake(text, "lab.yaml")
    return [p.text("zh") for p in report.warnings if "retention_years" in p.path]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_retention_key_naming_no_form_is_queried_at_its_line():
    text = LAB.read_text("utf-8")
    assert "检测原始记录: 6" in text  # the lab's own test records: no IP form holds them
    warned = _warnings(text)
    line = _line_of(text, "retention_years")
    assert len(warned) == 1
    assert warned[0].startswith(f"第 {line} 行 documents.retention_years.检测原始记录：")
    # what a key can say instead: the record kinds forms.yaml names (合同, 培训, 研发)
    assert all(word in warned[0] for word in ("合同", "培训", "研发"))
    # 合同 (R06 合同知识产权审查表…) and 培训记录 (R24 培训签到表…) name forms: not queried
    assert "合同: 10" in text and "培训记录: 3" in text
    assert _warnings(text.replace("检测原始记录: 6", "其他: 3")) == []


def test_a_mistyped_retention_key_offers_the_nearest_forms():
    text = LAB.read_text("utf-8").replace("检测原始记录: 6", "专利纪录: 6")
    warned = _warnings(text)
    titles = [f["title"]["zh"] for f in CATALOGUE["forms"] if f["title"]["zh"].startswith("专利")]
    assert len(warned) == 1 and "专利纪录" in warned[0]
    assert any(title in warned[0] for title in titles)



def _contract_categories(path: Path, lang: str) -> list[str]:
    templates = TemplateSet()
    context = context_for(load_intake(path), templates, None, lang)
    spec = next(f for f in FORMS if f["code"] == "R06")
    field = next(f for f in spec[lang]["fields"] if isinstance(f, dict) and f.get("choices"))
    if isinstance(field["choices"], str):  # one template: the categories one a line
        return [c.strip() for c in templates.render(field["choices"], context).split("\n")
                if c.strip()]
    return [templates.render(choice, context) for choice in field["choices"]]


def test_contract_categories_follow_the_company():
    # U-report item 17: the lab (business_scope 检验检测服务；…技术服务) signs testing and technical
    # service contracts; the trading company (rd.modes [], rd_staff 0) distribution and OEM ones
    # (additions.yaml: OEM contracts are reviewed on R-06), and it develops no technology
    lab = _contract_categories(LAB, "zh")
    assert "委托检测" in lab and "技术服务" in lab
    trade = TRADE.read_text("utf-8")
    assert "business_model: [trading]" in trade and "rd_staff: 0" in trade
    for lang, words in (("en", ("distribution", "OEM")), ("zh", ("经销", "贴牌（OEM）"))):
        categories = _contract_categories(TRADE, lang)
        assert all(word in categories for word in words), categories
        assert not any("development" in c or "开发" in c for c in categories), categories
    maker = _contract_categories(TEMPLATES_DIR / "intake.zh.yaml", "zh")
    assert "技术开发" in maker and not {"委托检测", "经销", "贴牌（OEM）"} & set(maker)
