"""Hybrid retrieval over clauses: BM25 (both languages) fused with dense search (English),
with a scope check so off-topic questions abstain instead of citing something."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from assistant.corpus.store import Corpus
from assistant.retrieval.documents import DocumentNames, NamedDocuments
from assistant.retrieval.expansion import (situation_acts_en, situation_acts_zh, standard_terms_en,
                                           standard_terms_zh, whole_terms_zh)
from assistant.retrieval.families import ClauseFamilies
from assistant.retrieval.findings import finding_alone
from assistant.retrieval.indexes import SearchIndexes
from assistant.retrieval.lexical import LexicalIndex
from assistant.retrieval.own_phrases import without_our_rules
from assistant.retrieval.tokenize import domain_stems_en, domain_terms_zh, split_pairs
from assistant.retrieval.scope import (KNOWN_STANDARDS, ScopeSignals, asks_amount,
                                       asks_standard, decide, english_field_terms,
                                       foreign_standard, names_standards_in_general,
                                       names_the_field, other_domain)
from assistant.retrieval.router import version_digits
from assistant.retrieval.units import IndexUnit
from assistant.settings import Settings
from assistant.textutil import fold, language_of

# Clause titles too general to show that a question is about IP management.
# A question telling of the company itself: its own people and departments (_situation_terms_met).
_OWN_COMPANY = re.compile(r"我们|咱们|我司|本公司|公司|企业|本单位|部门|"
                          r"(?:市场|销售|研发|技术|法务|知产|采购|人事|行政|财务|生产|质量|品牌|设计)部")
# A standard's term naming a party (外部专业机构, 知识产权管理部门), not an act or a thing.
_PARTY = re.compile(r"(?:机构|部门|人员|专员|者|人|单位|公司|企业|院所|高校)$")
_GENERIC_TITLES = {"总体要求", "改进", "分析", "目标", "概述", "范围", "前言", "引言", "影响因素",
                   "评估", "取得", "谈判", "审计", "管理体系", "改进意见", "评价方式", "评价内容"}


_DEFINITIONAL = re.compile(r"什么是|是什么|定义|含义|指的是|叫做|何谓|本标准|范围|(?i:\bwhat (is|are|does)\b.*\b(mean|defin)|\bdefin|\bmeaning\b|\bwhat is an?\b)")
# Questions about a document itself (who issued it, its number, what it is based on, why): its
# front matter answers them. Both a cue and a word naming a document must occur.
_DOCUMENT_CUE = re.compile(r"文号|发文|印发|发布|联合发|出台|依据|根据哪|目的|背景|为什么要|为何要|起草|归口|"
                           r"哪.{0,2}部门|(?i:\b(issued|issuing|published|document number|reference "
                           r"number|based on|purpose|background|drafted|why)\b)")
_DOCUMENT_NOUN = re.compile(r"通知|标准|规范|试点|指南|(?i:\b(notice|standard|specification|pilot|"
                            r"guide|document)\b)")
# A standard's number as a question writes it, with or without its series (ISO 56005, 56005,
# GB/T 29490).
_DESIGNATION = re.compile(r"(?i)(?:(?<![a-z])(iso|iec|gb\s*/\s*t|gb|db\s*\d+\s*/\s*t)\s*[-_ ]?\s*)?"
                          r"(?<!\d)(\d{3,6})(?![\d.])")
_DEFINITION_CHAPTERS = re.compile(r"术语|定义|terms and definitions", re.IGNORECASE)


def _is_secondary(corpus: Corpus, doc_id: str, key: str) -> bool:
    """Definitions, front matter, scope and normative references."""
    doc = corpus.documents[doc_id]
    clause = doc.clauses[key]
    if clause.kind in ("front", "title", "preamble"):
        return True
    chapter = ([clause] + doc.ancestors(clause.key))[-1]
    return doc.meta.structure == "clauses" and chapter.number in ("1", "2") or bool(
        _DEFINITION_CHAPTERS.search(chapter.title))


_SIBLING_WINDOW = 5  # ranks a named sibling may be brought forward from (see _named_sibling_first)
_BEFORE_ACT_RATIO = 1.25  # how far ahead a first clause may be of one stating a duty before
# the act asked about (_before_act_first)
_LEAD_LABEL_RATIO = 1.5  # how far ahead a first article may be of one the question names
_HEAD_WINDOW = 3  # ranks a clause whose title's head is asked may come from (_head_first)
# English titles too general to name what a question asks (the renditions of _GENERIC_TITLES'
# kind; "Management objectives" is read without its leading word).
_GENERIC_TITLES_EN = {"general requirements", "general provisions", "general", "overview", "scope",
                      "introduction", "foreword", "improvement", "analysis", "objectives",
                      "acquisition", "negotiation", "audit", "evaluation", "management system"}
_LEADING_EN = re.compile(r"^(?:enterprise |intellectual property |management )+")
# Leading words every title of the field may carry: "知识产权许可" is about 许可.
_TITLE_PREFIX = re.compile(r"^(?:企业|知识产权)+")


def _topic(doc, key: str) -> str:
    """What a clause's own Chinese title (or Chinese rendition's) says it is about, without the
    field's leading words: 入职, 最高管理者, 许可; "" for a general or untitled clause."""
    clause = doc.clauses[key]
    title = clause.title if doc.meta.language == "zh" else (
        doc.renditions[key].title if key in doc.renditions
        and doc.renditions[key].language == "zh" else "")
    title = re.sub(r"\s+", "", title or "")
    title = re.sub(r"^[^:：]*[:：]", "", title)  # "职责：最高管理者" -> 最高管理者
    topic = _TITLE_PREFIX.sub("", title)
    return topic if len(topic) >= 2 and topic not in _GENERIC_TITLES | {"管理", "管理体系"} \
        and not re.search(r"[？?【]", title) else ""


def _english_names(title: str) -> list[str]:
    """What an English title names, in lower case without the field's leading words: one name,
    or two for "A (or B)"; none for a general title. "Responsibilities: Top management" ->
    ["top management"]; "[Corrective action control procedure]" (a rendition's title for an
    untitled clause) -> ["corrective action control procedure"]."""
    title = re.sub(r"^[^:]*:\s*", "", title.strip().strip("[]").lower())
    if not title or title in _GENERIC_TITLES_EN:
        return []
    names = (_LEADING_EN.sub("", part.strip(" )")) for part in title.split("(or "))
    return [name for name in names if name and name not in _GENERIC_TITLES_EN]


# A question asking what someone must do: their duties, what they answer for, what they do
# themselves ("老板要负什么责任", "一把手必须亲自抓哪些事", "what is the CEO responsible for").
_DUTIES = re.compile(
    r"职责|义务|亲自|(?:负|承担|担)(?:什么|哪些|哪几项|啥)|负责(?:什么|哪些|哪几|啥)|(?:做|干|抓|管)(?:些|哪些|哪几|什么|啥)"
    r"|(?i:\bdut(?:y|ies)\b|\bresponsibilit|\bwhat\b.{0,60}\b(?:responsible|accountable|on the "
    r"hook)\b|\b(?:have|has|need|needs) to do\b|\bexpected to\b|\brole\b)")
# A question asking who answers for something ("战略谁是第一责任人", "who is accountable for the
# strategy") asks for a person, not for that person's duties, unless it asks what they do too.
# A question asking what a named thing must contain or satisfy: its requirements or contents
# ("目标有什么讲究", "手册里面应该写哪些内容", "方针得满足啥条件"). The clause titled with that
# thing lists them (4.2.2 管理目标应：a)…f)); see Retriever._listed_contents_first.
_CONTENTS_ASKED = re.compile(
    r"(?:包括|包含|涵盖|囊括|写|记|列|满足|符合|具备)(?:上|清楚|明白|好)?(?:哪些|什么|啥|些什么|点啥|些啥)"
    r"|(?:有|要|得)?(?:什么|啥|哪些)(?:讲究|要求|条件|门道|标准)|要求是什么|要求有哪些"
    # the steps of a procedure it names ("纠正措施走啥流程"), how to write a document it names
    r"|(?:走|有|按)(?:什么|啥|哪些)(?:流程|步骤|程序)|(?:咋|怎么|如何)写")
# A clause that tailors a requirement to the kind of company (6.1.2 根据企业不同的行业属性、经营
# 规模、需求建立知识产权管理制度…初创类、试点和示范类等企业可…), and a question speaking of the
# company's kind, size or stage (初创, 刚起步的小公司, 人手很少, 试点企业).
_TAILORING = re.compile(r"行业属性|经营规模|初创类")
_KIND_ASKED = re.compile(r"初创|起步|刚成立|新成立|刚开|创业|小公司|小企业|小微|大公司|大企业|集团|规模|"
                         r"体量|行业|人手|人少|人不多|几个人|试点|示范|阶段|水平|性质|不同的?企业|"
                         r"什么样的企业|哪类企业|哪些企业")
# A question asking what to do before an act ("下手之前先得干点啥", "提交前要怎么定下来"), and a
# clause's duty stated for the time before one (9.3.3.1 在确定取得知识产权前，应…; 11.4.2.3
# 许可前应…).
_BEFORE_ASKED = re.compile(r"之前|(?<![以目提])前(?:先|要|得|必须|应该|应|需要|该)|(?:提交|申请|签约|签字|签署|"
                           r"下手|运用|转让|许可|收购|购买|销售|出口|研发|立项)前")
_BEFORE_DUTY = re.compile(r"前[，,]?(?:企业)?(?:应|需|宜|要)")
# The words of the act a question puts "before": its clause up to 前 (参展 of 参展前需要…).
_BEFORE_WHAT = re.compile(r"([^，,。？?！!；;：:]+?)(?:之)?前")
# The label an article of a company's rules opens with ("授权奖励标准：…"), and its words that
# name no subject (_lead_label_first).
_LEAD_LABEL = re.compile(r"([^，,。；;：:]{2,16})[：:]")
_LABEL_PLAIN = {"标准", "办法", "规定", "要求", "管理", "公司", "企业", "知识产权"}
_WHO = re.compile(r"谁|(?i:\bwho\b)")
# A comma opening a second duty with its own subject (，外部机构应出具…): see _untitled_duties.
_NEW_DUTY = re.compile(r"[，,](?=[^，,、]{1,8}?(?:应|须|需要|必须))")
# How far down, and how far behind the first, a clause titled with the act a question's
# situation calls for (situations_zh.txt) may come from (Retriever._situation_act_first).
_SITUATION_WINDOW = 6
_SITUATION_RATIO = 1.3
# How far down the keyword ranking the clause titled with an English story's act may come from
# when the dense ranking misses it (Retriever._situation_act_lexical_first).
_SITUATION_LEXICAL_WINDOW = 5
# A phrase checking whether something complies ("这样做符合贯标要求吗", "是否符合规范",
# "合不合规") asks about that thing, not about nonconformities: its words (符合, 要求) would
# otherwise rank 13.5.2 (不符合事项) and 4.2.1 (符合法律法规的要求) for any such question.
_COMPLIANCE = re.compile(
    r"(?:是否|能否|算不算|算)?(?:符合|满足|合乎|达到)了?(?:贯标|标准|规范|体系|认证)?的?"
    r"(?:要求|规定|条件|标准|规范)?(?=吗|么|嘛|不|没|与否|[？?，,]|$)"
    r"|符不符合(?:贯标|标准|规范|体系|认证)?的?(?:要求|规定|条件|标准|规范)?"
    r"|(?:是否|能否)(?:符合|满足)(?:贯标|标准|规范|体系|认证)的?(?:要求|规定|条件)?"
    r"|合不合规|达不达标|(?:合规|达标)(?=吗|么|嘛|不|[？?]|$)")
# An audit or a review told as the occasion of a question ("内审完了", "审核中发现", "after the
# internal audit", "the audit flagged"): the stage is when, not what, is asked (_clause_over_stage).
_OCCASION = re.compile(
    r"(?:内审|审核|评审|管评)(?:的时候|时候|时|中|过程中|会上|完了?|结束了?|之后|以后|后)?[，,]?"
    r"(?:发现|查出|开出|指出)|(?:内审|审核|评审|管评)(?:完了?|结束了?|之后|以后)"
    r"|(?i:\b(?:after|once|following)\b.{0,40}\b(?:audit|review)\b"
    r"|\b(?:audit|review)s?\b.{0,20}\b(?:found|flagged|raised|turned up|is over|was over|"
    r"wrapped up|finished|ended|is done)\b)")
# Words of a who-question that say nothing of the act asked about (_actor_first).
_ACTOR_PLAIN = {"知识产权", "知识", "产权", "管理", "企业", "公司", "负责", "工作", "应该", "需要"}
_DO = re.compile(r"做|干|抓|(?i:\bdo\b)")


def _role(doc, key: str) -> str:
    """The standard's name of one of the company's people or bodies (whole_terms_zh.txt) that a
    clause's own Chinese title (or Chinese rendition's) is, without a leading "职责：": 最高管理者
    for 7.3.2.1 and for a summary's "Responsibilities: Top management"; "" for other clauses."""
    clause = doc.clauses[key]
    title = clause.title if doc.meta.language == "zh" else (
        doc.renditions[key].title if key in doc.renditions
        and doc.renditions[key].language == "zh" else "")
    title = re.sub(r"^[^:：]*[:：]", "", re.sub(r"\s+", "", title or ""))
    return title if title in whole_terms_zh() else ""


def _head(topic: str) -> str:
    """What a clause's topic names without 管理 around it: 管理方针 -> 方针, 合同管理 -> 合同,
    管理手册 -> 手册; "" when fewer than two characters remain."""
    head = re.sub(r"^管理|管理$", "", topic)
    return head if len(head) >= 2 else ""


@dataclass
class Hit:
    doc: str
    key: str
    score: float  # fused
    lexical_rank: int | None = None
    dense_rank: int | None = None
    dense_similarity: float | None = None
    lexical_score: float | None = None  # BM25 blended with coverage (see LexicalIndex.search)
    # The same clause in other documents of its family, ranked below it (families.py).
    also: list[tuple[str, str]] = field(default_factory=list)

    def strength(self) -> float:
        """How well this hit matches on its own, comparable between hits of one search."""
        return self.lexical_score if self.lexical_score is not None else (self.dense_similarity or 0.0)


@dataclass(frozen=True)
class _Query:
    tokens: list[str]  # the question's words and the standard's words for its everyday ones
    crossed: list[str]  # other-language names of its glossary terms
    glossary_terms: list
    # What the scope check reads: the question's words and its Chinese everyday words' standard
    # terms, but not the English ones ("smart goal", "data room" say nothing about being in scope).
    scope_tokens: list[str]
    # Its Chinese character pairs, and those of the standard's words for its everyday ones.
    pairs: list[str] = field(default_factory=list)


@dataclass
class Retrieval:
    hits: list[Hit]
    abstained: bool
    language: str
    reason: str = ""  # why it abstained
    signals: ScopeSignals = field(default_factory=ScopeSignals)
    named: NamedDocuments = field(default_factory=NamedDocuments)  # documents the question names

    @property
    def scope_terms(self) -> list[str]:
        return self.signals.terms


def rrf(rankings: list[tuple[float, list[tuple[int, float]]]], k: int,
        score_weight: float = 0.0) -> dict[int, float]:
    """Weighted reciprocal rank fusion of rankings given as (weight, [(item, score)] best first).

    Ranks alone ignore margins: a clause far ahead on BM25 but missed by the dense ranker would
    lose to clauses both rankers put in the middle. With a score weight, each item also gets its
    score min-max normalised within its ranking, in units of a first rank (weight / (k + 1))."""
    fused: dict[int, float] = {}
    for weight, ranking in rankings:
        if weight <= 0 or not ranking:
            continue
        scores = [score for _, score in ranking]
        low, spread = min(scores), max(scores) - min(scores)
        for rank, (item, score) in enumerate(ranking, start=1):
            normalised = (score - low) / spread if spread > 0 else 1.0
            fused[item] = fused.get(item, 0.0) + weight * (
                1 / (k + rank) + score_weight * normalised / (k + 1))
    return fused


class Retriever:
    """Built lazily: the lexical index on the first search, the dense index on the first search
    that needs it (English questions with the default settings)."""

    def __init__(self, settings: Settings, corpus: Corpus,
                 embedder_factory: Callable[[str], object] | None = None) -> None:
        self.settings = settings
        self.corpus = corpus
        self.indexes = SearchIndexes.for_corpus(settings, corpus, embedder_factory)
        self.corpus_hash = self.indexes.corpus_hash
        self.units: list[IndexUnit] = self.indexes.units
        self._anchors: frozenset[str] | None = None
        # Units are clauses or their renditions; rankings are fused per clause.
        self.clause_ids: list[tuple[str, str]] = list(dict.fromkeys((u.doc, u.key) for u in self.units))
        position = {cid: i for i, cid in enumerate(self.clause_ids)}
        self._position = position
        self._clause_of_unit = [position[(u.doc, u.key)] for u in self.units]
        self._secondary = [_is_secondary(corpus, d, k) for d, k in self.clause_ids]
        self._topics = [_topic(corpus.documents[d], k) for d, k in self.clause_ids]
        self._parents = [(d, corpus.documents[d].clauses[k].parent) for d, k in self.clause_ids]
        self._roles = [_role(corpus.documents[d], k) for d, k in self.clause_ids]
        self._role_clauses = [c for c, role in enumerate(self._roles) if role]
        self._heads = [_head(t) for t in self._topics]
        self._heading_heads = [self._heading_head(d, k) for d, k in self.clause_ids]
        self._primary = [bool(corpus.documents[d].meta.primary) for d, _ in self.clause_ids]

    # -- indexes ------------------------------------------------------------------------------
    @property
    def lexical(self) -> LexicalIndex:
        """BM25 over the units, from the current index version (built on first use)."""
        return self.indexes.lexical()

    @property
    def dense(self):
        """Vector search over the units (dense.VectorSearch), from the current index version."""
        return self.indexes.dense()

    def build(self, dense: bool = True) -> dict[str, object]:
        """Build a new index version now and switch to it; used by `ipms index` and the
        benchmark. Raises IpmsError when the index folder cannot be written."""
        built = self.indexes.rebuild(dense)
        info: dict[str, object] = {"units": len(self.units), "corpus_hash": self.corpus_hash,
                                   "vocabulary": built["vocabulary"]}
        if dense:
            info["dense_rebuilt"] = self.indexes.dense().rebuilt
            info["vectors"] = len(self.indexes.dense_units)  # units in a language the model reads
            info["embedding_model"] = self.settings.embedding_model
        info["version"] = built["version"]
        return info

    @cached_property
    def names(self) -> DocumentNames:
        """Every document's id, numbers, titles and aliases, to read which ones a question names."""
        return DocumentNames(self.corpus)

    @cached_property
    def families(self) -> ClauseFamilies:
        return ClauseFamilies(self.corpus, self.names.family)

    def _named_sibling_first(self, question: str, ordered: list[tuple[int, float]],
                             ratio: float) -> list[tuple[int, float]]:
        """Among sibling clauses near the top, the one the question names: when a sibling of the
        first clause (same document, same parent) ranks within the top five, its own title
        names what a Chinese question asks, in the question's own words (入职 in "入职时要做什么"),
        the first clause's title does not, and its fused score is at least the first's / ratio,
        it moves to the front (ratio <= 1: off). The standard's words for everyday ones are
        not read here: "不想去法院打官司" must not name 司法保护."""
        if ratio <= 1 or len(ordered) < 2 or language_of(question) != "zh":
            return ordered
        asked = re.sub(r"\s+", "", fold(question))
        topics = self._topics
        return self._sibling_named(
            ordered, ratio, lambda c: bool(topics[c]) and topics[c] in asked,
            # A topic the first's own title holds too (制度 in 制度管理要求) names both.
            lambda c, first: bool(topics[c]) and topics[c] in topics[first])

    def _named_sibling_first_en(self, question: str, ordered: list[tuple[int, float]],
                                ratio: float, asked: set[str] | None = None
                                ) -> list[tuple[int, float]]:
        """The same for an English question, read by words: a sibling's English title (its own,
        or its rendition's) names what is asked when each of the title's words (stemmed,
        without the field's leading words) is among the question's words or the words of the
        standard's terms for its everyday ones ("once a risk has been identified" -> risk
        control: 8.3 Risk control ahead of 8.1 General requirements). A title "A (or B)" names
        A and B; general titles (General requirements) name nothing. `asked`: those words, when
        the caller has them (the question's BM25 terms, _Query.tokens)."""
        if ratio <= 1 or len(ordered) < 2 or language_of(question) != "en":
            return ordered
        if asked is None:
            tokenize = self.lexical.tokenizer.tokens
            asked = set(tokenize(question))
            for term in standard_terms_en(question):
                asked.update(tokenize(term))
        names = self._names_en
        return self._sibling_named(
            ordered, ratio, lambda c: any(name <= asked for name in names[c]),
            lambda c, first: any(name <= other for name in names[c] for other in names[first]))

    def _named_child_first_en(self, question: str, ordered: list[tuple[int, float]],
                              ratio: float, window: int, asked: set[str] | None = None
                              ) -> list[tuple[int, float]]:
        """Parent over child, for an English question: when the first clause's English title
        names nothing the question asks (every word of a name among the question's words or its
        everyday words' standard terms) and a descendant of it within the top `window` has a
        word in its own title, not in the first's, that the question asks, and its fused score
        is at least the first's / ratio, the descendant moves to the front: "what gets
        examined during the diagnosis phase?" -> impl-guide 2 investigation and diagnosis,
        not the eight-stage process that lists every stage; "the kickoff stage" -> impl-guide
        1 standard implementation start-up (kickoff stage -> start-up, synonyms_en.txt).
        Unlike _children_first it reads titles, not lexical strength; unlike
        _named_sibling_first_en one word of the child's own suffices, since the parent's
        title already holds the rest (<= 1: off). `asked`: the question's BM25 terms."""
        if ratio <= 1 or len(ordered) < 2 or language_of(question) != "en":
            return ordered
        if asked is None:
            asked = set(self.lexical.tokenizer.tokens(question)) | self._standard_words_en(question)
        names = self._names_en
        first, best = ordered[0]
        if any(name <= asked for name in names[first]):
            return ordered
        doc_id, key = self.clause_ids[first]
        document = self.corpus.documents[doc_id]
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            other_doc, other_key = self.clause_ids[clause]
            own = frozenset().union(*names[clause]) - frozenset().union(*names[first])
            if other_doc == doc_id and any(a.key == key for a in document.ancestors(other_key)) \
                    and score * ratio >= best and own & asked:
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    def _title_named_first_en(self, question: str, ordered: list[tuple[int, float]],
                              ratio: float, window: int, strength: dict[int, float],
                              asked: set[str] | None = None) -> list[tuple[int, float]]:
        """Across chapters, for an English question: when neither the first clause's English
        title nor its heading's names what is asked (every word of a name among the question's
        words or its everyday words' standard terms), a clause of the primary standard within
        the top `window` whose title or heading's title does, with a fused score at least the
        first's / ratio, moves to the front when that title is what an everyday phrase of the
        question stands for (synonyms_en.txt), it matches the question's words better than the
        first (`strength`: lexical scores; the first came first by the dense ranking) and it is
        not an ancestor of the first: "our patent was infringed - what routes can we
        take?" (routes -> means of protection) -> 10.2 Means of protection (its judicial route
        10.2/司法保护), not 10.1.1.3 market monitoring, whose text says "infringed" as often
        but whose title names no route. _named_sibling_first_en and _named_child_first_en look
        among siblings and descendants only (<= 1: off). `asked`: the question's BM25 terms."""
        if ratio <= 1 or len(ordered) < 2 or language_of(question) != "en":
            return ordered
        if asked is None:
            asked = set(self.lexical.tokenizer.tokens(question)) | self._standard_words_en(question)
        brought = self._standard_words_en(question)
        first, best = ordered[0]

        def named(c: int, words: set[str]) -> bool:
            # a heading names a clause titled itself (10.2/司法保护), not a general one (11.1)
            heading = self._heading_names_en[c] if self._names_en[c] else ()
            return any(name <= words for name in self._names_en[c] + heading)
        if named(first, asked):
            return ordered
        doc_id, key = self.clause_ids[first]
        above = {a.key for a in self.corpus.documents[doc_id].ancestors(key)}
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            if self._primary[clause] and score * ratio >= best and named(clause, brought) \
                    and strength.get(clause, 0.0) > strength.get(first, 0.0) \
                    and not (self.clause_ids[clause][0] == doc_id
                             and self.clause_ids[clause][1] in above):
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    def _standard_words_en(self, question: str) -> set[str]:
        """The stemmed words of the standard's English terms an English question's everyday
        words bring in (synonyms_en.txt: kickoff -> standard implementation)."""
        tokenize = self.lexical.tokenizer.tokens
        return {w for term in standard_terms_en(question) for w in tokenize(term)}

    def _sibling_named(self, ordered: list[tuple[int, float]], ratio: float,
                       named: Callable[[int], bool], held: Callable[[int, int], bool]
                       ) -> list[tuple[int, float]]:
        """`ordered` with the first sibling of its first clause (within the top five, fused
        score at least the first's / ratio) that the question names, and whose name the
        first's title does not hold too (`held`), moved to the front; unchanged when the first
        is named itself or no such sibling ranks."""
        first, best = ordered[0]
        if named(first):
            return ordered
        for i in range(1, min(len(ordered), _SIBLING_WINDOW)):
            clause, score = ordered[i]
            if held(clause, first):
                continue
            if score * ratio >= best and named(clause) and self._parents[clause][1] is not None \
                    and self._parents[clause] == self._parents[first]:
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    def _heading_head(self, doc_id: str, key: str) -> str:
        """For an untitled clause (9.3.3.2), the head of its nearest titled heading's topic
        (9.3.3 继受取得); "" for a titled clause."""
        doc = self.corpus.documents[doc_id]
        if doc.clauses[key].title:
            return ""
        for ancestor in doc.ancestors(key):  # nearest first
            if topic := _topic(doc, ancestor.key):
                return _head(topic)
        return ""

    def _head_first(self, question: str, ordered: list[tuple[int, float]], ratio: float,
                    window: int) -> list[tuple[int, float]]:
        """Among close candidates of one document, the clause whose title names what a Chinese
        question asks about: the question holds the title's head (管理方针 -> 方针, 合同管理 ->
        合同, 知识产权转让 -> 转让; _head), the first clause's does not, and its fused score is
        at least the first's / ratio within the top `window`: it moves to the front ("知识产权
        方针要满足哪些要求" -> 4.2.1 管理方针, not 13.2.2 评审输出 whose list says 知识产权方针
        in the question's very words). Unlike _named_sibling_first it looks beyond siblings
        (4.3.3 合同管理 against 10.1.1.4 外包管理 of another chapter), so it is held back more:
        the first clause keeps its place when its head, or for an untitled clause (9.3.3.2)
        its heading's (9.3.3 继受取得), is in the question or among the standard's terms for
        its everyday words (受让 -> 继受取得), when the candidate's head is part of the first's
        title (制度 in 制度管理要求), and across documents (<= 1: off). Across documents one
        case moves: a first clause whose title names nothing (an untitled paragraph of a
        summary or a notice: ipms-cert-en ¶8, iso56005-pilot 1) gives way to a clause of the
        primary standard whose title's head the question holds ("知识产权管理目标一定要能量化吗"
        -> 4.2.2 管理目标): the standard's clause titled with what is asked is the answer, the
        paragraph only restates it. A head the standard's term for an everyday phrase is, whole,
        names a clause too ("授权一家合作企业使用我们的专利" -> 许可 -> 11.4.2.3 知识产权许可),
        except the first's own parent (内审 -> 内部审核 keeps 13.2.1 ahead of 13.2) and a
        person's name (老板 -> 最高管理者: a question asking their duties is _role_first's).
        A sibling whose title the question says word by word names it too (_said_by_words)."""
        if ratio <= 1 or len(ordered) < 2 or language_of(question) != "zh":
            return ordered
        asked = re.sub(r"\s+", "", fold(question))
        heads = self._heads
        first, best = ordered[0]
        terms = set(standard_terms_zh(question))  # a head the standard's term for an
        said = asked + "|" + "|".join(terms)       # everyday phrase is, whole (授权给 -> 许可)
        terms -= whole_terms_zh()  # a person named in passing (老板) is _role_first's to read
        own = heads[first] or self._heading_heads[first]
        if own and own in said:
            return ordered
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            if heads[clause] and (heads[clause] in asked or heads[clause] in terms
                                  and self._parents[first] != self.clause_ids[clause]
                                  or self._said_by_words(clause, first, asked, terms)) \
                    and score * ratio >= best \
                    and (self.clause_ids[clause][0] == self.clause_ids[first][0]
                         or (not own and self._primary[clause])) \
                    and heads[clause] not in self._topics[first]:
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    def _said_by_words(self, clause: int, first: int, asked: str, terms: set[str]) -> bool:
        """Whether a sibling of the first clause is named word by word: its title is two words
        or more of the field's own (申请检索 = 申请 + 检索), each in the question or among the
        standard's terms for its everyday words other than the title itself (查新 -> 检索,
        递交 -> 提交申请), while the first's title has a word said nowhere (专利布局: 布局).
        "递交专利申请之前要做哪几种查新" asks for 9.1.2 申请检索, not 9.1.1 专利布局, though
        9.1.1's list holds the same search in more of the question's words."""
        if self._parents[clause] != self._parents[first] or self._parents[clause][1] is None:
            return False
        said = asked + "|" + "|".join(t for t in terms if t != self._topics[clause])

        def words(c: int) -> list[str]:
            return [w for w in self.lexical.tokenizer.term_tokens(self._topics[c])
                    if len(w) > 1 and w not in _ACTOR_PLAIN and w != self._topics[c]]
        own, other = words(clause), words(first)
        return len(own) > 1 and all(w in said for w in own) \
            and bool(other) and not all(w in said for w in other)

    @cached_property
    def _lists(self) -> list[bool]:
        """Per clause, whether its own text enumerates items (a) b) c) …)."""
        return [bool(self.corpus.documents[d].clauses[k].items) for d, k in self.clause_ids]

    def _listed_contents_first(self, question: str, ordered: list[tuple[int, float]],
                               ratio: float, window: int) -> list[tuple[int, float]]:
        """A Chinese question asking what a thing it names must contain or satisfy
        (_CONTENTS_ASKED: "给知识产权工作定目标有什么讲究", "编一本手册，里面应该写哪些内容",
        "起草个方针，得满足啥条件") is answered by the primary standard's clause titled with that
        thing whose text lists the requirements (4.2.2 管理目标应：a)…f); 4.3.2.3 管理手册，包括：
        a)…c)). BM25 puts such a list behind clauses that merely hold more of the question's
        other words (a notice's 总体要求, a duty list that mentions 方针). Within the top
        `window`, the best such clause whose title's head (_head: 管理目标 -> 目标) the question
        holds moves to the front when its fused score is at least the first's / ratio, unless
        the first clause's own head (or its heading's) is asked too and it lists items itself
        or is another document's (<= 1: off). A question asking for the steps of a procedure
        ("纠正措施走啥流程") is read the same way: an untitled clause is named by its heading
        (13.5.2.2 under 13.5.2 纠正措施), and it passes a first sibling of the same title that
        lists nothing (13.5.2.1)."""
        if ratio <= 1 or len(ordered) < 2 or language_of(question) != "zh":
            return ordered
        asked = re.sub(r"\s+", "", fold(question))
        if not _CONTENTS_ASKED.search(asked):
            return ordered
        first, best = ordered[0]
        own = self._heads[first] or self._heading_heads[first]
        if own and own in asked and (self._lists[first] or not self._primary[first]):
            return ordered
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            head = self._heads[clause] or self._heading_heads[clause]
            if score * ratio >= best and self._primary[clause] and self._lists[clause] \
                    and head and head in asked and (head not in self._topics[first]
                                                    or self._same_title(clause, first)):
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    def _same_title(self, clause: int, other: int) -> bool:
        """Whether two clauses of one document carry the same title (13.5.2.1 and 13.5.2.2, both
        纠正措施): only the one that lists the items answers a question asking for them."""
        return self.clause_ids[clause][0] == self.clause_ids[other][0] \
            and bool(self._topics[clause]) and self._topics[clause] == self._topics[other]

    @cached_property
    def _tailoring(self) -> list[bool]:
        """Per clause, whether it is one of the primary standard's clauses tailoring a
        requirement to the kind of company (_TAILORING)."""
        return [self._primary[c] and bool(_TAILORING.search(
            self.corpus.documents[d].clauses[k].body)) for c, (d, k) in enumerate(self.clause_ids)]

    def _untailored_first(self, question: str, ordered: list[tuple[int, float]], ratio: float,
                          window: int) -> list[tuple[int, float]]:
        """A clause tailoring a requirement to the kind of company (6.1.2 知识产权制度管理要求,
        7.1.2 资源配置要求: 根据企业不同的行业属性、经营规模…初创类、试点和示范类等企业可…)
        repeats the words of its chapter's other clauses, so BM25 puts it first for questions
        about those clauses ("公司在知识产权上得配哪些人、哪些钱" -> 7.1.1, "软件著作权这类的，管理
        制度一般咋写" -> 6.2.3). When a Chinese question says nothing of the company's kind, size
        or stage (_KIND_ASKED, or the standard's words for them: 初创类, 经营规模 …) and does not
        name the head of the first clause's title (规划 of 5.2 管理规划), the best clause of the same chapter within the top
        `window` that tailors nothing moves ahead of it, when its fused score is at least the
        first's / ratio (<= 1: off)."""
        if ratio <= 1 or len(ordered) < 2 or language_of(question) != "zh":
            return ordered
        first, best = ordered[0]
        if not self._tailoring[first]:
            return ordered
        asked = re.sub(r"\s+", "", fold(question))
        kinds = {"初创类", "经营规模", "行业属性", "示范类"}
        if _KIND_ASKED.search(asked) or kinds & set(standard_terms_zh(question)) \
                or (self._heads[first] and self._heads[first] in asked):
            return ordered
        chapter = self._chapter(first)
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            if score * ratio >= best and not self._tailoring[clause] and self._primary[clause] \
                    and self._chapter(clause) == chapter:
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    def _situation_act_first(self, question: str, ordered: list[tuple[int, float]],
                             spare: list[tuple[int, float]]
                             ) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """A Chinese scenario tells what happened without naming the act it calls for, while
        naming the things and parties involved ("行政直接在共享盘里改了字又挂上去" of a 管理制度;
        "芯片设计部的负责人交了辞呈"); BM25 then puts first the clause titled with the thing
        (6.1 知识产权制度) or sharing the story's words (9.3.1 设计研发记录), not the clause on the
        act (4.3.2.1 文件管理, 7.3.2.5 离职). When situations_zh.txt reads an act in the question
        (situation_acts_zh) and a clause of the primary standard within the top
        _SITUATION_WINDOW is titled with it (its title's topic or head, or its heading's for an
        untitled clause: 13.5.2.1 under 13.5.2 纠正措施), with a fused score at least the first's
        / _SITUATION_RATIO, that clause moves to the front, unless the first is itself titled
        with an act read there (a story of two acts keeps its order). The window reaches
        into the `spare` candidates beyond the top five; returns both lists, a clause moved
        from `spare` no longer in it. An English question is read through situations_en.txt:
        a clause is titled with an act when every word of a name its English title gives
        (_names_en) is among the act's words (handed in her notice -> departure: 7.3.2.5)."""
        if len(ordered) < 2:
            return ordered, spare
        english = language_of(question) == "en"
        acts = situation_acts_en(question) if english else situation_acts_zh(question)
        if not acts:
            return ordered, spare
        tokenize = self.lexical.tokenizer.tokens
        words = [frozenset(tokenize(act)) for act in acts] if english else []

        def titled(c: int) -> bool:
            if english:
                return self._primary[c] and any(name and name <= w for name in self._names_en[c]
                                                for w in words)
            topic, head = self._topics[c], self._heads[c] or self._heading_heads[c]
            return self._primary[c] and any(
                act == topic or (head and (act == head or head in act)) or (topic and act in topic)
                or act == self._plain_titles[c] or act in self._untitled_duties[c]
                for act in acts)
        first, best = ordered[0]
        if titled(first):
            return ordered, spare
        candidates = ordered + spare
        for i in range(1, min(len(candidates), _SITUATION_WINDOW)):
            clause, score = candidates[i]
            if score * _SITUATION_RATIO >= best and titled(clause):
                return ([candidates[i]] + [c for c in ordered if c[0] != clause],
                        [c for c in spare if c[0] != clause])
        return ordered, spare

    @cached_property
    def _plain_titles(self) -> list[str]:
        """Per clause, its own Chinese title without the field's leading words, general or not
        (12.4 改进意见, which _topic reads as saying nothing): an act a situation names
        (situations_zh.txt: 没下文 -> 改进意见) is what such a title says, word for word."""
        out = []
        for doc_id, key in self.clause_ids:
            doc = self.corpus.documents[doc_id]
            title = doc.clauses[key].title if doc.meta.language == "zh" else ""
            out.append(_TITLE_PREFIX.sub("", re.sub(r"\s+", "", title or "")))
        return out

    @cached_property
    def _untitled_duties(self) -> list[str]:
        """Per untitled clause of the primary standard, its first sentence up to a second duty
        with a subject of its own (_NEW_DUTY) (10.1.1.3 企业应建立产品销售市场监控办法，采取保护
        措施，…): with no title of its own, what it requires first is what it is about, and an act
        a situation names there (市场监控) titles it; "" for others. A second duty is another
        party's or another act's: 13.4.2 企业可委托外部机构…进行分析，外部机构应出具…改进意见 is on
        an outside analysis, not titled with 改进意见 (12.4 is)."""
        out = []
        for doc_id, key in self.clause_ids:
            doc = self.corpus.documents[doc_id]
            clause = doc.clauses[key]
            body = re.sub(r"\s+", "", clause.body or "") if doc.meta.primary and not clause.title \
                and doc.meta.language == "zh" else ""
            first = re.split(r"[。；;：:]", body, maxsplit=1)[0]
            out.append(_NEW_DUTY.split(first, maxsplit=1)[0])
        return out

    def _situation_act_lexical_first(self, question: str, ordered: list[tuple[int, float]],
                                     spare: list[tuple[int, float]],
                                     lexical: list[tuple[int, float]], fused: dict[int, float]
                                     ) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """An English story's act (situations_en.txt) joins the keyword query only: the dense
        model reads the story ("goes on sale in March", "only handles filings … remit too
        narrow") and never the act it calls for, so the clause titled with the act (8.2 Risk
        identification, 7.2.1.1 Responsibilities of the IP organisation) can rank first or
        near it by keywords and still fall below the fused window of _situation_act_first. When
        no clause in front is titled with an act read there, the first clause of the primary
        standard titled with one within the keyword ranking's top _SITUATION_LEXICAL_WINDOW
        comes first (taken from `spare` or the fused candidates if it is not in `ordered`)."""
        if language_of(question) != "en" or not ordered:
            return ordered, spare
        acts = situation_acts_en(question)
        if not acts:
            return ordered, spare
        tokenize = self.lexical.tokenizer.tokens
        words = [frozenset(tokenize(act)) for act in acts]

        def titled(c: int) -> bool:
            return self._primary[c] and any(name and name <= w for name in self._names_en[c]
                                            for w in words)
        if titled(ordered[0][0]):
            return ordered, spare
        for clause, _ in lexical[:_SITUATION_LEXICAL_WINDOW]:
            if titled(clause):
                moved = (clause, fused.get(clause, ordered[0][1]))
                return ([moved] + [c for c in ordered if c[0] != clause],
                        [c for c in spare if c[0] != clause])
        return ordered, spare

    def _chapter(self, clause: int) -> tuple[str, str]:
        """The document and top-level number of a clause (bj-ipm 6 for 6.2.3)."""
        doc_id, key = self.clause_ids[clause]
        return doc_id, key.split(".", 1)[0]

    @cached_property
    def _before_duties(self) -> list[bool]:
        """Per clause, whether the primary standard's clause states a duty for the time before
        an act (_BEFORE_DUTY: 许可前应对知识产权进行评估)."""
        return [self._primary[c] and bool(_BEFORE_DUTY.search(
            self.corpus.documents[d].clauses[k].body)) for c, (d, k) in enumerate(self.clause_ids)]

    def _before_first(self, question: str, ordered: list[tuple[int, float]], ratio: float,
                      window: int) -> list[tuple[int, float]]:
        """A Chinese question asking what to do before an act (_BEFORE_ASKED: "打算买别人的
        专利，下手之前先得干点啥") is answered by the clause stating the duty for that time
        (9.3.3.1 在确定取得知识产权前，应确定拟取得知识产权清单…), not by a sibling on the same
        act that speaks of afterwards (9.3.3.4 新知识产权的归属): when the first clause states no
        such duty, a clause of the same document within the top `window` that does moves to the
        front if its fused score is at least the first's / ratio (<= 1: off)."""
        if ratio <= 1 or len(ordered) < 2 or language_of(question) != "zh":
            return ordered
        first, best = ordered[0]
        asked = re.sub(r"\s+", "", fold(question))
        own = self._heads[first] or self._heading_heads[first]
        if self._before_duties[first] or not _BEFORE_ASKED.search(asked) or own and own in asked:
            return ordered
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            if score * ratio >= best and self._before_duties[clause] \
                    and self.clause_ids[clause][0] == self.clause_ids[first][0]:
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    def _before_act_first(self, question: str, ordered: list[tuple[int, float]], ratio: float,
                          window: int) -> list[tuple[int, float]]:
        """A Chinese question asking what to do before an act, the act said in the standard's
        word or in everyday words standing for it (拿出去用 -> 运用), is answered by the primary
        standard's clause stating a duty for the time before that very act (11.3.1.1 在知识产权
        运用前，企业需要对知识产品进行评估), not by a clause of another chapter sharing its other
        words (11.2.3 对专利的评估结果进行分析): when the first clause states no duty for a
        time before (9.1.1 在申请知识产权前，应进行专利布局检索 keeps its place), such a clause
        of the same document within the top `window` moves to the front if its fused score is at
        least the first's / ratio. Wider than _before_first, which reads any duty for a time
        before, since the act itself is matched."""
        if len(ordered) < 2 or language_of(question) != "zh":
            return ordered
        asked = re.sub(r"\s+", "", fold(question))
        if not _BEFORE_ASKED.search(asked):
            return ordered
        acts = (set(standard_terms_zh(question)) | set(self.lexical.tokenizer.tokens(question))) \
            - _ACTOR_PLAIN - {"专利", "商标"}
        acts = {a for a in acts if len(a) >= 2}

        # the standard's terms for the act the question puts "before" (参展前 -> 对外信息发布)
        before = _BEFORE_WHAT.search(asked)
        terms = {t for t in standard_terms_zh(before[1]) if len(t) >= 3} if before else set()

        def body(clause: int) -> str:
            doc_id, key = self.clause_ids[clause]
            return re.sub(r"\s+", "", self.corpus.documents[doc_id].clauses[key].body)

        def before_act(clause: int) -> bool:
            text = body(clause)
            return any(act + "前" in text for act in acts)

        def before_term(clause: int) -> bool:
            text = body(clause)
            return any(term + "之前" in text or term + "前" in text for term in terms)

        first, best = ordered[0]
        if self._before_duties[first] or before_act(first) \
                or any(term in body(first) for term in terms):
            return ordered
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            if score * ratio >= best and self._primary[clause] \
                    and self.clause_ids[clause][0] == self.clause_ids[first][0] \
                    and (self._before_duties[clause] and before_act(clause)
                         or before_term(clause)):
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    @cached_property
    def _lead_labels(self) -> list[list[str]]:
        """Per untitled article of a company's own Chinese document, the words of the label its
        text opens with ("授权奖励标准：发明专利每项8000元…" -> 授权, 奖励): what the article is
        about, as a title would say; [] for others. Words of one character and _LABEL_PLAIN
        words are left out."""
        from assistant.answer.status import is_company_document

        tokenize = self.lexical.tokenizer.tokens
        out = []
        for doc_id, key in self.clause_ids:
            doc = self.corpus.documents[doc_id]
            clause = doc.clauses[key]
            label = _LEAD_LABEL.match(re.sub(r"\s+", "", clause.body or "")) \
                if doc.meta.language == "zh" and not clause.title \
                and is_company_document(doc.meta) else None
            out.append([w for w in dict.fromkeys(tokenize(label[1])) if len(w) > 1
                        and w not in _LABEL_PLAIN] if label else [])
        return out

    def _lead_label_first(self, question: str, ordered: list[tuple[int, float]], ratio: float,
                          window: int) -> list[tuple[int, float]]:
        """Among articles of one company document, the one whose opening label the question
        says word for word comes first ("发明专利授权后公司奖励多少钱" -> 第三条 授权奖励标准：…),
        ahead of a first article whose label has a word the question never says (第四条 专利申请
        受理后先发放申请奖：…，授权后再发放授权奖励 only mentions the grant award in passing),
        within the top `window` and at least the first's fused score / ratio."""
        if len(ordered) < 2 or language_of(question) != "zh":
            return ordered
        asked = re.sub(r"\s+", "", fold(question))
        first, best = ordered[0]
        own = self._lead_labels[first]
        if not own or all(w in asked for w in own):
            return ordered
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            words = self._lead_labels[clause]
            if words and score * ratio >= best and all(w in asked for w in words) \
                    and self.clause_ids[clause][0] == self.clause_ids[first][0]:
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    def _clause_over_stage(self, question: str, ordered: list[tuple[int, float]], ratio: float,
                           window: int, asked: set[str] | None = None, occasion_ratio: float = 0.0
                           ) -> list[tuple[int, float]]:
        """A question naming both a summary's stage and an action of the standard
        ("内审查出不符合项了，纠正措施走啥流程": 内审 and 纠正措施; "Internal audit raised a
        nonconformity … the corrective action") asks about the action: the primary standard's
        clause titled with it (13.5.2 纠正措施 / Corrective action, or a clause under that
        heading) moves ahead of a first clause of another document (impl-guide "Internal audit",
        one sentence on the whole stage) whose title the question names too, when that clause's
        title, or its heading's, names something else the question holds (Chinese: in its own
        words; English: every word of the title among its words) and its fused score is at least
        the first's / ratio within the top `window` (<= 1: off). A question naming only the
        stage keeps the stage. The act may be named through the standard's term for an
        everyday word (整改 -> 纠正措施), and by a title holding the stage's name too (13.2.2
        评审输出 / Review output for "what should come out of the management review"). A
        question telling the stage as its occasion (_OCCASION: 内审完了, 审核中发现, after the
        internal audit) may have the act's clause further behind, `occasion_ratio`, and in
        Chinese names the stage in its short form (审核). `asked`: the question's BM25 terms,
        for English titles."""
        if ratio <= 1 or len(ordered) < 2 or self._primary[ordered[0][0]]:
            return ordered
        first, best = ordered[0]
        occasion = bool(_OCCASION.search(fold(question)))
        if occasion:
            ratio = max(ratio, occasion_ratio)
        if language_of(question) == "zh":
            text = re.sub(r"\s+", "", fold(question))
            own = self._heads[first]
            terms = "|".join(standard_terms_zh(question))
            if not own or own not in text + "|" + terms and not occasion:
                return ordered

            def names(c: int) -> bool:
                head = self._heads[c] or self._heading_heads[c]
                return bool(head) and (head in text or head in terms) \
                    and head not in self._topics[first]
        else:
            if asked is None:
                asked = set(self.lexical.tokenizer.tokens(question))
            stage = [n for n in self._names_en[first] if n <= asked]
            if not stage:
                return ordered

            def names(c: int) -> bool:
                return any(n <= asked and not any(n <= m for m in stage)
                           for n in self._names_en[c] + self._heading_names_en[c])
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            if self._primary[clause] and score * ratio >= best and names(clause):
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    def _primary_before_notice_zh(self, question: str, ordered: list[tuple[int, float]],
                                   ratio: float, window: int, named: bool
                                   ) -> list[tuple[int, float]]:
        """The primary standard before a notice: for a Chinese question naming no document, a
        first clause of a notice (a programme's or a campaign's: the ISO 56005 pilot notice's
        "Overall requirements" or "Pilot Objectives", met through its Chinese rendition) gives
        way to the best requirement clause of the primary standard within the top `window`
        whose fused score is at least the first's / ratio ("知识产权的目标能不能就写一句“提升
        意识”这种虚的" -> 4.2.2 管理目标): a notice sets a programme's aims, not the company's
        duties, so a question naming neither it (试点, 56005, 2020年的通知) nor any document asks
        the standard. Guides are not passed over: questions on a stage of 贯标 (内审, 编写手册)
        ask the guide in words of the standard too, and on dev every such rule lost more of
        them than it won (<= 1: off)."""
        if ratio <= 1 or named or len(ordered) < 2 or not self._notice[ordered[0][0]] \
                or language_of(question) != "zh":
            return ordered
        best = ordered[0][1]
        for i in range(1, min(len(ordered), window)):
            clause, score = ordered[i]
            if self._primary[clause] and not self._secondary[clause] and score * ratio >= best:
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        return ordered

    @cached_property
    def _notice(self) -> list[bool]:
        """Per clause, whether its document is a notice (a programme's or a campaign's)."""
        return [self.corpus.documents[d].meta.kind == "notice" for d, _ in self.clause_ids]

    @cached_property
    def _heading_names_en(self) -> list[tuple[frozenset[str], ...]]:
        """Per clause, what its parent heading's English title names (13.5.2 Corrective action
        for 13.5.2.2), as _names_en has it; () for a clause with no parent."""
        out = []
        for doc_id, key in self.clause_ids:
            parent = self.corpus.documents[doc_id].clauses[key].parent
            where = self._position.get((doc_id, parent)) if parent else None
            out.append(self._names_en[where] if where is not None else ())
        return out

    def _role_first(self, question: str, ordered: list[tuple[int, float]], window: int,
                    named_docs: frozenset[str] = frozenset(), asked: set[str] | None = None
                    ) -> list[tuple[int, float]]:
        """A question asking what one of the company's people or bodies must do (老板要负什么责任,
        "what does our general manager have to do") is answered by the clause the standard
        titles with that name (7.3.2.1 最高管理者), whose long list of duties loses on BM25 to
        short clauses that only mention the name. When the question names one such role (in its
        own words or through an everyday word: 老板, 一把手, general manager -> 最高管理者, top
        management) and asks for duties (_DUTIES; a "who" question only when it asks what they
        do too), the clause within the top `window` titled with that name moves to the front:
        one of a document the question names (the certification summary) if any, else one of
        the primary standard, else the first. Nothing moves when the question names several
        roles, or when the first clause is already one titled with that name, of a preferred document
        (0: off)."""
        text = fold(question)
        if window <= 0 or len(ordered) < 2 or not _DUTIES.search(text) \
                or (_WHO.search(text) and not _DO.search(text)):
            return ordered
        top = ordered[:window]
        everywhere = self._roles_named(question, self._role_clauses, asked)
        if len({self._roles[c] for c in everywhere}) != 1:
            return ordered
        roles = {c for c, _ in top if c in everywhere}
        if not roles:
            return ordered
        def preferred(c: int) -> bool:
            return (self.clause_ids[c][0] in named_docs) if named_docs else self._primary[c]
        if top[0][0] in roles and preferred(top[0][0]):
            return ordered
        named = [i for i, (c, _) in enumerate(top) if c in roles]
        chosen = next((i for i in named if preferred(top[i][0])), named[0])
        return [ordered[chosen]] + ordered[:chosen] + ordered[chosen + 1:]

    def _actor_first(self, question: str, ordered: list[tuple[int, float]], window: int
                     ) -> list[tuple[int, float]]:
        """A Chinese question asking who does something ("知识产权方针由谁制定", "体系的评价工作
        由谁主持") is answered by the clause where one of the company's people or bodies is
        said to do it: one line of it names a role (最高管理者, 知识产权管理部门…; or the
        clause is titled with one, 7.3.2.1) and the most words of the part of the question
        that asks who (the clause's title counts as part of each line). Such a clause within
        the top `window` moves to the front when it holds at least two of those words and more
        than the first clause does (a clause of an English document is read through its
        Chinese rendition); a clause that only repeats the question's words without
        saying who acts (13.2.2 评审输出: 知识产权方针、目标改进建议) holds none (0: off)."""
        if window <= 0 or len(ordered) < 2 or language_of(question) != "zh":
            return ordered
        part = next((p for p in re.split(r"[？?。；;！!，,]", fold(question)) if "谁" in p), "")
        if not part:
            return ordered
        words = {w for w in self.lexical.tokenizer.tokens(part) if len(w) >= 2
                 and not w.isascii() and "谁" not in w} - _ACTOR_PLAIN - whole_terms_zh()
        # a long word counts through its parts (知识产权方针 through 方针), not once more
        words = {w for w in words if not any(o != w and o in w for o in words | _ACTOR_PLAIN)}
        if not words:
            return ordered
        said = [self._actor_words(c, words) for c, _ in ordered[:window]]
        best = max(range(len(said)), key=lambda i: (said[i], -i))
        if best == 0 or said[best] < 2 or said[best] <= said[0]:
            return ordered
        return [ordered[best]] + ordered[:best] + ordered[best + 1:]

    def _actor_words(self, clause: int, words: set[str]) -> int:
        """How many of `words` one line of a clause that says who acts holds, with its title:
        the most over its lines naming a role (every line, for a clause titled with one or whose
        lead-in names one)."""
        doc_id, key = self.clause_ids[clause]
        doc = self.corpus.documents[doc_id]
        node = doc.clauses[key]
        if doc.meta.language != "zh":  # read through its Chinese rendition, if any
            node = doc.renditions.get(key)
            if node is None or node.language != "zh":
                return 0
        title = re.sub(r"\s+", "", node.title or "")
        roles = whole_terms_zh()
        body = node.body if hasattr(node, "body") else node.text
        lines = [text for line in (body or "").split("\n") if (text := re.sub(r"\s+", "", line))]
        # titled with a role, or its lead-in names one (7.2.1.1 知识产权组织机构应：)
        titled = bool(self._roles[clause]) or bool(lines) and any(r in lines[0] for r in roles)
        best = 0
        for line in lines:
            if titled or any(role in line for role in roles):
                best = max(best, sum(1 for w in words if w in line or w in title))
        return best

    def _roles_named(self, question: str, clauses: list[int], asked: set[str] | None
                     ) -> set[int]:
        """Those of `clauses` titled with a role the question names: for a Chinese question
        the role's name or an everyday word for it (synonyms_zh.txt); for an English one every
        word of the clause's English title, among the question's words or its everyday words'
        standard terms (asked: those words, when the caller has them)."""
        if language_of(question) == "zh":
            text, terms = fold(question), set(standard_terms_zh(question))
            return {c for c in clauses if self._roles[c]
                    and (self._roles[c] in text or self._roles[c] in terms)}
        if asked is None:
            tokenize = self.lexical.tokenizer.tokens
            asked = set(tokenize(question))
            for term in standard_terms_en(question):
                asked.update(tokenize(term))
        return {c for c in clauses if self._roles[c]
                and any(name <= asked for name in self._names_en[c])}

    @cached_property
    def _names_en(self) -> list[tuple[frozenset[str], ...]]:
        """Per clause, what its English title names, as sets of stemmed words (see
        _english_names)."""
        tokenize = self.lexical.tokenizer.tokens
        names = []
        for doc_id, key in self.clause_ids:
            doc = self.corpus.documents[doc_id]
            title = doc.clauses[key].title if doc.meta.language == "en" else (
                doc.renditions[key].title if key in doc.renditions else "")
            names.append(tuple(frozenset(words) for name in _english_names(title or "")
                               if (words := tokenize(name))))
        return names

    def _text_first(self, ordered: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """A first clause with no text of its own (a heading such as 4 知识产权管理体系, a
        notice's title) is no answer by itself: a descendant of it within the top five, which
        says what the heading only names, moves to the front whatever its score (the answer
        quoted the heading's subtree anyway). On dev: core and tuning +1 hit@1 each, citation
        precision +0.004 (core) and +0.012 (tuning), recall unchanged, nothing else moved.
        A heading with a single clause under it gives way to that clause even when it does
        not rank (7.2.1 组织机构的职责 and 7.2.1.1: core dev +1, nothing else moved)."""
        if len(ordered) < 2:
            return ordered
        doc_id, key = self.clause_ids[ordered[0][0]]
        document = self.corpus.documents[doc_id]
        if document.clauses[key].body.strip():
            return ordered
        for i in range(1, min(len(ordered), _SIBLING_WINDOW)):
            other_doc, other_key = self.clause_ids[ordered[i][0]]
            if other_doc == doc_id and any(a.key == key for a in document.ancestors(other_key)):
                return [ordered[i]] + ordered[:i] + ordered[i + 1:]
        # A heading with one clause under it (7.2.1 组织机构的职责 over 7.2.1.1 知识产权组织机构应：)
        # says through it alone what it names: that clause answers, ranked or not.
        children = [k for k, c in document.clauses.items() if c.parent == key]
        only = self._position.get((doc_id, children[0])) if len(children) == 1 else None
        if only is not None:
            rest = [pair for pair in ordered if pair[0] != only]
            return ([(only, ordered[0][1])] + rest)[:len(ordered)]
        return ordered

    def _without_covered_ancestors(self, ordered: list[tuple[int, float]],
                                   spare: list[tuple[int, float]], top_k: int
                                   ) -> list[tuple[int, float]]:
        """The ranking without a clause, below the first, that is a heading of a clause ranked
        above it (10.1.2 below 10.1.2.2, 10 below both): the clause above already answers from
        inside it, and quoting the heading again hides a different act the question describes
        (a scenario's second step, 10.2 保护途径 beside 10.1.2.2). Its place goes to the next of
        the `spare` candidates, kept to `top_k`."""
        if not spare and len(ordered) <= 1:
            return ordered
        result = ordered[:1]
        for clause, score in ordered[1:] + spare:
            if len(result) >= top_k:
                break
            doc_id, key = self.clause_ids[clause]
            if any(self.clause_ids[c][0] == doc_id and self._is_ancestor(doc_id, key, c)
                   for c, _ in result):
                continue
            result.append((clause, score))
        return result

    def _is_ancestor(self, doc_id: str, key: str, clause: int) -> bool:
        """Whether the clause `key` of `doc_id` is a heading above `clause` (same document)."""
        document = self.corpus.documents[doc_id]
        return any(a.key == key for a in document.ancestors(self.clause_ids[clause][1]))

    def _children_first(self, ordered: list[tuple[int, float]], strength: dict[int, float],
                        ratio: float) -> list[tuple[int, float]]:
        """When a clause and one of its descendants both rank, and the descendant matches nearly
        as well, the descendant is the more precise answer: it moves ahead of its ancestor."""
        if ratio <= 0:
            return ordered
        result = list(ordered)
        i = 0
        while i < len(result):
            clause, _ = result[i]
            doc_id, key = self.clause_ids[clause]
            document = self.corpus.documents[doc_id]
            for j in range(i + 1, len(result)):
                other, _ = result[j]
                other_doc, other_key = self.clause_ids[other]
                if other_doc == doc_id and any(a.key == key for a in document.ancestors(other_key)) \
                        and strength.get(other, 0.0) >= ratio * strength.get(clause, 0.0) > 0:
                    result.insert(i, result.pop(j))
                    break
            else:
                i += 1
        return result

    def _per_clause(self, ranked_units: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """A ranking of units as a ranking of clauses: each clause at its best unit's place."""
        seen: dict[int, float] = {}
        for unit, score in ranked_units:
            seen.setdefault(self._clause_of_unit[unit], score)
        return list(seen.items())

    # -- scope ----------------------------------------------------------------------------------
    @property
    def anchors(self) -> frozenset[str]:
        if self._anchors is None:
            titles = {re.sub(r"\s+", "", c.title) for d in self.corpus.documents.values()
                      for c in d.clauses.values() if c.title and d.meta.language == "zh"}
            self._anchors = frozenset(
                set(domain_terms_zh()) | set(domain_stems_en()) | (titles - _GENERIC_TITLES))
        return self._anchors

    # -- search ---------------------------------------------------------------------------------
    def search(self, question: str, doc: str | None = None, top_k: int | None = None,
               named: NamedDocuments | None = None) -> Retrieval:
        """Ranked clauses for a question, or an abstention. Without `doc`, a question that names
        one document by its id or its own standard number is searched in that document only, and
        the clauses of documents it names otherwise (title, alias) are favoured (`named`: read
        from the question when not given)."""
        cfg = self.settings.retrieval
        if named is None:
            named = NamedDocuments() if doc else self.names.find(question)
        doc = doc or named.only
        self.indexes.refresh()  # a newer index version (`ipms index` meanwhile) is used from here
        language = language_of(question)
        dense_weight = cfg.dense_weight_zh if language == "zh" else cfg.dense_weight_en
        if dense_weight > 0:
            self.indexes.dense()  # both indexes from one version: one build on first use
        # A story of one audit finding is ranked by the finding (findings.py); the scope check
        # still reads the whole question.
        asked = finding_alone(question) or question
        query = self._query(asked, language)
        if named.mentioned:
            query = self._without_designations(query, asked)
        lexical_units = self.lexical.search(query.tokens + query.crossed, cfg.candidates * 2, doc,
                                            cfg.coverage_weight, query.pairs, cfg.bigram_weight)
        dense_units = (self.dense.search(asked, cfg.candidates * 2, doc)
                       if dense_weight > 0 else [])
        signals = self._signals(question, query, lexical_units, dense_units)
        reason = decide(signals, cfg)
        if company := self._company_documents(named, doc):
            reason = self._company_scope(question, language, reason, signals, company,
                                         lexical_units, dense_units)
        if reason is None and not lexical_units and not dense_units:
            reason = "nothing matched"
        if reason is not None:
            return Retrieval([], True, language, reason, signals, named)
        lexical = self._per_clause(lexical_units)[:cfg.candidates]
        dense = self._per_clause(dense_units)[:cfg.candidates]
        hits = self._rank(asked, doc, named, lexical, dense, dense_weight, top_k or cfg.top_k,
                          set(query.tokens))
        return Retrieval(hits, False, language, "", signals, named)

    def _company_documents(self, named: NamedDocuments, doc: str | None) -> list[str]:
        """The company's own documents the question names (`named.mentioned`, or `doc`):
        status.is_company_document, a user's document that is no published standard."""
        from assistant.answer.status import is_company_document

        return [d for d in ((doc,) if doc else named.mentioned)
                if d in self.corpus.documents and is_company_document(self.corpus.documents[d].meta)]

    def _company_scope(self, question: str, language: str, reason: str | None,
                       signals: ScopeSignals, company: list[str], lexical_units, dense_units
                       ) -> str | None:
        """The scope check's verdict (`reason`) for a question asked of the company's own
        documents `company` (我们公司的规定…, our policy…, 华瑞制度…). In scope whatever the
        standards' vocabulary says when one of their clauses holds min_own_coverage of what it
        asks (the question without the words naming the rules). Out of scope when it was in
        scope only by those words (制度 -> 知识产权制度, policy -> 管理方针) and the company's
        documents hold none of what it asks ("本制度对年休假有什么规定")."""
        asked = without_our_rules(question)
        query = self._query(asked, language)
        covers = self._company_covers(query, company)
        if covers >= self.settings.retrieval.min_own_coverage and not signals.foreign_standard:
            return None
        if reason is None and asked != question and covers == 0.0 and decide(
                self._signals(asked, query, lexical_units, dense_units),
                self.settings.retrieval) is not None:
            return "the company's documents named do not speak to it, nor do the standards"
        return reason

    def _company_covers(self, query: _Query, ids: list[str]) -> float:
        """The largest share of the question's information (its scope words, without the words of
        the company documents' titles: 恒岳, 制度) one clause of the documents `ids` holds."""
        best = 0.0
        for doc_id in ids:
            document = self.corpus.documents[doc_id]
            printed = document.clauses.get("title")
            titles = [document.meta.title_zh, document.meta.title_en, printed and printed.title]
            named_by = {t for title in titles if title for t in self.lexical.tokenizer.tokens(title)}
            tokens = [t for t in query.scope_tokens if t not in named_by]
            for unit, _ in self.lexical.search(tokens, 3, doc_id):
                best = max(best, self.lexical.coverage(tokens, unit, text_only=True))
        return best

    def _without_designations(self, query: _Query, question: str) -> _Query:
        """The query without the words of the standard numbers it names (ISO 56005: iso, 56005,
        iso56005), once the documents it names are known (they are favoured or searched alone):
        BM25 would otherwise rank a named document's clauses by how often each repeats the
        number (3(2)2 says ISO56005 four times) and not by what is asked ("ISO 56005 试点的目标
        是什么" -> 2 试点目标). A number is dropped when the corpus or the product knows it as a
        standard's (KNOWN_STANDARDS, a document's code), with the series written before it."""
        numbers = KNOWN_STANDARDS | set(self.names.codes)
        words: set[str] = set()
        for m in _DESIGNATION.finditer(fold(question).lower()):
            if m[2] in numbers:
                series = re.sub(r"[\s/]", "", m[1] or "")
                letters = re.match(r"[a-z]*", m[1] or "")[0]  # gb of gb/t, as the tokenizer has it
                words |= {m[2], series, series + m[2], letters, letters + m[2]} - {""}
        if not words:
            return query
        return replace(query, tokens=[t for t in query.tokens if t not in words])

    def _query(self, question: str, language: str, compliance: bool = True) -> _Query:
        """BM25 terms of the question: its words, the standard's words for its everyday words,
        and (for the languages configured) the other-language names of its glossary terms, so an
        English question meets the Chinese clauses' words too. A phrase checking compliance
        (_COMPLIANCE) leaves the keyword query; the scope check still reads it (compliance:
        False when reading it for the scope check alone)."""
        rest = _COMPLIANCE.sub("，", question) if language == "zh" and compliance else question
        if rest != question:
            query = self._query(rest, language)
            if set(query.tokens) & self.lexical.vocabulary:  # else the phrase is all it asks
                return replace(query, scope_tokens=self._query(question, language, False).scope_tokens)
        tokenize = self.lexical.tokenizer.tokens
        tokens = tokenize(question)
        pairs = split_pairs(question, lambda run: self.lexical.tokenizer.jieba.lcut(run, HMM=False))
        whole = whole_terms_zh()
        for term in standard_terms_zh(question):
            # its words, not a part across two of them (标注 of 商标注册, 发人 of 研发人员)
            words = self.lexical.tokenizer.term_tokens(term)
            # A name of the company's people or bodies as one word: 最高管理者, not also 管理 —
            # when the index holds it as a word (its clauses may say it inside a longer one:
            # 知识产权成果完成人 is indexed as 成果/完成人, never as 成果完成人).
            known = term in whole and term in words and term in self.lexical.vocabulary
            tokens += [term] if known else words
            pairs += self.lexical.tokenizer.term_pairs(term)
        scope_tokens = list(tokens)
        for term in standard_terms_en(question):
            tokens += tokenize(term)
        other = "en" if language == "zh" else "zh"
        glossary_terms = self.corpus.glossary.found_in(question)
        crossed = ([t for term in glossary_terms
                    for t in tokenize(term.canonical(other), whole_words=True)]
                   if language in self.settings.retrieval.cross_language_expansion else [])
        if digits := version_digits(question):  # a version: no clause's number
            tokens = [t for t in tokens if t not in digits]
            scope_tokens = [t for t in scope_tokens if t not in digits]
        return _Query(tokens, crossed, glossary_terms, scope_tokens, pairs)

    def _signals(self, question: str, query: _Query, lexical_units, dense_units) -> ScopeSignals:
        return ScopeSignals(
            # Words of the field: known anchors, and glossary terms (whole phrases) other than
            # the general ones — ordinary business words such as 企业, 合同, 登记手续.
            # A word naming standards of every field (国家标准) is not one of them.
            terms=[t for t in query.scope_tokens
                   if (t in self.anchors or names_the_field(t)) and not names_standards_in_general(t)]
            + [t.zh for t in query.glossary_terms
               if t.category != "general" and not names_standards_in_general(t.zh)]
            # and the Chinese twins of the field's terms it names in English (lab notebook)
            + english_field_terms(question)
            # and the acts an English story calls for (situations_en.txt: handed in her notice
            # -> departure): a situation the data recognises is one of the standard's topics
            + situation_acts_en(question)
            + self._terms_met(question, lexical_units)
            + self._terms_met_together(question, lexical_units)
            + self._situation_terms_met(question, lexical_units),
            best_similarity=max((s for _, s in dense_units), default=0.0),
            best_coverage=max((self.lexical.coverage(query.scope_tokens, u, text_only=True)
                               for u, _ in lexical_units[:3]), default=0.0),
            foreign_standard=foreign_standard(question, self.lexical.vocabulary, self.names.codes),
            asks_amount=asks_amount(question),
            other_domain=other_domain(question),
            asks_standard=asks_standard(question),
        )

    def _terms_met(self, question: str, lexical_units) -> list[str]:
        """The standard's terms a Chinese question's everyday phrases bring in (synonyms_zh.txt:
        外面的人 -> 外部专业机构, 给了意见 -> 改进措施) that one of the three best-matching
        clauses of the primary standard states in its text, when the question itself names
        that clause's topic: a word of its own or its headings' titles other than the field's
        leading words (战略 of 5 知识产权战略管理 for 5.4, which says 聘请外部专业机构). Such a
        question is one of the standard's topics told in everyday words ("战略执行得咋样谁来评，
        能不能找外面的人来评"): in scope, though it holds no term of the field. An everyday
        phrase alone ("客户说想私了，坐下来谈一谈行不行"), or beside words no heading of the
        clause names ("部门季度计划评完了"), counts for nothing."""
        if language_of(question) != "zh":
            return []
        terms = standard_terms_zh(question)
        if not terms:
            return []
        tokenize = self.lexical.tokenizer.tokens
        own = {w for w in tokenize(question) if len(w) >= 2}
        met = []
        for term in terms:
            pieces = set(tokenize(term))
            for unit, _ in lexical_units[:3]:
                clause = self._clause_of_unit[unit]
                if not self._primary[clause] or self.units[unit].rendition is not None:
                    continue
                if pieces <= self.lexical.text_terms(unit) \
                        and (own - pieces - {term}) & self._title_words[clause]:
                    met.append(term)
                    break
        return met

    def _terms_met_together(self, question: str, lexical_units) -> list[str]:
        """The standard's terms a Chinese question's everyday phrases bring in when two of them,
        neither a part of the other, are stated together in the text of one of the three
        best-matching clauses of the primary standard: two everyday phrases landing on one
        clause's own words ("跟大学合作做课题，老师想拿成果发论文" -> 科研院所, 研究信息发布:
        9.3.2.2 企业与高校、科研院所进行合作开发时，应建立研究信息发布程序) tell one of its
        topics, though the question holds no term of the field. One phrase alone still counts
        for nothing here (see _terms_met), nor does a general one (复盘 -> 分析: "项目复盘给了
        意见，下一步干嘛" is any project's)."""
        if language_of(question) != "zh":
            return []
        terms = [t for t in standard_terms_zh(question) if len(t) >= 2 and t not in _GENERIC_TITLES]
        if len(terms) < 2:
            return []
        for _, text in self._primary_texts(lexical_units):
            stated = [t for t in terms if t in text]
            together = [a for a in stated if any(b != a and a not in b and b not in a
                                                 for b in stated)]
            if together:
                return together
        return []

    def _situation_terms_met(self, question: str, lexical_units) -> list[str]:
        """The acts a Chinese question's situation calls for (situations_zh.txt: 落地的方案 ->
        实施方案, 交了辞呈 -> 离职) that one of the three best-matching clauses of the primary
        standard is titled with or states in its text: a story the file reads as calling for
        one of the standard's acts, met by a clause on that act, is a question of the field
        though it names no term of it ("三年规划定下来了，落地的方案里要写清楚哪些东西" -> 5.3
        says 实施方案). A story of the company itself (_OWN_COMPANY: 我们, 公司, 市场部) counts
        the standard's terms its everyday words bring in too (synonyms_zh.txt: 公众号 -> 对外信息
        发布, 电商平台 -> 市场监控; three characters or more, no general title, no party: 外面的人
        -> 外部专业机构 names who, not what is done) when such a clause states them: "市场部…发到
        公众号上，事先没人看过" is 7.4.1's c) 在对外信息发布之前进行相应审批. One such word in a
        question not about the company ("毕业论文的格式要求") stays out. An act no such clause
        states counts for nothing."""
        if language_of(question) != "zh":
            return []
        acts = situation_acts_zh(question)
        if _OWN_COMPANY.search(question):
            acts += [t for t in standard_terms_zh(question) if len(t) >= 3
                     and t not in _GENERIC_TITLES and not _PARTY.search(t) and t not in acts]
        if not acts:
            return []
        met = []
        for clause, text in self._primary_texts(lexical_units):
            met += [a for a in acts if (a in text or a in self._topics[clause]) and a not in met]
        return met

    def _primary_texts(self, lexical_units):
        """(clause index, its body without whitespace) of the primary standard's own clauses
        (no rendition) among the three best keyword matches, best first."""
        for unit, _ in lexical_units[:3]:
            clause = self._clause_of_unit[unit]
            if not self._primary[clause] or self.units[unit].rendition is not None:
                continue
            doc_id, key = self.clause_ids[clause]
            yield clause, re.sub(r"\s+", "", self.corpus.documents[doc_id].clauses[key].body)

    @cached_property
    def _title_words(self) -> list[frozenset[str]]:
        """Per clause, the words of its own and its headings' Chinese titles, without the
        field's leading words and 管理 (5.4: 战略, 评价)."""
        tokenize = self.lexical.tokenizer.tokens
        plain = {"企业", "知识", "产权", "知识产权", "管理"}
        words = []
        for doc_id, key in self.clause_ids:
            doc = self.corpus.documents[doc_id]
            titles = [c.title for c in [doc.clauses[key], *doc.ancestors(key)]
                      if c.title] if doc.meta.language == "zh" else []
            words.append(frozenset(w for t in titles for w in tokenize(t)) - plain)
        return words

    def _rank(self, question: str, doc: str | None, named: NamedDocuments, lexical, dense,
              dense_weight: float, top_k: int, asked: set[str] | None = None) -> list[Hit]:
        """Fuse the two clause rankings and apply the priors (named document, requirement
        clauses over definitions, a closely matching child over its parent, a clause with text
        over a heading that only names it, a sibling the
        question names by its title over the first); the same clause of one document family is
        kept once (families.py). `asked`: the question's BM25 terms, for reading English titles."""
        cfg = self.settings.retrieval
        fused = rrf([(cfg.lexical_weight, lexical), (dense_weight, dense)], cfg.rrf_k,
                    cfg.score_weight)
        if named.mentioned and not doc:
            # The question names a document ("the ISO 56005 notice"): its clauses come first.
            for clause in fused:
                if self.clause_ids[clause][0] in named.mentioned:
                    fused[clause] *= cfg.named_document_boost
        if not (_DEFINITIONAL.search(question)
                or _DOCUMENT_CUE.search(question) and _DOCUMENT_NOUN.search(question)):
            # Definitions and front matter answer "what is X" and "what is this standard";
            # for every other question a requirement clause is the better answer.
            for clause in fused:
                if self._secondary[clause]:
                    fused[clause] *= cfg.secondary_clause_weight
        lex_rank = {clause: r for r, (clause, _) in enumerate(lexical, start=1)}
        dense_rank = {clause: r for r, (clause, _) in enumerate(dense, start=1)}
        similarity = dict(dense)
        lexical_score = dict(lexical)
        ordered = sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))
        ordered = self._role_first(question, ordered, cfg.role_window,
                                   frozenset(named.mentioned) if not doc else frozenset(), asked)
        ordered = self._listed_contents_first(question, ordered, cfg.listed_contents_ratio,
                                              cfg.listed_contents_window)
        spare = cfg.covered_ancestor_spare
        kept = self.families.collapse([self.clause_ids[c] for c, _ in ordered], top_k + spare)
        also = {ordered[i][0]: members for i, members in kept}
        extra = [ordered[i] for i, _ in kept[top_k:]]
        ordered = self._children_first([ordered[i] for i, _ in kept[:top_k]], lexical_score,
                                       cfg.child_ratio)
        ordered = self._text_first(ordered)
        ordered = self._named_sibling_first(question, ordered, cfg.named_sibling_ratio)
        ordered = self._named_sibling_first_en(question, ordered, cfg.named_sibling_ratio_en, asked)
        ordered = self._named_child_first_en(question, ordered, cfg.title_named_ratio_en,
                                             cfg.title_named_window_en, asked)
        ordered = self._head_first(question, ordered, cfg.title_head_ratio, _HEAD_WINDOW)
        ordered = self._untailored_first(question, ordered, cfg.untailored_ratio, _SIBLING_WINDOW)
        ordered = self._before_first(question, ordered, cfg.before_duty_ratio, _HEAD_WINDOW)
        ordered = self._before_act_first(question, ordered, _BEFORE_ACT_RATIO, _SIBLING_WINDOW)
        ordered = self._lead_label_first(question, ordered, _LEAD_LABEL_RATIO, _HEAD_WINDOW)
        ordered = self._clause_over_stage(question, ordered, cfg.stage_clause_ratio, _HEAD_WINDOW,
                                         asked, cfg.stage_occasion_ratio)
        ordered = self._actor_first(question, ordered, cfg.role_window)
        ordered = self._title_named_first_en(question, ordered, cfg.title_named_ratio_en,
                                             cfg.title_named_window_en, lexical_score, asked)
        ordered = self._primary_before_notice_zh(question, ordered, cfg.primary_first_ratio_zh,
                                                  _HEAD_WINDOW, bool(named.mentioned or doc))
        ordered, extra = self._situation_act_first(question, ordered, extra)
        ordered, extra = self._situation_act_lexical_first(question, ordered, extra, lexical, fused)
        ordered = self._without_covered_ancestors(ordered, extra, top_k)
        return [Hit(*self.clause_ids[c], score, lex_rank.get(c), dense_rank.get(c),
                    similarity.get(c), lexical_score.get(c), also.get(c, [])) for c, score in ordered]
