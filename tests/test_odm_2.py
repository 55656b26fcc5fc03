"""The ODM/OEM maker tryout's leftovers (issue 17, try7; /work/notes/s34/fr34.md), each as a kind.

6. a. The maker receives its customers' (brand owners') NDAs and sends its own: R-14 was a
      one-way company NDA ("a mutual or customer-facing version is missing"); a maker for
      customers' brands gets the mutual choice in R-14 and P-06 says when it is ticked.
   b. The Vietnam plant is in the scope as a site, but "whether it is the same legal entity" —
      a certification body asks — had no field: a site's legal form is an optional fact the
      manual's scope names.
   c. P-03/P-29 section 6 "相关文件" did not list documents their text cites: every document of
      the package a procedure's text cites is in its section 6 or 7, and section 6 lists
      nothing the package lacks (any company: the ODM maker and the franchise brand).
Expected words come from the consultant's findings (try7/report.md: mutual, 双向, legal entity)
and the intakes.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generators.intake import load_intake, parse_intake
from generators.package import draft_package
from generators.package_reader import Paragraph, Table, read_package

INTAKES = Path(__file__).parent / "data" / "intakes"


@pytest.fixture(scope="module")
def packages(corpus, templates, tmp_path_factory):
    """{name: the drafted package read back} of the ODM maker (zh, en) and the franchise brand."""
    out = {}
    for name in ("odm.zh", "odm.en", "franchise.zh"):
        folder = tmp_path_factory.mktemp(name.replace(".", "-")) / "pkg"
        draft_package(load_intake(INTAKES / f"{name}.yaml"), corpus, folder, name[-2:],
                      templates=templates)
        out[name] = read_package(folder)
    return out


def _doc(documents, code: str):
    return next(d for d in documents if d.number.endswith(code))


def _text(document) -> str:
    return "\n".join(t for _where, t in document.texts())


# -- a. a mutual NDA for a maker's customers -----------------------------------------------------
MUTUAL = {"zh": "双向", "en": "mutual"}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_makers_nda_can_be_mutual_and_its_procedure_says_when(packages, language):
    documents = packages[f"odm.{language}"]
    r14, p06 = _doc(documents, "R-14"), _doc(documents, "P-06")
    word = MUTUAL[language]
    assert any(word in cell for t in r14.tables() for row in t.rows for cell in row)
    assert word in _text(p06)


def test_a_company_making_no_customer_products_keeps_the_one_way_nda(packages):
    r14 = _doc(packages["franchise.zh"], "R-14")
    assert "双向" not in _text(r14)


# -- b. a site's legal form --------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_sites_legal_form_is_named_in_the_scope(packages, language):
    raw = yaml.safe_load((INTAKES / f"odm.{language}.yaml").read_text(encoding="utf-8"))
    site = next(s for s in raw["company"]["sites"] if s.get("legal_form"))
    manual = next(d for d in packages[f"odm.{language}"] if d.kind == "manual")
    assert any(site["name"] in t and site["legal_form"] in t for _w, t in manual.texts())


def test_the_legal_form_is_optional():
    raw = yaml.safe_load((INTAKES / "odm.zh.yaml").read_text(encoding="utf-8"))
    for site in raw["company"]["sites"]:
        site.pop("legal_form", None)
    intake = parse_intake(yaml.safe_dump(raw, allow_unicode=True))
    assert all(not s.legal_form for s in intake.company.sites)


# -- c. section 6 lists what the text cites ------------------------------------------------------
_STANDARD = re.compile(r"^(?:GB/T|ISO|T/)")


def _sections(document) -> dict[str, list]:
    """{section number ('5', '6'): its blocks} of a procedure."""
    out, current = {}, ""
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.style.lower() == "heading1":
            current = block.text.split(" ")[0]
            continue
        out.setdefault(current, []).append(block)
    return out


def _cells(blocks) -> list[str]:
    return [b.text if isinstance(b, Paragraph) else c for b in blocks
            for c in ([b.text] if isinstance(b, Paragraph) else [c for r in b.rows for c in r])]


@pytest.mark.parametrize("name", ["odm.zh", "odm.en", "franchise.zh"])
def test_section_6_lists_every_document_the_text_cites_and_nothing_else(packages, name):
    documents = packages[name]
    numbers = {d.number for d in documents if d.kind in ("procedure", "form")}
    titles = {d.title: d.number for d in documents if d.kind in ("procedure", "form")}
    wrong = []
    for procedure in (d for d in documents if d.kind == "procedure"):
        sections = _sections(procedure)
        text = "\n".join(_cells([b for k in ("1", "2", "3", "4", "5") for b in sections.get(k, [])]))
        listed = {row[0] for k in ("6", "7") for t in sections.get(k, []) if isinstance(t, Table)
                  for row in t.rows[1:]}
        cited = {titles[t] for t in re.findall(r"《([^》]+)》", text) if t in titles}
        cited |= {n for n in numbers if re.search(rf"(?<![A-Za-z0-9-]){re.escape(n)}(?![0-9])", text)}
        cited.discard(procedure.number)
        wrong += [(procedure.number, "not listed", n) for n in sorted(cited - listed)]
        wrong += [(procedure.number, "not in the package", n) for n in sorted(listed - numbers)
                  if not _STANDARD.match(n)]
    assert wrong == []
