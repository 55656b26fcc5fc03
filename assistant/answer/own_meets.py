"""Does our rule meet the standard? ("管理评审由谁主持，多久一次？这符合标准吗？", "我们的知识产权
管理办法符合GB/T 29490—2023关于内部审核的要求吗？", "Does our policy on management review meet the
standard?")

The gap check of 贯标: the company's own article on what is asked, and the standard's clause that
requires it, side by side and each cited — the reader judges the fit; no verdict is given. The
question without its "does it meet the standard" words (and without the standard's number and
the company document's title) is searched in the company's documents — the one it names by
title, else each — for the best article, and in the standard: the one the question names, else
the default one (IPMS_DEFAULT_STANDARD), else the corpus's primary standard. A standard known by
its profile only (GB/T 29490—2023) is shown as a lookup shows it: its clause's title and our
summary, then the clauses of the corpus the crosswalk maps it to (2023 9.3 -> bj-ipm 13.2).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.answer.own_rules import asked_of_titled, own_documents, titled_in
from assistant.models import Answer
from assistant.retrieval.documents import without_standard_numbers
from assistant.retrieval.own_phrases import asks_meets, without_meets, without_our_rules

if TYPE_CHECKING:
    from assistant.answer.extractive import ExtractiveAnswerer

MAX_REQUIREMENTS = 2  # the standard's clauses quoted beside the company's article


def own_meets_answer(answerer: "ExtractiveAnswerer", question: str, language: str
                     ) -> Answer | None:
    """The company's article on what the question asks, then the standard's requirement, each
    cited; None when the question does not ask whether a rule meets the standard, the company
    has no documents of its own, or neither side is found."""
    if not asks_meets(question):
        return None
    own = own_documents(answerer.settings, answerer.corpus, answerer.names.family)
    asked = without_standard_numbers(without_meets(question))
    if not own or len(asked) < 4:
        return None
    titled = [d for d in own if titled_in(question, d)]
    of_rules = without_our_rules(asked_of_titled(answerer, asked, [d.id for d in titled]))
    rule = _best_article(answerer, of_rules if len(of_rules) >= 2 else asked, titled or own)
    if rule is None:
        return None
    t = answerer.templates(language)
    document, article = rule
    profile, standard = _standard(answerer, question)
    if profile is not None and (found := answerer.profiles.requirement(
            of_rules, profile, language)) is not None:
        texts, quoted, summaries = found
        pairs = [(document, article), *quoted]
        citations, keys = answerer._cite(pairs)
        named = answerer.names.profiles[profile]
        blocks = [t("own_meets_rule", doc_title=document.meta.title(language)),
                  answerer._clause_block(document, article, t, quote=citations[0].quote),
                  t("own_meets_standard", doc_title=f"{named.designation} "
                    f"{named.title_zh if language == 'zh' else named.title_en}"),
                  *texts, t("own_meets_note")]
        return Answer(question, "\n\n".join(blocks), False, citations, keys,
                      ranked=[(d.id, c.key) for d, c in pairs], summaries=summaries)
    found = answerer.retriever.search(of_rules, standard.id)
    if found.abstained or not found.hits:
        return None
    requirements = [(standard, standard.clauses[h.key]) for h in found.hits[:MAX_REQUIREMENTS]]
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


def _standard(answerer: "ExtractiveAnswerer", question: str):
    """(profile id, None) when the standard to compare with is known by its profile only —
    named in the question, else the default one; else (None, the corpus document): the
    standard named, the default one, or the corpus's primary standard."""
    named = answerer.names.find(question)
    profiles = [p.profile for p in named.profiles if not answerer.names.texts.get(p.profile)]
    if profiles:
        return profiles[0], None
    held = [answerer.corpus.documents[i] for i in named.ids if i in answerer.corpus.documents]
    if held:
        return None, held[0]
    default, profiled = answerer.default
    if profiled is not None:
        return profiled.profiles[0].profile, None
    return None, answerer.corpus.get(default) if default else answerer.corpus.primary


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
