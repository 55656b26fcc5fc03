"""How a question speaks of the company's own rules or as the company itself — read by the scope
check (retriever.py) and by the answers about the company's own documents (answer/own_rules.py).

- OUR_RULES: the company's rules named without their title: 本制度 (as rules speak of
  themselves), 我们公司的规定, 我司制度, 这些制度 / 各项制度, a question opening with 制度 / 该制度 as its subject
  (制度什么时候开始施行), our policy (our trade secret policy: up to three words between), the
  company's rules.
- AS_COMPANY: the company speaking of itself (我们, 我司, 本公司, our, we): "发现别人仿冒我们商标
  怎么办" asks what this company does, which its own rules may say.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.textutil import fold

OUR_RULES = re.compile(
    r"本(?:制度|办法|规定|政策|规章)"
    r"|(?:我们|我司|本公司|咱们|咱)(?:公司|单位)?的?(?:现行|内部)?(?:的)?(?:知识产权)?(?:管理)?"
    r"(?:制度|规定|办法|规章|政策)"
    r"|^(?:这个|这项|这份|该|此|现行的?)?(?:制度|办法|规定)(?=[是从自由对里中在有适怎如何哪什几多]|规定)"
    r"|(?:这些|这几项|这几个|各项|所有|全部|各个)(?:的)?(?:规章)?(?:制度|办法|规定)"
    r"|(?i:\b(?:our|this|the\s+company'?s|company|internal)\s+(?:(?!(?:standards?|requires?|should|shall|must|does|do|is|are|a|an|the)\b)[a-z-]+\s+){0,3}?"
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


# The kind of document a company's rules are (制度, 办法, 规定 …), ending their titles.
OWN_KIND_WORD = re.compile(r"制度|办法|规定|规范|细则|手册|程序|守则|规程|条例|指引|政策"
                           r"|(?i:\b(?:polic(?:y|ies)|rules|procedures?|regulations)\b)")
_LEGAL_FORM = re.compile(r"^.*?(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司)")


def title_without_company(title: str) -> str:
    """A company document's title without the company's name ('云帆软件有限公司商业秘密保护
    规定' -> '商业秘密保护规定'): how its staff call it; '' when the title names no company."""
    text = fold(title).strip()
    rest = _LEGAL_FORM.sub("", text, count=1)
    return rest if rest != text and len(rest) >= 4 else ""


def names_by_short_title(question: str, title: str, bare: bool = True) -> bool:
    """Whether the question names a company document by its title without the company's name:
    in book-title marks (《商业秘密保护规定》) or bare before an article or chapter number
    (商业秘密保护规定第十条); with `bare`, also anywhere bare (商业秘密保护规定怎么说访客) or
    shortened (保密规定, 奖励办法: see shortened_title)."""
    short = title_without_company(title)
    if not short:
        return False
    text = fold(question)
    escaped = re.escape(short)
    if re.search(f"《{escaped}》|{escaped}{_BY_NUMBER}", text):
        return True
    return bare and (short in text or shortened_title(text, short))


_BY_NUMBER = r"(?=\s*第[0-9〇零一二三四五六七八九十百]+[条章])"
_SHORTENED_HEAD = 2  # characters at least before the kind word of a shortened title


def shortened_title(text: str, short: str) -> bool:
    """Whether `text` names the title `short` (商业秘密保护规定) shortened as staff say it: a word
    ending in the title's own kind word (规定) after at least two characters, all of them the
    title's (保密规定, 秘密保护规定; not 专利规定, nor 我们的规定)."""
    return bool(_shortened_spans(text, short))


def _shortened_spans(text: str, short: str) -> list[tuple[int, int]]:
    """Where `text` names the title `short` shortened (see shortened_title): (start, end)."""
    kind = OWN_KIND_WORD.search(short)
    if kind is None or kind.end() != len(short):
        return []
    spans = []
    for m in re.finditer(re.escape(kind.group(0)), text):
        head = text[:m.start()]
        taken = 0
        while taken < len(head) and head[len(head) - taken - 1] in short[:kind.start()]:
            taken += 1
        if taken >= _SHORTENED_HEAD:
            spans.append((m.start() - taken, m.end()))
    return spans


def without_short_title(question: str, title: str) -> str:
    """The question without its naming the document titled `title` (names_by_short_title):
    '商业秘密保护规定怎么说访客' -> '怎么说访客', what it asks of the document."""
    short = title_without_company(title)
    text = fold(question)
    if not short:
        return text
    text = re.sub(f"《?{re.escape(short)}》?", " ", text)
    for start, end in reversed(_shortened_spans(text, short)):
        text = text[:start] + " " + text[end:]
    return text.strip()


# When rules take effect, as asked (什么时候开始施行, 何时生效, when does it take effect) and as the
# rules say it (本办法自2026年1月1日起施行, this policy takes effect on …).
ASKS_EFFECT = re.compile(r"(?:什么时候|何时|哪天|哪一天|几号|啥时候|什么日期|从何时|从哪天|哪年).{0,6}"
                         r"(?:施行|生效|实施|执行)|(?i:\bwhen\b.*\b(?:take|takes|took)\s+effect"
                         r"|\beffective\s+(?:date|from)\b|\bcome\s+into\s+force\b)")
STATES_EFFECT = re.compile(r"自.{1,24}?起(?:施行|生效|实施|执行)|(?i:\b(?:takes?\s+effect|"
                           r"effective|comes?\s+into\s+force)\b.{0,20}\d{4})")
# Who interprets the rules, as asked (谁负责解释, 由哪个部门解释, who interprets) and as the rules
# say it (本办法由法务部负责解释, this policy is interpreted by …).
ASKS_INTERPRETER = re.compile(r"(?:谁|哪个部门|哪一个部门|什么部门|哪个机构|哪家|哪里).{0,6}解释|解释权"
                              r"|(?i:who.{0,40}interpret|interpret\w*\s+(?:authority|right))")
STATES_INTERPRETER = re.compile(r"本(?:制度|办法|规定|规范|细则|手册|程序|守则|规程|条例|指引|政策)"
                                r"(?:由|的解释权归).{1,24}?(?:负责)?解释|解释权(?:属于|归)"
                                r"|(?i:(?:interpreted|interpretation).{0,40}by)")


@dataclass(frozen=True)
class SaidOfItself:
    """What each of a company's rules says of itself, once (when it takes effect, who interprets
    it): how a question asks it, how an article states it, and the answer's intro template."""

    asks: re.Pattern[str]
    states: re.Pattern[str]
    intro: str  # prompts/answer/<lang>.toml key


SAID_OF_ITSELF = (SaidOfItself(ASKS_EFFECT, STATES_EFFECT, "own_effect_intro"),
                  SaidOfItself(ASKS_INTERPRETER, STATES_INTERPRETER, "own_interpreter_intro"))



# Whether a company's rule meets the standard, as asked after the rule's question ("管理评审由谁
# 主持？这符合标准吗？", "…标准怎么要求的？", "Does our policy … meet the standard?").
ASKS_MEETS = re.compile(
    r"(?:是否|能否|可否)?(?:符合|满足|达到|合乎)(?:了)?(?:标准|规范|贯标|认证)(?:的)?(?:要求|规定)?(?:吗|么|嘛|没有)?"
    r"|(?:标准|规范)(?:里|中|上)?(?:是|又是)?(?:怎么|如何|怎样)(?:要求|规定)的?"
    r"|(?:标准|规范)(?:的|对此的?|里的)?(?:要求|规定)(?:是)?(?:什么|什么样|怎样)"
    r"|(?i:\b(?:meets?|compl(?:y|ies)\s+with|satisf(?:y|ies)|conforms?\s+to)\s+(?:the\s+)?"
    r"(?:standard|standard'?s\s+requirements?|requirements?\s+of\s+the\s+standard)\b"
    r"|\bwhat\s+does\s+the\s+standard\s+(?:require|say)\b)")


# "…符合GB/T 29490—2023关于内部审核的要求吗": the standard named between, with the topic.
_MEETS_NAMED = re.compile(r"(?:是否|能否|可否)?(?:符合|满足|达到|合乎)(?:了)?(.{1,40}?)(?:的)?(?:要求|规定)"
                          r"(?=\s*(?:吗|么|嘛|没有|[？?]|$))")
_NAMED_STANDARD = re.compile(r"GB\s*/?\s*T|\d{4,5}\s*[-—–]\s*\d{4}|\d{5}|标准|规范")
_ABOUT = re.compile(r"^\s*(?:版|的)?\s*(?:关于|对于|中|里|有关)?")


def asks_meets(question: str) -> bool:
    """Whether a question asks if a company's rule meets the standard (ASKS_MEETS, or 符合 a
    standard named … 的要求吗: '我们的办法符合GB/T 29490—2023关于内部审核的要求吗？')."""
    text = fold(question)
    return bool(ASKS_MEETS.search(text) or any(
        _NAMED_STANDARD.search(m.group(1)) for m in _MEETS_NAMED.finditer(text)))


def without_meets(question: str) -> str:
    """The question without its asking whether it meets the standard ('管理评审由谁主持，多久一
    次？这符合标准吗？' -> '管理评审由谁主持，多久一次？'): what it asks of the company's rule."""
    text = ASKS_MEETS.sub(" ", fold(question))
    text = _MEETS_NAMED.sub(lambda m: " " + _ABOUT.sub("", _NAMED_STANDARD.sub("", m.group(1))),
                            text)
    text = re.sub(r"(?:这|这样|这个|那)\s*(?=[\s？?。，,]*$)", "", text.strip())
    return text.strip(" ？?。，,")
