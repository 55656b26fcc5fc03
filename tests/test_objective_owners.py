"""Who an IP objective is deployed to (manual 6.3, R08's 责任部门: templates/objective_owners.yaml):
the department that does the work the objective measures, as the procedures name it. A tryout's
"出口产品在德国、法国完成自由实施（FTO）调查覆盖率 100%" went to its marketing department while its
export procedure (P-17) has the international trade department do the checks before export."""
from __future__ import annotations

from pathlib import Path

from generators.intake import load_intake
from helpers import intake_variant, planned

DATA = Path(__file__).parent / "data" / "intakes"
FTO = {"zh": "出口产品在德国、日本完成自由实施（FTO）调查覆盖率 100%",
       "en": "Freedom-to-operate searches for 100% of export products before they ship to Germany"}
LAUNCH = {"zh": "新产品上市前完成自由实施（FTO）调查", "en": "Freedom-to-operate search before each launch"}
MARKETING = {"zh": "品牌市场部", "en": "Brand Marketing Department"}


def _exporting_company(language: str, tmp_path: Path):
    """machine-vision with marketing apart from the department that exports, and an FTO
    objective for export products beside one for launches."""
    def change(data):
        departments = data["org"]["departments"]
        export = next(d for d in departments if d["key"] == "intl")
        export["functions"] = ["sales"]
        departments.append({"key": "mkt", "name": MARKETING[language], "head": "Zhou Lan",
                            "functions": ["marketing"], "ip_liaison": "Zhou Lan"})
        data["policy"]["objectives"] += [FTO[language], LAUNCH[language]]
    return load_intake(intake_variant(DATA / f"machine-vision.{language}.yaml", tmp_path, change))


def test_an_fto_objective_for_export_products_goes_to_whoever_exports(templates, corpus, tmp_path):
    for language in ("zh", "en"):
        (tmp_path / language).mkdir()
        intake = _exporting_company(language, tmp_path / language)
        context = planned(intake, templates, corpus, language).context
        owners = dict(zip(intake.policy.objectives, context["owners"]["objectives"]))
        exporter = context["role"]["export"]
        assert exporter != MARKETING[language], exporter
        assert owners[FTO[language]] == [exporter, context["dept"]["ip"]], owners[FTO[language]]
        # a launch's FTO search is still notified by marketing
        assert owners[LAUNCH[language]][0] == MARKETING[language], owners[LAUNCH[language]]
