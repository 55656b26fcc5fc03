"""The intake questionnaire: the company facts the implementation documents need.

A consultant fills it in once (`ipms intake template > intake.yaml`), checks it
(`ipms intake check intake.yaml`) and drafts the package from it (`ipms draft`). Templates refer to
these fields by path, e.g. {{ company.name }} or {{ people.ip_representative.name }};
tests/test_generators.py checks that every path a template uses exists here.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import (BaseModel, ConfigDict, Field, ValidationError, ValidationInfo,
                      field_validator, model_validator)
from pydantic_core import PydanticCustomError

from assistant.errors import IpmsError, ListedProblems
from generators import numbering
from generators.intake_facts import (AlgorithmServices, Approvals, Budget, BusinessModels,
                                     Certification, Dataset,
                                     DatesAsText, ExportModes, Function, IpWorkMode, LicenceIn, OpenSource,
                                     Ownership, Parent, Publisher,
                                     RdMode, RdRecord, RevenueBand, Site, Stage, check_credit_code)
from generators.intake_report import (IntakeReport, Problem, compose, count, error_loc,
                                      error_problems, field_path, intake_language, message,
                                      missing_facts, query_facts, text_language)
from generators.intake_syntax import guess_language
from generators.intake_crosscheck import (auditor_problems, business_problems, dispute_problems,
                                          function_problems, grade_problems, group_mark_problems,
                                          group_problems, model_problems, numbering_problems,
                                          ownership_problems,
                                          rd_problems,
                                          works_problems)
from generators.intake_group import parent_problems
from generators.intake_rights import CoOwned, Pledge, rights_problems
from generators.intake_values import language_problems
from generators.intake_yaml import MAX_INTAKE_BYTES, UnreadableIntake, read_mapping

MAX_TEXT_CHARS = 2000  # any one answer
# a management system that is a state-secrecy qualification: the company does classified work
# a business scope or industry naming commercial franchising (not a utility's 特许经营 concession)
FRANCHISE_WORDS = re.compile(r"商业特许经营|特许经营活动|加盟|\bfranchis", re.IGNORECASE)
SECRECY_QUALIFICATION = re.compile(r"保密资格|secrecy qualification|security qualification",
                                   re.IGNORECASE)
# a department whose name says it runs secrecy (保密办公室, 保密处, 'Security and Secrecy Office')
SECRECY_OFFICE = re.compile(r"保密|secrecy", re.IGNORECASE)
_SHORT_NAME_PUNCTUATION = set("-_&+.")

StandardId = Literal["gbt29490-2023", "gbt29490-2013", "bj-ipm"]  # what a package is drafted to


def _check_text(value: str) -> str:
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"at most {MAX_TEXT_CHARS} characters")
    bad = next((ch for ch in value if ch not in "\t\n" and unicodedata.category(ch) in
                ("Cc", "Cs")), None)
    if bad is not None:
        raise ValueError(f"must not contain control characters (U+{ord(bad):04X})")
    return value


class Strict(DatesAsText):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _plain_text(cls, value):
        """Every answer, and every item of a list of answers, is bounded printable text: it ends
        up in Word documents (which cannot hold control characters) and in document numbers."""
        if isinstance(value, str):
            return _check_text(value)
        if isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    _check_text(item)
        return value


class Person(Strict):
    name: str = Field(min_length=1, description="Full name.")
    title: str = Field(min_length=1, description="Job title, e.g. 总经理 / General Manager.")


class Department(Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$",
                     description="Short id used in the responsibility matrix, e.g. rd, legal.")
    name: str = Field(min_length=1, description="Department name as the company writes it.")
    head: str = Field(min_length=1, description="Name of the person who leads it.")
    functions: list[Function] = Field(
        min_length=1, description="What it does; decides which clauses it leads or assists.")
    ip_liaison: str | None = Field(None, min_length=1,
                                   description="The department's IP liaison (知识产权联络员).")


class Company(Strict):
    name: str = Field(min_length=2, description="Registered name.")
    short_name: str = Field(min_length=1, description="Short name used in document numbers.")
    address: str = Field(min_length=2)
    business_scope: str = Field(min_length=2, description="As in the business licence.")
    industry: str = Field(min_length=2)
    products: list[str] = Field(min_length=1, description="Main products or services.")
    processes: list[str] = Field(default_factory=list, description="Key technologies/processes.")
    staff: int = Field(ge=1, description="Number of employees.")
    rd_staff: int = Field(ge=0, description="Number of R&D staff.")
    revenue_band: RevenueBand = Field(description="Annual revenue band, CNY.")
    rd_spend_percent: float = Field(ge=0, le=100, description="R&D spend as % of revenue.")
    stage: Stage = Field(description="The standard's enterprise stage: 初创类 / 试点类 / 示范类.")
    founded: int = Field(ge=1900, le=2100)
    credit_code: str | None = Field(None, description="统一社会信用代码 (GB 32100-2015).")
    legal_representative: str | None = Field(None, min_length=1, description="法定代表人.")
    sites: list[Site] | None = Field(None, description="Every site (office, plant, lab).")
    business_model: BusinessModels | None = Field(
        None, min_length=1, description="What the company does for its revenue: manufacturing, "
        "software, internet-services, rd-services, testing (testing and inspection), trading, "
        "life-sciences, agriculture (农业/种业: crops, seeds, seedlings, livestock), stores "
        "(连锁门店: restaurants, shops, hotels, training centres serving consumers), franchise "
        "(特许经营: franchisees run outlets under its brand), other (one or more); selects the sections and procedures that apply.")
    parent: Parent | None = Field(
        None, description="The group company that owns it (a state-owned group, a foreign-invested "
        "enterprise's investor): its name and country, whether it owns the IP the company "
        "creates, the IP it registers for the group and licenses to the company, whether it sets "
        "IP policy.")
    ownership: Ownership | None = Field(
        None, description="Who owns it: state (国有, a state-owned or state-controlled enterprise: "
        "its IP is state-owned assets, transferred and written off under state-asset rules), "
        "private, foreign-invested, mixed.")
    asset_approver: str | None = Field(
        None, min_length=2, description="A state-owned company: who approves the transfer, "
        "licensing and write-off of its IP as state-owned assets and files the valuation "
        "(集团公司 / 国资委 …); the parent when not given.")
    high_tech: bool | None = Field(
        None, description="Does it hold (or apply for) 高新技术企业 (High and New Technology "
        "Enterprise) status? It then needs core IP it owns itself; None: not known.")

    @field_validator("credit_code")
    @classmethod
    def _credit_code(cls, value: str | None) -> str | None:
        return check_credit_code(value)

    @field_validator("rd_staff")
    @classmethod
    def _rd_within_staff(cls, value: int, info: ValidationInfo) -> int:
        staff = info.data.get("staff")
        if staff is not None and value > staff:
            raise PydanticCustomError("rd_above_staff", "is {rd_staff}, more than staff ({staff})",
                                      {"rd_staff": value, "staff": staff})
        return value

    @field_validator("founded")
    @classmethod
    def _founded_past(cls, value: int) -> int:
        this_year = dt.date.today().year
        if value > this_year:
            raise PydanticCustomError("founded_future", "{founded} is in the future (it is "
                                      "{year})", {"founded": value, "year": this_year})
        return value

    @field_validator("short_name")
    @classmethod
    def _short_name(cls, value: str) -> str:
        """Letters (any script), digits and - _ & + . ; it goes into every document number."""
        if (len(value) > numbering.MAX_SHORT_NAME or ".." in value or value[0] in "-."
                or not all(ch.isalnum() or ch in _SHORT_NAME_PUNCTUATION for ch in value)):
            raise ValueError(f"use at most {numbering.MAX_SHORT_NAME} letters, digits and "
                             "- _ & + . (it goes into every document number), e.g. ZH or 智衡")
        return value


class People(Strict):
    top_manager: Person
    ip_representative: Person = Field(description="IP management representative (管理者代表).")
    ip_staff: list[Person] = Field(default_factory=list, description="Full- or part-time IP staff.")
    internal_auditors: list[Person] | None = Field(
        None, description="Trained internal auditors of the IP management system.")


class Organisation(Strict):
    departments: list[Department] = Field(min_length=2)
    ip_work_mode: IpWorkMode = Field(
        description="Who does IP work: an IP department, part-time staff, or an outside agency.")
    ip_department: str = Field(
        description="Key of the department that runs the IP management system.")
    agency: str = Field("", description="Name of the outside IP agency, if one is used.")

    @field_validator("departments")
    @classmethod
    def _unique_keys(cls, value: list[Department]) -> list[Department]:
        keys = [d.key for d in value]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"department keys used twice: {', '.join(duplicates)}")
        seen: dict[str, int] = {}
        for index, department in enumerate(value):
            if department.name in seen:  # two departments of one name: no text can tell them apart
                raise PydanticCustomError(
                    "department_name_twice", "department {index} is named {name}, as department "
                    "{first} is", {"index": index + 1, "name": department.name,
                                   "first": seen[department.name] + 1})
            seen[department.name] = index
        return value


class Patents(Strict):
    invention: int = Field(0, ge=0)
    utility_model: int = Field(0, ge=0)
    design: int = Field(0, ge=0)
    pending: int = Field(0, ge=0, description="Applications not yet granted.")
    foreign: int = Field(0, ge=0, description="Patents or applications abroad.")


class PlantVarieties(Strict):
    granted: int = Field(0, ge=0, description="Plant variety rights granted (植物新品种权).")
    pending: int = Field(0, ge=0, description="Applications not yet granted.")
    foreign: int = Field(0, ge=0, description="Rights or applications abroad.")


class IpHoldings(Strict):
    patents: Patents = Field(default_factory=Patents)
    plant_varieties: PlantVarieties = Field(default_factory=PlantVarieties)
    trademarks: int = Field(0, ge=0)
    software_copyrights: int = Field(0, ge=0)
    layout_designs: int = Field(0, ge=0, description="Integrated-circuit layout designs.")
    works: list[str] | None = Field(
        None, description="Kinds of works other than software whose copyright the company holds "
        "and whose works are its product (design drawings, design documents, bid documents, "
        "survey reports, photographs, articles …); [] or left out: none named.")
    trade_secrets: bool = Field(False, description="Does the company hold trade secrets / know-how?")
    trade_secret_examples: list[str] = Field(default_factory=list)
    licences_in: list[LicenceIn] | None = Field(None, description="IP licensed in; [] none.")
    co_owned: list[CoOwned] | None = Field(
        None, description="Rights held together with others (a university, a partner), with the "
        "co-owners and whether an agreement sets how each may exploit, license, transfer or "
        "pledge them (generators/intake_rights.py); [] none.")
    pledges: list[Pledge] | None = Field(
        None, description="Rights pledged (知识产权质押): the rights, pledgee, amount, term and "
        "registration; [] none.")
    open_source: OpenSource | None = None
    domain_names: list[str] | None = Field(None, description="Registered domain names; [] none.")
    disputes: list[str] | None = Field(None, description="Past IP disputes or litigation; [] none.")
    models: list[str] | None = Field(
        None, description="Machine-learning models the company trains or fine-tunes and whose "
        "weights it holds (视衡缺陷检测模型, a model fine-tuned from Llama 3 …); [] none. With "
        "ip.datasets or business.algorithm_filing it brings P-31 (models, data and algorithms).")
    datasets: list[Dataset] | None = Field(
        None, description="Datasets it trains or evaluates models on: what, source (own / "
        "licensed / public / customer) and the terms of use (限于模型训练 …); [] none.")


class RandD(Strict):
    modes: list[RdMode] = Field(
        default_factory=list, description="How R&D is done; [] when the company does no R&D of "
        "its own (a trading company): the documents then say so instead of naming a mode.")
    partners: list[str] = Field(default_factory=list, description="Universities, institutes, firms.")
    records: list[RdRecord] | None = Field(
        None, description="How R&D is recorded: lab-notebook, git, jira, eln, pdm …; [] when the "
        "company does no R&D of its own (as modes: []): the documents then name no R&D record.")
    records_other: str | None = Field(
        None, min_length=1, description="The name of the system `other` in records stands for "
        "(图档管理系统, 'the drawing management system'): the documents name it where they speak of "
        "the R&D records; giving it implies `other` in records.")

    @model_validator(mode="after")
    def _other_named(self):
        """A named other system is one of the ways R&D is recorded (records: [other] when
        records is left out); with records: [] (no R&D) the name is not used."""
        if self.records_other and self.records is None:
            self.records = ["other"]
        elif self.records_other and self.records and "other" not in self.records:
            self.records = [*self.records, "other"]
        return self


class ContractManufacturing(Strict):
    """Products made for customers who sell them (代工): under their design (OEM, 来图加工) or
    the company's (ODM), and whether the customers' brands go on them (定牌/贴牌)."""
    oem: bool = Field(False, description="Makes products to customers' designs and drawings "
                      "(OEM, 来图加工): the designs, drawings and tooling made from them are the "
                      "customer's.")
    odm: bool = Field(False, description="Designs and makes products customers sell as theirs "
                      "(ODM): ownership of the design and tooling is as the contract agrees.")
    brand_owner_marks: bool = Field(False, description="Puts customers' (brand owners') marks "
                                    "on what it makes (定牌加工/贴牌): each order's authorisation "
                                    "is checked before the order and before customs declaration.")


class Business(Strict):
    export_markets: list[str] = Field(default_factory=list, description="Empty: no export business.")
    export_mode: ExportModes | None = Field(
        None, description="How it sells abroad: goods (shipped), services (delivered), online "
        "(served over the internet); [] when it does not export.")
    export_planned: bool = Field(False, description="Are the export markets planned, not yet "
                                 "served (stores, sales or services abroad to start)? The documents "
                                 "then say the company plans to enter them, and trademarks are filed "
                                 "there before it does.")
    licensing_out: bool = Field(False, description="Does it license or transfer IP to others?")
    franchising: bool = Field(False, description="Does it franchise its brand (特许经营: "
                              "franchisees or 加盟店 run under its marks)? A franchise is a licence "
                              "out: licensing_out is then true as well.")
    financing_plans: bool = Field(False, description="IP pledge, IP-for-equity or securitisation planned?")
    ma_plans: bool = Field(False, description="Mergers or acquisitions planned?")
    alliances: bool = Field(False, description="Member of (or forming) a patent/IP alliance?")
    user_content: bool = Field(False, description="Do its products or websites host content its "
                               "users upload or create (user-generated content, comments, mods)? "
                               "P-15 then handles right holders' notices (notice and takedown).")
    publishers: list[Publisher] | None = Field(
        None, description="Publishers that publish its products under a publishing agreement "
        "(a game's publisher, which may hold its 版号); [] none: it publishes itself.")
    platforms: list[str] | None = Field(
        None, description="App stores and platforms that distribute its products under their "
        "standard terms (Apple App Store, Google Play, Steam, Chinese Android stores); [] none.")
    standards_work: bool | None = Field(
        None, description="Does it draft or take part in drafting national, industry or group "
        "standards (制修订标准)? Patent disclosure and licensing declarations (GB/T 20003.1) and "
        "standard-essential patents then follow. None: read from the objectives.")
    drawing_suppliers: bool | None = Field(
        None, description="Do suppliers make parts or products to its drawings or specifications "
        "(来图加工、外协件)? The drawings issued are then logged and returned, and the supply "
        "contract holds the IP terms. None: a manufacturer whose works are drawings does.")
    algorithm_filing: AlgorithmServices | None = Field(
        None, description="The algorithm services it offers to the public in mainland China that "
        "are filed (算法备案) with the Cyberspace Administration: recommendation (算法推荐), "
        "deep-synthesis (深度合成), generative (生成式人工智能); [] none (its models serve "
        "businesses only or are not offered as such a service).")
    customer_data: bool | None = Field(
        None, description="Does it process data its customers provide or that it collects at "
        "customers (images, records) under their contracts? Such data is the customer's, held "
        "under the contract's duty of confidence, used only as the contract allows and returned "
        "or deleted at its end. None: not asked yet.")
    contract_growers: bool | list[str] | None = Field(
        None, description="Does it have seed produced by contract growers (委托制种: seed-production "
        "companies or farmers growing its parent seed into seed)? true, or the growers or "
        "seed-production bases by name; false or []: none. The parent seed issued is then counted, "
        "recalled or destroyed (R-80) and the seed-production contract holds the IP terms, in "
        "place of drawings issued to suppliers. None: read from the business scope, processes, "
        "certification scope and objectives (制种, 委托制种, contract growers).")
    contract_manufacturing: ContractManufacturing | None = Field(
        None, description="Does it make products for customers who sell them (代工: OEM, ODM, "
        "定牌/贴牌)? {oem, odm, brand_owner_marks}. None: read from the business scope, "
        "products, processes, certification scope and objectives (OEM, ODM, 代工, 定牌, 贴牌).")
    export_controlled: bool | None = Field(
        None, description="Does it export goods, technology or services on China's export-control "
        "lists (出口管制法: dual-use items 两用物项, military products 军品, or technologies "
        "restricted from export)? true: the export procedure checks each export against the lists "
        "and obtains the licence and end-user certificates first, and the laws list cites the "
        "Export Control Law and the dual-use regulations. None: not asked yet.")
    distributors_abroad: bool | list[str] | None = Field(
        None, description="Does it sell abroad through distributors or sales agents (境外经销商、"
        "代理商) who use its marks there? true, or the distributors by name; false or []: none. "
        "P-03 then reviews the distributor contract's IP clauses (marks used only as licensed, no "
        "registration of the marks in the distributor's country, return of materials, notice of "
        "infringements) and P-17 checks the distributors' use of the marks (R-86). None: read "
        "from the scope, objectives, disputes and certification scope (经销商, 代理商, distributors).")
    contract_manufacturers: bool | list[str] | None = Field(
        None, description="Are its own products, or some of them, made for it by contract "
        "manufacturers (委托加工、代工厂、贴牌采购)? true, or the manufacturers by name; false or "
        "[]: none. P-03 and P-06 then cover the firmware they load, surplus, rejected and over-run "
        "goods bearing its marks (R-87), moulds and drawings returned, the right to audit the plant "
        "and no making for others. None: read from a site that is a contract manufacturer's plant "
        "and from the scope, products, processes and certification scope (委托加工, 代工厂, OEM "
        "supplier). Not contract_manufacturing, which is making products for customers.")
    classified_work: bool = Field(
        False, description="Does it do classified (涉密) work for a military or other state "
        "customer, holding a secrecy qualification (武器装备科研生产单位保密资格) run by its "
        "secrecy office? State secrets, their carriers and 国防专利 then stay under that system and "
        "P-06 covers only commercial secrets. Listing the qualification in "
        "certification.existing_systems sets it.")

    @model_validator(mode="after")
    def _franchise_is_a_licence(self) -> "Business":
        """A company that franchises licenses its marks out (licensing_out)."""
        if self.franchising:
            self.licensing_out = True
        return self


class Policy(Strict):
    statement: str = Field(min_length=4, description="The IP management policy in one line.")
    objectives: list[str] = Field(min_length=1, description="Measurable IP objectives.")


class DocumentControl(Strict):
    numbering: str = Field(
        "{short}-IPM-{kind}-{seq:02d}",
        description="Pattern for document numbers; {short}=company.short_name, {kind}=M/P/R, "
        "{seq}=1, 2, …; between them only Latin letters, digits and the separators - / _ . · － "
        "and the space.")
    version: str = Field("A/0", min_length=1)
    effective_date: dt.date
    confidentiality_levels: list[str] = Field(min_length=1)
    drafted_by: str = Field(min_length=1)
    reviewed_by: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)
    approvals: Approvals | None = Field(
        None, description="Who reviews and approves each type of document (manual, procedure, "
        "form); drafted_by/reviewed_by/approved_by stay the manual's cover block.")
    retention_years: dict[str, int] | None = Field(
        None, description="Record retention periods in years, by kind of record.")
    control: Literal["electronic", "paper"] | None = Field(
        None, description="How the documents are controlled: electronic (in the system named by "
        "`system`: permissions, version history and read confirmation instead of stamps and "
        "signed issue lists) or paper. Not given: electronic when `system` is named, or for a "
        "small company (package.small) whose intake names a collaboration suite (飞书, DingTalk, "
        "Confluence …); else paper.")
    system: str | None = Field(
        None, min_length=2, description="The electronic system the documents are controlled in "
        "(飞书, 钉钉, Confluence, SharePoint …).")

    @field_validator("retention_years")
    @classmethod
    def _retention(cls, value: dict[str, int] | None) -> dict[str, int] | None:
        for kind, years in (value or {}).items():
            _check_text(str(kind))
            if not 1 <= years <= 100:
                raise PydanticCustomError("retention", "{kind}: {years} years; give 1 to 100",
                                          {"kind": kind, "years": years})
        return value

    @field_validator("numbering")
    @classmethod
    def _numbering_scheme(cls, value: str) -> str:
        numbering.check_scheme(value)  # its ValueError names what is wrong
        return value


class PackageSize(Strict):
    small: bool | None = Field(
        None, description="Size the package for a small company: yearly checks where the "
        "standard asks for no more (templates/cadences.yaml) and lighter document control. Not "
        "given: a start-up (初创类) or a company of at most 50 staff is small.")
    compact: bool | None = Field(
        None, description="Issue the control procedures in about ten documents, each holding "
        "its member procedures as chapters (templates/bundles.yaml), as suits a small company. "
        "Not given: for a small company as bundles.yaml `small_default` says (yes: "
        "a small company's procedures are bundled unless it says compact: false).")


class Intake(Strict):
    standard: StandardId = Field(
        "gbt29490-2023", description="The standard the package is drafted to (`ipms draft "
        "--standard` overrides it): GB/T 29490-2023, GB/T 29490-2013 or the Beijing local standard.")
    company: Company
    people: People
    org: Organisation
    ip: IpHoldings = Field(default_factory=IpHoldings)
    rd: RandD = Field(default_factory=RandD)
    business: Business = Field(default_factory=Business)
    policy: Policy
    documents: DocumentControl
    certification: Certification | None = Field(
        None, description="Certification scope wording and management systems already in place.")
    budget: Budget | None = None
    package: PackageSize | None = Field(
        None, description="How the package is sized (small: a start-up or ≤ 50 staff by default; "
        "compact: procedures issued in bundles).")

    @field_validator("documents")
    @classmethod
    def _effective_after_founding(cls, documents: DocumentControl, info: ValidationInfo
                                  ) -> DocumentControl:
        company = info.data.get("company")
        if company is not None and documents.effective_date.year < company.founded:
            raise PydanticCustomError(
                "effective_before_founded", "effective_date {date} is before the company was "
                "founded ({founded})", {"date": documents.effective_date.isoformat(),
                                        "founded": company.founded, "at": "effective_date"})
        return documents

    @field_validator("org")
    @classmethod
    def _ip_department_exists(cls, org: Organisation) -> Organisation:
        keys = [d.key for d in org.departments]
        if org.ip_department not in keys:  # said at ip_department's own line (error_loc)
            raise PydanticCustomError(
                "unknown_department", "'{key}' is not one of the department keys ({keys})",
                {"key": org.ip_department, "keys": ", ".join(keys), "at": "ip_department"})
        if org.ip_work_mode == "agency" and not org.agency:
            raise PydanticCustomError(
                "agency_missing", "required when ip_work_mode is 'agency'", {"at": "agency"})
        return org

    @model_validator(mode="after")
    def _qualification_means_classified_work(self) -> "Intake":
        """A company listing a secrecy qualification among its management systems
        (武器装备科研生产单位保密资格, 'weapons and equipment R&D and production secrecy
        qualification') does classified work (business.classified_work)."""
        systems = (self.certification.existing_systems or []) if self.certification else []
        if any(SECRECY_QUALIFICATION.search(s) for s in systems):
            self.business.classified_work = True
        return self

    @model_validator(mode="after")
    def _secrecy_office_holds_secrecy(self) -> "Intake":
        """A department whose name says it runs secrecy (SECRECY_OFFICE: 保密办公室) holds the
        `secrecy` function, which intakes written before the function existed could not name
        (they gave it `admin`): in place of `admin` where another department holds `admin`
        (the general office keeps printing, filing and premises), beside it otherwise. Nothing
        changes when a department already holds `secrecy`."""
        departments = self.org.departments
        if any("secrecy" in d.functions for d in departments):
            return self
        for department in departments:
            if not SECRECY_OFFICE.search(department.name):
                continue
            others = any("admin" in d.functions for d in departments if d is not department)
            department.functions = ["secrecy"] + [
                f for f in department.functions if not (f == "admin" and others)]
        return self

    @model_validator(mode="after")
    def _franchise_from_words(self) -> "Intake":
        """A company whose business model is `franchise`, or whose registered business scope or
        industry names franchising (特许经营, 加盟, franchis…), franchises its brand
        (business.franchising, and so licensing_out) unless the intake says franchising: false."""
        business = self.business
        if "franchising" in business.model_fields_set:
            return self
        words = " ".join([self.company.business_scope or "", self.company.industry or ""])
        if "franchise" in (self.company.business_model or []) or FRANCHISE_WORDS.search(words):
            business.franchising = business.licensing_out = True
        return self

    # -- facts the templates and the coverage report ask for ----------------------------------
    def department(self, key: str) -> Department:
        return next(d for d in self.org.departments if d.key == key)

    def departments_with(self, function: str) -> list[Department]:
        return [d for d in self.org.departments if function in d.functions]

    def document_number(self, kind: str, seq: int) -> str:
        """The number of document `kind` (M, P or R) `seq`, e.g. 'ZH-IPM-P-03'."""
        return numbering.document_number(self.documents.numbering, self.company.short_name,
                                          kind, seq)

    def number_pattern(self):
        """A regex finding every document number this company's scheme makes, written plainly
        or unbreakably (generators.numbering.number_pattern)."""
        return numbering.number_pattern(self.documents.numbering, self.company.short_name)


MAX_PROBLEMS = 30  # listed in one message; the rest are counted
PROBLEM_CHARS = 300  # one problem at most, so that the whole list can be printed


def _short(problem: str) -> str:
    """One problem as the list prints it: at most PROBLEM_CHARS characters (a message echoing a
    huge value is shortened; the list itself never is)."""
    return problem if len(problem) <= PROBLEM_CHARS else problem[:PROBLEM_CHARS - 1] + "…"


def _more(exc: ValidationError, listed: list) -> int:
    """The problems counted, not listed (the '(more)' line's number), 0 when all are listed."""
    more = next((p for p in listed if p.path == "(more)"), None)
    if more is None:
        return 0
    digits = re.search(r"\d+", more.message)
    return int(digits.group()) if digits else 0


def known_keys(loc: tuple) -> list[str]:
    """The keys the intake's mapping at `loc` may have (('company', 'sites', 0) -> name,
    address, activities), [] when `loc` is no mapping of the intake."""
    import typing

    model: object = Intake
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return []
        model = _model_of(fields[part].annotation, typing)
    fields = getattr(model, "model_fields", None)
    return list(fields) if fields else []


def _model_of(annotation, typing) -> object:
    """The pydantic model inside an annotation (Site, list[Site], Site | None), else it."""
    for arg in (annotation, *typing.get_args(annotation)):
        if hasattr(arg, "model_fields"):
            return arg
        for inner in typing.get_args(arg):
            if hasattr(inner, "model_fields"):
                return inner
    return annotation


def _location(error: dict) -> str:
    return field_path(error_loc(error))


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "must be an integer"
    if kind == "greater_than_equal":
        prefix = "must be an integer" if isinstance(error.get("input"), int) else "must be"
        return f"{prefix} ≥ {error['ctx']['ge']}"
    if kind == "less_than_equal":
        return f"must be ≤ {error['ctx']['le']}"
    return message(error, "en")


def validation_problems(exc: ValidationError) -> list[str]:
    """Every problem as 'field.path: what is wrong' (at most MAX_PROBLEMS, then a count)."""
    errors = exc.errors()
    problems = [f"{_location(error)}: {_message(error)}" for error in errors[:MAX_PROBLEMS]]
    if len(errors) > MAX_PROBLEMS:
        problems.append(f"(more): {count(len(errors) - MAX_PROBLEMS, 'more problem')} not "
                        "listed")
    return problems


def _validate(data: dict) -> Intake:
    try:
        return Intake.model_validate(data)
    except RecursionError:
        raise UnreadableIntake("nested too deeply") from None


def intake_problems(text: str) -> list[str]:
    """Every problem of a questionnaire's text as 'field.path: what is wrong' ('(file): …' when
    it cannot be read at all); [] when it is valid. The web app's Draft tab shows these."""
    try:
        _validate(read_mapping(text))
    except UnreadableIntake as exc:
        return [f"(file): {exc.phrase}"]
    except ValidationError as exc:
        return validation_problems(exc)
    return []


def parse_intake(text: str, name: str = "intake") -> Intake:
    """The validated questionnaire from its YAML text; every problem in one IpmsError naming
    `name` (the file's name), on one line, in the intake's language with YAML lines."""
    return check_intake(text, name, warnings=False)[0]


def check_intake(text: str, name: str = "intake", warnings: bool = True
                 ) -> tuple[Intake, IntakeReport]:
    """The validated questionnaire and its report (language; warnings: the 调查诊断 facts it
    still lacks). Raises IpmsError, one line, listing every problem in the intake's language,
    each as 'line N, field.path[1]: what is wrong'."""
    try:
        data = read_mapping(text)
    except UnreadableIntake as exc:
        raise IpmsError(_unreadable(name, exc, text_language(text))) from None
    lang = intake_language(data)
    if not _company_name(data):  # nothing to tell the language by but the text
        lang = text_language(text)
    try:
        intake = _validate(data)
    except UnreadableIntake as exc:
        raise IpmsError(_unreadable(name, exc, lang)) from None
    except ValidationError as exc:
        listed = error_problems(exc, compose(text), lang, MAX_PROBLEMS, known=known_keys)
        problems = [_short(p.text(lang)) for p in listed]
        errors = len([p for p in listed if p.path != "(more)"]) + _more(exc, listed)
        head = (f"{name} 有 {errors} 个问题：" if lang == "zh"
                else f"{name} has {count(errors, 'problem')}: ")
        raise ListedProblems(head + ("；" if lang == "zh" else "; ").join(problems),
                             head.rstrip(), tuple(problems)) from None
    root = compose(text) if warnings else None
    queries = query_warnings(intake, root, lang) if warnings else []
    report = IntakeReport(lang, [], queries + missing_facts(
        intake, root, lang, frozenset(q.path for q in queries)) if warnings else [])
    return intake, report


def query_warnings(intake: Intake, root=None, lang: str = "zh") -> list[Problem]:
    """The intake check's warnings about facts that are valid but that a consultant would query
    (one person in two roles meant for two, an internal auditor who would audit his own
    department, a dispute over a right not held, R&D partners and modes that disagree, a testing
    company's department given production, a business model given only as other, values not in
    the intake's language), in `lang`;
    `root` is the YAML node tree for their lines (None: no lines). `ipms draft` prints them and
    coverage.md lists them; the 调查诊断 facts still missing are intake_report.missing_facts. A retention period naming no record form
    (generators.retention.retention_problems) is one too."""
    from generators.retention import retention_problems  # it reads the forms: templates_io
    # imports this module
    return (query_facts(intake, root, lang)
            + auditor_problems(intake, root, lang)
            + dispute_problems(intake, root, lang)
            + rd_problems(intake, root, lang)
            + function_problems(intake, root, lang)
            + model_problems(intake, root, lang)
            + numbering_problems(intake, root, lang)
            + works_problems(intake, root, lang)
            + business_problems(intake, root, lang)
            + group_problems(intake, root, lang)
            + group_mark_problems(intake, root, lang)
            + ownership_problems(intake, root, lang)
            + parent_problems(intake, root, lang)
            + rights_problems(intake, root, lang)
            + grade_problems(intake, root, lang)
            + retention_problems(intake, root, lang)
            + language_problems(intake, root, lang))


def _company_name(data: dict) -> str:
    company = data.get("company")
    return str(company.get("name") or "").strip() if isinstance(company, dict) else ""


def _unreadable(name: str, exc: UnreadableIntake, lang: str) -> str:
    """One line for a questionnaire YAML cannot read, in the intake's language: the field and
    its line when the value is known ('date.yaml 有 1 个问题：第 88 行 documents.effective_date：
    不是有效的值（月份应为 1 至 12）'), else the reason, the line and the cause when known
    ('a.yaml：不是有效的 YAML（第 12 行）：“staff”后的冒号是全角“：”——…')."""
    zh = lang == "zh"
    line = int(exc.line.strip(" ()").removeprefix("line ")) if exc.line else None
    if not exc.path:
        cause = exc.cause[1 if zh else 0]
        if zh:
            return (f"{name}：{exc.zh or exc.phrase}" + (f"（第 {line} 行）" if line else "")
                    + (f"：{cause}" if cause else ""))
        return f"{name}: {exc.phrase}{exc.line}" + (f": {cause}" if cause else "")
    text = exc.zh if zh else exc.phrase
    problem = Problem(exc.path, line, text.split("：" if zh else ": ", 1)[1])
    head = f"{name} 有 1 个问题：" if zh else f"{name} has 1 problem: "
    return head + problem.text(lang)


def _read_text(path: Path) -> str:
    """The file's text (UTF-8, at most MAX_INTAKE_BYTES); IpmsError, one line, otherwise, in
    the intake's language when its bytes tell it (_file_language)."""
    try:
        if path.is_dir():
            raise IpmsError(f"{path} is a folder, not a file (give the questionnaire's "
                           "file)")
        size = path.stat().st_size
        if not path.is_file():
            raise IpmsError(f"{path} is not a file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_INTAKE_BYTES + 1)
    except FileNotFoundError:
        raise IpmsError(f"file not found: {path}") from None
    except OSError as exc:
        raise IpmsError(f"cannot read {path}: {exc.strerror or exc.__class__.__name__}") from None
    if size > MAX_INTAKE_BYTES or len(raw) > MAX_INTAKE_BYTES:  # (it grew after stat, a pipe)
        limit = MAX_INTAKE_BYTES // 1024
        raise IpmsError(f"{path.name}：大于 {limit} KB，信息采集表不会这么大（是否选错了文件？）"
                        if _file_language(raw)[0] == "zh" else
                        f"{path.name}: larger than {limit} KB, which no questionnaire needs")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        lang, encoding = _file_language(raw)
        if lang == "zh":
            seems = f"（看来是 {encoding} 编码）" if encoding else ""
            raise IpmsError(f"{path.name}：不是 UTF-8 编码的文本{seems}——请将信息采集表另存为 "
                            "UTF-8") from None
        seems = f" (it looks like {encoding})" if encoding else ""
        raise IpmsError(f"{path.name}: not UTF-8 text{seems} (save the questionnaire as "
                        "UTF-8)") from None


def _file_language(raw: bytes) -> tuple[str, str]:
    """('zh' or 'en', the encoding the bytes seem to be in when not UTF-8: 'UTF-16', 'GBK' or
    '') of a questionnaire file's first bytes, by intake_syntax.guess_language."""
    head = raw[:64 * 1024]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return guess_language(head.decode("utf-16", "ignore")), "UTF-16"
    try:
        text, encoding = head.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the 64 KB boundary
            text, encoding = head[:exc.start].decode("utf-8"), ""
        else:
            try:
                text, encoding = head.decode("gb18030"), "GBK"
            except UnicodeDecodeError:
                return "en", ""
            if guess_language(text) != "zh" or any(  # binary data that happens to decode
                    ch < " " and ch not in "\t\r\n" for ch in text[:4096]):
                return "en", ""
    return guess_language(text), encoding


def load_intake(path: Path) -> Intake:
    """Read and validate a questionnaire file (UTF-8, at most MAX_INTAKE_BYTES); every problem
    is listed in one IpmsError."""
    return parse_intake(_read_text(path), path.name)


def load_intake_report(path: Path) -> tuple[Intake, IntakeReport]:
    """`load_intake` and the report of check_intake (language, warnings)."""
    return check_intake(_read_text(path), path.name)
