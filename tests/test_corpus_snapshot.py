"""Loading the corpus while `corpus add --replace` or `remove` switches a document: the reader
sees the old manifest or the new one, never an error for a text that was just replaced."""
from __future__ import annotations

import json

from assistant.corpus import store


def test_a_text_replaced_between_manifest_and_read_is_read_from_the_new_manifest(tmp_path,
                                                                                   monkeypatch):
    (tmp_path / "doc.new.txt").write_text("1 范围\n本文件适用于企业。\n", encoding="utf-8")
    entry = {"id": "doc", "title_zh": "文件", "title_en": "Doc", "kind": "standard",
             "language": "zh", "issuer": "", "date": "", "source": "x", "structure": "sections"}
    manifests = iter([[{**entry, "file": "doc.old.txt"}],  # read before the switch: text gone
                      [{**entry, "file": "doc.new.txt"}]])
    monkeypatch.setattr(store, "read_manifest", lambda directory: next(manifests))
    texts = store._read_texts(tmp_path)
    assert [(meta.file, text) for meta, text in texts] == \
        [("doc.new.txt", "1 范围\n本文件适用于企业。\n")]


def test_a_text_that_stays_missing_is_one_clear_error(tmp_path):
    entry = {"id": "doc", "title_zh": "文件", "title_en": "Doc", "kind": "standard",
             "language": "zh", "issuer": "", "date": "", "source": "x", "structure": "sections",
             "file": "gone.txt"}
    (tmp_path / store.MANIFEST).write_text(json.dumps({"documents": [entry]}), encoding="utf-8")
    try:
        store._read_texts(tmp_path, attempts=2)
    except store.IpmsError as exc:
        assert "gone.txt" in str(exc) and "missing" in str(exc)
    else:
        raise AssertionError("a missing text was not reported")
