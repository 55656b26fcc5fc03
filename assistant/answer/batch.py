"""Reading a batch of questions for `ipms ask --jsonl`."""
from __future__ import annotations

import json
from pathlib import Path

from assistant.answer.extractive import validate_question
from assistant.errors import IpmsError


def read_questions(path: Path, max_chars: int) -> list[str]:
    """Every question in the file, validated up front so a bad line fails before any output."""
    if not path.exists():
        raise IpmsError(f"file not found: {path}")
    if not path.is_file():
        raise IpmsError(f"not a file: {path}")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # a BOM is not a question
    except (UnicodeDecodeError, OSError) as exc:
        raise IpmsError(f"{path} cannot be read as UTF-8 text: {exc}") from None
    questions = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        text = line
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
            except ValueError:
                raise IpmsError(f"{path.name} line {number}: not valid JSON") from None
            if not isinstance(record, dict) or not isinstance(record.get("question"), str):
                raise IpmsError(f"{path.name} line {number}: a JSON line needs a \"question\" string")
            text = record["question"]
        try:
            questions.append(validate_question(text, max_chars))
        except IpmsError as exc:
            raise IpmsError(f"{path.name} line {number}: {exc}") from None
    if not questions:
        raise IpmsError(f"{path.name} has no questions")
    return questions
