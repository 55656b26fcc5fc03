"""Whether a document's text is the standard's own, and the label a quote from it carries.

A quote from a summary of a standard or from an unofficial guide is still a verbatim quote of
THAT document, but not of any standard: every place that shows such a quote (the chat, `ipms
ask`, `ipms clause`, the clause page, the exports) puts the document's status beside its
citation — "非官方摘要" / "unofficial summary". Standards and official notices carry none. The
words are in prompts/answer/<lang>.toml (status_summary, status_guide, status_note)."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from assistant.models import DocumentMeta

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
# A document marked as a summary by its title or its issuer ("… (summary)", "英文摘要",
# "unattributed web summary").
_SUMMARY = re.compile(r"summar(?:y|ies)|摘要|概要|\bdigest\b", re.IGNORECASE)
STATUSES = ("summary", "guide")
USER_SUPPLIED = "user-supplied"  # the issuer `ipms corpus add` gives the user's own documents
KIND_LABELS = {"company": {"en": "company rules", "zh": "企业制度"}}


def is_company_document(meta: DocumentMeta) -> bool:
    """A document the user added that is no published standard: a company's own rules or
    policy, numbered (if at all) with its 文件编号 ('HR-IPM-2026-01') instead of a designation."""
    from assistant.corpus.cover import is_designation

    return (meta.issuer == USER_SUPPLIED and not meta.profile
            and not (meta.number and is_designation(meta.number)))


def kind_label(meta: DocumentMeta, language: str = "en") -> str:
    """What a listing calls the document: 'company rules' / '企业制度' for a company's own
    document added as a standard (its default kind), else its kind (standard, guide, notice)."""
    if meta.kind == "standard" and is_company_document(meta):
        return KIND_LABELS["company"]["en" if language == "en" else "zh"]
    return meta.kind


def document_status(meta: DocumentMeta) -> str:
    """'summary' for a document marked as a summary of a standard, 'guide' for another
    unofficial guide, '' for a standard or an official notice (normative in its own right)."""
    if meta.kind == "standard":
        return ""
    if _SUMMARY.search(" ".join([meta.title_zh, meta.title_en, meta.issuer])):
        return "summary"
    return "guide" if meta.kind == "guide" else ""


@lru_cache(maxsize=8)
def _strings(prompts_dir: Path, language: str) -> dict[str, str]:
    with (prompts_dir / "answer" / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


def status_label(status: str, language: str, prompts_dir: Path | None = None) -> str:
    """The status's words in `language` ('非官方摘要，非标准原文'); '' for no status."""
    if status not in STATUSES:
        return ""
    return _strings(prompts_dir or PROMPTS, "en" if language == "en" else "zh")[f"status_{status}"]


def status_note(status: str, language: str, prompts_dir: Path | None = None) -> str:
    """The label as written beside a citation ('（非官方摘要，非标准原文）'); '' for none."""
    label = status_label(status, language, prompts_dir)
    if not label:
        return ""
    strings = _strings(prompts_dir or PROMPTS, "en" if language == "en" else "zh")
    return strings["status_note"].format(status=label)
