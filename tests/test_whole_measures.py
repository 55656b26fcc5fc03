"""Issue 17, part lo31: a number stays on one line with its unit ('5.2 %', '5.2%', '30 日',
'1.5 小时', '10 万元') and a short Chinese name in a document number stays whole ('知产部-P-03'),
in LibreOffice as in Word. LibreOffice lays out text whose East-Asian language is Chinese with a
breaker that ignores word joiners; the numbers keep it from breaking where the text is tagged
otherwise (generators.word_text)."""
from __future__ import annotations

import re

import pytest

from assistant.textutil import has_cjk, visible
from generators import docx_writer as w
from generators import numbering
from generators.intake import check_intake
from generators.toc_pages import available, convert_to_pdf, pdf_pages
from generators.word_text import pieces, written
from line_breaks import after_separators, breaks_inside

# number + unit pairs the consultant named, in Chinese and English text
MEASURES_ZH = ["5.2 %", "5.2%", "30 日", "1.5 小时", "10 万元", "15 个工作日", "3 年"]
MEASURES_EN = ["5.2 %", "5.2%", "30 days", "1.5 hours", "15 working days"]
LINE_ZH = "本程序由知识产权部负责组织实施"
LINE_EN = "The department reviews the results within"


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("measure", MEASURES_ZH + MEASURES_EN)
def test_a_number_and_its_unit_are_one_piece_read_back_as_written(measure):
    [(piece, kind)] = [p for p in pieces(f"在{measure}内") if p[1]]
    assert piece == measure and kind
    assert visible(written(piece, kind)) == measure


def test_a_number_without_a_unit_or_inside_a_document_number_is_not_a_measure():
    assert [p for p, k in pieces("R-70 至 R-78 共 9 项") if k] == ["R-70", "R-78", "9 项"]
    assert [p for p, k in pieces("on 12 sites") if k] == ["12"]


def _narrow_rows(line: str, text: str) -> list[list[str]]:
    """`text` moved one character further on each row, so that it meets the line's end at every
    one of its characters in a narrow cell."""
    pad = "一" if has_cjk(line) else "a"
    return [[pad * shift + line + text + ".", ""] for shift in range(14)]


def _printed_lines(tmp_path, documents) -> dict[str, list[str]]:
    paths = []
    for name, document in documents.items():
        paths.append(tmp_path / f"{name}.docx")
        w.save(document, paths[-1])
    done = convert_to_pdf(paths, tmp_path / "pdf", tmp_path)
    assert done.returncode == 0, done.stderr
    return {path.stem: [_squashed(line) for page in pdf_pages(tmp_path / "pdf" / f"{path.stem}.pdf")
                        for line in page.splitlines() if line.strip()] for path in paths}


def _inside_unit(measure: str) -> set[int]:
    """Where a line may break a measure (offsets in it without spaces): between the characters
    of a Chinese unit after its first ('15个' / '工作日', as anywhere in Chinese text, so that
    Find matches '工作日'), or between the words of an English one ('15 working' / 'days');
    never between the number and its unit."""
    squashed = _squashed(measure)
    number = re.match(r"[\d.,]+", squashed).group()
    unit = measure[len(number):].strip()
    if has_cjk(unit):
        return set(range(len(number) + 1, len(squashed)))
    return {len(number) + len(word) for word in unit.split()[:-1]}


@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
def test_libreoffice_never_parts_a_number_from_its_unit_in_a_narrow_cell(tmp_path):
    documents = {}
    for language, measures, line in (("zh", MEASURES_ZH, LINE_ZH), ("en", MEASURES_EN, LINE_EN)):
        for i, measure in enumerate(measures):
            document = w.new_document(language=language)
            width = 2.6 if language == "zh" else 2.2
            w.table(document, None, _narrow_rows(line, " " * (language == "en") + measure),
                    widths_cm=[width, 16.6 - width])
            documents[f"{language}{i}"] = document
    printed = _printed_lines(tmp_path, documents)
    for language, measures in (("zh", MEASURES_ZH), ("en", MEASURES_EN)):
        for i, measure in enumerate(measures):
            found = breaks_inside(printed[f"{language}{i}"], _squashed(measure))
            assert len(found) == 14, (measure, found)
            assert all(inside <= _inside_unit(measure) for inside in found), (measure, found)


@pytest.mark.parametrize("short", ["知产部", "星港", "星港知识产权"])
def test_a_short_chinese_short_name_is_written_unbreakably(short):
    number = numbering.document_number("{short}-IPM-{kind}-{seq:02d}", short, "P", 3)
    kept = numbering.unbreakable(number)
    assert visible(kept) == number
    assert all(kept[i + 1] == "\u2060" for i, ch in enumerate(kept[:-1]) if ch in short)
    assert numbering.number_pattern("{short}-IPM-{kind}-{seq:02d}", short).fullmatch(kept)
    assert numbering.unkept_short("{short}-IPM-{kind}-{seq:02d}", short) == []


@pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed")
def test_libreoffice_never_breaks_a_short_chinese_name_in_a_document_number(tmp_path):
    documents = {}
    schemes = ["{short}-IPM-{kind}-{seq:02d}", "{short}知产{kind}{seq:02d}"]
    for i, scheme in enumerate(schemes):
        pattern = numbering.number_pattern(scheme, "知产部")
        document = w.new_document(language="zh", numbers=pattern)
        number = numbering.document_number(scheme, "知产部", "P", 3)
        w.table(document, None, _narrow_rows(LINE_ZH, number), widths_cm=[3.2, 13.4])
        documents[f"short{i}"] = document
    printed = _printed_lines(tmp_path, documents)
    for i, scheme in enumerate(schemes):
        number = numbering.document_number(scheme, "知产部", "P", 3)
        found = breaks_inside(printed[f"short{i}"], number)
        assert len(found) == 14, (number, found)
        # never inside the short name, at most after a Latin hyphen as any code
        assert all(inside <= after_separators(number) for inside in found), (number, found)


def test_the_intake_check_queries_only_a_long_chinese_short_name():
    from pathlib import Path

    import yaml

    intake = Path(__file__).parent / "data" / "intakes" / "game-studio.zh.yaml"
    for short, warned in (("知产部", False), ("星港数字娱乐科技", True)):
        data = yaml.safe_load(intake.read_text("utf-8"))
        data["company"]["short_name"] = short
        _, report = check_intake(yaml.safe_dump(data, allow_unicode=True), "intake.yaml")
        assert ("company.short_name" in [x.path for x in report.warnings]) is warned, short


@pytest.mark.parametrize("text", ["7.3 人力资源", "6.2.3 保密管理制度", "8.2 年度目标",
                                  "2021年以前的版本", "2027年1月1日起施行"])
def test_clause_numbers_and_dates_are_no_measures(text):
    """A clause number before its title and the parts of a date stay as written (a reader
    searches for '7.3 人力资源' and '2021年'); the merged full run found headings written
    '7.3\u202f人力资源' and the training record's edition '2021\u2060年'."""
    from generators.word_text import measures, unbroken

    assert measures(text) == [] and unbroken(text, None) == text
