"""Package lint checks on departments beyond generators.lint's own (`department` findings):

- two departments whose duties in the manual (知识产权管理机构与职责) are word for word the same
  (临床与注册部 given 药物研究院's R&D duties because both hold the R&D function);
- a department organising or consulting a list of departments that names itself ('综合部每年年初
  组织技术部和综合部等部门', '综合部…征求技术部和综合部等相关部门意见'; "the General Office, together
  with the Technology Department, the General Office and the other departments, analyses …"): a
  text listing the departments of functions one department holds, its lead among them.

Both checks read Chinese and English packages alike.
"""
from __future__ import annotations

import re

from generators.package_reader import Paragraph

_SECTION = ("知识产权管理机构与职责", "IP management body")
# the lead does this to the departments listed after it
_LEADS = {"zh": ("组织", "征求", "会同"),
          "en": (", together with", " together with", "organises", "organizes", "consults",
                 "works with", "asks")}
# between the lead and its verb: a few words, no clause break
_BEFORE_VERB = {"zh": "[^，。；：]{0,10}?", "en": "[^,.;:]{0,30}?"}
# between two departments of a list (English names may follow 'the')
_LIST_JOIN = {"zh": "[、和与及]", "en": r"(?:,\s+(?:and\s+)?|\s+and\s+)(?:the\s+)?"}
_LIST_START = {"zh": "", "en": r"\s*(?:the\s+)?"}


def _names(package) -> list[str]:
    names = set()
    if package.intake is not None:
        names |= {d.name for d in package.intake.org.departments}
    if package.manual is not None:
        org = package.table_after(package.manual, ("附录A", "Annex A"))
        company = package.manual.header.split("  ")[0].strip()
        names |= {r[0] for r in (org.rows[1:] if org else []) if r and r[0] and r[0] != company}
    return sorted(names, key=len, reverse=True)


def check_copied_duties(package) -> None:
    """Report (`department`) each department whose duties repeat another's word for word."""
    manual = package.manual
    if manual is None:
        return
    names = set(_names(package))
    colon = "：" if package.language == "zh" else ": "
    first: dict[str, str] = {}
    where = _SECTION[0] if package.language == "zh" else _SECTION[1]
    for block in package.section(manual, _SECTION):
        if not (isinstance(block, Paragraph) and colon in block.text):
            continue
        name, duties = (part.strip() for part in block.text.split(colon, 1))
        if name not in names or not duties:
            continue
        if duties in first and first[duties] != name:
            package.say("department", manual, where, "department_copied", department=name,
                        other=first[duties])
        first.setdefault(duties, name)


def check_lead_in_list(package) -> None:
    """Report (`department`) a text where a department organises, consults or works with a list
    of departments that includes itself (组织/征求/会同; organises, consults, together with …)."""
    language = "zh" if package.language == "zh" else "en"
    names = _names(package)
    if not names:
        return
    one = "|".join(map(re.escape, names))
    verbs = "|".join(map(re.escape, _LEADS[language]))
    pattern = re.compile(rf"(?P<lead>{one}){_BEFORE_VERB[language]}(?:{verbs})"
                         rf"{_LIST_START[language]}"
                         rf"(?P<list>(?:{one})(?:{_LIST_JOIN[language]}(?:{one}))+)")
    for document in package.documents:
        seen: set[str] = set()
        for where, text in document.texts():
            for match in pattern.finditer(text):
                listed = re.findall(one, match["list"])
                if match["lead"] in listed and match.group() not in seen:
                    seen.add(match.group())
                    package.say("department", document, where, "department_lists_itself",
                                department=match["lead"], match=match.group())
