"""Every gold file is valid: offsets match the text, fields are valid, no duplicates."""

from __future__ import annotations

import pytest
from conftest import GOLD

from extract.evaluate.gold import gold_files, load_gold, validate_gold

GOLD_FILES = gold_files(GOLD)


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_file_is_valid(path) -> None:
    assert validate_gold(load_gold(path)) == []


def test_gold_corpus_size() -> None:
    totals = {"claims": 0, "entities": 0, "policies": 0}
    for path in GOLD_FILES:
        document = load_gold(path).document
        for layer in totals:
            totals[layer] += len(document[layer])
    assert len(GOLD_FILES) >= 10
    assert totals["claims"] >= 300 and totals["entities"] >= 400 and totals["policies"] >= 60, totals
