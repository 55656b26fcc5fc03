"""The intake's vocabulary in both languages, and the 调查诊断 facts a consultant collects.

Every enumerated answer is accepted in English or in Chinese (试点类 in an English intake, pilot in
a Chinese one) and stored as its English id, which the templates use. The facts below are all
OPTIONAL: None means "not collected yet" (`ipms intake check` lists it as a warning), an empty
list means "collected: there are none" (e.g. no past disputes).

Sources: the unified social credit code's form and check digit are GB 32100-2015 (18 characters:
registration authority, organisation type, 6-digit administrative division, 9-character
organisation code, check character; weights 3^i mod 31, alphabet without I O Z S V).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

# English id -> the Chinese words accepted for it (the first is the one messages show)
STAGES = {"start-up": ("初创类", "初创"), "pilot": ("试点类", "试点"),
          "demonstration": ("示范类", "示范")}
IP_WORK_MODES = {"department": ("知识产权部门", "专门部门", "部门"),
                 "part-time": ("兼职人员", "兼职"), "agency": ("委托服务机构", "服务机构", "代理机构")}
REVENUE_BANDS = {"<10M": ("1000万以下",), "10M-50M": ("1000万-5000万",),
                 "50M-200M": ("5000万-2亿",), "200M-1B": ("2亿-10亿",), ">1B": ("10亿以上",)}
RD_MODES = {"in-house": ("自主研发",), "university": ("产学研合作", "校企合作"),
            "commissioned": ("委托开发", "委托研发"), "joint-enterprise": ("合作开发", "企业间合作")}
FUNCTIONS = {"management": ("管理", "综合管理"), "ip": ("知识产权",), "rd": ("研发",),
             "legal": ("法务",), "hr": ("人力资源", "人事"), "finance": ("财务",),
             "purchasing": ("采购",), "production": ("生产",), "sales": ("销售",),
             "marketing": ("市场",), "it": ("信息技术", "信息化", "IT"), "admin": ("行政",),
             # runs secrecy: trade secrets and, for classified work, state secrets (保密办公室)
             "secrecy": ("保密", "保密管理", "安全保密"),
             "quality": ("质量",), "testing": ("检测", "检验", "检验检测", "检测实验室"),
             "service": ("技术服务", "服务", "客户服务"),
             # recruits and supervises franchisees (加盟管理部, 特许经营部)
             "franchise": ("特许经营", "加盟管理", "加盟", "franchising")}
RD_RECORDS = {"lab-notebook": ("实验记录本", "纸质实验记录本"), "git": ("Git", "代码仓库"),
              "jira": ("Jira", "任务管理系统"), "eln": ("ELN", "电子实验记录本"),
              "pdm": ("PDM", "PLM", "产品数据管理系统"), "documents": ("研发文档", "项目文档"),
              "other": ("其他",)}
BUSINESS_MODELS = {"manufacturing": ("生产制造", "制造", "制造业"),
                   "software": ("软件", "软件开发", "软件产品"),
                   "internet-services": ("互联网服务", "在线服务", "SaaS", "云服务"),
                   "rd-services": ("研发服务", "技术服务", "技术开发服务"),
                   "testing": ("检验检测", "检测", "检验", "检验检测认证", "检测认证",
                               "testing and inspection", "testing & inspection", "inspection"),
                   "trading": ("贸易", "商贸", "批发零售"),
                   "life-sciences": ("生命科学", "生物医药", "医药", "医疗器械"),
                   "agriculture": ("农业", "种业", "农业种植", "种植业", "农林牧渔", "agricultural"),
                   # runs outlets serving consumers: restaurants, shops, hotels, training centres
                   "stores": ("连锁门店", "连锁经营", "门店", "餐饮", "餐饮连锁", "餐饮服务", "连锁餐饮",
                              "零售", "连锁零售", "酒店", "连锁酒店", "教育培训", "chain stores",
                              "chain-stores", "stores", "restaurants", "catering", "retail",
                              "hotels", "outlets"),
                   # licenses its brand and business model to franchisees (sets business.franchising)
                   "franchise": ("特许经营", "加盟", "品牌加盟", "特许加盟", "franchising",
                                 "franchise brand", "franchisor"),
                   "other": ("其他",)}
EXPORT_MODES = {"goods": ("货物出口", "货物", "产品出口"),
                "services": ("服务出口", "服务", "技术服务出口"),
                "online": ("在线服务", "线上", "跨境在线服务", "在线")}
OWNERSHIPS = {"state": ("国有", "国有企业", "国有控股", "国有全资", "国企", "央企", "地方国企"),
              "private": ("民营", "民营企业", "私营"),
              "foreign-invested": ("外资", "外商投资", "外商独资", "中外合资"),
              "mixed": ("混合所有制", "混改")}
# where a dataset comes from (ip.datasets[].source)
DATA_SOURCES = {"own": ("自有", "自建", "自采", "自行采集", "自有数据"),
                "licensed": ("许可", "授权", "外购", "采购", "商业授权"),
                "public": ("公开", "开源", "公开数据集", "开源数据集"),
                "customer": ("客户", "客户提供", "客户数据")}
# algorithm services a company files (算法备案) under the CAC's rules: 互联网信息服务算法推荐管理规定,
# 互联网信息服务深度合成管理规定, 生成式人工智能服务管理暂行办法 (business.algorithm_filing)
ALGORITHM_SERVICES = {"recommendation": ("算法推荐", "推荐", "推荐算法"),
                      "deep-synthesis": ("深度合成",),
                      "generative": ("生成式人工智能", "生成式", "生成式AI", "AIGC")}
# the kind of a right co-owned or pledged (ip.co_owned[].kind, ip.pledges[].kind)
RIGHT_KINDS = {"patent": ("专利", "专利权", "发明专利", "实用新型", "实用新型专利", "外观设计",
                          "外观设计专利"),
               "trademark": ("商标", "注册商标", "商标权", "商标专用权"),
               "copyright": ("著作权", "版权", "软件著作权", "计算机软件著作权", "software copyright")}
PARENT_HOLDS = {"trademarks": ("商标", "注册商标"), "patents": ("专利",),
                "software_copyrights": ("软件著作权", "软著"), "domain_names": ("域名",)}
VOCABULARIES = {"Stage": STAGES, "IpWorkMode": IP_WORK_MODES, "RevenueBand": REVENUE_BANDS,
                "RdMode": RD_MODES, "Function": FUNCTIONS, "RdRecord": RD_RECORDS,
                "BusinessModel": BUSINESS_MODELS, "ExportMode": EXPORT_MODES,
                "Ownership": OWNERSHIPS, "ParentHolds": PARENT_HOLDS, "DataSource": DATA_SOURCES,
                "AlgorithmService": ALGORITHM_SERVICES, "RightKind": RIGHT_KINDS}


def chinese_label(value: str) -> str:
    """The Chinese word shown for English id `value` ('pilot' -> '试点类'); `value` if none."""
    for vocabulary in VOCABULARIES.values():
        if value in vocabulary:
            return vocabulary[value][0]
    return value


def _canonical(vocabulary: dict[str, tuple[str, ...]]):
    lookup = {word.casefold(): key for key, words in vocabulary.items() for word in words}
    lookup.update({key.casefold(): key for key in vocabulary})

    def convert(value):
        if isinstance(value, str):
            return lookup.get(value.strip().casefold(), value)
        return value
    return BeforeValidator(convert)


def _one_or_many(value):
    """A single answer is accepted where a list is asked for (business_model: software)."""
    return [value] if isinstance(value, str) else value


Stage = Annotated[Literal["start-up", "pilot", "demonstration"], _canonical(STAGES)]
IpWorkMode = Annotated[Literal["department", "part-time", "agency"], _canonical(IP_WORK_MODES)]
RevenueBand = Annotated[Literal["<10M", "10M-50M", "50M-200M", "200M-1B", ">1B"],
                        _canonical(REVENUE_BANDS)]
RdMode = Annotated[Literal["in-house", "university", "commissioned", "joint-enterprise"],
                   _canonical(RD_MODES)]
Function = Annotated[Literal["management", "ip", "rd", "legal", "hr", "finance", "purchasing",
                             "production", "sales", "marketing", "it", "admin", "secrecy",
                             "quality", "testing", "service", "franchise"],
                     _canonical(FUNCTIONS)]
RdRecord = Annotated[Literal["lab-notebook", "git", "jira", "eln", "pdm", "documents", "other"],
                     _canonical(RD_RECORDS)]

BusinessModel = Annotated[Literal["manufacturing", "software", "internet-services", "rd-services",
                                  "testing", "trading", "life-sciences", "agriculture", "stores",
                                  "franchise", "other"],
                          _canonical(BUSINESS_MODELS)]
ExportMode = Annotated[Literal["goods", "services", "online"], _canonical(EXPORT_MODES)]
Ownership = Annotated[Literal["state", "private", "foreign-invested", "mixed"],
                      _canonical(OWNERSHIPS)]
ParentHolds = Annotated[Literal["trademarks", "patents", "software_copyrights", "domain_names"],
                        _canonical(PARENT_HOLDS)]
DataSource = Annotated[Literal["own", "licensed", "public", "customer"], _canonical(DATA_SOURCES)]
AlgorithmService = Annotated[Literal["recommendation", "deep-synthesis", "generative"],
                             _canonical(ALGORITHM_SERVICES)]
RightKind = Annotated[Literal["patent", "trademark", "copyright"], _canonical(RIGHT_KINDS)]
BusinessModels = Annotated[list[BusinessModel], BeforeValidator(_one_or_many)]
AlgorithmServices = Annotated[list[AlgorithmService], BeforeValidator(_one_or_many)]
ExportModes = Annotated[list[ExportMode], BeforeValidator(_one_or_many)]

# -- the unified social credit code (统一社会信用代码), GB 32100-2015 -------------------------------
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V


def uscc_problem(code: str) -> str | None:
    """None when `code` is a well-formed unified social credit code with a correct check
    character, else what is wrong (English; the caller localises by its error type)."""
    code = code.strip().upper()
    if len(code) != 18:
        return f"has {len(code)} characters, a unified social credit code has 18"
    bad = next((ch for ch in code if ch not in USCC_ALPHABET), None)
    if bad is not None:
        return f"holds {bad!r}, which no unified social credit code uses"
    if not code[2:8].isdigit():
        return "characters 3-8 (the administrative division) must be digits"
    total = sum(USCC_ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(code[:17]))
    expected = USCC_ALPHABET[(31 - total % 31) % 31]
    if code[17] != expected:
        return f"check character is {code[17]}, the first 17 characters give {expected}"
    return None


class DatesAsText(BaseModel):
    """A date YAML reads from an unquoted value (until: 2027-06-30) given to a text field is
    taken as the text it is (2027-06-30), as a date field takes it as the date."""

    @field_validator("*", mode="before")
    @classmethod
    def _date_as_text(cls, value, info: ValidationInfo):
        if not isinstance(value, (dt.date, list)):
            return value
        field = cls.model_fields.get(info.field_name or "")
        if field is None or "date" in repr(field.annotation):
            return value
        if isinstance(value, dt.date):
            return value.isoformat()
        return [item.isoformat() if isinstance(item, dt.date) else item for item in value]


# -- the 调查诊断 facts -----------------------------------------------------------------------------
class _Facts(DatesAsText):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Site(_Facts):
    name: str = Field(min_length=1, description="e.g. 总部 / Head office.")
    address: str = Field(min_length=2)
    activities: str = Field("", description="What is done there (R&D, production, sales …).")
    legal_form: str = Field("", description="The site's legal form when it is not the company's own "
                            "premises: 分公司 / a branch, 全资子公司 / a wholly owned subsidiary (a "
                            "plant abroad is often a local company). A certification body asks before "
                            "it accepts a site, above all one abroad, in the scope.")


class LicenceIn(_Facts):
    what: str = Field(min_length=1, description="The IP licensed in (patent, software, brand …).")
    licensor: str = Field(min_length=1)
    until: str = Field("", description="Term, as the contract says.")
    abroad: bool | None = Field(
        None, description="Is the licensor outside mainland China (a game engine from a foreign "
        "company)? A technology or software licence from abroad is a technology import "
        "(技术进出口管理条例: contract registration); None: not asked yet.")
    paid: bool | None = Field(
        None, description="Does the company pay royalties or fees for it? None: read from what "
        "is licensed (a community, open-source or free licence is royalty-free).")
    products: str = Field("", description="The products or projects the licence covers, as "
                          "the contract says; '' not given.")
    territory: str = Field("", description="The territory the licence covers (中国大陆, "
                           "worldwide …), as the contract says; '' not given.")

    @property
    def royalty_free(self) -> bool:
        """Whether no royalty is paid: `paid: false`, or, not given, a licence that names itself
        free, open or community (Llama 3 Community License, 开源, royalty-free): such a licence
        from abroad needs no technology-import registration for remitting royalties."""
        if self.paid is not None:
            return not self.paid
        return bool(_FREE_LICENCE.search(self.what))

    @property
    def in_goods_price(self) -> bool:
        """Whether the licence comes with goods the company buys and is paid in their price
        ('音频编解码标准必要专利（随芯片价格支付）', licensor '芯片供应商转许可', 'sublicensed through
        the chip supplier'): the company signs no licence contract with the licensor and remits
        no royalty, so there is no technology-import contract to register."""
        return bool(_IN_GOODS_PRICE.search(f"{self.what} {self.licensor}"))

    @property
    def import_registration(self) -> bool:
        """Whether the licence is a technology import to register (技术进口合同登记) with its
        royalties remitted: from abroad, paid, not paid in the price of goods bought and not a
        membership of a standards body."""
        return (bool(self.abroad) and not self.royalty_free and not self.in_goods_price
                and not _MEMBERSHIP.search(self.what))  # a standards body's membership fee


# what names a membership of a standards body or consortium (Bluetooth SIG): its fees are no
# royalties under a technology import contract
_MEMBERSHIP = re.compile(r"成员资格|会员资格|\bmembership\b", re.IGNORECASE)
# what names a licence paid in the price of goods bought, through their supplier
_IN_GOODS_PRICE = re.compile(r"随(?:芯片|元器件|模组|部件|采购|产品)?价格?支付|含在(?:芯片|元器件|采购)价格|"
                             r"(?:转|再|分)许可$|paid (?:in|through|with) the (?:\w+ )?price|"
                             r"included in the (?:\w+ )?price|\bsublicen[cs]ed (?:through|by|via)",
                             re.IGNORECASE)
# what names a royalty-free licence: a community, open-source, open or free licence
_FREE_LICENCE = re.compile(r"社区许可|开源|免费|免许可费|公开许可|知识共享|community licen[cs]e|"
                           r"open[- ]source|royalty[- ]free|free of charge|\bfree licen[cs]e|"
                           r"open licen[cs]e|creative commons|\bCC[- ]BY|Apache|\bMIT\b|\bBSD\b",
                           re.IGNORECASE)
# `until` values that are no date: an open-ended term, or the term of each underlying contract
_OPEN_ENDED = re.compile(r"^(?:长期|永久|长期有效|无固定期限|不限期|无期限|perpetual|permanent|"
                         r"indefinite(?:ly)?|unlimited|no end(?: date)?|open-ended)$", re.IGNORECASE)
_CONTRACT_TERM = re.compile(r"^(?:合同期内|合同期限内|合同有效期内|随合同|各合同期内|按合同约定|"
                            r"(?:for )?(?:the )?term of (?:each|the) contract|contract term|"
                            r"as (?:each|the) contract (?:says|provides))$", re.IGNORECASE)
TERM_WORDS = {"zh": ("期限至{until}", "长期有效", "期限与各合同一致", "期限：{until}"),
              "en": ("until {until}", "with no end date", "for the term of each contract",
                     "term: {until}")}


def licence_term_cell(until: str, language: str = "zh") -> str:
    """A licence's `until` in a register's term column: the date as given, '长期有效' / 'no end
    date' for an open-ended term, '各合同有效期' / 'term of each contract' for 合同期内."""
    text = str(until or "").strip()
    if _OPEN_ENDED.match(text):
        return "长期有效" if language == "zh" else "no end date"
    if _CONTRACT_TERM.match(text):
        return "各合同有效期" if language == "zh" else "term of each contract"
    return text


def licence_term(until: str, language: str = "zh") -> str:
    """A licence's `until` as running text says it: '期限至2027-12-31' / 'until 2027-12-31' for
    a date, '长期有效' / 'with no end date' for 长期 or perpetual, '期限与各合同一致' / 'for the
    term of each contract' for 合同期内, else '期限：…' / 'term: …'; '' when none is given."""
    text = str(until or "").strip()
    if not text:
        return ""
    date, open_ended, contract, other = TERM_WORDS["zh" if language == "zh" else "en"]
    if _OPEN_ENDED.match(text):
        return open_ended
    if _CONTRACT_TERM.match(text):
        return contract
    if re.match(r"^\d{4}(?:[-./年]\d{1,2})?", text) or re.match(r"^(?:19|20)\d{2}", text):
        return date.format(until=text)
    return other.format(until=text)


class Dataset(_Facts):
    """A dataset the company trains, tunes or evaluates its models on (P-31 registers it with
    its source and the use its terms permit)."""
    what: str = Field(min_length=1, description="The dataset (工业缺陷图像训练集 …).")
    source: DataSource = Field("own", description="own (collected or built by the company), "
                               "licensed (licensed in from a data provider), public (an open "
                               "dataset under its licence), customer (provided by or collected at "
                               "customers under their contracts).")
    terms: str = Field("", description="The use its licence or contract permits, as written "
                       "(限于模型训练、不得转售 / training only, no resale); '' not recorded.")

    @model_validator(mode="before")
    @classmethod
    def _what_alone(cls, value):
        """A dataset given by its name alone (datasets: [自建缺陷图像库])."""
        return {"what": value} if isinstance(value, str) else value


# words of machine-learning work: an intake naming them and giving no ip.models, ip.datasets,
# business.algorithm_filing or business.customer_data is asked for them (`ipms intake check`)
_ML_WORDS = re.compile(r"人工智能|机器学习|深度学习|大模型|模型训练|训练数据|数据集|算法模型|视觉模型|"
                       r"语言模型|生成式|\bAI\b|machine[- ]learning|deep learning|"
                       r"\b(?:AI|ML|language|vision|foundation|base|trained) models?\b|"
                       r"training data|datasets?\b|generative", re.IGNORECASE)


def names_ml(intake) -> bool:
    """Whether `intake` speaks of machine-learning work: its industry, business scope, products,
    processes, licences in or open-source use name models, training data or AI (_ML_WORDS)."""
    company, ip = intake.company, intake.ip
    words = [company.industry or "", company.business_scope or "", *company.products,
             *company.processes, *(lic.what for lic in ip.licences_in or []),
             ip.open_source.how if ip.open_source else ""]
    return any(_ML_WORDS.search(str(w)) for w in words)


class Publisher(_Facts):
    """A publisher that publishes the company's products (games, books, music) under a
    publishing agreement."""
    name: str = Field(min_length=2)
    territory: str = Field("", description="Where it publishes (中国大陆 / mainland China …).")
    approvals: str = Field("", description="Approvals the publisher obtains for the products in "
                           "its own name, e.g. 网络游戏出版物号（版号）; '' none.")

    @model_validator(mode="before")
    @classmethod
    def _name_alone(cls, value):
        """A publisher given by its name alone (publishers: [示例互动娱乐有限公司])."""
        return {"name": value} if isinstance(value, str) else value


# a parent's country that is mainland China
_CHINA = re.compile(r"中国|中国大陆|中华人民共和国|大陆|境内|China|mainland China|PRC|CN|"
                    r"People's Republic of China", re.IGNORECASE)


class Parent(_Facts):
    """The group company that owns the company: a domestic group (集团公司, a state-owned
    enterprise's parent) or a foreign-invested enterprise's investor."""
    name: str = Field(min_length=2, description="The parent company's registered name.")
    country: str = Field("", description="Where it is registered (country or region); '' China.")
    owns_ip: bool = Field(False, description="Does the parent own (or is it assigned) the IP "
                          "the company creates, the company using it under an intra-group "
                          "licence? False: the company owns what it creates.")
    registers: list[ParentHolds] = Field(
        default_factory=list, description="The kinds of IP the parent registers in its own name "
        "for the group, which the company uses under its licence: trademarks (the group's marks), "
        "patents, software_copyrights, domain_names.")
    licenses: list[str] = Field(default_factory=list, description="What the parent licenses to "
                                "the company, as the licence says (集团商标使用许可 …).")
    sets_policy: bool = Field(False, description="Does the parent set IP policy and rules the "
                              "company follows (集团知识产权管理制度)?")
    abroad: bool | None = Field(None, description="Is it outside mainland China (a foreign "
                                "investor)? Assigning or licensing technology to it is then a "
                                "technology export. None: read from `country`.")
    assigns: str = Field("", description="The usual split when owns_ip is false: which of "
                         "the company's inventions the parent files or is assigned (e.g. 平台技术的"
                         "发明转让母公司申请), the company filing the rest in China in its own name; "
                         "'' none.")
    reports_to: str = Field("", description="The group department the company's IP work reports "
                            "to (集团知识产权部 …); '' not given.")
    policy_name: str = Field("", description="The name of the group's IP policy or rules the "
                             "company follows (e.g. Group IP Policy); '' not given.")
    have_made: bool | None = Field(None, description="Does the intra-group licence let the "
                                   "company have licensed products or parts made by suppliers to "
                                   "the group's drawings (委托加工, have-made)? None: not known.")
    sublicense: bool | None = Field(None, description="May the company sublicense the group's "
                                    "licensed technology (to suppliers, customers or partners)? "
                                    "None: not known.")
    licence_registration: str = Field("", description="The registration number of the intra-"
                                      "group technology licence (技术进口合同登记证号); '' not "
                                      "given.")

    @model_validator(mode="after")
    def _abroad_from_country(self) -> "Parent":
        """`abroad` when not given: a parent whose country is given and is not mainland China
        (Hong Kong, Macao and Taiwan included) is abroad; no country given means China."""
        if self.abroad is None:
            self.abroad = bool(self.country.strip()) and not _CHINA.fullmatch(self.country.strip())
        return self


# a licence taken in of marks (the group's marks used under licence)
_MARK_LICENCE = re.compile(r"商标|品牌|trade ?marks?|\bmarks?\b|\bbrands?\b", re.IGNORECASE)


# a licensor (or licence) that is the company's group: 集团 / 控股 / 母公司, group, holding, parent
_GROUP = re.compile(r"集团|控股|母公司|\bgroup\b|\bholdings?\b|\bparent\b", re.IGNORECASE)


def mark_licences(intake) -> list:
    """The licences `intake`'s company takes of marks (ip.licences_in naming 商标 / trademarks /
    brand)."""
    return [lic for lic in intake.ip.licences_in or [] if _MARK_LICENCE.search(lic.what)]


def group_mark_licences(intake) -> list:
    """Those of `mark_licences` taken from the company's group: the licensor or the licence names
    a group (集团, 控股, group, holding …) — a brand owner licensing a distributor is not one."""
    return [lic for lic in mark_licences(intake)
            if _GROUP.search(lic.licensor) or _GROUP.search(lic.what)]


class OpenSource(_Facts):
    used: bool = Field(description="Do the products use or ship open-source software?")
    how: str = Field("", description="Components, licences (GPL, Apache-2.0 …), how it is reviewed.")


class Approval(_Facts):
    reviewed_by: str = Field(min_length=1, description="Who reviews (a person or a role).")
    approved_by: str = Field(min_length=1, description="Who approves (a person or a role).")


class Approvals(_Facts):
    """Who reviews and approves each type of document (one source for every document)."""
    manual: Approval | None = None
    procedure: Approval | None = None
    form: Approval | None = None


class Budget(_Facts):
    annual_cny: int = Field(ge=0, description="Annual IP management budget, CNY (yuan).")
    items: list[str] = Field(default_factory=list, description="What it pays for.")


class Certification(_Facts):
    scope: str | None = Field(None, min_length=4, description="The certification scope wording, "
                              "e.g. 碳纤维复合板材的研发、生产、销售及相关采购的知识产权管理.")
    existing_systems: list[str] | None = Field(
        None, description="Management systems already certified: ISO 9001, ISO 27001 …; [] none.")

    @field_validator("existing_systems")
    @classmethod
    def _joint_standards(cls, systems: list[str] | None) -> list[str] | None:
        """A standard ISO and IEC publish together under its published name: 'ISO 27001' →
        'ISO/IEC 27001' (ISO/IEC 27001:2022, 20000-1:2018, 27701:2019, 17025:2017)."""
        if systems is None:
            return None
        return [JOINT_ISO_IEC.sub(r"ISO/IEC \1", s.strip()) for s in systems]


# ISO's management system and conformity-assessment standards published jointly with IEC, as
# companies often write them ('ISO 27001', 'ISO27001')
JOINT_ISO_IEC = re.compile(r"^ISO\s*(?!/)(27001|27701|20000(?:-1)?|17025)\b")


def check_credit_code(value: str | None) -> str | None:
    """The code upper-cased, or ValueError naming what is wrong (see `uscc_problem`)."""
    if value is None:
        return None
    problem = uscc_problem(value)
    if problem is not None:
        raise PydanticCustomError("credit_code", "{problem}", {"problem": problem})
    return value.strip().upper()


# words of a policy or objective saying IP is used to raise finance
FINANCING = re.compile(r"融资|质押|作价入股|证券化|\bfinancing\b|\bpledg|securiti[sz]", re.IGNORECASE)


def names_financing(texts: list[str]) -> bool:
    """Whether the policy statement or an objective says IP is used to raise finance
    ('以知识产权支撑融资', 'let IP support financing', 质押融资, securitisation)."""
    return any(FINANCING.search(str(t)) for t in texts)
