"""Reading a batch of questions for `ipms ask --jsonl`.

A line that is no question (an empty "question", bad JSON, a question too long) does not refuse
the batch: the other lines are answered, and that line's output record carries its error
(`BatchLine.error`). Only a file that cannot be read at all, or holds no line to answer, is
refused whole."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.answer.extractive import validate_question
from assistant.errors import IpmsError

ECHOED_CHARS = 200  # the most of a refused question an error record repeats


@dataclass(frozen=True)
class BatchLine:
    """One non-blank line of a batch: its line number, the question as read (validated), or
    the reason it is none (`error`, naming the file and line)."""

    line: int
    question: str
    error: str = ""

    def error_record(self) -> dict[str, object]:
        """The output record of a line that could not be answered: {line, question, error}; a
        question longer than ECHOED_CHARS is shown by its start with "…", and its length is given
        as `question_chars` (a refused huge line must not make a huge output line)."""
        if len(self.question) <= ECHOED_CHARS:
            return {"line": self.line, "question": self.question, "error": self.error}
        return {"line": self.line, "question": self.question[:ECHOED_CHARS - 1] + "…",
                "question_chars": len(self.question), "error": self.error}


def _read_line(name: str, number: int, line: str, max_chars: int) -> BatchLine:
    text = line
    if line.lstrip().startswith("{"):
        try:
            record = json.loads(line)
        except ValueError:
            return BatchLine(number, line.strip(), f"{name} line {number}: not valid JSON")
        if not isinstance(record, dict) or not isinstance(record.get("question"), str):
            return BatchLine(number, line.strip(),
                             f"{name} line {number}: a JSON line needs a \"question\" string")
        text = record["question"]
    try:
        return BatchLine(number, validate_question(text, max_chars))
    except IpmsError as exc:
        return BatchLine(number, text, f"{name} line {number}: {exc}")


def read_batch(path: Path, max_chars: int) -> list[BatchLine]:
    """Every non-blank line of the file, each a question or the reason it is none. Raises
    IpmsError when the file cannot be read or has no lines."""
    if not path.exists():
        raise IpmsError(f"file not found: {path}")
    if not path.is_file():
        raise IpmsError(f"not a file: {path}")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()  # a BOM is not a question
    except (UnicodeDecodeError, OSError) as exc:
        raise IpmsError(f"{path} cannot be read as UTF-8 text: {exc}") from None
    batch = [_read_line(path.name, number, line, max_chars)
             for number, line in enumerate(lines, start=1) if line.strip()]
    if not batch:
        raise IpmsError(f"{path.name} has no questions")
    return batch


def read_questions(path: Path, max_chars: int) -> list[str]:
    """Every question in the file, validated up front: the first bad line raises IpmsError."""
    batch = read_batch(path, max_chars)
    if bad := next((b for b in batch if b.error), None):
        raise IpmsError(bad.error)
    return [b.question for b in batch]
