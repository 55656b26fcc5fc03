"""Issue 17, late round: small faults a consultant saw in the design institute's tryout package
(tests/data/intakes/design.zh.yaml, design.en.yaml: registered marks, patents, no software).

1. a wide ledger's header words broken mid-word in English (R-42, 15 columns): header cells of
   any ledger hold their words whole (checked by rendering, where LibreOffice is installed);
2. coverage.md's reason for a procedure not drafted printed both alternatives of its condition
   ("既未持有也未计划注册商标，或…") for a company that holds marks: only the part that holds;
3. a documents.retention_years key that matches no form was warned about as having no effect
   ("这一期限不起作用") while P-02 states it: the warning says what happens, and `draft` repeats
   it with its YAML line as `intake check` gives it.
Each is checked both ways. Expected phrases are the consultant's, not_drafted.yaml's and P-02's
template words.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generators.intake import load_intake
from generators.package import unused_numbers
from generators.plan import plan_package
from generators.retention import retention_problems
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR
from helpers import intake_variant

DATA = Path(__file__).parent / "data" / "intakes"
DESIGN = {"zh": DATA / "design.zh.yaml", "en": DATA / "design.en.yaml"}
NOT_DRAFTED = yaml.safe_load((TEMPLATES_DIR / "not_drafted.yaml").read_text(encoding="utf-8"))


def _reasons(path: Path, language: str, corpus, templates) -> dict[str, str]:
    """{document number's code part ('P-29'): why it is not drafted} as coverage.md prints it."""
    plan = plan_package(load_intake(path), templates,
                        load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)
    return {number.split("IPM-")[-1]: why for number, _title, why in unused_numbers(plan, templates)}


def _parts(condition: str, language: str) -> list[str]:
    return [part[language] for part in NOT_DRAFTED["drafted_when"][condition]["parts"]]


# -- 2. only the alternative that holds ----------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_company_holding_marks_is_not_told_it_holds_none(corpus, templates, language):
    """The institute holds 2 marks and more patents: P-29 (kind.brand) is left out because its
    other IP outweighs the marks, never 'neither holds nor plans trademarks'; it is no software
    company, so P-27's reason says that and not 'or has no source code'."""
    why = _reasons(DESIGN[language], language, corpus, templates)
    no_marks, more_others = _parts("kind.brand or plans.brand_launch", language)
    assert more_others in why["P-29"]
    assert no_marks not in why["P-29"]
    neither = "既未持有也未计划注册商标" if language == "zh" else "neither holds nor plans"
    assert neither not in why["P-29"]
    not_software, no_code = _parts(
        "kind.software and (held.software_copyrights or held.open_source)", language)
    assert not_software in why["P-27"]
    assert no_code not in why["P-27"]
    assert ("源代码" if language == "zh" else "source code") not in why["P-27"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_company_without_marks_is_told_so(corpus, templates, tmp_path, language):
    """The same institute without marks and without a trademark objective: P-29's reason is that
    it neither holds nor plans marks, and says nothing of other IP outweighing them."""
    def no_marks(data):
        data["ip"]["trademarks"] = 0
        data["policy"]["objectives"] = [o for o in data["policy"]["objectives"]
                                        if "商标" not in o and "trademark" not in o.lower()]
    why = _reasons(intake_variant(DESIGN[language], tmp_path, no_marks), language, corpus,
                   templates)
    neither, more_others = _parts("kind.brand or plans.brand_launch", language)
    assert neither in why["P-29"]
    assert more_others not in why["P-29"]


# -- 3. a retention period for a kind of record no form carries --------------------------------


DRAWINGS = {"zh": "设计图纸", "en": "design drawings"}
P02_STATES = {"zh": "设计图纸保存30年", "en": "design drawings kept for 30 years"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_period_no_form_carries_is_said_as_p02_states_it(tmp_path, language):
    """The warning names P-02, which states the period ('设计图纸保存30年'), and says no form
    carries it — not that the period has no effect."""
    def drawings(data):
        data["documents"]["retention_years"][DRAWINGS[language]] = 30
    intake = load_intake(intake_variant(DESIGN[language], tmp_path, drawings))
    [problem] = [p for p in retention_problems(intake, None, language)
                 if DRAWINGS[language] in p.path]
    text = problem.text(language)
    assert "不起作用" not in text and "applies to nothing" not in text
    p02 = "外来文件与记录控制程序" if language == "zh" else "control procedure for external documents and records"
    assert p02 in text.lower()
    assert P02_STATES[language] in text
    assert ("没有记录表单载明" if language == "zh" else "no record form carries it") in text


def test_a_period_a_form_carries_is_not_warned_about(tmp_path):
    """Both ways: with the key renamed to a form's word ('研发'), there is no warning."""
    def rename(data):
        data["documents"]["retention_years"] = {"合同": 10, "培训记录": 3, "研发记录": 10}
    intake = load_intake(intake_variant(DESIGN["zh"], tmp_path, rename))
    assert retention_problems(intake, None, "zh") == []


def _line_of(path: Path, key: str) -> int:
    """The 1-based line of the YAML file at `path` on which `key` first appears."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if key in line)


def test_draft_repeats_the_warning_with_its_line(tmp_path):
    """`ipms draft` prints the retention warning with the intake's line, as `intake check`."""
    from click.testing import CliRunner

    from assistant.cli import cli

    path = DESIGN["zh"]
    line = _line_of(path, "retention_years")
    check = CliRunner().invoke(cli, ["intake", "check", str(path)])
    drafted = CliRunner().invoke(cli, ["draft", str(path), "--out", str(tmp_path / "pkg"),
                                       "--force"])
    assert drafted.exit_code == 0, drafted.output
    said = [w for w in drafted.output.splitlines() if "retention_years.设计图纸" in w]
    assert said and f"第 {line} 行" in said[0]
    assert [w for w in check.output.splitlines() if f"第 {line} 行" in w]


# -- 1. a wide ledger's header words stay whole --------------------------------------------------
@pytest.fixture(scope="module")
def design_en_forms(corpus, tmp_path_factory) -> Path:
    """The forms folder of the design institute's English package."""
    from generators.package import draft_package

    folder = tmp_path_factory.mktemp("design-en") / "pkg"
    result = draft_package(load_intake(DESIGN["en"]), corpus, folder, "en")
    assert [f.message for f in result.findings] == []
    return folder / "03-forms"


def _header_sizes(path: Path) -> list[tuple[list[str], set]]:
    """(header labels, the header runs' sizes in pt, None for the body size) of each table of
    the Word file at `path` that has a header row of several columns."""
    import docx

    out = []
    for table in docx.Document(str(path)).tables[1:]:  # the first: form number and version
        cells = table.rows[0].cells
        runs = [r for c in cells for p in c.paragraphs for r in p.runs]
        if len(cells) > 3 and runs and all(r.bold for r in runs):
            out.append(([c.text for c in cells],
                        {r.font.size.pt if r.font.size else None for r in runs}))
    return out


def _header_tokens(pdf: Path, first: str) -> set[str]:
    """The words pdftotext -layout reads on page 1 of `pdf` from the line holding the header
    `first` down to the table's first numbered row: the header row's words as printed."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout.splitlines()
    start = next(i for i, line in enumerate(text) if line.split()[:1] == [first])
    end = next(i for i in range(start + 1, len(text)) if text[i].split()[:1] == ["1"])
    return {t.strip("()/,") for line in text[start:end] for t in line.split()}


def test_a_wide_ledgers_header_is_set_smaller_so_its_words_stay_whole(design_en_forms):
    """R-42 (15 columns, landscape): 'Application' and 'Inventor' do not fit a 1.4 cm column
    in 10.5 pt bold; its header is set smaller, no smaller than the least size allowed."""
    from generators import docx_writer as w

    [sizes] = [sizes for labels, sizes in _header_sizes(next(design_en_forms.glob("*R-42*.docx")))
               if any("Application" in label for label in labels)]
    assert None not in sizes and all(w.HEADER_MIN_PT <= s < w.BODY_PT for s in sizes)


def test_a_ledger_whose_headers_fit_keeps_the_body_size(design_en_forms):
    """Both ways: a ledger of few columns (the records list R-05) keeps its header at the
    table's size."""
    for _labels, sizes in _header_sizes(next(design_en_forms.glob("*R-05*.docx"))):
        assert sizes == {None}


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice / poppler not installed")
def test_every_ledger_header_word_is_printed_whole(design_en_forms, tmp_path):
    """Rendered by LibreOffice: R-42 and every ledger whose header was set smaller print each
    Latin word of their widest table's header whole — no 'Applic' / 'ation'."""
    import subprocess

    smaller = [p for p in sorted(design_en_forms.glob("*.docx"))
               if "R-42" in p.name or any(None not in sizes for _l, sizes in _header_sizes(p))]
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path)] + [str(p) for p in smaller],
                   capture_output=True, timeout=300, check=True)
    broken = []
    for path in smaller:
        labels = max((labels for labels, _sizes in _header_sizes(path)), key=len)
        printed = _header_tokens(tmp_path / (path.stem + ".pdf"), labels[0].split()[0])
        broken += [(path.name, word) for label in labels for word in label.split()
                   if len(word.strip("()/,")) > 3 and word.strip("()/,") not in printed]
    assert broken == []
