"""Issue 17, part gen32a: what the re-check of the seed company and the AI start-up still found.

The consultant's re-check of the 种业 company (tests/data/intakes/seed.*.yaml: variety rights,
contract growers, germplasm) and the Beijing AI start-up (ai-startup.*.yaml: models, datasets, a
model fine-tuned from Llama 3) found, by kind — fixed for any seed, breeding, AI or data company:

1. R-80's note asks for the grower's signature and the area grown; the form had no column for
   either: a form has a field for everything its note asks to be entered.
2. R-78's columns were software words (platforms, seats) for a germplasm or data licence: its
   columns follow what is licensed in (material, data, models, technology, marks, software).
3. R-82 coded the model fine-tuned from Llama 3 as an own model with empty terms: a model derived
   from a licensed base names the base and the base licence's terms.
4. R-70 pre-filled Llama with static or dynamic linking: models are registered in R-82.
5. Lists of IP kinds (rules per kind, the ledger's classes, freedom to operate, compliance
   self-checks, monitoring, marking, assets) left out plant variety rights the company holds.
6. No germplasm bank or cold store among a seed company's secure areas.
7. R-14 listed source code and drawings for the seed company: the technical information an NDA
   names follows the company's kind (germplasm and pedigrees; model weights and datasets).
8. "组配方案" (how parent lines are combined) was read as a formulation.
9. R-39 had no material number, pedigree or trial site for breeding R&D.
10. R-77 (notice and takedown) was drafted for business customers uploading their own data, and
    cited a handling time no objective sets.
11. The policy's "以知识产权支撑融资" while 11.4.3.1 (financing) was excluded: the policy and the
    exclusion now follow one fact.

Expected words come from the consultant's findings, the forms' own notes, the intake and the
catalogue, never from what the code under test produced.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import drafted_procedure_titles, intake_variant
from generators.intake import load_intake, load_intake_report
from generators.package import draft_package
from generators.package_reader import Table, read_package
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data" / "intakes"
CATALOGUE = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
COMPANIES = ("seed.zh", "seed.en", "ai-startup.zh", "ai-startup.en")


def _drafted(intake: Path, folder: Path, language: str, corpus, templates) -> list:
    draft_package(load_intake(intake), corpus, folder, language, templates=templates)
    return read_package(folder)


def _no_ugc_time(data: dict) -> None:
    """The game studio hosting mods and reports, with no objective setting a handling time."""
    data["business"]["user_content"] = True
    data["policy"]["objectives"] = [o for o in data["policy"]["objectives"]
                                    if not re.search(r"48", o)]


def _ugc(data: dict) -> None:
    data["business"]["user_content"] = True


@pytest.fixture(scope="module")
def packages(tmp_path_factory, corpus, templates):
    """{name: [PackageDocument]}: the two companies in both languages, and the game studio
    hosting user content (zh: its objective sets 48 hours; en: no objective sets a time)."""
    out = {}
    for name in COMPANIES:
        out[name] = _drafted(DATA / f"{name}.yaml", tmp_path_factory.mktemp(name) / "pkg",
                             name.split(".")[1], corpus, templates)
    for language, change in (("zh", _ugc), ("en", _no_ugc_time)):
        folder = tmp_path_factory.mktemp(f"ugc-{language}")
        intake = intake_variant(DATA / f"game-studio.{language}.yaml", folder, change)
        out[f"ugc.{language}"] = _drafted(intake, folder / "pkg", language, corpus, templates)
    return out


def _doc(documents, code: str):
    """The document numbered …-<code> ('R-80')."""
    found = [d for d in documents if d.number.endswith(f"-{code}")]
    assert len(found) == 1, f"{code}: {[d.number for d in documents]}"
    return found[0]


def _has(documents, code: str) -> bool:
    return any(d.number.endswith(f"-{code}") for d in documents)


def _ledger(document) -> Table:
    """The form's ledger: the table whose header starts with the row number column."""
    return next(t for t in document.tables() if t.header and t.header[0] in ("序号", "No."))


def _notes(document) -> str:
    return " ".join(p.text for p in document.paragraphs())


def _all_text(documents) -> list[tuple[str, str, str]]:
    return [(d.number, where, text) for d in documents for where, text in d.texts()]


def _column(table: Table, *words: str) -> int:
    return next(i for i, label in enumerate(table.header)
                if any(w.lower() in label.lower() for w in words))


# 1. ------------------------------------------------------------------------------------------
# what R-80's note asks to be entered (制种方签收; 核对发放量、制种面积和交回量), in its own words
ASKED = {"zh": {"签收": "签收", "制种面积": "制种面积"},
         "en": {"signs for it": "signature", "the area grown": "area grown"}}


@pytest.mark.parametrize("name", ["seed.zh", "seed.en"])
def test_parent_seed_record_has_a_column_for_everything_its_note_asks(packages, name):
    form = _doc(packages[name], "R-80")
    note, header = _notes(form), " | ".join(_ledger(form).header).lower()
    for asked, column in ASKED[name.split(".")[1]].items():
        assert asked in note, f"the note no longer asks for {asked!r}: {note}"
        assert column.lower() in header, f"R-80 has no column for {asked!r}: {header}"


# 2. ------------------------------------------------------------------------------------------
SOFTWARE_WORDS = {"zh": ("平台", "席位", "源代码", "链接"),
                  "en": ("platform", "seats", "source code", "linking")}
LICENSED_WORDS = {"seed.zh": ("育种", "制种", "衍生品种"),
                  "seed.en": ("breeding", "seed production", "derived varieties"),
                  "ai-startup.zh": ("模型训练", "月活跃用户", "再许可"),
                  "ai-startup.en": ("model training", "monthly active user", "sublicensing")}


@pytest.mark.parametrize("name", COMPANIES)
def test_licensed_scope_check_asks_about_what_is_licensed_in(packages, name):
    """A germplasm licence is checked for breeding, seed production and derived varieties; a
    dataset and a base model for training use, user thresholds and no sublicensing — not for
    platforms, seats or linking."""
    header = " | ".join(_ledger(_doc(packages[name], "R-78")).header)
    for word in SOFTWARE_WORDS[name.split(".")[1]]:
        assert word not in header.lower(), f"{word!r} in R-78's columns: {header}"
    for word in LICENSED_WORDS[name]:
        assert word in header, f"{word!r} missing from R-78's columns: {header}"


# 3. and 4. -----------------------------------------------------------------------------------
BASE_TERMS = {"zh": ("可接受使用政策", "月活跃用户", "署名"),
              "en": ("acceptable use policy", "monthly active users", "attribution")}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_fine_tuned_model_names_its_base_and_the_base_licence_terms(packages, language):
    """ip.models' 质检报告生成模型（基于 Llama 3 微调）: its row names Llama 3 and Meta Platforms
    (ip.licences_in) and the Llama licence's terms the consultant listed."""
    intake = yaml.safe_load((DATA / f"ai-startup.{language}.yaml").read_text(encoding="utf-8"))
    tuned = next(m for m in intake["ip"]["models"] if "Llama 3" in m)
    table = _ledger(_doc(packages[f"ai-startup.{language}"], "R-82"))
    licence = _column(table, "许可证或合同", "Licence, contract")
    terms = _column(table, "允许的用途", "Permitted use")
    row = next(r for r in table.rows[1:] if tuned in " ".join(r))
    assert "Llama 3" in row[licence] and "Meta Platforms" in row[licence], row
    for word in BASE_TERMS[language]:
        assert word in row[terms], f"{word!r} missing from the terms of {tuned}: {row[terms]}"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_models_are_registered_in_the_model_register_not_as_linked_components(packages,
                                                                               language):
    documents = packages[f"ai-startup.{language}"]
    form = _doc(documents, "R-70")
    names = [row[1] for row in _ledger(form).rows[1:]]
    assert not any("Llama" in n for n in names), names
    assert "PyTorch" in names  # the components of ip.open_source.how stay
    assert _doc(documents, "R-82").number in _notes(form)


# 5. ------------------------------------------------------------------------------------------
IP_KIND_LIST = {"zh": re.compile(r"专利、商标.{0,40}著作权"),
                "en": re.compile(r"patents, trademarks, .{0,60}copyright", re.IGNORECASE)}
VARIETY = {"zh": "品种", "en": "plant variet"}


@pytest.mark.parametrize("name", ["seed.zh", "seed.en"])
def test_every_list_of_ip_kinds_names_the_plant_variety_rights_held(packages, name):
    """The company holds 85 variety rights (ip.plant_varieties): every list of IP kinds in the
    package (rules per kind, compliance self-checks, monitoring, marking, scope) names them,
    and the manual's freedom-to-operate check and its IP classes do too."""
    language = name.split(".")[1]
    documents = packages[name]
    missing = [(number, where, text[:80]) for number, where, text in _all_text(documents)
               if IP_KIND_LIST[language].search(text) and VARIETY[language] not in text.lower()
               and not re.fullmatch(r"(?:《[^》]+》)+", text)]  # a list of law titles
    assert missing == []
    manual = _doc(documents, "M-01")
    infringe = "是否侵犯他人专利权" if language == "zh" else "infringe the patents"
    fto = [t for _, t in manual.texts() if infringe in t]
    assert fto and all(VARIETY[language] in t.lower() for t in fto), fto
    assets = [t for _, t in _doc(documents, "P-18").texts() if "85" in t]
    assert assets, "P-18 does not count the 85 variety rights among the assets"


# 6. ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["seed.zh", "seed.en"])
def test_seed_company_secures_its_germplasm_store(packages, name):
    """The intake keeps 种质资源库及材料信息 as a trade secret: its germplasm bank and cold stores
    are secure areas (P-06), named by the facts, not by the technologies run there."""
    word = "种质资源库" if name.endswith("zh") else "germplasm bank"
    areas = [t for w, t in _doc(packages[name], "P-06").texts()
             if ("保密区域" in w or "restricted areas" in w.lower()) and "分子标记" not in t]
    assert any(word in t for t in areas), areas


# 7. and 8. -----------------------------------------------------------------------------------
NDA = {"seed.zh": (["种质资源", "系谱"], ["源代码", "图纸", "配方"]),
       "seed.en": (["germplasm", "pedigrees"], ["source code", "drawings", "formulations"]),
       "ai-startup.zh": (["模型权重", "训练数据集", "源代码"], ["图纸", "配方"]),
       "ai-startup.en": (["model weights", "training datasets", "source code"],
                         ["drawings", "formulations"])}


@pytest.mark.parametrize("name", COMPANIES)
def test_nda_names_the_technical_information_of_the_company_kind(packages, name):
    text = _notes(_doc(packages[name], "R-14"))
    start = text.index("一、" if name.endswith("zh") else "1. Confidential")
    # the whole first clause, up to the second (R-14 lists the secrets by category since nda35)
    end = text.find("二、" if name.endswith("zh") else " 2. ", start)
    clause = text[start:end if end > 0 else None]
    clause = clause.replace("组配", "")  # 亲本组配: how parent lines are crossed, no formulation
    wanted, unwanted = NDA[name]
    assert all(w in clause for w in wanted), clause
    assert not any(w in clause for w in unwanted), clause


@pytest.mark.parametrize("name", ["seed.zh", "seed.en"])
def test_parent_line_combinations_are_no_formulation(packages, name):
    """亲本自交系及组配方案 names how parent lines are crossed; the seed company makes nothing to
    a formulation, so no text speaks of its formulations (配方) or formulation changes."""
    found = [(n, w) for n, w, t in _all_text(packages[name])
             if ("配方" in t.replace("组配方案", "") if name.endswith("zh")
                 else "formulation" in t.lower())]
    assert found == []


# 9. ------------------------------------------------------------------------------------------
RD_FIELDS = {"seed.zh": ["材料编号", "系谱", "试验点"],
             "seed.en": ["material number", "pedigree", "trial site"],
             "ai-startup.zh": ["模型", "数据集"], "ai-startup.en": ["model", "dataset"]}


@pytest.mark.parametrize("name", COMPANIES)
def test_rd_record_has_the_fields_of_how_rd_is_done(packages, name):
    labels = " | ".join(row[0] for t in _doc(packages[name], "R-39").tables() for row in t.rows)
    for field in RD_FIELDS[name]:
        assert field in labels.lower(), f"{field!r} missing from R-39: {labels}"


# 10. -----------------------------------------------------------------------------------------
def _title(code: str, language: str) -> str:
    entry = next(e for e in CATALOGUE["procedures"] + CATALOGUE["forms"] if e["code"] == code)
    return entry["title"][language]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_customers_uploading_their_own_data_get_no_public_takedown_register(packages,
                                                                           language):
    """The AI start-up's business customers upload their own production-line images, processed
    for them under a data processing agreement (customer_data): no public user content, so no
    R-77 and no notice-and-takedown step naming it; the game studio hosting mods keeps both."""
    documents = packages[f"ai-startup.{language}"]
    assert not _has(documents, "R-77")
    assert not any(_title("R77", language) in t for _, _, t in _all_text(documents))
    assert _has(packages[f"ugc.{language}"], "R-77")


def test_takedown_time_is_the_time_the_objective_sets(packages):
    """The game studio's objective: 用户生成内容侵权投诉100%在48小时内处理."""
    note = _notes(_doc(packages["ugc.zh"], "R-77"))
    assert "48小时" in note, note


def test_no_takedown_time_is_cited_where_no_objective_sets_one(packages):
    documents = packages["ugc.en"]
    texts = [t for _, _, t in _all_text(documents)]
    assert not any("the time the IP objectives set" in t for t in texts)
    assert any("notices" in t.lower() for t in texts)  # the step is still there


# 11. -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_policy_naming_financing_and_the_financing_clauses_agree(packages, language):
    """The policy says 以知识产权支撑融资 (let IP support financing): the financing procedure is
    drafted and 11.4.3.1 is not excluded as 'no plans for IP financing'; `intake check` warns
    that business.financing_plans says otherwise."""
    documents = packages[f"ai-startup.{language}"]
    # drafted: its own document, or a chapter of a small company's bundle
    assert _title("P20", language) in drafted_procedure_titles(documents)
    reason = {"zh": "无知识产权投融资", "en": "no plans for IP financing"}[language]  # P20's
    assert not any(reason in t for _, _, t in _all_text(documents))
    _, report = load_intake_report(DATA / f"ai-startup.{language}.yaml")
    assert any(p.path == "business.financing_plans" for p in report.warnings)
