"""The fifth tryout's company as a consultant completes its intake once `ipms intake check` asks
(tests/data/intakes/soe-rail-state.*.yaml: the tryout's files with ownership 国有, the group as
parent and asset approver, licensors at home or abroad, standards work, drawing suppliers and
classified work). The re-check found two contradictions the shipped intakes did not show: P-14
had the IP department note a group licence's licensee and scope in the IP ledger, which has no
such columns, and R-09 gave two regulations' revisions without their decree numbers."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import package_parts
from generators.intake import load_intake
from generators.package import draft_package

DATA = Path(__file__).parent / "data" / "intakes"


@pytest.fixture(scope="module", params=["zh", "en"])
def package(request, corpus, tmp_path_factory):
    """(language, findings, {part: text}) of the completed intake drafted in its own language."""
    language = request.param
    target = tmp_path_factory.mktemp(f"soe-state-{language}") / "pkg"
    result = draft_package(load_intake(DATA / f"soe-rail-state.{language}.yaml"), corpus, target,
                           language)
    return language, result.findings, package_parts(target)


def test_the_completed_intake_drafts_with_no_findings(package):
    _, findings, _ = package
    assert [f"{f.kind} {f.document} {f.where}: {f.message}" for f in findings] == []


def test_a_group_licence_is_entered_where_the_contract_register_keeps_it(package):
    language, _, texts = package
    group = next(line for line in texts["P-14"].splitlines()
                 if ("集团内许可协议" if language == "zh" else "intra-group licence") in line)
    assert ("《合同台账》" if language == "zh" else "Contract register") in group
    assert ("注明被许可方" if language == "zh" else "licensee, scope and term") not in group


def test_the_law_list_gives_decree_numbers_of_revised_regulations(package):
    language, _, texts = package
    laws = texts["R-09"]
    if language == "zh":
        assert "国务院令第732号" in laws and "国务院令第698号" in laws
    else:
        assert "Decree No. 732" in laws and "Decree No. 698" in laws
