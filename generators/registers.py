"""Registers pre-filled from what the package and the intake already know.

A ledger of forms.yaml may name a `register`; its rows are then filled in here, one row per
thing the package or the intake holds, and `blank_rows` blank rows follow for additions. A column
takes a value with `from: <key>` (the keys of each register are listed in REGISTERS):

- documents  every controlled document of this package: the manual, each procedure, each form,
             and where the numbers jump, a row naming the numbers left free, marked `unused`
             (generators.unused_rows: not used here, issued in a bundle, or reserved; also in
             `records`)
- records    every record form of this package, with the department keeping it and its
             retention period (documents.retention_years, matched as `retention` explains;
             else P-02's default for its kind: generators.retention.record_period)
- objectives the company's IP objectives (policy.objectives) and the departments each is
             deployed to (owners: generators.objective_owners)
- trade_secrets the company's own trade secrets the intake names (ip.trade_secret_examples,
             without those that are an R&D-services company's clients' information)
- clauses    the requirement clauses of the standard the package is drafted to (an audit
             checklist): label, title and what to check (the title and, in short, what the
             clause requires); an excluded clause says so with the reason
- open_source the open-source components the intake names (ip.open_source.how)
- ip_ledger  the IP ledger's rows: a row per right the company holds, typed with its kind
             ('实用新型专利': the intake counts them, it names none, so each is entered in its
             row by hand), or for a kind held more than PER_RIGHT_ROWS times one row with the
             count and the itemised list exported from the IP system attached, then a row per kind of work that is its product
             (ip.works: 作品著作权 | 设计图纸（按项目登记）), then a row per domain name it holds
             (ip.domain_names), then a row per right co-owned or pledged (ip.co_owned,
             ip.pledges: generators.rights, filling the co_owners and pledge columns), then a
             row per licence it takes (ip.licences_in: licensor, term)
- licences_in the licences the company takes (ip.licences_in): what, licensor, term
- models     the models and datasets a company training models registers (P-31): a row per
             model it trains (ip.models), per licence it takes of a model or of data
             (ip.licences_in naming one: model_licences), per dataset (ip.datasets) not already
             a licence's row: name, type, source, licence or contract, permitted use
- laws       the laws and regulations the package cites (templates/laws.yaml, as the manual's
             references): title, issuing authority, the duty it puts on the company, issuing
             number or edition, promulgation and effective dates
- obligations the compliance obligations: a row per law cited (its duty, source law) and per
             licence taken (source contract)

A ledger's `rows_from` sizes its blank rows from what the intake counts (intake_count).
"""
from __future__ import annotations

import re

from collections.abc import Callable

from assistant.errors import IpmsError
from generators.company_kind import group_technology_licences, secret_examples
from generators.intake_facts import licence_term, licence_term_cell
from generators.licence_kinds import base_name, model_licence_terms
from generators.plan import PackagePlan
from generators.retention import record_period, record_years
from generators.rights import rights_rows
from generators.templates_io import Form, TemplateSet
from generators.unused_rows import with_unused

WORDS = {
    "zh": {"manual": "手册", "procedure": "程序文件", "form": "记录表单", "years": "{n}年",
           "excluded": "删减"},
    "en": {"manual": "Manual", "procedure": "Procedure", "form": "Form", "years": "{n} years",
           "excluded": "excluded"},
}
Row = dict[str, str]


def keeper(plan: PackagePlan, form: Form) -> str:
    """The department that keeps `form`'s records: forms.yaml `keeper` (a function such as hr,
    rd, admin), the department with that function; the IP department by default. The same
    value the texts print as `keeper.<code>` (generators.plan.keeper_department)."""
    return plan.context["keeper"][form.code]


def retention(plan: PackagePlan, form: Form) -> int | None:
    """Years to keep `form`'s records (generators.retention.record_years: the intake's periods)."""
    return record_years(plan.intake, form)


def _documents(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    lang, docno, docs = plan.language, plan.context["docno"], plan.intake.documents
    words, ip = WORDS[lang], plan.context["dept"]["ip"]
    entries = [("M01", docno["M01"], templates.manual(lang)["labels"]["manual_title"],
                words["manual"])]
    # the procedure documents issued: a small company's bundles, not their member procedures
    entries += [(d.code, docno[d.code], d.title, words["procedure"]) for d in plan.issued]
    entries += [(f.code, docno[f.code], f.title[lang], words["form"]) for f in plan.forms]
    return with_unused([(code, {"number": number, "title": title, "version": docs.version,
                                "category": category, "department": ip,
                                "issue_date": docs.effective_date.isoformat(), "keeper": ip})
                        for code, number, title, category in entries], plan, templates, "PR")


def _records(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    lang, docno = plan.language, plan.context["docno"]
    titles = plan.context["title"]  # as this package prints them (catalogue `title_when`)
    rows = []
    for form in plan.forms:
        rows.append((form.code, {"number": docno[form.code], "title": form.title[lang],
                                 "procedure": f"{docno[form.procedure]} {titles[form.procedure]}",
                                 "keeper": keeper(plan, form),
                                 "retention": record_period(plan.intake, form, lang)}))
    return with_unused(rows, plan, templates, "R")


def _objectives(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """A row per objective with the departments it is deployed to (`owners.objectives`: those
    doing the work it measures, as the procedures name them; generators.objective_owners)."""
    owners, lang = plan.context["owners"]["objectives"], plan.language
    return [{"objective": o, "owners": ("、" if lang == "zh" else "; ").join(names)}
            for o, names in zip(plan.intake.policy.objectives, owners)]


def _trade_secrets(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """The company's own trade secrets the intake names: not what an R&D-services company keeps
    for its clients, which P-06 and the manual call the client's information, not the company's
    trade secret (generators.company_kind.secret_examples)."""
    own, _ = secret_examples(plan.intake, plan.context["kind"])
    return [{"name": s} for s in own]


REQUIREMENT_CHARS = {"zh": 60, "en": 200}  # what an audit checklist row says, about at most
LIST_CHARS = {"zh": 200, "en": 800}  # … when it lists a clause's items a) b) c) each in brief
_SENTENCE_END = re.compile(r"[。；;]|\.(?=\s|$)")
_LIST_ITEM = re.compile(r"(?m)^\s*([a-z])\)\s*")  # a list item's label at a line's start
_ITEM_END = re.compile(r"[，,：:（(]")  # where an item's brief form ends when the whole is too long


def listed_items(lead: str, items: list[tuple[str, str]], lang: str) -> str:
    """A clause that lists items a) b) c) … ([(label, text)], labels as the standard prints them,
    defects too: bj-ipm 13.5.2.2 has two d)), with every item kept: its lead-in and the items,
    each whole or, when the whole is longer than LIST_CHARS, up to its first comma
    ('…知识产权管理方针应：a) 符合法律法规的要求；b) …；g) 得到企业全体员工理解和支持。');
    '' for fewer than two items or when even the brief form is too long. An audit checklist that
    kept only the first sentence asked about a) alone (a consultant's finding)."""
    if len(items) < 2:
        return ""
    items = [(label, " ".join(text.split()).rstrip("；;。.，,")) for label, text in items]
    joint, end = ("；", "。") if lang == "zh" else ("; ", ".")
    for brief in (False, True):
        shown = [(label, _ITEM_END.split(text, 1)[0] if brief else text) for label, text in items]
        whole = " ".join(lead.split()) + ("" if lang == "zh" else " ") + joint.join(
            f"{label}) {text}" for label, text in shown) + end
        if len(whole) <= LIST_CHARS.get(lang, LIST_CHARS["en"]):
            return whole
    return ""


def requirement(plan: PackagePlan, key: str) -> str:
    """What clause `key` of the package's standard requires, in short: a GB/T 29490 profile's own
    summary (ours, never a quote), or a bj-ipm clause's text (in English, its rendition's); ''
    when neither is known. The whole of it when it is at most REQUIREMENT_CHARS characters, else all its
    list items in brief (listed_items), else its sentences that fit, else its first sentence:
    never a sentence cut short with '…'."""
    lang, standard = plan.language, plan.standard
    target = standard.clauses.get(key)
    text = (target.summary.get(lang) or target.summary.get("zh", "")) if target else ""
    if not text and not standard.is_profile and key in standard.bj.clauses:
        # its body (the text under its number and title), or in English its rendition's text
        rendition = standard.bj.renditions.get(key) if lang != "zh" else None
        text = rendition.text if rendition and rendition.text.strip() else \
            standard.bj.clauses[key].body or ""
    lead, *parts = _LIST_ITEM.split(text)  # a list's items: 'a)' at a line's start
    labels, items = parts[::2], parts[1::2]
    text = " ".join(text.split())
    limit = REQUIREMENT_CHARS.get(lang, REQUIREMENT_CHARS["en"])
    if len(text) <= limit:
        return text
    if listed_items(lead, list(zip(labels, items)), lang):
        return listed_items(lead, list(zip(labels, items)), lang)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    fitting = [end for end in ends if end <= limit]
    end = fitting[-1] if fitting else ends[0] if ends else len(text)
    sentence = text[:end].rstrip()
    return sentence[:-1] + "。" if lang == "zh" and sentence.endswith("；") else sentence


def _clauses(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """Each requirement clause: its label, its title and what to check (the title and what the
    clause requires in short); an excluded clause says so with the reason instead."""
    lang = plan.language
    excluded = WORDS[lang]["excluded"]
    rows = []
    for c in plan.clauses:
        what, check = c.title, c.title
        if c.status == "excluded":
            what = check = (f"{c.title}（{excluded}：{c.reason}）" if lang == "zh"
                            else f"{c.title} ({excluded}: {c.reason})")
        elif requirement(plan, c.key):
            check = (f"{c.title}：{requirement(plan, c.key)}" if lang == "zh"
                     else f"{c.title}: {requirement(plan, c.key)}")
        rows.append({"clause": c.label, "title": what, "check": check})
    return rows


LICENCE_NAMES = re.compile(r"^(MIT|BSD|Apache|GPL|LGPL|AGPL|MPL|EPL|ISC|CC|SPDX|SBOM|SCA)\b")


def _open_source(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """The open-source components the intake names in `ip.open_source.how`: the capitalised
    Latin names before the licences in brackets or the first ；/; ('产品包含 React、Spring Boot、
    PostgreSQL 驱动等开源组件（MIT…）' gives React, Spring Boot, PostgreSQL), licence names left
    out; none when the company uses no open source."""
    source = plan.intake.ip.open_source
    if not source or not source.used or not source.how:
        return []  # models under model licences are left to R-82 (_registered_models)
    head = re.split(r"[（(;；。]|等开源", source.how, maxsplit=1)[0]  # before the licences
    names = re.findall(r"[A-Z][A-Za-z0-9.+#-]*(?: [A-Z][A-Za-z0-9.+#-]*)*", head)
    seen: list[str] = []
    models = _registered_models(plan)
    for name in names:
        if not LICENCE_NAMES.match(name) and name not in ("The", "Our", "We", "It", "Its") \
                and name not in seen and not any(name.casefold() in m for m in models) \
                and not re.search(r"\bLicen[cs]e\b", name):  # 'Llama Community License'
            seen.append(name)
    return [{"component": name} for name in seen]


def _registered_models(plan: PackagePlan) -> list[str]:
    """The models the model and dataset register (R-82) holds, lower-cased: the company's models
    (ip.models) and the models it licenses in (model_licences, not data). A model under a model
    licence (Llama) is registered there, never as an open-source component with static or
    dynamic linking (P-31 and P-26: linking does not apply to model weights)."""
    ip = plan.intake.ip
    if not (ip.models or ip.datasets or plan.intake.business.algorithm_filing):
        return []  # no model register (kind.ml)
    return [str(m).casefold() for m in ip.models or []] + \
        [lic.what.casefold() for lic in model_licences(plan) if not _DATA.search(lic.what)]


# the kinds of right the intake counts, as the IP ledger's type column names them (zh, en)
HELD_KINDS = (("patents.invention", "发明专利", "Invention patents"),
              ("patents.utility_model", "实用新型专利", "Utility model patents"),
              ("patents.design", "外观设计专利", "Design patents"),
              ("patents.pending", "在审专利申请", "Pending patent applications"),
              ("patents.foreign", "境外专利及申请", "Patents and applications abroad"),
              ("plant_varieties.granted", "植物新品种权", "Plant variety rights"),
              ("plant_varieties.pending", "在审品种权申请", "Pending plant variety applications"),
              ("plant_varieties.foreign", "境外品种权及申请",
               "Plant variety rights and applications abroad"),
              ("trademarks", "注册商标", "Registered trademarks"),
              ("software_copyrights", "软件著作权", "Software copyrights"),
              ("layout_designs", "集成电路布图设计", "IC layout designs"))
COUNTED = {"zh": "{kind}（{n}件）", "en": "{kind} ({n})"}


def held_counts(plan: PackagePlan) -> list[tuple[str, int]]:
    """(type as the ledger names it, count) for each kind of right the intake counts above zero,
    in HELD_KINDS order."""
    ip, column = plan.intake.ip, 1 if plan.language == "zh" else 2
    out = []
    for kind in HELD_KINDS:
        value = ip
        for name in kind[0].split("."):
            value = getattr(value, name)
        if value:
            out.append((kind[column], int(value)))
    return out


# a kind of right held at most this many times gets a row per right in the IP ledger, typed
# with its kind, so that an auditor can sample single rights; a kind held more often is listed
# once with its count and an itemised list exported from the company's IP management system is
# attached (a paper ledger of hundreds of rows is kept nowhere)
PER_RIGHT_ROWS = 20
EXPORTED = {"zh": "逐件清单从知识产权管理系统导出，栏目同本表，附于本台账",
            "en": "Itemised list exported from the IP management system, with this ledger's "
                  "columns, attached"}


def _ip_ledger(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """The IP ledger's pre-filled rows: a row per right held, typed with its kind ('发明专利'),
    for each kind held at most PER_RIGHT_ROWS times (the intake counts the rights but names none:
    the company enters each in its row), and one row for a kind held more often, with its count
    and the exported itemised list attached ('发明专利（180件）'); then one per kind of work, one
    per domain name the intake names (ip.domain_names), typed as a domain name: brand assets
    registered, renewed and watched like the other rights of the ledger, then one per licence."""
    said = COUNTED.get(plan.language, COUNTED["en"])
    exported = EXPORTED.get(plan.language, EXPORTED["en"])
    rows: list[Row] = []
    for kind, n in held_counts(plan):
        if n <= PER_RIGHT_ROWS:
            rows += [{"type": kind} for _ in range(n)]
        else:
            rows.append({"type": said.format(kind=kind, n=n), "name": exported})
    rows += works_rows(plan)
    domain = "域名" if plan.language == "zh" else "Domain name"
    rows += [{"type": domain, "name": name} for name in plan.intake.ip.domain_names or []]
    rows += rights_rows(plan)
    licensed = LICENSED_IN.get(plan.language, LICENSED_IN["en"])
    return rows + [{"type": licensed, "name": lic.what, "holder": lic.licensor,
                    "term": licence_term_cell(lic.until, plan.language)}
                   for lic in plan.intake.ip.licences_in or []]


# the IP ledger's type and title for a kind of work that is the company's product (ip.works):
# the works are many and made project by project, so each project's works are entered below
WORKS = {"zh": ("作品著作权", "{work}（按项目登记）"),
         "en": ("Copyright in works", "{work} (entered by project)")}


def works_rows(plan: PackagePlan) -> list[Row]:
    """A row per kind of work the intake names as the company's product (ip.works), typed as
    copyright in works and titled with the kind, entered by project ('设计图纸（按项目登记）'):
    the works are its main IP, held like the rights counted above, and P-14 has them entered
    by kind after the copyright check on delivery."""
    kind, title = WORKS.get(plan.language, WORKS["en"])
    rows = []
    for work in plan.intake.ip.works or []:
        name = title.format(work=work)
        rows.append({"type": kind, "name": name[:1].upper() + name[1:]})
    return rows


# the IP ledger's type for a right the company uses under a licence (ip.licences_in)
LICENSED_IN = {"zh": "许可使用（被许可）", "en": "Licensed in"}


def _licences_in(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """A row per licence the company takes (ip.licences_in): the licensed IP, its licensor and
    term, whose contract terms (scope, term, fees) the company must keep — an obligation of the
    compliance obligations register, as the ledger records the right."""
    said = LICENCE_REFERENCE.get(plan.language, LICENCE_REFERENCE["en"])
    group = [id(lic) for lic in group_technology_licences(plan.intake)]
    return [{"name": lic.what, "holder": lic.licensor,
             "term": licence_term_cell(lic.until, plan.language),
             "reference": said[bool(lic.until)].format(
                 licensor=lic.licensor, term=licence_term(lic.until, plan.language)),
             "products": lic.products, "territory": lic.territory,
             **(_group_licence_cells(plan) if id(lic) in group else {})}
            for lic in plan.intake.ip.licences_in or []]


# what the parent's licence grants beyond the company's own use (company.parent): a cell
# 'have-made: yes; sublicence: no' of R-78, a part not known left to fill in
GRANTS = {"zh": ("委托加工", "再许可", {True: "是", False: "否", None: "____"}, "："),
          "en": ("Have-made", "sublicence", {True: "yes", False: "no", None: "____"}, ": ")}


def _group_licence_cells(plan: PackagePlan) -> Row:
    """R-78's cells for a technology licence from the parent: whether it grants have-made and
    sublicence rights (company.parent.have_made / sublicense) and its registration number."""
    parent = plan.intake.company.parent
    made, sub, word, colon = GRANTS.get(plan.language, GRANTS["en"])
    sep = "；" if plan.language == "zh" else "; "
    return {"grants": f"{made}{colon}{word[parent.have_made]}{sep}{sub}{colon}"
                      f"{word[parent.sublicense]}",
            "registration": parent.licence_registration}


# a licence taken of a model or of data (Llama 3 基础模型, 缺陷图像数据集, production-line images)
_MODEL_OR_DATA = re.compile(r"模型|权重|数据|图像|语料|models?\b|weights|data|images|corpus|corpora",
                            re.IGNORECASE)
_DATA = re.compile(r"数据|图像|语料|dataset|data\b|images|corpus|corpora", re.IGNORECASE)
# the register's words for a row's type and source, as R82's choices have them
MODEL_WORDS = {"zh": {"own_model": "自研模型", "derived_model": "衍生模型", "base_model": "基础模型",
                      "dataset": "数据集", "base": "基于{base}，许可方：{licensor}",
                      "own": "自有", "licensed": "许可", "public": "公开", "customer": "客户",
                      "until": "期限：{until}"},
               "en": {"own_model": "own model", "derived_model": "derived model",
                      "base_model": "base model", "dataset": "dataset",
                      "base": "derived from {base}, licensed by {licensor}",
                      "own": "own", "licensed": "licensed", "public": "public",
                      "customer": "customer", "until": "term: {until}"}}


def model_licences(plan: PackagePlan) -> list:
    """The licences the company takes (ip.licences_in) of a model or of data (_MODEL_OR_DATA)."""
    return [lic for lic in plan.intake.ip.licences_in or [] if _MODEL_OR_DATA.search(lic.what)]


def base_licence(model: str, plan: PackagePlan):
    """The licence taken of the base model `model` (an ip.models entry) derives from: a model
    licence (model_licences, not of data) whose model's name (licence_kinds.base_name: 'Llama 3')
    the entry names ('质检报告生成模型（基于 Llama 3 微调）'); None for a model trained from scratch."""
    for lic in model_licences(plan):
        name = base_name(lic.what)
        if name and not _DATA.search(lic.what) and name.casefold() in str(model).casefold():
            return lic
    return None


def _own_model(model: str, plan: PackagePlan, said: dict) -> Row:
    """R-82's row for a model the company trains (ip.models): its own model; or, fine-tuned from
    a licensed base (base_licence), a derived model naming the base, its licensor and its
    licence's terms (attribution, use restrictions, user thresholds), which bind it too."""
    lic = base_licence(model, plan)
    if lic is None:
        return {"name": model, "type": said["own_model"], "source": said["own"], "licence": "",
                "terms": ""}
    return {"name": model, "type": said["derived_model"], "source": said["licensed"],
            "licence": said["base"].format(base=lic.what, licensor=lic.licensor),
            "terms": model_licence_terms(lic.what, plan.language)}


def _models(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """R-82's rows: a row per model the company trains (ip.models: own model, own), per licence
    it takes of a model or data (model_licences: base model or dataset, licensed — customer
    when a dataset of ip.datasets with source customer is the same — with the licensor and term),
    then per dataset (ip.datasets) no licence row already holds, with its source and terms."""
    said = MODEL_WORDS.get(plan.language, MODEL_WORDS["en"])
    ip = plan.intake.ip
    rows = [_own_model(m, plan, said) for m in ip.models or []]
    datasets = list(ip.datasets or [])
    for lic in model_licences(plan):
        same = next((d for d in datasets if d.what in lic.what or lic.what in d.what), None)
        if same is not None:
            datasets.remove(same)
        licence = lic.licensor + ("，" if plan.language == "zh" else ", ") + \
            said["until"].format(until=lic.until) if lic.until else lic.licensor
        rows.append({"name": lic.what,
                     "type": said["dataset"] if same is not None or _DATA.search(lic.what)
                     else said["base_model"],
                     "source": said[same.source if same is not None else "licensed"],
                     "licence": licence,
                     "terms": same.terms if same is not None
                     else "" if _DATA.search(lic.what) else model_licence_terms(lic.what, plan.language)})
    rows += [{"name": d.what, "type": said["dataset"], "source": said[d.source], "licence": "",
              "terms": d.terms} for d in datasets]
    return rows


# the licence contract as the compliance obligations register cites it (without, with a term:
# intake_facts.licence_term words it)
LICENCE_REFERENCE = {"zh": ("与{licensor}的许可合同", "与{licensor}的许可合同，{term}"),
                     "en": ("licence contract with {licensor}",
                            "licence contract with {licensor}, {term}")}


def _laws(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """A row per law or regulation the package cites (templates/laws.yaml, each under the
    condition the manual's references use): its title, issuing authority and the duty it puts
    on the company, in the package's language, and the issuing number or edition and the
    promulgation and effective dates of the text in force (laws.yaml `issued`; '' unknown)."""
    lang = plan.language if plan.language in ("zh", "en") else "en"
    rows = []
    for law in templates.laws():
        if templates.condition(law.get("when"), plan.context):
            said, issued = law[lang], law.get("issued") or {}
            rows.append({"name": said["title"], "authority": said["authority"],
                         "duty": said["duty"], "number": issued.get(lang, ""),
                         "promulgated": issued.get("promulgated", ""),
                         "effective": issued.get("effective", "")})
    return rows


# how the obligations register names a law (its title as cited) and the source of each row
LAW_CITED = {"zh": "《{title}》", "en": "{title}"}
SOURCES = {"zh": ("法律法规", "合同"), "en": ("law", "contract")}


def _obligations(plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """The compliance obligations the package knows: one per law it cites (_laws: the duty, the
    law as its reference, source law), then one per licence the company takes (_licences_in:
    source contract)."""
    lang = plan.language if plan.language in ("zh", "en") else "en"
    law, contract = SOURCES[lang]
    rows = [{"name": row["duty"], "source": law,
             "reference": LAW_CITED[lang].format(title=row["name"])}
            for row in _laws(plan, templates)]
    return rows + [{**row, "source": contract} for row in _licences_in(plan, templates)]


REGISTERS: dict[str, tuple[Callable[[PackagePlan, TemplateSet], list[Row]], tuple[str, ...]]] = {
    "documents": (_documents, ("number", "title", "version", "category", "department",
                               "issue_date", "keeper")),
    "records": (_records, ("number", "title", "procedure", "keeper", "retention")),
    "objectives": (_objectives, ("objective", "owners")),
    "trade_secrets": (_trade_secrets, ("name",)),
    "clauses": (_clauses, ("clause", "title", "check")),
    "open_source": (_open_source, ("component",)),
    "ip_ledger": (_ip_ledger, ("type", "name", "holder", "term", "co_owners", "pledge")),
    "licences_in": (_licences_in, ("name", "holder", "term", "reference", "products",
                                   "territory", "grants", "registration")),
    "models": (_models, ("name", "type", "source", "licence", "terms")),
    "laws": (_laws, ("name", "authority", "duty", "number", "promulgated", "effective")),
    "obligations": (_obligations, ("name", "holder", "term", "reference", "source")),
}


SECRET_ROWS_PER_DEPARTMENT = 2  # the trade secret list: see intake_count


def intake_count(plan: PackagePlan, name: str) -> int:
    """How many rows a ledger needs for what the intake counts (forms.yaml `rows_from`):
    rd_staff — the R&D staff (the people given repository access), else all staff; staff (a
    training sign-in sheet: the plan trains every employee in IP awareness); ip_items — the ledger's rows for the rights held (one per right of a kind
    held at most PER_RIGHT_ROWS times, one for a kind with its exported list attached), domain
    names, licences taken and kinds of works; department_secrets — the trade secret list's rows,
    SECRET_ROWS_PER_DEPARTMENT for each department, since each identifies its own trade secrets
    every year (P-06), technical and business information alike (the two kinds R-14 lists), so a
    company of twelve departments gets room for two dozen, not the three a page left over.
    IpmsError for another name."""
    company, ip = plan.intake.company, plan.intake.ip
    counts = {
        "rd_staff": company.rd_staff or company.staff,
        "staff": company.staff,
        "department_secrets": SECRET_ROWS_PER_DEPARTMENT * len(plan.intake.org.departments),
        "ip_items": (sum(n if n <= PER_RIGHT_ROWS else 1 for _, n in held_counts(plan))
                     + len(ip.domain_names or []) + len(ip.licences_in or [])
                     + len(ip.works or []) + len(rights_rows(plan))),
    }
    if name not in counts:
        raise IpmsError(f"forms.yaml: rows_from '{name}' is not one of {', '.join(counts)}")
    return counts[name]


def _known(name: str) -> None:
    if name not in REGISTERS:
        raise IpmsError(f"forms.yaml names an unknown register '{name}'; the registers are "
                        f"{', '.join(REGISTERS)}")


def register_rows(name: str, plan: PackagePlan, templates: TemplateSet) -> list[Row]:
    """The pre-filled rows of register `name` (REGISTERS), each {key: text}; every row also has
    `seq` ('1', '2', ...; '' in a row of numbers not used, generators.unused_rows). IpmsError
    naming the registers there are for an unknown name."""
    _known(name)
    rows = REGISTERS[name][0](plan, templates)
    listed = iter(range(1, len(rows) + 1))  # a row of numbers not used lists no document
    return [{"seq": "" if row.get("unused") else str(next(listed)), **row} for row in rows]


def check_columns(name: str, keys: list[str]) -> None:
    """IpmsError when `name` is no register or a column takes a value (`from:`) it does not
    have."""
    _known(name)
    known = ("seq",) + REGISTERS[name][1]
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise IpmsError(f"forms.yaml: register '{name}' has no value '{unknown[0]}'; it has "
                        f"{', '.join(known)}")
