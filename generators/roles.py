"""Departments and what they do, one source for the manual's duties section and its function
matrix: each department's functions (org.departments[].functions), with every function no
department has given to the department that stands in for it in this kind of company
(duties.yaml `stand_ins`: a trader's purchasing department buys the goods a manufacturer's
production department would make), else to the IP department (as `dept.<function>` falls back
to it in the texts).

`department_functions(intake)` is what the matrix marks; `department_duties(...)` composes each
department's duties in the manual once, from the phrases of its own functions (templates/
duties.yaml; a function no department has adds no phrase: the IP department's own duty already
covers the IP work nobody else does), so no department is listed twice and none is left without
duties.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from generators.company_kind import derived_facts, numbered
from generators.intake import Intake

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"  # templates_io's (no import cycle)
DUTIES_FILE = "duties.yaml"


class JointName(str):
    """Every department holding one function, named together where the texts name the function's
    department (`dept.rd` of a studio whose Game Development Studio and Art and Audio Centre both
    do R&D): the names joined as the manual's duties join parallel departments ('游戏开发工作室、
    美术与音频中心' / 'Game Development Studio and Art and Audio Centre', what tables print);
    `parts` are the names. English running text (`the`) says that each does the work ('each of
    the Game Development Studio and the Art and Audio Centre keeps …', the verb in the singular
    as for one department); depts(), together() and with_() list the parts one by one."""

    parts: tuple[str, ...]

    def __new__(cls, names, language: str = "zh") -> "JointName":
        names = tuple(names)
        joined = ("、".join(names) if language == "zh" else
                  ", ".join(names[:-1]) + " and " + names[-1])
        value = super().__new__(cls, joined)
        value.parts = names
        return value


def joint_name(names, language: str = "zh") -> str:
    """One department's name as it is, or the JointName of several (in the intake's order)."""
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else JointName(names, language)


def stand_in(intake: Intake, function: str, directory: Path = TEMPLATES_DIR) -> str | None:
    """The key of the department doing the work of `function` when no department holds it:
    the holder of the function duties.yaml `stand_ins` names for the first of its company kinds
    this company is (generators.company_kind `kind`), else the IP department. None when a
    department holds `function` itself."""
    if intake.departments_with(function):
        return None
    kind = derived_facts(intake)["kind"]
    for rule in _phrases(str(directory)).get("stand_ins", {}).get(function, []):
        if not rule.get("kinds") or any(kind.get(k) for k in rule["kinds"]):
            holders = intake.departments_with(rule["function"]) if rule["function"] else []
            return holders[0].key if holders else intake.org.ip_department
    return intake.org.ip_department


def function_departments(intake: Intake, functions: tuple[str, ...],
                         directory: Path = TEMPLATES_DIR, language: str = "zh",
                         fallback: str | None = None) -> dict[str, str]:
    """{function: the name of the departments doing it}: every department holding it, named
    together (joint_name: a second R&D department is never dropped), else its stand-in
    (stand_in), or the department `fallback` names when given. What `dept.<function>` and
    `role.<process>` name in the texts."""
    out = {}
    for function in functions:
        holders = _holders(intake, function)
        if holders:
            out[function] = joint_name([d.name for d in holders], language)
            continue
        key = fallback or stand_in(intake, function, directory)
        out[function] = intake.department(key).name
    return out


def _holders(intake: Intake, function: str) -> list:
    """The departments holding `function`, in the intake's order; the IP department left out
    when another department holds it too, for a function other than IP itself (the texts hand
    that function's work to the IP department — '研发部门负责人确认后提交知识产权部' — and never
    have the IP department hand it to itself; its own share is in its duties)."""
    holders = intake.departments_with(function)
    others = [d for d in holders if d.key != intake.org.ip_department]
    return others if function != "ip" and others and len(others) < len(holders) else holders


def department_functions(intake: Intake, functions: tuple[str, ...],
                         directory: Path = TEMPLATES_DIR) -> dict[str, list[str]]:
    """{department key: its functions}, each of `functions` that no department has going to
    its stand-in (stand_in: the department of the function standing in for it in this kind of
    company, else the IP department), in the order of `functions`. What the function matrix
    marks: a clause led by a function the company lacks is marked for the department whose
    text the manual gives it."""
    out = {d.key: list(d.functions) for d in intake.org.departments}
    for function in functions:
        key = stand_in(intake, function, directory)
        if key is not None:
            out[key].append(function)
    return out


@lru_cache(maxsize=4)
def _phrases(directory: str) -> dict:
    path = Path(directory) / DUTIES_FILE
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}


def department_duties(intake: Intake, templates, context: dict, language: str
                      ) -> list[dict[str, str]]:
    """[{'name': department name, 'names': [it], 'duties': its duties joined}] in the intake's
    department order, parallel departments (the same functions, the same duties) named together
    in one entry (named_together); the IP department first among its own duties. `templates` renders the phrases (a
    generators.templates_io.TemplateSet, whose folder holds duties.yaml); a department whose
    functions have no phrase gets the general duty of every department."""
    phrases = _phrases(str(templates.directory)).get(language, {})
    rule = _phrases(str(templates.directory)).get("labelling")
    labelling = labelling_department(intake, templates.directory) if rule else ""
    joiner = "；" if language == "zh" else "; "
    general = ("负责本部门职责范围内的知识产权工作，配合知识产权归口部门" if language == "zh" else
               "handles the IP work within the department's remit and works with the IP "
               "department")
    out = []
    for department in intake.org.departments:
        own = list(department.functions)
        if "ip" in own:
            own = ["ip"] + [f for f in own if f != "ip"]
        kept = _kept_phrases(intake, department, templates, language)
        texts = [templates.render(kept.get(f, phrases.get(f, "")), context) for f in own]
        named = _named_duty(department.name, templates, language, intake)
        if named is not None:  # 临床与注册部 beside 药物研究院: its own duties, not R&D's again
            text, replaced = named
            texts = [templates.render(text, context)] + [
                templates.render(phrases[f], context) for f in own
                if f in phrases and f not in replaced]
        if department.name == labelling:  # marks registered products (duties.yaml labelling)
            texts.append(templates.render(rule["duty"][language], context))
        texts = [t.rstrip("。.") for t in texts if t.strip()]
        out.append({"name": department.name, "texts": texts,
                    "functions": frozenset(department.functions)})
    shared_once(out, language)
    for entry in out:
        entry["duties"] = joiner.join(entry["texts"]) or general
        entry["phrases"] = frozenset(entry.pop("texts"))
    return named_together(out, language)


_JOINT = {"zh": ("{phrase}（与{others}共同负责）", "在本部门业务范围内{phrase}，由{first}统筹"),
          "en": ("{phrase} (jointly with {others})",
                 "within its own work, {phrase}, coordinated by {first}")}


def shared_once(entries: list[dict], language: str) -> None:
    """A duty phrase that departments of different functions would each get (two departments
    holding `admin` whose names do not divide it, duties.yaml `named`) stated once, as a joint
    duty: kept at the first department's entry, naming the others ('…（与保密办公室共同负责）'),
    and left out of theirs. A department that would be left with no phrase of its own keeps the
    phrase as its own duty within its work, coordinated by the first ('在本部门业务范围内负责…，
    由生产管理部统筹') — never a line that only points to another's duties — and is not named in
    the first's joint duty. `entries` are {'name', 'texts', 'functions'}, changed in place.
    Departments of the same functions and phrases are named together instead (named_together)."""
    language = "zh" if language == "zh" else "en"
    joined, scoped = _JOINT[language]
    for index, entry in enumerate(entries):
        # parallel departments (the same functions and phrases: 第一设计所…第四设计所) are one
        # unit here, given the same joint wording, so that named_together still names them once
        twins = [e for e in entries[index + 1:] if e["functions"] == entry["functions"]
                 and set(e["texts"]) == set(entry["texts"])]
        for phrase in list(entry["texts"]):
            later = [e for e in entries[index + 1:] if phrase in e["texts"]
                     and not any(e is t for t in twins)]
            if not later:
                continue
            alone = [e for e in later if e["texts"] == [phrase]]
            first = _listed([entry["name"]] + [t["name"] for t in twins], language)
            for other in alone:
                other["texts"] = [scoped.format(phrase=phrase, first=first)]
            joint = [e for e in later if not any(e is a for a in alone)]
            if not joint:
                continue
            text = joined.format(phrase=phrase, others=_listed([e["name"] for e in joint],
                                                               language))
            for unit in [entry] + twins:
                unit["texts"][unit["texts"].index(phrase)] = text
            for other in joint:
                other["texts"].remove(phrase)


def _listed(names: list[str], language: str) -> str:
    """Department names as running text names them: '保密办公室、综合管理部' / 'the Security
    Office and the General Office'."""
    if language == "zh":
        return "、".join(names)
    named = [n if numbered(n) else f"the {n}" for n in names]  # 'Design Studio 1' as it is
    return ", ".join(named[:-1]) + (" and " if len(names) > 1 else "") + named[-1]


def named_together(entries: list[dict], language: str) -> list[dict[str, str]]:
    """Parallel departments named together once: entries ({'name', 'duties', 'functions',
    'phrases'}) of departments holding the identical set of functions whose duties are the same
    phrases, in whatever order their functions are listed (建筑设计所 and 市政设计所 of a design
    institute, two production workshops; not 临床与注册部 beside another R&D department, whose
    name gives it duties of its own) become one
    entry at the first one's place, 'names' listing them and 'name' the list as a consultant
    writes it ('建筑设计所、市政设计所' / 'Architectural Design Studio and Municipal Design
    Studio'). Departments whose functions differ keep their own entries even where the texts
    are the same (the package lint reports that as copied duties)."""
    groups: dict[tuple, dict] = {}
    out = []
    for entry in entries:
        key = (entry["functions"], entry["phrases"])
        if key in groups:
            groups[key]["names"].append(entry["name"])
            continue
        groups[key] = {"names": [entry["name"]], "duties": entry["duties"]}
        out.append(groups[key])
    for group in out:
        names = group["names"]
        group["name"] = ("、".join(names) if language == "zh" else
                         ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1])
        if len(names) > 1 or names_several(names[0], language):
            group["duties"] = for_several(group["duties"], language)
    return out


# an English department name standing for several units: a number range ('Design Studios 1–4')
# or a plural unit noun as its head word ('Regional Sales Offices')
_SEVERAL_NAME = re.compile(r"\d\s*[–-]\s*\d|\b(?:Studios|Departments|Workshops|Offices|Centres|"
                           r"Centers|Laboratories|Labs|Units|Teams|Divisions|Branches|Plants|"
                           r"Institutes|Groups)\b")


def names_several(name: str, language: str) -> bool:
    """Whether one department entry of the intake names several parallel units ('Design Studios
    1–4', the institute's 第一设计所…第四设计所 entered once), whose duties read in the plural."""
    return language == "en" and bool(_SEVERAL_NAME.search(name))


# an English duty written for one department, as it reads for several named together
_SEVERAL = {"en": ((re.compile(r"\bits\b"), "their"), (re.compile(r"\bIts\b"), "Their"),
                   (re.compile(r"\bthe department's\b"), "each department's"),
                   (re.compile(r"\bitself\b"), "themselves"))}


def for_several(duties: str, language: str) -> str:
    """A duty text written for one department ('… in its work', "within the department's
    remit") worded for the several parallel departments of one entry ('… in their work', "within
    each department's remit"). Chinese duties read the same for one or several."""
    for pattern, words in _SEVERAL.get(language, ()):
        duties = pattern.sub(words, duties)
    return duties


def labelling_department(intake: Intake, directory: Path = TEMPLATES_DIR) -> str:
    """The name of the department that puts the IP marking on a registered medical device's or
    drug's labels, packaging and instructions for use, whose content the registration approves
    (duties.yaml `labelling`): for a company of one of the rule's kinds (generators.company_kind
    `kind`), the department whose name says regulatory affairs (`match`), else the first holding
    `function` (quality assurance); '' for another kind of company or one with neither (the
    texts then say who marks the products)."""
    rule = _phrases(str(directory)).get("labelling")
    if not rule or not any(derived_facts(intake)["kind"].get(k) for k in rule["kinds"]):
        return ""
    named = [d for d in intake.org.departments
             if re.search(rule["match"], d.name, re.IGNORECASE)]
    holders = named or intake.departments_with(rule["function"])
    return holders[0].name if holders else ""


def _named_duty(name: str, templates, language: str, intake: Intake | None = None
                ) -> tuple[str, tuple[str, ...]] | None:
    """duties.yaml `named`: (the duty of a department whose name says what it does within a
    function — 临床与注册部 within R&D, 保密办公室 within administration, 种子加工中心 beside a
    production department — and the functions whose phrases it replaces, `replaces`), or None.
    An entry with `shared: true` applies only beside another department of `intake` holding a
    function it replaces (a sole 海外业务部 keeps the whole sales duty)."""
    for entry in _phrases(str(templates.directory)).get("named", []):
        if not re.search(entry["match"], name, re.IGNORECASE):
            continue
        if entry.get("shared") and not (intake is not None and any(
                d.name != name and set(entry.get("replaces", ())) & set(d.functions)
                for d in intake.org.departments)):
            continue
        return entry[language], tuple(entry.get("replaces", ()))
    return None


def _kept_phrases(intake: Intake, department, templates, language: str) -> dict[str, str]:
    """{function: the phrase `department` keeps of it} where a department holding another
    function takes part of that function's work (duties.yaml `beside`: where there is a secrecy
    office, the department holding `admin` keeps printing, filing and premises, not the
    confidentiality matters), so two departments never get the same sentence."""
    if _named_duty(department.name, templates, language, intake) is not None:
        return {}
    out = {}
    for holder, phrases in _phrases(str(templates.directory)).get("beside", {}).items():
        if intake.departments_with(holder):
            out.update({function: phrase[language] for function, phrase in phrases.items()
                        if function in department.functions})
    return out


def function_names(intake: Intake, templates, language: str) -> dict[str, str]:
    """{department key: its functions as the organisation chart names them}, e.g. '知识产权、法务'
    (templates/duties.yaml `function_names`; an unnamed function is shown as its id)."""
    names = _phrases(str(templates.directory)).get("function_names", {}).get(language, {})
    joiner = "、" if language == "zh" else ", "
    return {d.key: joiner.join(names.get(f, f) for f in d.functions)
            for d in intake.org.departments}


def process_departments(intake: Intake, templates, language: str = "zh") -> dict[str, str]:
    """{process: the department that does it} for duties.yaml `processes` (process -> a bj-ipm
    clause key): the department holding the function that leads that clause in
    responsibilities.yaml, its stand-in when no department holds it (function_departments) —
    the department the function matrix marks ● for the clause; and `labelling`, the department
    marking registered products (labelling_department, '' when none). The template variable
    `role` (`{{ role.contract_review }}`)."""
    processes = _phrases(str(templates.directory)).get("processes", {})
    leads = {p: templates.responsibilities.get(c, {}).get("lead", "ip")
             for p, c in processes.items()}
    named = function_departments(intake, tuple(dict.fromkeys(leads.values())),
                                 templates.directory, language)
    out = {process: named[lead] for process, lead in leads.items()}
    out.update(owned_processes(intake, templates))  # 国际贸易部 alone checks before export
    out["labelling"] = labelling_department(intake, templates.directory)  # '' when none
    secrecy = secrecy_department(intake, templates.directory)
    if secrecy is not None:  # a 保密办公室 is the 归口 of confidentiality, not the IP department
        out["secrets"] = secrecy.name
    admin = [d.name for d in _holders(intake, "admin") if d is not secrecy]
    out["premises"] = (joint_name(admin, language) if admin else
                       function_departments(intake, ("admin",), templates.directory, language,
                                            fallback=intake.org.ip_department)["admin"])
    return out


def owned_processes(intake: Intake, templates) -> dict[str, str]:
    """{process: the one department doing it} where several departments hold the function that
    leads it and one of them is named for that process (duties.yaml `named` entry with `owns`,
    applying as _named_duty says: 国际贸易部 beside 营销中心, both `sales`): that department owns
    the process, the others are consulted — never two departments told to do one check."""
    out = {}
    for entry in _phrases(str(templates.directory)).get("named", []):
        for process in entry.get("owns", ()):
            owner = next((d for d in intake.org.departments
                          if re.search(entry["match"], d.name, re.IGNORECASE)
                          and _named_duty(d.name, templates, "zh", intake) is not None), None)
            if owner is not None:
                out.setdefault(process, owner.name)
    return out


def secrecy_department(intake: Intake, directory: Path = TEMPLATES_DIR):
    """The first department holding the `secrecy` function (a 保密办公室: generators.intake gives
    a department whose name says secrecy that function), or None: the 归口 department of
    confidentiality management (`role.secrets`), in place of the department leading the secrets
    clause."""
    holders = intake.departments_with("secrecy")
    return holders[0] if holders else None


def process_clause(templates, process: str) -> str | None:
    """The bj-ipm clause key duties.yaml `processes` gives `process` ('secrets' -> '6.2.3#2')."""
    return _phrases(str(templates.directory)).get("processes", {}).get(process)


def process_names(templates) -> tuple[str, ...]:
    """The processes duties.yaml names (the keys of the template variable `role`),
    `labelling` (labelling_department) and `premises` (the departments doing the administrative
    work other than the secrecy department: premises, access control, visitors)."""
    return (*_phrases(str(templates.directory)).get("processes", {}), "labelling", "premises")


# -- one department named once for two clauses in a row --------------------------------------------
_LINT_FILE = Path(__file__).resolve().parent / "lint.yaml"  # the lint's words (`named_twice`)
_CLAUSE = {"zh": r"(?:（[^（）]*）|[^，。；：（）！？\n])+", "en": r"(?:\([^()]*\)|[^.;:()\n])+?"}
_START = {"zh": r"(?:^|(?<=[。；：，！？\n]))", "en": r"(?:^|(?<=[.;:]\s)|(?<=\n))"}
_SEP = {"zh": r"[，；]", "en": r"(?:,\s+and\s+|;\s+(?:and\s+)?|,\s+)"}
_JOIN = {"zh": "，并", "en": " and "}
_ASIDE = re.compile(r"\([^()]*\)")
_BRACKETED = re.compile(r"（[^（）]*）")
_ARTICLE = {"zh": "", "en": r"(?:[Tt]he\s+)?"}
# after the second name: a list, a possessive or a longer name — not the same subject again
_NOT_SUBJECT = {"zh": r"[等的、和与及]", "en": r"(?:'s\b|,|\s+and\b)"}


@lru_cache(maxsize=1)
def _agents() -> dict[str, tuple[str, ...]]:
    rules = yaml.safe_load(_LINT_FILE.read_text(encoding="utf-8"))["named_twice"]
    return {language: tuple(rules[language]["agents"]) for language in ("zh", "en")}


@lru_cache(maxsize=64)
def _twice_pattern(names: tuple[str, ...], language: str) -> re.Pattern:
    one = "|".join(map(re.escape, names))
    article = _ARTICLE[language]
    return re.compile(rf"{_START[language]}(?P<art>{article})(?P<name>{one})"
                      rf"(?P<first>{_CLAUSE[language]})(?P<sep>{_SEP[language]}){article}"
                      rf"(?P=name)(?!{_NOT_SUBJECT[language]})\s?")


def once_named(text: str, names, language: str) -> str:
    """`text` with a department that is the subject of two clauses in a row named once:
    '综合部负责登记和管理，综合部负责提交登记材料' -> '综合部负责登记和管理，并负责提交登记材料';
    "the Office keeps A, and the Office files B" -> "the Office keeps A and files B". What a
    template writes as 'X负责A，Y负责B' for two functions reads so when one department holds both.
    The name stays where another department or a person (lint.yaml `named_twice` agents) acts
    in the first clause ('X审核后报管理者代表批准，X登记'), and where the second is part of a
    longer name or a list ('X等部门'). The package lint reports what is left."""
    names = tuple(sorted({n for n in names if n and text.count(n) > 1}, key=len, reverse=True))
    if not names:
        return text
    language = "zh" if language == "zh" else "en"
    pattern, agents = _twice_pattern(names, language), _agents()[language]

    def merge(match: re.Match) -> str:
        name, first = match["name"], match["first"]
        rest = text[match.end("sep"):]
        longer = next(n for n in names if re.match(rf"{_ARTICLE[language]}{re.escape(n)}", rest))
        if (longer != name or any(n in first for n in names if n != name)
                or any(a in first for a in agents)):
            return match.group()
        join = _JOIN[language]
        if language == "en" and " and " in _ASIDE.sub("", first):
            join = ", and "  # 'X is A and is staffed with B, and collects C'
        elif language == "zh" and "并" in _BRACKETED.sub("", first):
            join = "，"  # 'X评估…并核查…，每年核查…': one 并 a sentence; the subject carries on
        return f"{match['art']}{name}{first}{join}"

    previous = None
    while previous != text:
        previous, text = text, pattern.sub(merge, text)
    return text
