"""Document text is data, never instructions.

- `delimit` wraps the clauses given to the model between markers carrying a random id, after
  removing from the text anything that looks like such a marker — a document cannot close the
  data block and speak as the prompt.
- `find_instructions` spots sentences addressed to a language model (“ignore previous
  instructions”, “忽略以上指令”, “you are now”, “system prompt”, role tags, …) in the retrieved
  text, in English, Chinese, Japanese, Korean, German, French, Spanish and Russian.
- `echoes` tells whether a model's answer repeats a clause holding such a passage: a run of
  `ECHO_WORDS` words or `ECHO_CHARS` CJK characters of the clause that the rest of the retrieved
  text and the question do not contain — or an instruction-like sentence of its own.
"""
from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass

from assistant.llm.normalise import fold_char

ECHO_WORDS = 3  # a run this long of a tainted clause's words, or
ECHO_CHARS = 4  # of its CJK characters, repeated in an answer is an echo

_PATTERNS = [
    # English
    r"\b(?:ignore|disregard|forget|override|bypass|skip)\b.{0,30}\b(?:previous|prior|above|earlier|"
    r"preceding|all|any|your|the|system|original)\b.{0,30}\b(?:instructions?|rules?|prompts?|"
    r"directions?|guidelines?|context|constraints?|messages?)",
    r"\byou are (?:now|no longer)\b|\bfrom now on\b|\bact as (?:an?|the)\b|\bpretend (?:to be|you)\b",
    r"\b(?:system|developer|hidden) (?:prompt|message|instructions?)\b|\bnew instructions?\b",
    r"\b(?:ai|llm|language model|chatbot|assistant|gpt)s?\b.{0,40}\b(?:must|should|shall|will|"
    r"need to|are to|is to)\b.{0,20}\b(?:say|answer|reply|respond|state|tell|write|claim|output|"
    r"print|repeat|include|cite|ignore)",
    r"\b(?:when|if) (?:answering|you answer|asked|responding|summari[sz]ing)\b.{0,60}\b(?:say|state|"
    r"tell|answer|reply|claim|write|respond)\b",
    r"\bif you are an? (?:ai|llm|language model|assistant|chatbot|gpt)\b|如果你是(?:ai|人工智能|大模型|模型|助手)",
    r"\b(?:tell|inform) (?:the )?(?:user|reader|customer)s?\b|\b(?:respond|reply|answer) only with\b",
    r"\bdo not (?:cite|quote|mention)\b|\bjailbreak\b|\bprompt injection\b",
    # role tags and chat-template tokens
    r"(?:^|\n|<!--|\]|#|//)\s*(?:system|assistant|user|human|ai|系统|助手)\s*[:：]",
    r"<\|?\s*(?:im_start|im_end|system|endoftext)|\[/?inst\]|<</?sys>>|#{2,}\s*(?:instruction|system)",
    # Chinese (simplified and traditional)
    r"(?:忽略|忽視|忽视|无视|無視|忘记|忘記|跳过|跳過|不要理会|不要理會).{0,10}(?:以上|之前|上述|前面|先前|"
    r"所有|全部|原有|原来|原來|系统|系統).{0,8}(?:指令|指示|规则|規則|提示|要求|设定|設定|命令)",
    r"你现在是|你現在是|从现在起|從現在起|从现在开始|從現在開始|请扮演|你扮演|扮演一名|扮演一个|系统提示|系統提示|提示词|提示詞",
    r"(?:人工智能|ai|大模型|语言模型|語言模型|ai助手|智能助手).{0,12}(?:必须|必須|应当|應當|应该|應該|请|請|要)"
    r".{0,8}(?:回答|说明|說明|声称|聲稱|告诉|告訴|输出|輸出|写|寫|表示|引用)",
    r"(?:回答|答复|答覆|回复|回覆)(?:时|時|中)?.{0,6}(?:请|請|必须|必須|务必|務必).{0,4}"
    r"(?:说明|說明|声称|聲稱|告诉用户|告訴用戶|写明|寫明|表示)",
    r"告诉用户|告訴用戶|新的指令|新指令",
    # Japanese, Korean
    r"(?:以前|前|上記|これまで)の(?:指示|命令|ルール)を?(?:無視|忘れ)|あなたは今",
    r"(?:이전|위의|모든)\s*(?:지시|명령|지침)(?:을|를)?\s*(?:무시|잊)",
    # German, French, Spanish, Russian
    r"\b(?:ignoriere|ignorieren sie|vergiss|vergessen sie)\b.{0,40}\b(?:anweisungen|regeln|befehle)",
    r"\b(?:ignore[zr]?|oublie[zr]?)\b.{0,40}\b(?:instructions|consignes|règles)\b",
    r"\b(?:ignora|ignore|olvida)\b.{0,40}\b(?:instrucciones|reglas|indicaciones)\b",
    r"(?:игнорируй|игнорируйте|забудь|забудьте).{0,40}(?:инструкции|указания|правила)",
]
_INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.DOTALL)
_SENTENCES = re.compile(r"[^。！？!?\n.]+(?:[。！？!?]|\.(?=\s|$)|\n|$)")
_CJK_RANGES = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK = re.compile(f"[{_CJK_RANGES}]")
_TOKENS = re.compile(rf"[{_CJK_RANGES}]|[^\W{_CJK_RANGES}_]+")
_MARKER = re.compile(r"<\s*/?\s*(?:document-)?data\b[^>\n]{0,40}>|<\s*/?\s*data-[0-9a-f]*\s*>",
                     re.IGNORECASE)


def find_instructions(text: str) -> list[str]:
    """The sentences of `text` that read as instructions to an assistant (NFKC-folded, lower
    case, as found). Each sentence is read as written and with look-alike letters folded."""
    plain = unicodedata.normalize("NFKC", "".join(ch for ch in text if fold_char(ch) or ch in "<>[]"))
    plain = plain.lower()
    found = []
    for m in _SENTENCES.finditer(plain):
        sentence = m.group(0).strip()
        if sentence and (_INSTRUCTION.search(sentence) or _INSTRUCTION.search(_look_alikes(sentence))):
            found.append(sentence)
    if not found and (_INSTRUCTION.search(plain) or _INSTRUCTION.search(_look_alikes(plain))):
        found.append(plain.strip())  # a pattern across a line break
    return found


def _look_alikes(text: str) -> str:
    return "".join(ch if ch in "<>[]" else fold_char(ch) for ch in text)


@dataclass(frozen=True)
class DataBlock:
    """The markers around the clauses in one prompt."""

    open: str
    close: str

    @classmethod
    def new(cls) -> "DataBlock":
        tag = f"data-{secrets.token_hex(4)}"
        return cls(f"<{tag}>", f"</{tag}>")

    def wrap(self, text: str) -> str:
        return f"{self.open}\n{text}\n{self.close}"


def neutralise(text: str) -> str:
    """Document text with anything that could open or close a data block removed."""
    folded_view = "".join(ch if ch not in "＜〈‹﹤" else "<" for ch in text)
    folded_view = "".join(ch if ch not in "＞〉›﹥" else ">" for ch in folded_view)
    return _MARKER.sub("[…]", folded_view)


def _shingles(text: str) -> set[tuple[str, ...]]:
    """Runs of ECHO_WORDS words and of ECHO_CHARS CJK characters (kana and hangul included)."""
    folded = unicodedata.normalize("NFKC", "".join(ch for ch in text if fold_char(ch))).lower()
    tokens = _TOKENS.findall(folded)
    words = [t for t in tokens if not _CJK.match(t)]
    chars = [t for t in tokens if _CJK.match(t)]
    return ({("w", *words[i:i + ECHO_WORDS]) for i in range(len(words) - ECHO_WORDS + 1)}
            | {("c", *chars[i:i + ECHO_CHARS]) for i in range(len(chars) - ECHO_CHARS + 1)})


def echoes(answer: str, tainted: list[str], clean: list[str]) -> str | None:
    """What of `tainted` (texts holding instructions) the answer repeats, or an instruction-like
    sentence of the answer's own; None when it repeats nothing. Runs of words the clean texts
    (the other retrieved clauses, the question) also contain are not evidence."""
    own = find_instructions(answer)
    if own:
        return own[0]
    if not tainted:
        return None
    answer_shingles = _shingles(answer)
    known = set().union(*(_shingles(t) for t in clean)) if clean else set()
    for text in tainted:
        repeated = (_shingles(text) - known) & answer_shingles
        if repeated:
            kind, *run = sorted(repeated)[0]
            return (" " if kind == "w" else "").join(run)
    return None
