"""The IP ledger's rows for rights held with co-owners or pledged (ip.co_owned, ip.pledges).

R-42 gets its co-owner and pledge columns only for a company the intake gives such rights
(forms.yaml: the columns' labels render empty otherwise and are left out); these rows fill them:
one per co-owned right (its co-owners and what their agreement provides, or that the law's rule
applies without an agreement, by kind: generators/right_kinds.py), then
one per pledge (pledgee, amount, term, registration — 民法典 第四百四十四条: created on
registration). A pledge of a right the intake also names as co-owned fills that row's pledge
cell instead of a row of its own.
"""
from __future__ import annotations

from generators.plan import PackagePlan
from generators.right_kinds import law_short

Row = dict[str, str]

# the kind of right, as the ledger's type column names it, co-owned and pledged
KINDS = {"zh": {"patent": "专利", "trademark": "注册商标", "copyright": "著作权"},
         "en": {"patent": "patent", "trademark": "registered trademark", "copyright": "copyright"}}
TYPES = {"zh": ("共有{kind}", "已出质{kind}"), "en": ("Co-owned {kind}", "Pledged {kind}")}
# the co-owners' cell: the co-owners, then the agreement (its terms), none, or not yet known
AGREEMENT = {"zh": {"sep": "；", "terms": "共有协议：{terms}", True: "有共有协议",
                    False: "无共有协议", "law": "无共有协议（按{law}）",
                    None: "共有协议情况待确认"},
             "en": {"sep": "; ", "terms": "agreement: {terms}", True: "agreement in place",
                    False: "no agreement", "law": "no agreement ({law} applies)",
                    None: "agreement to be confirmed"}}
# the pledge's cell: pledgee, amount, term, registration
REGISTRATION = {"zh": {True: "已登记", "number": "已登记（{number}）", False: "未登记",
                       None: "登记情况待确认"},
                "en": {True: "registered", "number": "registered ({number})",
                       False: "not registered", None: "registration to be confirmed"}}


def _words(table: dict, language: str) -> dict:
    return table.get(language, table["en"])


def co_owner_cell(item, language: str) -> str:
    """'西南交通大学；共有协议：双方均可自行实施…' for a co-owned right (intake_rights.CoOwned)."""
    said = _words(AGREEMENT, language)
    owners = ("、" if language == "zh" else ", ").join(item.co_owners)
    if item.agreement and item.terms:
        agreement = said["terms"].format(terms=item.terms)
    elif item.agreement is False:
        agreement = said["law"].format(law=law_short(item.kind, language))
    else:
        agreement = said[item.agreement]
    return owners + said["sep"] + agreement


def pledge_cell(item, language: str) -> str:
    """'北京银行中关村分行；3000万元；2025-07-01至2028-06-30；已登记' (intake_rights.Pledge)."""
    said = _words(REGISTRATION, language)
    registered = (said["number"].format(number=item.registration_no)
                  if item.registered and item.registration_no else said[item.registered])
    parts = [item.pledgee, item.amount, item.term, registered]
    return _words(AGREEMENT, language)["sep"].join(p for p in parts if p)


def rights_rows(plan: PackagePlan) -> list[Row]:
    """The ledger's rows for co-owned and pledged rights (module docstring), each with type,
    name, holder and the co_owners or pledge cell."""
    ip, lang = plan.intake.ip, plan.language
    kinds, (shared, pledged) = _words(KINDS, lang), _words(TYPES, lang)
    company = plan.intake.company.name
    pledges = list(ip.pledges or [])
    rows = []
    for item in ip.co_owned or []:
        row = {"type": _capital(shared.format(kind=kinds[item.kind]), lang), "name": item.right,
               "holder": ("、" if lang == "zh" else ", ").join([company, *item.co_owners]),
               "co_owners": co_owner_cell(item, lang)}
        same = next((p for p in pledges if p.rights == item.right), None)
        if same is not None:
            pledges.remove(same)
            row["pledge"] = pledge_cell(same, lang)
        rows.append(row)
    return rows + [{"type": _capital(pledged.format(kind=kinds[p.kind]), lang), "name": p.rights,
                    "holder": company, "pledge": pledge_cell(p, lang)} for p in pledges]


def _capital(text: str, language: str) -> str:
    return text if language == "zh" else text[:1].upper() + text[1:]
