"""Corpus runs through the library (no Prefect): failure isolation, cache, determinism."""

from __future__ import annotations

import json
import shutil

from conftest import SAMPLE

from extract.corpus import run_corpus


def _corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus / "sample.txt")
    (corpus / "gbk.txt").write_bytes("2021年，吴忠市投入5000万元，建成12个社区服务站。".encode("gbk"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return corpus


def test_bad_files_fail_alone(tmp_path) -> None:
    out = tmp_path / "out"
    summary = run_corpus(_corpus(tmp_path), out, workers=2)
    assert (summary.articles, summary.extracted, summary.failed) == (4, 2, 2)
    reasons = {f["article"]: f["reason"] for f in summary.failures}
    assert reasons == {"empty": "file is empty", "image": reasons["image"]}
    assert "binary" in reasons["image"]
    sample = json.loads((out / "articles" / "sample.json").read_text(encoding="utf-8"))
    assert len(sample["claims"]) > 50
    assert (out / "failed" / "failed.tsv").read_text(encoding="utf-8").count("\n") == 2


def test_unchanged_rerun_is_cached_and_outputs_are_identical(tmp_path) -> None:
    corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    run_corpus(corpus, out, workers=1)
    first = {p.name: p.read_bytes() for p in (out / "articles").iterdir()}
    summary = run_corpus(corpus, out, workers=1)
    assert summary.cached == 2 and summary.extracted == 0
    (corpus / "gbk.txt").write_bytes("2022年，吴忠市投入6000万元。".encode("gbk"))
    summary = run_corpus(corpus, out, workers=1)
    assert summary.cached == 1 and summary.extracted == 1
    other = tmp_path / "other"
    (corpus / "gbk.txt").write_bytes("2021年，吴忠市投入5000万元，建成12个社区服务站。".encode("gbk"))
    run_corpus(corpus, other, workers=2)
    assert {p.name: p.read_bytes() for p in (other / "articles").iterdir()} == first
