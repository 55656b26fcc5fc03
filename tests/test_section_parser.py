"""The section parser on the four shipped documents without clause numbers.

Labels and titles are the ones printed in the documents (read from corpus/*.txt)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.corpus.section_parser import parse_sections
from helpers import SECTION_DOCS, cleaned_text, entry, non_blank_lines, the_line


def parse(doc_id: str):
    return parse_sections(doc_id, cleaned_text(doc_id), entry(doc_id)["language"])


def by_label(parsed) -> dict:
    out = {}
    for clause in parsed.clauses.values():
        out.setdefault(clause.label, clause)
    return out


def line_starting(doc_id: str, prefix: str) -> int:
    return the_line(non_blank_lines(cleaned_text(doc_id)), lambda t: t.startswith(prefix))


@pytest.mark.parametrize("doc_id", SECTION_DOCS)
def test_sections_preserve_every_non_blank_line_in_order(doc_id):
    lines = non_blank_lines(cleaned_text(doc_id))
    sections = sorted(parse(doc_id).clauses.values(), key=lambda c: c.first_line)
    assert [t for c in sections for t in c.text.split("\n")] == [t for _, t in lines]
    assert [n for c in sections for n in c.line_numbers] == [n for n, _ in lines]


@pytest.mark.parametrize("doc_id", SECTION_DOCS)
def test_section_keys_are_unique_and_parents_exist(doc_id):
    parsed = parse(doc_id)
    for clause in parsed.clauses.values():
        assert clause.parent is None or clause.parent in parsed.clauses
        assert clause.body in clause.text


ISO_SECTIONS = [  # label, title, how the paragraph is printed
    ("1", "Overall requirements", "1. Overall requirements"),
    ("2", "Pilot Objectives", "2. Pilot Objectives"),
    ("3", "Pilot content", "3. Pilot content"),
    ("3(1)", "Pilot tasks", "(1) Pilot tasks"),
    ("3(2)", "Pilot arrangement", "(2) Pilot arrangement"),
    ("3(2)1", "Identify the business", "1. Identify the business."),
    ("3(2)2", "Standard implementation", "2. Standard implementation."),
    ("3(2)3", "Stage evaluation", "3. Stage evaluation."),
    ("4", "Safeguard measures", "4. Safeguard measures"),
    ("4(1)", "Strengthen organizational management", "(1) Strengthen organizational management."),
    ("4(2)", "Improve supporting policies", "(2) Improve supporting policies."),
    ("4(3)", "Strengthen platform support", "(3) Strengthen platform support."),
    ("4(4)", "Increase publicity and promotion", "(4) Increase publicity and promotion."),
]


@pytest.mark.parametrize("label,title,printed", ISO_SECTIONS)
def test_iso56005_numbered_sections(label, title, printed):
    sections = by_label(parse("iso56005-pilot"))
    assert label in sections, sorted(sections)
    section = sections[label]
    assert section.title == title
    # the printed "(1) ..." occurs twice (under 3 and under 4): take the right one by order
    lines = [n for n, t in non_blank_lines(cleaned_text("iso56005-pilot")) if t.startswith(printed)]
    assert section.first_line in lines


def test_iso56005_nesting():
    parsed = parse("iso56005-pilot")
    sections = by_label(parsed)
    for child, parent in [("3(1)", "3"), ("3(2)", "3"), ("3(2)1", "3(2)"), ("3(2)3", "3(2)"),
                          ("4(1)", "4"), ("4(4)", "4")]:
        assert parsed.clauses[sections[child].parent].label == parent
    assert sections["3(1)"].first_line < sections["3(2)"].first_line < sections["4(1)"].first_line


def test_iso56005_section_body_is_the_following_paragraph():
    sections = by_label(parse("iso56005-pilot"))
    para = line_starting("iso56005-pilot", "The ISO56005 international standard is the first")
    assert para in sections["1"].line_numbers
    tasks = line_starting("iso56005-pilot", "From 2023 to 2025")
    assert tasks in sections["3(1)"].line_numbers


CERT_QUALITY = [("一", "切实提高企业自主开展高质量贯标认证的认识"),
                ("二", "持续优化高标准贯标认证服务供给"),
                ("三", "积极营造高质量贯标认证政策环境"),
                ("四", "努力打造高水平贯标认证综合服务载体")]


@pytest.mark.parametrize("label,title", CERT_QUALITY)
def test_cert_quality_sections(label, title):
    section = by_label(parse("cert-quality-2020"))[label]
    assert section.title == title
    assert section.first_line == line_starting("cert-quality-2020", f"{label}、")
    assert section.body.startswith("要")  # each point's requirements begin with 要…


def test_cert_quality_sections_are_in_order():
    sections = by_label(parse("cert-quality-2020"))
    lines = [sections[label].first_line for label, _ in CERT_QUALITY]
    assert lines == sorted(lines)


STAGES = [  # label, title, line prefix: the eight stages as printed
    ("1", "standard implementation start-up", "1 standard implementation start-up"),
    ("2", "investigation and diagnosis", "2 investigation and diagnosis"),
    ("3", "system construction", "3 system construction"),
    ("Manual preparation", "Manual preparation", "Manual preparation:"),
    ("5", "Dissemination and publicity", "5. Dissemination and publicity"),
    ("6", "implementation and operation", "6 implementation and operation"),
    ("Internal audit", "Internal audit", "Internal audit:"),
    ("Management review", "Management review", "Management review:"),
]


def test_impl_guide_has_the_eight_stages_in_order():
    sections = by_label(parse("impl-guide"))
    found = [sections[label] for label, _, _ in STAGES]
    assert [s.first_line for s in found] == [line_starting("impl-guide", p) for _, _, p in STAGES]
    assert [s.title for s in found] == [t for _, t, _ in STAGES]
    # all eight hang under the same "Standard implementation process" heading
    parents = {s.parent for s in found}
    assert len(parents) == 1
    parent = parse("impl-guide").clauses[parents.pop()]
    assert parent.title == "Standard implementation process"


@pytest.mark.parametrize("label,_title,prefix", STAGES)
def test_impl_guide_stage_body_is_its_own_text(label, _title, prefix):
    section = by_label(parse("impl-guide"))[label]
    assert section.text.startswith(prefix)
    assert section.body and not section.body.startswith((":", " "))
    assert len(section.line_numbers) == 1  # a stage is one paragraph


@pytest.mark.parametrize("label,body_start", [
    ("General requirements", "enterprises should establish an intellectual property management system"),
    ("Planning", "Enterprises that define intellectual property rights"),
    ("Management evaluation", "Top managers should regularly evaluate"),
])
def test_ipms_cert_en_labelled_sections(label, body_start):
    section = by_label(parse("ipms-cert-en"))[label]
    assert section.first_line == line_starting("ipms-cert-en", label)
    assert section.body.startswith(body_start)


def test_ipms_cert_en_list_items_stay_with_their_lead_in():
    sections = by_label(parse("ipms-cert-en"))
    lead = "Intellectual property management functional departments"
    section = sections[lead]
    item_lines = [n for n, t in non_blank_lines(cleaned_text("ipms-cert-en"))
                  if re.match(r"^[A-E]\) ", t)]
    assert item_lines and set(item_lines) <= set(section.line_numbers)


# -- notices 一、（一）1.(1)① and rules 第一章/第一条 (tests/data/sample_standard) ---------------
SAMPLES = Path(__file__).resolve().parent / "data" / "sample_standard"


def _sample(name: str):
    return parse_sections(name, (SAMPLES / f"{name}.txt").read_text(encoding="utf-8"), "zh")


def test_rules_are_chapters_and_articles_and_keep_every_line_in_order():
    text = (SAMPLES / "rules.txt").read_text(encoding="utf-8")
    sections = sorted(_sample("rules").clauses.values(), key=lambda c: c.first_line)
    assert [t for c in sections for t in c.text.split("\n")] == [t for t in text.split("\n") if t]
    assert [c.label for c in sections] == [
        "title", "第一章", "第一条", "第二条", "第三条", "第二章", "第四条", "第五条", "第六条",
        "第三章", "第七条", "第八条", "第四章", "第九条", "第十条"]


@pytest.mark.parametrize("label,parent,body", [
    ("一（一）", "一", "各部门应于三月底前报送本部门的专利申请计划。"),
    ("二（一）2", "二（一）", "每季度召开一次专利布局讨论会。"),
    ("二（二）1(2)", "二（二）1", "续展费用从部门预算中列支。"),
    ("二（二）2①", "二（二）2", "使用核准注册的商标标识；"),
    ("三（二）", "三", "工作完成情况纳入年度考核。"),
])
def test_notice_items_nest_by_numbering_style_and_keep_their_sentence_as_body(label, parent, body):
    parsed = _sample("notice")
    clause = by_label(parsed)[label]
    assert (clause.title, clause.body, parsed.clauses[clause.parent].label) == ("", body, parent)


@pytest.mark.parametrize("label,chapter,body", [
    ("第一条", "第一章", "为规范公司知识产权的创造、运用和保护，激励员工创新，制定本办法。"),
    ("第六条", "第二章", "对外合作项目应在合同中约定知识产权的归属和使用方式。"),
    ("第十条", "第四章", "本办法自发布之日起施行。"),
])
def test_articles_are_labelled_by_their_own_number_under_their_chapter(label, chapter, body):
    parsed = _sample("rules")
    clause = by_label(parsed)[label]
    assert (clause.title, clause.body, parsed.clauses[clause.parent].label) == ("", body, chapter)
