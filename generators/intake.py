"""The intake questionnaire: the company facts the implementation documents need.

A consultant fills it in once (`ipms intake template > intake.yaml`), checks it
(`ipms intake check intake.yaml`) and drafts the package from it (`ipms draft`). Templates refer to
these fields by path, e.g. {{ company.name }} or {{ people.ip_representative.name }};
tests/test_generators.py checks that every path a template uses exists here.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.errors import IpmsError

Stage = Literal["start-up", "pilot", "demonstration"]
IpWorkMode = Literal["department", "part-time", "agency"]
RevenueBand = Literal["<10M", "10M-50M", "50M-200M", "200M-1B", ">1B"]
RdMode = Literal["in-house", "university", "commissioned", "joint-enterprise"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Person(Strict):
    name: str = Field(min_length=1, description="Full name.")
    title: str = Field(min_length=1, description="Job title, e.g. 总经理 / General Manager.")


class Department(Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$",
                     description="Short id used in the responsibility matrix, e.g. rd, legal.")
    name: str = Field(min_length=1, description="Department name as the company writes it.")
    head: str = Field(min_length=1, description="Name of the person who leads it.")
    functions: list[Literal["management", "ip", "rd", "legal", "hr", "finance", "purchasing",
                            "production", "sales", "marketing", "it", "admin", "quality"]] = Field(
        min_length=1, description="What it does; decides which clauses it leads or assists.")


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


class People(Strict):
    top_manager: Person
    ip_representative: Person = Field(description="IP management representative (管理者代表).")
    ip_staff: list[Person] = Field(default_factory=list, description="Full- or part-time IP staff.")


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
        return value


class Patents(Strict):
    invention: int = Field(0, ge=0)
    utility_model: int = Field(0, ge=0)
    design: int = Field(0, ge=0)
    pending: int = Field(0, ge=0, description="Applications not yet granted.")
    foreign: int = Field(0, ge=0, description="Patents or applications abroad.")


class IpHoldings(Strict):
    patents: Patents = Field(default_factory=Patents)
    trademarks: int = Field(0, ge=0)
    software_copyrights: int = Field(0, ge=0)
    layout_designs: int = Field(0, ge=0, description="Integrated-circuit layout designs.")
    trade_secrets: bool = Field(False, description="Does the company hold trade secrets / know-how?")
    trade_secret_examples: list[str] = Field(default_factory=list)


class RandD(Strict):
    modes: list[RdMode] = Field(min_length=1)
    partners: list[str] = Field(default_factory=list, description="Universities, institutes, firms.")


class Business(Strict):
    export_markets: list[str] = Field(default_factory=list, description="Empty: no export business.")
    licensing_out: bool = Field(False, description="Does it license or transfer IP to others?")
    financing_plans: bool = Field(False, description="IP pledge, IP-for-equity or securitisation planned?")
    ma_plans: bool = Field(False, description="Mergers or acquisitions planned?")
    alliances: bool = Field(False, description="Member of (or forming) a patent/IP alliance?")


class Policy(Strict):
    statement: str = Field(min_length=4, description="The IP management policy in one line.")
    objectives: list[str] = Field(min_length=1, description="Measurable IP objectives.")


class DocumentControl(Strict):
    numbering: str = Field(
        "{short}-IPM-{kind}-{seq:02d}",
        description="Pattern for document numbers; {short}=company.short_name, {kind}=M/P/R.")
    version: str = Field("A/0", min_length=1)
    effective_date: dt.date
    confidentiality_levels: list[str] = Field(min_length=1)
    drafted_by: str = Field(min_length=1)
    reviewed_by: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)

    @field_validator("numbering")
    @classmethod
    def _numbering_fields(cls, value: str) -> str:
        try:
            value.format(short="X", kind="P", seq=1)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"may only use {{short}}, {{kind}} and {{seq}}: {exc}") from None
        return value


class Intake(Strict):
    company: Company
    people: People
    org: Organisation
    ip: IpHoldings = Field(default_factory=IpHoldings)
    rd: RandD
    business: Business = Field(default_factory=Business)
    policy: Policy
    documents: DocumentControl

    @field_validator("org")
    @classmethod
    def _ip_department_exists(cls, org: Organisation) -> Organisation:
        if org.ip_department not in {d.key for d in org.departments}:
            raise ValueError(f"ip_department '{org.ip_department}' is not one of the departments")
        if org.ip_work_mode == "agency" and not org.agency:
            raise ValueError("agency: required when ip_work_mode is 'agency'")
        return org

    # -- facts the templates and the coverage report ask for ----------------------------------
    def department(self, key: str) -> Department:
        return next(d for d in self.org.departments if d.key == key)

    def departments_with(self, function: str) -> list[Department]:
        return [d for d in self.org.departments if function in d.functions]

    def document_number(self, kind: str, seq: int) -> str:
        return self.documents.numbering.format(short=self.company.short_name, kind=kind, seq=seq)


def _location(error: dict) -> str:
    return ".".join(str(part) for part in error["loc"]) or "(top level)"


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
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']}"
    return error["msg"].removeprefix("Value error, ")


def validation_problems(exc: ValidationError) -> list[str]:
    """Every problem as 'field.path: what is wrong'."""
    return [f"{_location(error)}: {_message(error)}" for error in exc.errors()]


def load_intake(path: Path) -> Intake:
    """Read and validate a questionnaire; every problem is listed in one IpmsError."""
    import yaml

    if not path.exists():
        raise IpmsError(f"file not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 1})" if where is not None else ""
        raise IpmsError(f"{path.name} is not valid YAML{line}") from None
    if not isinstance(data, dict):
        raise IpmsError(f"{path.name}: expected a mapping of sections (company, people, ...)")
    try:
        return Intake.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc)
        raise IpmsError(f"{path.name} has {len(problems)} problem(s): " + "; ".join(problems)) from None
