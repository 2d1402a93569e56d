"""The claims spec (src/extract/extractors/claims_spec.yaml), one test per case."""

from __future__ import annotations

import math

import pytest
from spec_cases import spec_params

from extract.pipeline import extract_text

_REQUIRED = ("value", "unit", "kind", "qualifier")
_DEFAULTED = {"value_max": None, "change": None}
_CHECKED_IF_GIVEN = ("subject", "time")


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-4, abs_tol=1e-9)


def _differences(expected: dict, claim: dict) -> list[str]:
    problems = []
    for key in _REQUIRED + tuple(_DEFAULTED):
        want = expected.get(key, _DEFAULTED.get(key))
        got = claim[key]
        same = _same_number(want, got) if key in ("value", "value_max") else want == got
        if not same:
            problems.append(f"{key}: expected {want!r}, got {got!r}")
    for key in _CHECKED_IF_GIVEN:
        if key in expected and expected[key] != claim[key]:
            problems.append(f"{key}: expected {expected[key]!r}, got {claim[key]!r}")
    return problems


@pytest.mark.parametrize("case", spec_params("claims_spec.yaml"))
def test_claims_spec(case: dict) -> None:
    claims = extract_text(case["text"]).model_dump(mode="json")["claims"]
    got_texts = [c["text"] for c in claims]
    want_texts = [c["text"] for c in case["claims"]]
    assert got_texts == want_texts, f"claims found {got_texts}, expected {want_texts}"
    problems = [f"{c['text']}: {p}" for want, c in zip(case["claims"], claims) for p in _differences(want, c)]
    assert not problems, "; ".join(problems)
