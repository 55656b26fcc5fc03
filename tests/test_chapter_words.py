"""Chapter numbers spelt out in English or abbreviated (issue 16: chapter forms route to the
chapter): chapter eight, Part three, ch. 9, section seven; a number word that names no chapter
("one chapter on this") is not one."""
from __future__ import annotations

import pytest

from assistant.retrieval.router import read_clause_numbers


@pytest.mark.parametrize("question, chapter", [
    ("chapter eight in a nutshell?", "8"),
    ("What is ch. 9 about?", "9"),
    ("the ch 12 requirements", "12"),
    ("Part three of the standard", "3"),
    ("section seven", "7"),
    ("Give me an overview of Chapter Thirteen", "13"),
])
def test_spelt_out_and_abbreviated_chapters_are_read(question, chapter):
    assert read_clause_numbers(question).asked == [chapter]


@pytest.mark.parametrize("question", ["we have one chapter on this",
                                      "which chapter covers one of them"])
def test_a_number_word_that_names_no_chapter_is_not_one(question):
    reading = read_clause_numbers(question)
    assert reading.asked == [] and reading.background == []
