"""Extraction F1 on the gold corpus never falls below the committed baseline.

Raising tests/eval_baseline.json is a deliberate commit.
"""

from __future__ import annotations

import json

import pytest
from conftest import GOLD, REPO

from extract.evaluate.run import evaluate

BASELINE = json.loads((REPO / "tests" / "eval_baseline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate(GOLD)


@pytest.mark.parametrize("layer", sorted(BASELINE))
def test_layer_f1_at_least_baseline(report: dict, layer: str) -> None:
    f1 = report[layer]["exact"]["all"]["f1"]
    assert f1 >= BASELINE[layer], f"{layer} F1 {f1:.4f} fell below the baseline {BASELINE[layer]:.4f}"
