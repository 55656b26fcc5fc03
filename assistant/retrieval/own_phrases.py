"""How a question speaks of the company's own rules or as the company itself — read by the scope
check (retriever.py) and by the answers about the company's own documents (answer/own_rules.py).

- OUR_RULES: the company's rules named without their title: 本制度 (as rules speak of
  themselves), 我们公司的规定, 我司制度, a question opening with 制度 / 该制度 as its subject
  (制度什么时候开始施行), our policy, the company's rules.
- AS_COMPANY: the company speaking of itself (我们, 我司, 本公司, our, we): "发现别人仿冒我们商标
  怎么办" asks what this company does, which its own rules may say.
"""
from __future__ import annotations

import re

from assistant.textutil import fold

OUR_RULES = re.compile(
    r"本(?:制度|办法|规定|政策|规章)"
    r"|(?:我们|我司|本公司|咱们|咱)(?:公司|单位)?的?(?:现行|内部)?(?:的)?(?:知识产权)?(?:管理)?"
    r"(?:制度|规定|办法|规章|政策)"
    r"|^(?:这个|这项|这份|该|此|现行的?)?(?:制度|办法)(?=[是从自由对里中在有适怎如何哪什几多]|规定)"
    r"|(?i:\b(?:our|this|the\s+company'?s|company|internal)\s+(?:ip\s+|intellectual\s+property\s+)?"
    r"(?:polic(?:y|ies)|rules|procedures?)\b)")
# The phrase with what introduces it (按照我们公司的规定, according to our policy): words that
# say where to look, not what is asked.
_OUR_RULES_PHRASE = re.compile(
    r"(?:按照|根据|依照|依据|按|照)?(?:" + OUR_RULES.pattern + r")(?:里|中|上|来说|的规定)?"
    r"|(?i:\b(?:under|according\s+to|per|in|does|do)\s+(?=(?:our|this|the\s+company)))")
AS_COMPANY = re.compile(r"我们|咱们|我司|本公司|我公司|(?i:\b(?:our|we|us)\b)")


def without_our_rules(question: str) -> str:
    """The question without the words that name the company's rules ('按照我们公司的规定，实习
    生要遵守吗' -> '，实习生要遵守吗'): what it asks of them, for the scope check."""
    return _OUR_RULES_PHRASE.sub(" ", fold(question)).strip()


def speaks_as_company(question: str) -> bool:
    """Whether the question speaks as the company (我们, 我司, 本公司, our, we)."""
    return bool(AS_COMPANY.search(fold(question)))
