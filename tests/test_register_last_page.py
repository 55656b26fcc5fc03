"""Issue 17, part G (items 13 and 18 of a consultant's tryout): a register that runs on to
several pages ends with rows above its sign-off, and a department's name is not wrapped.

LibreOffice keeps a table's last row with the sign-off that follows only on the table's first
page: the testing lab's records list (R-05, ten landscape pages) ended its table at the foot of
page 9 and put the 填写人/审核人/批准人 block alone on page 10; its department columns were
narrower than '质量管理部', which wrapped as '质量管理 / 部'. The intake is the consultant's
(tests/data/intakes/testing-lab.zh.yaml); the department looked for is its IP department,
which keeps the records.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from generators.documents import build_form
from generators.intake import load_intake
from generators.package import BJ
from generators.page_check import available
from generators.plan import plan_package
from generators.target import load_target
from generators.templates_io import TemplateSet
from generators.toc_pages import convert_to_pdf, pdf_pages

pytestmark = pytest.mark.skipif(not available(), reason="LibreOffice / poppler not installed "
                                "(.ci/run installs them)")
INTAKE = Path(__file__).parent / "data" / "intakes" / "testing-lab.zh.yaml"
REGISTERS = ("R05",)
SIGN_OFF = "填写人"


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory, corpus):
    """{code: (pdf path, [text of each page])} of the lab's registers."""
    out = tmp_path_factory.mktemp("register-pages")
    templates = TemplateSet()
    intake = load_intake(INTAKE)
    plan = plan_package(intake, templates, load_target(intake.standard, corpus.get(BJ),
                                                       templates.directory), "zh")
    sources = []
    for code in REGISTERS:
        sources.append(out / f"{code}.docx")
        build_form(plan, templates, next(f for f in plan.forms if f.code == code), sources[-1])
    done = convert_to_pdf(sources, out / "pdf", out)
    assert done.returncode == 0, done.stderr[-300:]
    return {s.stem: (out / "pdf" / f"{s.stem}.pdf", pdf_pages(out / "pdf" / f"{s.stem}.pdf"))
            for s in sources}


def _first_body_word(pdf: Path, page: int) -> str:
    """The first word below the running header on `page` (poppler's -bbox, top to bottom)."""
    boxes = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                            "-"], capture_output=True, text=True, check=True).stdout
    words = sorted((float(y), t) for y, t in re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>', boxes))
    header_line = words[0][0]  # the running header: company, number, title, standard
    return next(t for y, t in words if y > header_line + 5)


@pytest.mark.parametrize("code", REGISTERS)
def test_a_register_runs_on_with_rows_above_its_sign_off(laid_out, code: str):
    pdf, pages = laid_out[code]
    assert len(pages) > 2  # it does run on
    assert SIGN_OFF in pages[-1]
    # the last page starts with the table's repeated header row (and rows), not the sign-off
    assert _first_body_word(pdf, len(pages)) != SIGN_OFF


def test_a_department_name_is_not_wrapped_in_a_register(laid_out):
    org = yaml.safe_load(INTAKE.read_text("utf-8"))["org"]
    department = next(d["name"] for d in org["departments"] if d["key"] == org["ip_department"])
    assert 5 <= len(department) <= 8
    _, pages = laid_out["R05"]
    lines = [line for page in pages for line in page.splitlines()]
    whole = sum(line.count(department) for line in lines)
    cut = [line for line in lines if re.search(f"{department[:-1]}$", line.strip())]
    assert whole > 40 and cut == []
