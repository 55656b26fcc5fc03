"""How the drafting reads a questionnaire, in two lines `ipms intake check` prints after "ok": the
kind of company, the IP held (with counts) and planned — a plan named with the objective it was
read from, since IP not yet held is planned only by an objective that names it —, and how it
exports, and a third line, when the intake gives them, for the parent company (and who owns the
IP), the publishers and platforms, and the licences taken from abroad. A consultant sees before drafting why the package will (or will not) have a patent
procedure, a trademark procedure or foreign filing (generators.company_kind.derived_facts)."""
from __future__ import annotations

from generators.company_kind import derived_facts, planning_objective
from generators.intake import Intake
from generators.intake_facts import chinese_label

_HELD = {  # derived `held` key -> (zh, en, en for one), the counts from the intake's ip section
    "patents": ("专利", "patents", "patent"),
    "plant_varieties": ("植物新品种权", "plant variety rights", "plant variety right"),
    "trademarks": ("注册商标", "registered trademarks", "registered trademark"),
    "software_copyrights": ("软件著作权", "software copyrights", "software copyright"),
    "layout_designs": ("集成电路布图设计", "IC layout designs", "IC layout design"),
    "works": ("作品", "works", "works"), "trade_secrets": ("商业秘密", "trade secrets", ""),
    "licences_in": ("许可使用的知识产权", "licences in", "licence in"),
    "open_source": ("开源软件", "open-source software", "")}
_PLANNED = {"patents": ("专利", "patents"), "plant_varieties": ("植物新品种权", "plant variety rights"),
            "trademarks": ("商标", "trademarks"),
            "software_copyrights": ("软件著作权", "software copyrights"),
            "foreign_filing": ("境外申请", "filing abroad")}
_EXPORTS = {"goods": ("货物", "goods"), "services": ("服务", "services"),
            "online": ("在线服务", "online services")}


def _counts(intake: Intake) -> dict[str, int | None]:
    ip, patents = intake.ip, intake.ip.patents
    return {"patents": patents.invention + patents.utility_model + patents.design
            + patents.pending + patents.foreign,
            "trademarks": ip.trademarks, "software_copyrights": ip.software_copyrights,
            "layout_designs": ip.layout_designs, "works": len(ip.works or []) or None,
            "licences_in": len(ip.licences_in or []) or None}


def _patents(intake: Intake, zh: bool) -> list[str]:
    """The patents held as the intake's fields give them: the granted ones by type, then the
    pending applications and those abroad, each counted apart ('专利 600 件（发明 180、实用新型
    400、外观设计 20）', '在审专利申请 90 件', '境外专利及申请 25 件'), never one sum that adds
    applications to granted patents."""
    patents = intake.ip.patents
    types = [(patents.invention, "发明", "invention"), (patents.utility_model, "实用新型",
             "utility model"), (patents.design, "外观设计", "design")]
    granted = sum(n for n, _, _ in types)
    out = []
    if granted:
        parts = [f"{zh_word} {n}" if zh else f"{n} {en_word}" for n, zh_word, en_word in types
                 if n]
        out.append(f"专利 {granted} 件（{'、'.join(parts)}）" if zh else
                   f"{granted} patent{'' if granted == 1 else 's'} ({', '.join(parts)})")
    if patents.pending:
        out.append(f"在审专利申请 {patents.pending} 件" if zh else
                   f"{patents.pending} pending application{'' if patents.pending == 1 else 's'}")
    if patents.foreign:
        out.append(f"境外专利及申请 {patents.foreign} 件" if zh else
                   f"{patents.foreign} patent{'' if patents.foreign == 1 else 's'} or "
                   "applications abroad")
    return out


def _varieties(intake: Intake, zh: bool) -> list[str]:
    """The plant variety rights as the intake counts them, granted, pending and abroad apart
    ('植物新品种权 85 件', '在审品种权申请 40 件', '境外品种权及申请 3 件')."""
    varieties = intake.ip.plant_varieties
    counts = [(varieties.granted, "植物新品种权", "plant variety right", "plant variety rights"),
              (varieties.pending, "在审品种权申请", "pending variety application",
               "pending variety applications"),
              (varieties.foreign, "境外品种权及申请", "variety right or application abroad",
               "variety rights or applications abroad")]
    return [f"{word_zh} {n} 件" if zh else f"{n} {one if n == 1 else many}"
            for n, word_zh, one, many in counts if n]


def reading(intake: Intake, language: str) -> list[str]:
    """The lines (in `language`, 'zh' or 'en') saying how the package will read `intake`:
    ['读作：检验检测；持有：注册商标 3 件、商业秘密；计划：专利（据目标 2）', '出口：服务（东南亚）']
    — the second line only when the company exports."""
    zh = language == "zh"
    facts = derived_facts(intake, language)
    held, plans, export = facts["held"], facts["plans"], facts["export"]
    counts = _counts(intake)
    models = intake.company.business_model or ["manufacturing"]
    kinds = [chinese_label(m) if zh else m.replace("-", " ") for m in models]
    kinds += _contract_manufacturing(facts["kind"], zh)  # ODM、OEM、定牌加工 as it is read
    if intake.company.ownership == "state":  # its IP is state-owned assets (P-18, P-19)
        kinds.append("国有企业" if zh else "state-owned")
    sep = "、" if zh else ", "
    holding = []
    for key, (word_zh, word_en, one) in _HELD.items():
        if held.get(key):
            n = counts.get(key)
            if key == "patents":  # granted, pending and abroad apart, as the intake gives them
                holding += _patents(intake, zh)
            elif key == "plant_varieties":
                holding += _varieties(intake, zh)
            elif key == "works":  # by kind: 作品（设计图纸、投标文件）
                kinds_of = sep.join(intake.ip.works or [])
                holding.append(f"{word_zh}（{kinds_of}）" if zh else f"{word_en} ({kinds_of})")
            else:
                holding.append((f"{word_zh} {n} 件" if n else word_zh) if zh
                               else (f"{n} {one if n == 1 else word_en}" if n else word_en))
    if held.get("group_marks"):  # the group's marks, used under its licence, not the company's
        owner = facts["says"]["parent"]
        holding.append(f"{owner}的商标（经许可使用）" if zh
                       else f"the marks of {owner} (used under licence)")
    planned = []
    for key, (word_zh, word_en) in _PLANNED.items():
        # filing abroad is read as planned whenever an objective plans it (trademarks abroad
        # beside the patents abroad held); other IP only when none is held yet
        if plans.get(key) and (key == "foreign_filing" or not held.get(key)):
            number = planning_objective(intake.policy.objectives, key,
                                        intake.business.export_markets)
            if number is None:  # foreign filing read from an export market, not an objective
                continue
            planned.append(f"{word_zh}（据目标 {number}）" if zh
                           else f"{word_en} (objective {number})")
    none = "无" if zh else "none"
    first = ("读作：" if zh else "reads as: ") + sep.join(kinds) + ("；持有：" if zh else "; holds: ") \
        + (sep.join(holding) or none) + ("；计划：" if zh else "; plans: ") + (sep.join(planned) or none)
    lines = [first]
    if export["any"]:
        modes = [(_EXPORTS[m][0] if zh else _EXPORTS[m][1]) for m in _EXPORTS if export.get(m)]
        markets = sep.join(intake.business.export_markets)
        lines.append((f"出口：{sep.join(modes) or '有'}（{markets}）") if zh
                     else f"exports: {sep.join(modes) or 'yes'} ({markets})")
    models = _models(intake, facts, zh)
    if models:
        lines.append(models)
    dealings = _dealings(intake, zh)
    if dealings:
        lines.append(("集团、发行和境外许可：" if zh else "group, publishing and licences from abroad: ")
                     + ("；" if zh else "; ").join(dealings))
    return lines


_ALGORITHMS = {"recommendation": ("算法推荐", "recommendation"),
               "deep_synthesis": ("深度合成", "deep synthesis"),
               "generative": ("生成式人工智能", "generative AI")}
_SOURCES = {"own": ("自有", "own"), "licensed": ("许可", "licensed"), "public": ("公开", "public"),
            "customer": ("客户", "customer")}


def _contract_manufacturing(kind: dict, zh: bool) -> list[str]:
    """How the company makes for customers, as the drafted texts read it (derived_facts `kind`:
    odm, oem, customer_brands): ['为客户设计生产（ODM）', '来图加工（OEM）', '定牌加工'], so that a
    consultant sees the contract-manufacturing procedures' trigger echoed, or that it was missed."""
    words = [("odm", "为客户设计生产（ODM）", "design and manufacture for customers (ODM)"),
             ("oem", "来图加工（OEM）", "manufacture to customers' designs (OEM)"),
             ("customer_brands", "定牌加工", "goods under customers' marks")]
    return [zh_word if zh else en_word for key, zh_word, en_word in words if kind.get(key)]


def _models(intake: Intake, facts: dict, zh: bool) -> str:
    """The line on models, data and algorithms ('' for a company that trains no models and
    processes no customer data): the models it trains, its datasets by source, customer data
    (the customers', under contract) and the algorithm services filed or planned by an objective
    — what brings P-31, its laws and R-06's data licence category into the package."""
    kind, held, plans = facts["kind"], facts["held"], facts["plans"]
    if not (kind["ml"] or held["customer_data"]):
        return ""
    sep = "、" if zh else ", "
    parts = []
    if intake.ip.models:
        parts.append((f"自有模型 {len(intake.ip.models)} 个" if zh else
                      f"{len(intake.ip.models)} own model{'s' if len(intake.ip.models) > 1 else ''}"))
    datasets = intake.ip.datasets or []
    if datasets:
        by_source = [f"{_SOURCES[k][0]} {n}" if zh else f"{n} {_SOURCES[k][1]}"
                     for k in _SOURCES for n in [sum(d.source == k for d in datasets)] if n]
        parts.append((f"数据集 {len(datasets)} 个（{sep.join(by_source)}）" if zh else
                      f"{len(datasets)} dataset{'s' if len(datasets) > 1 else ''} ({sep.join(by_source)})"))
    if held["customer_data"]:
        parts.append("处理客户数据（客户的保密信息，按合同使用）" if zh else
                     "processes customer data (the customers' confidential information, used as contracts allow)")
    if kind["ml"]:
        filed = [_ALGORITHMS[k.replace("-", "_")][0 if zh else 1]
                 for k in intake.business.algorithm_filing or []]
        planned = [w[0 if zh else 1] for k, w in _ALGORITHMS.items()
                   if plans[k] and k.replace("_", "-") not in (intake.business.algorithm_filing or [])]
        filing = sep.join(filed) or ("无" if zh else "none")
        if planned:
            filing += (f"（目标计划：{sep.join(planned)}）" if zh else f" (planned by objectives: {sep.join(planned)})")
        parts.append(("算法备案：" if zh else "algorithm filing: ") + filing)
    return ("模型、数据和算法：" if zh else "models, data and algorithms: ") + ("；" if zh else "; ").join(parts)


def _dealings(intake: Intake, zh: bool) -> list[str]:
    """How the package reads the parent company, the publishers and platforms and the licences
    from abroad: ['母公司 X（英国），公司创造的知识产权归母公司', '发行商：Y（中国大陆，版号）', …]."""
    sep = "、" if zh else ", "
    out = []
    parent = intake.company.parent
    if parent is not None:
        where = f"（{parent.country}）" if zh and parent.country else (
            f" ({parent.country})" if parent.country else "")
        owner = (("，公司创造的知识产权归母公司" if parent.owns_ip else "，公司创造的知识产权归公司")
                 if zh else ("; the parent owns the IP the company creates" if parent.owns_ip
                             else "; the company owns the IP it creates"))
        if parent.assigns and not parent.owns_ip:  # the usual split: selected inventions go up
            owner += (f"（转让母公司的：{parent.assigns}）" if zh
                      else f" (assigned to the parent: {parent.assigns})")
        out.append((f"母公司 {parent.name}{where}" if zh else f"parent {parent.name}{where}") + owner)
    publishers = intake.business.publishers or []
    if publishers:
        named = []
        for p in publishers:
            extra = [x for x in (p.territory, p.approvals) if x]
            named.append(p.name + ((f"（{'，'.join(extra)}）" if zh else f" ({', '.join(extra)})")
                                   if extra else ""))
        out.append(("发行商：" if zh else "publishers: ") + sep.join(named))
    if intake.business.platforms:
        out.append(("分发平台：" if zh else "platforms: ") + sep.join(intake.business.platforms))
    abroad = [licence.what for licence in intake.ip.licences_in or []
              if licence.import_registration]  # a free licence, or one paid in a chip's price,
    # has no contract to register and remits nothing
    if abroad:
        out.append(("境外许可引进（技术进口合同登记）：" if zh
                    else "licensed in from abroad (technology import registration): ")
                   + sep.join(abroad))
    return out
