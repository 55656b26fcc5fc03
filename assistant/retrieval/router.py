"""Find clause numbers named in a question, in any common form, and look them up.

Forms: 4.3.2 · 第4.3.2条 · 4.3.2条 · clause 4.3.2 · section 4.3.2 · §4.3.2 · ４．３．２ · 第四章 ·
chapter 4 · ch. 4 · Chapter IX · chapter eight · 第九部分 · annex clauses A.1, A.2.1 and 附录A ("A") · articles of rules
第三条, 第一百条 (kept as "第三条", the label the section parser gives them). Not clause numbers:
GB/T 1.1—2009, ISO 9001:2015, quantities (3.5%, 1.5倍, 1.5小时, 2.5千万, 1.5 hours, 2.5 million,
¥2.5), decimals (1.05), version 2.0, dates, tables and figures (表A.1, 图3).

In context (read_clause_numbers): a bare dotted number is asked about only when the question is
about little else or a word asking what it says follows it; otherwise it is background to a
question about something else, which is answered by search.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.corpus.section_parser import cn_numeral, cn_numeral_value
from assistant.models import Clause
from assistant.textutil import fold, language_of

_CN_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

_W = "A-Za-z0-9_"  # ASCII word characters: a CJK character next to a number is fine (第4.3.2条)
_DOTTED = re.compile(rf"(?<![{_W}.\-/:])(\d{{1,2}}(?:\.\d{{1,3}}){{1,5}})(?![{_W}]|\.\d)")
_SINGLE = re.compile(
    r"第\s*(\d{1,2})\s*(?:[章条條节節]|部分)"
    rf"|(?<![{_W}])(?:chapter|clause|section|part|§|chap\.?|ch\.?|article|art\.?)\s*(\d{{1,2}})"
    rf"(?![{_W}.]|\.\d)"
    rf"|(?<![{_W}.])(\d{{1,2}})\s*章",
    re.IGNORECASE,
)
_CN_CHAPTER = re.compile(r"第([一二三四五六七八九十]{1,3})(?:章|部分)")
_CN_ARTICLE = re.compile(r"第\s*([一二三四五六七八九十百零〇两]{1,6})\s*[条條]")
# Chapter IX, part iv; after "section" or "clause" only in capitals (Section IV).
_ROMAN = re.compile(r"(?<![A-Za-z0-9_])(?:(?i:chapter|chap\.?|part)\s+([IVXivx]{1,5})"
                    r"|(?i:section|clause)\s+([IVX]{1,5}))(?![A-Za-z0-9_.])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# Chapter eight, part three, ch. twelve: a chapter number spelt out in English.
_EN_NUMBERS = {w: i for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split(), start=1)}
_EN_CHAPTER = re.compile(r"(?i)(?<![A-Za-z0-9_])(?:chapter|part|section|chap\.?|ch\.?)\s*("
                         + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
                         + r")(?![A-Za-z0-9_])")
# What makes a bare dotted number a clause reference: a clause word before or after it.
_CUE_BEFORE = re.compile(
    r"(?i)(第|条款|(?<![a-z])(?:clauses?|sections?|sub-?clauses?|cl|sec|article|art|paragraph"
    r"|para|§)\.?)\s*(?:[\d.]+\s*(?:,|and|与|和|、)\s*)*$")
_CUE_AFTER = re.compile(r"^\s*(?:[条條节節款章]|条款)")
# Words next to a number that ask about it: 4.3.2要求什么, what does 4.3.2 say.
_ASKED_AFTER = re.compile(
    r"(?i)^\s*(?:的)?\s*(?:要求|规定|讲|说|是什么|是啥|是关于|指|内容|定义|意思|包括|列|say|says"
    r"|said|require|requires|required|cover|covers|mean|means|define|defines|list|lists|state"
    r"|states|ask|asks|\?|？|$)")
# An annex clause: a capital letter then dotted numbers, not a table or figure's number (表A.1).
_ANNEX_DOTTED = re.compile(
    r"(?<![A-Za-z0-9_.\-/:表图])([A-Z](?:\.\d{1,3}){1,5})(?![A-Za-z0-9_]|\.\d)")
_ANNEX = re.compile(r"附\s*录\s*([A-Z])(?![A-Za-z0-9_]|\.\d)")
_ANNEX_CUE_EN = re.compile(r"(?i)\b(annex|appendix|clause|section|article)\s*$|§\s*$")
# A standard's series or a version before a number; a whole word ("sample-db 6.1" is a clause).
_NOT_CLAUSE_BEFORE = re.compile(
    r"(?i)(?<![A-Za-z0-9_\-])(gb\s*/?\s*t?|iso|iec|db\s*\d*\s*/?\s*t?|version|ver|v|python|no"
    r"|版本|版|v\.)\s*$")
# Units and amounts: "3.5%", "1.5倍", "1.5小时", "2.5千万", "3.5 mm", "1.5 hours", "2.5 million";
# years of standards: "1.1—2009". A clause number's own words (条, 节, 款, 章) are not units.
# Characters that also begin words a clause title may start with (人员, 项目, 分类) count only
# when no such word follows.
_UNITS_ZH = ("小时|个小时|学时|课时|分钟|秒|天|日|周(?!期)|星期|个月|月|年|岁|千万|百万|十万|万|千|百"
             "|亿|元|块|美元|欧元|港元|倍|人次|次|个|名(?![称单义])|人(?![力员事才])|位(?!置)"
             "|家(?!族)|件|项(?!目)|份|页|篇|批|届|期(?![间限])|分(?![类析配级支])|米|公里|公斤|克"
             "|吨|度(?!量)|号|版|%|％|‰")
_UNITS_EN = ("hours?|hrs?|h|minutes?|mins?|min|seconds?|secs?|s|ms|days?|weeks?|months?|years?"
             "|yrs?|million|mn|billion|bn|thousand|k|percent|per\\s*cent|pct|times|people|persons?"
             "|staff|employees|participants|attendees|students|points?|pages?|items?|patents?"
             "|trademarks?|copies|mm|cm|km|m|kg|mg|g|t|ghz|mhz|khz|hz|tb|gb|mb|kb|ml|l|kv|v|kw"
             "|kwh|w|rmb|usd|eur|cny|hkd|yuan|dollars?|euros?")
_NOT_CLAUSE_AFTER = re.compile(
    rf"^(\s*(?:{_UNITS_ZH})|\s*[—–-]\s*\d{{4}}|[a-z]|\s+(?:{_UNITS_EN})\b)", re.IGNORECASE)
# Money and approximations before a number: "¥2.5", "RMB 1.5", "约1.5", "about 2.5 ...".
_AMOUNT_BEFORE = re.compile(
    r"(?i)([¥￥$€£]|\b(?:rmb|usd|eur|cny|hkd|us\$)|约|大约|近|超过|不到|不足|将近|每)\s*$")


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_NUMERALS[text[1]]
    if len(text) == 3 and text[1] == "十":
        return _CN_NUMERALS[text[0]] * 10 + _CN_NUMERALS[text[2]]
    if len(text) == 2 and text[1] == "十":
        return _CN_NUMERALS[text[0]] * 10
    return _CN_NUMERALS[text[0]]


def _normalise(question: str) -> str:
    """NFKC-folded (full-width forms as ASCII), traditional 條/節 as 条/节, a dot typed
    between digits in any form as "." (offsets are of this text, not of the question)."""
    text = fold(question).translate(str.maketrans("條節", "条节"))
    return re.sub(r"(?<=\d)\s*[。·•．]\s*(?=\d)", ".", text)


@dataclass(frozen=True)
class Mention:
    """A clause number as written in a question: where (character offsets of the normalised
    text), the number as looked up, and whether its form says it is a clause (第…条, clause,
    section, §, chapter, 附录; a bare 4.3.2 is not cued)."""

    start: int
    end: int
    number: str
    cued: bool
    form: str = ""  # "article" (第5条, 第五条, Article 5) or "chapter" (第9章, 第九章, chapter 9)


def _roman(text: str) -> int | None:
    values = [_ROMAN_VALUES[ch] for ch in text.upper()]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
    return total if 0 < total < 40 else None


_ARTICLE_WORD = re.compile(r"(?i)[条]|^(?:article|art)\b")
_CHAPTER_WORD = re.compile(r"(?i)章|^(?:chapter|chap|ch)\b")


def _form(written: str) -> str:
    """What a single number's own word makes it: "article" (第5条, Article 5, Art. 5),
    "chapter" (第9章, chapter 9, Chapter IX), or "" (clause 5, section 5, 第九部分)."""
    if _ARTICLE_WORD.search(written):
        return "article"
    return "chapter" if _CHAPTER_WORD.search(written) else ""


def number_forms(question: str) -> dict[str, str]:
    """The clause numbers of a question (as find_clause_numbers gives them) that its words
    make articles or chapters: {"5": "article"} for 第5条 or Article 5, {"9": "chapter"} for
    第九章 or chapter 9. Rules numbered 第一条 read 第5条 as their 第五条; a missing chapter is
    said to be a missing chapter."""
    return {m.number: m.form for m in mentions(question) if m.form}


def article_label(number: str) -> str | None:
    """The article label (第五条) of a plain number ("5"); None for any other number."""
    return f"第{cn_numeral(int(number))}条" if number.isdigit() and 0 < int(number) < 1000 else None


def mentions(question: str) -> list[Mention]:
    """Every clause number the question names, in order of appearance (repeats kept); never a
    quantity (1.5小时, 2.5 million, ¥2.5), a decimal (1.05), a standard's number or a version."""
    text = _normalise(question)
    found: list[Mention] = []
    for m in _DOTTED.finditer(text):
        before, after = text[: m.start()], text[m.end():]
        cued = bool(_CUE_BEFORE.search(before) or _CUE_AFTER.match(after))
        if _NOT_CLAUSE_BEFORE.search(before) or _AMOUNT_BEFORE.search(before) or (
                _NOT_CLAUSE_AFTER.match(after) and not _CUE_AFTER.match(after)):
            continue
        parts = m.group(1).split(".")
        if any(int(p) == 0 or int(p) > 99 or (len(p) > 1 and p.startswith("0")) for p in parts):
            continue  # clause numbers count from 1 and are never written 1.05
        found.append(Mention(m.start(), m.end(), ".".join(str(int(p)) for p in parts), cued))
    for m in _SINGLE.finditer(text):
        number = next(g for g in m.groups() if g)
        if int(number) > 0:
            found.append(Mention(m.start(), m.end(), str(int(number)), True, _form(m.group())))
    for m in _ROMAN.finditer(text):
        if (value := _roman(m.group(1) or m.group(2))) is not None:
            found.append(Mention(m.start(), m.end(), str(value), True, _form(m.group())))
    for m in _EN_CHAPTER.finditer(text):
        found.append(Mention(m.start(), m.end(), str(_EN_NUMBERS[m.group(1).lower()]), True,
                             _form(m.group())))
    for m in _CN_CHAPTER.finditer(text):
        found.append(Mention(m.start(), m.end(), str(_cn_number(m.group(1))), True,
                             _form(m.group())))
    for m in _CN_ARTICLE.finditer(text):
        value = cn_numeral_value(m.group(1))
        if value is not None:
            found.append(Mention(m.start(), m.end(), f"第{cn_numeral(value)}条", True, "article"))
    english = language_of(text) == "en"
    for m in _ANNEX_DOTTED.finditer(text):
        cued = bool(_ANNEX_CUE_EN.search(text[: m.start()]))
        if english and not cued:
            continue  # "plan B.2", "option A.1": in English an annex clause is named as one
        if not _NOT_CLAUSE_BEFORE.search(text[: m.start()]) and all(
                0 < int(p) <= 99 for p in m.group(1).split(".")[1:]):
            found.append(Mention(m.start(), m.end(), m.group(1), cued or not english))
    for m in _ANNEX.finditer(text):
        found.append(Mention(m.start(), m.end(), m.group(1), True))
    return sorted(found, key=lambda x: x.start)


# A version after a number: "9.3版本的手册", "2.0 version".
_VERSION_AFTER = re.compile(r"(?i)^\s*(?:版本|版|version|ver\b)")


def version_digits(question: str) -> frozenset[str]:
    """The digit runs of the dotted numbers a question writes as versions (9.3版本, 版本2.1,
    version 3.2): no clause's number, so words the keyword search should not read, since
    clause texts print their own numbers (9.3.3.1企业通过继受取得…). Digits of a clause number
    the question names too are kept. Quantities (1.5小时, 1.2亿) keep theirs: without them two
    blind16dev questions lost their clause (measured in session 30)."""
    text = _normalise(question)
    kept = {d for m in mentions(question) for d in m.number.split(".")}
    return frozenset(d for m in _DOTTED.finditer(text)
                     if _NOT_CLAUSE_BEFORE.search(text[: m.start()])
                     or _VERSION_AFTER.match(text[m.end():])
                     for d in (str(int(p)) for p in m.group(1).split(".")) if d not in kept)


def find_clause_numbers(question: str) -> list[str]:
    """The clause numbers a question names, in order of appearance, without repeats."""
    seen: list[str] = []
    for mention in mentions(question):
        if mention.number not in seen:
            seen.append(mention.number)
    return seen


@dataclass(frozen=True)
class NumberReading:
    """The clause numbers of a question, by what the question does with them: asked — it asks
    what they say (第4.3.2条, 4.3.2讲什么, what does 4.3.2 require); background — it names them
    in passing and asks something else (去年按4.3.2整改过文件控制，现在想问培训应该覆盖哪些人员)."""

    asked: list[str]
    background: list[str]
    # What to search with when there is background: the question without the sentences that
    # hold it ("现在想问知识产权培训应该覆盖哪些人员？"), or the whole question when little else
    # would be left.
    search_text: str = ""


_SENTENCES = re.compile(r"(?:[^，,。；;！!？?.]|\.(?!\s))+(?:[，,。；;！!？?]|\.(?=\s))*")
# A sentence that asks: a question mark, a Chinese question word, or an English sentence opened
# by a question word or an auxiliary ("What should …", "Do we …").
_ASKS = re.compile(
    r"[？?]|什么|啥|哪|怎么|怎样|如何|吗|呢|多少|多久|几[个项次条种年天]|是否|要不要|需不需要|能不能|可不可以|能否"
    r"|有没有|请问|想问|想了解|请教|(?i:^\s*(?:and\s+|so\s+|now\s+|then\s+)?(?:what|which|how|who|whom"
    r"|when|where|why|whether|do|does|did|is|are|can|could|should|must|shall|will|would|may)\b)")


# Words of a question that ask about a number rather than about a topic: what remains of a
# question without them (and its numbers) is its own topic.
_ASKING_ZH = re.compile(
    "请|解释|一下|说明|介绍|概述|总结|详细|具体|列出|讲的|讲了|讲|说的|说了|说|是什么|是啥|是关于|是"
    "|的|了|什么|啥|哪些|哪几|有|要求|规定|内容|主要|关于|条款|条|款|节|章|意思|定义|怎么|如何|呢|吗"
    "|呀|么|里面|里|中|提到|都|给我|看看|查|一看|标准|北京|这|那|个|之|包括|包含|指|可以|能|我|想"
    "|知道|问|下|和|与|及|、|，|。|？|！|：|；|[,.?!:;\\s]")
_ASKING_EN = frozenset("""what whats what's does do did is are was were the a an of in on about
say says said require requires required requirement requirements explain show me give tell
list lists cover covers covered mean means define defines defined term terms summarise
summarize summary overview content contents text it this that and or for please ask asks to
be by standard beijing bj ipm bj-ipm clause clauses section sections sub-clause subclause
article paragraph chapter annex cl sec art para under there which how can you i we in""".split())
MAX_TOPIC = 8  # a question with more than this much topic of its own (CJK characters, or two
#                per English word) asks about that topic, not about a bare number in it


def _topic_size(text: str) -> int:
    """How much a text says besides asking: its CJK characters outside _ASKING_ZH, and two for
    each English word outside _ASKING_EN."""
    cjk = len(re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]", _ASKING_ZH.sub("", text)))
    words = [w for w in re.findall(r"[a-z][a-z'\-]*", text.lower()) if w not in _ASKING_EN]
    return cjk + 2 * len(words)


def read_clause_numbers(question: str, title=None) -> NumberReading:
    """The question's clause numbers, asked or background (NumberReading).

    `title(number)`: the title of the clause a number names in the corpus, None when no clause
    has it; without it every number counts as a clause with no title. A number is asked about
    when its form says it is a clause (第…条, clause, section, §, chapter), when the question is
    about little else than the number and its clause's title (4.3.2?, what is in 11.4.2.9,
    4.3.3 合同管理有什么要求), or when it names a clause and a word that asks what it says
    follows it (4.3.2要求什么, 4.3.2 requires). Otherwise it is background."""
    text = _normalise(question)
    found = mentions(question)
    rest = text
    for mention in reversed(found):
        rest = rest[: mention.start] + " " + rest[mention.end:]
    for mention in found:
        named = title(mention.number) if title else None
        if named:
            rest = rest.replace(named, " ")
    thin = _topic_size(rest) <= MAX_TOPIC
    titles = [t for m in found if title and (t := title(m.number))]
    asked: list[str] = []
    background: list[str] = []
    passing: list[Mention] = []
    sentences = [(m.start(), m.end()) for m in _SENTENCES.finditer(text)]
    for mention in found:
        # A sentence that only tells (4.3.2我们做完了，…) beside one that asks about a topic of
        # its own (…那合同审查要怎么做) makes the number background, however short the question.
        is_asked = not _asked_elsewhere(text, mention, found, sentences, titles) and (
            thin or mention.cued or _ASKED_AFTER.match(text[mention.end:]) is not None
            and (title is None or title(mention.number) is not None))
        into = asked if is_asked else background
        if mention.number not in into:
            into.append(mention.number)
        if not is_asked:
            passing.append(mention)
    search_text = text
    if passing and not asked:
        kept = "".join(m.group() for m in _SENTENCES.finditer(text)
                       if not any(m.start() <= x.start < m.end() for x in passing)).strip()
        search_text = kept if _topic_size(kept) > 2 else text
    return NumberReading(asked, [n for n in background if n not in asked], search_text)


# Words that point back at the clause named before ("4.3.2, what does it require?"): a sentence
# holding one asks about that clause, not about a topic of its own.
_REFERS_BACK = re.compile(r"(?i)\b(?:it|its|this|these|that one|there)\b|这条|该条|此条|本条|它|其中|里面")
# Words that ask what to do without naming a topic ("按4.3.2，我们要做什么？").
_DOING_ZH = re.compile("我们|咱们|公司|企业|需要|应该|应当|要|得|做|干|办|搞")


def _asked_elsewhere(text: str, mention: Mention, found: list[Mention],
                    sentences: list[tuple[int, int]], titles: list[str] = ()) -> bool:
    """Whether the sentence holding `mention` only tells (按第4.3.2条整改过文件控制，…; "Under
    clause 4.3.2 we set up document control.") while another sentence, naming no clause,
    asks about a topic of its own (…现在想问培训应该覆盖哪些人员？) — not the named clauses'
    `titles`, nor "it" — then the number, whatever its form, is background to that question."""
    own = next(((a, b) for a, b in sentences if a <= mention.start < b), None)
    if own is None or _ASKS.search(text[own[0]:own[1]]):
        return False

    def topic(sentence: str) -> int:
        for named in titles:
            sentence = sentence.replace(named, " ")
        return _topic_size(_DOING_ZH.sub(" ", sentence))

    def names_none(a: int, b: int) -> bool:
        return not any(a <= m.start < b for m in found)

    if any(_ASKS.search(text[a:b]) and topic(text[a:b]) > 2
           and not _REFERS_BACK.search(text[a:b]) and names_none(a, b)
           for a, b in sentences if (a, b) != own):
        return True
    # A story that goes on after the sentence naming the clause ends, telling a matter of its
    # own in sentences naming no clause, then asks a short question ("Our auditor cited clause
    # 4.2.2 last year. This year's internal audit produced findings but no audit criteria. Is
    # that enough?"): the question, "that" or "it" included, asks about what was told last.
    if not re.search(r"[。！!；;.]\s*$", text[own[0]:own[1]]):
        return False
    later = [(a, b) for a, b in sentences if a >= own[1]]
    for k, (a, b) in enumerate(later):
        if _ASKS.search(text[a:b]):
            told = later[:k]
            return bool(told) and names_none(told[0][0], b) \
                and topic(text[told[0][0]:told[-1][1]]) > 2
    return False


@dataclass
class RoutedNumber:
    number: str
    status: Literal["found", "ambiguous", "missing"]
    clauses: list[Clause] = field(default_factory=list)  # every clause with this number
    nearest: list[Clause] = field(default_factory=list)  # offered when missing


def _parts(number: str) -> tuple[int, ...] | None:
    """Numeric parts of a dotted clause number; None for section labels like '3(2)1'."""
    if not re.fullmatch(r"\d+(\.\d+)*", number):
        return None
    return tuple(int(p) for p in number.split("."))


def nearest_clauses(number: str, numbered: list[Clause], limit: int = 3) -> list[Clause]:
    """Existing clauses closest to a missing number: its nearest existing ancestor and the
    siblings with the closest numbers."""
    target = _parts(number)
    if target is None:
        return []

    def closeness(clause: Clause) -> tuple[int, int, int]:
        parts = _parts(clause.number)
        common = 0
        for a, b in zip(parts, target):
            if a != b:
                break
            common += 1
        next_gap = abs(parts[common] - target[common]) if common < min(len(parts), len(target)) else 0
        return (-common, next_gap, abs(len(parts) - len(target)))

    unique = {c.number: c for c in numbered
              if c.number and "#" not in c.key and _parts(c.number) is not None}
    return sorted(unique.values(), key=closeness)[:limit]


_ARTICLE_LABEL = re.compile(r"第([一二三四五六七八九十百零〇两]{1,6})条")  # as find_clause_numbers gives it


def article_as_chapter(number: str) -> str | None:
    """The chapter number an article label in Chinese numerals stands for in a standard
    numbered 1, 2, 3 (第五条 -> "5", as 第5条 is read); None for any other number."""
    article = _ARTICLE_LABEL.fullmatch(number)
    value = cn_numeral_value(article.group(1)) if article else None
    return str(value) if value is not None else None


def by_number(numbered: list[Clause]) -> dict[str, list[Clause]]:
    """A lookup table's clauses by number (a number printed twice has both), for `route`."""
    table: dict[str, list[Clause]] = {}
    for clause in numbered:
        table.setdefault(clause.number, []).append(clause)
    return table


def route(numbers: list[str], numbered: list[Clause],
          table: dict[str, list[Clause]] | None = None,
          nearest: bool = True) -> list[RoutedNumber]:
    """Look each number up among `numbered` (a document's lookup table; `table` is
    by_number(numbered) when the caller keeps it). A chapter number that is missing stands for
    the chapter of rules printed 第N章 ("4" finds 第四章). With `nearest` False, a missing number
    gets no nearest clauses (ranking them reads the whole table: too slow to ask of every
    document in a corpus of many)."""
    by_number_ = table if table is not None else by_number(numbered)
    routed = []
    for number in numbers:
        matches = by_number_.get(number, [])
        if not matches and number.isdigit() and 0 < int(number) < 1000:
            chapter = f"第{cn_numeral(int(number))}章"
            matches = by_number_.get(chapter, [])
            number = chapter if matches else number
        if not matches:
            routed.append(RoutedNumber(number, "missing", nearest=nearest_clauses(
                number, numbered) if nearest else []))
        else:
            routed.append(RoutedNumber(number, "ambiguous" if len(matches) > 1 else "found", matches))
    return routed


# English words that make a sentence English whatever terms it quotes; Chinese words that make it
# Chinese whatever English names it holds (SaaS, ISO 56005, IP).
_ENGLISH_GRAMMAR = frozenset("""what which who whom how why when where whether is are was were
does do did the a an of and or between in on for to from should must can could would shall may
we our us you your it its this that these those with about under than""".split())
_CHINESE_GRAMMAR = re.compile("吗|呢|什么|啥|怎么|怎样|如何|哪|是否|要不要|能不能|有没有|多少|多久|请问|区别|一下")


def question_language(question: str, default: str, ignore=None) -> str:
    """The language to answer in: 'en' for an English sentence even when it quotes Chinese
    terms ("What is the difference between 知识产权管理人员 and 知识产权工作人员?": two English
    words of grammar or more and no Chinese question word); `default` — the language of the
    standard the question is looked up in — for a question of numbers alone (4.9.9, １２．１);
    else the language most of its letters are in (language_of) once `ignore(question)` has taken
    out what does not count (a standard's designation: GB/T 29490 8.3 is read as before)."""
    letters = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
    if not letters.search(_normalise(question)):
        return default
    text = re.sub(r"[\d.]+", " ", _normalise(ignore(question) if ignore else question))
    words = re.findall(r"[A-Za-z]+", text)
    if sum(w.lower() in _ENGLISH_GRAMMAR for w in words) >= 2 and not _CHINESE_GRAMMAR.search(text):
        return "en"
    return language_of(text)
