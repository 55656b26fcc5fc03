"""Department names in English running text (issue 17, part H2): one helper, `the` in
generators/templates_io.py, gives a name whose head noun is a unit word its article ('the R&D
Centre', 'The R&D Centre …' at a sentence start) and leaves a functional name ('Human Resources')
and every Chinese name as it is; depts(), together() and with_() article the names they join.
The names come from the example intakes (generators/templates/examples/)."""
from __future__ import annotations

import pytest
import yaml

from generators.templates_io import TEMPLATES_DIR, TemplateSet, the

EXAMPLES = TEMPLATES_DIR / "examples"


def _names(example: str, language: str) -> dict[str, str]:
    data = yaml.safe_load((EXAMPLES / f"{example}.{language}.yaml").read_text(encoding="utf-8"))
    return {d["key"]: d["name"] for d in data["org"]["departments"]}


# (example, department key, takes 'the'): the house style applied to the examples' names
CASES = [("saas", "ceo", True), ("saas", "legal", True), ("saas", "rd", True),
         ("saas", "product", False), ("saas", "ops", False), ("saas", "sales", False),
         ("saas", "hr", False), ("saas", "fin", False),
         ("life-sciences", "gm", True), ("life-sciences", "legal", True),
         ("life-sciences", "rd", True), ("life-sciences", "clin", False),
         ("life-sciences", "bd", False), ("life-sciences", "it", False),
         ("manufacturer", "ip", True), ("manufacturer", "prod", False)]


@pytest.mark.parametrize(("example", "key", "article"), CASES)
def test_an_english_name_takes_the_article_by_its_head_noun(example, key, article):
    name = _names(example, "en")[key]
    assert the(name) == (f"the {name}" if article else name)
    assert the(name, capital=True) == (f"The {name}" if article else name)
    assert the(_names(example, "zh")[key], "zh") == _names(example, "zh")[key]
    assert the(name, "zh") == name  # a Chinese package prints every name as it is


@pytest.mark.parametrize(("name", "expected"), [
    ("Office of the CEO", "the Office of the CEO"),  # the head noun is before 'of'
    ("QA Lab (Suzhou)", "the QA Lab (Suzhou)"),  # a bracketed tail is not the head noun
    ("IP Dept.", "the IP Dept."), ("Central Laboratories", "the Central Laboratories"),
    ("The Analytics Group", "The Analytics Group"),  # has its article
    ("Quality Assurance", "Quality Assurance"), ("研发中心", "研发中心")])
def test_the_head_noun_decides_for_other_names(name, expected):
    assert the(name) == expected
    assert the(the(name)) == expected  # never 'the the'


def test_the_joining_functions_article_each_name_in_english_only():
    templates = TemplateSet()
    en, zh = _names("saas", "en"), _names("saas", "zh")
    text = ("{{ together(dept.ip, dept.hr, dept.rd) | The }} agrees; {{ depts(dept.hr, dept.rd) }}"
            " help{{ with_(dept.hr, dept.ip) }}; {{ dept.ip | The }} and {{ dept.hr | the }}.")
    english = templates.render(text, {"_language": "en", "dept": {
        "ip": en["legal"], "hr": en["hr"], "rd": en["rd"]}})
    assert english == (f"The {en['legal']}, together with {en['hr']} and the {en['rd']}, agrees; "
                       f"{en['hr']} and the {en['rd']} help together with the {en['legal']}; "
                       f"The {en['legal']} and {en['hr']}.")
    chinese = templates.render(text.replace("agrees", "同意"), {"_language": "zh", "dept": {
        "ip": zh["legal"], "hr": zh["hr"], "rd": zh["rd"]}})
    assert chinese.startswith(f"{zh['legal']}会同{zh['hr']}和{zh['rd']} 同意")
    assert "the " not in chinese.casefold()


@pytest.mark.parametrize("text", [
    "The R&D Centre and the R&D Centre investigate whether products infringe.",
    "The R&D Centre, together with the R&D Centre, designates the archive room."])
def test_the_lint_finds_an_articled_department_joined_to_itself(tmp_path, text):
    from test_lint import DEPARTMENTS, make_package
    from generators.lint import lint_package

    centre = _names("manufacturer", "en")["rd"]  # 'R&D Centre'
    root = make_package(tmp_path, procedure=[("h2", "5.6 Secure areas"), ("p", text)],
                        departments=[*DEPARTMENTS, [centre, "Chen Tao", "rd"]])
    findings = [f for f in lint_package(root)
                if f.kind == "department" and f.where == "5.6 Secure areas"]
    assert len(findings) == 1 and f"{centre}" in findings[0].message
