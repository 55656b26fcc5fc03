"""Is a question inside what the corpus can answer? Signals and the decision, kept apart from
ranking so each rule can be read and tested on its own."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from assistant.answer.answerability import asked_part, own_amount, own_budget
# The synonym files' matching rules (whole words with their regular endings), so the scope files
# read as synonyms_en.txt does.
from assistant.retrieval.expansion import _may_occur, _variants_pattern
from assistant.retrieval.tokenize import american, term_groups, word_list
from assistant.settings import RetrievalSettings
from assistant.textutil import fold

# Edges of a Latin word or number that hold in Chinese text too: `\b` finds no edge between a
# Chinese character and a letter ("符合GB 4806", "通过了ISO 9001", "我们IP部门"), since both
# are word characters to it.
_START = r"(?<![A-Za-z0-9])"
_END = r"(?![A-Za-z0-9])"
# A named standard: ISO 9001, GB/T 19001, IEC 27001, DB11/T 937 ..., glued to Chinese or not.
_STANDARD_REF = re.compile(_START + r"(iso|iec|gb\s*/?\s*[tz]|gb|db\s*\d+\s*/\s*t)"
                           r"\s*[-_ ]?\s*(\d{3,6})(?!\d)", re.IGNORECASE)
# Questions after a sum of money or a rate: the standards set out duties, never fees or prices.
# In English the words must ask for the amount ("what is the filing fee", "how much does"), not
# name a kind of cost ("which cost categories should the IP budget cover", "who is in charge").
_ASKS_AMOUNT = re.compile(
    r"多少钱|费用是多少|收费|价格|报价|费率|税率|补偿金|官费|申请费|年费是多少"
    r"|(?i:\bhow much (does|do|is|are|will|would|should)\b|\bcharges? (?:per|for)\b"
    r"|\bwhat(?:'s| is| are| would be| will be) (?:the |our |a |an )?(?:\w+ ){0,2}(?:fees?|prices?|costs?|charges?)\b"
    r"|\b(?:fees?|prices?|costs?) (?:is|are|of|for)\b|\bwhat (?:does|do|would|will)\b.{0,40}\bcost\b"
    r"|\b(vat|tax) rate\b)")
# A question asking what the standards themselves say or require ("What does the standard
# require when we hire a new engineer?", "标准里怎么说", "按贯标要求", with a word of how firmly:
# "标准硬性要求可量化吗", "标准有没有明确规定"): it asks the corpus, even in
# everyday words no term of the field names (hire, resign). A standard the corpus lacks is
# caught before (foreign_standard), a neighbouring field too (other_domain).
_ASKS_STANDARD = re.compile(
    # of the matter told before it too: 标准对这种事有没有要求, 标准对这类情况怎么规定
    r"标准(?:里|中|上|对此|对这(?:种|类|个|些)?(?:事情?|情况|问题|做法)?)?(?:是)?"
    r"(?:怎么|咋|如何|有没有|有什么|有啥|有哪些|是否)"
    r"(?:说|讲|规定|要求|提|写)"
    # how firmly, of the standard itself, not of another field's (排放标准, 国家标准)
    r"|(?:(?<![\u4e00-\u9fff])|(?<=这个)|(?<=这套)|(?<=这份)|(?<=该)|(?<=贯标))标准(?:里|中|上)?"
    r"(?:有没有|是否|是不是)?(?:硬性|明确|强制)(?:规定|要求)|(?:按|按照|根据|依据)(?:贯标|标准|规范)|贯标(?:要求|规定|里|中)"
    # the standard at hand, named as a national standard (这个国家标准对合同有什么要求)
    r"|(?:这个|这套|这份|该|贯标的?)(?:国家标准|国标)"
    r"|(?i:\b(?:what|how|where)\b.{0,30}\b(?:the|our|this|your) (?:ip[- ]management )?"
    r"(?:standards?|specification|spec)\b.{0,12}\b(?:say|says|require|requires|expect|expects"
    r"|cover|covers|mention|mentions|state|states|want|wants)\b"
    r"|\b(?:does|do|did) (?:the|our|this) (?:standards?|specification|spec) (?:say|require|expect"
    r"|cover|mention|state|want)\b|\b(?:under|according to|per|by) the (?:standards?|specification"
    r"|spec)\b|\bthe standard(?:'s|s') requirements?\b)")
# Standards the product knows of even when the user has not loaded their text.
KNOWN_STANDARDS = frozenset({"29490", "56005", "21374", "19000", "937"})


# Words that make a question an IP question even when it also names a neighbouring field; 知产 is
# how staff shorten 知识产权 ("签知产方面的声明…写在劳动合同里行不行"); 竞业禁止 and 竞业限制 are the
# standard's own words for what a labour contract holds (bj-ipm 7.3.2.4, 7.3.2.5).
_CORE_IP = re.compile(r"知识产权|知产|竞业禁止|竞业限制|专利|商标|著作权|版权|商业秘密|技术秘密|贯标|(?i:" + _START
                      + r"(?:intellectual property" + _END + r"|patent|trademark|copyright"
                      r"|trade secret|IPR?" + _END + r"))")


def names_the_field(term: str) -> bool:
    """Whether a word names the IP field itself (知识产权管理部门, 专利代理机构): a standard's
    term brought in by an everyday word (全甩给代理所 -> 知识产权管理部门) is then a word of
    the field for the scope check, as the question would be had it used the term."""
    return bool(_CORE_IP.search(term))


@lru_cache(maxsize=1)
def _other_domains() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for field_name, words in term_groups("other_domains.txt"):
        pattern = "|".join(re.escape(w) if re.search(r"[\u4e00-\u9fff]", w)
                           else _START + re.escape(w) + _END for w in words)
        out.append((field_name, re.compile(pattern, re.IGNORECASE)))
    return tuple(out)


# A standard's noun, after the field it is of (食品安全国家标准, 排放标准, 消防规范): the words
# between may not make it the company's own (医疗器械企业标准).
_STANDARD_NOUN_ZH = r"(?:(?!企业|公司)[\u4e00-\u9fff]){0,4}?(?:标准|国标|规范|规程)"
# A kind of standard, before the field it is on (国家标准对排放, 国标里食品接触 ...).
_STANDARD_KIND_ZH = r"(?:国家标准|行业标准|地方标准|团体标准|强制性标准|国标)[^，,。？?！!；;、\s]{0,4}?"
_STANDARD_NOUN_EN = r"(?:[\s-]+[a-z]+){0,2}[\s-]+(?:standards?|norms?|regulations?)" + _END
_STANDARD_KIND_EN = (r"(?:standards?|norms?|regulations?)\s+(?:for|on|of|about|covering|governing)"
                     r"\s+(?:[a-z]+\s+){0,2}?")


@lru_cache(maxsize=1)
def _other_standards() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(field, pattern) of data/other_standards.txt: a field's term next to a standard's noun."""
    out = []
    for field_name, words in term_groups("other_standards.txt"):
        zh = "|".join(re.escape(w) for w in words if re.search(r"[\u4e00-\u9fff]", w))
        en = "|".join(re.escape(w) for w in words if not re.search(r"[\u4e00-\u9fff]", w))
        forms = [f"(?:{zh}){_STANDARD_NOUN_ZH}", f"{_STANDARD_KIND_ZH}(?:{zh})"] if zh else []
        forms += [f"{_START}(?:{en}){_STANDARD_NOUN_EN}",
                  f"{_START}{_STANDARD_KIND_EN}(?:{en}){_END}"] if en else []
        out.append((field_name, re.compile("|".join(forms), re.IGNORECASE)))
    return tuple(out)


# What a question sets aside ("除了劳动合同还要签什么", "besides the employment contract"): the
# words up to the next punctuation mark or verb of asking name what it is not about.
_SET_ASIDE = re.compile(r"除了[^，,。？?！!；;还也外]{1,12}(?:以外|之外|外)?"
                        r"|(?i:\b(?:besides|apart from|other than|in addition to)\b[^,.;?!]{1,40})")


def other_domain(question: str) -> str | None:
    """The neighbouring field a question is about (data/other_domains.txt), or the field of
    another kind of standard it asks about (data/other_standards.txt: 食品安全国家标准, emission
    standards), unless it also names the IP field. A field named only in what the question sets
    aside (_SET_ASIDE: 除了劳动合同还要签什么) is not what it asks about."""
    text = _SET_ASIDE.sub("，", fold(question))
    if _CORE_IP.search(text):
        return None
    return next((name for name, pattern in _other_domains() + _other_standards()
                 if pattern.search(text)), None)


@lru_cache(maxsize=1)
def _standard_words() -> frozenset[str]:
    return frozenset(word_list("standard_words.txt"))


def names_standards_in_general(term: str) -> bool:
    """Whether a word names standards of every field (国家标准, 国标, 标准化: data/
    standard_words.txt), which does not by itself make a question one of the IP field."""
    return re.sub(r"\s+", "", term) in _standard_words()


@lru_cache(maxsize=None)
def _forms(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(Chinese twin, its English forms in lower case and American spelling) of a data file."""
    return tuple((twin, tuple(" ".join(american(w) for w in form.lower().split())
                              for form in forms)) for twin, forms in term_groups(name))


def _twins(name: str, question: str) -> list[str]:
    """The twins of a data file (field_terms_en.txt, field_cues_en.txt) whose English forms occur
    in the question, as whole words with their regular endings (lab notebooks, co-developing)."""
    english = re.sub(r"[a-z]+", lambda m: american(m[0]), fold(question).lower())
    return [twin for twin, forms in _forms(name)
            if any(_may_occur(f, english) for f in forms)
            and _variants_pattern(forms).search(english)]


def english_field_terms(question: str) -> list[str]:
    """The Chinese twins of the field's terms a question names in English: each form of
    data/field_terms_en.txt counts alone ("lab notebook" -> 研发记录); the everyday cues of
    data/field_cues_en.txt count only when the question holds cues of two different twins
    ("white paper" and "sign-off" -> 宣传, 审批; "a white paper" alone -> none). The twins are the
    Chinese terms a Chinese question would hold, so they count for scope as those do."""
    twins = _twins("field_terms_en.txt", question)
    cues = _twins("field_cues_en.txt", question)
    return list(dict.fromkeys(twins + (cues if len(cues) >= 2 else [])))


@dataclass
class ScopeSignals:
    terms: list[str] = field(default_factory=list)  # words of the field found in the question
    best_similarity: float = 0.0  # dense cosine of the best clause (0 when dense is off)
    best_coverage: float = 0.0  # share of the question's information the best clause contains
    foreign_standard: str | None = None  # e.g. "ISO 9001", a standard not in the corpus
    asks_amount: bool = False
    other_domain: str | None = None  # e.g. "labour law": a neighbouring field, not IP
    asks_standard: bool = False  # it asks what the standards say (asks_standard)


def foreign_standard(question: str, corpus_numbers: frozenset[str],
                     held: frozenset[str] = frozenset()) -> str | None:
    """The first standard the question names that the corpus does not hold ("ISO 9001"): its
    number is neither known, nor a word of the corpus, nor the code of a document's number
    (`held`, e.g. "9158" for a user's GJB 9158)."""
    for m in _STANDARD_REF.finditer(fold(question)):
        number = m.group(2)
        if number not in KNOWN_STANDARDS and number not in corpus_numbers and number not in held:
            return f"{m.group(1).upper().replace(' ', '')} {number}"
    return None


def asks_amount(question: str) -> bool:
    """Whether a question asks for an amount of money or a rate that is not the company's own: a
    reward, bonus or budget it sets itself (员工发明的奖励标准是多少钱) is governed by its clauses,
    and so is the value it puts on its own IP in a deal (own_valuation). Read in the part that
    asks (asked_part), without a price told as one of a paper's terms (price_told): a quotation a
    scenario tells of is no price asked."""
    asked = _price_rules()["told"].sub("，", asked_part(fold(question)))
    return bool(_ASKS_AMOUNT.search(asked)) and not own_amount(question) \
        and not own_budget(question) and not own_valuation(question)


@lru_cache(maxsize=1)
def _price_rules() -> dict[str, re.Pattern[str]]:
    """[own_valuation] of answerability.toml, compiled."""
    text = resources.files("assistant.retrieval").joinpath("data", "answerability.toml") \
        .read_text(encoding="utf-8")
    return {name: re.compile(pattern, re.IGNORECASE)
            for name, pattern in tomllib.loads(text)["own_valuation"].items()}


def own_valuation(question: str) -> bool:
    """Whether a question about the price or value of the company's own IP in a deal (作价入股,
    估值, 定价) asks who sets it or whether the company may set it itself ("价格能不能我们自己
    定"): the standard's evaluation act answers that (11.3.1.1, 11.4.3.2 a), unless a sum or a
    market rate is asked (多少, 市场价)."""
    text = fold(question)
    rules = _price_rules()
    return bool(rules["deal"].search(text) and rules["who"].search(text)
                and not rules["asked"].search(text))


def asks_standard(question: str) -> bool:
    """Whether a question asks what the standards say or require ("What does the standard
    require when …", "标准里怎么说", "按贯标要求"), which makes it a question for the corpus
    whatever words it uses for its topic."""
    return bool(_ASKS_STANDARD.search(fold(question)))


def decide(signals: ScopeSignals, cfg: RetrievalSettings) -> str | None:
    """None when the question is in scope, else the reason to abstain."""
    if signals.foreign_standard:
        return f"asks about {signals.foreign_standard}, which is not in the corpus"
    if signals.other_domain:
        return f"a question of {signals.other_domain}, not of IP management"
    if signals.asks_amount and signals.best_coverage < cfg.min_amount_coverage:
        return "asks for an amount of money or a rate, which the standards do not set"
    if signals.terms or signals.asks_standard \
            or signals.best_similarity >= cfg.min_dense_similarity \
            or signals.best_coverage >= cfg.min_lexical_coverage:
        return None
    return "no term of the field in the question"
