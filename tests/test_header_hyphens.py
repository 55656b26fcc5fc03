"""A wide ledger whose header words cannot all stand whole, even at the smallest header size
(the game studio's English IP ledger R-42: 15 columns), breaks its longest words between
syllables with a hyphen ('Applica-' / 'tion'), never inside a syllable at the cell's edge
('Applicati' / 'on', as LibreOffice does with a word wider than its cell)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generators import hyphens
from generators.intake import load_intake
from generators.package import draft_package
from generators.toc_pages import available

STUDIO = Path(__file__).parent / "data" / "intakes" / "game-studio.en.yaml"


def test_a_word_breaks_between_its_syllables_only_where_it_must():
    def fits(piece: str) -> bool:
        return len(piece) <= 8

    # re-gis-tra-tion: 'registra-' is one letter too many for a line
    assert hyphens.broken("registration", fits) == ("regis", "tration")
    assert hyphens.broken("Grade", fits) == ("Grade",)
    assert hyphens.broken("department", fits) == ("depart", "ment")


def test_short_and_non_latin_words_are_never_broken():
    assert hyphens.syllables("Nice") == ("Nice",)
    assert hyphens.syllables("商标注册号") == ("商标注册号",)
    assert hyphens.widest_piece("registration", len) < len("registration")


def _printed_whole_or_hyphenated(word: str, tokens: set[str]) -> bool:
    """`word` printed whole, or as pieces on successive lines, each but the last ending in '-'."""
    if word in tokens:
        return True
    return any(word.startswith(t[:-1]) and len(t) > 1
               and _printed_whole_or_hyphenated(word[len(t) - 1:], tokens)
               for t in tokens if t.endswith("-"))


@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
def test_the_studios_ledger_header_breaks_words_only_at_hyphens(corpus, tmp_path):
    import docx

    folder = tmp_path / "pkg"
    draft_package(load_intake(STUDIO), corpus, folder, "en")
    [ledger] = list((folder / "03-forms").glob("*R-42*.docx"))
    labels = [c.text for c in docx.Document(str(ledger)).tables[1].rows[0].cells]
    assert any("registration" in label for label in labels)  # a word too long for its column
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(ledger)],
                   capture_output=True, timeout=300, check=True)
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1",
                           str(tmp_path / (ledger.stem + ".pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout.splitlines()
    start = next(i for i, line in enumerate(text) if line.split()[:1] == ["No."])
    end = next(i for i in range(start + 1, len(text)) if text[i].split()[:1] == ["1"])
    tokens = {t.strip("()/,") for line in text[start:end] for t in line.split()}
    words = {w.strip("()/,") for label in labels for w in label.split() if len(w.strip("()/,")) > 3}
    assert [w for w in sorted(words) if not _printed_whole_or_hyphenated(w, tokens)] == []
