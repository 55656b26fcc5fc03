"""Cleaning: the shipped texts keep only the documents' own words, and rebuild exactly from the
raw seeds."""
from __future__ import annotations

import hashlib
import shutil

import pytest

from assistant.corpus.build import build_shipped_corpus
from assistant.corpus.cleaning import clean_text
from helpers import CORPUS_DIR, SEEDS_DIR, SHIPPED_IDS, cleaned_text, entry, non_blank_lines, raw_text

pytestmark = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason="raw seeds not available")

FURNITURE = [  # fragments of page furniture seen in the raw web copies
    "Copyright", "©", "版权所有", "ICP备", "All rights reserved", "SEO标签",
    ".jpg", ".jpeg", ".png", "图片名称",
    "Longhua", "Golf Avenue", "Tazihu East Road", "Head Office", "Subsidiary Company",
    "您的位置", "免责声明", "Current location", "Release Time", "Recipe Complete Network",
    "墨西哥开始接种中国科兴新冠疫苗", "海外网评",  # the pasted headline list
    "来源:上海证券报", "上证报中国证券网讯",  # news source line and lead-in
    "It is mentioned:", "Follow the official", "More intellectual property information",
    "Service Number", "Subscription Number", "订阅号",
]


@pytest.mark.parametrize("fragment", FURNITURE)
def test_furniture_is_removed(fragment):
    assert any(fragment in raw_text(d) for d in SHIPPED_IDS), "the fragment must exist in a seed"
    for doc_id in SHIPPED_IDS:
        assert fragment not in cleaned_text(doc_id), doc_id


@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_every_kept_line_is_verbatim_from_the_seed_in_order(doc_id):
    raw_lines = [t for _, t in non_blank_lines(raw_text(doc_id))]
    position = 0
    for _, line in non_blank_lines(cleaned_text(doc_id)):
        while position < len(raw_lines) and line not in raw_lines[position]:
            position += 1
        assert position < len(raw_lines), f"{line[:40]!r} is not in {doc_id}'s seed (in order)"
        position += 1


def test_bj_ipm_keeps_every_line_of_its_seed():
    # the standard carries no furniture: nothing may be dropped, only indentation trimmed
    raw = [t for _, t in non_blank_lines(raw_text("bj-ipm"))]
    assert [t for _, t in non_blank_lines(cleaned_text("bj-ipm"))] == raw


@pytest.mark.parametrize("doc_id,first_words", [
    ("cert-quality-2020", "一、切实提高企业自主开展高质量贯标认证的认识"),
    ("iso56005-pilot", "1. Overall requirements"),
    ("impl-guide", "Manual preparation: prepare the enterprise intellectual property"),
    ("ipms-cert-en", "Management evaluation Top managers should regularly evaluate"),
])
def test_document_text_is_kept(doc_id, first_words):
    assert any(t.startswith(first_words) for _, t in non_blank_lines(cleaned_text(doc_id)))


def test_news_lead_in_is_trimmed_but_the_sentence_kept():
    lines = [t for _, t in non_blank_lines(cleaned_text("cert-quality-2020"))]
    assert any(t.startswith("提升企业知识产权管理国家标准贯彻质量") for t in lines)


@pytest.mark.parametrize("doc_id", SHIPPED_IDS)
def test_manifest_hash_is_the_hash_of_the_committed_file(doc_id):
    data = (CORPUS_DIR / entry(doc_id)["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry(doc_id)["sha256"]


def test_rebuild_from_seeds_reproduces_the_committed_corpus(tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, copy)
    for doc_id in SHIPPED_IDS:  # spoil the copies so the build has to write them again
        (copy / entry(doc_id)["file"]).write_text("stale\n", encoding="utf-8")
    build_shipped_corpus(SEEDS_DIR, copy)
    committed = sorted(p.name for p in CORPUS_DIR.iterdir() if p.is_file())
    assert sorted(p.name for p in copy.iterdir() if p.is_file()) == committed
    for name in committed:
        assert (copy / name).read_bytes() == (CORPUS_DIR / name).read_bytes(), name


def test_running_headers_are_dropped_and_text_kept():
    header = "企业知识产权管理规范 第 1 页"
    body = [f"{n}.1 企业应建立第{n}项制度，并保持记录。" for n in range(1, 6)]
    raw = "\n".join(x for line in body for x in (header, line))
    result = clean_text(raw)
    assert header not in result.text
    assert [t for _, t in non_blank_lines(result.text)] == body


def test_sentence_about_copyright_owners_is_not_furniture():
    text = "\n".join(["1 范围", "本标准规定了著作权管理要求。", "1.1 登记",
                      "企业应登记作品的版权所有人，并保存登记证书。",
                      "1.2 标注", "企业发布的作品应按规定标注©符号和权利人名称。", ""])
    kept = clean_text(text).text
    assert "企业应登记作品的版权所有人，并保存登记证书。" in kept
    assert "企业发布的作品应按规定标注©符号和权利人名称。" in kept
