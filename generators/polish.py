"""`ipms draft --polish`: a language model rewrites the manual's prose in the company's voice.
The guard keeps every clause number and document number of the original: a rewrite that drops,
changes or adds one is discarded and the template's text is kept. Document numbers are those of
the company's own numbering scheme (generators.numbering.number_pattern: 'ZH-IPM-P-03',
'HZY IPM P 03', 'P03', whatever its separators), found before clause numbers, so that a
number such as 'HZY.P.03' or '7.3-P-03' counts once, as the document number it is."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.textutil import visible

# a clause number (4.3.2, 11.4.3.2#2) and, whatever the scheme, a whole number of the default
# one ('ZH-IPM-P-03A' is not 'ZH-IPM-P-03' with a letter after it)
REFERENCE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]*-IPM-[A-Z]-\d+(?![A-Za-z0-9])"
                       r"|\b\d{1,2}(?:\.\d{1,3})+(?:#\d)?")


def references(text: str, numbers: re.Pattern | None = None) -> Counter:
    """The document numbers (`numbers`: the package's scheme) and clause numbers in `text`,
    counted, each as a reader sees it (assistant.textutil.visible)."""
    found: Counter = Counter()
    rest = text
    if numbers is not None:
        found.update(visible(m.group()) for m in numbers.finditer(text))
        rest = numbers.sub(" ", text)
    found.update(visible(m) for m in REFERENCE.findall(rest))
    return found
PROMPT = {
    "zh": "请以{company}的口吻润色下面这段知识产权管理手册文字，使其通顺、专业、符合企业实际。"
          "必须原样保留所有条款号和文件编号，不得增删；只输出润色后的文字。\n\n{text}",
    "en": "Rewrite the following passage of {company}'s IP management manual in the company's own "
          "voice: clear, professional, specific. Keep every clause number and document number "
          "exactly as it is, add none; output only the rewritten passage.\n\n{text}",
}


@dataclass
class Polisher:
    model: object  # a LangChain chat model
    company: str
    language: str
    kept: list[str] = field(default_factory=list)  # passages whose rewrite the guard refused
    numbers: re.Pattern | None = None  # the package's document numbers (Intake.number_pattern)

    def __call__(self, where: str, text: str) -> str:
        try:
            reply = self.model.invoke(PROMPT[self.language].format(company=self.company, text=text))
            rewritten = reply.content.strip() if isinstance(reply.content, str) else ""
        except Exception:  # the model failing leaves the template's text in place
            self.kept.append(f"{where} (model failed)")
            return text
        if not rewritten or references(rewritten, self.numbers) != references(text, self.numbers):
            self.kept.append(f"{where} (references changed)")
            return text
        return rewritten


def make_polisher(model, company: str, language: str,
                  numbers: re.Pattern | None = None) -> Callable[[str, str], str]:
    """The manual's polisher: `model` rewrites each passage; `numbers` finds the package's
    document numbers (generators.intake.Intake.number_pattern), which a rewrite must keep."""
    return Polisher(model, company, language, numbers=numbers)
