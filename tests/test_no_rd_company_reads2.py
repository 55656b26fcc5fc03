"""Issue 17 (the consultant's tryout, part A): a company without R&D reads as one in P-04, P-05,
P-09, P-11, P-14 and P-18 too, and a definitions row goes with its term.

The trading companies of tests/data (rd.modes: [], rd_staff: 0; registered trademarks and trade
secrets, no patents, no licences in) were drafted with the strategy's "R&D content" and "core
technology", an R&D department (the IP department by fallback) asked for "the direction of R&D",
"R&D project initiation" and "technologies under development" as risk triggers, a definition of IP
by "inventors", and a P-14 that was mostly "the company does no R&D at present". GB/T 29490's
acquisition clause (bj-ipm 9.3) still applies to a trader: it registers its marks (P-29), buys or
takes assignments of IP and commissions designs, whose copyright the Copyright Law (Art. 19) gives
the designer unless the contract says otherwise. The expected phrases are the templates' and the
standard's words; the manufacturer with R&D (the shipped example) keeps its R&D wording. Texts are
rendered in-process as the package prints them (generators.documents.procedure_text).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generators.documents import procedure_text
from generators.intake import PackageSize, load_intake
from generators.package import draft_package
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR, TemplateSet

DATA = Path(__file__).parent / "data"
TRADERS = {"zh": [DATA / "trademarks" / "trade.zh.yaml", DATA / "intakes" / "trading.zh.yaml",
                  DATA / "intakes" / "new-user-trading.zh.yaml"],
           "en": [DATA / "trademarks" / "trade.en.yaml"]}
MANUFACTURER = {"zh": TEMPLATES_DIR / "intake.zh.yaml", "en": TEMPLATES_DIR / "intake.en.yaml"}
CODES = ("P04", "P05", "P09", "P11", "P14", "P18")

# what the manufacturer's package says about its R&D (and patents), and a trader's must not
RD_WORDS = {
    # P-04 in a GB/T package plans the system, not a strategy (test_manual_2023_structure)
    "en": {"P04": ["R&D-related IP objectives", "builds those actions into R&D"],
           "P05": ["inventors"],
           "P09": ["adjust the direction of R&D", "technology gaps", "papers are published",
                   "where a patent should be filed first", "key technology topics"],
           "P11": ["an R&D project is initiated", "technologies under development",
                   "design-around", "the results of collaborative development",
                   "of cross-licensing"],
           "P14": ["During R&D", "invention disclosure", "Joint development contract IP checklist",
                   "research information release procedure", "improvement inventions",
                   "technical secrets", "R&D record ("],
           "P18": ["peripheral patents", "core technology or not", "working in products"]},
    "zh": {"P04": ["提出研究开发内容和技术创新目标", "纳入研发、采购"],
           "P05": ["发明者"],
           "P09": ["调整研发方向", "技术空白点", "发表论文", "需先申请专利的", "重点技术专题库"],
           "P11": ["研发项目立项", "在研技术", "规避设计", "合作开发成果", "交叉许可的可能性"],
           "P14": ["研发过程中", "技术交底书", "合作开发合同知识产权条款核查表", "研究信息发布程序", "改进发明",
                   "技术秘密", "《研发记录》"],
           "P18": ["外围专利", "是否核心技术", "在产品中的实施"]},
}
# what a company without R&D does instead (the templates' words; P-29 is in its package). P-18's
# technical value "only for IP that concerns technology" is for a company holding such IP: the
# traders here hold none (tests/test_no_rd_company_reads3.py checks it with software copyrights)
INSTEAD = {
    "en": {"P04": ["Proposes the IP requirements for suppliers and purchased products",
                   "Proposes what brand building and trademark use need"],
           "P05": ["The IP the company holds or plans at present is registered trademarks and "
                   "trade secrets"],
           "P09": ["decides the product fields",
                   "patent and trademark searches on a new supplier's products"],
           "P11": ["whether the product can be substituted (another product or supplier)"],
           "P14": ["Routes and plan of acquisition", "Design commission contracts",
                   "to the commissioned party where the contract does not say so clearly",
                   "Trademark and brand management procedure",
                   "so the requirements on R&D records, creators of IP results"],
           "P18": ["use on the products it deals in"]},
    "zh": {"P04": ["提出供应商和采购产品的知识产权管理要求", "提出品牌建设和商标使用的需求"],
           "P05": ["本公司目前持有和计划取得的知识产权为注册商标和商业秘密"],
           "P09": ["监控的产品领域", "新供应商产品的专利、商标检索"],
           "P11": ["产品的替代性（更换产品或供方）"],
           "P14": ["取得途径和计划", "委托设计合同", "合同未作明确约定或者没有订立合同的，著作权属于受托人",
                   "《商标与品牌管理控制程序》",
                   "公司目前不开展研发活动，自主研发的研发记录、成果完成人"],
           "P18": ["在经营产品上的使用"]},
}


def _texts(path: Path, language: str, corpus, templates) -> dict[str, str]:
    """{'P04': …} each procedure of CODES as the package drafted for the intake prints it, each
    procedure issued as its own document (package.compact: false for these small traders: P-14
    names P-29 as a document of its own, 《商标与品牌管理控制程序》)."""
    intake = load_intake(path)
    intake = intake.model_copy(update={"package": PackageSize(compact=False)})
    plan = plan_package(intake, templates,
                        load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)
    out = {}
    for p in plan.procedures:
        if p.code in CODES:
            printed = procedure_text(templates, p.content[language], plan.context)
            out[p.code] = " ".join([printed.purpose, printed.scope]
                                   + [w for row in printed.definitions + printed.responsibilities
                                      + printed.steps for w in row])
    return out


@pytest.fixture(scope="module")
def packages(corpus, templates):
    out = {(path.name, lang): _texts(path, lang, corpus, templates)
           for lang, paths in TRADERS.items() for path in paths}
    out.update({("manufacturer", lang): _texts(path, lang, corpus, templates)
                for lang, path in MANUFACTURER.items()})
    return out


TRADER_IDS = [(lang, path) for lang, paths in TRADERS.items() for path in paths]


@pytest.mark.parametrize(("language", "path"), TRADER_IDS, ids=lambda v: getattr(v, "name", v))
def test_a_company_without_rd_does_not_read_as_one(packages, language, path):
    texts = packages[(path.name, language)]
    found = [(where, words) for where, phrases in RD_WORDS[language].items()
             for words in phrases if words in texts[where]]
    assert found == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_manufacturer_keeps_its_rd_wording(packages, language):
    """The same phrases, checked the other way: the shipped example (in-house R&D with a
    university, patents) still prints them."""
    texts = packages[("manufacturer", language)]
    missing = [(where, words) for where, phrases in RD_WORDS[language].items()
               for words in phrases if words not in texts[where]]
    assert missing == []


@pytest.mark.parametrize(("language", "path"), TRADER_IDS, ids=lambda v: getattr(v, "name", v))
def test_what_a_company_without_rd_says_instead(packages, language, path):
    """Its routes of acquisition (own marks, commissioned designs, purchase and assignment),
    suppliers and products instead of R&D; the manufacturer has none of these sentences."""
    texts, maker = packages[(path.name, language)], packages[("manufacturer", language)]
    missing = [(where, words) for where, phrases in INSTEAD[language].items()
               for words in phrases if words not in texts[where]]
    assert missing == []
    printed = [(where, words) for where, phrases in INSTEAD[language].items()
               for words in phrases if words in maker[where]]
    assert printed == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_without_rd_the_package_names_only_forms_it_drafts(tmp_path, corpus, language):
    """P-14 without R&D or partners names neither the R&D record (R-39, not drafted) nor the joint
    development checklist (R-40), and still the list of IP to be acquired (R-41, 9.3.3.1); the
    package lint finds no reference to a document not drafted."""
    result = draft_package(load_intake(TRADERS[language][0]), corpus, tmp_path / "pkg", language)
    assert [f"{f.kind} {f.document} {f.where}: {f.message}" for f in result.findings] == []
    plan, docno = result.plan, result.plan.context["docno"]
    p14 = next(p for p in plan.procedures if p.code == "P14")
    printed = procedure_text(TemplateSet(), p14.content[language], plan.context)
    text = " ".join([printed.scope] + [w for row in printed.definitions + printed.responsibilities
                                       + printed.steps for w in row])
    assert (docno["R39"] in text, docno["R40"] in text, docno["R41"] in text) == (
        False, False, True)


# -- definitions: a row is a term and its meaning, printed together or not at all ----------------
def test_a_definition_row_goes_with_its_term_and_its_meaning(templates):
    body = {"purpose": "p", "scope": "s", "responsibilities": [], "steps": [],
            "definitions": [{"term": "{% if plans.patents %}专利组合{% endif %}",
                             "meaning": "由核心专利和外围专利构成的一组专利。"},
                            {"term": "知识产权台账", "meaning": "{% if held.any %}管理清单。{% endif %}"},
                            {"term": "分级管理", "meaning": "分为不同等级的管理方式。"}]}
    context = {"plans": {"patents": False}, "held": {"any": False}}
    assert procedure_text(templates, body, context).definitions == [
        ("分级管理", "分为不同等级的管理方式。")]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_procedure_prints_half_a_definition(corpus, templates, language):
    """Every procedure of the trader's and the manufacturer's packages: no row without a term or
    without a meaning; the trader's P-18 has no patent portfolio, the manufacturer's has."""
    portfolio = {"zh": "专利组合", "en": "patent portfolio"}[language]
    for path, has_patents in ((TRADERS[language][0], False), (MANUFACTURER[language], True)):
        plan = plan_package(load_intake(path), templates,
                            load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)
        for p in plan.procedures:
            rows = procedure_text(templates, p.content[language], plan.context).definitions
            assert all(term and meaning for term, meaning in rows), p.code
            if p.code == "P18":
                assert (portfolio in [term for term, _ in rows]) == has_patents


@pytest.mark.parametrize(("language", "path"), TRADER_IDS, ids=lambda v: getattr(v, "name", v))
def test_the_laws_identified_are_those_of_where_the_company_is(packages, language, path):
    """P-04 listed Beijing's IP policies for every company (the traders are in Shanghai and
    Ningbo): it names the local policies of wherever the company is based."""
    text = packages[(path.name, language)]["P04"]
    assert ("北京市知识产权政策" if language == "zh" else "Beijing IP policies") not in text
    assert ("公司所在地的知识产权政策" if language == "zh"
            else "the IP policies of the place where the company is based") in text


def test_a_trader_without_trademarks_names_no_trademark(tmp_path, corpus, templates):
    """The same trader with no registered trademark and no trademark objective: it commissions
    logos (标识), not trademark logos, and holds trade secrets only."""
    import yaml

    data = yaml.safe_load((DATA / "trademarks" / "trade.zh.yaml").read_text(encoding="utf-8"))
    data["ip"]["trademarks"] = 0
    data["policy"]["objectives"] = [o for o in data["policy"]["objectives"] if "商标" not in o]
    path = tmp_path / "no-marks.zh.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    texts = _texts(path, "zh", corpus, templates)
    assert [(c, w) for c, w in (("P14", "商标标识"), ("P04", "商标使用"), ("P14", "申请注册自有商标"))
            if w in texts[c]] == []
    assert "委托外部单位设计标识" in texts["P14"]
    assert "本公司目前持有和计划取得的知识产权为商业秘密" in texts["P05"]
