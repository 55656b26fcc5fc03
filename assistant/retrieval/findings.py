"""A story that tells what an audit found is about what was found.

"审核中发现，研发部一次培训都没去，这要怎么整改？" names the audit (审核) and the remedy (整改 ->
纠正措施), and BM25 then puts first the audit and corrective-action clauses (13.2, 13.5.2,
impl-guide "Internal audit"), which every such story shares, ahead of the clause the finding
breaks (7.3.2.7 培训). When the audit is only the occasion of one finding, the keyword query
reads the finding alone (`finding_alone`). The audit stays what is asked when the finding
recurs (the cause must be removed: 13.5.2.1), when the question asks for the corrective-action
steps (13.5.2.2), or when nothing but the audit is told.
"""
from __future__ import annotations

import re

from assistant.textutil import fold

# The audit as the occasion of a finding: "内审的时候发现", "审核中查出", "the audit found".
_FOUND = re.compile(
    r"(?:内部审核|内审|审核|审计|监督检查)(?:的时候|时候|时|中|过程中|会上)?[，,]?"
    r"(?:发现|查出来?|查到|开出来?)了?[，,：:]?"
    r"|(?i:\b(?:the |an? |our )?(?:internal |external |certification )?(?:audit|review)"
    r"(?:ors?)? (?:found|flagged|turned up|showed)(?: that)?\b)")
# The remedy asked in general, which the standard names 纠正措施: not the finding's words.
_REMEDY = re.compile(r"整改|(?i:\b(?:fix|remedy|correct)\b)")
# The finding recurs, or the corrective-action process itself is asked: the audit clauses answer.
_AUDIT_ASKED = re.compile(
    r"又|再次|再犯|不合格|不合规|连续|连着|老是|总是|反复|重复|每次|同一|同样|第[二三四五两]次|不符合|纠正|流程|步骤|"
    r"哪几步|从哪|下手|入手|程序|原因|(?i:\b(?:again|repeat\w*|recurr\w*|twice|in a row|"
    r"nonconformit\w*|corrective|steps?|workflow|procedure|root cause)\b)")
# Characters a finding must keep, beyond the occasion and the remedy, to be a story of its own.
_MIN_FINDING = 8


def finding_alone(question: str) -> str | None:
    """The question without its audit occasion and its general remedy word when it tells one
    finding of an audit, else None (shapes: "审核中发现，X。这要怎么整改？" -> "X。这要怎么？").
    Sources: bj-ipm 13.2 内部审核 and 13.5.2 纠正措施 are the occasion's clauses."""
    text = fold(question)
    found = _FOUND.search(text)
    if not found or _AUDIT_ASKED.search(text):
        return None
    rest = _REMEDY.sub("", text[:found.start()] + "，" + text[found.end():])
    if len(re.sub(r"[\W_]", "", rest)) < _MIN_FINDING:
        return None
    return rest
