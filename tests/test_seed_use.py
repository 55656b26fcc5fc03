"""Issue 17, part sde: a seed company's enforcement, licensing, export and contracted production.

A consultant tried a 种业 company (85 plant variety rights, seed produced by contract growers, 套牌
counterfeits, exports to Central Asia; /work/notes/s31/try6b-report.md). Fixed by kind, for any
company holding plant variety rights or producing through contract growers, in both languages:

1. P-15: 套牌 evidenced by a DNA fingerprint (SSR/SNP) test against the standard sample and a
   notarised purchase of the seed bags; complaints to the agricultural authorities besides the
   market regulator; marking of the variety right number and the approval or registration number
   on the seed label. P-17: customs recordation only for the rights the customs regulations
   cover, and it says variety rights are not among them.
2. P-19 and R-53: variety-right transfers and licences go through the PVR office of the
   agricultural ministry, a transfer to a foreign party needs approval; R-53 has fields for the
   variety right number, the licensed area and quantity.
3. P-17: germplasm leaves the country only with approval, seed import and export needs a licence,
   protection abroad under UPOV members — only for companies with variety rights or exporting seed.
4. Contracted seed production (`business.contract_growers`, or read from the intake's text):
   P-03's step for 制种合同 instead of the drawings wording, R-80 亲本发放与回收（销毁）记录, R-06's
   category 制种; P-03's scope and R-06's categories agree for every company.

Expected words come from the brief and the consultant's report, the laws' own terms and the
templates' own words, never from what the code under test produced.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import intake_variant as _edited
from helpers import procedure_document
from generators.company_kind import derived_facts
from generators.intake import load_intake
from generators.package import draft_package
from generators.package_reader import read_package
from generators.templates_io import TEMPLATES_DIR

DATA = Path(__file__).parent / "data" / "intakes"
EXAMPLES = TEMPLATES_DIR / "examples"
INTAKES = {"seed.zh": DATA / "seed.zh.yaml", "seed.en": DATA / "seed.en.yaml",
           "manufacturer.zh": EXAMPLES / "manufacturer.zh.yaml",
           "life-sciences.en": EXAMPLES / "life-sciences.en.yaml",
           "saas.zh": EXAMPLES / "saas.zh.yaml", "trading.zh": DATA / "trading.zh.yaml",
           "game-studio.en": DATA / "game-studio.en.yaml"}


@pytest.fixture(scope="module")
def folders(tmp_path_factory, corpus, templates):
    """{company: the folder of its package} for the intakes above, drafted in-process."""
    out = {}
    for name, intake in INTAKES.items():
        folder = tmp_path_factory.mktemp(name) / "pkg"
        draft_package(load_intake(intake), corpus, folder, name.split(".")[1],
                      templates=templates)
        out[name] = folder
    return out


@pytest.fixture(scope="module")
def packages(folders):
    """{company: [PackageDocument]} for the intakes above."""
    return {name: read_package(folder) for name, folder in folders.items()}


def _texts(documents, number_part: str) -> list[str]:
    """Every paragraph and cell text of the documents whose number contains `number_part`."""
    return [text.replace("\xa0", " ") for d in documents if number_part in d.number
            for _, text in d.texts()]


def _text(documents, number_part: str) -> str:
    return "\n".join(_texts(documents, number_part))


def _section(folder: Path, procedure: str, heading: str) -> str:
    """The paragraph after the heading `heading` ('2 适用范围', '2 Scope') of a procedure, issued
    on its own or as a chapter of a small company's bundle (helpers.procedure_document: a
    chapter's '1.2 适用范围' read as the procedure's own '2 适用范围')."""
    texts = procedure_document(folder, procedure).replace("\xa0", " ").splitlines()
    return texts[texts.index(heading) + 1]


# -- 4 contracted seed production -------------------------------------------------------------------
def test_contract_growers_are_read_from_the_intake_or_given(tmp_path):
    seed = DATA / "seed.zh.yaml"  # says 委托制种 in its certification scope, 制种 in an objective
    assert derived_facts(load_intake(seed))["kind"]["contract_growers"]
    assert not derived_facts(load_intake(EXAMPLES / "manufacturer.zh.yaml"))["kind"][
        "contract_growers"]
    off = _edited(seed, tmp_path, lambda d: d["business"].update(contract_growers=False))
    assert not derived_facts(load_intake(off))["kind"]["contract_growers"]
    named = _edited(EXAMPLES / "manufacturer.zh.yaml", tmp_path,
                    lambda d: d["business"].update(contract_growers=["甘肃张掖制种基地"]))
    facts = derived_facts(load_intake(named))
    assert facts["kind"]["contract_growers"] and "甘肃张掖制种基地" in facts["says"]["growers"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p03_reviews_seed_production_contracts_not_drawings(packages, language):
    documents = packages[f"seed.{language}"]
    p03 = _text(documents, "P-03")
    r80 = next(d for d in documents if "R-80" in d.number)
    if language == "zh":
        assert r80.title == "亲本发放与回收（销毁）记录" and "委托制种合同" in p03
        step = next(t for t in _texts(documents, "P-03") if t.startswith("公司委托制种"))
        for words in ("亲本", "批号", "隔离", "全部交", "不得截留", "出售", "回收", "销毁",
                      "商业秘密", "FH-IPM-R-80"):
            assert words in step, words
        assert "图纸" not in p03 and "模具" not in p03  # the drawings/parts wording is gone
        # a company without contract growers has neither the step nor the record
        assert not any("R-80" in d.number for d in packages["manufacturer.zh"])
        assert "制种" not in _text(packages["manufacturer.zh"], "P-03")
    else:
        assert r80.title == "Parent seed issue and recall (destruction) record"
        step = next(t for t in _texts(documents, "P-03") if t.startswith("Where seed is produced"))
        for words in ("parent seed", "lot", "isolation", "all seed harvested", "sells",
                      "taken back", "destroyed", "trade secrets", "FH-IPM-R-80"):
            assert words in step, words
        assert "drawings" not in p03 and "moulds" not in p03
    columns = _text([r80], "R-80")
    assert ("批号" in columns and "回收" in columns and "销毁" in columns) if language == "zh" else (
        "lot" in columns and "taken back" in columns and "Destroyed" in columns)


def _choices(documents) -> list[str]:
    """R-06's contract categories: the choices of its one field with many tick boxes."""
    boxes = [t for t in _texts(documents, "R-06") if t.count("☐") > 5]
    assert len(boxes) == 1
    return [c.strip().rstrip("_").strip() for c in boxes[0].split("☐") if c.strip()]


def _split(listing: str, language: str) -> list[str]:
    """The contracts a scope lists: split at 、 / ', ' outside brackets; a piece naming no
    contract (合同、协议、条款 / contract, agreement) belongs to the next item in Chinese (its
    modifier: 以A、B等作品为交付成果的…合同) and to the one before in English (…such as A, B)."""
    pieces, depth, current = [], 0, ""
    sep = "、" if language == "zh" else ", "
    i = 0
    while i < len(listing):
        char = listing[i]
        depth += char in "(（"
        depth -= char in ")）"
        if not depth and listing.startswith(sep, i):
            pieces.append(current)
            current, i = "", i + len(sep)
            continue
        current += char
        i += 1
    pieces.append(current)
    names = re.compile(r"合同|协议|条款" if language == "zh" else r"contract|agreement")
    items: list[str] = []
    carry = ""
    for piece in pieces:
        if language == "zh":
            if not names.search(piece):
                carry += piece + "、"
                continue
            items.append(carry + piece)
            carry = ""
        elif names.search(piece) or not items:
            items.append(piece)
        else:
            items[-1] += ", " + piece
    return [re.sub(r"^(?:以及|and )", "", item.strip()) for item in items]


@pytest.mark.parametrize("company", list(INTAKES))
def test_p03_scope_and_r06_name_the_same_contract_categories(packages, folders, company):
    documents = packages[company]
    language = company.split(".")[1]
    choices = [c for c in _choices(documents) if c not in ("其他", "other")]
    scope = _section(folders[company], "P-03", "2 适用范围" if language == "zh" else "2 Scope")
    for choice in choices:  # every category R-06 offers is a kind of contract the scope names
        assert choice in scope, choice
    listing = (re.search(r"包括(.+?)。", scope) if language == "zh"
               else re.search(r"IP content: (.+?)\.(?: It also|$)", scope)).group(1)
    listing = listing.replace("，以及", "、") if language == "zh" else listing.replace(
        ", and ", ", ")
    for item in _split(listing, language):  # every contract the scope names has its category
        assert any(choice in item for choice in choices), item
    if company.startswith("seed"):
        assert ("制种" if language == "zh" else "seed production") in choices


# -- 1 enforcement where variety rights are held ---------------------------------------------------
# language -> words the investigation, the complaint and the marking of P-15 name (the brief's
# and the laws' terms: 套牌 evidenced by DNA fingerprints against the standard sample, 农业农村主管部门,
# 品种权号 and 审定/登记编号 on the seed label under 农作物种子标签和使用说明管理办法)
P15_WORDS = {
    "zh": (("公证购买", "种子包装", "DNA指纹", "SSR", "SNP", "标准样品"),
           ("农业农村主管部门", "假、劣种子", "市场监管部门"),
           ("《农作物种子标签和使用说明管理办法》", "品种权号", "审定编号", "登记编号")),
    "en": (("notarised purchase", "seed bags", "DNA fingerprint", "SSR", "SNP", "standard sample"),
           ("agricultural and rural affairs authority", "counterfeit or substandard seed",
            "market regulation authority"),
           ("crop seed labels", "variety right number", "approval or registration number")),
}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_p15_evidences_and_reports_counterfeit_seed_where_variety_rights_are_held(packages,
                                                                                 language):
    p15 = _text(packages[f"seed.{language}"], "P-15")
    evidence, complaint, marking = P15_WORDS[language]
    for words in (*evidence, *complaint, *marking):
        assert words in p15, words
    other = _text(packages["manufacturer.zh"], "P-15")
    assert not any(words in other for words in ("DNA指纹", "标准样品", "品种权号", "农业农村"))


# -- 1, 3 export: customs, germplasm, UPOV --------------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_p17_says_customs_recordation_does_not_cover_variety_rights(packages, language):
    p17 = _text(packages[f"seed.{language}"], "P-17")
    if language == "zh":
        assert "知识产权海关保护条例" in p17 and "植物新品种权不在其内" in p17
        for words in ("种质资源", "国务院农业农村主管部门批准", "共享惠益", "种子进出口许可",
                      "UPOV", "优先权"):
            assert words in p17, words
    else:
        assert "Customs Protection of Intellectual Property Rights" in p17
        assert "plant variety rights are not among them" in p17
        for words in ("Germplasm resources", "agricultural and rural affairs department of the "
                      "State Council", "sharing the benefits", "import and export permit",
                      "UPOV", "priority"):
            assert words in p17, words


def test_p17_records_with_customs_only_the_rights_the_regulations_cover(packages):
    """The manufacturer's recordation names its patents and marks, and nothing of seed."""
    p17 = _text(packages["manufacturer.zh"], "P-17")
    recording = next(t for t in _texts(packages["manufacturer.zh"], "P-17") if "海关总署" in t)
    assert re.search(r"办理公司[^。]*(?:专利权|商标专用权)[^。]*海关保护备案", recording)
    assert not any(words in p17 for words in ("植物新品种", "种质资源", "UPOV"))


def test_p17_germplasm_step_for_a_company_exporting_seed_without_variety_rights(corpus, templates,
                                                                               tmp_path):
    from generators.documents import procedure_text
    from generators.plan import plan_package
    from generators.target import BJ, load_target

    def rendered(intake: Path) -> str:
        plan = plan_package(load_intake(intake), templates,
                            load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), "zh")
        body = next(p for p in plan.procedures if p.code == "P17").content["zh"]
        printed = procedure_text(templates, body, plan.context)
        return " ".join(f"{t} {x}" for t, x in printed.steps)

    no_rights = _edited(DATA / "seed.zh.yaml", tmp_path,
                        lambda d: d["ip"].update(plant_varieties={"granted": 0}))
    text = rendered(no_rights)
    assert "种质资源" in text and "种子进出口许可" in text  # it exports seed
    assert "UPOV" not in text and "植物新品种权不在其内" not in text  # it holds no variety rights
    assert "种质资源" not in rendered(EXAMPLES / "manufacturer.zh.yaml")


# -- 2 licensing and transfer of variety rights ----------------------------------------------------
@pytest.mark.parametrize("language", ["zh", "en"])
def test_p19_registers_variety_transfers_with_the_pvr_office(packages, language):
    steps = _texts(packages[f"seed.{language}"], "P-19")
    if language == "zh":
        transfer = next(t for t in steps if "权属变更登记" in t)
        assert "农业农村部植物新品种保护办公室" in transfer and "公告" in transfer
        assert re.search(r"向外国人转让[^。]*品种权[^。]*须经审批机关批准", transfer)
        assert "《中华人民共和国植物新品种保护条例》" in transfer
        assert not re.search(r"品种权[^。；]*国家知识产权局", transfer)
        licence = next(t for t in steps if "许可合同中约定" in t)
        assert "品种权号" in licence and "区域" in licence and "制种面积" in licence
    else:
        transfer = next(t for t in steps if "change of ownership" in t)
        assert "Office for the Protection of New Varieties of Plants" in transfer
        assert "foreign party" in transfer and "approval" in transfer
        assert not re.search(r"variety right[^.;]*CNIPA", transfer)
        licence = next(t for t in steps if "The licence agreement states" in t)
        assert "variety right numbers" in licence and "area" in licence


@pytest.mark.parametrize("language", ["zh", "en"])
def test_r53_has_the_variety_right_number_area_and_quantity(packages, language):
    r53 = _text(packages[f"seed.{language}"], "R-53")
    words = (("品种权号", "许可生产或销售的区域", "种子数量", "向外国人转让品种权的审批文号")
             if language == "zh" else
             ("variety right numbers", "Area where the seed may be produced or sold",
              "Quantity of seed", "assignment of a variety right to a foreign party"))
    for word in words:
        assert word in r53, word
    assert "品种权号" not in _text(packages["manufacturer.zh"], "R-53")
