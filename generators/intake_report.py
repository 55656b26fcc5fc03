"""What `ipms intake check` and `ipms draft` say about a questionnaire: its problems (errors) and
the 调查诊断 facts still to collect (warnings), in the intake's own language, each with the
field's path (list positions counted from 1) and the YAML line it is on.

The intake's language is Chinese when its company name holds a CJK character, else English.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from pydantic import ValidationError

from generators.intake_facts import FINANCING, VOCABULARIES, names_ml
from generators.intake_syntax import guess_language
from generators.intake_yaml import IntakeLoader

_CJK = ("\u4e00", "\u9fff")

_PHRASES: dict[str, tuple[str, str]] = {  # pydantic error type -> (zh, en); {…} from its ctx
    "missing": ("必填项，缺失", "required"),
    "extra_forbidden": ("未知字段（请检查拼写）", "unknown key (check the spelling)"),
    "int_parsing": ("必须是整数", "must be an integer"),
    "int_type": ("必须是整数", "must be an integer"),
    "int_from_float": ("必须是整数", "must be an integer"),
    "greater_than_equal": ("必须 ≥ {ge}", "must be ≥ {ge}"),
    "less_than_equal": ("必须 ≤ {le}", "must be ≤ {le}"),
    "string_too_short": ("至少 {min_length} 个字符", "at least {min_length} characters"),
    "string_type": ("必须是文字", "must be text"),
    "string_pattern_mismatch": ("格式不符合要求（小写英文字母、数字、下划线）",
                                "use lower-case letters, digits and _"),
    "too_short": ("至少需要 {min_length} 项", "needs at least {min_length} {items}"),
    "bool_parsing": ("必须是 true 或 false", "must be true or false"),
    "bool_type": ("必须是 true 或 false", "must be true or false"),
    "date_parsing": ("必须是日期（如 2026-01-31）", "must be a date (e.g. 2026-01-31)"),
    "date_type": ("必须是日期（如 2026-01-31）", "must be a date (e.g. 2026-01-31)"),
    "list_type": ("必须是列表（每项以 - 开头）", "must be a list (items start with -)"),
    "dict_type": ("必须是字段映射", "must be a mapping of fields"),
    "model_type": ("必须是字段映射", "must be a mapping of fields"),
    "model_attributes_type": ("必须是字段映射", "must be a mapping of fields"),
    "float_parsing": ("必须是数字", "must be a number"),
    "rd_above_staff": ("为 {rd_staff}，超过员工总数 staff（{staff}）",
                       "is {rd_staff}, more than staff ({staff})"),
    "founded_future": ("{founded} 年在未来（今年是 {year} 年）", "{founded} is in the future (it is {year})"),
    "effective_before_founded": ("生效日期 {date} 早于公司成立年份（{founded}）",
                                 "effective_date {date} is before the company was founded ({founded})"),
    "credit_code": ("不是有效的统一社会信用代码（GB 32100-2015）：{problem}",
                    "not a valid unified social credit code (GB 32100-2015): {problem}"),
    "retention": ("{kind}：{years} 年，应为 1 至 100 年", "{kind}: {years} years; give 1 to 100"),
    "department_name_twice": ("与第 {first} 个部门同名（{name}），部门名称不得重复",
                              "department {index} is named {name}, as department {first} is"),
    "unknown_department": ("“{key}”不是已列出的部门 key（{keys}）",
                           "'{key}' is not one of the department keys ({keys})"),
    "agency_missing": ("ip_work_mode 为 agency（委托服务机构）时必须填写服务机构名称",
                       "required when ip_work_mode is 'agency' (name the outside IP agency)"),
}
_VALUE = ("取值无效：{message}", "{message}")
_USCC_ZH = (  # generators.intake_facts.uscc_problem's phrases -> Chinese
    (r"^has (\d+) characters, a unified social credit code has 18$", r"共 \1 位，应为 18 位"),
    (r"^holds '(.)', which no unified social credit code uses$", r"含有代码不使用的字符“\1”"),
    (r"^characters 3-8 \(the administrative division\) must be digits$",
     "第 3-8 位（登记管理机关行政区划码）应为数字"),
    (r"^check character is (.), the first 17 characters give (.)$",
     r"校验码为 \1，按前 17 位计算应为 \2"),
)
_VALUE_ZH = (  # our own validators' English messages -> Chinese
    (r"must not contain control characters \((U\+[0-9A-F]+)\)", r"不得包含控制字符（\1）"),
    (r"at most (\d+) characters", r"最多 \1 个字符"),
    (r"department keys used twice: (.*)", r"部门 key 重复：\1"),
    (r"use at most (\d+) letters, digits and - _ & \+ \. \(it goes into every document "
     r"number\), e\.g\. ZH or 智衡", r"最多 \1 个字母、数字及 - _ & + .（用于每个文件编号），如 ZH 或 智衡"),
    # generators.numbering.check_scheme's reasons (documents.numbering)
    (r"may only use \{short\}, \{kind\} and \{seq\}, not (.*)",
     r"只能使用 {short}、{kind} 和 {seq}，不能使用 \1"),
    (r"(\{.*\}): conversions are not allowed", r"\1：不允许使用转换"),
    (r"(\{.*\}): only a fill, an alignment, zero padding and a width are allowed",
     r"\1：只允许填充字符、对齐、补零和宽度"),
    (r"(\{.*\}): width at most (\d+)", r"\1：宽度最多为 \2"),
    (r"(\{.*\}): type '(.*)' does not fit (\{.*\})", r"\1：类型“\2”不适用于 \3"),
    (r"must not contain control or invisible characters", "不得包含控制字符或不可见字符"),
    (r"unbalanced braces \(write \{\{ and \}\} for literal braces\)",
     "花括号不成对（字面的花括号请写作 {{ 和 }}）"),
    (r"must contain \{kind\} and \{seq\}, so that every document gets its own number",
     "必须包含 {kind} 和 {seq}，使每个文件都有自己的编号"),
    (r"cannot be applied: (.*)", r"无法套用：\1"),
    (r"makes numbers longer than (\d+) characters", r"生成的编号超过 \1 个字符"),
    (r"gives two documents the same number \((.*)\)", r"使两个文件编号相同（\1）"),
)

# Facts a consultant collects in 调查诊断 and an intake may still lack: (path, zh, en)
WANTED: tuple[tuple[str, str, str], ...] = (
    ("company.credit_code", "统一社会信用代码", "unified social credit code"),
    ("company.legal_representative", "法定代表人", "legal representative"),
    ("company.sites", "经营场所（办公、生产、研发地点）", "sites (offices, plants, labs)"),
    ("company.business_model", "经营模式（生产制造/软件/互联网服务/研发服务/贸易/生命科学）",
     "business model (manufacturing / software / internet services / R&D services / trading / "
     "life sciences)"),
    ("business.export_mode", "出口方式（货物/服务/在线；无出口写 []）",
     "export mode (goods / services / online; [] for none)"),
    ("certification.scope", "认证范围表述", "certification scope wording"),
    ("certification.existing_systems", "已有管理体系（ISO 9001/27001 等；没有则写 []）",
     "existing management systems (ISO 9001/27001 …; [] for none)"),
    ("ip.licences_in", "许可引进的知识产权（没有则写 []）", "IP licensed in ([] for none)"),
    ("ip.open_source", "开源软件使用情况", "open-source use"),
    ("ip.domain_names", "域名（没有则写 []）", "domain names ([] for none)"),
    ("ip.disputes", "以往知识产权纠纷（没有则写 []）", "past IP disputes ([] for none)"),
    ("documents.approvals", "各类文件的审核、批准权限", "approval authority per document type"),
    ("people.internal_auditors", "内审员", "internal auditors"),
    ("org.departments[].ip_liaison", "各部门知识产权联络员", "each department's IP liaison"),
    ("rd.records", "研发记录方式（实验记录本/Git/Jira/ELN 等）",
     "how R&D is recorded (lab notebooks / Git / Jira / ELN …)"),
    ("documents.retention_years", "记录保存期限", "record retention periods"),
    ("budget", "知识产权经费预算", "IP budget"),
)


def _brand_goods(intake) -> bool:
    """Whether the company sells goods under a brand that could be franchised to outlets (a
    manufacturer or trader; medicines and medical devices are not franchised)."""
    models = set(intake.company.business_model or [])
    return bool(GOODS_MODELS & models) and "life-sciences" not in models


# Yes/no facts added after intakes were first written: absent means "not collected" (the
# package treats it as no), a warning where the fact matters for this company (`when`); an
# explicit false is a collected answer. (path, zh, en, when)
GOODS_MODELS = frozenset(("manufacturing", "trading"))  # brands franchised to outlets
WANTED_FLAGS: tuple[tuple[str, str, str, object], ...] = (
    ("business.user_content", "产品或网站是否存储、展示用户上传或创作的内容（是/否）",
     "whether its products or websites host content users upload or create (true/false)",
     lambda i: "internet-services" in (i.company.business_model or [])
     or "online" in (i.business.export_mode or [])),
    ("ip.models", "训练或微调的模型（没有则写 []）", "models it trains or fine-tunes ([] for none)",
     lambda i: _speaks_of_ml(i)),
    ("ip.datasets", "训练和评估所用的数据集及其来源、允许的用途（没有则写 []）",
     "datasets for training and evaluation, their sources and permitted use ([] for none)",
     lambda i: _speaks_of_ml(i)),
    ("business.algorithm_filing", "须办理算法备案的算法服务（没有则写 []）",
     "algorithm services that need filing ([] for none)", lambda i: _speaks_of_ml(i)),
    ("business.customer_data", "是否按合同处理客户的数据（是/否）",
     "whether it processes customers' data under contract (true/false)",
     lambda i: _speaks_of_ml(i)),
    # rights shared with partners or pledged (generators/intake_rights.py): asked of a company
    # working with universities or other enterprises, or planning IP financing
    ("ip.co_owned", "与高校或合作方共有的知识产权及共有协议（没有则写 []）",
     "rights co-owned with universities or partners, and their agreement ([] for none)",
     lambda i: bool({"university", "joint-enterprise"} & set(i.rd.modes))),
    ("ip.pledges", "已出质的知识产权（质权人、金额、期限、登记；没有则写 []）",
     "rights pledged (pledgee, amount, term, registration; [] for none)",
     lambda i: bool(i.business.financing_plans) or bool(FINANCING.search(
         " ".join([i.policy.statement or "", *i.policy.objectives])))),
    # trade partners handling its goods and marks (generators/trade_partners.py): asked of a
    # company exporting goods (distributors abroad) and of one making or selling goods (contract
    # manufacturers); read from its words until it answers
    ("business.distributors_abroad", "是否通过境外经销商或代理商销售（是/否，或列出经销商名称）",
     "whether it sells abroad through distributors or agents (true/false, or their names)",
     lambda i: _exports_goods(i)),
    ("business.contract_manufacturers", "自有产品是否由代工厂委托加工（是/否，或列出代工厂名称）",
     "whether contract manufacturers make its own products (true/false, or their names)",
     lambda i: _makes_goods(i)),
    ("business.franchising", "是否以特许经营（加盟）方式许可品牌（是/否）",
     "whether it franchises its brand (true/false)",
     lambda i: i.business.licensing_out and _brand_goods(i)),
)


# business models whose company makes or sells goods others may make for it (company_kind's
# physical goods but farming, whose growers are asked for apart)
_GOODS_MODELS = {"manufacturing", "life-sciences", "trading"}


def _makes_goods(intake) -> bool:
    """Whether the company makes or sells goods (its business model: _GOODS_MODELS)."""
    return bool(_GOODS_MODELS & set(intake.company.business_model or []))


def _exports_goods(intake) -> bool:
    """Whether it sells goods abroad: export markets, and goods among its export modes (or no
    modes given and a company of goods, as company_kind reads export.goods)."""
    modes = intake.business.export_mode
    return bool(intake.business.export_markets) and (
        "goods" in (modes or []) or (modes is None and _makes_goods(intake)))


def _speaks_of_ml(intake) -> bool:
    """Whether the intake speaks of machine-learning work (intake_facts.names_ml) or gives one
    of the facts on it: the others are then asked for too. Processing customers' data alone
    (business.customer_data: an electronics maker's customer drawings, a lab's test data) is no
    machine-learning work: it asks for no models, datasets or algorithm filing."""
    ip, business = intake.ip, intake.business
    return names_ml(intake) or bool(ip.models or ip.datasets or business.algorithm_filing)


def count(n: int, noun: str) -> str:
    """'1 problem', '2 problems' (English nouns that take -s)."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class Problem:
    """One finding: the field's path (positions from 1), its 1-based YAML line (None: unknown),
    the message in the intake's language and, for a warning that may come many times over, its
    kind ('language': an answer in the other language; '' for the others)."""

    path: str
    line: int | None
    message: str
    kind: str = ""

    def text(self, lang: str) -> str:
        where = self.path if self.line is None else (
            f"第 {self.line} 行 {self.path}" if lang == "zh" else f"line {self.line}, {self.path}")
        return f"{where}{'：' if lang == 'zh' else ': '}{self.message}"


@dataclass
class IntakeReport:
    language: str
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def intake_language(data: object) -> str:
    """'zh' when the company's name holds a Chinese character, else 'en'."""
    name = data.get("company", {}).get("name", "") if isinstance(data, dict) and isinstance(
        data.get("company"), dict) else ""
    return "zh" if any(_CJK[0] <= ch <= _CJK[1] for ch in str(name)) else "en"


def facts_language(facts) -> str:
    """The language of a loaded intake (generators.intake.Intake): intake_language of its
    company's name. `ipms draft` and `ipms transition` write in it unless told --lang."""
    return intake_language({"company": {"name": facts.company.name}})


def text_language(text: str) -> str:
    """intake_language of a questionnaire's YAML text read without constructing values (so a
    file whose date cannot exist still has a language): 'zh' or 'en'. A text that is not YAML,
    or gives no company name, is 'zh' when it holds Chinese (intake_syntax.guess_language)."""
    root = compose(text)
    if root is None:
        return guess_language(text)
    name = ""
    if isinstance(root, yaml.MappingNode):
        company = next((v for k, v in root.value if k.value == "company"), None)
        if isinstance(company, yaml.MappingNode):
            name = next((v.value for k, v in company.value
                         if k.value == "name" and isinstance(v, yaml.ScalarNode)), "")
    if not str(name).strip():
        return guess_language(text)
    return intake_language({"company": {"name": name}})


def field_path(loc: tuple) -> str:
    """pydantic's location as a path with 1-based list positions: org.departments[4].functions[1]."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            shown = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in str(part))
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            out += ("." if out else "") + shown
    return out or "(top level)"


def _choices(expected: str, lang: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as 'a / b / c', with the Chinese words in Chinese."""
    values = [v.strip().strip("'") for v in expected.replace(" or ", ", ").split(", ")]
    if lang == "zh":
        for vocabulary in VOCABULARIES.values():
            if set(values) <= set(vocabulary):
                return " / ".join(f"{vocabulary[v][0]}（{v}）" for v in values)
    return " / ".join(values)


def message(error: dict, lang: str) -> str:
    """One pydantic error in `lang`, without pydantic's own wording where we know the kind."""
    kind, pick = error["type"], (1 if lang == "en" else 0)
    if kind == "literal_error":
        head = "必须是以下之一：" if lang == "zh" else "must be one of "
        return head + _choices(str(error.get("ctx", {}).get("expected", "")), lang)
    if kind == "greater_than_equal" and isinstance(error.get("input"), int):
        ge = error.get("ctx", {}).get("ge")
        return f"必须是 ≥ {ge} 的整数" if lang == "zh" else f"must be an integer ≥ {ge}"
    if kind == "value_error" and lang == "zh":
        text = str(error.get("msg", "")).removeprefix("Value error, ")
        for pattern, zh in _VALUE_ZH:
            if re.fullmatch(pattern, text):
                return re.sub(pattern, zh, text)
    if kind == "credit_code" and lang == "zh":
        problem = str(error.get("ctx", {}).get("problem", ""))
        for pattern, zh in _USCC_ZH:
            problem = re.sub(pattern, zh, problem)
        return _PHRASES[kind][0].format(problem=problem)
    if kind in _PHRASES:
        ctx = dict(error.get("ctx", {}))
        if kind == "too_short":
            ctx["items"] = "item" if ctx.get("min_length") == 1 else "items"
        try:
            return _PHRASES[kind][pick].format(**ctx)
        except (KeyError, IndexError, ValueError):
            pass
    return _VALUE[pick].format(message=str(error.get("msg", "")).removeprefix("Value error, "))


def _line(root, loc: tuple) -> int | None:
    """The 1-based line of the key (or item) at `loc`, or of the deepest part that exists; None
    for a section missing from the file (no line holds it: the tryout's truncated file was told
    "第 2 行 org：必填项，缺失", line 2 being another key), the document's first line when the
    file is no mapping of sections."""
    node, line = root, None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    if line is not None or root is None or isinstance(root, yaml.MappingNode):
        return line
    return root.start_mark.line + 1


def compose(text: str):
    """The YAML node tree of `text` as an intake is read (generators.intake_yaml: a list item
    split at a comma inside brackets joined again), None when it cannot be composed."""
    try:
        return yaml.compose(text.removeprefix("\ufeff"), Loader=IntakeLoader)
    except (yaml.YAMLError, RecursionError):
        return None


def error_loc(error: dict) -> tuple:
    """The error's location; a repeated department name points at the repeating department's
    name (its YAML line), not at the whole list; an error a section's validator raises about
    one of its fields (its context's `at`, e.g. 'ip_department') points at that field."""
    loc = tuple(error["loc"])
    if error["type"] == "department_name_twice":
        loc += (error["ctx"]["index"] - 1, "name")
    at = (error.get("ctx") or {}).get("at")
    if isinstance(at, str) and at:
        loc += tuple(at.split("."))
    return loc


def error_problems(exc: ValidationError, root, lang: str, limit: int,
                   known=None) -> list[Problem]:
    """The validation errors as Problems (at most `limit`, then one counting the rest). Unknown
    keys say what they are (unknown_key_message, with `known`: loc -> the keys a mapping there
    may have); the keys of one {…} that a value with ', ' in it was split into are one problem
    naming the value to quote (split_flow_value)."""
    errors, out, done = exc.errors(), [], set()
    for e in errors:
        loc = error_loc(e)
        if e["type"] == "extra_forbidden":
            split = split_flow_value(root, loc)
            if split is not None:
                if split[0] not in done:
                    done.add(split[0])
                    out.append(Problem(field_path(split[0]), _line(root, split[0]),
                                       _SPLIT[lang == "en"].format(field=split[0][-1],
                                                                   value=split[1])))
                continue
            out.append(Problem(field_path(loc), _line(root, loc),
                               unknown_key_message(loc, known, lang)))
            continue
        out.append(Problem(field_path(loc), _line(root, loc), message(e, lang)))
    if len(out) > limit:
        rest = len(out) - limit
        out = out[:limit] + [Problem("(more)", None, f"另有 {rest} 个问题未列出" if lang == "zh"
                                     else f"{count(rest, 'more problem')} not listed")]
    return out


_SPLIT = ("{field} 的值含有逗号加空格（“, ”），在 {{…}} 中被拆成了多个字段：请给该值加引号，"
          "如 {field}: \"{value}\"",
          "the value of {field} contains ', ' inside {{…}}, which splits it into keys: put the "
          "value in quotes, e.g. {field}: \"{value}\"")
_UNKNOWN = ("不是信息采集表的字段；补充说明请写成以 # 开头的注释（不被读取），或写入相近字段的值中",
            "is not a field the intake has; write notes as comments starting with # (they are "
            "not read), or in the value of the field they belong to")
_NEAR = ("未知字段，是否应为 {near}？", "unknown key; did you mean {near}?")


def unknown_key_message(loc: tuple, known, lang: str) -> str:
    """An unknown key's message: the known key it is a misspelling of ('did you mean
    founded?'), or, near none, that the intake has no such field and where free notes go
    (never 'check the spelling' for a key like company.parent that is spelt right)."""
    import difflib

    keys = list(known(loc[:-1])) if known is not None else []
    if not keys:
        return _PHRASES["extra_forbidden"][lang == "en"]
    key = str(loc[-1])
    near = difflib.get_close_matches(key.lower(), keys, n=1, cutoff=0.75)
    if near:
        return _NEAR[lang == "en"].format(near=near[0])
    return _UNKNOWN[lang == "en"]


def split_flow_value(root, loc: tuple) -> tuple[tuple, str] | None:
    """(the field's loc, its whole value) when the unknown key at `loc` is a piece of a value
    that a ', ' split inside a {…} mapping ('{…, activities: management, R&D, testing}': YAML
    reads R&D and testing as keys without values): the key before the first such empty key is
    the field, its value and the pieces joined with ', ' the value meant; None otherwise."""
    node = root
    for part in loc[:-1]:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return None
    if not isinstance(node, yaml.MappingNode) or not node.flow_style:
        return None
    pairs = node.value
    index = next((i for i, (k, _) in enumerate(pairs) if k.value == str(loc[-1])), None)
    if index is None or not _empty(pairs[index][1]):
        return None
    start = index
    while start > 0 and _empty(pairs[start - 1][1]) and start - 1 > 0:
        start -= 1
    if start == 0 or not isinstance(pairs[start - 1][1], yaml.ScalarNode):
        return None
    field_key, value = pairs[start - 1]
    pieces = [value.value]
    for key, val in pairs[start:]:
        if not _empty(val):
            break
        pieces.append(key.value)
    return (*loc[:-1], field_key.value), ", ".join(pieces)


def _empty(node) -> bool:
    """A key without a value ({a, b}: b's value is an empty plain scalar)."""
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.style is None


def _missing(intake, path: str) -> bool:
    if path == "org.departments[].ip_liaison":
        return any(d.ip_liaison is None for d in intake.org.departments)
    node = intake
    for part in path.split("."):
        node = getattr(node, part, None)
        if node is None:
            return True
    return False


def _uncollected(intake, path: str) -> bool:
    """Whether the yes/no fact at `path` is absent from the intake (not an explicit false)."""
    section, fact = path.split(".")
    return fact not in getattr(intake, section).model_fields_set


def missing_facts(intake, root, lang: str, known: frozenset[str] = frozenset()) -> list[Problem]:
    """The 调查诊断 facts `intake` does not give yet, as warnings (line: the section's), the
    yes/no facts of WANTED_FLAGS among them where they matter; a path in `known` (already
    warned about by the intake's cross-checks) is not warned about twice."""
    out = []
    wanted = [*WANTED, *((path, zh, en) for path, zh, en, when in WANTED_FLAGS
                         if path not in known and _uncollected(intake, path) and when(intake))]
    for path, zh, en in wanted:
        flag = any(path == p for p, *_ in WANTED_FLAGS)
        if not (flag or _missing(intake, path)) or (path == "rd.records" and not intake.rd.modes):
            continue  # (no R&D of its own: nothing is recorded)
        section = path.split(".")[0]
        if path == "org.departments[].ip_liaison":
            lacking = [str(i + 1) for i, d in enumerate(intake.org.departments)
                       if d.ip_liaison is None]
            shown = f"org.departments[{', '.join(lacking)}].ip_liaison"
        else:
            shown = path
        text = (f"尚未填写{zh}——调查诊断时请收集" if lang == "zh"
                else f"not given yet: {en} — collect it in the diagnosis (调查诊断)")
        present = isinstance(root, yaml.MappingNode) and any(
            k.value == section for k, _ in root.value)
        out.append(Problem(shown, _line(root, (section,)) if present else None, text))
    return out


def query_facts(intake, root, lang: str) -> list[Problem]:
    """Facts that are valid but that a consultant would query, as warnings: the same person
    drafting and reviewing (documents.drafted_by/reviewed_by) or reviewing and approving a type
    of document (documents.reviewed_by/approved_by, the manual's cover block, and each of
    documents.approvals), and the IP management representative being the top manager (the top
    manager appoints the representative)."""
    out = []
    people = intake.people
    if people.ip_representative.name == people.top_manager.name:
        name = people.top_manager.name
        out.append(Problem("people.ip_representative", _line(root, ("people", "ip_representative")),
                           f"管理者代表与最高管理者是同一人（{name}）——最高管理者任命管理者代表，"
                           "请确认是否另任他人" if lang == "zh" else
                           f"the IP management representative is the top manager ({name}) — the "
                           "top manager appoints the representative; confirm or name another"))
    documents = intake.documents
    if documents.drafted_by == documents.reviewed_by:
        out.append(Problem("documents.reviewed_by", _line(root, ("documents", "reviewed_by")),
                           f"编制人与审核人是同一人（{documents.drafted_by}）——审核应由编制人以外的"
                           "人员承担，请确认" if lang == "zh" else
                           f"the same person ({documents.drafted_by}) drafts and reviews — a "
                           "document is normally reviewed by someone other than its drafter; "
                           "confirm"))
    pairs = [(("documents",), documents.reviewed_by, documents.approved_by)]
    for kind in ("manual", "procedure", "form"):
        approval = getattr(documents.approvals, kind, None) if documents.approvals else None
        if approval is not None:
            pairs.append((("documents", "approvals", kind), approval.reviewed_by,
                          approval.approved_by))
    for loc, reviewer, approver in pairs:
        if reviewer == approver:
            where = ".".join(loc) + (".approved_by" if len(loc) == 1 else "")
            out.append(Problem(where, _line(root, loc + (("approved_by",) if len(loc) == 1
                                                           else ())),
                               f"审核人与批准人是同一人（{reviewer}）——审核与批准应由不同人员"
                               "承担，请确认" if lang == "zh" else
                               f"the same person ({reviewer}) reviews and approves — review and "
                               "approval are normally by different people; confirm"))
    return out
