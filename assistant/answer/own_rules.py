"""Which of our own rules corresponds to a standard's clause ("哪条制度对应标准的7.3？", "Which of
our policies covers clause 7.3?").

A company that has added its own rules (`ipms corpus add`, documents that are no edition of a
standard) asks where its rules meet the standard. The corpus holds no mapping between them, so
the answer is a suggestion, and says so: the standard clause's own text (title, body and
sub-clauses) is searched in each of the company's documents, and the closest clauses of each
are quoted. When none comes close, the answer says plainly that it cannot map them. A question
naming a topic instead of a clause number ("哪条制度对应知识产权培训要求") is searched in the
company's documents with its own words. Without documents of the company's own, the question
is answered as before (the standard's clause).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answer.own_cover import by_cover
from assistant.corpus.store import Corpus, Document, read_manifest
from assistant.models import Answer, Clause
from assistant.retrieval.own_phrases import (OUR_RULES, OWN_KIND_WORD, SAID_OF_ITSELF,
                                             names_by_short_title, without_short_title)
from assistant.settings import Settings
from assistant.textutil import fold

if TYPE_CHECKING:
    from assistant.answer.extractive import ExtractiveAnswerer

# "我们公司哪条制度对应…", "…对应我们的哪个文件", "which of our policies covers …"
_OWN_RULE = re.compile(
    r"(?:哪条|哪个|哪些|哪项|哪一条|什么)(?:公司|我们的?|我司的?|本公司的?)?"
    r"(?:制度|规定|文件|规章|办法|程序)"
    r"|(?:我们|我司|本公司|公司)(?:的)?(?:制度|规定|文件|规章|办法|程序)(?:里|中)?(?:的)?(?:哪|什么)"
    r"|(?i:\b(?:which|what)\b(?:\s+\w+){0,3}\s+(?:of\s+)?(?:our|company|internal)\s+"
    r"(?:rules?|polic(?:y|ies)|procedures?|documents?|articles?|sections?))")
_CORRESPONDS = re.compile(
    r"对应|落实|满足|符合|覆盖|实现|体现|映射|对照|对上|匹配"
    r"|(?i:\b(?:correspond\w*|map\w*|implement\w*|cover\w*|meet\w*|satisf\w*|address\w*|match\w*)\b)")
# Words of such a question that are no topic: asked of the company's documents, what is left.
_ASKING = re.compile(
    r"我们公司|我们|我司|本公司|公司|哪条|哪个|哪些|哪项|哪一条|什么|制度|规定|文件|规章|办法|程序|条款"
    r"|对应|落实|满足|符合|覆盖|实现|体现|映射|对照|匹配|标准|的|了|吗|呢|[？?，,。.]"
    r"|GB\s*/?\s*T\s*\d+(?:\s*[-—]\s*\d{4})?|(?i:\b(?:which|what|of|our|company|rules?|polic(?:y|ies)"
    r"|procedures?|documents?|corresponds?|maps?|covers?|implements?|to|the|standard|does|do"
    r"|requirements?|clause)\b)")
BRIDGED_HITS = 5  # a company document's hits looked at for an article across languages
MAX_PER_DOCUMENT = 2  # closest clauses quoted from each of the company's documents
QUERY_CHARS = 600  # of the standard clause's text, searched in the company's documents


def asks_for_own_rule(question: str) -> bool:
    """Whether a question asks which of the company's own rules meets a standard's clause or
    requirement (哪条制度对应…, which of our policies covers …)."""
    text = fold(question)
    return bool(_OWN_RULE.search(text) and _CORRESPONDS.search(text))


def own_documents(settings: Settings, corpus: Corpus, families) -> list[Document]:
    """The company's own documents: added by the user (home/corpus), and no edition of a
    standard (no standard number of their own: `families(doc_id)` is empty)."""
    added = {entry.get("id") for entry in read_manifest(settings.user_corpus_dir)}
    return [d for d in corpus.documents.values() if d.id in added and not families(d.id)]


def _clause_query(document: Document, clause: Clause, language: str) -> str:
    """What a standard clause asks, as one search text in `language` (that of the company's
    document searched): its title and its subtree's text, or their renditions when the
    standard is in the other language and has them."""
    nodes = document.subtree(clause.key)
    if language != document.meta.language:
        renditions = [r for n in nodes if (r := document.renditions.get(n.key)) is not None]
        if renditions:
            return "\n".join(f"{r.title}\n{r.text}".strip() for r in renditions)[:QUERY_CHARS]
    text = "\n".join([document.display_title(clause) or ""] + [n.body.strip() for n in nodes])
    return text[:QUERY_CHARS]


def own_rules_answer(answerer: "ExtractiveAnswerer", question: str, numbers: list[str],
                     language: str) -> Answer | None:
    """The closest clauses of the company's own documents to the standard clause the question
    names (or to its topic), with the note that this is a suggestion; None when the question
    asks no such thing or the company has no documents of its own."""
    if not asks_for_own_rule(question):
        return None
    own = own_documents(answerer.settings, answerer.corpus, answerer.names.family)
    if not own:
        return None
    t = answerer.templates(language)
    standard = answerer.corpus.primary
    target = None
    if numbers and (edition := _profiled_target(answerer, question, numbers[0])) is not None:
        return _own_rules_for(answerer, question, own, edition, language)
    if numbers:
        routed = answerer._route([numbers[0]], standard, nearest=False)[0]
        if not routed.clauses:
            return None
        target = standard.clauses[routed.clauses[0].key]
    else:
        topic = _ASKING.sub(" ", fold(question)).strip()
        if len(re.sub(r"\W", "", topic)) < 2:
            return None
    picked = _closest(answerer, own, lambda document: (
        _clause_query(standard, target, document.meta.language) if target is not None else topic))
    if target is not None:
        from assistant.answer.extractive import _title_in

        what = t("own_rules_clause", doc=standard.id, title=_title_in(standard, target, language),
                 number=target.number or target.label, doc_title=standard.meta.title(language))
    else:
        what = t("own_rules_topic")
    return _suggested(answerer, question, own, picked, what, language)


def _closest(answerer: "ExtractiveAnswerer", own: list[Document], query
             ) -> list[tuple[Document, Clause]]:
    """The closest clauses of each company document to `query(document)` (a search text in
    its language): up to MAX_PER_DOCUMENT each, those near its best; over all documents, those
    that state most of the query first (a table row's mention after an article about the act)."""
    picked: list[tuple[Document, Clause]] = []
    for document in own:
        result = answerer.retriever.search(query(document), document.id)
        if result.abstained:
            continue
        top = result.hits[0].strength() if result.hits else 0.0
        for hit in result.hits[:MAX_PER_DOCUMENT]:
            if hit.strength() >= top * answerer.settings.retrieval.related_score_ratio:
                picked.append((document, document.clauses[hit.key]))
    return by_cover(picked, query, lambda d, c: "\n".join(n.body for n in d.subtree(c.key)),
                    answerer.retriever.lexical.tokenizer.tokens)


def _profiled_target(answerer: "ExtractiveAnswerer", question: str, number: str):
    """The clause `number` of the standard the question names — or, naming none, of the
    default standard (IPMS_DEFAULT_STANDARD) — when that standard is known by its profile
    only (GB/T 29490—2023 7.2 能力, not bj-ipm's 7.2 组织机构): (profile, its clause). None
    when the standard is one whose text the corpus holds, or the profile lacks the number."""
    named = answerer.names.find(question)
    profiles = named.profiles
    if not profiles and not named.ids:
        profiled = answerer.default[1]
        profiles = profiled.profiles if profiled is not None else ()
    if not profiles or answerer.names.texts.get(profiles[0].profile):
        return None
    profile = answerer.names.profiles.get(profiles[0].profile)
    clause = profile.clause(number) if profile is not None else None
    return (profile, clause) if clause is not None else None


def _own_rules_for(answerer: "ExtractiveAnswerer", question: str, own: list[Document],
                   edition, language: str) -> Answer:
    """Our rules closest to a clause of a standard known by its profile (`edition`: profile,
    clause): searched with the clause's title and our summary of it, then the text of the
    clauses of the corpus's primary standard the crosswalk maps it to (2023 7.2 -> bj-ipm
    7.3.1, 7.3.2.3, 7.3.2.7)."""
    from assistant.standards.crosswalk import load_crosswalk

    profile, clause = edition
    standard = answerer.corpus.primary
    mapped = [standard.clauses[r.clauses[0].key] for n in load_crosswalk().corresponding(
        profile.id, clause.number, standard.id)
        if (r := answerer._route([n], standard, nearest=False)[0]).clauses]

    def query(document: Document) -> str:
        said = f"{clause.title} {clause.title_en}\n{clause.summary(document.meta.language)}"
        text = "\n".join([said] + [_clause_query(standard, c, document.meta.language)
                                    for c in mapped])
        return text[:QUERY_CHARS]

    t = answerer.templates(language)
    what = t("own_rules_clause", doc=profile.id, number=clause.number,
             title=clause.title if language == "zh" else clause.title_en or clause.title,
             doc_title=f"{profile.designation} "
                       f"{profile.title_zh if language == 'zh' else profile.title_en}")
    return _suggested(answerer, question, own, _closest(answerer, own, query), what, language)


def _suggested(answerer: "ExtractiveAnswerer", question: str, own: list[Document],
               picked: list[tuple[Document, Clause]], what: str, language: str) -> Answer:
    """The suggestion answer: `picked` (the closest clauses of the company's documents `own`)
    quoted under the note that they are only suggested for `what`, or that none is close."""
    t = answerer.templates(language)
    names = t("list_separator").join(t("document_item", doc_title=d.meta.title(language), doc=d.id)
                                     for d in own)
    if not picked:
        return Answer(question, t("own_rules_none", what=what, documents=names), True, [])
    quoted = [(d, c) for document, clause in picked
              for d, c in [(document, n) for n in answerer._with_body(document, clause)[:3]]]
    citations, keys = answerer._cite(quoted)
    blocks = [t("own_rules_intro", what=what)]
    blocks += [answerer._clause_block(d, c, t, quote=q.quote) for (d, c), q in zip(quoted, citations)]
    return Answer(question, "\n\n".join(blocks), False, citations, keys,
                  ranked=[(d.id, c.key) for d, c in picked])


# -- a question about "our rules" ---------------------------------------------------------------
# ... unless the question is about a standard (企业应建立哪些制度, what the standard requires).
_DRAFTING = re.compile(r"制定|起草|编写|编制|修订|怎么写|如何写|(?i:\b(?:draft|write|writing)\b)")
_ABOUT_STANDARD = re.compile(r"标准|规范|贯标|29490|56005|认证|(?i:\bstandards?\b|\bcertif)")


def asks_about_own_rules(question: str) -> bool:
    """Whether a question speaks of the company's own rules without naming a document
    (本制度, 我们公司的规定, 制度什么时候开始施行, our policy) and not of a standard."""
    text = fold(question).strip()
    return bool(OUR_RULES.search(text)) and not _ABOUT_STANDARD.search(text)


def titled_in(question: str, document: Document, bare: bool = True) -> bool:
    """Whether the question names `document` (a company's own) by its title without the
    company's name, in Chinese or English (own_phrases.names_by_short_title; `bare`: also
    without book-title marks or an article number after it)."""
    return any(names_by_short_title(question, t, bare) for t in (document.meta.title_zh,
                                                                document.meta.title_en) if t)


def asked_of_titled(answerer: "ExtractiveAnswerer", question: str, ids) -> str:
    """What the question asks of the company documents `ids` it names by title, without their
    titles ('商业秘密保护规定怎么说访客' -> '怎么说访客'): the title's words would draw the articles
    that restate it (为保护公司商业秘密，制定本规定). The question itself when little is left."""
    asked = question
    for i in ids:
        meta = answerer.corpus.documents[i].meta
        for title in (meta.title_zh, meta.title_en):
            asked = without_short_title(asked, title) if title else asked
    return asked if len(re.sub(r"\W", "", asked)) >= 2 else question


def own_named(answerer: "ExtractiveAnswerer", question: str, named, numbers: list[str]):
    """`named` with the company's own documents in it when the question speaks of "our rules"
    and names no document: their clauses are favoured in the search, and an article or
    chapter number (第五条, 第九章) — or a number one of them has — is looked up in them, not
    in the standard. `named` unchanged otherwise (no documents of the company's own)."""
    from dataclasses import replace

    if named.ids:
        return named
    own = own_documents(answerer.settings, answerer.corpus, answerer.names.family) if (
        OWN_KIND_WORD.search(fold(question))) else []
    # a title typed bare in a question about a standard or about drafting one (企业如何制定知识产权
    # 管理办法) is the kind of document, not the company's
    bare = not (_ABOUT_STANDARD.search(fold(question)) or _DRAFTING.search(fold(question)))
    if titled := tuple(d.id for d in own if titled_in(question, d, bare)):
        return replace(named, ids=titled, mentioned=tuple(dict.fromkeys((*named.mentioned, *titled))))
    if not own or not asks_about_own_rules(question):
        return named
    ids = tuple(d.id for d in own)
    mentioned = tuple(dict.fromkeys((*named.mentioned, *ids)))
    if not numbers:
        return replace(named, mentioned=mentioned)
    from assistant.retrieval.router import number_forms

    forms = number_forms(question)
    if any(forms.get(n) in ("article", "chapter") for n in numbers) or any(
            answerer._route([n], d, nearest=False)[0].status != "missing"
            for n in numbers for d in own):
        return replace(named, ids=ids, mentioned=mentioned)
    return replace(named, mentioned=mentioned)


# -- what each of the company's rules says of itself ----------------------------------------------
def own_effect_answer(answerer: "ExtractiveAnswerer", question: str, named,
                      language: str) -> Answer | None:
    """What each of the company's rules says of itself, as asked: when it takes effect
    ("办法什么时候开始施行": 本办法自2026年1月1日起施行), who interprets it ("制度由哪个部门负责
    解释": 本规定由信息安全部负责解释) — own_phrases.SAID_OF_ITSELF. The article saying so is
    quoted from every company document asked about — those `named` names (own_named: by title,
    or all of them for "our rules"), narrowed to the documents whose title ends in the kind the
    question opens with (办法, 规定) when some do, and to those in the question's language when it
    names none (the English policy for "when does our policy take effect"). None when the
    question asks no such thing, asks it among other things (asked_parts), or no document says."""
    text = fold(question)
    said_of = next((s for s in SAID_OF_ITSELF if s.asks.search(text)), None)
    if said_of is None or asked_parts(question):
        return None  # several things asked: each part is answered (own_parts_answer)
    own = {d.id: d for d in own_documents(answerer.settings, answerer.corpus, answerer.names.family)}
    documents = [own[i] for i in (named.ids or named.mentioned) if i in own]
    if not named.ids and (same := [d for d in documents if d.meta.language == language]):
        documents = same  # "our policy" asked in English: the English policy's date
    kind = OWN_KIND_WORD.match(text.strip())
    if kind and (same := [d for d in documents
                          if fold(d.meta.title(language)).endswith(kind.group(0))]):
        documents = same
    quoted = [(d, said[-1]) for d in documents
              if (said := [c for c in d.lookup_table() if said_of.states.search(c.body)])]
    if not quoted:
        return None
    t = answerer.templates(language)
    citations, keys = answerer._cite(quoted)
    blocks = [t(said_of.intro)]
    blocks += [answerer._clause_block(d, c, t, quote=q.quote) for (d, c), q in zip(quoted, citations)]
    return Answer(question, "\n\n".join(blocks), False, citations, keys,
                  ranked=[(d.id, c.key) for d, c in quoted])


# -- several questions about our rules in one message ---------------------------------------------
# Where a long message turns to what it asks (…请问按照我们公司的制度，交底书提交期限是多少，实习生是否…)
_ASKING_START = re.compile(r"请问|想问一下|想问|问一下|我想知道|想了解|(?i:\bplease\s+tell\s+(?:me|us)\b|"
                           r"\bi(?:'d| would) like to know\b|\bmy questions? (?:is|are)\b)")
_PART_SPLIT = re.compile(r"(?:[，；;？?。]|(?<!\d),|,(?!\d))+|(?i:,?\s+and\s+(?=(?:how|who|what|when|where|which|whether"
                         r"|do|does|can|is|are|must|should)\b))")
_ASKS_ZH = re.compile(r"多少|多久|多长|是否|是不是|有没有|要不要|能否|能不能|可否|可不可以|谁|怎样|怎么|如何|哪|"
                      r"什么|几|吗|呢")
_ASKS_EN = re.compile(r"(?i)^\s*(?:how|who|whom|what|when|where|which|whether|do|does|can|is|are"
                      r"|must|should|may)\b")
_JOINERS = re.compile(r"^(?:以及|还有|另外|并且|而且|同时|和|及|(?i:and|also|then)\b)\s*")
MAX_PARTS = 6


def asked_parts(question: str) -> list[str]:
    """The questions a message asks one after another ('交底书提交期限是多少，实习生是否受本制度
    约束，论文发表前要经过谁审查…'): what follows 请问 / please tell me (or the whole message),
    cut at its commas, semicolons and question marks, each part that asks something. Fewer than
    two: []."""
    text = fold(question).strip()
    starts = list(_ASKING_START.finditer(text))
    if starts:
        text = text[starts[-1].end():]
    parts = []
    for piece in _PART_SPLIT.split(text):
        piece = _JOINERS.sub("", piece.strip(" ：:"))
        chinese = bool(re.search(r"[\u4e00-\u9fff]", piece))
        asks = _ASKS_ZH.search(piece) if chinese else _ASKS_EN.match(piece)
        # a part says what it asks about, beyond its question words ('how many years', '几天'
        # only restate the part before them)
        said = (len(re.sub(r"\W", "", _ASKS_ZH.sub("", piece))) >= 4 if chinese
                else len(piece.split()) >= 4)
        if asks and said:
            parts.append(piece)
    return parts[:MAX_PARTS] if len(parts) >= 2 else []


def own_parts_answer(answerer: "ExtractiveAnswerer", question: str, named,
                     language: str) -> Answer | None:
    """A message about the company's own rules asking several things at once, each answered by
    the clause that answers it (the company's documents favoured, `named`): the part asked, then
    that clause. None when it asks fewer than two things or they lead to fewer than two clauses
    (the message is searched whole)."""
    from assistant.answer.answerability import candidate, judge

    parts = asked_parts(question)
    if not parts:
        return None
    picked: list[tuple[str, Document, Clause]] = []
    said = OUR_RULES.search(fold(question))
    for part in parts:
        result = answerer.retriever.search(part, None, named=named)
        if (result.abstained or not result.hits) and said:
            # alone it says too little ('论文发表前要经过谁审查'): asked of our rules, as it was
            result = answerer.retriever.search(f"{said.group(0)} {part}", None, named=named)
        if result.abstained or not result.hits:
            continue
        hit = result.hits[0]
        document = answerer.corpus.documents[hit.doc]
        clause = document.clauses[hit.key]
        if any(d.id == document.id and c.key == clause.key for _, d, c in picked):
            continue
        verdict = judge(part, language, [candidate(document, clause)])
        if verdict is not None and verdict.action == "abstain":
            continue
        picked.append((part, document, clause))
    if len(picked) < 2:
        return None
    t = answerer.templates(language)
    blocks = [t("own_parts_intro", count=len(picked))]
    quoted: list[tuple[Document, Clause]] = []
    for part, document, clause in picked:
        pairs = [(document, c) for c in answerer._with_body(document, clause)[:3]]
        citations, _ = answerer._cite(pairs)
        blocks.append(t("own_part", part=part))
        blocks += [answerer._clause_block(d, c, t, quote=q.quote)
                   for (d, c), q in zip(pairs, citations)]
        quoted += pairs
    citations, keys = answerer._cite(quoted)
    return Answer(question, "\n\n".join(blocks), False, citations, keys,
                  ranked=[(d.id, c.key) for _, d, c in picked])


# -- a number none of the company's documents has ------------------------------------------------
_ARTICLE_NUMBER = re.compile(r"第(.{1,6})条")
_CHAPTER_NUMBER = re.compile(r"第(.{1,6})章")


def numbering_summary(document: Document, language: str, form: str = "article") -> str:
    """The numbers a document prints, briefly: its articles' (or, for a chapter asked about,
    its chapters') first and last (第一条至第二十九条, 第一章至第八章), or its top numbers' and
    their sub-numbers' first and last (1 至 7，下分 1.1 至 7.2)."""
    from assistant.corpus.section_parser import cn_numeral_value

    labels = [c.number for c in document.lookup_table() if c.number]
    chapters = [n for n in labels if _CHAPTER_NUMBER.fullmatch(n)]
    if form == "chapter" and chapters:
        return (f"{chapters[0]}至{chapters[-1]}" if language == "zh"
                else f"chapters {chapters[0]} to {chapters[-1]}")
    articles = [n for n in labels if _ARTICLE_NUMBER.fullmatch(n)]
    if articles:
        first, last = articles[0], articles[-1]
        if language == "zh":
            return f"{first}至{last}"
        values = [cn_numeral_value(_ARTICLE_NUMBER.fullmatch(n).group(1)) for n in (first, last)]
        spelled = f"articles {values[0]} to {values[1]} " if None not in values else "articles "
        return f"{spelled}({first}–{last})"
    top = [n for n in labels if re.fullmatch(r"\d+", n)]
    sub = [n for n in labels if re.fullmatch(r"\d+\.\d+", n)]
    if not top:
        return "无编号条款" if language == "zh" else "no numbered clauses"
    text = f"{top[0]}至{top[-1]}" if language == "zh" else f"{top[0]} to {top[-1]}"
    if sub:
        text += (f"（下分{sub[0]}至{sub[-1]}）" if language == "zh"
                 else f" (with {sub[0]} to {sub[-1]} under them)")
    return text


def own_missing_text(answerer: "ExtractiveAnswerer", number: str, form: str,
                     looked_in: list[Document], language: str) -> str:
    """For an article or chapter number (第四十条, 第40条, article 40, 第十五章) no document
    answered: which of the company's own documents were looked at too, that none has it, and
    the numbers each prints. `looked_in`: the documents the question named (each named company
    document is given its numbers; unnamed, every company document is said to lack it too).
    '' when the company has no documents of its own or the number is neither."""
    if form not in ("article", "chapter") and not _ARTICLE_NUMBER.fullmatch(number):
        return ""
    own = own_documents(answerer.settings, answerer.corpus, answerer.names.family)
    if not own:
        return ""
    from assistant.answer.extractive import clause_name

    if looked_in:  # named documents: only their numbers
        own = [d for d in own if d.id in {n.id for n in looked_in}]
        if not own:
            return ""
    t = answerer.templates(language)
    items = [t("own_numbers_item", doc_title=d.meta.title(language), doc=d.id,
               numbers=numbering_summary(d, language, form)) for d in own]
    names = clause_name(number, language)
    if form == "chapter" and number.isdigit():  # 第十五章 / Chapter 15, as the answer says it
        from assistant.answer.extractive import _chapter_name

        names.update(clause=_chapter_name(number, language),
                     clause_lower=_chapter_name(number, language).lower())
    if form == "article" and number.isdigit() and language == "en":  # article 40, not clause 40
        names.update(clause=f"Article {number}", clause_lower=f"article {number}")
    return t("own_numbers" if looked_in else "own_missing",
             documents=t("list_separator").join(items), **names)


# -- the company's own article on the act asked about, before the standard's clause ----------------
_GENERIC_TERMS = {"知识产权", "企业", "管理", "公司", "intellectual property", "company", "management"}


def company_first(answerer: "ExtractiveAnswerer", question: str, result):
    """`result` (a Retrieval) with the company's own article on the act asked about first, when
    the question speaks as the company (我们, 我司, our: "我司专利被侵权怎么办") and one of its
    documents has such an article: the best clause of a company document whose text and headings
    (第五章 侵权处理) state at least half of the field's terms the question holds (专利, 侵权;
    in either language: confidentiality is 保密 too), its documents in the question's language
    first.
    The standard's clauses follow it. A question in another language than the company's
    documents that does not speak as the company (an English question on Chinese rules: "How
    often is access to the source code repository reviewed?") reaches them the same way —
    through the glossary's names of its terms — when an article states every one (two at
    least) of its terms the glossary names in both languages; it
    comes second, after the standard's first clause. `result` unchanged otherwise (the question names a
    document, or no company article is on the act)."""
    from dataclasses import replace

    from assistant.answer.regulated import in_own_words
    from assistant.retrieval.own_phrases import speaks_as_company

    if result.abstained or not result.hits or result.named.ids:
        return result
    # speaking as the company, or in the words its rules use of their own matter (涉密人员 of
    # rules on trade secrets), and not asking what the standard requires
    ours = speaks_as_company(question) or (not _ABOUT_STANDARD.search(question)
                                           and in_own_words(question, answerer.own_texts))
    own = own_documents(answerer.settings, answerer.corpus, answerer.names.family)
    ids = {d.id for d in own}
    if not own:
        return result
    if result.hits[0].doc in ids:  # the company's own article first already
        return result
    acts = _acts(answerer, question, result.signals.terms)
    if not acts:
        return result
    language = result.language  # the company's documents in the question's language first
    bridged = [names for names in acts if len(names) > 1]  # named in both languages
    best = None  # (terms met, document, hit)
    for document in sorted(own, key=lambda d: d.meta.language != language):
        if not ours and document.meta.language == language:
            continue  # searched with the question already, in its own words
        across = not ours and len(bridged) >= 2
        found = answerer.retriever.search(_in_language(bridged, document.meta.language)
                                          if across else question, document.id)
        if found.abstained or not found.hits:
            continue
        if ours:  # the best hit, when it states half the question's terms
            hit = found.hits[0]
            if 2 * _met(acts, _said(document, hit.key)) >= len(acts):
                best = (len(acts), document, hit)
                break
            continue
        # across languages: of the best few, the first stating every term the glossary or the
        # rule words bridge (all but one of three or more; the rules' title counts), two at least
        needed = len(bridged) - (len(bridged) >= 3)
        for hit in found.hits[:BRIDGED_HITS]:
            met = _met(bridged, _said(document, hit.key, document.meta.title_zh))
            if across and met >= needed and (best is None or met > best[0]):
                best = (met, document, hit)
                break
    if best is None:
        return result
    met, document, hit = best
    first = replace(hit, score=result.hits[0].score,
                    lexical_score=max(hit.strength(), result.hits[0].strength()))
    rest = [h for h in result.hits if (h.doc, h.key) != (hit.doc, hit.key)]
    # not speaking as the company: the standard's clause first, the company's article next —
    # unless it states each of three or more terms the question holds (it is what is asked)
    whole = len(bridged) >= 3 and met == len(bridged)
    return replace(result, hits=[first, *rest] if ours or whole else [rest[0], first, *rest[1:]])


def _in_language(acts: list[set[str]], language: str) -> str:
    """A search text of `acts`' names in `language` (the Chinese ones for a Chinese document)."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    return " ".join(n for names in acts for n in sorted(names)
                    if bool(cjk.search(n)) == (language == "zh"))


def _said(document: Document, key: str, title: str = "") -> str:
    """A clause's text with its own and its ancestors' headings (第五章 侵权处理) and `title`
    (the document's, when given), folded."""
    clause = document.clauses[key]
    return fold(" ".join([clause.body, title, *(c.title for c in (clause, *document.ancestors(key))
                                                if c.title)])).lower()


def _met(acts: list[set[str]], said: str) -> int:
    """How many of `acts` (each a set of names) `said` states by one of its names."""
    return sum(any(name in said for name in names) for names in acts)


def _acts(answerer: "ExtractiveAnswerer", question: str, terms: list[str]) -> list[set[str]]:
    """The field's terms a question holds, each as the set of its names in both languages
    (the glossary's: confidentiality / 保密), lower case, without the field's general words."""
    from assistant.retrieval.rule_words import rule_words

    named = [t for t in answerer.corpus.glossary.found_in(question) if t.category != "general"]
    acts = [{f.lower() for f in (*t.forms("zh"), *t.forms("en")) if f} for t in named]
    # the words rules govern them with (approve / 批准, quarterly / 每季度): data/rule_words.txt
    acts += [names for names in rule_words(question) if not any(names & a for a in acts)]
    # too few bridged: the words the standard's own renditions teach (confidential / 保密), for
    # English words no list above names and the glossary does not know (not even as general)
    if sum(len(a) > 1 for a in acts) < 2:
        known = " ".join([f.lower() for t in answerer.corpus.glossary.found_in(question)
                          for f in t.forms("en")] + [n for a in acts for n in a])
        acts += [names for names in rule_words(question, "rendition_words.txt")
                 if not any(names & a for a in acts)
                 and not any(re.search(rf"\b{re.escape(n)}\b", known) for n in names)]
    said = set().union(*acts) if acts else set()
    # the question's own words: an act unless a term's name already holds it (reward of reward
    # rules, invent of invention)
    acts += [{t.lower()} for t in dict.fromkeys(terms)
             if not any(t.lower() in name for name in said)]
    return [names for names in acts if not names & _GENERIC_TERMS]
