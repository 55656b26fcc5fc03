"""Facts of an intake that are valid one by one but contradict each other, as warnings for
`ipms intake check` (generators.intake_report.query_facts adds them), in the intake's language
with the YAML line:

- internal auditors who all belong to one department: the internal audit plan and checklist
  (R-56, R-57) say an auditor never audits his or her own department, so that department would
  be audited only by its own staff. An auditor belongs to a department he or she heads or is the
  IP liaison of, or whose name the job title contains (研发中心主任, Head of R&D Centre); the IP
  staff to the IP department. An auditor of no known department counts as independent.
- a past dispute naming a kind of right the company holds none of (a design patent upheld in an
  invalidation while ip.patents.design is 0).
- R&D partners and modes that disagree: a partner named as a university or institute
  (generators.company_sites.academic_partners) while rd.modes has no `university`, or
  `university` with no such partner — the manual decides from both and would otherwise say one
  thing where the intake says another; rd.records: [] (no R&D records) while rd.modes names R&D.
- a testing company (business_model testing, making no goods) whose department holds
  `production`: its laboratory should hold `testing` (the manual's duties and the table of
  departments would otherwise speak of production; duties.yaml words the duty as a laboratory's,
  but the table still prints 生产).
- a business model given only as `other`: the documents are then worded for a company that
  provides services of another kind (a design institute, a consultancy) — service contracts,
  deliverables, clients' material — with no goods, software or laboratory wording; the warning
  says so and names the models that would word them otherwise.
- an objective or past dispute naming copyright in works other than software (设计图纸, 投标文件,
  作品, design drawings, bid documents) while `ip.works` is not given: the package then has no
  design contracts, bid review or pre-delivery copyright check (held.works); `ip.works: []`
  says the company holds none and is not warned about.
- an objective or past dispute speaking of user content (用户生成内容) or franchising (加盟) while
  business.user_content / business.franchising is not true: the package then has no notice and
  takedown in P-15, or no franchise terms in P-29 (business_problems).
"""
from __future__ import annotations

import re

from generators import numbering
from generators.company_sites import academic_partners
from generators.intake_report import Problem, _line
from generators.intake_facts import FINANCING, group_mark_licences, mark_licences

# words naming a kind of right in a dispute -> the holding that must then be above 0
_RIGHTS = (
    (("外观设计", "design patent"), ("patents", "design"), ("外观设计专利", "design patents")),
    (("实用新型", "utility model"), ("patents", "utility_model"),
     ("实用新型专利", "utility models")),
    (("发明专利", "invention patent"), ("patents", "invention"), ("发明专利", "invention patents")),
    (("软件著作权", "软著", "software copyright"), ("software_copyrights",),
     ("软件著作权", "software copyrights")),
    (("集成电路布图", "layout design"), ("layout_designs",), ("集成电路布图设计", "layout designs")),
    (("植物新品种", "品种权", "plant variety", "variety right"), ("plant_varieties", "granted"),
     ("植物新品种权", "plant variety rights")),
)


def _departments_of(intake, name: str, title: str) -> set[str]:
    """The department names the person `name` (job `title`) belongs to."""
    out = {d.name for d in intake.org.departments
           if name in (d.head, d.ip_liaison) or (d.name and d.name.casefold() in title.casefold())}
    if any(p.name == name for p in intake.people.ip_staff):
        out |= {d.name for d in intake.org.departments if d.key == intake.org.ip_department}
    return out


def auditor_problems(intake, root, lang: str) -> list[Problem]:
    """A warning when every internal auditor belongs to one department (module docstring)."""
    auditors = intake.people.internal_auditors or []
    if not auditors:
        return []
    homes = [_departments_of(intake, a.name, a.title) for a in auditors]
    if any(not h for h in homes):
        return []  # someone of no known department can audit every department
    common = set.intersection(*homes)
    names = ("、" if lang == "zh" else ", ").join(a.name for a in auditors)
    out = []
    for department in sorted(common):
        text = (f"内审员（{names}）都属于{department}，而内审员不审核本部门（《内部审核计划》《内部审核"
                f"检查表》），{department}将无人审核——请增加一名其他部门的内审员" if lang == "zh" else
                f"every internal auditor ({names}) belongs to {department}, and auditors never "
                f"audit their own department (internal audit plan and checklist), so nobody can "
                f"audit {department} — add an internal auditor from another department")
        out.append(Problem("people.internal_auditors",
                           _line(root, ("people", "internal_auditors")), text))
    return out


def dispute_problems(intake, root, lang: str) -> list[Problem]:
    """A warning for each past dispute naming a kind of right the intake holds 0 of."""
    out = []
    for i, dispute in enumerate(intake.ip.disputes or []):
        for words, path, shown in _RIGHTS:
            if not any(w.casefold() in dispute.casefold() for w in words):
                continue
            node = intake.ip
            for part in path:
                node = getattr(node, part)
            if node == 0:
                where = "ip." + ".".join(path)
                text = (f"纠纷“{dispute}”涉及{shown[0]}，而 {where} 为 0——请核对持有数量或纠纷描述"
                        if lang == "zh" else
                        f"the dispute '{dispute}' concerns {shown[1]}, but {where} is 0 — check "
                        "the holdings or the dispute")
                out.append(Problem(f"ip.disputes[{i + 1}]", _line(root, ("ip", "disputes", i)),
                                   text))
                break
    return out


def rd_problems(intake, root, lang: str) -> list[Problem]:
    """Warnings where rd.partners, rd.modes and rd.records disagree (module docstring)."""
    rd, out = intake.rd, []
    academic = academic_partners(intake)
    zh = lang == "zh"
    if academic and "university" not in rd.modes:
        names = ("、" if zh else ", ").join(academic)
        out.append(Problem("rd.modes", _line(root, ("rd", "modes")),
                           f"合作单位（{names}）是高校或科研院所，而 rd.modes 没有 university（产学研"
                           "合作开发）——请在 rd.modes 中加上 university，或核对合作单位" if zh else
                           f"the partners ({names}) include a university or research institute, "
                           "but rd.modes has no 'university' — add it to rd.modes, or check the "
                           "partners"))
    if "university" in rd.modes and not academic:
        out.append(Problem("rd.partners", _line(root, ("rd", "partners")),
                           "rd.modes 有 university（产学研合作开发），而 rd.partners 没有高校或科研"
                           "院所——请写明合作的高校或科研院所，或从 rd.modes 中去掉 university" if zh
                           else "rd.modes has 'university', but no partner in rd.partners is a "
                           "university or research institute — name it, or take 'university' "
                           "out of rd.modes"))
    if rd.records == [] and rd.modes:
        out.append(Problem("rd.records", _line(root, ("rd", "records")),
                           "rd.records 为 []（没有研发记录），而 rd.modes 写明了研发模式——请写明研发"
                           "记录方式（lab-notebook、git、jira、eln、pdm、documents 等）" if zh else
                           "rd.records is [] (no R&D records), but rd.modes names how R&D is done "
                           "— say how it is recorded (lab-notebook, git, jira, eln, pdm, "
                           "documents …)"))
    return out


# words naming works other than software, or their copyright (not 软件著作权 / software copyright)
_WORKS = re.compile(r"图纸|设计文件|投标文件|作品|(?<!软件)著作权|drawings|design documents|"
                    r"bid documents|(?<!software )copyright(?!s? of software)", re.IGNORECASE)


def works_problems(intake, root, lang: str) -> list[Problem]:
    """A warning when the objectives or disputes name works other than software and `ip.works`
    is not given (module docstring)."""
    if intake.ip.works is not None:
        return []
    texts = list(intake.policy.objectives or []) + list(intake.ip.disputes or [])
    named = next((t for t in texts if _WORKS.search(t)), None)
    if named is None:
        return []
    return [Problem("ip.works", _line(root, ("ip",)),
                    f"“{named}”说到软件以外的作品（图纸、文件等）的著作权，但 ip 中没有写 works——请写明"
                    "公司作为产品的作品种类（如 works: [设计图纸, 设计文件, 投标文件]），文件才会包括设计和"
                    "服务合同、投标文件的知识产权审查和作品交付前的著作权核查；没有这类作品写 works: []"
                    if lang == "zh" else
                    f"'{named}' speaks of copyright in works other than software (drawings, "
                    "documents …), but ip has no works — name the kinds of works that are the "
                    "company's product (such as works: [design drawings, design documents, bid "
                    "documents]) so that the documents cover design and service contracts, the IP "
                    "review of bids and the copyright check before delivery; write works: [] if "
                    "it has none")]


def model_problems(intake, root, lang: str) -> list[Problem]:
    """A warning when company.business_model is only `other` (module docstring): which wording
    the package then gets, and the models to name instead if one fits."""
    if list(intake.company.business_model or []) != ["other"]:
        return []
    return [Problem("company.business_model", _line(root, ("company", "business_model")),
                    "company.business_model 只写了 other（其他）：文件按提供服务的企业措辞（服务合同、"
                    "交付成果、客户资料和技术资料的保密），不写生产、软件或检验检测的内容——公司如生产"
                    "或销售产品、开发软件、提供互联网服务、检验检测或研发服务，请写明相应的经营模式"
                    "（manufacturing、trading、software、internet-services、testing、rd-services、"
                    "life-sciences、agriculture）" if lang == "zh" else
                    "company.business_model is only 'other': the documents are worded for a company "
                    "providing services (service contracts, deliverables, the confidentiality of "
                    "clients' and technical material), with nothing on production, software or "
                    "testing — if the company makes or sells goods, develops software, runs online "
                    "services, tests or does R&D for clients, name that model (manufacturing, "
                    "trading, software, internet-services, testing, rd-services, life-sciences, "
                    "agriculture)")]


def function_problems(intake, root, lang: str) -> list[Problem]:
    """A warning for each department of a testing company that holds `production` (module
    docstring): a laboratory holds `testing` (检验检测)."""
    models = set(intake.company.business_model or [])
    if "testing" not in models or models & {"manufacturing", "life-sciences", "trading"}:
        return []
    out = []
    for i, department in enumerate(intake.org.departments):
        if "production" in department.functions:
            where = f"org.departments[{i + 1}].functions"
            out.append(Problem(where, _line(root, ("org", "departments", i, "functions")),
                               f"检验检测企业的{department.name}有 production（生产）职能——检测部门请用"
                               "testing（检验检测），技术服务部门用 service（技术服务）" if lang == "zh"
                               else f"{department.name} of a testing company has the function "
                               "'production' — give a testing department 'testing' and a "
                               "technical service department 'service'"))
    return out


def numbering_problems(intake, root, lang: str) -> list[Problem]:
    """A warning when documents.numbering holds characters the Word files cannot keep from
    breaking a number across lines (generators.numbering.unkept: '（', ':', Chinese characters);
    the scheme stays valid, as it was before separators were checked."""
    bad = numbering.unkept(intake.documents.numbering)
    short = numbering.unkept_short(intake.documents.numbering, intake.company.short_name)
    out = [] if not short else [Problem(
        "company.short_name", _line(root, ("company", "short_name")),
        f"简称“{intake.company.short_name}”用于文件编号，其中的汉字等字符在 Word 文件中"
        f"不能保证编号不跨行断开（超过 {numbering.MAX_JOINED_WIDE} 个连续汉字时 LibreOffice 在汉字之间断行）；"
        f"编号中的简称宜用拉丁字母（如拼音首字母）或不超过 {numbering.MAX_JOINED_WIDE} 个汉字" if lang == "zh" else
        f"the short name '{intake.company.short_name}' goes into every document number, and its "
        f"characters that are not Latin letters or digits (more than "
        f"{numbering.MAX_JOINED_WIDE} Chinese characters in a row) cannot be kept from breaking "
        f"the number across lines in the Word files; use Latin letters for the short name (e.g. "
        f"the pinyin initials) or at most {numbering.MAX_JOINED_WIDE} Chinese characters")]
    if not bad:
        return out
    shown = "、".join(f"“{ch}”" for ch in bad) if lang == "zh" else ", ".join(f"'{ch}'" for ch in bad)
    return out + [Problem("documents.numbering", _line(root, ("documents", "numbering")),
                    f"文件编号规则中的{shown}在 Word 文件中不能保证编号不跨行断开；编号中除 {{short}}、"
                    f"{{kind}} 和 {{seq}} 外宜只用拉丁字母、数字和分隔符 - / _ . · － 及空格"
                    if lang == "zh" else
                    f"the numbering scheme's {shown} cannot be kept from breaking a document number "
                    f"across lines in the Word files; besides {{short}}, {{kind}} and {{seq}} use "
                    f"Latin letters, digits and the separators {numbering.SEPARATORS_SAID}")]


# words in an objective or a past dispute that say what business.<fact> is for
_BUSINESS = (
    ("user_content", re.compile(r"用户生成内容|用户内容|用户上传|UGC|user[- ]generated|user content"
                                r"|user[- ]uploaded", re.IGNORECASE),
     ("产品或网站存储、展示用户上传或创作的内容", "its products or websites host content that "
      "users upload or create"),
     ("程序文件中才有对用户内容的侵权通知处理（通知—删除，《信息网络传播权保护条例》）和登记表",
      "only then do the procedures handle right holders' notices on user content (notice and "
      "takedown under the Regulations on the Protection of the Right to Network Dissemination "
      "of Information) with its register")),
    ("franchising", re.compile(r"加盟|特许经营|franchis", re.IGNORECASE),
     ("以特许经营（加盟）方式许可品牌", "it franchises its brand"),
     ("商标许可程序才写特许经营合同、加盟门店的检查和《商业特许经营管理条例》",
      "only then does the trademark licensing procedure cover franchise agreements, franchised "
      "outlets and the Regulations on Commercial Franchising")),
    ("financing_plans", FINANCING,
     ("以知识产权支撑融资（质押融资、作价入股或证券化）", "IP is used to raise finance (pledge, "
      "IP-for-equity or securitisation)"),
     ("包按方针和目标起草知识产权投融资的内容（投融资与并购程序、11.4.3.1 不删减）；如公司并无此计划，"
      "请改写方针或目标", "the package follows the policy and objectives and drafts IP financing "
      "(the financing and M&A procedure; 11.4.3.1 is not excluded); if the company has no such "
      "plan, reword the policy or objective")),
    ("export_controlled", re.compile(r"出口管制|两用物项|管制物项|export[- ]control|dual[- ]use",
                                     re.IGNORECASE),
     ("出口管制物项（两用物项、军品或限制出口的技术）", "exports of controlled items (dual-use items, "
      "military products or technologies restricted from export)"),
     ("出口程序才在出口前对照管制清单审查并取得许可，法律法规清单才列出《出口管制法》和《两用物项出口管制条例》",
      "only then does the export procedure check exports against the control lists and obtain the "
      "licence first, and the laws list cite the Export Control Law and the dual-use regulations")),
    ("classified_work", re.compile(r"国防专利|涉密项目|涉密科研|军品|保密资格|defen[cs]e patent|"
                                   r"classified (?:project|work|contract)|secrecy qualification",
                                   re.IGNORECASE),
     ("涉密科研生产任务或国防专利", "classified work or defence patents"),
     ("保密程序才把国家秘密、国家秘密载体和国防专利交由保密资格体系管理，并列出《国防专利条例》",
      "only then does the confidentiality procedure leave state secrets, their carriers and "
      "defence patents to the secrecy qualification system and list the Regulations on Defence "
      "Patents")),
)

# the statutory grades of state secrets (保守国家秘密法): not grades of a trade secret
_STATE_GRADES = {"绝密", "机密", "秘密", "top secret", "secret", "confidential"}


def grade_problems(intake, root, lang: str) -> list[Problem]:
    """A warning when documents.confidentiality_levels uses the statutory state-secret grades
    (绝密、机密、秘密 / top secret, secret, confidential) for the company's trade secrets: P-06
    grades trade secrets, which a consultant marks 核心商密/普通商密 (the two grades of SASAC's
    rules on central SOEs' trade secrets) so they are never mistaken for state secrets — which a
    company doing classified work must keep apart (business.classified_work)."""
    levels = intake.documents.confidentiality_levels
    state = [level for level in levels if level.strip().lower() in _STATE_GRADES]
    if not state:
        return []
    shown = "、".join(state) if lang == "zh" else ", ".join(state)
    if lang == "zh":
        text = (f"保密等级用了国家秘密的密级（{shown}）——商业秘密宜分为核心商密、普通商密"
                + ("；公司承担涉密任务，国家秘密的密级只用于保密资格体系管理的国家秘密，不能用于商业秘密"
                   if intake.business.classified_work else "，以免与国家秘密混淆"))
    else:
        text = (f"the confidentiality levels use state-secret classifications ({shown}) — grade "
                "trade secrets as core and ordinary business secrets"
                + ("; the company does classified work, where those classifications mark state "
                   "secrets only" if intake.business.classified_work else
                   ", so they are not mistaken for state secrets"))
    return [Problem("documents.confidentiality_levels",
                    _line(root, ("documents", "confidentiality_levels")), text)]


def business_problems(intake, root, lang: str) -> list[Problem]:
    """A warning when an objective or past dispute speaks of what a business fact says
    (用户生成内容 -> business.user_content, 加盟 -> business.franchising, 以知识产权支撑融资 in the
    policy -> business.financing_plans) while the fact is not
    true: the package then lacks the process the objective or dispute needs."""
    texts = [intake.policy.statement, *(intake.policy.objectives or []),
             *(intake.ip.disputes or [])]
    out = []
    for fact, words, (zh_what, en_what), (zh_then, en_then) in _BUSINESS:
        named = next((t for t in texts if words.search(t)), None)
        if named is None or getattr(intake.business, fact):
            continue
        out.append(Problem(f"business.{fact}", _line(root, ("business",)),
                           f"“{named}”说到{zh_what}，但 business.{fact} 不是 true——如属实请写 "
                           f"{fact}: true，{zh_then}" if lang == "zh" else
                           f"'{named}' says {en_what}, but business.{fact} is not true — if so, "
                           f"write {fact}: true; {en_then}"))
    return out


# words in the company's name, business scope or industry saying that foreign investors own it
_FOREIGN_INVESTED = re.compile(r"外商独资|外商投资|外资企业|中外合资|中外合作|外国法人独资|港澳台"
                               r"|foreign[- ](?:owned|invested)|joint venture", re.IGNORECASE)


# what a company makes when its exports may be on the export-control lists (出口管制法's dual-use
# and military items: the lists name such materials, aircraft, drones, rockets, nuclear and
# encryption goods): a hint to ask, never a reading of the fact
_CONTROLLED_GOODS = re.compile(r"军工|军品|军用|两用|航空|航天|无人机|碳纤维|核|导弹|火箭|雷达|密码|"
                               r"military|defen[cs]e|dual[- ]use|aerospace|aircraft|drone|UAV|"
                               r"carbon[- ]fib|nuclear|missile|rocket|radar|cryptograph", re.IGNORECASE)


def _facts_to_collect(intake) -> list[tuple[tuple, str, str, str]]:
    """(location, shown path, zh, en) of the publishing, group and licence facts that apply to
    `intake` and are not given yet."""
    company, business = intake.company, intake.business
    out = []
    said = " ".join([company.name, company.business_scope, company.industry])
    if company.parent is None and _FOREIGN_INVESTED.search(said):
        out.append((("company",), "company.parent",
                    "外资企业的母公司（parent：名称、国家或地区，owns_ip：公司创造的知识产权是否归母公司"
                    "所有或转让给母公司）",
                    "the parent company of a foreign-invested enterprise (parent: name, country, "
                    "owns_ip: whether the parent owns or is assigned the IP the company creates)"))
    makes_works = bool(intake.ip.works) and bool(
        {"software", "internet-services"} & set(company.business_model or []))
    if makes_works and business.publishers is None:
        out.append((("business",), "business.publishers",
                    "发行商（publishers：名称、发行地域、以发行商名义取得的审批如版号；自行发行写 []）",
                    "publishers (publishers: name, territory, approvals they obtain in their name "
                    "such as a game's 版号; [] when the company publishes itself)"))
    if makes_works and business.platforms is None:
        out.append((("business",), "business.platforms",
                    "分发平台和应用商店（platforms：如 App Store、Google Play、Steam；没有写 []）",
                    "app stores and platforms (platforms: e.g. App Store, Google Play, Steam; "
                    "[] for none)"))
    if _documents_where_unknown(intake):
        out.append((("documents",), "documents.system",
                    "小型企业在哪个电子系统中控制体系文件（system：如飞书、钉钉、企业微信、Confluence；"
                    "以系统权限、版本记录和阅读确认代替盖章签收；纸质受控写 control: paper）",
                    "the electronic system a small company controls its documents in (system: "
                    "e.g. Feishu, DingTalk, WeCom, Confluence — permissions, version history and "
                    "read confirmation instead of stamps; control: paper for paper control)"))
    if business.export_markets and business.export_controlled is None and (
            business.classified_work or _CONTROLLED_GOODS.search(
                " ".join([company.business_scope, company.industry, *company.products]))):
        out.append((("business",), "business.export_controlled",
                    "出口的物项或技术是否列入出口管制清单（export_controlled：两用物项、军品或限制出口的"
                    "技术写 true，包在出口前审查并取得许可；不涉及写 false）",
                    "whether the items or technology exported are on the export-control lists "
                    "(export_controlled: true for dual-use items, military products or technologies "
                    "restricted from export, which the package then checks and licenses before "
                    "export; false when none are)"))
    for i, licence in enumerate(intake.ip.licences_in or []):
        if licence.abroad is None:
            out.append((("ip", "licences_in", i), f"ip.licences_in[{i + 1}].abroad",
                        f"许可方“{licence.licensor}”是否在境外（abroad: true/false；境外技术和软件"
                        "许可属于技术进口，须办理合同登记）",
                        f"whether the licensor {licence.licensor} is outside mainland China "
                        "(abroad: true/false; a technology or software licence from abroad is a "
                        "technology import, whose contract is registered)"))
    return out


def _documents_where_unknown(intake) -> bool:
    """A small company (generators.cadence.is_small) that says neither how its documents are
    controlled nor in which system, and names no collaboration suite the package could use."""
    from generators.cadence import document_system, is_small  # cadence imports the intake

    documents = intake.documents
    return (is_small(intake) and documents.control is None and not documents.system
            and not document_system(intake, "zh", True))


def group_problems(intake, root, lang: str) -> list[Problem]:
    """The facts a consultant still collects where they apply (warnings, as for the other
    调查诊断 facts): a foreign-invested enterprise's parent and who owns its IP; the publishers
    and platforms of a company whose software products are works (a game studio); whether each
    licensor is abroad."""
    return [Problem(path, _line(root, loc),
                    f"尚未填写{zh}——调查诊断时请收集" if lang == "zh"
                    else f"not given yet: {en} — collect it in the diagnosis (调查诊断)")
            for loc, path, zh, en in _facts_to_collect(intake)]
def group_mark_problems(intake, root, lang: str) -> list[Problem]:
    """A warning when the company holds no registered trademarks but takes a licence of marks
    and the intake names no parent (company.parent): from a group (集团商标使用许可) the package
    reads the licensor as the group that registers the marks, and a consultant confirms who the
    parent is, what it registers and whether it sets the IP policy; from another licensor it
    asks whether the licensor is the parent."""
    licences = mark_licences(intake)
    if intake.ip.trademarks or not licences or intake.company.parent is not None:
        return []
    grouped = group_mark_licences(intake)
    if not grouped:  # a brand owner's licence: is the licensor the parent?
        licensor = licences[0].licensor
        return [Problem("company.parent", _line(root, ("company",)),
                        f"公司没有注册商标，使用“{licensor}”许可的商标——如“{licensor}”是公司的母公司，"
                        "请填写 company.parent（name、registers: [trademarks]、licenses、sets_policy）"
                        if lang == "zh" else
                        f"the company holds no registered trademarks and uses marks licensed by "
                        f"{licensor} — if {licensor} is its parent, give company.parent (name, "
                        "registers: [trademarks], licenses, sets_policy)")]
    licensor = grouped[0].licensor
    return [Problem("company.parent", _line(root, ("company",)),
                    f"公司没有注册商标，使用“{licensor}”许可的商标，但尚未填写母公司（company.parent："
                    f"name、registers: [trademarks]、licenses、sets_policy）——文件包暂按“{licensor}”"
                    "为注册商标的集团公司起草，请确认" if lang == "zh" else
                    f"the company holds no registered trademarks and uses marks licensed by "
                    f"{licensor}, but no parent is given (company.parent: name, registers: "
                    f"[trademarks], licenses, sets_policy) — the package takes {licensor} as the "
                    "group that registers the marks; confirm it")]


def ownership_problems(intake, root, lang: str) -> list[Problem]:
    """A warning when a company in a group (company.parent, or marks licensed in from a group)
    does not say who owns it (company.ownership): a state-owned group's subsidiary transfers,
    licenses and writes off its IP under the state-asset rules only when the intake says so."""
    company = intake.company
    if company.ownership is not None or (company.parent is None
                                         and not group_mark_licences(intake)):
        return []
    return [Problem("company.ownership", _line(root, ("company",)),
                    "公司属于集团，但尚未填写所有制（company.ownership：国有 / 民营 / 外资 / 混合所有制）"
                    "——国有企业的知识产权转让、许可和放弃须按国有资产规定评估备案、审批和核销，"
                    "文件包只在写明“国有”时包含这些要求" if lang == "zh" else
                    "the company belongs to a group but its ownership is not given "
                    "(company.ownership: state / private / foreign-invested / mixed) — a "
                    "state-owned company's IP transfers, licences and abandonments follow the "
                    "state-asset rules (valuation filing, approval, write-off), which the package "
                    "holds only when the intake says state")]
