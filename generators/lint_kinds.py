"""Package lint checks that the texts follow the kind of company (`kind` findings): for an
R&D-services or testing company (company.business_model rd-services, testing) that is not also a
software house — both work on what their clients provide (project material; samples and test
data) — the first two; for any company that is not a software house (a manufacturer, a design
institute of business model `other` …) the second:

- material that is its clients' (客户…资料/数据, client … data) written as the company's own
  trade secret, in the same sentence as 作为商业秘密 / 商业秘密重点保护 / "protected as trade
  secrets": it is the client's confidential information, kept under the contract;
- words of software releases and operations (版本发布, 运维, 生产环境, "before each release",
  "production environment"), which describe a software house, not development done for clients.
  Release words are a company's own when it ships software with open-source components in it
  (ip.open_source.used: a rail-vehicle maker's on-board software is reviewed "before each
  release"); operations words stay a software house's.

The finding names the company's kind as its business model says (制造企业, an R&D-services
company …), not a fixed pair of kinds.

Without an intake (the documents compared with each other only) nothing is checked.
"""
from __future__ import annotations

import re

from generators.company_kind import ABOUT_CUSTOMERS, derived_facts

_CLIENT = {"zh": re.compile(r"客户[^，。；、]{0,12}?(?:资料|数据|信息)"),
           "en": re.compile(r"client[^,.;]{0,30}?(?:material|data|information)", re.IGNORECASE)}
# 公司 or the word a company calls itself by (本院, 本所 …: templates/self_name.yaml)
_OWN_SECRET = {"zh": re.compile(r"作为商业秘密|商业秘密重点保护|(?:公司|本院|本所|本中心|本校)的商业秘密(?!。)"),
               "en": re.compile(r"(?:protected as|particular protection as) trade secrets",
                                re.IGNORECASE)}
_NOT_OURS = {"zh": re.compile(r"不作为|客户的保密信息|属于客户"),
             "en": re.compile(r"not as the company|clients' confidential", re.IGNORECASE)}
_SOFTWARE = {"zh": re.compile(r"版本发布|运维|生产环境"),
             "en": re.compile(r"before each release|production environment|outsourced operations",
                              re.IGNORECASE)}
_RELEASE = {"zh": re.compile(r"版本发布"), "en": re.compile(r"before each release", re.IGNORECASE)}
# how a finding names the company's kind, by the derived kind.* (first ones first)
_KIND_NAMES = {"zh": [("manufacturing", "制造"), ("life_sciences", "生命科学"),
                      ("rd_services", "研发服务"), ("testing", "检验检测"), ("trading", "贸易")],
               "en": [("manufacturing", "manufacturing"), ("life_sciences", "life-sciences"),
                      ("rd_services", "R&D-services"), ("testing", "testing"),
                      ("trading", "trading")]}


def kind_name(kind: dict[str, bool], lang: str) -> str:
    """'制造企业' / 'a manufacturing company', '研发服务、检验检测企业' / 'an R&D-services and
    testing company': the company's kinds as a finding names them; a company of none of them
    (business model `other`) is '非软件企业' / 'a company that is not a software house'."""
    names = [name for key, name in _KIND_NAMES[lang] if kind.get(key)]
    if lang == "zh":
        return "、".join(names) + "企业" if names else "非软件企业"
    if not names:
        return "a company that is not a software house"
    text = " and ".join(names) + " company"
    return ("an " if text[0] in "aeiouAEIOU" or text.startswith("R&D") else "a ") + text
_SENTENCES = {"zh": r"[；。]", "en": r"(?<=[.;])\s"}


def check_rd_services(package) -> None:
    """Report (`kind`) the texts of an R&D-services or testing package that treat clients'
    material as the company's trade secret, and those of any package but a software house's
    that describe software releases and operations."""
    intake, lang = package.intake, package.language
    if intake is None:
        return
    kind = derived_facts(intake, lang)["kind"]
    if kind["software"]:
        return
    clients = kind["rd_services"] or kind["testing"]
    ships_software = derived_facts(intake, lang)["held"]["open_source"]
    named = kind_name(kind, lang)
    for document in package.documents:
        if document.kind not in ("manual", "procedure", "form"):
            continue
        seen: set[str] = set()
        for where, text in document.texts():
            for sentence in re.split(_SENTENCES[lang], text):
                client = _CLIENT[lang].search(sentence)
                if (clients and client and _OWN_SECRET[lang].search(sentence)
                        and not ABOUT_CUSTOMERS.search(client.group())  # 客户及报价信息: its own
                        and not _NOT_OURS[lang].search(sentence) and client.group() not in seen):
                    seen.add(client.group())
                    package.say("kind", document, where, "client_secret", match=client.group(),
                                company=named)
                software = _software_words(sentence, lang, ships_software)
                if software and software not in seen:
                    seen.add(software)
                    package.say("kind", document, where, "software_words", match=software,
                                company=named)


def _software_words(sentence: str, lang: str, ships_software: bool) -> str:
    """The first words of a software house's releases and operations in `sentence`; release
    words not for a company shipping software of its own; '' when there are none."""
    for match in _SOFTWARE[lang].finditer(sentence):
        if not (ships_software and _RELEASE[lang].fullmatch(match.group())):
            return match.group()
    return ""
