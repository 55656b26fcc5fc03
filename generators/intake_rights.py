"""Rights the company shares or has put up as security: co-owned rights and pledges (质押).

Both are OPTIONAL facts of the intake's `ip` section (an intake without them reads as before):
`ip.co_owned` — a right held with a university or a partner; `ip.pledges` — rights pledged to
a lender. `ipms intake check` warns (rights_problems) where a fact the documents turn on is not
given yet, and asks for them (intake_report.WANTED_FLAGS) where the company works with partners
or plans pledge financing.

Sources (DOMAIN.md: facts, not invented):
- 专利法 (2020) 第十四条: co-owners of a patent follow their agreement; without one, each may
  exploit the patent alone or grant ordinary (non-exclusive) licences, sharing the royalties
  among the co-owners; any other exercise (transfer, exclusive licence, pledge) needs the
  consent of all co-owners. Marks and copyrights have rules of their own (商标法 第五条,
  著作权法 第十四条): generators/right_kinds.py, which the warnings quote by kind.
- 民法典 第四百四十四条: a pledge of the property rights in a registered mark, a patent or a
  copyright is created on registration of the pledge; once pledged, the pledgor may not
  transfer or license the right unless the pledgee agrees.
- CNIPA (国家知识产权局) registers patent pledges (专利权质押登记办法) and trademark pledges
  (注册商标专用权质押登记程序规定); the National Copyright Administration copyright pledges
  (著作权质权登记办法).
"""
from __future__ import annotations

from pydantic import Field

from generators.intake_facts import RightKind, _Facts
from generators.intake_report import Problem, _line
from generators.right_kinds import co_owned_rule, law_short


class CoOwned(_Facts):
    """A right the company holds together with others (a patent filed with a university)."""
    right: str = Field(min_length=1, description="The right or rights (专利号和名称, or '与清华"
                       "大学共有的发明专利3件').")
    kind: RightKind = Field("patent", description="patent / trademark / copyright (专利/商标/著作权).")
    co_owners: list[str] = Field(min_length=1, description="The other co-owners.")
    agreement: bool | None = Field(
        None, description="Does a written agreement set how each co-owner may exploit, license, "
        "transfer or pledge the right? False: none, and the law's rule for its kind applies (专利法 "
        "第十四条, 商标法 第五条, 著作权法 第十四条); "
        "None: not asked yet.")
    terms: str = Field("", description="What the agreement provides, in short ('各方可自行实施，"
                       "对外许可须双方书面同意'); '' not given.")


class Pledge(_Facts):
    """Rights the company has pledged to a lender (知识产权质押融资)."""
    rights: str = Field(min_length=1, description="The rights pledged (专利号, or '发明专利5件').")
    kind: RightKind = Field("patent", description="patent / trademark / copyright (专利/商标/著作权).")
    pledgee: str = Field(min_length=1, description="The pledgee (a bank …).")
    amount: str = Field("", description="The secured amount, as the contract says (3000万元).")
    term: str = Field("", description="The pledge's term, as the contract says.")
    registered: bool | None = Field(
        None, description="Is the pledge registered (CNIPA for patents and marks, the National "
        "Copyright Administration for copyrights)? The pledge is "
        "created only on registration (民法典 第四百四十四条). None: not asked yet.")
    registration_no: str = Field("", description="The registration number; '' not given.")


def _fields(item: CoOwned | Pledge, lang: str) -> dict[str, object]:
    """The item's fields, and for a co-owned right the law and rule that apply to its kind
    without an agreement (generators/right_kinds.py), as the warnings quote them."""
    fields = item.model_dump()
    if isinstance(item, CoOwned):
        fields.update(law=law_short(item.kind, lang), rule=co_owned_rule(item.kind, lang))
    return fields


# the warnings, per list and fact: (list, fact, whether an item lacks it, zh, en); the messages
# take the item's fields
WARNINGS = (
    ("co_owned", "agreement", lambda item: item.agreement is None,
     "共有权利（{right}）尚未说明是否有共有协议约定各方实施、许可、转让和质押——没有约定时按{law}，{rule}",
     "the co-owned right ({right}) does not say whether an agreement sets how each co-owner may "
     "exploit, license, transfer or pledge it — without one, {law} applies: {rule}"),
    ("pledges", "registered", lambda item: not item.registered,
     "质押（{rights}，质权人{pledgee}）尚未写明已登记——质权自办理出质登记时设立（民法典第四百四十四条），"
     "请确认登记情况",
     "the pledge ({rights}, to {pledgee}) is not stated as registered — a pledge of a patent, mark "
     "or copyright is created on registration (Civil Code art. 444); confirm the registration"),
)


def rights_problems(intake, root, lang: str) -> list[Problem]:
    """Warnings for co-owned rights whose agreement is not stated and for pledges not stated
    as registered (module docstring: the package words its consent checks from them), with
    1-based positions and the item's YAML line."""
    out = []
    for name, fact, lacks, zh, en in WARNINGS:
        for i, item in enumerate(getattr(intake.ip, name) or []):
            if lacks(item):
                out.append(Problem(f"ip.{name}[{i + 1}].{fact}", _line(root, ("ip", name, i)),
                                   (zh if lang == "zh" else en).format(**_fields(item, lang))))
    return out
