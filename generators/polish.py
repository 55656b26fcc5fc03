"""`ipms draft --polish`: a language model rewrites the manual's prose in the company's voice.
The guard keeps every clause number and document number of the original: a rewrite that drops,
changes or adds one is discarded and the template's text is kept."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

REFERENCE = re.compile(r"[A-Z][A-Z0-9]*-IPM-[A-Z]-\d+|\b\d{1,2}(?:\.\d{1,3})+(?:#\d)?")
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

    def __call__(self, where: str, text: str) -> str:
        try:
            reply = self.model.invoke(PROMPT[self.language].format(company=self.company, text=text))
            rewritten = reply.content.strip() if isinstance(reply.content, str) else ""
        except Exception:  # the model failing leaves the template's text in place
            self.kept.append(f"{where} (model failed)")
            return text
        if not rewritten or sorted(REFERENCE.findall(rewritten)) != sorted(REFERENCE.findall(text)):
            self.kept.append(f"{where} (references changed)")
            return text
        return rewritten


def make_polisher(model, company: str, language: str) -> Callable[[str, str], str]:
    return Polisher(model, company, language)
