"""A company that trains or deploys machine-learning models (issue 17, part ai31).

A consultant drafted the package of a Beijing AI start-up (tests/data/intakes/ai-startup.*.yaml,
the try6a intakes with the new optional facts added at the end of their sections: ip.models,
ip.datasets, business.algorithm_filing, business.customer_data) and found its AI assets barely
covered: an algorithm-filing objective with no process, owner or record; none of the personal
information, data security, algorithm recommendation or generative AI rules; model and dataset
licences sent through the open-source software procedure (P-26/R-70 "链接方式 ☐静态链接☐动态链接"
for Llama); nothing on the Llama acceptable use policy, user threshold or attribution, on dataset
"限于模型训练" terms, on who owns derived models and outputs, on customer data under a DPA; and
P-06 listing "客户数据" among the company's own trade secrets.

Expected values come from the intake (its models, datasets and their terms), the catalogue's
titles, laws.yaml's titles and contract_categories.yaml's words, and the consultant's findings.
"""
from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml

from helpers import docx_text, procedure_documents
from generators.intake import load_intake, load_intake_report
from generators.package import draft_package
from generators.plan import plan_package
from generators.target import BJ, load_target
from generators.templates_io import TEMPLATES_DIR

INTAKES = Path(__file__).parent / "data" / "intakes"
AI = {lang: INTAKES / f"ai-startup.{lang}.yaml" for lang in ("zh", "en")}
EXAMPLES = TEMPLATES_DIR / "examples"
CATALOGUE = yaml.safe_load((TEMPLATES_DIR / "catalogue.yaml").read_text(encoding="utf-8"))
LAWS = yaml.safe_load((TEMPLATES_DIR / "laws.yaml").read_text(encoding="utf-8"))
CATEGORIES = yaml.safe_load((TEMPLATES_DIR / "contract_categories.yaml").read_text(encoding="utf-8"))
LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|bj-ipm|(?<![A-Za-z])(?:TODO|XXX|TBD)(?![A-Za-z])")
# the facts the part adds, each optional (an intake without them stays valid)
NEW_FACTS = {"ip": ("models", "datasets"), "business": ("algorithm_filing", "customer_data")}
# what the consultant asked the procedure to cover, in the words of the findings
COVERS = {"zh": ["可接受使用政策", "Llama", "署名", "月活跃用户", "衍生模型", "输出", "算法备案",
                 "数据处理协议", "返还或删除"],
          "en": ["acceptable use policy", "Llama", "attribution", "monthly active users",
                 "derived model", "outputs", "filing", "data processing agreement",
                 "returns or deletes"]}
# the rules the consultant found missing, by their titles
AI_LAWS = ["中华人民共和国个人信息保护法", "中华人民共和国数据安全法", "互联网信息服务算法推荐管理规定",
           "生成式人工智能服务管理暂行办法"]


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _title(code: str, language: str = "zh") -> str:
    entry = next(e for e in CATALOGUE["procedures"] + CATALOGUE["forms"] if e["code"] == code)
    return entry["title"][language]


def _without_new_facts(raw: dict) -> dict:
    """The intake as the consultant tried it: without the facts this part adds."""
    raw = {k: dict(v) if isinstance(v, dict) else v for k, v in raw.items()}
    for section, keys in NEW_FACTS.items():
        for key in keys:
            raw[section].pop(key, None)
    return raw


def _document(texts: dict[str, str], title: str) -> str:
    found = [t for stem, t in texts.items() if stem.split(" ", 1)[-1] == title]
    assert found, f"no document titled {title}: {sorted(texts)}"
    return found[0]


def _names(text: str, code: str) -> bool:
    """Whether a procedure's text names procedure `code`: its document (《title》), or, in a
    small company's bundle holding both, its chapter of this document (本程序第N章“title”)."""
    return bool(re.search(rf"《{_title(code)}》|本程序第\d+章“{_title(code)}”", text))


def _draft(language, tmp_path_factory, corpus, templates):
    folder = tmp_path_factory.mktemp(f"ai-{language}")
    result = draft_package(load_intake(AI[language]), corpus, folder / "pkg", language,
                           templates=templates)
    texts = {p.stem: docx_text(p) for p in (folder / "pkg").rglob("*.docx")}
    # each procedure by its own title, where a small company's bundle holds it as a chapter too
    texts.update(procedure_documents(folder / "pkg"))
    return result, folder / "pkg", texts


@pytest.fixture(scope="module")
def zh(tmp_path_factory, corpus, templates):
    return _draft("zh", tmp_path_factory, corpus, templates)


@pytest.fixture(scope="module")
def en(tmp_path_factory, corpus, templates):
    return _draft("en", tmp_path_factory, corpus, templates)


def _plan(path: Path, corpus, templates, language: str = "zh"):
    intake = load_intake(path)
    target = load_target(intake.standard, corpus.get(BJ), templates.directory)
    return plan_package(intake, templates, target, language)


def _others() -> list[Path]:
    """Every example and test intake of a company that is not the AI start-up and has no models,
    datasets or algorithm filings of its own (a machine-vision maker training its defect-detection
    model is an ML company too)."""
    def ml(path: Path) -> bool:
        intake = load_intake(path)
        return bool(intake.ip.models or intake.ip.datasets or intake.business.algorithm_filing)
    others = [p for p in [*EXAMPLES.glob("*.yaml"), *INTAKES.glob("*.yaml")]
              if not p.name.startswith("ai-startup")]
    assert {p.name for p in others if ml(p)} == {"machine-vision.en.yaml", "machine-vision.zh.yaml"}
    return [p for p in others if not ml(p)]


def _clean(result) -> list:
    """The package lint's findings but the one the consultant's intake brings on its own (item
    10: 'GPL-3.0/AGPL-3.0' in the intake's open-source text read as a leftover clause key)."""
    return [f for f in result.findings if not (f.kind == "leftover" and "AGPL-3.0" in f.message)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_ai_company_gets_the_models_data_and_algorithm_procedure(language, request):
    result, _, texts = request.getfixturevalue(language)
    procedure = _document(texts, _title("P31", language))
    for word in COVERS[language]:
        assert word in procedure, word
    raw = _raw(AI[language])
    for model in raw["ip"]["models"]:
        assert model in procedure
    for code in ("R82", "R83"):  # its records are in the package and it names them
        _document(texts, _title(code, language))
        assert _title(code, language) in procedure
    assert _clean(result) == []
    assert {s: LEFTOVER.findall(t) for s, t in texts.items() if LEFTOVER.search(t)} == {}


def test_the_register_lists_the_models_and_datasets_with_their_terms(zh):
    _, folder, _ = zh
    path = next(folder.rglob(f"*{_title('R82')}.docx"))
    rows = [[c.text for c in row.cells] for t in docx.Document(str(path)).tables
            for row in t.rows]
    raw = _raw(AI["zh"])
    for model in raw["ip"]["models"]:
        assert any(model in cells for cells in rows), model
    for dataset in raw["ip"]["datasets"]:  # each once, with the use its terms permit
        hits = [cells for cells in rows if any(dataset["what"] in c for c in cells)]
        assert len(hits) == 1, dataset["what"]
        if dataset.get("terms"):
            assert dataset["terms"] in hits[0]
    # the base model licensed in, typed as such: the legend's number for 基础模型
    forms = yaml.safe_load((TEMPLATES_DIR / "forms.yaml").read_text(encoding="utf-8"))
    column = next(c for c in next(f for f in forms if f["code"] == "R82")["zh"]["columns"]
                  if isinstance(c, dict) and c["label"] == "类型")
    number = "①②③④⑤"[column["choices"].index("基础模型")]
    llama = next(lic for lic in raw["ip"]["licences_in"] if "Llama" in lic["what"])
    assert any(llama["what"] in cells and cells[2] == number for cells in rows)
    # a model licence is not reviewed by how software is linked
    assert not [c for cells in rows for c in cells if "链接" in c]


def test_model_licences_are_reviewed_under_p31_and_code_under_p26(zh):
    result, _, texts = zh
    p26 = _document(texts, _title("P26"))
    p31 = _document(texts, _title("P31"))
    # 'this procedure' is 本章 in a chapter of a small company's bundle (本程序 is the bundle)
    own = "本章" if result.plan.issued_for("P26").bundled else "本程序"
    assert _names(p26, "P31")  # P-26 says where model and dataset licences go
    assert _names(p31, "P26")  # and P-31 where the code goes
    assert "链接方式" in p26 and f"不适用{own}对使用方式和链接方式的审查" in p26


def test_customer_data_is_held_under_confidence_not_an_own_trade_secret(zh, en):
    raw = {lang: _raw(AI[lang]) for lang in ("zh", "en")}
    for language, (_, _, texts) in (("zh", zh), ("en", en)):
        p06 = _document(texts, _title("P06", language))
        customer = [d["what"] for d in raw[language]["ip"]["datasets"] if d["source"] in
                    ("customer", "客户")]
        definition = (re.search(r"商业秘密\n?(.*?包括.*?等。)", p06, re.S)[1] if language == "zh"
                      else re.search(r"trade secret\n?(.*?including .*?)\.", p06, re.S)[1])
        assert ("客户数据" if language == "zh" else "customer data") not in definition
        assert ("模型权重" if language == "zh" else "model weights") in definition
        for name in customer:  # named apart, as the customer's, under the contract's duty
            sentence = next(s for s in re.split(r"[。]|\.\s", p06) if name in s)
            assert ("不作为公司的商业秘密" if language == "zh" else "not") in sentence, sentence
    # the company's own examples stay its secrets (its customer list is its own)
    own = [e for e in raw["zh"]["ip"]["trade_secret_examples"] if "客户名单" in e]
    assert own and own[0] in _document(zh[2], _title("P06"))


def test_the_laws_the_facts_call_for_are_cited(zh, corpus, templates):
    _, _, texts = zh
    manual = next(t for s, t in texts.items() if "-M-" in s or "手册" in s)
    laws_form = _document(texts, _title("R09"))
    for title in AI_LAWS:
        assert title in manual and title in laws_form, title
    # deep synthesis: no fact calls for it (no such service filed, no objective names it)
    assert "深度合成管理规定" not in laws_form
    # and none of them for a company training no models
    titles = {law["zh"]["title"] for law in LAWS}
    assert set(AI_LAWS) <= titles
    for path in EXAMPLES.glob("*.zh.yaml"):
        plan = _plan(path, corpus, templates)
        cited = [law["zh"]["title"] for law in templates.laws()
                 if templates.condition(law.get("when"), plan.context)]
        assert not set(AI_LAWS) & set(cited), path.name


def test_r06_has_a_data_licence_category_only_where_the_company_has_them(zh, corpus, templates):
    _, _, texts = zh
    words = next(c["zh"] for c in CATEGORIES if "数据" in c["zh"])
    assert words in _document(texts, _title("R06"))
    for path in EXAMPLES.glob("*.zh.yaml"):
        assert words not in _plan(path, corpus, templates).context["contract"]["categories"]


def test_nothing_of_it_for_other_companies(corpus, templates):
    for language, path in AI.items():  # the AI start-up plans it, in either language
        plan = _plan(path, corpus, templates, language)
        assert {"P31"} <= {p.code for p in plan.procedures}
        assert {"R82", "R83"} <= {f.code for f in plan.forms}
    for path in _others():
        language = "zh" if path.name.endswith(".zh.yaml") else "en"
        plan = _plan(path, corpus, templates, language)
        assert "P31" not in {p.code for p in plan.procedures}, path.name
        assert not {"R82", "R83"} & {f.code for f in plan.forms}, path.name


def test_the_intake_without_the_new_facts_stays_valid_and_is_asked_for_them(tmp_path):
    for language, path in AI.items():
        old = tmp_path / f"old.{language}.yaml"
        old.write_text(yaml.safe_dump(_without_new_facts(_raw(path)), allow_unicode=True,
                                      sort_keys=False), encoding="utf-8")
        _, report = load_intake_report(old)
        assert report.errors == []
        asked = {w.path for w in report.warnings}
        assert {f"{s}.{k}" for s, keys in NEW_FACTS.items() for k in keys} <= asked
        # with them: read back as the consultant wrote them, and not asked again
        _, report = load_intake_report(path)
        assert report.errors == []
        assert not {f"{s}.{k}" for s, keys in NEW_FACTS.items() for k in keys} & {
            w.path for w in report.warnings}
    # a company that speaks of no models is not asked
    for path in EXAMPLES.glob("*.yaml"):
        asked = {w.path for w in load_intake_report(path)[1].warnings}
        assert not {"ip.models", "ip.datasets"} & asked, path.name


def test_intake_check_shows_what_it_read():
    from click.testing import CliRunner

    from assistant.cli import cli

    raw = _raw(AI["zh"])
    out = CliRunner().invoke(cli, ["intake", "check", str(AI["zh"])]).output
    line = next(l for l in out.splitlines() if l.startswith("模型、数据和算法"))
    assert f"自有模型 {len(raw['ip']['models'])} 个" in line
    assert f"数据集 {len(raw['ip']['datasets'])} 个" in line
    assert "客户数据" in line and "生成式人工智能" in line
