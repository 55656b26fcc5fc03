"""The package lint: reads a drafted package back from its Word files and reports contradictions
a consultant would find at a stage-1 document review, as data (Finding).

It never trusts the generator: everything is read from the .docx files (generators.
package_reader), and the intake, when given, is the source of truth for who approves what
(generators.authority) and who holds which role. The checks (`kind` of each finding):

- `approval`: a control block (编制/审核/批准 names) that differs from the approval authority for
  its document type (the intake's rule; without an intake, from most documents of that type); a
  sentence saying who reviews or approves a type of document ("程序文件由A审核、B批准", "the manual
  is reviewed by A and approved by B") naming someone else. The type is the nearest document-type
  word before 审核/批准; who is the text from the last 由/经/comma to the verb, resolved to a person
  by name, or by role (最高管理者, 管理者代表, "<department>负责人") with the intake.
- `exclusion`: an excluded clause (traceability status) that still has a leading or assisting
  department in the manual's function matrix or lists documents; an excluded procedure that is in
  the package; an exclusion whose title names a topic (lint.yaml `topics`) that an objective of
  the manual names or that the company profile says the company holds.
- `reference`: a document number of the package's scheme, or a 《title》 ending like a document
  of the package (程序, 清单, 台账, …), that no document of the package carries.
- `department`: a department of the manual's Annex A with no duties in the responsibilities
  section, with its duties listed more than once, or with no clause in the function matrix; a
  department joined to itself in any text (X会同X, X和X, X与X, "X and X", "X, together with X":
  lint.yaml `joined_to_itself`), which a template writes when one department holds both functions.
- `keeper`: a text saying which department keeps or files a record (交X归档, 由X保管, "filed by
  X", "kept by X") naming another department than the record list (记录清单, the register of
  every record form with its 保管部门 / holding department) gives for that record. The record is
  the one whose title the same clause names (in 《》 or, four characters or more, bare); in a
  record form without a title named, the form itself.
- `intake` (generators.lint_intake): a licence the intake says the company takes (ip.licences_in)
  that no record form lists.
- `chain` (generators.lint_chain): two texts naming different departments or roles right before
  审核/批准 in sentences about the same record form (who reviews or approves it).
- `signoff` (generators.lint_signoff): a form whose sign-off row has no slot for a review or
  approval the manual or a procedure requires of it (P-19's 管理者代表审核 of R-53).
- `kind` (generators.lint_kinds) names the company's kind by its business model.
- `retention`: a text stating how many years a record is kept that differs from the record
  list's 保管期限 for it, a record the list gives no period, or one it keeps for less than the
  rule a procedure (P-02 5.7) states for its kind of record (generators.lint_retention).
- `objective`: an IP objective on a subject (lint.yaml `objective_subjects`) that no procedure
  handles, or setting a time limit (30 日内, within 48 hours: lint.yaml `objective_deadline`) that
  no procedure's step states (generators.lint_objectives).
- `department` (generators.lint_people): two departments with word-for-word the same duties; a
  department organising or consulting a list of departments that names itself; a department
  informing, reporting or handing over to itself, or reviewing or approving what it did itself;
  one department the subject of two clauses in a row ('X负责A，X负责B': lint.yaml `named_twice`);
  a department in two rows of one table of duties (lint.yaml `duty_tables`).
- `kind` (generators.lint_kinds): an R&D-services company's clients' material written as its own
  trade secret, or software-release and operations words in its documents.
- `form-field`: a procedure or the manual naming, right after a form's 《title》 (its number and a
  comma may come between) and a verb such as 登记/写明/列明, a list of what the record holds
  (A、B和C), one item of which matches no field or column of that form (after 更新 one item is
  enough: 在《制度清单》中更新制度状态 needs a status column); further on in the sentence (when the
  list goes on: '，以及…'),
  what it asks to record as a choice (是否修改源代码, 静态或动态链接, 是…还是…) is an item too; the
  row the items go in may come between the form and the verb (在《…》中该组件一行注明A和B).
  Items match a field (a cell, or a choice ticked in it) when one contains the other or their
  character bigrams overlap by at least half (Dice); only such explicit lists are checked, so
  wording elsewhere cannot raise it.
  generators.lint_noted reads the other order, in both languages: what a text notes in a form
  before naming it ('去品牌化核查结果在R-75中注明', 'X is noted in R-75', a column named '“…”栏').
- `applicability` (generators.lint_applicability): a clause the manual calls not applicable that
  its statement of exclusions does not list, an excluded clause with requirements, the statement
  and the traceability matrix disagreeing.
- `document`, `voice` (generators.lint_manual): a document the manual names (《…》, "…") that is
  neither in the package, nor among its references, nor named by the intake; a sentence of the
  manual restating the standard with 应 / shall instead of saying what the company does.
- `english` (generators.lint_english): in an English package, a word that is none but the
  trace of a mechanical rewording ('continuallies improve'; lint.yaml `english_slips`).
- `section` (generators.lint_sections): a section a manual or procedure names in quotes
  (本手册“…”一节; the section "…" of this manual) that is the title of no heading of the manual
  or of the document itself.
- `unnamed-record` (generators.lint_evidence): a procedure step that records something (记录问题,
  记录在案) without naming the record form it is entered in; a recurring duty of a procedure step
  or the manual — a period (每年, 每季度, 定期, annually …) and an act an auditor audits (检查, 核查,
  检索, 报告, check, review …) — whose record neither it nor what follows it names (lint.yaml
  `recurring_record`).
- `wording` (generators.lint_wording): one sentence stating the same absence twice ('目前无…计划，
  目前没有此类活动'; lint.yaml `absence`).
- `bracket` (generators.lint_wording): a round bracket inside another one in any document.
- `handover` (generators.lint_wording): the manual or a procedure handing a step to another
  procedure or rule without naming it ('纳入相关程序执行'; lint.yaml `unnamed_handover`).
- `intake`, `form-field` (generators.lint_rights): a right the intake says is co-owned or pledged
  that no form lists or no procedure asks the co-owners' or pledgee's consent for; a column a
  text names in a form ('《知识产权台账》（R-42）的质押栏', "the pledge column of the IP ledger
  (…)") that the form lacks.
- `leftover`: internal ids (bj-ipm, 11.4.3.2#2, 10.2/…), unrendered Jinja, TODO/XXX markers,
  printed Python values.

`lint_package(folder, intake)` returns the findings; `findings_markdown` writes them as the
coverage report's section. Words and messages are in generators/lint.yaml.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from generators import (lint_applicability, lint_chain, lint_english, lint_evidence, lint_intake,
                        lint_kinds, lint_signoff, lint_manual, lint_noted, lint_numbers, lint_objectives,
                        lint_people,
                        lint_retention, lint_rights, lint_roles, lint_sections,
                        lint_wording)
from generators.authority import KINDS, approval
from generators.intake import Intake
from generators.package_reader import (PackageDocument, Paragraph, Table, package_files,
                                       read_package)

RULES_PATH = Path(__file__).with_name("lint.yaml")


@dataclass(frozen=True)
class Finding:
    """One contradiction: `kind` (approval, exclusion, reference, department, keeper, retention,
    kind, form-field, chain, signoff, intake, applicability, document, voice, section, leftover), `document`
    (its path in the package), `where` (the heading or table it is under) and `message` (in
    the package's language)."""

    kind: str
    document: str
    where: str
    message: str


@lru_cache(maxsize=1)
def rules() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present
    return yaml.load(RULES_PATH.read_text(encoding="utf-8"), Loader=loader)


class _Package:
    """The documents read back, the package's language and what the checks share."""

    def __init__(self, documents: list[PackageDocument], intake: Intake | None,
                 numbers: set[str] | frozenset[str] = frozenset()):
        self.documents = documents
        self.intake = intake
        self.numbers = set(numbers)  # the standard's clause numbers beyond what the package lists
        self.manual = next((d for d in documents if d.kind == "manual"), None)
        sample = self.manual.title if self.manual else (documents[0].title if documents else "")
        self.language = "zh" if re.search(r"[\u4e00-\u9fff]", sample) else "en"
        self.rules = rules()
        self.findings: list[Finding] = []

    def say(self, check: str, document: PackageDocument | str, where: str, message: str,
            **values) -> None:
        text = self.rules["messages"][self.language][message].format(**values)
        path = document if isinstance(document, str) else document.path
        self.findings.append(Finding(check, path, where, text))

    def kind_word(self, kind: str) -> str:
        return self.rules["messages"]["kinds"][self.language][kind]

    def section(self, document: PackageDocument, starts: tuple[str, ...]) -> list:
        """The blocks after the first paragraph starting with one of `starts`, up to the next
        Heading 1."""
        out, inside = [], False
        for block in document.blocks:
            if isinstance(block, Paragraph) and block.style.lower().startswith("heading1"):
                if inside:
                    break
                inside = block.text.startswith(starts)
                continue
            if inside:
                out.append(block)
        return out

    def record_list(self, column: str
                    ) -> tuple[PackageDocument, list[tuple[str, ...]], int, int] | None:
        """The record list (the form whose table has the record name column and `column`;
        lint.yaml `record_list` names them): (its document, its rows below the header, the
        name column's index, `column`'s index); None when the package has none. Its rows are the
        ones that list a record (Table.listed: no row of numbers left free)."""
        columns = self.rules["record_list"][self.language]
        for document in self.documents:
            if document.kind != "form":
                continue
            for table in document.tables():
                header = list(table.header)
                if columns["title"] in header and columns[column] in header:
                    return (document, table.listed(), header.index(columns["title"]),
                            header.index(columns[column]))
        return None

    def record_column(self, column: str) -> dict[str, str]:
        """{record title: cell} of one column of the record list, rows with both filled in."""
        found = self.record_list(column)
        if found is None:
            return {}
        _, rows, title, value = found
        return {r[title]: r[value] for r in rows
                if len(r) > max(title, value) and r[title] and r[value]}

    def table_after(self, document: PackageDocument, starts: tuple[str, ...]) -> Table | None:
        tables = [b for b in self.section(document, starts) if isinstance(b, Table)]
        return tables[0] if tables else None


# -- approval authority ----------------------------------------------------------------------------
_ROLE_COLUMNS = {"zh": ("审核", "批准"), "en": ("Reviewed by", "Approved by")}
_NAME_ROW = {"zh": "姓名", "en": "Name"}


def _control_block(document: PackageDocument, language: str) -> tuple[str, str] | None:
    """(reviewed by, approved by) from the document's control block, None when it has none."""
    reviewed, approved = _ROLE_COLUMNS[language]
    for table in document.tables():
        header = list(table.header)
        if reviewed in header and approved in header:
            row = _name_row(table, language)
            if row and row[header.index(reviewed)] and row[header.index(approved)]:
                return row[header.index(reviewed)], row[header.index(approved)]
    return None


def _name_row(table: Table, language: str) -> tuple[str, ...] | None:
    return next((r for r in table.rows[1:] if r and r[0] == _NAME_ROW[language]), None)


def _people(package: _Package, blocks: dict) -> tuple[set[str], dict[str, str]]:
    """Names known to be people (every name row of a control block; the intake's people), and
    role words -> the person holding the role (intake)."""
    names = {n for d in package.documents for t in d.tables()
             if (row := _name_row(t, package.language)) for n in row[1:] if n}
    roles: dict[str, str] = {}
    intake = package.intake
    if intake is not None:
        people = intake.people
        names |= {people.top_manager.name, people.ip_representative.name}
        names |= {p.name for p in people.ip_staff} | {d.head for d in intake.org.departments}
        for word in ("最高管理者", people.top_manager.title, "top management",
                     f"the {people.top_manager.title}"):
            roles[word] = people.top_manager.name
        for word in ("管理者代表", "知识产权管理者代表", "management representative",
                     "IP management representative"):
            roles[word] = people.ip_representative.name
        for d in intake.org.departments:
            roles[f"{d.name}负责人"] = d.head
            roles[f"head of {d.name}"] = d.head
    return names, roles


def _resolve(agent: str, names: set[str], roles: dict[str, str],
             departments: tuple[str, ...] = ()) -> str | None:
    """The person `agent` names, by name or by role; a role word inside a department's name is
    no role ('总经理' in '总经理办公室'), unless the text names that department's head."""
    for department in sorted(departments, key=len, reverse=True):
        agent = re.sub(rf"(?<!head of ){re.escape(department)}(?!负责人)", "□", agent)
    found = [n for n in names if n and n in agent]
    if found:
        return max(found, key=len)
    found = [r for r in roles if r and r.casefold() in agent.casefold()]
    return roles[max(found, key=len)] if found else None


_ZH_VERB = re.compile(r"审核|批准")
_EN_VERB = re.compile(r"\b(reviewed|approved) by ((?:the )?[^,.;()]+?)(?= and |[,.;()]|$)")


def _statements(text: str, package: _Package):
    """(document type, 'reviewed_by'/'approved_by', who) for each approval a sentence states."""
    kinds = package.rules["kinds"][package.language]
    skip = package.rules["not_agents"]
    text = re.sub(r"《[^》]*》", "□", text)  # a title is no document type: 《文件控制程序》
    text = re.sub(r"（[^）]*）|\([^)]*\)", "", text)  # nor an aside: 体系本身（文件和程序）
    for word in package.rules["not_kinds"][package.language]:  # nor 程序人员 (programmers)
        text = text.replace(word, "□" * len(word))
    for clause in re.split(r"[。；;]|\. ", text):
        if package.language == "zh":
            for match in _ZH_VERB.finditer(clause):
                before = clause[:match.start()]
                cut = max(before.rfind(c) for c in "由经，,、：")
                agent = before[cut + 1:].strip()
                if len(agent) < 2 or any(agent.startswith(s) or agent.endswith(s) for s in skip):
                    continue
                kind = _nearest_kind(clause[max(0, cut - 30):cut + 1] if cut >= 0 else "",
                                     kinds)
                if kind:
                    yield kind, "reviewed_by" if match.group() == "审核" else "approved_by", agent
        else:
            for match in _EN_VERB.finditer(clause):
                kind = _nearest_kind(clause[max(0, match.start() - 60):match.start()].casefold(),
                                     kinds)
                agent = match.group(2).strip()
                if kind and not any(agent.startswith(s) for s in skip):
                    yield kind, f"{match.group(1)}_by", agent


def _nearest_kind(text: str, kinds: dict[str, str]) -> str | None:
    """The document type named last in `text` (the longer word when two end there); English
    words only whole ('form' is not in 'information')."""
    best = (-1, 0, None)
    for word, kind in kinds.items():
        if word.isascii():
            found = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
            at = found[-1] if found else -1
        else:
            at = text.rfind(word)
        best = max(best, (at, len(word), kind), key=lambda b: (b[0], b[1]))
    return best[2] if best[0] >= 0 else None


def _check_approvals(package: _Package) -> None:
    language = package.language
    blocks = {d.path: b for d in package.documents if d.kind in KINDS
              and (b := _control_block(d, language))}
    expected: dict[str, tuple[str, str]] = {}
    for kind in KINDS:
        if package.intake is not None:
            a = approval(package.intake, kind)
            expected[kind] = (a.reviewed_by, a.approved_by)
        else:
            seen = Counter(b for d in package.documents if d.kind == kind
                           and (b := blocks.get(d.path)))
            if seen:
                expected[kind] = seen.most_common(1)[0][0]
    roles = package.rules["messages"]["roles"][language]
    for document in package.documents:
        block = blocks.get(document.path)
        if block is None or document.kind not in expected:
            continue
        for i, role in enumerate(("reviewed_by", "approved_by")):
            if block[i] != expected[document.kind][i]:
                message = "approval_rule" if package.intake is not None else "approval_block"
                package.say("approval", document, "control block", message,
                            kind=package.kind_word(document.kind), what=roles[role],
                            found=block[i], expected=expected[document.kind][i])
    names, role_words = _people(package, blocks)
    departments = tuple(d.name for d in package.intake.org.departments) if package.intake else ()
    verbs = ("审核", "批准") if language == "zh" else ("reviewed by", "approved by")
    for document in package.documents:
        for where, text in document.texts():
            if not any(v in text for v in verbs):
                continue
            for kind, role, agent in _statements(text, package):
                if kind not in expected:
                    continue
                who = _resolve(agent, names, role_words, departments)
                want = expected[kind][0 if role == "reviewed_by" else 1]
                if who is not None and who != want:
                    package.say("approval", document, where, "approval_text",
                                kind=package.kind_word(kind), agent=agent, what=roles[role],
                                expected=want)


# -- exclusions -----------------------------------------------------------------------------------
_EXCLUDED_STATUS = {"删减", "excluded"}


def _numbered(rows):
    """(row, how many earlier rows have its first cell) for rows with a first cell."""
    seen: Counter = Counter()
    for row in rows:
        if row:
            yield row, seen[row[0]]
            seen[row[0]] += 1


def _exclusions(package: _Package) -> list[tuple[str, str]]:
    """(title, reason) of every procedure the manual's scope section excludes."""
    if package.manual is None:
        return []
    pattern = (re.compile(r"^删减：(?P<title>.+?)（[^）]*）— (?P<reason>.*)$")
               if package.language == "zh" else
               re.compile(r"^Excluded: (?P<title>.+?) \([^)]*\) — (?P<reason>.*)$"))
    return [(m["title"], m["reason"]) for p in package.manual.paragraphs()
            if (m := pattern.match(p.text))]


def _check_exclusions(package: _Package) -> None:
    trace = next((d for d in package.documents if d.kind == "other" and d.tables()), None)
    excluded: set[tuple[str, int]] = set()  # (clause number, its n-th row: bj-ipm prints some twice)
    if trace is not None:
        table = trace.tables()[0]
        status_col = len(table.header) - 2  # ..., status, reason
        for row, n in _numbered(table.rows[1:]):
            if len(row) > status_col and row[status_col] in _EXCLUDED_STATUS:
                excluded.add((row[0], n))
                documents = ", ".join(c for c in row[3:5] if c)
                if documents:
                    package.say("exclusion", trace, row[0], "excluded_documents",
                                clause=row[0], documents=documents)
    matrix = (package.table_after(package.manual, ("附录B", "Annex B"))
              if package.manual else None)
    if matrix is not None:
        for row, n in _numbered(matrix.rows[1:]):
            if (row[0], n) in excluded and any(c.strip() for c in row[1:]):
                package.say("exclusion", package.manual, matrix.header[0] + " " + row[0],
                            "excluded_owner", clause=row[0])
    titles = {d.title: d for d in package.documents if d.kind == "procedure"}
    exclusions = _exclusions(package)
    for title, _ in exclusions:
        if title in titles:
            package.say("exclusion", titles[title], "", "excluded_in_package", title=title,
                        number=titles[title].number)
    _check_contradictions(package, exclusions)


def _objectives(package: _Package) -> list[str]:
    label = "知识产权目标：" if package.language == "zh" else "IP objectives: "
    for p in package.manual.paragraphs() if package.manual else []:
        if p.text.startswith(label):
            return [o.strip() for o in re.split(r"[；;]", p.text[len(label):].rstrip("。."))
                    if o.strip()]
    return []


def _check_contradictions(package: _Package, exclusions: list[tuple[str, str]]) -> None:
    if not exclusions or package.manual is None:
        return
    objectives = _objectives(package)
    profile = " ".join(b.text for b in package.section(package.manual, ("企业简介",
                                                                        "Company profile"))
                       if isinstance(b, Paragraph))
    for title, reason in exclusions:
        for topic in package.rules["topics"].values():
            if not any(w.casefold() in title.casefold() for w in topic["excluded"]):
                continue
            for objective in objectives:
                if any(w.casefold() in objective.casefold() for w in topic["objective"]):
                    package.say("exclusion", package.manual, "", "exclusion_objective",
                                title=title, reason=reason, objective=objective)
            evidence = next((w for w in topic["held"] if w.casefold() in profile.casefold()),
                            None)
            if evidence:
                sentence = next(s for s in re.split(r"(?<=[。.；;])", profile)
                                if evidence.casefold() in s.casefold())
                package.say("exclusion", package.manual, "", "exclusion_held", title=title,
                            reason=reason, evidence=sentence.strip())


# -- references -----------------------------------------------------------------------------------
def _check_references(package: _Package) -> None:
    numbered = [d for d in package.documents if d.kind in KINDS]
    numbers = {d.number for d in numbered}
    shapes = {re.sub(r"\d+", r"\\d+", re.escape(n)) for n in numbers if re.search(r"\d", n)}
    pattern = re.compile("|".join(sorted(shapes, key=len, reverse=True))) if shapes else None
    titles = {d.title for d in numbered}
    own = lint_intake.own_titles(package.intake) if package.intake is not None else set()
    endings = tuple(package.rules["document_title_endings"])
    for document in package.documents:
        seen: set[str] = set()
        for where, text in document.texts(unused_rows=False):  # numbers left free cite nothing
            if any(w in text for w in package.rules.get("drawn_up_words", [])):
                continue  # names a procedure to be drawn up when its clauses come to apply
            for number in (pattern.findall(text) if pattern else []):
                if number not in numbers and number not in seen:
                    seen.add(number)
                    package.say("reference", document, where, "missing_number", number=number)
            for title in re.findall(r"《([^》]{2,40})》", text):
                if (title.endswith(endings) and title not in titles and title not in seen
                        and title not in own):
                    seen.add(title)
                    package.say("reference", document, where, "missing_title", title=title)


# -- departments ----------------------------------------------------------------------------------
_DEPARTMENT_ENDING = re.compile(r"(部|中心|室|处|科|组|Department|Office|Centre|Center)$")


def _check_departments(package: _Package) -> None:
    manual = package.manual
    if manual is None:
        return
    org = package.table_after(manual, ("附录A", "Annex A"))
    company = manual.header.split("  ")[0].strip()  # the header: company, number, standard
    departments = [r[0] for r in org.rows[1:] if r and r[0] != company] if org else []
    duties = Counter()
    colon = "：" if package.language == "zh" else ": "
    section = package.section(manual, ("知识产权管理机构与职责", "IP management body"))
    for block in section:
        if isinstance(block, Paragraph) and colon in block.text:
            lead = block.text.split(colon, 1)[0].strip()
            # parallel departments named together once: '建筑设计所、市政设计所：…'
            for name in lint_people.named_together(lead, departments, package.language):
                if len(name) <= 30 or name in departments:  # English names run longer
                    duties[name] += 1
    where = "知识产权管理机构与职责" if package.language == "zh" else "IP management body"
    for name in departments:
        if duties[name] == 0:
            package.say("department", manual, where, "department_none", department=name)
        elif duties[name] > 1:
            package.say("department", manual, where, "department_twice", department=name,
                        count=duties[name])
    for name in duties:
        if name not in departments and _DEPARTMENT_ENDING.search(name) and departments:
            package.say("department", manual, where, "department_unknown", department=name)
    matrix = package.table_after(manual, ("附录B", "Annex B"))
    if matrix is not None:
        for i, name in enumerate(matrix.header[1:], start=1):
            if not any(len(r) > i and r[i].strip() for r in matrix.rows[1:]):
                package.say("department", manual, matrix.header[0], "department_matrix",
                            department=name)


def _check_self_joins(package: _Package) -> None:
    """A department joined to itself ('行政部会同行政部', 'Admin Office and Admin Office'): the
    texts name one department for two functions it holds and say it works with itself."""
    ordered = _departments(package)
    if not ordered:
        return
    words = package.rules["joined_to_itself"]  # both languages: names may be Chinese in English
    joiners = "|".join(re.escape(j) for j in sorted({*words["zh"], *words["en"]}, key=len,
                                                    reverse=True))
    pattern = re.compile(rf"(?P<name>{'|'.join(map(re.escape, ordered))})(?:{joiners})(?P=name)")
    for document in package.documents:
        seen: set[str] = set()
        for where, text in document.texts():
            for match in pattern.finditer(text):
                rest = text[match.end() - len(match["name"]):]
                if next(n for n in ordered if rest.startswith(n)) != match["name"]:
                    continue  # the second name is a longer department's: 财务部和财务部门
                if match.group() not in seen:
                    seen.add(match.group())
                    package.say("department", document, where, "department_itself",
                                department=match["name"], match=match.group())


# -- record keepers --------------------------------------------------------------------------------
def _record_keepers(package: _Package) -> dict[str, str]:
    """{record title: holding department} from the record list."""
    return package.record_column("keeper")


def _departments(package: _Package) -> list[str]:
    names: set[str] = set()
    if package.manual is not None:
        org = package.table_after(package.manual, ("附录A", "Annex A"))
        company = package.manual.header.split("  ")[0].strip()
        names |= {r[0] for r in (org.rows[1:] if org else []) if r and r[0] and r[0] != company}
    if package.intake is not None:
        names |= {d.name for d in package.intake.org.departments}
    return sorted(names, key=len, reverse=True)


def _name_pattern(department: str) -> str:
    """A department's name as a regular expression matched without regard to case, except an
    acronym (IT, HR, QA), which is matched as written and as a whole word: the pronoun 'it' in
    'it records them in the …' names no IT department."""
    if department.isascii() and department.isupper():
        return rf"(?-i:\b{re.escape(department)}\b)"
    return re.escape(department)


def _first_named(text: str, departments: list[str]) -> str:
    """The department named first in `text` (the longest name where two start together): the
    subject of '知识产权部会同研发部将…登记于《…》', who keeps what it registers."""
    at = {}
    for d in departments:
        found = re.search(_name_pattern(d), text, re.IGNORECASE)
        at[d] = found.start() if found else -1
    return min((d for d in departments if at[d] >= 0), key=lambda d: (at[d], -len(d)))


def _check_keepers(package: _Package) -> None:
    keepers = _record_keepers(package)
    departments = _departments(package)
    if not keepers or not departments:
        return
    words = package.rules["keeping"][package.language]
    names = "|".join(map(_name_pattern, departments))
    pattern = re.compile(words["pattern"].replace("DEPT", f"(?:{names})"), re.IGNORECASE)
    titles = sorted(keepers, key=len, reverse=True)
    for document in package.documents:
        if document.kind not in ("manual", "procedure", "form"):
            continue
        seen: set[tuple[str, str]] = set()
        for where, text in document.texts():
            for clause in re.split(words["clauses"], text):
                match = pattern.search(clause)
                if not match:
                    continue
                title = next((t for t in titles if f"《{t}》" in clause
                              or (len(t) >= 4 and t.casefold() in clause.casefold())),
                             document.title if document.kind == "form" else None)
                expected = keepers.get(title or "")
                found = _first_named(match.group(), departments)
                if expected and found != expected and (title, found) not in seen:
                    seen.add((title, found))
                    package.say("keeper", document, where, "keeper_differs", title=title,
                                found=found, expected=expected)


# -- form fields ----------------------------------------------------------------------------------
def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _covered(item: str, fields: list[str]) -> bool:
    grams = _bigrams(item)
    for f in fields:
        if item in f or (len(f) >= 2 and f in item):
            return True
        other = _bigrams(f)
        if grams and other and 2 * len(grams & other) / (len(grams) + len(other)) >= 0.5:
            return True
    return False


_WHETHER = re.compile(r"是否|还是|(?<!或)或(?!者|其他|其它)")
_GOES_ON = ("以及", "并记录", "并登记", "记录", "登记", "注明", "并注明")


def _field_items(text: str) -> list[str]:
    """'文件名称和编号、来源（发文机关）、取得时间，确保…' -> ['文件名称', '编号', '来源', '取得时间'];
    further on in the sentence, what it asks to record as a choice (是否修改源代码, 静态或动态链接,
    是内部使用还是对外分发) is an item too: the form needs a field for it."""
    text = re.sub(r"（[^）]*）|\([^)]*\)", "", text)
    parts = re.split(r"[，,：:]", text, maxsplit=1)
    text, rest = parts[0], parts[1] if len(parts) > 1 else ""
    rest = rest if rest.startswith(_GOES_ON) else ""  # the list goes on: '，以及使用方式：…'
    whether = [re.sub(r"^并?(?:记录|登记|注明)", "", p.strip())
               for p in re.split(r"[、，,：:]|以及", rest.split("，并")[0])
               if _WHETHER.search(p) and 2 < len(p.strip()) <= 16]
    items = []
    for part in re.split(r"、|以及|和|(?<!涉)及", text):
        part = re.sub(r"(等内容|等信息|等事项|等|的)$", "", part.strip())
        part = part.rsplit("的", 1)[-1]  # 每份文件的编号 -> 编号
        part = re.sub(r"^其(?=..)", "", part)  # 背景技术及其缺陷 -> 缺陷
        if part:
            items.append(part)
    return items + whether


def _check_form_fields(package: _Package) -> None:
    if package.language != "zh":
        return  # the English texts name fields in running prose; only the Chinese lists are read
    forms = {d.title: d for d in package.documents if d.kind == "form"}
    fields = {t: [w for table in d.tables() for row in table.rows for c in row if c
                  for w in (c, *re.split(r"\s*/\s*|\s{2,}", c.strip())) if w]
              for t, d in forms.items()}  # a cell and each choice ticked in it (静态链接 / 动态链接)
    verbs = "|".join(sorted(package.rules["field_list_verbs"], key=len, reverse=True))
    # '建立《知识产权台账》（R-42），登记名称、…': the list may follow the form's number after a comma;
    # '在《…登记表》（R-70）中该组件一行注明提供的时间和方式': or the row it is written in
    pattern = re.compile(r"《(?P<title>[^》]+)》(?:（[^）]*）)?[，,]?(?:中|上|里)?"
                         r"(?:(?:该|此|其|每个?)[^，。；《》]{1,8}?(?:一行|一栏|一列|行|栏)(?:中|内|里)?)?"
                         r"(?:按[^，。；]{1,12})?"
                         rf"(?P<verb>{verbs})(?P<items>[^。；]+)")
    for document in package.documents:
        if document.kind not in ("manual", "procedure"):
            continue
        for where, text in document.texts():
            for match in pattern.finditer(text):
                title = match["title"]
                items = _field_items(match["items"])
                if title not in fields or len(items) < (1 if match["verb"] == "更新" else 2):
                    continue
                for item in items:
                    if not _covered(item, fields[title]):
                        package.say("form-field", document, where, "field_missing", title=title,
                                    verb=match["verb"], field=item)


# -- leftovers ------------------------------------------------------------------------------------
def _check_leftovers(package: _Package) -> None:
    patterns = [(re.compile(r["pattern"]), r["what"][package.language])
                for r in package.rules["leftovers"]]
    anything = re.compile("|".join(f"(?:{p.pattern})" for p, _ in patterns))
    for document in package.documents:
        seen: set[str] = set()
        for where, text in [("header", document.header), *document.texts()]:
            if not anything.search(text):
                continue
            for pattern, what in patterns:
                for match in pattern.finditer(text):
                    if match.group() not in seen:
                        seen.add(match.group())
                        package.say("leftover", document, where, "leftover", what=what,
                                    match=match.group())


def _check_roles(package: _Package) -> None:
    """Who does what (generators.lint_roles): the matrix's ● owner named by the manual's text
    for its clause; a procedure's duties table keeping a record another department keeps."""
    departments = _departments(package)
    aliases = lint_roles.top_management_aliases(package)
    lint_roles.check_matrix_owners(package, departments, aliases)
    lint_roles.check_duty_keepers(package, _record_keepers(package), departments)
    lint_chain.check_record_chains(package, departments)  # who reviews or approves a record
    lint_signoff.check_signoff_slots(package, departments)  # a slot on the form for each
    lint_numbers.check_clause_numbers(package)  # a clause number the standard does not have
    lint_numbers.check_clause_titles(package)  # a clause named two ways in the package


CHECKS = (_check_approvals, _check_exclusions, _check_references, _check_departments,
          _check_self_joins, _check_keepers, _check_roles, _check_form_fields, lint_noted.check_noted_in_form,
          _check_leftovers,
          lint_retention.check_retention, lint_retention.check_shorter_than_rule,
          lint_people.check_copied_duties,
          lint_people.check_lead_in_list, lint_people.check_acts_on_itself,
          lint_people.check_named_twice, lint_people.check_duty_rows,
          lint_kinds.check_rd_services, lint_intake.check_licences_in,
          lint_applicability.check_applicability, lint_manual.check_documents_named,
          lint_manual.check_voice, lint_english.check_english,
          lint_evidence.check_unnamed_records, lint_evidence.check_unnamed_recurring,
          lint_sections.check_section_names, lint_wording.check_repeated_absence,
          lint_wording.check_nested_brackets, lint_wording.check_unnamed_handover,
          lint_objectives.check_objective_processes, lint_objectives.check_objective_deadlines,
          lint_rights.check_rights_handled, lint_rights.check_named_columns)


def lint_package(folder: Path, intake: Intake | None = None,
                 numbers: set[str] | frozenset[str] = frozenset()) -> list[Finding]:
    """Every finding in the package drafted to `folder` (its .docx files), in check order.
    `intake`: the questionnaire it was drafted from (the approval rule and the people's roles);
    without it the documents are compared with each other only. `numbers`: the clause numbers
    of the standard it was drafted to (generators.target TargetStandard.numbers: its terms and
    definitions too, which no table of the package lists); without them only the numbers the
    package itself lists are known (lint_numbers). OSError when a file cannot be read."""
    package = _Package(read_package(folder), intake, numbers)
    for check in CHECKS:
        check(package)
    return package.findings


def findings_markdown(findings: list[Finding], language: str) -> str:
    """The coverage report's section: a heading with the count, then one line per finding
    ('0 findings' / '0 项' when clean)."""
    zh = language == "zh"
    lines = [f"## {'文件包检查' if zh else 'Package lint'} ({len(findings)})"]
    if not findings:
        lines.append("0 项" if zh else "0 findings")
    for f in findings:
        where = f" · {f.where}" if f.where else ""
        lines.append(f"- [{f.kind}] {f.document}{where}: {f.message}")
    return "\n".join(lines) + "\n"


def _named_standard_numbers(folder: Path) -> set[str]:
    """The clause numbers (TargetStandard.numbers) of the standard the package's manual names
    in its header, as `lint_package` gets them when drafting; an empty set when it names none
    of those a package is drafted to or the corpus cannot be read (then only the numbers the
    package lists are known)."""
    from assistant.corpus.store import Corpus
    from assistant.errors import IpmsError
    from assistant.settings import load_settings
    from generators.target import BJ, STANDARDS, load_target
    from generators.templates_io import TEMPLATES_DIR

    try:
        manual = next((d for d in read_package(folder) if d.kind == "manual"), None)
        named = lint_numbers.designation(manual) if manual else ""
        if not named:
            return set()
        bj = Corpus.load(load_settings()).get(BJ)
        for standard in STANDARDS:
            target = load_target(standard, bj, TEMPLATES_DIR)
            if target.named_by(named):
                return target.numbers()
    except (IpmsError, OSError, KeyError):
        pass
    return set()


def main(argv: list[str] | None = None) -> int:
    """`python -m generators.lint PACKAGE [INTAKE]`: the findings and how long reading and
    checking took (the figure quoted in the README)."""
    import sys
    import time

    from generators.intake import load_intake

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m generators.lint PACKAGE_FOLDER [INTAKE.yaml]")
        return 2
    folder = Path(args[0])
    intake = load_intake(Path(args[1])) if len(args) > 1 else None
    numbers = _named_standard_numbers(folder)
    started, cpu = time.perf_counter(), time.process_time()
    findings = lint_package(folder, intake, numbers)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    for f in findings:
        print(f"[{f.kind}] {f.document} · {f.where}: {f.message}")
    files = len(package_files(folder))  # what lint_package read: not the kept copies
    count = f"{len(findings)} finding" + ("" if len(findings) == 1 else "s")
    print(f"{count} in {files} .docx files; read and checked in "
          f"{elapsed:.2f} s ({cpu:.2f} s CPU)")
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
