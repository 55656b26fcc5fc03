"""The company's physical areas and its academic R&D partners, read from the intake's sites and
partners (generators.company_kind words them for the templates as `says.areas`,
`kind.plant_or_lab`, `kind.academic` and `says.academic_partners`).

A restricted area (P-06 §5.6, the manual's §8.2) is one of the company's own places: a testing
laboratory, a test room, an R&D laboratory, a sample store, production, a warehouse — only what a
site's name or activities name, never a laboratory or workshop the company does not have, and
read as a consultant reads them: 'art and audio production' or 内容生产 is media work, not a
production area (_NOT_PLACES). A
partner named as a university or institute makes collaborative development with one a fact,
whatever rd.modes says (`ipms intake check` warns when the two disagree).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # generators.intake's checks use this module
    from generators.intake import Intake

# words that name production at a site (a plant, a workshop, a processing centre)
_PRODUCTION = (r"生产|制造|车间|工厂|加工|production|manufactur|\bplants?\b|workshop|factory|"
               r"factories|processing\s+(?:centres?|centers?|plants?|lines?|workshops?|facilit)")
# where a company keeps germplasm (its cold stores of parent seed and breeding material): a
# place wherever the company names germplasm — at a site, or as what it keeps secret
# (种质资源库及材料信息); a food maker's 冷库 or a trader's 客户资源库 is no germplasm bank
_GERMPLASM = r"种质|种子库|germplasm|gene\s*bank|seed\s*bank"
# the physical areas a site's name or activities name, in the order a text lists them:
# (words, zh, en, words that count only for a company that is not software-only — a software
# company's 研发/测试 is no laboratory, its storage no warehouse); the same English name is
# listed once
_AREAS = (
    (r"检测|检验|化验|理化|计量|inspection|assay|calibration|metrolog", "检测实验室",
     "testing laboratories", r"测试|testing|\btests?\b"),
    (r"试验(?!站|田|地|基地)", "试验室", "testing laboratories", ""),
    (r"试验站|试验田|试验地|试验基地|田间|大田|南繁|繁育基地|制种基地|种植|农场|苗圃|温室|大棚|"
     r"\b(?:trial|test|experimental|seed|breeding|field)\s+(?:fields?|plots?|stations?)\b|"
     r"(?<!server )\bfarms?\b|nurser(?:y|ies)|greenhouses?",
     "试验田和种植基地", "trial fields and growing sites", ""),
    (_GERMPLASM, "种质资源库和冷库", "germplasm bank and cold stores", ""),
    (r"(?<!检测)(?<!检验)实验|研究室|(?<!testing )(?<!test )(?:laborator|\blabs?\b)",
     "研发实验室", "R&D laboratories", r"研发|研究|R&D|research"),
    (r"样品|留样|样本|samples?\b", "样品存放区", "sample stores", ""),
    (_PRODUCTION, "", "", ""),  # the production areas: named by their sites (production_sites)
    (r"仓储|仓库|库房|物流|warehous|logistics", "仓库", "warehouses", r"storage"),
)
# what a site's activities name that is work, not a place of the kind _AREAS names, as a
# consultant reads it: a media or art production (美术/音频制作, art and audio production,
# 内容生产, post-production) is no factory floor, an IT production environment (生产环境) no
# workshop, data processing (数据加工) no processing plant, audio samples no sample store; these
# words are taken out of the text before the areas are looked for
_NOT_PLACES = re.compile(
    r"(?:内容|节目|视频|音频|音乐|影视|动画|美术|数字|数据|信息|游戏|媒体)(?:生产|加工)"
    r"|生产(?:环境|服务器|数据库)|音频样本|声音样本"
    r"|\b(?:art|audio|sound|music|video|film|movie|media|content|animation|game|TV|television"
    r"|broadcast|podcast|programme|program|photo|graphics|post)[\s-]+production"
    r"|\bproduction\s+of\s+(?:the\s+)?(?:art|audio|sound|music|videos?|films?|movies?|media"
    r"|content|animations?|games?|TV|television|broadcasts?|podcasts?|programmes?)\b"
    r"|\bproduction\s+(?:environments?|servers?|deployments?|releases?|databases?)\b"
    r"|\b(?:audio|sound|music)\s+samples?\b"
    r"|(?:品种|比较|多点|区域|田间|大田|制种|生产|栽培|示范)(?:试验|测试)|\b(?:variety|field|seed-production|"
    r"production|yield|multi-site|regional)\s+(?:trials?|testing)\b",
    re.IGNORECASE)
# a site name that joins the production place with others (headquarters, offices)
_JOINED_PLACES = re.compile(r"总部|办公|及|和|与|、|headquarters|head office|office|\band\b|&",
                            re.IGNORECASE)
# a partner that is a university or a research institute, not a firm
_ACADEMIC = re.compile(r"大学|学院|高校|研究院|研究所|科学院|科研院所|实验室|"
                       r"universit|college|institute|academy|polytechnic|school of", re.IGNORECASE)
_FIRM = re.compile(r"公司|企业|集团|Co\.|Ltd|Inc\b|GmbH|Corporation|LLC|CRO\b|合同研究组织",
                   re.IGNORECASE)


# a site that is another company's premises: a contract manufacturer's plant the intake lists
# because the company's goods are made there ('东莞委托加工厂（代工厂，非自有场所）')
_THIRD_PARTY_NAME = re.compile(r"委托加工厂|代工厂|外协厂|受托方|加工方|非自有|他方场所|"
                               r"contract manufacturer|subcontractor|toll manufacturer|"
                               r"not (?:our|its|the company's) (?:own )?premises|third[- ]party",
                               re.IGNORECASE)
_THIRD_PARTY_SAID = re.compile(r"非自有|not (?:our|its|the company's) (?:own )?premises",
                               re.IGNORECASE)


def own_sites(intake: Intake) -> list:
    """The intake's sites that are the company's own premises: not a contract manufacturer's or
    another third party's plant (its name says so, or its name or activities say it is not the
    company's premises). Its system covers its own sites; a third party's premises are controlled
    through the contract (P-03), never declared the company's restricted areas (P-06) nor put in
    the certification scope — a consultant's finding."""
    return [site for site in intake.company.sites or []
            if not _THIRD_PARTY_NAME.search(site.name)
            and not _THIRD_PARTY_SAID.search(site.activities or "")]


def physical_areas(intake: Intake, kind: dict[str, bool]) -> list[tuple[str, str]]:
    """The company's physical areas to restrict, [(zh, en)] in _AREAS order ('' names: the
    production areas), from its sites' names and activities: a testing laboratory, a test room,
    an R&D laboratory, a sample store, production, a warehouse — only what a site names (研发 or
    测试 names a laboratory only for a company with goods or laboratories — a manufacturer,
    life-sciences, trading, R&D-services or testing company, never a software house or a company
    of another kind such as a design institute — and 研发 only for one that does R&D); a germplasm
    bank and cold stores also where the trade secrets name germplasm kept (_GERMPLASM). Without sites: a manufacturer's or life-sciences company's production areas, and
    its R&D laboratories when it does R&D; a testing company's laboratories and sample stores. `kind` is derived_facts' kind."""
    sites = own_sites(intake)
    kept = " ".join(str(w) for w in intake.ip.trade_secret_examples or [])
    germplasm = ("种质资源库和冷库", "germplasm bank and cold stores")
    if not sites:
        plant = kind["manufacturing"] or kind["life_sciences"]
        lab = kind.get("testing", False)  # a testing company's laboratories and sample stores
        return [(zh, en) for _, zh, en, _ in _AREAS
                if (plant and ((zh == "研发实验室" and kind["rd"]) or not zh))
                or (lab and zh in ("检测实验室", "样品存放区"))
                or ((zh, en) == germplasm and re.search(_GERMPLASM, kept, re.IGNORECASE))]
    # 研发/测试/storage name a laboratory or a warehouse only for a company with goods or
    # laboratories: a software house's or a design or consulting firm's R&D is done at desks
    has_labs = kind["physical_goods"] or kind["rd_services"] or kind["testing"]
    text = _NOT_PLACES.sub(" ", " ".join(f"{site.name} {site.activities}" for site in sites))
    found = []
    for words, zh, en, more in _AREAS:
        if more and zh == "研发实验室" and not kind["rd"]:
            more = ""
        pattern = words if not has_labs or not more else f"{words}|{more}"
        if re.search(pattern, text, re.IGNORECASE) or (
                (zh, en) == germplasm and re.search(words, kept, re.IGNORECASE)):
            found.append((zh, en))
    return found


def production_sites(intake: Intake) -> list[str]:
    """The names of the sites whose name or activities name production (a plant, a workshop,
    a processing centre; not media work or a production environment, _NOT_PLACES): the places
    a production area is named by — a process or technology the company runs is no place."""
    return [site.name for site in own_sites(intake)
            if re.search(_PRODUCTION, _NOT_PLACES.sub(" ", f"{site.name} {site.activities}"),
                         re.IGNORECASE)]


def names_production(name: str) -> bool:
    """Whether a site's own name says it is a production place and nothing more ('生产基地',
    '种子加工中心', 'Seed Processing Centre'): then the name is the place, with no '的生产区域'
    after it; a name that joins other places ('总部及生产基地', 'Head office and plant') is not."""
    return (bool(re.search(_PRODUCTION, _NOT_PLACES.sub(" ", name), re.IGNORECASE))
            and not _JOINED_PLACES.search(name))


def academic_partners(intake: Intake) -> list[str]:
    """The R&D partners (rd.partners) that are universities or research institutes: a name with
    大学/学院/研究院/研究所/科学院/University/College/Institute/Academy…, and not a firm's
    (公司, Co., Ltd, CRO …)."""
    return [p for p in intake.rd.partners if _ACADEMIC.search(p) and not _FIRM.search(p)]
