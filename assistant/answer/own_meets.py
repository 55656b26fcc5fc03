"""Does our rule meet the standard? ("管理评审由谁主持，多久一次？这符合标准吗？", "新员工多久要
培训？标准怎么要求的？", "Does our policy on management review meet the standard?")

The gap check of 贯标: the company's own article on what is asked, and the standard's clause that
requires it, side by side and each cited — the reader judges the fit; no verdict is given. The
question without its "does it meet the standard" words is searched in each of the company's own
documents (the best article) and in the corpus's primary standard (its best clauses).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer.own_rules import own_documents
from assistant.models import Answer
from assistant.retrieval.own_phrases import ASKS_MEETS, without_meets
from assistant.textutil import fold

if TYPE_CHECKING:
    from assistant.answer.extractive import ExtractiveAnswerer

MAX_REQUIREMENTS = 2  # the standard's clauses quoted beside the company's article


def own_meets_answer(answerer: "ExtractiveAnswerer", question: str, language: str
                     ) -> Answer | None:
    """The company's article on what the question asks, then the standard's requirement, each
    cited; None when the question does not ask whether a rule meets the standard, the company
    has no documents of its own, or neither side is found."""
    if not ASKS_MEETS.search(fold(question)):
        return None
    own = own_documents(answerer.settings, answerer.corpus, answerer.names.family)
    asked = without_meets(question)
    if not own or len(asked) < 4:
        return None
    rule = _best_article(answerer, asked, own)
    standard = answerer.corpus.primary
    found = answerer.retriever.search(asked, standard.id)
    if rule is None or found.abstained or not found.hits:
        return None
    requirements = [(standard, standard.clauses[h.key]) for h in found.hits[:MAX_REQUIREMENTS]]
    t = answerer.templates(language)
    document, article = rule
    quoted = [(document, article), *requirements]
    citations, keys = answerer._cite(quoted)
    blocks = [t("own_meets_rule", doc_title=document.meta.title(language)),
              answerer._clause_block(document, article, t, quote=citations[0].quote),
              t("own_meets_standard", doc_title=standard.meta.title(language))]
    blocks += [answerer._clause_block(d, c, t, quote=q.quote)
               for (d, c), q in zip(requirements, citations[1:])]
    blocks.append(t("own_meets_note"))
    return Answer(question, "\n\n".join(blocks), False, citations, keys,
                  ranked=[(d.id, c.key) for d, c in quoted])


def _best_article(answerer: "ExtractiveAnswerer", asked: str, own):
    """(document, clause): the strongest first hit of `asked` among the company's documents."""
    best = None
    for document in own:
        found = answerer.retriever.search(asked, document.id)
        if found.abstained or not found.hits:
            continue
        hit = found.hits[0]
        if best is None or hit.strength() > best[0]:
            best = (hit.strength(), document, document.clauses[hit.key])
    return best[1:] if best else None
