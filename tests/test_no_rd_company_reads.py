"""Issue 17, part X (the consultant's report, items 10 and 11): a company without R&D does not
read as an R&D company, and the package names only the IP the company holds or plans.

The trading company of tests/data/trademarks (rd.modes: [], rd_staff: 0, trademarks and trade
secrets only, licences_in: []), in English and in its Chinese copy, was drafted with the policy
"encourages its employees to create IP around…", the strategy plan stating "the R&D content" (a GB/T package now plans
its objectives "in the light of the R&D projects behind" the products),
"related R&D positions", P-07's "IP liaison officers in the R&D departments", P-08's "R&D
personnel — patent basics", P-05's inventor rewards and P-18 asking "the creators of the IP
results" (its R&D department) about abandonment; and with "software copyright registration",
"technical secrets … by technical field" and "licensed or cross-licensed IP". The expected
phrases are the consultant's quotations and the templates' words; a manufacturer with R&D
(the shipped example) keeps its R&D wording. Texts are rendered in-process from the plan.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generators.intake import load_intake
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

TRADE = Path(__file__).parent / "data" / "trademarks"
MANUFACTURER = {"zh": TEMPLATES_DIR / "intake.zh.yaml", "en": TEMPLATES_DIR / "intake.en.yaml"}

# what an R&D company's package says, and a trading company's must not (consultant's words)
RD_WORDS = {
    "en": {"manual": ["encourages its employees to create intellectual property",
                      "the R&D projects behind", "related R&D positions",
                      "confirms the ownership of IP in jointly developed",
                      "including R&D, procurement", "risks promptly in R&D",
                      "technology development contracts"],
           "P07": ["IP liaison officers in the R&D departments", "R&D records",
                   "suggestions that become technical secrets"],
           "P08": ["R&D personnel — patent basics", "R&D personnel have",
                   "a major R&D project"],
           "P05": ["remunerating inventors"],
           "P18": ["asks the creators of the IP results", "asks the inventors",
                   "proposes technology gaps"]},
    "zh": {"manual": ["鼓励员工围绕", "相关的研发项目", "运营及研发等相关岗位", "对合作开发的技术或产品确认知识产权权属",
                      "贯穿于研发、采购", "公司在研发、采购", "技术开发合同"],
           "P07": ["研发部门的知识产权联络员", "研发记录", "合理化建议形成技术秘密"],
           "P08": ["研发人员——专利基础知识", "和研发人员具备", "重大研发项目立项"],
           "P05": ["发明人奖励"],
           "P18": ["征求知识产权成果完成人", "征求发明人", "提出技术空白点"]},
}
# IP the trading company neither holds nor plans
NOT_HELD = {
    "en": {"manual": ["software copyright registration", "by technical field",
                      "licensed or cross-licensed IP", "copyright including software copyright",
                      "rewards for technical secrets", "trade secrets, technical secrets"],
           "P18": ["by technical field", "technical secrets", "including software copyright"]},
    "zh": {"manual": ["软件著作权登记", "技术领域进一步细分", "被许可或交叉许可知识产权", "含软件著作权",
                      "商业秘密和技术秘密"],
           "P18": ["技术领域", "技术秘密", "含软件著作权"]},
}


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _texts(path: Path, language: str, corpus, templates) -> dict[str, str]:
    """{'manual': the manual's front sections and clause texts, 'P07': … each procedure drafted}
    rendered for the intake at `path`."""
    plan = plan_package(load_intake(path), templates,
                        load_target("gbt29490-2023", corpus.get(BJ), TEMPLATES_DIR), language)
    render = lambda text: templates.render(text, plan.context)  # noqa: E731
    manual = templates.manual(language)
    out = {"manual": " ".join([render(s["text"]) for s in manual["sections"].values()]
                              + [render(u.text) for u in plan.units])}
    for p in plan.procedures:
        out[p.code] = " ".join(render(t) for t in _strings(p.content[language]))
    return out


@pytest.fixture(scope="module")
def packages(corpus, templates):
    return {(who, lang): _texts(path, lang, corpus, templates)
            for who, paths in (("trade", {lang: TRADE / f"trade.{lang}.yaml" for lang in
                                           ("en", "zh")}), ("manufacturer", MANUFACTURER))
            for lang, path in paths.items()}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_trading_company_does_not_read_as_an_rd_company(packages, language):
    texts = packages[("trade", language)]
    found = [(where, words) for where, phrases in RD_WORDS[language].items()
             for words in phrases if words in texts[where]]
    assert found == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_trading_company_names_only_the_ip_it_holds_or_plans(packages, language):
    texts = packages[("trade", language)]
    found = [(where, words) for where, phrases in NOT_HELD[language].items()
             for words in phrases if words in texts[where]]
    assert found == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_what_the_trading_company_says_instead(packages, language):
    """Its brands and what it holds (5 registered trademarks, trade secrets; the intakes)."""
    texts = packages[("trade", language)]
    if language == "en":
        assert "builds and protects its brands" in texts["manual"]
        assert "fill them through trademark registration and trade secret protection" in texts[
            "manual"]
        assert "trademarks, copyright, trade secrets and other IP" in texts["P18"]
        assert "IP liaison officers in the departments" in texts["P07"]
    else:
        assert "培育和保护自有品牌" in texts["manual"]
        assert "通过商标注册、商业秘密保护等方式补齐" in texts["manual"]
        assert "按商标、著作权、商业秘密及其他知识产权分类" in texts["P18"]
        assert "各部门的知识产权联络员" in texts["P07"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_manufacturer_with_rd_keeps_its_rd_wording(packages, language):
    """The shipped example (in-house R&D, patents, software copyrights) reads as before."""
    texts = packages[("manufacturer", language)]
    kept = {"en": {"manual": ["encourages its employees to create intellectual property",
                              "the R&D projects behind", "related R&D positions",
                              "risks promptly in R&D"],
                   "P07": ["IP liaison officers in the R&D departments"],
                   "P08": ["R&D personnel — patent basics"],
                   "P18": ["technical secrets are further divided by technical field"]},
            "zh": {"manual": ["鼓励员工围绕", "相关的研发项目", "运营及研发等相关岗位", "公司在研发、采购"],
                   "P07": ["研发部门的知识产权联络员"],
                   "P08": ["研发人员——专利基础知识"],
                   "P18": ["技术秘密按技术领域"]}}[language]
    missing = [(where, words) for where, phrases in kept.items() for words in phrases
               if words not in texts[where]]
    assert missing == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_context_parties_and_scope_follow_the_company(packages, language):
    """GB/T 29490—2023 4.1-4.3 (additions.yaml): no R&D modes or R&D partners without R&D, and
    the scope names the kinds of IP held or planned (the trading company: trademarks and trade
    secrets, no copyright); the manufacturer keeps its R&D modes."""
    trade, maker = packages[("trade", language)], packages[("manufacturer", language)]
    if language == "en":
        for words in ("R&D modes", "R&D partners", "holds - trademarks, copyright"):
            assert words not in trade["manual"], words
        assert "the kinds of IP it holds or plans - trademarks and trade secrets." in trade[
            "manual"]
        assert "R&D modes" in maker["manual"]
    else:
        for words in ("研发模式", "合作研发单位", "以及商标、著作权"):
            assert words not in trade["manual"], words
        assert "以及商标、商业秘密等知识产权类型" in trade["manual"]
        assert "研发模式" in maker["manual"]
