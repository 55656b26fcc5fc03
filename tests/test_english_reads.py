"""English that reads as English, and the package in the intake's language (issue 17, part E;
the consultant's review, items 22-26).

The English texts were turned from "shall" into the company's voice, leaving slips a reader
stops at: 'The company continuallies improve …' (the adverb conjugated), verbs that do not
agree in a coordinated predicate ('Legal and IP identifies IP risks …, set response strategies
and control the risks'; 'Linda Xu carry out'), an article put into a list of products ('small
kitchen appliances and the kitchenware'), a department named twice in one list ('Legal and IP
runs it …, and Legal and IP, the General Manager's Office and Finance …'), bj-ipm 3.7's term
rendered 'IP completers', and topic headings reading as procedures the package does not hold
('Research information release procedure').

The texts are rendered in-process (the plan of `ipms draft` without Word files) for the three
English examples and a trading company written in English (tests/data/english/trading.en.yaml,
the consultant's intake). Expected wording comes from the intakes and the consultant's report.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generators import lint_english
from generators.intake import check_intake, load_intake
from generators.intake_report import intake_language
from generators.lint import _Package, rules
from generators.package import draft_package
from generators.package_reader import PackageDocument, Paragraph
from generators.templates_io import TEMPLATES_DIR, template_strings

EXAMPLES = TEMPLATES_DIR / "examples"
ENGLISH = {**{n: EXAMPLES / f"{n}.en.yaml" for n in ("manufacturer", "saas", "life-sciences")},
           "trading": Path(__file__).parent / "data" / "english" / "trading.en.yaml"}

# Verbs the texts coordinate: a predicate whose first verb agrees with a singular subject
# ('identifies') has every later one agree too ('…, sets … and controls …').
BARE = ("record", "keep", "set", "control", "recover", "have", "produce", "analyse", "choose",
        "revise", "classify", "screen", "train", "decide", "pass", "plan", "carry", "identify",
        "assess", "check", "draw", "collect", "follow", "report", "sign", "submit", "review",
        "update", "mark", "register", "enter", "file", "inform", "organise", "approve", "issue",
        "search", "compare", "manage", "give", "make", "take", "ask", "send", "store", "confirm",
        "verify", "prepare", "draft", "monitor", "evaluate", "pay", "write", "run", "handle",
        "determine", "investigate", "verify", "supervise", "arrange", "decide", "use")


def _s_form(verb: str) -> str:
    if verb == "have":
        return "has"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "o")) else "s")


S_FORMS = {_s_form(v) for v in BARE}
# words after which a bare verb is right: modals, plural pronouns (and 'to' before a verb)
BLOCKERS = {"may", "will", "can", "must", "should", "would", "shall", "could", "might",
            "does", "do", "did", "they", "we", "you", "cannot", "not", "let", "lets",
            "departments", "staff", "personnel", "employees", "inventors", "heads", "members",
            "auditors", "holders"}
# what a verb agreeing with a singular subject follows: the subject's last word (capitalised:
# 'Legal and IP', 'the R&D Centre'; 'the company'), or a comma after 'together with X,'
SUBJECT_ENDS = {",", ")", "company", "it", "management", "which", "who", "that"}
# what follows a verb (not a noun) in these texts: its object or particle
OBJECTS = {"it", "them", "the", "a", "an", "its", "their", "whether", "on", "up", "out", "this",
           "these", "each", "every", "any", "all", "suitable", "response", "technical"}


def agreement_slips(text: str) -> list[str]:
    """Coordinated predicates whose first verb agrees with a singular subject ('identifies')
    and a later one does not (', set response strategies', ', and record it'): the words
    around each such later verb. A verb counts as later only after ',' or 'and' and before an
    object word (OBJECTS), so nouns ('record forms') are not taken for verbs ('and be' always
    is one); the first verb only after its subject (SUBJECT_ENDS or a capitalised name). A
    modal, a plural pronoun or noun (BLOCKERS) or 'to' before a verb in between ends the
    predicate, as does ';', ':' or a full stop."""
    out = []
    for sentence in re.split(r"(?<=[.;:])\s|—", text):
        words = re.findall(r"[A-Za-z'&-]+|,", sentence)
        first = next((i for i, w in enumerate(words) if w in S_FORMS and i and (
            words[i - 1][0].isupper() or words[i - 1] in SUBJECT_ENDS)), None)
        if first is None:
            continue
        for j in range(first + 1, len(words) - 1):
            word = words[j].casefold()
            if word in BLOCKERS or (word == "to" and words[j + 1] in BARE):
                break
            if words[j] == "be" and words[j - 1] == "and" or words[j] in BARE and words[
                    j - 1] in (",", "and") and words[j + 1].casefold() in OBJECTS:
                out.append(" ".join(words[max(first, j - 4):j + 3]))
    return out


def _check_agreement_slips() -> None:
    """agreement_slips finds the consultant's sentences and passes their corrections."""
    wrong = ["Legal and IP identifies IP risks promptly in R&D, procurement, distribution, "
             "sales, contracting and its other operations, set response strategies and control "
             "the risks.",
             "When hiring, Human Resources carries out an appropriate IP background check on the "
             "new employee, covering the IP, confidentiality and non-compete obligations owed to "
             "former employers, and record it in the IP background check on hiring (X-R-18).",
             "The IP Department sets improvement measures based on the evaluation opinion and "
             "revise the strategy implementation plan."]
    right = ["Legal and IP identifies IP risks promptly in R&D, procurement and sales, sets "
             "response strategies and controls the risks.",
             "The company refers to the control procedures and record forms that apply.",
             "Legal and IP may ask the local authority to handle it, and ask for an "
             "investigation when necessary.",
             "Sales and Export and the other departments identify the risks in their own work "
             "and report them to Legal and IP."]
    assert all(agreement_slips(s) for s in wrong)
    assert not [s for s in right if agreement_slips(s)]


# -- the rendered English texts ----------------------------------------------------------------
def _rendered(value, render) -> list[str]:
    if isinstance(value, str):
        return [render(value)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _rendered(v, render)]
    if isinstance(value, list):
        return [t for v in value for t in _rendered(v, render)]
    return []


@pytest.fixture(scope="module")
def english(corpus, templates):
    """{example: (plan, [(where, rendered text)])}: the manual's sections and texts and every
    English text of the procedures the package holds."""
    out = {}
    for name, path in ENGLISH.items():
        plan = draft_package(load_intake(path), corpus, None, "en", templates=templates).plan
        ctx = plan.context
        render = lambda text: templates.render(text, ctx)  # noqa: E731
        texts = [(f"manual {key}", templates.render(section["text"], ctx))
                 for key, section in templates.manual("en")["sections"].items()]
        texts += [(f"manual {unit.key}", templates.render(unit.text, ctx)) for unit in plan.units]
        texts += [(f"manual {chapter}", templates.render(c["intro"], ctx))
                  for chapter, c in templates.manual("en")["chapters"].items()]
        texts += [(f"duties {d['name']}", d["duties"]) for d in ctx["duties"]]
        for procedure in plan.procedures:
            texts += [(procedure.code, t) for t in _rendered(procedure.content["en"], render)]
        out[name] = (plan, texts)
    return out


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_coordinated_verbs_agree_with_their_singular_subject(english, name):
    _check_agreement_slips()
    found = [(where, slip) for where, text in english[name][1] for slip in agreement_slips(text)]
    assert not found


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_a_person_named_alone_takes_a_singular_verb(english, name):
    """'Linda Xu carry out the day-to-day IP work' (one IP staff member); 'has Linda Xu carry
    out' is right (the verb after a causative)."""
    plan, texts = english[name]
    people = plan.intake.people
    names = {p.name for p in [people.top_manager, people.ip_representative, *people.ip_staff]}
    bare = "|".join(BARE)
    found = [(where, m.group()) for where, text in texts for n in names
             for m in re.finditer(rf"(?<!\bhas )(?<!\bhave )(?<!\blet ){re.escape(n)} "
                                  rf"(?:{bare})\b", text)]
    assert not found


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_no_department_works_with_itself(english, name):
    """A sentence whose subject is a department names it again as its partner: 'Legal and IP
    runs it day to day, and Legal and IP, the General Manager's Office and Finance … carry out',
    'Legal and IP drafts and maintains these procedures … with Legal and IP and the other
    departments', 'Legal and IP handles registration …, and Legal and IP supplies …' (one
    department holding the IP, R&D or legal functions)."""
    plan, texts = english[name]
    found = []
    for where, text in texts:
        for sentence in re.split(r"(?<=[.;:])\s", text):
            for d in plan.intake.org.departments:
                n = re.escape(d.name)
                if re.match(rf"(?:the )?{n}\b", sentence, re.IGNORECASE) and re.search(
                        rf"\b(?:with|by|and) (?:the )?{n}(?![\w&])", sentence[len(d.name):]):
                    found.append((where, sentence[:120]))
    assert not found


def test_the_trading_company_lists_its_products_without_articles(english):
    """Its intake lists 'small kitchen appliances' and 'kitchenware': a plural and a mass noun
    (what a kind of goods is called) take no article in a list."""
    texts = " ".join(t for _, t in english["trading"][1])
    assert "small kitchen appliances and kitchenware" in texts
    assert "the kitchenware" not in texts


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_creators_of_ip_results_not_completers(english, name):
    """bj-ipm 3.7 知识产权成果完成人: the people who made a result — 'creators of IP results',
    never 'completers'."""
    found = [where for where, text in english[name][1] if re.search(r"(?i)completers?\b", text)]
    assert not found


def test_the_templates_use_no_completers():
    found = [where for where, text in template_strings_en() if re.search(r"(?i)completer", text)]
    assert not found


def template_strings_en():
    """(where, text) of every template text (Chinese ones hold no English slips to find)."""
    from generators.templates_io import TemplateSet

    return template_strings(TemplateSet())


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_topic_headings_name_no_procedure_the_package_does_not_hold(english, name):
    """A manual drafted to GB/T 29490 prints bj-ipm texts under their clause's title, and
    'See also' lists them by it: 'Research information release procedure' (bj-ipm 9.3.2.2) reads
    as a procedure of the package, and there is none by that name."""
    plan = english[name][0]
    titles = {p.title["en"].casefold() for p in plan.procedures}
    found = [(u.key, u.title) for u in plan.units
             if u.title.casefold().endswith("procedure") and u.title.casefold() not in titles]
    assert not found


# -- the package lint's English slips ----------------------------------------------------------
def test_lint_reports_an_adverb_conjugated_as_a_verb():
    manual = PackageDocument("01-manual/M.docx", "manual", "X-M-01", "IP management manual", "", [
        Paragraph("The company continuallies improve its IP management system in stages."),
        Paragraph("Legal and IP applies, supplies and replies; the company relies on tallies.")])
    package = _Package([manual], None)
    lint_english.check_english(package)
    assert [f.kind for f in package.findings] == ["english"]
    assert "continuallies" in package.findings[0].message


def test_no_english_template_text_holds_a_slip():
    patterns = lint_english.slip_patterns(rules())
    assert patterns  # lint.yaml english_slips
    found = [(w, s) for w, t in template_strings_en() for s in lint_english.slips(t, patterns)]
    assert not found


# -- the package in the intake's language (items 25, 26) ------------------------------------------
def test_draft_without_lang_follows_the_intake():
    """An English intake drafted without --lang gives an English package (--check: the coverage
    report only, no Word files, in-process); --lang zh still overrides."""
    from click.testing import CliRunner

    from assistant.cli import cli

    path = str(ENGLISH["trading"])
    english_report = CliRunner().invoke(cli, ["draft", path, "--check"])
    assert english_report.exit_code == 0, english_report.output
    assert "# Coverage report" in english_report.output
    chinese = CliRunner().invoke(cli, ["draft", path, "--check", "--lang", "zh"])
    assert chinese.exit_code == 0, chinese.output
    assert "# 覆盖报告" in chinese.output


def _warnings(text: str) -> list[str]:
    intake, report = check_intake(text, "x.yaml")
    return [w.text(report.language) for w in report.warnings]


def test_intake_check_warns_of_chinese_values_in_an_english_intake():
    """'industry: 批发贸易' in an English intake is printed as it is: 'It belongs to the 批发贸易
    industry'. A warning names the field and its line; the intake stays valid."""
    text = ENGLISH["trading"].read_text(encoding="utf-8")
    assert not [w for w in _warnings(text) if "Chinese" in w]
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.strip().startswith("industry:"))
    changed = text.replace("industry: Wholesale trade", "industry: 批发贸易")
    found = [w for w in _warnings(changed) if "company.industry" in w]
    assert found and f"line {line}" in found[0] and "Chinese" in found[0]


def test_intake_check_warns_of_english_values_in_a_chinese_intake():
    text = (EXAMPLES / "manufacturer.zh.yaml").read_text(encoding="utf-8")
    assert not [w for w in _warnings(text) if "英文" in w]
    company = load_intake(EXAMPLES / "manufacturer.zh.yaml").company
    line = next(i for i, l in enumerate(text.splitlines(), 1)
                if l.strip() == f"industry: {company.industry}")
    changed = text.replace(f"industry: {company.industry}", "industry: Advanced materials")
    found = [w for w in _warnings(changed) if "company.industry" in w]
    assert found and f"第 {line} 行" in found[0] and "英文" in found[0]
    assert intake_language({"company": {"name": company.name}}) == "zh"
