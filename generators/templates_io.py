"""Loading the template files and rendering their Jinja texts with the intake."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import jinja2
import yaml

from assistant.errors import IpmsError
from generators.authority import template_context
from generators.cadence import sizing
from generators.company_kind import derived_facts, named, numbered, self_name, self_named
from generators.company_sites import own_sites
from generators.brackets import flat_references, one_bracket, unnested, value_notes
from generators.intake import Intake
from generators.roles import (JointName, department_duties, function_departments, once_named,
                              process_departments)
from generators.objective_owners import all_owners, objective_owners
from generators.systems import split_systems

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
FUNCTIONS = ("management", "ip", "rd", "legal", "hr", "finance", "purchasing", "production",
             "sales", "marketing", "it", "admin", "secrecy", "quality", "testing", "service",
             "franchise")


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster


_PARSED: dict[Path, tuple[str, object]] = {}  # path: (its text, its data)


def _yaml(path: Path):
    """The data of the template file at `path`, a fresh copy the caller may change. A text is
    parsed once per process while the file holds it (a package reads ~70 files, and the web
    app drafts again and again); IpmsError when missing or not YAML."""
    try:
        text = path.read_text(encoding="utf-8")
        if path not in _PARSED or _PARSED[path][0] != text:
            if len(_PARSED) >= 400:  # many template folders (a consultant's copies): start over
                _PARSED.clear()
            _PARSED[path] = (text, yaml.load(text, Loader=_Loader))
        return copy.deepcopy(_PARSED[path][1])
    except FileNotFoundError:
        raise IpmsError(f"template file missing: {path}") from None
    except yaml.YAMLError as exc:
        raise IpmsError(f"template {path.name} is not valid YAML: {exc}") from None


@dataclass
class Procedure:
    """A control procedure of catalogue.yaml. `clauses` are bj-ipm keys (mapped to the chosen
    standard); `serves` names clauses of a standard directly ({'gbt29490-2023': ['4.1']});
    `standards`, when given, the only standards it is drafted for. `when` is the condition
    under which it applies (otherwise it is excluded, with `excluded_reason`); `drafted_when`
    the kind of company it is written for (e.g. `kind.software`): for other companies it is
    simply not part of the package, and not an exclusion, since the clauses it serves are
    served by the general procedures too. `clauses_when` makes some of `clauses` conditional:
    {bj-ipm key: {when: <condition>, reason: {zh, en}}} — the clause is served only in the
    packages of the companies the condition holds for (P29's 11.4.2.3 only with licensing-out,
    the sections that serve it being left out otherwise); `reason` is what coverage.md gives
    when no other document serves it then (TemplateSet.for_company, generators.plan)."""

    code: str
    title: dict[str, str]
    clauses: list[str]
    when: str | None
    excluded_reason: dict[str, str]
    content: dict  # records, related, zh: {...}, en: {...}
    serves: dict[str, list[str]] = field(default_factory=dict)
    standards: list[str] = field(default_factory=list)
    drafted_when: str | None = None
    # titles worded for some companies: [{when: <condition>, zh: ..., en: ...}], the first that
    # holds replaces `title` in that company's package (TemplateSet.titled)
    title_when: list[dict] = field(default_factory=list)
    clauses_when: dict[str, dict] = field(default_factory=dict)


@dataclass
class Form:
    """A record form of catalogue.yaml: `clause` a bj-ipm key ('' for none), `serves`,
    `drafted_when` and `title_when` as for Procedure (R-47 titled for services where the
    company exports services)."""

    code: str
    title: dict[str, str]
    clause: str
    procedure: str
    content: dict  # layout, rows, zh: {...}, en: {...}
    serves: dict[str, list[str]] = field(default_factory=dict)
    drafted_when: str | None = None
    title_when: list[dict] = field(default_factory=list)


@dataclass
class Addition:
    """A manual text written for standards whose clauses bj-ipm has no text for (additions.yaml):
    `serves` standard id -> its clauses; `lead`/`assist` functions for the matrix."""

    id: str
    title: dict[str, str]
    text: dict[str, str]
    serves: dict[str, list[str]]
    lead: str | list[dict]  # a function, or choices [{when, function}] (the first that holds)
    assist: list[str]

    def lead_for(self, templates: "TemplateSet", context: dict) -> str:
        """The function leading this text for the company of `context`: `lead` as written, or
        the `function` of the first of its choices whose `when` holds (one without `when`
        always does). The text picks its wording by the same choice (`lead.<id>`), so the
        function matrix marks the department the text has doing the work."""
        if isinstance(self.lead, str):
            return self.lead
        for choice in self.lead:
            if templates.condition(choice.get("when"), context):
                return choice["function"]
        raise IpmsError(f"additions.yaml: {self.id} has no `lead` choice for this company "
                        "(give the last one no `when`)")


@dataclass
class TemplateSet:
    """Every template file of a folder (the shipped one, or a consultant's copy). With
    `compiled_dir` (the CLI's: <home>/cache/templates), each text's compiled code is kept there
    (jinja2's bytecode cache, keyed by the text and checked against it), so a later process
    does not compile it again: compiling a package's ~550 texts took about 0.5 s a draft."""

    directory: Path = TEMPLATES_DIR
    compiled_dir: Path | None = None
    _env: jinja2.Environment = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._env = _ENV
        self._compiled = _COMPILED  # shared: a text compiles the same in every set
        self._bytecode = None if self.compiled_dir is None else _BytecodeCache(self.compiled_dir)
        self._manuals: dict[str, dict] = {}

    @cached_property
    def catalogue(self) -> dict:
        return _yaml(self.directory / "catalogue.yaml")

    @cached_property
    def contract_categories(self) -> list[dict]:
        """contract_categories.yaml: [{zh, en, when, scope}], the one list of contract categories
        the review sheet (R06) and the contract procedure (P03: its scope and register) print."""
        return _yaml(self.directory / "contract_categories.yaml") or []

    @cached_property
    def channels(self) -> list[dict]:
        """channels.yaml: [{zh, en, short, when}], the information channels by kind of company
        that the IP information procedure (P09) and the manual name; none without the file."""
        path = self.directory / "channels.yaml"
        return (_yaml(path) or []) if path.is_file() else []

    @cached_property
    def enterprise_stages(self) -> dict:
        """enterprise_stages.yaml: {types: {stage: {zh, en}}, phrases: {'bj' | 'other': {name:
        {zh, en}}}}: how the texts name the company's stage under a standard with enterprise
        types (bj-ipm: the type put into each phrase) and under one without."""
        return _yaml(self.directory / "enterprise_stages.yaml")

    @cached_property
    def procedures(self) -> list[Procedure]:
        out = []
        for entry in self.catalogue["procedures"]:
            content = _yaml(self.directory / "procedures" / f"{entry['code']}.yaml")
            out.append(Procedure(entry["code"], entry["title"], entry.get("clauses") or [],
                                 entry.get("when"), entry.get("excluded_reason", {}), content,
                                 _serves(entry), list(entry.get("standards") or []),
                                 entry.get("drafted_when"), list(entry.get("title_when") or []),
                                 _clauses_when(entry)))
        return out

    def for_company(self, procedure: Procedure, context: dict) -> Procedure:
        """`procedure` as the package of the company `context` describes holds it: titled as
        `titled` words it, serving only those of its `clauses` whose catalogue `clauses_when`
        condition holds (all of them when it has none). The plan, the `serves` filter and the
        transition view use this; what reads the catalogue without a company sees every clause."""
        if not procedure.title_when and not procedure.clauses_when:
            return procedure
        return replace(procedure, title=self.titled(procedure, context),
                       clauses=[k for k in procedure.clauses
                                if self.condition(procedure.clauses_when.get(k, {}).get("when"),
                                                  context)])

    def titled(self, procedure: Procedure | Form, context: dict) -> dict[str, str]:
        """`procedure`'s title {zh, en} in the package of the company `context` describes: its
        first catalogue `title_when` variant whose condition holds (P12 without patent layout
        wording for a company that holds and plans no patents), else its catalogue title."""
        for variant in procedure.title_when:
            if self.condition(variant["when"], context):
                return {lang: variant.get(lang) or procedure.title[lang] for lang in procedure.title}
        return procedure.title

    @cached_property
    def forms(self) -> list[Form]:
        contents = {f["code"]: f for f in _yaml(self.directory / "forms.yaml")}
        out = []
        for entry in self.catalogue["forms"]:
            if entry["code"] not in contents:
                raise IpmsError(f"forms.yaml has no entry for {entry['code']}")
            out.append(Form(entry["code"], entry["title"], entry.get("clause") or "",
                            entry["procedure"], contents[entry["code"]], _serves(entry),
                            entry.get("drafted_when"), list(entry.get("title_when") or [])))
        return out

    @cached_property
    def additions(self) -> list[Addition]:
        path = self.directory / "additions.yaml"
        if not path.is_file():
            return []
        return [Addition(a["id"], a["title"], a["text"], _serves(a), a.get("lead", "ip"),
                         list(a.get("assist") or [])) for a in _yaml(path)["additions"]]

    def laws(self) -> list[dict]:
        """The laws and regulations the package cites (laws.yaml): each {when, zh, en}; none
        when a template set has no such file."""
        path = self.directory / "laws.yaml"
        return list(_yaml(path) or []) if path.is_file() else []

    @cached_property
    def responsibilities(self) -> dict[str, dict]:
        """{clause key: {lead, assist}} of responsibilities.yaml; `assist: all` (a clause whose
        text involves every department: the internal audit covers all of them) is every
        function, so that each department of the company has its mark in the matrix."""
        roles = _yaml(self.directory / "responsibilities.yaml")
        for role in roles.values():
            if role.get("assist") == "all":
                role["assist"] = [f for f in FUNCTIONS if f != role.get("lead")]
        return roles

    def manual(self, language: str) -> dict:
        if language not in self._manuals:
            self._manuals[language] = _yaml(self.directory / f"manual.{language}.yaml")
        return self._manuals[language]

    def example_names(self) -> list[str]:
        """The example companies shipped in examples/ ('life-sciences', 'manufacturer', 'saas')."""
        return sorted({p.name.split(".")[0] for p in (self.directory / "examples").glob("*.yaml")})

    def intake_example(self, language: str, example: str = "manufacturer") -> str:
        """The commented questionnaire filled in for an example company (examples/<example>.
        <language>.yaml; the manufacturer's is the questionnaire template itself, intake.<language>
        .yaml). IpmsError naming the examples there are when there is no such file."""
        if example == "manufacturer":
            return (self.directory / f"intake.{language}.yaml").read_text(encoding="utf-8")
        path = self.directory / "examples" / f"{example}.{language}.yaml"
        if not path.is_file():
            names = self.example_names()
            if example in names:
                have = sorted(p.name.split(".")[1] for p in
                              (self.directory / "examples").glob(f"{example}.*.yaml"))
                raise IpmsError(f"the {example} example is written in {', '.join(have)} only "
                                f"(--lang {have[0]}); its values may be given in either language")
            raise IpmsError(f"no example company '{example}'; the examples are "
                            f"{', '.join(names)}")
        return path.read_text(encoding="utf-8")

    # -- rendering --------------------------------------------------------------------------------
    def render(self, text: str, context: dict) -> str:
        """`text` rendered with `context`; a Chinese text's 公司 meaning the company itself is
        worded with the company's own word (`_self`: generators.company_kind.self_named)."""
        own = context.get("_self", "公司") if context.get("_language", "zh") == "zh" else "公司"
        if "{{" not in text and "{%" not in text and "{#" not in text:
            # plain text (most labels and columns): nothing to compile
            return self_named(text.strip(), own)
        try:
            if text not in self._compiled:
                self._compiled[text] = self._compile(text)
            rendered = _one_stop(self._compiled[text].render(context).strip())
            rendered = unnested(rendered, context.get("_notes", frozenset()))
            rendered = one_bracket(rendered, context.get("_named_notes", frozenset()),
                                   context.get("_language", "zh"))
            rendered = flat_references(rendered, (context.get("docno") or {}).values(),
                                       context.get("_language", "zh"))
            if context.get("_language", "zh") == "zh":
                rendered = chinese_quotes(rendered)
            return self_named(once_named(rendered, context.get("_departments", ()),
                                         context.get("_language", "zh")), own)
        except jinja2.UndefinedError as exc:
            raise IpmsError(f"template uses an unknown variable: {exc.message}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise IpmsError(f"template syntax error: {exc.message} in {text[:60]!r}") from None

    def _compile(self, text: str) -> jinja2.Template:
        """`Environment.from_string(text)`, its code read from `compiled_dir` when there
        (as jinja2's loaders read a bytecode cache) or compiled and kept there."""
        if self._bytecode is None:
            return self._env.from_string(text)
        bucket = self._bytecode.get_bucket(self._env, text, None, text)
        if bucket.code is None:
            bucket.code = self._env.compile(text)
            self._bytecode.set_bucket(bucket)
        return self._env.template_class.from_code(self._env, bucket.code,
                                                  self._env.make_globals(None), None)

    def condition(self, expression: str | None, context: dict) -> bool:
        if not expression:
            return True
        try:
            if expression not in _CONDITIONS:
                _CONDITIONS[expression] = self._env.compile_expression(expression,
                                                                       undefined_to_none=False)
            return bool(_CONDITIONS[expression](context))
        except (jinja2.UndefinedError, jinja2.TemplateSyntaxError) as exc:
            raise IpmsError(f"catalogue condition '{expression}' failed: {exc}") from None


def _clauses_when(entry: dict) -> dict[str, dict]:
    """A catalogue entry's `clauses_when` as {bj-ipm key: {when, reason}}: a value may be the
    condition alone ('11.4.2.3': business.licensing_out). A key the entry's `clauses` lacks is
    a slip in the catalogue (IpmsError)."""
    out = {}
    for key, value in (entry.get("clauses_when") or {}).items():
        value = value if isinstance(value, dict) else {"when": value}
        if str(key) not in [str(k) for k in entry.get("clauses") or []]:
            raise IpmsError(f"catalogue.yaml: {entry['code']} clauses_when names {key}, "
                            f"which is not among its clauses")
        if not value.get("when"):
            raise IpmsError(f"catalogue.yaml: {entry['code']} clauses_when {key} has no `when`")
        out[str(key)] = {"when": value["when"], "reason": dict(value.get("reason") or {})}
    return out


def _serves(entry: dict) -> dict[str, list[str]]:
    return {sid: [str(k) for k in keys or []] for sid, keys in (entry.get("serves") or {}).items()}


def _bracket(inner: str, language: str) -> str:
    if not inner:
        return ""
    return f"（{inner}）" if language == "zh" else f" ({inner})"


@jinja2.pass_context
def _ref_filter(context, spec: str, prefix: str = "", suffix: str = "", term: bool = False
                ) -> str:
    """`{{ '4.3.2.1 e' | ref }}`: a bj-ipm clause reference in brackets, as the chosen standard
    numbers it ('（4.3.2.1 e）' for bj-ipm, '（7.5）' for GB/T 29490—2023), or nothing when that
    standard has no corresponding clause. `prefix`/`suffix` go inside the brackets. `term`: the
    clause's term follows its number, as a consultant cites a definition: '（见本标准3.9“管理
    体系”）', never a bare '（本标准3.9）' (English: '(as defined in clause 3.9 of the standard)')."""
    target, language = context.get("_target"), context.get("_language", "zh")
    if target is None:
        return _bracket(f"{prefix}{spec}{suffix}", language)
    inner = target.ref(spec, language)
    if inner and term:
        inner = target.term_ref(spec, language)
    return _bracket(f"{prefix}{inner}{suffix}", language) if inner else ""


@jinja2.pass_context
def _serves_filter(context, code: str, noun: bool = False) -> str:
    """`{{ 'P01' | serves }}`: the chosen standard's clauses procedure P01 serves, with titles:
    '7.5（成文信息）、5.1.2（最高管理者承诺）' / '7.5 (Documented information), ...'.
    `serves(noun=True)` words an English list with its noun and 'and': 'clause 8.2 (Basic IP
    management)' / 'clauses 7.5 (…), 8.2 (…) and 8.3 (…)' (Chinese unchanged)."""
    target, language = context.get("_target"), context.get("_language", "zh")
    procedure = next((p for p in context["_procedures"] if p.code == code), None)
    if target is None or procedure is None:
        return code
    from generators.plan import procedure_clauses

    keys = procedure_clauses(target, procedure)
    if language == "zh":
        return "、".join(f"{target.clauses[k].ref_label('zh')}"
                        f"（{target.clause_name(k, 'zh')}）" for k in keys)
    named = [f"{target.clauses[k].ref_label('en')} ({target.clause_name(k, 'en')})"
             for k in keys]
    if not noun:
        return ", ".join(named)
    return ("clause " if len(named) == 1 else "clauses ") + _listed(named, "en")


_DOUBLE_STOP = re.compile(r"(?<=\w)\.\.(?!\.)")  # 'Co., Ltd.' + '.' -> one full stop


def _one_stop(text: str) -> str:
    """A name ending in a full stop ('… Co., Ltd.') at the end of a sentence: one full stop."""
    return _DOUBLE_STOP.sub(".", text) if ".." in text else text


@jinja2.pass_context
def _listed_filter(context, items) -> str:
    """`{{ company.products | listed }}`: a list as a sentence lists it in the package's
    language — 'A、B和C' / 'A, B and C' ('' for none)."""
    return _listed([str(item) for item in items], context.get("_language", "zh"))


@jinja2.pass_context
def _enumerated_filter(context, items) -> str:
    """`{{ policy.objectives | enumerated }}`: items that are sentences of their own (objectives)
    numbered in running text — '（1）A；（2）B' / '(1) A; (2) B' —, each without its own
    closing stop, so that a capital after a semicolon starts a numbered item, not a sentence."""
    zh = context.get("_language", "zh") == "zh"
    items = [str(item).strip().rstrip("。.；;") for item in items]
    return ("；" if zh else "; ").join(
        (f"（{i}）" if zh else f"({i}) ") + item for i, item in enumerate(items, 1))


@jinja2.pass_context
def _named_filter(context, items) -> str:
    """`{{ company.products | named }}`: products, processes, partners or markets listed in
    running text — 'A、B和C' / 'the X platform and the Y service' (generators.company_kind.named:
    each English name with the article it takes)."""
    return named(list(items), context.get("_language", "zh"))


# A product named with one of these words is not on the market yet (a drug in clinical trials):
# it has no packaging, label or 说明书 to mark and is not purchased, produced or sold.
NOT_YET_MARKETED = ("临床", "在研", "研发中", "申报中", "待批", "clinical", "pipeline",
                    "in development", "under review")


def _marketed_filter(items) -> list[str]:
    """`{{ company.products | marketed }}`: the products already on the market (those whose
    name says clinical trials, in development or awaiting approval left out)."""
    return [str(i) for i in items if not any(w in str(i).casefold() for w in NOT_YET_MARKETED)]


# a product named as the company's own brand, beside products made under customers' marks
OWN_BRAND = re.compile(r"自有品牌|自主品牌|\bown[- ]brand\b", re.IGNORECASE)


def _own_brand_filter(items) -> list[str]:
    """`{{ company.products | own_brand }}`: the products sold under the company's own marks —
    those named own-brand ('自有品牌“SONIQ”蓝牙耳机') where the intake names any, else all. An
    ODM/OEM maker's trademark plan and marking cover its own brand, never the goods it makes
    under customers' marks."""
    items = [str(i) for i in items]
    own = [i for i in items if OWN_BRAND.search(i)]
    return own or items


def _trade_filter(industry: str) -> str:
    """`{{ company.industry | trade }}`: the industry named as a 行业 — '生物医药行业', but
    '软件和信息技术服务业' and '仪器仪表制造业' as they are (never '…业行业'), its bracketed note
    kept where the intake gives one: '软件和信息技术服务业（人工智能）', not '…（人工智能）行业'."""
    industry = str(industry).strip()
    core = re.sub(r"\s*[(（][^)）]*[)）]\s*$", "", industry).strip()
    return industry if core.endswith(("业", "行业")) else f"{core}行业{industry[len(core):]}"


def _industry_en_filter(industry: str) -> str:
    """`{{ company.industry | industry_en }}`: the industry as English running text names it —
    'the advanced materials industry', 'the software and IT services industry (artificial
    intelligence)', but 'the seed industry (crop seeds)' as it is (never 'the seed industry
    (crop seeds) industry')."""
    text = str(industry).strip()
    core = re.sub(r"\s*[(（][^)）]*[)）]\s*$", "", text).strip()
    note = text[len(core):]  # ' (crop seeds)', after the noun 'industry' where it is added
    if not re.search(r"\b(?:industry|industries|sector|trade|business)$", core, re.IGNORECASE):
        core = f"{core} industry"
    return f"{core}{note}" if re.match(r"(?i)the\s", core) else f"the {core}{note}"


# first words of a licence's description that are common nouns or adjectives, written with a
# capital only because the intake's entry starts with them ('Licence to use …', 'Train network
# control software licence'); any other first word may be a name ('Huayue marks licence')
_COMMON_FIRST = frozenset(("licence", "license", "exclusive", "non-exclusive", "sole", "right",
                           "rights", "use", "patent", "patents", "trademark", "trademarks",
                           "registered", "software", "technology", "train", "network",
                           "design", "source", "copyright", "group", "know-how", "database"))


# first words of an English intake value written with a capital only because the value starts
# with them ('Rail transit equipment manufacturing'); a proper adjective keeps its capital
_PROPER_FIRST = frozenset(("chinese", "english", "european", "asian", "american", "african",
                           "japanese", "korean", "german", "french", "british"))


def running_text(value: str) -> str:
    """An English intake value as running text prints it: the capital of its first word made
    lower case when that word is an ordinary one ('Rail transit equipment manufacturing' ->
    'rail transit …'); a name or acronym ('IT services', 'Chinese medicine', 'SaaS') as it is."""
    text = str(value)
    first = text.split(" ", 1)[0]
    if (" " in text and re.fullmatch(r"[A-Z][a-z]+", first)
            and first.lower() not in _PROPER_FIRST):
        return first.lower() + text[len(first):]
    return text


@jinja2.pass_context
def _licence_in_filter(context, licence) -> str:
    """`{{ l | licence_in }}`: a licence the company takes (ip.licences_in) named with its
    licensor — '中国华岳集团授予的集团公司注册商标使用许可' when what it takes is itself worded as a
    licence (…使用许可: never '…许可的…使用许可'), else 'X许可的网络控制系统软件'; in English
    'the licence to use the group's marks granted by X' (a sentence's capital made lower case:
    'Licence to use …' / 'Train network control software licence'), else '… licensed by X'."""
    get = licence.get if isinstance(licence, dict) else lambda k: getattr(licence, k)
    what, licensor = str(get("what")).strip(), str(get("licensor")).strip()
    zh = context.get("_language", "zh") == "zh"
    if _names_licensor(what, licensor):  # 'Bluetooth SIG membership …' by Bluetooth SIG
        return what if zh else _lower_first(what)
    if _says_licensing(licensor):  # '芯片供应商转许可', 'sublicensed through the chip supplier'
        return f"经{licensor}取得的{what}" if zh else f"{_lower_first(what)} {licensor}"
    if zh:
        return f"{licensor}{'授予的' if what.endswith('许可') else '许可的'}{what}"
    first = what.split(" ", 1)[0]
    if first.lower() in _COMMON_FIRST and first[:1].isupper() and first[1:].islower():
        what = what[0].lower() + what[1:]  # the capital of the intake entry's first word
    if re.search(r"\blicen[cs]e\b", what, re.IGNORECASE):
        article = "" if what.lower().startswith(("the ", "a ", "an ")) else "the "
        return f"{article}{what} granted by {licensor}"
    return f"{what} licensed by {licensor}"


# a licensor worded as the way the licence comes ('芯片供应商转许可', 'sublicensed through …')
_LICENSING_WORDS = re.compile(r"(?:转许可|分许可|再许可|许可)$|^(?:sub)?licen[cs]ed\b", re.IGNORECASE)


def _says_licensing(licensor: str) -> bool:
    """Whether the intake's licensor already says how the licence comes (never '转许可许可的',
    'licensed by sublicensed through')."""
    return bool(_LICENSING_WORDS.search(licensor.strip()))


def _names_licensor(what: str, licensor: str) -> bool:
    """Whether what is taken already names its licensor ('蓝牙 SIG 成员资格' from Bluetooth SIG:
    a Latin word of three letters or more of the licensor's name in it), so naming the licensor
    again repeats it ('Bluetooth SIG许可的蓝牙 SIG 成员资格')."""
    words = [w for w in re.findall(r"[A-Za-z]{3,}", licensor)
             if w.lower() not in {"the", "and", "ltd", "inc", "co", "corp", "company", "group"}]
    return bool(words) and all(re.search(rf"\b{re.escape(w)}\b", what, re.IGNORECASE)
                               for w in words[-1:])


def _lower_first(what: str) -> str:
    """An intake entry's capitalised common first word in lower case, as running text has it."""
    first = what.split(" ", 1)[0]
    if first.lower() in _COMMON_FIRST and first[:1].isupper() and first[1:].islower():
        return what[0].lower() + what[1:]
    return what


# a pair of straight quotes around a short term beside Chinese text (an intake's 自有品牌 "SONIQ"
# 蓝牙耳机), with the spaces around it
_STRAIGHT_QUOTED = re.compile(r' ?"([^"\n{}<>=]{1,40})" ?')
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def chinese_quotes(text: str) -> str:
    """Chinese text's straight quotes around a term made Chinese ones: '自有品牌 "SONIQ" 蓝牙耳机'
    -> '自有品牌“SONIQ”蓝牙耳机'; only where Chinese stands beside the pair (an English phrase
    in quotes, code or markup stays)."""
    def curly(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if _CJK.match(before or " ") or _CJK.match(after or " "):
            return f"“{match.group(1).strip()}”"
        return match.group()
    return _STRAIGHT_QUOTED.sub(curly, text) if '"' in text else text


@jinja2.pass_context
def _licence_term_filter(context, until) -> str:
    """`{{ l.until | licence_term }}`: a licence's term as running text says it ('期限至2027-12-31',
    '长期有效', 'for the term of each contract'; intake_facts.licence_term)."""
    from generators.intake_facts import licence_term

    return licence_term(until, context.get("_language", "zh"))


# Issue 17's house style for English running text: a department name whose head noun is one of
# these unit words takes "the" ('the Legal and IP Department', 'the R&D Centre'); a functional
# name ('Human Resources', 'Finance and Purchasing') takes none. Tables, sign-off blocks and the
# organisation chart print names bare (they never pass through `the`).
UNIT_WORDS = frozenset(("department", "dept", "office", "centre", "center", "team", "division",
                        "unit", "committee", "group", "section", "bureau", "lab", "laboratory",
                        "institute", "studio", "workshop"))


class _Articled(str):
    """Department names that already carry their articles (what depts(), together() and
    with_() return in English): `the` leaves them as they are and `The` only capitalises."""


def _parts(name) -> tuple[str, ...]:
    """The departments a name stands for: a JointName's parts, else the name itself."""
    return name.parts if isinstance(name, JointName) else (name,)


def takes_article(name: str) -> bool:
    """Whether an English department name takes "the" in running text: its head noun — the
    last word, or the last before 'of' ('Office of the CEO'), a bracketed tail ignored — is a
    unit word of UNIT_WORDS (or its plural). A name that starts with 'The' has its article; one
    that ends in its number or letter is a proper name ('Design Studio 1': company_kind.numbered)."""
    name = re.sub(r"\s*[(（][^)）]*[)）]\s*$", "", str(name).strip())
    if re.match(r"(?i)the\s", name) or numbered(name):
        return False  # articled already, or a numbered name ('Design Studio 1', 'Workshop 2')
    words = re.findall(r"[A-Za-z]+", re.split(r"\s+of\s+", name, maxsplit=1)[0])
    if not words:
        return False  # a Chinese name, or none
    head = words[-1].casefold()
    return (head in UNIT_WORDS or (head.endswith("ies") and f"{head[:-3]}y" in UNIT_WORDS)
            or (head.endswith("s") and head[:-1] in UNIT_WORDS))


def the(name: str, language: str = "en", capital: bool = False) -> str:
    """A department's name as running text names it: 'the Legal and IP Department', 'the R&D
    Centre', 'Human Resources' (takes_article); `capital` at the start of a sentence ('The R&D
    Centre reviews …'; a name without the article is printed as it is). Chinese names and
    Chinese packages (`language` 'zh') are unchanged, as are names already articled."""
    text = str(name)
    if language != "en":
        return text
    if isinstance(name, JointName):  # several departments, each doing its own share
        return _Articled(concerned(name.parts, capital))
    if not isinstance(name, _Articled) and takes_article(text):
        text = f"the {text}"
    if capital and text.startswith("the "):
        text = f"The {text[4:]}"
    return _Articled(text)


def concerned(parts, capital: bool = False) -> str:
    """Several departments doing one function's work, as a consultant writes whose turn it is:
    'the department concerned (Algorithm Research or Platform Engineering)', 'the department
    concerned (the Marketing Centre or the International Trade Department)' — singular, as the
    texts' verbs are, and never 'each of the Algorithm Research and Platform Engineering
    departments confirms'; a name with a bracket of its own is set off by commas instead."""
    names = _listed([the(n) for n in parts], "en", last=" or ")
    head = "The department concerned" if capital else "the department concerned"
    if any(c in names for c in "()（）"):
        return f"{head}, {names},"
    return f"{head} ({names})"


@jinja2.pass_context
def _the_filter(context, name) -> str:
    """`{{ dept.ip | the }}`, `{{ role.disputes | the }}`, `{{ keeper.R07 | the }}`: the
    department as English running text names it (`the`); `{{ … | The }}` at a sentence start.
    In Chinese the name as it is."""
    return the(name, context.get("_language", "zh"))


@jinja2.pass_context
def _the_capital_filter(context, name) -> str:
    return the(name, context.get("_language", "zh"), capital=True)


def _distinct(names) -> list[str]:
    """The names in order, each once, a JointName's departments one by one."""
    out: list[str] = []
    for name in names:
        for part in _parts(name):
            if part and part not in out:
                out.append(part)
    return out


def _listed(names: list[str], language: str, last: str = "") -> str:
    """'A、B和C' / 'A, B and C'; `last` the word before the last name instead ('或', ' or ')."""
    if language == "zh":
        last = last or "和"
        return "、".join(names[:-1]) + (last if len(names) > 1 else "") + names[-1] if names else ""
    last = last or " and "
    return ", ".join(names[:-1]) + (last if len(names) > 1 else "") + names[-1] if names else ""


@jinja2.pass_context
def _together(context, lead: str, *others: str) -> str:
    """`{{ together(dept.ip, dept.hr) }}`: a department working with others, each named once —
    '知识产权部会同人力资源部' / 'the IP Department, together with Human Resources,' (commas
    included: the verb follows in the singular; names articled as `the` does, `| The` at a
    sentence start), or just the lead when every other one is the lead (one department holding
    several functions never works "with itself")."""
    rest = [n for n in _distinct(others) if n not in _parts(lead)]
    if context.get("_language", "zh") == "zh":
        return f"{lead}会同{_listed(rest, 'zh')}" if rest else lead
    if not rest:
        return the(lead)
    return _Articled(f"{the(lead)}, together with {_listed([the(n) for n in rest], 'en')},")


@jinja2.pass_context
def _with(context, lead: str, *others: str) -> str:
    """`{{ dept.ip }}应于每年年初{{ with_(dept.ip, dept.hr) }}制定`: '会同人力资源部' / ' together
    with the HR Department' — the others that are not the lead, or '' when there are none."""
    rest = [n for n in _distinct(others) if n not in _parts(lead)]
    if not rest:
        return ""
    if context.get("_language", "zh") == "zh":
        return f"会同{_listed(rest, 'zh')}"
    return _Articled(f" together with {_listed([the(n) for n in rest], 'en')}")


@jinja2.pass_context
def _depts(context, *names: str, but: str = "", either: bool = False) -> str:
    """`{{ depts(dept.rd, dept.hr, dept.finance) }}`: departments listed once each, in order
    ('研发中心、人力资源部和财务部' / 'the R&D Centre, Human Resources and Finance': names articled
    as `the` does, `| The` at a sentence start); one name when they are all the same department.
    `but=dept.ip` leaves out the department that organises the others
    ('{{ dept.ip }}组织{{ depts(dept.rd, dept.sales, but=dept.ip) }}': never 综合部组织技术部和
    综合部); when none is left, '相关部门' / 'the departments concerned'. `either=True` where one
    of them is meant ('a key researcher of the Game Development Studio or the Art and Audio
    Centre'): joined by 或 / 'or'."""
    language = context.get("_language", "zh")
    rest = [n for n in _distinct(names) if n not in _parts(but)]
    if not rest:
        return "相关部门" if language == "zh" else _Articled("the departments concerned")
    if language == "zh":
        return _listed(rest, "zh", "或" if either else "和")
    return _Articled(_listed([the(n) for n in rest], "en", " or " if either else " and "))


@jinja2.pass_context
def _steps(context, *pairs: str) -> str:
    """`{{ steps(dept.ip, '核定', dept.hr, '审核', dept.finance, '发放') }}`: the steps of one
    process, department and action alternating — '知识产权部核定、人力资源部审核、财务部发放'
    (steps with longer actions joined by '，') /
    'the IP Department determines them, Human Resources checks them and Finance pays them'
    (English names articled as `the` does; `| The` at a sentence start). Steps in a row that
    fall to one department are written once for it, its actions joined ('综合部核定并审核、财务部
    发放', '综合部编制、审核并汇总' / 'the General Office determines and checks them …'), so a
    department holding both functions never reviews, approves or receives from itself by name.
    An odd number of arguments is a template error (IpmsError)."""
    if len(pairs) % 2:
        raise IpmsError(f"steps() takes department and action pairs, got {len(pairs)} arguments")
    language = context.get("_language", "zh")
    groups: list[tuple[str, list[str]]] = []
    for name, action in zip(pairs[::2], pairs[1::2]):
        if groups and groups[-1][0] == name:
            groups[-1][1].append(str(action))
        else:
            groups.append((name, [str(action)]))
    if language == "zh":
        short = all(len(action) <= 4 for _, a in groups for action in a)  # '核定、审核'
        return ("、" if short else "，").join(f"{n}{_joined_actions(a, 'zh')}" for n, a in groups)
    clauses = [f"{the(n)} {_joined_actions(a, 'en')}" for n, a in groups]
    if len(clauses) > 1 and any(len(a) > 1 for _, a in groups):  # 'A drafts and checks it,
        return _Articled(", ".join(clauses[:-1]) + ", and " + clauses[-1])  # and B approves it'
    return _Articled(_listed(clauses, "en"))


def _joined_actions(actions: list[str], language: str) -> str:
    """'核定并审核', '编制、审核并汇总' / 'drafts it and reviews it'."""
    if language == "zh":
        return "、".join(actions[:-1]) + ("并" if len(actions) > 1 else "") + actions[-1]
    return _listed(actions, "en")


_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                          keep_trailing_newline=False)
_ENV.globals.update(together=_together, with_=_with, depts=_depts, steps=_steps)
_ENV.filters["ref"] = _ref_filter
_ENV.filters["serves"] = _serves_filter
_ENV.filters["listed"] = _listed_filter
_ENV.filters["named"] = _named_filter
_ENV.filters["enumerated"] = _enumerated_filter
_ENV.filters["marketed"] = _marketed_filter
_ENV.filters["own_brand"] = _own_brand_filter
_ENV.filters["trade"] = _trade_filter
_ENV.filters["licence_in"] = _licence_in_filter
_ENV.filters["licence_term"] = _licence_term_filter
_ENV.filters["industry_en"] = _industry_en_filter
_ENV.filters["the"] = _the_filter
_ENV.filters["The"] = _the_capital_filter
_COMPILED: dict[str, jinja2.Template] = {}
_CONDITIONS: dict[str, jinja2.environment.TemplateExpression] = {}  # shared like _COMPILED


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """jinja2's bytecode cache in a folder of ours (made 0700); one that cannot be read or
    written is no cache, never an error (a full disk, a read-only home)."""

    def __init__(self, directory: Path) -> None:
        super().__init__(str(directory))
        self._ready = None

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket) -> None:
        try:
            if self._ready is None:
                Path(self.directory).mkdir(mode=0o700, parents=True, exist_ok=True)
                self._ready = True
            super().dump_bytecode(bucket)
        except OSError:
            pass


def context_for(intake: Intake, templates: TemplateSet, target=None, language: str = "zh") -> dict:
    """The variables a template sees: the intake's sections, `dept`, `docno`, `standard`
    (id, designation, title, name as documents print it, `stages`: whether it has the bj-ipm
    enterprise stages) and the facts derived from the intake (`kind`, `held`, `plans`, `export`,
    `says`: generators.company_kind), `approval.<manual|procedure|form>.<drafted_by|reviewed_by|
    approved_by>` (generators.authority) and `duties` ([{name, duties}] per department:
    generators.roles). `target` is the generators.target.TargetStandard drafted to."""
    context = intake.model_dump(mode="python")
    context["_language"] = language  # together(), depts(): the joining words
    # each licence taken, whether royalty-free (intake_facts.LicenceIn.royalty_free): P-14 sends
    # only paid licences from abroad to technology-import registration and royalty remittance
    for taken, licence in zip(context["ip"].get("licences_in") or [],
                              intake.ip.licences_in or []):
        taken["royalty_free"] = licence.royalty_free
        taken["import_registration"] = licence.import_registration  # not paid in a chip's price
    # what the company calls itself in its Chinese texts (本院 for a design institute): render()
    context["_self"] = self_name(intake.company.name)
    # the sites the system covers: the company's own, not a contract manufacturer's plant
    own = {site.name for site in own_sites(intake)}
    context["own_sites"] = [s for s in context["company"].get("sites") or [] if s["name"] in own]
    # the departments' names: a text naming one twice in a row names it once (roles.once_named)
    context["_departments"] = tuple(d.name for d in intake.org.departments)
    # the intake values' bracketed notes, left out inside the texts' own brackets (brackets)
    context["_notes"] = value_notes(context[k] for k in ("company", "ip", "rd", "business"))
    # every value's own note: a note the text puts in brackets after it joins it (one_bracket)
    context["_named_notes"] = value_notes(context[k] for k in ("company", "ip", "rd", "business",
                                                               "org", "people"))
    if target is None:  # no standard loaded (a view without the corpus): its id and kind only
        context["standard"] = {"id": intake.standard, "bj": intake.standard == "bj-ipm"}
    else:
        context["standard"] = {"id": target.id, "designation": target.designation(language),
                               "title": target.titles[language], "name": target.name(language),
                               "stages": not target.is_profile, "bj": not target.is_profile,
                               # numbers the standard's text gives to two clauses (bj-ipm)
                               "shared": target.shared_numbers(language)}
        context["_target"], context["_language"] = target, language
        # the company's stage as the standard names it: its type (示范类企业) under bj-ipm only
        stages = templates.enterprise_stages
        kind = stages["types"][intake.company.stage][language]
        context["stage"] = {name: phrase[language].format(type=kind) for name, phrase in
                            stages["phrases"]["other" if target.is_profile else "bj"].items()}
        context["_procedures"] = templates.procedures
    # every department holding a function is named where its duty is (roles.function_departments)
    context["dept"] = function_departments(intake, FUNCTIONS, language=language,
                                           fallback=intake.org.ip_department)
    context["_departments"] += tuple(n for n in context["dept"].values()
                                     if isinstance(n, JointName))
    context["docno"] = {p.code: intake.document_number("P", int(p.code[1:]))
                        for p in templates.procedures}
    context["docno"].update({f.code: intake.document_number("R", int(f.code[1:]))
                             for f in templates.forms})
    context["docno"]["M01"] = intake.document_number("M", 1)
    # a procedure's own step numbers ('5.4') are those of its chapter in a bundle ('2.5.4'):
    # `chapter` is '2.' while that chapter is drafted (generators.documents), '' otherwise
    context["chapter"] = ""
    context.update(derived_facts(intake, language))  # kind, held, plans, export, says
    # every.*, once.*, periodic.*, unit.*, cadence.*, sized.*: generators.cadence
    context.update(sizing(intake, language))
    if language == "en" and context["company"].get("industry"):  # 'belongs to the rail … industry'
        context["company"]["industry"] = running_text(context["company"]["industry"])
    # drafted.P25 …: whether a procedure written for some kinds of company is in this package
    context["drafted"] = {d.code: templates.condition(d.drafted_when, context)
                          for d in [*templates.procedures, *templates.forms] if d.drafted_when}
    # title.P12, title.R47 …: each procedure's and form's title as this package prints it (a
    # text naming a document whose catalogue entry has `title_when` writes 《{{ title.P12 }}》)
    context["title"] = {d.code: templates.titled(d, context)[language]
                        for d in [*templates.procedures, *templates.forms]}
    if target is not None:  # `serves`: the clauses each procedure serves in this package
        context["_procedures"] = [templates.for_company(p, context) for p in templates.procedures]
    # existing.systems / existing.qualifications: certification.existing_systems split into
    # management-system standards and qualifications held (generators.systems.split_systems)
    context["existing"] = split_systems(intake.certification.existing_systems
                                        if intake.certification else None)
    # contract.categories: the contract categories this company's contracts are registered by
    # (contract_categories.yaml), R06's choices and P03's list alike
    categories = [c for c in templates.contract_categories
                  if templates.condition(c.get("when"), context)]
    # contract.scope: the contracts of those categories as P03's scope names them
    context["contract"] = {"categories": [c[language] for c in categories],
                           "scope": [templates.render(c["scope"][language], context)
                                     for c in categories if c.get("scope")]}
    # channel.sources / channel.named: the information channels of this kind of company
    # (channels.yaml), in full for P09's step and short for its definition and the manual;
    # channel.choices: R26's source column
    channels = [c for c in templates.channels if templates.condition(c.get("when"), context)]
    context["channel"] = {"sources": [c[language] for c in channels if c.get(language)],
                          "named": [c["short"][language] for c in channels if c.get("short")],
                          "choices": [w for c in channels for w in c.get("form", {}).get(language, [])]}
    context["approval"] = template_context(intake)  # who reviews/approves each document type
    context["role"] = process_departments(intake, templates, language)  # who does what: generators.roles
    context["duties"] = department_duties(intake, templates, context, language)  # reads `role`
    # owners.objectives: [[departments] per objective], owners.all: all of them in the chart's
    # order (generators.objective_owners: manual 6.3, R08's 责任部门)
    owned = objective_owners(intake.policy.objectives, templates, context)
    context["owners"] = {"objectives": owned, "all": all_owners(
        owned, [d.name for d in intake.org.departments])}
    # lead.<addition id>: the function leading a manual addition for this company (Addition.lead_for)
    context["lead"] = {a.id: a.lead_for(templates, context) for a in templates.additions}
    return context


def variable_paths(text: str) -> set[str]:
    """Dotted variable paths a template text uses, e.g. {'company.name', 'dept.rd'}.

    Loop variables ({% for x in ... %}) and names set in the text ({% set x = ... %}) are not
    reported; attribute chains are followed as far
    as they go."""
    from jinja2 import nodes

    tree = jinja2.Environment().parse(text)
    loop_names = set()
    for loop in tree.find_all(nodes.For):
        targets = [loop.target, *loop.target.find_all(nodes.Name)]
        loop_names |= {n.name for n in targets if isinstance(n, nodes.Name)}
        loop_names.add("loop")  # Jinja's loop.index, loop.last … inside a for
    for assign in tree.find_all(nodes.Assign):  # {% set sold = … %}: a name of the text's own
        loop_names |= {n.name for n in [assign.target, *assign.target.find_all(nodes.Name)]
                       if isinstance(n, nodes.Name)}
    paths: set[str] = set()

    def chain(node) -> str | None:
        if isinstance(node, nodes.Name):
            return node.name
        if isinstance(node, nodes.Getattr):
            base = chain(node.node)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) \
                and isinstance(node.arg.value, str):
            base = chain(node.node)
            return f"{base}.{node.arg.value}" if base else None
        return None

    inner = {id(n.node) for n in tree.find_all((nodes.Getattr, nodes.Getitem))}
    for node in tree.find_all((nodes.Name, nodes.Getattr, nodes.Getitem)):
        if id(node) in inner:
            continue  # part of a longer chain
        path = chain(node)
        if path and path.split(".")[0] not in loop_names | set(_ENV.globals):
            paths.add(path)  # together(), depts() … are functions, not variables
    return paths


def template_strings(templates: TemplateSet) -> list[tuple[str, str]]:
    """(where, text) for every Jinja text of every template file."""
    out: list[tuple[str, str]] = []

    def walk(where: str, value) -> None:
        if isinstance(value, str):
            out.append((where, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(f"{where}.{key}", item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(f"{where}[{i}]", item)

    for language in ("zh", "en"):
        walk(f"manual.{language}", templates.manual(language))
    for procedure in templates.procedures:
        walk(f"procedures/{procedure.code}", procedure.content)
    for form in templates.forms:
        walk(f"forms/{form.code}", form.content)
    return out
