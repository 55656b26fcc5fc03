"""The import benchmark's tree-agreement figure (`ipms bench --import`): an imported file is
compared with the clause tree of the text it was made from, and a difference is counted."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_the_benchmark_files_read_as_the_text_they_were_made_from(settings, tmp_path, form):
    from assistant.corpus import pdf_bench
    from assistant.corpus.build import add_user_document

    if form == "docx":
        data = pdf_bench.word_standard(3)
        source = "\n".join(printed for _, _, printed in pdf_bench.word_paragraphs(3))
    else:
        data = pdf_bench.typeset_standard(3)
        source = "\n".join(pdf_bench.standard_lines(chapters=pdf_bench.typeset_chapters(3)))
    path = tmp_path / f"bench.{form}"
    path.write_bytes(data)
    add_user_document(settings, path, "bench-standard", "样例")

    headings, whole, total = pdf_bench.tree_agreement(settings.home, "bench-standard", source)
    assert total >= 10 and headings == whole == total

    # One title (in the first clause) and one body (in the last) changed in the source: both are
    # counted as differences.
    changed = source.replace("具体要求1", "具体规定1", 1)
    head, _, tail = changed.rpartition("知识产权")
    changed = head + "知识权利" + tail
    headings, whole, total = pdf_bench.tree_agreement(settings.home, "bench-standard", changed)
    assert (headings, whole) == (total - 1, total - 2)
