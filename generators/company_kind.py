"""Facts the templates derive from the intake: what kind of company it is, the IP it holds and
plans, how it exports, and a few phrases that are worded from those facts.

The templates see them as `kind.*`, `held.*`, `plans.*`, `export.*` and `says.*` (see
generators/templates/README.md, which lists each one). They let a text follow the company:
no patent marking for a company that holds and plans no patents, no customs recording for an
online service, no "发明专利0件" printed as a fact, R&D records as the company keeps them.

An intake without `company.business_model` (one written before the fact existed) is drafted as
before: as a manufacturer of physical goods.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from generators.cadence import activities
from generators.company_sites import (academic_partners, names_production, physical_areas,
                                      production_sites)
from generators.intake import Intake
from generators.intake_facts import _GROUP, group_mark_licences, names_financing
from generators.licence_kinds import scope_columns
from generators import right_kinds
from generators.secret_kinds import ABOUT_CUSTOMERS, by_category
from generators.systems import system_processes
from generators.trade_partners import carries_firmware, contract_made, distributors_abroad
from generators.works import bids as takes_part_in_tenders, makers, split_works

_ACTIVITIES = activities()

# name -> the keys it has (tests/test_generators.py checks template variables against this)
DERIVED: dict[str, tuple[str, ...]] = {
    "kind": ("manufacturing", "software", "online", "life_sciences", "rd_services", "testing",
             "trading", "physical_goods", "plant_or_lab", "rd", "brand", "academic",
             "rd_logged", "commissions", "state", "group", "standards", "drawing_suppliers", "military",
             "formulated", "bids", "rd_authors", "ml", "contract_growers", "seed", "agriculture",
             "oem", "odm", "customer_brands", "public_content", "stores", "franchise",
             "high_tech", "distributors", "contract_made", "firmware"),
    "held": ("patents", "foreign_patents", "plant_varieties", "trademarks", "software_copyrights",
             "layout_designs", "works", "trade_secrets", "open_source", "licences_in", "any",
             "group_marks", "models", "datasets", "customer_data", "group_technology",
             "co_owned", "pledged", "co_owned_marks", "co_owned_works"),
    "plans": ("patents", "software_copyrights", "foreign_filing", "trademarks", "technical",
              "patent_led", "recommendation", "deep_synthesis", "generative", "plant_varieties",
              "variety_approval", "brand_launch", "financing"),
    "export": ("any", "goods", "services", "online", "foreign", "us", "eu", "uk"),
    "says": ("holdings", "patents", "rd_records", "exports", "exports_again", "secrets", "own_secrets",
             "sites_abroad",
             "client_info", "system_processes", "areas", "academic_partners", "works",
             "deliverables", "bids", "authors", "makers", "work_sources", "work_contracts",
             "technologies", "activities", "portfolio", "indicators", "parent", "group", "asset_approver",
             "growers", "before_release", "messaging", "technical_info", "technical_secrets",
             "business_secrets",
             "licence_use", "licence_amount", "licence_duties", "licence_now", "takedown_time",
             "licensee_checks", "evidence_time", "franchise_abroad", "gpl_shipped", "financing",
             "co_owners", "pledgees", "co_owned_rules", "mark_co_owners", "work_co_owners",
             "mark_co_owned_rule", "work_co_owned_rule", "pledge_registration"),
    # set by templates_io.context_for from generators.cadence (templates/cadences.yaml): how
    # often each periodic activity is done for a company of this size, and how it is sized
    **{form: _ACTIVITIES for form in ("cadence", "every", "once", "periodic", "unit")},
    "sized": ("small", "why", "electronic", "system"),
    # set by templates_io.context_for from catalogue.yaml `drafted_when`
    "drafted": ("P12", "P13", "P25", "P26", "P27", "P28", "P29", "P30", "P31", "R39", "R40", "R48",
                "R75", "R76", "R78", "R86", "R87"),
    # set by generators.plan: the procedures whose exclusion the manual lists (clauses excluded)
    "excluded": tuple(f"P{n:02d}" for n in range(1, 100)),
    # set by templates_io.context_for from systems.yaml: the existing systems that are
    # management-system standards and those that are qualifications the company holds
    "existing": ("systems", "qualifications"),
    # set by templates_io.context_for from contract_categories.yaml: the contract categories
    # and the contracts of each as P03's scope names them
    "contract": ("categories", "scope"),
    # set by templates_io.context_for from channels.yaml: the information channels of this kind
    # of company, in full (P09's step), short (its definition, the manual) and as R26's choices
    "channel": ("sources", "named", "choices"),
    # set by templates_io.context_for from catalogue.yaml `title_when`: each procedure's title as
    # this company's package prints it (P12 without patent layout wording when no patents), and
    # each form's (R47 an export survey of services for a company exporting services)
    "title": tuple(f"{kind}{n:02d}" for kind in "PR" for n in range(1, 100)),
    # set by generators.plan from forms.yaml `keeper`: the department keeping each form's records
    "keeper": tuple(f"R{n:02d}" for n in range(1, 100)),
    # set by generators.plan from forms.yaml `chain`: who handles a filled-in form, in order
    # ('技术质量部审核、院长批准、财务部发放'), one wording for every text naming the process
    "chain": tuple(f"R{n:02d}" for n in range(1, 100)),
    # set by generators.plan from documents.retention_years: years to keep each form's records
    # (None when the intake names no period for it), and `defaults`: P-02's default periods for
    # the kinds it names none for (generators.retention, retention.yaml)
    "retention": (*(f"R{n:02d}" for n in range(1, 100)), "defaults"),
}

# an objective that names one of these, or a market abroad, plans IP abroad
_FOREIGN = re.compile(r"境外|海外|国外|外国|国际|PCT|马德里|abroad|overseas|foreign|"
                      r"international|Madrid", re.IGNORECASE)
# jurisdictions an objective commonly names (Chinese and English), besides the export markets
_PLACES = re.compile(
    r"美国|欧盟|欧洲|英国|德国|法国|意大利|西班牙|荷兰|瑞士|瑞典|俄罗斯|日本|韩国|东南亚|新加坡|"
    r"马来西亚|印度尼西亚|印尼|泰国|越南|菲律宾|印度|澳大利亚|新西兰|加拿大|墨西哥|巴西|中东|"
    r"沙特|阿联酋|土耳其|非洲|南非|香港|澳门|台湾|"
    r"中亚|哈萨克斯坦|乌兹别克斯坦|吉尔吉斯斯坦|塔吉克斯坦|土库曼斯坦|蒙古国|巴基斯坦|孟加拉|"
    r"斯里兰卡|缅甸|柬埔寨|老挝|以色列|埃及|尼日利亚|肯尼亚|阿根廷|智利|秘鲁|哥伦比亚|波兰|捷克|"
    r"匈牙利|乌克兰|白俄罗斯|北美|南美|拉美|东盟|"
    r"\b(?:United States|USA?|EU|Europe|United Kingdom|UK|Germany|France|Japan|Korea|"
    r"Singapore|Malaysia|Indonesia|Thailand|Vietnam|Philippines|India|Australia|Canada|"
    r"Mexico|Brazil|Hong Kong|Macao|Taiwan|Russia|Italy|Spain|Netherlands|Switzerland|Sweden|"
    r"New Zealand|Saudi Arabia|UAE|Turkey|Africa|Central Asia|Kazakhstan|Uzbekistan|"
    r"Kyrgyzstan|Tajikistan|Turkmenistan|Mongolia|Pakistan|Bangladesh|Sri Lanka|Myanmar|"
    r"Cambodia|Laos|Israel|Egypt|Nigeria|Kenya|Argentina|Chile|Peru|Colombia|Poland|Czechia|"
    r"Czech Republic|Hungary|Ukraine|Belarus|Middle East|North America|South America|"
    r"Latin America|South-East Asia|Southeast Asia|ASEAN)\b")
_PATENT = re.compile(r"专利|patent|PCT", re.IGNORECASE)
# an objective naming a kind of algorithm service (plans.recommendation …): derived key -> words
_ALGORITHMS = {"recommendation": re.compile(r"推荐|recommend", re.IGNORECASE),
               "deep_synthesis": re.compile(r"深度合成|deep[- ]synthesis", re.IGNORECASE),
               "generative": re.compile(r"生成式|generative", re.IGNORECASE)}
# a trade-secret example an R&D-services company names that is its client's, not its own
_CLIENT = re.compile(r"客户|委托方|甲方|client|customer", re.IGNORECASE)
_SOFTWARE_COPYRIGHT = re.compile(r"软件著作权|软著|software copyright", re.IGNORECASE)
# an objective that plans plant variety rights (植物新品种权, 品种权, PVP / PVR)
_PLANT_VARIETY = re.compile(r"植物新品种|品种权|品种保护|plant[- ]variet(?:y|ies)|variety (?:rights?|"
                            r"protection)|breeders'? rights?|\bPVP\b|\bPVR\b|UPOV", re.IGNORECASE)
# an objective that has varieties approved or registered for sale (品种审定 / 品种登记)
_VARIETY_APPROVAL = re.compile(r"审定|品种登记|登记品种|（登记）|variety (?:approval|registration)|"
                               r"(?:approved|registered) variet", re.IGNORECASE)
# a mark named in English without the word trademark ('register the house mark in Germany', 'our
# word and device marks', 'registration of the brand marks'): 'mark' after a kind of mark or a
# possessive, or as what a registration is of — never 'benchmark' or 'market'
_TRADEMARK = re.compile(r"商标|trade ?marks?|\b(?:house|word|figurative|device|logo|brand|service|"
                        r"collective|certification|company's|our|its) marks?\b|\bthe marks\b|"
                        r"\bregist\w*\s+(?:of\s+)?(?:\w+\s+){0,3}?marks?\b", re.IGNORECASE)
# the group's (parent's) marks an objective names: the group registers them, the company does not
_GROUP_MARKS = re.compile(r"(?:集团|母公司|控股股东|上级公司)(?:公司)?的?(?:注册)?商标|(?:group|parent)"
                          r"(?: company)?(?:'s)? (?:registered )?(?:trade ?marks?|marks?)",
                          re.IGNORECASE)
# an objective to draft standards (制修订国家标准、行业标准; drafting national standards)
_STANDARDS = re.compile(r"标准.{0,6}(?:制定|制修订|修订|起草)|(?:制定|制修订|修订|起草|主导|参与).{0,12}"
                        r"(?:国家|行业|团体|国际)标准|(?:draft|develop|writ|set)\w*\s.{0,40}?"
                        r"\b(?:national|industry|international|group) standards?\b"
                        r"|\bstandards?[- ](?:drafting|setting|development)", re.IGNORECASE)
# a certified system that only a supplier to the armed forces runs (GJB 9001C, 武器装备科研生产
# 许可 / 保密资格): its customers include the military
_MILITARY = re.compile(r"GJB|国军标|武器装备|装备承制", re.IGNORECASE)
# works that are drawings: a manufacturer with them has parts made to its drawings
_DRAWINGS = re.compile(r"图纸|图样|drawings?", re.IGNORECASE)
# products or an industry of seed (农作物种子, 种业, hybrid maize seed): the company sells seed
_SEED = re.compile(r"种子|种业|种苗|\bseeds?\b|\bseedlings?\b", re.IGNORECASE)
# seed produced by contract growers (委托制种), as a company's scope or objectives say it
_GROWERS = re.compile(r"制种|contract(?:ed)?[- ]grow|contract(?:ed)? seed[- ]production|"
                      r"seed[- ]production contract", re.IGNORECASE)
# contract manufacturing (代工) read from the intake's words when business.contract_manufacturing
# is not given: to the customers' designs (OEM, 来图加工), to the company's (ODM), and under the
# customers' marks (定牌/贴牌; OEM and ODM goods are sold under the brand owner's mark)
_OEM = re.compile(r"\bOEM\b|代工|来图加工|来料加工|定牌|贴牌|original equipment manufactur|"
                  r"contract manufactur|build[- ]to[- ]print", re.IGNORECASE)
_ODM = re.compile(r"\bODM\b|original design manufactur", re.IGNORECASE)
# the other way round: a brand owner or trader buying goods others make under its marks
_BUYS_MADE = re.compile(r"(?:贴牌|定牌|OEM|代工)(?:采购|供应商|厂商?)|委托(?:他人|外部|供应商)?(?:代工|贴牌|定牌|OEM)"
                        r"|OEM (?:suppliers?|sourcing|purchas\w*)|sourced? (?:OEM|under our)",
                        re.IGNORECASE)
_CUSTOMER_BRANDS = re.compile(r"定牌|贴牌|private[- ]label|brand owners?'? (?:marks|brands)|"
                              r"customers?'? (?:marks|brands)", re.IGNORECASE)
# export markets in the United States (337 investigations, CBP recordation, Schedule-A suits) and
# in the European Union (customs applications for action under Regulation 608/2013)
_US = re.compile(r"美国|United States|\bUSA?\b|\bU\.S\.", re.IGNORECASE)
_EU = re.compile(r"欧盟|欧洲|德国|法国|意大利|西班牙|荷兰|比利时|波兰|瑞典|奥地利|爱尔兰|葡萄牙|丹麦|芬兰|捷克|"
                 r"\bEU\b|Europe|Germany|France|Italy|Spain|Netherlands|Belgium|Poland|Sweden|"
                 r"Austria|Ireland|Portugal|Denmark|Finland|Czech")
_UK = re.compile(r"英国|United Kingdom|\bUK\b|\bU\.K\.|Britain|England", re.IGNORECASE)
# who approves a state-owned company's IP transfers when the intake names nobody
_STATE_APPROVER = ("上级国有资产监督管理机构", "the state-asset supervisory body above the company")

_RECORD_WORDS = {  # rd.records id -> (zh, en) as a document describes it
    "lab-notebook": ("实验记录本", "laboratory notebooks"),
    "git": ("Git 代码仓库（提交记录）", "the Git repositories (commit history)"),
    "jira": ("Jira 任务与需求记录", "Jira issues and requirements"),
    "eln": ("电子实验记录本（ELN）", "the electronic laboratory notebook (ELN)"),
    "pdm": ("产品数据管理系统（PDM）", "the product data management system (PDM)"),
    "documents": ("研发文档", "R&D documents"),
    "other": ("其他研发记录", "other R&D records"),
}


def _record_words(record: str, rd, column: int) -> str:
    """How a document names one way R&D is recorded: `other` by the name the intake gives it
    (rd.records_other: 图档管理系统), else as _RECORD_WORDS has it."""
    if record == "other" and rd.records_other:
        return rd.records_other
    return _RECORD_WORDS[record][column]


# rd.records ids of systems that record the account and time of every entry themselves
_LOGGED = {"git", "jira", "eln", "pdm"}


_SINGULAR = {"invention patents": "invention patent", "utility model patents": "utility model patent",
             "design patents": "design patent", "pending patent applications":
             "pending patent application", "patents and applications abroad":
             "patent or application abroad", "plant variety rights": "plant variety right",
             "pending plant variety applications": "pending plant variety application",
             "plant variety rights and applications abroad":
             "plant variety right or application abroad", "registered trademarks": "registered trademark",
             "software copyrights": "software copyright", "IC layout designs": "IC layout design"}


# English names that take "the" whatever their head noun: a unit of an organisation ('the
# College of Computer Science …', 'the School of Pharmacy, …') and places named as a union,
# a kingdom or a plural ('the United States', 'the EU', 'the Philippines')
_UNIT_OF = re.compile(r"^(?:College|School|Faculty|Department|Institute|Academy|Centre|Center|"
                      r"University|Laboratory|Lab|Hospital|Office|Bureau|Ministry)\s+of\b")
_PLACES_WITH_THE = re.compile(r"^(?:United\s.+|EU|UK|USA?|European Union|Netherlands|Philippines|"
                              r"Middle East|Czech Republic|Gulf States?)$")


# Mass nouns that name a kind of goods: a category written in lower case ('kitchenware',
# 'industrial software', 'office furniture') takes no article; a product named with a capital
# ('the Yunzhan Analytics software') does.
_MASS = re.compile(r"(?:ware|wear|equipment|furniture|machinery|apparel|clothing|luggage|"
                   r"jewell?e?ry|stationery|cutlery|bedding|seafood|produce)$")
# head nouns of a process or technique named as an activity (uncountable in running text:
# 'inbred parent-line development', 'model edge compression', 'cell line construction'), which
# take no article in a list of processes
_PROCESS_NOUNS = frozenset((
    "development", "selection", "construction", "production", "manufacture", "treatment",
    "synthesis", "analysis", "fermentation", "purification", "extraction", "fabrication",
    "integration", "optimisation", "optimization", "compression", "deployment", "annotation",
    "augmentation", "detection", "recognition", "evaluation", "cultivation", "propagation",
    "multiplication", "modification", "transformation", "assembly", "inspection",
    "verification", "validation", "calibration", "simulation", "conditioning", "formulation",
    "preparation", "conversion", "separation", "distillation", "polymerisation",
    "polymerization", "encapsulation", "sterilisation", "sterilization", "welding"))


# a name ending in its number or letter ('Design Studio 1', 'Workshop 2', 'Plant III',
# 'Building A'; a bracketed tail aside) is a proper name and takes no article ('No. 2 Workshop',
# whose number comes first, does: 'the No. 2 Workshop')
_NUMBERED = re.compile(r"[A-Za-z]\s+(?:\d+[A-Za-z]?|[IVX]+|[A-Z])$")


def numbered(name: str) -> bool:
    """Whether an English name ends in its number or letter ('Design Studio 1', 'Plant 3'):
    a proper name, written without 'the' ('Design Studio 1 reviews …', not 'the Design Studio
    1')."""
    core = re.sub(r"\s*[(（][^)）]*[)）]\s*$", "", str(name).strip())
    return bool(_NUMBERED.search(core))


# one word with a capital letter and no space: a platform's or brand's name ('Ele.me', 'eBay',
# 'WeChat', 'Taobao.com'), written without 'the'
_BRAND = re.compile(r"^(?=\S*[A-Z])[A-Za-z][\w.'-]*[\w]$")


def articled(name: str) -> str:
    """A product, process, partner or market as English running text names it: 'the Yunzhan
    Workspace SaaS platform', 'the innovative anti-tumour drug RL-101 (phase II clinical trial)',
    'the College of Computer Science and Software Engineering, Shenzhen University', 'the United
    States' — a name whose head noun (the last word before a bracket or comma, codes such as
    RL-101 skipped) is a singular common noun, or a unit 'of' something, takes "the"; plurals,
    '-ing' nouns of processes, lower-case kinds of goods named by a mass noun (_MASS:
    'kitchenware') and proper names are as they are ('carbon-fibre composite panels',
    'hot-press moulding', 'Shenzhen University'). A Chinese name or one with its article is
    returned unchanged."""
    text = str(name).strip()
    if not re.search(r"[A-Za-z]", text) or re.match(r"(?i)(?:the|a|an)\s", text) \
            or numbered(text):
        return text
    if _UNIT_OF.match(text) or _PLACES_WITH_THE.match(text):
        return f"the {text}"  # 'the EU' before a one-word brand's rule ('Ele.me')
    if _BRAND.match(text):
        return text
    core = re.sub(r"\s*[(（][^)）]*[)）]", "", text).split(",")[0]
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", core)
             if not re.search(r"\d", w) and not (len(w) > 1 and w.isupper())]
    if not words or not words[-1][0].islower():
        return text  # a proper name ('Shenzhen University', 'Example Contract Research Organization')
    head = words[-1].casefold()
    if head.endswith("ing") or (head.endswith("s") and not head.endswith(("ss", "us", "is"))):
        return text  # a process ('moulding') or a plural ('panels')
    if _MASS.search(head) and not any(w[0].isupper() for w in words):
        return text  # a kind of goods named by a mass noun ('kitchenware', 'medical equipment')
    if head in _PROCESS_NOUNS and not any(w[0].isupper() for w in words):
        return text  # a process named as an activity ('inbred parent-line development')
    return f"the {text}"


def named(names: list[str], language: str) -> str:
    """Products, processes, partners or markets listed as a sentence lists them: 'A、B和C' in
    Chinese; in English each `articled`, joined with 'and' ('the X platform and the Y service')."""
    items = [str(n) for n in names]
    return _join([articled(n) for n in items] if language == "en" else items, language)


def _join(items: list[str], language: str) -> str:
    if language == "zh":
        return "、".join(items[:-1]) + ("和" if len(items) > 1 else "") + items[-1] if items else ""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _counted(pairs: list[tuple[int, str, str]], language: str) -> str:
    """'发明专利12件、注册商标6件' / '12 invention patents and 6 registered trademarks': only the
    non-zero counts ('' when every count is zero)."""
    shown = [(n, zh, en) for n, zh, en in pairs if n]
    if language == "zh":
        return "、".join(f"{zh}{n}件" for n, zh, _ in shown)
    return _join([f"{n} {en if n > 1 else _SINGULAR.get(en, en)}" for n, _, en in shown], language)


def _exports(export: dict[str, bool], markets: list[str], language: str,
             again: bool = False, planned: bool = False) -> str:
    """'公司产品出口至德国、韩国' / '公司通过互联网向新加坡…的客户提供服务' (no full stop), or '';
    goods and services in one clause naming the markets once ('公司产品出口至X，并向当地客户提供
    服务'). `again`: the markets as a later text names them, once the company profile has listed
    them ('上述国家' / 'the markets named in the company profile'), not the list a third time.
    `planned` (business.export_planned): markets it plans to enter, said as a plan
    ('公司计划进入新加坡、马来西亚市场'), never as business it does."""
    if not markets:
        return ""
    zh = language == "zh"
    if again:
        where = "上述国家和地区" if zh else "the markets named in the company profile"
    else:
        where = "、".join(markets) if zh else named(markets, language)
    if planned:
        return (f"公司计划进入{where}{'' if again else '市场'}" if zh
                else f"The company plans to enter {where}")
    served = export["online"] or export["services"]
    goods = export["goods"] or not served
    if zh:
        how = "通过互联网" if export["online"] else ""
        online = "在线" if export["online"] else ""
        if goods and served:
            return f"公司产品出口至{where}，并{how}向当地客户提供{online}服务"
        if goods:
            return f"公司产品出口至{where}"
        return f"公司{how}向{where}的客户提供{online}服务"
    how = " online" if export["online"] else ""
    if goods and served:
        text = f"the company exports its products to {where} and serves customers there{how}"
    elif goods:
        text = f"the company exports its products to {where}"
    else:
        text = f"the company serves customers in {where}{how}"
    return text[0].upper() + text[1:]


# the information a company of each kind keeps secret, (zh, en), most telling first
_SECRETS = {
    "manufacturing": (["配方", "工艺参数", "图纸"], ["formulations", "process parameters", "drawings"]),
    "software": (["源代码", "算法", "架构设计", "客户数据"],
                 ["source code", "algorithms", "architecture designs", "customer data"]),
    "life_sciences": (["化合物结构", "工艺", "临床数据"],
                      ["compound structures", "processes", "clinical data"]),
    "rd_services": (["技术方案", "实验数据"], ["technical solutions", "experimental data"]),
    "testing": (["自行开发的检测方法和作业指导书", "检测数据处理程序", "比对和验证数据"],
                ["the test methods and work instructions it developed", "test data processing "
                 "programs", "comparison and validation data"]),
    "trading": (["客户名单", "供应商信息", "采购与销售价格"],
                ["customer lists", "supplier information", "purchase and sales prices"]),
    "agriculture": (["种质资源", "亲本材料", "育种数据"],
                    ["germplasm", "parent lines", "breeding data"]),
}


# what a company training or deploying machine-learning models keeps secret besides its code
_ML_SECRETS = (["模型权重及参数", "训练数据集及标注规范"],
               ["model weights and parameters", "training datasets and labelling guidelines"])
# customer data, which is the customer's (held under the contract's duty of confidence), never
# one of the company's own trade secrets where it processes its customers' data
_CUSTOMER_DATA = {"客户数据", "customer data"}


def _secrets(kind: dict[str, bool], rd_staff: int, patents: bool, language: str,
             customer_data: bool = False) -> str:
    """'源代码、算法、架构设计、客户数据、研发记录、客户信息和经营策略': what this company's trade
    secrets are, by its kinds (a company of another kind: technical and business information in
    general), R&D records only with R&D staff, unpublished applications only with patents;
    formulations only for a company whose products are made to formulations (kind.formulated);
    model weights and training data for one that trains models (kind.ml), and no customer data
    for one that processes its customers' data (`customer_data`: that is the customer's)."""
    column = 0 if language == "zh" else 1
    items: list[str] = []
    for name, words in _SECRETS.items():
        if kind[name]:
            items += [w for w in words[column] if not any(w in x for x in items)
                      and (kind["formulated"] or w not in _FORMULATIONS)
                      and not (customer_data and w in _CUSTOMER_DATA)]
    if kind["ml"]:
        items[1 if items else 0:1 if items else 0] = _ML_SECRETS[column]
    if not items:
        items.append("技术秘密" if language == "zh" else "technical secrets")
    if rd_staff:
        items.append("研发记录" if language == "zh" else "R&D records")
    if patents:
        items.append("未公开的专利申请文件" if language == "zh" else
                     "unpublished patent application documents")
    if not kind["trading"]:
        items.append("客户信息" if language == "zh" else "customer information")
    items.append("经营策略" if language == "zh" else "business strategy")
    return _join(items, language)


# words of a company whose products are made to formulations (a chemical, coating, food or
# pharmaceutical maker): its formulations are a trade secret and changes of formulation a result
# of production; a maker of vehicles, machines or electronics has none
# Read as words, not substrings that mean something else in another trade: a seed company's
# 组配方案 (how parent lines are combined) holds 配方 but no formulation, a 酒店 (hotel) is no
# winery, feedback no animal feed, seed coating (包衣, bought-in agents) no product made to a
# formulation; _NOT_FORMULATED takes those words out first.
_FORMULATED = re.compile(r"配方|化工|化学|涂料|油墨|胶粘|胶水|树脂|塑料|橡胶|食品|饮料|酒|乳|调味|日化|"
                         r"化妆品|洗涤|药|试剂|饲料|肥料|农药|香精|染料|陶瓷|玻璃|水泥|"
                         r"formul|recipe|chemical|coating|paint|\bink|adhesive|resin|plastic|"
                         r"rubber|food|beverage|drink|dairy|cosmetic|detergent|pharma|drug|"
                         r"reagent|\bfeeds?\b|fertili[sz]er|pesticide|fragrance|\bdye|ceramic|"
                         r"glass|cement", re.IGNORECASE)
_NOT_FORMULATED = re.compile(r"组配|配方案|酒店|乳腺|\bfeed(?:back|ing)\b|"
                             r"\bseed\b[\w\s-]{0,20}?\bcoating|\bcoating\s+(?:of\s+)?seeds?\b",
                             re.IGNORECASE)
_FORMULATIONS = {"配方", "formulations"}


def formulated(intake: Intake, life_sciences: bool) -> bool:
    """Whether the company makes its products to formulations: a life-sciences company, or one
    whose industry, business scope, products, processes or trade-secret examples name
    formulations or a formulated kind of product (_FORMULATED: 涂料, food, pharmaceuticals …).
    A rail-vehicle or machine maker's 'process parameters and drawings' are no formulations."""
    if life_sciences:
        return True
    company = intake.company
    words = [company.industry or "", company.business_scope or "", *company.products,
             *company.processes, *(intake.ip.trade_secret_examples or [])]
    return any(_FORMULATED.search(_NOT_FORMULATED.sub(" ", str(w))) for w in words)


# instant-messaging and collaboration suites a company may run its work and records in, as the
# intake's free texts name them: (words, the name printed)
_MESSAGING = ((r"飞书|Feishu|\bLark\b", "飞书", "Feishu"), (r"钉钉|DingTalk", "钉钉", "DingTalk"),
              (r"企业微信|WeCom|WeChat Work", "企业微信", "WeCom"), (r"\bSlack\b", "Slack", "Slack"),
              (r"Microsoft Teams|MS Teams|\bTeams\b", "Microsoft Teams", "Microsoft Teams"))


def messaging_systems(intake: Intake, language: str = "zh") -> list[str]:
    """The instant-messaging or collaboration suites (飞书, DingTalk, Slack …) the intake names
    as where the company works or keeps records (rd.records_other, the open-source note, the
    existing systems): its authorised channels, in _MESSAGING order; [] when it names none."""
    texts = [intake.rd.records_other or "", *(intake.certification.existing_systems or []
                                              if intake.certification else [])]
    if intake.ip.open_source and intake.ip.open_source.how:
        texts.append(intake.ip.open_source.how)
    text = " ".join(str(t) for t in texts)
    column = 1 if language == "zh" else 2
    return [entry[column] for entry in _MESSAGING if re.search(entry[0], text)]


def _areas(intake: Intake, kind: dict[str, bool], language: str) -> str:
    """'检测实验室、种子加工中心、仓库、档案室和服务器机房' / 'the testing laboratories, the
    production areas at the Technology Centre, the warehouses, the archive room and the server
    room': the company's physical areas (physical_areas) and its archive and server rooms; ''
    when it has no physical area. Production is named by the sites that produce
    (_production_areas), never by the processes or technologies run there."""
    areas = physical_areas(intake, kind)
    if not areas:
        return ""
    names: list[str] = []
    for zh, en in areas:
        if zh or en:
            found = [zh if language == "zh" else f"the {en}"]
        else:
            found = _production_areas(intake, language, kind["manufacturing"],
                                      kind["stores"] and kind["formulated"])
        names += [name for name in found if name not in names]
    names += (["档案室", "服务器机房"] if language == "zh"
              else ["the archive room", "the server room"])
    return _join(names, language)


# processes that make or use moulds and tooling (a plant's mould store is then a restricted area)
_MOULDS = re.compile(r"模具|注塑|压铸|冲压|模压|成型|mou?ld|\bdies?\b|die[- ]cast|stamping|injection",
                     re.IGNORECASE)


def _sites_abroad(intake: Intake) -> list[str]:
    """The names of the company's sites outside mainland China: a site whose name or address
    names a country or region abroad (_PLACES: '越南北宁省…', 'Bac Ninh, Vietnam')."""
    return [site.name for site in intake.company.sites or []
            if _PLACES.search(f"{site.name} {site.address}")]


def _site_uses_moulds(intake: Intake, activities: str) -> bool:
    """Whether a plant keeps moulds and tooling (its mould store a restricted area): its own
    activities say so where the intake gives them ('SMT 贴片、注塑、整机组装' yes, '整机组装、包装、
    出口发货' no: a plant that only assembles has no mould store); else the company's processes."""
    if activities.strip():
        return bool(_MOULDS.search(activities))
    return any(_MOULDS.search(p) for p in intake.company.processes)


def _production_areas(intake: Intake, language: str, maker: bool = False,
                      batching: bool = False) -> list[str]:
    """['青岛制造基地', '株洲总部及技术中心的生产区域'] / ['the Qingdao Manufacturing Base',
    'the production areas at the Head Office']: each producing site as a place — its name where
    the name says production, else its production areas; without sites the key production
    areas. A manufacturer's (`maker`) plant is no restricted area as a whole (hundreds work
    there): the mould store, sample room and key workstations in it are. A chain's central
    kitchen making to recipes (`batching`) keeps its weighing and batching room restricted."""
    found = []
    activities = {site.name: site.activities for site in intake.company.sites or []}
    for name in production_sites(intake):
        if batching and not maker:
            found.append(f"{name}的称量配料间" if language == "zh"
                         else f"the weighing and batching room at {_site_name(name)}")
        elif maker:
            moulds = _site_uses_moulds(intake, activities.get(name, ""))
            found.append(f"{name}的{'模具库、' if moulds else ''}样品间和关键工位" if language == "zh"
                         else f"the {'mould store, ' if moulds else ''}sample room and key "
                              f"workstations at {_site_name(name)}")
        elif language == "zh":
            found.append(name if names_production(name) else f"{name}的生产区域")
        else:
            site = _site_name(name)
            found.append(site if names_production(name) else f"the production areas at {site}")
    if found:
        return found
    return ["关键生产区域"] if language == "zh" else ["the key production areas"]


def _site_name(name: str) -> str:
    """'the Seed Processing Centre', 'the plant': an English site name in running text, with its
    article; a one-word name ('Plant') is a common noun and written in lower case."""
    name = str(name).strip()
    if re.match(r"(?i)the\s", name) or numbered(name):  # 'Plant 3' takes no article
        return name
    if " " not in name:
        name = name[:1].lower() + name[1:]
    return f"the {name}"


def _authors(intake: Intake, maker: str, language: str, manufacturer: bool = False,
             stores: bool = False) -> str:
    """'建筑设计所、结构设计所和市政设计所的设计人员' / 'designers in the …': the people who make the
    company's works (`maker`, generators.works) named with the departments that make them — those
    with the function production, else those with rd (not the IP department: a game studio's
    development and art centres), else service; `maker` alone when none has any, '' without.
    A manufacturer's drawings and technical documents come from R&D, not from the shop floor:
    its R&D departments first (the IP department too when it is the one doing R&D). A store
    brand's designs, mascot and menus come from its marketing (brand) departments when it has one."""
    if not maker:
        return ""
    from generators.templates_io import the  # templates_io imports this module

    research = [d for d in intake.departments_with("rd") if "ip" not in d.functions]
    if manufacturer:
        research = research or intake.departments_with("rd")
    departments = ((research if manufacturer else [])
                   or (intake.departments_with("marketing") if stores else [])
                   or intake.departments_with("production")
                   or research
                   or intake.departments_with("service"))
    names = [d.name for d in departments]
    if not names:
        return maker
    if language == "zh":
        return f"{_join(names, language)}的{maker}"
    return f"{maker} in {_join([the(n) for n in names], language)}"


# A `company.processes` entry that names an activity of the business (游戏策划, 程序开发,
# 游戏运营; game design, programming, live operations), not a technology or a production process
# (多租户微服务架构, 热压成型工艺; real-time data synchronisation engine, hot-press moulding): in
# Chinese by its last word, in English by its head noun (the last word before a bracket or comma).
# 设计 / design of something stays a technology (大跨度钢结构优化设计: a design institute's field).
_ACTIVITY_ZH = re.compile(r"(?:策划|开发|制作|运营|运维|发行|销售|营销|推广|采购|物流|仓储|"
                          r"客服|客户服务|售后服务|测试)$")
_ACTIVITY_EN = re.compile(r"^(?:design|programming|development|production|operations?|"
                          r"publishing|marketing|sales|distribution|procurement|logistics|"
                          r"support|services|maintenance|testing|localisation|localization)$",
                          re.IGNORECASE)


def is_activity(name: str) -> bool:
    """Whether a `company.processes` entry names an activity of the business ('游戏运营', 'live
    operations', '2D/3D art production') rather than a technology or production process
    ('多租户微服务架构', 'hot-press moulding'): the profile calls it a core activity, not a key
    technology, and P-18 does not divide the ledger by it as a technical field."""
    text = re.sub(r"\s*[(（][^)）]*[)）]", "", str(name)).strip()
    if re.search(r"[\u4e00-\u9fff]", text):
        return bool(_ACTIVITY_ZH.search(text))
    words = re.findall(r"[A-Za-z][\w'-]*", text.split(",")[0])
    return bool(words) and bool(_ACTIVITY_EN.match(words[-1]))


def _processes(intake: Intake, language: str) -> tuple[str, str]:
    """('多租户微服务架构、实时数据同步引擎', '') / ('', 'game design, programming and live
    operations'): the intake's key technologies and processes, and its core activities
    (is_activity), each as a sentence lists them ('' when there are none; activities without an article);
    Chinese technologies joined with 、
    only, as the texts write '…等关键技术'. One list is not split in two: an activity among
    more technologies ('低功耗蓝牙固件开发' beside three design and production processes) is named
    with them, in the intake's order, never as a second list of core activities."""
    processes = list(intake.company.processes or [])
    technologies = [p for p in processes if not is_activity(p)]
    activities = [p for p in processes if is_activity(p)]
    if len(activities) < len(technologies):
        technologies, activities = processes, []
    if language == "zh":
        return "、".join(technologies), _join(activities, language)
    # activities are named as uncountable nouns, without an article ('live operations')
    return named(technologies, language), _join(activities, language)


def secret_examples(intake: Intake, kind: dict[str, bool]) -> tuple[list[str], list[str]]:
    """The intake's trade-secret examples (ip.trade_secret_examples) split into the company's
    own and its clients': an R&D-services or testing company's example naming a client (客户,
    委托方, client …: 客户样品及检测数据) is the client's confidential information, kept under
    the contract's duty, not the company's trade secret; so is, at a company processing its
    customers' data (customer_data), an example that is the customers' data (客户数据, 客户提供的
    图像 — not its customer list or prices, which are its own). ([], []) when the company holds
    no trade secrets."""
    examples = intake.ip.trade_secret_examples if intake.ip.trade_secrets else []
    serves_clients = kind["rd_services"] or kind["testing"]
    client = [e for e in examples if not ABOUT_CUSTOMERS.search(e) and (
        serves_clients and _CLIENT.search(e) or customer_data(intake) and _CUSTOMERS_DATA.search(e))]
    return [e for e in examples if e not in client], client


# an example that is customers' data, not the company's information about its customers
_CUSTOMERS_DATA = re.compile(r"(?:客户|委托方|client|customer)s?'?(?:的|提供的?|现场|上传的?|\s)*"
                             r"(?:业务|生产|产线|现场)?(?:数据|图像|图片|样本|文件|资料|data|images?|"
                             r"samples?|files?)", re.IGNORECASE)


def customer_data(intake: Intake) -> bool:
    """Whether the company processes data its customers provide or that it collects at them
    (business.customer_data, or a dataset whose source is customer)."""
    return bool(intake.business.customer_data) or any(
        d.source == "customer" for d in intake.ip.datasets or [])


# words naming content users publish to other users or the public (not their own data kept for them)
_PUBLIC_CONTENT = re.compile(r"用户生成内容|UGC|评论|社区|论坛|弹幕|直播|短视频|模组|创意工坊|网盘|公开分享|"
                             r"user[- ]generated|comments?\b|communit|forums?\b|\bmods?\b|workshop|"
                             r"live[- ]stream|share[sd]? publicly", re.IGNORECASE)


def public_content(intake: Intake) -> bool:
    """Whether the company hosts content its users upload or create and offers it to other
    users or the public (business.user_content): what right holders' notices and takedown (P-15,
    R-77, the network dissemination regulations) are for. A company whose users upload only their
    own data, processed for them under contract (customer_data: business customers' images), hosts
    no public content — unless its texts name public content (_PUBLIC_CONTENT: 评论, 社区, mods)."""
    business, company = intake.business, intake.company
    if not business.user_content:
        return False
    if not customer_data(intake):
        return True
    texts = [company.business_scope or "", company.industry or "", *company.products,
             *company.processes]
    return any(_PUBLIC_CONTENT.search(str(t)) for t in texts)


# a time an objective sets for handling notices on user content ('侵权通知24小时内处理完毕')
_NOTICE_WORDS = re.compile(r"通知|投诉|举报|删除|下架|断开|notice|complaint|report|takedown|take-down|remov",
                           re.IGNORECASE)
_TIME = re.compile(r"\d+\s*(?:个)?(?:小时|工作日|个?自然日|日|天)|\d+\s*(?:hours?|working days?|"
                   r"business days?|days?)\b", re.IGNORECASE)


def takedown_time(objectives: list[str]) -> str:
    """'24小时' / '24 hours': the time an objective sets for handling right holders' notices on
    user content; '' when none sets one (then no text cites a time the objectives do not set)."""
    return _objective_time(objectives, _NOTICE_WORDS)


def _objective_time(objectives: list[str], words: re.Pattern) -> str:
    """The first time ('30日', '48 hours') an objective with one of `words` sets, '' if none."""
    for objective in objectives:
        if words.search(objective):
            found = _TIME.search(objective)
            if found:
                return re.sub(r"\s+(?=[\u4e00-\u9fff])", "", found.group(0))
    return ""


# an objective setting the time to secure evidence of an infringement lead ('山寨店线索 30 日内完成
# 取证', 'gather evidence on each copycat-store lead within 30 days')
_EVIDENCE_WORDS = re.compile(r"取证|证据|线索|evidence|leads?\b", re.IGNORECASE)


_FRANCHISE_ABROAD = Path(__file__).resolve().parent / "templates" / "franchise_abroad.yaml"


@lru_cache(maxsize=2)
def _franchise_laws(path: Path = _FRANCHISE_ABROAD) -> tuple[dict, ...]:
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8")) or ())


def franchise_abroad(markets: list[str], language: str) -> str:
    """What the franchise laws of the markets the company plans to enter ask before franchising
    there (templates/franchise_abroad.yaml: Malaysia's Franchise Act 1998 registration), joined
    with '；' / '; '; '' when no market named has an entry."""
    named = {str(m).strip().casefold() for m in markets}
    found = [law[language] for law in _franchise_laws()
             if named & {str(m).casefold() for m in law["markets"]}]
    return ("；" if language == "zh" else "; ").join(found)


def evidence_time(objectives: list[str]) -> str:
    """'30日' / '30 days': the time an objective sets for securing evidence of an infringement
    lead, which the infringement procedure's step then states; '' when none sets one."""
    return _objective_time(objectives, _EVIDENCE_WORDS)


# an objective about licensees' or franchised stores' use of the marks, and the checks a year it
# sets ('每年对全部加盟门店开展商标使用合规巡检不少于 2 次', 'inspect … at least twice a year')
_LICENSEE_WORDS = re.compile(r"加盟|被许可|特许|许可使用|franchis|licensee", re.IGNORECASE)
_CHECKS_ZH = re.compile(r"(?:不少于|至少|不低于)\s*(\d+|[一二两三四五六七八九十])\s*次")
_CHECKS_EN = re.compile(r"at least (once|twice|three times|four times|(\d+) times) (?:a|per|each) "
                        r"year", re.IGNORECASE)
_COUNTS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
           "十": 10, "once": 1, "twice": 2, "three times": 3, "four times": 4}


def licensee_checks(objectives: list[str], language: str) -> str:
    """'每年至少两次' / 'at least twice a year': how often each licensee (each franchised store)
    is inspected — at least once a year, or as often as an objective about licensees or
    franchised stores sets when that is more often (the stricter of the two, so that P-29 and
    the objective say the same)."""
    count = 1
    for objective in objectives:
        if not _LICENSEE_WORDS.search(objective):
            continue
        zh, en = _CHECKS_ZH.search(objective), _CHECKS_EN.search(objective)
        word = zh.group(1) if zh else (en.group(2) or en.group(1).lower()) if en else ""
        count = max(count, int(word) if word.isdigit() else _COUNTS.get(word, 1))
    if language == "zh":
        return f"每年至少{'一两三四五六七八九十'[count - 1] if count <= 10 else count}次"
    words = {1: "once", 2: "twice", 3: "three times", 4: "four times"}
    return f"at least {words.get(count, f'{count} times')} a year"


def customer_datasets(intake: Intake) -> list[str]:
    """The datasets the intake names as its customers' (ip.datasets, source customer)."""
    return [d.what for d in intake.ip.datasets or [] if d.source == "customer"]


def _portfolio(held: dict, plans: dict, kind: dict, foreign: bool, language: str) -> str:
    """'按类别和国家（地区）注册的商标、按作品登记的著作权和按版本登记的软件著作权' / 'trademarks
    registered by class and country, the copyright in each work and software copyright registered
    for each version': the IP a company whose IP is not mainly patents keeps per product, by the
    kinds it holds or plans (patents last, and only when planned); '' when it has none of them."""
    zh = language == "zh"
    items = []
    if plans["trademarks"]:
        where = ("和国家（地区）" if zh else " and country") if foreign else ""
        items.append(f"按类别{where}注册的商标" if zh else f"trademarks registered by class{where}")
    if plans["plant_varieties"]:
        items.append("按品种申请的植物新品种权" if zh else "plant variety rights applied for variety by variety")
    if held["works"]:
        items.append("按作品登记的著作权" if zh else "the copyright in each work")
    if plans["software_copyrights"] or kind["software"]:
        items.append("按版本登记的软件著作权" if zh else
                     "software copyright registered for each version")
    if held["trade_secrets"]:
        items.append(("技术秘密" if zh else "technical secrets") if kind["rd"]
                     else ("商业秘密" if zh else "trade secrets"))
    if plans["patents"]:
        items.append("专利" if zh else "patents")
    return _join(items, language)


def _indicators(held: dict, plans: dict, kind: dict, language: str) -> str:
    """'专利申请和授权数量' when patents are central to the company's IP (plans.patent_led), else
    the counts of the kinds it holds or plans: '商标申请和注册数量、作品登记数量、软件著作权登记
    数量' / 'trademark applications and registrations, registrations of works, software
    copyright registrations' (patent applications last, when planned), joined without 'and'."""
    zh = language == "zh"
    if plans["patent_led"]:
        return "专利申请和授权数量" if zh else "patent applications and grants"
    items = []
    if plans["plant_varieties"]:
        items.append("植物新品种权申请和授权数量" if zh else "plant variety applications and grants")
    if plans["trademarks"]:
        items.append("商标申请和注册数量" if zh else "trademark applications and registrations")
    if held["works"]:
        items.append("作品登记数量" if zh else "registrations of works")
    if plans["software_copyrights"] or kind["software"]:
        items.append("软件著作权登记数量" if zh else "software copyright registrations")
    if plans["patents"]:
        items.append("专利申请数量" if zh else "patent applications")
    if not items:
        items.append("知识产权申请和登记数量" if zh else "IP applications and registrations")
    # a run inside the texts' own list ('如…、目标达成率…'): no 'and' of its own
    return ("、" if zh else ", ").join(items)


def own_objectives(objectives: str) -> str:
    """`objectives` without the group's marks they name ('完成专利与集团商标布局': the group
    registers those marks, the company plans none of its own by it)."""
    return _GROUP_MARKS.sub("", objectives)


def parent_name(intake: Intake) -> str:
    """The group parent's name: company.parent, else the group that licenses it the marks it
    uses (集团商标使用许可: intake_facts.group_mark_licences); '' when neither."""
    if intake.company.parent is not None:
        return intake.company.parent.name
    licences = group_mark_licences(intake)
    return licences[0].licensor if licences else ""


def contract_growers(intake: Intake) -> tuple[bool, list[str]]:
    """Whether contract growers produce the company's seed (委托制种), and the growers or bases
    the intake names: business.contract_growers (true, or a list of them), else read from the
    business scope, processes, certification scope and objectives (_GROWERS: 制种, contract
    growers) — not from its trade-secret examples or sites (制种技术规程, 制种试验 are no growers)."""
    given = intake.business.contract_growers
    if isinstance(given, list):
        return bool(given), [str(g) for g in given]
    if given is not None:
        return given, []
    company = intake.company
    words = [company.business_scope or "", *company.processes, *intake.policy.objectives,
             (intake.certification.scope or "") if intake.certification else ""]
    return any(_GROWERS.search(str(w)) for w in words), []


def contract_manufacturing(intake: Intake) -> dict[str, bool]:
    """{oem, odm, customer_brands}: whether the company makes products to customers' designs
    (OEM), designs and makes them for customers to sell as theirs (ODM), and puts the customers'
    marks on them (定牌/贴牌). business.contract_manufacturing when given, else read from the
    business scope, products, processes, certification scope and objectives (_OEM, _ODM,
    _CUSTOMER_BRANDS); OEM and ODM goods carry the brand owner's marks."""
    given = intake.business.contract_manufacturing
    if given is not None:
        return {"oem": given.oem, "odm": given.odm, "customer_brands": given.brand_owner_marks}
    company = intake.company
    words = " ".join(str(w) for w in [company.business_scope or "", *company.products,
                                      *company.processes, *intake.policy.objectives,
                                      (intake.certification.scope or "")
                                      if intake.certification else ""])
    words = _BUYS_MADE.sub("", words)
    oem, odm = bool(_OEM.search(words)), bool(_ODM.search(words))
    return {"oem": oem, "odm": odm,
            "customer_brands": oem or odm or bool(_CUSTOMER_BRANDS.search(words))}


def _group_facts(intake: Intake, kind: dict, language: str) -> tuple[dict, str, str]:
    """kind.state/group/standards/drawing_suppliers/military (set in `kind`), held.group_marks, and
    says.parent and says.asset_approver."""
    company, business = intake.company, intake.business
    parent = company.parent
    kind["state"] = company.ownership == "state"
    name = parent_name(intake)
    kind["group"] = bool(name)
    objectives = " ".join(intake.policy.objectives)
    kind["standards"] = (business.standards_work if business.standards_work is not None
                         else bool(_STANDARDS.search(objectives)))
    # contract growers take the place of suppliers making parts to drawings: the seed company's
    # parent seed is issued and recalled (P-03, R-80), not drawings
    kind["contract_growers"] = contract_growers(intake)[0]
    kind["public_content"] = public_content(intake)
    # sells seed (its industry or products name it): seed export needs a licence, germplasm
    # approval (P-17)
    kind["seed"] = any(_SEED.search(str(w)) for w in [company.industry or "", *company.products])
    kind["drawing_suppliers"] = not kind["contract_growers"] and (
        business.drawing_suppliers if business.drawing_suppliers is not None
        else kind["manufacturing"] and any(_DRAWINGS.search(w) for w in intake.ip.works or []))
    kind["military"] = any(_MILITARY.search(system) for system in
                           (intake.certification.existing_systems or [] if intake.certification
                            else []))
    group_marks = (bool(parent and "trademarks" in parent.registers)
                   or bool(group_mark_licences(intake)))
    approver = company.asset_approver or name or _STATE_APPROVER[0 if language == "zh" else 1]
    kind["high_tech"] = (company.high_tech if company.high_tech is not None
                         else bool(HIGH_TECH.search(objectives)))
    return ({"group_marks": group_marks, "group_technology": group_technology(intake)}, name,
            approver if kind["state"] else "")


# 高新技术企业 (High and New Technology Enterprise) named in an objective
HIGH_TECH = re.compile(r"高新技术企业|高企|high[- ]and[- ]new[- ]technology enterprise|"
                       r"high[- ]tech(?:nology)? enterprise|\bHNTE\b", re.IGNORECASE)
# a licence of technology: patents, know-how, technical documents, designs
_TECH_LICENCE = re.compile(r"专利|专有技术|技术|图纸|设计|patent|know-how|technolog|drawings?|"
                           r"designs?", re.IGNORECASE)


def group_technology(intake) -> bool:
    """Whether the company works technology its parent owns and licenses in: the parent
    registers patents for the group, or a licence from the group (company.parent.licenses, or
    ip.licences_in from a group licensor) is of patents, know-how or technology."""
    parent = intake.company.parent
    if parent is None:
        return False
    if "patents" in parent.registers or any(_TECH_LICENCE.search(t) for t in parent.licenses):
        return True
    return bool(group_technology_licences(intake))


def group_technology_licences(intake) -> list:
    """The licences of technology (patents, know-how, drawings) the company takes from its
    parent: ip.licences_in whose licensor is the parent or names a group, when a parent is
    given."""
    parent = intake.company.parent
    if parent is None:
        return []
    short = re.split(r"[（(]", parent.name)[0].strip()
    return [lic for lic in intake.ip.licences_in or []
            if _TECH_LICENCE.search(lic.what) and not _SOFTWARE_LICENCE.search(lic.what)
            and (_GROUP.search(lic.licensor) or _GROUP.search(lic.what)
                 or (short and short in lic.licensor))]


# a licence of software (PLM, ERP, tools), not of the group's technology
_SOFTWARE_LICENCE = re.compile(r"软件|software|\bPLM\b|\bSAP\b|\bERP\b", re.IGNORECASE)


def derived_facts(intake: Intake, language: str = "zh") -> dict[str, dict[str, object]]:
    """The derived facts, {name: {key: value}} with the names and keys of DERIVED: booleans,
    except `says.*`, which are phrases in `language` ('' when there is nothing to say)."""
    models = set(intake.company.business_model or ["manufacturing"])
    ip, patents = intake.ip, intake.ip.patents
    objectives = own_objectives(" ".join(intake.policy.objectives))
    markets = intake.business.export_markets
    kind = {
        "manufacturing": "manufacturing" in models,
        "software": bool(models & {"software", "internet-services"}),
        "online": "internet-services" in models,
        "life_sciences": "life-sciences" in models,
        "rd_services": "rd-services" in models,
        "testing": "testing" in models,
        "trading": "trading" in models,
        "physical_goods": bool(models & {"manufacturing", "life-sciences", "trading",
                                         "agriculture"}),
        # grows, breeds or sells crops, seeds, seedlings or livestock (农业/种业)
        "agriculture": "agriculture" in models,
        # runs outlets serving consumers (restaurants, shops, hotels, training centres), its own
        # or franchised: its operations are stores, not a factory or client projects
        "stores": bool(models & {"stores", "franchise"}),
        # franchises its brand (商业特许经营: disclosure, 备案, franchisee supervision)
        "franchise": intake.business.franchising,
    }
    kind["formulated"] = formulated(intake, kind["life_sciences"])
    # trains or deploys machine-learning models: it names its models, its datasets or algorithm
    # services it files (P-31 registers them, their licences and the filing)
    kind["ml"] = bool(ip.models or ip.datasets or intake.business.algorithm_filing)
    # R&D of its own: a mode of R&D, and R&D staff unless it only commissions or partners
    modes = set(intake.rd.modes)
    kind["rd"] = bool(modes) and (intake.company.rd_staff > 0 or bool(modes - {"in-house"}))
    # commissions work from outsiders (委托开发: art or audio studios, developers, CROs) as their
    # client; an R&D-services or testing company's 'commissioned' is the work clients commission
    # from it, where it is the contractor
    kind["commissions"] = ("commissioned" in modes
                           and not (kind["rd_services"] or kind["testing"]))
    kind["plant_or_lab"] = bool(physical_areas(intake, kind))
    # takes part in tenders (works naming bids, or bidding in its scope): bid review (P-03)
    kind["bids"] = takes_part_in_tenders(intake)
    # works with universities or institutes: the mode says so, or a partner is one
    kind["academic"] = "university" in modes or bool(academic_partners(intake))
    varieties = ip.plant_varieties
    variety_counts = [(varieties.granted, "植物新品种权", "plant variety rights"),
                      (varieties.pending, "在审品种权申请", "pending plant variety applications"),
                      (varieties.foreign, "境外品种权及申请",
                       "plant variety rights and applications abroad")]
    patent_counts = [(patents.invention, "发明专利", "invention patents"),
                     (patents.utility_model, "实用新型专利", "utility model patents"),
                     (patents.design, "外观设计专利", "design patents"),
                     (patents.pending, "在审专利申请", "pending patent applications"),
                     (patents.foreign, "境外专利及申请", "patents and applications abroad")]
    held = {
        "patents": any(n for n, _, _ in patent_counts),
        "foreign_patents": patents.foreign > 0,
        "plant_varieties": bool(ip.plant_varieties.granted or ip.plant_varieties.pending or ip.plant_varieties.foreign),
        "trademarks": ip.trademarks > 0,
        "software_copyrights": ip.software_copyrights > 0,
        "layout_designs": ip.layout_designs > 0,
        # works other than software that are the company's product (design drawings, bid
        # documents …): contracts for them, tenders, a copyright check before delivery
        "works": bool(ip.works),
        "trade_secrets": ip.trade_secrets,
        "open_source": bool(ip.open_source and ip.open_source.used),
        "licences_in": bool(ip.licences_in),
        "models": bool(ip.models),
        "datasets": bool(ip.datasets),
    }
    held["any"] = any(held.values())
    # rights shared with co-owners or pledged (generators/intake_rights.py): their transfer,
    # licensing, abandonment and pledging need the co-owners' or the pledgee's consent first
    held["co_owned"], held["pledged"] = bool(ip.co_owned), bool(ip.pledges)
    # co-owned marks and copyrights: P-29 and P-25 ask their co-owners (generators/right_kinds.py)
    held["co_owned_marks"] = bool(right_kinds.co_owners_of(ip.co_owned, "trademark"))
    held["co_owned_works"] = bool(right_kinds.co_owners_of(ip.co_owned, "copyright"))
    # customers' data it processes under their contracts: held, but the customers', not its IP
    held["customer_data"] = customer_data(intake)
    group_held, parent, approver = _group_facts(intake, kind, language)
    held.update(group_held)
    plans = {
        "patents": held["patents"] or bool(_PATENT.search(objectives)),
        "software_copyrights": held["software_copyrights"]
        or bool(_SOFTWARE_COPYRIGHT.search(objectives)),
        "foreign_filing": held["foreign_patents"] or varieties.foreign > 0
        or any(plans_filing_abroad(own_objectives(o), markets) for o in intake.policy.objectives),
        "trademarks": held["trademarks"] or bool(_TRADEMARK.search(objectives)),
        "plant_varieties": held["plant_varieties"] or bool(_PLANT_VARIETY.search(objectives)),
    }
    # IP financing (pledge, IP-for-equity, securitisation) is planned when the intake says so or
    # when the policy or an objective the top manager signs says IP supports financing
    # ('以知识产权支撑融资'): one fact for the policy, P-20 and the exclusion of 11.4.3.1 alike
    plans["financing"] = bool(intake.business.financing_plans) or bool(ip.pledges) or names_financing(
        [intake.policy.statement or "", *intake.policy.objectives])
    # its varieties are approved (审定) or registered (登记) before they are sold (种子法 第二十一、
    # 二十二条): a company with variety rights that sells seed, or whose objectives name approvals
    plans["variety_approval"] = plans["plant_varieties"] and (
        kind["physical_goods"] or bool(_VARIETY_APPROVAL.search(objectives)))
    # IP that concerns technology, held or planned: patents, software copyrights, layout designs,
    # or trade secrets of a kind of company whose secrets are technical (_SECRETS: a trader's are
    # customer lists and prices, business information) — what P-18 grades for technical value
    plans["technical"] = (plans["patents"] or plans["software_copyrights"] or held["layout_designs"]
                          or held["trade_secrets"] and any(kind[k] for k in (
                              "manufacturing", "software", "life_sciences", "rd_services")))
    # patents are central to its IP: it plans them, and holds at least as many patents as
    # trademarks, software copyrights, layout designs and kinds of works together (a games studio
    # with marks, works and software registrations planning one patent is not: its portfolio is
    # kept per product, with marks, copyrights and registrations, and evaluated by those)
    others_and_works = (ip.trademarks + ip.software_copyrights + ip.layout_designs
                        + len(ip.works or []) + sum(n for n, _, _ in variety_counts))
    # algorithm services filed (算法备案) or that an objective plans to file: the CAC rules each
    # kind of service falls under (laws.yaml, P-31)
    filing = set(intake.business.algorithm_filing or [])
    for key, words in _ALGORITHMS.items():
        plans[key] = kind["ml"] and (key.replace("_", "-") in filing or bool(words.search(objectives)))
    plans["patent_led"] = plans["patents"] and (
        sum(n for n, _, _ in patent_counts) >= others_and_works)
    # a brand company: its IP is mainly trademarks — it holds or plans them, and holds no more
    # patents, software copyrights and layout designs together than registered trademarks
    others = sum(n for n, _, _ in patent_counts) + ip.software_copyrights + ip.layout_designs
    kind["brand"] = plans["trademarks"] and ip.trademarks >= others
    kind.update(contract_manufacturing(intake))
    # distributors or agents abroad using its marks, and contract manufacturers making its goods
    # (generators/trade_partners.py: P-03, P-06, P-17, R-86, R-87)
    kind["distributors"] = distributors_abroad(intake)
    kind["contract_made"] = contract_made(intake)
    kind["firmware"] = carries_firmware(intake)
    # launches products under its own marks: it plans marks and sells its goods on marketplaces
    # or plans its marks abroad (an own brand beside OEM work, whatever the count of its patents)
    marks_abroad = any(_TRADEMARK.search(o) and names_abroad(o, markets)
                       for o in intake.policy.objectives)
    plans["brand_launch"] = kind["physical_goods"] and plans["trademarks"] and (
        marks_abroad or bool(intake.business.platforms))
    modes = set(intake.business.export_mode or [])  # from here: how it exports
    export = {
        "any": bool(markets),
        "goods": bool(markets) and ("goods" in modes or (intake.business.export_mode is None
                                                         and kind["physical_goods"])),
        "services": bool(markets) and "services" in modes,
        "online": bool(markets) and "online" in modes,
    }
    export["foreign"] = export["any"] or held["foreign_patents"] or plans["foreign_filing"]
    export["us"] = any(_US.search(m) for m in markets)
    export["eu"] = any(_EU.search(m) for m in markets)
    export["uk"] = any(_UK.search(m) for m in markets)  # its own customs since Brexit (HMRC)
    other_counts = [*variety_counts, (ip.trademarks, "注册商标", "registered trademarks"),
                    (ip.software_copyrights, "软件著作权", "software copyrights"),
                    (ip.layout_designs, "集成电路布图设计", "IC layout designs")]
    records = intake.rd.records or ["lab-notebook", "documents"]
    # R&D kept in systems that log who did what and when (not in documents or notebooks)
    kind["rd_logged"] = bool(set(records) & _LOGGED)
    column = 0 if language == "zh" else 1
    delivered, bids = split_works(ip.works)
    made = makers(ip.works, language, kinds={k for k, v in kind.items() if v})
    # the works' makers are the R&D staff it counts (a manufacturer's R&D engineers): a list of
    # people to train names them once, as the R&D staff (P-08, R-23, manual 7.2)
    kind["rd_authors"] = bool(made.get("rd_staff")) and kind["rd"] and (intake.company.rd_staff or 0) > 0
    technologies, activities = _processes(intake, language)
    says = {
        # the kinds of IP financing planned, as the policy and objectives name them ('质押融资'
        # alone for a company planning a pledge loan), all three when none is named
        "financing": _financing_kinds([intake.policy.statement or "", *intake.policy.objectives,
                                       *(["pledge"] if ip.pledges else [])], language),
        # GPL components the company's distributed products already contain (Linux 内核): P-26
        # manages them as an approved exception, not as what it 'in principle does not approve'
        "gpl_shipped": _join(gpl_components(intake.ip.open_source.how if intake.ip.open_source
                                            and intake.ip.open_source.used else ""), language)
        if kind["physical_goods"] or kind["software"] else "",
        "holdings": _counted(patent_counts + other_counts, language),
        "patents": _counted(patent_counts, language),
        "rd_records": _join([_record_words(r, intake.rd, column) for r in records], language),
        "exports": _exports(export, markets, language, planned=intake.business.export_planned),
        # the company's own sites outside mainland China ('越南工厂'): P-17's step on them
        "sites_abroad": _join(_sites_abroad(intake), language) if language == "zh" else named(
            _sites_abroad(intake), language),
        # the same, once the company profile has named the markets: '公司产品出口至上述国家和地区'
        "exports_again": _exports(export, markets, language, again=True,
                                  planned=intake.business.export_planned),
        "secrets": _secrets(kind, intake.company.rd_staff, plans["patents"], language,
                            held["customer_data"]),
        # the existing systems' processes that take in IP requirements (generators.systems)
        "system_processes": _join(system_processes(
            intake.certification.existing_systems if intake.certification else None,
            kind["rd"], language), language),
        "areas": _areas(intake, kind, language),
        # the kinds of works held ('设计图纸、设计文件和投标文件'), '' when none
        "works": _join(list(ip.works or []), language),
        # those delivered under contracts ('设计图纸和设计文件') and the bids it submits ('投标文件')
        "deliverables": _join(delivered, language),
        "bids": _join(bids, language),
        # who makes the works ('设计人员'), named with their departments ('建筑设计所…的设计人员'),
        # and what they take from others ('标准图集、设计软件、字体和图库图片'); '' without works
        "makers": made["makers"],
        "authors": _authors(intake, made["makers"], language,
                            manufacturer=kind["manufacturing"] or kind["life_sciences"],
                            stores=kind["stores"]),
        "work_sources": made["sources"],
        # the contracts they are delivered under ('设计合同、委托创作合同和服务合同')
        "work_contracts": made["contracts"],
        # company.processes split: key technologies and processes, and core activities
        "technologies": technologies,
        "activities": activities,
        "academic_partners": ("、".join(academic_partners(intake)) if language == "zh"  # 如A、B等
                              else named(academic_partners(intake), language)),
        # the instant-messaging and collaboration suites the company keeps records in ('飞书'),
        # its authorised channels: P-06 forbids only channels other than these
        "messaging": _join(messaging_systems(intake, language), language),
    }
    says["parent"], says["asset_approver"] = parent, approver
    # the co-owners and pledgees the intake names, each once ('清华大学和北京航空航天大学')
    says["co_owners"] = _join(list(dict.fromkeys(
        o for c in ip.co_owned or [] for o in c.co_owners)), language)
    says["pledgees"] = _join(list(dict.fromkeys(p.pledgee for p in ip.pledges or [])), language)
    # each kind's rule without an agreement and its law, the co-owners of marks and of works, and
    # where pledges are registered — of the kinds pledged, else of the kinds held or planned
    # (generators/right_kinds.py: templates/right_kinds.yaml)
    software = held["software_copyrights"] or plans["software_copyrights"] or kind["software"]
    says["co_owned_rules"] = right_kinds.co_owned_rules(ip.co_owned, language, bool(software))
    for name, right in (("mark", "trademark"), ("work", "copyright")):
        says[f"{name}_co_owners"] = _join(right_kinds.co_owners_of(ip.co_owned, right), language)
        says[f"{name}_co_owned_rule"] = right_kinds.co_owned_rules(
            [c for c in ip.co_owned or [] if c.kind == right], language, bool(software))
    says["pledge_registration"] = right_kinds.pledge_registration(
        right_kinds.pledged_kinds(ip.pledges) or [
            k for k, on in (("patent", plans["patents"]), ("trademark", plans["trademarks"]),
                            ("copyright", software or held["works"])) if on]
        or list(right_kinds.KINDS), language)
    # the contract growers or seed-production bases the intake names ('' when none is named)
    says["growers"] = _join(contract_growers(intake)[1], language)
    # the parent named again after its full name: 集团公司 / 母公司, the group / the parent company
    grouped = bool(re.search(r"集团|group", parent, re.IGNORECASE))
    says["group"] = "" if not parent else (
        ("集团公司" if grouped else "母公司") if language == "zh"
        else ("the group" if grouped else "the parent company"))
    says["portfolio"] = _portfolio(held, plans, kind, export["foreign"], language)
    says["before_release"] = before_release(kind, language)
    says["technical_info"] = technical_info(kind, held, plans, records, language)
    says["takedown_time"] = takedown_time(intake.policy.objectives)
    says["licensee_checks"] = licensee_checks(intake.policy.objectives, language)
    says["evidence_time"] = evidence_time(intake.policy.objectives)
    says["franchise_abroad"] = franchise_abroad(intake.business.export_markets, language)
    # R-78's columns, by what the company licenses in (generators.licence_kinds)
    for name, label in scope_columns(ip.licences_in, language).items():
        says[f"licence_{name}"] = label
    says["indicators"] = _indicators(held, plans, kind, language)
    # an R&D-services or testing company works on its clients' data (samples, test data): that is the client's confidential
    # information, kept under the contract's duty, not the company's trade secret
    own, client = secret_examples(intake, kind)
    client += [d for d in customer_datasets(intake) if not any(d in c or c in d for c in client)]
    technical, business = by_category(own)  # what an NDA lists under each category
    if language == "zh":  # as before: 如A、B等
        says["own_secrets"], says["client_info"] = "、".join(own), "、".join(client)
        says["technical_secrets"], says["business_secrets"] = "、".join(technical), "、".join(business)
    else:
        says["own_secrets"], says["client_info"] = _join(own, language), _join(client, language)
        says["technical_secrets"] = _join(technical, language)
        says["business_secrets"] = _join(business, language)
    return {"kind": kind, "held": held, "plans": plans, "export": export, "says": says}


# the technical information a confidentiality agreement names, by how the company works: (zh, en)
_TECHNICAL_INFO = {
    "goods": (["工艺参数", "图纸"], ["process parameters", "drawings"]),
    "seed": (["种质资源和育种材料", "亲本及组配", "系谱和田间试验数据"],
             ["germplasm and breeding material", "parent lines and cross combinations",
              "pedigrees and field-trial data"]),
    "testing": (["检测方法", "检测数据"], ["test methods", "test data"]),
    "ml": (["模型权重", "训练数据集"], ["model weights", "training datasets"]),
    "code": (["源代码"], ["source code"]),
}


def technical_info(kind: dict, held: dict, plans: dict, records: list[str],
                   language: str) -> str:
    """'技术方案、种质资源和育种材料、…、研发记录及未公开的专利申请文件': the kinds of technical
    information an NDA (R-14) protects, following the company's kind and IP — formulations only
    for a formulated product, process parameters and drawings for a maker of goods (not a seed
    company, whose material is germplasm, parent lines and pedigrees), model weights and training
    data for one training models, source code for a company that writes software (software or
    models, R&D kept in Git, software copyrights held) — not for a breeding company, whose
    technical information is its material and a few registrations of its tools do not change."""
    column = 0 if language == "zh" else 1
    items = ["技术方案" if language == "zh" else "technical solutions"]
    breeding = kind["seed"] and (kind["rd"] or held["plant_varieties"])
    if breeding:
        items += _TECHNICAL_INFO["seed"][column]
    elif kind["manufacturing"] or kind["life_sciences"]:
        if kind["formulated"]:
            items.append("配方" if language == "zh" else "formulations")
        items += _TECHNICAL_INFO["goods"][column]
    code = kind["software"] or kind["ml"] or "git" in records or (
        held["software_copyrights"] and not breeding)
    for key, applies in (("testing", kind["testing"]), ("ml", kind["ml"]), ("code", code)):
        if applies:
            items += _TECHNICAL_INFO[key][column]
    if not code and not kind["testing"] and not breeding and language != "zh":
        items.append("technical documents")  # as the English agreement has always named them
    items.append("研发记录" if language == "zh" else "R&D records")
    if plans["patents"]:
        items.append("未公开的专利申请文件" if language == "zh"
                     else "unpublished patent application documents")
    if language == "zh":
        return "、".join(items[:-1]) + ("及" if plans["patents"] else "、") + items[-1]
    return _join(items, language)


# when the company's output goes out, by its kind: goods are launched (上市) or shipped, software
# is released version by version, a service's results are published or delivered
_RELEASE = {"physical_goods": ("产品上市或出货前", "before a product is launched or shipped"),
            "software": ("每个版本发布前", "before each release"),
            "": ("发布或交付前", "before publication or delivery")}


def before_release(kind: dict, language: str) -> str:
    """When the company checks what it puts out, in its kind's word ('产品上市或出货前' for a
    maker or trader of goods, '每个版本发布前' for software, '发布或交付前' otherwise): a goods
    company publishes nothing it sells."""
    key = next((k for k in ("physical_goods", "software") if kind.get(k)), "")
    return _RELEASE[key][0 if language == "zh" else 1]


# -- how the company calls itself in its own Chinese texts --------------------------------------------
_SELF_FILE = Path(__file__).resolve().parent / "templates" / "self_name.yaml"


@lru_cache(maxsize=1)
def _self_rules() -> dict:
    return yaml.safe_load(_SELF_FILE.read_text(encoding="utf-8"))


def self_name(company_name: str) -> str:
    """The word a company calls itself by in its own Chinese texts (templates/self_name.yaml):
    '院' for 江苏华筑工程设计研究院有限公司 (本院), '所', '中心', '校', else '公司' (本公司). The one
    source of truth for the template variable `self` and generators.templates_io's rendering."""
    rules = _self_rules()
    name = company_name.strip()
    for form in rules["legal_forms"]:
        if name.endswith(form) and len(name) > len(form):
            name = name[:-len(form)]
            break
    for entry in rules["names"]:
        if name.endswith(tuple(entry["ends"])):
            return entry["word"]
    return "公司"


@lru_cache(maxsize=8)
def _self_pattern(word: str) -> tuple[re.Pattern, dict[str, str]]:
    rules = _self_rules()
    compounds = {k: v.format(word=word) for k, v in rules["compounds"].items()}
    after = "".join(f"(?<!{re.escape(w)})" for w in rules["not_after"])
    before = "|".join(map(re.escape, rules["not_before"]))
    alone = f"{after}公司(?!{before})" if before else f"{after}公司"
    words = "|".join(map(re.escape, sorted(compounds, key=len, reverse=True)))
    return re.compile(f"{words}|{alone}"), compounds


def self_named(text: str, word: str) -> str:
    """A Chinese text written with 公司 / 本公司 for the company itself, worded with the company's
    own word (self_name): '公司目前未对外转让知识产权' -> '本院目前未对外转让知识产权', 本公司 -> 本院,
    全公司 -> 全院; another company (子公司, 评估公司, a name ending 有限公司) and 《公司法》 stay."""
    if word == "公司" or "公司" not in text:
        return text
    pattern, compounds = _self_pattern(word)
    return pattern.sub(lambda m: compounds.get(m.group(), f"本{word}"), text)


# what an objective must name for the IP it plans to count as planned (derived_facts' `plans`)
PLAN_WORDS = {"patents": (_PATENT,), "software_copyrights": (_SOFTWARE_COPYRIGHT,),
              "trademarks": (_TRADEMARK,), "plant_varieties": (_PLANT_VARIETY,),
              "foreign_filing": (_FOREIGN, _PLACES)}


# a component named with a strong-copyleft GPL licence in brackets: 'Linux 内核（GPL-2.0）',
# 'the Linux kernel (GPL-2.0)' — not LGPL or AGPL, and not a licence listed without a component
_GPL = re.compile(r"([^、，,;；:：（()]+?)\s*[（(]\s*GPL(?:-?v?[23](?:\.0)?(?:-only|-or-later|\+)?)?\s*[）)]")


# the kinds of IP financing (manual 11.4.3.1, P-20): words naming each, and its zh/en name
_FINANCING_KINDS = ((re.compile(r"质押|pledg", re.IGNORECASE), "知识产权质押融资", "IP pledge financing"),
                    (re.compile(r"作价入股|入股|IP-for-equity|as capital|equity", re.IGNORECASE),
                     "作价入股", "IP-for-equity"),
                    (re.compile(r"证券化|securiti[sz]", re.IGNORECASE), "证券化", "securitization"))


def _financing_kinds(texts: list[str], language: str) -> str:
    """'知识产权质押融资' for a company whose policy or objectives name only a pledge loan; the
    kinds named, joined with 或 / or; all three when the texts name none (financing_plans alone)."""
    text = " ".join(str(t) for t in texts)
    kinds = [(zh, en) for words, zh, en in _FINANCING_KINDS if words.search(text)] or \
        [(zh, en) for _, zh, en in _FINANCING_KINDS]
    names = [zh if language == "zh" else en for zh, en in kinds]
    if language == "zh":
        names[0] = names[0] if names[0].startswith("知识产权") else "知识产权" + names[0]
        return "、".join(names[:-1]) + ("或" if len(names) > 1 else "") + names[-1]
    return ", ".join(names[:-1]) + (" or " if len(names) > 1 else "") + names[-1]


def gpl_components(text: str) -> list[str]:
    """The components an intake's open-source text names under the GPL ('视觉软件平台和相机固件使用
    OpenCV（Apache-2.0）、Linux 内核（GPL-2.0）…' gives ['Linux 内核']; '… Halide (MIT), the Linux
    kernel (GPL-2.0) and FFmpeg (LGPL-2.1)' gives ['Linux kernel']), in order; [] for none."""
    out = []
    for match in _GPL.finditer(text or ""):
        name = re.split(r"\band\b|和|及|使用|uses?\b", match.group(1))[-1].strip()
        name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)
        if name and name not in out:
            out.append(name)
    return out


# what an objective abroad must also name to plan a filing there: a right, or filing it
# ('出口产品在德国、法国完成自由实施（FTO）调查覆盖率 100%' checks others' rights abroad and files
# nothing; '2027 年向欧洲专利局提交 PCT 进入欧洲阶段申请 2 件' does)
_FILING = re.compile(r"申请|注册|登记|布局|授权|filing|files?\b|appl(?:y|ication)|regist|grant",
                     re.IGNORECASE)


def plans_filing_abroad(text: str, markets: list[str] = ()) -> bool:
    """Whether one objective plans filing IP abroad: it names a place abroad (names_abroad) and
    a right (PLAN_WORDS) or a filing (_FILING). An objective abroad that files nothing (an FTO
    search, sales) plans none."""
    return names_abroad(text, markets) and (
        bool(_FILING.search(text))
        or any(words.search(text) for key, group in PLAN_WORDS.items()
               if key != "foreign_filing" for words in group))


def names_abroad(text: str, markets: list[str] = ()) -> bool:
    """Whether an objective's text plans IP abroad: it says abroad (境外, PCT, overseas …), or
    names a country or region abroad (_PLACES: 新加坡, 哈萨克斯坦, 中亚, Kazakhstan …) or one of
    the company's export markets. One reading for derived_facts and `ipms intake check`."""
    return (bool(_FOREIGN.search(text)) or bool(_PLACES.search(text))
            or any(market and market in text for market in markets))


def planning_objective(objectives: list[str], plan: str, markets: list[str] = ()
                       ) -> int | None:
    """The 1-based number of the first of `objectives` that plans IP of kind `plan` (a key of
    PLAN_WORDS), None when none does: where derived_facts reads a plan held IP does not show.
    Foreign filing is read as derived_facts reads it (plans_filing_abroad, with the export
    `markets`)."""
    if plan == "foreign_filing":
        return next((i for i, text in enumerate(objectives, 1)
                     if plans_filing_abroad(own_objectives(text), markets)), None)
    return next((i for i, text in enumerate(objectives, 1)
                 if any(words.search(own_objectives(text)) for words in PLAN_WORDS[plan])), None)

